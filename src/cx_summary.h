/*
 * cx_summary.h
 *		The on-disk summary shared by every score-scale metric type, and the
 *		glue that every such type reuses: I/O, aggregate support, checks,
 *		JSON.
 *
 * A summary is a varlena wrapping a CxDist from the pure-C core.  One struct
 * serves every score-scale SQL type: they differ only in kind and scale,
 * which are stored in the header and checked by every entry point.
 *
 * This layer knows no metric by name.  A metric's file (one per SQL type)
 * defines its CxSummaryType, with a kind byte of its own, and registers it
 * when the library is loaded (CX_AT_LOAD, cx_summary_type_register); the
 * shared code finds a stored summary's type from its kind.
 */
#ifndef CX_SUMMARY_H
#define CX_SUMMARY_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nodes/execnodes.h"
#include "utils/array.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "cx_compat.h"
#include "cx_core.h"
#include "cx_varlena.h"

/* Format version of the stored, text and binary forms. */
#define CX_SUMMARY_VERSION 1

typedef struct CxSummary
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;		/* CX_SUMMARY_VERSION */
	uint8		kind;			/* its CxSummaryType's kind: see below */
	int8		lo;				/* lowest score of the scale */
	uint8		npoints;		/* number of score points: lo..lo+npoints-1 */
	CxDist		dist;			/* counts; points past npoints stay zero */
} CxSummary;

#define CX_SUMMARY_SIZE		sizeof(CxSummary)

/*
 * The stored size of every score-scale summary: 8 header bytes, then n and
 * CX_MAX_POINTS counts of 8 bytes, 104 bytes for CX_MAX_POINTS = 11.  This
 * is the on-disk, dump and binary-send format of every such type at once:
 * changing CX_MAX_POINTS (or the struct) would make the server misread
 * every summary already stored in a table, index or dump.  It takes a new
 * CX_SUMMARY_VERSION and a conversion path for the old one, never just a
 * recompile.
 */
StaticAssertDecl(offsetof(CxSummary, dist) == 8 && CX_MAX_POINTS == 11 &&
				 CX_SUMMARY_SIZE == 8 + 8 * (1 + 11),
				 "the stored size of a summary changed: see the comment above");

#define CX_SUMMARY_HI(s)	((s)->lo + (s)->npoints - 1)

#define DatumGetCxSummaryP(x)	((CxSummary *) PG_DETOAST_DATUM(x))
#define PG_GETARG_CX_SUMMARY_P(n)	DatumGetCxSummaryP(PG_GETARG_DATUM(n))
#define PG_RETURN_CX_SUMMARY_P(x)	PG_RETURN_POINTER(x)

/*
 * What a summary kind accepts: its SQL type and its range of scales.  Every
 * kind has one static instance in its metric's file, passed to the entry
 * points that create summaries from outside data (text and binary input,
 * scaled aggregates) and registered for the shared code, which finds it
 * from a stored summary's kind.  An SQL type whose scales have a direction
 * has two kinds, one per direction, each pointing at the other as
 * "flipped"; the text and binary forms then carry the direction.
 *
 * The kind is stored in every summary: a metric's kinds are fixed for good
 * once released, and no two types may share one.  A new metric takes a
 * number that no metric file defines yet (each defines its own, NAME_KIND);
 * if two collide, loading the library fails.
 */
typedef struct CxSummaryType
{
	uint8		kind;			/* 1..255, stored in every summary */
	const char *type_name;		/* the SQL type, "x_summary" */
	const char *metric;			/* the metric's name in messages */
	int			lo;				/* lowest score of every scale */
	int			min_points;		/* fewest points a scale may have */
	int			max_points;		/* most points a scale may have */
	bool		lower_is_better;	/* the scale runs from best to worst */
	const struct CxSummaryType *flipped;	/* the other direction, or NULL */
	/* appends the metric's own fields to the JSON object being built */
	void		(*json_fields) (StringInfo buf, const CxSummary *s);
	/* what the text form has per score in messages; NULL: "one count per score" */
	const char *point_text;
} CxSummaryType;

/*
 * Marks a function that runs when the library is loaded, before any of its
 * SQL functions: each metric file registers its types from one.  GCC and
 * clang, the compilers PGXS builds with here, have the attribute.
 */
#if defined(__GNUC__) || defined(__clang__)
#define CX_AT_LOAD __attribute__((constructor))
#else
#error "cx_metrics needs __attribute__((constructor)) to register its summary types"
#endif

extern void cx_summary_type_register(const CxSummaryType *type);
extern const CxSummaryType *cx_summary_type(const CxSummary *s);
extern CxSummary *cx_summary_new(const CxSummaryType *type, int npoints);
extern CxSummary *cx_summary_parse(const char *str, const CxSummaryType *type);
extern CxSummary *cx_summary_receive(StringInfo buf, const CxSummaryType *type);

