package dev.csatkit.store;

import dev.csatkit.score.SurveyResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything one step of a survey's life writes, applied by {@link SurveyStore#apply} as one
 * atomic operation: all of it is written, or none of it.
 *
 * @param current the survey version the step was computed from, checked against the stored one
 * @param next the survey's next version ({@code current.version() + 1}); empty when the step
 *     changes no survey (a reply to no survey that still opts an address out)
 * @param holds cap holds to move or release; each must still be the survey's own (or free),
 *     else nothing is written and the result is {@link ApplyResult.Capped}
 * @param outbox side messages the step causes
 * @param response the survey's outcome for reports, as of {@code next}
 * @param reply the reply that caused the step, appended to the survey's history
 * @param inboundId the provider message id that caused the step; when a step recorded it before
 *     (whatever survey that step was about, or none), nothing is written and the result is
 *     {@link ApplyResult.Duplicate}
 * @param optOut an opt-out (or opt-in) the step records
 * @param review the review of a low score the step opens or changes, written with it as a
 *     compare-and-set: when the stored review is no longer {@link ReviewChange#current()}, nothing
 *     is written and the result is {@link ApplyResult.Stale}. It is the review of the step's own
 *     survey, so it needs {@code current}
 * @param now the current time, for the expiry of holds and inbound ids
 * @param inboundUntil until when {@code inboundId} is remembered
 */
public record Transition(Optional<OpenSurvey> current, Optional<OpenSurvey> next, List<HoldChange> holds,
        List<OutboxMessage> outbox, Optional<SurveyResponse> response, Optional<ReplyRecord> reply,
        Optional<String> inboundId, Optional<OptOutChange> optOut, Optional<ReviewChange> review, Instant now,
        Instant inboundUntil) {

    /** Checks that the step is whole and consistent. */
    public Transition {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(next, "next");
        holds = List.copyOf(holds);
        outbox = List.copyOf(outbox);
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(inboundId, "inboundId");
        Objects.requireNonNull(optOut, "optOut");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(inboundUntil, "inboundUntil");
        if (next.isPresent()) {
            OpenSurvey c = current.orElseThrow(() -> new IllegalArgumentException("a next version needs the current"));
            OpenSurvey n = next.get();
            if (!c.id().equals(n.id()) || n.version() != c.version() + 1) {
                throw new IllegalArgumentException("the next version of survey " + c.id() + " must have id "
                        + c.id() + " and version " + (c.version() + 1) + ", not " + n.id() + " v" + n.version());
            }
        }
        if (review.isPresent()) {
            // A review changes with its own survey, under that survey's lock or row.
            OpenSurvey c = current.orElseThrow(() -> new IllegalArgumentException("a review change needs the current "
                    + "survey"));
            LowScoreReview r = review.get().next();
            if (!r.surveyKey().equals(c.id()) || !r.contactId().equals(c.contactId())) {
                throw new IllegalArgumentException("the review of survey " + r.surveyKey() + " cannot change with survey "
                        + c.id() + ": a step changes its own survey's review, of the same contact");
            }
        }
    }

    /**
     * @param now the current time
     * @return a builder for a step
     */
    public static Builder at(Instant now) {
        return new Builder(now);
    }

    /**
     * A change to a cap hold the survey owns.
     *
     * @param hold the hold as the survey knows it (its expiry is the token)
     * @param until the new expiry; empty to release the hold
     */
    public record HoldChange(CapHold hold, Optional<Instant> until) {
        /** Checks that nothing is missing. */
        public HoldChange {
            Objects.requireNonNull(hold, "hold");
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * An opt-out or opt-in.
     *
     * @param keys the keys it concerns (the address, and the contact where known)
     * @param optIn {@code true} to lift the opt-out, {@code false} to record it; lifting it also
     *     drops any confirmation of it still waiting in the outbox for an address among the keys
     * @param confirmation written to the outbox only when the opt-out is new, so an address is
     *     confirmed once however often it sends STOP
     */
    public record OptOutChange(List<String> keys, boolean optIn, Optional<OutboxMessage> confirmation) {
        /** Checks that nothing is missing and copies the keys. */
        public OptOutChange {
            keys = List.copyOf(keys);
            Objects.requireNonNull(confirmation, "confirmation");
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("an opt-out change needs at least one key");
            }
        }
    }

    /** Builds a {@link Transition}. Not thread-safe. */
    public static final class Builder {
        private final Instant now;
        private @Nullable OpenSurvey current;
        private @Nullable OpenSurvey next;
        private final List<HoldChange> holds = new ArrayList<>();
        private final List<OutboxMessage> outbox = new ArrayList<>();
        private @Nullable SurveyResponse response;
        private @Nullable ReplyRecord reply;
        private @Nullable String inboundId;
        private Instant inboundUntil;
        private @Nullable OptOutChange optOut;
        private @Nullable ReviewChange review;

        private Builder(Instant now) {
            this.now = Objects.requireNonNull(now, "now");
            this.inboundUntil = now;
        }

        /** @param from the version read @param to its next version @return this */
        public Builder change(OpenSurvey from, OpenSurvey to) {
            current = from;
            next = to;
            return this;
        }

        /** @param from the version read, checked but not changed @return this */
        public Builder check(OpenSurvey from) {
            current = from;
            return this;
        }

        /** @param value a hold change @return this */
        public Builder hold(HoldChange value) {
            holds.add(value);
            return this;
        }

        /** @param value a side message @return this */
        public Builder send(OutboxMessage value) {
            outbox.add(value);
            return this;
        }

        /** @param value the outcome @return this */
        public Builder response(SurveyResponse value) {
            response = value;
            return this;
        }

        /** @param value the reply for the history @return this */
        public Builder reply(ReplyRecord value) {
            reply = value;
            return this;
        }

        /** @param id the provider message id @param until until when it is remembered @return this */
        public Builder inbound(String id, Instant until) {
            inboundId = id;
            inboundUntil = until;
            return this;
        }

        /** @param value the opt-out change @return this */
        public Builder optOut(OptOutChange value) {
            optOut = value;
            return this;
        }

        /** @param value the change to the review of the survey's low score @return this */
        public Builder review(ReviewChange value) {
            review = value;
            return this;
        }

        /** @return the current version this step was computed from, if any */
        public Optional<OpenSurvey> current() {
            return Optional.ofNullable(current);
        }

        /** @return the step */
        public Transition build() {
            return new Transition(Optional.ofNullable(current), Optional.ofNullable(next), holds, outbox,
                    Optional.ofNullable(response), Optional.ofNullable(reply), Optional.ofNullable(inboundId),
                    Optional.ofNullable(optOut), Optional.ofNullable(review), now, inboundUntil);
        }
    }
}
