--
-- duration_input: malformed input of duration_summary is rejected with the
-- right SQLSTATE at every entry point that takes outside data: the text form
-- (22P02 for syntax and inconsistent values, 22003 for counts past bigint),
-- the binary form (22P03), the durations and relative errors fed to
-- duration_agg() (22003 for a bad duration, 22023 for a bad alpha, 22004 for
-- a NULL open flag), rollup() of different alphas (22023) and the arguments
-- of the accessors (22023).  Canonical text values round-trip exactly.
--
-- Every case carries the SQLSTATE(s) the contract (spec, issue 12) calls
-- for, in the column want ('ok' for an accepted value; two states where the
-- contract allows either); as_expected says whether the server's answer is
-- one of them.  The message itself is shown, not checked.
--
-- Bucket boundaries used below (alpha = 0.01, gamma = 1.01 / 0.99, b_0 = 1 s,
-- by repeated multiplication; bucket i holds (b_{i-1}, b_i]):
--   b_409 = 3569.83 s, b_410 = 3641.95 s: 1 hour is in bucket 410;
--   b_444 = 7188.92 s, b_445 = 7334.15 s: 2 hours are in bucket 445;
--   2^-20 s = 9.537e-7 s is in bucket -693 (b_-694 = 9.371e-7, b_-693 = 9.560e-7)
--   and 2^44 s in bucket 1525 (b_1524 = 1.72877e13, b_1525 = 1.76369e13): the
--   indices of alpha 0.01 are -693..1525.  For alpha 0.05: -138..305; for
--   alpha 0.001: -6931..15250.
--

-- cx_test.try_in(type, text) and cx_test.try_sql(query) (test/sql/setup.sql)
-- report "ok: value" or "SQLSTATE: message" plus the DETAIL;
-- cx_test.line() puts that on one line.

-- One valid value, 1 hour and 2 hours completed: sum 10800 s in
-- microseconds, sumsq 3600e6^2 + 7200e6^2 = 6.48e19 (past bigint: the sums
-- are 128-bit).  Its sum must lie within the bounds of its buckets:
-- (b_409 + b_444, b_410 + b_445] = (10758.75 s, 10976.09 s].
\set V 'v1;alpha=0.01;sum=10800000000;sumsq=64800000000000000000;min=3600;max=7200;zero=0/0;buckets=410:1/0,445:1/0'
-- Nothing at all.
\set E 'v1;alpha=0.01;sum=0;sumsq=0;min=0;max=0;zero=0/0;buckets='

--------------------------------------------------------------------------
-- Text: accepted values
--------------------------------------------------------------------------

-- Canonical values round-trip exactly: text -> duration_summary -> text.
SELECT n, input, cx_test.try_in('duration_summary', input) = ROW('ok: ' || input, NULL::text) AS round_trips
FROM unnest(ARRAY[
	:'V',
	:'E',
	-- 1 hour completed, 2 hours open
	'v1;alpha=0.01;sum=3600000000;sumsq=12960000000000000000;min=3600;max=3600;zero=0/0;buckets=410:1/0,445:0/1',
	-- zero durations only: min = max = 0, sums 0
	'v1;alpha=0.01;sum=0;sumsq=0;min=0;max=0;zero=3/2;buckets=',
	-- open cases only, in the lowest and the highest bucket of the alpha
	'v1;alpha=0.01;sum=0;sumsq=0;min=0;max=0;zero=0/0;buckets=-693:0/1,1525:0/7',
	'v1;alpha=0.05;sum=0;sumsq=0;min=0;max=0;zero=0/0;buckets=-138:0/1,305:0/1',
	'v1;alpha=0.001;sum=0;sumsq=0;min=0;max=0;zero=0/0;buckets=-6931:0/1,15250:0/1',
	'v1;alpha=0.012345;sum=0;sumsq=0;min=0;max=0;zero=0/0;buckets=0:0/1',
	-- the largest counts: INT64_MAX cases in all
	'v1;alpha=0.01;sum=0;sumsq=0;min=0;max=0;zero=9223372036854775807/0;buckets=',
	'v1;alpha=0.01;sum=0;sumsq=0;min=0;max=0;zero=0/0;buckets=-5:0/4611686018427387904,7:0/4611686018427387903',
	-- one case of 0 s and one of 1 hour, completed
	'v1;alpha=0.01;sum=3600000000;sumsq=12960000000000000000;min=0;max=3600;zero=1/0;buckets=410:1/0'
]) WITH ORDINALITY AS c(input, n)
ORDER BY n;

-- What the aggregates make reads back as itself, at the ends of the range
-- too (2^-20 s: its sum is 1 microsecond, rounded, outside the bucket's
-- bounds in microseconds by less than the rounding; 2^44 s: a sum of
-- squares near 2^128).
SELECT n, x, cx_test.line(cx_test.try_sql(format(
	'SELECT s::text::duration_summary = s AND s::text::duration_summary::text = s::text FROM (SELECT duration_agg(x) AS s FROM (VALUES %s) v(x)) t', x))) AS reads_back
FROM (VALUES
	(1, '(0::float8)'),
	(2, '(2 ^ -20)'),
	(3, '(2 ^ 44)'),
	(4, '(1e-6), (2e-6), (3e-6)'),
	(5, '(0.1), (0.2), (0.30000000000000004)'),
	(6, '(interval ''1 microsecond'')'),
	(7, '(interval ''1 hour''), (interval ''2 hours''), (interval ''0'')'),
	(8, '(interval ''500000 years'')'),
	(9, '(1.0), (0.99), (1.0202020202020203)')
) AS c(n, x)
ORDER BY n;

-- NULL in, NULL out (the input function is strict).
SELECT NULL::text::duration_summary IS NULL AS null_in_null_out;

--------------------------------------------------------------------------
-- Text: rejected values
--------------------------------------------------------------------------

-- One error shown in full.
SELECT replace(:'V', 'v1;', 'v2;')::duration_summary;

