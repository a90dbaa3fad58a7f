package dev.csatkit.internal;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Collects broken rules while a value is validated, so that every problem is reported at once.
 * Field names are relative; composites nest them with {@link #nested(String, Runnable)}.
 */
public final class Checks {
    private final String what;
    // Made on the first violation: nearly every value checked is valid, many on hot paths.
    private @Nullable List<Violation> violations;
    private String prefix = "";

    private static final UnaryOperator<String> SHOWN_AS_IS = UnaryOperator.identity();

    private Checks(String what) {
        this.what = what;
    }

    /**
     * Starts collecting for one kind of value.
     *
     * @param what the kind of value, as it appears in the error message
     * @return a fresh collector
     */
    public static Checks of(String what) {
        return new Checks(what);
    }

    /** Records a violation unless {@code ok}; returns {@code ok} so callers can skip dependent checks. */
    public boolean check(boolean ok, String field, @Nullable Object value, String rule) {
        if (!ok) {
            add(field, value, rule);
        }
        return ok;
    }

    /**
     * The rule for identifiers and names: present, not blank, at most {@code max} characters.
     *
     * @return whether the value passed, so callers can skip checks that need it
     */
    public boolean text(String field, @Nullable String value, int max) {
        return text(field, value, max, SHOWN_AS_IS);
    }

    /**
     * The rule for one-line text, such as ids, names and addresses: the {@link #text} rule, and
     * nothing that breaks a line or reorders what follows it when the value is logged, shown or
     * sent on (see {@link #firstLineBreak}), and no unpaired surrogate.
     *
     * @return whether the value passed, so callers can skip checks that need it
     */
    public boolean line(String field, @Nullable String value, int max) {
        return line(field, value, max, SHOWN_AS_IS);
    }

    /**
     * The {@link #line(String, String, int)} rule for personal data: a broken value is reported
     * as {@code mask} shows it, never as it was given.
     *
     * @param mask turns the value into what an error message may show
     * @return whether the value passed, so callers can skip checks that need it
     */
    public boolean line(String field, @Nullable String value, int max, UnaryOperator<String> mask) {
        return text(field, value, max, mask) && oneLine(field, value, mask);
    }

    /**
     * The {@link #line(String, String, int)} rule for values that may be empty or blank.
     *
     * @param mask turns the value into what an error message may show
     * @return whether the value passed, so callers can skip checks that need it
     */
    public boolean lineOrEmpty(String field, @Nullable String value, int max, UnaryOperator<String> mask) {
        if (value == null) {
            add(field, null, "must be given");
            return false;
        }
        if (value.length() > max) {
            add(field, mask.apply(value), "must be at most " + max + " characters");
            return false;
        }
        return oneLine(field, value, mask);
    }

    private boolean text(String field, @Nullable String value, int max, UnaryOperator<String> mask) {
        if (value == null || value.isBlank()) {
            add(field, value == null ? null : mask.apply(value), "must not be blank");
            return false;
        }
        if (value.length() > max) {
            // The rule's words are built only for a broken value: ids pass here on every call.
            add(field, mask.apply(value), "must be at most " + max + " characters");
            return false;
        }
        return true;
    }

    private boolean oneLine(String field, String value, UnaryOperator<String> mask) {
        int at = firstLineBreak(value);
        if (at >= 0) {
            add(field, mask.apply(value), String.format("must be one line without control characters; found U+%04X",
                    (int) value.charAt(at)));
            return false;
        }
        if (!wellFormed(value)) {
            add(field, mask.apply(value), "must be well-formed Unicode (no unpaired surrogate)");
            return false;
        }
        return true;
    }

    /**
     * Finds the first character that one-line text must not hold: a control character (Unicode
     * category Cc, which takes in tab, CR, LF, NEL and DEL), a line or paragraph separator
     * (U+2028, U+2029), or a bidirectional embedding, override or isolate (U+202A–U+202E,
     * U+2066–U+2069), which reorders the text after it in a log line or a form.
     *
     * <p>Other format characters pass: zero-width joiners and non-joiners and the left-to-right
     * and right-to-left marks are part of how names are written in Persian, Hebrew, Indic scripts
     * and emoji, and none of them reaches past its neighbours.
     *
     * @param s any text
     * @return the index of the first such character, or -1 when there is none
     */
    public static int firstLineBreak(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // Everything refused is in the Basic Multilingual Plane: no need to decode code points.
            if (Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029
                    || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param s any text
     * @return whether every surrogate in it is half of a pair
     */
    public static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Records a violation unconditionally. */
    public void add(String field, @Nullable Object value, String rule) {
        found().add(Violation.of(path(field), value, rule));
    }

    private List<Violation> found() {
        List<Violation> v = violations;
        if (v == null) {
            violations = v = new ArrayList<>();
        }
        return v;
    }

    /** Records violations found by someone else, under the current prefix. */
    public void addAll(String field, List<Violation> found) {
        for (Violation v : found) {
            found().add(new Violation(path(join(field, v.field())), v.value(), v.rule()));
        }
    }

    /**
     * Runs checks whose field names are relative to {@code field}; a nested
     * {@link InvalidDefinitionException} is absorbed into this collector.
     */
    public void nested(String field, Runnable body) {
        String saved = prefix;
        prefix = path(field);
        try {
            body.run();
        } catch (InvalidDefinitionException e) {
            for (Violation v : e.violations()) {
                found().add(new Violation(path(v.field()), v.value(), v.rule()));
            }
        } finally {
            prefix = saved;
        }
    }

    /** Whether nothing has been found so far. */
    public boolean ok() {
        return violations == null;
    }

    /** Throws an {@link InvalidDefinitionException} listing every violation, if there is one. */
    public void throwIfAny() {
        if (violations != null) {
            throw new InvalidDefinitionException(what, violations);
        }
    }

    private String path(String field) {
        return join(prefix, field);
    }

    private static String join(String head, String tail) {
        if (head.isEmpty()) {
            return tail;
        }
        if (tail.isEmpty()) {
            return head;
        }
        return tail.startsWith("[") ? head + tail : head + "." + tail;
    }
}
