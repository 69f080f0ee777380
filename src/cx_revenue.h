/*
 * cx_revenue.h
 *		The pure-C core of revenue churn: a customer's MRR as a step function
 *		of time (an MRR timeline), and per-period MRR movements over a grid of
 *		period boundaries, filled in one pass with difference arrays.
 *
 * Nothing here includes postgres.h.  The glue turns subscription rows into
 * timeline events and numeric amounts into units (src/revenue_agg.c), owns
 * the varlenas (src/revenue.h) and reuses churn's grids (src/churn_grid.c)
 * and boundary lookups (cx_churn.h); this file builds timelines, counts,
 * merges, validates and reads.  It is unit-tested directly
 * (test/unit/test_revenue.c).
 *
 * Money is int64 units of 10^-CX_REV_DECIMALS of the currency: exact.
 *
 * A timeline is steps x_0 < x_1 < ... (instants: days or microseconds),
 * each with the value exactly at x_i (at) and on (x_i, x_{i+1}) (after);
 * the value before x_0 is 0.  For a customer, f(x) is the sum of the
 * monthly amounts of the subscriptions active at x.
 *
 * Definitions (the contract; README "Revenue churn" repeats them), over
 * the grid t_0 < ... < t_P, period k = [t_k, t_{k+1}):
 *
 *	m(t):		min(f just before t, f at t): the MRR carried across t.  An
 *				increase at t counts in the period t opens, a decrease at t
 *				in the period t closes.  Paying at t: m(t) > 0.
 *	a, b:		m(t_k), m(t_{k+1}) of one customer and period k.
 *	churned:	a > 0, b = 0: a.		expansion:	 a > 0, b > a: b - a.
 *	contraction: a > 0, 0 < b < a: a - b.
 *	new:		a = 0, b > 0, and f was never positive before t_k: b.
 *	reactivation: a = 0, b > 0, and f was positive at some instant before
 *				t_k: b.
 *	first_paid[c]: customers whose f is first positive at an instant of
 *				period c (a cohort); cohort_mrr[c][j] and cohort_paying[c][j]
 *				their MRR and how many pay at t_{c+j+1}, j = 0..max_offset.
 *
 * They satisfy, exactly, for every k:
 *	mrr[k+1] = mrr[k] + new + expansion + reactivation - contraction - churned
 *	paying[k+1] = paying[k] + new_count + reactivation_count - churned_count
 * and cohort_mrr[c][0] = new[c], cohort_paying[c][0] = new_count[c].
 */
#ifndef CX_REVENUE_H
#define CX_REVENUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cx_churn.h"

/* Decimal places of a unit: amounts are exact to 0.0001. */
#define CX_REV_DECIMALS		4

/* Units per currency unit. */
#define CX_REV_UNITS		10000

/* Most steps a timeline may have. */
#define CX_REV_MAX_STEPS	(1 << 24)

/* Most cohort cells, periods * (max_offset + 1): 2 x 16 MB of counters. */
#define CX_REV_MAX_CELLS	(1 << 21)

typedef enum CxRevStatus
{
	CX_REV_OK = 0,
	CX_REV_OVERFLOW,			/* a sum would pass INT64_MAX */
	CX_REV_NEGATIVE_MRR,		/* a customer's MRR is below zero somewhere */
	CX_REV_BAD_GRID,			/* periods, max_offset or cells out of range */
	CX_REV_BAD_BOUNDS,			/* boundaries not strictly increasing */
	CX_REV_BAD_STEPS,			/* steps unsorted, redundant or out of range */
	CX_REV_NEGATIVE,			/* a count or amount is negative */
	CX_REV_TOO_MANY,			/* a count exceeds the customers counted */
	CX_REV_INCONSISTENT			/* counts break an identity they must satisfy */
} CxRevStatus;

/* One step of a timeline. */
typedef struct CxMrrStep
{
	int64_t		x;				/* INT64_MIN: minus infinity */
	int64_t		at;				/* f(x) */
	int64_t		after;			/* f on (x, next x) */
} CxMrrStep;

/*
 * A change of f at x, as a subscription row makes it: f(x) = f(x-) + d_at
 * and f(x+) = f(x) + d_after.  [lo, hi) with amount v is (lo, v, 0) and
 * (hi, -v, 0); an excluded lower end puts v in d_after, an included upper
 * end puts -v there.
 */
typedef struct CxMrrEvent
{
	int64_t		x;
	int64_t		d_at;
	int64_t		d_after;
} CxMrrEvent;

/*
 * Builds the canonical timeline of events (sorted in place): the steps
 * where f changes, at most n of them, into out[].  Events at
 * INT64_MAX (plus infinity) are dropped: no boundary lies there.  On a
 * negative value, *where is its instant (CX_REV_NEGATIVE_MRR); on an
 * overflow CX_REV_OVERFLOW.
 */
