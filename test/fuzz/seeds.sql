--
-- seeds.sql: the valid values test/fuzz/fuzz.c starts from, made by the
-- extension itself.
--
-- One table per summary type in schema fuzz_seeds, named after the type,
-- each with a column s of that type: the results of the type's aggregates
-- over generated data, on every scale and grid worth mutating.  The fuzzer
-- reads them back in text and in binary form and mutates those.  The data
-- are arithmetic on generate_series (no random()), so the seeds are the same
-- on every run and every server version.  Runs in a database that has
-- cx_metrics; replaces the schema fuzz_seeds.
--

SET client_min_messages = warning;
DROP SCHEMA IF EXISTS fuzz_seeds CASCADE;
CREATE SCHEMA fuzz_seeds;
SET search_path = fuzz_seeds, public;

-- Scores: 400 responses in 8 groups, a few unanswered (NULL), skewed per
-- group so that the counts differ; group 8 has only unanswered questions and
-- gives empty summaries.  u is in [0, 1), so floor(k * u^p) is in 0..k-1.
CREATE TABLE responses AS
SELECT i, g,
	   CASE WHEN g = 8 OR i % 23 = 0 THEN NULL ELSE (hashint4(i) & 65535) / 65536.0 END AS u
FROM generate_series(1, 400) AS i, LATERAL (SELECT 1 + i % 8 AS g) AS grp;

CREATE TABLE nps_summary (id serial, s nps_summary);
INSERT INTO nps_summary (s)
SELECT nps_agg(floor(11 * power(u, 0.3 + g / 10.0))::int) FROM responses GROUP BY g ORDER BY g;
-- and one whose total is the largest bigint
INSERT INTO nps_summary (s) VALUES ('v1:0..10:1,0,0,0,0,0,0,0,0,0,9223372036854775806');

-- CSAT on every scale 1..k, k = 2..10.
CREATE TABLE csat_summary (id serial, s csat_summary);
INSERT INTO csat_summary (s)
SELECT csat_agg((1 + floor(k * power(u, 0.5 + g / 8.0)))::int, k)
FROM responses, generate_series(2, 10) AS k
WHERE g IN (1, 4, 8)
GROUP BY k, g ORDER BY k, g;

-- CES on every scale, both directions.
CREATE TABLE ces_summary (id serial, s ces_summary);
INSERT INTO ces_summary (s)
SELECT ces_agg((1 + floor(k * power(u, 0.7 + g / 5.0)))::int, k, lower)
FROM responses, generate_series(2, 10) AS k, (VALUES (false), (true)) AS d(lower)
WHERE g IN (2, 5, 8)
GROUP BY k, lower, g ORDER BY k, lower, g;

-- Customers: 300, each with one to three stretches of activity from 2023 on,
-- some open-ended, some starting or ending on a period boundary; as dates
-- and as timestamptz (09:00 to 17:30 local time, a fraction of a second for
-- some), in whatever TimeZone is set when the timestamptz seeds are made.
CREATE TABLE activity AS
SELECT c, n,
	   date '2023-01-01' + (hashint4(c * 7 + n) & 511) AS lo,
	   CASE WHEN n = 3 AND c % 4 = 0 THEN NULL
			ELSE date '2023-01-01' + (hashint4(c * 7 + n) & 511) + 1 + (hashint4(c * 13 + n) & 255)
	   END AS hi
FROM generate_series(1, 300) AS c, generate_series(1, 3) AS n
WHERE n <= 1 + c % 3;

CREATE TABLE cust AS
SELECT c, range_agg(daterange(lo, hi)) AS m FROM activity GROUP BY c;

CREATE FUNCTION tstz_activity() RETURNS TABLE (c int, m tstzmultirange)
LANGUAGE sql STABLE AS $$
	SELECT c, range_agg(tstzrange(lo + time '09:00' + (c % 5) * interval '0.25 s',
								  hi + time '17:30'))
	FROM activity GROUP BY c
$$;

