/*
 * churn.h
 *		churn_summary and churn_tstz_summary: the stored summary, its grid,
 *		and what the churn glue files share.
 *
 * The counting is in the pure-C core (cx_churn.h).  The glue is in four
 * files, one per concern:
 *
 *	churn_grid.c	the calendar: a grid's boundaries t_k = origin + k * bucket,
 *					computed once per summary with PostgreSQL's date and
 *					timestamptz rules, and new summaries of a grid
 *	churn_io.c		the text, binary and JSON forms
 *	churn_agg.c		churn_agg(): reading ranges and multiranges as spans, the
 *					per-call-site cache, the transition and combine functions
 *	churn.c			the readers (churn_periods, churn_cohort_retention, ...) and the
 *					scalar helpers
 *
 * The two SQL types share every C function: churn_summary has a date grid
 * (daterange and datemultirange activity), churn_tstz_summary a timestamptz
 * grid.  They are two types because the readers return the period bounds in
 * the grid's own type.  A summary's header says which kind it is.
 *
 * A timestamptz grid does its month and day arithmetic in a time zone, like
 * timestamptz + interval: the session's TimeZone when the aggregate builds
 * the summary.  The zone's name is part of the summary, so that the text and
 * binary forms give back the very same boundaries in any session.
 */
#ifndef CHURN_H
#define CHURN_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "pgtime.h"

#include "cx_churn.h"
#include "cx_compat.h"

/* Format version of the stored, text and binary forms. */
#define CHURN_VERSION 1

/* The grids' calendar range: boundaries from 0001-01-01 to 9999-12-31. */
#define CHURN_MIN_YEAR 1
#define CHURN_MAX_YEAR 9999

/* The longest time zone name a summary keeps (TZ_STRLEN_MAX). */
#define CHURN_MAX_ZONE 255

typedef enum ChurnKind
{
	CHURN_DATE = 1,				/* churn_summary: boundaries are dates (days) */
	CHURN_TSTZ = 2				/* churn_tstz_summary: microseconds */
} ChurnKind;

/*
 * The summary.  data holds the core's counters (cx_churn_bind(): the
 * customer count, the P + 1 boundaries, then the counters), followed by the
 * time zone name of a timestamptz grid, zone_len bytes, not terminated.
 * The bucket is kept as given, so that rows and summaries can be compared
 * with it; the boundaries decide everything else.
 */
typedef struct ChurnState
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;		/* CHURN_VERSION */
	uint8		kind;			/* ChurnKind */
	uint8		reserved;		/* zero */
	uint8		zone_len;		/* bytes of zone name after the counters */
	int32		periods;		/* P */
	int32		max_offset;		/* N: cohort offsets 0..N; -1: no cohorts */
	int32		months;			/* the bucket: months, */
	int32		days;			/* days */
	int64		usecs;			/* and microseconds */
	int64		data[FLEXIBLE_ARRAY_MEMBER];
} ChurnState;

#define CHURN_HDRSZ		offsetof(ChurnState, data)

#define DatumGetChurnStateP(x)		((ChurnState *) PG_DETOAST_DATUM(x))
#define PG_GETARG_CHURN_P(n)		DatumGetChurnStateP(PG_GETARG_DATUM(n))

/*
 * A grid as the aggregate's arguments or an input form give it, before the
 * boundaries are computed.
 */
typedef struct ChurnGrid
{
	ChurnKind	kind;
	int64		origin;			/* days since 2000-01-01, or a timestamptz */
	int32		months;
	int32		days;
	int64		usecs;
	int32		periods;
	int32		max_offset;
	pg_tz	   *tz;				/* timestamptz grids: the calendar's zone */
	const char *zone;			/* and its name */
} ChurnGrid;

/* The SQL type of a kind of summary. */
static inline const char *
churn_type_name(ChurnKind kind)
{
	return kind == CHURN_DATE ? "churn_summary" : "churn_tstz_summary";
}

/* The core's view of a summary's counters. */
static inline void
churn_view(const ChurnState *s, CxChurn *c)
{
	cx_churn_bind(c, (int64_t *) s->data, s->periods, s->max_offset);
}

/* The time zone name of a timestamptz grid: zone_len bytes, not terminated. */
static inline char *
churn_zone(const ChurnState *s)
{
	return (char *) (s->data + cx_churn_slots(s->periods, s->max_offset));
}

/* churn_grid.c */
extern void churn_append_instant(StringInfo buf, ChurnKind kind, int64 v);
extern void churn_append_bucket(StringInfo buf, int32 months, int32 days, int64 usecs);
extern bool churn_grid_boundary(const ChurnGrid *g, int64 k, int64 *out);
extern const char *churn_grid_problem(const ChurnGrid *g);
extern void churn_append_grid(StringInfo buf, const ChurnGrid *g);
extern ChurnGrid churn_state_grid(const ChurnState *s);
extern char *churn_state_grid_text(const ChurnState *s);
extern ChurnState *churn_new(const ChurnGrid *g);
extern bool churn_same_grid(const ChurnState *a, const ChurnState *b);

#endif							/* CHURN_H */
