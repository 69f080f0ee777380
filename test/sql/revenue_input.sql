--
-- revenue_input: every entry point of the revenue types that takes outside
-- data rejects what is wrong, with the SQLSTATE of the spec
-- (/work/spec_revenue.md): the rows of mrr_agg() (NULL 22004; an empty
-- range 22023; more than 4 decimals, NaN, Infinity, an MRR below 0 and sums
-- past int64 units 22003), the grids of revenue_agg() (as churn_agg's: 22023,
-- NULL 22004, past 9999-12-31 22008; a date timeline on a timestamptz grid
-- and the reverse 22023), rollup() of different grids (22023), the cohort
-- reader without max_offset (22023), the text forms (22P02) and the binary
-- forms (22P03) of mrr_timeline, revenue_summary and revenue_tstz_summary.
-- Canonical values round-trip exactly through text and binary.
--
-- cx_test.try_sql(query) (test/sql/setup.sql) runs a query returning one
-- value, and cx_test.line() puts its outcome on one line: "ok: value", or
-- "SQLSTATE: message / detail".  Binary input is fed through COPY, as in
-- churn_input (cx_test.try_copy).
--

SET datestyle = 'ISO, YMD';

-- The error with its hint too (the empty range's says what to do).
CREATE FUNCTION pg_temp.try_hint(query text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	v text;
	h text;
BEGIN
	EXECUTE query INTO v;
	RETURN 'ok: ' || coalesce(v, 'NULL');
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
	RETURN SQLSTATE || ': ' || SQLERRM || coalesce(' / hint: ' || nullif(h, ''), '');
END
$$;

--------------------------------------------------------------------------
-- mrr_agg(): the rows
--------------------------------------------------------------------------

SELECT n, what, pg_temp.try_hint(q) AS outcome
FROM (VALUES
	(1, 'NULL daterange', $q$SELECT mrr_agg(NULL::daterange, 10)::text$q$),
	(2, 'NULL tstzrange', $q$SELECT mrr_agg(NULL::tstzrange, 10)::text$q$),
	(3, 'NULL amount', $q$SELECT mrr_agg(daterange('2024-01-01', '2024-02-01'), NULL::numeric)::text$q$),
	(4, 'NULL amount, tstzrange', $q$SELECT mrr_agg(tstzrange('2024-01-01', '2024-02-01'), NULL::numeric)::text$q$),
	(5, 'NULL after good rows', $q$SELECT mrr_agg(d, a)::text FROM (VALUES (daterange('2024-01-01', NULL), 5.00), (daterange('2024-02-01', NULL), NULL)) v(d, a)$q$),
	(6, 'empty daterange', $q$SELECT mrr_agg(daterange('2024-01-01', '2024-01-01'), 10)::text$q$),
	(7, 'empty tstzrange', $q$SELECT mrr_agg('empty'::tstzrange, 10)::text$q$),
	(8, 'empty after good rows', $q$SELECT mrr_agg(d, a)::text FROM (VALUES (daterange('2024-01-01', NULL), 5.00), ('empty', 1.00)) v(d, a)$q$),
	(9, '5 decimals', $q$SELECT mrr_agg(daterange('2024-01-01', NULL), 10.12345)::text$q$),
	(10, '0.00001', $q$SELECT mrr_agg(daterange('2024-01-01', NULL), 0.00001)::text$q$),
	(11, 'NaN', $q$SELECT mrr_agg(daterange('2024-01-01', NULL), 'NaN'::numeric)::text$q$),
	(12, 'Infinity', $q$SELECT mrr_agg(daterange('2024-01-01', NULL), 'Infinity'::numeric)::text$q$),
	(13, '-Infinity', $q$SELECT mrr_agg(daterange('2024-01-01', NULL), '-Infinity'::numeric)::text$q$),
	(14, 'one past the largest amount', $q$SELECT mrr_agg(daterange('2024-01-01', NULL), 922337203685477.5808)::text$q$),
	(15, '10^15', $q$SELECT mrr_agg(daterange('2024-01-01', NULL), 1000000000000000)::text$q$),
	(16, 'overlapping rows summing past int64 units', $q$SELECT mrr_agg(d, a)::text FROM (VALUES (daterange('2024-01-01', NULL), 900000000000000), (daterange('2024-02-01', '2024-03-01'), 900000000000000)) v(d, a)$q$),
	(17, 'a negative row alone', $q$SELECT mrr_agg(daterange('2024-01-01', '2024-02-01'), -10.00)::text$q$),
	(18, 'a discount larger than the plan', $q$SELECT mrr_agg(d, a)::text FROM (VALUES (daterange('2024-01-01', '2024-03-01'), 10.00), (daterange('2024-02-01', '2024-04-01'), -20.00)) v(d, a)$q$),
	(19, 'a discount outliving the plan', $q$SELECT mrr_agg(d, a)::text FROM (VALUES (daterange('2024-01-01', '2024-02-01'), 10.00), (daterange('2024-01-15', '2024-02-15'), -10.00)) v(d, a)$q$),
	(20, 'a discount with no lower bound', $q$SELECT mrr_agg(d, a)::text FROM (VALUES (daterange('2024-01-01', NULL), 10.00), (daterange(NULL, '2024-02-01'), -5.00)) v(d, a)$q$),
	(21, 'negative at one instant only', $q$SELECT mrr_agg(r, a)::text FROM (VALUES (tstzrange('2024-01-01 00:00+00', '2024-02-01 00:00+00', '[)'), 10.00), (tstzrange('2024-02-01 00:00+00', '2024-02-01 00:00+00', '[]'), -10.00)) v(r, a)$q$)
) AS c(n, what, q)
ORDER BY n;

-- Accepted: the largest amount; 4 decimals; 0; a discount equal to the
-- plan (MRR 0 while both run); a negative zero; a negative row inside
-- positive ones that outweigh it.
SELECT n, what, cx_test.line(cx_test.try_sql(q)) AS outcome
FROM (VALUES
	(1, 'the largest amount', $q$SELECT mrr_agg(daterange('2024-01-01', NULL), 922337203685477.5807)::text$q$),
	(2, '4 decimals', $q$SELECT mrr_agg(daterange('2024-01-01', NULL), 0.0001)::text$q$),
	(3, 'zero', $q$SELECT mrr_agg(daterange('2024-01-01', NULL), 0)::text$q$),
	(4, 'a discount equal to the plan', $q$SELECT mrr_agg(d, a)::text FROM (VALUES (daterange('2024-01-01', '2024-03-01'), 10.00), (daterange('2024-02-01', '2024-03-01'), -10.00)) v(d, a)$q$),
	(5, 'negative zero', $q$SELECT mrr_agg(daterange('2024-01-01', NULL), -0.00)::text$q$),
	(6, 'a discount on top of two plans', $q$SELECT mrr_agg(d, a)::text FROM (VALUES (daterange('2024-01-01', NULL), 10.00), (daterange('2024-01-01', NULL), 5.00), (daterange('2024-01-10', '2024-01-20'), -15.00)) v(d, a)$q$)
) AS c(n, what, q)
ORDER BY n;

-- One in full.
SELECT mrr_agg(d, a) FROM (VALUES (daterange('2024-01-01', '2024-03-01'), 10.00), (daterange('2024-02-01', '2024-04-01'), -20.00)) v(d, a);

--------------------------------------------------------------------------
-- revenue_agg(): the grid
--------------------------------------------------------------------------

CREATE TABLE r_in (id int, d daterange, t tstzrange, amount numeric);
INSERT INTO r_in VALUES (1, '[2024-01-05,2024-03-01)', '[2024-01-05,2024-03-01)', 10.00),
						(2, '[2024-02-01,)', '[2024-02-01,)', 20.00);
CREATE TABLE r_tl AS SELECT id, mrr_agg(d, amount) AS dm, mrr_agg(t, amount) AS tm FROM r_in GROUP BY id;

SELECT n, cx_test.line(cx_test.try_sql(q)) AS outcome
FROM (VALUES
	-- a date timeline on a timestamptz grid, and the reverse
	(1, $q$SELECT revenue_agg(dm, timestamptz '2024-01-01', interval '1 month', 3)::text FROM r_tl$q$),
	(2, $q$SELECT revenue_agg(tm, date '2024-01-01', interval '1 month', 3)::text FROM r_tl$q$),
	-- one of each in one group
	(3, $q$SELECT revenue_agg(CASE WHEN id = 1 THEN dm ELSE tm END, date '2024-01-01', interval '1 month', 3)::text FROM r_tl$q$),
	(4, $q$SELECT revenue_agg(CASE WHEN id = 1 THEN dm ELSE tm END, timestamptz '2024-01-01', interval '1 month', 3)::text FROM r_tl$q$),
	-- the grid arguments, as churn_agg's
	(5, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '1 month', 0)::text FROM r_tl$q$),
	(6, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '1 month', 100001)::text FROM r_tl$q$),
	(7, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '0 days', 3)::text FROM r_tl$q$),
	(8, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '-1 month', 3)::text FROM r_tl$q$),
	(9, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '12 hours', 3)::text FROM r_tl$q$),
	(10, $q$SELECT revenue_agg(dm, date 'infinity', interval '1 month', 3)::text FROM r_tl$q$),
	(11, $q$SELECT revenue_agg(dm, date '9999-06-01', interval '1 month', 12)::text FROM r_tl$q$),
	(12, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '1 month', date '2024-01-01')::text FROM r_tl$q$),
	(13, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '1 month', 3, -1)::text FROM r_tl$q$),
	(14, $q$SELECT revenue_agg(dm, NULL::date, interval '1 month', 3)::text FROM r_tl$q$),
	(15, $q$SELECT revenue_agg(dm, date '2024-01-01', NULL::interval, 3)::text FROM r_tl$q$),
	(16, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '1 month', NULL::int)::text FROM r_tl$q$),
	(17, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '1 month', 3, NULL::int)::text FROM r_tl$q$),
	(18, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '1 month', NULL::date)::text FROM r_tl$q$),
	(19, $q$SELECT revenue_agg(tm, timestamptz 'infinity', interval '1 month', 3)::text FROM r_tl$q$),
	(20, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '1 day', 3000, 2999)::text FROM r_tl$q$),
	-- rows of one group must agree on the grid
	(21, $q$SELECT revenue_agg(dm, date '2024-01-01' + (id - 1), interval '1 month', 3)::text FROM r_tl$q$),
	(22, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '1 month' * id, 3)::text FROM r_tl$q$),
	(23, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '1 month', 2 + id)::text FROM r_tl$q$),
	(24, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '1 month', 3, id)::text FROM r_tl$q$),
	(25, $q$SELECT revenue_agg(dm, date '2024-01-01', interval '1 month', date '2024-03-15' + 30 * id)::text FROM r_tl$q$),
	(26, $q$SELECT revenue_agg(tm, timestamptz '2024-01-01' + (id - 1) * interval '1 hour', interval '1 month', 3)::text FROM r_tl$q$),
	-- accepted: the same grid from two ends that give it
	(27, $q$SELECT customers(revenue_agg(dm, date '2024-01-01', interval '1 month', date '2024-03-15' + id))::text FROM r_tl$q$)
) AS c(n, q)
ORDER BY n;

