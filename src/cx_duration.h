/*
 * cx_duration.h
 *		The pure-C core of duration summaries: how long cases took (or have
 *		been open so far), in log-spaced buckets with a guaranteed relative
 *		error, and the statistics read from them.
 *
 * Nothing here includes postgres.h.  The glue (src/duration*.c) owns the
 * varlena, converts intervals and reports errors; this core maps durations
 * to buckets, counts, merges, encodes and validates (cx_duration.c) and
 * reads the statistics (cx_duration_stats.c).  It is unit-tested directly
 * (test/unit/test_duration.c).
 *
 * The mapping (DDSketch's, with exact, portable boundaries): for a relative
 * error alpha, gamma = (1 + alpha) / (1 - alpha); the boundaries are
 * b_0 = 1 second, b_i = b_{i-1} * gamma for i > 0 and b_i = b_{i+1} / gamma
 * for i < 0, each one IEEE double operation from the last, so every node
 * computes the same table.  Bucket i holds the durations in (b_{i-1}, b_i];
 * its representative value 2 b_i / (gamma + 1) is within alpha of each of
 * them, relatively.  A duration of exactly 0 has a bucket of its own.
 *
 * Finding a duration's bucket takes no log() and one table load: the top
 * bits of a double (exponent and the first K bits of the mantissa) are
 * monotone in its value, so they index a table of "slots" narrower than any
 * bucket.  A slot's entry holds the bucket of its lowest value and, when
 * that bucket's upper boundary falls inside the slot, the boundary's low
 * bits, so that one integer comparison of the duration's low bits decides
 * between that bucket and the next.
 *
 * A case is completed (its duration is known) or open (its age so far is a
 * lower bound of its duration: right-censored).  A summary counts both per
 * bucket, and keeps the exact count, sum and sum of squares of the completed
 * durations (integer microseconds, 128 bits) and their exact minimum and
 * maximum, so that the mean is exact and merges are exact in any order.
 */
#ifndef CX_DURATION_H
#define CX_DURATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The durations a summary accepts, besides 0: 2^-20 s (about 1 us) to 2^44 s. */
#define CX_DUR_MIN_SECONDS		(1.0 / 1048576.0)
#define CX_DUR_MAX_SECONDS		17592186044416.0

/* The relative error, in millionths: 0.1% to 5%, 1% by default. */
#define CX_DUR_PPM_MIN			1000
#define CX_DUR_PPM_MAX			50000
#define CX_DUR_PPM_DEFAULT		10000

/* The format version of every stored, text and binary form. */
#define CX_DUR_VERSION			1

/* The two layouts of the bucket data after the header. */
#define CX_DUR_COMPACT			0	/* stored: a varint stream of the nonzero buckets */
#define CX_DUR_DENSE			1	/* inside an aggregate: two int64 arrays */

typedef enum CxDurStatus
{
	CX_DUR_OK = 0,
	CX_DUR_OVERFLOW,			/* a count or sum would overflow */
	CX_DUR_NEGATIVE,			/* a count would drop below zero */
	CX_DUR_BAD_ALPHA,			/* the relative error is out of range */
	CX_DUR_BAD_DATA,			/* bucket data malformed (indices, varints, lengths) */
	CX_DUR_BAD_TOTALS,			/* the totals are not the sums of the buckets */
	CX_DUR_BAD_EXTREMES,		/* min or max outside their buckets */
	CX_DUR_BAD_SUMS,			/* the sums do not fit the buckets */
	CX_DUR_NO_MEMORY
} CxDurStatus;

extern const char *cx_dur_status_text(CxDurStatus status);

/* ---------------------------------------------------------------------
 * The mapping of one relative error
 * ---------------------------------------------------------------------
 */
