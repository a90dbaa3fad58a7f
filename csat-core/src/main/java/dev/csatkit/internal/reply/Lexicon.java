package dev.csatkit.internal.reply;

import dev.csatkit.scale.Polarity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in word tables: number words, units, rating cues, negations and keywords in the
 * eight languages of the preset labels, and the emoji faces. Entries are written as people
 * type them and folded once, when this class loads.
 */
final class Lexicon {

    /** A reply keyword's meaning. */
    enum KeywordKind {
        OPT_OUT, OPT_IN, HELP
    }

    /**
     * A keyword and the form it is reported in.
     *
     * @param kind what it asks for
     * @param canonical the form it is reported in, such as {@code OPT OUT}
     */
    record Keyword(KeywordKind kind, String canonical) {
    }

    /** What an emoji face or thumb says, and how strongly. */
    enum Face {
        VERY_NEGATIVE(Polarity.NEGATIVE, 2),
        NEGATIVE(Polarity.NEGATIVE, 1),
        NEUTRAL(Polarity.NEUTRAL, 0),
        POSITIVE(Polarity.POSITIVE, 1),
        VERY_POSITIVE(Polarity.POSITIVE, 2),
        THUMB_DOWN(Polarity.NEGATIVE, -1),
        THUMB_UP(Polarity.POSITIVE, -1);

        final Polarity polarity;
        /** 2 for the extremes, 1 for mild, 0 for neutral, -1 when the symbol has no degree. */
        final int intensity;

        Face(Polarity polarity, int intensity) {
            this.polarity = polarity;
            this.intensity = intensity;
        }
    }

    /**
     * The tables of one language; every string is folded. Word lists hold single words.
     *
     * @param code ISO 639 language code
     * @param numbers number words by value, 0 to 10
     * @param articles number words that also serve as an indefinite article
     * @param units words that follow a number in a rating: stars, points
     * @param outOf words between a rating and the scale's top ("4 sur 5")
     * @param cues words after which a number word is a rating ("give", "note")
     * @param fillers words that carry no opinion around a rating ("I", "it", "a")
     * @param negations words that turn a following rating around
     * @param halves words that make a rating a half point ("half", "demi")
     * @param connectives words that join alternatives ("or", "ou", "или")
     * @param notNumbers English number words that are ordinary words in this language
     */
    record Language(String code, List<Set<String>> numbers, Set<String> articles, Set<String> units,
            Set<String> outOf, Set<String> cues, Set<String> fillers, Set<String> negations, Set<String> halves,
            Set<String> connectives, Set<String> notNumbers) {
    }

    static final String ENGLISH = "en";

    private static final Map<String, Language> LANGUAGES = new LinkedHashMap<>();

