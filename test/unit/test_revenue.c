/*
 * test_revenue.c
 *		Unit tests of the revenue core (src/cx_revenue.c), in TAP.
 *
 * Built and run by `make unitcheck` (with AddressSanitizer and UBSan), with
 * src/cx_churn.c for the boundary lookups and the index.  Each group prints
 * one line, "ok N - ..." or "not ok N - ..." followed by "# " lines saying
 * which checks failed; the plan comes last.
 *
 * Expected values are worked by hand in the comments, on the grid
 * B = {0, 10, 20, 30, 40} (4 periods of 10) unless said otherwise, or come
 * from a model that follows the definitions in cx_revenue.h literally, on a
 * different representation: the raw subscription rows themselves, evaluated
 * in half steps (2x for the instant x, 2x + 1 for the open stretch
 * (x, x + 1)).  f at a half step is the sum of the amounts of the rows that
 * cover it; f just before t is f at 2t - 1; m(t) = min(f(2t - 1), f(2t)).
 * The model never looks at a timeline or at the walk over the boundaries:
 * it evaluates m at every boundary by brute force and classifies each
 * period from the definitions.
 */
#include "cx_revenue.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx_tap.h"

/* A status of the revenue core, compared with its name in the diagnostics. */
#define CHECK_STATUS(got, want) \
	do { \
		CxRevStatus got_ = (got), want_ = (want); \
		if (got_ != want_ && tap_fail(__LINE__, #got)) \
			tap_diag("# got status %d (%s), expected %d (%s)\n", \
					 (int) got_, cx_rev_status_text(got_), (int) want_, \
					 cx_rev_status_text(want_)); \
	} while (0)

#define MAXP 16					/* periods of the grids here, at most */

/* ---------------------------------------------------------------------
 * Fixtures
 * ---------------------------------------------------------------------
 */

/* A summary with its own memory. */
typedef struct Box
{
	CxRevenue	r;
	int64_t    *mem;
	size_t		slots;
} Box;

static Box
box_new(const int64_t *bounds, int32_t periods, int32_t max_offset)
{
	Box			b;

	b.slots = cx_rev_slots(periods, max_offset);
	if (b.slots == 0)
		abort();
	b.mem = calloc(b.slots, sizeof(int64_t));
	if (b.mem == NULL)
		abort();
	cx_rev_bind(&b.r, b.mem, periods, max_offset);
	memcpy(b.r.bounds, bounds, (periods + 1) * sizeof(int64_t));
	return b;
}

/* Back to a new, empty summary of the same grid. */
static void
box_clear(Box *b)
{
	int64_t		bounds[MAXP + 1];
	int32_t		p = b->r.periods;

	memcpy(bounds, b->r.bounds, (p + 1) * sizeof(int64_t));
	memset(b->mem, 0, b->slots * sizeof(int64_t));
	memcpy(b->r.bounds, bounds, (p + 1) * sizeof(int64_t));
}

static void
box_free(Box *b)
{
	free(b->mem);
}

static int64_t *
snapshot(const Box *b)
{
	int64_t    *s = malloc(b->slots * sizeof(int64_t));

	if (s == NULL)
		abort();
	memcpy(s, b->mem, b->slots * sizeof(int64_t));
	return s;
}

static bool
same_as(const Box *b, const int64_t *snap)
{
	return memcmp(b->mem, snap, b->slots * sizeof(int64_t)) == 0;
}

static const int64_t B4[] = {0, 10, 20, 30, 40};

/* A step of a timeline written by hand. */
static CxMrrStep
st(int64_t x, int64_t at, int64_t after)
{
	CxMrrStep	s = {.x = x, .at = at, .after = after};

	return s;
}

/*
 * Everything a summary says, read out through the readers (or, for the
 * model, computed from the definitions): the same shape for both.
 */
typedef struct Counts
{
	int64_t		customers;
	int64_t		mrr_bound;
	int64_t		mrr[MAXP + 1];
	int64_t		paying[MAXP + 1];
	int64_t		amount[5][MAXP];
	int64_t		count[5][MAXP];
	int64_t		first_paid[MAXP];
	int64_t		cmrr[MAXP][MAXP + 1];
	int64_t		cpaying[MAXP][MAXP + 1];
} Counts;

static Counts
counts_of(const CxRevenue *r)
{
	Counts		k;

	memset(&k, 0, sizeof(k));
	k.customers = *r->customers;
	k.mrr_bound = *r->mrr_bound;
	cx_rev_levels(r, k.mrr, k.paying);
	for (int32_t i = 0; i < r->periods; i++)
	{
		CxRevPeriod p = cx_rev_period(r, k.mrr, k.paying, i);

		CHECK_I64(p.mrr_start, k.mrr[i]);
		CHECK_I64(p.mrr_end, k.mrr[i + 1]);
		CHECK_I64(p.paying_start, k.paying[i]);
		CHECK_I64(p.paying_end, k.paying[i + 1]);
		for (int m = 0; m < 5; m++)
		{
			k.amount[m][i] = p.amount[m];
			k.count[m][i] = p.count[m];
		}
		k.first_paid[i] = r->first_paid[i];
		if (r->max_offset >= 0)
			cx_rev_cohort(r, i, k.cmrr[i], k.cpaying[i]);
	}
	return k;
}

/* Compares n entries of an array with the expected values. */
static void
expect_array(int line, const char *what, const int64_t *got, const int64_t *want, int n)
{
	for (int i = 0; i < n; i++)
		if (got[i] != want[i] && tap_fail(line, what))
			tap_diag("# [%d] is %" PRId64 ", expected %" PRId64 "\n", i, got[i], want[i]);
}

#define CHECK_ARRAY(got, ...) \
	do { \
		const int64_t want_[] = {__VA_ARGS__}; \
		expect_array(__LINE__, #got, (got), want_, (int) (sizeof(want_) / sizeof(want_[0]))); \
	} while (0)

static const char *const movement_name[5] = {
	"new", "expansion", "reactivation", "contraction", "churned"
};

/* Every counter of got against want, over a grid of P periods, offset N. */
static void
expect_counts(int line, const Counts *got, const Counts *want, int32_t P, int32_t N)
{
	char		what[64];

	if (got->customers != want->customers && tap_fail(line, "customers"))
		tap_diag("# is %" PRId64 ", expected %" PRId64 "\n", got->customers, want->customers);
	if (got->mrr_bound != want->mrr_bound && tap_fail(line, "mrr_bound"))
		tap_diag("# is %" PRId64 ", expected %" PRId64 "\n", got->mrr_bound, want->mrr_bound);
	expect_array(line, "mrr levels", got->mrr, want->mrr, P + 1);
	expect_array(line, "paying levels", got->paying, want->paying, P + 1);
	for (int m = 0; m < 5; m++)
	{
		snprintf(what, sizeof(what), "%s amount", movement_name[m]);
		expect_array(line, what, got->amount[m], want->amount[m], P);
		snprintf(what, sizeof(what), "%s count", movement_name[m]);
		expect_array(line, what, got->count[m], want->count[m], P);
	}
	expect_array(line, "first_paid", got->first_paid, want->first_paid, P);
	for (int32_t c = 0; c < P && N >= 0; c++)
	{
		int			len = N + 1 < P - c ? N + 1 : P - c;

		snprintf(what, sizeof(what), "cohort %d mrr", c);
		expect_array(line, what, got->cmrr[c], want->cmrr[c], len);
		snprintf(what, sizeof(what), "cohort %d paying", c);
		expect_array(line, what, got->cpaying[c], want->cpaying[c], len);
	}
}

/* One customer of hand-written steps on a fresh B4 summary with cohorts. */
static Counts
one(const CxMrrStep *s, int64_t n)
{
	Box			b = box_new(B4, 4, 3);
	Counts		k;

	CHECK_STATUS(cx_mrr_validate(s, n, true, 1), CX_REV_OK);
	CHECK_STATUS(cx_rev_add(&b.r, s, n), CX_REV_OK);
	CHECK_STATUS(cx_rev_validate(&b.r, 1), CX_REV_OK);
	k = counts_of(&b.r);
	box_free(&b);
	return k;
}

/* Built steps against the expected list. */
static void
expect_steps(int line, const CxMrrStep *got, int64_t ngot, const CxMrrStep *want, int64_t nwant)
{
	if (ngot != nwant && tap_fail(line, "number of steps"))
		tap_diag("# is %" PRId64 ", expected %" PRId64 "\n", ngot, nwant);
	for (int64_t i = 0; i < ngot && i < nwant; i++)
		if ((got[i].x != want[i].x || got[i].at != want[i].at || got[i].after != want[i].after) &&
			tap_fail(line, "step"))
			tap_diag("# [%" PRId64 "] is (%" PRId64 ", %" PRId64 ", %" PRId64 "), expected (%"
					 PRId64 ", %" PRId64 ", %" PRId64 ")\n", i, got[i].x, got[i].at, got[i].after,
					 want[i].x, want[i].at, want[i].after);
}

#define CHECK_STEPS(got, ngot, ...) \
	do { \
		const CxMrrStep want_[] = {__VA_ARGS__}; \
		expect_steps(__LINE__, (got), (ngot), want_, (int64_t) (sizeof(want_) / sizeof(want_[0]))); \
	} while (0)

/* cx_mrr_build() of a copy of the events: status, steps, where. */
static CxRevStatus
build(const CxMrrEvent *ev, int64_t n, CxMrrStep *out, int64_t *nout, int64_t *where)
{
	CxMrrEvent	copy[64];

	if (n > 64)
		abort();
	if (n > 0)
		memcpy(copy, ev, n * sizeof(CxMrrEvent));
	*nout = -1;
	*where = 0;
	return cx_mrr_build(copy, n, out, nout, where);
}

/* ---------------------------------------------------------------------
 * Grid and layout
 * ---------------------------------------------------------------------
 */

static void
test_grid_limits(void)
{
	CHECK_STATUS(cx_rev_check_grid(1, -1), CX_REV_OK);
	CHECK_STATUS(cx_rev_check_grid(1, 0), CX_REV_OK);
	CHECK_STATUS(cx_rev_check_grid(CX_CHURN_MAX_PERIODS, -1), CX_REV_OK);
	CHECK_STATUS(cx_rev_check_grid(0, -1), CX_REV_BAD_GRID);
	CHECK_STATUS(cx_rev_check_grid(-3, -1), CX_REV_BAD_GRID);
	CHECK_STATUS(cx_rev_check_grid(CX_CHURN_MAX_PERIODS + 1, -1), CX_REV_BAD_GRID);
	CHECK_STATUS(cx_rev_check_grid(10, 9), CX_REV_OK);
	CHECK_STATUS(cx_rev_check_grid(10, 10), CX_REV_BAD_GRID);
	CHECK_STATUS(cx_rev_check_grid(10, -2), CX_REV_BAD_GRID);
	/* 1448 * 1448 = 2,096,704 cells <= 2^21 = 2,097,152; 1449 * 1448 is over */
	CHECK_STATUS(cx_rev_check_grid(1448, 1447), CX_REV_OK);
	CHECK_STATUS(cx_rev_check_grid(1449, 1447), CX_REV_BAD_GRID);
	/* 100000 * 20 = 2.0M cells; 100000 * 21 = 2.1M > 2,097,152 */
	CHECK_STATUS(cx_rev_check_grid(100000, 19), CX_REV_OK);
	CHECK_STATUS(cx_rev_check_grid(100000, 20), CX_REV_BAD_GRID);

	/*
	 * slots: customers, mrr_bound, P + 1 bounds, 2 (P + 2) level
	 * differences, 11 P per-period values, and 2 P (N + 2) cohort cells
	 */
	CHECK_I64((int64_t) cx_rev_slots(4, -1), 2 + 5 + 12 + 44);
	CHECK_I64((int64_t) cx_rev_slots(4, 2), 2 + 5 + 12 + 44 + 2 * 4 * 4);
	CHECK_I64((int64_t) cx_rev_slots(1, 0), 2 + 2 + 6 + 11 + 2 * 1 * 2);
	CHECK_I64((int64_t) cx_rev_slots(0, -1), 0);
	CHECK_I64((int64_t) cx_rev_slots(4, 4), 0);
}

static void
test_layout(void)
{
	/* the arrays tile the block in order, without gaps or overlap */
	int64_t		mem[128];
	CxRevenue	r;

	cx_rev_bind(&r, mem, 4, 2);
	CHECK(r.periods == 4 && r.max_offset == 2);
	CHECK(r.customers == mem);
	CHECK(r.mrr_bound == mem + 1);
	CHECK(r.bounds == mem + 2);
	CHECK(r.mrr_diff == mem + 7);
	CHECK(r.paying_diff == mem + 13);
	for (int i = 0; i < 5; i++)
	{
		CHECK(r.amount[i] == mem + 19 + 4 * i);
		CHECK(r.count[i] == mem + 39 + 4 * i);
	}
	CHECK(r.first_paid == mem + 59);
	CHECK(r.cohort_mrr_diff == mem + 63);
	CHECK(r.cohort_paying_diff == mem + 79);
	CHECK_I64(79 + 16, (int64_t) cx_rev_slots(4, 2));
	CHECK(r.index == NULL);
	CHECK_I64(cx_rev_row_len(&r, 0), 3);
	CHECK_I64(cx_rev_row_len(&r, 2), 2);
	CHECK_I64(cx_rev_row_len(&r, 3), 1);

	cx_rev_bind(&r, mem, 4, -1);
	CHECK(r.cohort_mrr_diff == NULL && r.cohort_paying_diff == NULL);
	CHECK_I64(cx_rev_row_len(&r, 0), 0);
	CHECK_I64(79 - 16, (int64_t) cx_rev_slots(4, -1));
}

/* ---------------------------------------------------------------------
 * cx_mrr_build, worked by hand
 * ---------------------------------------------------------------------
 */

static void
test_build_basic(void)
{
	CxMrrStep	s[16];
	int64_t		n,
				where;

	/* [5, 10) 50 (a daterange's shape): 50 from 5 on, 0 from 10 on */
	{
		const CxMrrEvent ev[] = {{10, -50, 0}, {5, 50, 0}};

		CHECK_STATUS(build(ev, 2, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(5, 50, 50), st(10, 0, 0));
	}

	/* overlapping rows add: [5, 15) 50 and [10, 20) 30 */
	{
		const CxMrrEvent ev[] = {{5, 50, 0}, {15, -50, 0}, {10, 30, 0}, {20, -30, 0}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(5, 50, 50), st(10, 80, 80), st(15, 30, 30), st(20, 0, 0));
	}

	/* no events: no steps */
	CHECK_STATUS(build(NULL, 0, s, &n, &where), CX_REV_OK);
	CHECK_I64(n, 0);

	/* a zero-amount row (a free trial) changes nothing: no step */
	{
		const CxMrrEvent ev[] = {{2, 0, 0}, {15, 0, 0}, {15, 60, 0}, {35, -60, 0}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(15, 60, 60), st(35, 0, 0));
	}

	/* a plan change with no gap: [5, 10) 50, [10, 20) 80: one step at 10 */
	{
		const CxMrrEvent ev[] = {{5, 50, 0}, {10, -50, 0}, {10, 80, 0}, {20, -80, 0}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(5, 50, 50), st(10, 80, 80), st(20, 0, 0));
	}
}

static void
test_build_cancel(void)
{
	CxMrrStep	s[16];
	int64_t		n,
				where;

	/* renewal at the same amount: [5, 10) 50 and [10, 20) 50: no step at 10 */
	{
		const CxMrrEvent ev[] = {{5, 50, 0}, {10, -50, 0}, {10, 50, 0}, {20, -50, 0}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(5, 50, 50), st(20, 0, 0));
	}

	/* a row and its full credit: [5, 10) 50 and [5, 10) -50: nothing at all */
	{
		const CxMrrEvent ev[] = {{5, 50, 0}, {10, -50, 0}, {5, -50, 0}, {10, 50, 0}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_OK);
		CHECK_I64(n, 0);
	}

	/*
	 * tstz: [0, 5] 10 and (5, 9) 10.  At 5 the first is still on (d_at 0,
	 * d_after -10) and the second starts just after (d_after +10): f is 10
	 * at 5 and after, so no step at 5.  [0, 5) and (5, 9): f(5) = 0, a gap
	 * of one instant: a step (5, 0, 10).
	 */
	{
		const CxMrrEvent ev[] = {{0, 10, 0}, {5, 0, -10}, {5, 0, 10}, {9, -10, 0}};
		const CxMrrEvent gap[] = {{0, 10, 0}, {5, -10, 0}, {5, 0, 10}, {9, -10, 0}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(0, 10, 10), st(9, 0, 0));
		CHECK_STATUS(build(gap, 4, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(0, 10, 10), st(5, 0, 10), st(9, 0, 0));
	}
}

static void
test_build_ends(void)
{
	CxMrrStep	s[16];
	int64_t		n,
				where;

	/* (5, 10] 40: 0 at 5, 40 after it; 40 at 10, 0 after it */
	{
		const CxMrrEvent ev[] = {{5, 0, 40}, {10, 0, -40}};

		CHECK_STATUS(build(ev, 2, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(5, 0, 40), st(10, 40, 0));
	}
	/* [5, 5] 30: one instant, a step of its own */
	{
		const CxMrrEvent ev[] = {{5, 30, 0}, {5, 0, -30}};

		CHECK_STATUS(build(ev, 2, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(5, 30, 0));
	}
	/* [5, 10) 50 with a spike [7, 7] 25 on top */
	{
		const CxMrrEvent ev[] = {{5, 50, 0}, {10, -50, 0}, {7, 25, 0}, {7, 0, -25}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(5, 50, 50), st(7, 75, 50), st(10, 0, 0));
	}
	/* (-inf, 10) 50: from INT64_MIN on */
	{
		const CxMrrEvent ev[] = {{10, -50, 0}, {INT64_MIN, 50, 0}};

		CHECK_STATUS(build(ev, 2, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(INT64_MIN, 50, 50), st(10, 0, 0));
	}
	/* [5, infinity) 50 (an end at INT64_MAX, dropped) and (-inf, inf) 20 */
	{
		const CxMrrEvent ev[] = {{INT64_MAX, -50, 0}, {5, 50, 0}, {INT64_MIN, 20, 0}};

		CHECK_STATUS(build(ev, 3, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(INT64_MIN, 20, 20), st(5, 70, 70));
	}
	/* a row starting at INT64_MAX: dropped, nothing left */
	{
		const CxMrrEvent ev[] = {{INT64_MAX, 50, 0}, {INT64_MAX, 0, -50}};

		CHECK_STATUS(build(ev, 2, s, &n, &where), CX_REV_OK);
		CHECK_I64(n, 0);
	}
	/* a negative value at INT64_MAX is no error either: no boundary lies there */
	{
		const CxMrrEvent ev[] = {{5, 50, 0}, {INT64_MAX, -90, 0}};

		CHECK_STATUS(build(ev, 2, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(5, 50, 50));
	}
}

static void
test_build_negative(void)
{
	CxMrrStep	s[16];
	int64_t		n,
				where;

	/* [5, 10) 50 and a credit [8, 12) -60: -10 at 8 */
	{
		const CxMrrEvent ev[] = {{5, 50, 0}, {10, -50, 0}, {8, -60, 0}, {12, 60, 0}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_NEGATIVE_MRR);
		CHECK_I64(where, 8);
	}
	/* a credit that outlasts its row: [5, 10) 50, [5, 12) -50: -50 at 10 */
	{
		const CxMrrEvent ev[] = {{5, 50, 0}, {10, -50, 0}, {5, -50, 0}, {12, 50, 0}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_NEGATIVE_MRR);
		CHECK_I64(where, 10);
	}
	/* negative just after 5 only: [0, 10) 50 and (5, 8) -60 */
	{
		const CxMrrEvent ev[] = {{0, 50, 0}, {10, -50, 0}, {5, 0, -60}, {8, 60, 0}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_NEGATIVE_MRR);
		CHECK_I64(where, 5);
	}
	/* negative at one instant only: [0, 10) 50 and [5, 5] -60 */
	{
		const CxMrrEvent ev[] = {{0, 50, 0}, {10, -50, 0}, {5, -60, 0}, {5, 0, 60}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_NEGATIVE_MRR);
		CHECK_I64(where, 5);
	}
	/* a credit from minus infinity: negative at INT64_MIN */
	{
		const CxMrrEvent ev[] = {{INT64_MIN, -5, 0}, {3, 5, 0}};

		CHECK_STATUS(build(ev, 2, s, &n, &where), CX_REV_NEGATIVE_MRR);
		CHECK_I64(where, INT64_MIN);
	}
	/* a credit that exactly cancels is fine: [0, 10) 50, [3, 6) -50 */
	{
		const CxMrrEvent ev[] = {{0, 50, 0}, {10, -50, 0}, {3, -50, 0}, {6, 50, 0}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(0, 50, 50), st(3, 0, 0), st(6, 50, 50), st(10, 0, 0));
	}
}

static void
test_build_overflow(void)
{
	CxMrrStep	s[16];
	int64_t		n,
				where;

	/* one row of INT64_MAX units fits */
	{
		const CxMrrEvent ev[] = {{0, INT64_MAX, 0}, {10, -INT64_MAX, 0}};

		CHECK_STATUS(build(ev, 2, s, &n, &where), CX_REV_OK);
		CHECK_STEPS(s, n, st(0, INT64_MAX, INT64_MAX), st(10, 0, 0));
	}
	/* [0, 10) INT64_MAX and [5, 15) 1: INT64_MAX + 1 at 5 */
	{
		const CxMrrEvent ev[] = {{0, INT64_MAX, 0}, {10, -INT64_MAX, 0}, {5, 1, 0}, {15, -1, 0}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_OVERFLOW);
	}
	/* [0, 10) INT64_MAX and (0, 5) 1: the value just after 0 overflows */
	{
		const CxMrrEvent ev[] = {{0, INT64_MAX, 0}, {10, -INT64_MAX, 0}, {0, 0, 1}, {5, -1, 0}};

		CHECK_STATUS(build(ev, 4, s, &n, &where), CX_REV_OVERFLOW);
	}
	/* two rows of INT64_MAX at once */
	{
		const CxMrrEvent ev[] = {{0, INT64_MAX, 0}, {0, INT64_MAX, 0}};

		CHECK_STATUS(build(ev, 2, s, &n, &where), CX_REV_OVERFLOW);
	}
}

/*
 * The rows' order is the aggregate's input order, which SQL leaves open: it
 * must not change the result.  [5, 9) with INT64_MAX, [5, 9) with 1 and a
 * credit [5, 9) with -1: f is INT64_MAX on [5, 9), which fits, in whatever
 * order the three rows come.  Summing the changes at 5 in the order
 * INT64_MAX, 1, -1 passes INT64_MAX on the way; that must not be an
 * overflow, since no value of f passes it.
 */
static void
test_build_order(void)
{
	const CxMrrEvent rows[3][2] = {
		{{5, INT64_MAX, 0}, {9, -INT64_MAX, 0}},
		{{5, 1, 0}, {9, -1, 0}},
		{{5, -1, 0}, {9, 1, 0}},
	};
	const int	perm[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};

	for (int p = 0; p < 6; p++)
	{
		CxMrrEvent	ev[6];
		CxMrrStep	s[6];
		int64_t		n,
					where;

		for (int i = 0; i < 3; i++)
		{
			ev[i] = rows[perm[p][i]][0];
			ev[3 + i] = rows[perm[p][i]][1];
		}
		CHECK_STATUS(build(ev, 6, s, &n, &where), CX_REV_OK);
		if (n >= 0)
			CHECK_STEPS(s, n, st(5, INT64_MAX, INT64_MAX), st(9, 0, 0));
	}
}

/* ---------------------------------------------------------------------
 * cx_mrr_validate and cx_mrr_max
 * ---------------------------------------------------------------------
 */

static void
test_validate_timeline(void)
{
	/* valid: a date timeline in units of 10, a tstz one with a point value */
	{
		const CxMrrStep s[] = {st(INT64_MIN, 20, 20), st(5, 50, 50), st(10, 0, 0)};
		const CxMrrStep p[] = {st(5, 50, 50), st(10, 80, 50), st(12, 0, 30), st(14, 0, 0)};

		CHECK_STATUS(cx_mrr_validate(s, 3, false, 10), CX_REV_OK);
		CHECK_STATUS(cx_mrr_validate(s, 3, true, 10), CX_REV_OK);
		CHECK_STATUS(cx_mrr_validate(p, 4, true, 10), CX_REV_OK);
		CHECK_STATUS(cx_mrr_validate(p, 4, true, 1), CX_REV_OK);
		CHECK_STATUS(cx_mrr_validate(s, 0, false, 1), CX_REV_OK);
		/* at != after in a date timeline */
		CHECK_STATUS(cx_mrr_validate(p, 4, false, 10), CX_REV_BAD_STEPS);
		/* a value not a multiple of the unit: 50, 20 in units of 100 */
		CHECK_STATUS(cx_mrr_validate(s, 3, false, 100), CX_REV_BAD_STEPS);
		CHECK_STATUS(cx_mrr_validate(s, 3, false, 0), CX_REV_BAD_STEPS);
		CHECK_STATUS(cx_mrr_validate(s, 3, false, -10), CX_REV_BAD_STEPS);
	}
	/* unsorted, or two steps at one instant */
	{
		const CxMrrStep down[] = {st(10, 50, 50), st(5, 0, 0)};
		const CxMrrStep flat[] = {st(5, 50, 50), st(5, 0, 0)};

		CHECK_STATUS(cx_mrr_validate(down, 2, false, 1), CX_REV_BAD_STEPS);
		CHECK_STATUS(cx_mrr_validate(flat, 2, false, 1), CX_REV_BAD_STEPS);
	}
	/* redundant steps: a first step of 0, a step repeating the value before */
	{
		const CxMrrStep zero[] = {st(5, 0, 0), st(10, 50, 50)};
		const CxMrrStep same[] = {st(5, 50, 50), st(10, 50, 50), st(15, 0, 0)};
		/* (10, 50, 50) after (5, 80, 50): a change only at 5 itself, so 10 repeats */
		const CxMrrStep after_point[] = {st(5, 80, 50), st(10, 50, 50)};

		CHECK_STATUS(cx_mrr_validate(zero, 2, false, 1), CX_REV_BAD_STEPS);
		CHECK_STATUS(cx_mrr_validate(same, 3, false, 1), CX_REV_BAD_STEPS);
		CHECK_STATUS(cx_mrr_validate(after_point, 2, true, 1), CX_REV_BAD_STEPS);
		CHECK_STATUS(cx_mrr_validate(after_point, 1, true, 1), CX_REV_OK);
	}
	/* negative values, at or after */
	{
		const CxMrrStep at[] = {st(5, 50, 50), st(10, -10, -10)};
		const CxMrrStep after[] = {st(5, 50, -10)};

		CHECK_STATUS(cx_mrr_validate(at, 2, false, 1), CX_REV_NEGATIVE_MRR);
		CHECK_STATUS(cx_mrr_validate(after, 1, true, 1), CX_REV_NEGATIVE_MRR);
	}
	/* values not a multiple of the unit, at or after */
	{
		const CxMrrStep at[] = {st(5, 55, 50)};
		const CxMrrStep after[] = {st(5, 50, 55)};

		CHECK_STATUS(cx_mrr_validate(at, 1, true, 10), CX_REV_BAD_STEPS);
		CHECK_STATUS(cx_mrr_validate(after, 1, true, 10), CX_REV_BAD_STEPS);
		CHECK_STATUS(cx_mrr_validate(after, 1, true, 5), CX_REV_OK);
	}
	/* an instant at INT64_MAX (plus infinity): no step may lie there */
	{
		const CxMrrStep s[] = {st(5, 50, 50), st(INT64_MAX, 0, 0)};

		CHECK_STATUS(cx_mrr_validate(s, 2, false, 1), CX_REV_BAD_STEPS);
		CHECK_STATUS(cx_mrr_validate(s, 1, false, 1), CX_REV_OK);
		CHECK_STATUS(cx_mrr_validate(s + 1, 1, false, 1), CX_REV_BAD_STEPS);
	}
	/* counts out of range are refused before any step is read */
	{
		const CxMrrStep s[] = {st(5, 50, 50)};

		CHECK_STATUS(cx_mrr_validate(s, -1, false, 1), CX_REV_BAD_STEPS);
		CHECK_STATUS(cx_mrr_validate(s, (int64_t) CX_REV_MAX_STEPS + 1, false, 1), CX_REV_BAD_STEPS);
	}
}

static void
test_mrr_max(void)
{
	const CxMrrStep s[] = {st(5, 50, 50), st(20, 140, 50), st(35, 0, 0)};
	const CxMrrStep t[] = {st(5, 0, 30), st(7, 90, 0)};

	CHECK_I64(cx_mrr_max(s, 0), 0);
	CHECK_I64(cx_mrr_max(s, 3), 140);
	CHECK_I64(cx_mrr_max(s, 1), 50);
	CHECK_I64(cx_mrr_max(t, 1), 30);
	CHECK_I64(cx_mrr_max(t, 2), 90);
}

/* ---------------------------------------------------------------------
 * cx_rev_add: one customer at a time, worked by hand on B4
 * ---------------------------------------------------------------------
 */

static void
test_add_join_and_leave(void)
{
	/*
	 * [5, 25) 50: m = 0, 50, 50, 0, 0 at t0..t4.  New 50 in period 0,
	 * churned 50 in period 2.  Cohort 0 at t1..t4: 50, 50, 0, 0.
	 */
	const CxMrrStep s[] = {st(5, 50, 50), st(25, 0, 0)};
	Counts		k = one(s, 2);

	CHECK_I64(k.customers, 1);
	CHECK_I64(k.mrr_bound, 50);
	CHECK_ARRAY(k.mrr, 0, 50, 50, 0, 0);
	CHECK_ARRAY(k.paying, 0, 1, 1, 0, 0);
	CHECK_ARRAY(k.amount[CX_REV_NEW], 50, 0, 0, 0);
	CHECK_ARRAY(k.count[CX_REV_NEW], 1, 0, 0, 0);
	CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 0, 50, 0);
	CHECK_ARRAY(k.count[CX_REV_CHURNED], 0, 0, 1, 0);
	CHECK_ARRAY(k.amount[CX_REV_EXPANSION], 0, 0, 0, 0);
	CHECK_ARRAY(k.amount[CX_REV_CONTRACTION], 0, 0, 0, 0);
	CHECK_ARRAY(k.amount[CX_REV_REACTIVATION], 0, 0, 0, 0);
	CHECK_ARRAY(k.first_paid, 1, 0, 0, 0);
	CHECK_ARRAY(k.cmrr[0], 50, 50, 0, 0);
	CHECK_ARRAY(k.cpaying[0], 1, 1, 0, 0);
	CHECK_ARRAY(k.cmrr[1], 0, 0, 0);
}

static void
test_add_expansion_contraction(void)
{
	/*
	 * [5, 35) 50 with [15, 25) 30 on top: m = 0, 50, 80, 50, 0.  New 50 in
	 * 0, expansion 30 in 1, contraction 30 in 2, churned 50 in 3.
	 */
	const CxMrrStep s[] = {st(5, 50, 50), st(15, 80, 80), st(25, 50, 50), st(35, 0, 0)};
	Counts		k = one(s, 4);

	CHECK_I64(k.mrr_bound, 80);
	CHECK_ARRAY(k.mrr, 0, 50, 80, 50, 0);
	CHECK_ARRAY(k.paying, 0, 1, 1, 1, 0);
	CHECK_ARRAY(k.amount[CX_REV_NEW], 50, 0, 0, 0);
	CHECK_ARRAY(k.amount[CX_REV_EXPANSION], 0, 30, 0, 0);
	CHECK_ARRAY(k.count[CX_REV_EXPANSION], 0, 1, 0, 0);
	CHECK_ARRAY(k.amount[CX_REV_CONTRACTION], 0, 0, 30, 0);
	CHECK_ARRAY(k.count[CX_REV_CONTRACTION], 0, 0, 1, 0);
	CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 0, 0, 50);
	CHECK_ARRAY(k.cmrr[0], 50, 80, 50, 0);
	CHECK_ARRAY(k.cpaying[0], 1, 1, 1, 0);
}

static void
test_add_change_on_boundary(void)
{
	Counts		k;

	/*
	 * Upgrade exactly at t2: [5, 20) 50, [20, 35) 80.  m(t2) = min(f(19),
	 * f(20)) = min(50, 80) = 50: the increase counts in period 2, the one
	 * t2 opens.  m = 0, 50, 50, 80, 0.
	 */
	{
		const CxMrrStep s[] = {st(5, 50, 50), st(20, 80, 80), st(35, 0, 0)};

		k = one(s, 3);
		CHECK_ARRAY(k.mrr, 0, 50, 50, 80, 0);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 50, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_EXPANSION], 0, 0, 30, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 0, 0, 80);
	}
	/*
	 * Downgrade exactly at t2: [5, 20) 80, [20, 35) 50.  m(t2) = min(80,
	 * 50) = 50: the decrease counts in period 1, the one t2 closes.
	 */
	{
		const CxMrrStep s[] = {st(5, 80, 80), st(20, 50, 50), st(35, 0, 0)};

		k = one(s, 3);
		CHECK_ARRAY(k.mrr, 0, 80, 50, 50, 0);
		CHECK_ARRAY(k.amount[CX_REV_CONTRACTION], 0, 30, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_EXPANSION], 0, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 0, 0, 50);
	}
	/*
	 * Starts exactly at t1, ends exactly at t3: [10, 30) 50.  m(t1) =
	 * min(0, 50) = 0, m(t3) = min(50, 0) = 0: new in 1, churned in 2;
	 * cohort 1 (first positive at 10) at t2, t3, t4: 50, 0, 0.
	 */
	{
		const CxMrrStep s[] = {st(10, 50, 50), st(30, 0, 0)};

		k = one(s, 2);
		CHECK_ARRAY(k.mrr, 0, 0, 50, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 0, 50, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 0, 50, 0);
		CHECK_ARRAY(k.first_paid, 0, 1, 0, 0);
		CHECK_ARRAY(k.cmrr[1], 50, 0, 0);
		CHECK_ARRAY(k.cpaying[1], 1, 0, 0);
		CHECK_ARRAY(k.cmrr[0], 0, 0, 0, 0);
	}
	/* [5, 20] 50 (upper end included): f(19) = f(20) = 50, churned in 2 */
	{
		const CxMrrStep s[] = {st(5, 50, 50), st(20, 50, 0)};

		k = one(s, 2);
		CHECK_ARRAY(k.mrr, 0, 50, 50, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 0, 50, 0);
	}
	/* [5, 20) 50: f(20) = 0, churned in 1 */
	{
		const CxMrrStep s[] = {st(5, 50, 50), st(20, 0, 0)};

		k = one(s, 2);
		CHECK_ARRAY(k.mrr, 0, 50, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 50, 0, 0);
	}
	/*
	 * (20, 35) 50: 0 at 20 itself, positive just after: m(t2) = 0, m(t3) =
	 * 50, new in 2 (never positive before t2); cohort 2 at t3, t4: 50, 0.
	 */
	{
		const CxMrrStep s[] = {st(20, 0, 50), st(35, 0, 0)};

		k = one(s, 2);
		CHECK_ARRAY(k.mrr, 0, 0, 0, 50, 0);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 0, 0, 50, 0);
		CHECK_ARRAY(k.first_paid, 0, 0, 1, 0);
		CHECK_ARRAY(k.cmrr[2], 50, 0);
		CHECK_ARRAY(k.cpaying[2], 1, 0);
	}
	/*
	 * (19, 35) 50: positive on (19, 20) already, so f(20-) = f(20) = 50:
	 * m(t2) = 50, new in 1, cohort 1.
	 */
	{
		const CxMrrStep s[] = {st(19, 0, 50), st(35, 0, 0)};

		k = one(s, 2);
		CHECK_ARRAY(k.mrr, 0, 0, 50, 50, 0);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 0, 50, 0, 0);
		CHECK_ARRAY(k.first_paid, 0, 1, 0, 0);
		CHECK_ARRAY(k.cmrr[1], 50, 50, 0);
	}
	/*
	 * Two steps in period 0 the last of which lies on t1: [2, 10) 10,
	 * [10, 25) 30.  m(t1) = min(10, 30) = 10, m(t2) = 30: new 10 in 0,
	 * expansion 20 in 1.
	 */
	{
		const CxMrrStep s[] = {st(2, 10, 10), st(10, 30, 30), st(25, 0, 0)};

		k = one(s, 3);
		CHECK_ARRAY(k.mrr, 0, 10, 30, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 10, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_EXPANSION], 0, 20, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 0, 30, 0);
	}
}

static void
test_add_points(void)
{
	Counts		k;

	/*
	 * A spike at t2: [5, 35) 50 and [20, 20] 90.  m(t2) = min(50, 140) =
	 * 50: no movement there.  mrr_bound counts the spike: 140.
	 */
	{
		const CxMrrStep s[] = {st(5, 50, 50), st(20, 140, 50), st(35, 0, 0)};

		k = one(s, 3);
		CHECK_I64(k.mrr_bound, 140);
		CHECK_ARRAY(k.mrr, 0, 50, 50, 50, 0);
		CHECK_ARRAY(k.amount[CX_REV_EXPANSION], 0, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 0, 0, 50);
	}
	/*
	 * A dip to 0 at t2 only: [5, 20) 50 and (20, 35) 50.  m(t2) = 0:
	 * churned 50 in 1, reactivation 50 in 2 (positive before t2).
	 */
	{
		const CxMrrStep s[] = {st(5, 50, 50), st(20, 0, 50), st(35, 0, 0)};

		k = one(s, 3);
		CHECK_ARRAY(k.mrr, 0, 50, 0, 50, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 50, 0, 50);
		CHECK_ARRAY(k.amount[CX_REV_REACTIVATION], 0, 0, 50, 0);
		CHECK_ARRAY(k.count[CX_REV_REACTIVATION], 0, 0, 1, 0);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 50, 0, 0, 0);
		CHECK_ARRAY(k.cmrr[0], 50, 0, 50, 0);
	}
	/*
	 * [25, 25] 30: one instant in period 2.  First paid in 2 but paying at
	 * no boundary: first_paid 1, no movement, cohort 2 all zero.
	 */
	{
		const CxMrrStep s[] = {st(25, 30, 0)};

		k = one(s, 1);
		CHECK_ARRAY(k.first_paid, 0, 0, 1, 0);
		CHECK_ARRAY(k.mrr, 0, 0, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 0, 0, 0, 0);
		CHECK_ARRAY(k.cmrr[2], 0, 0);
		CHECK_I64(k.mrr_bound, 30);
	}
	/* [20, 20] 30, exactly on t2: m(t2) = min(0, 30) = 0; first paid in 2 */
	{
		const CxMrrStep s[] = {st(20, 30, 0)};

		k = one(s, 1);
		CHECK_ARRAY(k.first_paid, 0, 0, 1, 0);
		CHECK_ARRAY(k.paying, 0, 0, 0, 0, 0);
	}
}

static void
test_add_lapses(void)
{
	Counts		k;

	/*
	 * [5, 12) 50 and [22, 35) 70: m = 0, 50, 0, 70, 0.  New 50 in 0,
	 * churned 50 in 1, reactivation 70 in 2, churned 70 in 3.  Cohort 0:
	 * 50, 0, 70, 0 (a reactivated customer counts again in its cohort).
	 */
	{
		const CxMrrStep s[] = {st(5, 50, 50), st(12, 0, 0), st(22, 70, 70), st(35, 0, 0)};

		k = one(s, 4);
		CHECK_ARRAY(k.mrr, 0, 50, 0, 70, 0);
		CHECK_ARRAY(k.paying, 0, 1, 0, 1, 0);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 50, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 50, 0, 70);
		CHECK_ARRAY(k.amount[CX_REV_REACTIVATION], 0, 0, 70, 0);
		CHECK_ARRAY(k.first_paid, 1, 0, 0, 0);
		CHECK_ARRAY(k.cmrr[0], 50, 0, 70, 0);
		CHECK_ARRAY(k.cpaying[0], 1, 0, 1, 0);
		CHECK_I64(k.mrr_bound, 70);
	}
	/* a lapse inside period 1, [5, 12) and [15, 35) 50: no movement in 1 */
	{
		const CxMrrStep s[] = {st(5, 50, 50), st(12, 0, 0), st(15, 50, 50), st(35, 0, 0)};

		k = one(s, 4);
		CHECK_ARRAY(k.mrr, 0, 50, 50, 50, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 0, 0, 50);
		CHECK_ARRAY(k.amount[CX_REV_REACTIVATION], 0, 0, 0, 0);
	}
	/*
	 * (-inf, 5) 40 and [25, inf) 60: m = 40, 0, 0, 60, 60.  Churned 40 in
	 * 0; reactivation 60 in 2 (positive from minus infinity on, before
	 * t2).  No cohort: first positive before t0.
	 */
	{
		const CxMrrStep s[] = {st(INT64_MIN, 40, 40), st(5, 0, 0), st(25, 60, 60)};

		k = one(s, 3);
		CHECK_ARRAY(k.mrr, 40, 0, 0, 60, 60);
		CHECK_ARRAY(k.paying, 1, 0, 0, 1, 1);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 40, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_REACTIVATION], 0, 0, 60, 0);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 0, 0, 0, 0);
		CHECK_ARRAY(k.first_paid, 0, 0, 0, 0);
	}
	/*
	 * Steps before the grid: [-20, -10) 10, [-10, 15) 30: m(t0) = m(t1) =
	 * 30, churned 30 in 1; paid before t0, so no cohort.
	 */
	{
		const CxMrrStep s[] = {st(-20, 10, 10), st(-10, 30, 30), st(15, 0, 0)};

		k = one(s, 3);
		CHECK_ARRAY(k.mrr, 30, 30, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 30, 0, 0);
		CHECK_ARRAY(k.first_paid, 0, 0, 0, 0);
	}
	/*
	 * Positive before t0 only, then back in period 0: [-5, -2) 10 and
	 * [3, 15) 20.  m(t0) = 0, m(t1) = 20: reactivation, not new.
	 */
	{
		const CxMrrStep s[] = {st(-5, 10, 10), st(-2, 0, 0), st(3, 20, 20), st(15, 0, 0)};

		k = one(s, 4);
		CHECK_ARRAY(k.amount[CX_REV_REACTIVATION], 20, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 0, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 20, 0, 0);
	}
	/* several changes inside period 0 only: m(t1) is the last value, 40 */
	{
		const CxMrrStep s[] = {st(2, 10, 10), st(4, 30, 30), st(6, 20, 20), st(8, 0, 0),
		st(9, 40, 40)};

		k = one(s, 5);
		CHECK_ARRAY(k.mrr, 0, 40, 40, 40, 40);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 40, 0, 0, 0);
		CHECK_ARRAY(k.count[CX_REV_REACTIVATION], 0, 0, 0, 0);
		CHECK_I64(k.mrr_bound, 40);
	}
}

