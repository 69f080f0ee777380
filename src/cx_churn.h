/*
 * cx_churn.h
 *		The pure-C core of customer churn: per-period counters over a grid of
 *		period boundaries, filled in one pass with difference arrays.
 *
 * Nothing here includes postgres.h.  The glue turns SQL ranges into spans
 * (src/churn_agg.c), computes the grid's boundaries (src/churn_grid.c) and
 * owns the varlena that the counters live in (src/churn.h); this file only
 * counts, merges, validates and reads.  It is unit-tested directly
 * (test/unit/test_churn.c).
 *
 * The grid: boundaries t_0 < t_1 < ... < t_P (int64: days or microseconds,
 * whatever the caller uses for its spans), period k = [t_k, t_{k+1}).
 *
 * A customer's activity is a list of spans, sorted, disjoint and not
 * adjacent (a multirange's ranges; one range is a list of one).  Definitions
 * (the contract; README "Churn" repeats them):
 *
 *	present at t_j:	t_j lies in a span whose lower end is before t_j.  The
 *					customer is active at t_j and was already active just
 *					before it: carried across the boundary.  A span that
 *					starts exactly at t_j is active from t_j on, but its
 *					customer is new (or reactivated) in period j, not present.
 *	active[j]:		customers present at t_j, j = 0..P.  customers_at_start of
 *					period k is active[k], customers_at_end is active[k+1].
 *	churned[k]:		present at t_k and not present at t_{k+1}.
 *	new[k]:			the customer's first span starts in period k.
 *	reactivated[k]:	not present at t_k, some span before t_k, and a span starts
 *					in period k; once per customer and period.
 *	new_lost[k], reactivated_lost[k]:  those of new[k], reactivated[k] who are
 *					not present at t_{k+1}.
 *	retained[c][j]:	customers new in period c present at t_{c+j+1}, for
 *					j = 0..max_offset and c + j < P (a cohort retention row).
 *
 * They satisfy, exactly, for every k:
 *	active[k+1] = active[k] - churned[k] + (new[k] - new_lost[k])
 *				  + (reactivated[k] - reactivated_lost[k])
 * and retained[c][0] = new[c] - new_lost[c].
 */
#ifndef CX_CHURN_H
#define CX_CHURN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Most periods a grid may have. */
#define CX_CHURN_MAX_PERIODS	100000

/* Most cohort cells, periods * (max_offset + 1): 32 MB of counters. */
#define CX_CHURN_MAX_CELLS		(1 << 22)

typedef enum CxChurnStatus
{
	CX_CHURN_OK = 0,
	CX_CHURN_OVERFLOW,			/* a count would pass INT64_MAX */
	CX_CHURN_BAD_GRID,			/* periods, max_offset or cells out of range */
	CX_CHURN_BAD_BOUNDS,		/* boundaries not strictly increasing */
	CX_CHURN_BAD_SPANS,			/* spans empty, unsorted, overlapping or adjacent */
	CX_CHURN_NEGATIVE,			/* a count is negative */
	CX_CHURN_TOO_MANY,			/* a count exceeds the customers counted */
	CX_CHURN_INCONSISTENT		/* counts break an identity they must satisfy */
} CxChurnStatus;

/*
 * One span of activity.  lo_inf / hi_inf: unbounded on that side (lo / hi
 * are then ignored).  Infinite values of the element type may also simply be
 * passed as INT64_MIN / INT64_MAX-like values below / above every boundary.
 */
typedef struct CxSpan
{
	int64_t		lo;
	int64_t		hi;
	bool		lo_inc;
	bool		hi_inc;
	bool		lo_inf;
	bool		hi_inf;
} CxSpan;

/*
 * An optional index over a grid's boundaries, for O(1) lookups: slots of
 * width 2^shift (no wider than the smallest gap between boundaries, so a
 * slot holds at most one boundary) from base = bounds[0] - 1; first[s] is
 * the index of the first boundary at or after slot s, and first_bound[s]
 * that boundary (kept beside it so that a lookup is two independent loads,
 * not two dependent ones).  Not part of a summary: the caller builds one per
 * grid into memory of its own (cx_churn_index_slots() entries of each
 * array) and sets CxChurn.index; without it lookups are binary searches,
 * with the same results.
 */
