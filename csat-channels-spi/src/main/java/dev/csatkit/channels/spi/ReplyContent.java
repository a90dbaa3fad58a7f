package dev.csatkit.channels.spi;

import java.text.Normalizer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a customer sent back. A closed family: text, keys, a button payload or a confirmed email
 * link.
 */
public sealed interface ReplyContent
        permits ReplyContent.Text, ReplyContent.Keys, ReplyContent.Button, ReplyContent.Link {

    /** The longest reply text kept, in characters; longer texts are refused. */
    int MAX_TEXT_LENGTH = 100_000;

    /**
     * A typed reply: an SMS or a chat message.
     *
     * @param text what the customer typed, in Unicode normal form C (composed), so that
     *     {@code "e" + U+0301} and {@code "é"} read the same; may be empty or blank, since a
     *     customer can send that
     */
    record Text(String text) implements ReplyContent {
        /** Normalises the text to form C. @throws IllegalArgumentException when it is too long */
        public Text {
            Require.present("text", text);
            if (text.length() > MAX_TEXT_LENGTH) {
                throw Require.invalid("text", Redact.HIDDEN, "must be at most " + MAX_TEXT_LENGTH + " characters");
            }
            text = Normalizer.normalize(text, Normalizer.Form.NFC);
        }

        /** @return {@code Text[text=«masked»]}: what the customer wrote is not shown */
        @Override
        public String toString() {
            return "Text[text=" + Redact.HIDDEN + "]";
        }
    }

    /**
     * The keys pressed in the answer window of a keypad survey, exactly as pressed: {@code #},
     * {@code *} and keys outside the key map included.
     *
     * @param presses the presses in the order they happened; empty when the caller pressed
     *     nothing before the window closed (no input)
     */
    record Keys(List<KeyPress> presses) implements ReplyContent {
        /**
         * @throws IllegalArgumentException when a press is missing or the presses are out of order
         */
        public Keys {
            presses = List.copyOf(Require.noNulls("presses", presses));
            for (int i = 1; i < presses.size(); i++) {
                if (presses.get(i).at().compareTo(presses.get(i - 1).at()) < 0) {
                    throw Require.invalid("presses[" + i + "].at", presses.get(i).at(),
                            "must not be earlier than the press before it (" + presses.get(i - 1).at() + ")");
                }
            }
        }

        /** @return whether the caller pressed nothing */
        public boolean noInput() {
            return presses.isEmpty();
        }

        /** @return the keys as a string, such as {@code "10#"} */
        public String keys() {
            StringBuilder sb = new StringBuilder(presses.size());
            presses.forEach(p -> sb.append(p.key()));
            return sb.toString();
        }
    }

    /**
     * A tapped quick-reply button.
     *
     * @param payload the payload of the button, as it was sent in {@link QuickReply#payload()}
     */
    record Button(String payload) implements ReplyContent {
        /** @throws IllegalArgumentException when the payload is blank or too long */
        public Button {
            Require.line("payload", payload, 256);
        }
    }

    /**
     * A rating confirmed through an email link, after the link's signed token was verified and
     * the explicit submit step was taken. Opening a link alone never produces this reply.
     *
     * <p>Email has no typed reply to carry a comment or the answers to a survey's further
     * questions, so the page that confirms the rating may ask for them and send them with it.
     *
     * @param surveyId the survey the link's token was signed for
     * @param value the rating the customer submitted, for the survey's first (primary) question
     * @param comment what the customer wrote on the confirming page, in Unicode normal form C;
     *     empty when nothing (or only blanks) was written
     * @param answers the ratings the customer chose on the page for the survey's further
     *     questions, by question id; empty when the survey has none or the customer left them out
     */
    record Link(String surveyId, int value, Optional<String> comment, Map<String, Integer> answers)
            implements ReplyContent {

        /** The most further answers one link reply carries. */
        public static final int MAX_ANSWERS = 10;

        /**
         * Normalises the comment to form C and drops a blank one.
         *
         * @throws IllegalArgumentException when the survey id is blank, the comment too long, or
         *     an answer's question id blank, over 64 characters or one of more than
         *     {@value #MAX_ANSWERS}
         */
        public Link {
            Require.line("surveyId", surveyId, 256);
            Require.present("comment", comment);
            if (comment.isPresent() && comment.get().length() > MAX_TEXT_LENGTH) {
                throw Require.invalid("comment", Redact.HIDDEN, "must be at most " + MAX_TEXT_LENGTH + " characters");
            }
            comment = comment.filter(c -> !c.isBlank()).map(c -> Normalizer.normalize(c, Normalizer.Form.NFC));
            Require.noNullEntries("answers", answers);
            if (answers.size() > MAX_ANSWERS) {
                throw Require.invalid("answers", answers.size() + " answers", "must be at most " + MAX_ANSWERS);
            }
            answers.keySet().forEach(q -> Require.line("answers key", q, 64));
            answers = Collections.unmodifiableMap(new TreeMap<>(answers));
        }

        /**
         * A rating with a comment and no further answers.
         *
         * @param surveyId the survey the link's token was signed for
         * @param value the rating the customer submitted
         * @param comment what the customer wrote on the confirming page
         */
        public Link(String surveyId, int value, Optional<String> comment) {
            this(surveyId, value, comment, Map.of());
        }

        /**
         * A rating with no comment.
         *
         * @param surveyId the survey the link's token was signed for
         * @param value the rating the customer submitted
         */
        public Link(String surveyId, int value) {
            this(surveyId, value, Optional.empty());
        }

        /** @return the survey, the value and the further answers; the comment is not shown */
        @Override
        public String toString() {
            return "Link[surveyId=" + Redact.escape(surveyId) + ", value=" + value + ", comment="
                    + (comment.isPresent() ? Redact.HIDDEN : "(none)")
                    + (answers.isEmpty() ? "" : ", answers=" + answersText()) + "]";
        }

        private String answersText() {
            StringBuilder sb = new StringBuilder("{");
            answers.forEach((q, v) -> sb.append(sb.length() > 1 ? ", " : "").append(Redact.escape(q)).append('=')
                    .append(v));
            return sb.append('}').toString();
        }
    }
}
