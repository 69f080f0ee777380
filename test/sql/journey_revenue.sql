-- journey_revenue: subscriptions.mrr, the revenue_scorecard and
-- revenue_cohorts views and the revenue goals (mrr, nrr, grr, churned_mrr)
-- of goal_progress, on a small data set worked out by hand in the comments
-- and checked again by plain SQL over the raw rows.

SET TimeZone = 'UTC';
-- The plain-SQL checks below are estimated as costly enough for JIT
-- compilation, which takes seconds on these few rows.
SET jit = off;
SET client_min_messages = warning;
SELECT cx_journey_create('jr');
RESET client_min_messages;
\set SHOW_CONTEXT never

-- The amount: numeric, at least 0, finite, at most 4 decimals; 0 when not
-- given.  Every bad one is refused by subscriptions_mrr_valid (23514), a
-- NULL by NOT NULL (23502).
SELECT cx_test.try_exec(format($$INSERT INTO jr.subscriptions (customer_id, plan, active, mrr)
                            VALUES (99, 'x', '[2026-01-01,)', %s)$$, v)) AS result, v
FROM (VALUES ('-1'), ('-0.0001'), ($$'NaN'$$), ($$'Infinity'$$), ($$'-Infinity'$$), ('1.00001'), ('12.34567'),
             ('NULL'), ('0'), ('12.3456'), ('99.90'), ('1e6')) AS v(v);
INSERT INTO jr.subscriptions (customer_id, plan, active) VALUES (99, 'x', '[2026-01-01,)');
-- the full error, as a client sees it
INSERT INTO jr.subscriptions (subscription_id, customer_id, plan, active, mrr) VALUES (1000, 99, 'x', '[2026-01-01,)', 9.99999);
SELECT customer_id, plan, mrr FROM jr.subscriptions ORDER BY subscription_id;
DELETE FROM jr.subscriptions;

-- No subscriptions: no rows, and revenue goals without values.
SELECT (SELECT count(*) FROM jr.revenue_scorecard) AS scorecard_rows, (SELECT count(*) FROM jr.revenue_cohorts) AS cohort_rows;
INSERT INTO jr.goals (goal_id, name, metric, baseline_period, target_period, target_kind, target, due_date)
SELECT 100 + i, m, m, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 1, '2026-06-30'
FROM unnest(ARRAY['mrr', 'nrr', 'grr', 'churned_mrr']) WITH ORDINALITY AS u(m, i);
SELECT metric, baseline, current, p_value, baseline_n, current_n, met, on_track FROM jr.goal_progress ORDER BY goal_id;
DELETE FROM jr.goals;
-- Only subscriptions that start after the current month: no rows either.
INSERT INTO jr.subscriptions (customer_id, plan, active, mrr)
VALUES (98, 'later', daterange((date_trunc('month', current_date::timestamp) + interval '1 month')::date, NULL), 10);
SELECT (SELECT count(*) FROM jr.revenue_scorecard) AS scorecard_rows, (SELECT count(*) FROM jr.revenue_cohorts) AS cohort_rows;
DELETE FROM jr.subscriptions;

-- The customers.  Monthly amounts; a range [start, end) is the days
-- start .. end - 1.
--  1: basic 100 from 2026-01-01, upgraded to pro 250 on 2026-03-01 (the
--     one ends the day the other starts: an expansion, not a churn and a
--     return).
--  2: pro 200 from 2025-12-15, downgraded to basic 80 on 2026-02-10,
--     upgraded to plus 120 on 2026-06-01.
--  3: basic 50 from 2025-11-01 to 2026-02-01 (its last day is 2026-01-31:
--     churned in January), back on 2026-04-15 at 60 (a reactivation).
--  4: a trial at 0 in February 2026, then 30 from 2026-03-01: new in March
--     (a trial converting is new business).
--  5: a free plan only: never paying.
--  6: basic 40 from 2026-01-10, and an add-on of 10 from 2026-02-01 to
--     2026-05-01 (overlapping subscriptions add up).
--  7: 70 from 2026-05-05 to 2026-05-20: inside one month, at no boundary.
INSERT INTO jr.subscriptions (customer_id, plan, active, mrr) VALUES
	(1, 'basic', '[2026-01-01,2026-03-01)', 100), (1, 'pro', '[2026-03-01,)', 250),
	(2, 'pro', '[2025-12-15,2026-02-10)', 200), (2, 'basic', '[2026-02-10,2026-06-01)', 80),
	(2, 'plus', '[2026-06-01,)', 120),
	(3, 'basic', '[2025-11-01,2026-02-01)', 50), (3, 'basic', '[2026-04-15,)', 60),
	(4, 'trial', '[2026-02-01,2026-03-01)', 0), (4, 'starter', '[2026-03-01,)', 30),
	(5, 'free', '[2026-01-01,)', 0),
	(6, 'basic', '[2026-01-10,)', 40), (6, 'add-on', '[2026-02-01,2026-05-01)', 10),
	(7, 'basic', '[2026-05-05,2026-05-20)', 70);

