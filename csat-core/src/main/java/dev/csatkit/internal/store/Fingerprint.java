package dev.csatkit.internal.store;

/**
 * A key reduced to 128 bits: MurmurHash3 x64-128 (seed 0) of the key's UTF-16 code units taken
 * as little-endian bytes, so that it matches any reference implementation fed
 * {@code key.getBytes(UTF_16LE)}.
 *
 * <p>Never {@code (0, 0)}, which marks an empty slot: the one key hashing there is moved to
 * {@code (0, 1)}.
 *
 * @param hi the first 64 bits ({@code h1})
 * @param lo the second 64 bits ({@code h2})
 */
public record Fingerprint(long hi, long lo) {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    /**
     * @param key any string
     * @return its fingerprint
     */
    public static Fingerprint of(String key) {
        int n = key.length();
        long h1 = 0;
        long h2 = 0;
        int i = 0;
        // Eight code units are the reference's 16-byte block.
        for (int blocks = n - 7; i < blocks; i += 8) {
            h1 ^= mixK1(pack(key, i, i + 4));
            h1 = (Long.rotateLeft(h1, 27) + h2) * 5 + 0x52dce729;
            h2 ^= mixK2(pack(key, i + 4, i + 8));
            h2 = (Long.rotateLeft(h2, 31) + h1) * 5 + 0x38495ab5;
        }
        if (n - i > 4) {
            h2 ^= mixK2(pack(key, i + 4, n));
        }
        if (n > i) {
            h1 ^= mixK1(pack(key, i, Math.min(n, i + 4)));
        }
        long bytes = 2L * n;
        h1 ^= bytes;
        h2 ^= bytes;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        return (h1 | h2) == 0 ? new Fingerprint(0, 1) : new Fingerprint(h1, h2);
    }

    /** Up to four code units, the first in the low 16 bits. */
    private static long pack(String key, int from, int to) {
        long k = 0;
        for (int i = to - 1; i >= from; i--) {
            k = k << 16 | key.charAt(i);
        }
        return k;
    }

    private static long mixK1(long k) {
        return Long.rotateLeft(k * C1, 31) * C2;
    }

    private static long mixK2(long k) {
        return Long.rotateLeft(k * C2, 33) * C1;
    }

    private static long fmix(long k) {
        k = (k ^ k >>> 33) * 0xff51afd7ed558ccdL;
        k = (k ^ k >>> 33) * 0xc4ceb9fe1a85ec53L;
        return k ^ k >>> 33;
    }
}
