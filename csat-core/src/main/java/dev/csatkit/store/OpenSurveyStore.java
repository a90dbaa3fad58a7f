package dev.csatkit.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the engine keeps every survey it scheduled, from the decision until some time after it
 * ended (so a late reply still finds it).
 *
 * <p>Every method is atomic on its own. Changes are compare-and-set on {@link OpenSurvey#version()}:
 * two engine instances that race on one survey cannot both win, so a survey is never sent twice
 * and never ends in two states.
 *
 * <h2>Implementing it on a shared store</h2>
 *
 * <p><b>PostgreSQL</b>, with {@code open_survey(id text primary key, version bigint, channel_id
 * text, address text, state text, prompted_at timestamptz, sent_at timestamptz, due_at timestamptz,
 * body jsonb)} and indexes on
 * {@code (channel_id, address, prompted_at desc)} and on {@code due_at}:
 * <ul>
 *   <li>{@link #insert}: {@code INSERT … ON CONFLICT (id) DO NOTHING} — a row inserted means
 *       {@code true}. When the ledger lives in the same database, the engine's
 *       {@link ContactLedger#reserveOnce} and this insert fold into one statement with a CTE, so a
 *       decision is one round trip;</li>
 *   <li>{@link #replace}: {@code UPDATE … SET version = :v + 1, … WHERE id = :id AND version = :v};</li>
 *   <li>{@link #latestTo}: {@code … WHERE channel_id = :c AND address = :a AND prompted_at IS NOT NULL
 *       AND NOT (state = 'FAILED' AND sent_at IS NULL) ORDER BY prompted_at DESC LIMIT 1};</li>
 *   <li>{@link #due}: {@code … WHERE due_at <= :now ORDER BY due_at LIMIT :n}; several instances
 *       may read the same rows, since only one {@code replace} per version succeeds;</li>
 *   <li>{@link #purge}: {@code DELETE … WHERE ended_at < :before}.</li>
 * </ul>
 *
 * <p><b>Redis</b>: a hash per survey with a {@code WATCH}/{@code MULTI} (or a Lua script)
 * compare-and-set on its version field; {@code SET NX} for {@link #insert}; a sorted set scored by
 * due time for {@link #due}; a sorted set per {@code channel:address} of survey ids scored by
 * {@link OpenSurvey#promptedAt()}, read newest first past surveys that failed unsent, for
 * {@link #latestTo}.
 */
public interface OpenSurveyStore {

    /**
     * Adds a new survey.
     *
     * @param survey the survey, at version 0
     * @return {@code false} when a survey with that id exists (it is left unchanged)
     */
    boolean insert(OpenSurvey survey);

    /**
     * @param id a survey's id
     * @return the survey's current version
     */
    Optional<OpenSurvey> find(String id);

    /**
     * The survey most recently prompted at an address on a channel (latest
     * {@link OpenSurvey#promptedAt()}), open or recently ended: the one an inbound reply from that
     * address answers. A survey whose send is still in flight, or waits to be retried, counts: a
     * caller may press a key, or a customer reply, before the channel has confirmed the send. A
     * survey that ended {@link SurveyState#FAILED} without being sent is passed over, so a reply
     * reaches the one prompted before it.
     *
     * @param channelId the channel's id
     * @param address the contact's address on it
     * @return the survey, or empty when none was prompted there (or it was purged)
     */
    Optional<OpenSurvey> latestTo(String channelId, String address);

    /**
     * Writes the next version of a survey, only if the stored one is still {@code current}.
     *
     * @param current the version read
     * @param next the new version, with {@code version == current.version() + 1}
     * @return whether it was written; {@code false} means someone else changed it first
     */
    boolean replace(OpenSurvey current, OpenSurvey next);

    /**
     * @param now the current time
     * @param limit the most to return
     * @return surveys whose {@link OpenSurvey#dueAt()} is at or before {@code now}, earliest first
     */
    List<OpenSurvey> due(Instant now, int limit);

    /**
     * Forgets final surveys that ended before a time.
     *
     * @param endedBefore the cut-off
     * @return how many were removed
     */
    int purge(Instant endedBefore);
}
