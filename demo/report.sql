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
 *         with nps_test(), csat_test() and mean_test(); "What moved" tests
 *         every run of months against the others and tells the strongest
 *         change of each touchpoint that passes a Bonferroni threshold;
 *   5, 6  churn, retention and cohorts: churn_agg() over each customer's
 *         subscriptions, merged with range_agg(); churn and NPS per segment
 *         of the CRM's own customers table;
 *   7     revenue: the MRR movements of each month, NRR and GRR, and net MRR
 *         retention by cohort, from the views revenue_scorecard and
 *         revenue_cohorts where the journey has them, else from revenue_agg()
 *         over one mrr_agg() timeline per customer (the same numbers);
 *   8     resolution times of the support team, before and after its fix;
 *   9     the goal_progress view.
 * Nothing in it knows what demo/data.sql hid in the data.
 *
 * Read by a person, so (test/t/demo.sh checks each): every line fits 100
 * columns; one minus sign (ASCII); stages spelled as in the data; a metric
 * with no responses is blank, n too; a bar or a shade is drawn from the
 * number printed beside it; ▲ means better and ▼ worse, in the metric's own
 * direction; every row of a table adds up or says why not.
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

-- Numbers right-aligned in w columns, signed changes, intervals.  Every
-- minus sign is ASCII '-', as PostgreSQL prints it.
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
-- a p-value, with ▲ when the change is significant and better, ▼ when
-- significant and worse: significant is q < 0.05, q the p-value adjusted
-- (Benjamini-Hochberg, p_adjust) over the tests of the same table; higher
-- says which way is better for the metric (true for NPS, CSAT and CES,
-- false for churn and times)
CREATE FUNCTION pg_temp.pval(p float8, q float8, delta float8, higher bool DEFAULT true) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN pg_temp.pad(CASE WHEN p < 0.001 THEN '<0.001' ELSE to_char(p, 'FM0.000') END, 6)
		   || CASE WHEN q < 0.05 AND delta <> 0
				   THEN CASE WHEN (delta > 0) = higher THEN ' ▲' ELSE ' ▼' END ELSE '  ' END;
-- an interval, lo…hi, each end right-aligned in w columns
CREATE FUNCTION pg_temp.ci(lo float8, hi float8, w int DEFAULT 5, d int DEFAULT 1) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN CASE WHEN lo IS NOT NULL THEN pg_temp.num(lo, w, d) || '…' || pg_temp.num(hi, w, d) END;
-- hours as minutes, hours or days
CREATE FUNCTION pg_temp.dur(h float8, w int DEFAULT 7) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN pg_temp.pad(CASE WHEN h IS NULL THEN NULL
							WHEN h < 1 THEN round(h * 60)::text || ' min'
							WHEN h < 48 THEN round(h::numeric, 1)::text || ' h'
							ELSE round((h / 24)::numeric, 1)::text || ' d' END, w);
-- a bar of x / unit characters, rounded to the nearest eighth (callers pass
-- the number as printed, so the bar and the number agree)
CREATE FUNCTION pg_temp.bar(x float8, unit float8) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN (SELECT repeat('█', e / 8) || CASE WHEN e % 8 = 0 THEN '' ELSE substr('▏▎▍▌▋▊▉', e % 8, 1) END
			FROM (SELECT round(8 * greatest(x, 0) / unit)::int AS e) AS r);
-- one character of a sparkline: x on the scale lo..hi
CREATE FUNCTION pg_temp.spark(x float8, lo float8, hi float8) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN CASE WHEN x IS NULL THEN ' '
				ELSE substr('▁▂▃▄▅▆▇█', 1 + least(7, greatest(0, floor(8 * (x - lo) / nullif(hi - lo, 0))))::int, 1) END;
-- an interval drawn on an axis lo..hi of w cells: ├──●──┤, with ┊ at 0.
-- Each end is drawn at least one cell from the point, so none is hidden
-- under it; an end beyond the axis is drawn as ◂ or ▸ at its edge.
CREATE FUNCTION pg_temp.ci_plot(x float8, l float8, u float8, lo float8, hi float8, w int) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN (SELECT string_agg(CASE WHEN i = px THEN '●'
								   WHEN i = pl THEN CASE WHEN rl < 0 THEN '◂' ELSE '├' END
								   WHEN i = pu THEN CASE WHEN ru > w - 1 THEN '▸' ELSE '┤' END
								   WHEN i > pl AND i < pu THEN '─'
								   WHEN i = p0 THEN '┊'
								   ELSE '·' END, '' ORDER BY i)
			FROM generate_series(0, w - 1) AS i,
				 LATERAL (SELECT least(greatest(round((w - 1) * (x - lo) / (hi - lo))::int, 0), w - 1) AS px,
								 round((w - 1) * (l - lo) / (hi - lo))::int AS rl,
								 round((w - 1) * (u - lo) / (hi - lo))::int AS ru,
								 round((w - 1) * (0 - lo) / (hi - lo))::int AS p0) AS p,
				 LATERAL (SELECT least(greatest(rl, 0), px - 1) AS pl,
								 greatest(least(ru, w - 1), px + 1) AS pu) AS e);
-- a share 0..1 as a bar of w characters (full from 1 on: the target is met)
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

