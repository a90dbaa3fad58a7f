\set i random(100000000, 2000000000)
INSERT INTO csat.bench_claim (key, until) VALUES ('contact-' || :i::text, '2026-01-06T12:00:00Z'::timestamptz) ON CONFLICT DO NOTHING;
