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
#include "utils/date.h"
#include "utils/timestamp.h"

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

/*
 * The grid of a stored summary, whatever it counts: churn_summary and the
 * revenue summaries (revenue.h) keep the same grid fields and boundaries in
 * layouts of their own, and the grid code below reads them through this.
 */
typedef struct GridView
{
	ChurnKind	kind;
	int32		periods;
	int32		max_offset;
	int32		months;
	int32		days;
	int64		usecs;
	const int64 *bounds;		/* periods + 1 boundaries */
	const char *zone;			/* zone_len bytes, not terminated */
	int			zone_len;
} GridView;

/*
 * The view of a summary s of either layout: its grid fields have the same
 * names in both (ChurnState here, RevenueState in revenue.h).
 */
#define GRID_VIEW_OF(s, bounds_, zone_) \
	((GridView) {.kind = (ChurnKind) (s)->kind, .periods = (s)->periods, \
				 .max_offset = (s)->max_offset, .months = (s)->months, \
				 .days = (s)->days, .usecs = (s)->usecs, .bounds = (bounds_), \
				 .zone = (zone_), .zone_len = (s)->zone_len})

static inline GridView
churn_grid_view(const ChurnState *s)
{
	/* the boundaries follow the customer count: see cx_churn_bind() */
	return GRID_VIEW_OF(s, s->data + 1, churn_zone(s));
}

/*
 * What one aggregate call site over a grid passes (churn_agg, revenue_agg),
 * worked out on its first row and kept (churn_call_keep): the grid's kind, the
 * shape of the grid arguments 2.. (a number of periods or an end; a
 * max_offset or not), and for churn_agg the activity's type.
 */
typedef struct ChurnCall
{
	const char *fname;			/* "churn_agg()", for messages */
	const char *noun;			/* "churn": "churn grid differs..." */
	ChurnKind	kind;
	bool		multirange;
	bool		until;			/* argument 4 is an end, not a count */
	bool		has_offset;		/* argument 5 is max_offset */
	struct TypeCacheEntry *rngtyp;	/* churn_agg: the range type */
	MemoryContext mcxt;			/* where this lives: the call site's */

	/*
	 * An index over the boundaries of the first grid this call site meets
	 * (usually its only one), for O(1) lookups; summaries of other grids do
	 * binary searches.  The grid is known by what determines its
	 * boundaries: origin, bucket, periods and, for timestamptz, the zone.
	 */
	bool		index_tried;
	bool		has_index;
	int64		key_origin;
	int32		key_months;
	int32		key_days;
	int64		key_usecs;
	int32		key_periods;
	pg_tz	   *key_tz;
	CxChurnIndex index;
} ChurnCall;

/* The grid a row asks for; its number of periods is still unknown with an end. */
typedef struct ChurnArgs
{
	int64		origin;
	Interval   *bucket;
	int64		periods_or_until;
	int32		max_offset;		/* -1: none */
} ChurnArgs;

/* churn_agg.c: what every aggregate over a grid shares */
extern ChurnCall *churn_call_find(FunctionCallInfo fcinfo);
extern ChurnCall *churn_call_new(FunctionCallInfo fcinfo, ChurnKind kind, const char *fname,
								 const char *noun);
extern ChurnCall *churn_call_keep(FunctionCallInfo fcinfo, ChurnCall *cc);
pg_noreturn extern void churn_report_null_grid(const ChurnCall *cc);
pg_noreturn extern void churn_report_negative_offset(const ChurnCall *cc, int32 max_offset);
pg_noreturn extern void churn_report_grid_mismatch(const ChurnCall *cc, const GridView *v,
												   const ChurnArgs *a);
extern ChurnGrid churn_args_grid(const ChurnCall *cc, const ChurnArgs *a);
extern const CxChurnIndex *churn_index(ChurnCall *cc, const GridView *v);
extern int	churn_read_spans(ChurnKind kind, bool multirange, Datum activity, CxSpan *local,
							 CxSpan **spans);

/* Spans of activity up to this many are read without palloc. */
#define CHURN_LOCAL_SPANS 16

static inline int64
churn_grid_value(const ChurnCall *cc, Datum d)
{
	return cc->kind == CHURN_DATE ? (int64) DatumGetDateADT(d) : (int64) DatumGetTimestampTz(d);
}

