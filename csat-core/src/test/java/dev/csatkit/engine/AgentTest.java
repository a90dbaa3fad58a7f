package dev.csatkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentTest {

    @Test
    void theIdAndTeamMustBeOneWellFormedLine() {
        assertThatThrownBy(() -> Agent.human("a\u00001", "Alice", "Billing"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid agent: id = \"a\\u00001\": must be one line without control characters; found U+0000");
        assertThatThrownBy(() -> Agent.human("a-1", "Alice", "Bill\u2029ing"))
                .hasMessage("Invalid agent: team = \"Bill\\u2029ing\": "
                        + "must be one line without control characters; found U+2029");
        assertThatThrownBy(() -> Agent.human("a-1", "Alice", "Billing\uDBFF"))
                .hasMessage("Invalid agent: team = \"Billing\\uDBFF\": must be well-formed Unicode (no unpaired surrogate)");
        assertThatThrownBy(() -> Agent.human("a-1", "Alice", "B".repeat(257)))
                .hasMessageEndingWith("team = \"" + "B".repeat(80) + "…\" (257 characters): must be at most 256 characters");
    }

    @Test
    void aBrokenNameIsReportedMasked() {
        assertThatThrownBy(() -> Agent.human("a-1", "Alice\u202D Smith", "Billing"))
                .hasMessage("Invalid agent: name = \"«masked»\": must be one line without control characters; found U+202D")
                .hasMessageNotContaining("Alice");
        assertThatThrownBy(() -> Agent.virtual("bot-1", "Alice\uDC00"))
                .hasMessage("Invalid agent: name = \"«masked»\": must be well-formed Unicode (no unpaired surrogate)");
        assertThatThrownBy(() -> Agent.virtual("bot-1", "Alice ".repeat(50)))
                .hasMessage("Invalid agent: name = \"«masked»\": must be at most 256 characters");
        assertThatThrownBy(() -> Agent.virtual("bot-1", ""))
                .hasMessage("Invalid agent: name = \"«masked»\": must not be blank");
    }

    @Test
    void theAgentsOwnAddressesAreCheckedAndMasked() {
        Agent alice = Agent.human("a-1", "Alice", "Billing");
        assertThatThrownBy(() -> alice.withAddress("+447700900123\n"))
                .hasMessage("Invalid agent: addresses = \"+44***23\": "
                        + "must be one line without control characters; found U+000A");
        assertThatThrownBy(() -> alice.withAddress("alice." + "x".repeat(310) + "@example.com"))
                .hasMessage("Invalid agent: addresses = \"a***@e***.com\": must be at most 320 characters")
                .hasMessageNotContaining("alice");
        assertThatThrownBy(() -> new Agent("a-1", Optional.empty(), Optional.empty(), AgentKind.HUMAN, Set.of("")))
                .hasMessage("Invalid agent: addresses = \"***\": must not be blank");
        assertThat(alice.withAddress("alice@example.com").addresses()).containsExactly("alice@example.com");
    }
}