    static {
        language("en",
                new String[] {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"},
                "", "star stars point points pt pts", "of",
                "rating rate rated score scored give gave giving grade graded",
                "a an i i'd i'm i'll i've it it's is was am are we you them this that my our the would will me",
                "not no never don't isn't wouldn't can't won't", "half", "or and", "");
        language("fr",
                new String[] {"zéro", "un|une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"},
                "un une", "étoile étoiles point points pts", "sur",
                "note noter notes donne donnerais donnerai mets mettrais attribue score évaluation",
                "je j'ai vous lui la le de est c'est ça un une ma mon leur te suis sommes nous",
                "pas ne n jamais non", "demi demie", "ou et", "");
        language("sv",
                new String[] {"noll", "en|ett|etta", "två|tvåa", "tre|trea", "fyra", "fem|femma", "sex|sexa",
                    "sju|sjua", "åtta", "nio|nia", "tio|tia"},
                "en ett", "stjärna stjärnor stjärnan poäng", "av",
                "betyg betyget ger gav sätter satte",
                "jag det den er dig en ett är mitt min vi",
                "inte ej aldrig icke", "halv halvt halva", "eller och", "");
        language("ru",
                new String[] {"ноль|нуль", "один|одна|одно|одного|единица|единичка", "два|две|двух|двойка", "три|трёх|тройка",
                    "четыре|четырёх|четвёрка", "пять|пяти|пятёрка", "шесть|шести|шестёрка", "семь|семи|семёрка",
                    "восемь|восьми|восьмёрка", "девять|девяти|девятка", "десять|десяти|десятка"},
                "", "звезда звезды звёзд звёздочка звёздочки звёздочек балл балла баллов баллы", "из",
                "оценка оценку оценкой ставлю поставлю поставил поставила оцениваю даю",
                "я вам вы это бы на мой моя ему им",
                "не нет никогда ни", "половина половиной пол", "или и", "");
        language("uk",
                new String[] {"нуль|ноль", "один|одна|одне|одного|одиниця|одиничка", "два|дві|двох|двійка", "три|трьох|трійка",
                    "чотири|чотирьох|четвірка", "п'ять|п'яти|п'ятірка", "шість|шести|шістка", "сім|семи|сімка",
                    "вісім|восьми|вісімка", "дев'ять|дев'яти|дев'ятка", "десять|десяти|десятка"},
                "", "зірка зірки зірок зірочка зірочки зірочок бал бали балів", "з із зі",
                "оцінка оцінку оцінкою ставлю поставлю поставив поставила оцінюю даю",
                "я вам ви це б би на мій моя йому їм",
                "не ні ніколи", "половина половиною пів", "або чи і та", "");
        language("pl",
                new String[] {"zero", "jeden|jedna|jedno|jednego|jedynka", "dwa|dwie|dwóch|dwójka", "trzy|trzech|trójka",
                    "cztery|czterech|czwórka", "pięć|pięciu|piątka", "sześć|sześciu|szóstka", "siedem|siedmiu|siódemka",
                    "osiem|ośmiu|ósemka", "dziewięć|dziewięciu|dziewiątka", "dziesięć|dziesięciu|dziesiątka"},
                "", "gwiazdka gwiazdki gwiazdek gwiazda gwiazdy gwiazd punkt punkty punktów pkt", "na z",
                "ocena ocenę oceniam daję dałbym dałabym wystawiam stawiam",
                "ja wam to na moja mój jest jestem jesteśmy bym by",
                "nie nigdy ani", "pół połowa połową", "lub albo czy i", "ten");
        language("de",
                new String[] {"null", "eins|ein|eine", "zwei|zwo", "drei", "vier", "fünf|fuenf", "sechs", "sieben",
                    "acht", "neun", "zehn"},
                "ein eine", "stern sterne sternen punkt punkte punkten pkt", "von aus",
                "bewertung note gebe gäbe vergebe bewerte",
                "ich ihnen euch es eine ein einen ist bin sind wir meine mein die das der den",
                "nicht kein keine keinen nie niemals", "halb halbe einhalb", "oder und", "");
        language("es",
                new String[] {"cero", "uno|una|un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
                    "diez"},
                "un una", "estrella estrellas punto puntos pts", "de sobre",
                "calificación nota puntuación doy daría pongo califico",
                "le les un una es mi yo de lo estoy estamos",
                "no nunca ni", "medio media", "o y", "");
    }

    private static final Map<String, Keyword> KEYWORDS = new HashMap<>();

    static {
        keywords(KeywordKind.OPT_OUT,
                // The words US carriers and rules treat as revoking consent, then local forms.
                "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPT OUT",
                "ARRÊT", "STOP SMS", "DÉSABONNER", "DÉSINSCRIRE", "DÉSINSCRIPTION", "DÉSABONNEMENT",
                "STOPP", "AVSLUTA", "AVREGISTRERA", "AVANMÄL",
                "СТОП", "ОТПИСАТЬСЯ", "ОТПИСКА", "ОТПИШИТЕ",
                "ВІДПИСАТИСЯ", "ВІДПИСКА", "ВІДПИШІТЬ",
                "WYPISZ", "REZYGNACJA", "REZYGNUJĘ",
                "ABMELDEN", "ABBESTELLEN", "ABMELDUNG",
                "PARAR", "ALTO", "BAJA", "CANCELAR", "DETENER");
        keywords(KeywordKind.OPT_IN,
                "START", "UNSTOP", "YES", "SUBSCRIBE",
                "OUI", "JA", "STARTA", "ДА", "СТАРТ", "ПОДПИСАТЬСЯ", "ТАК", "ПІДПИСАТИСЯ", "TAK", "ANMELDEN",
                "SÍ", "ALTA");
        keywords(KeywordKind.HELP,
                "HELP", "INFO", "AIDE", "HJÄLP", "ПОМОЩЬ", "СПРАВКА", "ДОПОМОГА", "ДОВІДКА", "POMOC", "HILFE",
                "AYUDA");
    }

    /** Other spellings of the preset labels, mostly feminine and plural forms. */
    private static final Map<String, List<String>> LABEL_VARIANTS = new HashMap<>();

    static {
        variants("Très insatisfait", "Très insatisfaite", "Très insatisfaits", "Très insatisfaites");
        variants("Insatisfait", "Insatisfaite", "Insatisfaits", "Insatisfaites");
        variants("Satisfait", "Satisfaite", "Satisfaits", "Satisfaites");
        variants("Très satisfait", "Très satisfaite", "Très satisfaits", "Très satisfaites");
        variants("Mauvais", "Mauvaise");
        variants("Bon", "Bonne");
        variants("Mycket missnöjd", "Mycket missnöjda");
        variants("Missnöjd", "Missnöjda");
        variants("Nöjd", "Nöjda");
        variants("Mycket nöjd", "Mycket nöjda");
        variants("Очень недоволен", "Очень недовольна", "Очень недовольны");
        variants("Недоволен", "Недовольна", "Недовольны");
        variants("Доволен", "Довольна", "Довольны");
        variants("Очень доволен", "Очень довольна", "Очень довольны");
        variants("Дуже незадоволений", "Дуже незадоволена", "Дуже незадоволені");
        variants("Незадоволений", "Незадоволена", "Незадоволені");
        variants("Задоволений", "Задоволена", "Задоволені");
        variants("Дуже задоволений", "Дуже задоволена", "Дуже задоволені");
        variants("Bardzo niezadowolony", "Bardzo niezadowolona", "Bardzo niezadowoleni");
        variants("Niezadowolony", "Niezadowolona", "Niezadowoleni");
        variants("Zadowolony", "Zadowolona", "Zadowoleni");
        variants("Bardzo zadowolony", "Bardzo zadowolona", "Bardzo zadowoleni");
        variants("Muy insatisfecho", "Muy insatisfecha", "Muy insatisfechos", "Muy insatisfechas");
        variants("Insatisfecho", "Insatisfecha", "Insatisfechos", "Insatisfechas");
        variants("Satisfecho", "Satisfecha", "Satisfechos", "Satisfechas");
        variants("Muy satisfecho", "Muy satisfecha", "Muy satisfechos", "Muy satisfechas");
        variants("Malo", "Mala");
        variants("Bueno", "Buena");
    }

    private static final Map<String, Face> FACES = new HashMap<>();

    static {
        faces(Face.VERY_NEGATIVE, "😡", "😠", "🤬", "😭", "🤮", "😖", "😫", "😩");
        faces(Face.NEGATIVE, "😞", "🙁", "☹", "😕", "😟", "😢", "😒", "😔", "😣", "😥", "😓");
        faces(Face.NEUTRAL, "😐", "😑", "😶", "🫤");
        faces(Face.POSITIVE, "🙂", "😊", "☺", "😀", "😃", "😌");
        faces(Face.VERY_POSITIVE, "😍", "🤩", "🥰", "😁", "😄", "😆", "😻", "❤", "💯");
        faces(Face.THUMB_DOWN, "👎");
        faces(Face.THUMB_UP, "👍");
    }

    /** Words that make a number a percentage ("5 percent"). */
    static final Set<String> PERCENT = words("percent procent prozent porciento процентов"
            + " процента відсотків відсотки procentów");
    /** Currency words and codes that make a number an amount of money ("5 dollars", "5 kr"). */
    static final Set<String> MONEY = words("dollar dollars bucks usd euro euros eur pound pounds quid gbp pence"
            + " cents kr kronor sek zł zl złotych zlotych pln rub руб рубль рубля рублей грн гривня гривні"
            + " гривень uah chf franc francs pesos peso mxn");

    /** Stars that count one point each. */
    static final Set<String> FILLED_STARS = Set.of("⭐", "★", "🌟");
    /** Outlined stars that show the scale's length ("★★★☆☆"). */
    static final Set<String> EMPTY_STARS = Set.of("☆", "✩");

    private Lexicon() {
    }

    /** @return the languages with tables, English first */
    static Map<String, Language> languages() {
        return Collections.unmodifiableMap(LANGUAGES);
    }

    /**
     * @param key a reply folded with its separators removed
     * @return the keyword it is, if any
     */
    static Keyword keyword(String key) {
        return KEYWORDS.get(key);
    }

    /**
     * @param foldedLabel a folded scale label
     * @return other folded spellings of the same label
     */
    static List<String> labelVariants(String foldedLabel) {
        return LABEL_VARIANTS.getOrDefault(foldedLabel, List.of());
    }

    /** @return the emoji faces and thumbs by symbol key */
    static Map<String, Face> faces() {
        return Collections.unmodifiableMap(FACES);
    }

    /**
     * Folds a keyword or reply for keyword lookup: letters only, separators dropped.
     *
     * @param text a keyword as written
     * @return its key
     */
    static String keywordKey(String text) {
        StringBuilder letters = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp) || Character.getType(cp) == Character.NON_SPACING_MARK) {
                letters.appendCodePoint(cp);
            }
        }
        return Fold.fold(letters);
    }

    private static void language(String code, String[] numbers, String articles, String units, String outOf,
            String cues, String fillers, String negations, String halves, String connectives, String notNumbers) {
        List<Set<String>> byValue = new ArrayList<>();
        for (String alternatives : numbers) {
            byValue.add(words(alternatives.replace('|', ' ')));
        }
        LANGUAGES.put(code, new Language(code, List.copyOf(byValue), words(articles), words(units), words(outOf),
                words(cues), words(fillers), words(negations), words(halves), words(connectives),
                words(notNumbers)));
    }

    private static Set<String> words(String list) {
        List<String> folded = new ArrayList<>();
        for (String w : list.split(" ")) {
            if (!w.isEmpty()) {
                folded.add(Fold.fold(w));
            }
        }
        return Set.copyOf(folded);
    }

    private static void keywords(KeywordKind kind, String... forms) {
        for (String form : forms) {
            KEYWORDS.putIfAbsent(keywordKey(form), new Keyword(kind, form));
        }
    }

    private static void variants(String label, String... others) {
        List<String> folded = new ArrayList<>();
        for (String o : others) {
            folded.add(phraseKey(o));
        }
        LABEL_VARIANTS.put(phraseKey(label), List.copyOf(folded));
    }

    private static void faces(Face face, String... emoji) {
        for (String e : emoji) {
            FACES.put(Fold.symbolKey(e), face);
        }
    }

    /**
     * The key a phrase is looked up by: its words folded and joined by single spaces, as the
     * analysis joins the words of a reply.
     *
     * @param phrase a label or number word as written
     * @return the key, or empty when the phrase has no words
     */
    static String phraseKey(String phrase) {
        StringBuilder key = new StringBuilder(phrase.length());
        for (Token t : Tokenizer.tokenize(phrase, 0, phrase.length())) {
            if (t.is(Token.Kind.WORD) || t.is(Token.Kind.NUMBER)) {
                if (key.length() > 0) {
                    key.append(' ');
                }
                key.append(t.is(Token.Kind.WORD) ? t.text : Integer.toString(t.value));
            }
        }
        return key.toString();
    }
}
