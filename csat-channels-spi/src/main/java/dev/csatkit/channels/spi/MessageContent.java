package dev.csatkit.channels.spi;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the customer receives, in the form of one kind of channel. Switch over the four records
 * to deliver it:
 *
 * <pre>{@code
 * switch (message.content()) {
 *     case MessageContent.Sms sms -> ...        // Java 21; on 17 use instanceof
 *     ...
 * }
 * }</pre>
 */
public sealed interface MessageContent
        permits MessageContent.Sms, MessageContent.Email, MessageContent.Chat, MessageContent.Keypad {

    /** The longest text accepted in any text field, in characters. */
    int MAX_TEXT_LENGTH = 100_000;

    /** @return the kind of channel this content is for */
    ChannelKind kind();

    /**
     * A text message. Segment limits were checked when the survey was checked against the
     * channel; the adapter sends the text as it is.
     *
     * @param text the full message, prompt, scale instructions and opt-out instructions included
     */
    record Sms(String text) implements MessageContent {
        /**
         * @throws IllegalArgumentException when the text is blank or too long
         */
        public Sms {
            Require.personalText("text", text, MAX_TEXT_LENGTH);
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.SMS;
        }

        /** @return {@code Sms[text=«masked»]}: the text is not shown */
        @Override
        public String toString() {
            return "Sms[text=" + Redact.HIDDEN + "]";
        }
    }

    /**
     * An email: a subject, a plain-text part and, where the channel allows it, an HTML part. Send
     * both parts as {@code multipart/alternative} when the HTML part is present.
     *
     * @param subject the subject line; one line, at most 998 characters
     * @param plainText the plain-text part
     * @param html the HTML part, when there is one
     */
    record Email(String subject, String plainText, Optional<String> html) implements MessageContent {
        /**
         * @throws IllegalArgumentException when a part is blank or the subject has a line break
         */
        public Email {
            Require.personalLine("subject", subject, 998);
            Require.personalText("plainText", plainText, MAX_TEXT_LENGTH);
            Require.present("html", html).ifPresent(h -> Require.personalText("html", h, MAX_TEXT_LENGTH));
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.EMAIL;
        }

        /** @return {@code Email[subject=«masked», …]}: no part is shown */
        @Override
        public String toString() {
            return "Email[subject=" + Redact.HIDDEN + ", plainText=" + Redact.HIDDEN + ", html="
                    + (html.isPresent() ? Redact.HIDDEN : "(none)") + "]";
        }
    }

    /**
     * A chat message with quick-reply buttons, one per scale point.
     *
     * @param text the message text
     * @param buttons the quick replies, in display order; may be empty
     */
    record Chat(String text, List<QuickReply> buttons) implements MessageContent {
        /**
         * @throws IllegalArgumentException when the text is blank or a button is missing or
         *     repeats another's payload
         */
        public Chat {
            Require.personalText("text", text, MAX_TEXT_LENGTH);
            buttons = List.copyOf(Require.noNulls("buttons", buttons));
            for (int i = 0; i < buttons.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (buttons.get(i).payload().equals(buttons.get(j).payload())) {
                        throw Require.invalid("buttons[" + i + "].payload", buttons.get(i).payload(),
                                "must differ from every other button's payload (buttons[" + j + "] has it)");
                    }
                }
            }
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.CHAT;
        }

        /** @return {@code Chat[text=«masked», buttons=…]}: the text is not shown */
        @Override
        public String toString() {
            return "Chat[text=" + Redact.HIDDEN + ", buttons=" + buttons + "]";
        }
    }

    /**
     * A keypad survey played on a call: the audio stages, the keys that answer and how long the
     * caller has to answer.
     *
     * @param stages the audio to play, in order; a {@link AudioStage.Phase#PROMPT} stage is required,
     *     and each phase appears at most once
     * @param keyMap which key sequence answers which scale value: {@code "4"} → 4, or
     *     {@code "10"} → 10 on a scale answered with digits and {@code #}; sequences are 1–3
     *     digits
     * @param answerWindow how long the caller has to answer once the prompt has played;
     *     1 second to 10 minutes
     */
    record Keypad(List<AudioStage> stages, Map<String, Integer> keyMap, Duration answerWindow)
            implements MessageContent {

        /** The longest answer window accepted. */
        public static final Duration MAX_ANSWER_WINDOW = Duration.ofMinutes(10);

        private static final Pattern KEYS = Pattern.compile("[0-9]{1,3}");

        /**
         * @throws IllegalArgumentException naming the broken rule
         */
        public Keypad {
            stages = List.copyOf(Require.noNulls("stages", stages));
            if (stages.isEmpty()) {
                throw Require.invalid("stages", "[]", "must hold at least one audio stage");
            }
            for (int i = 0; i < stages.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (stages.get(i).phase() == stages.get(j).phase()) {
                        throw Require.invalid("stages[" + i + "].phase", stages.get(i).phase(),
                                "must appear once (stages[" + j + "] has it)");
                    }
                }
            }
            if (stages.stream().noneMatch(s -> s.phase() == AudioStage.Phase.PROMPT)) {
                throw Require.invalid("stages", stages.stream().map(s -> s.phase().name()).toList().toString(),
                        "must include a PROMPT stage");
            }
            Require.noNullEntries("keyMap", keyMap);
            if (keyMap.isEmpty()) {
                throw Require.invalid("keyMap", "{}", "must map at least one key sequence");
            }
            keyMap.keySet().forEach(k -> {
                if (!KEYS.matcher(k).matches()) {
                    throw Require.invalid("keyMap key", k, "must be 1–3 digits");
                }
            });
            keyMap = Collections.unmodifiableMap(new TreeMap<>(keyMap));
            Require.present("answerWindow", answerWindow);
            if (answerWindow.compareTo(Duration.ofSeconds(1)) < 0 || answerWindow.compareTo(MAX_ANSWER_WINDOW) > 0) {
                throw Require.invalid("answerWindow", answerWindow, "must be between PT1S and PT10M");
            }
        }

        /**
         * @param phase a phase
         * @return the stage played in that phase, if the survey has one
         */
        public Optional<AudioStage> stage(AudioStage.Phase phase) {
            return stages.stream().filter(s -> s.phase() == phase).findFirst();
        }

        @Override
        public ChannelKind kind() {
            return ChannelKind.VOICE_DTMF;
        }
    }
}
