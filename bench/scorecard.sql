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
 *               percentile_cont over every interaction;
 *   from daily  the *_from_daily views: rollup() of the daily summaries
 *               (one row per day and touchpoint) and the percentiles over
 *               daily_interactions' arrays of hours;
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

\echo
\echo '== the scorecards: raw rows against daily summaries (serial) =='
SELECT cx_bench.run_section('scorecard', :reps) \g /dev/null
SELECT m.label AS query, m.runs,
	   cx_bench.ms(m.med) AS "median ms",
	   cx_bench.ms(m.lo) || '..' || cx_bench.ms(m.hi) AS "min..max",
	   CASE WHEN m.key LIKE '%_daily'
			THEN to_char(cx_bench.ratio('scorecard', replace(m.key, '_daily', '_raw'), m.key), 'FM99990.0') || ' x faster'
	   END AS "raw / from daily"
FROM cx_bench.medians AS m
WHERE m.section = 'scorecard'
ORDER BY m.ord;
SELECT cx_bench.clock_note('scorecard') AS cx_line \gset
\echo :cx_line

\echo
\echo '== keeping the daily tables: cx_journey_refresh() =='
SELECT cx_bench.run_section('refresh', :refresh_reps) \g /dev/null
SELECT m.label AS refresh, m.runs,
	   cx_bench.ms(m.med) AS "median ms",
	   cx_bench.ms(m.lo) || '..' || cx_bench.ms(m.hi) AS "min..max",
	   to_char(m.med / cx_bench.med('scorecard', 'touchpoint_year_raw'), 'FM990.000')
		   AS "x raw touchpoint scorecard (year)"
FROM cx_bench.medians AS m
WHERE m.section = 'refresh'
ORDER BY m.ord;
SELECT cx_bench.clock_note('refresh') AS cx_line \gset
\echo :cx_line

--------------------------------------------------------------------------
-- Summary
--------------------------------------------------------------------------
\echo
\echo '== summary =='
SELECT s.item, s.value
FROM (VALUES
	(1, 'touchpoint scorecard, the year: raw / from daily',
	 to_char(cx_bench.ratio('scorecard', 'touchpoint_year_raw', 'touchpoint_year_daily'), 'FM99990.0') || ' x'),
	(2, 'stage scorecard, the year: raw / from daily',
	 to_char(cx_bench.ratio('scorecard', 'stage_year_raw', 'stage_year_daily'), 'FM99990.0') || ' x'),
	(3, 'overall scorecard, the year: raw / from daily',
	 to_char(cx_bench.ratio('scorecard', 'overall_year_raw', 'overall_year_daily'), 'FM99990.0') || ' x'),
	(4, 'touchpoint scorecard, one month: raw / from daily',
	 to_char(cx_bench.ratio('scorecard', 'touchpoint_month_raw', 'touchpoint_month_daily'), 'FM99990.0') || ' x'),
	(5, 'refresh of the whole year / raw touchpoint scorecard (year)',
	 to_char(cx_bench.med('refresh', 'year') / cx_bench.med('scorecard', 'touchpoint_year_raw'), 'FM990.00') || ' x'),
	(6, 'refresh of one day',
	 cx_bench.ms(cx_bench.med('refresh', 'day')) || ' ms')
) AS s(ord, item, value)
ORDER BY s.ord;
