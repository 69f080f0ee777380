-- csat_ces_basic: the csat_summary and ces_summary types, their aggregates
-- and accessors on hand-worked data (spec 0.2.0, "CSAT and CES").  Expected
-- values are worked out in the comments.

-- CSAT on 1..5: scores 5, 5, 4, 4, 4, 3, 2, 1 and two NULLs (not answers).
-- n = 8, distribution {1, 1, 1, 3, 2}, satisfied (4-5) = 5 -> CSAT 62.5,
-- mean 28 / 8 = 3.5.  'web' = 5, 5, 4, 4, 4 -> CSAT 100, mean 4.4;
-- 'store' = 3, 2, 1 -> CSAT 0, mean 2.
CREATE TABLE survey (id int, touchpoint text, score int);
INSERT INTO survey VALUES
	(1, 'web', 5), (2, 'web', 5), (3, 'web', 4), (4, 'web', 4), (5, 'web', 4),
	(6, 'store', 3), (7, 'store', 2), (8, 'store', 1),
	(9, 'store', NULL), (10, 'web', NULL);

SELECT csat_agg(score) FROM survey;
SELECT csat(score), count(score) FROM survey;

-- the same through smallint and numeric inputs, and with the scale given
SELECT csat(score::smallint), csat(score::numeric), csat(score::numeric(4,2)), csat(score, 5)
FROM survey;
SELECT csat_agg(score::smallint) = csat_agg(score) AS int2_same,
	   csat_agg(score::numeric) = csat_agg(score) AS numeric_same,
	   csat_agg(score, 5) = csat_agg(score) AS scale_5_same,
	   csat_agg(score::smallint, 5) = csat_agg(score) AS int2_scale_same,
	   csat_agg(score::numeric, 5) = csat_agg(score) AS numeric_scale_same
FROM survey;

-- accessors
SELECT responses(s), satisfied(s), csat(s), mean(s), scale_max(s),
	   csat(s, 3) AS csat_from_3, satisfied(s, 3) AS satisfied_from_3,
	   csat(s, 5) AS csat_top_box, csat(s, 1) AS csat_from_1,
	   csat(s, satisfied_min => 3) AS named
FROM (SELECT csat_agg(score) AS s FROM survey) t;

-- scale_max() is on both types; lower_is_better() only on ces_summary
SELECT scale_max('v1:1..5:1,0,0,0,1'::csat_summary) AS csat_scale_max,
	   scale_max('v1:1..5:lower_is_better:1,0,0,0,1'::ces_summary) AS ces_scale_max,
	   to_regprocedure('lower_is_better(csat_summary)') IS NULL AS no_csat_direction;

-- distribution is subscripted by the score itself, 1..k
SELECT distribution(s), (distribution(s))[4] AS fours, (distribution(s))[0] AS zeros,
	   array_lower(distribution(s), 1) AS lo, array_upper(distribution(s), 1) AS hi
FROM (SELECT csat_agg(score) AS s FROM survey) t;
SELECT k, array_lower(distribution(s), 1) AS lo, array_upper(distribution(s), 1) AS hi,
	   array_upper(distribution(e), 1) AS ces_hi, scale_max(s), scale_max(e)
FROM generate_series(2, 10) k,
	 LATERAL (SELECT csat_agg(x, k) AS s, ces_agg(x, k, k % 2 = 0) AS e FROM (VALUES (1), (k)) v(x)) t
ORDER BY k;

-- on a 1..7 scale (default threshold 6): 7, 6, 6, 2 -> 3 of 4 satisfied
SELECT csat_agg(x, 7), csat(x, 7), csat(csat_agg(x, 7)), satisfied(csat_agg(x, 7))
FROM (VALUES (7), (6), (6), (2), (NULL)) v(x);

-- per group
SELECT touchpoint, csat(score), mean(csat_agg(score)), responses(csat_agg(score))
FROM survey GROUP BY touchpoint ORDER BY touchpoint;

