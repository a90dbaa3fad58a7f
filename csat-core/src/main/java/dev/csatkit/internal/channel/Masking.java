package dev.csatkit.internal.channel;

import org.jspecify.annotations.Nullable;

/**
 * The core's name for {@link dev.csatkit.channels.support.Masking}, the public masking every
 * channel adapter uses too, so that a log line masks an address the same way whoever wrote it.
 */
public final class Masking {

    /** What a name or a comment is shown as: nothing of it, not even its length. */
    public static final String HIDDEN = dev.csatkit.channels.support.Masking.HIDDEN;

    private Masking() {
    }

    /** @see dev.csatkit.channels.support.Masking#address(String) */
    public static String address(@Nullable String address) {
        return dev.csatkit.channels.support.Masking.address(address);
    }

    /** @see dev.csatkit.channels.support.Masking#phone(String) */
    public static String phone(String number) {
        return dev.csatkit.channels.support.Masking.phone(number);
    }

    /** @see dev.csatkit.channels.support.Masking#email(String) */
    public static String email(String email) {
        return dev.csatkit.channels.support.Masking.email(email);
    }

    /** @see dev.csatkit.channels.support.Masking#hidden(String) */
    public static String hidden(@Nullable String text) {
        return dev.csatkit.channels.support.Masking.hidden(text);
    }

    /** @see dev.csatkit.channels.support.Masking#text(String) */
    public static String text(@Nullable String text) {
        return dev.csatkit.channels.support.Masking.text(text);
    }

    /** @see dev.csatkit.channels.support.Masking#escape(String) */
    public static String escape(@Nullable String text) {
        return dev.csatkit.channels.support.Masking.escape(text);
    }
}
