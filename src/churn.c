/*
 * churn.c
 *		churn_summary and churn_tstz_summary: the readers of a summary
 *		(churn_periods, cohort_retention, ...), and the scalar helpers for
 *		users who have only two counts.
 *
 * What a summary is, and where the rest of its glue lives: churn.h.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "churn.h"

/* ---------------------------------------------------------------------
 * Readers
 * ---------------------------------------------------------------------
 */

/* The number of customers counted: rows whose activity was not empty. */
PG_FUNCTION_INFO_V1(churn_customers);
Datum
churn_customers(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_CHURN_P(0)->data[0]);
}

static Datum
bound_datum(const ChurnState *s, int64 v)
{
	return s->kind == CHURN_DATE ? DateADTGetDatum((DateADT) v) : TimestampTzGetDatum(v);
}

static Datum
ratio_datum(int64 num, int64 den, bool *isnull)
{
	double		r = cx_churn_ratio(num, den);

	*isnull = isnan(r);
	return Float8GetDatum(r);
}

/* How churn_periods() computes the rates. */
typedef enum ChurnMethod
{
	CHURN_METHOD_AT_START,		/* churned / customers at start */
	CHURN_METHOD_AT_START_PLUS_NEW	/* (churned + new lost) / (at start + new) */
} ChurnMethod;

static ChurnMethod
churn_method(text *t)
{
	static const struct
	{
		const char *name;
		ChurnMethod method;
	}			methods[] = {
		{"at_start", CHURN_METHOD_AT_START},
		{"at_start_plus_new", CHURN_METHOD_AT_START_PLUS_NEW},
		/* the 0.3.0 names, kept as aliases until 0.5.0 */
		{"default", CHURN_METHOD_AT_START},
		{"stripe", CHURN_METHOD_AT_START_PLUS_NEW},
	};
	char	   *m = text_to_cstring(t);

	for (size_t i = 0; i < lengthof(methods); i++)
		if (strcmp(m, methods[i].name) == 0)
			return methods[i].method;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown churn method \"%s\"", m),
			 errdetail("The methods are \"at_start\" (churned / customers at start) and \"at_start_plus_new\" ((churned + new customers lost) / (customers at start + new customers)); \"default\" and \"stripe\" are their deprecated 0.3.0 names.")));
	pg_unreachable();
}

/* What a reader keeps between the rows it returns: first the summary. */
typedef struct ChurnSrf
{
	MemoryContext mcxt;			/* the multi-call context, where all of it lives */
	ChurnState *s;				/* a copy of the summary */
	CxChurn		c;
} ChurnSrf;

/*
 * The first call of a set-returning reader: its context of size bytes,
 * which starts with a ChurnSrf.  Whatever else the reader keeps, it
 * allocates in ctx->mcxt.
 */
static void *
churn_srf_start(FunctionCallInfo fcinfo, Size size)
{
	FuncCallContext *fctx = SRF_FIRSTCALL_INIT();
	MemoryContext old = MemoryContextSwitchTo(fctx->multi_call_memory_ctx);
	ChurnSrf   *ctx;
	TupleDesc	tupdesc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	fctx->tuple_desc = BlessTupleDesc(tupdesc);
	ctx = palloc0(size);
	ctx->mcxt = fctx->multi_call_memory_ctx;
	ctx->s = (ChurnState *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));
	churn_view(ctx->s, &ctx->c);
	fctx->user_fctx = ctx;
	MemoryContextSwitchTo(old);
	return ctx;
}

typedef struct PeriodsCtx
{
	ChurnSrf	base;
	int64	   *active;
	ChurnMethod method;
} PeriodsCtx;

/*
 * One row per period: its bounds, the counters, and the churn and retention
 * rates under the chosen convention (NULL where the denominator is 0).
 */
