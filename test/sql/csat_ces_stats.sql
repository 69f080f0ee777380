-- csat_ces_stats: the statistics of csat_summary and ces_summary checked
-- against independent values: published Wilson intervals, the formulas of
-- the spec (DESIGN.md s. 4, spec 0.2.0 "CSAT and CES") written out here in
-- SQL, the built-in avg() / stddev_samp() of the raw scores, and numbers
-- worked by hand in the comments.
-- Critical values are the published ones: z(0.90) = 1.6448536269514722,
-- z(0.95) = 1.959963984540054, z(0.99) = 2.5758293035489004 (cx_test.levels,
-- test/sql/setup.sql).

-- x satisfied (scored 5) of n (the others scored 1), on 1..5.
CREATE FUNCTION mk(x int, n int) RETURNS csat_summary
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT format('v1:1..5:%s,0,0,0,%s', n - x, x)::csat_summary $$;

-- The Wilson score interval for x of n, in percent, independently of the C code.
CREATE FUNCTION ref_wilson(x float8, n float8, z float8, upper bool) RETURNS float8
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT 100 * ((x / n + z * z / (2 * n))
						+ CASE WHEN upper THEN 1 ELSE -1 END
						  * z * sqrt((x / n) * (1 - x / n) / n + z * z / (4 * n * n)))
				 / (1 + z * z / n) $$;

-- p-values are checked against an independent normal CDF,
-- cx_test.normal_cdf() (test/sql/setup.sql: Simpson's rule, checked there
-- against a printed table).

--------------------------------------------------------------------------
-- CSAT: the Wilson interval
--------------------------------------------------------------------------

-- Published cases: Newcombe (1998), Statistics in Medicine 17:857-872,
-- Table I, method 3 (Wilson score interval without continuity correction),
-- 95%: 81/263 -> 0.2553..0.3662, 15/148 -> 0.0624..0.1605,
-- 0/20 -> 0..0.1611, 1/29 -> 0.0061..0.1718.
SELECT x, n, round((csat_lower(mk(x, n)) / 100)::numeric, 4) AS lower,
	   round((csat_upper(mk(x, n)) / 100)::numeric, 4) AS upper,
	   round((csat_lower(mk(x, n)) / 100)::numeric, 4) = pub_lower
	   AND round((csat_upper(mk(x, n)) / 100)::numeric, 4) = pub_upper AS as_published
FROM (VALUES (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0000, 0.1611),
			 (1, 29, 0.0061, 0.1718)) v(x, n, pub_lower, pub_upper)
ORDER BY n DESC;

-- Summaries on every scale 2..10, with counts from a formula; every
-- threshold t of every summary is checked against the formulas, at three
-- confidence levels:
--   csat = 100 x / n, satisfied = x (the counts of scores >= t),
--   csat_stderr = 100 sqrt(p (1 - p) / n), csat_lower/upper = Wilson.
CREATE TABLE dists (id int, k int, counts bigint[]);
INSERT INTO dists
	SELECT row_number() OVER (), k, c
	FROM generate_series(2, 10) k,
		 LATERAL (VALUES
			(ARRAY(SELECT (i * 7 + k) % 11 FROM generate_series(1, k) i)),
			(ARRAY(SELECT i * i FROM generate_series(1, k) i)),
			(ARRAY(SELECT CASE WHEN i = k THEN 5 ELSE 0 END FROM generate_series(1, k) i)),
			(ARRAY(SELECT CASE WHEN i = 1 THEN 3 ELSE 0 END FROM generate_series(1, k) i)),
			(ARRAY(SELECT CASE WHEN i = 1 THEN 1 ELSE 0 END FROM generate_series(1, k) i)),
			(ARRAY(SELECT 1000003 * i + 17 * k FROM generate_series(1, k) i))) v(c);
