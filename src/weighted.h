/*
 * weighted.h
 *		The weighted survey summaries (nps_weighted_summary,
 *		csat_weighted_summary, ces_weighted_summary): their on-disk form and
 *		the glue the three share (weighted.c).
 *
 * A weighted summary is a varlena wrapping a CxWDist (cx_weighted.h).  It
 * begins exactly as an unweighted CxSummary does (the header, then the
 * counts as a CxDist), followed by the weight sums, so everything that
 * reads only the header and the counts of a CxSummary reads a weighted
 * summary too: the kind registry, the scale, responses(), distribution(),
 * equality and hashing, the scale checks.  Its kinds are registered in the
 * same registry as the unweighted ones (cx_summary.h), with the type's own
 * name; each metric's weighted file defines them.
 */
#ifndef WEIGHTED_H
#define WEIGHTED_H

#include "postgres.h"

#include "fmgr.h"

#include "cx_summary.h"
#include "cx_weighted.h"

typedef struct CxWSummary
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;		/* CX_SUMMARY_VERSION */
	uint8		kind;			/* its CxSummaryType's kind */
	int8		lo;				/* lowest score of the scale */
	uint8		npoints;		/* number of score points: lo..lo+npoints-1 */
	CxWDist		dist;			/* counts and weight sums; zero past npoints */
} CxWSummary;

#define CX_WSUMMARY_SIZE	sizeof(CxWSummary)

/*
 * The stored size of every weighted summary, 456 bytes: the 104 of an
 * unweighted one, then two 16-byte sums per score point.  As for
 * CxSummary, changing it needs a new format version and a conversion.
 */
StaticAssertDecl(offsetof(CxWSummary, version) == offsetof(CxSummary, version) &&
				 offsetof(CxWSummary, kind) == offsetof(CxSummary, kind) &&
				 offsetof(CxWSummary, lo) == offsetof(CxSummary, lo) &&
				 offsetof(CxWSummary, npoints) == offsetof(CxSummary, npoints) &&
				 offsetof(CxWSummary, dist.counts) == offsetof(CxSummary, dist) &&
				 CX_WSUMMARY_SIZE == CX_SUMMARY_SIZE + 2 * 16 * CX_MAX_POINTS,
				 "the stored form of a weighted summary changed: see the comment above");

/* A weighted summary as the unweighted summary it begins with. */
#define CX_WHEAD(ws)	((CxSummary *) (ws))

#define DatumGetCxWSummaryP(x)	((CxWSummary *) PG_DETOAST_DATUM(x))
#define PG_GETARG_CX_WSUMMARY_P(n)	DatumGetCxWSummaryP(PG_GETARG_DATUM(n))

/* What the text form holds per score, for the syntax errors' hint. */
#define CX_WEIGHTED_POINT_TEXT "\"count/weight sum/squared weight sum\" for each score"

extern CxWSummary *cx_wsummary_parse(const char *str, const CxSummaryType *type);
extern CxWSummary *cx_wsummary_receive(StringInfo buf, const CxSummaryType *type);

/* Reports a weight that is not allowed (22003). */
pg_noreturn extern void cx_report_weight(const CxSummary *s, double weight);

/*
 * Adds (sign > 0) or removes (sign < 0) a score of SQL type "type"
 * (argument 1) with its float8 weight (argument 2): the per-row body of
 * every weighted transition.  A NULL score or weight leaves the state as it
 * is.  Inline, allocation-free; the weight becomes fixed point by rint and
 * two comparisons (cx_weight_fixed).
 */
static pg_attribute_always_inline Datum
cx_wscore_step(FunctionCallInfo fcinfo, CxWSummary *s, CxScoreType type, int sign)
{
	if (likely(!PG_ARGISNULL(1) && !PG_ARGISNULL(2)))
	{
		int64		score = cx_score_arg(fcinfo, CX_WHEAD(s), type);
		double		weight = PG_GETARG_FLOAT8(2);
		uint64		w = cx_weight_fixed(weight);
		/* unsigned: a bigint score far below the scale must not overflow */
		uint64		i = (uint64) score - (uint64) (int64) s->lo;
		CxStatus	status;

		if (unlikely(i >= s->npoints))
			cx_report_score(CX_WHEAD(s), score);
		if (unlikely(w == 0))
			cx_report_weight(CX_WHEAD(s), weight);
		status = sign > 0 ? cx_wdist_add(&s->dist, (int) i, w) : cx_wdist_remove(&s->dist, (int) i, w);
		if (unlikely(status != CX_OK))
			cx_report_status(status, CX_WHEAD(s));
	}
	PG_RETURN_POINTER(s);
}

/* The state of a weighted aggregate with a scale argument (argument 3, and 4 for the direction). */
static inline CxWSummary *
cx_wscaled_state(FunctionCallInfo fcinfo, const CxSummaryType *type)
{
	return (CxWSummary *) cx_scaled_state_at(fcinfo, type, 3, CX_WSUMMARY_SIZE);
}

/* ---------------------------------------------------------------------
 * Readings: a metric gives each score point a value y (weighted.c)
 * ---------------------------------------------------------------------
 */

/* What an accessor returns of the weighted estimate of a reading. */
typedef enum CxWPart
{
	CX_W_ESTIMATE,				/* the weighted mean of y; NULL when empty */
	CX_W_STDERR,				/* its standard error; NULL below 2 rows */
	CX_W_LOWER,					/* estimate - z * SE, clipped; NULL below 2 rows */
	CX_W_UPPER					/* estimate + z * SE, clipped */
} CxWPart;

/*
 * One part of the estimate of reading y of s, as the function's result; the
 * confidence of an interval is argument conf_arg (checked even when the
 * result is NULL), the interval clipped to [lo, hi].
 */
extern Datum cx_wsummary_read(FunctionCallInfo fcinfo, const CxWSummary *s, const double *y,
							  CxWPart part, int conf_arg, double lo, double hi);

/*
 * The two-sample z-test of the estimates of readings yb of b (argument 1)
 * against ya of a (argument 0), independent samples, at the confidence of
 * argument 2: the result record of every *_test.
 */
extern Datum cx_wsummary_test(FunctionCallInfo fcinfo, const CxWSummary *a, const double *ya,
							  const CxWSummary *b, const double *yb);

/* The weight of points from..to (0-based, clipped), in weight units. */
extern double cx_wsummary_weight(const CxWSummary *s, int from, int to);

/* The share of the weight on points from..to, 0..1; NULL when empty. */
extern Datum cx_wsummary_share(FunctionCallInfo fcinfo, const CxWSummary *s, int from, int to);

/* A net score's points (0-based, inclusive): +100 on pos_from..pos_to, -100 on neg_from..neg_to, else 0. */
typedef struct CxWNet
{
	int			pos_from;
	int			pos_to;
	int			neg_from;
	int			neg_to;
} CxWNet;

extern void cx_wreading_net(const CxWSummary *s, CxWNet net, double *y);

/* cx_wsummary_read of a net reading, clipped to -100..100, the confidence in argument 1. */
extern Datum cx_wsummary_net_read(FunctionCallInfo fcinfo, const CxWSummary *s, CxWNet net, CxWPart part);

/* The mean score as a reading: y = the score. */
extern void cx_wreading_mean(const CxWSummary *s, double *y);

/* Appends the exact weight sums of points from..to to a JSON object as "key". */
extern void cx_wjson_weight(StringInfo buf, const char *key, const CxWSummary *s, int from, int to);

#endif							/* WEIGHTED_H */
