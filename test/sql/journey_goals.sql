-- journey_goals: goal_progress on a small worked example, computed by hand.
-- Baseline period: the first quarter of 2026; target period: the second.

SET TimeZone = 'UTC';
SET client_min_messages = warning;
SELECT cx_journey_create('jg');
RESET client_min_messages;

INSERT INTO jg.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES
	-- NPS, Q1: website 10 10 5 8, store 10 10.  Q2: website 10 9 9 3 7, store 10 5.
	(1, 9, 'nps', 10, '2026-01-10'), (2, 9, 'nps', 10, '2026-02-10'), (3, 9, 'nps', 5, '2026-03-10'),
	(4, 9, 'nps', 8, '2026-03-31 23:00'), (5, 8, 'nps', 10, '2026-01-20'), (6, 8, 'nps', 10, '2026-02-20'),
	(1, 9, 'nps', 10, '2026-04-01'), (2, 9, 'nps', 9, '2026-04-10'), (3, 9, 'nps', 9, '2026-05-10'),
	(4, 9, 'nps', 3, '2026-06-10'), (7, 9, 'nps', 7, '2026-06-30 23:00'), (5, 8, 'nps', 10, '2026-04-20'),
	(6, 8, 'nps', 5, '2026-05-20'),
	-- outside both periods: counts nowhere
	(8, 9, 'nps', 0, '2026-07-01'), (8, 9, 'nps', 0, '2025-12-31 23:59'),
	-- CSAT, website, Q1: 5 4 2 1; Q2: 5 5 4 3
	(1, 9, 'csat', 5, '2026-01-10'), (2, 9, 'csat', 4, '2026-02-10'), (3, 9, 'csat', 2, '2026-03-10'),
	(4, 9, 'csat', 1, '2026-03-11'), (1, 9, 'csat', 5, '2026-04-10'), (2, 9, 'csat', 5, '2026-05-10'),
	(3, 9, 'csat', 4, '2026-06-10'), (4, 9, 'csat', 3, '2026-06-11'),
	-- CES, Q1: support 4 6; Q2: website 6 6 7
	(11, 18, 'ces', 4, '2026-02-01'), (12, 18, 'ces', 6, '2026-02-02'),
	(1, 9, 'ces', 6, '2026-04-10'), (2, 9, 'ces', 6, '2026-05-10'), (3, 9, 'ces', 7, '2026-06-10');

INSERT INTO jg.interactions (customer_id, touchpoint_id, opened_at, first_response_at, resolved_at) VALUES
	-- support team (after purchase), Q1: first responses 3 5 h; resolutions 10 20 30 h
	(11, 18, '2026-02-01 08:00', '2026-02-01 11:00', '2026-02-01 18:00'),
	(12, 18, '2026-02-02 08:00', '2026-02-02 13:00', '2026-02-03 04:00'),
	(13, 18, '2026-02-03 08:00', NULL, '2026-02-04 14:00'),
	-- Q2: first responses 2.5 3.5 h; resolutions 12 14 16 18 h
	(11, 18, '2026-05-01 08:00', '2026-05-01 10:30', '2026-05-01 20:00'),
	(12, 18, '2026-05-02 08:00', '2026-05-02 11:30', '2026-05-02 22:00'),
	(13, 18, '2026-05-03 08:00', NULL, '2026-05-04 00:00'),
	(14, 18, '2026-05-04 08:00', NULL, '2026-05-05 02:00'),
	-- billing (after purchase), Q2, still open: no time yet
	(15, 15, '2026-06-01 08:00', NULL, NULL),
	-- website (purchase), Q1: outside the after-purchase and support scopes
	(1, 9, '2026-03-01 08:00', '2026-03-01 09:00', '2026-03-05 12:00');

INSERT INTO jg.subscriptions (customer_id, plan, active) VALUES
	-- customers 1-4 since June 2025; 1 leaves in Q1, 2 in Q2; 5 joins in
	-- February, 6 in March.  Q1: 4 at the start, 1 churned -> 0.25.
	-- Q2: 5 at the start (2, 3, 4, 5, 6), 1 churned -> 0.20.
	(1, 'basic', '[2025-06-01,2026-02-15)'), (2, 'basic', '[2025-06-01,2026-05-10)'),
	(3, 'pro', '[2025-06-01,)'), (4, 'basic', '[2025-06-01,)'),
	(5, 'pro', '[2026-02-01,)'), (6, 'basic', '[2026-03-01,)');

