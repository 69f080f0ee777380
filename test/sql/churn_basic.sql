--
-- churn_basic: churn_agg(), churn_periods(), churn_cohort_retention() and the
-- scalar helpers on hand-worked data.  Every expected count is worked out
-- in the comments from the definitions (README, "Churn and retention";
-- src/cx_churn.h), before running.
--
-- present at t: active at t and already active just before t (for dates:
-- active on the day before t and on t).  customers_at_start of a period =
-- present at its start, customers_at_end = present at its end.
--

SET datestyle = 'ISO, YMD';

--------------------------------------------------------------------------
-- 1. Twelve customers on a monthly grid, 2024-01-01 + k months, k = 0..4:
--    t0 = Jan 1, t1 = Feb 1, t2 = Mar 1, t3 = Apr 1, t4 = May 1.
--------------------------------------------------------------------------

CREATE TABLE subs (customer int, activity datemultirange);
INSERT INTO subs VALUES
	-- c1: active since before the grid, open-ended: present everywhere
	(1, '{[2023-11-01,)}'),
	-- c2: present Jan 1, Feb 1; gone Feb 10, so not at Mar 1: churned in Feb
	(2, '{[2023-12-15,2024-02-10)}'),
	-- c3: new in Jan; the upper bound Mar 1 is exclusive: active Feb 29,
	--     not Mar 1, so present at Feb 1 only: churned in Feb
	(3, '{[2024-01-10,2024-03-01)}'),
	-- c4: starts exactly on Feb 1: active from t1 on but not present at t1
	--     (not active Jan 31): new in Feb, present from Mar 1 on
	(4, '{[2024-02-01,)}'),
	-- c5: joins and leaves in Jan: new and new_lost in Jan
	(5, '{[2024-01-05,2024-01-20)}'),
	-- c6: lapses Jan 15..24 and comes back within Jan: present at Jan 1
	--     and Feb 1, so no churn and no reactivation
	(6, '{[2023-10-01,2024-01-15),[2024-01-25,)}'),
	-- c7: present Jan 1, Feb 1; gone Feb 15: churned in Feb; back Mar 10:
	--     reactivated in Mar, present Apr 1; gone Apr 20: churned in Apr
	(7, '{[2023-06-01,2024-02-15),[2024-03-10,2024-04-20)}'),
	-- c8: new in Jan (Jan 2..4) and lost in Jan; back for Mar 1 only: a
	--     range starting in Mar (exactly on t2, so not present at t2):
	--     reactivated in Mar, and lost in Mar
	(8, '{[2024-01-02,2024-01-05),[2024-03-01,2024-03-02)}'),
	-- c9: empty: not a customer
	(9, '{}'),
	-- c10: NULL: not a customer
	(10, NULL),
	-- c11: starts on May 1 = t4, after the last period: a customer, no counts
	(11, '{[2024-05-01,)}'),
	-- c12: Mar 31 only: new in Mar, lost in Mar
	(12, '{[2024-03-31,2024-04-01)}');

-- present at t0 (Dec 31 and Jan 1): c1 c2 c6 c7              = 4
-- present at t1 (Jan 31 and Feb 1): c1 c2 c3 c6 c7           = 5
-- present at t2 (Feb 29 and Mar 1): c1 c4 c6                 = 3
-- present at t3 (Mar 31 and Apr 1): c1 c4 c6 c7              = 4
-- present at t4 (Apr 30 and May 1): c1 c4 c6                 = 3
--
--       start  new  react  churned  end  new_lost  react_lost
-- Jan:    4     3     0       0      5      2          0      (c3 c5 c8 new; c5 c8 lost)
-- Feb:    5     1     0       3      3      0          0      (c4 new; c2 c3 c7 churned)
-- Mar:    3     1     2       0      4      1          1      (c12 new+lost; c7, c8 back, c8 lost)
-- Apr:    4     0     0       1      3      0          0      (c7 churned)
-- churn rate = churned / start: 0, 0.6, 0, 0.25; retention = 1 - churn.
-- customers: c1..c8, c11, c12 = 10.
SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4) FROM subs;

