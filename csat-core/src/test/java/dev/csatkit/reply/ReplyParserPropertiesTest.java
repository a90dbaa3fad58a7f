package dev.csatkit.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Totality and round trips of the text and choice parsers, and opt-outs around ratings, 10 000
 * tries each.
 */
class ReplyParserPropertiesTest {

    static final List<RatingScale> SCALES = scales();
    static final List<ReplyParser> PARSERS = SCALES.stream().map(ReplyParser::forScale).toList();
    static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("sv"),
            Locale.forLanguageTag("ru"), Locale.forLanguageTag("uk"), Locale.forLanguageTag("pl"), Locale.GERMAN,
            Locale.forLanguageTag("es"), Locale.CANADA_FRENCH, Locale.ITALIAN, Locale.JAPANESE, Locale.ROOT);

    /** The zero code point of decimal digit sets people type in. */
    static final int[] DIGIT_ZEROS = {'0', 0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE};

    /** Pieces that reach every branch of the reader when strung together. */
    static final List<String> FRAGMENTS = fragments();

    // ---- totality ----

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void anyTextGetsAnOutcome(@ForAll("parsers") ReplyParser parser, @ForAll("locales") Locale locale,
            @ForAll("anyText") String text) {
        ParsedReply outcome = parser.parse(text, locale);
        checkInvariants(parser, text, outcome);
        if (text.length() <= ReplyParser.MAX_LENGTH) {
            assertThat(outcome.truncated()).isFalse();
        }
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void hugeTextIsCutAndSaysSo(@ForAll("parsers") ReplyParser parser, @ForAll("locales") Locale locale,
            @ForAll("anyText") String chunk) {
        String body = (chunk.isEmpty() ? "?" : chunk).repeat(100_000 / Math.max(1, chunk.length()) + 1);
        String text = "x" + body + "x";
        assertThat(text.length()).isGreaterThanOrEqualTo(100_000);
        ParsedReply outcome = parser.parse(text, locale);
        checkInvariants(parser, text, outcome);
        assertThat(outcome.truncated()).isTrue();
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void hugeTextOfAnyKindGetsAnOutcome(@ForAll("parsers") ReplyParser parser, @ForAll("locales") Locale locale,
            @ForAll("anyText") String head, @ForAll("anyText") String chunk) {
        String text = head + (chunk.isEmpty() ? " " : chunk).repeat(100_000 / Math.max(1, chunk.length()) + 1);
        checkInvariants(parser, text, parser.parse(text, locale));
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void surroundingSpaceChangesNothing(@ForAll("parsers") ReplyParser parser, @ForAll("locales") Locale locale,
            @ForAll("anyText") String text, @ForAll("blank") String before, @ForAll("blank") String after) {
        assertThat(parser.parse(before + text + after, locale)).isEqualTo(parser.parse(text, locale));
    }

    // ---- round trips ----

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void anyValueInDigitsReadsBack(@ForAll("parsers") ReplyParser parser, @ForAll @IntRange(max = 10) int index,
            @ForAll @IntRange(max = 7) int script, @ForAll("digitForms") String form, @ForAll("locales") Locale locale) {
        RatingScale scale = parser.scale();
        int value = scale.points().get(index % scale.size()).value();
        String digits = inScript(value, DIGIT_ZEROS[script]);
        // "-3/-1" is no way to write a rating: the forms with the scale's top need a positive top.
        String written = scale.max() > 0 || !form.contains("M") ? form : "V";
        String reply = written.replace("V", digits).replace("M", Integer.toString(scale.max()));
        assertRating(parser.parse(reply, locale), value);
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void anyNumberWordReadsBack(@ForAll @IntRange(max = 10) int value, @ForAll @IntRange(max = 7) int speaker,
            @ForAll("caseAndPunctuation") String form) {
        ReplyLanguagesTest.Speaker s = ReplyLanguagesTest.SPEAKERS.get(speaker);
        String word = s.numbers().get(value);
        String reply = form.replace("W", recase(word, form));
        assertRating(ReplyParserTest.ZERO_TEN.parse(reply, s.locale()), value);
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void anyLabelReadsBack(@ForAll("presetParsers") ReplyParser parser, @ForAll @IntRange(max = 10) int index,
            @ForAll @IntRange(max = 7) int language, @ForAll("caseAndPunctuation") String form,
            @ForAll boolean stripAccents) {
        ScalePoint point = parser.scale().points().get(index % parser.scale().size());
        Locale locale = RatingScales.LABEL_LOCALES.get(language);
        String label = point.labels().get(locale);
        if (label == null) {
            return; // unlabelled middle points of the numeric presets
        }
        String written = stripAccents ? ReplyLanguagesTest.stripAccents(label) : label;
        String reply = form.replace("W", recase(written, form));
        assertRating(parser.parse(reply, locale), point.value());
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void anyChoiceReadsBack(@ForAll("parsers") ReplyParser parser, @ForAll @IntRange(max = 10) int index) {
        int value = parser.scale().points().get(index % parser.scale().size()).value();
        assertThat(parser.parseChoice(parser.choicePayload(value))).isEqualTo(new ParsedReply.Rating(value));
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void numbersOffTheScaleAreOutOfRange(@ForAll("parsers") ReplyParser parser,
            @ForAll @IntRange(min = -1_000_000_000, max = 1_000_000_000) int number, @ForAll("locales") Locale locale) {
        if (parser.scale().contains(number)) {
            return;
        }
        ParsedReply outcome = parser.parse(Integer.toString(number), locale);
        assertThat(outcome).isInstanceOfSatisfying(ParsedReply.Invalid.class,
                i -> assertThat(i.reason()).isEqualTo(InvalidReason.OUT_OF_RANGE));
        assertThat(parser.parseChoice(Integer.toString(number))).isInstanceOf(ParsedReply.Invalid.class);
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void twoDifferentRatingsAreAmbiguous(@ForAll("parsers") ReplyParser parser, @ForAll @IntRange(max = 10) int a,
            @ForAll @IntRange(max = 10) int b, @ForAll("joiners") String joiner, @ForAll("locales") Locale locale) {
        List<ScalePoint> points = parser.scale().points();
        int first = points.get(a % points.size()).value();
        int second = points.get(b % points.size()).value();
        if (first == second) {
            return;
        }
        ParsedReply outcome = parser.parse(first + joiner + second, locale);
        assertThat(outcome).isInstanceOfSatisfying(ParsedReply.Invalid.class,
                i -> assertThat(i.reason()).isEqualTo(InvalidReason.AMBIGUOUS));
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void keywordsAreReadAsTheWholeReply(@ForAll("keywords") Tuple.Tuple2<String, Class<?>> keyword,
            @ForAll("keywordPadding") String before, @ForAll("keywordPadding") String after,
            @ForAll boolean lower, @ForAll("locales") Locale locale) {
        String word = lower ? keyword.get1().toLowerCase(Locale.ROOT) : keyword.get1();
        assertThat(ReplyParserTest.FIVE.parse(before + word + after, locale)).isInstanceOf(keyword.get2());
    }

    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void optInAndHelpKeywordsInsideSentencesAreNot(@ForAll("optInAndHelp") Tuple.Tuple2<String, Class<?>> keyword,
            @ForAll("sentenceWords") String before, @ForAll("sentenceWords") String after,
            @ForAll("locales") Locale locale) {
        ParsedReply outcome = ReplyParserTest.FIVE.parse(before + " " + keyword.get1() + " " + after, locale);
        assertThat(outcome).isNotInstanceOfAny(ParsedReply.OptIn.class, ParsedReply.Help.class);
    }

    // ---- opt-outs ----

    /**
     * Any opt-out phrase of the contact's language, written before or after any reply that reads
     * as a rating, makes the reply an opt-out, never a rating. Bare keywords are written in
     * capitals, as carriers print them: a lower-case "stop" inside a sentence may be an ordinary
     * word, and counts only where punctuation or a rating sets it apart.
     */
    @Property(tries = 10000, generation = GenerationMode.RANDOMIZED)
    void anOptOutPhraseBeforeOrAfterARatingMakesItAnOptOut(@ForAll @IntRange(max = 7) int language,
            @ForAll @IntRange(max = 1000) int phrase, @ForAll @IntRange(max = 1000) int rating,
            @ForAll("optOutJoiners") String joiner, @ForAll boolean before) {
        OptOutCorpusTest.Corpus corpus = OptOutCorpusTest.CORPORA.get(language);
        String optOut = corpus.anywhere().get(phrase % corpus.anywhere().size());
        List<String> ratings = RATING_REPLIES.get(language);
        String reply = ratings.get(rating % ratings.size());
        assertThat(ReplyParserTest.FIVE.parse(reply, corpus.locale())).as("\"%s\" alone", reply)
                .isInstanceOf(ParsedReply.Rating.class);
        String text = before ? optOut + joiner + reply : reply + joiner + optOut;
        assertThat(ReplyParserTest.FIVE.parse(text, corpus.locale())).as("\"%s\"", text)
                .isInstanceOfSatisfying(ParsedReply.OptOut.class, o -> assertThat(o.words()).isNotEmpty());
    }

    // ---- invariants ----

    /** The value, and a comment only where the form added words. */
    static void assertRating(ParsedReply outcome, int value) {
        assertThat(outcome).isInstanceOfSatisfying(ParsedReply.Rating.class, r -> {
            assertThat(r.value()).isEqualTo(value);
            assertThat(r.truncated()).isFalse();
            r.comment().ifPresent(c -> assertThat(c).isIn("thanks", "merci", "🙏", ":)"));
        });
    }

    static void checkInvariants(ReplyParser parser, String text, ParsedReply outcome) {
        assertThat(outcome).isNotNull();
        if (outcome instanceof ParsedReply.Rating r) {
            assertThat(parser.scale().contains(r.value())).isTrue();
            r.comment().ifPresent(c -> {
                assertThat(c).isNotBlank().hasSizeLessThanOrEqualTo(ReplyParser.MAX_LENGTH);
                assertThat(text).contains(c); // never invented
            });
        } else if (outcome instanceof ParsedReply.Comment c) {
            assertThat(c.text()).isNotEmpty().hasSizeLessThanOrEqualTo(ReplyParser.MAX_LENGTH);
            assertThat(text).contains(c.text());
        } else if (outcome instanceof ParsedReply.Invalid i) {
            assertThat(i.detail()).isNotBlank();
        } else if (outcome instanceof ParsedReply.OptOut o) {
            assertThat(o.keyword()).isNotBlank();
            assertThat(o.words()).isNotEmpty().allSatisfy(w -> assertThat(text).contains(w));
        } else {
            assertThat(text.length()).isLessThanOrEqualTo(ReplyParser.MAX_LENGTH + 200_000);
            assertThat(outcome.truncated()).isFalse();
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<ReplyParser> parsers() {
        return Arbitraries.of(PARSERS);
    }

    @Provide
    Arbitrary<ReplyParser> presetParsers() {
        return Arbitraries.of(PARSERS.subList(0, RatingScales.presetIds().size()));
    }

    @Provide
    Arbitrary<Locale> locales() {
        return Arbitraries.of(LOCALES);
    }

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> bmp = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> anyPlane = Arbitraries.integers().between(0, Character.MAX_CODE_POINT).list().ofMaxSize(120)
                .map(ReplyParserPropertiesTest::fromCodePoints);
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(60);
        Arbitrary<String> pieces = Arbitraries.of(FRAGMENTS).list().ofMaxSize(12)
                .map(list -> String.join("", list));
        Arbitrary<String> spaced = Arbitraries.of(FRAGMENTS).list().ofMaxSize(8)
                .map(list -> String.join(" ", list));
        return Arbitraries.frequencyOf(Tuple.of(2, bmp), Tuple.of(2, anyPlane), Tuple.of(1, ascii),
                Tuple.of(3, pieces), Tuple.of(3, spaced));
    }

    @Provide
    Arbitrary<String> blank() {
        return Arbitraries.strings().withChars(' ', '\t', '\n', '\r', '\u00A0', '\u2003', '\u3000', '\u200B', '\uFEFF')
                .ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> digitForms() {
        return Arbitraries.of("V", " V ", "V!!!", "V.", "V/M", "V / M", "V out of M", "V of M", "rating: V",
                "I'd give it a V", "V stars", "(V)", "V, thanks", "thanks, V", "\tV\n", "V 🙏", "score = V", "V/M!");
    }

    @Provide
    Arbitrary<String> caseAndPunctuation() {
        return Arbitraries.of("W", "W!", " W ", "W.", "W :)", "«W»", "W, merci", "W...", "¡W!", "\"W\"", "W 🙏");
    }

    @Provide
    Arbitrary<String> joiners() {
        return Arbitraries.of(" ", " or ", ", ", " and ", " ou ", " или ", " oder ", "; ", " lub ", "  ");
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, Class<?>>> keywords() {
        List<Tuple.Tuple2<String, Class<?>>> all = new ArrayList<>();
        for (ReplyLanguagesTest.Speaker s : ReplyLanguagesTest.SPEAKERS) {
            s.optOut().forEach(k -> all.add(Tuple.of(k, ParsedReply.OptOut.class)));
            s.optIn().forEach(k -> all.add(Tuple.of(k, ParsedReply.OptIn.class)));
            s.help().forEach(k -> all.add(Tuple.of(k, ParsedReply.Help.class)));
        }
        return Arbitraries.of(all);
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, Class<?>>> optInAndHelp() {
        List<Tuple.Tuple2<String, Class<?>>> all = new ArrayList<>();
        for (ReplyLanguagesTest.Speaker s : ReplyLanguagesTest.SPEAKERS) {
            s.optIn().forEach(k -> all.add(Tuple.of(k, ParsedReply.OptIn.class)));
            s.help().forEach(k -> all.add(Tuple.of(k, ParsedReply.Help.class)));
        }
        return Arbitraries.of(all);
    }

    @Provide
    Arbitrary<String> optOutJoiners() {
        return Arbitraries.of(" ", ", ", ". ", "! ", "\n", " - ", " — ", "... ", " 🙏 ", "  ");
    }

    @Provide
    Arbitrary<String> keywordPadding() {
        return Arbitraries.strings().withChars(' ', '.', '!', '?', ',', '"', '«', '»', '¡', '¿', '(', ')', '\n', '-')
                .ofMaxLength(6);
    }

    @Provide
    Arbitrary<String> sentenceWords() {
        return Arbitraries.of("please", "don't", "I said", "we will", "never", "the", "call", "me", "now",
                "s'il vous plaît", "пожалуйста", "bitte");
    }

    // ---- helpers ----

    static String inScript(int value, int zero) {
        StringBuilder out = new StringBuilder();
        for (char c : Integer.toString(value).toCharArray()) {
            if (c == '-') {
                out.append('-');
            } else {
                out.appendCodePoint(zero + (c - '0'));
            }
        }
        return out.toString();
    }

    static String recase(String word, String form) {
        return switch (Math.floorMod(form.hashCode() + word.length(), 3)) {
            case 0 -> word.toUpperCase(Locale.ROOT);
            case 1 -> word.toLowerCase(Locale.ROOT);
            default -> ReplyLanguagesTest.capitalized(word);
        };
    }

    static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder sb = new StringBuilder();
        codePoints.forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** Per language of {@link OptOutCorpusTest#CORPORA}: replies that read as a rating on the 1–5 scale. */
    static final List<List<String>> RATING_REPLIES = ratingReplies();

    private static List<List<String>> ratingReplies() {
        List<String> comments = List.of("great service, thanks", "service rapide, merci", "snabb hjälp, tack",
                "быстро и вежливо, спасибо", "швидко і ввічливо, дякую", "szybko i miło, dziękuję",
                "schnell und freundlich, danke", "rápido y amable, gracias");
        List<List<String>> all = new ArrayList<>();
        for (int i = 0; i < OptOutCorpusTest.CORPORA.size(); i++) {
            OptOutCorpusTest.Corpus corpus = OptOutCorpusTest.CORPORA.get(i);
            ReplyLanguagesTest.Speaker s = ReplyLanguagesTest.byTag().get(corpus.tag());
            String comment = comments.get(i);
            List<String> replies = new ArrayList<>(List.of("5", "4", " 3 .", "4/5", "5!", "😍", "🙂", "⭐⭐⭐⭐",
                    "4 ⭐", s.fourStars(), s.fourStarsInWords(), s.fourStarsInWords().toUpperCase(Locale.ROOT),
                    s.fourOutOfFive(), s.fourOutOfFiveInWords(), s.cueFour(),
                    ReplyLanguagesTest.capitalized(s.cueFour()) + ".", "5 " + comment, "5, " + comment,
                    ReplyLanguagesTest.capitalized(comment) + " 5", "4 😊"));
            for (ScalePoint p : RatingScales.fivePoint().points()) {
                String label = p.labels().get(corpus.locale());
                replies.addAll(List.of(label, label.toLowerCase(Locale.ROOT), label.toUpperCase(Locale.ROOT)));
            }
            all.add(List.copyOf(replies));
        }
        return List.copyOf(all);
    }

    private static List<RatingScale> scales() {
        List<RatingScale> scales = new ArrayList<>();
        RatingScales.presetIds().forEach(id -> scales.add(RatingScales.preset(id).orElseThrow()));
        for (int from : new int[] {-10, -2, 0, 1, 5, 20, 50, 90}) {
            for (int size : new int[] {2, 3, 5, 7, 11}) {
                scales.add(RatingScale.builder("n" + from + "x" + size).numeric(from, from + size - 1).build());
            }
        }
        return List.copyOf(scales);
    }

    private static List<String> fragments() {
        List<String> f = new ArrayList<>(List.of(
                "0", "1", "2", "3", "4", "5", "7", "10", "99", "12345678901", "-", "+", "/", ".", ",", ":", "=", "!",
                "?", "(", ")", "'", "’", "½", "⑤", "５", "٥", "𝟓", "²", "\u200D", "\uFE0F", "\u20E3", "\u0301",
                "🏽", "\u0000", "\u0007", "\uD800", "\uDC00", "\uE000", "😡", "😞", "😐", "🙂", "😍", "👍", "👎",
                "⭐", "★", "☆", "🌟", "🎉", "🇫🇷", "👩‍💻", "out", "of", "out of", "stars", "star", "not", "half",
                "or", "and", "a", "I'd", "give", "it", "rating", "very", "satisfied", "très", "satisfait", "STOP",
                "stop", "HELP", "yes", "start", "opt", "-out", "five", "four", "un", "une", "en", "sex", "tres",
                "п'ять", "пять", "из", "не", "половиной", "pięć", "na", "nie", "fünf", "von", "cinco", "de", "medio",
                "fem", "av", "inte", "neutral", "good", "bad", "Мauvais", "x", "ab", "mp3", "2nd", " ", "\t", "\n",
                // opt-outs, their look-alikes and hedged numbers
                "stop texting", "don't", "unsubscribe", "unsubscibe", "the end", "to", "cancel", "END", "non-stop",
                "stoooop", "please", "no more", "texts", "arrêtez", "les SMS", "keine", "mehr", "хватит", "писать",
                "не", "no me", "escriban", "más", "sluta", "досить", "dość", "am Ende", "%", "$", "€", "٫", "·",
                "±", "<", "~", "-+", ".5", ",5"));
        return List.copyOf(f);
    }
}
