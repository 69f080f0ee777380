/*
 * bench/duration.sql: the duration benchmark's measurements and report.
 * Needs bench/duration_setup.sql and bench/lib.sql first, in the same
 * session.
 *
 * psql variables: rows, reps, sort_reps, have_tdigest (true/false),
 * tdigest_why (why tdigest is skipped, when it is).
 *
 * Ways to the 50th, 90th and 99th percentiles of cx_bench.durations:
 *   count(col)         the scan and one call per row, the floor of any
 *                      aggregate of the column;
 *   duration_agg()     one pass into a duration_summary (over the interval
 *                      column and over float8 seconds), then percentile();
 *   tdigest            tdigest(secs, 100) and tdigest_percentile(secs, 100, q),
 *                      the peer a PostgreSQL user would pick (where the
 *                      tdigest extension is installed);
 *   percentile_cont / percentile_disc  exact: they sort every row (one sort
 *                      serves any number of q, so one q is timed);
 *   arrays             what the journey's daily_interactions does today: one
 *                      array_agg() per day, then unnest every array and
 *                      percentile_disc over the elements;
 * and a roll-up: 365 daily summaries rolled up against one pass over the
 * rows.  Each approach's relative error at p50, p90 and p99 is measured
 * against the exact order statistic, percentile_disc(q), and its size with
 * pg_column_size.  Serial plans, timed the way bench/lib.sql times queries;
 * each query runs to completion.
 */
\set ON_ERROR_STOP 1
\pset footer off
\pset null '-'
SELECT set_config(name, value, false)
FROM (VALUES ('client_min_messages', 'warning'), ('jit', 'off'), ('work_mem', '512MB'),
			 ('max_parallel_workers_per_gather', '0')) AS s(name, value) \g /dev/null

\echo
\echo '== cx_metrics duration benchmark: duration_agg against tdigest, exact sorts and arrays =='

--------------------------------------------------------------------------
-- Exact percentiles and every approach's estimates (untimed)
--------------------------------------------------------------------------
DROP TABLE IF EXISTS cx_bench.duration_exact, cx_bench.duration_approach, cx_bench.duration_size,
	cx_bench.duration_targets;
CREATE TABLE cx_bench.duration_exact AS
SELECT q, x
FROM (SELECT percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY secs) AS p
	  FROM cx_bench.durations) AS e,
	 LATERAL unnest(ARRAY[0.5, 0.9, 0.99]::float8[], e.p) AS u(q, x);

-- One row per approach: its estimates of p50, p90 and p99 in seconds, and
-- the bytes of what it keeps.
CREATE TABLE cx_bench.duration_approach (
	approach	text PRIMARY KEY,
	p50			float8,
	p90			float8,
	p99			float8,
	bytes		bigint,
	bytes_note	text
);
INSERT INTO cx_bench.duration_approach
SELECT 'agg_d', extract(epoch FROM percentile(s, 0.5)), extract(epoch FROM percentile(s, 0.9)),
	   extract(epoch FROM percentile(s, 0.99)), pg_column_size(s), NULL
FROM (SELECT duration_agg(d) AS s FROM cx_bench.durations) AS t;
INSERT INTO cx_bench.duration_approach
SELECT 'agg_secs', extract(epoch FROM percentile(s, 0.5)), extract(epoch FROM percentile(s, 0.9)),
	   extract(epoch FROM percentile(s, 0.99)), pg_column_size(s), NULL
FROM (SELECT duration_agg(secs) AS s FROM cx_bench.durations) AS t;
INSERT INTO cx_bench.duration_approach
SELECT 'rollup', extract(epoch FROM p[1]), extract(epoch FROM p[2]), extract(epoch FROM p[3]), b, NULL
FROM (SELECT percentiles(rollup(s), ARRAY[0.5, 0.9, 0.99]) AS p, pg_column_size(rollup(s)) AS b
	  FROM cx_bench.duration_daily) AS t;