CREATE VIEW thresholds AS
	SELECT d.id, d.k, t, format('v1:1..%s:%s', d.k, array_to_string(d.counts, ','))::csat_summary AS s,
		   (SELECT sum(c) FROM unnest(d.counts) WITH ORDINALITY u(c, i) WHERE i >= t)::float8 AS x,
		   (SELECT sum(c) FROM unnest(d.counts) c)::float8 AS n,
		   t = CASE WHEN d.k >= 4 THEN d.k - 1 ELSE d.k END AS is_default
	FROM dists d, generate_series(1, d.k) t;

SELECT count(*) AS checks, count(DISTINCT k) AS scales,
	   bool_and(satisfied(s, t) = x) AS satisfied_ok,
	   bool_and(abs(csat(s, t) - 100 * x / n) < 1e-9) AS csat_ok,
	   bool_and(abs(csat_stderr(s, t) - 100 * sqrt((x / n) * (1 - x / n) / n)) < 1e-9) AS stderr_ok,
	   bool_and(abs(csat_lower(s, confidence, t) - ref_wilson(x, n, z, false)) < 1e-9) AS wilson_lower_ok,
	   bool_and(abs(csat_upper(s, confidence, t) - ref_wilson(x, n, z, true)) < 1e-9) AS wilson_upper_ok,
	   bool_and(csat_lower(s, confidence, t) >= 0 AND csat_upper(s, confidence, t) <= 100
				AND csat_lower(s, confidence, t) <= csat(s, t)
				AND csat(s, t) <= csat_upper(s, confidence, t)) AS inside_0_100
FROM thresholds, cx_test.levels;

-- The default threshold (the argument left out) is the top two points when
-- k >= 4, the top point when k <= 3, for every accessor.  The forms with a
-- threshold are STRICT: a NULL threshold gives NULL, as for any strict function.
SELECT count(*) AS checks,
	   bool_and(satisfied(s) = satisfied(s, t) AND satisfied(s, NULL) IS NULL) AS satisfied_default,
	   bool_and(csat(s) = csat(s, t) AND csat(s, NULL) IS NULL) AS csat_default,
	   bool_and(csat_stderr(s) = csat_stderr(s, t) AND csat_stderr(s, NULL) IS NULL) AS stderr_default,
	   bool_and(csat_lower(s) = csat_lower(s, 0.95, t) AND csat_upper(s) = csat_upper(s, 0.95, t)
				AND csat_lower(s, 0.9) = csat_lower(s, 0.9, t)
				AND csat_upper(s, 0.99, NULL) IS NULL) AS interval_default
FROM thresholds
WHERE is_default;

-- Wilson at the edges, 95%: 0 of 1 -> [0, 79.3451] (z^2 / (1 + z^2));
-- 1 of 1 -> [20.6549, 100]; 5 of 5 -> [56.5518, 100] (5 / (5 + z^2); not the
-- Wald [100, 100]).  stderr 0 in all three.
SELECT x, n, round(csat_lower(mk(x, n))::numeric, 4) AS lower, round(csat_upper(mk(x, n))::numeric, 4) AS upper,
	   round(csat_stderr(mk(x, n))::numeric, 4) AS stderr
FROM (VALUES (0, 1), (1, 1), (5, 5)) v(x, n);

-- intervals nest: a higher confidence gives a wider interval
SELECT bool_and(csat_lower(s, 0.99, t) <= csat_lower(s, 0.95, t) AND csat_lower(s, 0.95, t) <= csat_lower(s, 0.90, t)
				AND csat_upper(s, 0.90, t) <= csat_upper(s, 0.95, t) AND csat_upper(s, 0.95, t) <= csat_upper(s, 0.99, t))
	   AS nested
FROM thresholds;

--------------------------------------------------------------------------
-- The mean and its interval, against avg() and stddev_samp()
--------------------------------------------------------------------------

