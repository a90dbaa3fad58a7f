package dev.csatkit.store;

import java.time.Instant;
import java.util.Objects;

/** What {@link SurveyStore#apply} did with a {@link Transition}. */
public sealed interface ApplyResult {

    /**
     * Everything was written.
     *
     * @param optOutRecorded whether the transition's opt-out was new (and so its confirmation
     *     was written); {@code false} when it had none or the keys were already opted out. For an
     *     opt-in, whether it lifted an opt-out of any of its keys
     */
    record Applied(boolean optOutRecorded) implements ApplyResult {
    }

    /**
     * The survey changed since it was read (or is gone), or the review of a low score the step
     * changes did; nothing was written.
     */
    record Stale() implements ApplyResult {
    }

    /** The inbound message was recorded before: a redelivery. Nothing was written. */
    record Duplicate() implements ApplyResult {
    }

    /**
     * A cap hold the transition moves is held by another survey; nothing was written.
     *
     * @param key the cap key
     * @param heldUntil until when the other survey holds it
     */
    record Capped(String key, Instant heldUntil) implements ApplyResult {
        /** Checks that nothing is missing. */
        public Capped {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(heldUntil, "heldUntil");
        }
    }
}