INSERT INTO cx_bench.duration_approach
SELECT 'cont', p[1], p[2], p[3], NULL, 'sorts every row'
FROM (SELECT percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY secs) AS p
	  FROM cx_bench.durations) AS t;
INSERT INTO cx_bench.duration_approach
SELECT 'disc', (SELECT x FROM cx_bench.duration_exact WHERE q = 0.5),
	   (SELECT x FROM cx_bench.duration_exact WHERE q = 0.9),
	   (SELECT x FROM cx_bench.duration_exact WHERE q = 0.99), NULL, 'sorts every row';
INSERT INTO cx_bench.duration_approach
SELECT 'arrays', p[1], p[2], p[3], b, '365 stored arrays'
FROM (SELECT percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY x) AS p
	  FROM cx_bench.duration_arrays a CROSS JOIN LATERAL unnest(a.secs) AS x) AS t,
	 (SELECT sum(pg_column_size(secs)) AS b FROM cx_bench.duration_arrays) AS z;
\if :have_tdigest
INSERT INTO cx_bench.duration_approach
SELECT 'td', tdigest_percentile(secs, 100, 0.5), tdigest_percentile(secs, 100, 0.9),
	   tdigest_percentile(secs, 100, 0.99), pg_column_size(tdigest(secs, 100)), NULL
FROM cx_bench.durations;
INSERT INTO cx_bench.duration_approach
SELECT 'td_rollup', p[1], p[2], p[3], b, NULL
FROM (SELECT tdigest_percentile(td, ARRAY[0.5, 0.9, 0.99]) AS p, pg_column_size(tdigest(td)) AS b
	  FROM cx_bench.duration_tdigest_daily) AS t;
\endif

-- Relative error of an estimate of the q-quantile: |est - exact| / exact.
CREATE OR REPLACE FUNCTION cx_bench.duration_relerr(p_approach text, p_q float8) RETURNS float8
LANGUAGE sql STABLE AS $$
	SELECT abs(CASE p_q WHEN 0.5 THEN a.p50 WHEN 0.9 THEN a.p90 WHEN 0.99 THEN a.p99 END - e.x) / e.x
	FROM cx_bench.duration_approach a, cx_bench.duration_exact e
	WHERE a.approach = p_approach AND e.q = p_q
$$;
-- The largest of an approach's three relative errors.
CREATE OR REPLACE FUNCTION cx_bench.duration_maxerr(p_approach text) RETURNS float8
LANGUAGE sql STABLE AS $$
	SELECT max(cx_bench.duration_relerr(p_approach, q)) FROM unnest(ARRAY[0.5, 0.9, 0.99]::float8[]) AS q
$$;
-- A relative error as a percentage, for the report.
CREATE OR REPLACE FUNCTION cx_bench.pct(v float8) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT to_char(100 * v, 'FM9990.000') || '%'
$$;

