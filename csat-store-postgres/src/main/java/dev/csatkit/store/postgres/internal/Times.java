package dev.csatkit.store.postgres.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as PostgreSQL's {@code timestamptz} keeps them: to the microsecond, between the years 1
 * and 9999. Every time bound to a statement passes through {@link #sql}, so a hold's expiry and
 * the survey's copy of it, truncated alike, still compare equal; the records' bodies keep the
 * nanoseconds.
 */
public final class Times {

    /** The earliest instant bound; earlier ones (such as {@link Instant#MIN}) are moved to it. */
    static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant bound; later ones (such as {@link Instant#MAX}) are moved to it. */
    static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Times() {
    }

    /**
     * @param t an instant
     * @return it as the database keeps it: truncated to the microsecond, within the years 1–9999
     */
    public static Instant micros(Instant t) {
        if (t.isBefore(FIRST)) {
            return FIRST;
        }
        if (t.isAfter(LAST)) {
            return LAST;
        }
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * @param t an instant
     * @return its ISO-8601 text in UTC, as {@link #micros} keeps it, for a {@code ::timestamptz} cast
     */
    public static String sql(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(micros(t));
    }
}
