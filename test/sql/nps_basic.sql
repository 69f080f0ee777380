-- nps_basic: the nps_summary type, its aggregates and accessors on
-- hand-worked data.  Expected values are worked out in the comments.

-- Ten responses: promoters 10,10,9,9,9 (5), passives 8,7,7 (3),
-- detractors 6,3 (2).  NPS = 100 * (5 - 2) / 10 = 30.
CREATE TABLE survey (id int, touchpoint text, score int);
INSERT INTO survey VALUES
	(1, 'web', 10), (2, 'web', 10), (3, 'web', 9), (4, 'web', 9), (5, 'web', 9),
	(6, 'store', 8), (7, 'store', 7), (8, 'store', 7), (9, 'store', 6), (10, 'store', 3),
	(11, 'store', NULL), (12, 'web', NULL);

SELECT nps_agg(score) FROM survey;
SELECT nps(score), count(score) FROM survey;

-- the same through smallint and numeric inputs
SELECT nps(score::smallint), nps(score::numeric), nps(score::numeric(4,2))
FROM survey;
SELECT nps_agg(score::smallint) = nps_agg(score) AS int2_same,
	   nps_agg(score::numeric) = nps_agg(score) AS numeric_same
FROM survey;

-- accessors: n = 10 (two NULLs are not answers), 5 / 3 / 2
SELECT nps(s), responses(s), promoters(s), passives(s), detractors(s),
	   promoter_share(s), passive_share(s), detractor_share(s)
FROM (SELECT nps_agg(score) AS s FROM survey) t;

-- distribution is subscripted by the score itself
SELECT distribution(s), (distribution(s))[9] AS nines, (distribution(s))[0] AS zeros,
	   array_lower(distribution(s), 1) AS lo, array_upper(distribution(s), 1) AS hi
FROM (SELECT nps_agg(score) AS s FROM survey) t;

-- per group: web = 5 promoters -> 100; store = 3 passives, 2 detractors -> -40
SELECT touchpoint, nps(score), responses(nps_agg(score))
FROM survey GROUP BY touchpoint ORDER BY touchpoint;

-- custom cutoffs: promoters from 8 and detractors to 6: (6 - 2) / 10 -> 40;
-- promoters from 7, detractors to 5: (8 - 1) / 10 -> 70
SELECT nps(s, 8, 6) AS from_8, nps(s, 7, 5) AS from_7, nps(s, 9, 6) = nps(s) AS standard
FROM (SELECT nps_agg(score) AS s FROM survey) t;
SELECT nps(s, promoter_min => 8, detractor_max => 6)
FROM (SELECT nps_agg(score) AS s FROM survey) t;

-- extremes
SELECT nps(x) FROM (VALUES (10), (9)) v(x);
SELECT nps(x) FROM (VALUES (0), (6), (3)) v(x);
SELECT nps(x) FROM (VALUES (7), (8)) v(x);

-- empty input: nps() is NULL, nps_agg() is an empty summary, responses 0
SELECT nps(score) IS NULL AS nps_null, nps_agg(score) FROM survey WHERE false;
SELECT nps(s) IS NULL AS nps_null, responses(s), promoters(s),
	   promoter_share(s) IS NULL AS share_null, nps_stderr(s) IS NULL AS se_null,
	   nps_lower(s) IS NULL AS lower_null, nps_upper(s) IS NULL AS upper_null,
	   nps(s, 8, 6) IS NULL AS cutoff_null
FROM (SELECT nps_agg(score) AS s FROM survey WHERE false) t;
SELECT nps(score) IS NULL AS all_null_scores, responses(nps_agg(score))
FROM survey WHERE score IS NULL;

-- json and jsonb casts; to_json uses the cast too
SELECT s::json, s::jsonb
FROM (SELECT nps_agg(score) AS s FROM survey) t;
SELECT (s::jsonb)->>'nps' AS nps, (s::jsonb)->'counts'->9 AS nines
FROM (SELECT nps_agg(score) AS s FROM survey) t;
SELECT 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0'::nps_summary::jsonb AS empty_json;
SELECT to_json(t) FROM (SELECT 'web' AS touchpoint, nps_agg(score) AS s FROM survey WHERE touchpoint = 'web') t;

-- equality and hashing
SELECT 'v1:0..10:1,0,0,0,0,0,0,0,0,0,2'::nps_summary = 'v1:0..10:1,0,0,0,0,0,0,0,0,0,2'::nps_summary AS eq,
	   'v1:0..10:1,0,0,0,0,0,0,0,0,0,2'::nps_summary = 'v1:0..10:2,0,0,0,0,0,0,0,0,0,1'::nps_summary AS eq2,
	   'v1:0..10:1,0,0,0,0,0,0,0,0,0,2'::nps_summary <> 'v1:0..10:2,0,0,0,0,0,0,0,0,0,1'::nps_summary AS ne;
SELECT count(*) AS distinct_summaries
FROM (SELECT DISTINCT s FROM (SELECT nps_agg(score) AS s FROM survey GROUP BY id % 3
							  UNION ALL SELECT nps_agg(score) FROM survey GROUP BY id % 3) t) d;
SELECT s, count(*) FROM (VALUES ('v1:0..10:1,0,0,0,0,0,0,0,0,0,2'::nps_summary),
							   ('v1:0..10:1,0,0,0,0,0,0,0,0,0,2'),
							   ('v1:0..10:0,0,0,0,0,0,0,0,0,0,0')) v(s)
GROUP BY s ORDER BY 2;

-- rollup: daily summaries merge into the same summary as the raw rows
CREATE TABLE daily AS
	SELECT id % 4 AS day, touchpoint, nps_agg(score) AS s FROM survey GROUP BY 1, 2;
SELECT rollup(s) = (SELECT nps_agg(score) FROM survey) AS rollup_exact,
	   nps(rollup(s)), responses(rollup(s))
FROM daily;
SELECT touchpoint, nps(rollup(s)) FROM daily GROUP BY touchpoint ORDER BY 1;
SELECT rollup(s) FROM daily WHERE false;
SELECT rollup(s) FROM (VALUES (NULL::nps_summary), ('v1:0..10:0,0,0,0,0,0,0,0,0,1,0')) v(s);

-- summaries survive a table round trip and a text round trip
CREATE TABLE stored (s nps_summary);
INSERT INTO stored SELECT nps_agg(score) FROM survey;
SELECT s = s::text::nps_summary AS text_round_trip FROM stored;

-- the aggregates share one state when used together; each still right
SELECT nps_agg(score), nps(score), nps(nps_agg(score)) FROM survey;

-- called as a plain function, the transition must not modify its argument
WITH t AS (SELECT 'v1:0..10:0,0,0,0,0,0,0,0,0,0,1'::nps_summary AS s)
SELECT s, nps_agg_trans(s, 5) AS added, s AS unchanged,
	   nps_summary_combine(s, s) AS doubled, s AS still_unchanged,
	   nps_agg_inv(s, 10) AS removed
FROM t;

DROP TABLE survey, daily, stored;
