package dev.csatkit.channels.spi;

import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Validation for the SPI's values. The SPI depends on the JDK alone, so a broken rule is an
 * {@link IllegalArgumentException} whose message reads {@code field = value: rule}.
 */
final class Require {
    private static final int MAX_SHOWN = 80;

    private Require() {
    }

    static IllegalArgumentException invalid(String field, @Nullable Object value, String rule) {
        return new IllegalArgumentException(field + " = " + display(value) + ": " + rule);
    }

    static <T> T present(String field, @Nullable T value) {
        if (value == null) {
            throw invalid(field, null, "must be given");
        }
        return value;
    }

    /** Non-blank text without control characters, at most {@code max} characters long. */
    static String line(String field, @Nullable String value, int max) {
        return line(field, value, max, Shown.AS_IS);
    }

    /** {@link #line} for an address: a broken one is shown masked. */
    static String address(String field, @Nullable String value, int max) {
        return line(field, value, max, Shown.ADDRESS);
    }

    /** {@link #line} for personal text: a broken one is not shown. */
    static String personalLine(String field, @Nullable String value, int max) {
        return line(field, value, max, Shown.HIDDEN);
    }

    /** Non-blank text of at most {@code max} characters; line breaks allowed. */
    static String text(String field, @Nullable String value, int max) {
        return text(field, value, max, Shown.AS_IS);
    }

    /** {@link #text} for personal text, such as a message: a broken one is not shown. */
    static String personalText(String field, @Nullable String value, int max) {
        return text(field, value, max, Shown.HIDDEN);
    }

    /** How a broken value is shown in the message. */
    enum Shown { AS_IS, ADDRESS, HIDDEN }

    private static Object shown(String value, Shown how) {
        return switch (how) {
            case AS_IS -> value;
            case ADDRESS -> new Masked(Redact.address(value));
            case HIDDEN -> new Masked(Redact.HIDDEN);
        };
    }

    /** A value already made safe to show: displayed as it is, quoted. */
    private record Masked(String shown) {
        @Override
        public String toString() {
            return "\"" + shown + "\"";
        }
    }

    private static String line(String field, @Nullable String value, int max, Shown how) {
        String v = text(field, value, max, how);
        int bad = -1;
        for (int i = 0; i < v.length() && bad < 0; i++) {
            if (Character.isISOControl(v.charAt(i))) {
                bad = v.charAt(i);
            }
        }
        if (bad >= 0) {
            throw invalid(field, shown(v, how), String.format(
                    "must be a single line without control characters; found U+%04X", bad));
        }
        return v;
    }

    private static String text(String field, @Nullable String value, int max, Shown how) {
        present(field, value);
        if (value.isBlank()) {
            throw invalid(field, value, "must not be blank");
        }
        if (value.length() > max) {
            throw invalid(field, shown(value, how), "must be at most " + max + " characters");
        }
        return value;
    }

    static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(field, value, "must be between " + min + " and " + max);
        }
        return value;
    }

    static <T extends Collection<?>> T noNulls(String field, @Nullable T values) {
        present(field, values);
        int i = 0;
        for (Object o : values) {
            if (o == null) {
                throw invalid(field + "[" + i + "]", null, "must be given");
            }
            i++;
        }
        return values;
    }

    static <M extends Map<?, ?>> M noNullEntries(String field, @Nullable M values) {
        present(field, values);
        values.forEach((k, v) -> {
            present(field + " key", k);
            present(field + "." + k, v);
        });
        return values;
    }

    static String display(@Nullable Object value) {
        if (value == null) {
            return "(missing)";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder();
        boolean quoted = value instanceof CharSequence || value instanceof Character;
        if (quoted) {
            out.append('"');
        }
        int shown = 0;
        for (int i = 0; i < text.length() && shown < MAX_SHOWN; shown++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '"' && quoted) {
                out.append("\\\"");
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        int total = text.codePointCount(0, text.length());
        if (total > MAX_SHOWN) {
            out.append('…');
        }
        if (quoted) {
            out.append('"');
        }
        if (total > MAX_SHOWN) {
            out.append(" (").append(total).append(" characters)");
        }
        return out.toString();
    }
}
