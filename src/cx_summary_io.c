/*
 * cx_summary_io.c
 *		Text and binary I/O of the score-scale summaries.
 *
 * The header of both forms (format version, scale, direction) is read and
 * written here for every score-scale type, the weighted ones included
 * (weighted.c): what follows the header, one count per score point or one
 * count and two weight sums per point, is the type's own.
 */
#include "postgres.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "cx_summary.h"

/* ---------------------------------------------------------------------
 * Text form: "v1:LO..HI:C1,C2,...,Cn", one count per score point.  Types
 * with a direction write "v1:LO..HI:lower_is_better:C1,..." for the kind
 * whose lower scores are better.
 * ---------------------------------------------------------------------
 */

#define CX_LOWER_TOKEN "lower_is_better:"

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

void
cx_summary_syntax_error(const CxSummaryType *type, const char *str, const char *detail)
{
	const char *per_point = type->point_text ? type->point_text : "one count per score";

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", type->type_name, str),
			 errdetail("%s", detail),
			 type->flipped ?
			 errhint("The text form is \"v%d:%d..k:\", or \"v%d:%d..k:lower_is_better:\" when lower scores are better, followed by %s, separated by commas.",
					 CX_SUMMARY_VERSION, type->lo, CX_SUMMARY_VERSION, type->lo, per_point) :
			 type->min_points < type->max_points ?
			 errhint("The text form is \"v%d:%d..k:\", k from %d to %d, followed by %s, separated by commas.",
					 CX_SUMMARY_VERSION, type->lo, type->lo + type->min_points - 1,
					 type->lo + type->max_points - 1, per_point) :
			 errhint("The text form is \"v%d:%d..%d:\" followed by %s, separated by commas.",
					 CX_SUMMARY_VERSION, type->lo, type->lo + type->max_points - 1, per_point)));
	pg_unreachable();
}

int
cx_summary_parse_header(const char *str, const char **pos, const CxSummaryType **typep)
{
	const CxSummaryType *type = *typep;
	const char *p = str;
	int64		version;
	int			lo,
				hi,
				npoints;
	bool		overflow;

	while (isspace((unsigned char) *p))
		p++;
	if (*p++ != 'v' || !parse_count(&p, &version, &overflow) || *p++ != ':')
		cx_summary_syntax_error(type, str, "It must start with a format version such as \"v1:\".");
	if (overflow || version != CX_SUMMARY_VERSION)
		cx_summary_syntax_error(type, str, psprintf("Only format version %d is supported.", CX_SUMMARY_VERSION));
	if (!parse_bound(&p, &lo) || strncmp(p, "..", 2) != 0 ||
		(p += 2, !parse_bound(&p, &hi)) || *p++ != ':')
		cx_summary_syntax_error(type, str, psprintf("The version must be followed by a scale such as \"%d..%d:\".",
													type->lo, type->lo + type->max_points - 1));
	npoints = hi - lo + 1;
	if (type->flipped && strncmp(p, CX_LOWER_TOKEN, strlen(CX_LOWER_TOKEN)) == 0)
	{
		p += strlen(CX_LOWER_TOKEN);
		if (!type->lower_is_better)
			type = type->flipped;
	}
	else if (type->lower_is_better)
		type = type->flipped;
	if (isalpha((unsigned char) *p))
		cx_summary_syntax_error(type, str, type->flipped ?
								"After the scale, the only word allowed is \"lower_is_better:\"." :
								psprintf("%s has no direction: the scale must be followed by the counts.",
										 type->type_name));
	if (lo != type->lo || npoints < type->min_points || npoints > type->max_points)
	{
		if (type->min_points == type->max_points)
			cx_summary_syntax_error(type, str, psprintf("The scale of %s is %d..%d.", type->type_name,
														type->lo, type->lo + type->max_points - 1));
		cx_summary_syntax_error(type, str, psprintf("The scale of %s is %d..k, with k from %d to %d.",
													type->type_name, type->lo,
													type->lo + type->min_points - 1,
													type->lo + type->max_points - 1));
	}
	*pos = p;
	*typep = type;
	return npoints;
}

CxSummary *
cx_summary_parse(const char *str, const CxSummaryType *type)
{
	const char *p;
	int			npoints = cx_summary_parse_header(str, &p, &type);
	bool		overflow;
	CxSummary  *s;
	CxStatus	status;

	s = cx_summary_new(type, npoints);
	for (int i = 0; i < npoints; i++)
	{
		if (i > 0 && *p++ != ',')
			cx_summary_syntax_error(type, str, psprintf("Expected %d counts separated by commas.", npoints));
		if (!parse_count(&p, &s->dist.count[i], &overflow) ||
			(*p != ',' && *p != '\0' && !isspace((unsigned char) *p)))
			cx_summary_syntax_error(type, str, psprintf("Count %d of %d is not a non-negative whole number.", i + 1, npoints));
		if (overflow)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("count for score %d is out of range for type bigint", type->lo + i),
					 errdetail("In the %s value \"%s\".", type->type_name, str)));
	}
	while (isspace((unsigned char) *p))
		p++;
	if (*p != '\0')
		cx_summary_syntax_error(type, str, psprintf("Expected exactly %d counts and nothing after them.", npoints));

	status = cx_dist_finish(&s->dist, npoints);
	if (status != CX_OK)
		cx_report_status(status, s);
	return s;
}

