/*
 * cx_summary_make.c
 *		Score-scale summaries that clients build: from an array of counts
 *		(nps_summary(counts), the inverse of distribution(s)) and from the
 *		summary's own JSON form (the casts from jsonb and json, the inverse
 *		of s::jsonb).
 *
 * Both are input functions in all but name: they check what they are given
 * as strictly as text input does, with its SQLSTATEs (22P02 for a malformed
 * value, 22003 for counts whose total passes bigint), and build the summary
 * whose text form has those counts.  Each metric's file has the entry
 * points, which say which type to build; the work is here, once.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "cx_summary.h"

/* A scale for messages: "0..10", or "1..k, k from 2 to 10". */
static char *
type_scale_text(const CxSummaryType *type)
{
	if (type->min_points == type->max_points)
		return psprintf("%d..%d", type->lo, type->lo + type->max_points - 1);
	return psprintf("%d..k, k from %d to %d", type->lo,
					type->lo + type->min_points - 1, type->lo + type->max_points - 1);
}

/* ---------------------------------------------------------------------
 * From counts: one bigint per score point, in order
 * ---------------------------------------------------------------------
 */

pg_noreturn static void
counts_error(const CxSummaryType *type, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid counts for type %s", type->type_name),
			 errdetail("%s", detail),
			 errhint("The counts are a one-dimensional bigint array with one count per score of the scale %s, lowest score first, as distribution() returns them.",
					 type_scale_text(type))));
	pg_unreachable();
}

/*
 * The summary of type "type" (the caller has chosen the direction) with the
 * given counts; the scale is 0..10 for NPS, 1..k with k the number of counts
 * for the others.  The array's subscripts may start at 1 (the default) or
 * at the lowest score, as distribution()'s do; any other start is refused,
 * since the counts would then not be subscripted by their scores.
 */
CxSummary *
cx_summary_from_counts(ArrayType *counts, const CxSummaryType *type)
{
	int			ndims = ARR_NDIM(counts);
	int			npoints;
	Datum	   *elems;
	bool	   *nulls;
	int			nelems;
	CxSummary  *s;
	CxStatus	status;

	if (ARR_ELEMTYPE(counts) != INT8OID)
		elog(ERROR, "counts of %s must be bigint[]", type->type_name);
	if (ndims > 1)
		counts_error(type, psprintf("The counts must be a one-dimensional array, not one of %d dimensions.", ndims));
	npoints = ndims == 0 ? 0 : ARR_DIMS(counts)[0];
	if (npoints < type->min_points || npoints > type->max_points)
	{
		if (type->min_points == type->max_points)
			counts_error(type, psprintf("Expected exactly %d counts, one per score %s; found %d.",
										type->max_points, type_scale_text(type), npoints));
		counts_error(type, psprintf("Expected %d to %d counts, one per score of a scale %s; found %d.",
									type->min_points, type->max_points, type_scale_text(type), npoints));
	}
	if (ARR_LBOUND(counts)[0] != 1 && ARR_LBOUND(counts)[0] != type->lo)
		counts_error(type, psprintf("The array's subscripts start at %d; they must start at 1 or at the lowest score, %d.",
									ARR_LBOUND(counts)[0], type->lo));

	deconstruct_array(counts, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &nelems);
	s = cx_summary_new(type, npoints);
	for (int i = 0; i < npoints; i++)
	{
		if (nulls[i])
			counts_error(type, psprintf("Count %d of %d (score %d) is NULL.", i + 1, npoints, type->lo + i));
		s->dist.count[i] = DatumGetInt64(elems[i]);
		if (s->dist.count[i] < 0)
			counts_error(type, psprintf("Count %d of %d (score %d) is " INT64_FORMAT "; counts must not be negative.",
										i + 1, npoints, type->lo + i, s->dist.count[i]));
	}
	status = cx_dist_finish(&s->dist, npoints);
	if (status != CX_OK)
		cx_report_status(status, s);
	return s;
}

/* ---------------------------------------------------------------------
 * From the JSON form: exactly what s::jsonb gives
 * ---------------------------------------------------------------------
 */

