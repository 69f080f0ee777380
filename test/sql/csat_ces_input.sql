--
-- csat_ces_input: malformed input of csat_summary and ces_summary is
-- rejected with the right SQLSTATE and a clear message, at every entry point
-- that takes outside data: the text forms, the scores and scales fed to the
-- aggregates, and the arguments of the accessors (spec 0.2.0, "CSAT and CES").
--
--   malformed text                                  22P02
--   a count, or the total of the counts, past bigint 22003
--   a score outside the scale (also fractional, NaN) 22003
--   scale_max outside 2..10, or changing in a group  22023
--   satisfied_min outside 1..k, confidence not in (0, 1) 22023
--   combining summaries of different scales / CES directions 22023
--
-- The binary forms are covered by csat_ces_binary.
--

-- The helpers (test/sql/setup.sql): cx_test.try_sql() runs a query
-- returning one value and reports either "ok: value" or "SQLSTATE: message"
-- plus the error's DETAIL, so dozens of cases fit in one table;
-- cx_test.try_in() does the same for one text input of a type.

--------------------------------------------------------------------------
-- Text input: values that are accepted
--------------------------------------------------------------------------

-- Canonical values round-trip exactly: text -> summary -> text.
SELECT n, typ, input, cx_test.try_in(typ, input) = ROW('ok: ' || input, NULL::text) AS round_trips
FROM (SELECT row_number() OVER () AS n, * FROM (VALUES
	('csat_summary', 'v1:1..5:0,0,0,0,0'),                  -- empty, default scale
	('csat_summary', 'v1:1..5:1,2,3,4,5'),
	('csat_summary', 'v1:1..2:0,0'),                        -- smallest scale
	('csat_summary', 'v1:1..2:3,4'),
	('csat_summary', 'v1:1..3:1,0,7'),
	('csat_summary', 'v1:1..4:1,2,3,4'),
	('csat_summary', 'v1:1..7:0,0,0,0,0,0,1'),
	('csat_summary', 'v1:1..10:1,2,3,4,5,6,7,8,9,10'),      -- largest scale
	('csat_summary', 'v1:1..5:9223372036854775807,0,0,0,0'),  -- INT64_MAX, first slot
	('csat_summary', 'v1:1..10:0,0,0,0,0,0,0,0,0,9223372036854775807'),  -- last slot
	('csat_summary', 'v1:1..5:4611686018427387904,0,0,0,4611686018427387903'),  -- sum = INT64_MAX
	('ces_summary',  'v1:1..7:0,0,0,0,0,0,0'),              -- empty, CES 2.0
	('ces_summary',  'v1:1..7:1,2,3,4,5,6,7'),
	('ces_summary',  'v1:1..5:lower_is_better:0,0,0,0,0'),  -- empty, CES 1.0
	('ces_summary',  'v1:1..5:lower_is_better:1,2,3,4,5'),
	('ces_summary',  'v1:1..5:5,4,3,2,1'),                  -- 1..5, higher is easier
	('ces_summary',  'v1:1..7:lower_is_better:7,6,5,4,3,2,1'),  -- 1..7, lower is easier
	('ces_summary',  'v1:1..2:1,1'),
	('ces_summary',  'v1:1..2:lower_is_better:1,1'),
	('ces_summary',  'v1:1..10:1,2,3,4,5,6,7,8,9,10'),
	('ces_summary',  'v1:1..10:lower_is_better:0,0,0,0,0,0,0,0,0,1'),
	('ces_summary',  'v1:1..7:9223372036854775807,0,0,0,0,0,0'),
	('ces_summary',  'v1:1..5:lower_is_better:0,0,0,0,9223372036854775807'),
	('ces_summary',  'v1:1..5:lower_is_better:4611686018427387904,0,0,0,4611686018427387903')
) AS v(typ, input)) AS c
ORDER BY n;

-- The value keeps what it was given: the counts, their total, scale and
-- direction.
SELECT distribution(s), responses(s), scale_max(s)
FROM (VALUES ('v1:1..5:4611686018427387904,0,0,0,4611686018427387903'::csat_summary),
			 ('v1:1..10:1,2,3,4,5,6,7,8,9,10')) v(s);
