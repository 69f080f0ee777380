/*
 * revenue.h
 *		mrr_timeline, revenue_summary and revenue_tstz_summary: the stored
 *		forms, and what the revenue glue files share.
 *
 * The counting is in the pure-C core (cx_revenue.h); the grids are churn's
 * (churn.h: origin + k * bucket, with the same arguments, rules and
 * errors).  The glue is in three files, one per concern:
 *
 *	mrr_io.c		mrr_timeline's layouts and its text, binary and JSON forms
 *	revenue_io.c	the summaries' text, binary and JSON forms, and amounts
 *	revenue_agg.c	mrr_agg() (subscription rows into one customer's
 *					timeline), revenue_agg() (timelines into a summary), the
 *					combine functions
 *	revenue.c		the readers (revenue_periods, revenue_cohort_retention)
 *
 * Money is int64 units of 0.0001 (CX_REV_UNITS per currency unit).  Every
 * value also records its scale: the most decimals its amounts were given
 * with, 0..4, so that it writes them back the same way (10.50, not
 * 10.5000).  Merging takes the larger scale.
 */
#ifndef REVENUE_H
#define REVENUE_H

#include "postgres.h"

#include "fmgr.h"

#include "churn.h"
#include "cx_revenue.h"

/* Format version of the stored, text and binary forms. */
#define REVENUE_VERSION 1

/*
 * One customer's MRR over time.  Two layouts of one type, as
 * duration_summary has (DESIGN.md s. 3.1):
 *
 *	MRR_STEPS	stored, and every value a user sees: steps[] holds nsteps
 *				CxMrrStep (x, at, after), canonical, so = compares bytes.
 *	MRR_EVENTS	inside mrr_agg() only: steps[] holds nsteps CxMrrEvent
 *				(x, d_at, d_after) in the order the rows came, with room
 *				for more up to the value's size: a row is appended in
 *				place.  The final function, the output functions and a
 *				plain call of the transition function turn it into steps
 *				(mrr_canonical()).
 *
 * Read in place, so possibly unaligned: copy steps out with memcpy
 * (mrr_steps()).
 */
typedef enum MrrLayout
{
	MRR_STEPS = 0,
	MRR_EVENTS = 1
} MrrLayout;

typedef struct MrrTimeline
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;		/* REVENUE_VERSION */
	uint8		kind;			/* ChurnKind: days or microseconds */
	uint8		scale;			/* 0..CX_REV_DECIMALS */
	uint8		layout;			/* MrrLayout */
	int32		nsteps;			/* steps or events used */
	int64		steps[FLEXIBLE_ARRAY_MEMBER];	/* 3 * nsteps, or more room */
} MrrTimeline;

#define MRR_HDRSZ	offsetof(MrrTimeline, steps)

/* Events of a timeline up to this many are sorted without palloc. */
#define MRR_LOCAL_EVENTS 32

/*
 * A revenue summary: the grid fields of a churn summary (churn.h), the
 * scale, then the core's counters (cx_rev_bind(): customers, mrr_bound,
 * the P + 1 boundaries, the counters), then the zone name of a timestamptz
 * grid, zone_len bytes, not terminated.
 */
typedef struct RevenueState
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;		/* REVENUE_VERSION */
	uint8		kind;			/* ChurnKind */
	uint8		scale;			/* 0..CX_REV_DECIMALS */
	uint8		zone_len;
	int32		periods;
	int32		max_offset;
	int32		months;
	int32		days;
	int64		usecs;
	int64		data[FLEXIBLE_ARRAY_MEMBER];
} RevenueState;

#define REVENUE_HDRSZ	offsetof(RevenueState, data)

/* A timeline argument in the MRR_STEPS layout. */
#define PG_GETARG_MRR_P(n)		mrr_canonical((MrrTimeline *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
#define PG_GETARG_REVENUE_P(n)	((RevenueState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* The SQL type of a kind of summary. */
static inline const char *
revenue_type_name(ChurnKind kind)
{
	return kind == CHURN_DATE ? "revenue_summary" : "revenue_tstz_summary";
}

/* Units per step of a scale: 10^(4 - scale). */
static inline int64
revenue_unit(int scale)
{
	static const int64 units[CX_REV_DECIMALS + 1] = {10000, 1000, 100, 10, 1};

	return units[scale];
}

static inline void
revenue_view(const RevenueState *s, CxRevenue *r)
{
	cx_rev_bind(r, (int64_t *) s->data, s->periods, s->max_offset);
}

static inline char *
revenue_zone(const RevenueState *s)
{
	return (char *) (s->data + cx_rev_slots(s->periods, s->max_offset));
}

static inline GridView
revenue_grid_view(const RevenueState *s)
{
	/* the boundaries follow customers and mrr_bound: see cx_rev_bind() */
	return GRID_VIEW_OF(s, s->data + 2, revenue_zone(s));
}

/* revenue_io.c */
extern RevenueState *revenue_new(const ChurnGrid *g, int scale);
extern void revenue_append_amount(StringInfo buf, int64 units, int scale);
extern Datum revenue_amount_datum(int64 units, int scale);
pg_noreturn extern void revenue_report(CxRevStatus status, const char *type_name);
extern int64 revenue_parse_amount(ChurnParser *ps, int scale, const char *what);
extern void revenue_parse_version(ChurnParser *ps);
extern int	revenue_parse_scale(ChurnParser *ps);
extern void revenue_parse_end(ChurnParser *ps);

/* mrr_io.c */
extern MrrTimeline *mrr_new(ChurnKind kind, int scale, const CxMrrStep *steps, int64 n);
extern void mrr_steps(const MrrTimeline *t, CxMrrStep *out);
extern MrrTimeline *mrr_canonical(const MrrTimeline *t);

#endif							/* REVENUE_H */
