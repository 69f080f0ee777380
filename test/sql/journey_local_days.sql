-- journey_local_days: a journey's own time zone (its days and months, whatever
-- the session's TimeZone), the dirty days that keep the daily summaries from
-- going stale in silence, and cx_journey_set_time_zone.  Every day and
-- month below is worked out by hand from the UTC instants and the zone's
-- offsets (America/Los_Angeles: UTC-8, UTC-7 from 2026-03-08 10:00 UTC;
-- Asia/Tokyo: UTC+9, no DST).

SET TimeZone = 'UTC';
SET client_min_messages = warning;
SELECT cx_journey_create('jc', time_zone => 'america/los_angeles');
RESET client_min_messages;
-- the name as pg_timezone_names spells it
SELECT time_zone FROM jc.journey_settings;

-- Bad zones: 22023 (abbreviations and offsets are not names), NULL 22004.
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_create('jc_bad', time_zone => 'Mars/Base')$$));
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_create('jc_bad', time_zone => 'PST')$$));
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_create('jc_bad', time_zone => 'UTC+3')$$));
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_create('jc_bad', time_zone => NULL)$$));
SELECT to_regnamespace('jc_bad') IS NULL AS nothing_made;

-- Local days.  Website (9):
--   1: 2026-03-01 07:30 UTC = 02-28 23:30 PST -> 02-28 (February)
--   2: 2026-03-01 08:30 UTC = 03-01 00:30 PST -> 03-01
--   3: 2026-03-31 06:59 UTC = 03-30 23:59 PDT -> 03-30
--   4: 2026-04-01 06:30 UTC = 03-31 23:30 PDT -> 03-31 (March)
--   5: 2026-04-01 07:30 UTC = 04-01 00:30 PDT -> 04-01 (April)
-- Support (18), a case opened 2026-03-01 07:30 UTC -> 02-28, answered in
-- 1 h, resolved in 2 h.
INSERT INTO jc.responses (response_id, customer_id, touchpoint_id, metric, score, responded_at) VALUES
	(1, 1, 9, 'nps', 10, '2026-03-01 07:30+00'), (2, 2, 9, 'nps', 0, '2026-03-01 08:30+00'),
	(3, 3, 9, 'nps', 9, '2026-03-31 06:59+00'), (4, 4, 9, 'nps', 6, '2026-04-01 06:30+00'),
	(5, 5, 9, 'nps', 10, '2026-04-01 07:30+00');
INSERT INTO jc.interactions (interaction_id, customer_id, touchpoint_id, opened_at, first_response_at, resolved_at) VALUES
	(1, 1, 18, '2026-03-01 07:30+00', '2026-03-01 08:30+00', '2026-03-01 09:30+00');
SELECT response_id, responded_on FROM jc.responses ORDER BY 1;
SELECT interaction_id, opened_on FROM jc.interactions;

-- Months: February website 10 -> NPS 100; March 0 9 6: P 1, D 2, n 3 ->
-- -33.33; April 10 -> 100.  Support: one case in February.
SELECT month, touchpoint_id, nps_n, round(nps::numeric, 2) AS nps, interactions, stale_days
FROM jc.touchpoint_scorecard ORDER BY month, touchpoint_id;

