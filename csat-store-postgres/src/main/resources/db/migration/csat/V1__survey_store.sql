-- CSAT Kit survey store, schema version 1, for PostgreSQL 14 or newer.
--
-- Runs as it is under Flyway (location classpath:db/migration/csat) or Liquibase (an sqlFile
-- change set), or through PostgresMigration.migrate. Names are not qualified: the tables go
-- into the schema the connection's search_path names first (Flyway's "schemas" setting).
--
-- Times are timestamptz (microseconds). The key columns are what the store's queries filter
-- and sort on; body holds the rest of each record, as the store's codec writes it, with every
-- time to the nanosecond the engine's clock gave.

-- One row per survey while it is kept; ended surveys are purged after the retention.
CREATE TABLE survey (
    id          text        NOT NULL PRIMARY KEY,
    version     bigint      NOT NULL,
    contact_id  text        NOT NULL,
    channel_id  text        NOT NULL,
    address     text        NOT NULL,
    state       text        NOT NULL,
    due_at      timestamptz,            -- when the engine has something to do; null once final
    prompted_at timestamptz,
    sent_at     timestamptz,
    ended_at    timestamptz,
    lease_until timestamptz,
    body        jsonb       NOT NULL
);
-- claimDue: the earliest due first.
CREATE INDEX survey_due ON survey (due_at, id) WHERE due_at IS NOT NULL;
-- latestDelivered: the survey prompted last at an address on a channel.
CREATE INDEX survey_prompted ON survey (channel_id, address, prompted_at DESC) WHERE prompted_at IS NOT NULL;
-- purge: ended surveys, oldest first.
CREATE INDEX survey_ended ON survey (ended_at) WHERE ended_at IS NOT NULL;

-- Interactions already scheduled, so that a replayed interaction gets no second survey.
CREATE TABLE interaction_claim (
    interaction_id text        NOT NULL PRIMARY KEY,
    until          timestamptz NOT NULL
);
CREATE INDEX interaction_claim_until ON interaction_claim (until);

-- Frequency-cap holds; a hold's expiry is its owner's token.
CREATE TABLE cap_hold (
    key   text        NOT NULL PRIMARY KEY,
    until timestamptz NOT NULL
);
CREATE INDEX cap_hold_until ON cap_hold (until);

-- Opted-out contacts and addresses, kept until an opt-in lifts them.
CREATE TABLE opt_out (
    key text        NOT NULL PRIMARY KEY,
    at  timestamptz NOT NULL
);

-- Provider message ids already applied, so that a redelivered reply is a duplicate.
CREATE TABLE inbound (
    id    text        NOT NULL PRIMARY KEY,
    until timestamptz NOT NULL
);
CREATE INDEX inbound_until ON inbound (until);

-- Side messages waiting for their channel (confirmations, reminders, follow-ups ...).
CREATE TABLE outbox (
    key      text        NOT NULL PRIMARY KEY,
    due_at   timestamptz NOT NULL,
    attempts integer     NOT NULL,
    body     jsonb       NOT NULL
);
CREATE INDEX outbox_due ON outbox (due_at, key);

-- Each survey's current outcome, for reports; kept after its survey is purged.
CREATE TABLE response (
    survey_key text        NOT NULL PRIMARY KEY,
    seq        bigint      GENERATED ALWAYS AS IDENTITY,
    version    bigint      NOT NULL,
    sent_at    timestamptz NOT NULL,
    body       jsonb       NOT NULL
);
CREATE INDEX response_sent ON response (sent_at);

-- Every reply a survey got, in the order they came; purged with the survey.
CREATE TABLE reply (
    survey_key text   NOT NULL,
    seq        bigint GENERATED ALWAYS AS IDENTITY,
    body       jsonb  NOT NULL,
    PRIMARY KEY (survey_key, seq)
);

-- Agents' readings of callers' mood, for reports; kept.
CREATE TABLE mood (
    seq  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at   timestamptz NOT NULL,
    body jsonb       NOT NULL
);
CREATE INDEX mood_at ON mood (at);

-- Aborts a store statement that lost a race to a concurrent write (a claim, hold or provider
-- message id taken between its read and its write), so that none of its writes stays. The
-- store retries it on SQLSTATE 40001, as it does a serialization failure; the retry then reads
-- the winner's row and answers Duplicate or Capped.
CREATE FUNCTION lost_race(what text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    RAISE EXCEPTION 'csat survey store: % was taken by a concurrent write; retry the statement', what
        USING ERRCODE = 'serialization_failure';
END
$$;
