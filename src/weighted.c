/*
 * weighted.c
 *		Glue shared by the three weighted summary types: text and binary
 *		I/O, the transitions of the aggregates on the default scale, combine,
 *		the readers every weighted type has (weight total, Kish's effective
 *		sample size, the design effect, the weighted mean), the estimates of
 *		a reading, and the JSON form.
 *
 * As in cx_summary.c, the SQL-callable functions here serve every weighted
 * type: the header says the kind and the scale.  The metrics' own readings
 * are in nps_weighted.c, csat_weighted.c and ces_weighted.c.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "weighted.h"

/* ---------------------------------------------------------------------
 * Text form: the header of the unweighted form ("v1:LO..HI:", with
 * "lower_is_better:" where the type has a direction), then per score point
 * "count/sum_w/sum_w2", comma-separated: the count, the sum of the weights
 * and the sum of the squared weights, as exact decimals of at most 6 and 12
 * places ("3/2.5/2.25").
 * ---------------------------------------------------------------------
 */

/* An empty weighted summary of a type and scale. */
static CxWSummary *
cx_wsummary_new(const CxSummaryType *type, int npoints)
{
	CxWSummary *s = palloc0(CX_WSUMMARY_SIZE);

	SET_VARSIZE(s, CX_WSUMMARY_SIZE);
	s->version = CX_SUMMARY_VERSION;
	s->kind = type->kind;
	s->lo = type->lo;
	s->npoints = npoints;
	return s;
}

CxWSummary *
cx_wsummary_parse(const char *str, const CxSummaryType *type)
{
	const char *p;
	int			npoints = cx_summary_parse_header(str, &p, &type);
	CxWSummary *s = cx_wsummary_new(type, npoints);
	CxStatus	status;

	for (int i = 0; i < npoints; i++)
	{
		cx_u128		v[3];
		static const int digits[3] = {0, CX_WEIGHT_DIGITS, CX_WEIGHT2_DIGITS};
		static const char *const what[3] = {"count", "weight sum", "squared weight sum"};

		if (i > 0 && *p++ != ',')
			cx_summary_syntax_error(type, str, psprintf("Expected %d scores separated by commas.", npoints));
		for (int f = 0; f < 3; f++)
		{
			if (f > 0 && *p++ != '/')
				cx_summary_syntax_error(type, str, psprintf("Score %d must have a count, a weight sum and a squared weight sum separated by \"/\".",
															type->lo + i));
			status = cx_u128_parse(&p, digits[f], &v[f]);
			if (status == CX_BAD_WEIGHTS)
				cx_summary_syntax_error(type, str, psprintf("The %s of score %d is not a non-negative number with at most %d decimal places.",
															what[f], type->lo + i, digits[f]));
			if (status != CX_OK || (f == 0 && v[0] > (cx_u128) PG_INT64_MAX))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("%s of score %d is out of range", what[f], type->lo + i),
						 errdetail("In the %s value \"%s\": counts are at most 9223372036854775807, sums at most 2^128 - 1 millionths (squared).",
								   type->type_name, str)));
		}
		if (*p != ',' && *p != '\0' && !isspace((unsigned char) *p))
			cx_summary_syntax_error(type, str, psprintf("Score %d has more than a count, a weight sum and a squared weight sum.",
														type->lo + i));
		s->dist.counts.count[i] = (int64) v[0];
		cx_u128_set(&s->dist.sw[i], v[1]);
		cx_u128_set(&s->dist.sw2[i], v[2]);
	}
	while (isspace((unsigned char) *p))
		p++;
	if (*p != '\0')
		cx_summary_syntax_error(type, str, psprintf("Expected exactly %d scores and nothing after them.", npoints));

	status = cx_wdist_finish(&s->dist, npoints);
	if (status != CX_OK)
		cx_report_status(status, CX_WHEAD(s));
	return s;
}

/* Text output, canonical: the shortest exact decimals. */
PG_FUNCTION_INFO_V1(cx_wsummary_out);
Datum
cx_wsummary_out(PG_FUNCTION_ARGS)
{
	CxWSummary *s = PG_GETARG_CX_WSUMMARY_P(0);
	StringInfoData buf;
	char		num[CX_U128_TEXT_MAX];

	initStringInfo(&buf);
	cx_summary_out_header(&buf, CX_WHEAD(s));
	for (int i = 0; i < s->npoints; i++)
	{
		appendStringInfo(&buf, i ? "," INT64_FORMAT "/" : INT64_FORMAT "/", s->dist.counts.count[i]);
		cx_u128_format(cx_u128_get(&s->dist.sw[i]), CX_WEIGHT_DIGITS, num);
		appendStringInfoString(&buf, num);
		appendStringInfoChar(&buf, '/');
		cx_u128_format(cx_u128_get(&s->dist.sw2[i]), CX_WEIGHT2_DIGITS, num);
		appendStringInfoString(&buf, num);
	}
	PG_RETURN_CSTRING(buf.data);
}

