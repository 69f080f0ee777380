/*
 * test_churn.c
 *		Unit tests of the churn core (src/cx_churn.c), in TAP.
 *
 * Built and run by `make unitcheck` (with AddressSanitizer and UBSan).  Each
 * group prints one line, "ok N - ..." or "not ok N - ..." followed by "# "
 * lines saying which checks failed; the plan comes last.
 *
 * Expected values are worked by hand in the comments, on the grid
 * B = {0, 10, 20, 30, 40} (4 periods of 10) unless said otherwise, or come
 * from a model that follows the definitions in cx_churn.h literally, on a
 * different representation: positions counted in half steps, 2x for the
 * point x and 2x + 1 for the open stretch (x, x + 1), so that a span is a
 * plain interval of half steps and "present at t" is "half steps 2t - 1 and
 * 2t both covered".
 */
#include "cx_churn.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx_tap.h"

/* A status of the churn core, compared with its name in the diagnostics. */
#define CHECK_STATUS(got, want) \
	do { \
		CxChurnStatus got_ = (got), want_ = (want); \
		if (got_ != want_ && tap_fail(__LINE__, #got)) \
			tap_diag("# got status %d (%s), expected %d\n", \
					 (int) got_, cx_churn_status_text(got_), (int) want_); \
	} while (0)

/* ---------------------------------------------------------------------
 * Fixtures
 * ---------------------------------------------------------------------
 */

/* A summary with its own memory. */
typedef struct Box
{
	CxChurn		c;
	int64_t    *mem;
	size_t		slots;
} Box;

static Box
box_new(const int64_t *bounds, int32_t periods, int32_t max_offset)
{
	Box			b;

	b.slots = cx_churn_slots(periods, max_offset);
	b.mem = calloc(b.slots, sizeof(int64_t));
	if (b.mem == NULL)
		abort();
	cx_churn_bind(&b.c, b.mem, periods, max_offset);
	memcpy(b.c.bounds, bounds, (periods + 1) * sizeof(int64_t));
	return b;
}

static void
box_free(Box *b)
{
	free(b->mem);
}

static const int64_t B4[] = {0, 10, 20, 30, 40};

/* A span [lo, hi), the shape of a daterange. */
static CxSpan
span(int64_t lo, int64_t hi)
{
	CxSpan		s = {.lo = lo, .hi = hi, .lo_inc = true};

	return s;
}

static CxSpan
span_with(int64_t lo, bool lo_inc, int64_t hi, bool hi_inc)
{
	CxSpan		s = {.lo = lo, .hi = hi, .lo_inc = lo_inc, .hi_inc = hi_inc};

	return s;
}

/* The read-out of a summary, for comparing whole arrays. */
typedef struct Counts
{
	int64_t		active[13];		/* up to 12 periods */
	int64_t		churned[12];
	int64_t		new_[12];
	int64_t		react[12];
	int64_t		new_lost[12];
	int64_t		react_lost[12];
} Counts;

static Counts
counts_of(const CxChurn *c)
{
	Counts		k;

	memset(&k, 0, sizeof(k));
	cx_churn_active(c, k.active);
	for (int32_t i = 0; i < c->periods; i++)
	{
		CxChurnPeriod p = cx_churn_period(c, k.active, i);

		k.churned[i] = p.churned;
		k.new_[i] = p.new_;
		k.react[i] = p.reactivated;
		k.new_lost[i] = p.new_lost;
		k.react_lost[i] = p.reactivated_lost;
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

/* One customer on a fresh B4 summary: the counts it gives. */
static Counts
one(const CxSpan *spans, int n)
{
	Box			b = box_new(B4, 4, -1);
	Counts		k;

	CHECK_STATUS(cx_churn_add(&b.c, spans, n), CX_CHURN_OK);
	CHECK_STATUS(cx_churn_validate(&b.c), CX_CHURN_OK);
	k = counts_of(&b.c);
	box_free(&b);
	return k;
}

/* ---------------------------------------------------------------------
 * Grid and layout
 * ---------------------------------------------------------------------
 */

static void
test_grid_limits(void)
{
	CHECK_STATUS(cx_churn_check_grid(1, -1), CX_CHURN_OK);
	CHECK_STATUS(cx_churn_check_grid(1, 0), CX_CHURN_OK);
	CHECK_STATUS(cx_churn_check_grid(CX_CHURN_MAX_PERIODS, -1), CX_CHURN_OK);
	CHECK_STATUS(cx_churn_check_grid(0, -1), CX_CHURN_BAD_GRID);
	CHECK_STATUS(cx_churn_check_grid(-5, -1), CX_CHURN_BAD_GRID);
	CHECK_STATUS(cx_churn_check_grid(CX_CHURN_MAX_PERIODS + 1, -1), CX_CHURN_BAD_GRID);
	CHECK_STATUS(cx_churn_check_grid(10, 9), CX_CHURN_OK);
	CHECK_STATUS(cx_churn_check_grid(10, 10), CX_CHURN_BAD_GRID);
	CHECK_STATUS(cx_churn_check_grid(10, -2), CX_CHURN_BAD_GRID);
	/* 2048 periods * 2048 offsets = 2^22 cells: the limit, exactly */
	CHECK_STATUS(cx_churn_check_grid(2048, 2047), CX_CHURN_OK);
	CHECK_STATUS(cx_churn_check_grid(2049, 2047), CX_CHURN_BAD_GRID);
	CHECK_STATUS(cx_churn_check_grid(100000, 40), CX_CHURN_OK);	/* 4.1M cells */
	CHECK_STATUS(cx_churn_check_grid(100000, 41), CX_CHURN_BAD_GRID);	/* 4.2M */

	/* slots: 1 + (P + 1) + (P + 2) + 5P, plus P (N + 2) with cohorts */
	CHECK_I64(cx_churn_slots(4, -1), 1 + 5 + 6 + 20);
	CHECK_I64(cx_churn_slots(4, 2), 1 + 5 + 6 + 20 + 16);
	CHECK_I64(cx_churn_slots(1, 0), 1 + 2 + 3 + 5 + 2);
	CHECK_I64(cx_churn_slots(0, -1), 0);
	CHECK_I64(cx_churn_slots(4, 4), 0);

	CHECK_STATUS(cx_churn_check_bounds(B4, 4), CX_CHURN_OK);
	{
		const int64_t flat[] = {0, 10, 10, 30};
		const int64_t down[] = {0, 10, 5};

		CHECK_STATUS(cx_churn_check_bounds(flat, 3), CX_CHURN_BAD_BOUNDS);
		CHECK_STATUS(cx_churn_check_bounds(down, 2), CX_CHURN_BAD_BOUNDS);
	}
}

static void
test_layout(void)
{
	/* the arrays tile the block in order, without gaps or overlap */
	int64_t		mem[64];
	CxChurn		c;

	cx_churn_bind(&c, mem, 4, 2);
	CHECK(c.customers == mem);
	CHECK(c.bounds == mem + 1);
	CHECK(c.active_diff == mem + 6);
	CHECK(c.churned == mem + 12);
	CHECK(c.new_ == mem + 16);
	CHECK(c.reactivated == mem + 20);
	CHECK(c.new_lost == mem + 24);
	CHECK(c.reactivated_lost == mem + 28);
	CHECK(c.retained_diff == mem + 32);
	CHECK_I64(32 + 4 * 4, cx_churn_slots(4, 2));
	cx_churn_bind(&c, mem, 4, -1);
	CHECK(c.retained_diff == NULL);
	CHECK_I64(cx_churn_row_len(&c, 0), 0);
}

/* ---------------------------------------------------------------------
 * One customer at a time, worked by hand on B4
 * ---------------------------------------------------------------------
 */

static void
test_join_and_leave(void)
{
	/*
	 * [5, 25): starts in period 0 (new there); present at t1 = 10 and
	 * t2 = 20, not at t3 = 30: churned in period 2.
	 */
	CxSpan		s = span(5, 25);
	Counts		k = one(&s, 1);

	CHECK_ARRAY(k.active, 0, 1, 1, 0, 0);
	CHECK_ARRAY(k.new_, 1, 0, 0, 0);
	CHECK_ARRAY(k.new_lost, 0, 0, 0, 0);
	CHECK_ARRAY(k.churned, 0, 0, 1, 0);
	CHECK_ARRAY(k.react, 0, 0, 0, 0);
}

static void
test_join_and_leave_same_period(void)
{
	/* [12, 17): new in period 1 and gone before t2: new and new_lost */
	CxSpan		s = span(12, 17);
	Counts		k = one(&s, 1);

	CHECK_ARRAY(k.active, 0, 0, 0, 0, 0);
	CHECK_ARRAY(k.new_, 0, 1, 0, 0);
	CHECK_ARRAY(k.new_lost, 0, 1, 0, 0);
	CHECK_ARRAY(k.churned, 0, 0, 0, 0);
}

static void
test_edges(void)
{
	CxSpan		s;
	Counts		k;

	/*
	 * [10, 20): starts exactly at t1, ends exactly at t2.  Active at 10,
	 * but not present there (not active just before): new in period 1.
	 * Not active at 20 (upper bound exclusive): new_lost in period 1.
	 */
	s = span(10, 20);
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 0, 0, 0, 0, 0);
	CHECK_ARRAY(k.new_, 0, 1, 0, 0);
	CHECK_ARRAY(k.new_lost, 0, 1, 0, 0);

	/* [5, 20): ends exactly at t2, so present at t1 only: churned in 1 */
	s = span(5, 20);
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 0, 1, 0, 0, 0);
	CHECK_ARRAY(k.churned, 0, 1, 0, 0);

	/* [5, 20]: the upper bound included, so present at t2 too: churned in 2 */
	s = span_with(5, true, 20, true);
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 0, 1, 1, 0, 0);
	CHECK_ARRAY(k.churned, 0, 0, 1, 0);

	/* (10, 30): starts just after t1, so in period 1; present at t2 only */
	s = span_with(10, false, 30, false);
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 0, 0, 1, 0, 0);
	CHECK_ARRAY(k.new_, 0, 1, 0, 0);
	CHECK_ARRAY(k.new_lost, 0, 0, 0, 0);
	CHECK_ARRAY(k.churned, 0, 0, 1, 0);

	/* [0, 40): from t0 to tP exactly: new in 0, present at t1..t3 */
	s = span(0, 40);
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 0, 1, 1, 1, 0);
	CHECK_ARRAY(k.new_, 1, 0, 0, 0);
	CHECK_ARRAY(k.churned, 0, 0, 0, 1);

	/* [25, 25]: a single instant in period 2: new and lost there */
	s = span_with(25, true, 25, true);
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 0, 0, 0, 0, 0);
	CHECK_ARRAY(k.new_, 0, 0, 1, 0);
	CHECK_ARRAY(k.new_lost, 0, 0, 1, 0);

	/* [-5, 0): over before the grid: counted as a customer, nothing else */
	s = span(-5, 0);
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 0, 0, 0, 0, 0);
	CHECK_ARRAY(k.new_, 0, 0, 0, 0);

	/* [-5, 1): active at t0 = 0 and just before: present at t0 */
	s = span(-5, 1);
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 1, 0, 0, 0, 0);
	CHECK_ARRAY(k.churned, 1, 0, 0, 0);

	/* [40, 50): starts at tP, after the last period: nothing */
	s = span(40, 50);
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 0, 0, 0, 0, 0);
	CHECK_ARRAY(k.new_, 0, 0, 0, 0);

	/* [39, 50): new in period 3, present at tP = 40 */
	s = span(39, 50);
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 0, 0, 0, 0, 1);
	CHECK_ARRAY(k.new_, 0, 0, 0, 1);
	CHECK_ARRAY(k.churned, 0, 0, 0, 0);
}

