/*
 * cx_metrics demo: an NPS report over the sample CRM data (demo/data.sql).
 *
 *   psql -f demo/report.sql        (demo/run does this in a throwaway cluster)
 *
 * Every number comes from the daily summaries in crm.nps_daily, combined
 * exactly with rollup() into months and quarters; the raw responses are not
 * read again.  The accessors nps(), responses(), nps_lower() and nps_upper()
 * give the score, its sample size and its 95% interval (adjusted Wald), and
 * nps_test(a, b) tests the change from a to b (delta = NPS(b) - NPS(a)).
 */

\set ON_ERROR_STOP 1
\encoding UTF8
\pset footer off
\pset null ''
\pset linestyle unicode
SET client_min_messages = warning;
SET timezone = 'UTC';
SET search_path = crm, public;

-- formatting helpers (temporary): numbers right-aligned in w columns,
-- signed changes, p-values, significance arrows, intervals and bars
CREATE FUNCTION pg_temp.pad(t text, w int) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN lpad(coalesce(t, ''), greatest(w, length(t)));
CREATE FUNCTION pg_temp.num(x float8, w int DEFAULT 5) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN pg_temp.pad(round(x::numeric, 1)::text, w);
CREATE FUNCTION pg_temp.signed(x float8, w int DEFAULT 5) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN pg_temp.pad(CASE WHEN round(x::numeric, 1) > 0 THEN '+' ELSE '' END
					   || round(x::numeric, 1)::text, w);
-- the p-value of a change, with an arrow when it is significant
CREATE FUNCTION pg_temp.pval(p float8, delta float8) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN pg_temp.pad(CASE WHEN p < 0.001 THEN '<0.001' ELSE to_char(p, 'FM0.000') END, 6)
		   || CASE WHEN p < 0.05 THEN CASE WHEN delta > 0 THEN ' ▲' ELSE ' ▼' END ELSE '' END;
CREATE FUNCTION pg_temp.ci(lo float8, hi float8) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN pg_temp.num(lo) || ' … ' || pg_temp.num(hi);
-- a bar of x / unit characters, drawn in eighths
CREATE FUNCTION pg_temp.bar(x float8, unit float8) RETURNS text
	LANGUAGE sql IMMUTABLE
	RETURN repeat('█', floor(greatest(x / unit, 0))::int)
		   || substr(' ▏▎▍▌▋▊▉', 1 + floor(8 * (greatest(x / unit, 0) - floor(greatest(x / unit, 0))))::int, 1);

-- the period covered, the first of the last six months, the last two
-- quarters and their labels
SELECT to_char(min(day), 'YYYY-MM') AS first_month, to_char(max(day), 'YYYY-MM') AS last_month,
	   (date_trunc('month', max(day)) - interval '5 months')::date AS detail_from,
	   (date_trunc('month', max(day)) - interval '2 months')::date AS q_cur,
	   (date_trunc('month', max(day)) - interval '5 months')::date AS q_prev,
	   to_char(date_trunc('month', max(day)) - interval '2 months', 'Mon') || '–'
		   || to_char(max(day), 'Mon') AS q_cur_label,
	   to_char(date_trunc('month', max(day)) - interval '5 months', 'Mon') || '–'
		   || to_char(date_trunc('month', max(day)) - interval '3 months', 'Mon') AS q_prev_label,
	   to_char(count(*), 'FM999,999,999') AS summaries,
	   to_char(responses(rollup(s)), 'FM999,999,999') AS responses,
	   count(DISTINCT touchpoint_id) AS touchpoints,
	   rpad(format('── 3. Last quarter (%s) against the one before (%s) ',
				   to_char(date_trunc('month', max(day)) - interval '2 months', 'Mon') || '–'
					   || to_char(max(day), 'Mon YYYY'),
				   to_char(date_trunc('month', max(day)) - interval '5 months', 'Mon') || '–'
					   || to_char(date_trunc('month', max(day)) - interval '3 months', 'Mon YYYY')),
			80, '─') AS heading3
FROM nps_daily
\gset

