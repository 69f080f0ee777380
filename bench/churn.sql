/*
 * bench/churn.sql: the churn benchmark's measurements and report.  Needs
 * bench/churn_setup.sql and bench/lib.sql first, in the same session.
 *
 * psql variables: customers, months, reps, hand_reps.
 *
 * Three ways to the same monthly report over cx_bench.churn_customers:
 *   count(*)           the scan alone, the floor of any query of the table;
 *   churn_agg()        one pass, then churn_periods() (and, with cohort
 *                      counters, churn_cohort_retention());
 *   hand-written SQL   the usual way: every customer joined with every
 *                      period start (generate_series), containment tested
 *                      with @>, counted with count(*) FILTER.
 * Serial plans, timed the way bench/lib.sql times queries (the backend's
 * CPU time where it can be read and a section's queries are long enough for
 * its resolution, wall time otherwise); each query runs to completion, its
 * rows discarded.
 */
\set ON_ERROR_STOP 1
\pset footer off
\pset null '-'
-- serial plans, no JIT, and room for the memory section's hash tables
SELECT set_config(name, value, false)
FROM (VALUES ('client_min_messages', 'warning'), ('jit', 'off'), ('work_mem', '512MB'),
			 ('max_parallel_workers_per_gather', '0')) AS s(name, value) \g /dev/null

SELECT to_char(date '2020-01-01', 'YYYY-MM-DD') AS cx_origin \gset

-- The report queries, as text: churn_periods() over churn_agg(), and the
-- hand-written equivalent of its main columns.
SELECT format($q$SELECT * FROM churn_periods((SELECT churn_agg(activity, date %L, interval '1 month', %s) FROM cx_bench.churn_customers))$q$,
			  :'cx_origin', :months) AS cx_churn_q,
	   format($q$SELECT * FROM churn_cohort_retention((SELECT churn_agg(activity, date %L, interval '1 month', %s, %s) FROM cx_bench.churn_customers))$q$,
			  :'cx_origin', :months, :months - 1) AS cx_cohort_q,
	   format($q$SELECT t AS period_start,
	   count(*) FILTER (WHERE s) AS customers_at_start,
	   count(*) FILTER (WHERE f >= t AND f < u) AS new_customers,
	   count(*) FILTER (WHERE NOT s AND (f < t OR f_inf) AND touches) AS reactivated,
	   count(*) FILTER (WHERE s AND NOT e) AS churned,
	   count(*) FILTER (WHERE e) AS customers_at_end
FROM (SELECT p.t, p.u,
			 c.activity @> p.t AND c.activity @> p.t - 1 AS s,
			 c.activity @> p.u AND c.activity @> p.u - 1 AS e,
			 lower(c.activity) AS f, lower_inf(c.activity) AS f_inf,
			 c.activity && daterange(p.t, p.u) AS touches
	  FROM (SELECT (date %L + k * interval '1 month')::date AS t,
				   (date %L + (k + 1) * interval '1 month')::date AS u
			FROM generate_series(0, %s) k) p
	  CROSS JOIN cx_bench.churn_customers c) x
GROUP BY t$q$, :'cx_origin', :'cx_origin', :months - 1) AS cx_hand_q \gset

