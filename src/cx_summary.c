/*
 * cx_summary.c
 *		Glue shared by every score-scale summary type: the registry of
 *		kinds, aggregate transition / inverse / combine functions, the
 *		accessors every type has, the mean, and the JSON form.  The text and
 *		binary I/O is in cx_summary_io.c.
 *
 * The SQL-callable functions here take any score-scale summary type: the
 * summary's header says its kind and scale, so every such SQL type declares
 * its support functions with these same C symbols.  Only what creates a
 * summary from outside data (text and binary input, scaled aggregates)
 * needs to be told which type it is building: the metric's own file does
 * that.  Equality and hashing serve every summary type (cx_varlena.c).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "nodes/execnodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "cx_summary.h"

/*
 * The registered types, by kind; each metric file adds its own at load
 * time.  A kind claimed twice is remembered for _PG_init to report.
 */
static const CxSummaryType *cx_types[256];
static const CxSummaryType *cx_type_clash;

void
cx_summary_type_register(const CxSummaryType *type)
{
	if (type->kind == 0 || cx_types[type->kind] != NULL)
		cx_type_clash = type;
	else
		cx_types[type->kind] = type;
}

/* Refuses to load a library whose types claim one kind twice (a build error). */
void		_PG_init(void);

void
_PG_init(void)
{
	if (cx_type_clash)
		elog(ERROR, "cx_metrics summary type %s claims kind %d, which is %s",
			 cx_type_clash->type_name, cx_type_clash->kind,
			 cx_type_clash->kind == 0 ? "reserved" : "taken");
}

/* The type of a stored summary, from its kind. */
const CxSummaryType *
cx_summary_type(const CxSummary *s)
{
	const CxSummaryType *type = cx_types[s->kind];

	if (likely(type != NULL))
		return type;
	elog(ERROR, "unknown cx_metrics summary kind %d", s->kind);
	pg_unreachable();
}

CxSummary *
cx_summary_new(const CxSummaryType *type, int npoints)
{
	CxSummary  *s = palloc0(CX_SUMMARY_SIZE);

	SET_VARSIZE(s, CX_SUMMARY_SIZE);
	s->version = CX_SUMMARY_VERSION;
	s->kind = type->kind;
	s->lo = type->lo;
	s->npoints = npoints;
	return s;
}

void
cx_report_status(CxStatus status, const CxSummary *s)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s value out of range", cx_summary_type(s)->type_name),
			 errdetail("In this %s, %s.", cx_summary_type(s)->type_name,
					   cx_status_text(status))));
	pg_unreachable();
}

/* Reports a score that does not fit the scale; "whole" says if it was an integer. */
pg_noreturn static void
cx_report_bad_score(const CxSummary *s, const char *score, bool whole)
{
	const char *metric = cx_summary_type(s)->metric;

	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 whole ? errmsg("%s score %s is out of range", metric, score)
			 : errmsg("%s score %s is not a whole number", metric, score),
			 errdetail("%s scores are whole numbers from %d to %d.",
					   metric, s->lo, CX_SUMMARY_HI(s)),
			 errhint("Pass NULL for a question that was not answered.")));
	pg_unreachable();
}

void
cx_report_score(const CxSummary *s, int64 score)
{
	cx_report_bad_score(s, psprintf(INT64_FORMAT, score), true);
}

void
cx_report_float_score(const CxSummary *s, double score, bool single)
{
	char	   *text = single ? DatumGetCString(DirectFunctionCall1(float4out, Float4GetDatum((float4) score)))
		: float8out_internal(score);

	cx_report_bad_score(s, text, !isfinite(score) || score == trunc(score));
}

/* A summary's scale for messages: "1..5", or "1..5 (lower is better)". */
static char *
cx_scale_text(const CxSummary *s)
{
	return psprintf(cx_summary_type(s)->lower_is_better ? "%d..%d (lower is better)" : "%d..%d",
					s->lo, CX_SUMMARY_HI(s));
}

/* ---------------------------------------------------------------------
 * Aggregate support
 * ---------------------------------------------------------------------
 */

/* A numeric score for an error message, in exponent form if it is long. */
static char *
numeric_score_text(Numeric num)
{
	char	   *text = numeric_normalize(num);

	return strlen(text) > 24 ? numeric_out_sci(num, 6) : text;
}

/*
 * A numeric score as an integer on the summary's scale.  NaN, infinities,
 * fractions and values off the scale are errors, never rounded or clamped.
 */
