/*
 * cx_core.h
 *		The pure-C core of cx_metrics: score distributions and their statistics.
 *
 * Nothing here includes postgres.h.  The same code serves every metric type
 * (NPS on 0..10, CSAT on 1..k, CES on 1..5 or 1..7): a metric is only a
 * choice of scale plus a reading of the distribution.  Because the core has
 * no server dependency it is unit-tested and fuzzed directly
 * (test/unit/test_core.c).
 *
 * Errors are returned as CxStatus codes; the PostgreSQL glue turns them into
 * ereport() calls with the right SQLSTATE.
 */
#ifndef CX_CORE_H
#define CX_CORE_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

/* The widest scale any metric uses: 0..10 for NPS. */
#define CX_MAX_POINTS 11

typedef enum CxStatus
{
	CX_OK = 0,
	CX_OVERFLOW,				/* a count or the total would pass INT64_MAX */
	CX_NEGATIVE,				/* a count would drop below zero */
	CX_BAD_TOTAL,				/* the stored total is not the sum of counts */
	CX_BAD_SCALE,				/* npoints outside 1..CX_MAX_POINTS */
	CX_BAD_WEIGHTS,				/* weight sums no weights can make (cx_weighted.h) */
	CX_WEIGHT_OVERFLOW			/* a sum of squared weights would pass 2^128 - 1 */
} CxStatus;

/*
 * A score distribution: how many responses fell on each point of a fixed
 * integer scale, and their total.  Which scale is the caller's business; the
 * core only sees npoints counters, count[i] being the count of the i-th
 * point from the bottom.  Counters past npoints are kept at zero, so two
 * distributions of one scale compare equal byte for byte.
 *
 * Invariant: 0 <= count[i] and n == sum(count[0..npoints-1]) <= INT64_MAX.
 * Keeping n costs one increment per row but makes every overflow check O(1):
 * no count can overflow unless n does.
 */
typedef struct CxDist
{
	int64_t		n;
	int64_t		count[CX_MAX_POINTS];
} CxDist;

/* Empties d. */
extern void cx_dist_init(CxDist *d);

/*
 * Adds one response on point i (0-based).  The caller has range-checked i;
 * this is the per-row path of every aggregate, so it stays inline.
 */
static inline CxStatus
cx_dist_add(CxDist *d, int i)
{
	if (__builtin_expect(d->n == INT64_MAX, 0))
		return CX_OVERFLOW;
	d->n++;
	d->count[i]++;
	return CX_OK;
}

/* Removes one response on point i: the inverse of cx_dist_add. */
static inline CxStatus
cx_dist_remove(CxDist *d, int i)
{
	if (__builtin_expect(d->count[i] == 0, 0))
		return CX_NEGATIVE;
	d->n--;
	d->count[i]--;
	return CX_OK;
}

/* dst += src; dst is unchanged on error. */
extern CxStatus cx_dist_merge(CxDist *dst, const CxDist *src, int npoints);

/* dst -= src (src must be contained in dst); dst is unchanged on error. */
extern CxStatus cx_dist_subtract(CxDist *dst, const CxDist *src, int npoints);

/*
 * Checks counts read from untrusted input and sets d->n to their sum.
 * Counters past npoints must be zero.
 */
extern CxStatus cx_dist_finish(CxDist *d, int npoints);

/* Checks the invariant of a distribution, including its stored total. */
extern CxStatus cx_dist_validate(const CxDist *d, int npoints);

/* Sum of count[from..to] (0-based, inclusive, clipped to the scale). */
extern int64_t cx_dist_range(const CxDist *d, int npoints, int from, int to);

/* A short English description of a status, for error details. */
extern const char *cx_status_text(CxStatus status);

/* ---------------------------------------------------------------------
 * Statistics
 * ---------------------------------------------------------------------
 */

/* Standard normal CDF, Phi(x). */
extern double cx_norm_cdf(double x);

/* Standard normal quantile, Phi^-1(p); NaN unless 0 < p < 1. */
extern double cx_norm_quantile(double p);

/* Two-sided critical value for a confidence level in (0, 1): 0.95 -> 1.96. */
extern double cx_z_for_confidence(double confidence);

/* An interval estimate. */
typedef struct CxInterval
{
	double		lower;
	double		upper;
} CxInterval;

/*
 * A net score: the share of positive responses minus the share of negative
 * ones, in points on -100..100.  NPS is one (promoters minus detractors), CES
 * net effort another (easy minus difficult).  The estimate takes (possibly
 * fractional, for the adjusted-Wald method) counts of positive, neutral and
 * negative responses.  var is the per-response variance of the +1/0/-1
 * scores; se = 100 * sqrt(var / n).
 */
typedef struct CxNet
{
	double		n;
	double		net;
	double		var;
	double		se;
} CxNet;

/* The net-score estimate; n must be > 0. */
extern CxNet cx_net_estimate(double positive, double neutral, double negative);

