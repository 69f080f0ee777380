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

/* The stored layout is a format: its header may not move (DESIGN.md s. 3.1). */
StaticAssertDecl(offsetof(DurationSummary, data) == 104, "duration_summary header is 104 bytes");
StaticAssertDecl(offsetof(DurationSummary, h) == 8, "CxDurHead starts at byte 8");
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
extern const CxDurMap *duration_map_slow(int32 ppm);
extern const CxDurMap *duration_last_map;

static inline const CxDurMap *
duration_map(int32 ppm)
{
	if (likely(duration_last_map != NULL && duration_last_map->ppm == ppm))
		return duration_last_map;
	return duration_map_slow(ppm);
}

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

pg_noreturn extern void duration_interval_error(const Interval *iv);

/*
 * Seconds (and whole microseconds) of an interval, checked (22003): the
 * per-row path of interval input.  As extract(epoch from interval): a year
 * is 365.25 days, a month 30 days, a day 86400 seconds.
 */
static inline double
duration_interval_seconds(const Interval *iv, uint64 *us)
{
	__int128	total = (__int128) iv->day * USECS_PER_DAY + iv->time;

	if (unlikely(iv->month != 0))
		total += (__int128) (iv->month / MONTHS_PER_YEAR) * (__int128) (DAYS_PER_YEAR * SECS_PER_DAY) * USECS_PER_SEC +
			(__int128) (iv->month % MONTHS_PER_YEAR) * DAYS_PER_MONTH * USECS_PER_DAY;
	if (unlikely(total < 0 || total > (__int128) (CX_DUR_MAX_SECONDS * 1e6)))
		duration_interval_error(iv);
	*us = (uint64) total;
	return (double) *us / 1e6;
}

pg_noreturn extern void duration_seconds_error(double x);

/* Checks seconds (22003) and gives the whole microseconds: the per-row path of float8 input. */
static inline double
duration_seconds(double x, uint64 *us)
{
	if (unlikely(!(x == 0.0 || (x >= CX_DUR_MIN_SECONDS && x <= CX_DUR_MAX_SECONDS))))
		duration_seconds_error(x);
	*us = (uint64) (x * 1e6 + 0.5);
	return x;
}

#endif							/* DURATION_H */
