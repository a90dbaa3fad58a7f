package dev.csatkit.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Interaction claims and frequency-cap holds in this JVM's memory, for the in-memory survey
 * store. Every method is atomic on its own. State is lost when the process ends.
 *
 * <h2>Memory</h2>
 *
 * <p>Keys themselves are not kept. Each is reduced to a 128-bit fingerprint (MurmurHash3 x64-128
 * of its UTF-16 code units) and stored with its expiry as three {@code long}s in an
 * open-addressing table that grows to half full whenever it reaches three quarters full. While
 * entries accumulate, each therefore costs 32 to 48 bytes whatever the key's length, and a
 * tracked contact — one interaction claim and one cap hold — 64 to 96 (about 77 measured for a
 * million contacts). Claims and holds are separate tables, so an interaction key and a cap key
 * never meet.
 *
 * <p>Two distinct keys share a fingerprint with probability about 2<sup>-128</sup> per pair (for
 * a billion live keys, about 10<sup>-21</sup> that any pair does). The hash is not
 * cryptographic: someone able to choose keys could construct two with one fingerprint. Two such
 * keys share one entry, which makes the ledger deny or call a replay what it would have granted,
 * never grant twice — except that releasing one would also release the other's hold if both
 * expired at the same millisecond.
 *
 * <h2>Concurrency</h2>
 *
 * <p>Each table is split into {@value FingerprintTable#STRIPES} stripes, each guarded by a
 * {@link java.util.concurrent.locks.StampedLock}. Answers that change nothing (denied, already
 * claimed) are read optimistically, without writing to any lock; a grant locks the one or two
 * stripes it writes, the claim's before the hold's.
 *
 * <h2>Sweeping</h2>
 *
 * <p>An entry counts as absent once it has expired at the {@code now} of the call that meets it,
 * and its slot is reused by the next key inserted along its probe sequence. A stripe that reaches
 * three quarters full first drops its expired entries and then grows or shrinks to be half full;
 * each stripe also sweeps after its share of {@value #SWEEP_EVERY} writes ({@code SWEEP_EVERY /
 * STRIPES}), or after as many writes as it has slots when that is more, so sweeping costs at most
 * one slot visit per write. Memory therefore follows the number of live entries, not history.
 * After a peak with little traffic behind it, calling {@link #sweep(Instant)} on a schedule
 * gives the memory back sooner. Expiry is judged against the caller's {@code now}: threads that
 * read one clock agree on it to within that clock's skew between threads.
 */
public final class Ledger {

    /** Writes between sweeps of expired entries, on average over the stripes of a table. */
    public static final int SWEEP_EVERY = 1 << 16;

    private static final Duration ONE_MILLISECOND = Duration.ofMillis(1);

    private final FingerprintTable holds = new FingerprintTable(SWEEP_EVERY);
    private final FingerprintTable claims = new FingerprintTable(SWEEP_EVERY);
    /** Creates an empty ledger. */
    public Ledger() {
    }

    /**
     * Holds {@code key} for {@code window} from {@code now}, unless a live hold exists.
     *
     * @param key the cap key
     * @param now the current time
     * @param window how long, at least a millisecond
     * @return granted with the hold's expiry, or denied with the live hold's
     */
    public Reservation reserve(String key, Instant now, Duration window) {
        Fingerprint f = Fingerprint.of(Objects.requireNonNull(key, "key"));
        long nowMillis = Objects.requireNonNull(now, "now").toEpochMilli();
        long until = expiry(nowMillis, window, "window");
        long held = holds.reserve(f.hi(), f.lo(), nowMillis, until);
        return held == FingerprintTable.GRANTED ? new Reservation.Granted(Instant.ofEpochMilli(until))
                : new Reservation.Denied(Instant.ofEpochMilli(held));
    }

    /**
     * Lets go of the hold that expires at {@code until}; a newer hold on the key stays.
     *
     * @param key the cap key
     * @param until the granted hold's expiry
     * @return whether a hold was removed
     */
    public boolean release(String key, Instant until) {
        Fingerprint f = Fingerprint.of(Objects.requireNonNull(key, "key"));
        return holds.remove(f.hi(), f.lo(), Objects.requireNonNull(until, "until").toEpochMilli());
    }

    /**
     * Reads the interaction's claim and the cap key's hold at once, without writing.
     *
     * @param interactionKey the interaction's key
     * @param key the cap key
     * @param now the current time
     * @return minus the live claim's expiry in epoch milliseconds when claimed; else the live
     *     hold's expiry when held; else 0
     */
    public long peekOnce(String interactionKey, String key, Instant now) {
        return FingerprintTable.peekOnce(claims, interactionKey, holds, key, now.toEpochMilli());
    }

    /**
     * @param interactionKey the interaction's key
     * @param now the current time
     * @return the live claim's expiry, read without writing
     */
    public java.util.Optional<Instant> claimedUntil(String interactionKey, Instant now) {
        Fingerprint f = Fingerprint.of(Objects.requireNonNull(interactionKey, "interactionKey"));
        return live(claims.peek(f.hi(), f.lo(), now.toEpochMilli()));
    }

    /**
     * @param key the cap key
     * @param now the current time
     * @return the live hold's expiry, read without writing
     */
    public java.util.Optional<Instant> heldUntil(String key, Instant now) {
        Fingerprint f = Fingerprint.of(Objects.requireNonNull(key, "key"));
        return live(holds.peek(f.hi(), f.lo(), now.toEpochMilli()));
    }

    private static java.util.Optional<Instant> live(long until) {
        return until == Long.MIN_VALUE ? java.util.Optional.empty() : java.util.Optional.of(Instant.ofEpochMilli(until));
    }

    /**
     * Lets go of the claim that expires at {@code until}: undoes a claim whose step could not finish.
     *
     * @param interactionKey the interaction's key
     * @param until the claim's expiry
     * @return whether a claim was removed
     */
    public boolean unclaim(String interactionKey, Instant until) {
        Fingerprint f = Fingerprint.of(Objects.requireNonNull(interactionKey, "interactionKey"));
        return claims.remove(f.hi(), f.lo(), Objects.requireNonNull(until, "until").toEpochMilli());
    }

    /**
     * Claims an interaction until {@code now + retention}, unless a live claim exists.
     *
     * @param interactionKey the interaction's key
     * @param now the current time
     * @param retention how long the claim is kept
     * @return whether it was claimed now
     */
    public boolean claim(String interactionKey, Instant now, Duration retention) {
        Fingerprint f = Fingerprint.of(Objects.requireNonNull(interactionKey, "interactionKey"));
        long nowMillis = Objects.requireNonNull(now, "now").toEpochMilli();
        return claims.reserve(f.hi(), f.lo(), nowMillis, expiry(nowMillis, retention, "retention"))
                == FingerprintTable.GRANTED;
    }

    /**
     * Claims the interaction and holds the cap key in one atomic step, or changes nothing: a live
     * claim answers already claimed, else a live hold answers denied, else both are written.
     *
     * @param interactionKey the interaction's key
     * @param key the cap key
     * @param now the current time
     * @param window how long to hold the key
     * @param retention how long to keep the claim
     * @return granted with the hold's expiry, denied, or already claimed
     */
    public Reservation reserveOnce(String interactionKey, String key, Instant now, Duration window,
            Duration retention) {
        Objects.requireNonNull(interactionKey, "interactionKey");
        Objects.requireNonNull(key, "key");
        long nowMillis = Objects.requireNonNull(now, "now").toEpochMilli();
        long holdUntil = expiry(nowMillis, window, "window");
        long claimUntil = expiry(nowMillis, retention, "retention");
        return FingerprintTable.reserveOnce(claims, interactionKey, claimUntil, holds, key, holdUntil, nowMillis);
    }

    /** @return the number of holds and claims in memory, expired ones not yet swept included */
    public int size() {
        return holds.size() + claims.size();
    }

    /**
     * Removes every hold and claim that has expired at {@code now}, and gives back the memory of
     * stripes left mostly empty.
     *
     * @param now the current time
     * @return how many were removed
     */
    public int sweep(Instant now) {
        long nowMillis = Objects.requireNonNull(now, "now").toEpochMilli();
        return holds.sweep(nowMillis) + claims.sweep(nowMillis);
    }

    /** {@code now + duration} in epoch milliseconds, for a duration of at least a millisecond. */
    private static long expiry(long nowMillis, Duration duration, String field) {
        Objects.requireNonNull(duration, field);
        if (duration.compareTo(ONE_MILLISECOND) < 0) {
            throw new IllegalArgumentException(field + " = " + duration + ": must be at least 1 ms");
        }
        try {
            return Math.addExact(nowMillis, duration.toMillis());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " = " + duration
                    + ": now + " + field + " must be within the range of epoch milliseconds", e);
        }
    }
}