SELECT * FROM churn_periods((SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4) FROM subs));

SELECT customers(churn_agg(activity, date '2024-01-01', interval '1 month', 4)) FROM subs;

-- The identity holds in every period, and each period ends where the next
-- starts.
SELECT bool_and(customers_at_end = customers_at_start - churned
				+ (new_customers - new_lost) + (reactivated - reactivated_lost)) AS identity,
	   bool_and(customers_at_end = coalesce(next_start, customers_at_end)) AS chained
FROM (SELECT *, lead(customers_at_start) OVER (ORDER BY period_start) AS next_start
	  FROM churn_periods((SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4) FROM subs))) p;

--------------------------------------------------------------------------
-- 2. The two conventions side by side
--------------------------------------------------------------------------

-- at_start:          churned / customers_at_start.
-- at_start_plus_new: (churned + new_lost) / (customers_at_start + new_customers):
--   Jan (0 + 2) / (4 + 3) = 2/7 = 0.2857, Feb (3 + 0) / (5 + 1) = 0.5,
--   Mar (0 + 1) / (3 + 1) = 0.25, Apr (1 + 0) / (4 + 0) = 0.25.
SELECT d.period_start,
	   d.churn_rate AS at_start_churn, d.retention_rate AS at_start_retention,
	   round(s.churn_rate::numeric, 4) AS plus_new_churn,
	   round(s.retention_rate::numeric, 4) AS plus_new_retention
FROM (SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4) AS s FROM subs) a,
	 LATERAL churn_periods(a.s) d
	 JOIN LATERAL churn_periods(a.s, 'at_start_plus_new') s USING (period_start)
ORDER BY period_start;

-- the method is checked even when named
SELECT count(*) FROM churn_periods((SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4) FROM subs),
								   method => 'at_start');

--------------------------------------------------------------------------
-- 3. Cohort retention, max_offset 3
--------------------------------------------------------------------------

-- Cohort Jan = c3 c5 c8 (size 3): present at t1: c3 -> 1; at t2, t3, t4:
--   nobody -> 0, 0, 0.
-- Cohort Feb = c4 (size 1): present at t2, t3, t4 -> 1, 1, 1 (offsets 0..2:
--   offset 3 would be past the grid).
-- Cohort Mar = c12 (size 1): not present at t3, t4 -> 0, 0.
-- Cohort Apr: empty, size 0, rate NULL.
SELECT * FROM churn_cohort_retention((SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4, 3) FROM subs));

-- max_offset past the grid is clamped to periods - 1: the same summary
SELECT (SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4, 3) FROM subs)::text
	 = (SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4, 1000) FROM subs)::text AS clamped;

-- max_offset 0: offset 0 only, = new - new_lost
SELECT cohort, period_offset, cohort_size, retained
FROM churn_cohort_retention((SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4, 0) FROM subs));

-- cohort counters do not change the period counters
SELECT (SELECT array_agg(p ORDER BY period_start) FROM churn_periods(a.s) p)
	 = (SELECT array_agg(p ORDER BY period_start) FROM churn_periods(a.c) p) AS same_periods
FROM (SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4) AS s,
			 churn_agg(activity, date '2024-01-01', interval '1 month', 4, 3) AS c FROM subs) a;

-- a summary without cohort counters has no matrix
SELECT * FROM churn_cohort_retention((SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4) FROM subs));

--------------------------------------------------------------------------
-- 4. Overloads: daterange, an end instead of a count
--------------------------------------------------------------------------

-- A daterange per customer gives what the one-range multirange gives
-- (c6, c7, c8 have two ranges: left out).
SELECT (SELECT churn_agg(a, date '2024-01-01', interval '1 month', 4)
		FROM (SELECT daterange(lower(activity), upper(activity)) AS a FROM subs
			  WHERE customer NOT IN (6, 7, 8) AND activity <> '{}') r)::text
	 = (SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4)
		FROM subs WHERE customer NOT IN (6, 7, 8))::text AS range_equals_multirange;

-- daterange 'empty' is ignored, not a customer
SELECT customers(churn_agg(a, date '2024-01-01', interval '1 month', 4))
FROM (VALUES ('empty'::daterange), ('[2024-01-05,2024-01-06)')) v(a);