-- Raw scores in groups of every scale 2..10 and both CES directions, of
-- sizes 1 to 1000, with skewed distributions; group 16 is constant.
SELECT setseed(0.3141);
CREATE TABLE raw (g int, k int, lib bool, score int);
INSERT INTO raw
	SELECT g, k, lib, 1 + least(k - 1, floor(k * power(random(), skew)))::int
	FROM (VALUES (1, 5, false, 200, 0.5), (2, 5, false, 37, 1.0), (3, 5, false, 1, 1.0),
				 (4, 7, false, 500, 0.7), (5, 7, false, 3, 1.0), (6, 2, false, 50, 0.8),
				 (7, 3, false, 80, 1.2), (8, 4, false, 60, 0.6), (9, 10, false, 1000, 0.6),
				 (10, 5, true, 150, 1.5), (11, 6, false, 45, 1.0), (12, 8, true, 70, 0.9),
				 (13, 9, false, 90, 0.4), (14, 7, true, 120, 2.0), (15, 5, true, 2, 1.0))
		 AS grp(g, k, lib, n, skew),
		 LATERAL generate_series(1, n) i;
INSERT INTO raw SELECT 16, 5, false, 4 FROM generate_series(1, 12);
INSERT INTO raw VALUES (1, 5, false, NULL), (4, 7, false, NULL), (10, 5, true, NULL);  -- ignored

CREATE TABLE groups AS
	SELECT g, k, lib, csat_agg(score, k) AS cs, ces_agg(score, k, lib) AS es,
		   avg(score)::float8 AS mean, stddev_samp(score)::float8 AS sd, count(score)::float8 AS n
	FROM raw GROUP BY g, k, lib;

-- mean = avg, mean_stderr = sd / sqrt(n), interval = mean -+ z se clipped
-- to [1, k]; ces(s) is the mean too.
SELECT count(*) AS checks,
	   bool_and(abs(mean(cs) - g.mean) < 1e-9 AND abs(mean(es) - g.mean) < 1e-9) AS mean_ok,
	   bool_and(abs(ces(es) - g.mean) < 1e-9) AS ces_is_mean,
	   bool_and(CASE WHEN n < 2 THEN mean_stderr(cs) IS NULL AND mean_stderr(es) IS NULL
					 ELSE abs(mean_stderr(cs) - sd / sqrt(n)) < 1e-9
						  AND abs(mean_stderr(es) - sd / sqrt(n)) < 1e-9 END) AS stderr_ok,
	   bool_and(CASE WHEN n < 2 THEN mean_lower(cs, confidence) IS NULL AND mean_upper(es, confidence) IS NULL
					 ELSE abs(mean_lower(cs, confidence) - greatest(1, g.mean - z * sd / sqrt(n))) < 1e-9
						  AND abs(mean_upper(cs, confidence) - least(k, g.mean + z * sd / sqrt(n))) < 1e-9
						  AND abs(mean_lower(es, confidence) - greatest(1, g.mean - z * sd / sqrt(n))) < 1e-9
						  AND abs(mean_upper(es, confidence) - least(k, g.mean + z * sd / sqrt(n))) < 1e-9
				END) AS interval_ok,
	   bool_and(n < 2 OR (mean_lower(cs) = mean_lower(cs, 0.95) AND mean_upper(es) = mean_upper(es, 0.95))) AS default_95,
	   count(*) FILTER (WHERE n >= 2 AND (g.mean - z * sd / sqrt(n) < 1 OR g.mean + z * sd / sqrt(n) > k)) AS clipped
FROM groups g, cx_test.levels;

-- constant scores: se 0, the interval is the point
SELECT mean(cs), mean_stderr(cs), mean_lower(cs), mean_upper(cs) FROM groups WHERE g = 16;

-- hand-worked: 5, 5, 4, 4, 4, 3, 2, 1 -> mean 3.5, sample sd sqrt(2),
-- se sqrt(2) / sqrt(8) = 0.5, 95% 3.5 -+ 0.98 = [2.5200, 4.4800];
-- CSAT 5 / 8 = 62.5, stderr 100 sqrt(.625 * .375 / 8) = 17.1163,
-- Wilson 95% [30.5742, 86.3156]
SELECT mean(s), mean_stderr(s), round(mean_lower(s)::numeric, 4) AS mean_lower,
	   round(mean_upper(s)::numeric, 4) AS mean_upper, csat(s),
	   round(csat_stderr(s)::numeric, 4) AS csat_stderr,
	   round(csat_lower(s)::numeric, 4) AS csat_lower, round(csat_upper(s)::numeric, 4) AS csat_upper
