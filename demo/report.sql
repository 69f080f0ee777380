/*
 * cx_metrics demo: a CX report over the sample CRM database (demo/data.sql).
 *
 *   psql -f demo/report.sql        (demo/run does this in a throwaway cluster)
 *
 * It reads the journey schema "cx" the way a report or a BI tool would:
 *   1, 2  the scorecard views stage_scorecard and touchpoint_scorecard (from
 *         the raw rows) for the last month;
 *   3, 4  monthly trends from the daily summaries (cx.daily_summaries, filled
 *         by cx_journey_refresh), combined exactly with rollup(), and tested
 *         with nps_test(), csat_test() and mean_test();
 *   5, 6  churn, retention and cohorts: churn_agg() over each customer's
 *         subscriptions, merged with range_agg(); churn and NPS per segment
 *         of the CRM's own customers table;
 *   7     resolution times of the support team, before and after its fix;
 *   8     the goal_progress view.
 * Nothing in it knows what demo/data.sql hid in the data.
 */

\set ON_ERROR_STOP 1
\encoding UTF8
\pset footer off
\pset null ''
\pset linestyle unicode
SET client_min_messages = warning;
SET timezone = 'UTC';
SET search_path = cx, crm, public;
SET work_mem = '64MB';          -- the scorecards' sorts, in memory
SET jit = off;                  -- compiling the report's queries would take longer than running them

--------------------------------------------------------------------------
-- formatting helpers (temporary)
--------------------------------------------------------------------------

-- numbers right-aligned in w columns, signed changes, p-values with an
-- arrow when significant, intervals
CREATE FUNCTION pg_temp.pad(t text, w int) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN lpad(coalesce(t, ''), greatest(w, length(t)));
CREATE FUNCTION pg_temp.num(x float8, w int DEFAULT 5, d int DEFAULT 1) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN pg_temp.pad(round(x::numeric, d)::text, w);
CREATE FUNCTION pg_temp.signed(x float8, w int DEFAULT 5, d int DEFAULT 1) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN pg_temp.pad(CASE WHEN round(x::numeric, d) > 0 THEN '+' ELSE '' END
					   || round(x::numeric, d)::text, w);
CREATE FUNCTION pg_temp.pval(p float8, delta float8) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN pg_temp.pad(CASE WHEN p < 0.001 THEN '<0.001' ELSE to_char(p, 'FM0.000') END, 6)
		   || CASE WHEN p < 0.05 THEN CASE WHEN delta > 0 THEN ' ▲' ELSE ' ▼' END ELSE '  ' END;
CREATE FUNCTION pg_temp.ci(lo float8, hi float8, w int DEFAULT 5, d int DEFAULT 1) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN CASE WHEN lo IS NOT NULL THEN pg_temp.num(lo, w, d) || ' … ' || pg_temp.num(hi, w, d) END;
-- hours as minutes, hours or days
CREATE FUNCTION pg_temp.dur(h float8, w int DEFAULT 7) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN pg_temp.pad(CASE WHEN h IS NULL THEN NULL
							WHEN h < 1 THEN round(h * 60)::text || ' min'
							WHEN h < 48 THEN round(h::numeric, 1)::text || ' h'
							ELSE round((h / 24)::numeric, 1)::text || ' d' END, w);
-- a bar of x / unit characters, drawn in eighths
CREATE FUNCTION pg_temp.bar(x float8, unit float8) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN repeat('█', floor(greatest(x / unit, 0))::int)
		   || substr(' ▏▎▍▌▋▊▉', 1 + floor(8 * (greatest(x / unit, 0) - floor(greatest(x / unit, 0))))::int, 1);
-- one character of a sparkline: x on the scale lo..hi
CREATE FUNCTION pg_temp.spark(x float8, lo float8, hi float8) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN CASE WHEN x IS NULL THEN ' '
				ELSE substr('▁▂▃▄▅▆▇█', 1 + least(7, greatest(0, floor(8 * (x - lo) / nullif(hi - lo, 0))))::int, 1) END;
