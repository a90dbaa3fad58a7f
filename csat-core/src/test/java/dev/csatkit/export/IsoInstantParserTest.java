package dev.csatkit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written ISO-8601 reader never disagrees with java.time, and reads what the exporter writes. */
class IsoInstantParserTest {

    private static final ZoneId[] ZONES = {ZoneOffset.UTC, ZoneId.of("+05:45"), ZoneId.of("Europe/Stockholm")};

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(Arbitraries.longs().between(ResponseRows.MIN_EPOCH_SECOND,
                ResponseRows.END_EPOCH_SECOND - 1), Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999_999_999), Arbitraries.integers().between(0, 999).map(m -> m * 1_000_000)))
                .as(Instant::ofEpochSecond);
    }

    @Property(tries = 10000)
    void readsEveryInstantTheExporterWrites(@ForAll("instants") Instant instant) {
        IsoInstantParser parser = new IsoInstantParser(ZoneOffset.UTC);
        byte[] text = padded(instant.toString());
        assertThat(parser.parse(text, 0, instant.toString().length())).as(instant.toString()).isTrue();
        assertThat(Instant.ofEpochSecond(parser.seconds(), parser.nanos())).isEqualTo(instant);
    }

    @Provide
    Arbitrary<String> dateTimes() {
        Arbitrary<String> two = Arbitraries.integers().between(0, 99).map(i -> String.format("%02d", i));
        Arbitrary<String> year = Arbitraries.oneOf(Arbitraries.integers().between(0, 9999).map(i -> String.format("%04d", i)),
                Arbitraries.of("2025", "2024", "1900", "2100", "+2025", "-001", "12345", "20x5"));
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().withChars("0123456789")
                .ofMinLength(0).ofMaxLength(11).map(d -> "." + d), Arbitraries.of(",5", ".5x"));
        Arbitrary<String> zone = Arbitraries.oneOf(Arbitraries.of("Z", "", "z", "+01:00", "-00:00", "+18:00", "-17:59",
                "+0100", "+01", "+01:00:00", "[Europe/Paris]", "+01:00[Europe/Paris]", " "),
                Combinators.combine(Arbitraries.of("+", "-"), two, two).as((s, h, m) -> s + h + ":" + m));
        Arbitrary<String> t = Arbitraries.of("T", "T", "T", "t", " ");
        return Combinators.combine(year, two, two, t, two, two, Arbitraries.oneOf(two.map(s -> ":" + s), Arbitraries.just("")),
                Combinators.combine(fraction, zone).as(String::concat))
                .as((y, mo, d, sep, h, mi, s, rest) -> y + "-" + mo + "-" + d + sep + h + ":" + mi + s + rest);
    }

    @Property(tries = 20000)
    void acceptsOnlyWhatJavaTimeReadsAsTheSameInstant(@ForAll("dateTimes") String text) {
        for (ZoneId zone : ZONES) {
            IsoInstantParser parser = new IsoInstantParser(zone);
            byte[] bytes = padded(text);
            if (parser.parse(bytes, 0, bytes.length - CsvRecordScanner.PADDING)) {
                Instant expected;
                try {
                    expected = ResponseRows.parseTime(text, zone);
                } catch (DateTimeException e) {
                    throw new AssertionError(text + " read here but refused by java.time: " + e.getMessage());
                }
                assertThat(Instant.ofEpochSecond(parser.seconds(), parser.nanos())).as(text).isEqualTo(expected);
            }
        }
    }

    @Test
    void countsDaysAsLocalDateDoes() {
        for (LocalDate d = LocalDate.of(1600, 1, 1); d.getYear() < 2500; d = d.plusDays(1)) {
            assertThat(IsoInstantParser.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                    .isEqualTo(d.toEpochDay());
        }
    }

    @Test
    void leavesZoneNamesAndLocalTimesInAChangingZoneToJavaTime() {
        byte[] local = padded("2025-03-30T02:30:00");
        assertThat(new IsoInstantParser(ZoneId.of("Europe/Stockholm")).parse(local, 0, 19)).isFalse();
        IsoInstantParser utc = new IsoInstantParser(ZoneOffset.UTC);
        assertThat(utc.parse(local, 0, 19)).isTrue();
        assertThat(utc.seconds()).isEqualTo(Instant.parse("2025-03-30T02:30:00Z").getEpochSecond());
        byte[] named = padded("2025-03-30T02:30:00+02:00[Europe/Stockholm]");
        assertThat(utc.parse(named, 0, named.length - CsvRecordScanner.PADDING)).isFalse();
    }

    /** The text's bytes with the room past their end that the reader's buffers have. */
    private static byte[] padded(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(bytes, bytes.length + CsvRecordScanner.PADDING);
    }
}
