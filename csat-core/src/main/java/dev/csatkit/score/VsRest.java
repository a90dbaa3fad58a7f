package dev.csatkit.score;

/**
 * How a segment's CSAT compares with the rest of its group: the other segments of the report,
 * or, when the report groups by period, the other segments of the same period.
 */
public sealed interface VsRest {

    /**
     * Both sides have enough valid ratings, so the difference was tested: a pooled
     * two-proportion z-test, significant at 95 % when |z| exceeds 1.96.
     *
     * @param diff the segment's CSAT minus the rest's, in percentage points
     * @param z the test statistic
     * @param significant whether the difference is significant at 95 %
     */
    record Compared(double diff, double z, boolean significant) implements VsRest {
    }

    /**
     * The segment or the rest has fewer valid ratings than the report's minimum sample, so it is
     * neither tested nor ranked.
     *
     * @param responses the segment's valid ratings
     * @param restResponses the rest's valid ratings
     * @param minimum the minimum sample size
     */
    record TooFewResponses(long responses, long restResponses, int minimum) implements VsRest {
    }
}
