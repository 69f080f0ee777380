/*
 * ces_weighted.c
 *		ces_weighted_summary: the weighted Customer Effort Score on a 1..k
 *		scale, k from 2 to 10, in either direction.
 *
 * The headline CES is the weighted mean score (weighted.c, shared with
 * csat_weighted_summary); net effort = 100 * (W_easy - W_difficult) / W is a
 * net score like NPS, with easy and difficult defined as for ces_summary
 * (ces_sides in ces.c).  The direction is part of the summary: two kinds of
 * one SQL type, as for ces_summary.
 */
#include "postgres.h"

#include "weighted.h"

/* The kind bytes of stored ces_weighted_summary values, one per direction: fixed for good. */
#define CES_WEIGHTED_KIND 7			/* higher is easier */
#define CES_WEIGHTED_LOWER_KIND 8	/* lower is easier */

static void ces_weighted_json_fields(StringInfo buf, const CxSummary *s);

static const CxSummaryType ces_weighted_lower_type;
static const CxSummaryType ces_weighted_type = {CES_WEIGHTED_KIND, "ces_weighted_summary", "CES", 1, 2, 10,
	false, &ces_weighted_lower_type, ces_weighted_json_fields, CX_WEIGHTED_POINT_TEXT};
static const CxSummaryType ces_weighted_lower_type = {CES_WEIGHTED_LOWER_KIND, "ces_weighted_summary", "CES", 1, 2, 10,
	true, &ces_weighted_type, ces_weighted_json_fields, CX_WEIGHTED_POINT_TEXT};

/* Makes both directions of ces_weighted_summary known to the shared glue at load time. */
CX_AT_LOAD static void
ces_weighted_register(void)
{
	cx_summary_type_register(&ces_weighted_type);
	cx_summary_type_register(&ces_weighted_lower_type);
}

/* The transitions of ces_weighted_agg(score, weight, scale_max, lower_is_better); the default scale uses cx_wtrans_*. */

PG_FUNCTION_INFO_V1(ces_wtrans_int2);
Datum
ces_wtrans_int2(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &ces_weighted_type), CX_SCORE_INT2, 1);
}

PG_FUNCTION_INFO_V1(ces_winv_int2);
Datum
ces_winv_int2(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &ces_weighted_type), CX_SCORE_INT2, -1);
}

PG_FUNCTION_INFO_V1(ces_wtrans_int4);
Datum
ces_wtrans_int4(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &ces_weighted_type), CX_SCORE_INT4, 1);
}

PG_FUNCTION_INFO_V1(ces_winv_int4);
Datum
ces_winv_int4(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &ces_weighted_type), CX_SCORE_INT4, -1);
}

PG_FUNCTION_INFO_V1(ces_wtrans_int8);
Datum
ces_wtrans_int8(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &ces_weighted_type), CX_SCORE_INT8, 1);
}

PG_FUNCTION_INFO_V1(ces_winv_int8);
Datum
ces_winv_int8(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &ces_weighted_type), CX_SCORE_INT8, -1);
}

PG_FUNCTION_INFO_V1(ces_wtrans_numeric);
Datum
ces_wtrans_numeric(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &ces_weighted_type), CX_SCORE_NUMERIC, 1);
}

PG_FUNCTION_INFO_V1(ces_winv_numeric);
Datum
ces_winv_numeric(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &ces_weighted_type), CX_SCORE_NUMERIC, -1);
}

PG_FUNCTION_INFO_V1(ces_wtrans_float4);
Datum
ces_wtrans_float4(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &ces_weighted_type), CX_SCORE_FLOAT4, 1);
}

PG_FUNCTION_INFO_V1(ces_winv_float4);
Datum
ces_winv_float4(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &ces_weighted_type), CX_SCORE_FLOAT4, -1);
}

PG_FUNCTION_INFO_V1(ces_wtrans_float8);
Datum
ces_wtrans_float8(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &ces_weighted_type), CX_SCORE_FLOAT8, 1);
}

PG_FUNCTION_INFO_V1(ces_winv_float8);
Datum
ces_winv_float8(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_wscaled_state(fcinfo, &ces_weighted_type), CX_SCORE_FLOAT8, -1);
}

/* Text input of ces_weighted_summary. */
PG_FUNCTION_INFO_V1(ces_weighted_summary_in);
Datum
ces_weighted_summary_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(cx_wsummary_parse(PG_GETARG_CSTRING(0), &ces_weighted_type));
}

/* Binary input of ces_weighted_summary, checked as strictly as text input. */
PG_FUNCTION_INFO_V1(ces_weighted_summary_recv);
Datum
ces_weighted_summary_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(cx_wsummary_receive((StringInfo) PG_GETARG_POINTER(0), &ces_weighted_type));
}

