/*
 * duration_io.c
 *		duration_summary: the bucket maps, checks and conversions the glue
 *		shares, and the text, binary and JSON forms.
 *
 * Text (canonical, exact; what pg_dump writes and Citus ships):
 *	v1;alpha=0.01;sum=S;sumsq=Q;min=M;max=X;zero=C/O;buckets=I:C/O,...
 * S and Q are the sum and the sum of squares of the completed durations in
 * microseconds, M and X their least and greatest in seconds, C/O completed
 * and open counts, I bucket indices in increasing order (DESIGN.md s. 3.1).
 */
#include "postgres.h"

#include <math.h>

#include "common/int.h"
#include "common/shortest_dec.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "duration.h"

/* ---------------------------------------------------------------------
 * The maps: a few per process (one per relative error in use)
 * ---------------------------------------------------------------------
 */

#define DURATION_MAPS 16

static CxDurMap maps[DURATION_MAPS];
static int	nmaps;
static int	next_victim;

static void *
map_alloc(Size size)
{
	return MemoryContextAllocHuge(TopMemoryContext, size);
}

/* The map used last: the per-row path checks it inline (duration.h). */
const CxDurMap *duration_last_map;

const CxDurMap *
duration_map_slow(int32 ppm)
{
	CxDurMap   *m;

	for (int i = 0; i < nmaps; i++)
		if (maps[i].ppm == ppm)
			return duration_last_map = &maps[i];
	if (nmaps < DURATION_MAPS)
		m = &maps[nmaps++];
	else
	{
		/* no caller holds a map across calls: the oldest can go */
		m = &maps[next_victim];
		next_victim = (next_victim + 1) % DURATION_MAPS;
		pfree(m->bound);
		pfree(m->slot);
	}
	duration_last_map = NULL;
	if (cx_dur_map_build(m, ppm, map_alloc) != CX_DUR_OK)
		elog(ERROR, "cannot build the bucket map of relative error %d ppm", ppm);
	return duration_last_map = m;
}

int32
duration_ppm(double alpha)
{
	double		ppm = alpha * 1e6;

	if (!(ppm >= CX_DUR_PPM_MIN - 1e-6 && ppm <= CX_DUR_PPM_MAX + 1e-6) ||
		fabs(ppm - rint(ppm)) > 1e-6)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("relative error %g is out of range", alpha),
				 errdetail("The relative error must be between 0.001 and 0.05, in steps of 0.000001, such as 0.01.")));
	return (int32) rint(ppm);
}

void
duration_report(CxDurStatus status, int sqlstate)
{
	if (status == CX_DUR_OVERFLOW)
		sqlstate = ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("invalid duration_summary: %s", cx_dur_status_text(status))));
}

const CxDurMap *
duration_check(const DurationSummary *s, int sqlstate, const char *what)
{
	CxDurView	v = duration_view(s);
	CxDurStatus st;
	const CxDurMap *m;

	if (VARSIZE(s) < DURATION_HDRSZ || s->version != CX_DUR_VERSION ||
		(s->form != CX_DUR_COMPACT && s->form != CX_DUR_DENSE) || s->reserved != 0 ||
		s->h.ppm < CX_DUR_PPM_MIN || s->h.ppm > CX_DUR_PPM_MAX)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid duration_summary in %s", what),
				 errdetail("Unknown format version, layout or relative error.")));
	m = duration_map(s->h.ppm);
	st = cx_dur_validate(&v, m);
	if (st != CX_DUR_OK)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid duration_summary in %s", what),
				 errdetail("%s.", cx_dur_status_text(st))));
	return m;
}

DurationSummary *
duration_new_dense(int32 ppm, int32 lo, int32 n)
{
	DurationSummary *s = palloc0(DURATION_DENSE_SIZE(n));

	SET_VARSIZE(s, DURATION_DENSE_SIZE(n));
	s->version = CX_DUR_VERSION;
	s->form = CX_DUR_DENSE;
	cx_dur_head_init(&s->h, ppm);
	s->h.lo = lo;
	s->h.n = n;
	return s;
}

