package dev.csatkit.survey;

import dev.csatkit.internal.Checks;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.LinkedHashMap;

/**
 * The words of one question of a survey in one language.
 *
 * @param prompt the question with how to answer it, sent on SMS and chat, spoken on the keypad
 *     unless {@code keypadPrompt} is set, and shown on the email link page
 * @param invalidReply sent when a reply to this question cannot be read; the survey's own
 *     {@link MessageSet#invalidReply()} when empty
 * @param keypadPrompt what a keypad survey plays to ask this question, when it is not the
 *     prompt spoken
 */
public record QuestionMessages(MessageTemplate prompt, Optional<MessageTemplate> invalidReply,
        Optional<AudioStage> keypadPrompt) {

    /**
     * Validates that the texts are not blank.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming each blank text
     */
    public QuestionMessages {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(invalidReply, "invalidReply");
        Objects.requireNonNull(keypadPrompt, "keypadPrompt");
        Checks checks = Checks.of("question messages");
        checks.check(!prompt.isBlank(), "prompt", prompt.source(), "must not be blank");
        invalidReply.ifPresent(t -> checks.check(!t.isBlank(), "invalidReply", t.source(), "must not be blank"));
        checks.throwIfAny();
    }

    /**
     * @param prompt the question, a template
     * @return messages with only the prompt
     * @throws dev.csatkit.InvalidDefinitionException when the prompt is blank or not a valid template
     */
    public static QuestionMessages of(String prompt) {
        Checks checks = Checks.of("question messages");
        MessageTemplate[] parsed = new MessageTemplate[1];
        checks.nested("prompt", () -> parsed[0] = MessageTemplate.of(prompt));
        checks.throwIfAny();
        return new QuestionMessages(parsed[0], Optional.empty(), Optional.empty());
    }

    /**
     * @param template the answer to a reply to this question that cannot be read
     * @return these messages with it
     * @throws dev.csatkit.InvalidDefinitionException when it is blank or not a valid template
     */
    public QuestionMessages withInvalidReply(String template) {
        Checks checks = Checks.of("question messages");
        MessageTemplate[] parsed = new MessageTemplate[1];
        checks.nested("invalidReply", () -> parsed[0] = MessageTemplate.of(template));
        checks.throwIfAny();
        return new QuestionMessages(prompt, Optional.of(parsed[0]), keypadPrompt);
    }

    /**
     * @param stage what a keypad survey plays to ask this question
     * @return these messages with it
     */
    public QuestionMessages withKeypadPrompt(AudioStage stage) {
        return new QuestionMessages(prompt, invalidReply, Optional.of(Objects.requireNonNull(stage, "keypadPrompt")));
    }

    /**
     * Every template, by field name ({@code prompt}, {@code invalidReply},
     * {@code keypadPrompt}), in a stable order.
     *
     * @return the templates
     */
    public Map<String, MessageTemplate> templates() {
        Map<String, MessageTemplate> all = new LinkedHashMap<>();
        all.put("prompt", prompt);
        invalidReply.ifPresent(t -> all.put("invalidReply", t));
        keypadPrompt.ifPresent(s -> {
            if (s instanceof AudioStage.Speech speech) {
                all.put("keypadPrompt", speech.text());
            }
        });
        return all;
    }
}
