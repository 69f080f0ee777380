/*
 * bench/churn_setup.sql: the churn benchmark's data, in schema cx_bench.
 * Run by bench/churn.sh.
 *
 * psql variables: customers, reuse (true/false).
 *
 *   cx_bench.churn_customers  one row per customer: customer_id, and activity,
 *                             the range_agg() of 1 to 4 subscriptions
 *                             (reproducible: setseed).  Subscriptions start
 *                             from 2019-01-01 to 2024-12-31, last 1-40 or
 *                             30-429 days, follow each other after a lapse
 *                             of a few days, an overlap, or months; a third
 *                             of the last ones are open-ended.
 *
 * UNLOGGED, frozen and analyzed, like bench/setup.sql's tables.  With
 * reuse=true and an earlier run's data of the same shape (--keep), nothing
 * is rebuilt.
 */
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS cx_bench;

SELECT to_regclass('cx_bench.churn_meta') IS NOT NULL AS cx_have_meta \gset
\set cx_reuse_ok false
\if :cx_have_meta
SELECT to_jsonb(m) = jsonb_build_object('format', 1, 'customers', :customers) AND :reuse AS cx_reuse_ok
	FROM cx_bench.churn_meta AS m \gset
\endif

\if :cx_reuse_ok
\echo '  reusing the churn data of an earlier run (cx_bench.churn_customers)'
\else
DROP TABLE IF EXISTS cx_bench.churn_meta, cx_bench.churn_customers;
CREATE TABLE cx_bench.churn_meta (format int, customers bigint);
INSERT INTO cx_bench.churn_meta VALUES (1, :customers);

\echo '  generating' :customers 'customers'
SET max_parallel_workers_per_gather = 0;	-- random() in one process, in one order
SELECT setseed(0.1618) \g /dev/null
CREATE TEMP TABLE churn_subs AS
SELECT id, CASE WHEN n = nsubs AND r5 < 0.33 THEN NULL ELSE s + len END AS e, s
FROM (SELECT *, s0 + coalesce(sum(len + gap) OVER (PARTITION BY id ORDER BY n
								  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::int AS s
	  FROM (SELECT id, n, nsubs, s0, random() AS r5,
				   (CASE WHEN random() < 0.3 THEN 1 + floor(random() * 40)
						 ELSE 30 + floor(random() * 400) END)::int AS len,
				   (CASE WHEN random() < 0.4 THEN 1 + floor(random() * 10)
						 WHEN random() < 0.2 THEN -floor(random() * 20)
						 ELSE 30 + floor(random() * 300) END)::int AS gap
			FROM (SELECT id, 1 + floor(random() * 4)::int AS nsubs,
						 date '2019-01-01' + floor(random() * 2191)::int AS s0
				  FROM generate_series(1, :customers) id) c,
				 LATERAL generate_series(1, c.nsubs) n) d) x;

\echo '  merging them per customer: range_agg()'
CREATE UNLOGGED TABLE cx_bench.churn_customers AS
SELECT id AS customer_id, range_agg(daterange(s, e)) AS activity
FROM churn_subs GROUP BY id;
RESET max_parallel_workers_per_gather;
\echo '  VACUUM (FREEZE, ANALYZE)'
VACUUM (FREEZE, ANALYZE) cx_bench.churn_customers;
\endif