-- The revenue section reads the journey's revenue views where the journey
-- has them (cx_metrics 0.4.0 and later), else the same numbers from the
-- functions the views are made of.
SELECT to_regclass('revenue_scorecard') IS NOT NULL AND to_regclass('revenue_cohorts') IS NOT NULL AS revenue_views
\gset

SELECT pg_temp.heading(format('1. Scorecard by journey stage, %s (view cx.stage_scorecard)', :'last_month_name')) AS h1,
	   pg_temp.heading(format('2. Scorecard by touchpoint, %s (view cx.touchpoint_scorecard)', :'last_month_name')) AS h2,
	   pg_temp.heading('3. NPS by month, all touchpoints (daily summaries, rollup, nps_test)') AS h3,
	   pg_temp.heading(format('4. Every touchpoint by month, and %s against %s', :'q_cur_label', :'q_prev_label')) AS h4,
	   pg_temp.heading('5. Churn and retention by month (churn_agg over the subscriptions)') AS h5,
	   pg_temp.heading('6. Cohort retention: % of each month''s new customers still subscribed') AS h6,
	   pg_temp.heading(CASE WHEN :'revenue_views'
							THEN '7. Revenue: MRR movements by month (view cx.revenue_scorecard)'
							ELSE '7. Revenue: MRR movements by month (revenue_agg over the subscriptions)' END) AS h7,
	   pg_temp.heading(format('8. Support team: time to resolve a case, %s against %s', :'q_prev_label', :'q_cur_label')) AS h8,
	   pg_temp.heading('9. Goals (view cx.goal_progress)') AS h9,
	   :'first_month' || repeat(' ', 4) || :'last_month_label' AS spark_head,
	   left(:'q_prev_label', -5) AS q_prev_short,
	   left(:'q_cur_label', -5) AS q_cur_short,
	   'customers on ' || :'q_cur' AS segment_customers
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
\echo '  ':customers' customers (':segments'),'
\echo '  ':subscribed' subscribed today; ':subscriptions' subscriptions, ':responses' survey responses at ':touchpoints' touchpoints,'
\echo '  ':interactions' service interactions, ':goals' goals, in the journey schema "cx" (cx_journey_create).'
\echo
\echo '  NPS: % promoters (9-10) - % detractors (0-6), -100..100.  CSAT: % satisfied (4-5 of 5).'
\echo '  CES: mean of 1..7, higher is easier.  n: responses (blank: the question is not asked there).'
\echo '  95% CI: 95% interval (NPS adjusted Wald, CSAT Wilson, CES normal).  Δ: change; p: its two-sided'
\echo '  p-value; ▲ better, ▼ worse: q < 0.05, in the metric''s own direction (higher is better for NPS,'
\echo '  CSAT and CES, lower for churn and times), q being p adjusted (Benjamini-Hochberg) over the'
\echo '  tests of its table: at most 1 in 20 of the flags is expected to be noise, however many tests.'
\echo

-- The last month of the two scorecards, read once each (the views read
-- every raw row: their month is computed from the timestamps).
CREATE TEMP TABLE stage_card AS SELECT * FROM stage_scorecard WHERE month = :'last_month';
CREATE TEMP TABLE touchpoint_card AS SELECT * FROM touchpoint_scorecard WHERE month = :'last_month';

--------------------------------------------------------------------------
\echo :h1
--------------------------------------------------------------------------
-- Stages and touchpoints are named as in the data (journey_stages.stage);
-- a metric with no responses is blank, its n too.
SELECT s.stage,
	   nullif(s.nps_n, 0) AS "n", pg_temp.num(s.nps) AS "NPS", pg_temp.ci(s.nps_lower, s.nps_upper, 4) AS "95% CI",
	   nullif(s.csat_n, 0) AS "n", pg_temp.num(s.csat) AS "CSAT", pg_temp.ci(s.csat_lower, s.csat_upper, 4) AS "95% CI",
	   nullif(s.ces_n, 0) AS "n", pg_temp.num(s.ces, 4, 2) AS "CES", pg_temp.ci(s.ces_lower, s.ces_upper, 4, 2) AS "95% CI"
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
-- Touchpoints under a row naming their stage; NPS in one table, CSAT and
-- CES in the next, each listing the touchpoints that ask it.
\echo '   NPS on the axis -40 … +60 (┊ = 0): ● the score, ├─┤ its 95% interval (an end drawn next to ●'
\echo '   may be nearer; ◂ ▸: the interval goes on beyond the axis).'
SELECT touchpoint, n, "NPS", "95% CI", plot AS "-40     0         +60"
FROM (SELECT j.position, 0 AS touchpoint_id, j.stage AS touchpoint,
			 NULL::bigint AS n, NULL AS "NPS", NULL AS "95% CI", NULL AS plot
	  FROM journey_stages AS j
	  WHERE EXISTS (SELECT FROM touchpoint_card AS s WHERE s.stage = j.stage AND s.nps_n > 0)
	  UNION ALL
	  SELECT j.position, s.touchpoint_id, '  ' || s.touchpoint,
			 s.nps_n, pg_temp.num(s.nps), pg_temp.ci(s.nps_lower, s.nps_upper, 5),
			 pg_temp.ci_plot(s.nps, s.nps_lower, s.nps_upper, -40, 60, 21)
	  FROM touchpoint_card AS s
		   JOIN journey_stages AS j USING (stage)
	  WHERE s.month = :'last_month' AND s.nps_n > 0) AS x
