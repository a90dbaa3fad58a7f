package dev.csatkit.internal.reply;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds text for matching, so that a reply and a table entry compare equal whatever the case,
 * accents, width or apostrophe a person typed: NFKC, full case folding, marks removed,
 * apostrophes dropped ({@code п'ять} and {@code пять}, {@code I'd} and {@code id} fold alike).
 */
public final class Fold {
    private Fold() {
    }

    /**
     * Folds a word or a phrase.
     *
     * @param text any text
     * @return the folded form; never longer than needed, possibly empty
     */
    public static String fold(CharSequence text) {
        String s = text.toString();
        if (isAsciiWord(s)) {
            return asciiFold(s);
        }
        // Upper then lower case is full case folding for the scripts in the tables (ß → ss).
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        n = Normalizer.normalize(n, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            i += Character.charCount(cp);
            if (isIgnorable(cp) || isApostrophe(cp)) {
                continue;
            }
            switch (cp) {
                case 'ł' -> out.append('l');
                case 'ø' -> out.append('o');
                case 'đ' -> out.append('d');
                case 'ı' -> out.append('i');
                case 'œ' -> out.append("oe");
                case 'æ' -> out.append("ae");
                default -> out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /**
     * Folds an emoji or symbol sequence: presentation selectors, skin tones, joiners and marks
     * are dropped, so {@code ☺️} and {@code ☺}, {@code 👍🏽} and {@code 👍} compare equal.
     *
     * @param text a symbol sequence
     * @return its key
     */
    public static String symbolKey(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (!isIgnorable(cp)) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /**
     * Whether a code point is invisible for matching: format characters (joiners, zero-width
     * space, byte-order mark), combining marks, variation selectors and emoji skin tones.
     *
     * @param cp a code point
     * @return whether it is dropped when folding
     */
    public static boolean isIgnorable(int cp) {
        if (isEmojiModifier(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /**
     * @param cp a code point
     * @return whether it is an emoji skin-tone modifier
     */
    public static boolean isEmojiModifier(int cp) {
        return cp >= 0x1F3FB && cp <= 0x1F3FF;
    }

    /**
     * @param cp a code point
     * @return whether people type it as an apostrophe inside a word
     */
    public static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '`' || cp == '´' || cp == '‘' || cp == '’' || cp == 'ʼ' || cp == 'ʹ'
                || cp == '′' || cp == '＇' || cp == 'ʻ';
    }

    /**
     * @param cp a code point
     * @return whether it separates words: any Unicode white space or space separator
     */
    public static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /**
     * @param cp a code point
     * @return whether a reply may start or end with it without it counting: space or invisible
     */
    public static boolean isBlank(int cp) {
        return isSpace(cp) || isIgnorable(cp);
    }

    private static boolean isAsciiWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c == '`')) {
                return false;
            }
        }
        return true;
    }

    private static String asciiFold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out.append((char) (c + ('a' - 'A')));
            } else if (c != '\'' && c != '`') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
