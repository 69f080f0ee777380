/*
 * revenue_agg.c
 *		mrr_agg(): one customer's subscription rows into an MRR timeline;
 *		revenue_agg(): timelines, one per customer, into a revenue summary
 *		over a grid; and their combine functions (see revenue.h).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"

#include "cx_varlena.h"
#include "revenue.h"

/* ---------------------------------------------------------------------
 * Amounts
 * ---------------------------------------------------------------------
 */

/*
 * PostgreSQL's numeric storage format (numeric.c: NumericShort and
 * NumericLong), which pg_upgrade keeps from release to release: a 2-byte
 * header, a 2-byte weight in the long form, then base-10000 digits, most
 * significant first, without leading or trailing zero digits.
 */
#define NUM_SIGN_MASK		0xC000
#define NUM_NEG				0x4000
#define NUM_SHORT			0x8000
#define NUM_SPECIAL			0xC000
#define NUM_SHORT_SIGN		0x2000
#define NUM_SHORT_DSCALE	0x1F80
#define NUM_SHORT_DSCALE_SHIFT 7
#define NUM_SHORT_WSIGN		0x0040
#define NUM_SHORT_WMASK		0x003F
#define NUM_DSCALE_MASK		0x3FFF
#define NUM_NBASE			10000

pg_noreturn static void
report_amount(const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("mrr_agg() amount %s", problem),
			 errdetail("Amounts are exact to 4 decimal places, from -922337203685477.5807 to 922337203685477.5807."),
			 errhint("Round amounts to the currency's minor unit first, e.g. round(amount, 2).")));
	pg_unreachable();
}

/*
 * A numeric amount as units of 0.0001, read where it lies (no detoasting
 * copy, no allocation: this is the per-row path of mrr_agg()); *scale is
 * raised to its display scale, at most 4.  More decimals than 4, NaN,
 * infinities and amounts past the range are errors, never rounded.
 */
static inline int64
amount_units(Datum d, int *scale)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);
	const char *p;
	int			len;
	uint16		header;
	int			weight,
				dscale,
				ndigits;
	bool		neg;
	int64		units = 0;

	if (VARATT_IS_EXTERNAL(v) || VARATT_IS_COMPRESSED(v))
		v = pg_detoast_datum(v);
	p = VARDATA_ANY(v);
	len = VARSIZE_ANY_EXHDR(v);
	memcpy(&header, p, sizeof(header));
	if ((header & NUM_SIGN_MASK) == NUM_SPECIAL)
		report_amount("is not a finite number");
	if ((header & NUM_SIGN_MASK) == NUM_SHORT)
	{
		neg = (header & NUM_SHORT_SIGN) != 0;
		dscale = (header & NUM_SHORT_DSCALE) >> NUM_SHORT_DSCALE_SHIFT;
		weight = (header & NUM_SHORT_WSIGN) ? (int) (~NUM_SHORT_WMASK | (header & NUM_SHORT_WMASK))
			: (int) (header & NUM_SHORT_WMASK);
		p += 2;
		len -= 2;
	}
	else
	{
		int16		w;

		neg = (header & NUM_SIGN_MASK) == NUM_NEG;
		dscale = header & NUM_DSCALE_MASK;
		memcpy(&w, p + 2, sizeof(w));
		weight = w;
		p += 4;
		len -= 4;
	}
	ndigits = len / 2;
	/* digit i is worth 10000^(weight - i), i.e. 10000^(weight + 1 - i) units */
	for (int i = 0; i < ndigits; i++)
	{
		int16		digit;

		memcpy(&digit, p + 2 * i, sizeof(digit));
		if (i > weight + 1)
		{
			if (digit != 0)
				report_amount("has more than 4 decimal places");
			continue;
		}
		if (pg_mul_s64_overflow(units, NUM_NBASE, &units) ||
			pg_add_s64_overflow(units, digit, &units))
			report_amount("is out of range");
	}
	for (int i = ndigits; i <= weight + 1; i++)
		if (pg_mul_s64_overflow(units, NUM_NBASE, &units))
			report_amount("is out of range");
	if (dscale > *scale)
		*scale = Min(dscale, CX_REV_DECIMALS);
	return neg ? -units : units;
}

/* ---------------------------------------------------------------------
 * mrr_agg(): the state is the subscription rows' events, in the
 * aggregate's memory; the final function sorts them into a timeline.
 * ---------------------------------------------------------------------
 */

typedef struct MrrAggState
{
	ChurnKind	kind;
	int			scale;
	int64		n;
	int64		cap;
	CxMrrEvent *ev;
} MrrAggState;

