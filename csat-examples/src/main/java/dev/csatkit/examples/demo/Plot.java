package dev.csatkit.examples.demo;

/**
 * Where a {@link TrendChart} draws its data, in pixels: periods sit in equal slots across the
 * width, values map linearly onto the height.
 *
 * @param left the left edge
 * @param top the top edge, where {@code axis.max()} is
 * @param right the right edge
 * @param bottom the bottom edge, where {@code axis.min()} is
 * @param count the number of periods, at least 1 for a useful x mapping
 * @param axis the value range
 */
record Plot(double left, double top, double right, double bottom, int count, YAxis axis) {

    /** @return the width of one period's slot */
    double slot() {
        return (right - left) / Math.max(1, count);
    }

    /**
     * @param i a period's index
     * @return the centre of its slot
     */
    double x(int i) {
        return left + (i + 0.5) * slot();
    }

    /**
     * @param value a percentage within the axis range
     * @return its height
     */
    double y(double value) {
        return bottom - (value - axis.min()) / (axis.max() - axis.min()) * (bottom - top);
    }
}