CREATE TABLE churn_summary (id serial, s churn_summary);
INSERT INTO churn_summary (s)
SELECT churn_agg(m, date '2023-01-31', interval '1 month', 12) FROM cust
UNION ALL SELECT churn_agg(m, date '2023-01-01', interval '1 month', 18, 5) FROM cust
UNION ALL SELECT churn_agg(m, date '2023-03-01', interval '7 days', 20, 3) FROM cust WHERE c % 3 = 0
UNION ALL SELECT churn_agg(m, date '2023-06-01', interval '1 day', 6, 5) FROM cust WHERE c < 40
UNION ALL SELECT churn_agg(m, date '2023-01-01', interval '1 month 15 days', 4, 0) FROM cust
UNION ALL SELECT churn_agg(m, date '2024-01-01', interval '3 months', date '2025-01-01') FROM cust
UNION ALL SELECT churn_agg(m, date '2022-01-01', interval '1 year', 2) FROM cust WHERE c < 10
UNION ALL SELECT churn_agg(datemultirange(), date '2023-01-01', interval '1 month', 3);	-- no customers

CREATE TABLE churn_tstz_summary (id serial, s churn_tstz_summary);
SET TIME ZONE 'America/New_York';	-- summer time: 23- and 25-hour days
INSERT INTO churn_tstz_summary (s)
SELECT churn_agg(m, timestamptz '2023-01-01 00:00', interval '1 month', 12) FROM tstz_activity()
UNION ALL SELECT churn_agg(m, timestamptz '2023-03-05 00:00', interval '1 day', 14, 3) FROM tstz_activity() WHERE c % 2 = 0
UNION ALL SELECT churn_agg(m, timestamptz '2023-01-31 09:00', interval '1 month', 6, 5) FROM tstz_activity();
SET TIME ZONE 'UTC';
INSERT INTO churn_tstz_summary (s)
SELECT churn_agg(m, timestamptz '2023-01-01 00:00', interval '7 days', 10) FROM tstz_activity()
UNION ALL SELECT churn_agg(m, timestamptz '2023-05-01 12:00:00.5', interval '90 minutes', 8, 7) FROM tstz_activity() WHERE c < 60
UNION ALL SELECT churn_agg(tstzmultirange(), timestamptz '2023-01-01', interval '1 month', 3, 1);	-- no customers
SET TIME ZONE 'Australia/Lord_Howe';	-- a half-hour summer time shift
INSERT INTO churn_tstz_summary (s)
SELECT churn_agg(m, timestamptz '2023-01-01 00:00', interval '1 month 2 days 3.25 seconds', 5, 2) FROM tstz_activity();
SET TIME ZONE 'Etc/GMT+5';
INSERT INTO churn_tstz_summary (s)
SELECT churn_agg(m, timestamptz '2023-02-01 00:00', interval '2 months', 4) FROM tstz_activity();
RESET TIME ZONE;

-- Durations: 400 cases in 8 groups, of seconds spread over many orders of
-- magnitude (u^8 * 10^6 s, at least 2^-20 s), a few exactly 0, a few NULL, a fifth open;
-- summarized at several relative errors, as float8 seconds and as
-- intervals; group 8 has only NULL durations and gives empty summaries.
-- Plus the ends of the range: 2^-20 s and 2^44 s, and a summary with
-- counts near INT64_MAX.
CREATE TABLE durations AS
SELECT i, g, CASE WHEN g = 8 OR i % 29 = 0 THEN NULL WHEN i % 31 = 0 THEN 0
				  ELSE greatest(2 ^ -20, (power(u, 8) * 1e6 * g)::float8) END AS secs,
	   i % 5 = 0 AS open
FROM responses;

