package dev.csatkit.examples.demo;

import dev.csatkit.scale.RatingScales;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What simulated customers type in reply to a 1–5 survey, in the eight languages the reply parser
 * reads: a rating in every form the parser knows, forms it must refuse, keywords, a question
 * instead of an answer, and comments. Contacts in other languages write English, as people often
 * do with a helpdesk abroad.
 *
 * <p>Comments avoid digits, number words and scale labels on purpose: a comment such as "waited
 * 40 minutes" is read as an out-of-range rating, and one with "one" in it as a rating of 1.
 */
final class Phrasebook {

    /** How a rating is written. The last nine are forms the parser must refuse. */
    enum Style {
        /** {@code 4} */
        DIGITS(true),
        /** {@code 4 Quick and friendly}: a rating with a comment in one message. */
        DIGITS_WITH_COMMENT(true),
        /** {@code four}, {@code quatre} */
        WORD(true),
        /** {@code 4/5} */
        SLASH(true),
        /** {@code 4 out of 5}, {@code 4 sur 5} */
        OUT_OF(true),
        /** {@code four stars}, {@code quatre étoiles} */
        STARS(true),
        /** The scale's face for the value: {@code 🙂} */
        EMOJI(true),
        /** {@code ⭐⭐⭐⭐} */
        STAR_EMOJI(true),
        /** The scale label: {@code Satisfied}, {@code Satisfait} */
        LABEL(true),
        /** {@code I'd give it a four}, {@code ma note : quatre} */
        CUE(true),
        /** Full-width or Arabic-Indic digits: {@code ４}, {@code ٤} */
        OTHER_DIGITS(true),
        /** {@code 4 or 5}: two ratings. */
        TWO_RATINGS(false),
        /** {@code four and a half} */
        HALF(false),
        /** {@code 4.5} */
        DECIMAL(false),
        /** {@code 8/10} on a 1–5 scale. */
        OUT_OF_TEN(false),
        /** {@code 7} or {@code 0}. */
        OUT_OF_RANGE(false),
        /** {@code not five} */
        NEGATED(false),
        /** {@code ?} */
        PUNCTUATION(false),
        /** A message of white space only. */
        BLANK(false),
        /** {@code 👍}, which fits more than one point of a 1–5 scale. */
        THUMBS(false);

        private final boolean readable;

        Style(boolean readable) {
            this.readable = readable;
        }

        /** @return whether the parser reads this form as the intended rating */
        boolean readable() {
            return readable;
        }
    }

    /** What a comment says, from the rating it goes with. */
    enum Tone {
        /** After a rating of 1 or 2. */
        NEGATIVE,
        /** After a 3. */
        NEUTRAL,
        /** After a 4 or 5. */
        POSITIVE;

        /**
         * @param fivePointRating a rating from 1 to 5
         * @return the tone of a comment that goes with it
         */
        static Tone of(int fivePointRating) {
            return fivePointRating <= 2 ? NEGATIVE : fivePointRating == 3 ? NEUTRAL : POSITIVE;
        }
    }

    /**
     * One language's phrases.
     *
     * @param numbers the number words for 1 to 5
     * @param outOf "%d out of 5"
     * @param stars "N stars" in words, for 1 to 5 (each with its plural form)
     * @param cue a sentence giving a rating, with {@code %s} for the word
     * @param cueWords the words that go into the cue, for 1 to 5
     * @param or "%d or %d"
     * @param half "%s and a half"
     * @param not "not %s"
     * @param stop the opt-out keyword people use
     * @param help the help keyword
     * @param question a reply that asks instead of answering
     * @param positive comments after a good rating
     * @param neutral comments after a middling one
     * @param negative comments after a bad one
     */
    private record Language(List<String> numbers, String outOf, List<String> stars, String cue,
            List<String> cueWords, String or, String half, String not, String stop, String help, String question,
            List<String> positive, List<String> neutral, List<String> negative) {
    }

