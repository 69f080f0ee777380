/*
 * csat_weighted.c
 *		csat_weighted_summary: weighted Customer Satisfaction on a 1..k
 *		scale, k from 2 to 10.
 *
 * CSAT = 100 * W_satisfied / W, the weighted mean of 100 (satisfied) and 0,
 * with the same default threshold as csat_summary (csat.c); its standard
 * error and Wald interval by linearisation (weighted.h).  The weighted mean
 * score and its test are shared with ces_weighted_summary (weighted.c).
 */
#include "postgres.h"

#include "weighted.h"

/* The kind byte of every stored csat_weighted_summary: fixed for good (cx_summary.h). */
#define CSAT_WEIGHTED_KIND 6

static void csat_weighted_json_fields(StringInfo buf, const CxSummary *s);

static const CxSummaryType csat_weighted_type = {CSAT_WEIGHTED_KIND, "csat_weighted_summary", "CSAT", 1, 2, 10,
	false, NULL, csat_weighted_json_fields, CX_WEIGHTED_POINT_TEXT};

/* Makes csat_weighted_summary known to the shared glue when the library is loaded. */
CX_AT_LOAD static void
csat_weighted_register(void)
{
	cx_summary_type_register(&csat_weighted_type);
}

/* The transitions of csat_weighted_agg(score, weight, scale_max); the default scale uses cx_wtrans_* (weighted.c). */

PG_FUNCTION_INFO_V1(csat_wtrans_int2);
Datum
csat_wtrans_int2(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &csat_weighted_type), CX_SCORE_INT2, 1);
}

PG_FUNCTION_INFO_V1(csat_winv_int2);
Datum
csat_winv_int2(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &csat_weighted_type), CX_SCORE_INT2, -1);
}

PG_FUNCTION_INFO_V1(csat_wtrans_int4);
Datum
csat_wtrans_int4(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &csat_weighted_type), CX_SCORE_INT4, 1);
}

PG_FUNCTION_INFO_V1(csat_winv_int4);
Datum
csat_winv_int4(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &csat_weighted_type), CX_SCORE_INT4, -1);
}

PG_FUNCTION_INFO_V1(csat_wtrans_int8);
Datum
csat_wtrans_int8(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &csat_weighted_type), CX_SCORE_INT8, 1);
}

PG_FUNCTION_INFO_V1(csat_winv_int8);
Datum
csat_winv_int8(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &csat_weighted_type), CX_SCORE_INT8, -1);
}

PG_FUNCTION_INFO_V1(csat_wtrans_numeric);
Datum
csat_wtrans_numeric(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &csat_weighted_type), CX_SCORE_NUMERIC, 1);
}

PG_FUNCTION_INFO_V1(csat_winv_numeric);
Datum
csat_winv_numeric(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &csat_weighted_type), CX_SCORE_NUMERIC, -1);
}

PG_FUNCTION_INFO_V1(csat_wtrans_float4);
Datum
csat_wtrans_float4(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &csat_weighted_type), CX_SCORE_FLOAT4, 1);
}

PG_FUNCTION_INFO_V1(csat_winv_float4);
Datum
csat_winv_float4(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &csat_weighted_type), CX_SCORE_FLOAT4, -1);
}

PG_FUNCTION_INFO_V1(csat_wtrans_float8);
Datum
csat_wtrans_float8(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &csat_weighted_type), CX_SCORE_FLOAT8, 1);
}

PG_FUNCTION_INFO_V1(csat_winv_float8);
Datum
csat_winv_float8(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &csat_weighted_type), CX_SCORE_FLOAT8, -1);
}

/* Text input of csat_weighted_summary. */
PG_FUNCTION_INFO_V1(csat_weighted_summary_in);
Datum
csat_weighted_summary_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(cx_wsummary_parse(PG_GETARG_CSTRING(0), &csat_weighted_type));
}

/* Binary input of csat_weighted_summary, checked as strictly as text input. */
PG_FUNCTION_INFO_V1(csat_weighted_summary_recv);
Datum
csat_weighted_summary_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(cx_wsummary_receive((StringInfo) PG_GETARG_POINTER(0), &csat_weighted_type));
}