static void
test_add_grid_ends(void)
{
	Counts		k;

	/* [39, inf) 50: new in 3, paying at t4 = 40; cohort 3 (one cell): 50 */
	{
		const CxMrrStep s[] = {st(39, 50, 50)};

		k = one(s, 1);
		CHECK_ARRAY(k.mrr, 0, 0, 0, 0, 50);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 0, 0, 0, 50);
		CHECK_ARRAY(k.first_paid, 0, 0, 0, 1);
		CHECK_ARRAY(k.cmrr[3], 50);
		CHECK_ARRAY(k.cpaying[3], 1);
	}
	/* [40, inf) 50: m(t4) = min(0, 50) = 0, nothing but the customer */
	{
		const CxMrrStep s[] = {st(40, 50, 50)};

		k = one(s, 1);
		CHECK_I64(k.customers, 1);
		CHECK_I64(k.mrr_bound, 50);
		CHECK_ARRAY(k.mrr, 0, 0, 0, 0, 0);
		CHECK_ARRAY(k.first_paid, 0, 0, 0, 0);
	}
	/* [0, 40) 50: from t0 exactly, so new in 0; m(t4) = 0, churned in 3 */
	{
		const CxMrrStep s[] = {st(0, 50, 50), st(40, 0, 0)};

		k = one(s, 2);
		CHECK_ARRAY(k.mrr, 0, 50, 50, 50, 0);
		CHECK_ARRAY(k.amount[CX_REV_NEW], 50, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 0, 0, 50);
		CHECK_ARRAY(k.first_paid, 1, 0, 0, 0);
	}
	/* [-1, 0] 50: paying at t0 (f(-1) = f(0) = 50), churned in 0 */
	{
		const CxMrrStep s[] = {st(-1, 50, 50), st(0, 50, 0)};

		k = one(s, 2);
		CHECK_ARRAY(k.mrr, 50, 0, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 50, 0, 0, 0);
	}
	/* far outside: before and after the grid, nothing but the customer */
	{
		const CxMrrStep s[] = {st(-100, 50, 50), st(-50, 0, 0), st(100, 20, 20)};

		k = one(s, 3);
		CHECK_ARRAY(k.mrr, 0, 0, 0, 0, 0);
		CHECK_ARRAY(k.first_paid, 0, 0, 0, 0);
		CHECK_I64(k.mrr_bound, 50);
	}
	/* no steps: counted as a timeline, nothing else */
	{
		k = one(NULL, 0);
		CHECK_I64(k.customers, 1);
		CHECK_I64(k.mrr_bound, 0);
		CHECK_ARRAY(k.paying, 0, 0, 0, 0, 0);
	}
}

