package dev.csatkit.export;

import java.util.Arrays;

/**
 * A small map from byte strings to ints, for the few distinct values a column holds (agents,
 * teams, locales): a cell's bytes are looked up where they lie, so a value seen before costs no
 * {@code String}. Open addressing over a byte arena; not thread-safe (one per reading thread).
 */
final class ByteKeyCache {

    private int[] table = new int[64];
    private int size;
    private int[] hashes = new int[32];
    private int[] starts = new int[32];
    private int[] lengths = new int[32];
    private int[] values = new int[32];
    private byte[] arena = new byte[1024];
    private int arenaSize;

    /** @return a hash of {@code b[s, e)} to look it up with; {@code b} padded as {@link Bytes} needs */
    static int hash(byte[] b, int s, int e) {
        return (int) Bytes.hash(b, s, e);
    }

    /** @return the value stored for {@code b[s, e)}, or -1 */
    int get(byte[] b, int s, int e, int hash) {
        int mask = table.length - 1;
        int i = hash & mask;
        int len = e - s;
        while (true) {
            int entry = table[i];
            if (entry == 0) {
                return -1;
            }
            int k = entry - 1;
            if (hashes[k] == hash && lengths[k] == len && Bytes.same(arena, starts[k], b, s, len)) {
                return values[k];
            }
            i = (i + 1) & mask;
        }
    }

    /** Stores a value for {@code b[s, e)}, which must not be there yet. */
    void put(byte[] b, int s, int e, int hash, int value) {
        int len = e - s;
        if (size == hashes.length) {
            int n = size * 2;
            hashes = Arrays.copyOf(hashes, n);
            starts = Arrays.copyOf(starts, n);
            lengths = Arrays.copyOf(lengths, n);
            values = Arrays.copyOf(values, n);
        }
        if (arenaSize + len + CsvRecordScanner.PADDING > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + len + CsvRecordScanner.PADDING));
        }
        System.arraycopy(b, s, arena, arenaSize, len);
        hashes[size] = hash;
        starts[size] = arenaSize;
        lengths[size] = len;
        values[size] = value;
        arenaSize += len;
        size++;
        if (size * 2 > table.length) {
            table = new int[table.length * 2];
            for (int k = 0; k < size; k++) {
                place(k);
            }
        } else {
            place(size - 1);
        }
    }

    private void place(int k) {
        int mask = table.length - 1;
        int i = hashes[k] & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = k + 1;
    }

    /** @return how many values are stored */
    int size() {
        return size;
    }
}