-- until: the fewest periods whose last boundary reaches the end.
-- May 1 exactly: 4 periods; May 2: 5 periods (t5 = Jun 1 >= May 2).
SELECT (SELECT churn_agg(activity, date '2024-01-01', interval '1 month', date '2024-05-01') FROM subs)::text
	 = (SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4) FROM subs)::text AS until_may1_is_4,
	   (SELECT churn_agg(activity, date '2024-01-01', interval '1 month', date '2024-05-02', 2) FROM subs)::text
	 = (SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 5, 2) FROM subs)::text AS until_may2_is_5;

-- an end that differs between rows but gives the same grid is the same grid
SELECT customers(churn_agg(activity, date '2024-01-01', interval '1 month',
						   date '2024-04-02' + customer)) FROM subs;

--------------------------------------------------------------------------
-- 5. Period edges and months of different lengths
--------------------------------------------------------------------------

-- origin Jan 31 + k months: Jan 31, Feb 29 (2024 is a leap year), Mar 31,
-- Apr 30, May 31: origin + k * bucket, not repeated addition (which would
-- stick at the 29th).  Each period_start equals PostgreSQL's own arithmetic.
SELECT period_start, period_end, period_end - period_start AS days,
	   period_start = (date '2024-01-31' + (row_number() OVER (ORDER BY period_start) - 1) * interval '1 month')::date AS as_postgres
FROM churn_periods((SELECT churn_agg(daterange('2024-01-01', '2024-01-02'), date '2024-01-31', interval '1 month', 4)));

-- 2023 is not: Feb 28
SELECT period_start, period_end
FROM churn_periods((SELECT churn_agg(daterange('2023-01-01', '2023-01-02'), date '2023-01-31', interval '1 month', 2)));

-- On that grid: [2024-02-29, 2024-03-31) starts exactly on t1 and ends
-- exactly on t2: new in period 1 (Feb 29 - Mar 30), lost there; never
-- present at a boundary.  [2024-02-28, 2024-03-31] (canonically
-- [2024-02-28, 2024-04-01)): new in period 0 (Jan 31 - Feb 28), present at
-- t1 (Feb 28 and 29) and t2 (Mar 30 and 31), churned in period 2 (not
-- active Apr 30).
--   period 0: start 0, new 1, churned 0, end 1, new_lost 0
--   period 1: start 1, new 1, churned 0, end 1, new_lost 1
--   period 2: start 1, new 0, churned 1, end 0
SELECT period_start, customers_at_start, new_customers, churned, customers_at_end, new_lost
FROM churn_periods((SELECT churn_agg(a, date '2024-01-31', interval '1 month', 3)
					FROM (VALUES (daterange('2024-02-29', '2024-03-31')),
								 (daterange('2024-02-28', '2024-03-31', '[]'))) v(a)));

-- Weekly grid from Monday 2024-01-01, 3 weeks: t = Jan 1, 8, 15, 22.
-- [2024-01-03, 2024-01-16): new week 0, present Jan 8, Jan 15, gone Jan 16:
-- churned in week 2.  [2024-01-08, 2024-01-15): starts on t1, ends on t2:
-- new and lost in week 1.
--   week 0: start 0, new 1, churned 0, lost 0, end 1
--   week 1: start 1, new 1, churned 0, lost 1, end 1
--   week 2: start 1, new 0, churned 1, lost 0, end 0
SELECT period_start, period_end, customers_at_start, new_customers, churned, new_lost, customers_at_end
FROM churn_periods((SELECT churn_agg(a, date '2024-01-01', interval '7 days', 3)
					FROM (VALUES (daterange('2024-01-03', '2024-01-16')),
								 (daterange('2024-01-08', '2024-01-15'))) v(a)));

