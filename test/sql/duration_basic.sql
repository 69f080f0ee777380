--
-- duration_basic: the duration_summary type, its aggregates and accessors on
-- hand-worked data; its text form worked out from the contract; exact
-- roll-ups; binary COPY; parallel and moving-window aggregation equal to
-- serial, from-scratch aggregation.  Expected values are worked out in the
-- comments; the bucket boundaries come from the table dur_bounds below,
-- made by the contract's own recipe in plain SQL (no extension code).
--

-- Bucket boundaries of alpha = 0.01: gamma = (1 + alpha) / (1 - alpha),
-- b_0 = 1 s, b_i = b_{i-1} * gamma upwards and b_{i+1} / gamma downwards, by
-- repeated float8 multiplication and division; bucket i holds
-- (b_{i-1}, b_i] and its representative value is 2 b_i / (gamma + 1).
-- Indices -693 .. 1525 cover [2^-20 s, 2^44 s].
CREATE TABLE dur_bounds AS
WITH RECURSIVE g(gamma) AS (SELECT (1 + 0.01::float8) / (1 - 0.01::float8)),
up(i, b) AS (SELECT 0, 1::float8 UNION ALL SELECT i + 1, b * gamma FROM up, g WHERE i < 1525),
down(i, b) AS (SELECT -1, 1 / gamma FROM g UNION ALL SELECT i - 1, b / gamma FROM down, g WHERE i > -694)
SELECT i, b AS upper_bound, lag(b) OVER (ORDER BY i) AS lower_bound, 2 * b / (gamma + 1) AS rep
FROM (SELECT * FROM up UNION ALL SELECT * FROM down) u, g;
DELETE FROM dur_bounds WHERE i = -694;
-- The bucket of a duration in seconds, and its representative value.
CREATE FUNCTION dur_bucket(x float8) RETURNS int LANGUAGE sql STABLE
	AS $$ SELECT i FROM dur_bounds WHERE x > lower_bound AND x <= upper_bound $$;
CREATE FUNCTION dur_rep(x float8) RETURNS float8 LANGUAGE sql STABLE
	AS $$ SELECT CASE WHEN x = 0 THEN 0 ELSE (SELECT rep FROM dur_bounds WHERE i = dur_bucket(x)) END $$;

-- The table checked against a few values worked out by hand (gamma =
-- 1.0202...: b_1 = 1.0202, b_-1 = 0.9802; 1 hour in bucket 410 =
-- (3569.83 s, 3641.95 s], 2 hours in 445, 0.1 s in -115, 2^-20 s in -693,
-- 2^44 s in 1525).
SELECT count(*) AS buckets, min(i) AS lowest, max(i) AS highest,
	   round((SELECT upper_bound FROM dur_bounds WHERE i = 1)::numeric, 4) AS b_1,
	   round((SELECT upper_bound FROM dur_bounds WHERE i = -1)::numeric, 4) AS b_minus_1,
	   dur_bucket(3600) AS one_hour, dur_bucket(7200) AS two_hours, dur_bucket(0.1) AS tenth,
	   dur_bucket(2 ^ -20) AS bottom, dur_bucket(2 ^ 44) AS top
FROM dur_bounds;

--------------------------------------------------------------------------
-- Counts, mean, shortest, longest
--------------------------------------------------------------------------

-- Team a: completed in 10, 20, 30, 60 and 120 minutes; open for 3 hours and
-- for 5 minutes.  Team b: completed in 0 s, 45 s and 1 day.  One row has no
-- duration (not counted).
CREATE TABLE cases (id int, team text, d interval, open boolean);
INSERT INTO cases VALUES
	(1, 'a', '10 minutes', false), (2, 'a', '20 minutes', false), (3, 'a', '30 minutes', false),
	(4, 'a', '1 hour', false), (5, 'a', '2 hours', false), (6, 'a', '3 hours', true),
	(7, 'a', '5 minutes', true),
	(8, 'b', '0', false), (9, 'b', '45 seconds', false), (10, 'b', '1 day', false),
	(11, 'b', NULL, false);