static void
test_add_cohorts(void)
{
	/*
	 * max_offset 1 on B4.  Cohort 0: [5, 25) 50 and [8, 9) 20 (first paid
	 * in 0, gone by t1) and [3, inf) 10: size 3; at t1 (offset 0): 50 + 10
	 * = 60 of 2 customers; at t2 (offset 1): 60, 2.  Cohort 2: [21, 35)
	 * 40: at t3 40, 1; at t4 0, 0.  (-inf, 15) 30 is in no cohort.
	 */
	Box			b = box_new(B4, 4, 1);
	const CxMrrStep a[] = {st(5, 50, 50), st(25, 0, 0)};
	const CxMrrStep c[] = {st(8, 20, 20), st(9, 0, 0)};
	const CxMrrStep d[] = {st(3, 10, 10)};
	const CxMrrStep e[] = {st(21, 40, 40), st(35, 0, 0)};
	const CxMrrStep f[] = {st(INT64_MIN, 30, 30), st(15, 0, 0)};
	int64_t		mrr[2],
				paying[2];
	Counts		k;

	CHECK_STATUS(cx_rev_add(&b.r, a, 2), CX_REV_OK);
	CHECK_STATUS(cx_rev_add(&b.r, c, 2), CX_REV_OK);
	CHECK_STATUS(cx_rev_add(&b.r, d, 1), CX_REV_OK);
	CHECK_STATUS(cx_rev_add(&b.r, e, 2), CX_REV_OK);
	CHECK_STATUS(cx_rev_add(&b.r, f, 2), CX_REV_OK);
	CHECK_STATUS(cx_rev_validate(&b.r, 10), CX_REV_OK);
	k = counts_of(&b.r);
	CHECK_I64(k.customers, 5);
	CHECK_I64(k.mrr_bound, 50 + 20 + 10 + 40 + 30);
	/* t0: 30; t1: 50 + 10 + 30; t2: 50 + 10; t3: 10 + 40; t4: 10 */
	CHECK_ARRAY(k.mrr, 30, 90, 60, 50, 10);
	CHECK_ARRAY(k.paying, 1, 3, 2, 2, 1);
	CHECK_ARRAY(k.first_paid, 3, 0, 1, 0);
	CHECK_ARRAY(k.amount[CX_REV_NEW], 60, 0, 40, 0);
	CHECK_ARRAY(k.count[CX_REV_NEW], 2, 0, 1, 0);
	CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 30, 50, 40);
	CHECK_ARRAY(k.count[CX_REV_CHURNED], 0, 1, 1, 1);
	cx_rev_cohort(&b.r, 0, mrr, paying);
	CHECK_ARRAY(mrr, 60, 60);
	CHECK_ARRAY(paying, 2, 2);
	cx_rev_cohort(&b.r, 1, mrr, paying);
	CHECK_ARRAY(mrr, 0, 0);
	cx_rev_cohort(&b.r, 2, mrr, paying);
	CHECK_ARRAY(mrr, 40, 0);
	CHECK_ARRAY(paying, 1, 0);
	cx_rev_cohort(&b.r, 3, mrr, paying);
	CHECK_ARRAY(mrr, 0);
	CHECK_I64(cx_rev_row_len(&b.r, 3), 1);
	box_free(&b);
}

