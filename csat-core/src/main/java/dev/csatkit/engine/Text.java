package dev.csatkit.engine;

import dev.csatkit.internal.Checks;

/** The one rule for identifiers and names the host passes in. */
final class Text {

    private Text() {
    }

    static boolean check(Checks checks, String field, String value) {
        if (checks.check(value != null && !value.isBlank(), field, value, "must not be blank")) {
            return checks.check(value.length() <= Agent.MAX_LENGTH, field, value,
                    "must be at most " + Agent.MAX_LENGTH + " characters");
        }
        return false;
    }
}