FROM (SELECT csat_agg(x) AS s FROM unnest(ARRAY[5, 5, 4, 4, 4, 3, 2, 1]) x) t;

--------------------------------------------------------------------------
-- mean_test
--------------------------------------------------------------------------

-- Every pair of groups of one scale and direction: delta = mean(b) - mean(a),
-- stderr = sqrt(se_a^2 + se_b^2), z = delta / stderr,
-- p = 2 (1 - Phi(|z|)), interval delta -+ z_conf stderr.
CREATE VIEW mean_pairs AS
	SELECT a.g AS ga, b.g AS gb, a.cs AS csa, b.cs AS csb, a.es AS esa, b.es AS esb,
		   b.mean - a.mean AS delta, sqrt(a.sd ^ 2 / a.n + b.sd ^ 2 / b.n) AS se
	FROM groups a JOIN groups b ON a.k = b.k AND a.lib = b.lib
	WHERE a.n >= 2 AND b.n >= 2;
SELECT count(*) AS checks,
	   bool_and(abs(t.delta - p.delta) < 1e-9 AND abs(u.delta - p.delta) < 1e-9) AS delta_ok,
	   bool_and(abs(t.stderr - p.se) < 1e-9 AND abs(u.stderr - p.se) < 1e-9) AS stderr_ok,
	   bool_and(p.se = 0 OR (abs(t.z - p.delta / p.se) < 1e-9 AND abs(u.z - p.delta / p.se) < 1e-9)) AS z_ok,
	   bool_and(p.se = 0 OR abs(t.p_value - 2 * (1 - cx_test.normal_cdf(abs(p.delta / p.se)))) < 1e-9) AS p_ok,
	   bool_and(p.se = 0 OR abs(u.p_value - t.p_value) < 1e-12) AS ces_same_p,
	   bool_and(abs(t.lower - (p.delta - l.z * p.se)) < 1e-9 AND abs(t.upper - (p.delta + l.z * p.se)) < 1e-9
				AND abs(u.lower - (p.delta - l.z * p.se)) < 1e-9 AND abs(u.upper - (p.delta + l.z * p.se)) < 1e-9)
		   AS interval_ok
FROM mean_pairs p, cx_test.levels l,
	 LATERAL mean_test(p.csa, p.csb, l.confidence) t,
	 LATERAL mean_test(p.esa, p.esb, l.confidence) u;

-- swapping a and b flips the sign of delta only
SELECT abs(f.delta + r.delta) < 1e-12 AS antisymmetric, abs(f.p_value - r.p_value) < 1e-15 AS same_p,
	   abs(f.stderr - r.stderr) < 1e-12 AS same_se
FROM (SELECT cs FROM groups WHERE g = 1) a, (SELECT cs FROM groups WHERE g = 2) b,
	 LATERAL mean_test(a.cs, b.cs) f, LATERAL mean_test(b.cs, a.cs) r;

-- the scalar mean_test, hand-worked: 4.0 (sd 1.0, n 100) against 4.3 (sd 1.2,
-- n 144): stderr = sqrt(.01 + .01) = 0.141421, z = 2.1213,
-- p = 2 (1 - Phi(2.1213)) = 0.033895, 95% [0.022819, 0.577181]
SELECT round(delta::numeric, 6) AS delta, round(stderr::numeric, 6) AS stderr, round(z::numeric, 4) AS z,
	   round(p_value::numeric, 6) AS p_value, round(lower::numeric, 6) AS lower, round(upper::numeric, 6) AS upper
FROM mean_test(4.0, 1.0, 100, 4.3, 1.2, 144);