typedef struct CxDurMap
{
	int32_t		ppm;			/* alpha in millionths */
	double		alpha;
	double		gamma;
	int32_t		imin;			/* first bucket: b_{imin-1} < MIN <= b_imin */
	int32_t		imax;			/* last bucket: b_{imax-1} < MAX <= b_imax */
	double	   *bound;			/* bound[i - imin + 1] = b_i, i = imin-1 .. imax */
	int			shift;			/* 52 - K: the low bits within a slot */
	uint64_t	key_min;		/* slot key of MIN */
	uint32_t	nkeys;
	/*
	 * slot[key - key_min]: (t - imin) << 48 | the low bits of b_t, t the
	 * bucket of the slot's lowest value; all ones when b_t is past the slot
	 */
	uint64_t   *slot;
} CxDurMap;

#define CX_DUR_SLOT_LOW		((UINT64_C(1) << 48) - 1)

/*
 * Fills m for ppm (CX_DUR_PPM_MIN..MAX), with its tables allocated by
 * alloc (never freed: the glue caches maps for the life of the process).
 */
extern CxDurStatus cx_dur_map_build(CxDurMap *m, int32_t ppm, void *(*alloc) (size_t));

/* b_i, for imin - 1 <= i <= imax. */
static inline double
cx_dur_bound(const CxDurMap *m, int32_t i)
{
	return m->bound[i - m->imin + 1];
}

/* The representative value of bucket i: within alpha of all it holds. */
static inline double
cx_dur_rep(const CxDurMap *m, int32_t i)
{
	return 2.0 * cx_dur_bound(m, i) / (m->gamma + 1.0);
}

/* The bucket of x, MIN <= x <= MAX (the caller checks): no log(). */
static inline int32_t
cx_dur_index(const CxDurMap *m, double x)
{
	union
	{
		double		d;
		uint64_t	u;
	}			v;
	uint64_t	e;

	v.d = x;
	e = m->slot[(v.u >> m->shift) - m->key_min];
	return m->imin + (int32_t) (e >> 48) +
		((v.u & ((UINT64_C(1) << m->shift) - 1)) > (e & CX_DUR_SLOT_LOW));
}

/* ---------------------------------------------------------------------
 * The summary
 * ---------------------------------------------------------------------
 */

/*
 * The fixed part of a summary, as stored (after the glue's varlena header and
 * version bytes; 8-aligned, no padding).  Invariants:
 *	completed = zero_completed + the completed counts of all buckets, and
 *	open likewise, and completed + open <= INT64_MAX (so cases() fits); sum and sumsq are those of the completed durations in
 *	microseconds; min and max are the least and greatest completed duration
 *	in seconds, both 0 when completed = 0.
 */
typedef struct CxDurHead
{
	int64_t		completed;
	int64_t		open;
	uint64_t	sum_lo;
	uint64_t	sum_hi;
	uint64_t	sumsq_lo;
	uint64_t	sumsq_hi;
	double		min;
	double		max;
	int64_t		zero_completed;
	int64_t		zero_open;
	int32_t		ppm;
	int32_t		lo;				/* DENSE: the bucket of comp[0]; COMPACT: 0 */
	int32_t		n;				/* DENSE: the width; COMPACT: nonzero buckets */
	int32_t		reserved;		/* 0 */
} CxDurHead;

typedef unsigned __int128 cx_u128;

static inline cx_u128
cx_dur_u128(uint64_t hi, uint64_t lo)
{
	return ((cx_u128) hi << 64) | lo;
}

static inline void
cx_dur_set_u128(uint64_t *hi, uint64_t *lo, cx_u128 v)
{
	*hi = (uint64_t) (v >> 64);
	*lo = (uint64_t) v;
}

/* An empty summary of one relative error, in either layout. */
extern void cx_dur_head_init(CxDurHead *h, int32_t ppm);

/*
 * Adds one case, the per-row path of every aggregate.  x is the duration in
 * seconds (0, or MIN..MAX: the caller checks), us the same in whole
 * microseconds, i its bucket (ignored when x == 0), which lies in the dense
 * range [h->lo, h->lo + h->n): comp and opn are that range's counters.
 */