-- a: 7 cases, 5 completed, 2 open; b: 3, 3, 0.  Means: a (10 + 20 + 30 +
-- 60 + 120) / 5 = 48 minutes; b (0 + 45 + 86400) / 3 = 28815 s = 8:00:15.
-- Shortest / longest of completed cases only: a 10 min / 2 h (the open 5
-- minutes is no completed case), b 0 / 1 day.
SELECT team, cases(s), completed(s), open_cases(s), relative_error(s), mean(s), shortest(s), longest(s)
FROM (SELECT team, duration_agg(d, open) AS s FROM cases GROUP BY team) t
ORDER BY team;

-- Means exact to the microsecond: 1, 1 and 2 us -> 4/3 us -> 1 us; 0.1, 0.2
-- and 0.4 s as float8 -> 700000 us / 3 = 233333.3 us -> 0.233333 s;
-- 1 year (365.25 days) and 0 -> 182.625 days = 15778800 s.
SELECT (SELECT mean(duration_agg(x)) FROM (VALUES (interval '1 microsecond'), ('1 microsecond'), ('2 microseconds')) v(x)) AS micro,
	   (SELECT mean(duration_agg(x)) FROM (VALUES (0.1::float8), (0.2), (0.4)) v(x)) AS tenths,
	   (SELECT extract(epoch FROM mean(duration_agg(x))) FROM (VALUES (interval '1 year'), ('0')) v(x)) AS half_year_seconds;

-- shortest and longest are exact (then shown to the microsecond): the
-- buckets do not round them.
SELECT shortest(s), longest(s), extract(epoch FROM longest(s)) = 3601.25 AS longest_exact
FROM (SELECT duration_agg(x) AS s FROM (VALUES (3600.000001::float8), (3601.25), (3600.5)) v(x)) t;

-- mean_stderr = sample sd / sqrt(n).  a, in minutes: deviations from 48 are
-- -38, -28, -18, 12, 72; squares 7880; var 7880 / 4 = 1970; se^2 = 1970 / 5
-- = 394 min^2: se = sqrt(394) * 60 s = 1190.966 s.  mean -/+ 1.959963984540054
-- se: 2880 -/+ 2334.25 s.  b: se = sqrt(var / 3), var = sum of squared
-- deviations / 2; its lower bound 28815 - 1.96 se is negative: clipped at 0.
SELECT team,
	   abs(extract(epoch FROM mean_stderr(s)) - se) < 1e-6 AS stderr_ok,
	   abs(extract(epoch FROM mean_lower(s)) - greatest(0, m - 1.959963984540054 * se)) < 1e-6 AS lower_ok,
	   abs(extract(epoch FROM mean_upper(s)) - (m + 1.959963984540054 * se)) < 1e-6 AS upper_ok,
	   abs(extract(epoch FROM mean_lower(s, 0.9)) - greatest(0, m - 1.6448536269514722 * se)) < 1e-6 AS lower_90_ok,
	   mean_lower(s) = interval '0' AS clipped
FROM (SELECT team, duration_agg(d, open) AS s FROM cases GROUP BY team) t
JOIN (VALUES ('a', 2880::float8, sqrt(394::float8) * 60),
			 ('b', 28815, sqrt(((0 - 28815) ^ 2 + (45 - 28815) ^ 2 + (86400 - 28815) ^ 2) / 2 / 3::float8))) e(team, m, se)
	USING (team)
ORDER BY team;

-- Undefined quantities are NULL: no completed case (only open ones), one
-- completed case (no standard error).
SELECT cases(s), completed(s), mean(s) IS NULL AS mean_null, shortest(s) IS NULL AS shortest_null,
	   longest(s) IS NULL AS longest_null, percentile(s, 0.5) IS NULL AS percentile_null,
	   mean_stderr(s) IS NULL AS stderr_null
FROM (SELECT duration_agg(x, true) AS s FROM (VALUES (interval '1 hour'), ('2 hours')) v(x)) t;
SELECT mean(s), mean_stderr(s) IS NULL AS stderr_null, mean_lower(s) IS NULL AS lower_null
FROM (SELECT duration_agg(interval '1 hour') AS s) t;

