--
-- churn_input: every entry point that takes outside data rejects what is
-- wrong, with the right SQLSTATE and a message that says what: the text form
-- (22P02; a number past bigint 22003; a boundary past 9999 22008), the
-- binary form (22P03), the aggregate's grid arguments (22023; NULL 22004),
-- rows of one group with different grids and roll-ups of different grids
-- (22023).  Canonical values round-trip exactly through text and binary.
--
-- Binary input is fed through COPY: a file written by COPY (SELECT bytea)
-- TO ... (FORMAT binary) holds those bytes as its one field, and COPY FROM
-- that file into a churn_summary column hands them to churn_summary_recv.
-- The files go to the data directory (needs a superuser, as pg_regress runs).
--

SET datestyle = 'ISO, YMD';

-- cx_test.try_sql(query) (test/sql/setup.sql) runs a query returning one
-- value, and cx_test.line() puts its outcome on one line: "ok: value", or
-- "SQLSTATE: message / detail".

-- A valid summary of 2 monthly periods, 3 customers: one present at t0 who
-- churns in period 0, two new in period 0 of whom one churns in period 1.
--   period 0: start 1, churned 1, new 2 -> end 2;  period 1: start 2, churned 1 -> end 1
\set V 'v1;origin=2024-01-01;bucket=P1M;periods=2;customers=3;active=1,2,1;churned=1,1;new=2,0;reactivated=0,0;new_lost=0,0;reactivated_lost=0,0'
-- The same with cohort counters, max_offset 1: cohort 0 has 2 at t1, 1 at t2.
\set C 'v1;origin=2024-01-01;bucket=P1M;periods=2;max_offset=1;customers=3;active=1,2,1;churned=1,1;new=2,0;reactivated=0,0;new_lost=0,0;reactivated_lost=0,0;retained=2,1/0'
-- A timestamptz grid.
\set T 'v1;origin=2024-01-01T05:00:00Z;bucket=P1M;zone=America/New_York;periods=2;customers=3;active=1,2,1;churned=1,1;new=2,0;reactivated=0,0;new_lost=0,0;reactivated_lost=0,0'

--------------------------------------------------------------------------
-- Text: accepted values
--------------------------------------------------------------------------

-- Canonical values round-trip exactly.
SELECT :'V'::churn_summary::text = :'V' AS v_round_trip,
	   :'C'::churn_summary::text = :'C' AS c_round_trip,
	   :'T'::churn_tstz_summary::text = :'T' AS t_round_trip;

-- Non-canonical spellings that are accepted, and how they are written back.
SELECT n, cx_test.line(cx_test.try_sql(format('SELECT %L::%s::text', input, type))) AS outcome
FROM (VALUES
	(1, 'churn_summary', '  ' || :'V' || E'\n'),						-- surrounding white space
	(2, 'churn_summary', replace(:'V', 'customers=3', 'customers=003')),	-- leading zeros
	(3, 'churn_summary', replace(:'V', 'bucket=P1M', 'bucket=P1M0D')),	-- a zero part
	(4, 'churn_tstz_summary', replace(:'T', 'T05:00:00Z', 'T05:00:00.500000Z')),	-- trailing zeros of a fraction
	(5, 'churn_tstz_summary', replace(:'T', 'bucket=P1M', 'bucket=PT0.25S')),	-- a fraction of a second
	(6, 'churn_summary', replace(:'V', 'bucket=P1M', 'bucket=P1M15D')),	-- months and days
	-- the largest counts: INT64_MAX customers, nobody in a period
	(7, 'churn_summary', 'v1;origin=2024-01-01;bucket=P1D;periods=1;customers=9223372036854775807;active=0,0;churned=0;new=0;reactivated=0;new_lost=0;reactivated_lost=0'),
	(8, 'churn_summary', 'v1;origin=2024-01-01;bucket=P1D;periods=1;customers=9223372036854775807;active=9223372036854775807,9223372036854775807;churned=0;new=0;reactivated=0;new_lost=0;reactivated_lost=0'),
	-- the calendar's ends
	(9, 'churn_summary', 'v1;origin=0001-01-01;bucket=P1D;periods=1;customers=0;active=0,0;churned=0;new=0;reactivated=0;new_lost=0;reactivated_lost=0'),
	(10, 'churn_summary', 'v1;origin=9999-12-30;bucket=P1D;periods=1;customers=0;active=0,0;churned=0;new=0;reactivated=0;new_lost=0;reactivated_lost=0')
) AS c(n, type, input)
ORDER BY n;