void
cx_summary_out_header(StringInfo buf, const CxSummary *s)
{
	appendStringInfo(buf, "v%d:%d..%d:", CX_SUMMARY_VERSION, s->lo, CX_SUMMARY_HI(s));
	if (cx_summary_type(s)->lower_is_better)
		appendStringInfoString(buf, CX_LOWER_TOKEN);
}

/* Text output, the canonical form: also the wire format Citus ships. */
PG_FUNCTION_INFO_V1(cx_summary_out);
Datum
cx_summary_out(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	cx_summary_out_header(&buf, s);
	for (int i = 0; i < s->npoints; i++)
		appendStringInfo(&buf, i ? "," INT64_FORMAT : INT64_FORMAT, s->dist.count[i]);
	PG_RETURN_CSTRING(buf.data);
}

/* ---------------------------------------------------------------------
 * Binary form: version byte, lo, npoints, then npoints int64 counts.
 * Types with a direction have one more byte after npoints: 1 if lower
 * scores are better, else 0.
 * ---------------------------------------------------------------------
 */

void
cx_summary_binary_error(const CxSummaryType *type, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary data for type %s", type->type_name),
			 errdetail("%s", detail)));
	pg_unreachable();
}

int
cx_summary_receive_header(StringInfo buf, const CxSummaryType **typep)
{
	const CxSummaryType *type = *typep;
	int			version,
				lo,
				npoints;

	if (buf->len - buf->cursor < 3)
		cx_summary_binary_error(type, "The header is truncated.");
	version = pq_getmsgbyte(buf);
	if (version != CX_SUMMARY_VERSION)
		cx_summary_binary_error(type, psprintf("Format version %d is not supported; only %d is.",
											   version, CX_SUMMARY_VERSION));
	lo = (int8) pq_getmsgbyte(buf);
	npoints = pq_getmsgbyte(buf);
	if (type->flipped)
	{
		int			lower;

		if (buf->cursor >= buf->len)
			cx_summary_binary_error(type, "The header is truncated.");
		lower = pq_getmsgbyte(buf);
		if (lower != 0 && lower != 1)
			cx_summary_binary_error(type, psprintf("The direction byte is %d; it must be 0 (higher is better) or 1 (lower is better).", lower));
		if ((lower == 1) != type->lower_is_better)
			type = type->flipped;
	}
	if (lo != type->lo || npoints < type->min_points || npoints > type->max_points)
	{
		if (type->min_points == type->max_points)
			cx_summary_binary_error(type, psprintf("A scale of %d points from %d is not valid: %s has %d points, %d..%d.",
												   npoints, lo, type->type_name, type->max_points,
												   type->lo, type->lo + type->max_points - 1));
		cx_summary_binary_error(type, psprintf("A scale of %d points from %d is not valid: %s has %d to %d points from %d.",
											   npoints, lo, type->type_name, type->min_points,
											   type->max_points, type->lo));
	}
	*typep = type;
	return npoints;
}

CxSummary *
cx_summary_receive(StringInfo buf, const CxSummaryType *type)
{
	int			npoints = cx_summary_receive_header(buf, &type);
	CxSummary  *s;
	CxStatus	status;

	if (buf->len - buf->cursor != npoints * (int) sizeof(int64))
		cx_summary_binary_error(type, psprintf("Expected %d counts of 8 bytes and nothing after them, found %d bytes.",
											   npoints, buf->len - buf->cursor));

	s = cx_summary_new(type, npoints);
	for (int i = 0; i < npoints; i++)
		s->dist.count[i] = pq_getmsgint64(buf);
	status = cx_dist_finish(&s->dist, npoints);
	if (status == CX_NEGATIVE)
		cx_summary_binary_error(type, "A count is negative.");
	if (status != CX_OK)
		cx_report_status(status, s);
	return s;
}

void
cx_summary_send_header(StringInfo buf, const CxSummary *s)
{
	pq_sendbyte(buf, s->version);
	pq_sendbyte(buf, (uint8) s->lo);
	pq_sendbyte(buf, s->npoints);
	if (cx_summary_type(s)->flipped)
		pq_sendbyte(buf, cx_summary_type(s)->lower_is_better ? 1 : 0);
}

/* Binary output: the version byte first, so the format can evolve. */
PG_FUNCTION_INFO_V1(cx_summary_send);
Datum
cx_summary_send(PG_FUNCTION_ARGS)
{
	CxSummary  *s = PG_GETARG_CX_SUMMARY_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	cx_summary_send_header(&buf, s);
	for (int i = 0; i < s->npoints; i++)
		pq_sendint64(&buf, s->dist.count[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
