-- csat_ces_window: moving-aggregate support of csat_agg, csat, ces_agg, ces
-- and rollup, with and without a scale argument.  Over sliding window frames
-- (computed with the inverse transition functions as the frame head moves)
-- every result must equal the same aggregate computed from scratch over the
-- rows of the frame, including the NULL rules: a scaled aggregate over no
-- rows is NULL, over only NULL scores an empty summary.

SELECT setseed(0.5151);
CREATE TABLE w AS
	SELECT i AS id,
		   DATE '2026-01-01' + (i / 7) AS day,
		   CASE WHEN random() < 0.05 OR i BETWEEN 700 AND 706 THEN NULL
				ELSE 1 + floor(random() * 5)::int END AS s5,
		   CASE WHEN random() < 0.05 OR i BETWEEN 700 AND 706 THEN NULL
				ELSE 1 + floor(random() * 7)::int END AS s7
	FROM generate_series(1, 1500) i;

-- random ROWS frames: (a PRECEDING, b FOLLOWING) drawn at random, plus edges
CREATE TABLE frames AS
	SELECT floor(random() * 60)::int AS a, floor(random() * 10)::int AS b FROM generate_series(1, 5)
	UNION ALL VALUES (0, 0), (1, 0), (29, 0), (1500, 0);

-- from scratch: one aggregate per frame, by a self-join.  Summaries are
-- compared with =, the float8 results exactly (both come from the same
-- counts), NULLs as equal.
CREATE FUNCTION check_rows(a int, b int) RETURNS TABLE (frame text, rows bigint, all_equal bool)
	LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format($q$
		SELECT %1$s || ' preceding, ' || %2$s || ' following', count(*),
			   bool_and(m.cs IS NOT DISTINCT FROM f.cs AND m.c IS NOT DISTINCT FROM f.c
						AND m.cs7 IS NOT DISTINCT FROM f.cs7 AND m.c7 IS NOT DISTINCT FROM f.c7
						AND m.es IS NOT DISTINCT FROM f.es AND m.e IS NOT DISTINCT FROM f.e
						AND m.es1 IS NOT DISTINCT FROM f.es1 AND m.e1 IS NOT DISTINCT FROM f.e1)
		FROM (SELECT id,
					 csat_agg(s5) OVER fr AS cs, csat(s5) OVER fr AS c,
					 csat_agg(s7, 7) OVER fr AS cs7, csat(s7, 7) OVER fr AS c7,
					 ces_agg(s7) OVER fr AS es, ces(s7) OVER fr AS e,
					 ces_agg(s5, 5, true) OVER fr AS es1, ces(s5, 5, true) OVER fr AS e1
			  FROM w
			  WINDOW fr AS (ORDER BY id ROWS BETWEEN %1$s PRECEDING AND %2$s FOLLOWING)) m,
			 LATERAL (SELECT csat_agg(s5) AS cs, csat(s5) AS c, csat_agg(s7, 7) AS cs7, csat(s7, 7) AS c7,
							 ces_agg(s7) AS es, ces(s7) AS e, ces_agg(s5, 5, true) AS es1, ces(s5, 5, true) AS e1
					  FROM w w2 WHERE w2.id BETWEEN m.id - %1$s AND m.id + %2$s) f
		$q$, a, b);
END $$;
SELECT count(*) AS frames, bool_and(all_equal) AS all_equal, sum(rows) AS rows_checked
FROM frames, LATERAL check_rows(a, b);

-- a frame that holds only NULL scores: csat and ces are NULL, the summaries
-- empty (on the scale given), exactly when there is no score in the frame
SELECT bool_and((c IS NULL) = (cs = 'v1:1..5:0,0,0,0,0') AND (c7 IS NULL) = (cs7 = 'v1:1..7:0,0,0,0,0,0,0')
				AND (e1 IS NULL) = (es1 = 'v1:1..5:lower_is_better:0,0,0,0,0')) AS null_iff_empty,
	   count(*) FILTER (WHERE c7 IS NULL) AS frames_without_scores
FROM (SELECT csat(s5) OVER f AS c, csat_agg(s5) OVER f AS cs, csat(s7, 7) OVER f AS c7,
			 csat_agg(s7, 7) OVER f AS cs7, ces(s5, 5, true) OVER f AS e1, ces_agg(s5, 5, true) OVER f AS es1
	  FROM w WINDOW f AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)) t;

-- RANGE frames over dates (several rows per day), numeric and smallint scores
SELECT bool_and(m.cs = (SELECT csat_agg(w2.s5::numeric) FROM w w2 WHERE w2.day BETWEEN m.day - 30 AND m.day)
				AND m.cs7 = (SELECT csat_agg(w2.s7::numeric, 7) FROM w w2 WHERE w2.day BETWEEN m.day - 30 AND m.day)
				AND m.es = (SELECT ces_agg(w2.s7::smallint) FROM w w2 WHERE w2.day BETWEEN m.day - 30 AND m.day)
				AND m.es1 = (SELECT ces_agg(w2.s5::numeric, 5, true) FROM w w2 WHERE w2.day BETWEEN m.day - 30 AND m.day))
		   AS range_30_days_equal,
	   count(*) AS rows_checked
FROM (SELECT id, day, csat_agg(s5::numeric) OVER f AS cs, csat_agg(s7::numeric, 7) OVER f AS cs7,
			 ces_agg(s7::smallint) OVER f AS es, ces_agg(s5::numeric, 5, true) OVER f AS es1
	  FROM w WINDOW f AS (ORDER BY day RANGE BETWEEN '30 days' PRECEDING AND CURRENT ROW)) m;

