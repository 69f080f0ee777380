/*
 * bench/revenue.sql: the revenue benchmark's measurements and report.  Needs
 * bench/revenue_setup.sql and bench/lib.sql first, in the same session.
 *
 * psql variables: customers, playbook_customers, reps, hand_reps.
 *
 * Ways to the monthly MRR movements of cx_bench.revenue_subs (one row per
 * subscription: customer_id, during daterange, amount numeric):
 *   count(*)             the scan alone, the floor of any query of the table;
 *   count(*) grouped     count(*) over SELECT customer_id ... GROUP BY
 *                        customer_id: the grouping that the two-step query
 *                        needs, with nothing computed per customer;
 *   cx_metrics           two steps: mrr_agg(during, amount) per customer (a
 *                        step function of the customer's MRR), then
 *                        revenue_agg() over the customers' timelines; timed
 *                        as the summary alone (60 months, and the daily
 *                        grid), with revenue_periods() on top, and with the
 *                        cohort matrix and revenue_cohort_retention();
 *   the mrr-playbook SQL dbt-labs' mrr-playbook written for PostgreSQL: a
 *                        month spine (generate_series) joined to every
 *                        subscription, MRR per customer and month (sum),
 *                        lag() per customer over the spine, a CASE into
 *                        new / expansion / contraction / churned /
 *                        reactivation, and sums per month.  It is measured on
 *                        playbook_customers customers (all of them when that
 *                        is the table's size) against cx_metrics on the same
 *                        customers.
 * And the cost against the number of periods: revenue_agg() over 12, 60 and
 * 240 monthly periods and over a daily grid of 1827 periods (2020-01-01 ..
 * 2024-12-31), over the same customers' timelines, stored in a table
 * (cx_bench.revenue_timelines, made here with mrr_agg) so that the grouping,
 * which does not depend on the grid, does not dilute the comparison.
 *
 * The cx_metrics queries need mrr_agg, revenue_agg, revenue_periods and
 * revenue_cohort_retention.  Where the installed cx_metrics lacks them, their
 * rows are skipped (the report says so) and the plain-SQL ones still run;
 * their targets are then n/a.
 *
 * Serial plans, timed the way bench/lib.sql times queries (the backend's CPU
 * time where it can be read and a section's queries are long enough for its
 * resolution, wall time otherwise); each query runs to completion.  A
 * report is timed as SELECT count(*) FROM (report) AS q WHERE q::text IS
 * NOT NULL, which reads every column of every row (a bare count(*) would let
 * the planner drop the playbook's unused joins), a summary as
 * pg_column_size(revenue_agg(...)), so that its text output is not part of
 * the time.
 */
\set ON_ERROR_STOP 1
\pset footer off
\pset null '-'
-- serial plans, no JIT, and room for the sorts and hash tables
SELECT set_config(name, value, false)
FROM (VALUES ('client_min_messages', 'warning'), ('jit', 'off'), ('work_mem', '512MB'),
			 ('max_parallel_workers_per_gather', '0')) AS s(name, value) \g /dev/null

\set cx_months 60
SELECT to_char(date '2020-01-01', 'YYYY-MM-DD') AS cx_origin,
	   CASE WHEN :playbook_customers < :customers THEN 'cx_bench.revenue_subs_pb'
			ELSE 'cx_bench.revenue_subs' END AS cx_pb_table,
	   (:playbook_customers < :customers)::text AS cx_pb_subset,
	   -- where the cx_metrics side of the playbook comparison is timed
	   CASE WHEN :playbook_customers < :customers THEN 'pbcx' ELSE 'revenue' END AS cx_pb_section,
	   (date '2025-01-01' - date '2020-01-01') AS cx_days \gset

-- Whether this cx_metrics has the revenue functions (visible on the
-- search_path, as the queries name them).
SELECT (count(DISTINCT proname) = 4)::text AS cx_have_revenue
FROM pg_proc
WHERE proname IN ('mrr_agg', 'revenue_agg', 'revenue_periods', 'revenue_cohort_retention')
  AND pg_function_is_visible(oid) \gset

--------------------------------------------------------------------------
-- The queries, as text
--------------------------------------------------------------------------
-- The two-step query's inner step, over a table: one timeline per customer.
SELECT format('(SELECT customer_id, mrr_agg(during, amount) AS mrr FROM %s GROUP BY customer_id) AS t',
			  'cx_bench.revenue_subs') AS cx_tl,
	   format('(SELECT customer_id, mrr_agg(during, amount) AS mrr FROM %s GROUP BY customer_id) AS t',
			  :'cx_pb_table') AS cx_tl_pb \gset
SELECT format($q$revenue_agg(t.mrr, date %L, interval '1 month', %s)$q$, :'cx_origin', :cx_months) AS cx_agg,
	   format($q$revenue_agg(t.mrr, date %L, interval '1 month', %s, %s)$q$, :'cx_origin', :cx_months,
			  :cx_months - 1) AS cx_agg_cohort \gset