static void
test_open_ended(void)
{
	CxSpan		s;
	Counts		k;

	/* (-inf, inf): present at every boundary, never new, never churned */
	s = span(0, 0);
	s.lo_inf = s.hi_inf = true;
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 1, 1, 1, 1, 1);
	CHECK_ARRAY(k.new_, 0, 0, 0, 0);
	CHECK_ARRAY(k.churned, 0, 0, 0, 0);

	/* [15, inf): new in 1, present from t2 on */
	s = span(15, 0);
	s.hi_inf = true;
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 0, 0, 1, 1, 1);
	CHECK_ARRAY(k.new_, 0, 1, 0, 0);
	CHECK_ARRAY(k.churned, 0, 0, 0, 0);

	/* (-inf, 15): present at t0 and t1, churned in 1 */
	s = span(0, 15);
	s.lo_inf = true;
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 1, 1, 0, 0, 0);
	CHECK_ARRAY(k.churned, 0, 1, 0, 0);

	/* values beyond every boundary act like infinities */
	s = span(INT64_MIN, INT64_MAX);
	k = one(&s, 1);
	CHECK_ARRAY(k.active, 1, 1, 1, 1, 1);
}

static void
test_lapse_within_period(void)
{
	/*
	 * [5, 12) and [15, 35): present at t1; lapses at 12, back at 15, both
	 * inside period 1, so present at t2 as well: no churn, no
	 * reactivation in period 1.  Gone before t4: churned in period 3.
	 */
	CxSpan		s[2] = {span(5, 12), span(15, 35)};
	Counts		k = one(s, 2);

	CHECK_ARRAY(k.active, 0, 1, 1, 1, 0);
	CHECK_ARRAY(k.new_, 1, 0, 0, 0);
	CHECK_ARRAY(k.churned, 0, 0, 0, 1);
	CHECK_ARRAY(k.react, 0, 0, 0, 0);
}

