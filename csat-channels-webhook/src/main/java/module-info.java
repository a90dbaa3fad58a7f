/**
 * The webhook chat channel of CSAT Kit: surveys posted as JSON to a chat platform, replies
 * received on a webhook signed with a timestamped HMAC. Registers the {@code webhook-chat}
 * channel provider.
 */
module dev.csatkit.channels.webhook {
    requires transitive dev.csatkit.core;
    requires transitive dev.csatkit.channels.support;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static org.jspecify;

    exports dev.csatkit.channels.webhook;

    provides dev.csatkit.channels.spi.ChannelProvider with dev.csatkit.channels.webhook.WebhookChatProvider;
}