-- One in full.
SELECT revenue_agg(dm, timestamptz '2024-01-01', interval '1 month', 3) FROM r_tl;

-- Sums of a summary past int64 units: each timeline alone is fine
-- (900,000,000,000,000 < 922,337,203,685,477.5807), two of them paying at
-- t0 are not; nor is rollup() of two summaries of one each.
CREATE TABLE r_big AS
	SELECT i AS id, mrr_agg(daterange('2023-12-01', NULL), 900000000000000) AS m FROM generate_series(1, 2) i GROUP BY i;
SELECT n, cx_test.line(cx_test.try_sql(q)) AS outcome
FROM (VALUES
	(1, $q$SELECT customers(revenue_agg(m, date '2024-01-01', interval '1 month', 2))::text FROM r_big WHERE id = 1$q$),
	(2, $q$SELECT revenue_agg(m, date '2024-01-01', interval '1 month', 2)::text FROM r_big$q$),
	(3, $q$SELECT rollup(s)::text FROM (SELECT revenue_agg(m, date '2024-01-01', interval '1 month', 2) AS s FROM r_big GROUP BY id) t$q$)
) AS c(n, q)
ORDER BY n;

--------------------------------------------------------------------------
-- rollup() of different grids; the cohort reader
--------------------------------------------------------------------------

