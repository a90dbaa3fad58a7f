package dev.csatkit.export;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Reads the ISO-8601 forms the exporter writes straight from bytes, without building a
 * {@code String} or a {@code TemporalAccessor}: {@code 2025-03-14T09:30:00Z}, with 1 to 9
 * fraction digits, with an offset such as {@code +01:00} instead of {@code Z}, or with none when
 * the reading zone has a fixed offset. Anything else — a zone name, lower-case letters, no
 * seconds, an impossible date — is left to java.time, which decides; so this parser only ever
 * accepts text java.time reads as the same instant. Not thread-safe: the result is kept in fields.
 */
final class IsoInstantParser {

    private static final long DAYS_0000_TO_1970 = 719_528L;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    // The offset of a zone that never changes it, for local times; null when it changes.
    private final @Nullable Integer fixedOffset;
    private long seconds;
    private int nanos;

    /** @param zone the zone of local times */
    IsoInstantParser(ZoneId zone) {
        this.fixedOffset = zone.getRules().isFixedOffset()
                ? zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds() : null;
    }

    /**
     * Parses {@code b[s, e)}.
     *
     * @return whether the text was one of the forms read here; then {@link #seconds()} and
     *     {@link #nanos()} hold the instant
     */
    boolean parse(byte[] b, int s, int e) {
        int n = e - s;
        if (n < 19 || b[s + 4] != '-' || b[s + 7] != '-' || b[s + 10] != 'T' || b[s + 13] != ':'
                || b[s + 16] != ':') {
            return false;
        }
        int year = two(b, s) * 100 + two(b, s + 2);
        int month = two(b, s + 5);
        int day = two(b, s + 8);
        int hour = two(b, s + 11);
        int minute = two(b, s + 14);
        int second = two(b, s + 17);
        // A non-digit makes its pair negative, and so the year too.
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > monthLength(year, month) || hour > 23 || minute > 59 || second > 59) {
            return false;
        }
        int p = s + 19;
        int fraction = 0;
        if (p < e && b[p] == '.') {
            int first = ++p;
            while (p < e && p - first < 9 && b[p] >= '0' && b[p] <= '9') {
                fraction = fraction * 10 + (b[p] - '0');
                p++;
            }
            int count = p - first;
            if (count == 0 || p < e && b[p] >= '0' && b[p] <= '9') {
                return false;
            }
            fraction *= POWERS[9 - count];
        }
        int offset;
        if (p == e) {
            if (fixedOffset == null) {
                return false;
            }
            offset = fixedOffset;
        } else if (b[p] == 'Z' && p + 1 == e) {
            offset = 0;
        } else if ((b[p] == '+' || b[p] == '-') && p + 6 == e && b[p + 3] == ':') {
            int oh = two(b, p + 1);
            int om = two(b, p + 4);
            if ((oh | om) < 0 || oh > 17 || om > 59) {
                return false;
            }
            offset = (b[p] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return false;
        }
        long epochDay = epochDay(year, month, day);
        seconds = epochDay * 86_400L + hour * 3_600L + minute * 60L + second - offset;
        nanos = fraction;
        return true;
    }

    /** @return the instant's seconds since the epoch, after a successful {@link #parse} */
    long seconds() {
        return seconds;
    }

    /** @return the instant's nanoseconds within its second, after a successful {@link #parse} */
    int nanos() {
        return nanos;
    }

    /** @return the value of two ASCII digits, or a negative number when either is not a digit */
    private static int two(byte[] b, int i) {
        int d1 = b[i] - '0';
        int d2 = b[i + 1] - '0';
        return (d1 | d2 | (9 - d1) | (9 - d2)) < 0 ? -10_000 : d1 * 10 + d2;
    }

    private static boolean leap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 for a year 0 to 9999, as {@code LocalDate.toEpochDay} counts them. */
    static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367L * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!leap(year)) {
                total--;
            }
        }
        return total - DAYS_0000_TO_1970;
    }

    /** @return the offset used for local times, for tests */
    @Nullable ZoneOffset fixedOffset() {
        return fixedOffset == null ? null : ZoneOffset.ofTotalSeconds(fixedOffset);
    }
}
