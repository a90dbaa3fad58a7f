\set i random(0, 19999)
\set n random(1, 2000000000)
SELECT g.key, g.until FROM csat.gate g WHERE g.key IN (E'ocontact\x3acontact-' || lpad(:i::text,7,'0'), 'oSMS:+4670' || lpad(:i::text,7,'0'), 'ccall-' || :n::text, E'h\u0001*\u00010contact-' || lpad(:i::text,7,'0')) AND g.until > '2026-01-05T12:00:00Z'::timestamptz;
