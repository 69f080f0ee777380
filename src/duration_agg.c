/*
 * duration_agg.c
 *		The aggregates of duration_summary: duration_agg() over intervals or
 *		seconds (open cases and the relative error optional), rollup(), and
 *		their moving-aggregate inverses.
 *
 * Inside an aggregate the state is DENSE: two int64 arrays over a range of
 * buckets, so that a row costs a table lookup and two increments, with no
 * allocation.  When a row falls outside the range, the state is replaced by
 * a wider one (the executor copies it into its context and frees the old
 * one); the width at least doubles, so that happens a few times per group.
 * The final function compacts the state; called as plain functions, the
 * transition functions return compact values too, so every value seen
 * outside an aggregate is canonical.
 */
#include "postgres.h"

#include "utils/timestamp.h"

#include "duration.h"

static inline bool
in_aggregate(FunctionCallInfo fcinfo)
{
	return fcinfo->context &&
		(IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState));
}

/* A DENSE copy of s over [lo, lo + n), which must cover s's buckets. */
static DurationSummary *
dense_copy(const DurationSummary *s, int32 lo, int32 n)
{
	DurationSummary *r = duration_new_dense(s->h.ppm, lo, n);
	CxDurView	v = duration_view(s);

	if (cx_dur_merge(&r->h, duration_comp(r), duration_open(r), &v) != CX_DUR_OK)
		elog(ERROR, "duration_summary copy overflowed");
	return r;
}

/*
 * s widened to hold buckets first..last: s itself when it already does.  A
 * new range at least doubles the width, within the map's range.
 */
static DurationSummary *
widen(DurationSummary *s, const CxDurMap *m, int32 first, int32 last)
{
	int32		lo,
				hi,
				want;

	if (s->form == CX_DUR_DENSE && s->h.n > 0 &&
		first >= s->h.lo && last < s->h.lo + s->h.n)
		return s;
	if (s->form == CX_DUR_DENSE && s->h.n > 0)
	{
		lo = Min(first, s->h.lo);
		hi = Max(last, s->h.lo + s->h.n - 1);
		want = Max(2 * s->h.n, 32);
	}
	else
	{
		CxDurView	v = duration_view(s);
		int32		f,
					l;

		if (cx_dur_range(&v, &f, &l))
		{
			first = Min(first, f);
			last = Max(last, l);
		}
		lo = first;
		hi = last;
		want = 32;
	}
	/* grow on the side that needed it, or both */
	if (hi - lo + 1 < want)
	{
		int32		extra = want - (hi - lo + 1);

		if (s->form == CX_DUR_DENSE && s->h.n > 0 && first >= s->h.lo)
			hi += extra;
		else if (s->form == CX_DUR_DENSE && s->h.n > 0 && last < s->h.lo + s->h.n)
			lo -= extra;
		else
		{
			lo -= extra / 2;
			hi += extra - extra / 2;
		}
	}
	lo = Max(lo, m->imin);
	hi = Min(hi, m->imax);
	return dense_copy(s, lo, hi - lo + 1);
}

/* The state of a transition or combine call, ready to change, of relative error ppm. */
static DurationSummary *
state_arg(FunctionCallInfo fcinfo, int32 ppm)
{
	DurationSummary *s;

	if (PG_ARGISNULL(0))
		return duration_new_dense(ppm, 0, 0);
	s = (DurationSummary *) cx_state_arg(fcinfo);
	if (unlikely(s->h.ppm != ppm))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot mix relative errors in one duration summary"),
				 errdetail("The summary has relative error %g, the row %g.",
						   s->h.ppm / 1e6, ppm / 1e6),
				 errhint("Pass the same relative_error on every row.")));
	return s;
}

static inline Datum
state_result(FunctionCallInfo fcinfo, DurationSummary *s)
{
	if (in_aggregate(fcinfo))
		PG_RETURN_DURATION_P(s);
	PG_RETURN_DURATION_P(duration_compact(s));
}

/*
 * The open flag and relative error arguments of the 3- and 4-argument forms
 * (open is not read, and may be NULL, when open == NULL: a row without a
 * duration).
 */
static inline void
row_options(FunctionCallInfo fcinfo, bool *open, int32 *ppm)
{
	*ppm = CX_DUR_PPM_DEFAULT;
	if (open != NULL && PG_NARGS() > 2)
	{
		if (unlikely(PG_ARGISNULL(2)))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("the open flag of a duration must not be null"),
					 errhint("Pass true for a case still open, false for a completed one.")));
		*open = PG_GETARG_BOOL(2);
	}
	else if (open != NULL)
		*open = false;
	if (PG_NARGS() > 3)
	{
		if (unlikely(PG_ARGISNULL(3)))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("the relative error of duration_agg() must not be null")));
		*ppm = duration_ppm(PG_GETARG_FLOAT8(3));
	}
}