-- an interval drawn on an axis lo..hi of w characters: ├──●──┤, with ┊ at 0
CREATE FUNCTION pg_temp.ci_plot(x float8, l float8, u float8, lo float8, hi float8, w int) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN (SELECT string_agg(CASE WHEN i = px THEN '●'
								   WHEN i = pl THEN '├'
								   WHEN i = pu THEN '┤'
								   WHEN i > pl AND i < pu THEN '─'
								   WHEN i = p0 THEN '┊'
								   ELSE '·' END, '' ORDER BY i)
			FROM generate_series(0, w - 1) AS i,
				 LATERAL (SELECT round((w - 1) * (x - lo) / (hi - lo))::int AS px,
								 round((w - 1) * (l - lo) / (hi - lo))::int AS pl,
								 round((w - 1) * (u - lo) / (hi - lo))::int AS pu,
								 round((w - 1) * (0 - lo) / (hi - lo))::int AS p0) AS p);
-- a share 0..1 as a bar of w characters
CREATE FUNCTION pg_temp.progress(f float8, w int) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN '▕' || rpad(pg_temp.bar(least(greatest(f, 0), 1) * w, 1), w) || '▏';
CREATE FUNCTION pg_temp.heading(t text) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN rpad('── ' || t || ' ', 96, '─');

--------------------------------------------------------------------------
-- the period: the last month with data, the last two quarters
--------------------------------------------------------------------------

SELECT to_char(min(day), 'YYYY-MM') AS first_month,
	   to_char(max(day), 'YYYY-MM') AS last_month_label,
	   to_char(max(day), 'FMMonth YYYY') AS last_month_name,
	   date_trunc('month', max(day))::date AS last_month,
	   (max(day) + 1) AS as_of,
	   (date_trunc('month', max(day)) - interval '2 months')::date AS q_cur,
	   (date_trunc('month', max(day)) - interval '5 months')::date AS q_prev,
	   to_char(date_trunc('month', max(day)) - interval '2 months', 'Mon') || '–'
		   || to_char(max(day), 'Mon YYYY') AS q_cur_label,
	   to_char(date_trunc('month', max(day)) - interval '5 months', 'Mon') || '–'
		   || to_char(date_trunc('month', max(day)) - interval '3 months', 'Mon YYYY') AS q_prev_label,
	   min(day) AS first_day
FROM daily_summaries
\gset

SELECT pg_temp.heading(format('1. Scorecard by journey stage, %s (view cx.stage_scorecard)', :'last_month_name')) AS h1,
	   pg_temp.heading(format('2. Scorecard by touchpoint, %s (view cx.touchpoint_scorecard)', :'last_month_name')) AS h2,
	   pg_temp.heading('3. NPS by month, all touchpoints (daily summaries, rollup, nps_test)') AS h3,
	   pg_temp.heading('4. Every touchpoint by month, and the last quarter against the one before') AS h4,
	   pg_temp.heading('5. Churn and retention by month (churn_agg over the subscriptions)') AS h5,
	   pg_temp.heading('6. Cohort retention: % of each month''s new customers still subscribed') AS h6,
	   pg_temp.heading(format('7. Support team: time to resolve a case, %s against %s', :'q_prev_label', :'q_cur_label')) AS h7,
	   pg_temp.heading('8. Goals (view cx.goal_progress)') AS h8,
	   :'first_month' || repeat(' ', 4) || :'last_month_label' AS spark_head
\gset

