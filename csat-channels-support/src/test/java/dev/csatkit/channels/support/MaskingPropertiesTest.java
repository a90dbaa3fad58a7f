package dev.csatkit.channels.support;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class MaskingPropertiesTest {

    @Property
    void everyAddressMaskHidesSomethingAndTextWithoutAddressesIsOnlyEscaped(
            @ForAll @StringLength(max = 300) String anything) {
        // Whatever it is given, an address mask stands for a hidden part; a name hides all of itself.
        assertThat(Masking.address(anything)).contains(Masking.GAP);
        assertThat(Masking.hidden(anything)).isEqualTo(Masking.HIDDEN);
        // Text with no digit and no @ holds no number and no email address: nothing is masked.
        String noAddress = anything.replaceAll("[0-9@]", "");
        assertThat(Masking.text(noAddress)).isEqualTo(Masking.escape(noAddress));
        // Escaping twice escapes nothing more.
        assertThat(Masking.escape(Masking.escape(anything))).isEqualTo(Masking.escape(anything));
    }

    @Property
    void noPhoneNumberOrEmailSurvivesInFreeText(@ForAll("logLines") String line) {
        String masked = Masking.text(line);
        // The middle digits of every number and both sides of every address are hidden.
        assertThat(masked).doesNotContain("7946", "0958", "555", "0199", "jane.doe", "example.org");
    }

    @Property
    void aMaskNeverTellsTheLengthOrAnyDigitButTheCountryCodeAndTheLastTwo(
            @ForAll("nationalNumbers") String national, @ForAll("callingCodes") String code) {
        String number = "+" + code + national;
        String mask = Masking.phone(number);
        String digits = mask.replaceAll("[^0-9]", "");
        assertThat(digits).as(number).isEqualTo(code + national.substring(national.length() - 2));
        // Every number of this country with the same last two digits has the same mask, whatever its length.
        String longer = "+" + code + "9" + national;
        if (longer.length() <= 16) {
            assertThat(Masking.phone(longer)).isEqualTo(mask);
        }
        assertThat(Masking.address(number)).isEqualTo(mask);
        assertThat(Masking.text("call " + number + " now")).isEqualTo("call " + mask + " now");
    }

    @Property
    void escapedTextIsOneInertLine(@ForAll @StringLength(max = 200) String anything) {
        String e = Masking.escape(anything);
        assertThat(e.chars()).noneMatch(c -> Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029
                || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069);
        assertThat(Masking.text(anything).chars()).noneMatch(c -> Character.getType(c) == Character.CONTROL);
        assertThat(Masking.address(anything).chars()).noneMatch(c -> Character.getType(c) == Character.CONTROL);
    }

    @Provide
    Arbitrary<String> nationalNumbers() {
        return Arbitraries.strings().numeric().ofMinLength(7).ofMaxLength(11).filter(s -> s.charAt(0) != '0');
    }

    @Provide
    Arbitrary<String> callingCodes() {
        return Arbitraries.of("1", "7", "44", "33", "49", "86", "91", "353", "380", "971", "1876".substring(0, 1));
    }

    @Provide
    Arbitrary<String> logLines() {
        Arbitrary<String> words = Arbitraries.of("sent to", "reply from", "error:", "+44 20 7946 0958", "+1 (555) 010-0199",
                "jane.doe@example.org", "rated 4", "ticket 12345", "at 10:30", "Отлично", "😀", "<", ">", ";");
        return words.list().ofMaxSize(12).map(l -> String.join(" ", l));
    }
}
