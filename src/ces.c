/*
 * ces.c
 *		ces_summary: Customer Effort Score on a 1..k scale, k from 2 to 10,
 *		in either direction.
 *
 * CES 2.0 asks how much one agrees that "the company made it easy", on
 * 1..7: higher is easier.  CES 1.0 asks how much effort it took, on 1..5:
 * lower is easier.  The direction is part of the summary (two kinds of one
 * SQL type, see cx_summary.h), so every reading below is right for both.
 * Easy answers are those strictly on the easy side of the scale's midpoint
 * (5-7 on 1..7, 1-2 on an effort 1..5), difficult ones strictly on the other
 * side; net effort = 100 * (easy - difficult) / n is a net score like NPS
 * and shares its statistics.  The headline CES is the mean score.
 */
#include "postgres.h"

#include "cx_summary.h"

/*
 * The kind bytes of stored ces_summary values, one per direction: fixed for
 * good (cx_summary.h).
 */
#define CES_KIND 3				/* higher is easier: CES 2.0 agreement scales */
#define CES_LOWER_KIND 4		/* lower is easier: CES 1.0 effort scales */

static void cx_ces_json_fields(StringInfo buf, const CxSummary *s);

/* ces_summary: scales 1..2 to 1..10, in either direction, each the other's flip. */
static const CxSummaryType cx_ces_lower_type;
static const CxSummaryType cx_ces_type = {CES_KIND, "ces_summary", "CES", 1, 2, 10, false, &cx_ces_lower_type, cx_ces_json_fields, NULL};
static const CxSummaryType cx_ces_lower_type = {CES_LOWER_KIND, "ces_summary", "CES", 1, 2, 10, true, &cx_ces_type, cx_ces_json_fields, NULL};

/* Makes both directions of ces_summary known to the shared glue at load time. */
CX_AT_LOAD static void
ces_register(void)
{
	cx_summary_type_register(&cx_ces_type);
	cx_summary_type_register(&cx_ces_lower_type);
}

/* Adds a smallint score to the state of ces_agg(score, scale_max, lower_is_better). */
PG_FUNCTION_INFO_V1(ces_trans_int2);
Datum
ces_trans_int2(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_ces_type), CX_SCORE_INT2, 1);
}

/* Removes a smallint score: the inverse of ces_trans_int2, for moving frames. */
PG_FUNCTION_INFO_V1(ces_inv_int2);
Datum
ces_inv_int2(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_ces_type), CX_SCORE_INT2, -1);
}

/* Adds an integer score to the state of ces_agg(score, scale_max, lower_is_better). */
PG_FUNCTION_INFO_V1(ces_trans_int4);
Datum
ces_trans_int4(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_ces_type), CX_SCORE_INT4, 1);
}

/* Removes an integer score: the inverse of ces_trans_int4, for moving frames. */
PG_FUNCTION_INFO_V1(ces_inv_int4);
Datum
ces_inv_int4(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_ces_type), CX_SCORE_INT4, -1);
}

/* Adds a bigint score to the state of ces_agg(score, scale_max, lower_is_better). */
PG_FUNCTION_INFO_V1(ces_trans_int8);
Datum
ces_trans_int8(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_ces_type), CX_SCORE_INT8, 1);
}

/* Removes a bigint score: the inverse of ces_trans_int8, for moving frames. */
PG_FUNCTION_INFO_V1(ces_inv_int8);
Datum
ces_inv_int8(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_ces_type), CX_SCORE_INT8, -1);
}

/* Adds a numeric score to the state of ces_agg(score, scale_max, lower_is_better). */
PG_FUNCTION_INFO_V1(ces_trans_numeric);
Datum
ces_trans_numeric(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_ces_type), CX_SCORE_NUMERIC, 1);
}

/* Removes a numeric score: the inverse of ces_trans_numeric, for moving frames. */
PG_FUNCTION_INFO_V1(ces_inv_numeric);
Datum
ces_inv_numeric(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_ces_type), CX_SCORE_NUMERIC, -1);
}