int64
cx_numeric_score(const CxSummary *s, Numeric num)
{
	double		x;
	Datum		whole;

	if (numeric_is_nan(num) || numeric_is_inf(num))
		cx_report_bad_score(s, numeric_score_text(num), true);
	x = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, NumericGetDatum(num)));
	whole = DirectFunctionCall2(numeric_trunc, NumericGetDatum(num), Int32GetDatum(0));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, whole, NumericGetDatum(num))) != 0)
		cx_report_bad_score(s, numeric_score_text(num), false);
	if (x < s->lo || x > CX_SUMMARY_HI(s))
		cx_report_bad_score(s, numeric_score_text(num), true);
	return (int64) x;
}

/* Adds a smallint score to the state of an aggregate whose state starts as its INITCOND. */
PG_FUNCTION_INFO_V1(cx_trans_int2);
Datum
cx_trans_int2(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_INT2, 1);
}

/* Removes a smallint score: the inverse of cx_trans_int2, for moving frames. */
PG_FUNCTION_INFO_V1(cx_inv_int2);
Datum
cx_inv_int2(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_INT2, -1);
}

/* Adds an integer score to the state of an aggregate whose state starts as its INITCOND. */
PG_FUNCTION_INFO_V1(cx_trans_int4);
Datum
cx_trans_int4(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_INT4, 1);
}

/* Removes an integer score: the inverse of cx_trans_int4, for moving frames. */
PG_FUNCTION_INFO_V1(cx_inv_int4);
Datum
cx_inv_int4(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_INT4, -1);
}

/* Adds a bigint score to the state of an aggregate whose state starts as its INITCOND. */
PG_FUNCTION_INFO_V1(cx_trans_int8);
Datum
cx_trans_int8(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_INT8, 1);
}

/* Removes a bigint score: the inverse of cx_trans_int8, for moving frames. */
PG_FUNCTION_INFO_V1(cx_inv_int8);
Datum
cx_inv_int8(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_INT8, -1);
}

/* Adds a numeric score to the state of an aggregate whose state starts as its INITCOND. */
PG_FUNCTION_INFO_V1(cx_trans_numeric);
Datum
cx_trans_numeric(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_NUMERIC, 1);
}

/* Removes a numeric score: the inverse of cx_trans_numeric, for moving frames. */
PG_FUNCTION_INFO_V1(cx_inv_numeric);
Datum
cx_inv_numeric(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_NUMERIC, -1);
}

/* Adds a real score (a whole number) to the state of an aggregate whose state starts as its INITCOND. */
PG_FUNCTION_INFO_V1(cx_trans_float4);
Datum
cx_trans_float4(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_FLOAT4, 1);
}

/* Removes a real score: the inverse of cx_trans_float4, for moving frames. */
PG_FUNCTION_INFO_V1(cx_inv_float4);
Datum
cx_inv_float4(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_FLOAT4, -1);
}

/* Adds a double precision score (a whole number) to the state of an aggregate whose state starts as its INITCOND. */
PG_FUNCTION_INFO_V1(cx_trans_float8);
Datum
cx_trans_float8(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_FLOAT8, 1);
}

/* Removes a double precision score: the inverse of cx_trans_float8, for moving frames. */
PG_FUNCTION_INFO_V1(cx_inv_float8);
Datum
cx_inv_float8(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_FLOAT8, -1);
}

/* Reports a scale argument outside the type's range. */
pg_noreturn static void
cx_report_scale_arg(const CxSummaryType *type, int32 scale_max)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s scale 1..%d is not supported", type->metric, scale_max),
			 errdetail("%s scales run from %d to scale_max, with scale_max from %d to %d.",
					   type->metric, type->lo, type->lo + type->min_points - 1,
					   type->lo + type->max_points - 1)));
	pg_unreachable();
}

/*
 * The slow path of cx_scaled_state.  The first call creates the state in the
 * aggregate's memory context, even for a NULL score, so a group of
 * unanswered questions gives an empty summary; a later call lands here only
 * when a scale argument is NULL or the scale has changed: both errors.
 */