SELECT to_char(count(*), 'FM999,999,999') AS customers,
	   format('%s consumers, %s small businesses, %s enterprises',
			  to_char(count(*) FILTER (WHERE segment = 'consumer'), 'FM999,999'),
			  to_char(count(*) FILTER (WHERE segment = 'small business'), 'FM999,999'),
			  to_char(count(*) FILTER (WHERE segment = 'enterprise'), 'FM999,999')) AS segments,
	   (SELECT to_char(count(DISTINCT customer_id), 'FM999,999,999') FROM subscriptions
		WHERE active @> :'as_of'::date - 1) AS subscribed,
	   (SELECT to_char(count(*), 'FM999,999,999') FROM subscriptions) AS subscriptions,
	   (SELECT to_char(count(*), 'FM999,999,999') FROM responses) AS responses,
	   (SELECT count(DISTINCT touchpoint_id) FROM responses) AS touchpoints,
	   (SELECT to_char(count(*), 'FM999,999,999') FROM interactions) AS interactions,
	   (SELECT count(*) FROM goals) AS goals
FROM crm.customers
\gset

\echo
\echo '════════════════════════════════════════════════════════════════════════════════════════════════'
\echo '  CUSTOMER EXPERIENCE REPORT · ':first_month' .. ':last_month_label' · as of ':as_of
\echo '════════════════════════════════════════════════════════════════════════════════════════════════'
\echo '  ':customers' customers (':segments'), ':subscribed' subscribed today;'
\echo '  ':subscriptions' subscriptions, ':responses' survey responses at ':touchpoints' touchpoints, ':interactions' service'
\echo '  interactions, ':goals' goals, in the journey schema "cx" (cx_journey_create).'
\echo
\echo '  NPS: % promoters (9-10) − % detractors (0-6), −100..100.  CSAT: % satisfied (4-5 of 5).'
\echo '  CES: mean of 1..7, higher is easier.  n: responses.  95% CI: 95% interval (NPS adjusted Wald,'
\echo '  CSAT Wilson, CES normal).  Δ: change; p: its two-sided p-value; ▲ ▼: p < 0.05, about 1 in 20'
\echo '  unchanged cases is flagged by chance.'
\echo

-- The last month of the two scorecards, read once each (the views read
-- every raw row: their month is computed from the timestamps).
CREATE TEMP TABLE stage_card AS SELECT * FROM stage_scorecard WHERE month = :'last_month';
CREATE TEMP TABLE touchpoint_card AS SELECT * FROM touchpoint_scorecard WHERE month = :'last_month';

--------------------------------------------------------------------------
\echo :h1
--------------------------------------------------------------------------
SELECT s.stage,
	   s.nps_n AS "NPS n", pg_temp.num(s.nps) AS "NPS", pg_temp.ci(s.nps_lower, s.nps_upper) AS "95% CI",
	   s.csat_n AS "CSAT n", pg_temp.num(s.csat) AS "CSAT", pg_temp.ci(s.csat_lower, s.csat_upper) AS "95% CI ",
	   s.ces_n AS "CES n", pg_temp.num(s.ces, 4, 2) AS "CES", pg_temp.ci(s.ces_lower, s.ces_upper, 4, 2) AS "95% CI  "
FROM stage_card AS s
	 JOIN journey_stages USING (stage)
WHERE s.month = :'last_month'
ORDER BY position;

SELECT s.stage, s.interactions AS cases,
	   pg_temp.dur(s.first_response_p50_h, 13) AS "1st reply p50", pg_temp.dur(s.first_response_p90_h) AS "p90",
	   pg_temp.dur(s.resolution_p50_h, 12) AS "resolved p50", pg_temp.dur(s.resolution_p90_h) AS "p90 "
FROM stage_card AS s
	 JOIN journey_stages USING (stage)
WHERE s.month = :'last_month' AND s.interactions > 0
ORDER BY position;

--------------------------------------------------------------------------
\echo :h2
--------------------------------------------------------------------------
\echo '   NPS on the axis −40 … +60 (┊ = 0): ● the score, ├─┤ its 95% interval'
SELECT CASE WHEN row_number() OVER (PARTITION BY s.stage ORDER BY s.touchpoint_id) = 1
			THEN replace(s.stage, '_purchase', '') END AS stage,
	   s.touchpoint,
	   nullif(s.nps_n, 0) AS "NPS n", pg_temp.num(s.nps) AS "NPS",
	   CASE WHEN s.nps_n > 0 THEN pg_temp.ci_plot(s.nps, s.nps_lower, s.nps_upper, -40, 60, 21) END AS "−40     0         +60",
	   nullif(s.csat_n, 0) AS "CSAT n", pg_temp.num(s.csat) AS "CSAT", pg_temp.ci(s.csat_lower, s.csat_upper, 4, 0) AS "95% CI",
	   nullif(s.ces_n, 0) AS "CES n", pg_temp.num(s.ces, 4, 2) AS "CES"