-- A customer's MRR at the first of a month is the smaller of their MRR on
-- that day and on the day before:
--          Nov1 Dec1 Jan1 Feb1 Mar1 Apr1 May1 Jun1 Jul1 (and on)
--   1:       0    0    0  100  100  250  250  250  250
--   2:       0    0  200  200   80   80   80   80  120
--   3:       0   50   50    0    0    0   60   60   60
--   4:       0    0    0    0    0   30   30   30   30
--   6:       0    0    0   40   50   50   40   40   40
--   (5 and 7: 0 at every boundary)
--   total:   0   50  250  340  230  410  460  460  500
-- Months (start -> end; movements; customers at start -> end):
--   2025-11: 0 -> 50; new 50 (3).  0 -> 1.
--   2025-12: 50 -> 250; new 200 (2).  1 -> 2; NRR = GRR = 1; ARPA 125.
--   2026-01: 250 -> 340; new 140 (1: 100, 6: 40), churned 50 (3).  2 -> 3;
--            NRR = GRR = 200 / 250 = 0.8; quick ratio 140 / 50 = 2.8;
--            ARPA 340 / 3 = 113.3333.
--   2026-02: 340 -> 230; expansion 10 (6), contraction 120 (2).  3 -> 3;
--            NRR 230 / 340 = 0.67647, GRR 220 / 340 = 0.64706, quick ratio
--            10 / 120 = 0.08333; ARPA 76.6667.
--   2026-03: 230 -> 410; new 30 (4), expansion 150 (1).  3 -> 4; NRR 380 /
--            230 = 1.65217, GRR 1; ARPA 102.5.
--   2026-04: 410 -> 460; reactivation 60 (3), contraction 10 (6).  4 -> 5;
--            NRR = GRR = 400 / 410 = 0.97561; quick ratio 60 / 10 = 6; ARPA
--            92.
--   2026-05: 460 -> 460, nothing moves (7 comes and goes inside the month).
--   2026-06: 460 -> 500; expansion 40 (2).  NRR 500 / 460 = 1.08696.
--   2026-07 on: 500 every month, to the current month.
SELECT month, mrr_at_start AS start, new_mrr AS new, expansion_mrr AS expansion, reactivation_mrr AS reactivation,
       contraction_mrr AS contraction, churned_mrr AS churned, mrr_at_end AS "end", net_new_mrr AS net_new,
       customers_at_start AS c_start, new_customers AS c_new, expansion_customers AS c_exp,
       reactivation_customers AS c_react, contraction_customers AS c_contr, churned_customers AS c_churned,
       customers_at_end AS c_end, round(nrr::numeric, 5) AS nrr, round(grr::numeric, 5) AS grr,
       round(quick_ratio::numeric, 5) AS quick_ratio, arpa
FROM jr.revenue_scorecard WHERE month <= '2026-07-01' ORDER BY month;

-- One row per month from the month of the earliest start (2025-11) to the
-- current month, the last one ending on the first of the next month.
SELECT count(*) = (SELECT count(*) FROM generate_series(timestamp '2025-11-01', date_trunc('month', current_date::timestamp),
                                                        interval '1 month')) AS one_row_per_month,
       min(month) = '2025-11-01' AS first_month_ok,
       max(month) = date_trunc('month', current_date::timestamp)::date AS last_month_is_current,
       bool_and(mrr_at_start + new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr = mrr_at_end
                AND net_new_mrr = mrr_at_end - mrr_at_start) AS identity_every_month,
       bool_and(month > '2026-06-01' IS NOT TRUE OR (mrr_at_start = 500 AND mrr_at_end = 500)) AS flat_after_june