-- the scalar mean_test against the formulas, and against the summary form
-- fed the same means, standard deviations and counts
SELECT count(*) AS checks,
	   bool_and(abs(m.delta - p.delta) < 1e-9 AND abs(m.stderr - p.se) < 1e-9) AS scalar_ok,
	   bool_and(p.se = 0 OR (abs(m.z - p.delta / p.se) < 1e-9
							 AND abs(m.p_value - 2 * (1 - cx_test.normal_cdf(abs(p.delta / p.se)))) < 1e-9)) AS scalar_p_ok,
	   bool_and(abs(m.lower - t.lower) < 1e-9 AND abs(m.upper - t.upper) < 1e-9
				AND (p.se = 0 OR abs(m.p_value - t.p_value) < 1e-9)) AS same_as_summary_form
FROM mean_pairs p, cx_test.levels l,
	 LATERAL (SELECT a.mean AS ma, a.sd AS sa, a.n AS na FROM groups a WHERE a.g = p.ga) a,
	 LATERAL (SELECT b.mean AS mb, b.sd AS sb, b.n AS nb FROM groups b WHERE b.g = p.gb) b,
	 LATERAL mean_test(a.ma, a.sa, a.na::bigint, b.mb, b.sb, b.nb::bigint, l.confidence) m,
	 LATERAL mean_test(p.csa, p.csb, l.confidence) t;

-- both samples constant: no variance, so z and p are not numbers
SELECT delta, stderr, z IS NULL AS z_null, p_value IS NULL AS p_null, lower, upper
FROM mean_test('v1:1..5:0,0,0,4,0'::csat_summary, 'v1:1..5:0,0,0,0,3'::csat_summary);

--------------------------------------------------------------------------
-- csat_test and proportion_test
--------------------------------------------------------------------------

-- hand-worked: a = 80 of 100 satisfied, b = 90 of 100.  delta 10 points;
-- pooled p = .85, z = .1 / sqrt(.85 * .15 * (1/100 + 1/100)) = 1.9803,
-- p = 2 (1 - Phi(1.9803)) = 0.047670; unpooled stderr
-- 100 sqrt(.8 * .2 / 100 + .9 * .1 / 100) = 5, 95% [0.2002, 19.7998]
SELECT round(delta::numeric, 4) AS delta, round(stderr::numeric, 4) AS stderr, round(z::numeric, 4) AS z,
	   round(p_value::numeric, 6) AS p_value, round(lower::numeric, 4) AS lower, round(upper::numeric, 4) AS upper
FROM csat_test(mk(80, 100), mk(90, 100));
-- the same counts as fractions
SELECT round(delta::numeric, 6) AS delta, round(stderr::numeric, 6) AS stderr, round(z::numeric, 4) AS z,
	   round(p_value::numeric, 6) AS p_value, round(lower::numeric, 6) AS lower, round(upper::numeric, 6) AS upper
FROM proportion_test(80, 100, 90, 100);

-- every pair of summaries of one scale, every threshold, three levels:
-- delta = 100 (pb - pa); z = (pb - pa) / sqrt(pp (1 - pp) (1/na + 1/nb)),
-- pp = (xa + xb) / (na + nb); p = 2 (1 - Phi(|z|)); stderr =
-- 100 sqrt(pa (1 - pa) / na + pb (1 - pb) / nb); interval delta -+ z_conf stderr.
CREATE VIEW prop_pairs AS
	SELECT a.s AS sa, b.s AS sb, a.t, a.x AS xa, a.n AS na, b.x AS xb, b.n AS nb,
		   b.x / b.n - a.x / a.n AS d,
		   (a.x + b.x) / (a.n + b.n) AS pp,
		   sqrt((a.x / a.n) * (1 - a.x / a.n) / a.n + (b.x / b.n) * (1 - b.x / b.n) / b.n) AS se
	FROM thresholds a JOIN thresholds b ON a.k = b.k AND a.t = b.t;
