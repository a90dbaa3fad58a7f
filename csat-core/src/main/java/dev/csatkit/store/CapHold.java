package dev.csatkit.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A frequency-cap hold a survey owns: while it lasts, no other survey may take the same key.
 * The hold's expiry doubles as its owner's token, so a survey can move or release only the hold
 * it was granted, never a newer one taken by another survey.
 *
 * @param key the cap key (per survey and contact, or per contact across surveys)
 * @param until when the hold expires
 */
public record CapHold(String key, Instant until) {
    /** Checks that nothing is missing. */
    public CapHold {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(until, "until");
    }
}
