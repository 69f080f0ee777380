--
-- summary_make: summaries built by clients, for NPS, CSAT and CES alike:
-- nps_summary(counts), csat_summary(counts), ces_summary(counts,
-- lower_is_better), the inverses of distribution(s), and the casts from
-- jsonb and json, the inverses of s::jsonb and s::json.  Each must give the
-- summary whose text form has those counts, and refuse what text input
-- refuses, with its SQLSTATEs: 22P02 for a malformed value, 22003 for
-- counts whose total passes bigint.
--

--------------------------------------------------------------------------
-- From counts
--------------------------------------------------------------------------

-- The result equals the text form with the same counts, written by hand.
SELECT nps_summary('{1,2,3,4,5,6,7,8,9,10,11}'::bigint[]) = 'v1:0..10:1,2,3,4,5,6,7,8,9,10,11' AS nps_11,
	   nps_summary(array[0,0,0,0,0,0,0,0,0,0,0]::bigint[]) = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0' AS nps_empty,
	   csat_summary('{5,0,7}'::bigint[]) = 'v1:1..3:5,0,7' AS csat_3,
	   csat_summary('{1,2}'::bigint[]) = 'v1:1..2:1,2' AS csat_2,
	   csat_summary('{1,2,3,4,5,6,7,8,9,10}'::bigint[]) = 'v1:1..10:1,2,3,4,5,6,7,8,9,10' AS csat_10,
	   ces_summary('{1,2,3,4,5,6,7}'::bigint[], false) = 'v1:1..7:1,2,3,4,5,6,7' AS ces_higher,
	   ces_summary('{1,2,3,4,5}'::bigint[], true) = 'v1:1..5:lower_is_better:1,2,3,4,5' AS ces_lower,
	   lower_is_better(ces_summary('{1,2,3,4,5}'::bigint[], true)) AS lower_kept;

-- The largest total: INT64_MAX in one count, or split over two.
SELECT nps_summary('{9223372036854775807,0,0,0,0,0,0,0,0,0,0}'::bigint[])::text AS one,
	   responses(nps_summary('{4611686018427387904,0,0,0,0,0,0,0,0,0,4611686018427387903}'::bigint[])) AS split;

