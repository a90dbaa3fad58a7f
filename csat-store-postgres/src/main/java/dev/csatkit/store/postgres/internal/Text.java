package dev.csatkit.store.postgres.internal;

/**
 * Makes any Java string storable in PostgreSQL, whose {@code text} and {@code jsonb} refuse the
 * NUL character that the engine's keys use as a separator ({@code "*\u0000contact"}).
 *
 * <p>A string with no NUL that does not start with U+0001 is stored as it is, so ordinary values
 * read naturally in the database. Any other string is stored as U+0001 followed by the string with
 * U+0001 written as U+0001 U+0001 and NUL as U+0001 {@code 0}. The two forms never meet (only the
 * second starts with U+0001), so equal strings stay equal and different ones different: keys keep
 * their uniqueness.
 */
public final class Text {

    private static final char MARK = '\u0001';

    private Text() {
    }

    /**
     * @param s any string
     * @return the form to store
     */
    public static String store(String s) {
        if (s.indexOf('\u0000') < 0 && (s.isEmpty() || s.charAt(0) != MARK)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 4).append(MARK);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == MARK) {
                out.append(MARK).append(MARK);
            } else if (c == '\u0000') {
                out.append(MARK).append('0');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @param s a string as {@link #store} wrote it
     * @return the original string
     */
    public static String load(String s) {
        if (s.isEmpty() || s.charAt(0) != MARK) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == MARK && i + 1 < s.length()) {
                char next = s.charAt(++i);
                out.append(next == '0' ? '\u0000' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