ORDER BY position, touchpoint_id;

SELECT touchpoint, csat_n AS "n", csat AS "CSAT", csat_ci AS "95% CI", ces_n AS "n", ces AS "CES", ces_ci AS "95% CI"
FROM (SELECT j.position, 0 AS touchpoint_id, j.stage AS touchpoint,
			 NULL::bigint AS csat_n, NULL AS csat, NULL AS csat_ci, NULL::bigint AS ces_n, NULL AS ces, NULL AS ces_ci
	  FROM journey_stages AS j
	  WHERE EXISTS (SELECT FROM touchpoint_card AS s WHERE s.stage = j.stage AND s.csat_n + s.ces_n > 0)
	  UNION ALL
	  SELECT j.position, s.touchpoint_id, '  ' || s.touchpoint,
			 nullif(s.csat_n, 0), pg_temp.num(s.csat), pg_temp.ci(s.csat_lower, s.csat_upper, 5),
			 nullif(s.ces_n, 0), pg_temp.num(s.ces, 4, 2), pg_temp.ci(s.ces_lower, s.ces_upper, 4, 2)
	  FROM touchpoint_card AS s
		   JOIN journey_stages AS j USING (stage)
	  WHERE s.month = :'last_month' AND s.csat_n + s.ces_n > 0) AS x
ORDER BY position, touchpoint_id;

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
SELECT m.month, m.s, t.delta, t.p_value,
	   (p_adjust(array_agg(t.p_value) OVER w, 'benjamini_hochberg'))[row_number() OVER w] AS q_value
FROM (SELECT month, s, lag(s) OVER (ORDER BY month) AS prev
	  FROM (SELECT date_trunc('month', day)::date AS month, rollup(nps) AS s
			FROM daily_summaries GROUP BY 1) AS x) AS m
	 LEFT JOIN LATERAL nps_test(m.prev, m.s) AS t ON true
WINDOW w AS (ORDER BY m.month ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING);

SELECT to_char(month, 'YYYY-MM') AS month,
	   responses(s) AS n,
	   pg_temp.num(nps(s)) AS "NPS",
	   pg_temp.ci(nps_lower(s), nps_upper(s), 4) AS "95% CI",
	   pg_temp.signed(delta) AS "Δ",
	   pg_temp.pval(p_value, q_value, delta) AS "p",
	   pg_temp.bar(round(nps(s)::numeric, 1), 0.5) AS "NPS, █ = ½ point"
FROM nps_month
ORDER BY month;