-- The subscripts may start at 1 or at the lowest score (distribution()'s).
SELECT nps_summary('[0:10]={0,0,0,0,0,0,0,1,0,0,2}'::bigint[]) = 'v1:0..10:0,0,0,0,0,0,0,1,0,0,2' AS nps_from_0,
	   csat_summary('[1:4]={1,1,1,1}'::bigint[]) = 'v1:1..4:1,1,1,1' AS csat_from_1;

-- Round trips: constructor(distribution(s)) = s for summaries of every kind,
-- 200 random ones each, and the counts of distribution() are those given.
SELECT setseed(0.5);
CREATE TEMP TABLE random_counts AS
	SELECT i, k, lower_is_better,
		   ARRAY(SELECT (floor(random() * 1000))::bigint FROM generate_series(1, k) j WHERE j > 0 * i) AS counts
	FROM generate_series(1, 200) i,
		 LATERAL (SELECT 2 + (floor(random() * 9))::int + 0 * i AS k,
						 random() < 0.5 + 0 * i AS lower_is_better) AS p;
SELECT count(*) AS cases,
	   bool_and(nps_summary(distribution(n)) = n) AS nps_round_trip,
	   bool_and(csat_summary(distribution(c)) = c) AS csat_round_trip,
	   bool_and(ces_summary(distribution(e), lower_is_better(e)) = e) AS ces_round_trip,
	   bool_and(n::text = 'v1:0..10:' || array_to_string(nc, ',')) AS nps_text,
	   bool_and(c::text = format('v1:1..%s:', k) || array_to_string(counts, ',')) AS csat_text,
	   bool_and(e::text = format('v1:1..%s:', k) || CASE WHEN lower_is_better THEN 'lower_is_better:' ELSE '' END
							|| array_to_string(counts, ',')) AS ces_text
FROM (SELECT r.*, nc, nps_summary(nc) AS n, csat_summary(counts) AS c,
			 ces_summary(counts, lower_is_better) AS e
	  FROM random_counts r,
		   LATERAL (SELECT (counts || counts || counts || counts || counts || counts)[1:11] AS nc) x) q;

-- NULL arguments give NULL (the constructors are strict).
SELECT nps_summary(NULL::bigint[]) IS NULL AS nps_null,
	   ces_summary('{1,2}'::bigint[], NULL) IS NULL AS ces_direction_null;

-- What text input refuses, the constructors refuse, with its SQLSTATE: the
-- wrong number of counts, negative counts, and a total past bigint (22003);
-- and what only arrays can hold: NULL elements, more dimensions, other
-- subscripts.
SELECT n, cx_test.line(cx_test.try_sql(q)) AS outcome
FROM unnest(ARRAY[
	$$SELECT nps_summary('{1,2,3,4,5,6,7,8,9,10}'::bigint[])$$,                -- 10 counts
	$$SELECT nps_summary('{1,2,3,4,5,6,7,8,9,10,11,12}'::bigint[])$$,          -- 12 counts
	$$SELECT nps_summary('{}'::bigint[])$$,                                    -- none
	$$SELECT csat_summary('{1}'::bigint[])$$,                                  -- 1 point
	$$SELECT csat_summary('{1,2,3,4,5,6,7,8,9,10,11}'::bigint[])$$,            -- 11 points
	$$SELECT ces_summary('{1,2,3,4,5,6,7,8,9,10,11}'::bigint[], true)$$,
	$$SELECT nps_summary('{1,2,3,4,5,6,7,8,9,10,-1}'::bigint[])$$,             -- negative
	$$SELECT csat_summary('{-9223372036854775808,1}'::bigint[])$$,
	$$SELECT ces_summary('{0,0,-1}'::bigint[], false)$$,
	$$SELECT nps_summary('{1,2,3,4,NULL,6,7,8,9,10,11}'::bigint[])$$,          -- NULL
	$$SELECT csat_summary('{NULL,NULL}'::bigint[])$$,
	$$SELECT nps_summary('{{1,2,3,4,5,6,7,8,9,10,11}}'::bigint[])$$,           -- 2 dimensions
	$$SELECT csat_summary('{{1,2},{3,4}}'::bigint[])$$,
	$$SELECT ces_summary('{{{1,2}}}'::bigint[], false)$$,                      -- 3 dimensions
	$$SELECT nps_summary('[2:12]={1,2,3,4,5,6,7,8,9,10,11}'::bigint[])$$,      -- subscripts from 2
	$$SELECT csat_summary('[0:4]={1,2,3,4,5}'::bigint[])$$,                    -- from 0: not 1..5
	$$SELECT nps_summary('{9223372036854775807,1,0,0,0,0,0,0,0,0,0}'::bigint[])$$,  -- total past INT64_MAX
	$$SELECT csat_summary('{9223372036854775807,9223372036854775807}'::bigint[])$$,
	$$SELECT ces_summary('{4611686018427387904,4611686018427387904,0}'::bigint[], true)$$
]) WITH ORDINALITY AS c(q, n)
ORDER BY n;

-- The text input of the same wrong values, for comparison of the SQLSTATEs.
SELECT cx_test.try_in('nps_summary', 'v1:0..10:1,2,3,4,5,6,7,8,9,10') AS ten_counts,
	   cx_test.try_in('nps_summary', 'v1:0..10:1,2,3,4,5,6,7,8,9,10,-1') AS negative,
	   cx_test.try_in('nps_summary', 'v1:0..10:9223372036854775807,1,0,0,0,0,0,0,0,0,0') AS total;

-- An untyped literal is taken for the summary's text form, as for any
-- function named after a type (a function-style cast): write the array type.
SELECT cx_test.line(cx_test.try_sql($$SELECT nps_summary('{1,2,3,4,5,6,7,8,9,10,11}')$$)) AS untyped;

--------------------------------------------------------------------------
-- From the JSON form
--------------------------------------------------------------------------

-- s::jsonb::T = s and s::json::T = s for every summary above, and for the
-- empty ones, whose readings are null in JSON.
SELECT count(*) AS cases,
	   bool_and(n::jsonb::nps_summary = n AND n::json::nps_summary = n) AS nps_round_trip,
	   bool_and(c::jsonb::csat_summary = c AND c::json::csat_summary = c) AS csat_round_trip,
	   bool_and(e::jsonb::ces_summary = e AND e::json::ces_summary = e) AS ces_round_trip,
	   bool_and(nps_summary(n::jsonb) = n) AS function_form
FROM (SELECT nps_summary((counts || counts || counts || counts || counts || counts)[1:11]) AS n,
			 csat_summary(counts) AS c, ces_summary(counts, lower_is_better) AS e
	  FROM random_counts
	  UNION ALL
	  SELECT 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0', 'v1:1..5:0,0,0,0,0', 'v1:1..5:lower_is_better:0,0,0,0,0'
	  UNION ALL
	  SELECT 'v1:0..10:0,0,0,0,0,0,0,0,0,0,9223372036854775807', 'v1:1..2:9223372036854775807,0',
			 'v1:1..10:0,0,0,0,0,0,0,0,0,9223372036854775807') q;

-- The JSON texts, as a client gets and sends them, are accepted.
SELECT ('{"n": 3, "nps": 33.333333333333336, "scale": [0, 10], "counts": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], '
		'"passives": 0, "promoters": 2, "detractors": 1}')::jsonb::nps_summary AS nps,
	   ('{"scale":[1,5],"n":0,"counts":[0,0,0,0,0],"csat":null,"satisfied":0,"mean":null}')::json::csat_summary AS csat_empty,
	   -- numbers that are equal as JSON numbers are the same: 2.0 is 2
	   ('{"scale": [1, 3], "n": 2.0, "counts": [1, 0, 1.0], "csat": 50, "satisfied": 1, "mean": 2}')::jsonb::csat_summary AS csat_3;

-- Anything else is refused with 22P02, naming what is wrong (or 22003 for
-- a count or total past bigint, as in text input).  The base is the JSON
-- form of v1:1..5:lower_is_better:1,0,0,0,3, with one thing changed per case.
CREATE TEMP TABLE ces_json AS SELECT 'v1:1..5:lower_is_better:1,0,0,0,3'::ces_summary::jsonb AS j;
SELECT j FROM ces_json;
SELECT n, cx_test.line(cx_test.try_sql(format('SELECT %L::jsonb::ces_summary', c.j))) AS outcome
FROM ces_json b, LATERAL unnest(ARRAY[
	'[1, 2]'::jsonb,                                           -- not an object
	'"v1:1..5:1,0,0,0,3"',                                     -- the text form, as a JSON string
	'null',
	b.j - 'scale',                                             -- a key missing
	b.j - 'counts',
	b.j - 'lower_is_better',
	b.j - 'n',
	b.j - 'net_effort',
	b.j || '{"extra": 1}',                                     -- an unknown key
	b.j || '{"nps": 40}',                                      -- another type's key
	b.j || '{"scale": [1, 5, 7]}',                             -- a bad scale
	b.j || '{"scale": "1..5"}',
	b.j || '{"scale": [0, 4]}',
	b.j || '{"scale": [1, 11]}',
	b.j || '{"scale": [1, 1.5]}',
	b.j || '{"scale": [1, 99999999999999999999]}',
	b.j || '{"lower_is_better": "true"}',                      -- not a boolean
	b.j || '{"lower_is_better": false}',                       -- the other direction: readings differ
	b.j || '{"counts": [1, 0, 0, 3]}',                         -- counts of another scale
	b.j || '{"counts": [1, 0, 0, 0, -3]}',                     -- a negative count
	b.j || '{"counts": [1, 0, 0, 0, 3.5]}',                    -- a fraction
	b.j || '{"counts": [1, 0, null, 0, 3]}',                   -- null
	b.j || '{"counts": [1, 0, "0", 0, 3]}',                    -- a string
	b.j || '{"counts": [1, 0, 0, 0, 9223372036854775808]}',    -- a count past bigint
	b.j || '{"counts": [1, 0, 0, 0, 9223372036854775807]}',    -- a total past bigint
	b.j || '{"counts": "1,0,0,0,3"}',
	b.j || '{"n": 5}',                                         -- derived fields that disagree
	b.j || '{"n": "4"}',
	b.j || '{"ces": 3.4}',
	b.j || '{"easy": 3}',
	b.j || '{"difficult": 0}',
	b.j || '{"net_effort": -50.0000001}'
]) WITH ORDINALITY AS c(j, n)
ORDER BY n;

-- The other types, a few of the same, and json input goes the same way.
SELECT n, cx_test.line(cx_test.try_sql(q)) AS outcome
FROM unnest(ARRAY[
	$$SELECT '{"scale": [0, 10], "n": 3, "counts": [1,0,0,0,0,0,0,0,0,0,2]}'::jsonb::nps_summary$$,
	$$SELECT ('v1:0..10:1,0,0,0,0,0,0,0,0,0,2'::nps_summary::jsonb || '{"promoters": 3}')::nps_summary$$,
	$$SELECT ('v1:0..10:1,0,0,0,0,0,0,0,0,0,2'::nps_summary::jsonb || '{"scale": [1, 10]}')::nps_summary$$,
	$$SELECT ('v1:0..10:1,0,0,0,0,0,0,0,0,0,2'::nps_summary::jsonb || '{"lower_is_better": true}')::nps_summary$$,
	$$SELECT 'v1:1..5:1,0,0,0,3'::csat_summary::jsonb::nps_summary$$,
	$$SELECT 'v1:0..10:1,0,0,0,0,0,0,0,0,0,2'::nps_summary::jsonb::csat_summary$$,
	$$SELECT ('v1:1..5:1,0,0,0,3'::csat_summary::jsonb || '{"mean": 3.9}')::csat_summary$$,   -- the mean is (1 + 4 * 0 + 5 * 3) / 4 = 4
	$$SELECT '{"scale": [1, 5], "n": 4}'::json::csat_summary$$,
	$$SELECT '{"scale": [1, 5], "n": 4'::json::csat_summary$$,
	$$SELECT '[]'::json::nps_summary$$
]) WITH ORDINALITY AS c(q, n)
ORDER BY n;

DROP TABLE ces_json, random_counts;
