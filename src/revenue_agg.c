/*
 * revenue_agg.c
 *		mrr_agg(): one customer's subscription rows into an MRR timeline;
 *		revenue_agg(): timelines, one per customer, into a revenue summary
 *		over a grid; and their combine functions (see revenue.h).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
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
 * mrr_agg(): the state is an mrr_timeline in the MRR_EVENTS layout (see
 * revenue.h), the subscription rows' changes of MRR, appended in place;
 * the final function sorts them into steps.
 * ---------------------------------------------------------------------
 */

/* Events a timeline of this size holds. */
static inline int64
mrr_capacity(const MrrTimeline *t)
{
	return (int64) ((VARSIZE(t) - MRR_HDRSZ) / sizeof(CxMrrEvent));
}

/* A new events state with room for cap events. */
static MrrTimeline *
mrr_events_new(ChurnKind kind, int scale, int64 cap)
{
	Size		size = MRR_HDRSZ + (Size) cap * sizeof(CxMrrEvent);
	MrrTimeline *t = palloc0(size);

	SET_VARSIZE(t, size);
	t->version = REVENUE_VERSION;
	t->kind = kind;
	t->scale = scale;
	t->layout = MRR_EVENTS;
	return t;
}

/*
 * t as events with room for k more: t itself when it has the room, else
 * a copy at least twice as large (the executor copies a new state into
 * the aggregate's memory and frees the old one, so growth by doubling is
 * O(1) per row amortised).  A timeline in steps becomes the events that
 * make it.
 */
static MrrTimeline *
mrr_events_reserve(MrrTimeline *t, int64 k)
{
	MrrTimeline *e;
	int64		cap;

	if (likely(t->layout == MRR_EVENTS && t->nsteps + k <= mrr_capacity(t)))
		return t;
	if (t->nsteps + k > 2 * (int64) CX_REV_MAX_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("mrr_agg() got too many subscription rows for one customer"),
				 errdetail("One customer may have at most %d rows.", CX_REV_MAX_STEPS),
				 errhint("Group the rows by customer: GROUP BY customer_id.")));
	cap = Max(2, 2 * (t->nsteps + k));
	e = mrr_events_new((ChurnKind) t->kind, t->scale, cap);
	if (t->layout == MRR_EVENTS)
		memcpy(e->steps, t->steps, (Size) t->nsteps * sizeof(CxMrrEvent));
	else
	{
		CxMrrStep  *steps = palloc(Max(t->nsteps, 1) * sizeof(CxMrrStep));
		CxMrrEvent *ev = (CxMrrEvent *) e->steps;
		int64		left = 0;

		mrr_steps(t, steps);
		for (int32 i = 0; i < t->nsteps; i++)
		{
			ev[i].x = steps[i].x;
			ev[i].d_at = steps[i].at - left;
			ev[i].d_after = steps[i].after - steps[i].at;
			left = steps[i].after;
		}
	}
	e->nsteps = t->nsteps;
	return e;
}

