--
-- nps_binary: the binary form of nps_summary (send/recv).  Binary COPY
-- round-trips every value exactly, nps_summary_send() writes the documented
-- bytes, and nps_summary_recv() rejects every malformed field with 22P03 (a
-- total of the counts past bigint: 22003) instead of storing it.
--
-- The binary form: 1 byte format version (1), 1 byte lo (signed, 0), 1 byte
-- npoints (11), then 11 big-endian int64 counts, and nothing after them.
--
-- The files live in the data directory (COPY TO a file needs an absolute
-- path; needs a superuser, as pg_regress runs).  The binary COPY helpers are
-- in test/sql/setup.sql.
--

SELECT current_setting('data_directory') || '/nps_binary_rt.bin' AS rt_file \gset
SELECT cx_test.copy_file() AS copy_file \gset

--------------------------------------------------------------------------
-- (a) nps_summary_send() writes the documented bytes
--------------------------------------------------------------------------

-- Computed by hand: version 01, lo 00, npoints 0b, then the counts of scores
-- 0..10 as big-endian int64: 1, 0, 0, 0, 0, 258 (0x102), 0, 0, 0, 0,
-- 4294967296 (2^32).
SELECT encode(nps_summary_send('v1:0..10:1,0,0,0,0,258,0,0,0,0,4294967296'), 'hex') =
	'01' || '00' || '0b'
	|| '0000000000000001'
	|| '0000000000000000' || '0000000000000000' || '0000000000000000' || '0000000000000000'
	|| '0000000000000102'
	|| '0000000000000000' || '0000000000000000' || '0000000000000000' || '0000000000000000'
	|| '0000000100000000' AS send_bytes_as_documented;

-- The extreme count, and the empty summary: 3 + 11 * 8 = 91 bytes each.
SELECT encode(nps_summary_send(s), 'hex') AS send_hex, length(nps_summary_send(s)) AS bytes
FROM (VALUES ('v1:0..10:0,0,0,0,0,0,0,0,0,0,9223372036854775807'::nps_summary),
			 ('v1:0..10:0,0,0,0,0,0,0,0,0,0,0')) v(s);

--------------------------------------------------------------------------
-- (a) binary COPY round trip
--------------------------------------------------------------------------