pg_noreturn static void
json_error(const CxSummaryType *type, Jsonb *json, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", type->type_name,
					JsonbToCString(NULL, &json->root, VARSIZE(json))),
			 errdetail("%s", detail),
			 errhint("The JSON form of %s is what s::jsonb gives: {\"scale\": [%d, %d], \"n\": ..., \"counts\": [...], ...}, every key present with the values the counts give.",
					 type->type_name, type->lo, type->lo + type->max_points - 1)));
	pg_unreachable();
}

/*
 * A JSON number as a whole int64: false if it is not a number, not whole,
 * or outside int64 (then *overflow is set).
 */
static bool
json_whole(const JsonbValue *v, int64 *out, bool *overflow)
{
	const char *c;
	bool		neg;
	int64		x = 0;

	*overflow = false;
	if (v->type != jbvNumeric || numeric_is_nan(v->val.numeric) || numeric_is_inf(v->val.numeric))
		return false;
	/* the plain digits without trailing fractional zeros: 5.0 is 5, 1e3 is 1000 */
	c = numeric_normalize(v->val.numeric);
	neg = (*c == '-');
	if (neg)
		c++;
	for (; *c; c++)
	{
		if (*c < '0' || *c > '9')
			return false;
		if (__builtin_mul_overflow(x, 10, &x) ||
			__builtin_add_overflow(x, neg ? -(*c - '0') : *c - '0', &x))
			*overflow = true;
	}
	*out = x;
	return true;
}

/* The value of a key of the top-level object, or NULL. */
static JsonbValue *
json_key(Jsonb *json, const char *key, JsonbValue *buf)
{
	return getKeyJsonValueFromContainer(&json->root, key, strlen(key), buf);
}

/* A JSON array's elements, or NULL if v is not an array. */
static JsonbValue *
json_array(const JsonbValue *v, int *nelems)
{
	JsonbIterator *it;
	JsonbValue	elem;
	JsonbValue *elems;
	JsonbIteratorToken tok;
	int			n = 0;

	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data) ||
		JsonContainerIsScalar(v->val.binary.data))
		return NULL;
	*nelems = JsonContainerSize(v->val.binary.data);
	elems = palloc(sizeof(JsonbValue) * (*nelems + 1));
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &elem, true)) != WJB_DONE)
		if (tok == WJB_ELEM)
			elems[n++] = elem;
	return elems;
}

/* A JsonbValue as JSON text, for messages. */
static char *
json_text(JsonbValue *v)
{
	Jsonb	   *j = JsonbValueToJsonb(v);

	return JsonbToCString(NULL, &j->root, VARSIZE(j));
}

