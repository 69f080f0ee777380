/*
 * cx_summary.c
 *		Glue shared by every summary type: text and binary I/O, equality and
 *		hashing, aggregate transition / inverse / combine functions, and the
 *		JSON form.
 *
 * The SQL-callable functions here take any summary type: the summary's
 * header says its kind and scale, so nps_summary, csat_summary and
 * ces_summary declare their support functions with these same C symbols.
 * Only what creates a summary from outside data (text and binary input)
 * needs to be told which type it is building; see nps.c.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "libpq/pqformat.h"
#include "nodes/execnodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "cx_summary.h"

CX_MODULE_MAGIC;

/* The type of a stored summary, from its kind. */
static const CxSummaryType *
cx_summary_type(const CxSummary *s)
{
	switch ((CxKind) s->kind)
	{
		case CX_KIND_NPS:
			return &cx_nps_type;
	}
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
static void pg_attribute_noreturn()
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

/* ---------------------------------------------------------------------
 * Text form: "v1:LO..HI:C1,C2,...,Cn", one count per score point.
 * ---------------------------------------------------------------------
 */

/* Reads a non-negative decimal integer; false if none or out of range. */
static bool
parse_count(const char **p, int64 *out, bool *overflow)
{
	const char *c = *p;
	int64		v = 0;

	*overflow = false;
	if (!isdigit((unsigned char) *c))
		return false;
	while (isdigit((unsigned char) *c))
	{
		if (__builtin_mul_overflow(v, 10, &v) ||
			__builtin_add_overflow(v, *c - '0', &v))
			*overflow = true;
		c++;
	}
	*out = v;
	*p = c;
	return true;
}

/* Reads an optionally negative small integer (a scale bound). */
static bool
parse_bound(const char **p, int *out)
{
	bool		neg = (**p == '-');
	const char *c = *p + (neg ? 1 : 0);
	int64		v;
	bool		overflow;

	if (!parse_count(&c, &v, &overflow) || overflow || v > 1000000)
		return false;
	*out = neg ? -(int) v : (int) v;
	*p = c;
	return true;
}

static void pg_attribute_noreturn()
syntax_error(const CxSummaryType *type, const char *str, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", type->type_name, str),
			 errdetail("%s", detail),
			 errhint("The text form is \"v%d:%d..%d:\" followed by one count per score, separated by commas.",
					 CX_SUMMARY_VERSION, type->lo, type->lo + type->max_points - 1)));
	pg_unreachable();
}

CxSummary *
cx_summary_parse(const char *str, const CxSummaryType *type)
{
	const char *p = str;
	int64		version;
	int			lo,
				hi,
				npoints;
	bool		overflow;
	CxSummary  *s;
	CxStatus	status;

	while (isspace((unsigned char) *p))
		p++;
	if (*p++ != 'v' || !parse_count(&p, &version, &overflow) || *p++ != ':')
		syntax_error(type, str, "It must start with a format version such as \"v1:\".");
	if (overflow || version != CX_SUMMARY_VERSION)
		syntax_error(type, str, psprintf("Only format version %d is supported.", CX_SUMMARY_VERSION));
	if (!parse_bound(&p, &lo) || strncmp(p, "..", 2) != 0)
		syntax_error(type, str, "The version must be followed by a scale such as \"0..10:\".");
	p += 2;
	if (!parse_bound(&p, &hi) || *p++ != ':')
		syntax_error(type, str, "The version must be followed by a scale such as \"0..10:\".");
	npoints = hi - lo + 1;
	if (lo != type->lo || npoints < type->min_points || npoints > type->max_points)
	{
		if (type->min_points == type->max_points)
			syntax_error(type, str, psprintf("The scale of %s is %d..%d.", type->type_name,
											 type->lo, type->lo + type->max_points - 1));
		syntax_error(type, str, psprintf("The scale of %s is %d..k, with k from %d to %d.",
										 type->type_name, type->lo,
										 type->lo + type->min_points - 1,
										 type->lo + type->max_points - 1));
	}

	s = cx_summary_new(type, npoints);
	for (int i = 0; i < npoints; i++)
	{
		if (i > 0 && *p++ != ',')
			syntax_error(type, str, psprintf("Expected %d counts separated by commas.", npoints));
		if (!parse_count(&p, &s->dist.count[i], &overflow) ||
			(*p != ',' && *p != '\0' && !isspace((unsigned char) *p)))
			syntax_error(type, str, psprintf("Count %d of %d is not a non-negative whole number.", i + 1, npoints));
		if (overflow)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("count for score %d is out of range for type bigint", lo + i),
					 errdetail("In the %s value \"%s\".", type->type_name, str)));
	}
	while (isspace((unsigned char) *p))
		p++;
	if (*p != '\0')
		syntax_error(type, str, psprintf("Expected exactly %d counts and nothing after them.", npoints));

	status = cx_dist_finish(&s->dist, npoints);
	if (status != CX_OK)
		cx_report_status(status, s);
	return s;
}