DurationSummary *
duration_compact(const DurationSummary *s)
{
	CxDurView	v = duration_view(s);
	Size		len;
	DurationSummary *r;

	if (s->form == CX_DUR_COMPACT)
	{
		r = palloc(VARSIZE(s));
		memcpy(r, s, VARSIZE(s));
		return r;
	}
	len = cx_dur_compact_size(&v);
	r = palloc0(DURATION_HDRSZ + len);
	SET_VARSIZE(r, DURATION_HDRSZ + len);
	r->version = CX_DUR_VERSION;
	r->form = CX_DUR_COMPACT;
	r->h = s->h;
	r->h.lo = 0;
	r->h.n = cx_dur_encode(&v, r->data);
	return r;
}

void
duration_same_alpha(const DurationSummary *a, const DurationSummary *b)
{
	if (a->h.ppm != b->h.ppm)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine duration summaries of different relative errors"),
				 errdetail("One has relative error %g, the other %g.",
						   a->h.ppm / 1e6, b->h.ppm / 1e6),
				 errhint("Build both with the same relative_error argument of duration_agg().")));
}

pg_noreturn static void
duration_range_error(const char *value)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("duration %s is out of range", value),
			 errdetail("A duration must be 0 or between 2^-20 seconds (about 1 microsecond) and 2^44 seconds (about 557,000 years): not negative, NaN or infinite.")));
}

void
duration_interval_error(const Interval *iv)
{
	duration_range_error(DatumGetCString(DirectFunctionCall1(interval_out,
															 PointerGetDatum(iv))));
}

void
duration_seconds_error(double x)
{
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(x, num);
	duration_range_error(psprintf("%s seconds", num));
}

/* ---------------------------------------------------------------------
 * Building a summary from parsed or received buckets
 * ---------------------------------------------------------------------
 */

typedef struct DurBuilder
{
	StringInfoData stream;
	int32		prev;
	int32		n;
	CxDurHead	h;
} DurBuilder;

static void
builder_init(DurBuilder *b, int32 ppm)
{
	initStringInfo(&b->stream);
	b->prev = CX_DUR_INDEX_BASE;
	b->n = 0;
	cx_dur_head_init(&b->h, ppm);
}

/* Adds a bucket; false if it is out of order, out of range or empty. */
static bool
builder_add(DurBuilder *b, const CxDurMap *m, int32 index, int64 completed, int64 open)
{
	uint8		buf[CX_DUR_MAX_BUCKET_BYTES];

	if (index <= b->prev || index < m->imin || index > m->imax ||
		completed < 0 || open < 0 || (completed == 0 && open == 0))
		return false;
	if (pg_add_s64_overflow(b->h.completed, completed, &b->h.completed) ||
		pg_add_s64_overflow(b->h.open, open, &b->h.open) ||
		b->h.completed > PG_INT64_MAX - b->h.open)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("duration_summary counts out of range"),
				 errdetail("The number of cases must not exceed %lld.", (long long) PG_INT64_MAX)));
	appendBinaryStringInfo(&b->stream, (char *) buf,
						   cx_dur_put_bucket(buf, b->prev, index, completed, open));
	b->prev = index;
	b->n++;
	return true;
}

static DurationSummary *
builder_finish(DurBuilder *b, int sqlstate, const char *what)
{
	DurationSummary *s = palloc0(DURATION_HDRSZ + b->stream.len);

	SET_VARSIZE(s, DURATION_HDRSZ + b->stream.len);
	s->version = CX_DUR_VERSION;
	s->form = CX_DUR_COMPACT;
	s->h = b->h;
	s->h.n = b->n;
	memcpy(s->data, b->stream.data, b->stream.len);
	(void) duration_check(s, sqlstate, what);
	return s;
}

