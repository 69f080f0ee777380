--
-- planning: nps_margin, nps_sample_size, csat_margin, csat_sample_size.
-- The margin of error is the half-width of the Wald (normal) interval in
-- points, 100 * z * sqrt(var / n), with var = (p + d) - (p - d)^2 for NPS
-- (at most 1, the worst case) and p * (1 - p) for CSAT (at most 0.25, at
-- p = 0.5); the sample size is the smallest n whose margin is within the
-- target.  Every expected value below is worked by hand from those
-- formulas with z = 1.959963984540054 (95 %), 1.6448536269514722 (90 %) and
-- 2.5758293035489004 (99 %), the published two-sided normal quantiles.
--

--------------------------------------------------------------------------
-- Margins
--------------------------------------------------------------------------

SELECT
	-- worst case, n = 100, 95 %: 1.959963984540054 * 100 * sqrt(1 / 100) = 19.59963984540054
	abs(nps_margin(100) - 19.59963984540054) < 1e-12 AS nps_100,
	-- the default confidence is 0.95
	nps_margin(100) = nps_margin(100, 0.95) AS default_95,
	-- n = 400: half of it, 9.79981992270027
	abs(nps_margin(400) - 9.79981992270027) < 1e-12 AS nps_400,
	-- n = 1000, 90 %: 1.6448536269514722 * 100 / sqrt(1000) = 5.201484...
	abs(nps_margin(1000, 0.90) - 1.6448536269514722 * 100 / sqrt(1000)) < 1e-12 AS nps_1000_90,
	abs(nps_margin(1000, 0.90) - 5.2014839) < 1e-7 AS nps_1000_90_digits,
	-- shares 0.5 and 0.2: var = 0.7 - 0.3^2 = 0.61; 1.959963984540054 * 100 * sqrt(0.0061) = 15.30780...
	abs(nps_margin(100, 0.95, 0.5, 0.2) - 1.959963984540054 * 100 * sqrt(0.0061)) < 1e-12 AS nps_shares,
	abs(nps_margin(100, 0.95, 0.5, 0.2) - 15.3078081) < 1e-7 AS nps_shares_digits,
	-- p = d = 0.5 is the worst case itself: var = 1
	abs(nps_margin(100, 0.95, 0.5, 0.5) - nps_margin(100)) < 1e-12 AS half_and_half_is_worst,
	-- everyone a promoter (or everyone a passive): no variance, no margin
	nps_margin(100, 0.95, 1, 0) AS all_promoters, nps_margin(100, 0.95, 0, 0) AS all_passives,
	-- CSAT, worst case, n = 385, 95 %: 1.959963984540054 * 100 * sqrt(0.25 / 385) = 4.99445...
	abs(csat_margin(385) - 1.959963984540054 * 100 * sqrt(0.25 / 385)) < 1e-12 AS csat_385,
	abs(csat_margin(385) - 4.9944507) < 1e-7 AS csat_385_digits,
	-- share 0.9, n = 100, 99 %: 2.5758293035489004 * 100 * sqrt(0.09 / 100) = 7.72748791...
	abs(csat_margin(100, 0.99, 0.9) - 7.727487910646701) < 1e-12 AS csat_share_99,
	csat_margin(100, 0.95, 1) AS all_satisfied;

-- The margin falls with the square root of n: four times the responses,
-- half the margin, at any confidence.
SELECT bool_and(abs(nps_margin(4 * n, c) - nps_margin(n, c) / 2) < 1e-12
				AND abs(csat_margin(4 * n, c) - csat_margin(n, c) / 2) < 1e-12) AS sqrt_law,
	   -- and the CSAT worst case is half the NPS one (sqrt(0.25) / sqrt(1))
	   bool_and(abs(csat_margin(n, c) - nps_margin(n, c) / 2) < 1e-12) AS csat_half_of_nps
FROM generate_series(1, 2000, 37) n, unnest('{0.5, 0.8, 0.9, 0.95, 0.99, 0.999}'::float8[]) c;

--------------------------------------------------------------------------
-- Sample sizes
--------------------------------------------------------------------------