\echo
\echo '== cx_metrics churn benchmark =='
\pset tuples_only on
SELECT 'PostgreSQL' AS item, current_setting('server_version') AS value
UNION ALL SELECT 'cx_metrics', (SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics')
UNION ALL SELECT 'customers', to_char(count(*), 'FM999,999,999') || ' rows (one per customer, activity datemultirange), '
	|| pg_size_pretty(pg_relation_size('cx_bench.churn_customers')) || '; ranges per customer after range_agg: '
	|| (SELECT string_agg(n || ': ' || round(100.0 * c / total) || '%', ', ' ORDER BY n)
		FROM (SELECT n, count(*) AS c, sum(count(*)) OVER () AS total
			  FROM (SELECT (SELECT count(*) FROM unnest(activity)) AS n FROM cx_bench.churn_customers) r
			  GROUP BY n) s)
	FROM cx_bench.churn_customers
UNION ALL SELECT 'grid', :'cx_origin' || ' + k months, ' || :months || ' periods'
UNION ALL SELECT 'settings', 'shared_buffers ' || current_setting('shared_buffers') || ', work_mem '
	|| current_setting('work_mem') || ', jit ' || current_setting('jit') || ', serial plans'
UNION ALL SELECT 'timing', CASE WHEN cx_bench.have_cpu_clock()
	THEN 'CPU time of the backend (/proc/self/schedstat) around EXECUTE in PL/pgSQL'
	ELSE 'wall time around EXECUTE in PL/pgSQL (no CPU time: /proc/self/schedstat cannot be read)' END
UNION ALL SELECT 'runs', 'median of ' || :reps || ' runs after 1 warm-up run (hand-written SQL: '
	|| :hand_reps || '), queries interleaved round-robin';
\pset tuples_only off

-- The three ways agree: churn_periods() and the hand-written SQL give the
-- same counts (a check, not timed).
SELECT CASE WHEN count(*) = :months AND bool_and(h.customers_at_start = c.customers_at_start
			AND h.new_customers = c.new_customers AND h.reactivated = c.reactivated
			AND h.churned = c.churned AND h.customers_at_end = c.customers_at_end)
			THEN 'the hand-written SQL and churn_periods() agree on every period'
			ELSE 'WARNING: the hand-written SQL and churn_periods() DISAGREE' END AS cx_line
FROM (:cx_hand_q) h JOIN (:cx_churn_q) c USING (period_start) \gset
\echo '  ' :cx_line

--------------------------------------------------------------------------
-- Timings
--------------------------------------------------------------------------
INSERT INTO cx_bench.query VALUES
	('churn', 1, 'count_star', 'count(*)', 'SELECT count(*) FROM cx_bench.churn_customers'),
	('churn', 2, 'count_activity', 'count(activity)', 'SELECT count(activity) FROM cx_bench.churn_customers'),
	('churn', 3, 'churn', 'churn_periods(churn_agg(...))', 'SELECT count(*) FROM (' || :'cx_churn_q' || ') q'),
	('churn', 4, 'cohort', 'churn_cohort_retention(churn_agg(..., max_offset))', 'SELECT count(*) FROM (' || :'cx_cohort_q' || ') q'),
	('hand', 1, 'hand', 'hand-written SQL (generate_series x customers, @>)', 'SELECT count(*) FROM (' || :'cx_hand_q' || ') q');

\echo
\echo '== serial: the scan, one pass, and the hand-written SQL =='
SELECT cx_bench.run_section('churn', :reps) \g /dev/null
SELECT cx_bench.run_section('hand', :hand_reps) \g /dev/null
SELECT m.label AS query, m.runs AS runs,
	   cx_bench.ms(m.med) AS "median ms",
	   cx_bench.ms(m.lo) || '..' || cx_bench.ms(m.hi) AS "min..max",
	   to_char(m.med / r.count_star, 'FM99990.00') AS "x count(*)",
	   to_char(m.med / r.churn, 'FM99990.00') AS "x churn_periods(churn_agg)"
FROM cx_bench.medians m,
	 LATERAL (SELECT cx_bench.med('churn', 'count_star') AS count_star, cx_bench.med('churn', 'churn') AS churn) r
WHERE m.section IN ('churn', 'hand')
ORDER BY m.section, m.ord;
SELECT '   median ms, min..max: ' || cx_bench.clock('churn') || ' time for the first four (bench/lib.sql picks it), '
	   || cx_bench.clock('hand') || ' time for the hand-written SQL' AS cx_line \gset
\echo :cx_line

--------------------------------------------------------------------------
-- State size and memory
--------------------------------------------------------------------------
\echo
\echo '== state size and memory =='
SELECT pg_column_size(churn_agg(activity, :'cx_origin'::date, interval '1 month', :months)) AS cx_state,
	   pg_column_size(churn_agg(activity, :'cx_origin'::date, interval '1 month', :months, :months - 1)) AS cx_state_cohort
FROM cx_bench.churn_customers \gset
-- Memory: a HashAggregate of the table in 100 segments (EXPLAIN ANALYZE's
-- "Peak Memory Usage"), one summary per group, against the same grouping
-- with count(*).
SET enable_sort = off;
INSERT INTO cx_bench.memory
SELECT q.ord, q.key, q.label, h.*
FROM (VALUES
	(1, 'count_star', 'count(*)', 'SELECT customer_id % 100, count(*) FROM cx_bench.churn_customers GROUP BY 1'),
	(2, 'churn', 'churn_agg(...)',
	 format('SELECT customer_id %% 100, churn_agg(activity, %L::date, interval %L, %s) FROM cx_bench.churn_customers GROUP BY 1',
			:'cx_origin', '1 month', :months)),
	(3, 'cohort', 'churn_agg(..., max_offset)',
	 format('SELECT customer_id %% 100, churn_agg(activity, %L::date, interval %L, %s, %s) FROM cx_bench.churn_customers GROUP BY 1',
			:'cx_origin', '1 month', :months, :months - 1))
) AS q(ord, key, label, sql), cx_bench.hashagg(q.sql) AS h;
RESET enable_sort;
SELECT item, value FROM (
	SELECT 1 AS ord, 'one summary, ' || :months || ' periods' AS item, :cx_state || ' bytes' AS value
	UNION ALL SELECT 2, 'one summary with the cohort matrix (max_offset ' || :months - 1 || ')', :cx_state_cohort || ' bytes'
	UNION ALL SELECT 2 + ord, 'HashAggregate, 100 groups: ' || label,
		   peak_kb || ' kB peak, ' || round((peak_kb - (SELECT peak_kb FROM cx_bench.memory WHERE key = 'count_star')) * 1024.0 / groups)
		   || ' bytes per group more than count(*)' || CASE WHEN disk_kb > 0 THEN ', SPILLED ' || disk_kb || ' kB' ELSE '' END
	FROM cx_bench.memory) AS m
ORDER BY ord;

--------------------------------------------------------------------------
-- Summary
--------------------------------------------------------------------------
DROP TABLE IF EXISTS cx_bench.churn_summary;
CREATE TABLE cx_bench.churn_summary AS
SELECT ord, target, measured, goal,
	   CASE WHEN measured IS NULL THEN 'n/a'
			WHEN (kind = 'max' AND measured <= goal) OR (kind = 'min' AND measured >= goal) THEN 'PASS'
			ELSE 'MISS' END AS result
FROM (VALUES
	(1, 'churn_periods(churn_agg) / count(*), serial', cx_bench.ratio('churn', 'churn', 'count_star'), 2.0, 'max'),
	(2, 'hand-written SQL / churn_periods(churn_agg), serial (speed-up)',
	 cx_bench.med('hand', 'hand') / nullif(cx_bench.med('churn', 'churn'), 0), 20.0, 'min')
) AS t(ord, target, measured, goal, kind);

\echo
\echo '== summary: targets (ratios of medians, all measured in this run) =='
SELECT target, to_char(measured, 'FM99990.00') AS measured,
	   CASE WHEN ord = 1 THEN '<= ' ELSE '>= ' END || to_char(goal, 'FM990.0') AS target, result
FROM cx_bench.churn_summary ORDER BY ord;
\echo
SELECT 'count(activity) / count(*): reading the column' AS "for information",
	   to_char(cx_bench.ratio('churn', 'count_activity', 'count_star'), 'FM990.00') AS measured
UNION ALL
SELECT 'churn_periods(churn_agg) / count(activity)', to_char(cx_bench.ratio('churn', 'churn', 'count_activity'), 'FM990.00')
UNION ALL
SELECT 'churn_cohort_retention(churn_agg(..., max_offset)) / count(*)', to_char(cx_bench.ratio('churn', 'cohort', 'count_star'), 'FM990.00')
UNION ALL
SELECT 'hand-written SQL / count(*)', to_char(cx_bench.med('hand', 'hand') / cx_bench.med('churn', 'count_star'), 'FM99990.0');
