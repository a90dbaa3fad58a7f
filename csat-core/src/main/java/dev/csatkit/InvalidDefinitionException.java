package dev.csatkit;

import java.util.List;

/**
 * A survey definition, a rating scale or a message template broke one or more rules. Every
 * broken rule is listed, not just the first, so an administrator can fix a form in one pass.
 */
public class InvalidDefinitionException extends CsatException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * Creates the exception from the broken rules.
     *
     * @param what what was being defined, for the message ("survey definition", "rating scale")
     * @param violations the broken rules; at least one
     */
    public InvalidDefinitionException(String what, List<Violation> violations) {
        super(message(what, violations));
        this.violations = List.copyOf(violations);
    }

    /**
     * Creates the exception for a single broken rule.
     *
     * @param what what was being defined
     * @param violation the broken rule
     */
    public InvalidDefinitionException(String what, Violation violation) {
        this(what, List.of(violation));
    }

    /**
     * Returns every broken rule, in the order they were found.
     *
     * @return the violations, never empty
     */
    public List<Violation> violations() {
        return violations;
    }

    static String message(String what, List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid " + what + " needs at least one violation");
        }
        if (violations.size() == 1) {
            return "Invalid " + what + ": " + violations.get(0);
        }
        StringBuilder sb = new StringBuilder("Invalid ").append(what).append(" (")
                .append(violations.size()).append(" problems):");
        for (Violation v : violations) {
            sb.append("\n  - ").append(v);
        }
        return sb.toString();
    }
}