SELECT n, what, want, split_part(r.outcome, ':', 1) = ANY (string_to_array(want, '|')) AS as_expected,
	   cx_test.line(r) AS outcome
FROM (VALUES
	-- nothing like a summary
	(1, 'empty string', '22P02', ''),
	(2, 'white space only', '22P02', '   '),
	(3, 'garbage', '22P02', 'garbage'),
	(4, 'the type name', '22P02', 'duration_summary'),
	(5, 'a nps_summary', '22P02', 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0'),
	-- the version
	(6, 'no version', '22P02', substr(:'V', 4)),
	(7, 'version 2', '22P02', replace(:'V', 'v1;', 'v2;')),
	(8, 'version 0', '22P02', replace(:'V', 'v1;', 'v0;')),
	(9, 'capital V', '22P02', replace(:'V', 'v1;', 'V1;')),
	(10, 'version only', '22P02', 'v1'),
	(11, 'version and separator only', '22P02', 'v1;'),
	(12, 'version 2^64 + 1', '22P02|22003', replace(:'V', 'v1;', 'v18446744073709551617;')),
	-- missing fields
	(13, 'no alpha', '22P02', replace(:'V', 'alpha=0.01;', '')),
	(14, 'no sum', '22P02', replace(:'V', 'sum=10800000000;', '')),
	(15, 'no sumsq', '22P02', replace(:'V', 'sumsq=64800000000000000000;', '')),
	(16, 'no min', '22P02', replace(:'V', 'min=3600;', '')),
	(17, 'no max', '22P02', replace(:'V', 'max=7200;', '')),
	(18, 'no zero', '22P02', replace(:'V', 'zero=0/0;', '')),
	(19, 'no buckets', '22P02', replace(:'V', ';buckets=410:1/0,445:1/0', '')),
	(20, 'a field without its value', '22P02', replace(:'V', 'min=3600', 'min=')),
	(21, 'a field without its name', '22P02', replace(:'V', 'min=3600', '3600')),
	-- fields in the wrong order, misspelt, twice
	(22, 'sum and sumsq swapped', '22P02', replace(:'V', 'sum=10800000000;sumsq=64800000000000000000', 'sumsq=64800000000000000000;sum=10800000000')),
	(23, 'min and max swapped', '22P02', replace(:'V', 'min=3600;max=7200', 'max=7200;min=3600')),
	(24, 'alpha after sum', '22P02', replace(:'V', 'alpha=0.01;sum=10800000000', 'sum=10800000000;alpha=0.01')),
	(25, 'buckets before zero', '22P02', replace(:'V', 'zero=0/0;buckets=410:1/0,445:1/0', 'buckets=410:1/0,445:1/0;zero=0/0')),
	(26, 'alpha misspelt', '22P02', replace(:'V', 'alpha=', 'alfa=')),
	(27, 'a field twice', '22P02', replace(:'V', 'min=3600;', 'min=3600;min=3600;')),
	(28, 'upper-case key', '22P02', replace(:'V', 'sum=', 'SUM=')),
	-- alpha
	(29, 'alpha 0', '22P02|22023', replace(:'V', 'alpha=0.01', 'alpha=0')),
	(30, 'alpha 0.0009', '22P02|22023', replace(:'V', 'alpha=0.01', 'alpha=0.0009')),
	(31, 'alpha 0.050001', '22P02|22023', replace(:'V', 'alpha=0.01', 'alpha=0.050001')),
	(32, 'alpha 0.2', '22P02|22023', replace(:'V', 'alpha=0.01', 'alpha=0.2')),
	(33, 'alpha 1', '22P02|22023', replace(:'V', 'alpha=0.01', 'alpha=1')),
	(34, 'alpha -0.01', '22P02|22023', replace(:'V', 'alpha=0.01', 'alpha=-0.01')),
	(35, 'alpha 0.0100005 (not a multiple of 1e-6)', '22P02|22023', replace(:'V', 'alpha=0.01', 'alpha=0.0100005')),
	(36, 'alpha 0.01000001', '22P02|22023', replace(:'V', 'alpha=0.01', 'alpha=0.01000001')),
	(37, 'alpha NaN', '22P02|22023', replace(:'V', 'alpha=0.01', 'alpha=NaN')),
	(38, 'alpha Infinity', '22P02|22023', replace(:'V', 'alpha=0.01', 'alpha=Infinity')),
	(39, 'alpha garbage', '22P02', replace(:'V', 'alpha=0.01', 'alpha=0.01x')),
	-- counts
	(40, 'a negative completed count', '22P02|22003', replace(:'V', '410:1/0', '410:-1/0')),
	(41, 'a negative open count', '22P02|22003', replace(:'V', '445:1/0', '445:1/-1')),
	(42, 'a negative zero count', '22P02|22003', replace(:'V', 'zero=0/0', 'zero=0/-1')),
	(43, 'a plus sign', '22P02', replace(:'V', '410:1/0', '410:+1/0')),
	(44, 'a fractional count', '22P02', replace(:'V', '410:1/0', '410:1.0/0')),
	(45, 'an empty count', '22P02', replace(:'V', '410:1/0', '410:/0')),
	(46, 'an open count missing', '22P02', replace(:'V', '410:1/0', '410:1')),
	(47, 'three counts', '22P02', replace(:'V', '410:1/0', '410:1/0/0')),
	(48, 'zero: one count', '22P02', replace(:'V', 'zero=0/0', 'zero=0')),
	(49, 'a count past bigint', '22003', replace(:'V', 'zero=0/0', 'zero=0/9223372036854775808')),
	(50, 'a count 2^64 + 1 (would wrap to 1)', '22003', replace(:'V', '410:1/0', '410:18446744073709551617/0')),
	(51, 'an open count of 40 digits', '22003', replace(:'V', '445:1/0', '445:1/' || repeat('9', 40))),
	-- counts that each fit, whose totals do not
	(52, 'cases: INT64_MAX zero + 1 open', '22003', 'v1;alpha=0.01;sum=0;sumsq=0;min=0;max=0;zero=9223372036854775807/0;buckets=410:0/1'),
	(53, 'open: INT64_MAX + 1', '22003', 'v1;alpha=0.01;sum=0;sumsq=0;min=0;max=0;zero=0/9223372036854775807;buckets=410:0/1'),
	(54, 'open: 2^62 + 2^62', '22003', 'v1;alpha=0.01;sum=0;sumsq=0;min=0;max=0;zero=0/0;buckets=-5:0/4611686018427387904,7:0/4611686018427387904'),
	(55, 'completed: INT64_MAX + 1, both in zero and a bucket', '22003', 'v1;alpha=0.01;sum=3600000000;sumsq=12960000000000000000;min=0;max=3600;zero=9223372036854775807/0;buckets=410:1/0'),
	(56, 'completed + open: INT64_MAX each', '22003', 'v1;alpha=0.01;sum=0;sumsq=0;min=0;max=0;zero=9223372036854775807/9223372036854775807;buckets='),
	-- bucket indices
	(57, 'indices decreasing', '22P02', replace(:'V', '410:1/0,445:1/0', '445:1/0,410:1/0')),
	(58, 'an index twice', '22P02', 'v1;alpha=0.01;sum=7200000000;sumsq=25920000000000000000;min=3600;max=3600;zero=0/0;buckets=410:1/0,410:1/0'),
	(59, 'a bucket with 0/0', '22P02', replace(:'V', '410:1/0,445:1/0', '410:1/0,420:0/0,445:1/0')),
	(60, 'only a bucket with 0/0', '22P02', replace(:'E', 'buckets=', 'buckets=7:0/0')),
	(61, 'index -694, below alpha 0.01''s range', '22P02|22003', replace(:'E', 'buckets=', 'buckets=-694:0/1')),
	(62, 'index 1526, above alpha 0.01''s range', '22P02|22003', replace(:'E', 'buckets=', 'buckets=1526:0/1')),
	(63, 'index 306 for alpha 0.05', '22P02|22003', replace(replace(:'E', 'alpha=0.01', 'alpha=0.05'), 'buckets=', 'buckets=306:0/1')),
	(64, 'index -139 for alpha 0.05', '22P02|22003', replace(replace(:'E', 'alpha=0.01', 'alpha=0.05'), 'buckets=', 'buckets=-139:0/1')),
	(65, 'index 15251 for alpha 0.001', '22P02|22003', replace(replace(:'E', 'alpha=0.01', 'alpha=0.001'), 'buckets=', 'buckets=15251:0/1')),
	(66, 'index 2^31', '22P02|22003', replace(:'E', 'buckets=', 'buckets=2147483648:0/1')),
	(67, 'index 2^32 + 410 (would wrap to 410)', '22P02|22003', replace(:'V', '410:1/0', '4294967706:1/0')),
	(68, 'index -2^31', '22P02|22003', replace(:'E', 'buckets=', 'buckets=-2147483648:0/1')),
	(69, 'index with a plus sign', '22P02', replace(:'V', '410:', '+410:')),
	(70, 'index 4.1e2', '22P02', replace(:'V', '410:', '4.1e2:')),
	(71, 'a bucket without an index', '22P02', replace(:'V', '410:1/0', '1/0')),
	(72, 'trailing comma in buckets', '22P02', :'V' || ','),
	(73, 'leading comma in buckets', '22P02', replace(:'V', 'buckets=410', 'buckets=,410')),
	(74, 'wrong separator between buckets', '22P02', replace(:'V', '1/0,445', '1/0;445')),
	(75, 'space between buckets', '22P02', replace(:'V', '1/0,445', '1/0, 445')),
	-- min and max against the buckets
	(76, 'min above max', '22P02', replace(:'V', 'min=3600;max=7200', 'min=7200;max=3600')),
	(77, 'min below its bucket (b_409 = 3569.83)', '22P02', replace(:'V', 'min=3600', 'min=3569')),
	(78, 'min in the highest bucket', '22P02', replace(:'V', 'min=3600', 'min=7200')),
	(79, 'min above its bucket (b_410 = 3641.95)', '22P02', replace(:'V', 'min=3600', 'min=3642')),
	(80, 'max above its bucket (b_445 = 7334.15)', '22P02', replace(:'V', 'max=7200', 'max=7335')),
	(81, 'max below its bucket (b_444 = 7188.92)', '22P02', replace(:'V', 'max=7200', 'max=7188')),
	(82, 'max in the lowest bucket', '22P02', replace(:'V', 'max=7200', 'max=3600')),
	(83, 'min 0 without a completed zero', '22P02', replace(:'V', 'min=3600', 'min=0')),
	(84, 'min not 0 with a completed zero', '22P02', replace(:'V', 'zero=0/0', 'zero=1/0')),
	(85, 'min not 0 with an open zero only', 'ok', replace(:'V', 'zero=0/0', 'zero=0/1')),
	(86, 'max 0 with completed buckets', '22P02', replace(:'V', 'max=7200', 'max=0')),
	(87, 'min negative', '22P02|22003', replace(:'V', 'min=3600', 'min=-3600')),
	(88, 'min NaN', '22P02|22003', replace(:'V', 'min=3600', 'min=NaN')),
	(89, 'max Infinity', '22P02|22003', replace(:'V', 'max=7200', 'max=Infinity')),
	(90, 'max 1e400', '22P02|22003', replace(:'V', 'max=7200', 'max=1e400')),
	(91, 'min not a number', '22P02', replace(:'V', 'min=3600', 'min=1h')),
	(92, 'min = max = 1e-7 (below 2^-20), in bucket -693', '22P02|22003', 'v1;alpha=0.01;sum=0;sumsq=0;min=1e-07;max=1e-07;zero=0/0;buckets=-693:1/0'),
	(93, 'max 2e13 (above 2^44) in the top bucket', '22P02|22003', 'v1;alpha=0.01;sum=20000000000000000000;sumsq=400000000000000000000000000000000000000;min=20000000000000;max=20000000000000;zero=0/0;buckets=1525:1/0'),
	-- no completed case: sum = sumsq = min = max = 0
	(94, 'open only, sum 5', '22P02', 'v1;alpha=0.01;sum=5;sumsq=0;min=0;max=0;zero=0/0;buckets=410:0/1'),
	(95, 'open only, sumsq 1', '22P02', 'v1;alpha=0.01;sum=0;sumsq=1;min=0;max=0;zero=0/0;buckets=410:0/1'),
	(96, 'open only, min 3600', '22P02', 'v1;alpha=0.01;sum=0;sumsq=0;min=3600;max=0;zero=0/0;buckets=410:0/1'),
	(97, 'open only, max 3600', '22P02', 'v1;alpha=0.01;sum=0;sumsq=0;min=0;max=3600;zero=0/0;buckets=410:0/1'),
	(98, 'empty, sum 1', '22P02', replace(:'E', 'sum=0', 'sum=1')),
	-- the sum against the buckets' bounds (10758.75 s, 10976.09 s]
	(99, 'sum 10758 s, too small', '22P02', replace(:'V', 'sum=10800000000', 'sum=10758000000')),
	(100, 'sum 10977 s, too large', '22P02', replace(:'V', 'sum=10800000000', 'sum=10977000000')),
	(101, 'sum 1 microsecond', '22P02', replace(:'V', 'sum=10800000000', 'sum=1')),
	(102, 'sum 0', '22P02', replace(:'V', 'sum=10800000000', 'sum=0')),
	(103, 'sum 10800 s + 2^64 us (would wrap)', '22P02|22003', replace(:'V', 'sum=10800000000', 'sum=18446744084509551616')),
	(104, 'sum within the bounds, not the exact one', 'ok', replace(:'V', 'sum=10800000000', 'sum=10800000001')),
	-- the sums themselves
	(105, 'sum negative', '22P02|22003', replace(:'V', 'sum=10800000000', 'sum=-10800000000')),
	(106, 'sum fractional', '22P02', replace(:'V', 'sum=10800000000', 'sum=10800000000.0')),
	(107, 'sum 2^128', '22003|22P02', replace(:'V', 'sum=10800000000', 'sum=340282366920938463463374607431768211456')),
	(108, 'sumsq 2^128', '22003|22P02', replace(:'V', 'sumsq=64800000000000000000', 'sumsq=340282366920938463463374607431768211456')),
	(109, 'sumsq negative', '22P02|22003', replace(:'V', 'sumsq=64800000000000000000', 'sumsq=-1')),
	(110, 'sumsq of 60 digits', '22003|22P02', replace(:'V', 'sumsq=64800000000000000000', 'sumsq=' || repeat('9', 60))),
	-- after the end
	(111, 'a trailing semicolon', '22P02', :'V' || ';'),
	(112, 'a trailing letter', '22P02', :'V' || 'x'),
	(113, 'a trailing word', '22P02', :'V' || ' x'),
	(114, 'a field after the end', '22P02', :'V' || ';extra=1'),
	(115, 'a NUL-like escape', '22P02', :'V' || '\0'),
	(116, 'empty buckets, then a comma', '22P02', :'E' || ','),
	(117, 'two values', '22P02', :'V' || :'V')
) AS c(n, what, want, input), LATERAL cx_test.try_in('duration_summary', c.input) r
ORDER BY n;

--------------------------------------------------------------------------
-- Binary: malformed fields (through binary COPY into duration_summary_recv)
--------------------------------------------------------------------------

-- The binary form: version 1, 3 reserved zero bytes, int4 alpha in
-- millionths, int8 sum_hi, sum_lo, sumsq_hi, sumsq_lo, float8 min, max, int8
-- zero_completed, zero_open, int4 nbuckets, nbuckets x (int4 index, int8
-- completed, int8 open), big-endian.  Built here by hand for :V (116
-- bytes: 76 of header, 20 per bucket):
--   sum = 10800000000 < 2^64: sum_hi = 0, sum_lo = 10800000000;
--   sumsq = 64800000000000000000 = 3 * 2^64 + 9459767778871345152
--   (2^64 = 18446744073709551616): sumsq_hi = 3, sumsq_lo =
--   9459767778871345152, above 2^63, written as the int8 of the same bits,
--   9459767778871345152 - 2^64 = -8986976294838206464.
-- Byte offsets (1-based, for substr): alpha 5, sum_hi 9, sum_lo 17,
-- sumsq_hi 25, sumsq_lo 33, min 41, max 49, zero_completed 57, zero_open
-- 65, nbuckets 73, bucket 1 at 77 (index 77, completed 81, open 89),
-- bucket 2 at 97.
CREATE TABLE dur_bin_in (s duration_summary);
SELECT '\x01000000'::bytea || int4send(10000)
	   || cx_test.int8s(0, 10800000000, 3, -8986976294838206464)
	   || float8send(3600) || float8send(7200)
	   || cx_test.int8s(0, 0) || int4send(2)
	   || int4send(410) || cx_test.int8s(1, 0) || int4send(445) || cx_test.int8s(1, 0) AS vb \gset
-- the bytes by hand are the bytes duration_summary_send writes
SELECT duration_summary_send(:'V') = :'vb'::bytea AS send_as_documented,
	   length(:'vb'::bytea) AS bytes;

SELECT n, what, want, split_part(r.outcome, ':', 1) = ANY (string_to_array(want, '|')) AS as_expected,
	   cx_test.line(r) AS outcome
FROM (VALUES
	(1, 'valid', 'ok', :'vb'::bytea),
	(2, 'empty', '22P03', ''::bytea),
	(3, 'the version only', '22P03', '\x01'::bytea),
	(4, 'version 2', '22P03', '\x02'::bytea || substr(:'vb'::bytea, 2)),
	(5, 'version 0', '22P03', '\x00'::bytea || substr(:'vb'::bytea, 2)),
	(6, 'reserved byte 1 set', '22P03', '\x0101'::bytea || substr(:'vb'::bytea, 3)),
	(7, 'reserved byte 3 set', '22P03', '\x010000ff'::bytea || substr(:'vb'::bytea, 5)),
	(8, 'header cut in the sums', '22P03', substr(:'vb'::bytea, 1, 20)),
	(9, 'one byte missing', '22P03', substr(:'vb'::bytea, 1, length(:'vb'::bytea) - 1)),
	(10, 'one bucket missing', '22P03', substr(:'vb'::bytea, 1, length(:'vb'::bytea) - 20)),
	(11, 'one byte more', '22P03', :'vb'::bytea || '\x00'::bytea),
	(12, 'one bucket more, not counted', '22P03', :'vb'::bytea || int4send(500) || cx_test.int8s(0, 1)),
	(13, 'nbuckets -1', '22P03', substr(:'vb'::bytea, 1, 72) || int4send(-1) || substr(:'vb'::bytea, 77)),
	(14, 'nbuckets 2^31 - 1', '22P03', substr(:'vb'::bytea, 1, 72) || int4send(2147483647) || substr(:'vb'::bytea, 77)),
	(15, 'alpha 0', '22P03|22023', substr(:'vb'::bytea, 1, 4) || int4send(0) || substr(:'vb'::bytea, 9)),
	(16, 'alpha 200000 (0.2)', '22P03|22023', substr(:'vb'::bytea, 1, 4) || int4send(200000) || substr(:'vb'::bytea, 9)),
	(17, 'alpha 999 (0.000999)', '22P03|22023', substr(:'vb'::bytea, 1, 4) || int4send(999) || substr(:'vb'::bytea, 9)),
	(18, 'alpha 50001', '22P03|22023', substr(:'vb'::bytea, 1, 4) || int4send(50001) || substr(:'vb'::bytea, 9)),
	(19, 'alpha -10000', '22P03|22023', substr(:'vb'::bytea, 1, 4) || int4send(-10000) || substr(:'vb'::bytea, 9)),
	(20, 'sum_lo 0: sum inconsistent', '22P03', substr(:'vb'::bytea, 1, 16) || cx_test.int8s(0) || substr(:'vb'::bytea, 25)),
	(21, 'sum_hi 1: sum past the bounds', '22P03', substr(:'vb'::bytea, 1, 8) || cx_test.int8s(1) || substr(:'vb'::bytea, 17)),
	(22, 'min NaN', '22P03', substr(:'vb'::bytea, 1, 40) || float8send('NaN') || substr(:'vb'::bytea, 49)),
	(23, 'min -3600', '22P03', substr(:'vb'::bytea, 1, 40) || float8send(-3600) || substr(:'vb'::bytea, 49)),
	(24, 'max Infinity', '22P03', substr(:'vb'::bytea, 1, 48) || float8send('Infinity') || substr(:'vb'::bytea, 57)),
	(25, 'min above max', '22P03', substr(:'vb'::bytea, 1, 40) || float8send(7200) || float8send(3600) || substr(:'vb'::bytea, 57)),
	(26, 'min -0', '22P03', substr(:'vb'::bytea, 1, 40) || float8send('-0') || substr(:'vb'::bytea, 49)),
	(27, 'zero_completed -1', '22P03|22003', substr(:'vb'::bytea, 1, 56) || cx_test.int8s(-1) || substr(:'vb'::bytea, 65)),
	(28, 'zero_open INT64_MIN', '22P03|22003', substr(:'vb'::bytea, 1, 64) || cx_test.int8s(-9223372036854775808) || substr(:'vb'::bytea, 73)),
	(29, 'a bucket count -1', '22P03|22003', substr(:'vb'::bytea, 1, 80) || cx_test.int8s(-1) || substr(:'vb'::bytea, 89)),
	(30, 'indices decreasing', '22P03', substr(:'vb'::bytea, 1, 76) || int4send(445) || cx_test.int8s(1, 0) || int4send(410) || cx_test.int8s(1, 0)),
	(31, 'an index twice', '22P03', substr(:'vb'::bytea, 1, 76) || int4send(410) || cx_test.int8s(1, 0) || int4send(410) || cx_test.int8s(1, 0)),
	(32, 'a bucket 0/0', '22P03', substr(:'vb'::bytea, 1, 76) || int4send(410) || cx_test.int8s(0, 0) || int4send(445) || cx_test.int8s(1, 0)),
	(33, 'index 1526', '22P03', substr(:'vb'::bytea, 1, 96) || int4send(1526) || cx_test.int8s(1, 0)),
	(34, 'index INT32_MIN', '22P03', substr(:'vb'::bytea, 1, 76) || int4send(-2147483648) || substr(:'vb'::bytea, 81)),
	(35, 'open total past bigint', '22P03|22003', substr(:'vb'::bytea, 1, 64) || cx_test.int8s(9223372036854775807) || substr(:'vb'::bytea, 73, 16) || cx_test.int8s(1) || substr(:'vb'::bytea, 97)),
	(36, 'NULL field', 'ok', NULL)
) AS c(n, what, want, field), LATERAL cx_test.try_copy('dur_bin_in', field) r
ORDER BY n;

DROP TABLE dur_bin_in;

--------------------------------------------------------------------------
-- Durations fed to duration_agg()
--------------------------------------------------------------------------

-- One error in full.
SELECT duration_agg(x) FROM (VALUES (interval '1 hour'), (interval '-1 second')) v(x);

-- Negative, NaN, infinite or out of [2^-20 s, 2^44 s] (0 itself is fine):
-- 22003 naming the value.  An interval counts as extract(epoch from it):
-- '1 month -31 days' is 30 - 31 days, negative; '1 year' is 365.25 days.
SELECT n, what, want, split_part(r.outcome, ':', 1) = ANY (string_to_array(want, '|')) AS as_expected,
	   cx_test.line(r) AS outcome
FROM (VALUES
	(1, 'interval -1 s', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (interval '-1 second')) v(x)$$),
	(2, 'interval -1 us', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (interval '-1 microsecond')) v(x)$$),
	(3, 'interval 1 day -86401 s', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (interval '1 day -86401 seconds')) v(x)$$),
	(4, 'interval 1 month -31 days', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (interval '1 month -31 days')) v(x)$$),
	(5, 'interval -1 year 366 days (epoch +0.75 days)', 'ok', $$SELECT shortest(duration_agg(x))::text FROM (VALUES (interval '-1 year 366 days')) v(x)$$),
	(6, 'interval 1 month -30 days (0 s)', 'ok', $$SELECT completed(duration_agg(x))::text FROM (VALUES (interval '1 month -30 days')) v(x)$$),
	(7, 'interval 600000 years (above 2^44 s)', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (interval '600000 years')) v(x)$$),
	(8, 'interval -1 s after valid rows', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (interval '1 hour'), ('2 hours'), ('-1 second')) v(x)$$),
	(9, 'interval -1 s, open', '22003', $$SELECT duration_agg(x, true)::text FROM (VALUES (interval '-1 second')) v(x)$$),
	(10, 'interval -1 s, alpha 0.05', '22003', $$SELECT duration_agg(x, false, 0.05)::text FROM (VALUES (interval '-1 second')) v(x)$$),
	(11, 'float8 -1', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (-1::float8)) v(x)$$),
	(12, 'float8 NaN', '22003', $$SELECT duration_agg(x)::text FROM (VALUES ('NaN'::float8)) v(x)$$),
	(13, 'float8 Infinity', '22003', $$SELECT duration_agg(x)::text FROM (VALUES ('Infinity'::float8)) v(x)$$),
	(14, 'float8 -Infinity', '22003', $$SELECT duration_agg(x)::text FROM (VALUES ('-Infinity'::float8)) v(x)$$),
	(15, 'float8 NaN, open', '22003', $$SELECT duration_agg(x, true)::text FROM (VALUES ('NaN'::float8)) v(x)$$),
	(16, 'float8 Infinity, open, alpha 0.02', '22003', $$SELECT duration_agg(x, true, 0.02)::text FROM (VALUES ('Infinity'::float8)) v(x)$$),
	(17, 'float8 9.5e-7 (below 2^-20)', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (9.5e-7::float8)) v(x)$$),
	(18, 'float8 2^-20 less one ulp', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (2 ^ -20 * (1 - 2 ^ -53))) v(x)$$),
	(19, 'float8 5e-324 (denormal)', '22003', $$SELECT duration_agg(x)::text FROM (VALUES ('5e-324'::float8)) v(x)$$),
	(20, 'float8 2^44 plus one ulp', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (2 ^ 44 * (1 + 2 ^ -52))) v(x)$$),
	(21, 'float8 1e300', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (1e300::float8)) v(x)$$),
	(22, 'float8 -1e-300', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (-1e-300::float8)) v(x)$$),
	-- accepted
	(23, 'float8 0', 'ok', $$SELECT cases(duration_agg(x))::text FROM (VALUES (0::float8)) v(x)$$),
	(24, 'float8 -0', 'ok', $$SELECT cases(duration_agg(x))::text FROM (VALUES ('-0'::float8)) v(x)$$),
	(25, 'float8 2^-20', 'ok', $$SELECT cases(duration_agg(x))::text FROM (VALUES (2 ^ -20)) v(x)$$),
	(26, 'float8 2^44', 'ok', $$SELECT cases(duration_agg(x))::text FROM (VALUES (2 ^ 44)) v(x)$$),
	(27, 'interval 1 us', 'ok', $$SELECT cases(duration_agg(x))::text FROM (VALUES (interval '1 microsecond')) v(x)$$),
	(28, 'interval 0', 'ok', $$SELECT cases(duration_agg(x))::text FROM (VALUES (interval '0')) v(x)$$),
	(29, 'interval 500000 years', 'ok', $$SELECT cases(duration_agg(x))::text FROM (VALUES (interval '500000 years')) v(x)$$),
	-- sums of squares past 2^128: two cases of 2^44 s (2^44 s = 1.76e19 us,
	-- squared 3.1e38, twice 6.2e38 > 2^128 = 3.4e38)
	(30, 'two cases of 2^44 s', '22003', $$SELECT duration_agg(x)::text FROM (VALUES (2 ^ 44), (2 ^ 44)) v(x)$$),
	(31, 'rollup of two cases of 2^44 s', '22003', $$SELECT rollup(s)::text FROM (SELECT duration_agg(2 ^ 44) AS s UNION ALL SELECT duration_agg(2 ^ 44)) t$$)
) AS c(n, what, want, q), LATERAL cx_test.try_sql(c.q) r
ORDER BY n;