-- Empty input: a group of NULL durations gives an empty summary; no rows at
-- all give NULL.
SELECT s::text, cases(s), share_within(s, '1 hour') IS NULL AS share_null
FROM (SELECT duration_agg(d) AS s FROM cases WHERE d IS NULL) t;
SELECT duration_agg(d) IS NULL AS no_rows_null, duration_agg(d, open) IS NULL AS no_rows_null_2
FROM cases WHERE false;

-- The float8 forms equal the interval forms on the same seconds; NULLs
-- ignored.
SELECT duration_agg(extract(epoch FROM d)::float8, open) = duration_agg(d, open) AS float8_same,
	   duration_agg(extract(epoch FROM d)::float8, open, 0.01) = duration_agg(d, open) AS alpha_default_same,
	   duration_agg(d) = duration_agg(d, false) AS open_default_same
FROM cases;

--------------------------------------------------------------------------
-- Percentiles
--------------------------------------------------------------------------

-- Of 1 .. 100 s: k = max(1, ceil(100 q)), x_(k) = k s; the answer is the
-- representative value of x_(k)'s bucket, clamped to [1 s, 100 s]:
--   q 0, 0.01: k = 1, bucket 0, representative 0.99 s, clamped: 1 s
--   q 0.5: k = 50, bucket 196, 49.902961 s
--   q 0.9: k = 90, bucket 225, 89.130329 s
--   q 0.99: k = 99, bucket 230, 98.504576 s
--   q 1: k = 100, bucket 231, 100.494568 s, clamped: 100 s
-- got is shown; expected is worked out in SQL from dur_bounds; they differ
-- by less than a microsecond (interval resolution).
CREATE TABLE hundred AS SELECT x::float8 AS x FROM generate_series(1, 100) x;
SELECT q, percentile(s, q) AS got,
	   round(least(greatest(dur_rep(k), 1), 100)::numeric, 6) AS expected,
	   abs(extract(epoch FROM percentile(s, q)) - least(greatest(dur_rep(k), 1), 100)) < 1e-6 AS within_1us,
	   abs(extract(epoch FROM percentile(s, q)) - k) <= 0.01 * k + 1e-6 AS within_alpha
FROM (SELECT duration_agg(x) AS s FROM hundred) t,
	 (VALUES (0::float8), (0.01), (0.25), (0.5), (0.9), (0.99), (1)) v(q),
	 LATERAL (SELECT greatest(1, ceil(q * 100))::float8 AS k) kk
ORDER BY q;
-- and the exact order statistic is what percentile_disc gives
SELECT bool_and(abs(extract(epoch FROM percentile(s, q)) - pd) <= 0.01 * pd + 1e-6) AS all_within_alpha
FROM (SELECT duration_agg(x) AS s FROM hundred) t,
	 (SELECT q, percentile_disc(q) WITHIN GROUP (ORDER BY x) AS pd
	  FROM hundred, generate_series(0, 1000) i, LATERAL (SELECT i / 1000.0::float8 AS q) qq GROUP BY q) p;

-- Team a, completed cases only (600, 1200, 1800, 3600, 7200 s):
--   q 0 -> k 1: 600 s, representative 595.95, clamped: 10:00
--   q 0.21 -> k 2: 1200 s, bucket 355, 1200.131418 s
--   q 0.5 -> k 3: 1800 s, bucket 375, 1790.409564 s
--   q 0.8 -> k 4: 3600 s, bucket 410, 3605.526239 s
--   q 1 -> k 5: 7200 s, bucket 445, 7260.81, clamped: 2:00:00
SELECT q, percentile(s, q) AS got,
	   abs(extract(epoch FROM percentile(s, q)) - e) < 1e-6 AS as_worked_out
FROM (SELECT duration_agg(d, open) AS s FROM cases WHERE team = 'a') t,
	 (VALUES (0::float8, 600::float8), (0.21, 1200.1314182812941), (0.5, 1790.4095636080563),
			 (0.8, 3605.5262392088107), (1, 7200)) v(q, e)