-- NULL in, NULL out
SELECT NULL::text::churn_summary IS NULL AS null_in_null_out;

--------------------------------------------------------------------------
-- Text: rejected values
--------------------------------------------------------------------------

SELECT n, what, cx_test.line(cx_test.try_sql(format('SELECT %L::%s::text', input, type))) AS outcome
FROM (VALUES
	(1, 'empty string', 'churn_summary', ''),
	(2, 'white space only', 'churn_summary', '   '),
	(3, 'no version', 'churn_summary', substr(:'V', 4)),
	(4, 'version 2', 'churn_summary', replace(:'V', 'v1;', 'v2;')),
	(5, 'version 0', 'churn_summary', replace(:'V', 'v1;', 'v0;')),
	(6, 'capital V', 'churn_summary', replace(:'V', 'v1;', 'V1;')),
	(7, 'version only', 'churn_summary', 'v1'),
	(8, 'fields out of order', 'churn_summary', replace(:'V', 'origin=2024-01-01;bucket=P1M', 'bucket=P1M;origin=2024-01-01')),
	(9, 'origin: month 13', 'churn_summary', replace(:'V', '2024-01-01', '2024-13-01')),
	(10, 'origin: Feb 30', 'churn_summary', replace(:'V', '2024-01-01', '2024-02-30')),
	(11, 'origin: year 0', 'churn_summary', replace(:'V', '2024-01-01', '0000-01-01')),
	(12, 'origin: short month', 'churn_summary', replace(:'V', '2024-01-01', '2024-1-01')),
	(13, 'origin: a time on a date grid', 'churn_summary', replace(:'V', '2024-01-01', '2024-01-01T00:00:00Z')),
	(14, 'origin: BC', 'churn_summary', replace(:'V', '2024-01-01', '2024-01-01 BC')),
	(15, 'bucket: empty', 'churn_summary', replace(:'V', 'P1M', '')),
	(16, 'bucket: P alone', 'churn_summary', replace(:'V', 'P1M', 'P')),
	(17, 'bucket: no P', 'churn_summary', replace(:'V', 'P1M', '1M')),
	(18, 'bucket: days before months', 'churn_summary', replace(:'V', 'P1M', 'P1D1M')),
	(19, 'bucket: years', 'churn_summary', replace(:'V', 'P1M', 'P1Y')),
	(20, 'bucket: zero', 'churn_summary', replace(:'V', 'P1M', 'P0D')),
	(21, 'bucket: a time part on a date grid', 'churn_summary', replace(:'V', 'P1M', 'PT3600S')),
	(22, 'bucket: months past int4', 'churn_summary', replace(:'V', 'P1M', 'P2147483648M')),
	(23, 'bucket: negative', 'churn_summary', replace(:'V', 'P1M', 'P-1M')),
	(24, 'bucket: 7-digit fraction', 'churn_tstz_summary', replace(:'T', 'P1M', 'PT1.0000001S')),
	(25, 'periods 0', 'churn_summary', replace(:'V', 'periods=2', 'periods=0')),
	(26, 'periods -1', 'churn_summary', replace(:'V', 'periods=2', 'periods=-1')),
	(27, 'periods 100001', 'churn_summary', replace(:'V', 'periods=2', 'periods=100001')),
	(28, 'periods past int4', 'churn_summary', replace(:'V', 'periods=2', 'periods=99999999999')),
	(29, 'periods 3, counts for 2', 'churn_summary', replace(:'V', 'periods=2', 'periods=3')),
	(30, 'max_offset = periods', 'churn_summary', replace(:'C', 'max_offset=1', 'max_offset=2')),
	(31, 'max_offset, no retained', 'churn_summary', replace(:'C', ';retained=2,1/0', '')),
	(32, 'retained without max_offset', 'churn_summary', :'V' || ';retained=2,1/0'),
	(33, 'retained: one row short', 'churn_summary', replace(:'C', 'retained=2,1/0', 'retained=2,1')),
	(34, 'retained: a row too long', 'churn_summary', replace(:'C', 'retained=2,1/0', 'retained=2,1/0,0')),
	(35, 'retained: offset 0 is not new - lost', 'churn_summary', replace(:'C', 'retained=2,1/0', 'retained=1,1/0')),
	(36, 'retained: more than the cohort', 'churn_summary', replace(:'C', 'retained=2,1/0', 'retained=2,3/0')),
	(37, 'customers missing', 'churn_summary', replace(:'V', 'customers=3;', '')),
	(38, 'active: one count short', 'churn_summary', replace(:'V', 'active=1,2,1', 'active=1,2')),
	(39, 'active: one count more', 'churn_summary', replace(:'V', 'active=1,2,1', 'active=1,2,1,0')),
	(40, 'a negative count', 'churn_summary', replace(:'V', 'churned=1,1', 'churned=-1,1')),
	(41, 'a plus sign', 'churn_summary', replace(:'V', 'churned=1,1', 'churned=+1,1')),
	(42, 'a space after a comma', 'churn_summary', replace(:'V', 'active=1,2,1', 'active=1, 2,1')),
	(43, 'a fraction', 'churn_summary', replace(:'V', 'active=1,2,1', 'active=1,2.0,1')),
	(44, 'an empty count', 'churn_summary', replace(:'V', 'active=1,2,1', 'active=1,,1')),
	(45, 'a count past bigint', 'churn_summary', replace(:'V', 'customers=3', 'customers=9223372036854775808')),
	(46, 'a key misspelt', 'churn_summary', replace(:'V', 'new_lost', 'new_lots')),
	(47, 'a field twice', 'churn_summary', replace(:'V', 'customers=3;', 'customers=3;customers=3;')),
	(48, 'something after the end', 'churn_summary', :'V' || ';extra=1'),
	(49, 'a trailing semicolon', 'churn_summary', :'V' || ';'),
	(50, 'identity broken', 'churn_summary', replace(:'V', 'active=1,2,1', 'active=1,2,2')),
	(51, 'more churned than present', 'churn_summary', replace(replace(:'V', 'churned=1,1', 'churned=2,1'), 'active=1,2,1', 'active=1,1,0')),
	(52, 'more distinct customers than counted', 'churn_summary', replace(:'V', 'customers=3', 'customers=2')),
	(53, 'more lost than new', 'churn_summary', replace(:'V', 'new_lost=0,0', 'new_lost=3,0')),
	(54, 'active above customers', 'churn_summary', replace(replace(replace(:'V', 'active=1,2,1', 'active=4,5,4'), 'churned=1,1', 'churned=1,1'), 'customers=3', 'customers=4')),
	(55, 'boundary after 9999-12-31', 'churn_summary', replace(:'V', '2024-01-01', '9999-12-01')),
	(56, 'date text for the tstz type', 'churn_tstz_summary', :'V'),
	(57, 'tstz text for the date type', 'churn_summary', :'T'),
	(58, 'tstz: no zone', 'churn_tstz_summary', replace(:'T', ';zone=America/New_York', '')),
	(59, 'tstz: unknown zone', 'churn_tstz_summary', replace(:'T', 'America/New_York', 'Mars/Olympus_Mons')),
	(60, 'tstz: empty zone', 'churn_tstz_summary', replace(:'T', 'America/New_York', '')),
	(61, 'tstz: origin without Z', 'churn_tstz_summary', replace(:'T', '05:00:00Z', '05:00:00')),
	(62, 'tstz: origin with an offset', 'churn_tstz_summary', replace(:'T', '05:00:00Z', '05:00:00+01')),
	(63, 'tstz: hour 24', 'churn_tstz_summary', replace(:'T', 'T05:00:00Z', 'T24:00:00Z')),
	(64, 'tstz: 7-digit fraction', 'churn_tstz_summary', replace(:'T', '05:00:00Z', '05:00:00.1234567Z')),
	(65, 'tstz: a space for the T', 'churn_tstz_summary', replace(:'T', 'T05:00:00Z', ' 05:00:00Z')),
	(66, 'a long value is quoted short', 'churn_summary', replace(:'V', 'reactivated_lost=0,0', 'reactivated_lost=0,0,' || repeat('7,', 40) || '7')),
	-- Numbers past 2^64 (here 2^64 + 1, and 2^64 + 3 = 3 mod 2^64, a value
	-- the field could take) are out of range too, in every field, in both
	-- types: they must not wrap around to a small number.
	(67, 'customers 2^64 + 1', 'churn_summary', replace(:'V', 'customers=3', 'customers=18446744073709551617')),
	(68, 'customers 2^64 + 3', 'churn_summary', replace(:'V', 'customers=3', 'customers=18446744073709551619')),
	(69, 'version 2^64 + 1', 'churn_summary', replace(:'V', 'v1;', 'v18446744073709551617;')),
	(70, 'periods 2^64 + 2', 'churn_summary', replace(:'V', 'periods=2', 'periods=18446744073709551618')),
	(71, 'max_offset 2^64 + 1', 'churn_summary', replace(:'C', 'max_offset=1', 'max_offset=18446744073709551617')),
	(72, 'an active count 2^64 + 2', 'churn_summary', replace(:'V', 'active=1,2,1', 'active=1,18446744073709551618,1')),
	(73, 'a churned count 2^64 + 1', 'churn_summary', replace(:'V', 'churned=1,1', 'churned=18446744073709551617,1')),
	(74, 'a retained count 2^64 + 1', 'churn_summary', replace(:'C', 'retained=2,1/0', 'retained=2,18446744073709551617/0')),
	(75, 'bucket months 2^64 + 1', 'churn_summary', replace(:'V', 'P1M', 'P18446744073709551617M')),
	(76, 'bucket days 2^64 + 1', 'churn_summary', replace(:'V', 'P1M', 'P18446744073709551617D')),
	(77, 'bucket seconds 2^64 + 1', 'churn_tstz_summary', replace(:'T', 'P1M', 'PT18446744073709551617S')),
	(78, 'tstz: customers 2^64 + 3', 'churn_tstz_summary', replace(:'T', 'customers=3', 'customers=18446744073709551619')),
	(79, 'tstz: new count 2^64 + 2', 'churn_tstz_summary', replace(:'T', 'new=2,0', 'new=18446744073709551618,0')),
	(80, 'a count of 40 digits', 'churn_summary', replace(:'V', 'customers=3', 'customers=' || repeat('9', 40)))
) AS c(n, what, type, input)
ORDER BY n;

