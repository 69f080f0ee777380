/*
 * csat.c
 *		csat_summary: Customer Satisfaction on a 1..k scale, k from 2 to 10.
 *
 * CSAT = 100 * the share of satisfied responses, those at or above a
 * threshold: by default the top two points of the scale (4-5 on 1..5), or
 * the top point on scales of three points or fewer, where the top two would
 * be most of the scale.  The Wilson interval and the two-proportion test are
 * in the pure-C core; the mean and its interval are shared with ces_summary
 * (cx_summary.c).
 */
#include "postgres.h"

#include <math.h>

#include "cx_summary.h"

/* The kind byte of every stored csat_summary: fixed for good (cx_summary.h). */
#define CSAT_KIND 2

static void cx_csat_json_fields(StringInfo buf, const CxSummary *s);

/* csat_summary: scales 1..2 to 1..10. */
static const CxSummaryType cx_csat_type = {CSAT_KIND, "csat_summary", "CSAT", 1, 2, 10, false, NULL, cx_csat_json_fields, NULL};

/* Makes csat_summary known to the shared glue when the library is loaded. */
CX_AT_LOAD static void
csat_register(void)
{
	cx_summary_type_register(&cx_csat_type);
}

/* The transitions of csat_agg(score, scale_max); csat_agg(score) uses cx_trans_* (cx_summary.c). */

/* Adds a smallint score to the state of csat_agg(score, scale_max). */
PG_FUNCTION_INFO_V1(csat_trans_int2);
Datum
csat_trans_int2(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_csat_type), CX_SCORE_INT2, 1);
}

/* Removes a smallint score: the inverse of csat_trans_int2, for moving frames. */
PG_FUNCTION_INFO_V1(csat_inv_int2);
Datum
csat_inv_int2(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_csat_type), CX_SCORE_INT2, -1);
}

/* Adds an integer score to the state of csat_agg(score, scale_max). */
PG_FUNCTION_INFO_V1(csat_trans_int4);
Datum
csat_trans_int4(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_csat_type), CX_SCORE_INT4, 1);
}

/* Removes an integer score: the inverse of csat_trans_int4, for moving frames. */
PG_FUNCTION_INFO_V1(csat_inv_int4);
Datum
csat_inv_int4(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_csat_type), CX_SCORE_INT4, -1);
}

/* Adds a bigint score to the state of csat_agg(score, scale_max). */
PG_FUNCTION_INFO_V1(csat_trans_int8);
Datum
csat_trans_int8(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_csat_type), CX_SCORE_INT8, 1);
}

/* Removes a bigint score: the inverse of csat_trans_int8, for moving frames. */
PG_FUNCTION_INFO_V1(csat_inv_int8);
Datum
csat_inv_int8(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_csat_type), CX_SCORE_INT8, -1);
}

/* Adds a numeric score to the state of csat_agg(score, scale_max). */
PG_FUNCTION_INFO_V1(csat_trans_numeric);
Datum
csat_trans_numeric(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_csat_type), CX_SCORE_NUMERIC, 1);
}

/* Removes a numeric score: the inverse of csat_trans_numeric, for moving frames. */
PG_FUNCTION_INFO_V1(csat_inv_numeric);
Datum
csat_inv_numeric(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_csat_type), CX_SCORE_NUMERIC, -1);
}

/* Adds a real score (a whole number) to the state of csat_agg(score, scale_max). */
PG_FUNCTION_INFO_V1(csat_trans_float4);
Datum
csat_trans_float4(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_csat_type), CX_SCORE_FLOAT4, 1);
}

/* Removes a real score: the inverse of csat_trans_float4, for moving frames. */
PG_FUNCTION_INFO_V1(csat_inv_float4);
Datum
csat_inv_float4(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_csat_type), CX_SCORE_FLOAT4, -1);
}

/* Adds a double precision score (a whole number) to the state of csat_agg(score, scale_max). */
PG_FUNCTION_INFO_V1(csat_trans_float8);
Datum
csat_trans_float8(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_csat_type), CX_SCORE_FLOAT8, 1);
}

/* Removes a double precision score: the inverse of csat_trans_float8, for moving frames. */
PG_FUNCTION_INFO_V1(csat_inv_float8);
Datum
csat_inv_float8(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_csat_type), CX_SCORE_FLOAT8, -1);
}

