#!/usr/bin/env bash
# revenue_property.sh: mrr_agg(), revenue_agg(), revenue_periods() and
# revenue_cohort_retention() against a naive SQL computation, on random
# customers.
#
# 100,000 customers (fixed seed), each with 1 to 4 subscriptions of random
# monthly amounts (whole and with cents): short and long ones, lapses of a
# few days (inside a period), gaps of months, overlapping add-ons, upgrades
# and downgrades where the old plan ends and the new one starts on the first
# of a month, open-ended last subscriptions; a tenth start with a free trial
# (amount 0) that converts to paid, and some subscriptions carry a discount
# line (a negative amount, up to the whole price, inside the subscription).
# Plus a few special customers: unbounded below, -infinity, only a free
# plan, a NULL timeline.
#
# For each grid (monthly from a 31st, 48 periods; weekly, 104; daily, 120;
# and a monthly timestamptz grid in New York time, 36 periods, on 30,000 of
# the customers as timestamptz ranges with bounds of every kind) every
# column of revenue_periods() and every cell of revenue_cohort_retention()
# must equal what plain SQL gives, which shares nothing with the extension:
#   - the boundaries t_0 .. t_P from generate_series, origin + k * bucket;
#   - m+(t) = the sum of the amounts of the subscriptions containing t, and
#     m-(t) = the same for the instant just before t (for dates the day
#     t - 1; for timestamptz a range that has a point before t and whose
#     upper end is at t or later), by joins of the boundaries with the rows;
#     m(t) = least(m-, m+);
#   - a = m(t_k), b = m(t_k+1) by lag() per customer over all boundaries,
#     and the classification rules of the spec, with CASE;
#   - the first instant the customer's MRR is positive: the least bound of
#     their rows at which (or just after which) the sum of the amounts of
#     the rows there is positive; new when that is not before t_k;
#   - cohorts: that instant's period, from width_bucket() over the
#     boundaries, and m at t_c+j+1.
# Also: the identity start + new + expansion + reactivation - contraction -
# churned = end on every period, and the chaining of periods; every amount
# written with 2 decimals (the data's scale); customers() = the customers
# whose MRR is ever positive; and, over the customers whose amounts are all
# positive, the customer counts against churn_agg() of range_agg() of the
# same ranges (at start, churned, new - new_lost, reactivated -
# reactivated_lost, at end).
#
# Prints TAP ("ok N - ...", "not ok N - ...") and exits nonzero on any
# difference.  Needs a running server in PGHOST/PGPORT/PGUSER (test/run
# provides one).  CX_REVENUE_CUSTOMERS=N changes the number of customers.
set -euo pipefail

db=cx_revenue_property
customers=${CX_REVENUE_CUSTOMERS:-100000}

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
SELECT setseed(0.5772) \g /dev/null

-- Per customer: how many subscriptions, the first start (uniform over five
-- years), whether it begins with a free trial.  Per subscription: random
-- draws for its length, how it follows the one before, its price, whether
-- it is open-ended, and its discount.
CREATE TABLE draws AS
SELECT id, n, nsubs, s0, trial, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
	   random() AS r5, random() AS r6, random() AS r7, random() AS r8, random() AS r9
FROM (SELECT id, 1 + floor(random() * 4)::int AS nsubs,
			 date '2019-06-01' + floor(random() * 1800)::int AS s0, random() < 0.1 AS trial
	  FROM generate_series(1, :customers) id) c,
	 LATERAL generate_series(1, c.nsubs) n;
CREATE INDEX ON draws (id, n);
ANALYZE draws;