/*
 * The header of the text and binary forms, shared with the weighted types
 * (cx_summary_io.c).  The readers check the version and the scale against
 * *type, switch *type to its flipped kind when the direction says so, and
 * return the number of points; the text reader leaves *pos after the
 * header.  The errors: 22P02 (text) and 22P03 (binary).
 */
extern int	cx_summary_parse_header(const char *str, const char **pos, const CxSummaryType **type);
extern void cx_summary_out_header(StringInfo buf, const CxSummary *s);
extern int	cx_summary_receive_header(StringInfo buf, const CxSummaryType **type);
extern void cx_summary_send_header(StringInfo buf, const CxSummary *s);
pg_noreturn extern void cx_summary_syntax_error(const CxSummaryType *type, const char *str, const char *detail);
pg_noreturn extern void cx_summary_binary_error(const CxSummaryType *type, const char *detail);

/* Errors unless a and b have one kind and scale ("combine", "compare"). */
extern void cx_summary_check_compatible(const CxSummary *a, const CxSummary *b, const char *verb);
extern Datum cx_test_result(FunctionCallInfo fcinfo, const CxTest *t);

/*
 * A metric's estimate and standard error from a summary, for the
 * two-sample tests; false when the summary is empty.
 */
typedef bool (*CxEstimateFn) (const CxSummary *s, double *est, double *se);
extern Datum cx_summary_test(FunctionCallInfo fcinfo, CxEstimateFn estimate, bool same_scale);
extern int64 cx_numeric_score(const CxSummary *s, Numeric num);
extern CxSummary *cx_scaled_state_slow(FunctionCallInfo fcinfo, const CxSummaryType *type,
										int scale_arg, Size size);

/* Turns a non-OK status from the core into an ERROR. */
pg_noreturn extern void cx_report_status(CxStatus status, const CxSummary *s);

/* Reports a score outside the summary's scale. */
pg_noreturn extern void cx_report_score(const CxSummary *s, int64 score);

/* Reports a float score that is not a whole number on the scale; "single" for real. */
pg_noreturn extern void cx_report_float_score(const CxSummary *s, double score, bool single);

/* The summaries that clients build (cx_summary_make.c). */
extern CxSummary *cx_summary_from_counts(ArrayType *counts, const CxSummaryType *type);
extern CxSummary *cx_summary_from_jsonb(Jsonb *json, const CxSummaryType *type);
extern Datum cx_summary_from_jsonb_datum(FunctionCallInfo fcinfo, const CxSummaryType *type);
extern Datum cx_summary_from_json_datum(FunctionCallInfo fcinfo, const CxSummaryType *type);
extern Datum cx_summary_to_json(const CxSummary *s, bool binary);

/* Planning (cx_stats.c): checked arguments of the _margin and _sample_size functions. */
extern int64 cx_plan_responses(int64 n);
extern double cx_plan_margin(double margin);
extern double cx_plan_share(double share, const char *name);
extern Datum cx_plan_sample_size(double var, double margin, double z);

/*
 * Adds (sign > 0) or removes (sign < 0) one score: the per-row work of every
 * aggregate.  Kept inline and branch-light on purpose (see DESIGN.md s. 7).
 */
static inline void
cx_summary_apply(CxSummary *s, int64 score, int sign)
{
	/* unsigned: a bigint score far below the scale must not overflow */
	uint64		i = (uint64) score - (uint64) (int64) s->lo;
	CxStatus	status;

	if (unlikely(i >= s->npoints))
		cx_report_score(s, score);
	status = sign > 0 ? cx_dist_add(&s->dist, (int) i) : cx_dist_remove(&s->dist, (int) i);
	if (unlikely(status != CX_OK))
		cx_report_status(status, s);
}

/*
 * The state of an aggregate whose scale is in the call: argument scale_arg
 * is scale_max and, for types with a direction, the next one says whether
 * lower is better.  Inline, for the per-row case: the state exists and its
 * scale is the one asked for.  The first row, NULL scale arguments and a
 * scale that changes go to cx_scaled_state_slow, which makes a state of
 * "size" bytes, zero past the header.  A weighted state (weighted.h) starts
 * with the same header, so it is read here as a CxSummary.
 */