typedef struct CxChurnIndex
{
	int64_t		base;
	int32_t		shift;
	int32_t		nslots;
	int32_t    *first;
	int64_t    *first_bound;
} CxChurnIndex;

/*
 * The counters, as a view over caller-owned memory: cx_churn_bind() points
 * the arrays into one block of cx_churn_slots() int64 values.  The active
 * and retained counts are stored as difference arrays, so that a customer's
 * whole stretch of presence costs two increments:
 *
 *	active_diff[0..P+1]:	active[j] = active_diff[0] + ... + active_diff[j];
 *							the last entry only balances the sum to zero.
 *	retained_diff:			P rows of max_offset + 2 entries, likewise.
 */
typedef struct CxChurn
{
	int32_t		periods;		/* P, 1..CX_CHURN_MAX_PERIODS */
	int32_t		max_offset;		/* N, -1 (no cohort counters) .. P - 1 */
	int64_t    *customers;		/* customers counted (spans not all empty) */
	int64_t    *bounds;			/* P + 1 boundaries */
	int64_t    *active_diff;	/* P + 2 */
	int64_t    *churned;		/* P each, from here on */
	int64_t    *new_;
	int64_t    *reactivated;
	int64_t    *new_lost;
	int64_t    *reactivated_lost;
	int64_t    *retained_diff;	/* P * (N + 2), or NULL when N = -1 */
	const CxChurnIndex *index;	/* NULL: binary search (cx_churn_bind's default) */
} CxChurn;

/* One period, read out. */
typedef struct CxChurnPeriod
{
	int64_t		at_start;
	int64_t		at_end;
	int64_t		churned;
	int64_t		new_;
	int64_t		reactivated;
	int64_t		new_lost;
	int64_t		reactivated_lost;
} CxChurnPeriod;

/* Checks periods and max_offset against the limits. */
extern CxChurnStatus cx_churn_check_grid(int32_t periods, int32_t max_offset);

/*
 * The number of int64 values the counters of a grid need, boundaries and
 * the customer count included; 0 if the grid is not valid.
 */
extern size_t cx_churn_slots(int32_t periods, int32_t max_offset);

/*
 * Points c's arrays into data (cx_churn_slots() values, zeroed by the caller
 * for a new summary).  The customer count is data[0], the boundaries follow.
 * Inline: the glue binds a summary on every row.
 */
static inline void
cx_churn_bind(CxChurn *c, int64_t *data, int32_t periods, int32_t max_offset)
{
	size_t		p = (size_t) periods;

	c->periods = periods;
	c->max_offset = max_offset;
	c->customers = data;
	c->bounds = data + 1;
	c->active_diff = c->bounds + p + 1;
	c->churned = c->active_diff + p + 2;
	c->new_ = c->churned + p;
	c->reactivated = c->new_ + p;
	c->new_lost = c->reactivated + p;
	c->reactivated_lost = c->new_lost + p;
	c->retained_diff = max_offset >= 0 ? c->reactivated_lost + p : NULL;
	c->index = NULL;
}

/*
 * The int32 slots an index of these (strictly increasing) boundaries needs,
 * or 0 when they are too uneven for an index of at most 8 (P + 1) + 64
 * slots: then do without.
 */
extern int32_t cx_churn_index_slots(const int64_t *bounds, int32_t periods);

/* Builds the index into first[] and first_bound[], cx_churn_index_slots() each. */
extern void cx_churn_index_build(CxChurnIndex *ix, const int64_t *bounds, int32_t periods,
								 int32_t *first, int64_t *first_bound);

/*
 * The first index j in 0..n with b[j] > x (n if none); b has n >= 1
 * entries.  Branch-free: the loop runs log2(n) times whatever x is, and
 * each step adds 0 or half, so random customers cost no mispredicted
 * branches (written as a ?: the compiler may turn it back into a jump).
 */