static void
test_lapse_across_periods(void)
{
	CxSpan		s[3];
	Counts		k;

	/*
	 * [5, 12) and [25, inf): present at t1, not at t2: churned in 1.  Back
	 * in period 2, not present at t2: reactivated in 2, present at t3.
	 */
	s[0] = span(5, 12);
	s[1] = span(25, 0);
	s[1].hi_inf = true;
	k = one(s, 2);
	CHECK_ARRAY(k.active, 0, 1, 0, 1, 1);
	CHECK_ARRAY(k.churned, 0, 1, 0, 0);
	CHECK_ARRAY(k.react, 0, 0, 1, 0);
	CHECK_ARRAY(k.react_lost, 0, 0, 0, 0);

	/* [5, 12) and [22, 28): reactivated in 2 and lost again in 2 */
	s[0] = span(5, 12);
	s[1] = span(22, 28);
	k = one(s, 2);
	CHECK_ARRAY(k.active, 0, 1, 0, 0, 0);
	CHECK_ARRAY(k.react, 0, 0, 1, 0);
	CHECK_ARRAY(k.react_lost, 0, 0, 1, 0);

	/*
	 * [5, 12), [21, 23), [25, 35): two spans start in period 2: one
	 * reactivation, not lost (the second reaches t3); churned in 1 and 3.
	 */
	s[0] = span(5, 12);
	s[1] = span(21, 23);
	s[2] = span(25, 35);
	k = one(s, 3);
	CHECK_ARRAY(k.active, 0, 1, 0, 1, 0);
	CHECK_ARRAY(k.react, 0, 0, 1, 0);
	CHECK_ARRAY(k.react_lost, 0, 0, 0, 0);
	CHECK_ARRAY(k.churned, 0, 1, 0, 1);

	/*
	 * [12, 13) and [14, 16): both in period 1, the first is the first
	 * activity: new once, lost; no reactivation.
	 */
	s[0] = span(12, 13);
	s[1] = span(14, 16);
	k = one(s, 2);
	CHECK_ARRAY(k.new_, 0, 1, 0, 0);
	CHECK_ARRAY(k.new_lost, 0, 1, 0, 0);
	CHECK_ARRAY(k.react, 0, 0, 0, 0);

	/*
	 * A gap of one instant on a boundary: [5, 20) and (20, 35).  Not active
	 * at 20: churned in 1; (20, 35) starts in period 2: reactivated there.
	 */
	s[0] = span(5, 20);
	s[1] = span_with(20, false, 35, false);
	k = one(s, 2);
	CHECK_ARRAY(k.active, 0, 1, 0, 1, 0);
	CHECK_ARRAY(k.churned, 0, 1, 0, 1);
	CHECK_ARRAY(k.react, 0, 0, 1, 0);

	/* [-5, 5) and [8, 15): back in period 0 after being present at t0: none */
	s[0] = span(-5, 5);
	s[1] = span(8, 15);
	k = one(s, 2);
	CHECK_ARRAY(k.active, 1, 1, 0, 0, 0);
	CHECK_ARRAY(k.react, 0, 0, 0, 0);
	CHECK_ARRAY(k.churned, 0, 1, 0, 0);
}

