/*
 * bench/setup.sql: the benchmark's data, in schema cx_bench.  Run by bench/run.
 *
 * psql variables: rows, groups, window_rows, touchpoints, days, reuse (true/false).
 *
 *   cx_bench.survey         :rows raw responses: respondent, touchpoint, ts, day,
 *                           score (0..10, skewed like real surveys, about 2%
 *                           NULL), csat (1..5) and ces (1..7, CES 2.0), about
 *                           2% NULL each.  There are :groups respondents (each answers
 *                           rows/groups times), and the column's n_distinct is
 *                           set so that the planner sizes GROUP BY respondent's
 *                           hash table for the real number of groups.
 *   cx_bench.daily          one row per (touchpoint, day): nps_agg(score), and
 *                           the hand-written promoters/detractors/responses
 *   cx_bench.survey_float   the scores of cx_bench.survey as a CSV import types
 *                           them: score and ces double precision, csat real
 *   cx_bench.survey_window  :window_rows of the responses, in ts order,
 *                           indexed on (ts) INCLUDE (score) so that the window
 *                           queries read rows in order without a Sort
 *
 * The tables are UNLOGGED: that saves WAL while loading and changes nothing
 * for reading them.  VACUUM (FREEZE, ANALYZE) sets hint bits and the
 * visibility map, so no timed scan writes anything.  With reuse=true and an
 * earlier run's data of the same shape (bench/run --keep), nothing is rebuilt.
 */
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET work_mem = '512MB';
SET maintenance_work_mem = '512MB';

SELECT to_regclass('cx_bench.meta') IS NOT NULL AS cx_have_meta \gset
\set cx_reuse_ok false
\if :cx_have_meta
SELECT to_jsonb(m) = jsonb_build_object('format', 4, 'rows', :rows, 'groups', :groups,
		'window_rows', :window_rows, 'touchpoints', :touchpoints, 'days', :days)
	   AND :reuse AS cx_reuse_ok
	FROM cx_bench.meta AS m \gset
\endif

\if :cx_reuse_ok
\echo '  reusing the data of an earlier run (schema cx_bench)'
\else
DROP SCHEMA IF EXISTS cx_bench CASCADE;
CREATE SCHEMA cx_bench;
COMMENT ON SCHEMA cx_bench IS 'cx_metrics benchmark data (bench/run); safe to drop';

-- What the data was made from; "format" changes whenever this script does.
CREATE TABLE cx_bench.meta (format int, rows bigint, groups bigint, window_rows bigint, touchpoints int, days int);
INSERT INTO cx_bench.meta VALUES (4, :rows, :groups, :window_rows, :touchpoints, :days);

CREATE UNLOGGED TABLE cx_bench.survey (
	respondent	integer NOT NULL,
	touchpoint	integer NOT NULL,
	ts			timestamp NOT NULL,
	day			date NOT NULL,
	score		integer,
	csat		integer,
	ces			integer
);

\echo '  generating' :rows 'survey responses'
SELECT setseed(0.42) \g /dev/null
/*
 * Scores: a typical NPS survey, top-heavy with a tail of detractors
 * (probabilities for 0..10: .03 .01 .02 .02 .03 .06 .06 .12 .20 .20 .25, so
 * 23% detractors, 32% passives, 45% promoters, NPS about 22).  width_bucket
 * over the cumulative probabilities turns one random() into a score.
 */
INSERT INTO cx_bench.survey
SELECT g, tp, ts, ts::date, sc, cs, ce
FROM (SELECT 1 + (g - 1) % :groups AS g,
			 1 + floor(random() * :touchpoints)::integer AS tp,
			 timestamp '2022-01-01' + random() * (:days * interval '1 day') AS ts,
			 CASE WHEN random() < 0.02 THEN NULL
				  ELSE width_bucket(random(), '{.03,.04,.06,.08,.11,.17,.23,.35,.55,.75}'::float8[])
			 END AS sc,
			 -- CSAT 1..5 (.05 .08 .15 .37 .35: CSAT 72%) and CES 2.0 1..7
			 -- (.04 .06 .10 .15 .25 .25 .15: mean about 4.9), each about 2% NULL
			 CASE WHEN random() < 0.02 THEN NULL
				  ELSE 1 + width_bucket(random(), '{.05,.13,.28,.65}'::float8[])
			 END AS cs,
			 CASE WHEN random() < 0.02 THEN NULL
				  ELSE 1 + width_bucket(random(), '{.04,.10,.20,.35,.60,.85}'::float8[])
			 END AS ce
	  FROM generate_series(1, :rows) AS g) AS r;

\echo '  building the daily summaries and the window table'
CREATE UNLOGGED TABLE cx_bench.daily AS
SELECT touchpoint, day,
	   nps_agg(score) AS s,
	   count(*) FILTER (WHERE score >= 9) AS promoters,
	   count(*) FILTER (WHERE score <= 6) AS detractors,
	   count(score) AS responses
FROM cx_bench.survey
GROUP BY touchpoint, day
ORDER BY touchpoint, day;
CREATE INDEX daily_touchpoint_day ON cx_bench.daily (touchpoint, day);

CREATE UNLOGGED TABLE cx_bench.survey_float AS
SELECT score::float8 AS score, csat::real AS csat, ces::float8 AS ces FROM cx_bench.survey;

CREATE UNLOGGED TABLE cx_bench.survey_window AS
SELECT ts, score FROM (SELECT ts, score FROM cx_bench.survey LIMIT :window_rows) AS s ORDER BY ts;
CREATE INDEX survey_window_ts ON cx_bench.survey_window (ts) INCLUDE (score);

SELECT least(:rows, :groups) AS cx_respondents \gset
ALTER TABLE cx_bench.survey ALTER COLUMN respondent SET (n_distinct = :cx_respondents);
\echo '  VACUUM (FREEZE, ANALYZE)'
VACUUM (FREEZE, ANALYZE) cx_bench.survey;
VACUUM (FREEZE, ANALYZE) cx_bench.daily;
VACUUM (FREEZE, ANALYZE) cx_bench.survey_float;
VACUUM (FREEZE, ANALYZE) cx_bench.survey_window;
\endif