CREATE TABLE nps_binary_src (id int PRIMARY KEY, s nps_summary);
INSERT INTO nps_binary_src VALUES
	(1, 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0'),                      -- empty
	(2, 'v1:0..10:1,2,3,4,5,6,7,8,9,10,11'),
	(3, 'v1:0..10:9223372036854775807,0,0,0,0,0,0,0,0,0,0'),    -- INT64_MAX, first slot
	(4, 'v1:0..10:0,0,0,0,0,0,0,0,0,0,9223372036854775807'),    -- INT64_MAX, last slot
	(5, 'v1:0..10:4611686018427387904,0,0,0,0,0,0,0,0,0,4611686018427387903'),  -- total INT64_MAX
	(6, 'v1:0..10:1,0,0,0,0,258,0,0,0,0,4294967296'),
	(7, NULL),
	(8, (SELECT nps_agg(x % 11) FROM generate_series(1, 1000) x)),
	(9, (SELECT nps_agg(x) FROM (VALUES (NULL::int)) v(x)));    -- empty, from an aggregate

COPY nps_binary_src TO :'rt_file' WITH (FORMAT binary);
CREATE TABLE nps_binary_dst (id int PRIMARY KEY, s nps_summary);
COPY nps_binary_dst FROM :'rt_file' WITH (FORMAT binary);

-- Every row comes back equal, by the = operator and as text; NULL stays NULL.
SELECT id, a.s = b.s AS equal, a.s::text = b.s::text AS same_text,
	a.s IS NULL AND b.s IS NULL AS both_null, b.s
FROM nps_binary_src a FULL JOIN nps_binary_dst b USING (id)
ORDER BY id;

-- The file holds exactly what nps_summary_send() gives, field by field: the
-- PGCOPY header, per row 2 fields (int4 id, then the summary or -1 for
-- NULL), and the trailer.
SELECT pg_read_binary_file(:'rt_file') =
	cx_test.copy_binary((SELECT string_agg(cx_test.copy_tuple(int4send(id), nps_summary_send(s)),
										   ''::bytea ORDER BY ctid)
						 FROM nps_binary_src)) AS file_is_send_bytes;

--------------------------------------------------------------------------
-- (b) malformed binary input
--------------------------------------------------------------------------

-- cx_test.write_copy_file() writes a binary COPY file of one tuple with one
-- field holding the given bytes (NULL: a NULL field); cx_test.try_copy()
-- COPYs it into nps_binary_in and reports "ok: value" or "SQLSTATE: message"
-- plus the DETAIL.  cx_test.int8s() gives counts as the binary form stores
-- them (big-endian int64), cx_test.zeros(n) n zero counts.
CREATE TABLE nps_binary_in (s nps_summary);

-- One error shown in full, with the COPY context.
SELECT cx_test.write_copy_file('\x02000b'::bytea || cx_test.zeros(11));
COPY nps_binary_in FROM :'copy_file' WITH (FORMAT binary);

-- Malformed bytes are 22P03; a total past bigint is 22003, as in text input.
SELECT n, what, r.outcome, r.detail
FROM (VALUES
	(1,  'empty field',                 '\x'::bytea),
	(2,  'header: 1 byte',              '\x01'),
	(3,  'header: 2 bytes',             '\x0100'),
	(4,  'header only, no counts',      '\x01000b'),
	(5,  'version 0',                   '\x00000b' || cx_test.zeros(11)),
	(6,  'version 2',                   '\x02000b' || cx_test.zeros(11)),
	(7,  'version 255',                 '\xff000b' || cx_test.zeros(11)),
	(8,  'lo 1',                        '\x01010b' || cx_test.zeros(11)),
	(9,  'lo -1',                       '\x01ff0b' || cx_test.zeros(11)),
	(10, 'npoints 10, 10 counts',       '\x01000a' || cx_test.zeros(10)),
	(11, 'npoints 10, 11 counts',       '\x01000a' || cx_test.zeros(11)),
	(12, 'npoints 12, 12 counts',       '\x01000c' || cx_test.zeros(12)),
	(13, 'npoints 0, no counts',        '\x010000'),
	(14, 'npoints 255, 11 counts',      '\x0100ff' || cx_test.zeros(11)),
	(15, '10 counts',                   '\x01000b' || cx_test.zeros(10)),
	(16, '10.5 counts',                 '\x01000b' || cx_test.zeros(10) || '\x00000000'),
	(17, '11 counts + 1 byte',          '\x01000b' || cx_test.zeros(11) || '\x00'),
	(18, '11 counts + 8 bytes',         '\x01000b' || cx_test.zeros(12)),
	(19, 'count -1',                    '\x01000b' || cx_test.int8s(0,0,0,0,0,-1,0,0,0,0,0)),
	(20, 'count INT64_MIN',             '\x01000b' || cx_test.int8s(0,0,0,0,0,0,0,0,0,0,-9223372036854775808)),
	(21, 'total INT64_MAX + 1',         '\x01000b' || cx_test.int8s(9223372036854775807,1,0,0,0,0,0,0,0,0,0)),
	(22, 'total 2^62 + 2^62',           '\x01000b' || cx_test.int8s(4611686018427387904,0,0,0,0,0,0,0,0,0,4611686018427387904)),
	(23, 'every count INT64_MAX',       '\x01000b' || cx_test.int8s(VARIADIC array_fill(9223372036854775807, ARRAY[11]))),
	-- accepted
	(24, 'valid',                       '\x01000b' || cx_test.int8s(1,0,0,0,0,258,0,0,0,0,4294967296)),
	(25, 'valid, empty',                '\x01000b' || cx_test.zeros(11)),
	(26, 'valid, total INT64_MAX',      '\x01000b' || cx_test.int8s(4611686018427387904,0,0,0,0,0,0,0,0,0,4611686018427387903)),
	(27, 'NULL field',                  NULL)
) AS c(n, what, field), LATERAL cx_test.try_copy('nps_binary_in', field) r
ORDER BY n;

-- A valid field is accepted, and equals the value of its text form.
SELECT cx_test.write_copy_file('\x01000b' || cx_test.int8s(1,0,0,0,0,258,0,0,0,0,4294967296));
TRUNCATE nps_binary_in;
COPY nps_binary_in FROM :'copy_file' WITH (FORMAT binary);
SELECT s, s = 'v1:0..10:1,0,0,0,0,258,0,0,0,0,4294967296'::nps_summary AS equals_text_form,
	responses(s)
FROM nps_binary_in;

DROP TABLE nps_binary_src, nps_binary_dst, nps_binary_in;