/* ---------------------------------------------------------------------
 * Overflow
 * ---------------------------------------------------------------------
 */

static void
test_overflow(void)
{
	const CxMrrStep s[] = {st(5, 50, 50), st(25, 0, 0)};
	const CxMrrStep big[] = {st(5, INT64_MAX, INT64_MAX), st(25, 0, 0)};
	Box			a = box_new(B4, 4, 2);
	Box			b = box_new(B4, 4, 2);
	int64_t    *saved;

	/* mrr_bound + 50 > INT64_MAX: refused, nothing changed */
	*a.r.mrr_bound = INT64_MAX - 49;
	saved = snapshot(&a);
	CHECK_STATUS(cx_rev_add(&a.r, s, 2), CX_REV_OVERFLOW);
	CHECK(same_as(&a, saved));
	free(saved);
	/* exactly INT64_MAX fits */
	*a.r.mrr_bound = INT64_MAX - 50;
	CHECK_STATUS(cx_rev_add(&a.r, s, 2), CX_REV_OK);
	CHECK_I64(*a.r.mrr_bound, INT64_MAX);
	CHECK_I64(*a.r.customers, 1);
	/* at INT64_MAX customers even an empty timeline is refused */
	box_clear(&a);
	*a.r.customers = INT64_MAX;
	saved = snapshot(&a);
	CHECK_STATUS(cx_rev_add(&a.r, s, 2), CX_REV_OVERFLOW);
	CHECK_STATUS(cx_rev_add(&a.r, s, 0), CX_REV_OVERFLOW);
	CHECK(same_as(&a, saved));
	free(saved);

	/*
	 * One customer of INT64_MAX units: every sum fits and validates; a
	 * second customer of any MRR is refused.
	 */
	box_clear(&a);
	CHECK_STATUS(cx_rev_add(&a.r, big, 2), CX_REV_OK);
	CHECK_STATUS(cx_rev_validate(&a.r, 1), CX_REV_OK);
	{
		Counts		k = counts_of(&a.r);

		CHECK_ARRAY(k.mrr, 0, INT64_MAX, INT64_MAX, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_NEW], INT64_MAX, 0, 0, 0);
		CHECK_ARRAY(k.amount[CX_REV_CHURNED], 0, 0, INT64_MAX, 0);
		CHECK_ARRAY(k.cmrr[0], INT64_MAX, INT64_MAX, 0);
	}
	saved = snapshot(&a);
	CHECK_STATUS(cx_rev_add(&a.r, s, 2), CX_REV_OVERFLOW);
	CHECK(same_as(&a, saved));
	/* a timeline of zeros adds nothing to mrr_bound: it still fits */
	CHECK_STATUS(cx_rev_add(&a.r, s, 0), CX_REV_OK);
	CHECK_I64(*a.r.customers, 2);
	free(saved);

	/* merging past INT64_MAX, in mrr_bound or in customers: dst unchanged */
	CHECK_STATUS(cx_rev_add(&b.r, s, 2), CX_REV_OK);
	saved = snapshot(&a);
	CHECK_STATUS(cx_rev_merge(&a.r, &b.r), CX_REV_OVERFLOW);
	CHECK(same_as(&a, saved));
	free(saved);
	box_clear(&a);
	*a.r.customers = INT64_MAX;
	saved = snapshot(&a);
	CHECK_STATUS(cx_rev_merge(&a.r, &b.r), CX_REV_OVERFLOW);
	CHECK(same_as(&a, saved));
	free(saved);
	/* just fitting: INT64_MAX - 50 + 50 */
	box_clear(&a);
	*a.r.mrr_bound = INT64_MAX - 50;
	*a.r.customers = INT64_MAX - 1;
	CHECK_STATUS(cx_rev_merge(&a.r, &b.r), CX_REV_OK);
	CHECK_I64(*a.r.mrr_bound, INT64_MAX);
	CHECK_I64(*a.r.customers, INT64_MAX);
	CHECK_I64(a.r.amount[CX_REV_NEW][0], 50);
	box_free(&a);
	box_free(&b);
}

