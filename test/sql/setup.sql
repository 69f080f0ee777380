--
-- setup: the helpers the regression tests share, in schema cx_test.  It runs
-- first (the Makefile's REGRESS and test/run put it before the others, also
-- before a single test run by name); pg_regress runs every file in the one
-- database, so what is made here is there for the files after it.  Each
-- helper is checked here, against cases whose answer is known, so that a
-- test that fails shows a fault of the extension, not of a helper.
--
-- Helpers:
--   try_sql(query [, result_query])  run a query of one value and report
--                       the outcome: ('ok: value', NULL) or
--                       ('SQLSTATE: message', detail); with result_query, run
--                       query for its effect and report that one's value
--   try_in(type, input) try_sql of one text input of a type
--   try_exec(statement) run a statement: 'ok' or 'SQLSTATE: message'
--   line(outcome)       an outcome on one line: 'outcome / detail'
--   shown(text)         tabs and newlines escaped, so a case fits one line
--   write_copy_file(field), copy_file()
--                       a binary COPY file of one tuple of one bytea field
--                       (NULL: a NULL field), and its path
--   try_copy(table, field)  COPY that file into a table whose column s is
--                       of a summary type; the outcome as try_sql's
--   copy_tuple(fields...), copy_binary(tuples)
--                       the bytes of binary COPY, assembled by hand
--   int8s(values...), zeros(n)  big-endian int64 values, n zeros
--   plan(query), plan_nodes(query), plan_has(query, node),
--   plan_values(query, key)
--                       the plan of a query (EXPLAIN (COSTS OFF, FORMAT
--                       JSON)): its nodes named as the text EXPLAIN names
--                       them ('Partial Aggregate', 'Parallel Seq Scan'), and
--                       the values of a field ('Hash Cond', 'Index Name')
--   parallel_aggregation(query)  booleans: partial and finalize
--                       aggregates, a parallel scan; the workers planned
--   force_parallel()    parallel plans forced for the session
--   normal_cdf(x)       an independent normal CDF
--   levels              confidence levels and their published critical values
--

CREATE SCHEMA cx_test;
COMMENT ON SCHEMA cx_test IS 'helpers shared by the regression tests (test/sql/setup.sql)';
-- some tests run helpers as roles of their own, not superusers
GRANT USAGE ON SCHEMA cx_test TO PUBLIC;

--------------------------------------------------------------------------
-- Outcomes of queries that may fail
--------------------------------------------------------------------------

CREATE TYPE cx_test.outcome AS (outcome text, detail text);

CREATE FUNCTION cx_test.try_sql(query text, result_query text DEFAULT NULL)
RETURNS cx_test.outcome
LANGUAGE plpgsql AS $$
DECLARE
	v text;
	r cx_test.outcome;
BEGIN
	IF result_query IS NULL THEN
		EXECUTE query INTO v;
	ELSE
		EXECUTE query;
		EXECUTE result_query INTO v;
	END IF;
	r.outcome := 'ok: ' || coalesce(v, 'NULL');
	RETURN r;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS r.detail = PG_EXCEPTION_DETAIL;
	r.outcome := SQLSTATE || ': ' || SQLERRM;
	RETURN r;
END
$$;

CREATE FUNCTION cx_test.try_in(typ text, input text) RETURNS cx_test.outcome
LANGUAGE sql AS $$
	SELECT cx_test.try_sql(format('SELECT %L::%s::text', input, typ))
$$;

