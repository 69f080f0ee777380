--
-- csat_ces_binary: the binary forms of csat_summary and ces_summary
-- (send/recv).  Binary COPY round-trips every value exactly, the send
-- functions write the documented bytes, and the receive functions reject
-- every malformed field with 22P03 (a total of the counts past bigint:
-- 22003) instead of storing it.
--
-- The binary forms (src/cx_summary.c): 1 byte format version (1), 1 byte lo
-- (signed, 1), 1 byte npoints (k, 2..10); ces_summary then has 1 direction
-- byte (0: higher is easier, 1: lower is easier); then k big-endian int64
-- counts, and nothing after them.
--
-- The files live in the data directory (needs a superuser, as pg_regress
-- runs).  The binary COPY helpers are in test/sql/setup.sql.
--

SELECT current_setting('data_directory') || '/csat_ces_binary_rt.bin' AS rt_file \gset
SELECT cx_test.copy_file() AS copy_file \gset

--------------------------------------------------------------------------
-- the send functions write the documented bytes
--------------------------------------------------------------------------

-- Computed by hand: version 01, lo 01, npoints 05, then the counts of scores
-- 1..5: 1, 0, 258 (0x102), 0, 4294967296 (2^32).
SELECT encode(csat_summary_send('v1:1..5:1,0,258,0,4294967296'), 'hex') =
	'01' || '01' || '05'
	|| '0000000000000001' || '0000000000000000' || '0000000000000102'
	|| '0000000000000000' || '0000000100000000' AS csat_send_bytes_as_documented;
-- CES 1.0: version 01, lo 01, npoints 05, direction 01, counts 7, 0, 0, 0, 1;
-- CES 2.0: direction 00, npoints 07.
SELECT encode(ces_summary_send('v1:1..5:lower_is_better:7,0,0,0,1'), 'hex') =
	'01' || '01' || '05' || '01'
	|| '0000000000000007' || '0000000000000000' || '0000000000000000'
	|| '0000000000000000' || '0000000000000001' AS ces_1_0_send_bytes_as_documented,
	   encode(ces_summary_send('v1:1..7:0,0,0,0,0,0,2'), 'hex') =
	'01' || '01' || '07' || '00' || repeat('0000000000000000', 6) || '0000000000000002'
	   AS ces_2_0_send_bytes_as_documented;

-- Lengths: 3 + 8 k bytes for CSAT, 4 + 8 k for CES.
SELECT k, length(csat_summary_send(format('v1:1..%s:%s', k, repeat('0,', k - 1) || '0')::csat_summary)) AS csat_bytes,
	   length(ces_summary_send(format('v1:1..%s:%s', k, repeat('0,', k - 1) || '0')::ces_summary)) AS ces_bytes
FROM (VALUES (2), (5), (7), (10)) v(k);

--------------------------------------------------------------------------
-- binary COPY round trip
--------------------------------------------------------------------------

CREATE TABLE csat_ces_binary_src (id int PRIMARY KEY, s csat_summary, c ces_summary);
INSERT INTO csat_ces_binary_src VALUES
	(1, 'v1:1..5:0,0,0,0,0', 'v1:1..7:0,0,0,0,0,0,0'),                         -- empty
	(2, 'v1:1..5:1,2,3,4,5', 'v1:1..5:lower_is_better:1,2,3,4,5'),
	(3, 'v1:1..2:9223372036854775807,0', 'v1:1..2:lower_is_better:0,9223372036854775807'),  -- INT64_MAX
	(4, 'v1:1..10:1,2,3,4,5,6,7,8,9,10', 'v1:1..10:1,2,3,4,5,6,7,8,9,10'),
	(5, 'v1:1..5:4611686018427387904,0,0,0,4611686018427387903',
		'v1:1..5:4611686018427387904,0,0,0,4611686018427387903'),                 -- total INT64_MAX
	(6, 'v1:1..3:1,258,4294967296', 'v1:1..5:1,0,0,0,0'),                       -- higher is easier on 1..5
	(7, NULL, NULL),
	(8, (SELECT csat_agg(1 + x % 7, 7) FROM generate_series(1, 1000) x),
		(SELECT ces_agg(1 + x % 5, 5, true) FROM generate_series(1, 1000) x)),
	(9, (SELECT csat_agg(x, 4) FROM (VALUES (NULL::int)) v(x)),                -- empty, from an aggregate
		(SELECT ces_agg(x, 6, true) FROM (VALUES (NULL::int)) v(x)));