ORDER BY q;
-- percentiles() is percentile() element by element
SELECT percentiles(s, ARRAY[0, 0.21, 0.5, 0.8, 1]) =
	   ARRAY[percentile(s, 0), percentile(s, 0.21), percentile(s, 0.5), percentile(s, 0.8), percentile(s, 1)] AS same
FROM (SELECT duration_agg(d, open) AS s FROM cases WHERE team = 'a') t;
-- a zero duration: its bucket's value is 0 exactly (team b: 0, 45 s, 1 day)
SELECT percentile(s, 0) AS p0, percentile(s, 1.0 / 3) AS p33, percentile(s, 0.34) AS p34
FROM (SELECT duration_agg(d, open) AS s FROM cases WHERE team = 'b') t;

--------------------------------------------------------------------------
-- share_within (SLA attainment)
--------------------------------------------------------------------------

-- Team a: completed 600, 1200, 1800, 3600, 7200 s (representatives 595.95,
-- 1200.13, 1790.41, 3605.53, 7260.81); open 10800 s (representative
-- 10832.00) and 300 s (301.91).  A bucket is within the limit when its
-- representative is <= the limit; an open case counts (as a breach) when
-- its bucket is beyond the limit, and is unknown otherwise:
--   1 hour: within 600, 1200, 1800 (3605.53 > 3600); known: 5 completed +
--     the 3 h open -> 3/6 = 0.5 (the exact share at 1 hour would be 4/6,
--     and 0.5 is the exact share at 3599 s, within 1% of 1 hour)
--   61 minutes: within 4 -> 4/6
--   20 minutes: within 600 only (1200.13 > 1200) -> 1/6
--   4 minutes: none within; both open cases are breaches -> 0/7
--   4 hours: all 5 completed; no open case is known -> 5/5
SELECT lim, share_within(s, lim) AS got, share_within(s, lim) = e AS as_worked_out
FROM (SELECT duration_agg(d, open) AS s FROM cases WHERE team = 'a') t,
	 (VALUES (interval '1 hour', 3 / 6::float8), ('61 minutes', 4 / 6::float8), ('20 minutes', 1 / 6::float8),
			 ('4 minutes', 0), ('4 hours', 1)) v(lim, e)
ORDER BY lim;
-- Wilson interval of 3 of 6, z = 1.959963984540054:
-- (p + z^2/2n -/+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)
SELECT abs(share_within_lower(s, '1 hour') - (p + z * z / (2 * n) - z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)) < 1e-12 AS lower_ok,
	   abs(share_within_upper(s, '1 hour') - (p + z * z / (2 * n) + z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)) < 1e-12 AS upper_ok,
	   round(share_within_lower(s, '1 hour')::numeric, 4) AS lower, round(share_within_upper(s, '1 hour')::numeric, 4) AS upper
FROM (SELECT duration_agg(d, open) AS s FROM cases WHERE team = 'a') t,
	 (SELECT 0.5::float8 AS p, 6::float8 AS n, 1.959963984540054::float8 AS z) c;

--------------------------------------------------------------------------
-- The text form
--------------------------------------------------------------------------

-- The contract's example, 1 hour and 2 hours: bucket 410 and 445 (see
-- dur_bounds above); sum 10800 s = 10800000000 us; sumsq = 3600000000^2 +
-- 7200000000^2 = 12960000000000000000 + 51840000000000000000.
SELECT duration_agg(x) FROM (VALUES (interval '1 hour'), ('2 hours')) v(x);
SELECT duration_agg(x)::text = 'v1;alpha=0.01;sum=10800000000;sumsq=64800000000000000000;min=3600;max=7200;zero=0/0;buckets=410:1/0,445:1/0' AS as_worked_out
FROM (VALUES (interval '1 hour'), ('2 hours')) v(x);

-- Three cases: 0 s completed (the zero bucket), 1 hour completed (bucket
-- 410), 2 hours open (bucket 445, counted open; not in sum, min or max).
SELECT duration_agg(x, o) FROM (VALUES (interval '0', false), ('1 hour', false), ('2 hours', true)) v(x, o);
SELECT duration_agg(x, o)::text = 'v1;alpha=0.01;sum=3600000000;sumsq=12960000000000000000;min=0;max=3600;zero=1/0;buckets=410:1/0,445:0/1' AS as_worked_out
FROM (VALUES (interval '0', false), ('1 hour', false), ('2 hours', true)) v(x, o);

