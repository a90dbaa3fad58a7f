package dev.csatkit.channel;

import dev.csatkit.internal.channel.CaffeineUsedTokenStore;
import java.time.Clock;
import java.time.Instant;

/**
 * Remembers which email-link ballots were already submitted, so that a rating is recorded once.
 * A ballot is one sent message: every link of it (one per scale point) shares the ballot, so
 * submitting one link uses them all.
 *
 * <p>Implementations must make {@link #markUsed} atomic across every instance of the host
 * application that verifies links: one shared row with a unique key
 * ({@code INSERT ... ON CONFLICT DO NOTHING}) or a {@code SET NX} with an expiry. An entry may be
 * forgotten once its expiry has passed, since expired tokens are refused before the store is
 * asked.
 */
public interface UsedTokenStore {

    /**
     * Marks a ballot used, atomically.
     *
     * @param ballotId the ballot's id, at most 64 ASCII characters
     * @param expiresAt when the ballot's links expire; the entry may be dropped after it
     * @return {@code true} when this call marked it, {@code false} when it was already used
     */
    boolean markUsed(String ballotId, Instant expiresAt);

    /**
     * @param ballotId a ballot's id
     * @return whether it was already used
     */
    boolean isUsed(String ballotId);

    /**
     * A store in this process's memory, for a single instance or for tests; entries are dropped
     * when their links expire, by the given clock.
     *
     * @param clock the clock that decides expiry
     * @return a new, empty store
     */
    static UsedTokenStore inMemory(Clock clock) {
        return new CaffeineUsedTokenStore(clock);
    }
}