\echo
\echo '════════════════════════════════════════════════════════════════════════════════'
\echo '  CUSTOMER EXPERIENCE · Net Promoter Score report · ':first_month' .. ':last_month
\echo '════════════════════════════════════════════════════════════════════════════════'
\echo '  ':responses' responses at ':touchpoints' touchpoints, read from ':summaries' daily summaries'
\echo '  (nps_agg per day and touchpoint) and combined with rollup().'
\echo
\echo '  NPS: % promoters (9-10) − % detractors (0-6), from −100 to 100.'
\echo '  95% CI: adjusted Wald.  Δ: change from the previous period (z-test).'
\echo '  ▲ ▼: p < 0.05; about 1 in 20 unchanged cases is flagged by chance.'
\echo
\echo '── 1. All touchpoints, by month ────────────────────────────────────────────────'
WITH monthly AS (
	SELECT date_trunc('month', day)::date AS month, rollup(s) AS s
	FROM nps_daily
	GROUP BY 1
)
SELECT to_char(m.month, 'YYYY-MM') AS month,
	   responses(m.s) AS n,
	   pg_temp.num(nps(m.s)) AS "NPS",
	   pg_temp.ci(nps_lower(m.s), nps_upper(m.s)) AS "95% CI",
	   pg_temp.signed(t.delta) AS "Δ",
	   pg_temp.pval(t.p_value, t.delta) AS p,
	   pg_temp.bar(nps(m.s), 2) AS "NPS, █ = 2 points"
FROM (SELECT month, s, lag(s) OVER (ORDER BY month) AS prev FROM monthly) AS m
	 LEFT JOIN LATERAL nps_test(m.prev, m.s) AS t ON true
ORDER BY m.month;

\echo '── 2. By touchpoint, last six months ───────────────────────────────────────────'
WITH monthly AS (
	SELECT touchpoint_id, date_trunc('month', day)::date AS month, rollup(s) AS s
	FROM nps_daily
	GROUP BY 1, 2
), change AS (
	-- the previous month is taken over all months, so the first month shown
	-- has its change too
	SELECT touchpoint_id, month, s,
		   lag(s) OVER (PARTITION BY touchpoint_id ORDER BY month) AS prev
	FROM monthly
), shown AS (
	SELECT c.*, row_number() OVER (PARTITION BY c.touchpoint_id ORDER BY c.month) AS k
	FROM change AS c
	WHERE c.month >= :'detail_from'
)
SELECT CASE k WHEN 1 THEN tp.name WHEN 2 THEN tp.stage || ' purchase' END AS touchpoint,
	   to_char(month, 'YYYY-MM') AS month,
	   responses(x.s) AS n,
	   pg_temp.num(nps(x.s)) AS "NPS",
	   pg_temp.ci(nps_lower(x.s), nps_upper(x.s)) AS "95% CI",
	   pg_temp.signed(t.delta) AS "Δ",
	   pg_temp.pval(t.p_value, t.delta) AS p
FROM shown AS x
	 JOIN touchpoint AS tp USING (touchpoint_id)
	 LEFT JOIN LATERAL nps_test(x.prev, x.s) AS t ON true
ORDER BY x.touchpoint_id, x.month;

\echo :heading3
WITH quarters AS (
	SELECT touchpoint_id,
		   rollup(s) FILTER (WHERE day >= :'q_prev' AND day < :'q_cur') AS a,
		   rollup(s) FILTER (WHERE day >= :'q_cur') AS b
	FROM nps_daily
	WHERE day >= :'q_prev'
	GROUP BY ROLLUP (touchpoint_id)     -- the SQL grouping set: one more row for all
)
SELECT coalesce(tp.name, 'All touchpoints') AS touchpoint,
	   responses(q.a) AS n,
	   pg_temp.num(nps(q.a), length(:'q_prev_label')) AS :"q_prev_label",
	   responses(q.b) AS "n ",
	   pg_temp.num(nps(q.b), length(:'q_cur_label')) AS :"q_cur_label",
	   pg_temp.signed(t.delta) AS "Δ",
	   pg_temp.ci(t.lower, t.upper) AS "95% CI of Δ",
	   pg_temp.pval(t.p_value, t.delta) AS p
FROM quarters AS q
	 LEFT JOIN touchpoint AS tp USING (touchpoint_id)
	 CROSS JOIN LATERAL nps_test(q.a, q.b) AS t
ORDER BY q.touchpoint_id NULLS LAST;
