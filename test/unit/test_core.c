/*
 * test_core.c
 *		Unit tests of the pure-C core (src/cx_core.c), in TAP.
 *
 * Built and run by `make unitcheck`.  Each test function is one check group
 * and prints one line, "ok N - description" or "not ok N - description"
 * followed by "# ..." diagnostics; the plan "1..N" comes last.  The exit
 * status is 1 if any group failed.
 *
 * Every expected value is independent of the code under test: worked by hand
 * (the arithmetic is in the comments), or computed with python3 and mpmath
 * at 50-60 significant digits (mp.ncdf, mp.erfc, mp.erfinv, findroot on
 * mp.ncdf) and fractions.Fraction for exact rational arithmetic, and
 * cross-checked against published normal tables where those exist.  NPS
 * references follow DESIGN.md s. 4 (in the repository root).
 */
#include "cx_core.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx_splitmix.h"
#include "cx_tap.h"

static const char *
status_name(CxStatus s)
{
	switch (s)
	{
		case CX_OK:
			return "CX_OK";
		case CX_OVERFLOW:
			return "CX_OVERFLOW";
		case CX_NEGATIVE:
			return "CX_NEGATIVE";
		case CX_BAD_TOTAL:
			return "CX_BAD_TOTAL";
		case CX_BAD_SCALE:
			return "CX_BAD_SCALE";
		case CX_BAD_WEIGHTS:
			return "CX_BAD_WEIGHTS";
		case CX_WEIGHT_OVERFLOW:
			return "CX_WEIGHT_OVERFLOW";
	}
	return "(unknown status)";
}

