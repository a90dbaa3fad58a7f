package dev.csatkit.internal.score;

/** The statistics behind intervals and comparisons, on counts, in percent where it says so. */
public final class Stats {

    /** The two-sided 95 % normal quantile. */
    public static final double Z95 = 1.959963984540054;

    private Stats() {
    }

    /**
     * The Wilson score interval for {@code successes} of {@code n}, in percent.
     *
     * @return {@code {low, high}}; {@code n} must be positive
     */
    public static double[] wilson(long successes, long n, double z) {
        double p = (double) successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // Rounding can push an end a hair past the estimate or out of [0, 1]; the exact interval never is.
        double low = Math.max(0, Math.min(p, centre - half));
        double high = Math.min(1, Math.max(p, centre + half));
        return new double[] {100 * low, 100 * high};
    }

    /**
     * The pooled two-proportion z statistic for {@code s1/n1} against {@code s2/n2}; 0 when the
     * pooled proportion is 0 or 1, where the two cannot differ.
     */
    public static double twoProportionZ(long s1, long n1, long s2, long n2) {
        double p1 = (double) s1 / n1;
        double p2 = (double) s2 / n2;
        double pooled = (double) (s1 + s2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return se == 0 ? 0 : (p1 - p2) / se;
    }
}