SELECT format('SELECT * FROM revenue_periods((SELECT %s FROM %s))', :'cx_agg', :'cx_tl') AS cx_periods_q,
	   format('SELECT * FROM revenue_periods((SELECT %s FROM %s))', :'cx_agg', :'cx_tl_pb') AS cx_periods_pb_q,
	   format('SELECT * FROM revenue_cohort_retention((SELECT %s FROM %s))', :'cx_agg_cohort', :'cx_tl') AS cx_cohort_q \gset

-- The mrr-playbook way (dbt-labs/mrr-playbook: customer_revenue_by_month,
-- customer_churn_month, mrr), in PostgreSQL and to the same definitions as
-- revenue_agg, so that the two can be checked against each other:
--   customer_months  every customer at every boundary t_k of the spine from
--                    its first subscription to the first boundary after its
--                    last day (the playbook's "customer months" plus its
--                    churn month), dense so that lag() sees every month;
--   customer_mrr     its MRR there, from the subscriptions joined to it:
--                    m(t) = least(f(t - 1 day), f(t)), f the sum of the
--                    amounts active on a day, so that a change on t counts
--                    in the period t opens when it is an increase and in the
--                    period t closes when it is a decrease (an upgrade on t
--                    is an upgrade, not a churn and a return);
--   mrr_lagged       the previous boundary's MRR: lag() per customer;
--   movements        the CASE: a = m(t_{k-1}), b = m(t_k) for the period
--                    [t_{k-1}, t_k); new if the customer's first paid day is
--                    not before the period's start, reactivation otherwise;
--   per_month        sums and counts per period, over the spine.
-- %1$s is the table; the spine's boundaries are t_0 .. t_P.
SELECT format($q$WITH spine AS (
	SELECT k, (date %2$L + k * interval '1 month')::date AS t,
		   (date %2$L + (k - 1) * interval '1 month')::date AS t_prev,
		   daterange((date %2$L + k * interval '1 month')::date - 1,
					 (date %2$L + k * interval '1 month')::date, '[]') AS around
	FROM generate_series(0, %3$s) AS k
),
customers AS (
	SELECT customer_id,
		   min(lower(during)) FILTER (WHERE amount > 0) AS first_paid,
		   min(lower(during)) AS first_day,
		   max(coalesce(upper(during), 'infinity')) AS end_day
	FROM %1$s
	GROUP BY customer_id
),
customer_months AS (
	SELECT c.customer_id, c.first_paid, s.k, s.t, s.t_prev, s.around
	FROM customers AS c
	JOIN spine AS s ON s.t > c.first_day AND s.t_prev < c.end_day
),
customer_mrr AS (
	SELECT cm.customer_id, cm.k, min(cm.t_prev) AS t_prev, min(cm.first_paid) AS first_paid,
		   least(coalesce(sum(sub.amount) FILTER (WHERE sub.during @> cm.t - 1), 0),
				 coalesce(sum(sub.amount) FILTER (WHERE sub.during @> cm.t), 0)) AS mrr
	FROM customer_months AS cm
	LEFT JOIN %1$s AS sub ON sub.customer_id = cm.customer_id AND sub.during && cm.around
	GROUP BY cm.customer_id, cm.k
),
mrr_lagged AS (
	SELECT customer_id, k, t_prev, first_paid, mrr,
		   coalesce(lag(mrr) OVER (PARTITION BY customer_id ORDER BY k), 0) AS prev_mrr
	FROM customer_mrr
),
movements AS (
	SELECT k - 1 AS period, prev_mrr AS a, mrr AS b,
		   CASE WHEN prev_mrr > 0 AND mrr = 0 THEN 'churned'
				WHEN prev_mrr > 0 AND mrr > prev_mrr THEN 'expansion'
				WHEN prev_mrr > 0 AND mrr < prev_mrr THEN 'contraction'
				WHEN prev_mrr = 0 AND mrr > 0 AND first_paid >= t_prev THEN 'new'
				WHEN prev_mrr = 0 AND mrr > 0 THEN 'reactivation'
		   END AS movement
	FROM mrr_lagged
	WHERE k >= 1
),
per_month AS (
	SELECT period,
		   sum(a) AS mrr_at_start,
		   sum(b) FILTER (WHERE movement = 'new') AS new_mrr,
		   sum(b - a) FILTER (WHERE movement = 'expansion') AS expansion_mrr,
		   sum(b) FILTER (WHERE movement = 'reactivation') AS reactivation_mrr,
		   sum(a - b) FILTER (WHERE movement = 'contraction') AS contraction_mrr,
		   sum(a) FILTER (WHERE movement = 'churned') AS churned_mrr,
		   sum(b) AS mrr_at_end,
		   count(*) FILTER (WHERE a > 0) AS customers_at_start,
		   count(*) FILTER (WHERE movement = 'new') AS new_customers,
		   count(*) FILTER (WHERE movement = 'expansion') AS expansion_customers,
		   count(*) FILTER (WHERE movement = 'reactivation') AS reactivation_customers,
		   count(*) FILTER (WHERE movement = 'contraction') AS contraction_customers,
		   count(*) FILTER (WHERE movement = 'churned') AS churned_customers,
		   count(*) FILTER (WHERE b > 0) AS customers_at_end
	FROM movements
	GROUP BY period
)
SELECT s.t AS period_start,
	   coalesce(m.mrr_at_start, 0) AS mrr_at_start, coalesce(m.new_mrr, 0) AS new_mrr,
	   coalesce(m.expansion_mrr, 0) AS expansion_mrr, coalesce(m.reactivation_mrr, 0) AS reactivation_mrr,
	   coalesce(m.contraction_mrr, 0) AS contraction_mrr, coalesce(m.churned_mrr, 0) AS churned_mrr,
	   coalesce(m.mrr_at_end, 0) AS mrr_at_end,
	   coalesce(m.customers_at_start, 0) AS customers_at_start, coalesce(m.new_customers, 0) AS new_customers,
	   coalesce(m.expansion_customers, 0) AS expansion_customers,
	   coalesce(m.reactivation_customers, 0) AS reactivation_customers,
	   coalesce(m.contraction_customers, 0) AS contraction_customers,
	   coalesce(m.churned_customers, 0) AS churned_customers,
	   coalesce(m.customers_at_end, 0) AS customers_at_end
FROM spine AS s
LEFT JOIN per_month AS m ON m.period = s.k
WHERE s.k < %3$s$q$, :'cx_pb_table', :'cx_origin', :cx_months) AS cx_playbook_q \gset