-- the default threshold: the top two points when k >= 4, the top point when
-- k <= 3.  Counts 1, 2, ..., k (count i for score i):
-- k = 2: 2 of 3 satisfied; 3: 3 of 6; 4: 3 + 4 = 7 of 10; 5: 9 of 15;
-- 10: 19 of 55.
SELECT k, s, satisfied(s), round(csat(s)::numeric, 4) AS csat
FROM (VALUES (2), (3), (4), (5), (10)) v(k),
	 LATERAL (SELECT format('v1:1..%s:%s', k, string_agg(i::text, ',' ORDER BY i))::csat_summary AS s
			  FROM generate_series(1, k) i) t
ORDER BY k;
-- and every k against the rule
SELECT bool_and(satisfied(s) = (SELECT sum(i) FROM generate_series(CASE WHEN k >= 4 THEN k - 1 ELSE k END, k) i)
				AND satisfied(s) = satisfied(s, CASE WHEN k >= 4 THEN k - 1 ELSE k END)) AS default_threshold_ok,
	   count(*) AS scales
FROM generate_series(2, 10) k,
	 LATERAL (SELECT format('v1:1..%s:%s', k, string_agg(i::text, ',' ORDER BY i))::csat_summary AS s
			  FROM generate_series(1, k) i) t;

--------------------------------------------------------------------------
-- CES
--------------------------------------------------------------------------

-- CES 2.0 (1..7, higher is easier): 7, 7, 6, 5, 4, 3, 1, 1, NULL:
-- n = 8, easy (5-7) 4, difficult (1-3) 3, net effort 100 * 1 / 8 = 12.5,
-- mean 34 / 8 = 4.25
CREATE TABLE effort (id int, score int);
INSERT INTO effort VALUES (1, 7), (2, 7), (3, 6), (4, 5), (5, 4), (6, 3), (7, 1), (8, 1), (9, NULL);
SELECT ces_agg(score), ces(score), avg(score) FROM effort;
SELECT ces_agg(score::smallint) = ces_agg(score) AS int2_same,
	   ces_agg(score::numeric) = ces_agg(score) AS numeric_same,
	   ces_agg(score, 7, false) = ces_agg(score) AS explicit_same,
	   ces(score, 7, false) = ces(score) AS ces_explicit_same
FROM effort;
SELECT responses(s), easy(s), difficult(s), easy_share(s), difficult_share(s), net_effort(s),
	   ces(s), mean(s), scale_max(s), lower_is_better(s), distribution(s)
FROM (SELECT ces_agg(score) AS s FROM effort) t;

-- CES 1.0 (1..5, lower is easier): 1, 1, 2, 3, 4, 5, 5, 5 -> easy (1-2) 3,
-- difficult (4-5) 4, net effort 100 * -1 / 8 = -12.5, mean 26 / 8 = 3.25.
-- Read as higher is easier: easy 4, difficult 3, net effort 12.5.
SELECT d AS lower_is_better, s, easy(s), difficult(s), net_effort(s), ces(s), lower_is_better(s)
FROM (VALUES (true), (false)) v(d),
	 LATERAL (SELECT ces_agg(x, 5, d) AS s FROM unnest(ARRAY[1, 1, 2, 3, 4, 5, 5, 5, NULL]) x) t
ORDER BY d DESC;
SELECT ces(x, 5, true) AS ces_1_0, ces(x::smallint, 5, true) AS int2, ces(x::numeric, 5, true) AS num
FROM unnest(ARRAY[1, 1, 2, 3, 4, 5, 5, 5, NULL]) x;

--------------------------------------------------------------------------
-- Empty input
--------------------------------------------------------------------------

-- No rows: csat_agg(score) and ces_agg(score) give an empty summary on the
-- default scale; with a scale argument there is no summary at all (NULL);
-- the one-step aggregates are NULL.
SELECT csat_agg(score) AS csat_agg, csat_agg(score, 7) IS NULL AS csat_agg_k_null,
	   csat(score) IS NULL AS csat_null, csat(score, 7) IS NULL AS csat_k_null
