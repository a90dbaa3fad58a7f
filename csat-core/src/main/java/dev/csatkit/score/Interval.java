package dev.csatkit.score;

import dev.csatkit.InvalidConfigurationException;
import dev.csatkit.Violation;

/**
 * A confidence interval for a percentage, both ends between 0 and 100.
 *
 * @param low the lower end
 * @param high the upper end, at least {@code low}
 */
public record Interval(double low, double high) {

    /**
     * Validates the ends.
     *
     * @throws InvalidConfigurationException when an end is outside 0–100 or they are swapped
     */
    public Interval {
        if (!(low >= 0 && high <= 100 && low <= high)) {
            throw new InvalidConfigurationException(Violation.of("interval", "[" + low + ", " + high + "]",
                    "ends must satisfy 0 <= low <= high <= 100"));
        }
    }

    /** @return the width, {@code high - low} */
    public double width() {
        return high - low;
    }

    /**
     * @param value a percentage
     * @return whether it lies inside the interval, ends included
     */
    public boolean contains(double value) {
        return value >= low && value <= high;
    }
}