/* One row, added (or removed, in a moving window). */
static inline Datum
duration_step(FunctionCallInfo fcinfo, double x, uint64 us, bool remove)
{
	bool		open;
	int32		ppm;
	DurationSummary *s;
	const CxDurMap *m;
	int32		i = 0;
	CxDurStatus st;

	row_options(fcinfo, &open, &ppm);
	s = state_arg(fcinfo, ppm);
	m = duration_map(ppm);
	if (x != 0.0)
	{
		i = cx_dur_index(m, x);
		if (unlikely(s->form != CX_DUR_DENSE || i < s->h.lo || i >= s->h.lo + s->h.n))
			s = widen(s, m, i, i);
	}
	else if (unlikely(s->form != CX_DUR_DENSE))
		s = widen(s, m, 0, 0);
	if (!remove)
		st = cx_dur_add(&s->h, duration_comp(s), duration_open(s), x, us, i, open);
	else
	{
		bool		gave_up;

		st = cx_dur_remove(&s->h, duration_comp(s), duration_open(s), x, us, i, open,
						   &gave_up);
		if (st == CX_DUR_OK && gave_up)
			PG_RETURN_NULL();
	}
	if (unlikely(st != CX_DUR_OK))
		duration_report(st, ERRCODE_DATA_EXCEPTION);
	return state_result(fcinfo, s);
}

/* With no duration (NULL), a row adds nothing, but the first call creates the state. */
static Datum
duration_null_row(FunctionCallInfo fcinfo)
{
	int32		ppm;

	row_options(fcinfo, NULL, &ppm);
	return state_result(fcinfo, state_arg(fcinfo, ppm));
}

/* A row of interval input (argument 1), added or removed. */
static Datum
interval_row(FunctionCallInfo fcinfo, bool remove)
{
	uint64		us;
	double		x;

	if (PG_ARGISNULL(1))
		return duration_null_row(fcinfo);
	x = duration_interval_seconds(PG_GETARG_INTERVAL_P(1), &us);
	return duration_step(fcinfo, x, us, remove);
}

/* A row of float8 seconds (argument 1), added or removed. */
static Datum
seconds_row(FunctionCallInfo fcinfo, bool remove)
{
	uint64		us;
	double		x;

	if (PG_ARGISNULL(1))
		return duration_null_row(fcinfo);
	x = duration_seconds(PG_GETARG_FLOAT8(1), &us);
	return duration_step(fcinfo, x, us, remove);
}

/* Transition function of duration_agg(interval [, open [, relative_error]]). */
PG_FUNCTION_INFO_V1(duration_trans_interval);
Datum
duration_trans_interval(PG_FUNCTION_ARGS)
{
	return interval_row(fcinfo, false);
}

/* Transition function of duration_agg(float8 seconds [, open [, relative_error]]). */
PG_FUNCTION_INFO_V1(duration_trans_float8);
Datum
duration_trans_float8(PG_FUNCTION_ARGS)
{
	return seconds_row(fcinfo, false);
}

/* Inverse transition of duration_agg(interval, ...) in a moving window. */
PG_FUNCTION_INFO_V1(duration_inv_interval);
Datum
duration_inv_interval(PG_FUNCTION_ARGS)
{
	return interval_row(fcinfo, true);
}

/* Inverse transition of duration_agg(float8, ...) in a moving window. */
PG_FUNCTION_INFO_V1(duration_inv_float8);
Datum
duration_inv_float8(PG_FUNCTION_ARGS)
{
	return seconds_row(fcinfo, true);
}

/* The buckets of b, or (0, 0) when it has none. */
static void
bucket_range(const DurationSummary *b, int32 *first, int32 *last)
{
	CxDurView	v = duration_view(b);

	if (!cx_dur_range(&v, first, last))
		*first = *last = 0;
}

/*
 * The state (argument 0) widened to hold the buckets of the summary b
 * (argument 1), checked: what merging and unmerging b need.
 */
static DurationSummary *
state_for(FunctionCallInfo fcinfo, DurationSummary *b)
{
	const CxDurMap *m = duration_check(b, ERRCODE_DATA_CORRUPTED, "rollup()");
	DurationSummary *a = state_arg(fcinfo, b->h.ppm);
	int32		first,
				last;

	bucket_range(b, &first, &last);
	return widen(a, m, first, last);
}

/* Merges two summaries: transition function of rollup() and combine function of duration_agg(). */
PG_FUNCTION_INFO_V1(duration_summary_combine);
Datum
duration_summary_combine(PG_FUNCTION_ARGS)
{
	DurationSummary *b = PG_GETARG_DURATION_P(1);
	DurationSummary *a = state_for(fcinfo, b);
	CxDurView	vb = duration_view(b);
	CxDurStatus st = cx_dur_merge(&a->h, duration_comp(a), duration_open(a), &vb);

	if (st != CX_DUR_OK)
		duration_report(st, ERRCODE_DATA_EXCEPTION);
	return state_result(fcinfo, a);
}

/* Removes the second summary from the first: inverse transition of rollup() in a moving window. */
PG_FUNCTION_INFO_V1(duration_summary_uncombine);
Datum
duration_summary_uncombine(PG_FUNCTION_ARGS)
{
	DurationSummary *b = PG_GETARG_DURATION_P(1);
	DurationSummary *a = state_for(fcinfo, b);
	CxDurView	vb = duration_view(b);
	bool		gave_up;
	CxDurStatus st = cx_dur_unmerge(&a->h, duration_comp(a), duration_open(a), &vb, &gave_up);

	if (st != CX_DUR_OK)
		duration_report(st, ERRCODE_DATA_EXCEPTION);
	if (gave_up)
		PG_RETURN_NULL();
	return state_result(fcinfo, a);
}

/* Final function of every duration aggregate: the compact, stored form. */
PG_FUNCTION_INFO_V1(duration_summary_final);
Datum
duration_summary_final(PG_FUNCTION_ARGS)
{
	PG_RETURN_DURATION_P(duration_compact(PG_GETARG_DURATION_P(0)));
}
