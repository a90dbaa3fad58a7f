package dev.csatkit.score;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One segment of a report: its key, its tally, and how it compares with the rest of its group.
 *
 * @param key the dimension values that define it
 * @param tally its counts, from which every figure is computed
 * @param vsRest the comparison with the rest of its group
 * @param rank its CSAT rank within its group, 1 for the best, ties sharing a rank; empty when the
 *     segment was not compared for lack of ratings
 */
public record Segment(SegmentKey key, Tally tally, VsRest vsRest, OptionalInt rank) {

    /** Checks that nothing is missing. */
    public Segment {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(tally, "tally");
        Objects.requireNonNull(vsRest, "vsRest");
        Objects.requireNonNull(rank, "rank");
    }
}
