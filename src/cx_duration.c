/*
 * cx_duration.c
 *		The pure-C core of duration summaries (see cx_duration.h).
 */
#include "cx_duration.h"

#include <math.h>
#include <string.h>

const char *
cx_dur_status_text(CxDurStatus status)
{
	switch (status)
	{
		case CX_DUR_OK:
			return "no error";
		case CX_DUR_OVERFLOW:
			return "a count or a sum would overflow";
		case CX_DUR_NEGATIVE:
			return "a count would drop below zero";
		case CX_DUR_BAD_ALPHA:
			return "the relative error is out of range";
		case CX_DUR_BAD_DATA:
			return "the bucket data are malformed";
		case CX_DUR_BAD_TOTALS:
			return "the totals are not the sums of the buckets";
		case CX_DUR_BAD_EXTREMES:
			return "the minimum or maximum lies outside its bucket";
		case CX_DUR_BAD_SUMS:
			return "the sums of durations do not fit the buckets";
		case CX_DUR_NO_MEMORY:
			return "out of memory";
	}
	return "unknown status";
}

/* ---------------------------------------------------------------------
 * The mapping
 * ---------------------------------------------------------------------
 */

static uint64_t
double_bits(double x)
{
	uint64_t	u;

	memcpy(&u, &x, sizeof u);
	return u;
}

static double
bits_double(uint64_t u)
{
	double		x;

	memcpy(&x, &u, sizeof x);
	return x;
}

CxDurStatus
cx_dur_map_build(CxDurMap *m, int32_t ppm, void *(*alloc) (size_t))
{
	double		g;
	double		b;
	int32_t		up = 0;
	int32_t		down = 0;
	int32_t		nbounds;
	int			k;
	int32_t		i;

	if (ppm < CX_DUR_PPM_MIN || ppm > CX_DUR_PPM_MAX)
		return CX_DUR_BAD_ALPHA;
	g = (1e6 + ppm) / (1e6 - ppm);
	m->ppm = ppm;
	m->alpha = ppm / 1e6;
	m->gamma = g;

	/* The same operations, in the same order, as the table below. */
	for (b = 1.0; b < CX_DUR_MAX_SECONDS; b *= g)
		up++;
	for (b = 1.0; b >= CX_DUR_MIN_SECONDS; b /= g)
		down--;
	m->imax = up;
	m->imin = down + 1;
	nbounds = m->imax - m->imin + 2;
	m->bound = alloc(sizeof(double) * nbounds);
	if (m->bound == NULL)
		return CX_DUR_NO_MEMORY;
	m->bound[-m->imin + 1] = 1.0;
	for (i = 1; i <= m->imax; i++)
		m->bound[i - m->imin + 1] = m->bound[i - m->imin] * g;
	for (i = -1; i >= m->imin - 1; i--)
		m->bound[i - m->imin + 1] = m->bound[i - m->imin + 2] / g;

	/*
	 * Slots of 2^-K of an octave at most, K the least that makes every slot
	 * narrower than every bucket (with room for the boundaries' rounding).
	 */
	for (k = 1; k < 20 && ldexp(1.0, -k) > (g - 1.0) * 0.99; k++)
		;
	m->shift = 52 - k;
	/* an entry holds the low bits and the bucket's offset: both must fit */
	if (m->shift > 48 || m->imax - m->imin >= (1 << 16))
		return CX_DUR_BAD_ALPHA;
	m->key_min = double_bits(CX_DUR_MIN_SECONDS) >> m->shift;
	m->nkeys = (uint32_t) ((double_bits(CX_DUR_MAX_SECONDS) >> m->shift) - m->key_min + 1);
	m->slot = alloc(sizeof(uint64_t) * m->nkeys);
	if (m->slot == NULL)
		return CX_DUR_NO_MEMORY;
	i = m->imin;
	for (uint32_t key = 0; key < m->nkeys; key++)
	{
		double		low = bits_double((m->key_min + key) << m->shift);
		uint64_t	b;

		while (cx_dur_bound(m, i) < low)
			i++;
		b = double_bits(cx_dur_bound(m, i));
		m->slot[key] = ((uint64_t) (i - m->imin) << 48) |
			((b >> m->shift) == m->key_min + key ?
			 (b & ((UINT64_C(1) << m->shift) - 1)) : CX_DUR_SLOT_LOW);
	}
	return CX_DUR_OK;
}

