package dev.csatkit.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FingerprintTableTest {

    static final long NOW = 1_000_000;
    static final long LAST_HOME = 0xFFFF_FFFFL;

    /** A fingerprint in stripe 0 whose home slot is the given fraction of the stripe (0 to 2^32). */
    static long lo(long home, int id) {
        return home << 32 | id;
    }

    @Test
    void keysSharingAHomeSlotWrapAroundTheEndAndSurviveDeletions() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        // Ten keys homed at the last slot of stripe 0: all but one wrap around to the start.
        for (int id = 1; id <= 10; id++) {
            assertThat(table.reserve(0, lo(LAST_HOME, id), NOW, NOW + id)).isEqualTo(FingerprintTable.GRANTED);
        }
        // Delete from the middle of the run and from its first slot; the rest must stay reachable.
        assertThat(table.remove(0, lo(LAST_HOME, 4), NOW + 4)).isTrue();
        assertThat(table.remove(0, lo(LAST_HOME, 1), NOW + 1)).isTrue();
        assertThat(table.remove(0, lo(LAST_HOME, 1), NOW + 1)).isFalse();
        for (int id = 1; id <= 10; id++) {
            long expected = id == 1 || id == 4 ? FingerprintTable.GRANTED : NOW + id;
            assertThat(table.reserve(0, lo(LAST_HOME, id), NOW, NOW + 100)).as("key %d", id).isEqualTo(expected);
        }
        assertThat(table.size()).isEqualTo(10);
    }

    @Test
    void aRemovalOnlyMatchesTheExactExpiry() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        table.reserve(0, lo(0, 1), NOW, NOW + 60);
        assertThat(table.remove(0, lo(0, 1), NOW + 59)).isFalse();
        assertThat(table.remove(0, lo(0, 2), NOW + 60)).isFalse();
        assertThat(table.remove(0, lo(0, 1), NOW + 60)).isTrue();
        assertThat(table.size()).isZero();
    }

    @Test
    void anExpiredSlotIsReusedByTheNextKeyOnItsWay() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        table.reserve(0, lo(0, 1), NOW, NOW + 10);
        table.reserve(0, lo(0, 2), NOW, NOW + 100);
        // Key 1 expired at NOW + 10: key 3, homed at the same slot, takes its place.
        assertThat(table.reserve(0, lo(0, 3), NOW + 10, NOW + 200)).isEqualTo(FingerprintTable.GRANTED);
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.reserve(0, lo(0, 2), NOW + 10, NOW + 300)).isEqualTo(NOW + 100);
        assertThat(table.reserve(0, lo(0, 3), NOW + 10, NOW + 300)).isEqualTo(NOW + 200);
    }

    @Test
    void aStripeGrowsWithLiveEntriesAndShrinksWhenTheyExpire() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        long before = table.capacity();
        int keys = 5_000;
        for (int id = 1; id <= keys; id++) {
            // All in stripe 0, homes spread over the stripe.
            table.reserve(0, lo(id * 858_993L, id), NOW, NOW + 60);
        }
        assertThat(table.size()).isEqualTo(keys);
        assertThat(table.capacity() - before).isBetween((long) keys * 4 / 3, (long) keys * 2 + 16);
        for (int id = 1; id <= keys; id++) {
            assertThat(table.reserve(0, lo(id * 858_993L, id), NOW + 1, NOW + 61)).isEqualTo(NOW + 60);
        }
        assertThat(table.sweep(NOW + 60)).isEqualTo(keys);
        assertThat(table.size()).isZero();
        assertThat(table.capacity()).isEqualTo(before);
    }

    @Test
    void aFullStripeDropsExpiredEntriesBeforeGrowing() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        long before = table.capacity();
        // One live key at a time, each expiring before the next arrives: the stripe never grows.
        for (int id = 1; id <= 1_000; id++) {
            table.reserve(0, lo(id * 4_294_967L, id), NOW + id, NOW + id + 1);
        }
        assertThat(table.capacity()).isEqualTo(before);
        assertThat(table.size()).isLessThanOrEqualTo(12);
    }

    @Test
    void reserveOnceWritesBothTablesOrNeither() {
        FingerprintTable claims = new FingerprintTable(1 << 16);
        FingerprintTable holds = new FingerprintTable(1 << 16);
        assertThat(FingerprintTable.reserveOnce(claims, "i1", NOW + 500, holds, "k9", NOW + 50, NOW))
                .isEqualTo(new Reservation.Granted(Instant.ofEpochMilli(NOW + 50)));
        assertThat(FingerprintTable.reserveOnce(claims, "i2", NOW + 500, holds, "k9", NOW + 50, NOW))
                .isEqualTo(new Reservation.Denied(Instant.ofEpochMilli(NOW + 50)));
        assertThat(claims.size()).isEqualTo(1);
        assertThat(FingerprintTable.reserveOnce(claims, "i1", NOW + 500, holds, "k8", NOW + 50, NOW))
                .isEqualTo(new Reservation.AlreadyClaimed(Instant.ofEpochMilli(NOW + 500)));
        assertThat(holds.size()).isEqualTo(1);
    }

    /** A key of stripe 0 homed at the given slot while the stripe has its first 16 slots. */
    static long slot(int slot, int id) {
        return lo((long) slot << 28, id);
    }

    @Test
    void aStripeGrowsToHalfFullWhenAnInsertFindsItThreeQuartersFull() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        // 64 stripes of 16 slots.
        assertThat(table.capacity()).isEqualTo(1_024);
        for (int id = 1; id <= 19; id++) {
            table.reserve(0, lo(id * 226_050_910L, id), NOW, NOW + 1_000);
            long expected = switch (id) {
                // 12 of 16 is three quarters: the 13th insert rebuilds for 13 entries at half load, 26 slots.
                case 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 -> 1_024;
                // 26 slots hold 26 / 4 * 3 = 18 before the 19th insert rebuilds for 19, 38 slots.
                case 13, 14, 15, 16, 17, 18 -> 1_024 - 16 + 26;
                default -> 1_024 - 16 + 38;
            };
            assertThat(table.capacity()).as("after %d inserts", id).isEqualTo(expected);
            assertThat(table.size()).isEqualTo(id);
        }
        for (int id = 1; id <= 19; id++) {
            assertThat(table.peek(0, lo(id * 226_050_910L, id), NOW)).isEqualTo(NOW + 1_000);
        }
    }

    @Test
    void keysOfDifferentStripesFillOnlyTheirOwnStripe() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        // The top six bits of hi choose the stripe: thirteen keys in thirteen stripes, none of which grows.
        for (int stripe = 0; stripe < 13; stripe++) {
            assertThat(table.reserve((long) stripe << 58, lo(0, 1), NOW, NOW + 60)).isEqualTo(FingerprintTable.GRANTED);
        }
        assertThat(table.size()).isEqualTo(13);
        assertThat(table.capacity()).isEqualTo(1_024);
        for (int stripe = 0; stripe < 13; stripe++) {
            assertThat(table.peek((long) stripe << 58, lo(0, 1), NOW)).isEqualTo(NOW + 60);
        }
        assertThat(table.peek(13L << 58, lo(0, 1), NOW)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aSweepKeepsTheSizeOfAStripeThatWouldStillBeOverHalfFull() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        for (int id = 1; id <= 13; id++) {
            table.reserve(0, lo(id * 226_050_910L, id), NOW, NOW + 10);
        }
        assertThat(table.capacity()).isEqualTo(1_024 - 16 + 26);
        // Nothing is live, but the 16 slots of the smallest stripe are more than half of 26.
        assertThat(table.sweep(NOW + 10)).isEqualTo(13);
        assertThat(table.size()).isZero();
        assertThat(table.capacity()).isEqualTo(1_024 - 16 + 26);
    }

    @Test
    void aSweepShrinksAStripeWhenHalfItsSlotsAreEnough() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        // 28 inserts grow stripe 0 through 26 and 38 to 56 slots (the 28th finds 38 / 4 * 3 = 27 entries).
        for (int id = 1; id <= 28; id++) {
            table.reserve(0, lo(id * 153_391_689L, id), NOW, id % 2 == 0 ? NOW + 10 : NOW + 1_000);
        }
        assertThat(table.capacity()).isEqualTo(1_024 - 16 + 56);
        // 14 live entries want 28 slots, exactly half of 56: the stripe shrinks.
        assertThat(table.sweep(NOW + 10)).isEqualTo(14);
        assertThat(table.size()).isEqualTo(14);
        assertThat(table.capacity()).isEqualTo(1_024 - 16 + 28);
        for (int id = 1; id <= 28; id++) {
            long expected = id % 2 == 0 ? Long.MIN_VALUE : NOW + 1_000;
            assertThat(table.peek(0, lo(id * 153_391_689L, id), NOW + 10)).as("key %d", id).isEqualTo(expected);
        }
    }

    @Test
    void aStripeSweepsItselfAfterAsManyWritesAsItHasSlots() {
        // 64 writes per table: a share of 1 per stripe, so a stripe of 16 slots sweeps every 16 writes.
        FingerprintTable table = new FingerprintTable(64);
        assertThat(table.reserve(0, slot(0, 1), NOW, NOW + 1)).isEqualTo(FingerprintTable.GRANTED);
        // Writes 2 to 15: key 2 inserted, then written again each time it has expired.
        for (int n = 1; n <= 14; n++) {
            assertThat(table.reserve(0, slot(4, 2), NOW + n, NOW + n + 1)).isEqualTo(FingerprintTable.GRANTED);
        }
        // Key 1 has expired but is still there.
        assertThat(table.size()).isEqualTo(2);
        // The 16th write sweeps it.
        assertThat(table.reserve(0, slot(4, 2), NOW + 15, NOW + 16)).isEqualTo(FingerprintTable.GRANTED);
        assertThat(table.size()).isEqualTo(1);
        // The count starts again: key 2 expires at NOW + 16 and stays until the next sweep.
        assertThat(table.reserve(0, slot(8, 3), NOW + 16, NOW + 100)).isEqualTo(FingerprintTable.GRANTED);
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.capacity()).isEqualTo(1_024);
    }

    @Test
    void aDeletionMovesBackAnEntryWhoseHomeIsTheHole() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        table.reserve(0, slot(3, 1), NOW, NOW + 10);
        table.reserve(0, slot(3, 2), NOW, NOW + 20); // in slot 4
        assertThat(table.remove(0, slot(3, 1), NOW + 10)).isTrue();
        assertThat(table.peek(0, slot(3, 2), NOW)).isEqualTo(NOW + 20);
        assertThat(table.remove(0, slot(3, 2), NOW + 20)).isTrue();
        assertThat(table.size()).isZero();
    }

    @Test
    void aDeletionLeavesAnEntryThatIsInItsHome() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        table.reserve(0, slot(3, 1), NOW, NOW + 10);
        table.reserve(0, slot(3, 2), NOW, NOW + 20); // in slot 4
        table.reserve(0, slot(5, 3), NOW, NOW + 30); // in slot 5, its home
        assertThat(table.remove(0, slot(3, 2), NOW + 20)).isTrue();
        assertThat(table.peek(0, slot(3, 1), NOW)).isEqualTo(NOW + 10);
        assertThat(table.peek(0, slot(5, 3), NOW)).isEqualTo(NOW + 30);
        assertThat(table.peek(0, slot(3, 2), NOW)).isEqualTo(Long.MIN_VALUE);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void aDeletionAtTheLastSlotMovesBackAnEntryThatWrappedAround() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        table.reserve(0, slot(15, 1), NOW, NOW + 10);
        table.reserve(0, slot(15, 2), NOW, NOW + 20); // wrapped to slot 0
        table.reserve(0, slot(0, 3), NOW, NOW + 30); // slot 1
        assertThat(table.remove(0, slot(15, 1), NOW + 10)).isTrue();
        assertThat(table.peek(0, slot(15, 2), NOW)).isEqualTo(NOW + 20);
        assertThat(table.peek(0, slot(0, 3), NOW)).isEqualTo(NOW + 30);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void aDeletionAtTheLastSlotLeavesAnEntryThatIsInItsHomeAtTheStart() {
        FingerprintTable table = new FingerprintTable(1 << 16);
        table.reserve(0, slot(14, 1), NOW, NOW + 10);
        table.reserve(0, slot(14, 2), NOW, NOW + 20); // slot 15
        table.reserve(0, slot(0, 3), NOW, NOW + 30); // slot 0, its home
        assertThat(table.remove(0, slot(14, 1), NOW + 10)).isTrue();
        assertThat(table.peek(0, slot(14, 2), NOW)).isEqualTo(NOW + 20);
        assertThat(table.peek(0, slot(0, 3), NOW)).isEqualTo(NOW + 30);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void peekOnceAnswersTheClaimThenTheHoldAndEachEndsAtItsExpiry() {
        FingerprintTable claims = new FingerprintTable(1 << 16);
        FingerprintTable holds = new FingerprintTable(1 << 16);
        assertThat(FingerprintTable.peekOnce(claims, "i1", holds, "k1", NOW)).isZero();
        FingerprintTable.reserveOnce(claims, "i1", NOW + 500, holds, "k1", NOW + 50, NOW);
        assertThat(FingerprintTable.peekOnce(claims, "i1", holds, "k1", NOW)).isEqualTo(-(NOW + 500));
        assertThat(FingerprintTable.peekOnce(claims, "i2", holds, "k1", NOW + 49)).isEqualTo(NOW + 50);
        assertThat(FingerprintTable.peekOnce(claims, "i2", holds, "k1", NOW + 50)).isZero();
        assertThat(FingerprintTable.peekOnce(claims, "i1", holds, "k2", NOW + 499)).isEqualTo(-(NOW + 500));
        assertThat(FingerprintTable.peekOnce(claims, "i1", holds, "k1", NOW + 500)).isZero();
    }
}