/* The zero bucket's counts and the totals they add to. */
static void
builder_zero(DurBuilder *b, int64 completed, int64 open)
{
	b->h.zero_completed = completed;
	b->h.zero_open = open;
	if (pg_add_s64_overflow(b->h.completed, completed, &b->h.completed) ||
		pg_add_s64_overflow(b->h.open, open, &b->h.open) ||
		b->h.completed > PG_INT64_MAX - b->h.open)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("duration_summary counts out of range"),
				 errdetail("The number of cases must not exceed %lld.", (long long) PG_INT64_MAX)));
}

/* ---------------------------------------------------------------------
 * Text
 * ---------------------------------------------------------------------
 */

typedef struct DurParser
{
	const char *str;			/* the whole input, for messages */
	const char *p;
} DurParser;

pg_noreturn static void
parse_error(DurParser *ps, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type duration_summary: \"%s\"", ps->str),
			 errdetail("%s", detail),
			 errhint("The text form is \"v1;alpha=A;sum=S;sumsq=Q;min=M;max=X;zero=C/O;buckets=I:C/O,...\".")));
}

static void
expect(DurParser *ps, const char *lit, const char *detail)
{
	size_t		n = strlen(lit);

	if (strncmp(ps->p, lit, n) != 0)
		parse_error(ps, detail);
	ps->p += n;
}

/* An unsigned decimal integer of at most 128 bits. */
static cx_u128
parse_u128(DurParser *ps, const char *what)
{
	cx_u128		v = 0;

	if (*ps->p < '0' || *ps->p > '9')
		parse_error(ps, psprintf("Expected a number for %s.", what));
	while (*ps->p >= '0' && *ps->p <= '9')
	{
		if (__builtin_mul_overflow(v, (cx_u128) 10, &v) ||
			__builtin_add_overflow(v, (cx_u128) (*ps->p - '0'), &v))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value of %s out of range in duration_summary: \"%s\"", what, ps->str)));
		ps->p++;
	}
	return v;
}

static int64
parse_count(DurParser *ps, const char *what)
{
	cx_u128		v = parse_u128(ps, what);

	if (v > (cx_u128) PG_INT64_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value of %s out of range in duration_summary: \"%s\"", what, ps->str)));
	return (int64) v;
}

static int32
parse_index(DurParser *ps)
{
	bool		neg = *ps->p == '-';
	cx_u128		v;

	if (neg)
		ps->p++;
	v = parse_u128(ps, "a bucket index");
	if (v > (cx_u128) 1 << 30)
		parse_error(ps, "A bucket index is out of range.");
	return neg ? -(int32) v : (int32) v;
}

static double
parse_seconds(DurParser *ps, const char *what)
{
	const char *start = ps->p;
	char	   *end;
	double		x;

	while ((*ps->p >= '0' && *ps->p <= '9') || *ps->p == '.' || *ps->p == 'e' ||
		   *ps->p == 'E' || *ps->p == '-' || *ps->p == '+')
		ps->p++;
	if (ps->p == start || *start == '-' || *start == '+')
		parse_error(ps, psprintf("Expected a number of seconds for %s.", what));
	errno = 0;
	x = strtod(pnstrdup(start, ps->p - start), &end);
	if (*end != '\0' || errno != 0 || !isfinite(x))
		parse_error(ps, psprintf("Expected a number of seconds for %s.", what));
	return x;
}

/* "0.01": the relative error as an exact decimal of at most 6 places. */
static int32
parse_alpha(DurParser *ps)
{
	int32		ppm = 0;
	int			places = 0;

	expect(ps, "0.", "Expected the relative error, such as alpha=0.01.");
	while (*ps->p >= '0' && *ps->p <= '9')
	{
		if (++places > 6)
			parse_error(ps, "The relative error has more than 6 decimal places.");
		ppm = ppm * 10 + (*ps->p++ - '0');
	}
	if (places == 0)
		parse_error(ps, "Expected the relative error, such as alpha=0.01.");
	for (; places < 6; places++)
		ppm *= 10;
	if (ppm < CX_DUR_PPM_MIN || ppm > CX_DUR_PPM_MAX)
		parse_error(ps, "The relative error must be between 0.001 and 0.05.");
	return ppm;
}

