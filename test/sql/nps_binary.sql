--
-- nps_binary: the binary form of nps_summary (send/recv).  Binary COPY
-- round-trips every value exactly, nps_summary_send() writes the documented
-- bytes, and nps_summary_recv() rejects every malformed field with 22P03 (a
-- total of the counts past bigint: 22003) instead of storing it.
--
-- The binary form: 1 byte format version (1), 1 byte lo (signed, 0), 1 byte
-- npoints (11), then 11 big-endian int64 counts, and nothing after them.
--
-- The files live in the data directory, under names no other test uses:
-- COPY TO a file needs an absolute path, COPY FROM and lo_export() take one
-- relative to the data directory.  Needs a superuser, as pg_regress runs.
--

SELECT current_setting('data_directory') || '/nps_binary_rt.bin' AS rt_file \gset
SELECT count(*) AS lo_before FROM pg_largeobject_metadata \gset

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
	'\x5047434f50590aff0d0a00'::bytea || '\x00000000' || '\x00000000'
	|| (SELECT string_agg('\x0002'::bytea || '\x00000004' || int4send(id)
						  || CASE WHEN s IS NULL THEN '\xffffffff'::bytea
							 ELSE int4send(length(nps_summary_send(s))) || nps_summary_send(s) END,
						  ''::bytea ORDER BY ctid)
		FROM nps_binary_src)
	|| '\xffff' AS file_is_send_bytes;

--------------------------------------------------------------------------
-- (b) malformed binary input
--------------------------------------------------------------------------

-- write_copy_file() writes a binary COPY file of one tuple with one field
-- holding the given bytes (NULL: a NULL field) to nps_binary_bad.bin in the
-- data directory.  try_copy() then COPYs it into nps_binary_in and reports
-- "ok: value" or "SQLSTATE: message" plus the DETAIL.
CREATE TABLE nps_binary_in (s nps_summary);

CREATE FUNCTION write_copy_file(field bytea) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	l oid;
BEGIN
	l := lo_from_bytea(0,
		'\x5047434f50590aff0d0a00'::bytea		-- signature 'PGCOPY\n\377\r\n\0'
		|| '\x00000000'::bytea					-- flags
		|| '\x00000000'::bytea					-- header extension length
		|| '\x0001'::bytea						-- the tuple has one field
		|| CASE WHEN field IS NULL THEN int4send(-1)
			ELSE int4send(length(field)) || field END
		|| '\xffff'::bytea);					-- trailer
	-- a separate statement: lo_export() must see the new large object
	PERFORM lo_export(l, 'nps_binary_bad.bin');
	PERFORM lo_unlink(l);
END
$$;

CREATE FUNCTION try_copy(field bytea, OUT outcome text, OUT detail text)
LANGUAGE plpgsql AS $$
DECLARE
	v text;
BEGIN
	PERFORM write_copy_file(field);
	TRUNCATE nps_binary_in;
	COPY nps_binary_in FROM 'nps_binary_bad.bin' WITH (FORMAT binary);
	SELECT s::text INTO STRICT v FROM nps_binary_in;
	outcome := 'ok: ' || coalesce(v, 'NULL');
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	outcome := SQLSTATE || ': ' || SQLERRM;
END
$$;

-- The counts as big-endian int64, the way the binary form stores them.
CREATE FUNCTION counts(VARIADIC c bigint[]) RETURNS bytea
LANGUAGE sql AS $$
	SELECT coalesce(string_agg(int8send(x), ''::bytea ORDER BY i), '')
	FROM unnest(c) WITH ORDINALITY u(x, i)
$$;

-- n zero counts.
CREATE FUNCTION zeros(n int) RETURNS bytea
LANGUAGE sql AS $$
	SELECT coalesce(string_agg(int8send(0), ''::bytea), '') FROM generate_series(1, n)
$$;

-- One error shown in full, with the COPY context.
SELECT write_copy_file('\x02000b'::bytea || zeros(11));
COPY nps_binary_in FROM 'nps_binary_bad.bin' WITH (FORMAT binary);

-- Malformed bytes are 22P03; a total past bigint is 22003, as in text input.
SELECT n, what, r.outcome, r.detail
FROM (VALUES
	(1,  'empty field',                 '\x'::bytea),
	(2,  'header: 1 byte',              '\x01'),
	(3,  'header: 2 bytes',             '\x0100'),
	(4,  'header only, no counts',      '\x01000b'),
	(5,  'version 0',                   '\x00000b' || zeros(11)),
	(6,  'version 2',                   '\x02000b' || zeros(11)),
	(7,  'version 255',                 '\xff000b' || zeros(11)),
	(8,  'lo 1',                        '\x01010b' || zeros(11)),
	(9,  'lo -1',                       '\x01ff0b' || zeros(11)),
	(10, 'npoints 10, 10 counts',       '\x01000a' || zeros(10)),
	(11, 'npoints 10, 11 counts',       '\x01000a' || zeros(11)),
	(12, 'npoints 12, 12 counts',       '\x01000c' || zeros(12)),
	(13, 'npoints 0, no counts',        '\x010000'),
	(14, 'npoints 255, 11 counts',      '\x0100ff' || zeros(11)),
	(15, '10 counts',                   '\x01000b' || zeros(10)),
	(16, '10.5 counts',                 '\x01000b' || zeros(10) || '\x00000000'),
	(17, '11 counts + 1 byte',          '\x01000b' || zeros(11) || '\x00'),
	(18, '11 counts + 8 bytes',         '\x01000b' || zeros(12)),
	(19, 'count -1',                    '\x01000b' || counts(0,0,0,0,0,-1,0,0,0,0,0)),
	(20, 'count INT64_MIN',             '\x01000b' || counts(0,0,0,0,0,0,0,0,0,0,-9223372036854775808)),
	(21, 'total INT64_MAX + 1',         '\x01000b' || counts(9223372036854775807,1,0,0,0,0,0,0,0,0,0)),
	(22, 'total 2^62 + 2^62',           '\x01000b' || counts(4611686018427387904,0,0,0,0,0,0,0,0,0,4611686018427387904)),
	(23, 'every count INT64_MAX',       '\x01000b' || counts(VARIADIC array_fill(9223372036854775807, ARRAY[11]))),
	-- accepted
	(24, 'valid',                       '\x01000b' || counts(1,0,0,0,0,258,0,0,0,0,4294967296)),
	(25, 'valid, empty',                '\x01000b' || zeros(11)),
	(26, 'valid, total INT64_MAX',      '\x01000b' || counts(4611686018427387904,0,0,0,0,0,0,0,0,0,4611686018427387903)),
	(27, 'NULL field',                  NULL)
) AS c(n, what, field), LATERAL try_copy(field) r
ORDER BY n;

-- A valid field is accepted, and equals the value of its text form.
SELECT write_copy_file('\x01000b' || counts(1,0,0,0,0,258,0,0,0,0,4294967296));
TRUNCATE nps_binary_in;
COPY nps_binary_in FROM 'nps_binary_bad.bin' WITH (FORMAT binary);
SELECT s, s = 'v1:0..10:1,0,0,0,0,258,0,0,0,0,4294967296'::nps_summary AS equals_text_form,
	responses(s)
FROM nps_binary_in;

-- No large object is left behind.
SELECT count(*) = :lo_before AS no_large_object_left FROM pg_largeobject_metadata;

DROP FUNCTION try_copy(bytea);
DROP FUNCTION write_copy_file(bytea);
DROP FUNCTION counts(bigint[]);
DROP FUNCTION zeros(int);
DROP TABLE nps_binary_src, nps_binary_dst, nps_binary_in;
