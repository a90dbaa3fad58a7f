package dev.csatkit.engine;

import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ReviewChange;
import dev.csatkit.store.ReviewNotes;
import dev.csatkit.store.ReviewStatus;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every way the review of a low score changes, as pure functions of (review, input, time), in
 * one place as {@link SurveyMachine} is for surveys. The engine writes what they answer as one
 * compare-and-set, with the survey's step or on its own.
 *
 * <ul>
 *   <li>a low score opens the review; a later low score of the same survey updates its score
 *       while it is open, and opens it again once withdrawn; a resolved review stays resolved;</li>
 *   <li>a satisfied rating that replaces the low score withdraws an open review;</li>
 *   <li>a reviewer takes an open review, or takes over one another reviewer has in review;</li>
 *   <li>only the reviewer who has it in review resolves it, with notes;</li>
 *   <li>nothing leaves {@link ReviewStatus#RESOLVED} or {@link ReviewStatus#WITHDRAWN} but
 *       reopening, which sends it back to {@link ReviewStatus#OPEN} with the earlier notes kept.</li>
 * </ul>
 */
final class ReviewRules {

    private ReviewRules() {
    }

    /**
     * A change and the event it causes.
     *
     * @param change the compare-and-set to write
     * @param event the event to publish once written; null when the status does not change
     */
    record Change(ReviewChange change, SurveyEvent.@Nullable ReviewChanged event) {
    }

    /** A low score was recorded for {@code survey}. */
    static @Nullable Change lowScore(Optional<LowScoreReview> stored, OpenSurvey survey, int score, Instant now) {
        if (stored.isEmpty()) {
            LowScoreReview opened = LowScoreReview.open(survey, score, now);
            return new Change(ReviewChange.open(opened), new SurveyEvent.ReviewChanged(opened, Optional.empty(),
                    Optional.empty(), now));
        }
        LowScoreReview r = stored.get();
        return switch (r.status()) {
            case OPEN, IN_REVIEW -> r.score() == score ? null
                    : new Change(ReviewChange.of(r, r.toBuilder().next(now).score(score).build()), null);
            case WITHDRAWN -> {
                LowScoreReview next = r.toBuilder().next(now).score(score).status(ReviewStatus.OPEN)
                        .reviewer(null, null).build();
                yield new Change(ReviewChange.of(r, next), new SurveyEvent.ReviewChanged(next,
                        Optional.of(r.status()), Optional.empty(), now));
            }
            case RESOLVED -> null; // the resolution stands; reopening it is a reviewer's call
        };
    }

    /** The customer replaced the low score with a rating above the threshold. */
    static @Nullable Change withdrawn(Optional<LowScoreReview> stored, Instant now) {
        if (stored.isEmpty() || !stored.get().status().isOpen()) {
            return null;
        }
        LowScoreReview r = stored.get();
        LowScoreReview next = r.toBuilder().next(now).status(ReviewStatus.WITHDRAWN).build();
        return new Change(ReviewChange.of(r, next), new SurveyEvent.ReviewChanged(next, Optional.of(r.status()),
                Optional.empty(), now));
    }

    /** A reviewer takes the review; the same reviewer taking it again changes nothing. */
    static LowScoreReview take(String surveyKey, Optional<LowScoreReview> stored, String reviewer, Instant now) {
        LowScoreReview r = existing(surveyKey, stored, "take");
        switch (r.status()) {
            case OPEN, IN_REVIEW -> {
                if (r.status() == ReviewStatus.IN_REVIEW && r.reviewer().orElseThrow().equals(reviewer)) {
                    return r;
                }
                return r.toBuilder().next(now).status(ReviewStatus.IN_REVIEW).reviewer(reviewer, now).build();
            }
            case RESOLVED -> throw refused(r, "take", "it was resolved at " + r.resolvedAt().orElseThrow()
                    + "; reopen it (reopenReview) to review it again");
            default -> throw refused(r, "take", "the customer replaced the low score with a satisfied rating; reopen "
                    + "it (reopenReview) to review it anyway");
        }
    }

    /** The reviewer who has the review resolves it with notes. */
    static LowScoreReview resolve(String surveyKey, Optional<LowScoreReview> stored, String reviewer,
            ReviewNotes notes, Instant now) {
        LowScoreReview r = existing(surveyKey, stored, "resolve");
        return switch (r.status()) {
            case OPEN -> throw refused(r, "resolve", "nobody has taken it; take it (takeReview) first");
            case IN_REVIEW -> {
                if (!r.reviewer().orElseThrow().equals(reviewer)) {
                    throw refused(r, "resolve", "another reviewer has it in review since " + r.takenAt().orElseThrow()
                            + "; take it over (takeReview) first");
                }
                yield r.toBuilder().next(now).status(ReviewStatus.RESOLVED).resolvedAt(now).notes(notes).build();
            }
            case RESOLVED -> throw refused(r, "resolve", "it was resolved at " + r.resolvedAt().orElseThrow()
                    + "; reopen it (reopenReview) to change its notes");
            case WITHDRAWN -> throw refused(r, "resolve", "the customer replaced the low score with a satisfied "
                    + "rating; reopen it (reopenReview) to review it anyway");
        };
    }

    /** A resolved or withdrawn review goes back to the queue. */
    static LowScoreReview reopen(String surveyKey, Optional<LowScoreReview> stored, String reason, Instant now) {
        LowScoreReview r = existing(surveyKey, stored, "reopen");
        if (r.status().isOpen()) {
            throw refused(r, "reopen", "it is still open; only a resolved or withdrawn review is reopened");
        }
        return r.toBuilder().next(now).status(ReviewStatus.OPEN).reviewer(null, null).resolvedAt(null)
                .reopened(r.reopened() + 1, reason).build();
    }

    private static LowScoreReview existing(String surveyKey, Optional<LowScoreReview> stored, String action) {
        return stored.orElseThrow(() -> new ReviewRefusedException(surveyKey, Optional.empty(), "cannot " + action
                + " the review of survey " + surveyKey + ": there is none; a review opens only when a low score is "
                + "recorded"));
    }

    private static ReviewRefusedException refused(LowScoreReview r, String action, String why) {
        return new ReviewRefusedException(r.surveyKey(), Optional.of(r.status()), "cannot " + action
                + " the review of survey " + r.surveyKey() + ": it is " + r.status() + ": " + why);
    }
}