/* Text input. */
PG_FUNCTION_INFO_V1(duration_summary_in);
Datum
duration_summary_in(PG_FUNCTION_ARGS)
{
	DurParser	ps;
	DurBuilder	b;
	const CxDurMap *m;
	int32		ppm;
	cx_u128		sum,
				sumsq;
	int64		zc,
				zo;

	ps.str = PG_GETARG_CSTRING(0);
	ps.p = ps.str;
	expect(&ps, "v", "Expected a format version, such as \"v1;\".");
	if (parse_u128(&ps, "the version") != CX_DUR_VERSION)
		parse_error(&ps, "Unknown format version: this build reads v1.");
	expect(&ps, ";alpha=", "Expected \";alpha=\" after the version.");
	ppm = parse_alpha(&ps);
	m = duration_map(ppm);
	builder_init(&b, ppm);
	expect(&ps, ";sum=", "Expected \";sum=\" after the relative error.");
	sum = parse_u128(&ps, "sum");
	expect(&ps, ";sumsq=", "Expected \";sumsq=\" after the sum.");
	sumsq = parse_u128(&ps, "sumsq");
	cx_dur_set_u128(&b.h.sum_hi, &b.h.sum_lo, sum);
	cx_dur_set_u128(&b.h.sumsq_hi, &b.h.sumsq_lo, sumsq);
	expect(&ps, ";min=", "Expected \";min=\" after the sum of squares.");
	b.h.min = parse_seconds(&ps, "min");
	expect(&ps, ";max=", "Expected \";max=\" after the minimum.");
	b.h.max = parse_seconds(&ps, "max");
	expect(&ps, ";zero=", "Expected \";zero=\" after the maximum.");
	zc = parse_count(&ps, "the zero bucket");
	expect(&ps, "/", "Expected completed/open counts.");
	zo = parse_count(&ps, "the zero bucket");
	builder_zero(&b, zc, zo);
	expect(&ps, ";buckets=", "Expected \";buckets=\" after the zero bucket.");
	while (*ps.p != '\0')
	{
		int32		index;
		int64		c,
					o;

		if (b.n > 0)
			expect(&ps, ",", "Expected \",\" between buckets.");
		index = parse_index(&ps);
		expect(&ps, ":", "Expected \":\" after a bucket index.");
		c = parse_count(&ps, "a bucket");
		expect(&ps, "/", "Expected completed/open counts.");
		o = parse_count(&ps, "a bucket");
		if (!builder_add(&b, m, index, c, o))
			parse_error(&ps, psprintf("Bucket %d is out of order, out of range for relative error %g, or empty.",
									  index, ppm / 1e6));
	}
	PG_RETURN_DURATION_P(builder_finish(&b, ERRCODE_INVALID_TEXT_REPRESENTATION,
										"text input"));
}

static void
append_u128(StringInfo buf, cx_u128 v)
{
	char		digits[40];
	int			n = 0;

	do
	{
		digits[n++] = (char) ('0' + (int) (v % 10));
		v /= 10;
	} while (v > 0);
	while (n > 0)
		appendStringInfoChar(buf, digits[--n]);
}

static void
append_seconds(StringInfo buf, double x)
{
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(x, num);
	appendStringInfoString(buf, num);
}

/* The relative error as its shortest exact decimal: 10000 -> "0.01". */
static void
append_alpha(StringInfo buf, int32 ppm)
{
	char		frac[8];
	int			len;

	snprintf(frac, sizeof frac, "%06d", ppm);
	for (len = 6; len > 1 && frac[len - 1] == '0'; len--)
		;
	frac[len] = '\0';
	appendStringInfo(buf, "0.%s", frac);
}

