package dev.csatkit.internal.channel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.csatkit.channel.UsedTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The in-memory {@link UsedTokenStore}: a Caffeine cache whose entries expire at their link's
 * expiry, measured by the injected clock rather than the JVM's nano timer.
 */
public final class CaffeineUsedTokenStore implements UsedTokenStore {

    private final Cache<String, Instant> used;

    /**
     * @param clock decides when entries expire
     */
    public CaffeineUsedTokenStore(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        this.used = Caffeine.newBuilder()
                .ticker(() -> epochNanos(clock.instant()))
                .executor(Runnable::run)
                .expireAfter(new Expiry<String, Instant>() {
                    @Override
                    public long expireAfterCreate(String key, Instant expiresAt, long currentTime) {
                        return Math.max(0L, saturatedNanos(Duration.between(clock.instant(), expiresAt)));
                    }

                    @Override
                    public long expireAfterUpdate(String key, Instant expiresAt, long currentTime,
                            long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, Instant expiresAt, long currentTime,
                            long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    private static long epochNanos(Instant t) {
        return saturatedNanos(Duration.ofSeconds(t.getEpochSecond(), t.getNano()));
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    @Override
    public boolean markUsed(String ballotId, Instant expiresAt) {
        return used.asMap().putIfAbsent(ballotId, expiresAt) == null;
    }

    @Override
    public boolean isUsed(String ballotId) {
        return used.getIfPresent(ballotId) != null;
    }

    /** @return the number of ballots held, after dropping expired ones */
    public long size() {
        used.cleanUp();
        return used.estimatedSize();
    }
}
