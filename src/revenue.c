/*
 * revenue.c
 *		revenue_summary and revenue_tstz_summary: the readers
 *		(revenue_periods, revenue_cohort_retention, customers).
 *
 * What a summary is, and where the rest of its glue lives: revenue.h.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "revenue.h"

/* The number of customers counted: rows whose timeline was not NULL. */
PG_FUNCTION_INFO_V1(revenue_customers);
Datum
revenue_customers(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_REVENUE_P(0)->data[0]);
}

/*
 * mrr_at(timeline, t): the customer's MRR carried across t, as a grid
 * boundary at t counts it; t is a date or a timestamptz, as the timeline.
 */
static Datum
mrr_at(FunctionCallInfo fcinfo, ChurnKind kind, int64 t)
{
	MrrTimeline *tl = PG_GETARG_MRR_P(0);
	CxMrrStep  *steps;

	if (tl->kind != kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mrr_at() timeline and instant differ in kind"),
				 errdetail("A timeline of %s is read at a %s.",
						   tl->kind == CHURN_DATE ? "date ranges" : "timestamptz ranges",
						   tl->kind == CHURN_DATE ? "date" : "timestamptz")));
	steps = palloc(Max(tl->nsteps, 1) * sizeof(CxMrrStep));
	mrr_steps(tl, steps);
	return revenue_amount_datum(cx_mrr_at(steps, tl->nsteps, t), tl->scale);
}

PG_FUNCTION_INFO_V1(mrr_at_date);
Datum
mrr_at_date(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(1);
	int64		t = d == DATEVAL_NOBEGIN ? PG_INT64_MIN : d == DATEVAL_NOEND ? PG_INT64_MAX : d;

	return mrr_at(fcinfo, CHURN_DATE, t);
}

PG_FUNCTION_INFO_V1(mrr_at_tstz);
Datum
mrr_at_tstz(PG_FUNCTION_ARGS)
{
	return mrr_at(fcinfo, CHURN_TSTZ, PG_GETARG_TIMESTAMPTZ(1));
}

static Datum
bound_datum(const RevenueState *s, int64 v)
{
	return s->kind == CHURN_DATE ? DateADTGetDatum((DateADT) v) : TimestampTzGetDatum(v);
}

/* num / den as float8, NULL when den is 0; num may be any sum of amounts. */
static Datum
ratio_datum(__int128 num, int64 den, bool *isnull)
{
	*isnull = den == 0;
	return Float8GetDatum(den == 0 ? 0.0 : (double) num / (double) den);
}

/* What a reader keeps between the rows it returns. */
typedef struct RevenueSrf
{
	MemoryContext mcxt;
	RevenueState *s;
	CxRevenue	r;
	int64	   *mrr;			/* levels, P + 1 */
	int64	   *paying;
	int32		cohort;			/* revenue_cohort_retention: the row being returned */
	int32		offset;
	int64	   *row_mrr;
	int64	   *row_paying;
} RevenueSrf;

static RevenueSrf *
revenue_srf_start(FunctionCallInfo fcinfo)
{
	FuncCallContext *fctx = SRF_FIRSTCALL_INIT();
	MemoryContext old = MemoryContextSwitchTo(fctx->multi_call_memory_ctx);
	RevenueSrf *ctx;
	TupleDesc	tupdesc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	fctx->tuple_desc = BlessTupleDesc(tupdesc);
	ctx = palloc0(sizeof(RevenueSrf));
	ctx->mcxt = fctx->multi_call_memory_ctx;
	ctx->s = (RevenueState *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));
	revenue_view(ctx->s, &ctx->r);
	ctx->mrr = palloc((ctx->s->periods + 1) * sizeof(int64));
	ctx->paying = palloc((ctx->s->periods + 1) * sizeof(int64));
	cx_rev_levels(&ctx->r, (int64_t *) ctx->mrr, (int64_t *) ctx->paying);
	ctx->row_mrr = palloc((ctx->s->max_offset + 2) * sizeof(int64));
	ctx->row_paying = palloc((ctx->s->max_offset + 2) * sizeof(int64));
	fctx->user_fctx = ctx;
	MemoryContextSwitchTo(old);
	return ctx;
}

/*
 * One row per period: bounds, MRR at start, the five movements, MRR at
 * end and net new MRR; paying customers at start, per movement and at end;
 * NRR, GRR, quick ratio and ARPA (NULL where the denominator is 0).
 */