FROM survey WHERE false;
SELECT ces_agg(score) AS ces_agg, ces_agg(score, 5, true) IS NULL AS ces_agg_k_null,
	   ces(score) IS NULL AS ces_null, ces(score, 5, true) IS NULL AS ces_k_null
FROM effort WHERE false;
-- Only NULL scores: an empty summary on the scale given; one-step NULL.
SELECT csat_agg(score) AS csat_agg, csat_agg(score, 7) AS csat_agg_7, csat_agg(score::numeric, 2) AS csat_agg_2,
	   csat(score) IS NULL AS csat_null, csat(score, 7) IS NULL AS csat_k_null
FROM survey WHERE score IS NULL;
SELECT ces_agg(score) AS ces_agg, ces_agg(score, 5, true) AS ces_agg_5, ces_agg(score::smallint, 10, false) AS ces_agg_10,
	   ces(score) IS NULL AS ces_null, ces(score, 5, true) IS NULL AS ces_k_null
FROM effort WHERE score IS NULL;
-- per group, a group of NULL scores only
SELECT g, csat_agg(x, 3), ces_agg(x, 3, true), csat(x, 3) IS NULL AS csat_null
FROM (VALUES (1, NULL::int), (1, NULL), (2, 3), (2, NULL)) v(g, x)
GROUP BY g ORDER BY g;

-- accessors of empty summaries: counts 0, statistics NULL
SELECT responses(s), satisfied(s), distribution(s), csat(s) IS NULL AS csat_null, mean(s) IS NULL AS mean_null,
	   csat_stderr(s) IS NULL AS se_null, csat_lower(s) IS NULL AS lower_null, csat_upper(s) IS NULL AS upper_null,
	   mean_stderr(s) IS NULL AS mean_se_null, mean_lower(s) IS NULL AS mean_lower_null,
	   mean_upper(s) IS NULL AS mean_upper_null, csat(s, 2) IS NULL AS csat_2_null
FROM (SELECT csat_agg(score) AS s FROM survey WHERE false) t;
SELECT responses(s), easy(s), difficult(s), easy_share(s) IS NULL AS easy_share_null,
	   difficult_share(s) IS NULL AS difficult_share_null, net_effort(s) IS NULL AS ne_null,
	   ces(s) IS NULL AS ces_null, mean(s) IS NULL AS mean_null, lower_is_better(s), scale_max(s)
FROM (SELECT ces_agg(score, 5, true) AS s FROM effort WHERE score IS NULL) t;

-- a single response: a mean but no standard error
SELECT mean(s), mean_stderr(s) IS NULL AS se_null, mean_lower(s) IS NULL AS lower_null, csat(s)
FROM (SELECT csat_agg(x) AS s FROM (VALUES (4)) v(x)) t;

--------------------------------------------------------------------------
-- json and jsonb
--------------------------------------------------------------------------

SELECT s::json, s::jsonb FROM (SELECT csat_agg(score) AS s FROM survey) t;
SELECT s::json, s::jsonb FROM (SELECT ces_agg(x, 5, true) AS s FROM unnest(ARRAY[1, 1, 2, 3, 4, 5, 5, 5]) x) t;
SELECT 'v1:1..5:0,0,0,0,0'::csat_summary::jsonb AS empty_csat,
	   'v1:1..7:0,0,0,0,0,0,0'::ces_summary::jsonb AS empty_ces;
-- the shared fields agree with the accessors, and json and jsonb agree
SELECT bool_and((s::jsonb)->'counts' = to_jsonb(distribution(s))
				AND ((s::jsonb)->>'n')::bigint = responses(s)
				AND (s::jsonb)->'scale' = jsonb_build_array(1, scale_max(s))
				AND s::json::jsonb = s::jsonb) AS csat_json_ok
FROM (VALUES ('v1:1..5:1,0,2,0,9'::csat_summary), ('v1:1..2:0,0'), ('v1:1..10:1,2,3,4,5,6,7,8,9,10')) v(s);
SELECT bool_and((s::jsonb)->'counts' = to_jsonb(distribution(s))
				AND ((s::jsonb)->>'n')::bigint = responses(s)
				AND (s::jsonb)->'scale' = jsonb_build_array(1, scale_max(s))
				AND s::json::jsonb = s::jsonb) AS ces_json_ok