extern CxRevStatus cx_mrr_build(CxMrrEvent *ev, int64_t n, CxMrrStep *out, int64_t *nout,
								int64_t *where);

/*
 * Checks a timeline from outside: x strictly increasing and below
 * INT64_MAX, values >= 0, every step a change, at == after where
 * point_values is false (date timelines), and every value a multiple of
 * unit (the units of its scale).
 */
extern CxRevStatus cx_mrr_validate(const CxMrrStep *s, int64_t n, bool point_values, int64_t unit);

/*
 * m(t) of a timeline, min(f just before t, f at t): the MRR carried across
 * t, as the grid counts it at a boundary t.
 */
extern int64_t cx_mrr_at(const CxMrrStep *s, int64_t n, int64_t t);

/* The largest value of a timeline (0 for none). */
extern int64_t cx_mrr_max(const CxMrrStep *s, int64_t n);

/* The grid's counters, as a view over caller-owned memory (cx_rev_bind()). */
typedef struct CxRevenue
{
	int32_t		periods;		/* P */
	int32_t		max_offset;		/* N: -1 for no cohort counters */
	int64_t    *customers;		/* timelines counted */
	int64_t    *mrr_bound;		/* sum over customers of their largest MRR */
	int64_t    *bounds;			/* P + 1 boundaries */
	int64_t    *mrr_diff;		/* P + 2: MRR at boundary j, differenced */
	int64_t    *paying_diff;	/* P + 2: paying customers, differenced */
	int64_t    *amount[5];		/* P each: CxRevMovement order */
	int64_t    *count[5];		/* P each: customers per movement */
	int64_t    *first_paid;		/* P */
	int64_t    *cohort_mrr_diff;	/* P * (N + 2), NULL when N = -1 */
	int64_t    *cohort_paying_diff; /* likewise */
	const CxChurnIndex *index;	/* NULL: binary search */
} CxRevenue;

typedef enum CxRevMovement
{
	CX_REV_NEW = 0,
	CX_REV_EXPANSION,
	CX_REV_REACTIVATION,
	CX_REV_CONTRACTION,
	CX_REV_CHURNED
} CxRevMovement;

/* One period, read out. */
typedef struct CxRevPeriod
{
	int64_t		mrr_start;
	int64_t		mrr_end;
	int64_t		paying_start;
	int64_t		paying_end;
	int64_t		amount[5];
	int64_t		count[5];
} CxRevPeriod;

extern CxRevStatus cx_rev_check_grid(int32_t periods, int32_t max_offset);

/* int64 values the counters of a grid need; 0 if the grid is not valid. */
extern size_t cx_rev_slots(int32_t periods, int32_t max_offset);

/* Points r's arrays into data (cx_rev_slots() values, zeroed for a new one). */
extern void cx_rev_bind(CxRevenue *r, int64_t *data, int32_t periods, int32_t max_offset);

/*
 * Counts one customer of timeline s[0..n-1] (valid, canonical).  O(n)
 * boundary lookups and counter updates, whatever the number of periods.
 * On error nothing is changed.
 */
extern CxRevStatus cx_rev_add(CxRevenue *r, const CxMrrStep *s, int64_t n);

/* dst += src, of the same grid (the caller checks the boundaries). */
extern CxRevStatus cx_rev_merge(CxRevenue *dst, const CxRevenue *src);

/* MRR and paying customers at each boundary: out[0..P] each. */
extern void cx_rev_levels(const CxRevenue *r, int64_t *mrr, int64_t *paying);

/* Period k, given the levels from cx_rev_levels(). */
extern CxRevPeriod cx_rev_period(const CxRevenue *r, const int64_t *mrr, const int64_t *paying,
								 int32_t k);

/* Cells in cohort row k: min(N + 1, P - k); 0 without cohort counters. */
extern int32_t cx_rev_row_len(const CxRevenue *r, int32_t k);

/* Cohort row k: mrr[0..len-1] and paying[0..len-1]. */
extern void cx_rev_cohort(const CxRevenue *r, int32_t k, int64_t *mrr, int64_t *paying);

/*
 * Loads levels and cohort rows read from outside into zeroed, bound
 * counters (the per-period arrays, customers and mrr_bound are written
 * directly by the caller); call cx_rev_validate() next.
 */
extern CxRevStatus cx_rev_load(CxRevenue *r, const int64_t *mrr, const int64_t *paying,
							   const int64_t *cohort_mrr, const int64_t *cohort_paying);

/*
 * Checks everything counters from untrusted input must satisfy: the grid,
 * the boundaries, non-negative counts and amounts, the identities, every
 * amount a multiple of unit and at most mrr_bound.
 */
extern CxRevStatus cx_rev_validate(const CxRevenue *r, int64_t unit);

extern const char *cx_rev_status_text(CxRevStatus status);

#endif							/* CX_REVENUE_H */
