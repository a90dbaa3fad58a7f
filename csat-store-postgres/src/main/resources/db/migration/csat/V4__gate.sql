-- CSAT Kit survey store, schema version 4: opt-outs, interaction claims and cap holds in one table.
--
-- A decision's read asks the same question of all three: is any of these keys taken, and until
-- when? As three tables it was three index scans under an Append; as one it is one scan of one
-- primary key with every key in its IN list, which the server answers in about 0.84 of the time.
-- Each kind keeps its own key space through a one-letter prefix, so no key of one kind can equal
-- a key of another:
--   o  an opted-out contact id or channel address; until is 'infinity', at is when it was written
--   c  an interaction id claimed by its survey; until is when the claim lapses
--   h  a frequency-cap key; until is when the hold lapses, and is its owner's token
--
-- Upgrading moves every row of the three tables here and drops them, in the migration's
-- transaction. The three tables are locked first, so no instance of an older version can write a
-- row the copy would miss: their statements wait for the migration to commit, then fail, as every
-- later one that names the old tables does (the store reports them as PostgresStoreException).
-- Stop them before migrating, or let their errors run until the deploy replaces them.
LOCK TABLE opt_out, interaction_claim, cap_hold IN ACCESS EXCLUSIVE MODE;

CREATE TABLE gate (
    key   text        NOT NULL PRIMARY KEY,
    until timestamptz NOT NULL,
    at    timestamptz
);
-- purge: expired claims and holds, oldest first (opt-outs, at 'infinity', are never reached).
CREATE INDEX gate_until ON gate (until);

INSERT INTO gate (key, until, at) SELECT 'o' || key, 'infinity', at FROM opt_out;
INSERT INTO gate (key, until) SELECT 'c' || interaction_id, until FROM interaction_claim;
INSERT INTO gate (key, until) SELECT 'h' || key, until FROM cap_hold;
DROP TABLE opt_out, interaction_claim, cap_hold;
ANALYZE gate;

-- schedule_survey as in version 2 (the same parameters and answers, keys without their prefix),
-- its read now one scan of gate.
CREATE OR REPLACE FUNCTION schedule_survey(
    p_interaction text, p_id text, p_now timestamptz, p_claim_until timestamptz,
    p_opt_out_keys text[], p_hold_keys text[], p_lock_keys text[], p_lock_untils timestamptz[],
    p_version bigint, p_contact_id text, p_channel_id text, p_address text, p_state text,
    p_due_at timestamptz, p_prompted_at timestamptz, p_sent_at timestamptz, p_ended_at timestamptz,
    p_lease_until timestamptz, p_body text,
    OUT outcome text, OUT opted_ord integer, OUT claimed_until timestamptz, OUT held_ord integer,
    OUT held_until timestamptz)
    LANGUAGE plpgsql VOLATILE
    SET search_path FROM CURRENT
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    written integer;
    duplicate boolean;
    claim_key text := 'c' || p_interaction;
BEGIN
    -- Every read in one statement, so all see one snapshot: a concurrent caller's claim and hold
    -- are either both seen or neither (READ COMMITTED takes a new snapshot per statement).
    SELECT min(array_position(p_opt_out_keys, substr(g.key, 2))) FILTER (WHERE left(g.key, 1) = 'o'),
           max(g.until) FILTER (WHERE g.key = claim_key),
           min(array_position(p_hold_keys, substr(g.key, 2))) FILTER (WHERE left(g.key, 1) = 'h'),
           (array_agg(g.until ORDER BY array_position(p_hold_keys, substr(g.key, 2)))
               FILTER (WHERE left(g.key, 1) = 'h'))[1],
           EXISTS (SELECT 1 FROM survey WHERE id = p_id)
    INTO opted_ord, claimed_until, held_ord, held_until, duplicate
    FROM gate g
    WHERE g.key = ANY (ARRAY(SELECT 'o' || k FROM unnest(p_opt_out_keys) AS k)
                       || claim_key
                       || ARRAY(SELECT 'h' || k FROM unnest(p_hold_keys) AS k))
      AND g.until > p_now;
    -- O(pted out): the contact or any of its addresses; the first in the caller's order.
    IF opted_ord IS NOT NULL THEN
        outcome := 'O';
        RETURN;
    END IF;
    -- D(uplicate): a live claim of the interaction, or its survey already stored.
    IF claimed_until IS NOT NULL OR duplicate THEN
        outcome := 'D';
        RETURN;
    END IF;
    -- C(apped): the first live hold in the caller's order.
    IF held_ord IS NOT NULL THEN
        outcome := 'C';
        RETURN;
    END IF;
    -- S(cheduled): claim, holds (in key order, so two callers never deadlock) and survey. A row
    -- a concurrent caller took since the reads above aborts the whole call (lost_race), and the
    -- store retries it.
    INSERT INTO gate AS g (key, until) VALUES (claim_key, p_claim_until)
    ON CONFLICT (key) DO UPDATE SET until = EXCLUDED.until WHERE g.until <= p_now;
    GET DIAGNOSTICS written = ROW_COUNT;
    IF written = 0 THEN
        PERFORM lost_race('an interaction claim');
    END IF;
    IF cardinality(p_lock_keys) > 0 THEN
        INSERT INTO gate AS g (key, until)
        SELECT 'h' || n.key, n.until FROM unnest(p_lock_keys, p_lock_untils) AS n(key, until)
        ON CONFLICT (key) DO UPDATE SET until = EXCLUDED.until WHERE g.until <= p_now;
        GET DIAGNOSTICS written = ROW_COUNT;
        IF written <> cardinality(p_lock_keys) THEN
            PERFORM lost_race('a cap hold');
        END IF;
    END IF;
    INSERT INTO survey (id, version, contact_id, channel_id, address, state, due_at, prompted_at, sent_at,
        ended_at, lease_until, body)
    VALUES (p_id, p_version, p_contact_id, p_channel_id, p_address, p_state, p_due_at, p_prompted_at,
        p_sent_at, p_ended_at, p_lease_until, p_body::jsonb)
    ON CONFLICT (id) DO NOTHING;
    GET DIAGNOSTICS written = ROW_COUNT;
    IF written = 0 THEN
        PERFORM lost_race('a survey id');
    END IF;
    outcome := 'S';
END
$$;
