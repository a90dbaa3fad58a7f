package dev.csatkit.internal.reply;

import dev.csatkit.scale.RatingScale;
import dev.csatkit.scale.ScalePoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words one scale understands for one reply language: that language's tables, English (the
 * common second language of SMS, and of the carrier keywords) and, for Russian and Ukrainian,
 * each other's, plus the scale's labels and the opt-out tables in those languages. Immutable.
 */
final class Vocabulary {

    /** Marks a word or phrase that names two different points. */
    static final int AMBIGUOUS = Integer.MIN_VALUE;

    final Map<String, Integer> numberWords = new HashMap<>();
    final Map<String, Integer> phrases = new HashMap<>();
    final Set<String> articles = new HashSet<>();
    final Set<String> units = new HashSet<>();
    final Set<String> outOf = new HashSet<>();
    final Set<String> cues = new HashSet<>();
    final Set<String> fillers = new HashSet<>();
    final Set<String> negations = new HashSet<>();
    final Set<String> halves = new HashSet<>();
    final Set<String> connectives = new HashSet<>();
    private final Set<String> phrasesWithoutSpaces = new HashSet<>();
    final int maxPhraseWords;
    /** How people ask to stop messages in these languages. */
    final OptOutRules optOuts;
    /** Every word that says nothing but a rating: labels, number words, units, cues and their fillers. */
    final Set<String> ratingWords = new HashSet<>();

    Vocabulary(RatingScale scale, String language) {
        List<String> languages = languagesFor(language);
        optOuts = OptOutRules.forLanguages(languages);
        Lexicon.Language own = Lexicon.languages().get(language);
        for (String code : languages) {
            Lexicon.Language lang = Lexicon.languages().get(code);
            if (lang == null) {
                continue;
            }
            for (int value = 0; value < lang.numbers().size(); value++) {
                for (String word : lang.numbers().get(value)) {
                    if (code.equals(Lexicon.ENGLISH) && own != null && own.notNumbers().contains(word)) {
                        continue;
                    }
                    merge(numberWords, word, value);
                    merge(phrases, word, value);
                }
            }
            articles.addAll(lang.articles());
            units.addAll(lang.units());
            outOf.addAll(lang.outOf());
            cues.addAll(lang.cues());
            fillers.addAll(lang.fillers());
            negations.addAll(lang.negations());
            halves.addAll(lang.halves());
            connectives.addAll(lang.connectives());
        }
        for (ScalePoint p : scale.points()) {
            p.labels().forEach((locale, label) -> {
                if (languages.contains(locale.getLanguage())) {
                    String key = Lexicon.phraseKey(label);
                    if (!key.isEmpty()) {
                        merge(phrases, key, p.value());
                        for (String variant : Lexicon.labelVariants(key)) {
                            merge(phrases, variant, p.value());
                        }
                    }
                }
            });
        }
        int longest = 1;
        for (String key : phrases.keySet()) {
            String[] words = key.split(" ");
            longest = Math.max(longest, words.length);
            phrasesWithoutSpaces.add(key.replace(" ", ""));
            ratingWords.addAll(List.of(words));
        }
        maxPhraseWords = longest;
        ratingWords.addAll(fillers);
        ratingWords.addAll(cues);
        ratingWords.addAll(units);
        ratingWords.addAll(outOf);
    }

    /**
     * The languages a reply in {@code language} is read in, own language first.
     *
     * @param language an ISO 639 code, possibly one without tables
     * @return the codes
     */
    static List<String> languagesFor(String language) {
        List<String> codes = new ArrayList<>(3);
        codes.add(language);
        if (language.equals("ru")) {
            codes.add("uk");
        } else if (language.equals("uk")) {
            codes.add("ru");
        }
        if (!language.equals(Lexicon.ENGLISH)) {
            codes.add(Lexicon.ENGLISH);
        }
        return codes;
    }

    /**
     * The keyword a whole reply is, if any. Opt-out keywords always count; an opt-in or help
     * keyword that is also a label or number word of this scale reads as that instead.
     *
     * @param key the reply's keyword key
     * @return the keyword, or {@code null}
     */
    Lexicon.Keyword keyword(String key) {
        Lexicon.Keyword keyword = Lexicon.keyword(key);
        if (keyword != null && keyword.kind() != Lexicon.KeywordKind.OPT_OUT && phrasesWithoutSpaces.contains(key)) {
            return null;
        }
        return keyword;
    }

    /** Whether a folded word carries no opinion of its own in a rating reply. */
    boolean isRatingWord(String word) {
        return fillers.contains(word) || cues.contains(word) || units.contains(word) || outOf.contains(word);
    }

    private static void merge(Map<String, Integer> map, String key, int value) {
        Integer old = map.putIfAbsent(key, value);
        if (old != null && old != value) {
            map.put(key, AMBIGUOUS);
        }
    }
}
