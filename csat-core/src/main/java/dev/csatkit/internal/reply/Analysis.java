package dev.csatkit.internal.reply;

import dev.csatkit.reply.InvalidReason;
import dev.csatkit.reply.ParsedReply;
import dev.csatkit.scale.Polarity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reading of one tokenized reply: finds every place that names a rating, looks for a request
 * to stop messages, then decides. A reply whose mentions disagree, or that hedges ("4.5", "not a
 * 5", "8/10" on a 1–5 scale, ".5", "5%"), is {@link InvalidReason#AMBIGUOUS}: a wrong rating is
 * worse than none. Used by one thread, once.
 */
final class Analysis {

    /** One place in the reply that names a rating. */
    private static final class Mention {
        final int first;
        int last;
        /** Digits, words, labels, stars; emoji only count when nothing explicit is there. */
        final boolean explicit;
        final int value;
        final String shown;
        final boolean overflow;
        String ambiguity;
        Polarity polarity = Polarity.NEUTRAL;

        Mention(int first, int last, boolean explicit, int value, boolean overflow, String shown) {
            this.first = first;
            this.last = last;
            this.explicit = explicit;
            this.value = value;
            this.overflow = overflow;
            this.shown = shown;
        }

        void ambiguous(String why) {
            if (ambiguity == null) {
                ambiguity = why;
            }
        }
    }

    /** Separators dropped where a comment ends just before the rating. */
    private static final Set<String> TRAILING = Set.of(",", ":", ";", "-", "=", "/");
    /** Separators dropped where a comment starts just after the rating. */
    private static final Set<String> LEADING = Set.of(",", ":", ";", "-", "=", "/", ".", "!", "?");
    /** How far a negation or a rating cue may stand before the rating, in words. */
    private static final int LOOK_BACK = 5;
    /** How far "and a half" may stand after the rating, in words. */
    private static final int LOOK_AHEAD = 3;

    private final TextReader reader;
    private final Vocabulary v;
    private final String s;
    private final List<Token> t;
    private final int n;
    private final int from;
    private final int to;
    private final boolean truncated;
    private final boolean[] used;
    private final List<Mention> mentions = new ArrayList<>(4);

    Analysis(TextReader reader, Vocabulary vocabulary, String text, int from, int to, List<Token> tokens,
            boolean truncated) {
        this.reader = reader;
        this.v = vocabulary;
        this.s = text;
        this.from = from;
        this.to = to;
        this.t = tokens;
        this.n = tokens.size();
        this.truncated = truncated;
        this.used = new boolean[n];
    }

    ParsedReply run() {
        findPhrases();
        int words = 0;
        for (int i = 0; i < n; i++) {
            if (used[i]) {
                words += t.get(i).is(Token.Kind.WORD) ? 1 : 0;
                continue;
            }
            Token token = t.get(i);
            switch (token.kind) {
                case NUMBER -> number(i);
                case WORD -> {
                    words++;
                    Integer value = v.numberWords.get(token.text);
                    if (value != null) {
                        numberWord(i, value);
                    }
                }
                case SYMBOL -> symbol(i);
                default -> {
                    // punctuation and controls name no rating
                }
            }
        }
        // A request to stop wins over any rating beside it: a missed opt-out is worse than a lost rating.
        if (words > 0) {
            boolean explicitRating = false;
            for (Mention m : mentions) {
                explicitRating |= m.explicit;
            }
            ParsedReply optOut = new OptOutScan(v.optOuts, v.ratingWords, s, t, used).find(explicitRating, truncated);
            if (optOut != null) {
                return optOut;
            }
        }
        return decide();
    }

    // ---- finding mentions ----

    /**
     * Labels and number words that stand alone: a run of words with nothing but punctuation,
     * emoji, digits or the ends of the reply around it ("Très satisfait !", "five"), optionally
     * after words like "I am" ("I am very satisfied"). After a negation ("not satisfied") the
     * mention is ambiguous: it says what the rating is not.
     */
    private void findPhrases() {
        int i = 0;
        while (i < n) {
            if (!t.get(i).is(Token.Kind.WORD)) {
                i++;
                continue;
            }
            int j = i;
            int words = 1;
            while (true) {
                if (j + 1 < n && t.get(j + 1).is(Token.Kind.WORD)) {
                    j++;
                } else if (j + 2 < n && isInnerHyphen(j + 1)) {
                    j += 2;
                } else {
                    break;
                }
                words++;
            }
            phrase(i, j, words);
            i = j + 1;
        }
    }

    private boolean isInnerHyphen(int k) {
        return t.get(k).isPunct("-") && !t.get(k).spaceBefore && t.get(k + 1).is(Token.Kind.WORD)
                && !t.get(k + 1).spaceBefore;
    }

    private void phrase(int i, int j, int words) {
        if (i == j && (isPunctAt(i - 1, "/") || isPunctAt(j + 1, "/"))) {
            return; // "four/five" is one rating, read later
        }
        int start = i;
        boolean negated = false;
        while (true) {
            if (words <= v.maxPhraseWords) {
                Integer value = v.phrases.get(key(start, j));
                boolean strippedToArticle = start > i && words == 1 && v.articles.contains(t.get(start).text);
                if (value != null && !strippedToArticle) {
                    Mention m = explicit(start, j, value);
                    if (negated) {
                        m.ambiguous("the rating is negated");
                    }
                    add(m);
                    return;
                }
            }
            String word = t.get(start).text;
            if (words == 1 || !(v.fillers.contains(word) || v.negations.contains(word))) {
                numberList(start, j, negated);
                return;
            }
            negated |= v.negations.contains(word);
            start += t.get(start + 1).is(Token.Kind.PUNCT) ? 2 : 1;
            words--;
        }
    }

    /**
     * A run of two or more number words with only fillers and "or", "and" between them ("four
     * five", "quatre ou cinq"): each is a mention, so that different ones make the reply
     * ambiguous.
     */
    private void numberList(int start, int end, boolean negated) {
        int numbers = 0;
        for (int k = start; k <= end; k++) {
            String word = t.get(k).text;
            if (v.numberWords.containsKey(word)) {
                numbers++;
            } else if (v.outOf.contains(word) || !(t.get(k).is(Token.Kind.PUNCT) || v.fillers.contains(word)
                    || v.connectives.contains(word))) {
                return; // "cuatro de cinco" is one rating, read later
            }
        }
        if (numbers < 2) {
            return;
        }
        for (int k = start; k <= end; k++) {
            Integer value = v.numberWords.get(t.get(k).text);
            if (value != null) {
                Mention m = explicit(k, k, value);
                if (negated) {
                    m.ambiguous("the rating is negated");
                }
                add(m);
            }
        }
    }

    private String key(int start, int end) {
        if (start == end) {
            return t.get(start).text;
        }
        StringBuilder key = new StringBuilder();
        for (int k = start; k <= end; k++) {
            if (t.get(k).is(Token.Kind.WORD)) {
                if (key.length() > 0) {
                    key.append(' ');
                }
                key.append(t.get(k).text);
            }
        }
        return key.toString();
    }

    private void number(int i) {
        Token token = t.get(i);
        boolean gluedBefore = i > 0 && t.get(i - 1).is(Token.Kind.WORD) && !token.spaceBefore;
        boolean gluedAfter = i + 1 < n && t.get(i + 1).is(Token.Kind.WORD) && !t.get(i + 1).spaceBefore
                && !v.units.contains(t.get(i + 1).text);
        if (gluedBefore || gluedAfter) {
            return; // part of a word, such as "mp3" or "2nd": text, not a rating
        }
        int first = i;
        int value = token.value;
        String hedge = null;
        if (i > 0 && !token.spaceBefore && !used[i - 1] && isSign(i - 1)) {
            first = i - 1;
            boolean minus = t.get(i - 1).isPunct("-");
            value = minus ? -value : value;
            if (first > 0 && !t.get(first).spaceBefore && (isSignMark(first - 1) || isBoundMark(first - 1))) {
                first--;
                hedge = "a number with more than one sign";
            } else if (!minus && reader.scale().min() >= 0) {
                hedge = "a signed number on a scale with no negative values";
            }
        } else if (i > 0 && !token.spaceBefore && !used[i - 1] && isBoundMark(i - 1)) {
            first = i - 1;
            hedge = "a number marked as approximate or as a bound";
        } else if (i > 0 && !token.spaceBefore && !used[i - 1] && isLeadingDecimalMark(i - 1)) {
            first = i - 1;
            hedge = "a decimal number without a leading digit";
        }
        String shown = token.overflow() ? "a number of " + token.digits + " digits" : Integer.toString(value);
        Mention m = new Mention(first, i, true, value, token.overflow(), shown);
        if (hedge != null) {
            m.ambiguous(hedge);
        }
        int k = i + 1;
        if (k + 1 < n && (t.get(k).isPunct(".") || t.get(k).isPunct(",")) && !t.get(k).spaceBefore
                && t.get(k + 1).is(Token.Kind.NUMBER) && !t.get(k + 1).spaceBefore) {
            Token fraction = t.get(k + 1);
            m.last = k + 1;
            if (fraction.value != 0 || fraction.digits > 2) {
                m.ambiguous("a decimal number falls between two points");
            }
            k += 2;
        } else if (k < n && t.get(k).is(Token.Kind.SYMBOL) && !t.get(k).spaceBefore
                && Character.getType(t.get(k).text.codePointAt(0)) == Character.OTHER_NUMBER) {
            m.last = k;
            m.ambiguous("a fraction falls between two points");
            k++;
        }
        k = decoration(m, k);
        k = unit(m, fraction(m, k));
        halfAfter(m, k);
        negatedBefore(m);
        add(m);
    }

    /**
     * "5%", "$5", "5 €", "5 dollars", "4+": a percentage, an amount of money or a lower bound is
     * no point of the scale, though it holds one's digits.
     */
    private int decoration(Mention m, int k) {
        if (k < n && t.get(k).isPunct("+") && !t.get(k).spaceBefore) {
            m.last = k;
            m.ambiguous("a number followed by a plus sign");
            return k + 1;
        }
        if (k < n && (t.get(k).isPunct("%") || isWordIn(k, Lexicon.PERCENT))) {
            m.last = k;
            m.ambiguous("a percentage is not a point of the scale");
            return k + 1;
        }
        if ((k < n && isMoney(k)) || (m.first > 0 && isMoney(m.first - 1))) {
            if (k < n && isMoney(k)) {
                m.last = k++;
            }
            m.ambiguous("an amount of money is not a point of the scale");
        }
        return k;
    }

    /** A currency sign or word: "$", "€", "₽", "dollars", "kr", "zł", "грн". */
    private boolean isMoney(int k) {
        Token x = t.get(k);
        if (x.is(Token.Kind.PUNCT) || x.is(Token.Kind.SYMBOL)) {
            return Character.getType(s.codePointAt(x.start)) == Character.CURRENCY_SYMBOL;
        }
        return isWordIn(k, Lexicon.MONEY);
    }

    private boolean isWordIn(int k, Set<String> words) {
        return t.get(k).is(Token.Kind.WORD) && words.contains(t.get(k).text);
    }

    /** "-+5", "+-5": a second sign before a signed number. */
    private boolean isSignMark(int k) {
        return t.get(k).isPunct("-") || t.get(k).isPunct("+");
    }

    /** "±5", "~5", "≈4", "<5", "≥4": a mark that makes the number a guess or a bound. */
    private boolean isBoundMark(int k) {
        Token x = t.get(k);
        if (!(x.is(Token.Kind.PUNCT) || x.is(Token.Kind.SYMBOL)) || x.end - x.start != 1) {
            return false;
        }
        char c = s.charAt(x.start);
        return c == '±' || c == '∓' || c == '~' || c == '～' || c == '≈' || c == '<' || c == '>' || c == '≤'
                || c == '≥';
    }

    /**
     * ".5", ",5", "٫٥": a decimal mark glued before a number with no digit of its own. A mark glued
     * after a word ("thanks,5") is punctuation typed without a space, and "...5" an ellipsis; the
     * Arabic decimal separator is a decimal mark wherever it stands.
     */
    private boolean isLeadingDecimalMark(int k) {
        Token mark = t.get(k);
        if (!(mark.isPunct(".") || mark.isPunct(","))) {
            return false;
        }
        if (s.charAt(mark.start) == '٫') {
            return true;
        }
        if (k == 0 || mark.spaceBefore) {
            return true;
        }
        Token before = t.get(k - 1);
        return !(before.is(Token.Kind.WORD) || before.is(Token.Kind.NUMBER) || before.isPunct(mark.text));
    }

    /** A '-' or '+' that starts a number rather than joining two ("-2" but not "1-5"). */
    private boolean isSign(int k) {
        Token sign = t.get(k);
        if (!(sign.isPunct("-") || sign.isPunct("+"))) {
            return false;
        }
        if (k == 0 || sign.spaceBefore) {
            return true;
        }
        Token before = t.get(k - 1);
        return !(before.is(Token.Kind.NUMBER) || before.is(Token.Kind.WORD));
    }

    /**
     * A number word counts next to a unit, in "x out of y", or after a cue ("I'd give it a
     * four"); elsewhere it is just a word ("one more thing"), unless a half follows it.
     */
    private void numberWord(int i, int value) {
        Mention m = explicit(i, i, value);
        int k = unit(m, fraction(m, i + 1));
        boolean inContext = k != i + 1 || alternative(i)
                || (!v.articles.contains(t.get(i).text) && cueBefore(i));
        halfAfter(m, k);
        if (inContext || m.ambiguity != null) { // "cuatro y medio" hedges even out of context
            negatedBefore(m);
            add(m);
        }
    }

    /** "4 or five", "four or 5": a number word offered as the alternative of another number. */
    private boolean alternative(int i) {
        return (isConnective(i - 1) && isNumberAt(i - 2)) || (isConnective(i + 1) && isNumberAt(i + 2));
    }

    private boolean isConnective(int k) {
        return k >= 0 && k < n && t.get(k).is(Token.Kind.WORD) && v.connectives.contains(t.get(k).text);
    }

    private boolean isNumberAt(int k) {
        return k >= 0 && k < n && (t.get(k).is(Token.Kind.NUMBER)
                || (t.get(k).is(Token.Kind.WORD) && v.numberWords.containsKey(t.get(k).text)));
    }

    private boolean isPunctAt(int k, String p) {
        return k >= 0 && k < n && t.get(k).isPunct(p);
    }

    private Mention explicit(int first, int last, int value) {
        Mention m = new Mention(first, last, true, value, false, Integer.toString(value));
        if (value == Vocabulary.AMBIGUOUS) {
            m.ambiguous("a word that names more than one point of this scale");
        }
        return m;
    }

    /** "4/5", "4 out of 5", "quatre sur cinq": the top must be the scale's. */
    private int fraction(Mention m, int k) {
        int y;
        if (k < n && t.get(k).isPunct("/")) {
            y = k + 1;
        } else if (k + 1 < n && isWord(k, "out") && isWord(k + 1, "of")) {
            y = k + 2;
        } else if (k < n && t.get(k).is(Token.Kind.WORD) && v.outOf.contains(t.get(k).text)) {
            y = k + 1;
        } else {
            return k;
        }
        if (y >= n) {
            return k;
        }
        Token top = t.get(y);
        long max;
        if (top.is(Token.Kind.NUMBER)) {
            max = top.overflow() ? Long.MAX_VALUE : top.value;
        } else if (top.is(Token.Kind.WORD) && v.numberWords.containsKey(top.text)
                && v.numberWords.get(top.text) != Vocabulary.AMBIGUOUS) {
            max = v.numberWords.get(top.text);
        } else {
            return k;
        }
        m.last = y;
        int scaleMax = reader.scale().max();
        if (max != scaleMax) {
            m.ambiguous((max == Long.MAX_VALUE ? "a rating out of a large number" : "a rating out of " + max)
                    + " on a scale that goes up to " + scaleMax);
        }
        return y + 1;
    }

    /** "4 stars", "5-star", "cinq étoiles", "5⭐" or "5⭐⭐⭐⭐⭐". */
    private int unit(Mention m, int k) {
        int u = k;
        if (u + 1 < n && t.get(u).isPunct("-") && !t.get(u).spaceBefore && !t.get(u + 1).spaceBefore) {
            u++;
        }
        if (u < n && t.get(u).is(Token.Kind.WORD) && v.units.contains(t.get(u).text)) {
            m.last = u;
            return u + 1;
        }
        if (k < n && isFilledStar(k)) {
            int end = k;
            while (end < n && isFilledStar(end)) {
                end++;
            }
            int count = end - k;
            if (count == 1 || count == m.value) {
                m.last = end - 1;
                return end;
            }
        }
        return k;
    }

    private void halfAfter(Mention m, int k) {
        for (int j = k; j < n && j < k + LOOK_AHEAD; j++) {
            if (!t.get(j).is(Token.Kind.WORD)) {
                return;
            }
            if (v.halves.contains(t.get(j).text)) {
                m.ambiguous("a half point falls between two points");
                return;
            }
        }
    }

    /** "not a 5", "nie pięć gwiazdek": a negated rating is no rating. */
    private void negatedBefore(Mention m) {
        int j = m.first - 1;
        for (int steps = 0; j >= 0 && steps < LOOK_BACK; steps++, j--) {
            Token word = t.get(j);
            if (!word.is(Token.Kind.WORD)) {
                return;
            }
            if (v.negations.contains(word.text)) {
                m.ambiguous("the rating is negated");
                return;
            }
            if (!v.fillers.contains(word.text) && !v.cues.contains(word.text)) {
                return;
            }
        }
    }

    private boolean cueBefore(int i) {
        int j = i - 1;
        for (int steps = 0; j >= 0 && steps < LOOK_BACK; steps++, j--) {
            Token word = t.get(j);
            if (word.isPunct(":") || word.isPunct("=") || word.isPunct("-")) {
                continue;
            }
            if (!word.is(Token.Kind.WORD)) {
                return false;
            }
            if (v.cues.contains(word.text)) {
                return true;
            }
            if (!v.fillers.contains(word.text)) {
                return false;
            }
        }
        return false;
    }

    private void symbol(int i) {
        String key = t.get(i).text;
        if (!reader.isScaleEmoji(key) && (Lexicon.FILLED_STARS.contains(key) || Lexicon.EMPTY_STARS.contains(key))) {
            stars(i);
            return;
        }
        TextReader.Sentiment sentiment = reader.sentiment(key);
        if (sentiment != null) {
            Mention m = new Mention(i, i, false, sentiment.value(), false, Integer.toString(sentiment.value()));
            m.polarity = sentiment.polarity();
            if (sentiment.ambiguous()) {
                m.ambiguous("an emoji that fits more than one point of this scale");
            }
            add(m);
        }
    }

    /** "⭐⭐⭐⭐" is 4; "★★★☆☆" is 3 out of 5. */
    private void stars(int i) {
        int filled = 0;
        int empty = 0;
        int j = i;
        while (j < n && t.get(j).is(Token.Kind.SYMBOL) && !reader.isScaleEmoji(t.get(j).text)) {
            String key = t.get(j).text;
            if (Lexicon.FILLED_STARS.contains(key)) {
                filled++;
            } else if (Lexicon.EMPTY_STARS.contains(key)) {
                empty++;
            } else {
                break;
            }
            j++;
        }
        Mention m = explicit(i, j - 1, filled);
        int max = reader.scale().max();
        if (empty > 0 && filled + empty != max) {
            m.ambiguous("a rating out of " + (filled + empty) + " stars on a scale that goes up to " + max);
        }
        negatedBefore(m);
        add(m);
    }

    private boolean isFilledStar(int k) {
        Token x = t.get(k);
        return x.is(Token.Kind.SYMBOL) && Lexicon.FILLED_STARS.contains(x.text) && !reader.isScaleEmoji(x.text);
    }

    private boolean isWord(int k, String folded) {
        return t.get(k).is(Token.Kind.WORD) && t.get(k).text.equals(folded);
    }

    private void add(Mention m) {
        mentions.add(m);
        for (int k = m.first; k <= m.last; k++) {
            used[k] = true;
        }
    }

    // ---- deciding ----

    private ParsedReply decide() {
        if (mentions.isEmpty()) {
            for (Token token : t) {
                if (token.is(Token.Kind.WORD) || token.is(Token.Kind.SYMBOL)) {
                    return new ParsedReply.Comment(s.substring(from, to), truncated);
                }
            }
            return invalid(InvalidReason.UNRECOGNIZED, "the reply has no rating, keyword or words");
        }
        TreeMap<Integer, String> values = new TreeMap<>();
        boolean overflow = false;
        for (Mention m : mentions) {
            if (m.explicit) {
                if (m.ambiguity != null) {
                    return invalid(InvalidReason.AMBIGUOUS, m.ambiguity);
                }
                values.put(m.value, m.shown);
                overflow |= m.overflow;
            }
        }
        if (values.size() > 1) {
            return invalid(InvalidReason.AMBIGUOUS, "the reply names more than one rating: "
                    + String.join(", ", values.values()));
        }
        if (values.size() == 1) {
            int value = values.firstKey();
            if (overflow || !reader.scale().contains(value)) {
                return reader.outOfRange(values.firstEntry().getValue(), truncated);
            }
            Polarity polarity = reader.scale().point(value).orElseThrow().polarity();
            for (Mention m : mentions) {
                if (!m.explicit && opposite(m.polarity, polarity)) {
                    return invalid(InvalidReason.AMBIGUOUS, "the rating " + value + " and a "
                            + m.polarity.name().toLowerCase(Locale.ROOT) + " emoji disagree");
                }
            }
            return rating(value);
        }
        for (Mention m : mentions) {
            if (m.ambiguity != null) {
                return invalid(InvalidReason.AMBIGUOUS, m.ambiguity);
            }
            values.put(m.value, m.shown);
        }
        if (values.size() > 1) {
            return invalid(InvalidReason.AMBIGUOUS, "the emoji name more than one rating: "
                    + String.join(", ", values.values()));
        }
        return rating(values.firstKey());
    }

    private static boolean opposite(Polarity a, Polarity b) {
        return (a == Polarity.POSITIVE && b == Polarity.NEGATIVE) || (a == Polarity.NEGATIVE && b == Polarity.POSITIVE);
    }

    private ParsedReply invalid(InvalidReason reason, String detail) {
        return new ParsedReply.Invalid(reason, detail, truncated);
    }

    private ParsedReply rating(int value) {
        String comment = comment();
        if (comment == null && !truncated) {
            return reader.rating(value).orElseThrow();
        }
        return new ParsedReply.Rating(value, Optional.ofNullable(comment), truncated);
    }

    /**
     * The words around the rating. When they stand on one side only, that side, without the
     * lead-in ("I'd give it a") and separators; when they stand on both sides or between two
     * mentions, the whole reply, so that nothing a person wrote is lost.
     */
    private String comment() {
        int first = n;
        int last = -1;
        for (Mention m : mentions) {
            first = Math.min(first, m.first);
            last = Math.max(last, m.last);
        }
        boolean before = hasContent(0, first);
        boolean after = hasContent(last + 1, n);
        if (hasContent(first, last + 1) || (before && after)) {
            return s.substring(from, to);
        }
        if (before) {
            return s.substring(from, t.get(endOfLeadingText(first)).end);
        }
        if (after) {
            int k = last + 1;
            while (k < n && t.get(k).is(Token.Kind.PUNCT) && LEADING.contains(t.get(k).text)) {
                k++;
            }
            return s.substring(t.get(k).start, to);
        }
        return null;
    }

    /** The last token to keep before the rating: drops "…, I'd give it a" and separators. */
    private int endOfLeadingText(int first) {
        int k = skipSeparators(first - 1);
        int j = k;
        while (j >= 0 && t.get(j).is(Token.Kind.WORD) && v.fillers.contains(t.get(j).text)) {
            j--;
        }
        if (j >= 0 && t.get(j).is(Token.Kind.WORD) && v.cues.contains(t.get(j).text)) {
            k = j - 1;
            while (k >= 0 && t.get(k).is(Token.Kind.WORD) && v.fillers.contains(t.get(k).text)) {
                k--;
            }
            k = skipSeparators(k);
        }
        return k;
    }

    private int skipSeparators(int k) {
        while (k >= 0 && t.get(k).is(Token.Kind.PUNCT) && TRAILING.contains(t.get(k).text)) {
            k--;
        }
        return k;
    }

    /** Whether tokens [a, b) hold anything a person said beyond the rating itself. */
    private boolean hasContent(int a, int b) {
        for (int k = a; k < b; k++) {
            if (used[k]) {
                continue;
            }
            Token token = t.get(k);
            if ((token.is(Token.Kind.WORD) && !v.isRatingWord(token.text)) || token.is(Token.Kind.SYMBOL)
                    || token.is(Token.Kind.NUMBER)) {
                return true;
            }
        }
        return false;
    }
}
