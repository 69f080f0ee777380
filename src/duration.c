/*
 * duration.c
 *		The accessors of duration_summary and duration_test(): counts, the
 *		exact mean, percentiles within the relative error, SLA attainment,
 *		and, with open cases censored, the Kaplan-Meier curve, its
 *		percentiles with their confidence intervals, and the log-rank test.
 *
 * Durations come out as intervals (to the microsecond), shares as float8.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "cx_core.h"
#include "duration.h"

/*
 * Seconds as an interval of whole microseconds, in days and a time of day,
 * as timestamp subtraction gives them (the longest durations, 2^44 s, do
 * not fit in the time field alone).
 */
static Datum
interval_of(double seconds)
{
	Interval   *iv = palloc0(sizeof(Interval));
	double		us = rint(seconds * 1e6);
	double		days = trunc(us / (double) USECS_PER_DAY);

	iv->day = (int32) days;
	iv->time = (int64) (us - days * (double) USECS_PER_DAY);
	return IntervalPGetDatum(iv);
}

#define RETURN_SECONDS(x) \
	do { double x_ = (x); if (isnan(x_)) PG_RETURN_NULL(); return interval_of(x_); } while (0)

#define RETURN_FLOAT(x) \
	do { double x_ = (x); if (isnan(x_)) PG_RETURN_NULL(); PG_RETURN_FLOAT8(x_); } while (0)

/* An interval argument as seconds: any finite one (negative ones too). */
static double
interval_arg(FunctionCallInfo fcinfo, int n)
{
	Interval   *iv = PG_GETARG_INTERVAL_P(n);

	return DatumGetFloat8(DirectFunctionCall2(interval_part, CStringGetTextDatum("epoch"),
											  IntervalPGetDatum(iv)));
}

static double
share_arg(double q)
{
	if (!(q >= 0.0 && q <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("share %g is out of range", q),
				 errdetail("A percentile is asked as a share of cases between 0 and 1, such as 0.9.")));
	return q;
}

/* Number of cases, completed and open. */
PG_FUNCTION_INFO_V1(duration_cases);
Datum
duration_cases(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION_P(0);

	PG_RETURN_INT64(s->h.completed + s->h.open);
}

/* Number of completed cases. */
PG_FUNCTION_INFO_V1(duration_completed);
Datum
duration_completed(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_DURATION_P(0)->h.completed);
}

/* Number of open cases. */
PG_FUNCTION_INFO_V1(duration_open_cases);
Datum
duration_open_cases(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_DURATION_P(0)->h.open);
}

/* The relative error alpha of the buckets. */
PG_FUNCTION_INFO_V1(duration_relative_error);
Datum
duration_relative_error(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_DURATION_P(0)->h.ppm / 1e6);
}

/* The exact mean of the completed durations. */
PG_FUNCTION_INFO_V1(duration_mean);
Datum
duration_mean(PG_FUNCTION_ARGS)
{
	RETURN_SECONDS(cx_dur_moments(&PG_GETARG_DURATION_P(0)->h).mean);
}

/* Standard error of the mean: sample standard deviation / sqrt(n). */
PG_FUNCTION_INFO_V1(duration_mean_stderr);
Datum
duration_mean_stderr(PG_FUNCTION_ARGS)
{
	RETURN_SECONDS(cx_dur_moments(&PG_GETARG_DURATION_P(0)->h).se);
}

/* Lower bound of the normal interval of the mean, clipped at 0. */
PG_FUNCTION_INFO_V1(duration_mean_lower);
Datum
duration_mean_lower(PG_FUNCTION_ARGS)
{
	CxDurMoments mo = cx_dur_moments(&PG_GETARG_DURATION_P(0)->h);
	double		z = cx_confidence_z(PG_GETARG_FLOAT8(1));

	RETURN_SECONDS(fmax(0.0, mo.mean - z * mo.se));
}

/* Upper bound of the normal interval of the mean. */
PG_FUNCTION_INFO_V1(duration_mean_upper);
Datum
duration_mean_upper(PG_FUNCTION_ARGS)
{
	CxDurMoments mo = cx_dur_moments(&PG_GETARG_DURATION_P(0)->h);
	double		z = cx_confidence_z(PG_GETARG_FLOAT8(1));

	RETURN_SECONDS(mo.mean + z * mo.se);
}

/* The shortest completed duration, exact. */
PG_FUNCTION_INFO_V1(duration_shortest);
Datum
duration_shortest(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION_P(0);

	RETURN_SECONDS(s->h.completed ? s->h.min : NAN);
}