FROM (VALUES ('v1:1..7:1,0,2,0,9,0,1'::ces_summary), ('v1:1..5:lower_is_better:0,0,0,0,0'),
			 ('v1:1..10:lower_is_better:1,2,3,4,5,6,7,8,9,10')) v(s);
-- CES 1.0 and a 1..5 CES with higher easier are told apart in JSON
SELECT 'v1:1..5:lower_is_better:1,0,0,0,0'::ces_summary::jsonb <> 'v1:1..5:1,0,0,0,0'::ces_summary::jsonb
	   AS direction_in_json;
SELECT to_json(t) FROM (SELECT 'web' AS touchpoint, csat_agg(score) AS s FROM survey WHERE touchpoint = 'web') t;

--------------------------------------------------------------------------
-- Equality, hashing, GROUP BY
--------------------------------------------------------------------------

SELECT 'v1:1..5:1,0,0,0,2'::csat_summary = 'v1:1..5:1,0,0,0,2'::csat_summary AS eq,
	   'v1:1..5:1,0,0,0,2'::csat_summary = 'v1:1..5:2,0,0,0,1'::csat_summary AS eq2,
	   'v1:1..5:1,0,0,0,2'::csat_summary <> 'v1:1..5:2,0,0,0,1'::csat_summary AS ne,
	   'v1:1..5:0,0,0,0,0'::csat_summary = 'v1:1..7:0,0,0,0,0,0,0'::csat_summary AS empty_5_eq_empty_7,
	   'v1:1..2:1,0'::csat_summary = 'v1:1..3:1,0,0'::csat_summary AS scale_2_eq_3;
SELECT 'v1:1..5:lower_is_better:1,2,3,4,5'::ces_summary = 'v1:1..5:lower_is_better:1,2,3,4,5'::ces_summary AS eq,
	   'v1:1..5:lower_is_better:1,2,3,4,5'::ces_summary = 'v1:1..5:1,2,3,4,5'::ces_summary AS direction_eq,
	   'v1:1..5:lower_is_better:1,2,3,4,5'::ces_summary <> 'v1:1..5:1,2,3,4,5'::ces_summary AS direction_ne,
	   'v1:1..7:0,0,0,0,0,0,0'::ces_summary = 'v1:1..5:0,0,0,0,0'::ces_summary AS empty_7_eq_empty_5;
-- GROUP BY and DISTINCT, hashed and sorted: equal summaries group together,
-- different scales and directions do not
SELECT s, count(*)
FROM (VALUES ('v1:1..5:1,0,0,0,2'::csat_summary), ('v1:1..5:1,0,0,0,2'), ('v1:1..5:0,0,0,0,0'),
			 ('v1:1..7:0,0,0,0,0,0,0'), ('v1:1..7:0,0,0,0,0,0,0'), ('v1:1..7:0,0,0,0,0,0,0')) v(s)
GROUP BY s ORDER BY 2, s::text;
SELECT s, count(*)
FROM (VALUES ('v1:1..5:lower_is_better:1,0,0,0,2'::ces_summary), ('v1:1..5:1,0,0,0,2'),
			 ('v1:1..5:lower_is_better:1,0,0,0,2'), ('v1:1..5:1,0,0,0,2'), ('v1:1..5:1,0,0,0,2')) v(s)
GROUP BY s ORDER BY 2, s::text;
SET enable_hashagg = off;
SELECT count(*) AS groups_sorted FROM (SELECT DISTINCT s FROM (VALUES ('v1:1..5:lower_is_better:1,0,0,0,2'::ces_summary),
	('v1:1..5:1,0,0,0,2'), ('v1:1..5:lower_is_better:1,0,0,0,2')) v(s)) d;
RESET enable_hashagg;
SET enable_sort = off;
SELECT count(*) AS groups_hashed FROM (SELECT DISTINCT s FROM (VALUES ('v1:1..5:lower_is_better:1,0,0,0,2'::ces_summary),
	('v1:1..5:1,0,0,0,2'), ('v1:1..5:lower_is_better:1,0,0,0,2')) v(s)) d;