-- rollup over daily summaries: a 30-row frame equals the raw rows of those days
CREATE TABLE daily AS
	SELECT day, csat_agg(s5::smallint) AS cs, csat_agg(s7, 7) AS cs7, ces_agg(s7) AS es,
		   ces_agg(s5, 5, true) AS es1
	FROM w GROUP BY day;
SELECT bool_and(m.cs = (SELECT csat_agg(w2.s5) FROM w w2 WHERE w2.day BETWEEN m.first_day AND m.day)
				AND m.cs7 = (SELECT csat_agg(w2.s7, 7) FROM w w2 WHERE w2.day BETWEEN m.first_day AND m.day)
				AND m.es = (SELECT ces_agg(w2.s7) FROM w w2 WHERE w2.day BETWEEN m.first_day AND m.day)
				AND m.es1 = (SELECT ces_agg(w2.s5, 5, true) FROM w w2 WHERE w2.day BETWEEN m.first_day AND m.day))
		   AS rollup_30_rows_equal,
	   count(*) AS rows_checked
FROM (SELECT day, rollup(cs) OVER f AS cs, rollup(cs7) OVER f AS cs7, rollup(es) OVER f AS es,
			 rollup(es1) OVER f AS es1, min(day) OVER f AS first_day
	  FROM daily WINDOW f AS (ORDER BY day ROWS 29 PRECEDING)) m;

-- a frame that both grows and shrinks, and becomes empty at the end of the
-- table (the last 5 rows): there, the scaled aggregates are NULL as over no
-- rows, the unscaled ones an empty summary
SELECT bool_and(m.cs IS NOT DISTINCT FROM (SELECT csat_agg(w2.s5) FROM w w2 WHERE w2.id BETWEEN m.id + 5 AND m.id + 40)
				AND m.cs7 IS NOT DISTINCT FROM (SELECT csat_agg(w2.s7, 7) FROM w w2 WHERE w2.id BETWEEN m.id + 5 AND m.id + 40)
				AND m.es IS NOT DISTINCT FROM (SELECT ces_agg(w2.s7) FROM w w2 WHERE w2.id BETWEEN m.id + 5 AND m.id + 40)
				AND m.es1 IS NOT DISTINCT FROM (SELECT ces_agg(w2.s5, 5, true) FROM w w2 WHERE w2.id BETWEEN m.id + 5 AND m.id + 40))
		   AS following_frame_equal,
	   count(*) FILTER (WHERE id > 1495) AS empty_frames
FROM (SELECT id, csat_agg(s5) OVER f AS cs, csat_agg(s7, 7) OVER f AS cs7, ces_agg(s7) OVER f AS es,
			 ces_agg(s5, 5, true) OVER f AS es1
	  FROM w WINDOW f AS (ORDER BY id ROWS BETWEEN 5 FOLLOWING AND 40 FOLLOWING)) m;
SELECT id, csat_agg(s7, 7) OVER f AS csat_7, ces_agg(s5, 5, true) OVER f AS ces_1_0,
	   csat_agg(s5) OVER f AS csat_default, ces(s7) OVER f AS ces_default
FROM w WINDOW f AS (ORDER BY id ROWS BETWEEN 5 FOLLOWING AND 40 FOLLOWING)
ORDER BY id DESC LIMIT 7;

-- EXCLUDE (which defeats the inverse) and partitioned windows
SELECT bool_and(m.cs7 = (SELECT csat_agg(w2.s7, 7) FROM w w2 WHERE w2.id BETWEEN m.id - 10 AND m.id + 10 AND w2.id <> m.id)
				AND m.es1 = (SELECT ces_agg(w2.s5, 5, true) FROM w w2 WHERE w2.id BETWEEN m.id - 10 AND m.id + 10 AND w2.id <> m.id))
		   AS exclude_equal
FROM (SELECT id, csat_agg(s7, 7) OVER f AS cs7, ces_agg(s5, 5, true) OVER f AS es1
	  FROM w WINDOW f AS (ORDER BY id ROWS BETWEEN 10 PRECEDING AND 10 FOLLOWING EXCLUDE CURRENT ROW)) m;
SELECT bool_and(m.cs = (SELECT csat_agg(w2.s5) FROM w w2 WHERE w2.id % 3 = m.id % 3 AND w2.id BETWEEN m.id - 60 AND m.id)
				AND m.es1 = (SELECT ces_agg(w2.s5, 5, true) FROM w w2 WHERE w2.id % 3 = m.id % 3 AND w2.id BETWEEN m.id - 60 AND m.id))
		   AS partitioned_equal
FROM (SELECT id, csat_agg(s5) OVER f AS cs, ces_agg(s5, 5, true) OVER f AS es1
	  FROM w WINDOW f AS (PARTITION BY id % 3 ORDER BY id ROWS 20 PRECEDING)) m;

-- a score off the scale inside a moving frame is still an error
SELECT csat_agg(x, 3) OVER (ORDER BY i ROWS 1 PRECEDING)
FROM (VALUES (1, 1), (2, 3), (3, 4)) v(i, x);
SELECT ces_agg(x, k, true) OVER (ORDER BY i ROWS 1 PRECEDING)
FROM (VALUES (1, 1, 5), (2, 3, 5), (3, 4, 7)) v(i, x, k);

DROP FUNCTION check_rows(int, int);
DROP TABLE w, frames, daily;
