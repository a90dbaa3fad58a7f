package dev.csatkit.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LedgerTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Duration DAY = Duration.ofDays(1);

    @Test
    void aHoldBlocksUntilItExpires() {
        Ledger ledger = new Ledger();
        assertThat(ledger.reserve("c1", T0, DAY)).isEqualTo(new Reservation.Granted(T0.plus(DAY)));
        assertThat(ledger.reserve("c1", T0.plusSeconds(3600), DAY)).isEqualTo(new Reservation.Denied(T0.plus(DAY)));
        assertThat(ledger.reserve("c2", T0, DAY)).isInstanceOf(Reservation.Granted.class);
        // Expiry is exclusive: at the instant the hold ends, the key is free again.
        assertThat(ledger.reserve("c1", T0.plus(DAY), DAY)).isEqualTo(new Reservation.Granted(T0.plus(DAY).plus(DAY)));
    }

    @Test
    void releaseOnlyRemovesTheHoldThatWasGranted() {
        Ledger ledger = new Ledger();
        Reservation.Granted first = (Reservation.Granted) ledger.reserve("c1", T0, DAY);
        assertThat(ledger.release("c1", first.until())).isTrue();
        assertThat(ledger.release("c1", first.until())).isFalse();
        Reservation.Granted second = (Reservation.Granted) ledger.reserve("c1", T0.plusSeconds(1), DAY);
        assertThat(ledger.release("c1", first.until())).isFalse();
        assertThat(ledger.reserve("c1", T0.plusSeconds(2), DAY)).isEqualTo(new Reservation.Denied(second.until()));
    }

    @Test
    void anInteractionIsClaimedOnce() {
        Ledger ledger = new Ledger();
        assertThat(ledger.claim("i-1", T0, DAY)).isTrue();
        assertThat(ledger.claim("i-1", T0.plusSeconds(60), DAY)).isFalse();
        assertThat(ledger.claim("i-2", T0, DAY)).isTrue();
        // Claims and holds live apart even when the strings look alike.
        assertThat(ledger.reserve("i-1", T0, DAY)).isInstanceOf(Reservation.Granted.class);
    }

    @Test
    void sweepingForgetsOnlyExpiredHolds() {
        Ledger ledger = new Ledger();
        ledger.reserve("short", T0, Duration.ofMinutes(5));
        ledger.reserve("long", T0, DAY);
        assertThat(ledger.sweep(T0.plusSeconds(600))).isEqualTo(1);
        assertThat(ledger.size()).isEqualTo(1);
        assertThat(ledger.reserve("long", T0.plusSeconds(600), DAY)).isInstanceOf(Reservation.Denied.class);
    }

    @Test
    void memoryFollowsLiveHoldsNotHistory() {
        Ledger ledger = new Ledger();
        Instant now = T0;
        for (int i = 0; i < Ledger.SWEEP_EVERY * 3; i++) {
            now = now.plusSeconds(1);
            ledger.reserve("c" + i, now, Duration.ofMinutes(1));
        }
        assertThat(ledger.size()).isLessThanOrEqualTo(Ledger.SWEEP_EVERY + 60);
    }

    @Test
    void eightThreadsNeverGrantTheSameKeyTwiceInItsWindow() throws Exception {
        Ledger ledger = new Ledger();
        int perThread = 12_500;
        int contacts = 500; // heavily repeated: each contact is tried about 200 times
        ConcurrentHashMap<String, AtomicInteger> grants = new ConcurrentHashMap<>();
        runOnEightThreads(seed -> {
            for (int i = 0; i < perThread; i++) {
                String key = "c" + ((i * 31 + seed * 7) % contacts);
                if (ledger.reserve(key, T0, DAY) instanceof Reservation.Granted) {
                    grants.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                }
            }
        });
        assertThat(grants).hasSize(contacts);
        assertThat(grants.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }

    static final Duration WEEK = Duration.ofDays(7);

    @Test
    void reserveOnceClaimsTheInteractionAndHoldsTheKey() {
        Ledger ledger = new Ledger();
        assertThat(ledger.reserveOnce("i-1", "c1", T0, DAY, WEEK)).isEqualTo(new Reservation.Granted(T0.plus(DAY)));
        // Both were written: the same claim and the same hold that claim() and reserve() see.
        assertThat(ledger.claim("i-1", T0.plusSeconds(1), WEEK)).isFalse();
        assertThat(ledger.reserve("c1", T0.plusSeconds(1), DAY)).isEqualTo(new Reservation.Denied(T0.plus(DAY)));
        assertThat(ledger.size()).isEqualTo(2);
    }

    @Test
    void aDeniedDecisionLeavesTheInteractionUnclaimed() {
        Ledger ledger = new Ledger();
        ledger.reserve("c1", T0, DAY);
        Reservation.Denied denied = new Reservation.Denied(T0.plus(DAY));
        assertThat(ledger.reserveOnce("i-1", "c1", T0.plusSeconds(60), DAY, WEEK)).isEqualTo(denied);
        // A replay gets the same answer, because nothing was claimed.
        assertThat(ledger.reserveOnce("i-1", "c1", T0.plusSeconds(120), DAY, WEEK)).isEqualTo(denied);
        assertThat(ledger.size()).isEqualTo(1);
        // Once the hold expires, the same interaction is granted.
        assertThat(ledger.reserveOnce("i-1", "c1", T0.plus(DAY), DAY, WEEK))
                .isEqualTo(new Reservation.Granted(T0.plus(DAY).plus(DAY)));
    }

    @Test
    void aReplayedInteractionIsAlreadyClaimedAndChangesNothing() {
        Ledger ledger = new Ledger();
        ledger.reserveOnce("i-1", "c1", T0, DAY, WEEK);
        Reservation.AlreadyClaimed replay = new Reservation.AlreadyClaimed(T0.plus(WEEK));
        // After the cap window the key is free, but the interaction is still remembered.
        assertThat(ledger.reserveOnce("i-1", "c1", T0.plus(DAY), DAY, WEEK)).isEqualTo(replay);
        // A claim wins over a hold, and a replay under another cap key holds nothing.
        assertThat(ledger.reserveOnce("i-1", "c2", T0.plusSeconds(60), DAY, WEEK)).isEqualTo(replay);
        assertThat(ledger.reserve("c2", T0.plusSeconds(60), DAY)).isInstanceOf(Reservation.Granted.class);
        assertThat(ledger.reserve("c1", T0.plus(DAY), DAY)).isInstanceOf(Reservation.Granted.class);
    }

    @Test
    void anExpiredClaimIsGrantedAgain() {
        Ledger ledger = new Ledger();
        ledger.reserveOnce("i-1", "c1", T0, DAY, WEEK);
        assertThat(ledger.reserveOnce("i-1", "c1", T0.plus(WEEK).minusMillis(1), DAY, WEEK))
                .isEqualTo(new Reservation.AlreadyClaimed(T0.plus(WEEK)));
        // Expiry is exclusive for claims as for holds.
        assertThat(ledger.reserveOnce("i-1", "c1", T0.plus(WEEK), DAY, WEEK))
                .isEqualTo(new Reservation.Granted(T0.plus(WEEK).plus(DAY)));
    }

    @Test
    void claimsAndHoldsAreSeparateKeySpaces() {
        Ledger ledger = new Ledger();
        // One string as both the interaction and the cap key: two entries, no interference.
        assertThat(ledger.reserveOnce("same", "same", T0, DAY, WEEK)).isInstanceOf(Reservation.Granted.class);
        assertThat(ledger.size()).isEqualTo(2);
        Ledger other = new Ledger();
        other.reserve("k", T0, DAY);
        assertThat(other.reserveOnce("k", "free", T0, DAY, WEEK)).isInstanceOf(Reservation.Granted.class);
        other.claim("j", T0, WEEK);
        assertThat(other.reserveOnce("other", "j", T0, DAY, WEEK)).isInstanceOf(Reservation.Granted.class);
    }

    @Test
    void aGrantedHoldCanBeReleasedButTheClaimStays() {
        Ledger ledger = new Ledger();
        Reservation.Granted granted = (Reservation.Granted) ledger.reserveOnce("i-1", "c1", T0, DAY, WEEK);
        assertThat(ledger.release("c1", granted.until())).isTrue();
        assertThat(ledger.reserveOnce("i-2", "c1", T0, DAY, WEEK)).isInstanceOf(Reservation.Granted.class);
        assertThat(ledger.reserveOnce("i-1", "c9", T0, DAY, WEEK)).isInstanceOf(Reservation.AlreadyClaimed.class);
    }

    @Test
    void aMillionContactsAreTrackedAndForgotten() {
        Ledger ledger = new Ledger();
        int contacts = 1_000_000;
        for (int i = 0; i < contacts; i++) {
            ledger.reserveOnce("interaction-" + i, "*\u0000contact-" + i, T0, DAY, WEEK);
        }
        assertThat(ledger.size()).isEqualTo(2 * contacts);
        for (int i = 0; i < contacts; i += 997) {
            assertThat(ledger.reserveOnce("interaction-" + i, "*\u0000contact-" + i, T0, DAY, WEEK))
                    .isEqualTo(new Reservation.AlreadyClaimed(T0.plus(WEEK)));
            assertThat(ledger.reserveOnce("new-" + i, "*\u0000contact-" + i, T0, DAY, WEEK))
                    .isEqualTo(new Reservation.Denied(T0.plus(DAY)));
        }
        assertThat(ledger.sweep(T0.plus(DAY))).isEqualTo(contacts);
        assertThat(ledger.sweep(T0.plus(WEEK))).isEqualTo(contacts);
        assertThat(ledger.size()).isZero();
    }

    @Test
    void durationsShorterThanAMillisecondAreRefused() {
        Ledger ledger = new Ledger();
        assertThatThrownBy(() -> ledger.reserveOnce("i", "c", T0, Duration.ZERO, WEEK))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window = PT0S: must be at least 1 ms");
        assertThatThrownBy(() -> ledger.reserveOnce("i", "c", T0, DAY, Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retention = PT0.000999999S: must be at least 1 ms");
        assertThatThrownBy(() -> ledger.reserve("c", T0, Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window = PT-24H: must be at least 1 ms");
        assertThatThrownBy(() -> ledger.reserveOnce("i", "c", T0, Duration.ofSeconds(Long.MAX_VALUE), WEEK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("window = PT")
                .hasMessageEndingWith("now + window must be within the range of epoch milliseconds");
        assertThat(ledger.size()).isZero();
    }

    @Test
    void eightThreadsGrantEachKeyOnceWhileHeldAndEachInteractionOnce() throws Exception {
        Ledger ledger = new Ledger();
        int contacts = 500;
        int interactions = 2_000; // interaction j belongs to contact j % contacts, replayed by every thread
        for (Instant now : List.of(T0, T0.plus(DAY))) {
            ConcurrentHashMap<String, AtomicInteger> keyGrants = new ConcurrentHashMap<>();
            ConcurrentHashMap<String, AtomicInteger> interactionGrants = new ConcurrentHashMap<>();
            runOnEightThreads(seed -> {
                for (int n = 0; n < interactions * 3; n++) {
                    int j = (n * 7 + seed * 331) % interactions;
                    String interaction = now + "/i" + j;
                    String key = "c" + j % contacts;
                    if (ledger.reserveOnce(interaction, key, now, DAY, WEEK) instanceof Reservation.Granted) {
                        keyGrants.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                        interactionGrants.computeIfAbsent(interaction, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
            // The holds from the first round have expired in the second: each key is granted again, once.
            assertThat(keyGrants).hasSize(contacts);
            assertThat(keyGrants.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
            assertThat(interactionGrants).hasSize(contacts);
            assertThat(interactionGrants.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
            // Only granted interactions were claimed: the others are still merely denied.
            for (int j = 0; j < interactions; j++) {
                String interaction = now + "/i" + j;
                Reservation replay = ledger.reserveOnce(interaction, "c" + j % contacts, now, DAY, WEEK);
                assertThat(replay).isInstanceOf(interactionGrants.containsKey(interaction)
                        ? Reservation.AlreadyClaimed.class : Reservation.Denied.class);
            }
        }
    }

    interface Worker {
        void run(int seed) throws Exception;
    }

    static void runOnEightThreads(Worker worker) throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    worker.run(seed);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unclaimOnlyRemovesTheClaimThatExpiresAtTheGivenInstant() {
        Ledger ledger = new Ledger();
        assertThat(ledger.claim("i-1", T0, WEEK)).isTrue();
        assertThat(ledger.unclaim("i-1", T0.plus(WEEK).minusMillis(1))).isFalse();
        assertThat(ledger.unclaim("i-2", T0.plus(WEEK))).isFalse();
        assertThat(ledger.claimedUntil("i-1", T0)).hasValue(T0.plus(WEEK));
        assertThat(ledger.unclaim("i-1", T0.plus(WEEK))).isTrue();
        assertThat(ledger.claimedUntil("i-1", T0)).isEmpty();
        assertThat(ledger.unclaim("i-1", T0.plus(WEEK))).isFalse();
        assertThat(ledger.claim("i-1", T0.plusSeconds(1), WEEK)).isTrue();
    }

    @Test
    void readsWithoutWritingSeeLiveClaimsAndHoldsUpToTheirExpiry() {
        Ledger ledger = new Ledger();
        ledger.reserveOnce("i-1", "c1", T0, DAY, WEEK);
        long claimEnd = T0.plus(WEEK).toEpochMilli();
        long holdEnd = T0.plus(DAY).toEpochMilli();
        assertThat(ledger.peekOnce("i-1", "c1", T0)).isEqualTo(-claimEnd);
        assertThat(ledger.peekOnce("i-2", "c1", T0.plus(DAY).minusMillis(1))).isEqualTo(holdEnd);
        assertThat(ledger.peekOnce("i-2", "c1", T0.plus(DAY))).isZero();
        assertThat(ledger.peekOnce("i-1", "c9", T0.plus(WEEK).minusMillis(1))).isEqualTo(-claimEnd);
        assertThat(ledger.peekOnce("i-1", "c9", T0.plus(WEEK))).isZero();
        assertThat(ledger.claimedUntil("i-1", T0.plus(WEEK).minusMillis(1))).hasValue(T0.plus(WEEK));
        assertThat(ledger.claimedUntil("i-1", T0.plus(WEEK))).isEmpty();
        assertThat(ledger.heldUntil("c1", T0.plus(DAY).minusMillis(1))).hasValue(T0.plus(DAY));
        assertThat(ledger.heldUntil("c1", T0.plus(DAY))).isEmpty();
        assertThat(ledger.heldUntil("i-1", T0)).isEmpty();
        assertThat(ledger.size()).isEqualTo(2);
    }
}
