package dev.csatkit.internal.score;

import java.util.function.BiConsumer;

/**
 * Count rows keyed by a string, for grouping by one text dimension: an open-addressing table
 * whose keys and counts live in two flat arrays, so counting a response touches two small dense
 * arrays instead of a map node, a builder and its counts. Rows are {@code width} longs wide.
 */
public final class FlatCounts {
    private final int width;
    private String[] keys;
    private long[] counts;
    private int size;
    private int shift;

    /** @param width the number of counts per key */
    public FlatCounts(int width) {
        this.width = width;
        this.keys = new String[64];
        this.counts = new long[64 * width];
        this.shift = 32 - 6;
    }

    /** Adds one to count {@code column} of {@code key}'s row, creating the row if needed. */
    public void increment(String key, int column) {
        // row() may grow the arrays: find the row before reading the counts field.
        int base = row(key) * width;
        counts[base + column]++;
    }

    /** Adds a whole row of counts, starting at {@code offset} in {@code row}, to {@code key}'s row. */
    public void add(String key, long[] row, int offset) {
        int base = row(key) * width;
        for (int c = 0; c < width; c++) {
            counts[base + c] = Math.addExact(counts[base + c], row[offset + c]);
        }
    }

    /** Calls {@code action} with each key and a copy of its row. */
    public void forEach(BiConsumer<String, long[]> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                long[] row = new long[width];
                System.arraycopy(counts, i * width, row, 0, width);
                action.accept(keys[i], row);
            }
        }
    }

    private int row(String key) {
        // Fibonacci hashing spreads similar strings ("agent-0001", "agent-0002") across the table.
        int i = (key.hashCode() * 0x9E3779B9) >>> shift;
        int mask = keys.length - 1;
        while (true) {
            String k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == null) {
                if (size + 1 > keys.length / 2) {
                    grow();
                    return row(key);
                }
                keys[i] = key;
                size++;
                return i;
            }
            if (k.equals(key)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        String[] oldKeys = keys;
        long[] oldCounts = counts;
        keys = new String[oldKeys.length * 2];
        counts = new long[keys.length * width];
        shift--;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                add(oldKeys[i], oldCounts, i * width);
            }
        }
    }
}