CREATE FUNCTION cx_test.try_exec(statement text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE statement;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

CREATE FUNCTION cx_test.line(o cx_test.outcome) RETURNS text
LANGUAGE sql AS $$
	SELECT o.outcome || coalesce(' / ' || nullif(o.detail, ''), '')
$$;

CREATE FUNCTION cx_test.shown(input text) RETURNS text
LANGUAGE sql AS $$
	SELECT replace(replace(input, E'\t', '\t'), E'\n', '\n')
$$;

-- A value, an error with its detail, an error without one, a statement run
-- for its effect, and the outcome of the whole of it on one line.
SELECT n, (r).outcome, (r).detail, cx_test.line(r) AS line
FROM (VALUES
	(1, cx_test.try_sql('SELECT 6 * 7')),
	(2, cx_test.try_sql('SELECT NULL::int')),
	(3, cx_test.try_sql('SELECT ''12''::int / 0')),
	(4, cx_test.try_sql($$SELECT '{1,2'::int[]$$)),
	(5, cx_test.try_sql('CREATE TEMP TABLE t AS SELECT 3 AS x', 'SELECT x + 1 FROM t')),
	(6, cx_test.try_sql('SELECT 1', 'SELECT x FROM no_such_table')),
	(7, cx_test.try_in('int', ' 17 ')),
	(8, cx_test.try_in('int', 'seventeen'))
) AS c(n, r)
ORDER BY n;
-- the temp table of case 5 is there; try_exec rolls back what fails
SELECT cx_test.try_exec('DROP TABLE t') AS dropped, cx_test.try_exec('DROP TABLE t') AS again,
	   cx_test.try_exec('SELECT 1') AS select_ok,
	   cx_test.shown(E'a\tb\nc') AS shown;

--------------------------------------------------------------------------
-- Binary COPY
--------------------------------------------------------------------------

-- The file lives in the data directory (COPY TO a file wants an absolute
-- path; needs a superuser, as pg_regress runs).
CREATE FUNCTION cx_test.copy_file() RETURNS text
LANGUAGE sql AS $$
	SELECT current_setting('data_directory') || '/cx_test_field.bin'
$$;

-- The server writes it: COPY of one bytea value holds its bytes as the field.
CREATE FUNCTION cx_test.write_copy_file(field bytea) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('COPY (SELECT %L::bytea) TO %L WITH (FORMAT binary)', field, cx_test.copy_file());
END
$$;

CREATE FUNCTION cx_test.try_copy(tbl text, field bytea) RETURNS cx_test.outcome
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM cx_test.write_copy_file(field);
	EXECUTE format('TRUNCATE %I', tbl);
	RETURN cx_test.try_sql(format('COPY %I FROM %L WITH (FORMAT binary)', tbl, cx_test.copy_file()),
						   format('SELECT s::text FROM %I', tbl));
END
$$;

-- One tuple of binary COPY: the number of fields, then each field's length
-- and bytes (a NULL field: length -1).
CREATE FUNCTION cx_test.copy_tuple(VARIADIC fields bytea[]) RETURNS bytea
LANGUAGE sql AS $$
	SELECT int2send(cardinality(fields)::int2)
		   || string_agg(CASE WHEN f IS NULL THEN int4send(-1) ELSE int4send(length(f)) || f END,
						 ''::bytea ORDER BY i)
	FROM unnest(fields) WITH ORDINALITY u(f, i)
$$;

-- A whole binary COPY file of the given tuples.
CREATE FUNCTION cx_test.copy_binary(tuples bytea) RETURNS bytea
LANGUAGE sql AS $$
	SELECT '\x5047434f50590aff0d0a00'::bytea	-- signature 'PGCOPY\n\377\r\n\0'
		   || '\x00000000'::bytea				-- flags
		   || '\x00000000'::bytea				-- header extension length
		   || coalesce(tuples, '')
		   || '\xffff'::bytea					-- trailer
$$;

-- Values as big-endian int64, the way the binary forms store counts.
CREATE FUNCTION cx_test.int8s(VARIADIC v bigint[]) RETURNS bytea
LANGUAGE sql AS $$
	SELECT coalesce(string_agg(int8send(x), ''::bytea ORDER BY i), '')
	FROM unnest(v) WITH ORDINALITY u(x, i)
$$;

-- n zero int64 values.
CREATE FUNCTION cx_test.zeros(n int) RETURNS bytea
LANGUAGE sql AS $$
	SELECT coalesce(string_agg(int8send(0), ''::bytea), '') FROM generate_series(1, n)
$$;

-- The bytes by hand: 258 is 0x102, -1 is all ones.
SELECT encode(cx_test.int8s(1, 258, -1), 'hex') AS int8s, encode(cx_test.zeros(2), 'hex') AS zeros,
	   cx_test.zeros(0) = ''::bytea AS no_zeros,
	   encode(cx_test.copy_tuple('\xab'::bytea, NULL, ''), 'hex') AS tuple,
	   encode(cx_test.copy_binary(NULL), 'hex') AS empty_file;
-- The server's file is the file by hand, for a field, an empty one and NULL;
-- and try_copy reads it back.
CREATE TEMP TABLE copy_in (s bytea);
SELECT encode(f, 'hex') AS field, r.outcome,
	   pg_read_binary_file(cx_test.copy_file()) = cx_test.copy_binary(cx_test.copy_tuple(f)) AS file_as_by_hand
FROM (VALUES ('\x0102ff'::bytea), (''), (NULL)) v(f), LATERAL cx_test.try_copy('copy_in', f) r;
-- a field the column's type refuses
CREATE TEMP TABLE copy_in_int (s int);
SELECT cx_test.line(cx_test.try_copy('copy_in_int', '\x0102')) AS short_int4;
DROP TABLE copy_in, copy_in_int;

--------------------------------------------------------------------------
-- Plans
--------------------------------------------------------------------------

CREATE FUNCTION cx_test.plan(query text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
	p json;
BEGIN
	EXECUTE 'EXPLAIN (COSTS OFF, FORMAT JSON) ' || query INTO p;
	RETURN p::jsonb;
END
$$;

-- Every node of the plan, named as the text form of EXPLAIN names it: an
-- aggregate by its partial mode and strategy ('Finalize GroupAggregate',
-- 'Partial HashAggregate'), a parallel-aware scan with 'Parallel '.
CREATE FUNCTION cx_test.plan_nodes(query text) RETURNS SETOF text
LANGUAGE sql AS $$
	SELECT CASE WHEN n->>'Node Type' = 'Aggregate'
				THEN coalesce(nullif(n->>'Partial Mode', 'Simple') || ' ', '')
					 || CASE n->>'Strategy' WHEN 'Plain' THEN 'Aggregate' WHEN 'Sorted' THEN 'GroupAggregate'
							WHEN 'Hashed' THEN 'HashAggregate' WHEN 'Mixed' THEN 'MixedAggregate' END
				ELSE CASE WHEN (n->>'Parallel Aware')::bool THEN 'Parallel ' ELSE '' END || (n->>'Node Type')
		   END
	FROM jsonb_path_query(cx_test.plan(query), 'strict $.** ? (exists (@."Node Type"))') n
$$;

-- Has the plan a node whose name is LIKE the pattern ('Partial %Aggregate':
-- a partial aggregate of any strategy)?
CREATE FUNCTION cx_test.plan_has(query text, node text) RETURNS boolean
LANGUAGE sql AS $$
	SELECT EXISTS (SELECT FROM cx_test.plan_nodes(query) n WHERE n LIKE node)
$$;

-- The values of the plan's fields whose name is LIKE the pattern ('% Cond':
-- every join, index and recheck condition), in every node.
CREATE FUNCTION cx_test.plan_values(query text, key text) RETURNS SETOF text
LANGUAGE sql AS $$
	SELECT f.value #>> '{}'
	FROM jsonb_path_query(cx_test.plan(query), 'strict $.** ? (exists (@."Node Type"))') n,
		 jsonb_each(n) f
	WHERE f.key LIKE plan_values.key
$$;

-- Is the query's aggregation parallel: a partial aggregate (of any
-- strategy) in the workers, a finalizing one above the Gather, the table
-- scanned in parallel, and how many workers are planned?
CREATE FUNCTION cx_test.parallel_aggregation(query text, OUT partial_aggregate boolean,
											 OUT finalize_aggregate boolean, OUT parallel_scan boolean,
											 OUT workers int)
