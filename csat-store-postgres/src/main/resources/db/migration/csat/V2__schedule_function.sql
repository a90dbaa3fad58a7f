-- CSAT Kit survey store, schema version 2: the decision's write as one function.
--
-- schedule_survey does what version 1's schedule statement did as one statement of chained
-- CTEs, in the same order and with the same answers, but returns as soon as the answer is a
-- refusal: a capped contact (a busy helpdesk's usual decision) costs one statement of four
-- index probes, not the set-up of seven CTEs and the parsing of a survey body that will not be
-- written. Its
-- statements' plans are kept per session and always reused: left to choose, PostgreSQL plans
-- the reads afresh for each call's arrays, which costs more than the reads (less than half as
-- many calls a second at eight connections). The search path is the one the migration ran
-- with, so the tables resolve to this schema whatever the caller's is.
CREATE FUNCTION schedule_survey(
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
BEGIN
    -- Every read in one statement, so all see one snapshot: a concurrent caller's claim and hold
    -- are either both seen or neither (READ COMMITTED takes a new snapshot per statement).
    SELECT (SELECT min(array_position(p_opt_out_keys, o.key)) FROM opt_out o WHERE o.key = ANY (p_opt_out_keys)),
           (SELECT c.until FROM interaction_claim c WHERE c.interaction_id = p_interaction AND c.until > p_now),
           EXISTS (SELECT 1 FROM survey WHERE id = p_id),
           f.ord, f.until
    INTO opted_ord, claimed_until, duplicate, held_ord, held_until
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
        SELECT array_position(p_hold_keys, h.key) AS ord, h.until
        FROM cap_hold h WHERE h.key = ANY (p_hold_keys) AND h.until > p_now
        ORDER BY 1 LIMIT 1) AS f ON true;
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
    INSERT INTO interaction_claim AS c (interaction_id, until) VALUES (p_interaction, p_claim_until)
    ON CONFLICT (interaction_id) DO UPDATE SET until = EXCLUDED.until WHERE c.until <= p_now;
    GET DIAGNOSTICS written = ROW_COUNT;
    IF written = 0 THEN
        PERFORM lost_race('an interaction claim');
    END IF;
    IF cardinality(p_lock_keys) > 0 THEN
        INSERT INTO cap_hold AS h (key, until)
        SELECT n.key, n.until FROM unnest(p_lock_keys, p_lock_untils) AS n(key, until)
        ON CONFLICT (key) DO UPDATE SET until = EXCLUDED.until WHERE h.until <= p_now;
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