/* The longest completed duration, exact. */
PG_FUNCTION_INFO_V1(duration_longest);
Datum
duration_longest(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION_P(0);

	RETURN_SECONDS(s->h.completed ? s->h.max : NAN);
}

/* The q-percentile of the completed durations, within the relative error. */
PG_FUNCTION_INFO_V1(duration_percentile);
Datum
duration_percentile(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION_P(0);
	double		q = share_arg(PG_GETARG_FLOAT8(1));
	CxDurView	v = duration_view(s);

	RETURN_SECONDS(cx_dur_percentile(&v, duration_map(s->h.ppm), q));
}

/* Several percentiles at once, in the order asked; NULL elements stay NULL. */
PG_FUNCTION_INFO_V1(duration_percentiles);
Datum
duration_percentiles(PG_FUNCTION_ARGS)
{
	DurationSummary *s = PG_GETARG_DURATION_P(0);
	ArrayType  *qs = PG_GETARG_ARRAYTYPE_P(1);
	CxDurView	v = duration_view(s);
	const CxDurMap *m = duration_map(s->h.ppm);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			dims[1];
	int			lbs[1] = {1};

	if (ARR_NDIM(qs) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("percentiles() takes a one-dimensional array of shares")));
	deconstruct_array(qs, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		double		x;

		if (nulls[i])
			continue;
		x = cx_dur_percentile(&v, m, share_arg(DatumGetFloat8(elems[i])));
		if (isnan(x))
			nulls[i] = true;
		else
			elems[i] = interval_of(x);
	}
	dims[0] = n;
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, nulls, n ? 1 : 0, dims, lbs,
											 INTERVALOID, sizeof(Interval), false,
											 TYPALIGN_DOUBLE));
}

/* SLA attainment: *within of *known cases at the limit (argument 1). */
static void
share_within_of(FunctionCallInfo fcinfo, double *within, double *known)
{
	DurationSummary *s = PG_GETARG_DURATION_P(0);
	CxDurView	v = duration_view(s);

	cx_dur_share_within(&v, duration_map(s->h.ppm), interval_arg(fcinfo, 1), within, known);
}

/* Share of the cases whose outcome is known that were done within the limit. */
PG_FUNCTION_INFO_V1(duration_share_within);
Datum
duration_share_within(PG_FUNCTION_ARGS)
{
	double		within,
				known;

	share_within_of(fcinfo, &within, &known);
	RETURN_FLOAT(known > 0 ? within / known : NAN);
}

/* Lower bound of the Wilson interval of share_within(). */
PG_FUNCTION_INFO_V1(duration_share_within_lower);
Datum
duration_share_within_lower(PG_FUNCTION_ARGS)
{
	double		within,
				known;
	double		z = cx_confidence_z(PG_GETARG_FLOAT8(2));

	share_within_of(fcinfo, &within, &known);
	RETURN_FLOAT(known > 0 ? cx_wilson_interval(within, known, z).lower : NAN);
}

/* Upper bound of the Wilson interval of share_within(). */
PG_FUNCTION_INFO_V1(duration_share_within_upper);
Datum
duration_share_within_upper(PG_FUNCTION_ARGS)
{
	double		within,
				known;
	double		z = cx_confidence_z(PG_GETARG_FLOAT8(2));

	share_within_of(fcinfo, &within, &known);
	RETURN_FLOAT(known > 0 ? cx_wilson_interval(within, known, z).upper : NAN);
}

/* The Kaplan-Meier curve of a summary, in CurrentMemoryContext. */
static CxKm
km_of(const DurationSummary *s)
{
	CxDurView	v = duration_view(s);
	CxKm		km;

	km.steps = palloc(sizeof(CxKmStep) * cx_dur_km_capacity(&v));
	cx_dur_km(&v, duration_map(s->h.ppm), &km);
	return km;
}

/* S(t) (argument 1) and its Greenwood standard error; false for an empty summary. */
static bool
survival_at(FunctionCallInfo fcinfo, double *surv, double *se)
{
	DurationSummary *s = PG_GETARG_DURATION_P(0);
	CxKm		km;

	if (s->h.completed + s->h.open == 0)
		return false;
	km = km_of(s);
	cx_km_at(&km, interval_arg(fcinfo, 1), surv, se);
	return true;
}

