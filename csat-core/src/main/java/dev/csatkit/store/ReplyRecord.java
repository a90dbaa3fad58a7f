package dev.csatkit.store;

import dev.csatkit.internal.Fields;
import dev.csatkit.internal.channel.Masking;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One reply as it came, kept for the survey's history: replaced ratings, unreadable replies and
 * late replies stay here even when they do not count.
 *
 * @param surveyKey the id of the survey ({@link OpenSurvey#id()}) it answered
 * @param receivedAt when it came
 * @param kind what it was read as
 * @param value the rating read, if any
 * @param text the comment or the unreadable text, if any
 * @param counted whether it changed the survey's outcome
 * @param question on a survey of several questions, the id of the question the reply was read
 *     against (a rating, an unreadable reply, no key); empty on a survey of one question and for
 *     replies that answer no question (a keyword, a comment after the last answer)
 * @param keys on the phone keypad, the keys as pressed ({@code "7"}, {@code "10#"}), a rating's
 *     and a wrong key's alike; empty when no key was pressed and for replies of other channels
 */
public record ReplyRecord(String surveyKey, Instant receivedAt, Kind kind, OptionalInt value,
        Optional<String> text, boolean counted, Optional<String> question, Optional<String> keys) {

    /** What a reply was read as. */
    public enum Kind {
        /** A rating. */
        RATING,
        /** Free text attached as the comment. */
        COMMENT,
        /** Could not be read as a rating (a key off the scale on the keypad). */
        INVALID,
        /** The keypad window closed with no key. */
        NO_INPUT,
        /** Came after the survey stopped taking answers. */
        LATE,
        /** An opt-out keyword. */
        OPT_OUT,
        /**
         * A reply that only possibly asked to stop, on a profile that asks once which was meant;
         * its text holds the words that were read as a request to stop.
         */
        POSSIBLE_OPT_OUT,
        /** An opt-in keyword. */
        OPT_IN,
        /** A help keyword. */
        HELP
    }

    /** Checks that nothing is missing. */
    public ReplyRecord {
        Objects.requireNonNull(surveyKey, "surveyKey");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(keys, "keys");
    }

    /**
     * A reply with no keys pressed: one of another channel, or no key on the keypad.
     *
     * @param surveyKey the id of the survey it answered
     * @param receivedAt when it came
     * @param kind what it was read as
     * @param value the rating read, if any
     * @param text the comment or the unreadable text, if any
     * @param counted whether it changed the survey's outcome
     * @param question the id of the question the reply was read against, if any
     */
    public ReplyRecord(String surveyKey, Instant receivedAt, Kind kind, OptionalInt value, Optional<String> text,
            boolean counted, Optional<String> question) {
        this(surveyKey, receivedAt, kind, value, text, counted, question, Optional.empty());
    }

    /**
     * A reply to a survey of one question, or one that answers no question.
     *
     * @param surveyKey the id of the survey it answered
     * @param receivedAt when it came
     * @param kind what it was read as
     * @param value the rating read, if any
     * @param text the comment or the unreadable text, if any
     * @param counted whether it changed the survey's outcome
     */
    public ReplyRecord(String surveyKey, Instant receivedAt, Kind kind, OptionalInt value, Optional<String> text,
            boolean counted) {
        this(surveyKey, receivedAt, kind, value, text, counted, Optional.empty());
    }

    /**
     * Describes the reply for a log line, with its text hidden: a comment is personal data.
     *
     * @return {@code ReplyRecord[surveyKey=…, receivedAt=…, kind=…, …]}
     */
    @Override
    public String toString() {
        return Fields.of("ReplyRecord").add("surveyKey", surveyKey).add("receivedAt", receivedAt).add("kind", kind)
                .add("value", value).add("text", text.map(Masking::hidden)).add("counted", counted)
                .add("question", question).add("keys", keys).toString();
    }
}