/*
 * The per-response variance of +1/0/-1 scores whose shares of +1 and -1 are
 * p and d: (p + d) - (p - d)^2, at most 1 (p + d = 1, p = d).  Rounding
 * below zero is clamped.  cx_net_estimate computes its var with it.
 */
static inline double
cx_net_variance(double p, double d)
{
	double		var = (p + d) - (p - d) * (p - d);

	return var > 0.0 ? var : 0.0;
}

/* The net score alone, without the variance: the hot path of nps() over windows. */
static inline double
cx_net_point(double positive, double negative, double n)
{
	return 100.0 * (positive - negative) / n;
}

/* How a confidence interval for a net score is computed. */
typedef enum CxNetMethod
{
	CX_NET_WALD,
	CX_NET_ADJUSTED_WALD		/* Rocks (2016): +0.75, +1.5, +0.75 */
} CxNetMethod;

/* Net score +- z * SE, clipped to [-100, 100]; n must be > 0. */
extern CxInterval cx_net_interval(int64_t positive, int64_t neutral,
								  int64_t negative, double z,
								  CxNetMethod method);

/*
 * Planning: the margin of error of a Wald (normal) interval for a score in
 * points, 100 * z * sqrt(var / n), computed as z * se with se = 100 *
 * sqrt(var / n), the order of operations of cx_net_interval's Wald bounds
 * (so the margin equals net - lower wherever the bound is not clipped).
 * var is the per-response variance of the score on its -1..1 or 0..1
 * scale: cx_net_variance for a net score, p * (1 - p) for a proportion.
 */
static inline double
cx_wald_margin(double var, double n, double z)
{
	return z * (100.0 * sqrt(var / n));
}

/*
 * The sample size for a target margin: the smallest n >= 1 whose
 * cx_wald_margin is at most margin (ceil(var * (100 z / margin)^2), then
 * corrected for rounding by the margin itself).  margin > 0.  False when n
 * would pass INT64_MAX / 2 or is not finite.
 */
extern bool cx_wald_sample_size(double var, double margin, double z, int64_t *n);

/*
 * The mean of a distribution on the scale lo..lo+npoints-1, with the sample
 * variance (n - 1 in the denominator) and the standard error of the mean.
 * var and se are NaN when n < 2; everything is NaN when n == 0.
 */
typedef struct CxMean
{
	double		n;
	double		mean;
	double		var;
	double		se;
} CxMean;

extern CxMean cx_dist_mean(const CxDist *d, int npoints, int lo);

/* est +- z * se, clipped to [lo, hi]. */
extern CxInterval cx_clipped_interval(double est, double se, double z,
									  double lo, double hi);

/*
 * The Wilson score interval for a proportion (Wilson 1927), as fractions:
 * successes of n trials, n > 0.  Unlike est +- z * se it stays inside [0, 1]
 * and keeps its coverage near 0 and 1, where CSAT often is.
 */
extern CxInterval cx_wilson_interval(double successes, double n, double z);

/* A two-sample z-test of b against a. */
typedef struct CxTest
{
	double		delta;			/* estimate(b) - estimate(a) */
	double		se;				/* sqrt(se_a^2 + se_b^2) */
	double		z;				/* delta / se; NaN when se == 0 */
	double		p_value;		/* 2 * (1 - Phi(|z|)); NaN when se == 0 */
	double		lower;			/* delta - z_conf * se */
	double		upper;			/* delta + z_conf * se */
} CxTest;

/* Combines two independent estimates and their standard errors. */
extern CxTest cx_two_sample_test(double est_a, double se_a,
								 double est_b, double se_b, double z_conf);

/*
 * Two proportions, successes_a of n_a against successes_b of n_b (both n >
 * 0), as fractions: delta = p_b - p_a.  z and p_value come from the pooled
 * test (the usual test of p_a == p_b, equal to Pearson's chi-squared test
 * without continuity correction); se and the interval are unpooled, since
 * the interval is for a difference that need not be zero.
 */
extern CxTest cx_proportion_test(double successes_a, double n_a,
								 double successes_b, double n_b, double z_conf);

/* Student's t distribution with df > 0 degrees of freedom: CDF and quantile. */
extern double cx_t_cdf(double t, double df);
extern double cx_t_quantile(double p, double df);

/*
 * Welch's two-sample t-test of mean b against mean a (R's t.test(b, a)):
 * delta = mean_b - mean_a, se = sqrt(var_a / n_a + var_b / n_b), df by
 * Welch-Satterthwaite, t = delta / se, p_value two-sided from the t
 * distribution, and the interval delta -+ t_{df, (1 + confidence) / 2} * se.
 * Both n >= 2; everything but delta and se is NaN when se == 0 or the data
 * are essentially constant (se < 10 * DBL_EPSILON * max |mean|: R stops).
 */
typedef struct CxWelch
{
	double		delta;
	double		se;
	double		df;
	double		t;
	double		p_value;
	double		lower;
	double		upper;
} CxWelch;

extern CxWelch cx_welch_test(double mean_a, double var_a, double n_a,
							 double mean_b, double var_b, double n_b,
							 double confidence);

#endif							/* CX_CORE_H */
