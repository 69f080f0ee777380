-- journey_views: the scorecards, per touchpoint, stage and overall, from raw
-- rows and from daily summaries, on a small hand-made data set.  The
-- numbers printed are checked by hand in the comments; the intervals are
-- checked against their formulas written out in SQL here.

SET TimeZone = 'UTC';
SET client_min_messages = warning;
SELECT cx_journey_create('jv');
RESET client_min_messages;

-- Touchpoints used: 8 store or office, 9 website (purchase), 18 support team
-- (after_purchase).
SELECT touchpoint_id, name, stage FROM jv.touchpoints WHERE touchpoint_id IN (8, 9, 18) ORDER BY 1;

INSERT INTO jv.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES
	-- January, website: NPS 10 9 8 6 3 and one unanswered: P 2, D 2, n 5 -> NPS 0
	(1, 9, 'nps', 10, '2026-01-03 10:00'), (2, 9, 'nps', 9, '2026-01-04 10:00'),
	(3, 9, 'nps', 8, '2026-01-05 10:00'), (4, 9, 'nps', 6, '2026-01-06 10:00'),
	(5, 9, 'nps', 3, '2026-01-31 23:59'), (6, 9, 'nps', NULL, '2026-01-07 10:00'),
	-- CSAT 5 4 4 2: 3 of 4 satisfied (4 or 5) -> 75 %
	(1, 9, 'csat', 5, '2026-01-03 10:00'), (2, 9, 'csat', 4, '2026-01-04 10:00'),
	(3, 9, 'csat', 4, '2026-01-05 10:00'), (4, 9, 'csat', 2, '2026-01-06 10:00'),
	-- CES 7 5 3 -> mean 5
	(1, 9, 'ces', 7, '2026-01-03 10:00'), (2, 9, 'ces', 5, '2026-01-04 10:00'), (3, 9, 'ces', 3, '2026-01-05 10:00'),
	-- January, store: NPS 10 10 9 7: P 3, D 0, n 4 -> 75; CSAT 5 1 -> 50 %
	(7, 8, 'nps', 10, '2026-01-10 10:00'), (8, 8, 'nps', 10, '2026-01-11 10:00'),
	(9, 8, 'nps', 9, '2026-01-12 10:00'), (10, 8, 'nps', 7, '2026-01-13 10:00'),
	(7, 8, 'csat', 5, '2026-01-10 10:00'), (8, 8, 'csat', 1, '2026-01-11 10:00'),
	-- January, support: NPS 2 9 9: P 2, D 1, n 3 -> 33.33; CES 2 4 -> mean 3
	(11, 18, 'nps', 2, '2026-01-01 00:00'), (12, 18, 'nps', 9, '2026-01-15 10:00'), (13, 18, 'nps', 9, '2026-01-16 10:00'),
	(11, 18, 'ces', 2, '2026-01-01 00:00'), (12, 18, 'ces', 4, '2026-01-15 10:00'),
	-- February, website: NPS 9 9 -> 100; support: CSAT 3 -> 0 %
	(1, 9, 'nps', 9, '2026-02-01 00:00'), (2, 9, 'nps', 9, '2026-02-02 10:00'),
	(11, 18, 'csat', 3, '2026-02-03 10:00');

INSERT INTO jv.interactions (customer_id, touchpoint_id, opened_at, first_response_at, resolved_at) VALUES
	-- January, support: first responses after 1, 2, 3, 4 h and none (the
	-- fifth case was resolved without one: open, censored at its
	-- resolution, 40 h); resolutions after 10, 20, 30, 40 h and one still
	-- open (case 13, opened 2026-01-12: its age at now(), months, is beyond
	-- every other time)
	(11, 18, '2026-01-10 08:00', '2026-01-10 09:00', '2026-01-10 18:00'),
	(12, 18, '2026-01-11 08:00', '2026-01-11 10:00', '2026-01-12 04:00'),
	(13, 18, '2026-01-12 08:00', '2026-01-12 11:00', NULL),
	(14, 18, '2026-01-13 08:00', '2026-01-13 12:00', '2026-01-14 14:00'),
	(15, 18, '2026-01-14 08:00', NULL, '2026-01-16 00:00'),
	-- January, website: 0.5 h and 1.5 h
	(1, 9, '2026-01-20 12:00', '2026-01-20 12:30', '2026-01-20 13:30');

