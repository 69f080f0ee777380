--
-- weighted_parallel: the weighted summaries are exactly mergeable.  A
-- single serial pass, a forced parallel plan (partial aggregates combined),
-- a rollup of per-group summaries in any grouping, and aggregation in
-- random row orders all give the same summary, compared by its text form
-- (the exact decimal sums), not by an estimate.  Float sums of the same
-- weights differ between such orders in the last bits: shown too, as the
-- reason for the fixed-point representation.
--

SELECT setseed(0.75);
-- weights with every number of decimals up to 6 and magnitudes from 1e-6 to 1e6
CREATE TABLE wp AS
	SELECT i, i % 13 AS g, i % 1000 AS k,
		   CASE WHEN i % 97 = 0 THEN NULL ELSE floor(random() * 11)::int END AS score,
		   CASE WHEN i % 89 = 0 THEN NULL
				ELSE round((10 ^ (random() * 12 - 6))::numeric, 6 - floor(random() * 7)::int)::float8 END AS w
	FROM generate_series(1, 300000) i;
UPDATE wp SET w = 0.000001 WHERE w = 0;
ANALYZE wp;

-- serial results
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
	SELECT nps_weighted_agg(score, w)::text AS n,
		   csat_weighted_agg(score % 5 + 1, w)::text AS c,
		   csat_weighted_agg(score % 7 + 1, w, 7)::text AS c7,
		   ces_weighted_agg(score % 5 + 1, w, 5, true)::text AS e,
		   nps_weighted(score, w) AS nps, sum(w) AS float_sum
	FROM wp;
CREATE TEMP TABLE serial_grouped AS
	SELECT g, nps_weighted_agg(score, w)::text AS n FROM wp GROUP BY g;

-- a forced parallel plan: partial aggregates in the workers, combined
SELECT * FROM cx_test.force_parallel();
SELECT * FROM cx_test.parallel_aggregation(
	'SELECT nps_weighted_agg(score, w), csat_weighted_agg(score % 7 + 1, w, 7), ces_weighted_agg(score % 5 + 1, w, 5, true) FROM wp');
SELECT nps_weighted_agg(score, w)::text = s.n AS nps_same_bits,
	   csat_weighted_agg(score % 5 + 1, w)::text = s.c AS csat_same_bits,
	   csat_weighted_agg(score % 7 + 1, w, 7)::text = s.c7 AS csat7_same_bits,
	   ces_weighted_agg(score % 5 + 1, w, 5, true)::text = s.e AS ces_same_bits,
	   nps_weighted(score, w) = s.nps AS one_step_same
FROM wp, serial s GROUP BY s.n, s.c, s.c7, s.e, s.nps;
SELECT * FROM cx_test.parallel_aggregation('SELECT g, nps_weighted_agg(score, w) FROM wp GROUP BY g');
SELECT count(*) AS groups, bool_and(p.n = sg.n) AS grouped_same_bits
FROM (SELECT g, nps_weighted_agg(score, w)::text AS n FROM wp GROUP BY g) p JOIN serial_grouped sg USING (g);

-- rollup of stored summaries, itself in parallel, and in two levels
CREATE TABLE wp_parts AS SELECT k, g, nps_weighted_agg(score, w) AS s FROM wp GROUP BY k, g;
ANALYZE wp_parts;
SELECT * FROM cx_test.parallel_aggregation('SELECT rollup(s) FROM wp_parts');
SELECT rollup(s)::text = (SELECT n FROM serial) AS rollup_same_bits FROM wp_parts;
SELECT rollup(s)::text = (SELECT n FROM serial) AS two_level_same_bits
FROM (SELECT rollup(s) AS s FROM wp_parts GROUP BY k % 7) q;
RESET ALL;

-- random row orders (the aggregate's ORDER BY), and orders of the parts
SELECT count(*) AS orders, bool_and(t = (SELECT n FROM serial)) AS every_order_same_bits
FROM (SELECT nps_weighted_agg(score, w ORDER BY random())::text AS t FROM wp, generate_series(1, 3) r GROUP BY r) q;
SELECT count(*) AS orders, bool_and(t = (SELECT n FROM serial)) AS every_rollup_order_same_bits
FROM (SELECT rollup(s ORDER BY random())::text AS t FROM wp_parts, generate_series(1, 3) r GROUP BY r) q;
SELECT count(*) AS orders, bool_and(t = (SELECT e FROM serial)) AS ces_orders_same_bits
FROM (SELECT ces_weighted_agg(score % 5 + 1, w, 5, true ORDER BY random())::text AS t
	  FROM wp, generate_series(1, 2) r GROUP BY r) q;

-- The float sum of the same weights, in other orders: not the same bits
-- (which is why the summaries do not keep float sums).
SELECT count(DISTINCT f) > 1 AS float_sums_differ
FROM (SELECT sum(w ORDER BY random()) AS f FROM wp, generate_series(1, 5) r GROUP BY r
	  UNION ALL SELECT float_sum FROM serial) q;

DROP TABLE wp, wp_parts;