CREATE TABLE r_parts (k int, s revenue_summary);
INSERT INTO r_parts
	SELECT 1, revenue_agg(dm, date '2024-01-01', interval '1 month', 3) FROM r_tl UNION ALL
	SELECT 2, revenue_agg(dm, date '2024-01-01', interval '1 month', 4) FROM r_tl UNION ALL
	SELECT 3, revenue_agg(dm, date '2024-01-01', interval '1 month', 3, 1) FROM r_tl UNION ALL
	SELECT 4, revenue_agg(dm, date '2024-02-01', interval '1 month', 3) FROM r_tl UNION ALL
	SELECT 5, revenue_agg(dm, date '2024-01-01', interval '31 days', 3) FROM r_tl UNION ALL
	SELECT 6, revenue_agg(dm, date '2024-01-01', interval '1 month', 3) FROM r_tl WHERE id = 2;

-- same grid: fine; the customers add up (2 + 1)
SELECT customers(rollup(s)) AS customers, customers(rollup(s)) = 3 AS ok FROM r_parts WHERE k IN (1, 6);
SELECT k, cx_test.line(cx_test.try_sql(format('SELECT rollup(s)::text FROM r_parts WHERE k IN (1, %s)', k))) AS outcome
FROM generate_series(2, 5) k
ORDER BY k;

-- The same arguments in two time zones are two grids when their calendars
-- differ (monthly from Jan 15 00:00 UTC: New York is on summer time from
-- Mar 10, Paris from Mar 31), one grid for a pure time bucket.
SET TIME ZONE 'America/New_York';
CREATE TABLE r_tz_parts AS SELECT 1 AS k, revenue_agg(tm, timestamptz '2024-01-15 00:00+00', interval '1 month', 3) AS s,
								  revenue_agg(tm, timestamptz '2024-01-15 00:00+00', interval '720 hours', 3) AS h FROM r_tl;
SET TIME ZONE 'Europe/Paris';
INSERT INTO r_tz_parts SELECT 2, revenue_agg(tm, timestamptz '2024-01-15 00:00+00', interval '1 month', 3),
							  revenue_agg(tm, timestamptz '2024-01-15 00:00+00', interval '720 hours', 3) FROM r_tl;
SELECT cx_test.line(cx_test.try_sql('SELECT rollup(s)::text FROM r_tz_parts')) AS monthly,
	   cx_test.line(cx_test.try_sql('SELECT customers(rollup(h))::text FROM r_tz_parts')) AS hourly;
RESET TIME ZONE;

-- revenue_cohort_retention() of a summary made without max_offset
SELECT cx_test.line(cx_test.try_sql($q$SELECT count(*)::text FROM revenue_cohort_retention((SELECT s FROM r_parts WHERE k = 1))$q$)) AS date_summary,
	   cx_test.line(cx_test.try_sql($q$SELECT count(*)::text FROM revenue_cohort_retention((SELECT revenue_agg(tm, timestamptz '2024-01-01', interval '1 month', 3) FROM r_tl))$q$)) AS tstz_summary;

--------------------------------------------------------------------------
-- mrr_timeline: text
--------------------------------------------------------------------------

-- A valid timeline: 50.00 from Jan 1, 75.00 from Feb 15 on (no zero step,
-- whose spelling is left to the code: see below).
\set TL 'v1;kind=date;scale=2;steps=2024-01-01 50.00,2024-02-15 75.00'

SELECT :'TL'::mrr_timeline::text = :'TL' AS tl_round_trip,
	   :'TL'::mrr_timeline = (SELECT mrr_agg(d, a) FROM (VALUES (daterange('2024-01-01', '2024-02-15'), 50.00),
															 (daterange('2024-02-15', NULL), 75.00)) v(d, a)) AS tl_is_the_aggregate;

