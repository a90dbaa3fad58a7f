package dev.csatkit.testing.arbitraries;

import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import dev.csatkit.score.SurveyResponse;
import dev.csatkit.score.Tally;
import dev.csatkit.survey.DefaultMessages;
import dev.csatkit.survey.SurveyDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for CSAT Kit's values, for hosts' property-based tests:
 *
 * <pre>{@code
 * @Property
 * void mergingTalliesInAnyGroupingGivesTheSameCsat(@ForAll("responses") List<SurveyResponse> all) { ... }
 *
 * @Provide
 * Arbitrary<List<SurveyResponse>> responses() {
 *     return CsatArbitraries.responses(RatingScales.fivePoint()).list().ofMaxSize(200);
 * }
 * }</pre>
 *
 * <p>Every value generated is valid: the library accepts it without an exception. Shrinking goes
 * towards the simplest case (the five-point scale, English, the digits).
 */
public final class CsatArbitraries {

    /** The first instant responses are sent at. */
    static final Instant EPOCH = Instant.parse("2025-01-06T00:00:00Z");

    /** Number words 0–10 in each language the parser has tables for, as a customer writes them. */
    private static final Map<String, List<String>> NUMBER_WORDS = Map.of(
            "en", List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
            "fr", List.of("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"),
            "sv", List.of("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio"),
            "ru", List.of("ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять"),
            "uk", List.of("нуль", "один", "два", "три", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять", "десять"),
            "pl", List.of("zero", "jeden", "dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć",
                    "dziesięć"),
            "de", List.of("null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn"),
            "es", List.of("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"));

    /** English number words that are ordinary words in a language, and so not read as numbers there. */
    private static final Map<String, Set<String>> NOT_NUMBERS = Map.of("pl", Set.of("ten"));

    /** "N of M" in each language: the word between. */
    private static final Map<String, String> OUT_OF = Map.of("en", "out of", "fr", "sur", "sv", "av", "ru", "из",
            "uk", "з", "pl", "na", "de", "von", "es", "de");

    /** "N stars" in each language: the plural unit. */
    private static final Map<String, String> STARS = Map.of("en", "stars", "fr", "étoiles", "sv", "stjärnor",
            "ru", "звезды", "uk", "зірки", "pl", "gwiazdki", "de", "Sterne", "es", "estrellas");

    private CsatArbitraries() {
    }

    /** @return the languages the library has scale labels, number words and default messages in */
    public static Arbitrary<Locale> locales() {
        return Arbitraries.of(RatingScales.LABEL_LOCALES);
    }

    /** @return the preset scales: five, keypad9, three, thumbs, zero-ten */
    public static Arbitrary<RatingScale> presetScales() {
        return Arbitraries.of(new ArrayList<>(RatingScales.presetIds())).map(id -> RatingScales.preset(id).orElseThrow());
    }

    /**
     * @return the presets and custom numeric scales of 2 to 11 points starting at 0 or 1, with the
     *     satisfied and dissatisfied values the library derives from their size
     */
    public static Arbitrary<RatingScale> scales() {
        Arbitrary<RatingScale> custom = Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(RatingScale.MIN_POINTS, RatingScale.MAX_POINTS))
                .as((from, points) -> RatingScale.builder("custom-" + from + "-" + (from + points - 1))
                        .numeric(from, from + points - 1).build());
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, presetScales()), net.jqwik.api.Tuple.of(1, custom));
    }

    /**
     * @return survey definitions on any scale, for one to four channels (keypad only with a scale
     *     a keypad can answer), with the shipped messages in one to eight languages
     */
    public static Arbitrary<SurveyDefinition> surveyDefinitions() {
        Arbitrary<Set<ChannelKind>> channels = Arbitraries.subsetOf(ChannelKind.values()).ofMinSize(1);
        Arbitrary<List<Locale>> languages = Arbitraries.subsetOf(RatingScales.LABEL_LOCALES).ofMinSize(1)
                .map(set -> RatingScales.LABEL_LOCALES.stream().filter(set::contains).toList());
        Arbitrary<String> ids = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
                .ofMinLength(1).ofMaxLength(20).filter(s -> Character.isLetterOrDigit(s.charAt(0)));
        return Combinators.combine(ids, scales(), channels, languages).as((id, scale, kinds, langs) -> {
            EnumSet<ChannelKind> on = EnumSet.copyOf(kinds);
            if (!scale.isKeypadAnswerable()) {
                on.remove(ChannelKind.VOICE_DTMF);
            }
            if (on.isEmpty()) {
                on.add(ChannelKind.SMS);
            }
            // SMS messages carry the opt-out line every channel's definition needs when SMS is among them.
            ChannelKind wording = on.contains(ChannelKind.SMS) ? ChannelKind.SMS : on.iterator().next();
            ChannelKind first = on.iterator().next();
            ChannelKind[] more = on.stream().skip(1).toArray(ChannelKind[]::new);
            SurveyDefinition.Builder b = SurveyDefinition.builder(id).name("Survey " + id).scale(scale)
                    .channels(first, more).defaultLocale(langs.get(0));
            for (Locale l : langs) {
                b.messages(l, DefaultMessages.forChannel(wording, l).orElseThrow());
            }
            return b.build();
        });
    }

    /**
     * @param scale a scale
     * @return a value of the scale typed in any way the reply parser reads, in any supported language
     */
    public static Arbitrary<TypedRating> typedRatings(RatingScale scale) {
        return locales().flatMap(locale -> typedRatings(scale, locale));
    }

    /**
     * A rating typed as a customer would: digits ("4", " 4 .", full-width "４"), "4/5",
     * "4 out of 5" and "4 sur 5", "4 stars" and "4 étoiles", number words in the language and in
     * English, the scale's label in the language, its emoji, and "⭐⭐⭐⭐" on scales of up to
     * five stars.
     *
     * @param scale a scale
     * @param locale the customer's locale, one of {@link RatingScales#LABEL_LOCALES}
     * @return a value of the scale and a way of typing it
     */
    public static Arbitrary<TypedRating> typedRatings(RatingScale scale, Locale locale) {
        return Arbitraries.of(scale.points()).flatMap(point -> Arbitraries.of(forms(scale, point, locale)));
    }

    /** Every way of typing one point that the parser reads as that point. */
    static List<TypedRating> forms(RatingScale scale, ScalePoint point, Locale locale) {
        int v = point.value();
        String lang = locale.getLanguage();
        List<TypedRating> forms = new ArrayList<>();
        forms.add(new TypedRating(v, Integer.toString(v), locale, "digits"));
        forms.add(new TypedRating(v, "  " + v + " .", locale, "digits with spaces and a stop"));
        forms.add(new TypedRating(v, fullWidth(v), locale, "full-width digits"));
        forms.add(new TypedRating(v, v + "/" + scale.max(), locale, "fraction"));
        forms.add(new TypedRating(v, v + " " + OUT_OF.getOrDefault(lang, "out of") + " " + scale.max(), locale,
                "out of"));
        List<String> words = NUMBER_WORDS.get(lang);
        if (v >= 0 && v <= 10) {
            if (words != null) {
                forms.add(new TypedRating(v, words.get(v), locale, "number word"));
            }
            String english = NUMBER_WORDS.get("en").get(v);
            if (!NOT_NUMBERS.getOrDefault(lang, Set.of()).contains(english)) {
                forms.add(new TypedRating(v, english, locale, "English number word"));
            }
        }
        if (v >= 1 && scale.min() >= 0 && scale.max() <= 10) {
            forms.add(new TypedRating(v, v + " " + STARS.getOrDefault(lang, "stars"), locale, "stars"));
        }
        if (scale.min() >= 1 && scale.max() <= 5 && v >= 1) {
            forms.add(new TypedRating(v, "⭐".repeat(v), locale, "star emoji"));
        }
        point.label(locale).ifPresent(label -> forms.add(new TypedRating(v, label, locale, "label")));
        point.emoji().ifPresent(emoji -> forms.add(new TypedRating(v, emoji, locale, "emoji")));
        return forms;
    }

    private static String fullWidth(int v) {
        StringBuilder out = new StringBuilder();
        for (char c : Integer.toString(v).toCharArray()) {
            out.append(c == '-' ? '-' : (char) ('０' + (c - '0')));
        }
        return out.toString();
    }

    /**
     * @param scale the scale ratings are on
     * @return survey responses over six weeks: rated (mostly), unanswered, invalid or late, by
     *     one of five agents in two teams, on one of the four channels
     */
    public static Arbitrary<SurveyResponse> responses(RatingScale scale) {
        Arbitrary<Integer> outcome = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(6, 0), net.jqwik.api.Tuple.of(2, 1), net.jqwik.api.Tuple.of(1, 2),
                net.jqwik.api.Tuple.of(1, 3));
        Arbitrary<Integer> value = Arbitraries.of(scale.points()).map(ScalePoint::value);
        Arbitrary<Long> sentMinutes = Arbitraries.longs().between(0, Duration.ofDays(42).toMinutes());
        Arbitrary<Long> answerMinutes = Arbitraries.longs().between(0, Duration.ofDays(2).toMinutes());
        Arbitrary<Integer> agent = Arbitraries.integers().between(1, 5);
        Arbitrary<ChannelKind> channel = Arbitraries.of(ChannelKind.class);
        Arbitrary<Long> id = Arbitraries.longs().between(1, 1_000_000_000L);
        return Combinators.combine(id, outcome, value, sentMinutes, answerMinutes, agent, channel)
                .as((n, kind, score, sent, after, a, ch) -> {
                    Instant sentAt = EPOCH.plus(Duration.ofMinutes(sent));
                    Instant at = sentAt.plus(Duration.ofMinutes(after));
                    SurveyResponse.Builder b = SurveyResponse.builder("interaction-" + n, "survey-" + scale.id(), sentAt)
                            .channel(ch).agent("agent-" + a).team(a <= 3 ? "blue" : "red");
                    switch (kind) {
                        case 0 -> b.rating(score, at);
                        case 1 -> { }
                        case 2 -> b.invalidReply(at);
                        default -> b.lateReply(OptionalInt.of(score), at);
                    }
                    return b.build();
                });
    }

    /**
     * @param scale a scale
     * @return tallies on the scale: up to 1,000 ratings of each value, and unanswered, invalid and
     *     late surveys
     */
    public static Arbitrary<Tally> tallies(RatingScale scale) {
        Arbitrary<List<Long>> counts = Arbitraries.longs().between(0, 1000).list().ofSize(scale.size());
        Arbitrary<Long> other = Arbitraries.longs().between(0, 1000);
        return Combinators.combine(counts, other, other, other).as((c, unanswered, invalid, late) -> {
            Tally.Builder b = Tally.builder(scale);
            for (int i = 0; i < c.size(); i++) {
                b.addRatings(scale.points().get(i).value(), c.get(i));
            }
            return b.addUnanswered(unanswered).addInvalid(invalid).addLate(late).build();
        });
    }
}