-- Durations past 2^63 microseconds (about 292,000 years, 9.22e12 s) are
-- accepted (up to 2^44 s = 1.76e13 s), so every reader must give them back
-- as an interval of that many seconds (extract(epoch) of it), or refuse
-- with 22008 (interval out of range): never a wrapped-around value.
SELECT n, what, r.outcome = 'ok: true' OR split_part(r.outcome, ':', 1) = '22008' AS as_expected,
	   cx_test.line(r) AS outcome
FROM (VALUES
	(1, 'longest of 500000 years', $$SELECT extract(epoch FROM longest(duration_agg(interval '500000 years'))) = 15778800000000$$),
	(2, 'mean of 500000 years', $$SELECT extract(epoch FROM mean(duration_agg(interval '500000 years'))) = 15778800000000$$),
	(3, 'shortest of 2^44 s', $$SELECT extract(epoch FROM shortest(duration_agg(2 ^ 44))) = 17592186044416$$),
	(4, 'percentile 1 of 2^44 s (clamped)', $$SELECT extract(epoch FROM percentile(duration_agg(2 ^ 44), 1)) = 17592186044416$$),
	-- two cases only: the sum of squares of three such would pass 2^128 us^2
	(5, 'mean of 1e13 and 1.25e13 s', $$SELECT extract(epoch FROM mean(duration_agg(x))) = 11250000000000 FROM (VALUES (1e13::float8), (1.25e13)) v(x)$$),
	(6, 'percentile 0.5 of those: 1e13 s', $$SELECT abs(extract(epoch FROM percentile(duration_agg(x), 0.5)) / 1e13 - 1) <= 0.01 FROM (VALUES (1e13::float8), (1.25e13)) v(x)$$),
	(7, 'km_percentile 0.4 of those: 1e13 s', $$SELECT abs(extract(epoch FROM km_percentile(duration_agg(x), 0.4)) / 1e13 - 1) <= 0.01 FROM (VALUES (1e13::float8), (1.25e13)) v(x)$$)
) AS c(n, what, q), LATERAL cx_test.try_sql(c.q) r
ORDER BY n;