static MrrAggState *
mrr_state_new(MemoryContext mcxt, ChurnKind kind, int64 cap)
{
	MrrAggState *st = MemoryContextAllocZero(mcxt, sizeof(MrrAggState));

	st->kind = kind;
	st->cap = Max(cap, 8);
	st->ev = MemoryContextAlloc(mcxt, st->cap * sizeof(CxMrrEvent));
	return st;
}

/* Room for k more events: doubling, so amortised O(1) per row. */
static inline void
mrr_state_reserve(MrrAggState *st, int64 k)
{
	if (unlikely(st->n + k > st->cap))
	{
		if (st->n + k > 2 * (int64) CX_REV_MAX_STEPS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("mrr_agg() got too many subscription rows for one customer"),
					 errdetail("One customer may have at most %d rows.", CX_REV_MAX_STEPS),
					 errhint("Group the rows by customer: GROUP BY customer_id.")));
		while (st->n + k > st->cap)
			st->cap *= 2;
		st->ev = repalloc(st->ev, st->cap * sizeof(CxMrrEvent));
	}
}

/* An instant of a range bound: infinities as INT64_MIN / INT64_MAX. */
static inline int64
mrr_instant(ChurnKind kind, int64 v)
{
	if (kind == CHURN_DATE)
	{
		if (v == DATEVAL_NOBEGIN)
			return PG_INT64_MIN;
		if (v == DATEVAL_NOEND)
			return PG_INT64_MAX;
	}
	if (v != PG_INT64_MIN && v != PG_INT64_MAX &&
		unlikely(v < churn_min_value(kind) || v > churn_max_value(kind)))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("mrr_agg() subscription bound out of range"),
				 errdetail("Subscription ranges must lie from 0001-01-01 to 9999-12-31, or be unbounded or infinite.")));
	return v;
}

static Datum
mrr_agg_trans(FunctionCallInfo fcinfo, ChurnKind kind)
{
	MemoryContext aggcxt;
	MrrAggState *st;
	CxSpan		local[CHURN_LOCAL_SPANS];
	CxSpan	   *span;
	int64		v;
	CxMrrEvent *e;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "mrr_agg_trans called in non-aggregate context");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("mrr_agg() %s must not be null", PG_ARGISNULL(1) ? "subscription range" : "amount"),
				 errdetail("Every subscription row needs its range and its monthly amount."),
				 errhint("Leave out rows without one: mrr_agg(during, amount) FILTER (WHERE during IS NOT NULL AND amount IS NOT NULL).")));
	st = PG_ARGISNULL(0) ? mrr_state_new(aggcxt, kind, 8) : (MrrAggState *) PG_GETARG_POINTER(0);
	if (churn_read_spans(kind, false, PG_GETARG_DATUM(1), local, &span) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mrr_agg() subscription range is empty"),
				 errdetail("An empty range is a subscription active at no instant: it has no MRR to count."),
				 errhint("Leave such rows out: FILTER (WHERE NOT isempty(during)).")));
	v = amount_units(PG_GETARG_DATUM(2), &st->scale);

	mrr_state_reserve(st, 2);
	e = &st->ev[st->n++];
	if (span->lo_inf)
		*e = (CxMrrEvent) {PG_INT64_MIN, v, 0};
	else if (span->lo_inc)
		*e = (CxMrrEvent) {mrr_instant(kind, span->lo), v, 0};
	else
		*e = (CxMrrEvent) {mrr_instant(kind, span->lo), 0, v};
	if (!span->hi_inf)
	{
		e = &st->ev[st->n++];
		if (span->hi_inc)
			*e = (CxMrrEvent) {mrr_instant(kind, span->hi), 0, -v};
		else
			*e = (CxMrrEvent) {mrr_instant(kind, span->hi), -v, 0};
	}
	PG_RETURN_POINTER(st);
}

/* Transition function of mrr_agg(daterange, numeric). */
PG_FUNCTION_INFO_V1(mrr_agg_trans_date);
Datum
mrr_agg_trans_date(PG_FUNCTION_ARGS)
{
	return mrr_agg_trans(fcinfo, CHURN_DATE);
}

/* Transition function of mrr_agg(tstzrange, numeric). */
PG_FUNCTION_INFO_V1(mrr_agg_trans_tstz);
Datum
mrr_agg_trans_tstz(PG_FUNCTION_ARGS)
{
	return mrr_agg_trans(fcinfo, CHURN_TSTZ);
}

