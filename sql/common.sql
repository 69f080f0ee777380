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