/* The grid arguments of a row; the error paths are out of line. */
static inline ChurnArgs
churn_args(FunctionCallInfo fcinfo, const ChurnCall *cc)
{
	ChurnArgs	a;

	if (unlikely(PG_ARGISNULL(2) | PG_ARGISNULL(3) | PG_ARGISNULL(4) |
				 (cc->has_offset && PG_ARGISNULL(5))))
		churn_report_null_grid(cc);
	a.origin = churn_grid_value(cc, PG_GETARG_DATUM(2));
	a.bucket = PG_GETARG_INTERVAL_P(3);
	a.periods_or_until = cc->until ? churn_grid_value(cc, PG_GETARG_DATUM(4)) : PG_GETARG_INT32(4);
	a.max_offset = cc->has_offset ? PG_GETARG_INT32(5) : -1;
	if (unlikely(cc->has_offset && a.max_offset < 0))
		churn_report_negative_offset(cc, a.max_offset);
	return a;
}

/* Every row must ask for the grid of the group's summary. */
static inline void
churn_check_row(const ChurnCall *cc, const GridView *v, const ChurnArgs *a)
{
	bool		same;

	same = (a->origin == v->bounds[0]) &
		(a->bucket->month == v->months) & (a->bucket->day == v->days) &
		(a->bucket->time == v->usecs) &
		(a->max_offset < 0 ? v->max_offset < 0 :
		 Min(a->max_offset, v->periods - 1) == v->max_offset);
	if (cc->until)
		same &= (v->bounds[v->periods - 1] < a->periods_or_until) &
			(a->periods_or_until <= v->bounds[v->periods]);
	else
		same &= a->periods_or_until == v->periods;
	if (unlikely(!same))
		churn_report_grid_mismatch(cc, v, a);
}

/*
 * churn_io.c: a text form being read, for every type whose text form has
 * a grid or grid values in it.  Errors are 22P02 and quote the input.
 */
typedef struct ChurnParser
{
	const char *input;			/* the whole value, for messages */
	const char *p;				/* where we are */
	const char *type_name;		/* the SQL type being read */
	const char *hint;			/* the errhint of every error */
} ChurnParser;

pg_noreturn extern void churn_parse_fail(const ChurnParser *ps, const char *detail);
extern void churn_parse_literal(ChurnParser *ps, const char *lit);
extern bool churn_parse_digits(ChurnParser *ps, int width, int64 *out, const char *what);
extern int64 churn_parse_number(ChurnParser *ps, const char *what);
extern int64 churn_parse_instant(ChurnParser *ps, ChurnKind kind, const char *what);
extern void churn_parse_grid(ChurnParser *ps, ChurnGrid *g);
extern void churn_parse_list(ChurnParser *ps, const char *key, int64 *out, int32 n);
pg_noreturn extern void churn_binary_fail(const char *type_name, const char *detail);
extern ChurnGrid churn_recv_grid(StringInfo buf, ChurnKind kind, int version, const char *type_name);
extern void churn_send_grid(StringInfo buf, int version, const GridView *v);

/* churn_grid.c */
extern int64 churn_min_value(ChurnKind kind);
extern int64 churn_max_value(ChurnKind kind);
extern void churn_append_instant(StringInfo buf, ChurnKind kind, int64 v);
extern void churn_append_bucket(StringInfo buf, int32 months, int32 days, int64 usecs);
extern bool churn_grid_boundary(const ChurnGrid *g, int64 k, int64 *out);
extern const char *churn_grid_problem(const ChurnGrid *g);
extern void churn_append_grid(StringInfo buf, const ChurnGrid *g);
extern ChurnGrid churn_view_grid(const GridView *v);
extern char *churn_view_grid_text(const GridView *v);
extern void churn_fill_bounds(const ChurnGrid *g, int64 *bounds, const char *noun);
extern bool churn_views_same_grid(const GridView *a, const GridView *b);
extern ChurnState *churn_new(const ChurnGrid *g);

static inline ChurnGrid
churn_state_grid(const ChurnState *s)
{
	GridView	v = churn_grid_view(s);

	return churn_view_grid(&v);
}

static inline char *
churn_state_grid_text(const ChurnState *s)
{
	GridView	v = churn_grid_view(s);

	return churn_view_grid_text(&v);
}

#endif							/* CHURN_H */
