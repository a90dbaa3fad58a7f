package dev.csatkit.reply;

import java.util.Objects;
import java.util.Optional;

/**
 * What one text reply, button or link says. Callers switch over the six outcomes:
 * {@link Rating}, {@link Comment}, {@link OptOut}, {@link OptIn}, {@link Help} and
 * {@link Invalid}; the three keyword outcomes also share the type {@link Keyword}.
 *
 * <p>Replies longer than {@link ReplyParser#MAX_LENGTH} characters (after surrounding white
 * space) are cut before they are read; {@link #truncated()} then says so, and a comment holds
 * only the part that was read.
 *
 * <p>{@code toString()} never shows comment text, so outcomes can be logged.
 */
public sealed interface ParsedReply {

    /**
     * @return whether the reply was longer than {@link ReplyParser#MAX_LENGTH} and only its
     *     beginning was read
     */
    boolean truncated();

    /**
     * A rating, possibly with words around it kept as a comment: "5 great service, thanks" is 5
     * with the comment "great service, thanks".
     *
     * @param value the scale value
     * @param comment the rest of the reply, as written, when it says more than the rating
     * @param truncated whether the reply was cut
     */
    record Rating(int value, Optional<String> comment, boolean truncated) implements ParsedReply {

        /** Checks the components are present. */
        public Rating {
            Objects.requireNonNull(comment, "comment");
        }

        /**
         * A rating with no comment.
         *
         * @param value the scale value
         */
        public Rating(int value) {
            this(value, Optional.empty(), false);
        }

        /**
         * A rating with a comment.
         *
         * @param value the scale value
         * @param comment the comment
         */
        public Rating(int value, String comment) {
            this(value, Optional.of(comment), false);
        }

        @Override
        public String toString() {
            return "Rating[value=" + value + ", comment=" + comment.map(c -> "(" + c.length() + " characters)")
                    .orElse("none") + (truncated ? ", truncated" : "") + "]";
        }
    }

    /**
     * Words with no rating in them; the engine attaches them to a rating already given.
     *
     * @param text the reply, as written, without surrounding white space
     * @param truncated whether the reply was cut
     */
    record Comment(String text, boolean truncated) implements ParsedReply {

        /** Checks the components are present. */
        public Comment {
            Objects.requireNonNull(text, "text");
        }

        /**
         * A comment from a reply that was read whole.
         *
         * @param text the reply
         */
        public Comment(String text) {
            this(text, false);
        }

        @Override
        public String toString() {
            return "Comment[(" + text.length() + " characters)" + (truncated ? ", truncated" : "") + "]";
        }
    }

    /**
     * The whole reply is a keyword: {@link OptOut}, {@link OptIn} or {@link Help}. A keyword
     * counts only as the whole reply, in any case, with surrounding spaces and punctuation
     * ignored, so a keyword outcome is never {@linkplain #truncated() truncated}.
     */
    sealed interface Keyword extends ParsedReply {

        /** @return the keyword, in the form the keyword table lists it, such as {@code OPT OUT} */
        String keyword();

        /** @return {@code false}: a keyword is always read whole */
        @Override
        default boolean truncated() {
            return false;
        }
    }

    /**
     * The whole reply is an opt-out keyword: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT,
     * REVOKE, OPT OUT or a local form (ARRÊT, STOPP, СТОП, ВІДПИСАТИСЯ, WYPISZ, ABMELDEN, BAJA, …).
     *
     * @param keyword the keyword, in the form the keyword table lists it
     */
    record OptOut(String keyword) implements Keyword {

        /** Checks the keyword is present. */
        public OptOut {
            Objects.requireNonNull(keyword, "keyword");
        }
    }

    /**
     * The whole reply asks to be subscribed again: START, UNSTOP, YES or a local form.
     *
     * @param keyword the keyword, in the form the keyword table lists it
     */
    record OptIn(String keyword) implements Keyword {

        /** Checks the keyword is present. */
        public OptIn {
            Objects.requireNonNull(keyword, "keyword");
        }
    }

    /**
     * The whole reply asks for help: HELP, INFO or a local form (AIDE, HILFE, ПОМОЩЬ, …).
     *
     * @param keyword the keyword, in the form the keyword table lists it
     */
    record Help(String keyword) implements Keyword {

        /** Checks the keyword is present. */
        public Help {
            Objects.requireNonNull(keyword, "keyword");
        }
    }

    /**
     * Not a rating, comment or keyword.
     *
     * @param reason the reason code
     * @param detail what was wrong, for people; never quotes the reply
     * @param truncated whether the reply was cut
     */
    record Invalid(InvalidReason reason, String detail, boolean truncated) implements ParsedReply {

        /** Checks the components are present. */
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        /**
         * An invalid outcome for a reply that was read whole.
         *
         * @param reason the reason code
         * @param detail what was wrong
         */
        public Invalid(InvalidReason reason, String detail) {
            this(reason, detail, false);
        }
    }
}
