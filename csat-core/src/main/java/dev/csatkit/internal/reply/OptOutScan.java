package dev.csatkit.internal.reply;

import dev.csatkit.reply.ParsedReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Looks for a request to stop messages anywhere in one tokenized reply. Each word is looked up
 * once, and a pattern reads only a few words from it, so the work is linear in the reply. Used
 * by one thread, once.
 *
 * <p>A phrase ("stop texting me", "keine SMS mehr") opts out wherever it stands. A bare keyword
 * ("stop", "end", "basta") has everyday senses too, so it opts out only where it stands apart:
 * as a clause of its own, with nothing but words like "please" or words of a rating between it
 * and punctuation, numbers, emoji or the ends of the reply ("stop, it was great, 5"); or typed in
 * capitals at the start or end of a reply that is not all capitals ("great service STOP"). No
 * match counts inside a longer word, after a negation ("don't stop calling me"), nor, for a bare
 * keyword, as a noun or an infinitive ("the end", "to cancel") or inside a compound ("non-stop").
 */
final class OptOutScan {

    /** How far back a negation is looked for, in words, across bridges such as "want to". */
    private static final int NEGATION_REACH = 4;

    /** One match: tokens {@code first..last} read as {@code term}. */
    private record Match(int first, int last, OptOutRules.Term term) {
    }

    private final OptOutRules rules;
    private final String s;
    private final List<Token> t;
    private final int n;
    /** Tokens of the reply's rating mentions: they end a clause like punctuation does. */
    private final boolean[] rating;
    /** Words that say nothing but a rating ("very", "satisfied", "stars", "give"). */
    private final Set<String> ratingWords;
    /** Each word's lookup form: folded, with runs of three or more of one letter cut to one. */
    private final String[] keys;
    /**
     * Computed once, when a bare keyword is first met: each word's clause, the words in each
     * clause that say something, the first and last word of the reply, and its small letters.
     */
    private int[] clauseOf;
    private int[] saying;
    private int firstWord = -1;
    private int lastWord = -1;
    private int smallLetters;

    OptOutScan(OptOutRules rules, Set<String> ratingWords, String text, List<Token> tokens, boolean[] ratingTokens) {
        this.rules = rules;
        this.ratingWords = ratingWords;
        this.s = text;
        this.t = tokens;
        this.n = tokens.size();
        this.rating = ratingTokens;
        this.keys = new String[n];
        for (int k = 0; k < n; k++) {
            Token token = tokens.get(k);
            if (token.is(Token.Kind.WORD)) {
                keys[k] = collapseRuns(token.text);
            } else if (token.is(Token.Kind.PUNCT)) {
                keys[k] = token.text;
            }
        }
    }

    /**
     * Finds the opt-out, if the reply asks for one.
     *
     * @param explicitRating whether the reply names a rating in digits, words, labels or stars
     * @param truncated whether the reply was cut, so that what followed is unknown
     * @return the outcome, or {@code null} when the reply does not ask to stop
     */
    ParsedReply.OptOut find(boolean explicitRating, boolean truncated) {
        List<Match> matches = null;
        for (int i = 0; i < n; i++) {
            if (keys[i] == null || !t.get(i).is(Token.Kind.WORD)) {
                continue;
            }
            Match match = matchAt(i);
            if (match != null) {
                if (matches == null) {
                    matches = new ArrayList<>(2);
                }
                matches.add(match);
                i = match.last;
            }
        }
        if (matches == null) {
            return null;
        }
        Match reported = matches.get(0);
        boolean phrase = false;
        for (Match m : matches) {
            if (m.term.phrase()) {
                reported = phrase ? reported : m;
                phrase = true;
            }
        }
        boolean certain = phrase || (!truncated && !explicitRating && nothingElseSaid(matches));
        List<String> words = new ArrayList<>(matches.size());
        for (Match m : matches) {
            words.add(s.substring(t.get(m.first).start, t.get(m.last).end));
        }
        return new ParsedReply.OptOut(reported.term.canonical(), words, certain, truncated);
    }