CxSummary *
cx_scaled_state_slow(FunctionCallInfo fcinfo, const CxSummaryType *type, int scale_arg, Size size)
{
	int32		scale_max;
	CxSummary  *s;
	MemoryContext aggcontext;

	if (PG_ARGISNULL(scale_arg) || (type->flipped && PG_ARGISNULL(scale_arg + 1)))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the scale of a %s aggregate must not be NULL", type->metric)));
	scale_max = PG_GETARG_INT32(scale_arg);
	if (type->flipped && PG_GETARG_BOOL(scale_arg + 1) != type->lower_is_better)
		type = type->flipped;

	if (!PG_ARGISNULL(0))
	{
		s = cx_state_arg(fcinfo);
		if (unlikely(s->kind != type->kind || CX_SUMMARY_HI(s) != scale_max))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s scale changed within one aggregate, from %s to %d..%d%s",
							type->metric, cx_scale_text(s), type->lo, scale_max,
							type->lower_is_better ? " (lower is better)" : ""),
					 errhint("Aggregate responses of one scale at a time, e.g. with GROUP BY on the scale.")));
		return s;
	}

	if (scale_max < type->lo + type->min_points - 1 || scale_max > type->lo + type->max_points - 1)
		cx_report_scale_arg(type, scale_max);
	if (!AggCheckCallContext(fcinfo, &aggcontext))
		aggcontext = CurrentMemoryContext;
	s = MemoryContextAllocZero(aggcontext, size);
	SET_VARSIZE(s, size);
	s->version = CX_SUMMARY_VERSION;
	s->kind = type->kind;
	s->lo = type->lo;
	s->npoints = scale_max - type->lo + 1;
	return s;
}

/* Two summaries can be combined only when they measure the same thing. */
void
cx_summary_check_compatible(const CxSummary *a, const CxSummary *b, const char *verb)
{
	if (a->kind != b->kind || a->lo != b->lo || a->npoints != b->npoints)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot %s a %s on scale %s with a %s on scale %s", verb,
						cx_summary_type(a)->type_name, cx_scale_text(a),
						cx_summary_type(b)->type_name, cx_scale_text(b)),
				 errhint("Use summaries of one scale, e.g. by grouping on the scale.")));
}

/*
 * Merges the second summary into the first: the transition function of
 * rollup() and the combine function of every cx_metrics aggregate.
 */
PG_FUNCTION_INFO_V1(cx_summary_combine);
Datum
cx_summary_combine(PG_FUNCTION_ARGS)
{
	CxSummary  *s = cx_state_arg(fcinfo);
	CxSummary  *other = PG_GETARG_CX_SUMMARY_P(1);
	CxStatus	status;

	cx_summary_check_compatible(s, other, "combine");
	status = cx_dist_merge(&s->dist, &other->dist, s->npoints);
	if (status != CX_OK)
		cx_report_status(status, s);
	PG_RETURN_CX_SUMMARY_P(s);
}

/* Inverse of cx_summary_combine, for rollup() over a moving window frame. */
PG_FUNCTION_INFO_V1(cx_summary_uncombine);
Datum
cx_summary_uncombine(PG_FUNCTION_ARGS)
{
	CxSummary  *s = cx_state_arg(fcinfo);
	CxSummary  *other = PG_GETARG_CX_SUMMARY_P(1);
	CxStatus	status;

	cx_summary_check_compatible(s, other, "combine");
	status = cx_dist_subtract(&s->dist, &other->dist, s->npoints);
	if (status != CX_OK)
		cx_report_status(status, s);
	PG_RETURN_CX_SUMMARY_P(s);
}

/* ---------------------------------------------------------------------
 * Accessors every summary type has
 * ---------------------------------------------------------------------
 */

/* The number of responses (NULL scores are not responses). */
PG_FUNCTION_INFO_V1(cx_summary_responses);
Datum
cx_summary_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_CX_SUMMARY_P(0)->dist.n);
}

/* The counts per score as bigint[], subscripted by the score itself. */
PG_FUNCTION_INFO_V1(cx_summary_distribution);
Datum
cx_summary_distribution(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);
	Datum		elems[CX_MAX_POINTS];
	int			dims[1] = {s->npoints};
	int			lbs[1] = {s->lo};

	for (int i = 0; i < s->npoints; i++)
		elems[i] = Int64GetDatum(s->dist.count[i]);
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, NULL, 1, dims, lbs, INT8OID,
											 sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* ---------------------------------------------------------------------
 * JSON form: {"scale": [lo, hi], "n": N, "counts": [...], metric fields}
 * ---------------------------------------------------------------------
 */

Datum
cx_summary_to_json(const CxSummary *s, bool binary)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"scale\": [%d, %d], \"n\": " INT64_FORMAT ", \"counts\": [",
					 s->lo, CX_SUMMARY_HI(s), s->dist.n);
	for (int i = 0; i < s->npoints; i++)
		appendStringInfo(&buf, i ? ", " INT64_FORMAT : INT64_FORMAT, s->dist.count[i]);
	appendStringInfoChar(&buf, ']');
	cx_summary_type(s)->json_fields(&buf, s);
	appendStringInfoChar(&buf, '}');
	if (binary)
		return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
	return DirectFunctionCall1(json_in, CStringGetDatum(buf.data));
}