--------------------------------------------------------------------------
-- The data, and checks (untimed)
--------------------------------------------------------------------------
\pset tuples_only on
SELECT 'PostgreSQL' AS item, current_setting('server_version') AS value
UNION ALL SELECT 'cx_metrics', (SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics')
UNION ALL SELECT 'tdigest', coalesce((SELECT extversion FROM pg_extension WHERE extname = 'tdigest'),
									 'SKIPPED: ' || :'tdigest_why')
UNION ALL SELECT 'durations', to_char(count(*), 'FM999,999,999') || ' rows (secs float8, d interval, day), '
	|| pg_size_pretty(pg_relation_size('cx_bench.durations')) || '; log-normal, median ln 1610 s, sd of ln 1.55, '
	|| 'clipped to [1 s, 30 days]: min ' || min(secs) || ' s, max ' || max(secs) || ' s'
	FROM cx_bench.durations
UNION ALL SELECT 'exact percentiles', string_agg('p' || (100 * q)::int || ' ' || to_char(x, 'FM999999990.000') || ' s', ', ' ORDER BY q)
	FROM cx_bench.duration_exact
UNION ALL SELECT 'daily tables', (SELECT count(*) FROM cx_bench.duration_daily) || ' days: duration_daily '
	|| pg_size_pretty(pg_total_relation_size('cx_bench.duration_daily')) || ', duration_arrays '
	|| pg_size_pretty(pg_total_relation_size('cx_bench.duration_arrays'))
	|| coalesce(', duration_tdigest_daily ' || pg_size_pretty(pg_total_relation_size(to_regclass('cx_bench.duration_tdigest_daily'))), '')
UNION ALL SELECT 'settings', 'shared_buffers ' || current_setting('shared_buffers') || ', work_mem '
	|| current_setting('work_mem') || ', jit ' || current_setting('jit') || ', serial plans'
UNION ALL SELECT 'timing', CASE WHEN cx_bench.have_cpu_clock()
	THEN 'CPU time of the backend (/proc/self/schedstat) around EXECUTE in PL/pgSQL'
	ELSE 'wall time around EXECUTE in PL/pgSQL (no CPU time: /proc/self/schedstat cannot be read)' END
UNION ALL SELECT 'runs', 'median of ' || :reps || ' runs after 1 warm-up run (the sorts: '
	|| :sort_reps || '), queries interleaved round-robin';
\pset tuples_only off

SELECT CASE WHEN (SELECT rollup(s) FROM cx_bench.duration_daily)
				 = (SELECT duration_agg(secs) FROM cx_bench.durations)
			THEN 'rollup() of the 365 daily summaries = duration_agg() over the rows (=, byte for byte)'
			ELSE 'WARNING: rollup() of the 365 daily summaries <> duration_agg() over the rows' END AS cx_line \gset
\echo '  ' :cx_line
SELECT CASE WHEN a = b THEN 'duration_agg(d) = duration_agg(secs): the interval and float8 forms give the same summary'
			ELSE 'note: duration_agg(d) <> duration_agg(secs) (cases ' || cases(a) || ' / ' || cases(b) || ')' END AS cx_line
FROM (SELECT duration_agg(d) AS a, duration_agg(secs) AS b FROM cx_bench.durations) AS t \gset
\echo '  ' :cx_line
SELECT CASE WHEN cases(s) = :rows AND completed(s) = :rows AND open_cases(s) = 0
			THEN 'cases() = completed() = ' || :rows || ', open_cases() = 0'
			ELSE 'WARNING: cases() ' || cases(s) || ', completed() ' || completed(s) || ', open_cases() '
				 || open_cases(s) || ', expected ' || :rows || ', ' || :rows || ', 0' END AS cx_line
FROM (SELECT duration_agg(secs) AS s FROM cx_bench.durations) AS t \gset
\echo '  ' :cx_line

-- percentile(s, q) is, by the contract, the representative value
-- 2 b_i / (gamma + 1) of the bucket (b_{i-1}, b_i] that holds the exact
-- order statistic x_(k) = percentile_disc(q), rounded to the microsecond.
-- Here b_i is computed independently as gamma^i with i = ceil(ln x / ln
-- gamma) (the code multiplies instead, so the two can differ only for an x
-- within a few ulps of a boundary).
SELECT CASE WHEN bool_and(abs(got - want) <= 1e-6 + 1e-12 * want)
			THEN 'percentile(duration_agg(secs), q) = 2 gamma^i / (gamma + 1) of the bucket of percentile_disc(q), q = 0.5, 0.9, 0.99'
			ELSE 'WARNING: percentile(duration_agg(secs), q) is not the representative value of the bucket of percentile_disc(q): '
				 || string_agg('q ' || q || ' exact ' || x || ' s, expected ' || want || ' s, got ' || got || ' s', '; ' ORDER BY q)
		END AS cx_line
FROM (SELECT e.q, e.x, a.got,
			 2 * power(g, ceil(ln(e.x) / ln(g))) / (g + 1) AS want
	  FROM cx_bench.duration_exact e,
		   LATERAL (SELECT CASE e.q WHEN 0.5 THEN p50 WHEN 0.9 THEN p90 ELSE p99 END AS got
					FROM cx_bench.duration_approach WHERE approach = 'agg_secs') AS a,
		   LATERAL (SELECT (1 + 0.01::float8) / (1 - 0.01::float8) AS g) AS gg) AS t \gset
\echo '  ' :cx_line

--------------------------------------------------------------------------
-- Timings
--------------------------------------------------------------------------
INSERT INTO cx_bench.query VALUES
	('duration', 1, 'count_secs', 'count(secs)', 'SELECT count(secs) FROM cx_bench.durations'),
	('duration', 2, 'count_d', 'count(d)', 'SELECT count(d) FROM cx_bench.durations'),
	('duration', 3, 'agg_d', 'duration_agg(d), interval', 'SELECT duration_agg(d) FROM cx_bench.durations'),
	('duration', 4, 'agg_secs', 'duration_agg(secs), float8 seconds', 'SELECT duration_agg(secs) FROM cx_bench.durations'),
	('duration', 5, 'pct50', 'percentile(duration_agg(secs), 0.5)', 'SELECT percentile(duration_agg(secs), 0.5) FROM cx_bench.durations'),
	('duration', 6, 'pct90', 'percentile(duration_agg(secs), 0.9)', 'SELECT percentile(duration_agg(secs), 0.9) FROM cx_bench.durations'),
	('duration', 7, 'pct99', 'percentile(duration_agg(secs), 0.99)', 'SELECT percentile(duration_agg(secs), 0.99) FROM cx_bench.durations'),
	('sort', 1, 'cont', 'percentile_cont(0.5) WITHIN GROUP (ORDER BY secs)',
	 'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) FROM cx_bench.durations'),
	('sort', 2, 'disc', 'percentile_disc(0.5) WITHIN GROUP (ORDER BY secs)',
	 'SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY secs) FROM cx_bench.durations'),
	('sort', 3, 'arrays', 'arrays: unnest 365 daily arrays, percentile_disc(ARRAY[0.5, 0.9, 0.99])',
	 'SELECT percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY x) FROM cx_bench.duration_arrays a CROSS JOIN LATERAL unnest(a.secs) AS x'),
	('rollup', 1, 'one_pass', 'one pass: percentiles(duration_agg(secs), ARRAY[0.5, 0.9, 0.99]) over the rows',
	 'SELECT percentiles(duration_agg(secs), ARRAY[0.5, 0.9, 0.99]) FROM cx_bench.durations'),
	('rollup', 2, 'rollup', 'roll-up: percentiles(rollup(s), ARRAY[0.5, 0.9, 0.99]) over 365 daily summaries',
	 'SELECT percentiles(rollup(s), ARRAY[0.5, 0.9, 0.99]) FROM cx_bench.duration_daily');
\if :have_tdigest
INSERT INTO cx_bench.query VALUES
	('duration', 8, 'td', 'tdigest(secs, 100)', 'SELECT tdigest(secs, 100) FROM cx_bench.durations'),
	('duration', 9, 'td50', 'tdigest_percentile(secs, 100, 0.5)', 'SELECT tdigest_percentile(secs, 100, 0.5) FROM cx_bench.durations'),
	('duration', 10, 'td90', 'tdigest_percentile(secs, 100, 0.9)', 'SELECT tdigest_percentile(secs, 100, 0.9) FROM cx_bench.durations'),
	('duration', 11, 'td99', 'tdigest_percentile(secs, 100, 0.99)', 'SELECT tdigest_percentile(secs, 100, 0.99) FROM cx_bench.durations'),
	('rollup', 3, 'td_rollup', 'roll-up: tdigest_percentile(td, ARRAY[0.5, 0.9, 0.99]) over 365 daily tdigest(secs, 100)',
	 'SELECT tdigest_percentile(td, ARRAY[0.5, 0.9, 0.99]) FROM cx_bench.duration_tdigest_daily');
\endif

-- Which approach (errors, bytes) each timed query belongs to.
CREATE TEMP TABLE duration_qmap (key text PRIMARY KEY, approach text);
INSERT INTO duration_qmap VALUES
	('agg_d', 'agg_d'), ('agg_secs', 'agg_secs'), ('pct50', 'agg_secs'), ('pct90', 'agg_secs'),
	('pct99', 'agg_secs'), ('td', 'td'), ('td50', 'td'), ('td90', 'td'), ('td99', 'td'),
	('cont', 'cont'), ('disc', 'disc'), ('arrays', 'arrays'),
	('one_pass', 'agg_secs'), ('rollup', 'rollup'), ('td_rollup', 'td_rollup');

\echo
\echo '== serial: count(col), duration_agg, tdigest, the exact sorts and the arrays =='
SELECT cx_bench.run_section('duration', :reps) \g /dev/null
SELECT cx_bench.run_section('sort', :sort_reps) \g /dev/null
SELECT m.label AS query, m.runs AS runs,
	   cx_bench.ms(m.med) AS "median ms",
	   cx_bench.ms(m.lo) || '..' || cx_bench.ms(m.hi) AS "min..max",
	   to_char(m.med / cx_bench.med('duration', 'count_secs'), 'FM99990.00') AS "x count(secs)",
	   cx_bench.pct(cx_bench.duration_relerr(a.approach, 0.5)) AS "err p50",
	   cx_bench.pct(cx_bench.duration_relerr(a.approach, 0.9)) AS "err p90",
	   cx_bench.pct(cx_bench.duration_relerr(a.approach, 0.99)) AS "err p99",
	   coalesce(a.bytes || coalesce(' (' || a.bytes_note || ')', ''), a.bytes_note) AS bytes
FROM cx_bench.medians m
LEFT JOIN duration_qmap USING (key)
LEFT JOIN cx_bench.duration_approach a USING (approach)
WHERE m.section IN ('duration', 'sort')
ORDER BY m.section, m.ord;
SELECT '   median ms, min..max: ' || cx_bench.clock('duration') || ' time for the first block, '
	   || cx_bench.clock('sort') || ' time for the sorts (bench/lib.sql picks it); err: |estimate - percentile_disc(q)| / percentile_disc(q)' AS cx_line \gset
\echo :cx_line
\if :have_tdigest
\else
SELECT '   tdigest rows skipped: ' || :'tdigest_why' AS cx_line \gset
\echo :cx_line
\endif

\echo
\echo '== roll-up: 365 daily summaries against one pass over the rows =='
SELECT cx_bench.run_section('rollup', :reps) \g /dev/null
SELECT m.label AS query, m.runs AS runs,
	   to_char(m.med, 'FM999990.000') AS "median ms",
	   to_char(m.lo, 'FM999990.000') || '..' || to_char(m.hi, 'FM999990.000') AS "min..max",
	   to_char(cx_bench.med('rollup', 'one_pass') / nullif(m.med, 0), 'FM9999990.0') AS "one pass / this",
	   cx_bench.pct(cx_bench.duration_maxerr(a.approach)) AS "max err",
	   a.bytes AS bytes
FROM cx_bench.medians m
LEFT JOIN duration_qmap USING (key)
LEFT JOIN cx_bench.duration_approach a USING (approach)
WHERE m.section = 'rollup'
ORDER BY m.ord;
SELECT '   median ms, min..max: ' || cx_bench.clock('rollup') || ' time; the arrays way from the same 365 days (above): '
	   || cx_bench.ms(cx_bench.med('sort', 'arrays')) || ' ms ' || cx_bench.clock('sort') || ' time, '
	   || to_char(cx_bench.med('sort', 'arrays') / nullif(cx_bench.med('rollup', 'rollup'), 0), 'FM99999990.0')
	   || ' x the roll-up' AS cx_line \gset
\echo :cx_line

--------------------------------------------------------------------------
-- Sizes
--------------------------------------------------------------------------
-- Two samples of the same log-normal shape spanning 1 s to 30 days (the
-- clip at 4.75 sd touches about 2 of 10^6): 500 cases, about a day at one
-- touchpoint, and 10^6.
\echo
\echo '== sizes at alpha 1% (pg_column_size) =='
SELECT setseed(0.5772) \g /dev/null
CREATE TEMP TABLE duration_sample AS
SELECT c.n, least(greatest(exp(ln(1610.0::float8) + 1.55 * sqrt(-2.0 * ln(1.0 - random())) * cos(2.0 * pi() * random())), 1.0), 2592000.0) AS x
FROM (VALUES (500), (1000000)) AS c(n), LATERAL generate_series(1, c.n) AS i;
-- bytes: the aggregate's result as it is computed; stored: the same value
-- read back from a table column (after any TOAST compression).
CREATE TABLE cx_bench.duration_size AS
SELECT ord, what, s, pg_column_size(s) AS bytes, td_bytes,
	   coalesce(cardinality(string_to_array(nullif(split_part(s::text, 'buckets=', 2), ''), ',')), 0) AS buckets
FROM (SELECT n AS ord, to_char(n, 'FM9,999,999') || ' cases, ' || round(min(x)::numeric, 1) || ' s .. '
			 || round((max(x) / 86400)::numeric, 1) || ' days' AS what,
			 duration_agg(x, false, 0.01) AS s, NULL::int AS td_bytes
	  FROM duration_sample GROUP BY n
	  UNION ALL
	  SELECT 2000000000, 'the whole table, ' || to_char(count(*), 'FM999,999,999') || ' cases: duration_agg(secs)',
			 duration_agg(secs), (SELECT bytes FROM cx_bench.duration_approach WHERE approach = 'td')
	  FROM cx_bench.durations) AS t;
\if :have_tdigest
UPDATE cx_bench.duration_size z SET td_bytes = t.b
FROM (SELECT n, pg_column_size(tdigest(x, 100)) AS b FROM duration_sample GROUP BY n) AS t
WHERE t.n = z.ord;
\endif
SELECT what, bytes, buckets, "bytes a bucket", stored, "tdigest(x, 100)"
FROM (SELECT ord, what, bytes, buckets, to_char(bytes::float8 / nullif(buckets, 0), 'FM990.0') AS "bytes a bucket",
			 pg_column_size(s)::text AS stored, td_bytes AS "tdigest(x, 100)"
	  FROM cx_bench.duration_size
	  UNION ALL
	  SELECT 2000000001, 'a daily summary (' || to_char(avg(cases(s)), 'FM999,999,999') || ' cases): mean, max stored',
			 NULL, round(avg(coalesce(cardinality(string_to_array(nullif(split_part(s::text, 'buckets=', 2), ''), ',')), 0))),
			 NULL, round(avg(pg_column_size(s))) || ', ' || max(pg_column_size(s)), NULL
	  FROM cx_bench.duration_daily) AS z
ORDER BY ord;
\echo '   bytes: pg_column_size of the summary as the aggregate returns it; stored: read back from a table column;'
\echo '   buckets: non-empty buckets in its text form'

--------------------------------------------------------------------------
-- Summary
--------------------------------------------------------------------------
-- kind: max (measured <= goal), min (measured >= goal), lt (measured < goal).
-- A tdigest target is n/a where tdigest was skipped.
CREATE TABLE cx_bench.duration_targets AS
SELECT ord, target, measured, goal, kind, fmt,
	   CASE WHEN measured IS NULL THEN 'n/a'
			WHEN (kind = 'max' AND measured <= goal) OR (kind = 'min' AND measured >= goal)
				 OR (kind = 'lt' AND measured < goal) THEN 'PASS'
			ELSE 'MISS' END AS result
FROM (VALUES
	(1, 'duration_agg(secs) / count(secs), serial', cx_bench.ratio('duration', 'agg_secs', 'count_secs'), 1.3, 'max', 'x'),
	(2, 'duration_agg(d) / count(d), serial', cx_bench.ratio('duration', 'agg_d', 'count_d'), 1.3, 'max', 'x'),
	(3, 'tdigest(secs, 100) / duration_agg(secs) (speed-up)', cx_bench.ratio('duration', 'td', 'agg_secs'), 3.0, 'min', 'x'),
	(4, 'tdigest_percentile(secs, 100, q) / percentile(duration_agg(secs), q), the least of q = 0.5, 0.9, 0.99',
	 least(cx_bench.ratio('duration', 'td50', 'pct50'), cx_bench.ratio('duration', 'td90', 'pct90'),
		   cx_bench.ratio('duration', 'td99', 'pct99')), 3.0, 'min', 'x'),
	(5, 'largest relative error of percentile(duration_agg(secs), q), q = 0.5, 0.9, 0.99',
	 cx_bench.duration_maxerr('agg_secs'), 0.01, 'max', '%'),
	(6, 'largest relative error of percentile(duration_agg(d), q)', cx_bench.duration_maxerr('agg_d'), 0.01, 'max', '%'),
	(7, 'largest relative error of percentiles(rollup(s), q) over 365 days', cx_bench.duration_maxerr('rollup'), 0.01, 'max', '%'),
	(8, 'bytes: duration_agg(secs) / tdigest(secs, 100), the whole table',
	 (SELECT bytes FROM cx_bench.duration_approach WHERE approach = 'agg_secs')::float8
	 / nullif((SELECT bytes FROM cx_bench.duration_approach WHERE approach = 'td'), 0), 1.0, 'lt', 'x'),
	(9, 'bytes at alpha 1%, 500 cases', (SELECT bytes FROM cx_bench.duration_size WHERE ord = 500)::float8, 1024, 'max', 'B'),
	(10, 'bytes at alpha 1%, 10^6 cases spanning 1 s .. 30 days',
	 (SELECT bytes FROM cx_bench.duration_size WHERE ord = 1000000)::float8, 4096, 'max', 'B')
) AS t(ord, target, measured, goal, kind, fmt);

\echo
\echo '== summary: targets (ratios of medians, errors and sizes, all measured in this run) =='
SELECT target,
	   CASE fmt WHEN '%' THEN cx_bench.pct(measured) WHEN 'B' THEN measured::bigint::text
				ELSE to_char(measured, 'FM99990.00') END AS measured,
	   CASE kind WHEN 'max' THEN '<= ' WHEN 'min' THEN '>= ' ELSE '< ' END
	   || CASE fmt WHEN '%' THEN cx_bench.pct(goal) WHEN 'B' THEN goal::bigint::text
				   ELSE to_char(goal, 'FM990.0') END AS target,
	   result
FROM cx_bench.duration_targets ORDER BY ord;
\if :have_tdigest
\else
SELECT '   n/a: ' || :'tdigest_why' AS cx_line \gset
\echo :cx_line
\endif
\echo
SELECT 'count(d) / count(secs): reading the interval column' AS "for information",
	   to_char(cx_bench.ratio('duration', 'count_d', 'count_secs'), 'FM990.00') AS measured
UNION ALL
SELECT 'duration_agg(secs) / count(d)', to_char(cx_bench.ratio('duration', 'agg_secs', 'count_d'), 'FM990.00')
UNION ALL
SELECT 'largest relative error of tdigest_percentile(secs, 100, q)', cx_bench.pct(cx_bench.duration_maxerr('td'))
UNION ALL
SELECT 'percentile_cont(0.5) / duration_agg(secs)', to_char(cx_bench.med('sort', 'cont') / nullif(cx_bench.med('duration', 'agg_secs'), 0), 'FM990.00')
UNION ALL
SELECT 'the arrays way / duration_agg(secs) (the rows, one pass)', to_char(cx_bench.med('sort', 'arrays') / nullif(cx_bench.med('duration', 'agg_secs'), 0), 'FM990.00')
UNION ALL
SELECT 'one pass / roll-up of 365 daily summaries', to_char(cx_bench.ratio('rollup', 'one_pass', 'rollup'), 'FM9999990.0');
