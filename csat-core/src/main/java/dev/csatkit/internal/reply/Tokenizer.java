package dev.csatkit.internal.reply;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a reply into tokens in one pass over its code points. Invisible characters (joiners,
 * variation selectors, skin tones, keycap marks) never split or start a token; words keep inner
 * apostrophes; emoji joined by ZWJ and flag pairs stay one symbol.
 */
final class Tokenizer {
    private static final int ZWJ = 0x200D;
    /** Longer words are never looked up. */
    static final int MAX_WORD = 40;
    private static final String[] LATIN1 = new String[256];

    static {
        for (int c = 0; c < LATIN1.length; c++) {
            LATIN1[c] = String.valueOf((char) c);
        }
    }

    private Tokenizer() {
    }

    /**
     * @param s the reply
     * @param from first index to read
     * @param to index after the last one to read; never splits a surrogate pair
     * @return the tokens, in order
     */
    static List<Token> tokenize(String s, int from, int to) {
        List<Token> out = new ArrayList<>(Math.min(to - from, 1024) / 2 + 1);
        Token last = null;
        boolean space = false;
        boolean join = false;
        int i = from;
        while (i < to) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (i + n > to) {
                cp = s.charAt(i);
                n = 1;
            }
            int next = i + n;
            int type = Character.getType(cp);
            boolean adjacent = last != null && last.end == i;
            if (Fold.isSpace(cp, type)) {
                space = true;
                join = false;
            } else if (Fold.isIgnorable(cp, type)) {
                // Invisible: belongs to the token before it, if any.
                if (adjacent) {
                    last.end = next;
                    join = cp == ZWJ && last.is(Token.Kind.SYMBOL);
                }
            } else if (type == Character.DECIMAL_DIGIT_NUMBER) {
                if (!(adjacent && last.is(Token.Kind.NUMBER))) {
                    last = add(out, Token.Kind.NUMBER, i, next, space);
                    space = false;
                }
                last.addDigit(Character.digit(cp, 10));
                last.end = next;
            } else if (type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_LETTER) {
                if (adjacent && last.is(Token.Kind.WORD)) {
                    last.end = next;
                } else {
                    last = add(out, Token.Kind.WORD, i, next, space);
                    space = false;
                }
            } else if (Fold.isApostrophe(cp) && adjacent && last.is(Token.Kind.WORD) && next < to
                    && Character.isLetter(s.codePointAt(next))) {
                last.end = next;
            } else if (type == Character.OTHER_NUMBER && digitsOnly(cp)) {
                // ⑤, ⁵, ⑩: numbers of their own.
                last = add(out, Token.Kind.NUMBER, i, next, space);
                space = false;
                String digits = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
                for (int k = 0; k < digits.length(); k++) {
                    last.addDigit(digits.charAt(k) - '0');
                }
            } else if (isPunct(cp, type)) {
                last = add(out, Token.Kind.PUNCT, i, next, space);
                last.text = canonicalPunct(cp, type);
                space = false;
            } else if (isSymbol(type)) {
                if (adjacent && last.is(Token.Kind.SYMBOL) && (join || flagPair(s, last, cp))) {
                    last.end = next;
                } else {
                    last = add(out, Token.Kind.SYMBOL, i, next, space);
                    space = false;
                }
                join = false;
            } else {
                last = add(out, Token.Kind.OTHER, i, next, space);
                space = false;
            }
            i = next;
        }
        for (Token t : out) {
            if (t.is(Token.Kind.WORD)) {
                // No table holds a word this long: skip the folding, it can only be text.
                t.text = t.end - t.start > MAX_WORD ? "" : Fold.fold(s.substring(t.start, t.end));
            } else if (t.is(Token.Kind.SYMBOL)) {
                t.text = Fold.symbolKey(s.substring(t.start, t.end));
            }
        }
        return out;
    }

    private static Token add(List<Token> out, Token.Kind kind, int start, int end, boolean space) {
        Token t = new Token(kind, start, end, space);
        out.add(t);
        return t;
    }

    private static boolean digitsOnly(int cp) {
        String n = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        if (n.isEmpty() || n.length() > 2) {
            return false;
        }
        for (int k = 0; k < n.length(); k++) {
            if (n.charAt(k) < '0' || n.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isPunct(int cp, int type) {
        switch (type) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION:
                return true;
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL:
                // ASCII and Latin-1 operators, and the slashes and minus people type in numbers.
                return cp < 0x100 || cp == '−' || cp == '⁄' || cp == '∕' || cp == '＋' || cp == '＝';
            default:
                return false;
        }
    }

    private static boolean isSymbol(int type) {
        return type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL
                || type == Character.MODIFIER_SYMBOL || type == Character.CURRENCY_SYMBOL
                || type == Character.OTHER_NUMBER || type == Character.LETTER_NUMBER;
    }

    private static String canonicalPunct(int cp, int type) {
        if (type == Character.DASH_PUNCTUATION || cp == '−') {
            return "-";
        }
        switch (cp) {
            case '/', '⁄', '∕', '／':
                return "/";
            case ':', '：', '﹕':
                return ":";
            case ',', '，', '、', '﹐', '٬':
                return ",";
            case '.', '。', '．', '﹒', '٫', '·':
                return "."; // '٫' is the Arabic decimal separator, '·' an old British one
            case '%', '٪', '％', '﹪', '‰':
                return "%";
            case '+', '＋':
                return "+";
            case '=', '＝':
                return "=";
            default:
                return cp < LATIN1.length ? LATIN1[cp] : new String(Character.toChars(cp));
        }
    }

    private static boolean flagPair(String s, Token last, int cp) {
        return isRegionalIndicator(cp) && last.end - last.start == 2
                && isRegionalIndicator(s.codePointAt(last.start));
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }
}