/* ---------------------------------------------------------------------
 * Counting
 * ---------------------------------------------------------------------
 */

void
cx_dur_head_init(CxDurHead *h, int32_t ppm)
{
	memset(h, 0, sizeof *h);
	h->ppm = ppm;
}

CxDurStatus
cx_dur_remove(CxDurHead *h, int64_t *comp, int64_t *opn, double x, uint64_t us,
			  int32_t i, bool open, bool *gave_up)
{
	int64_t    *cell;

	*gave_up = false;
	if (open)
	{
		cell = x == 0.0 ? &h->zero_open : &opn[i - h->lo];
		if (*cell == 0)
			return CX_DUR_NEGATIVE;
		(*cell)--;
		h->open--;
		return CX_DUR_OK;
	}
	else
	{
		cx_u128		sum = cx_dur_u128(h->sum_hi, h->sum_lo);
		cx_u128		sumsq = cx_dur_u128(h->sumsq_hi, h->sumsq_lo);

		cell = x == 0.0 ? &h->zero_completed : &comp[i - h->lo];
		if (*cell == 0 || sum < us || sumsq < (cx_u128) us * us)
			return CX_DUR_NEGATIVE;
		if (h->completed > 1 && (x == h->min || x == h->max))
		{
			*gave_up = true;
			return CX_DUR_OK;
		}
		(*cell)--;
		h->completed--;
		cx_dur_set_u128(&h->sum_hi, &h->sum_lo, sum - us);
		cx_dur_set_u128(&h->sumsq_hi, &h->sumsq_lo, sumsq - (cx_u128) us * us);
		if (h->completed == 0)
			h->min = h->max = 0.0;
		return CX_DUR_OK;
	}
}

/* ---------------------------------------------------------------------
 * The compact stream: per nonzero bucket, varint(index - previous index)
 * (the first one's from CX_DUR_INDEX_BASE),
 * varint(completed * 2 + (open > 0)), then varint(open) if open > 0.
 * Varints are LEB128, minimal (no trailing zero byte), at most 10 bytes.
 * ---------------------------------------------------------------------
 */

static size_t
put_varint(uint8_t *out, uint64_t v)
{
	size_t		n = 0;

	while (v >= 0x80)
	{
		out[n++] = (uint8_t) (v | 0x80);
		v >>= 7;
	}
	out[n++] = (uint8_t) v;
	return n;
}

/* Reads a minimal varint at data[*pos]; false if malformed or truncated. */
static bool
get_varint(const uint8_t *data, size_t len, size_t *pos, uint64_t *v)
{
	uint64_t	r = 0;
	int			shift = 0;

	for (;;)
	{
		uint8_t		byte;

		if (*pos >= len || shift > 63)
			return false;
		byte = data[(*pos)++];
		if (shift == 63 && byte > 1)
			return false;
		r |= (uint64_t) (byte & 0x7f) << shift;
		if (!(byte & 0x80))
		{
			if (byte == 0 && shift > 0)
				return false;	/* not minimal */
			*v = r;
			return true;
		}
		shift += 7;
	}
}

size_t
cx_dur_put_bucket(uint8_t *out, int32_t prev, int32_t index,
				  int64_t completed, int64_t open)
{
	size_t		n = put_varint(out, (uint64_t) ((int64_t) index - prev));

	n += put_varint(out + n, ((uint64_t) completed << 1) | (open > 0));
	if (open > 0)
		n += put_varint(out + n, (uint64_t) open);
	return n;
}

void
cx_dur_iter_init(CxDurIter *it, const CxDurView *v)
{
	it->v = v;
	it->pos = 0;
	it->index = CX_DUR_INDEX_BASE;
	it->completed = 0;
	it->open = 0;
}

