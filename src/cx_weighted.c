/*
 * cx_weighted.c
 *		Weighted score distributions and their statistics, in pure C (see
 *		cx_weighted.h).
 */
#include "cx_weighted.h"

#include <math.h>
#include <string.h>

CxStatus
cx_wdist_merge(CxWDist *dst, const CxWDist *src, int npoints)
{
	CxWDist		sum = *dst;
	CxStatus	status = cx_dist_merge(&sum.counts, &src->counts, npoints);

	if (status != CX_OK)
		return status;
	for (int i = 0; i < npoints; i++)
	{
		cx_u128		s2;

		if (__builtin_add_overflow(cx_u128_get(&dst->sw2[i]), cx_u128_get(&src->sw2[i]), &s2))
			return CX_WEIGHT_OVERFLOW;
		cx_u128_set(&sum.sw2[i], s2);
		/* each sum of W is below 2^113, so two cannot overflow */
		cx_u128_set(&sum.sw[i], cx_u128_get(&dst->sw[i]) + cx_u128_get(&src->sw[i]));
	}
	*dst = sum;
	return CX_OK;
}

CxStatus
cx_wdist_subtract(CxWDist *dst, const CxWDist *src, int npoints)
{
	CxWDist		diff = *dst;
	CxStatus	status = cx_dist_subtract(&diff.counts, &src->counts, npoints);

	if (status != CX_OK)
		return status;
	for (int i = 0; i < npoints; i++)
	{
		cx_u128		s = cx_u128_get(&dst->sw[i]),
					s2 = cx_u128_get(&dst->sw2[i]),
					o = cx_u128_get(&src->sw[i]),
					o2 = cx_u128_get(&src->sw2[i]);

		if (s < o || s2 < o2)
			return CX_NEGATIVE;
		cx_u128_set(&diff.sw[i], s - o);
		cx_u128_set(&diff.sw2[i], s2 - o2);
	}
	*dst = diff;
	return CX_OK;
}

/* A 256-bit product, as high and low halves. */
typedef struct CxU256
{
	cx_u128		hi;
	cx_u128		lo;
} CxU256;

static CxU256
mul_256(cx_u128 a, cx_u128 b)
{
	uint64_t	a0 = (uint64_t) a,
				a1 = (uint64_t) (a >> 64),
				b0 = (uint64_t) b,
				b1 = (uint64_t) (b >> 64);
	cx_u128		p00 = (cx_u128) a0 * b0,
				p01 = (cx_u128) a0 * b1,
				p10 = (cx_u128) a1 * b0,
				p11 = (cx_u128) a1 * b1;
	/* at most 3 * (2^64 - 1): no overflow */
	cx_u128		mid = (p00 >> 64) + (uint64_t) p01 + (uint64_t) p10;
	CxU256		r;

	r.lo = (mid << 64) | (uint64_t) p00;
	r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
	return r;
}

/* a * b <= c * d, exactly */
static bool
product_le(cx_u128 a, cx_u128 b, cx_u128 c, cx_u128 d)
{
	CxU256		x = mul_256(a, b),
				y = mul_256(c, d);

	return x.hi < y.hi || (x.hi == y.hi && x.lo <= y.lo);
}

CxStatus
cx_wdist_finish(CxWDist *d, int npoints)
{
	CxStatus	status = cx_dist_finish(&d->counts, npoints);
	const cx_u128 max = (cx_u128) CX_WEIGHT_FIXED_MAX;

	if (status != CX_OK)
		return status;
	for (int i = 0; i < CX_MAX_POINTS; i++)
	{
		cx_u128		c = (cx_u128) d->counts.count[i],
					s = cx_u128_get(&d->sw[i]),
					s2 = cx_u128_get(&d->sw2[i]);

		if (i >= npoints && (s != 0 || s2 != 0))
			return CX_BAD_SCALE;
		if (c == 0)
		{
			if (s != 0 || s2 != 0)
				return CX_BAD_WEIGHTS;
			continue;
		}
		/* c < 2^63 and max < 2^50: c * max fits */
		if (s < c || s > c * max || s2 < s)
			return CX_BAD_WEIGHTS;
		if (!product_le(s2, 1, max, s) ||	/* every W <= max */
			!product_le(s2, 1, s, s) || /* sum W^2 <= (sum W)^2 */
			!product_le(s, s, c, s2))	/* (sum W)^2 <= c sum W^2 */
			return CX_BAD_WEIGHTS;
	}
	return CX_OK;
}