-- alpha 0.05: gamma = 1.05 / 0.95, 1 hour is in bucket 82 (ln 3600 / ln
-- gamma = 81.8); 0.1 s (float8) at alpha 0.01 in bucket -115 (ln 0.1 /
-- ln gamma = -115.1): sum 100000 us, sumsq 10^10.
SELECT duration_agg(interval '1 hour', false, 0.05)::text = 'v1;alpha=0.05;sum=3600000000;sumsq=12960000000000000000;min=3600;max=3600;zero=0/0;buckets=82:1/0' AS alpha_05,
	   duration_agg(0.1::float8)::text = 'v1;alpha=0.01;sum=100000;sumsq=10000000000;min=0.1;max=0.1;zero=0/0;buckets=-115:1/0' AS tenth,
	   duration_agg(0.1::float8) AS tenth_text;

-- The text form of every aggregate reads back as the same value.
SELECT team, s::text::duration_summary = s AS reads_back, s::text
FROM (SELECT team, duration_agg(d, open) AS s FROM cases GROUP BY team) t
ORDER BY team;

--------------------------------------------------------------------------
-- JSON
--------------------------------------------------------------------------

-- Team a: every field the contract names, and their values: the counts,
-- alpha, mean 2880, shortest 600, longest 7200; the percentiles and the
-- KM median as the accessors give them (in seconds).
SELECT array_agg(k ORDER BY k) AS keys
FROM (SELECT duration_agg(d, open)::jsonb AS j FROM cases WHERE team = 'a') t, jsonb_object_keys(j) k;
SELECT (j ->> 'relative_error')::float8 = 0.01 AS alpha_ok, (j ->> 'cases')::bigint AS cases,
	   (j ->> 'completed')::bigint AS completed, (j ->> 'open')::bigint AS open,
	   (j ->> 'mean_seconds')::float8 AS mean, (j ->> 'shortest_seconds')::float8 AS shortest,
	   (j ->> 'longest_seconds')::float8 AS longest,
	   abs((j ->> 'p50_seconds')::float8 - extract(epoch FROM percentile(s, 0.5))) < 1e-6 AS p50_ok,
	   abs((j ->> 'p90_seconds')::float8 - extract(epoch FROM percentile(s, 0.9))) < 1e-6 AS p90_ok,
	   abs((j ->> 'p99_seconds')::float8 - extract(epoch FROM percentile(s, 0.99))) < 1e-6 AS p99_ok,
	   (j -> 'km_median_seconds' = 'null' AND km_percentile(s, 0.5) IS NULL)
		 OR abs((j ->> 'km_median_seconds')::float8 - extract(epoch FROM km_percentile(s, 0.5))) < 1e-6 AS km_median_ok,
	   s::json::jsonb = j AS json_is_jsonb
FROM (SELECT s, s::jsonb AS j FROM (SELECT duration_agg(d, open) AS s FROM cases WHERE team = 'a') t0) t;
-- An empty summary: counts 0, the rest null.
SELECT duration_agg(d)::jsonb FROM cases WHERE d IS NULL;

--------------------------------------------------------------------------
-- =, <> and the hash opclass
--------------------------------------------------------------------------

SELECT a.team, b.team, a.s = b.s AS eq, a.s <> b.s AS ne
FROM (SELECT team, duration_agg(d, open) AS s FROM cases GROUP BY team) a,
	 (SELECT team, duration_agg(d, open) AS s FROM cases GROUP BY team) b
ORDER BY 1, 2;
-- DISTINCT and GROUP BY by hashing (the type has a hash opclass; = compares
-- the bytes): 2 x 6 summaries, 6 distinct (team a and b, id % 3).
SET enable_sort = off;
SELECT count(*) AS distinct_summaries
FROM (SELECT DISTINCT s FROM (SELECT duration_agg(d, open) AS s FROM cases GROUP BY id % 3, team
							  UNION ALL SELECT duration_agg(d, open) FROM cases GROUP BY id % 3, team) t) d;