static void
test_empty_and_many(void)
{
	Box			b = box_new(B4, 4, 1);
	CxSpan		s[2] = {span(5, 25), span(31, 45)};
	int64_t		row[2];

	/* no spans: no customer */
	CHECK_STATUS(cx_churn_add(&b.c, s, 0), CX_CHURN_OK);
	CHECK_I64(*b.c.customers, 0);
	CHECK_STATUS(cx_churn_validate(&b.c), CX_CHURN_OK);

	/*
	 * Three customers: [5, 25) twice and [5, 25) + [31, 45).  Cohort 0 has
	 * 3, all present at t1 (offset 0) and t2 (offset 1).  The third is
	 * reactivated in 3 and present at t4.
	 */
	cx_churn_add(&b.c, s, 1);
	cx_churn_add(&b.c, s, 1);
	cx_churn_add(&b.c, s, 2);
	CHECK_I64(*b.c.customers, 3);
	{
		Counts		k = counts_of(&b.c);

		CHECK_ARRAY(k.active, 0, 3, 3, 0, 1);
		CHECK_ARRAY(k.new_, 3, 0, 0, 0);
		CHECK_ARRAY(k.churned, 0, 0, 3, 0);
		CHECK_ARRAY(k.react, 0, 0, 0, 1);
	}
	CHECK_I64(cx_churn_row_len(&b.c, 0), 2);
	CHECK_I64(cx_churn_row_len(&b.c, 3), 1);
	cx_churn_retained(&b.c, 0, row);
	CHECK_ARRAY(row, 3, 3);
	cx_churn_retained(&b.c, 1, row);
	CHECK_ARRAY(row, 0, 0);
	CHECK_STATUS(cx_churn_validate(&b.c), CX_CHURN_OK);
	box_free(&b);
}

static void
test_cohorts(void)
{
	/*
	 * max_offset 2.  Cohort 0: [5, 25) (present t1, t2) and [8, 9) (lost
	 * in 0) and [3, inf) (always): size 3; offset 0 (t1): 2, offset 1
	 * (t2): 2, offset 2 (t3): 1.  Cohort 2: [21, 35): size 1; offset 0
	 * (t3): 1, offset 1 (t4): 0; offset 2 would be past the grid.  The
	 * customer [-5, 15) is in no cohort.
	 */
	Box			b = box_new(B4, 4, 2);
	CxSpan		s;
	int64_t		row[3];

	s = span(5, 25);
	cx_churn_add(&b.c, &s, 1);
	s = span(8, 9);
	cx_churn_add(&b.c, &s, 1);
	s = span(3, 0);
	s.hi_inf = true;
	cx_churn_add(&b.c, &s, 1);
	s = span(21, 35);
	cx_churn_add(&b.c, &s, 1);
	s = span(-5, 15);
	cx_churn_add(&b.c, &s, 1);
	CHECK_STATUS(cx_churn_validate(&b.c), CX_CHURN_OK);

	CHECK_I64(cx_churn_row_len(&b.c, 0), 3);
	CHECK_I64(cx_churn_row_len(&b.c, 2), 2);
	CHECK_I64(cx_churn_row_len(&b.c, 3), 1);
	cx_churn_retained(&b.c, 0, row);
	CHECK_ARRAY(row, 2, 2, 1);
	cx_churn_retained(&b.c, 1, row);
	CHECK_ARRAY(row, 0, 0, 0);
	cx_churn_retained(&b.c, 2, row);
	CHECK_ARRAY(row, 1, 0);
	CHECK_I64(b.c.new_[0], 3);
	CHECK_I64(b.c.new_lost[0], 1);
	box_free(&b);
}

/* ---------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------
 */

static void
test_bad_spans(void)
{
	Box			b = box_new(B4, 4, 0);
	int64_t    *saved = malloc(b.slots * sizeof(int64_t));
	CxSpan		bad[][2] = {
		{span(5, 5), span(10, 12)},	/* empty [5, 5) */
		{span(7, 5), span(10, 12)},	/* reversed */
		{span(5, 12), span(10, 15)},	/* overlapping */
		{span(10, 12), span(5, 8)},	/* unsorted */
		{span(5, 10), span(10, 12)},	/* adjacent: [5, 10) [10, 12) */
		{span_with(5, true, 10, true), span_with(10, false, 12, false)},	/* [5, 10] (10, 12) */
	};
	CxSpan		inf_late[2] = {span(5, 8), span(10, 12)};
	CxSpan		inf_early[2] = {span(5, 8), span(10, 12)};

	inf_late[1].lo_inf = true;		/* unbounded below, but not first */
	inf_early[0].hi_inf = true;		/* unbounded above, but not last */
	memcpy(saved, b.mem, b.slots * sizeof(int64_t));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_STATUS(cx_churn_add(&b.c, bad[i], 2), CX_CHURN_BAD_SPANS);
	CHECK_STATUS(cx_churn_add(&b.c, inf_late, 2), CX_CHURN_BAD_SPANS);
	CHECK_STATUS(cx_churn_add(&b.c, inf_early, 2), CX_CHURN_BAD_SPANS);
	CHECK(memcmp(saved, b.mem, b.slots * sizeof(int64_t)) == 0);

	/* not adjacent when the instant between them is missing: [5, 10) (10, 12) */
	{
		CxSpan		ok[2] = {span(5, 10), span_with(10, false, 12, false)};

		CHECK_STATUS(cx_churn_add(&b.c, ok, 2), CX_CHURN_OK);
	}
	free(saved);
	box_free(&b);
}