-- Per touchpoint.  The times are percentiles of duration summaries
-- (relative error alpha = 1%): the nearest-rank order statistic x_(k), k =
-- ceil(q n), reported as the representative value 2 b_i / (gamma + 1) of
-- its bucket (b_i = gamma^i seconds, gamma = 1.01 / 0.99), clamped to the
-- shortest and longest time.  Worked out in R from that formula
-- (test/sql comments only; not from this code):
--   rep(0.5 h) = 0.497336, rep(1.5 h) = 1.494135, rep(2 h) = 2.016891,
--   rep(4 h) = 3.981187, rep(20 h) = 20.118381, rep(30 h) = 30.013498,
--   rep(40 h) = 39.712125 hours.
-- Website, January: one case, 0.5 h and 1.5 h: every percentile is the
-- time itself (clamped); Kaplan-Meier median: the one event, at
-- rep(1.5 h) = 1.4941.
-- Support, January: first responses 1 2 3 4 (completed; the fifth is
-- open) -> p50 = x_(2) = 2 h -> 2.0169, p90 = x_(4) = 4 h -> 3.9812;
-- resolutions 10 20 30 40 -> x_(2) = 20 -> 20.1184, x_(4) = 40 -> 39.7121;
-- one open.  Kaplan-Meier over 5 cases, the open one censored last: S =
-- 4/5, 3/5, 2/5 after 10, 20, 30 h: median 30 h -> 30.0135.
SELECT month, stage, touchpoint_id, touchpoint, nps_n, round(nps::numeric, 2) AS nps,
       csat_n, round(csat::numeric, 2) AS csat, ces_n, round(ces::numeric, 2) AS ces,
       interactions, round(first_response_p50_h::numeric, 4) AS fr_p50, round(first_response_p90_h::numeric, 4) AS fr_p90,
       round(resolution_p50_h::numeric, 4) AS res_p50, round(resolution_p90_h::numeric, 4) AS res_p90,
       resolution_open AS res_open, round(resolution_km_median_h::numeric, 4) AS res_km_median
FROM jv.touchpoint_scorecard ORDER BY month, touchpoint_id;

-- Per stage.  Purchase, January: NPS P 5, D 2, n 9 -> 33.33; CSAT 4 of 6 ->
-- 66.67; CES 7 5 3 -> 5.  After purchase, January: the support numbers.
SELECT month, stage, nps_n, round(nps::numeric, 2) AS nps, csat_n, round(csat::numeric, 2) AS csat,
       ces_n, round(ces::numeric, 2) AS ces, interactions, round(first_response_p50_h::numeric, 4) AS fr_p50,
       round(first_response_p90_h::numeric, 4) AS fr_p90, round(resolution_p50_h::numeric, 4) AS res_p50,
       round(resolution_p90_h::numeric, 4) AS res_p90,
       resolution_open AS res_open, round(resolution_km_median_h::numeric, 4) AS res_km_median
FROM jv.stage_scorecard ORDER BY month, stage;

-- Overall.  January: NPS P 7, D 3, n 12 -> 33.33; CSAT 4 of 6; CES 7 5 3 2 4
-- -> 4.2; first responses 0.5 1 2 3 4 -> x_(3) = 2 -> 2.0169, x_(5) = 4 ->
-- 3.9812; resolutions 1.5 10 20 30 40 -> x_(3) = 20 -> 20.1184, x_(5) = 40
-- -> 39.7121; Kaplan-Meier over 6 cases: S = 5/6, 4/6, then exactly 3/6
-- after 20 h, flat until 30 h: R's quantile.survfit takes the midpoint,
-- (rep(20 h) + rep(30 h)) / 2 = 25.0659 (R: survfit(Surv(t, e) ~ 1) on
-- the representative times gives 25.0659399441667).
SELECT month, nps_n, round(nps::numeric, 2) AS nps, csat_n, round(csat::numeric, 2) AS csat,
       ces_n, round(ces::numeric, 2) AS ces, interactions, round(first_response_p50_h::numeric, 4) AS fr_p50,
       round(first_response_p90_h::numeric, 4) AS fr_p90, round(resolution_p50_h::numeric, 4) AS res_p50,
       round(resolution_p90_h::numeric, 4) AS res_p90,
       resolution_open AS res_open, round(resolution_km_median_h::numeric, 4) AS res_km_median
