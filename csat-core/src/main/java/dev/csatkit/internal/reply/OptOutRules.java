package dev.csatkit.internal.reply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The opt-out tables of the languages one reply is read in, folded and indexed by their first
 * word. Immutable; one instance per set of languages, shared by every scale.
 */
final class OptOutRules {

    /** Misspellings are looked for only among words at least this long: short words have too many neighbours. */
    static final int FUZZY_MIN = 8;

    /** A slot that may skip up to this many gap words. */
    static final int GAP_MAX = 3;

    /**
     * One slot of a pattern.
     *
     * @param alternatives each alternative as its folded words (or a punctuation mark)
     * @param byFirstWord the same alternatives by their first word, so that a slot is tried with
     *     one lookup however many alternatives it lists
     * @param optional whether the slot may be left out
     * @param gap whether this is a {@code …} slot
     */
    record Slot(String[][] alternatives, Map<String, List<String[]>> byFirstWord, boolean optional, boolean gap) {

        Slot(String[][] alternatives, boolean optional, boolean gap) {
            this(alternatives, index(alternatives), optional, gap);
        }

        private static Map<String, List<String[]>> index(String[][] alternatives) {
            Map<String, List<String[]>> index = new HashMap<>();
            for (String[] alternative : alternatives) {
                index.computeIfAbsent(alternative[0], k -> new ArrayList<>(1)).add(alternative);
            }
            return Map.copyOf(index);
        }
    }

    /**
     * One compiled pattern.
     *
     * @param canonical the form a match is reported in
     * @param phrase whether it opts out wherever it stands, rather than only where it stands apart
     * @param slots its slots; the first is never optional nor a gap
     */
    record Term(String canonical, boolean phrase, Slot[] slots) {
    }

    private static final Map<String, OptOutRules> CACHE = new ConcurrentHashMap<>();

    final Map<String, List<Term>> byFirstWord = new HashMap<>();
    final Set<String> fillers = new HashSet<>();
    final Set<String> blockers = new HashSet<>();
    final Set<String> negations = new HashSet<>();
    final Set<String> bridges = new HashSet<>();
    final Set<String> gaps = new HashSet<>();
    private final Set<String> guarded = new HashSet<>();
    private final Set<String> singleWordKeywords = new HashSet<>();
    /** Single words of phrases that a misspelling may stand for, with their terms. */
    private final List<String> fuzzyWords = new ArrayList<>();
    private final List<Term> fuzzyTerms = new ArrayList<>();
    private final long[] fuzzyMasks;