static void
test_merge_grid_mismatch(void)
{
	Box			a = box_new(B4, 4, -1);
	Box			b = box_new(B4, 4, 1);
	Box			c = box_new(B4, 3, -1);
	int64_t    *saved = snapshot(&a);

	CHECK_STATUS(cx_rev_merge(&a.r, &b.r), CX_REV_BAD_GRID);
	CHECK_STATUS(cx_rev_merge(&a.r, &c.r), CX_REV_BAD_GRID);
	CHECK(same_as(&a, saved));
	free(saved);
	box_free(&a);
	box_free(&b);
	box_free(&c);
}

/* ---------------------------------------------------------------------
 * Validation of summaries read from outside, and the round trip
 * ---------------------------------------------------------------------
 */

/* Reads a summary out as the text form would write it. */
typedef struct Export
{
	int32_t		periods,
				max_offset;
	int64_t		customers,
				mrr_bound;
	int64_t		bounds[MAXP + 1];
	int64_t		mrr[MAXP + 1],
				paying[MAXP + 1];
	int64_t		per_period[11][MAXP];	/* amount[5], count[5], first_paid */
	int64_t		cmrr[MAXP * (MAXP + 1)],
				cpaying[MAXP * (MAXP + 1)];
	int			cells;
} Export;

static Export
export_of(const CxRevenue *r)
{
	Export		e;

	memset(&e, 0, sizeof(e));
	e.periods = r->periods;
	e.max_offset = r->max_offset;
	e.customers = *r->customers;
	e.mrr_bound = *r->mrr_bound;
	memcpy(e.bounds, r->bounds, (r->periods + 1) * sizeof(int64_t));
	cx_rev_levels(r, e.mrr, e.paying);
	for (int32_t k = 0; k < r->periods; k++)
	{
		for (int m = 0; m < 5; m++)
		{
			e.per_period[m][k] = r->amount[m][k];
			e.per_period[5 + m][k] = r->count[m][k];
		}
		e.per_period[10][k] = r->first_paid[k];
		cx_rev_cohort(r, k, e.cmrr + e.cells, e.cpaying + e.cells);
		e.cells += cx_rev_row_len(r, k);
	}
	return e;
}

/* Loads an export into a fresh summary: the load's status, then validate's. */
static CxRevStatus
import(const Export *e, Box *into, int64_t unit)
{
	CxRevStatus s;

	*into = box_new(e->bounds, e->periods, e->max_offset);
	*into->r.customers = e->customers;
	*into->r.mrr_bound = e->mrr_bound;
	for (int32_t k = 0; k < e->periods; k++)
	{
		for (int m = 0; m < 5; m++)
		{
			into->r.amount[m][k] = e->per_period[m][k];
			into->r.count[m][k] = e->per_period[5 + m][k];
		}
		into->r.first_paid[k] = e->per_period[10][k];
	}
	s = cx_rev_load(&into->r, e->mrr, e->paying, e->cmrr, e->cpaying);
	return s == CX_REV_OK ? cx_rev_validate(&into->r, unit) : s;
}

/* import() of an export, the summary thrown away: just the status. */
static CxRevStatus
import_status(const Export *e, int64_t unit)
{
	Box			b;
	CxRevStatus s = import(e, &b, unit);

	box_free(&b);
	return s;
}