    /** The best match starting at word {@code i} that counts: phrases first, then the longest. */
    private Match matchAt(int i) {
        List<OptOutRules.Term> terms = rules.startingWith(keys[i]);
        if (terms == null) {
            OptOutRules.Term misspelt = rules.misspelling(keys[i]);
            return misspelt != null && !negated(i) ? new Match(i, i, misspelt) : null;
        }
        Match best = null;
        for (OptOutRules.Term term : terms) {
            int last = match(term.slots(), 0, i, -1);
            if (last < 0) {
                continue;
            }
            Match m = new Match(i, last, term);
            if ((best == null || better(m, best)) && counts(m)) {
                best = m;
            }
        }
        return best;
    }

    private static boolean better(Match a, Match b) {
        if (a.term.phrase() != b.term.phrase()) {
            return a.term.phrase();
        }
        return a.last > b.last;
    }

    // ---- matching a pattern ----

    /**
     * Matches {@code slots[from..]} from token {@code k}. Slots are few and a gap skips at most
     * {@link OptOutRules#GAP_MAX} words, so the search is bounded whatever the reply.
     *
     * @param lastSoFar the last token matched by the slots before, or -1
     * @return the last token of the whole match, or -1 when the slots do not match here
     */
    private int match(OptOutRules.Slot[] slots, int from, int k, int lastSoFar) {
        if (from == slots.length) {
            return lastSoFar;
        }
        OptOutRules.Slot slot = slots[from];
        if (slot.gap()) {
            int j = k;
            for (int skipped = 0; ; skipped++) {
                int end = match(slots, from + 1, j, lastSoFar);
                if (end >= 0) {
                    return end;
                }
                if (skipped == OptOutRules.GAP_MAX || j >= n || !t.get(j).is(Token.Kind.WORD)
                        || !rules.gaps.contains(keys[j])) {
                    return -1;
                }
                j = following(j);
            }
        }
        List<String[]> alternatives = k < n && keys[k] != null ? slot.byFirstWord().get(keys[k]) : null;
        if (alternatives != null) {
            for (String[] alternative : alternatives) {
                int end = words(alternative, k);
                if (end >= 0) {
                    int whole = match(slots, from + 1, following(end), end);
                    if (whole >= 0) {
                        return whole;
                    }
                }
            }
        }
        return slot.optional() ? match(slots, from + 1, k, lastSoFar) : -1;
    }

    /** Matches the words of one alternative from token {@code k}; @return the last token, or -1. */
    private int words(String[] alternative, int k) {
        int j = k;
        int end = -1;
        for (String word : alternative) {
            if (j >= n || keys[j] == null || !keys[j].equals(word)) {
                return -1;
            }
            end = j;
            j = following(j);
        }
        return end;
    }

    /** The token after {@code k} in a phrase: the next one, past a hyphen glued between two words. */
    private int following(int k) {
        int next = k + 1;
        if (next + 1 < n && isGluedHyphen(next)) {
            return next + 1;
        }
        return next;
    }

    private boolean isGluedHyphen(int k) {
        return k > 0 && k + 1 < n && t.get(k).isPunct("-") && !t.get(k).spaceBefore && !t.get(k + 1).spaceBefore
                && t.get(k - 1).is(Token.Kind.WORD) && t.get(k + 1).is(Token.Kind.WORD);
    }

    // ---- whether a match counts ----

    private boolean counts(Match m) {
        if (negated(m.first)) {
            return false;
        }
        if (m.term.phrase()) {
            return true;
        }
        if (inCompound(m) || blocked(m.first)) {
            return false;
        }
        return standsAlone(m) || shoutedAtAnEnd(m);
    }

    /** "don't stop", "je ne veux pas me désabonner": a negation within reach, across bridge words. */
    private boolean negated(int first) {
        int j = first - 1;
        for (int steps = 0; j >= 0 && steps < NEGATION_REACH; steps++, j--) {
            if (!t.get(j).is(Token.Kind.WORD)) {
                return false;
            }
            if (rules.negations.contains(keys[j])) {
                return true;
            }
            if (!rules.bridges.contains(keys[j])) {
                return false;
            }
        }
        return false;
    }

