package dev.csatkit.store.postgres.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every statement the store runs, for one schema. Each store operation is one of them, so each
 * is one round trip; the comments say how each keeps its operation atomic.
 *
 * <p>The writes run in the connection's own isolation level (READ COMMITTED by default). A
 * statement reads what stands in its way first, then writes only when nothing does.
 * A row a concurrent transaction committed after that read makes a guarded write ({@code ON
 * CONFLICT … DO UPDATE … WHERE}) skip its row; the statement then sees that a write fell short and
 * calls {@code lost_race}, which raises SQLSTATE 40001 and so undoes every write of the statement.
 * The store runs it again, and the new read sees the winner's row. Under REPEATABLE READ or
 * SERIALIZABLE the server raises 40001 itself in the same places.
 */
public final class Statements {

    /** The columns a survey is read with, in {@link Codec.SurveyColumns} order, then the body. */
    private static final String SURVEY_COLUMNS = "id, version, contact_id, channel_id, address, state, body";

    /**
     * {@code schedule}: opt-out check, interaction claim, cap holds and survey insert, as one call
     * of the schema's {@code schedule_survey} function (migrations 2 and 4), which answers O(pted out),
     * D(uplicate), C(apped) or S(cheduled) and returns at the first refusal; only S writes.
     */
    public final Sql schedule;
    /** {@code precheck}'s statements by their keys' counts: {@link #precheck(int)}. */
    private final ConcurrentMap<Integer, Sql> prechecks = new ConcurrentHashMap<>();
    private final String schema;
    /**
     * {@code claimDue}: locks the earliest due surveys nobody else is locking, and leases them. The
     * rows are updated by an array of their ids, so the plan looks each up by its key whatever the
     * planner guesses of the batch's size.
     */
    public final Sql claimDue;
    /**
     * {@code apply}: version check (the survey row locked, and the review's version when the step
     * changes it), provider message id, cap holds, then the next version, outbox messages, outcome,
     * review, reply and opt-out; only A(pplied) writes.
     */
    public final Sql apply;
    /** {@code claimOutbox}: as {@link #claimDue}, for side messages. */
    public final Sql claimOutbox;
    /** {@code settleOutbox} with a next try: the attempt settles only the message it claimed. */
    public final Sql settleKeep;
    /** {@code settleOutbox} removing the message. */
    public final Sql settleRemove;
    /** {@code find}. */
    public final Sql find;
    /** {@code latestDelivered}: the survey prompted last at the address that was sent or is sending. */
    public final Sql latestDelivered;
    /** {@code isOptedOut}. */
    public final Sql isOptedOut;
    /** {@code seenInbound}. */
    public final Sql seenInbound;
    /** {@code response}. */
    public final Sql response;
    /** {@code history}. */
    public final Sql history;
    /** {@code forEachResponse}, streamed in the order outcomes were first recorded. */
    public final Sql responses;
    /** {@code saveMood}. */
    public final Sql saveMood;
    /** {@code forEachMood}, streamed in the order assessments were saved. */
    public final Sql moods;
    /**
     * {@code saveReview}: the review written over the version read ({@code :current}, -1 for none);
     * a conflicting row of another version leaves the statement with no row changed.
     */
    public final Sql saveReview;
    /** {@code review}. */
    public final Sql review;
    /** {@code reviews} of some statuses, oldest first, up to a limit, along {@code review_opened}. */
    public final Sql reviews;
    /**
     * {@code reviews} of open statuses only: the queue, along the partial index {@code review_open},
     * whose condition the literal {@code IN} lets the planner match whatever the parameter holds.
     */
    public final Sql openReviews;
    /** {@code forEachReview}, streamed by opening time. */
    public final Sql forEachReview;
    /**
     * {@code purge}: one bounded batch of ended surveys (with their replies) and of expired
     * claims, holds and provider message ids; rows another transaction holds are skipped.
     */
    public final Sql purge;

