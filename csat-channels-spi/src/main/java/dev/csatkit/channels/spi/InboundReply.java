package dev.csatkit.channels.spi;

import java.time.Instant;

/**
 * A reply that arrived on a channel, normalised by the adapter.
 *
 * @param channelId the id of the channel it arrived on ({@link Channel#id()})
 * @param sender who sent it: an E.164 number, an email address or a chat user id; for a
 *     {@link ReplyContent.Link}, the recipient the link's token was signed for
 * @param recipient where it was sent: the survey's sending number or address, which tells which
 *     survey a reply belongs to when a customer has several
 * @param content what the customer sent
 * @param providerMessageId the provider's id for the reply; the same when the provider delivers
 *     the same event twice, so the host handles it once
 * @param receivedAt when the adapter received it, from its injected clock
 */
public record InboundReply(String channelId, String sender, String recipient, ReplyContent content,
        String providerMessageId, Instant receivedAt) {

    /**
     * @throws IllegalArgumentException naming the field, the value and the rule broken
     */
    public InboundReply {
        Require.line("channelId", channelId, 128);
        Require.address("sender", sender, OutboundMessage.MAX_ADDRESS_LENGTH);
        Require.address("recipient", recipient, OutboundMessage.MAX_ADDRESS_LENGTH);
        Require.present("content", content);
        Require.line("providerMessageId", providerMessageId, 256);
        Require.present("receivedAt", receivedAt);
    }

    /**
     * Describes the reply for a log line: the addresses masked, the content without what the
     * customer wrote.
     *
     * @return {@code InboundReply[channelId=…, sender=+44***58, …]}
     */
    @Override
    public String toString() {
        return "InboundReply[channelId=" + channelId + ", sender=" + Redact.address(sender) + ", recipient="
                + Redact.address(recipient) + ", content=" + content + ", providerMessageId="
                + Redact.escape(providerMessageId) + ", receivedAt=" + receivedAt + "]";
    }
}
