package dev.csatkit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The ISO-8601 reader's edges one by one, with the instants worked out beforehand: each field's
 * first and last value and the one past it, each digit and separator position, fractions of
 * every length, offsets at their limits. The property test only checks that what is read agrees
 * with java.time; these also check that the forms the exporter writes are read here at all.
 */
class IsoInstantParserEdgesTest {

    private static final IsoInstantParser UTC = new IsoInstantParser(ZoneOffset.UTC);

    private static boolean parse(IsoInstantParser parser, String text) {
        // Bytes past the text that would pass for more digits, so that reading past it shows.
        return parse(parser, text, '7');
    }

    private static boolean parse(IsoInstantParser parser, String text, char after) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] b = Arrays.copyOf(utf8, utf8.length + 24);
        Arrays.fill(b, utf8.length, b.length, (byte) after);
        return parser.parse(b, 0, utf8.length);
    }

    private static long seconds(String text) {
        assertThat(parse(UTC, text)).as(text).isTrue();
        return UTC.seconds();
    }

    private static int nanos(String text) {
        assertThat(parse(UTC, text)).as(text).isTrue();
        return UTC.nanos();
    }

    @Test
    void readsInstantsWorkedOutBeforehand() {
        assertThat(seconds("1970-01-01T00:00:00Z")).isEqualTo(0L);
        assertThat(seconds("2025-03-14T09:30:00Z")).isEqualTo(1_741_944_600L);
        assertThat(seconds("2025-01-31T00:00:00Z")).isEqualTo(1_738_281_600L);
        assertThat(seconds("2025-02-28T00:00:00Z")).isEqualTo(1_740_700_800L);
        assertThat(seconds("2025-12-31T12:00:00Z")).isEqualTo(1_767_182_400L);
        assertThat(seconds("9999-12-31T23:59:59Z")).isEqualTo(253_402_300_799L);
        assertThat(seconds("1900-03-01T00:00:00Z")).isEqualTo(-2_203_891_200L);
    }

    @Test
    void marchIsADayLaterInLeapYearsOnly() {
        assertThat(seconds("2024-02-29T23:59:59Z")).isEqualTo(1_709_251_199L);
        assertThat(seconds("2024-03-01T00:00:00Z")).isEqualTo(1_709_251_200L);
        assertThat(seconds("2023-03-01T00:00:00Z")).isEqualTo(1_677_628_800L);
        assertThat(seconds("2000-03-01T00:00:00Z")).isEqualTo(951_868_800L);
        assertThat(seconds("2100-03-01T00:00:00Z")).isEqualTo(4_107_542_400L);
    }

    @Test
    void everyMonthHasItsLengthAndNotADayMore() {
        int[] lengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        for (int m = 1; m <= 12; m++) {
            String month = String.format("2025-%02d-", m);
            assertThat(parse(UTC, month + "01T00:00:00Z")).as(month + "01").isTrue();
            assertThat(parse(UTC, month + lengths[m - 1] + "T00:00:00Z")).as(month + lengths[m - 1]).isTrue();
            assertThat(parse(UTC, month + (lengths[m - 1] + 1) + "T00:00:00Z")).as(month + (lengths[m - 1] + 1)).isFalse();
            assertThat(parse(UTC, month + "00T00:00:00Z")).as(month + "00").isFalse();
        }
        assertThat(parse(UTC, "2024-02-29T00:00:00Z")).isTrue();
        assertThat(parse(UTC, "2024-02-30T00:00:00Z")).isFalse();
        assertThat(parse(UTC, "2000-02-29T00:00:00Z")).isTrue();
        assertThat(parse(UTC, "2100-02-29T00:00:00Z")).isFalse();
        assertThat(parse(UTC, "2025-00-10T00:00:00Z")).isFalse();
        assertThat(parse(UTC, "2025-13-10T00:00:00Z")).isFalse();
    }

    @Test
    void timeFieldsStopAtTheirLastValue() {
        assertThat(seconds("2025-03-14T23:59:59Z")).isEqualTo(1_741_996_799L);
        assertThat(parse(UTC, "2025-03-14T24:00:00Z")).isFalse();
        assertThat(parse(UTC, "2025-03-14T23:60:00Z")).isFalse();
        assertThat(parse(UTC, "2025-03-14T23:59:60Z")).isFalse();
    }

    @Test
    void everyDigitAndSeparatorIsChecked() {
        String good = "2025-03-14T09:30:00Z";
        assertThat(parse(UTC, good)).isTrue();
        for (int i = 0; i < 19; i++) {
            // The bytes either side of the digits, and a letter in place of each separator.
            for (char c : new char[] {'/', ':', 'x', ' '}) {
                if (c == good.charAt(i)) {
                    continue;
                }
                String bad = good.substring(0, i) + c + good.substring(i + 1);
                assertThat(parse(UTC, bad)).as(bad).isFalse();
            }
        }
    }

    @Test
    void fractionsOfOneToNineDigitsAreReadAndNoMore() {
        assertThat(nanos("2025-03-14T09:30:00.5Z")).isEqualTo(500_000_000);
        assertThat(nanos("2025-03-14T09:30:00.05Z")).isEqualTo(50_000_000);
        assertThat(nanos("2025-03-14T09:30:00.123Z")).isEqualTo(123_000_000);
        assertThat(nanos("2025-03-14T09:30:00.123456Z")).isEqualTo(123_456_000);
        assertThat(nanos("2025-03-14T09:30:00.123456789Z")).isEqualTo(123_456_789);
        assertThat(nanos("2025-03-14T09:30:00.000000001Z")).isEqualTo(1);
        assertThat(nanos("2025-03-14T09:30:00.90Z")).isEqualTo(900_000_000);
        assertThat(nanos("2025-03-14T09:30:00.09Z")).isEqualTo(90_000_000);
        assertThat(UTC.seconds()).isEqualTo(1_741_944_600L);
        assertThat(nanos("2025-03-14T09:30:00Z")).isZero();
        assertThat(parse(UTC, "2025-03-14T09:30:00.1234567891Z")).isFalse();
        assertThat(parse(UTC, "2025-03-14T09:30:00.Z")).isFalse();
        assertThat(parse(UTC, "2025-03-14T09:30:00.")).isFalse();
        assertThat(parse(UTC, "2025-03-14T09:30:00.5x")).isFalse();
        assertThat(parse(UTC, "2025-03-14T09:30:00,5Z")).isFalse();
        // A colon and a slash are the bytes either side of the digits.
        assertThat(parse(UTC, "2025-03-14T09:30:00.5:Z")).isFalse();
        assertThat(parse(UTC, "2025-03-14T09:30:00.5/Z")).isFalse();
    }

    @Test
    void fractionDigitsEndTheTextWithoutAZoneInAFixedZone() {
        assertThat(nanos("2025-03-14T09:30:00.25")).isEqualTo(250_000_000);
        assertThat(UTC.seconds()).isEqualTo(1_741_944_600L);
        // Nine digits reach the end of the text: the tenth, past it, is not read.
        assertThat(nanos("2025-03-14T09:30:00.987654321")).isEqualTo(987_654_321);
    }

    @Test
    void offsetsAreSubtractedUpToTheirLimits() {
        assertThat(seconds("2025-03-14T09:30:00+01:00")).isEqualTo(1_741_944_600L - 3_600);
        assertThat(seconds("2025-03-14T09:30:00-01:30")).isEqualTo(1_741_944_600L + 5_400);
        assertThat(seconds("2025-03-14T09:30:00-00:00")).isEqualTo(1_741_944_600L);
        assertThat(seconds("2025-03-14T09:30:00+17:59")).isEqualTo(1_741_944_600L - 64_740);
        assertThat(seconds("2025-03-14T09:30:00.5+02:00")).isEqualTo(1_741_944_600L - 7_200);
        assertThat(UTC.nanos()).isEqualTo(500_000_000);
        for (String bad : new String[] {"+18:00", "+01:60", "+0a:00", "+01:0a", "+/1:00", "+01:/0", "+:1:00",
            "+01-00", "+0100", "+01:00:00", "+01", "*01:00", "z", "ZZ", " Z", "Z "}) {
            assertThat(parse(UTC, "2025-03-14T09:30:00" + bad)).as(bad).isFalse();
        }
    }

    @Test
    void aLocalTimeTakesAFixedZonesOffsetAndNoOtherZones() {
        IsoInstantParser kathmandu = new IsoInstantParser(ZoneId.of("+05:45"));
        assertThat(parse(kathmandu, "2025-03-14T09:30:00")).isTrue();
        assertThat(kathmandu.seconds()).isEqualTo(1_741_944_600L - 20_700);
        // An explicit Z or offset wins over the reading zone.
        assertThat(parse(kathmandu, "2025-03-14T09:30:00Z")).isTrue();
        assertThat(kathmandu.seconds()).isEqualTo(1_741_944_600L);
        assertThat(parse(new IsoInstantParser(ZoneId.of("Europe/Stockholm")), "2025-03-14T09:30:00")).isFalse();
        assertThat(parse(new IsoInstantParser(ZoneId.of("Europe/Stockholm")), "2025-03-14T09:30:00Z")).isTrue();
    }

    @Test
    void fewerThanNineteenBytesAreNoInstant() {
        assertThat(parse(UTC, "2025-03-14T09:30:0")).isFalse();
        assertThat(parse(UTC, "2025-03-14T09:30:00")).isTrue();
        assertThat(UTC.seconds()).isEqualTo(1_741_944_600L);
    }
    @Test
    void inALeapYearOnlyFebruaryIsADayLonger() {
        int[] lengths = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        for (int m = 1; m <= 12; m++) {
            String month = String.format("2024-%02d-", m);
            assertThat(parse(UTC, month + lengths[m - 1] + "T00:00:00Z")).as(month + lengths[m - 1]).isTrue();
            assertThat(parse(UTC, month + (lengths[m - 1] + 1) + "T00:00:00Z")).as(month + (lengths[m - 1] + 1)).isFalse();
        }
    }

    @Test
    void monthsPastTwelveAreRefusedWhateverTheirLowBits() {
        // 20 and 28 have the low bits of April and December.
        assertThat(parse(UTC, "2025-20-10T00:00:00Z")).isFalse();
        assertThat(parse(UTC, "2025-28-10T00:00:00Z")).isFalse();
        assertThat(parse(UTC, "2025-99-10T00:00:00Z")).isFalse();
    }

    @Test
    void aTextEndsWhereItIsToldWhateverFollowsIt() {
        for (char after : new char[] {'.', 'Z', '+', '0'}) {
            assertThat(parse(UTC, "2025-03-14T09:30:00", after)).as("followed by %s", after).isTrue();
            assertThat(UTC.seconds()).isEqualTo(1_741_944_600L);
            assertThat(UTC.nanos()).isZero();
            assertThat(parse(UTC, "2025-03-14T09:30:00.5", after)).as("followed by %s", after).isTrue();
            assertThat(UTC.nanos()).isEqualTo(500_000_000);
        }
    }

    @Test
    void offsetDigitsAreDigitsOnly() {
        // ':' and '/' are the bytes either side of the digits; each in each place of the offset.
        // A first digit of 1 and a '/' after it would read as 9 if the '/' were let through.
        for (String bad : new String[] {"+0::00", "+:0:00", "+01:0:", "+01::0", "+0/:00", "+/0:00", "+01:0/",
            "+01:/0", "-0::00", "-01:0:", "+1/:00", "+01:1/"}) {
            assertThat(parse(UTC, "2025-03-14T09:30:00" + bad)).as(bad).isFalse();
        }
        assertThat(parse(UTC, "2025-03-14T09:30:00+09:09")).isTrue();
        assertThat(UTC.seconds()).isEqualTo(1_741_944_600L - 32_940);
    }
}