COPY csat_ces_binary_src TO :'rt_file' WITH (FORMAT binary);
CREATE TABLE csat_ces_binary_dst (id int PRIMARY KEY, s csat_summary, c ces_summary);
COPY csat_ces_binary_dst FROM :'rt_file' WITH (FORMAT binary);

-- Every row comes back equal, by = and as text, direction included; NULL stays NULL.
SELECT id, a.s = b.s AS csat_equal, a.s::text = b.s::text AS csat_same_text,
	   a.c = b.c AS ces_equal, a.c::text = b.c::text AS ces_same_text,
	   lower_is_better(a.c) IS NOT DISTINCT FROM lower_is_better(b.c) AS same_direction,
	   a.s IS NULL AND b.s IS NULL AND a.c IS NULL AND b.c IS NULL AS all_null, b.c
FROM csat_ces_binary_src a FULL JOIN csat_ces_binary_dst b USING (id)
ORDER BY id;

-- The file holds exactly what the send functions give, field by field.
SELECT pg_read_binary_file(:'rt_file') =
	cx_test.copy_binary((SELECT string_agg(cx_test.copy_tuple(int4send(id), csat_summary_send(s), ces_summary_send(c)),
										   ''::bytea ORDER BY ctid)
						 FROM csat_ces_binary_src)) AS file_is_send_bytes;

--------------------------------------------------------------------------
-- malformed binary input
--------------------------------------------------------------------------

-- cx_test.write_copy_file() writes a binary COPY file of one tuple with one
-- field holding the given bytes (NULL: a NULL field); cx_test.try_copy()
-- COPYs it into a one-column table of the given type and reports "ok:
-- value" or "SQLSTATE: message" plus the DETAIL.  cx_test.int8s() gives
-- counts as the binary forms store them (big-endian int64), cx_test.zeros(n)
-- n zero counts.
CREATE TABLE csat_binary_in (s csat_summary);
CREATE TABLE ces_binary_in (s ces_summary);

-- One error of each type shown in full, with the COPY context.
SELECT cx_test.write_copy_file('\x010105'::bytea || cx_test.zeros(4));
COPY csat_binary_in FROM :'copy_file' WITH (FORMAT binary);
SELECT cx_test.write_copy_file('\x01010502'::bytea || cx_test.zeros(5));
COPY ces_binary_in FROM :'copy_file' WITH (FORMAT binary);

-- csat_summary: malformed bytes are 22P03; a total past bigint is 22003.
SELECT n, what, r.outcome, r.detail
FROM (VALUES
	(1,  'empty field',                 '\x'::bytea),
	(2,  'header: 1 byte',              '\x01'),
	(3,  'header: 2 bytes',             '\x0101'),
	(4,  'header only, no counts',      '\x010105'),
	(5,  'version 0',                   '\x000105' || cx_test.zeros(5)),
	(6,  'version 2',                   '\x020105' || cx_test.zeros(5)),
	(7,  'version 255',                 '\xff0105' || cx_test.zeros(5)),
	(8,  'lo 0',                        '\x010005' || cx_test.zeros(5)),
	(9,  'lo 2',                        '\x010205' || cx_test.zeros(5)),
	(10, 'lo -1',                       '\x01ff05' || cx_test.zeros(5)),
	(11, 'an NPS value (lo 0, 11 points)', '\x01000b' || cx_test.zeros(11)),
	(12, 'npoints 0, no counts',        '\x010100'),
	(13, 'npoints 1, 1 count',          '\x010101' || cx_test.zeros(1)),
	(14, 'npoints 11, 11 counts',       '\x01010b' || cx_test.zeros(11)),
	(15, 'npoints 255, 5 counts',       '\x0101ff' || cx_test.zeros(5)),
	(16, '4 counts',                    '\x010105' || cx_test.zeros(4)),
	(17, '4.5 counts',                  '\x010105' || cx_test.zeros(4) || '\x00000000'),
	(18, '5 counts + 1 byte',           '\x010105' || cx_test.zeros(5) || '\x00'),
	(19, '6 counts',                    '\x010105' || cx_test.zeros(6)),
	(20, 'a CES 1.0 value (direction byte)', '\x01010501' || cx_test.zeros(5)),
	(21, 'count -1',                    '\x010105' || cx_test.int8s(0,0,-1,0,0)),
	(22, 'count INT64_MIN',             '\x010105' || cx_test.int8s(0,0,0,0,-9223372036854775808)),
	(23, 'total INT64_MAX + 1',         '\x010105' || cx_test.int8s(9223372036854775807,1,0,0,0)),
	(24, 'total 2^62 + 2^62',           '\x010105' || cx_test.int8s(4611686018427387904,0,0,0,4611686018427387904)),
	-- accepted
	(25, 'valid',                       '\x010105' || cx_test.int8s(1,0,258,0,4294967296)),
	(26, 'valid, 1..2',                 '\x010102' || cx_test.int8s(3,4)),
	(27, 'valid, 1..10, empty',         '\x01010a' || cx_test.zeros(10)),
	(28, 'valid, total INT64_MAX',      '\x010105' || cx_test.int8s(4611686018427387904,0,0,0,4611686018427387903)),
	(29, 'NULL field',                  NULL)
) AS c(n, what, field), LATERAL cx_test.try_copy('csat_binary_in', field) r
ORDER BY n;

