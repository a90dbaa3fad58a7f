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
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                return slowFold(s);
            }
            out.append(CHARS.fold(c));
        }
        return out.toString();
    }

    /**
     * Within the Basic Multilingual Plane folding works one character at a time, so each
     * character's folded form is computed once, by the full method, and kept. Pages of 256
     * characters are made when first needed; a race only computes an entry twice, as strings are
     * immutable. One instance serves the JVM; tests make their own to see it fill from empty.
     */
    static final class CharCache {
        private final String[][] pages = new String[256][];

        String fold(char c) {
            String[] page = pages[c >> 8];
            if (page == null) {
                page = new String[256];
                pages[c >> 8] = page;
            }
            String folded = page[c & 0xFF];
            if (folded == null) {
                folded = slowFold(String.valueOf(c));
                page[c & 0xFF] = folded;
            }
            return folded;
        }
    }

    private static final CharCache CHARS = new CharCache();

    private static String slowFold(String s) {
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
        return isIgnorable(cp, Character.getType(cp));
    }

    /**
     * {@link #isIgnorable(int)} for a code point whose {@link Character#getType(int)} is known.
     *
     * @param cp a code point
     * @param type its general category
     * @return whether it is dropped when folding
     */
    static boolean isIgnorable(int cp, int type) {
        return type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK || isEmojiModifier(cp);
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
        return isSpace(cp, Character.getType(cp));
    }

    /**
     * {@link #isSpace(int)} for a code point whose {@link Character#getType(int)} is known.
     *
     * @param cp a code point
     * @param type its general category
     * @return whether it separates words
     */
    static boolean isSpace(int cp, int type) {
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F)
                || cp == 0x85;
    }

    /**
     * @param cp a code point
     * @return whether a reply may start or end with it without it counting: space or invisible
     */
    public static boolean isBlank(int cp) {
        if (cp < 0x80) {
            return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        }
        int type = Character.getType(cp);
        return isSpace(cp, type) || isIgnorable(cp, type);
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
        char[] out = new char[s.length()];
        int n = 0;
        boolean changed = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out[n++] = (char) (c + ('a' - 'A'));
                changed = true;
            } else if (c != '\'' && c != '`') {
                out[n++] = c;
            } else {
                changed = true;
            }
        }
        return changed ? new String(out, 0, n) : s;
    }
}