/* Combine function: the events of both. */
PG_FUNCTION_INFO_V1(mrr_agg_combine);
Datum
mrr_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	MrrAggState *a,
			   *b;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "mrr_agg_combine called in non-aggregate context");
	a = PG_ARGISNULL(0) ? NULL : (MrrAggState *) PG_GETARG_POINTER(0);
	b = PG_ARGISNULL(1) ? NULL : (MrrAggState *) PG_GETARG_POINTER(1);
	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
		a = mrr_state_new(aggcxt, b->kind, b->n);
	mrr_state_reserve(a, b->n);
	memcpy(a->ev + a->n, b->ev, b->n * sizeof(CxMrrEvent));
	a->n += b->n;
	a->scale = Max(a->scale, b->scale);
	PG_RETURN_POINTER(a);
}

/* Serial form of the state (parallel workers): kind, scale, n, events. */
PG_FUNCTION_INFO_V1(mrr_agg_serialize);
Datum
mrr_agg_serialize(PG_FUNCTION_ARGS)
{
	MrrAggState *st = (MrrAggState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, st->kind);
	pq_sendbyte(&buf, st->scale);
	pq_sendint64(&buf, st->n);
	pq_sendbytes(&buf, (const char *) st->ev, st->n * sizeof(CxMrrEvent));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(mrr_agg_deserialize);
Datum
mrr_agg_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	MemoryContext aggcxt;
	StringInfoData buf;
	MrrAggState *st;
	int			kind,
				scale;
	int64		n;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "mrr_agg_deserialize called in non-aggregate context");
	buf.data = VARDATA_ANY(b);
	buf.len = VARSIZE_ANY_EXHDR(b);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	kind = pq_getmsgbyte(&buf);
	scale = pq_getmsgbyte(&buf);
	n = pq_getmsgint64(&buf);
	if ((kind != CHURN_DATE && kind != CHURN_TSTZ) || scale > CX_REV_DECIMALS ||
		n < 0 || buf.len - buf.cursor != n * (int64) sizeof(CxMrrEvent))
		elog(ERROR, "invalid serialized mrr_agg state");
	st = mrr_state_new(aggcxt, (ChurnKind) kind, n);
	st->scale = scale;
	st->n = n;
	memcpy(st->ev, pq_getmsgbytes(&buf, n * sizeof(CxMrrEvent)), n * sizeof(CxMrrEvent));
	PG_RETURN_POINTER(st);
}

/* Final function: the timeline. */
PG_FUNCTION_INFO_V1(mrr_agg_final);
Datum
mrr_agg_final(PG_FUNCTION_ARGS)
{
	MrrAggState *st;
	CxMrrStep  *steps;
	int64		n,
				where = 0;
	CxRevStatus status;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (MrrAggState *) PG_GETARG_POINTER(0);
	steps = palloc(Max(st->n, 1) * sizeof(CxMrrStep));
	/* sorting the events in place is fine: the final function runs once */
	status = cx_mrr_build(st->ev, st->n, steps, &n, &where);
	if (status == CX_REV_NEGATIVE_MRR)
	{
		StringInfoData at;

		initStringInfo(&at);
		if (where == PG_INT64_MIN)
			appendStringInfoString(&at, "-infinity");
		else
			churn_append_instant(&at, st->kind, where);
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("mrr_agg() MRR of a customer is negative at %s", at.data),
				 errdetail("Negative amounts (discounts, credits) may only reduce a customer's MRR down to zero."),
				 errhint("Check the discount rows against the subscriptions they apply to.")));
	}
	if (status != CX_REV_OK)
		revenue_report(status, "mrr_timeline");
	if (n > CX_REV_MAX_STEPS)
		revenue_report(CX_REV_BAD_STEPS, "mrr_timeline");
	PG_RETURN_POINTER(mrr_new(st->kind, st->scale, steps, n));
}

/* ---------------------------------------------------------------------
 * revenue_agg()
 * ---------------------------------------------------------------------
 */

/* The call site, from the grid's origin type; cached in fn_extra. */
static ChurnCall *
revenue_call(FunctionCallInfo fcinfo)
{
	ChurnCall  *cc = (ChurnCall *) fcinfo->flinfo->fn_extra;
	Oid			origin;

	if (likely(cc != NULL))
		return cc;
	origin = cx_fn_argtype(fcinfo->flinfo, 2);
	if (origin != DATEOID && origin != TIMESTAMPTZOID)
		elog(ERROR, "revenue_agg() origin must be a date or a timestamptz, not of type %u", origin);
	cc = churn_call_new(fcinfo, origin == DATEOID ? CHURN_DATE : CHURN_TSTZ, "revenue_agg()", "revenue");
	fcinfo->flinfo->fn_extra = cc;
	return cc;
}