FROM touchpoint_card AS s
	 JOIN journey_stages AS j USING (stage)
WHERE s.month = :'last_month'
ORDER BY j.position, s.touchpoint_id;

SELECT s.touchpoint, s.interactions AS cases,
	   pg_temp.dur(s.first_response_p50_h, 13) AS "1st reply p50", pg_temp.dur(s.first_response_p90_h) AS "p90",
	   pg_temp.dur(s.resolution_p50_h, 12) AS "resolved p50", pg_temp.dur(s.resolution_p90_h) AS "p90 "
FROM touchpoint_card AS s
WHERE s.month = :'last_month' AND s.interactions > 0
ORDER BY s.interactions DESC, s.touchpoint;

--------------------------------------------------------------------------
\echo :h3
--------------------------------------------------------------------------
CREATE TEMP TABLE nps_month AS
SELECT m.month, m.s, t.delta, t.p_value
FROM (SELECT month, s, lag(s) OVER (ORDER BY month) AS prev
	  FROM (SELECT date_trunc('month', day)::date AS month, rollup(nps) AS s
			FROM daily_summaries GROUP BY 1) AS x) AS m
	 LEFT JOIN LATERAL nps_test(m.prev, m.s) AS t ON true;

SELECT to_char(month, 'YYYY-MM') AS month,
	   responses(s) AS n,
	   pg_temp.num(nps(s)) AS "NPS",
	   pg_temp.ci(nps_lower(s), nps_upper(s)) AS "95% CI",
	   pg_temp.signed(delta) AS "Δ",
	   pg_temp.pval(p_value, delta) AS "p",
	   pg_temp.bar(nps(s), 0.5) AS "NPS, █ = ½ point"
FROM nps_month
ORDER BY month;

SELECT format('   Last change, %s against %s: %s points (95%% CI %s … %s), p = %s: %s.',
			  to_char(b.month, 'Mon YYYY'), to_char(a.month, 'Mon YYYY'),
			  pg_temp.signed(t.delta, 1), pg_temp.signed(t.lower, 1), pg_temp.signed(t.upper, 1),
			  to_char(t.p_value, 'FM0.000'),
			  CASE WHEN t.p_value < 0.05 THEN 'a real change' ELSE 'within the noise, not a real change' END)
	   || coalesce(E'\n' || (SELECT format('   Largest significant move: %s, %s points (p %s).',
										  to_char(month, 'Mon YYYY'), pg_temp.signed(delta, 1),
										  CASE WHEN p_value < 0.001 THEN '< 0.001' ELSE '= ' || to_char(p_value, 'FM0.000') END)
								 FROM nps_month WHERE p_value < 0.05
								 ORDER BY abs(delta) DESC LIMIT 1), '') AS " "
FROM (SELECT * FROM nps_month ORDER BY month DESC LIMIT 1) AS b
	 JOIN nps_month AS a ON a.month = b.month - interval '1 month'
	 CROSS JOIN LATERAL nps_test(a.s, b.s) AS t
\g (tuples_only=on format=unaligned)
\echo

--------------------------------------------------------------------------
\echo :h4
--------------------------------------------------------------------------
\echo '   Each touchpoint''s headline metric: NPS where it is asked, else CES, else CSAT.  The sparkline'
\echo '   has one character per month, ▁ lowest to █ highest on one scale per metric.'
CREATE TEMP TABLE tp_month AS
SELECT d.touchpoint_id, date_trunc('month', d.day)::date AS month,
	   rollup(d.nps) AS nps, rollup(d.csat) AS csat, rollup(d.ces) AS ces
