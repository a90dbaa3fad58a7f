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
 * <p>Each call is one round trip. Claims and holds are separate key spaces: a cap key never
 * meets an interaction key, however alike the two strings are.
 *
 * <p><b>PostgreSQL</b>, with {@code ledger(space char(1), key text, until timestamptz,
 * primary key (space, key))} ({@code 'H'} for holds, {@code 'C'} for claims) and
 * {@code opt_out(address text primary key, at timestamptz)}:
 * <ul>
 *   <li>{@link #reserve}: {@code INSERT INTO ledger VALUES ('H', :key, :now + :window)
 *       ON CONFLICT (space, key) DO UPDATE SET until = EXCLUDED.until WHERE ledger.until <= :now
 *       RETURNING until} — a row back means granted; none means denied (then read the holder's
 *       {@code until});</li>
 *   <li>{@link #release}: {@code DELETE FROM ledger WHERE space = 'H' AND key = :key AND until = :until};</li>
 *   <li>{@link #claim}: the same statement as {@code reserve} in space {@code 'C'};</li>
 *   <li>{@link #reserveOnce}: one statement whose data-modifying CTEs hold first and claim only
 *       when the hold was granted, so a denied decision writes nothing:
 * <pre>{@code
 * WITH claimed AS (                       -- a live claim means a replay
 *   SELECT until FROM ledger WHERE space = 'C' AND key = :interaction AND until > :now
 * ), hold AS (                            -- hold the cap key unless claimed or already held
 *   INSERT INTO ledger SELECT 'H', :key, :now + :window WHERE NOT EXISTS (SELECT FROM claimed)
 *   ON CONFLICT (space, key) DO UPDATE SET until = EXCLUDED.until WHERE ledger.until <= :now
 *   RETURNING until
 * ), claim AS (                           -- claim the interaction only beside a granted hold
 *   INSERT INTO ledger SELECT 'C', :interaction, :now + :retention FROM hold
 *   ON CONFLICT (space, key) DO UPDATE SET until = EXCLUDED.until WHERE ledger.until <= :now
 *   RETURNING until
 * )
 * SELECT (SELECT until FROM claimed) AS claimed_until,    -- set: AlreadyClaimed
 *        (SELECT until FROM hold)    AS granted_until,    -- set: Granted
 *        (SELECT until FROM ledger WHERE space = 'H' AND key = :key) AS held_until  -- else Denied
 * }</pre>
 *       Both upserts lock their row, and the statement commits or fails as a whole. Run it at
 *       {@code REPEATABLE READ} and retry on SQLSTATE {@code 40001}: two calls racing for the
 *       same row then cannot both decide from a snapshot that misses the other's write (at
 *       {@code READ COMMITTED}, a call that lost such a race could answer denied where the
 *       truth is already claimed, or leave a hold on a second cap key for a claimed interaction);</li>
 *   <li>{@link #optOut}: {@code INSERT INTO opt_out VALUES (:address, :at) ON CONFLICT DO NOTHING};
 *       {@link #optIn}: {@code DELETE}; {@link #isOptedOut}: a primary-key lookup.</li>
 * </ul>
 *
 * <p><b>Redis</b>, holds under {@code hold:<key>} and claims under {@code claim:<key>}:
 * <ul>
 *   <li>{@link #reserve}: {@code SET hold:<key> until NX PX window} — {@code OK} means granted, nil
 *       means denied (then {@code GET} tells until when);</li>
 *   <li>{@link #release}: a compare-and-delete script
 *       ({@code if redis.call('GET', k) == until then return redis.call('DEL', k) end});</li>
 *   <li>{@link #claim}: {@code SET claim:<key> until NX PX retention};</li>
 *   <li>{@link #reserveOnce}: a script, which Redis runs without interleaving any other command,
 *       with {@code KEYS = {claim:<interaction>, hold:<key>}} and
 *       {@code ARGV = {claimUntil, retentionMs, holdUntil, windowMs}}:
 * <pre>{@code
 * local claimed = redis.call('GET', KEYS[1])
 * if claimed then return {'claimed', claimed} end
 * local held = redis.call('GET', KEYS[2])
 * if held then return {'held', held} end
 * redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
 * redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4])
 * return {'granted', ARGV[3]}
 * }</pre>
 *       On Redis Cluster both keys must share a hash slot: give them the same hash tag, such as
 *       the contact;</li>
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
     * Everything a decision that passed every other rule needs from the ledger, in one atomic
     * step: claims the interaction and holds the cap key, or changes nothing.
     *
     * <ol>
     *   <li>If {@code interactionKey} has a claim that has not expired at {@code now}, answers
     *       {@link Reservation.AlreadyClaimed} with that claim's expiry: the event is a replay.</li>
     *   <li>Otherwise, if {@code key} has a hold that has not expired at {@code now}, answers
     *       {@link Reservation.Denied} with that hold's expiry. The interaction stays unclaimed,
     *       so a replay of it gets the same answer.</li>
     *   <li>Otherwise claims the interaction until {@code now + retention}, holds {@code key}
     *       until {@code now + window}, and answers {@link Reservation.Granted} with the hold's
     *       expiry, which {@link #release} accepts.</li>
     * </ol>
     *
     * <p>The claim is the one {@link #claim} makes and the hold the one {@link #reserve} makes;
     * the two live in separate key spaces, so {@code interactionKey} and {@code key} never meet
     * even when they are the same string.
     *
     * @param interactionKey the interaction's key
     * @param key the reservation key of the frequency cap
     * @param now the current time
     * @param window how long to hold {@code key}
     * @param retention how long replays of the same interaction must be recognised
     * @return granted with the hold's expiry, denied with the existing hold's expiry, or already
     *     claimed with the existing claim's expiry
     * @throws IllegalArgumentException when {@code window} or {@code retention} is shorter than a
     *     millisecond
     */
    Reservation reserveOnce(String interactionKey, String key, Instant now, Duration window, Duration retention);

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