-- Counts past 2^53 (the precision of a float8): the readers count exactly.
-- Alpha 0.05: 2^62 cases still open at 2.58 s (bucket 10), then one case
-- completed at 7 s (bucket 20, representative 7.03 s).  Kaplan-Meier: at
-- 2.58 s 2^62 censored, 1 left at risk, which completes: S = 0 from 7.03 s
-- on, and the median is 7.03 s; share within 1 minute: 1 completed within,
-- no open case beyond it: 1.
\set K 'v1;alpha=0.05;sum=7000000;sumsq=49000000000000;min=7;max=7;zero=0/0;buckets=10:0/4611686018427387904,20:1/0'
SELECT cases(s), survival(s, '1 second') AS s_1s, survival(s, '1 minute') AS s_1min,
	   abs(extract(epoch FROM km_percentile(s, 0.5)) - 7.031329997429043) < 1e-6 AS km_median_ok,
	   share_within(s, '1 minute') AS share_1min
FROM (SELECT :'K'::duration_summary AS s) t;

-- NULL durations are ignored; a NULL open flag with a duration is 22004.
-- A group of NULL durations only gives an empty summary; no rows at all
-- give NULL.
SELECT n, what, want, split_part(r.outcome, ':', 1) = ANY (string_to_array(want, '|')) AS as_expected,
	   cx_test.line(r) AS outcome
