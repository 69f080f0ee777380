--
-- nps_input: malformed input of nps_summary is rejected with the right SQLSTATE
-- and a clear message, at every entry point that takes outside data: the text
-- form, the scores fed to nps_agg() and nps(), and the arguments of the
-- accessors.  Every canonical text value round-trips exactly; the few
-- non-canonical spellings accepted are normalized by the output.
--
-- The binary form (send/recv, binary COPY) is covered by nps_binary.  The
-- file holds UTF-8 characters (the Unicode digit cases): run it in a UTF8
-- database, as pg_regress does by default.
--

-- The helpers (test/sql/setup.sql): cx_test.try_sql() runs a query
-- returning one value and reports either "ok: value" or "SQLSTATE: message"
-- plus the error's DETAIL, so dozens of cases fit in one table;
-- cx_test.try_in() does the same for one text input of a type.

--------------------------------------------------------------------------
-- Text input: values that are accepted
--------------------------------------------------------------------------

-- Canonical values round-trip exactly: text -> nps_summary -> text.
SELECT n, input, cx_test.try_in('nps_summary', input) = ROW('ok: ' || input, NULL::text) AS round_trips
FROM unnest(ARRAY[
	'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',                     -- empty
	'v1:0..10:1,2,3,4,5,6,7,8,9,10,11',
	'v1:0..10:3,0,0,0,0,0,0,1,0,0,5',
	'v1:0..10:9223372036854775807,0,0,0,0,0,0,0,0,0,0',   -- INT64_MAX, first slot
	'v1:0..10:0,0,0,0,0,9223372036854775807,0,0,0,0,0',   -- INT64_MAX, middle slot
	'v1:0..10:0,0,0,0,0,0,0,0,0,0,9223372036854775807',   -- INT64_MAX, last slot
	'v1:0..10:4611686018427387904,0,0,0,0,0,0,0,0,0,4611686018427387903'  -- sum = INT64_MAX
]) WITH ORDINALITY AS c(input, n)
ORDER BY n;

-- The value keeps what it was given: the counts and their total.
SELECT distribution(s), responses(s), s::text = 'v1:0..10:4611686018427387904,0,0,0,0,0,0,0,0,0,4611686018427387903' AS same
FROM (SELECT 'v1:0..10:4611686018427387904,0,0,0,0,0,0,0,0,0,4611686018427387903'::nps_summary AS s) q;

-- Whitespace around the value is accepted (and dropped by the output), as by
-- the built-in types.  So are leading zeros and "-0", which are not canonical:
-- the output normalizes them.
SELECT n, cx_test.shown(input) AS input, r.outcome, r.detail
FROM unnest(ARRAY[
	'  v1:0..10:0,0,0,0,0,0,0,0,0,0,1  ',
	E'\t\n v1:0..10:0,0,0,0,0,0,0,0,0,0,1\n\t',
	'v01:0..10:0,0,0,0,0,0,0,0,0,0,1',
	'v1:00..010:0,0,0,0,0,0,0,0,0,0,1',
	'v1:-0..10:0,0,0,0,0,0,0,0,0,0,1',
	'v1:0..10:000,0,0,0,0,0,0,0,0,0,007'
]) WITH ORDINALITY AS c(input, n), LATERAL cx_test.try_in('nps_summary', c.input) r
ORDER BY n;

-- NULL in, NULL out (the input function is strict).
SELECT NULL::text::nps_summary IS NULL AS null_in_null_out;

--------------------------------------------------------------------------
-- Text input: values that are rejected
--------------------------------------------------------------------------

-- One error shown in full, with its hint and position.
SELECT 'v2:0..10:0,0,0,0,0,0,0,0,0,0,0'::nps_summary;