FROM jr.revenue_scorecard;

-- Every month again, by plain SQL over the raw rows: a date spine, each
-- customer's MRR at each boundary as the smaller of the amounts active on
-- the day before and on the day, and the movements by their definitions
-- (new: a customer not paying at the start who never paid before it, i.e.
-- none of whose subscriptions with an amount above 0 started before it).
WITH bounds AS (
	SELECT t::date AS t
	FROM generate_series(timestamp '2025-11-01', date_trunc('month', current_date::timestamp) + interval '1 month',
	                     interval '1 month') AS t
), m AS (
	SELECT c.customer_id, b.t,
	       least(coalesce(sum(s.mrr) FILTER (WHERE s.active @> b.t - 1), 0),
	             coalesce(sum(s.mrr) FILTER (WHERE s.active @> b.t), 0)) AS m
	FROM (SELECT DISTINCT customer_id FROM jr.subscriptions) AS c CROSS JOIN bounds b
	     JOIN jr.subscriptions s ON s.customer_id = c.customer_id
	GROUP BY c.customer_id, b.t
), per AS (
	SELECT x.customer_id, x.t AS month, x.m AS a, y.m AS b,
	       (SELECT min(lower(s.active)) FROM jr.subscriptions s WHERE s.customer_id = x.customer_id AND s.mrr > 0) AS first_paid
	FROM m x JOIN m y ON y.customer_id = x.customer_id AND y.t = (x.t + interval '1 month')::date
), naive AS (
	SELECT month, sum(a) AS start,
	       coalesce(sum(b) FILTER (WHERE a = 0 AND b > 0 AND first_paid >= month), 0) AS new,
	       coalesce(sum(b - a) FILTER (WHERE a > 0 AND b > a), 0) AS expansion,
	       coalesce(sum(b) FILTER (WHERE a = 0 AND b > 0 AND first_paid < month), 0) AS reactivation,
	       coalesce(sum(a - b) FILTER (WHERE a > 0 AND b > 0 AND b < a), 0) AS contraction,
	       coalesce(sum(a) FILTER (WHERE a > 0 AND b = 0), 0) AS churned,
	       sum(b) AS "end",
	       count(*) FILTER (WHERE a > 0) AS c_start,
	       count(*) FILTER (WHERE a = 0 AND b > 0 AND first_paid >= month) AS c_new,
	       count(*) FILTER (WHERE a > 0 AND b > a) AS c_exp,
	       count(*) FILTER (WHERE a = 0 AND b > 0 AND first_paid < month) AS c_react,
	       count(*) FILTER (WHERE a > 0 AND b > 0 AND b < a) AS c_contr,
	       count(*) FILTER (WHERE a > 0 AND b = 0) AS c_churned,
	       count(*) FILTER (WHERE b > 0) AS c_end
	FROM per GROUP BY month
), view AS (
	SELECT month, mrr_at_start, new_mrr, expansion_mrr, reactivation_mrr, contraction_mrr, churned_mrr, mrr_at_end,
	       customers_at_start, new_customers, expansion_customers, reactivation_customers, contraction_customers,
	       churned_customers, customers_at_end
	FROM jr.revenue_scorecard
)
SELECT (SELECT count(*) FROM naive) AS months,
       (SELECT count(*) FROM ((TABLE naive EXCEPT ALL TABLE view) UNION ALL (TABLE view EXCEPT ALL TABLE naive)) AS d) AS months_that_differ;
-- and the ratios from the view's own columns, by their formulas
SELECT bool_and(nrr IS NOT DISTINCT FROM ((mrr_at_start + expansion_mrr - contraction_mrr - churned_mrr) / nullif(mrr_at_start, 0))::float8
                AND grr IS NOT DISTINCT FROM ((mrr_at_start - contraction_mrr - churned_mrr) / nullif(mrr_at_start, 0))::float8
                AND (quick_ratio IS NULL) = (contraction_mrr + churned_mrr = 0)
                AND (quick_ratio IS NULL OR abs(quick_ratio - ((new_mrr + expansion_mrr + reactivation_mrr) / (contraction_mrr + churned_mrr))::float8) < 1e-12)
                AND arpa IS NOT DISTINCT FROM round(mrr_at_end / nullif(customers_at_end, 0), 4)) AS ratios_ok