-- Accepted, and how they are written back.  A value of 0 is spelled "0" in
-- the spec's example and "with exactly scale decimals" by its rule: one of
-- cases 2 and 3 is the canonical form (it round-trips); the other is
-- rejected, or read and written back as the canonical one.
SELECT n, what, cx_test.line(cx_test.try_in('mrr_timeline', input)) AS outcome
FROM (VALUES
	(1, 'as above', :'TL'),
	(2, 'the spec example, 0', 'v1;kind=date;scale=2;steps=2024-01-01 50.00,2024-02-15 75.00,2024-03-01 0'),
	(3, 'the spec example, 0.00', 'v1;kind=date;scale=2;steps=2024-01-01 50.00,2024-02-15 75.00,2024-03-01 0.00'),
	(4, 'no steps (MRR 0 throughout)', 'v1;kind=date;scale=0;steps='),
	(5, 'from -infinity', 'v1;kind=date;scale=2;steps=-infinity 5.00,2024-01-01 7.50'),
	(6, 'scale 0', 'v1;kind=date;scale=0;steps=2024-01-01 50'),
	(7, 'scale 4, the smallest amount', 'v1;kind=date;scale=4;steps=2024-01-01 0.0001'),
	(8, 'the largest amount', 'v1;kind=date;scale=4;steps=2024-01-01 922337203685477.5807'),
	(9, 'the calendar''s ends', 'v1;kind=date;scale=0;steps=0001-01-01 1,9999-12-31 2')
) AS c(n, what, input)
ORDER BY n;

-- Rejected: 22P02 (22003 for an amount past int64 units).
SELECT n, what, cx_test.line(cx_test.try_in('mrr_timeline', input)) AS outcome
FROM (VALUES
	(1, 'empty string', ''),
	(2, 'version only', 'v1'),
	(3, 'no version', substr(:'TL', 4)),
	(4, 'version 2', replace(:'TL', 'v1;', 'v2;')),
	(5, 'version 0', replace(:'TL', 'v1;', 'v0;')),
	(6, 'capital V', replace(:'TL', 'v1;', 'V1;')),
	(7, 'version 2^64 + 1', replace(:'TL', 'v1;', 'v18446744073709551617;')),
	(8, 'unknown kind', replace(:'TL', 'kind=date', 'kind=datum')),
	(9, 'no kind', replace(:'TL', 'kind=date;', '')),
	(10, 'fields out of order', replace(:'TL', 'kind=date;scale=2', 'scale=2;kind=date')),
	(11, 'a field twice', replace(:'TL', 'scale=2;', 'scale=2;scale=2;')),
	(12, 'no scale', replace(:'TL', 'scale=2;', '')),
	(13, 'scale 5', replace(:'TL', 'scale=2', 'scale=5')),
	(14, 'scale -1', replace(:'TL', 'scale=2', 'scale=-1')),
	(15, 'scale 3, values with 2 decimals', replace(:'TL', 'scale=2', 'scale=3')),
	(16, 'scale 1, values with 2 decimals', replace(:'TL', 'scale=2', 'scale=1')),
	(17, 'a value with 1 decimal', replace(:'TL', '75.00', '75.0')),
	(18, 'a value with 3 decimals', replace(:'TL', '75.00', '75.000')),
	(19, 'a value with no decimals', replace(:'TL', '75.00', '75')),
	(20, 'a negative value', replace(:'TL', '75.00', '-75.00')),
	(21, 'a plus sign', replace(:'TL', '75.00', '+75.00')),
	(22, 'an exponent', replace(:'TL', '75.00', '7.50e1')),
	(23, 'NaN', replace(:'TL', '75.00', 'NaN')),
	(24, 'a value past int64 units', 'v1;kind=date;scale=4;steps=2024-01-01 922337203685477.5808'),
	(25, 'a value of 20 digits', 'v1;kind=date;scale=0;steps=2024-01-01 99999999999999999999'),
	(26, 'no steps field', replace(:'TL', ';steps=2024-01-01 50.00,2024-02-15 75.00', '')),
	(27, 'steps not increasing', replace(:'TL', '2024-01-01 50.00,2024-02-15 75.00', '2024-02-15 75.00,2024-01-01 50.00')),
	(28, 'two steps on one day', replace(:'TL', '2024-02-15', '2024-01-01')),
	(29, 'a step that changes nothing', replace(:'TL', '75.00', '50.00')),
	(30, 'a first step to 0 (the value before it)', replace(:'TL', 'steps=', 'steps=2023-12-01 0,')),
	(31, 'a bad date', replace(:'TL', '2024-02-15', '2024-02-30')),
	(32, 'month 13', replace(:'TL', '2024-02-15', '2024-13-15')),
	(33, 'a short month', replace(:'TL', '2024-02-15', '2024-2-15')),
	(34, 'year 0', replace(:'TL', '2024-01-01', '0000-01-01')),
	(35, 'BC', replace(:'TL', '2024-01-01', '2024-01-01 BC')),
	(36, 'year 10000', replace(:'TL', '2024-02-15', '10000-02-15')),
	(37, 'a time on a date timeline', replace(:'TL', '2024-01-01', '2024-01-01T00:00:00Z')),
	(38, 'infinity as a step', replace(:'TL', '2024-02-15', 'infinity')),
	(39, '-infinity not first', replace(:'TL', '2024-02-15', '-infinity')),
	(40, 'an at/after value on a date timeline', replace(:'TL', '75.00', '50.00/75.00')),
	(41, 'no space', replace(:'TL', '2024-02-15 75.00', '2024-02-1575.00')),
	(42, 'two spaces', replace(:'TL', '2024-02-15 75.00', '2024-02-15  75.00')),
	(43, 'a step without a value', replace(:'TL', ',2024-02-15 75.00', ',2024-02-15')),
	(44, 'an empty step', replace(:'TL', ',', ',,')),
	(45, 'a trailing comma', :'TL' || ','),
	(46, 'a trailing semicolon', :'TL' || ';'),
	(47, 'something after the end', :'TL' || ';extra=1'),
	(48, 'garbage after a value', :'TL' || 'x'),
	(49, 'truncated in a date', left(:'TL', length(:'TL') - 9)),
	(50, 'a date timeline with a kind of timestamptz', regexp_replace(:'TL', 'kind=date', 'kind=timestamptz'))
) AS c(n, what, input)
ORDER BY n;