-- One error in full.
SELECT replace(:'V', 'active=1,2,1', 'active=1,2,2')::churn_summary;

--------------------------------------------------------------------------
-- The aggregate's grid arguments
--------------------------------------------------------------------------

CREATE TABLE acts (id int, a daterange, t tstzrange);
INSERT INTO acts VALUES (1, '[2024-01-05,2024-03-01)', '[2024-01-05,2024-03-01)'),
						(2, '[2024-02-01,)', '[2024-02-01,)');

SELECT n, cx_test.line(cx_test.try_sql(q)) AS outcome
FROM (VALUES
	(1, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', 0) FROM acts$q$),
	(2, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', -3) FROM acts$q$),
	(3, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', 100001) FROM acts$q$),
	(4, $q$SELECT customers(churn_agg(a, date '2024-01-01', interval '1 day', 100000)) FROM acts$q$),
	(5, $q$SELECT churn_agg(a, date '2024-01-01', interval '0 days', 3) FROM acts$q$),
	(6, $q$SELECT churn_agg(a, date '2024-01-01', interval '-1 month', 3) FROM acts$q$),
	(7, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month -1 day', 3) FROM acts$q$),
	(8, $q$SELECT churn_agg(a, date '2024-01-01', interval '12 hours', 3) FROM acts$q$),
	(9, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 day 1 second', 3) FROM acts$q$),
	(10, $q$SELECT churn_agg(t, timestamptz '2024-01-01', interval '0 seconds', 3) FROM acts$q$),
	(11, $q$SELECT churn_agg(a, date 'infinity', interval '1 month', 3) FROM acts$q$),
	(12, $q$SELECT churn_agg(a, date '-infinity', interval '1 month', 3) FROM acts$q$),
	(13, $q$SELECT churn_agg(a, date '0001-12-31 BC', interval '1 month', 3) FROM acts$q$),
	(14, $q$SELECT churn_agg(t, timestamptz 'infinity', interval '1 month', 3) FROM acts$q$),
	(15, $q$SELECT churn_agg(a, date '9999-06-01', interval '1 month', 12) FROM acts$q$),
	(16, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', date '2024-01-01') FROM acts$q$),
	(17, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', date '2023-01-01') FROM acts$q$),
	(18, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 day', date '2400-01-01') FROM acts$q$),
	(19, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', 3, -1) FROM acts$q$),
	(20, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 day', 3000, 2999) FROM acts$q$),
	(21, $q$SELECT churn_agg(a, NULL::date, interval '1 month', 3) FROM acts$q$),
	(22, $q$SELECT churn_agg(a, date '2024-01-01', NULL::interval, 3) FROM acts$q$),
	(23, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', NULL::int) FROM acts$q$),
	(24, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', 3, NULL::int) FROM acts$q$),
	(25, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', NULL::date) FROM acts$q$),
	(26, $q$SELECT count(*) FROM churn_periods((SELECT churn_agg(a, date '2024-01-01', interval '1 month', 3) FROM acts), 'Stripe')$q$),
	(27, $q$SELECT count(*) FROM churn_periods((SELECT churn_agg(a, date '2024-01-01', interval '1 month', 3) FROM acts), NULL)$q$),
	-- accepted: the largest matrix, 2048 x 2048 cells
	(28, $q$SELECT customers(churn_agg(a, date '2000-01-01', interval '1 day', 2048, 2047)) FROM acts$q$)
) AS c(n, q)
ORDER BY n;

-- Rows of one group must agree on the grid: the first row fixes it.
SELECT n, cx_test.line(cx_test.try_sql(q)) AS outcome
FROM (VALUES
	(1, $q$SELECT churn_agg(a, date '2024-01-01' + (id - 1), interval '1 month', 3) FROM acts$q$),
	(2, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month' * id, 3) FROM acts$q$),
	(3, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', 2 + id) FROM acts$q$),
	(4, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', 3, id) FROM acts$q$),
	(5, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', date '2024-03-15' + 30 * id) FROM acts$q$),
	(6, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', 3, 5 * id) FROM acts$q$),
	(7, $q$SELECT churn_agg(a, date '2024-01-01', interval '1 month', CASE WHEN id = 1 THEN 3 END) FROM acts$q$),
	(8, $q$SELECT churn_agg(t, timestamptz '2024-01-01' + (id - 1) * interval '1 hour', interval '1 month', 3) FROM acts$q$)
) AS c(n, q)
ORDER BY n;

-- One in full.
SELECT churn_agg(a, date '2024-01-01', interval '1 month', 2 + id) FROM acts;

--------------------------------------------------------------------------
-- rollup() of different grids
--------------------------------------------------------------------------

CREATE TABLE parts (k int, s churn_summary);
INSERT INTO parts
	SELECT 1, churn_agg(a, date '2024-01-01', interval '1 month', 3) FROM acts UNION ALL
	SELECT 2, churn_agg(a, date '2024-01-01', interval '1 month', 4) FROM acts UNION ALL
	SELECT 3, churn_agg(a, date '2024-01-01', interval '1 month', 3, 1) FROM acts UNION ALL
	SELECT 4, churn_agg(a, date '2024-02-01', interval '1 month', 3) FROM acts UNION ALL
	SELECT 5, churn_agg(a, date '2024-01-01', interval '31 days', 3) FROM acts UNION ALL
	SELECT 6, churn_agg(a, date '2024-01-01', interval '1 month', 3) FROM acts WHERE id = 2;

-- same grid: fine; the customer counts add up (2 + 1)
SELECT customers(rollup(s)) FROM parts WHERE k IN (1, 6);
SELECT k, cx_test.line(cx_test.try_sql(format('SELECT rollup(s) FROM parts WHERE k IN (1, %s)', k))) AS outcome
FROM generate_series(2, 5) k
ORDER BY k;

-- The same arguments in two time zones are two grids when their calendars
-- differ, and one grid when they do not.  Monthly from Jan 15 00:00 UTC:
-- in New York (on summer time from Mar 10) the Mar 15 boundary is local
-- midnight+19h = 23:00 UTC, in Paris (from Mar 31) 00:00 UTC.  A pure time
-- bucket (720 hours) ignores the calendar.
SET TIME ZONE 'America/New_York';
CREATE TABLE tz_parts AS SELECT 1 AS k, churn_agg(t, timestamptz '2024-01-15 00:00+00', interval '1 month', 3) AS s,
								churn_agg(t, timestamptz '2024-01-15 00:00+00', interval '720 hours', 3) AS h FROM acts;
SET TIME ZONE 'Europe/Paris';
INSERT INTO tz_parts SELECT 2, churn_agg(t, timestamptz '2024-01-15 00:00+00', interval '1 month', 3),
							churn_agg(t, timestamptz '2024-01-15 00:00+00', interval '720 hours', 3) FROM acts;
SELECT cx_test.line(cx_test.try_sql('SELECT rollup(s) FROM tz_parts')) AS monthly, cx_test.line(cx_test.try_sql('SELECT customers(rollup(h)) FROM tz_parts')) AS hourly;
RESET TIME ZONE;

--------------------------------------------------------------------------
-- Binary: send writes the documented bytes
--------------------------------------------------------------------------

-- One daily period from 2000-01-01 (day 0), one customer new in it:
--   01 version, 01 kind (date), origin 0 (int8), months 0 (int4), days 1
--   (int4), microseconds 0 (int8), periods 1 (int4), max_offset -1 (int4),
--   zone length 0 (1 byte), customers 1, active 0 1, churned 0, new 1,
--   reactivated 0, new_lost 0, reactivated_lost 0 (int8 each).
SELECT encode(churn_summary_send('v1;origin=2000-01-01;bucket=P1D;periods=1;customers=1;active=0,1;churned=0;new=1;reactivated=0;new_lost=0;reactivated_lost=0'), 'hex')
	 = '01' || '01' || '0000000000000000' || '00000000' || '00000001' || '0000000000000000'
	   || '00000001' || 'ffffffff' || '00'
	   || '0000000000000001' || '0000000000000000' || '0000000000000001'
	   || '0000000000000000' || '0000000000000001' || '0000000000000000' || '0000000000000000' || '0000000000000000'
	   AS send_as_documented;

-- A timestamptz grid: kind 02, the origin in microseconds since 2000-01-01
-- UTC (one hour: 3600000000 = 0xd693a400), the zone's length and name.
SELECT encode(substr(churn_tstz_summary_send('v1;origin=2000-01-01T01:00:00Z;bucket=PT1S;zone=UTC;periods=1;customers=0;active=0,0;churned=0;new=0;reactivated=0;new_lost=0;reactivated_lost=0'), 1, 38), 'hex')
	 = '01' || '02' || '00000000d693a400' || '00000000' || '00000000' || '00000000000f4240'
	   || '00000001' || 'ffffffff' || '03' || encode('UTC'::bytea, 'hex')
	   AS tstz_header_as_documented;

--------------------------------------------------------------------------
-- Binary: round trips through COPY
--------------------------------------------------------------------------

SELECT current_setting('data_directory') || '/churn_input_rt.bin' AS rt_file \gset

SET TIME ZONE 'Asia/Kolkata';
CREATE TABLE bin_src (id int, s churn_summary, t churn_tstz_summary);
INSERT INTO bin_src VALUES
	(1, :'V', :'T'),
	(2, :'C', NULL),
	(3, NULL, (SELECT churn_agg(t, timestamptz '2024-01-01', interval '1 day', 40) FROM acts)),
	(4, (SELECT churn_agg(a, date '2023-11-30', interval '1 month', 6, 5) FROM acts),
		(SELECT churn_agg(t, timestamptz '2024-01-01', interval '1 week', 5, 2) FROM acts)),
	(5, (SELECT churn_agg(a, date '2024-01-01', interval '1 month', 3) FROM acts WHERE false),
		(SELECT churn_agg(t, timestamptz '2024-01-01 12:34:56.789+00', interval '90 minutes', 4) FROM acts));
RESET TIME ZONE;
COPY bin_src TO :'rt_file' WITH (FORMAT binary);
CREATE TABLE bin_dst (LIKE bin_src);
COPY bin_dst FROM :'rt_file' WITH (FORMAT binary);
SELECT id, a.s::text IS NOT DISTINCT FROM b.s::text AS s_same, a.t::text IS NOT DISTINCT FROM b.t::text AS t_same
FROM bin_src a JOIN bin_dst b USING (id)
ORDER BY id;
-- and through text
SELECT id, s::text::churn_summary::text IS NOT DISTINCT FROM s::text AS s_text,
	   t::text::churn_tstz_summary::text IS NOT DISTINCT FROM t::text AS t_text
FROM bin_src ORDER BY id;

--------------------------------------------------------------------------
-- Binary: malformed fields
--------------------------------------------------------------------------

-- cx_test.try_copy(table, bytes) (test/sql/setup.sql) writes a binary COPY
-- file whose one field holds the bytes, reads it into the table's one
-- summary column, and says what happened.
CREATE TABLE bin_in (s churn_summary);
CREATE TABLE bin_in_tz (s churn_tstz_summary);

-- The valid field of :V, to be broken one piece at a time: 39 bytes of
-- header (up to the zone length byte, 0), then 14 int8 counts.
SELECT churn_summary_send(:'V') AS vb \gset
SELECT length(:'vb'::bytea) AS vb_bytes;

SELECT n, what, cx_test.line(cx_test.try_copy('bin_in', field)) AS outcome
FROM (VALUES
	(1, 'valid', :'vb'::bytea),
	(2, 'empty', ''::bytea),
	(3, 'header cut at 10 bytes', substr(:'vb'::bytea, 1, 10)),
	(4, 'header only', substr(:'vb'::bytea, 1, 35)),
	(5, 'version 2', '\x02'::bytea || substr(:'vb'::bytea, 2)),
	(6, 'version 0', '\x00'::bytea || substr(:'vb'::bytea, 2)),
	(7, 'kind 2 (timestamptz) for churn_summary', '\x0102'::bytea || substr(:'vb'::bytea, 3)),
	(8, 'kind 9', '\x0109'::bytea || substr(:'vb'::bytea, 3)),
	(9, 'origin before 0001-01-01', substr(:'vb'::bytea, 1, 2) || int8send(-800000) || substr(:'vb'::bytea, 11)),
	(10, 'origin infinity', substr(:'vb'::bytea, 1, 2) || int8send(2147483647) || substr(:'vb'::bytea, 11)),
	(11, 'months -1', substr(:'vb'::bytea, 1, 10) || int4send(-1) || substr(:'vb'::bytea, 15)),
	(12, 'bucket zero', substr(:'vb'::bytea, 1, 10) || int4send(0) || substr(:'vb'::bytea, 15)),
	(13, 'microseconds on a date grid', substr(:'vb'::bytea, 1, 18) || int8send(1) || substr(:'vb'::bytea, 27)),
	(14, 'periods 0', substr(:'vb'::bytea, 1, 26) || int4send(0) || substr(:'vb'::bytea, 31)),
	(15, 'periods 100001', substr(:'vb'::bytea, 1, 26) || int4send(100001) || substr(:'vb'::bytea, 31)),
	(16, 'periods 3, counts for 2', substr(:'vb'::bytea, 1, 26) || int4send(3) || substr(:'vb'::bytea, 31)),
	(17, 'max_offset 2 of 2 periods', substr(:'vb'::bytea, 1, 30) || int4send(2) || substr(:'vb'::bytea, 35)),
	(18, 'max_offset -2', substr(:'vb'::bytea, 1, 30) || int4send(-2) || substr(:'vb'::bytea, 35)),
	(19, 'max_offset 1, no retained cells', substr(:'vb'::bytea, 1, 30) || int4send(1) || substr(:'vb'::bytea, 35)),
	(20, 'max_offset 1 with cells', substr(:'vb'::bytea, 1, 30) || int4send(1) || substr(:'vb'::bytea, 35) || cx_test.int8s(2, 1, 0)),
	(21, 'a zone on a date grid', substr(:'vb'::bytea, 1, 34) || '\x03'::bytea || 'UTC'::bytea || substr(:'vb'::bytea, 36)),
	(22, 'one count missing', substr(:'vb'::bytea, 1, length(:'vb'::bytea) - 8)),
	(23, 'one byte missing', substr(:'vb'::bytea, 1, length(:'vb'::bytea) - 1)),
	(24, 'one byte more', :'vb'::bytea || '\x00'::bytea),
	(25, 'one count more', :'vb'::bytea || cx_test.int8s(0)),
	(26, 'customers -1', substr(:'vb'::bytea, 1, 35) || cx_test.int8s(-1) || substr(:'vb'::bytea, 44)),
	(27, 'an active count -1', substr(:'vb'::bytea, 1, 43) || cx_test.int8s(-1) || substr(:'vb'::bytea, 52)),
	(28, 'identity broken', substr(:'vb'::bytea, 1, 35) || cx_test.int8s(3, 1, 2, 2) || substr(:'vb'::bytea, 68)),
	(29, 'a count INT64_MIN', substr(:'vb'::bytea, 1, 67) || cx_test.int8s(-9223372036854775808) || substr(:'vb'::bytea, 76)),
	(30, 'NULL field', NULL)
) AS c(n, what, field)
ORDER BY n;

-- A timestamptz field whose zone name is unknown, or holds a NUL byte.
SELECT churn_tstz_summary_send(:'T') AS tb \gset
SELECT n, what, cx_test.line(cx_test.try_copy('bin_in_tz', field)) AS outcome
FROM (VALUES
	(1, 'valid', :'tb'::bytea),
	(2, 'unknown zone', replace(:'tb'::bytea::text, encode('America/New_York', 'hex'), encode('America/Nueva_Yo', 'hex'))::bytea),
	(3, 'a NUL in the zone', replace(:'tb'::bytea::text, encode('America/New_York', 'hex'), encode('America', 'hex') || '00' || encode('New_York', 'hex'))::bytea),
	(4, 'zone length 0', substr(:'tb'::bytea, 1, 34) || '\x00'::bytea || substr(:'tb'::bytea, 36 + 16)),
	(5, 'zone length past the end', substr(:'tb'::bytea, 1, 34) || '\xff'::bytea || substr(:'tb'::bytea, 36, 20))
) AS c(n, what, field)
ORDER BY n;

DROP TABLE acts, parts, tz_parts, bin_src, bin_dst, bin_in, bin_in_tz;
RESET datestyle;
