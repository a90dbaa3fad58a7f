package dev.csatkit.survey;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.scale.Polarity;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid scales and survey definitions, shared by the property tests. */
final class SurveyArbitraries {

    static final List<String> TAGS = List.of("en", "fr", "fr-CA", "sv", "ru", "uk", "pl", "de", "es",
            "pt-BR", "zh-Hant-TW", "ar", "hi");

    private SurveyArbitraries() {
    }

    private static final List<String> PIECES = List.of("Hello", "rate us", " ", " ", "Привет", "оцените", "日本語",
            "😍", "⭐⭐", "é", "ß", "ą", "!", "?", ".", "{{", "}}", "{{not.a.placeholder}}", "\u0301", "١٢");

    /** Text of any script, including braces, which are escaped where they must be literal. */
    static Arbitrary<String> literalText() {
        return Arbitraries.of(PIECES).list().ofMaxSize(6).map(parts -> String.join("", parts));
    }

    static Arbitrary<String> template(List<String> names) {
        Arbitrary<String> piece = Arbitraries.oneOf(literalText(),
                Arbitraries.of(names).map(n -> "{" + n + "}"));
        return piece.list().ofMinSize(1).ofMaxSize(5)
                .map(parts -> String.join("", parts))
                .filter(s -> !s.isBlank());
    }

    static Arbitrary<AudioStage> audioStage(List<String> names) {
        Arbitrary<AudioStage> clip = Arbitraries.strings().alpha().numeric().withChars('-', '/', '_')
                .ofMinLength(1).ofMaxLength(30)
                .flatMap(base -> Arbitraries.of(".mp3", ".wav", ".MP3").map(ext -> AudioStage.Clip.of(base + ext)));
        Arbitrary<AudioStage> speech = template(names).map(AudioStage.Speech::of);
        return Arbitraries.oneOf(clip, speech);
    }

    static Arbitrary<KeypadAudio> keypadAudio(List<String> names) {
        Arbitrary<Optional<AudioStage>> stage = audioStage(names).optional(0.6);
        return Combinators.combine(stage, stage, stage).as(KeypadAudio::new)
                .ignoreException(dev.csatkit.InvalidDefinitionException.class);
    }

    static Arbitrary<MessageSet> messageSet(List<String> names, boolean optOutRequired) {
        Arbitrary<String> t = template(names);
        Arbitrary<Optional<String>> optional = t.optional(0.5);
        Arbitrary<Optional<String>> optOut = optOutRequired ? t.map(Optional::of) : optional;
        return Combinators.combine(t, t, t, optional, t, optOut, optional, keypadAudio(names).optional(0.3))
                .as((prompt, confirmation, invalid, followUp, thanks, stop, reminder, keypad) -> {
                    MessageSet.Builder b = MessageSet.builder().prompt(prompt).confirmation(confirmation)
                            .invalidReply(invalid).thankYou(thanks);
                    followUp.ifPresent(b::followUp);
                    stop.ifPresent(b::optOutInstructions);
                    reminder.ifPresent(b::reminder);
                    keypad.ifPresent(b::keypad);
                    return b.build();
                });
    }

