package dev.csatkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import org.junit.jupiter.api.Test;

class InteractionTest {

    static final Contact JANE = Contact.builder("k1").phone("+447700900123").build();

    static Interaction.Builder call(String id) {
        return Interaction.builder(id, JANE, Medium.VOICE).agent(Agent.human("a-1", "Alice", "Billing"));
    }

    @Test
    void theIdMustBeOneWellFormedLine() {
        assertThatThrownBy(() -> call("call\n1").build())
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid interaction: id = \"call\\n1\": "
                        + "must be one line without control characters; found U+000A");
        assertThatThrownBy(() -> call("call\uD83D1").build())
                .hasMessage("Invalid interaction: id = \"call\\uD83D1\": must be well-formed Unicode (no unpaired surrogate)");
        assertThatThrownBy(() -> call("c".repeat(257)).build()).hasMessageEndingWith("must be at most 256 characters");
    }

    @Test
    void entryPointBrandCaseTypeAndTagsMustBeOneWellFormedLine() {
        // Phone numbers and emails inside an entry point are masked, like every phone number.
        assertThatThrownBy(() -> call("c1").entryPoint("+18005550100\u202A").build())
                .hasMessage("Invalid interaction: entryPoint = \"+1***00\\u202A\": "
                        + "must be one line without control characters; found U+202A");
        assertThatThrownBy(() -> call("c1").entryPoint("web-form\t").build())
                .hasMessage("Invalid interaction: entryPoint = \"web-form\\t\": "
                        + "must be one line without control characters; found U+0009");
        assertThatThrownBy(() -> call("c1").brand("Acme\u0007").build())
                .hasMessage("Invalid interaction: brand = \"Acme\\u0007\": "
                        + "must be one line without control characters; found U+0007");
        assertThatThrownBy(() -> call("c1").caseType("billing\u2069").build())
                .hasMessage("Invalid interaction: caseType = \"billing\\u2069\": "
                        + "must be one line without control characters; found U+2069");
        assertThatThrownBy(() -> call("c1").tag("vip").tag("angry\r").build())
                .hasMessage("Invalid interaction: tags = \"angry\\r\": "
                        + "must be one line without control characters; found U+000D");
        assertThatThrownBy(() -> call("c1").tag("\uDFFF").build())
                .hasMessage("Invalid interaction: tags = \"\\uDFFF\": must be well-formed Unicode (no unpaired surrogate)");
        assertThatThrownBy(() -> call("c1").tag(" ").build())
                .hasMessage("Invalid interaction: tags = \" \": must not be blank");
        assertThatThrownBy(() -> call("c1").tag("t".repeat(257)).build())
                .hasMessageEndingWith("must be at most 256 characters");
        assertThatThrownBy(() -> call("c1").brand("b".repeat(257)).build())
                .hasMessageEndingWith("must be at most 256 characters");
    }

    @Test
    void everyBrokenRuleIsListedInOrder() {
        assertThatThrownBy(() -> call("c\n1").entryPoint("e\n").brand("b\n").caseType("t\n").tag("x\n").build())
                .isInstanceOf(InvalidDefinitionException.class)
                .satisfies(e -> assertThat(((InvalidDefinitionException) e).violations())
                        .extracting(v -> v.field())
                        .containsExactly("id", "entryPoint", "brand", "caseType", "tags"));
    }

    @Test
    void oneLineTextPasses() {
        Interaction i = call("call-1").entryPoint("+18005550100").brand("Acme 🚀").caseType("billing")
                .tag("vip").tag("réclamation").build();
        assertThat(i.tags()).containsExactlyInAnyOrder("vip", "réclamation");
    }
}