-- Malformed text is 22P02, a count or total past bigint is 22003.
SELECT n, input, r.outcome, r.detail
FROM unnest(ARRAY[
	-- nothing, or nothing like a summary
	'',
	'   ',
	'garbage',
	'nps_summary',
	'{1,2,3}',
	-- the format version
	'0..10:0,0,0,0,0,0,0,0,0,0,0',                        -- missing
	':0..10:0,0,0,0,0,0,0,0,0,0,0',
	'v:0..10:0,0,0,0,0,0,0,0,0,0,0',
	'V1:0..10:0,0,0,0,0,0,0,0,0,0,0',                     -- upper case
	'v1',
	'v1:',
	'v1 :0..10:0,0,0,0,0,0,0,0,0,0,0',                    -- space inside
	'v 1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	'v0:0..10:0,0,0,0,0,0,0,0,0,0,0',
	'v2:0..10:0,0,0,0,0,0,0,0,0,0,0',
	'v99999999999999999999:0..10:0,0,0,0,0,0,0,0,0,0,0',  -- past bigint
	'v-1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	'v+1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	'v1.0:0..10:0,0,0,0,0,0,0,0,0,0,0',
	-- the scale
	'v1:0,0,0,0,0,0,0,0,0,0,0',                           -- missing
	'v1::0,0,0,0,0,0,0,0,0,0,0',
	'v1:0..10',
	'v1:0..10:',                                          -- no counts
	'v1:0-10:0,0,0,0,0,0,0,0,0,0,0',
	'v1:0...10:0,0,0,0,0,0,0,0,0,0,0',
	'v1:0..10 :0,0,0,0,0,0,0,0,0,0,0',
	'v1:1..10:0,0,0,0,0,0,0,0,0,0',
	'v1:1..11:0,0,0,0,0,0,0,0,0,0,0',
	'v1:0..9:0,0,0,0,0,0,0,0,0,0',
	'v1:0..11:0,0,0,0,0,0,0,0,0,0,0,0',
	'v1:-1..9:0,0,0,0,0,0,0,0,0,0,0',
	'v1:10..0:0,0,0,0,0,0,0,0,0,0,0',
	'v1:0..101:0,0,0,0,0,0,0,0,0,0,0',
	'v1:0..99999999999999999999:0,0,0,0,0,0,0,0,0,0,0',
	-- the number of counts
	'v1:0..10:0,0,0,0,0,0,0,0,0,0',                       -- 10
	'v1:0..10:0,0,0,0,0,0,0,0,0,0,0,0',                   -- 12
	'v1:0..10:0,0,0,0,0,0,0,0,0,0,0,',                    -- trailing comma
	'v1:0..10:,0,0,0,0,0,0,0,0,0,0,0',                    -- leading comma
	'v1:0..10:0,0,0,0,,0,0,0,0,0,0',                      -- empty count
	'v1:0..10:0;0;0;0;0;0;0;0;0;0;0',                     -- wrong separator
	-- the counts themselves
	'v1:0..10:0,0,0,0,0,-1,0,0,0,0,0',                    -- negative
	'v1:0..10:0,0,0,0,0,+1,0,0,0,0,0',                    -- sign
	'v1:0..10:0,0,0,0,0,1.0,0,0,0,0,0',                   -- decimal point
	'v1:0..10:0,0,0,0,0,0,0,0,0,0,1.5',
	'v1:0..10:0,0,0,0,0,1e3,0,0,0,0,0',                   -- exponent
	'v1:0..10:0,0,0,0,0,0x1,0,0,0,0,0',                   -- hex
	'v1:0..10:0,0,0,0,0,NaN,0,0,0,0,0',
	'v1:0..10:0,0,0,0,0, 1,0,0,0,0,0',                    -- space inside
	'v1:0..10:0,0,0,0,0,1 ,0,0,0,0,0',
	'v1:0..10:0,0,0,0,0,1 2,0,0,0,0,0',
	'v1:0..10:0,0,0,0,0,１,0,0,0,0,0',                     -- fullwidth digit one
	'v1:0..10:0,0,0,0,0,٣,0,0,0,0,0',                     -- Arabic-Indic digit three
	'v1:0..10:0,0,0,0,0,²,0,0,0,0,0',                     -- superscript two
	'v1:0..10:0,0,0,0,0,0,0,0,0,0,0x',                    -- trailing garbage
	'v1:0..10:0,0,0,0,0,0,0,0,0,0,0;',
	'v1:0..10:0,0,0,0,0,0,0,0,0,0,0 x',
	-- a count past bigint (22003)
	'v1:0..10:9223372036854775808,0,0,0,0,0,0,0,0,0,0',
	'v1:0..10:0,0,0,0,0,0,0,0,0,0,99999999999999999999999',
	-- counts that each fit, but whose sum does not (22003)
	'v1:0..10:9223372036854775807,1,0,0,0,0,0,0,0,0,0',
	'v1:0..10:4611686018427387904,0,0,0,0,0,0,0,0,0,4611686018427387904',
	'v1:0..10:9223372036854775807,0,0,0,0,9223372036854775807,0,0,0,0,9223372036854775807'
]) WITH ORDINALITY AS c(input, n), LATERAL cx_test.try_in('nps_summary', c.input) r
ORDER BY n;

--------------------------------------------------------------------------
-- Scores fed to the aggregates
--------------------------------------------------------------------------

-- One error shown in full, with its hint.
SELECT nps(x) FROM (VALUES (10), (11)) v(x);