/*
 * The summary of three customers on B4, max_offset 1, in units of 10:
 * [5, 25) 50, [5, 12) 50 + [22, 35) 70, (-inf, 5) 40 + [25, inf) 60.
 *	t:		 0	 10	 20	 30	 40
 *	levels:	 40	100	 50	130	 60;  paying 1 2 1 2 1
 *	period 0: new 100 (2), churned 40 (1)
 *	period 1: churned 50 (1)
 *	period 2: churned 50 (1), reactivation 130 (2)
 *	period 3: churned 70 (1)
 *	first_paid 2 0 0 0; cohort 0 at t1, t2: 100 (2), 50 (1)
 *	mrr_bound 50 + 70 + 60 = 180
 */
static Box
sample(void)
{
	Box			b = box_new(B4, 4, 1);
	const CxMrrStep c1[] = {st(5, 50, 50), st(25, 0, 0)};
	const CxMrrStep c2[] = {st(5, 50, 50), st(12, 0, 0), st(22, 70, 70), st(35, 0, 0)};
	const CxMrrStep c3[] = {st(INT64_MIN, 40, 40), st(5, 0, 0), st(25, 60, 60)};

	CHECK_STATUS(cx_rev_add(&b.r, c1, 2), CX_REV_OK);
	CHECK_STATUS(cx_rev_add(&b.r, c2, 4), CX_REV_OK);
	CHECK_STATUS(cx_rev_add(&b.r, c3, 3), CX_REV_OK);
	return b;
}

static void
test_sample_by_hand(void)
{
	Box			b = sample();
	Counts		k = counts_of(&b.r);

	CHECK_STATUS(cx_rev_validate(&b.r, 10), CX_REV_OK);
	CHECK_I64(k.mrr_bound, 180);
	CHECK_ARRAY(k.mrr, 40, 100, 50, 130, 60);
	CHECK_ARRAY(k.paying, 1, 2, 1, 2, 1);
	CHECK_ARRAY(k.amount[CX_REV_NEW], 100, 0, 0, 0);
	CHECK_ARRAY(k.count[CX_REV_NEW], 2, 0, 0, 0);
	CHECK_ARRAY(k.amount[CX_REV_CHURNED], 40, 50, 50, 70);
	CHECK_ARRAY(k.count[CX_REV_CHURNED], 1, 1, 1, 1);
	CHECK_ARRAY(k.amount[CX_REV_REACTIVATION], 0, 0, 130, 0);
	CHECK_ARRAY(k.count[CX_REV_REACTIVATION], 0, 0, 2, 0);
	CHECK_ARRAY(k.first_paid, 2, 0, 0, 0);
	CHECK_ARRAY(k.cmrr[0], 100, 50);
	CHECK_ARRAY(k.cpaying[0], 2, 1);
	box_free(&b);
}

static void
test_load_round_trip(void)
{
	Box			a = sample();
	Box			b;
	Export		e = export_of(&a.r);

	CHECK_I64(e.cells, 2 + 2 + 2 + 1);
	CHECK_STATUS(import(&e, &b, 10), CX_REV_OK);
	CHECK(a.slots == b.slots && memcmp(a.mem, b.mem, a.slots * sizeof(int64_t)) == 0);
	box_free(&b);
	box_free(&a);

	/* without cohort counters, and of an empty summary */
	a = box_new(B4, 4, -1);
	e = export_of(&a.r);
	CHECK_I64(e.cells, 0);
	CHECK_STATUS(import(&e, &b, 1), CX_REV_OK);
	CHECK(memcmp(a.mem, b.mem, a.slots * sizeof(int64_t)) == 0);
	box_free(&b);
	box_free(&a);
}

static void
test_validate_rejects(void)
{
	Box			a = sample();
	const Export good = export_of(&a.r);
	Export		e;

	box_free(&a);
	CHECK_STATUS(import_status(&good, 10), CX_REV_OK);
	CHECK_STATUS(import_status(&good, 1), CX_REV_OK);

	/* negative: a level, a cohort cell, a movement, a count, the totals */
	e = good;
	e.mrr[2] = -50;
	CHECK_STATUS(import_status(&e, 10), CX_REV_NEGATIVE);
	e = good;
	e.paying[0] = -1;
	CHECK_STATUS(import_status(&e, 10), CX_REV_NEGATIVE);
	/* values whose differences overflow: refused before any is taken */
	e = good;
	e.mrr[0] = INT64_MIN;
	CHECK_STATUS(import_status(&e, 10), CX_REV_NEGATIVE);
	e = good;
	e.mrr[0] = INT64_MAX;
	e.mrr[1] = INT64_MIN + 1;
	CHECK_STATUS(import_status(&e, 10), CX_REV_NEGATIVE);
	e = good;
	e.cpaying[3] = INT64_MIN;
	CHECK_STATUS(import_status(&e, 10), CX_REV_NEGATIVE);
	e = good;
	e.cmrr[6] = -10;
	CHECK_STATUS(import_status(&e, 10), CX_REV_NEGATIVE);
	e = good;
	e.per_period[CX_REV_CHURNED][1] = -50;
	CHECK_STATUS(import_status(&e, 10), CX_REV_NEGATIVE);
	e = good;
	e.per_period[5 + CX_REV_EXPANSION][3] = -1;
	CHECK_STATUS(import_status(&e, 10), CX_REV_NEGATIVE);
	e = good;
	e.per_period[10][3] = -1;	/* first_paid */
	CHECK_STATUS(import_status(&e, 10), CX_REV_NEGATIVE);
	e = good;
	e.customers = -1;
	CHECK_STATUS(import_status(&e, 10), CX_REV_NEGATIVE);
	e = good;
	e.mrr_bound = -1;
	CHECK_STATUS(import_status(&e, 10), CX_REV_NEGATIVE);

	/* too many: more paying, or first paying, than customers */
	e = good;
	e.customers = 1;			/* 2 paying at t1 */
	CHECK_STATUS(import_status(&e, 10), CX_REV_TOO_MANY);
	e = good;
	e.per_period[10][1] = 1;
	e.per_period[10][2] = 1;	/* 2 + 1 + 1 first paid of 3 customers */
	CHECK_STATUS(import_status(&e, 10), CX_REV_TOO_MANY);
	e.per_period[10][2] = 0;
	/* c3 pays at t0, so it first paid before the grid: this is a 4th customer */
	CHECK_STATUS(import_status(&e, 10), CX_REV_TOO_MANY);
	e.customers = 4;
	CHECK_STATUS(import_status(&e, 10), CX_REV_OK);
	e = good;
	/* cohort 0 paying at t2 more than its size (2), within the customers */
	e.cpaying[1] = 3;
	e.cmrr[1] = 150;
	e.customers = 5;
	CHECK_STATUS(import_status(&e, 10), CX_REV_TOO_MANY);

	/* identities broken */
	e = good;
	e.mrr[2] += 10;				/* 100 - 50 != 60 */
	CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);
	e = good;
	e.per_period[5 + CX_REV_NEW][0] = 1;	/* paying 1 - 1 + 1 != 2 */
	CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);
	e = good;
	e.paying[1] = 3;			/* customers counted twice: 1 - 1 + 2 != 3 */
	CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);
	e = good;
	e.cmrr[0] = 90;				/* offset 0 must be the period's new MRR */
	CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);
	e = good;
	e.cpaying[0] = 1;			/* offset 0 must be the period's new customers */
	CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);
	e = good;
	/* new customers more than first paid: first_paid 1 */
	e.per_period[10][0] = 1;
	CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);
	e = good;
	/*
	 * Contraction and churn of more than the MRR at start: period 1,
	 * start 100 of 2, churned 50 of 1; add contraction C of 1 and new C of
	 * 1, which keeps the flow (100 + C - C - 50 = 50); the count (2 - 1 +
	 * 1) makes 2 paying at t2, so 2 churn in period 2 (2 - 2 + 2 = 2), and
	 * cohort 1 starts with the new C.  C = 40 is consistent (40 + 50 <=
	 * 100), C = 60 is not.
	 */
	{
		int64_t		contraction = 40;

		e.per_period[CX_REV_CONTRACTION][1] = contraction;
		e.per_period[5 + CX_REV_CONTRACTION][1] = 1;
		e.per_period[CX_REV_NEW][1] = contraction;
		e.per_period[5 + CX_REV_NEW][1] = 1;
		e.per_period[10][1] = 1;
		e.paying[2] = 2;
		e.per_period[5 + CX_REV_CHURNED][2] = 2;
		e.customers = 4;
		e.cmrr[2] = contraction;
		e.cpaying[2] = 1;
		CHECK_STATUS(import_status(&e, 10), CX_REV_OK);
		contraction = 60;
		e.per_period[CX_REV_CONTRACTION][1] = contraction;
		e.per_period[CX_REV_NEW][1] = contraction;
		e.cmrr[2] = contraction;
		CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);
	}
	e = good;
	/*
	 * More expanding, contracting and churned customers than were paying:
	 * period 1, 2 paying at start, expansion 20 of 2 and churned 70 of 1
	 * (the flow holds: 100 + 20 - 70 = 50, and the count: 2 - 1 = 1).
	 */
	e.per_period[CX_REV_EXPANSION][1] = 20;
	e.per_period[5 + CX_REV_EXPANSION][1] = 2;
	e.per_period[CX_REV_CHURNED][1] = 70;
	CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);
	/* an amount held by no customer, or customers with no amount */
	e = good;
	e.per_period[CX_REV_EXPANSION][3] = 10;
	e.per_period[CX_REV_CONTRACTION][3] = 10;
	CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);
	e = good;
	e.per_period[5 + CX_REV_EXPANSION][3] = 1;
	CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);

	/*
	 * Amounts not a multiple of the unit: every amount is a multiple of
	 * 10, not of 20 (50); and 5 added consistently to new MRR in period 0
	 * (customer c1 at 55 instead of 50) is fine in units of 5, not of 10.
	 */
	CHECK_STATUS(import_status(&good, 20), CX_REV_INCONSISTENT);
	e = good;
	/* c1 at 55: t1 105, t2 55; new 105 in 0, churned 55 in 2; cohort 0 105, 55 */
	e.mrr[1] += 5;
	e.mrr[2] += 5;
	e.per_period[CX_REV_NEW][0] += 5;
	e.per_period[CX_REV_CHURNED][2] += 5;
	e.cmrr[0] += 5;
	e.cmrr[1] += 5;
	e.mrr_bound += 5;
	CHECK_STATUS(import_status(&e, 5), CX_REV_OK);
	CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);
	CHECK_STATUS(import_status(&e, 1), CX_REV_OK);

	/* amounts over mrr_bound: the largest amount here is 130 */
	e = good;
	e.mrr_bound = 130;
	CHECK_STATUS(import_status(&e, 10), CX_REV_OK);
	e.mrr_bound = 120;
	CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);
	e.mrr_bound = 0;
	CHECK_STATUS(import_status(&e, 10), CX_REV_INCONSISTENT);

	/* bad grid and bounds */
	e = good;
	e.bounds[2] = e.bounds[1];
	CHECK_STATUS(import_status(&e, 10), CX_REV_BAD_BOUNDS);
	e = good;
	e.bounds[3] = 5;
	CHECK_STATUS(import_status(&e, 10), CX_REV_BAD_BOUNDS);
}

