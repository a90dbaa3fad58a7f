package dev.csatkit.reply;

import java.util.List;
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
     * A reply about the messages themselves rather than the survey: {@link OptOut}, {@link OptIn}
     * or {@link Help}. Opt-in and help keywords count only as the whole reply, in any case, with
     * surrounding spaces and punctuation ignored, so they are never {@linkplain #truncated()
     * truncated}; an opt-out is read anywhere in a reply.
     */
    sealed interface Keyword extends ParsedReply {

        /** @return the keyword, in the form the keyword table lists it, such as {@code OPT OUT} */
        String keyword();

        /** @return {@code false} unless the outcome says otherwise: a keyword is read whole */
        @Override
        default boolean truncated() {
            return false;
        }
    }

    /**
     * The customer asks to stop receiving messages. A reply that asks is never a rating,
     * whatever number it contains. It is read anywhere in the reply, in the contact's language
     * and English: the carrier keywords (STOP, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPT OUT)
     * and local ones (ARRÊT, STOPP, СТОП, ВІДПИСАТИСЯ, WYPISZ, ABMELDEN, BAJA, …), their common
     * phrases ("stop texting me", "don't message me", "remove me from this list", "arrêtez les
     * SMS", "bitte keine SMS mehr", "хватит писать", "no me escriban más"), inflections and
     * common misspellings. Words that merely contain a keyword ("stopped", "weekend"), a negated
     * one ("don't stop calling me") and a keyword used as a noun ("the end of the call") do not
     * opt out.
     *
     * <p>An opt-out is {@linkplain #certain() certain} when the reply can mean nothing else: a
     * phrase that names the messages or the subscription, or a bare keyword with nothing beside
     * it but punctuation, emoji and words such as "please" ("STOP 😡", "please stop!"). It is
     * only <em>possible</em> when a bare keyword stands apart beside a rating or other words
     * ("stop, it was great, 5", "STOP. 5"). Both are this one type, so that code which treats
     * every {@code OptOut} as an opt-out, as the law asks by default, stays right; code that may
     * ask the customer which was meant reads {@link #certain()}.
     *
     * @param keyword the opt-out it was read as, in the form the tables list it: {@code STOP},
     *     {@code UNSUBSCRIBE}, {@code STOP TEXTING}, {@code KEINE SMS MEHR}
     * @param words the customer's own words that asked, as written, in reply order, to record
     *     how the opt-out was received; never empty
     * @param certain whether the reply can only be read as an opt-out; {@code false} when it is
     *     only possibly one
     * @param truncated whether the reply was cut; only its beginning was read
     */
    record OptOut(String keyword, List<String> words, boolean certain, boolean truncated) implements Keyword {

        /** Checks the components are present and keeps an unmodifiable copy of the words. */
        public OptOut {
            Objects.requireNonNull(keyword, "keyword");
            words = List.copyOf(words);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("words: an opt-out keeps the words that asked");
            }
        }

        /**
         * A certain opt-out whose whole reply is the keyword as the table lists it.
         *
         * @param keyword the keyword, such as {@code STOP}
         */
        public OptOut(String keyword) {
            this(keyword, List.of(keyword), true, false);
        }

        /** Shows the keyword and certainty; the customer's words only by number, as they are theirs. */
        @Override
        public String toString() {
            return "OptOut[keyword=" + keyword + ", " + (certain ? "certain" : "possible") + ", words=("
                    + words.size() + ")" + (truncated ? ", truncated" : "") + "]";
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
