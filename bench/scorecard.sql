/*
 * bench/scorecard.sql: the scorecard benchmark's measurements and report.
 * Needs bench/scorecard_setup.sql and bench/lib.sql first, in the same
 * session.
 *
 * psql variables: responses, interactions, reps, refresh_reps.
 *
 * The journey scorecards of cx_bench_journey, two ways:
 *   raw         touchpoint_scorecard, stage_scorecard, overall_scorecard:
 *               nps_agg / csat_agg / ces_agg over every response and
 *               duration_agg over every interaction (0.3.0:
 *               percentile_cont);
 *   from daily  the *_from_daily views: rollup() of the daily summaries
 *               and of daily_interactions' duration summaries (one row
 *               per day and touchpoint; 0.3.0: arrays of hours, unnested);
 * each for the whole year (12 months) and for one month (WHERE month = ...).
 * And the cost of keeping the daily tables: cx_journey_refresh() of the
 * whole year, of one month and of one day (the nightly job).
 * Serial plans, timed the way bench/lib.sql times queries; every query runs
 * to completion and reads every column of every row (row::text).
 */
\set ON_ERROR_STOP 1
\pset footer off
\pset null '-'
SELECT set_config(name, value, false)
FROM (VALUES ('client_min_messages', 'warning'), ('jit', 'off'), ('work_mem', '512MB'),
			 ('max_parallel_workers_per_gather', '0'), ('timezone', 'UTC')) AS s(name, value) \g /dev/null

\echo
\echo '== cx_metrics scorecard benchmark: raw rows against daily summaries =='

-- The first refresh, untimed: the daily tables must be full before the
-- scorecards are compared (the timed refreshes below rewrite the same rows).
SELECT cx_journey_refresh('cx_bench_journey', date '2025-01-01', date '2025-12-31') AS cx_daily_rows \gset

\pset tuples_only on
SELECT 'PostgreSQL' AS item, current_setting('server_version') AS value
UNION ALL SELECT 'cx_metrics', (SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics')
UNION ALL SELECT 'responses', to_char((SELECT count(*) FROM cx_bench_journey.responses), 'FM999,999,999')
	|| ' rows, ' || pg_size_pretty(pg_total_relation_size('cx_bench_journey.responses')) || ' with indexes; 21 touchpoints, 2025-01-01 .. 2025-12-31'
UNION ALL SELECT 'interactions', to_char((SELECT count(*) FROM cx_bench_journey.interactions), 'FM999,999,999')
	|| ' rows, ' || pg_size_pretty(pg_total_relation_size('cx_bench_journey.interactions')) || ' with indexes; 5 touchpoints'
UNION ALL SELECT 'daily tables', to_char((SELECT count(*) FROM cx_bench_journey.daily_summaries), 'FM999,999')
	|| ' daily_summaries rows, ' || pg_size_pretty(pg_total_relation_size('cx_bench_journey.daily_summaries'))
	|| '; ' || to_char((SELECT count(*) FROM cx_bench_journey.daily_interactions), 'FM999,999')
	|| ' daily_interactions rows, ' || pg_size_pretty(pg_total_relation_size('cx_bench_journey.daily_interactions'))
UNION ALL SELECT 'settings', 'shared_buffers ' || current_setting('shared_buffers') || ', work_mem '
	|| current_setting('work_mem') || ', jit ' || current_setting('jit') || ', serial plans'
UNION ALL SELECT 'timing', CASE WHEN cx_bench.have_cpu_clock()
	THEN 'CPU time of the backend (/proc/self/schedstat) around EXECUTE in PL/pgSQL'
	ELSE 'wall time around EXECUTE in PL/pgSQL (no CPU time: /proc/self/schedstat cannot be read)' END
UNION ALL SELECT 'runs', 'median of ' || :reps || ' runs after 1 warm-up run (refresh: ' || :refresh_reps
	|| '), queries interleaved round-robin';
\pset tuples_only off

-- The two ways agree (a check, not timed): every row and column of the
-- touchpoint scorecard, raw against from daily.
SELECT CASE WHEN count(*) = 0
			THEN 'touchpoint_scorecard and touchpoint_scorecard_from_daily agree on every row and column'
			ELSE 'WARNING: touchpoint_scorecard and touchpoint_scorecard_from_daily DISAGREE on ' || count(*) || ' rows' END AS cx_line
FROM ((SELECT * FROM cx_bench_journey.touchpoint_scorecard
	   EXCEPT ALL SELECT * FROM cx_bench_journey.touchpoint_scorecard_from_daily)
	  UNION ALL
	  (SELECT * FROM cx_bench_journey.touchpoint_scorecard_from_daily
	   EXCEPT ALL SELECT * FROM cx_bench_journey.touchpoint_scorecard)) AS d \gset
\echo '  ' :cx_line

--------------------------------------------------------------------------
-- Timings
--------------------------------------------------------------------------
INSERT INTO cx_bench.query
SELECT 'scorecard', row_number() OVER (ORDER BY g.ord, w.ord, s.ord),
	   g.grp || '_' || w.name || '_' || s.src,
	   rpad(g.grp || '_scorecard' || s.suffix, 33) || w.label,
	   format('SELECT count(*) FROM (SELECT v::text FROM cx_bench_journey.%I AS v %s) AS q',
			  g.grp || '_scorecard' || s.suffix, w.filter)
FROM (VALUES (1, 'touchpoint'), (2, 'stage'), (3, 'overall')) AS g(ord, grp),
	 (VALUES (1, 'year', 'all 12 months', ''),
			 (2, 'month', 'WHERE month = 2025-06-01', 'WHERE month = date ''2025-06-01''')) AS w(ord, name, label, filter),
	 (VALUES (1, 'raw', ''), (2, 'daily', '_from_daily')) AS s(ord, src, suffix);

INSERT INTO cx_bench.query VALUES
	('refresh', 1, 'year', 'cx_journey_refresh, the whole year (365 days)',
	 $$SELECT cx_journey_refresh('cx_bench_journey', date '2025-01-01', date '2025-12-31')$$),
	('refresh', 2, 'month', 'cx_journey_refresh, one month (30 days)',
	 $$SELECT cx_journey_refresh('cx_bench_journey', date '2025-06-01', date '2025-06-30')$$),
	('refresh', 3, 'day', 'cx_journey_refresh, one day (the nightly job)',
	 $$SELECT cx_journey_refresh('cx_bench_journey', date '2025-12-31', date '2025-12-31')$$);

-- Medians of each query's CPU time (wall time where the CPU clock cannot
-- be read), straight from cx_bench.timing: bench/lib.sql's views would
-- judge a section by wall time as soon as one of its queries is under
-- 100 ms, and the one-month queries from daily summaries are.  Their CPU
-- times are then within a scheduler tick (4 ms on some kernels) or so.
CREATE TEMP VIEW med AS
SELECT q.section, q.ord, q.key, q.label, count(*) AS runs,
	   CASE WHEN bool_and(t.cpu_ms IS NOT NULL) THEN 'cpu' ELSE 'wall' END AS clock,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY coalesce(t.cpu_ms, t.wall_ms)) AS ms,
	   min(coalesce(t.cpu_ms, t.wall_ms)) AS lo, max(coalesce(t.cpu_ms, t.wall_ms)) AS hi,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY t.wall_ms) AS wall
