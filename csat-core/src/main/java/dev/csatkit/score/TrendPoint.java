package dev.csatkit.score;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One period of a report's trend: every response sent in that period, whatever its other
 * dimensions. Its tally gives CSAT and its interval, so a chart can draw the line and its band.
 *
 * @param period the period's label, such as {@code 2025-W11}
 * @param start the period's first day
 * @param tally the counts for the period
 */
public record TrendPoint(String period, LocalDate start, Tally tally) {

    /** Checks that nothing is missing. */
    public TrendPoint {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(tally, "tally");
    }
}