FROM jv.overall_scorecard ORDER BY month;

-- The percentiles against the exact order statistics of the raw rows
-- (percentile_disc: x_(k), k = ceil(q n)), within alpha = 1%, every row of
-- every scorecard.
WITH exact AS (
	SELECT date_trunc('month', opened_at)::date AS month, touchpoint_id,
	       percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - opened_at) / 3600) AS fr50,
	       percentile_disc(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - opened_at) / 3600) AS fr90,
	       percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at) / 3600) AS res50,
	       percentile_disc(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at) / 3600) AS res90,
	       count(*) FILTER (WHERE resolved_at IS NULL) AS res_open
	FROM jv.interactions GROUP BY 1, 2
)
SELECT e.month, e.touchpoint_id,
       abs(s.first_response_p50_h / e.fr50 - 1) <= 0.01 AND abs(s.first_response_p90_h / e.fr90 - 1) <= 0.01 AS first_response_within_1pct,
       abs(s.resolution_p50_h / e.res50 - 1) <= 0.01 AND abs(s.resolution_p90_h / e.res90 - 1) <= 0.01 AS resolution_within_1pct,
       s.resolution_open = e.res_open AS open_ok
FROM exact e JOIN jv.touchpoint_scorecard s USING (month, touchpoint_id)
ORDER BY 1, 2;
-- and to the digit, against the values worked out above
SELECT abs(first_response_p50_h - 2.01689101472222) < 1e-9 AND abs(first_response_p90_h - 3.98118650694444) < 1e-9
       AND abs(resolution_p50_h - 20.1183814152778) < 1e-9 AND abs(resolution_p90_h - 39.7121252694444) < 1e-9
       AND abs(resolution_km_median_h - 25.0659399441667) < 1e-9 AS overall_january_ok
FROM jv.overall_scorecard WHERE month = '2026-01-01';
SELECT touchpoint_id, abs(resolution_km_median_h - CASE touchpoint_id WHEN 9 THEN 1.49413467055556 ELSE 30.0134984730556 END) < 1e-9 AS km_median_ok
FROM jv.touchpoint_scorecard WHERE month = '2026-01-01' AND interactions > 0 ORDER BY 1;

-- The summaries themselves, for what the columns do not show.  Support,
-- January: 5 cases each; first response 4 completed and 1 open (resolved
-- without a first response: censored at 40 h), resolution 4 and 1.  Mean
-- of completed cases, exact: (1 + 2 + 3 + 4) / 4 = 2.5 h, (10 + 20 + 30 +
-- 40) / 4 = 25 h.  SLA attainment (share_within: among the cases whose
-- outcome at the limit is known, the share done within it): first
-- response within 2.5 h: 1, 2 of the 4 completed plus the open one, 40 h
-- old, a breach: 2 / 5; resolution within 24 h: 10, 20 of 4 completed
-- plus the open one (months old, a breach): 2 / 5.  Kaplan-Meier S(25 h)
-- of resolution: 3/5.  A month without interactions has no summaries.
SELECT month, touchpoint_id, cases(first_response) AS fr_cases, completed(first_response) AS fr_completed,
       open_cases(first_response) AS fr_open, mean(first_response) AS fr_mean,
       cases(resolution) AS res_cases, open_cases(resolution) AS res_open, mean(resolution) AS res_mean,
       share_within(first_response, interval '2.5 hours') AS fr_within_2h30,
       share_within(resolution, interval '24 hours') AS res_within_24h,
       round(survival(resolution, interval '25 hours')::numeric, 6) AS res_survival_25h,
       relative_error(resolution) AS alpha
FROM jv.touchpoint_scorecard ORDER BY month, touchpoint_id;

