/*
 * nps_weighted.c
 *		nps_weighted_summary: the weighted Net Promoter Score.
 *
 * A response's weight counts it w times: NPS = 100 * (W_promoters -
 * W_detractors) / W, the weighted mean of +100 / 0 / -100, with its
 * linearisation standard error (weighted.h, cx_weighted.h).  The
 * "promoters" of a weighted summary are the sum of the promoters' weights.
 */
#include "postgres.h"

#include "weighted.h"

/* The kind byte of every stored nps_weighted_summary: fixed for good (cx_summary.h). */
#define NPS_WEIGHTED_KIND 5

static void nps_weighted_json_fields(StringInfo buf, const CxSummary *s);

static const CxSummaryType nps_weighted_type = {NPS_WEIGHTED_KIND, "nps_weighted_summary", "NPS", 0, 11, 11,
	false, NULL, nps_weighted_json_fields, CX_WEIGHTED_POINT_TEXT};

/* Makes nps_weighted_summary known to the shared glue when the library is loaded. */
CX_AT_LOAD static void
nps_weighted_register(void)
{
	cx_summary_type_register(&nps_weighted_type);
}

/* Text input of nps_weighted_summary. */
PG_FUNCTION_INFO_V1(nps_weighted_summary_in);
Datum
nps_weighted_summary_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(cx_wsummary_parse(PG_GETARG_CSTRING(0), &nps_weighted_type));
}

/* Binary input of nps_weighted_summary, checked as strictly as text input. */
PG_FUNCTION_INFO_V1(nps_weighted_summary_recv);
Datum
nps_weighted_summary_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(cx_wsummary_receive((StringInfo) PG_GETARG_POINTER(0), &nps_weighted_type));
}

/* The NPS reading: +100 for promoters, -100 for detractors. */
static const CxWNet nps_net = {NPS_PROMOTER_MIN, 10, 0, NPS_DETRACTOR_MAX};

static Datum
nps_weighted_part(FunctionCallInfo fcinfo, CxWPart part)
{
	return cx_wsummary_net_read(fcinfo, PG_GETARG_CX_WSUMMARY_P(0), nps_net, part);
}

/* Weighted NPS, -100..100; NULL when empty.  Also the final function of nps_weighted(). */
PG_FUNCTION_INFO_V1(nps_weighted_value);
Datum
nps_weighted_value(PG_FUNCTION_ARGS)
{
	return nps_weighted_part(fcinfo, CX_W_ESTIMATE);
}

/* Its linearisation standard error in NPS points; NULL below two responses. */
PG_FUNCTION_INFO_V1(nps_weighted_stderr);
Datum
nps_weighted_stderr(PG_FUNCTION_ARGS)
{
	return nps_weighted_part(fcinfo, CX_W_STDERR);
}

/* The lower bound of the Wald interval, clipped to -100. */
PG_FUNCTION_INFO_V1(nps_weighted_lower);
Datum
nps_weighted_lower(PG_FUNCTION_ARGS)
{
	return nps_weighted_part(fcinfo, CX_W_LOWER);
}

/* The upper bound of the Wald interval, clipped to 100. */
PG_FUNCTION_INFO_V1(nps_weighted_upper);
Datum
nps_weighted_upper(PG_FUNCTION_ARGS)
{
	return nps_weighted_part(fcinfo, CX_W_UPPER);
}

/* Two-sample z-test of weighted NPS b against a, independent samples. */
PG_FUNCTION_INFO_V1(nps_weighted_test);
Datum
nps_weighted_test(PG_FUNCTION_ARGS)
{
	CxWSummary *a = PG_GETARG_CX_WSUMMARY_P(0);
	CxWSummary *b = PG_GETARG_CX_WSUMMARY_P(1);
	double		ya[CX_MAX_POINTS],
				yb[CX_MAX_POINTS];

	cx_wreading_net(a, nps_net, ya);
	cx_wreading_net(b, nps_net, yb);
	return cx_wsummary_test(fcinfo, a, ya, b, yb);
}

/* The weight of the promoters (scores 9-10). */
PG_FUNCTION_INFO_V1(nps_weighted_promoters);
Datum
nps_weighted_promoters(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(cx_wsummary_weight(PG_GETARG_CX_WSUMMARY_P(0), NPS_PROMOTER_MIN, 10));
}

/* The weight of the passives (scores 7-8). */
PG_FUNCTION_INFO_V1(nps_weighted_passives);
Datum
nps_weighted_passives(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(cx_wsummary_weight(PG_GETARG_CX_WSUMMARY_P(0), NPS_DETRACTOR_MAX + 1, NPS_PROMOTER_MIN - 1));
}

/* The weight of the detractors (scores 0-6). */
PG_FUNCTION_INFO_V1(nps_weighted_detractors);
Datum
nps_weighted_detractors(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(cx_wsummary_weight(PG_GETARG_CX_WSUMMARY_P(0), 0, NPS_DETRACTOR_MAX));
}

/* The promoters' share of the weight, 0..1; NULL when empty. */
PG_FUNCTION_INFO_V1(nps_weighted_promoter_share);
Datum
nps_weighted_promoter_share(PG_FUNCTION_ARGS)
{
	return cx_wsummary_share(fcinfo, PG_GETARG_CX_WSUMMARY_P(0), NPS_PROMOTER_MIN, 10);
}

/* The passives' share of the weight, 0..1; NULL when empty. */
PG_FUNCTION_INFO_V1(nps_weighted_passive_share);
Datum
nps_weighted_passive_share(PG_FUNCTION_ARGS)
{
	return cx_wsummary_share(fcinfo, PG_GETARG_CX_WSUMMARY_P(0), NPS_DETRACTOR_MAX + 1, NPS_PROMOTER_MIN - 1);
}

/* The detractors' share of the weight, 0..1; NULL when empty. */
PG_FUNCTION_INFO_V1(nps_weighted_detractor_share);
Datum
nps_weighted_detractor_share(PG_FUNCTION_ARGS)
{
	return cx_wsummary_share(fcinfo, PG_GETARG_CX_WSUMMARY_P(0), 0, NPS_DETRACTOR_MAX);
}

/* The JSON form's NPS fields: the weighted NPS and the groups' weights. */
static void
nps_weighted_json_fields(StringInfo buf, const CxSummary *head)
{
	const CxWSummary *s = (const CxWSummary *) head;
	double		y[CX_MAX_POINTS];

	cx_wreading_net(s, nps_net, y);
	cx_json_number(buf, "nps", cx_wdist_estimate(&s->dist, s->npoints, y).mean, s->dist.counts.n == 0);
	cx_wjson_weight(buf, "promoters", s, NPS_PROMOTER_MIN, 10);
	cx_wjson_weight(buf, "passives", s, NPS_DETRACTOR_MAX + 1, NPS_PROMOTER_MIN - 1);
	cx_wjson_weight(buf, "detractors", s, 0, NPS_DETRACTOR_MAX);
}