INSERT INTO jg.goals (name, metric, stage, touchpoint_id, baseline_period, target_period, target_kind, target, due_date) VALUES
	('nps +1', 'nps', NULL, NULL, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', 1, '2026-06-30'),
	('resolution -20%', 'resolution_time', 'after_purchase', NULL, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'percent_change', -20, '2026-06-30'),
	('website csat 90', 'csat', NULL, 9, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 90, '2099-12-31'),
	('ces 5.5', 'ces', NULL, NULL, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 5.5, '2026-06-30'),
	('churn below 10%', 'churn_rate', NULL, NULL, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 0.10, '2026-06-30'),
	('support first response 2 h', 'first_response_time', NULL, 18, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 2, '2099-12-31'),
	('store nps +10', 'nps', NULL, 8, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', 10, '2099-12-31'),
	('catalog nps +1', 'nps', NULL, 10, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', 1, '2099-12-31');

SELECT goal_id, name, metric, scope, round(baseline::numeric, 3) AS baseline, round(current::numeric, 3) AS current,
       round(change::numeric, 3) AS change, round(target_value::numeric, 3) AS target_value, met,
       round(p_value::numeric, 4) AS p_value, baseline_n, current_n, due_date, on_track
FROM jg.goal_progress ORDER BY goal_id;

-- The same, by hand.
--  1. NPS, everything.  Q1: P 4, D 1, n 6 -> 50; Q2: P 4, D 2, n 7 -> 28.571.
--     Target 50 + 1.  Wald variances (p + d) - (p - d)^2: 5/6 - 1/4 and
--     6/7 - 4/49.  Past due, not met: off track.
--  2. Resolution time, after purchase: mean 20 h (sd 10, n 3) -> mean 15 h
--     (sd sqrt(20/3), n 4); target 20 * 0.8 = 16; 15 <= 16: met.
--  3. CSAT, website: 2 of 4 satisfied -> 3 of 4: 50 -> 75; target 90, not
--     met; due 2099: expected by now 50 + 40 * (elapsed share, under 2%
--     until 2027), 75 is ahead of it: on track.  Pooled z-test, p = 5/8.
--  4. CES, everything: 4 6 -> mean 5 (se 1); 6 6 7 -> 19/3 (se 1/3);
--     target 5.5: met.
--  5. Churn: 1 of 4 -> 1 of 5; target 0.10, past due: off track.  Pooled
--     p = 2/9.
--  6. First response, support: 3 5 -> 4 h (sd sqrt 2); 2.5 3.5 -> 3 h (sd
--     sqrt 0.5); target 2 h, not met; due 2099: expected by now about
--     4 - 2 * (elapsed share) > 3.9, and 3 is better (lower): on track.
--  7. NPS, store: 10 10 -> 100 (variance 0); 10 5 -> 0 (variance 1);
--     target 110; due 2099, expected by now above 100: off track.
--  8. NPS, catalog: no responses: every value NULL.
-- Two-sided p-values from z, 2 (1 - Phi(|z|)), with the independent normal
-- CDF cx_test.normal_cdf() (test/sql/setup.sql).
WITH expected (goal_id, baseline, current, target_value, met, z, baseline_n, current_n, on_track) AS (VALUES
	(1, 50.0, 200 / 7.0, 51.0, false,
	 (200 / 7.0 - 50) / sqrt(100 ^ 2 * ((5 / 6.0 - 0.25) / 6 + (6 / 7.0 - 4 / 49.0) / 7)), 6, 7, false),
	(2, 20.0, 15.0, 16.0, true, -5 / sqrt(100 / 3.0 + (20 / 3.0) / 4), 3, 4, true),
	(3, 50.0, 75.0, 90.0, false, 0.25 / sqrt(5 / 8.0 * 3 / 8.0 * (1 / 4.0 + 1 / 4.0)), 4, 4, true),
	(4, 5.0, 19 / 3.0, 5.5, true, (19 / 3.0 - 5) / sqrt(1 + 1 / 9.0), 2, 3, true),
	(5, 0.25, 0.20, 0.10, false, (0.20 - 0.25) / sqrt(2 / 9.0 * 7 / 9.0 * (1 / 4.0 + 1 / 5.0)), 4, 5, false),
	(6, 4.0, 3.0, 2.0, false, -1 / sqrt(2 / 2.0 + 0.5 / 2), 2, 2, true),
	(7, 100.0, 0.0, 110.0, false, -100 / sqrt(0 + 100 ^ 2 * 1 / 2.0), 2, 2, false))
SELECT e.goal_id,
       abs(g.baseline - e.baseline) < 1e-9 AS baseline_ok,
       abs(g.current - e.current) < 1e-9 AS current_ok,
       abs(g.change - (e.current - e.baseline)) < 1e-9 AS change_ok,
       abs(g.target_value - e.target_value) < 1e-9 AS target_ok,
       g.met = e.met AS met_ok,
       abs(g.p_value - 2 * (1 - cx_test.normal_cdf(abs(e.z)))) < 1e-9 AS p_value_ok,
       g.baseline_n = e.baseline_n AND g.current_n = e.current_n AS n_ok,
       g.on_track = e.on_track AS on_track_ok
FROM expected e JOIN jg.goal_progress g USING (goal_id)
ORDER BY 1;
-- the goal without data
SELECT goal_id, baseline, current, change, target_value, met, p_value, baseline_n, current_n, on_track
FROM jg.goal_progress WHERE goal_id = 8;

-- The on-track rule for goals still running, against its formula: current
-- at least as good as baseline + (target - baseline) * elapsed share of
-- [start of target period, due date].
SELECT g.goal_id,
       g.on_track = CASE WHEN g.metric IN ('nps', 'csat', 'ces') THEN g.current >= x.expected
                         ELSE g.current <= x.expected END AS rule_ok
FROM jg.goal_progress g JOIN jg.goals USING (goal_id),
     LATERAL (SELECT g.baseline + (g.target_value - g.baseline)
                     * least(1, greatest(0, (current_date - lower(target_period))::float8
                                            / (goals.due_date - lower(target_period)))) AS expected) AS x
WHERE g.due_date > current_date AND NOT g.met
ORDER BY 1;

-- Goals on percentiles, the Kaplan-Meier median and SLA shares, from
-- duration summaries of the raw interactions (relative error 1%).  Times
-- are representative values of buckets, worked out in R from the formula
-- of the summary (rep(x) = 2 b_i / (gamma + 1), b_i = gamma^i s, gamma =
-- 1.01 / 0.99; a percentile is clamped to the shortest and longest time):
-- rep(14 h) = 14.0359499897222, rep(16 h) = 16.1452608641667, rep(20 h) =
-- 20.1183814152778, rep(5 h) = 4.96090024833333; rep(3.5 h) is above
-- 3.5 h, so the clamp gives 3.5.  Log-rank p-values: R's survdiff on the
-- same times; SLA p-values: R's prop.test(correct = FALSE), the pooled
-- two-proportion test.
--  9. Resolution p50, support: Q1 10 20 30 -> x_(2) = 20 h; Q2 12 14 16 18
--     -> x_(2) = 14 h; target 15 h: met.  survdiff: chisq
--     1.49668326635775, p 0.221182401654855.  n: completed cases, 3 and 4.
-- 10. Resolution KM median, after purchase: Q1 10 20 30 -> S = 2/3, 1/3:
--     20 h; Q2 12 14 16 18 and billing's open case (censored at its age,
--     months): S = 4/5, 3/5, 2/5: 16 h.  Target 20.118 * 0.9 = 18.107: met.
--     survdiff with the open case censored: p 0.961988015436439.  n: all
--     cases, 3 and 5.
-- 11. First-response SLA 4 h, support: Q1 3 h (within), 5 h (not), the
--     third case resolved after 30 h without a first response (open,
--     censored at 30 h > 4 h: a breach) -> 1 / 3 = 33.33 %; Q2 2.5 and
--     3.5 h within, two cases without a first response, censored at their
--     resolutions (16 and 18 h): breaches -> 2 / 4 = 50 %.  Target 80 %: not
--     met, past due: off track.  prop.test(c(1, 2), c(3, 4)): p
--     0.659243003692631.  n: known cases, 3 and 4.
-- 12. Resolution SLA 24 h, after purchase: Q1 10 20 within, 30 not -> 2 / 3;
--     Q2 12 14 16 18 within, billing's open case months old: a breach ->
--     4 / 5 = 80 %.  Target 66.67 + 10 = 76.67: met.  prop.test(c(2, 4),
--     c(3, 5)): p 0.673289979659996.  n 3 and 5.
-- 13. First-response p90, support: Q1 3 5 -> x_(2) = 5 h -> 4.9609; Q2 2.5
--     3.5 -> 3.5 (clamped); target 4 h: met.  survdiff with the cases
--     without a first response censored (Q1 at 30 h; Q2 at 16 and 18 h): p
--     0.862857466760133.  n: completed, 2 and 2.
INSERT INTO jg.goals (name, metric, stage, touchpoint_id, baseline_period, target_period, target_kind, target, due_date, sla) VALUES
	('support resolution p50 15 h', 'resolution_p50', NULL, 18, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 15, '2026-06-30', NULL),
	('resolution km median -10%', 'resolution_km_median', 'after_purchase', NULL, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'percent_change', -10, '2026-06-30', NULL),
	('support first response sla 80%', 'first_response_sla', NULL, 18, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 80, '2026-06-30', '4 hours'),
	('resolution sla +10', 'resolution_sla', 'after_purchase', NULL, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', 10, '2026-06-30', '24 hours'),
	('support first response p90 4 h', 'first_response_p90', NULL, 18, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 4, '2026-06-30', NULL);

SELECT goal_id, name, metric, scope, round(baseline::numeric, 4) AS baseline, round(current::numeric, 4) AS current,
       round(change::numeric, 4) AS change, round(target_value::numeric, 4) AS target_value, met,
       round(p_value::numeric, 4) AS p_value, baseline_n, current_n, on_track
FROM jg.goal_progress WHERE goal_id >= 9 ORDER BY goal_id;

WITH expected (goal_id, baseline, current, target_value, met, p_value, baseline_n, current_n, on_track) AS (VALUES
	(9, 20.1183814152778, 14.0359499897222, 15.0, true, 0.221182401654855, 3, 4, true),
	(10, 20.1183814152778, 16.1452608641667, 20.1183814152778 * 0.9, true, 0.961988015436439, 3, 5, true),
	(11, 100 / 3.0, 50.0, 80.0, false, 0.659243003692631, 3, 4, false),
	(12, 200 / 3.0, 80.0, 200 / 3.0 + 10, true, 0.673289979659996, 3, 5, true),
	(13, 4.96090024833333, 3.5, 4.0, true, 0.862857466760133, 2, 2, true))
SELECT e.goal_id,
       abs(g.baseline - e.baseline) < 1e-9 AS baseline_ok,
       abs(g.current - e.current) < 1e-9 AS current_ok,
       abs(g.target_value - e.target_value) < 1e-9 AS target_ok,
       g.met = e.met AS met_ok,
       abs(g.p_value - e.p_value) < 1e-9 AS p_value_ok,
       g.baseline_n = e.baseline_n AND g.current_n = e.current_n AS n_ok,
       g.on_track = e.on_track AS on_track_ok
FROM expected e JOIN jg.goal_progress g USING (goal_id)
ORDER BY 1;

-- The time goals of 0.3.0 still read the mean of completed cases, next to
-- the median and the Kaplan-Meier median of the same scope: goal 2 (mean,
-- 20 -> 15 h) against goal 10 (KM median, 20 -> 16 h, the open case
-- counted).
SELECT goal_id, metric, round(baseline::numeric, 3) AS baseline, round(current::numeric, 3) AS current, baseline_n, current_n
FROM jg.goal_progress WHERE goal_id IN (2, 10) ORDER BY goal_id;

-- An SLA goal needs its limit, and only an SLA goal has one.
\set VERBOSITY terse
INSERT INTO jg.goals (name, metric, baseline_period, target_period, target_kind, target, due_date)
VALUES ('no limit', 'resolution_sla', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 90, '2026-06-30');
INSERT INTO jg.goals (name, metric, baseline_period, target_period, target_kind, target, due_date, sla)
VALUES ('limit on nps', 'nps', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 90, '2026-06-30', '1 hour');
INSERT INTO jg.goals (name, metric, baseline_period, target_period, target_kind, target, due_date, sla)
VALUES ('zero limit', 'first_response_sla', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 90, '2026-06-30', '0');
INSERT INTO jg.goals (name, metric, baseline_period, target_period, target_kind, target, due_date)
VALUES ('unknown metric', 'resolution_p99', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 1, '2026-06-30');
\set VERBOSITY default

SET client_min_messages = warning;
DROP SCHEMA jg CASCADE;