-- Every view reads the same rows in any session time zone: read in UTC,
-- then in Los Angeles and Tokyo, in one transaction (one now()).  The
-- daily tables are filled from a Tokyo session: the days are the
-- journey's all the same.
SET TimeZone = 'Asia/Tokyo';
SELECT cx_journey_refresh('jc', '2026-02-01', '2026-04-30') AS rows_written;
SET TimeZone = 'UTC';
SELECT day, touchpoint_id, nps FROM jc.daily_summaries ORDER BY 1, 2;
SELECT day, touchpoint_id, interactions FROM jc.daily_interactions ORDER BY 1, 2;
CREATE FUNCTION pg_temp.rows_of(v text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format('SELECT x::text FROM jc.%I x', v);
END
$$;
INSERT INTO jc.subscriptions (customer_id, plan, active, mrr) VALUES (1, 'basic', '[2026-02-01,)', 10);
INSERT INTO jc.goals (name, metric, baseline_period, target_period, target_kind, target, due_date)
VALUES ('nps up', 'nps', '[2026-02-01,2026-03-01)', '[2026-03-01,2026-04-01)', 'change', 5, '2026-03-31');
BEGIN;
CREATE TEMP TABLE seen_utc AS
SELECT v, r FROM unnest(ARRAY['touchpoint_scorecard', 'stage_scorecard', 'overall_scorecard',
	'touchpoint_scorecard_from_daily', 'stage_scorecard_from_daily', 'overall_scorecard_from_daily',
	'goal_progress', 'revenue_scorecard', 'revenue_cohorts', 'daily_freshness']) AS v, pg_temp.rows_of(v) AS r;
SET LOCAL TimeZone = 'America/Los_Angeles';
SELECT count(*) AS differing_in_los_angeles FROM (
	(SELECT v, pg_temp.rows_of(v) FROM (SELECT DISTINCT v FROM seen_utc) AS w EXCEPT ALL SELECT v, r FROM seen_utc)
	UNION ALL (SELECT v, r FROM seen_utc EXCEPT ALL SELECT v, pg_temp.rows_of(v) FROM (SELECT DISTINCT v FROM seen_utc) AS w)) AS d;
SET LOCAL TimeZone = 'Asia/Tokyo';
SELECT count(*) AS differing_in_tokyo FROM (
	(SELECT v, pg_temp.rows_of(v) FROM (SELECT DISTINCT v FROM seen_utc) AS w EXCEPT ALL SELECT v, r FROM seen_utc)
	UNION ALL (SELECT v, r FROM seen_utc EXCEPT ALL SELECT v, pg_temp.rows_of(v) FROM (SELECT DISTINCT v FROM seen_utc) AS w)) AS d;
-- (the timestamps printed differ, the rows do not: goal_progress's NPS
-- baseline is February's 100, current March's -33.33)
SELECT count(*) AS rows_compared FROM seen_utc;
SELECT round(baseline::numeric, 2) AS baseline, round(current::numeric, 2) AS current FROM jc.goal_progress;
COMMIT;
RESET TimeZone;
SET TimeZone = 'UTC';

-- Month filters on the raw scorecards reach the (month, day) indexes
-- (forced: the tables are small).
SET enable_seqscan = off;
SELECT bool_or(i = 'responses_responded_on_month_idx') AS responses_index,
       bool_or(i = 'interactions_opened_on_month_idx') AS interactions_index
FROM cx_test.plan_values($$SELECT * FROM jc.touchpoint_scorecard WHERE month = '2026-03-01'$$, 'Index Name') AS i;
RESET enable_seqscan;

-- Freshness.  After the refresh nothing is dirty, and raw and daily agree.
SELECT count(*) AS dirty FROM jc.daily_freshness;
-- Changes on past days, each by a statement of its own:
--   an insert on 02-28 (website, 2026-02-28 20:00 PST);
--   an update moving response 4 (03-31) from the website to the store (8):
--     both (03-31, 9) and (03-31, 8) are dirty;
--   a delete of response 3 (03-30, website);
--   an update of the support case of 02-28 (its resolution at 3 h).
INSERT INTO jc.responses (response_id, customer_id, touchpoint_id, metric, score, responded_at)
VALUES (6, 6, 9, 'nps', 0, '2026-03-01 04:00+00');
UPDATE jc.responses SET touchpoint_id = 8 WHERE response_id = 4;
DELETE FROM jc.responses WHERE response_id = 3;
UPDATE jc.interactions SET resolved_at = '2026-03-01 10:30+00' WHERE interaction_id = 1;
SELECT day, touchpoint_id, touchpoint, statements FROM jc.daily_freshness ORDER BY 1, 2;
-- The _from_daily rows of those months say so: February website 1 day
-- (02-28), support 1 (02-28); March website 2 (03-30, 03-31), store 1
-- (03-31: no daily row yet, so its counts are 0); April 0.  Per stage
-- (8 and 9 are purchase, 18 after purchase): February purchase 1, after
-- purchase 1; March purchase 2; overall February 1, March 2, April 0.
SELECT month, touchpoint_id, nps_n, interactions, stale_days
FROM jc.touchpoint_scorecard_from_daily ORDER BY month, touchpoint_id;
SELECT month, stage, stale_days FROM jc.stage_scorecard_from_daily ORDER BY month, stage;
SELECT month, stale_days FROM jc.overall_scorecard_from_daily ORDER BY month;

-- The refresh without days rewrites the rows of exactly those days: the
-- rows of 03-01 and 04-01 keep their row versions (xmin), those of 02-28
-- are written again, (03-31, 9) and (03-30, 9) go (no response left),
-- (03-31, 8) is new.  Rows written: (02-28, 9), (03-31, 8) and the support
-- case's (02-28, 18): 3.
CREATE TEMP TABLE versions AS
SELECT 's' AS t, day, touchpoint_id, xmin::text AS x FROM jc.daily_summaries
UNION ALL SELECT 'i', day, touchpoint_id, xmin::text FROM jc.daily_interactions;
SELECT cx_journey_refresh('jc') AS rows_written;
SELECT coalesce(a.t, b.t) AS t, coalesce(a.day, b.day) AS day, coalesce(a.touchpoint_id, b.touchpoint_id) AS touchpoint_id,
       CASE WHEN b.x IS NULL THEN 'new' WHEN a.x IS NULL THEN 'gone' WHEN a.x = b.x THEN 'kept' ELSE 'rewritten' END AS row
FROM (SELECT 's' AS t, day, touchpoint_id, xmin::text AS x FROM jc.daily_summaries
      UNION ALL SELECT 'i', day, touchpoint_id, xmin::text FROM jc.daily_interactions) AS a
     FULL JOIN versions b USING (t, day, touchpoint_id)
ORDER BY 1, 2, 3;
SELECT count(*) AS dirty FROM jc.daily_freshness;
-- nothing dirty: nothing written
SELECT cx_journey_refresh('jc') AS rows_written;
-- Raw and daily agree exactly, row for row, stale_days 0 included.
BEGIN;
SELECT g, count(*) AS differing_rows FROM (
	SELECT 'touchpoint' AS g, x FROM ((TABLE jc.touchpoint_scorecard EXCEPT ALL TABLE jc.touchpoint_scorecard_from_daily)
		UNION ALL (TABLE jc.touchpoint_scorecard_from_daily EXCEPT ALL TABLE jc.touchpoint_scorecard)) AS x
	UNION ALL
	SELECT 'stage', x FROM ((TABLE jc.stage_scorecard EXCEPT ALL TABLE jc.stage_scorecard_from_daily)
		UNION ALL (TABLE jc.stage_scorecard_from_daily EXCEPT ALL TABLE jc.stage_scorecard)) AS x
	UNION ALL
	SELECT 'overall', x FROM ((TABLE jc.overall_scorecard EXCEPT ALL TABLE jc.overall_scorecard_from_daily)
		UNION ALL (TABLE jc.overall_scorecard_from_daily EXCEPT ALL TABLE jc.overall_scorecard)) AS x) AS d
GROUP BY g ORDER BY g;
-- (and there are rows to compare: February 9 and 18, March 9 and 8, April 9)
SELECT count(*) AS rows_compared FROM jc.touchpoint_scorecard_from_daily;
COMMIT;

-- A refresh by days deletes the marks of its days only.  COPY marks its
-- days too (one statement: one mark per day and touchpoint): 03-05 (two
-- rows: one mark) and 03-06 (Los Angeles days: 04:00 and 05:00 PST on the
-- 5th, 04:00 on the 6th).  Refreshing 03-05 writes its one row and leaves
-- 03-06 dirty.
COPY jc.responses (response_id, customer_id, touchpoint_id, metric, score, responded_at) FROM stdin;
7	7	9	nps	9	2026-03-05 12:00+00
8	8	9	nps	9	2026-03-05 13:00+00
9	9	9	nps	3	2026-03-06 12:00+00
\.
SELECT day, touchpoint_id, statements FROM jc.daily_freshness ORDER BY 1, 2;
SELECT cx_journey_refresh('jc', '2026-03-05', '2026-03-05') AS rows_written;
SELECT day, touchpoint_id, statements FROM jc.daily_freshness ORDER BY 1, 2;
-- TRUNCATE marks every day and touchpoint of the daily table (02-28,
-- support); the refresh writes the dirty days' rows: (02-28, 9), whose
-- responses stay, and (03-06, 9): 2; daily_interactions is empty like
-- interactions.
TRUNCATE jc.interactions;
SELECT day, touchpoint_id, statements FROM jc.daily_freshness ORDER BY 1, 2;
SELECT cx_journey_refresh('jc') AS rows_written;
SELECT count(*) AS daily_interactions FROM jc.daily_interactions;

-- The dateless refresh's errors: NULL arguments, a schema without a
-- journey, a journey without the triggers (22004, 22023, 0A000).
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_refresh(NULL::text)$$));
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_refresh('jc', NULL::boolean)$$));
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_refresh('no_such_journey')$$));
BEGIN;
DROP TRIGGER cx_dirty_days_insert ON jc.responses;
DROP TRIGGER cx_dirty_days_insert ON jc.interactions;
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_refresh('jc')$$));
ROLLBACK;
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_refresh('jc')$$));
ROLLBACK;