SELECT distribution(s), responses(s), scale_max(s), lower_is_better(s)
FROM (VALUES ('v1:1..5:lower_is_better:1,2,3,4,5'::ces_summary),
			 ('v1:1..5:1,2,3,4,5'),
			 ('v1:1..7:0,0,0,0,0,0,9223372036854775807')) v(s);

-- Whitespace around the value is accepted and dropped by the output, as by
-- the built-in types and nps_summary; so are leading zeros in a count.
SELECT n, typ, cx_test.shown(input) AS input, r.outcome, r.detail
FROM (VALUES
	(1, 'csat_summary', '  v1:1..5:0,0,0,0,1  '),
	(2, 'csat_summary', E'\t\n v1:1..5:0,0,0,0,1\n\t'),
	(3, 'csat_summary', 'v1:1..5:000,0,0,0,007'),
	(4, 'ces_summary',  '  v1:1..7:0,0,0,0,0,0,1  '),
	(5, 'ces_summary',  E'\tv1:1..5:lower_is_better:0,0,0,0,1\n'),
	(6, 'ces_summary',  'v1:1..5:lower_is_better:000,0,0,0,007')
) AS c(n, typ, input), LATERAL cx_test.try_in(c.typ, c.input) r
ORDER BY n;

-- NULL in, NULL out (the input functions are strict).
SELECT NULL::text::csat_summary IS NULL AS csat_null_in_null_out,
	   NULL::text::ces_summary IS NULL AS ces_null_in_null_out;

--------------------------------------------------------------------------
-- Text input: values that are rejected
--------------------------------------------------------------------------

-- One error of each type shown in full, with its hint and position.
SELECT 'v1:1..11:0,0,0,0,0,0,0,0,0,0,0'::csat_summary;
-- The hint names the scales csat_summary allows, not only the widest one.
SELECT 'v1:1..5:1,2'::csat_summary;
SELECT 'v1:0..10:1,2'::nps_summary;
SELECT 'v1:1..5:higher:0,0,0,0,0'::ces_summary;

-- csat_summary: malformed text is 22P02, a count or total past bigint 22003.
SELECT n, input, r.outcome, r.detail
FROM unnest(ARRAY[
	-- nothing, or nothing like a summary
	'',
	'   ',
	'garbage',
	'csat_summary',
	'{1,2,3,4,5}',
	'1,2,3,4,5',
	-- the format version
	'1..5:0,0,0,0,0',                                     -- missing
	':1..5:0,0,0,0,0',
	'v:1..5:0,0,0,0,0',
	'V1:1..5:0,0,0,0,0',                                  -- upper case
	'v1',
	'v1:',
	'v 1:1..5:0,0,0,0,0',
	'v1 :1..5:0,0,0,0,0',
	'v0:1..5:0,0,0,0,0',
	'v2:1..5:0,0,0,0,0',
	'v99999999999999999999:1..5:0,0,0,0,0',               -- past bigint
	'v-1:1..5:0,0,0,0,0',
	'v1.0:1..5:0,0,0,0,0',
	-- the scale
	'v1:0,0,0,0,0',                                       -- missing
	'v1::0,0,0,0,0',
	'v1:1..5',
	'v1:1..5:',                                           -- no counts
	'v1:1-5:0,0,0,0,0',
	'v1:1...5:0,0,0,0,0',
	'v1:1..5 :0,0,0,0,0',
	'v1:5:0,0,0,0,0',
	'v1:..5:0,0,0,0,0',
	'v1:1..:0,0,0,0,0',
	'v1:1..1:0',                                          -- k = 1
	'v1:1..11:0,0,0,0,0,0,0,0,0,0,0',                     -- k = 11
	'v1:1..0:',
	'v1:0..4:0,0,0,0,0',                                  -- scales start at 1
	'v1:0..5:0,0,0,0,0,0',
	'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',                     -- an NPS value
	'v1:2..6:0,0,0,0,0',
	'v1:-1..5:0,0,0,0,0,0,0',
	'v1:5..1:0,0,0,0,0',
	'v1:1..99999999999999999999:0,0,0,0,0',
	-- a direction: CSAT has none
	'v1:1..5:lower_is_better:0,0,0,0,0',
	'v1:1..5:higher_is_better:0,0,0,0,0',
	-- the number of counts
	'v1:1..5:0,0,0,0',                                    -- 4
	'v1:1..5:0,0,0,0,0,0',                                -- 6
	'v1:1..2:0',
	'v1:1..10:0,0,0,0,0,0,0,0,0',                         -- 9
	'v1:1..10:0,0,0,0,0,0,0,0,0,0,0',                     -- 11
	'v1:1..5:0,0,0,0,0,',                                 -- trailing comma
	'v1:1..5:,0,0,0,0,0',                                 -- leading comma
	'v1:1..5:0,0,,0,0',                                   -- empty count
	'v1:1..5:0;0;0;0;0',                                  -- wrong separator
	-- the counts themselves
	'v1:1..5:0,0,-1,0,0',                                 -- negative
	'v1:1..5:0,0,+1,0,0',                                 -- sign
	'v1:1..5:0,0,1.0,0,0',                                -- decimal point
	'v1:1..5:0,0,0,0,1.5',
	'v1:1..5:0,0,1e3,0,0',                                -- exponent
	'v1:1..5:0,0,0x1,0,0',                                -- hex
	'v1:1..5:0,0,NaN,0,0',
	'v1:1..5:0,0, 1,0,0',                                 -- space inside
	'v1:1..5:0,0,1 ,0,0',
	'v1:1..5:0,0,1 2,0,0',
	'v1:1..5:0,0,０,0,0',                                  -- fullwidth digit zero
	'v1:1..5:0,0,0,0,0x',                                 -- trailing garbage
	'v1:1..5:0,0,0,0,0;',
	'v1:1..5:0,0,0,0,0 x',
	'v1:1..5:0,0,0,0,0:lower_is_better',
	-- a count past bigint (22003)
	'v1:1..5:9223372036854775808,0,0,0,0',
	'v1:1..5:0,0,0,0,99999999999999999999999',
	-- counts that each fit, but whose sum does not (22003)
	'v1:1..5:9223372036854775807,1,0,0,0',
	'v1:1..5:4611686018427387904,0,0,0,4611686018427387904',
	'v1:1..10:9223372036854775807,0,0,0,0,0,0,0,0,9223372036854775807'
]) WITH ORDINALITY AS c(input, n), LATERAL cx_test.try_in('csat_summary', c.input) r
ORDER BY n;