static void
test_validate_raw(void)
{
	/* corruption that no load can produce: difference arrays out of balance */
	Box			b = sample();
	int64_t    *saved = snapshot(&b);

	CHECK_STATUS(cx_rev_validate(&b.r, 10), CX_REV_OK);
	b.r.mrr_diff[5] += 10;		/* the balancing entry */
	CHECK_STATUS(cx_rev_validate(&b.r, 10), CX_REV_INCONSISTENT);
	memcpy(b.mem, saved, b.slots * sizeof(int64_t));
	b.r.paying_diff[5] -= 1;
	CHECK_STATUS(cx_rev_validate(&b.r, 10), CX_REV_INCONSISTENT);
	memcpy(b.mem, saved, b.slots * sizeof(int64_t));
	/* a cohort row's entry past its length (row 3 has one cell) */
	b.r.cohort_mrr_diff[3 * 3 + 2] = 10;
	CHECK_STATUS(cx_rev_validate(&b.r, 10), CX_REV_INCONSISTENT);
	memcpy(b.mem, saved, b.slots * sizeof(int64_t));
	b.r.cohort_paying_diff[0 * 3 + 2] = 1;	/* row 0's balance */
	CHECK_STATUS(cx_rev_validate(&b.r, 10), CX_REV_INCONSISTENT);
	memcpy(b.mem, saved, b.slots * sizeof(int64_t));
	/* runs that overflow int64 */
	b.r.mrr_diff[0] = INT64_MAX;
	b.r.mrr_diff[1] = INT64_MAX;
	CHECK(cx_rev_validate(&b.r, 10) != CX_REV_OK);
	memcpy(b.mem, saved, b.slots * sizeof(int64_t));
	b.r.cohort_mrr_diff[0] = INT64_MAX;
	b.r.cohort_mrr_diff[1] = INT64_MAX;
	CHECK(cx_rev_validate(&b.r, 10) != CX_REV_OK);
	memcpy(b.mem, saved, b.slots * sizeof(int64_t));
	CHECK_STATUS(cx_rev_validate(&b.r, 10), CX_REV_OK);
	/* a grid out of range */
	b.r.max_offset = 4;
	CHECK_STATUS(cx_rev_validate(&b.r, 10), CX_REV_BAD_GRID);
	free(saved);
	box_free(&b);
}

static void
test_status_text(void)
{
	for (int s = CX_REV_OK; s <= CX_REV_INCONSISTENT; s++)
	{
		const char *t = cx_rev_status_text((CxRevStatus) s);

		CHECK(t != NULL && strlen(t) > 5);
		for (int other = CX_REV_OK; other < s; other++)
			CHECK(strcmp(t, cx_rev_status_text((CxRevStatus) other)) != 0);
	}
	CHECK(strcmp(cx_rev_status_text((CxRevStatus) 99), "unknown error") == 0);
}

/* ---------------------------------------------------------------------
 * Random customers against the model
 * ---------------------------------------------------------------------
 */

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