CxSummary *
cx_summary_from_jsonb(Jsonb *json, const CxSummaryType *type)
{
	JsonbValue	buf,
			   *v,
			   *elems;
	int			nelems;
	int64		lo,
				hi;
	bool		overflow;
	int			npoints;
	CxSummary  *s;
	CxStatus	status;
	Jsonb	   *expected;
	JsonbIterator *it;
	JsonbValue	key;
	JsonbIteratorToken tok;

	if (!JB_ROOT_IS_OBJECT(json))
		json_error(type, json, "It must be a JSON object.");

	/* the scale, and the direction for the types that have one */
	v = json_key(json, "scale", &buf);
	if (v == NULL)
		json_error(type, json, "Key \"scale\" is missing.");
	elems = json_array(v, &nelems);
	if (elems == NULL || nelems != 2 ||
		!json_whole(&elems[0], &lo, &overflow) || overflow ||
		!json_whole(&elems[1], &hi, &overflow) || overflow)
		json_error(type, json, "Key \"scale\" must be an array of two whole numbers, the lowest and the highest score.");
	if (type->flipped)
	{
		v = json_key(json, "lower_is_better", &buf);
		if (v == NULL)
			json_error(type, json, "Key \"lower_is_better\" is missing.");
		if (v->type != jbvBool)
			json_error(type, json, "Key \"lower_is_better\" must be true or false.");
		if (v->val.boolean != type->lower_is_better)
			type = type->flipped;
	}
	if (lo != type->lo || hi < lo + type->min_points - 1 || hi > lo + type->max_points - 1)
		json_error(type, json, psprintf("The scale of %s is %s.", type->type_name, type_scale_text(type)));
	npoints = (int) (hi - lo + 1);

	/* the counts */
	v = json_key(json, "counts", &buf);
	if (v == NULL)
		json_error(type, json, "Key \"counts\" is missing.");
	elems = json_array(v, &nelems);
	if (elems == NULL || nelems != npoints)
		json_error(type, json, psprintf("Key \"counts\" must be an array of %d counts, one per score %d..%d.",
										npoints, (int) lo, (int) hi));
	s = cx_summary_new(type, npoints);
	for (int i = 0; i < npoints; i++)
	{
		if (!json_whole(&elems[i], &s->dist.count[i], &overflow) || (!overflow && s->dist.count[i] < 0))
			json_error(type, json, psprintf("Count %d of %d (score %d) is %s; counts are non-negative whole numbers.",
											i + 1, npoints, (int) lo + i, json_text(&elems[i])));
		if (overflow)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("count for score %d is out of range for type bigint", (int) lo + i),
					 errdetail("In the %s value %s.", type->type_name,
							   JsonbToCString(NULL, &json->root, VARSIZE(json)))));
	}
	status = cx_dist_finish(&s->dist, npoints);
	if (status != CX_OK)
		cx_report_status(status, s);

	/*
	 * Every other key must be the one s::jsonb writes, with its value: the
	 * derived fields are checked, not trusted, so a client that edited the
	 * counts without the rest is told so rather than silently believed.
	 */
	expected = DatumGetJsonbP(cx_summary_to_json(s, true));
	it = JsonbIteratorInit(&json->root);
	while ((tok = JsonbIteratorNext(&it, &key, true)) != WJB_DONE)
	{
		JsonbValue	want;

		if (tok != WJB_KEY)
			continue;
		if (getKeyJsonValueFromContainer(&expected->root, key.val.string.val,
										 key.val.string.len, &want) == NULL)
			json_error(type, json, psprintf("Key \"%.*s\" is not part of the JSON form of %s.",
											key.val.string.len, key.val.string.val, type->type_name));
	}
	it = JsonbIteratorInit(&expected->root);
	while ((tok = JsonbIteratorNext(&it, &key, true)) != WJB_DONE)
	{
		JsonbValue	want,
					got;
		Jsonb	   *w,
				   *g;

		if (tok != WJB_KEY)
			continue;
		(void) getKeyJsonValueFromContainer(&expected->root, key.val.string.val,
											key.val.string.len, &want);
		if (getKeyJsonValueFromContainer(&json->root, key.val.string.val,
										 key.val.string.len, &got) == NULL)
			json_error(type, json, psprintf("Key \"%.*s\" is missing.",
											key.val.string.len, key.val.string.val));
		w = JsonbValueToJsonb(&want);
		g = JsonbValueToJsonb(&got);
		if (compareJsonbContainers(&w->root, &g->root) != 0)
			json_error(type, json, psprintf("Key \"%.*s\" is %s, but the counts make it %s.",
											key.val.string.len, key.val.string.val,
											JsonbToCString(NULL, &g->root, VARSIZE(g)),
											JsonbToCString(NULL, &w->root, VARSIZE(w))));
	}
	return s;
}

/* The body of every cast from jsonb: argument 0 to a summary of "type". */
Datum
cx_summary_from_jsonb_datum(FunctionCallInfo fcinfo, const CxSummaryType *type)
{
	PG_RETURN_CX_SUMMARY_P(cx_summary_from_jsonb(PG_GETARG_JSONB_P(0), type));
}

/* The body of every cast from json: parsed as jsonb, then as above. */
Datum
cx_summary_from_json_datum(FunctionCallInfo fcinfo, const CxSummaryType *type)
{
	Datum		j = DirectFunctionCall1(jsonb_in, CStringGetDatum(text_to_cstring(PG_GETARG_TEXT_PP(0))));

	PG_RETURN_CX_SUMMARY_P(cx_summary_from_jsonb(DatumGetJsonbP(j), type));
}
