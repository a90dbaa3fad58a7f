package dev.csatkit.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class MaskingPropertiesTest {

    @Property
    void maskingIsTotal(@ForAll @StringLength(max = 300) String anything) {
        assertThat(Masking.text(anything)).isNotNull();
        assertThat(Masking.address(anything)).isNotNull();
    }

    @Property
    void noPhoneNumberOrEmailSurvivesInFreeText(@ForAll("logLines") String line) {
        String masked = Masking.text(line);
        // The middle digits of every number and both sides of every address are hidden.
        assertThat(masked).doesNotContain("7946", "0958", "555", "0199", "jane.doe", "example.org");
    }

    @Provide
    Arbitrary<String> logLines() {
        Arbitrary<String> words = Arbitraries.of("sent to", "reply from", "error:", "+44 20 7946 0958", "+1 (555) 010-0199",
                "jane.doe@example.org", "rated 4", "ticket 12345", "at 10:30", "Отлично", "😀", "<", ">", ";");
        return words.list().ofMaxSize(12).map(l -> String.join(" ", l));
    }
}