/* Steps of a timeline up to this many are read without palloc. */
#define MRR_LOCAL_STEPS 16

/*
 * A timeline's steps, read where the datum lies (a short header is not
 * copied), into local or palloc'd memory; returns how many, and its kind
 * and scale.
 */
static inline int64
read_timeline(Datum d, CxMrrStep *local, CxMrrStep **steps, int *kind, int *scale)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);
	const char *base;
	int32		n;

	if (VARATT_IS_EXTERNAL(v) || VARATT_IS_COMPRESSED(v))
		v = pg_detoast_datum(v);
	/* offsets count from where the value would start with a 4-byte header */
	base = VARDATA_ANY(v) - VARHDRSZ;
	*kind = (uint8) base[offsetof(MrrTimeline, kind)];
	*scale = (uint8) base[offsetof(MrrTimeline, scale)];
	memcpy(&n, base + offsetof(MrrTimeline, nsteps), sizeof(n));
	*steps = n <= MRR_LOCAL_STEPS ? local : palloc(n * sizeof(CxMrrStep));
	if (n > 0)
		memcpy(*steps, base + MRR_HDRSZ, (Size) n * sizeof(CxMrrStep));
	return n;
}

pg_noreturn static void
report_kind(const ChurnCall *cc)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("revenue_agg() timeline and grid differ in kind"),
			 errdetail("A timeline of %s needs a grid of %s.",
					   cc->kind == CHURN_DATE ? "timestamptz ranges" : "date ranges",
					   cc->kind == CHURN_DATE ? "timestamptz" : "dates"),
			 errhint("Build the timeline and the grid from the same type: mrr_agg(daterange, ...) with a date origin.")));
	pg_unreachable();
}

/*
 * Transition function of every revenue_agg(): adds one customer's
 * timeline.  Not strict: the first row creates the summary from its grid
 * arguments (even when its timeline is NULL), and a NULL timeline adds
 * nothing.
 */
PG_FUNCTION_INFO_V1(revenue_agg_trans);
Datum
revenue_agg_trans(PG_FUNCTION_ARGS)
{
	ChurnCall  *cc = revenue_call(fcinfo);
	ChurnArgs	a = churn_args(fcinfo, cc);
	RevenueState *s;
	GridView	v;

	if (PG_ARGISNULL(0))
	{
		ChurnGrid	g = churn_args_grid(cc, &a);

		s = revenue_new(&g, 0);
	}
	else
	{
		s = (RevenueState *) cx_state_arg(fcinfo);
		v = revenue_grid_view(s);
		churn_check_row(cc, &v, &a);
	}
	if (!PG_ARGISNULL(1))
	{
		CxMrrStep	local[MRR_LOCAL_STEPS];
		CxMrrStep  *steps;
		int			kind,
					scale;
		int64		n = read_timeline(PG_GETARG_DATUM(1), local, &steps, &kind, &scale);
		CxRevenue	r;
		CxRevStatus status;

		if (unlikely(kind != (int) cc->kind))
			report_kind(cc);
		v = revenue_grid_view(s);
		revenue_view(s, &r);
		r.index = churn_index(cc, &v);
		status = cx_rev_add(&r, steps, n);
		if (unlikely(status != CX_REV_OK))
			revenue_report(status, revenue_type_name(cc->kind));
		if (scale > s->scale)
			s->scale = scale;
	}
	PG_RETURN_POINTER(s);
}

/*
 * Merges the second summary into the first: the transition function of
 * rollup() and the combine function of every revenue_agg().
 */
PG_FUNCTION_INFO_V1(revenue_combine);
Datum
revenue_combine(PG_FUNCTION_ARGS)
{
	RevenueState *s = (RevenueState *) cx_state_arg(fcinfo);
	RevenueState *other = PG_GETARG_REVENUE_P(1);
	GridView	vs = revenue_grid_view(s),
				vo = revenue_grid_view(other);
	CxRevenue	dst,
				src;
	CxRevStatus status;

	if (!churn_views_same_grid(&vs, &vo))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine revenue summaries of different grids"),
				 errdetail("One has grid %s, the other %s.", churn_view_grid_text(&vs), churn_view_grid_text(&vo)),
				 errhint("Roll up summaries of one grid at a time.")));
	revenue_view(s, &dst);
	revenue_view(other, &src);
	status = cx_rev_merge(&dst, &src);
	if (status != CX_REV_OK)
		revenue_report(status, revenue_type_name((ChurnKind) s->kind));
	s->scale = Max(s->scale, other->scale);
	PG_RETURN_POINTER(s);
}