FROM jr.revenue_scorecard;

-- The view is revenue_periods() of the same summary, made here by hand.
SELECT count(*) AS rows_that_differ
FROM ((SELECT p.period_start, p.mrr_at_start, p.new_mrr, p.expansion_mrr, p.reactivation_mrr, p.contraction_mrr,
              p.churned_mrr, p.mrr_at_end, p.net_new_mrr, p.customers_at_start, p.new_customers, p.expansion_customers,
              p.reactivation_customers, p.contraction_customers, p.churned_customers, p.customers_at_end,
              p.nrr, p.grr, p.quick_ratio, p.arpa
       FROM (SELECT revenue_agg(c.mrr, date '2025-11-01', interval '1 month',
                                (date_trunc('month', current_date::timestamp) + interval '1 month')::date) AS s
             FROM (SELECT customer_id, mrr_agg(active, mrr) AS mrr FROM jr.subscriptions GROUP BY customer_id) AS c) AS r,
            revenue_periods(r.s) AS p
       EXCEPT ALL TABLE jr.revenue_scorecard)
      UNION ALL
      (TABLE jr.revenue_scorecard
       EXCEPT ALL
       SELECT p.period_start, p.mrr_at_start, p.new_mrr, p.expansion_mrr, p.reactivation_mrr, p.contraction_mrr,
              p.churned_mrr, p.mrr_at_end, p.net_new_mrr, p.customers_at_start, p.new_customers, p.expansion_customers,
              p.reactivation_customers, p.contraction_customers, p.churned_customers, p.customers_at_end,
              p.nrr, p.grr, p.quick_ratio, p.arpa
       FROM (SELECT revenue_agg(c.mrr, date '2025-11-01', interval '1 month',
                                (date_trunc('month', current_date::timestamp) + interval '1 month')::date) AS s
             FROM (SELECT customer_id, mrr_agg(active, mrr) AS mrr FROM jr.subscriptions GROUP BY customer_id) AS c) AS r,
            revenue_periods(r.s) AS p)) AS d;

-- Cohorts: the month each customer first paid, and at the end of each
-- following month their MRR and how many pay.
--   2025-11 (3): 50 at Dec 1; 50 (Jan 1); 0, 0, 0 (Feb, Mar, Apr 1: 0
--     customers); 60 at May 1 (net MRR retention 1.2).
--   2025-12 (2): 200, 200, then 80 from Mar 1 (0.4).
--   2026-01 (1, 6): 140 at Feb 1; 150 (100 + 50, 1.0714); 300 (250 + 50,
--     2.1429); 290 (250 + 40, 2.0714) from May 1.
--   2026-03 (4): 30 on.
--   2026-05 (7): one customer, who first paid in May and no longer pays at
--     its end: size 1, cohort MRR 0, no one paying, net MRR retention NULL.
-- (2026-02 and 2026-04: nobody first paid then.)
SELECT cohort, period_offset, cohort_size, cohort_mrr, customers, mrr,
       round(net_mrr_retention::numeric, 4) AS net_mrr_retention, round(customer_retention::numeric, 4) AS customer_retention
FROM jr.revenue_cohorts
WHERE cohort_size > 0 AND period_offset <= 5 AND cohort <= '2026-05-01'
ORDER BY cohort, period_offset;
-- offsets 0..12 at most, and never past the current month; the view is
-- revenue_cohort_retention() of the monthly summary with max_offset 12
SELECT count(*) = (SELECT count(*)
                   FROM (SELECT count(*) AS p FROM generate_series(timestamp '2025-11-01', date_trunc('month', current_date::timestamp),
                                                                   interval '1 month')) AS m,
                        generate_series(0, m.p - 1) AS c, generate_series(0, least(12, m.p - 1 - c)) AS j) AS rows_ok,
       max(period_offset) AS max_offset,
       bool_and(period_offset > 0 OR cohort_mrr = mrr) AS offset_0_is_cohort_mrr
