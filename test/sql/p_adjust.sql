--
-- p_adjust: adjusted p-values for a family of tests.  The expected values
-- are worked out by hand below from the definitions (R's p.adjust): with
-- the m non-NULL p-values sorted, p(1) <= ... <= p(m),
--   bonferroni  min(1, m p(k))
--   holm        max over j <= k of min(1, (m - j + 1) p(j))
--   benjamini_hochberg  min over j >= k of min(1, m / j p(j))
-- each returned in the order of the input.
--

-- p = {0.01, 0.04, 0.03, 0.005}, m = 4; sorted 0.005, 0.01, 0.03, 0.04.
--   bonferroni: 4 p = 0.04, 0.16, 0.12, 0.02
--   holm, sorted: 4(0.005) = 0.02; 3(0.01) = 0.03; 2(0.03) = 0.06;
--     1(0.04) = 0.04 -> running max 0.02, 0.03, 0.06, 0.06;
--     in input order 0.03, 0.06, 0.06, 0.02
--   benjamini_hochberg, sorted from the top: 4/4(0.04) = 0.04;
--     4/3(0.03) = 0.04; 4/2(0.01) = 0.02; 4/1(0.005) = 0.02 -> running min
--     0.04, 0.04, 0.02, 0.02; in input order 0.02, 0.04, 0.04, 0.02
WITH cases(method, want) AS (VALUES
	('bonferroni', '{0.04, 0.16, 0.12, 0.02}'::float8[]),
	('holm', '{0.03, 0.06, 0.06, 0.02}'),
	('benjamini_hochberg', '{0.02, 0.04, 0.04, 0.02}'))
SELECT method,
	   (SELECT bool_and(abs(g - w) < 1e-15)
		FROM unnest(p_adjust('{0.01, 0.04, 0.03, 0.005}', method), want) AS u(g, w)) AS agrees
FROM cases;

-- holm is the default
SELECT p_adjust('{0.01, 0.04, 0.03, 0.005}') = p_adjust('{0.01, 0.04, 0.03, 0.005}', 'holm') AS holm_is_default;

-- NULLs stay in place and are not counted: m = 2 for {0.01, NULL, 0.04}:
-- holm 2(0.01) = 0.02, then max(0.02, 1(0.04)) = 0.04
SELECT p_adjust('{0.01, NULL, 0.04}') AS holm_with_null,
	   p_adjust('{NULL}') AS only_null,
	   p_adjust('{}') AS empty;

-- capped at 1: {0.5, 0.6}: bonferroni 1, 1; holm 2(0.5) = 1, max(1, 0.6) = 1;
-- benjamini_hochberg 2/2(0.6) = 0.6, min(0.6, 2/1(0.5) = 1) = 0.6
SELECT p_adjust('{0.5, 0.6}', 'bonferroni') AS bonferroni,
	   p_adjust('{0.5, 0.6}', 'holm') AS holm,
	   p_adjust('{0.5, 0.6}', 'benjamini_hochberg') AS benjamini_hochberg;

-- ties get one value whatever their order: {0.02, 0.02, 0.04}:
-- holm 3(0.02) = 0.06, then 0.06, 0.06; benjamini_hochberg 3/3(0.04) = 0.04,
-- 3/2(0.02) = 0.03, min(0.03, 3/1(0.02) = 0.06) = 0.03
SELECT (SELECT bool_and(abs(g - w) < 1e-15)
		FROM unnest(p_adjust('{0.02, 0.02, 0.04}', 'holm'), '{0.06, 0.06, 0.06}'::float8[]) AS u(g, w)) AS holm_ties,
	   (SELECT bool_and(abs(g - w) < 1e-15)
		FROM unnest(p_adjust('{0.04, 0.02, 0.02}', 'benjamini_hochberg'), '{0.04, 0.03, 0.03}'::float8[]) AS u(g, w)) AS bh_ties;

-- Properties on 200 families of 1 to 40 p-values from a fixed generator:
-- every adjusted value lies between the raw one and 1; benjamini_hochberg
-- <= holm <= bonferroni elementwise; the order of the raw values is kept
-- (a smaller raw p never gets a larger adjusted one); a permutation of the
-- input permutes the output.
CREATE TEMP TABLE fam AS
SELECT f, array_agg(x ORDER BY i) AS p,
	   array_agg(x ORDER BY (hashint4(f * 1000 + i) & 1023), i) AS shuffled,
	   array_agg(i ORDER BY (hashint4(f * 1000 + i) & 1023), i) AS perm
FROM (SELECT f, i,
			 CASE WHEN i % 7 = 0 THEN 0.001 * (i % 3)  -- some ties and zeros
				  ELSE ((hashint4(f * 7919 + i) & 1048575) / 1048575.0)::float8 ^ 3 END AS x
	  FROM generate_series(1, 200) AS f,
		   generate_series(1, 1 + f % 40) AS i) AS g
GROUP BY f;

CREATE TEMP TABLE adj AS
SELECT f, i, u.p, u.b, u.h, u.q
FROM fam,
	 unnest(p, p_adjust(p, 'bonferroni'), p_adjust(p, 'holm'), p_adjust(p, 'benjamini_hochberg'))
		 WITH ORDINALITY AS u(p, b, h, q, i);

SELECT count(DISTINCT f) AS families, count(*) AS p_values,
	   bool_and(p <= q AND q <= h AND h <= b AND b <= 1) AS bounded_and_ordered,
	   bool_and(b = least(1, p * (SELECT count(*) FROM adj AS a2 WHERE a2.f = adj.f))) AS bonferroni_exact
FROM adj;

SELECT bool_and(a.h <= b.h AND a.q <= b.q) AS monotone
FROM adj AS a JOIN adj AS b ON a.f = b.f AND a.p < b.p;

SELECT bool_and(p_adjust(shuffled, 'holm')
				= (SELECT array_agg((p_adjust(p, 'holm'))[j] ORDER BY o) FROM unnest(perm) WITH ORDINALITY AS v(j, o))
			AND p_adjust(shuffled, 'benjamini_hochberg')
				= (SELECT array_agg((p_adjust(p, 'benjamini_hochberg'))[j] ORDER BY o) FROM unnest(perm) WITH ORDINALITY AS v(j, o)))
	   AS permutation_invariant
FROM fam;

-- Bad input: a clear error, with its SQLSTATE
SELECT cx_test.line(cx_test.try_sql($$SELECT p_adjust('{0.1, 1.5}')$$)) AS above_one;
SELECT cx_test.line(cx_test.try_sql($$SELECT p_adjust('{-0.1}')$$)) AS negative;
SELECT cx_test.line(cx_test.try_sql($$SELECT p_adjust('{NaN}')$$)) AS nan;
SELECT cx_test.line(cx_test.try_sql($$SELECT p_adjust('{0.1}', 'BH')$$)) AS unknown_method;
SELECT cx_test.line(cx_test.try_sql($$SELECT p_adjust('{{0.1, 0.2}, {0.3, 0.4}}')$$)) AS two_dimensions;
SELECT p_adjust(NULL) IS NULL AS strict;
