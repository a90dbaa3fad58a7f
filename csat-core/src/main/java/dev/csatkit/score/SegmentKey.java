package dev.csatkit.score;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values that define one segment of a report, one per grouping dimension, in the report's
 * dimension order: {@code {agent=ann, channel=sms}}. A missing value is {@value Dimension#NONE};
 * a period is its label.
 *
 * @param values the value per dimension
 */
public record SegmentKey(Map<Dimension, String> values) {

    /**
     * Copies the values, keeping their order.
     */
    public SegmentKey {
        Objects.requireNonNull(values, "values");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param dimension a dimension
     * @return its value in this key, or {@value Dimension#NONE} when the key has no such dimension
     */
    public String get(Dimension dimension) {
        return values.getOrDefault(dimension, Dimension.NONE);
    }

    /** @return the key as {@code agent=ann, channel=sms}, or {@code all} for no dimensions */
    @Override
    public String toString() {
        if (values.isEmpty()) {
            return "all";
        }
        StringBuilder sb = new StringBuilder();
        values.forEach((d, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(d.key()).append('=').append(v));
        return sb.toString();
    }
}
