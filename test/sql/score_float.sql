--
-- score_float: the aggregates over double precision and real scores, as CSV
-- imports give them: nps_agg, nps, csat_agg, csat, ces_agg, ces, with and
-- without a scale.  Whole values on the scale count as the integers they
-- are: every aggregate equals its integer form over the same rows, also in
-- moving window frames and in parallel plans.  Fractions, NaN and the
-- infinities are refused with 22003, naming the value and what is allowed;
-- NULL is no answer, as for the other score types.
--

SELECT setseed(0.3141);
CREATE TABLE f AS
	SELECT i AS id, i % 5 AS grp,
		   CASE WHEN i % 23 = 0 THEN NULL ELSE floor(random() * 11)::int END AS s11,
		   CASE WHEN i % 19 = 0 THEN NULL ELSE 1 + floor(random() * 5)::int END AS s5,
		   CASE WHEN i % 17 = 0 THEN NULL ELSE 1 + floor(random() * 7)::int END AS s7
	FROM generate_series(1, 3000) i;

--------------------------------------------------------------------------
-- Equal to the integer aggregates
--------------------------------------------------------------------------

-- Per group, every float form against its integer form: summaries with =,
-- the float8 results exactly (both come from the same counts).
SELECT count(*) AS groups,
	   bool_and(n8 = n AND n4 = n) AS nps_agg, bool_and(v8 = v AND v4 = v) AS nps,
	   bool_and(c8 = c AND c4 = c) AS csat_agg, bool_and(cv8 = cv AND cv4 = cv) AS csat,
	   bool_and(k8 = k AND k4 = k) AS csat_agg_7, bool_and(kv8 = kv AND kv4 = kv) AS csat_7,
	   bool_and(e8 = e AND e4 = e) AS ces_agg, bool_and(ev8 = ev AND ev4 = ev) AS ces,
	   bool_and(l8 = l AND l4 = l) AS ces_agg_5_lower, bool_and(lv8 = lv AND lv4 = lv) AS ces_5_lower
FROM (SELECT nps_agg(s11::float8) AS n8, nps_agg(s11::real) AS n4, nps_agg(s11) AS n,
			 nps(s11::float8) AS v8, nps(s11::real) AS v4, nps(s11) AS v,
			 csat_agg(s5::float8) AS c8, csat_agg(s5::real) AS c4, csat_agg(s5) AS c,
			 csat(s5::float8) AS cv8, csat(s5::real) AS cv4, csat(s5) AS cv,
			 csat_agg(s7::float8, 7) AS k8, csat_agg(s7::real, 7) AS k4, csat_agg(s7, 7) AS k,
			 csat(s7::float8, 7) AS kv8, csat(s7::real, 7) AS kv4, csat(s7, 7) AS kv,
			 ces_agg(s7::float8) AS e8, ces_agg(s7::real) AS e4, ces_agg(s7) AS e,
			 ces(s7::float8) AS ev8, ces(s7::real) AS ev4, ces(s7) AS ev,
			 ces_agg(s5::float8, 5, true) AS l8, ces_agg(s5::real, 5, true) AS l4, ces_agg(s5, 5, true) AS l,
			 ces(s5::float8, 5, true) AS lv8, ces(s5::real, 5, true) AS lv4, ces(s5, 5, true) AS lv
	  FROM f GROUP BY grp) g;

-- Independently: the counts per score by plain SQL equal distribution() of
-- the float summary, NULLs left out.
SELECT (distribution(nps_agg(s11::float8)))[0:10] = (SELECT array_agg(c ORDER BY k) FROM (
			SELECT k, count(*) FILTER (WHERE f2.s11 = k) AS c
			FROM f f2, generate_series(0, 10) k GROUP BY k) t) AS nps_counts_match,
	   responses(nps_agg(s11::real)) = count(s11) AS nulls_skipped
FROM f;

-- Typed the way a CSV import types them: a float8 column, -0 and values
-- written with an exponent are whole numbers too.
SELECT nps_agg(x) AS s, nps(x)
FROM unnest('{0, -0, 10, 1e1, 9.0, 7, NULL}'::float8[]) x;
-- promoters 10, 1e1, 9.0 = 3; passives 7 = 1; detractors 0, -0 = 2; n = 6;
-- NPS = 100 * (3 - 2) / 6 = 16.666...
SELECT abs(nps(x) - 100.0 * (3 - 2) / 6) < 1e-12 AS nps_by_hand
FROM unnest('{0, -0, 10, 1e1, 9.0, 7, NULL}'::float8[]) x;

-- No rows, and only NULLs: the same as for integer scores.
SELECT nps_agg(x) AS empty_summary, nps(x) AS no_nps, csat_agg(x, 7) AS scaled_no_rows,
	   ces(x::real, 5, true) AS no_ces
FROM (SELECT NULL::float8 AS x WHERE false) t;
SELECT nps_agg(x) AS only_nulls, csat_agg(x, 7) AS scaled_only_nulls, ces_agg(x::real, 5, true) AS ces_only_nulls
FROM (VALUES (NULL::float8), (NULL)) t(x);

--------------------------------------------------------------------------
-- Refused: fractions, values off the scale, NaN, infinities
--------------------------------------------------------------------------