-- ces_summary: the same rules, plus the direction token.
SELECT n, input, r.outcome, r.detail
FROM unnest(ARRAY[
	-- nothing, or nothing like a summary
	'',
	'   ',
	'garbage',
	'ces_summary',
	'lower_is_better',
	'{1,2,3,4,5,6,7}',
	-- the format version
	'1..7:0,0,0,0,0,0,0',                                 -- missing
	'v:1..7:0,0,0,0,0,0,0',
	'V1:1..7:0,0,0,0,0,0,0',
	'v1',
	'v1:',
	'v0:1..7:0,0,0,0,0,0,0',
	'v2:1..7:0,0,0,0,0,0,0',
	'v2:1..5:lower_is_better:0,0,0,0,0',
	'v99999999999999999999:1..7:0,0,0,0,0,0,0',
	'v-1:1..7:0,0,0,0,0,0,0',
	-- the scale
	'v1:0,0,0,0,0,0,0',                                   -- missing
	'v1:lower_is_better:0,0,0,0,0',                       -- direction, no scale
	'v1:lower_is_better:1..5:0,0,0,0,0',                  -- direction before the scale
	'v1:1..7',
	'v1:1..7:',
	'v1:1-7:0,0,0,0,0,0,0',
	'v1:1..1:0',                                          -- k = 1
	'v1:1..1:lower_is_better:0',
	'v1:1..11:0,0,0,0,0,0,0,0,0,0,0',                     -- k = 11
	'v1:1..11:lower_is_better:0,0,0,0,0,0,0,0,0,0,0',
	'v1:0..6:0,0,0,0,0,0,0',                              -- scales start at 1
	'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	'v1:2..8:0,0,0,0,0,0,0',
	'v1:7..1:0,0,0,0,0,0,0',
	-- the direction token
	'v1:1..5:lower_is_better',                            -- no counts
	'v1:1..5:lower_is_better:',
	'v1:1..5::0,0,0,0,0',                                 -- empty token
	'v1:1..5:lower:0,0,0,0,0',
	'v1:1..5:higher:0,0,0,0,0',
	'v1:1..5:higher_is_better:0,0,0,0,0',                 -- not a form of the spec
	'v1:1..5:LOWER_IS_BETTER:0,0,0,0,0',
	'v1:1..5:Lower_is_better:0,0,0,0,0',
	'v1:1..5:lower-is-better:0,0,0,0,0',
	'v1:1..5:lower_is_better_:0,0,0,0,0',
	'v1:1..5:lower_is_bette:0,0,0,0,0',
	'v1:1..5:lower_is_better :0,0,0,0,0',
	'v1:1..5: lower_is_better:0,0,0,0,0',
	'v1:1..5:lower_is_better,0,0,0,0,0',
	'v1:1..5:true:0,0,0,0,0',
	'v1:1..5:t:0,0,0,0,0',
	'v1:1..5:1:0,0,0,0,0',
	'v1:1..5:lower_is_better:lower_is_better:0,0,0,0,0',  -- twice
	'v1:1..5:0,0,0,0,0:lower_is_better',                  -- after the counts
	-- the number of counts
	'v1:1..7:0,0,0,0,0,0',                                -- 6
	'v1:1..7:0,0,0,0,0,0,0,0',                            -- 8
	'v1:1..5:lower_is_better:0,0,0,0',                    -- 4
	'v1:1..5:lower_is_better:0,0,0,0,0,0',                -- 6
	'v1:1..7:0,0,0,0,0,0,0,',                             -- trailing comma
	'v1:1..5:lower_is_better:,0,0,0,0,0',                 -- leading comma
	'v1:1..7:0,0,0,,0,0,0',                               -- empty count
	-- the counts themselves
	'v1:1..7:0,0,0,-1,0,0,0',                             -- negative
	'v1:1..5:lower_is_better:0,0,-1,0,0',
	'v1:1..7:0,0,0,+1,0,0,0',
	'v1:1..7:0,0,0,1.0,0,0,0',
	'v1:1..7:0,0,0,1e3,0,0,0',
	'v1:1..7:0,0,0,NaN,0,0,0',
	'v1:1..7:0,0,0,1 2,0,0,0',
	'v1:1..5:lower_is_better:0,0,0,0,0x',                 -- trailing garbage
	'v1:1..7:0,0,0,0,0,0,0 x',
	-- a count past bigint (22003)
	'v1:1..7:9223372036854775808,0,0,0,0,0,0',
	'v1:1..5:lower_is_better:0,0,0,0,99999999999999999999999',
	-- counts that each fit, but whose sum does not (22003)
	'v1:1..7:9223372036854775807,1,0,0,0,0,0',
	'v1:1..5:lower_is_better:4611686018427387904,0,0,0,4611686018427387904'
]) WITH ORDINALITY AS c(input, n), LATERAL cx_test.try_in('ces_summary', c.input) r
ORDER BY n;

