package dev.csatkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.csatkit.InvalidConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneNumberTest {

    @Test
    void separatorsAreRemoved() {
        assertThat(PhoneNumber.parse("+44 20 7946 0958").e164()).isEqualTo("+442079460958");
        assertThat(PhoneNumber.parse(" +1 (555) 010-0199 ").e164()).isEqualTo("+15550100199");
        assertThat(PhoneNumber.parse("+33.6.12.34.56.78").digits()).isEqualTo("33612345678");
        assertThat(PhoneNumber.tryParse("+46/8 123 456")).map(PhoneNumber::e164).contains("+468123456");
    }

    @Test
    void aNumberWithoutPlusIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> PhoneNumber.parse("recipient", "0044 20 7946 0958"))
                .isInstanceOf(InvalidAddressException.class)
                .hasMessage("Invalid phone number: recipient = \"***58\": "
                        + "must start with + and the country calling code (E.164), such as +44 20 7946 0958");
    }

    @Test
    void lettersAreRefused() {
        assertThatThrownBy(() -> PhoneNumber.parse("+44 20 CALL NOW"))
                .hasMessage("Invalid phone number: phone number = \"+4***\": must contain only digits "
                        + "after + (spaces, '-', '.', '(', ')' and '/' may separate them)");
    }

    @Test
    void lengthIsSevenToFifteenDigits() {
        assertThatThrownBy(() -> PhoneNumber.parse("+12345"))
                .hasMessageEndingWith("+1***\": must have 7 to 15 digits (E.164), found 5");
        assertThatThrownBy(() -> PhoneNumber.parse("+1234567890123456"))
                .hasMessageEndingWith("must have 7 to 15 digits (E.164), found 16");
        assertThat(PhoneNumber.parse("+6834002").e164()).isEqualTo("+6834002");
    }

    @Test
    void countryCodeCannotStartWithZero() {
        assertThatThrownBy(() -> PhoneNumber.parse("+0 555 0100 199"))
                .hasMessageEndingWith("country calling code must not start with 0");
    }

    @Test
    void blankAndHugeInputsAreRefused() {
        assertThatThrownBy(() -> PhoneNumber.parse("  ")).hasMessage("Invalid phone number: phone number = \"  \": must be given");
        assertThatThrownBy(() -> PhoneNumber.parse("+1" + " ".repeat(100)))
                .hasMessageEndingWith("must be at most 64 characters");
        assertThat(PhoneNumber.tryParse("not a number")).isEmpty();
    }

    @Test
    void theCanonicalFormAllowsNoSeparators() {
        assertThatThrownBy(() -> new PhoneNumber("+44 2079460958"))
                .hasMessage("Invalid phone number: e164 = \"+44***58\": must contain only digits after +");
        assertThat(new PhoneNumber("+442079460958")).isEqualTo(PhoneNumber.parse("+44 20 7946 0958"));
    }

    @Test
    void senderIsChosenByLongestCallingCodePrefix() {
        SenderPool pool = SenderPool.builder()
                .defaultSender("+15550100")
                .route("1", "+15550111")
                .route("1876", "+18765550100")
                .route("44", "+447700900123")
                .build();
        assertThat(pool.senderFor("+1 212 555 0199").e164()).isEqualTo("+15550111");
        assertThat(pool.senderFor("+1 876 555 0199").e164()).isEqualTo("+18765550100");
        assertThat(pool.senderFor(PhoneNumber.parse("+44 20 7946 0958")).e164()).isEqualTo("+447700900123");
        assertThat(pool.senderFor("+33 6 12 34 56 78").e164()).as("no route: the default").isEqualTo("+15550100");
        assertThat(pool.routes()).containsOnlyKeys("1", "1876", "44");
        assertThat(pool.defaultSender().e164()).isEqualTo("+15550100");
    }

    @Test
    void aRecipientAlwaysGetsTheSameNumberOfARoute() {
        SenderPool pool = SenderPool.builder().defaultSender("+15550100")
                .route("44", "+447700900001", "+447700900002", "+447700900003").build();
        // The choice follows from the recipient's digits alone, the same on every node and in every release.
        assertThat(pool.senderFor("+447700900000").e164()).isEqualTo("+447700900002");
        assertThat(pool.senderFor("+447700900001").e164()).isEqualTo("+447700900003");
        assertThat(pool.senderFor("+447700900002").e164()).isEqualTo("+447700900001");
        assertThat(pool.senderFor("+44 7700 900003").e164()).isEqualTo("+447700900002");
        SenderPool sameRoutes = SenderPool.builder().defaultSender("+15550100")
                .route("44", "+447700900001", "+447700900002", "+447700900003").build();
        for (int i = 0; i < 50; i++) {
            String recipient = "+44770090" + String.format("%04d", i);
            assertThat(sameRoutes.senderFor(recipient)).as(recipient).isEqualTo(pool.senderFor(recipient));
        }
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> pool.senderFor("+44770090" + String.format("%04d", i))).distinct().count();
        assertThat(distinct).as("recipients are spread over the route's numbers").isEqualTo(3);
    }

    @Test
    void aMalformedRecipientIsAnErrorNamingIt() {
        SenderPool pool = SenderPool.builder().defaultSender("+15550100").build();
        assertThatThrownBy(() -> pool.senderFor("555-0100"))
                .isInstanceOf(InvalidAddressException.class)
                .hasMessageStartingWith("Invalid phone number: recipient = \"***00\": must start with +");
    }

    @Test
    void everyPoolProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> SenderPool.builder()
                .route("044", "+447700900123")
                .route("33", "06 12 34 56 78")
                .route("49")
                .route("1", "+15550111").route("1", "+15550112")
                .build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration (5 problems):\n"
                        + "  - routes = \"044\": must be a calling-code prefix: 1–7 digits, the first not 0\n"
                        + "  - routes.33[0] = \"***78\": must start with + and the country calling code "
                        + "(E.164), such as +44 20 7946 0958\n"
                        + "  - routes.49 = \"[]\": must list at least one sender number\n"
                        + "  - routes = \"1\": is routed twice\n"
                        + "  - defaultSender = (missing): must be given: it serves recipients no route matches");
        assertThatThrownBy(() -> SenderPool.builder().defaultSender("+1").build())
                .hasMessage("Invalid configuration: defaultSender = \"***\": must have 7 to 15 digits (E.164), found 1");
    }

    @Test
    void noMessageOrToStringShowsTheNumber() {
        String number = "+44 7700 900123";
        assertThat(PhoneNumber.parse(number).toString()).isEqualTo("PhoneNumber[+44***23]");
        for (String bad : List.of(number + "x", "0044 7700 900123", number + " 1234567", "+0 7700 900123")) {
            assertThatThrownBy(() -> PhoneNumber.parse("recipient", bad)).as(bad)
                    .hasMessageNotContaining("7700").hasMessageNotContaining("900123");
            assertThatThrownBy(() -> SenderPool.builder().defaultSender("+15550100").build().senderFor(bad)).as(bad)
                    .hasMessageNotContaining("7700").hasMessageNotContaining("900123");
        }
    }
}