    private static final Map<String, Language> LANGUAGES = Map.of(
            "en", new Language(List.of("one", "two", "three", "four", "five"), "%d out of 5",
                    List.of("one star", "two stars", "three stars", "four stars", "five stars"),
                    "I'd give it a %s", List.of("one", "two", "three", "four", "five"), "%d or %d",
                    "%s and a half", "not %s", "STOP", "HELP", "Who is this?",
                    List.of("Quick and friendly", "Sorted right away, thank you", "Very helpful and patient",
                            "Clear explanation, thanks"),
                    List.of("It was okay", "Took a while but sorted in the end", "Fine, nothing special"),
                    List.of("Waited far too long for help", "Nobody called me back", "The problem is still not fixed",
                            "Had to explain everything again", "The agent seemed rushed")),
            "fr", new Language(List.of("un", "deux", "trois", "quatre", "cinq"), "%d sur 5",
                    List.of("une étoile", "deux étoiles", "trois étoiles", "quatre étoiles", "cinq étoiles"),
                    "ma note : %s", List.of("un", "deux", "trois", "quatre", "cinq"), "%d ou %d",
                    "%s et demi", "pas %s", "ARRÊT", "AIDE", "C'est qui ?",
                    List.of("Rapide et aimable", "Problème réglé tout de suite, merci", "Très patient et serviable"),
                    List.of("Correct, sans plus", "Assez long mais réglé"),
                    List.of("Attente beaucoup trop longue", "Personne ne m'a rappelé",
                            "Le problème n'est toujours pas réglé", "J'ai dû tout réexpliquer")),
            "sv", new Language(List.of("en", "två", "tre", "fyra", "fem"), "%d av 5",
                    List.of("en stjärna", "två stjärnor", "tre stjärnor", "fyra stjärnor", "fem stjärnor"),
                    "jag ger det en %s", List.of("etta", "tvåa", "trea", "fyra", "femma"), "%d eller %d",
                    "%s och en halv", "inte %s", "STOPP", "HJÄLP", "Vem är det här?",
                    List.of("Snabbt och trevligt", "Löste det direkt, tack", "Mycket hjälpsam personal"),
                    List.of("Helt okej", "Tog tid men löstes till slut"),
                    List.of("Alldeles för lång väntetid", "Ingen ringde tillbaka",
                            "Problemet är fortfarande inte löst")),
            "ru", new Language(List.of("один", "два", "три", "четыре", "пять"), "%d из 5",
                    List.of("одна звезда", "две звезды", "три звезды", "четыре звезды", "пять звёзд"),
                    "ставлю %s", List.of("один", "два", "три", "четыре", "пять"), "%d или %d",
                    "%s с половиной", "не %s", "СТОП", "ПОМОЩЬ", "Кто это?",
                    List.of("Быстро и вежливо", "Спасибо за помощь", "Всё решили сразу"),
                    List.of("Нормально", "Долго, но решили"),
                    List.of("Слишком долгое ожидание", "Никто не перезвонил", "Проблема так и не решена")),
            "uk", new Language(List.of("один", "два", "три", "чотири", "п'ять"), "%d з 5",
                    List.of("одна зірка", "дві зірки", "три зірки", "чотири зірки", "п'ять зірок"),
                    "ставлю %s", List.of("один", "два", "три", "чотири", "п'ять"), "%d або %d",
                    "%s з половиною", "не %s", "СТОП", "ДОПОМОГА", "Хто це?",
                    List.of("Швидко та ввічливо", "Дякую за допомогу", "Усе вирішили одразу"),
                    List.of("Нормально", "Довго, але вирішили"),
                    List.of("Занадто довге очікування", "Ніхто не передзвонив", "Проблема досі не вирішена")),
            "pl", new Language(List.of("jeden", "dwa", "trzy", "cztery", "pięć"), "%d na 5",
                    List.of("jedna gwiazdka", "dwie gwiazdki", "trzy gwiazdki", "cztery gwiazdki", "pięć gwiazdek"),
                    "daję %s", List.of("jeden", "dwa", "trzy", "cztery", "pięć"), "%d lub %d",
                    "%s i pół", "nie %s", "STOP", "POMOC", "Kto to?",
                    List.of("Szybko i miło", "Dziękuję za pomoc", "Bardzo pomocny konsultant"),
                    List.of("W porządku", "Długo, ale załatwione"),
                    List.of("Zdecydowanie za długie czekanie", "Nikt nie oddzwonił",
                            "Problem nadal nie jest rozwiązany")),
            "de", new Language(List.of("eins", "zwei", "drei", "vier", "fünf"), "%d von 5",
                    List.of("ein Stern", "zwei Sterne", "drei Sterne", "vier Sterne", "fünf Sterne"),
                    "ich gebe eine %s", List.of("eins", "zwei", "drei", "vier", "fünf"), "%d oder %d",
                    "%s und eine halbe", "nicht %s", "STOPP", "HILFE", "Wer ist da?",
                    List.of("Schnell und freundlich", "Sofort gelöst, danke", "Sehr hilfsbereit"),
                    List.of("War in Ordnung", "Hat gedauert, aber gelöst"),
                    List.of("Viel zu lange Wartezeit", "Niemand hat zurückgerufen", "Das Problem besteht weiterhin")),
            "es", new Language(List.of("uno", "dos", "tres", "cuatro", "cinco"), "%d de 5",
                    List.of("una estrella", "dos estrellas", "tres estrellas", "cuatro estrellas", "cinco estrellas"),
                    "le doy un %s", List.of("uno", "dos", "tres", "cuatro", "cinco"), "%d o %d",
                    "%s y medio", "no %s", "PARAR", "AYUDA", "¿Quién es?",
                    List.of("Rápido y amable", "Lo resolvieron enseguida, gracias", "Muy buena atención"),
                    List.of("Estuvo correcto", "Tardó, pero se resolvió"),
                    List.of("Demasiado tiempo de espera", "Nadie me devolvió la llamada",
                            "El problema sigue sin resolver")));

