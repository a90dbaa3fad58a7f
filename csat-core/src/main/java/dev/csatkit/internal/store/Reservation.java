package dev.csatkit.internal.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer to a frequency-cap hold ({@link Ledger#reserve}) or to a decision's claim-and-hold
 * ({@link Ledger#reserveOnce}).
 */
public sealed interface Reservation permits Reservation.Granted, Reservation.Denied, Reservation.AlreadyClaimed {

    /**
     * The key was free and is now held.
     *
     * @param until when the hold expires; also the token that {@link Ledger#release} needs
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

    /**
     * The interaction was already claimed, so this is a replay of a decision already taken:
     * nothing was claimed or held this time.
     *
     * @param claimedUntil when the existing claim expires, after which the interaction is no longer
     *     recognised
     */
    record AlreadyClaimed(Instant claimedUntil) implements Reservation {
        /** Checks the component is present. */
        public AlreadyClaimed {
            Objects.requireNonNull(claimedUntil, "claimedUntil");
        }
    }
}
