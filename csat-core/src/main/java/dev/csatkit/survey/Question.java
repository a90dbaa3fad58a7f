package dev.csatkit.survey;

import dev.csatkit.internal.Checks;
import dev.csatkit.internal.LocaleMap;
import dev.csatkit.internal.Locales;
import dev.csatkit.scale.RatingScale;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One question of a survey: what is asked, on which scale, in which words per language, and
 * whether the customer may leave it unanswered.
 *
 * <p>A survey's first question is its <em>primary</em> question, {@value #PRIMARY_ID}: the CSAT
 * question whose rating every report counts as the survey's rating. It is made from the
 * survey's own {@link SurveyDefinition#scale() scale} and messages ({@link MessageSet#prompt()},
 * {@link MessageSet#invalidReply()}, the keypad's rating prompt). Further questions — "how fast
 * did you get an answer?", an effort or an NPS question — follow it, each built with
 * {@link #builder(String)} and added with {@link SurveyDefinition.Builder#question(Question)}.
 *
 * <p>Rules: the id is 1–32 lower-case letters, digits, {@code _} or {@code -}, starting with a
 * letter, and is not {@value #PRIMARY_ID} for a further question; the question has messages in
 * at least one language, and (checked by the survey) in each language the survey has.
 *
 * @param id the question's id, as responses, exports and reports name it
 * @param scale the scale it is answered on
 * @param messages its words per language
 * @param skippable whether a reply that is not an answer (or no key on the keypad) moves on to
 *     the next question instead of asking again; never for the primary question
 */
public record Question(String id, RatingScale scale, Map<Locale, QuestionMessages> messages, boolean skippable) {

    /** The id of every survey's primary question. */
    public static final String PRIMARY_ID = "csat";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /**
     * Validates the question.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(messages, "messages");
        Checks checks = Checks.of("question " + id);
        checks.check(ID.matcher(id).matches(), "id", id,
                "must be 1-32 lower-case letters, digits, '_' or '-', starting with a letter");
        checks.check(!messages.isEmpty(), "messages", "{}", "must have messages in at least one language");
        checks.check(messages.size() <= SurveyDefinition.MAX_LOCALES, "messages", messages.size() + " locales",
                "must have at most " + SurveyDefinition.MAX_LOCALES + " locales");
        Map<Locale, QuestionMessages> copy = new LinkedHashMap<>();
        messages.forEach((locale, m) -> {
            Objects.requireNonNull(locale, "messages locale");
            Objects.requireNonNull(m, "messages");
            String tag = locale.toLanguageTag();
            if (checks.check(Locales.usable(locale), "messages", tag, "locale must name a language")) {
                checks.check(copy.put(locale.stripExtensions(), m) == null, "messages", tag, "locale appears twice");
            }
        });
        checks.throwIfAny();
        messages = new LocaleMap<>(copy);
    }

    /**
     * @param id the question's id
     * @return a builder; the scale and a prompt in at least one language are required
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * @param text any text
     * @return whether it is a well-formed question id: 1–32 lower-case letters, digits, {@code _}
     *     or {@code -}, starting with a letter
     */
    public static boolean isId(String text) {
        return ID.matcher(text).matches();
    }

    /**
     * @return whether this is a survey's primary question
     */
    public boolean primary() {
        return PRIMARY_ID.equals(id);
    }

    /**
     * @param locale a language the survey has messages in, as {@link ResolvedMessages#locale()} names it
     * @return the question's words in it
     */
    public Optional<QuestionMessages> messagesIn(Locale locale) {
        return Optional.ofNullable(messages.get(locale.stripExtensions()));
    }

    /**
     * Builds a {@link Question}. Every problem is reported together when {@link #build()} is called.
     */
    public static final class Builder {
        private final String id;
        private @Nullable RatingScale scale;
        private final Map<Locale, String> prompts = new LinkedHashMap<>();
        private final Map<Locale, String> invalidReplies = new LinkedHashMap<>();
        private final Map<Locale, AudioStage> keypadPrompts = new LinkedHashMap<>();
        private boolean skippable;

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /**
         * @param value the scale the question is answered on (required)
         * @return this builder
         */
        public Builder scale(RatingScale value) {
            scale = Objects.requireNonNull(value, "scale");
            return this;
        }

        /**
         * @param locale a language
         * @param template the question in it, with how to answer (required in every language the survey has)
         * @return this builder
         */
        public Builder prompt(Locale locale, String template) {
            prompts.put(Objects.requireNonNull(locale, "locale"), Objects.requireNonNull(template, "prompt"));
            return this;
        }

        /**
         * @param locale a language with a prompt
         * @param template the answer to an unreadable reply to this question (optional)
         * @return this builder
         */
        public Builder invalidReply(Locale locale, String template) {
            invalidReplies.put(Objects.requireNonNull(locale, "locale"),
                    Objects.requireNonNull(template, "invalidReply"));
            return this;
        }

        /**
         * @param locale a language with a prompt
         * @param stage what a keypad survey plays to ask this question (optional)
         * @return this builder
         */
        public Builder keypadPrompt(Locale locale, AudioStage stage) {
            keypadPrompts.put(Objects.requireNonNull(locale, "locale"), Objects.requireNonNull(stage, "keypadPrompt"));
            return this;
        }

        /**
         * @param value whether the customer may leave the question unanswered; false by default
         * @return this builder
         */
        public Builder skippable(boolean value) {
            skippable = value;
            return this;
        }

        /**
         * @return the question
         * @throws dev.csatkit.InvalidDefinitionException naming every missing or invalid part
         */
        public Question build() {
            Checks checks = Checks.of("question " + id);
            checks.check(scale != null, "scale", null, "is required");
            for (Locale l : invalidReplies.keySet()) {
                checks.check(prompts.containsKey(l), "messages." + l.toLanguageTag() + ".prompt", null,
                        "is required where an invalidReply is given");
            }
            for (Locale l : keypadPrompts.keySet()) {
                checks.check(prompts.containsKey(l), "messages." + l.toLanguageTag() + ".prompt", null,
                        "is required where a keypadPrompt is given");
            }
            Map<Locale, QuestionMessages> messages = new LinkedHashMap<>();
            prompts.forEach((locale, prompt) -> checks.nested("messages." + locale.toLanguageTag(), () -> {
                QuestionMessages m = QuestionMessages.of(prompt);
                String invalid = invalidReplies.get(locale);
                if (invalid != null) {
                    m = m.withInvalidReply(invalid);
                }
                AudioStage keypad = keypadPrompts.get(locale);
                if (keypad != null) {
                    m = m.withKeypadPrompt(keypad);
                }
                messages.put(locale, m);
            }));
            checks.throwIfAny();
            Question[] built = new Question[1];
            checks.nested("", () -> built[0] = new Question(id, Objects.requireNonNull(scale), messages, skippable));
            checks.throwIfAny();
            return built[0];
        }
    }
}
