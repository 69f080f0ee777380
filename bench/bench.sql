/*
 * bench/bench.sql: the measurements and the report of bench/run.
 * Needs bench/setup.sql and bench/lib.sql first, in the same session.
 *
 * psql variables: rows, groups, window_rows, reps, group_reps.
 *
 * Every table shows each query's median time and its ratio to reference
 * queries of the same section, measured in this run.  Serial sections are
 * timed by the backend's CPU time when it can be read, the parallel one by
 * wall time (see bench/lib.sql); the "median wall ms" column is there to
 * compare.
 */
\set ON_ERROR_STOP 1
\pset footer off
\pset null '-'
SET client_min_messages = warning;

-- Session settings shared by every section.  work_mem (times hash_mem_multiplier)
-- must hold the 1M-group hash tables, and the windows' partitions, in memory.
SET jit = off;
SET work_mem = '512MB';
SET hash_mem_multiplier = 2.0;
SET max_parallel_workers_per_gather = 0;

--------------------------------------------------------------------------
-- Environment, and the cache: load the tables into shared_buffers when they
-- fit (pg_prewarm), since a sequential scan of a table bigger than a quarter
-- of shared_buffers otherwise reads it through a small ring of buffers, and
-- so from the OS page cache, every time.
--------------------------------------------------------------------------
SELECT pg_total_relation_size('cx_bench.survey')
		 + pg_total_relation_size('cx_bench.daily')
		 + pg_total_relation_size('cx_bench.survey_window')
		 + pg_total_relation_size('cx_bench.survey_float') AS cx_data_bytes,
	   pg_size_bytes(current_setting('shared_buffers')) AS cx_sb_bytes,
	   EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pg_prewarm') AS cx_have_prewarm
\gset
SELECT :'cx_have_prewarm'::boolean AND :cx_data_bytes < 0.8 * :cx_sb_bytes
	   AND (EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_prewarm')
			OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)) AS cx_prewarm \gset
\if :cx_prewarm
CREATE EXTENSION IF NOT EXISTS pg_prewarm SCHEMA cx_bench;
SELECT extnamespace::regnamespace AS cx_prewarm_schema FROM pg_extension WHERE extname = 'pg_prewarm' \gset
SELECT :cx_prewarm_schema.pg_prewarm(c) FROM unnest(ARRAY[
	'cx_bench.survey', 'cx_bench.daily', 'cx_bench.daily_touchpoint_day',
	'cx_bench.survey_window', 'cx_bench.survey_window_ts', 'cx_bench.survey_float']::regclass[]) AS c \g /dev/null
\set cx_cache 'all tables loaded into shared_buffers (pg_prewarm)'
\else
SELECT 'NOT in shared_buffers (' || pg_size_pretty(:cx_data_bytes::bigint) || ' of data, shared_buffers '
	|| current_setting('shared_buffers') || CASE WHEN :'cx_have_prewarm' THEN '' ELSE ', no pg_prewarm' END
	|| CASE WHEN :cx_data_bytes < 0.8 * :cx_sb_bytes THEN ', or no right to CREATE EXTENSION pg_prewarm' ELSE '' END
	|| '): every scan reads through the OS page cache, which adds the same cost to every scan and pulls scan ratios toward 1'
	AS cx_cache \gset
\endif