--------------------------------------------------------------------------
-- Scores fed to the aggregates
--------------------------------------------------------------------------

-- One error shown in full, with its detail and hint.
SELECT csat(x) FROM (VALUES (5), (6)) v(x);
SELECT ces_agg(x, 5, true) FROM (VALUES (1), (0)) v(x);

-- A score off the scale, or not a whole number, is 22003; nothing is
-- rounded or clamped.  Whole numbers written as numeric (5.0, 1e0) are
-- scores.
SELECT n, call, scores, r.outcome, r.detail
FROM (VALUES
	-- csat, default scale 1..5
	(1,  'csat_agg(x)',          '(0)'),
	(2,  'csat_agg(x)',          '(6)'),
	(3,  'csat(x)',              '(0)'),
	(4,  'csat(x)',              '(6)'),
	(5,  'csat_agg(x)',          '(-1)'),
	(6,  'csat_agg(x)',          '(2147483647)'),
	(7,  'csat(x)',              '(''-2147483648''::int)'),
	(8,  'csat_agg(x)',          '(32767::smallint)'),
	(9,  'csat(x)',              '(0::smallint)'),
	(10, 'csat_agg(x)',          '(4.5)'),
	(11, 'csat(x)',              '(4.5)'),
	(12, 'csat_agg(x)',          '(0.5)'),
	(13, 'csat_agg(x)',          '(5.000000000000000000001)'),
	(14, 'csat_agg(x)',          '(6.0)'),
	(15, 'csat_agg(x)',          '(''NaN''::numeric)'),
	(16, 'csat(x)',              '(''NaN''::numeric)'),
	(17, 'csat_agg(x)',          '(''Infinity''::numeric)'),
	(18, 'csat_agg(x)',          '(1e30)'),
	(19, 'csat(x)',              '(5), (4), (7)'),            -- after valid rows
	(20, 'csat_agg(x)',          '(9223372036854775807::bigint)'),
	-- csat with a scale
	(21, 'csat_agg(x, 3)',       '(4)'),
	(22, 'csat_agg(x, 3)',       '(0)'),
	(23, 'csat(x, 3)',           '(4)'),
	(24, 'csat_agg(x, 10)',      '(11)'),
	(25, 'csat(x, 10)',          '(0)'),
	(26, 'csat_agg(x, 2)',       '(3::smallint)'),
	(27, 'csat_agg(x, 7)',       '(6.5)'),
	(28, 'csat_agg(x, 7)',       '(''NaN''::numeric)'),
	(29, 'csat(x, 7)',           '(''-Infinity''::numeric)'),
	(30, 'csat_agg(x, 7)',       '(8.0)'),
	-- ces, default CES 2.0 1..7
	(31, 'ces_agg(x)',           '(0)'),
	(32, 'ces_agg(x)',           '(8)'),
	(33, 'ces(x)',               '(0)'),
	(34, 'ces(x)',               '(8)'),
	(35, 'ces_agg(x)',           '(32767::smallint)'),
	(36, 'ces_agg(x)',           '(3.5)'),
	(37, 'ces(x)',               '(''NaN''::numeric)'),
	(38, 'ces_agg(x)',           '(''-Infinity''::numeric)'),
	-- ces with a scale and direction
	(39, 'ces_agg(x, 5, true)',  '(6)'),
	(40, 'ces_agg(x, 5, true)',  '(0)'),
	(41, 'ces(x, 5, true)',      '(6)'),
	(42, 'ces_agg(x, 5, false)', '(6)'),
	(43, 'ces_agg(x, 2, true)',  '(3::smallint)'),
	(44, 'ces_agg(x, 10, false)', '(11)'),
	(45, 'ces_agg(x, 5, true)',  '(2.5)'),
	(46, 'ces(x, 5, true)',      '(''NaN''::numeric)'),
	(47, 'ces_agg(x, 5, true)',  '(5.1)'),
	-- accepted
	(48, 'csat_agg(x)',          '(5.0)'),
	(49, 'csat(x)',              '(5.0), (1)'),
	(50, 'csat_agg(x)',          '(1e0)'),
	(51, 'csat_agg(x)',          '(1::smallint), (5::smallint)'),
	(52, 'csat_agg(x)',          '(5::bigint)'),
	(53, 'csat_agg(x, 10)',      '(10.0)'),
	(54, 'csat_agg(x, 2)',       '(1), (2)'),
	(55, 'ces_agg(x)',           '(7.0), (1)'),
	(56, 'ces_agg(x, 5, true)',  '(5.00), (1::smallint)'),
	(57, 'ces(x, 5, true)',      '(5), (1)'),
	-- NULL scores are ignored
	(58, 'csat(x)',              '(NULL), (5)'),
	(59, 'csat_agg(x)',          '(NULL::int), (NULL::int)'),
	(60, 'csat(x)',              '(NULL::numeric)'),
	(61, 'csat_agg(x, 7)',       '(NULL::int), (NULL::int)'),
	(62, 'csat(x, 7)',           '(NULL::smallint)'),
	(63, 'ces_agg(x)',           '(NULL::int)'),
	(64, 'ces(x)',               '(NULL::int)'),
	(65, 'ces_agg(x, 5, true)',  '(NULL::numeric)'),
	(66, 'ces(x, 5, true)',      '(NULL::int), (NULL::int)')
) AS c(n, call, scores),
	LATERAL cx_test.try_sql(format('SELECT %s::text FROM (VALUES %s) v(x)', call, scores)) r