-- The columns are plain numbers (BI tools read them as such).
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a WHERE a.attrelid = 'jv.touchpoint_scorecard'::regclass AND a.attnum > 0 ORDER BY a.attnum;

-- The intervals against their formulas (z = 1.959963984540054, 95%):
--  NPS, adjusted Wald: add 0.75 promoters, 0.75 detractors, 1.5 passives;
--  CSAT, Wilson, in percent; CES: mean +- z * sample sd / sqrt(n), clipped
--  to the scale 1..7.
WITH raw AS (
	SELECT date_trunc('month', responded_at)::date AS month, touchpoint_id,
	       count(score) FILTER (WHERE metric = 'nps') AS n,
	       count(*) FILTER (WHERE metric = 'nps' AND score >= 9) AS p,
	       count(*) FILTER (WHERE metric = 'nps' AND score <= 6) AS d,
	       count(score) FILTER (WHERE metric = 'csat') AS cn,
	       count(*) FILTER (WHERE metric = 'csat' AND score >= 4) AS cs,
	       count(score) FILTER (WHERE metric = 'ces') AS en,
	       avg(score) FILTER (WHERE metric = 'ces') AS emean,
	       stddev_samp(score) FILTER (WHERE metric = 'ces') AS esd
	FROM jv.responses GROUP BY 1, 2
), f AS (
	SELECT raw.*, 1.959963984540054::float8 AS z,
	       (p + 0.75) / (n + 3.0) AS pa, (d + 0.75) / (n + 3.0) AS da, n + 3.0 AS na,
	       cs::float8 / nullif(cn, 0) AS cp
	FROM raw
), expected AS (
	SELECT month, touchpoint_id, n, cn, en,
	       greatest(-100, 100 * (pa - da) - z * 100 * sqrt((pa + da - (pa - da) ^ 2) / na)) AS nps_lower,
	       least(100, 100 * (pa - da) + z * 100 * sqrt((pa + da - (pa - da) ^ 2) / na)) AS nps_upper,
	       100 * (cp + z ^ 2 / (2 * cn) - z * sqrt(cp * (1 - cp) / cn + z ^ 2 / (4.0 * cn ^ 2))) / (1 + z ^ 2 / cn) AS csat_lower,
	       100 * (cp + z ^ 2 / (2 * cn) + z * sqrt(cp * (1 - cp) / cn + z ^ 2 / (4.0 * cn ^ 2))) / (1 + z ^ 2 / cn) AS csat_upper,
	       greatest(1, emean - z * esd / sqrt(en)) AS ces_lower,
	       least(7, emean + z * esd / sqrt(en)) AS ces_upper
	FROM f
)
SELECT e.month, e.touchpoint_id, e.n AS nps_n, e.cn AS csat_n, e.en AS ces_n,
       CASE WHEN e.n > 0 THEN abs(s.nps_lower - e.nps_lower) < 1e-9 AND abs(s.nps_upper - e.nps_upper) < 1e-9
            ELSE s.nps_lower IS NULL END AS nps_interval_ok,
       CASE WHEN e.cn > 0 THEN abs(s.csat_lower - e.csat_lower) < 1e-9 AND abs(s.csat_upper - e.csat_upper) < 1e-9
            ELSE s.csat_lower IS NULL END AS csat_interval_ok,
       CASE WHEN e.en >= 2 THEN abs(s.ces_lower - e.ces_lower) < 1e-9 AND abs(s.ces_upper - e.ces_upper) < 1e-9
            ELSE s.ces_lower IS NULL END AS ces_interval_ok
FROM expected e JOIN jv.touchpoint_scorecard s USING (month, touchpoint_id)
ORDER BY 1, 2;
-- and the intervals, rounded, for reading
SELECT month, touchpoint, round(nps_lower::numeric, 1) AS nps_lower, round(nps_upper::numeric, 1) AS nps_upper,
       round(csat_lower::numeric, 1) AS csat_lower, round(csat_upper::numeric, 1) AS csat_upper,
       round(ces_lower::numeric, 2) AS ces_lower, round(ces_upper::numeric, 2) AS ces_upper
FROM jv.touchpoint_scorecard ORDER BY month, touchpoint_id;