FROM jr.revenue_cohorts;
SELECT count(*) AS rows_that_differ
FROM ((SELECT p.* FROM (SELECT revenue_agg(c.mrr, date '2025-11-01', interval '1 month',
                                           (date_trunc('month', current_date::timestamp) + interval '1 month')::date, 12) AS s
                        FROM (SELECT customer_id, mrr_agg(active, mrr) AS mrr FROM jr.subscriptions GROUP BY customer_id) AS c) AS r,
                       revenue_cohort_retention(r.s) AS p
       EXCEPT ALL TABLE jr.revenue_cohorts)
      UNION ALL
      (TABLE jr.revenue_cohorts
       EXCEPT ALL
       SELECT p.* FROM (SELECT revenue_agg(c.mrr, date '2025-11-01', interval '1 month',
                                           (date_trunc('month', current_date::timestamp) + interval '1 month')::date, 12) AS s
                        FROM (SELECT customer_id, mrr_agg(active, mrr) AS mrr FROM jr.subscriptions GROUP BY customer_id) AS c) AS r,
                       revenue_cohort_retention(r.s) AS p)) AS d;

-- Row-level security on subscriptions applies to the views (security
-- invoker): a reader who sees customers 1 and 2 only sees their revenue,
-- from the month of 2's first subscription (2025-12) on: 200 new in
-- December; 250 + 120 = 370 at the start of July.
CREATE ROLE regress_revenue_reader;
GRANT USAGE ON SCHEMA jr TO regress_revenue_reader;
GRANT SELECT ON jr.subscriptions, jr.revenue_scorecard TO regress_revenue_reader;
ALTER TABLE jr.subscriptions ENABLE ROW LEVEL SECURITY;
CREATE POLICY two_customers ON jr.subscriptions FOR SELECT TO regress_revenue_reader USING (customer_id IN (1, 2));
SET ROLE regress_revenue_reader;
SELECT month, mrr_at_start, new_mrr, mrr_at_end FROM jr.revenue_scorecard WHERE month IN ('2025-12-01', '2026-07-01') ORDER BY month;
SELECT min(month) AS first_month FROM jr.revenue_scorecard;
RESET ROLE;
DROP POLICY two_customers ON jr.subscriptions;
ALTER TABLE jr.subscriptions DISABLE ROW LEVEL SECURITY;
REVOKE ALL ON SCHEMA jr FROM regress_revenue_reader;
REVOKE ALL ON jr.subscriptions, jr.revenue_scorecard FROM regress_revenue_reader;
DROP ROLE regress_revenue_reader;

