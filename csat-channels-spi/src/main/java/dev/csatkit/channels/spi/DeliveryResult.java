package dev.csatkit.channels.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider's answer to a send. A closed family: switch over the three records.
 */
public sealed interface DeliveryResult
        permits DeliveryResult.Accepted, DeliveryResult.RetryLater, DeliveryResult.FailedPermanently {

    /**
     * The provider took the message.
     *
     * @param providerMessageId the provider's id for it, for delivery receipts and support tickets
     * @return the result
     */
    static DeliveryResult accepted(String providerMessageId) {
        return new Accepted(providerMessageId);
    }

    /**
     * The provider could not take the message now; sending it again later with the same
     * idempotency key is safe.
     *
     * @param reason what went wrong, for logs
     * @return the result, with no suggested delay
     */
    static DeliveryResult retryLater(String reason) {
        return new RetryLater(Optional.empty(), reason);
    }

    /**
     * Like {@link #retryLater(String)}, with the delay the provider asked for (an HTTP
     * {@code Retry-After}, for instance).
     *
     * @param delay how long to wait before the next try
     * @param reason what went wrong, for logs
     * @return the result
     */
    static DeliveryResult retryAfter(Duration delay, String reason) {
        return new RetryLater(Optional.of(delay), reason);
    }

    /**
     * The provider refused the message for good; sending it again will not help.
     *
     * @param reason why, for logs and for the host's records (an invalid number, a blocked
     *     address)
     * @return the result
     */
    static DeliveryResult failedPermanently(String reason) {
        return new FailedPermanently(reason);
    }

    /**
     * The provider took the message.
     *
     * @param providerMessageId the provider's id for the message; 1–256 characters, one line
     */
    record Accepted(String providerMessageId) implements DeliveryResult {
        /** @throws IllegalArgumentException when the id is blank, too long or spans lines */
        public Accepted {
            Require.line("providerMessageId", providerMessageId, 256);
        }
    }

    /**
     * A temporary failure: throttling, a timeout, a provider outage.
     *
     * @param delay the wait the provider asked for, if it asked; never negative
     * @param reason what went wrong; not blank
     */
    record RetryLater(Optional<Duration> delay, String reason) implements DeliveryResult {
        /** @throws IllegalArgumentException when the delay is negative or the reason blank */
        public RetryLater {
            Require.present("delay", delay).ifPresent(d -> {
                if (d.isNegative()) {
                    throw Require.invalid("delay", d, "must not be negative");
                }
            });
            Require.text("reason", reason, 4096);
        }
    }

    /**
     * A permanent failure: the address does not exist, the recipient blocked the sender, the
     * provider refused the content.
     *
     * @param reason why; not blank
     */
    record FailedPermanently(String reason) implements DeliveryResult {
        /** @throws IllegalArgumentException when the reason is blank */
        public FailedPermanently {
            Require.text("reason", reason, 4096);
        }
    }
}
