-- csat_ces_parallel: partial aggregation of csat_agg, csat, ces_agg, ces and
-- rollup, with and without scale arguments.  With parallel plans forced,
-- the plan must have a Partial Aggregate (their state is csat_summary or
-- ces_summary with a combine function), and the results must equal the
-- serial ones exactly.  cx_test.parallel_aggregation() (test/sql/setup.sql)
-- reads the plan: partial and finalize aggregates, a parallel scan, the
-- workers planned.

-- Every CSAT and CES aggregate, from the catalog: PARALLEL SAFE, its state
-- a summary type (not internal: what Citus needs to push partial
-- aggregation down), a combine function, and moving-aggregate support with
-- an inverse; the forms with a scale argument have no initial state.
SELECT p.oid::regprocedure AS aggregate, a.aggtranstype::regtype AS stype, p.proparallel AS parallel,
	   a.aggcombinefn <> 0 AS has_combine, a.aggmtransfn <> 0 AND a.aggminvtransfn <> 0 AS has_inverse,
	   a.aggmtranstype::regtype AS mstype, a.agginitval IS NOT NULL AS has_initcond
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE a.aggtranstype IN ('csat_summary'::regtype, 'ces_summary'::regtype)
ORDER BY p.oid::regprocedure::text COLLATE "C";

SELECT setseed(0.75);
CREATE TABLE big AS
	SELECT i AS id, i % 7 AS touchpoint,
		   CASE WHEN i % 50 = 0 THEN NULL ELSE 1 + floor(random() * 5)::int END AS s5,
		   CASE WHEN i % 40 = 0 THEN NULL ELSE 1 + floor(random() * 7)::int END AS s7,
		   CASE WHEN i % 7 = 3 THEN NULL ELSE 1 + floor(random() * 10)::int END AS s10
	FROM generate_series(1, 1000000) i;
ANALYZE big;

-- serial results
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
	SELECT csat_agg(s5) AS cs, csat(s5) AS c, csat_agg(s7, 7) AS cs7, csat(s10, 10) AS c10,
		   csat_agg(s5::numeric) AS cs_num, csat_agg(s10::smallint, 10) AS cs10_int2,
		   ces_agg(s7) AS es, ces(s7) AS e, ces_agg(s5, 5, true) AS es1, ces(s5, 5, true) AS e1,
		   ces_agg(s10::numeric, 10, false) AS es10_num,
		   count(s5) AS n5, count(s7) AS n7
	FROM big;
CREATE TEMP TABLE serial_grouped AS
	SELECT touchpoint, csat_agg(s5) AS cs, csat_agg(s7, 7) AS cs7, ces_agg(s7) AS es, ces_agg(s5, 5, true) AS es1,
		   csat_agg(s10, 10) AS cs10
	FROM big GROUP BY touchpoint;
CREATE TEMP TABLE serial_tail AS
	SELECT csat_agg(s7, 7) AS cs7, ces_agg(s5, 5, true) AS es1 FROM big WHERE id > 999990;

-- parallel results
SELECT * FROM cx_test.force_parallel();

SELECT * FROM cx_test.parallel_aggregation($$
SELECT csat_agg(s5), csat(s5), csat_agg(s7, 7), csat(s10, 10), ces_agg(s7), ces(s7),
	   ces_agg(s5, 5, true), ces(s5, 5, true)
FROM big$$);
SELECT p.cs = s.cs AS csat_agg_equal, p.c = s.c AS csat_equal, p.cs7 = s.cs7 AS csat_agg_7_equal,
	   p.c10 = s.c10 AS csat_10_equal, p.cs_num = s.cs_num AS csat_numeric_equal,
	   p.cs10_int2 = s.cs10_int2 AS csat_int2_10_equal,
	   p.es = s.es AS ces_agg_equal, p.e = s.e AS ces_equal, p.es1 = s.es1 AS ces_agg_1_0_equal,
	   p.e1 = s.e1 AS ces_1_0_equal, p.es10_num = s.es10_num AS ces_numeric_10_equal,
	   responses(p.cs) = s.n5 AND responses(p.es) = s.n7 AS responses_match_count