/* Text input of csat_summary. */
PG_FUNCTION_INFO_V1(csat_summary_in);
Datum
csat_summary_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_CX_SUMMARY_P(cx_summary_parse(PG_GETARG_CSTRING(0), &cx_csat_type));
}

/* Binary input of csat_summary, checked as strictly as text input. */
PG_FUNCTION_INFO_V1(csat_summary_recv);
Datum
csat_summary_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_CX_SUMMARY_P(cx_summary_receive((StringInfo) PG_GETARG_POINTER(0), &cx_csat_type));
}

/* csat_summary(counts bigint[]): the summary with these counts, the inverse of distribution(). */
PG_FUNCTION_INFO_V1(csat_summary_from_counts);
Datum
csat_summary_from_counts(PG_FUNCTION_ARGS)
{
	PG_RETURN_CX_SUMMARY_P(cx_summary_from_counts(PG_GETARG_ARRAYTYPE_P(0), &cx_csat_type));
}

/* The cast from jsonb: exactly what s::jsonb gives, checked. */
PG_FUNCTION_INFO_V1(csat_summary_from_jsonb);
Datum
csat_summary_from_jsonb(PG_FUNCTION_ARGS)
{
	return cx_summary_from_jsonb_datum(fcinfo, &cx_csat_type);
}

/* The cast from json, as from jsonb. */
PG_FUNCTION_INFO_V1(csat_summary_from_json);
Datum
csat_summary_from_json(PG_FUNCTION_ARGS)
{
	return cx_summary_from_json_datum(fcinfo, &cx_csat_type);
}

/* The default threshold: the top two points, or the top one on short scales. */
int
csat_default_min(const CxSummary *s)
{
	int			hi = CX_SUMMARY_HI(s);

	return s->npoints >= 4 ? hi - 1 : hi;
}

/*
 * The lowest satisfied score: argument argno when the call has it, else the
 * default.  Checked against the scale whether or not the summary is empty.
 */
int
csat_threshold(FunctionCallInfo fcinfo, const CxSummary *s, int argno)
{
	int32		min;

	if (PG_NARGS() <= argno)
		return csat_default_min(s);
	min = PG_GETARG_INT32(argno);
	if (min < s->lo || min > CX_SUMMARY_HI(s))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("CSAT threshold satisfied_min = %d is outside the scale %d..%d",
						min, s->lo, CX_SUMMARY_HI(s)),
				 errdetail("satisfied_min is the lowest score counted as satisfied; the default is %d on this scale.",
						   csat_default_min(s))));
	return min;
}

/* Satisfied responses: scores from the threshold up. */
static int64
csat_count(const CxSummary *s, int min)
{
	return cx_dist_range(&s->dist, s->npoints, min - s->lo, s->npoints - 1);
}

/* The number of satisfied responses. */
PG_FUNCTION_INFO_V1(csat_satisfied);
Datum
csat_satisfied(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);

	PG_RETURN_INT64(csat_count(s, csat_threshold(fcinfo, s, 1)));
}

/* CSAT %, 0..100; NULL for an empty summary.  Also the final function of csat(score). */
PG_FUNCTION_INFO_V1(csat_value);
Datum
csat_value(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);
	int			min = csat_threshold(fcinfo, s, 1);

	if (s->dist.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) csat_count(s, min) / (double) s->dist.n);
}

/* The standard error of CSAT %, in percentage points. */
PG_FUNCTION_INFO_V1(csat_stderr);
Datum
csat_stderr(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);
	int			min = csat_threshold(fcinfo, s, 1);
	double		n = (double) s->dist.n,
				p;

	if (s->dist.n == 0)
		PG_RETURN_NULL();
	p = (double) csat_count(s, min) / n;
	PG_RETURN_FLOAT8(100.0 * sqrt(p * (1.0 - p) / n));
}

/* The Wilson interval that csat_lower / csat_upper ask for; false if empty. */
static bool
csat_interval_args(FunctionCallInfo fcinfo, CxInterval *ci)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);
	double		z = cx_confidence_z(PG_GETARG_FLOAT8(1));
	int			min = csat_threshold(fcinfo, s, 2);

	if (s->dist.n == 0)
		return false;
	*ci = cx_wilson_interval((double) csat_count(s, min), (double) s->dist.n, z);
	return true;
}