static void
test_overflow(void)
{
	Box			a = box_new(B4, 4, -1);
	Box			b = box_new(B4, 4, -1);
	CxSpan		s = span(5, 25);
	int64_t    *saved = malloc(a.slots * sizeof(int64_t));

	/* at INT64_MAX customers, one more fails and changes nothing */
	*a.c.customers = INT64_MAX;
	memcpy(saved, a.mem, a.slots * sizeof(int64_t));
	CHECK_STATUS(cx_churn_add(&a.c, &s, 1), CX_CHURN_OVERFLOW);
	CHECK(memcmp(saved, a.mem, a.slots * sizeof(int64_t)) == 0);
	/* an empty activity is no customer, so it still fits */
	CHECK_STATUS(cx_churn_add(&a.c, &s, 0), CX_CHURN_OK);

	/* merging past INT64_MAX fails, dst unchanged */
	*a.c.customers = INT64_MAX - 1;
	cx_churn_add(&b.c, &s, 1);
	cx_churn_add(&b.c, &s, 1);
	memcpy(saved, a.mem, a.slots * sizeof(int64_t));
	CHECK_STATUS(cx_churn_merge(&a.c, &b.c), CX_CHURN_OVERFLOW);
	CHECK(memcmp(saved, a.mem, a.slots * sizeof(int64_t)) == 0);
	*a.c.customers = INT64_MAX - 2;
	CHECK_STATUS(cx_churn_merge(&a.c, &b.c), CX_CHURN_OK);
	CHECK_I64(*a.c.customers, INT64_MAX);
	free(saved);
	box_free(&a);
	box_free(&b);
}

static void
test_merge_grid_mismatch(void)
{
	Box			a = box_new(B4, 4, -1);
	Box			b = box_new(B4, 4, 1);
	Box			c = box_new(B4, 3, -1);

	CHECK_STATUS(cx_churn_merge(&a.c, &b.c), CX_CHURN_BAD_GRID);
	CHECK_STATUS(cx_churn_merge(&a.c, &c.c), CX_CHURN_BAD_GRID);
	box_free(&a);
	box_free(&b);
	box_free(&c);
}

/* ---------------------------------------------------------------------
 * Validation of counts read from outside
 * ---------------------------------------------------------------------
 */

/*
 * A valid summary, exported as the text form writes it (active counts and
 * cohort rows) and loaded back: the same bytes.
 */
static void
test_load_round_trip(void)
{
	Box			a = box_new(B4, 4, 3);
	Box			b = box_new(B4, 4, 3);
	CxSpan		s[2] = {span(5, 12), span(25, 0)};
	int64_t		active[5];
	int64_t		cells[10];
	int			n = 0;

	s[1].hi_inf = true;
	cx_churn_add(&a.c, s, 2);
	cx_churn_add(&a.c, s, 1);
	s[0] = span(12, 14);
	cx_churn_add(&a.c, s, 1);
	cx_churn_active(&a.c, active);
	for (int32_t k = 0; k < 4; k++)
	{
		cx_churn_retained(&a.c, k, cells + n);
		n += cx_churn_row_len(&a.c, k);
	}
	CHECK_I64(n, 4 + 3 + 2 + 1);

	*b.c.customers = *a.c.customers;
	memcpy(b.c.churned, a.c.churned, 5 * 4 * sizeof(int64_t));
	CHECK_STATUS(cx_churn_load(&b.c, active, cells), CX_CHURN_OK);
	CHECK_STATUS(cx_churn_validate(&b.c), CX_CHURN_OK);
	CHECK(memcmp(a.mem, b.mem, a.slots * sizeof(int64_t)) == 0);
	box_free(&a);
	box_free(&b);
}

/* Loads hand-made counts into a B4 summary with max_offset 1 and validates. */
static CxChurnStatus
validate_counts(int64_t customers, const int64_t active[5], const int64_t lists[5][4],
				const int64_t cells[7])
{
	Box			b = box_new(B4, 4, 1);
	CxChurnStatus st;

	*b.c.customers = customers;
	memcpy(b.c.churned, lists, 5 * 4 * sizeof(int64_t));
	st = cx_churn_load(&b.c, active, cells);
	if (st == CX_CHURN_OK)
		st = cx_churn_validate(&b.c);
	box_free(&b);
	return st;
}