    /**
     * @param schema the store's schema, a plain lower-case identifier
     */
    public Statements(String schema) {
        this.schema = schema;
        schedule = Sql.of("schedule", """
                SELECT outcome, opted_ord, claimed_until, held_ord, held_until
                FROM {s}.schedule_survey(:interaction, :id, :now::timestamptz, :claimUntil::timestamptz,
                    :optOutKeys::text[], :holdKeys::text[], :lockKeys::text[], :lockUntils::timestamptz[],
                    :version, :contactId, :channelId, :address, :state, :dueAt::timestamptz,
                    :promptedAt::timestamptz, :sentAt::timestamptz, :endedAt::timestamptz,
                    :leaseUntil::timestamptz, :body)
                """, schema);


        claimDue = Sql.of("claimDue", """
                WITH due AS (
                    SELECT id, due_at FROM {s}.survey
                    WHERE due_at <= :now::timestamptz
                    ORDER BY due_at, id
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                UPDATE {s}.survey s
                SET version = s.version + 1, lease_until = :lease::timestamptz, due_at = :lease::timestamptz,
                    body = jsonb_set(s.body, '{%s}', to_jsonb(:leaseText::text))
                WHERE s.id = ANY (ARRAY(SELECT id FROM due))
                RETURNING s.id, s.version, s.contact_id, s.channel_id, s.address, s.state, s.body,
                    (SELECT d.due_at FROM due d WHERE d.id = s.id)
                """.formatted(Codec.LEASE_FIELD), schema);

        apply = Sql.of("apply", """
                WITH cur AS (
                    SELECT id FROM {s}.survey WHERE id = :sid AND version = :currentVersion FOR UPDATE),
                held AS (
                    SELECT array_position(:moveKeys::text[], h.key) AS ord, h.until
                    FROM {s}.gate h
                    WHERE h.key = ANY (:moveKeys::text[]) AND h.until > :now::timestamptz
                        AND h.until <> (:moveTokens::text[])[array_position(:moveKeys::text[], h.key)]::timestamptz
                    ORDER BY 1 LIMIT 1),
                verdict AS (
                    SELECT CASE
                        WHEN :hasCurrent AND NOT EXISTS (SELECT 1 FROM cur) THEN 'S'
                        WHEN :hasReview AND (:reviewCurrent < 0) = EXISTS (
                            SELECT 1 FROM {s}.review WHERE survey_key = :reviewKey
                                AND (:reviewCurrent < 0 OR version = :reviewCurrent)) THEN 'S'
                        WHEN EXISTS (SELECT 1 FROM {s}.inbound
                                     WHERE id = :inbound AND until > :now::timestamptz) THEN 'D'
                        WHEN EXISTS (SELECT 1 FROM held) THEN 'C'
                        ELSE 'A' END AS outcome),
                updated AS (
                    UPDATE {s}.survey
                    SET version = :version, contact_id = :contactId, channel_id = :channelId, address = :address,
                        state = :state, due_at = :dueAt::timestamptz, prompted_at = :promptedAt::timestamptz,
                        sent_at = :sentAt::timestamptz, ended_at = :endedAt::timestamptz,
                        lease_until = :leaseUntil::timestamptz, body = :body::jsonb
                    WHERE id = (SELECT id FROM cur) AND :hasNext AND (SELECT outcome FROM verdict) = 'A'
                    RETURNING 1),
                seen AS (
                    INSERT INTO {s}.inbound AS i (id, until)
                    SELECT :inbound, :inboundUntil::timestamptz
                    WHERE :inbound::text IS NOT NULL AND (SELECT outcome FROM verdict) = 'A'
                    ON CONFLICT (id) DO UPDATE SET until = EXCLUDED.until WHERE i.until <= :now::timestamptz
                    RETURNING 1),
                released AS (
                    DELETE FROM {s}.gate h
                    USING unnest(:releaseKeys::text[], :releaseTokens::text[]) AS r(key, token)
                    WHERE (SELECT outcome FROM verdict) = 'A' AND h.key = r.key AND h.until = r.token::timestamptz
                    RETURNING 1),
                moved AS (
                    INSERT INTO {s}.gate AS h (key, until)
                    SELECT m.key, m.until::timestamptz
                    FROM unnest(:moveKeys::text[], :moveUntils::text[]) AS m(key, until)
                    WHERE (SELECT outcome FROM verdict) = 'A'
                    ON CONFLICT (key) DO UPDATE SET until = EXCLUDED.until
                        WHERE h.until <= :now::timestamptz
                           OR h.until = (SELECT t.token::timestamptz
                                         FROM unnest(:moveKeys::text[], :moveTokens::text[]) AS t(key, token)
                                         WHERE t.key = EXCLUDED.key)
                    RETURNING 1),
                queued AS (
                    INSERT INTO {s}.outbox AS o (key, due_at, attempts, body)
                    SELECT m.key, m.due::timestamptz, m.attempts, m.body::jsonb
                    FROM unnest(:outKeys::text[], :outDue::text[], :outAttempts::int[], :outBodies::text[])
                        AS m(key, due, attempts, body)
                    WHERE (SELECT outcome FROM verdict) = 'A'
                    ON CONFLICT (key) DO UPDATE
                        SET due_at = EXCLUDED.due_at, attempts = EXCLUDED.attempts, body = EXCLUDED.body
                    RETURNING 1),
                responded AS (
                    INSERT INTO {s}.response AS r (survey_key, version, sent_at, body)
                    SELECT :responseKey, :responseVersion, :responseSentAt::timestamptz, :responseBody::jsonb
                    WHERE :responseKey::text IS NOT NULL AND (SELECT outcome FROM verdict) = 'A'
                    ON CONFLICT (survey_key) DO UPDATE
                        SET version = EXCLUDED.version, sent_at = EXCLUDED.sent_at, body = EXCLUDED.body
                        WHERE r.version <= EXCLUDED.version
                    RETURNING 1),
                reviewed AS (
                    INSERT INTO {s}.review AS r (survey_key, version, status, opened_at, body)
                    SELECT :reviewKey, :reviewVersion, :reviewStatus, :reviewOpenedAt::timestamptz, :reviewBody::jsonb
                    WHERE :hasReview AND (SELECT outcome FROM verdict) = 'A'
                    ON CONFLICT (survey_key) DO UPDATE
                        SET version = EXCLUDED.version, status = EXCLUDED.status, body = EXCLUDED.body
                        WHERE r.version = :reviewCurrent
                    RETURNING 1),
                replied AS (
                    INSERT INTO {s}.reply (survey_key, body)
                    SELECT :replyKey, :replyBody::jsonb
                    WHERE :replyKey::text IS NOT NULL AND (SELECT outcome FROM verdict) = 'A'
                    RETURNING 1),
                opted_out AS (
                    INSERT INTO {s}.gate (key, until, at)
                    SELECT k, 'infinity', :now::timestamptz FROM unnest(:optKeys::text[]) AS k
                    WHERE NOT :optIn AND (SELECT outcome FROM verdict) = 'A'
                    ON CONFLICT (key) DO NOTHING
                    RETURNING 1),
                opted_in AS (
                    DELETE FROM {s}.gate
                    WHERE :optIn AND (SELECT outcome FROM verdict) = 'A' AND key = ANY (:optKeys::text[])
                    RETURNING 1),
                confirmed AS (
                    INSERT INTO {s}.outbox AS o (key, due_at, attempts, body)
                    SELECT :confirmKey, :confirmDue::timestamptz, :confirmAttempts, :confirmBody::jsonb
                    WHERE :confirmKey::text IS NOT NULL AND EXISTS (SELECT 1 FROM opted_out)
                    ON CONFLICT (key) DO UPDATE
                        SET due_at = EXCLUDED.due_at, attempts = EXCLUDED.attempts, body = EXCLUDED.body
                    RETURNING 1)
                SELECT g.outcome, (SELECT ord FROM held), (SELECT until FROM held),
                    EXISTS (SELECT 1 FROM opted_out) OR EXISTS (SELECT 1 FROM opted_in),
                    CASE WHEN g.outcome = 'A' AND (
                            (SELECT count(*) FROM updated) <> :updateCount
                            OR (SELECT count(*) FROM seen) <> :seenCount
                            OR (SELECT count(*) FROM moved) <> cardinality(:moveKeys::text[])
                            OR (SELECT count(*) FROM reviewed) <> :reviewCount)
                        THEN {s}.lost_race('a provider message id, a cap hold or a review') END
                FROM verdict g
                """, schema);

        claimOutbox = Sql.of("claimOutbox", """
                WITH due AS (
                    SELECT key, due_at FROM {s}.outbox
                    WHERE due_at <= :now::timestamptz
                    ORDER BY due_at, key
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                UPDATE {s}.outbox o SET due_at = :lease::timestamptz
                WHERE o.key = ANY (ARRAY(SELECT key FROM due))
                RETURNING o.key, o.attempts, o.body, (SELECT d.due_at FROM due d WHERE d.key = o.key)
                """, schema);

        settleKeep = Sql.of("settleOutbox", """
                UPDATE {s}.outbox SET due_at = :due::timestamptz, attempts = :nextAttempts, body = :body::jsonb
                WHERE key = :key AND attempts = :attempts
                """, schema);
        settleRemove = Sql.of("settleOutbox", """
                DELETE FROM {s}.outbox WHERE key = :key AND attempts = :attempts
                """, schema);

        find = Sql.of("find", "SELECT " + SURVEY_COLUMNS + " FROM {s}.survey WHERE id = :id", schema);
        latestDelivered = Sql.of("latestDelivered", """
                SELECT %s FROM {s}.survey
                WHERE channel_id = :channelId AND address = :address AND prompted_at IS NOT NULL
                    AND (sent_at IS NOT NULL OR state = 'SENDING')
                ORDER BY prompted_at DESC, id DESC
                LIMIT 1
                """.formatted(SURVEY_COLUMNS), schema);
        isOptedOut = Sql.of("isOptedOut",
                "SELECT EXISTS (SELECT 1 FROM {s}.gate WHERE key = ANY (:keys::text[]))", schema);
        seenInbound = Sql.of("seenInbound",
                "SELECT EXISTS (SELECT 1 FROM {s}.inbound WHERE id = :id AND until > :now::timestamptz)", schema);
        response = Sql.of("response", "SELECT body FROM {s}.response WHERE survey_key = :key", schema);
        history = Sql.of("history", "SELECT survey_key, body FROM {s}.reply WHERE survey_key = :key ORDER BY seq",
                schema);
        responses = Sql.of("forEachResponse", """
                SELECT body FROM {s}.response
                WHERE sent_at >= :from::timestamptz AND sent_at < :to::timestamptz
                ORDER BY seq
                """, schema);
        saveMood = Sql.of("saveMood", "INSERT INTO {s}.mood (at, body) VALUES (:at::timestamptz, :body::jsonb)",
                schema);
        moods = Sql.of("forEachMood", """
                SELECT body FROM {s}.mood
                WHERE at >= :from::timestamptz AND at < :to::timestamptz
                ORDER BY seq
                """, schema);
        saveReview = Sql.of("saveReview", """
                INSERT INTO {s}.review AS r (survey_key, version, status, opened_at, body)
                VALUES (:key, :version, :status, :openedAt::timestamptz, :body::jsonb)
                ON CONFLICT (survey_key) DO UPDATE
                    SET version = EXCLUDED.version, status = EXCLUDED.status, body = EXCLUDED.body
                    WHERE r.version = :current
                """, schema);
        review = Sql.of("review", "SELECT body FROM {s}.review WHERE survey_key = :key", schema);
        reviews = Sql.of("reviews", """
                SELECT body FROM {s}.review
                WHERE status = ANY (:statuses::text[])
                ORDER BY opened_at, survey_key
                LIMIT :limit
                """, schema);
        openReviews = Sql.of("reviews", """
                SELECT body FROM {s}.review
                WHERE status IN ('OPEN', 'IN_REVIEW') AND status = ANY (:statuses::text[])
                ORDER BY opened_at, survey_key
                LIMIT :limit
                """, schema);
        forEachReview = Sql.of("forEachReview", """
                SELECT body FROM {s}.review
                WHERE opened_at >= :from::timestamptz AND opened_at < :to::timestamptz
                ORDER BY opened_at, survey_key
                """, schema);
        purge = Sql.of("purge", """
                WITH ended AS (
                    SELECT id FROM {s}.survey
                    WHERE ended_at < :before::timestamptz
                    ORDER BY ended_at
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED),
                gone AS (
                    DELETE FROM {s}.survey WHERE id = ANY (ARRAY(SELECT id FROM ended)) RETURNING id),
                replies AS (
                    DELETE FROM {s}.reply WHERE survey_key = ANY (ARRAY(SELECT id FROM gone)) RETURNING 1),
                lapsed AS (
                    DELETE FROM {s}.gate WHERE key = ANY (ARRAY(
                        SELECT key FROM {s}.gate
                        WHERE until <= :before::timestamptz
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED))
                    RETURNING 1),
                inbound AS (
                    DELETE FROM {s}.inbound WHERE id = ANY (ARRAY(
                        SELECT id FROM {s}.inbound
                        WHERE until <= :before::timestamptz
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED))
                    RETURNING 1)
                SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM replies), (SELECT count(*) FROM lapsed),
                    (SELECT count(*) FROM inbound)
                """, schema);
    }

