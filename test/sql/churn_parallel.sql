-- churn_parallel: partial aggregation.  With parallel plans forced, the plan
-- must have a Partial Aggregate for churn_agg() and rollup() (their state is
-- churn_summary with a combine function), and every result must equal the
-- serial one exactly.  cx_test.parallel_aggregation() (test/sql/setup.sql)
-- reads the plan: partial and finalize aggregates, a parallel scan, the
-- workers planned.

-- 300,000 customers, one to three subscriptions each, some open-ended,
-- reproducible (a hash stands in for random()).
CREATE TABLE churn_big AS
SELECT i AS customer, i % 5 AS segment,
	   CASE WHEN h % 3 = 0
			THEN datemultirange(daterange(d, d + 20 + h % 200),
								daterange(d + 240 + h % 50, CASE WHEN h % 2 = 0 THEN NULL ELSE d + 500 + h % 300 END))
			ELSE datemultirange(daterange(d, CASE WHEN h % 4 = 0 THEN NULL ELSE d + 1 + h % 700 END))
	   END AS activity
FROM (SELECT i, hashint4(i) & 1048575 AS h, date '2021-01-01' + (hashint4(i + 7) & 1023) AS d
	  FROM generate_series(1, 300000) i) s;
ALTER TABLE churn_big ADD COLUMN tactivity tstzmultirange;
UPDATE churn_big SET tactivity = (SELECT range_agg(tstzrange(lower(r)::timestamptz + interval '7 hours',
															 upper(r)::timestamptz + interval '7 hours'))
								  FROM unnest(activity) r);
ANALYZE churn_big;

-- The same four aggregates, serial and then parallel.
\set aggs 'churn_agg(activity, date ''2021-03-01'', interval ''1 month'', 36) AS m, churn_agg(activity, date ''2021-03-01'', interval ''1 month'', 36, 35) AS mc, churn_agg(activity, date ''2021-03-01'', interval ''7 days'', 150, 20) AS w, churn_agg(tactivity, timestamptz ''2021-03-01'', interval ''1 month'', 36, 12) AS t'
\set grouped 'SELECT segment, churn_agg(activity, date ''2021-03-01'', interval ''1 month'', 36, 6) AS s FROM churn_big GROUP BY segment'

-- serial results, in a time zone with its own summer time rules
SET max_parallel_workers_per_gather = 0;
SET TIME ZONE 'Europe/Berlin';
CREATE TEMP TABLE serial AS SELECT :aggs FROM churn_big;
CREATE TEMP TABLE serial_grouped AS :grouped;

-- parallel plans forced: no setup or tuple cost, any table size, two
-- workers doing all the scanning
SELECT * FROM cx_test.force_parallel();

-- the plan of the very statement that computes the parallel results
SELECT * FROM cx_test.parallel_aggregation('CREATE TEMP TABLE parallel AS SELECT ' || :'aggs' || ' FROM churn_big');
CREATE TEMP TABLE parallel AS SELECT :aggs FROM churn_big;
SELECT p.m = s.m AS monthly_equal, p.mc = s.mc AS cohorts_equal, p.w = s.w AS weekly_equal,
	   p.t = s.t AS tstz_equal, customers(p.m) AS customers
FROM parallel p, serial s;

SELECT * FROM cx_test.parallel_aggregation(:'grouped');
SELECT count(*) AS groups, bool_and(p.s = g.s) AS grouped_equal
FROM (:grouped) p JOIN serial_grouped g USING (segment);

-- rollup() of stored summaries also runs in parallel, and gives the whole
CREATE TABLE churn_parts AS
	SELECT customer % 2000 AS k, churn_agg(activity, date '2021-03-01', interval '1 month', 36, 35) AS s
	FROM churn_big GROUP BY 1;
ANALYZE churn_parts;
SELECT * FROM cx_test.parallel_aggregation('SELECT rollup(s) FROM churn_parts');
SELECT rollup(s) = (SELECT mc FROM serial) AS rollup_equal FROM churn_parts;

-- and the readers give the same rows
SELECT (SELECT array_agg(p ORDER BY period_start) FROM churn_periods((SELECT rollup(s) FROM churn_parts)) p)
	 = (SELECT array_agg(p ORDER BY period_start) FROM churn_periods((SELECT mc FROM serial)) p) AS periods_equal,
	   (SELECT array_agg(c ORDER BY cohort, period_offset) FROM churn_cohort_retention((SELECT rollup(s) FROM churn_parts)) c)
	 = (SELECT array_agg(c ORDER BY cohort, period_offset) FROM churn_cohort_retention((SELECT mc FROM serial)) c) AS cohorts_equal;

RESET ALL;
DROP TABLE churn_big, churn_parts;
