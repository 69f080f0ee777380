-- nps_stats: standard error, Wald and adjusted-Wald intervals and the
-- two-sample test, checked against the published formulas (DESIGN.md s. 4)
-- written out here in SQL, and against hand-worked numbers.
-- Critical values are the published ones: z(0.90) = 1.6448536269514722,
-- z(0.95) = 1.959963984540054, z(0.99) = 2.5758293035489004 (cx_test.levels,
-- test/sql/setup.sql).

-- A summary from counts of promoters (scored 10), passives (8), detractors (0).
CREATE FUNCTION mk(p int, pa int, d int) RETURNS nps_summary
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT format('v1:0..10:%s,0,0,0,0,0,0,0,%s,0,%s', d, pa, p)::nps_summary $$;

-- The formulas, independently of the C code: NPS, SE and the interval.
CREATE FUNCTION ref_nps(p float8, pa float8, d float8) RETURNS float8
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT 100 * (p - d) / (p + pa + d) $$;
CREATE FUNCTION ref_se(p float8, pa float8, d float8) RETURNS float8
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT 100 * sqrt(((p + d) / n - ((p - d) / n) ^ 2) / n)
		  FROM (SELECT p + pa + d AS n) t $$;
CREATE FUNCTION ref_lower(p float8, pa float8, d float8, z float8) RETURNS float8
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT greatest(-100, ref_nps(p, pa, d) - z * ref_se(p, pa, d)) $$;
CREATE FUNCTION ref_upper(p float8, pa float8, d float8, z float8) RETURNS float8
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT least(100, ref_nps(p, pa, d) + z * ref_se(p, pa, d)) $$;

CREATE TABLE cases (p int, pa int, d int);
INSERT INTO cases VALUES
	(50, 30, 20), (60, 25, 15), (1, 0, 0), (0, 0, 1), (0, 1, 0), (5, 0, 0),
	(3, 0, 3), (1, 1, 1), (120, 80, 300), (7, 3, 1), (0, 40, 2), (999, 1, 0),
	(123456, 234567, 345678);

-- hand-worked: 50 / 30 / 20 -> NPS 30, p = .5, d = .2,
-- var = (.5 + .2) - (.5 - .2)^2 = .61, SE = 100 * sqrt(.61 / 100) = 7.8102...
-- Wald 95%: 30 -+ 1.95996 * 7.81025 = [14.6922, 45.3078]
-- adjusted Wald: 50.75 / 31.5 / 20.75 of n' = 103: NPS' = 29.1262,
-- SE' = 7.6915, 95% interval [14.0511, 44.2013]
SELECT round(nps(s)::numeric, 4) AS nps, round(nps_stderr(s)::numeric, 4) AS se,
	   round(nps_lower(s, 0.95, 'wald')::numeric, 4) AS wald_lower,
	   round(nps_upper(s, 0.95, 'wald')::numeric, 4) AS wald_upper,
	   round(nps_lower(s)::numeric, 4) AS adj_lower,
	   round(nps_upper(s)::numeric, 4) AS adj_upper
FROM (SELECT mk(50, 30, 20) AS s) t;

-- every case against the formulas, at three confidence levels
SELECT count(*) AS checks,
	   bool_and(abs(nps(s) - ref_nps(p, pa, d)) < 1e-9) AS nps_ok,
	   bool_and(abs(nps_stderr(s) - ref_se(p, pa, d)) < 1e-9) AS se_ok,
	   bool_and(abs(nps_lower(s, confidence, 'wald') - ref_lower(p, pa, d, z)) < 1e-9) AS wald_lower_ok,
	   bool_and(abs(nps_upper(s, confidence, 'wald') - ref_upper(p, pa, d, z)) < 1e-9) AS wald_upper_ok,
	   bool_and(abs(nps_lower(s, confidence, 'adjusted_wald')
					- ref_lower(p + 0.75, pa + 1.5, d + 0.75, z)) < 1e-9) AS adj_lower_ok,
	   bool_and(abs(nps_upper(s, confidence, 'adjusted_wald')
					- ref_upper(p + 0.75, pa + 1.5, d + 0.75, z)) < 1e-9) AS adj_upper_ok,
	   bool_and(nps_lower(s, confidence) = nps_lower(s, confidence, 'adjusted_wald')) AS default_is_adjusted
FROM cases, cx_test.levels, LATERAL (SELECT mk(p, pa, d) AS s) t;

-- all promoters, n = 5: Wald collapses to [100, 100]; adjusted Wald does not:
-- 5.75 / 1.5 / .75 of 8 -> NPS' 62.5, SE' 22.9640, 95% [17.4915, 100 (clipped)]
SELECT nps_lower(s, 0.95, 'wald') AS wald_lower, nps_upper(s, 0.95, 'wald') AS wald_upper,
	   round(nps_lower(s)::numeric, 4) AS adj_lower, nps_upper(s) AS adj_upper
FROM (SELECT mk(5, 0, 0) AS s) t;