RESET enable_sort;
-- a hash join on summaries
SELECT count(*) AS matches
FROM (SELECT csat_agg(score) AS s FROM survey GROUP BY id % 3) a
JOIN (SELECT csat_agg(score) AS s FROM survey GROUP BY id % 3) b USING (s);

--------------------------------------------------------------------------
-- rollup
--------------------------------------------------------------------------

-- daily summaries merge into the same summary as the raw rows (one pass)
CREATE TABLE daily AS
	SELECT id % 4 AS day, touchpoint, csat_agg(score) AS s, csat_agg(score, 5) AS s5,
		   ces_agg(score) AS c, ces_agg(score, 5, true) AS c1
	FROM survey GROUP BY 1, 2;
SELECT rollup(s) = (SELECT csat_agg(score) FROM survey) AS csat_rollup_exact,
	   rollup(s5) = (SELECT csat_agg(score, 5) FROM survey) AS csat_k_rollup_exact,
	   rollup(c) = (SELECT ces_agg(score) FROM survey) AS ces_rollup_exact,
	   rollup(c1) = (SELECT ces_agg(score, 5, true) FROM survey) AS ces_1_0_rollup_exact,
	   csat(rollup(s)), responses(rollup(s)), mean(rollup(c1))
FROM daily;
SELECT touchpoint, csat(rollup(s)), lower_is_better(rollup(c1)) FROM daily GROUP BY touchpoint ORDER BY 1;
-- over no rows: NULL (no scale to give an empty summary)
SELECT rollup(s) IS NULL AS csat_rollup_null FROM daily WHERE false;
SELECT rollup(c1) IS NULL AS ces_rollup_null FROM daily WHERE false;
-- a NULL summary is skipped
SELECT rollup(s) FROM (VALUES (NULL::csat_summary), ('v1:1..3:0,1,0'), ('v1:1..3:1,0,0')) v(s);
SELECT rollup(s) FROM (VALUES ('v1:1..5:lower_is_better:1,0,0,0,0'::ces_summary), (NULL)) v(s);

-- summaries survive a table round trip and a text round trip
CREATE TABLE stored (s csat_summary, c ces_summary);
INSERT INTO stored SELECT csat_agg(score, 7), ces_agg(score, 5, true) FROM survey;
SELECT s, c, s = s::text::csat_summary AS csat_text_round_trip, c = c::text::ces_summary AS ces_text_round_trip
FROM stored;

-- the aggregates share one state when used together; each is still right
SELECT csat_agg(score), csat(score), csat(csat_agg(score)), ces_agg(score, 5, true), ces(score, 5, true),
	   ces(ces_agg(score, 5, true))
FROM survey;

-- called as plain functions, the transition, inverse and combine functions
-- must not modify their argument; the scaled transition creates its state
-- from NULL
WITH t AS (SELECT 'v1:1..5:0,0,0,0,1'::csat_summary AS s)
SELECT s, csat_agg_trans(s, 3) AS added, s AS unchanged, csat_agg_trans(s, 2, 5) AS added_k,
	   s AS unchanged_k, csat_summary_combine(s, s) AS doubled, s AS still_unchanged,
	   csat_agg_inv(s, 5) AS removed, csat_agg_inv(s, 5, 5) AS removed_k, s AS unchanged_at_end
FROM t;
WITH t AS (SELECT 'v1:1..5:lower_is_better:0,0,0,0,1'::ces_summary AS s)
SELECT s, ces_agg_trans(s, 3, 5, true) AS added_k, s AS unchanged, ces_summary_combine(s, s) AS doubled,
	   ces_agg_inv(s, 5, 5, true) AS removed, s AS unchanged_at_end
FROM t;
SELECT csat_agg_trans(NULL::csat_summary, 3, 7) AS from_null, ces_agg_trans(NULL::ces_summary, NULL::int, 5, true) AS from_null_score;

DROP TABLE survey, effort, daily, stored;