cx_u128
cx_wdist_weight(const CxWDist *d, int npoints, int from, int to)
{
	cx_u128		sum = 0;

	if (from < 0)
		from = 0;
	if (to > npoints - 1)
		to = npoints - 1;
	/* at most 11 sums below 2^113 */
	for (int i = from; i <= to; i++)
		sum += cx_u128_get(&d->sw[i]);
	return sum;
}

double
cx_weight_value(cx_u128 sw)
{
	return (double) sw / CX_WEIGHT_SCALE;
}

CxWEstimate
cx_wdist_estimate(const CxWDist *d, int npoints, const double *y)
{
	CxWEstimate e;
	double		sw = 0.0,
				sw2 = 0.0,
				swy = 0.0,
				ss = 0.0;

	e.n = (double) d->counts.n;
	if (d->counts.n == 0)
	{
		e.weight = e.mean = e.se = e.n_eff = NAN;
		return e;
	}
	for (int i = 0; i < npoints; i++)
	{
		double		w = (double) cx_u128_get(&d->sw[i]);

		sw += w;
		sw2 += (double) cx_u128_get(&d->sw2[i]);
		swy += w * y[i];
	}
	e.weight = sw / CX_WEIGHT_SCALE;
	e.mean = swy / sw;
	e.n_eff = sw * sw / sw2;
	/* two passes: deviations from the weighted mean */
	for (int i = 0; i < npoints; i++)
	{
		double		dev = y[i] - e.mean;

		ss += (double) cx_u128_get(&d->sw2[i]) * dev * dev;
	}
	e.se = d->counts.n >= 2 ? sqrt(e.n / (e.n - 1.0) * ss / (sw * sw)) : NAN;
	return e;
}

int
cx_u128_format(cx_u128 v, int digits, char *buf)
{
	char		rev[CX_U128_TEXT_MAX];
	int			n = 0,
				len = 0;
	bool		fraction = false;

	/* the digits from the last, dropping trailing zeros of the fraction */
	for (int i = 0; i < digits; i++)
	{
		int			digit = (int) (v % 10);

		v /= 10;
		if (digit != 0 || fraction)
		{
			fraction = true;
			rev[n++] = (char) ('0' + digit);
		}
	}
	if (fraction)
		rev[n++] = '.';
	do
	{
		rev[n++] = (char) ('0' + (int) (v % 10));
		v /= 10;
	} while (v != 0);
	while (n > 0)
		buf[len++] = rev[--n];
	buf[len] = '\0';
	return len;
}

CxStatus
cx_u128_parse(const char **p, int digits, cx_u128 *v)
{
	const char *c = *p;
	cx_u128		x = 0;
	int			places = 0;
	bool		overflow = false;

	if (*c < '0' || *c > '9')
		return CX_BAD_WEIGHTS;
	while (*c >= '0' && *c <= '9')
	{
		if (__builtin_mul_overflow(x, 10, &x) || __builtin_add_overflow(x, (cx_u128) (*c - '0'), &x))
			overflow = true;
		c++;
	}
	if (*c == '.')
	{
		c++;
		if (*c < '0' || *c > '9')
			return CX_BAD_WEIGHTS;
		for (; *c >= '0' && *c <= '9'; c++)
		{
			if (places == digits)
			{
				/* zeros past the last place are harmless, other digits are not */
				if (*c != '0')
					return CX_BAD_WEIGHTS;
				continue;
			}
			if (__builtin_mul_overflow(x, 10, &x) || __builtin_add_overflow(x, (cx_u128) (*c - '0'), &x))
				overflow = true;
			places++;
		}
	}
	for (; places < digits; places++)
		if (__builtin_mul_overflow(x, 10, &x))
			overflow = true;
	if (overflow)
		return CX_OVERFLOW;
	*v = x;
	*p = c;
	return CX_OK;
}
