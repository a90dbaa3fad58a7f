package dev.csatkit.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A compare-and-set of a {@link LowScoreReview}: {@code next} is written only while the stored
 * review is still {@code current} (the same version), or, when {@code current} is empty, while the
 * survey has no review at all.
 *
 * @param current the review as read, or empty when none was stored
 * @param next the review to write: version 0 when {@code current} is empty, else
 *     {@code current.version() + 1}, with the same survey key
 */
public record ReviewChange(Optional<LowScoreReview> current, LowScoreReview next) {

    /** Checks that {@code next} follows {@code current}. */
    public ReviewChange {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(next, "next");
        long expected = current.map(c -> c.version() + 1).orElse(0L);
        if (current.isPresent() && !current.get().surveyKey().equals(next.surveyKey()) || next.version() != expected) {
            throw new IllegalArgumentException("the next version of the review of survey "
                    + current.map(LowScoreReview::surveyKey).orElse(next.surveyKey()) + " must have that key and version "
                    + expected + ", not " + next.surveyKey() + " v" + next.version());
        }
        if (current.isPresent()) {
            LowScoreReview c = current.get();
            if (!c.surveyId().equals(next.surveyId()) || !c.interactionId().equals(next.interactionId())
                    || !c.contactId().equals(next.contactId()) || !c.openedAt().equals(next.openedAt())) {
                throw new IllegalArgumentException("the review of survey " + c.surveyKey() + " keeps its survey, "
                        + "interaction, contact and opening time from version to version");
            }
        }
    }

    /**
     * @param review a review at version 0
     * @return the change that opens it, where the survey has no review yet
     */
    public static ReviewChange open(LowScoreReview review) {
        return new ReviewChange(Optional.empty(), review);
    }

    /**
     * @param from the review as read
     * @param to its next version
     * @return the change
     */
    public static ReviewChange of(LowScoreReview from, LowScoreReview to) {
        return new ReviewChange(Optional.of(from), to);
    }

    /** @return the survey key of the review */
    public String surveyKey() {
        return next.surveyKey();
    }

    /** @return the version that must be stored for the change to be written, or -1 for none */
    public long expectedVersion() {
        return current.map(LowScoreReview::version).orElse(-1L);
    }
}
