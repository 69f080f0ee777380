/*
 * bench/revenue_setup.sql: the revenue benchmark's data, in schema cx_bench.
 * Run by bench/revenue.sh.
 *
 * psql variables: customers, playbook_customers, reuse (true/false).
 *
 *   cx_bench.revenue_subs     one row per subscription, as a CRM keeps them:
 *                             customer_id, during (daterange, upper bound
 *                             exclusive, NULL for an open-ended one) and
 *                             amount (numeric, the monthly amount in cents:
 *                             two decimals).  Reproducible (setseed).
 *   cx_bench.revenue_subs_pb  the rows of customers 1 .. playbook_customers,
 *                             for the mrr-playbook SQL when it is measured on
 *                             fewer customers than the whole table; made only
 *                             when playbook_customers < customers.
 *
 * The shape: 1 to 3 subscriptions per customer (equally likely).  The first
 * starts on any day of 2020-01-01 .. 2024-12-31 on one of seven plans (9 to
 * 499 a month, tilted towards the cheap ones; a quarter of the customers pay
 * annually at 15% off, which makes the amounts 7.65, 16.15, ...).  Each
 * following one is, by the draw,
 *   a plan change (half):   the previous subscription ends on a month start
 *                           and the next plan (one or two tiers up, or down,
 *                           a third of the time) starts on that same day;
 *   a lapse (three tenths): the previous one ends on any day, the customer
 *                           comes back 15 to 414 days later on a new plan;
 *   an add-on (a fifth):    a second subscription of 5 to 50 a month starts
 *                           while the previous one runs (amounts add up).
 * A subscription that a plan change ends lasts 1 to 24 months (to a month
 * start); others 1 to 60 days (three tenths) or 30 to 729 days.  The last
 * subscription of a customer is open-ended four times in ten.
 * Subscriptions that would start after 2024-12-31 are dropped, so customers
 * who start late have fewer rows; every range is non-empty and every amount
 * positive.  Rows are stored in the order of their start, as a CRM inserts
 * them (not grouped by customer).
 *
 * UNLOGGED, frozen and analyzed, like bench/setup.sql's tables.  With
 * reuse=true and an earlier run's data of the same shape (--keep), the
 * table is not rebuilt (the playbook's subset always is: it is quick).
 */
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS cx_bench;

SELECT to_regclass('cx_bench.revenue_meta') IS NOT NULL AS cx_have_meta \gset
\set cx_reuse_ok false
\if :cx_have_meta
SELECT to_jsonb(m) = jsonb_build_object('format', 1, 'customers', :customers) AND :reuse AS cx_reuse_ok
	FROM cx_bench.revenue_meta AS m \gset
\endif

\if :cx_reuse_ok
\echo '  reusing the revenue data of an earlier run (cx_bench.revenue_subs)'
\else
DROP TABLE IF EXISTS cx_bench.revenue_meta, cx_bench.revenue_subs, cx_bench.revenue_subs_pb;
CREATE TABLE cx_bench.revenue_meta (format int, customers bigint);
INSERT INTO cx_bench.revenue_meta VALUES (1, :customers);

