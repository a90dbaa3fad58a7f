-- CSAT Kit survey store, schema version 3: reviews of low scores.
--
-- One row per survey whose low score opened a review, kept after the survey is purged (reviews
-- are report data, like responses). The key columns are what the queries filter and sort on;
-- body holds the whole review, as the store's codec writes it, times to the nanosecond. Every
-- write compares the version it read: apply's review change and saveReview alike.
CREATE TABLE review (
    survey_key text        NOT NULL PRIMARY KEY,
    version    bigint      NOT NULL,
    status     text        NOT NULL,
    opened_at  timestamptz NOT NULL,
    body       jsonb       NOT NULL
);
-- forEachReview: by opening time, then key.
CREATE INDEX review_opened ON review (opened_at, survey_key);
-- reviews: the queue of open reviews, oldest first, small however many were resolved before.
CREATE INDEX review_open ON review (opened_at, survey_key) WHERE status IN ('OPEN', 'IN_REVIEW');