FROM (VALUES
	(1, 'NULL open flag', '22004', $$SELECT duration_agg(x, o)::text FROM (VALUES (interval '1 hour', NULL::boolean)) v(x, o)$$),
	(2, 'NULL open flag, float8', '22004', $$SELECT duration_agg(x, o)::text FROM (VALUES (3600::float8, NULL::boolean)) v(x, o)$$),
	(3, 'NULL open flag, with alpha', '22004', $$SELECT duration_agg(x, o, 0.01)::text FROM (VALUES (interval '1 hour', NULL::boolean)) v(x, o)$$),
	(4, 'NULL open flag after valid rows', '22004', $$SELECT duration_agg(x, o)::text FROM (VALUES (interval '1 hour', false), ('2 hours', true), ('3 hours', NULL)) v(x, o)$$),
	(5, 'NULL duration, NULL flag: ignored', 'ok', $$SELECT cases(duration_agg(x, o))::text FROM (VALUES (interval '1 hour', false), (NULL, NULL::boolean)) v(x, o)$$),
	(6, 'NULL duration: ignored', 'ok', $$SELECT cases(duration_agg(x))::text FROM (VALUES (interval '1 hour'), (NULL)) v(x)$$),
	(7, 'NULL durations only: an empty summary', 'ok', $$SELECT duration_agg(x)::text FROM (VALUES (NULL::interval), (NULL)) v(x)$$),
	(8, 'NULL float8 durations only, open', 'ok', $$SELECT cases(duration_agg(x, true))::text FROM (VALUES (NULL::float8)) v(x)$$),
	(9, 'no rows: NULL', 'ok', $$SELECT duration_agg(x)::text FROM (SELECT interval '1 hour' WHERE false) v(x)$$),
	(10, 'no rows, float8 with alpha: NULL', 'ok', $$SELECT duration_agg(x, false, 0.05)::text FROM (SELECT 1::float8 WHERE false) v(x)$$)
) AS c(n, what, want, q), LATERAL cx_test.try_sql(c.q) r
ORDER BY n;