LANGUAGE sql AS $$
	SELECT cx_test.plan_has(query, 'Partial %Aggregate'), cx_test.plan_has(query, 'Finalize %Aggregate'),
		   cx_test.plan_has(query, 'Parallel % Scan'),
		   (SELECT max(w::int) FROM cx_test.plan_values(query, 'Workers Planned') w)
$$;

-- Parallel plans forced, for the rest of the session (RESET ALL undoes it):
-- no setup or tuple cost, any table size, two workers doing all the
-- scanning.  Returns the settings made.
CREATE FUNCTION cx_test.force_parallel() RETURNS TABLE (setting text, value text)
LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY
		SELECT v.name, set_config(v.name, v.value, false)
		FROM (VALUES ('parallel_setup_cost', '0'), ('parallel_tuple_cost', '0'),
					 ('min_parallel_table_scan_size', '0'), ('max_parallel_workers_per_gather', '2'),
					 ('parallel_leader_participation', 'off')) AS v(name, value);
END
$$;

-- A serial plan and a forced parallel one, of the same query (of a table
-- that is not temporary: those are never scanned in parallel).
CREATE TABLE plan_t AS SELECT i, i % 3 AS g FROM generate_series(1, 1000) i;
CREATE INDEX ON plan_t (i);
ANALYZE plan_t;
SET max_parallel_workers_per_gather = 0;
SELECT array_agg(n) AS serial_nodes FROM cx_test.plan_nodes('SELECT sum(i) FROM plan_t') n;
SELECT cx_test.plan_has('SELECT sum(i) FROM plan_t', 'Aggregate') AS has_aggregate,
	   cx_test.plan_has('SELECT sum(i) FROM plan_t', 'Partial %Aggregate') AS has_partial,
	   cx_test.plan_has('SELECT sum(i) FROM plan_t', 'Gather%') AS has_gather;
