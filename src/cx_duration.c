/*
 * cx_duration.c
 *		The pure-C core of duration summaries (see cx_duration.h): the bucket
 *		map, counting, the compact stream, validation and merging.
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
		uint64_t	upper;

		while (cx_dur_bound(m, i) < low)
			i++;
		upper = double_bits(cx_dur_bound(m, i));
		m->slot[key] = ((uint64_t) (i - m->imin) << 48) |
			((upper >> m->shift) == m->key_min + key ?
			 (upper & ((UINT64_C(1) << m->shift) - 1)) : CX_DUR_SLOT_LOW);
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
		/* no range yet (every row so far without a duration, or at 0): lo 0 */
		if (h->n == 0 ? (h->lo != 0 || v->len != 0) :
			(h->n < 0 || h->lo < m->imin || h->lo > m->imax ||
			 h->n > m->imax - h->lo + 1 ||
			 v->len != (size_t) h->n * 2 * sizeof(int64_t)))
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