    private OptOutRules(List<OptOutLexicon.Table> tables) {
        List<Long> masks = new ArrayList<>();
        for (OptOutLexicon.Table table : tables) {
            for (String pattern : table.phrases()) {
                index(compile(pattern, true), masks);
            }
            for (String pattern : table.keywords()) {
                index(compile(pattern, false), masks);
            }
            fillers.addAll(words(table.fillers()));
            blockers.addAll(words(table.blockers()));
            negations.addAll(words(table.negations()));
            bridges.addAll(words(table.bridges()));
            gaps.addAll(words(table.gaps()));
            guarded.addAll(words(table.guarded()));
        }
        fuzzyMasks = masks.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The rules for a reply read in these languages.
     *
     * @param languages ISO 639 codes, own language first; codes without tables are skipped
     * @return the shared rules
     */
    static OptOutRules forLanguages(List<String> languages) {
        return CACHE.computeIfAbsent(String.join(",", languages), k -> of(tables(languages)));
    }

    /**
     * Rules compiled afresh from these tables, past the cache: {@link #forLanguages} compiles each
     * set of languages once per JVM, so only this lets a test see the compiling itself.
     *
     * @param tables the tables, own language first
     * @return new rules
     */
    static OptOutRules of(List<OptOutLexicon.Table> tables) {
        return new OptOutRules(tables);
    }

    /** @return the tables of these languages, in their order, skipping codes without tables */
    static List<OptOutLexicon.Table> tables(List<String> languages) {
        List<OptOutLexicon.Table> tables = new ArrayList<>(languages.size());
        for (String code : languages) {
            OptOutLexicon.Table table = OptOutLexicon.table(code);
            if (table != null) {
                tables.add(table);
            }
        }
        return tables;
    }

    /** @return whether the folded word is on its own a bare keyword, such as "stop" */
    boolean isKeyword(String word) {
        return singleWordKeywords.contains(word);
    }

    /** @return the terms whose first slot may start with this folded word, or {@code null} */
    List<Term> startingWith(String word) {
        return byFirstWord.get(word);
    }

    /**
     * A one-word phrase the word is a misspelling of: one letter added, dropped, changed or two
     * swapped ("unsubscibe", "abmleden"). Only long words are tried, and never a guarded word
     * that means something else ("anmelden").
     *
     * @param word a folded word with no exact entry
     * @return the term, or {@code null}
     */
    Term misspelling(String word) {
        if (word.length() < FUZZY_MIN || guarded.contains(word)) {
            return null;
        }
        long mask = mask(word);
        for (int k = 0; k < fuzzyWords.size(); k++) {
            String candidate = fuzzyWords.get(k);
            if (Math.abs(candidate.length() - word.length()) <= 1 && Long.bitCount(mask ^ fuzzyMasks[k]) <= 2
                    && withinOneEdit(word, candidate)) {
                return fuzzyTerms.get(k);
            }
        }
        return null;
    }

    private void index(Term term, List<Long> masks) {
        for (String[] alternative : term.slots()[0].alternatives()) {
            if (!term.phrase() && term.slots().length == 1 && alternative.length == 1) {
                singleWordKeywords.add(alternative[0]);
            }
            byFirstWord.computeIfAbsent(alternative[0], k -> new ArrayList<>(2)).add(term);
            if (term.phrase() && term.slots().length == 1 && alternative.length == 1
                    && alternative[0].length() >= FUZZY_MIN) {
                fuzzyWords.add(alternative[0]);
                fuzzyTerms.add(term);
                masks.add(mask(alternative[0]));
            }
        }
    }

    static Term compile(String entry, boolean phrase) {
        int named = entry.indexOf(": ");
        String pattern = named < 0 ? entry : entry.substring(named + 2);
        List<Slot> slots = new ArrayList<>();
        StringBuilder canonical = new StringBuilder(named < 0 ? "" : entry.substring(0, named));
        for (String spec : pattern.split(" ")) {
            if (spec.equals("…")) {
                slots.add(new Slot(new String[0][], true, true));
                continue;
            }
            boolean optional = spec.endsWith("?") && spec.length() > 1;
            String body = optional ? spec.substring(0, spec.length() - 1) : spec;
            String[] alternatives = body.split("\\|");
            String[][] folded = new String[alternatives.length][];
            for (int a = 0; a < alternatives.length; a++) {
                String[] words = alternatives[a].split("_");
                folded[a] = new String[words.length];
                for (int w = 0; w < words.length; w++) {
                    folded[a][w] = Character.isLetter(words[w].codePointAt(0)) ? Fold.fold(words[w]) : words[w];
                }
            }
            if (!optional && named < 0) {
                canonical.append(canonical.length() == 0 ? "" : " ")
                        .append(alternatives[0].replace('_', ' ').toUpperCase(Locale.ROOT));
            }
            slots.add(new Slot(folded, optional, false));
        }
        if (slots.get(0).optional() || slots.get(0).gap()) {
            throw new IllegalStateException("a pattern starts with a word: " + pattern);
        }
        return new Term(canonical.toString(), phrase, slots.toArray(new Slot[0]));
    }

    private static Set<String> words(String list) {
        Set<String> folded = new HashSet<>();
        for (String w : list.split(" ")) {
            if (!w.isEmpty()) {
                folded.add(Fold.fold(w));
            }
        }
        return folded;
    }

    /** One bit per letter present, so that two words a single edit apart differ in at most two bits. */
    private static long mask(String word) {
        long mask = 0;
        for (int i = 0; i < word.length(); i++) {
            mask |= 1L << (word.charAt(i) & 63);
        }
        return mask;
    }

    /** Whether a and b are at most one insertion, deletion, substitution or adjacent swap apart. */
    static boolean withinOneEdit(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        while (i < la && i < lb && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
                return true; // one substitution
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2);
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
    }
}
