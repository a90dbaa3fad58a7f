package dev.csatkit.channels.tck;

import dev.csatkit.channels.spi.ReplyContent;
import java.util.Objects;

/**
 * A reply the kit asks the adapter test to send through the provider's real inbound path (a
 * webhook call, a line of the inbound feed, a scripted call, a followed email link).
 *
 * @param from the customer's address as the provider writes it; for phone channels it carries
 *     spaces and brackets, which the adapter must normalise to E.164
 * @param to the channel's own address the reply was sent to
 * @param content what the customer sent
 * @param providerMessageId the provider's id for the event; use it where the provider lets the
 *     sender of the event choose one (a webhook body, a feed line, a call id)
 */
public record CustomerReply(String from, String to, ReplyContent content, String providerMessageId) {
    /** Checks the components are present. */
    public CustomerReply {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
    }
}
