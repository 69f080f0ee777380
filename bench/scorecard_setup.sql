/*
 * bench/scorecard_setup.sql: the scorecard benchmark's data, in the journey
 * schema cx_bench_journey (cx_journey_create).  Run by bench/scorecard.sh.
 *
 * psql variables: responses, interactions, reuse (true/false).
 *
 *   responses     :responses rows over the year 2025, in time order, at the
 *                 21 touchpoints of the default catalog, 40% NPS, 40% CSAT
 *                 (1..5), 20% CES (1..7), 3% of them unanswered (NULL),
 *                 from 1,000,000 customers;
 *   interactions  :interactions rows over the same year at 5 touchpoints,
 *                 with log-normal times to the first response and to the
 *                 resolution (medians from minutes to days), 2% unresolved.
 * Reproducible: every value is a hash of the row number.  The foreign keys
 * and secondary indexes of the two tables are dropped for the load and
 * created again after it (the same definitions), then the tables are
 * frozen and analyzed.  The daily summaries are left empty: bench/scorecard.sql
 * times their refresh.  With reuse=true and an earlier run's data of the
 * same shape (--keep), nothing is rebuilt.
 */
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET timezone = 'UTC';
CREATE SCHEMA IF NOT EXISTS cx_bench;

SELECT to_regclass('cx_bench.scorecard_meta') IS NOT NULL
	   AND to_regclass('cx_bench_journey.responses') IS NOT NULL AS cx_have_meta \gset
\set cx_reuse_ok false
\if :cx_have_meta
SELECT to_jsonb(m) = jsonb_build_object('format', 1, 'responses', :responses, 'interactions', :interactions)
	   AND :reuse AS cx_reuse_ok
	FROM cx_bench.scorecard_meta AS m \gset
\endif

\if :cx_reuse_ok
\echo '  reusing the journey data of an earlier run (schema cx_bench_journey)'
\else
DROP TABLE IF EXISTS cx_bench.scorecard_meta;
DROP SCHEMA IF EXISTS cx_bench_journey CASCADE;
SELECT cx_journey_create('cx_bench_journey', 'bigint') \g /dev/null

-- Keep the definitions of the foreign keys and secondary indexes, and drop
-- them for the load.
CREATE TEMP TABLE load_ddl AS
SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
			  pg_get_constraintdef(c.oid)) AS ddl,
	   format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS undo
FROM pg_constraint AS c
WHERE c.conrelid IN ('cx_bench_journey.responses'::regclass, 'cx_bench_journey.interactions'::regclass)
  AND c.contype = 'f'
UNION ALL
SELECT pg_get_indexdef(i.indexrelid), format('DROP INDEX %s', i.indexrelid::regclass)
FROM pg_index AS i
WHERE i.indrelid IN ('cx_bench_journey.responses'::regclass, 'cx_bench_journey.interactions'::regclass)
  AND NOT i.indisprimary;
SELECT undo FROM load_ddl \gexec

\echo '  generating' :responses 'responses'
INSERT INTO cx_bench_journey.responses (customer_id, touchpoint_id, metric, score, responded_at)
SELECT 1 + (h1 & 1048575) % 1000000,
	   1 + (i % 21),
	   m.metric,
	   CASE WHEN (h2 & 1023) < 31 THEN NULL
			WHEN m.metric = 'nps' THEN least(10, floor(11 * v ^ a))
			WHEN m.metric = 'csat' THEN least(5, 1 + floor(5 * v ^ (0.85 * a)))
			ELSE least(7, 1 + floor(7 * v ^ (0.9 * a))) END,
	   timestamptz '2025-01-01' + (i - 1) * (interval '365 days' / :responses)
FROM generate_series(1, :responses) AS i,
	 LATERAL (SELECT hashint8extended(i, 1) AS h1, hashint8extended(i, 2) AS h2) AS h,
	 LATERAL (SELECT CASE i % 5 WHEN 0 THEN 'ces' WHEN 1 THEN 'nps' WHEN 2 THEN 'csat'
							   WHEN 3 THEN 'nps' ELSE 'csat' END AS metric,
					 ((h2 >> 12) & 1048575)::float8 / 1048576 AS v,
					 0.25::float8 + 0.015 * (i % 21) AS a) AS m;

\echo '  generating' :interactions 'interactions'
INSERT INTO cx_bench_journey.interactions (customer_id, touchpoint_id, opened_at, first_response_at, resolved_at)
SELECT 1 + (h1 & 1048575) % 1000000, t.touchpoint_id, o.opened_at,
	   CASE WHEN (h2 & 1023) >= 5 THEN o.opened_at + f.first_h * interval '1 hour' END,
	   CASE WHEN (h2 >> 10 & 1023) >= 20 THEN o.opened_at + (f.first_h + f.resolve_h) * interval '1 hour' END
FROM generate_series(1, :interactions) AS i,
	 LATERAL (SELECT hashint8extended(i, 3) AS h1, hashint8extended(i, 4) AS h2, hashint8extended(i, 5) AS h3) AS h,
	 LATERAL (SELECT (ARRAY['support team', 'phone system', 'help center', 'billing', 'sales team'])[1 + i % 5] AS name,
					 timestamptz '2025-01-01' + (i - 1) * (interval '365 days' / :interactions) AS opened_at,
					 -- two standard normals (Box-Muller) from 20-bit uniforms
					 sqrt(-2 * ln(((h3 & 1048575) + 0.5::float8) / 1048576)) AS r,
					 2 * pi() * ((h3 >> 20 & 1048575)::float8 / 1048576) AS theta) AS o
	 JOIN cx_bench_journey.touchpoints AS t USING (name),
	 LATERAL (SELECT CASE name WHEN 'support team' THEN 3 WHEN 'phone system' THEN 0.08
							   WHEN 'help center' THEN 0.03 WHEN 'billing' THEN 10 ELSE 5 END
					 * exp(0.9 * r * cos(theta)) AS first_h,
					 CASE name WHEN 'support team' THEN 22 WHEN 'phone system' THEN 0.4
							   WHEN 'help center' THEN 0.3 WHEN 'billing' THEN 40 ELSE 30 END
					 * exp(0.9 * r * sin(theta)) AS resolve_h) AS f;

\echo '  creating the foreign keys and indexes again'
SELECT ddl FROM load_ddl \gexec
DROP TABLE load_ddl;

\echo '  VACUUM (FREEZE, ANALYZE)'
VACUUM (FREEZE, ANALYZE) cx_bench_journey.responses, cx_bench_journey.interactions;

CREATE TABLE cx_bench.scorecard_meta (format int, responses bigint, interactions bigint);
INSERT INTO cx_bench.scorecard_meta VALUES (1, :responses, :interactions);
\endif