SELECT count(*) AS groups, sum(n) AS summaries
FROM (SELECT s, count(*) AS n FROM (SELECT duration_agg(d, open) AS s FROM cases GROUP BY id % 3, team
									UNION ALL SELECT duration_agg(d, open) FROM cases GROUP BY id % 3, team) t GROUP BY s) g;
RESET enable_sort;

--------------------------------------------------------------------------
-- rollup: a month of daily summaries equals the month in one pass
--------------------------------------------------------------------------

-- 31 days of cases: log-normal durations around 20 minutes, some open, some
-- 0, some NULL; as interval and as float8 seconds (with fractions of a
-- microsecond, which the sums round and the buckets do not).
SELECT setseed(0.31) \g /dev/null
CREATE TABLE month AS
SELECT day, CASE WHEN r0 < 0.03 THEN NULL WHEN r0 < 0.06 THEN 0 ELSE 1200 * exp(1.5 * z) END AS secs,
	   r1 < 0.15 AS open
FROM (SELECT date '2026-01-01' + (i % 31) AS day, random() AS r0, random() AS r1,
			 sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
	  FROM generate_series(1, 6200) i) g;
CREATE TABLE daily AS
SELECT day, duration_agg(make_interval(secs => secs), open) AS s, duration_agg(secs, open, 0.002) AS f
FROM month GROUP BY day;
SELECT count(*) AS days,
	   (SELECT rollup(s) FROM daily) = (SELECT duration_agg(make_interval(secs => secs), open) FROM month) AS interval_equal,
	   (SELECT rollup(f) FROM daily) = (SELECT duration_agg(secs, open, 0.002) FROM month) AS float8_equal,
	   (SELECT duration_summary_send(rollup(f)) FROM daily) = (SELECT duration_summary_send(duration_agg(secs, open, 0.002)) FROM month) AS same_bytes,
	   (SELECT rollup(f)::text FROM daily) = (SELECT duration_agg(secs, open, 0.002)::text FROM month) AS same_text,
	   (SELECT cases(rollup(s)) FROM daily) = (SELECT count(secs) FROM month) AS cases_counted
FROM daily;
-- in any order, and in weekly steps
SELECT (SELECT rollup(s ORDER BY day DESC) FROM daily) = (SELECT rollup(s ORDER BY md5(day::text)) FROM daily) AS order_free,
	   (SELECT rollup(w) FROM (SELECT rollup(s) AS w FROM daily GROUP BY date_trunc('week', day)) x) = (SELECT rollup(s) FROM daily) AS weekly_steps;
-- the mean stays exact through the rollup: the sum of the seconds, each
-- rounded to the microsecond, over the completed cases
SELECT extract(epoch FROM mean(r)) * 1000000 = round(e) AS mean_exact
FROM (SELECT rollup(f) AS r FROM daily) t,
	 (SELECT sum(round(secs * 1000000)::numeric) / count(secs) AS e FROM month WHERE NOT open) m;

--------------------------------------------------------------------------
-- binary COPY round trip
--------------------------------------------------------------------------

SELECT current_setting('data_directory') || '/duration_basic_rt.bin' AS rt_file \gset
CREATE TABLE bin_src (id int PRIMARY KEY, s duration_summary);
INSERT INTO bin_src VALUES
	(1, 'v1;alpha=0.01;sum=0;sumsq=0;min=0;max=0;zero=0/0;buckets='),
	(2, 'v1;alpha=0.01;sum=10800000000;sumsq=64800000000000000000;min=3600;max=7200;zero=0/0;buckets=410:1/0,445:1/0'),
	(3, 'v1;alpha=0.01;sum=0;sumsq=0;min=0;max=0;zero=9223372036854775807/0;buckets='),
	(4, 'v1;alpha=0.001;sum=0;sumsq=0;min=0;max=0;zero=0/0;buckets=-6931:0/1,15250:0/1'),
	(5, NULL),
	(6, (SELECT duration_agg(2 ^ 44))),
	(7, (SELECT duration_agg(2 ^ -20, false, 0.05))),
	(8, (SELECT rollup(f) FROM daily)),
	(9, (SELECT rollup(s) FROM daily)),
	(10, (SELECT duration_agg(d) FROM cases WHERE d IS NULL));
