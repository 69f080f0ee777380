-- catalog: rules every object of the extension follows, checked in the
-- catalogs so a new object cannot slip past them.  Each query lists the
-- objects that break a rule: the expected output is empty lists.

CREATE TEMP VIEW members AS
	SELECT classid, objid, objsubid
	FROM pg_depend
	WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
	  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cx_metrics');

-- every object has a COMMENT; an array type is documented by its element
-- type (PostgreSQL 17 and later record array types as members too)
SELECT pg_describe_object(classid, objid, objsubid) AS undocumented
FROM members
WHERE obj_description(objid, (SELECT relname FROM pg_class WHERE oid = classid)) IS NULL
  AND NOT (classid = 'pg_type'::regclass
		   AND EXISTS (SELECT FROM pg_type t WHERE t.oid = objid AND t.typcategory = 'A'
					   AND obj_description(t.typelem, 'pg_type') IS NOT NULL))
ORDER BY 1;

-- every function and aggregate is PARALLEL SAFE, and none is SECURITY DEFINER;
-- the journey setup functions are the exception to the first rule: they run
-- DDL and write tables, so they are VOLATILE and PARALLEL UNSAFE (listed
-- below with their volatility)
SELECT p.oid::regprocedure AS not_parallel_safe_or_definer
FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
WHERE (p.proparallel <> 's' AND p.proname NOT IN ('cx_journey_create', 'cx_journey_refresh', 'cx_journey_upgrade',
	'cx_journey_distribute', 'cx_journey_refresh_days', 'cx_journey_set_time_zone', 'cx_journey_mark_dirty'))
   OR p.prosecdef
ORDER BY 1;

-- every aggregate has a combine function and a real (non-pseudo) state type,
-- so parallel plans and Citus can split it
SELECT a.aggfnoid::regprocedure AS not_splittable
FROM members m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND a.aggfnoid = m.objid
JOIN pg_type t ON t.oid = a.aggtranstype
WHERE a.aggcombinefn = 0 OR t.typtype = 'p'
ORDER BY 1;

-- functions that are not IMMUTABLE, and why they may not be: timestamptz
-- grids do calendar arithmetic in the session time zone; the journey
-- setup functions create and write tables, and their ownership check reads
-- the catalogs
SELECT p.oid::regprocedure AS not_immutable, p.provolatile
FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
WHERE p.provolatile <> 'i'
ORDER BY 1::text;

-- NPS aggregates have moving-aggregate support (an inverse transition)
SELECT a.aggfnoid::regprocedure AS nps_without_inverse
FROM members m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND a.aggfnoid = m.objid
WHERE a.aggtranstype = 'nps_summary'::regtype AND a.aggminvtransfn = 0
ORDER BY 1;