SELECT count(*) AS checks,
	   bool_and(abs(c.delta - 100 * p.d) < 1e-9) AS delta_ok,
	   bool_and(abs(c.stderr - 100 * p.se) < 1e-9) AS stderr_ok,
	   bool_and(p.pp IN (0, 1)
				OR abs(c.z - p.d / sqrt(p.pp * (1 - p.pp) * (1 / p.na + 1 / p.nb))) < 1e-9) AS pooled_z_ok,
	   -- (p does not depend on the level: checked once, Simpson's rule is slow)
	   bool_and(CASE WHEN p.pp IN (0, 1) OR l.confidence <> 0.95 THEN true
					 ELSE abs(c.p_value - 2 * (1 - cx_test.normal_cdf(abs(c.z)))) < 1e-9 END) AS p_ok,
	   bool_and(abs(c.lower - 100 * (p.d - l.z * p.se)) < 1e-9
				AND abs(c.upper - 100 * (p.d + l.z * p.se)) < 1e-9) AS interval_ok,
	   -- proportion_test on the same counts: the same test, as fractions
	   bool_and(abs(r.delta - p.d) < 1e-12 AND abs(r.stderr - p.se) < 1e-12
				AND abs(r.lower - (p.d - l.z * p.se)) < 1e-12 AND abs(r.upper - (p.d + l.z * p.se)) < 1e-12
				AND (p.pp IN (0, 1) OR (abs(r.z - c.z) < 1e-9 AND abs(r.p_value - c.p_value) < 1e-12)))
		   AS proportion_test_ok
FROM prop_pairs p, cx_test.levels l,
	 LATERAL csat_test(p.sa, p.sb, l.confidence, p.t) c,
	 LATERAL proportion_test(p.xa::bigint, p.na::bigint, p.xb::bigint, p.nb::bigint, l.confidence) r;

-- the default threshold of csat_test (left out) is the default of csat();
-- a NULL threshold gives a NULL result (STRICT)
SELECT count(*) AS checks,
	   bool_and(c.delta = d.delta AND c.z IS NOT DISTINCT FROM d.z AND c.lower = d.lower) AS default_ok,
	   bool_and(nt IS NULL) AS null_gives_null
FROM prop_pairs p JOIN thresholds t ON t.s = p.sa AND t.t = p.t AND t.is_default,
	 LATERAL csat_test(p.sa, p.sb, 0.95, p.t) c, LATERAL csat_test(p.sa, p.sb) d,
	 LATERAL csat_test(p.sa, p.sb, 0.95, NULL) nt;

-- a big sample with a real change is significant (80% -> 82% of 10,000:
-- z = 3.60, p = 0.0003); a small one is not (4 of 5 -> 3 of 5: pooled .7,
-- z = -.2 / sqrt(.7 * .3 * .4) = -0.6901, p = 0.4902)
SELECT p_value < 0.001 AS big_significant FROM csat_test(mk(8000, 10000), mk(8200, 10000));
SELECT round(z::numeric, 4) AS z, round(p_value::numeric, 4) AS p_value
FROM csat_test(mk(4, 5), mk(3, 5));
-- no variance when pooled (everyone satisfied in both): z and p not numbers
SELECT delta, stderr, z IS NULL AS z_null, p_value IS NULL AS p_null, lower, upper
FROM csat_test(mk(5, 5), mk(7, 7));
SELECT delta, stderr, z IS NULL AS z_null, p_value IS NULL AS p_null, lower, upper
FROM proportion_test(0, 4, 0, 9);

--------------------------------------------------------------------------
-- CES: easy, difficult, net effort
--------------------------------------------------------------------------

-- CES 2.0, hand-worked: 7, 7, 6, 6, 5, 4, 3, 1 -> easy (5-7) 5, difficult
-- (1-3) 2, n 8: net effort 100 * 3 / 8 = 37.5, mean 39 / 8 = 4.875.
-- stderr 100 sqrt((7/8 - (3/8)^2) / 8) = 30.2980; adjusted Wald
-- (5.75 / 2.5 / 2.75 of 11) 95% [-22.1114, 76.6569].
SELECT easy(s), difficult(s), easy_share(s), difficult_share(s), net_effort(s), ces(s), mean(s),
	   round(net_effort_stderr(s)::numeric, 4) AS se, round(net_effort_lower(s)::numeric, 4) AS lower,
	   round(net_effort_upper(s)::numeric, 4) AS upper, lower_is_better(s), scale_max(s)
FROM (SELECT ces_agg(x) AS s FROM unnest(ARRAY[7, 7, 6, 6, 5, 4, 3, 1]) x) t;

-- CES 1.0 (1..5, lower is easier), hand-worked: 1, 1, 2, 2, 2, 3, 4, 5, 5
-- -> easy (1-2) 5, difficult (4-5) 3, n 9: net effort 100 * 2 / 9 = 22.2222,
-- mean 25 / 9 = 2.7778; stderr 30.5415, 95% [-32.7840, 66.1174].  The same
-- scores on a 1..5 scale where higher is easier: easy 3, difficult 5,
-- net effort -22.2222, 95% [-66.1174, 32.7840].
SELECT d AS lower_is_better, easy(s), difficult(s), round(easy_share(s)::numeric, 4) AS easy_share,
	   round(difficult_share(s)::numeric, 4) AS difficult_share, round(net_effort(s)::numeric, 4) AS net_effort,
	   round(ces(s)::numeric, 4) AS ces, round(net_effort_stderr(s)::numeric, 4) AS se,
	   round(net_effort_lower(s)::numeric, 4) AS lower, round(net_effort_upper(s)::numeric, 4) AS upper,
	   lower_is_better(s) = d AS direction_kept, scale_max(s)
FROM (VALUES (true), (false)) v(d),
	 LATERAL (SELECT ces_agg(x, 5, d) AS s FROM unnest(ARRAY[1, 1, 2, 2, 2, 3, 4, 5, 5]) x) t
ORDER BY d DESC;

-- Every group, every scale 2..10 and both directions, against the raw
-- scores: easy = strictly better than the midpoint (k + 1) / 2 in the
-- scale's direction, difficult = strictly worse.  The statistics against
-- the NPS formulas written out (unadjusted stderr; adjusted Wald adds .75 to
-- easy and difficult, 1.5 to the neutral, n' = n + 3), and against
-- nps_summary's own accessors for the same trinomial (easy -> 10, neutral ->
-- 8, difficult -> 0).
CREATE FUNCTION ref_ne(e float8, m float8, d float8) RETURNS float8
	LANGUAGE sql IMMUTABLE AS $$ SELECT 100 * (e - d) / (e + m + d) $$;
CREATE FUNCTION ref_ne_se(e float8, m float8, d float8) RETURNS float8
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT 100 * sqrt(((e + d) / n - ((e - d) / n) ^ 2) / n) FROM (SELECT e + m + d AS n) t $$;
CREATE TABLE ces_groups AS
	SELECT g, k, lib, ces_agg(score, k, lib) AS s, count(score)::float8 AS n,
		   count(*) FILTER (WHERE CASE WHEN lib THEN score < (k + 1) / 2.0 ELSE score > (k + 1) / 2.0 END)::float8 AS e,
		   count(*) FILTER (WHERE CASE WHEN lib THEN score > (k + 1) / 2.0 ELSE score < (k + 1) / 2.0 END)::float8 AS d
	FROM (SELECT g, k, lib, score FROM raw
		  UNION ALL
		  -- every scale in both directions: scores 1..k, score i i times
		  SELECT 100 + 2 * k + lib::int, k, lib, i
		  FROM generate_series(2, 10) k, (VALUES (true), (false)) v(lib),
			   generate_series(1, k) i, generate_series(1, i) r) r
	GROUP BY g, k, lib;
SELECT count(*) AS checks, count(DISTINCT (k, lib)) AS scales_and_directions,
	   bool_and(easy(s) = e AND difficult(s) = d) AS counts_ok,
	   bool_and(abs(easy_share(s) - e / n) < 1e-12 AND abs(difficult_share(s) - d / n) < 1e-12) AS shares_ok,
	   bool_and(abs(net_effort(s) - ref_ne(e, n - e - d, d)) < 1e-9) AS net_effort_ok,
	   bool_and(abs(net_effort_stderr(s) - ref_ne_se(e, n - e - d, d)) < 1e-9) AS stderr_ok,
	   bool_and(abs(net_effort_lower(s, confidence)
					- greatest(-100, ref_ne(e + .75, n - e - d + 1.5, d + .75) - z * ref_ne_se(e + .75, n - e - d + 1.5, d + .75))) < 1e-9
				AND abs(net_effort_upper(s, confidence)
					- least(100, ref_ne(e + .75, n - e - d + 1.5, d + .75) + z * ref_ne_se(e + .75, n - e - d + 1.5, d + .75))) < 1e-9)
		   AS adjusted_wald_ok,
	   bool_and(net_effort_lower(s) = net_effort_lower(s, 0.95) AND net_effort_upper(s) = net_effort_upper(s, 0.95)) AS default_95,
	   bool_and(lower_is_better(s) = lib AND scale_max(s) = k) AS scale_kept
FROM ces_groups, cx_test.levels;
SELECT count(*) AS checks,
	   bool_and(abs(net_effort(s) - nps(p)) < 1e-9 AND abs(net_effort_stderr(s) - nps_stderr(p)) < 1e-9
				AND abs(net_effort_lower(s, confidence) - nps_lower(p, confidence)) < 1e-9
				AND abs(net_effort_upper(s, confidence) - nps_upper(p, confidence)) < 1e-9) AS same_as_nps
FROM ces_groups, cx_test.levels,
	 LATERAL (SELECT format('v1:0..10:%s,0,0,0,0,0,0,0,%s,0,%s', d, n - e - d, e)::nps_summary AS p) q;

-- the midpoint on even scales: 1..6 higher -> easy 4-6, difficult 1-3;
-- 1..2 lower -> easy 1, difficult 2; 1..10 lower -> easy 1-5, difficult 6-10
SELECT s, easy(s), difficult(s)
FROM (VALUES ('v1:1..6:1,2,4,8,16,32'::ces_summary), ('v1:1..2:lower_is_better:1,2'),
			 ('v1:1..10:lower_is_better:1,2,4,8,16,32,64,128,256,512')) v(s);

-- empty summaries: counts 0, every statistic NULL
SELECT s, easy(s), difficult(s), easy_share(s) IS NULL AS easy_share_null,
	   net_effort(s) IS NULL AS ne_null, net_effort_stderr(s) IS NULL AS se_null,
	   net_effort_lower(s) IS NULL AS lower_null, net_effort_upper(s) IS NULL AS upper_null,
	   ces(s) IS NULL AS ces_null, mean(s) IS NULL AS mean_null
FROM (VALUES ('v1:1..7:0,0,0,0,0,0,0'::ces_summary), ('v1:1..5:lower_is_better:0,0,0,0,0')) v(s);

-- mean_test on CES 1.0 summaries: delta is the raw mean difference, in
-- either direction: a = 2, 2, 4, 4 (mean 3, sd sqrt(4/3)), b = 3, 3, 5, 5
-- (mean 4): delta 1, stderr sqrt(2 * (4/3) / 4) = 0.816497, z = 1.224745,
-- p = 2 (1 - Phi(1.2247)) = 0.220671
SELECT delta, round(stderr::numeric, 6) AS stderr, round(z::numeric, 6) AS z, round(p_value::numeric, 6) AS p_value
FROM mean_test('v1:1..5:lower_is_better:0,2,0,2,0'::ces_summary, 'v1:1..5:lower_is_better:0,0,2,0,2'::ces_summary);

-- an empty sample: every field NULL; a NULL summary: NULL
SELECT * FROM csat_test('v1:1..5:0,0,0,0,0', mk(1, 2));
SELECT * FROM mean_test('v1:1..7:0,0,0,0,0,0,0'::ces_summary, 'v1:1..7:1,0,0,0,0,0,1'::ces_summary);
SELECT csat_test(NULL, mk(1, 2)) IS NULL AS csat_test_strict,
	   mean_test(NULL::csat_summary, mk(1, 2)) IS NULL AS mean_test_strict;

DROP VIEW mean_pairs, prop_pairs, thresholds;
DROP TABLE dists, raw, groups, ces_groups;
DROP FUNCTION mk(int, int), ref_wilson(float8, float8, float8, bool),
	ref_ne(float8, float8, float8), ref_ne_se(float8, float8, float8);
