/*
 * duration.h
 *		The duration_summary varlena and what its three glue files share:
 *		duration_io.c (text, binary, JSON), duration_agg.c (the aggregates)
 *		and duration.c (the accessors and the test).
 *
 * The pure core is cx_duration.[ch]; this layer owns the varlena, caches
 * the bucket maps, turns intervals into seconds and statuses into errors.
 */
#ifndef DURATION_H
#define DURATION_H

#include "postgres.h"
#include "fmgr.h"
#include "datatype/timestamp.h"

#include "cx_compat.h"
#include "cx_duration.h"
#include "cx_varlena.h"

/*
 * A duration summary.  Stored (and seen by anyone outside an aggregate) it is
 * always COMPACT: the header, then the varint stream of its nonzero buckets,
 * canonical, so = and the hash compare bytes.  Inside an aggregate the state
 * is DENSE (two int64 arrays over a range of buckets, so a row is an
 * increment); the final function compacts it, and the output functions read
 * either (Citus ships partial states through them).
 */
typedef struct DurationSummary
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* CX_DUR_VERSION */
	uint8		form;			/* CX_DUR_COMPACT or CX_DUR_DENSE */
	uint16		reserved;		/* 0 */
	CxDurHead	h;
	uint8		data[FLEXIBLE_ARRAY_MEMBER];
} DurationSummary;

#define DURATION_HDRSZ			offsetof(DurationSummary, data)
#define DURATION_DENSE_SIZE(n)	(DURATION_HDRSZ + 2 * sizeof(int64) * (Size) (n))
#define DURATION_DATA_LEN(s)	(VARSIZE(s) - DURATION_HDRSZ)

#define DatumGetDurationSummaryP(X)	((DurationSummary *) PG_DETOAST_DATUM(X))
#define PG_GETARG_DURATION_P(n)		DatumGetDurationSummaryP(PG_GETARG_DATUM(n))
#define PG_RETURN_DURATION_P(x)		PG_RETURN_POINTER(x)

/* The dense counters of a DENSE summary. */
static inline int64 *
duration_comp(DurationSummary *s)
{
	return (int64 *) s->data;
}

static inline int64 *
duration_open(DurationSummary *s)
{
	return (int64 *) s->data + s->h.n;
}

/* A view for the core's readers. */
static inline CxDurView
duration_view(const DurationSummary *s)
{
	CxDurView	v;

	v.h = &s->h;
	v.data = s->data;
	v.len = DURATION_DATA_LEN(s);
	v.form = s->form;
	return v;
}

/* The map of a relative error, built once per process; ppm must be in range. */
extern const CxDurMap *duration_map(int32 ppm);

/* The relative error argument, as millionths, checked (22023). */
extern int32 duration_ppm(double alpha);

/* A summary's header and version checked, and its map (22P03 or 22P02 per caller). */
extern const CxDurMap *duration_check(const DurationSummary *s, int sqlstate,
									  const char *what);

/* Turns a non-OK status from the core into an ERROR. */
pg_noreturn extern void duration_report(CxDurStatus status, int sqlstate);

/* A new, empty DENSE summary covering buckets [lo, lo + n), in CurrentMemoryContext. */
extern DurationSummary *duration_new_dense(int32 ppm, int32 lo, int32 n);

/* The COMPACT copy of any summary (a COMPACT one is copied as is). */
extern DurationSummary *duration_compact(const DurationSummary *s);

/* Two summaries must share a relative error (22023). */
extern void duration_same_alpha(const DurationSummary *a, const DurationSummary *b);

/* Seconds (and whole microseconds) of an interval, checked (22003). */
extern double duration_interval_seconds(const Interval *iv, uint64 *us);

/* Checks seconds, (22003), and gives the whole microseconds. */
extern double duration_seconds(double x, uint64 *us);

#endif							/* DURATION_H */
