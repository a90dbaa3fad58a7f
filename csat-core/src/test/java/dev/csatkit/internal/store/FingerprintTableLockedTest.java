package dev.csatkit.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import org.junit.jupiter.api.Test;

/**
 * The paths a call takes when a writer holds its stripe: no optimistic read is possible, so the
 * call waits for the lock and answers under it. Each call here starts on a thread of its own while
 * the test holds the stripe's write lock, which is let go only once the call waits for it; the
 * answers must be those of the optimistic path, and every lock must be free again afterwards.
 */
class FingerprintTableLockedTest {

    static final long NOW = 1_000_000;

    /** The stripe's lock, the one a writer of the stripe takes. */
    static StampedLock stripe(FingerprintTable table, long hi) throws ReflectiveOperationException {
        Field f = FingerprintTable.class.getDeclaredField("stripes");
        f.setAccessible(true);
        return (StampedLock) ((Object[]) f.get(table))[(int) (hi >>> 58)];
    }

    static StampedLock stripe(FingerprintTable table, String key) throws ReflectiveOperationException {
        return stripe(table, Fingerprint.of(key).hi());
    }

    /** Runs the call while {@code lock} is write-locked, letting go once the call waits for it. */
    static <T> T whileLocked(StampedLock lock, Callable<T> call) throws Exception {
        FutureTask<T> task = new FutureTask<>(call);
        Thread thread = new Thread(task, "caller");
        long stamp = lock.writeLock();
        try {
            thread.start();
            while (thread.getState() != Thread.State.WAITING && !task.isDone()) {
                Thread.onSpinWait();
            }
            assertThat(task.isDone()).as("the call waited for the lock").isFalse();
        } finally {
            lock.unlockWrite(stamp);
        }
        T answer = task.get(30, TimeUnit.SECONDS);
        assertThat(lock.isWriteLocked()).isFalse();
        assertThat(lock.isReadLocked()).isFalse();
        return answer;
    }

    @Test
    void reserveUnderTheLockAnswersTheLiveEntryAndWritesOverAnExpiredOne() throws Exception {
        FingerprintTable table = new FingerprintTable(1 << 16);
        StampedLock lock = stripe(table, 5L << 58);
        assertThat(whileLocked(lock, () -> table.reserve(5L << 58, 7, NOW, NOW + 10))).isEqualTo(FingerprintTable.GRANTED);
        assertThat(table.peek(5L << 58, 7, NOW)).isEqualTo(NOW + 10);
        assertThat(whileLocked(lock, () -> table.reserve(5L << 58, 7, NOW + 9, NOW + 50))).isEqualTo(NOW + 10);
        assertThat(table.peek(5L << 58, 7, NOW + 9)).isEqualTo(NOW + 10);
        // At its expiry the entry is free.
        assertThat(whileLocked(lock, () -> table.reserve(5L << 58, 7, NOW + 10, NOW + 50)))
                .isEqualTo(FingerprintTable.GRANTED);
        assertThat(table.peek(5L << 58, 7, NOW + 10)).isEqualTo(NOW + 50);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void peekUnderTheLockAnswersLiveEntriesOnly() throws Exception {
        FingerprintTable table = new FingerprintTable(1 << 16);
        table.reserve(9L << 58, 3, NOW, NOW + 10);
        StampedLock lock = stripe(table, 9L << 58);
        assertThat(whileLocked(lock, () -> table.peek(9L << 58, 3, NOW + 9))).isEqualTo(NOW + 10);
        assertThat(whileLocked(lock, () -> table.peek(9L << 58, 3, NOW + 10))).isEqualTo(Long.MIN_VALUE);
        assertThat(whileLocked(lock, () -> table.peek(9L << 58, 4, NOW))).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void peekOnceUnderTheClaimsLockAnswersTheClaimThenTheHold() throws Exception {
        FingerprintTable claims = new FingerprintTable(1 << 16);
        FingerprintTable holds = new FingerprintTable(1 << 16);
        FingerprintTable.reserveOnce(claims, "i1", NOW + 500, holds, "k1", NOW + 50, NOW);
        StampedLock i1 = stripe(claims, "i1");
        StampedLock i2 = stripe(claims, "i2");
        assertThat(whileLocked(i1, () -> FingerprintTable.peekOnce(claims, "i1", holds, "k1", NOW)))
                .isEqualTo(-(NOW + 500));
        assertThat(whileLocked(i2, () -> FingerprintTable.peekOnce(claims, "i2", holds, "k1", NOW + 49)))
                .isEqualTo(NOW + 50);
        assertThat(whileLocked(i2, () -> FingerprintTable.peekOnce(claims, "i2", holds, "k1", NOW + 50))).isZero();
        assertThat(whileLocked(i1, () -> FingerprintTable.peekOnce(claims, "i1", holds, "k2", NOW + 500))).isZero();
    }

    @Test
    void reserveOnceUnderTheClaimsLockGrantsDeniesAndRecognisesAReplay() throws Exception {
        FingerprintTable claims = new FingerprintTable(1 << 16);
        FingerprintTable holds = new FingerprintTable(1 << 16);
        StampedLock i1 = stripe(claims, "i1");
        StampedLock i2 = stripe(claims, "i2");
        assertThat(whileLocked(i1, () -> FingerprintTable.reserveOnce(claims, "i1", NOW + 500, holds, "k1", NOW + 50, NOW)))
                .isEqualTo(new Reservation.Granted(Instant.ofEpochMilli(NOW + 50)));
        // Both entries were written, and both stripes let go.
        assertThat(claims.peek(Fingerprint.of("i1").hi(), Fingerprint.of("i1").lo(), NOW)).isEqualTo(NOW + 500);
        assertThat(holds.peek(Fingerprint.of("k1").hi(), Fingerprint.of("k1").lo(), NOW)).isEqualTo(NOW + 50);
        assertThat(stripe(holds, "k1").isWriteLocked()).isFalse();
        assertThat(whileLocked(i2, () -> FingerprintTable.reserveOnce(claims, "i2", NOW + 500, holds, "k1", NOW + 50, NOW + 49)))
                .isEqualTo(new Reservation.Denied(Instant.ofEpochMilli(NOW + 50)));
        assertThat(whileLocked(i1, () -> FingerprintTable.reserveOnce(claims, "i1", NOW + 900, holds, "k2", NOW + 90, NOW + 499)))
                .isEqualTo(new Reservation.AlreadyClaimed(Instant.ofEpochMilli(NOW + 500)));
        assertThat(claims.size()).isEqualTo(1);
        assertThat(holds.size()).isEqualTo(1);
        // At their expiries the hold and then the claim are free.
        assertThat(whileLocked(i2, () -> FingerprintTable.reserveOnce(claims, "i2", NOW + 600, holds, "k1", NOW + 100, NOW + 50)))
                .isEqualTo(new Reservation.Granted(Instant.ofEpochMilli(NOW + 100)));
        assertThat(whileLocked(i1, () -> FingerprintTable.reserveOnce(claims, "i1", NOW + 900, holds, "k3", NOW + 590, NOW + 500)))
                .isEqualTo(new Reservation.Granted(Instant.ofEpochMilli(NOW + 590)));
        assertThat(stripe(holds, "k1").isWriteLocked()).isFalse();
        assertThat(stripe(holds, "k3").isWriteLocked()).isFalse();
    }
}