static void
test_validate(void)
{
	/*
	 * A consistent set: 4 customers.  Period 0: 1 at start, 2 new (1
	 * lost), so 2 at t1.  Period 1: 1 churned, 1 reactivated: 2 at t2.
	 * Periods 2, 3: nothing happens.  Cohort 0 (2 new, 1 lost): offset 0
	 * = 1, offset 1 = 1.  Rows: [1,1] [0,0] [0,0] [0].
	 */
	const int64_t active[5] = {1, 2, 2, 2, 2};
	int64_t		lists[5][4] = {
		{0, 1, 0, 0},			/* churned */
		{2, 0, 0, 0},			/* new */
		{0, 1, 0, 0},			/* reactivated */
		{1, 0, 0, 0},			/* new_lost */
		{0, 0, 0, 0},			/* reactivated_lost */
	};
	int64_t		cells[7] = {1, 1, 0, 0, 0, 0, 0};
	int64_t		a[5];

	CHECK_STATUS(validate_counts(4, active, lists, cells), CX_CHURN_OK);
	/* fewer customers than the distinct ones a period sees */
	CHECK_STATUS(validate_counts(2, active, lists, cells), CX_CHURN_TOO_MANY);
	CHECK_STATUS(validate_counts(-1, active, lists, cells), CX_CHURN_NEGATIVE);

	/* the identity broken: one more at t2 */
	memcpy(a, active, sizeof(a));
	a[2] = 3;
	a[3] = 3;
	a[4] = 3;
	CHECK_STATUS(validate_counts(4, a, lists, cells), CX_CHURN_INCONSISTENT);
	/* a negative active count */
	a[0] = -1;
	CHECK_STATUS(validate_counts(4, a, lists, cells), CX_CHURN_NEGATIVE);
	/*
	 * Counts whose differences overflow int64 (binary input can carry
	 * them): refused before any difference is taken, so UBSan sees no
	 * overflow here.
	 */
	a[0] = INT64_MIN;
	a[1] = 1;
	CHECK_STATUS(validate_counts(4, a, lists, cells), CX_CHURN_NEGATIVE);
	a[0] = INT64_MAX;
	a[1] = INT64_MIN + 1;
	CHECK_STATUS(validate_counts(4, a, lists, cells), CX_CHURN_NEGATIVE);
	a[0] = 1;
	a[1] = 2;
	{
		int64_t		bad_cells[7] = {1, INT64_MIN, 0, 0, 0, 0, 0};

		CHECK_STATUS(validate_counts(4, active, lists, bad_cells), CX_CHURN_NEGATIVE);
	}

	/* more lost than new */
	lists[3][0] = 3;
	CHECK_STATUS(validate_counts(9, active, lists, cells), CX_CHURN_INCONSISTENT);
	lists[3][0] = 1;
	/* a negative counter */
	lists[4][2] = -1;
	CHECK_STATUS(validate_counts(4, active, lists, cells), CX_CHURN_NEGATIVE);
	lists[4][2] = 0;
	/* more churned than there were */
	lists[0][0] = 2;
	CHECK_STATUS(validate_counts(4, active, lists, cells), CX_CHURN_INCONSISTENT);
	lists[0][0] = 0;

	/* cohort cells: offset 0 must be new - new_lost, none above the size */
	cells[0] = 2;
	CHECK_STATUS(validate_counts(4, active, lists, cells), CX_CHURN_INCONSISTENT);
	cells[0] = 1;
	cells[1] = 3;
	CHECK_STATUS(validate_counts(4, active, lists, cells), CX_CHURN_TOO_MANY);
	cells[1] = 1;
	cells[3] = -1;
	CHECK_STATUS(validate_counts(4, active, lists, cells), CX_CHURN_NEGATIVE);
	cells[3] = 0;
	CHECK_STATUS(validate_counts(4, active, lists, cells), CX_CHURN_OK);

	/*
	 * 2 + 2 + 2 new customers in periods 0, 2 and 3 (all but the first
	 * lost again, so every identity holds): more than the 4 customers.
	 */
	lists[1][2] = lists[3][2] = 2;
	CHECK_STATUS(validate_counts(4, active, lists, cells), CX_CHURN_OK);
	lists[1][3] = lists[3][3] = 2;
	CHECK_STATUS(validate_counts(4, active, lists, cells), CX_CHURN_TOO_MANY);
}

static void
test_validate_raw(void)
{
	/* corruption that no load can produce: a difference array out of balance */
	Box			b = box_new(B4, 4, -1);
	CxSpan		s = span(5, 25);

	cx_churn_add(&b.c, &s, 1);
	CHECK_STATUS(cx_churn_validate(&b.c), CX_CHURN_OK);
	b.c.active_diff[5] = 7;		/* the balancing entry */
	CHECK_STATUS(cx_churn_validate(&b.c), CX_CHURN_INCONSISTENT);
	b.c.active_diff[5] = 0;
	b.c.active_diff[0] = INT64_MAX;
	b.c.active_diff[1] = INT64_MAX;
	CHECK_STATUS(cx_churn_validate(&b.c), CX_CHURN_TOO_MANY);
	box_free(&b);

	b = box_new(B4, 4, -1);
	b.c.bounds[2] = b.c.bounds[1];
	CHECK_STATUS(cx_churn_validate(&b.c), CX_CHURN_BAD_BOUNDS);
	box_free(&b);
}

static void
test_index(void)
{
	/*
	 * B4: the smallest gap is 10, so slots of 8 from base -1: slots
	 * [-1, 7) [7, 15) [15, 23) [23, 31) [31, 39) [39, 47): 6 of them, the
	 * first boundary at or after each: 0, 1, 2, 3, 4, 4.
	 */
	int32_t		first[64];
	int64_t		first_bound[64];
	CxChurnIndex ix;
	const int64_t months[] = {0, 31, 60, 91, 121, 152};	/* 2024, Jan..Jun */
	const int64_t uneven[] = {0, 1, 1000};

	CHECK_I64(cx_churn_index_slots(B4, 4), 6);
	cx_churn_index_build(&ix, B4, 4, first, first_bound);
	CHECK_I64(ix.base, -1);
	CHECK_I64(ix.shift, 3);
	for (int i = 0; i < 6; i++)
	{
		CHECK_I64(first[i], i < 5 ? i : 4);
		CHECK_I64(first_bound[i], B4[first[i]]);
	}
	/* months of 29 to 31 days: slots of 16 days, 153 / 16 + 1 = 10 */
	CHECK_I64(cx_churn_index_slots(months, 5), 10);
	/* one gap of 1 among gaps of 1000: too many slots, no index */
	CHECK_I64(cx_churn_index_slots(uneven, 2), 0);

	/* the same customers with and without the index: the same bytes */
	{
		Box			a = box_new(B4, 4, 3);
		Box			b = box_new(B4, 4, 3);

		b.c.index = &ix;
		for (int64_t lo = -3; lo <= 43; lo++)
			for (int64_t len = 0; len <= 25; len += 3)
			{
				CxSpan		s[2] = {span_with(lo, lo % 2 == 0, lo + len, lo % 3 == 0),
				span_with(lo + len + 2, true, lo + len + 9, false)};

				CHECK_STATUS(cx_churn_add(&a.c, s, 2), cx_churn_add(&b.c, s, 2));
			}
		CHECK(memcmp(a.mem, b.mem, a.slots * sizeof(int64_t)) == 0);
		CHECK(*a.c.customers > 300);
		box_free(&a);
		box_free(&b);
	}
}

