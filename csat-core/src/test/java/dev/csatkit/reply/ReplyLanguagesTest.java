package dev.csatkit.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.RatingScales;
import dev.csatkit.scale.ScalePoint;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every form of the issue in every listed language: number words, units, "x out of y", rating
 * cues, labels (also feminine and plural forms), negations, halves and keywords. The expected
 * words are written here, independently of the parser's own tables; {@link OptOutCorpusTest}
 * has opt-outs inside longer replies, and their look-alikes.
 */
class ReplyLanguagesTest {

    private static final ReplyParser FIVE = ReplyParser.forScale(RatingScales.fivePoint());
    private static final ReplyParser ZERO_TEN = ReplyParser.forScale(RatingScales.zeroToTen());
    private static final ReplyParser THUMBS = ReplyParser.forScale(RatingScales.thumbs());

    /**
     * What a speaker of one language writes.
     *
     * @param tag the locale
     * @param numbers the number words 0 to 10
     * @param otherNumbers further number words, "word=value"
     * @param fourStars "4 stars"
     * @param fourStarsInWords "four stars"
     * @param fourOutOfFive "4 out of 5", in digits
     * @param fourOutOfFiveInWords the same in words
     * @param cueFour a sentence that gives 4 with a number word
     * @param notFive "not five"
     * @param fourAndAHalf "four and a half"
     * @param labelForms further label spellings, "text=value" on the five-point scale
     * @param optOut opt-out keywords
     * @param optIn opt-in keywords
     * @param help help keywords
     */
    record Speaker(String tag, List<String> numbers, List<String> otherNumbers, String fourStars,
            String fourStarsInWords, String fourOutOfFive, String fourOutOfFiveInWords, String cueFour,
            String notFive, String fourAndAHalf, List<String> labelForms, List<String> optOut, List<String> optIn,
            List<String> help) {
        Locale locale() {
            return Locale.forLanguageTag(tag);
        }
    }