FROM daily_summaries AS d
GROUP BY 1, 2;

WITH headline AS (
	SELECT t.touchpoint_id, t.name, t.stage,
		   CASE WHEN sum(responses(m.nps)) > 0 THEN 'NPS'
				WHEN sum(responses(m.ces)) > 0 THEN 'CES'
				ELSE 'CSAT' END AS metric
	FROM touchpoints AS t
		 JOIN tp_month AS m USING (touchpoint_id)
	GROUP BY t.touchpoint_id
), series AS (
	SELECT h.*, m.month,
		   CASE h.metric WHEN 'NPS' THEN nps(m.nps) WHEN 'CES' THEN ces(m.ces) ELSE csat(m.csat) END AS v
	FROM headline AS h
		 JOIN tp_month AS m USING (touchpoint_id)
), scale AS (
	SELECT metric, min(v) AS lo, max(v) + 1e-9 AS hi FROM series GROUP BY metric
), quarters AS (
	SELECT touchpoint_id,
		   rollup(nps) FILTER (WHERE month < :'q_cur') AS nps_a, rollup(nps) FILTER (WHERE month >= :'q_cur') AS nps_b,
		   rollup(csat) FILTER (WHERE month < :'q_cur') AS csat_a, rollup(csat) FILTER (WHERE month >= :'q_cur') AS csat_b,
		   rollup(ces) FILTER (WHERE month < :'q_cur') AS ces_a, rollup(ces) FILTER (WHERE month >= :'q_cur') AS ces_b
	FROM tp_month
	WHERE month >= :'q_prev'
	GROUP BY touchpoint_id
)
SELECT CASE WHEN row_number() OVER (PARTITION BY h.stage ORDER BY h.touchpoint_id) = 1
			THEN replace(h.stage, '_purchase', '') END AS stage,
	   h.name AS touchpoint, h.metric,
	   (SELECT string_agg(pg_temp.spark(v, c.lo, c.hi), '' ORDER BY month)
		FROM series AS x WHERE x.touchpoint_id = h.touchpoint_id) AS :"spark_head",
	   pg_temp.num(CASE h.metric WHEN 'NPS' THEN nps(q.nps_a) WHEN 'CES' THEN ces(q.ces_a) ELSE csat(q.csat_a) END,
				   length(:'q_prev_label'), CASE h.metric WHEN 'CES' THEN 2 ELSE 1 END) AS :"q_prev_label",
	   pg_temp.num(CASE h.metric WHEN 'NPS' THEN nps(q.nps_b) WHEN 'CES' THEN ces(q.ces_b) ELSE csat(q.csat_b) END,
				   length(:'q_cur_label'), CASE h.metric WHEN 'CES' THEN 2 ELSE 1 END) AS :"q_cur_label",
	   pg_temp.signed(t.delta, 5, CASE h.metric WHEN 'CES' THEN 2 ELSE 1 END) AS "Δ",
	   pg_temp.pval(t.p_value, t.delta) AS "p"
FROM headline AS h
	 JOIN journey_stages AS j USING (stage)
	 JOIN scale AS c USING (metric)
	 JOIN quarters AS q USING (touchpoint_id)
	 CROSS JOIN LATERAL (SELECT * FROM nps_test(q.nps_a, q.nps_b) WHERE h.metric = 'NPS'
						 UNION ALL
						 SELECT * FROM mean_test(q.ces_a, q.ces_b) WHERE h.metric = 'CES'
						 UNION ALL
						 SELECT * FROM csat_test(q.csat_a, q.csat_b) WHERE h.metric = 'CSAT') AS t
ORDER BY j.position, h.touchpoint_id;

--------------------------------------------------------------------------
\echo :h5
--------------------------------------------------------------------------
CREATE TEMP TABLE activity AS
SELECT customer_id, range_agg(active) AS activity
FROM subscriptions
GROUP BY customer_id;