SELECT
	-- the margin of 100 responses asks for 100 responses
	nps_sample_size(nps_margin(100)) AS back_to_100,
	-- 5 points, worst case: (1.959963984540054 * 100 / 5)^2 = 1536.58... -> 1537
	nps_sample_size(5) AS nps_5_points,
	-- 1 point at 99 %: (257.58293035489004)^2 = 66348.96... -> 66349
	nps_sample_size(1, 0.99) AS nps_1_point_99,
	-- shares 0.5 and 0.2, 5 points: 0.61 * 1536.58... = 937.31... -> 938
	nps_sample_size(5, 0.95, 0.5, 0.2) AS nps_5_points_shares,
	-- CSAT, 5 points, worst case: 0.25 * 1536.58... = 384.15... -> 385 (the textbook number)
	csat_sample_size(5) AS csat_5_points,
	-- share 0.9, 3 points: 0.09 * (195.9963984540054 / 3)^2 = (19.59963984540054)^2 = 384.15... -> 385
	csat_sample_size(3, 0.95, 0.9) AS csat_3_points_90,
	-- no variance: one response is enough
	nps_sample_size(5, 0.95, 0, 0) AS no_variance, csat_sample_size(0.001, 0.95, 0) AS none_satisfied,
	-- a margin wider than the scale: one response
	nps_sample_size(500) AS wide;

-- The smallest n: its margin is within the target, and one fewer is not,
-- for many targets, confidences and shares.
SELECT count(*) AS cases,
	   bool_and(nps_margin(n_nps, c, p, d) <= m
				AND (n_nps = 1 OR nps_margin(n_nps - 1, c, p, d) > m)) AS nps_smallest,
	   bool_and(csat_margin(n_csat, c, p) <= m
				AND (n_csat = 1 OR csat_margin(n_csat - 1, c, p) > m)) AS csat_smallest,
	   -- and it is the ceiling of the closed form, or one off it at a boundary
	   bool_and(abs(n_nps - ceil(((p + d) - (p - d) ^ 2) * (100 * z / m) ^ 2)) <= 1) AS nps_near_formula
FROM (SELECT m, c, p, d, z,
			 nps_sample_size(m, c, p, d) AS n_nps, csat_sample_size(m, c, p) AS n_csat
	  FROM unnest('{0.5, 1, 2, 2.5, 3, 5, 7.5, 10, 20, 33.3}'::float8[]) m,
		   (VALUES (0.9, 1.6448536269514722), (0.95, 1.959963984540054), (0.99, 2.5758293035489004)) AS l(c, z),
		   (VALUES (0.5, 0.5), (0.6, 0.1), (0.3, 0.3), (0.05, 0.02), (0.7, 0.3)) AS s(p, d)) t;

--------------------------------------------------------------------------
-- Consistency with the intervals of a summary
--------------------------------------------------------------------------

-- nps_margin at a summary's own n and shares is the half-width of its Wald
-- interval, nps(s) - nps_lower(s, c, 'wald'), wherever that bound is not
-- clipped at -100; and z * csat_stderr(s) for CSAT (csat_lower is a Wilson
-- bound, so it is the standard error that matches).
SELECT setseed(0.77);
CREATE TEMP TABLE plan_summaries AS
	SELECT i, nps_summary(ARRAY(SELECT (floor(random() * 50))::bigint FROM generate_series(1, 11) j WHERE j > 0 * i)) AS s,
		   csat_summary(ARRAY(SELECT (floor(random() * 50))::bigint FROM generate_series(1, 5) j WHERE j > 0 * i)) AS c
	FROM generate_series(1, 300) i;
