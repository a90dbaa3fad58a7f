package dev.csatkit.survey;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.internal.Checks;
import dev.csatkit.internal.LocaleMap;
import dev.csatkit.internal.Locales;
import dev.csatkit.scale.RatingScale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A survey: what is asked, on which scale, on which channels, and in which languages.
 *
 * <p>Rules, all checked when the definition is built and reported together:
 * <ul>
 *   <li>{@code id}: 1–64 letters, digits, {@code .}, {@code _} or {@code -}, starting with a
 *       letter or digit;</li>
 *   <li>{@code name}: 1–255 characters, letters of any script, digits, spaces and
 *       {@code , . ( ) -} only;</li>
 *   <li>at least one channel; messages for the default locale; every template uses only
 *       {@linkplain Placeholders#STANDARD standard} or declared custom placeholders;</li>
 *   <li>an SMS survey has opt-out instructions in every language;</li>
 *   <li>a keypad ({@link ChannelKind#VOICE_DTMF}) survey uses a scale that can be answered on
 *       the keypad, and its answer window is 1–60 seconds (15 by default);</li>
 *   <li>at most {@value #MAX_QUESTIONS} questions in all: the primary question and up to four
 *       more, each with an id of its own, messages in exactly the languages the survey has, only
 *       known placeholders, and a keypad-answerable scale on a keypad survey.</li>
 * </ul>
 *
 * <p><b>Questions.</b> Every survey asks its {@linkplain Question#PRIMARY_ID primary} question
 * first: the {@link #scale()} and each message set's {@link MessageSet#prompt() prompt},
 * {@link MessageSet#invalidReply() invalidReply} and keypad rating prompt. Its rating is the
 * survey's rating in every report. {@link #moreQuestions()} follow it in order; a one-question
 * survey has none. {@link #questions()} lists them all.
 *
 * <p>Messages are looked up along the locale's fallback chain: {@code fr-CA}, then {@code fr},
 * then, unless the survey {@linkplain MissingLanguage#SKIP skips} such contacts, the default
 * locale.
 *
 * @param id the stable identifier the host stores and routes by
 * @param name the display name administrators see
 * @param scale the rating scale
 * @param channels the channel kinds the survey may be sent on
 * @param defaultLocale the locale used when the contact's language has no messages
 * @param messages the messages per locale
 * @param customPlaceholders placeholder names the host fills in besides the standard ones
 * @param onMissingLanguage what to do for a contact whose language has no messages
 * @param keypadAnswerWindow how long a caller has to press a key
 * @param moreQuestions the questions asked after the primary one, in order; empty for a
 *     one-question survey
 */
public record SurveyDefinition(
        String id,
        String name,
        RatingScale scale,
        Set<ChannelKind> channels,
        Locale defaultLocale,
        Map<Locale, MessageSet> messages,
        Set<String> customPlaceholders,
        MissingLanguage onMissingLanguage,
        Duration keypadAnswerWindow,
        List<Question> moreQuestions) {

    /** The longest display name, in characters. */
    public static final int MAX_NAME_LENGTH = 255;
    /** The most locales one definition may carry. */
    public static final int MAX_LOCALES = 100;
    /** The most custom placeholders one definition may declare. */
    public static final int MAX_CUSTOM_PLACEHOLDERS = 50;
    /** The keypad answer window unless one is set. */
    public static final Duration DEFAULT_KEYPAD_ANSWER_WINDOW = Duration.ofSeconds(15);
    /** The shortest keypad answer window. */
    public static final Duration MIN_KEYPAD_ANSWER_WINDOW = Duration.ofSeconds(1);
    /** The longest keypad answer window. */
    public static final Duration MAX_KEYPAD_ANSWER_WINDOW = Duration.ofSeconds(60);
    /** The most questions one survey asks, the primary question included. */
    public static final int MAX_QUESTIONS = 5;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Validates the definition.
     *
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public SurveyDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(defaultLocale, "defaultLocale");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(customPlaceholders, "customPlaceholders");
        Objects.requireNonNull(onMissingLanguage, "onMissingLanguage");
        Objects.requireNonNull(keypadAnswerWindow, "keypadAnswerWindow");
        Objects.requireNonNull(moreQuestions, "moreQuestions");

        Checks checks = Checks.of("survey definition");
        checks.check(ID.matcher(id).matches(), "id", id,
                "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        checkName(checks, name);
        checks.check(!channels.isEmpty(), "channels", "[]", "must name at least one channel");
        checks.check(Locales.usable(defaultLocale), "defaultLocale", defaultLocale.toLanguageTag(),
                "must name a language");

        Set<String> custom = new TreeSet<>();
        checks.check(customPlaceholders.size() <= MAX_CUSTOM_PLACEHOLDERS, "customPlaceholders",
                customPlaceholders.size() + " names", "must declare at most " + MAX_CUSTOM_PLACEHOLDERS);
        for (String p : customPlaceholders) {
            Objects.requireNonNull(p, "custom placeholder");
            if (checks.check(Placeholders.isWellFormed(p), "customPlaceholders", p,
                    "must be lowercase letters, digits and '_' in dot-separated parts, such as order.id")
                    && checks.check(!Placeholders.STANDARD.contains(p), "customPlaceholders", p,
                            "is already a standard placeholder")) {
                custom.add(p);
            }
        }

        Map<Locale, MessageSet> copy = new LinkedHashMap<>();
        checks.check(messages.size() <= MAX_LOCALES, "messages", messages.size() + " locales",
                "must have at most " + MAX_LOCALES + " locales");
        boolean sms = channels.contains(ChannelKind.SMS);
        messages.forEach((locale, set) -> {
            Objects.requireNonNull(locale, "messages locale");
            Objects.requireNonNull(set, "messages");
            String tag = locale.toLanguageTag();
            if (!checks.check(Locales.usable(locale), "messages", tag, "locale must name a language")) {
                return;
            }
            Locale key = locale.stripExtensions();
            checks.check(copy.put(key, set) == null, "messages", tag, "locale appears twice");
            set.templates().forEach((field, template) -> {
                for (String p : template.placeholders()) {
                    checks.check(Placeholders.STANDARD.contains(p) || custom.contains(p),
                            "messages." + tag + "." + field, template.source(),
                            "unknown placeholder {" + p + "}; use a standard one " + new TreeSet<>(Placeholders.STANDARD)
                                    + (custom.isEmpty() ? "" : " or a custom one " + custom)
                                    + ", or declare it in customPlaceholders");
                }
            });
            if (sms) {
                checks.check(set.optOutInstructions().isPresent(), "messages." + tag + ".optOutInstructions", null,
                        "is required for SMS surveys");
            }
        });
        checks.check(messages.isEmpty() || copy.containsKey(defaultLocale.stripExtensions()), "messages",
                copy.keySet().stream().map(Locale::toLanguageTag).toList(),
                "must include the default locale " + defaultLocale.toLanguageTag());
        checks.check(!messages.isEmpty(), "messages", "{}", "must have messages for at least the default locale");

        if (channels.contains(ChannelKind.VOICE_DTMF)) {
            checks.check(scale.isKeypadAnswerable(), "scale", scale.id(),
                    "a keypad (VOICE_DTMF) survey needs a scale whose values are all 0 or above");
        }
        checks.check(keypadAnswerWindow.compareTo(MIN_KEYPAD_ANSWER_WINDOW) >= 0
                        && keypadAnswerWindow.compareTo(MAX_KEYPAD_ANSWER_WINDOW) <= 0,
                "keypadAnswerWindow", keypadAnswerWindow, "must be between 1 and 60 seconds");
        checkQuestions(checks, moreQuestions, copy.keySet(), custom, channels.contains(ChannelKind.VOICE_DTMF));
        checks.throwIfAny();

        channels = Collections.unmodifiableSet(EnumSet.copyOf(channels));
        defaultLocale = defaultLocale.stripExtensions();
        messages = new LocaleMap<>(copy);
        customPlaceholders = Collections.unmodifiableSet(custom);
        moreQuestions = List.copyOf(moreQuestions);
    }

    /**
     * A one-question survey: the definition as it was before surveys had several questions.
     *
     * @param id the stable identifier the host stores and routes by
     * @param name the display name administrators see
     * @param scale the rating scale
     * @param channels the channel kinds the survey may be sent on
     * @param defaultLocale the locale used when the contact's language has no messages
     * @param messages the messages per locale
     * @param customPlaceholders placeholder names the host fills in besides the standard ones
     * @param onMissingLanguage what to do for a contact whose language has no messages
     * @param keypadAnswerWindow how long a caller has to press a key
     * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
     */
    public SurveyDefinition(String id, String name, RatingScale scale, Set<ChannelKind> channels,
            Locale defaultLocale, Map<Locale, MessageSet> messages, Set<String> customPlaceholders,
            MissingLanguage onMissingLanguage, Duration keypadAnswerWindow) {
        this(id, name, scale, channels, defaultLocale, messages, customPlaceholders, onMissingLanguage,
                keypadAnswerWindow, List.of());
    }

    private static void checkQuestions(Checks checks, List<Question> more, Set<Locale> languages, Set<String> custom,
            boolean keypad) {
        if (!checks.check(more.size() <= MAX_QUESTIONS - 1, "moreQuestions", more.size() + " questions",
                "must hold at most " + (MAX_QUESTIONS - 1) + " questions after the primary one ("
                        + MAX_QUESTIONS + " in all)")) {
            return;
        }
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < more.size(); i++) {
            Question q = Objects.requireNonNull(more.get(i), "question");
            String at = "moreQuestions[" + i + "]";
            if (checks.check(!q.primary(), at + ".id", q.id(), "is the primary question's id; give this one "
                    + "another")) {
                checks.check(ids.add(q.id()), at + ".id", q.id(), "is the id of an earlier question; each "
                        + "question needs its own");
            }
            if (keypad) {
                checks.check(q.scale().isKeypadAnswerable(), at + ".scale", q.scale().id(),
                        "a keypad (VOICE_DTMF) survey needs a scale whose values are all 0 or above");
            }
            for (Locale l : languages) {
                checks.check(q.messages().containsKey(l), at + ".messages", l.toLanguageTag(),
                        "has no prompt in this language of the survey; each question needs every language the "
                                + "survey has");
            }
            q.messages().forEach((locale, m) -> {
                String tag = locale.toLanguageTag();
                if (!checks.check(languages.contains(locale), at + ".messages", tag,
                        "is a language the survey has no messages in")) {
                    return;
                }
                m.templates().forEach((field, template) -> {
                    for (String p : template.placeholders()) {
                        checks.check(Placeholders.STANDARD.contains(p) || custom.contains(p),
                                at + ".messages." + tag + "." + field, template.source(),
                                "unknown placeholder {" + p + "}; use a standard one "
                                        + new TreeSet<>(Placeholders.STANDARD)
                                        + (custom.isEmpty() ? "" : " or a custom one " + custom)
                                        + ", or declare it in customPlaceholders");
                    }
                });
            });
        }
    }

    /**
     * Every question the survey asks, in order: the primary question, made from the survey's
     * scale and messages, then {@link #moreQuestions()}.
     *
     * @return one to {@value #MAX_QUESTIONS} questions
     */
    public List<Question> questions() {
        Map<Locale, QuestionMessages> primary = new LinkedHashMap<>();
        messages.forEach((locale, set) -> primary.put(locale, new QuestionMessages(set.prompt(),
                Optional.of(set.invalidReply()), set.keypad().flatMap(KeypadAudio::ratingPrompt))));
        List<Question> all = new ArrayList<>(1 + moreQuestions.size());
        all.add(new Question(Question.PRIMARY_ID, scale, primary, false));
        all.addAll(moreQuestions);
        return all;
    }

    /**
     * @param questionId a question's id
     * @return the question, or empty when the survey does not ask it
     */
    public Optional<Question> question(String questionId) {
        return questions().stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    private static void checkName(Checks checks, String name) {
        int length = name.codePointCount(0, name.length());
        if (!checks.check(!name.isBlank(), "name", name, "must not be blank")
                || !checks.check(length <= MAX_NAME_LENGTH, "name", name,
                        "must be at most " + MAX_NAME_LENGTH + " characters, was " + length)) {
            return;
        }
        name.codePoints().filter(cp -> !nameCharacter(cp)).findFirst().ifPresent(cp -> checks.add("name", name,
                "may contain only letters, digits, spaces and , . ( ) - but has '" + Character.toString(cp) + "'"
                        + String.format(" (U+%04X)", cp)));
    }

    private static boolean nameCharacter(int cp) {
        if (Character.isLetter(cp) || Character.isDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        // Marks are part of letters in scripts such as Devanagari and Thai.
        if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK) {
            return true;
        }
        return cp == ' ' || cp == ',' || cp == '.' || cp == '(' || cp == ')' || cp == '-';
    }

    /**
     * @param id the survey's identifier
     * @return a builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * @param channel a channel kind
     * @return whether the survey may be sent on it
     */
    public boolean supports(ChannelKind channel) {
        return channels.contains(channel);
    }

    /**
     * The messages in the contact's own language, following the fallback chain ({@code fr-CA},
     * then {@code fr}) but never the default locale.
     *
     * @param locale the contact's locale
     * @return the messages, or empty when the survey has none in that language
     */
    public Optional<ResolvedMessages> messagesIn(Locale locale) {
        if (!Locales.usable(locale)) {
            return Optional.empty();
        }
        Locale key = ((LocaleMap<MessageSet>) messages).bestKey(locale);
        return key == null ? Optional.empty() : Optional.of(new ResolvedMessages(key, messages.get(key), false));
    }

    /**
     * Whether the survey exists in the contact's language: exactly when
     * {@link #messagesIn(Locale)} finds messages.
     *
     * @param locale the contact's locale
     * @return whether there are messages in that language
     */
    public boolean existsIn(Locale locale) {
        return messagesIn(locale).isPresent();
    }

    /**
     * The messages to send to a contact: their language, else the default locale unless the
     * survey skips such contacts.
     *
     * @param locale the contact's locale
     * @return the messages, or empty when the survey skips contacts in that language
     */
    public Optional<ResolvedMessages> resolve(Locale locale) {
        Optional<ResolvedMessages> own = messagesIn(locale);
        if (own.isPresent() || onMissingLanguage == MissingLanguage.SKIP) {
            return own;
        }
        return Optional.of(new ResolvedMessages(defaultLocale, messages.get(defaultLocale), true));
    }

    /**
     * Builds a {@link SurveyDefinition}. The defaults: default locale English, no custom
     * placeholders, {@link MissingLanguage#USE_DEFAULT}, a 15-second keypad answer window.
     */
    public static final class Builder {
        private final String id;
        private @Nullable String name;
        private @Nullable RatingScale scale;
        private final Set<ChannelKind> channels = EnumSet.noneOf(ChannelKind.class);
        private Locale defaultLocale = Locale.ENGLISH;
        private final Map<Locale, MessageSet> messages = new LinkedHashMap<>();
        private final Set<String> customPlaceholders = new TreeSet<>();
        private MissingLanguage onMissingLanguage = MissingLanguage.USE_DEFAULT;
        private Duration keypadAnswerWindow = DEFAULT_KEYPAD_ANSWER_WINDOW;
        private final List<Question> moreQuestions = new ArrayList<>();

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /**
         * @param name the display name (required)
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param scale the rating scale (required)
         * @return this builder
         */
        public Builder scale(RatingScale scale) {
            this.scale = Objects.requireNonNull(scale, "scale");
            return this;
        }

        /**
         * @param first a channel kind the survey may be sent on
         * @param more further channel kinds
         * @return this builder
         */
        public Builder channels(ChannelKind first, ChannelKind... more) {
            channels.add(Objects.requireNonNull(first, "channel"));
            for (ChannelKind c : more) {
                channels.add(Objects.requireNonNull(c, "channel"));
            }
            return this;
        }

        /**
         * @param locale the locale used when the contact's language has no messages
         * @return this builder
         */
        public Builder defaultLocale(Locale locale) {
            this.defaultLocale = Objects.requireNonNull(locale, "defaultLocale");
            return this;
        }

        /**
         * @param locale the messages' language
         * @param set the messages
         * @return this builder
         */
        public Builder messages(Locale locale, MessageSet set) {
            messages.put(Objects.requireNonNull(locale, "locale"), Objects.requireNonNull(set, "messages"));
            return this;
        }

        /**
         * @param names placeholder names the host fills in besides the standard ones
         * @return this builder
         */
        public Builder customPlaceholders(Collection<String> names) {
            names.forEach(n -> customPlaceholders.add(Objects.requireNonNull(n, "custom placeholder")));
            return this;
        }

        /**
         * @param policy what to do for contacts whose language has no messages
         * @return this builder
         */
        public Builder onMissingLanguage(MissingLanguage policy) {
            this.onMissingLanguage = Objects.requireNonNull(policy, "onMissingLanguage");
            return this;
        }

        /**
         * @param window how long a caller has to press a key, 1–60 seconds
         * @return this builder
         */
        public Builder keypadAnswerWindow(Duration window) {
            this.keypadAnswerWindow = Objects.requireNonNull(window, "keypadAnswerWindow");
            return this;
        }

        /**
         * Adds a question asked after the primary one and any added before it.
         *
         * @param question the question
         * @return this builder
         */
        public Builder question(Question question) {
            moreQuestions.add(Objects.requireNonNull(question, "question"));
            return this;
        }

        /**
         * Sets the questions asked after the primary one, in order, replacing any added before.
         *
         * @param questions the questions; empty for a one-question survey
         * @return this builder
         */
        public Builder questions(List<Question> questions) {
            moreQuestions.clear();
            questions.forEach(this::question);
            return this;
        }

        /**
         * @return the definition
         * @throws dev.csatkit.InvalidDefinitionException naming every broken rule
         */
        public SurveyDefinition build() {
            Checks checks = Checks.of("survey definition");
            checks.check(name != null, "name", null, "is required");
            checks.check(scale != null, "scale", null, "is required");
            checks.throwIfAny();
            return new SurveyDefinition(id, name, scale, channels, defaultLocale, messages, customPlaceholders,
                    onMissingLanguage, keypadAnswerWindow, moreQuestions);
        }
    }
}
