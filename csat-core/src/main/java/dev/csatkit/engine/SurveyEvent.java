package dev.csatkit.engine;

import dev.csatkit.internal.Fields;
import dev.csatkit.internal.channel.Masking;
import dev.csatkit.store.LowScoreReview;
import dev.csatkit.store.OpenSurvey;
import dev.csatkit.store.ReviewStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a survey, handed to every {@link SurveyListener}. Events that
 * concern a scheduled survey carry its state right after the change.
 *
 * <p>Every event's {@code toString} is fit for a log line: addresses and phone numbers masked,
 * comments hidden, the survey as {@link OpenSurvey#toString()} describes it.
 */
public sealed interface SurveyEvent {

    /** @return when it happened, from the engine's clock */
    Instant at();

    /**
     * An SMS survey profile runs with its acknowledgement of the rules for sending text messages:
     * published once per such profile when the engine is built, to the listeners given to its
     * builder, so that an audit log records who acknowledged them and when beside what the
     * engine did.
     *
     * @param surveyId the profile's survey
     * @param channelId the channel its surveys go on
     * @param acknowledgement who acknowledged the rules, when, and which notice
     * @param at when the engine was built
     */
    record SendingRulesAcknowledged(String surveyId, String channelId, SendingRulesAcknowledgement acknowledgement,
            Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public SendingRulesAcknowledged {
            Objects.requireNonNull(surveyId, "surveyId");
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(acknowledgement, "acknowledgement");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A survey was scheduled.
     *
     * @param survey the survey as scheduled
     * @param at when
     */
    record Scheduled(OpenSurvey survey, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public Scheduled {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * An interaction got no survey.
     *
     * @param interactionId the interaction
     * @param decision the decision, with its reason and detail
     * @param at when
     */
    record Skipped(String interactionId, Decision.Skipped decision, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public Skipped {
            Objects.requireNonNull(interactionId, "interactionId");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(at, "at");
        }

        /**
         * Describes the event with any phone number or email in the detail masked.
         *
         * @return the event in the form of a record, masked
         */
        @Override
        public String toString() {
            return Fields.of("Skipped").add("interactionId", interactionId).add("reason", decision.reason())
                    .add("detail", Masking.text(decision.detail())).add("surveyId", decision.surveyId()).add("at", at)
                    .toString();
        }
    }

    /**
     * The channel accepted the survey.
     *
     * @param survey the survey, now waiting for a reply
     * @param at when
     */
    record Sent(OpenSurvey survey, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public Sent {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A send failed. When {@code permanent} is false the survey will be tried again at
     * {@link OpenSurvey#retryAt()}; when true it ended in {@link dev.csatkit.store.SurveyState#FAILED}.
     *
     * @param survey the survey after the failure
     * @param reason the channel's reason
     * @param permanent whether the survey gave up
     * @param at when
     */
    record Failed(OpenSurvey survey, String reason, boolean permanent, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public Failed {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }

        /**
         * Describes the event with any phone number or email in the channel's reason masked.
         *
         * @return the event in the form of a record, masked
         */
        @Override
        public String toString() {
            return Fields.of("Failed").add("survey", survey).add("reason", Masking.text(reason))
                    .add("permanent", permanent).add("at", at).toString();
        }
    }

    /**
     * The one reminder was sent.
     *
     * @param survey the survey
     * @param at when
     */
    record Reminded(OpenSurvey survey, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public Reminded {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A rating was recorded.
     *
     * @param survey the survey with the rating
     * @param value the rating
     * @param replaced whether it replaced an earlier rating
     * @param at when
     */
    record Rated(OpenSurvey survey, int value, boolean replaced, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public Rated {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A rating of one of the survey's further questions was recorded.
     *
     * @param survey the survey with the answer
     * @param question the question's id
     * @param value the rating
     * @param replaced whether it replaced an earlier rating of the question
     * @param at when
     */
    record QuestionAnswered(OpenSurvey survey, String question, int value, boolean replaced, Instant at)
            implements SurveyEvent {
        /** Checks that nothing is missing. */
        public QuestionAnswered {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A comment was attached.
     *
     * @param survey the survey with the comment
     * @param comment the comment
     * @param at when
     */
    record Commented(OpenSurvey survey, String comment, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public Commented {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(comment, "comment");
            Objects.requireNonNull(at, "at");
        }

        /**
         * Describes the event with the comment hidden.
         *
         * @return the event in the form of a record, masked
         */
        @Override
        public String toString() {
            return Fields.of("Commented").add("survey", survey).add("comment", Masking.hidden(comment)).add("at", at)
                    .toString();
        }
    }

    /**
     * A rating at or below the profile's threshold, for review.
     *
     * @param survey the survey, with the interaction, agent and team credited
     * @param value the rating
     * @param comment the comment that came with it, if any (a later one arrives as {@link Commented})
     * @param at when
     */
    record LowScore(OpenSurvey survey, int value, Optional<String> comment, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public LowScore {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(comment, "comment");
            Objects.requireNonNull(at, "at");
        }

        /**
         * Describes the event with the comment hidden.
         *
         * @return the event in the form of a record, masked
         */
        @Override
        public String toString() {
            return Fields.of("LowScore").add("survey", survey).add("value", value)
                    .add("comment", comment.map(Masking::hidden)).add("at", at).toString();
        }
    }

    /**
     * An address opted out of surveys.
     *
     * @param channel the channel kind, in lower case
     * @param address the address
     * @param survey the survey the opt-out ended, as it ended; empty when it ended none (no survey
     *     was open at the address)
     * @param at when
     */
    record OptedOut(String channel, String address, Optional<OpenSurvey> survey, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public OptedOut {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(at, "at");
        }

        /**
         * Describes the event with the address masked.
         *
         * @return the event in the form of a record, masked
         */
        @Override
        public String toString() {
            return Fields.of("OptedOut").add("channel", channel).add("address", Masking.address(address))
                    .add("survey", survey).add("at", at).toString();
        }
    }

    /**
     * A survey closed without a rating.
     *
     * @param survey the survey, now {@link dev.csatkit.store.SurveyState#EXPIRED}
     * @param at when
     */
    record Expired(OpenSurvey survey, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public Expired {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A rated survey closed; its rating is final.
     *
     * @param survey the survey, now {@link dev.csatkit.store.SurveyState#ANSWERED}
     * @param at when
     */
    record Answered(OpenSurvey survey, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public Answered {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A send (or a reminder) waits: quiet hours in the contact's zone, or the frequency cap held
     * by another survey. Nothing is dropped; the survey is due again at {@code until}.
     *
     * @param survey the survey after the change
     * @param until when it is due again
     * @param reason why it waits
     * @param at when
     */
    record Deferred(OpenSurvey survey, Instant until, String reason, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public Deferred {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * An inbound reply that caused no other event: unreadable, late, a help or opt-in keyword, a
     * keypad repeat, a redelivered message, or one that matched no survey.
     *
     * @param survey the survey it concerned, as it stands after the reply, if it matched one
     * @param channelId the channel it came on
     * @param outcome what was made of it
     * @param at when
     */
    record ReplyHandled(Optional<OpenSurvey> survey, String channelId, ReplyOutcome outcome, Instant at)
            implements SurveyEvent {
        /** Checks that nothing is missing. */
        public ReplyHandled {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A low score no longer stands: the customer replaced it with a rating above the threshold,
     * so whoever reviews low scores can drop it.
     *
     * @param survey the survey, with its new rating
     * @param previous the low score replaced
     * @param at when
     */
    record LowScoreWithdrawn(OpenSurvey survey, int previous, Instant at) implements SurveyEvent {
        /** Checks that nothing is missing. */
        public LowScoreWithdrawn {
            Objects.requireNonNull(survey, "survey");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The review of a low score changed status: opened by a low score, taken by a reviewer (or
     * taken over), resolved with notes, withdrawn when the customer replaced the low score with a
     * satisfied rating, or opened again. One event per status change; a later low score that
     * only updates the score of an open review raises {@link LowScore}, not this.
     *
     * @param review the review as written
     * @param previous its status before; empty when the change opened it
     * @param by who changed it: the reviewer, or whoever reopened it; empty for the engine's own
     *     changes (opening, withdrawal, a low score again)
     * @param at when
     */
    record ReviewChanged(LowScoreReview review, Optional<ReviewStatus> previous, Optional<String> by, Instant at)
            implements SurveyEvent {
        /** Checks that nothing is missing. */
        public ReviewChanged {
            Objects.requireNonNull(review, "review");
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }

        /** @return the status the review moved to */
        public ReviewStatus status() {
            return review.status();
        }

        /**
         * Describes the event with an email or phone number in {@code by} masked and the notes
         * hidden.
         *
         * @return the event in the form of a record, masked
         */
        @Override
        public String toString() {
            return Fields.of("ReviewChanged").add("review", review).add("previous", previous)
                    .add("by", by.map(Masking::text)).add("at", at).toString();
        }
    }
}
