package dev.csatkit.store;

import static org.assertj.core.api.Assertions.assertThat;

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

class InMemoryContactLedgerTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    static final Duration DAY = Duration.ofDays(1);

    @Test
    void aHoldBlocksUntilItExpires() {
        InMemoryContactLedger ledger = new InMemoryContactLedger();
        assertThat(ledger.reserve("c1", T0, DAY)).isEqualTo(new Reservation.Granted(T0.plus(DAY)));
        assertThat(ledger.reserve("c1", T0.plusSeconds(3600), DAY)).isEqualTo(new Reservation.Denied(T0.plus(DAY)));
        assertThat(ledger.reserve("c2", T0, DAY)).isInstanceOf(Reservation.Granted.class);
        // Expiry is exclusive: at the instant the hold ends, the key is free again.
        assertThat(ledger.reserve("c1", T0.plus(DAY), DAY)).isEqualTo(new Reservation.Granted(T0.plus(DAY).plus(DAY)));
    }

    @Test
    void releaseOnlyRemovesTheHoldThatWasGranted() {
        InMemoryContactLedger ledger = new InMemoryContactLedger();
        Reservation.Granted first = (Reservation.Granted) ledger.reserve("c1", T0, DAY);
        assertThat(ledger.release("c1", first.until())).isTrue();
        assertThat(ledger.release("c1", first.until())).isFalse();
        Reservation.Granted second = (Reservation.Granted) ledger.reserve("c1", T0.plusSeconds(1), DAY);
        assertThat(ledger.release("c1", first.until())).isFalse();
        assertThat(ledger.reserve("c1", T0.plusSeconds(2), DAY)).isEqualTo(new Reservation.Denied(second.until()));
    }

    @Test
    void anInteractionIsClaimedOnce() {
        InMemoryContactLedger ledger = new InMemoryContactLedger();
        assertThat(ledger.claim("i-1", T0, DAY)).isTrue();
        assertThat(ledger.claim("i-1", T0.plusSeconds(60), DAY)).isFalse();
        assertThat(ledger.claim("i-2", T0, DAY)).isTrue();
        // Claims and holds live apart even when the strings look alike.
        assertThat(ledger.reserve("i-1", T0, DAY)).isInstanceOf(Reservation.Granted.class);
    }

    @Test
    void optOutsLastUntilOptIn() {
        InMemoryContactLedger ledger = new InMemoryContactLedger();
        assertThat(ledger.isOptedOut("SMS:+46701234567")).isFalse();
        assertThat(ledger.optOut("SMS:+46701234567", T0)).isTrue();
        assertThat(ledger.optOut("SMS:+46701234567", T0)).isFalse();
        assertThat(ledger.isOptedOut("SMS:+46701234567")).isTrue();
        assertThat(ledger.isOptedOut("EMAIL:ann@example.com")).isFalse();
        assertThat(ledger.optIn("SMS:+46701234567")).isTrue();
        assertThat(ledger.isOptedOut("SMS:+46701234567")).isFalse();
        assertThat(ledger.optIn("SMS:+46701234567")).isFalse();
    }

    @Test
    void sweepingForgetsOnlyExpiredHolds() {
        InMemoryContactLedger ledger = new InMemoryContactLedger();
        ledger.reserve("short", T0, Duration.ofMinutes(5));
        ledger.reserve("long", T0, DAY);
        assertThat(ledger.sweep(T0.plusSeconds(600))).isEqualTo(1);
        assertThat(ledger.size()).isEqualTo(1);
        assertThat(ledger.reserve("long", T0.plusSeconds(600), DAY)).isInstanceOf(Reservation.Denied.class);
    }

    @Test
    void memoryFollowsLiveHoldsNotHistory() {
        InMemoryContactLedger ledger = new InMemoryContactLedger();
        Instant now = T0;
        for (int i = 0; i < InMemoryContactLedger.SWEEP_EVERY * 3; i++) {
            now = now.plusSeconds(1);
            ledger.reserve("c" + i, now, Duration.ofMinutes(1));
        }
        assertThat(ledger.size()).isLessThanOrEqualTo(InMemoryContactLedger.SWEEP_EVERY + 60);
    }

    @Test
    void eightThreadsNeverGrantTheSameKeyTwiceInItsWindow() throws Exception {
        InMemoryContactLedger ledger = new InMemoryContactLedger();
        int threads = 8;
        int perThread = 12_500;
        int contacts = 500; // heavily repeated: each contact is tried about 200 times
        ConcurrentHashMap<String, AtomicInteger> grants = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    String key = "c" + ((i * 31 + seed * 7) % contacts);
                    if (ledger.reserve(key, T0, DAY) instanceof Reservation.Granted) {
                        grants.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(grants).hasSize(contacts);
        assertThat(grants.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }
}
