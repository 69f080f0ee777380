/*
 * test_weighted.c
 *		Unit tests of the weighted core (src/cx_weighted.c), in TAP.
 *
 * Expected values are worked by hand in the comments (exact decimal and
 * integer arithmetic), or are properties that hold whatever the values:
 * byte equality of sums merged in different orders and trees, and the
 * inverse of every add.  The float products of w * 10^6 that decide a
 * rounding were checked with python3 (repr(5e-7 * 1e6) == '0.5', ...).
 */
#include "cx_weighted.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx_splitmix.h"
#include "cx_tap.h"

#define CHECK_U128(got, exp) \
	do { \
		cx_u128 g_ = (got), e_ = (exp); \
		if (g_ != e_ && tap_fail(__LINE__, #got)) \
			tap_diag("# got %" PRIu64 ":%" PRIu64 ", expected %" PRIu64 ":%" PRIu64 "\n", \
					 (uint64_t) (g_ >> 64), (uint64_t) g_, (uint64_t) (e_ >> 64), (uint64_t) e_); \
	} while (0)

#define CHECK_STR(got, exp) \
	do { \
		if (strcmp((got), (exp)) != 0 && tap_fail(__LINE__, #got)) \
			tap_diag("# got \"%s\", expected \"%s\"\n", (got), (exp)); \
	} while (0)

static void
test_weight_fixed(void)
{
	CHECK_I64((int64_t) cx_weight_fixed(1.0), 1000000);
	CHECK_I64((int64_t) cx_weight_fixed(0.1), 100000);	/* 100000.00000000001 */
	CHECK_I64((int64_t) cx_weight_fixed(2.25), 2250000);
	/* 6e-7 * 1e6 = 0.6 rounds to 1; 5e-7 * 1e6 = 0.5 ties to even: 0, refused */
	CHECK_I64((int64_t) cx_weight_fixed(6e-7), 1);
	CHECK_I64((int64_t) cx_weight_fixed(5e-7), 0);
	CHECK_I64((int64_t) cx_weight_fixed(1e-9), 0);
	/* 2.5e-6 * 1e6 = 2.5: ties to even, 2 */
	CHECK_I64((int64_t) cx_weight_fixed(2.5e-6), 2);
	/* 1.0000005 * 1e6 = 1000000.5000000001: 1000001 */
	CHECK_I64((int64_t) cx_weight_fixed(1.0000005), 1000001);
	CHECK_I64((int64_t) cx_weight_fixed(1e9), INT64_C(1000000000000000));
	CHECK_I64((int64_t) cx_weight_fixed(1e9 * (1 + 1e-15)), 0);
	CHECK_I64((int64_t) cx_weight_fixed(0.0), 0);
	CHECK_I64((int64_t) cx_weight_fixed(-0.0), 0);
	CHECK_I64((int64_t) cx_weight_fixed(-1.0), 0);
	CHECK_I64((int64_t) cx_weight_fixed(NAN), 0);
	CHECK_I64((int64_t) cx_weight_fixed(INFINITY), 0);
	CHECK_I64((int64_t) cx_weight_fixed(-INFINITY), 0);
}

static void
test_add_remove(void)
{
	CxWDist		d,
				saved;

	memset(&d, 0, sizeof(d));
	CHECK(cx_wdist_add(&d, 10, 2000000) == CX_OK);
	CHECK(cx_wdist_add(&d, 10, 1500000) == CX_OK);
	CHECK(cx_wdist_add(&d, 3, 500000) == CX_OK);
	CHECK_I64(d.counts.n, 3);
	CHECK_I64(d.counts.count[10], 2);
	/* 2 + 1.5 = 3.5; 4 + 2.25 = 6.25 (in 10^-6 and 10^-12) */
	CHECK_U128(cx_u128_get(&d.sw[10]), 3500000);
	CHECK_U128(cx_u128_get(&d.sw2[10]), (cx_u128) 6250000000000);
	CHECK_U128(cx_u128_get(&d.sw2[3]), (cx_u128) 250000000000);
	CHECK_U128(cx_wdist_weight(&d, 11, 0, 10), 4000000);
	CHECK_U128(cx_wdist_weight(&d, 11, 9, 20), 3500000);
	saved = d;
	CHECK(cx_wdist_add(&d, 7, 123456789) == CX_OK);
	CHECK(cx_wdist_remove(&d, 7, 123456789) == CX_OK);
	CHECK(memcmp(&d, &saved, sizeof(d)) == 0);
	/* removing what is not there: refused, nothing changed */
	CHECK(cx_wdist_remove(&d, 7, 1) == CX_NEGATIVE);
	CHECK(cx_wdist_remove(&d, 3, 500001) == CX_NEGATIVE);
	CHECK(memcmp(&d, &saved, sizeof(d)) == 0);
	CHECK(cx_wdist_finish(&d, 11) == CX_OK);
}

static void
test_overflow(void)
{
	CxWDist		d,
				saved,
				one;
	cx_u128		max = ~(cx_u128) 0;

	/* sum W^2 one short of 2^128 - 1 after the next add: an exact fit, then overflow */
	memset(&d, 0, sizeof(d));
	d.counts.n = d.counts.count[0] = 1;
	cx_u128_set(&d.sw[0], 1);
	cx_u128_set(&d.sw2[0], max - 1);
	saved = d;
	CHECK(cx_wdist_add(&d, 0, 1) == CX_OK);
	CHECK_U128(cx_u128_get(&d.sw2[0]), max);
	d = saved;
	CHECK(cx_wdist_add(&d, 0, 2) == CX_WEIGHT_OVERFLOW);
	CHECK(memcmp(&d, &saved, sizeof(d)) == 0);
	/* the same through a merge */
	memset(&one, 0, sizeof(one));
	CHECK(cx_wdist_add(&one, 0, 2) == CX_OK);
	CHECK(cx_wdist_merge(&d, &one, 11) == CX_WEIGHT_OVERFLOW);
	CHECK(memcmp(&d, &saved, sizeof(d)) == 0);
	/* the row count */
	d.counts.n = INT64_MAX;
	saved = d;
	CHECK(cx_wdist_add(&d, 1, 1) == CX_OVERFLOW);
	CHECK(memcmp(&d, &saved, sizeof(d)) == 0);
}

/* n random weighted rows, merged as one pass, in reverse, and as a random tree */
static void
test_merge_orders(void)
{
	enum
	{
		N = 3000
	};
	static int	pt[N];
	static uint64_t wt[N];
	CxWDist		fwd,
				rev,
				parts[7],
				tree,
				sub;
	uint64_t	seed = 20240611;

	for (int i = 0; i < N; i++)
	{
		pt[i] = (int) (cx_splitmix64(&seed) % 11);
		/* weights from 1e-6 to 1e9, log-uniform-ish: every magnitude */
		wt[i] = 1 + cx_splitmix64(&seed) % (UINT64_C(1) << (cx_splitmix64(&seed) % 50));
	}
	memset(&fwd, 0, sizeof(fwd));
	memset(&rev, 0, sizeof(rev));
	memset(parts, 0, sizeof(parts));
	for (int i = 0; i < N; i++)
	{
		CHECK(cx_wdist_add(&fwd, pt[i], wt[i]) == CX_OK);
		CHECK(cx_wdist_add(&rev, pt[N - 1 - i], wt[N - 1 - i]) == CX_OK);
		CHECK(cx_wdist_add(&parts[cx_splitmix64(&seed) % 7], pt[i], wt[i]) == CX_OK);
	}
	CHECK(memcmp(&fwd, &rev, sizeof(fwd)) == 0);
	/* ((p6 + p5) + (p4 + p3)) + ((p2 + p1) + p0) */
	tree = parts[6];
	CHECK(cx_wdist_merge(&tree, &parts[5], 11) == CX_OK);
	sub = parts[4];
	CHECK(cx_wdist_merge(&sub, &parts[3], 11) == CX_OK);
	CHECK(cx_wdist_merge(&tree, &sub, 11) == CX_OK);
	sub = parts[2];
	CHECK(cx_wdist_merge(&sub, &parts[1], 11) == CX_OK);
	CHECK(cx_wdist_merge(&sub, &parts[0], 11) == CX_OK);
	CHECK(cx_wdist_merge(&tree, &sub, 11) == CX_OK);
	CHECK(memcmp(&fwd, &tree, sizeof(fwd)) == 0);
	CHECK(cx_wdist_finish(&tree, 11) == CX_OK);
	/* subtracting the parts leaves nothing */
	for (int k = 0; k < 7; k++)
		CHECK(cx_wdist_subtract(&tree, &parts[k], 11) == CX_OK);
	memset(&sub, 0, sizeof(sub));
	CHECK(memcmp(&tree, &sub, sizeof(sub)) == 0);
	CHECK(cx_wdist_subtract(&tree, &parts[0], 11) == CX_NEGATIVE || parts[0].counts.n == 0);
}

/* one point with count c and sums s, s2 (stored units) */
static CxStatus
finish_one(int npoints, int i, int64_t c, cx_u128 s, cx_u128 s2)
{
	CxWDist		d;

	memset(&d, 0, sizeof(d));
	d.counts.count[i] = c;
	cx_u128_set(&d.sw[i], s);
	cx_u128_set(&d.sw2[i], s2);
	return cx_wdist_finish(&d, npoints);
}

static void
test_finish(void)
{
	cx_u128		max = (cx_u128) CX_WEIGHT_FIXED_MAX;

	/* weights 2 and 3 (stored 2 and 3): SW 5, SW2 13 */
	CHECK(finish_one(11, 4, 2, 5, 13) == CX_OK);
	/* SW2 must be between SW^2 / c = 12.5 and SW^2 = 25 */
	CHECK(finish_one(11, 4, 2, 5, 12) == CX_BAD_WEIGHTS);
	/* SW2 = SW^2 passes: the bounds are necessary, not sufficient (two positive weights give less) */
	CHECK(finish_one(11, 4, 2, 5, 25) == CX_OK);
	CHECK(finish_one(11, 4, 2, 5, 26) == CX_BAD_WEIGHTS);
	/* one response: SW2 = SW^2 exactly */
	CHECK(finish_one(11, 0, 1, 7, 49) == CX_OK);
	CHECK(finish_one(11, 0, 1, 7, 48) == CX_BAD_WEIGHTS);
	CHECK(finish_one(11, 0, 1, 7, 50) == CX_BAD_WEIGHTS);
	/* weights at least 1: SW >= c; at most max: SW <= c * max */
	CHECK(finish_one(11, 0, 3, 2, 2) == CX_BAD_WEIGHTS);
	CHECK(finish_one(11, 0, 1, max, max * max) == CX_OK);
	CHECK(finish_one(11, 0, 1, max + 1, (max + 1) * (max + 1)) == CX_BAD_WEIGHTS);
	/* no responses, some weight */
	CHECK(finish_one(11, 2, 0, 1, 1) == CX_BAD_WEIGHTS);
	CHECK(finish_one(11, 2, 0, 0, 1) == CX_BAD_WEIGHTS);
	CHECK(finish_one(11, 2, 0, 0, 0) == CX_OK);
	/* past the scale */
	CHECK(finish_one(5, 7, 0, 1, 1) == CX_BAD_SCALE);
	CHECK(finish_one(5, 7, 1, 1, 1) == CX_BAD_SCALE);
	/* huge sums: c = 2^62 rows of the largest weight (SW < 2^113): valid */
	CHECK(finish_one(11, 1, INT64_C(1) << 62, ((cx_u128) 1 << 62) * max,
					 ~(cx_u128) 0) == CX_BAD_WEIGHTS);	/* SW2 = 2^128 - 1 < c max^2 = 2^162: impossible */
	CHECK(finish_one(11, 1, INT64_C(1) << 62, (cx_u128) 1 << 62, (cx_u128) 1 << 62) == CX_OK);
	CHECK(finish_one(11, 1, -1, 0, 0) == CX_NEGATIVE);
}

static void
test_estimate(void)
{
	CxWDist		d;
	double		nps_y[11];
	CxWEstimate e;

	/*
	 * Weights 2 and 1.5 on 10 and 9 (promoters), 1 on 7, 0.5 on 3.  W = 5,
	 * NPS = 100 * (3.5 - 0.5) / 5 = 60; n_eff = 25 / (4 + 2.25 + 1 + 0.25) =
	 * 10/3; sum w^2 (y - 60)^2 = 4*1600 + 2.25*1600 + 1*3600 + 0.25*25600 =
	 * 20000, SE^2 = 4/3 * 20000 / 25 = 3200/3, SE = 32.659863237109...
	 */
	memset(&d, 0, sizeof(d));
	CHECK(cx_wdist_add(&d, 10, 2000000) == CX_OK);
	CHECK(cx_wdist_add(&d, 9, 1500000) == CX_OK);
	CHECK(cx_wdist_add(&d, 7, 1000000) == CX_OK);
	CHECK(cx_wdist_add(&d, 3, 500000) == CX_OK);
	for (int i = 0; i < 11; i++)
		nps_y[i] = i >= 9 ? 100.0 : i <= 6 ? -100.0 : 0.0;
	e = cx_wdist_estimate(&d, 11, nps_y);
	CHECK_DBL_EQ(e.n, 4.0);
	CHECK_REL(e.weight, 5.0, 1e-15);
	CHECK_REL(e.mean, 60.0, 1e-14);
	CHECK_REL(e.n_eff, 10.0 / 3.0, 1e-14);
	CHECK_REL(e.se, sqrt(3200.0 / 3.0), 1e-14);
	/* equal weights: the SE of the sample mean, s / sqrt(n); scores 1, 2, 3, 6 on a 1..7 scale */
	{
		double		y[7] = {1, 2, 3, 4, 5, 6, 7};

		memset(&d, 0, sizeof(d));
		CHECK(cx_wdist_add(&d, 0, 3000000) == CX_OK);
		CHECK(cx_wdist_add(&d, 1, 3000000) == CX_OK);
		CHECK(cx_wdist_add(&d, 2, 3000000) == CX_OK);
		CHECK(cx_wdist_add(&d, 5, 3000000) == CX_OK);
		e = cx_wdist_estimate(&d, 7, y);
		/* mean 3, deviations -2 -1 0 3: s^2 = 14 / 3, SE = sqrt(14 / 12) */
		CHECK_REL(e.mean, 3.0, 1e-15);
		CHECK_REL(e.se, sqrt(14.0 / 12.0), 1e-14);
		CHECK_REL(e.n_eff, 4.0, 1e-15);
		CHECK_REL(e.weight, 12.0, 1e-15);
	}
	/* one row: no SE; none: nothing */
	memset(&d, 0, sizeof(d));
	CHECK(cx_wdist_add(&d, 4, 1) == CX_OK);
	e = cx_wdist_estimate(&d, 11, nps_y);
	CHECK_REL(e.mean, -100.0, 1e-15);
	CHECK_NAN(e.se);
	CHECK_REL(e.n_eff, 1.0, 1e-15);
	memset(&d, 0, sizeof(d));
	e = cx_wdist_estimate(&d, 11, nps_y);
	CHECK_NAN(e.mean);
	CHECK_NAN(e.n_eff);
}

static void
test_text(void)
{
	char		buf[CX_U128_TEXT_MAX];
	const char *p;
	cx_u128		v,
				max = ~(cx_u128) 0;

	cx_u128_format(0, 6, buf);
	CHECK_STR(buf, "0");
	cx_u128_format(1500000, 6, buf);
	CHECK_STR(buf, "1.5");
	cx_u128_format(1, 6, buf);
	CHECK_STR(buf, "0.000001");
	cx_u128_format(12000000, 6, buf);
	CHECK_STR(buf, "12");
	cx_u128_format(1234, 0, buf);
	CHECK_STR(buf, "1234");
	/* 2^128 - 1 = 340282366920938463463374607431768211455 */
	cx_u128_format(max, 12, buf);
	CHECK_STR(buf, "340282366920938463463374607.431768211455");
	p = "340282366920938463463374607.431768211455,";
	CHECK(cx_u128_parse(&p, 12, &v) == CX_OK);
	CHECK_U128(v, max);
	CHECK(*p == ',');
	p = "340282366920938463463374607.431768211456";
	CHECK(cx_u128_parse(&p, 12, &v) == CX_OVERFLOW);
	p = "340282366920938463463374607431768211456";
	CHECK(cx_u128_parse(&p, 0, &v) == CX_OVERFLOW);
	p = "2.25/";
	CHECK(cx_u128_parse(&p, 6, &v) == CX_OK);
	CHECK_U128(v, 2250000);
	CHECK(*p == '/');
	p = "1.5000000";				/* zeros past the sixth place: fine */
	CHECK(cx_u128_parse(&p, 6, &v) == CX_OK);
	CHECK_U128(v, 1500000);
	p = "1.0000001";				/* not representable */
	CHECK(cx_u128_parse(&p, 6, &v) == CX_BAD_WEIGHTS);
	p = ".5";
	CHECK(cx_u128_parse(&p, 6, &v) == CX_BAD_WEIGHTS);
	p = "5.";
	CHECK(cx_u128_parse(&p, 6, &v) == CX_BAD_WEIGHTS);
	p = "-1";
	CHECK(cx_u128_parse(&p, 6, &v) == CX_BAD_WEIGHTS);
	p = "7";
	CHECK(cx_u128_parse(&p, 12, &v) == CX_OK);
	CHECK_U128(v, (cx_u128) 7000000000000);
	/* every format parses back to itself */
	{
		uint64_t	seed = 7;

		for (int i = 0; i < 2000; i++)
		{
			cx_u128		x = ((cx_u128) cx_splitmix64(&seed) << 64 | cx_splitmix64(&seed)) >>
				(cx_splitmix64(&seed) % 128);
			int			digits = (int) (cx_splitmix64(&seed) % 13);

			cx_u128_format(x, digits, buf);
			p = buf;
			CHECK(cx_u128_parse(&p, digits, &v) == CX_OK && *p == '\0');
			CHECK_U128(v, x);
		}
	}
}

int
main(void)
{
	tap_run(test_weight_fixed, "cx_weight_fixed: round(w * 10^6), ties to even; refused: <= 0, NaN, infinities, > 1e9, rounding to 0");
	tap_run(test_add_remove, "cx_wdist_add / remove: counts, sums of W and W^2; remove is the exact inverse, refuses what is not there");
	tap_run(test_overflow, "sum W^2 overflow at 2^128 and the row count at INT64_MAX: refused, nothing changed");
	tap_run(test_merge_orders, "3000 random weights: forward, reverse and a 7-part merge tree give the same bytes; subtracting the parts leaves zero");
	tap_run(test_finish, "cx_wdist_finish: the bounds on sums (c <= SW <= c max, SW2 <= SW^2 <= c SW2, zero past the scale)");
	tap_run(test_estimate, "cx_wdist_estimate: hand-worked weighted NPS, n_eff and linearisation SE; equal weights give s / sqrt(n)");
	tap_run(test_text, "cx_u128_format / cx_u128_parse: exact decimals, 2^128 - 1, overflow, places, round trips");
	return tap_done();
}