static pg_attribute_always_inline CxSummary *
cx_scaled_state_at(FunctionCallInfo fcinfo, const CxSummaryType *type, int scale_arg, Size size)
{
	if (likely(!PG_ARGISNULL(0) && !PG_ARGISNULL(scale_arg) &&
			   !(type->flipped && PG_ARGISNULL(scale_arg + 1))))
	{
		CxSummary  *s = cx_state_arg(fcinfo);
		int			kind = (type->flipped && PG_GETARG_BOOL(scale_arg + 1) != type->lower_is_better) ?
			type->flipped->kind : type->kind;

		if (likely(s->kind == kind && CX_SUMMARY_HI(s) == PG_GETARG_INT32(scale_arg)))
			return s;
	}
	return cx_scaled_state_slow(fcinfo, type, scale_arg, size);
}

/* The state of csat_agg(score, scale_max) and ces_agg(score, scale_max, lower_is_better). */
static inline CxSummary *
cx_scaled_state(FunctionCallInfo fcinfo, const CxSummaryType *type)
{
	return cx_scaled_state_at(fcinfo, type, 2, CX_SUMMARY_SIZE);
}

/* How a transition function reads its score, argument 1. */
typedef enum CxScoreType
{
	CX_SCORE_INT2,
	CX_SCORE_INT4,
	CX_SCORE_INT8,
	CX_SCORE_NUMERIC,
	CX_SCORE_FLOAT4,
	CX_SCORE_FLOAT8
} CxScoreType;

/*
 * A float score as an integer on the summary's scale: whole values in range
 * only.  The range test comes first, so NaN and infinities never reach the
 * conversion to int64 (which would be undefined for them).
 */
static inline int64
cx_float_score(const CxSummary *s, double x, bool single)
{
	int64		score;

	if (unlikely(!(x >= s->lo && x <= CX_SUMMARY_HI(s))))
		cx_report_float_score(s, x, single);
	score = (int64) x;
	if (unlikely((double) score != x))
		cx_report_float_score(s, x, single);
	return score;
}

/*
 * Argument 1, a score of SQL type "type", as an integer: whole-number
 * floats and numerics only (range-checked against s's scale on the way;
 * the integers are range-checked by the caller's cx_summary_apply or its
 * weighted kin).  Not NULL.
 */
static pg_attribute_always_inline int64
cx_score_arg(FunctionCallInfo fcinfo, const CxSummary *s, CxScoreType type)
{
	if (type == CX_SCORE_INT2)
		return PG_GETARG_INT16(1);
	if (type == CX_SCORE_INT4)
		return PG_GETARG_INT32(1);
	if (type == CX_SCORE_INT8)
		return PG_GETARG_INT64(1);
	if (type == CX_SCORE_FLOAT4)
		return cx_float_score(s, (double) PG_GETARG_FLOAT4(1), true);
	if (type == CX_SCORE_FLOAT8)
		return cx_float_score(s, PG_GETARG_FLOAT8(1), false);
	return cx_numeric_score(s, PG_GETARG_NUMERIC(1));
}

/*
 * The body of every transition (sign 1) and inverse (sign -1) function over
 * scores: adds argument 1, of SQL type "type", to the state s or removes it.
 * A NULL score is no answer and leaves the state as it is; strict functions
 * never see one, so for them the test is a never-taken branch.  Each entry
 * point passes constants and this is always inlined, so the per-row code is
 * what a macro would stamp out, while every entry point is written out
 * (grep PG_FUNCTION_INFO_V1 finds it).
 */
static pg_attribute_always_inline Datum
cx_score_step(FunctionCallInfo fcinfo, CxSummary *s, CxScoreType type, int sign)
{
	if (likely(!PG_ARGISNULL(1)))
		cx_summary_apply(s, cx_score_arg(fcinfo, s, type), sign);
	PG_RETURN_CX_SUMMARY_P(s);
}

/* ---------------------------------------------------------------------
 * Metric definitions that a metric's unweighted and weighted files share
 * ---------------------------------------------------------------------
 */

/* NPS: promoters score 9-10, detractors 0-6 (nps.c). */
#define NPS_PROMOTER_MIN	9
#define NPS_DETRACTOR_MAX	6

/*
 * CSAT (csat.c): the default lowest satisfied score of a scale, and the
 * lowest satisfied score a call asks for in argument argno (the default
 * when the call has fewer arguments), checked against the scale.
 */
extern int	csat_default_min(const CxSummary *s);
extern int	csat_threshold(FunctionCallInfo fcinfo, const CxSummary *s, int argno);

/*
 * CES (ces.c): the easy and the difficult points, 0-based and inclusive:
 * strictly on either side of the scale's midpoint, by direction.
 */
typedef struct CesSides
{
	int			easy_from;
	int			easy_to;
	int			difficult_from;
	int			difficult_to;
} CesSides;

extern CesSides ces_sides(const CxSummary *s);

#endif							/* CX_SUMMARY_H */