/* The CSAT reading for the lowest satisfied score min: 100 from min up, else 0. */
static void
csat_reading(const CxWSummary *s, int min, double *y)
{
	for (int i = 0; i < s->npoints; i++)
		y[i] = s->lo + i >= min ? 100.0 : 0.0;
}

/* A part of weighted CSAT %, the threshold in argument min_arg if the call has it. */
static Datum
csat_weighted_part(FunctionCallInfo fcinfo, CxWPart part, int min_arg)
{
	CxWSummary *s = PG_GETARG_CX_WSUMMARY_P(0);
	double		y[CX_MAX_POINTS];

	csat_reading(s, csat_threshold(fcinfo, CX_WHEAD(s), min_arg), y);
	return cx_wsummary_read(fcinfo, s, y, part, 1, 0.0, 100.0);
}

/* Weighted CSAT %, 0..100; NULL when empty.  Also the final function of csat_weighted(). */
PG_FUNCTION_INFO_V1(csat_weighted_value);
Datum
csat_weighted_value(PG_FUNCTION_ARGS)
{
	return csat_weighted_part(fcinfo, CX_W_ESTIMATE, 1);
}

/* Its linearisation standard error in points; NULL below two responses. */
PG_FUNCTION_INFO_V1(csat_weighted_stderr);
Datum
csat_weighted_stderr(PG_FUNCTION_ARGS)
{
	return csat_weighted_part(fcinfo, CX_W_STDERR, 1);
}

/* The lower bound of the Wald interval, clipped to 0. */
PG_FUNCTION_INFO_V1(csat_weighted_lower);
Datum
csat_weighted_lower(PG_FUNCTION_ARGS)
{
	return csat_weighted_part(fcinfo, CX_W_LOWER, 2);
}

/* The upper bound of the Wald interval, clipped to 100. */
PG_FUNCTION_INFO_V1(csat_weighted_upper);
Datum
csat_weighted_upper(PG_FUNCTION_ARGS)
{
	return csat_weighted_part(fcinfo, CX_W_UPPER, 2);
}

/* The weight of the satisfied responses. */
PG_FUNCTION_INFO_V1(csat_weighted_satisfied);
Datum
csat_weighted_satisfied(PG_FUNCTION_ARGS)
{
	CxWSummary *s = PG_GETARG_CX_WSUMMARY_P(0);
	int			min = csat_threshold(fcinfo, CX_WHEAD(s), 1);

	PG_RETURN_FLOAT8(cx_wsummary_weight(s, min - s->lo, s->npoints - 1));
}

/*
 * Two-sample z-test of weighted CSAT b against a in points, with the
 * linearisation standard errors (unpooled: with weights there is no pooled
 * binomial test).  Each share under its own default threshold, or under the
 * one given.
 */
PG_FUNCTION_INFO_V1(csat_weighted_test);
Datum
csat_weighted_test(PG_FUNCTION_ARGS)
{
	CxWSummary *a = PG_GETARG_CX_WSUMMARY_P(0);
	CxWSummary *b = PG_GETARG_CX_WSUMMARY_P(1);
	double		ya[CX_MAX_POINTS],
				yb[CX_MAX_POINTS];

	csat_reading(a, csat_threshold(fcinfo, CX_WHEAD(a), 3), ya);
	csat_reading(b, csat_threshold(fcinfo, CX_WHEAD(b), 3), yb);
	return cx_wsummary_test(fcinfo, a, ya, b, yb);
}

/* The JSON form's CSAT fields: weighted CSAT, the satisfied weight and the weighted mean. */
static void
csat_weighted_json_fields(StringInfo buf, const CxSummary *head)
{
	const CxWSummary *s = (const CxWSummary *) head;
	int			min = csat_default_min(head);
	double		y[CX_MAX_POINTS];
	bool		empty = s->dist.counts.n == 0;

	csat_reading(s, min, y);
	cx_json_number(buf, "csat", cx_wdist_estimate(&s->dist, s->npoints, y).mean, empty);
	cx_wjson_weight(buf, "satisfied", s, min - s->lo, s->npoints - 1);
	cx_wreading_mean(s, y);
	cx_json_number(buf, "mean", cx_wdist_estimate(&s->dist, s->npoints, y).mean, empty);
}
