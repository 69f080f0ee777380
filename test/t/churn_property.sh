#!/usr/bin/env bash
# churn_property.sh: churn_agg() against a naive SQL computation, on random
# customers.
#
# 100,000 customers (fixed seed), each with 1 to 4 subscriptions: short and
# long ones, gaps of a few days (lapses inside a period) and of months,
# overlaps, about a third open-ended, a tenth starting or ending exactly on
# the first of a month; merged per customer with range_agg().  For each grid
# (monthly from a 31st, weekly, daily, and a monthly timestamptz grid in a
# time zone with summer time, on 30,000 of the customers), every counter of
# churn_periods() under both methods and every cell of churn_cohort_retention()
# must equal what plain SQL gives: the boundaries from generate_series and
# origin + k * bucket, "present at t" as a join of the boundaries with each
# customer's ranges on r @> t (the range having begun before t), and period
# numbers from width_bucket() over the boundaries.  None of it shares code
# with the extension.
#
# Prints TAP ("ok N - ...", "not ok N - ...") and exits nonzero on any
# difference.  Needs a running server in PGHOST/PGPORT/PGUSER (test/run
# provides one).  CX_CHURN_CUSTOMERS=N changes the number of customers.
set -euo pipefail

db=cx_churn_property
customers=${CX_CHURN_CUSTOMERS:-100000}

q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

cleanup() {
	q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
}
trap cleanup EXIT
q -d postgres >/dev/null <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
CREATE DATABASE $db;
SQL

start=$SECONDS
q -d "$db" -v customers="$customers" <<'SQL'
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;	-- random() in one process, in one order
CREATE EXTENSION cx_metrics;
SELECT setseed(0.2718) \g /dev/null

-- Subscriptions: the first starts uniformly over five years; each is short
-- (1-40 days) or long (30-429 days); the gap to the next is a few days (a
-- lapse), negative (an overlap) or months.
CREATE TABLE draws AS
SELECT id, n, nsubs, s0, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
	   random() AS r5, random() AS r6
FROM (SELECT id, 1 + floor(random() * 4)::int AS nsubs,
			 date '2019-06-01' + floor(random() * 1800)::int AS s0
	  FROM generate_series(1, :customers) id) c,
	 LATERAL generate_series(1, c.nsubs) n;

CREATE TABLE subs AS
SELECT id, n,
	   CASE WHEN r5 < 0.1 THEN date_trunc('month', s)::date ELSE s END AS s,
	   CASE WHEN n = nsubs AND r6 < 0.33 THEN NULL
			WHEN r6 > 0.9 THEN date_trunc('month', s + len + 31)::date	-- the next first of a month
			ELSE s + len END AS e
