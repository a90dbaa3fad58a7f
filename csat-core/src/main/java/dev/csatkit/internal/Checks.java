package dev.csatkit.internal;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.Violation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects broken rules while a value is validated, so that every problem is reported at once.
 * Field names are relative; composites nest them with {@link #nested(String, Runnable)}.
 */
public final class Checks {
    private final String what;
    private final List<Violation> violations = new ArrayList<>();
    private String prefix = "";

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
        if (!check(value != null && !value.isBlank(), field, value, "must not be blank")) {
            return false;
        }
        if (value.length() > max) {
            // The rule's words are built only for a broken value: ids pass here on every call.
            add(field, value, "must be at most " + max + " characters");
            return false;
        }
        return true;
    }

    /** Records a violation unconditionally. */
    public void add(String field, @Nullable Object value, String rule) {
        violations.add(Violation.of(path(field), value, rule));
    }

    /** Records violations found by someone else, under the current prefix. */
    public void addAll(String field, List<Violation> found) {
        for (Violation v : found) {
            violations.add(new Violation(path(join(field, v.field())), v.value(), v.rule()));
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
                violations.add(new Violation(path(v.field()), v.value(), v.rule()));
            }
        } finally {
            prefix = saved;
        }
    }

    /** Whether nothing has been found so far. */
    public boolean ok() {
        return violations.isEmpty();
    }

    /** Throws an {@link InvalidDefinitionException} listing every violation, if there is one. */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
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