static inline CxDurStatus
cx_dur_add(CxDurHead *h, int64_t *comp, int64_t *opn, double x, uint64_t us,
		   int32_t i, bool open)
{
	if (open)
	{
		if (__builtin_expect(h->completed + h->open == INT64_MAX, 0))
			return CX_DUR_OVERFLOW;
		h->open++;
		if (x == 0.0)
			h->zero_open++;
		else
			opn[i - h->lo]++;
		return CX_DUR_OK;
	}
	else
	{
		cx_u128		sum = cx_dur_u128(h->sum_hi, h->sum_lo);
		cx_u128		sumsq = cx_dur_u128(h->sumsq_hi, h->sumsq_lo);

		if (__builtin_expect(h->completed + h->open == INT64_MAX ||
							 __builtin_add_overflow(sum, (cx_u128) us, &sum) ||
							 __builtin_add_overflow(sumsq, (cx_u128) us * us, &sumsq), 0))
			return CX_DUR_OVERFLOW;
		if (h->completed == 0 || x < h->min)
			h->min = x;
		if (h->completed == 0 || x > h->max)
			h->max = x;
		h->completed++;
		cx_dur_set_u128(&h->sum_hi, &h->sum_lo, sum);
		cx_dur_set_u128(&h->sumsq_hi, &h->sumsq_lo, sumsq);
		if (x == 0.0)
			h->zero_completed++;
		else
			comp[i - h->lo]++;
		return CX_DUR_OK;
	}
}

/*
 * Removes one case added by cx_dur_add (the moving-aggregate inverse).
 * *gave_up is set, and nothing changed, when the case is the minimum or the
 * maximum of the completed ones: a summary cannot know the next one, so the
 * caller recomputes from scratch.
 */
extern CxDurStatus cx_dur_remove(CxDurHead *h, int64_t *comp, int64_t *opn,
								 double x, uint64_t us, int32_t i, bool open,
								 bool *gave_up);

/*
 * A read-only view of a summary in either layout: the header and the bytes
 * after it.
 */
typedef struct CxDurView
{
	const CxDurHead *h;
	const uint8_t *data;
	size_t		len;
	int			form;			/* CX_DUR_COMPACT or CX_DUR_DENSE */
} CxDurView;

/* One nonzero bucket, in ascending order of index. */
typedef struct CxDurIter
{
	const CxDurView *v;
	size_t		pos;			/* COMPACT: byte offset; DENSE: slot */
	int32_t		index;
	int64_t		completed;
	int64_t		open;
} CxDurIter;

extern void cx_dur_iter_init(CxDurIter *it, const CxDurView *v);
/* Advances to the next nonzero bucket; false at the end.  Views must be valid. */
extern bool cx_dur_iter_next(CxDurIter *it);

/*
 * Checks a view read from untrusted bytes against everything the invariants
 * say: the layout's lengths, indices strictly increasing and inside the
 * map's range, no empty bucket in a compact stream, totals, extremes, sums.
 */
extern CxDurStatus cx_dur_validate(const CxDurView *v, const CxDurMap *m);

/* The bytes cx_dur_encode writes for v (the bucket data of its compact form). */
extern size_t cx_dur_compact_size(const CxDurView *v);
/* Writes the compact bucket data of v to out; returns the bucket count. */
extern int32_t cx_dur_encode(const CxDurView *v, uint8_t *out);

/* Below every bucket index of every map: the first index is stored from it. */
#define CX_DUR_INDEX_BASE		(-1048576)

/* Appends one bucket to a compact stream; prev is the previous index (CX_DUR_INDEX_BASE at first). */
extern size_t cx_dur_put_bucket(uint8_t *out, int32_t prev, int32_t index,
								int64_t completed, int64_t open);
/* The most bytes one bucket of a compact stream takes. */
#define CX_DUR_MAX_BUCKET_BYTES 30

