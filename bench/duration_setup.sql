/*
 * bench/duration_setup.sql: the duration benchmark's data, in schema
 * cx_bench.  Run by bench/duration.sh.
 *
 * psql variables: rows, reuse (true/false), have_tdigest (true/false).
 *
 *   cx_bench.durations         :rows case durations, log-normal: the log of
 *                              the seconds is normal with mean ln(1610)
 *                              (a median of about 27 minutes) and standard
 *                              deviation 1.55, clipped to [1 s, 30 days]
 *                              (about 4.75 standard deviations either
 *                              side, so the clip touches a few dozen rows
 *                              in 10 M), rounded to the microsecond;
 *                              secs float8 and d interval hold the same
 *                              value (d = make_interval(secs => secs)), day
 *                              spreads the rows over the 365 days of 2025
 *                              (reproducible: setseed, serial).
 *   cx_bench.duration_daily    one row per day: duration_agg(secs)
 *   cx_bench.duration_arrays   one row per day: array_agg(secs), the way the
 *                              journey's daily_interactions keeps its times
 *   cx_bench.duration_tdigest_daily  one row per day: tdigest(secs, 100),
 *                              where tdigest is installed
 *
 * UNLOGGED, frozen and analyzed, like bench/setup.sql's tables.  With
 * reuse=true and an earlier run's data of the same shape (--keep), nothing
 * is rebuilt.
 */
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET work_mem = '512MB';
SET maintenance_work_mem = '512MB';
CREATE SCHEMA IF NOT EXISTS cx_bench;

SELECT to_regclass('cx_bench.duration_meta') IS NOT NULL AS cx_have_meta \gset
\set cx_reuse_ok false
\if :cx_have_meta
SELECT to_jsonb(m) = jsonb_build_object('format', 1, 'rows', :rows, 'tdigest', :have_tdigest) AND :reuse AS cx_reuse_ok
	FROM cx_bench.duration_meta AS m \gset
\endif

\if :cx_reuse_ok
\echo '  reusing the duration data of an earlier run (cx_bench.durations)'
\else
DROP TABLE IF EXISTS cx_bench.duration_meta, cx_bench.durations, cx_bench.duration_daily,
	cx_bench.duration_arrays, cx_bench.duration_tdigest_daily;
CREATE TABLE cx_bench.duration_meta (format int, rows bigint, tdigest boolean);
INSERT INTO cx_bench.duration_meta VALUES (1, :rows, :have_tdigest);

CREATE UNLOGGED TABLE cx_bench.durations (
	day			date NOT NULL,
	secs		float8 NOT NULL,
	d			interval NOT NULL
);

\echo '  generating' :rows 'log-normal durations'
SET max_parallel_workers_per_gather = 0;	-- random() in one process, in one order
SELECT setseed(0.2718) \g /dev/null
-- Box-Muller: sqrt(-2 ln u1) cos(2 pi u2) is standard normal; 1 - random()
-- is in (0, 1], so the log is finite.
INSERT INTO cx_bench.durations
SELECT date '2025-01-01' + (i % 365)::int, x, make_interval(secs => x)
FROM (SELECT i, round(least(greatest(exp(ln(1610.0::float8) + 1.55 * z), 1.0), 2592000.0) * 1e6) / 1e6 AS x
	  FROM (SELECT i, sqrt(-2.0 * ln(1.0 - random())) * cos(2.0 * pi() * random()) AS z
			FROM generate_series(0, :rows - 1) AS i) AS n) AS v;

\echo '  daily summaries, daily arrays (365 days)'
CREATE UNLOGGED TABLE cx_bench.duration_daily AS
SELECT day, duration_agg(secs) AS s FROM cx_bench.durations GROUP BY day;
CREATE UNLOGGED TABLE cx_bench.duration_arrays AS
SELECT day, array_agg(secs) AS secs FROM cx_bench.durations GROUP BY day;
\if :have_tdigest
CREATE UNLOGGED TABLE cx_bench.duration_tdigest_daily AS
SELECT day, tdigest(secs, 100) AS td FROM cx_bench.durations GROUP BY day;
\endif
RESET max_parallel_workers_per_gather;

\echo '  VACUUM (FREEZE, ANALYZE)'
VACUUM (FREEZE, ANALYZE) cx_bench.durations;
VACUUM (FREEZE, ANALYZE) cx_bench.duration_daily;
VACUUM (FREEZE, ANALYZE) cx_bench.duration_arrays;
\if :have_tdigest
VACUUM (FREEZE, ANALYZE) cx_bench.duration_tdigest_daily;
\endif
\endif
