/*
 * bench/lib.sql: the timing machinery of bench/run, in schema cx_bench.
 *
 * How a query is timed: inside a PL/pgSQL function in the server, around an
 * EXECUTE of the query, two clocks are read:
 *   - cpu:  the backend's on-CPU time, the first field of /proc/self/schedstat
 *           (nanoseconds).  Time the backend spends waiting while other
 *           processes use the CPU is not counted, so on a shared machine it is
 *           less noisy than wall time when the machine is oversubscribed.
 *           Some kernels advance it by scheduler ticks (4 ms on the VMs this
 *           was written on), which is why the timed queries take 0.5 s or
 *           more at the default size.  Reading it needs superuser or
 *           pg_read_server_files, and Linux; without it, wall time is used.
 *   - wall: clock_timestamp().
 * Serial queries are judged by cpu time.  Parallel queries are judged by wall
 * time, since their workers' CPU time is not the leader's.  Both include
 * parsing and planning (a fraction of a millisecond) but no client round trip
 * and no EXPLAIN ANALYZE instrumentation, which would add the same per-row
 * cost to every query and so pull every ratio toward 1.  EXECUTE runs the
 * query to completion, parallel plans included.
 *
 * A section's queries are run round-robin: one untimed warm-up round, then
 * :reps timed rounds, each starting one query further down the list, so that
 * noise from other work on the machine spreads over all queries alike.  The
 * report uses each query's median.
 */
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

DROP TABLE IF EXISTS cx_bench.query, cx_bench.timing, cx_bench.memory, cx_bench.summary CASCADE;

CREATE TABLE cx_bench.query (
	section		text NOT NULL,
	ord			int NOT NULL,
	key			text NOT NULL,		-- short name used for ratios
	label		text NOT NULL,		-- what the report prints
	sql			text NOT NULL,
	PRIMARY KEY (section, key)
);

CREATE TABLE cx_bench.timing (
	section		text NOT NULL,
	key			text NOT NULL,
	rep			int NOT NULL,		-- 0: warm-up, not reported
	wall_ms		float8 NOT NULL,
	cpu_ms		float8				-- NULL where /proc/self/schedstat cannot be read
);

CREATE TABLE cx_bench.memory (
	ord			int NOT NULL,
	key			text NOT NULL,
	label		text NOT NULL,
	strategy	text,
	est_groups	float8,
	groups		float8,
	batches		int,
	peak_kb		bigint,
	disk_kb		bigint
);

-- This backend's on-CPU time in nanoseconds.
CREATE OR REPLACE FUNCTION cx_bench.cpu_ns() RETURNS bigint
LANGUAGE sql AS $$
	SELECT split_part(pg_catalog.pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint
$$;

-- Whether cpu_ns() works here.
CREATE OR REPLACE FUNCTION cx_bench.have_cpu_clock() RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
	RETURN cx_bench.cpu_ns() > 0;
EXCEPTION WHEN OTHERS THEN
	RETURN false;
END
$$;

-- Times one execution of q: wall and (if have_cpu) on-CPU milliseconds.
CREATE OR REPLACE FUNCTION cx_bench.time_query(q text, have_cpu boolean,
	OUT wall_ms float8, OUT cpu_ms float8)
LANGUAGE plpgsql AS $$
DECLARE
	c0			bigint;
	c1			bigint;
	t0			timestamptz;
	t1			timestamptz;
	r			text;
BEGIN
	IF have_cpu THEN
		c0 := cx_bench.cpu_ns();
	END IF;
	t0 := clock_timestamp();
	EXECUTE q INTO r;
	t1 := clock_timestamp();
	IF have_cpu THEN
		c1 := cx_bench.cpu_ns();
		cpu_ms := (c1 - c0) / 1e6;
	END IF;
	wall_ms := extract(epoch FROM t1 - t0) * 1000.0;
END
$$;

-- Times every query of a section: a warm-up round, then reps rotated rounds.
CREATE OR REPLACE FUNCTION cx_bench.run_section(p_section text, p_reps int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	keys		text[];
	sqls		text[];
	n			int;
	i			int;
	have_cpu	boolean := cx_bench.have_cpu_clock();
	t			record;
BEGIN
	SELECT array_agg(key ORDER BY ord), array_agg(sql ORDER BY ord)
	  INTO keys, sqls
	  FROM cx_bench.query WHERE section = p_section;
	n := cardinality(keys);
	DELETE FROM cx_bench.timing WHERE section = p_section;
	FOR rep IN 0 .. p_reps LOOP
		FOR j IN 0 .. n - 1 LOOP
			i := (rep + j) % n + 1;
			t := cx_bench.time_query(sqls[i], have_cpu);
			INSERT INTO cx_bench.timing VALUES (p_section, keys[i], rep, t.wall_ms, t.cpu_ms);
		END LOOP;
	END LOOP;
END
$$;

-- The HashAggregate node of q's plan, from EXPLAIN (ANALYZE, FORMAT JSON).
CREATE OR REPLACE FUNCTION cx_bench.hashagg(q text,
	OUT strategy text, OUT est_groups float8, OUT groups float8, OUT batches int,
	OUT peak_kb bigint, OUT disk_kb bigint)
LANGUAGE plpgsql AS $$
DECLARE
	plan		jsonb;
	node		jsonb;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || q INTO plan;
	node := jsonb_path_query_first(plan, 'strict $.**?(@."Node Type" == "Aggregate")');
	strategy := node ->> 'Strategy';
	est_groups := (node ->> 'Plan Rows')::float8;
	groups := (node ->> 'Actual Rows')::float8;
	batches := (node ->> 'HashAgg Batches')::int;
	peak_kb := (node ->> 'Peak Memory Usage')::bigint;
	disk_kb := (node ->> 'Disk Usage')::bigint;
END
$$;

-- EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) of q: runs q once.
CREATE OR REPLACE FUNCTION cx_bench.explain_json(q text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
	plan		jsonb;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, FORMAT JSON) ' || q INTO plan;
	RETURN plan;
END
$$;

-- The lines of EXPLAIN (COSTS OFF) of q; with analyze, q is run once
-- (TIMING OFF, SUMMARY OFF).
CREATE OR REPLACE FUNCTION cx_bench.explain_text(q text, p_analyze boolean) RETURNS SETOF text
LANGUAGE plpgsql AS $$
BEGIN
	IF p_analyze THEN
		RETURN QUERY EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY OFF, COSTS OFF) ' || q;
	ELSE
		RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || q;
	END IF;
