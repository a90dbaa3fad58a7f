package dev.csatkit.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.CsatException;
import dev.csatkit.InvalidDefinitionException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTemplateTest {

    @Test
    void findsPlaceholdersInOrderOfFirstUse() {
        MessageTemplate t = MessageTemplate.of("Hi {contact.name}, rate {agent.name} from {scale.min} to {scale.max}."
                + " Thanks, {agent.name}");
        assertThat(t.placeholders()).containsExactly("contact.name", "agent.name", "scale.min", "scale.max");
    }

    @Test
    void rendersValuesAndLiteralBraces() {
        MessageTemplate t = MessageTemplate.of("{{{company}}} rates {{1..5}}: {ticket.id}");
        assertThat(t.placeholders()).containsExactly("company", "ticket.id");
        assertThat(t.render(Map.of("company", "Acme", "ticket.id", "T-1"))).isEqualTo("{Acme} rates {1..5}: T-1");
        assertThat(MessageTemplate.of("no placeholders").render(Map.of())).isEqualTo("no placeholders");
    }

    @Test
    void renderingWithoutAValueNamesThePlaceholder() {
        assertThatThrownBy(() -> MessageTemplate.of("Hi {contact.name}").render(Map.of("company", "Acme")))
                .isInstanceOf(CsatException.class)
                .hasMessage("No value for placeholder {contact.name} in message template \"Hi {contact.name}\";"
                        + " given: [company]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Rate us {agent.name               | unclosed '{' at character 9 (write '{{' for a literal brace)",
        "Rate {a {b}                       | unclosed '{' at character 6 (write '{{' for a literal brace)",
        "Rate us } now                     | unmatched '}' at character 9 (write '}}' for a literal brace)",
        "Rate us {}                        | empty placeholder '{}' at character 9",
        "Rate {Agent Name}                 | '{Agent Name}' at character 6 is not a placeholder name: use lowercase letters, digits and '_' in dot-separated parts, such as {agent.name}",
        "Rate {agent.}                     | '{agent.}' at character 6 is not a placeholder name: use lowercase letters, digits and '_' in dot-separated parts, such as {agent.name}",
    })
    void rejectsBadBracesWithThePosition(String source, String rule) {
        assertThatThrownBy(() -> MessageTemplate.of(source.strip()))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
                        assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.rule()).isEqualTo(rule);
                            assertThat(v.value()).isEqualTo("\"" + source.strip() + "\"");
                        }));
    }

    @Test
    void rejectsOverlongTemplates() {
        assertThatThrownBy(() -> MessageTemplate.of("x".repeat(MessageTemplate.MAX_LENGTH + 1)))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e ->
                        assertThat(e.violations().get(0).rule()).isEqualTo("must be at most 4096 characters, was 4097"));
    }

    @Test
    void equalityIsBySource() {
        assertThat(MessageTemplate.of("a {b}")).isEqualTo(MessageTemplate.of("a {b}"))
                .hasSameHashCodeAs(MessageTemplate.of("a {b}"))
                .isNotEqualTo(MessageTemplate.of("a {c}"));
        assertThat(MessageTemplate.of("a {b}").toString()).isEqualTo("a {b}");
    }

    @Test
    void placeholderNames() {
        assertThat(Placeholders.isWellFormed("agent.name")).isTrue();
        assertThat(Placeholders.isWellFormed("order_no2")).isTrue();
        assertThat(Placeholders.isWellFormed("2fast")).isFalse();
        assertThat(Placeholders.isWellFormed("a..b")).isFalse();
        assertThat(Placeholders.isWellFormed("a".repeat(65))).isFalse();
        assertThat(Placeholders.STANDARD).contains("company", "agent.name", "scale.max.label", "link");
    }
}