-- The subscriptions, one after the other.  How subscription n + 1 follows
-- n (r3): a plan change (a quarter: the old one ends on the first of a
-- month and the new one starts there), a lapse of 1-10 days, an add-on that
-- overlaps by up to 20 days, or a gap of 1-11 months.  Length (r1, r2):
-- 1-40 days or 30-429 days.  A tenth start on the first of a month (r5).
CREATE TABLE chain AS
WITH RECURSIVE c AS (
	SELECT id, n, nsubs, false AS plan_change,
		   CASE WHEN r5 < 0.1 THEN date_trunc('month', s0)::date ELSE s0 END AS s,
		   (CASE WHEN r1 < 0.3 THEN 1 + floor(r2 * 40) ELSE 30 + floor(r2 * 400) END)::int AS len
	FROM draws WHERE n = 1
	UNION ALL
	SELECT d.id, d.n, d.nsubs, d.r3 < 0.25,
		   CASE WHEN d.r3 < 0.25 THEN (date_trunc('month', c.s + c.len) + interval '1 month')::date
				WHEN d.r3 < 0.45 THEN c.s + c.len + 1 + floor(d.r4 * 10)::int
				WHEN d.r3 < 0.55 THEN greatest(c.s + 1, c.s + c.len - floor(d.r4 * 20)::int)
				ELSE c.s + c.len + 30 + floor(d.r4 * 300)::int END,
		   (CASE WHEN d.r1 < 0.3 THEN 1 + floor(d.r2 * 40) ELSE 30 + floor(d.r2 * 400) END)::int
	FROM c JOIN draws d ON d.id = c.id AND d.n = c.n + 1
)
SELECT * FROM c;
ANALYZE chain;

-- Ends: where the next one is a plan change, exactly its start; the last
-- one open-ended for a third; a tenth of the others on the next first of a
-- month.  Prices from a list, whole and with cents.
CREATE TABLE subs AS
SELECT c.id, c.n, 'plan' AS kind,
	   daterange(c.s, CASE WHEN lead(c.plan_change) OVER w THEN lead(c.s) OVER w
						   WHEN c.n = c.nsubs AND d.r6 < 0.33 THEN NULL
						   WHEN d.r6 > 0.9 THEN (date_trunc('month', c.s + c.len) + interval '1 month')::date
						   ELSE c.s + c.len END) AS r,
	   (ARRAY[9.99, 19, 29.50, 49, 79.99, 99, 149.50, 299, 12.25, 5])[1 + floor(d.r7 * 10)::int]::numeric AS amount,
	   c.s, c.len, d.r8, d.r9
FROM chain c JOIN draws d USING (id, n)
WINDOW w AS (PARTITION BY c.id ORDER BY c.n);

-- Discounts: on about 8% of the subscriptions, a negative line inside
-- [s, s + len) (so inside the subscription, whatever its end), of 10%, 25%,
-- 50% or 100% of its price: the MRR never goes below 0.
INSERT INTO subs
SELECT id, n, 'discount',
	   daterange(s + a, s + a + 1 + floor(r9 * (len - a))::int),
	   -round(amount * (ARRAY[0.1, 0.25, 0.5, 1])[1 + floor(r8 * 100)::int % 4], 2), s, len, r8, r9
FROM (SELECT *, floor(r9 * len / 2)::int AS a FROM subs) x
WHERE r8 < 0.08;

-- Free trials: 14 days at 0 that end where the first paid subscription
-- starts.
INSERT INTO subs (id, n, kind, r, amount)
SELECT c.id, 0, 'trial', daterange(c.s - 14, c.s), 0
FROM chain c JOIN draws d USING (id, n)
WHERE c.n = 1 AND d.trial;

-- Special customers: unbounded below, -infinity, both, a free plan only.
INSERT INTO subs (id, n, kind, r, amount) VALUES
	(-1, 1, 'plan', daterange(NULL, '2021-06-15'), 50),
	(-2, 1, 'plan', daterange(NULL, NULL), 10),
	(-3, 1, 'plan', daterange('-infinity', '2022-02-02'), 7.5),
	(-3, 2, 'plan', daterange('2022-02-10', 'infinity'), 7.5),
	(-4, 1, 'plan', daterange('2021-01-01', NULL), 0),
	(-5, 1, 'plan', daterange('2020-01-31', '2020-02-01'), 3.33);
ALTER TABLE subs DROP COLUMN s, DROP COLUMN len, DROP COLUMN r8, DROP COLUMN r9;

-- The customers' timelines, the input of revenue_agg (and one NULL).
CREATE TABLE tl AS SELECT id, mrr_agg(r, amount) AS mrr FROM subs GROUP BY id;
INSERT INTO tl VALUES (-9, NULL);