-- Daily grid Jan 1..5: a one-day subscription [Jan 2, Jan 3) is new and
-- lost on Jan 2; a two-day one [Jan 2, Jan 4) is present at Jan 3 and
-- churned on Jan 3.
--   Jan 1: all 0;  Jan 2: start 0, new 2, churned 0, lost 1, end 1;
--   Jan 3: start 1, new 0, churned 1, lost 0, end 0;  Jan 4: all 0
SELECT period_start, customers_at_start, new_customers, churned, new_lost, customers_at_end
FROM churn_periods((SELECT churn_agg(a, date '2024-01-01', interval '1 day', 4)
					FROM (VALUES (daterange('2024-01-02', '2024-01-03')),
								 (daterange('2024-01-02', '2024-01-04'))) v(a)));

-- -infinity and infinity dates act as open ends: two customers present
-- everywhere, one new in Jan and present from Feb 1 on.
--   Jan: start 2, new 1, churned 0, end 3;  Feb: start 3, new 0, churned 0, end 3
SELECT customers_at_start, new_customers, churned, customers_at_end
FROM churn_periods((SELECT churn_agg(a, date '2024-01-01', interval '1 month', 2)
					FROM (VALUES (daterange('-infinity', 'infinity')), (daterange(NULL, NULL)),
								 (daterange('2024-01-15', 'infinity'))) v(a)));

--------------------------------------------------------------------------
-- 6. timestamptz grids: bounds of either kind, and the time zone
--------------------------------------------------------------------------

SET TIME ZONE 'America/New_York';

-- Daily grid over the spring DST change (2024-03-10 has 23 hours): each
-- boundary is local midnight, as origin + k * interval '1 day' gives.
SELECT period_start, period_end, period_end - period_start AS length,
	   period_start = timestamptz '2024-03-09' + (row_number() OVER (ORDER BY period_start) - 1) * interval '1 day' AS as_postgres
FROM churn_periods((SELECT churn_agg(tstzrange('2024-03-09', '2024-03-10'), timestamptz '2024-03-09', interval '1 day', 3)));

-- An origin in the repeated hour of the fall-back change (2024-11-03 01:30
-- happens twice in New York: at 05:30Z, EDT, and at 06:30Z, EST).  Boundary
-- 0 is the origin itself, 05:30Z, and boundary k is origin + k * bucket as
-- PostgreSQL computes it, whatever the bucket's parts.
SELECT g.bucket, p.k, p.period_start = timestamptz '2024-11-03 01:30:00-04' + p.k * g.bucket AS as_postgres
FROM (SELECT b.bucket, churn_agg(tstzrange('2024-10-01', '2025-12-01'), timestamptz '2024-11-03 01:30:00-04', b.bucket, 3) AS s
	  FROM (VALUES (interval '1 day'), (interval '1 month'), (interval '1 month 1 day'), (interval '1 day 1 hour'),
				   (interval '1 hour')) b(bucket)
	  GROUP BY b.bucket) g,
	 LATERAL (SELECT row_number() OVER (ORDER BY period_start) - 1 AS k, period_start FROM churn_periods(g.s)) p
ORDER BY 1, 2;
-- Two rows of one group agree on that grid, and a customer active only from
-- 05:45Z to 06:15Z (after the origin) is new in period 0.
SELECT period_start AT TIME ZONE 'UTC' AS period_start_utc, customers_at_start, new_customers, churned
FROM churn_periods((SELECT churn_agg(r, timestamptz '2024-11-03 01:30:00-04', interval '1 day', 3)
					FROM (VALUES (tstzrange('2024-10-01', '2024-12-01')),
								 (tstzrange('2024-10-15', '2024-11-04 12:00')),
								 (tstzrange('2024-11-03 05:45:00+00', '2024-11-03 06:15:00+00'))) v(r)));