\echo
\echo '== cx_metrics benchmark =='
\pset tuples_only on
SELECT 'PostgreSQL' AS item, current_setting('server_version') AS value
UNION ALL SELECT 'cx_metrics', (SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics')
UNION ALL SELECT 'survey table', to_char(:rows, 'FM999,999,999,999') || ' rows, '
	|| pg_size_pretty(pg_relation_size('cx_bench.survey'))
	|| ', ' || round(100.0 * (SELECT count(*) FROM cx_bench.survey WHERE score IS NULL) / :rows, 1) || '% NULL scores, '
	|| 'NPS ' || round(nps(nps_agg(score))::numeric, 2) FROM cx_bench.survey
UNION ALL SELECT 'daily summaries', to_char(count(*), 'FM999,999,999') || ' rows ('
	|| count(DISTINCT touchpoint) || ' touchpoints, ' || count(DISTINCT day) || ' days)'
	FROM cx_bench.daily
UNION ALL SELECT 'window table', to_char(count(*), 'FM999,999,999') || ' rows over '
	|| (max(ts)::date - min(ts)::date + 1) || ' days' FROM cx_bench.survey_window
UNION ALL SELECT 'settings', 'shared_buffers ' || current_setting('shared_buffers')
	|| ', work_mem ' || current_setting('work_mem')
	|| ', hash_mem_multiplier ' || current_setting('hash_mem_multiplier')
	|| ', jit ' || current_setting('jit')
	|| ', max_parallel_workers ' || current_setting('max_parallel_workers')
	|| ', track_io_timing ' || current_setting('track_io_timing')
UNION ALL SELECT 'cache', :'cx_cache'
UNION ALL SELECT 'timing', CASE WHEN cx_bench.have_cpu_clock()
	THEN 'serial queries: CPU time of the backend (/proc/self/schedstat), not inflated by waiting for a CPU; '
		 || 'parallel queries: wall time; both read around EXECUTE in PL/pgSQL, without EXPLAIN instrumentation'
	ELSE 'wall time around EXECUTE in PL/pgSQL, without EXPLAIN instrumentation '
		 || '(no CPU time: /proc/self/schedstat cannot be read)' END
UNION ALL SELECT 'runs', 'median of ' || :reps || ' runs after 1 warm-up run (section 3: ' || :group_reps
	|| '), queries interleaved round-robin; ratios are ratios of medians';
\pset tuples_only off

--------------------------------------------------------------------------
-- 1. One aggregate over the whole table, serial and with 2 workers
--------------------------------------------------------------------------
INSERT INTO cx_bench.query
SELECT s.section, q.ord, q.key, q.label, q.sql
FROM (VALUES ('serial'), ('parallel')) AS s(section),
	 (VALUES
	  (1, 'count_star', 'count(*)', $q$SELECT count(*) FROM cx_bench.survey$q$),
	  (2, 'count_score', 'count(score)', $q$SELECT count(score) FROM cx_bench.survey$q$),
	  (3, 'avg', 'avg(score)', $q$SELECT avg(score) FROM cx_bench.survey$q$),
	  (4, 'hand', 'hand-written NPS (3 aggregates)',
	   $q$SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score) FROM cx_bench.survey$q$),
	  (5, 'nps', 'nps(score)', $q$SELECT nps(score) FROM cx_bench.survey$q$),
	  (6, 'nps_agg', 'nps_agg(score)', $q$SELECT nps_agg(score) FROM cx_bench.survey$q$)
	 ) AS q(ord, key, label, sql);

\echo
\echo '== 1a. whole-table aggregates, serial (max_parallel_workers_per_gather = 0) =='
\echo '   hand-written NPS = 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score)'
SET max_parallel_workers_per_gather = 0;
SELECT cx_bench.run_section('serial', :reps) \g /dev/null
SELECT label AS query,
	   cx_bench.ms(med) AS "median ms",
	   cx_bench.ms(lo) || '..' || cx_bench.ms(hi) AS "min..max",
	   cx_bench.x(section, key, 'count_star') AS "x count(*)",
	   cx_bench.x(section, key, 'count_score') AS "x count(score)",
	   cx_bench.x(section, key, 'hand') AS "x hand-written",
	   cx_bench.ms(med_wall) AS "median wall ms"
FROM cx_bench.medians WHERE section = 'serial' ORDER BY ord;
SELECT cx_bench.clock_note('serial') AS cx_line \gset
\echo :cx_line