CREATE TABLE duration_summary (id serial, s duration_summary);
INSERT INTO duration_summary (s)
SELECT duration_agg(secs, open, alpha)
FROM durations, (VALUES (0.001::float8), (0.01), (0.05), (0.012345)) AS a(alpha)
WHERE g IN (1, 3, 6, 8)
GROUP BY alpha, g ORDER BY alpha, g;
INSERT INTO duration_summary (s)
SELECT duration_agg(make_interval(secs => secs), open) FROM durations GROUP BY g ORDER BY g;
INSERT INTO duration_summary (s)
SELECT duration_agg(x, o) FROM (VALUES (2 ^ -20, false), (2 ^ 44, false), (2 ^ 44, true), (0, true)) AS v(x, o);
INSERT INTO duration_summary (s) VALUES
	('v1;alpha=0.01;sum=0;sumsq=0;min=0;max=0;zero=9223372036854775806/0;buckets=410:0/1');

-- Revenue: the 300 customers' stretches of activity above as subscriptions
-- with monthly amounts (whole, with cents, with 4 decimals, free plans at
-- 0); for every fifth customer a plan change on the day a stretch ends;
-- for every seventh a discount line on the first day of a paid stretch.
-- Timelines per customer as dates and as timestamptz (bounds of every
-- kind, a fraction of a second for some, in whatever TimeZone is set when
-- they are made), then summaries on the grids above.
CREATE TABLE rev_rows AS
SELECT c, n, daterange(lo, hi) AS d,
	   (ARRAY[9.99, 19, 0, 29.5, 49.0001, 99])[1 + (hashint4(c * 17 + n) & 65535) % 6]::numeric AS amount
FROM activity;
INSERT INTO rev_rows
SELECT c, 10 + n, daterange(upper(d), upper(d) + 30 + c % 40), 12.34 FROM rev_rows WHERE NOT upper_inf(d) AND c % 5 = 0;
INSERT INTO rev_rows
SELECT c, 20 + n, daterange(lower(d), lower(d) + 1), -0.5 FROM rev_rows WHERE n < 10 AND amount >= 0.5 AND c % 7 = 0;

CREATE TABLE rev_tl AS SELECT c, mrr_agg(d, amount) AS m FROM rev_rows GROUP BY c;

CREATE FUNCTION rev_tstz_tl() RETURNS TABLE (c int, m mrr_timeline)
LANGUAGE sql STABLE AS $$
	SELECT c, mrr_agg(tstzrange(lower(d) + time '09:00' + (c % 5) * interval '0.25 s',
								upper(d) + time '17:30', (ARRAY['[)', '[]', '()', '(]'])[1 + c % 4]), amount)
	FROM rev_rows GROUP BY c
$$;

CREATE TABLE mrr_timeline (id serial, s mrr_timeline);
INSERT INTO mrr_timeline (s) SELECT m FROM rev_tl WHERE c <= 30 ORDER BY c;
SET TIME ZONE 'America/New_York';
INSERT INTO mrr_timeline (s) SELECT m FROM rev_tstz_tl() WHERE c <= 20 ORDER BY c;
RESET TIME ZONE;
INSERT INTO mrr_timeline (s)
SELECT mrr_agg(daterange('2023-01-01', NULL), 0)							-- no steps
UNION ALL SELECT mrr_agg(daterange(NULL, '2023-06-01'), 5)				-- from -infinity
UNION ALL SELECT mrr_agg(daterange('2023-01-01', NULL), 922337203685477.5807)	-- the largest amount
UNION ALL SELECT mrr_agg(tstzrange('2023-01-01 00:00+00', '2023-01-01 00:00+00', '[]'), 0.0001);	-- one instant