END
$$;

-- Which clock judges a section's times: cpu for a serial section where every
-- timing has one and every query takes 100 ms or more (so that a 4 ms tick
-- is small), wall otherwise, and always for the parallel section.
CREATE OR REPLACE VIEW cx_bench.timed AS
SELECT section, key, rep,
	   CASE WHEN use_cpu THEN cpu_ms ELSE wall_ms END AS ms,
	   CASE WHEN use_cpu THEN 'cpu' ELSE 'wall' END AS clock,
	   wall_ms
FROM (SELECT t.*,
			 t.section <> 'parallel'
			 AND bool_and(t.cpu_ms IS NOT NULL) OVER (PARTITION BY t.section)
			 AND min(t.wall_ms) OVER (PARTITION BY t.section) >= 100 AS use_cpu
	  FROM cx_bench.timing t
	  WHERE t.rep > 0) AS t;

-- The median, fastest and slowest time of every query of a section.
CREATE OR REPLACE VIEW cx_bench.medians AS
SELECT q.section, q.ord, q.key, q.label, min(t.clock) AS clock,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ms) AS med,
	   min(t.ms) AS lo,
	   max(t.ms) AS hi,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY t.wall_ms) AS med_wall,
	   count(*) AS runs
FROM cx_bench.query q
JOIN cx_bench.timed t USING (section, key)
GROUP BY q.section, q.ord, q.key, q.label;

-- Median time of one query; NULL if it was not run.
CREATE OR REPLACE FUNCTION cx_bench.med(p_section text, p_key text) RETURNS float8
LANGUAGE sql STABLE AS $$
	SELECT med FROM cx_bench.medians WHERE section = p_section AND key = p_key
$$;

-- Ratio of two medians of one section.
CREATE OR REPLACE FUNCTION cx_bench.ratio(p_section text, p_num text, p_den text) RETURNS float8
LANGUAGE sql STABLE AS $$
	SELECT cx_bench.med(p_section, p_num) / nullif(cx_bench.med(p_section, p_den), 0)
$$;

-- A median over the median of a reference query, formatted for the report.
CREATE OR REPLACE FUNCTION cx_bench.x(p_section text, p_key text, p_ref text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT to_char(cx_bench.ratio(p_section, p_key, p_ref), 'FM990.00')
$$;

-- Milliseconds, formatted for the report.
CREATE OR REPLACE FUNCTION cx_bench.ms(v float8) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT to_char(v, 'FM999990.0')
$$;

-- The clock a section was judged by, for the report's column headers.
CREATE OR REPLACE FUNCTION cx_bench.clock(p_section text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT min(clock) FROM cx_bench.medians WHERE section = p_section
$$;

-- The line under a section's table that says which clock timed it.
CREATE OR REPLACE FUNCTION cx_bench.clock_note(p_section text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT CASE cx_bench.clock(p_section)
		WHEN 'cpu' THEN '   median ms, min..max: CPU time of the backend'
		ELSE '   median ms, min..max: wall time' END
$$;
