/*
 * bench/citus.sql: the Citus benchmark's measurements and report.  Needs
 * bench/citus_setup.sql before, and bench/lib.sql first in the same session,
 * on the coordinator.  psql variables: rows, reps.
 *
 * Section "parallel" (bench/lib.sql times it by wall time, since the work is
 * done by the workers' backends, not this one): each aggregate over the
 * distributed table (d_) and over the plain table on the coordinator (l_).
 * Section "worker" (the backend's CPU time where lib.sql can use it): on the
 * plain tables, count(col), the aggregate, and worker_partial_agg() of it,
 * which is what every worker runs on its shards.  Every query returns one
 * value as text (a summary's text form is also what a worker sends).
 */
\set ON_ERROR_STOP 1
\pset footer off
\pset null '-'
SET client_min_messages = warning;
SET jit = off;
SET max_parallel_workers_per_gather = 0;

-- The lines of EXPLAIN (VERBOSE, COSTS OFF) of q.
CREATE OR REPLACE FUNCTION cx_bench.explain_verbose(q text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q;
END
$$;

-- The one value q returns, as text.
CREATE OR REPLACE FUNCTION cx_bench.result_of(q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	r text;
BEGIN
	EXECUTE q INTO r;
	RETURN r;
END
$$;

-- The aggregates, as "key, label, regprocedure, call, column": the call's
-- ARGS is the column (one argument) or the ROW(...) Citus builds for more.
CREATE TEMP TABLE agg (ord int, key text, label text, tab text, proc text, col text, args text, call text);
INSERT INTO agg VALUES
	(1, 'nps', 'nps_agg(score)', 'survey', 'nps_agg(smallint)', 'score', 'score', 'nps_agg(score)'),
	(2, 'csat', 'csat_agg(csat)', 'survey', 'csat_agg(smallint)', 'csat', 'csat', 'csat_agg(csat)'),
	(3, 'churn', 'churn_agg(activity, 60 months)', 'cust', 'churn_agg(datemultirange,date,interval,integer)',
	 'activity', $$ROW(activity, date '2020-01-01', interval '1 month', 60)$$,
	 $$churn_agg(activity, date '2020-01-01', interval '1 month', 60)$$),
	(4, 'revenue', 'revenue_agg(timeline, 60 months)', 'cust', 'revenue_agg(mrr_timeline,date,interval,integer)',
	 'timeline', $$ROW(timeline, date '2020-01-01', interval '1 month', 60)$$,
	 $$revenue_agg(timeline, date '2020-01-01', interval '1 month', 60)$$);

\echo
\echo '== cx_metrics on Citus: partial aggregation on the workers =='
\pset tuples_only on
SELECT 'PostgreSQL' AS item, current_setting('server_version') AS value
UNION ALL SELECT 'Citus', (SELECT extversion FROM pg_extension WHERE extname = 'citus')
UNION ALL SELECT 'cx_metrics', (SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics')
UNION ALL SELECT 'cluster', 'a coordinator and ' || (SELECT count(*) FROM pg_dist_node WHERE groupid > 0)
	|| ' workers on this machine (' || (SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'cx_bench.d_survey'::regclass)
	|| ' shards a table, serial plans on every node)'
UNION ALL SELECT 'survey', to_char(count(*), 'FM999,999,999') || ' responses (score, csat smallint), '
	|| pg_size_pretty(pg_relation_size('cx_bench.l_survey')) FROM cx_bench.l_survey
UNION ALL SELECT 'customers', to_char(count(*), 'FM999,999,999') || ' rows, one per customer (activity datemultirange, timeline mrr_timeline), '
	|| pg_size_pretty(pg_total_relation_size('cx_bench.l_cust')) FROM cx_bench.l_cust
UNION ALL SELECT 'runs', 'median of ' || :reps || ' runs after 1 warm-up run, queries interleaved round-robin';
\pset tuples_only off

-- The queries: distributed and local (section parallel), and on the local
-- table count(col), the aggregate and worker_partial_agg (section worker).
INSERT INTO cx_bench.query
SELECT 'parallel', 10 * ord + v.o, v.k || key, v.l || label, format(v.f, call, tab)
FROM agg, (VALUES (1, 'd_', 'distributed ', 'SELECT %s::text FROM cx_bench.d_%s'),
				  (2, 'l_', 'local ', 'SELECT %s::text FROM cx_bench.l_%s')) v(o, k, l, f)
UNION ALL
SELECT 'parallel', 10 * ord + v.o, v.k || 'count_' || key, v.l || 'count(' || col || ')', format(v.f, col, tab)
FROM agg, (VALUES (3, 'd_', 'distributed ', 'SELECT count(%s)::text FROM cx_bench.d_%s'),
				  (4, 'l_', 'local ', 'SELECT count(%s)::text FROM cx_bench.l_%s')) v(o, k, l, f)
UNION ALL
SELECT 'worker', 10 * ord + 1, 'count_' || key, 'count(' || col || ')', format('SELECT count(%s)::text FROM cx_bench.l_%s', col, tab)
FROM agg
UNION ALL
SELECT 'worker', 10 * ord + 2, key, label, format('SELECT %s::text FROM cx_bench.l_%s', call, tab)
FROM agg
UNION ALL
SELECT 'worker', 10 * ord + 3, 'wpa_' || key, 'worker_partial_agg(''' || proc || ''', ...)',
	   format('SELECT worker_partial_agg(%L::regprocedure, %s)::text FROM cx_bench.l_%s', proc, args, tab)
FROM agg;

-- Checks (not timed): the distributed queries are partial on the workers,
-- and give what the local ones give; worker_partial_agg gives the aggregate.
\echo
\echo '== checks =='
SELECT a.label AS aggregate,
	   CASE WHEN p.plan ~ 'Query: [^\n]*worker_partial_agg\(' AND p.plan ~ 'coord_combine_agg\('
			THEN 'yes' ELSE 'NO' END AS "partial on the workers",
	   CASE WHEN d.r = l.r THEN 'yes' ELSE 'NO' END AS "distributed = local",
	   CASE WHEN w.r = l.r THEN 'yes' ELSE 'NO' END AS "worker_partial_agg = aggregate"
FROM agg a,
	 LATERAL (SELECT string_agg(e, E'\n') AS plan
			  FROM cx_bench.explain_verbose((SELECT sql FROM cx_bench.query WHERE section = 'parallel' AND key = 'd_' || a.key)) e) p,
	 LATERAL cx_bench.result_of((SELECT sql FROM cx_bench.query WHERE section = 'parallel' AND key = 'd_' || a.key)) d(r),
	 LATERAL cx_bench.result_of((SELECT sql FROM cx_bench.query WHERE section = 'parallel' AND key = 'l_' || a.key)) l(r),
	 LATERAL cx_bench.result_of((SELECT sql FROM cx_bench.query WHERE section = 'worker' AND key = 'wpa_' || a.key)) w(r)
ORDER BY a.ord;

SELECT cx_bench.run_section('parallel', :reps) \g /dev/null
SELECT cx_bench.run_section('worker', :reps) \g /dev/null

\echo
\echo '== distributed (partial on 2 workers) against the same query on one node =='
SELECT a.label AS aggregate,
	   cx_bench.ms(cx_bench.med('parallel', 'd_' || a.key)) AS "distributed ms",
	   cx_bench.ms(cx_bench.med('parallel', 'l_' || a.key)) AS "local ms",
	   cx_bench.x('parallel', 'd_' || a.key, 'l_' || a.key) AS "distributed / local",
	   cx_bench.x('parallel', 'd_count_' || a.key, 'l_count_' || a.key) AS "same for count(col)",
	   cx_bench.x('parallel', 'd_' || a.key, 'd_count_' || a.key) AS "distributed / its count(col)"
FROM agg a ORDER BY a.ord;
\echo '   median ms: wall time'

\echo
\echo '== worker side: worker_partial_agg() over a plain table, against the aggregate =='
SELECT a.label AS aggregate,
	   cx_bench.ms(cx_bench.med('worker', 'count_' || a.key)) AS "count(col) ms",
	   cx_bench.ms(cx_bench.med('worker', a.key)) AS "aggregate ms",
	   cx_bench.ms(cx_bench.med('worker', 'wpa_' || a.key)) AS "worker_partial_agg ms",
	   cx_bench.x('worker', 'wpa_' || a.key, a.key) AS "worker_partial_agg / aggregate",
	   cx_bench.x('worker', a.key, 'count_' || a.key) AS "aggregate / count(col)",
	   cx_bench.x('worker', 'wpa_' || a.key, 'count_' || a.key) AS "worker_partial_agg / count(col)",
	   to_char((cx_bench.med('worker', 'wpa_' || a.key) - cx_bench.med('worker', a.key)) * 1e6 / :rows,
			   'FM99990.0') AS "extra ns a row"
FROM agg a ORDER BY a.ord;
SELECT '   median ms: ' || cx_bench.clock('worker') || ' time (bench/lib.sql picks it); extra ns a row: (worker_partial_agg - aggregate) / rows' AS cx_line \gset
\echo :cx_line