-- Grid t0 = Mar 9, t1 = Mar 10, t2 = Mar 11, t3 = Mar 12 (local midnights).
-- a: (t1, t2): lower bound exclusive on t1: starts in period 1, not present
--    at t2 (upper exclusive): new and lost in period 1.
-- b: [t1, t2]: starts on t1 (not present there), present at t2 (upper
--    inclusive) but not t3: new in 1, churned in 2.
-- c: [t0 - 1h, t1): present at t0, not t1: churned in 0.
-- d: [t0 - 1h, t1] and (t1, t3 + 1h): adjacent (nothing missing between
--    them), so the multirange is one range: present at t0..t3, no churn.
-- e: [t0 - 1h, t1) and (t1, t3 + 1h): t1 itself is missing: not present at
--    t1: churned in 0; (t1, ...) starts in period 1: reactivated in 1.
-- present at t0: c d e = 3;  t1: d = 1;  t2: b d e = 3;  t3: d e = 2.
--   period 0: start 3, churned 2 (c e), end 1
--   period 1: start 1, new 2 (a b), reactivated 1 (e), new_lost 1 (a), end 3
--   period 2: start 3, churned 1 (b), end 2
SELECT period_start, customers_at_start, new_customers, reactivated, churned, customers_at_end,
	   new_lost, reactivated_lost
FROM churn_periods((SELECT churn_agg(a, timestamptz '2024-03-09', interval '1 day', 3)
					FROM (VALUES ('{(2024-03-10,2024-03-11)}'::tstzmultirange),
								 ('{[2024-03-10,2024-03-11]}'),
								 ('{[2024-03-08 23:00,2024-03-10)}'),
								 (tstzmultirange(tstzrange('2024-03-08 23:00', '2024-03-10', '[]'),
												 tstzrange('2024-03-10', '2024-03-12 01:00', '()'))),
								 (tstzmultirange(tstzrange('2024-03-08 23:00', '2024-03-10', '[)'),
												 tstzrange('2024-03-10', '2024-03-12 01:00', '()')))) v(a)));

-- The summary names its zone; its origin is written in UTC.  Read back in
-- another zone, it keeps its boundaries.
SELECT churn_agg(tstzrange('2024-03-09 12:00', NULL), timestamptz '2024-03-09', interval '1 day', 3);
CREATE TABLE tz_summary AS
	SELECT churn_agg(tstzrange('2024-03-09 12:00', NULL), timestamptz '2024-03-09', interval '1 day', 3) AS s;
SET TIME ZONE 'UTC';
SELECT period_start, period_end FROM tz_summary, churn_periods(s);
-- built in UTC, the same arguments give other boundaries
SELECT period_start, period_end
FROM churn_periods((SELECT churn_agg(tstzrange('2024-03-09 12:00', NULL), timestamptz '2024-03-09 05:00', interval '1 day', 3)));
RESET TIME ZONE;

-- A pure time bucket needs no calendar: 6-hour periods.
SELECT count(*) AS periods, min(period_end - period_start) AS shortest, max(period_end - period_start) AS longest
FROM churn_periods((SELECT churn_agg(tstzrange('2024-01-01 01:00', '2024-01-01 08:00'), timestamptz '2024-01-01', interval '6 hours', 8)));

--------------------------------------------------------------------------
-- 7. Empty input
--------------------------------------------------------------------------

-- No rows: no grid, so NULL (as avg() gives).  The readers are strict.
SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4) IS NULL AS no_rows_null FROM subs WHERE false;
SELECT count(*) FROM churn_periods((SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4) FROM subs WHERE false));

-- Rows, but no activity (NULL or empty): the first row fixes the grid, so
-- an empty summary: every count 0, rates NULL.
SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 2) FROM subs WHERE customer IN (9, 10);
SELECT period_start, customers_at_start, churned, churn_rate IS NULL AS rate_null, retention_rate IS NULL AS retention_null
FROM churn_periods((SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 2) FROM subs WHERE customer IN (9, 10)));

-- rollup() of nothing, or of NULL summaries only, is NULL too
SELECT rollup(s) IS NULL AS rollup_nothing FROM (SELECT NULL::churn_summary AS s) t;

--------------------------------------------------------------------------
-- 8. Exact roll-ups: per segment, then combined
--------------------------------------------------------------------------

-- Even and odd customers separately, rolled up: the whole.
SELECT rollup(s)::text = (SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 4, 3) FROM subs)::text AS rollup_exact
FROM (SELECT customer % 2 AS segment, churn_agg(activity, date '2024-01-01', interval '1 month', 4, 3) AS s
	  FROM subs GROUP BY 1) t;

