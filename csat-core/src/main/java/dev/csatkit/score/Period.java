package dev.csatkit.score;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Optional;

/**
 * A calendar period for grouping and trends, taken in a given time zone.
 *
 * <p>Each period has an ordinal — consecutive periods have consecutive ordinals — and a label
 * that sorts in time order: {@code 2025-03-14} for a day, {@code 2025-W11} for an ISO week
 * (Monday to Sunday, numbered in its week-based year), {@code 2025-03} for a month.
 */
public enum Period {
    /** A calendar day. */
    DAY,
    /** An ISO-8601 week, Monday to Sunday. */
    WEEK,
    /** A calendar month. */
    MONTH;

    /** @return the lower-case name: {@code day}, {@code week}, {@code month} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param key {@code day}, {@code week} or {@code month}, any case
     * @return the period, or empty for any other word
     */
    public static Optional<Period> byKey(String key) {
        for (Period p : values()) {
            if (p.key().equalsIgnoreCase(key.strip())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The period an instant falls in.
     *
     * @param instant the instant
     * @param zone the zone whose calendar counts
     * @return the period's ordinal
     */
    public long ordinalOf(Instant instant, ZoneId zone) {
        // Offset arithmetic instead of ZonedDateTime keeps the per-response path allocation-free.
        long local = instant.getEpochSecond() + zone.getRules().getOffset(instant).getTotalSeconds();
        return ordinalOfEpochDay(Math.floorDiv(local, 86_400L));
    }

    /**
     * @param epochDay days since 1970-01-01
     * @return the ordinal of the period containing that day
     */
    public long ordinalOfEpochDay(long epochDay) {
        switch (this) {
            case DAY:
                return epochDay;
            case WEEK:
                // 1970-01-01 was a Thursday; shifting by 3 makes weeks start on Monday.
                return Math.floorDiv(epochDay + 3, 7);
            default:
                LocalDate date = LocalDate.ofEpochDay(epochDay);
                return date.getYear() * 12L + date.getMonthValue() - 1;
        }
    }

    /**
     * @param ordinal a period ordinal
     * @return the first day of that period
     */
    public LocalDate start(long ordinal) {
        switch (this) {
            case DAY:
                return LocalDate.ofEpochDay(ordinal);
            case WEEK:
                return LocalDate.ofEpochDay(ordinal * 7 - 3);
            default:
                return LocalDate.of(Math.toIntExact(Math.floorDiv(ordinal, 12L)), (int) Math.floorMod(ordinal, 12L) + 1, 1);
        }
    }

    /**
     * @param ordinal a period ordinal
     * @return its label: {@code 2025-03-14}, {@code 2025-W11} or {@code 2025-03}
     */
    public String label(long ordinal) {
        LocalDate start = start(ordinal);
        switch (this) {
            case DAY:
                return start.toString();
            case WEEK:
                return String.format(Locale.ROOT, "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                        start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            default:
                return String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
        }
    }
}
