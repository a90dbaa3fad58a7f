package dev.csatkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViolationTest {

    @Test
    void aDisplayedValueStaysOnOneLineAndInOrder() {
        assertThat(Violation.display("a\u2028b\u2029c\nd\u202Ee\uD800"))
                .isEqualTo("\"a\\u2028b\\u2029c\\nd\\u202Ee\\uD800\"");
        assertThat(Violation.of("id", "x\u2028", "must be one line")).hasToString("id = \"x\\u2028\": must be one line");
    }
}