/* Kaplan-Meier S(t): the share of cases not yet done at t, open cases censored. */
PG_FUNCTION_INFO_V1(duration_survival);
Datum
duration_survival(PG_FUNCTION_ARGS)
{
	double		surv,
				se;

	if (!survival_at(fcinfo, &surv, &se))
		PG_RETURN_NULL();
	RETURN_FLOAT(surv);
}

/* Greenwood's standard error of survival(). */
PG_FUNCTION_INFO_V1(duration_survival_stderr);
Datum
duration_survival_stderr(PG_FUNCTION_ARGS)
{
	double		surv,
				se;

	if (!survival_at(fcinfo, &surv, &se))
		PG_RETURN_NULL();
	RETURN_FLOAT(se);
}

static CxKmTransform
transform_arg(text *t)
{
	char	   *name = text_to_cstring(t);

	if (strcmp(name, "log") == 0)
		return CX_KM_LOG;
	if (strcmp(name, "log-log") == 0)
		return CX_KM_LOGLOG;
	if (strcmp(name, "plain") == 0)
		return CX_KM_PLAIN;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown confidence interval transform \"%s\"", name),
			 errdetail("The transforms are 'log' (the default, as R's survfit), 'log-log' and 'plain'.")));
}

/* A Kaplan-Meier percentile (which = 0) or a bound of its interval (-1, +1). */
static Datum
km_percentile(FunctionCallInfo fcinfo, int which)
{
	CxKm		km = km_of(PG_GETARG_DURATION_P(0));
	double		q = share_arg(PG_GETARG_FLOAT8(1));
	double		z = 0.0;
	CxKmTransform transform = CX_KM_LOG;

	if (which != 0)
	{
		z = cx_confidence_z(PG_GETARG_FLOAT8(2));
		transform = transform_arg(PG_GETARG_TEXT_PP(3));
	}
	RETURN_SECONDS(cx_km_quantile(&km, q, which, z, transform,
								  palloc(sizeof(double) * 2 * (km.nsteps + 1))));
}

/* The time by which a share q of the cases is done, open cases censored (Kaplan-Meier). */
PG_FUNCTION_INFO_V1(duration_km_percentile);
Datum
duration_km_percentile(PG_FUNCTION_ARGS)
{
	return km_percentile(fcinfo, 0);
}

/* Lower bound of the confidence interval of km_percentile(), as R's survfit. */
PG_FUNCTION_INFO_V1(duration_km_percentile_lower);
Datum
duration_km_percentile_lower(PG_FUNCTION_ARGS)
{
	return km_percentile(fcinfo, -1);
}

/* Upper bound of the confidence interval of km_percentile(), as R's survfit. */
PG_FUNCTION_INFO_V1(duration_km_percentile_upper);
Datum
duration_km_percentile_upper(PG_FUNCTION_ARGS)
{
	return km_percentile(fcinfo, 1);
}

/*
 * Is b different from a?  Welch's t-test of the mean completed durations
 * and the log-rank test of all cases, open ones censored.
 */
PG_FUNCTION_INFO_V1(duration_test);
Datum
duration_test(PG_FUNCTION_ARGS)
{
	DurationSummary *a = PG_GETARG_DURATION_P(0);
	DurationSummary *b = PG_GETARG_DURATION_P(1);
	double		confidence = PG_GETARG_FLOAT8(2);
	CxDurView	va = duration_view(a);
	CxDurView	vb = duration_view(b);
	CxDurMoments ma = cx_dur_moments(&a->h);
	CxDurMoments mb = cx_dur_moments(&b->h);
	CxWelch		w;
	double		chisq,
				p;
	TupleDesc	tupdesc;
	Datum		values[9];
	bool		nulls[9];

	(void) cx_confidence_z(confidence);
	duration_same_alpha(a, b);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	w.delta = mb.mean - ma.mean;
	w.se = w.df = w.t = w.p_value = w.lower = w.upper = NAN;
	if (a->h.completed >= 2 && b->h.completed >= 2)
		w = cx_welch_test(ma.mean, ma.var, ma.n, mb.mean, mb.var, mb.n, confidence);
	cx_dur_logrank(&va, &vb, &chisq, &p);
	{
		double		f[9] = {w.delta, w.se, w.df, w.t, w.p_value, w.lower, w.upper, chisq, p};
		bool		is_interval[9] = {true, true, false, false, false, true, true, false, false};

		for (int i = 0; i < 9; i++)
		{
			nulls[i] = isnan(f[i]);
			values[i] = nulls[i] ? (Datum) 0 :
				is_interval[i] ? interval_of(f[i]) : Float8GetDatum(f[i]);
		}
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