static void
test_ratio_and_text(void)
{
	/* the seed example: 50 lost of 500 -> 0.1 */
	CHECK(cx_churn_ratio(50, 500) == 0.1);
	CHECK(cx_churn_ratio(0, 7) == 0.0);
	CHECK(isnan(cx_churn_ratio(0, 0)));
	CHECK(isnan(cx_churn_ratio(3, 0)));
	for (int st = CX_CHURN_OK; st <= CX_CHURN_INCONSISTENT; st++)
	{
		const char *t = cx_churn_status_text((CxChurnStatus) st);

		CHECK(t != NULL && strlen(t) > 5);
		for (int other = CX_CHURN_OK; other < st; other++)
			CHECK(strcmp(t, cx_churn_status_text((CxChurnStatus) other)) != 0);
	}
	CHECK(strcmp(cx_churn_status_text((CxChurnStatus) 99), "unknown error") == 0);
}

/* ---------------------------------------------------------------------
 * Random customers against the model
 * ---------------------------------------------------------------------
 */

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

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

#define HUGE_STEP (INT64_C(1) << 60)

/* The half steps a span covers: first..last. */
static void
half_steps(const CxSpan *s, int64_t *first, int64_t *last)
{
	*first = s->lo_inf ? -HUGE_STEP : (s->lo_inc ? 2 * s->lo : 2 * s->lo + 1);
	*last = s->hi_inf ? HUGE_STEP : (s->hi_inc ? 2 * s->hi : 2 * s->hi - 1);
}

static bool
model_valid(const CxSpan *s, int n)
{
	int64_t		prev_last = 0;

	for (int i = 0; i < n; i++)
	{
		int64_t		f,
					l;

		if ((s[i].lo_inf && i > 0) || (s[i].hi_inf && i < n - 1))
			return false;
		half_steps(&s[i], &f, &l);
		if (f > l)
			return false;
		/* at least one uncovered half step between spans */
		if (i > 0 && f <= prev_last + 1)
			return false;
		prev_last = l;
	}
	return true;
}

/* Present at t: half steps 2t - 1 and 2t covered by one span. */
static bool
model_present(const CxSpan *s, int n, int64_t t)
{
	for (int i = 0; i < n; i++)
	{
		int64_t		f,
					l;

		half_steps(&s[i], &f, &l);
		if (f <= 2 * t - 1 && 2 * t <= l)
			return true;
	}
	return false;
}

/* The period a span's first half step lies in: -1 before, P after. */
static int
model_period(const int64_t *bounds, int periods, const CxSpan *s)
{
	int64_t		f,
				l,
				x;

	if (s->lo_inf)
		return -1;
	half_steps(s, &f, &l);
	x = f >= 0 ? f / 2 : -((-f + 1) / 2);	/* floor(f / 2) */
	if (x < bounds[0])
		return -1;
	for (int k = 0; k < periods; k++)
		if (x < bounds[k + 1])
			return k;
	return periods;
}

typedef struct Model
{
	int64_t		customers;
	int64_t		active[13];
	int64_t		churned[12],
				new_[12],
				react[12],
				new_lost[12],
				react_lost[12];
	int64_t		retained[12][12];
} Model;

static void
model_add(Model *m, const int64_t *bounds, int periods, const CxSpan *s, int n)
{
	bool		present[13];
	int			first;

	if (n == 0)
		return;
	m->customers++;
	for (int j = 0; j <= periods; j++)
		present[j] = model_present(s, n, bounds[j]);
	for (int j = 0; j <= periods; j++)
		m->active[j] += present[j];
	first = model_period(bounds, periods, &s[0]);
	for (int k = 0; k < periods; k++)
	{
		bool		starts_here = false;

		m->churned[k] += present[k] && !present[k + 1];
		if (first == k)
		{
			m->new_[k]++;
			m->new_lost[k] += !present[k + 1];
			for (int j = 0; k + j < periods; j++)
				m->retained[k][j] += present[k + j + 1];
			continue;
		}
		for (int i = 1; i < n; i++)
			starts_here |= model_period(bounds, periods, &s[i]) == k;
		if (starts_here && first < k && !present[k])
		{
			m->react[k]++;
			m->react_lost[k] += !present[k + 1];
		}
	}
}