/* Text output, the canonical form: also the wire format Citus ships. */
PG_FUNCTION_INFO_V1(cx_summary_out);
Datum
cx_summary_out(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d:%d..%d:", CX_SUMMARY_VERSION, s->lo, CX_SUMMARY_HI(s));
	for (int i = 0; i < s->npoints; i++)
		appendStringInfo(&buf, i ? "," INT64_FORMAT : INT64_FORMAT, s->dist.count[i]);
	PG_RETURN_CSTRING(buf.data);
}

/* ---------------------------------------------------------------------
 * Binary form: version byte, lo, npoints, then npoints int64 counts.
 * ---------------------------------------------------------------------
 */

static void pg_attribute_noreturn()
binary_error(const CxSummaryType *type, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary data for type %s", type->type_name),
			 errdetail("%s", detail)));
	pg_unreachable();
}

CxSummary *
cx_summary_receive(StringInfo buf, const CxSummaryType *type)
{
	int			version,
				lo,
				npoints;
	CxSummary  *s;
	CxStatus	status;

	if (buf->len - buf->cursor < 3)
		binary_error(type, "The header is truncated.");
	version = pq_getmsgbyte(buf);
	if (version != CX_SUMMARY_VERSION)
		binary_error(type, psprintf("Format version %d is not supported; only %d is.",
									version, CX_SUMMARY_VERSION));
	lo = (int8) pq_getmsgbyte(buf);
	npoints = pq_getmsgbyte(buf);
	if (lo != type->lo || npoints < type->min_points || npoints > type->max_points)
	{
		if (type->min_points == type->max_points)
			binary_error(type, psprintf("A scale of %d points from %d is not valid: %s has %d points, %d..%d.",
										npoints, lo, type->type_name, type->max_points,
										type->lo, type->lo + type->max_points - 1));
		binary_error(type, psprintf("A scale of %d points from %d is not valid: %s has %d to %d points from %d.",
									npoints, lo, type->type_name, type->min_points,
									type->max_points, type->lo));
	}
	if (buf->len - buf->cursor != npoints * (int) sizeof(int64))
		binary_error(type, psprintf("Expected %d counts of 8 bytes and nothing after them, found %d bytes.",
									npoints, buf->len - buf->cursor));

	s = cx_summary_new(type, npoints);
	for (int i = 0; i < npoints; i++)
		s->dist.count[i] = pq_getmsgint64(buf);
	status = cx_dist_finish(&s->dist, npoints);
	if (status == CX_NEGATIVE)
		binary_error(type, "A count is negative.");
	if (status != CX_OK)
		cx_report_status(status, s);
	return s;
}

/* Binary output: the version byte first, so the format can evolve. */
PG_FUNCTION_INFO_V1(cx_summary_send);
Datum
cx_summary_send(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, (uint8) s->lo);
	pq_sendbyte(&buf, s->npoints);
	for (int i = 0; i < s->npoints; i++)
		pq_sendint64(&buf, s->dist.count[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * Equality and hashing, for every summary type (nps_summary, churn_summary,
 * ...): each stored form is canonical (unused counters and reserved fields
 * are zero), so two summaries are equal exactly when their bytes are.
 * ---------------------------------------------------------------------
 */

static bool
cx_summary_equal(const struct varlena *a, const struct varlena *b)
{
	return VARSIZE(a) == VARSIZE(b) &&
		memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0;
}

/* Support for the = operator. */
PG_FUNCTION_INFO_V1(cx_summary_eq);
Datum
cx_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cx_summary_equal(PG_GETARG_VARLENA_P(0), PG_GETARG_VARLENA_P(1)));
}

