package dev.csatkit.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer to a frequency-cap reservation.
 */
public sealed interface Reservation permits Reservation.Granted, Reservation.Denied {

    /**
     * The key was free and is now held.
     *
     * @param until when the hold expires; also the token that {@link ContactLedger#release} needs
     */
    record Granted(Instant until) implements Reservation {
        /** Checks the component is present. */
        public Granted {
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * The key is already held.
     *
     * @param heldUntil when the existing hold expires
     */
    record Denied(Instant heldUntil) implements Reservation {
        /** Checks the component is present. */
        public Denied {
            Objects.requireNonNull(heldUntil, "heldUntil");
        }
    }
}
