/*
 * nps.c
 *		nps_summary: Net Promoter Score on the 0..10 scale.
 *
 * Promoters score 9-10, passives 7-8, detractors 0-6, and
 * NPS = 100 * (promoters - detractors) / responses, in [-100, 100].
 * The statistics are in the pure-C core; this file reads an nps_summary
 * into them and back out to SQL.
 */
#include "postgres.h"

#include <math.h>

#include "utils/builtins.h"

#include "cx_summary.h"

/* The kind byte of every stored nps_summary: fixed for good (cx_summary.h). */
#define NPS_KIND 1

static void cx_nps_json_fields(StringInfo buf, const CxSummary *s);

/* nps_summary: the 0..10 scale only. */
static const CxSummaryType cx_nps_type = {NPS_KIND, "nps_summary", "NPS", 0, 11, 11, false, NULL, cx_nps_json_fields, NULL};

/* Makes nps_summary known to the shared glue when the library is loaded. */
CX_AT_LOAD static void
nps_register(void)
{
	cx_summary_type_register(&cx_nps_type);
}

/* Promoters, passives and detractors under the given cutoffs. */
typedef struct NpsCounts
{
	int64		promoters;
	int64		passives;
	int64		detractors;
} NpsCounts;

static NpsCounts
nps_counts(const CxSummary *s, int promoter_min, int detractor_max)
{
	NpsCounts	c;

	c.promoters = cx_dist_range(&s->dist, s->npoints, promoter_min, 10);
	c.detractors = cx_dist_range(&s->dist, s->npoints, 0, detractor_max);
	c.passives = s->dist.n - c.promoters - c.detractors;
	return c;
}

static CxNet
nps_estimate(const CxSummary *s)
{
	NpsCounts	c = nps_counts(s, NPS_PROMOTER_MIN, NPS_DETRACTOR_MAX);

	return cx_net_estimate(c.promoters, c.passives, c.detractors);
}

/* Text input of nps_summary. */
PG_FUNCTION_INFO_V1(nps_summary_in);
Datum
nps_summary_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_CX_SUMMARY_P(cx_summary_parse(PG_GETARG_CSTRING(0), &cx_nps_type));
}

/* Binary input of nps_summary, checked as strictly as text input. */
PG_FUNCTION_INFO_V1(nps_summary_recv);
Datum
nps_summary_recv(PG_FUNCTION_ARGS)
{
	PG_RETURN_CX_SUMMARY_P(cx_summary_receive((StringInfo) PG_GETARG_POINTER(0), &cx_nps_type));
}

/* nps_summary(counts bigint[]): the summary with these counts, the inverse of distribution(). */
PG_FUNCTION_INFO_V1(nps_summary_from_counts);
Datum
nps_summary_from_counts(PG_FUNCTION_ARGS)
{
	PG_RETURN_CX_SUMMARY_P(cx_summary_from_counts(PG_GETARG_ARRAYTYPE_P(0), &cx_nps_type));
}

/* The cast from jsonb: exactly what s::jsonb gives, checked. */
PG_FUNCTION_INFO_V1(nps_summary_from_jsonb);
Datum
nps_summary_from_jsonb(PG_FUNCTION_ARGS)
{
	return cx_summary_from_jsonb_datum(fcinfo, &cx_nps_type);
}

/* The cast from json, as from jsonb. */
PG_FUNCTION_INFO_V1(nps_summary_from_json);
Datum
nps_summary_from_json(PG_FUNCTION_ARGS)
{
	return cx_summary_from_json_datum(fcinfo, &cx_nps_type);
}

/* NPS, -100..100; NULL for an empty summary.  Also the final function of nps(score). */
PG_FUNCTION_INFO_V1(nps_value);
Datum
nps_value(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);

	NpsCounts	c;

	if (s->dist.n == 0)
		PG_RETURN_NULL();
	c = nps_counts(s, NPS_PROMOTER_MIN, NPS_DETRACTOR_MAX);
	PG_RETURN_FLOAT8(cx_net_point(c.promoters, c.detractors, s->dist.n));
}