/* Adds a real score (a whole number) to the state of ces_agg(score, scale_max, lower_is_better). */
PG_FUNCTION_INFO_V1(ces_trans_float4);
Datum
ces_trans_float4(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_ces_type), CX_SCORE_FLOAT4, 1);
}

/* Removes a real score: the inverse of ces_trans_float4, for moving frames. */
PG_FUNCTION_INFO_V1(ces_inv_float4);
Datum
ces_inv_float4(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_ces_type), CX_SCORE_FLOAT4, -1);
}

/* Adds a double precision score (a whole number) to the state of ces_agg(score, scale_max, lower_is_better). */
PG_FUNCTION_INFO_V1(ces_trans_float8);
Datum
ces_trans_float8(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_ces_type), CX_SCORE_FLOAT8, 1);
}

/* Removes a double precision score: the inverse of ces_trans_float8, for moving frames. */
PG_FUNCTION_INFO_V1(ces_inv_float8);
Datum
ces_inv_float8(PG_FUNCTION_ARGS)
{
	return cx_score_step(fcinfo, cx_scaled_state(fcinfo, &cx_ces_type), CX_SCORE_FLOAT8, -1);
}

/* Text input of ces_summary: the value says its direction (cx_ces_lower_type). */
PG_FUNCTION_INFO_V1(ces_summary_in);
Datum
ces_summary_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_CX_SUMMARY_P(cx_summary_parse(PG_GETARG_CSTRING(0), &cx_ces_type));
}

/* Binary input of ces_summary, with its direction byte; as strict as text input. */
PG_FUNCTION_INFO_V1(ces_summary_recv);
Datum
ces_summary_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_CX_SUMMARY_P(cx_summary_receive((StringInfo) PG_GETARG_POINTER(0), &cx_ces_type));
}

/* ces_summary(counts bigint[], lower_is_better): the summary with these counts and direction. */
PG_FUNCTION_INFO_V1(ces_summary_from_counts);
Datum
ces_summary_from_counts(PG_FUNCTION_ARGS)
{
	PG_RETURN_CX_SUMMARY_P(cx_summary_from_counts(PG_GETARG_ARRAYTYPE_P(0),
												 PG_GETARG_BOOL(1) ? &cx_ces_lower_type : &cx_ces_type));
}

/* The cast from jsonb: exactly what s::jsonb gives, checked. */
PG_FUNCTION_INFO_V1(ces_summary_from_jsonb);
Datum
ces_summary_from_jsonb(PG_FUNCTION_ARGS)
{
	return cx_summary_from_jsonb_datum(fcinfo, &cx_ces_type);
}

/* The cast from json, as from jsonb. */
PG_FUNCTION_INFO_V1(ces_summary_from_json);
Datum
ces_summary_from_json(PG_FUNCTION_ARGS)
{
	return cx_summary_from_json_datum(fcinfo, &cx_ces_type);
}

/* Easy, neutral (on the midpoint of an odd scale) and difficult answers. */
typedef struct CesCounts
{
	int64		easy;
	int64		neutral;
	int64		difficult;
} CesCounts;

CesSides
ces_sides(const CxSummary *s)
{
	int			k = s->npoints;
	/* 0-based points below and above the midpoint (k - 1) / 2 */
	int			low_to = (k - 2) / 2,
				high_from = (k - 1) / 2 + 1;
	CesSides	sides;

	if (cx_summary_type(s)->lower_is_better)
	{
		sides.easy_from = 0;
		sides.easy_to = low_to;
		sides.difficult_from = high_from;
		sides.difficult_to = k - 1;
	}
	else
	{
		sides.easy_from = high_from;
		sides.easy_to = k - 1;
		sides.difficult_from = 0;
		sides.difficult_to = low_to;
	}
	return sides;
}

static CesCounts
ces_counts(const CxSummary *s)
{
	CesSides	sides = ces_sides(s);
	CesCounts	c;

	c.easy = cx_dist_range(&s->dist, s->npoints, sides.easy_from, sides.easy_to);
	c.difficult = cx_dist_range(&s->dist, s->npoints, sides.difficult_from, sides.difficult_to);
	c.neutral = s->dist.n - c.easy - c.difficult;
	return c;
}