/* True inside an aggregate: the state may be changed in place. */
static inline bool
in_aggregate(FunctionCallInfo fcinfo)
{
	return fcinfo->context &&
		(IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState));
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
	MrrTimeline *t;
	CxSpan		local[CHURN_LOCAL_SPANS];
	CxSpan	   *span;
	int64		v;
	int			scale;
	CxMrrEvent *e;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("mrr_agg() %s must not be null", PG_ARGISNULL(1) ? "subscription range" : "amount"),
				 errdetail("Every subscription row needs its range and its monthly amount."),
				 errhint("Leave out rows without one: mrr_agg(during, amount) FILTER (WHERE during IS NOT NULL AND amount IS NOT NULL).")));
	if (churn_read_spans(kind, false, PG_GETARG_DATUM(1), local, &span) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mrr_agg() subscription range is empty"),
				 errdetail("An empty range is a subscription active at no instant: it has no MRR to count."),
				 errhint("Leave such rows out: FILTER (WHERE NOT isempty(during)).")));
	t = PG_ARGISNULL(0) ? mrr_events_new(kind, 0, 4) : (MrrTimeline *) cx_state_arg(fcinfo);
	if (unlikely(t->kind != kind))
		elog(ERROR, "mrr_agg() state of kind %d for rows of kind %d", t->kind, kind);
	scale = t->scale;
	v = amount_units(PG_GETARG_DATUM(2), &scale);
	t = mrr_events_reserve(t, 2);
	t->scale = scale;

	e = (CxMrrEvent *) t->steps + t->nsteps;
	if (span->lo_inf)
		*e = (CxMrrEvent) {PG_INT64_MIN, v, 0};
	else if (span->lo_inc)
		*e = (CxMrrEvent) {mrr_instant(kind, span->lo), v, 0};
	else
		*e = (CxMrrEvent) {mrr_instant(kind, span->lo), 0, v};
	t->nsteps++;
	if (!span->hi_inf)
	{
		e++;
		if (span->hi_inc)
			*e = (CxMrrEvent) {mrr_instant(kind, span->hi), 0, -v};
		else
			*e = (CxMrrEvent) {mrr_instant(kind, span->hi), -v, 0};
		t->nsteps++;
	}
	/* a plain call returns a value a user may see and store: steps */
	PG_RETURN_POINTER(in_aggregate(fcinfo) ? t : mrr_canonical(t));
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

/*
 * Combine function of mrr_agg(): the events of both.  A partial state
 * shipped as text (Citus) comes back in steps: they become events.
 */
PG_FUNCTION_INFO_V1(mrr_timeline_combine);
Datum
mrr_timeline_combine(PG_FUNCTION_ARGS)
{
	MrrTimeline *a = (MrrTimeline *) cx_state_arg(fcinfo);
	MrrTimeline *b = (MrrTimeline *) PG_DETOAST_DATUM(PG_GETARG_DATUM(1));

	if (a->kind != b->kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine mrr_timeline values of date and timestamptz ranges")));
	b = mrr_events_reserve(b, 0);
	a = mrr_events_reserve(a, b->nsteps);
	memcpy((CxMrrEvent *) a->steps + a->nsteps, b->steps, (Size) b->nsteps * sizeof(CxMrrEvent));
	a->nsteps += b->nsteps;
	a->scale = Max(a->scale, b->scale);
	PG_RETURN_POINTER(in_aggregate(fcinfo) ? a : mrr_canonical(a));
}

/* Final function of mrr_agg(): the timeline, in steps. */
PG_FUNCTION_INFO_V1(mrr_agg_final);
Datum
mrr_agg_final(PG_FUNCTION_ARGS)
{
	MrrTimeline *t = mrr_canonical((MrrTimeline *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0)));

	if (t->nsteps > CX_REV_MAX_STEPS)
		revenue_report(CX_REV_BAD_STEPS, "mrr_timeline");
	PG_RETURN_POINTER(t);
}

/* ---------------------------------------------------------------------
 * revenue_agg()
 * ---------------------------------------------------------------------
 */

/* The call site, from the grid's origin type; kept by churn_call_keep(). */
static ChurnCall *
revenue_call(FunctionCallInfo fcinfo)
{
	ChurnCall  *cc = churn_call_find(fcinfo);
	Oid			origin;

	if (likely(cc != NULL))
		return cc;
	origin = cx_fn_argtype(fcinfo->flinfo, 2);
	if (origin != DATEOID && origin != TIMESTAMPTZOID)
		elog(ERROR, "revenue_agg() origin must be a date or a timestamptz, not of type %u", origin);
	cc = churn_call_new(fcinfo, origin == DATEOID ? CHURN_DATE : CHURN_TSTZ, "revenue_agg()", "revenue");
	return churn_call_keep(fcinfo, cc);
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
	if (unlikely(base[offsetof(MrrTimeline, layout)] != MRR_STEPS))
	{
		/* not a stored value: an aggregate's state passed on as it is */
		v = (struct varlena *) mrr_canonical((MrrTimeline *) pg_detoast_datum(v));
		base = (const char *) v;
	}
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
