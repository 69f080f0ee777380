--
-- weighted_input: malformed input of the weighted summaries is rejected with
-- the right SQLSTATE and a message naming what was wrong: the text form
-- (22P02 for syntax, 22003 for numbers out of range or sums no weights can
-- make), the binary form (22P03, or 22003 as for text), weights (22003:
-- <= 0, NaN, infinite, above 1e9, rounding to 0), scores (22003), scale
-- arguments (22023, 22004).  Canonical values round-trip exactly.
--

--------------------------------------------------------------------------
-- Text input: accepted values round-trip
--------------------------------------------------------------------------

SELECT n, cx_test.try_in(t, input) = ROW('ok: ' || input, NULL::text) AS round_trips
FROM (VALUES
	(1, 'nps_weighted_summary', 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0'),
	(2, 'nps_weighted_summary', 'v1:0..10:1/0.000001/0.000000000001,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,2/3/5,1/1000000000/1000000000000000000'),
	(3, 'csat_weighted_summary', 'v1:1..5:1/2.5/6.25,0/0/0,0/0/0,0/0/0,3/3/3'),
	(4, 'csat_weighted_summary', 'v1:1..2:0/0/0,0/0/0'),
	(5, 'csat_weighted_summary', 'v1:1..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,9223372036854775807/9223372036854.775807/9223372.036854775807'),
	(6, 'ces_weighted_summary', 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,2/0.3/0.05'),
	(7, 'ces_weighted_summary', 'v1:1..5:lower_is_better:1/1/1,0/0/0,0/0/0,0/0/0,0/0/0')
) AS c(n, t, input)
ORDER BY n;

-- Non-canonical spellings accepted, normalized by the output: whitespace
-- around, zeros past the last decimal place, leading zeros.
SELECT cx_test.line(cx_test.try_in('csat_weighted_summary', ' v1:1..2:1/1.500000000/2.250000000000000,02/002/2 ')) AS normalized;

--------------------------------------------------------------------------
-- Text input: rejected values
--------------------------------------------------------------------------

SELECT n, what, cx_test.line(cx_test.try_in(t, input)) AS outcome
FROM (VALUES
	(1,  'no version',              'nps_weighted_summary', '0..10:0/0/0'),
	(2,  'version 2',               'nps_weighted_summary', 'v2:0..10:0/0/0'),
	(3,  'NPS scale 1..10',         'nps_weighted_summary', 'v1:1..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0'),
	(4,  'unweighted counts',       'csat_weighted_summary', 'v1:1..5:1,0,0,0,0'),
	(5,  'two fields',              'csat_weighted_summary', 'v1:1..5:1/1,0/0/0,0/0/0,0/0/0,0/0/0'),
	(6,  'four fields',             'csat_weighted_summary', 'v1:1..5:1/1/1/1,0/0/0,0/0/0,0/0/0,0/0/0'),
	(7,  'four points',             'csat_weighted_summary', 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0'),
	(8,  'six points',              'csat_weighted_summary', 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0'),
	(9,  'negative count',          'csat_weighted_summary', 'v1:1..5:-1/1/1,0/0/0,0/0/0,0/0/0,0/0/0'),
	(10, 'negative weight sum',     'csat_weighted_summary', 'v1:1..5:1/-1/1,0/0/0,0/0/0,0/0/0,0/0/0'),
	(11, '7 decimals of a weight',  'csat_weighted_summary', 'v1:1..5:1/1.0000001/1,0/0/0,0/0/0,0/0/0,0/0/0'),
	(12, '13 decimals of a square', 'csat_weighted_summary', 'v1:1..5:1/1/1.0000000000001,0/0/0,0/0/0,0/0/0,0/0/0'),
	(13, 'exponent',                'csat_weighted_summary', 'v1:1..5:1/1e0/1,0/0/0,0/0/0,0/0/0,0/0/0'),
	(14, 'NaN weight sum',          'csat_weighted_summary', 'v1:1..5:1/NaN/1,0/0/0,0/0/0,0/0/0,0/0/0'),
	(15, 'point without a digit',   'csat_weighted_summary', 'v1:1..5:1/.5/0.25,0/0/0,0/0/0,0/0/0,0/0/0'),
	(16, 'count past bigint',       'csat_weighted_summary', 'v1:1..5:9223372036854775808/9223372036854.775808/9223372.036854775808,0/0/0,0/0/0,0/0/0,0/0/0'),
	(17, 'total past bigint',       'csat_weighted_summary', 'v1:1..5:9223372036854775807/9223372036854.775807/9223372.036854775807,1/1/1,0/0/0,0/0/0,0/0/0'),
	(18, 'sum past 2^128',          'csat_weighted_summary', 'v1:1..5:1/1/340282366920938463463374607.431768211456,0/0/0,0/0/0,0/0/0,0/0/0'),
	(19, 'weight on no response',   'csat_weighted_summary', 'v1:1..5:0/1/1,0/0/0,0/0/0,0/0/0,0/0/0'),
	(20, 'responses without weight', 'csat_weighted_summary', 'v1:1..5:2/0/0,0/0/0,0/0/0,0/0/0,0/0/0'),
	(21, 'weight below 1e-6 each',  'csat_weighted_summary', 'v1:1..5:2/0.000001/0.000000000001,0/0/0,0/0/0,0/0/0,0/0/0'),
	(22, 'one weight above 1e9',    'csat_weighted_summary', 'v1:1..5:1/1000000000.000001/1000000000000002000.000000000001,0/0/0,0/0/0,0/0/0,0/0/0'),
	(23, 'squares too small',       'csat_weighted_summary', 'v1:1..5:2/2/1.9,0/0/0,0/0/0,0/0/0,0/0/0'),
	(24, 'squares too large',       'csat_weighted_summary', 'v1:1..5:2/2/4.1,0/0/0,0/0/0,0/0/0,0/0/0'),
	(25, 'one response, w^2 != s^2', 'csat_weighted_summary', 'v1:1..5:1/2/4.000000000001,0/0/0,0/0/0,0/0/0,0/0/0'),
	(26, 'CSAT direction',          'csat_weighted_summary', 'v1:1..5:lower_is_better:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0'),
	(27, 'CES unknown word',        'ces_weighted_summary', 'v1:1..5:higher:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0'),
	(28, 'CES 1..11',               'ces_weighted_summary', 'v1:1..11:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0'),
	(29, 'trailing garbage',        'ces_weighted_summary', 'v1:1..2:0/0/0,0/0/0 x'),
	(30, 'empty string',            'nps_weighted_summary', '')
) AS c(n, what, t, input)
ORDER BY n;

-- One error in full.
SELECT 'v1:1..5:1/1.0000001/1,0/0/0,0/0/0,0/0/0,0/0/0'::csat_weighted_summary;

--------------------------------------------------------------------------
-- Binary input
--------------------------------------------------------------------------

CREATE TABLE wbin (s csat_weighted_summary);
-- a point: count, then sum W and sum W^2 as (high, low) int64 pairs
CREATE FUNCTION wpt(c bigint, sh bigint, sl bigint, s2h bigint, s2l bigint) RETURNS bytea
LANGUAGE sql AS $$ SELECT cx_test.int8s(c, sh, sl, s2h, s2l) $$;

SELECT n, what, cx_test.line(cx_test.try_copy('wbin', b)) AS outcome
FROM (VALUES
	(1, 'valid: 1 response of 2.5 on 1..2', '\x010102'::bytea || wpt(1, 0, 2500000, 0, 6250000000000) || wpt(0, 0, 0, 0, 0)),
	(2, 'valid: 2^64 units of W^2',   '\x010102'::bytea || wpt(1, 0, 4294967296, 1, 0) || wpt(0, 0, 0, 0, 0)),
	(3, 'header only',                '\x010102'),
	(4, 'one point short',            '\x010102'::bytea || wpt(0, 0, 0, 0, 0)),
	(5, 'a byte too many',            '\x010102'::bytea || wpt(0, 0, 0, 0, 0) || wpt(0, 0, 0, 0, 0) || '\x00'),
	(6, 'unweighted counts',          '\x010102'::bytea || cx_test.int8s(1, 1)),
	(7, 'version 2',                  '\x020102'::bytea || wpt(0, 0, 0, 0, 0) || wpt(0, 0, 0, 0, 0)),
	(8, 'negative count',             '\x010102'::bytea || wpt(-1, 0, 0, 0, 0) || wpt(0, 0, 0, 0, 0)),
	(9, 'weight without response',    '\x010102'::bytea || wpt(0, 0, 1, 0, 1) || wpt(0, 0, 0, 0, 0)),
	(10, 'W^2 wrong for one response', '\x010102'::bytea || wpt(1, 0, 3, 0, 10) || wpt(0, 0, 0, 0, 0)),
	(11, 'high word of W set',        '\x010102'::bytea || wpt(1, 1, 0, 0, 1) || wpt(0, 0, 0, 0, 0)),
	(12, 'npoints 11',                '\x01010b'::bytea || wpt(0, 0, 0, 0, 0))
) AS c(n, what, b)
ORDER BY n;

--------------------------------------------------------------------------
-- Weights and scores fed to the aggregates
--------------------------------------------------------------------------

SELECT n, what, cx_test.line(cx_test.try_sql(q)) AS outcome
FROM (VALUES
	(1,  'weight 0',              'SELECT nps_weighted_agg(5, 0.0)'),
	(2,  'weight -1',             'SELECT nps_weighted(5, -1.0)'),
	(3,  'weight -0',             $$SELECT nps_weighted_agg(5, '-0'::float8)$$),
	(4,  'weight NaN',            $$SELECT csat_weighted_agg(5, 'NaN'::float8)$$),
	(5,  'weight Infinity',       $$SELECT csat_weighted_agg(5, 'Infinity'::float8, 5)$$),
	(6,  'weight -Infinity',      $$SELECT ces_weighted_agg(5, '-Infinity'::float8)$$),
	(7,  'weight 1e9 + 1',        'SELECT ces_weighted_agg(5, 1000000001, 7, true)'),
	(8,  'weight 4e-7 rounds to 0', 'SELECT nps_weighted_agg(5, 4e-7)'),
	(9,  'weight 1e9: the largest', 'SELECT nps_weighted_agg(5, 1e9)::text'),
	(10, 'weight 6e-7 rounds to 1e-6', 'SELECT nps_weighted_agg(5, 6e-7)::text'),
	(11, 'numeric weight 1e400',  'SELECT nps_weighted_agg(5, 1e400::numeric)'),
	(12, 'score 11',              'SELECT nps_weighted_agg(11, 1.0)'),
	(13, 'score -1 (bigint)',     'SELECT nps_weighted_agg(-1::bigint, 1.0)'),
	(14, 'score 2.5',             'SELECT nps_weighted_agg(2.5::float8, 1.0)'),
	(15, 'score 2.5 (numeric)',   'SELECT csat_weighted_agg(2.5, 1.0)'),
	(16, 'score 6 on 1..5',       'SELECT csat_weighted_agg(6, 1.0)'),
	(17, 'score 8 on 1..7',       'SELECT ces_weighted_agg(8::smallint, 1.0, 7, false)'),
	(18, 'scale 1..11',           'SELECT csat_weighted_agg(5, 1.0, 11)'),
	(19, 'scale 1..1',            'SELECT ces_weighted_agg(1, 1.0, 1, true)'),
	(20, 'NULL scale',            'SELECT csat_weighted_agg(5, 1.0, NULL)'),
	(21, 'NULL direction',        'SELECT ces_weighted_agg(5, 1.0, 7, NULL)'),
	(22, 'scale changes',         'SELECT csat_weighted_agg(s, 1.0, k) FROM (VALUES (1, 5), (1, 7)) v(s, k)'),
	(23, 'NULL score and weight: empty summary', 'SELECT csat_weighted_agg(NULL::int, NULL::float8, 3)::text'),
	-- 340282366 responses of weight 1e9: sum w^2 = 3.40282366e26 (in units of
	-- 1e-12: 3.40282366e38, below 2^128 = 3.4028236692e38); one more overflows
	(24, 'rollup: sum W^2 past 2^128', $$SELECT rollup(s) FROM (VALUES ('v1:1..2:340282366/340282366000000000/340282366000000000000000000,0/0/0'::csat_weighted_summary), ('v1:1..2:1/1000000000/1000000000000000000,0/0/0')) v(s)$$),
	(25, 'the same, one response fewer', $$SELECT rollup(s)::text FROM (VALUES ('v1:1..2:340282365/340282365000000000/340282365000000000000000000,0/0/0'::csat_weighted_summary), ('v1:1..2:1/1000000000/1000000000000000000,0/0/0')) v(s)$$)
) AS c(n, what, q)
ORDER BY n;

-- the weight error in full
SELECT nps_weighted_agg(score, w) FROM (VALUES (5, 1.0), (6, -2.5)) v(score, w);

DROP TABLE wbin;
DROP FUNCTION wpt(bigint, bigint, bigint, bigint, bigint);