/* Support for the <> operator. */
PG_FUNCTION_INFO_V1(cx_summary_ne);
Datum
cx_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!cx_summary_equal(PG_GETARG_VARLENA_P(0), PG_GETARG_VARLENA_P(1)));
}

/* Hash opclass support, so summaries work in GROUP BY, DISTINCT and hash joins. */
PG_FUNCTION_INFO_V1(cx_summary_hash);
Datum
cx_summary_hash(PG_FUNCTION_ARGS)
{
	struct varlena *s = PG_GETARG_VARLENA_P(0);

	return hash_any((const unsigned char *) VARDATA(s), VARSIZE(s) - VARHDRSZ);
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
static int64
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

/*
 * The transition functions of every aggregate over scores of one SQL type,
 * whatever the metric: cx_trans_TYPE adds a score, cx_inv_TYPE removes one
 * (the inverse for moving window frames).  SCORE reads argument 1 as an
 * integer; cx_summary_apply checks it against the state's scale.
 */
#define CX_SCORE_TRANSITIONS(TYPE, SCORE) \
PG_FUNCTION_INFO_V1(cx_trans_##TYPE); \
Datum \
cx_trans_##TYPE(PG_FUNCTION_ARGS) \
{ \
	CxSummary  *s = cx_state_arg(fcinfo); \
\
	cx_summary_apply(s, (SCORE), 1); \
	PG_RETURN_CX_SUMMARY_P(s); \
} \
\
PG_FUNCTION_INFO_V1(cx_inv_##TYPE); \
Datum \
cx_inv_##TYPE(PG_FUNCTION_ARGS) \
{ \
	CxSummary  *s = cx_state_arg(fcinfo); \
\
	cx_summary_apply(s, (SCORE), -1); \
	PG_RETURN_CX_SUMMARY_P(s); \
}

CX_SCORE_TRANSITIONS(int2, PG_GETARG_INT16(1))
CX_SCORE_TRANSITIONS(int4, PG_GETARG_INT32(1))
CX_SCORE_TRANSITIONS(numeric, cx_numeric_score(s, PG_GETARG_NUMERIC(1)))

/* Two summaries can be combined only when they measure the same thing. */
static void
cx_check_compatible(const CxSummary *a, const CxSummary *b)
{
	if (a->kind != b->kind || a->lo != b->lo || a->npoints != b->npoints)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine a %s on scale %d..%d with a %s on scale %d..%d",
						cx_summary_type(a)->type_name, a->lo, CX_SUMMARY_HI(a),
						cx_summary_type(b)->type_name, b->lo, CX_SUMMARY_HI(b)),
				 errhint("Roll up summaries of one scale at a time.")));
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

	cx_check_compatible(s, other);
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

	cx_check_compatible(s, other);
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

/* Appends ', "key": value' with PostgreSQL's shortest exact float format. */
void
cx_json_number(StringInfo buf, const char *key, double value, bool isnull)
{
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN];

	appendStringInfo(buf, ", \"%s\": ", key);
	if (isnull || !isfinite(value))
		appendStringInfoString(buf, "null");
	else
	{
		double_to_shortest_decimal_buf(value, num);
		appendStringInfoString(buf, num);
	}
}

static Datum
cx_summary_json_datum(const CxSummary *s, bool binary)
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
	return cx_summary_json_datum(PG_GETARG_CX_SUMMARY_P(0), false);
}

/* The cast to jsonb. */
PG_FUNCTION_INFO_V1(cx_summary_jsonb);
Datum
cx_summary_jsonb(PG_FUNCTION_ARGS)
{
	return cx_summary_json_datum(PG_GETARG_CX_SUMMARY_P(0), true);
}

/*
 * The two-sided critical value for a confidence level, with the error users
 * see when the level is not a probability.
 */
double
cx_confidence_z(double confidence)
{
	if (!(confidence > 0.0 && confidence < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence level %g is out of range", confidence),
				 errdetail("The confidence level must be between 0 and 1, exclusive, such as 0.95.")));
	return cx_z_for_confidence(confidence);
}
