package dev.csatkit.internal.score;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A report's grouping key: one text value per non-period dimension plus a period ordinal.
 * Mutable on purpose: one instance is refilled for every response and used to probe the segment
 * map, and only a key that starts a new segment is copied, so grouping allocates nothing per
 * response.
 */
public final class GroupKey {
    private final String[] values;
    private long period;
    private int hash;

    /** @param size the number of text values */
    public GroupKey(int size) {
        this.values = new String[size];
        Arrays.fill(values, "");
    }

    private GroupKey(String[] values, long period, int hash) {
        this.values = values;
        this.period = period;
        this.hash = hash;
    }

    /** Sets the text value at {@code index}. */
    public void set(int index, String value) {
        values[index] = value;
    }

    /** Sets the period ordinal. */
    public void setPeriod(long ordinal) {
        period = ordinal;
    }

    /** Recomputes the hash; call after setting every value and before probing. */
    public void rehash() {
        int h = Long.hashCode(period);
        for (String v : values) {
            h = 31 * h + v.hashCode();
        }
        hash = h;
    }

    /** @return an independent copy to store in a map */
    public GroupKey copy() {
        return new GroupKey(values.clone(), period, hash);
    }

    /** @return the text value at {@code index} */
    public String value(int index) {
        return values[index];
    }

    /** @return the period ordinal */
    public long period() {
        return period;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof GroupKey other && hash == other.hash && period == other.period
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
