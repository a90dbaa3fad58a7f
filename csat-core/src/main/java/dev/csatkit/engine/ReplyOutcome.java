package dev.csatkit.engine;

import java.util.List;
import java.util.Objects;

/**
 * What the engine made of one inbound reply. Nothing a customer sends makes the engine throw: a
 * reply it cannot use comes back as {@link Unmatched} or {@link Duplicate}.
 */
public sealed interface ReplyOutcome {

    /**
     * A rating was recorded.
     *
     * @param surveyKey the survey
     * @param value the rating
     * @param replaced whether it replaced an earlier rating
     */
    record Rated(String surveyKey, int value, boolean replaced) implements ReplyOutcome {
        /** Checks that nothing is missing. */
        public Rated {
            Objects.requireNonNull(surveyKey, "surveyKey");
        }
    }

    /**
     * Free text was attached to a rated survey as its comment.
     *
     * @param surveyKey the survey
     */
    record Commented(String surveyKey) implements ReplyOutcome {
        /** Checks that nothing is missing. */
        public Commented {
            Objects.requireNonNull(surveyKey, "surveyKey");
        }
    }

    /**
     * The reply could not be read as a rating.
     *
     * @param surveyKey the survey
     * @param kind what was wrong
     * @param detail why, in words
     * @param count how many such replies the survey has had, this one included
     * @param surveyEnded whether this ended the survey (keypad, past the retry limit)
     */
    record Invalid(String surveyKey, InvalidKind kind, String detail, int count, boolean surveyEnded)
            implements ReplyOutcome {
        /** Checks that nothing is missing. */
        public Invalid {
            Objects.requireNonNull(surveyKey, "surveyKey");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** What was wrong with an {@link Invalid} reply. */
    enum InvalidKind {
        /** Text that is not a rating on the scale. */
        UNREADABLE,
        /** Keys that are not on the scale. */
        NO_MATCH,
        /** No key pressed within the answer window. */
        NO_INPUT
    }

    /**
     * The caller asked to hear the question again (the keypad's {@code *}); it was replayed.
     *
     * @param surveyKey the survey
     */
    record Replayed(String surveyKey) implements ReplyOutcome {
        /** Checks that nothing is missing. */
        public Replayed {
            Objects.requireNonNull(surveyKey, "surveyKey");
        }
    }

    /**
     * The reply came after the survey stopped taking answers; it is kept in the survey's history.
     *
     * @param surveyKey the survey
     * @param counted whether its rating still counts ({@link SurveyProfile#countLateReplies()})
     */
    record Late(String surveyKey, boolean counted) implements ReplyOutcome {
        /** Checks that nothing is missing. */
        public Late {
            Objects.requireNonNull(surveyKey, "surveyKey");
        }
    }

    /**
     * The address opted out.
     *
     * @param first whether it had not opted out before (then the confirmation was sent)
     */
    record OptedOut(boolean first) implements ReplyOutcome {
    }

    /**
     * The reply only possibly asked to stop messages ("stop, it was great, 5"), and the profile
     * asks once which was meant: the question was sent, nothing was opted out and no rating was
     * taken. The next reply decides; another possible opt-out then opts out.
     *
     * @param surveyKey the survey
     * @param words the customer's words that read as a request to stop, for audit
     */
    record OptOutAsked(String surveyKey, List<String> words) implements ReplyOutcome {
        /** Checks that nothing is missing and copies the words. */
        public OptOutAsked {
            Objects.requireNonNull(surveyKey, "surveyKey");
            words = List.copyOf(words);
        }

        /** Shows the survey and how many words matched; the words are the customer's. */
        @Override
        public String toString() {
            return "OptOutAsked[surveyKey=" + surveyKey + ", words=(" + words.size() + ")]";
        }
    }

    /**
     * The address opted back in.
     *
     * @param wasOptedOut whether it had opted out
     */
    record OptedIn(boolean wasOptedOut) implements ReplyOutcome {
    }

    /**
     * The contact asked for help; the question and how to stop were sent again.
     *
     * @param surveyKey the survey
     */
    record Helped(String surveyKey) implements ReplyOutcome {
        /** Checks that nothing is missing. */
        public Helped {
            Objects.requireNonNull(surveyKey, "surveyKey");
        }
    }

    /**
     * No survey answers this reply: nothing was sent to that address on that channel, the link's
     * survey is unknown, or the channel is not the engine's.
     *
     * @param detail why, in words
     */
    record Unmatched(String detail) implements ReplyOutcome {
        /** Checks that nothing is missing. */
        public Unmatched {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The provider delivered this reply before (same channel and provider message id); it was
     * handled the first time and ignored now.
     *
     * @param providerMessageId the provider's id
     */
    record Duplicate(String providerMessageId) implements ReplyOutcome {
        /** Checks that nothing is missing. */
        public Duplicate {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
        }
    }
}
