package dev.csatkit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The report reader's byte helpers and tables on their own: word-at-a-time checks that must mask
 * the bytes past a range, the hash the tables spread keys with, the small value cache and the
 * survey key table that decides which of two rows of one survey counts.
 */
class ByteTablesTest {

    private static byte[] padded(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + CsvRecordScanner.PADDING);
    }

    @Test
    void nonZeroIsOneForEveryValueButZero() {
        assertThat(Bytes.nonZero(0)).isZero();
        assertThat(Bytes.nonZero(1)).isEqualTo(1);
        assertThat(Bytes.nonZero(-1)).isEqualTo(1);
        assertThat(Bytes.nonZero(Long.MIN_VALUE)).isEqualTo(1);
        assertThat(Bytes.nonZero(Long.MAX_VALUE)).isEqualTo(1);
    }

    @Test
    void wordsAreLittleEndian() {
        assertThat(Bytes.word(padded("abcdefgh"), 0)).isEqualTo(0x6867666564636261L);
        assertThat(Bytes.word(padded("xabcdefgh"), 1)).isEqualTo(0x6867666564636261L);
    }

    @Test
    void asciiLooksAtEveryByteOfTheRangeAndNoOther() {
        for (int length = 0; length <= 19; length++) {
            for (int offset = 0; offset < 3; offset++) {
                byte[] b = new byte[offset + length + 1 + CsvRecordScanner.PADDING];
                Arrays.fill(b, (byte) 'a');
                // A byte past the range is not ASCII: it must not count.
                b[offset + length] = (byte) 0xC3;
                if (offset > 0) {
                    b[offset - 1] = (byte) 0xC3;
                }
                assertThat(Bytes.ascii(b, offset, offset + length)).as("%d at %d", length, offset).isTrue();
                for (int i = 0; i < length; i++) {
                    b[offset + i] = (byte) 0x80;
                    assertThat(Bytes.ascii(b, offset, offset + length)).as("%d at %d, %d", length, offset, i).isFalse();
                    b[offset + i] = (byte) 'a';
                }
            }
        }
    }

    @Test
    void sameComparesEveryByteOfTheRangeAndNoOther() {
        for (int n = 0; n <= 19; n++) {
            byte[] a = new byte[n + 2 + CsvRecordScanner.PADDING];
            byte[] b = new byte[n + 5 + CsvRecordScanner.PADDING];
            for (int i = 0; i < n; i++) {
                a[1 + i] = (byte) ('a' + i);
                b[4 + i] = (byte) ('a' + i);
            }
            // Past the range the arrays differ.
            a[1 + n] = 1;
            b[4 + n] = 2;
            assertThat(Bytes.same(a, 1, b, 4, n)).as("%d", n).isTrue();
            for (int i = 0; i < n; i++) {
                b[4 + i] ^= 0x40;
                assertThat(Bytes.same(a, 1, b, 4, n)).as("%d, %d", n, i).isFalse();
                b[4 + i] ^= 0x40;
            }
        }
    }

    @Test
    void theHashIsPinnedAndReadsTheRangeOnly() {
        assertThat(Bytes.hash(padded(""), 0, 0)).isEqualTo(0L);
        assertThat(Bytes.hash(padded("a"), 0, 1)).isEqualTo(HASH_A);
        assertThat(Bytes.hash(padded("abcdefgh"), 0, 8)).isEqualTo(HASH_ABCDEFGH);
        assertThat(Bytes.hash(padded("abcdefghijklmnopq"), 0, 17)).isEqualTo(HASH_A_TO_Q);
        assertThat(Bytes.hash(padded("xxabcdefghijklmnopqyy"), 2, 19)).isEqualTo(HASH_A_TO_Q);
        assertThat(ByteKeyCache.hash(padded("a"), 0, 1)).isEqualTo((int) HASH_A);
    }

    // Worked out by hand from the algorithm: one partial word, one whole word, two words and a part.
    private static final long HASH_A = 0x7AE4_1F14_CE11_24E8L;
    private static final long HASH_ABCDEFGH = 0xEEA8_3678_E724_46C2L;
    private static final long HASH_A_TO_Q = 0xBF70_2CA9_EA5A_AACCL;

    @Test
    void theHashTellsLengthsAndEveryByteApart() {
        Set<Long> seen = new HashSet<>();
        for (int n = 0; n <= 24; n++) {
            byte[] zeros = new byte[n + CsvRecordScanner.PADDING];
            assertThat(seen.add(Bytes.hash(zeros, 0, n))).as("%d zero bytes", n).isTrue();
            for (int i = 0; i < n; i++) {
                zeros[i] = 1;
                assertThat(seen.add(Bytes.hash(zeros, 0, n))).as("%d bytes, %d set", n, i).isTrue();
                zeros[i] = 0;
            }
        }
    }

    @Test
    void theHashSpreadsKeysOverTheStripesAndTheLowBits() {
        int[] stripes = new int[SurveyKeyTable.STRIPES];
        int[] low = new int[16];
        for (int i = 0; i < 8_000; i++) {
            byte[] key = padded("c" + i + "\u00ffpost-call");
            long h = Bytes.hash(key, 0, key.length - CsvRecordScanner.PADDING);
            stripes[SurveyKeyTable.stripeOf(h)]++;
            low[(int) h & 15]++;
        }
        // 1 000 and 500 expected: a fair spread stays well inside these bounds.
        assertThat(java.util.Arrays.stream(stripes).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(850, 1_150));
        assertThat(java.util.Arrays.stream(low).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(390, 610));
    }

    @Test
    void stripesAreTheHashsTopBits() {
        assertThat(SurveyKeyTable.stripeOf(0L)).isZero();
        assertThat(SurveyKeyTable.stripeOf(-1L)).isEqualTo(7);
        assertThat(SurveyKeyTable.stripeOf(1L << 61)).isEqualTo(1);
        assertThat(SurveyKeyTable.stripeOf(0x5FFF_FFFF_FFFF_FFFFL)).isEqualTo(2);
    }

    @Test
    void theValueCacheFindsEveryKeyItWasGivenAndNoOther() {
        ByteKeyCache cache = new ByteKeyCache();
        byte[] b = new byte[64 * 1024];
        int at = 0;
        int[] starts = new int[300];
        int[] ends = new int[300];
        for (int i = 0; i < 300; i++) {
            // Lengths up to 40 bytes: the arena of 1 KiB fills and grows.
            byte[] key = ("v" + i + "-" + "x".repeat(i % 37)).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(key, 0, b, at, key.length);
            starts[i] = at;
            ends[i] = at + key.length;
            at += key.length + 1;
            assertThat(cache.get(b, starts[i], ends[i], ByteKeyCache.hash(b, starts[i], ends[i]))).isEqualTo(-1);
            cache.put(b, starts[i], ends[i], ByteKeyCache.hash(b, starts[i], ends[i]), 1_000 + i);
            assertThat(cache.size()).isEqualTo(i + 1);
        }
        for (int i = 0; i < 300; i++) {
            assertThat(cache.get(b, starts[i], ends[i], ByteKeyCache.hash(b, starts[i], ends[i])))
                    .isEqualTo(1_000 + i);
        }
        // A prefix of a key is another key.
        assertThat(cache.get(b, starts[299], ends[299] - 1, ByteKeyCache.hash(b, starts[299], ends[299] - 1)))
                .isEqualTo(-1);
    }

    @Test
    void theValueCacheComparesBytesWhenHashesMeet() {
        ByteKeyCache cache = new ByteKeyCache();
        byte[] b = padded("annbobcid");
        cache.put(b, 0, 3, 7, 1);
        cache.put(b, 3, 6, 7, 2);
        assertThat(cache.get(b, 0, 3, 7)).isEqualTo(1);
        assertThat(cache.get(b, 3, 6, 7)).isEqualTo(2);
        assertThat(cache.get(b, 6, 9, 7)).isEqualTo(-1);
        assertThat(cache.get(b, 0, 2, 7)).isEqualTo(-1);
        // The same bytes under another hash are not looked at.
        assertThat(cache.get(b, 0, 3, 8)).isEqualTo(-1);
    }

    @Test
    void theLaterRowOfASurveyWinsWhicheverComesFirst() {
        SurveyKeyTable.Stripe stripe = new SurveyKeyTable.Stripe(16, 8);
        SurveyKeyTable.Loser loser = new SurveyKeyTable.Loser();
        byte[] key = padded("c1\u00ffpost");
        int n = key.length - CsvRecordScanner.PADDING;
        long h = Bytes.hash(key, 0, n);
        assertThat(stripe.put(h, key, 0, n, 100, 3, (byte) 4, loser)).isFalse();
        // A row further down displaces it.
        assertThat(stripe.put(h, key, 0, n, 200, 5, (byte) 6, loser)).isTrue();
        assertThat(new long[] {loser.position, loser.segment, loser.slot}).containsExactly(100, 3, 4);
        // A row further up loses to the one kept.
        assertThat(stripe.put(h, key, 0, n, 150, 7, (byte) 8, loser)).isTrue();
        assertThat(new long[] {loser.position, loser.segment, loser.slot}).containsExactly(150, 7, 8);
        assertThat(stripe.put(h, key, 0, n, 50, 9, (byte) 1, loser)).isTrue();
        assertThat(new long[] {loser.position, loser.segment, loser.slot}).containsExactly(50, 9, 1);
        // The kept row is still the one at 200.
        assertThat(stripe.put(h, key, 0, n, 300, 0, (byte) 0, loser)).isTrue();
        assertThat(new long[] {loser.position, loser.segment, loser.slot}).containsExactly(200, 5, 6);
        // The same position again is no later: the row kept stays.
        assertThat(stripe.put(h, key, 0, n, 300, 2, (byte) 2, loser)).isTrue();
        assertThat(new long[] {loser.position, loser.segment, loser.slot}).containsExactly(300, 2, 2);
    }

    @Test
    void keysMeetingInTheirHashAreStillTwoKeys() {
        SurveyKeyTable.Stripe stripe = new SurveyKeyTable.Stripe(16, 8);
        SurveyKeyTable.Loser loser = new SurveyKeyTable.Loser();
        byte[] keys = padded("c1c2c12");
        long h = 0x1234_5678_9ABC_DEF0L;
        assertThat(stripe.put(h, keys, 0, 2, 1, 0, (byte) 0, loser)).isFalse();
        assertThat(stripe.put(h, keys, 2, 2, 2, 0, (byte) 0, loser)).isFalse();
        assertThat(stripe.put(h, keys, 4, 3, 3, 0, (byte) 0, loser)).isFalse();
        assertThat(stripe.put(h, keys, 4, 2, 4, 0, (byte) 0, loser)).isTrue();
        assertThat(loser.position).isEqualTo(1);
        // Same low bits, another high half: another key even with the same bytes.
        assertThat(stripe.put(h ^ 0x1_0000_0000L, keys, 0, 2, 5, 0, (byte) 0, loser)).isFalse();
        // touch reads the slot the hash falls in: the first key's entry, tagged with the hash's high half.
        assertThat(stripe.touch(new long[] {h}, new int[] {0}, 0, 1)).isEqualTo(0x1234_5678_0000_0001L);
        assertThat(stripe.touch(new long[] {h, h}, new int[] {0, 1}, 1, 2)).isEqualTo(0x1234_5678_0000_0001L);
        assertThat(stripe.touch(new long[] {h}, new int[] {0}, 0, 0)).isZero();
    }

    @Test
    void aStripeGrowsAndStillFindsEveryKey() {
        for (SurveyKeyTable table : new SurveyKeyTable[] {new SurveyKeyTable(), expecting(10_000)}) {
            SurveyKeyTable.Loser loser = new SurveyKeyTable.Loser();
            byte[][] keys = new byte[5_000][];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = padded("interaction-" + i + "\u00ffpost-call-survey");
                int n = keys[i].length - CsvRecordScanner.PADDING;
                long h = Bytes.hash(keys[i], 0, n);
                assertThat(table.stripe(SurveyKeyTable.stripeOf(h)).put(h, keys[i], 0, n, i, i, (byte) 1, loser))
                        .isFalse();
            }
            for (int i = 0; i < keys.length; i++) {
                int n = keys[i].length - CsvRecordScanner.PADDING;
                long h = Bytes.hash(keys[i], 0, n);
                assertThat(table.stripe(SurveyKeyTable.stripeOf(h)).put(h, keys[i], 0, n, 10_000 + i, 0, (byte) 2,
                        loser)).as("key %d", i).isTrue();
                assertThat(new long[] {loser.position, loser.segment, loser.slot}).containsExactly(i, i, 1);
            }
        }
    }

    @Test
    void aKeyLongerThanTwiceTheArenaIsKeptWhole() {
        // 64 expected keys of about 8 bytes make an arena of 64 * 12 + 16 = 784 bytes: doubling it is not enough.
        SurveyKeyTable.Stripe stripe = new SurveyKeyTable.Stripe(64, 8);
        SurveyKeyTable.Loser loser = new SurveyKeyTable.Loser();
        byte[] key = padded("c".repeat(3_000) + "\u00ffpost");
        int n = key.length - CsvRecordScanner.PADDING;
        long h = Bytes.hash(key, 0, n);
        assertThat(stripe.put(h, key, 0, n, 1, 2, (byte) 3, loser)).isFalse();
        byte[] again = padded("c".repeat(3_000) + "\u00ffpost");
        assertThat(stripe.put(h, again, 0, n, 5, 6, (byte) 7, loser)).isTrue();
        assertThat(new long[] {loser.position, loser.segment, loser.slot}).containsExactly(1, 2, 3);
        // One byte less is another key.
        assertThat(stripe.put(Bytes.hash(again, 0, n - 1), again, 0, n - 1, 9, 0, (byte) 0, loser)).isFalse();
    }

    @Test
    void aTableExpectingTheShortestKeysHoldsThem() {
        // The shortest key is an id of one byte, 0xFF and a survey of one byte.
        SurveyKeyTable table = new SurveyKeyTable();
        table.expect(1_000, 3);
        SurveyKeyTable.Loser loser = new SurveyKeyTable.Loser();
        for (int round = 0; round < 2; round++) {
            for (char c = '0'; c <= 'z'; c++) {
                byte[] key = padded(c + "\u00ffs");
                int n = key.length - CsvRecordScanner.PADDING;
                assertThat(n).isEqualTo(4);
                long h = Bytes.hash(key, 0, n);
                assertThat(table.stripe(SurveyKeyTable.stripeOf(h)).put(h, key, 0, n, round, 0, (byte) 0, loser))
                        .as("%s in round %d", c, round).isEqualTo(round == 1);
            }
        }
    }

    @Test
    void theValueCacheKeepsAValueLongerThanTwiceItsArena() {
        ByteKeyCache cache = new ByteKeyCache();
        byte[] b = padded("v".repeat(3_000));
        cache.put(b, 0, 3_000, ByteKeyCache.hash(b, 0, 3_000), 42);
        assertThat(cache.get(b, 0, 3_000, ByteKeyCache.hash(b, 0, 3_000))).isEqualTo(42);
        assertThat(cache.get(b, 0, 2_999, ByteKeyCache.hash(b, 0, 2_999))).isEqualTo(-1);
    }

    @Test
    void theValueCacheRebuiltFromItsEntriesHoldsNoOther() {
        ByteKeyCache cache = new ByteKeyCache();
        byte[] b = padded("abcdefghijklmnopqrstuvwxyzABCDEFG");
        // The 33rd value fills the table of 64 past half: it is rebuilt from the entries there are.
        for (int i = 0; i < 33; i++) {
            cache.put(b, i, i + 1, ByteKeyCache.hash(b, i, i + 1), i);
        }
        // The empty value hashes to 0 and has no length: only an entry that is not there could match it.
        assertThat(ByteKeyCache.hash(b, 5, 5)).isZero();
        assertThat(cache.get(b, 5, 5, 0)).isEqualTo(-1);
        for (int i = 0; i < 33; i++) {
            assertThat(cache.get(b, i, i + 1, ByteKeyCache.hash(b, i, i + 1))).isEqualTo(i);
        }
    }

    private static SurveyKeyTable expecting(long rows) {
        SurveyKeyTable table = new SurveyKeyTable();
        table.expect(rows, 30);
        return table;
    }
}