-- Daily summaries: empty until refreshed.  The _from_daily view says so:
-- a row per month and touchpoint with data, counts 0, and the days written
-- (dirty_days, by the triggers) as stale_days.  By hand, the distinct days
-- of the rows above: January website 3 4 5 6 7 31 and the interaction of
-- the 20th: 7; store 10 11 12 13: 4; support 1 15 16 and interactions 10
-- to 14: 8; February website 1 2: 2; support 3: 1.
SELECT month, touchpoint_id, nps_n, csat_n, ces_n, interactions, stale_days
FROM jv.touchpoint_scorecard_from_daily ORDER BY month, touchpoint_id;
-- Per stage and overall, days are counted once: purchase January = website
-- and store days, disjoint: 11; after purchase 8; overall January 3 4 5 6
-- 7 31 20 10 11 12 13 1 15 16 14: 15; February purchase 1 2: 2, after
-- purchase 3: 1, overall 3.
SELECT month, stage, stale_days FROM jv.stage_scorecard_from_daily ORDER BY month, stage;
SELECT month, stale_days FROM jv.overall_scorecard_from_daily ORDER BY month;
SELECT count(*) AS dirty_pairs, sum(statements) AS statements FROM jv.daily_freshness;
-- January and February: 16 (day, touchpoint) pairs with responses (website
-- 6 + 2, store 4, support 3 + 1) and 6 with interactions.
SELECT cx_journey_refresh('jv', '2026-01-01', '2026-02-28') AS rows_written;
SELECT day, touchpoint_id, nps, csat, ces FROM jv.daily_summaries WHERE day <= '2026-01-05' ORDER BY 1, 2;
-- one case a day: completed or open, the time exact (mean), the summary's
-- text form when no case is open (an open case's age depends on now())
SELECT day, touchpoint_id, interactions, completed(first_response) AS fr_completed,
       open_cases(first_response) AS fr_open, mean(first_response) AS fr_mean,
       completed(resolution) AS res_completed, open_cases(resolution) AS res_open, mean(resolution) AS res_mean
FROM jv.daily_interactions ORDER BY day, touchpoint_id;
SELECT day, first_response, resolution FROM jv.daily_interactions WHERE day = '2026-01-10';
-- Each daily view equals its raw view exactly, both ways, the summaries
-- included: refreshed and read in one transaction, so that the open
-- cases' ages are taken at the same now().
BEGIN;
SELECT cx_journey_refresh('jv', '2026-01-01', '2026-02-28') AS rows_written;
SELECT 'touchpoint' AS scorecard, count(*) AS differing_rows FROM (
	(TABLE jv.touchpoint_scorecard EXCEPT TABLE jv.touchpoint_scorecard_from_daily)
	UNION ALL (TABLE jv.touchpoint_scorecard_from_daily EXCEPT TABLE jv.touchpoint_scorecard)) AS x
UNION ALL
SELECT 'stage', count(*) FROM (
	(TABLE jv.stage_scorecard EXCEPT TABLE jv.stage_scorecard_from_daily)
	UNION ALL (TABLE jv.stage_scorecard_from_daily EXCEPT TABLE jv.stage_scorecard)) AS x
UNION ALL
SELECT 'overall', count(*) FROM (
	(TABLE jv.overall_scorecard EXCEPT TABLE jv.overall_scorecard_from_daily)
	UNION ALL (TABLE jv.overall_scorecard_from_daily EXCEPT TABLE jv.overall_scorecard)) AS x;
COMMIT;
SELECT count(*) AS rows_compared FROM jv.touchpoint_scorecard_from_daily;
-- Outside the refresh's transaction, every column but the summaries is
-- equal whatever the clock says: percentiles are of completed cases, the
-- open cases' count is the same, and their ages are beyond every event,
-- so the Kaplan-Meier median does not move.
SELECT count(*) AS differing_rows FROM (
	(SELECT month, stage, touchpoint_id, interactions, first_response_p50_h, first_response_p90_h,
	        resolution_p50_h, resolution_p90_h, resolution_open, resolution_km_median_h FROM jv.touchpoint_scorecard
	 EXCEPT
	 SELECT month, stage, touchpoint_id, interactions, first_response_p50_h, first_response_p90_h,
	        resolution_p50_h, resolution_p90_h, resolution_open, resolution_km_median_h FROM jv.touchpoint_scorecard_from_daily)
	UNION ALL
	(SELECT month, stage, touchpoint_id, interactions, first_response_p50_h, first_response_p90_h,
	        resolution_p50_h, resolution_p90_h, resolution_open, resolution_km_median_h FROM jv.touchpoint_scorecard_from_daily
	 EXCEPT
	 SELECT month, stage, touchpoint_id, interactions, first_response_p50_h, first_response_p90_h,
	        resolution_p50_h, resolution_p90_h, resolution_open, resolution_km_median_h FROM jv.touchpoint_scorecard)) AS x;
-- The days a refresh must revisit: those with cases not resolved yet,
-- whose ages grow (README, "Daily summaries").  A case still waiting for
-- its first response is not resolved either; one resolved without a first
-- response is censored at its resolution for good.  Here 2026-01-12 (case
-- 13), not 2026-01-14 (case 15, resolved without a first response).
SELECT day, touchpoint_id, open_cases(first_response) AS fr_open, open_cases(resolution) AS res_open
FROM jv.daily_interactions
WHERE open_cases(first_response) > 0 OR open_cases(resolution) > 0 ORDER BY 1, 2;
SELECT day, touchpoint_id FROM jv.daily_interactions WHERE open_cases(resolution) > 0 ORDER BY 1, 2;
-- Case 13 is resolved: refreshing its day (found by that query) shows it.
UPDATE jv.interactions SET resolved_at = '2026-01-14 08:00' WHERE customer_id = 13 AND touchpoint_id = 18;
SELECT resolution_open, round(resolution_p50_h::numeric, 4) AS res_p50 FROM jv.touchpoint_scorecard_from_daily
WHERE month = '2026-01-01' AND touchpoint_id = 18;
SELECT sum(cx_journey_refresh('jv', d.day, d.day)) AS rows_written
FROM (SELECT DISTINCT day FROM jv.daily_interactions WHERE open_cases(resolution) > 0) AS d;
-- resolutions 10 20 30 40 48: x_(3) = 30 h -> 30.0135; none open; the
-- Kaplan-Meier median without censoring is the plain median, 30.0135
SELECT resolution_open, round(resolution_p50_h::numeric, 4) AS res_p50,
       round(resolution_km_median_h::numeric, 4) AS res_km_median
FROM jv.touchpoint_scorecard_from_daily WHERE month = '2026-01-01' AND touchpoint_id = 18;
UPDATE jv.interactions SET resolved_at = NULL WHERE customer_id = 13 AND touchpoint_id = 18;

-- New data shows in the daily views once its days are refreshed, and only
-- those days are rewritten.
INSERT INTO jv.responses (customer_id, touchpoint_id, metric, score, responded_at)
VALUES (3, 9, 'nps', 0, '2026-02-10 10:00');
SELECT nps_n, nps FROM jv.touchpoint_scorecard_from_daily WHERE month = '2026-02-01' AND touchpoint_id = 9;
SELECT cx_journey_refresh('jv', '2026-02-10', '2026-02-10') AS rows_written;
SELECT nps_n, round(nps::numeric, 2) AS nps FROM jv.touchpoint_scorecard_from_daily
WHERE month = '2026-02-01' AND touchpoint_id = 9;
-- refreshing again changes nothing
BEGIN;
SELECT cx_journey_refresh('jv', '2026-01-01', '2026-02-28') AS rows_written;
SELECT count(*) AS differing_rows FROM (
	(TABLE jv.touchpoint_scorecard EXCEPT TABLE jv.touchpoint_scorecard_from_daily)
	UNION ALL (TABLE jv.touchpoint_scorecard_from_daily EXCEPT TABLE jv.touchpoint_scorecard)) AS x;
COMMIT;

-- Bad refresh arguments.
\set SHOW_CONTEXT never
SELECT cx_journey_refresh('jv', '2026-02-01', '2026-01-01');
SELECT cx_journey_refresh('jv', NULL, '2026-01-01');
SELECT cx_journey_refresh('no_such_journey', '2026-01-01', '2026-01-02');
SELECT cx_journey_refresh('jv', '2026-01-01', '2026-01-02', NULL);
-- Above READ COMMITTED the snapshot predates the refresh's lock: refused,
-- before anything is written.  READ COMMITTED inside a transaction works.
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT cx_journey_refresh('jv', '2026-01-01', '2026-01-02');
ROLLBACK;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT cx_journey_refresh('jv', '2026-01-01', '2026-01-02');
ROLLBACK;
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT cx_journey_refresh('jv', '2026-01-01', '2026-02-28') AS rows_written;
COMMIT;
\set SHOW_CONTEXT errors

-- Filters on touchpoint_id reach the tables' indexes (forced here: the
-- tables are too small for the planner to want them).  cx_test.plan_values()
-- (test/sql/setup.sql) gives the index names of the plan's index scans.
SET enable_seqscan = off;
SELECT bool_or(i = 'responses_touchpoint_id_responded_at_idx') AS responses_index,
       bool_or(i = 'interactions_touchpoint_id_opened_at_idx') AS interactions_index