ORDER BY n;

--------------------------------------------------------------------------
-- Scales given to the aggregates
--------------------------------------------------------------------------

-- One error shown in full.
SELECT csat_agg(x, 11) FROM (VALUES (1)) v(x);

-- scale_max outside 2..10 is 22023, whatever the scores (even none that
-- are valid); so is a scale_max, or a CES direction, that changes inside a
-- group.
SELECT n, call, rows, r.outcome, r.detail
FROM (VALUES
	(1,  'csat_agg(x, k)',       '(1, 1)'),
	(2,  'csat_agg(x, k)',       '(1, 11)'),
	(3,  'csat_agg(x, k)',       '(1, 0)'),
	(4,  'csat_agg(x, k)',       '(1, -5)'),
	(5,  'csat_agg(x, k)',       '(1, 2147483647)'),
	(6,  'csat(x, k)',           '(1, 1)'),
	(7,  'csat(x, k)',           '(1, 11)'),
	(8,  'csat_agg(x::numeric, k)', '(1, 1)'),
	(9,  'csat_agg(x::smallint, k)', '(1, 11)'),
	(10, 'csat_agg(x, k)',       '(NULL::int, 1)'),      -- NULL score, bad scale
	(11, 'ces_agg(x, k, d)',     '(1, 1, true)'),
	(12, 'ces_agg(x, k, d)',     '(1, 11, false)'),
	(13, 'ces_agg(x, k, d)',     '(1, 0, true)'),
	(14, 'ces(x, k, d)',         '(1, 11, true)'),
	(15, 'ces(x, k, d)',         '(1, 1, false)'),
	(16, 'ces_agg(x::numeric, k, d)', '(1, 11, true)'),
	(17, 'ces_agg(x, k, d)',     '(NULL::int, 11, true)'),
	-- changing inside a group
	(18, 'csat_agg(x, k)',       '(1, 5), (2, 7)'),
	(19, 'csat(x, k)',           '(1, 5), (2, 5), (3, 4)'),
	(20, 'csat_agg(x, k)',       '(NULL::int, 5), (1, 7)'),
	(21, 'csat_agg(x::numeric, k)', '(1, 7), (2, 5)'),
	(22, 'ces_agg(x, k, d)',     '(1, 5, true), (2, 7, true)'),
	(23, 'ces_agg(x, k, d)',     '(1, 5, true), (2, 5, false)'),
	(24, 'ces(x, k, d)',         '(1, 5, false), (2, 5, true)'),
	(25, 'ces_agg(x::smallint, k, d)', '(1, 7, false), (2, 7, true)'),
	-- accepted
	(26, 'csat_agg(x, k)',       '(1, 2)'),
	(27, 'csat_agg(x, k)',       '(1, 10)'),
	(28, 'csat_agg(x, k)',       '(1, 5), (2, 5)'),
	(29, 'ces_agg(x, k, d)',     '(1, 2, true)'),
	(30, 'ces_agg(x, k, d)',     '(1, 10, false)'),
	(31, 'ces_agg(x, k, d)',     '(5, 5, true), (1, 5, true)')
) AS c(n, call, rows),
	LATERAL cx_test.try_sql(format('SELECT %s::text FROM (VALUES %s) v(x, k, d)',
						   call, CASE WHEN call LIKE 'ces%' THEN rows
									  ELSE regexp_replace(rows, '\)', ', NULL)', 'g') END)) r