/* Text output: canonical, exact, versioned. */
PG_FUNCTION_INFO_V1(duration_summary_out);
Datum
duration_summary_out(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION_P(0);
	CxDurView	v = duration_view(s);
	CxDurIter	it;
	StringInfoData buf;
	bool		first = true;

	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d;alpha=", CX_DUR_VERSION);
	append_alpha(&buf, s->h.ppm);
	appendStringInfoString(&buf, ";sum=");
	append_u128(&buf, cx_dur_u128(s->h.sum_hi, s->h.sum_lo));
	appendStringInfoString(&buf, ";sumsq=");
	append_u128(&buf, cx_dur_u128(s->h.sumsq_hi, s->h.sumsq_lo));
	appendStringInfoString(&buf, ";min=");
	append_seconds(&buf, s->h.min);
	appendStringInfoString(&buf, ";max=");
	append_seconds(&buf, s->h.max);
	appendStringInfo(&buf, ";zero=" INT64_FORMAT "/" INT64_FORMAT ";buckets=",
					 s->h.zero_completed, s->h.zero_open);
	cx_dur_iter_init(&it, &v);
	while (cx_dur_iter_next(&it))
	{
		appendStringInfo(&buf, "%s%d:" INT64_FORMAT "/" INT64_FORMAT,
						 first ? "" : ",", it.index, it.completed, it.open);
		first = false;
	}
	PG_RETURN_CSTRING(buf.data);
}

/* ---------------------------------------------------------------------
 * Binary: version byte, 3 reserved zero bytes, alpha in millionths, the
 * sums as big-endian halves, min, max, the zero bucket, the bucket count,
 * then (index, completed, open) per bucket.  Nothing after.
 * ---------------------------------------------------------------------
 */

pg_noreturn static void
recv_error(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary duration_summary"),
			 errdetail("%s", detail)));
}

/* Binary input, checked as strictly as the text input. */
PG_FUNCTION_INFO_V1(duration_summary_recv);
Datum
duration_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	DurBuilder	b;
	const CxDurMap *m;
	int32		ppm;
	int32		nbuckets;
	uint64		hi,
				lo;
	int64		zc,
				zo;

	/* the fixed part is 76 bytes; pq_getmsg* would report truncation less clearly */
	if (buf->len - buf->cursor < 76)
		recv_error("The value is truncated.");
	if (pq_getmsgbyte(buf) != CX_DUR_VERSION)
		recv_error("Unknown format version: this build reads version 1.");
	if (pq_getmsgbyte(buf) != 0 || pq_getmsgbyte(buf) != 0 || pq_getmsgbyte(buf) != 0)
		recv_error("Reserved bytes must be zero.");
	ppm = pq_getmsgint(buf, 4);
	if (ppm < CX_DUR_PPM_MIN || ppm > CX_DUR_PPM_MAX)
		recv_error("The relative error is out of range.");
	m = duration_map(ppm);
	builder_init(&b, ppm);
	hi = (uint64) pq_getmsgint64(buf);
	lo = (uint64) pq_getmsgint64(buf);
	b.h.sum_hi = hi;
	b.h.sum_lo = lo;
	hi = (uint64) pq_getmsgint64(buf);
	lo = (uint64) pq_getmsgint64(buf);
	b.h.sumsq_hi = hi;
	b.h.sumsq_lo = lo;
	b.h.min = pq_getmsgfloat8(buf);
	b.h.max = pq_getmsgfloat8(buf);
	zc = pq_getmsgint64(buf);
	zo = pq_getmsgint64(buf);
	if (zc < 0 || zo < 0)
		recv_error("A count is negative.");
	builder_zero(&b, zc, zo);
	nbuckets = pq_getmsgint(buf, 4);
	if (nbuckets < 0 || (int64) nbuckets * 20 != buf->len - buf->cursor)
		recv_error("The bucket count does not match the length of the value.");
	for (int32 i = 0; i < nbuckets; i++)
	{
		int32		index = pq_getmsgint(buf, 4);
		int64		c = pq_getmsgint64(buf);
		int64		o = pq_getmsgint64(buf);

		if (!builder_add(&b, m, index, c, o))
			recv_error("A bucket is out of order, out of range for its relative error, or empty.");
	}
	PG_RETURN_DURATION_P(builder_finish(&b, ERRCODE_INVALID_BINARY_REPRESENTATION,
										"binary input"));
}

