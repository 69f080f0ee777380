/* cx_metrics: the install script.
 *
 * The Makefile joins the parts listed in SQL_PARTS, in this order, into
 * sql/cx_metrics--<version>.sql, the install script of the current version:
 *   sql/common.sql   this header and what no one type owns
 *   sql/nps.sql      nps_summary
 *   sql/csat.sql     csat_summary
 *   sql/ces.sql      ces_summary
 *   sql/churn.sql    churn_summary and churn_tstz_summary
 *   sql/journey.sql  the touchpoint schema
 * Each part is edited in place when its type changes.  The same change
 * reaches existing installations through the upgrade script to the current
 * version, sql/cx_metrics--<previous>--<current>.sql, written by hand;
 * test/t/journey_upgrade.sh proves every chain equal to a fresh install.
 * The scripts of released versions are frozen.
 *
 * Conventions: built-in objects are qualified with pg_catalog, no CREATE OR
 * REPLACE, no IF NOT EXISTS, no SECURITY DEFINER, a COMMENT on every
 * object.  Functions are IMMUTABLE STRICT PARALLEL SAFE unless a comment
 * says why not; the C code behind the aggregate support functions updates
 * the state in place only inside an aggregate.
 */

\echo Use "CREATE EXTENSION cx_metrics" to load this file. \quit

--------------------------------------------------------------------------
-- Two-sample tests on plain numbers: counts and means that do not come
-- from a summary (churn, response times, another report's figures)
--------------------------------------------------------------------------

CREATE FUNCTION proportion_test(successes_a pg_catalog.int8, n_a pg_catalog.int8,
		successes_b pg_catalog.int8, n_b pg_catalog.int8,
		confidence pg_catalog.float8 DEFAULT 0.95,
		OUT delta pg_catalog.float8, OUT stderr pg_catalog.float8,
		OUT z pg_catalog.float8, OUT p_value pg_catalog.float8,
		OUT lower pg_catalog.float8, OUT upper pg_catalog.float8) RETURNS record
	AS 'MODULE_PATHNAME', 'cx_proportion_test_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION proportion_test(pg_catalog.int8, pg_catalog.int8, pg_catalog.int8, pg_catalog.int8, pg_catalog.float8) IS
	'two-proportion z-test of successes_b / n_b against successes_a / n_a, as fractions: delta, unpooled standard error and interval, z and two-sided p-value from the pooled test';

CREATE FUNCTION mean_test(mean_a pg_catalog.float8, stddev_a pg_catalog.float8, n_a pg_catalog.int8,
		mean_b pg_catalog.float8, stddev_b pg_catalog.float8, n_b pg_catalog.int8,
		confidence pg_catalog.float8 DEFAULT 0.95,
		OUT delta pg_catalog.float8, OUT stderr pg_catalog.float8,
		OUT z pg_catalog.float8, OUT p_value pg_catalog.float8,
		OUT lower pg_catalog.float8, OUT upper pg_catalog.float8) RETURNS record
	AS 'MODULE_PATHNAME', 'cx_mean_test_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_test(pg_catalog.float8, pg_catalog.float8, pg_catalog.int8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int8, pg_catalog.float8) IS
	'two-sample z-test of mean_b against mean_a from each sample''s mean, standard deviation and size (Welch, normal approximation): delta, standard error, z, two-sided p-value, interval';

--------------------------------------------------------------------------
-- Many tests at once: adjusted p-values
--------------------------------------------------------------------------

-- plpgsql, not C: it runs once per family of tests, not per row, and its
-- checks raise errors with their own SQLSTATEs.  The arithmetic is R's
-- p.adjust() operation for operation, so the results agree to the bit.
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