-- A score off the scale, or not a whole number, is 22003 with a message
-- naming the value and a detail giving the range 0..10.  Nothing is rounded
-- or clamped.  Whole numbers written as numeric (10.0, 1e1) are scores.
SELECT n, agg, scores, r.outcome, r.detail
FROM (VALUES
	(1,  'nps_agg', '(-1)'),
	(2,  'nps',     '(-1)'),
	(3,  'nps_agg', '(11)'),
	(4,  'nps',     '(11)'),
	(5,  'nps_agg', '(2147483647)'),
	(6,  'nps',     '(''-2147483648''::int)'),
	(7,  'nps_agg', '(32767::smallint)'),
	(8,  'nps',     '(32767::smallint)'),
	(9,  'nps_agg', '(-1::smallint)'),
	(10, 'nps',     '(11::smallint)'),
	(11, 'nps_agg', '(7.5)'),
	(12, 'nps',     '(7.5)'),
	(13, 'nps_agg', '(-0.5)'),
	(14, 'nps_agg', '(10.000000000000000000001)'),
	(15, 'nps_agg', '(11.0)'),
	(16, 'nps_agg', '(-1::numeric)'),
	(17, 'nps_agg', '(1e30)'),
	(18, 'nps_agg', '(''NaN''::numeric)'),
	(19, 'nps',     '(''NaN''::numeric)'),
	(20, 'nps_agg', '(''Infinity''::numeric)'),
	(21, 'nps',     '(''-Infinity''::numeric)'),
	(22, 'nps',     '(10), (5), (12)'),                     -- after valid rows
	(23, 'nps_agg', '(9223372036854775807::bigint)'),       -- bigint has its own form
	-- accepted
	(24, 'nps_agg', '(10.0)'),
	(25, 'nps',     '(10.0)'),
	(26, 'nps_agg', '(1e1)'),
	(27, 'nps_agg', '(0.000)'),
	(28, 'nps_agg', '(-0.0)'),
	(29, 'nps_agg', '(0::smallint), (10::smallint)'),
	(30, 'nps_agg', '(5::bigint)'),
	(31, 'nps',     '(0), (10), (10), (10)'),          -- 100 (3 - 1) / 4
	-- NULL scores are ignored
	(32, 'nps',     '(NULL), (10)'),
	(33, 'nps_agg', '(NULL), (10)'),
	(34, 'nps',     '(NULL::numeric), (10.0)'),
	(35, 'nps',     '(NULL::int), (NULL::int)'),
	(36, 'nps_agg', '(NULL::int), (NULL::int)'),
	(37, 'nps',     '(NULL::numeric)'),
	(38, 'nps_agg', '(NULL::smallint)')
) AS c(n, agg, scores),
	LATERAL cx_test.try_sql(format('SELECT %s(x)::text FROM (VALUES %s) v(x)', agg, scores)) r
ORDER BY n;

-- No rows at all: nps() is NULL, nps_agg() an empty summary.
SELECT nps(x) IS NULL AS nps_is_null, nps_agg(x) AS summary
FROM (SELECT 1 WHERE false) v(x);

--------------------------------------------------------------------------
-- Accessor arguments
--------------------------------------------------------------------------

-- One error shown in full.  (The literal has its cast: since 0.4.0 nps_lower
-- also takes an nps_weighted_summary, and an untyped literal would be
-- ambiguous, README Client notes.)
SELECT nps_lower('v1:0..10:1,0,0,0,0,0,0,0,0,0,1'::nps_summary, 1.5);

-- An invalid confidence level, interval method or pair of cutoffs is 22023,
-- also for an empty summary (the arguments are wrong whatever the data).
SELECT n, call, r.outcome, r.detail
FROM (VALUES
	(1,  'nps_lower(s, 0)'),
	(2,  'nps_lower(s, 1)'),
	(3,  'nps_lower(s, 1.5)'),
	(4,  'nps_lower(s, -0.5)'),
	(5,  'nps_lower(s, ''NaN'')'),
	(6,  'nps_lower(s, ''Infinity'')'),
	(7,  'nps_upper(s, 0)'),
	(8,  'nps_upper(s, 1)'),
	(9,  'nps_test(s, s, 0)'),
	(10, 'nps_test(s, s, 1)'),
	(11, 'nps_lower(e, 1.5)'),
	(12, 'nps_lower(s, 0.95, ''bogus'')'),
	(13, 'nps_upper(s, 0.95, ''Wald'')'),
	(14, 'nps_lower(s, 0.95, '''')'),
	(15, 'nps_lower(e, 0.95, ''bogus'')'),
	(16, 'nps(s, 6, 6)'),
	(17, 'nps(s, 5, 6)'),
	(18, 'nps(s, 11, 6)'),
	(19, 'nps(s, 9, -1)'),
	(20, 'nps(s, 0, 0)'),
	(21, 'nps(e, 6, 6)'),
	-- accepted
	(22, 'nps_lower(s, 0.95, ''wald'') BETWEEN -100 AND 0'),
	(23, 'nps_upper(s, 0.5) BETWEEN 0 AND 100'),
	(24, 'nps_lower(e)'),
	(25, 'nps(s, 9, 6)'),
	(26, 'nps(s, 10, 0)'),
	(27, 'nps(s, 1, 0)'),
	(28, 'nps(e, 9, 6)'),
	-- NULL arguments give NULL (the functions are strict)
	(29, 'nps_lower(s, NULL)'),
	(30, 'nps_lower(s, 0.95, NULL)'),
	(31, 'nps(s, NULL, 6)')
) AS c(n, call),
	LATERAL cx_test.try_sql(format($q$SELECT (%s)::text FROM (SELECT 'v1:0..10:1,0,0,0,0,0,0,2,0,0,1'::nps_summary AS s, 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0'::nps_summary AS e) q$q$, call)) r
ORDER BY n;