-- The aggregation strategies of a query's plan, outermost first (EXPLAIN,
-- not run): which way PostgreSQL groups the customers.
CREATE OR REPLACE FUNCTION cx_bench.revenue_plan(q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	plan		jsonb;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO plan;
	RETURN (SELECT string_agg(CASE n ->> 'Strategy' WHEN 'Hashed' THEN 'HashAggregate'
												   WHEN 'Sorted' THEN 'Sort + GroupAggregate'
												   WHEN 'Plain' THEN 'Aggregate'
												   ELSE n ->> 'Strategy' END, ' <- ')
			FROM jsonb_path_query(plan, 'strict $.**?(@."Node Type" == "Aggregate")') AS n);
END
$$;

SELECT count(*) AS cx_pb_rows FROM :cx_pb_table \gset

\echo
\echo '== cx_metrics revenue benchmark: revenue_agg against the mrr-playbook SQL =='
\pset tuples_only on
SELECT 'PostgreSQL' AS item, current_setting('server_version') AS value
UNION ALL SELECT 'cx_metrics', (SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics')
	|| CASE WHEN :cx_have_revenue THEN '' ELSE ' (SKIPPED: it has no mrr_agg, revenue_agg, revenue_periods and revenue_cohort_retention; only the plain-SQL rows run)' END
UNION ALL SELECT 'subscriptions', to_char(count(*), 'FM999,999,999') || ' rows (customer_id int, during daterange, amount numeric), '
	|| pg_size_pretty(pg_relation_size('cx_bench.revenue_subs')) || '; '
	|| to_char(count(DISTINCT customer_id), 'FM999,999,999') || ' customers; '
	|| round(100.0 * count(*) FILTER (WHERE upper_inf(during)) / count(*)) || '% of the rows open-ended ('
	|| round(100.0 * count(DISTINCT customer_id) FILTER (WHERE upper_inf(during)) / count(DISTINCT customer_id))
	|| '% of the customers); amounts '
	|| min(amount) || ' .. ' || max(amount) || ' a month; starts ' || min(lower(during)) || ' .. ' || max(lower(during))
	FROM cx_bench.revenue_subs
UNION ALL SELECT 'rows per customer', (SELECT string_agg(n || ': ' || round(100.0 * c / total) || '%', ', ' ORDER BY n)
	FROM (SELECT n, count(*) AS c, sum(count(*)) OVER () AS total
		  FROM (SELECT count(*) AS n FROM cx_bench.revenue_subs GROUP BY customer_id) AS r
		  GROUP BY n) AS s)
	|| '; of the rows after a customer''s first: '
	|| (SELECT round(100.0 * count(*) FILTER (WHERE kind = 'change') / count(*)) || '% plan changes on a month start, '
			|| round(100.0 * count(*) FILTER (WHERE kind = 'lapse') / count(*)) || '% returns after a lapse, '
			|| round(100.0 * count(*) FILTER (WHERE kind = 'overlap') / count(*)) || '% overlapping add-ons'
		FROM (SELECT CASE WHEN lower(during) = lag(upper(during)) OVER w THEN 'change'
						  WHEN lower(during) > lag(upper(during)) OVER w THEN 'lapse'
						  ELSE 'overlap' END AS kind,
					 row_number() OVER w AS n
			  FROM cx_bench.revenue_subs WINDOW w AS (PARTITION BY customer_id ORDER BY lower(during), upper(during))) AS x
		WHERE n > 1)
UNION ALL SELECT 'grid', :'cx_origin' || ' + k months, ' || :cx_months || ' periods (grids section: 12, 60, 240 months, '
	|| :cx_days || ' days)'
UNION ALL SELECT 'mrr-playbook SQL', CASE WHEN :cx_pb_subset
	THEN 'measured on customers 1 .. ' || to_char(:playbook_customers, 'FM999,999,999') || ' of '
		 || to_char(:customers, 'FM999,999,999') || ' (' || :'cx_pb_table' || ', '
		 || to_char(:cx_pb_rows, 'FM999,999,999')
		 || ' rows), against cx_metrics on the same customers'
	ELSE 'measured on all ' || to_char(:customers, 'FM999,999,999') || ' customers' END
UNION ALL SELECT 'settings', 'shared_buffers ' || current_setting('shared_buffers') || ', work_mem '
	|| current_setting('work_mem') || ', jit ' || current_setting('jit') || ', serial plans'
UNION ALL SELECT 'timing', CASE WHEN cx_bench.have_cpu_clock()
	THEN 'CPU time of the backend (/proc/self/schedstat) around EXECUTE in PL/pgSQL'
	ELSE 'wall time around EXECUTE in PL/pgSQL (no CPU time: /proc/self/schedstat cannot be read)' END
UNION ALL SELECT 'runs', 'median of ' || :reps || ' runs after 1 warm-up run (mrr-playbook SQL: '
	|| :hand_reps || '), queries interleaved round-robin'
UNION ALL SELECT 'plans', 'count(*) grouped: ' || cx_bench.revenue_plan('SELECT count(*) FROM (SELECT customer_id FROM cx_bench.revenue_subs GROUP BY customer_id) AS t')
	|| CASE WHEN :cx_have_revenue
			THEN '; revenue_agg(mrr_agg ...): ' || cx_bench.revenue_plan(format('SELECT %s FROM %s', :'cx_agg', :'cx_tl'))
			ELSE '' END;
\pset tuples_only off

--------------------------------------------------------------------------
-- Checks (untimed)
--------------------------------------------------------------------------
-- The playbook's answer, once: the identity on every period, and, with the
-- revenue functions, the same numbers as revenue_periods() over the same
-- customers.
CREATE TEMP TABLE revenue_playbook AS :cx_playbook_q;
SELECT CASE WHEN count(*) = :cx_months AND bool_and(mrr_at_start + new_mrr + expansion_mrr + reactivation_mrr
			- contraction_mrr - churned_mrr = mrr_at_end)
			THEN 'the mrr-playbook SQL: start + new + expansion + reactivation - contraction - churned = end on all '
				 || count(*) || ' periods'
			ELSE 'WARNING: the mrr-playbook SQL breaks the identity on '
				 || count(*) FILTER (WHERE mrr_at_start + new_mrr + expansion_mrr + reactivation_mrr
									 - contraction_mrr - churned_mrr <> mrr_at_end) || ' periods' END AS cx_line
FROM revenue_playbook \gset
\echo '  ' :cx_line

\if :cx_have_revenue
SELECT count(*) FILTER (WHERE c.period_start IS NULL OR h.period_start IS NULL
						OR (h.mrr_at_start, h.new_mrr, h.expansion_mrr, h.reactivation_mrr, h.contraction_mrr,
							h.churned_mrr, h.mrr_at_end, h.customers_at_start, h.new_customers,
							h.expansion_customers, h.reactivation_customers, h.contraction_customers,
							h.churned_customers, h.customers_at_end)
						   IS DISTINCT FROM
						   (c.mrr_at_start, c.new_mrr, c.expansion_mrr, c.reactivation_mrr, c.contraction_mrr,
							c.churned_mrr, c.mrr_at_end, c.customers_at_start, c.new_customers,
							c.expansion_customers, c.reactivation_customers, c.contraction_customers,
							c.churned_customers, c.customers_at_end)) AS cx_bad
FROM revenue_playbook AS h FULL JOIN (:cx_periods_pb_q) AS c USING (period_start) \gset
SELECT CASE WHEN :cx_bad = 0
			THEN 'the mrr-playbook SQL and revenue_periods() agree on every period and column (' || :'cx_pb_table' || ')'
			ELSE 'WARNING: the mrr-playbook SQL and revenue_periods() DISAGREE on ' || :cx_bad || ' periods' END AS cx_line \gset
\echo '  ' :cx_line

-- The grids section's timelines: one mrr_agg() per customer, stored.
DROP TABLE IF EXISTS cx_bench.revenue_timelines;
CREATE UNLOGGED TABLE cx_bench.revenue_timelines AS
SELECT customer_id, mrr_agg(during, amount) AS mrr FROM cx_bench.revenue_subs GROUP BY customer_id;
VACUUM (FREEZE, ANALYZE) cx_bench.revenue_timelines;

-- Shorter and longer grids from the same origin give the same periods
-- where they overlap.
SELECT CASE WHEN n12 = 12 AND n60 = 60 AND n240 = 60
			THEN 'revenue_periods() over 12 and over 240 months give the same first 12 and 60 periods as over 60'
			ELSE 'WARNING: the grids disagree: ' || 60 - n60 || ' of 60 periods differ at 240 months, '
				 || 12 - n12 || ' of 12 at 12 months' END AS cx_line
FROM (SELECT count(*) FILTER (WHERE in12 AND in60 AND p12 IS NOT DISTINCT FROM p60) AS n12,
			 count(*) FILTER (WHERE in60) AS n60,
			 count(*) FILTER (WHERE in60 AND in240 AND p60 IS NOT DISTINCT FROM p240) AS n240
	  FROM (SELECT p.period_start, p AS p60, true AS in60 FROM revenue_periods((SELECT revenue_agg(mrr, :'cx_origin'::date, interval '1 month', 60) FROM cx_bench.revenue_timelines)) AS p) AS a
	  FULL JOIN (SELECT p.period_start, p AS p12, true AS in12 FROM revenue_periods((SELECT revenue_agg(mrr, :'cx_origin'::date, interval '1 month', 12) FROM cx_bench.revenue_timelines)) AS p) AS b USING (period_start)
	  LEFT JOIN (SELECT p.period_start, p AS p240, true AS in240 FROM revenue_periods((SELECT revenue_agg(mrr, :'cx_origin'::date, interval '1 month', 240) FROM cx_bench.revenue_timelines)) AS p) AS c USING (period_start)) AS z \gset
\echo '  ' :cx_line
\else
\echo '   (the checks against revenue_periods() are skipped: no revenue functions)'
\endif

--------------------------------------------------------------------------
-- Timings
--------------------------------------------------------------------------
INSERT INTO cx_bench.query VALUES
	('revenue', 1, 'count_star', 'count(*)', 'SELECT count(*) FROM cx_bench.revenue_subs'),
	('revenue', 2, 'count_grouped', 'count(*) over GROUP BY customer_id',
	 'SELECT count(*) FROM (SELECT customer_id FROM cx_bench.revenue_subs GROUP BY customer_id) AS t'),
	('playbook', 1, 'playbook', 'mrr-playbook SQL (month spine x subscriptions, sum, lag(), CASE)',
	 'SELECT count(*) FROM (' || :'cx_playbook_q' || ') AS q WHERE q::text IS NOT NULL');
\if :cx_pb_subset
INSERT INTO cx_bench.query VALUES
	('pbcx', 1, 'count_star', 'count(*)', 'SELECT count(*) FROM ' || :'cx_pb_table');
\endif
\if :cx_have_revenue
INSERT INTO cx_bench.query VALUES
	('revenue', 3, 'mrr', 'the first step alone: count(t.mrr) over mrr_agg(during, amount) per customer',
	 'SELECT count(t.mrr) FROM ' || :'cx_tl'),
	('revenue', 4, 'summary', 'revenue_agg(mrr_agg(...)), ' || :cx_months || ' months: the summary',
	 'SELECT pg_column_size(' || :'cx_agg' || ') FROM ' || :'cx_tl'),
	('revenue', 5, 'periods', 'revenue_periods(revenue_agg(mrr_agg(...)))',
	 'SELECT count(*) FROM (' || :'cx_periods_q' || ') AS q WHERE q::text IS NOT NULL'),
	('revenue', 6, 'cohort', 'revenue_cohort_retention(revenue_agg(..., max_offset ' || :cx_months - 1 || '))',
	 'SELECT count(*) FROM (' || :'cx_cohort_q' || ') AS q WHERE q::text IS NOT NULL'),
	('revenue', 7, 'summary_day', 'revenue_agg(mrr_agg(...)), ' || :cx_days || ' days: the summary',
	 format($q$SELECT pg_column_size(revenue_agg(t.mrr, date %L, interval '1 day', %s)) FROM %s$q$,
			:'cx_origin', :cx_days, :'cx_tl')),
	('grids', 1, 'count_tl', 'count(mrr) over the stored timelines', 'SELECT count(mrr) FROM cx_bench.revenue_timelines'),
	('grids', 2, 'g12', '12 months', format($q$SELECT pg_column_size(revenue_agg(mrr, date %L, interval '1 month', 12)) FROM cx_bench.revenue_timelines$q$, :'cx_origin')),
	('grids', 3, 'g60', '60 months', format($q$SELECT pg_column_size(revenue_agg(mrr, date %L, interval '1 month', 60)) FROM cx_bench.revenue_timelines$q$, :'cx_origin')),
	('grids', 4, 'g240', '240 months', format($q$SELECT pg_column_size(revenue_agg(mrr, date %L, interval '1 month', 240)) FROM cx_bench.revenue_timelines$q$, :'cx_origin')),
	('grids', 5, 'gday', :cx_days || ' days', format($q$SELECT pg_column_size(revenue_agg(mrr, date %L, interval '1 day', %s)) FROM cx_bench.revenue_timelines$q$, :'cx_origin', :cx_days));
\if :cx_pb_subset
INSERT INTO cx_bench.query VALUES
	('pbcx', 2, 'periods', 'revenue_periods(revenue_agg(mrr_agg(...)))',
	 'SELECT count(*) FROM (' || :'cx_periods_pb_q' || ') AS q WHERE q::text IS NOT NULL');
\endif
\endif

\echo
\echo '== serial: the scan, the grouping, and the two steps of cx_metrics (all customers) =='
SELECT cx_bench.run_section('revenue', :reps) \g /dev/null
SELECT m.label AS query, m.runs AS runs,
	   cx_bench.ms(m.med) AS "median ms",
	   cx_bench.ms(m.lo) || '..' || cx_bench.ms(m.hi) AS "min..max",
	   to_char(cx_bench.ratio('revenue', m.key, 'count_star'), 'FM999990.00') AS "x count(*)",
	   to_char(cx_bench.ratio('revenue', m.key, 'count_grouped'), 'FM999990.00') AS "x count(*) grouped",
	   to_char(cx_bench.ratio('revenue', m.key, 'periods'), 'FM999990.00') AS "x revenue_periods"
FROM cx_bench.medians m
WHERE m.section = 'revenue'
ORDER BY m.ord;
SELECT cx_bench.clock_note('revenue') AS cx_line \gset
\echo :cx_line

\echo
SELECT '== serial: the mrr-playbook SQL against cx_metrics, on '
	   || CASE WHEN :cx_pb_subset THEN to_char(:playbook_customers, 'FM999,999,999') || ' of the '
			   || to_char(:customers, 'FM999,999,999') || ' customers'
			   ELSE 'all ' || to_char(:customers, 'FM999,999,999') || ' customers' END || ' ==' AS cx_line \gset
\echo :cx_line
\if :cx_pb_subset
SELECT cx_bench.run_section('pbcx', :reps) \g /dev/null
\endif
SELECT cx_bench.run_section('playbook', :hand_reps) \g /dev/null
SELECT m.label AS query, m.runs AS runs,
	   cx_bench.ms(m.med) AS "median ms",
	   cx_bench.ms(m.lo) || '..' || cx_bench.ms(m.hi) AS "min..max",
	   to_char(m.med / r.count_star, 'FM9999990.00') AS "x count(*)",
	   to_char(m.med / r.periods, 'FM9999990.00') AS "x revenue_periods"
FROM cx_bench.medians m,
	 LATERAL (SELECT cx_bench.med(:'cx_pb_section', 'count_star') AS count_star,
					 cx_bench.med(:'cx_pb_section', 'periods') AS periods) AS r
WHERE (m.section = :'cx_pb_section' AND m.key IN ('count_star', 'periods')) OR m.section = 'playbook'
ORDER BY m.section = 'playbook', m.ord;
SELECT '   median ms, min..max: ' || cx_bench.clock(:'cx_pb_section') || ' time for cx_metrics and count(*), '
	   || cx_bench.clock('playbook') || ' time for the mrr-playbook SQL (bench/lib.sql picks it)' AS cx_line \gset
\echo :cx_line

\if :cx_have_revenue
\echo
SELECT '== serial: revenue_agg over grids of 12 to ' || :cx_days || ' periods (the same '
	   || to_char(:customers, 'FM999,999,999') || ' timelines, stored) ==' AS cx_line \gset
\echo :cx_line
SELECT cx_bench.run_section('grids', :reps) \g /dev/null
SELECT CASE WHEN m.key = 'count_tl' THEN m.label ELSE 'revenue_agg(mrr, ...), ' || m.label END AS query,
	   m.runs AS runs,
	   cx_bench.ms(m.med) AS "median ms",
	   cx_bench.ms(m.lo) || '..' || cx_bench.ms(m.hi) AS "min..max",
	   to_char(cx_bench.ratio('grids', m.key, 'count_tl'), 'FM999990.00') AS "x count(mrr)",
	   to_char(cx_bench.ratio('grids', m.key, 'g60'), 'FM999990.00') AS "x 60 months",
	   CASE m.key WHEN 'g12' THEN 12 WHEN 'g60' THEN 60 WHEN 'g240' THEN 240 WHEN 'gday' THEN :cx_days END AS periods,
	   CASE m.key WHEN 'count_tl' THEN NULL
		   ELSE pg_column_size((SELECT revenue_agg(mrr, :'cx_origin'::date,
												   CASE m.key WHEN 'gday' THEN interval '1 day' ELSE interval '1 month' END,
												   CASE m.key WHEN 'g12' THEN 12 WHEN 'g60' THEN 60 WHEN 'g240' THEN 240 ELSE :cx_days END)
								FROM cx_bench.revenue_timelines)) END AS "summary bytes"
FROM cx_bench.medians m
WHERE m.section = 'grids'
ORDER BY m.ord;
SELECT cx_bench.clock_note('grids') AS cx_line \gset
\echo :cx_line

--------------------------------------------------------------------------
-- State size and memory
--------------------------------------------------------------------------
\echo
\echo '== state size and memory =='
SELECT pg_column_size(revenue_agg(mrr, :'cx_origin'::date, interval '1 month', :cx_months)) AS cx_state,
	   pg_column_size(revenue_agg(mrr, :'cx_origin'::date, interval '1 month', :cx_months, :cx_months - 1)) AS cx_state_cohort,
	   round(avg(pg_column_size(mrr)), 1) AS cx_tl_avg, max(pg_column_size(mrr)) AS cx_tl_max
FROM cx_bench.revenue_timelines \gset
-- Memory: HashAggregate peaks (EXPLAIN ANALYZE's "Peak Memory Usage").
-- The first step, one group per customer, against count(*) per customer;
-- the second, 100 groups of customers, against count(*) per group: the
-- summary's memory is bounded by the grid, not by the customers.
SET enable_sort = off;
INSERT INTO cx_bench.memory
SELECT q.ord, q.key, q.label, h.*
FROM (VALUES
	(1, 'count_star_c', 'count(*)',
	 'SELECT customer_id, count(*) FROM cx_bench.revenue_subs GROUP BY customer_id'),
	(2, 'mrr_c', 'mrr_agg(during, amount)',
	 'SELECT customer_id, mrr_agg(during, amount) FROM cx_bench.revenue_subs GROUP BY customer_id'),
	(3, 'count_star_g', 'count(*)',
	 'SELECT customer_id % 100, count(*) FROM cx_bench.revenue_timelines GROUP BY 1'),
	(4, 'g60', 'revenue_agg(mrr, ...), ' || :cx_months || ' months',
	 format('SELECT customer_id %% 100, revenue_agg(mrr, %L::date, interval %L, %s) FROM cx_bench.revenue_timelines GROUP BY 1',
			:'cx_origin', '1 month', :cx_months)),
	(5, 'cohort', 'revenue_agg(mrr, ..., max_offset ' || :cx_months - 1 || '), ' || :cx_months || ' months',
	 format('SELECT customer_id %% 100, revenue_agg(mrr, %L::date, interval %L, %s, %s) FROM cx_bench.revenue_timelines GROUP BY 1',
			:'cx_origin', '1 month', :cx_months, :cx_months - 1)),
	(6, 'gday', 'revenue_agg(mrr, ...), ' || :cx_days || ' days',
	 format('SELECT customer_id %% 100, revenue_agg(mrr, %L::date, interval %L, %s) FROM cx_bench.revenue_timelines GROUP BY 1',
			:'cx_origin', '1 day', :cx_days))
) AS q(ord, key, label, sql), cx_bench.hashagg(q.sql) AS h;
RESET enable_sort;
SELECT item, value FROM (
	SELECT 1 AS ord, 'one summary, ' || :cx_months || ' months' AS item, :cx_state || ' bytes' AS value
	UNION ALL SELECT 2, 'one summary with the cohort matrix (max_offset ' || :cx_months - 1 || ')', :cx_state_cohort || ' bytes'
	UNION ALL SELECT 3, 'one mrr_timeline (stored)', :cx_tl_avg || ' bytes on average, ' || :cx_tl_max || ' at most'
	UNION ALL SELECT 3 + m.ord, 'HashAggregate, ' || to_char(m.groups, 'FM999,999,999')
		   || CASE WHEN m.ord <= 2 THEN ' groups (one per customer, the subscriptions): ' ELSE ' groups of customers (the timelines): ' END
		   || m.label,
		   m.peak_kb || ' kB peak' || CASE WHEN m.key LIKE 'count_star%' THEN ''
			   ELSE ', ' || round((m.peak_kb - b.peak_kb) * 1024.0 / m.groups) || ' bytes per group more than count(*)' END
		   || CASE WHEN m.disk_kb > 0 THEN ', SPILLED ' || m.disk_kb || ' kB' ELSE '' END
	FROM cx_bench.memory m
	JOIN cx_bench.memory b ON b.key = CASE WHEN m.ord <= 2 THEN 'count_star_c' ELSE 'count_star_g' END) AS z
ORDER BY ord;
\endif

--------------------------------------------------------------------------
-- Summary
--------------------------------------------------------------------------
-- The grids target: what a user runs, the two steps from the subscription
-- rows, over a daily grid (30 x the periods) against the monthly one.  The
-- issue asks for a cost "independent of the number of periods"; 1.25 is
-- this benchmark's reading of that.  The four grids over stored timelines
-- (no grouping) are for information: per customer the work is the same on
-- every grid (a lookup and a few increments per step), but a daily grid's
-- counters (205 kB) no longer sit in the processor's cache, and a 12-month
-- grid sees fewer of the steps.
DROP TABLE IF EXISTS cx_bench.revenue_targets;
CREATE TABLE cx_bench.revenue_targets AS
SELECT ord, target, measured, goal, kind,
	   CASE WHEN measured IS NULL THEN 'n/a'
			WHEN (kind = 'max' AND measured <= goal) OR (kind = 'min' AND measured >= goal) THEN 'PASS'
			ELSE 'MISS' END AS result
FROM (VALUES
	(1, 'mrr-playbook SQL / revenue_periods(revenue_agg(mrr_agg)), serial (speed-up), '
		|| to_char(:playbook_customers, 'FM999,999,999') || ' customers',
	 cx_bench.med('playbook', 'playbook') / nullif(cx_bench.med(:'cx_pb_section', 'periods'), 0), 50.0, 'min'),
	(2, 'the two steps, ' || :cx_days || ' days / ' || :cx_months || ' months',
	 cx_bench.ratio('revenue', 'summary_day', 'summary'), 1.25, 'max')
) AS t(ord, target, measured, goal, kind);

\echo
\echo '== summary: targets (ratios of medians, all measured in this run) =='
SELECT target, to_char(measured, 'FM9999990.00') AS measured,
	   CASE kind WHEN 'max' THEN '<= ' ELSE '>= ' END || to_char(goal, 'FM990.00') AS target, result
FROM cx_bench.revenue_targets ORDER BY ord;
\if :cx_have_revenue
\else
\echo '   n/a: this cx_metrics has no revenue functions'
\endif
\echo
SELECT 'revenue_periods(revenue_agg(mrr_agg)) / count(*)' AS "for information",
	   to_char(cx_bench.ratio('revenue', 'periods', 'count_star'), 'FM99990.00') AS measured
UNION ALL
SELECT 'revenue_periods(revenue_agg(mrr_agg)) / count(*) grouped',
	   to_char(cx_bench.ratio('revenue', 'periods', 'count_grouped'), 'FM99990.00')
UNION ALL
SELECT 'the first step alone (mrr_agg per customer) / revenue_periods(revenue_agg(mrr_agg))',
	   to_char(cx_bench.ratio('revenue', 'mrr', 'periods'), 'FM99990.00')
UNION ALL
SELECT 'revenue_periods(...) / the summary alone (the reader on top)',
	   to_char(cx_bench.ratio('revenue', 'periods', 'summary'), 'FM99990.00')
UNION ALL
SELECT 'revenue_cohort_retention(..., max_offset) / revenue_periods(...)',
	   to_char(cx_bench.ratio('revenue', 'cohort', 'periods'), 'FM99990.00')
UNION ALL
SELECT 'slowest / fastest revenue_agg over the stored timelines, 12, 60, 240 months and ' || :cx_days || ' days',
	   to_char((SELECT max(med) / nullif(min(med), 0) FROM cx_bench.medians
				WHERE section = 'grids' AND key IN ('g12', 'g60', 'g240', 'gday') HAVING count(*) = 4), 'FM99990.00')
UNION ALL
SELECT 'revenue_agg over the stored timelines, ' || :cx_months || ' months / count(mrr)',
	   to_char(cx_bench.ratio('grids', 'g60', 'count_tl'), 'FM99990.00')
UNION ALL
SELECT 'mrr-playbook SQL / count(*), ' || to_char(:playbook_customers, 'FM999,999,999') || ' customers',
	   to_char(cx_bench.med('playbook', 'playbook') / nullif(cx_bench.med(:'cx_pb_section', 'count_star'), 0), 'FM9999990.0')
UNION ALL
SELECT 'mrr-playbook SQL at ' || to_char(:customers, 'FM999,999,999') || ' customers, extrapolated linearly (NOT measured)',
	   to_char(cx_bench.med('playbook', 'playbook') * :customers / :playbook_customers / 1000, 'FM9999990.0') || ' s'
WHERE :cx_pb_subset;