\echo
\echo '== 1b. whole-table aggregates, 2 parallel workers =='
\echo '   (max_parallel_workers_per_gather = 2, parallel_setup_cost = parallel_tuple_cost = 0, min_parallel_table_scan_size = 0)'
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
\echo '   plan of nps(score), EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF):'
SELECT string_agg('     ' || l, E'\n') AS cx_plan
FROM cx_bench.explain_text($q$SELECT nps(score) FROM cx_bench.survey$q$, true) AS l \gset
\echo :cx_plan
SELECT CASE WHEN jsonb_path_exists(p, 'strict $.**?(@."Node Type" == "Gather" && @."Workers Launched" == 2)')
			 AND jsonb_path_exists(p, 'strict $.**?(@."Node Type" == "Aggregate" && @."Partial Mode" == "Partial")')
			THEN '   plan check: Gather with 2 workers launched over a Partial Aggregate: ok'
			ELSE '   plan check: WARNING: nps(score) did not run as Gather (2 workers launched) + Partial Aggregate' END AS cx_line
FROM cx_bench.explain_json($q$SELECT nps(score) FROM cx_bench.survey$q$) AS p \gset
\echo :cx_line
SELECT cx_bench.run_section('parallel', :reps) \g /dev/null
SELECT label AS query,
	   cx_bench.ms(med) AS "median ms",
	   cx_bench.ms(lo) || '..' || cx_bench.ms(hi) AS "min..max",
	   cx_bench.x(section, key, 'count_star') AS "x count(*)",
	   cx_bench.x(section, key, 'count_score') AS "x count(score)",
	   cx_bench.x(section, key, 'hand') AS "x hand-written",
	   to_char((SELECT med_wall FROM cx_bench.medians s WHERE s.section = 'serial' AND s.key = m.key) / med,
			   'FM990.00') AS "speed-up vs serial wall"
FROM cx_bench.medians m WHERE section = 'parallel' ORDER BY ord;
SELECT cx_bench.clock_note('parallel') AS cx_line \gset
\echo :cx_line

RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET max_parallel_workers_per_gather = 0;

--------------------------------------------------------------------------
-- 1c. CSAT and CES: the same aggregate core on other scales, against
-- count(col) of the same column and the SQL people write by hand
--------------------------------------------------------------------------
INSERT INTO cx_bench.query VALUES
	('csat', 1, 'count_col', 'count(csat)', $q$SELECT count(csat) FROM cx_bench.survey$q$),
	('csat', 2, 'hand', 'hand-written CSAT % (2 aggregates)',
	 $q$SELECT 100.0 * count(*) FILTER (WHERE csat >= 4) / count(csat) FROM cx_bench.survey$q$),
	('csat', 3, 'one_step', 'csat(csat)', $q$SELECT csat(csat) FROM cx_bench.survey$q$),
	('csat', 4, 'agg', 'csat_agg(csat)', $q$SELECT csat_agg(csat) FROM cx_bench.survey$q$),
	('csat', 5, 'agg_scaled', 'csat_agg(csat, 5)', $q$SELECT csat_agg(csat, 5) FROM cx_bench.survey$q$),
	('ces', 1, 'count_col', 'count(ces)', $q$SELECT count(ces) FROM cx_bench.survey$q$),
	('ces', 2, 'avg', 'avg(ces)', $q$SELECT avg(ces) FROM cx_bench.survey$q$),
	('ces', 3, 'hand', 'hand-written CES report (mean, easy, difficult, n: 4 aggregates)',
	 $q$SELECT avg(ces), count(*) FILTER (WHERE ces >= 5), count(*) FILTER (WHERE ces <= 3), count(ces) FROM cx_bench.survey$q$),
	('ces', 4, 'one_step', 'ces(ces)', $q$SELECT ces(ces) FROM cx_bench.survey$q$),
	('ces', 5, 'agg', 'ces_agg(ces)', $q$SELECT ces_agg(ces) FROM cx_bench.survey$q$),
	('ces', 6, 'agg_scaled', 'ces_agg(ces, 7, false)', $q$SELECT ces_agg(ces, 7, false) FROM cx_bench.survey$q$);