SELECT count(*) AS summaries,
	   count(*) FILTER (WHERE nps_lower(s, conf, 'wald') > -100) AS unclipped,
	   bool_and(abs(nps_margin(responses(s), conf, promoter_share(s), detractor_share(s))
					- (nps(s) - nps_lower(s, conf, 'wald'))) < 1e-9)
		   FILTER (WHERE nps_lower(s, conf, 'wald') > -100) AS nps_matches_wald,
	   bool_and(abs(nps_margin(responses(s), conf, promoter_share(s), detractor_share(s))
					- (nps_upper(s, conf, 'wald') - nps(s))) < 1e-9)
		   FILTER (WHERE nps_upper(s, conf, 'wald') < 100) AS nps_matches_wald_upper,
	   -- the same standard error: margin / nps_stderr is z
	   bool_and(abs(nps_margin(responses(s), 0.95, promoter_share(s), detractor_share(s)) / nps_stderr(s)
					- 1.959963984540054) < 1e-12) FILTER (WHERE nps_stderr(s) > 0) AS nps_margin_is_z_se,
	   bool_and(abs(csat_margin(responses(c), 0.95, satisfied(c)::float8 / responses(c)) / csat_stderr(c)
					- 1.959963984540054) < 1e-12) FILTER (WHERE csat_stderr(c) > 0) AS csat_margin_is_z_se
FROM plan_summaries, unnest('{0.8, 0.95, 0.99}'::float8[]) conf
WHERE responses(s) > 0 AND responses(c) > 0;

-- A summary with no passives: its shares may add up to 1 plus a rounding
-- error, which is accepted.  (1/3 + 2/3 in float8 is exactly 1; 0.1 + 0.9
-- too; 0.7 + 0.30000000000000004 is not, by one unit in the last place.)
SELECT nps_margin(3, 0.95, 1.0 / 3, 2.0 / 3) > 0 AS thirds,
	   nps_margin(10, 0.95, 0.7, 0.30000000000000004) > 0 AS one_ulp_over;

-- Adjusted-Wald, the default of nps_lower, is a different interval: for a
-- small sample it does not match the Wald margin (n = 10, 6 promoters, 1
-- detractor: adjusted counts 6.75, 2.25 + 1.5 ... see nps_stats).
SELECT abs(nps_margin(10, 0.95, 0.6, 0.1) - (nps(s) - nps_lower(s))) > 0.1 AS adjusted_differs
FROM (SELECT 'v1:0..10:1,0,0,0,0,0,0,3,0,0,6'::nps_summary AS s) t;

--------------------------------------------------------------------------
-- Errors: 22023 for arguments out of range (as the confidence checks of
-- the other statistics), 22003 for a sample size past what bigint holds
--------------------------------------------------------------------------

SELECT n, cx_test.line(cx_test.try_sql(q)) AS outcome
FROM unnest(ARRAY[
	'SELECT nps_margin(0)',
	'SELECT nps_margin(-5)',
	'SELECT csat_margin(0, 0.9)',
	'SELECT nps_margin(100, 0)',
	'SELECT nps_margin(100, 1)',
	'SELECT csat_margin(100, 1.5)',
	$$SELECT nps_margin(100, 'NaN')$$,
	'SELECT nps_margin(100, 0.95, -0.1, 0.2)',
	'SELECT nps_margin(100, 0.95, 0.5, 1.1)',
	$$SELECT nps_margin(100, 0.95, 'NaN', 0.2)$$,
	'SELECT nps_margin(100, 0.95, 0.7, 0.4)',
	'SELECT csat_margin(100, 0.95, 1.5)',
	'SELECT csat_margin(100, 0.95, -0.5)',
	'SELECT nps_sample_size(0)',
	'SELECT nps_sample_size(-1)',
	$$SELECT nps_sample_size('NaN')$$,
	$$SELECT csat_sample_size('Infinity')$$,
	'SELECT csat_sample_size(5, 0)',
	'SELECT nps_sample_size(5, 0.95, 0.6, 0.6)',
	'SELECT csat_sample_size(5, 0.95, 2)',
	'SELECT nps_sample_size(1e-10)',
	'SELECT csat_sample_size(1e-300, 0.999)'
]) WITH ORDINALITY AS c(q, n)
ORDER BY n;

-- NULL arguments give NULL (the functions are strict).
SELECT nps_margin(NULL) IS NULL AS margin_null, nps_sample_size(5, NULL) IS NULL AS confidence_null,
	   csat_margin(100, 0.95, NULL) IS NULL AS share_null;

DROP TABLE plan_summaries;