/* ---------------------------------------------------------------------
 * Binary form: the unweighted header, then per score point the count
 * (int64) and the two sums in stored units, each as two int64 words, high
 * first: 40 bytes a point.
 * ---------------------------------------------------------------------
 */

static cx_u128
get_u128(StringInfo buf)
{
	uint64		hi = (uint64) pq_getmsgint64(buf);
	uint64		lo = (uint64) pq_getmsgint64(buf);

	return ((cx_u128) hi << 64) | lo;
}

static void
send_u128(StringInfo buf, const CxU128 *v)
{
	pq_sendint64(buf, (int64) v->word[1]);
	pq_sendint64(buf, (int64) v->word[0]);
}

CxWSummary *
cx_wsummary_receive(StringInfo buf, const CxSummaryType *type)
{
	int			npoints = cx_summary_receive_header(buf, &type);
	CxWSummary *s;
	CxStatus	status;

	if (buf->len - buf->cursor != npoints * 40)
		cx_summary_binary_error(type, psprintf("Expected %d scores of 40 bytes and nothing after them, found %d bytes.",
											   npoints, buf->len - buf->cursor));
	s = cx_wsummary_new(type, npoints);
	for (int i = 0; i < npoints; i++)
	{
		s->dist.counts.count[i] = pq_getmsgint64(buf);
		cx_u128_set(&s->dist.sw[i], get_u128(buf));
		cx_u128_set(&s->dist.sw2[i], get_u128(buf));
	}
	status = cx_wdist_finish(&s->dist, npoints);
	if (status == CX_NEGATIVE)
		cx_summary_binary_error(type, "A count is negative.");
	if (status != CX_OK)
		cx_report_status(status, CX_WHEAD(s));
	return s;
}

PG_FUNCTION_INFO_V1(cx_wsummary_send);
Datum
cx_wsummary_send(PG_FUNCTION_ARGS)
{
	CxWSummary *s = PG_GETARG_CX_WSUMMARY_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	cx_summary_send_header(&buf, CX_WHEAD(s));
	for (int i = 0; i < s->npoints; i++)
	{
		pq_sendint64(&buf, s->dist.counts.count[i]);
		send_u128(&buf, &s->dist.sw[i]);
		send_u128(&buf, &s->dist.sw2[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * Aggregate support
 * ---------------------------------------------------------------------
 */

void
cx_report_weight(const CxSummary *s, double weight)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s weight %s is out of range", cx_summary_type(s)->metric,
					float8out_internal(weight)),
			 errdetail("Weights are numbers above 0 and at most 1000000000 (1e9), kept to 6 decimal places; a weight must not round to 0 (be at least 0.0000005)."),
			 errhint("Pass NULL as the weight to leave a response out.")));
	pg_unreachable();
}

/*
 * The transitions of the aggregates on the default scale, whose state
 * starts as their INITCOND: one per score type, adding or removing.
 */

PG_FUNCTION_INFO_V1(cx_wtrans_int2);
Datum
cx_wtrans_int2(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_INT2, 1);
}

PG_FUNCTION_INFO_V1(cx_winv_int2);
Datum
cx_winv_int2(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_INT2, -1);
}

PG_FUNCTION_INFO_V1(cx_wtrans_int4);
Datum
cx_wtrans_int4(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_INT4, 1);
}

PG_FUNCTION_INFO_V1(cx_winv_int4);
Datum
cx_winv_int4(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_INT4, -1);
}

PG_FUNCTION_INFO_V1(cx_wtrans_int8);
Datum
cx_wtrans_int8(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_INT8, 1);
}

PG_FUNCTION_INFO_V1(cx_winv_int8);
Datum
cx_winv_int8(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_INT8, -1);
}

PG_FUNCTION_INFO_V1(cx_wtrans_numeric);
Datum
cx_wtrans_numeric(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_NUMERIC, 1);
}