--------------------------------------------------------------------------
-- Relative errors
--------------------------------------------------------------------------

-- One error in full.
SELECT duration_agg(x, false, 0.2) FROM (VALUES (interval '1 hour')) v(x);

-- alpha: 0.001 .. 0.05, a multiple of 0.000001; other values 22023.
SELECT n, alpha, want, split_part(r.outcome, ':', 1) = ANY (string_to_array(want, '|')) AS as_expected,
	   cx_test.line(r) AS outcome
FROM (VALUES
	(1, '0', '22023'),
	(2, '0.2', '22023'),
	(3, '''NaN''', '22023'),
	(4, '0.0100005', '22023'),
	(5, '0.0009999', '22023'),
	(6, '0.000999', '22023'),
	(7, '0.050001', '22023'),
	(8, '0.0500001', '22023'),
	(9, '-0.01', '22023'),
	(10, '1', '22023'),
	(11, '''Infinity''', '22023'),
	(12, '''-Infinity''', '22023'),
	(13, '1e-300', '22023'),
	-- accepted: the ends, and multiples of a millionth
	(14, '0.001', 'ok'),
	(15, '0.05', 'ok'),
	(16, '0.012345', 'ok'),
	(17, '0.01', 'ok'),
	(18, '0.049999', 'ok')
) AS c(n, alpha, want),
	LATERAL cx_test.try_sql(format($q$SELECT relative_error(duration_agg(x, false, %s))::text FROM (VALUES (interval '1 hour')) v(x)$q$, alpha)) r