-- Goals.  Baseline: the first quarter of 2026, a = MRR at Jan 1, b at Apr 1;
-- target: the second, a at Apr 1, b at Jul 1 (the table above):
--              Q1 a -> b     Q2 a -> b
--   1:          0 -> 250     250 -> 250
--   2:        200 -> 80       80 -> 120
--   3:         50 -> 0         0 -> 60
--   4:          0 -> 30       30 -> 30
--   6:          0 -> 50       50 -> 40
--  mrr: the sum of b: Q1 410 (4 paying at Apr 1), Q2 500 (5 at Jul 1).
--  nrr: over the customers paying at the start.  Q1: 2 and 3, 80 / 250 =
--    32%; Q2: 1, 2, 4 and 6, 440 / 410 = 107.317%.
--  grr: least(a, b): Q1 (80 + 0) / 250 = 32%; Q2 (250 + 80 + 30 + 40) / 410
--    = 97.561%.
--  churned_mrr: Q1 50 (3), Q2 0.
-- p-values.  NRR, GRR: z = (R_b - R_a) / sqrt(SE_a^2 + SE_b^2), SE^2 =
-- sum((y - R x)^2) / (n (n - 1) xbar^2).  Q1: residuals 80 - 0.32 * 200 =
-- 16, 0 - 0.32 * 50 = -16; SE^2 = 512 / (2 * 125^2) = 0.016384, SE = 12.8
-- points (for NRR and GRR alike: both of Q1's customers shrank).  Q2 NRR:
-- residuals (-750, 1400, -90, -560) / 41, sum of squares 2844200 / 1681 =
-- 1691.97, SE^2 = 1691.97 / (12 * 102.5^2) = 0.0134203, SE = 11.585
-- points; z = (107.317 - 32) / sqrt(12.8^2 + 11.585^2) = 4.3627.  Q2 GRR:
-- residuals (250, 80, 30, -360) / 41, SE = 3.0674 points; z = (97.561 -
-- 32) / sqrt(12.8^2 + 3.0674^2) = 4.9809.  churned_mrr: mean_test of the
-- churned amount per customer paying at the start: Q1 (0, 50), mean 25,
-- sd sqrt(1250); Q2 (0, 0, 0, 0); SE = sqrt(1250 / 2) = 25, z = -1, p =
-- 0.3173.
INSERT INTO jr.goals (name, metric, baseline_period, target_period, target_kind, target, due_date) VALUES
	('NRR at least 100%', 'nrr', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 100, '2026-06-30'),
	('GRR +5 points', 'grr', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', 5, '2026-06-30'),
	('churned MRR -10% this quarter', 'churned_mrr', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'percent_change', -10, '2026-06-30'),
	('MRR 600', 'mrr', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 600, '2026-06-30'),
	('MRR +20%', 'mrr', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'percent_change', 20, '2099-12-31'),
	('NRR 150 by 2099', 'nrr', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 150, '2099-12-31'),
	-- a baseline before any subscription: nobody pays at its start
	('NRR, no baseline', 'nrr', '[2025-01-01,2025-04-01)', '[2026-04-01,2026-07-01)', 'value', 100, '2099-12-31'),
	('churned MRR, no baseline', 'churned_mrr', '[2025-01-01,2025-04-01)', '[2026-04-01,2026-07-01)', 'value', 10, '2099-12-31'),
	('MRR, no baseline', 'mrr', '[2025-01-01,2025-04-01)', '[2026-04-01,2026-07-01)', 'change', 100, '2099-12-31');

SELECT goal_id, name, metric, scope, round(baseline::numeric, 3) AS baseline, round(current::numeric, 3) AS current,
       round(change::numeric, 3) AS change, round(target_value::numeric, 3) AS target_value, met,
       round(p_value::numeric, 4) AS p_value, baseline_n, current_n, due_date, on_track
FROM jr.goal_progress ORDER BY goal_id;

-- The same, against the values worked out above: met = current at or
-- beyond the target (higher for mrr, nrr, grr, lower for churned_mrr);
-- goal 4 is past due and short of it: off track; 6 (due 2099) is behind
-- its target but ahead of the steady path from 32 to 150: on track.
WITH expected (goal_id, baseline, current, target_value, met, baseline_n, current_n, on_track) AS (VALUES
	(1, 32.0, 4400 / 41.0, 100.0, true, 2, 4, true),
	(2, 32.0, 4000 / 41.0, 37.0, true, 2, 4, true),
	(3, 50.0, 0.0, 45.0, true, 2, 4, true),
	(4, 410.0, 500.0, 600.0, false, 4, 5, false),
	(5, 410.0, 500.0, 492.0, true, 4, 5, true),
	(6, 32.0, 4400 / 41.0, 150.0, false, 2, 4, true),
	(7, NULL, 4400 / 41.0, 100.0, true, 0, 4, true),
	(8, NULL, 0.0, 10.0, true, 0, 4, true),
	(9, 0.0, 500.0, 100.0, true, 0, 5, true))
SELECT e.goal_id,
       (g.baseline IS NULL AND e.baseline IS NULL) OR abs(g.baseline - e.baseline) < 1e-9 AS baseline_ok,
       abs(g.current - e.current) < 1e-9 AS current_ok,
       abs(g.target_value - e.target_value) < 1e-9 AS target_ok,
       g.met = e.met AS met_ok,
       g.baseline_n = e.baseline_n AND g.current_n = e.current_n AS n_ok,
       g.on_track = e.on_track AS on_track_ok
FROM expected e JOIN jr.goal_progress g USING (goal_id)
ORDER BY 1;

-- The p-values, recomputed from the raw rows: each customer's a and b as
-- the smaller of the amounts active on the day before and on the day, the
-- ratio R = sum(y) / sum(x) over the customers paying at the start, its
-- standard error from the residuals y - R x, and the two-sided normal
-- p-value (cx_test.normal_cdf, test/sql/setup.sql); for churned_mrr the
-- Welch z of the churned amounts' means.  No p-value for mrr (a total),
-- nor without two customers paying at the start of each period.
CREATE FUNCTION pg_temp.revenue_p_values(OUT goal_id int, OUT metric text, OUT z float8, OUT p_value_ok bool)
RETURNS SETOF record LANGUAGE sql AS $$
WITH f AS (
	SELECT g.goal_id, g.metric, k.k, c.customer_id,
	       (SELECT least(coalesce(sum(s.mrr) FILTER (WHERE s.active @> k.lo - 1), 0), coalesce(sum(s.mrr) FILTER (WHERE s.active @> k.lo), 0))
	        FROM jr.subscriptions s WHERE s.customer_id = c.customer_id) AS a,
	       (SELECT least(coalesce(sum(s.mrr) FILTER (WHERE s.active @> k.hi - 1), 0), coalesce(sum(s.mrr) FILTER (WHERE s.active @> k.hi), 0))
	        FROM jr.subscriptions s WHERE s.customer_id = c.customer_id) AS b
	FROM jr.goals g
	     CROSS JOIN LATERAL (VALUES ('a', lower(g.baseline_period), upper(g.baseline_period)),
	                                ('b', lower(g.target_period), upper(g.target_period))) AS k(k, lo, hi)
	     CROSS JOIN (SELECT DISTINCT customer_id FROM jr.subscriptions) AS c
), xy AS (
	SELECT goal_id, metric, k, a::float8 AS x, (CASE WHEN metric = 'grr' THEN least(a, b) ELSE b END)::float8 AS y,
	       (CASE WHEN b = 0 THEN a ELSE 0 END)::float8 AS churned
	FROM f WHERE a > 0
), ratio AS (
	SELECT goal_id, metric, k, count(*) AS n, sum(y) / sum(x) AS r, avg(x) AS xbar,
	       avg(churned) AS churned_mean, var_samp(churned) AS churned_var
	FROM xy GROUP BY goal_id, metric, k
), se AS (
	SELECT r.goal_id, r.metric, r.k, r.n, r.r, r.churned_mean, r.churned_var,
	       (SELECT sum((xy.y - r.r * xy.x) ^ 2) FROM xy WHERE xy.goal_id = r.goal_id AND xy.k = r.k)
	           / (r.n * (r.n - 1) * r.xbar ^ 2) AS se2
	FROM ratio r WHERE r.n >= 2
), z AS (
	SELECT a.goal_id, a.metric,
	       CASE WHEN a.metric IN ('nrr', 'grr') THEN (b.r - a.r) / sqrt(a.se2 + b.se2)
	            ELSE (b.churned_mean - a.churned_mean) / sqrt(a.churned_var / a.n + b.churned_var / b.n) END AS z
	FROM se a JOIN se b ON b.goal_id = a.goal_id AND a.k = 'a' AND b.k = 'b'
	WHERE a.metric <> 'mrr'
)
SELECT g.goal_id, g.metric, z.z,
       CASE WHEN z.z IS NULL THEN g.p_value IS NULL
            ELSE abs(g.p_value - e.p) < greatest(1e-6 * e.p, 1e-10) END AS p_value_ok
FROM jr.goal_progress g LEFT JOIN z USING (goal_id)
     -- to 1e-6 of the value, or to 1e-10 in the far tail, where the
     -- independent CDF (a numerical integral) is not accurate
     LEFT JOIN LATERAL (SELECT 2 * (1 - cx_test.normal_cdf(abs(z.z))) AS p) AS e ON true
$$;
SELECT goal_id, metric, round(z::numeric, 4) AS z, p_value_ok FROM pg_temp.revenue_p_values() ORDER BY goal_id;

-- On more customers (600, with overlapping, lapsing, open-ended and free
-- subscriptions, amounts with 2 decimals), the goals read each period as
-- revenue_agg reads a grid of one period over it: mrr = its MRR at the
-- end, nrr and grr = 100 times its NRR and GRR, churned_mrr = its churned
-- MRR, and the counts its customers at the end or at the start.
DELETE FROM jr.goals;
DELETE FROM jr.subscriptions;
INSERT INTO jr.subscriptions (customer_id, plan, active, mrr)
SELECT i % 600, 'p', daterange(date '2025-01-01' + (i * 37) % 500,
                               CASE WHEN i % 3 <> 0 THEN date '2025-01-01' + (i * 37) % 500 + 1 + (i * 13) % 300 END),
       ((i * 7) % 5) * 10.25
FROM generate_series(1, 2000) AS i;
INSERT INTO jr.goals (name, metric, baseline_period, target_period, target_kind, target, due_date)
SELECT m || ' ' || k, m, daterange(date '2025-02-01' + k * 17, date '2025-03-03' + k * 18),
       daterange(date '2025-06-01' + k * 5, date '2025-09-01' + k * 11), 'value', 1, '2099-12-31'
FROM unnest(ARRAY['mrr', 'nrr', 'grr', 'churned_mrr']) AS m, generate_series(0, 4) AS k;
WITH t AS (SELECT customer_id, mrr_agg(active, mrr) AS mrr FROM jr.subscriptions GROUP BY customer_id),
grid AS (
	SELECT g.goal_id, g.metric, k.k, p.*
	FROM jr.goals g
	     CROSS JOIN LATERAL (VALUES (0, g.baseline_period), (1, g.target_period)) AS k(k, period)
	     CROSS JOIN LATERAL (SELECT revenue_agg(t.mrr, lower(k.period), (upper(k.period) - lower(k.period)) * interval '1 day', 1) AS s
	                         FROM t) AS r
	     CROSS JOIN LATERAL revenue_periods(r.s) AS p
), expected AS (
	SELECT goal_id, k,
	       CASE metric WHEN 'mrr' THEN mrr_at_end::float8 WHEN 'nrr' THEN 100 * nrr WHEN 'grr' THEN 100 * grr
	                   ELSE CASE WHEN customers_at_start > 0 THEN churned_mrr::float8 END END AS value,
	       CASE metric WHEN 'mrr' THEN customers_at_end ELSE customers_at_start END AS n
	FROM grid
)
SELECT g.metric, count(*) AS goals,
       bool_and(abs(g.baseline - b.value) <= 1e-12 * abs(b.value) AND abs(g.current - c.value) <= 1e-12 * abs(c.value)) AS values_agree,
       bool_and(g.baseline_n = b.n AND g.current_n = c.n) AS counts_agree,
       bool_and(g.baseline_n > 50 AND g.current_n > 50 AND (g.p_value IS NOT NULL) = (g.metric <> 'mrr')) AS sizable
FROM jr.goal_progress g
     JOIN expected b ON b.goal_id = g.goal_id AND b.k = 0
     JOIN expected c ON c.goal_id = g.goal_id AND c.k = 1
GROUP BY g.metric ORDER BY g.metric;
-- and their p-values are those of the formula over the raw rows (above)
SELECT metric, count(*) AS goals, count(z) AS tested, bool_and(p_value_ok) AS p_values_ok
FROM pg_temp.revenue_p_values() GROUP BY metric ORDER BY metric;

-- Revenue goals are for everything only, like churn_rate: the journey
-- does not know which touchpoint or stage a subscription belongs to.
SELECT cx_test.try_exec(format($$INSERT INTO jr.goals (name, metric, stage, touchpoint_id, baseline_period, target_period,
                                                 target_kind, target, due_date)
                            VALUES (%L, %L, %L, %s, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 100, '2026-06-30')$$,
                          name, metric, stage, tp)) AS result, name
FROM (VALUES ('nrr per stage', 'nrr', 'after_purchase', 'NULL'), ('grr per touchpoint', 'grr', NULL, '15'),
             ('mrr per stage', 'mrr', 'purchase', 'NULL'), ('churned per touchpoint', 'churned_mrr', NULL, '9'),
             ('arr', 'arr', NULL, 'NULL'))
     AS v(name, metric, stage, tp);

-- A subscription since -infinity (a customer from before the records):
-- the months start with the earliest finite start, and that customer is
-- paying at it.  January 2026: 10 at the start (x), 20 new (y, from Jan
-- 15), x churned at Feb 1 (its last day is Jan 31): 10 -> 20.
SET client_min_messages = warning;
SELECT cx_journey_create('jr_text', 'text');
RESET client_min_messages;
INSERT INTO jr_text.subscriptions (customer_id, plan, active, mrr)
VALUES ('CUST-X', 'legacy', '[-infinity,2026-02-01)', 10), ('CUST-Y', 'basic', '[2026-01-15,)', 20);
SELECT month, mrr_at_start, new_mrr, churned_mrr, mrr_at_end, customers_at_start, customers_at_end
FROM jr_text.revenue_scorecard WHERE month <= '2026-02-01' ORDER BY month;

SET client_min_messages = warning;
DROP SCHEMA jr, jr_text CASCADE;