ORDER BY n;

-- A NULL scale or direction: NULL or an error, never a crash.
SELECT n, r.outcome = 'ok: NULL' OR r.outcome LIKE '22%' AS null_or_error
FROM (VALUES
	(1, 'SELECT csat_agg(x, NULL::int)::text FROM (VALUES (1)) v(x)'),
	(2, 'SELECT ces_agg(x, NULL::int, true)::text FROM (VALUES (1)) v(x)'),
	(3, 'SELECT ces_agg(x, 5, NULL::bool)::text FROM (VALUES (1)) v(x)'),
	(4, 'SELECT csat(x, NULL::int)::text FROM (VALUES (1)) v(x)')
) AS c(n, q), LATERAL cx_test.try_sql(q) r
ORDER BY n;

--------------------------------------------------------------------------
-- Combining summaries of different scales or directions
--------------------------------------------------------------------------

-- One error shown in full.
SELECT rollup(s) FROM (VALUES ('v1:1..5:0,0,0,0,1'::csat_summary), ('v1:1..7:0,0,0,0,0,0,1')) v(s);

-- 22023, with a message naming both scales (and, for CES, telling the
-- directions apart).
CREATE FUNCTION try_rollup(typ text, a text, b text, OUT outcome text, OUT detail text,
						   OUT names_both bool)