/* Binary output. */
PG_FUNCTION_INFO_V1(duration_summary_send);
Datum
duration_summary_send(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION_P(0);
	CxDurView	v = duration_view(s);
	CxDurIter	it;
	StringInfoData buf;
	int32		nbuckets = 0;

	cx_dur_iter_init(&it, &v);
	while (cx_dur_iter_next(&it))
		nbuckets++;
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, CX_DUR_VERSION);
	pq_sendbyte(&buf, 0);
	pq_sendbyte(&buf, 0);
	pq_sendbyte(&buf, 0);
	pq_sendint32(&buf, s->h.ppm);
	pq_sendint64(&buf, (int64) s->h.sum_hi);
	pq_sendint64(&buf, (int64) s->h.sum_lo);
	pq_sendint64(&buf, (int64) s->h.sumsq_hi);
	pq_sendint64(&buf, (int64) s->h.sumsq_lo);
	pq_sendfloat8(&buf, s->h.min);
	pq_sendfloat8(&buf, s->h.max);
	pq_sendint64(&buf, s->h.zero_completed);
	pq_sendint64(&buf, s->h.zero_open);
	pq_sendint32(&buf, nbuckets);
	cx_dur_iter_init(&it, &v);
	while (cx_dur_iter_next(&it))
	{
		pq_sendint32(&buf, it.index);
		pq_sendint64(&buf, it.completed);
		pq_sendint64(&buf, it.open);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * JSON
 * ---------------------------------------------------------------------
 */

static Datum
duration_json_datum(const DurationSummary *s, bool binary)
{
	const CxDurMap *m = duration_map(s->h.ppm);
	CxDurView	v = duration_view(s);
	CxDurMoments mo = cx_dur_moments(&s->h);
	bool		none = s->h.completed == 0;
	CxKm		km;
	double		km_median;
	StringInfoData buf;

	km.steps = palloc(sizeof(CxKmStep) * cx_dur_km_capacity(&v));
	cx_dur_km(&v, m, &km);
	km_median = cx_km_quantile(&km, 0.5, 0, 0.0, CX_KM_LOG,
							   palloc(sizeof(double) * 2 * (km.nsteps + 1)));
	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"relative_error\": %g, \"cases\": " INT64_FORMAT
					 ", \"completed\": " INT64_FORMAT ", \"open\": " INT64_FORMAT,
					 s->h.ppm / 1e6, s->h.completed + s->h.open, s->h.completed, s->h.open);
	cx_json_number(&buf, "mean_seconds", mo.mean, none);
	cx_json_number(&buf, "shortest_seconds", s->h.min, none);
	cx_json_number(&buf, "longest_seconds", s->h.max, none);
	cx_json_number(&buf, "p50_seconds", cx_dur_percentile(&v, m, 0.5), none);
	cx_json_number(&buf, "p90_seconds", cx_dur_percentile(&v, m, 0.9), none);
	cx_json_number(&buf, "p99_seconds", cx_dur_percentile(&v, m, 0.99), none);
	cx_json_number(&buf, "km_median_seconds", km_median, isnan(km_median));
	appendStringInfoChar(&buf, '}');
	if (binary)
		return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
	return DirectFunctionCall1(json_in, CStringGetDatum(buf.data));
}

/* The cast to json, for BI tools and row_to_json(). */
PG_FUNCTION_INFO_V1(duration_summary_json);
Datum
duration_summary_json(PG_FUNCTION_ARGS)
{
	return duration_json_datum(PG_GETARG_DURATION_P(0), false);
}

/* The cast to jsonb. */
PG_FUNCTION_INFO_V1(duration_summary_jsonb);
Datum
duration_summary_jsonb(PG_FUNCTION_ARGS)
{
	return duration_json_datum(PG_GETARG_DURATION_P(0), true);
}
