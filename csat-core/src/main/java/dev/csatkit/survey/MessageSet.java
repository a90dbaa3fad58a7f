package dev.csatkit.survey;

import dev.csatkit.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The messages of a survey in one language.
 *
 * @param prompt the survey question with its instructions
 * @param confirmation sent when a valid rating is recorded
 * @param invalidReply sent when a reply cannot be read; it may repeat the instructions
 * @param followUp an optional question asking for a comment after the rating
 * @param thankYou sent or played when the survey is complete
 * @param optOutInstructions how to stop receiving surveys; required for SMS surveys
 * @param reminder an optional nudge when no reply came
 * @param keypad the audio stages, for keypad surveys
 */
public record MessageSet(
        MessageTemplate prompt,
        MessageTemplate confirmation,
        MessageTemplate invalidReply,
        Optional<MessageTemplate> followUp,
        MessageTemplate thankYou,
        Optional<MessageTemplate> optOutInstructions,
        Optional<MessageTemplate> reminder,
        Optional<KeypadAudio> keypad) {

    /**
     * Validates that the required messages are not blank.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming each blank message
     */
    public MessageSet {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(confirmation, "confirmation");
        Objects.requireNonNull(invalidReply, "invalidReply");
        Objects.requireNonNull(followUp, "followUp");
        Objects.requireNonNull(thankYou, "thankYou");
        Objects.requireNonNull(optOutInstructions, "optOutInstructions");
        Objects.requireNonNull(reminder, "reminder");
        Objects.requireNonNull(keypad, "keypad");
        Checks checks = Checks.of("message set");
        checkNotBlank(checks, "prompt", prompt);
        checkNotBlank(checks, "confirmation", confirmation);
        checkNotBlank(checks, "invalidReply", invalidReply);
        followUp.ifPresent(t -> checkNotBlank(checks, "followUp", t));
        checkNotBlank(checks, "thankYou", thankYou);
        optOutInstructions.ifPresent(t -> checkNotBlank(checks, "optOutInstructions", t));
        reminder.ifPresent(t -> checkNotBlank(checks, "reminder", t));
        checks.throwIfAny();
    }

    private static void checkNotBlank(Checks checks, String field, MessageTemplate template) {
        checks.check(!template.isBlank(), field, template.source(), "must not be blank");
    }

    /**
     * @return a builder with no message set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every template in the set by field name, keypad speech included
     * ({@code keypad.ratingPrompt}), in a stable order.
     *
     * @return the templates
     */
    public Map<String, MessageTemplate> templates() {
        Map<String, MessageTemplate> all = new LinkedHashMap<>();
        all.put("prompt", prompt);
        all.put("confirmation", confirmation);
        all.put("invalidReply", invalidReply);
        followUp.ifPresent(t -> all.put("followUp", t));
        all.put("thankYou", thankYou);
        optOutInstructions.ifPresent(t -> all.put("optOutInstructions", t));
        reminder.ifPresent(t -> all.put("reminder", t));
        keypad.ifPresent(k -> k.stages().forEach((stage, audio) -> {
            if (audio instanceof AudioStage.Speech speech) {
                all.put("keypad." + stage, speech.text());
            }
        }));
        return all;
    }

    /**
     * Builds a {@link MessageSet} from template text. Every problem (a missing message, a bad
     * template) is reported together when {@link #build()} is called.
     */
    public static final class Builder {
        private @Nullable String prompt;
        private @Nullable String confirmation;
        private @Nullable String invalidReply;
        private @Nullable String followUp;
        private @Nullable String thankYou;
        private @Nullable String optOutInstructions;
        private @Nullable String reminder;
        private @Nullable KeypadAudio keypad;

        private Builder() {
        }

        /**
         * @param template the survey question with its instructions (required)
         * @return this builder
         */
        public Builder prompt(String template) {
            this.prompt = Objects.requireNonNull(template, "prompt");
            return this;
        }

        /**
         * @param template the confirmation of a valid rating (required)
         * @return this builder
         */
        public Builder confirmation(String template) {
            this.confirmation = Objects.requireNonNull(template, "confirmation");
            return this;
        }

        /**
         * @param template the answer to a reply that cannot be read (required)
         * @return this builder
         */
        public Builder invalidReply(String template) {
            this.invalidReply = Objects.requireNonNull(template, "invalidReply");
            return this;
        }

        /**
         * @param template the follow-up question asking for a comment (optional)
         * @return this builder
         */
        public Builder followUp(String template) {
            this.followUp = Objects.requireNonNull(template, "followUp");
            return this;
        }

        /**
         * @param template the closing thank-you (required)
         * @return this builder
         */
        public Builder thankYou(String template) {
            this.thankYou = Objects.requireNonNull(template, "thankYou");
            return this;
        }

        /**
         * @param template how to stop receiving surveys (required for SMS surveys)
         * @return this builder
         */
        public Builder optOutInstructions(String template) {
            this.optOutInstructions = Objects.requireNonNull(template, "optOutInstructions");
            return this;
        }

        /**
         * @param template the reminder when no reply came (optional)
         * @return this builder
         */
        public Builder reminder(String template) {
            this.reminder = Objects.requireNonNull(template, "reminder");
            return this;
        }

        /**
         * @param audio the audio stages of a keypad survey (optional)
         * @return this builder
         */
        public Builder keypad(KeypadAudio audio) {
            this.keypad = Objects.requireNonNull(audio, "keypad");
            return this;
        }

        /**
         * @return the message set
         * @throws dev.csatkit.InvalidDefinitionException naming every missing or invalid message
         */
        public MessageSet build() {
            Checks checks = Checks.of("message set");
            MessageTemplate p = required(checks, "prompt", prompt);
            MessageTemplate c = required(checks, "confirmation", confirmation);
            MessageTemplate i = required(checks, "invalidReply", invalidReply);
            Optional<MessageTemplate> f = optional(checks, "followUp", followUp);
            MessageTemplate t = required(checks, "thankYou", thankYou);
            Optional<MessageTemplate> o = optional(checks, "optOutInstructions", optOutInstructions);
            Optional<MessageTemplate> r = optional(checks, "reminder", reminder);
            checks.throwIfAny();
            MessageSet[] built = new MessageSet[1];
            checks.nested("", () -> built[0] = new MessageSet(p, c, i, f, t, o, r, Optional.ofNullable(keypad)));
            checks.throwIfAny();
            return built[0];
        }

        private static @Nullable MessageTemplate required(Checks checks, String field, @Nullable String text) {
            if (!checks.check(text != null, field, null, "is required")) {
                return null;
            }
            return parse(checks, field, text);
        }

        private static Optional<MessageTemplate> optional(Checks checks, String field, @Nullable String text) {
            return text == null ? Optional.empty() : Optional.ofNullable(parse(checks, field, text));
        }

        private static @Nullable MessageTemplate parse(Checks checks, String field, String text) {
            MessageTemplate[] parsed = new MessageTemplate[1];
            checks.nested(field, () -> parsed[0] = MessageTemplate.of(text));
            return parsed[0];
        }
    }
}