PG_FUNCTION_INFO_V1(churn_periods);
Datum
churn_periods(PG_FUNCTION_ARGS)
{
	FuncCallContext *fctx;
	PeriodsCtx *ctx;

	if (SRF_IS_FIRSTCALL())
	{
		ctx = churn_srf_start(fcinfo, sizeof(PeriodsCtx));
		ctx->method = churn_method(PG_GETARG_TEXT_PP(1));
		ctx->active = MemoryContextAlloc(ctx->base.mcxt, (ctx->base.s->periods + 1) * sizeof(int64));
		cx_churn_active(&ctx->base.c, (int64_t *) ctx->active);
	}
	fctx = SRF_PERCALL_SETUP();
	ctx = (PeriodsCtx *) fctx->user_fctx;
	if (fctx->call_cntr < (uint64) ctx->base.s->periods)
	{
		int32		k = (int32) fctx->call_cntr;
		CxChurnPeriod p = cx_churn_period(&ctx->base.c, (const int64_t *) ctx->active, k);
		Datum		values[11];
		bool		nulls[11] = {false};
		int64		lost = p.churned,
					base = p.at_start;

		if (ctx->method == CHURN_METHOD_AT_START_PLUS_NEW)
		{
			lost += p.new_lost;
			base += p.new_;
		}
		values[0] = bound_datum(ctx->base.s, ctx->base.c.bounds[k]);
		values[1] = bound_datum(ctx->base.s, ctx->base.c.bounds[k + 1]);
		values[2] = Int64GetDatum(p.at_start);
		values[3] = Int64GetDatum(p.new_);
		values[4] = Int64GetDatum(p.reactivated);
		values[5] = Int64GetDatum(p.churned);
		values[6] = Int64GetDatum(p.at_end);
		values[7] = Int64GetDatum(p.new_lost);
		values[8] = Int64GetDatum(p.reactivated_lost);
		values[9] = ratio_datum(lost, base, &nulls[9]);
		values[10] = ratio_datum(base - lost, base, &nulls[10]);
		SRF_RETURN_NEXT(fctx, HeapTupleGetDatum(heap_form_tuple(fctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(fctx);
}

typedef struct CohortCtx
{
	ChurnSrf	base;
	int32		cohort;			/* the row being returned */
	int32		offset;
	int64	   *row;			/* its counts */
} CohortCtx;

/*
 * The cohort retention matrix, one row per cohort and offset: customers
 * new in a period, and how many of them are present at the end of each of
 * the periods after it.
 */
PG_FUNCTION_INFO_V1(churn_cohorts);
Datum
churn_cohorts(PG_FUNCTION_ARGS)
{
	FuncCallContext *fctx;
	CohortCtx  *ctx;

	if (SRF_IS_FIRSTCALL())
	{
		ctx = churn_srf_start(fcinfo, sizeof(CohortCtx));
		if (ctx->base.s->max_offset < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("this %s has no cohort counters", churn_type_name((ChurnKind) ctx->base.s->kind)),
					 errdetail("Its grid is %s.", churn_state_grid_text(ctx->base.s)),
					 errhint("Pass max_offset, the last period offset to follow each cohort for, as the fifth argument of churn_agg().")));
		ctx->row = MemoryContextAlloc(ctx->base.mcxt, (ctx->base.s->max_offset + 1) * sizeof(int64));
		cx_churn_retained(&ctx->base.c, 0, (int64_t *) ctx->row);
	}
	fctx = SRF_PERCALL_SETUP();
	ctx = (CohortCtx *) fctx->user_fctx;
	if (ctx->offset >= cx_churn_row_len(&ctx->base.c, ctx->cohort))
	{
		ctx->cohort++;
		ctx->offset = 0;
		if (ctx->cohort < ctx->base.s->periods)
			cx_churn_retained(&ctx->base.c, ctx->cohort, (int64_t *) ctx->row);
	}
	if (ctx->cohort < ctx->base.s->periods)
	{
		int64		size = ctx->base.c.new_[ctx->cohort];
		int64		retained = ctx->row[ctx->offset];
		Datum		values[5];
		bool		nulls[5] = {false};

		values[0] = bound_datum(ctx->base.s, ctx->base.c.bounds[ctx->cohort]);
		values[1] = Int32GetDatum(ctx->offset);
		values[2] = Int64GetDatum(size);
		values[3] = Int64GetDatum(retained);
		values[4] = ratio_datum(retained, size, &nulls[4]);
		ctx->offset++;
		SRF_RETURN_NEXT(fctx, HeapTupleGetDatum(heap_form_tuple(fctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(fctx);
}

/* ---------------------------------------------------------------------
 * Scalar helpers, for users who have only two counts
 * ---------------------------------------------------------------------
 */

static void
check_count(int64 v, const char *name)
{
	if (v < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s " INT64_FORMAT " is negative", name, v),
				 errdetail("Customer counts are zero or more.")));
}

/* customers_lost / customers_at_start; NULL when nobody was there at the start. */
PG_FUNCTION_INFO_V1(churn_rate_counts);
Datum
churn_rate_counts(PG_FUNCTION_ARGS)
{
	int64		start = PG_GETARG_INT64(0);
	int64		lost = PG_GETARG_INT64(1);

	check_count(start, "customers_at_start");
	check_count(lost, "customers_lost");
	if (lost > start)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customers_lost " INT64_FORMAT " exceeds customers_at_start " INT64_FORMAT, lost, start),
				 errdetail("customers_lost counts the customers of the start who left during the period, so it is at most customers_at_start."),
				 errhint("Customers who joined and left within the period belong to neither count; churn_periods(s, 'at_start_plus_new') counts them.")));
	if (start == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) lost / (double) start);
}

/*
 * (customers_at_start - customers_at_end) / customers_at_start: the naive
 * rate, which nets new customers against lost ones.  NULL for no customers
 * at the start.
 */
PG_FUNCTION_INFO_V1(churn_rate_naive);
Datum
churn_rate_naive(PG_FUNCTION_ARGS)
{
	int64		start = PG_GETARG_INT64(0);
	int64		end = PG_GETARG_INT64(1);

	check_count(start, "customers_at_start");
	check_count(end, "customers_at_end");
	if (start == 0)
		PG_RETURN_NULL();
	/* both are non-negative: the difference cannot overflow */
	PG_RETURN_FLOAT8((double) (start - end) / (double) start);
}
