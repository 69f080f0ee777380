--
-- revenue_parallel: partial aggregation.  With parallel plans forced, the
-- plan must have a Partial Aggregate for revenue_agg() and rollup() (their
-- state is the summary type with a combine function), and every result
-- must equal the serial one exactly: summaries compared with =, and the
-- readers' rows.  cx_test.parallel_aggregation() (test/sql/setup.sql) reads
-- the plan: partial and finalize aggregates, a parallel scan, the workers
-- planned.
--

-- 300,000 customers, one to three subscriptions each with monthly amounts
-- (whole and with cents), some open-ended, some an upgrade or a downgrade
-- on the day the first one ends, some with a discount line; reproducible (a
-- hash stands in for random()).
CREATE TABLE rev_big_subs AS
SELECT i AS customer, 1 AS n, daterange(d, d + 20 + h % 200) AS during,
	   (ARRAY[9.99, 19, 29.50, 49, 99])[1 + h % 5]::numeric AS amount
FROM (SELECT i, hashint4(i) & 1048575 AS h, date '2021-01-01' + (hashint4(i + 7) & 1023) AS d
	  FROM generate_series(1, 300000) i) s
UNION ALL
-- the next plan, from the day the first ends (a third: up or down)
SELECT i, 2, daterange(d + 20 + h % 200, CASE WHEN h % 2 = 0 THEN NULL ELSE d + 500 + h % 300 END),
	   (ARRAY[19, 49, 99.90, 9.99])[1 + h % 4]::numeric
FROM (SELECT i, hashint4(i) & 1048575 AS h, date '2021-01-01' + (hashint4(i + 7) & 1023) AS d
	  FROM generate_series(1, 300000) i) s
WHERE h % 3 = 0
UNION ALL
-- a return after a lapse
SELECT i, 3, daterange(d + 240 + h % 50, CASE WHEN h % 4 = 0 THEN NULL ELSE d + 600 + h % 300 END), 29.50
FROM (SELECT i, hashint4(i) & 1048575 AS h, date '2021-01-01' + (hashint4(i + 7) & 1023) AS d
	  FROM generate_series(1, 300000) i) s
WHERE h % 3 = 1
UNION ALL
-- a discount inside the first subscription
SELECT i, 4, daterange(d + 5, d + 15), -5.00
FROM (SELECT i, hashint4(i) & 1048575 AS h, date '2021-01-01' + (hashint4(i + 7) & 1023) AS d
	  FROM generate_series(1, 300000) i) s
WHERE h % 7 = 0;
ALTER TABLE rev_big_subs ADD COLUMN tduring tstzrange;
UPDATE rev_big_subs SET tduring = tstzrange(lower(during)::timestamptz + interval '7 hours',
											upper(during)::timestamptz + interval '7 hours');
ANALYZE rev_big_subs;

-- the serial timelines, in a time zone with its own summer time rules
SET max_parallel_workers_per_gather = 0;
SET TIME ZONE 'Europe/Berlin';
CREATE TABLE rev_big AS
	SELECT customer, customer % 5 AS segment, mrr_agg(during, amount) AS mrr, mrr_agg(tduring, amount) AS tmrr
	FROM rev_big_subs GROUP BY customer;
ANALYZE rev_big;

-- The same four aggregates, serial and then parallel.
\set aggs 'revenue_agg(mrr, date ''2021-03-01'', interval ''1 month'', 36) AS m, revenue_agg(mrr, date ''2021-03-01'', interval ''1 month'', 36, 35) AS mc, revenue_agg(mrr, date ''2021-03-01'', interval ''7 days'', 150, 20) AS w, revenue_agg(tmrr, timestamptz ''2021-03-01'', interval ''1 month'', 36, 12) AS t'
\set grouped 'SELECT segment, revenue_agg(mrr, date ''2021-03-01'', interval ''1 month'', 36, 6) AS s FROM rev_big GROUP BY segment'
\set twostep 'SELECT revenue_agg(t.mrr, date ''2021-03-01'', interval ''1 month'', 36, 35) AS s FROM (SELECT customer, mrr_agg(during, amount) AS mrr FROM rev_big_subs GROUP BY customer) t'