    /** The languages with phrases of their own. */
    static final List<String> LANGUAGE_TAGS = List.of("en", "fr", "sv", "ru", "uk", "pl", "de", "es");

    private Phrasebook() {
    }

    /**
     * @param locale a contact's locale
     * @return the language the contact writes in: their own when it has phrases, else English
     */
    static String languageOf(Locale locale) {
        return LANGUAGES.containsKey(locale.getLanguage()) ? locale.getLanguage() : "en";
    }

    /**
     * Writes a rating.
     *
     * @param language a language tag of {@link #LANGUAGE_TAGS}
     * @param style how to write it
     * @param value the rating meant, 1 to 5
     * @param rnd picks among variants
     * @return the reply text
     */
    static String rating(String language, Style style, int value, SplittableRandom rnd) {
        Language l = LANGUAGES.get(language);
        String word = l.numbers.get(value - 1);
        int other = value == 5 ? 4 : value + 1;
        return switch (style) {
            case DIGITS -> List.of("%d", "%d", " %d ", "%d!", "%d.").get(rnd.nextInt(5)).formatted(value);
            case DIGITS_WITH_COMMENT -> value + " " + comment(language, Tone.of(value), rnd);
            case WORD -> rnd.nextBoolean() ? word : capitalized(word);
            case SLASH -> value + "/5";
            case OUT_OF -> l.outOf.formatted(value);
            case STARS -> l.stars.get(value - 1);
            case EMOJI -> RatingScales.fivePoint().points().get(value - 1).emoji().orElseThrow();
            case STAR_EMOJI -> "⭐".repeat(value);
            case LABEL -> RatingScales.fivePoint().points().get(value - 1).displayLabel(Locale.forLanguageTag(language));
            case CUE -> l.cue.formatted(l.cueWords.get(value - 1));
            case OTHER_DIGITS -> Character.toString((rnd.nextBoolean() ? '０' : '٠') + value);
            case TWO_RATINGS -> l.or.formatted(Math.min(value, other), Math.max(value, other));
            case HALF -> l.half.formatted(l.numbers.get(Math.min(value, 4) - 1));
            case DECIMAL -> Math.min(value, 4) + ".5";
            case OUT_OF_TEN -> value * 2 + "/10";
            case OUT_OF_RANGE -> List.of("0", "6", "7", "9").get(rnd.nextInt(4));
            case NEGATED -> l.not.formatted(l.numbers.get(Math.max(value, 2) - 1));
            case PUNCTUATION -> List.of("?", "...", "!!").get(rnd.nextInt(3));
            case BLANK -> " ";
            case THUMBS -> "👍";
        };
    }

    /**
     * @param language a language tag of {@link #LANGUAGE_TAGS}
     * @param tone what the comment says
     * @param rnd picks the comment
     * @return a comment that is not a rating
     */
    static String comment(String language, Tone tone, SplittableRandom rnd) {
        List<String> pool = comments(language, tone);
        return pool.get(rnd.nextInt(pool.size()));
    }

    /**
     * @param language a language tag
     * @param tone what the comments say
     * @return every comment of that tone
     */
    static List<String> comments(String language, Tone tone) {
        Language l = LANGUAGES.get(language);
        return switch (tone) {
            case NEGATIVE -> l.negative;
            case NEUTRAL -> l.neutral;
            case POSITIVE -> l.positive;
        };
    }

    /** @param language a language tag @return the opt-out keyword people type in it */
    static String stop(String language) {
        return LANGUAGES.get(language).stop;
    }

    /** @param language a language tag @return the help keyword */
    static String help(String language) {
        return LANGUAGES.get(language).help;
    }

    /** @param language a language tag @return a question instead of an answer */
    static String question(String language) {
        return LANGUAGES.get(language).question;
    }

    private static String capitalized(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