-- One error in full.
SELECT replace(:'TL', '2024-01-01 50.00,2024-02-15 75.00', '2024-02-15 75.00,2024-01-01 50.00')::mrr_timeline;

-- A timestamptz timeline, made by the aggregate: 10.00 on [Jan 1, Feb 1),
-- then 20.00 on (Feb 1, Mar 1 12:30]: at Feb 1 itself 0 (a step "X AT/AFTER",
-- here 0/20), and 20 at Mar 1 12:30 itself (a step 20/0).
SET TIME ZONE 'UTC';
SELECT mrr_agg(r, a)::text AS tt
FROM (VALUES (tstzrange('2024-01-01', '2024-02-01', '[)'), 10.00), (tstzrange('2024-02-01', '2024-03-01 12:30', '(]'), 20.00)) v(r, a) \gset
RESET TIME ZONE;
SELECT :'tt' ~ '^v1;kind=[a-z]+;scale=2;steps=2024-01-01T00:00:00Z 10\.00,2024-02-01T00:00:00Z [0.]+/20\.00,2024-03-01T12:30:00Z 20\.00/[0.]+$'
	   AS tt_as_documented,
	   :'tt'::mrr_timeline::text = :'tt' AS tt_round_trip;

SELECT n, what, cx_test.line(cx_test.try_in('mrr_timeline', input)) AS outcome
FROM (VALUES
	(1, 'no Z', replace(:'tt', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00')),
	(2, 'an offset', replace(:'tt', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00+01')),
	(3, 'a space for the T', replace(:'tt', '2024-01-01T00:00:00Z', '2024-01-01 00:00:00Z')),
	(4, 'hour 24', replace(:'tt', '2024-01-01T00:00:00Z', '2024-01-01T24:00:00Z')),
	(5, 'a 7-digit fraction', replace(:'tt', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00.1234567Z')),
	(6, 'a date alone', replace(:'tt', '2024-01-01T00:00:00Z', '2024-01-01')),
	(7, 'kind date', regexp_replace(:'tt', 'kind=[a-z]+', 'kind=date')),
	(8, 'an at/after pair that is equal', regexp_replace(:'tt', ' [0.]+/20\.00', ' 20.00/20.00')),
	(9, 'an at/after pair that changes nothing', regexp_replace(:'tt', '20\.00/[0.]+$', '20.00/20.00')),
	(10, 'a negative at value', regexp_replace(:'tt', ' [0.]+/20\.00', ' -1.00/20.00')),
	(11, 'three values', regexp_replace(:'tt', ' [0.]+/20\.00', ' 0/5.00/20.00')),
	(12, 'not increasing', replace(:'tt', '2024-03-01T12:30:00Z', '2024-01-15T00:00:00Z')),
	(13, 'two steps at one instant', replace(:'tt', '2024-03-01T12:30:00Z', '2024-02-01T00:00:00Z')),
	(14, 'the same instant in another spelling', replace(:'tt', '2024-03-01T12:30:00Z', '2024-02-01T00:00:00.000000Z'))
) AS c(n, what, input)
ORDER BY n;

--------------------------------------------------------------------------
-- revenue_summary, revenue_tstz_summary: text
--------------------------------------------------------------------------

-- Valid summaries, made by the aggregate (the spec fixes the header of the
-- text form, not the rest): two customers on a monthly grid of 2 periods,
-- p paying 111.11 throughout, q paying 22.22 from Jan 10 to Feb 29:
--   t0: MRR 111.11 (1 paying); t1: 133.33 (2); t2: 111.11 (1)
--   Jan: new 22.22 (q); Feb: churned 22.22 (q)
-- V without cohorts, C with max_offset 1, T a timestamptz grid in New York.
CREATE TABLE r_vq (id text, d daterange, amount numeric);
INSERT INTO r_vq VALUES ('p', '[2023-12-01,)', 111.11), ('q', '[2024-01-10,2024-03-01)', 22.22);
SELECT revenue_agg(m, date '2024-01-01', interval '1 month', 2)::text AS "V",
	   revenue_agg(m, date '2024-01-01', interval '1 month', 2, 1)::text AS "C"
FROM (SELECT mrr_agg(d, amount) AS m FROM r_vq GROUP BY id) t \gset
SET TIME ZONE 'America/New_York';
SELECT revenue_agg(m, timestamptz '2024-01-01', interval '1 month', 2)::text AS "T"
FROM (SELECT mrr_agg(tstzrange(lower(d), upper(d)), amount) AS m FROM r_vq GROUP BY id) t \gset
RESET TIME ZONE;

SELECT :'V' ~ '^v1;origin=2024-01-01;bucket=P1M;periods=2;scale=2;customers=2;' AS v_header,
	   :'C' ~ '^v1;origin=2024-01-01;bucket=P1M;periods=2;max_offset=1;scale=2;customers=2;' AS c_header,
	   :'T' ~ '^v1;origin=2024-01-01T05:00:00Z;bucket=P1M;zone=America/New_York;periods=2;scale=2;customers=2;' AS t_header,
	   :'V'::revenue_summary::text = :'V' AS v_round_trip,
	   :'C'::revenue_summary::text = :'C' AS c_round_trip,
	   :'T'::revenue_tstz_summary::text = :'T' AS t_round_trip;

-- Rejected, 22P02.  The identity cases change one amount of the form:
-- 133.33 is the MRR at t1 only, 22.22 the movements of q (new in Jan,
-- churned in Feb), so a form that keeps the MRR at each boundary and the
-- movements (what "identities above hold" asks of it) no longer adds up.
-- customers=1 or 0 puts a count of paying customers (2 at t1) above
-- the customers.
SELECT n, what, cx_test.line(cx_test.try_in(type, input)) AS outcome
FROM (VALUES
	(1, 'empty string', 'revenue_summary', ''),
	(2, 'version only', 'revenue_summary', 'v1'),
	(3, 'no version', 'revenue_summary', substr(:'V', 4)),
	(4, 'version 2', 'revenue_summary', replace(:'V', 'v1;', 'v2;')),
	(5, 'version 0', 'revenue_summary', replace(:'V', 'v1;', 'v0;')),
	(6, 'origin: Feb 30', 'revenue_summary', replace(:'V', 'origin=2024-01-01', 'origin=2024-02-30')),
	(7, 'origin: a time on a date grid', 'revenue_summary', replace(:'V', 'origin=2024-01-01', 'origin=2024-01-01T00:00:00Z')),
	(8, 'bucket: empty', 'revenue_summary', replace(:'V', 'bucket=P1M', 'bucket=')),
	(9, 'bucket: zero', 'revenue_summary', replace(:'V', 'bucket=P1M', 'bucket=P0D')),
	(10, 'bucket: negative', 'revenue_summary', replace(:'V', 'bucket=P1M', 'bucket=P-1M')),
	(11, 'bucket: a time part on a date grid', 'revenue_summary', replace(:'V', 'bucket=P1M', 'bucket=PT3600S')),
	(12, 'periods 0', 'revenue_summary', replace(:'V', 'periods=2', 'periods=0')),
	(13, 'periods 3, values for 2', 'revenue_summary', replace(:'V', 'periods=2', 'periods=3')),
	(14, 'periods 1, values for 2', 'revenue_summary', replace(:'V', 'periods=2', 'periods=1')),
	(15, 'periods past int4', 'revenue_summary', replace(:'V', 'periods=2', 'periods=99999999999')),
	(16, 'max_offset without its cells', 'revenue_summary', replace(:'V', 'periods=2;', 'periods=2;max_offset=1;')),
	(17, 'cells without max_offset', 'revenue_summary', replace(:'C', 'max_offset=1;', '')),
	(18, 'max_offset = periods', 'revenue_summary', replace(:'C', 'max_offset=1', 'max_offset=2')),
	(19, 'max_offset -1', 'revenue_summary', replace(:'C', 'max_offset=1', 'max_offset=-1')),
	(20, 'no scale', 'revenue_summary', replace(:'V', 'scale=2;', '')),
	(21, 'scale 5', 'revenue_summary', replace(:'V', 'scale=2', 'scale=5')),
	(22, 'scale 3, amounts with 2 decimals', 'revenue_summary', replace(:'V', 'scale=2', 'scale=3')),
	(23, 'scale 0, amounts with 2 decimals', 'revenue_summary', replace(:'V', 'scale=2', 'scale=0')),
	(24, 'an amount with 1 decimal', 'revenue_summary', replace(:'V', '133.33', '133.3')),
	(25, 'an amount with 3 decimals', 'revenue_summary', replace(:'V', '133.33', '133.330')),
	(26, 'a negative amount', 'revenue_summary', replace(:'V', '133.33', '-133.33')),
	(27, 'identity: the MRR at t1 one cent up', 'revenue_summary', replace(:'V', '133.33', '133.34')),
	(28, 'identity: the first 22.22 one cent up', 'revenue_summary', regexp_replace(:'V', '22\.22', '22.23')),
	(29, 'identity: the last 22.22 one cent down', 'revenue_summary', regexp_replace(:'V', '^(.*)22\.22', '\122.21')),
	(30, 'customers 1: counts above it', 'revenue_summary', replace(:'V', 'customers=2', 'customers=1')),
	(31, 'customers 0', 'revenue_summary', replace(:'V', 'customers=2', 'customers=0')),
	(32, 'customers missing', 'revenue_summary', replace(:'V', 'customers=2;', '')),
	(33, 'customers past bigint', 'revenue_summary', replace(:'V', 'customers=2', 'customers=9223372036854775808')),
	(34, 'customers 2^64 + 2', 'revenue_summary', replace(:'V', 'customers=2', 'customers=18446744073709551618')),
	(35, 'the last field dropped', 'revenue_summary', regexp_replace(:'V', ';[^;]*$', '')),
	(36, 'cut in half', 'revenue_summary', left(:'V', length(:'V') / 2)),
	(37, 'a trailing semicolon', 'revenue_summary', :'V' || ';'),
	(38, 'something after the end', 'revenue_summary', :'V' || ';extra=1'),
	(39, 'garbage after the end', 'revenue_summary', :'V' || 'x'),
	(40, 'a field twice', 'revenue_summary', replace(:'V', 'scale=2;', 'scale=2;scale=2;')),
	(41, 'tstz text for the date type', 'revenue_summary', :'T'),
	(42, 'date text for the tstz type', 'revenue_tstz_summary', :'V'),
	(43, 'tstz: no zone', 'revenue_tstz_summary', replace(:'T', 'zone=America/New_York;', '')),
	(44, 'tstz: unknown zone', 'revenue_tstz_summary', replace(:'T', 'America/New_York', 'Mars/Olympus_Mons')),
	(45, 'tstz: origin without Z', 'revenue_tstz_summary', replace(:'T', 'T05:00:00Z', 'T05:00:00')),
	(46, 'tstz: identity broken', 'revenue_tstz_summary', replace(:'T', '133.33', '133.34')),
	(47, 'tstz: customers 1', 'revenue_tstz_summary', replace(:'T', 'customers=2', 'customers=1')),
	(48, 'tstz: something after the end', 'revenue_tstz_summary', :'T' || ';extra=1'),
	(49, 'boundary after 9999-12-31', 'revenue_summary', replace(:'V', 'origin=2024-01-01', 'origin=9999-12-01')),
	(50, 'cohorts: the last field dropped', 'revenue_summary', regexp_replace(:'C', ';[^;]*$', ''))
) AS c(n, what, type, input)
ORDER BY n;

-- Every number after "customers=2;" in V, one unit of its last digit up,
-- one at a time (133.33 -> 133.34, 0 -> 1, 0.00 -> 0.01): each is an MRR
-- in an identity, a count of paying customers in the customers' identity,
-- or a movement's amount or count, which go together (a movement has
-- customers exactly when it has an amount): every mutant must be rejected,
-- but the first: mrr_bound, the first number after "customers=", is an
-- upper bound (the sum over customers of each one's largest MRR, which may
-- lie between boundaries), so 133.34 is as valid as 133.33, and mutants
-- start at the second number.
CREATE FUNCTION pg_temp.bump(s text, k int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	head text := substring(s FROM '^.*?;customers=[0-9]+;');
	rest text := substr(s, length(head) + 1);
	m record;
	i int := 0;
	pos int := 1;
	tok text;
	delta text;
BEGIN
	LOOP
		tok := substring(substr(rest, pos) FROM '[0-9]+(?:\.[0-9]+)?');
		EXIT WHEN tok IS NULL;
		i := i + 1;
		pos := pos + strpos(substr(rest, pos), tok) - 1;
		IF i = k THEN
			delta := CASE WHEN strpos(tok, '.') > 0
						  THEN '0.' || repeat('0', length(tok) - strpos(tok, '.') - 1) || '1' ELSE '1' END;
			RETURN head || substr(rest, 1, pos - 1) || (tok::numeric + delta::numeric)::text
				   || substr(rest, pos + length(tok));
		END IF;
		pos := pos + length(tok);
	END LOOP;
	RETURN NULL;
END
$$;
-- the helper itself, on a string of the same shape
SELECT pg_temp.bump('v1;x=1;customers=2;a=0,133.33;b=0.99', k) AS bumped FROM generate_series(1, 4) k;
SELECT count(*) AS mutants, count(*) FILTER (WHERE o LIKE '22P02:%') AS rejected,
	   string_agg(k || ': ' || o, '; ' ORDER BY k) FILTER (WHERE o NOT LIKE '22P02:%') AS not_rejected
FROM (SELECT k, cx_test.line(cx_test.try_in('revenue_summary', m)) AS o
	  FROM (SELECT k, pg_temp.bump(:'V', k) AS m FROM generate_series(2, 1000) k) b
	  WHERE m IS NOT NULL) r;

-- One error in full.
SELECT replace(:'V', '133.33', '133.34')::revenue_summary;

--------------------------------------------------------------------------
-- Binary: round trips through COPY
--------------------------------------------------------------------------

SELECT current_setting('data_directory') || '/revenue_input_rt.bin' AS rt_file \gset

SET TIME ZONE 'Asia/Kolkata';
CREATE TABLE rbin_src (id int, m mrr_timeline, s revenue_summary, t revenue_tstz_summary);
INSERT INTO rbin_src VALUES
	(1, :'TL', :'V', :'T'),
	(2, :'tt', :'C', NULL),
	(3, 'v1;kind=date;scale=0;steps=', (SELECT revenue_agg(NULL::mrr_timeline, date '2024-01-01', interval '1 month', 3)),
		(SELECT revenue_agg(tm, timestamptz '2024-01-01', interval '1 day', 40, 5) FROM r_tl)),
	(4, NULL, (SELECT revenue_agg(dm, date '2023-11-30', interval '1 month', 6, 5) FROM r_tl),
		(SELECT revenue_agg(tm, timestamptz '2024-01-01 12:34:56.789+00', interval '90 minutes', 4) FROM r_tl)),
	(5, 'v1;kind=date;scale=4;steps=-infinity 922337203685477.5807', NULL, NULL);
RESET TIME ZONE;
COPY rbin_src TO :'rt_file' WITH (FORMAT binary);
CREATE TABLE rbin_dst (LIKE rbin_src);
COPY rbin_dst FROM :'rt_file' WITH (FORMAT binary);
SELECT id, a.m IS NOT DISTINCT FROM b.m AS m_same, a.s IS NOT DISTINCT FROM b.s AS s_same,
	   a.t IS NOT DISTINCT FROM b.t AS t_same,
	   a.m::text IS NOT DISTINCT FROM b.m::text AND a.s::text IS NOT DISTINCT FROM b.s::text
	   AND a.t::text IS NOT DISTINCT FROM b.t::text AS text_same
FROM rbin_src a JOIN rbin_dst b USING (id)
ORDER BY id;

--------------------------------------------------------------------------
-- Binary: malformed fields
--------------------------------------------------------------------------

-- The bytes of a value's binary form, from its type's send function
-- (pg_type.typsend: whatever it is called).
CREATE FUNCTION pg_temp.sent(typ regtype, v text) RETURNS bytea LANGUAGE plpgsql AS $$
DECLARE
	b bytea;
BEGIN
	EXECUTE format('SELECT %s(%L::%s)', (SELECT typsend FROM pg_type WHERE oid = typ), v, typ) INTO b;
	RETURN b;
END
$$;

CREATE TABLE rbin_m (s mrr_timeline);
CREATE TABLE rbin_s (s revenue_summary);
CREATE TABLE rbin_t (s revenue_tstz_summary);

SELECT pg_temp.sent('mrr_timeline', :'TL') AS tlb, pg_temp.sent('mrr_timeline', :'tt') AS ttb,
	   pg_temp.sent('revenue_summary', :'V') AS vb, pg_temp.sent('revenue_summary', :'C') AS cb,
	   pg_temp.sent('revenue_tstz_summary', :'T') AS tb \gset

-- Each form starts with a format version byte (1).
SELECT get_byte(:'tlb'::bytea, 0) AS timeline_version, get_byte(:'vb'::bytea, 0) AS summary_version,
	   get_byte(:'tb'::bytea, 0) AS tstz_summary_version;

SELECT n, what, cx_test.line(cx_test.try_copy(tbl, field)) AS outcome
FROM (VALUES
	(1, 'timeline: valid', 'rbin_m', :'tlb'::bytea),
	(2, 'timeline: empty', 'rbin_m', ''::bytea),
	(3, 'timeline: version 0', 'rbin_m', '\x00'::bytea || substr(:'tlb'::bytea, 2)),
	(4, 'timeline: version 2', 'rbin_m', '\x02'::bytea || substr(:'tlb'::bytea, 2)),
	(5, 'timeline: version 255', 'rbin_m', '\xff'::bytea || substr(:'tlb'::bytea, 2)),
	(6, 'timeline: a byte too many', 'rbin_m', :'tlb'::bytea || '\x00'::bytea),
	(7, 'timeline: 8 bytes too many', 'rbin_m', :'tlb'::bytea || '\x0000000000000000'::bytea),
	(8, 'tstz timeline: valid', 'rbin_m', :'ttb'::bytea),
	(9, 'tstz timeline: a byte too many', 'rbin_m', :'ttb'::bytea || '\x01'::bytea),
	(10, 'summary: valid', 'rbin_s', :'vb'::bytea),
	(11, 'summary: empty', 'rbin_s', ''::bytea),
	(12, 'summary: version 0', 'rbin_s', '\x00'::bytea || substr(:'vb'::bytea, 2)),
	(13, 'summary: version 2', 'rbin_s', '\x02'::bytea || substr(:'vb'::bytea, 2)),
	(14, 'summary: a byte too many', 'rbin_s', :'vb'::bytea || '\x00'::bytea),
	(15, 'summary: a timeline''s bytes', 'rbin_s', :'tlb'::bytea),
	(16, 'summary: a tstz summary''s bytes', 'rbin_s', :'tb'::bytea),
	(17, 'summary with cohorts: valid', 'rbin_s', :'cb'::bytea),
	(18, 'summary with cohorts: a byte too many', 'rbin_s', :'cb'::bytea || '\x00'::bytea),
	(19, 'tstz summary: valid', 'rbin_t', :'tb'::bytea),
	(20, 'tstz summary: a date summary''s bytes', 'rbin_t', :'vb'::bytea),
	(21, 'tstz summary: version 2', 'rbin_t', '\x02'::bytea || substr(:'tb'::bytea, 2)),
	(22, 'tstz summary: a byte too many', 'rbin_t', :'tb'::bytea || '\x00'::bytea)
) AS c(n, what, tbl, field)
ORDER BY n;

-- Every proper prefix of each form (cut after 0, 1, ..., length - 1 bytes)
-- is rejected with 22P03: the forms say how many steps, periods and cohort
-- cells follow (CONVENTIONS.md: bound every count read; no trailing bytes),
-- so none of them is complete.
SELECT v.what, length(v.b) AS bytes, count(*) AS prefixes,
	   count(*) FILTER (WHERE o.outcome LIKE '22P03:%') AS rejected_22p03,
	   string_agg(k || ': ' || cx_test.line(o), '; ' ORDER BY k) FILTER (WHERE o.outcome NOT LIKE '22P03:%') AS other
FROM (VALUES ('timeline', 'rbin_m', :'tlb'::bytea), ('tstz timeline', 'rbin_m', :'ttb'::bytea),
			 ('summary', 'rbin_s', :'vb'::bytea), ('summary with cohorts', 'rbin_s', :'cb'::bytea),
			 ('tstz summary', 'rbin_t', :'tb'::bytea)) v(what, tbl, b),
	 LATERAL generate_series(0, length(v.b) - 1) k,
	 LATERAL cx_test.try_copy(v.tbl, substr(v.b, 1, k)) o
GROUP BY v.what, v.b
ORDER BY v.what;

DROP TABLE r_in, r_tl, r_big, r_parts, r_tz_parts, r_vq, rbin_src, rbin_dst, rbin_m, rbin_s, rbin_t;
RESET datestyle;