LANGUAGE sql AS $$
	SELECT r.outcome, r.detail,
		   r.outcome LIKE '%' || substring(a from '1\.\.[0-9]+') || '%'
		   AND r.outcome LIKE '%' || substring(b from '1\.\.[0-9]+') || '%'
		   AND ((a LIKE '%lower_is_better%') = (b LIKE '%lower_is_better%')
				OR r.outcome LIKE '%lower%')
	FROM cx_test.try_sql(format('SELECT rollup(s)::text FROM (VALUES (%L::%s), (%L::%s)) v(s)',
						a, typ, b, typ)) r
$$;
SELECT n, typ, a, b, r.outcome, r.detail, r.names_both
FROM (VALUES
	(1, 'csat_summary', 'v1:1..5:0,0,0,0,1', 'v1:1..7:0,0,0,0,0,0,1'),
	(2, 'csat_summary', 'v1:1..7:0,0,0,0,0,0,1', 'v1:1..5:0,0,0,0,1'),
	(3, 'csat_summary', 'v1:1..2:0,0', 'v1:1..10:0,0,0,0,0,0,0,0,0,0'),   -- empty ones too
	(4, 'csat_summary', 'v1:1..4:1,0,0,0', 'v1:1..5:1,0,0,0,0'),
	(5, 'ces_summary',  'v1:1..7:0,0,0,0,0,0,1', 'v1:1..5:lower_is_better:1,0,0,0,0'),
	(6, 'ces_summary',  'v1:1..5:lower_is_better:1,0,0,0,0', 'v1:1..5:1,0,0,0,0'),
	(7, 'ces_summary',  'v1:1..5:1,0,0,0,0', 'v1:1..5:lower_is_better:1,0,0,0,0'),
	(8, 'ces_summary',  'v1:1..5:lower_is_better:0,0,0,0,0', 'v1:1..5:0,0,0,0,0'),
	(9, 'ces_summary',  'v1:1..7:0,0,0,0,0,0,0', 'v1:1..7:lower_is_better:0,0,0,0,0,0,0'),
	(10, 'ces_summary', 'v1:1..5:lower_is_better:1,0,0,0,0', 'v1:1..7:lower_is_better:1,0,0,0,0,0,0'),
	-- accepted: same scale and direction
	(11, 'csat_summary', 'v1:1..7:0,0,0,0,0,0,1', 'v1:1..7:1,0,0,0,0,0,0'),
	(12, 'ces_summary',  'v1:1..5:lower_is_better:1,0,0,0,0', 'v1:1..5:lower_is_better:0,0,0,0,1')
) AS c(n, typ, a, b), LATERAL try_rollup(typ, a, b) r
ORDER BY n;

-- rollup() in a group, and a NULL summary among them (ignored).
SELECT (cx_test.try_sql($q$SELECT rollup(s)::text FROM (VALUES (NULL::csat_summary), ('v1:1..5:1,0,0,0,0'),
	('v1:1..3:1,0,0')) v(s)$q$)).outcome;
SELECT rollup(s) FROM (VALUES (NULL::ces_summary), ('v1:1..5:lower_is_better:1,0,0,0,0'), (NULL)) v(s);

--------------------------------------------------------------------------
-- Accessor arguments
--------------------------------------------------------------------------

-- One error of each kind shown in full.
SELECT csat('v1:1..5:1,0,0,0,1'::csat_summary, 6);
SELECT mean_lower('v1:1..5:1,0,0,0,1'::csat_summary, 1.5);