/* xorshift64*: reproducible, no libc dependence */
static uint64_t
rng_next(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static int
rng(int lo, int hi)
{
	return lo + (int) (rng_next() % (uint64_t) (hi - lo + 1));
}

/* Uniform in [lo, hi], any int64 range. */
static int64_t
rng64(int64_t lo, int64_t hi)
{
	uint64_t	span = (uint64_t) hi - (uint64_t) lo;
	uint64_t	r = span == UINT64_MAX ? rng_next() : rng_next() % (span + 1);

	return (int64_t) ((uint64_t) lo + r);
}

typedef __int128 i128;

static int64_t
clamp64(i128 v)
{
	return v < INT64_MIN ? INT64_MIN : v > INT64_MAX ? INT64_MAX : (int64_t) v;
}

/* A subscription row, as mrr_agg gets it. */
typedef struct Sub
{
	int64_t		lo,
				hi;
	bool		lo_inc,
				hi_inc,
				lo_inf,
				hi_inf;
	int64_t		v;
} Sub;

/* Does row s cover half step h? */
static bool
covers(const Sub *s, i128 h)
{
	i128		first = 2 * (i128) s->lo + (s->lo_inc ? 0 : 1);
	i128		last = 2 * (i128) s->hi - (s->hi_inc ? 0 : 1);

	return (s->lo_inf || h >= first) && (s->hi_inf || h <= last);
}

/* f at half step h: the sum of the amounts of the rows covering it. */
static i128
model_f(const Sub *s, int n, i128 h)
{
	i128		f = 0;

	for (int i = 0; i < n; i++)
		if (covers(&s[i], h))
			f += s[i].v;
	return f;
}

/* m(t) = min(f just before t, f at t) */
static i128
model_m(const Sub *s, int n, int64_t t)
{
	i128		before = model_f(s, n, 2 * (i128) t - 1),
				at = model_f(s, n, 2 * (i128) t);

	return before < at ? before : at;
}

/* The events of the rows, as the glue (src/revenue_agg.c) makes them. */
static int
events_of(const Sub *s, int n, CxMrrEvent *ev)
{
	int			m = 0;

	for (int i = 0; i < n; i++)
	{
		if (s[i].lo_inf)
			ev[m++] = (CxMrrEvent) {INT64_MIN, s[i].v, 0};
		else if (s[i].lo_inc)
			ev[m++] = (CxMrrEvent) {s[i].lo, s[i].v, 0};
		else
			ev[m++] = (CxMrrEvent) {s[i].lo, 0, s[i].v};
		if (!s[i].hi_inf)
			ev[m++] = s[i].hi_inc ? (CxMrrEvent) {s[i].hi, 0, -s[i].v} :
				(CxMrrEvent) {s[i].hi, -s[i].v, 0};
	}
	return m;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t		x = *(const int64_t *) a,
				y = *(const int64_t *) b;

	return (x > y) - (x < y);
}

/*
 * The instants where some row starts or ends, sorted, distinct, below
 * INT64_MAX (where no boundary lies): f is constant on the half steps
 * between two of them, so these and the stretches just after them are
 * every value f takes.
 */
static int
model_points(const Sub *s, int n, int64_t *pts)
{
	int			m = 0,
				k = 0;

	for (int i = 0; i < n; i++)
	{
		pts[m++] = s[i].lo_inf ? INT64_MIN : s[i].lo;
		if (!s[i].hi_inf)
			pts[m++] = s[i].hi;
	}
	qsort(pts, m, sizeof(int64_t), cmp_i64);
	for (int i = 0; i < m; i++)
		if (pts[i] != INT64_MAX && (k == 0 || pts[k - 1] != pts[i]))
			pts[k++] = pts[i];
	return k;
}

/* The timeline's value at half step h, from the definitions in cx_revenue.h. */
static int64_t
timeline_at(const CxMrrStep *s, int64_t n, i128 h)
{
	int64_t		v = 0;

	for (int64_t i = 0; i < n && 2 * (i128) s[i].x <= h; i++)
		v = 2 * (i128) s[i].x == h ? s[i].at : s[i].after;
	return v;
}

/*
 * What cx_mrr_build must say of the rows: the first instant where f is
 * negative or out of int64 (by value, whatever the rows' order), OK if
 * none.
 */
static CxRevStatus
model_build_status(const Sub *s, int n, const int64_t *pts, int npts, int64_t *where)
{
	for (int i = 0; i < npts; i++)
	{
		i128		at = model_f(s, n, 2 * (i128) pts[i]),
					after = model_f(s, n, 2 * (i128) pts[i] + 1);

		if (at > INT64_MAX || after > INT64_MAX)
			return CX_REV_OVERFLOW;
		if (at < 0 || after < 0)
		{
			*where = pts[i];
			return CX_REV_NEGATIVE_MRR;
		}
	}
	return CX_REV_OK;
}

/* A grid of the random test. */
typedef struct Grid
{
	int32_t		periods;
	int64_t		bounds[MAXP + 1];
	int64_t		gap;			/* the largest gap */
	const char *kind;
} Grid;

/*
 * One customer added to the model: m at every boundary by brute force, each
 * period classified from the definitions.
 */
static void
model_add(Counts *k, const Grid *g, int32_t N, const Sub *s, int n, const int64_t *pts, int npts)
{
	const int32_t P = g->periods;
	i128		m[MAXP + 1];
	i128		top = 0;
	bool		paid = false;
	i128		first = 0;		/* the first half step where f > 0 */
	int64_t		first_x = 0;	/* its instant */
	int			cohort = -1;

	k->customers++;
	for (int i = 0; i < npts; i++)
		for (int d = 0; d < 2; d++)
		{
			i128		h = 2 * (i128) pts[i] + d;
			i128		f = model_f(s, n, h);

			if (f > top)
				top = f;
			if (f > 0 && !paid)
			{
				paid = true;
				first = h;
				first_x = pts[i];
			}
		}
	k->mrr_bound += (int64_t) top;

	for (int j = 0; j <= P; j++)
	{
		m[j] = model_m(s, n, g->bounds[j]);
		k->mrr[j] += (int64_t) m[j];
		k->paying[j] += m[j] > 0;
	}
	for (int c = 0; c < P && paid; c++)
		if (g->bounds[c] <= first_x && first_x < g->bounds[c + 1])
			cohort = c;
	if (cohort >= 0)
	{
		k->first_paid[cohort]++;
		for (int j = 0; j <= N && cohort + j < P; j++)
		{
			k->cmrr[cohort][j] += (int64_t) m[cohort + j + 1];
			k->cpaying[cohort][j] += m[cohort + j + 1] > 0;
		}
	}
	for (int t = 0; t < P; t++)
	{
		i128		a = m[t],
					b = m[t + 1];
		int			mv = -1;
		i128		amount = 0;

		if (a > 0 && b == 0)
			mv = CX_REV_CHURNED, amount = a;
		else if (a > 0 && b > a)
			mv = CX_REV_EXPANSION, amount = b - a;
		else if (a > 0 && 0 < b && b < a)
			mv = CX_REV_CONTRACTION, amount = a - b;
		else if (a == 0 && b > 0)
		{
			/* positive at some instant before t_k: some half step < 2 t_k */
			bool		before = paid && first < 2 * (i128) g->bounds[t];

			mv = before ? CX_REV_REACTIVATION : CX_REV_NEW;
			amount = b;
		}
		if (mv >= 0)
		{
			k->amount[mv][t] += (int64_t) amount;
			k->count[mv][t]++;
		}
	}
}

/* Random grids: uneven gaps, every instant a boundary, near the int64 ends. */
static Grid
random_grid(int round)
{
	Grid		g;
	int64_t		unit = 1;
	int			kind = round % 7;

	g.periods = rng(1, 12);
	switch (kind)
	{
		case 0:
		case 1:
		case 2:
			unit = kind == 0 ? 1 : kind == 1 ? 7 : 1000;
			g.kind = "small, uneven";
			g.bounds[0] = rng(-20, 20) * unit;
			for (int j = 1; j <= g.periods; j++)
				g.bounds[j] = g.bounds[j - 1] + rng(1, 6) * unit;
			break;
		case 3:
			/* months in microseconds from 2024-01-01 (PostgreSQL's epoch 2000) */
			g.kind = "months in microseconds";
			g.bounds[0] = INT64_C(757382400000000);
			for (int j = 1; j <= g.periods; j++)
				g.bounds[j] = g.bounds[j - 1] + rng(28, 31) * INT64_C(86400000000);
			break;
		case 4:
			g.kind = "every instant a boundary";
			g.bounds[0] = rng(-5, 5);
			for (int j = 1; j <= g.periods; j++)
				g.bounds[j] = g.bounds[j - 1] + 1;
			break;
		case 5:
			g.kind = "near INT64_MAX";
			g.bounds[g.periods] = INT64_MAX - rng(1, 3);
			for (int j = g.periods - 1; j >= 0; j--)
				g.bounds[j] = g.bounds[j + 1] - rng(1, 6);
			break;
		default:
			g.kind = "near INT64_MIN";
			g.bounds[0] = INT64_MIN + rng(2, 4);
			for (int j = 1; j <= g.periods; j++)
				g.bounds[j] = g.bounds[j - 1] + rng(1, 6);
			break;
	}
	g.gap = 0;
	for (int j = 1; j <= g.periods; j++)
		if (g.bounds[j] - g.bounds[j - 1] > g.gap)
			g.gap = g.bounds[j] - g.bounds[j - 1];
	return g;
}

/* An instant near the grid: often on or next to a boundary. */
static int64_t
random_instant(const Grid *g)
{
	int			r = rng(0, 99);

	if (r < 45)
		return clamp64((i128) g->bounds[rng(0, g->periods)] + rng(-1, 1));
	return rng64(clamp64((i128) g->bounds[0] - 2 * (i128) g->gap),
				 clamp64((i128) g->bounds[g->periods] + 2 * (i128) g->gap));
}

/*
 * A customer's rows: date rows [lo, hi) or timestamptz rows with any ends;
 * unbounded ends, ends at the int64 extremes, zero amounts, credits (which
 * make some customers' MRR negative: rejected), full refunds.
 */
static int
random_subs(Sub *s, const Grid *g, bool dates, int64_t unit)
{
	int			n = rng(0, 5);

	for (int i = 0; i < n; i++)
	{
		int64_t		lo = random_instant(g),
					hi = random_instant(g);
		int			r = rng(0, 99);

		if (lo > hi)
		{
			int64_t		t = lo;

			lo = hi;
			hi = t;
		}
		if (rng(0, 24) == 0)
			lo = INT64_MIN;
		if (rng(0, 24) == 0)
			hi = INT64_MAX;
		s[i] = (Sub) {.lo = lo, .hi = hi, .lo_inc = true, .hi_inc = false};
		if (!dates)
		{
			s[i].lo_inc = rng(0, 3) != 0;
			s[i].hi_inc = rng(0, 3) == 0;
		}
		if (lo == hi && dates)
		{
			/* not empty: a day */
			if (lo < INT64_MAX)
				s[i].hi = lo + 1;
			else
				s[i].lo = lo - 1;
		}
		else if (lo == hi)
			s[i].lo_inc = s[i].hi_inc = true;	/* a single instant */
		s[i].lo_inf = rng(0, 11) == 0;
		s[i].hi_inf = rng(0, 6) == 0;
		if (r < 10)
			s[i].v = 0;
		else if (r < 22)
			s[i].v = -rng(1, 8) * unit;
		else
			s[i].v = rng(1, 12) * unit * (rng(0, 4) == 0 ? 1000 : 1);
		/* a full refund of the row before */
		if (i > 0 && rng(0, 14) == 0)
		{
			s[i] = s[i - 1];
			s[i].v = -s[i].v;
		}
	}
	return n;
}

static void
test_random_against_model(void)
{
	long		accepted = 0,
				rejected = 0,
				indexed = 0,
				moved[5] = {0};

	for (int round = 0; round < 700; round++)
	{
		Grid		g = random_grid(round);
		const int32_t P = g.periods;
		int32_t		N = rng(-1, P - 1);
		bool		dates = round % 2 == 0;
		int64_t		unit = round % 3 == 0 ? 1 : round % 3 == 1 ? 100 : 10000;
		Box			one_box = box_new(g.bounds, P, N),
					half_a = box_new(g.bounds, P, N),
					half_b = box_new(g.bounds, P, N),
					all = box_new(g.bounds, P, N),
					all_ix = box_new(g.bounds, P, N);
		Counts		want;
		CxChurnIndex ix;
		int32_t		first[8 * (MAXP + 1) + 64];
		int64_t		first_bound[8 * (MAXP + 1) + 64];
		int32_t		nslots = cx_churn_index_slots(g.bounds, P);
		int			failures_before = tap_group_failures;

		memset(&want, 0, sizeof(want));
		/* these grids' gaps are at most 6 apart: an index always fits */
		CHECK(nslots > 0 && nslots <= 8 * (P + 1) + 64);
		if (nslots > 0)
		{
			cx_churn_index_build(&ix, g.bounds, P, first, first_bound);
			all_ix.r.index = half_b.r.index = &ix;
			indexed++;
		}

		for (int c = 0; c < 60; c++)
		{
			Sub			s[5];
			int			n = random_subs(s, &g, dates, unit);
			CxMrrEvent	ev[10];
			int			nev = events_of(s, n, ev);
			int64_t		pts[10];
			int			npts = model_points(s, n, pts);
			CxMrrStep	steps[10];
			int64_t		nsteps = -1,
						where = 0,
						want_where = 0;
			CxRevStatus want_st = model_build_status(s, n, pts, npts, &want_where);
			CxRevStatus got_st = cx_mrr_build(ev, nev, steps, &nsteps, &where);

			CHECK_STATUS(got_st, want_st);
			if (got_st == CX_REV_NEGATIVE_MRR && want_st == got_st)
				CHECK_I64(where, want_where);
			if (got_st != CX_REV_OK || want_st != CX_REV_OK)
			{
				rejected++;
				continue;
			}
			accepted++;

			/* the timeline: canonical, and f at every point that matters */
			CHECK(nsteps >= 0 && nsteps <= nev);
			CHECK_STATUS(cx_mrr_validate(steps, nsteps, !dates, unit), CX_REV_OK);
			for (int64_t i = 0; i < nsteps; i++)
			{
				bool		known = false;

				for (int p = 0; p < npts; p++)
					known |= pts[p] == steps[i].x;
				CHECK(known);
			}
			for (int p = 0; p < npts; p++)
				for (int d = pts[p] == INT64_MIN ? 0 : -1; d <= 1; d++)
				{
					/* (below INT64_MIN, only a row from minus infinity is on) */
					i128		h = 2 * (i128) pts[p] + d;

					CHECK_I64(timeline_at(steps, nsteps, h), (int64_t) model_f(s, n, h));
				}
			for (int j = 0; j <= P; j++)
				for (int d = -1; d <= 0; d++)
				{
					i128		h = 2 * (i128) g.bounds[j] + d;

					CHECK_I64(timeline_at(steps, nsteps, h), (int64_t) model_f(s, n, h));
				}

			/* this customer alone: every counter, and the identities */
			{
				Counts		alone;

				memset(&alone, 0, sizeof(alone));
				model_add(&alone, &g, N, s, n, pts, npts);
				model_add(&want, &g, N, s, n, pts, npts);
				for (int m = 0; m < 5; m++)
					for (int t = 0; t < P; t++)
						moved[m] += alone.count[m][t];
				box_clear(&one_box);
				CHECK_STATUS(cx_rev_add(&one_box.r, steps, nsteps), CX_REV_OK);
				CHECK_STATUS(cx_rev_validate(&one_box.r, unit), CX_REV_OK);
				{
					Counts		got = counts_of(&one_box.r);

					expect_counts(__LINE__, &got, &alone, P, N);
				}
			}
			/* and into the totals, with and without the index, in halves */
			CHECK_STATUS(cx_rev_add(&all.r, steps, nsteps), CX_REV_OK);
			CHECK_STATUS(cx_rev_add(&all_ix.r, steps, nsteps), CX_REV_OK);
			CHECK_STATUS(cx_rev_add(c % 2 ? &half_a.r : &half_b.r, steps, nsteps), CX_REV_OK);
		}

		/* with the index: the same bytes */
		CHECK(memcmp(all.mem, all_ix.mem, all.slots * sizeof(int64_t)) == 0);
		CHECK_STATUS(cx_rev_validate(&all.r, unit), CX_REV_OK);
		CHECK_STATUS(cx_rev_validate(&half_a.r, unit), CX_REV_OK);
		CHECK_STATUS(cx_rev_validate(&half_b.r, unit), CX_REV_OK);
		{
			Counts		got = counts_of(&all.r);

			expect_counts(__LINE__, &got, &want, P, N);
		}
		/* two halves merged are the whole */
		CHECK_STATUS(cx_rev_merge(&half_a.r, &half_b.r), CX_REV_OK);
		CHECK(memcmp(all.mem, half_a.mem, all.slots * sizeof(int64_t)) == 0);
		/* exported and loaded back: the same bytes */
		{
			Export		e = export_of(&all.r);
			Box			back;

			CHECK_STATUS(import(&e, &back, unit), CX_REV_OK);
			CHECK(memcmp(all.mem, back.mem, all.slots * sizeof(int64_t)) == 0);
			box_free(&back);
		}
		if (tap_group_failures > failures_before && tap_group_diag < TAP_MAX_DIAG)
			tap_diag("# (round %d: %d periods, max_offset %d, %s, %s)\n", round, P, N,
					 g.kind, dates ? "dates" : "timestamps");
		box_free(&one_box);
		box_free(&half_a);
		box_free(&half_b);
		box_free(&all);
		box_free(&all_ix);
	}
	/* the generator exercised every path */
	CHECK(accepted > 25000);
	CHECK(rejected > 3000);
	CHECK(indexed == 700);
	for (int m = 0; m < 5; m++)
		CHECK(moved[m] > 1000);
}

int
main(void)
{
	tap_run(test_grid_limits, "grid limits and slots");
	tap_run(test_layout, "the counters tile one block in order");
	tap_run(test_build_basic, "cx_mrr_build: rows become steps, overlapping rows add");
	tap_run(test_build_cancel, "cx_mrr_build: changes that cancel leave no step");
	tap_run(test_build_ends, "cx_mrr_build: included and excluded ends, INT64_MIN and INT64_MAX");
	tap_run(test_build_negative, "cx_mrr_build: negative MRR is reported with its instant");
	tap_run(test_build_overflow, "cx_mrr_build: MRR past INT64_MAX is an overflow");
	tap_run(test_build_order, "cx_mrr_build: the rows' order does not matter near INT64_MAX");
	tap_run(test_validate_timeline, "cx_mrr_validate refuses each kind of bad timeline");
	tap_run(test_mrr_max, "cx_mrr_max: the largest value, at or after");
	tap_run(test_add_join_and_leave, "a customer joins in one period and churns in a later one");
	tap_run(test_add_expansion_contraction, "expansion and contraction between boundaries");
	tap_run(test_add_change_on_boundary, "changes on a boundary: m = min(f before, f at)");
	tap_run(test_add_points, "point values on and off boundaries");
	tap_run(test_add_lapses, "lapses: churned then reactivated; paid before the grid");
	tap_run(test_add_grid_ends, "timelines at, before and after the grid's ends");
	tap_run(test_add_cohorts, "cohort rows by period of first positive MRR, clipped to the grid");
	tap_run(test_overflow, "mrr_bound or customers at INT64_MAX: add and merge fail, state unchanged");
	tap_run(test_merge_grid_mismatch, "merge refuses other periods or cohort offsets");
	tap_run(test_sample_by_hand, "a three-customer summary, worked by hand");
	tap_run(test_load_round_trip, "levels and cohort rows exported and loaded back give the same bytes");
	tap_run(test_validate_rejects, "validation rejects negative, too many, inconsistent, off-unit, over-bound");
	tap_run(test_validate_raw, "validation catches broken difference arrays");
	tap_run(test_status_text, "status texts are distinct");
	tap_run(test_random_against_model, "42,000 random customers (about 35,000 valid) on 700 random grids agree with the model");
	return tap_done();
}