SET max_parallel_workers_per_gather = 0;
\echo
\echo '== 1c. CSAT (1..5) and CES (1..7), serial =='
\echo '   hand-written CSAT % = 100.0 * count(*) FILTER (WHERE csat >= 4) / count(csat); a ces_agg() summary holds the whole hand-written CES report'
SELECT cx_bench.run_section('csat', :reps) \g /dev/null
SELECT cx_bench.run_section('ces', :reps) \g /dev/null
SELECT label AS query,
	   cx_bench.ms(med) AS "median ms",
	   cx_bench.ms(lo) || '..' || cx_bench.ms(hi) AS "min..max",
	   cx_bench.x(section, key, 'count_col') AS "x count(col)",
	   cx_bench.x(section, key, 'hand') AS "x hand-written",
	   cx_bench.ms(med_wall) AS "median wall ms"
FROM cx_bench.medians WHERE section IN ('csat', 'ces') ORDER BY section DESC, ord;
SELECT cx_bench.clock_note('csat') AS cx_line \gset
\echo :cx_line

--------------------------------------------------------------------------
-- 1d. Float scores (a CSV import's double precision and real columns): the
-- same aggregates over cx_bench.survey_float, the same scores, against
-- count(col) of that column and the hand-written SQL over it
--------------------------------------------------------------------------
INSERT INTO cx_bench.query VALUES
	('float', 1, 'count_col', 'count(score) (double precision)', $q$SELECT count(score) FROM cx_bench.survey_float$q$),
	('float', 2, 'hand', 'hand-written NPS over double precision (3 aggregates)',
	 $q$SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score) FROM cx_bench.survey_float$q$),
	('float', 3, 'one_step', 'nps(score) (double precision)', $q$SELECT nps(score) FROM cx_bench.survey_float$q$),
	('float', 4, 'agg', 'nps_agg(score) (double precision)', $q$SELECT nps_agg(score) FROM cx_bench.survey_float$q$),
	('float_csat', 1, 'count_col', 'count(csat) (real)', $q$SELECT count(csat) FROM cx_bench.survey_float$q$),
	('float_csat', 2, 'hand', 'hand-written CSAT % over real (2 aggregates)',
	 $q$SELECT 100.0 * count(*) FILTER (WHERE csat >= 4) / count(csat) FROM cx_bench.survey_float$q$),
	('float_csat', 3, 'one_step', 'csat(csat) (real)', $q$SELECT csat(csat) FROM cx_bench.survey_float$q$),
	('float_csat', 4, 'agg_scaled', 'csat_agg(csat, 5) (real)', $q$SELECT csat_agg(csat, 5) FROM cx_bench.survey_float$q$),
	('float_ces', 1, 'count_col', 'count(ces) (double precision)', $q$SELECT count(ces) FROM cx_bench.survey_float$q$),
	('float_ces', 2, 'hand', 'hand-written CES report over double precision (4 aggregates)',
	 $q$SELECT avg(ces), count(*) FILTER (WHERE ces >= 5), count(*) FILTER (WHERE ces <= 3), count(ces) FROM cx_bench.survey_float$q$),
	('float_ces', 3, 'one_step', 'ces(ces) (double precision)', $q$SELECT ces(ces) FROM cx_bench.survey_float$q$),
	('float_ces', 4, 'agg_scaled', 'ces_agg(ces, 7, false) (double precision)', $q$SELECT ces_agg(ces, 7, false) FROM cx_bench.survey_float$q$);

