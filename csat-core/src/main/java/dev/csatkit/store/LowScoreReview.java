package dev.csatkit.store;

import dev.csatkit.internal.Checks;
import dev.csatkit.internal.Fields;
import dev.csatkit.internal.channel.Masking;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The review of one dissatisfied response: opened by the engine when a rating at or below the
 * profile's low-score threshold is recorded, then taken by a reviewer and resolved with notes
 * (see {@link ReviewStatus} for every way its status moves). One survey has at most one review,
 * keyed by the survey's key. Like a survey, a review is never changed in place: each change is a
 * copy with {@code version + 1}, written by a compare-and-set ({@link ReviewChange}).
 *
 * @param surveyKey the survey the low score answered; the review's own key
 * @param version incremented by every change; the compare-and-set token
 * @param surveyId the survey definition
 * @param interactionId the interaction rated
 * @param contactId the contact who rated it
 * @param agent the agent credited
 * @param team the agent's team
 * @param score the low score under review (the latest, when the customer changed it)
 * @param status where the review stands
 * @param openedAt when the low score opened it
 * @param changedAt when it last changed
 * @param reviewer who has it in review, or resolved it; empty while it waits
 * @param takenAt when that reviewer took it
 * @param resolvedAt when it was resolved; empty unless {@link ReviewStatus#RESOLVED}
 * @param notes the notes of the latest resolution; kept when it is reopened, for the next reviewer
 * @param reopened how many times it was reopened after being resolved or withdrawn
 * @param reopenReason why it was last reopened
 */
public record LowScoreReview(
        String surveyKey,
        long version,
        String surveyId,
        String interactionId,
        String contactId,
        Optional<String> agent,
        Optional<String> team,
        int score,
        ReviewStatus status,
        Instant openedAt,
        Instant changedAt,
        Optional<String> reviewer,
        Optional<Instant> takenAt,
        Optional<Instant> resolvedAt,
        Optional<ReviewNotes> notes,
        int reopened,
        Optional<String> reopenReason) {

    /** The longest key, id or reviewer name, in characters. */
    public static final int MAX_TEXT_LENGTH = 256;

    /**
     * Validates the review.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public LowScoreReview {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(reopenReason, "reopenReason");
        Checks checks = Checks.of("low-score review");
        checks.line("surveyKey", surveyKey, MAX_TEXT_LENGTH);
        checks.line("surveyId", surveyId, MAX_TEXT_LENGTH);
        checks.line("interactionId", interactionId, MAX_TEXT_LENGTH);
        checks.line("contactId", contactId, MAX_TEXT_LENGTH);
        reviewer.ifPresent(r -> checks.line("reviewer", r, MAX_TEXT_LENGTH, Masking::text));
        checks.check(version >= 0, "version", version, "must not be negative");
        checks.check(reopened >= 0, "reopened", reopened, "must not be negative");
        checks.check(!changedAt.isBefore(openedAt), "changedAt", changedAt, "must not be before openedAt " + openedAt);
        checks.check(status != ReviewStatus.OPEN || reviewer.isEmpty(), "reviewer", reviewer.map(Masking::text),
                "must be empty while the review is OPEN");
        checks.check(status != ReviewStatus.IN_REVIEW && status != ReviewStatus.RESOLVED || reviewer.isPresent()
                && takenAt.isPresent(), "reviewer", null, "and takenAt must be set once the review is " + status);
        checks.check(status == ReviewStatus.RESOLVED ? resolvedAt.isPresent() && notes.isPresent()
                : resolvedAt.isEmpty(), "resolvedAt", resolvedAt.orElse(null),
                status == ReviewStatus.RESOLVED ? "and notes must be set once the review is RESOLVED"
                        : "must be empty unless the review is RESOLVED");
        reopenReason.ifPresent(r -> checks.check(r.length() <= ReviewNotes.MAX_LENGTH && Checks.wellFormed(r),
                "reopenReason", Masking.hidden(r), "must be at most " + ReviewNotes.MAX_LENGTH
                        + " characters of well-formed Unicode"));
        checks.throwIfAny();
    }

    /**
     * Starts the review of a low score, {@link ReviewStatus#OPEN} at version 0.
     *
     * @param survey the survey that got the low score
     * @param score the low score
     * @param at when it was recorded
     * @return the review
     */
    public static LowScoreReview open(OpenSurvey survey, int score, Instant at) {
        return builder(survey.id(), survey.surveyId(), survey.interactionId(), survey.contactId(), score, at)
                .credit(survey.agent(), survey.team()).build();
    }

    /**
     * @param surveyKey the survey's key
     * @param surveyId the survey definition
     * @param interactionId the interaction rated
     * @param contactId the contact
     * @param score the low score
     * @param openedAt when it was recorded
     * @return a builder for an {@link ReviewStatus#OPEN} review at version 0
     */
    public static Builder builder(String surveyKey, String surveyId, String interactionId, String contactId,
            int score, Instant openedAt) {
        return new Builder(surveyKey, surveyId, interactionId, contactId, score, openedAt);
    }

    /** @return a builder holding this review's values, for writing the next version */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Describes the review with the reviewer's email or phone masked and the notes hidden.
     *
     * @return the review in the form of a record, masked
     */
    @Override
    public String toString() {
        return Fields.of("LowScoreReview").add("surveyKey", surveyKey).add("version", version)
                .add("surveyId", surveyId).add("interactionId", interactionId).add("contactId", contactId)
                .add("agent", agent).add("team", team).add("score", score).add("status", status)
                .add("openedAt", openedAt).add("changedAt", changedAt).add("reviewer", reviewer.map(Masking::text))
                .add("takenAt", takenAt).add("resolvedAt", resolvedAt).add("notes", notes).add("reopened", reopened)
                .add("reopenReason", reopenReason.map(Masking::hidden)).toString();
    }

    /** Builds a {@link LowScoreReview}. Not thread-safe. */
    public static final class Builder {
        private final String surveyKey;
        private long version;
        private final String surveyId;
        private final String interactionId;
        private final String contactId;
        private Optional<String> agent = Optional.empty();
        private Optional<String> team = Optional.empty();
        private int score;
        private ReviewStatus status = ReviewStatus.OPEN;
        private final Instant openedAt;
        private Instant changedAt;
        private Optional<String> reviewer = Optional.empty();
        private Optional<Instant> takenAt = Optional.empty();
        private Optional<Instant> resolvedAt = Optional.empty();
        private Optional<ReviewNotes> notes = Optional.empty();
        private int reopened;
        private Optional<String> reopenReason = Optional.empty();

        private Builder(String surveyKey, String surveyId, String interactionId, String contactId, int score,
                Instant openedAt) {
            this.surveyKey = surveyKey;
            this.surveyId = surveyId;
            this.interactionId = interactionId;
            this.contactId = contactId;
            this.score = score;
            this.openedAt = openedAt;
            this.changedAt = openedAt;
        }

        private Builder(LowScoreReview r) {
            this(r.surveyKey, r.surveyId, r.interactionId, r.contactId, r.score, r.openedAt);
            version = r.version;
            agent = r.agent;
            team = r.team;
            status = r.status;
            changedAt = r.changedAt;
            reviewer = r.reviewer;
            takenAt = r.takenAt;
            resolvedAt = r.resolvedAt;
            notes = r.notes;
            reopened = r.reopened;
            reopenReason = r.reopenReason;
        }

        /** @param value the version @return this */
        public Builder version(long value) {
            version = value;
            return this;
        }

        /**
         * The next version, changed at {@code at}.
         *
         * @param at when it changes
         * @return this
         */
        public Builder next(Instant at) {
            version++;
            changedAt = Objects.requireNonNull(at, "at");
            return this;
        }

        /** @param agentId the agent credited @param teamId the agent's team @return this */
        public Builder credit(Optional<String> agentId, Optional<String> teamId) {
            agent = Objects.requireNonNull(agentId, "agent");
            team = Objects.requireNonNull(teamId, "team");
            return this;
        }

        /** @param value the low score @return this */
        public Builder score(int value) {
            score = value;
            return this;
        }

        /** @param value the status @return this */
        public Builder status(ReviewStatus value) {
            status = Objects.requireNonNull(value, "status");
            return this;
        }

        /** @param value when it last changed @return this */
        public Builder changedAt(Instant value) {
            changedAt = Objects.requireNonNull(value, "changedAt");
            return this;
        }

        /**
         * @param who the reviewer, or null for none
         * @param at when they took it, or null
         * @return this
         */
        public Builder reviewer(@Nullable String who, @Nullable Instant at) {
            reviewer = Optional.ofNullable(who);
            takenAt = Optional.ofNullable(at);
            return this;
        }

        /**
         * @param at when it was resolved, or null when it is not
         * @return this
         */
        public Builder resolvedAt(@Nullable Instant at) {
            resolvedAt = Optional.ofNullable(at);
            return this;
        }

        /** @param value the notes @return this */
        public Builder notes(ReviewNotes value) {
            notes = Optional.of(value);
            return this;
        }

        /**
         * @param count how many times it was reopened
         * @param reason why it was last reopened, or null
         * @return this
         */
        public Builder reopened(int count, @Nullable String reason) {
            reopened = count;
            reopenReason = Optional.ofNullable(reason);
            return this;
        }

        /** @return the review */
        public LowScoreReview build() {
            return new LowScoreReview(surveyKey, version, surveyId, interactionId, contactId, agent, team, score,
                    status, openedAt, changedAt, reviewer, takenAt, resolvedAt, notes, reopened, reopenReason);
        }
    }
}