CREATE TEMP TABLE churn AS
SELECT churn_agg(activity, :'first_day'::date, interval '1 month', :'as_of'::date, 12) AS s
FROM (SELECT activity FROM activity) AS a;

SELECT to_char(period_start, 'YYYY-MM') AS month,
	   customers_at_start AS "at start", new_customers AS new, reactivated, churned,
	   customers_at_end AS "at end",
	   pg_temp.num(100 * churn_rate, 7, 2) AS "churn %",
	   pg_temp.num(100 * retention_rate, 10, 1) AS "retained %",
	   pg_temp.bar(100 * churn_rate, 0.25) AS "churn, █ = ¼ %"
FROM churn, churn_periods(churn.s)
ORDER BY period_start;

SELECT format('   Churn %s: %s%% of the customers at the start of a month, against %s%% in %s (p %s).',
			  :'q_cur_label', to_char(100 * b.churned::float8 / b.at_start, 'FM0.00'),
			  to_char(100 * a.churned::float8 / a.at_start, 'FM0.00'), :'q_prev_label',
			  CASE WHEN t.p_value < 0.001 THEN '< 0.001' ELSE '= ' || to_char(t.p_value, 'FM0.000') END) AS " "
FROM (SELECT sum(churned) FILTER (WHERE period_start < :'q_cur') AS churned,
			 sum(customers_at_start) FILTER (WHERE period_start < :'q_cur') AS at_start
	  FROM churn, churn_periods(churn.s) WHERE period_start >= :'q_prev') AS a,
	 (SELECT sum(churned) AS churned, sum(customers_at_start) AS at_start
	  FROM churn, churn_periods(churn.s) WHERE period_start >= :'q_cur') AS b,
	 LATERAL proportion_test(a.churned::bigint, a.at_start::bigint, b.churned::bigint, b.at_start::bigint) AS t
\g (tuples_only=on format=unaligned)
\echo

\echo '   By segment, ':q_cur_label' (the CRM''s own crm.customers joined on customer_id: no casts):'
WITH churn_segment AS (
	SELECT c.segment, churn_agg(a.activity, :'q_cur'::date, interval '1 month', 3) AS s
	FROM activity AS a
		 JOIN crm.customers AS c USING (customer_id)
	GROUP BY c.segment
), nps_segment AS (
	SELECT c.segment, nps_agg(r.score) AS s
	FROM responses AS r
		 JOIN crm.customers AS c USING (customer_id)
	WHERE r.metric = 'nps' AND r.responded_at >= :'q_cur'::date AND r.responded_at < :'as_of'::date
	GROUP BY c.segment
)
SELECT cs.segment, p.at_start AS "customers", pg_temp.num(p.churn_pct, 15, 2) AS "churn % a month",
	   responses(ns.s) AS "NPS n", pg_temp.num(nps(ns.s)) AS "NPS",
	   pg_temp.ci(nps_lower(ns.s), nps_upper(ns.s)) AS "95% CI"
FROM churn_segment AS cs
	 JOIN nps_segment AS ns USING (segment),
	 LATERAL (SELECT (array_agg(customers_at_start ORDER BY period_start))[1] AS at_start,
					 100 * sum(churned)::float8 / sum(customers_at_start) AS churn_pct
			  FROM churn_periods(cs.s)) AS p
ORDER BY p.at_start DESC;

--------------------------------------------------------------------------
\echo :h6
--------------------------------------------------------------------------
\echo '   Columns: months after the month of joining (0: still there at its end).'
\echo '   ░ under 70%  ▒ 70-80%  ▓ 80-90%  █ 90% and more'
SELECT to_char(cohort, 'YYYY-MM') AS cohort, cohort_size AS new,
	   string_agg(pg_temp.pad(round(100 * retention_rate)::text, 3)
				  || CASE WHEN retention_rate >= 0.9 THEN '█' WHEN retention_rate >= 0.8 THEN '▓'
						  WHEN retention_rate >= 0.7 THEN '▒' ELSE '░' END,
				  '' ORDER BY period_offset) AS "  0   1   2   3   4   5   6   7   8   9  10  11  12"
