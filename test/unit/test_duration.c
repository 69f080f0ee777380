/*
 * test_duration.c
 *		Unit tests of the duration core (src/cx_duration.c) and of the t
 *		distribution and Welch's test (src/cx_core.c), in TAP.
 *
 * Built and run by `make unitcheck` (with AddressSanitizer and UBSan).
 * Expected values are independent of the code under test: the bucket of a
 * duration is found by a plain binary search over the boundaries (the
 * definition, not the slot table); order statistics by sorting; the
 * log-rank and Kaplan-Meier numbers are worked by hand in the comments; the
 * t distribution is checked against its closed forms for 1 and 2 degrees of
 * freedom and against published critical values.
 */
#include "cx_duration.h"
#include "cx_core.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx_splitmix.h"
#include "cx_tap.h"

#define PI 3.14159265358979323846

static const int32_t ppms[] = {1000, 10000, 50000, 12345};

static CxDurMap *
map_of(int32_t ppm)
{
	static CxDurMap maps[4];
	static bool built[4];

	for (int k = 0; k < 4; k++)
		if (ppms[k] == ppm)
		{
			if (!built[k] && cx_dur_map_build(&maps[k], ppm, malloc) != CX_DUR_OK)
				abort();
			built[k] = true;
			return &maps[k];
		}
	abort();
}