COPY bin_src TO :'rt_file' WITH (FORMAT binary);
CREATE TABLE bin_dst (LIKE bin_src);
COPY bin_dst FROM :'rt_file' WITH (FORMAT binary);
SELECT id, a.s = b.s AS equal, a.s::text = b.s::text AS same_text, a.s IS NULL AND b.s IS NULL AS both_null
FROM bin_src a FULL JOIN bin_dst b USING (id)
ORDER BY id;
-- the file holds exactly what duration_summary_send() gives
SELECT pg_read_binary_file(:'rt_file') =
	cx_test.copy_binary((SELECT string_agg(cx_test.copy_tuple(int4send(id), duration_summary_send(s)),
										   ''::bytea ORDER BY ctid)
						 FROM bin_src)) AS file_is_send_bytes;
-- and the sizes: 76 bytes of header and 20 per bucket
SELECT id, length(duration_summary_send(s)) = 76 + 20 * (length(s::text) - length(replace(s::text, ':', ''))) AS size_ok
FROM bin_src WHERE s IS NOT NULL ORDER BY id;

--------------------------------------------------------------------------
-- parallel aggregation equals serial
--------------------------------------------------------------------------

SELECT setseed(0.77) \g /dev/null
CREATE TABLE big AS
SELECT i, i % 5 AS g, CASE WHEN r0 < 0.02 THEN NULL ELSE 600 * exp(2 * z) END AS secs, r1 < 0.1 AS open
FROM (SELECT i, random() AS r0, random() AS r1, sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
	  FROM generate_series(1, 300000) i) x;
ANALYZE big;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
SELECT duration_agg(make_interval(secs => secs), open) AS s, duration_agg(secs, open, 0.005) AS f FROM big;
CREATE TEMP TABLE serial_grouped AS SELECT g, duration_agg(secs, open) AS s FROM big GROUP BY g;
SELECT * FROM cx_test.force_parallel() \g /dev/null
SELECT * FROM cx_test.parallel_aggregation(
	'SELECT duration_agg(make_interval(secs => secs), open), duration_agg(secs, open, 0.005) FROM big');
SELECT p.s = serial.s AS interval_equal, p.f = serial.f AS float8_equal
FROM (SELECT duration_agg(make_interval(secs => secs), open) AS s, duration_agg(secs, open, 0.005) AS f FROM big) p, serial;
SELECT * FROM cx_test.parallel_aggregation('SELECT g, duration_agg(secs, open) FROM big GROUP BY g');
SELECT count(*) AS groups, bool_and(p.s = sg.s) AS grouped_equal
FROM (SELECT g, duration_agg(secs, open) AS s FROM big GROUP BY g) p JOIN serial_grouped sg USING (g);
CREATE TABLE big_parts AS SELECT i % 5000 AS k, duration_agg(make_interval(secs => secs), open) AS s FROM big GROUP BY 1;
ANALYZE big_parts;
SELECT * FROM cx_test.parallel_aggregation('SELECT rollup(s) FROM big_parts');
SELECT rollup(s) = (SELECT s FROM serial) AS rollup_equal FROM big_parts;
RESET ALL;
DROP TABLE big, big_parts;

--------------------------------------------------------------------------
-- moving windows equal from-scratch aggregation
--------------------------------------------------------------------------

-- 1500 cases, a few per day; durations with ties (whole minutes, so the
-- min and max leave and re-enter frames often), some 0, some open, some
-- NULL.
SELECT setseed(0.4242) \g /dev/null
CREATE TABLE w AS
SELECT i AS id, date '2026-01-01' + (i / 7) AS day,
	   CASE WHEN random() < 0.05 THEN NULL ELSE make_interval(mins => floor(random() * random() * 240)::int) END AS d,
	   random() < 0.2 AS open
FROM generate_series(1, 1500) i;
CREATE TABLE frames AS
SELECT floor(random() * 60)::int AS a, floor(random() * 10)::int AS b FROM generate_series(1, 6)
UNION ALL VALUES (0, 0), (29, 0), (1500, 0);