/* The cast to json, for BI tools and row_to_json(). */
PG_FUNCTION_INFO_V1(cx_summary_json);
Datum
cx_summary_json(PG_FUNCTION_ARGS)
{
	return cx_summary_to_json(PG_GETARG_CX_SUMMARY_P(0), false);
}

/* The cast to jsonb. */
PG_FUNCTION_INFO_V1(cx_summary_jsonb);
Datum
cx_summary_jsonb(PG_FUNCTION_ARGS)
{
	return cx_summary_to_json(PG_GETARG_CX_SUMMARY_P(0), true);
}

/* ---------------------------------------------------------------------
 * The mean score, for the types whose scores are on an interval scale
 * (their SQL scripts declare these accessors; NPS, whose groups are not,
 * does not)
 * ---------------------------------------------------------------------
 */

/* The highest point of the scale (its lowest is fixed by the type). */
PG_FUNCTION_INFO_V1(cx_summary_scale_max);
Datum
cx_summary_scale_max(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(CX_SUMMARY_HI(PG_GETARG_CX_SUMMARY_P(0)));
}

static CxMean
cx_summary_mean_of(const CxSummary *s)
{
	return cx_dist_mean(&s->dist, s->npoints, s->lo);
}

/* The mean score; NULL for an empty summary. */
PG_FUNCTION_INFO_V1(cx_summary_mean);
Datum
cx_summary_mean(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);

	if (s->dist.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cx_summary_mean_of(s).mean);
}

/* The standard error of the mean; NULL below two responses. */
PG_FUNCTION_INFO_V1(cx_summary_mean_stderr);
Datum
cx_summary_mean_stderr(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);

	if (s->dist.n < 2)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cx_summary_mean_of(s).se);
}

/*
 * The normal-approximation interval for the mean, clipped to the scale;
 * false below two responses.  The confidence is checked either way.
 */
static bool
cx_mean_interval_args(FunctionCallInfo fcinfo, CxInterval *ci)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);
	double		z = cx_confidence_z(PG_GETARG_FLOAT8(1));
	CxMean		m;

	if (s->dist.n < 2)
		return false;
	m = cx_summary_mean_of(s);
	*ci = cx_clipped_interval(m.mean, m.se, z, s->lo, CX_SUMMARY_HI(s));
	return true;
}

/* The lower bound of the interval for the mean; NULL below two responses. */
PG_FUNCTION_INFO_V1(cx_summary_mean_lower);
Datum
cx_summary_mean_lower(PG_FUNCTION_ARGS)
{
	CxInterval	ci;

	if (!cx_mean_interval_args(fcinfo, &ci))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ci.lower);
}

/* The upper bound of the interval for the mean; NULL below two responses. */
PG_FUNCTION_INFO_V1(cx_summary_mean_upper);
Datum
cx_summary_mean_upper(PG_FUNCTION_ARGS)
{
	CxInterval	ci;

	if (!cx_mean_interval_args(fcinfo, &ci))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ci.upper);
}

static bool
cx_mean_estimate(const CxSummary *s, double *est, double *se)
{
	CxMean		m;

	if (s->dist.n == 0)
		return false;
	m = cx_summary_mean_of(s);
	*est = m.mean;
	*se = m.se;
	return true;
}

/*
 * Two-sample test of the means, b against a.  The scales must be the same:
 * a mean on 1..5 and a mean on 1..7 are not comparable.  A sample of one
 * response gives a delta, but no standard error and nothing that needs it.
 */
PG_FUNCTION_INFO_V1(cx_summary_mean_test);
Datum
cx_summary_mean_test(PG_FUNCTION_ARGS)
{
	return cx_summary_test(fcinfo, cx_mean_estimate, true);
}

/*
 * The two-sample z-test of arguments 1 (b) against 0 (a), at the confidence
 * of argument 2, of the estimate that "estimate" reads from a summary.
 */
Datum
cx_summary_test(FunctionCallInfo fcinfo, CxEstimateFn estimate, bool same_scale)
{
	CxSummary  *a = PG_GETARG_CX_SUMMARY_P(0);
	CxSummary  *b = PG_GETARG_CX_SUMMARY_P(1);
	double		z_conf = cx_confidence_z(PG_GETARG_FLOAT8(2));
	double		est_a,
				se_a,
				est_b,
				se_b;
	CxTest		t;

	if (same_scale)
		cx_summary_check_compatible(a, b, "compare");
	if (!estimate(a, &est_a, &se_a) || !estimate(b, &est_b, &se_b))
		return cx_test_result(fcinfo, NULL);
	t = cx_two_sample_test(est_a, se_a, est_b, se_b, z_conf);
	return cx_test_result(fcinfo, &t);
}