#define CHECK_STATUS(got, exp) \
	do { \
		CxStatus	g_ = (got), e_ = (exp); \
		if (g_ != e_ && tap_fail(__LINE__, #got)) \
			tap_diag("# got %s, expected %s\n", status_name(g_), status_name(e_)); \
	} while (0)

/* the distribution is byte-for-byte the one saved before */
#define CHECK_UNCHANGED(d, saved) \
	do { \
		if (memcmp(&(d), &(saved), sizeof(CxDist)) != 0 && \
			tap_fail(__LINE__, #d " unchanged")) \
			tap_diag("# got n=%" PRId64 ", expected n=%" PRId64 " and the same counts\n", \
				  (d).n, (saved).n); \
	} while (0)

/* d has total n and counts c[0..CX_MAX_POINTS-1] (c may be shorter: rest 0) */
static void
check_dist_at(int line, const char *expr, const CxDist *d, int64_t n,
			  const int64_t *c, int nc)
{
	if (d->n != n && tap_fail(line, expr))
		tap_diag("# got n=%" PRId64 ", expected n=%" PRId64 "\n", d->n, n);
	for (int i = 0; i < CX_MAX_POINTS; i++)
	{
		int64_t		e = i < nc ? c[i] : 0;

		if (d->count[i] != e && tap_fail(line, expr))
			tap_diag("# got count[%d]=%" PRId64 ", expected %" PRId64 "\n",
				  i, d->count[i], e);
	}
}

#define CHECK_DIST(d, n, ...) \
	do { \
		const int64_t c_[] = {__VA_ARGS__}; \
		check_dist_at(__LINE__, #d, &(d), (n), c_, (int) (sizeof(c_) / sizeof(c_[0]))); \
	} while (0)

/* ---------------------------------------------------------------------
 * Reference values
 * ---------------------------------------------------------------------
 */

/*
 * Phi^-1(0.975), the familiar 1.96: published tables give 1.959963984540054
 * (e.g. Abramowitz & Stegun 26.2, NIST/SEMATECH e-Handbook 1.3.6.7.1);
 * mpmath sqrt(2)*erfinv(0.95) = 1.9599639845400542355.
 */
#define Z95 1.959963984540054

/* ---------------------------------------------------------------------
 * Distributions
 * ---------------------------------------------------------------------
 */

static void
test_dist_init(void)
{
	CxDist		d;
	CxDist		zero;

	memset(&d, 0xAB, sizeof(d));
	memset(&zero, 0, sizeof(zero));
	cx_dist_init(&d);
	CHECK_DIST(d, 0, 0);
	CHECK(memcmp(&d, &zero, sizeof(d)) == 0);
	CHECK_STATUS(cx_dist_validate(&d, 11), CX_OK);
	CHECK_STATUS(cx_dist_validate(&d, 1), CX_OK);
}

static void
test_dist_add_every_point(void)
{
	CxDist		d;

	/*
	 * NPS scale 0..10: add i+1 responses on point i.  n = 1+2+...+11 =
	 * 11*12/2 = 66.
	 */
	cx_dist_init(&d);
	for (int i = 0; i < 11; i++)
		for (int k = 0; k <= i; k++)
			CHECK_STATUS(cx_dist_add(&d, i), CX_OK);
	CHECK_DIST(d, 66, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
	CHECK_STATUS(cx_dist_validate(&d, 11), CX_OK);

	/* CES 1..5 (points 0..4): 3 on each point, n = 15; past-scale stay 0 */
	cx_dist_init(&d);
	for (int i = 0; i < 5; i++)
		for (int k = 0; k < 3; k++)
			CHECK_STATUS(cx_dist_add(&d, i), CX_OK);
	CHECK_DIST(d, 15, 3, 3, 3, 3, 3);
	CHECK_STATUS(cx_dist_validate(&d, 5), CX_OK);

	/* CES 2.0 1..7 (points 0..6): point i gets 7-i, n = 7+6+...+1 = 28 */
	cx_dist_init(&d);
	for (int i = 0; i < 7; i++)
		for (int k = 0; k < 7 - i; k++)
			CHECK_STATUS(cx_dist_add(&d, i), CX_OK);
	CHECK_DIST(d, 28, 7, 6, 5, 4, 3, 2, 1);
	CHECK_STATUS(cx_dist_validate(&d, 7), CX_OK);
}

static void
test_dist_add_overflow(void)
{
	CxDist		d,
				saved;

	/* a valid distribution whose total is INT64_MAX - 1, then one more */
	cx_dist_init(&d);
	d.count[3] = INT64_MAX - 1;
	CHECK_STATUS(cx_dist_finish(&d, 11), CX_OK);
	CHECK_I64(d.n, INT64_MAX - 1);
	CHECK_STATUS(cx_dist_add(&d, 0), CX_OK);
	CHECK_I64(d.n, INT64_MAX);
	CHECK_I64(d.count[0], 1);

	/* now n == INT64_MAX: any add fails and changes nothing */
	saved = d;
	for (int i = 0; i < 11; i++)
		CHECK_STATUS(cx_dist_add(&d, i), CX_OVERFLOW);
	CHECK_UNCHANGED(d, saved);
	CHECK_STATUS(cx_dist_validate(&d, 11), CX_OK);

	/* a remove makes room for exactly one add again */
	CHECK_STATUS(cx_dist_remove(&d, 3), CX_OK);
	CHECK_I64(d.n, INT64_MAX - 1);
	CHECK_STATUS(cx_dist_add(&d, 10), CX_OK);
	CHECK_I64(d.n, INT64_MAX);
	CHECK_STATUS(cx_dist_add(&d, 10), CX_OVERFLOW);
}

static void
test_dist_remove(void)
{
	CxDist		d,
				empty;

	/* remove is the inverse of add: back to the empty distribution */
	cx_dist_init(&d);
	cx_dist_init(&empty);
	for (int i = 0; i < 11; i++)
		for (int k = 0; k <= i; k++)
			cx_dist_add(&d, i);
	/* remove one from each point: counts i+1 -> i, n = 66 - 11 = 55 */
	for (int i = 0; i < 11; i++)
		CHECK_STATUS(cx_dist_remove(&d, i), CX_OK);
	CHECK_DIST(d, 55, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
	CHECK_STATUS(cx_dist_validate(&d, 11), CX_OK);
	for (int i = 0; i < 11; i++)
		for (int k = 0; k < i; k++)
			CHECK_STATUS(cx_dist_remove(&d, i), CX_OK);
	CHECK_UNCHANGED(d, empty);
}

static void
test_dist_remove_negative(void)
{
	CxDist		d,
				saved;

	/* from an empty distribution: every point fails, nothing changes */
	cx_dist_init(&d);
	saved = d;
	for (int i = 0; i < 11; i++)
		CHECK_STATUS(cx_dist_remove(&d, i), CX_NEGATIVE);
	CHECK_UNCHANGED(d, saved);

	/* from a non-empty distribution whose count on that point is zero */
	cx_dist_add(&d, 0);
	cx_dist_add(&d, 0);
	cx_dist_add(&d, 4);
	saved = d;
	CHECK_STATUS(cx_dist_remove(&d, 2), CX_NEGATIVE);
	CHECK_STATUS(cx_dist_remove(&d, 3), CX_NEGATIVE);
	CHECK_UNCHANGED(d, saved);
	CHECK_DIST(d, 3, 2, 0, 0, 0, 1);

	/* drain point 4, then a second remove on it fails */
	CHECK_STATUS(cx_dist_remove(&d, 4), CX_OK);
	saved = d;
	CHECK_STATUS(cx_dist_remove(&d, 4), CX_NEGATIVE);
	CHECK_UNCHANGED(d, saved);
	CHECK_DIST(d, 2, 2);
}

static void
test_dist_merge(void)
{
	CxDist		a,
				b,
				b_saved,
				empty;

	/* a = {1,2,3,0,5} (n 11), b = {10,0,1,4,0} (n 15) on 1..5 */
	cx_dist_init(&a);
	cx_dist_init(&b);
	a.count[0] = 1;
	a.count[1] = 2;
	a.count[2] = 3;
	a.count[4] = 5;
	b.count[0] = 10;
	b.count[2] = 1;
	b.count[3] = 4;
	CHECK_STATUS(cx_dist_finish(&a, 5), CX_OK);
	CHECK_STATUS(cx_dist_finish(&b, 5), CX_OK);
	b_saved = b;

	/* sum: {11,2,4,4,5}, n = 11 + 15 = 26 */
	CHECK_STATUS(cx_dist_merge(&a, &b, 5), CX_OK);
	CHECK_DIST(a, 26, 11, 2, 4, 4, 5);
	CHECK_UNCHANGED(b, b_saved);
	CHECK_STATUS(cx_dist_validate(&a, 5), CX_OK);

	/* merging an empty distribution is the identity, both ways round */
	cx_dist_init(&empty);
	CHECK_STATUS(cx_dist_merge(&a, &empty, 5), CX_OK);
	CHECK_DIST(a, 26, 11, 2, 4, 4, 5);
	CHECK_STATUS(cx_dist_merge(&empty, &b, 5), CX_OK);
	CHECK_UNCHANGED(empty, b_saved);

	/* merging a distribution into itself doubles it: {22,4,8,8,10}, 52 */
	CHECK_STATUS(cx_dist_merge(&a, &a, 5), CX_OK);
	CHECK_DIST(a, 52, 22, 4, 8, 8, 10);

	/* NPS scale: the last point (index 10) is merged too */
	cx_dist_init(&a);
	cx_dist_init(&b);
	a.count[10] = 7;
	b.count[10] = 5;
	b.count[0] = 1;
	cx_dist_finish(&a, 11);
	cx_dist_finish(&b, 11);
	CHECK_STATUS(cx_dist_merge(&a, &b, 11), CX_OK);
	CHECK_DIST(a, 13, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12);
}

static void
test_dist_merge_overflow(void)
{
	CxDist		a,
				b,
				saved;

	/* a: n = INT64_MAX - 5 spread over two points; b: n = 6 */
	cx_dist_init(&a);
	a.count[0] = INT64_MAX / 2;			/* 4611686018427387903 */
	a.count[6] = INT64_MAX / 2 - 4;		/* sum: 2^63 - 2 - 4 = INT64_MAX - 5 */
	CHECK_STATUS(cx_dist_finish(&a, 7), CX_OK);
	CHECK_I64(a.n, INT64_MAX - 5);
	cx_dist_init(&b);
	b.count[0] = 1;
	b.count[1] = 5;
	CHECK_STATUS(cx_dist_finish(&b, 7), CX_OK);

	/* INT64_MAX - 5 + 6 passes INT64_MAX: overflow, a unchanged */
	saved = a;
	CHECK_STATUS(cx_dist_merge(&a, &b, 7), CX_OVERFLOW);
	CHECK_UNCHANGED(a, saved);

	/* with one response fewer it lands exactly on INT64_MAX */
	b.count[1] = 4;
	CHECK_STATUS(cx_dist_finish(&b, 7), CX_OK);
	CHECK_STATUS(cx_dist_merge(&a, &b, 7), CX_OK);
	CHECK_DIST(a, INT64_MAX, INT64_MAX / 2 + 1, 4, 0, 0, 0, 0, INT64_MAX / 2 - 4);
	CHECK_STATUS(cx_dist_validate(&a, 7), CX_OK);

	/* two huge halves: (2^62) + (2^62) = 2^63 > INT64_MAX */
	cx_dist_init(&a);
	cx_dist_init(&b);
	a.count[1] = INT64_C(1) << 62;
	b.count[2] = INT64_C(1) << 62;
	cx_dist_finish(&a, 5);
	cx_dist_finish(&b, 5);
	saved = a;
	CHECK_STATUS(cx_dist_merge(&a, &b, 5), CX_OVERFLOW);
	CHECK_UNCHANGED(a, saved);
}

static void
test_dist_bad_scale_ops(void)
{
	CxDist		a,
				b,
				saved;

	cx_dist_init(&a);
	cx_dist_init(&b);
	cx_dist_add(&a, 0);
	cx_dist_add(&a, 1);
	cx_dist_add(&b, 1);
	saved = a;
	CHECK_STATUS(cx_dist_merge(&a, &b, 0), CX_BAD_SCALE);
	CHECK_STATUS(cx_dist_merge(&a, &b, 12), CX_BAD_SCALE);
	CHECK_STATUS(cx_dist_merge(&a, &b, -1), CX_BAD_SCALE);
	CHECK_STATUS(cx_dist_subtract(&a, &b, 0), CX_BAD_SCALE);
	CHECK_STATUS(cx_dist_subtract(&a, &b, 12), CX_BAD_SCALE);
	CHECK_STATUS(cx_dist_validate(&a, 0), CX_BAD_SCALE);
	CHECK_STATUS(cx_dist_validate(&a, 12), CX_BAD_SCALE);
	CHECK_UNCHANGED(a, saved);
}

static void
test_dist_subtract(void)
{
	CxDist		a,
				b,
				b_saved,
				empty;

	/* a = {5,0,3,2,7,1,4} (n 22) on 1..7; b = {2,0,3,0,1,0,4} (n 10) */
	cx_dist_init(&a);
	cx_dist_init(&b);
	cx_dist_init(&empty);
	{
		const int64_t ca[] = {5, 0, 3, 2, 7, 1, 4};
		const int64_t cb[] = {2, 0, 3, 0, 1, 0, 4};

		for (int i = 0; i < 7; i++)
		{
			a.count[i] = ca[i];
			b.count[i] = cb[i];
		}
	}
	CHECK_STATUS(cx_dist_finish(&a, 7), CX_OK);
	CHECK_STATUS(cx_dist_finish(&b, 7), CX_OK);
	CHECK_I64(a.n, 22);
	CHECK_I64(b.n, 10);
	b_saved = b;

	/* a - b = {3,0,0,2,6,1,0}, n = 22 - 10 = 12 */
	CHECK_STATUS(cx_dist_subtract(&a, &b, 7), CX_OK);
	CHECK_DIST(a, 12, 3, 0, 0, 2, 6, 1, 0);
	CHECK_UNCHANGED(b, b_saved);
	CHECK_STATUS(cx_dist_validate(&a, 7), CX_OK);

	/* subtracting the empty distribution is the identity */
	CHECK_STATUS(cx_dist_subtract(&a, &empty, 7), CX_OK);
	CHECK_DIST(a, 12, 3, 0, 0, 2, 6, 1, 0);

	/* a distribution minus itself is empty (through an alias, too) */
	CHECK_STATUS(cx_dist_subtract(&a, &a, 7), CX_OK);
	CHECK_UNCHANGED(a, empty);

	/* merge then subtract gives the original back */
	a = b_saved;
	CHECK_STATUS(cx_dist_merge(&a, &b, 7), CX_OK);
	CHECK_STATUS(cx_dist_subtract(&a, &b, 7), CX_OK);
	CHECK_UNCHANGED(a, b_saved);
}

static void
test_dist_subtract_negative(void)
{
	CxDist		a,
				b,
				saved;

	/*
	 * a = {4,4,4,4,4} (n 20), b = {1,1,1,1,5} (n 9): b has a smaller total
	 * and is contained everywhere except on the LAST point, so an
	 * implementation that modified dst before noticing would show it.
	 */
	cx_dist_init(&a);
	cx_dist_init(&b);
	for (int i = 0; i < 5; i++)
	{
		a.count[i] = 4;
		b.count[i] = 1;
	}
	b.count[4] = 5;
	cx_dist_finish(&a, 5);
	cx_dist_finish(&b, 5);
	saved = a;
	CHECK_STATUS(cx_dist_subtract(&a, &b, 5), CX_NEGATIVE);
	CHECK_UNCHANGED(a, saved);

	/* not contained on the first point */
	cx_dist_init(&b);
	b.count[0] = 5;
	cx_dist_finish(&b, 5);
	CHECK_STATUS(cx_dist_subtract(&a, &b, 5), CX_NEGATIVE);
	CHECK_UNCHANGED(a, saved);

	/* anything non-empty from the empty distribution */
	cx_dist_init(&a);
	saved = a;
	cx_dist_init(&b);
	cx_dist_add(&b, 10);
	CHECK_STATUS(cx_dist_subtract(&a, &b, 11), CX_NEGATIVE);
	CHECK_UNCHANGED(a, saved);
}

static void
test_dist_finish(void)
{
	CxDist		d;

	/* a garbage n is replaced by the sum: 3 + 0 + 9 + 1 = 13 */
	cx_dist_init(&d);
	d.n = -42;
	d.count[0] = 3;
	d.count[2] = 9;
	d.count[3] = 1;
	CHECK_STATUS(cx_dist_finish(&d, 4), CX_OK);
	CHECK_DIST(d, 13, 3, 0, 9, 1);

	/* all-zero counts: n = 0 */
	cx_dist_init(&d);
	d.n = 99;
	CHECK_STATUS(cx_dist_finish(&d, 11), CX_OK);
	CHECK_I64(d.n, 0);

	/* the extremes of npoints are valid: 1 and 11 */
	cx_dist_init(&d);
	d.count[0] = 8;
	CHECK_STATUS(cx_dist_finish(&d, 1), CX_OK);
	CHECK_I64(d.n, 8);
	cx_dist_init(&d);
	for (int i = 0; i < 11; i++)
		d.count[i] = 100 + i;	/* 1100 + (0+...+10 = 55) = 1155 */
	CHECK_STATUS(cx_dist_finish(&d, 11), CX_OK);
	CHECK_I64(d.n, 1155);

	/* a sum of exactly INT64_MAX is fine */
	cx_dist_init(&d);
	d.count[0] = INT64_MAX - 10;
	d.count[4] = 10;
	CHECK_STATUS(cx_dist_finish(&d, 5), CX_OK);
	CHECK_I64(d.n, INT64_MAX);
}

static void
test_dist_finish_errors(void)
{
	CxDist		d;

	/* a negative count, anywhere on the scale */
	for (int i = 0; i < 11; i++)
	{
		cx_dist_init(&d);
		d.count[0] = 10;
		d.count[i] = -1;
		CHECK_STATUS(cx_dist_finish(&d, 11), CX_NEGATIVE);
	}
	cx_dist_init(&d);
	d.count[2] = INT64_MIN;
	CHECK_STATUS(cx_dist_finish(&d, 5), CX_NEGATIVE);

	/*
	 * counts whose sum overflows: 2^62 + 2^62 = 2^63 = INT64_MAX + 1; also
	 * INT64_MAX + 1 on the last point, and eleven counts of 2^60 (11 * 2^60
	 * > 8 * 2^60 = 2^63).
	 */
	cx_dist_init(&d);
	d.count[0] = INT64_C(1) << 62;
	d.count[1] = INT64_C(1) << 62;
	CHECK_STATUS(cx_dist_finish(&d, 5), CX_OVERFLOW);
	cx_dist_init(&d);
	d.count[0] = INT64_MAX;
	d.count[10] = 1;
	CHECK_STATUS(cx_dist_finish(&d, 11), CX_OVERFLOW);
	cx_dist_init(&d);
	for (int i = 0; i < 11; i++)
		d.count[i] = INT64_C(1) << 60;
	CHECK_STATUS(cx_dist_finish(&d, 11), CX_OVERFLOW);
	/* ... but seven of them fit: 7 * 2^60 < 2^63 */
	cx_dist_init(&d);
	for (int i = 0; i < 7; i++)
		d.count[i] = INT64_C(1) << 60;
	CHECK_STATUS(cx_dist_finish(&d, 7), CX_OK);
	CHECK_I64(d.n, 7 * (INT64_C(1) << 60));

	/* a nonzero count past npoints, for every such position */
	for (int np = 1; np < 11; np++)
		for (int i = np; i < 11; i++)
		{
			cx_dist_init(&d);
			d.count[i] = 1;
			CHECK_STATUS(cx_dist_finish(&d, np), CX_BAD_SCALE);
		}

	/* npoints outside 1..11 */
	cx_dist_init(&d);
	d.count[0] = 1;
	CHECK_STATUS(cx_dist_finish(&d, 0), CX_BAD_SCALE);
	CHECK_STATUS(cx_dist_finish(&d, 12), CX_BAD_SCALE);
	CHECK_STATUS(cx_dist_finish(&d, -1), CX_BAD_SCALE);
	CHECK_STATUS(cx_dist_finish(&d, 1000), CX_BAD_SCALE);
}

static void
test_dist_validate(void)
{
	CxDist		d,
				saved;

	/* {2,3,0,5} n 10 on 1..4 */
	cx_dist_init(&d);
	d.count[0] = 2;
	d.count[1] = 3;
	d.count[3] = 5;
	d.n = 10;
	saved = d;
	CHECK_STATUS(cx_dist_validate(&d, 4), CX_OK);
	CHECK_STATUS(cx_dist_validate(&d, 11), CX_OK);	/* wider scale: fine */
	CHECK_UNCHANGED(d, saved);	/* validate never writes */

	/* a wrong stored total, either way */
	d.n = 11;
	CHECK_STATUS(cx_dist_validate(&d, 4), CX_BAD_TOTAL);
	d.n = 9;
	CHECK_STATUS(cx_dist_validate(&d, 4), CX_BAD_TOTAL);
	d.n = 0;
	CHECK_STATUS(cx_dist_validate(&d, 4), CX_BAD_TOTAL);
	d.n = -10;
	CHECK_STATUS(cx_dist_validate(&d, 4), CX_BAD_TOTAL);
	CHECK_I64(d.n, -10);		/* still not "fixed" */

	/* the other errors come through as well */
	d = saved;
	CHECK_STATUS(cx_dist_validate(&d, 3), CX_BAD_SCALE);	/* count[3] = 5 */
	CHECK_STATUS(cx_dist_validate(&d, 0), CX_BAD_SCALE);
	d.count[1] = -3;
	d.n = 4;					/* 2 - 3 + 5 = 4, "consistent" but negative */
	CHECK_STATUS(cx_dist_validate(&d, 4), CX_NEGATIVE);
	cx_dist_init(&d);
	d.count[0] = INT64_MAX;
	d.count[1] = 1;
	d.n = INT64_MIN;			/* what a wrapping sum would give */
	CHECK_STATUS(cx_dist_validate(&d, 2), CX_OVERFLOW);
}

static void
test_dist_range(void)
{
	CxDist		d;
	static const int scores[] = {10, 10, 9, 8, 7, 6, 0, 3, 9, 10};

	/*
	 * NPS responses 10,10,9,8,7,6,0,3,9,10: promoters (9-10) = 10,10,9,9,10
	 * = 5; passives (7-8) = 8,7 = 2; detractors (0-6) = 6,0,3 = 3.
	 */
	cx_dist_init(&d);
	for (size_t k = 0; k < sizeof(scores) / sizeof(scores[0]); k++)
		cx_dist_add(&d, scores[k]);
	CHECK_I64(cx_dist_range(&d, 11, 9, 10), 5);
	CHECK_I64(cx_dist_range(&d, 11, 7, 8), 2);
	CHECK_I64(cx_dist_range(&d, 11, 0, 6), 3);
	CHECK_I64(cx_dist_range(&d, 11, 0, 10), 10);
	CHECK_I64(cx_dist_range(&d, 11, 10, 10), 3);
	CHECK_I64(cx_dist_range(&d, 11, 1, 2), 0);

	/* clipping: from < 0 -> 0, to >= npoints -> npoints - 1 */
	CHECK_I64(cx_dist_range(&d, 11, -5, 6), 3);
	CHECK_I64(cx_dist_range(&d, 11, 9, 100), 5);
	CHECK_I64(cx_dist_range(&d, 11, -1000, 1000), 10);
	CHECK_I64(cx_dist_range(&d, 11, INT32_MIN, INT32_MAX), 10);
	/* empty or wholly outside ranges sum to 0 */
	CHECK_I64(cx_dist_range(&d, 11, 6, 5), 0);
	CHECK_I64(cx_dist_range(&d, 11, 11, 20), 0);
	CHECK_I64(cx_dist_range(&d, 11, -10, -1), 0);

	/*
	 * Clipping is to the scale, not to the array: only count[0..npoints-1]
	 * are read.  Observe it with stray counts planted past a 1..5 scale (an
	 * invalid distribution, used only to see which counters are read).
	 * Counts {1,2,3,4,5} -> 15 whatever lies beyond.
	 */
	cx_dist_init(&d);
	for (int i = 0; i < 5; i++)
		d.count[i] = i + 1;
	d.count[5] = 1000;
	d.count[10] = 1000000;
	CHECK_I64(cx_dist_range(&d, 5, 0, 10), 15);
	CHECK_I64(cx_dist_range(&d, 5, 3, 7), 9);	/* 4 + 5 */
	CHECK_I64(cx_dist_range(&d, 5, -3, 1), 3);	/* 1 + 2 */
	CHECK_I64(cx_dist_range(&d, 5, 5, 10), 0);

	/* sums near INT64_MAX do not overflow on a valid distribution */
	cx_dist_init(&d);
	d.count[0] = INT64_MAX - 3;
	d.count[1] = 3;
	cx_dist_finish(&d, 2);
	CHECK_I64(cx_dist_range(&d, 2, 0, 1), INT64_MAX);
}

/* ---------------------------------------------------------------------
 * Randomized property test against a naive model
 * ---------------------------------------------------------------------
 */

static uint64_t rng_state = UINT64_C(0x5eed2024c0ffee01);

static uint64_t
rng_next(void)
{
	return cx_splitmix64(&rng_state);
}

static int
rng_int(int lo, int hi)			/* uniform-ish in [lo, hi] */
{
	return lo + (int) (rng_next() % (uint64_t) (hi - lo + 1));
}

static int64_t
rng_i64(int64_t lo, int64_t hi)	/* 0 <= lo <= hi */
{
	return lo + (int64_t) (rng_next() % ((uint64_t) (hi - lo) + 1));
}

/* the model: plain arrays, overflow checked by hand */
typedef struct Model
{
	int			npoints;
	int64_t		n;
	int64_t		c[CX_MAX_POINTS];
} Model;

/* a + b > INT64_MAX, for a, b >= 0 */
static bool
model_sum_overflows(int64_t a, int64_t b)
{
	return a > INT64_MAX - b;
}

static bool
dist_matches(const CxDist *d, const Model *m)
{
	if (d->n != m->n)
		return false;
	for (int i = 0; i < CX_MAX_POINTS; i++)
		if (d->count[i] != (i < m->npoints ? m->c[i] : 0))
			return false;
	return true;
}

/* a random valid distribution on the scale: small, or with huge counts */
static void
random_counts(int64_t *c, int npoints, bool huge)
{
	int64_t		left = huge ? rng_i64(0, INT64_MAX) : rng_i64(0, 40);

	for (int i = 0; i < CX_MAX_POINTS; i++)
		c[i] = 0;
	for (int i = 0; i < npoints && left > 0; i++)
	{
		int64_t		v = (i == npoints - 1) ? left : rng_i64(0, left);

		if (rng_int(0, 3) == 0)
			v = 0;
		c[i] = v;
		left -= v;
	}
}

static void
test_dist_random_ops(void)
{
	enum
	{
		OP_ADD, OP_REMOVE, OP_MERGE, OP_SUBTRACT, OP_FINISH, OP_VALIDATE,
		OP_RANGE, NOPS
	};
	static const int scales[3] = {11, 5, 7};	/* 0..10, 1..5, 1..7 */
	CxDist		dist[3];
	Model		model[3];
	long		seen[NOPS][5];	/* [op][status]: coverage */
	long		mismatches = 0;
	long		invariant_failures = 0;
	const long	iterations = 100000;

	memset(seen, 0, sizeof(seen));
	for (int s = 0; s < 3; s++)
	{
		cx_dist_init(&dist[s]);
		memset(&model[s], 0, sizeof(model[s]));
		model[s].npoints = scales[s];
	}

	for (long it = 0; it < iterations; it++)
	{
		int			s = rng_int(0, 2);
		CxDist	   *d = &dist[s];
		Model	   *m = &model[s];
		int			np = m->npoints;
		int			r = rng_int(0, 999);
		int			op;
		CxStatus	got = CX_OK,
					want = CX_OK;
		bool		state_checked_ok = true;

		if (r < 350)
			op = OP_ADD;
		else if (r < 650)
			op = OP_REMOVE;
		else if (r < 760)
			op = OP_MERGE;
		else if (r < 870)
			op = OP_SUBTRACT;
		else if (r < 930)
			op = OP_FINISH;
		else if (r < 965)
			op = OP_VALIDATE;
		else
			op = OP_RANGE;

		switch (op)
		{
			case OP_ADD:
				{
					int			i = rng_int(0, np - 1);

					want = m->n == INT64_MAX ? CX_OVERFLOW : CX_OK;
					got = cx_dist_add(d, i);
					if (want == CX_OK)
					{
						m->n++;
						m->c[i]++;
					}
					break;
				}
			case OP_REMOVE:
				{
					int			i = rng_int(0, np - 1);

					want = m->c[i] == 0 ? CX_NEGATIVE : CX_OK;
					got = cx_dist_remove(d, i);
					if (want == CX_OK)
					{
						m->n--;
						m->c[i]--;
					}
					break;
				}
			case OP_MERGE:
				{
					int64_t		c[CX_MAX_POINTS];
					int64_t		sn = 0;
					CxDist		src,
								src_saved;

					random_counts(c, np, rng_int(0, 9) == 0);
					cx_dist_init(&src);
					for (int i = 0; i < np; i++)
					{
						src.count[i] = c[i];
						sn += c[i];	/* cannot overflow: built from one budget */
					}
					src.n = sn;
					src_saved = src;
					want = model_sum_overflows(m->n, sn) ? CX_OVERFLOW : CX_OK;
					got = cx_dist_merge(d, &src, np);
					if (memcmp(&src, &src_saved, sizeof(src)) != 0)
						state_checked_ok = false;
					if (want == CX_OK)
					{
						m->n += sn;
						for (int i = 0; i < np; i++)
							m->c[i] += c[i];
					}
					break;
				}
			case OP_SUBTRACT:
				{
					int64_t		c[CX_MAX_POINTS];
					int64_t		sn = 0;
					CxDist		src;

					if (rng_int(0, 1) == 0)
					{
						/* a random sub-distribution: always contained */
						for (int i = 0; i < CX_MAX_POINTS; i++)
							c[i] = i < np ? rng_i64(0, m->c[i]) : 0;
					}
					else
						random_counts(c, np, rng_int(0, 9) == 0);
					cx_dist_init(&src);
					want = CX_OK;
					for (int i = 0; i < np; i++)
					{
						src.count[i] = c[i];
						sn += c[i];	/* each c[i] <= m->c[i], or one budget */
						if (c[i] > m->c[i])
							want = CX_NEGATIVE;
					}
					src.n = sn;
					got = cx_dist_subtract(d, &src, np);
					if (want == CX_OK)
					{
						m->n -= sn;
						for (int i = 0; i < np; i++)
							m->c[i] -= c[i];
					}
					break;
				}
			case OP_FINISH:
				{
					/*
					 * Untrusted counts with at most one kind of defect; on
					 * success they become the new state.
					 */
					CxDist		raw;
					int64_t		c[CX_MAX_POINTS];
					int			kind = rng_int(0, 5);
					int			try_np = np;

					if (kind == 0)
					{
						/* near the top: sum is INT64_MAX - k, k in 0..3 */
						int64_t		total = INT64_MAX - rng_int(0, 3);

						for (int i = 0; i < CX_MAX_POINTS; i++)
							c[i] = i < np ? total / np : 0;
						c[0] += total % np;
					}
					else
						random_counts(c, np, kind == 1);
					cx_dist_init(&raw);
					for (int i = 0; i < CX_MAX_POINTS; i++)
						raw.count[i] = c[i];
					raw.n = (int64_t) rng_next();	/* garbage */
					want = CX_OK;
					if (kind == 2)
					{
						int			i = rng_int(0, np - 1);

						raw.count[i] = -rng_i64(1, INT64_MAX);
						want = CX_NEGATIVE;
					}
					else if (kind == 3 && np < CX_MAX_POINTS)
					{
						raw.count[rng_int(np, CX_MAX_POINTS - 1)] = rng_i64(1, 5);
						want = CX_BAD_SCALE;
					}
					else if (kind == 4)
					{
						/* total beyond INT64_MAX: add to a point past the sum */
						int64_t		sum = 0;
						int			i = rng_int(0, np - 1);

						for (int j = 0; j < np; j++)
							if (j != i)
								sum += raw.count[j];
						if (sum > 0)
						{
							raw.count[i] = rng_i64(INT64_MAX - sum + 1, INT64_MAX);
							want = CX_OVERFLOW;
						}
						else
						{
							raw.count[i] = rng_i64(0, INT64_MAX);
							want = CX_OK;
						}
					}
					else if (kind == 5)
					{
						try_np = rng_int(0, 1) ? 0 : rng_int(12, 20);
						want = CX_BAD_SCALE;
					}
					got = cx_dist_finish(&raw, try_np);
					if (want == CX_OK)
					{
						int64_t		sum = 0;

						/* model total: checked sum of the plain array */
						for (int i = 0; i < np; i++)
						{
							if (model_sum_overflows(sum, raw.count[i]))
								want = CX_OVERFLOW;
							else
								sum += raw.count[i];
						}
						if (want == CX_OK)
						{
							if (raw.n != sum)
								state_checked_ok = false;
							for (int i = 0; i < np; i++)
								m->c[i] = raw.count[i];
							m->n = sum;
							if (got == CX_OK)
								*d = raw;
						}
					}
					break;
				}
			case OP_VALIDATE:
				{
					CxDist		copy = *d;

					want = CX_OK;
					got = cx_dist_validate(d, np);
					if (got == want)
					{
						/* a corrupted total must be caught */
						if (copy.n == INT64_MAX || rng_int(0, 1))
							copy.n--;
						else
							copy.n++;
						want = CX_BAD_TOTAL;
						got = cx_dist_validate(&copy, np);
					}
					break;
				}
			case OP_RANGE:
				{
					int			from = rng_int(-3, np + 2);
					int			to = rng_int(-3, np + 2);
					int64_t		expect = 0;

					for (int i = from < 0 ? 0 : from; i <= to && i < np; i++)
						expect += m->c[i];
					if (cx_dist_range(d, np, from, to) != expect)
						state_checked_ok = false;
					break;
				}
		}

		seen[op][got <= CX_BAD_SCALE ? got : 0]++;
		if (got != want || !state_checked_ok || !dist_matches(d, m))
		{
			mismatches++;
			if (tap_fail(__LINE__, "random op"))
				tap_diag("# iteration %ld, scale %d, op %d: got %s, expected %s; "
					  "n=%" PRId64 " model n=%" PRId64 "%s\n",
					  it, np, op, status_name(got), status_name(want),
					  d->n, m->n, state_checked_ok ? "" : " (result/side check failed)");
			/* resynchronise so one bug does not cascade */
			cx_dist_init(d);
			for (int i = 0; i < np; i++)
				d->count[i] = m->c[i];
			d->n = m->n;
		}
		if (cx_dist_validate(d, np) != CX_OK)
		{
			invariant_failures++;
			if (tap_fail(__LINE__, "cx_dist_validate(d, np) after op"))
				tap_diag("# iteration %ld: got %s, expected CX_OK\n",
					  it, status_name(cx_dist_validate(d, np)));
		}
	}
	CHECK_I64(mismatches, 0);
	CHECK_I64(invariant_failures, 0);

	/* the walk must actually have reached every interesting outcome */
	CHECK(seen[OP_ADD][CX_OK] > 1000);
	CHECK(seen[OP_ADD][CX_OVERFLOW] > 0);
	CHECK(seen[OP_REMOVE][CX_OK] > 1000);
	CHECK(seen[OP_REMOVE][CX_NEGATIVE] > 0);
	CHECK(seen[OP_MERGE][CX_OK] > 100);
	CHECK(seen[OP_MERGE][CX_OVERFLOW] > 0);
	CHECK(seen[OP_SUBTRACT][CX_OK] > 100);
	CHECK(seen[OP_SUBTRACT][CX_NEGATIVE] > 0);
	CHECK(seen[OP_FINISH][CX_OK] > 0);
	CHECK(seen[OP_FINISH][CX_NEGATIVE] > 0);
	CHECK(seen[OP_FINISH][CX_OVERFLOW] > 0);
	CHECK(seen[OP_FINISH][CX_BAD_SCALE] > 0);
	CHECK(seen[OP_VALIDATE][CX_BAD_TOTAL] > 0);
}

/* ---------------------------------------------------------------------
 * Normal distribution
 * ---------------------------------------------------------------------
 */

/*
 * Planning: the Wald margin and the sample size for a margin.  Worked by
 * hand with z = 1.959963984540054: the worst case at n = 100 is 19.5996...
 * points; 5 points need (195.9963984540054 / 5)^2 = 1536.58 -> 1537
 * responses, a CSAT share (var 0.25) 384.15 -> 385.
 */
static void
test_wald_planning(void)
{
	double		z = 1.959963984540054;
	int64_t		n;

	CHECK_NEAR(cx_wald_margin(1.0, 100, z), 19.59963984540054, 1e-12);
	CHECK_NEAR(cx_wald_margin(0.25, 385, z), 4.994450700198681, 1e-12);
	CHECK_DBL_EQ(cx_wald_margin(0.0, 10, z), 0.0);
	CHECK_DBL_EQ(cx_net_variance(0.5, 0.5), 1.0);
	CHECK_NEAR(cx_net_variance(0.5, 0.2), 0.61, 1e-15);
	CHECK_DBL_EQ(cx_net_variance(1.0, 0.0), 0.0);
	CHECK(cx_wald_sample_size(1.0, 5.0, z, &n));
	CHECK_I64(n, 1537);
	CHECK(cx_wald_sample_size(0.25, 5.0, z, &n));
	CHECK_I64(n, 385);
	/* the margin of n responses asks for n, for every n up to 5000 */
	for (int k = 1; k <= 5000; k++)
	{
		CHECK(cx_wald_sample_size(1.0, cx_wald_margin(1.0, k, z), z, &n));
		CHECK_I64(n, k);
	}
	/* no variance: one response; a margin too small for int64: false */
	CHECK(cx_wald_sample_size(0.0, 1.0, z, &n));
	CHECK_I64(n, 1);
	CHECK(!cx_wald_sample_size(1.0, 1e-10, z, &n));
	CHECK(!cx_wald_sample_size(1.0, 1e-300, z, &n));
	/* above 2^52 no stepping: the ceiling itself */
	CHECK(cx_wald_sample_size(1.0, 1e-6, z, &n));
	CHECK(n > (INT64_C(1) << 52));
}

static void
test_norm_cdf_points(void)
{
	/* Phi(0) = 1/2 exactly */
	CHECK_DBL_EQ(cx_norm_cdf(0.0), 0.5);
	/* mpmath: Phi(1.959963984540054) = 0.97499999999999998912 */
	CHECK_NEAR(cx_norm_cdf(1.959963984540054), 0.975, 1e-15);
	CHECK_NEAR(cx_norm_cdf(-1.959963984540054), 0.025, 1e-15);
	/* mpmath: Phi(-1) = 0.1586552539314570514147675 */
	CHECK_REL(cx_norm_cdf(-1.0), 0.15865525393145705, 2e-15);
	CHECK_NEAR(cx_norm_cdf(1.0), 1.0 - 0.15865525393145705, 2e-15);
	/* published table: Phi(3) = 0.99865010; mpmath 0.9986501019683699 */
	CHECK_NEAR(cx_norm_cdf(3.0), 0.9986501019683699, 2e-15);
	/* symmetry Phi(x) + Phi(-x) = 1 on a grid */
	for (int k = -80; k <= 80; k++)
	{
		double		x = k / 10.0;

		CHECK_NEAR(cx_norm_cdf(x) + cx_norm_cdf(-x), 1.0, 4e-16);
	}
	/* monotone on a fine grid */
	for (int k = -4000; k < 4000; k++)
		CHECK(cx_norm_cdf(k / 500.0) <= cx_norm_cdf((k + 1) / 500.0));
}

static void
test_norm_cdf_tails(void)
{
	/*
	 * Lower tail with full relative accuracy (mpmath ncdf at 50 digits):
	 * Phi(-5)  = 2.866515718791939e-07
	 * Phi(-10) = 7.619853024160526065973343e-24
	 * Phi(-20) = 2.7536241186062337e-89
	 * Phi(-37) = 5.725571222524577e-300
	 * Phi(-37.5) = 4.6053530095819548e-308 (subnormal boundary)
	 */
	CHECK_REL(cx_norm_cdf(-5.0), 2.866515718791939e-07, 1e-13);
	CHECK_REL(cx_norm_cdf(-10.0), 7.619853024160527e-24, 1e-13);
	CHECK_REL(cx_norm_cdf(-20.0), 2.7536241186062337e-89, 1e-12);
	CHECK_REL(cx_norm_cdf(-37.0), 5.725571222524577e-300, 1e-12);
	CHECK_REL(cx_norm_cdf(-37.5), 4.6053530095819548e-308, 1e-10);
	/* upper tail saturates at 1, never above */
	CHECK_DBL_EQ(cx_norm_cdf(10.0), 1.0);
	CHECK_DBL_EQ(cx_norm_cdf(40.0), 1.0);
	/* the limits and NaN */
	CHECK_DBL_EQ(cx_norm_cdf(-INFINITY), 0.0);
	CHECK_DBL_EQ(cx_norm_cdf(INFINITY), 1.0);
	CHECK_DBL_EQ(cx_norm_cdf(-1e10), 0.0);
	CHECK_NAN(cx_norm_cdf(NAN));
}

static void
test_norm_quantile_reference(void)
{
	/*
	 * x = Phi^-1(p) for p the double nearest the decimal shown, by
	 * mpmath findroot on ncdf at 50 digits; agrees with python's
	 * NormalDist().inv_cdf to <= 2e-15 and with published tables
	 * (z_.975 = 1.959963984540054, z_.999 = 3.090232306167814,
	 * z_.95 = 1.644853626951473, z_.90 = 1.281551565544601).  Note that
	 * 1-1e-6 etc. are the doubles nearest those decimals, so e.g. the
	 * reference for 1-1e-6 is 4.753424308817087, not 4.753424308822899.
	 */
	static const struct
	{
		double		p;
		double		x;
	}			ref[] = {
		{1e-12, -7.034483825301132},
		{1e-10, -6.361340902404057},
		{1e-6, -4.753424308822899},
		{0.001, -3.0902323061678136},
		{0.025, -1.9599639845400543},
		{0.05, -1.6448536269514726},
		{0.1, -1.2815515655446004},
		{0.3, -0.5244005127080408},
		{0.5, 0.0},
		{0.7, 0.5244005127080407},
		{0.9, 1.2815515655446006},
		{0.95, 1.6448536269514722},
		{0.975, 1.9599639845400538},
		{0.999, 3.090232306167813},
		{1 - 1e-6, 4.753424308817087},
		{1 - 1e-10, 6.361340889697422},
		{1 - 1e-12, 7.0344869100478356},
		/* deep tail, also by findroot on log(ncdf) */
		{1e-300, -37.0470962993612},
		{2.2250738585072014e-308, -37.5193793471445},	/* DBL_MIN */
		{5e-324, -38.467405617144344},	/* smallest subnormal */
	};

	for (size_t k = 0; k < sizeof(ref) / sizeof(ref[0]); k++)
	{
		double		got = cx_norm_quantile(ref[k].p);

		/* the contract: absolute error below 1e-9 */
		CHECK_NEAR(got, ref[k].x, 1e-9);
		/*
		 * AS241 is good to ~1e-16 relative; allow a few ulps of rounding in
		 * the evaluation (3e-15 is ~13 ulps near |x| = 1; this code shows at
		 * most ~5), which still catches a wrong branch point or a
		 * coefficient typo that matters in double precision.
		 */
		CHECK_NEAR(got, ref[k].x, 3e-15 * fmax(1.0, fabs(ref[k].x)));
	}
	CHECK_DBL_EQ(cx_norm_quantile(0.5), 0.0);
}

static void
test_norm_quantile_symmetry(void)
{
	/* for dyadic p >= 2^-53, 1 - p is exact, so Phi^-1(1-p) = -Phi^-1(p) */
	for (int e = 2; e <= 53; e++)
	{
		double		p = ldexp(1.0, -e);

		CHECK_NEAR(cx_norm_quantile(1.0 - p), -cx_norm_quantile(p),
				   1e-14 * fabs(cx_norm_quantile(p)));
	}
	for (int k = 1; k < 64; k++)
	{
		double		p = k / 128.0;

		CHECK_NEAR(cx_norm_quantile(1.0 - p), -cx_norm_quantile(p), 1e-15);
		CHECK(cx_norm_quantile(p) < 0.0);
	}
}

static void
test_norm_quantile_sweep(void)
{
	/*
	 * A dense sweep over (1e-12, 1 - 1e-12): Phi(Phi^-1(p)) must give p
	 * back to near machine precision, relative to the smaller tail, and
	 * Phi^-1 must be non-decreasing.  Lower half: p = 10^(-12 + 12 t) for
	 * t in [0, 1) log-spaced, then linear; the upper half mirrors it via
	 * the exact complement (1 - p is exact for p >= 0.5 by Sterbenz).
	 */
	double		prev = -INFINITY;
	double		worst = 0.0,
				worst_p = 0.0;
	double		worst_dx = 0.0,
				worst_dx_p = 0.0;
	const int	steps = 200000;
	static double pts[2 * 200000 + 2];
	int			npts = 0;

	for (int k = 0; k < steps / 2; k++)	/* 1e-12 .. ~1e-2, log-spaced */
		pts[npts++] = pow(10.0, -12.0 + 10.0 * k / (steps / 2));
	for (int k = 0; k < steps / 2; k++)	/* 1e-2 .. ~0.5, linear */
		pts[npts++] = 0.01 + 0.49 * k / (steps / 2);
	pts[npts++] = 0.5;
	for (int k = npts - 2; k >= 0; k--)	/* mirror: 1 - p, p from 0.49.. */
		pts[npts++] = 1.0 - pts[k];

	for (int k = 0; k < npts; k++)
	{
		double		p = pts[k];
		double		x = cx_norm_quantile(p);
		double		err;

		if (!(x >= prev))
		{
			if (tap_fail(__LINE__, "quantile non-decreasing"))
				tap_diag("# got Phi^-1(%.17g) = %.17g < previous %.17g\n", p, x, prev);
		}
		prev = x;
		if (p < 0.5)
			err = fabs(cx_norm_cdf(x) - p) / p;
		else
			err = fabs(cx_norm_cdf(-x) - (1.0 - p)) / (1.0 - p);
		if (!(err <= worst))
		{
			worst = err;
			worst_p = p;
		}

		/*
		 * The error in x itself, by one Newton step on Phi(x) = p:
		 * dx = (Phi(x) - p) / phi(x), phi(x) = exp(-x^2/2) / sqrt(2 pi),
		 * sqrt(2 pi) = 2.5066282746310002.  Relative to max(1, |x|).
		 */
		{
			double		resid = p < 0.5 ? cx_norm_cdf(x) - p
				: (1.0 - p) - cx_norm_cdf(-x);
			double		dens = exp(-0.5 * x * x) / 2.5066282746310002;
			double		dx = fabs(resid / dens) / fmax(1.0, fabs(x));

			if (!(dx <= worst_dx))
			{
				worst_dx = dx;
				worst_dx_p = p;
			}
		}
	}
	CHECK_I64(npts, 2 * steps + 1);
	if (!(worst < 1e-13) && tap_fail(__LINE__, "|Phi(Phi^-1(p)) - p| / min(p, 1-p)"))
		tap_diag("# got %.3g at p = %.17g, expected < 1e-13\n", worst, worst_p);
	if (!(worst_dx < 3e-15) && tap_fail(__LINE__, "|x - Phi^-1(p)| / max(1, |x|) by Newton step"))
		tap_diag("# got %.3g at p = %.17g, expected < 3e-15\n", worst_dx, worst_dx_p);
}

static void
test_norm_quantile_domain(void)
{
	CHECK_NAN(cx_norm_quantile(0.0));
	CHECK_NAN(cx_norm_quantile(-0.0));
	CHECK_NAN(cx_norm_quantile(1.0));
	CHECK_NAN(cx_norm_quantile(-0.1));
	CHECK_NAN(cx_norm_quantile(1.1));
	CHECK_NAN(cx_norm_quantile(-INFINITY));
	CHECK_NAN(cx_norm_quantile(INFINITY));
	CHECK_NAN(cx_norm_quantile(NAN));
	/* just inside the domain: finite */
	CHECK(isfinite(cx_norm_quantile(nextafter(0.0, 1.0))));
	CHECK(isfinite(cx_norm_quantile(nextafter(1.0, 0.0))));
	/* 1 - 2^-53: Phi^-1 = 8.209536151601387 (mpmath) */
	CHECK_NEAR(cx_norm_quantile(nextafter(1.0, 0.0)), 8.209536151601387, 1e-12);
}

static void
test_z_for_confidence(void)
{
	/*
	 * z = Phi^-1(0.5 + c/2), mpmath sqrt(2) * erfinv(c):
	 * 0.95 -> 1.9599639845400542, 0.90 -> 1.6448536269514727,
	 * 0.99 -> 2.5758293035489004 (tables: 1.960, 1.645, 2.576);
	 * 0.6826894921370859 (= erf(1/sqrt2), the one-sigma mass) -> 1.
	 */
	CHECK_NEAR(cx_z_for_confidence(0.95), 1.959963984540054, 1e-12);
	CHECK_NEAR(cx_z_for_confidence(0.90), 1.6448536269514722, 1e-12);
	CHECK_NEAR(cx_z_for_confidence(0.99), 2.5758293035489004, 1e-12);
	CHECK_NEAR(cx_z_for_confidence(0.6826894921370859), 1.0, 1e-12);
	/* tiny confidence -> tiny z, small but positive */
	CHECK(cx_z_for_confidence(1e-6) > 0.0);
	CHECK(cx_z_for_confidence(1e-6) < 1e-5);
	/* increasing in the level */
	CHECK(cx_z_for_confidence(0.8) < cx_z_for_confidence(0.9));
	CHECK(cx_z_for_confidence(0.99) < cx_z_for_confidence(0.999));

	CHECK_NAN(cx_z_for_confidence(0.0));
	CHECK_NAN(cx_z_for_confidence(1.0));
	CHECK_NAN(cx_z_for_confidence(-0.5));
	CHECK_NAN(cx_z_for_confidence(1.5));
	CHECK_NAN(cx_z_for_confidence(NAN));
}

/* ---------------------------------------------------------------------
 * NPS estimate
 * ---------------------------------------------------------------------
 */

static void
test_nps_estimate_basic(void)
{
	CxNet		e;

	/*
	 * 50 promoters, 30 passives, 20 detractors: n = 100, p = .5, d = .2,
	 * NPS = 100 * (.5 - .2) = 30; var = (p + d) - (p - d)^2 = .7 - .09 =
	 * .61; se = 100 * sqrt(.61 / 100) = 100 * sqrt(.0061) = 7.810249675906654.
	 */
	e = cx_net_estimate(50, 30, 20);
	CHECK_NEAR(e.n, 100.0, 0.0);
	CHECK_NEAR(e.net, 30.0, 1e-12);
	CHECK_NEAR(e.var, 0.61, 1e-15);
	CHECK_NEAR(e.se, 7.810249675906654, 1e-12);

	/* the same shares at a tenth of n: same NPS and var, se * sqrt(10) */
	e = cx_net_estimate(5, 3, 2);
	CHECK_NEAR(e.net, 30.0, 1e-12);
	CHECK_NEAR(e.var, 0.61, 1e-15);
	CHECK_NEAR(e.se, 7.810249675906654 * sqrt(10.0), 1e-12);

	/*
	 * 10 promoters, 5 passives, 25 detractors: n = 40, p = .25, d = .625,
	 * NPS = -37.5; var = .875 - .375^2 = .875 - .140625 = .734375 = 47/64;
	 * se = 100 * sqrt(.734375 / 40) = 13.549677117924249 (mpmath).
	 */
	e = cx_net_estimate(10, 5, 25);
	CHECK_NEAR(e.n, 40.0, 0.0);
	CHECK_NEAR(e.net, -37.5, 1e-12);
	CHECK_NEAR(e.var, 0.734375, 1e-15);
	CHECK_NEAR(e.se, 13.549677117924249, 1e-12);

	/*
	 * 3 promoters, 1 passive, 1 detractor... as counts from a distribution:
	 * see test_nps_from_distribution.  Here: 1 promoter, 0 passives,
	 * 9 detractors: p = .1, d = .9, NPS = -80, var = 1 - .64 = .36,
	 * se = 100 * sqrt(.036) = 18.973665961010276.
	 */
	e = cx_net_estimate(1, 0, 9);
	CHECK_NEAR(e.net, -80.0, 1e-12);
	CHECK_NEAR(e.var, 0.36, 1e-15);
	CHECK_NEAR(e.se, 18.973665961010276, 1e-12);

	/*
	 * Large counts: 3e12, 1e12, 1e12: n = 5e12, p = .6, d = .2, NPS = 40,
	 * var = .8 - .16 = .64, se = 100 * .8 / sqrt(5e12) = 3.577708763999663e-5.
	 */
	e = cx_net_estimate(3e12, 1e12, 1e12);
	CHECK_NEAR(e.net, 40.0, 1e-10);
	CHECK_NEAR(e.var, 0.64, 1e-14);
	CHECK_REL(e.se, 3.577708763999663e-5, 1e-12);
}

static void
test_nps_estimate_degenerate(void)
{
	CxNet		e;

	/* all promoters: NPS 100, var = 1 - 1^2 = 0, se 0 */
	e = cx_net_estimate(5, 0, 0);
	CHECK_DBL_EQ(e.net, 100.0);
	CHECK_DBL_EQ(e.var, 0.0);
	CHECK_DBL_EQ(e.se, 0.0);
	/* all detractors: NPS -100, var = 1 - (-1)^2 = 0, se 0 */
	e = cx_net_estimate(0, 0, 7);
	CHECK_DBL_EQ(e.net, -100.0);
	CHECK_DBL_EQ(e.var, 0.0);
	CHECK_DBL_EQ(e.se, 0.0);
	/* all passives: NPS 0, var = 0 - 0 = 0 */
	e = cx_net_estimate(0, 12, 0);
	CHECK_DBL_EQ(e.net, 0.0);
	CHECK_DBL_EQ(e.var, 0.0);
	CHECK_DBL_EQ(e.se, 0.0);
	/* a single response of each kind */
	e = cx_net_estimate(1, 0, 0);
	CHECK_DBL_EQ(e.n, 1.0);
	CHECK_DBL_EQ(e.net, 100.0);
	CHECK_DBL_EQ(e.se, 0.0);
	e = cx_net_estimate(0, 1, 0);
	CHECK_DBL_EQ(e.net, 0.0);
	CHECK_DBL_EQ(e.se, 0.0);
	e = cx_net_estimate(0, 0, 1);
	CHECK_DBL_EQ(e.net, -100.0);
	CHECK_DBL_EQ(e.se, 0.0);
	/*
	 * one promoter, one detractor: p = d = .5, NPS 0, var = 1 - 0 = 1,
	 * se = 100 * sqrt(1/2) = 70.71067811865476: the largest variance.
	 */
	e = cx_net_estimate(1, 0, 1);
	CHECK_NEAR(e.net, 0.0, 1e-12);
	CHECK_NEAR(e.var, 1.0, 1e-15);
	CHECK_NEAR(e.se, 70.71067811865476, 1e-12);
	/* shares that round: 1/3 each -> var = 2/3 - 0 (never negative) */
	e = cx_net_estimate(1, 1, 1);
	CHECK_NEAR(e.net, 0.0, 1e-12);
	CHECK_NEAR(e.var, 2.0 / 3.0, 1e-15);
	CHECK(e.var >= 0.0);
}

static void
test_nps_estimate_fractional(void)
{
	CxNet		e;

	/*
	 * 2.5 promoters, 1 passive, 0.5 detractors: n = 4, p = .625, d = .125,
	 * NPS = 50, var = .75 - .25 = .5, se = 100 * sqrt(.5 / 4) =
	 * 100 * sqrt(.125) = 35.35533905932738.
	 */
	e = cx_net_estimate(2.5, 1.0, 0.5);
	CHECK_DBL_EQ(e.n, 4.0);
	CHECK_NEAR(e.net, 50.0, 1e-12);
	CHECK_NEAR(e.var, 0.5, 1e-15);
	CHECK_NEAR(e.se, 35.35533905932738, 1e-12);

	/*
	 * The adjusted counts of 5 promoters: 5.75, 1.5, 0.75; n' = 8,
	 * p' = .71875, d' = .09375, NPS' = 62.5, var' = .8125 - .625^2 =
	 * .8125 - .390625 = .421875 = 27/64, se' = 100 * sqrt(27/512) =
	 * 22.963966338592293 (mpmath).
	 */
	e = cx_net_estimate(5.75, 1.5, 0.75);
	CHECK_DBL_EQ(e.n, 8.0);
	CHECK_NEAR(e.net, 62.5, 1e-12);
	CHECK_NEAR(e.var, 0.421875, 1e-15);
	CHECK_NEAR(e.se, 22.963966338592293, 1e-12);

	/*
	 * 50.75, 31.5, 20.75 (adjusted 50/30/20): n' = 103, NPS' = 100 * 30/103
	 * = 29.12621359223301, var' = 71.5/103 - (30/103)^2 = 12929/21218 =
	 * 0.6093411254595155, se' = 7.691510421814756 (fractions + mpmath).
	 */
	e = cx_net_estimate(50.75, 31.5, 20.75);
	CHECK_DBL_EQ(e.n, 103.0);
	CHECK_NEAR(e.net, 29.12621359223301, 1e-12);
	CHECK_NEAR(e.var, 0.6093411254595155, 1e-15);
	CHECK_NEAR(e.se, 7.691510421814756, 1e-12);
}

static void
test_nps_from_distribution(void)
{
	CxDist		d;
	CxNet		e;
	static const int scores[] = {10, 10, 9, 8, 7, 6, 0, 3, 9, 10};

	/*
	 * The glue's path: promoters = range(9, 10) = 5, passives = range(7, 8)
	 * = 2, detractors = range(0, 6) = 3 (see test_dist_range).  p = .5,
	 * d = .3, NPS = 20, var = .8 - .04 = .76, se = 100 * sqrt(.076) =
	 * 27.568097504180443.
	 */
	cx_dist_init(&d);
	for (size_t k = 0; k < sizeof(scores) / sizeof(scores[0]); k++)
		CHECK_STATUS(cx_dist_add(&d, scores[k]), CX_OK);
	e = cx_net_estimate((double) cx_dist_range(&d, 11, 9, 10),
						(double) cx_dist_range(&d, 11, 7, 8),
						(double) cx_dist_range(&d, 11, 0, 6));
	CHECK_DBL_EQ(e.n, 10.0);
	CHECK_NEAR(e.net, 20.0, 1e-12);
	CHECK_NEAR(e.var, 0.76, 1e-15);
	CHECK_NEAR(e.se, 27.568097504180443, 1e-12);
}

/* ---------------------------------------------------------------------
 * Intervals
 * ---------------------------------------------------------------------
 */

static void
test_interval_wald(void)
{
	CxInterval	ci;

	/*
	 * 50/30/20, 95%: 30 -+ 1.959963984540054 * 7.810249675906654 =
	 * 30 -+ 15.307808075042674 = [14.692191924957326, 45.30780807504267]
	 * (mpmath).
	 */
	ci = cx_net_interval(50, 30, 20, Z95, CX_NET_WALD);
	CHECK_NEAR(ci.lower, 14.692191924957326, 1e-11);
	CHECK_NEAR(ci.upper, 45.30780807504267, 1e-11);

	/* 90%: z = 1.6448536269514722 -> [17.153282493188375, 42.84671750681162] */
	ci = cx_net_interval(50, 30, 20, 1.6448536269514722, CX_NET_WALD);
	CHECK_NEAR(ci.lower, 17.153282493188375, 1e-11);
	CHECK_NEAR(ci.upper, 42.84671750681162, 1e-11);

	/* 99%: z = 2.5758293035489004 -> lower 9.882130016766334 */
	ci = cx_net_interval(50, 30, 20, 2.5758293035489004, CX_NET_WALD);
	CHECK_NEAR(ci.lower, 9.882130016766334, 1e-11);
	CHECK_NEAR(ci.upper, 60.0 - 9.882130016766334, 1e-11);	/* symmetric */

	/*
	 * 10/5/25: -37.5 -+ 1.959963984540054 * 13.549677117924249 =
	 * [-64.056879153278, -10.943120846721989]
	 */
	ci = cx_net_interval(10, 5, 25, Z95, CX_NET_WALD);
	CHECK_NEAR(ci.lower, -64.056879153278, 1e-11);
	CHECK_NEAR(ci.upper, -10.943120846721989, 1e-11);

	/* z = 0: the point estimate on both ends */
	ci = cx_net_interval(50, 30, 20, 0.0, CX_NET_WALD);
	CHECK_NEAR(ci.lower, 30.0, 1e-12);
	CHECK_NEAR(ci.upper, 30.0, 1e-12);
}

static void
test_interval_wald_clipping(void)
{
	CxInterval	ci;

	/* all promoters, n = 5: NPS 100, SE 0 -> [100, 100] */
	ci = cx_net_interval(5, 0, 0, Z95, CX_NET_WALD);
	CHECK_DBL_EQ(ci.lower, 100.0);
	CHECK_DBL_EQ(ci.upper, 100.0);
	/* all detractors, n = 3 -> [-100, -100] */
	ci = cx_net_interval(0, 0, 3, Z95, CX_NET_WALD);
	CHECK_DBL_EQ(ci.lower, -100.0);
	CHECK_DBL_EQ(ci.upper, -100.0);
	/*
	 * 1/0/9: -80 -+ 1.959963984540054 * 18.973665961010276 =
	 * -80 -+ 37.1877019382737: raw lower -117.19 clips to -100, upper
	 * -42.8122980617263.
	 */
	ci = cx_net_interval(1, 0, 9, Z95, CX_NET_WALD);
	CHECK_DBL_EQ(ci.lower, -100.0);
	CHECK_NEAR(ci.upper, -42.8122980617263, 1e-11);
	/* mirrored: 9/0/1 -> [42.8122980617263, 100] */
	ci = cx_net_interval(9, 0, 1, Z95, CX_NET_WALD);
	CHECK_NEAR(ci.lower, 42.8122980617263, 1e-11);
	CHECK_DBL_EQ(ci.upper, 100.0);
	/* 1/0/1 with a huge z: clipped on both sides to [-100, 100] */
	ci = cx_net_interval(1, 0, 1, 100.0, CX_NET_WALD);
	CHECK_DBL_EQ(ci.lower, -100.0);
	CHECK_DBL_EQ(ci.upper, 100.0);
}

static void
test_interval_adjusted_wald(void)
{
	CxInterval	ci;

	/*
	 * 50/30/20 adjusted: 50.75, 31.5, 20.75, n' = 103; NPS' = 3000/103 =
	 * 29.12621359223301; se' = 7.691510421814756 (see above);
	 * 29.12621359223301 -+ 1.959963984540054 * 7.691510421814756 =
	 * 29.126... -+ 15.075... = [14.051130178761609, 44.20129700570441].
	 */
	ci = cx_net_interval(50, 30, 20, Z95, CX_NET_ADJUSTED_WALD);
	CHECK_NEAR(ci.lower, 14.051130178761609, 1e-11);
	CHECK_NEAR(ci.upper, 44.20129700570441, 1e-11);
	/* 90%: [16.474804778175958, 41.777622406290064] */
	ci = cx_net_interval(50, 30, 20, 1.6448536269514722, CX_NET_ADJUSTED_WALD);
	CHECK_NEAR(ci.lower, 16.474804778175958, 1e-11);
	CHECK_NEAR(ci.upper, 41.777622406290064, 1e-11);

	/*
	 * 10/5/25 adjusted: 10.75, 6.5, 25.75, n' = 43; NPS' = 100 * (-15/43) =
	 * -34.883720930232556; var' = 36.5/43 - (15/43)^2 = 2689/3698; se' =
	 * 13.004022729198436; interval [-60.371137133601756, -9.39630472686336].
	 */
	ci = cx_net_interval(10, 5, 25, Z95, CX_NET_ADJUSTED_WALD);
	CHECK_NEAR(ci.lower, -60.371137133601756, 1e-11);
	CHECK_NEAR(ci.upper, -9.39630472686336, 1e-11);

	/* z = 0: the adjusted point estimate NPS' (not NPS) */
	ci = cx_net_interval(50, 30, 20, 0.0, CX_NET_ADJUSTED_WALD);
	CHECK_NEAR(ci.lower, 29.12621359223301, 1e-12);
	CHECK_NEAR(ci.upper, 29.12621359223301, 1e-12);
}

static void
test_interval_adjusted_wald_extremes(void)
{
	CxInterval	ci;

	/*
	 * All promoters, n = 5: adjusted 5.75, 1.5, 0.75, n' = 8; NPS' = 62.5,
	 * se' = 22.963966338592293; 62.5 -+ 1.959963984540054 * 22.96... =
	 * 62.5 -+ 45.00854696583103 = [17.491453034168966, 107.508...]: the
	 * upper end clips to 100, the lower is well below 100 (Wald: [100,100]).
	 */
	ci = cx_net_interval(5, 0, 0, Z95, CX_NET_ADJUSTED_WALD);
	CHECK_NEAR(ci.lower, 17.491453034168966, 1e-11);
	CHECK_DBL_EQ(ci.upper, 100.0);
	CHECK(ci.lower < 100.0);

	/*
	 * All detractors, n = 3: 0.75, 1.5, 3.75, n' = 6; p' = .125, d' = .625,
	 * NPS' = -50, var' = .75 - .25 = .5, se' = 100 * sqrt(.5/6) =
	 * 28.867513459481287; -50 -+ 56.57928670380859: lower -106.58 clips
	 * to -100, upper 6.579286703808592.
	 */
	ci = cx_net_interval(0, 0, 3, Z95, CX_NET_ADJUSTED_WALD);
	CHECK_DBL_EQ(ci.lower, -100.0);
	CHECK_NEAR(ci.upper, 6.579286703808592, 1e-11);

	/*
	 * 1/0/9: 1.75, 1.5, 9.75, n' = 13; NPS' = -800/13 = -61.53846153846154,
	 * var' = 171/338, se' = 19.727317252271778; raw lower
	 * -100.20329286450989 just clips to -100; upper -22.873630212413193.
	 */
	ci = cx_net_interval(1, 0, 9, Z95, CX_NET_ADJUSTED_WALD);
	CHECK_DBL_EQ(ci.lower, -100.0);
	CHECK_NEAR(ci.upper, -22.873630212413193, 1e-11);

	/*
	 * n = 0 is excluded by the contract (n must be > 0) for Wald, but the
	 * adjusted counts are never empty: 0.75, 1.5, 0.75, n' = 3, NPS' = 0,
	 * var' = .5, se' = 100 * sqrt(.5/3) = 40.8248290463863;
	 * 0 -+ 1.959963984540054 * 40.8248290463863 -> [-80.01519460592183, 80.01519460592183].
	 */
	ci = cx_net_interval(0, 0, 0, Z95, CX_NET_ADJUSTED_WALD);
	CHECK_NEAR(ci.lower, -80.01519460592183, 1e-10);
	CHECK_NEAR(ci.upper, 80.01519460592183, 1e-10);
}

/* ---------------------------------------------------------------------
 * Two-sample test
 * ---------------------------------------------------------------------
 */

static void
test_two_sample_worked(void)
{
	CxTest		t;

	/*
	 * a: NPS 20, se 5; b: NPS 30, se 5.  delta = 10; se = sqrt(25 + 25) =
	 * sqrt(50) = 7.0710678118654755; z = 10 / sqrt(50) = sqrt(2) =
	 * 1.4142135623730951; p = 2 * (1 - Phi(sqrt 2)) = erfc(1) =
	 * 0.15729920705028513; 95%: 10 -+ 1.959963984540054 * 7.0710678118654755
	 * = [-3.8590382434967796, 23.85903824349678].
	 */
	t = cx_two_sample_test(20, 5, 30, 5, Z95);
	CHECK_NEAR(t.delta, 10.0, 1e-12);
	CHECK_NEAR(t.se, 7.0710678118654755, 1e-12);
	CHECK_NEAR(t.z, 1.4142135623730951, 1e-12);
	CHECK_NEAR(t.p_value, 0.15729920705028513, 1e-14);
	CHECK_NEAR(t.lower, -3.8590382434967796, 1e-11);
	CHECK_NEAR(t.upper, 23.85903824349678, 1e-11);

	/*
	 * a: -10, se 3; b: 0, se 4.  delta = 10, se = sqrt(9 + 16) = 5, z = 2,
	 * p = erfc(sqrt 2) = 0.04550026389635842 (mpmath; table: 0.0455);
	 * 10 -+ 1.959963984540054 * 5 = [0.2001800772997288, 19.799819922700273].
	 */
	t = cx_two_sample_test(-10, 3, 0, 4, Z95);
	CHECK_NEAR(t.delta, 10.0, 1e-12);
	CHECK_NEAR(t.se, 5.0, 1e-12);
	CHECK_NEAR(t.z, 2.0, 1e-12);
	CHECK_NEAR(t.p_value, 0.04550026389635842, 1e-14);
	CHECK_NEAR(t.lower, 0.2001800772997288, 1e-11);
	CHECK_NEAR(t.upper, 19.799819922700273, 1e-11);

	/* equal estimates: z = 0, p = 2 * Phi(0) = 1 */
	t = cx_two_sample_test(42, 3, 42, 4, Z95);
	CHECK_DBL_EQ(t.delta, 0.0);
	CHECK_DBL_EQ(t.z, 0.0);
	CHECK_NEAR(t.p_value, 1.0, 1e-15);
	CHECK(t.p_value <= 1.0);
}

static void
test_two_sample_sign(void)
{
	CxTest		t;

	/*
	 * b < a: a: 30 se 5, b: 20 se 5: delta = -10, z = -sqrt(2), same p;
	 * interval -10 -+ 13.859... = [-23.85903824349678, 3.8590382434967796].
	 */
	t = cx_two_sample_test(30, 5, 20, 5, Z95);
	CHECK_NEAR(t.delta, -10.0, 1e-12);
	CHECK_NEAR(t.se, 7.0710678118654755, 1e-12);
	CHECK_NEAR(t.z, -1.4142135623730951, 1e-12);
	CHECK_NEAR(t.p_value, 0.15729920705028513, 1e-14);
	CHECK_NEAR(t.lower, -23.85903824349678, 1e-11);
	CHECK_NEAR(t.upper, 3.8590382434967796, 1e-11);

	/* the standard errors are symmetric in a and b */
	t = cx_two_sample_test(0, 4, -10, 3, Z95);
	CHECK_NEAR(t.delta, -10.0, 1e-12);
	CHECK_NEAR(t.se, 5.0, 1e-12);
	CHECK_NEAR(t.z, -2.0, 1e-12);
	CHECK_NEAR(t.p_value, 0.04550026389635842, 1e-14);
}

static void
test_two_sample_zero_se(void)
{
	CxTest		t;

	/* both se 0: z and p undefined; the interval collapses on delta */
	t = cx_two_sample_test(100, 0, 50, 0, Z95);
	CHECK_DBL_EQ(t.delta, -50.0);
	CHECK_DBL_EQ(t.se, 0.0);
	CHECK_NAN(t.z);
	CHECK_NAN(t.p_value);
	CHECK_DBL_EQ(t.lower, -50.0);
	CHECK_DBL_EQ(t.upper, -50.0);
	/* and with delta 0 as well (0/0 must not leak out as anything else) */
	t = cx_two_sample_test(100, 0, 100, 0, Z95);
	CHECK_NAN(t.z);
	CHECK_NAN(t.p_value);
	CHECK_DBL_EQ(t.lower, 0.0);
	CHECK_DBL_EQ(t.upper, 0.0);

	/* one se 0 is fine: se = the other one */
	t = cx_two_sample_test(0, 0, 6, 3, Z95);
	CHECK_NEAR(t.se, 3.0, 1e-15);
	CHECK_NEAR(t.z, 2.0, 1e-15);
	CHECK_NEAR(t.p_value, 0.04550026389635842, 1e-14);
}

static void
test_two_sample_extreme(void)
{
	CxTest		t;

	/*
	 * z = 30: p = erfc(30 / sqrt 2) = 9.813427854296374e-198 (mpmath), with
	 * relative accuracy (1 - Phi(30) would round to 0).
	 */
	t = cx_two_sample_test(0, 1, 30, 0, Z95);
	CHECK_NEAR(t.z, 30.0, 1e-12);
	CHECK(t.p_value > 0.0);
	CHECK_REL(t.p_value, 9.813427854296374e-198, 1e-11);
	/* z = 37: p = 1.1451142445049154e-299 */
	t = cx_two_sample_test(0, 1, -37, 0, Z95);
	CHECK_NEAR(t.z, -37.0, 1e-12);
	CHECK(t.p_value > 0.0);
	CHECK_REL(t.p_value, 1.1451142445049154e-299, 1e-10);

	/*
	 * z = 40: the true p, erfc(40 / sqrt 2) ~ 7.3e-350, is below the
	 * smallest subnormal (4.9e-324), so 0 is the correctly rounded double.
	 * What matters: never negative, never NaN, never large.
	 */
	t = cx_two_sample_test(0, 1, 40, 0, Z95);
	CHECK_NEAR(t.z, 40.0, 1e-12);
	CHECK(!isnan(t.p_value));
	CHECK(t.p_value >= 0.0);
	CHECK(t.p_value < 1e-300);
	/* absurd z: still in [0, 1e-300) */
	t = cx_two_sample_test(-100, 1e-6, 100, 1e-6, Z95);
	CHECK(!isnan(t.p_value));
	CHECK(t.p_value >= 0.0);
	CHECK(t.p_value < 1e-300);
	/* moderate z, both signs: p in (0, 1] and identical for -z */
	for (int k = -50; k <= 50; k++)
	{
		CxTest		u = cx_two_sample_test(0, 1, k / 5.0, 0, Z95);
		CxTest		v = cx_two_sample_test(0, 1, -k / 5.0, 0, Z95);

		CHECK(u.p_value > 0.0 && u.p_value <= 1.0);
		CHECK_DBL_EQ(u.p_value, v.p_value);
	}
}

/* ---------------------------------------------------------------------
 * Status text
 * ---------------------------------------------------------------------
 */

static void
test_status_text(void)
{
	static const CxStatus all[] = {CX_OK, CX_OVERFLOW, CX_NEGATIVE,
	CX_BAD_TOTAL, CX_BAD_SCALE};
	const size_t nall = sizeof(all) / sizeof(all[0]);

	for (size_t i = 0; i < nall; i++)
	{
		const char *s = cx_status_text(all[i]);

		CHECK(s != NULL);
		if (s != NULL)
			CHECK(strlen(s) > 0);
		/* distinct statuses, distinct texts */
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(cx_status_text(all[j]), s) != 0);
	}
	/* an out-of-range value still yields text */
	CHECK(cx_status_text((CxStatus) 99) != NULL);
	CHECK(strlen(cx_status_text((CxStatus) 99)) > 0);
}

/* ---------------------------------------------------------------------
 * Means, Wilson intervals and two-proportion tests (CSAT, CES)
 * ---------------------------------------------------------------------
 */

static void
test_dist_mean(void)
{
	CxDist		d;
	CxMean		m;

	/*
	 * Scores 1,5,4,4,2 on 1..5: sum 16, mean 3.2; deviations -2.2, 1.8, .8,
	 * .8, -1.2; squares 4.84 + 3.24 + .64 + .64 + 1.44 = 10.8; var = 10.8 / 4
	 * = 2.7; se = sqrt(2.7 / 5) = sqrt(.54) = 0.7348469228349535.
	 */
	cx_dist_init(&d);
	d.count[0] = 1;
	d.count[1] = 1;
	d.count[3] = 2;
	d.count[4] = 1;
	d.n = 5;
	m = cx_dist_mean(&d, 5, 1);
	CHECK_NEAR(m.mean, 3.2, 1e-15);
	CHECK_NEAR(m.var, 2.7, 1e-14);
	CHECK_NEAR(m.se, 0.7348469228349535, 1e-15);

	/* the same counts read on 0..4: mean 2.2, same spread */
	m = cx_dist_mean(&d, 5, 0);
	CHECK_NEAR(m.mean, 2.2, 1e-15);
	CHECK_NEAR(m.var, 2.7, 1e-14);

	/* one response: a mean, but no variance */
	cx_dist_init(&d);
	d.count[6] = 1;
	d.n = 1;
	m = cx_dist_mean(&d, 7, 1);
	CHECK_DBL_EQ(m.mean, 7.0);
	CHECK_NAN(m.var);
	CHECK_NAN(m.se);

	/* huge equal counts on 1 and 7: mean 4 exactly, var -> 9 */
	cx_dist_init(&d);
	d.count[0] = 3000000000000LL;
	d.count[6] = 3000000000000LL;
	d.n = 6000000000000LL;
	m = cx_dist_mean(&d, 7, 1);
	CHECK_DBL_EQ(m.mean, 4.0);
	CHECK_NEAR(m.var, 9.0, 1e-9);
}

static void
test_wilson_newcombe(void)
{
	/*
	 * Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3
	 * (Wilson score interval without continuity correction), 95%.
	 */
	static const struct
	{
		double		x,
					n,
					lo,
					hi;
	}			cases[] = {
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0.0, 0.1611},
		{1, 29, 0.0061, 0.1718},
	};
	double		z = cx_z_for_confidence(0.95);

	for (int i = 0; i < 4; i++)
	{
		CxInterval	ci = cx_wilson_interval(cases[i].x, cases[i].n, z);

		CHECK_NEAR(ci.lower, cases[i].lo, 0.00005);
		CHECK_NEAR(ci.upper, cases[i].hi, 0.00005);
	}
}

static void
test_wilson_edges(void)
{
	double		z = 1.959963984540054;
	CxInterval	ci;

	/* all successes: upper bound exactly 1, lower = n / (n + z^2) */
	ci = cx_wilson_interval(10, 10, z);
	CHECK_DBL_EQ(ci.upper, 1.0);
	CHECK_NEAR(ci.lower, 10.0 / (10.0 + z * z), 1e-12);
	/* none: lower exactly 0, upper = z^2 / (n + z^2) */
	ci = cx_wilson_interval(0, 10, z);
	CHECK_DBL_EQ(ci.lower, 0.0);
	CHECK_NEAR(ci.upper, z * z / (10.0 + z * z), 1e-12);
	/* symmetric around .5 at p = .5 */
	ci = cx_wilson_interval(50, 100, z);
	CHECK_NEAR(ci.lower + ci.upper, 1.0, 1e-12);
	/* inside [0, 1] and around p for every x of a small n */
	for (int x = 0; x <= 7; x++)
	{
		ci = cx_wilson_interval(x, 7, z);
		CHECK(ci.lower >= 0.0 && ci.upper <= 1.0);
		CHECK(ci.lower <= x / 7.0 && x / 7.0 <= ci.upper);
	}
}

static void
test_proportion_test(void)
{
	CxTest		t;

	/*
	 * 81/263 against 15/148: pa = .307985, pb = .101351, pooled = 96/411;
	 * z = (pb - pa) / sqrt(pooled (1 - pooled) (1/263 + 1/148)).
	 */
	double		pa = 81.0 / 263.0,
				pb = 15.0 / 148.0,
				pool = 96.0 / 411.0;
	double		se0 = sqrt(pool * (1.0 - pool) * (1.0 / 263.0 + 1.0 / 148.0));
	double		se1 = sqrt(pa * (1.0 - pa) / 263.0 + pb * (1.0 - pb) / 148.0);

	t = cx_proportion_test(81, 263, 15, 148, 1.959963984540054);
	CHECK_NEAR(t.delta, pb - pa, 1e-15);
	CHECK_NEAR(t.z, (pb - pa) / se0, 1e-12);
	CHECK_NEAR(t.se, se1, 1e-15);
	CHECK_NEAR(t.lower, pb - pa - 1.959963984540054 * se1, 1e-12);
	/* |z| = 4.7527: p = erfc(4.7527 / sqrt 2) = 2.0073e-6 (Python math.erfc) */
	CHECK_REL(t.p_value, 2.0073e-6, 1e-3);

	/* the same shares: delta 0, z 0, p 1 */
	t = cx_proportion_test(10, 40, 5, 20, 1.96);
	CHECK_NEAR(t.delta, 0.0, 1e-15);
	CHECK_NEAR(t.p_value, 1.0, 1e-12);

	/* all successes in both: no variance at all, z and p NaN */
	t = cx_proportion_test(5, 5, 9, 9, 1.96);
	CHECK_DBL_EQ(t.delta, 0.0);
	CHECK_NAN(t.z);
	CHECK_NAN(t.p_value);
}

static void
test_clipped_interval(void)
{
	CxInterval	ci = cx_clipped_interval(4.5, 0.5, 2.0, 1.0, 5.0);

	CHECK_DBL_EQ(ci.lower, 3.5);
	CHECK_DBL_EQ(ci.upper, 5.0);
	ci = cx_clipped_interval(1.2, 1.0, 1.0, 1.0, 7.0);
	CHECK_DBL_EQ(ci.lower, 1.0);
	CHECK_NEAR(ci.upper, 2.2, 1e-15);
}

/* ---------------------------------------------------------------------
 * Driver
 * ---------------------------------------------------------------------
 */

static const struct
{
	void		(*fn) (void);
	const char *desc;
}			tests[] = {
	{test_dist_init, "cx_dist_init empties a distribution"},
	{test_dist_add_every_point, "cx_dist_add on every point of 0..10, 1..5, 1..7"},
	{test_dist_add_overflow, "cx_dist_add at n == INT64_MAX gives CX_OVERFLOW, unchanged"},
	{test_dist_remove, "cx_dist_remove inverts cx_dist_add"},
	{test_dist_remove_negative, "cx_dist_remove from a zero count gives CX_NEGATIVE, unchanged"},
	{test_dist_merge, "cx_dist_merge sums counts and totals"},
	{test_dist_merge_overflow, "cx_dist_merge past INT64_MAX gives CX_OVERFLOW, dst unchanged"},
	{test_dist_bad_scale_ops, "merge/subtract/validate reject npoints 0, 12, -1"},
	{test_dist_subtract, "cx_dist_subtract of a contained distribution"},
	{test_dist_subtract_negative, "cx_dist_subtract of a non-contained src gives CX_NEGATIVE, dst unchanged"},
	{test_dist_finish, "cx_dist_finish sets n to the sum of valid counts"},
	{test_dist_finish_errors, "cx_dist_finish rejects negative, overflowing and off-scale counts"},
	{test_dist_validate, "cx_dist_validate catches a wrong stored total"},
	{test_dist_range, "cx_dist_range sums and clips to the scale"},
	{test_dist_random_ops, "100k random operations agree with a naive model"},
	{test_norm_cdf_points, "cx_norm_cdf at known points, symmetric, monotone"},
	{test_norm_cdf_tails, "cx_norm_cdf keeps relative accuracy in the far tail"},
	{test_norm_quantile_reference, "cx_norm_quantile matches reference values"},
	{test_norm_quantile_symmetry, "cx_norm_quantile is antisymmetric about 0.5"},
	{test_norm_quantile_sweep, "cx_norm_quantile inverts cx_norm_cdf and is monotone (dense sweep)"},
	{test_norm_quantile_domain, "cx_norm_quantile is NaN outside (0, 1), finite inside"},
	{test_z_for_confidence, "cx_z_for_confidence critical values and domain"},
	{test_nps_estimate_basic, "cx_net_estimate on hand-worked cases"},
	{test_nps_estimate_degenerate, "cx_net_estimate: all promoters/detractors/passives, single responses"},
	{test_nps_estimate_fractional, "cx_net_estimate on fractional (adjusted) counts"},
	{test_nps_from_distribution, "NPS from a 0..10 distribution via cx_dist_range"},
	{test_interval_wald, "Wald interval = NPS -+ z*SE"},
	{test_interval_wald_clipping, "Wald interval clipped to [-100, 100]"},
	{test_interval_adjusted_wald, "adjusted-Wald interval (Rocks 2016)"},
	{test_interval_adjusted_wald_extremes, "adjusted-Wald interval at the extremes, non-degenerate"},
	{test_two_sample_worked, "two-sample test: worked examples"},
	{test_two_sample_sign, "two-sample test: signed delta, same p"},
	{test_two_sample_zero_se, "two-sample test: se == 0 gives NaN z and p"},
	{test_two_sample_extreme, "two-sample test: extreme z gives a tiny non-negative p"},
	{test_dist_mean, "cx_dist_mean: mean, sample variance and stderr on worked cases"},
	{test_wilson_newcombe, "Wilson interval matches Newcombe (1998) Table I"},
	{test_wilson_edges, "Wilson interval at 0 and n, symmetric at .5, inside [0, 1]"},
	{test_proportion_test, "two-proportion test: pooled z, unpooled interval"},
	{test_clipped_interval, "clipped interval stays on the scale"},
	{test_status_text, "cx_status_text is non-empty and distinct for every status"},
	{test_wald_planning, "Wald margin and sample size: worked cases, n back from its own margin"},
};

int
main(void)
{
	for (size_t t = 0; t < sizeof(tests) / sizeof(tests[0]); t++)
		tap_run(tests[t].fn, tests[t].desc);
	return tap_done();
}