\echo
\echo '== 1d. float scores (double precision, real), serial =='
\echo '   cx_bench.survey_float holds the scores of cx_bench.survey typed as a CSV import types them'
SELECT cx_bench.run_section('float', :reps) \g /dev/null
SELECT cx_bench.run_section('float_csat', :reps) \g /dev/null
SELECT cx_bench.run_section('float_ces', :reps) \g /dev/null
SELECT label AS query,
	   cx_bench.ms(med) AS "median ms",
	   cx_bench.ms(lo) || '..' || cx_bench.ms(hi) AS "min..max",
	   cx_bench.x(section, key, 'count_col') AS "x count(col)",
	   cx_bench.x(section, key, 'hand') AS "x hand-written",
	   cx_bench.ms(med_wall) AS "median wall ms"
FROM cx_bench.medians WHERE section IN ('float', 'float_csat', 'float_ces')
ORDER BY array_position(ARRAY['float', 'float_csat', 'float_ces'], section), ord;
SELECT cx_bench.clock_note('float') AS cx_line \gset
\echo :cx_line

--------------------------------------------------------------------------
-- 2. Rolling windows.  enable_sort = off: an index supplies the order, so
-- the times are the window aggregates' own, not a Sort's that all share.
-- enable_indexonlyscan = off for the daily table: otherwise count(*) OVER w
-- reads only the (touchpoint, day) index while the others read the heap,
-- and the ratio would compare access paths.  (survey_window's index
-- includes score, so there every query reads the index alone.)  Each query
-- is wrapped as max(...) over the window so no rows are returned.
--------------------------------------------------------------------------
SET enable_sort = off;

INSERT INTO cx_bench.query VALUES
	('daily', 1, 'count_star', 'count(*) OVER w',
	 $q$SELECT max(x) FROM (SELECT count(*) OVER w AS x FROM cx_bench.daily
		WINDOW w AS (PARTITION BY touchpoint ORDER BY day ROWS 29 PRECEDING)) q$q$),
	('daily', 2, 'hand', 'hand-written: 3 sum() OVER w of daily counts',
	 $q$SELECT max(x) FROM (SELECT 100.0 * (sum(promoters) OVER w - sum(detractors) OVER w) / nullif(sum(responses) OVER w, 0) AS x
		FROM cx_bench.daily
		WINDOW w AS (PARTITION BY touchpoint ORDER BY day ROWS 29 PRECEDING)) q$q$),
	('daily', 3, 'nps', 'nps(rollup(s) OVER w)',
	 $q$SELECT max(x) FROM (SELECT nps(rollup(s) OVER w) AS x FROM cx_bench.daily
		WINDOW w AS (PARTITION BY touchpoint ORDER BY day ROWS 29 PRECEDING)) q$q$);

INSERT INTO cx_bench.query VALUES
	('range', 1, 'count_star', 'count(*) OVER w',
	 $q$SELECT max(x) FROM (SELECT count(*) OVER w AS x FROM cx_bench.survey_window
		WINDOW w AS (ORDER BY ts RANGE BETWEEN '30 days' PRECEDING AND CURRENT ROW)) q$q$),
	('range', 2, 'count_score', 'count(score) OVER w',
	 $q$SELECT max(x) FROM (SELECT count(score) OVER w AS x FROM cx_bench.survey_window
		WINDOW w AS (ORDER BY ts RANGE BETWEEN '30 days' PRECEDING AND CURRENT ROW)) q$q$),
	('range', 3, 'hand', 'hand-written: 3 count() FILTER OVER w',
	 $q$SELECT max(x) FROM (SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) OVER w - count(*) FILTER (WHERE score <= 6) OVER w)
			/ nullif(count(score) OVER w, 0) AS x
		FROM cx_bench.survey_window
		WINDOW w AS (ORDER BY ts RANGE BETWEEN '30 days' PRECEDING AND CURRENT ROW)) q$q$),
	('range', 4, 'nps', 'nps(score) OVER w',
	 $q$SELECT max(x) FROM (SELECT nps(score) OVER w AS x FROM cx_bench.survey_window
		WINDOW w AS (ORDER BY ts RANGE BETWEEN '30 days' PRECEDING AND CURRENT ROW)) q$q$);

