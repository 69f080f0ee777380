/* cx_metrics: upgrade from 0.3.0 to 0.4.0, written by hand.
 * test/t/journey_upgrade.sh proves the result equal to a fresh 0.4.0
 * install: members, comments and function attributes, defaults included. */

\echo Use "ALTER EXTENSION cx_metrics UPDATE" to load this file. \quit

-- churn_cohort_retention: the cohort reader under the churn_ prefix every
-- other churn reader has.  cohort_retention stays, the same C function, as
-- a deprecated alias until 0.5.0.

CREATE FUNCTION churn_cohort_retention(s churn_summary,
		OUT cohort pg_catalog.date, OUT period_offset pg_catalog.int4,
		OUT cohort_size pg_catalog.int8, OUT retained pg_catalog.int8,
		OUT retention_rate pg_catalog.float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'churn_cohorts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 600;
COMMENT ON FUNCTION churn_cohort_retention(churn_summary) IS
	'cohort retention matrix: per cohort (the period of first activity) and offset 0..max_offset, the cohort size and how many are still present at the end of period cohort + offset; needs churn_agg(..., max_offset)';

CREATE FUNCTION churn_cohort_retention(s churn_tstz_summary,
		OUT cohort pg_catalog.timestamptz, OUT period_offset pg_catalog.int4,
		OUT cohort_size pg_catalog.int8, OUT retained pg_catalog.int8,
		OUT retention_rate pg_catalog.float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'churn_cohorts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 600;
COMMENT ON FUNCTION churn_cohort_retention(churn_tstz_summary) IS
	'cohort retention matrix: per cohort (the period of first activity) and offset 0..max_offset, the cohort size and how many are still present at the end of period cohort + offset; needs churn_agg(..., max_offset)';

COMMENT ON FUNCTION cohort_retention(churn_summary) IS
	'deprecated alias of churn_cohort_retention; removed in 0.5.0';
COMMENT ON FUNCTION cohort_retention(churn_tstz_summary) IS
	'deprecated alias of churn_cohort_retention; removed in 0.5.0';

COMMENT ON TYPE churn_summary IS
	'churn summary over a date grid: customers present at each period boundary, churned, new and reactivated customers per period, optionally cohort retention; read with churn_periods(), churn_cohort_retention()';
COMMENT ON TYPE churn_tstz_summary IS
	'churn summary over a timestamptz grid: customers present at each period boundary, churned, new and reactivated customers per period, optionally cohort retention; read with churn_periods(), churn_cohort_retention()';

-- churn_periods: the methods are named by their denominators, 'at_start'
-- and 'at_start_plus_new' ('default' and 'stripe' stay accepted by the C
-- code as deprecated aliases until 0.5.0), and the default of the method
-- argument becomes 'at_start'.  ALTER FUNCTION cannot change a default and
-- DROP FUNCTION would take the users' views that call churn_periods with
-- it, so the function is replaced in place: CREATE OR REPLACE on a function
-- this extension owns (PostgreSQL refuses it for a function that is not a
-- member of the extension), with the same signature, result, C symbol and
-- attributes; only the default differs.  Its comment is set anew.

CREATE OR REPLACE FUNCTION churn_periods(s churn_summary, method pg_catalog.text DEFAULT 'at_start',
		OUT period_start pg_catalog.date, OUT period_end pg_catalog.date,
		OUT customers_at_start pg_catalog.int8, OUT new_customers pg_catalog.int8,
		OUT reactivated pg_catalog.int8, OUT churned pg_catalog.int8,
		OUT customers_at_end pg_catalog.int8, OUT new_lost pg_catalog.int8,
		OUT reactivated_lost pg_catalog.int8,
		OUT churn_rate pg_catalog.float8, OUT retention_rate pg_catalog.float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'churn_periods'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 60;
COMMENT ON FUNCTION churn_periods(churn_summary, pg_catalog.text) IS
	'one row per period: bounds, customers at start, new, reactivated, churned, at end, new and reactivated lost again, churn and retention rates; method ''at_start'' (the default: churned / customers at start) or ''at_start_plus_new'' ((churned + new_lost) / (customers at start + new)), ''default'' and ''stripe'' being their deprecated 0.3.0 names until 0.5.0; rates NULL when the denominator is 0';

CREATE OR REPLACE FUNCTION churn_periods(s churn_tstz_summary, method pg_catalog.text DEFAULT 'at_start',
		OUT period_start pg_catalog.timestamptz, OUT period_end pg_catalog.timestamptz,
		OUT customers_at_start pg_catalog.int8, OUT new_customers pg_catalog.int8,
		OUT reactivated pg_catalog.int8, OUT churned pg_catalog.int8,
		OUT customers_at_end pg_catalog.int8, OUT new_lost pg_catalog.int8,
		OUT reactivated_lost pg_catalog.int8,
		OUT churn_rate pg_catalog.float8, OUT retention_rate pg_catalog.float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'churn_periods'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 60;
COMMENT ON FUNCTION churn_periods(churn_tstz_summary, pg_catalog.text) IS
	'one row per period: bounds, customers at start, new, reactivated, churned, at end, new and reactivated lost again, churn and retention rates; method ''at_start'' (the default: churned / customers at start) or ''at_start_plus_new'' ((churned + new_lost) / (customers at start + new)), ''default'' and ''stripe'' being their deprecated 0.3.0 names until 0.5.0; rates NULL when the denominator is 0';


-- p_adjust: adjusted p-values for a family of tests (sql/common.sql).
CREATE FUNCTION p_adjust(p pg_catalog.float8[], method pg_catalog.text DEFAULT 'holm')
	RETURNS pg_catalog.float8[]
	LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	bad pg_catalog.float8;
	m pg_catalog.int8;
	result pg_catalog.float8[];
BEGIN
	IF method NOT IN ('bonferroni', 'holm', 'benjamini_hochberg') THEN
		RAISE EXCEPTION 'unknown p-value adjustment method "%"', method
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'The methods are "holm" (Holm''s step-down, the family-wise error rate), "benjamini_hochberg" (the false discovery rate) and "bonferroni".';
	END IF;
	IF array_ndims(p) > 1 THEN
		RAISE EXCEPTION 'p-values must be a one-dimensional array, not one of % dimensions', array_ndims(p)
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- NaN is greater than every number in PostgreSQL, so x <= 1 refuses it
	SELECT x INTO bad FROM unnest(p) AS u(x) WHERE x IS NOT NULL AND NOT (x >= 0 AND x <= 1) LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'p-value % is out of range', bad
			USING ERRCODE = 'numeric_value_out_of_range',
				  DETAIL = 'A p-value is a number from 0 to 1.',
				  HINT = 'A NULL element stays NULL and is not counted among the tests.';
	END IF;
	SELECT count(x) INTO m FROM unnest(p) AS u(x);
	WITH ranked AS (
		SELECT i, x, row_number() OVER (ORDER BY x, i) AS k
		FROM unnest(p) WITH ORDINALITY AS u(x, i)
		WHERE x IS NOT NULL
	), adjusted AS (
		SELECT i, CASE method
			WHEN 'bonferroni' THEN least(1, m * x)
			WHEN 'holm' THEN least(1, max((m - k + 1) * x) OVER (ORDER BY k))
			ELSE least(1, min(m::pg_catalog.float8 / k * x) OVER (ORDER BY k DESC))
			END AS q
		FROM ranked
	)
	SELECT coalesce(array_agg(a.q ORDER BY u.i), '{}') INTO result
	FROM unnest(p) WITH ORDINALITY AS u(x, i)
		 LEFT JOIN adjusted AS a ON a.i = u.i;
	RETURN result;
END
$$;
COMMENT ON FUNCTION p_adjust(pg_catalog.float8[], pg_catalog.text) IS
	'p-values adjusted for the many tests of one family, in the order given (R''s p.adjust): ''holm'' (the default; controls the family-wise error rate), ''benjamini_hochberg'' (q-values: controls the false discovery rate) or ''bonferroni''; NULL elements stay NULL and are not counted';

--------------------------------------------------------------------------
-- duration_summary (sql/duration.sql): durations of cases, open ones
-- counted as censored
--------------------------------------------------------------------------

-- (the objects of sql/duration.sql follow here)

--------------------------------------------------------------------------
-- journey (sql/journey.sql): duration summaries in the daily tables and
-- the views
--------------------------------------------------------------------------

-- (the journey's changes follow here)
