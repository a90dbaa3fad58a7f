package dev.csatkit.channels.webhook;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.ChannelProvider;
import dev.csatkit.channels.support.Masking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * {@code webhook-chat}: settings {@code send.url} (required), {@code webhook.secret} (at least 32
 * bytes of UTF-8; required unless {@code webhook.unsigned} is {@code true}, for local development
 * only), {@code webhook.host} (default {@code 127.0.0.1}), {@code webhook.port} (default 0: any
 * free port) and {@code maxButtons} (default 10).
 */
public final class WebhookChatProvider implements ChannelProvider {

    /** For {@link java.util.ServiceLoader}. */
    public WebhookChatProvider() {
    }

    @Override
    public String type() {
        return "webhook-chat";
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.CHAT;
    }

    @Override
    public Channel create(ChannelContext context) {
        WebhookChatChannel.Builder b = WebhookChatChannel.builder(context, URI.create(context.requireSetting("send.url")))
                .maxButtons(intSetting(context, "maxButtons", 10))
                .bind(context.setting("webhook.host").orElse("127.0.0.1"), intSetting(context, "webhook.port", 0));
        context.setting("webhook.secret").ifPresent(s -> b.secret(s.getBytes(StandardCharsets.UTF_8)));
        String unsigned = context.setting("webhook.unsigned").orElse("false").strip();
        if (!unsigned.equals("true") && !unsigned.equals("false")) {
            throw new IllegalArgumentException("settings.webhook.unsigned = \"" + Masking.escape(unsigned)
                    + "\": must be true or false");
        }
        if (unsigned.equals("true")) {
            b.unsignedForLocalDevelopment();
        }
        try {
            return b.start();
        } catch (IOException e) {
            throw new UncheckedIOException("channel " + context.channelId() + ": the webhook could not start", e);
        }
    }

    private static int intSetting(ChannelContext c, String name, int fallback) {
        String v = c.setting(name).orElse(null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("settings." + name + " = \"" + Masking.escape(v) + "\": must be a whole number");
        }
    }
}
