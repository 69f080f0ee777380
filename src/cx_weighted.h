/*
 * cx_weighted.h
 *		The pure-C core of the weighted survey summaries: a score
 *		distribution with, per score point, the number of responses, the sum
 *		of their weights and the sum of their squared weights, all integers.
 *
 * Nothing here includes postgres.h (unit-tested by test/unit/test_weighted.c).
 *
 * Representation (DESIGN.md s. 9).  A weight w is stored as the integer
 * W = round(w * 10^6): a resolution of 10^-6.  Per score point the summary
 * keeps count (int64), sum W (unsigned 128-bit) and sum W^2 (unsigned
 * 128-bit, in units of 10^-12).  Integer addition is associative and
 * commutative, so a rollup, a parallel plan and a single pass in any row
 * order give the same bits; float sums would not.
 *
 * Range.  0 < w <= CX_WEIGHT_MAX = 10^9, and w must not round to 0 (w >=
 * 5 * 10^-7): W is then 1..10^15 < 2^50, and W^2 < 2^100.
 *  - sum W: at most 2^63 rows of 2^50, under 2^113: it cannot overflow
 *    before the row count does.
 *  - sum W^2: it overflows 2^128 only past 3.4 * 10^26 in weight^2 units,
 *    e.g. 3.4 * 10^8 rows all of the largest weight, or 3.4 * 10^20 rows of
 *    weight 1000; the add is checked and such a sum is an error
 *    (CX_WEIGHT_OVERFLOW), never a wrap-around.
 *
 * The 128-bit sums are kept as two 64-bit words (low first), read and
 * written through memcpy: a summary lives in 8-byte aligned memory, and an
 * unsigned __int128 field would tell the compiler it is 16-byte aligned.
 *
 * Statistics: for a reading that gives each score point k a value y_k (an
 * NPS of +100 / 0 / -100, a share of 100 or 0, a mean of the score itself),
 * the weighted estimate is ybar = sum_k SW_k y_k / SW, and its standard error
 * by linearisation, as R's survey::svymean for svydesign(ids = ~1, weights
 * = ~w), is SE^2 = n / (n - 1) * sum_k SW2_k (y_k - ybar)^2 / SW^2: the row
 * sum sum_i w_i^2 (y_i - ybar)^2 grouped by score point.  Kish's effective
 * sample size is n_eff = SW^2 / SW2.  The scale 10^6 cancels in every ratio.
 */
#ifndef CX_WEIGHTED_H
#define CX_WEIGHTED_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cx_core.h"

typedef unsigned __int128 cx_u128;

/* Weights are stored in units of 10^-6 ... */
#define CX_WEIGHT_SCALE 1000000.0
/* ... and may be up to 10^9 (see above for why). */
#define CX_WEIGHT_MAX 1e9
/* The largest stored weight, CX_WEIGHT_MAX * CX_WEIGHT_SCALE. */
#define CX_WEIGHT_FIXED_MAX INT64_C(1000000000000000)

/* The decimal places of the text form of sum W and of sum W^2. */
#define CX_WEIGHT_DIGITS 6
#define CX_WEIGHT2_DIGITS 12

/* An unsigned 128-bit integer as two words, low first; 8-byte aligned. */
typedef struct CxU128
{
	uint64_t	word[2];
} CxU128;

static inline cx_u128
cx_u128_get(const CxU128 *v)
{
	return ((cx_u128) v->word[1] << 64) | v->word[0];
}

static inline void
cx_u128_set(CxU128 *v, cx_u128 x)
{
	v->word[0] = (uint64_t) x;
	v->word[1] = (uint64_t) (x >> 64);
}

/*
 * A weighted distribution.  counts is an unweighted CxDist (its n and its
 * invariant); sw[i] and sw2[i] are the sums of W and W^2 of the responses on
 * point i.  Points past npoints stay zero, so equal distributions are equal
 * byte for byte.
 */
typedef struct CxWDist
{
	CxDist		counts;
	CxU128		sw[CX_MAX_POINTS];
	CxU128		sw2[CX_MAX_POINTS];
} CxWDist;

/*
 * A weight as the stored integer W = round(w * 10^6), ties to even; 0 when
 * the weight is not allowed: not a number, infinite, <= 0, > CX_WEIGHT_MAX,
 * or so small that it rounds to 0.  The comparison comes first, so NaN and
 * infinities never reach the conversion.  Inline: the per-row path.
 */