\echo '  generating the subscriptions of' :customers 'customers'
SET max_parallel_workers_per_gather = 0;	-- random() in one process, in one order
SELECT setseed(0.2718) \g /dev/null
CREATE TEMP TABLE revenue_gen AS
WITH RECURSIVE chain AS (
	-- each customer's first subscription
	SELECT c.id, 1 AS n, c.nsubs, c.disc, c.s, k.e, c.tier, (price[c.tier] * c.disc)::numeric(12, 2) AS amount,
		   k.next_kind
	FROM (SELECT id, 1 + floor(random() * 3)::int AS nsubs,
				 CASE WHEN random() < 0.25 THEN 0.85 ELSE 1 END AS disc,
				 date '2020-01-01' + floor(random() * 1827)::int AS s,
				 1 + floor(random() ^ 2 * 7)::int AS tier
		  FROM generate_series(1, :customers) AS id) AS c
	CROSS JOIN (SELECT ARRAY[9, 19, 29, 49, 99, 199, 499]::numeric[] AS price) AS p
	CROSS JOIN LATERAL (
		SELECT kind.next_kind,
			   CASE kind.next_kind
					WHEN 'open' THEN NULL
					WHEN 'change' THEN (date_trunc('month', c.s) + (1 + floor(kind.r2 * 24)) * interval '1 month')::date
					ELSE c.s + (CASE WHEN kind.r3 < 0.3 THEN 1 + floor(kind.r2 * 60) ELSE 30 + floor(kind.r2 * 700) END)::int
			   END AS e
		FROM (SELECT CASE WHEN c.nsubs = 1 THEN CASE WHEN r1 < 0.4 THEN 'open' ELSE 'end' END
						  WHEN r1 < 0.5 THEN 'change' WHEN r1 < 0.8 THEN 'lapse' ELSE 'addon' END AS next_kind,
					 r2, r3
			  FROM (SELECT random() AS r1, random() AS r2, random() AS r3, c.id) AS r) AS kind) AS k
	UNION ALL
	-- the next one, after the kind of step that the previous one drew
	SELECT c.id, c.n + 1, c.nsubs, c.disc, x.s, k.e, x.tier, x.amount, k.next_kind
	FROM chain AS c
	CROSS JOIN LATERAL (SELECT random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
							   random() AS r6, c.id) AS r
	CROSS JOIN LATERAL (
		SELECT t.s, t.tier,
			   CASE WHEN c.next_kind = 'addon' THEN (5 + floor(r.r4 * 46))::numeric(12, 2)
					ELSE (p.price[t.tier] * c.disc)::numeric(12, 2) END AS amount
		FROM (SELECT ARRAY[9, 19, 29, 49, 99, 199, 499]::numeric[] AS price) AS p,
			 LATERAL (
				SELECT CASE c.next_kind
							WHEN 'change' THEN c.e
							WHEN 'lapse' THEN c.e + (15 + floor(r.r1 * 400))::int
							ELSE c.s + floor(r.r1 * (c.e - c.s))::int	-- add-on: while the previous one runs
					   END AS s,
					   CASE c.next_kind
							-- one or two tiers up (two thirds) or down, bounced off the ends
							WHEN 'change' THEN CASE WHEN t2.tier < 1 THEN c.tier + 1 WHEN t2.tier > 7 THEN c.tier - 1 ELSE t2.tier END
							WHEN 'lapse' THEN 1 + floor(r.r2 ^ 2 * 7)::int
							ELSE c.tier
					   END AS tier
				FROM (SELECT c.tier + CASE WHEN r.r2 < 2.0 / 3 THEN 1 ELSE -1 END
									  * CASE WHEN r.r3 < 0.7 THEN 1 ELSE 2 END AS tier) AS t2) AS t) AS x
	CROSS JOIN LATERAL (
		SELECT kind.next_kind,
			   CASE kind.next_kind
					WHEN 'open' THEN NULL
					WHEN 'change' THEN (date_trunc('month', x.s) + (1 + floor(r.r6 * 24)) * interval '1 month')::date
					ELSE x.s + (CASE WHEN r.r4 < 0.3 THEN 1 + floor(r.r6 * 60) ELSE 30 + floor(r.r6 * 700) END)::int
			   END AS e
		FROM (SELECT CASE WHEN c.n + 1 = c.nsubs THEN CASE WHEN r.r5 < 0.4 THEN 'open' ELSE 'end' END
						  WHEN r.r5 < 0.5 THEN 'change' WHEN r.r5 < 0.8 THEN 'lapse' ELSE 'addon' END AS next_kind) AS kind) AS k
	WHERE c.n < c.nsubs
)
SELECT id, n, s, e, amount, next_kind FROM chain;

\echo '  storing them: cx_bench.revenue_subs'
CREATE UNLOGGED TABLE cx_bench.revenue_subs AS
SELECT id AS customer_id, daterange(s, e) AS during, amount
FROM revenue_gen
WHERE s < date '2025-01-01'
ORDER BY s, id, n;
DROP TABLE revenue_gen;
RESET max_parallel_workers_per_gather;
\echo '  VACUUM (FREEZE, ANALYZE)'
VACUUM (FREEZE, ANALYZE) cx_bench.revenue_subs;
\endif

-- The playbook's subset: the first playbook_customers customers (ids are
-- drawn independently of the data, so this is a uniform sample).
DROP TABLE IF EXISTS cx_bench.revenue_subs_pb;
SELECT :playbook_customers < :customers AS cx_pb_subset \gset
\if :cx_pb_subset
\echo '  the mrr-playbook subset: customers 1 ..' :playbook_customers '(cx_bench.revenue_subs_pb)'
CREATE UNLOGGED TABLE cx_bench.revenue_subs_pb AS
SELECT * FROM cx_bench.revenue_subs WHERE customer_id <= :playbook_customers;
VACUUM (FREEZE, ANALYZE) cx_bench.revenue_subs_pb;
\endif