    /** Valid custom scales of every size: polarity ascending, boxes at the ends, labels and emoji. */
    static Arbitrary<RatingScale> customScale() {
        Arbitrary<Set<Integer>> values = Arbitraries.integers().between(-100, 100).set().ofMinSize(2).ofMaxSize(11);
        Arbitrary<Integer> fraction = Arbitraries.integers().between(0, 1000);
        return Combinators.combine(values, fraction, fraction, fraction, fraction, pointDecorations(11))
                .as((valueSet, cutA, cutB, satPick, disPick, decor) -> {
                    List<Integer> sorted = valueSet.stream().sorted().toList();
                    int n = sorted.size();
                    // Polarity steps up at two cut points: NEGATIVE... NEUTRAL... POSITIVE; the top is POSITIVE.
                    int a = Math.min(cutA, cutB) % n;
                    int b = Math.max(a, Math.max(cutA, cutB) % n);
                    List<Polarity> polarity = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        polarity.add(i == n - 1 || i >= b ? Polarity.POSITIVE
                                : i >= a ? Polarity.NEUTRAL : Polarity.NEGATIVE);
                    }
                    int nonNegativeTop = (int) polarity.stream().filter(p -> p != Polarity.NEGATIVE).count();
                    int nonPositiveBottom = (int) polarity.stream().filter(p -> p != Polarity.POSITIVE).count();
                    int sat = 1 + satPick % nonNegativeTop;
                    int dis = disPick % (Math.min(nonPositiveBottom, n - sat) + 1);
                    RatingScale.Builder builder = RatingScale.builder("custom-" + n);
                    for (int i = 0; i < n; i++) {
                        builder.point(new ScalePoint(sorted.get(i), polarity.get(i), decor.get(i).labels(),
                                decor.get(i).emoji()));
                    }
                    builder.satisfied(sorted.subList(n - sat, n).stream().mapToInt(Integer::intValue).toArray());
                    builder.dissatisfied(sorted.subList(0, dis).stream().mapToInt(Integer::intValue).toArray());
                    return builder.build();
                });
    }

    record Decoration(Map<Locale, String> labels, Optional<String> emoji) {
    }

    static Arbitrary<List<Decoration>> pointDecorations(int n) {
        Arbitrary<String> label = Arbitraries.of("Bad", "Good", "Très satisfait", "Mycket nöjd", "Очень доволен",
                "最高", "OK", "meh").list().ofMinSize(1).ofMaxSize(2).map(words -> String.join(" ", words));
        Arbitrary<Map<Locale, String>> labels = Arbitraries.maps(Arbitraries.of(TAGS).map(Locale::forLanguageTag), label)
                .ofMaxSize(4);
        Arbitrary<Optional<String>> emoji = Arbitraries.of("😡", "😞", "😐", "🙂", "😍", "👍", "👎", "⭐").optional(0.4);
        return Combinators.combine(labels, emoji).as(Decoration::new).list().ofSize(n);
    }

    static Arbitrary<RatingScale> scale() {
        return Arbitraries.oneOf(Arbitraries.of(RatingScales.presetIds()).map(id -> RatingScales.preset(id).orElseThrow()),
                customScale());
    }

    static Arbitrary<String> name() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withCharRange('а', 'я').withChars(' ', ',', '.', '(', ')', '-', 'é', 'ø', 'ß', '日', '本')
                .ofMinLength(1).ofMaxLength(255).filter(s -> !s.isBlank());
    }

    static Arbitrary<String> id() {
        return Arbitraries.strings().alpha().numeric().withChars('.', '_', '-').ofMinLength(0).ofMaxLength(63)
                .flatMap(rest -> Arbitraries.chars().alpha().numeric().map(first -> first + rest));
    }

    /** Custom placeholder names the generated templates may use; each used one is declared. */
    static final List<String> CUSTOM_POOL = List.of("order.id", "queue.name", "brand", "case_type.label");

    /**
     * Valid survey definitions: any scale, channels, locales, placeholders and keypad audio, and
     * up to four questions after the primary one.
     */
    static Arbitrary<SurveyDefinition> definition() {
        return oneQuestion().flatMap(d -> {
            boolean keypad = d.supports(ChannelKind.VOICE_DTMF);
            Arbitrary<RatingScale> scales = keypad ? scale().filter(RatingScale::isKeypadAnswerable) : scale();
            List<String> names = new ArrayList<>(Placeholders.STANDARD);
            names.addAll(d.customPlaceholders());
            Arbitrary<String> t = template(names);
            Arbitrary<QuestionMessages> words = Combinators.combine(t, t.optional(0.4), audioStage(names).optional(0.3))
                    .as((prompt, invalid, stage) -> {
                        QuestionMessages m = QuestionMessages.of(prompt);
                        m = invalid.map(m::withInvalidReply).orElse(m);
                        return stage.map(m::withKeypadPrompt).orElse(m);
                    });
            Arbitrary<Question> question = Combinators.combine(scales, words.list().ofSize(d.messages().size()),
                    Arbitraries.of(true, false)).as((scale, texts, skippable) -> {
                        java.util.Map<Locale, QuestionMessages> byLocale = new java.util.LinkedHashMap<>();
                        List<Locale> locales = List.copyOf(d.messages().keySet());
                        for (int i = 0; i < locales.size(); i++) {
                            byLocale.put(locales.get(i), texts.get(i));
                        }
                        return new Question("q", scale, byLocale, skippable);
                    });
            return question.list().ofMaxSize(SurveyDefinition.MAX_QUESTIONS - 1).map(list -> {
                List<Question> more = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Question q = list.get(i);
                    more.add(new Question("q" + i, q.scale(), q.messages(), q.skippable()));
                }
                return new SurveyDefinition(d.id(), d.name(), d.scale(), d.channels(), d.defaultLocale(), d.messages(),
                        d.customPlaceholders(), d.onMissingLanguage(), d.keypadAnswerWindow(), more);
            });
        });
    }

    /** Valid one-question survey definitions. */
    static Arbitrary<SurveyDefinition> oneQuestion() {
        List<String> names = new ArrayList<>(Placeholders.STANDARD);
        names.addAll(CUSTOM_POOL);
        Arbitrary<Set<ChannelKind>> channels = Arbitraries.of(ChannelKind.class).set().ofMinSize(1).ofMaxSize(4);
        Arbitrary<List<String>> extraCustom = Arbitraries.of(CUSTOM_POOL).set().ofMaxSize(2).map(List::copyOf);
        Arbitrary<Map<Locale, MessageSet>> messages = Arbitraries.maps(
                Arbitraries.of(TAGS).map(Locale::forLanguageTag), messageSet(names, false)).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(id(), name(), scale(), channels, extraCustom, messages,
                        Arbitraries.of(MissingLanguage.class), Arbitraries.integers().between(1, 60))
                .as((id, name, scale, kinds, extra, sets, missing, seconds) -> {
                    Set<ChannelKind> usable = EnumSet.copyOf(kinds);
                    if (!scale.isKeypadAnswerable() && usable.remove(ChannelKind.VOICE_DTMF) && usable.isEmpty()) {
                        usable.add(ChannelKind.CHAT);
                    }
                    Set<String> custom = new java.util.TreeSet<>(extra);
                    SurveyDefinition.Builder b = SurveyDefinition.builder(id).name(name).scale(scale)
                            .defaultLocale(sets.keySet().iterator().next())
                            .onMissingLanguage(missing).keypadAnswerWindow(java.time.Duration.ofSeconds(seconds));
                    sets.forEach((locale, set) -> {
                        MessageSet withStop = usable.contains(ChannelKind.SMS) && set.optOutInstructions().isEmpty()
                                ? new MessageSet(set.prompt(), set.confirmation(), set.invalidReply(), set.followUp(),
                                        set.thankYou(), Optional.of(set.thankYou()), set.reminder(), set.keypad())
                                : set;
                        withStop.templates().values().forEach(t -> t.placeholders().stream()
                                .filter(CUSTOM_POOL::contains).forEach(custom::add));
                        b.messages(locale, withStop);
                    });
                    List<ChannelKind> kindList = List.copyOf(usable);
                    b.channels(kindList.get(0), kindList.subList(1, kindList.size()).toArray(ChannelKind[]::new));
                    return b.customPlaceholders(custom).build();
                });
    }
}