-- The first 30,000 customers again as timestamptz ranges in New York time,
-- from 09:00 on the first day (a fifth of them from midnight) to 17:00 on
-- the last (a seventh to midnight after it), with bounds of one kind per
-- customer ('[]', '(]', '[)' or '()'): the same for the discount lines, so
-- they stay inside their subscription.
SET TIME ZONE 'America/New_York';
CREATE TABLE subs_tz AS
SELECT id, n, kind,
	   tstzrange(lower(r) + CASE WHEN id % 5 = 0 THEN time '00:00' ELSE time '09:00' END,
				 CASE WHEN id % 7 = 0 THEN upper(r) + time '00:00' ELSE upper(r) - 1 + time '17:00' END,
				 (ARRAY['[]', '(]', '[)', '()'])[1 + abs(id) % 4]) AS r,
	   amount
FROM subs WHERE id <= 30000;
CREATE TABLE tl_tz AS SELECT id, mrr_agg(r, amount) AS mrr FROM subs_tz GROUP BY id;

-- The customers whose amounts are all positive, for the agreement with
-- churn_agg(); and their activity as churn_agg() reads it.
CREATE TABLE pos AS SELECT id FROM subs GROUP BY id HAVING bool_and(amount > 0);
CREATE TABLE act AS SELECT id, range_agg(r) AS activity FROM subs WHERE id IN (SELECT id FROM pos) GROUP BY id;
CREATE TABLE act_tz AS SELECT id, range_agg(r) AS activity FROM subs_tz WHERE id IN (SELECT id FROM pos) GROUP BY id;

CREATE INDEX ON subs USING gist (r);
CREATE INDEX ON subs (id);
CREATE INDEX ON subs_tz USING gist (r);
CREATE INDEX ON subs_tz (id);
ANALYZE;

-- The first instant at which each customer's MRR is positive: among the
-- bounds of the customer's rows (and -infinity), the least at which, or
-- just after which, the rows there sum to more than 0 (the MRR is constant
-- between bounds, so the first positive instant is one of them).  For
-- dates, "just after p" is the day p itself.  Customers whose MRR is never
-- positive are not there.
CREATE FUNCTION firsts_of(tbl regclass) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
	EXECUTE format($q$
		CREATE TABLE %1$s AS
		SELECT c.id, min(c.p) AS first
		FROM (SELECT DISTINCT id, p FROM (SELECT id, lower(r) AS p FROM %2$s WHERE NOT lower_inf(r)
										  UNION ALL SELECT id, upper(r) FROM %2$s WHERE NOT upper_inf(r)
										  UNION ALL SELECT id, '-infinity' FROM %2$s) x) c
		WHERE (SELECT coalesce(sum(amount), 0) FROM %2$s s WHERE s.id = c.id AND s.r @> c.p) > 0
		   OR (SELECT coalesce(sum(amount), 0) FROM %2$s s
			   WHERE s.id = c.id AND (lower_inf(s.r) OR lower(s.r) <= c.p) AND (upper_inf(s.r) OR upper(s.r) > c.p)) > 0
		GROUP BY c.id$q$, 'firsts_' || tbl::text, tbl);
END
$f$;
SELECT firsts_of('subs'), firsts_of('subs_tz') \g /dev/null
VACUUM ANALYZE;
SQL
echo "# $customers customers ($(q -d "$db" -At -c "SELECT count(*) FILTER (WHERE kind = 'plan') || ' subscriptions, ' || count(*) FILTER (WHERE kind = 'discount') || ' discounts, ' || count(*) FILTER (WHERE kind = 'trial') || ' trials' FROM subs")), generated in $((SECONDS - start))s"

n=0
failed=0

# tap OK MESSAGE [DETAIL]: one TAP line, the detail as comments when not ok.
tap() {
	n=$((n + 1))
	if [[ $1 == 1 ]]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
		[[ -z ${3:-} ]] || printf '%s\n' "$3" | sed 's/^/# /'
	fi
}