\echo
\echo '== 2a. rolling 30-row frames over daily summaries =='
SELECT '   w = (PARTITION BY touchpoint ORDER BY day ROWS 29 PRECEDING) over cx_bench.daily: '
	|| to_char(count(*), 'FM999,999,999') || ' rows (touchpoint, day, s = nps_agg(score), promoters, detractors, responses)'
	AS cx_line FROM cx_bench.daily \gset
\echo :cx_line
SET enable_indexonlyscan = off;
SELECT cx_bench.run_section('daily', :reps) \g /dev/null
SELECT label AS query,
	   cx_bench.ms(med) AS "median ms",
	   cx_bench.ms(lo) || '..' || cx_bench.ms(hi) AS "min..max",
	   cx_bench.x(section, key, 'count_star') AS "x count(*) OVER w",
	   cx_bench.x(section, key, 'hand') AS "x hand-written",
	   cx_bench.ms(med_wall) AS "median wall ms"
FROM cx_bench.medians WHERE section = 'daily' ORDER BY ord;
SELECT cx_bench.clock_note('daily') AS cx_line \gset
\echo :cx_line
SELECT label AS query, (SELECT string_agg(trim(l), ' ') FROM cx_bench.explain_text(sql, false) AS l) AS plan
FROM cx_bench.query WHERE section = 'daily' ORDER BY ord;

\echo
\echo '== 2b. RANGE ''30 days'' frames over raw responses =='
SELECT '   w = (ORDER BY ts RANGE BETWEEN ''30 days'' PRECEDING AND CURRENT ROW) over cx_bench.survey_window: '
	|| to_char(count(*), 'FM999,999,999') || ' rows, about '
	|| to_char(round(count(*) * 30.0 / (max(ts)::date - min(ts)::date + 1)), 'FM999,999,999')
	|| ' rows per frame' AS cx_line FROM cx_bench.survey_window \gset
\echo :cx_line
RESET enable_indexonlyscan;
SELECT cx_bench.run_section('range', :reps) \g /dev/null
SELECT label AS query,
	   cx_bench.ms(med) AS "median ms",
	   cx_bench.ms(lo) || '..' || cx_bench.ms(hi) AS "min..max",
	   cx_bench.x(section, key, 'count_star') AS "x count(*) OVER w",
	   cx_bench.x(section, key, 'count_score') AS "x count(score) OVER w",
	   cx_bench.x(section, key, 'hand') AS "x hand-written",
	   cx_bench.ms(med_wall) AS "median wall ms"
FROM cx_bench.medians WHERE section = 'range' ORDER BY ord;
SELECT cx_bench.clock_note('range') AS cx_line \gset
\echo :cx_line
SELECT label AS query, (SELECT string_agg(trim(l), ' ') FROM cx_bench.explain_text(sql, false) AS l) AS plan
FROM cx_bench.query WHERE section = 'range' ORDER BY ord;

RESET enable_sort;

