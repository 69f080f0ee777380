/*
 * bench/citus_setup.sql: the data of bench/citus.sh, on the coordinator of a
 * Citus cluster.  psql variable: rows.
 *
 * cx_bench.l_survey   :rows survey responses of :rows / 4 customers: an NPS
 *                     score (smallint, 0..10, 2% NULL) and a CSAT score
 *                     (smallint, 1..5, 2% NULL), a plain table on the
 *                     coordinator;
 * cx_bench.l_cust     :rows customers, one row each: activity, the
 *                     range_agg() of 1 to 4 subscriptions (datemultirange),
 *                     and timeline, the mrr_agg() of the same subscriptions
 *                     with monthly amounts, plain;
 * cx_bench.d_survey, cx_bench.d_cust   the same rows, distributed by
 *                     customer_id (8 shards, co-located).
 */
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;	-- random() in one process, in one order
CREATE SCHEMA IF NOT EXISTS cx_bench;
DROP TABLE IF EXISTS cx_bench.l_survey, cx_bench.l_cust, cx_bench.d_survey, cx_bench.d_cust;
SELECT setseed(0.31415) \g /dev/null

CREATE TABLE cx_bench.l_survey AS
SELECT g AS id, (1 + (g - 1) % greatest(:rows / 4, 1))::bigint AS customer_id,
	   CASE WHEN random() < 0.02 THEN NULL ELSE floor(random() * 11)::smallint END AS score,
	   CASE WHEN random() < 0.02 THEN NULL ELSE (1 + floor(random() * 5))::smallint END AS csat
FROM generate_series(1, :rows) g;

-- 1 to 4 subscriptions a customer from 2020 to 2024, with gaps and overlaps
CREATE TABLE cx_bench.l_cust AS
SELECT c::bigint AS customer_id, a.activity, a.timeline
FROM generate_series(1, :rows) c,
	 LATERAL (SELECT range_agg(r) AS activity, mrr_agg(r, amount) AS timeline
			  FROM (SELECT daterange(s, s + 30 + floor(random() * 700)::int) AS r,
						   (5 + floor(random() * 495))::numeric AS amount
					FROM (SELECT date '2020-01-01' + floor(random() * 1800)::int + 0 * c AS s
						  FROM generate_series(1, 1 + floor(random() * 4)::int + 0 * c) k) s0) s1) a;

CREATE TABLE cx_bench.d_survey (LIKE cx_bench.l_survey);
CREATE TABLE cx_bench.d_cust (LIKE cx_bench.l_cust);
SELECT create_distributed_table('cx_bench.d_survey', 'customer_id') \g /dev/null
SELECT create_distributed_table('cx_bench.d_cust', 'customer_id', colocate_with => 'cx_bench.d_survey') \g /dev/null
INSERT INTO cx_bench.d_survey SELECT * FROM cx_bench.l_survey;
INSERT INTO cx_bench.d_cust SELECT * FROM cx_bench.l_cust;
VACUUM ANALYZE cx_bench.l_survey;
VACUUM ANALYZE cx_bench.l_cust;
VACUUM ANALYZE cx_bench.d_survey;
VACUUM ANALYZE cx_bench.d_cust;