/*
 * The next bucket of a compact stream, checked; false at the end, and false
 * with *bad set when malformed.  prev is the index before it.
 */
static bool
compact_next(const CxDurView *v, size_t *pos, int32_t prev, int32_t *index,
			 int64_t *completed, int64_t *open, bool *bad)
{
	uint64_t	delta,
				cv,
				ov = 0;

	*bad = false;
	if (*pos >= v->len)
		return false;
	if (!get_varint(v->data, v->len, pos, &delta) || delta == 0 ||
		delta > (uint64_t) INT32_MAX ||
		!get_varint(v->data, v->len, pos, &cv) ||
		((cv & 1) && (!get_varint(v->data, v->len, pos, &ov) ||
					  ov == 0 || ov > (uint64_t) INT64_MAX)) ||
		(cv >> 1) > (uint64_t) INT64_MAX ||
		(cv == 0) ||
		(int64_t) prev + (int64_t) delta > INT32_MAX)
	{
		*bad = true;
		return false;
	}
	*index = (int32_t) (prev + (int64_t) delta);
	*completed = (int64_t) (cv >> 1);
	*open = (int64_t) ov;
	return true;
}

bool
cx_dur_iter_next(CxDurIter *it)
{
	const CxDurView *v = it->v;

	if (v->form == CX_DUR_DENSE)
	{
		const int64_t *comp = (const int64_t *) v->data;
		const int64_t *opn = comp + v->h->n;

		while (it->pos < (size_t) v->h->n)
		{
			size_t		s = it->pos++;

			if (comp[s] != 0 || opn[s] != 0)
			{
				it->index = v->h->lo + (int32_t) s;
				it->completed = comp[s];
				it->open = opn[s];
				return true;
			}
		}
		return false;
	}
	else
	{
		bool		bad;

		return compact_next(v, &it->pos, it->index, &it->index, &it->completed,
							&it->open, &bad);
	}
}

size_t
cx_dur_compact_size(const CxDurView *v)
{
	CxDurIter	it;
	uint8_t		scratch[CX_DUR_MAX_BUCKET_BYTES];
	size_t		n = 0;
	int32_t		prev = CX_DUR_INDEX_BASE;

	cx_dur_iter_init(&it, v);
	while (cx_dur_iter_next(&it))
	{
		n += cx_dur_put_bucket(scratch, prev, it.index, it.completed, it.open);
		prev = it.index;
	}
	return n;
}

int32_t
cx_dur_encode(const CxDurView *v, uint8_t *out)
{
	CxDurIter	it;
	size_t		n = 0;
	int32_t		count = 0;
	int32_t		prev = CX_DUR_INDEX_BASE;

	cx_dur_iter_init(&it, v);
	while (cx_dur_iter_next(&it))
	{
		n += cx_dur_put_bucket(out + n, prev, it.index, it.completed, it.open);
		prev = it.index;
		count++;
	}
	return count;
}

bool
cx_dur_range(const CxDurView *v, int32_t *first, int32_t *last)
{
	CxDurIter	it;
	bool		any = false;

	cx_dur_iter_init(&it, v);
	while (cx_dur_iter_next(&it))
	{
		if (!any)
			*first = it.index;
		*last = it.index;
		any = true;
	}
	return any;
}

/* ---------------------------------------------------------------------
 * Validation
 * ---------------------------------------------------------------------
 */

