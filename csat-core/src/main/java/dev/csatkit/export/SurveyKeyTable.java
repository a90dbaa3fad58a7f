package dev.csatkit.export;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every survey key ({@code interaction_id}, {@code survey_id}) a report has counted, with where
 * its row was counted, so that a survey sent twice is counted once: the row further down the
 * file wins, whichever thread reads it first. Keys are kept as their UTF-8 bytes and compared
 * exactly; a 64-bit hash only finds the candidates.
 *
 * <p>Lock-striped: a thread commits a stretch of rows stripe by stripe, taking each stripe's lock
 * once for all its rows there, the free stripes first. A probe reads one {@code long} holding part of the hash and the
 * entry's number, so a new key costs one cache miss.
 */
final class SurveyKeyTable {

    // Eight stripes: two or three threads rarely wait, and a million keys make arrays of a few
    // megabytes a stripe, which the collector places outside the young generation and never copies.
    static final int STRIPE_BITS = 3;
    static final int STRIPES = 1 << STRIPE_BITS;
    private static final long TAG = 0xFFFF_FFFF_0000_0000L;

    private final Stripe[] stripes = new Stripe[STRIPES];

    /** The row a duplicate displaced: its file position, segment and outcome slot. */
    static final class Loser {
        long position;
        int segment;
        byte slot;
    }

    SurveyKeyTable() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe(64, 24);
        }
    }

    /**
     * Sizes the table for about {@code rows} keys of about {@code keyBytes} bytes before any is
     * added, so that it never has to grow while rows are committed. Call before the first
     * {@link #stripe}.
     */
    void expect(long rows, int keyBytes) {
        int perStripe = (int) Math.min(1 << 24, Math.max(64, rows / STRIPES + rows / (STRIPES * 8)));
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe(perStripe, keyBytes);
        }
    }

    /** @return stripe number {@code s}, for the hashes {@link #stripeOf} gives it; lock it while putting */
    Stripe stripe(int s) {
        return stripes[s];
    }

    /** @return the number of the stripe a hash falls in */
    static int stripeOf(long hash) {
        return (int) (hash >>> (64 - STRIPE_BITS));
    }

    /** One independent open-addressing table; the hash's low bits choose the slot. */
    static final class Stripe {
        private final ReentrantLock lock = new ReentrantLock();
        // Per slot: the hash's high half, and the entry's number plus one (0: empty).
        private long[] table;
        private int size;
        // Dense per-entry data, in insertion order.
        private long[] positions;
        private int[] segments;
        private byte[] slots;
        private int[] keyStarts;
        private byte[] arena;
        private int arenaSize;

        /** @return the lock to hold while putting */
        ReentrantLock lock() {
            return lock;
        }

        Stripe(int expected, int keyBytes) {
            int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) * 2;
            table = new long[capacity];
            positions = new long[expected];
            segments = new int[expected];
            slots = new byte[expected];
            keyStarts = new int[expected + 1];
            arena = new byte[expected * (keyBytes + 4) + CsvRecordScanner.PADDING];
        }

        /**
         * Reads the slots where these hashes would go, so that the puts that follow find them in
         * the cache: the reads do not depend on each other, so their misses overlap instead of
         * coming one after the other.
         *
         * @return a value to keep the reads from being optimised away
         */
        long touch(long[] hashes, int[] order, int from, int to) {
            long[] t = table;
            int mask = t.length - 1;
            long sum = 0;
            for (int j = from; j < to; j++) {
                sum += t[(int) hashes[order[j]] & mask];
            }
            return sum;
        }

        /**
         * Records a row's key; the caller holds this stripe's lock.
         *
         * @return whether the key was there before; {@code loser} then holds the row that no longer counts
         */
        boolean put(long hash, byte[] keys, int keyStart, int keyLength, long position, int segment, byte slot,
                Loser loser) {
            long[] t = table;
            int mask = t.length - 1;
            int i = (int) hash & mask;
            long tag = hash & TAG;
            long slotValue;
            while ((slotValue = t[i]) != 0) {
                if ((slotValue & TAG) == tag) {
                    int e = (int) slotValue - 1;
                    int from = keyStarts[e];
                    if (keyStarts[e + 1] - from == keyLength && Bytes.same(arena, from, keys, keyStart, keyLength)) {
                        displace(e, position, segment, slot, loser);
                        return true;
                    }
                }
                i = (i + 1) & mask;
            }
            add(keys, keyStart, keyLength, position, segment, slot);
            t[i] = tag | (size);
            if (size * 2 > t.length) {
                grow();
            }
            return false;
        }

        private void displace(int e, long position, int segment, byte slot, Loser loser) {
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
        }

        private void add(byte[] keys, int keyStart, int keyLength, long position, int segment, byte slot) {
            if (size == positions.length) {
                int n = Math.max(16, size * 2);
                positions = Arrays.copyOf(positions, n);
                segments = Arrays.copyOf(segments, n);
                slots = Arrays.copyOf(slots, n);
                keyStarts = Arrays.copyOf(keyStarts, n + 1);
            }
            if (arenaSize + keyLength + CsvRecordScanner.PADDING > arena.length) {
                arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + keyLength + CsvRecordScanner.PADDING));
            }
            System.arraycopy(keys, keyStart, arena, arenaSize, keyLength);
            arenaSize += keyLength;
            positions[size] = position;
            segments[size] = segment;
            slots[size] = slot;
            size++;
            keyStarts[size] = arenaSize;
        }

        private void grow() {
            long[] old = table;
            long[] t = new long[old.length * 2];
            int mask = t.length - 1;
            for (long v : old) {
                if (v != 0) {
                    // The slot came from the hash's low bits, which the entry's key gives back.
                    int e = (int) v - 1;
                    int i = (int) rehash(e) & mask;
                    while (t[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    t[i] = v;
                }
            }
            table = t;
        }

        /** The low half of an entry's hash, from its key bytes, for growing. */
        private long rehash(int e) {
            return Bytes.hash(arena, keyStarts[e], keyStarts[e + 1]);
        }
    }
}