/* Whether lower scores are easier (CES 1.0 effort scales). */
PG_FUNCTION_INFO_V1(ces_lower_is_better);
Datum
ces_lower_is_better(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cx_summary_type(PG_GETARG_CX_SUMMARY_P(0))->lower_is_better);
}

/* The number of easy answers. */
PG_FUNCTION_INFO_V1(ces_easy);
Datum
ces_easy(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(ces_counts(PG_GETARG_CX_SUMMARY_P(0)).easy);
}

/* The number of difficult answers. */
PG_FUNCTION_INFO_V1(ces_difficult);
Datum
ces_difficult(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(ces_counts(PG_GETARG_CX_SUMMARY_P(0)).difficult);
}

/* The share of easy answers, 0..1; NULL when empty. */
PG_FUNCTION_INFO_V1(ces_easy_share);
Datum
ces_easy_share(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);

	if (s->dist.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) ces_counts(s).easy / (double) s->dist.n);
}

/* The share of difficult answers, 0..1; NULL when empty. */
PG_FUNCTION_INFO_V1(ces_difficult_share);
Datum
ces_difficult_share(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);

	if (s->dist.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) ces_counts(s).difficult / (double) s->dist.n);
}

static CxNet
ces_net(const CxSummary *s)
{
	CesCounts	c = ces_counts(s);

	return cx_net_estimate(c.easy, c.neutral, c.difficult);
}

/* Net effort, -100..100; NULL when empty. */
PG_FUNCTION_INFO_V1(ces_net_effort);
Datum
ces_net_effort(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);

	if (s->dist.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ces_net(s).net);
}

/* The standard error of net effort, in points; NULL when empty. */
PG_FUNCTION_INFO_V1(ces_net_effort_stderr);
Datum
ces_net_effort_stderr(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);

	if (s->dist.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ces_net(s).se);
}

/* The adjusted-Wald interval for net effort, as for NPS; false if empty. */
static bool
ces_net_interval_args(FunctionCallInfo fcinfo, CxInterval *ci)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);
	double		z = cx_confidence_z(PG_GETARG_FLOAT8(1));
	CesCounts	c;

	if (s->dist.n == 0)
		return false;
	c = ces_counts(s);
	*ci = cx_net_interval(c.easy, c.neutral, c.difficult, z, CX_NET_ADJUSTED_WALD);
	return true;
}

/* The lower bound of the adjusted-Wald interval for net effort; NULL when empty. */
PG_FUNCTION_INFO_V1(ces_net_effort_lower);
Datum
ces_net_effort_lower(PG_FUNCTION_ARGS)
{
	CxInterval	ci;

	if (!ces_net_interval_args(fcinfo, &ci))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ci.lower);
}

/* The upper bound of the adjusted-Wald interval for net effort; NULL when empty. */
PG_FUNCTION_INFO_V1(ces_net_effort_upper);
Datum
ces_net_effort_upper(PG_FUNCTION_ARGS)
{
	CxInterval	ci;

	if (!ces_net_interval_args(fcinfo, &ci))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ci.upper);
}

/* The JSON form's CES fields, after the counts. */
static void
cx_ces_json_fields(StringInfo buf, const CxSummary *s)
{
	CesCounts	c = ces_counts(s);
	bool		empty = s->dist.n == 0;

	appendStringInfo(buf, ", \"lower_is_better\": %s",
					 cx_summary_type(s)->lower_is_better ? "true" : "false");
	cx_json_number(buf, "ces", empty ? 0 : cx_dist_mean(&s->dist, s->npoints, s->lo).mean, empty);
	appendStringInfo(buf, ", \"easy\": " INT64_FORMAT ", \"difficult\": " INT64_FORMAT,
					 c.easy, c.difficult);
	cx_json_number(buf, "net_effort", empty ? 0 : ces_net(s).net, empty);
}
