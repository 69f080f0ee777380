/*
 * cx_duration_stats.c
 *		What is read from a duration summary (see cx_duration.h): the
 *		moments, percentiles and SLA share of the completed cases, and, open
 *		cases censored, the Kaplan-Meier curve, its percentiles and their
 *		confidence intervals as R's survival package gives them, and the
 *		log-rank test.
 */
#include "cx_duration.h"

#include <math.h>

/* ---------------------------------------------------------------------
 * Statistics
 * ---------------------------------------------------------------------
 */

CxDurMoments
cx_dur_moments(const CxDurHead *h)
{
	CxDurMoments r;
	long double n = (long double) h->completed;
	long double sum = (long double) cx_dur_u128(h->sum_hi, h->sum_lo);
	long double sumsq = (long double) cx_dur_u128(h->sumsq_hi, h->sumsq_lo);

	r.n = (double) n;
	r.mean = r.var = r.se = NAN;
	if (h->completed == 0)
		return r;
	r.mean = (double) (sum / n / 1e6L);
	if (h->completed >= 2)
	{
		long double ss = sumsq - sum * sum / n;

		if (ss < 0)
			ss = 0;
		r.var = (double) (ss / (n - 1) / 1e12L);
		r.se = sqrt(r.var / r.n);
	}
	return r;
}

double
cx_dur_percentile(const CxDurView *v, const CxDurMap *m, double q)
{
	const CxDurHead *h = v->h;
	double		k;
	int64_t		cum;
	double		x = NAN;
	CxDurIter	it;

	if (h->completed == 0)
		return NAN;
	k = ceil(q * (double) h->completed);
	if (k < 1)
		k = 1;
	if (k > (double) h->completed)
		k = (double) h->completed;
	cum = h->zero_completed;
	if ((double) cum >= k)
		x = 0.0;
	else
	{
		cx_dur_iter_init(&it, v);
		while (cx_dur_iter_next(&it))
		{
			cum += it.completed;
			if (it.completed > 0 && (double) cum >= k)
			{
				x = cx_dur_rep(m, it.index);
				break;
			}
		}
	}
	if (x < h->min)
		x = h->min;
	if (x > h->max)
		x = h->max;
	return x;
}

void
cx_dur_share_within(const CxDurView *v, const CxDurMap *m, double limit,
					double *within, double *known)
{
	const CxDurHead *h = v->h;
	CxDurIter	it;

	*within = (double) h->zero_completed;
	*known = (double) h->completed;
	cx_dur_iter_init(&it, v);
	while (cx_dur_iter_next(&it))
	{
		if (cx_dur_rep(m, it.index) <= limit)
			*within += (double) it.completed;
		else
			*known += (double) it.open;
	}
}

int32_t
cx_dur_km_capacity(const CxDurView *v)
{
	return v->h->n + 1;
}

/*
 * One time of the curve: d events and c censorings at time t, n at risk
 * (counted exactly: cases may pass 2^53).
 */
static void
km_time(CxKm *km, int64_t *n, double *surv, double *hv, double t, int64_t d, int64_t c)
{
	if (d + c > 0)
		km->last_time = t;
	if (d > 0)
	{
		CxKmStep   *s = &km->steps[km->nsteps++];
		double		nd = (double) *n;

		*surv *= (double) (*n - d) / nd;
		*hv += *n > d ? (double) d / (nd * (double) (*n - d)) : INFINITY;
		s->time = t;
		s->surv = *surv;
		s->hazard_var = *hv;
	}
	*n -= d + c;
}

void
cx_dur_km(const CxDurView *v, const CxDurMap *m, CxKm *km)
{
	const CxDurHead *h = v->h;
	int64_t		n = h->completed + h->open;
	double		surv = 1.0;
	double		hv = 0.0;
	CxDurIter	it;

	km->nsteps = 0;
	km->last_time = 0.0;
	km_time(km, &n, &surv, &hv, 0.0, h->zero_completed, h->zero_open);
	cx_dur_iter_init(&it, v);
	while (cx_dur_iter_next(&it))
		km_time(km, &n, &surv, &hv, cx_dur_rep(m, it.index), it.completed, it.open);
}

void
cx_km_at(const CxKm *km, double t, double *surv, double *se)
{
	*surv = 1.0;
	*se = 0.0;
	for (int32_t j = 0; j < km->nsteps && km->steps[j].time <= t; j++)
	{
		*surv = km->steps[j].surv;
		*se = isfinite(km->steps[j].hazard_var) ?
			km->steps[j].surv * sqrt(km->steps[j].hazard_var) : NAN;
	}
}

/* The curve at one step: the estimate, or a pointwise confidence limit (R's survfit_confint). */
static double
km_curve(const CxKmStep *s, int which, double z, CxKmTransform transform)
{
	double		S = s->surv;
	double		se = sqrt(s->hazard_var);

	if (which == 0)
		return S;
	if (S == 0.0)
		return NAN;
	switch (transform)
	{
		case CX_KM_LOG:
			return which < 0 ? S * exp(-z * se) : fmin(S * exp(z * se), 1.0);
		case CX_KM_LOGLOG:
			{
				double		w;

				if (S == 1.0)
					return NAN;
				w = z * se / log(S);	/* negative */
				return which < 0 ? exp(-exp(log(-log(S)) - w)) : exp(-exp(log(-log(S)) + w));
			}
		case CX_KM_PLAIN:
			return which < 0 ? fmax(S - z * se * S, 0.0) : fmin(S + z * se * S, 1.0);
	}
	return NAN;
}