/* NPS with other cutoffs, e.g. promoters from 8 for a lenient reading. */
PG_FUNCTION_INFO_V1(nps_value_cutoffs);
Datum
nps_value_cutoffs(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);
	int32		promoter_min = PG_GETARG_INT32(1);
	int32		detractor_max = PG_GETARG_INT32(2);
	NpsCounts	c;

	if (detractor_max < 0 || promoter_min > 10 || detractor_max >= promoter_min)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("NPS cutoffs promoter_min = %d and detractor_max = %d are not valid",
						promoter_min, detractor_max),
				 errdetail("They must satisfy 0 <= detractor_max < promoter_min <= 10; the standard cutoffs are 9 and 6.")));
	if (s->dist.n == 0)
		PG_RETURN_NULL();
	c = nps_counts(s, promoter_min, detractor_max);
	PG_RETURN_FLOAT8(cx_net_point(c.promoters, c.detractors, s->dist.n));
}

/* Which group of respondents an accessor counts. */
typedef enum NpsGroup
{
	NPS_PROMOTERS,
	NPS_PASSIVES,
	NPS_DETRACTORS
} NpsGroup;

static int64
nps_group_count(const CxSummary *s, NpsGroup group)
{
	NpsCounts	c = nps_counts(s, NPS_PROMOTER_MIN, NPS_DETRACTOR_MAX);

	return group == NPS_PROMOTERS ? c.promoters :
		group == NPS_PASSIVES ? c.passives : c.detractors;
}

/* The number of promoters (scores 9-10). */
PG_FUNCTION_INFO_V1(nps_promoters);
Datum
nps_promoters(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(nps_group_count(PG_GETARG_CX_SUMMARY_P(0), NPS_PROMOTERS));
}

/* The number of passives (scores 7-8). */
PG_FUNCTION_INFO_V1(nps_passives);
Datum
nps_passives(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(nps_group_count(PG_GETARG_CX_SUMMARY_P(0), NPS_PASSIVES));
}

/* The number of detractors (scores 0-6). */
PG_FUNCTION_INFO_V1(nps_detractors);
Datum
nps_detractors(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(nps_group_count(PG_GETARG_CX_SUMMARY_P(0), NPS_DETRACTORS));
}

/* A group's share of the responses, 0..1; NULL for an empty summary. */
static Datum
nps_group_share(FunctionCallInfo fcinfo, NpsGroup group)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);

	if (s->dist.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) nps_group_count(s, group) / (double) s->dist.n);
}

/* The share of promoters, 0..1. */
PG_FUNCTION_INFO_V1(nps_promoter_share);
Datum
nps_promoter_share(PG_FUNCTION_ARGS)
{
	return nps_group_share(fcinfo, NPS_PROMOTERS);
}

/* The share of passives, 0..1. */
PG_FUNCTION_INFO_V1(nps_passive_share);
Datum
nps_passive_share(PG_FUNCTION_ARGS)
{
	return nps_group_share(fcinfo, NPS_PASSIVES);
}

/* The share of detractors, 0..1. */
PG_FUNCTION_INFO_V1(nps_detractor_share);
Datum
nps_detractor_share(PG_FUNCTION_ARGS)
{
	return nps_group_share(fcinfo, NPS_DETRACTORS);
}

/* The standard error of NPS, in NPS points; NULL for an empty summary. */
PG_FUNCTION_INFO_V1(nps_stderr);
Datum
nps_stderr(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);

	if (s->dist.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(nps_estimate(s).se);
}

/* Parses the method argument of nps_lower / nps_upper. */
static CxNetMethod
nps_method(text *method)
{
	char	   *m = text_to_cstring(method);

	if (strcmp(m, "adjusted_wald") == 0)
		return CX_NET_ADJUSTED_WALD;
	if (strcmp(m, "wald") == 0)
		return CX_NET_WALD;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown NPS interval method \"%s\"", m),
			 errdetail("The methods are \"adjusted_wald\" (the default) and \"wald\".")));
	pg_unreachable();
}

/*
 * The interval nps_lower / nps_upper ask for; false for an empty summary.
 * The arguments are checked either way, so a typo never hides behind NULL.
 */
static bool
nps_interval_args(FunctionCallInfo fcinfo, CxInterval *ci)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);
	double		z = cx_confidence_z(PG_GETARG_FLOAT8(1));
	CxNetMethod method = nps_method(PG_GETARG_TEXT_PP(2));
	NpsCounts	c;

	if (s->dist.n == 0)
		return false;
	c = nps_counts(s, NPS_PROMOTER_MIN, NPS_DETRACTOR_MAX);
	*ci = cx_net_interval(c.promoters, c.passives, c.detractors, z, method);
	return true;
}