-- intervals nest: a higher confidence gives a wider interval
SELECT bool_and(nps_lower(s, 0.99) <= nps_lower(s, 0.95) AND nps_lower(s, 0.95) <= nps_lower(s, 0.90)
				AND nps_upper(s, 0.90) <= nps_upper(s, 0.95) AND nps_upper(s, 0.95) <= nps_upper(s, 0.99))
	   AS nested
FROM cases, LATERAL (SELECT mk(p, pa, d) AS s) t;

-- two-sample test, hand-worked: a = 50 / 30 / 20 (NPS 30, SE 7.8102),
-- b = 60 / 25 / 15 (NPS 45, var .75 - .45^2 = .5475, SE 7.3993):
-- delta 15, SE sqrt(61 + 54.75) = 10.7587, z = 1.3942,
-- p = 2 * (1 - Phi(1.3942)) = 0.163252 (Phi from a normal table), 95% [-6.0867, 36.0867]
SELECT round(delta::numeric, 4) AS delta, round(stderr::numeric, 4) AS stderr,
	   round(z::numeric, 4) AS z, round(p_value::numeric, 6) AS p_value,
	   round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper
FROM nps_test(mk(50, 30, 20), mk(60, 25, 15));

-- the same test against the formulas: delta = b - a, SE = sqrt(SEa^2 + SEb^2)
SELECT count(*) AS checks,
	   bool_and(abs(t.delta - (ref_nps(b.p, b.pa, b.d) - ref_nps(a.p, a.pa, a.d))) < 1e-9) AS delta_ok,
	   bool_and(abs(t.stderr - sqrt(ref_se(a.p, a.pa, a.d) ^ 2 + ref_se(b.p, b.pa, b.d) ^ 2)) < 1e-9) AS se_ok,
	   bool_and(t.stderr = 0 OR abs(t.z - t.delta / t.stderr) < 1e-9) AS z_ok,
	   bool_and(t.stderr = 0 OR abs(t.lower - (t.delta - 1.959963984540054 * t.stderr)) < 1e-9) AS lower_ok,
	   bool_and(t.stderr = 0 OR abs(t.upper - (t.delta + 1.959963984540054 * t.stderr)) < 1e-9) AS upper_ok,
	   bool_and(t.stderr = 0 OR t.p_value BETWEEN 0 AND 1) AS p_in_range
FROM cases a, cases b, LATERAL nps_test(mk(a.p, a.pa, a.d), mk(b.p, b.pa, b.d)) t;

-- p-values against an independent normal CDF, cx_test.normal_cdf()
-- (test/sql/setup.sql: Simpson's rule, error far below 1e-9 here).
-- (for |z| >= 8, 2 * (1 - Phi(8)) = 1.2e-15, so p must be below 1.3e-15)
SELECT count(*) AS checks,
	   bool_and(CASE WHEN abs(t.z) < 8 THEN abs(t.p_value - 2 * (1 - cx_test.normal_cdf(abs(t.z)))) < 1e-9
					 ELSE t.p_value BETWEEN 0 AND 1.3e-15 END) AS p_ok,
	   count(*) FILTER (WHERE abs(t.z) >= 8) AS far_tail
FROM cases a, cases b, LATERAL nps_test(mk(a.p, a.pa, a.d), mk(b.p, b.pa, b.d)) t
WHERE t.stderr > 0;
-- swapping a and b flips the sign of delta only
SELECT abs(f.delta + r.delta) < 1e-12 AS antisymmetric, abs(f.p_value - r.p_value) < 1e-15 AS same_p,
	   abs(f.stderr - r.stderr) < 1e-12 AS same_se
FROM nps_test(mk(50, 30, 20), mk(60, 25, 15)) f, nps_test(mk(60, 25, 15), mk(50, 30, 20)) r;

-- a big sample with a real change is significant; a small one is not
SELECT p_value < 0.001 AS big_significant FROM nps_test(mk(5000, 3000, 2000), mk(5400, 2900, 1700));
SELECT p_value > 0.5 AS small_not_significant FROM nps_test(mk(5, 3, 2), mk(6, 2, 2));

-- a test needs variance: both samples constant -> z and p are NULL
SELECT delta, stderr, z IS NULL AS z_null, p_value IS NULL AS p_null, lower, upper
FROM nps_test(mk(4, 0, 0), mk(0, 0, 3));
-- an empty sample -> every field NULL; a NULL summary -> NULL
SELECT * FROM nps_test(mk(0, 0, 0), mk(1, 1, 1));
SELECT nps_test(NULL, mk(1, 1, 1)) IS NULL AS strict;
-- confidence is used for the interval
SELECT round(lower::numeric, 4) AS lower_99, round(upper::numeric, 4) AS upper_99
FROM nps_test(mk(50, 30, 20), mk(60, 25, 15), 0.99);

DROP TABLE cases;
DROP FUNCTION mk(int, int, int), ref_nps(float8, float8, float8), ref_se(float8, float8, float8),
	ref_lower(float8, float8, float8, float8), ref_upper(float8, float8, float8, float8);