SELECT * FROM cx_test.force_parallel();
SELECT array_agg(n) AS parallel_nodes FROM cx_test.plan_nodes('SELECT sum(i) FROM plan_t') n;
SELECT cx_test.plan_has('SELECT sum(i) FROM plan_t', 'Partial Aggregate') AS has_partial,
	   cx_test.plan_has('SELECT sum(i) FROM plan_t', 'Finalize Aggregate') AS has_finalize,
	   cx_test.plan_has('SELECT sum(i) FROM plan_t', 'Parallel Seq Scan') AS has_parallel_scan;
SET enable_hashagg = off;
SELECT array_agg(n) AS grouped_nodes FROM cx_test.plan_nodes('SELECT g, sum(i) FROM plan_t GROUP BY g') n;
SELECT * FROM cx_test.parallel_aggregation('SELECT g, sum(i) FROM plan_t GROUP BY g');
SET max_parallel_workers_per_gather = 0;
SELECT * FROM cx_test.parallel_aggregation('SELECT g, sum(i) FROM plan_t GROUP BY g');
RESET ALL;
-- fields: an index condition and the index's name; a hash join's condition
SET enable_seqscan = off;
SELECT array_agg(v ORDER BY v) AS index_fields
FROM cx_test.plan_values('SELECT * FROM plan_t WHERE i = 5', 'Ind%') v;
RESET enable_seqscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
SELECT array_agg(v) AS conditions
FROM cx_test.plan_values('SELECT * FROM plan_t a JOIN plan_t b ON a.i = b.g', '% Cond') v;
RESET ALL;
DROP TABLE plan_t;

--------------------------------------------------------------------------
-- Statistics
--------------------------------------------------------------------------

-- An independent normal CDF: Simpson's rule on the normal density over
-- [0, |x|] with 2000 intervals (error far below 1e-9 for the |x| < 8 the
-- tests use).
CREATE FUNCTION cx_test.normal_cdf(x float8) RETURNS float8
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT 0.5 + sign(x) * h / 3 / sqrt(2 * pi())
				 * sum(CASE WHEN i IN (0, 2000) THEN 1 WHEN i % 2 = 1 THEN 4 ELSE 2 END
					   * exp(-((i * h) ^ 2) / 2))
		  FROM (SELECT abs(x) / 2000 AS h) c, generate_series(0, 2000) i GROUP BY h $$;

-- Confidence levels and their critical values, as published:
-- z(0.90) = 1.6448536269514722, z(0.95) = 1.959963984540054,
-- z(0.99) = 2.5758293035489004.
CREATE TABLE cx_test.levels (confidence float8, z float8);
INSERT INTO cx_test.levels VALUES (0.90, 1.6448536269514722), (0.95, 1.959963984540054),
	(0.99, 2.5758293035489004);
GRANT SELECT ON cx_test.levels TO PUBLIC;

-- against a printed normal table: Phi(1.96) = 0.9750, Phi(1.98) = 0.9761,
-- Phi(2.12) = 0.9830, Phi(-1) = 0.1587
SELECT round(cx_test.normal_cdf(1.96)::numeric, 4) AS phi_1_96, round(cx_test.normal_cdf(1.98)::numeric, 4) AS phi_1_98,
	   round(cx_test.normal_cdf(2.12)::numeric, 4) AS phi_2_12, round(cx_test.normal_cdf(-1)::numeric, 4) AS phi_minus_1;
-- and to 1e-12: Phi(-1) = 0.15865525393145705, Phi(0) = 1/2, and Phi at
-- each published critical value is (1 + confidence) / 2
SELECT abs(cx_test.normal_cdf(-1) - 0.15865525393145705) < 1e-12 AS phi_minus_1_ok,
	   cx_test.normal_cdf(0) = 0.5 AS phi_0_ok,
	   bool_and(abs(cx_test.normal_cdf(z) - (1 + confidence) / 2) < 1e-12) AS levels_ok
FROM cx_test.levels;
