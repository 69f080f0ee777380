-- nps_parallel: partial aggregation.  With parallel plans forced, the plan
-- must have a Partial Aggregate for every cx_metrics aggregate (their state
-- is nps_summary with a combine function), and the results must equal the
-- serial ones exactly.  cx_test.parallel_aggregation() (test/sql/setup.sql)
-- reads the plan: partial and finalize aggregates, a parallel scan, the
-- workers planned.

SELECT setseed(0.25);
CREATE TABLE big AS
	SELECT i AS id, i % 7 AS touchpoint,
		   CASE WHEN i % 50 = 0 THEN NULL ELSE (floor(random() * 11))::int END AS score
	FROM generate_series(1, 1000000) i;
ANALYZE big;

-- serial results
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
	SELECT nps_agg(score) AS s, nps(score) AS n, nps_agg(score::numeric) AS s_num,
		   count(score) AS c
	FROM big;
CREATE TEMP TABLE serial_grouped AS
	SELECT touchpoint, nps_agg(score) AS s FROM big GROUP BY touchpoint;

-- parallel results
SELECT * FROM cx_test.force_parallel();

SELECT * FROM cx_test.parallel_aggregation(
	'SELECT nps_agg(score), nps(score), nps_agg(score::numeric) FROM big');
SELECT s = nps_agg(score) AS nps_agg_equal,
	   n = nps(score) AS nps_equal,
	   s_num = nps_agg(score::numeric) AS numeric_equal,
	   responses(s) = c AS responses_match_count
FROM big, serial
GROUP BY s, n, s_num, c;

SELECT * FROM cx_test.parallel_aggregation(
	'SELECT touchpoint, nps_agg(score) FROM big GROUP BY touchpoint');
SELECT count(*) AS groups, bool_and(p.s = g.s) AS grouped_equal
FROM (SELECT touchpoint, nps_agg(score) AS s FROM big GROUP BY touchpoint) p
JOIN serial_grouped g USING (touchpoint);

-- rollup of stored summaries also runs in parallel
CREATE TABLE parts AS SELECT id % 20000 AS k, nps_agg(score) AS s FROM big GROUP BY 1;
ANALYZE parts;
SELECT * FROM cx_test.parallel_aggregation(
	'SELECT rollup(s) FROM parts');
SELECT rollup(s) = (SELECT s FROM serial) AS rollup_equal FROM parts;

RESET ALL;
DROP TABLE big, parts;
