package dev.csatkit.export;

import java.lang.invoke.VarHandle;

/**
 * Word-at-a-time helpers over UTF-8 bytes for the report reader's hot path: hashing, comparing
 * and checking a cell eight bytes per step, with the last partial word masked. Every array
 * passed here must have {@link CsvRecordScanner#PADDING} readable bytes past the range, as the
 * reader's buffers and arenas do: a word may be read across the range's end and masked.
 */
final class Bytes {

    private static final VarHandle WORDS = CsvRecordScanner.WORDS;
    private static final long HIGHS = 0x8080808080808080L;

    private Bytes() {
    }

    /** @return the eight bytes at {@code i}, the first in the lowest bits */
    static long word(byte[] b, int i) {
        return (long) WORDS.get(b, i);
    }

    /** @return a mask of the low {@code n} bytes of a word, for n from 1 to 7 */
    private static long low(int n) {
        return (1L << (n << 3)) - 1;
    }

    /** @return 1 when {@code x} is not zero, else 0, without a branch */
    static long nonZero(long x) {
        return (x | -x) >>> 63;
    }

    /**
     * A 64-bit hash of {@code b[s, e)}, well mixed in every bit: the key table takes its high
     * bits for the stripe and its low bits for the slot.
     */
    static long hash(byte[] b, int s, int e) {
        long h = (e - s) * 0x9E3779B97F4A7C15L;
        int p = s;
        for (; p + 8 <= e; p += 8) {
            h = Long.rotateLeft((h ^ word(b, p)) * 0xBF58476D1CE4E5B9L, 31);
        }
        if (p < e) {
            h = Long.rotateLeft((h ^ (word(b, p) & low(e - p))) * 0xBF58476D1CE4E5B9L, 31);
        }
        // MurmurHash3's finisher.
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    /** @return whether every byte of {@code b[s, e)} is ASCII */
    static boolean ascii(byte[] b, int s, int e) {
        long seen = 0;
        int p = s;
        for (; p + 8 <= e; p += 8) {
            seen |= word(b, p);
        }
        if (p < e) {
            seen |= word(b, p) & low(e - p);
        }
        return (seen & HIGHS) == 0;
    }

    /** @return whether {@code a[as, as + n)} and {@code b[bs, bs + n)} hold the same bytes */
    static boolean same(byte[] a, int as, byte[] b, int bs, int n) {
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if (word(a, as + i) != word(b, bs + i)) {
                return false;
            }
        }
        return i == n || ((word(a, as + i) ^ word(b, bs + i)) & low(n - i)) == 0;
    }
}