/* The lower bound of the Wilson interval for CSAT %, in percent; NULL when empty. */
PG_FUNCTION_INFO_V1(csat_lower);
Datum
csat_lower(PG_FUNCTION_ARGS)
{
	CxInterval	ci;

	if (!csat_interval_args(fcinfo, &ci))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * ci.lower);
}

/* The upper bound of the Wilson interval for CSAT %, in percent; NULL when empty. */
PG_FUNCTION_INFO_V1(csat_upper);
Datum
csat_upper(PG_FUNCTION_ARGS)
{
	CxInterval	ci;

	if (!csat_interval_args(fcinfo, &ci))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * ci.upper);
}

/*
 * Two-proportion test of CSAT b against a, in percentage points.  The two
 * may be on different scales: each share is a share of satisfied answers
 * under its own default threshold, or under the one threshold given.
 */
PG_FUNCTION_INFO_V1(csat_test);
Datum
csat_test(PG_FUNCTION_ARGS)
{
	CxSummary  *a = PG_GETARG_CX_SUMMARY_P(0);
	CxSummary  *b = PG_GETARG_CX_SUMMARY_P(1);
	double		z_conf = cx_confidence_z(PG_GETARG_FLOAT8(2));
	int			min_a = csat_threshold(fcinfo, a, 3);
	int			min_b = csat_threshold(fcinfo, b, 3);
	CxTest		t;

	if (a->dist.n == 0 || b->dist.n == 0)
		return cx_test_result(fcinfo, NULL);
	t = cx_proportion_test((double) csat_count(a, min_a), (double) a->dist.n,
						   (double) csat_count(b, min_b), (double) b->dist.n, z_conf);
	t.delta *= 100.0;
	t.se *= 100.0;
	t.lower *= 100.0;
	t.upper *= 100.0;
	return cx_test_result(fcinfo, &t);
}

/* The JSON form's CSAT fields, after the counts. */
static void
cx_csat_json_fields(StringInfo buf, const CxSummary *s)
{
	int64		satisfied = csat_count(s, csat_default_min(s));
	bool		empty = s->dist.n == 0;

	cx_json_number(buf, "csat", empty ? 0 : 100.0 * satisfied / (double) s->dist.n, empty);
	appendStringInfo(buf, ", \"satisfied\": " INT64_FORMAT, satisfied);
	cx_json_number(buf, "mean", empty ? 0 : cx_dist_mean(&s->dist, s->npoints, s->lo).mean, empty);
}

/* The variance p * (1 - p) of satisfied / not; p = 0.5 (the worst case) without argument 2. */
static double
csat_plan_variance(FunctionCallInfo fcinfo)
{
	double		p = PG_NARGS() < 3 ? 0.5 : cx_plan_share(PG_GETARG_FLOAT8(2), "satisfied_share");

	return p * (1.0 - p);
}

/*
 * The margin of error of CSAT % in percentage points for n responses: the
 * Wald half-width 100 * z * sqrt(p * (1 - p) / n), z * csat_stderr; the
 * worst case p = 0.5 without a share.  (csat_lower and csat_upper are
 * Wilson bounds, a little narrower and not symmetric.)
 */
PG_FUNCTION_INFO_V1(csat_margin);
Datum
csat_margin(PG_FUNCTION_ARGS)
{
	int64		n = cx_plan_responses(PG_GETARG_INT64(0));
	double		z = cx_confidence_z(PG_GETARG_FLOAT8(1));

	PG_RETURN_FLOAT8(cx_wald_margin(csat_plan_variance(fcinfo), (double) n, z));
}

/* The responses needed for a margin of error of CSAT %: the smallest n whose csat_margin is within it. */
PG_FUNCTION_INFO_V1(csat_sample_size);
Datum
csat_sample_size(PG_FUNCTION_ARGS)
{
	double		margin = cx_plan_margin(PG_GETARG_FLOAT8(0));
	double		z = cx_confidence_z(PG_GETARG_FLOAT8(1));

	return cx_plan_sample_size(csat_plan_variance(fcinfo), margin, z);
}