FROM churn, cohort_retention(churn.s)
GROUP BY cohort, cohort_size
ORDER BY cohort;

--------------------------------------------------------------------------
\echo :h7
--------------------------------------------------------------------------
WITH cases AS (
	SELECT i.opened_at >= :'q_cur'::date AS current,
		   extract(epoch FROM i.resolved_at - i.opened_at) / 3600 AS h
	FROM interactions AS i
		 JOIN touchpoints AS t USING (touchpoint_id)
	WHERE t.name = 'support team' AND i.opened_at >= :'q_prev'::date AND i.opened_at < :'as_of'::date
), buckets AS (
	SELECT * FROM (VALUES (1, 'under 4 h', 0, 4), (2, '4-8 h', 4, 8), (3, '8-16 h', 8, 16),
						  (4, '16-24 h', 16, 24), (5, '1-2 days', 24, 48), (6, '2-4 days', 48, 96),
						  (7, '4-8 days', 96, 192), (8, '8 days or more', 192, NULL), (9, 'not resolved', NULL, NULL))
				  AS b(ord, label, lo, hi)
), shares AS (
	SELECT b.ord, b.label,
		   count(c.h) FILTER (WHERE NOT c.current)::float8 AS a, count(c.h) FILTER (WHERE c.current)::float8 AS b
	FROM buckets AS b
		 LEFT JOIN (SELECT current, coalesce(h, -1) AS h FROM cases) AS c
			 ON CASE WHEN b.lo IS NULL THEN c.h < 0 ELSE c.h >= b.lo AND (b.hi IS NULL OR c.h < b.hi) END
	GROUP BY b.ord, b.label
)
SELECT label AS "resolved in",
	   pg_temp.num(100 * a / sum(a) OVER (), 5) AS " % ",
	   rpad(pg_temp.bar(100 * a / sum(a) OVER (), 1), 30) AS :"q_prev_label",
	   pg_temp.num(100 * b / sum(b) OVER (), 5) AS "%",
	   pg_temp.bar(100 * b / sum(b) OVER (), 1) AS :"q_cur_label"
FROM shares
ORDER BY ord;
\echo '   █ = 1% of the cases opened in the quarter.'
\echo

--------------------------------------------------------------------------
\echo :h8
--------------------------------------------------------------------------
SELECT g.name AS goal, g.scope,
	   pg_temp.pad(CASE WHEN g.metric LIKE '%time' THEN pg_temp.dur(g.baseline) ELSE pg_temp.num(g.baseline) END, 8) AS baseline,
	   pg_temp.pad(CASE WHEN g.metric LIKE '%time' THEN pg_temp.dur(g.current) ELSE pg_temp.num(g.current) END, 8) AS now,
	   pg_temp.pad(CASE WHEN g.metric LIKE '%time' THEN pg_temp.signed(100 * g.change / g.baseline, 5, 1) || '%'
						ELSE pg_temp.signed(g.change) END, 8) AS change,
	   pg_temp.pad(CASE WHEN g.metric LIKE '%time' THEN pg_temp.dur(g.target_value) ELSE pg_temp.num(g.target_value) END, 8) AS target,
	   pg_temp.progress(g.change / nullif(g.target_value - g.baseline, 0), 10)
		   || pg_temp.pad(round(100 * g.change / nullif(g.target_value - g.baseline, 0))::text, 4) || '%' AS "progress to target",
	   CASE WHEN g.met THEN 'met' ELSE 'not met' END AS "met",
	   pg_temp.pval(g.p_value, g.change) AS "p",
	   g.due_date AS due
FROM goal_progress AS g
ORDER BY g.goal_id;
\echo '   baseline: ':q_prev_label'; now: ':q_cur_label'.  Time goals are on the mean hours to resolve; p: is the'
\echo '   change real (nps_test for NPS, mean_test for times).'