    static final List<Speaker> SPEAKERS = List.of(
            new Speaker("en",
                    List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
                    List.of(),
                    "4 stars", "four stars", "4 out of 5", "four out of five", "I'd give it a four", "not five",
                    "four and a half", List.of("I am very satisfied=5", "We are satisfied=4"),
                    List.of("STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPT OUT",
                            "opt-out", "optout"),
                    List.of("START", "UNSTOP", "YES"), List.of("HELP", "INFO")),
            new Speaker("fr",
                    List.of("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"),
                    List.of("une=1"),
                    "4 étoiles", "quatre étoiles", "4 sur 5", "quatre sur cinq", "je donne un quatre", "pas cinq",
                    "quatre et demi",
                    List.of("très satisfaite=5", "satisfaite=4", "insatisfaite=2", "très insatisfaite=1",
                            "Je suis très satisfait=5", "Nous sommes satisfaits=4"),
                    List.of("ARRÊT", "arret", "STOP", "STOP SMS", "désabonner", "DESINSCRIRE"),
                    List.of("OUI", "START"), List.of("AIDE")),
            new Speaker("sv",
                    List.of("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio"),
                    List.of("ett=1", "etta=1", "tvåa=2", "trea=3", "femma=5", "sexa=6", "sjua=7", "nia=9", "tia=10"),
                    "4 stjärnor", "fyra stjärnor", "4 av 5", "fyra av fem", "jag ger det en fyra", "inte fem",
                    "fyra och en halv", List.of("mycket nöjda=5", "nöjda=4", "Jag är mycket nöjd=5"),
                    List.of("STOPP", "AVSLUTA", "STOP"), List.of("JA", "STARTA"), List.of("HJÄLP", "hjalp")),
            new Speaker("ru",
                    List.of("ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять",
                            "десять"),
                    List.of("нуль=0", "одна=1", "две=2", "единица=1", "двойка=2", "тройка=3", "четвёрка=4",
                            "четверка=4", "пятёрка=5", "пятерка=5", "десятка=10", "п'ять=5"),
                    "4 звезды", "четыре звезды", "4 из 5", "четыре из пяти", "ставлю четыре", "не пять",
                    "четыре с половиной",
                    List.of("очень довольна=5", "довольна=4", "недовольна=2", "очень недовольна=1",
                            "Я очень доволен=5"),
                    List.of("СТОП", "стоп", "ОТПИСАТЬСЯ", "ОТПИСКА"), List.of("СТАРТ", "ДА"),
                    List.of("ПОМОЩЬ", "СПРАВКА")),
            new Speaker("uk",
                    List.of("нуль", "один", "два", "три", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять",
                            "десять"),
                    List.of("одна=1", "дві=2", "п’ять=5", "пʼять=5", "П'ЯТЬ=5", "п'ятірка=5", "четвірка=4",
                            "десятка=10", "пять=5"),
                    "4 зірки", "чотири зірки", "4 з 5", "чотири з п'яти", "ставлю чотири", "не п'ять",
                    "чотири з половиною",
                    List.of("дуже задоволена=5", "задоволена=4", "незадоволена=2", "дуже незадоволена=1",
                            "Я дуже задоволений=5"),
                    List.of("СТОП", "ВІДПИСАТИСЯ", "ВІДПИСКА"), List.of("СТАРТ", "ТАК"),
                    List.of("ДОПОМОГА", "ДОВІДКА")),
            new Speaker("pl",
                    List.of("zero", "jeden", "dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem",
                            "dziewięć", "dziesięć"),
                    List.of("jedna=1", "dwie=2", "jedynka=1", "czwórka=4", "piątka=5", "szóstka=6", "dziesiątka=10",
                            "piec=5"),
                    "4 gwiazdki", "cztery gwiazdki", "4 na 5", "cztery na pięć", "daję cztery", "nie pięć",
                    "cztery i pół",
                    List.of("bardzo zadowolona=5", "zadowolona=4", "niezadowolona=2", "bardzo niezadowolona=1",
                            "Jestem bardzo zadowolony=5", "4 z 5=4", "cztery z pięciu=4"),
                    List.of("STOP", "WYPISZ", "REZYGNACJA"), List.of("TAK", "START"), List.of("POMOC")),
            new Speaker("de",
                    List.of("null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
                            "zehn"),
                    List.of("zwo=2", "fuenf=5", "FÜNF=5"),
                    "4 Sterne", "vier Sterne", "4 von 5", "vier von fünf", "ich gebe eine vier", "nicht fünf",
                    "vier und eine halbe",
                    List.of("Ich bin sehr zufrieden=5", "Wir sind zufrieden=4", "4 aus 5=4"),
                    List.of("STOPP", "ABMELDEN", "ABBESTELLEN", "STOP"), List.of("JA", "ANMELDEN", "START"),
                    List.of("HILFE")),
            new Speaker("es",
                    List.of("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"),
                    List.of("una=1"),
                    "4 estrellas", "cuatro estrellas", "4 de 5", "cuatro de cinco", "le doy un cuatro", "no cinco",
                    "cuatro y medio",
                    List.of("muy satisfecha=5", "satisfecha=4", "insatisfecha=2", "muy insatisfecha=1",
                            "Estoy muy satisfecho=5", "4 sobre 5=4"),
                    List.of("PARAR", "BAJA", "ALTO", "CANCELAR", "DETENER", "STOP"), List.of("SÍ", "si", "ALTA"),
                    List.of("AYUDA")));

    @TestFactory
    Stream<DynamicTest> numberWordsZeroToTen() {
        return cases(s -> {
            List<DynamicTest> tests = new ArrayList<>();
            for (int value = 0; value <= 10; value++) {
                String word = s.numbers().get(value);
                for (String form : List.of(word, word.toUpperCase(Locale.ROOT), capitalized(word), stripAccents(word),
                        word + "!", " " + word + " .")) {
                    tests.add(rating(ZERO_TEN, s, form, value));
                }
            }
            for (String pair : s.otherNumbers()) {
                tests.add(rating(ZERO_TEN, s, before(pair), after(pair)));
            }
            return tests;
        });
    }

    @TestFactory
    Stream<DynamicTest> starsOutOfAndCues() {
        return cases(s -> List.of(
                rating(FIVE, s, s.fourStars(), 4),
                rating(FIVE, s, s.fourStarsInWords(), 4),
                rating(FIVE, s, s.fourStarsInWords().toUpperCase(Locale.ROOT), 4),
                rating(FIVE, s, s.fourOutOfFive(), 4),
                rating(FIVE, s, s.fourOutOfFiveInWords(), 4),
                rating(FIVE, s, s.cueFour(), 4),
                rating(FIVE, s, capitalized(s.cueFour()) + ".", 4),
                rating(FIVE, s, s.numbers().get(4) + ", " + s.fourStarsInWords(), 4)));
    }

    @TestFactory
    Stream<DynamicTest> negationsAndHalvesAreAmbiguous() {
        return cases(s -> List.of(
                invalid(FIVE, s, s.notFive(), InvalidReason.AMBIGUOUS),
                invalid(FIVE, s, s.fourAndAHalf(), InvalidReason.AMBIGUOUS),
                invalid(FIVE, s, s.numbers().get(4) + " " + s.numbers().get(5), InvalidReason.AMBIGUOUS)));
    }

