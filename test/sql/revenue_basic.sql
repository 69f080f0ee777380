--
-- revenue_basic: mrr_agg(), revenue_agg(), revenue_periods(),
-- revenue_cohort_retention() and rollup() on hand-worked data.  Every
-- expected number is worked out in the comments from the definitions
-- (/work/spec_revenue.md, issue 13) before any code existed, and most
-- queries print the computed value next to the hand-computed one, or a
-- boolean "ok" comparing them, so that a wrong .out is visible.
--
-- The definitions used throughout:
--   f(x)  = the sum of the amounts of the customer's subscriptions active
--           at x (a daterange [lo,hi) covers the days lo .. hi-1);
--   m(t)  = min(f just before t, f at t); for dates "just before t" is the
--           day t - 1.  Paying at t: m(t) > 0.
--   period k = [t_k, t_k+1), a = m(t_k), b = m(t_k+1):
--           a > 0, b = 0: churned a;  a > 0, b > a: expansion b - a;
--           a > 0, 0 < b < a: contraction a - b;  a = 0, b > 0: new b if the
--           MRR was never positive before t_k, else reactivation b.
--   So an increase at t counts in the period t opens, a decrease at t in
--   the period t closes.
--

SET datestyle = 'ISO, YMD';

--------------------------------------------------------------------------
-- 1. Sixteen customers on a monthly grid from 2024-01-01, 4 periods:
--    t0 = Jan 1, t1 = Feb 1, t2 = Mar 1, t3 = Apr 1, t4 = May 1.
--------------------------------------------------------------------------