/*
 * R's quantile.survfit (survival 3.5, findq): the points are (0, 0) and,
 * at each time, (t, 1 - C(t)); a point whose y equals an earlier one's is
 * dropped; then the answer is the mean of the times of the smallest y with
 * y + tol >= q and the smallest y with y - tol >= q (the same point, or
 * the two ends of a stretch where the curve is flat at exactly 1 - q),
 * except that a curve ending flat at 1 - q takes the midpoint with the last
 * time observed.  Times with only censorings repeat the y before them, so
 * the event times are the points.  Curves other than S need not be
 * monotone (the 'log' upper one is not), hence "smallest y", not "first".
 */
double
cx_km_quantile(const CxKm *km, double q, int which, double z,
			   CxKmTransform transform, double *work)
{
	const double tol = 1.4901161193847656e-08;	/* sqrt(DBL_EPSILON), as R */
	double	   *xs = work;
	double	   *ys = work + km->nsteps + 1;
	int32_t		n = 0;
	bool		seen_na = false;
	double		ymax = 0.0;
	double		ylast;
	int32_t		i1 = -1,
				i2 = -1;

	if (q == 0.0)
		return 0.0;
	xs[n] = 0.0;
	ys[n++] = 0.0;
	for (int32_t j = 0; j < km->nsteps; j++)
	{
		double		y = 1.0 - km_curve(&km->steps[j], which, z, transform);
		bool		dup = false;

		if (isnan(y))
		{
			dup = seen_na;
			seen_na = true;
		}
		else if (y <= ymax)
		{
			/* not above every earlier y: it may repeat one */
			for (int32_t k = 0; k < n && !dup; k++)
				dup = ys[k] == y;
		}
		if (!isnan(y) && y > ymax)
			ymax = y;
		if (!dup)
		{
			xs[n] = km->steps[j].time;
			ys[n++] = y;
		}
	}
	if (ymax < q)
		return NAN;				/* exact, as R: no tolerance here */
	for (int32_t k = 0; k < n; k++)
	{
		if (isnan(ys[k]))
			continue;
		if (ys[k] + tol >= q && (i1 < 0 || ys[k] < ys[i1]))
			i1 = k;
		if (ys[k] - tol >= q && (i2 < 0 || ys[k] < ys[i2]))
			i2 = k;
	}
	if (i1 < 0 || q < tol)
		return NAN;
	ylast = ys[n - 1];
	if (!isnan(ylast) && fabs(q - ylast) < tol)
		return (xs[i1] + km->last_time) / 2.0;
	if (i2 < 0)
		return NAN;
	return (xs[i1] + xs[i2]) / 2.0;
}

void
cx_dur_logrank(const CxDurView *a, const CxDurView *b, double *chisq, double *p_value)
{
	CxDurIter	ia,
				ib;
	bool		more_a,
				more_b;
	int64_t		n1 = a->h->completed + a->h->open;
	int64_t		n2 = b->h->completed + b->h->open;
	double		o_minus_e = 0.0,
				var = 0.0;
	int64_t		d1 = a->h->zero_completed,
				c1 = a->h->zero_open;
	int64_t		d2 = b->h->zero_completed,
				c2 = b->h->zero_open;

	cx_dur_iter_init(&ia, a);
	cx_dur_iter_init(&ib, b);
	more_a = cx_dur_iter_next(&ia);
	more_b = cx_dur_iter_next(&ib);
	for (;;)
	{
		/* the two groups' at-risk counts each fit; their sum may not */
		double		n = (double) n1 + (double) n2;
		double		d = (double) d1 + (double) d2;

		if (d > 0 && n > 0)
		{
			double		share = (double) n1 / n;

			o_minus_e += (double) d1 - d * share;
			if (n > 1)
				var += d * share * (1 - share) * (n - d) / (n - 1);
		}
		n1 -= d1 + c1;
		n2 -= d2 + c2;
		if (!more_a && !more_b)
			break;
		/* the next time: the lower bucket index of the two */
		d1 = c1 = d2 = c2 = 0;
		if (more_a && (!more_b || ia.index <= ib.index))
		{
			int32_t		index = ia.index;

			d1 = ia.completed;
			c1 = ia.open;
			more_a = cx_dur_iter_next(&ia);
			if (more_b && ib.index == index)
			{
				d2 = ib.completed;
				c2 = ib.open;
				more_b = cx_dur_iter_next(&ib);
			}
		}
		else
		{
			d2 = ib.completed;
			c2 = ib.open;
			more_b = cx_dur_iter_next(&ib);
		}
	}
	if (var > 0)
	{
		*chisq = o_minus_e * o_minus_e / var;
		*p_value = erfc(sqrt(*chisq / 2.0));
	}
	else
	{
		*chisq = NAN;
		*p_value = NAN;
	}
}