CxDurStatus
cx_dur_validate(const CxDurView *v, const CxDurMap *m)
{
	const CxDurHead *h = v->h;
	int64_t		completed,
				open;
	int32_t		nbuckets = 0;
	int32_t		first_done = 0,
				last_done = 0;
	bool		any_done = false;
	long double sum_lo = 0,
				sum_hi = 0,
				sq_hi = 0;
	long double sum,
				sumsq;
	CxDurIter	it;

	if (h->ppm != m->ppm)
		return CX_DUR_BAD_ALPHA;
	if (h->reserved != 0 || h->completed < 0 || h->open < 0 ||
		h->zero_completed < 0 || h->zero_open < 0)
		return CX_DUR_BAD_DATA;
	if (v->form == CX_DUR_DENSE)
	{
		if (h->n < 1 || h->lo < m->imin || h->lo > m->imax ||
			h->n > m->imax - h->lo + 1 ||
			v->len != (size_t) h->n * 2 * sizeof(int64_t))
			return CX_DUR_BAD_DATA;
		for (int32_t s = 0; s < 2 * h->n; s++)
			if (((const int64_t *) v->data)[s] < 0)
				return CX_DUR_BAD_DATA;
	}
	else if (h->lo != 0 || h->n < 0)
		return CX_DUR_BAD_DATA;

	/* the buckets: indices, counts, totals */
	completed = h->zero_completed;
	open = h->zero_open;
	if (v->form == CX_DUR_DENSE)
		cx_dur_iter_init(&it, v);
	{
		size_t		pos = 0;
		int32_t		prev = CX_DUR_INDEX_BASE;
		int32_t		index;
		int64_t		c,
					o;
		bool		bad = false;

		for (;;)
		{
			if (v->form == CX_DUR_DENSE)
			{
				if (!cx_dur_iter_next(&it))
					break;
				index = it.index;
				c = it.completed;
				o = it.open;
			}
			else if (!compact_next(v, &pos, prev, &index, &c, &o, &bad))
			{
				if (bad)
					return CX_DUR_BAD_DATA;
				break;
			}
			if (index < m->imin || index > m->imax)
				return CX_DUR_BAD_DATA;
			prev = index;
			nbuckets++;
			if (__builtin_add_overflow(completed, c, &completed) ||
				__builtin_add_overflow(open, o, &open))
				return CX_DUR_BAD_TOTALS;
			if (c > 0)
			{
				if (!any_done)
					first_done = index;
				last_done = index;
				any_done = true;
				sum_lo += (long double) c * (cx_dur_bound(m, index - 1) * 1e6 - 1.0);
				sum_hi += (long double) c * (cx_dur_bound(m, index) * 1e6 + 1.0);
				sq_hi += (long double) c * (cx_dur_bound(m, index) * 1e6 + 1.0) *
					(cx_dur_bound(m, index) * 1e6 + 1.0);
			}
		}
	}
	if (v->form == CX_DUR_COMPACT && nbuckets != h->n)
		return CX_DUR_BAD_DATA;
	if (completed != h->completed || open != h->open || completed > INT64_MAX - open)
		return CX_DUR_BAD_TOTALS;

	/* the extremes */
	if (!isfinite(h->min) || !isfinite(h->max) || signbit(h->min) || signbit(h->max))
		return CX_DUR_BAD_EXTREMES;
	if (h->completed == 0)
	{
		if (h->min != 0.0 || h->max != 0.0 || h->sum_lo || h->sum_hi ||
			h->sumsq_lo || h->sumsq_hi)
			return CX_DUR_BAD_EXTREMES;
		return CX_DUR_OK;
	}
	if (h->zero_completed > 0 ? h->min != 0.0 :
		(h->min < CX_DUR_MIN_SECONDS || h->min > CX_DUR_MAX_SECONDS ||
		 cx_dur_index(m, h->min) != first_done))
		return CX_DUR_BAD_EXTREMES;
	if (any_done ? (h->max < CX_DUR_MIN_SECONDS || h->max > CX_DUR_MAX_SECONDS ||
					cx_dur_index(m, h->max) != last_done) :
		h->max != 0.0)
		return CX_DUR_BAD_EXTREMES;

	/* the sums: each duration's microseconds lie within its bucket, +-1 */
	sum = (long double) cx_dur_u128(h->sum_hi, h->sum_lo);
	sumsq = (long double) cx_dur_u128(h->sumsq_hi, h->sumsq_lo);
	if (sum < sum_lo * (1 - 1e-12L) || sum > sum_hi * (1 + 1e-12L) ||
		sumsq > sq_hi * (1 + 1e-12L) ||
		sumsq < sum * sum / h->completed * (1 - 1e-12L))
		return CX_DUR_BAD_SUMS;
	return CX_DUR_OK;
}