FROM cx_test.plan_values('SELECT * FROM jv.touchpoint_scorecard WHERE touchpoint_id = 9', 'Index Name') AS i;
SELECT bool_or(i IN ('daily_summaries_touchpoint_id_day_idx', 'daily_summaries_pkey')) AS daily_summaries_index,
       bool_or(i IN ('daily_interactions_touchpoint_id_day_idx', 'daily_interactions_pkey')) AS daily_interactions_index
FROM cx_test.plan_values('SELECT * FROM jv.touchpoint_scorecard_from_daily WHERE touchpoint_id = 9', 'Index Name') AS i;
RESET enable_seqscan;

-- A forced parallel plan gives the serial scorecards, on more rows: 20,000
-- responses (their durations NULL, in the same stream as the
-- interactions) and 2,000 interactions in 2025, some open.  In one
-- transaction, so that now() is the same for the open cases.
INSERT INTO jv.responses (customer_id, touchpoint_id, metric, score, responded_at)
SELECT i, 1 + i % 21, 'nps', i % 11, timestamptz '2025-01-01 00:00+00' + (i * 7 % 365) * interval '1 day'
FROM generate_series(1, 20000) AS i;
INSERT INTO jv.interactions (customer_id, touchpoint_id, opened_at, first_response_at, resolved_at)
SELECT i, 18 - i % 3, o, o + (i % 97) * interval '7 minutes', CASE WHEN i % 13 <> 0 THEN o + (i % 89) * interval '1 hour' END
FROM generate_series(1, 2000) AS i, LATERAL (SELECT timestamptz '2025-01-01 00:00+00' + (i * 11 % 365) * interval '1 day' AS o) AS x;
ANALYZE jv.responses, jv.interactions;
BEGIN;
CREATE TEMP TABLE serial_touchpoint AS SELECT * FROM jv.touchpoint_scorecard;
CREATE TEMP TABLE serial_overall AS SELECT * FROM jv.overall_scorecard;
SELECT count(*) > 0 AS forced FROM cx_test.force_parallel();
-- (the overall one aggregates in the workers: its partial states meet in
-- duration_summary_combine)
SELECT partial_aggregate, finalize_aggregate FROM cx_test.parallel_aggregation('SELECT * FROM jv.overall_scorecard');
SELECT count(*) AS differing_rows FROM (
	(TABLE jv.touchpoint_scorecard EXCEPT TABLE serial_touchpoint)
	UNION ALL (TABLE serial_touchpoint EXCEPT TABLE jv.touchpoint_scorecard)) AS x;
SELECT count(*) AS differing_rows FROM (
	(TABLE jv.overall_scorecard EXCEPT TABLE serial_overall)
	UNION ALL (TABLE serial_overall EXCEPT TABLE jv.overall_scorecard)) AS x;
-- 2,000 interactions, every 13th open: 153
SELECT sum(interactions) AS interactions, sum(resolution_open) AS open FROM jv.overall_scorecard WHERE month < '2026-01-01';
COMMIT;

SET client_min_messages = warning;
DROP SCHEMA jv CASCADE;