-- Per segment, a grid per group is fine (each group has its own summary).
-- Non-empty customers: segment 0: c3 c6 c12; 1: c1 c4 c7; 2: c2 c5 c8 c11.
SELECT customer % 3 AS segment, customers(churn_agg(activity, date '2023-12-01' + customer % 3, interval '1 month', 3))
FROM subs GROUP BY 1 ORDER BY 1;

--------------------------------------------------------------------------
-- 9. Many ranges per customer, stored out of line
--------------------------------------------------------------------------

-- 300 one-day ranges every other day from Jan 1: more spans than fit on
-- the stack.  Daily grid of 10 days from Jan 1: the customer is new on
-- Jan 1, lost there (not active Jan 2), and reactivated and lost on every
-- other day: Jan 3, 5, 7, 9.
-- Stored out of line (3,908 bytes, STORAGE external), so the aggregate
-- reads it through the TOAST table.
CREATE TABLE many (activity datemultirange);
ALTER TABLE many ALTER activity SET STORAGE external;
INSERT INTO many
	SELECT range_agg(daterange(date '2024-01-01' + 2 * i, date '2024-01-02' + 2 * i))
	FROM generate_series(0, 299) i;
SELECT pg_column_size(activity) AS bytes,
	   pg_relation_size((SELECT reltoastrelid FROM pg_class WHERE relname = 'many')) > 0 AS toasted
FROM many;
SELECT string_agg(new_customers::text, '') AS new, string_agg(reactivated::text, '') AS react,
	   string_agg(reactivated_lost::text, '') AS react_lost, sum(customers_at_start) AS present
FROM churn_periods((SELECT churn_agg(activity, date '2024-01-01', interval '1 day', 10) FROM many));
SELECT (SELECT churn_agg(activity, date '2024-01-01', interval '1 day', 10) FROM many)::text
	 = (SELECT churn_agg(activity::text::datemultirange, date '2024-01-01', interval '1 day', 10) FROM many)::text
	   AS stored_equals_in_memory;

--------------------------------------------------------------------------
-- 10. JSON
--------------------------------------------------------------------------

SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 2, 1)::jsonb FROM subs;
SELECT jsonb_pretty(churn_agg(a, timestamptz '2024-01-01 00:00+00', interval '1 month', 1)::jsonb)
FROM (VALUES (tstzrange('2024-01-05 00:00+00', NULL))) v(a);
SELECT (churn_agg(activity, date '2024-01-01', interval '1 month', 2)::json ->> 'customers')::int AS customers FROM subs;

--------------------------------------------------------------------------
-- 11. Scalar helpers, for two counts
--------------------------------------------------------------------------

-- The seed example: 500 at the start, 450 at the end, nobody new: 10%.
SELECT churn_rate_naive(500, 450) AS naive, churn_rate(500, 50) AS from_lost;
-- With 50 new customers joining while 50 leave, the end count is again
-- 500: the naive rate says 0, the real one is still 10%.
SELECT churn_rate_naive(500, 500) AS naive_hides_churn, churn_rate(500, 50) AS churn;
-- More joining than leaving makes the naive rate negative.
SELECT churn_rate_naive(500, 600) AS naive_negative;
-- Nobody at the start: NULL
SELECT churn_rate(0, 0) IS NULL AS rate_null, churn_rate_naive(0, 10) IS NULL AS naive_null;
SELECT churn_rate(customers_at_start => 200, customers_lost => 30);
-- errors
SELECT churn_rate(500, 501);
SELECT churn_rate(-1, 0);
SELECT churn_rate(10, -1);
SELECT churn_rate_naive(10, -1);
-- the COMMENT says why the naive rate is wrong
SELECT obj_description('churn_rate_naive(bigint, bigint)'::regprocedure, 'pg_proc') ~ 'hides a lost one' AS comment_explains;

DROP TABLE subs, tz_summary, many;
RESET datestyle;

--------------------------------------------------------------------------
-- Deprecated names, kept until 0.5.0: cohort_retention() is
-- churn_cohort_retention(), the methods 'default' and 'stripe' are
-- 'at_start' and 'at_start_plus_new'; no method means 'at_start'.
--------------------------------------------------------------------------

