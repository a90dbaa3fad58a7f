package dev.csatkit;

import java.util.List;

/**
 * An engine, policy or component was configured with values that cannot work together, for
 * example a sampling percentage above 100 or a channel referenced but never registered.
 */
public class InvalidConfigurationException extends CsatException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * Creates the exception from the broken rules.
     *
     * @param violations the broken rules; at least one
     */
    public InvalidConfigurationException(List<Violation> violations) {
        super(InvalidDefinitionException.message("configuration", violations));
        this.violations = List.copyOf(violations);
    }

    /**
     * Creates the exception for a single broken rule.
     *
     * @param violation the broken rule
     */
    public InvalidConfigurationException(Violation violation) {
        this(List.of(violation));
    }

    /**
     * Returns every broken rule, in the order they were found.
     *
     * @return the violations, never empty
     */
    public List<Violation> violations() {
        return violations;
    }
}