SELECT format(E'   Last change, %s against %s: %s points (95%% CI %s … %s), p = %s, q = %s:\n   %s.',
			  to_char(b.month, 'Mon YYYY'), to_char(a.month, 'Mon YYYY'),
			  pg_temp.signed(t.delta, 1), pg_temp.signed(t.lower, 1), pg_temp.signed(t.upper, 1),
			  to_char(t.p_value, 'FM0.000'), to_char(b.q_value, 'FM0.000'),
			  CASE WHEN b.q_value < 0.05 THEN 'a real change' ELSE 'within the noise, not a real change' END)
	   || coalesce(E'\n' || (SELECT format('   Largest significant move: %s, %s points (q %s).',
										  to_char(month, 'Mon YYYY'), pg_temp.signed(delta, 1),
										  CASE WHEN q_value < 0.001 THEN '< 0.001' ELSE '= ' || to_char(q_value, 'FM0.000') END)
								 FROM nps_month WHERE q_value < 0.05
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
), rows AS (
	SELECT j.position, h.touchpoint_id, '  ' || h.name AS touchpoint, h.metric,
		   (SELECT string_agg(pg_temp.spark(v, c.lo, c.hi), '' ORDER BY month)
			FROM series AS x WHERE x.touchpoint_id = h.touchpoint_id) AS spark,
		   pg_temp.num(CASE h.metric WHEN 'NPS' THEN nps(q.nps_a) WHEN 'CES' THEN ces(q.ces_a) ELSE csat(q.csat_a) END,
					   length(:'q_prev_short'), CASE h.metric WHEN 'CES' THEN 2 ELSE 1 END) AS a,
		   pg_temp.num(CASE h.metric WHEN 'NPS' THEN nps(q.nps_b) WHEN 'CES' THEN ces(q.ces_b) ELSE csat(q.csat_b) END,
					   length(:'q_cur_short'), CASE h.metric WHEN 'CES' THEN 2 ELSE 1 END) AS b,
		   pg_temp.signed(t.delta, 5, CASE h.metric WHEN 'CES' THEN 2 ELSE 1 END) AS delta,
		   t.p_value, t.delta AS d
	FROM headline AS h
		 JOIN journey_stages AS j USING (stage)
		 JOIN scale AS c USING (metric)
		 JOIN quarters AS q USING (touchpoint_id)
		 CROSS JOIN LATERAL (SELECT * FROM nps_test(q.nps_a, q.nps_b) WHERE h.metric = 'NPS'
							 UNION ALL
							 SELECT * FROM mean_test(q.ces_a, q.ces_b) WHERE h.metric = 'CES'
							 UNION ALL
							 SELECT * FROM csat_test(q.csat_a, q.csat_b) WHERE h.metric = 'CSAT') AS t
), tested AS (
	SELECT r.*, pg_temp.pval(r.p_value, (p_adjust(array_agg(r.p_value) OVER w, 'benjamini_hochberg'))[row_number() OVER w], r.d) AS p
	FROM rows AS r
	WINDOW w AS (ORDER BY r.touchpoint_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT touchpoint, metric, spark AS :"spark_head", a AS :"q_prev_short", b AS :"q_cur_short", delta AS "Δ", p
FROM (SELECT position, touchpoint_id, touchpoint, metric, spark, a, b, delta, p FROM tested
	  UNION ALL
	  SELECT j.position, 0, j.stage, NULL, NULL, NULL, NULL, NULL, NULL
	  FROM journey_stages AS j
	  WHERE EXISTS (SELECT FROM rows AS r WHERE r.position = j.position)) AS x
ORDER BY position, touchpoint_id;

-- What moved, found in the monthly summaries: for every touchpoint, metric
-- and run of consecutive months (not starting in the first month), the run
-- against all the other months.  A run reaching the last month is a step
-- ("since"), any other an episode ("only").  Each touchpoint's strongest
-- run is told, with every metric that moved in it, when its p-value is
-- below 0.05 divided by the number of runs tested (Bonferroni).
CREATE TEMP TABLE shift AS
WITH months AS (
	SELECT DISTINCT month FROM tp_month
), runs AS (
	SELECT a.month AS i, b.month AS j
	FROM months AS a
		 JOIN months AS b ON b.month >= a.month
	WHERE a.month > (SELECT min(month) FROM months)
), r AS (
	SELECT m.touchpoint_id, w.i, w.j,
		   rollup(m.nps) FILTER (WHERE m.month BETWEEN w.i AND w.j) AS nps_in,
		   rollup(m.nps) FILTER (WHERE m.month NOT BETWEEN w.i AND w.j) AS nps_out,
		   rollup(m.csat) FILTER (WHERE m.month BETWEEN w.i AND w.j) AS csat_in,
		   rollup(m.csat) FILTER (WHERE m.month NOT BETWEEN w.i AND w.j) AS csat_out,
		   rollup(m.ces) FILTER (WHERE m.month BETWEEN w.i AND w.j) AS ces_in,
		   rollup(m.ces) FILTER (WHERE m.month NOT BETWEEN w.i AND w.j) AS ces_out
	FROM tp_month AS m
		 CROSS JOIN runs AS w
	GROUP BY 1, 2, 3
)
SELECT r.touchpoint_id, r.i, r.j, x.ord, x.metric, x.v_out, x.v_in, x.z, x.p_value,
	   r.j = (SELECT max(month) FROM months) AS step
FROM r
	 CROSS JOIN LATERAL (
		SELECT 1, 'NPS', nps(nps_out), nps(nps_in), t.z, t.p_value FROM nps_test(nps_out, nps_in) AS t
		WHERE responses(nps_in) > 0 AND responses(nps_out) > 0
		UNION ALL
		SELECT 2, 'CSAT', csat(csat_out), csat(csat_in), t.z, t.p_value FROM csat_test(csat_out, csat_in) AS t
		WHERE responses(csat_in) > 0 AND responses(csat_out) > 0
		UNION ALL
		SELECT 3, 'CES', ces(ces_out), ces(ces_in), t.z, t.p_value FROM mean_test(ces_out, ces_in) AS t
		WHERE responses(ces_in) > 0 AND responses(ces_out) > 0) AS x(ord, metric, v_out, v_in, z, p_value);

SELECT count(*) AS shift_tests, 0.05 / count(*) AS shift_alpha FROM shift
\gset

\echo '   What moved: each touchpoint''s strongest change found in the monthly data (every run of months'
\echo '   against the other months, ':shift_tests' tests; told when p < 0.05 / ':shift_tests').  ▲ better, ▼ worse.'
WITH best AS (
	SELECT DISTINCT ON (touchpoint_id) touchpoint_id, i, j, step
	FROM shift
	WHERE p_value < :shift_alpha
	ORDER BY touchpoint_id, abs(z) DESC, ord
), told AS (
	SELECT b.touchpoint_id, b.i, b.j, b.step,
		   string_agg(format(CASE WHEN b.step THEN '%1$s %2$s → %3$s %4$s' ELSE '%1$s %3$s (%2$s other months) %4$s' END,
							 s.metric,
							 round(s.v_out::numeric, CASE s.metric WHEN 'CES' THEN 2 ELSE 1 END),
							 round(s.v_in::numeric, CASE s.metric WHEN 'CES' THEN 2 ELSE 1 END),
							 CASE WHEN s.z > 0 THEN '▲' ELSE '▼' END),
					  ', ' ORDER BY s.ord) AS moves,
		   bool_and(s.z > 0) AS all_up, bool_and(s.z < 0) AS all_down
	FROM best AS b
		 JOIN shift AS s USING (touchpoint_id, i, j)
	WHERE s.p_value < :shift_alpha
	GROUP BY 1, 2, 3, 4
)
SELECT format(E'   • %s: %s %s\n       %s',
			  t.name,
			  CASE WHEN all_up THEN 'better' WHEN all_down THEN 'worse' ELSE 'changed' END,
			  CASE WHEN step THEN 'since ' || to_char(i, 'Mon YYYY')
				   WHEN i = j THEN 'in ' || to_char(i, 'Mon YYYY') || ' only'
				   WHEN extract(year FROM i) = extract(year FROM j)
					   THEN 'in ' || to_char(i, 'Mon') || '–' || to_char(j, 'Mon YYYY') || ' only'
				   ELSE 'in ' || to_char(i, 'Mon YYYY') || '–' || to_char(j, 'Mon YYYY') || ' only' END,
			  CASE WHEN step THEN moves || ' (before → since)' ELSE moves END)
FROM told
	 JOIN touchpoints AS t USING (touchpoint_id)
ORDER BY i, j, t.touchpoint_id
\g (tuples_only=on format=unaligned)
\echo

-- The biggest month-over-month moves that hold up: touchpoint_changes
-- (from the daily summaries) tests every touchpoint, metric and month
-- against the month before, and its q_value adjusts each month's tests
-- together (Benjamini-Hochberg).  NPS and CSAT in points, CES apart
-- (its mean moves on a 1..7 scale).
\echo '   Biggest month-over-month moves with q < 0.05 (touchpoint_changes: every touchpoint, metric and'
\echo '   month against the month before; q adjusts the tests of each month together):'
SELECT format('   ◦ %s, %s %s: %s → %s (%s; n %s → %s; q %s) %s',
			  to_char(c.month, 'Mon YYYY'), c.touchpoint, upper(c.metric),
			  round(c.previous::numeric, CASE c.metric WHEN 'ces' THEN 2 ELSE 1 END),
			  round(c.current::numeric, CASE c.metric WHEN 'ces' THEN 2 ELSE 1 END),
			  btrim(pg_temp.signed(c.change, 1, CASE c.metric WHEN 'ces' THEN 2 ELSE 1 END)),
			  c.previous_n, c.current_n,
			  CASE WHEN c.q_value < 0.001 THEN '< 0.001' ELSE to_char(c.q_value, 'FM0.000') END,
			  CASE WHEN c.change > 0 THEN '▲' ELSE '▼' END)
FROM (SELECT *, row_number() OVER (PARTITION BY metric = 'ces' ORDER BY abs(change) DESC, month, touchpoint_id, metric) AS k
	  FROM touchpoint_changes_from_daily
	  WHERE q_value < 0.05) AS c
WHERE c.k <= CASE WHEN c.metric = 'ces' THEN 2 ELSE 5 END
ORDER BY c.metric = 'ces', abs(c.change) DESC, c.month, c.touchpoint_id
\g (tuples_only=on format=unaligned)
\echo

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
	   new_lost + reactivated_lost AS "left again",
	   customers_at_end AS "at end",
	   pg_temp.num(100 * churn_rate, 7, 2) AS "churn %",
	   pg_temp.bar(round((100 * churn_rate)::numeric, 2), 0.5) AS "churn, █ = ½ %"
FROM churn, churn_periods(churn.s)
ORDER BY period_start;
\echo '   left again: new or reactivated in the month and gone by its end (churned counts only the'
\echo '   customers at its start), so at end = at start + new + reactivated - churned - left again.'
\echo '   churn %: churned / at start; the share retained is 100% minus it.'

SELECT format(E'   Churn %s: %s%% of the customers at the start of a month, against %s%% in %s\n   (p %s)%s.',
			  :'q_cur_label', to_char(100 * b.churned::float8 / b.at_start, 'FM0.00'),
			  to_char(100 * a.churned::float8 / a.at_start, 'FM0.00'), :'q_prev_label',
			  CASE WHEN t.p_value < 0.001 THEN '< 0.001' ELSE '= ' || to_char(t.p_value, 'FM0.000') END,
			  CASE WHEN t.p_value >= 0.05 THEN '' WHEN t.delta < 0 THEN ' ▲ better' ELSE ' ▼ worse' END) AS " "
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
SELECT cs.segment, p.at_start AS :"segment_customers", pg_temp.num(p.churn_pct, 15, 2) AS "churn % a month",
	   responses(ns.s) AS "NPS n", pg_temp.num(nps(ns.s)) AS "NPS",
	   pg_temp.ci(nps_lower(ns.s), nps_upper(ns.s), 4) AS "95% CI"
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
\echo '   ░ under 70%  ▒ 70-79%  ▓ 80-89%  █ 90% and more, of the whole percentage shown'
SELECT to_char(cohort, 'YYYY-MM') AS cohort, cohort_size AS new,
	   string_agg(pg_temp.pad(pct::text, 3)
				  || CASE WHEN pct >= 90 THEN '█' WHEN pct >= 80 THEN '▓'
						  WHEN pct >= 70 THEN '▒' ELSE '░' END,
				  '' ORDER BY period_offset) AS "  0   1   2   3   4   5   6   7   8   9  10  11  12"
FROM churn, churn_cohort_retention(churn.s),
	 LATERAL (SELECT round(100 * retention_rate)::int AS pct) AS r
GROUP BY cohort, cohort_size
ORDER BY cohort;

--------------------------------------------------------------------------
\echo :h7
--------------------------------------------------------------------------
-- The months of the tables above, a row each with the columns of
-- revenue_periods(), and the cohorts with offsets 0..6.  The views start at
-- the month of the first subscription and end at the current month: the
-- same monthly grid, on the first of each month, so a month's numbers do
-- not depend on where the grid starts; the months and offsets after the
-- report's day are left out.  Without the views: revenue_agg() over one
-- mrr_agg() timeline per customer, as the views compute it.
\if :revenue_views
CREATE TEMP TABLE revenue AS
SELECT month::date AS month, mrr_at_start, new_mrr, expansion_mrr, reactivation_mrr, contraction_mrr,
	   churned_mrr, mrr_at_end, customers_at_end, nrr, grr, arpa
FROM revenue_scorecard
WHERE month >= :'first_day' AND month < :'as_of';
CREATE TEMP TABLE revenue_cohort AS
SELECT cohort::date AS cohort, period_offset, cohort_size, cohort_mrr, customers, mrr,
	   net_mrr_retention, customer_retention
FROM revenue_cohorts
WHERE cohort >= :'first_day' AND period_offset <= 6
  AND cohort + make_interval(months => period_offset + 1) <= :'as_of'::date;
\else
CREATE TEMP TABLE revenue_grid AS
SELECT revenue_agg(c.mrr, :'first_day'::date, interval '1 month', :'as_of'::date, 6) AS s
FROM (SELECT customer_id, mrr_agg(active, mrr) AS mrr FROM subscriptions GROUP BY customer_id) AS c;
CREATE TEMP TABLE revenue AS
SELECT period_start AS month, mrr_at_start, new_mrr, expansion_mrr, reactivation_mrr, contraction_mrr,
	   churned_mrr, mrr_at_end, customers_at_end, nrr, grr, arpa
FROM revenue_grid, revenue_periods(revenue_grid.s);
CREATE TEMP TABLE revenue_cohort AS
SELECT cohort, period_offset, cohort_size, cohort_mrr, customers, mrr, net_mrr_retention, customer_retention
FROM revenue_grid, revenue_cohort_retention(revenue_grid.s);
\endif

\echo '   MRR (monthly recurring revenue: the sum of the monthly amounts of the subscriptions running)'
\echo '   at the start of each month, its five movements in the month, and at its end.  At the start of'
\echo '   a day a customer counts with what they pay both on it and the day before, so a plan changed'
\echo '   on the first of a month is expansion or contraction, never churn and a new customer.'
SELECT to_char(month, 'YYYY-MM') AS month, mrr_at_start AS "at start", new_mrr AS new, expansion_mrr AS expansion,
	   reactivation_mrr AS reactivation, contraction_mrr AS contraction, churned_mrr AS churned,
	   mrr_at_end AS "at end"
FROM revenue
ORDER BY month;
\echo '   new: the MRR of customers paying for the first time; expansion and contraction: paying more or'
\echo '   less than at the start (plans changed, add-ons); churned: the MRR at the start of the customers'
\echo '   paying nothing at the end; reactivation: of customers paying again after a gap.'
\echo

-- The bars: one cell is the smallest round amount with which the bars fit
-- 60 columns (the table 100); each movement is rounded to whole cells, so
-- each part of a bar is drawn from the number printed for it.
SELECT u AS bar_unit, to_char(u, 'FM999,999,999') AS bar_unit_label,
	   greatest(l, 6) AS bar_left, greatest(l, 6) + 1 + greatest(r, 8) AS bar_width
FROM (VALUES (100), (200), (250), (500), (1000), (2000), (2500), (5000), (10000), (20000), (25000),
			 (50000), (100000), (200000), (250000), (500000), (1000000)) AS v(u),
	 LATERAL (SELECT max(round(contraction_mrr / u) + round(churned_mrr / u))::int AS l,
					 max(round(new_mrr / u) + round(expansion_mrr / u) + round(reactivation_mrr / u))::int AS r
			  FROM revenue) AS m
WHERE greatest(l, 6) + 1 + greatest(r, 8) <= 60
ORDER BY u
LIMIT 1
\gset
SELECT rpad(lpad('lost ◂', :bar_left) || '┊▸ gained', :bar_width) AS bar_head
\gset

SELECT to_char(month, 'YYYY-MM') AS month,
	   CASE WHEN mrr_at_start + new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr
				 = mrr_at_end THEN 'yes' ELSE 'NO' END AS "adds up",
	   pg_temp.num(100 * nrr, 6, 2) AS "NRR %", pg_temp.num(100 * grr, 6, 2) AS "GRR %",
	   lpad(repeat('▓', round(contraction_mrr / :bar_unit)::int) || repeat('█', round(churned_mrr / :bar_unit)::int),
			:bar_left) || '┊'
	   || repeat('█', round(new_mrr / :bar_unit)::int) || repeat('▓', round(expansion_mrr / :bar_unit)::int)
	   || repeat('▒', round(reactivation_mrr / :bar_unit)::int) AS :"bar_head"
FROM revenue
ORDER BY month;
\echo '   adds up: at start + new + expansion + reactivation - contraction - churned = at end, exactly.'
\echo '   NRR (net revenue retention): (at start + expansion - contraction - churned) / at start, the'
\echo '   share of the MRR paying at the start of the month still paid at its end; GRR (gross): the same'
\echo '   without expansion.  Bars: one cell = ':bar_unit_label' of MRR, each movement rounded to whole cells;'
\echo '   left of ┊ contraction ▓ and churned █, right of it new █, expansion ▓, reactivation ▒.'

-- The trend lines: a sparkline each, on one scale, from the percentages
-- printed above.
SELECT min(round((100 * grr)::numeric, 2)) AS rr_lo, max(round((100 * nrr)::numeric, 2)) AS rr_hi,
	   to_char(min(month), 'Mon YYYY') AS rr_first, to_char(max(month), 'Mon YYYY') AS rr_last
FROM revenue
\gset
SELECT format(E'   Trend, one character a month from %s to %s, on one scale: ▁ %s%% … █ %s%%\n'
			  '     NRR %s\n     GRR %s',
			  :'rr_first', :'rr_last', :'rr_lo', :'rr_hi',
			  string_agg(pg_temp.spark(round((100 * nrr)::numeric, 2), :rr_lo, :rr_hi), '' ORDER BY month),
			  string_agg(pg_temp.spark(round((100 * grr)::numeric, 2), :rr_lo, :rr_hi), '' ORDER BY month))
FROM revenue
\g (tuples_only=on format=unaligned)

-- The last two quarters, each as one ratio of sums over its months (each
-- month weighted by its MRR at the start); and the customers paying at the
-- end against those subscribed (section 5): the difference pay nothing.
SELECT format(E'   NRR %s: %s%% a month (GRR %s%%), against %s%% (GRR %s%%) in %s.\n'
			  '   %s ends with %s paying customers: MRR %s, ARPA (MRR a customer) %s.\n'
			  '   %s of the %s customers subscribed then (section 5) pay nothing: a free plan or a trial.',
			  :'q_cur_label', to_char(b.nrr, 'FM990.00'), to_char(b.grr, 'FM990.00'),
			  to_char(a.nrr, 'FM990.00'), to_char(a.grr, 'FM990.00'), :'q_prev_label',
			  to_char(l.month, 'Mon YYYY'), to_char(l.customers_at_end, 'FM999,999,999'),
			  to_char(l.mrr_at_end, 'FM999,999,999,990.00'), to_char(l.arpa, 'FM999,990.00'),
			  to_char(c.subscribed - l.customers_at_end, 'FM999,999,999'), to_char(c.subscribed, 'FM999,999,999'))
FROM (SELECT 100 * sum(mrr_at_start + expansion_mrr - contraction_mrr - churned_mrr) / sum(mrr_at_start) AS nrr,
			 100 * sum(mrr_at_start - contraction_mrr - churned_mrr) / sum(mrr_at_start) AS grr
	  FROM revenue WHERE month >= :'q_prev' AND month < :'q_cur') AS a,
	 (SELECT 100 * sum(mrr_at_start + expansion_mrr - contraction_mrr - churned_mrr) / sum(mrr_at_start) AS nrr,
			 100 * sum(mrr_at_start - contraction_mrr - churned_mrr) / sum(mrr_at_start) AS grr
	  FROM revenue WHERE month >= :'q_cur') AS b,
	 (SELECT * FROM revenue ORDER BY month DESC LIMIT 1) AS l,
	 (SELECT p.customers_at_end AS subscribed
	  FROM churn, churn_periods(churn.s) AS p ORDER BY p.period_start DESC LIMIT 1) AS c
\g (tuples_only=on format=unaligned)
\echo

-- Revenue cohorts: the last six with all of offsets 0..6 in the grid.
\echo '   Net MRR retention by cohort: the MRR of the customers who first paid in the month, at its end'
\echo '   (MRR at 0), and n months later as % of it: expansion against contraction and churn (above 100,'
\echo '   the customers who stay add more than those who leave take away).'
SELECT to_char(cohort, 'YYYY-MM') AS cohort, cohort_size AS new, cohort_mrr AS "MRR at 0",
	   string_agg(pg_temp.pad(round(100 * net_mrr_retention)::text, 4), '' ORDER BY period_offset)
		   AS "   0   1   2   3   4   5   6",
	   pg_temp.pad(round(100 * max(customer_retention) FILTER (WHERE period_offset = 6)) || '%', 12)
		   AS "paying at 6"
FROM revenue_cohort
WHERE cohort IN (SELECT cohort FROM revenue_cohort WHERE period_offset = 6 ORDER BY cohort DESC LIMIT 6)
GROUP BY cohort, cohort_size, cohort_mrr
ORDER BY cohort;
\echo '   paying at 6: the share of the cohort''s customers still paying 6 months on.'
\echo

--------------------------------------------------------------------------
\echo :h8
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
	   pg_temp.num(pa, 5) AS " % ", pg_temp.bar(pa, 1) AS :"q_prev_label",
	   pg_temp.num(pb, 5) AS "%", pg_temp.bar(pb, 1) AS :"q_cur_label"
FROM (SELECT ord, label, round((100 * a / sum(a) OVER ())::numeric, 1) AS pa,
			 round((100 * b / sum(b) OVER ())::numeric, 1) AS pb
	  FROM shares) AS r
ORDER BY ord;
\echo '   █ = 1% of the cases opened in the quarter.'
\echo

--------------------------------------------------------------------------
\echo :h9
--------------------------------------------------------------------------
CREATE TEMP TABLE goal AS
SELECT g.*, g.metric LIKE '%time' AS is_time, g.metric IN ('nps', 'csat', 'ces') AS higher,
	   regexp_replace(g.scope, '^(touchpoint|stage) ', '') AS scope_name
FROM goal_progress AS g;

SELECT name AS goal, scope_name AS scope, due_date AS due,
	   pg_temp.pad(CASE WHEN is_time THEN pg_temp.dur(baseline) ELSE pg_temp.num(baseline) END, 8) AS baseline,
	   pg_temp.pad(CASE WHEN is_time THEN pg_temp.dur(current) ELSE pg_temp.num(current) END, 8) AS now,
	   pg_temp.pad(CASE WHEN is_time THEN pg_temp.dur(target_value) ELSE pg_temp.num(target_value) END, 8) AS target
FROM goal
ORDER BY goal_id;

SELECT name AS goal,
	   pg_temp.pad(CASE WHEN is_time THEN pg_temp.signed(100 * change / baseline, 5, 1) || '%'
						ELSE pg_temp.signed(change) END, 8) AS change,
	   pg_temp.progress(pr / 100.0, 10) || pg_temp.pad(pr::text, 4) || '%' AS "progress to target",
	   CASE WHEN met THEN 'met' ELSE 'not met' END AS "met",
	   pg_temp.pval(p_value, q_value, change, higher) AS "p"
FROM goal,
	 LATERAL (SELECT round(100 * change / nullif(target_value - baseline, 0))::int AS pr) AS r
ORDER BY goal_id;
\echo '   baseline: ':q_prev_label'; now: ':q_cur_label'.  Time goals are on the mean hours to resolve.'
\echo '   p: is the change real (nps_test for NPS, mean_test for times); ▲ ▼ by goal_progress.q_value.'

-- Open cases are left out of a time goal's mean: say how many, in both
-- periods, for every time goal.
SELECT format(E'   "%s" counts resolved cases only: %s%% of the\n'
			  '   %s cases opened in %s are not resolved yet, against %s%% in %s,\n'
			  '   so its mean leaves out the slowest cases%s.',
			  g.name,
			  to_char(100 * o.open_b, 'FM990.0'), coalesce(t.name, 'service'), :'q_cur_label',
			  to_char(100 * o.open_a, 'FM990.0'), :'q_prev_label',
			  CASE WHEN o.open_b > o.open_a THEN ', more of them now than before' ELSE '' END)
FROM goals AS g
	 LEFT JOIN touchpoints AS t USING (touchpoint_id),
	 LATERAL (SELECT avg((i.resolved_at IS NULL)::int) FILTER (WHERE i.opened_at::date <@ g.baseline_period) AS open_a,
					 avg((i.resolved_at IS NULL)::int) FILTER (WHERE i.opened_at::date <@ g.target_period) AS open_b
			  FROM interactions AS i
			  WHERE (g.touchpoint_id IS NULL OR i.touchpoint_id = g.touchpoint_id)) AS o
WHERE g.metric LIKE '%time'
ORDER BY g.goal_id
\g (tuples_only=on format=unaligned)

-- The same resolution goals with the open cases counted: the Kaplan-Meier
-- median of duration summaries whose open cases are censored at their age
-- on the report's day (as the scorecards' resolution_km_median_h do at
-- now(): the demo's data end before today), and the log-rank test.
SELECT format(E'   Counted as open cases (Kaplan–Meier, censored at their age), the median time\n'
			  '   to resolve went from %s to %s, log-rank p %s.',
			  btrim(pg_temp.dur(extract(epoch FROM km_percentile(s.a, 0.5)) / 3600)),
			  btrim(pg_temp.dur(extract(epoch FROM km_percentile(s.b, 0.5)) / 3600)),
			  CASE WHEN t.logrank_p_value < 0.001 THEN '< 0.001' ELSE to_char(t.logrank_p_value, 'FM0.000') END)
FROM goals AS g,
	 LATERAL (SELECT duration_agg(coalesce(i.resolved_at, :'as_of'::timestamptz) - i.opened_at, i.resolved_at IS NULL)
						 FILTER (WHERE i.opened_at::date <@ g.baseline_period) AS a,
					 duration_agg(coalesce(i.resolved_at, :'as_of'::timestamptz) - i.opened_at, i.resolved_at IS NULL)
						 FILTER (WHERE i.opened_at::date <@ g.target_period) AS b
			  FROM interactions AS i
			  WHERE (g.touchpoint_id IS NULL OR i.touchpoint_id = g.touchpoint_id)) AS s,
	 LATERAL duration_test(s.a, s.b) AS t
WHERE g.metric = 'resolution_time'
ORDER BY g.goal_id
\g (tuples_only=on format=unaligned)