-- satisfied_min outside 1..k and a confidence level outside (0, 1) are
-- 22023, also for an empty summary (the arguments are wrong whatever the
-- data).  s: CSAT on 1..5, t: on 1..3, e: empty 1..5; c: CES 2.0, l: CES 1.0,
-- f: empty CES.
SELECT n, call, r.outcome, r.detail
FROM (VALUES
	-- satisfied_min
	(1,  'csat(s, 0)'),
	(2,  'csat(s, 6)'),
	(3,  'csat(s, -1)'),
	(4,  'csat(t, 4)'),
	(5,  'csat(e, 6)'),
	(6,  'csat(e, 0)'),
	(7,  'satisfied(s, 0)'),
	(8,  'satisfied(s, 6)'),
	(9,  'satisfied(t, 4)'),
	(10, 'csat_stderr(s, 0)'),
	(11, 'csat_stderr(s, 6)'),
	(12, 'csat_lower(s, 0.95, 0)'),
	(13, 'csat_upper(s, 0.95, 6)'),
	(14, 'csat_lower(e, 0.95, 6)'),
	(15, 'csat_test(s, s, 0.95, 0)'),
	(16, 'csat_test(s, s, 0.95, 6)'),
	(17, 'csat_test(e, e, 0.95, 6)'),
	(18, 'csat(s, 2147483647)'),
	-- confidence
	(19, 'mean_lower(s, 0)'),
	(20, 'mean_lower(s, 1)'),
	(21, 'mean_upper(s, 1.5)'),
	(22, 'mean_upper(s, -0.5)'),
	(23, 'mean_lower(s, ''NaN'')'),
	(24, 'mean_lower(s, ''Infinity'')'),
	(25, 'mean_lower(e, 1.5)'),
	(26, 'mean_lower(c, 0)'),
	(27, 'mean_upper(l, 1)'),
	(28, 'mean_test(s, s, 0)'),
	(29, 'mean_test(s, s, 1)'),
	(30, 'mean_test(c, c, 2)'),
	(31, 'csat_lower(s, 0)'),
	(32, 'csat_lower(s, 1)'),
	(33, 'csat_upper(s, 1.5)'),
	(34, 'csat_upper(e, -1)'),
	(35, 'csat_lower(s, ''NaN'', 4)'),
	(36, 'csat_test(s, s, 0)'),
	(37, 'csat_test(s, s, 1)'),
	(38, 'net_effort_lower(c, 0)'),
	(39, 'net_effort_lower(c, 1)'),
	(40, 'net_effort_upper(l, 1.5)'),
	(41, 'net_effort_upper(f, 0)'),
	(42, 'proportion_test(1, 2, 1, 2, 0)'),
	(43, 'proportion_test(1, 2, 1, 2, 1)'),
	(44, 'mean_test(3.0, 1.0, 10, 4.0, 1.0, 10, 0)'),
	(45, 'mean_test(3.0, 1.0, 10, 4.0, 1.0, 10, 1.5)'),
	-- accepted
	(46, 'csat(s, 1)'),
	(47, 'csat(s, 5)'),
	(48, 'abs(csat(t, 3) - 100 / 3.0) < 1e-12'),        -- 1 of 3 satisfied
	(49, 'csat(e, 5)'),
	(50, 'satisfied(s, 1)'),
	(51, 'csat_lower(s, 0.5, 5) BETWEEN 0 AND 100'),
	(52, 'mean_lower(s, 0.5) BETWEEN 1 AND 5'),
	(53, 'net_effort_upper(c, 0.999) BETWEEN -100 AND 100'),
	(54, 'csat_lower(e)'),
	(55, 'mean_lower(e)'),
	-- a NULL confidence gives NULL (the functions are strict)
	(56, 'mean_lower(s, NULL)'),
	(57, 'net_effort_lower(c, NULL)'),
	-- NULL satisfied_min is the default threshold (4 on 1..5: 1 of 4 -> 25)
	(58, 'csat(s, NULL)'),
	(59, 'satisfied(s, NULL)')
) AS c(n, call),
	LATERAL cx_test.try_sql(format($q$SELECT (%s)::text FROM (SELECT
		'v1:1..5:1,0,2,0,1'::csat_summary AS s, 'v1:1..3:1,1,1'::csat_summary AS t,
		'v1:1..5:0,0,0,0,0'::csat_summary AS e, 'v1:1..7:1,0,0,1,0,0,2'::ces_summary AS c,
		'v1:1..5:lower_is_better:2,1,0,0,1'::ces_summary AS l,
		'v1:1..7:0,0,0,0,0,0,0'::ces_summary AS f) q$q$, call)) r
ORDER BY n;

DROP FUNCTION try_rollup(text, text, text);