/* A random span list around a random grid; sometimes invalid on purpose. */
static int
random_spans(CxSpan *s, int64_t lo, int64_t hi)
{
	int			n = rng(0, 4);
	int64_t		points[8];

	for (int i = 0; i < 2 * n; i++)
		points[i] = lo + rng(0, (int) (hi - lo));
	/* insertion sort: spans come sorted, except when we want them not to */
	if (rng(0, 19) != 0)
		for (int i = 1; i < 2 * n; i++)
			for (int j = i; j > 0 && points[j - 1] > points[j]; j--)
			{
				int64_t		t = points[j];

				points[j] = points[j - 1];
				points[j - 1] = t;
			}
	for (int i = 0; i < n; i++)
	{
		s[i] = span_with(points[2 * i], rng(0, 3) != 0, points[2 * i + 1], rng(0, 3) == 0);
		s[i].lo_inf = i == 0 && rng(0, 9) == 0;
		s[i].hi_inf = i == n - 1 && rng(0, 4) == 0;
	}
	return n;
}

static void
test_random_against_model(void)
{
	long		customers = 0,
				rejected = 0;

	for (int round = 0; round < 400; round++)
	{
		int			periods = rng(1, 12);
		int			max_offset = rng(-1, periods - 1);
		/* gaps of 1..6 units of 1, 7 or 1000: index slots of 1, 4 or 512 */
		int64_t		unit = round % 3 == 0 ? 1 : round % 3 == 1 ? 7 : 1000;
		int64_t		bounds[13];
		Box			b,
					half;
		Model		m;
		int64_t		row[12];
		CxChurnIndex ix;
		int32_t		first[8 * 13 + 64];
		int64_t		first_bound[8 * 13 + 64];

		bounds[0] = rng(-20, 20) * unit;
		for (int j = 1; j <= periods; j++)
			bounds[j] = bounds[j - 1] + rng(1, 6) * unit;
		b = box_new(bounds, periods, max_offset);
		half = box_new(bounds, periods, max_offset);
		memset(&m, 0, sizeof(m));
		/* every other round looks boundaries up through an index */
		if (round % 2 == 1)
		{
			CHECK(cx_churn_index_slots(bounds, periods) > 0);
			cx_churn_index_build(&ix, bounds, periods, first, first_bound);
			b.c.index = half.c.index = &ix;
		}

		for (int i = 0; i < 100; i++)
		{
			CxSpan		s[4];
			int			n = random_spans(s, bounds[0] - 8 * unit, bounds[periods] + 8 * unit);
			bool		valid = model_valid(s, n);
			Box		   *into = i % 2 ? &b : &half;

			CHECK_STATUS(cx_churn_add(&into->c, s, n), valid ? CX_CHURN_OK : CX_CHURN_BAD_SPANS);
			if (valid)
			{
				model_add(&m, bounds, periods, s, n);
				customers++;
			}
			else
				rejected++;
		}
		/* two halves merged are the whole */
		CHECK_STATUS(cx_churn_merge(&b.c, &half.c), CX_CHURN_OK);
		CHECK_STATUS(cx_churn_validate(&b.c), CX_CHURN_OK);
		CHECK_I64(*b.c.customers, m.customers);
		{
			Counts		k = counts_of(&b.c);

			expect_array(__LINE__, "active", k.active, m.active, periods + 1);
			expect_array(__LINE__, "churned", k.churned, m.churned, periods);
			expect_array(__LINE__, "new", k.new_, m.new_, periods);
			expect_array(__LINE__, "reactivated", k.react, m.react, periods);
			expect_array(__LINE__, "new_lost", k.new_lost, m.new_lost, periods);
			expect_array(__LINE__, "reactivated_lost", k.react_lost, m.react_lost, periods);
		}
		for (int32_t k = 0; k < periods && max_offset >= 0; k++)
		{
			cx_churn_retained(&b.c, k, row);
			expect_array(__LINE__, "retained", row, m.retained[k], cx_churn_row_len(&b.c, k));
		}
		box_free(&b);
		box_free(&half);
	}
	/* the generator exercised both paths */
	CHECK(customers > 20000);
	CHECK(rejected > 2000);
}

int
main(void)
{
	tap_run(test_grid_limits, "grid limits, slots and boundary checks");
	tap_run(test_layout, "the counters tile one block in order");
	tap_run(test_join_and_leave, "a customer joins in one period and leaves in a later one");
	tap_run(test_join_and_leave_same_period, "joining and leaving in the same period: new and new_lost");
	tap_run(test_edges, "bounds on period edges, single instants, spans outside the grid");
	tap_run(test_open_ended, "open-ended spans: present from or until forever");
	tap_run(test_lapse_within_period, "a lapse and return within a period is not churn");
	tap_run(test_lapse_across_periods, "a lapse across periods: churned, then reactivated once");
	tap_run(test_empty_and_many, "empty activity counts nothing; several customers add up");
	tap_run(test_cohorts, "cohort rows by period of first activity, clipped to the grid");
	tap_run(test_bad_spans, "unsorted, overlapping, adjacent or empty spans are rejected, state unchanged");
	tap_run(test_overflow, "customer count at INT64_MAX: add and merge fail, state unchanged");
	tap_run(test_merge_grid_mismatch, "merge refuses other periods or cohort offsets");
	tap_run(test_load_round_trip, "counts exported and loaded back give the same bytes");
	tap_run(test_validate, "validation catches counts that no customers give");
	tap_run(test_validate_raw, "validation catches broken difference arrays and boundaries");
	tap_run(test_index, "an index over the boundaries gives what binary search gives");
	tap_run(test_ratio_and_text, "ratio (NaN for 0 denominators) and status texts");
	tap_run(test_random_against_model, "40,000 random customers on 400 random grids agree with the model");
	return tap_done();
}