FROM (SELECT *, s0 + coalesce(sum(len + gap) OVER (PARTITION BY id ORDER BY n
								  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::int AS s
	  FROM (SELECT *, (CASE WHEN r1 < 0.3 THEN 1 + floor(r2 * 40) ELSE 30 + floor(r2 * 400) END)::int AS len,
				   (CASE WHEN r3 < 0.4 THEN 1 + floor(r4 * 10)
						 WHEN r3 < 0.5 THEN -floor(r4 * 20)
						 ELSE 30 + floor(r4 * 300) END)::int AS gap
			FROM draws) d) x;

-- One row per customer, the usual pattern: range_agg() of the subscriptions.
CREATE TABLE cust AS SELECT id, range_agg(daterange(s, e)) AS activity FROM subs GROUP BY id;
-- and a few special ones: empty, NULL, unbounded below
INSERT INTO cust VALUES (-1, '{}'), (-2, NULL), (-3, '{(,2021-06-15)}'), (-4, '{(,)}'),
						(-5, '{(,2020-03-01),[2022-02-02,2022-02-03)}');

-- The first 30,000 customers again as timestamptz ranges in New York time,
-- from 09:00 on the first day (a fifth of them from midnight) to 17:00 on
-- the last (a seventh to midnight after it), with bounds of every kind.
SET TIME ZONE 'America/New_York';
CREATE TABLE cust_tz AS
SELECT id, (SELECT range_agg(tstzrange(lower(r) + CASE WHEN id % 5 = 0 THEN time '00:00' ELSE time '09:00' END,
									   CASE WHEN id % 7 = 0 THEN upper(r) + time '00:00' ELSE upper(r) - 1 + time '17:00' END,
									   (ARRAY['[]', '(]', '[)', '()'])[1 + abs(id) % 4]))
			FROM unnest(activity) r) AS activity
FROM cust WHERE id <= 30000;

-- Every customer's ranges, indexed for the joins with the boundaries.
CREATE TABLE comps AS SELECT id, r FROM cust, unnest(activity) r;
CREATE INDEX ON comps USING gist (r);
CREATE INDEX ON comps (id);
CREATE TABLE comps_tz AS SELECT id, r FROM cust_tz, unnest(activity) r;
CREATE INDEX ON comps_tz USING gist (r);
CREATE INDEX ON comps_tz (id);
VACUUM ANALYZE;
SQL
echo "# $customers customers ($(q -d "$db" -At -c "SELECT count(*) FROM comps") ranges after range_agg), generated in $((SECONDS - start))s"

n=0
failed=0

# run_grid LABEL TABLE COMPS TYPE ORIGIN BUCKET PERIODS MAX_OFFSET
# One grid: prints a TAP line for churn_periods and one for churn_cohort_retention.
run_grid() {
	local label=$1 tbl=$2 comps=$3 type=$4 origin=$5 bucket=$6 periods=$7 maxoff=$8
	local out rc=0 t0=$SECONDS prows pdiff crows cdiff
	out=$(q -d "$db" -At -F '|' 2>&1 <<SQL
SET client_min_messages = warning;
SET TIME ZONE 'America/New_York';
SET work_mem = '1GB';
SET enable_mergejoin = off;		-- hash joins over millions of (customer, boundary) rows
SET max_parallel_workers_per_gather = 0;

-- the boundaries t_0 .. t_P: PostgreSQL's own origin + k * bucket
CREATE TEMP TABLE g AS
	SELECT k, ('${origin}'::${type} + k * interval '${bucket}')::${type} AS t
	FROM generate_series(0, ${periods}) k;
CREATE TEMP TABLE b AS SELECT array_agg(t ORDER BY k) AS bounds FROM g;

-- the summary under test
CREATE TEMP TABLE summary AS
	SELECT churn_agg(activity, '${origin}'::${type}, interval '${bucket}', ${periods}, ${maxoff}) AS s
	FROM ${tbl};

-- present at t_k: inside one of the customer's ranges, begun before t_k
CREATE TEMP TABLE pres AS
	SELECT c.id, g.k FROM g JOIN ${comps} c ON c.r @> g.t
	WHERE lower_inf(c.r) OR lower(c.r) < g.t;
ANALYZE pres;

-- present(id, k): the same test for one customer and boundary, for the
-- few rows that need it (through the index on the ranges' customer ids)
CREATE FUNCTION pg_temp.present(cid int, k int) RETURNS boolean LANGUAGE sql STABLE AS
\$\$ SELECT EXISTS (SELECT FROM ${comps} c JOIN g ON g.k = \$2
					WHERE c.id = \$1 AND c.r @> g.t AND (lower_inf(c.r) OR lower(c.r) < g.t)) \$\$;

-- the first activity, its period (-1: before t_0 or unbounded, P: after
-- the grid) and whether the customer is present at the end of that period
CREATE TEMP TABLE firsts AS
	SELECT *, kf BETWEEN 0 AND ${periods} - 1 AND pg_temp.present(id, kf + 1) AS kept
	FROM (SELECT id, lower(activity) AS f, lower_inf(activity) AS f_inf,
				 coalesce(width_bucket(lower(activity), (SELECT bounds FROM b)) - 1, -1) AS kf
		  FROM ${tbl} WHERE activity IS NOT NULL AND NOT isempty(activity)) f;

-- the periods the customer's later ranges start in, in the grid, when the
-- first activity was before that period: is the customer present at its
-- start (back within the period: not a reactivation) and at its end?
CREATE TEMP TABLE starts AS
	SELECT *, pg_temp.present(id, k) AS here, pg_temp.present(id, k + 1) AS kept
	FROM (SELECT DISTINCT c.id, width_bucket(lower(c.r), (SELECT bounds FROM b)) - 1 AS k
		  FROM ${comps} c JOIN firsts f USING (id)
		  WHERE NOT lower_inf(c.r) AND (f.f_inf OR lower(c.r) > f.f)) s
	WHERE k BETWEEN 0 AND ${periods} - 1;

CREATE TEMP TABLE naive AS
SELECT g.k,
	   coalesce(a.n, 0) AS at_start, coalesce(e.n, 0) AS at_end, coalesce(ch.n, 0) AS churned,
	   coalesce(nw.n, 0) AS new, coalesce(nw.lost, 0) AS new_lost,
	   coalesce(re.n, 0) AS react, coalesce(re.lost, 0) AS react_lost
FROM g
LEFT JOIN (SELECT k, count(*) AS n FROM pres GROUP BY k) a ON a.k = g.k
LEFT JOIN (SELECT k - 1 AS k, count(*) AS n FROM pres GROUP BY k) e ON e.k = g.k
LEFT JOIN (SELECT p.k, count(*) AS n FROM pres p
		   WHERE NOT EXISTS (SELECT FROM pres x WHERE x.id = p.id AND x.k = p.k + 1)
		   GROUP BY p.k) ch ON ch.k = g.k
LEFT JOIN (SELECT kf AS k, count(*) AS n, count(*) FILTER (WHERE NOT kept) AS lost
		   FROM firsts GROUP BY kf) nw ON nw.k = g.k
LEFT JOIN (SELECT s.k, count(*) AS n, count(*) FILTER (WHERE NOT s.kept) AS lost
		   FROM starts s JOIN firsts f USING (id) JOIN g gk ON gk.k = s.k
		   WHERE (f.f_inf OR f.f < gk.t) AND NOT s.here
		   GROUP BY s.k) re ON re.k = g.k
WHERE g.k < ${periods};

CREATE TEMP TABLE mine AS
	SELECT g.k, p.* FROM summary, churn_periods(s) p JOIN g ON g.t = p.period_start;
CREATE TEMP TABLE mine_plus_new AS
	SELECT g.k, p.* FROM summary, churn_periods(s, 'at_start_plus_new') p JOIN g ON g.t = p.period_start;

-- rates: the same IEEE divisions, so exact
CREATE TEMP TABLE pcheck AS
SELECT k, n.k IS NULL OR m.k IS NULL OR s.k IS NULL
	   OR (n.at_start, n.new, n.react, n.churned, n.at_end, n.new_lost, n.react_lost)
		  IS DISTINCT FROM (m.customers_at_start, m.new_customers, m.reactivated, m.churned,
							m.customers_at_end, m.new_lost, m.reactivated_lost)
	   OR (m.customers_at_start, m.new_customers, m.reactivated, m.churned, m.customers_at_end,
		   m.new_lost, m.reactivated_lost)
		  IS DISTINCT FROM (s.customers_at_start, s.new_customers, s.reactivated, s.churned,
							s.customers_at_end, s.new_lost, s.reactivated_lost)
	   OR m.period_end IS DISTINCT FROM (SELECT t FROM g WHERE g.k = n.k + 1)
	   OR m.churn_rate IS DISTINCT FROM n.churned::float8 / nullif(n.at_start, 0)
	   OR m.retention_rate IS DISTINCT FROM (n.at_start - n.churned)::float8 / nullif(n.at_start, 0)
	   OR s.churn_rate IS DISTINCT FROM (n.churned + n.new_lost)::float8 / nullif(n.at_start + n.new, 0)
	   OR s.retention_rate IS DISTINCT FROM (n.at_start + n.new - n.churned - n.new_lost)::float8
											/ nullif(n.at_start + n.new, 0) AS bad,
	   n AS naive_row, m AS mine_row
FROM naive n FULL JOIN mine m USING (k) FULL JOIN mine_plus_new s USING (k);

-- cohorts: cohort c = period of first activity; retained at t_{c+j+1}
CREATE TEMP TABLE naive_c AS
SELECT c.k AS c, o.j, coalesce(nw.n, 0) AS size, coalesce(r.n, 0) AS retained
FROM g c
CROSS JOIN LATERAL generate_series(0, least(${maxoff}, ${periods} - 1 - c.k)) o(j)
LEFT JOIN (SELECT kf, count(*) AS n FROM firsts GROUP BY kf) nw ON nw.kf = c.k
LEFT JOIN (SELECT f.kf, p.k - f.kf - 1 AS j, count(*) AS n
		   FROM firsts f JOIN pres p ON p.id = f.id AND p.k > f.kf AND p.k <= f.kf + 1 + ${maxoff}
		   WHERE f.kf >= 0 GROUP BY 1, 2) r ON r.kf = c.k AND r.j = o.j
WHERE c.k < ${periods};
CREATE TEMP TABLE mine_c AS
	SELECT g.k AS c, r.period_offset AS j, r.cohort_size AS size, r.retained, r.retention_rate
	FROM summary, churn_cohort_retention(s) r JOIN g ON g.t = r.cohort;
CREATE TEMP TABLE ccheck AS
SELECT c, j, n.c IS NULL OR m.c IS NULL OR (n.size, n.retained) IS DISTINCT FROM (m.size, m.retained)
	   OR m.retention_rate IS DISTINCT FROM n.retained::float8 / nullif(n.size, 0) AS bad,
	   n AS naive_row, m AS mine_row
FROM naive_c n FULL JOIN mine_c m USING (c, j);

SELECT 'periods', count(*), count(*) FILTER (WHERE bad) FROM pcheck;
SELECT 'pdiff', k, naive_row, mine_row FROM pcheck WHERE bad ORDER BY k LIMIT 10;
SELECT 'cohorts', count(*), count(*) FILTER (WHERE bad) FROM ccheck;
SELECT 'cdiff', c, j, naive_row, mine_row FROM ccheck WHERE bad ORDER BY c, j LIMIT 10;
SELECT 'note', format('%s customers, %s present at some boundary; per period on average %s at start, %s new, %s reactivated, %s churned; %s cohort cells non-zero',
			  (SELECT customers(s) FROM summary), (SELECT count(DISTINCT id) FROM pres),
			  round(avg(at_start)), round(avg(new)), round(avg(react)), round(avg(churned)),
			  (SELECT count(*) FROM naive_c WHERE retained > 0))
FROM naive;
SQL
	) || rc=$?
	if ((rc != 0)); then
		n=$((n + 1))
		failed=$((failed + 1))
		echo "not ok $n - $label: the comparison did not run"
		printf '%s\n' "$out" | sed 's/^/# /'
		return
	fi
	IFS='|' read -r _ prows pdiff <<<"$(grep '^periods|' <<<"$out")"
	IFS='|' read -r _ crows cdiff <<<"$(grep '^cohorts|' <<<"$out")"
	n=$((n + 1))
	if [[ $pdiff == 0 && $prows == "$periods" ]]; then
		echo "ok $n - $label: churn_periods, $prows periods x 2 methods, every counter and rate equal to naive SQL"
	else
		failed=$((failed + 1))
		echo "not ok $n - $label: churn_periods differs from naive SQL in $pdiff of $prows periods"
		grep '^pdiff|' <<<"$out" | sed 's/^/# /'
	fi
	n=$((n + 1))
	if [[ $cdiff == 0 && $crows -gt 0 ]]; then
		echo "ok $n - $label: churn_cohort_retention, $crows cells equal to naive SQL ($((SECONDS - t0))s)"
	else
		failed=$((failed + 1))
		echo "not ok $n - $label: churn_cohort_retention differs from naive SQL in $cdiff of $crows cells"
		grep '^cdiff|' <<<"$out" | sed 's/^/# /'
	fi
	grep '^note|' <<<"$out" | cut -d'|' -f2- | sed 's/^/#   /'
}

run_grid "monthly grid from Jan 31" cust comps date 2020-01-31 '1 month' 48 47
run_grid "weekly grid" cust comps date 2021-03-01 '7 days' 104 12
run_grid "daily grid" cust comps date 2022-02-01 '1 day' 120 30
run_grid "timestamptz monthly grid, America/New_York" cust_tz comps_tz timestamptz '2020-06-01 00:00' '1 month' 36 35

echo "1..$n"
echo "# $((SECONDS - start))s in all"
((failed == 0))
