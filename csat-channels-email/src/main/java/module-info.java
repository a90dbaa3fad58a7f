/**
 * The email channel of CSAT Kit: surveys over SMTP with Jakarta Mail, and the page their signed
 * rating links lead to. Registers the {@code smtp-email} channel provider.
 */
module dev.csatkit.channels.email {
    requires transitive dev.csatkit.core;
    requires transitive dev.csatkit.channels.support;
    requires jakarta.mail;
    requires org.eclipse.angus.mail;
    requires org.slf4j;
    requires static org.jspecify;

    exports dev.csatkit.channels.email;

    provides dev.csatkit.channels.spi.ChannelProvider with dev.csatkit.channels.email.SmtpEmailProvider;
}