-- a: present at Jan 1, Feb 1, Mar 1, gone before Apr 1 (churned in Mar).
-- b: new in Jan and gone again in Jan (new_lost).  c: new in Jan, stays.
-- Jan: at_start 1, new 2, churned 0, new_lost 1: 'at_start' 0 / 1 = 0,
-- 'at_start_plus_new' (0 + 1) / (1 + 2) = 0.3333.  Cohort Jan = b, c:
-- size 2, retained 1 at each offset.
SET datestyle = 'ISO, YMD';
CREATE TEMP TABLE alias_subs (customer text, activity daterange);
INSERT INTO alias_subs VALUES
	('a', '[2023-12-01,2024-03-15)'), ('b', '[2024-01-10,2024-01-20)'), ('c', '[2024-01-05,)');
CREATE TEMP TABLE alias_sums AS
SELECT churn_agg(activity, date '2024-01-01', interval '1 month', 3, 2) AS d,
	   churn_agg(tstzrange(lower(activity), upper(activity)), timestamptz '2024-01-01', interval '1 month', 3, 2) AS t
FROM alias_subs;
SELECT period_start, churn_rate AS at_start, round(plus_new::numeric, 4) AS at_start_plus_new
FROM alias_sums, churn_periods(d, 'at_start') p
	 JOIN (SELECT period_start, churn_rate AS plus_new FROM alias_sums, churn_periods(d, 'at_start_plus_new')) q USING (period_start)
ORDER BY 1;
SELECT cohort, period_offset, cohort_size, retained FROM alias_sums, churn_cohort_retention(d) ORDER BY 1, 2;
SELECT (SELECT array_agg(r ORDER BY r) FROM cohort_retention(d) r) = (SELECT array_agg(r ORDER BY r) FROM churn_cohort_retention(d) r) AS date_cohorts,
	   (SELECT array_agg(r ORDER BY r) FROM cohort_retention(t) r) = (SELECT array_agg(r ORDER BY r) FROM churn_cohort_retention(t) r) AS tstz_cohorts,
	   (SELECT array_agg(p ORDER BY p) FROM churn_periods(d, 'default') p) = (SELECT array_agg(p ORDER BY p) FROM churn_periods(d, 'at_start') p) AS date_default,
	   (SELECT array_agg(p ORDER BY p) FROM churn_periods(t, 'default') p) = (SELECT array_agg(p ORDER BY p) FROM churn_periods(t, 'at_start') p) AS tstz_default,
	   (SELECT array_agg(p ORDER BY p) FROM churn_periods(d, 'stripe') p) = (SELECT array_agg(p ORDER BY p) FROM churn_periods(d, 'at_start_plus_new') p) AS date_stripe,
	   (SELECT array_agg(p ORDER BY p) FROM churn_periods(t, 'stripe') p) = (SELECT array_agg(p ORDER BY p) FROM churn_periods(t, 'at_start_plus_new') p) AS tstz_stripe,
	   (SELECT array_agg(p ORDER BY p) FROM churn_periods(d) p) = (SELECT array_agg(p ORDER BY p) FROM churn_periods(d, 'at_start') p) AS date_no_method,
	   (SELECT array_agg(p ORDER BY p) FROM churn_periods(t) p) = (SELECT array_agg(p ORDER BY p) FROM churn_periods(t, 'at_start') p) AS tstz_no_method
FROM alias_sums;
-- the alias is the same C function, documented as deprecated
SELECT p.oid::regprocedure AS alias, p.prosrc, n.prosrc AS new_prosrc, obj_description(p.oid, 'pg_proc') AS comment
FROM pg_proc p JOIN pg_proc n ON n.proname = 'churn_cohort_retention' AND n.proargtypes = p.proargtypes
WHERE p.proname = 'cohort_retention'
ORDER BY 1::text;
SELECT DISTINCT substring(pg_get_function_arguments(oid) FROM 'method text DEFAULT [^,]*') AS default_method
FROM pg_proc WHERE proname = 'churn_periods';
DROP TABLE alias_subs, alias_sums;
RESET datestyle;
