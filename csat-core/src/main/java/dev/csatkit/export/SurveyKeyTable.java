package dev.csatkit.export;

import java.util.Arrays;

/**
 * Every survey key ({@code interaction_id}, {@code survey_id}) a report has counted, with where
 * its row was counted, so that a survey sent twice is counted once: the row further down the
 * file wins, whichever thread reads it first. Keys are kept as their UTF-8 bytes and compared
 * exactly; a 64-bit hash only finds the candidates. Lock-striped, so threads committing rows
 * rarely meet.
 */
final class SurveyKeyTable {

    private static final int STRIPE_BITS = 6;

    private final Stripe[] stripes = new Stripe[1 << STRIPE_BITS];

    /** The row a duplicate displaced: its file position, segment and outcome slot. */
    static final class Loser {
        long position;
        int segment;
        byte slot;
    }

    SurveyKeyTable() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * Records a row's key.
     *
     * @param hash the key's hash, well mixed
     * @param keys bytes holding the key
     * @param keyStart where the key starts in {@code keys}
     * @param keyLength its length
     * @param position where the row starts in the file, which orders rows
     * @param segment the row's segment
     * @param slot the row's outcome slot and low-score flag
     * @param loser filled in when the key was there before
     * @return whether the key was there before; {@code loser} then holds the row that no longer counts
     */
    boolean put(long hash, byte[] keys, int keyStart, int keyLength, long position, int segment, byte slot,
            Loser loser) {
        Stripe stripe = stripes[(int) (hash >>> (64 - STRIPE_BITS))];
        synchronized (stripe) {
            return stripe.put(hash, keys, keyStart, keyLength, position, segment, slot, loser);
        }
    }

    /** One independent open-addressing table; the hash's low bits choose the slot. */
    private static final class Stripe {
        private long[] hashes = new long[256];
        private int[] entries = new int[256];
        private int size;
        // Dense per-entry data, in insertion order.
        private long[] positions = new long[128];
        private int[] segments = new int[128];
        private byte[] slots = new byte[128];
        private int[] keyStarts = new int[128];
        private int[] keyLengths = new int[128];
        private byte[] arena = new byte[4096];
        private int arenaSize;

        boolean put(long hash, byte[] keys, int keyStart, int keyLength, long position, int segment, byte slot,
                Loser loser) {
            int mask = hashes.length - 1;
            int i = (int) hash & mask;
            while (entries[i] != 0) {
                int e = entries[i] - 1;
                if (hashes[i] == hash && keyLengths[e] == keyLength
                        && Arrays.equals(arena, keyStarts[e], keyStarts[e] + keyLength, keys, keyStart,
                        keyStart + keyLength)) {
                    if (position > positions[e]) {
                        loser.position = positions[e];
                        loser.segment = segments[e];
                        loser.slot = slots[e];
                        positions[e] = position;
                        segments[e] = segment;
                        slots[e] = slot;
                    } else {
                        loser.position = position;
                        loser.segment = segment;
                        loser.slot = slot;
                    }
                    return true;
                }
                i = (i + 1) & mask;
            }
            if (size == positions.length) {
                int n = size * 2;
                positions = Arrays.copyOf(positions, n);
                segments = Arrays.copyOf(segments, n);
                slots = Arrays.copyOf(slots, n);
                keyStarts = Arrays.copyOf(keyStarts, n);
                keyLengths = Arrays.copyOf(keyLengths, n);
            }
            if (arenaSize + keyLength > arena.length) {
                arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + keyLength));
            }
            System.arraycopy(keys, keyStart, arena, arenaSize, keyLength);
            positions[size] = position;
            segments[size] = segment;
            slots[size] = slot;
            keyStarts[size] = arenaSize;
            keyLengths[size] = keyLength;
            arenaSize += keyLength;
            hashes[i] = hash;
            entries[i] = ++size;
            if (size * 2 > hashes.length) {
                grow();
            }
            return false;
        }

        private void grow() {
            long[] oldHashes = hashes;
            int[] oldEntries = entries;
            hashes = new long[oldHashes.length * 2];
            entries = new int[oldEntries.length * 2];
            int mask = hashes.length - 1;
            for (int j = 0; j < oldEntries.length; j++) {
                if (oldEntries[j] != 0) {
                    int i = (int) oldHashes[j] & mask;
                    while (entries[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    hashes[i] = oldHashes[j];
                    entries[i] = oldEntries[j];
                }
            }
        }
    }
}
