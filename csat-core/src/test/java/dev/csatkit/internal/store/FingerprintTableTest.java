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
}