PG_FUNCTION_INFO_V1(cx_winv_numeric);
Datum
cx_winv_numeric(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_NUMERIC, -1);
}

PG_FUNCTION_INFO_V1(cx_wtrans_float4);
Datum
cx_wtrans_float4(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_FLOAT4, 1);
}

PG_FUNCTION_INFO_V1(cx_winv_float4);
Datum
cx_winv_float4(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_FLOAT4, -1);
}

PG_FUNCTION_INFO_V1(cx_wtrans_float8);
Datum
cx_wtrans_float8(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_FLOAT8, 1);
}

PG_FUNCTION_INFO_V1(cx_winv_float8);
Datum
cx_winv_float8(PG_FUNCTION_ARGS)
{
	return cx_wscore_step(fcinfo, cx_state_arg(fcinfo), CX_SCORE_FLOAT8, -1);
}

/* Merges argument 1 into the state (or, to undo it, subtracts it). */
static Datum
cx_wsummary_merge_arg(FunctionCallInfo fcinfo, bool subtract)
{
	CxWSummary *s = cx_state_arg(fcinfo);
	CxWSummary *other = PG_GETARG_CX_WSUMMARY_P(1);
	CxStatus	status;

	cx_summary_check_compatible(CX_WHEAD(s), CX_WHEAD(other), "combine");
	status = subtract ? cx_wdist_subtract(&s->dist, &other->dist, s->npoints) :
		cx_wdist_merge(&s->dist, &other->dist, s->npoints);
	if (status != CX_OK)
		cx_report_status(status, CX_WHEAD(s));
	PG_RETURN_POINTER(s);
}

/* Merges the second weighted summary into the first: rollup() and every combine. */
PG_FUNCTION_INFO_V1(cx_wsummary_combine);
Datum
cx_wsummary_combine(PG_FUNCTION_ARGS)
{
	return cx_wsummary_merge_arg(fcinfo, false);
}

/* Inverse of cx_wsummary_combine, for rollup() over a moving frame. */
PG_FUNCTION_INFO_V1(cx_wsummary_uncombine);
Datum
cx_wsummary_uncombine(PG_FUNCTION_ARGS)
{
	return cx_wsummary_merge_arg(fcinfo, true);
}

/* ---------------------------------------------------------------------
 * Estimates of readings
 * ---------------------------------------------------------------------
 */

Datum
cx_wsummary_read(FunctionCallInfo fcinfo, const CxWSummary *s, const double *y,
				 CxWPart part, int conf_arg, double lo, double hi)
{
	double		z = (part == CX_W_LOWER || part == CX_W_UPPER) ?
		cx_confidence_z(PG_GETARG_FLOAT8(conf_arg)) : 0.0;
	CxWEstimate e;
	CxInterval	ci;

	if (s->dist.counts.n == 0)
		PG_RETURN_NULL();
	e = cx_wdist_estimate(&s->dist, s->npoints, y);
	if (part == CX_W_ESTIMATE)
		PG_RETURN_FLOAT8(e.mean);
	if (isnan(e.se))
		PG_RETURN_NULL();
	if (part == CX_W_STDERR)
		PG_RETURN_FLOAT8(e.se);
	ci = cx_clipped_interval(e.mean, e.se, z, lo, hi);
	PG_RETURN_FLOAT8(part == CX_W_LOWER ? ci.lower : ci.upper);
}

Datum
cx_wsummary_test(FunctionCallInfo fcinfo, const CxWSummary *a, const double *ya,
				 const CxWSummary *b, const double *yb)
{
	double		z_conf = cx_confidence_z(PG_GETARG_FLOAT8(2));
	CxWEstimate ea,
				eb;
	CxTest		t;

	if (a->dist.counts.n == 0 || b->dist.counts.n == 0)
		return cx_test_result(fcinfo, NULL);
	ea = cx_wdist_estimate(&a->dist, a->npoints, ya);
	eb = cx_wdist_estimate(&b->dist, b->npoints, yb);
	t = cx_two_sample_test(ea.mean, ea.se, eb.mean, eb.se, z_conf);
	return cx_test_result(fcinfo, &t);
}

double
cx_wsummary_weight(const CxWSummary *s, int from, int to)
{
	return cx_weight_value(cx_wdist_weight(&s->dist, s->npoints, from, to));
}

Datum
cx_wsummary_share(FunctionCallInfo fcinfo, const CxWSummary *s, int from, int to)
{
	if (s->dist.counts.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) cx_wdist_weight(&s->dist, s->npoints, from, to) /
					 (double) cx_wdist_weight(&s->dist, s->npoints, 0, s->npoints - 1));
}

