/*
 * cx_stats.c
 *		The glue of the two-sample tests: the confidence argument and the
 *		result record that every test returns, and the tests on plain
 *		numbers, for counts and means that do not come from a summary: churn
 *		counts, response times, numbers copied from another report.  The same
 *		core as the summary tests.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"

#include "cx_summary.h"

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

/*
 * Returns a two-sample test as the record (delta, stderr, z, p_value,
 * lower, upper) of the calling function; fields that cannot be computed
 * (NaN: no variance, or a sample too small) are NULL.
 */
Datum
cx_test_result(FunctionCallInfo fcinfo, const CxTest *t)
{
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {true, true, true, true, true, true};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	if (t)
	{
		double		fields[6] = {t->delta, t->se, t->z, t->p_value, t->lower, t->upper};

		for (int i = 0; i < 6; i++)
		{
			values[i] = Float8GetDatum(fields[i]);
			nulls[i] = isnan(fields[i]);
		}
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* Checks a sample size and a count of successes in it. */
static void
check_counts(int64 successes, int64 n, const char *which)
{
	if (n < 0 || successes < 0 || successes > n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sample %s has %lld successes out of %lld", which,
						(long long) successes, (long long) n),
				 errdetail("The successes must be from 0 to n, and n must not be negative.")));
}

/* Two-proportion test of b against a; NULL fields when a sample is empty. */
PG_FUNCTION_INFO_V1(cx_proportion_test_sql);
Datum
cx_proportion_test_sql(PG_FUNCTION_ARGS)
{
	int64		xa = PG_GETARG_INT64(0),
				na = PG_GETARG_INT64(1),
				xb = PG_GETARG_INT64(2),
				nb = PG_GETARG_INT64(3);
	double		z_conf = cx_confidence_z(PG_GETARG_FLOAT8(4));
	CxTest		t;

	check_counts(xa, na, "a");
	check_counts(xb, nb, "b");
	if (na == 0 || nb == 0)
		return cx_test_result(fcinfo, NULL);
	t = cx_proportion_test((double) xa, (double) na, (double) xb, (double) nb, z_conf);
	return cx_test_result(fcinfo, &t);
}

/*
 * Two-sample test of means from (mean, standard deviation, n) each, the
 * normal (Welch z) test.  An empty sample gives NULLs; a sample of one has
 * no standard deviation, so its standard error and all that needs it are
 * NULL, and only delta is given.
 */
PG_FUNCTION_INFO_V1(cx_mean_test_sql);
Datum
cx_mean_test_sql(PG_FUNCTION_ARGS)
{
	double		mean_a = PG_GETARG_FLOAT8(0),
				sd_a = PG_GETARG_FLOAT8(1),
				mean_b = PG_GETARG_FLOAT8(3),
				sd_b = PG_GETARG_FLOAT8(4);
	int64		na = PG_GETARG_INT64(2),
				nb = PG_GETARG_INT64(5);
	double		z_conf = cx_confidence_z(PG_GETARG_FLOAT8(6));
	CxTest		t;

	if (na < 0 || nb < 0 || !(sd_a >= 0) || !(sd_b >= 0) || !isfinite(mean_a) || !isfinite(mean_b))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid sample for mean_test"),
				 errdetail("The means must be finite numbers, the standard deviations and the sample sizes must not be negative.")));
	if (na == 0 || nb == 0)
		return cx_test_result(fcinfo, NULL);
	t = cx_two_sample_test(mean_a, na >= 2 ? sd_a / sqrt((double) na) : NAN,
						   mean_b, nb >= 2 ? sd_b / sqrt((double) nb) : NAN, z_conf);
	return cx_test_result(fcinfo, &t);
}

/* ---------------------------------------------------------------------
 * Planning: the checked arguments of nps_margin, nps_sample_size,
 * csat_margin and csat_sample_size (the formulas are in the core)
 * ---------------------------------------------------------------------
 */

/* A planned number of responses: at least one. */
int64
cx_plan_responses(int64 n)
{
	if (n <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of responses " INT64_FORMAT " is out of range", n),
				 errdetail("A margin of error needs at least one response.")));
	return n;
}

/* A target margin of error, in points: finite and above zero. */
double
cx_plan_margin(double margin)
{
	if (!(margin > 0.0 && isfinite(margin)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("margin of error %g is out of range", margin),
				 errdetail("The margin is in points (NPS points or percentage points) and must be a finite number above 0, such as 5.")));
	return margin;
}

/* An expected share of a group, 0..1. */
double
cx_plan_share(double share, const char *name)
{
	if (!(share >= 0.0 && share <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %g is out of range", name, share),
				 errdetail("A share is a fraction from 0 to 1, such as 0.45.")));
	return share;
}

/* The sample size for a margin, as bigint, or an error if it does not fit. */
Datum
cx_plan_sample_size(double var, double margin, double z)
{
	int64_t		n;

	if (!cx_wald_sample_size(var, margin, z, &n))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sample size for a margin of %g points is out of range", margin),
				 errdetail("It would exceed %lld responses.", (long long) (INT64_MAX / 2))));
	return Int64GetDatum((int64) n);
}