/* The definition: the least i with x <= b_i, by bisection over the boundaries. */
static int32_t
index_by_search(const CxDurMap *m, double x)
{
	int32_t		lo = m->imin,
				hi = m->imax;

	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (x <= cx_dur_bound(m, mid))
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* A log-uniform duration in [MIN, MAX]. */
static double
random_duration(uint64_t *seed)
{
	double		u = (double) (cx_splitmix64(seed) >> 11) / 9007199254740992.0;

	return fmin(CX_DUR_MAX_SECONDS, fmax(CX_DUR_MIN_SECONDS,
										 exp(log(CX_DUR_MIN_SECONDS) + u * (log(CX_DUR_MAX_SECONDS) - log(CX_DUR_MIN_SECONDS)))));
}

static void
test_map_bounds(void)
{
	for (int k = 0; k < 4; k++)
	{
		const CxDurMap *m = map_of(ppms[k]);

		CHECK(cx_dur_bound(m, 0) == 1.0);
		CHECK(cx_dur_bound(m, m->imin - 1) < CX_DUR_MIN_SECONDS);
		CHECK(cx_dur_bound(m, m->imin) >= CX_DUR_MIN_SECONDS);
		CHECK(cx_dur_bound(m, m->imax - 1) < CX_DUR_MAX_SECONDS);
		CHECK(cx_dur_bound(m, m->imax) >= CX_DUR_MAX_SECONDS);
		CHECK(m->imin > CX_DUR_INDEX_BASE && m->imax < -CX_DUR_INDEX_BASE);
		for (int32_t i = m->imin; i <= m->imax; i++)
		{
			double		ratio = cx_dur_bound(m, i) / cx_dur_bound(m, i - 1);

			if (fabs(ratio / m->gamma - 1.0) > 1e-12 && tap_fail(__LINE__, "ratio"))
				tap_diag("# ppm %d: b_%d / b_%d = %.17g, gamma %.17g\n",
						 m->ppm, i, i - 1, ratio, m->gamma);
		}
	}
}

/* Every value in bucket i is within alpha of its representative. */
static void
test_representative(void)
{
	for (int k = 0; k < 4; k++)
	{
		const CxDurMap *m = map_of(ppms[k]);
		double		alpha = ppms[k] / 1e6;

		for (int32_t i = m->imin; i <= m->imax; i++)
		{
			double		r = cx_dur_rep(m, i);
			double		lo = cx_dur_bound(m, i - 1),
						hi = cx_dur_bound(m, i);

			if ((fabs(r - hi) / hi > alpha * (1 + 1e-12) ||
				 fabs(r - lo) / lo > alpha * (1 + 1e-12)) && tap_fail(__LINE__, "rep"))
				tap_diag("# ppm %d bucket %d: rep %.17g of (%.17g, %.17g]\n", m->ppm, i, r, lo, hi);
		}
	}
}

/* The slot table finds the bucket the definition gives, on edges and at random. */
static void
test_index(void)
{
	uint64_t	seed = 42;

	for (int k = 0; k < 4; k++)
	{
		const CxDurMap *m = map_of(ppms[k]);

		for (int32_t i = m->imin; i <= m->imax; i++)
		{
			double		b = cx_dur_bound(m, i);
			double		xs[3] = {b, nextafter(b, 0), nextafter(b, INFINITY)};

			for (int j = 0; j < 3; j++)
			{
				double		x = xs[j];

				if (x < CX_DUR_MIN_SECONDS || x > CX_DUR_MAX_SECONDS)
					continue;
				if (cx_dur_index(m, x) != index_by_search(m, x) && tap_fail(__LINE__, "edge"))
					tap_diag("# ppm %d x %.17g: %d, by search %d\n", m->ppm, x,
							 cx_dur_index(m, x), index_by_search(m, x));
			}
		}
		for (int n = 0; n < 200000; n++)
		{
			double		x = random_duration(&seed);

			if (cx_dur_index(m, x) != index_by_search(m, x) && tap_fail(__LINE__, "random"))
				tap_diag("# ppm %d x %.17g: %d, by search %d\n", m->ppm, x,
						 cx_dur_index(m, x), index_by_search(m, x));
		}
		CHECK_I64(cx_dur_index(m, CX_DUR_MIN_SECONDS), m->imin);
		CHECK_I64(cx_dur_index(m, CX_DUR_MAX_SECONDS), m->imax);
		CHECK_I64(cx_dur_index(m, 1.0), 0);
		CHECK_I64(cx_dur_index(m, nextafter(1.0, 2.0)), 1);
	}
}

/* A dense box: header and counters over the map's whole range. */
typedef struct Box
{
	CxDurHead	h;
	int64_t    *comp;
	int64_t    *opn;
	const CxDurMap *m;
} Box;

static Box
box_new(const CxDurMap *m)
{
	Box			b;
	int32_t		n = m->imax - m->imin + 1;

	cx_dur_head_init(&b.h, m->ppm);
	b.h.lo = m->imin;
	b.h.n = n;
	b.comp = calloc(2 * (size_t) n, sizeof(int64_t));
	if (b.comp == NULL)
		abort();
	b.opn = b.comp + n;
	b.m = m;
	return b;
}

static CxDurView
box_view(const Box *b)
{
	CxDurView	v;

	v.h = &b->h;
	v.data = (const uint8_t *) b->comp;
	v.len = (size_t) b->h.n * 2 * sizeof(int64_t);
	v.form = CX_DUR_DENSE;
	return v;
}

static CxDurStatus
box_add(Box *b, double x, bool open)
{
	return cx_dur_add(&b->h, b->comp, b->opn, x, (uint64_t) (x * 1e6 + 0.5),
					  x == 0.0 ? 0 : cx_dur_index(b->m, x), open);
}

/* The compact form of a box, in malloc'd memory; *h its header. */
static uint8_t *
box_compact(const Box *b, CxDurHead *h, size_t *len)
{
	CxDurView	v = box_view(b);
	uint8_t    *out;

	*len = cx_dur_compact_size(&v);
	out = malloc(*len + 1);
	*h = b->h;
	h->lo = 0;
	h->n = cx_dur_encode(&v, out);
	return out;
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/* Percentiles within alpha of the order statistics; compact = dense; merge = single pass. */
static void
test_percentiles_and_forms(void)
{
	uint64_t	seed = 7;
	static double xs[20000];

	for (int k = 0; k < 4; k++)
	{
		const CxDurMap *m = map_of(ppms[k]);
		Box			all = box_new(m),
					part1 = box_new(m),
					part2 = box_new(m),
					merged = box_new(m);
		int			n = 20000;
		CxDurHead	h;
		size_t		len;
		uint8_t    *stream;
		CxDurView	dv,
					cv;
		CxDurIter	a,
					c;
		double		qs[] = {0, 0.001, 0.01, 0.25, 0.5, 0.9, 0.99, 0.999, 1};

		for (int i = 0; i < n; i++)
		{
			/* log-normal around 1 hour, with ties and zeros */
			double		u1 = ((cx_splitmix64(&seed) >> 11) + 1.0) / 9007199254740993.0;
			double		u2 = (cx_splitmix64(&seed) >> 11) / 9007199254740992.0;
			double		x = 3600.0 * exp(1.5 * sqrt(-2 * log(u1)) * cos(2 * PI * u2));

			if (i % 97 == 0)
				x = 0.0;
			else if (i % 13 == 0)
				x = 60.0 * floor(x / 60.0 + 1);
			xs[i] = x;
			CHECK(box_add(&all, x, false) == CX_DUR_OK);
			CHECK(box_add(i % 3 ? &part1 : &part2, x, false) == CX_DUR_OK);
		}
		CHECK(box_add(&all, 5.0, true) == CX_DUR_OK);
		CHECK(box_add(&part2, 5.0, true) == CX_DUR_OK);
		qsort(xs, n, sizeof(double), cmp_double);
		dv = box_view(&all);
		CHECK(cx_dur_validate(&dv, m) == CX_DUR_OK);
		CHECK(all.h.min == xs[0] && all.h.max == xs[n - 1]);
		CHECK_I64(all.h.completed, n);
		CHECK_I64(all.h.open, 1);
		for (size_t j = 0; j < sizeof(qs) / sizeof(qs[0]); j++)
		{
			double		kk = fmax(1, ceil(qs[j] * n));
			double		exact = xs[(int) kk - 1];
			double		got = cx_dur_percentile(&dv, m, qs[j]);

			if (fabs(got - exact) > m->alpha * exact * (1 + 1e-12) && tap_fail(__LINE__, "percentile"))
				tap_diag("# ppm %d q %g: %.17g, exact %.17g\n", m->ppm, qs[j], got, exact);
		}

		/* the compact form reads back as the same buckets, and validates */
		stream = box_compact(&all, &h, &len);
		cv.h = &h;
		cv.data = stream;
		cv.len = len;
		cv.form = CX_DUR_COMPACT;
		CHECK(cx_dur_validate(&cv, m) == CX_DUR_OK);
		cx_dur_iter_init(&a, &dv);
		cx_dur_iter_init(&c, &cv);
		for (;;)
		{
			bool		ma = cx_dur_iter_next(&a),
						mc = cx_dur_iter_next(&c);

			CHECK(ma == mc);
			if (!ma || !mc)
				break;
			CHECK(a.index == c.index && a.completed == c.completed && a.open == c.open);
		}
		for (size_t j = 0; j < sizeof(qs) / sizeof(qs[0]); j++)
			CHECK(cx_dur_percentile(&cv, m, qs[j]) == cx_dur_percentile(&dv, m, qs[j]));

		/* a truncated stream or a changed total fails validation */
		cv.len = len - 1;
		CHECK(cx_dur_validate(&cv, m) != CX_DUR_OK);
		cv.len = len;
		h.completed++;
		CHECK(cx_dur_validate(&cv, m) == CX_DUR_BAD_TOTALS);
		h.completed--;
		h.min = nextafter(h.min, 0);
		if (all.h.zero_completed == 0)
			CHECK(cx_dur_validate(&cv, m) != CX_DUR_OK);
		h.min = all.h.min;
		h.sum_lo += 1000000000;
		CHECK(cx_dur_validate(&cv, m) == CX_DUR_OK ||
			  cx_dur_validate(&cv, m) == CX_DUR_BAD_SUMS);
		h.sum_hi += 1;
		CHECK(cx_dur_validate(&cv, m) == CX_DUR_BAD_SUMS);
		free(stream);

		/* merging the parts gives the single pass, exactly */
		{
			CxDurView	p1 = box_view(&part1),
						p2 = box_view(&part2),
						mv;
			bool		gave_up;

			CHECK(cx_dur_merge(&merged.h, merged.comp, merged.opn, &p2) == CX_DUR_OK);
			CHECK(cx_dur_merge(&merged.h, merged.comp, merged.opn, &p1) == CX_DUR_OK);
			CHECK(memcmp(&merged.h, &all.h, sizeof(CxDurHead)) == 0);
			CHECK(memcmp(merged.comp, all.comp, 2 * sizeof(int64_t) * all.h.n) == 0);
			/* and unmerging one part gives the other, unless it held an extreme */
			mv = box_view(&merged);
			CHECK(cx_dur_unmerge(&merged.h, merged.comp, merged.opn, &p2, &gave_up) == CX_DUR_OK);
			if (!gave_up)
				CHECK(memcmp(&merged.h, &part1.h, sizeof(CxDurHead)) == 0);
			(void) mv;
		}
		free(all.comp);
		free(part1.comp);
		free(part2.comp);
		free(merged.comp);
	}
}

/* Adding and removing: totals, extremes, the inverse giving up on an extreme. */
static void
test_add_remove(void)
{
	const CxDurMap *m = map_of(10000);
	Box			b = box_new(m);
	bool		gave_up;

	CHECK(box_add(&b, 10.0, false) == CX_DUR_OK);
	CHECK(box_add(&b, 20.0, false) == CX_DUR_OK);
	CHECK(box_add(&b, 30.0, false) == CX_DUR_OK);
	CHECK(box_add(&b, 40.0, true) == CX_DUR_OK);
	CHECK(b.h.min == 10.0 && b.h.max == 30.0);
	CHECK(cx_dur_u128(b.h.sum_hi, b.h.sum_lo) == (cx_u128) 60000000);
	CHECK(cx_dur_u128(b.h.sumsq_hi, b.h.sumsq_lo) == (cx_u128) 1400000000000000ULL);
	/* removing the middle one keeps the extremes */
	CHECK(cx_dur_remove(&b.h, b.comp, b.opn, 20.0, 20000000, cx_dur_index(m, 20.0), false, &gave_up) == CX_DUR_OK);
	CHECK(!gave_up && b.h.completed == 2);
	/* removing an extreme gives up, and changes nothing */
	CHECK(cx_dur_remove(&b.h, b.comp, b.opn, 10.0, 10000000, cx_dur_index(m, 10.0), false, &gave_up) == CX_DUR_OK);
	CHECK(gave_up && b.h.completed == 2);
	/* an open case goes without giving up */
	CHECK(cx_dur_remove(&b.h, b.comp, b.opn, 40.0, 40000000, cx_dur_index(m, 40.0), true, &gave_up) == CX_DUR_OK);
	CHECK(!gave_up && b.h.open == 0);
	/* removing what is not there */
	CHECK(cx_dur_remove(&b.h, b.comp, b.opn, 500.0, 500000000, cx_dur_index(m, 500.0), false, &gave_up) == CX_DUR_NEGATIVE);
	/* the mean of 10 and 30 is 20, the sample variance 200 */
	{
		CxDurMoments mo = cx_dur_moments(&b.h);

		CHECK_NEAR(mo.mean, 20.0, 1e-12);
		CHECK_NEAR(mo.var, 200.0, 1e-9);
		CHECK_NEAR(mo.se, 10.0, 1e-12);
	}
	/* the count overflows cleanly */
	b.h.completed = INT64_MAX;
	CHECK(box_add(&b, 1.0, false) == CX_DUR_OVERFLOW);
	free(b.comp);
}

/* SLA share: the representative rule, and open cases past the limit are breaches. */
static void
test_share_within(void)
{
	const CxDurMap *m = map_of(10000);
	Box			b = box_new(m);
	CxDurView	v;
	double		within,
				known;

	/* done in 1, 2, 3 and 10 hours; open for 5 hours and for 30 minutes */
	box_add(&b, 3600, false);
	box_add(&b, 7200, false);
	box_add(&b, 10800, false);
	box_add(&b, 36000, false);
	box_add(&b, 18000, true);
	box_add(&b, 1800, true);
	v = box_view(&b);
	/* at 4 hours: 3 done within, the one open for 5 hours is a breach, the other unknown */
	cx_dur_share_within(&v, m, 14400, &within, &known);
	CHECK_NEAR(within, 3, 0);
	CHECK_NEAR(known, 5, 0);
	/* at 12 hours: all 4 done are within; both open cases unknown */
	cx_dur_share_within(&v, m, 43200, &within, &known);
	CHECK_NEAR(within, 4, 0);
	CHECK_NEAR(known, 4, 0);
	/* just below the representative of 1 hour's bucket it is out, at it in */
	cx_dur_share_within(&v, m, nextafter(cx_dur_rep(m, cx_dur_index(m, 3600)), 0), &within, &known);
	CHECK_NEAR(within, 0, 0);
	cx_dur_share_within(&v, m, cx_dur_rep(m, cx_dur_index(m, 3600)), &within, &known);
	CHECK_NEAR(within, 1, 0);
	free(b.comp);
}

/*
 * Kaplan-Meier, worked by hand.  Times 1, 2, 2, 3+, 4, 5+ (+ open), at
 * alpha 1% (distinct buckets):
 *	t=1: n=6, d=1: S = 5/6; sum d/(n(n-d)) = 1/30
 *	t=2: n=5, d=2: S = 5/6 * 3/5 = 1/2; sum += 2/15 -> 1/30 + 4/30 = 1/6
 *	t=3: censored, n 3 -> 2
 *	t=4: n=2, d=1: S = 1/4; sum += 1/2 -> 2/3
 *	t=5: censored
 * Greenwood se at t=2: 1/2 * sqrt(1/6).  The median: S reaches exactly 1/2
 * at t=2, so R's rule takes the midpoint of 2 and the next event time, 4: 3
 * (R: quantile(survfit(...), .5) = 3).
 */
static double
rep_of(const CxDurMap *m, double x)
{
	return cx_dur_rep(m, cx_dur_index(m, x));
}

/* A curve from (time, event) pairs; times in seconds. */
static CxKm
km_from(const CxDurMap *m, const double *t, const int *event, int n, Box *b)
{
	CxDurView	v;
	CxKm		km;

	*b = box_new(m);
	for (int i = 0; i < n; i++)
		CHECK(box_add(b, t[i], !event[i]) == CX_DUR_OK);
	v = box_view(b);
	km.steps = malloc(sizeof(CxKmStep) * cx_dur_km_capacity(&v));
	cx_dur_km(&v, m, &km);
	return km;
}

static void
test_km(void)
{
	const CxDurMap *m = map_of(10000);
	const double t[] = {1, 2, 2, 3, 4, 5};
	const int	e[] = {1, 1, 1, 0, 1, 0};
	Box			b;
	CxKm		km = km_from(m, t, e, 6, &b);
	double		work[64];
	double		s,
				se;

	CHECK_I64(km.nsteps, 3);
	CHECK_REL(km.last_time, rep_of(m, 5), 1e-15);
	cx_km_at(&km, 1.5, &s, &se);
	CHECK_NEAR(s, 5.0 / 6, 1e-15);
	CHECK_NEAR(se, 5.0 / 6 * sqrt(1.0 / 30), 1e-15);
	cx_km_at(&km, 2.5, &s, &se);
	CHECK_NEAR(s, 0.5, 1e-15);
	CHECK_NEAR(se, 0.5 * sqrt(1.0 / 6), 1e-15);
	cx_km_at(&km, 4.5, &s, &se);
	CHECK_NEAR(s, 0.25, 1e-15);
	CHECK_NEAR(se, 0.25 * sqrt(2.0 / 3), 1e-15);
	cx_km_at(&km, 0.5, &s, &se);
	CHECK_NEAR(s, 1.0, 0);
	CHECK_REL(cx_km_quantile(&km, 0.5, 0, 0, CX_KM_LOG, work),
			  (rep_of(m, 2) + rep_of(m, 4)) / 2, 1e-15);
	/*
	 * S = 1/4 exactly from t=4 to the end (5+): R's end-plateau rule takes
	 * the midpoint with the last time observed, (4 + 5) / 2 (R: 4.5)
	 */
	CHECK_REL(cx_km_quantile(&km, 0.75, 0, 0, CX_KM_LOG, work), (rep_of(m, 4) + rep_of(m, 5)) / 2, 1e-15);
	/* 90% never */
	CHECK_NAN(cx_km_quantile(&km, 0.9, 0, 0, CX_KM_LOG, work));
	free(km.steps);
	free(b.comp);
}

/*
 * quantile.survfit's rules, on cases whose answers R gives (survival 3.5.3):
 *	1, 2, 3+, 4+: the curve ends flat at exactly 1/2, so the median is the
 *	  midpoint of 2 and the last time observed, 4: 3 (not 2); lower 1.
 *	1, 2, 3, 4: median 2.5, q = 1 gives 4; lower 1 at the median.
 *	1, 1, 2, 4, 4, 5, 6+, 7, 8: quantiles 1, 2, 4, 7 at .1, .25, .5, .75;
 *	  lower 1, 1, 2, 4; the 'log' upper curve is not monotone and R's upper
 *	  at .1 is 7 (not the first time the curve is below .9, 5), NA beyond.
 */
static void
test_km_quantile_rules(void)
{
	const CxDurMap *m = map_of(10000);
	const double z = 1.959963984540054;
	double		work[64];
	Box			b;

	{
		const double t[] = {1, 2, 3, 4};
		const int	e[] = {1, 1, 0, 0};
		CxKm		km = km_from(m, t, e, 4, &b);

		CHECK_REL(cx_km_quantile(&km, 0.5, 0, z, CX_KM_LOG, work), (rep_of(m, 2) + rep_of(m, 4)) / 2, 1e-15);
		CHECK_REL(cx_km_quantile(&km, 0.5, -1, z, CX_KM_LOG, work), rep_of(m, 1), 1e-15);
		CHECK_NAN(cx_km_quantile(&km, 0.5, 1, z, CX_KM_LOG, work));
		free(km.steps);
		free(b.comp);
	}
	{
		const double t[] = {1, 2, 3, 4};
		const int	e[] = {1, 1, 1, 1};
		CxKm		km = km_from(m, t, e, 4, &b);

		CHECK_REL(cx_km_quantile(&km, 0.5, 0, z, CX_KM_LOG, work), (rep_of(m, 2) + rep_of(m, 3)) / 2, 1e-15);
		CHECK_REL(cx_km_quantile(&km, 1.0, 0, z, CX_KM_LOG, work), rep_of(m, 4), 1e-15);
		CHECK_REL(cx_km_quantile(&km, 0.5, -1, z, CX_KM_LOG, work), rep_of(m, 1), 1e-15);
		CHECK_NAN(cx_km_quantile(&km, 1.0, -1, z, CX_KM_LOG, work));
		free(km.steps);
		free(b.comp);
	}
	{
		const double t[] = {1, 1, 2, 4, 4, 5, 6, 7, 8};
		const int	e[] = {1, 1, 1, 1, 1, 1, 0, 1, 1};
		const double qs[] = {0.1, 0.25, 0.5, 0.75};
		const double est[] = {1, 2, 4, 7};
		const double lower[] = {1, 1, 2, 4};
		CxKm		km = km_from(m, t, e, 9, &b);

		for (int i = 0; i < 4; i++)
		{
			CHECK_REL(cx_km_quantile(&km, qs[i], 0, z, CX_KM_LOG, work), rep_of(m, est[i]), 1e-15);
			CHECK_REL(cx_km_quantile(&km, qs[i], -1, z, CX_KM_LOG, work), rep_of(m, lower[i]), 1e-15);
		}
		CHECK_REL(cx_km_quantile(&km, 0.1, 1, z, CX_KM_LOG, work), rep_of(m, 7), 1e-15);
		CHECK_NAN(cx_km_quantile(&km, 0.25, 1, z, CX_KM_LOG, work));
		free(km.steps);
		free(b.comp);
	}
}

/*
 * Log-rank, worked by hand: a = {1, 2}, b = {3, 4}, all completed.
 *	t=1: n1=2, n2=2, d=1 (a): E1 = 1/2, V = 2*2*1*3/(16*3) = 1/4
 *	t=2: n1=1, n2=2, d=1 (a): E1 = 1/3, V = 1*2*1*2/(9*2) = 2/9
 *	t=3, t=4: n1 = 0: E1 = 0, V = 0
 * O1 - E1 = 2 - 5/6 = 7/6, V = 17/36: chisq = (49/36) / (17/36) = 49/17.
 */
static void
test_logrank(void)
{
	const CxDurMap *m = map_of(10000);
	Box			a = box_new(m),
				b = box_new(m);
	CxDurView	va,
				vb;
	double		chisq,
				p;

	box_add(&a, 1, false);
	box_add(&a, 2, false);
	box_add(&b, 3, false);
	box_add(&b, 4, false);
	va = box_view(&a);
	vb = box_view(&b);
	cx_dur_logrank(&va, &vb, &chisq, &p);
	CHECK_NEAR(chisq, 49.0 / 17, 1e-12);
	CHECK_NEAR(p, erfc(sqrt(49.0 / 17 / 2)), 1e-15);
	/* symmetric */
	cx_dur_logrank(&vb, &va, &chisq, &p);
	CHECK_NEAR(chisq, 49.0 / 17, 1e-12);
	free(a.comp);
	free(b.comp);
}

/*
 * The t distribution: df 1 is Cauchy, F(t) = 1/2 + atan(t)/pi; df 2 has
 * F(t) = 1/2 + t / (2 sqrt(2 + t^2)); published critical values
 * t_{0.975, 10} = 2.228138851986274 and t_{0.995, 30} = 2.749995653567611.
 */
static void
test_t_distribution(void)
{
	double		ts[] = {-30, -3, -1, -0.2, 0, 0.5, 1, 2.5, 40};

	for (size_t i = 0; i < sizeof(ts) / sizeof(ts[0]); i++)
	{
		CHECK_NEAR(cx_t_cdf(ts[i], 1), 0.5 + atan(ts[i]) / PI, 1e-13);
		CHECK_NEAR(cx_t_cdf(ts[i], 2), 0.5 + ts[i] / (2 * sqrt(2 + ts[i] * ts[i])), 1e-13);
	}
	CHECK_NEAR(cx_t_quantile(0.975, 10), 2.228138851986274, 1e-9);
	CHECK_NEAR(cx_t_quantile(0.995, 30), 2.749995653567611, 1e-9);
	CHECK_NEAR(cx_t_quantile(0.5, 7), 0.0, 1e-12);
	CHECK_NEAR(cx_t_quantile(0.025, 10), -2.228138851986274, 1e-9);
	CHECK_NAN(cx_t_quantile(0, 5));
	CHECK_NAN(cx_t_cdf(1, 0));
}

/*
 * Welch: means 10 and 13, variances 4 and 9, n 5 and 10: se^2 = 0.8 + 0.9
 * = 1.7, df = 1.7^2 / (0.8^2/4 + 0.9^2/9) = 2.89 / 0.25 = 11.56, t = 3 /
 * sqrt(1.7).
 */
static void
test_welch(void)
{
	CxWelch		w = cx_welch_test(10, 4, 5, 13, 9, 10, 0.95);
	double		tq = cx_t_quantile(0.975, 11.56);

	CHECK_NEAR(w.delta, 3, 1e-15);
	CHECK_NEAR(w.se, sqrt(1.7), 1e-15);
	CHECK_NEAR(w.df, 11.56, 1e-12);
	CHECK_NEAR(w.t, 3 / sqrt(1.7), 1e-14);
	CHECK_NEAR(w.p_value, 2 * cx_t_cdf(-3 / sqrt(1.7), 11.56), 1e-15);
	CHECK_NEAR(w.lower, 3 - tq * sqrt(1.7), 1e-12);
	CHECK_NEAR(w.upper, 3 + tq * sqrt(1.7), 1e-12);
	/* t_{0.975, 11.56} lies between t_{0.975, 11} = 2.200985 and t_{0.975, 12} = 2.178813 */
	CHECK(tq < 2.200986 && tq > 2.178812);
}

static void
test_status_text(void)
{
	for (int s = CX_DUR_OK; s <= CX_DUR_NO_MEMORY; s++)
		CHECK(strlen(cx_dur_status_text((CxDurStatus) s)) > 0);
	CHECK(cx_dur_map_build(&(CxDurMap)
	{
		0
	}, 999, malloc) == CX_DUR_BAD_ALPHA);
}

static const struct
{
	void		(*fn) (void);
	const char *desc;
}			tests[] =
{
	{test_map_bounds, "duration map: boundaries cover 2^-20 .. 2^44 s, ratio gamma"},
	{test_representative, "duration map: every bucket's representative is within alpha of its values"},
	{test_index, "duration map: the slot table finds the defined bucket, on every edge and at random"},
	{test_percentiles_and_forms, "duration: percentiles within alpha; compact = dense; merge = single pass; validation"},
	{test_add_remove, "duration: add and remove, extremes, sums, overflow"},
	{test_share_within, "duration: SLA share, representative rule, open breaches"},
	{test_km, "duration: Kaplan-Meier and Greenwood on a hand-worked case"},
	{test_km_quantile_rules, "duration: Kaplan-Meier percentiles and their intervals follow R's quantile.survfit"},
	{test_logrank, "duration: log-rank on a hand-worked case"},
	{test_t_distribution, "t distribution: closed forms at df 1 and 2, critical values"},
	{test_welch, "Welch's test on a hand-worked case"},
	{test_status_text, "duration status texts; a relative error out of range"},
};

int
main(void)
{
	for (size_t t = 0; t < sizeof(tests) / sizeof(tests[0]); t++)
		tap_run(tests[t].fn, tests[t].desc);
	return tap_done();
}
