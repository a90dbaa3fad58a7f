package dev.csatkit.examples.demo;

/**
 * The CSAT axis of a {@link TrendChart}: a range within 0–100 whose ends are multiples of a
 * round step (1, 2, 5, 10, 20 or 50), so every tick is a whole percentage.
 *
 * @param min the lowest value shown, a multiple of {@code step}
 * @param max the highest value shown, a multiple of {@code step}, above {@code min}
 * @param step the distance between ticks
 */
record YAxis(double min, double max, double step) {

    /** The axis when there is nothing to show: the whole scale. */
    static final YAxis FULL = new YAxis(0, 100, 20);
    /** A narrower range would make sampling noise look like a trend. */
    static final double MIN_SPAN = 5;
    private static final int TICKS = 6;
    private static final double PAD = 0.05;

    /**
     * The axis for data between {@code low} and {@code high}, padded a little and rounded out to
     * whole steps, never beyond 0–100.
     *
     * @param low the lowest value to show, 0–100
     * @param high the highest value to show, 0–100, at least {@code low}
     * @return the axis
     */
    static YAxis fit(double low, double high) {
        double span = high - low;
        if (span < MIN_SPAN) {
            double mid = (low + high) / 2;
            low = mid - MIN_SPAN / 2;
            high = mid + MIN_SPAN / 2;
            span = MIN_SPAN;
            // Near an end of the scale, keep the width by moving the range inward.
            double shift = Math.max(0, high - 100) - Math.max(0, -low);
            low -= shift;
            high -= shift;
        }
        low -= span * PAD;
        high += span * PAD;
        double step = niceStep((high - low) / TICKS);
        double min = Math.max(0, Math.floor(low / step) * step);
        double max = Math.min(100, Math.ceil(high / step) * step);
        return new YAxis(min, max, step);
    }

    /** The smallest of 1, 2, 5 times a power of ten that is at least {@code raw}, at most 50. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return Math.min(50, Math.max(1, nice * magnitude));
    }

    /** @return how many ticks there are, both ends included */
    int tickCount() {
        return (int) Math.round((max - min) / step) + 1;
    }

    /**
     * @param k a tick number, 0 for {@code min}
     * @return its value
     */
    double tick(int k) {
        return min + k * step;
    }
}