    /** "non-stop", "week-end": a keyword glued to another word by a hyphen is part of it. */
    private boolean inCompound(Match m) {
        return (m.first >= 2 && isGluedHyphen(m.first - 1)) || (m.last + 2 < n && isGluedHyphen(m.last + 1));
    }

    /** "the end", "to cancel", "sans arrêt": a keyword right after such a word is no request. */
    private boolean blocked(int first) {
        return first > 0 && t.get(first - 1).is(Token.Kind.WORD) && rules.blockers.contains(keys[first - 1]);
    }

    /**
     * Nothing between the keyword and the ends of its clause but fillers, the keyword again
     * ("stop stop stop") or words of a rating ("STOP VERY DISSATISFIED").
     */
    private boolean standsAlone(Match m) {
        layOut();
        int inside = 0;
        for (int k = m.first; k <= m.last; k++) {
            inside += t.get(k).is(Token.Kind.WORD) && !saysNothingElse(k) ? 1 : 0;
        }
        return saying[clauseOf[m.first]] == inside;
    }

    private boolean saysNothingElse(int k) {
        return rules.fillers.contains(keys[k]) || rules.isKeyword(keys[k]) || ratingWords.contains(t.get(k).text);
    }

    private boolean endsClause(int k) {
        return !t.get(k).is(Token.Kind.WORD) || rating[k];
    }

    /**
     * "STOP great service", "great service STOP": carriers print keywords in capitals, so a
     * keyword typed in capitals first or last in a reply that has small letters is one.
     */
    private boolean shoutedAtAnEnd(Match m) {
        layOut();
        if (m.first != firstWord && m.last != lastWord) {
            return false;
        }
        int capitals = 0;
        for (int i = t.get(m.first).start; i < t.get(m.last).end; i++) {
            char c = s.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            capitals += Character.isUpperCase(c) ? 1 : 0;
        }
        return capitals > 0 && smallLetters > 0;
    }

    /** One pass over the reply for what {@link #standsAlone} and {@link #shoutedAtAnEnd} ask. */
    private void layOut() {
        if (clauseOf != null) {
            return;
        }
        clauseOf = new int[n];
        saying = new int[2 * n + 1];
        int clause = 0;
        for (int k = 0; k < n; k++) {
            Token token = t.get(k);
            if (endsClause(k)) {
                clauseOf[k] = ++clause; // a clause of its own, so a keyword a label also uses still stands apart
                clause++;
            } else {
                clauseOf[k] = clause;
                saying[clause] += saysNothingElse(k) ? 0 : 1;
            }
            if (token.is(Token.Kind.WORD)) {
                firstWord = firstWord < 0 ? k : firstWord;
                lastWord = k;
                for (int i = token.start; i < token.end; i++) {
                    smallLetters += Character.isLowerCase(s.charAt(i)) ? 1 : 0;
                }
            }
        }
    }

    /** Whether the reply holds no word or number besides the keywords and their fillers. */
    private boolean nothingElseSaid(List<Match> matches) {
        int next = 0;
        for (int k = 0; k < n; k++) {
            if (next < matches.size() && k >= matches.get(next).first) {
                k = matches.get(next++).last;
                continue;
            }
            Token token = t.get(k);
            if (token.is(Token.Kind.NUMBER) || (token.is(Token.Kind.WORD) && !rules.fillers.contains(keys[k]))) {
                return false;
            }
        }
        return true;
    }

    /** "stooop" → "stop", "unsubscribeeee" → "unsubscribe"; runs of two are kept ("stopp", "cancell"). */
    static String collapseRuns(String word) {
        int run = 1;
        boolean found = false;
        for (int i = 1; i < word.length() && !found; i++) {
            run = word.charAt(i) == word.charAt(i - 1) ? run + 1 : 1;
            found = run >= 3;
        }
        if (!found) {
            return word;
        }
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            int j = i;
            while (j + 1 < word.length() && word.charAt(j + 1) == c) {
                j++;
            }
            out.append(c);
            if (j - i == 1) {
                out.append(c); // a pair is a spelling, not a shout
            }
            i = j;
        }
        return out.toString();
    }
}