/* The lower bound of the NPS confidence interval; NULL for an empty summary. */
PG_FUNCTION_INFO_V1(nps_lower);
Datum
nps_lower(PG_FUNCTION_ARGS)
{
	CxInterval	ci;

	if (!nps_interval_args(fcinfo, &ci))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ci.lower);
}

/* The upper bound of the NPS confidence interval; NULL for an empty summary. */
PG_FUNCTION_INFO_V1(nps_upper);
Datum
nps_upper(PG_FUNCTION_ARGS)
{
	CxInterval	ci;

	if (!nps_interval_args(fcinfo, &ci))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(ci.upper);
}

static bool
nps_point_se(const CxSummary *s, double *est, double *se)
{
	CxNet		e;

	if (s->dist.n == 0)
		return false;
	e = nps_estimate(s);
	*est = e.net;
	*se = e.se;
	return true;
}

/*
 * Two-sample z-test of b against a: (delta, stderr, z, p_value, lower,
 * upper), delta = NPS(b) - NPS(a).  Fields that cannot be computed (an empty
 * sample, or zero variance in both) are NULL.
 */
PG_FUNCTION_INFO_V1(nps_test);
Datum
nps_test(PG_FUNCTION_ARGS)
{
	return cx_summary_test(fcinfo, nps_point_se, false);
}

/* The JSON form's NPS fields, after the counts. */
static void
cx_nps_json_fields(StringInfo buf, const CxSummary *s)
{
	NpsCounts	c = nps_counts(s, NPS_PROMOTER_MIN, NPS_DETRACTOR_MAX);

	cx_json_number(buf, "nps", nps_estimate(s).net, s->dist.n == 0);
	appendStringInfo(buf, ", \"promoters\": " INT64_FORMAT ", \"passives\": " INT64_FORMAT
					 ", \"detractors\": " INT64_FORMAT,
					 c.promoters, c.passives, c.detractors);
}

/*
 * The per-response variance nps_margin and nps_sample_size plan with:
 * from the shares (arguments 2 and 3) when the call has them, else the
 * worst case, 1.  Shares that add up to more than 1 beyond rounding (the
 * shares of a summary with no passives may, by an ulp) are refused.
 */
static double
nps_plan_variance(FunctionCallInfo fcinfo)
{
	double		p,
				d;

	if (PG_NARGS() < 4)
		return 1.0;
	p = cx_plan_share(PG_GETARG_FLOAT8(2), "promoter_share");
	d = cx_plan_share(PG_GETARG_FLOAT8(3), "detractor_share");
	if (p + d > 1.0 + 1e-12)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("promoter_share %g and detractor_share %g add up to more than 1", p, d),
				 errdetail("The passives' share is what is left: 1 - promoter_share - detractor_share.")));
	return cx_net_variance(p, d);
}

/*
 * The margin of error of NPS in points for n responses: the half-width of
 * the Wald interval, 100 * z * sqrt(var / n); the worst case (var = 1)
 * without shares.  Equal to nps(s) - nps_lower(s, c, 'wald') for a summary
 * of those shares, wherever the bound is not clipped at -100.
 */
PG_FUNCTION_INFO_V1(nps_margin);
Datum
nps_margin(PG_FUNCTION_ARGS)
{
	int64		n = cx_plan_responses(PG_GETARG_INT64(0));
	double		z = cx_confidence_z(PG_GETARG_FLOAT8(1));

	PG_RETURN_FLOAT8(cx_wald_margin(nps_plan_variance(fcinfo), (double) n, z));
}

/* The responses needed for a margin of error of NPS: the smallest n whose nps_margin is within it. */
PG_FUNCTION_INFO_V1(nps_sample_size);
Datum
nps_sample_size(PG_FUNCTION_ARGS)
{
	double		margin = cx_plan_margin(PG_GETARG_FLOAT8(0));
	double		z = cx_confidence_z(PG_GETARG_FLOAT8(1));

	return cx_plan_sample_size(nps_plan_variance(fcinfo), margin, z);
}