FROM cx_bench.query AS q
	 JOIN cx_bench.timing AS t USING (section, key)
WHERE t.rep > 0
GROUP BY q.section, q.ord, q.key, q.label;
CREATE FUNCTION pg_temp.m(p_section text, p_key text) RETURNS float8
	LANGUAGE sql STABLE
	RETURN (SELECT ms FROM med WHERE section = p_section AND key = p_key);

\echo
\echo '== the scorecards: raw rows against daily summaries (serial) =='
SELECT cx_bench.run_section('scorecard', :reps) \g /dev/null
SELECT m.label AS query, m.runs,
	   cx_bench.ms(m.ms) AS "median ms",
	   cx_bench.ms(m.lo) || '..' || cx_bench.ms(m.hi) AS "min..max",
	   cx_bench.ms(m.wall) AS "median wall ms",
	   CASE WHEN m.key LIKE '%_daily'
			THEN to_char(pg_temp.m('scorecard', replace(m.key, '_daily', '_raw')) / m.ms, 'FM99990.0') || ' x faster'
	   END AS "raw / from daily"
FROM med AS m
WHERE m.section = 'scorecard'
ORDER BY m.ord;
SELECT '   median ms, min..max: ' || CASE min(clock) WHEN 'cpu' THEN 'CPU time of the backend' ELSE 'wall time' END
	   AS cx_line FROM med WHERE section = 'scorecard' \gset
\echo :cx_line

\echo
\echo '== keeping the daily tables: cx_journey_refresh() =='
SELECT cx_bench.run_section('refresh', :refresh_reps) \g /dev/null
SELECT m.label AS refresh, m.runs,
	   cx_bench.ms(m.ms) AS "median ms",
	   cx_bench.ms(m.lo) || '..' || cx_bench.ms(m.hi) AS "min..max",
	   cx_bench.ms(m.wall) AS "median wall ms",
	   to_char(m.ms / pg_temp.m('scorecard', 'touchpoint_year_raw'), 'FM990.000')
		   AS "x raw touchpoint scorecard (year)"
FROM med AS m
WHERE m.section = 'refresh'
ORDER BY m.ord;
SELECT '   median ms, min..max: ' || CASE min(clock) WHEN 'cpu' THEN 'CPU time of the backend' ELSE 'wall time' END
	   AS cx_line FROM med WHERE section = 'refresh' \gset
\echo :cx_line

--------------------------------------------------------------------------
-- Summary
--------------------------------------------------------------------------
\echo
\echo '== summary =='
SELECT s.item, s.value
FROM (VALUES
	(1, 'touchpoint scorecard, the year: raw / from daily',
	 to_char(pg_temp.m('scorecard', 'touchpoint_year_raw') / pg_temp.m('scorecard', 'touchpoint_year_daily'), 'FM99990.0') || ' x'),
	(2, 'stage scorecard, the year: raw / from daily',
	 to_char(pg_temp.m('scorecard', 'stage_year_raw') / pg_temp.m('scorecard', 'stage_year_daily'), 'FM99990.0') || ' x'),
	(3, 'overall scorecard, the year: raw / from daily',
	 to_char(pg_temp.m('scorecard', 'overall_year_raw') / pg_temp.m('scorecard', 'overall_year_daily'), 'FM99990.0') || ' x'),
	(4, 'touchpoint scorecard, one month: raw / from daily',
	 to_char(pg_temp.m('scorecard', 'touchpoint_month_raw') / pg_temp.m('scorecard', 'touchpoint_month_daily'), 'FM99990.0') || ' x'),
	(5, 'refresh of the whole year / raw touchpoint scorecard (year)',
	 to_char(pg_temp.m('refresh', 'year') / pg_temp.m('scorecard', 'touchpoint_year_raw'), 'FM990.00') || ' x'),
	(6, 'refresh of one day',
	 cx_bench.ms(pg_temp.m('refresh', 'day')) || ' ms')
) AS s(ord, item, value)
ORDER BY s.ord;
