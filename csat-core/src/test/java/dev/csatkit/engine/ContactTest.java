package dev.csatkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidDefinitionException;
import dev.csatkit.channels.spi.ChannelKind;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactTest {

    static final String PHONE = "+447700900123";

    static Contact.Builder contact() {
        return Contact.builder("k1").phone(PHONE);
    }

    @Test
    void anAddressWithAControlCharacterIsRefusedAtTheDoorMasked() {
        // Accepted here, this address used to fail later, in new OutboundMessage, during dispatch.
        assertThatThrownBy(() -> OutboundMessage.of("jane@example.com\r\nBcc: x@example.com", "k",
                new MessageContent.Email("Survey", "hi", java.util.Optional.empty()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> contact().email("jane@example.com\r\nBcc: x@example.com").build())
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid contact: addresses.EMAIL = \"j***@e***.com\": "
                        + "must be one line without control characters; found U+000D")
                .hasMessageNotContaining("jane");
        assertThatThrownBy(() -> Contact.builder("k1").phone(PHONE + "\n").build())
                .hasMessage("Invalid contact (2 problems):\n"
                        + "  - addresses.SMS = \"+44***23\": must be one line without control characters; found U+000A\n"
                        + "  - addresses.VOICE_DTMF = \"+44***23\": must be one line without control characters;"
                        + " found U+000A");
    }

    @Test
    void addressesMustBeOneWellFormedLineOfAtMost320Characters() {
        assertThatThrownBy(() -> Contact.builder("k1").chat("U024BE7LH\u2028").build())
                .hasMessage("Invalid contact: addresses.CHAT = \"U0***\": "
                        + "must be one line without control characters; found U+2028");
        assertThatThrownBy(() -> Contact.builder("k1").chat("U024BE7LH\u202Exyz").build())
                .hasMessage("Invalid contact: addresses.CHAT = \"U0***\": "
                        + "must be one line without control characters; found U+202E");
        assertThatThrownBy(() -> Contact.builder("k1").chat("U024BE7LH\uD83D").build())
                .hasMessage("Invalid contact: addresses.CHAT = \"U0***\": "
                        + "must be well-formed Unicode (no unpaired surrogate)");
        String longEmail = "j".repeat(310) + "@example.com";
        assertThatThrownBy(() -> Contact.builder("k1").email(longEmail).build())
                .hasMessage("Invalid contact: addresses.EMAIL = \"j***@e***.com\": must be at most 320 characters");
        assertThatThrownBy(() -> Contact.builder("k1").chat(" ").build())
                .hasMessage("Invalid contact: addresses.CHAT = \"***\": must not be blank");
        assertThat(Contact.builder("k1").email("j".repeat(308) + "@example.com").build().address(ChannelKind.EMAIL))
                .isPresent();
    }

    @Test
    void theIdMustBeOneWellFormedLine() {
        assertThatThrownBy(() -> Contact.builder("k\t1").build())
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid contact: id = \"k\\t1\": must be one line without control characters; found U+0009");
        assertThatThrownBy(() -> Contact.builder("k\u20661").build())
                .hasMessage("Invalid contact: id = \"k\\u20661\": "
                        + "must be one line without control characters; found U+2066");
        assertThatThrownBy(() -> Contact.builder("k\u0085").build())
                .hasMessageEndingWith("must be one line without control characters; found U+0085");
        assertThatThrownBy(() -> Contact.builder("\uDC00k").build())
                .hasMessage("Invalid contact: id = \"\\uDC00k\": must be well-formed Unicode (no unpaired surrogate)");
        assertThatThrownBy(() -> Contact.builder("k".repeat(257)).build())
                .hasMessageEndingWith("must be at most 256 characters");
        assertThatThrownBy(() -> Contact.builder("").build())
                .hasMessage("Invalid contact: id = \"\": must not be blank");
    }

    @Test
    void attributeKeysAreShownAndValuesMasked() {
        assertThatThrownBy(() -> contact().attribute("vip\n", "yes").build())
                .hasMessage("Invalid contact: attributes key = \"vip\\n\": "
                        + "must be one line without control characters; found U+000A");
        assertThatThrownBy(() -> contact().attribute(" ", "yes").build())
                .hasMessage("Invalid contact: attributes key = \" \": must not be blank");
        assertThatThrownBy(() -> contact().attribute("name", "Jane\u202E Doe").build())
                .hasMessage("Invalid contact: attributes.name = \"«masked»\": "
                        + "must be one line without control characters; found U+202E")
                .hasMessageNotContaining("Jane");
        assertThatThrownBy(() -> contact().attribute("name", "Jane\uD800").build())
                .hasMessage("Invalid contact: attributes.name = \"«masked»\": "
                        + "must be well-formed Unicode (no unpaired surrogate)");
        assertThatThrownBy(() -> contact().attribute("note", "Jane ".repeat(205)).build())
                .hasMessage("Invalid contact: attributes.note = \"«masked»\": must be at most 1024 characters");
        // An empty value is how a host says it knows nothing: the engine reads a missing name as "".
        assertThat(contact().attribute("name", "").build().attributes()).containsEntry("name", "");
    }

    @Test
    void everyBrokenRuleIsListed() {
        assertThatThrownBy(() -> Contact.builder("k\n").email("a@b.c\n").attribute("name", "J\n").build())
                .isInstanceOf(InvalidDefinitionException.class)
                .satisfies(e -> assertThat(((InvalidDefinitionException) e).violations())
                        .extracting(v -> v.field())
                        .containsExactly("id", "addresses.EMAIL", "attributes.name"));
    }

    @Test
    void namesAsTheyAreWrittenPass() {
        // Joiners, non-joiners and direction marks are how some scripts and emoji are written.
        assertThatCode(() -> Contact.builder("k1")
                .chat("U024BE7LH")
                .attribute("name", "می\u200Cخواهم")
                .attribute("family", "👩\u200D👩\u200D👧")
                .attribute("hebrew", "\u200Fשלום")
                .attribute("vip", "yes")
                .build()).doesNotThrowAnyException();
        assertThat(new Contact("k1", Map.of(), java.util.Locale.ENGLISH, java.time.ZoneOffset.UTC, Map.of()).id())
                .isEqualTo("k1");
    }
}