# run_grid LABEL SUBS TIMELINES ACTIVITY TYPE ORIGIN BUCKET PERIODS MAX_OFFSET
# One grid: four TAP lines (periods, cohorts, identity and scale, churn).
# The first positive instants are in table firsts_SUBS.
run_grid() {
	local label=$1 subs=$2 tl=$3 act=$4 type=$5 origin=$6 bucket=$7 periods=$8 maxoff=$9
	local firsts=firsts_$subs
	local out rc=0 t0=$SECONDS line rows bad
	# m-(t): for dates the day before; for timestamptz a point before t and
	# the upper end at t or later
	local before
	if [[ $type == date ]]; then
		before='s.r @> (g.t - 1)'
	else
		before="s.r && tstzrange(NULL, g.t, '()') AND (upper_inf(s.r) OR upper(s.r) >= g.t)"
	fi
	out=$(q -d "$db" -At -F '|' 2>&1 <<SQL
SET client_min_messages = warning;
SET TIME ZONE 'America/New_York';
SET work_mem = '1GB';
SET max_parallel_workers_per_gather = 0;

-- the boundaries t_0 .. t_P: PostgreSQL's own origin + k * bucket
CREATE TEMP TABLE g AS
	SELECT k, ('${origin}'::${type} + k * interval '${bucket}')::${type} AS t
	FROM generate_series(0, ${periods}) k;
CREATE TEMP TABLE b AS SELECT array_agg(t ORDER BY k) AS bounds FROM g;

-- the summaries under test: all customers; those with positive amounts
-- only, and churn_agg() of their activity
CREATE TEMP TABLE summary AS
	SELECT revenue_agg(mrr, '${origin}'::${type}, interval '${bucket}', ${periods}, ${maxoff}) AS s
	FROM ${tl};
CREATE TEMP TABLE summary_pos AS
	SELECT revenue_agg(mrr, '${origin}'::${type}, interval '${bucket}', ${periods}) AS s
	FROM ${tl} WHERE id IN (SELECT id FROM pos);
CREATE TEMP TABLE churn AS
	SELECT churn_agg(activity, '${origin}'::${type}, interval '${bucket}', ${periods}) AS s FROM ${act};

-- m+ and m- at every boundary, per customer: sums over the rows there
CREATE TEMP TABLE mplus AS
	SELECT s.id, g.k, sum(s.amount) AS v FROM g JOIN ${subs} s ON s.r @> g.t GROUP BY 1, 2;
CREATE TEMP TABLE mminus AS
	SELECT s.id, g.k, sum(s.amount) AS v FROM g JOIN ${subs} s ON ${before} GROUP BY 1, 2;
-- m = least(m-, m+), kept where positive
CREATE TEMP TABLE mk AS
	SELECT id, k, least(p.v, m.v) AS m FROM mplus p JOIN mminus m USING (id, k) WHERE least(p.v, m.v) > 0;
CREATE INDEX ON mk (id, k);
ANALYZE mk;

-- the period of the first positive instant: -1 before t_0, P at or after t_P
CREATE TEMP TABLE firsts AS
	SELECT id, first, width_bucket(first, (SELECT bounds FROM b)) - 1 AS kf FROM ${firsts};

-- every customer paying at some boundary, at every boundary; a and b by lag()
CREATE TEMP TABLE dense AS
	SELECT c.id, g.k, g.t, coalesce(mk.m, 0) AS m
	FROM (SELECT DISTINCT id FROM mk) c CROSS JOIN g LEFT JOIN mk ON mk.id = c.id AND mk.k = g.k;
CREATE TEMP TABLE mov AS
	SELECT id, k - 1 AS k, a, b,
		   CASE WHEN a > 0 AND b = 0 THEN 'churned'
				WHEN a > 0 AND b > a THEN 'expansion'
				WHEN a > 0 AND b < a THEN 'contraction'
				WHEN a = 0 AND b > 0 AND f.first < t_start THEN 'reactivation'
				WHEN a = 0 AND b > 0 THEN 'new' END AS what
	FROM (SELECT id, k, lag(m) OVER w AS a, m AS b, lag(t) OVER w AS t_start
		  FROM dense WINDOW w AS (PARTITION BY id ORDER BY k)) d
		 LEFT JOIN firsts f USING (id)
	WHERE k >= 1;

CREATE TEMP TABLE naive AS
SELECT g.k, g.t AS period_start, g2.t AS period_end,
	   coalesce(sum(a), 0) AS mrr_at_start,
	   coalesce(sum(b) FILTER (WHERE what = 'new'), 0) AS new_mrr,
	   coalesce(sum(b - a) FILTER (WHERE what = 'expansion'), 0) AS expansion_mrr,
	   coalesce(sum(b) FILTER (WHERE what = 'reactivation'), 0) AS reactivation_mrr,
	   coalesce(sum(a - b) FILTER (WHERE what = 'contraction'), 0) AS contraction_mrr,
	   coalesce(sum(a) FILTER (WHERE what = 'churned'), 0) AS churned_mrr,
	   coalesce(sum(b), 0) AS mrr_at_end,
	   count(*) FILTER (WHERE a > 0) AS customers_at_start,
	   count(*) FILTER (WHERE what = 'new') AS new_customers,
	   count(*) FILTER (WHERE what = 'expansion') AS expansion_customers,
	   count(*) FILTER (WHERE what = 'reactivation') AS reactivation_customers,
	   count(*) FILTER (WHERE what = 'contraction') AS contraction_customers,
	   count(*) FILTER (WHERE what = 'churned') AS churned_customers,
	   count(*) FILTER (WHERE b > 0) AS customers_at_end
FROM g JOIN g g2 ON g2.k = g.k + 1
	 LEFT JOIN mov ON mov.k = g.k
GROUP BY g.k, g.t, g2.t;

CREATE TEMP TABLE mine AS
	SELECT g.k, p.* FROM summary, revenue_periods(s) p JOIN g ON g.t = p.period_start;

-- Every column.  Amounts and counts exactly; NRR, GRR and the quick ratio
-- (float8) to 1e-12 relative of the exact quotient; ARPA, whose decimals
-- the spec leaves open, to within a cent.
CREATE FUNCTION pg_temp.near(x float8, exact numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS
\$\$ SELECT CASE WHEN x IS NULL OR exact IS NULL THEN x IS NULL AND exact IS NULL
				ELSE abs(x - exact::float8) <= 1e-12 * greatest(1, abs(exact::float8)) END \$\$;
CREATE TEMP TABLE pcheck AS
SELECT k, n.k IS NULL OR m.k IS NULL
	   OR (n.period_start, n.period_end, n.mrr_at_start, n.new_mrr, n.expansion_mrr, n.reactivation_mrr,
		   n.contraction_mrr, n.churned_mrr, n.mrr_at_end, n.mrr_at_end - n.mrr_at_start,
		   n.customers_at_start, n.new_customers, n.expansion_customers, n.reactivation_customers,
		   n.contraction_customers, n.churned_customers, n.customers_at_end)
		  IS DISTINCT FROM
		  (m.period_start, m.period_end, m.mrr_at_start, m.new_mrr, m.expansion_mrr, m.reactivation_mrr,
		   m.contraction_mrr, m.churned_mrr, m.mrr_at_end, m.net_new_mrr,
		   m.customers_at_start, m.new_customers, m.expansion_customers, m.reactivation_customers,
		   m.contraction_customers, m.churned_customers, m.customers_at_end)
	   OR NOT pg_temp.near(m.nrr, (n.mrr_at_start + n.expansion_mrr - n.contraction_mrr - n.churned_mrr)
								  / nullif(n.mrr_at_start, 0))
	   OR NOT pg_temp.near(m.grr, (n.mrr_at_start - n.contraction_mrr - n.churned_mrr) / nullif(n.mrr_at_start, 0))
	   OR NOT pg_temp.near(m.quick_ratio, (n.new_mrr + n.expansion_mrr + n.reactivation_mrr)
										  / nullif(n.contraction_mrr + n.churned_mrr, 0))
	   OR (m.arpa IS NULL) <> (n.customers_at_end = 0)
	   OR abs(m.arpa - n.mrr_at_end / nullif(n.customers_at_end, 0)) >= 0.01 AS bad,
	   n::text AS naive_row, m::text AS mine_row
FROM naive n FULL JOIN mine m USING (k);

-- Cohorts: cohort c = the customers whose first positive instant is in
-- period c; at offset j, m at t_c+j+1.
CREATE TEMP TABLE naive_c AS
SELECT c.k AS c, o.j, coalesce(sz.n, 0) AS cohort_size,
	   coalesce(sum(mk.m), 0) AS mrr, count(mk.m) AS customers
FROM g c
CROSS JOIN LATERAL generate_series(0, least(${maxoff}, ${periods} - 1 - c.k)) o(j)
LEFT JOIN (SELECT kf, count(*) AS n FROM firsts GROUP BY kf) sz ON sz.kf = c.k
LEFT JOIN firsts f ON f.kf = c.k
LEFT JOIN mk ON mk.id = f.id AND mk.k = c.k + o.j + 1
WHERE c.k < ${periods}
GROUP BY c.k, o.j, sz.n;
CREATE TEMP TABLE mine_c AS
	SELECT g.k AS c, r.* FROM summary, revenue_cohort_retention(s) r JOIN g ON g.t = r.cohort;
CREATE TEMP TABLE ccheck AS
SELECT c, j, n.c IS NULL OR m.c IS NULL
	   OR (n.cohort_size, n.mrr0, n.customers, n.mrr)
		  IS DISTINCT FROM (m.cohort_size, m.cohort_mrr, m.customers, m.mrr)
	   OR NOT pg_temp.near(m.net_mrr_retention, n.mrr / nullif(n.mrr0, 0))
	   OR NOT pg_temp.near(m.customer_retention, n.customers / nullif(n.cohort_size, 0)::numeric) AS bad,
	   n::text AS naive_row, m::text AS mine_row
FROM (SELECT n.*, z.mrr AS mrr0 FROM naive_c n JOIN naive_c z ON z.c = n.c AND z.j = 0) n
	 FULL JOIN (SELECT c, period_offset AS j, cohort_size, cohort_mrr, customers, mrr, net_mrr_retention,
					   customer_retention FROM mine_c) m USING (c, j);

-- The identity and the chaining, on the code's own rows; every amount
-- with the data's 2 decimals.
CREATE TEMP TABLE icheck AS
SELECT k, NOT (mrr_at_start + new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr = mrr_at_end
			   AND customers_at_end = customers_at_start - churned_customers + new_customers + reactivation_customers
			   AND net_new_mrr = mrr_at_end - mrr_at_start
			   AND coalesce(lag(mrr_at_end) OVER w = mrr_at_start, true)
			   AND coalesce(lag(customers_at_end) OVER w = customers_at_start, true)
			   AND coalesce(lag(period_end) OVER w = period_start, true)
			   AND scale(mrr_at_start) = 2 AND scale(new_mrr) = 2 AND scale(expansion_mrr) = 2
			   AND scale(reactivation_mrr) = 2 AND scale(contraction_mrr) = 2 AND scale(churned_mrr) = 2
			   AND scale(mrr_at_end) = 2 AND scale(net_new_mrr) = 2) AS bad,
	   mine::text AS mine_row
FROM mine WINDOW w AS (ORDER BY k);

-- churn_agg() over the customers with positive amounts only
CREATE TEMP TABLE hcheck AS
SELECT k, r.k IS NULL OR c.k IS NULL
	   OR (r.customers_at_start, r.churned_customers, r.new_customers, r.reactivation_customers, r.customers_at_end)
		  IS DISTINCT FROM
		  (c.customers_at_start, c.churned, c.new_customers - c.new_lost, c.reactivated - c.reactivated_lost,
		   c.customers_at_end) AS bad,
	   r::text AS revenue_row, c::text AS churn_row
FROM (SELECT g.k, p.* FROM summary_pos, revenue_periods(s) p JOIN g ON g.t = p.period_start) r
	 FULL JOIN (SELECT g.k, p.* FROM churn, churn_periods(s) p JOIN g ON g.t = p.period_start) c USING (k);

SELECT 'periods', count(*), count(*) FILTER (WHERE bad) FROM pcheck;
SELECT 'pdiff', k, naive_row, mine_row FROM pcheck WHERE bad ORDER BY k LIMIT 5;
SELECT 'cohorts', count(*), count(*) FILTER (WHERE bad) FROM ccheck;
SELECT 'cdiff', c, j, naive_row, mine_row FROM ccheck WHERE bad ORDER BY c, j LIMIT 5;
SELECT 'identity', count(*), count(*) FILTER (WHERE bad) FROM icheck;
SELECT 'idiff', k, mine_row FROM icheck WHERE bad ORDER BY k LIMIT 5;
SELECT 'churn', count(*), count(*) FILTER (WHERE bad) FROM hcheck;
SELECT 'hdiff', k, revenue_row, churn_row FROM hcheck WHERE bad ORDER BY k LIMIT 5;
SELECT 'note', format('%s customers (%s in the summary); per period on average %s paying at the start, MRR %s; new %s, expansion %s, reactivation %s, contraction %s, churned %s customers; %s cohort cells non-zero',
			  (SELECT count(*) FROM firsts), (SELECT customers(s) FROM summary),
			  round(avg(customers_at_start)), round(avg(mrr_at_start), 2), round(avg(new_customers), 1),
			  round(avg(expansion_customers), 1), round(avg(reactivation_customers), 1),
			  round(avg(contraction_customers), 1), round(avg(churned_customers), 1),
			  (SELECT count(*) FROM naive_c WHERE customers > 0))
FROM naive;
SQL
	) || rc=$?
	if ((rc != 0)); then
		tap 0 "$label: the comparison did not run" "$out"
		return
	fi
	IFS='|' read -r _ rows bad <<<"$(grep '^periods|' <<<"$out")"
	if [[ $bad == 0 && $rows == "$periods" ]]; then
		tap 1 "$label: revenue_periods, $rows periods, every column equal to naive SQL"
	else
		tap 0 "$label: revenue_periods differs from naive SQL in $bad of $rows periods" "$(grep '^pdiff|' <<<"$out")"
	fi
	IFS='|' read -r _ rows bad <<<"$(grep '^cohorts|' <<<"$out")"
	if [[ $bad == 0 && $rows -gt 0 ]]; then
		tap 1 "$label: revenue_cohort_retention, $rows cells equal to naive SQL"
	else
		tap 0 "$label: revenue_cohort_retention differs from naive SQL in $bad of $rows cells" "$(grep '^cdiff|' <<<"$out")"
	fi
	IFS='|' read -r _ rows bad <<<"$(grep '^identity|' <<<"$out")"
	if [[ $bad == 0 && $rows == "$periods" ]]; then
		tap 1 "$label: the identity, the chaining and 2 decimals in all $rows periods"
	else
		tap 0 "$label: identity, chaining or scale broken in $bad of $rows periods" "$(grep '^idiff|' <<<"$out")"
	fi
	IFS='|' read -r _ rows bad <<<"$(grep '^churn|' <<<"$out")"
	if [[ $bad == 0 && $rows == "$periods" ]]; then
		tap 1 "$label: customer counts agree with churn_agg over the customers with positive amounts ($((SECONDS - t0))s)"
	else
		tap 0 "$label: customer counts differ from churn_agg in $bad of $rows periods" "$(grep '^hdiff|' <<<"$out")"
	fi
	while IFS= read -r line; do
		echo "#   ${line#note|}"
	done < <(grep '^note|' <<<"$out")
}

run_grid "monthly grid from Jan 31" subs tl act date 2020-01-31 '1 month' 48 47
run_grid "weekly grid" subs tl act date 2021-03-01 '7 days' 104 12
run_grid "daily grid" subs tl act date 2022-02-01 '1 day' 120 30
run_grid "timestamptz monthly grid, America/New_York" subs_tz tl_tz act_tz timestamptz '2020-06-01 00:00' '1 month' 36 35

# customers(): every non-NULL timeline, paying or not (the special
# customer with a free plan only counts; the NULL timeline does not): the
# customers that have rows.
out=$(q -d "$db" -At -F '|' <<'SQL'
SELECT (SELECT customers(revenue_agg(mrr, date '2020-01-01', interval '1 month', 1)) FROM tl),
	   (SELECT count(DISTINCT id) FROM subs),
	   (SELECT customers(revenue_agg(mrr, timestamptz '2020-01-01', interval '1 month', 1)) FROM tl_tz),
	   (SELECT count(DISTINCT id) FROM subs_tz);
SQL
)
IFS='|' read -r got want got_tz want_tz <<<"$out"
if [[ $got == "$want" && $got_tz == "$want_tz" ]]; then
	tap 1 "customers() = $got ($got_tz of the timestamptz ones), the customers with rows"
else
	tap 0 "customers() = $got and $got_tz, but $want and $want_tz customers have rows"
fi

echo "1..$n"
echo "# $((SECONDS - start))s in all"
((failed == 0))