SELECT n, cx_test.line(cx_test.try_sql(q)) AS outcome
FROM unnest(ARRAY[
	$$SELECT nps(7.5::float8)$$,
	$$SELECT nps(0.1::real)$$,                          -- shown as real shows it, not 0.10000000149011612
	$$SELECT nps_agg(9.999999999999998::float8)::text$$,
	$$SELECT nps(11::float8)$$,
	$$SELECT nps(-1::real)$$,
	$$SELECT nps(-0.5::float8)$$,
	$$SELECT nps('NaN'::float8)$$,
	$$SELECT nps('Infinity'::float8)$$,
	$$SELECT nps('-Infinity'::real)$$,
	$$SELECT nps(1e300::float8)$$,
	$$SELECT nps(9.223372036854776e18::float8)$$,       -- 2^63: must not wrap in the conversion
	$$SELECT csat(4.5::float8)$$,
	$$SELECT csat(6::real)$$,                           -- the default scale is 1..5
	$$SELECT csat(0::float8, 7)$$,
	$$SELECT csat(7.25::real, 7)::text$$,
	$$SELECT csat_agg('NaN'::real, 10)::text$$,
	$$SELECT ces(8::float8)$$,                          -- the default scale is 1..7
	$$SELECT ces(2.5::float8, 5, true)$$,
	$$SELECT ces_agg('-Infinity'::float8, 5, false)::text$$,
	$$SELECT csat(3::float8, 11)$$,                     -- a scale that does not exist
	$$SELECT csat(3::real, NULL)$$
]) WITH ORDINALITY AS c(q, n)
ORDER BY n;

-- A bad score anywhere in the rows stops the aggregate, as for integers.
SELECT cx_test.line(cx_test.try_sql($$SELECT nps(x) FROM unnest('{1, 2, 3.5, 4}'::float8[]) x$$)) AS fraction_in_rows;

--------------------------------------------------------------------------
-- Moving window frames: the inverse transition functions
--------------------------------------------------------------------------

-- Every frame against the integer aggregate over the same frame (itself
-- checked against from-scratch aggregation in nps_window and
-- csat_ces_window).
SELECT count(*) AS rows,
	   bool_and(a IS NOT DISTINCT FROM b) AS nps_frames,
	   bool_and(c IS NOT DISTINCT FROM d) AS csat_frames,
	   bool_and(e IS NOT DISTINCT FROM g) AS ces_frames,
	   bool_and(h IS NOT DISTINCT FROM k) AS nps_real_frames
FROM (SELECT nps_agg(s11::float8) OVER w AS a, nps_agg(s11) OVER w AS b,
			 csat(s7::float8, 7) OVER w AS c, csat(s7, 7) OVER w AS d,
			 ces_agg(s5::real, 5, true) OVER w AS e, ces_agg(s5, 5, true) OVER w AS g,
			 nps(s11::real) OVER w AS h, nps(s11) OVER w AS k
	  FROM f WINDOW w AS (ORDER BY id ROWS BETWEEN 25 PRECEDING AND 3 FOLLOWING)) t;

-- The inverse is used (the frame moves): the plan's WindowAgg cannot show
-- it, so check the catalog instead.
SELECT a.aggfnoid::regprocedure AS aggregate, a.aggminvtransfn::regprocedure AS inverse
FROM pg_aggregate a
WHERE a.aggfnoid::regprocedure::text ~ '^(nps|csat|ces)(_agg)?\((double precision|real)'
ORDER BY 1::text;

--------------------------------------------------------------------------
-- Parallel plans
--------------------------------------------------------------------------

CREATE TABLE fbig AS
	SELECT i AS id, (floor(random() * 11))::float8 AS x11, (1 + floor(random() * 7))::real AS x7
	FROM generate_series(1, 200000) i;
ANALYZE fbig;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE fserial AS
	SELECT nps_agg(x11) AS n, csat_agg(x7, 7) AS c, ces_agg(x7) AS e, nps(x11) AS v FROM fbig;
SELECT * FROM cx_test.force_parallel();
SELECT * FROM cx_test.parallel_aggregation('SELECT nps_agg(x11), csat_agg(x7, 7), ces_agg(x7), nps(x11) FROM fbig');
SELECT p.n = s.n AS nps_agg_equal, p.c = s.c AS csat_agg_equal, p.e = s.e AS ces_agg_equal, p.v = s.v AS nps_equal,
	   p.n = (SELECT nps_agg(x11::int) FROM fbig) AS equals_int
FROM (SELECT nps_agg(x11) AS n, csat_agg(x7, 7) AS c, ces_agg(x7) AS e, nps(x11) AS v FROM fbig) p, fserial s;
RESET ALL;

--------------------------------------------------------------------------
-- Which aggregate a call picks
--------------------------------------------------------------------------

-- Every score type picks its own form.  (Without the bigint forms a bigint
-- score would resolve to the double precision one, PostgreSQL's preferred
-- numeric type, and an error would show a huge value rounded.)
EXPLAIN (VERBOSE, COSTS OFF)
SELECT nps(d), nps(r), nps(i), nps(b), nps(n)
FROM (VALUES (1::float8, 1::real, 1::int, 1::bigint, 1::numeric)) v(d, r, i, b, n);
SELECT nps(x) AS from_bigint, nps(x::int) AS from_int
FROM (VALUES (0::bigint), (9), (10), (NULL)) v(x);
SELECT cx_test.line(cx_test.try_sql('SELECT nps(9223372036854775807::bigint)')) AS bigint_max,
	   cx_test.line(cx_test.try_sql('SELECT csat((-9223372036854775807 - 1)::bigint)')) AS bigint_min,
	   csat_agg(x, 7) = csat_agg(x::int, 7) AS csat_bigint, ces_agg(x, 5, true) = ces_agg(x::int, 5, true) AS ces_bigint
FROM (VALUES (1::bigint), (5), (NULL)) v(x);

DROP TABLE f, fbig;