/* The least and greatest bucket of v with any case; false when none. */
extern bool cx_dur_range(const CxDurView *v, int32_t *first, int32_t *last);

/*
 * dst += src, dst dense and covering src's buckets, same ppm (the caller
 * checks both).  dst is unchanged on error.
 */
extern CxDurStatus cx_dur_merge(CxDurHead *dst, int64_t *comp, int64_t *opn,
								const CxDurView *src);

/*
 * dst -= src, the inverse of cx_dur_merge (src's buckets must be in dst's
 * range).  *gave_up is set, and nothing changed, when src holds dst's
 * minimum or maximum and dst keeps other completed cases.
 */
extern CxDurStatus cx_dur_unmerge(CxDurHead *dst, int64_t *comp, int64_t *opn,
								  const CxDurView *src, bool *gave_up);

/* ---------------------------------------------------------------------
 * Statistics (durations in seconds)
 * ---------------------------------------------------------------------
 */

/* Mean, sample variance and standard error of the completed durations; NaN where undefined. */
typedef struct CxDurMoments
{
	double		n;
	double		mean;
	double		var;
	double		se;
} CxDurMoments;

extern CxDurMoments cx_dur_moments(const CxDurHead *h);

/*
 * The q-quantile of the completed durations: the representative value of the
 * bucket of x_(k), k = max(1, ceil(q n)), clamped to [min, max].  NaN when
 * there is none.
 */
extern double cx_dur_percentile(const CxDurView *v, const CxDurMap *m, double q);

/*
 * SLA attainment at limit L: *within of *known cases, where known cases are
 * the completed ones and the open ones older than the limit.  A bucket is
 * within the limit when its representative value is <= L.
 */
extern void cx_dur_share_within(const CxDurView *v, const CxDurMap *m, double limit,
								double *within, double *known);

/*
 * The Kaplan-Meier curve, open cases censored, events before censorings at
 * one time; times are the buckets' representative values (0 for the zero
 * bucket).  A step of the curve is a time with at least one event.
 */
typedef struct CxKmStep
{
	double		time;
	double		surv;			/* S just after time */
	double		hazard_var;		/* sum of d / (n (n - d)) up to time (Inf once S = 0) */
} CxKmStep;

/* The curve: its steps, and the last time observed (an event's or a censoring's). */
typedef struct CxKm
{
	CxKmStep   *steps;
	int32_t		nsteps;
	double		last_time;
} CxKm;

/* The most steps cx_dur_km can write for v (its buckets, and the zero bucket). */
extern int32_t cx_dur_km_capacity(const CxDurView *v);

/*
 * Fills km from v: km->steps must have room for cx_dur_km_capacity(v).  S
 * is updated as R does, S * ((n - d) / n), so that it has R's bits.
 */
extern void cx_dur_km(const CxDurView *v, const CxDurMap *m, CxKm *km);

/* Confidence curve transforms, as R's survfit conf.type. */
typedef enum CxKmTransform
{
	CX_KM_LOG,
	CX_KM_LOGLOG,
	CX_KM_PLAIN
} CxKmTransform;

/* S(t) and its Greenwood standard error (NaN once S = 0, as R's). */
extern void cx_km_at(const CxKm *km, double t, double *surv, double *se);

/*
 * The q-quantile of the curve, as R's quantile.survfit: which = 0 for the
 * estimate, -1 for the lower confidence curve and +1 for the upper one, at
 * critical value z.  work has room for 2 * (km->nsteps + 1) doubles.  NaN
 * where R gives NA.
 */
extern double cx_km_quantile(const CxKm *km, double q, int which, double z,
							 CxKmTransform transform, double *work);

/* The two-sample log-rank test (R's survdiff, two groups). */
extern void cx_dur_logrank(const CxDurView *a, const CxDurView *b,
						   double *chisq, double *p_value);

#endif							/* CX_DURATION_H */