    /**
     * {@code precheck}: the read {@link #schedule} starts with, as one plain statement (one
     * snapshot) that writes nothing: the live {@code gate} rows among the decision's opt-out keys,
     * its interaction's claim and its cap keys, one scan of one primary key. The usual refusal, a
     * capped contact, is then one round trip before the engine builds a survey; the store picks
     * the answer from the rows' keys by {@code schedule}'s order.
     *
     * <p>There is one statement for each count of keys, each key a parameter of its own: with an
     * array for a parameter the server cannot tell a plan's cost before it sees it, makes a plan
     * for each call's array, and planning then costs more than the read. With one parameter per
     * key it settles on one plan per session after five calls.
     *
     * @param keys how many keys, 2 or more (an interaction and at least one cap key)
     * @return the statement; its parameters are {@code :k1}… and {@code :now}
     */
    public Sql precheck(int keys) {
        if (keys < 2) {
            throw new IllegalArgumentException("precheck reads 2 or more keys (" + keys
                    + "): an interaction's claim and at least one cap key");
        }
        // Key counts are few (a contact's addresses, one or two caps): the map stays small.
        return prechecks.computeIfAbsent(keys, this::precheckSql);
    }

    private Sql precheckSql(int keys) {
        StringBuilder q = new StringBuilder("SELECT g.key, g.until FROM {s}.gate g WHERE g.key IN (");
        for (int i = 1; i <= keys; i++) {
            q.append(i > 1 ? ", :k" : ":k").append(i);
        }
        return Sql.of("precheck", q.append(") AND g.until > :now::timestamptz").toString(), schema);
    }
}