CREATE TEMP TABLE serial AS SELECT :aggs FROM rev_big;
CREATE TEMP TABLE serial_grouped AS :grouped;
CREATE TEMP TABLE serial_twostep AS :twostep;
SELECT customers(m) AS customers, customers(m) = 300000 AS every_customer FROM serial;

-- parallel plans forced: no setup or tuple cost, any table size, two
-- workers doing all the scanning
SELECT * FROM cx_test.force_parallel();

-- the plan of the very statement that computes the parallel results
SELECT * FROM cx_test.parallel_aggregation('CREATE TEMP TABLE parallel AS SELECT ' || :'aggs' || ' FROM rev_big');
CREATE TEMP TABLE parallel AS SELECT :aggs FROM rev_big;
SELECT p.m = s.m AS monthly_equal, p.mc = s.mc AS cohorts_equal, p.w = s.w AS weekly_equal,
	   p.t = s.t AS tstz_equal
FROM parallel p, serial s;

SELECT * FROM cx_test.parallel_aggregation(:'grouped');
SELECT count(*) AS groups, bool_and(p.s = g.s) AS grouped_equal
FROM (:grouped) p JOIN serial_grouped g USING (segment);

-- The whole two-step query from the subscriptions (mrr_agg() per customer,
-- then revenue_agg()) under the forced parallel settings, whatever plan
-- they give: the serial result.
SELECT (:twostep) = (SELECT s FROM serial_twostep) AS twostep_equal,
	   (SELECT s FROM serial_twostep) = (SELECT mc FROM serial) AS twostep_is_stored;

-- mrr_agg() itself, in parallel: every customer's timeline as the serial one.
CREATE TEMP TABLE parallel_tl AS
	SELECT customer, mrr_agg(during, amount) AS mrr, mrr_agg(tduring, amount) AS tmrr FROM rev_big_subs GROUP BY customer;
SELECT count(*) AS customers, count(*) FILTER (WHERE p.mrr = b.mrr AND p.tmrr = b.tmrr) AS equal
FROM parallel_tl p JOIN rev_big b USING (customer);

-- rollup() of stored summaries also runs in parallel, and gives the whole
CREATE TABLE rev_parts AS
	SELECT customer % 2000 AS k, revenue_agg(mrr, date '2021-03-01', interval '1 month', 36, 35) AS s
	FROM rev_big GROUP BY 1;
ANALYZE rev_parts;
SELECT * FROM cx_test.parallel_aggregation('SELECT rollup(s) FROM rev_parts');
SELECT rollup(s) = (SELECT mc FROM serial) AS rollup_equal FROM rev_parts;

-- and the readers give the same rows
SELECT (SELECT array_agg(p ORDER BY period_start) FROM revenue_periods((SELECT rollup(s) FROM rev_parts)) p)
	 = (SELECT array_agg(p ORDER BY period_start) FROM revenue_periods((SELECT mc FROM serial)) p) AS periods_equal,
	   (SELECT array_agg(c ORDER BY cohort, period_offset) FROM revenue_cohort_retention((SELECT rollup(s) FROM rev_parts)) c)
	 = (SELECT array_agg(c ORDER BY cohort, period_offset) FROM revenue_cohort_retention((SELECT mc FROM serial)) c) AS cohorts_equal;

-- and the identity holds in every period of the parallel result
SELECT count(*) AS periods,
	   bool_and(mrr_at_start + new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr = mrr_at_end)
	   AS identity
FROM parallel, revenue_periods(parallel.mc);

RESET ALL;
DROP TABLE rev_big_subs, rev_big, rev_parts;
