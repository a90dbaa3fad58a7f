package dev.csatkit.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void phoneNumbersKeepTwoDigitsAtEachEnd() {
        assertThat(Masking.phone("+442079460958")).isEqualTo("+44********58");
        assertThat(Masking.phone("+1 (555) 010-0199")).isEqualTo("+15*******99");
        assertThat(Masking.phone("12345")).isEqualTo("***");
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
        assertThat(Masking.address("+44 20 7946 0958")).isEqualTo("+44********58");
        assertThat(Masking.address("U024BE7LH")).isEqualTo("U0***");
        assertThat(Masking.address("ab")).isEqualTo("***");
        assertThat(Masking.address(null)).isEqualTo("(none)");
    }

    @Test
    void freeTextHasEveryAddressMasked() {
        assertThat(Masking.text("550 5.1.1 <jane.doe@example.com>: user unknown; call +1 555 010 0199 or 020 7946 0958"))
                .isEqualTo("550 5.1.1 <j***@e***.com>: user unknown; call +15*******99 or 02*******58");
        assertThat(Masking.text("rated 4 at 10:30, ticket 12345")).isEqualTo("rated 4 at 10:30, ticket 12345");
        assertThat(Masking.text(null)).isEqualTo("(none)");
    }
}