FROM (SELECT csat_agg(s5) AS cs, csat(s5) AS c, csat_agg(s7, 7) AS cs7, csat(s10, 10) AS c10,
			 csat_agg(s5::numeric) AS cs_num, csat_agg(s10::smallint, 10) AS cs10_int2,
			 ces_agg(s7) AS es, ces(s7) AS e, ces_agg(s5, 5, true) AS es1, ces(s5, 5, true) AS e1,
			 ces_agg(s10::numeric, 10, false) AS es10_num
	  FROM big) p, serial s;

SELECT * FROM cx_test.parallel_aggregation($$
SELECT touchpoint, csat_agg(s5), csat_agg(s7, 7), ces_agg(s7), ces_agg(s5, 5, true), csat_agg(s10, 10)
FROM big GROUP BY touchpoint$$);
SELECT count(*) AS groups,
	   bool_and(p.cs = g.cs AND p.cs7 = g.cs7 AND p.es = g.es AND p.es1 = g.es1) AS grouped_equal,
	   -- touchpoint 3 has no s10 score at all: an empty 1..10 summary
	   bool_and(p.cs10 = g.cs10) AS grouped_10_equal,
	   count(*) FILTER (WHERE p.cs10 = 'v1:1..10:0,0,0,0,0,0,0,0,0,0') AS empty_groups
FROM (SELECT touchpoint, csat_agg(s5) AS cs, csat_agg(s7, 7) AS cs7, ces_agg(s7) AS es,
			 ces_agg(s5, 5, true) AS es1, csat_agg(s10, 10) AS cs10
	  FROM big GROUP BY touchpoint) p
JOIN serial_grouped g USING (touchpoint);

-- with rows in one worker's share only (the last block), or none at all:
-- the scaled aggregates are NULL only when no row at all reaches them, and
-- the combine function takes an empty partial state on either side
SELECT * FROM cx_test.parallel_aggregation($$
SELECT csat_agg(s7, 7), ces_agg(s5, 5, true) FROM big WHERE id > 999990$$);
SELECT p.cs7 = s.cs7 AS csat_7_tail_equal, p.es1 = s.es1 AS ces_1_0_tail_equal, p.cs7 AS csat_7_tail
FROM (SELECT csat_agg(s7, 7) AS cs7, ces_agg(s5, 5, true) AS es1 FROM big WHERE id > 999990) p,
	 serial_tail s;
SELECT csat_agg(s7, 7) IS NULL AS csat_null, ces_agg(s5, 5, true) IS NULL AS ces_null,
	   csat(s7, 7) IS NULL AS csat_one_step_null, ces(s5, 5, true) IS NULL AS ces_one_step_null,
	   csat_agg(s5) AS csat_default, ces_agg(s7) AS ces_default
FROM big WHERE id < 0;

-- a scale changing inside the group is found across workers too (22023;
-- which scale a worker meets first varies, so only the SQLSTATE is shown)
SELECT split_part((cx_test.try_sql(q)).outcome, ':', 1) AS sqlstate, q
FROM (VALUES ('SELECT csat_agg(s5, CASE WHEN id = 999999 THEN 6 ELSE 5 END)::text FROM big'),
			 ('SELECT ces_agg(s5, 5, id <> 999999)::text FROM big')) v(q);

-- rollup of stored summaries also runs in parallel
CREATE TABLE parts AS
	SELECT id % 20000 AS k, csat_agg(s5) AS cs, csat_agg(s7, 7) AS cs7, ces_agg(s7) AS es,
		   ces_agg(s5, 5, true) AS es1
	FROM big GROUP BY 1;
ANALYZE parts;
SELECT * FROM cx_test.parallel_aggregation($$
SELECT rollup(cs), rollup(cs7), rollup(es), rollup(es1) FROM parts$$);
WITH r AS MATERIALIZED (SELECT rollup(cs) AS cs, rollup(cs7) AS cs7, rollup(es) AS es, rollup(es1) AS es1 FROM parts)
SELECT r.cs = s.cs AS csat_rollup_equal, r.cs7 = s.cs7 AS csat_7_rollup_equal,
	   r.es = s.es AS ces_rollup_equal, r.es1 = s.es1 AS ces_1_0_rollup_equal
FROM r, serial s;

RESET ALL;
DROP TABLE big, parts;