ORDER BY n;

-- The same alpha check in the float8 form, and on a group of NULL
-- durations (the argument is wrong whatever the data).
SELECT n, want, split_part(r.outcome, ':', 1) = ANY (string_to_array(want, '|')) AS as_expected,
	   cx_test.line(r) AS outcome
FROM (VALUES
	(1, '22023', $$SELECT duration_agg(x, false, 0)::text FROM (VALUES (3600::float8)) v(x)$$),
	(2, '22023', $$SELECT duration_agg(x, true, 0.0100005)::text FROM (VALUES (3600::float8)) v(x)$$),
	(3, '22023', $$SELECT duration_agg(x, true, 'NaN')::text FROM (VALUES (3600::float8)) v(x)$$),
	-- rows of one group with different alphas
	(4, '22023', $$SELECT duration_agg(x, false, a)::text FROM (VALUES (interval '1 hour', 0.01), ('2 hours', 0.02)) v(x, a)$$),
	(5, '22023', $$SELECT duration_agg(x, false, a)::text FROM (VALUES (3600::float8, 0.01), (7200, 0.011)) v(x, a)$$)
) AS c(n, want, q), LATERAL cx_test.try_sql(c.q) r
ORDER BY n;

-- rollup() of summaries with different alphas: 22023; the same alpha: fine.
CREATE TEMP TABLE dur_parts (k int, s duration_summary);
INSERT INTO dur_parts
	SELECT 1, duration_agg(x, false, 0.01) FROM (VALUES (interval '1 hour')) v(x) UNION ALL
	SELECT 2, duration_agg(x, false, 0.01) FROM (VALUES (interval '2 hours')) v(x) UNION ALL
	SELECT 3, duration_agg(x, false, 0.02) FROM (VALUES (interval '1 hour')) v(x) UNION ALL
	SELECT 4, duration_agg(x, false, 0.010001) FROM (VALUES (interval '1 hour')) v(x) UNION ALL
	SELECT 5, :'E'::duration_summary UNION ALL
	SELECT 6, replace(:'E', 'alpha=0.01', 'alpha=0.05')::duration_summary;
