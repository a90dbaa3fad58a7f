\set i random(0, 19999)
INSERT INTO csat.bench_claim (key, until) VALUES ('contact-' || lpad(:i::text,7,'0'), '2026-01-06T12:00:00Z'::timestamptz) ON CONFLICT DO NOTHING;
