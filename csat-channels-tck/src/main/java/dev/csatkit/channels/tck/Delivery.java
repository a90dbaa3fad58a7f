package dev.csatkit.channels.tck;

import dev.csatkit.channels.spi.MessageContent;
import java.util.Objects;

/**
 * One message as the provider received it, rebuilt by the adapter test from what the provider
 * side saw (a captured HTTP request, a received email, a console line), not from what the
 * adapter was given.
 *
 * @param recipient the address the provider delivered to
 * @param idempotencyKey the idempotency key the provider received with it, as sent on the wire
 * @param content the content as received, rebuilt into the SPI's form
 */
public record Delivery(String recipient, String idempotencyKey, MessageContent content) {
    /** Checks the components are present. */
    public Delivery {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(content, "content");
    }
}