    @TestFactory
    Stream<DynamicTest> scaleLabels() {
        return cases(s -> {
            List<DynamicTest> tests = new ArrayList<>();
            for (RatingScale scale : List.of(RatingScales.fivePoint(), RatingScales.thumbs(), RatingScales.threeFaces(),
                    RatingScales.keypadNine(), RatingScales.zeroToTen())) {
                ReplyParser parser = ReplyParser.forScale(scale);
                for (ScalePoint p : scale.points()) {
                    String label = p.labels().get(s.locale());
                    if (label == null) {
                        continue;
                    }
                    for (String form : List.of(label, label.toLowerCase(Locale.ROOT), label.toUpperCase(Locale.ROOT),
                            stripAccents(label), label + " !", "« " + label + " »")) {
                        tests.add(rating(parser, s, form, p.value()));
                    }
                }
            }
            for (String pair : s.labelForms()) {
                tests.add(rating(FIVE, s, before(pair), after(pair)));
            }
            return tests;
        });
    }

    @TestFactory
    Stream<DynamicTest> keywords() {
        return cases(s -> {
            List<DynamicTest> tests = new ArrayList<>();
            for (String k : s.optOut()) {
                for (String form : List.of(k, k.toLowerCase(Locale.ROOT), "  " + k + ". ", "¡" + k + "!")) {
                    tests.add(dynamicTest(s.tag() + ": opt-out " + form, () ->
                            assertThat(FIVE.parse(form, s.locale())).isInstanceOf(ParsedReply.OptOut.class)));
                }
            }
            for (String k : s.optIn()) {
                tests.add(dynamicTest(s.tag() + ": opt-in " + k, () ->
                        assertThat(FIVE.parse(k.toLowerCase(Locale.ROOT) + "!", s.locale()))
                                .isInstanceOf(ParsedReply.OptIn.class)));
            }
            for (String k : s.help()) {
                tests.add(dynamicTest(s.tag() + ": help " + k, () ->
                        assertThat(FIVE.parse(k + "?", s.locale())).isInstanceOf(ParsedReply.Help.class)));
            }
            return tests;
        });
    }

    @TestFactory
    Stream<DynamicTest> numberWordsWithRestKeptAsComment() {
        return cases(s -> List.of(dynamicTest(s.tag() + ": word and comment", () -> {
            String reply = capitalized(s.numbers().get(5)) + ", " + "merci/thanks";
            assertThat(FIVE.parse(reply, s.locale()))
                    .isEqualTo(new ParsedReply.Rating(5, "merci/thanks"));
        })));
    }

    @TestFactory
    Stream<DynamicTest> thumbsLabels() {
        return cases(s -> List.of(
                rating(THUMBS, s, RatingScales.thumbs().point(2).orElseThrow().labels().get(s.locale()), 2),
                rating(THUMBS, s, RatingScales.thumbs().point(1).orElseThrow().labels().get(s.locale()), 1)));
    }

    // ---- helpers ----

    private static Stream<DynamicTest> cases(Function<Speaker, List<DynamicTest>> perSpeaker) {
        return SPEAKERS.stream().flatMap(s -> perSpeaker.apply(s).stream());
    }

    private static DynamicTest rating(ReplyParser parser, Speaker s, String reply, int value) {
        return dynamicTest(s.tag() + " " + parser.scale().id() + ": \"" + reply + "\" is " + value, () ->
                assertThat(parser.parse(reply, s.locale())).isEqualTo(new ParsedReply.Rating(value)));
    }

    private static DynamicTest invalid(ReplyParser parser, Speaker s, String reply, InvalidReason reason) {
        return dynamicTest(s.tag() + " " + parser.scale().id() + ": \"" + reply + "\" is " + reason, () ->
                assertThat(parser.parse(reply, s.locale()))
                        .isInstanceOfSatisfying(ParsedReply.Invalid.class, i -> assertThat(i.reason()).isEqualTo(reason)));
    }

    static String stripAccents(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    static String capitalized(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String before(String pair) {
        return pair.substring(0, pair.lastIndexOf('='));
    }

    private static int after(String pair) {
        return Integer.parseInt(pair.substring(pair.lastIndexOf('=') + 1));
    }

    static Map<String, Speaker> byTag() {
        Map<String, Speaker> map = new java.util.LinkedHashMap<>();
        SPEAKERS.forEach(s -> map.put(s.tag(), s));
        return map;
    }
}