-- cx_journey_set_time_zone: Tokyo.  Its grants on views stay.  The local
-- days move: 1: 2026-03-01 07:30 UTC = 16:30 JST -> 03-01; 2: 17:30 ->
-- 03-01; 4: 2026-04-01 06:30 UTC = 15:30 -> 04-01; 5: 16:30 -> 04-01; 6:
-- 2026-03-01 04:00 UTC = 13:00 -> 03-01; 7, 8: 03-05 21:00, 22:00 -> 03-05;
-- 9: 03-06 21:00 -> 03-06; a response at 2026-03-01 14:30 UTC = 23:30 JST
-- -> 03-01, one at 15:30 UTC = 00:30 JST -> 03-02.
INSERT INTO jc.responses (response_id, customer_id, touchpoint_id, metric, score, responded_at) VALUES
	(10, 10, 9, 'nps', 10, '2026-03-01 14:30+00'), (11, 11, 9, 'nps', 10, '2026-03-01 15:30+00');
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_calendar_reader;
CREATE ROLE regress_calendar_reader;
RESET client_min_messages;
GRANT SELECT ON jc.touchpoint_scorecard_from_daily TO regress_calendar_reader;
-- Rows written: daily_summaries, every (day, touchpoint) with responses in
-- Tokyo days: (03-01, 9), (03-02, 9), (03-05, 9), (03-06, 9), (04-01, 8),
-- (04-01, 9): 6 (no interactions are left).
SELECT cx_journey_set_time_zone('jc', 'Asia/Tokyo') AS rows_written;
SELECT time_zone FROM jc.journey_settings;
SELECT response_id, responded_on FROM jc.responses ORDER BY 1;
SELECT day, touchpoint_id FROM jc.daily_summaries ORDER BY 1, 2;
-- Months: no February now; March website 10 0 0 9 9 3 10 10 (responses 1,
-- 2, 6, 7, 8, 9, 10, 11): P 5, D 3, n 8 -> 25; April website 10 -> 100,
-- store 6 -> -100.
SELECT month, touchpoint_id, nps_n, round(nps::numeric, 2) AS nps, stale_days
FROM jc.touchpoint_scorecard_from_daily ORDER BY month, touchpoint_id;
SELECT count(*) AS differing_rows FROM (
	(TABLE jc.touchpoint_scorecard EXCEPT ALL TABLE jc.touchpoint_scorecard_from_daily)
	UNION ALL (TABLE jc.touchpoint_scorecard_from_daily EXCEPT ALL TABLE jc.touchpoint_scorecard)) AS x;
SELECT has_table_privilege('regress_calendar_reader', 'jc.touchpoint_scorecard_from_daily', 'SELECT') AS grant_kept;
-- the indexes came back with the columns
SELECT indexname FROM pg_indexes WHERE schemaname = 'jc' AND indexname LIKE '%_on_month_idx' ORDER BY 1;
-- The same zone again: nothing to do.
SELECT cx_journey_set_time_zone('jc', 'asia/tokyo') AS rows_written;
-- Errors: a bad zone (22023), NULL (22004), no journey (22023), above READ
-- COMMITTED (25000).
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_set_time_zone('jc', 'Asia/Atlantis')$$));
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_set_time_zone('jc', NULL)$$));
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_set_time_zone('no_such_journey', 'UTC')$$));
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT cx_test.line(cx_test.try_sql($$SELECT cx_journey_set_time_zone('jc', 'UTC')$$));
ROLLBACK;
SELECT time_zone FROM jc.journey_settings;

SET client_min_messages = warning;
DROP SCHEMA jc CASCADE;
DROP ROLE regress_calendar_reader;
