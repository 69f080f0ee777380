/*
 * cx_core.c
 *		Score distributions and their statistics, in pure C (see cx_core.h).
 */
#include "cx_core.h"

#include <math.h>
#include <string.h>

void
cx_dist_init(CxDist *d)
{
	memset(d, 0, sizeof(*d));
}

CxStatus
cx_dist_merge(CxDist *dst, const CxDist *src, int npoints)
{
	CxDist		sum;

	if (npoints < 1 || npoints > CX_MAX_POINTS)
		return CX_BAD_SCALE;
	sum = *dst;
	/* every count is bounded by its total, so checking the total suffices */
	if (__builtin_add_overflow(dst->n, src->n, &sum.n))
		return CX_OVERFLOW;
	for (int i = 0; i < npoints; i++)
		sum.count[i] += src->count[i];
	*dst = sum;
	return CX_OK;
}

CxStatus
cx_dist_subtract(CxDist *dst, const CxDist *src, int npoints)
{
	CxDist		diff;

	if (npoints < 1 || npoints > CX_MAX_POINTS)
		return CX_BAD_SCALE;
	diff = *dst;
	for (int i = 0; i < npoints; i++)
	{
		if (src->count[i] > dst->count[i])
			return CX_NEGATIVE;
		diff.count[i] -= src->count[i];
	}
	diff.n -= src->n;
	*dst = diff;
	return CX_OK;
}

CxStatus
cx_dist_finish(CxDist *d, int npoints)
{
	int64_t		n = 0;

	if (npoints < 1 || npoints > CX_MAX_POINTS)
		return CX_BAD_SCALE;
	for (int i = 0; i < CX_MAX_POINTS; i++)
	{
		if (d->count[i] < 0)
			return CX_NEGATIVE;
		if (i >= npoints && d->count[i] != 0)
			return CX_BAD_SCALE;
		if (__builtin_add_overflow(n, d->count[i], &n))
			return CX_OVERFLOW;
	}
	d->n = n;
	return CX_OK;
}

CxStatus
cx_dist_validate(const CxDist *d, int npoints)
{
	CxDist		copy = *d;
	CxStatus	status = cx_dist_finish(&copy, npoints);

	if (status != CX_OK)
		return status;
	return copy.n == d->n ? CX_OK : CX_BAD_TOTAL;
}

int64_t
cx_dist_range(const CxDist *d, int npoints, int from, int to)
{
	int64_t		sum = 0;

	if (from < 0)
		from = 0;
	if (to > npoints - 1)
		to = npoints - 1;
	/* a sub-sum of a valid distribution cannot overflow */
	for (int i = from; i <= to; i++)
		sum += d->count[i];
	return sum;
}

const char *
cx_status_text(CxStatus status)
{
	switch (status)
	{
		case CX_OK:
			return "no error";
		case CX_OVERFLOW:
			return "the counts would add up to more than 9223372036854775807, the largest bigint";
		case CX_NEGATIVE:
			return "a count would be negative";
		case CX_BAD_TOTAL:
			return "the total is not the sum of the counts";
		case CX_BAD_SCALE:
			return "the scale is not valid";
		case CX_BAD_WEIGHTS:
			return "the weight sums of a score are not sums that its responses' weights can make";
		case CX_WEIGHT_OVERFLOW:
			return "the squared weights of a score would add up to more than 2^128 - 1 millionths squared (3.4e26)";
	}
	return "unknown error";
}

/* ---------------------------------------------------------------------
 * Statistics
 * ---------------------------------------------------------------------
 */

double
cx_norm_cdf(double x)
{
	/* erfc keeps full relative precision in both tails */
	return 0.5 * erfc(-x / 1.41421356237309504880);	/* sqrt(2): M_SQRT2 is not ISO C */
}

/*
 * Wichura's algorithm AS 241 (PPND16), Applied Statistics 37 (1988) 477-484:
 * relative accuracy about 1e-16 over the whole open interval (0, 1).
 */
