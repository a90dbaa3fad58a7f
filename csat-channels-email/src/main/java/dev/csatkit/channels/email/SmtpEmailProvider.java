package dev.csatkit.channels.email;

import dev.csatkit.channels.spi.Channel;
import dev.csatkit.channels.spi.ChannelContext;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.ChannelProvider;

/**
 * {@code smtp-email}: settings {@code smtp.host} (required), {@code smtp.port} (default 25) and
 * {@code from} (required). The link page is started by the host with
 * {@link EmailLinkEndpoint#builder}, since it needs the host's link keys.
 */
public final class SmtpEmailProvider implements ChannelProvider {

    /** For {@link java.util.ServiceLoader}. */
    public SmtpEmailProvider() {
    }

    @Override
    public String type() {
        return "smtp-email";
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    @Override
    public Channel create(ChannelContext context) {
        String port = context.setting("smtp.port").orElse("25").strip();
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
            throw new IllegalArgumentException("settings.smtp.port = \"" + dev.csatkit.channels.support.Masking.escape(port)
                    + "\": must be a port number from 1 to 65535");
        }
        return new SmtpEmailChannel(context, context.requireSetting("smtp.host"), Integer.parseInt(port),
                context.requireSetting("from"));
    }
}