-- ces_summary: the same, plus the direction byte.
SELECT n, what, r.outcome, r.detail
FROM (VALUES
	(1,  'empty field',                 '\x'::bytea),
	(2,  'header: 2 bytes',             '\x0101'),
	(3,  'header: 3 bytes, no direction', '\x010107'),
	(4,  'header only, no counts',      '\x01010700'),
	(5,  'version 0',                   '\x00010700' || cx_test.zeros(7)),
	(6,  'version 2',                   '\x02010501' || cx_test.zeros(5)),
	(7,  'lo 0',                        '\x01000700' || cx_test.zeros(7)),
	(8,  'lo 2',                        '\x01020501' || cx_test.zeros(5)),
	(9,  'npoints 1',                   '\x01010100' || cx_test.zeros(1)),
	(10, 'npoints 11',                  '\x01010b01' || cx_test.zeros(11)),
	(11, 'npoints 0',                   '\x01010000'),
	(12, 'direction 2',                 '\x01010502' || cx_test.zeros(5)),
	(13, 'direction 255',               '\x010105ff' || cx_test.zeros(5)),
	(14, 'no direction byte (a CSAT value)', '\x010107' || cx_test.zeros(7)),
	(15, '6 counts for 7 points',       '\x01010700' || cx_test.zeros(6)),
	(16, '7 counts + 1 byte',           '\x01010700' || cx_test.zeros(7) || '\x00'),
	(17, '8 counts for 7 points',       '\x01010700' || cx_test.zeros(8)),
	(18, '4 counts for 5 points, lower', '\x01010501' || cx_test.zeros(4)),
	(19, 'count -1',                    '\x01010501' || cx_test.int8s(0,0,-1,0,0)),
	(20, 'count INT64_MIN',             '\x01010700' || cx_test.int8s(0,0,0,0,0,0,-9223372036854775808)),
	(21, 'total INT64_MAX + 1',         '\x01010501' || cx_test.int8s(9223372036854775807,1,0,0,0)),
	(22, 'total 2^62 + 2^62',           '\x01010700' || cx_test.int8s(4611686018427387904,0,0,0,0,0,4611686018427387904)),
	-- accepted
	(23, 'valid, CES 2.0',              '\x01010700' || cx_test.int8s(1,0,0,258,0,0,4294967296)),
	(24, 'valid, CES 1.0',              '\x01010501' || cx_test.int8s(7,0,0,0,1)),
	(25, 'valid, 1..5 higher',          '\x01010500' || cx_test.int8s(7,0,0,0,1)),
	(26, 'valid, 1..2 lower, empty',    '\x01010201' || cx_test.zeros(2)),
	(27, 'valid, 1..10 higher',         '\x01010a00' || cx_test.int8s(1,2,3,4,5,6,7,8,9,10)),
	(28, 'NULL field',                  NULL)
) AS c(n, what, field), LATERAL cx_test.try_copy('ces_binary_in', field) r
ORDER BY n;

-- A valid field is accepted, and equals the value of its text form.
SELECT cx_test.write_copy_file('\x01010501' || cx_test.int8s(7,0,0,0,1));
TRUNCATE ces_binary_in;
COPY ces_binary_in FROM :'copy_file' WITH (FORMAT binary);
SELECT s, s = 'v1:1..5:lower_is_better:7,0,0,0,1'::ces_summary AS equals_text_form,
	   lower_is_better(s), easy(s), difficult(s)
FROM ces_binary_in;

DROP TABLE csat_ces_binary_src, csat_ces_binary_dst, csat_binary_in, ces_binary_in;