CREATE TABLE rsubs (customer int, during daterange, amount numeric);
INSERT INTO rsubs VALUES
	-- c1: open-ended since before the grid: m = 100 at every boundary
	(1, '[2023-11-01,)', 100.00),
	-- c2: starts exactly on t1 = Feb 1: f(Jan 31) = 0, so m(t1) = 0;
	--     m(t2) = 50: new 50 in Feb (a start on t_k counts in period k)
	(2, '[2024-02-01,)', 50.00),
	-- c3: ends exactly on t2 = Mar 1 (last day Feb 29): m(t1) = 30,
	--     m(t2) = min(f(Feb 29) = 30, f(Mar 1) = 0) = 0: churned 30 in Feb
	--     (an end on t_k counts in period k-1)
	(3, '[2023-12-01,2024-03-01)', 30.00),
	-- c4: upgrade on t2: the old plan ends and the new starts on Mar 1:
	--     m(t2) = min(20, 45) = 20, m(t3) = 45: expansion 25 in Mar, no
	--     churn and no reactivation
	(4, '[2023-10-01,2024-03-01)', 20.00),
	(4, '[2024-03-01,)', 45.00),
	-- c5: downgrade on t2: m(t1) = 80, m(t2) = min(80, 60) = 60:
	--     contraction 20 in Feb (the period Mar 1 closes)
	(5, '[2023-10-01,2024-03-01)', 80.00),
	(5, '[2024-03-01,)', 60.00),
	-- c6: two subscriptions, one cancelled on t3 = Apr 1 (last day Mar 31):
	--     m(t2) = 55, m(t3) = min(f(Mar 31) = 55, f(Apr 1) = 40) = 40:
	--     contraction 15 in Mar (ChartMogul's convention), not churn
	(6, '[2023-12-01,)', 40.00),
	(6, '[2023-12-01,2024-04-01)', 15.00),
	-- c7: two overlapping subscriptions, both from January: amounts add.
	--     m(t0) = 0, m(t1) = 15, m(t2) = 15, m(t3) = 10 (the 5.00 one ended
	--     Mar 15): new 15 in Jan, contraction 5 in Mar
	(7, '[2024-01-10,)', 10.00),
	(7, '[2024-01-20,2024-03-15)', 5.00),
	-- c8: a lapse inside a period: paying Jan 5 .. Jan 14 only, invisible
	--     at every boundary (m(t0) = m(t1) = 0: no movement in Jan), but it
	--     makes the return on Feb 10 a reactivation: m(t2) = 35,
	--     reactivation 35 in Feb
	(8, '[2024-01-05,2024-01-15)', 35.00),
	(8, '[2024-02-10,)', 35.00),
	-- c9: a lapse over a boundary: paying until Feb 9, back Mar 5:
	--     m(t1) = 60, m(t2) = 0, m(t3) = 60: churned 60 in Feb,
	--     reactivation 60 in Mar
	(9, '[2023-11-01,2024-02-10)', 60.00),
	(9, '[2024-03-05,)', 60.00),
	-- c10: a lapse inside Jan (Jan 15 .. 19) but paying at t0 and t1: no
	--      movement at all
	(10, '[2023-11-01,2024-01-15)', 12.00),
	(10, '[2024-01-20,)', 12.00),
	-- c11: a free trial (amount 0) from Dec 15 converting to paid on Jan 15:
	--      the MRR was never positive before Jan 1, so m(t0) = 0 and
	--      m(t1) = 29: new 29 in Jan, not reactivation
	(11, '[2023-12-15,2024-01-15)', 0),
	(11, '[2024-01-15,)', 29.00),
	-- c12: a discount line (-30.00) over Feb and Mar on a 100.00 plan:
	--      m(t0) = 100, m(t1) = min(f(Jan 31) = 100, f(Feb 1) = 70) = 70,
	--      m(t2) = 70, m(t3) = min(f(Mar 31) = 70, f(Apr 1) = 100) = 70,
	--      m(t4) = 100: contraction 30 in Jan, expansion 30 in Apr
	(12, '[2023-12-01,)', 100.00),
	(12, '[2024-02-01,2024-04-01)', -30.00),
	-- c13: open-ended with an upper bound of 'infinity', from Mar 10:
	--      m(t3) = 9: new 9 in Mar
	(13, '[2024-03-10,infinity)', 9.00),
	-- c14: starts on t4 = May 1, after the last period: m(t4) = 0, no
	--      movement, no cohort; still a customer
	(14, '[2024-05-01,)', 70.00),
	-- c15: ended exactly on t0 (last day Dec 31): m(t0) = min(44, 0) = 0:
	--      nothing in the grid; a customer
	(15, '[2023-06-01,2024-01-01)', 44.00),
	-- c16: a zero-amount row only (a free plan): MRR 0 everywhere, a
	--      timeline with no steps, still counted by customers() (every
	--      non-NULL timeline is a customer, paying or not)
	(16, '[2024-01-01,)', 0.00);

CREATE TABLE rtl AS SELECT customer, mrr_agg(during, amount) AS mrr FROM rsubs GROUP BY customer;

-- m(t) per customer and boundary:
--          t0    t1    t2    t3    t4
--   c1    100   100   100   100   100
--   c2      0     0    50    50    50
--   c3     30    30     0     0     0
--   c4     20    20    20    45    45
--   c5     80    80    60    60    60
--   c6     55    55    55    40    40
--   c7      0    15    15    10    10
--   c8      0     0    35    35    35
--   c9     60    60     0    60    60
--   c10    12    12    12    12    12
--   c11     0    29    29    29    29
--   c12   100    70    70    70   100
--   c13     0     0     0     9     9
--   c14, c15, c16: 0 everywhere
--   sum   457   471   446   520   550
--   paying  8    10    10    12    12

-- Each customer on their own (one summary per customer): the movements,
-- as "Mon movement amount", against the list worked out above.
SELECT pc.customer, x.movements, x.movements = e.want AS ok
FROM (SELECT customer, revenue_agg(mrr, date '2024-01-01', interval '1 month', 4) AS s
	  FROM rtl GROUP BY customer) pc
	 CROSS JOIN LATERAL (
		SELECT coalesce(string_agg(to_char(p.period_start, 'Mon') || ' ' || m.name || ' ' || m.amount, ', '
								   ORDER BY p.period_start, m.ord) FILTER (WHERE m.amount <> 0), 'none') AS movements
		FROM revenue_periods(pc.s) p,
			 LATERAL (VALUES (1, 'new', p.new_mrr), (2, 'expansion', p.expansion_mrr),
							 (3, 'reactivation', p.reactivation_mrr), (4, 'contraction', p.contraction_mrr),
							 (5, 'churned', p.churned_mrr)) m(ord, name, amount)) x
	 JOIN (VALUES (1, 'none'),
				  (2, 'Feb new 50.00'),
				  (3, 'Feb churned 30.00'),
				  (4, 'Mar expansion 25.00'),
				  (5, 'Feb contraction 20.00'),
				  (6, 'Mar contraction 15.00'),
				  (7, 'Jan new 15.00, Mar contraction 5.00'),
				  (8, 'Feb reactivation 35.00'),
				  (9, 'Feb churned 60.00, Mar reactivation 60.00'),
				  (10, 'none'),
				  (11, 'Jan new 29.00'),
				  (12, 'Jan contraction 30.00, Apr expansion 30.00'),
				  (13, 'Mar new 9.00'),
				  (14, 'none'),
				  (15, 'none'),
				  (16, 'none')) e(customer, want) USING (customer)
ORDER BY pc.customer;

-- On its own, a customer counts once in each movement it has, and a
-- movement without an amount has no customer.
SELECT bool_and((p.new_customers, p.expansion_customers, p.reactivation_customers,
				 p.contraction_customers, p.churned_customers)
				= ((p.new_mrr > 0)::int, (p.expansion_mrr > 0)::int, (p.reactivation_mrr > 0)::int,
				   (p.contraction_mrr > 0)::int, (p.churned_mrr > 0)::int)) AS once_per_movement
FROM (SELECT customer, revenue_agg(mrr, date '2024-01-01', interval '1 month', 4) AS s
	  FROM rtl GROUP BY customer) pc, LATERAL revenue_periods(pc.s) p;

-- All of them together: per period, from the table above
--       start  new   exp   react contr churned end   net
-- Jan   457    44     0     0    30     0      471    14   new c7 c11, contraction c12
-- Feb   471    50     0    35    20    90      446   -25   new c2, react c8, contr c5, churned c3 c9
-- Mar   446     9    25    60    20     0      520    74   new c13, exp c4, react c9, contr c6 c7
-- Apr   520     0    30     0     0     0      550    30   exp c12
-- customers: at start, new, exp, react, contr, churned, at end
-- Jan    8 2 0 0 1 0 10;  Feb 10 1 0 1 1 2 10;  Mar 10 1 1 1 2 0 12;
-- Apr   12 0 1 0 0 0 12
CREATE TABLE rsum AS
	SELECT revenue_agg(mrr, date '2024-01-01', interval '1 month', 4) AS s,
		   revenue_agg(mrr, date '2024-01-01', interval '1 month', 4, 3) AS c
	FROM rtl;

SELECT p.period_start, p.period_end, p.mrr_at_start, p.new_mrr, p.expansion_mrr, p.reactivation_mrr,
	   p.contraction_mrr, p.churned_mrr, p.mrr_at_end, p.net_new_mrr,
	   (p.mrr_at_start, p.new_mrr, p.expansion_mrr, p.reactivation_mrr, p.contraction_mrr,
		p.churned_mrr, p.mrr_at_end, p.net_new_mrr) = (e.s, e.n, e.x, e.r, e.c, e.ch, e.e, e.nn) AS ok
FROM rsum, revenue_periods(rsum.s) p
	 JOIN (VALUES (date '2024-01-01', 457.00, 44.00, 0.00, 0.00, 30.00, 0.00, 471.00, 14.00),
				  (date '2024-02-01', 471.00, 50.00, 0.00, 35.00, 20.00, 90.00, 446.00, -25.00),
				  (date '2024-03-01', 446.00, 9.00, 25.00, 60.00, 20.00, 0.00, 520.00, 74.00),
				  (date '2024-04-01', 520.00, 0.00, 30.00, 0.00, 0.00, 0.00, 550.00, 30.00))
		  e(period_start, s, n, x, r, c, ch, e, nn) USING (period_start)
ORDER BY p.period_start;

SELECT p.period_start, p.customers_at_start, p.new_customers, p.expansion_customers,
	   p.reactivation_customers, p.contraction_customers, p.churned_customers, p.customers_at_end,
	   (p.customers_at_start, p.new_customers, p.expansion_customers, p.reactivation_customers,
		p.contraction_customers, p.churned_customers, p.customers_at_end)
	   = (e.s, e.n, e.x, e.r, e.c, e.ch, e.e) AS ok
FROM rsum, revenue_periods(rsum.s) p
	 JOIN (VALUES (date '2024-01-01', 8, 2, 0, 0, 1, 0, 10),
				  (date '2024-02-01', 10, 1, 0, 1, 1, 2, 10),
				  (date '2024-03-01', 10, 1, 1, 1, 2, 0, 12),
				  (date '2024-04-01', 12, 0, 1, 0, 0, 0, 12))
		  e(period_start, s, n, x, r, c, ch, e) USING (period_start)
ORDER BY p.period_start;

-- customers(): every non-NULL timeline, c16 (MRR 0 throughout, no step)
-- included: 16.
SELECT customers(s) AS customers, customers(s) = 16 AS ok FROM rsum;

-- The identity, exactly, in every period; net new = end - start; each
-- period ends where the next starts, in money and in customers; and the
-- customers' own identity: at end = at start - churned + new + reactivation.
SELECT count(*) AS periods,
	   bool_and(mrr_at_start + new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr
				= mrr_at_end) AS identity,
	   bool_and(net_new_mrr = mrr_at_end - mrr_at_start) AS net_new,
	   bool_and(customers_at_end = customers_at_start - churned_customers + new_customers
				+ reactivation_customers) AS customer_identity,
	   bool_and(coalesce(next_start = mrr_at_end, true) AND coalesce(next_customers = customers_at_end, true)
				AND coalesce(next_period = period_end, true)) AS chained
FROM (SELECT p.*, lead(mrr_at_start) OVER w AS next_start, lead(customers_at_start) OVER w AS next_customers,
			 lead(period_start) OVER w AS next_period
	  FROM rsum, revenue_periods(rsum.s) p WINDOW w AS (ORDER BY period_start)) q;

-- The cohort counters do not change the period counters.
SELECT (SELECT array_agg(p ORDER BY period_start) FROM revenue_periods(s) p)
	 = (SELECT array_agg(p ORDER BY period_start) FROM revenue_periods(c) p) AS same_periods
FROM rsum;

--------------------------------------------------------------------------
-- 2. NRR, GRR, quick ratio and ARPA by hand
--------------------------------------------------------------------------

-- NRR = (start + exp - contr - churned) / start, GRR = (start - contr -
-- churned) / start, quick = (new + exp + react) / (contr + churned),
-- ARPA = end / customers_at_end:
--   Jan: NRR = GRR = 427/457 = 0.9344; quick = 44/30 = 1.4667; ARPA = 471/10 = 47.10
--   Feb: NRR = GRR = 361/471 = 0.7665; quick = 85/110 = 0.7727; ARPA = 446/10 = 44.60
--   Mar: NRR = 451/446 = 1.0112, GRR = 426/446 = 0.9552; quick = 94/20 = 4.7;
--        ARPA = 520/12 = 43.33
--   Apr: NRR = 550/520 = 1.0577, GRR = 520/520 = 1; quick = 30/0: NULL;
--        ARPA = 550/12 = 45.83
-- (The ratios are float8: compared to 1e-12.  How many decimals ARPA has
-- is the code's choice, the spec does not say: compared to within a cent.)
SELECT p.period_start, round(p.nrr::numeric, 4) AS nrr, round(p.grr::numeric, 4) AS grr,
	   round(p.quick_ratio::numeric, 4) AS quick_ratio, round(p.arpa, 2) AS arpa,
	   abs(p.nrr - e.nrr) < 1e-12 AND abs(p.grr - e.grr) < 1e-12
	   AND coalesce(abs(p.quick_ratio - e.q) < 1e-12, p.quick_ratio IS NULL AND e.q IS NULL)
	   AND abs(p.arpa - e.arpa) < 0.01 AS ok
FROM rsum, revenue_periods(rsum.s) p
	 JOIN (VALUES (date '2024-01-01', 427::float8 / 457, 427::float8 / 457, 44::float8 / 30, 471::numeric / 10),
				  (date '2024-02-01', 361::float8 / 471, 361::float8 / 471, 85::float8 / 110, 446::numeric / 10),
				  (date '2024-03-01', 451::float8 / 446, 426::float8 / 446, 94::float8 / 20, 520::numeric / 12),
				  (date '2024-04-01', 550::float8 / 520, 1::float8, NULL::float8, 550::numeric / 12))
		  e(period_start, nrr, grr, q, arpa) USING (period_start)
ORDER BY p.period_start;

-- NULL where the denominator is 0, and 0 where only the numerator is.
-- One customer paying 10.00 until Jan 31, grid Jan, Feb 2024:
--   Jan: start 10, churned 10, end 0: NRR 0/10 = 0, GRR 0, quick 0/10 = 0,
--        ARPA NULL (nobody paying at the end)
--   Feb: start 0: NRR, GRR NULL; quick 0/0 NULL; ARPA NULL
SELECT p.period_start, p.mrr_at_start, p.churned_mrr, p.mrr_at_end, p.nrr, p.grr, p.quick_ratio, p.arpa
FROM revenue_periods((SELECT revenue_agg((SELECT mrr_agg(daterange('2023-12-01', '2024-02-01'), 10.00)),
										 date '2024-01-01', interval '1 month', 2))) p
ORDER BY p.period_start;

--------------------------------------------------------------------------
-- 3. Cohorts, max_offset 3
--------------------------------------------------------------------------

-- Cohort c = customers whose MRR first became positive in period c.
-- First positive day: c7 Jan 10, c8 Jan 5, c11 Jan 15 (the trial had MRR
-- 0), c2 Feb 1, c13 Mar 10; c14 May 1 (after the grid: no cohort); the
-- others before Jan 1 (no cohort); c16 never.
--   Jan (c7 c8 c11, size 3): MRR at t1 = 15 + 0 + 29 = 44 (2 paying),
--        t2 = 15 + 35 + 29 = 79 (3), t3 = 10 + 35 + 29 = 74 (3), t4 = 74 (3)
--        net MRR retention 1, 79/44, 74/44, 74/44; customers 2/3, 1, 1, 1
--   Feb (c2, size 1): 50 at t2, t3, t4 (offsets 0..2): 1, 1, 1
--   Mar (c13, size 1): 9 at t3, t4 (offsets 0, 1)
--   Apr: empty, size 0, MRR 0: retention NULL
-- Offset 0 is the period's new MRR and new customers: 44 (2), 50 (1), 9 (1), 0.
SELECT r.cohort, r.period_offset, r.cohort_size, r.cohort_mrr, r.customers, r.mrr,
	   round(r.net_mrr_retention::numeric, 4) AS net_mrr_retention,
	   round(r.customer_retention::numeric, 4) AS customer_retention,
	   (r.cohort_size, r.cohort_mrr, r.customers, r.mrr) = (e.size, e.cmrr, e.n, e.m)
	   AND coalesce(abs(r.net_mrr_retention - e.nmr) < 1e-12, r.net_mrr_retention IS NULL AND e.nmr IS NULL)
	   AND coalesce(abs(r.customer_retention - e.cr) < 1e-12, r.customer_retention IS NULL AND e.cr IS NULL) AS ok
FROM rsum, revenue_cohort_retention(rsum.c) r
	 FULL JOIN (VALUES (date '2024-01-01', 0, 3, 44.00, 2, 44.00, 1::float8, 2::float8 / 3),
					   (date '2024-01-01', 1, 3, 44.00, 3, 79.00, 79::float8 / 44, 1::float8),
					   (date '2024-01-01', 2, 3, 44.00, 3, 74.00, 74::float8 / 44, 1::float8),
					   (date '2024-01-01', 3, 3, 44.00, 3, 74.00, 74::float8 / 44, 1::float8),
					   (date '2024-02-01', 0, 1, 50.00, 1, 50.00, 1::float8, 1::float8),
					   (date '2024-02-01', 1, 1, 50.00, 1, 50.00, 1::float8, 1::float8),
					   (date '2024-02-01', 2, 1, 50.00, 1, 50.00, 1::float8, 1::float8),
					   (date '2024-03-01', 0, 1, 9.00, 1, 9.00, 1::float8, 1::float8),
					   (date '2024-03-01', 1, 1, 9.00, 1, 9.00, 1::float8, 1::float8),
					   (date '2024-04-01', 0, 0, 0.00, 0, 0.00, NULL::float8, NULL::float8))
		  e(cohort, period_offset, size, cmrr, n, m, nmr, cr)
		  ON e.cohort = r.cohort AND e.period_offset = r.period_offset
ORDER BY coalesce(r.cohort, e.cohort), coalesce(r.period_offset, e.period_offset);

-- Offset 0 = the period's new MRR and new customers.
SELECT bool_and(r.mrr = p.new_mrr AND r.customers = p.new_customers AND r.cohort_mrr = p.new_mrr) AS offset0_is_new
FROM rsum, revenue_cohort_retention(rsum.c) r JOIN revenue_periods(rsum.c) p ON p.period_start = r.cohort
WHERE r.period_offset = 0;

-- max_offset past the grid is clamped to periods - 1: the same summary.
SELECT (SELECT revenue_agg(mrr, date '2024-01-01', interval '1 month', 4, 1000) FROM rtl) = c AS clamped FROM rsum;

-- max_offset 0: offset 0 only, 4 rows.
SELECT cohort, period_offset, cohort_size, customers, mrr
FROM revenue_cohort_retention((SELECT revenue_agg(mrr, date '2024-01-01', interval '1 month', 4, 0) FROM rtl))
ORDER BY cohort;

--------------------------------------------------------------------------
-- 4. Agreement with churn_agg over the same subscriptions
--------------------------------------------------------------------------

-- With amounts > 0 only (c11's trial, c12's discount and c16's free plan
-- left out), paying at t is churn's "present at t": per period
-- customers_at_start = churn's, churned_customers = churned, new_customers
-- = new - new_lost, reactivation_customers = reactivated - reactivated_lost
-- (and customers_at_end = churn's).  Without c11 and c12:
--   Jan: start 7, new 1 (c7; churn: new c7 c8, c8 lost), react 0, churned 0, end 8
--   Feb: start 8, new 1 (c2), react 1 (c8), churned 2 (c3 c9), end 8
--   Mar: start 8, new 1 (c13), react 1 (c9), churned 0, end 10
--   Apr: start 10, nothing, end 10
SELECT r.period_start, r.customers_at_start, r.new_customers, r.reactivation_customers, r.churned_customers,
	   r.customers_at_end,
	   (r.customers_at_start, r.new_customers, r.reactivation_customers, r.churned_customers, r.customers_at_end)
	   = (c.customers_at_start, c.new_customers - c.new_lost, c.reactivated - c.reactivated_lost, c.churned,
		  c.customers_at_end) AS agrees_with_churn,
	   (r.customers_at_start, r.new_customers, r.reactivation_customers, r.churned_customers, r.customers_at_end)
	   = (e.s, e.n, e.r, e.ch, e.e) AS ok
FROM revenue_periods((SELECT revenue_agg(mrr, date '2024-01-01', interval '1 month', 4) FROM rtl
					  WHERE customer NOT IN (11, 12, 16))) r
	 JOIN churn_periods((SELECT churn_agg(a, date '2024-01-01', interval '1 month', 4)
						 FROM (SELECT range_agg(during) AS a FROM rsubs WHERE customer NOT IN (11, 12, 16)
							   GROUP BY customer) g)) c USING (period_start)
	 JOIN (VALUES (date '2024-01-01', 7, 1, 0, 0, 8), (date '2024-02-01', 8, 1, 1, 2, 8),
				  (date '2024-03-01', 8, 1, 1, 0, 10), (date '2024-04-01', 10, 0, 0, 0, 10))
		  e(period_start, s, n, r, ch, e) USING (period_start)
ORDER BY r.period_start;

-- Where they differ, and why: the free trial.  churn_agg sees c11 active
-- since Dec 15, so present at Jan 1; revenue sees MRR 0 on Jan 1, and the
-- conversion as new MRR in Jan.
SELECT r.customers_at_start AS revenue_at_start, r.new_customers AS revenue_new,
	   c.customers_at_start AS churn_present_at_start, c.new_customers AS churn_new
FROM revenue_periods((SELECT revenue_agg(mrr, date '2024-01-01', interval '1 month', 1) FROM rtl WHERE customer = 11)) r,
	 churn_periods((SELECT churn_agg(a, date '2024-01-01', interval '1 month', 1)
					FROM (SELECT range_agg(during) AS a FROM rsubs WHERE customer = 11) g)) c;

--------------------------------------------------------------------------
-- 5. An end instead of a number of periods; rollup()
--------------------------------------------------------------------------

-- until: the fewest periods whose last boundary reaches it.  May 1
-- exactly: 4 periods; May 2: 5 (t5 = Jun 1).
SELECT (SELECT revenue_agg(mrr, date '2024-01-01', interval '1 month', date '2024-05-01') FROM rtl) = s AS until_may1_is_4,
	   (SELECT revenue_agg(mrr, date '2024-01-01', interval '1 month', date '2024-05-02', 3) FROM rtl)
	 = (SELECT revenue_agg(mrr, date '2024-01-01', interval '1 month', 5, 3) FROM rtl) AS until_may2_is_5,
	   (SELECT count(*) FROM revenue_periods((SELECT revenue_agg(mrr, date '2024-01-01', interval '1 month',
																 date '2024-05-02') FROM rtl))) AS periods_to_may2
FROM rsum;

-- Summaries of disjoint customers roll up to the summary of all of them,
-- exactly: even and odd customers, with and without cohorts.
SELECT rollup(s) = (SELECT s FROM rsum) AS rollup_exact, rollup(c) = (SELECT c FROM rsum) AS rollup_cohorts_exact
FROM (SELECT customer % 2 AS half, revenue_agg(mrr, date '2024-01-01', interval '1 month', 4) AS s,
			 revenue_agg(mrr, date '2024-01-01', interval '1 month', 4, 3) AS c
	  FROM rtl GROUP BY 1) t;
-- and sixteen one-customer summaries too
SELECT rollup(s) = (SELECT s FROM rsum) AS rollup_of_16
FROM (SELECT customer, revenue_agg(mrr, date '2024-01-01', interval '1 month', 4) AS s FROM rtl GROUP BY 1) t;

--------------------------------------------------------------------------
-- 6. Month ends and Feb 29: a monthly grid from 2024-01-31
--------------------------------------------------------------------------

-- origin + k * 1 month: t0 = Jan 31, t1 = Feb 29, t2 = Mar 31, t3 = Apr 30.
-- a: [Feb 29,) 40.00: starts exactly on t1: m(t1) = min(f(Feb 28) = 0, 40)
--    = 0, m(t2) = 40: new 40 in period 1.
-- b: [Jan 15, Feb 29) 25.00: last day Feb 28: m(t0) = 25, m(t1) =
--    min(25, f(Feb 29) = 0) = 0: churned 25 in period 0.
-- c: [Feb 28, Mar 1) 7.00, two days, Feb 28 and Feb 29: m(t1) = min(7, 7)
--    = 7, m(t2) = 0: new 7 in period 0, churned 7 in period 1.
--   period 0 (Jan 31 .. Feb 28): start 25, new 7, churned 25, end 7
--   period 1 (Feb 29 .. Mar 30): start 7, new 40, churned 7, end 40
--   period 2 (Mar 31 .. Apr 29): start 40, end 40
SELECT p.period_start, p.period_end, p.mrr_at_start, p.new_mrr, p.churned_mrr, p.mrr_at_end,
	   p.customers_at_start, p.new_customers, p.churned_customers, p.customers_at_end,
	   (p.mrr_at_start, p.new_mrr, p.churned_mrr, p.mrr_at_end) = (e.s, e.n, e.ch, e.e)
	   AND p.period_start = (date '2024-01-31' + e.k * interval '1 month')::date AS ok
FROM revenue_periods((SELECT revenue_agg(m, date '2024-01-31', interval '1 month', 3)
					  FROM (SELECT mrr_agg(d, a) AS m
							FROM (VALUES ('a', daterange('2024-02-29', NULL), 40.00),
										 ('b', daterange('2024-01-15', '2024-02-29'), 25.00),
										 ('c', daterange('2024-02-28', '2024-03-01'), 7.00)) v(id, d, a)
							GROUP BY id) t)) p
	 JOIN (VALUES (0, date '2024-01-31', 25.00, 7.00, 25.00, 7.00), (1, date '2024-02-29', 7.00, 40.00, 7.00, 40.00),
				  (2, date '2024-03-31', 40.00, 0.00, 0.00, 40.00)) e(k, period_start, s, n, ch, e) USING (period_start)
ORDER BY p.period_start;

--------------------------------------------------------------------------
-- 7. timestamptz: a daily grid over New York's spring change
--------------------------------------------------------------------------

SET TIME ZONE 'America/New_York';

-- t0 = Mar 9 00:00 EST (05:00Z), t1 = Mar 10 00:00 EST (05:00Z),
-- t2 = Mar 11 00:00 EDT (04:00Z: Mar 10 has 23 hours), t3 = Mar 12 00:00 EDT.
-- For timestamptz, m(t) = min(f just before t, f exactly at t).
-- a: [Mar 8 12:00, Mar 10 00:00], upper bound inclusive, on t1: still paying
--    at t1 (f(t1) = f just before = 10): m = 10, 10, 0, 0: churned 10 in
--    period 1
-- b: the same with an exclusive upper bound [ .. , Mar 10 00:00): m(t1) =
--    min(20, 0) = 0: churned 20 in period 0
-- c: (Mar 10 00:00, Mar 12 00:00), both bounds exclusive, starting on t1:
--    m(t1) = 0 (nothing at t1 itself), m(t2) = 5, m(t3) = min(5, 0) = 0:
--    new 5 in period 1, churned 5 in period 2
-- d: [Mar 10 00:00, Mar 12 00:00]: m(t1) = min(0, 7) = 0, m(t2) = 7,
--    m(t3) = min(7, 7) = 7: new 7 in period 1
-- e: [Mar 9 06:00, Mar 11 00:00) 3.00, then [Mar 11 00:00,) 8.00: an
--    upgrade on t2: m = 0, 3, min(3, 8) = 3, 8: new 3 in period 0,
--    expansion 5 in period 2
-- f: [Mar 1, Mar 11 05:00Z) 11.00: an hour past t2 (the boundary is local
--    midnight, 04:00Z): m(t2) = 11, m(t3) = 0: churned 11 in period 2
-- g: [Mar 1, Mar 11 04:00Z) 13.00: ends exactly on t2: m(t2) = 0: churned
--    13 in period 1
--          t0   t1   t2   t3
--   a      10   10    0    0
--   b      20    0    0    0
--   c       0    0    5    0
--   d       0    0    7    7
--   e       0    3    3    8
--   f      11   11   11    0
--   g      13   13    0    0
--   sum    54   37   26   15;  paying 4, 4, 4, 2
--   period 0: start 54, new 3 (e), churned 20 (b), end 37
--   period 1: start 37, new 12 (c d), churned 23 (a g), end 26
--   period 2: start 26, expansion 5 (e), churned 16 (c f), end 15
CREATE TABLE tsubs (id text, during tstzrange, amount numeric);
INSERT INTO tsubs VALUES
	('a', tstzrange('2024-03-08 12:00', '2024-03-10 00:00', '[]'), 10.00),
	('b', tstzrange('2024-03-08 12:00', '2024-03-10 00:00', '[)'), 20.00),
	('c', tstzrange('2024-03-10 00:00', '2024-03-12 00:00', '()'), 5.00),
	('d', tstzrange('2024-03-10 00:00', '2024-03-12 00:00', '[]'), 7.00),
	('e', tstzrange('2024-03-09 06:00', '2024-03-11 00:00', '[)'), 3.00),
	('e', tstzrange('2024-03-11 00:00', NULL, '[)'), 8.00),
	('f', tstzrange('2024-03-01 00:00', '2024-03-11 05:00+00', '[)'), 11.00),
	('g', tstzrange('2024-03-01 00:00', '2024-03-11 04:00+00', '[)'), 13.00);
CREATE TABLE ttl AS SELECT id, mrr_agg(during, amount) AS mrr FROM tsubs GROUP BY id;

-- each customer on their own
SELECT pc.id, x.movements, x.movements = e.want AS ok
FROM (SELECT id, revenue_agg(mrr, timestamptz '2024-03-09', interval '1 day', 3) AS s FROM ttl GROUP BY id) pc
	 CROSS JOIN LATERAL (
		SELECT coalesce(string_agg(to_char(p.period_start, 'Mon DD') || ' ' || m.name || ' ' || m.amount, ', '
								   ORDER BY p.period_start, m.ord) FILTER (WHERE m.amount <> 0), 'none') AS movements
		FROM revenue_periods(pc.s) p,
			 LATERAL (VALUES (1, 'new', p.new_mrr), (2, 'expansion', p.expansion_mrr),
							 (3, 'reactivation', p.reactivation_mrr), (4, 'contraction', p.contraction_mrr),
							 (5, 'churned', p.churned_mrr)) m(ord, name, amount)) x
	 JOIN (VALUES ('a', 'Mar 10 churned 10.00'),
				  ('b', 'Mar 09 churned 20.00'),
				  ('c', 'Mar 10 new 5.00, Mar 11 churned 5.00'),
				  ('d', 'Mar 10 new 7.00'),
				  ('e', 'Mar 09 new 3.00, Mar 11 expansion 5.00'),
				  ('f', 'Mar 11 churned 11.00'),
				  ('g', 'Mar 10 churned 13.00')) e(id, want) USING (id)
ORDER BY pc.id;

CREATE TABLE tsum AS
	SELECT revenue_agg(mrr, timestamptz '2024-03-09', interval '1 day', 3) AS s,
		   revenue_agg(mrr, timestamptz '2024-03-09', interval '1 day', 3, 2) AS c
	FROM ttl;

-- all of them: boundaries at local midnight, the second period 23 hours long
SELECT p.period_start, p.period_end, p.period_end - p.period_start AS length,
	   p.mrr_at_start, p.new_mrr, p.expansion_mrr, p.churned_mrr, p.mrr_at_end,
	   p.customers_at_start, p.customers_at_end,
	   (p.mrr_at_start, p.new_mrr, p.expansion_mrr, p.reactivation_mrr, p.contraction_mrr, p.churned_mrr,
		p.mrr_at_end, p.customers_at_start, p.new_customers, p.churned_customers, p.customers_at_end)
	   = (e.s, e.n, e.x, 0.00, 0.00, e.ch, e.e, e.cs, e.cn, e.cch, e.ce)
	   AND p.period_start = timestamptz '2024-03-09' + e.k * interval '1 day' AS ok
FROM tsum, revenue_periods(tsum.s) WITH ORDINALITY p
	 JOIN (VALUES (0, 54.00, 3.00, 0.00, 20.00, 37.00, 4, 1, 1, 4),
				  (1, 37.00, 12.00, 0.00, 23.00, 26.00, 4, 2, 2, 4),
				  (2, 26.00, 0.00, 5.00, 16.00, 15.00, 4, 0, 2, 2)) e(k, s, n, x, ch, e, cs, cn, cch, ce)
		  ON e.k = p.ordinality - 1
ORDER BY p.period_start;

-- Cohorts, max_offset 2: first positive instants: e Mar 9 06:00 (period
-- 0); c just after Mar 10 00:00 and d at it (period 1); a, b, f, g before
-- the grid.
--   Mar 9 (e, size 1): 3 at t1, 3 at t2, 8 at t3
--   Mar 10 (c d, size 2): 5 + 7 = 12 at t2 (2 paying), 0 + 7 = 7 at t3 (1)
--   Mar 11: size 0
SELECT r.cohort, r.period_offset, r.cohort_size, r.customers, r.mrr,
	   (r.cohort_size, r.customers, r.mrr) = (e.size, e.n, e.m) AS ok
FROM tsum, revenue_cohort_retention(tsum.c) r
	 FULL JOIN (VALUES (0, 0, 1, 1, 3.00), (0, 1, 1, 1, 3.00), (0, 2, 1, 1, 8.00),
					   (1, 0, 2, 2, 12.00), (1, 1, 2, 1, 7.00),
					   (2, 0, 0, 0, 0.00)) e(k, period_offset, size, n, m)
		  ON r.cohort = timestamptz '2024-03-09' + e.k * interval '1 day' AND r.period_offset = e.period_offset
ORDER BY coalesce(e.k, -1), r.period_offset;

-- The summary names its zone and is written in UTC; read back in another
-- zone it keeps its boundaries (Mar 9 05:00Z, Mar 10 05:00Z, Mar 11 04:00Z).
SELECT s::text ~ ';zone=America/New_York;' AS names_its_zone, s::text::revenue_tstz_summary = s AS text_round_trip
FROM tsum;
SET TIME ZONE 'UTC';
SELECT p.period_start, p.period_end, p.mrr_at_start FROM tsum, revenue_periods(tsum.s) p ORDER BY 1;
SET TIME ZONE 'America/New_York';

RESET TIME ZONE;

--------------------------------------------------------------------------
-- 8. mrr_timeline: the text form, open ends, zero amounts
--------------------------------------------------------------------------

-- The spec's example: 50.00 from Jan 1, 75.00 from Feb 15, nothing from Mar 1.
SELECT mrr_agg(d, a) AS timeline,
	   mrr_agg(d, a) = 'v1;kind=date;scale=2;steps=2024-01-01 50.00,2024-02-15 75.00,2024-03-01 0.00'::mrr_timeline
	   AS equals_spec_example,
	   mrr_agg(d, a)::text::mrr_timeline = mrr_agg(d, a) AS text_round_trip
FROM (VALUES (daterange('2024-01-01', '2024-02-15'), 50.00), (daterange('2024-02-15', '2024-03-01'), 75.00)) v(d, a);

-- Overlaps add up and back-to-back rows of one amount make no step:
-- [Jan 1, Feb 1) 10 + [Feb 1, Mar 1) 10 = 10 from Jan 1 to Mar 1; the
-- same as one row.  Order does not matter.
SELECT mrr_agg(d, a ORDER BY d) = mrr_agg(d, a ORDER BY d DESC) AS order_free,
	   mrr_agg(d, a) = (SELECT mrr_agg(daterange('2024-01-01', '2024-03-01'), 10)) AS back_to_back_merge
FROM (VALUES (daterange('2024-01-01', '2024-02-01'), 10), (daterange('2024-02-01', '2024-03-01'), 10)) v(d, a);

-- Open ends: no lower bound and -infinity are the same (a step at
-- -infinity); no upper bound and infinity are the same (no step down).
SELECT mrr_agg(daterange(NULL, NULL), 10) AS unbounded,
	   mrr_agg(daterange(NULL, NULL), 10) = mrr_agg(daterange('-infinity', 'infinity'), 10) AS infinities_are_open_ends,
	   mrr_agg(daterange('2024-01-01', NULL), 10) = mrr_agg(daterange('2024-01-01', 'infinity'), 10) AS infinity_is_open;
-- (, Mar 1) 10: paying at Jan 1 and Feb 1, never new; m(Mar 1) = min(10, 0)
-- = 0: churned 10 in Feb.  start/new/churned: Jan 10/0/0, Feb 10/0/10,
-- Mar 0/0/0 (integers: no decimals).
SELECT string_agg(mrr_at_start || '/' || new_mrr || '/' || churned_mrr, ' ' ORDER BY period_start) AS start_new_churned,
	   string_agg(mrr_at_start || '/' || new_mrr || '/' || churned_mrr, ' ' ORDER BY period_start)
	   = '10/0/0 10/0/10 0/0/0' AS ok
FROM revenue_periods((SELECT revenue_agg((SELECT mrr_agg(daterange(NULL, '2024-03-01'), 10)), date '2024-01-01',
										 interval '1 month', 3)));

-- Zero amounts: a timeline with no step; a customer who adds nothing.  And a
-- NULL timeline adds nothing either.
SELECT mrr_agg(daterange('2024-01-01', NULL), 0) AS zero_timeline,
	   customers(revenue_agg((SELECT mrr_agg(daterange('2024-01-01', NULL), 0)), date '2024-01-01', interval '1 month', 2))
	   AS zero_customers;
SELECT customers(revenue_agg(m, date '2024-01-01', interval '1 month', 4)) AS with_nulls,
	   revenue_agg(m, date '2024-01-01', interval '1 month', 4) = (SELECT s FROM rsum) AS nulls_add_nothing
FROM (SELECT mrr AS m FROM rtl UNION ALL SELECT NULL::mrr_timeline) t;

-- A discount exactly equal to the plan: MRR 0 while both run, so that
-- customer is not paying (and not churned: the plan never ended).
-- [Dec 1,) 20.00 and [Feb 1, Mar 1) -20.00, grid Jan .. Mar: f = 20 until
-- Jan 31, 0 from Feb 1 to Feb 29, 20 from Mar 1; m(Jan 1) = 20, m(Feb 1) =
-- min(20, 0) = 0, m(Mar 1) = min(f(Feb 29) = 0, 20) = 0, m(Apr 1) = 20:
--   Jan churned 20, Feb nothing, Mar reactivation 20 (it paid before).
SELECT string_agg(to_char(period_start, 'Mon') || ' ' || churned_mrr || '/' || reactivation_mrr, ' '
				  ORDER BY period_start) AS churned_and_reactivation,
	   string_agg(to_char(period_start, 'Mon') || ' ' || churned_mrr || '/' || reactivation_mrr, ' '
				  ORDER BY period_start) = 'Jan 20.00/0.00 Feb 0.00/0.00 Mar 0.00/20.00' AS ok
FROM revenue_periods((SELECT revenue_agg(m, date '2024-01-01', interval '1 month', 3)
					  FROM (SELECT mrr_agg(d, a) AS m
							FROM (VALUES (daterange('2023-12-01', NULL), 20.00),
										 (daterange('2024-02-01', '2024-03-01'), -20.00)) v(d, a)) t));

-- A timestamptz timeline: the value at an instant may differ from the
-- value just after it (closed and open bounds).  Written in UTC.
SET TIME ZONE 'Asia/Kolkata';
SELECT mrr_agg(r, a) AS tstz_timeline, mrr_agg(r, a)::text::mrr_timeline = mrr_agg(r, a) AS text_round_trip
FROM (VALUES (tstzrange('2024-01-01 00:00+00', '2024-02-01 00:00+00', '[)'), 10.00),
			 (tstzrange('2024-02-01 00:00+00', '2024-03-01 12:30+00', '(]'), 20.00)) v(r, a);
RESET TIME ZONE;

--------------------------------------------------------------------------
-- 9. Scale: a summary writes every amount with the most decimals any of
--    its amounts had
--------------------------------------------------------------------------

-- 10, 12.5 and 9.99 from Dec 1: mrr_at_start of Jan = 32.49, two decimals
-- everywhere (new_mrr 0.00).  10 and 12 only: 22, no decimals (new_mrr 0).
-- 10 and 12.5: 22.5 (new_mrr 0.0).  10.1234: four decimals.
SELECT v.name, p.mrr_at_start::text AS mrr_at_start, p.new_mrr::text AS new_mrr, p.mrr_at_end::text AS mrr_at_end,
	   p.mrr_at_start::text = v.want AS ok
FROM (VALUES ('10, 12.5, 9.99', ARRAY[10, 12.5, 9.99], '32.49'),
			 ('10, 12', ARRAY[10, 12], '22'),
			 ('10, 12.5', ARRAY[10, 12.5], '22.5'),
			 ('10.1234, 1', ARRAY[10.1234, 1], '11.1234')) v(name, amounts, want),
	 LATERAL (SELECT revenue_agg(m, date '2024-01-01', interval '1 month', 1) AS s
			  FROM (SELECT mrr_agg(daterange('2023-12-01', NULL), x) AS m FROM unnest(v.amounts) WITH ORDINALITY u(x, i)
					GROUP BY i) t) a,
	 LATERAL revenue_periods(a.s) p
ORDER BY v.name;
-- the timelines say their scale
SELECT x, mrr_agg(daterange('2024-01-01', NULL), x)::text ~ (';scale=' || want || ';') AS ok
FROM (VALUES (10::numeric, 0), (12.5, 1), (9.99, 2), (0.0001, 4)) v(x, want)
GROUP BY x, want ORDER BY x;
-- rollup() of a summary of scale 0 (10) and one of scale 2 (0.25): 10.25
SELECT (SELECT mrr_at_start::text FROM revenue_periods(rollup(s))) AS rolled_up,
	   (SELECT mrr_at_start::text FROM revenue_periods(rollup(s))) = '10.25' AS ok
FROM (SELECT revenue_agg((SELECT mrr_agg(daterange('2023-12-01', NULL), 10)), date '2024-01-01', interval '1 month', 1) AS s
	  UNION ALL
	  SELECT revenue_agg((SELECT mrr_agg(daterange('2023-12-01', NULL), 0.25)), date '2024-01-01', interval '1 month', 1)) t;

--------------------------------------------------------------------------
-- 10. Empty input; text and JSON
--------------------------------------------------------------------------

-- No rows: NULL, as avg() gives.
SELECT (SELECT mrr_agg(during, amount) FROM rsubs WHERE false) IS NULL AS no_rows_timeline,
	   (SELECT revenue_agg(mrr, date '2024-01-01', interval '1 month', 4) FROM rtl WHERE false) IS NULL AS no_rows_summary,
	   (SELECT rollup(s) FROM rsum WHERE false) IS NULL AS no_rows_rollup;
-- Rows, but only NULL timelines: an empty summary of that grid: every
-- amount 0, every count 0, ratios NULL.
SELECT period_start, mrr_at_start, new_mrr, mrr_at_end, customers_at_start, customers_at_end,
	   nrr IS NULL AND grr IS NULL AND quick_ratio IS NULL AND arpa IS NULL AS ratios_null
FROM revenue_periods((SELECT revenue_agg(NULL::mrr_timeline, date '2024-01-01', interval '1 month', 2)));

-- Text round trips, exactly, for every summary made here.
SELECT s::text::revenue_summary = s AS s_round_trip, c::text::revenue_summary = c AS c_round_trip,
	   s::text = s::text::revenue_summary::text AS s_text_stable
FROM rsum;
SELECT bool_and(mrr::text::mrr_timeline = mrr) AS timelines_round_trip,
	   bool_and(mrr::text::mrr_timeline::text = mrr::text) AS timelines_text_stable
FROM rtl;
SELECT bool_and(mrr::text::mrr_timeline = mrr) AS tstz_timelines_round_trip FROM ttl;
SELECT s::text::revenue_tstz_summary = s AS t_round_trip, c::text::revenue_tstz_summary = c AS tc_round_trip FROM tsum;
-- equality sees the difference
SELECT s <> c AS with_and_without_cohorts_differ FROM rsum;

-- The text form of a one-customer summary: grid, scale 2, 1 customer.
SELECT revenue_agg((SELECT mrr_agg(daterange('2023-12-01', '2024-02-01'), 10.00)), date '2024-01-01', interval '1 month', 2)
	   AS summary;
SELECT revenue_agg((SELECT mrr_agg(daterange('2023-12-01', '2024-02-01'), 10.00)), date '2024-01-01', interval '1 month', 2)::text
	   ~ '^v1;origin=2024-01-01;bucket=P1M;periods=2;scale=2;customers=1;' AS header_as_documented;

-- JSON: the same value as json and jsonb, an object.
SELECT jsonb_pretty(revenue_agg((SELECT mrr_agg(daterange('2023-12-01', '2024-02-01'), 10.00)), date '2024-01-01',
								interval '1 month', 2, 1)::jsonb) AS summary_json;
SELECT jsonb_pretty(mrr_agg(d, a)::jsonb) AS timeline_json
FROM (VALUES (daterange('2024-01-01', '2024-02-15'), 50.00), (daterange('2024-02-15', '2024-03-01'), 75.00)) v(d, a);
SELECT jsonb_typeof(s::jsonb) AS summary, s::json::jsonb = s::jsonb AS json_is_jsonb,
	   jsonb_typeof((SELECT s FROM tsum)::jsonb) AS tstz_summary
FROM rsum;

DROP TABLE rsubs, rtl, rsum, tsubs, ttl, tsum;
RESET datestyle;
