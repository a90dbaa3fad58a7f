-- 20 000 contacts surveyed once through schedule_survey, each holding a one-day cap (the body is
-- shaped and sized like the engine's), and the bare inserts' table holding every contact's id.
SET search_path = csat;
SELECT count(*) FROM (
SELECT schedule_survey('first-'||i, 'survey:first-'||i, '2026-01-05T10:00:00Z', '2026-02-04T10:00:00Z',
  ARRAY['contact:contact-'||lpad(i::text,7,'0'), 'SMS:+4670'||lpad(i::text,7,'0')],
  ARRAY[E'\u0001*\u00010contact-'||lpad(i::text,7,'0')],
  ARRAY[E'\u0001*\u00010contact-'||lpad(i::text,7,'0')],
  ARRAY['2026-01-06T10:00:00Z'::timestamptz],
  1, 'contact-'||lpad(i::text,7,'0'), 'sms', '+4670'||lpad(i::text,7,'0'), 'SCHEDULED',
  '2026-01-05T10:00:00Z', null, null, null, null,
  json_build_object('definition','after-call','interaction','first-'||i,'created','2026-01-05T10:00:00Z','contact','contact-'||lpad(i::text,7,'0'),
   'channel', json_build_object('kind','SMS','id','sms','address','+4670'||lpad(i::text,7,'0')),'locale','en','zone','Z',
   'values', json_build_object('agent','a-1','agentName','Alice','team','Blue','medium','VOICE','hangUp','AGENT','duration','PT5M'),
   'holds', json_build_array(json_build_object('key','*contact-'||lpad(i::text,7,'0'),'until','2026-01-06T10:00:00Z')),
   'sendAt','2026-01-05T10:00:00Z','state','SCHEDULED','attempts',0,'pad',repeat('x',200))::text)
FROM generate_series(0,19999) i) x;
CREATE TABLE bench_claim (key text PRIMARY KEY, until timestamptz NOT NULL);
INSERT INTO bench_claim SELECT 'contact-'||lpad(i::text,7,'0'), '2026-01-06T10:00:00Z' FROM generate_series(0,19999) i;