SELECT k, want, split_part(r.outcome, ':', 1) = ANY (string_to_array(want, '|')) AS as_expected,
	   cx_test.line(r) AS outcome
FROM (VALUES
	(2, 'ok'),		-- 1 + 2: same alpha
	(3, '22023'),
	(4, '22023'),
	(5, 'ok'),		-- an empty summary of alpha 0.01
	(6, '22023')	-- an empty summary, but of alpha 0.05
) AS c(k, want),
	LATERAL cx_test.try_sql(format('SELECT cases(rollup(s))::text FROM dur_parts WHERE k IN (1, %s)', k)) r
ORDER BY k;
DROP TABLE dur_parts;

--------------------------------------------------------------------------
-- Accessor arguments
--------------------------------------------------------------------------

-- One error in full.
SELECT percentile(:'V', 1.5);

-- A quantile outside [0, 1] or NaN, a confidence level outside (0, 1), an
-- unknown transform: 22023, also on an empty summary (the argument is
-- wrong whatever the data).  NULL arguments give NULL (strict).
SELECT n, call, want, split_part(r.outcome, ':', 1) = ANY (string_to_array(want, '|')) AS as_expected,
	   cx_test.line(r) AS outcome
FROM (VALUES
	(1, 'percentile(s, -0.1)', '22023'),
	(2, 'percentile(s, 1.1)', '22023'),
	(3, 'percentile(s, ''NaN'')', '22023'),
	(4, 'percentile(s, ''Infinity'')', '22023'),
	(5, 'percentile(s, -1e-300)', '22023'),
	(6, 'percentile(s, 1.0000000000000002)', '22023'),
	(7, 'percentile(e, 1.5)', '22023'),
	(8, 'percentiles(s, ARRAY[0.5, 2])', '22023'),
	(9, 'percentiles(s, ARRAY[''NaN''::float8])', '22023'),
	(10, 'km_percentile(s, 1.5)', '22023'),
	(11, 'km_percentile(s, -0.5)', '22023'),
	(12, 'km_percentile_lower(s, 0.5, 0.95, ''bogus'')', '22023'),
	(13, 'km_percentile_upper(s, 0.5, 0.95, ''logit'')', '22023'),
	(14, 'km_percentile_lower(s, 0.5, 1.5)', '22023'),
	(15, 'mean_lower(s, 0)', '22023'),
	(16, 'mean_upper(s, 1)', '22023'),
	(17, 'mean_lower(s, ''NaN'')', '22023'),
	(18, 'share_within_lower(s, ''1 hour'', 1.5)', '22023'),
	(19, 'share_within_upper(s, ''1 hour'', -0.5)', '22023'),
	(20, 'duration_test(s, s, 0)', '22023'),
	(21, 'duration_test(s, s, 1)', '22023'),
	-- accepted
	(22, 'percentile(s, 0)', 'ok'),
	(23, 'percentile(s, 1)', 'ok'),
	(24, 'percentile(e, 0.5)', 'ok'),
	(25, 'percentiles(s, ARRAY[0, 0.5, 1])', 'ok'),
	(26, 'percentiles(s, ''{}''::float8[])', 'ok'),
	(27, 'km_percentile_lower(s, 0.5, 0.95, ''log-log'')', 'ok'),
	(28, 'km_percentile_upper(s, 0.5, 0.95, ''plain'')', 'ok'),
	-- NULL arguments give NULL
	(29, 'percentile(s, NULL)', 'ok'),
	(30, 'share_within(s, NULL)', 'ok'),
	(31, 'km_percentile_lower(s, 0.5, 0.95, NULL)', 'ok')
) AS c(n, call, want),
	LATERAL cx_test.try_sql(format($q$SELECT (%s)::text FROM (SELECT %L::duration_summary AS s, %L::duration_summary AS e) q$q$, call, :'V', :'E')) r
ORDER BY n;