/* The net effort reading: +100 for easy answers, -100 for difficult ones. */
static CxWNet
ces_net(const CxWSummary *s)
{
	CesSides	sides = ces_sides(CX_WHEAD(s));
	CxWNet		net = {sides.easy_from, sides.easy_to, sides.difficult_from, sides.difficult_to};

	return net;
}

static Datum
ces_weighted_net_part(FunctionCallInfo fcinfo, CxWPart part)
{
	CxWSummary *s = PG_GETARG_CX_WSUMMARY_P(0);

	return cx_wsummary_net_read(fcinfo, s, ces_net(s), part);
}

/* Weighted net effort, -100..100; NULL when empty. */
PG_FUNCTION_INFO_V1(ces_weighted_net_effort);
Datum
ces_weighted_net_effort(PG_FUNCTION_ARGS)
{
	return ces_weighted_net_part(fcinfo, CX_W_ESTIMATE);
}

/* Its linearisation standard error in points; NULL below two responses. */
PG_FUNCTION_INFO_V1(ces_weighted_net_effort_stderr);
Datum
ces_weighted_net_effort_stderr(PG_FUNCTION_ARGS)
{
	return ces_weighted_net_part(fcinfo, CX_W_STDERR);
}

/* The lower bound of the Wald interval for net effort, clipped to -100. */
PG_FUNCTION_INFO_V1(ces_weighted_net_effort_lower);
Datum
ces_weighted_net_effort_lower(PG_FUNCTION_ARGS)
{
	return ces_weighted_net_part(fcinfo, CX_W_LOWER);
}

/* The upper bound of the Wald interval for net effort, clipped to 100. */
PG_FUNCTION_INFO_V1(ces_weighted_net_effort_upper);
Datum
ces_weighted_net_effort_upper(PG_FUNCTION_ARGS)
{
	return ces_weighted_net_part(fcinfo, CX_W_UPPER);
}

/* The weight of the easy (or the difficult) answers, or its share of the weight. */
static Datum
ces_weighted_side(FunctionCallInfo fcinfo, bool easy, bool share)
{
	CxWSummary *s = PG_GETARG_CX_WSUMMARY_P(0);
	CxWNet		net = ces_net(s);
	int			from = easy ? net.pos_from : net.neg_from,
				to = easy ? net.pos_to : net.neg_to;

	if (share)
		return cx_wsummary_share(fcinfo, s, from, to);
	PG_RETURN_FLOAT8(cx_wsummary_weight(s, from, to));
}

/* The weight of the easy answers. */
PG_FUNCTION_INFO_V1(ces_weighted_easy);
Datum
ces_weighted_easy(PG_FUNCTION_ARGS)
{
	return ces_weighted_side(fcinfo, true, false);
}

/* The weight of the difficult answers. */
PG_FUNCTION_INFO_V1(ces_weighted_difficult);
Datum
ces_weighted_difficult(PG_FUNCTION_ARGS)
{
	return ces_weighted_side(fcinfo, false, false);
}

/* The easy answers' share of the weight, 0..1; NULL when empty. */
PG_FUNCTION_INFO_V1(ces_weighted_easy_share);
Datum
ces_weighted_easy_share(PG_FUNCTION_ARGS)
{
	return ces_weighted_side(fcinfo, true, true);
}

/* The difficult answers' share of the weight, 0..1; NULL when empty. */
PG_FUNCTION_INFO_V1(ces_weighted_difficult_share);
Datum
ces_weighted_difficult_share(PG_FUNCTION_ARGS)
{
	return ces_weighted_side(fcinfo, false, true);
}

/* The JSON form's CES fields: direction, weighted mean, easy and difficult weights, net effort. */
static void
ces_weighted_json_fields(StringInfo buf, const CxSummary *head)
{
	const CxWSummary *s = (const CxWSummary *) head;
	CxWNet		net = ces_net(s);
	double		y[CX_MAX_POINTS];
	bool		empty = s->dist.counts.n == 0;

	appendStringInfo(buf, ", \"lower_is_better\": %s",
					 cx_summary_type(head)->lower_is_better ? "true" : "false");
	cx_wreading_mean(s, y);
	cx_json_number(buf, "ces", cx_wdist_estimate(&s->dist, s->npoints, y).mean, empty);
	cx_wjson_weight(buf, "easy", s, net.pos_from, net.pos_to);
	cx_wjson_weight(buf, "difficult", s, net.neg_from, net.neg_to);
	cx_wreading_net(s, net, y);
	cx_json_number(buf, "net_effort", cx_wdist_estimate(&s->dist, s->npoints, y).mean, empty);
}
