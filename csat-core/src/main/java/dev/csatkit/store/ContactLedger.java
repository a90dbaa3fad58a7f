package dev.csatkit.store;

import java.time.Duration;
import java.time.Instant;

/**
 * What the engine remembers about contacts: frequency-cap reservations, which interactions were
 * already claimed by a survey, and opt-outs.
 *
 * <p>Every method is atomic on its own and safe to call from many threads and many application
 * instances at once; the engine never wraps calls in a lock or transaction of its own. Keys are
 * opaque strings built by the engine (they already combine survey and contact where the cap is
 * per survey).
 *
 * <h2>Implementing it on a shared store</h2>
 *
 * <p>Each call is one round trip.
 *
 * <p><b>PostgreSQL</b>, with {@code ledger(key text primary key, until timestamptz)} and
 * {@code opt_out(address text primary key, at timestamptz)}:
 * <ul>
 *   <li>{@link #reserve}: {@code INSERT INTO ledger VALUES (:key, :now + :window) ON CONFLICT (key)
 *       DO UPDATE SET until = EXCLUDED.until WHERE ledger.until <= :now RETURNING until} — a row
 *       back means granted; none means denied (then read the holder's {@code until});</li>
 *   <li>{@link #release}: {@code DELETE FROM ledger WHERE key = :key AND until = :until};</li>
 *   <li>{@link #claim}: the same statement as {@code reserve} on the interaction's key;</li>
 *   <li>{@link #optOut}: {@code INSERT INTO opt_out VALUES (:address, :at) ON CONFLICT DO NOTHING};
 *       {@link #optIn}: {@code DELETE}; {@link #isOptedOut}: a primary-key lookup.</li>
 * </ul>
 *
 * <p><b>Redis</b>:
 * <ul>
 *   <li>{@link #reserve}: {@code SET key until NX PX window} — {@code OK} means granted, nil
 *       means denied (then {@code PTTL key} tells until when);</li>
 *   <li>{@link #release}: a compare-and-delete script
 *       ({@code if redis.call('GET', k) == until then return redis.call('DEL', k) end});</li>
 *   <li>{@link #claim}: {@code SET NX PX} on the interaction's key;</li>
 *   <li>opt-outs: {@code SADD} / {@code SREM} / {@code SISMEMBER} on one set.</li>
 * </ul>
 *
 * <p>Time is always passed in by the engine, which reads it from its injected clock; an
 * implementation never reads the system clock to decide.
 */
public interface ContactLedger {

    /**
     * Holds {@code key} for {@code window} from {@code now}, unless a hold that has not expired
     * at {@code now} exists.
     *
     * @param key the reservation key
     * @param now the current time
     * @param window how long to hold it
     * @return granted with the hold's expiry, or denied with the existing hold's expiry
     */
    Reservation reserve(String key, Instant now, Duration window);

    /**
     * Lets go of a hold, but only the one that was granted: a newer hold on the same key stays.
     *
     * @param key the reservation key
     * @param until the expiry returned by {@link Reservation.Granted}
     * @return whether a hold was removed
     */
    boolean release(String key, Instant until);

    /**
     * Claims an interaction for a survey so that it is never surveyed twice, remembering the claim
     * for {@code retention}.
     *
     * @param interactionKey the interaction's key
     * @param now the current time
     * @param retention how long replays of the same interaction must be recognised
     * @return {@code true} the first time, {@code false} for every later claim within retention
     */
    boolean claim(String interactionKey, Instant now, Duration retention);

    /**
     * Records that an address opted out, for good, until it opts in again.
     *
     * @param address the channel address key (such as {@code SMS:+46701234567})
     * @param at when the opt-out was received
     * @return {@code true} when the address was not opted out before
     */
    boolean optOut(String address, Instant at);

    /**
     * Lifts an opt-out.
     *
     * @param address the channel address key
     * @return {@code true} when the address was opted out
     */
    boolean optIn(String address);

    /**
     * @param address the channel address key
     * @return whether the address has opted out
     */
    boolean isOptedOut(String address);
}