CREATE FUNCTION check_rows(a int, b int) RETURNS TABLE (frame text, rows bigint, all_equal bool)
	LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format($q$
		SELECT %1$s || ' preceding, ' || %2$s || ' following', count(*),
			   bool_and(m.s = (SELECT duration_agg(w2.d, w2.open) FROM w w2
							   WHERE w2.id BETWEEN m.id - %1$s AND m.id + %2$s)
						AND m.f = (SELECT duration_agg(extract(epoch FROM w2.d)::float8, w2.open, 0.03) FROM w w2
								   WHERE w2.id BETWEEN m.id - %1$s AND m.id + %2$s))
		FROM (SELECT id,
					 duration_agg(d, open) OVER (ORDER BY id ROWS BETWEEN %1$s PRECEDING AND %2$s FOLLOWING) AS s,
					 duration_agg(extract(epoch FROM d)::float8, open, 0.03) OVER (ORDER BY id ROWS BETWEEN %1$s PRECEDING AND %2$s FOLLOWING) AS f
			  FROM w) m
		$q$, a, b);
END $$;
SELECT count(*) AS frames, bool_and(all_equal) AS all_equal, sum(rows) AS rows_checked
FROM frames, LATERAL check_rows(a, b);

-- shortest and longest in a sliding frame are those of the frame
SELECT bool_and(shortest(s) IS NOT DISTINCT FROM mn AND longest(s) IS NOT DISTINCT FROM mx) AS min_max_equal
FROM (SELECT duration_agg(d, open) OVER f AS s, min(d) FILTER (WHERE NOT open) OVER f AS mn,
			 max(d) FILTER (WHERE NOT open) OVER f AS mx
	  FROM w WINDOW f AS (ORDER BY id ROWS BETWEEN 5 PRECEDING AND CURRENT ROW)) t;

-- RANGE frames over days, and rollup over daily summaries
SELECT bool_and(m.s = (SELECT duration_agg(w2.d, w2.open) FROM w w2 WHERE w2.day BETWEEN m.day - 30 AND m.day)) AS range_30_days_equal,
	   count(*) AS rows_checked
FROM (SELECT day, duration_agg(d, open) OVER (ORDER BY day RANGE BETWEEN '30 days' PRECEDING AND CURRENT ROW) AS s FROM w) m;
CREATE TABLE wdaily AS SELECT day, duration_agg(d, open) AS s FROM w GROUP BY day;
SELECT bool_and(m.s = (SELECT duration_agg(w2.d, w2.open) FROM w w2 WHERE w2.day BETWEEN m.first_day AND m.day)) AS rollup_30_rows_equal,
	   count(*) AS rows_checked
FROM (SELECT day, rollup(s) OVER f AS s, min(day) OVER f AS first_day
	  FROM wdaily WINDOW f AS (ORDER BY day ROWS 29 PRECEDING)) m;

-- a frame that moves ahead of the row, and EXCLUDE
SELECT bool_and(m.s = (SELECT duration_agg(w2.d, w2.open) FROM w w2 WHERE w2.id BETWEEN m.id + 5 AND m.id + 40)) AS following_frame_equal
FROM (SELECT id, duration_agg(d, open) OVER (ORDER BY id ROWS BETWEEN 5 FOLLOWING AND 40 FOLLOWING) AS s FROM w) m
WHERE id <= 1460;
SELECT bool_and(m.s = (SELECT duration_agg(w2.d, w2.open) FROM w w2
					   WHERE w2.id BETWEEN m.id - 10 AND m.id + 10 AND w2.id <> m.id)) AS exclude_equal
FROM (SELECT id, duration_agg(d, open) OVER (ORDER BY id ROWS BETWEEN 10 PRECEDING AND 10 FOLLOWING EXCLUDE CURRENT ROW) AS s
	  FROM w) m;

DROP FUNCTION check_rows(int, int);
DROP FUNCTION dur_rep(float8);
DROP FUNCTION dur_bucket(float8);
DROP TABLE dur_bounds, cases, hundred, month, daily, bin_src, bin_dst, w, frames, wdaily;
