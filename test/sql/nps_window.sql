-- nps_window: moving-aggregate support.  nps_agg, nps and rollup over window
-- frames (computed with the inverse transition functions as the frame slides)
-- must equal the same aggregate computed from scratch over each frame.

SELECT setseed(0.4242);
CREATE TABLE w AS
	SELECT i AS id,
		   DATE '2026-01-01' + (i / 7) AS day,
		   CASE WHEN random() < 0.05 THEN NULL ELSE floor(random() * 11)::int END AS score
	FROM generate_series(1, 1500) i;

-- random ROWS frames: (a PRECEDING, b FOLLOWING) drawn at random, plus edges
CREATE TABLE frames AS
	SELECT floor(random() * 60)::int AS a, floor(random() * 10)::int AS b FROM generate_series(1, 6)
	UNION ALL VALUES (0, 0), (29, 0), (1500, 0);

-- from scratch: one aggregate per frame, by a self-join
CREATE FUNCTION check_rows(a int, b int) RETURNS TABLE (frame text, rows bigint, all_equal bool)
	LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format($q$
		SELECT %1$s || ' preceding, ' || %2$s || ' following', count(*),
			   bool_and(m.s = (SELECT nps_agg(w2.score) FROM w w2
							   WHERE w2.id BETWEEN m.id - %1$s AND m.id + %2$s)
						AND m.n IS NOT DISTINCT FROM
							(SELECT nps(w2.score) FROM w w2
							 WHERE w2.id BETWEEN m.id - %1$s AND m.id + %2$s))
		FROM (SELECT id,
					 nps_agg(score) OVER (ORDER BY id ROWS BETWEEN %1$s PRECEDING AND %2$s FOLLOWING) AS s,
					 nps(score) OVER (ORDER BY id ROWS BETWEEN %1$s PRECEDING AND %2$s FOLLOWING) AS n
			  FROM w) m
		$q$, a, b);
END $$;
SELECT count(*) AS frames, bool_and(all_equal) AS all_equal, sum(rows) AS rows_checked
FROM frames, LATERAL check_rows(a, b);

-- a frame that holds only NULL scores gives NULL nps, as an empty input does
SELECT bool_and((n IS NULL) = (s = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0')) AS null_iff_empty
FROM (SELECT nps(score) OVER f AS n, nps_agg(score) OVER f AS s
	  FROM w WINDOW f AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)) t;

-- RANGE frames over dates (several rows per day) and numeric scores
SELECT bool_and(m.s = (SELECT nps_agg(w2.score::numeric) FROM w w2
					   WHERE w2.day BETWEEN m.day - 30 AND m.day)) AS range_30_days_equal,
	   count(*) AS rows_checked
FROM (SELECT id, day, nps_agg(score::numeric) OVER (ORDER BY day RANGE BETWEEN '30 days' PRECEDING AND CURRENT ROW) AS s
	  FROM w) m;

-- rollup over daily summaries: a 30-row frame equals the raw rows of those days
CREATE TABLE daily AS SELECT day, nps_agg(score::smallint) AS s FROM w GROUP BY day;
SELECT bool_and(m.s = (SELECT nps_agg(w2.score) FROM w w2
					   WHERE w2.day BETWEEN m.first_day AND m.day)) AS rollup_30_rows_equal,
	   count(*) AS rows_checked
FROM (SELECT day, rollup(s) OVER f AS s, min(day) OVER f AS first_day
	  FROM daily WINDOW f AS (ORDER BY day ROWS 29 PRECEDING)) m;

-- a frame that both grows and shrinks, and EXCLUDE (which defeats the inverse)
SELECT bool_and(m.s = (SELECT nps_agg(w2.score) FROM w w2
					   WHERE w2.id BETWEEN m.id + 5 AND m.id + 40)) AS following_frame_equal
FROM (SELECT id, nps_agg(score) OVER (ORDER BY id ROWS BETWEEN 5 FOLLOWING AND 40 FOLLOWING) AS s
	  FROM w) m
WHERE id <= 1460;
SELECT bool_and(m.s = (SELECT nps_agg(w2.score) FROM w w2
					   WHERE w2.id BETWEEN m.id - 10 AND m.id + 10 AND w2.id <> m.id)) AS exclude_equal
FROM (SELECT id, nps_agg(score) OVER (ORDER BY id ROWS BETWEEN 10 PRECEDING AND 10 FOLLOWING
									  EXCLUDE CURRENT ROW) AS s
	  FROM w) m;

-- partitioned windows restart cleanly per partition
SELECT bool_and(m.s = (SELECT nps_agg(w2.score) FROM w w2
					   WHERE w2.id % 3 = m.id % 3 AND w2.id <= m.id)) AS partitioned_equal
FROM (SELECT id, nps_agg(score) OVER (PARTITION BY id % 3 ORDER BY id) AS s FROM w) m;

DROP FUNCTION check_rows(int, int);
DROP TABLE w, frames, daily;