--------------------------------------------------------------------------
-- 3. Many groups: memory per group, and time.  Serial HashAggregate
-- (enable_sort = off), with work_mem large enough to stay in memory.
-- GROUP BY respondent: setup.sql set the column's n_distinct, so the planner
-- sizes the hash table for the real number of groups, as it would with
-- good statistics (sized for a wrong estimate, the bucket array dominates
-- "Peak Memory Usage" and hides the aggregates' own share).
--------------------------------------------------------------------------
SET enable_sort = off;
SET max_parallel_workers_per_gather = 0;

INSERT INTO cx_bench.query
SELECT 'groups', ord, key, label, sql
FROM (VALUES
	(1, 'count_star', 'count(*)', $q$SELECT respondent, count(*) AS x FROM cx_bench.survey GROUP BY 1$q$),
	(2, 'count_score', 'count(score)', $q$SELECT respondent, count(score) AS x FROM cx_bench.survey GROUP BY 1$q$),
	(3, 'hand', 'hand-written NPS (3 aggregates)',
	 $q$SELECT respondent, 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / nullif(count(score), 0) AS x
		FROM cx_bench.survey GROUP BY 1$q$),
	(4, 'nps', 'nps(score)', $q$SELECT respondent, nps(score) AS x FROM cx_bench.survey GROUP BY 1$q$),
	(5, 'nps_agg', 'nps_agg(score)', $q$SELECT respondent, responses(nps_agg(score)) AS x FROM cx_bench.survey GROUP BY 1$q$)
) AS q(ord, key, label, sql);

\echo
SELECT '== 3. ' || to_char(least(:groups, :rows), 'FM999,999,999') || ' groups of '
	|| round(:rows::numeric / least(:groups, :rows), 1) || ' rows (GROUP BY respondent), serial HashAggregate: memory per group, and time =='
	AS cx_line \gset
\echo :cx_line
\echo '   memory: "Peak Memory Usage" of the HashAggregate, EXPLAIN (ANALYZE) of SELECT respondent, agg FROM survey GROUP BY 1'
INSERT INTO cx_bench.memory
SELECT q.ord, q.key, q.label, h.*
FROM cx_bench.query q, cx_bench.hashagg(q.sql) AS h
WHERE q.section = 'groups'
ORDER BY q.ord;
-- Timed as max(x) over the groups, so that no rows are returned.
UPDATE cx_bench.query SET sql = 'SELECT max(x) FROM (' || sql || ') q' WHERE section = 'groups';
SELECT cx_bench.run_section('groups', :group_reps) \g /dev/null
SELECT m.label AS query,
	   m.strategy || ', ' || m.batches || ' batch' || CASE WHEN m.batches > 1 THEN 'es' ELSE '' END
		 || CASE WHEN m.disk_kb > 0 THEN ', SPILLED ' || m.disk_kb || ' kB' ELSE '' END AS plan,
	   to_char(m.est_groups, 'FM999,999,999') || ' / ' || to_char(m.groups, 'FM999,999,999') AS "groups est / actual",
	   m.peak_kb AS "peak kB",
	   round(m.peak_kb * 1024.0 / m.groups) AS "bytes/group",
	   round((m.peak_kb - b.peak_kb) * 1024.0 / m.groups) AS "over count(*)",
	   to_char(m.peak_kb::float8 / h.peak_kb, 'FM990.00') AS "memory x hand-written",
	   cx_bench.ms(t.med) AS "median ms",
	   cx_bench.x('groups', m.key, 'count_score') AS "time x count(score)",
	   cx_bench.x('groups', m.key, 'hand') AS "time x hand-written"
FROM cx_bench.memory m
JOIN cx_bench.medians t ON t.section = 'groups' AND t.key = m.key
CROSS JOIN (SELECT peak_kb FROM cx_bench.memory WHERE key = 'hand') h
CROSS JOIN (SELECT peak_kb FROM cx_bench.memory WHERE key = 'count_star') b
ORDER BY m.ord;
SELECT cx_bench.clock_note('groups') || ', each run as SELECT max(x) FROM (SELECT respondent, agg AS x ... GROUP BY 1) q'
	AS cx_line \gset
\echo :cx_line

RESET enable_sort;

--------------------------------------------------------------------------
-- Summary
--------------------------------------------------------------------------
CREATE TABLE cx_bench.summary AS
SELECT ord, target, measured, lim,
	   CASE WHEN measured IS NULL THEN 'n/a' WHEN measured <= lim THEN 'PASS' ELSE 'MISS' END AS result
FROM (VALUES
	(1, 'nps(score) / count(score), serial', cx_bench.ratio('serial', 'nps', 'count_score'), 1.10),
	(2, 'nps(score) / hand-written NPS, serial', cx_bench.ratio('serial', 'nps', 'hand'), 0.85),
	(3, 'nps(score) / count(score), 2 workers', cx_bench.ratio('parallel', 'nps', 'count_score'), 1.10),
	(4, 'nps(score) / hand-written NPS, 2 workers', cx_bench.ratio('parallel', 'nps', 'hand'), 0.85),
	(5, 'rolling 30-row frames over daily summaries: nps(rollup(s)) / count(*)', cx_bench.ratio('daily', 'nps', 'count_star'), 2.0),
	(6, 'rolling RANGE ''30 days'' over raw rows: nps(score) / count(*)', cx_bench.ratio('range', 'nps', 'count_star'), 2.0),
	(7, 'csat(csat) / count(csat), serial', cx_bench.ratio('csat', 'one_step', 'count_col'), 1.15),
	(8, 'csat_agg(csat, 5) / count(csat), serial', cx_bench.ratio('csat', 'agg_scaled', 'count_col'), 1.15),
	(9, 'ces(ces) / count(ces), serial', cx_bench.ratio('ces', 'one_step', 'count_col'), 1.15),
	(10, 'ces_agg(ces, 7, false) / count(ces), serial', cx_bench.ratio('ces', 'agg_scaled', 'count_col'), 1.15),
	(11, 'nps(score) / count(score) over double precision, serial', cx_bench.ratio('float', 'one_step', 'count_col'), 1.15),
	(12, 'nps(score) / hand-written NPS over double precision, serial', cx_bench.ratio('float', 'one_step', 'hand'), 0.85),
	(13, 'csat_agg(csat, 5) / count(csat) over real, serial', cx_bench.ratio('float_csat', 'agg_scaled', 'count_col'), 1.15),
	(14, 'ces_agg(ces, 7, false) / count(ces) over double precision, serial', cx_bench.ratio('float_ces', 'agg_scaled', 'count_col'), 1.15)
) AS t(ord, target, measured, lim);

\echo
\echo '== summary: targets (ratios of medians, all measured in this run) =='
SELECT target, to_char(measured, 'FM990.00') AS measured, '<= ' || to_char(lim, 'FM0.00') AS target, result
FROM cx_bench.summary ORDER BY ord;
\echo
SELECT 'memory per group, nps_agg(score) / hand-written NPS, ' || to_char(least(:groups, :rows), 'FM999,999,999') || ' groups'
	   AS "for information",
	   to_char((SELECT peak_kb FROM cx_bench.memory WHERE key = 'nps_agg')::float8
			   / (SELECT peak_kb FROM cx_bench.memory WHERE key = 'hand'), 'FM990.00') AS measured
UNION ALL
SELECT 'time, nps(score) / hand-written NPS, ' || to_char(least(:groups, :rows), 'FM999,999,999') || ' groups',
	   to_char(cx_bench.ratio('groups', 'nps', 'hand'), 'FM990.00')
UNION ALL
SELECT 'nps_agg(score) / count(score), serial', to_char(cx_bench.ratio('serial', 'nps_agg', 'count_score'), 'FM990.00')
UNION ALL
SELECT 'count(score) / count(*), serial', to_char(cx_bench.ratio('serial', 'count_score', 'count_star'), 'FM990.00')
UNION ALL
SELECT 'hand-written NPS / count(*), serial', to_char(cx_bench.ratio('serial', 'hand', 'count_star'), 'FM990.00')
UNION ALL
SELECT 'nps(score) / count(*), serial', to_char(cx_bench.ratio('serial', 'nps', 'count_star'), 'FM990.00')
UNION ALL
SELECT 'csat(csat) / hand-written CSAT %, serial', to_char(cx_bench.ratio('csat', 'one_step', 'hand'), 'FM990.00')
UNION ALL
SELECT 'ces_agg(ces) / hand-written CES report, serial', to_char(cx_bench.ratio('ces', 'agg', 'hand'), 'FM990.00')
UNION ALL
SELECT 'ces(ces) / avg(ces), serial', to_char(cx_bench.ratio('ces', 'one_step', 'avg'), 'FM990.00');