static inline uint64_t
cx_weight_fixed(double w)
{
	double		x;

	if (__builtin_expect(!(w > 0.0 && w <= CX_WEIGHT_MAX), 0))
		return 0;
	x = __builtin_rint(w * CX_WEIGHT_SCALE);
	return (uint64_t) x;
}

/*
 * Adds one response of stored weight W (1..CX_WEIGHT_FIXED_MAX) on point i
 * (0-based, range-checked by the caller); d is unchanged on error.
 */
static inline CxStatus
cx_wdist_add(CxWDist *d, int i, uint64_t w)
{
	cx_u128		w2 = (cx_u128) w * w;
	cx_u128		s2 = cx_u128_get(&d->sw2[i]);

	if (__builtin_expect(__builtin_add_overflow(s2, w2, &s2), 0))
		return CX_WEIGHT_OVERFLOW;
	if (__builtin_expect(cx_dist_add(&d->counts, i) != CX_OK, 0))
		return CX_OVERFLOW;
	cx_u128_set(&d->sw2[i], s2);
	/* below 2^113 while the count is below 2^63 */
	cx_u128_set(&d->sw[i], cx_u128_get(&d->sw[i]) + w);
	return CX_OK;
}

/* Removes one response of weight W from point i: the inverse of cx_wdist_add. */
static inline CxStatus
cx_wdist_remove(CxWDist *d, int i, uint64_t w)
{
	cx_u128		w2 = (cx_u128) w * w;
	cx_u128		s = cx_u128_get(&d->sw[i]);
	cx_u128		s2 = cx_u128_get(&d->sw2[i]);

	if (__builtin_expect(s < w || s2 < w2 || d->counts.count[i] == 0, 0))
		return CX_NEGATIVE;
	(void) cx_dist_remove(&d->counts, i);
	cx_u128_set(&d->sw[i], s - w);
	cx_u128_set(&d->sw2[i], s2 - w2);
	return CX_OK;
}

/* dst += src; dst is unchanged on error. */
extern CxStatus cx_wdist_merge(CxWDist *dst, const CxWDist *src, int npoints);

/* dst -= src (src must be contained in dst); dst is unchanged on error. */
extern CxStatus cx_wdist_subtract(CxWDist *dst, const CxWDist *src, int npoints);

/*
 * Checks a distribution read from untrusted input and sets its total n.
 * Beyond cx_dist_finish: points past npoints are zero; a point without
 * responses has zero sums; a point with c responses has sums that c weights
 * of 1..CX_WEIGHT_FIXED_MAX can make: c <= SW <= c * max, SW <= SW2 <=
 * max * SW, and SW2 <= SW^2 <= c * SW2 (Cauchy-Schwarz), so that 1 <= n_eff
 * <= n.  CX_BAD_WEIGHTS when a sum is impossible.
 */
extern CxStatus cx_wdist_finish(CxWDist *d, int npoints);

/* The sum of the stored weights of points from..to (0-based, clipped). */
extern cx_u128 cx_wdist_weight(const CxWDist *d, int npoints, int from, int to);



/* A 128-bit sum of stored weights in weight units (/ 10^6), as a double. */
extern double cx_weight_value(cx_u128 sw);

/*
 * A weighted estimate of a reading y[0..npoints-1]: n rows, the weight
 * total (in weight units), ybar, its linearisation standard error (NaN
 * below 2 rows), and Kish's n_eff.  Everything but n is NaN when n == 0.
 */
typedef struct CxWEstimate
{
	double		n;
	double		weight;
	double		mean;
	double		se;
	double		n_eff;
} CxWEstimate;

extern CxWEstimate cx_wdist_estimate(const CxWDist *d, int npoints, const double *y);

/*
 * Text forms of the sums: the exact decimal value of v / 10^digits, with no
 * trailing zeros in the fraction and no point when it is whole ("3.5",
 * "12", "0.000001").  buf holds at least CX_U128_TEXT_MAX bytes.
 */
#define CX_U128_TEXT_MAX 48
extern int	cx_u128_format(cx_u128 v, int digits, char *buf);

/*
 * Reads a non-negative decimal at *p with at most "digits" decimal places
 * into v = value * 10^digits, advancing *p.  Returns CX_OK, CX_BAD_WEIGHTS
 * when there is no number or it has more decimal places than digits (the
 * value is not representable), or CX_OVERFLOW when it does not fit in 128
 * bits.
 */
extern CxStatus cx_u128_parse(const char **p, int digits, cx_u128 *v);

#endif							/* CX_WEIGHTED_H */