void
cx_wreading_net(const CxWSummary *s, CxWNet net, double *y)
{
	for (int i = 0; i < s->npoints; i++)
		y[i] = (i >= net.pos_from && i <= net.pos_to) ? 100.0 :
			(i >= net.neg_from && i <= net.neg_to) ? -100.0 : 0.0;
}

Datum
cx_wsummary_net_read(FunctionCallInfo fcinfo, const CxWSummary *s, CxWNet net, CxWPart part)
{
	double		y[CX_MAX_POINTS];

	cx_wreading_net(s, net, y);
	return cx_wsummary_read(fcinfo, s, y, part, 1, -100.0, 100.0);
}

/* ---------------------------------------------------------------------
 * Readers every weighted type has
 * ---------------------------------------------------------------------
 */

/* The sum of the weights, in weight units (0 when empty). */
PG_FUNCTION_INFO_V1(cx_wsummary_weight_total);
Datum
cx_wsummary_weight_total(PG_FUNCTION_ARGS)
{
	CxWSummary *s = PG_GETARG_CX_WSUMMARY_P(0);

	PG_RETURN_FLOAT8(cx_wsummary_weight(s, 0, s->npoints - 1));
}

/* The sums of the weights per score as float8[], subscripted by the score. */
PG_FUNCTION_INFO_V1(cx_wsummary_weight_distribution);
Datum
cx_wsummary_weight_distribution(PG_FUNCTION_ARGS)
{
	CxWSummary *s = PG_GETARG_CX_WSUMMARY_P(0);
	Datum		elems[CX_MAX_POINTS];
	int			dims[1] = {s->npoints};
	int			lbs[1] = {s->lo};

	for (int i = 0; i < s->npoints; i++)
		elems[i] = Float8GetDatum(cx_wsummary_weight(s, i, i));
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, NULL, 1, dims, lbs, FLOAT8OID,
											 sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* Any reading serves n_eff, which depends on the weights alone. */
static CxWEstimate
cx_wsummary_totals(const CxWSummary *s)
{
	static const double zeros[CX_MAX_POINTS];

	return cx_wdist_estimate(&s->dist, s->npoints, zeros);
}

/* Kish's effective sample size, (sum w)^2 / sum w^2; NULL when empty. */
PG_FUNCTION_INFO_V1(cx_wsummary_effective_responses);
Datum
cx_wsummary_effective_responses(PG_FUNCTION_ARGS)
{
	CxWSummary *s = PG_GETARG_CX_WSUMMARY_P(0);

	if (s->dist.counts.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cx_wsummary_totals(s).n_eff);
}

/* Kish's design effect of the weighting, n / n_eff; NULL when empty. */
PG_FUNCTION_INFO_V1(cx_wsummary_design_effect);
Datum
cx_wsummary_design_effect(PG_FUNCTION_ARGS)
{
	CxWSummary *s = PG_GETARG_CX_WSUMMARY_P(0);
	CxWEstimate e;

	if (s->dist.counts.n == 0)
		PG_RETURN_NULL();
	e = cx_wsummary_totals(s);
	PG_RETURN_FLOAT8(e.n / e.n_eff);
}

void
cx_wreading_mean(const CxWSummary *s, double *y)
{
	for (int i = 0; i < s->npoints; i++)
		y[i] = s->lo + i;
}

static Datum
cx_wmean_part(FunctionCallInfo fcinfo, CxWPart part)
{
	CxWSummary *s = PG_GETARG_CX_WSUMMARY_P(0);
	double		y[CX_MAX_POINTS];

	cx_wreading_mean(s, y);
	return cx_wsummary_read(fcinfo, s, y, part, 1, s->lo, CX_SUMMARY_HI(s));
}

/* The weighted mean score; NULL when empty.  Also ces() of a weighted CES summary. */
PG_FUNCTION_INFO_V1(cx_wsummary_mean);
Datum
cx_wsummary_mean(PG_FUNCTION_ARGS)
{
	return cx_wmean_part(fcinfo, CX_W_ESTIMATE);
}

/* Its linearisation standard error; NULL below two responses. */
PG_FUNCTION_INFO_V1(cx_wsummary_mean_stderr);
Datum
cx_wsummary_mean_stderr(PG_FUNCTION_ARGS)
{
	return cx_wmean_part(fcinfo, CX_W_STDERR);
}

/* The lower bound of its normal interval, clipped to the scale. */
PG_FUNCTION_INFO_V1(cx_wsummary_mean_lower);
Datum
cx_wsummary_mean_lower(PG_FUNCTION_ARGS)
{
	return cx_wmean_part(fcinfo, CX_W_LOWER);
}

/* The upper bound of its normal interval, clipped to the scale. */
PG_FUNCTION_INFO_V1(cx_wsummary_mean_upper);
Datum
cx_wsummary_mean_upper(PG_FUNCTION_ARGS)
{
	return cx_wmean_part(fcinfo, CX_W_UPPER);
}

/* Two-sample z-test of the weighted means, b against a, on one scale. */
PG_FUNCTION_INFO_V1(cx_wsummary_mean_test);
Datum
cx_wsummary_mean_test(PG_FUNCTION_ARGS)
{
	CxWSummary *a = PG_GETARG_CX_WSUMMARY_P(0);
	CxWSummary *b = PG_GETARG_CX_WSUMMARY_P(1);
	double		ya[CX_MAX_POINTS],
				yb[CX_MAX_POINTS];

	cx_summary_check_compatible(CX_WHEAD(a), CX_WHEAD(b), "compare");
	cx_wreading_mean(a, ya);
	cx_wreading_mean(b, yb);
	return cx_wsummary_test(fcinfo, a, ya, b, yb);
}

/* ---------------------------------------------------------------------
 * JSON form: {"scale": [lo, hi], "n": N, "counts": [...], "weights":
 * [...], "weights_squared": [...], "weight_total": W,
 * "effective_responses": E, metric fields}; the sums as exact decimals.
 * ---------------------------------------------------------------------
 */

void
cx_wjson_weight(StringInfo buf, const char *key, const CxWSummary *s, int from, int to)
{
	char		num[CX_U128_TEXT_MAX];

	cx_u128_format(cx_wdist_weight(&s->dist, s->npoints, from, to), CX_WEIGHT_DIGITS, num);
	appendStringInfo(buf, ", \"%s\": %s", key, num);
}

static Datum
cx_wsummary_to_json(const CxWSummary *s, bool binary)
{
	StringInfoData buf;
	char		num[CX_U128_TEXT_MAX];

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"scale\": [%d, %d], \"n\": " INT64_FORMAT ", \"counts\": [",
					 s->lo, CX_SUMMARY_HI(s), s->dist.counts.n);
	for (int i = 0; i < s->npoints; i++)
		appendStringInfo(&buf, i ? ", " INT64_FORMAT : INT64_FORMAT, s->dist.counts.count[i]);
	appendStringInfoString(&buf, "], \"weights\": [");
	for (int i = 0; i < s->npoints; i++)
	{
		cx_u128_format(cx_u128_get(&s->dist.sw[i]), CX_WEIGHT_DIGITS, num);
		appendStringInfo(&buf, i ? ", %s" : "%s", num);
	}
	appendStringInfoString(&buf, "], \"weights_squared\": [");
	for (int i = 0; i < s->npoints; i++)
	{
		cx_u128_format(cx_u128_get(&s->dist.sw2[i]), CX_WEIGHT2_DIGITS, num);
		appendStringInfo(&buf, i ? ", %s" : "%s", num);
	}
	appendStringInfoChar(&buf, ']');
	cx_wjson_weight(&buf, "weight_total", s, 0, s->npoints - 1);
	cx_json_number(&buf, "effective_responses", cx_wsummary_totals(s).n_eff, s->dist.counts.n == 0);
	cx_summary_type(CX_WHEAD(s))->json_fields(&buf, CX_WHEAD(s));
	appendStringInfoChar(&buf, '}');
	if (binary)
		return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
	return DirectFunctionCall1(json_in, CStringGetDatum(buf.data));
}

/* The cast to json. */
PG_FUNCTION_INFO_V1(cx_wsummary_json);
Datum
cx_wsummary_json(PG_FUNCTION_ARGS)
{
	return cx_wsummary_to_json(PG_GETARG_CX_WSUMMARY_P(0), false);
}

/* The cast to jsonb. */
PG_FUNCTION_INFO_V1(cx_wsummary_jsonb);
Datum
cx_wsummary_jsonb(PG_FUNCTION_ARGS)
{
	return cx_wsummary_to_json(PG_GETARG_CX_WSUMMARY_P(0), true);
}