PG_FUNCTION_INFO_V1(revenue_periods);
Datum
revenue_periods(PG_FUNCTION_ARGS)
{
	FuncCallContext *fctx;
	RevenueSrf *ctx;

	if (SRF_IS_FIRSTCALL())
		revenue_srf_start(fcinfo);
	fctx = SRF_PERCALL_SETUP();
	ctx = (RevenueSrf *) fctx->user_fctx;
	if (fctx->call_cntr < (uint64) ctx->s->periods)
	{
		int32		k = (int32) fctx->call_cntr;
		int			scale = ctx->s->scale;
		CxRevPeriod p = cx_rev_period(&ctx->r, (const int64_t *) ctx->mrr,
									  (const int64_t *) ctx->paying, k);
		Datum		values[21];
		bool		nulls[21] = {false};
		__int128	kept = (__int128) p.mrr_start - p.amount[CX_REV_CONTRACTION] - p.amount[CX_REV_CHURNED];
		int			i = 0;

		values[i++] = bound_datum(ctx->s, ctx->r.bounds[k]);
		values[i++] = bound_datum(ctx->s, ctx->r.bounds[k + 1]);
		values[i++] = revenue_amount_datum(p.mrr_start, scale);
		for (int m = 0; m < 5; m++)
			values[i++] = revenue_amount_datum(p.amount[m], scale);
		values[i++] = revenue_amount_datum(p.mrr_end, scale);
		/* both are in 0..mrr_bound: the difference cannot overflow */
		values[i++] = NumericGetDatum(int64_div_fast_to_numeric((p.mrr_end - p.mrr_start) / revenue_unit(scale), scale));
		values[i++] = Int64GetDatum(p.paying_start);
		for (int m = 0; m < 5; m++)
			values[i++] = Int64GetDatum(p.count[m]);
		values[i++] = Int64GetDatum(p.paying_end);
		values[i] = ratio_datum(kept + p.amount[CX_REV_EXPANSION], p.mrr_start, &nulls[i]);
		i++;
		values[i] = ratio_datum(kept, p.mrr_start, &nulls[i]);
		i++;
		values[i] = ratio_datum((__int128) p.amount[CX_REV_NEW] + p.amount[CX_REV_EXPANSION] +
								p.amount[CX_REV_REACTIVATION],
								p.amount[CX_REV_CONTRACTION] + p.amount[CX_REV_CHURNED], &nulls[i]);
		i++;
		if (p.paying_end == 0)
			nulls[i] = true;
		else
			values[i] = DirectFunctionCall2(numeric_round,
											DirectFunctionCall2(numeric_div,
																revenue_amount_datum(p.mrr_end, scale),
																NumericGetDatum(int64_to_numeric(p.paying_end))),
											Int32GetDatum(CX_REV_DECIMALS));
		i++;
		Assert(i == lengthof(values));
		SRF_RETURN_NEXT(fctx, HeapTupleGetDatum(heap_form_tuple(fctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(fctx);
}

/*
 * The revenue cohort matrix, one row per cohort and offset: customers
 * first paying in a period, their MRR at its end (offset 0) and at the end
 * of each period after it, and how many of them pay then.
 */
PG_FUNCTION_INFO_V1(revenue_cohorts);
Datum
revenue_cohorts(PG_FUNCTION_ARGS)
{
	FuncCallContext *fctx;
	RevenueSrf *ctx;

	if (SRF_IS_FIRSTCALL())
	{
		ctx = revenue_srf_start(fcinfo);
		if (ctx->s->max_offset < 0)
		{
			GridView	v = revenue_grid_view(ctx->s);

			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("this %s has no cohort counters", revenue_type_name((ChurnKind) ctx->s->kind)),
					 errdetail("Its grid is %s.", churn_view_grid_text(&v)),
					 errhint("Pass max_offset, the last period offset to follow each cohort for, as the fifth argument of revenue_agg().")));
		}
		cx_rev_cohort(&ctx->r, 0, (int64_t *) ctx->row_mrr, (int64_t *) ctx->row_paying);
	}
	fctx = SRF_PERCALL_SETUP();
	ctx = (RevenueSrf *) fctx->user_fctx;
	if (ctx->offset >= cx_rev_row_len(&ctx->r, ctx->cohort))
	{
		ctx->cohort++;
		ctx->offset = 0;
		if (ctx->cohort < ctx->s->periods)
			cx_rev_cohort(&ctx->r, ctx->cohort, (int64_t *) ctx->row_mrr, (int64_t *) ctx->row_paying);
	}
	if (ctx->cohort < ctx->s->periods)
	{
		int32		c = ctx->cohort;
		int64		size = ctx->r.first_paid[c];
		int64		start_mrr = ctx->row_mrr[0];
		Datum		values[8];
		bool		nulls[8] = {false};

		values[0] = bound_datum(ctx->s, ctx->r.bounds[c]);
		values[1] = Int32GetDatum(ctx->offset);
		values[2] = Int64GetDatum(size);
		values[3] = revenue_amount_datum(start_mrr, ctx->s->scale);
		values[4] = Int64GetDatum(ctx->row_paying[ctx->offset]);
		values[5] = revenue_amount_datum(ctx->row_mrr[ctx->offset], ctx->s->scale);
		values[6] = ratio_datum(ctx->row_mrr[ctx->offset], start_mrr, &nulls[6]);
		values[7] = ratio_datum(ctx->row_paying[ctx->offset], size, &nulls[7]);
		ctx->offset++;
		SRF_RETURN_NEXT(fctx, HeapTupleGetDatum(heap_form_tuple(fctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(fctx);
}
