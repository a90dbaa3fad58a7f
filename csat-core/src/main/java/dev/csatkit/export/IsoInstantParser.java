package dev.csatkit.export;

import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * Reads the ISO-8601 forms the exporter writes straight from bytes, without building a
 * {@code String} or a {@code TemporalAccessor}: {@code 2025-03-14T09:30:00Z}, with 1 to 9
 * fraction digits, with an offset such as {@code +01:00} instead of {@code Z}, or with none when
 * the reading zone has a fixed offset. Anything else — a zone name, lower-case letters, no
 * seconds, an impossible date — is left to java.time, which decides; so this parser only ever
 * accepts text java.time reads as the same instant. Not thread-safe: the result is kept in fields.
 *
 * <p>The date and time are checked as three eight-byte words: every digit and separator, and
 * every field's range, fold into one test, since most rows are read by code the JIT is still
 * profiling branch by branch.
 */
final class IsoInstantParser {

    private static final long ZEROS = 0x3030303030303030L;
    private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;
    private static final long SIXES = 0x0606060606060606L;
    // "yyyy-MM-" | "ddTHH:mm" | ":ss": where the digits are, and the separators' bytes.
    private static final long DIGITS_0 = 0x00FF_FF00_FFFF_FFFFL;
    private static final long DIGITS_1 = 0xFFFF_00FF_FF00_FFFFL;
    private static final long DIGITS_2 = 0x0000_0000_00FF_FF00L;
    private static final long SEPARATORS_0 = (long) '-' << 32 | (long) '-' << 56;
    private static final long SEPARATORS_1 = (long) 'T' << 16 | (long) ':' << 40;
    private static final long SEPARATORS_2 = ':';
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};
    // Days from 1970-01-01 to January 1st of each year 0-9999, and days before each month.
    private static final long[] YEAR_STARTS = new long[10_000];
    private static final int[] LEAP = new int[10_000];
    private static final int[] MONTH_STARTS = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 0, 0, 0};
    private static final int[] MONTH_LENGTHS = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0, 0, 0};

    static {
        for (int y = 0; y < YEAR_STARTS.length; y++) {
            YEAR_STARTS[y] = epochDay(y, 1, 1);
            LEAP[y] = leap(y) ? 1 : 0;
        }
    }

    // The offset of a zone that never changes it, for local times; null when it changes.
    private final @Nullable Integer fixedOffset;
    private long seconds;
    private int nanos;

    /** @param zone the zone of local times */
    IsoInstantParser(ZoneId zone) {
        this.fixedOffset = zone.getRules().isFixedOffset()
                ? zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() : null;
    }

    /**
     * Parses {@code b[s, e)}; {@code b} must be readable for 24 bytes from {@code s}, as the
     * reader's padded buffers are.
     *
     * @return whether the text was one of the forms read here; then {@link #seconds()} and
     *     {@link #nanos()} hold the instant
     */
    boolean parse(byte[] b, int s, int e) {
        if (e - s < 19) {
            return false;
        }
        long w0 = Bytes.word(b, s);
        long w1 = Bytes.word(b, s + 8);
        long w2 = Bytes.word(b, s + 16) & 0xFF_FFFFL;
        // A digit byte is 0x30-0x39: high nibble 3, and still 3 after adding 6.
        long bad = digits(w0, DIGITS_0) | digits(w1, DIGITS_1) | digits(w2, DIGITS_2)
                | (w0 & ~DIGITS_0 ^ SEPARATORS_0) | (w1 & ~DIGITS_1 ^ SEPARATORS_1) | (w2 & ~DIGITS_2 ^ SEPARATORS_2);
        if (bad != 0) {
            return false;
        }
        long v0 = (w0 & DIGITS_0) - (ZEROS & DIGITS_0);
        long v1 = (w1 & DIGITS_1) - (ZEROS & DIGITS_1);
        long v2 = (w2 & DIGITS_2) - (ZEROS & DIGITS_2);
        int year = digit(v0, 0) * 1000 + digit(v0, 1) * 100 + digit(v0, 2) * 10 + digit(v0, 3);
        int month = digit(v0, 5) * 10 + digit(v0, 6);
        int day = digit(v1, 0) * 10 + digit(v1, 1);
        int hour = digit(v1, 3) * 10 + digit(v1, 4);
        int minute = digit(v1, 6) * 10 + digit(v1, 7);
        int second = digit(v2, 1) * 10 + digit(v2, 2);
        int february = 1 - (int) Bytes.nonZero(month - 2);
        int length = MONTH_LENGTHS[month & 15] + february * LEAP[year];
        if (((month - 1) | (12 - month) | (day - 1) | (length - day) | (23 - hour) | (59 - minute) | (59 - second)) < 0) {
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
        if (p + 1 == e && b[p] == 'Z') {
            offset = 0;
        } else if (p == e) {
            if (fixedOffset == null) {
                return false;
            }
            offset = fixedOffset;
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
        // March onwards in a leap year is a day later.
        long epochDay = YEAR_STARTS[year] + MONTH_STARTS[month] + ((2 - month) >>> 31) * LEAP[year] + day - 1;
        seconds = epochDay * 86_400L + hour * 3_600L + minute * 60L + second - offset;
        nanos = fraction;
        return true;
    }

    /** @return zero when every byte under {@code mask} is an ASCII digit */
    private static long digits(long w, long mask) {
        return ((w & HIGH_NIBBLES ^ ZEROS) | ((w + SIXES) & HIGH_NIBBLES ^ ZEROS)) & mask;
    }

    /** @return byte {@code i} of a word of digit values */
    private static int digit(long v, int i) {
        return (int) (v >>> (i << 3)) & 0xFF;
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
        return total - 719_528L;
    }
}