double
cx_norm_quantile(double p)
{
	double		q,
				r,
				x;

	if (!(p > 0.0 && p < 1.0))
		return NAN;

	q = p - 0.5;
	if (fabs(q) <= 0.425)
	{
		r = 0.180625 - q * q;
		return q * (((((((r * 2509.0809287301226727 +
						  33430.575583588128105) * r + 67265.770927008700853) * r +
						45921.953931549871457) * r + 13731.693765509461125) * r +
					  1971.5909503065514427) * r + 133.14166789178437745) * r +
					3.387132872796366608)
			/ (((((((r * 5226.495278852545925 +
					 28729.085735721942674) * r + 39307.89580009271061) * r +
				   21213.794301586595867) * r + 5394.1960214247511077) * r +
				 687.1870074920579083) * r + 42.313330701600911252) * r + 1.0);
	}

	r = q < 0 ? p : 1.0 - p;
	r = sqrt(-log(r));
	if (r <= 5.0)
	{
		r -= 1.6;
		x = (((((((r * 7.7454501427834140764e-4 +
				   0.0227238449892691845833) * r + 0.24178072517745061177) * r +
				 1.27045825245236838258) * r + 3.64784832476320460504) * r +
			   5.7694972214606914055) * r + 4.6303378461565452959) * r +
			 1.42343711074968357734)
			/ (((((((r * 1.05075007164441684324e-9 +
					 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
				   0.14810397642748007459) * r + 0.68976733498510000455) * r +
				 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1.0);
	}
	else
	{
		r -= 5.0;
		x = (((((((r * 2.01033439929228813265e-7 +
				   2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
				 0.026532189526576123093) * r + 0.29656057182850489123) * r +
			   1.7848265399172913358) * r + 5.4637849111641143699) * r +
			 6.6579046435011037772)
			/ (((((((r * 2.04426310338993978564e-15 +
					 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
				   7.868691311456132591e-4) * r + 0.0148753612908506148525) * r +
				 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1.0);
	}
	return q < 0 ? -x : x;
}

double
cx_z_for_confidence(double confidence)
{
	if (!(confidence > 0.0 && confidence < 1.0))
		return NAN;
	/* from the lower tail: 0.5 + c / 2 would round to 1 for c near 1 */
	return -cx_norm_quantile((1.0 - confidence) / 2.0);
}

CxNet
cx_net_estimate(double positive, double neutral, double negative)
{
	CxNet		e;
	double		p,
				d;

	e.n = positive + neutral + negative;
	p = positive / e.n;
	d = negative / e.n;
	e.net = cx_net_point(positive, negative, e.n);
	/* variance of scores +1/0/-1: E[X^2] - E[X]^2 */
	e.var = cx_net_variance(p, d);
	e.se = 100.0 * sqrt(e.var / e.n);
	return e;
}

bool
cx_wald_sample_size(double var, double margin, double z, int64_t *out)
{
	double		root = 100.0 * z / margin;
	double		x = var * root * root;
	double		n;

	if (!(x <= (double) (INT64_MAX / 2)))
		return false;
	n = fmax(1.0, ceil(x));
	/*
	 * ceil() of a rounded x can be one off either way; below 2^52 every
	 * neighbour is a distinct double, so step to the exact boundary.
	 */
	if (n < 4503599627370496.0)
	{
		while (n > 1.0 && cx_wald_margin(var, n - 1.0, z) <= margin)
			n -= 1.0;
		while (cx_wald_margin(var, n, z) > margin)
			n += 1.0;
	}
	*out = (int64_t) n;
	return true;
}

CxInterval
cx_clipped_interval(double est, double se, double z, double lo, double hi)
{
	CxInterval	ci;

	ci.lower = fmin(hi, fmax(lo, est - z * se));
	ci.upper = fmin(hi, fmax(lo, est + z * se));
	return ci;
}

CxInterval
cx_net_interval(int64_t positive, int64_t neutral, int64_t negative,
				double z, CxNetMethod method)
{
	CxNet		e;

	if (method == CX_NET_ADJUSTED_WALD)
		e = cx_net_estimate(positive + 0.75, neutral + 1.5, negative + 0.75);
	else
		e = cx_net_estimate(positive, neutral, negative);
	return cx_clipped_interval(e.net, e.se, z, -100.0, 100.0);
}

CxMean
cx_dist_mean(const CxDist *d, int npoints, int lo)
{
	CxMean		m;
	double		sum = 0.0,
				ss = 0.0;

	m.n = (double) d->n;
	/* exact while the sum fits a double's 53 bits, which 2^53 / 10 responses do */
	for (int i = 0; i < npoints; i++)
		sum += (double) d->count[i] * (lo + i);
	m.mean = sum / m.n;
	/* two passes: deviations from the mean, not E[X^2] - E[X]^2 */
	for (int i = 0; i < npoints; i++)
	{
		double		dev = (lo + i) - m.mean;

		ss += (double) d->count[i] * dev * dev;
	}
	m.var = d->n >= 2 ? ss / (m.n - 1.0) : NAN;
	m.se = sqrt(m.var / m.n);
	return m;
}

CxInterval
cx_wilson_interval(double successes, double n, double z)
{
	double		p = successes / n;
	double		z2n = z * z / n;
	double		centre = (p + z2n / 2.0) / (1.0 + z2n);
	double		half = z * sqrt(p * (1.0 - p) / n + z2n / (4.0 * n)) / (1.0 + z2n);
	CxInterval	ci;

	ci.lower = fmax(0.0, centre - half);
	ci.upper = fmin(1.0, centre + half);
	/* at p == 0 or 1 the bound is exactly 0 or 1, not a rounding away */
	if (successes == 0.0)
		ci.lower = 0.0;
	if (successes == n)
		ci.upper = 1.0;
	return ci;
}

CxTest
cx_two_sample_test(double est_a, double se_a, double est_b, double se_b,
				   double z_conf)
{
	CxTest		t;

	t.delta = est_b - est_a;
	t.se = sqrt(se_a * se_a + se_b * se_b);
	if (t.se > 0.0)
	{
		t.z = t.delta / t.se;
		/* 2 * (1 - Phi(|z|)) == 2 * Phi(-|z|), which keeps tail precision */
		t.p_value = 2.0 * cx_norm_cdf(-fabs(t.z));
	}
	else
	{
		t.z = NAN;
		t.p_value = NAN;
	}
	t.lower = t.delta - z_conf * t.se;
	t.upper = t.delta + z_conf * t.se;
	return t;
}

CxTest
cx_proportion_test(double successes_a, double n_a, double successes_b,
				   double n_b, double z_conf)
{
	double		pa = successes_a / n_a;
	double		pb = successes_b / n_b;
	double		pooled = (successes_a + successes_b) / (n_a + n_b);
	double		se0 = sqrt(pooled * (1.0 - pooled) * (1.0 / n_a + 1.0 / n_b));
	CxTest		t = cx_two_sample_test(pa, sqrt(pa * (1.0 - pa) / n_a),
									   pb, sqrt(pb * (1.0 - pb) / n_b), z_conf);

	if (se0 > 0.0)
	{
		t.z = t.delta / se0;
		t.p_value = 2.0 * cx_norm_cdf(-fabs(t.z));
	}
	else
	{
		t.z = NAN;
		t.p_value = NAN;
	}
	return t;
}

/* ---------------------------------------------------------------------
 * Student's t distribution, for Welch's test
 * ---------------------------------------------------------------------
 */

/* The continued fraction of the incomplete beta function (Lentz's method). */
static double
beta_cf(double a, double b, double x)
{
	const double tiny = 1e-300;
	double		c = 1.0;
	double		d = 1.0 - (a + b) * x / (a + 1.0);
	double		h;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1.0 / d;
	h = d;
	for (int m = 1; m <= 10000; m++)
	{
		double		m2 = 2.0 * m;
		double		num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
		double		del;

		d = 1.0 + num * d;
		d = fabs(d) < tiny ? tiny : d;
		c = 1.0 + num / c;
		c = fabs(c) < tiny ? tiny : c;
		d = 1.0 / d;
		h *= d * c;
		num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
		d = 1.0 + num * d;
		d = fabs(d) < tiny ? tiny : d;
		c = 1.0 + num / c;
		c = fabs(c) < tiny ? tiny : c;
		d = 1.0 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1.0) < 1e-16)
			break;
	}
	return h;
}

/*
 * The regularized incomplete beta function I_x(a, b), given x and y = 1 - x
 * (each computed accurately by the caller: one of them may be tiny).
 */
static double
beta_inc(double a, double b, double x, double y)
{
	double		front;

	if (x <= 0.0)
		return 0.0;
	if (y <= 0.0)
		return 1.0;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(y));
	if (x < (a + 1.0) / (a + b + 2.0))
		return front * beta_cf(a, b, x) / a;
	return 1.0 - front * beta_cf(b, a, y) / b;
}

double
cx_t_cdf(double t, double df)
{
	double		tail;

	if (isnan(t) || !(df > 0))
		return NAN;
	if (isinf(t))
		return t > 0 ? 1.0 : 0.0;
	/* P(|T| > |t|) = I_x(df/2, 1/2), x = df / (df + t^2) */
	tail = 0.5 * beta_inc(df / 2.0, 0.5, df / (df + t * t), t * t / (df + t * t));
	return t > 0 ? 1.0 - tail : tail;
}

double
cx_t_quantile(double p, double df)
{
	double		lo = -1.0,
				hi = 1.0;

	if (!(p > 0.0 && p < 1.0) || !(df > 0))
		return NAN;
	while (cx_t_cdf(lo, df) > p)
		lo *= 2.0;
	while (cx_t_cdf(hi, df) < p)
		hi *= 2.0;
	for (int i = 0; i < 200 && hi - lo > 1e-15 * fmax(1.0, fabs(hi)); i++)
	{
		double		mid = (lo + hi) / 2.0;

		if (cx_t_cdf(mid, df) < p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2.0;
}

CxWelch
cx_welch_test(double mean_a, double var_a, double n_a,
			  double mean_b, double var_b, double n_b, double confidence)
{
	CxWelch		w;
	double		va = var_a / n_a;
	double		vb = var_b / n_b;

	w.delta = mean_b - mean_a;
	w.se = sqrt(va + vb);
	/* as R's t.test: "data are essentially constant" gives no test */
	if (w.se > 10 * 2.220446049250313e-16 * fmax(fabs(mean_a), fabs(mean_b)) && w.se > 0.0)
	{
		double		tq;

		w.df = (va + vb) * (va + vb) /
			(va * va / (n_a - 1.0) + vb * vb / (n_b - 1.0));
		w.t = w.delta / w.se;
		w.p_value = 2.0 * cx_t_cdf(-fabs(w.t), w.df);
		tq = cx_t_quantile((1.0 + confidence) / 2.0, w.df);
		w.lower = w.delta - tq * w.se;
		w.upper = w.delta + tq * w.se;
	}
	else
		w.df = w.t = w.p_value = w.lower = w.upper = NAN;
	return w;
}