/* ---------------------------------------------------------------------
 * Merging
 * ---------------------------------------------------------------------
 */

CxDurStatus
cx_dur_merge(CxDurHead *dst, int64_t *comp, int64_t *opn, const CxDurView *src)
{
	const CxDurHead *s = src->h;
	int64_t		completed,
				open;
	cx_u128		sum,
				sumsq;
	CxDurIter	it;

	/* the totals bound every count: if they fit, so does every bucket */
	if (__builtin_add_overflow(dst->completed, s->completed, &completed) ||
		__builtin_add_overflow(dst->open, s->open, &open) ||
		completed > INT64_MAX - open ||
		__builtin_add_overflow(cx_dur_u128(dst->sum_hi, dst->sum_lo),
							   cx_dur_u128(s->sum_hi, s->sum_lo), &sum) ||
		__builtin_add_overflow(cx_dur_u128(dst->sumsq_hi, dst->sumsq_lo),
							   cx_dur_u128(s->sumsq_hi, s->sumsq_lo), &sumsq))
		return CX_DUR_OVERFLOW;
	if (s->completed > 0)
	{
		if (dst->completed == 0 || s->min < dst->min)
			dst->min = s->min;
		if (dst->completed == 0 || s->max > dst->max)
			dst->max = s->max;
	}
	dst->completed = completed;
	dst->open = open;
	cx_dur_set_u128(&dst->sum_hi, &dst->sum_lo, sum);
	cx_dur_set_u128(&dst->sumsq_hi, &dst->sumsq_lo, sumsq);
	dst->zero_completed += s->zero_completed;
	dst->zero_open += s->zero_open;
	cx_dur_iter_init(&it, src);
	while (cx_dur_iter_next(&it))
	{
		comp[it.index - dst->lo] += it.completed;
		opn[it.index - dst->lo] += it.open;
	}
	return CX_DUR_OK;
}

CxDurStatus
cx_dur_unmerge(CxDurHead *dst, int64_t *comp, int64_t *opn, const CxDurView *src,
			   bool *gave_up)
{
	const CxDurHead *s = src->h;
	cx_u128		sum = cx_dur_u128(dst->sum_hi, dst->sum_lo);
	cx_u128		sumsq = cx_dur_u128(dst->sumsq_hi, dst->sumsq_lo);
	cx_u128		ssum = cx_dur_u128(s->sum_hi, s->sum_lo);
	cx_u128		ssumsq = cx_dur_u128(s->sumsq_hi, s->sumsq_lo);
	CxDurIter	it;

	*gave_up = false;
	if (s->completed > dst->completed || s->open > dst->open ||
		s->zero_completed > dst->zero_completed || s->zero_open > dst->zero_open ||
		ssum > sum || ssumsq > sumsq)
		return CX_DUR_NEGATIVE;
	cx_dur_iter_init(&it, src);
	while (cx_dur_iter_next(&it))
		if (it.index < dst->lo || it.index >= dst->lo + dst->n ||
			comp[it.index - dst->lo] < it.completed || opn[it.index - dst->lo] < it.open)
			return CX_DUR_NEGATIVE;
	if (s->completed > 0 && dst->completed > s->completed &&
		(s->min == dst->min || s->max == dst->max))
	{
		*gave_up = true;
		return CX_DUR_OK;
	}
	cx_dur_iter_init(&it, src);
	while (cx_dur_iter_next(&it))
	{
		comp[it.index - dst->lo] -= it.completed;
		opn[it.index - dst->lo] -= it.open;
	}
	dst->completed -= s->completed;
	dst->open -= s->open;
	dst->zero_completed -= s->zero_completed;
	dst->zero_open -= s->zero_open;
	cx_dur_set_u128(&dst->sum_hi, &dst->sum_lo, sum - ssum);
	cx_dur_set_u128(&dst->sumsq_hi, &dst->sumsq_lo, sumsq - ssumsq);
	if (dst->completed == 0)
		dst->min = dst->max = 0.0;
	return CX_DUR_OK;
}

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

		s->at_risk = nd;
		s->events = (double) d;
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
