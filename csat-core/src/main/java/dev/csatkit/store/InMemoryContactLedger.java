package dev.csatkit.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ContactLedger} in this JVM's memory: the default, so an engine runs with no server.
 * State is lost when the process ends and is not shared between instances.
 *
 * <p>Holds are kept as one {@code long} (the expiry in epoch milliseconds) per key in a
 * {@link ConcurrentHashMap}; a plain map rather than a cache because an expired hold must never
 * be confused with a live one, and eviction by size would forget live holds. Expired holds are
 * swept every {@value #SWEEP_EVERY} writes, so memory follows the number of live holds.
 */
public final class InMemoryContactLedger implements ContactLedger {

    /** How many writes pass between sweeps of expired holds. */
    public static final int SWEEP_EVERY = 1 << 16;

    private final ConcurrentHashMap<String, Long> holds = new ConcurrentHashMap<>();
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();
    private final AtomicLong writes = new AtomicLong();

    /** Creates an empty ledger. */
    public InMemoryContactLedger() {
    }

    @Override
    public Reservation reserve(String key, Instant now, Duration window) {
        Objects.requireNonNull(key, "key");
        long nowMillis = now.toEpochMilli();
        long until = nowMillis + window.toMillis();
        long[] held = {0};
        holds.compute(key, (k, existing) -> {
            if (existing != null && existing > nowMillis) {
                held[0] = existing;
                return existing;
            }
            return until;
        });
        afterWrite(now);
        return held[0] == 0 ? new Reservation.Granted(Instant.ofEpochMilli(until))
                : new Reservation.Denied(Instant.ofEpochMilli(held[0]));
    }

    @Override
    public synchronized Reservation reserveOnce(String interactionKey, String key, Instant now, Duration window,
            Duration retention) {
        Long claimed = holds.get("\u0001" + interactionKey);
        if (claimed != null && claimed > now.toEpochMilli()) {
            return new Reservation.AlreadyClaimed(Instant.ofEpochMilli(claimed));
        }
        Reservation r = reserve(key, now, window);
        if (r instanceof Reservation.Granted) {
            claim(interactionKey, now, retention);
        }
        return r;
    }

    @Override
    public boolean release(String key, Instant until) {
        return holds.remove(key, until.toEpochMilli());
    }

    @Override
    public boolean claim(String interactionKey, Instant now, Duration retention) {
        return reserve("\u0001" + interactionKey, now, retention) instanceof Reservation.Granted;
    }

    @Override
    public boolean optOut(String address, Instant at) {
        return optedOut.add(Objects.requireNonNull(address, "address"));
    }

    @Override
    public boolean optIn(String address) {
        return optedOut.remove(address);
    }

    @Override
    public boolean isOptedOut(String address) {
        return optedOut.contains(address);
    }

    /** @return the number of holds in memory, expired ones not yet swept included */
    public int size() {
        return holds.size();
    }

    /**
     * Removes every hold that has expired at {@code now}.
     *
     * @param now the current time
     * @return how many were removed
     */
    public int sweep(Instant now) {
        long nowMillis = now.toEpochMilli();
        int before = holds.size();
        holds.values().removeIf(until -> until <= nowMillis);
        return Math.max(0, before - holds.size());
    }

    private void afterWrite(Instant now) {
        if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
    }
}
