package dev.csatkit.channels.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.csatkit.channels.spi.InboundReply;
import dev.csatkit.channels.spi.MessageContent;
import dev.csatkit.channels.spi.OutboundMessage;
import dev.csatkit.channels.spi.ReplyContent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void phoneNumbersKeepTheCountryCodeAndTheLastTwoDigitsOnly() {
        assertThat(Masking.phone("+442079460958")).isEqualTo("+44***58");
        assertThat(Masking.phone("+1 (555) 010-0199")).isEqualTo("+1***99");
        assertThat(Masking.phone("+353 85 123 4567")).isEqualTo("+353***67");
        assertThat(Masking.phone("+7 912 345 67 89")).isEqualTo("+7***89");
        assertThat(Masking.phone("020 7946 0958")).as("no + : no country code").isEqualTo("***58");
        assertThat(Masking.phone("12345")).isEqualTo("***");
        assertThat(Masking.phone("+3531234567")).as("too few digits left hidden").isEqualTo("+353***67");
        assertThat(Masking.phone("+353123456")).isEqualTo("+353***");
    }

    @Test
    void aMaskDoesNotTellTheLength() {
        // Today's numbers of 10, 11 and 12 digits after +44 end alike: the mask is the same.
        assertThat(List.of(Masking.phone("+44770090024"), Masking.phone("+447700900124"),
                Masking.phone("+4477009001124"))).containsOnly("+44***24");
    }

    @Test
    void emailsKeepFirstCharactersAndTheTopLevelDomain() {
        assertThat(Masking.email("jane.doe@example.com")).isEqualTo("j***@e***.com");
        assertThat(Masking.email("ж@пример.рф")).isEqualTo("ж***@п***.рф");
        assertThat(Masking.email("😀x@host")).isEqualTo("😀***@h***");
        assertThat(Masking.email("@nolocal")).isEqualTo("***");
    }

    @Test
    void addressesAreRecognised() {
        assertThat(Masking.address("jane@example.com")).isEqualTo("j***@e***.com");
        assertThat(Masking.address("+44 20 7946 0958")).isEqualTo("+44***58");
        assertThat(Masking.address("U024BE7LH")).isEqualTo("U0***");
        assertThat(Masking.address("ab")).isEqualTo("***");
        assertThat(Masking.address("\u001B[2J\u001B[1;1H")).isEqualTo("\\u001B[***");
        assertThat(Masking.address(null)).isEqualTo("(none)");
    }

    @Test
    void freeTextHasEveryAddressMaskedAndIsOneLine() {
        assertThat(Masking.text("550 5.1.1 <jane.doe@example.com>: user unknown; call +1 555 010 0199 or 020 7946 0958"))
                .isEqualTo("550 5.1.1 <j***@e***.com>: user unknown; call +1***99 or ***58");
        assertThat(Masking.text("rated 4 at 10:30, ticket 12345")).isEqualTo("rated 4 at 10:30, ticket 12345");
        assertThat(Masking.text("key x\nINFO forged line")).isEqualTo("key x\\nINFO forged line");
        assertThat(Masking.text(null)).isEqualTo("(none)");
    }

    @Test
    void escapeKeepsTextButNotWhatDrivesATerminalOrBreaksALine() {
        assertThat(Masking.escape("Ann\u001B[31m red\r\n\t\u2028\u202Eevil\uD800")).isEqualTo(
                "Ann\\u001B[31m red\\r\\n\\t\\u2028\\u202Eevil\\uD800");
        assertThat(Masking.escape("Zoë 👩🏽‍💻 مرحبا\u200D")).isEqualTo("Zoë 👩🏽‍💻 مرحبا\u200D");
    }

    @Test
    void theSpiMasksAsThisClassDoes() {
        for (String address : List.of("+447700900123", "+1 (555) 010-0199", "+35385123456", "jane.doe@example.com",
                "U024BE7LH", "ж@пример.рф", "+353123456")) {
            OutboundMessage m = OutboundMessage.of(address, "k", new MessageContent.Sms("Hi"));
            assertThat(m.toString()).as(address).contains("recipient=" + Masking.address(address) + ",");
            InboundReply r = new InboundReply("c", address, "bot", new ReplyContent.Text("5"), "id", Instant.EPOCH);
            assertThat(r.toString()).as(address).contains("sender=" + Masking.address(address) + ",");
        }
    }
}