static inline int32_t
cx_churn_first_above(const int64_t *b, int32_t n, int64_t x)
{
	const int64_t *base = b;

	while (n > 1)
	{
		int32_t		half = n / 2;

		base += (base[half - 1] <= x) * half;	/* arithmetic, not a branch */
		n -= half;
	}
	return (int32_t) (base - b) + (*base <= x);
}

/*
 * The first boundary index j in 0..P+1 with bounds[j] > x: through the
 * index when there is one (ix may be NULL).  x is clamped into
 * [base, bounds[P]] (where the answers are 0 and P + 1) so that every x
 * takes the same branch-free path: its slot holds at most one boundary,
 * first[slot] is it or the next one after.  Every summary over a grid
 * (churn, revenue) finds its boundaries with these two.
 */
static inline int32_t
cx_churn_locate_above(const int64_t *bounds, int32_t periods, const CxChurnIndex *ix, int64_t x)
{
	int64_t		last = bounds[periods];
	uint64_t	slot;

	if (ix == NULL)
		return cx_churn_first_above(bounds, periods + 1, x);
	x = x < ix->base ? ix->base : x;
	x = x > last ? last : x;
	slot = (uint64_t) (x - ix->base) >> ix->shift;
	return ix->first[slot] + (ix->first_bound[slot] <= x);
}

/* The first boundary index j with bounds[j] >= x: integers, so > x - 1. */
static inline int32_t
cx_churn_locate_at_or_above(const int64_t *bounds, int32_t periods, const CxChurnIndex *ix, int64_t x)
{
	return x == INT64_MIN ? 0 : cx_churn_locate_above(bounds, periods, ix, x - 1);
}

/* Checks that bounds are strictly increasing. */
extern CxChurnStatus cx_churn_check_bounds(const int64_t *bounds, int32_t periods);

/*
 * Counts one customer whose activity is spans[0..nspans-1]; nspans == 0 (an
 * empty activity) counts nothing.  Two boundary lookups per span (O(1) with
 * an index, O(log P) without) and O(1) counter updates per stretch of
 * presence: the difference arrays take a stretch in two increments.  On
 * error nothing is changed.
 */
extern CxChurnStatus cx_churn_add(CxChurn *c, const CxSpan *spans, int nspans);

/*
 * dst += src.  Both must have the same grid (the caller compares them: it
 * knows what else, such as the bucket, the grid is made of).  On error dst
 * is unchanged.
 */
extern CxChurnStatus cx_churn_merge(CxChurn *dst, const CxChurn *src);

/* Customers present at each boundary: out[0..P]. */
extern void cx_churn_active(const CxChurn *c, int64_t *out);

/* Period k, given the active counts from cx_churn_active(). */
extern CxChurnPeriod cx_churn_period(const CxChurn *c, const int64_t *active, int32_t k);

/*
 * The number of cells in cohort row k: min(N + 1, P - k); 0 without cohort
 * counters.
 */
extern int32_t cx_churn_row_len(const CxChurn *c, int32_t k);

/* Cohort row k: out[0..cx_churn_row_len(c, k) - 1]. */
extern void cx_churn_retained(const CxChurn *c, int32_t k, int64_t *out);

/*
 * Loads counts read from outside (text or binary input) into zeroed,
 * bound counters: active[0..P] and the cohort rows, concatenated, of
 * cx_churn_row_len() cells each.  The per-period arrays and the customer
 * count are written directly by the caller.  A negative count is refused
 * (CX_CHURN_NEGATIVE, nothing loaded); call cx_churn_validate() next.
 */
extern CxChurnStatus cx_churn_load(CxChurn *c, const int64_t *active, const int64_t *retained);

/*
 * Checks everything counters read from untrusted input must satisfy: the
 * grid, the boundaries, non-negative counts bounded by the customer count,
 * the identities above.  O(P * (N + 1)).
 */
extern CxChurnStatus cx_churn_validate(const CxChurn *c);

/* num / den, or NaN when den is 0. */
extern double cx_churn_ratio(int64_t num, int64_t den);

/* A short English description of a status, for error details. */
extern const char *cx_churn_status_text(CxChurnStatus status);

#endif							/* CX_CHURN_H */
