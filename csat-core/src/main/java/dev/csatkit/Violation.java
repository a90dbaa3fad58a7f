package dev.csatkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One broken rule: which field, the value it had, and the rule that value broke.
 *
 * <p>Fields are written as paths ({@code messages.fr.prompt}, {@code scale.points[2].value}) so
 * that a form or an API client can put the message next to the input that caused it.
 *
 * @param field the path of the offending field
 * @param value the offending value as text, shortened and with control characters escaped
 * @param rule what the value should have been
 */
public record Violation(String field, String value, String rule) {

    private static final int MAX_VALUE_LENGTH = 80;

    /**
     * Validates and normalises the components.
     */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * Creates a violation whose value is quoted and shortened for display, whatever its type.
     *
     * @param field the path of the offending field
     * @param value the offending value, possibly {@code null} when the field was missing
     * @param rule what the value should have been
     * @return the violation
     */
    public static Violation of(String field, @Nullable Object value, String rule) {
        return new Violation(field, display(value), rule);
    }

    /**
     * Formats a value for an error message: strings quoted, long values cut, control characters
     * escaped so that a message always fits on one line.
     *
     * @param value any value, or {@code null}
     * @return its display form
     */
    public static String display(@Nullable Object value) {
        if (value == null) {
            return "(missing)";
        }
        String text = value.toString();
        boolean quoted = value instanceof CharSequence;
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_VALUE_LENGTH) + 8);
        if (quoted) {
            out.append('"');
        }
        int shown = 0;
        for (int i = 0; i < text.length() && shown < MAX_VALUE_LENGTH; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            shown++;
            if (cp == '"' && quoted) {
                out.append("\\\"");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.SURROGATE || cp == 0x2028 || cp == 0x2029) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        int total = text.codePointCount(0, text.length());
        if (total > MAX_VALUE_LENGTH) {
            out.append("…");
        }
        if (quoted) {
            out.append('"');
        }
        if (total > MAX_VALUE_LENGTH) {
            out.append(" (").append(total).append(" characters)");
        }
        return out.toString();
    }

    /**
     * Returns the violation as one line: {@code field = value: rule}.
     */
    @Override
    public String toString() {
        return field + " = " + value + ": " + rule;
    }
}