CREATE TABLE revenue_summary (id serial, s revenue_summary);
INSERT INTO revenue_summary (s)
SELECT revenue_agg(m, date '2023-01-31', interval '1 month', 12) FROM rev_tl
UNION ALL SELECT revenue_agg(m, date '2023-01-01', interval '1 month', 18, 5) FROM rev_tl
UNION ALL SELECT revenue_agg(m, date '2023-03-01', interval '7 days', 20, 3) FROM rev_tl WHERE c % 3 = 0
UNION ALL SELECT revenue_agg(m, date '2023-06-01', interval '1 day', 6, 5) FROM rev_tl WHERE c < 40
UNION ALL SELECT revenue_agg(m, date '2023-01-01', interval '1 month 15 days', 4, 0) FROM rev_tl
UNION ALL SELECT revenue_agg(m, date '2024-01-01', interval '3 months', date '2025-01-01') FROM rev_tl
UNION ALL SELECT revenue_agg(m, date '2022-01-01', interval '1 year', 2) FROM rev_tl WHERE c < 10
UNION ALL SELECT revenue_agg((SELECT m FROM rev_tl LIMIT 0), date '2023-01-01', interval '1 month', 3);	-- no customers (a NULL timeline: the table mrr_timeline shadows the type's name here)

CREATE TABLE revenue_tstz_summary (id serial, s revenue_tstz_summary);
SET TIME ZONE 'America/New_York';	-- summer time: 23- and 25-hour days
INSERT INTO revenue_tstz_summary (s)
SELECT revenue_agg(m, timestamptz '2023-01-01 00:00', interval '1 month', 12) FROM rev_tstz_tl()
UNION ALL SELECT revenue_agg(m, timestamptz '2023-03-05 00:00', interval '1 day', 14, 3) FROM rev_tstz_tl() WHERE c % 2 = 0
UNION ALL SELECT revenue_agg(m, timestamptz '2023-01-31 09:00', interval '1 month', 6, 5) FROM rev_tstz_tl();
SET TIME ZONE 'UTC';
INSERT INTO revenue_tstz_summary (s)
SELECT revenue_agg(m, timestamptz '2023-01-01 00:00', interval '7 days', 10) FROM rev_tstz_tl()
UNION ALL SELECT revenue_agg(m, timestamptz '2023-05-01 12:00:00.5', interval '90 minutes', 8, 7) FROM rev_tstz_tl() WHERE c < 60
UNION ALL SELECT revenue_agg((SELECT m FROM rev_tstz_tl() LIMIT 0), timestamptz '2023-01-01', interval '1 month', 3, 1);	-- no customers (a NULL timeline)
SET TIME ZONE 'Australia/Lord_Howe';	-- a half-hour summer time shift
INSERT INTO revenue_tstz_summary (s)
SELECT revenue_agg(m, timestamptz '2023-01-01 00:00', interval '1 month 2 days 3.25 seconds', 5, 2) FROM rev_tstz_tl();
RESET TIME ZONE;

-- The weighted summaries: the responses above with weights of every
-- magnitude and number of decimals (1e-6 to 1e6), on every scale and
-- direction; one summary at the largest weight, one empty.
CREATE TABLE weighted_responses AS
SELECT i, g, u, round((10 ^ (((hashint4(i * 3) & 65535) / 65536.0) * 12 - 6))::numeric, i % 7)::float8 AS w
FROM responses;
UPDATE weighted_responses SET w = 0.000001 WHERE w < 0.000001;

CREATE TABLE nps_weighted_summary (id serial, s nps_weighted_summary);
INSERT INTO nps_weighted_summary (s)
SELECT nps_weighted_agg(floor(11 * power(u, 0.3 + g / 10.0))::int, w) FROM weighted_responses GROUP BY g ORDER BY g;
INSERT INTO nps_weighted_summary (s) SELECT nps_weighted_agg(10, 1e9) FROM generate_series(1, 3);

CREATE TABLE csat_weighted_summary (id serial, s csat_weighted_summary);
INSERT INTO csat_weighted_summary (s)
SELECT csat_weighted_agg((1 + floor(k * power(u, 0.5 + g / 8.0)))::int, w, k)
FROM weighted_responses, generate_series(2, 10) AS k
WHERE g IN (1, 4, 8)
GROUP BY k, g ORDER BY k, g;

CREATE TABLE ces_weighted_summary (id serial, s ces_weighted_summary);
INSERT INTO ces_weighted_summary (s)
SELECT ces_weighted_agg((1 + floor(k * power(u, 0.7 + g / 5.0)))::int, w, k, lower)
FROM weighted_responses, generate_series(2, 10) AS k, (VALUES (false), (true)) AS d(lower)
WHERE g IN (2, 5, 8)
GROUP BY k, lower, g ORDER BY k, lower, g;
