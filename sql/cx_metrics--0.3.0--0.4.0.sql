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
-- nps_summary, csat_summary, ces_summary (sql/nps.sql, sql/csat.sql,
-- sql/ces.sql): summaries built from counts and from their JSON form,
-- aggregates over double precision and real scores, and the planning
-- functions
--------------------------------------------------------------------------

-- built by clients: from counts and from the JSON form --------------------

CREATE FUNCTION nps_summary(counts pg_catalog.int8[]) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'nps_summary_from_counts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary(pg_catalog.int8[]) IS
	'an NPS summary from its 11 counts, of scores 0 to 10 in order: the inverse of distribution(s)';

CREATE FUNCTION nps_summary(pg_catalog.jsonb) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'nps_summary_from_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary(pg_catalog.jsonb) IS
	'an NPS summary from its JSON form, exactly as s::jsonb writes it (every key, with the values the counts give)';

CREATE FUNCTION nps_summary(pg_catalog.json) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'nps_summary_from_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary(pg_catalog.json) IS
	'an NPS summary from its JSON form as json, exactly as s::json writes it';

CREATE CAST (pg_catalog.jsonb AS nps_summary) WITH FUNCTION nps_summary(pg_catalog.jsonb);
COMMENT ON CAST (pg_catalog.jsonb AS nps_summary) IS
	'the inverse of the cast to jsonb: s::jsonb::nps_summary = s';

CREATE CAST (pg_catalog.json AS nps_summary) WITH FUNCTION nps_summary(pg_catalog.json);
COMMENT ON CAST (pg_catalog.json AS nps_summary) IS
	'the inverse of the cast to json: s::json::nps_summary = s';

-- planning ----------------------------------------------------------------

CREATE FUNCTION nps_margin(n pg_catalog.int8, confidence pg_catalog.float8 DEFAULT 0.95)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_margin'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_margin(pg_catalog.int8, pg_catalog.float8) IS
	'margin of error of NPS in points for n responses, in the worst case: the Wald half-width 100 * z * sqrt(1 / n)';

CREATE FUNCTION nps_margin(n pg_catalog.int8, confidence pg_catalog.float8,
						   promoter_share pg_catalog.float8, detractor_share pg_catalog.float8)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_margin'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_margin(pg_catalog.int8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8) IS
	'margin of error of NPS in points for n responses with the expected shares p and d: 100 * z * sqrt(((p + d) - (p - d)^2) / n), nps(s) - nps_lower(s, c, ''wald'') for such a summary';

CREATE FUNCTION nps_sample_size(margin pg_catalog.float8, confidence pg_catalog.float8 DEFAULT 0.95)
	RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'nps_sample_size'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_sample_size(pg_catalog.float8, pg_catalog.float8) IS
	'responses needed for a margin of error of NPS in points, in the worst case: the smallest n with nps_margin(n, confidence) <= margin';

CREATE FUNCTION nps_sample_size(margin pg_catalog.float8, confidence pg_catalog.float8,
								promoter_share pg_catalog.float8, detractor_share pg_catalog.float8)
	RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'nps_sample_size'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_sample_size(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8) IS
	'responses needed for a margin of error of NPS in points with the expected shares: the smallest n with nps_margin(n, confidence, promoter_share, detractor_share) <= margin';

-- built by clients: from counts and from the JSON form --------------------

CREATE FUNCTION csat_summary(counts pg_catalog.int8[]) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_summary_from_counts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary(pg_catalog.int8[]) IS
	'a CSAT summary on the scale 1..k from its k counts (k from 2 to 10), of scores 1 to k in order: the inverse of distribution(s)';

CREATE FUNCTION csat_summary(pg_catalog.jsonb) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_summary_from_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary(pg_catalog.jsonb) IS
	'a CSAT summary from its JSON form, exactly as s::jsonb writes it (every key, with the values the counts give)';

CREATE FUNCTION csat_summary(pg_catalog.json) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_summary_from_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary(pg_catalog.json) IS
	'a CSAT summary from its JSON form as json, exactly as s::json writes it';

CREATE CAST (pg_catalog.jsonb AS csat_summary) WITH FUNCTION csat_summary(pg_catalog.jsonb);
COMMENT ON CAST (pg_catalog.jsonb AS csat_summary) IS
	'the inverse of the cast to jsonb: s::jsonb::csat_summary = s';

CREATE CAST (pg_catalog.json AS csat_summary) WITH FUNCTION csat_summary(pg_catalog.json);
COMMENT ON CAST (pg_catalog.json AS csat_summary) IS
	'the inverse of the cast to json: s::json::csat_summary = s';

-- planning ----------------------------------------------------------------

CREATE FUNCTION csat_margin(n pg_catalog.int8, confidence pg_catalog.float8 DEFAULT 0.95)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_margin'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_margin(pg_catalog.int8, pg_catalog.float8) IS
	'margin of error of CSAT % in percentage points for n responses, in the worst case p = 0.5: the Wald half-width 100 * z * sqrt(0.25 / n)';

CREATE FUNCTION csat_margin(n pg_catalog.int8, confidence pg_catalog.float8, satisfied_share pg_catalog.float8)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_margin'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_margin(pg_catalog.int8, pg_catalog.float8, pg_catalog.float8) IS
	'margin of error of CSAT % in percentage points for n responses with the expected satisfied share p: 100 * z * sqrt(p * (1 - p) / n), z * csat_stderr(s) for such a summary';

CREATE FUNCTION csat_sample_size(margin pg_catalog.float8, confidence pg_catalog.float8 DEFAULT 0.95)
	RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'csat_sample_size'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_sample_size(pg_catalog.float8, pg_catalog.float8) IS
	'responses needed for a margin of error of CSAT % in percentage points, in the worst case: the smallest n with csat_margin(n, confidence) <= margin';

CREATE FUNCTION csat_sample_size(margin pg_catalog.float8, confidence pg_catalog.float8, satisfied_share pg_catalog.float8)
	RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'csat_sample_size'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_sample_size(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8) IS
	'responses needed for a margin of error of CSAT % in percentage points with the expected satisfied share: the smallest n with csat_margin(n, confidence, satisfied_share) <= margin';

-- built by clients: from counts and from the JSON form --------------------

CREATE FUNCTION ces_summary(counts pg_catalog.int8[], lower_is_better pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_summary_from_counts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary(pg_catalog.int8[], pg_catalog.bool) IS
	'a CES summary on the scale 1..k from its k counts (k from 2 to 10), of scores 1 to k in order, and its direction: the inverse of distribution(s) and lower_is_better(s)';

CREATE FUNCTION ces_summary(pg_catalog.jsonb) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_summary_from_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary(pg_catalog.jsonb) IS
	'a CES summary from its JSON form, exactly as s::jsonb writes it (every key, with the values the counts give)';

CREATE FUNCTION ces_summary(pg_catalog.json) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_summary_from_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary(pg_catalog.json) IS
	'a CES summary from its JSON form as json, exactly as s::json writes it';

CREATE CAST (pg_catalog.jsonb AS ces_summary) WITH FUNCTION ces_summary(pg_catalog.jsonb);
COMMENT ON CAST (pg_catalog.jsonb AS ces_summary) IS
	'the inverse of the cast to jsonb: s::jsonb::ces_summary = s';

CREATE CAST (pg_catalog.json AS ces_summary) WITH FUNCTION ces_summary(pg_catalog.json);
COMMENT ON CAST (pg_catalog.json AS ces_summary) IS
	'the inverse of the cast to json: s::json::ces_summary = s';

-- aggregates over bigint scores (they resolved to the numeric forms)

CREATE FUNCTION nps_agg_trans(nps_summary, pg_catalog.int8) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_trans_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_trans(nps_summary, pg_catalog.int8) IS
	'transition function of nps_agg(bigint) and nps(bigint): adds a score';

CREATE FUNCTION nps_agg_inv(nps_summary, pg_catalog.int8) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_inv_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_inv(nps_summary, pg_catalog.int8) IS
	'inverse transition of nps_agg(bigint) and nps(bigint) in a moving window: removes a score';

CREATE AGGREGATE nps_agg(pg_catalog.int8) (
	SFUNC = nps_agg_trans, STYPE = nps_summary,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_agg_trans, MINVFUNC = nps_agg_inv, MSTYPE = nps_summary,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_agg(pg_catalog.int8) IS
	'NPS summary of scores 0..10 (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE nps(pg_catalog.int8) (
	SFUNC = nps_agg_trans, STYPE = nps_summary, FINALFUNC = nps,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_agg_trans, MINVFUNC = nps_agg_inv, MSTYPE = nps_summary, MFINALFUNC = nps,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(pg_catalog.int8) IS
	'Net Promoter Score of scores 0..10, as float8 in -100..100 (NULL scores are ignored; NULL for no responses)';

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.int8) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_trans_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.int8) IS
	'transition function of csat_agg(bigint) and csat(bigint) on the default scale: adds a score';

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.int8) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_inv_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.int8) IS
	'inverse transition of csat_agg(bigint) and csat(bigint) in a moving window: removes a score';

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.int8, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_trans_int8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.int8, pg_catalog.int4) IS
	'transition function of csat_agg(bigint, scale_max) and csat(bigint, scale_max): creates the state on the first call, then adds a score';

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.int8, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_inv_int8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.int8, pg_catalog.int4) IS
	'inverse transition of csat_agg(bigint, scale_max) and csat(bigint, scale_max) in a moving window: removes a score';

CREATE AGGREGATE csat_agg(pg_catalog.int8) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	INITCOND = 'v1:1..5:0,0,0,0,0',
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	MINITCOND = 'v1:1..5:0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.int8) IS
	'CSAT summary of scores 1..5 (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE csat_agg(pg_catalog.int8, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.int8, pg_catalog.int4) IS
	'CSAT summary of scores 1..scale_max (NULL scores are ignored; no rows at all give NULL)';

CREATE AGGREGATE csat(pg_catalog.int8) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	INITCOND = 'v1:1..5:0,0,0,0,0',
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	MINITCOND = 'v1:1..5:0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.int8) IS
	'CSAT %, 0..100, of scores 1..5 (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE csat(pg_catalog.int8, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.int8, pg_catalog.int4) IS
	'CSAT %, 0..100, of scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.int8) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_trans_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.int8) IS
	'transition function of ces_agg(bigint) and ces(bigint) on the default scale: adds a score';

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.int8) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_inv_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.int8) IS
	'inverse transition of ces_agg(bigint) and ces(bigint) in a moving window: removes a score';

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_trans_int8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_agg(bigint, scale_max, lower_is_better) and ces(bigint, scale_max, lower_is_better): creates the state on the first call, then adds a score';

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_inv_int8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_agg(bigint, scale_max, lower_is_better) and ces(bigint, scale_max, lower_is_better) in a moving window: removes a score';

CREATE AGGREGATE ces_agg(pg_catalog.int8) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	INITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	MINITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.int8) IS
	'CES summary of scores 1..7 (higher is easier, CES 2.0) (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE ces_agg(pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) IS
	'CES summary of scores 1..scale_max, lower_is_better says which end is easy (NULL scores are ignored; no rows at all give NULL)';

CREATE AGGREGATE ces(pg_catalog.int8) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	INITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	MINITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.int8) IS
	'CES, the mean score, of scores 1..7 (higher is easier, CES 2.0) (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE ces(pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) IS
	'CES, the mean score, of scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

-- aggregates over float scores: their support functions, then the aggregates

CREATE FUNCTION nps_agg_trans(nps_summary, pg_catalog.float8) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_trans_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_trans(nps_summary, pg_catalog.float8) IS
	'transition function of nps_agg(double precision) and nps(double precision): adds a whole-number score';

CREATE FUNCTION nps_agg_trans(nps_summary, pg_catalog.float4) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_trans_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_trans(nps_summary, pg_catalog.float4) IS
	'transition function of nps_agg(real) and nps(real): adds a whole-number score';

CREATE FUNCTION nps_agg_inv(nps_summary, pg_catalog.float8) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_inv_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_inv(nps_summary, pg_catalog.float8) IS
	'inverse transition of nps_agg(double precision) and nps(double precision) in a moving window: removes a score';

CREATE FUNCTION nps_agg_inv(nps_summary, pg_catalog.float4) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_inv_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_inv(nps_summary, pg_catalog.float4) IS
	'inverse transition of nps_agg(real) and nps(real) in a moving window: removes a score';

CREATE AGGREGATE nps_agg(pg_catalog.float8) (
	SFUNC = nps_agg_trans, STYPE = nps_summary,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_agg_trans, MINVFUNC = nps_agg_inv, MSTYPE = nps_summary,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_agg(pg_catalog.float8) IS
	'NPS summary of whole-number scores 0..10 (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE nps_agg(pg_catalog.float4) (
	SFUNC = nps_agg_trans, STYPE = nps_summary,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_agg_trans, MINVFUNC = nps_agg_inv, MSTYPE = nps_summary,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_agg(pg_catalog.float4) IS
	'NPS summary of whole-number scores 0..10 (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE nps(pg_catalog.float8) (
	SFUNC = nps_agg_trans, STYPE = nps_summary, FINALFUNC = nps,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_agg_trans, MINVFUNC = nps_agg_inv, MSTYPE = nps_summary, MFINALFUNC = nps,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(pg_catalog.float8) IS
	'Net Promoter Score of whole-number scores 0..10, as float8 in -100..100 (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE nps(pg_catalog.float4) (
	SFUNC = nps_agg_trans, STYPE = nps_summary, FINALFUNC = nps,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_agg_trans, MINVFUNC = nps_agg_inv, MSTYPE = nps_summary, MFINALFUNC = nps,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(pg_catalog.float4) IS
	'Net Promoter Score of whole-number scores 0..10, as float8 in -100..100 (NULL scores are ignored; NULL for no responses)';

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.float8) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_trans_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.float8) IS
	'transition function of csat_agg(double precision) and csat(double precision) on the default scale: adds a score';

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.float4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_trans_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.float4) IS
	'transition function of csat_agg(real) and csat(real) on the default scale: adds a score';

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.float8) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_inv_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.float8) IS
	'inverse transition of csat_agg(double precision) and csat(double precision) in a moving window: removes a score';

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.float4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_inv_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.float4) IS
	'inverse transition of csat_agg(real) and csat(real) in a moving window: removes a score';

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.float8, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_trans_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.float8, pg_catalog.int4) IS
	'transition function of csat_agg(double precision, scale_max) and csat(double precision, scale_max): creates the state on the first call, then adds a score';

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.float4, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_trans_float4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.float4, pg_catalog.int4) IS
	'transition function of csat_agg(real, scale_max) and csat(real, scale_max): creates the state on the first call, then adds a score';

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.float8, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_inv_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.float8, pg_catalog.int4) IS
	'inverse transition of csat_agg(double precision, scale_max) and csat(double precision, scale_max) in a moving window: removes a score';

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.float4, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_inv_float4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.float4, pg_catalog.int4) IS
	'inverse transition of csat_agg(real, scale_max) and csat(real, scale_max) in a moving window: removes a score';

CREATE AGGREGATE csat_agg(pg_catalog.float8) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	INITCOND = 'v1:1..5:0,0,0,0,0',
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	MINITCOND = 'v1:1..5:0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.float8) IS
	'CSAT summary of whole-number scores 1..5 (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE csat_agg(pg_catalog.float4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	INITCOND = 'v1:1..5:0,0,0,0,0',
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	MINITCOND = 'v1:1..5:0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.float4) IS
	'CSAT summary of whole-number scores 1..5 (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE csat_agg(pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.float8, pg_catalog.int4) IS
	'CSAT summary of whole-number scores 1..scale_max (NULL scores are ignored; no rows at all give NULL)';

CREATE AGGREGATE csat_agg(pg_catalog.float4, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.float4, pg_catalog.int4) IS
	'CSAT summary of whole-number scores 1..scale_max (NULL scores are ignored; no rows at all give NULL)';

CREATE AGGREGATE csat(pg_catalog.float8) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	INITCOND = 'v1:1..5:0,0,0,0,0',
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	MINITCOND = 'v1:1..5:0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.float8) IS
	'CSAT %, 0..100, of whole-number scores 1..5 (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE csat(pg_catalog.float4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	INITCOND = 'v1:1..5:0,0,0,0,0',
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	MINITCOND = 'v1:1..5:0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.float4) IS
	'CSAT %, 0..100, of whole-number scores 1..5 (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE csat(pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.float8, pg_catalog.int4) IS
	'CSAT %, 0..100, of whole-number scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE csat(pg_catalog.float4, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.float4, pg_catalog.int4) IS
	'CSAT %, 0..100, of whole-number scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.float8) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_trans_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.float8) IS
	'transition function of ces_agg(double precision) and ces(double precision) on the default scale: adds a score';

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.float4) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_trans_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.float4) IS
	'transition function of ces_agg(real) and ces(real) on the default scale: adds a score';

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.float8) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_inv_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.float8) IS
	'inverse transition of ces_agg(double precision) and ces(double precision) in a moving window: removes a score';

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.float4) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_inv_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.float4) IS
	'inverse transition of ces_agg(real) and ces(real) in a moving window: removes a score';

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_trans_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_agg(double precision, scale_max, lower_is_better) and ces(double precision, scale_max, lower_is_better): creates the state on the first call, then adds a score';

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.float4, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_trans_float4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.float4, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_agg(real, scale_max, lower_is_better) and ces(real, scale_max, lower_is_better): creates the state on the first call, then adds a score';

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_inv_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_agg(double precision, scale_max, lower_is_better) and ces(double precision, scale_max, lower_is_better) in a moving window: removes a score';

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.float4, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_inv_float4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.float4, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_agg(real, scale_max, lower_is_better) and ces(real, scale_max, lower_is_better) in a moving window: removes a score';

CREATE AGGREGATE ces_agg(pg_catalog.float8) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	INITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	MINITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.float8) IS
	'CES summary of whole-number scores 1..7 (higher is easier, CES 2.0) (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE ces_agg(pg_catalog.float4) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	INITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	MINITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.float4) IS
	'CES summary of whole-number scores 1..7 (higher is easier, CES 2.0) (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE ces_agg(pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'CES summary of whole-number scores 1..scale_max, lower_is_better says which end is easy (NULL scores are ignored; no rows at all give NULL)';

CREATE AGGREGATE ces_agg(pg_catalog.float4, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.float4, pg_catalog.int4, pg_catalog.bool) IS
	'CES summary of whole-number scores 1..scale_max, lower_is_better says which end is easy (NULL scores are ignored; no rows at all give NULL)';

CREATE AGGREGATE ces(pg_catalog.float8) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	INITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	MINITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.float8) IS
	'CES, the mean score, of whole-number scores 1..7 (higher is easier, CES 2.0) (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE ces(pg_catalog.float4) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	INITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	MINITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.float4) IS
	'CES, the mean score, of whole-number scores 1..7 (higher is easier, CES 2.0) (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE ces(pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'CES, the mean score, of whole-number scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE ces(pg_catalog.float4, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.float4, pg_catalog.int4, pg_catalog.bool) IS
	'CES, the mean score, of whole-number scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

--------------------------------------------------------------------------
-- The weighted survey summaries (sql/weighted.sql), new in 0.4.0: the
-- part's text from its first type on
--------------------------------------------------------------------------

--------------------------------------------------------------------------
-- nps_weighted_summary: weighted NPS on scores 0..10
--------------------------------------------------------------------------

CREATE TYPE nps_weighted_summary;

CREATE FUNCTION nps_weighted_summary_in(pg_catalog.cstring) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'nps_weighted_summary_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_summary_in(pg_catalog.cstring) IS
	'text input of nps_weighted_summary: "v1:0..10:" followed by "count/weight sum/squared weight sum" for each score, comma-separated';

CREATE FUNCTION nps_weighted_summary_out(nps_weighted_summary) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'cx_wsummary_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_summary_out(nps_weighted_summary) IS
	'text output of nps_weighted_summary (canonical, exact decimals, versioned)';

CREATE FUNCTION nps_weighted_summary_recv(pg_catalog.internal) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'nps_weighted_summary_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_summary_recv(pg_catalog.internal) IS
	'binary input of nps_weighted_summary, checked as strictly as the text input';

CREATE FUNCTION nps_weighted_summary_send(nps_weighted_summary) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'cx_wsummary_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_summary_send(nps_weighted_summary) IS
	'binary output of nps_weighted_summary: a format version byte, the scale, then per score the count and the two sums as 128-bit integers';

CREATE TYPE nps_weighted_summary (
	INPUT = nps_weighted_summary_in,
	OUTPUT = nps_weighted_summary_out,
	RECEIVE = nps_weighted_summary_recv,
	SEND = nps_weighted_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE nps_weighted_summary IS
	'weighted NPS summary: for each score 0..10 the responses, the sum of their weights and of their squared weights (fixed point, exact); combine with rollup(), read with nps(), nps_stderr(), effective_responses(), ...';

-- equality and hashing ----------------------------------------------------

CREATE FUNCTION nps_weighted_summary_eq(nps_weighted_summary, nps_weighted_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_summary_eq(nps_weighted_summary, nps_weighted_summary) IS
	'true when two weighted NPS summaries have the same scale, counts and weight sums';

CREATE FUNCTION nps_weighted_summary_ne(nps_weighted_summary, nps_weighted_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_summary_ne(nps_weighted_summary, nps_weighted_summary) IS
	'true when two weighted NPS summaries differ in scale, a count or a weight sum';

CREATE FUNCTION nps_weighted_summary_hash(nps_weighted_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_summary_hash(nps_weighted_summary) IS
	'hash of a weighted NPS summary, for hash joins, GROUP BY and DISTINCT';

CREATE OPERATOR = (
	LEFTARG = nps_weighted_summary,
	RIGHTARG = nps_weighted_summary,
	FUNCTION = nps_weighted_summary_eq,
	COMMUTATOR = =,
	NEGATOR = <>,
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR =(nps_weighted_summary, nps_weighted_summary) IS 'same scale, counts and weight sums';

CREATE OPERATOR <> (
	LEFTARG = nps_weighted_summary,
	RIGHTARG = nps_weighted_summary,
	FUNCTION = nps_weighted_summary_ne,
	COMMUTATOR = <>,
	NEGATOR = =,
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR <>(nps_weighted_summary, nps_weighted_summary) IS 'different scale, counts or weight sums';

CREATE OPERATOR CLASS nps_weighted_summary_hash_ops
	DEFAULT FOR TYPE nps_weighted_summary USING hash AS
	OPERATOR 1 = (nps_weighted_summary, nps_weighted_summary),
	FUNCTION 1 nps_weighted_summary_hash(nps_weighted_summary);
COMMENT ON OPERATOR CLASS nps_weighted_summary_hash_ops USING hash IS
	'hash operator class of nps_weighted_summary';
COMMENT ON OPERATOR FAMILY nps_weighted_summary_hash_ops USING hash IS
	'hash operator family of nps_weighted_summary';

-- JSON --------------------------------------------------------------------

CREATE FUNCTION nps_weighted_summary_json(nps_weighted_summary) RETURNS pg_catalog.json
	AS 'MODULE_PATHNAME', 'cx_wsummary_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_summary_json(nps_weighted_summary) IS
	'a weighted NPS summary as json: scale, n, counts, weights, weights_squared, weight_total, effective_responses, nps, promoters, passives, detractors (weights)';

CREATE FUNCTION nps_weighted_summary_jsonb(nps_weighted_summary) RETURNS pg_catalog.jsonb
	AS 'MODULE_PATHNAME', 'cx_wsummary_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_summary_jsonb(nps_weighted_summary) IS
	'a weighted NPS summary as jsonb: scale, n, counts, weights, weights_squared, weight_total, effective_responses, nps, promoters, passives, detractors (weights)';

CREATE CAST (nps_weighted_summary AS pg_catalog.json) WITH FUNCTION nps_weighted_summary_json(nps_weighted_summary);
COMMENT ON CAST (nps_weighted_summary AS pg_catalog.json) IS
	'a weighted NPS summary as json (also used by to_json and row_to_json)';

CREATE CAST (nps_weighted_summary AS pg_catalog.jsonb) WITH FUNCTION nps_weighted_summary_jsonb(nps_weighted_summary);
COMMENT ON CAST (nps_weighted_summary AS pg_catalog.jsonb) IS
	'a weighted NPS summary as jsonb';

-- aggregate support -------------------------------------------------------

CREATE FUNCTION nps_weighted_agg_trans(nps_weighted_summary, pg_catalog.int2, pg_catalog.float8) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_agg_trans(nps_weighted_summary, pg_catalog.int2, pg_catalog.float8) IS
	'transition function of nps_weighted_agg(smallint, weight) and nps_weighted(smallint, weight): adds a weighted score';

CREATE FUNCTION nps_weighted_agg_trans(nps_weighted_summary, pg_catalog.int4, pg_catalog.float8) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_agg_trans(nps_weighted_summary, pg_catalog.int4, pg_catalog.float8) IS
	'transition function of nps_weighted_agg(integer, weight) and nps_weighted(integer, weight): adds a weighted score';

CREATE FUNCTION nps_weighted_agg_trans(nps_weighted_summary, pg_catalog.numeric, pg_catalog.float8) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_agg_trans(nps_weighted_summary, pg_catalog.numeric, pg_catalog.float8) IS
	'transition function of nps_weighted_agg(numeric, weight) and nps_weighted(numeric, weight): adds a weighted score';

CREATE FUNCTION nps_weighted_agg_trans(nps_weighted_summary, pg_catalog.int8, pg_catalog.float8) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_agg_trans(nps_weighted_summary, pg_catalog.int8, pg_catalog.float8) IS
	'transition function of nps_weighted_agg(bigint, weight) and nps_weighted(bigint, weight): adds a weighted score';

CREATE FUNCTION nps_weighted_agg_trans(nps_weighted_summary, pg_catalog.float8, pg_catalog.float8) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_agg_trans(nps_weighted_summary, pg_catalog.float8, pg_catalog.float8) IS
	'transition function of nps_weighted_agg(double precision, weight) and nps_weighted(double precision, weight): adds a weighted score';

CREATE FUNCTION nps_weighted_agg_trans(nps_weighted_summary, pg_catalog.float4, pg_catalog.float8) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_agg_trans(nps_weighted_summary, pg_catalog.float4, pg_catalog.float8) IS
	'transition function of nps_weighted_agg(real, weight) and nps_weighted(real, weight): adds a weighted score';

CREATE FUNCTION nps_weighted_agg_inv(nps_weighted_summary, pg_catalog.int2, pg_catalog.float8) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_agg_inv(nps_weighted_summary, pg_catalog.int2, pg_catalog.float8) IS
	'inverse transition of nps_weighted_agg(smallint, weight) and nps_weighted(smallint, weight) in a moving window: removes a weighted score';

CREATE FUNCTION nps_weighted_agg_inv(nps_weighted_summary, pg_catalog.int4, pg_catalog.float8) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_agg_inv(nps_weighted_summary, pg_catalog.int4, pg_catalog.float8) IS
	'inverse transition of nps_weighted_agg(integer, weight) and nps_weighted(integer, weight) in a moving window: removes a weighted score';

CREATE FUNCTION nps_weighted_agg_inv(nps_weighted_summary, pg_catalog.numeric, pg_catalog.float8) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_agg_inv(nps_weighted_summary, pg_catalog.numeric, pg_catalog.float8) IS
	'inverse transition of nps_weighted_agg(numeric, weight) and nps_weighted(numeric, weight) in a moving window: removes a weighted score';

CREATE FUNCTION nps_weighted_agg_inv(nps_weighted_summary, pg_catalog.int8, pg_catalog.float8) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_agg_inv(nps_weighted_summary, pg_catalog.int8, pg_catalog.float8) IS
	'inverse transition of nps_weighted_agg(bigint, weight) and nps_weighted(bigint, weight) in a moving window: removes a weighted score';

CREATE FUNCTION nps_weighted_agg_inv(nps_weighted_summary, pg_catalog.float8, pg_catalog.float8) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_agg_inv(nps_weighted_summary, pg_catalog.float8, pg_catalog.float8) IS
	'inverse transition of nps_weighted_agg(double precision, weight) and nps_weighted(double precision, weight) in a moving window: removes a weighted score';

CREATE FUNCTION nps_weighted_agg_inv(nps_weighted_summary, pg_catalog.float4, pg_catalog.float8) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_agg_inv(nps_weighted_summary, pg_catalog.float4, pg_catalog.float8) IS
	'inverse transition of nps_weighted_agg(real, weight) and nps_weighted(real, weight) in a moving window: removes a weighted score';

CREATE FUNCTION nps_weighted_summary_combine(nps_weighted_summary, nps_weighted_summary) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wsummary_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_summary_combine(nps_weighted_summary, nps_weighted_summary) IS
	'merges two weighted NPS summaries exactly: transition function of rollup() and combine function of every weighted NPS aggregate';

CREATE FUNCTION nps_weighted_summary_uncombine(nps_weighted_summary, nps_weighted_summary) RETURNS nps_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wsummary_uncombine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_weighted_summary_uncombine(nps_weighted_summary, nps_weighted_summary) IS
	'removes the second weighted NPS summary from the first: inverse transition of rollup() in a moving window';

-- readers -----------------------------------------------------------------

CREATE FUNCTION nps(nps_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_weighted_value'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps(nps_weighted_summary) IS
	'weighted Net Promoter Score, -100..100: 100 * (weight of promoters - weight of detractors) / weight total; NULL when empty';

CREATE FUNCTION nps_stderr(nps_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_weighted_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_stderr(nps_weighted_summary) IS
	'standard error of weighted NPS in points, by linearisation (R survey::svymean with weights only): sqrt(n / (n - 1) * sum w_i^2 (y_i - nps)^2) / sum w, y = +100 / 0 / -100; NULL below 2 responses';

CREATE FUNCTION nps_lower(s nps_weighted_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_weighted_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_lower(nps_weighted_summary, pg_catalog.float8) IS
	'lower bound of the Wald interval for weighted NPS, nps - z * nps_stderr, clipped to -100; NULL below 2 responses';

CREATE FUNCTION nps_upper(s nps_weighted_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_weighted_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_upper(nps_weighted_summary, pg_catalog.float8) IS
	'upper bound of the Wald interval for weighted NPS, nps + z * nps_stderr, clipped to 100; NULL below 2 responses';

CREATE FUNCTION promoters(nps_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_weighted_promoters'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION promoters(nps_weighted_summary) IS
	'weight of the promoters (scores 9-10): the sum of their weights';

CREATE FUNCTION passives(nps_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_weighted_passives'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION passives(nps_weighted_summary) IS
	'weight of the passives (scores 7-8): the sum of their weights';

CREATE FUNCTION detractors(nps_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_weighted_detractors'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION detractors(nps_weighted_summary) IS
	'weight of the detractors (scores 0-6): the sum of their weights';

CREATE FUNCTION promoter_share(nps_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_weighted_promoter_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION promoter_share(nps_weighted_summary) IS
	'promoters share of the weight, 0..1; NULL when empty';

CREATE FUNCTION passive_share(nps_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_weighted_passive_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION passive_share(nps_weighted_summary) IS
	'passives share of the weight, 0..1; NULL when empty';

CREATE FUNCTION detractor_share(nps_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_weighted_detractor_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION detractor_share(nps_weighted_summary) IS
	'detractors share of the weight, 0..1; NULL when empty';

CREATE FUNCTION responses(nps_weighted_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'cx_summary_responses'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(nps_weighted_summary) IS
	'number of responses, unweighted (rows with a NULL score or a NULL weight are not counted)';

CREATE FUNCTION distribution(nps_weighted_summary) RETURNS pg_catalog.int8[]
	AS 'MODULE_PATHNAME', 'cx_summary_distribution'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION distribution(nps_weighted_summary) IS
	'responses per score (unweighted) as bigint[] subscripted by the score';

CREATE FUNCTION weight_distribution(nps_weighted_summary) RETURNS pg_catalog.float8[]
	AS 'MODULE_PATHNAME', 'cx_wsummary_weight_distribution'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION weight_distribution(nps_weighted_summary) IS
	'sum of the weights per score as float8[] subscripted by the score';

CREATE FUNCTION weight_total(nps_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_weight_total'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION weight_total(nps_weighted_summary) IS
	'sum of the weights (0 when empty)';

CREATE FUNCTION effective_responses(nps_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_effective_responses'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION effective_responses(nps_weighted_summary) IS
	'Kishs effective number of responses, (sum w)^2 / sum w^2, from 1 to responses(); NULL when empty';

CREATE FUNCTION design_effect(nps_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_design_effect'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION design_effect(nps_weighted_summary) IS
	'Kishs design effect of the weighting, responses / effective_responses, 1 for equal weights; NULL when empty';

CREATE FUNCTION nps_test(a nps_weighted_summary, b nps_weighted_summary,
		confidence pg_catalog.float8 DEFAULT 0.95,
		OUT delta pg_catalog.float8, OUT stderr pg_catalog.float8,
		OUT z pg_catalog.float8, OUT p_value pg_catalog.float8,
		OUT lower pg_catalog.float8, OUT upper pg_catalog.float8) RETURNS record
	AS 'MODULE_PATHNAME', 'nps_weighted_test'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_test(nps_weighted_summary, nps_weighted_summary, pg_catalog.float8) IS
	'two-sample z-test of weighted NPS(b) against NPS(a), independent samples: delta = b - a, stderr = sqrt(se_a^2 + se_b^2) of the linearisation errors, z, two-sided p-value, and interval';

-- aggregates --------------------------------------------------------------
-- As for the unweighted ones: STYPE is the summary itself, a COMBINEFUNC,
-- PARALLEL SAFE and moving-aggregate support (the integer sums subtract
-- exactly).  A row whose score or weight is NULL is left out.

CREATE AGGREGATE nps_weighted_agg(pg_catalog.int2, pg_catalog.float8) (
	SFUNC = nps_weighted_agg_trans, STYPE = nps_weighted_summary,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_agg_trans, MINVFUNC = nps_weighted_agg_inv, MSTYPE = nps_weighted_summary,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_weighted_agg(pg_catalog.int2, pg_catalog.float8) IS
	'weighted NPS summary of scores 0..10, weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE nps_weighted_agg(pg_catalog.int4, pg_catalog.float8) (
	SFUNC = nps_weighted_agg_trans, STYPE = nps_weighted_summary,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_agg_trans, MINVFUNC = nps_weighted_agg_inv, MSTYPE = nps_weighted_summary,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_weighted_agg(pg_catalog.int4, pg_catalog.float8) IS
	'weighted NPS summary of scores 0..10, weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE nps_weighted_agg(pg_catalog.numeric, pg_catalog.float8) (
	SFUNC = nps_weighted_agg_trans, STYPE = nps_weighted_summary,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_agg_trans, MINVFUNC = nps_weighted_agg_inv, MSTYPE = nps_weighted_summary,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_weighted_agg(pg_catalog.numeric, pg_catalog.float8) IS
	'weighted NPS summary of whole-number scores 0..10, weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE nps_weighted_agg(pg_catalog.int8, pg_catalog.float8) (
	SFUNC = nps_weighted_agg_trans, STYPE = nps_weighted_summary,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_agg_trans, MINVFUNC = nps_weighted_agg_inv, MSTYPE = nps_weighted_summary,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_weighted_agg(pg_catalog.int8, pg_catalog.float8) IS
	'weighted NPS summary of scores 0..10, weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE nps_weighted_agg(pg_catalog.float8, pg_catalog.float8) (
	SFUNC = nps_weighted_agg_trans, STYPE = nps_weighted_summary,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_agg_trans, MINVFUNC = nps_weighted_agg_inv, MSTYPE = nps_weighted_summary,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_weighted_agg(pg_catalog.float8, pg_catalog.float8) IS
	'weighted NPS summary of whole-number scores 0..10, weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE nps_weighted_agg(pg_catalog.float4, pg_catalog.float8) (
	SFUNC = nps_weighted_agg_trans, STYPE = nps_weighted_summary,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_agg_trans, MINVFUNC = nps_weighted_agg_inv, MSTYPE = nps_weighted_summary,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_weighted_agg(pg_catalog.float4, pg_catalog.float8) IS
	'weighted NPS summary of whole-number scores 0..10, weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE nps_weighted(pg_catalog.int2, pg_catalog.float8) (
	SFUNC = nps_weighted_agg_trans, STYPE = nps_weighted_summary, FINALFUNC = nps,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_agg_trans, MINVFUNC = nps_weighted_agg_inv, MSTYPE = nps_weighted_summary, MFINALFUNC = nps,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_weighted(pg_catalog.int2, pg_catalog.float8) IS
	'weighted Net Promoter Score, as float8 in -100..100, of scores 0..10 (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE nps_weighted(pg_catalog.int4, pg_catalog.float8) (
	SFUNC = nps_weighted_agg_trans, STYPE = nps_weighted_summary, FINALFUNC = nps,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_agg_trans, MINVFUNC = nps_weighted_agg_inv, MSTYPE = nps_weighted_summary, MFINALFUNC = nps,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_weighted(pg_catalog.int4, pg_catalog.float8) IS
	'weighted Net Promoter Score, as float8 in -100..100, of scores 0..10 (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE nps_weighted(pg_catalog.numeric, pg_catalog.float8) (
	SFUNC = nps_weighted_agg_trans, STYPE = nps_weighted_summary, FINALFUNC = nps,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_agg_trans, MINVFUNC = nps_weighted_agg_inv, MSTYPE = nps_weighted_summary, MFINALFUNC = nps,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_weighted(pg_catalog.numeric, pg_catalog.float8) IS
	'weighted Net Promoter Score, as float8 in -100..100, of whole-number scores 0..10 (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE nps_weighted(pg_catalog.int8, pg_catalog.float8) (
	SFUNC = nps_weighted_agg_trans, STYPE = nps_weighted_summary, FINALFUNC = nps,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_agg_trans, MINVFUNC = nps_weighted_agg_inv, MSTYPE = nps_weighted_summary, MFINALFUNC = nps,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_weighted(pg_catalog.int8, pg_catalog.float8) IS
	'weighted Net Promoter Score, as float8 in -100..100, of scores 0..10 (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE nps_weighted(pg_catalog.float8, pg_catalog.float8) (
	SFUNC = nps_weighted_agg_trans, STYPE = nps_weighted_summary, FINALFUNC = nps,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_agg_trans, MINVFUNC = nps_weighted_agg_inv, MSTYPE = nps_weighted_summary, MFINALFUNC = nps,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_weighted(pg_catalog.float8, pg_catalog.float8) IS
	'weighted Net Promoter Score, as float8 in -100..100, of whole-number scores 0..10 (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE nps_weighted(pg_catalog.float4, pg_catalog.float8) (
	SFUNC = nps_weighted_agg_trans, STYPE = nps_weighted_summary, FINALFUNC = nps,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_agg_trans, MINVFUNC = nps_weighted_agg_inv, MSTYPE = nps_weighted_summary, MFINALFUNC = nps,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_weighted(pg_catalog.float4, pg_catalog.float8) IS
	'weighted Net Promoter Score, as float8 in -100..100, of whole-number scores 0..10 (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE rollup(nps_weighted_summary) (
	SFUNC = nps_weighted_summary_combine, STYPE = nps_weighted_summary,
	INITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = nps_weighted_summary_combine,
	MSFUNC = nps_weighted_summary_combine, MINVFUNC = nps_weighted_summary_uncombine, MSTYPE = nps_weighted_summary,
	MINITCOND = 'v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(nps_weighted_summary) IS
	'merges weighted NPS summaries exactly, in any order with the same bits (NULL summaries are ignored)';

--------------------------------------------------------------------------
-- csat_weighted_summary: weighted CSAT on a 1..k satisfaction scale, k from 2 to 10
--------------------------------------------------------------------------

CREATE TYPE csat_weighted_summary;

CREATE FUNCTION csat_weighted_summary_in(pg_catalog.cstring) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_weighted_summary_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_summary_in(pg_catalog.cstring) IS
	'text input of csat_weighted_summary: "v1:1..k:" followed by "count/weight sum/squared weight sum" for each score, comma-separated';

CREATE FUNCTION csat_weighted_summary_out(csat_weighted_summary) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'cx_wsummary_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_summary_out(csat_weighted_summary) IS
	'text output of csat_weighted_summary (canonical, exact decimals, versioned)';

CREATE FUNCTION csat_weighted_summary_recv(pg_catalog.internal) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_weighted_summary_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_summary_recv(pg_catalog.internal) IS
	'binary input of csat_weighted_summary, checked as strictly as the text input';

CREATE FUNCTION csat_weighted_summary_send(csat_weighted_summary) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'cx_wsummary_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_summary_send(csat_weighted_summary) IS
	'binary output of csat_weighted_summary: a format version byte, the scale, then per score the count and the two sums as 128-bit integers';

CREATE TYPE csat_weighted_summary (
	INPUT = csat_weighted_summary_in,
	OUTPUT = csat_weighted_summary_out,
	RECEIVE = csat_weighted_summary_recv,
	SEND = csat_weighted_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE csat_weighted_summary IS
	'weighted CSAT summary: for each score of a 1..k scale (k from 2 to 10) the responses, the sum of their weights and of their squared weights (fixed point, exact); read with csat(), csat_lower(), mean(), ...';

-- equality and hashing ----------------------------------------------------

CREATE FUNCTION csat_weighted_summary_eq(csat_weighted_summary, csat_weighted_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_summary_eq(csat_weighted_summary, csat_weighted_summary) IS
	'true when two weighted CSAT summaries have the same scale, counts and weight sums';

CREATE FUNCTION csat_weighted_summary_ne(csat_weighted_summary, csat_weighted_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_summary_ne(csat_weighted_summary, csat_weighted_summary) IS
	'true when two weighted CSAT summaries differ in scale, a count or a weight sum';

CREATE FUNCTION csat_weighted_summary_hash(csat_weighted_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_summary_hash(csat_weighted_summary) IS
	'hash of a weighted CSAT summary, for hash joins, GROUP BY and DISTINCT';

CREATE OPERATOR = (
	LEFTARG = csat_weighted_summary,
	RIGHTARG = csat_weighted_summary,
	FUNCTION = csat_weighted_summary_eq,
	COMMUTATOR = =,
	NEGATOR = <>,
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR =(csat_weighted_summary, csat_weighted_summary) IS 'same scale, counts and weight sums';

CREATE OPERATOR <> (
	LEFTARG = csat_weighted_summary,
	RIGHTARG = csat_weighted_summary,
	FUNCTION = csat_weighted_summary_ne,
	COMMUTATOR = <>,
	NEGATOR = =,
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR <>(csat_weighted_summary, csat_weighted_summary) IS 'different scale, counts or weight sums';

CREATE OPERATOR CLASS csat_weighted_summary_hash_ops
	DEFAULT FOR TYPE csat_weighted_summary USING hash AS
	OPERATOR 1 = (csat_weighted_summary, csat_weighted_summary),
	FUNCTION 1 csat_weighted_summary_hash(csat_weighted_summary);
COMMENT ON OPERATOR CLASS csat_weighted_summary_hash_ops USING hash IS
	'hash operator class of csat_weighted_summary';
COMMENT ON OPERATOR FAMILY csat_weighted_summary_hash_ops USING hash IS
	'hash operator family of csat_weighted_summary';

-- JSON --------------------------------------------------------------------

CREATE FUNCTION csat_weighted_summary_json(csat_weighted_summary) RETURNS pg_catalog.json
	AS 'MODULE_PATHNAME', 'cx_wsummary_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_summary_json(csat_weighted_summary) IS
	'a weighted CSAT summary as json: scale, n, counts, weights, weights_squared, weight_total, effective_responses, csat, satisfied (weight), mean';

CREATE FUNCTION csat_weighted_summary_jsonb(csat_weighted_summary) RETURNS pg_catalog.jsonb
	AS 'MODULE_PATHNAME', 'cx_wsummary_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_summary_jsonb(csat_weighted_summary) IS
	'a weighted CSAT summary as jsonb: scale, n, counts, weights, weights_squared, weight_total, effective_responses, csat, satisfied (weight), mean';

CREATE CAST (csat_weighted_summary AS pg_catalog.json) WITH FUNCTION csat_weighted_summary_json(csat_weighted_summary);
COMMENT ON CAST (csat_weighted_summary AS pg_catalog.json) IS
	'a weighted CSAT summary as json (also used by to_json and row_to_json)';

CREATE CAST (csat_weighted_summary AS pg_catalog.jsonb) WITH FUNCTION csat_weighted_summary_jsonb(csat_weighted_summary);
COMMENT ON CAST (csat_weighted_summary AS pg_catalog.jsonb) IS
	'a weighted CSAT summary as jsonb';

-- aggregate support -------------------------------------------------------

CREATE FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.int2, pg_catalog.float8) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.int2, pg_catalog.float8) IS
	'transition function of csat_weighted_agg(smallint, weight) and csat_weighted(smallint, weight) on the default scale: adds a weighted score';

CREATE FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.int4, pg_catalog.float8) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.int4, pg_catalog.float8) IS
	'transition function of csat_weighted_agg(integer, weight) and csat_weighted(integer, weight) on the default scale: adds a weighted score';

CREATE FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.numeric, pg_catalog.float8) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.numeric, pg_catalog.float8) IS
	'transition function of csat_weighted_agg(numeric, weight) and csat_weighted(numeric, weight) on the default scale: adds a weighted score';

CREATE FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.int8, pg_catalog.float8) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.int8, pg_catalog.float8) IS
	'transition function of csat_weighted_agg(bigint, weight) and csat_weighted(bigint, weight) on the default scale: adds a weighted score';

CREATE FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.float8, pg_catalog.float8) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.float8, pg_catalog.float8) IS
	'transition function of csat_weighted_agg(double precision, weight) and csat_weighted(double precision, weight) on the default scale: adds a weighted score';

CREATE FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.float4, pg_catalog.float8) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.float4, pg_catalog.float8) IS
	'transition function of csat_weighted_agg(real, weight) and csat_weighted(real, weight) on the default scale: adds a weighted score';

CREATE FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.int2, pg_catalog.float8) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.int2, pg_catalog.float8) IS
	'inverse transition of csat_weighted_agg(smallint, weight) and csat_weighted(smallint, weight) in a moving window: removes a weighted score';

CREATE FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.int4, pg_catalog.float8) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.int4, pg_catalog.float8) IS
	'inverse transition of csat_weighted_agg(integer, weight) and csat_weighted(integer, weight) in a moving window: removes a weighted score';

CREATE FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.numeric, pg_catalog.float8) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.numeric, pg_catalog.float8) IS
	'inverse transition of csat_weighted_agg(numeric, weight) and csat_weighted(numeric, weight) in a moving window: removes a weighted score';

CREATE FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.int8, pg_catalog.float8) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.int8, pg_catalog.float8) IS
	'inverse transition of csat_weighted_agg(bigint, weight) and csat_weighted(bigint, weight) in a moving window: removes a weighted score';

CREATE FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.float8, pg_catalog.float8) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.float8, pg_catalog.float8) IS
	'inverse transition of csat_weighted_agg(double precision, weight) and csat_weighted(double precision, weight) in a moving window: removes a weighted score';

CREATE FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.float4, pg_catalog.float8) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.float4, pg_catalog.float8) IS
	'inverse transition of csat_weighted_agg(real, weight) and csat_weighted(real, weight) in a moving window: removes a weighted score';

-- not STRICT: the first call creates the state on the scale it is given
CREATE FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.int2, pg_catalog.float8, pg_catalog.int4)
	RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_wtrans_int2'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.int2, pg_catalog.float8, pg_catalog.int4) IS
	'transition function of csat_weighted_agg(smallint, weight, scale_max) and csat_weighted(smallint, weight, scale_max): creates the state on the first call, then adds a weighted score';

CREATE FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.int4, pg_catalog.float8, pg_catalog.int4)
	RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_wtrans_int4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.int4, pg_catalog.float8, pg_catalog.int4) IS
	'transition function of csat_weighted_agg(integer, weight, scale_max) and csat_weighted(integer, weight, scale_max): creates the state on the first call, then adds a weighted score';

CREATE FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4)
	RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_wtrans_numeric'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4) IS
	'transition function of csat_weighted_agg(numeric, weight, scale_max) and csat_weighted(numeric, weight, scale_max): creates the state on the first call, then adds a weighted score';

CREATE FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.int8, pg_catalog.float8, pg_catalog.int4)
	RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_wtrans_int8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.int8, pg_catalog.float8, pg_catalog.int4) IS
	'transition function of csat_weighted_agg(bigint, weight, scale_max) and csat_weighted(bigint, weight, scale_max): creates the state on the first call, then adds a weighted score';

CREATE FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
	RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_wtrans_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4) IS
	'transition function of csat_weighted_agg(double precision, weight, scale_max) and csat_weighted(double precision, weight, scale_max): creates the state on the first call, then adds a weighted score';

CREATE FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.float4, pg_catalog.float8, pg_catalog.int4)
	RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_wtrans_float4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_trans(csat_weighted_summary, pg_catalog.float4, pg_catalog.float8, pg_catalog.int4) IS
	'transition function of csat_weighted_agg(real, weight, scale_max) and csat_weighted(real, weight, scale_max): creates the state on the first call, then adds a weighted score';

-- not STRICT, like the transition function it inverts
CREATE FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.int2, pg_catalog.float8, pg_catalog.int4)
	RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_winv_int2'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.int2, pg_catalog.float8, pg_catalog.int4) IS
	'inverse transition of csat_weighted_agg(smallint, weight, scale_max) and csat_weighted(smallint, weight, scale_max) in a moving window: removes a weighted score';

CREATE FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.int4, pg_catalog.float8, pg_catalog.int4)
	RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_winv_int4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.int4, pg_catalog.float8, pg_catalog.int4) IS
	'inverse transition of csat_weighted_agg(integer, weight, scale_max) and csat_weighted(integer, weight, scale_max) in a moving window: removes a weighted score';

CREATE FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4)
	RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_winv_numeric'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4) IS
	'inverse transition of csat_weighted_agg(numeric, weight, scale_max) and csat_weighted(numeric, weight, scale_max) in a moving window: removes a weighted score';

CREATE FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.int8, pg_catalog.float8, pg_catalog.int4)
	RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_winv_int8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.int8, pg_catalog.float8, pg_catalog.int4) IS
	'inverse transition of csat_weighted_agg(bigint, weight, scale_max) and csat_weighted(bigint, weight, scale_max) in a moving window: removes a weighted score';

CREATE FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
	RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_winv_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4) IS
	'inverse transition of csat_weighted_agg(double precision, weight, scale_max) and csat_weighted(double precision, weight, scale_max) in a moving window: removes a weighted score';

CREATE FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.float4, pg_catalog.float8, pg_catalog.int4)
	RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'csat_winv_float4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_agg_inv(csat_weighted_summary, pg_catalog.float4, pg_catalog.float8, pg_catalog.int4) IS
	'inverse transition of csat_weighted_agg(real, weight, scale_max) and csat_weighted(real, weight, scale_max) in a moving window: removes a weighted score';

CREATE FUNCTION csat_weighted_summary_combine(csat_weighted_summary, csat_weighted_summary) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wsummary_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_summary_combine(csat_weighted_summary, csat_weighted_summary) IS
	'merges two weighted CSAT summaries of one scale exactly: transition function of rollup() and combine function of every weighted CSAT aggregate';

CREATE FUNCTION csat_weighted_summary_uncombine(csat_weighted_summary, csat_weighted_summary) RETURNS csat_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wsummary_uncombine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_weighted_summary_uncombine(csat_weighted_summary, csat_weighted_summary) IS
	'removes the second weighted CSAT summary from the first: inverse transition of rollup() in a moving window';

-- readers -----------------------------------------------------------------

CREATE FUNCTION csat(csat_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_weighted_value'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat(csat_weighted_summary) IS
	'weighted CSAT %, 0..100: 100 * weight of the satisfied / weight total, satisfied being the top two points (the top point on scales of 3 or fewer); NULL when empty';

CREATE FUNCTION csat(s csat_weighted_summary, satisfied_min pg_catalog.int4) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_weighted_value'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat(csat_weighted_summary, pg_catalog.int4) IS
	'weighted CSAT % with scores >= satisfied_min counted as satisfied; NULL when empty';

CREATE FUNCTION satisfied(csat_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_weighted_satisfied'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION satisfied(csat_weighted_summary) IS
	'weight of the satisfied responses (the top two points; the top point on scales of 3 or fewer)';

CREATE FUNCTION satisfied(s csat_weighted_summary, satisfied_min pg_catalog.int4) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_weighted_satisfied'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION satisfied(csat_weighted_summary, pg_catalog.int4) IS
	'weight of the responses >= satisfied_min';

CREATE FUNCTION csat_stderr(csat_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_weighted_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_stderr(csat_weighted_summary) IS
	'standard error of weighted CSAT % in points, by linearisation (R survey::svymean with weights only); NULL below 2 responses';

CREATE FUNCTION csat_stderr(s csat_weighted_summary, satisfied_min pg_catalog.int4) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_weighted_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_stderr(csat_weighted_summary, pg_catalog.int4) IS
	'standard error of weighted CSAT % with scores >= satisfied_min satisfied; NULL below 2 responses';

CREATE FUNCTION csat_lower(s csat_weighted_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_weighted_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_lower(csat_weighted_summary, pg_catalog.float8) IS
	'lower bound of the Wald interval for weighted CSAT %, clipped to 0; NULL below 2 responses';

CREATE FUNCTION csat_lower(s csat_weighted_summary, confidence pg_catalog.float8, satisfied_min pg_catalog.int4)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_weighted_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_lower(csat_weighted_summary, pg_catalog.float8, pg_catalog.int4) IS
	'lower bound of the Wald interval for weighted CSAT % with scores >= satisfied_min satisfied; NULL below 2 responses';

CREATE FUNCTION csat_upper(s csat_weighted_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_weighted_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_upper(csat_weighted_summary, pg_catalog.float8) IS
	'upper bound of the Wald interval for weighted CSAT %, clipped to 100; NULL below 2 responses';

CREATE FUNCTION csat_upper(s csat_weighted_summary, confidence pg_catalog.float8, satisfied_min pg_catalog.int4)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_weighted_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_upper(csat_weighted_summary, pg_catalog.float8, pg_catalog.int4) IS
	'upper bound of the Wald interval for weighted CSAT % with scores >= satisfied_min satisfied; NULL below 2 responses';

CREATE FUNCTION responses(csat_weighted_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'cx_summary_responses'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(csat_weighted_summary) IS
	'number of responses, unweighted (rows with a NULL score or a NULL weight are not counted)';

CREATE FUNCTION distribution(csat_weighted_summary) RETURNS pg_catalog.int8[]
	AS 'MODULE_PATHNAME', 'cx_summary_distribution'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION distribution(csat_weighted_summary) IS
	'responses per score (unweighted) as bigint[] subscripted by the score';

CREATE FUNCTION weight_distribution(csat_weighted_summary) RETURNS pg_catalog.float8[]
	AS 'MODULE_PATHNAME', 'cx_wsummary_weight_distribution'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION weight_distribution(csat_weighted_summary) IS
	'sum of the weights per score as float8[] subscripted by the score';

CREATE FUNCTION weight_total(csat_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_weight_total'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION weight_total(csat_weighted_summary) IS
	'sum of the weights (0 when empty)';

CREATE FUNCTION effective_responses(csat_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_effective_responses'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION effective_responses(csat_weighted_summary) IS
	'Kishs effective number of responses, (sum w)^2 / sum w^2, from 1 to responses(); NULL when empty';

CREATE FUNCTION design_effect(csat_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_design_effect'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION design_effect(csat_weighted_summary) IS
	'Kishs design effect of the weighting, responses / effective_responses, 1 for equal weights; NULL when empty';

CREATE FUNCTION scale_max(csat_weighted_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_scale_max'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION scale_max(csat_weighted_summary) IS
	'the highest score of the scale (the lowest is 1)';

CREATE FUNCTION mean(csat_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_mean'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean(csat_weighted_summary) IS
	'weighted mean score; NULL when empty';

CREATE FUNCTION mean_stderr(csat_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_mean_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_stderr(csat_weighted_summary) IS
	'standard error of the weighted mean score, by linearisation (R survey::svymean with weights only); NULL below 2 responses';

CREATE FUNCTION mean_lower(s csat_weighted_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_mean_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_lower(csat_weighted_summary, pg_catalog.float8) IS
	'lower bound of the normal interval for the weighted mean score, clipped to the scale; NULL below 2 responses';

CREATE FUNCTION mean_upper(s csat_weighted_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_mean_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_upper(csat_weighted_summary, pg_catalog.float8) IS
	'upper bound of the normal interval for the weighted mean score, clipped to the scale; NULL below 2 responses';

CREATE FUNCTION csat_test(a csat_weighted_summary, b csat_weighted_summary,
		confidence pg_catalog.float8 DEFAULT 0.95,
		OUT delta pg_catalog.float8, OUT stderr pg_catalog.float8,
		OUT z pg_catalog.float8, OUT p_value pg_catalog.float8,
		OUT lower pg_catalog.float8, OUT upper pg_catalog.float8) RETURNS record
	AS 'MODULE_PATHNAME', 'csat_weighted_test'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_test(csat_weighted_summary, csat_weighted_summary, pg_catalog.float8) IS
	'two-sample z-test of weighted CSAT(b) against CSAT(a) in points, independent samples, with the linearisation standard errors: delta = b - a, stderr, z, two-sided p-value, and interval';

CREATE FUNCTION csat_test(a csat_weighted_summary, b csat_weighted_summary,
		confidence pg_catalog.float8, satisfied_min pg_catalog.int4,
		OUT delta pg_catalog.float8, OUT stderr pg_catalog.float8,
		OUT z pg_catalog.float8, OUT p_value pg_catalog.float8,
		OUT lower pg_catalog.float8, OUT upper pg_catalog.float8) RETURNS record
	AS 'MODULE_PATHNAME', 'csat_weighted_test'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_test(csat_weighted_summary, csat_weighted_summary, pg_catalog.float8, pg_catalog.int4) IS
	'csat_test of weighted summaries with scores >= satisfied_min counted as satisfied in both samples';

CREATE FUNCTION mean_test(a csat_weighted_summary, b csat_weighted_summary,
		confidence pg_catalog.float8 DEFAULT 0.95,
		OUT delta pg_catalog.float8, OUT stderr pg_catalog.float8,
		OUT z pg_catalog.float8, OUT p_value pg_catalog.float8,
		OUT lower pg_catalog.float8, OUT upper pg_catalog.float8) RETURNS record
	AS 'MODULE_PATHNAME', 'cx_wsummary_mean_test'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_test(csat_weighted_summary, csat_weighted_summary, pg_catalog.float8) IS
	'two-sample z-test of the weighted mean(b) against mean(a), on one scale, independent samples: delta = b - a, stderr, z, two-sided p-value, and interval';

-- aggregates --------------------------------------------------------------
-- As for the unweighted ones: STYPE is the summary itself, a COMBINEFUNC,
-- PARALLEL SAFE and moving-aggregate support (the integer sums subtract
-- exactly).  A row whose score or weight is NULL is left out.
-- The forms with a scale argument have no INITCOND: over no rows at all
-- they return NULL, as sum() does.

CREATE AGGREGATE csat_weighted_agg(pg_catalog.int2, pg_catalog.float8) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary,
	INITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary,
	MINITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted_agg(pg_catalog.int2, pg_catalog.float8) IS
	'weighted CSAT summary of scores 1..5, weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE csat_weighted_agg(pg_catalog.int4, pg_catalog.float8) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary,
	INITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary,
	MINITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted_agg(pg_catalog.int4, pg_catalog.float8) IS
	'weighted CSAT summary of scores 1..5, weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE csat_weighted_agg(pg_catalog.numeric, pg_catalog.float8) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary,
	INITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary,
	MINITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted_agg(pg_catalog.numeric, pg_catalog.float8) IS
	'weighted CSAT summary of whole-number scores 1..5, weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE csat_weighted_agg(pg_catalog.int8, pg_catalog.float8) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary,
	INITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary,
	MINITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted_agg(pg_catalog.int8, pg_catalog.float8) IS
	'weighted CSAT summary of scores 1..5, weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE csat_weighted_agg(pg_catalog.float8, pg_catalog.float8) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary,
	INITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary,
	MINITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted_agg(pg_catalog.float8, pg_catalog.float8) IS
	'weighted CSAT summary of whole-number scores 1..5, weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE csat_weighted_agg(pg_catalog.float4, pg_catalog.float8) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary,
	INITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary,
	MINITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted_agg(pg_catalog.float4, pg_catalog.float8) IS
	'weighted CSAT summary of whole-number scores 1..5, weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE csat_weighted_agg(pg_catalog.int2, pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted_agg(pg_catalog.int2, pg_catalog.float8, pg_catalog.int4) IS
	'weighted CSAT summary of scores 1..scale_max, weight w > 0 (NULL scores or weights are ignored; no rows at all give NULL)';

CREATE AGGREGATE csat_weighted_agg(pg_catalog.int4, pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted_agg(pg_catalog.int4, pg_catalog.float8, pg_catalog.int4) IS
	'weighted CSAT summary of scores 1..scale_max, weight w > 0 (NULL scores or weights are ignored; no rows at all give NULL)';

CREATE AGGREGATE csat_weighted_agg(pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted_agg(pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4) IS
	'weighted CSAT summary of whole-number scores 1..scale_max, weight w > 0 (NULL scores or weights are ignored; no rows at all give NULL)';

CREATE AGGREGATE csat_weighted_agg(pg_catalog.int8, pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted_agg(pg_catalog.int8, pg_catalog.float8, pg_catalog.int4) IS
	'weighted CSAT summary of scores 1..scale_max, weight w > 0 (NULL scores or weights are ignored; no rows at all give NULL)';

CREATE AGGREGATE csat_weighted_agg(pg_catalog.float8, pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted_agg(pg_catalog.float8, pg_catalog.float8, pg_catalog.int4) IS
	'weighted CSAT summary of whole-number scores 1..scale_max, weight w > 0 (NULL scores or weights are ignored; no rows at all give NULL)';

CREATE AGGREGATE csat_weighted_agg(pg_catalog.float4, pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted_agg(pg_catalog.float4, pg_catalog.float8, pg_catalog.int4) IS
	'weighted CSAT summary of whole-number scores 1..scale_max, weight w > 0 (NULL scores or weights are ignored; no rows at all give NULL)';

CREATE AGGREGATE csat_weighted(pg_catalog.int2, pg_catalog.float8) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary, FINALFUNC = csat,
	INITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary, MFINALFUNC = csat,
	MINITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted(pg_catalog.int2, pg_catalog.float8) IS
	'weighted CSAT %, 0..100, of scores 1..5 (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE csat_weighted(pg_catalog.int4, pg_catalog.float8) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary, FINALFUNC = csat,
	INITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary, MFINALFUNC = csat,
	MINITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted(pg_catalog.int4, pg_catalog.float8) IS
	'weighted CSAT %, 0..100, of scores 1..5 (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE csat_weighted(pg_catalog.numeric, pg_catalog.float8) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary, FINALFUNC = csat,
	INITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary, MFINALFUNC = csat,
	MINITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted(pg_catalog.numeric, pg_catalog.float8) IS
	'weighted CSAT %, 0..100, of whole-number scores 1..5 (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE csat_weighted(pg_catalog.int8, pg_catalog.float8) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary, FINALFUNC = csat,
	INITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary, MFINALFUNC = csat,
	MINITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted(pg_catalog.int8, pg_catalog.float8) IS
	'weighted CSAT %, 0..100, of scores 1..5 (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE csat_weighted(pg_catalog.float8, pg_catalog.float8) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary, FINALFUNC = csat,
	INITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary, MFINALFUNC = csat,
	MINITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted(pg_catalog.float8, pg_catalog.float8) IS
	'weighted CSAT %, 0..100, of whole-number scores 1..5 (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE csat_weighted(pg_catalog.float4, pg_catalog.float8) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary, FINALFUNC = csat,
	INITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary, MFINALFUNC = csat,
	MINITCOND = 'v1:1..5:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted(pg_catalog.float4, pg_catalog.float8) IS
	'weighted CSAT %, 0..100, of whole-number scores 1..5 (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE csat_weighted(pg_catalog.int2, pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted(pg_catalog.int2, pg_catalog.float8, pg_catalog.int4) IS
	'weighted CSAT %, 0..100, of scores 1..scale_max (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE csat_weighted(pg_catalog.int4, pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted(pg_catalog.int4, pg_catalog.float8, pg_catalog.int4) IS
	'weighted CSAT %, 0..100, of scores 1..scale_max (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE csat_weighted(pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted(pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4) IS
	'weighted CSAT %, 0..100, of whole-number scores 1..scale_max (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE csat_weighted(pg_catalog.int8, pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted(pg_catalog.int8, pg_catalog.float8, pg_catalog.int4) IS
	'weighted CSAT %, 0..100, of scores 1..scale_max (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE csat_weighted(pg_catalog.float8, pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted(pg_catalog.float8, pg_catalog.float8, pg_catalog.int4) IS
	'weighted CSAT %, 0..100, of whole-number scores 1..scale_max (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE csat_weighted(pg_catalog.float4, pg_catalog.float8, pg_catalog.int4) (
	SFUNC = csat_weighted_agg_trans, STYPE = csat_weighted_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_agg_trans, MINVFUNC = csat_weighted_agg_inv, MSTYPE = csat_weighted_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_weighted(pg_catalog.float4, pg_catalog.float8, pg_catalog.int4) IS
	'weighted CSAT %, 0..100, of whole-number scores 1..scale_max (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE rollup(csat_weighted_summary) (
	SFUNC = csat_weighted_summary_combine, STYPE = csat_weighted_summary,
	COMBINEFUNC = csat_weighted_summary_combine,
	MSFUNC = csat_weighted_summary_combine, MINVFUNC = csat_weighted_summary_uncombine, MSTYPE = csat_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(csat_weighted_summary) IS
	'merges weighted CSAT summaries of one scale exactly, in any order with the same bits (NULL summaries are ignored; mixing scales is an error)';

--------------------------------------------------------------------------
-- ces_weighted_summary: weighted CES on a 1..k effort scale, k from 2 to 10, in either direction
--------------------------------------------------------------------------

CREATE TYPE ces_weighted_summary;

CREATE FUNCTION ces_weighted_summary_in(pg_catalog.cstring) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_weighted_summary_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_summary_in(pg_catalog.cstring) IS
	'text input of ces_weighted_summary: "v1:1..k:" (or "v1:1..k:lower_is_better:") followed by "count/weight sum/squared weight sum" for each score, comma-separated';

CREATE FUNCTION ces_weighted_summary_out(ces_weighted_summary) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'cx_wsummary_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_summary_out(ces_weighted_summary) IS
	'text output of ces_weighted_summary (canonical, exact decimals, versioned)';

CREATE FUNCTION ces_weighted_summary_recv(pg_catalog.internal) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_weighted_summary_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_summary_recv(pg_catalog.internal) IS
	'binary input of ces_weighted_summary, checked as strictly as the text input';

CREATE FUNCTION ces_weighted_summary_send(ces_weighted_summary) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'cx_wsummary_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_summary_send(ces_weighted_summary) IS
	'binary output of ces_weighted_summary: a format version byte, the scale, then per score the count and the two sums as 128-bit integers';

CREATE TYPE ces_weighted_summary (
	INPUT = ces_weighted_summary_in,
	OUTPUT = ces_weighted_summary_out,
	RECEIVE = ces_weighted_summary_recv,
	SEND = ces_weighted_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE ces_weighted_summary IS
	'weighted CES summary: for each score of a 1..k effort scale (k from 2 to 10, either direction) the responses, the sum of their weights and of their squared weights (fixed point, exact); read with ces(), net_effort(), ...';

-- equality and hashing ----------------------------------------------------

CREATE FUNCTION ces_weighted_summary_eq(ces_weighted_summary, ces_weighted_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_summary_eq(ces_weighted_summary, ces_weighted_summary) IS
	'true when two weighted CES summaries have the same scale, counts and weight sums';

CREATE FUNCTION ces_weighted_summary_ne(ces_weighted_summary, ces_weighted_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_summary_ne(ces_weighted_summary, ces_weighted_summary) IS
	'true when two weighted CES summaries differ in scale, a count or a weight sum';

CREATE FUNCTION ces_weighted_summary_hash(ces_weighted_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_summary_hash(ces_weighted_summary) IS
	'hash of a weighted CES summary, for hash joins, GROUP BY and DISTINCT';

CREATE OPERATOR = (
	LEFTARG = ces_weighted_summary,
	RIGHTARG = ces_weighted_summary,
	FUNCTION = ces_weighted_summary_eq,
	COMMUTATOR = =,
	NEGATOR = <>,
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR =(ces_weighted_summary, ces_weighted_summary) IS 'same scale, counts and weight sums';

CREATE OPERATOR <> (
	LEFTARG = ces_weighted_summary,
	RIGHTARG = ces_weighted_summary,
	FUNCTION = ces_weighted_summary_ne,
	COMMUTATOR = <>,
	NEGATOR = =,
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR <>(ces_weighted_summary, ces_weighted_summary) IS 'different scale, counts or weight sums';

CREATE OPERATOR CLASS ces_weighted_summary_hash_ops
	DEFAULT FOR TYPE ces_weighted_summary USING hash AS
	OPERATOR 1 = (ces_weighted_summary, ces_weighted_summary),
	FUNCTION 1 ces_weighted_summary_hash(ces_weighted_summary);
COMMENT ON OPERATOR CLASS ces_weighted_summary_hash_ops USING hash IS
	'hash operator class of ces_weighted_summary';
COMMENT ON OPERATOR FAMILY ces_weighted_summary_hash_ops USING hash IS
	'hash operator family of ces_weighted_summary';

-- JSON --------------------------------------------------------------------

CREATE FUNCTION ces_weighted_summary_json(ces_weighted_summary) RETURNS pg_catalog.json
	AS 'MODULE_PATHNAME', 'cx_wsummary_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_summary_json(ces_weighted_summary) IS
	'a weighted CES summary as json: scale, n, counts, weights, weights_squared, weight_total, effective_responses, lower_is_better, ces, easy, difficult (weights), net_effort';

CREATE FUNCTION ces_weighted_summary_jsonb(ces_weighted_summary) RETURNS pg_catalog.jsonb
	AS 'MODULE_PATHNAME', 'cx_wsummary_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_summary_jsonb(ces_weighted_summary) IS
	'a weighted CES summary as jsonb: scale, n, counts, weights, weights_squared, weight_total, effective_responses, lower_is_better, ces, easy, difficult (weights), net_effort';

CREATE CAST (ces_weighted_summary AS pg_catalog.json) WITH FUNCTION ces_weighted_summary_json(ces_weighted_summary);
COMMENT ON CAST (ces_weighted_summary AS pg_catalog.json) IS
	'a weighted CES summary as json (also used by to_json and row_to_json)';

CREATE CAST (ces_weighted_summary AS pg_catalog.jsonb) WITH FUNCTION ces_weighted_summary_jsonb(ces_weighted_summary);
COMMENT ON CAST (ces_weighted_summary AS pg_catalog.jsonb) IS
	'a weighted CES summary as jsonb';

-- aggregate support -------------------------------------------------------

CREATE FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.int2, pg_catalog.float8) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.int2, pg_catalog.float8) IS
	'transition function of ces_weighted_agg(smallint, weight) and ces_weighted(smallint, weight) on the default scale: adds a weighted score';

CREATE FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.int4, pg_catalog.float8) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.int4, pg_catalog.float8) IS
	'transition function of ces_weighted_agg(integer, weight) and ces_weighted(integer, weight) on the default scale: adds a weighted score';

CREATE FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.numeric, pg_catalog.float8) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.numeric, pg_catalog.float8) IS
	'transition function of ces_weighted_agg(numeric, weight) and ces_weighted(numeric, weight) on the default scale: adds a weighted score';

CREATE FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.int8, pg_catalog.float8) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.int8, pg_catalog.float8) IS
	'transition function of ces_weighted_agg(bigint, weight) and ces_weighted(bigint, weight) on the default scale: adds a weighted score';

CREATE FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.float8, pg_catalog.float8) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.float8, pg_catalog.float8) IS
	'transition function of ces_weighted_agg(double precision, weight) and ces_weighted(double precision, weight) on the default scale: adds a weighted score';

CREATE FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.float4, pg_catalog.float8) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wtrans_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.float4, pg_catalog.float8) IS
	'transition function of ces_weighted_agg(real, weight) and ces_weighted(real, weight) on the default scale: adds a weighted score';

CREATE FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.int2, pg_catalog.float8) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.int2, pg_catalog.float8) IS
	'inverse transition of ces_weighted_agg(smallint, weight) and ces_weighted(smallint, weight) in a moving window: removes a weighted score';

CREATE FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.int4, pg_catalog.float8) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.int4, pg_catalog.float8) IS
	'inverse transition of ces_weighted_agg(integer, weight) and ces_weighted(integer, weight) in a moving window: removes a weighted score';

CREATE FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.numeric, pg_catalog.float8) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.numeric, pg_catalog.float8) IS
	'inverse transition of ces_weighted_agg(numeric, weight) and ces_weighted(numeric, weight) in a moving window: removes a weighted score';

CREATE FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.int8, pg_catalog.float8) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.int8, pg_catalog.float8) IS
	'inverse transition of ces_weighted_agg(bigint, weight) and ces_weighted(bigint, weight) in a moving window: removes a weighted score';

CREATE FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.float8, pg_catalog.float8) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_float8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.float8, pg_catalog.float8) IS
	'inverse transition of ces_weighted_agg(double precision, weight) and ces_weighted(double precision, weight) in a moving window: removes a weighted score';

CREATE FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.float4, pg_catalog.float8) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_winv_float4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.float4, pg_catalog.float8) IS
	'inverse transition of ces_weighted_agg(real, weight) and ces_weighted(real, weight) in a moving window: removes a weighted score';

-- not STRICT: the first call creates the state on the scale it is given
CREATE FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.int2, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool)
	RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_wtrans_int2'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.int2, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_weighted_agg(smallint, weight, scale_max, lower_is_better) and ces_weighted(smallint, weight, scale_max, lower_is_better): creates the state on the first call, then adds a weighted score';

CREATE FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.int4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool)
	RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_wtrans_int4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.int4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_weighted_agg(integer, weight, scale_max, lower_is_better) and ces_weighted(integer, weight, scale_max, lower_is_better): creates the state on the first call, then adds a weighted score';

CREATE FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool)
	RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_wtrans_numeric'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_weighted_agg(numeric, weight, scale_max, lower_is_better) and ces_weighted(numeric, weight, scale_max, lower_is_better): creates the state on the first call, then adds a weighted score';

CREATE FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.int8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool)
	RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_wtrans_int8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.int8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_weighted_agg(bigint, weight, scale_max, lower_is_better) and ces_weighted(bigint, weight, scale_max, lower_is_better): creates the state on the first call, then adds a weighted score';

CREATE FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool)
	RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_wtrans_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_weighted_agg(double precision, weight, scale_max, lower_is_better) and ces_weighted(double precision, weight, scale_max, lower_is_better): creates the state on the first call, then adds a weighted score';

CREATE FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.float4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool)
	RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_wtrans_float4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_trans(ces_weighted_summary, pg_catalog.float4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_weighted_agg(real, weight, scale_max, lower_is_better) and ces_weighted(real, weight, scale_max, lower_is_better): creates the state on the first call, then adds a weighted score';

-- not STRICT, like the transition function it inverts
CREATE FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.int2, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool)
	RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_winv_int2'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.int2, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_weighted_agg(smallint, weight, scale_max, lower_is_better) and ces_weighted(smallint, weight, scale_max, lower_is_better) in a moving window: removes a weighted score';

CREATE FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.int4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool)
	RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_winv_int4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.int4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_weighted_agg(integer, weight, scale_max, lower_is_better) and ces_weighted(integer, weight, scale_max, lower_is_better) in a moving window: removes a weighted score';

CREATE FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool)
	RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_winv_numeric'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_weighted_agg(numeric, weight, scale_max, lower_is_better) and ces_weighted(numeric, weight, scale_max, lower_is_better) in a moving window: removes a weighted score';

CREATE FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.int8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool)
	RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_winv_int8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.int8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_weighted_agg(bigint, weight, scale_max, lower_is_better) and ces_weighted(bigint, weight, scale_max, lower_is_better) in a moving window: removes a weighted score';

CREATE FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool)
	RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_winv_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_weighted_agg(double precision, weight, scale_max, lower_is_better) and ces_weighted(double precision, weight, scale_max, lower_is_better) in a moving window: removes a weighted score';

CREATE FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.float4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool)
	RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'ces_winv_float4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_agg_inv(ces_weighted_summary, pg_catalog.float4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_weighted_agg(real, weight, scale_max, lower_is_better) and ces_weighted(real, weight, scale_max, lower_is_better) in a moving window: removes a weighted score';

CREATE FUNCTION ces_weighted_summary_combine(ces_weighted_summary, ces_weighted_summary) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wsummary_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_summary_combine(ces_weighted_summary, ces_weighted_summary) IS
	'merges two weighted CES summaries of one scale exactly: transition function of rollup() and combine function of every weighted CES aggregate';

CREATE FUNCTION ces_weighted_summary_uncombine(ces_weighted_summary, ces_weighted_summary) RETURNS ces_weighted_summary
	AS 'MODULE_PATHNAME', 'cx_wsummary_uncombine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_weighted_summary_uncombine(ces_weighted_summary, ces_weighted_summary) IS
	'removes the second weighted CES summary from the first: inverse transition of rollup() in a moving window';

-- readers -----------------------------------------------------------------

CREATE FUNCTION ces(ces_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_mean'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces(ces_weighted_summary) IS
	'weighted Customer Effort Score: the weighted mean score (read it with lower_is_better()); NULL when empty';

CREATE FUNCTION lower_is_better(ces_weighted_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'ces_lower_is_better'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lower_is_better(ces_weighted_summary) IS
	'true for effort scales where a low score is easy (CES 1.0), false where a high score is easy (CES 2.0)';

CREATE FUNCTION easy(ces_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_weighted_easy'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION easy(ces_weighted_summary) IS
	'weight of the easy answers: strictly on the easy side of the midpoint (5-7 on 1..7; 1-2 on a lower-is-better 1..5)';

CREATE FUNCTION difficult(ces_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_weighted_difficult'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difficult(ces_weighted_summary) IS
	'weight of the difficult answers: strictly on the difficult side of the midpoint';

CREATE FUNCTION easy_share(ces_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_weighted_easy_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION easy_share(ces_weighted_summary) IS
	'easy answers share of the weight, 0..1; NULL when empty';

CREATE FUNCTION difficult_share(ces_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_weighted_difficult_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difficult_share(ces_weighted_summary) IS
	'difficult answers share of the weight, 0..1; NULL when empty';

CREATE FUNCTION net_effort(ces_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_weighted_net_effort'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION net_effort(ces_weighted_summary) IS
	'weighted net effort, -100..100: 100 * (weight of easy - weight of difficult) / weight total; NULL when empty';

CREATE FUNCTION net_effort_stderr(ces_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_weighted_net_effort_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION net_effort_stderr(ces_weighted_summary) IS
	'standard error of weighted net effort in points, by linearisation; NULL below 2 responses';

CREATE FUNCTION net_effort_lower(s ces_weighted_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_weighted_net_effort_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION net_effort_lower(ces_weighted_summary, pg_catalog.float8) IS
	'lower bound of the Wald interval for weighted net effort, clipped to -100; NULL below 2 responses';

CREATE FUNCTION net_effort_upper(s ces_weighted_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_weighted_net_effort_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION net_effort_upper(ces_weighted_summary, pg_catalog.float8) IS
	'upper bound of the Wald interval for weighted net effort, clipped to 100; NULL below 2 responses';

CREATE FUNCTION responses(ces_weighted_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'cx_summary_responses'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(ces_weighted_summary) IS
	'number of responses, unweighted (rows with a NULL score or a NULL weight are not counted)';

CREATE FUNCTION distribution(ces_weighted_summary) RETURNS pg_catalog.int8[]
	AS 'MODULE_PATHNAME', 'cx_summary_distribution'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION distribution(ces_weighted_summary) IS
	'responses per score (unweighted) as bigint[] subscripted by the score';

CREATE FUNCTION weight_distribution(ces_weighted_summary) RETURNS pg_catalog.float8[]
	AS 'MODULE_PATHNAME', 'cx_wsummary_weight_distribution'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION weight_distribution(ces_weighted_summary) IS
	'sum of the weights per score as float8[] subscripted by the score';

CREATE FUNCTION weight_total(ces_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_weight_total'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION weight_total(ces_weighted_summary) IS
	'sum of the weights (0 when empty)';

CREATE FUNCTION effective_responses(ces_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_effective_responses'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION effective_responses(ces_weighted_summary) IS
	'Kishs effective number of responses, (sum w)^2 / sum w^2, from 1 to responses(); NULL when empty';

CREATE FUNCTION design_effect(ces_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_design_effect'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION design_effect(ces_weighted_summary) IS
	'Kishs design effect of the weighting, responses / effective_responses, 1 for equal weights; NULL when empty';

CREATE FUNCTION scale_max(ces_weighted_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_scale_max'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION scale_max(ces_weighted_summary) IS
	'the highest score of the scale (the lowest is 1)';

CREATE FUNCTION mean(ces_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_mean'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean(ces_weighted_summary) IS
	'weighted mean score; NULL when empty';

CREATE FUNCTION mean_stderr(ces_weighted_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_mean_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_stderr(ces_weighted_summary) IS
	'standard error of the weighted mean score, by linearisation (R survey::svymean with weights only); NULL below 2 responses';

CREATE FUNCTION mean_lower(s ces_weighted_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_mean_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_lower(ces_weighted_summary, pg_catalog.float8) IS
	'lower bound of the normal interval for the weighted mean score, clipped to the scale; NULL below 2 responses';

CREATE FUNCTION mean_upper(s ces_weighted_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_wsummary_mean_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_upper(ces_weighted_summary, pg_catalog.float8) IS
	'upper bound of the normal interval for the weighted mean score, clipped to the scale; NULL below 2 responses';

CREATE FUNCTION mean_test(a ces_weighted_summary, b ces_weighted_summary,
		confidence pg_catalog.float8 DEFAULT 0.95,
		OUT delta pg_catalog.float8, OUT stderr pg_catalog.float8,
		OUT z pg_catalog.float8, OUT p_value pg_catalog.float8,
		OUT lower pg_catalog.float8, OUT upper pg_catalog.float8) RETURNS record
	AS 'MODULE_PATHNAME', 'cx_wsummary_mean_test'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_test(ces_weighted_summary, ces_weighted_summary, pg_catalog.float8) IS
	'two-sample z-test of the weighted mean(b) against mean(a), on one scale, independent samples: delta = b - a, stderr, z, two-sided p-value, and interval';

-- aggregates --------------------------------------------------------------
-- As for the unweighted ones: STYPE is the summary itself, a COMBINEFUNC,
-- PARALLEL SAFE and moving-aggregate support (the integer sums subtract
-- exactly).  A row whose score or weight is NULL is left out.
-- The forms with a scale argument have no INITCOND: over no rows at all
-- they return NULL, as sum() does.

CREATE AGGREGATE ces_weighted_agg(pg_catalog.int2, pg_catalog.float8) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary,
	INITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary,
	MINITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted_agg(pg_catalog.int2, pg_catalog.float8) IS
	'weighted CES summary of scores 1..7 (higher is easier, CES 2.0), weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE ces_weighted_agg(pg_catalog.int4, pg_catalog.float8) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary,
	INITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary,
	MINITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted_agg(pg_catalog.int4, pg_catalog.float8) IS
	'weighted CES summary of scores 1..7 (higher is easier, CES 2.0), weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE ces_weighted_agg(pg_catalog.numeric, pg_catalog.float8) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary,
	INITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary,
	MINITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted_agg(pg_catalog.numeric, pg_catalog.float8) IS
	'weighted CES summary of whole-number scores 1..7 (higher is easier, CES 2.0), weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE ces_weighted_agg(pg_catalog.int8, pg_catalog.float8) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary,
	INITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary,
	MINITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted_agg(pg_catalog.int8, pg_catalog.float8) IS
	'weighted CES summary of scores 1..7 (higher is easier, CES 2.0), weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE ces_weighted_agg(pg_catalog.float8, pg_catalog.float8) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary,
	INITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary,
	MINITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted_agg(pg_catalog.float8, pg_catalog.float8) IS
	'weighted CES summary of whole-number scores 1..7 (higher is easier, CES 2.0), weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE ces_weighted_agg(pg_catalog.float4, pg_catalog.float8) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary,
	INITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary,
	MINITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted_agg(pg_catalog.float4, pg_catalog.float8) IS
	'weighted CES summary of whole-number scores 1..7 (higher is easier, CES 2.0), weight w > 0 (NULL scores or weights are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE ces_weighted_agg(pg_catalog.int2, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted_agg(pg_catalog.int2, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'weighted CES summary of scores 1..scale_max, lower_is_better says which end is easy, weight w > 0 (NULL scores or weights are ignored; no rows at all give NULL)';

CREATE AGGREGATE ces_weighted_agg(pg_catalog.int4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted_agg(pg_catalog.int4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'weighted CES summary of scores 1..scale_max, lower_is_better says which end is easy, weight w > 0 (NULL scores or weights are ignored; no rows at all give NULL)';

CREATE AGGREGATE ces_weighted_agg(pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted_agg(pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'weighted CES summary of whole-number scores 1..scale_max, lower_is_better says which end is easy, weight w > 0 (NULL scores or weights are ignored; no rows at all give NULL)';

CREATE AGGREGATE ces_weighted_agg(pg_catalog.int8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted_agg(pg_catalog.int8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'weighted CES summary of scores 1..scale_max, lower_is_better says which end is easy, weight w > 0 (NULL scores or weights are ignored; no rows at all give NULL)';

CREATE AGGREGATE ces_weighted_agg(pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted_agg(pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'weighted CES summary of whole-number scores 1..scale_max, lower_is_better says which end is easy, weight w > 0 (NULL scores or weights are ignored; no rows at all give NULL)';

CREATE AGGREGATE ces_weighted_agg(pg_catalog.float4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted_agg(pg_catalog.float4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'weighted CES summary of whole-number scores 1..scale_max, lower_is_better says which end is easy, weight w > 0 (NULL scores or weights are ignored; no rows at all give NULL)';

CREATE AGGREGATE ces_weighted(pg_catalog.int2, pg_catalog.float8) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary, FINALFUNC = ces,
	INITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary, MFINALFUNC = ces,
	MINITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted(pg_catalog.int2, pg_catalog.float8) IS
	'weighted CES, the weighted mean score, of scores 1..7 (higher is easier, CES 2.0) (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE ces_weighted(pg_catalog.int4, pg_catalog.float8) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary, FINALFUNC = ces,
	INITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary, MFINALFUNC = ces,
	MINITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted(pg_catalog.int4, pg_catalog.float8) IS
	'weighted CES, the weighted mean score, of scores 1..7 (higher is easier, CES 2.0) (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE ces_weighted(pg_catalog.numeric, pg_catalog.float8) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary, FINALFUNC = ces,
	INITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary, MFINALFUNC = ces,
	MINITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted(pg_catalog.numeric, pg_catalog.float8) IS
	'weighted CES, the weighted mean score, of whole-number scores 1..7 (higher is easier, CES 2.0) (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE ces_weighted(pg_catalog.int8, pg_catalog.float8) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary, FINALFUNC = ces,
	INITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary, MFINALFUNC = ces,
	MINITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted(pg_catalog.int8, pg_catalog.float8) IS
	'weighted CES, the weighted mean score, of scores 1..7 (higher is easier, CES 2.0) (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE ces_weighted(pg_catalog.float8, pg_catalog.float8) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary, FINALFUNC = ces,
	INITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary, MFINALFUNC = ces,
	MINITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted(pg_catalog.float8, pg_catalog.float8) IS
	'weighted CES, the weighted mean score, of whole-number scores 1..7 (higher is easier, CES 2.0) (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE ces_weighted(pg_catalog.float4, pg_catalog.float8) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary, FINALFUNC = ces,
	INITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary, MFINALFUNC = ces,
	MINITCOND = 'v1:1..7:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted(pg_catalog.float4, pg_catalog.float8) IS
	'weighted CES, the weighted mean score, of whole-number scores 1..7 (higher is easier, CES 2.0) (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE ces_weighted(pg_catalog.int2, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted(pg_catalog.int2, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'weighted CES, the weighted mean score, of scores 1..scale_max, lower_is_better says which end is easy (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE ces_weighted(pg_catalog.int4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted(pg_catalog.int4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'weighted CES, the weighted mean score, of scores 1..scale_max, lower_is_better says which end is easy (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE ces_weighted(pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted(pg_catalog.numeric, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'weighted CES, the weighted mean score, of whole-number scores 1..scale_max, lower_is_better says which end is easy (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE ces_weighted(pg_catalog.int8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted(pg_catalog.int8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'weighted CES, the weighted mean score, of scores 1..scale_max, lower_is_better says which end is easy (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE ces_weighted(pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted(pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'weighted CES, the weighted mean score, of whole-number scores 1..scale_max, lower_is_better says which end is easy (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE ces_weighted(pg_catalog.float4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_weighted_agg_trans, STYPE = ces_weighted_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_agg_trans, MINVFUNC = ces_weighted_agg_inv, MSTYPE = ces_weighted_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_weighted(pg_catalog.float4, pg_catalog.float8, pg_catalog.int4, pg_catalog.bool) IS
	'weighted CES, the weighted mean score, of whole-number scores 1..scale_max, lower_is_better says which end is easy (NULL scores or weights are ignored; NULL for no responses)';

CREATE AGGREGATE rollup(ces_weighted_summary) (
	SFUNC = ces_weighted_summary_combine, STYPE = ces_weighted_summary,
	COMBINEFUNC = ces_weighted_summary_combine,
	MSFUNC = ces_weighted_summary_combine, MINVFUNC = ces_weighted_summary_uncombine, MSTYPE = ces_weighted_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(ces_weighted_summary) IS
	'merges weighted CES summaries of one scale exactly, in any order with the same bits (NULL summaries are ignored; mixing scales is an error)';

--------------------------------------------------------------------------
-- duration_summary (sql/duration.sql): durations of cases, open ones
-- counted as censored
--------------------------------------------------------------------------

CREATE TYPE duration_summary;

CREATE FUNCTION duration_summary_in(pg_catalog.cstring) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_summary_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_in(pg_catalog.cstring) IS
	'text input of duration_summary: "v1;alpha=A;sum=S;sumsq=Q;min=M;max=X;zero=C/O;buckets=I:C/O,..."';

CREATE FUNCTION duration_summary_out(duration_summary) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'duration_summary_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_out(duration_summary) IS
	'text output of duration_summary (canonical, exact, versioned)';

CREATE FUNCTION duration_summary_recv(pg_catalog.internal) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_summary_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_recv(pg_catalog.internal) IS
	'binary input of duration_summary, checked as strictly as the text input';

CREATE FUNCTION duration_summary_send(duration_summary) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'duration_summary_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_send(duration_summary) IS
	'binary output of duration_summary: a format version byte, the relative error, sums, extremes, then the buckets';

CREATE TYPE duration_summary (
	INPUT = duration_summary_in,
	OUTPUT = duration_summary_out,
	RECEIVE = duration_summary_recv,
	SEND = duration_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE duration_summary IS
	'durations of cases, completed or still open, in log-spaced buckets of a relative error (1% by default) with the exact count, mean, minimum and maximum; combine with rollup(), read with percentile(), share_within(), survival(), km_percentile(), ...';

-- equality and hashing ----------------------------------------------------

CREATE FUNCTION duration_summary_eq(duration_summary, duration_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_eq(duration_summary, duration_summary) IS
	'true when two duration summaries have the same relative error, buckets, sums and extremes';

CREATE FUNCTION duration_summary_ne(duration_summary, duration_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_ne(duration_summary, duration_summary) IS
	'true when two duration summaries differ in anything';

CREATE FUNCTION duration_summary_hash(duration_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_hash(duration_summary) IS
	'hash of a duration summary, for hash joins, GROUP BY and DISTINCT';

CREATE OPERATOR = (
	LEFTARG = duration_summary,
	RIGHTARG = duration_summary,
	FUNCTION = duration_summary_eq,
	COMMUTATOR = =,
	NEGATOR = <>,
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR =(duration_summary, duration_summary) IS 'same relative error, buckets, sums and extremes';

CREATE OPERATOR <> (
	LEFTARG = duration_summary,
	RIGHTARG = duration_summary,
	FUNCTION = duration_summary_ne,
	COMMUTATOR = <>,
	NEGATOR = =,
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR <>(duration_summary, duration_summary) IS 'different in anything';

CREATE OPERATOR CLASS duration_summary_hash_ops
	DEFAULT FOR TYPE duration_summary USING hash AS
	OPERATOR 1 = (duration_summary, duration_summary),
	FUNCTION 1 duration_summary_hash(duration_summary);
COMMENT ON OPERATOR CLASS duration_summary_hash_ops USING hash IS
	'hash operator class of duration_summary';
COMMENT ON OPERATOR FAMILY duration_summary_hash_ops USING hash IS
	'hash operator family of duration_summary';

-- JSON --------------------------------------------------------------------

CREATE FUNCTION duration_summary_json(duration_summary) RETURNS pg_catalog.json
	AS 'MODULE_PATHNAME', 'duration_summary_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_json(duration_summary) IS
	'a duration summary as json: relative_error, cases, completed, open, and mean, shortest, longest, p50, p90, p99 and Kaplan-Meier median in seconds';

CREATE FUNCTION duration_summary_jsonb(duration_summary) RETURNS pg_catalog.jsonb
	AS 'MODULE_PATHNAME', 'duration_summary_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_jsonb(duration_summary) IS
	'a duration summary as jsonb: relative_error, cases, completed, open, and mean, shortest, longest, p50, p90, p99 and Kaplan-Meier median in seconds';

CREATE CAST (duration_summary AS pg_catalog.json) WITH FUNCTION duration_summary_json(duration_summary);
COMMENT ON CAST (duration_summary AS pg_catalog.json) IS
	'a duration summary as json (also used by to_json and row_to_json)';

CREATE CAST (duration_summary AS pg_catalog.jsonb) WITH FUNCTION duration_summary_jsonb(duration_summary);
COMMENT ON CAST (duration_summary AS pg_catalog.jsonb) IS
	'a duration summary as jsonb';

-- aggregate support -------------------------------------------------------

-- not STRICT: the first call creates the state, and a NULL duration adds nothing
CREATE FUNCTION duration_agg_trans(duration_summary, pg_catalog.interval) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_trans_interval'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION duration_agg_trans(duration_summary, pg_catalog.interval) IS
	'transition function of duration_agg(interval): adds a case';

-- not STRICT, like the transition function it inverts
CREATE FUNCTION duration_agg_inv(duration_summary, pg_catalog.interval) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_inv_interval'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION duration_agg_inv(duration_summary, pg_catalog.interval) IS
	'inverse transition of duration_agg(interval) in a moving window: removes a case (NULL, so the frame is recomputed, when it was the shortest or longest)';

-- not STRICT: the first call creates the state, and a NULL duration adds nothing
CREATE FUNCTION duration_agg_trans(duration_summary, pg_catalog.interval, pg_catalog.bool) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_trans_interval'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION duration_agg_trans(duration_summary, pg_catalog.interval, pg_catalog.bool) IS
	'transition function of duration_agg(interval, open): adds a case';

-- not STRICT, like the transition function it inverts
CREATE FUNCTION duration_agg_inv(duration_summary, pg_catalog.interval, pg_catalog.bool) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_inv_interval'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION duration_agg_inv(duration_summary, pg_catalog.interval, pg_catalog.bool) IS
	'inverse transition of duration_agg(interval, open) in a moving window: removes a case (NULL, so the frame is recomputed, when it was the shortest or longest)';

-- not STRICT: the first call creates the state, and a NULL duration adds nothing
CREATE FUNCTION duration_agg_trans(duration_summary, pg_catalog.interval, pg_catalog.bool, pg_catalog.float8) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_trans_interval'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION duration_agg_trans(duration_summary, pg_catalog.interval, pg_catalog.bool, pg_catalog.float8) IS
	'transition function of duration_agg(interval, open, relative_error): adds a case';

-- not STRICT, like the transition function it inverts
CREATE FUNCTION duration_agg_inv(duration_summary, pg_catalog.interval, pg_catalog.bool, pg_catalog.float8) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_inv_interval'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION duration_agg_inv(duration_summary, pg_catalog.interval, pg_catalog.bool, pg_catalog.float8) IS
	'inverse transition of duration_agg(interval, open, relative_error) in a moving window: removes a case (NULL, so the frame is recomputed, when it was the shortest or longest)';

-- not STRICT: the first call creates the state, and a NULL duration adds nothing
CREATE FUNCTION duration_agg_trans(duration_summary, pg_catalog.float8) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_trans_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION duration_agg_trans(duration_summary, pg_catalog.float8) IS
	'transition function of duration_agg(float8 seconds): adds a case';

-- not STRICT, like the transition function it inverts
CREATE FUNCTION duration_agg_inv(duration_summary, pg_catalog.float8) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_inv_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION duration_agg_inv(duration_summary, pg_catalog.float8) IS
	'inverse transition of duration_agg(float8 seconds) in a moving window: removes a case (NULL, so the frame is recomputed, when it was the shortest or longest)';

-- not STRICT: the first call creates the state, and a NULL duration adds nothing
CREATE FUNCTION duration_agg_trans(duration_summary, pg_catalog.float8, pg_catalog.bool) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_trans_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION duration_agg_trans(duration_summary, pg_catalog.float8, pg_catalog.bool) IS
	'transition function of duration_agg(float8 seconds, open): adds a case';

-- not STRICT, like the transition function it inverts
CREATE FUNCTION duration_agg_inv(duration_summary, pg_catalog.float8, pg_catalog.bool) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_inv_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION duration_agg_inv(duration_summary, pg_catalog.float8, pg_catalog.bool) IS
	'inverse transition of duration_agg(float8 seconds, open) in a moving window: removes a case (NULL, so the frame is recomputed, when it was the shortest or longest)';

-- not STRICT: the first call creates the state, and a NULL duration adds nothing
CREATE FUNCTION duration_agg_trans(duration_summary, pg_catalog.float8, pg_catalog.bool, pg_catalog.float8) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_trans_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION duration_agg_trans(duration_summary, pg_catalog.float8, pg_catalog.bool, pg_catalog.float8) IS
	'transition function of duration_agg(float8 seconds, open, relative_error): adds a case';

-- not STRICT, like the transition function it inverts
CREATE FUNCTION duration_agg_inv(duration_summary, pg_catalog.float8, pg_catalog.bool, pg_catalog.float8) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_inv_float8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION duration_agg_inv(duration_summary, pg_catalog.float8, pg_catalog.bool, pg_catalog.float8) IS
	'inverse transition of duration_agg(float8 seconds, open, relative_error) in a moving window: removes a case (NULL, so the frame is recomputed, when it was the shortest or longest)';

CREATE FUNCTION duration_summary_combine(duration_summary, duration_summary) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_summary_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_combine(duration_summary, duration_summary) IS
	'merges two duration summaries of one relative error: transition function of rollup() and combine function of every duration aggregate';

CREATE FUNCTION duration_summary_uncombine(duration_summary, duration_summary) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_summary_uncombine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_uncombine(duration_summary, duration_summary) IS
	'removes the second duration summary from the first: inverse transition of rollup() in a moving window (NULL, so the frame is recomputed, when it held the shortest or longest case)';

CREATE FUNCTION duration_summary_final(duration_summary) RETURNS duration_summary
	AS 'MODULE_PATHNAME', 'duration_summary_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_summary_final(duration_summary) IS
	'final function of every duration aggregate: the compact form of the aggregate''s working state';

-- aggregates --------------------------------------------------------------

CREATE AGGREGATE duration_agg(pg_catalog.interval) (
	SFUNC = duration_agg_trans, STYPE = duration_summary,
	FINALFUNC = duration_summary_final,
	COMBINEFUNC = duration_summary_combine,
	MSFUNC = duration_agg_trans, MINVFUNC = duration_agg_inv, MSTYPE = duration_summary,
	MFINALFUNC = duration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE duration_agg(pg_catalog.interval) IS
	'duration summary of interval durations, every row a completed case; relative error 1% (NULL durations are ignored; no rows at all give NULL)';

CREATE AGGREGATE duration_agg(pg_catalog.interval, pg_catalog.bool) (
	SFUNC = duration_agg_trans, STYPE = duration_summary,
	FINALFUNC = duration_summary_final,
	COMBINEFUNC = duration_summary_combine,
	MSFUNC = duration_agg_trans, MINVFUNC = duration_agg_inv, MSTYPE = duration_summary,
	MFINALFUNC = duration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE duration_agg(pg_catalog.interval, pg_catalog.bool) IS
	'duration summary of interval durations, open = true for a case still open, whose duration so far is a lower bound; relative error 1% (NULL durations are ignored; no rows at all give NULL)';

CREATE AGGREGATE duration_agg(pg_catalog.interval, pg_catalog.bool, pg_catalog.float8) (
	SFUNC = duration_agg_trans, STYPE = duration_summary,
	FINALFUNC = duration_summary_final,
	COMBINEFUNC = duration_summary_combine,
	MSFUNC = duration_agg_trans, MINVFUNC = duration_agg_inv, MSTYPE = duration_summary,
	MFINALFUNC = duration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE duration_agg(pg_catalog.interval, pg_catalog.bool, pg_catalog.float8) IS
	'duration summary of interval durations, open cases flagged, buckets of the given relative error (0.001 to 0.05); relative error as given (NULL durations are ignored; no rows at all give NULL)';

CREATE AGGREGATE duration_agg(pg_catalog.float8) (
	SFUNC = duration_agg_trans, STYPE = duration_summary,
	FINALFUNC = duration_summary_final,
	COMBINEFUNC = duration_summary_combine,
	MSFUNC = duration_agg_trans, MINVFUNC = duration_agg_inv, MSTYPE = duration_summary,
	MFINALFUNC = duration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE duration_agg(pg_catalog.float8) IS
	'duration summary of float8 seconds durations, every row a completed case; relative error 1% (NULL durations are ignored; no rows at all give NULL)';

CREATE AGGREGATE duration_agg(pg_catalog.float8, pg_catalog.bool) (
	SFUNC = duration_agg_trans, STYPE = duration_summary,
	FINALFUNC = duration_summary_final,
	COMBINEFUNC = duration_summary_combine,
	MSFUNC = duration_agg_trans, MINVFUNC = duration_agg_inv, MSTYPE = duration_summary,
	MFINALFUNC = duration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE duration_agg(pg_catalog.float8, pg_catalog.bool) IS
	'duration summary of float8 seconds durations, open = true for a case still open, whose duration so far is a lower bound; relative error 1% (NULL durations are ignored; no rows at all give NULL)';

CREATE AGGREGATE duration_agg(pg_catalog.float8, pg_catalog.bool, pg_catalog.float8) (
	SFUNC = duration_agg_trans, STYPE = duration_summary,
	FINALFUNC = duration_summary_final,
	COMBINEFUNC = duration_summary_combine,
	MSFUNC = duration_agg_trans, MINVFUNC = duration_agg_inv, MSTYPE = duration_summary,
	MFINALFUNC = duration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE duration_agg(pg_catalog.float8, pg_catalog.bool, pg_catalog.float8) IS
	'duration summary of float8 seconds durations, open cases flagged, buckets of the given relative error (0.001 to 0.05); relative error as given (NULL durations are ignored; no rows at all give NULL)';

CREATE AGGREGATE rollup(duration_summary) (
	SFUNC = duration_summary_combine, STYPE = duration_summary,
	FINALFUNC = duration_summary_final,
	COMBINEFUNC = duration_summary_combine,
	MSFUNC = duration_summary_combine, MINVFUNC = duration_summary_uncombine, MSTYPE = duration_summary,
	MFINALFUNC = duration_summary_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(duration_summary) IS
	'merges duration summaries of one relative error exactly (NULLs are ignored; no summaries give NULL)';

-- accessors ---------------------------------------------------------------

CREATE FUNCTION cases(duration_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'duration_cases'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cases(duration_summary) IS
	'number of cases, completed and open';

CREATE FUNCTION completed(duration_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'duration_completed'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION completed(duration_summary) IS
	'number of completed cases';

CREATE FUNCTION open_cases(duration_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'duration_open_cases'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION open_cases(duration_summary) IS
	'number of open cases (still running: their durations so far are lower bounds)';

CREATE FUNCTION relative_error(duration_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'duration_relative_error'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION relative_error(duration_summary) IS
	'the relative error alpha of the buckets: every percentile is within alpha of the exact value';

CREATE FUNCTION mean(duration_summary) RETURNS pg_catalog.interval
	AS 'MODULE_PATHNAME', 'duration_mean'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean(duration_summary) IS
	'exact mean duration of the completed cases (to the microsecond); NULL when none';

CREATE FUNCTION mean_stderr(duration_summary) RETURNS pg_catalog.interval
	AS 'MODULE_PATHNAME', 'duration_mean_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_stderr(duration_summary) IS
	'standard error of the mean duration: sample standard deviation / sqrt(n) of the completed cases; NULL below 2';

CREATE FUNCTION mean_lower(s duration_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.interval
	AS 'MODULE_PATHNAME', 'duration_mean_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_lower(duration_summary, pg_catalog.float8) IS
	'lower bound of the normal-approximation interval for the mean duration, clipped at 0; NULL below 2 completed cases';

CREATE FUNCTION mean_upper(s duration_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.interval
	AS 'MODULE_PATHNAME', 'duration_mean_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_upper(duration_summary, pg_catalog.float8) IS
	'upper bound of the normal-approximation interval for the mean duration; NULL below 2 completed cases';

CREATE FUNCTION shortest(duration_summary) RETURNS pg_catalog.interval
	AS 'MODULE_PATHNAME', 'duration_shortest'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION shortest(duration_summary) IS
	'the shortest completed duration, exact; NULL when none';

CREATE FUNCTION longest(duration_summary) RETURNS pg_catalog.interval
	AS 'MODULE_PATHNAME', 'duration_longest'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION longest(duration_summary) IS
	'the longest completed duration, exact; NULL when none';

CREATE FUNCTION percentile(s duration_summary, q pg_catalog.float8) RETURNS pg_catalog.interval
	AS 'MODULE_PATHNAME', 'duration_percentile'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION percentile(duration_summary, pg_catalog.float8) IS
	'the q-percentile (q in 0..1) of the completed durations, within the relative error of the exact order statistic x_(k), k = max(1, ceil(q n)); NULL when none';

CREATE FUNCTION percentiles(s duration_summary, q pg_catalog.float8[]) RETURNS pg_catalog.interval[]
	AS 'MODULE_PATHNAME', 'duration_percentiles'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION percentiles(duration_summary, pg_catalog.float8[]) IS
	'percentile() at each share of q, in order';

CREATE FUNCTION share_within(s duration_summary, sla pg_catalog.interval) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'duration_share_within'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION share_within(duration_summary, pg_catalog.interval) IS
	'SLA attainment, 0..1: of the cases whose outcome is known (completed, or open longer than sla), the share completed within sla; exact at a limit within the relative error of sla; NULL when none is known';

CREATE FUNCTION share_within_lower(s duration_summary, sla pg_catalog.interval, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'duration_share_within_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION share_within_lower(duration_summary, pg_catalog.interval, pg_catalog.float8) IS
	'lower bound of the Wilson interval of share_within()';

CREATE FUNCTION share_within_upper(s duration_summary, sla pg_catalog.interval, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'duration_share_within_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION share_within_upper(duration_summary, pg_catalog.interval, pg_catalog.float8) IS
	'upper bound of the Wilson interval of share_within()';

CREATE FUNCTION survival(s duration_summary, t pg_catalog.interval) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'duration_survival'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival(duration_summary, pg_catalog.interval) IS
	'Kaplan-Meier estimate of the share of cases not yet done at t, open cases censored; NULL when empty';

CREATE FUNCTION survival_stderr(s duration_summary, t pg_catalog.interval) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'duration_survival_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION survival_stderr(duration_summary, pg_catalog.interval) IS
	'Greenwood standard error of survival(s, t)';

CREATE FUNCTION km_percentile(s duration_summary, q pg_catalog.float8) RETURNS pg_catalog.interval
	AS 'MODULE_PATHNAME', 'duration_km_percentile'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION km_percentile(duration_summary, pg_catalog.float8) IS
	'Kaplan-Meier time by which a share q of the cases is done, open cases censored (R''s quantile.survfit); NULL when never reached; km_percentile(s, 0.5) is the median';

CREATE FUNCTION km_percentile_lower(s duration_summary, q pg_catalog.float8, confidence pg_catalog.float8 DEFAULT 0.95, transform pg_catalog.text DEFAULT 'log') RETURNS pg_catalog.interval
	AS 'MODULE_PATHNAME', 'duration_km_percentile_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION km_percentile_lower(duration_summary, pg_catalog.float8, pg_catalog.float8, pg_catalog.text) IS
	'lower bound of the confidence interval of km_percentile(), as R''s survfit, with transform ''log'', ''log-log'' or ''plain''; NULL where R gives NA';

CREATE FUNCTION km_percentile_upper(s duration_summary, q pg_catalog.float8, confidence pg_catalog.float8 DEFAULT 0.95, transform pg_catalog.text DEFAULT 'log') RETURNS pg_catalog.interval
	AS 'MODULE_PATHNAME', 'duration_km_percentile_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION km_percentile_upper(duration_summary, pg_catalog.float8, pg_catalog.float8, pg_catalog.text) IS
	'upper bound of the confidence interval of km_percentile(), as R''s survfit, with transform ''log'', ''log-log'' or ''plain''; NULL where R gives NA';

CREATE FUNCTION duration_test(a duration_summary, b duration_summary,
		confidence pg_catalog.float8 DEFAULT 0.95,
		OUT delta pg_catalog.interval, OUT stderr pg_catalog.interval,
		OUT df pg_catalog.float8, OUT t pg_catalog.float8, OUT p_value pg_catalog.float8,
		OUT lower pg_catalog.interval, OUT upper pg_catalog.interval,
		OUT logrank_chisq pg_catalog.float8, OUT logrank_p_value pg_catalog.float8) RETURNS record
	AS 'MODULE_PATHNAME', 'duration_test'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION duration_test(duration_summary, duration_summary, pg_catalog.float8) IS
	'is b different from a: Welch''s t-test of the mean completed durations (delta = mean(b) - mean(a), as R''s t.test(b, a)) and the log-rank test of all cases with open ones censored (R''s survdiff)';

--------------------------------------------------------------------------
-- revenue churn (sql/revenue.sql): mrr_timeline, revenue_summary and
-- revenue_tstz_summary, new in 0.4.0
--------------------------------------------------------------------------

-- mrr_timeline -------------------------------------------------------------

CREATE TYPE mrr_timeline;

CREATE FUNCTION mrr_timeline_in(pg_catalog.cstring) RETURNS mrr_timeline
	AS 'MODULE_PATHNAME', 'mrr_timeline_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_timeline_in(pg_catalog.cstring) IS
	'text input of mrr_timeline: "v1;kind=date;scale=2;steps=2024-01-01 50.00,2024-03-01 0.00"; every step is checked';

CREATE FUNCTION mrr_timeline_out(mrr_timeline) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'mrr_timeline_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_timeline_out(mrr_timeline) IS
	'text output of mrr_timeline (canonical, exact, versioned): the kind, the scale, then the steps';

CREATE FUNCTION mrr_timeline_recv(pg_catalog.internal) RETURNS mrr_timeline
	AS 'MODULE_PATHNAME', 'mrr_timeline_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_timeline_recv(pg_catalog.internal) IS
	'binary input of mrr_timeline, checked as strictly as the text input';

CREATE FUNCTION mrr_timeline_send(mrr_timeline) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'mrr_timeline_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_timeline_send(mrr_timeline) IS
	'binary output of mrr_timeline: a format version byte, the kind, the scale, then the steps';

CREATE TYPE mrr_timeline (
	INPUT = mrr_timeline_in,
	OUTPUT = mrr_timeline_out,
	RECEIVE = mrr_timeline_recv,
	SEND = mrr_timeline_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE mrr_timeline IS
	'one customer''s MRR as a step function of time, built by mrr_agg(during, amount) over their subscription rows; the input of revenue_agg()';

CREATE FUNCTION mrr_timeline_json(mrr_timeline) RETURNS pg_catalog.json
	AS 'MODULE_PATHNAME', 'mrr_timeline_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_timeline_json(mrr_timeline) IS
	'a mrr_timeline as json: its kind, scale and steps (from, the value at that instant, the value after it)';

CREATE FUNCTION mrr_timeline_jsonb(mrr_timeline) RETURNS pg_catalog.jsonb
	AS 'MODULE_PATHNAME', 'mrr_timeline_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_timeline_jsonb(mrr_timeline) IS
	'a mrr_timeline as jsonb: its kind, scale and steps (from, the value at that instant, the value after it)';

CREATE CAST (mrr_timeline AS pg_catalog.json) WITH FUNCTION mrr_timeline_json(mrr_timeline);
COMMENT ON CAST (mrr_timeline AS pg_catalog.json) IS
	'a mrr_timeline as json (also used by to_json and row_to_json)';

CREATE CAST (mrr_timeline AS pg_catalog.jsonb) WITH FUNCTION mrr_timeline_jsonb(mrr_timeline);
COMMENT ON CAST (mrr_timeline AS pg_catalog.jsonb) IS
	'a mrr_timeline as jsonb';

CREATE FUNCTION mrr_timeline_eq(mrr_timeline, mrr_timeline) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_timeline_eq(mrr_timeline, mrr_timeline) IS
	'true when two mrr_timeline values are the same';

CREATE FUNCTION mrr_timeline_ne(mrr_timeline, mrr_timeline) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_timeline_ne(mrr_timeline, mrr_timeline) IS
	'true when two mrr_timeline values differ';

CREATE FUNCTION mrr_timeline_hash(mrr_timeline) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_timeline_hash(mrr_timeline) IS
	'hash of a mrr_timeline, for hash joins, GROUP BY and DISTINCT';

CREATE OPERATOR = (
	LEFTARG = mrr_timeline,
	RIGHTARG = mrr_timeline,
	FUNCTION = mrr_timeline_eq,
	COMMUTATOR = =,
	NEGATOR = <>,
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR =(mrr_timeline, mrr_timeline) IS 'the same value';

CREATE OPERATOR <> (
	LEFTARG = mrr_timeline,
	RIGHTARG = mrr_timeline,
	FUNCTION = mrr_timeline_ne,
	COMMUTATOR = <>,
	NEGATOR = =,
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR <>(mrr_timeline, mrr_timeline) IS 'different values';

CREATE OPERATOR CLASS mrr_timeline_hash_ops
	DEFAULT FOR TYPE mrr_timeline USING hash AS
	OPERATOR 1 = (mrr_timeline, mrr_timeline),
	FUNCTION 1 mrr_timeline_hash(mrr_timeline);
COMMENT ON OPERATOR CLASS mrr_timeline_hash_ops USING hash IS
	'hash operator class of mrr_timeline';
COMMENT ON OPERATOR FAMILY mrr_timeline_hash_ops USING hash IS
	'hash operator family of mrr_timeline';

-- mrr_agg(during, amount): one customer's rows into a timeline.  The state
-- is an mrr_timeline too, in a layout of its own (the rows' changes of MRR,
-- appended in place) that only the aggregate sees: the final function, the
-- output functions and a plain call of the transition function turn it into
-- steps.  Not STRICT: a NULL range or amount is an error, not skipped.

CREATE FUNCTION mrr_agg_trans(mrr_timeline, pg_catalog.daterange, pg_catalog.numeric) RETURNS mrr_timeline
	AS 'MODULE_PATHNAME', 'mrr_agg_trans_date'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION mrr_agg_trans(mrr_timeline, pg_catalog.daterange, pg_catalog.numeric) IS
	'transition function of mrr_agg(during, amount) over a daterange: adds one subscription row';

CREATE FUNCTION mrr_agg_trans(mrr_timeline, pg_catalog.tstzrange, pg_catalog.numeric) RETURNS mrr_timeline
	AS 'MODULE_PATHNAME', 'mrr_agg_trans_tstz'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION mrr_agg_trans(mrr_timeline, pg_catalog.tstzrange, pg_catalog.numeric) IS
	'transition function of mrr_agg(during, amount) over a tstzrange: adds one subscription row';

CREATE FUNCTION mrr_timeline_combine(mrr_timeline, mrr_timeline) RETURNS mrr_timeline
	AS 'MODULE_PATHNAME', 'mrr_timeline_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_timeline_combine(mrr_timeline, mrr_timeline) IS
	'the sum of two timelines of the same kind (e.g. one customer''s rows from two systems): combine function of mrr_agg()';

CREATE FUNCTION mrr_agg_final(mrr_timeline) RETURNS mrr_timeline
	AS 'MODULE_PATHNAME', 'mrr_agg_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_agg_final(mrr_timeline) IS
	'final function of mrr_agg(): the customer''s timeline, in steps';

CREATE AGGREGATE mrr_agg(pg_catalog.daterange, pg_catalog.numeric) (
	SFUNC = mrr_agg_trans, STYPE = mrr_timeline,
	FINALFUNC = mrr_agg_final,
	COMBINEFUNC = mrr_timeline_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE mrr_agg(pg_catalog.daterange, pg_catalog.numeric) IS
	'one customer''s MRR over time from their subscription rows (a daterange and a monthly amount each; overlapping amounts add up; exact to 0.0001; NULL, empty ranges and negative MRR are errors); NULL for no rows';

CREATE AGGREGATE mrr_agg(pg_catalog.tstzrange, pg_catalog.numeric) (
	SFUNC = mrr_agg_trans, STYPE = mrr_timeline,
	FINALFUNC = mrr_agg_final,
	COMBINEFUNC = mrr_timeline_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE mrr_agg(pg_catalog.tstzrange, pg_catalog.numeric) IS
	'one customer''s MRR over time from their subscription rows (a tstzrange and a monthly amount each; overlapping amounts add up; exact to 0.0001; NULL, empty ranges and negative MRR are errors); NULL for no rows';

CREATE FUNCTION mrr_at(timeline mrr_timeline, at pg_catalog.date) RETURNS pg_catalog.numeric
	AS 'MODULE_PATHNAME', 'mrr_at_date'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_at(mrr_timeline, pg_catalog.date) IS
	'the customer''s MRR carried across a date: the smaller of the MRR on that day and on the day before, as revenue_agg() counts it at a period boundary (an increase on the day counts from then on, a decrease on the day before it); the timeline must be of date ranges';

CREATE FUNCTION mrr_at(timeline mrr_timeline, at pg_catalog.timestamptz) RETURNS pg_catalog.numeric
	AS 'MODULE_PATHNAME', 'mrr_at_tstz'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mrr_at(mrr_timeline, pg_catalog.timestamptz) IS
	'the customer''s MRR carried across an instant: the smaller of the MRR at it and just before it, as revenue_agg() counts it at a period boundary; the timeline must be of tstzrange ranges';

-- revenue_summary -------------------------------------------------------

CREATE TYPE revenue_summary;

CREATE FUNCTION revenue_summary_in(pg_catalog.cstring) RETURNS revenue_summary
	AS 'MODULE_PATHNAME', 'revenue_summary_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_summary_in(pg_catalog.cstring) IS
	'text input of revenue_summary: "v1;origin=...;bucket=...;periods=...;scale=...;customers=...;mrr=...;..."; every amount and count is checked';

CREATE FUNCTION revenue_summary_out(revenue_summary) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'revenue_summary_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_summary_out(revenue_summary) IS
	'text output of revenue_summary (canonical, exact, versioned): the grid, the scale, then the amounts and counts';

CREATE FUNCTION revenue_summary_recv(pg_catalog.internal) RETURNS revenue_summary
	AS 'MODULE_PATHNAME', 'revenue_summary_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_summary_recv(pg_catalog.internal) IS
	'binary input of revenue_summary, checked as strictly as the text input';

CREATE FUNCTION revenue_summary_send(revenue_summary) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'revenue_summary_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_summary_send(revenue_summary) IS
	'binary output of revenue_summary: a format version byte, the grid, the scale, then the amounts (in units of 0.0001) and counts';

CREATE TYPE revenue_summary (
	INPUT = revenue_summary_in,
	OUTPUT = revenue_summary_out,
	RECEIVE = revenue_summary_recv,
	SEND = revenue_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE revenue_summary IS
	'revenue summary over a date grid: MRR and paying customers at each period boundary, the five MRR movements per period with their customers, optionally revenue cohorts; read with revenue_periods(), revenue_cohort_retention()';

CREATE FUNCTION revenue_summary_json(revenue_summary) RETURNS pg_catalog.json
	AS 'MODULE_PATHNAME', 'revenue_summary_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_summary_json(revenue_summary) IS
	'a revenue_summary as json: the grid, its boundaries, the scale and every amount and count';

CREATE FUNCTION revenue_summary_jsonb(revenue_summary) RETURNS pg_catalog.jsonb
	AS 'MODULE_PATHNAME', 'revenue_summary_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_summary_jsonb(revenue_summary) IS
	'a revenue_summary as jsonb: the grid, its boundaries, the scale and every amount and count';

CREATE CAST (revenue_summary AS pg_catalog.json) WITH FUNCTION revenue_summary_json(revenue_summary);
COMMENT ON CAST (revenue_summary AS pg_catalog.json) IS
	'a revenue_summary as json (also used by to_json and row_to_json)';

CREATE CAST (revenue_summary AS pg_catalog.jsonb) WITH FUNCTION revenue_summary_jsonb(revenue_summary);
COMMENT ON CAST (revenue_summary AS pg_catalog.jsonb) IS
	'a revenue_summary as jsonb';

CREATE FUNCTION revenue_summary_eq(revenue_summary, revenue_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_summary_eq(revenue_summary, revenue_summary) IS
	'true when two revenue_summary values are the same';

CREATE FUNCTION revenue_summary_ne(revenue_summary, revenue_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_summary_ne(revenue_summary, revenue_summary) IS
	'true when two revenue_summary values differ';

CREATE FUNCTION revenue_summary_hash(revenue_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_summary_hash(revenue_summary) IS
	'hash of a revenue_summary, for hash joins, GROUP BY and DISTINCT';

CREATE OPERATOR = (
	LEFTARG = revenue_summary,
	RIGHTARG = revenue_summary,
	FUNCTION = revenue_summary_eq,
	COMMUTATOR = =,
	NEGATOR = <>,
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR =(revenue_summary, revenue_summary) IS 'the same value';

CREATE OPERATOR <> (
	LEFTARG = revenue_summary,
	RIGHTARG = revenue_summary,
	FUNCTION = revenue_summary_ne,
	COMMUTATOR = <>,
	NEGATOR = =,
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR <>(revenue_summary, revenue_summary) IS 'different values';

CREATE OPERATOR CLASS revenue_summary_hash_ops
	DEFAULT FOR TYPE revenue_summary USING hash AS
	OPERATOR 1 = (revenue_summary, revenue_summary),
	FUNCTION 1 revenue_summary_hash(revenue_summary);
COMMENT ON OPERATOR CLASS revenue_summary_hash_ops USING hash IS
	'hash operator class of revenue_summary';
COMMENT ON OPERATOR FAMILY revenue_summary_hash_ops USING hash IS
	'hash operator family of revenue_summary';

CREATE FUNCTION revenue_summary_combine(revenue_summary, revenue_summary) RETURNS revenue_summary
	AS 'MODULE_PATHNAME', 'revenue_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_summary_combine(revenue_summary, revenue_summary) IS
	'merges two revenue_summary values of the same grid over disjoint customers: transition function of rollup() and combine function of revenue_agg()';

-- revenue_agg() over a date grid: 4 overloads, for a number of periods or
-- an end, with or without cohort counters.  Not STRICT: the first row
-- creates the summary from its grid arguments (even if its timeline is
-- NULL), and a NULL timeline counts nothing.

CREATE FUNCTION revenue_agg_trans(revenue_summary, mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.int4) RETURNS revenue_summary
	AS 'MODULE_PATHNAME', 'revenue_agg_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION revenue_agg_trans(revenue_summary, mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.int4) IS
	'transition function of revenue_agg(timeline, origin, bucket, periods): adds one customer';

CREATE FUNCTION revenue_agg_trans(revenue_summary, mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) RETURNS revenue_summary
	AS 'MODULE_PATHNAME', 'revenue_agg_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION revenue_agg_trans(revenue_summary, mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) IS
	'transition function of revenue_agg(timeline, origin, bucket, periods, max_offset): adds one customer';

CREATE FUNCTION revenue_agg_trans(revenue_summary, mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.date) RETURNS revenue_summary
	AS 'MODULE_PATHNAME', 'revenue_agg_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION revenue_agg_trans(revenue_summary, mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.date) IS
	'transition function of revenue_agg(timeline, origin, bucket, until): adds one customer';

CREATE FUNCTION revenue_agg_trans(revenue_summary, mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.date, pg_catalog.int4) RETURNS revenue_summary
	AS 'MODULE_PATHNAME', 'revenue_agg_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION revenue_agg_trans(revenue_summary, mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.date, pg_catalog.int4) IS
	'transition function of revenue_agg(timeline, origin, bucket, until, max_offset): adds one customer';

CREATE AGGREGATE revenue_agg(mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.int4) (
	SFUNC = revenue_agg_trans, STYPE = revenue_summary,
	COMBINEFUNC = revenue_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE revenue_agg(mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.int4) IS
	'MRR movements per period of one mrr_timeline per customer, over the grid origin + k * bucket given the number of periods; NULL for no rows';

CREATE AGGREGATE revenue_agg(mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) (
	SFUNC = revenue_agg_trans, STYPE = revenue_summary,
	COMBINEFUNC = revenue_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE revenue_agg(mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) IS
	'MRR movements per period of one mrr_timeline per customer, over the grid origin + k * bucket given the number of periods; revenue cohorts for offsets 0..max_offset; NULL for no rows';

CREATE AGGREGATE revenue_agg(mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.date) (
	SFUNC = revenue_agg_trans, STYPE = revenue_summary,
	COMBINEFUNC = revenue_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE revenue_agg(mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.date) IS
	'MRR movements per period of one mrr_timeline per customer, over the grid origin + k * bucket given an end (the fewest periods that reach it); NULL for no rows';

CREATE AGGREGATE revenue_agg(mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.date, pg_catalog.int4) (
	SFUNC = revenue_agg_trans, STYPE = revenue_summary,
	COMBINEFUNC = revenue_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE revenue_agg(mrr_timeline, pg_catalog.date, pg_catalog.interval, pg_catalog.date, pg_catalog.int4) IS
	'MRR movements per period of one mrr_timeline per customer, over the grid origin + k * bucket given an end (the fewest periods that reach it); revenue cohorts for offsets 0..max_offset; NULL for no rows';

CREATE AGGREGATE rollup(revenue_summary) (
	SFUNC = revenue_summary_combine, STYPE = revenue_summary,
	COMBINEFUNC = revenue_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(revenue_summary) IS
	'merges revenue_summary values of one grid over disjoint sets of customers exactly, e.g. per-segment summaries into a total (NULL summaries are ignored; NULL for no rows)';

-- readers -----------------------------------------------------------------

CREATE FUNCTION revenue_periods(s revenue_summary,
		OUT period_start pg_catalog.date, OUT period_end pg_catalog.date,
		OUT mrr_at_start pg_catalog.numeric, OUT new_mrr pg_catalog.numeric,
		OUT expansion_mrr pg_catalog.numeric, OUT reactivation_mrr pg_catalog.numeric,
		OUT contraction_mrr pg_catalog.numeric, OUT churned_mrr pg_catalog.numeric,
		OUT mrr_at_end pg_catalog.numeric, OUT net_new_mrr pg_catalog.numeric,
		OUT customers_at_start pg_catalog.int8, OUT new_customers pg_catalog.int8,
		OUT expansion_customers pg_catalog.int8, OUT reactivation_customers pg_catalog.int8,
		OUT contraction_customers pg_catalog.int8, OUT churned_customers pg_catalog.int8,
		OUT customers_at_end pg_catalog.int8,
		OUT nrr pg_catalog.float8, OUT grr pg_catalog.float8,
		OUT quick_ratio pg_catalog.float8, OUT arpa pg_catalog.numeric)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'revenue_periods'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 60;
COMMENT ON FUNCTION revenue_periods(revenue_summary) IS
	'one row per period: bounds; MRR at start, new, expansion, reactivation, contraction and churned MRR, MRR at end and net new MRR (start + new + expansion + reactivation - contraction - churned = end, exactly); paying customers at start, per movement and at end; NRR = (start + expansion - contraction - churned) / start, GRR = (start - contraction - churned) / start, quick ratio = (new + expansion + reactivation) / (contraction + churned), ARPA = end / customers at end (4 decimals); NULL where a denominator is 0';

CREATE FUNCTION revenue_cohort_retention(s revenue_summary,
		OUT cohort pg_catalog.date, OUT period_offset pg_catalog.int4,
		OUT cohort_size pg_catalog.int8, OUT cohort_mrr pg_catalog.numeric,
		OUT customers pg_catalog.int8, OUT mrr pg_catalog.numeric,
		OUT net_mrr_retention pg_catalog.float8, OUT customer_retention pg_catalog.float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'revenue_cohorts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 600;
COMMENT ON FUNCTION revenue_cohort_retention(revenue_summary) IS
	'revenue cohort matrix: per cohort (customers whose MRR first became positive in a period) and offset 0..max_offset, the cohort size, its MRR at the end of its first period (cohort_mrr), and at the end of period cohort + offset its paying customers and MRR, net MRR retention mrr / cohort_mrr and customer retention customers / cohort_size; needs revenue_agg(..., max_offset)';

CREATE FUNCTION customers(revenue_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'revenue_customers'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customers(revenue_summary) IS
	'number of customers counted: rows whose timeline was not NULL';

-- revenue_tstz_summary --------------------------------------------------

CREATE TYPE revenue_tstz_summary;

CREATE FUNCTION revenue_tstz_summary_in(pg_catalog.cstring) RETURNS revenue_tstz_summary
	AS 'MODULE_PATHNAME', 'revenue_tstz_summary_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_tstz_summary_in(pg_catalog.cstring) IS
	'text input of revenue_tstz_summary: "v1;origin=...;bucket=...;zone=...;periods=...;scale=...;customers=...;mrr=...;..."; every amount and count is checked';

CREATE FUNCTION revenue_tstz_summary_out(revenue_tstz_summary) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'revenue_summary_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_tstz_summary_out(revenue_tstz_summary) IS
	'text output of revenue_tstz_summary (canonical, exact, versioned): the grid, the scale, then the amounts and counts';

CREATE FUNCTION revenue_tstz_summary_recv(pg_catalog.internal) RETURNS revenue_tstz_summary
	AS 'MODULE_PATHNAME', 'revenue_tstz_summary_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_tstz_summary_recv(pg_catalog.internal) IS
	'binary input of revenue_tstz_summary, checked as strictly as the text input';

CREATE FUNCTION revenue_tstz_summary_send(revenue_tstz_summary) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'revenue_summary_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_tstz_summary_send(revenue_tstz_summary) IS
	'binary output of revenue_tstz_summary: a format version byte, the grid, the scale, then the amounts (in units of 0.0001) and counts';

CREATE TYPE revenue_tstz_summary (
	INPUT = revenue_tstz_summary_in,
	OUTPUT = revenue_tstz_summary_out,
	RECEIVE = revenue_tstz_summary_recv,
	SEND = revenue_tstz_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE revenue_tstz_summary IS
	'revenue summary over a timestamptz grid: MRR and paying customers at each period boundary, the five MRR movements per period with their customers, optionally revenue cohorts; read with revenue_periods(), revenue_cohort_retention()';

CREATE FUNCTION revenue_tstz_summary_json(revenue_tstz_summary) RETURNS pg_catalog.json
	AS 'MODULE_PATHNAME', 'revenue_summary_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_tstz_summary_json(revenue_tstz_summary) IS
	'a revenue_tstz_summary as json: the grid, its boundaries, the scale and every amount and count';

CREATE FUNCTION revenue_tstz_summary_jsonb(revenue_tstz_summary) RETURNS pg_catalog.jsonb
	AS 'MODULE_PATHNAME', 'revenue_summary_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_tstz_summary_jsonb(revenue_tstz_summary) IS
	'a revenue_tstz_summary as jsonb: the grid, its boundaries, the scale and every amount and count';

CREATE CAST (revenue_tstz_summary AS pg_catalog.json) WITH FUNCTION revenue_tstz_summary_json(revenue_tstz_summary);
COMMENT ON CAST (revenue_tstz_summary AS pg_catalog.json) IS
	'a revenue_tstz_summary as json (also used by to_json and row_to_json)';

CREATE CAST (revenue_tstz_summary AS pg_catalog.jsonb) WITH FUNCTION revenue_tstz_summary_jsonb(revenue_tstz_summary);
COMMENT ON CAST (revenue_tstz_summary AS pg_catalog.jsonb) IS
	'a revenue_tstz_summary as jsonb';

CREATE FUNCTION revenue_tstz_summary_eq(revenue_tstz_summary, revenue_tstz_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_tstz_summary_eq(revenue_tstz_summary, revenue_tstz_summary) IS
	'true when two revenue_tstz_summary values are the same';

CREATE FUNCTION revenue_tstz_summary_ne(revenue_tstz_summary, revenue_tstz_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_tstz_summary_ne(revenue_tstz_summary, revenue_tstz_summary) IS
	'true when two revenue_tstz_summary values differ';

CREATE FUNCTION revenue_tstz_summary_hash(revenue_tstz_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_tstz_summary_hash(revenue_tstz_summary) IS
	'hash of a revenue_tstz_summary, for hash joins, GROUP BY and DISTINCT';

CREATE OPERATOR = (
	LEFTARG = revenue_tstz_summary,
	RIGHTARG = revenue_tstz_summary,
	FUNCTION = revenue_tstz_summary_eq,
	COMMUTATOR = =,
	NEGATOR = <>,
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR =(revenue_tstz_summary, revenue_tstz_summary) IS 'the same value';

CREATE OPERATOR <> (
	LEFTARG = revenue_tstz_summary,
	RIGHTARG = revenue_tstz_summary,
	FUNCTION = revenue_tstz_summary_ne,
	COMMUTATOR = <>,
	NEGATOR = =,
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR <>(revenue_tstz_summary, revenue_tstz_summary) IS 'different values';

CREATE OPERATOR CLASS revenue_tstz_summary_hash_ops
	DEFAULT FOR TYPE revenue_tstz_summary USING hash AS
	OPERATOR 1 = (revenue_tstz_summary, revenue_tstz_summary),
	FUNCTION 1 revenue_tstz_summary_hash(revenue_tstz_summary);
COMMENT ON OPERATOR CLASS revenue_tstz_summary_hash_ops USING hash IS
	'hash operator class of revenue_tstz_summary';
COMMENT ON OPERATOR FAMILY revenue_tstz_summary_hash_ops USING hash IS
	'hash operator family of revenue_tstz_summary';

CREATE FUNCTION revenue_tstz_summary_combine(revenue_tstz_summary, revenue_tstz_summary) RETURNS revenue_tstz_summary
	AS 'MODULE_PATHNAME', 'revenue_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION revenue_tstz_summary_combine(revenue_tstz_summary, revenue_tstz_summary) IS
	'merges two revenue_tstz_summary values of the same grid over disjoint customers: transition function of rollup() and combine function of revenue_agg()';

-- revenue_agg() over a timestamptz grid: 4 overloads, for a number of periods or
-- an end, with or without cohort counters.  Not STRICT: the first row
-- creates the summary from its grid arguments (even if its timeline is
-- NULL), and a NULL timeline counts nothing.
-- STABLE: month and day arithmetic follows the session TimeZone, like timestamptz + interval

CREATE FUNCTION revenue_agg_trans(revenue_tstz_summary, mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4) RETURNS revenue_tstz_summary
	AS 'MODULE_PATHNAME', 'revenue_agg_trans'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION revenue_agg_trans(revenue_tstz_summary, mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4) IS
	'transition function of revenue_agg(timeline, origin, bucket, periods): adds one customer';

CREATE FUNCTION revenue_agg_trans(revenue_tstz_summary, mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) RETURNS revenue_tstz_summary
	AS 'MODULE_PATHNAME', 'revenue_agg_trans'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION revenue_agg_trans(revenue_tstz_summary, mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) IS
	'transition function of revenue_agg(timeline, origin, bucket, periods, max_offset): adds one customer';

CREATE FUNCTION revenue_agg_trans(revenue_tstz_summary, mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz) RETURNS revenue_tstz_summary
	AS 'MODULE_PATHNAME', 'revenue_agg_trans'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION revenue_agg_trans(revenue_tstz_summary, mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz) IS
	'transition function of revenue_agg(timeline, origin, bucket, until): adds one customer';

CREATE FUNCTION revenue_agg_trans(revenue_tstz_summary, mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.int4) RETURNS revenue_tstz_summary
	AS 'MODULE_PATHNAME', 'revenue_agg_trans'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION revenue_agg_trans(revenue_tstz_summary, mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.int4) IS
	'transition function of revenue_agg(timeline, origin, bucket, until, max_offset): adds one customer';

CREATE AGGREGATE revenue_agg(mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4) (
	SFUNC = revenue_agg_trans, STYPE = revenue_tstz_summary,
	COMBINEFUNC = revenue_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE revenue_agg(mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4) IS
	'MRR movements per period of one mrr_timeline per customer, over the grid origin + k * bucket given the number of periods; NULL for no rows';

CREATE AGGREGATE revenue_agg(mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) (
	SFUNC = revenue_agg_trans, STYPE = revenue_tstz_summary,
	COMBINEFUNC = revenue_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE revenue_agg(mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) IS
	'MRR movements per period of one mrr_timeline per customer, over the grid origin + k * bucket given the number of periods; revenue cohorts for offsets 0..max_offset; NULL for no rows';

CREATE AGGREGATE revenue_agg(mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz) (
	SFUNC = revenue_agg_trans, STYPE = revenue_tstz_summary,
	COMBINEFUNC = revenue_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE revenue_agg(mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz) IS
	'MRR movements per period of one mrr_timeline per customer, over the grid origin + k * bucket given an end (the fewest periods that reach it); NULL for no rows';

CREATE AGGREGATE revenue_agg(mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.int4) (
	SFUNC = revenue_agg_trans, STYPE = revenue_tstz_summary,
	COMBINEFUNC = revenue_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE revenue_agg(mrr_timeline, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.int4) IS
	'MRR movements per period of one mrr_timeline per customer, over the grid origin + k * bucket given an end (the fewest periods that reach it); revenue cohorts for offsets 0..max_offset; NULL for no rows';

CREATE AGGREGATE rollup(revenue_tstz_summary) (
	SFUNC = revenue_tstz_summary_combine, STYPE = revenue_tstz_summary,
	COMBINEFUNC = revenue_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(revenue_tstz_summary) IS
	'merges revenue_tstz_summary values of one grid over disjoint sets of customers exactly, e.g. per-segment summaries into a total (NULL summaries are ignored; NULL for no rows)';

-- readers -----------------------------------------------------------------

CREATE FUNCTION revenue_periods(s revenue_tstz_summary,
		OUT period_start pg_catalog.timestamptz, OUT period_end pg_catalog.timestamptz,
		OUT mrr_at_start pg_catalog.numeric, OUT new_mrr pg_catalog.numeric,
		OUT expansion_mrr pg_catalog.numeric, OUT reactivation_mrr pg_catalog.numeric,
		OUT contraction_mrr pg_catalog.numeric, OUT churned_mrr pg_catalog.numeric,
		OUT mrr_at_end pg_catalog.numeric, OUT net_new_mrr pg_catalog.numeric,
		OUT customers_at_start pg_catalog.int8, OUT new_customers pg_catalog.int8,
		OUT expansion_customers pg_catalog.int8, OUT reactivation_customers pg_catalog.int8,
		OUT contraction_customers pg_catalog.int8, OUT churned_customers pg_catalog.int8,
		OUT customers_at_end pg_catalog.int8,
		OUT nrr pg_catalog.float8, OUT grr pg_catalog.float8,
		OUT quick_ratio pg_catalog.float8, OUT arpa pg_catalog.numeric)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'revenue_periods'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 60;
COMMENT ON FUNCTION revenue_periods(revenue_tstz_summary) IS
	'one row per period: bounds; MRR at start, new, expansion, reactivation, contraction and churned MRR, MRR at end and net new MRR (start + new + expansion + reactivation - contraction - churned = end, exactly); paying customers at start, per movement and at end; NRR = (start + expansion - contraction - churned) / start, GRR = (start - contraction - churned) / start, quick ratio = (new + expansion + reactivation) / (contraction + churned), ARPA = end / customers at end (4 decimals); NULL where a denominator is 0';

CREATE FUNCTION revenue_cohort_retention(s revenue_tstz_summary,
		OUT cohort pg_catalog.timestamptz, OUT period_offset pg_catalog.int4,
		OUT cohort_size pg_catalog.int8, OUT cohort_mrr pg_catalog.numeric,
		OUT customers pg_catalog.int8, OUT mrr pg_catalog.numeric,
		OUT net_mrr_retention pg_catalog.float8, OUT customer_retention pg_catalog.float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'revenue_cohorts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 600;
COMMENT ON FUNCTION revenue_cohort_retention(revenue_tstz_summary) IS
	'revenue cohort matrix: per cohort (customers whose MRR first became positive in a period) and offset 0..max_offset, the cohort size, its MRR at the end of its first period (cohort_mrr), and at the end of period cohort + offset its paying customers and MRR, net MRR retention mrr / cohort_mrr and customer retention customers / cohort_size; needs revenue_agg(..., max_offset)';

CREATE FUNCTION customers(revenue_tstz_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'revenue_customers'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customers(revenue_tstz_summary) IS
	'number of customers counted: rows whose timeline was not NULL';

--------------------------------------------------------------------------
-- journey (sql/journey.sql, sql/journey_calendar.sql): duration summaries
-- in the daily tables and the views; subscriptions.mrr, the revenue views
-- and the revenue goals; the journey's time zone, its local dates and its
-- dirty days
--------------------------------------------------------------------------

-- cx_journey_refresh (by days) keeps its signature: replaced in place
-- (CREATE OR REPLACE on a function this extension owns).
-- cx_journey_create takes time_zone now: the old one is dropped and the
-- new one made.  Everything from cx_journey_create on is the text of
-- sql/journey.sql, then sql/journey_calendar.sql.  cx_journey_check_owner,
-- cx_journey_upgrade, cx_journey_distribute and the functions of
-- journey_calendar.sql are new.  None of this touches an existing
-- journey: its tables are not extension members (README, "Why the tables
-- are not extension members"); a user converts each journey with SELECT
-- cx_journey_upgrade('schema').

DROP FUNCTION cx_journey_create(pg_catalog.text, pg_catalog.regtype, pg_catalog.int4, pg_catalog.int4, pg_catalog.bool);

CREATE FUNCTION cx_journey_create(schema_name pg_catalog.text,
	customer_id_type pg_catalog.regtype DEFAULT 'pg_catalog.int8',
	csat_scale_max pg_catalog.int4 DEFAULT 5,
	ces_scale_max pg_catalog.int4 DEFAULT 7,
	ces_lower_is_better pg_catalog.bool DEFAULT false,
	time_zone pg_catalog.text DEFAULT pg_catalog.current_setting('TimeZone'))
	RETURNS pg_catalog.void
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE and not STRICT: it runs DDL, and a NULL
	-- argument is an error, not a silent NULL result
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	s text := schema_name;				-- the journey schema
	e text;								-- the extension's schema
	idtype text;
	basetype oid;
	tz text;							-- the journey's time zone
BEGIN
	-- Arguments.
	IF schema_name IS NULL OR customer_id_type IS NULL OR csat_scale_max IS NULL
		OR ces_scale_max IS NULL OR ces_lower_is_better IS NULL OR time_zone IS NULL THEN
		RAISE EXCEPTION 'cx_journey_create arguments must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF schema_name = '' THEN
		RAISE EXCEPTION 'schema name must not be empty'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- A domain is judged by its base type.
	SELECT CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
		INTO basetype FROM pg_type t WHERE t.oid = customer_id_type;
	IF basetype NOT IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype,
						'text'::regtype, 'varchar'::regtype, 'uuid'::regtype) THEN
		RAISE EXCEPTION 'customer id type % is not supported', customer_id_type
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = 'The customer id must be a smallint, integer, bigint, numeric, text, varchar or uuid, or a domain over one of them.',
				HINT = 'Pass the type of the primary key of your CRM''s customer table.';
	END IF;
	IF csat_scale_max NOT BETWEEN 2 AND 10 THEN
		RAISE EXCEPTION 'CSAT scale 1..% is not supported', csat_scale_max
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = 'csat_scale_max must be from 2 to 10.';
	END IF;
	IF ces_scale_max NOT BETWEEN 2 AND 10 THEN
		RAISE EXCEPTION 'CES scale 1..% is not supported', ces_scale_max
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = 'ces_scale_max must be from 2 to 10.';
	END IF;
	-- format_type() quotes and qualifies the name as SQL needs it (%I
	-- would quote "character varying" as one identifier); it goes into
	-- the DDL below with %s.  The other %s arguments below are SQL
	-- fragments built here, themselves from %I and %L.
	idtype := format_type(customer_id_type, NULL);

	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';
	IF e IS NULL THEN
		RAISE EXCEPTION 'extension "cx_metrics" is not installed in this database'
			USING ERRCODE = 'undefined_object';
	END IF;

	-- its name as pg_timezone_names spells it, or 22023
	EXECUTE format('SELECT %I.cx_journey_check_time_zone($1)', e) INTO tz USING time_zone;

	IF to_regclass(format('%I.%I', s, 'touchpoints')) IS NOT NULL THEN
		RAISE EXCEPTION 'schema "%" already holds a journey', s
			USING ERRCODE = 'duplicate_table',
				HINT = 'Pick another schema name, or drop that schema''s journey tables first.';
	END IF;

	EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', s);

	-- The journey's time zone: its days and months, in every view and
	-- refresh.  One row; change it with cx_journey_set_time_zone.
	-- cx_journey_upgrade makes this table in a 0.3.0 journey: the two must
	-- stay alike.
	EXECUTE format($$
		CREATE TABLE %1$I.journey_settings (
			one_row   boolean PRIMARY KEY DEFAULT true CONSTRAINT journey_settings_one_row CHECK (one_row),
			time_zone text NOT NULL
		)$$, s);
	EXECUTE format('INSERT INTO %I.journey_settings (time_zone) VALUES ($1)', s) USING tz;

	-- Reference tables.
	EXECUTE format($$
		CREATE TABLE %1$I.journey_stages (
			stage       text PRIMARY KEY,
			position    smallint NOT NULL UNIQUE,
			description text
		)$$, s);
	EXECUTE format($$
		INSERT INTO %1$I.journey_stages (stage, position, description) VALUES
			('before_purchase', 1, 'the customer discovers and considers the company'),
			('purchase', 2, 'the customer buys'),
			('after_purchase', 3, 'the customer uses, pays, asks for help and stays or leaves')$$, s);

	EXECUTE format($$
		CREATE TABLE %1$I.touchpoints (
			touchpoint_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			name          text NOT NULL
				CONSTRAINT touchpoints_name_unique UNIQUE
				CONSTRAINT touchpoints_name_not_blank CHECK (btrim(name) <> ''),
			stage         text NOT NULL
				CONSTRAINT touchpoints_stage_fkey REFERENCES %1$I.journey_stages ON UPDATE CASCADE,
			category      text NOT NULL
				CONSTRAINT touchpoints_category_check
				CHECK (category IN ('product', 'interaction', 'message', 'environment')),
			channel       text NOT NULL,
			description   text NOT NULL DEFAULT '',
			active        boolean NOT NULL DEFAULT true
		)$$, s);
	EXECUTE format('CREATE INDEX ON %I.touchpoints (stage)', s);
	-- The default catalog.  Users add their own rows, and switch these off
	-- with active = false rather than deleting them once data refers to them.
	EXECUTE format($$
		INSERT INTO %1$I.touchpoints (name, stage, category, channel, description) VALUES
			('social media', 'before_purchase', 'message', 'social', 'posts, ads and conversations on social networks'),
			('ratings and reviews', 'before_purchase', 'message', 'review sites', 'what customers write about the company on review sites and stores'),
			('referrals', 'before_purchase', 'interaction', 'people', 'customers recommended by a customer or partner, through a referral program'),
			('word of mouth', 'before_purchase', 'interaction', 'people', 'what people tell each other about the company'),
			('community engagement', 'before_purchase', 'interaction', 'events', 'events, forums, sponsorships and local presence'),
			('advertising', 'before_purchase', 'message', 'media', 'paid ads in any medium'),
			('marketing and pr', 'before_purchase', 'message', 'media', 'campaigns, press coverage and public relations'),
			('store or office', 'purchase', 'environment', 'in person', 'the physical store, branch or office'),
			('website', 'purchase', 'environment', 'web', 'the company''s website and online shop'),
			('catalog', 'purchase', 'product', 'print', 'the product catalog, printed or online'),
			('promotions', 'purchase', 'message', 'marketing', 'discounts, offers and coupons'),
			('sales team', 'purchase', 'interaction', 'in person', 'sales staff and account managers'),
			('phone system', 'purchase', 'interaction', 'phone', 'the phone line, its menus and its waiting times'),
			('point of sale', 'purchase', 'environment', 'in person', 'checkout, payment terminal and receipt'),
			('billing', 'after_purchase', 'message', 'mail', 'invoices, statements and payment collection'),
			('transactional email', 'after_purchase', 'message', 'email', 'order confirmations, shipping notices and receipts'),
			('marketing email', 'after_purchase', 'message', 'email', 'newsletters and offers sent to customers'),
			('support team', 'after_purchase', 'interaction', 'support desk', 'customer service and technical support staff'),
			('help center', 'after_purchase', 'environment', 'web', 'the online help center, FAQ and knowledge base'),
			('follow-up', 'after_purchase', 'interaction', 'phone', 'calls and messages checking in after a purchase or a case'),
			('thank-you cards', 'after_purchase', 'message', 'mail', 'cards and small gifts thanking customers')$$, s);

	-- The scales are fixed for the journey: every summary of one metric then
	-- has the same scale, so every rollup across days and touchpoints is
	-- valid.  The CHECK pins the rows to the setup arguments.
	EXECUTE format($$
		CREATE TABLE %1$I.metric_scales (
			metric          text PRIMARY KEY,
			scale_min       smallint NOT NULL,
			scale_max       smallint NOT NULL,
			lower_is_better boolean NOT NULL,
			CONSTRAINT metric_scales_fixed CHECK (
				(metric, scale_min, scale_max, lower_is_better) IN (
					('nps', 0, 10, false), ('csat', 1, %2$L::smallint, false), ('ces', 1, %3$L::smallint, %4$L::boolean)))
		)$$, s, csat_scale_max, ces_scale_max, ces_lower_is_better);
	EXECUTE format($$
		INSERT INTO %1$I.metric_scales VALUES
			('nps', 0, 10, false), ('csat', 1, %2$L::smallint, false), ('ces', 1, %3$L::smallint, %4$L::boolean)$$,
		s, csat_scale_max, ces_scale_max, ces_lower_is_better);

	-- Raw data.
	EXECUTE format($$
		CREATE TABLE %1$I.responses (
			response_id   bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			customer_id   %2$s NOT NULL,
			touchpoint_id integer NOT NULL
				CONSTRAINT responses_touchpoint_id_fkey REFERENCES %1$I.touchpoints,
			metric        text NOT NULL
				CONSTRAINT responses_metric_check CHECK (metric IN ('nps', 'csat', 'ces')),
			score         smallint,
			responded_at  timestamptz NOT NULL,
			weight        float8
				CONSTRAINT responses_weight_positive CHECK (weight > 0 AND weight < 'infinity'),
			comment       text,
			CONSTRAINT responses_score_in_scale CHECK (score IS NULL OR CASE metric
				WHEN 'nps' THEN score BETWEEN 0 AND 10
				WHEN 'csat' THEN score BETWEEN 1 AND %3$L::smallint
				WHEN 'ces' THEN score BETWEEN 1 AND %4$L::smallint END)
		)$$, s, idtype, csat_scale_max, ces_scale_max);
	EXECUTE format('CREATE INDEX ON %I.responses (responded_at)', s);
	EXECUTE format('CREATE INDEX ON %I.responses (touchpoint_id, responded_at)', s);
	EXECUTE format('CREATE INDEX ON %I.responses (customer_id)', s);

	EXECUTE format($$
		CREATE TABLE %1$I.interactions (
			interaction_id    bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			customer_id       %2$s NOT NULL,
			touchpoint_id     integer NOT NULL
				CONSTRAINT interactions_touchpoint_id_fkey REFERENCES %1$I.touchpoints,
			opened_at         timestamptz NOT NULL,
			first_response_at timestamptz
				CONSTRAINT interactions_first_response_after_opening CHECK (first_response_at >= opened_at),
			resolved_at       timestamptz
				CONSTRAINT interactions_resolution_after_opening CHECK (resolved_at >= opened_at)
		)$$, s, idtype);
	EXECUTE format('CREATE INDEX ON %I.interactions (opened_at)', s);
	EXECUTE format('CREATE INDEX ON %I.interactions (touchpoint_id, opened_at)', s);
	EXECUTE format('CREATE INDEX ON %I.interactions (customer_id)', s);

	EXECUTE format($$
		CREATE TABLE %1$I.subscriptions (
			subscription_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			customer_id     %2$s NOT NULL,
			plan            text,
			active          daterange NOT NULL
				CONSTRAINT subscriptions_active_has_start CHECK (NOT isempty(active) AND NOT lower_inf(active)),
			-- last, where cx_journey_upgrade's ADD COLUMN puts it in a
			-- 0.3.0 journey: the two must stay alike
			mrr             numeric NOT NULL DEFAULT 0
				CONSTRAINT subscriptions_mrr_valid CHECK (mrr >= 0 AND mrr < 'Infinity' AND mrr = round(mrr, 4))
		)$$, s, idtype);
	EXECUTE format('CREATE INDEX ON %I.subscriptions (customer_id)', s);

	EXECUTE format($$
		CREATE TABLE %1$I.goals (
			goal_id         integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			name            text NOT NULL CONSTRAINT goals_name_unique UNIQUE,
			metric          text NOT NULL
				CONSTRAINT goals_metric_check CHECK (metric IN ('nps', 'csat', 'ces', 'churn_rate',
					'first_response_time', 'resolution_time', 'first_response_p50', 'first_response_p90',
					'resolution_p50', 'resolution_p90', 'resolution_km_median', 'first_response_sla',
					'resolution_sla', 'mrr', 'nrr', 'grr', 'churned_mrr')),
			stage           text CONSTRAINT goals_stage_fkey REFERENCES %1$I.journey_stages ON UPDATE CASCADE,
			touchpoint_id   integer CONSTRAINT goals_touchpoint_id_fkey REFERENCES %1$I.touchpoints,
			baseline_period daterange NOT NULL
				CONSTRAINT goals_baseline_period_bounded
				CHECK (NOT isempty(baseline_period) AND NOT lower_inf(baseline_period) AND NOT upper_inf(baseline_period)),
			target_period   daterange NOT NULL
				CONSTRAINT goals_target_period_bounded
				CHECK (NOT isempty(target_period) AND NOT lower_inf(target_period) AND NOT upper_inf(target_period)),
			target_kind     text NOT NULL
				CONSTRAINT goals_target_kind_check CHECK (target_kind IN ('value', 'change', 'percent_change')),
			target          numeric NOT NULL CONSTRAINT goals_target_is_number CHECK (target <> 'NaN'),
			due_date        date NOT NULL,
			description     text,
			CONSTRAINT goals_one_scope CHECK (stage IS NULL OR touchpoint_id IS NULL),
			-- the name says churn_rate, and stays: the revenue metrics
			-- joined it in 0.4.0 (a rename would break users' scripts)
			CONSTRAINT goals_churn_rate_for_everything
				CHECK (metric NOT IN ('churn_rate', 'mrr', 'nrr', 'grr', 'churned_mrr')
					OR (stage IS NULL AND touchpoint_id IS NULL)),
			CONSTRAINT goals_due_after_target_start CHECK (due_date > lower(target_period)),
			sla             interval,
			CONSTRAINT goals_sla_for_sla_metrics
				CHECK ((sla IS NOT NULL) = (metric IN ('first_response_sla', 'resolution_sla'))),
			CONSTRAINT goals_sla_positive CHECK (sla > interval '0')
		)$$, s);

	-- Daily summaries: the fast path for large data.
	EXECUTE format($$
		CREATE TABLE %1$I.daily_summaries (
			day           date NOT NULL,
			touchpoint_id integer NOT NULL
				CONSTRAINT daily_summaries_touchpoint_id_fkey REFERENCES %1$I.touchpoints,
			nps           %2$I.nps_summary NOT NULL,
			csat          %2$I.csat_summary NOT NULL,
			ces           %2$I.ces_summary NOT NULL,
			PRIMARY KEY (day, touchpoint_id)
		)$$, s, e);
	EXECUTE format('CREATE INDEX ON %I.daily_summaries (touchpoint_id, day)', s);
	-- Response and resolution times as duration summaries per day and
	-- touchpoint (relative error 1%): they roll up exactly, open cases
	-- included.  cx_journey_upgrade() converts the 0.3.0 table (arrays of
	-- hours) into this one by ALTER TABLE: the two must stay alike.
	EXECUTE format($$
		CREATE TABLE %1$I.daily_interactions (
			day            date NOT NULL,
			touchpoint_id  integer NOT NULL
				CONSTRAINT daily_interactions_touchpoint_id_fkey REFERENCES %1$I.touchpoints,
			interactions   integer NOT NULL,
			first_response %2$I.duration_summary NOT NULL,
			resolution     %2$I.duration_summary NOT NULL,
			PRIMARY KEY (day, touchpoint_id),
			CONSTRAINT daily_interactions_one_case_each CHECK (
				%2$I.cases(first_response) = interactions AND %2$I.cases(resolution) = interactions)
		)$$, s, e);
	EXECUTE format('CREATE INDEX ON %I.daily_interactions (touchpoint_id, day)', s);

	-- Comments.
	EXECUTE format('COMMENT ON TABLE %I.journey_stages IS %L', s,
		'the stages of the customer journey, in order: before_purchase, purchase, after_purchase');
	EXECUTE format('COMMENT ON TABLE %I.touchpoints IS %L', s,
		'every place a customer meets the company: a stage, a category (product, interaction, message, environment), a channel; the default catalog is installed by cx_journey_create; add your own rows, switch rows off with active = false');
	EXECUTE format('COMMENT ON TABLE %I.metric_scales IS %L', s,
		format('the scale of each survey metric in this journey, fixed by cx_journey_create: NPS 0..10, CSAT 1..%s, CES 1..%s (%s); the responses_score_in_scale constraint enforces them',
			csat_scale_max, ces_scale_max, CASE WHEN ces_lower_is_better THEN 'lower is easier' ELSE 'higher is easier' END));
	EXECUTE format('COMMENT ON TABLE %I.interactions IS %L', s,
		'service interactions (cases, tickets, calls): opened, first response and resolution times, which give response and resolution times');
	EXECUTE format('COMMENT ON TABLE %I.daily_summaries IS %L', s,
		'NPS, CSAT and CES summaries per day and touchpoint, filled by cx_journey_refresh; the *_from_daily scorecards roll them up');

	-- The views, goal_progress and the comments that the 0.4.0 shape
	-- changed are made by cx_journey_upgrade(), which also converts a 0.3.0
	-- journey: one definition for both.
	EXECUTE format('SELECT %I.cx_journey_upgrade(%L)', e, s);
END
$function$;
COMMENT ON FUNCTION cx_journey_create(pg_catalog.text, pg_catalog.regtype, pg_catalog.int4, pg_catalog.int4, pg_catalog.bool, pg_catalog.text) IS
	'creates a touchpoint schema in the named schema (created if missing), owned by the caller: its time zone (journey_settings), stages, the default touchpoint catalog, metric scales, responses, interactions, subscriptions, goals, daily summaries, the dirty days and their triggers, the scorecard views, daily_freshness, the revenue views and goal_progress; the customer id has the given type; days and months are those of time_zone (a name of pg_timezone_names, by default the session''s TimeZone), whatever the session reading them';

-- Whether the caller may run the code of a journey's tables: refresh and
-- upgrade run their triggers, defaults, constraints and functions with the
-- caller's rights, so unless the caller trusts their owner, each table must
-- be owned by the caller or by a role the caller is a member of (through
-- pg_auth_members: a superuser is no exception).
CREATE FUNCTION cx_journey_check_owner(schema_name pg_catalog.text, tables pg_catalog.text[],
	action pg_catalog.text)
	RETURNS void
	LANGUAGE plpgsql
	-- STABLE: it reads the catalogs and raises; not STRICT: the callers
	-- check their arguments
	STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	foreign_table text;
	foreign_owner text;
BEGIN
	WITH RECURSIVE mine(r) AS (
		SELECT oid FROM pg_roles WHERE rolname = current_user
		UNION
		SELECT m.roleid FROM pg_auth_members m JOIN mine ON m.member = mine.r)
	SELECT c.relname, pg_get_userbyid(c.relowner) INTO foreign_table, foreign_owner
	FROM pg_class c
	WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = schema_name)
	  AND c.relname = ANY (tables)
	  AND c.relowner NOT IN (SELECT r FROM mine)
	ORDER BY c.relname
	LIMIT 1;
	IF foreign_table IS NOT NULL THEN
		RAISE EXCEPTION 'table %.% is owned by role %, not by you or a role you are a member of',
				quote_ident(schema_name), quote_ident(foreign_table), quote_ident(foreign_owner)
			USING ERRCODE = 'insufficient_privilege',
				DETAIL = CASE action
					WHEN 'refresh' THEN 'A refresh runs the triggers, defaults and functions of the journey''s tables with your rights.'
					WHEN 'distribute' THEN 'Distributing alters the journey''s tables and copies their rows, running their triggers, defaults and functions with your rights.'
					ELSE 'An upgrade alters the journey''s tables and runs their triggers, defaults and functions with your rights.' END,
				HINT = format('%s as %I (or a member of it), or pass trust_owner => true if you trust that role''s code.',
					initcap(action), foreign_owner);
	END IF;
END
$function$;
COMMENT ON FUNCTION cx_journey_check_owner(pg_catalog.text, pg_catalog.text[], pg_catalog.text) IS
	'internal: raises insufficient_privilege (42501) when one of the named tables of a journey schema is owned by a role the caller is not a member of; cx_journey_refresh, cx_journey_upgrade and cx_journey_distribute call it unless trust_owner is true';

CREATE OR REPLACE FUNCTION cx_journey_refresh(schema_name pg_catalog.text, from_day pg_catalog.date, to_day pg_catalog.date,
	trust_owner pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it writes tables; not STRICT: a NULL
	-- argument is an error
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	e text;
	written bigint;
BEGIN
	IF schema_name IS NULL OR from_day IS NULL OR to_day IS NULL OR trust_owner IS NULL THEN
		RAISE EXCEPTION 'cx_journey_refresh arguments must not be NULL'
			USING ERRCODE = 'null_value_not_allowed',
				HINT = 'To refresh the days changed since their last refresh, call cx_journey_refresh(schema_name) without days.';
	END IF;
	IF from_day > to_day OR NOT isfinite(from_day) OR NOT isfinite(to_day) THEN
		RAISE EXCEPTION 'invalid day range % to %', from_day, to_day
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = 'from_day and to_day are finite dates, from_day on or before to_day; both days are refreshed.';
	END IF;
	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';
	-- the work, shared with the refresh of the dirty days:
	-- sql/journey_calendar.sql
	EXECUTE format('SELECT %I.cx_journey_refresh_days($1, $2, $3, $4)', e)
		INTO written USING schema_name, from_day, to_day, trust_owner;
	RETURN written;
END
$function$;
COMMENT ON FUNCTION cx_journey_refresh(pg_catalog.text, pg_catalog.date, pg_catalog.date, pg_catalog.bool) IS
	'recomputes the daily_summaries and daily_interactions rows of a journey schema for the days from_day to to_day (both included, days of the journey''s time zone) from its responses and interactions, open cases censored at their age at now(), and deletes the dirty_days marks of those days; returns the number of rows written; runs at isolation level READ COMMITTED only, and only on tables owned by the caller or a role the caller is a member of, unless trust_owner is true';

CREATE FUNCTION cx_journey_upgrade(schema_name pg_catalog.text, trust_owner pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it runs DDL and writes tables; not
	-- STRICT: a NULL argument is an error
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	s text := schema_name;
	e text;
	nsp oid;
	csat_scale_max integer;
	ces_scale_max integer;
	ces_lower_is_better boolean;
	ces_higher_is_better boolean;
	src text;
	grp text;
	keys_select text;
	keys_group text;
	keys_out text;
	u text;
	aggs text;
	view_name text;
	view_sql text;
	col record;
	-- dependent views first: the DROP below goes in this order
	views text[] := ARRAY['touchpoint_changes', 'touchpoint_changes_from_daily', 'relationship_nps',
		'touchpoint_scorecard', 'stage_scorecard', 'overall_scorecard',
		'touchpoint_scorecard_from_daily', 'stage_scorecard_from_daily', 'overall_scorecard_from_daily',
		'revenue_scorecard', 'revenue_cohorts', 'goal_progress', 'daily_freshness'];
	-- the goals_metric_check of cx_journey_create
	goals_metric_check text := $$CHECK (metric IN ('nps', 'csat', 'ces', 'churn_rate',
					'first_response_time', 'resolution_time', 'first_response_p50', 'first_response_p90',
					'resolution_p50', 'resolution_p90', 'resolution_km_median', 'first_response_sla',
					'resolution_sla', 'mrr', 'nrr', 'grr', 'churned_mrr'))$$;
	grants text[];
	g text;
	days date[];
	differing bigint;
	written bigint := 0;
	distributed boolean := false;
	tz text;							-- the journey's time zone
	today text;							-- its current date, in SQL
	tracking boolean;					-- dirty-day tracking on
	lc record;
	expr text;
	privs text[];
BEGIN
	IF schema_name IS NULL OR trust_owner IS NULL THEN
		RAISE EXCEPTION 'cx_journey_upgrade arguments must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT oid INTO nsp FROM pg_namespace WHERE nspname = s;
	IF nsp IS NULL OR to_regclass(format('%I.%I', s, 'daily_interactions')) IS NULL
		OR to_regclass(format('%I.%I', s, 'goals')) IS NULL
		OR to_regclass(format('%I.%I', s, 'subscriptions')) IS NULL
		OR to_regclass(format('%I.%I', s, 'metric_scales')) IS NULL THEN
		RAISE EXCEPTION 'schema "%" holds no journey', s
			USING ERRCODE = 'invalid_parameter_value',
				HINT = 'Create one with cx_journey_create().';
	END IF;
	-- The same rule as cx_journey_refresh: the rebuild below runs the
	-- triggers, defaults and functions of these tables with the caller's
	-- rights.
	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';
	IF NOT trust_owner THEN
		EXECUTE format('SELECT %I.cx_journey_check_owner($1, $2, $3)', e)
			USING s, ARRAY['metric_scales', 'touchpoints', 'responses', 'interactions', 'subscriptions',
			'goals', 'daily_summaries', 'daily_interactions', 'journey_settings', 'dirty_days'], 'upgrade';
	END IF;
	EXECUTE format($$SELECT max(scale_max) FILTER (WHERE metric = 'csat'),
	                        max(scale_max) FILTER (WHERE metric = 'ces'),
	                        bool_or(lower_is_better) FILTER (WHERE metric = 'ces')
	                 FROM %I.metric_scales$$, s)
		INTO csat_scale_max, ces_scale_max, ces_lower_is_better;
	ces_higher_is_better := NOT ces_lower_is_better;
	-- A journey that cx_journey_distribute distributed gets the Citus form
	-- of goal_progress (below); pg_dist_partition exists only with citus.
	IF to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
		EXECUTE 'SELECT EXISTS (SELECT FROM pg_catalog.pg_dist_partition WHERE logicalrelid = $1)'
			INTO distributed USING format('%I.responses', s)::regclass;
	END IF;

	-- The views are dropped and made again: keep the privileges granted on
	-- them.  (A view of yours that reads them makes the DROP fail, and
	-- nothing is changed: drop it first and make it again after.)
	SELECT array_agg(format('GRANT %s ON %I.%I TO %s%s', a.privilege_type, s, c.relname,
			CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
			CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END) ORDER BY c.relname, a.grantee, a.privilege_type)
		INTO grants
	FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) AS a
	WHERE c.relnamespace = nsp AND c.relkind = 'v' AND c.relname = ANY (views)
	  AND a.grantee <> c.relowner;
	FOREACH view_name IN ARRAY views LOOP
		IF to_regclass(format('%I.%I', s, view_name)) IS NOT NULL THEN
			EXECUTE format('DROP VIEW %I.%I', s, view_name);
		END IF;
	END LOOP;

	-- 0.3.0 -> 0.4.0, the journey's calendar: its time zone, in
	-- journey_settings (the table of cx_journey_create: the two must stay
	-- alike).  A 0.3.0 journey gets the session's time zone, the one its
	-- refreshes most likely used, so daily_summaries keeps its days.
	IF to_regclass(format('%I.%I', s, 'journey_settings')) IS NULL THEN
		EXECUTE format('SELECT %I.cx_journey_check_time_zone($1)', e)
			INTO tz USING current_setting('TimeZone');
		EXECUTE format($$
			CREATE TABLE %1$I.journey_settings (
				one_row   boolean PRIMARY KEY DEFAULT true CONSTRAINT journey_settings_one_row CHECK (one_row),
				time_zone text NOT NULL
			)$$, s);
		EXECUTE format('INSERT INTO %I.journey_settings (time_zone) VALUES ($1)', s) USING tz;
	END IF;
	EXECUTE format('SELECT time_zone FROM %I.journey_settings', s) INTO tz;
	IF tz IS NULL THEN
		RAISE EXCEPTION 'journey "%" has no time zone', s
			USING ERRCODE = 'object_not_in_prerequisite_state',
				DETAIL = format('Table %I.journey_settings has no row.', s),
				HINT = format('Insert its row: INSERT INTO %I.journey_settings (time_zone) VALUES (''UTC'').', s);
	END IF;
	today := format('(now() AT TIME ZONE %L)::date', tz);
	-- The local days: a stored generated column each, the day of the
	-- time stamp in the journey's time zone (timezone(text, timestamptz)
	-- is immutable), last in the table, where ADD COLUMN puts it; one
	-- index on (month, day) serves the scorecards' month filters and the
	-- refreshes (which name the month too).  A column made for another
	-- zone (cx_journey_set_time_zone changed it) is made again: the views
	-- that read it are dropped above.
	FOR lc IN SELECT * FROM (VALUES ('responses', 'responded_on', 'responded_at', 'the day of responded_at in the journey''s time zone (journey_settings): the day of the daily summaries and, truncated, the month of the scorecards'),
									('interactions', 'opened_on', 'opened_at', 'the day of opened_at in the journey''s time zone (journey_settings): the day of the daily summaries and, truncated, the month of the scorecards'))
								AS c(tbl, col, src, comment) LOOP
		SELECT pg_get_expr(d.adbin, d.adrelid) INTO expr
		FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE a.attrelid = format('%I.%I', s, lc.tbl)::regclass AND a.attname = lc.col AND NOT a.attisdropped;
		IF expr IS NULL OR position(quote_literal(tz) IN expr) = 0 THEN
			IF expr IS NOT NULL THEN
				EXECUTE format('ALTER TABLE %I.%I DROP COLUMN %I', s, lc.tbl, lc.col);
			END IF;
			EXECUTE format('ALTER TABLE %1$I.%2$I ADD COLUMN %3$I date GENERATED ALWAYS AS ((%4$I AT TIME ZONE %5$L)::date) STORED',
				s, lc.tbl, lc.col, lc.src, tz);
			EXECUTE format('CREATE INDEX %3$I ON %1$I.%2$I ((date_trunc(''month'', %4$I::timestamp)::date), %4$I)',
				s, lc.tbl, lc.tbl || '_' || lc.col || '_month_idx', lc.col);
			EXECUTE format('COMMENT ON COLUMN %I.%I.%I IS %L', s, lc.tbl, lc.col, lc.comment);
		END IF;
	END LOOP;

	-- 0.3.0 -> 0.4.0, dirty days: statement triggers on responses and
	-- interactions record the (day, touchpoint) pairs each statement
	-- touched, old and new rows alike, in dirty_days; a refresh deletes
	-- the marks it saw (README, "Daily summaries").  No key, so that
	-- writers never wait for each other there.  Those who may write the
	-- raw tables may now write dirty_days, and those who may read the
	-- daily tables may read it (the _from_daily views read it).  Not on a
	-- distributed journey: Citus runs no trigger with transition tables
	-- on a distributed table.
	tracking := NOT distributed;
	IF to_regclass(format('%I.%I', s, 'dirty_days')) IS NULL THEN
		EXECUTE format($$
			CREATE TABLE %1$I.dirty_days (
				day           date NOT NULL,
				touchpoint_id integer NOT NULL,
				changed_at    timestamptz NOT NULL DEFAULT now()
			)$$, s);
		EXECUTE format('COMMENT ON TABLE %I.dirty_days IS %L', s,
			'the days changed since their last refresh: one row per statement that inserted, updated, deleted or truncated rows of responses or interactions, per local day and touchpoint of those rows (before and after an update), written by the journey''s triggers; cx_journey_refresh deletes the rows of the days it refreshes; see daily_freshness');
		SELECT array_agg(DISTINCT format('GRANT %s ON %I.dirty_days TO %s', CASE WHEN a.privilege_type = 'SELECT' THEN 'SELECT' ELSE 'INSERT' END, s,
				CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END))
			INTO privs
		FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) AS a
		WHERE c.relnamespace = nsp AND a.grantee <> c.relowner
		  AND ((c.relname IN ('responses', 'interactions') AND a.privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'))
		       OR (c.relname IN ('daily_summaries', 'daily_interactions') AND a.privilege_type = 'SELECT'));
		FOREACH g IN ARRAY coalesce(privs, '{}') LOOP
			EXECUTE g;
		END LOOP;
		-- What changed before the triggers: the (day, touchpoint) pairs
		-- whose daily_summaries row is not what a refresh would write now
		-- (a response written after the last refresh, or a day of the
		-- refreshes' session time zone that is not the journey's), or
		-- whose daily_interactions row does not count the interactions
		-- there are, and those with rows but no daily row.  (On a new
		-- journey there is nothing to compare.)
		EXECUTE format($$
			INSERT INTO %1$I.dirty_days (day, touchpoint_id)
			SELECT coalesce(r.day, d.day), coalesce(r.touchpoint_id, d.touchpoint_id)
			FROM (SELECT x.responded_on AS day, x.touchpoint_id,
			             %2$I.nps_agg(CASE WHEN x.metric = 'nps' THEN x.score END)::text AS nps,
			             %2$I.csat_agg(CASE WHEN x.metric = 'csat' THEN x.score END, $1)::text AS csat,
			             %2$I.ces_agg(CASE WHEN x.metric = 'ces' THEN x.score END, $2, $3)::text AS ces
			      FROM %1$I.responses x GROUP BY 1, 2) AS r
			     FULL JOIN (SELECT d.day, d.touchpoint_id, d.nps::text AS nps, d.csat::text AS csat, d.ces::text AS ces
			                FROM %1$I.daily_summaries d) AS d ON d.day = r.day AND d.touchpoint_id = r.touchpoint_id
			WHERE (r.nps, r.csat, r.ces) IS DISTINCT FROM (d.nps, d.csat, d.ces)
			UNION
			SELECT coalesce(y.day, di.day), coalesce(y.touchpoint_id, di.touchpoint_id)
			FROM (SELECT y.opened_on AS day, y.touchpoint_id, count(*) AS n FROM %1$I.interactions y GROUP BY 1, 2) AS y
			     FULL JOIN %1$I.daily_interactions di ON di.day = y.day AND di.touchpoint_id = y.touchpoint_id
			WHERE y.n IS DISTINCT FROM di.interactions$$, s, e)
			USING csat_scale_max, ces_scale_max, ces_lower_is_better;
	END IF;
	IF tracking THEN
		FOR lc IN SELECT * FROM (VALUES ('responses', 'responded_on', 'daily_summaries'), ('interactions', 'opened_on', 'daily_interactions'))
									AS c(tbl, col, daily) LOOP
			IF NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = format('%I.%I', s, lc.tbl)::regclass
						   AND tgname = 'cx_dirty_days_insert') THEN
				EXECUTE format($$
					CREATE TRIGGER cx_dirty_days_insert AFTER INSERT ON %1$I.%2$I
						REFERENCING NEW TABLE AS cx_new FOR EACH STATEMENT
						EXECUTE FUNCTION %3$I.cx_journey_mark_dirty(%4$L, %5$L);
					CREATE TRIGGER cx_dirty_days_update AFTER UPDATE ON %1$I.%2$I
						REFERENCING OLD TABLE AS cx_old NEW TABLE AS cx_new FOR EACH STATEMENT
						EXECUTE FUNCTION %3$I.cx_journey_mark_dirty(%4$L, %5$L);
					CREATE TRIGGER cx_dirty_days_delete AFTER DELETE ON %1$I.%2$I
						REFERENCING OLD TABLE AS cx_old FOR EACH STATEMENT
						EXECUTE FUNCTION %3$I.cx_journey_mark_dirty(%4$L, %5$L);
					CREATE TRIGGER cx_dirty_days_truncate AFTER TRUNCATE ON %1$I.%2$I
						FOR EACH STATEMENT
						EXECUTE FUNCTION %3$I.cx_journey_mark_dirty(%4$L, %5$L)$$,
					s, lc.tbl, e, lc.col, lc.daily);
			END IF;
		END LOOP;
	END IF;

	-- 0.3.0 -> 0.4.0, goals: the metrics of percentiles, the Kaplan-Meier
	-- median and SLA shares, and the SLA limit they need.  The constraints
	-- are those of cx_journey_create (goals_metric_check: the revenue
	-- metrics too, below).
	IF NOT EXISTS (SELECT FROM pg_attribute
				   WHERE attrelid = format('%I.goals', s)::regclass AND attname = 'sla' AND NOT attisdropped) THEN
		EXECUTE format($$
			ALTER TABLE %1$I.goals
				DROP CONSTRAINT goals_metric_check,
				ADD CONSTRAINT goals_metric_check %2$s,
				ADD COLUMN sla interval,
				ADD CONSTRAINT goals_sla_for_sla_metrics
					CHECK ((sla IS NOT NULL) = (metric IN ('first_response_sla', 'resolution_sla'))),
				ADD CONSTRAINT goals_sla_positive CHECK (sla > interval '0')$$, s, goals_metric_check);
	END IF;

	-- 0.3.0 (or a 0.4.0 development journey) -> 0.4.0, revenue: the
	-- monthly amount of each subscription, 0 for the rows stored (set the
	-- amounts with UPDATE), and the revenue goal metrics, for everything
	-- only, like churn_rate.  ADD COLUMN with a constant default rewrites
	-- nothing; the CHECK reads the rows once.  The goals' constraints are
	-- judged on their own, by what they say, not by the column.
	IF NOT EXISTS (SELECT FROM pg_attribute
				   WHERE attrelid = format('%I.subscriptions', s)::regclass AND attname = 'mrr' AND NOT attisdropped) THEN
		EXECUTE format($$
			ALTER TABLE %1$I.subscriptions
				ADD COLUMN mrr numeric NOT NULL DEFAULT 0
					CONSTRAINT subscriptions_mrr_valid CHECK (mrr >= 0 AND mrr < 'Infinity' AND mrr = round(mrr, 4))$$, s);
	END IF;
	IF NOT EXISTS (SELECT FROM pg_constraint
				   WHERE conrelid = format('%I.goals', s)::regclass AND conname = 'goals_churn_rate_for_everything'
					 AND pg_get_constraintdef(oid) LIKE '%churned_mrr%') THEN
		EXECUTE format($$
			ALTER TABLE %1$I.goals
				DROP CONSTRAINT goals_metric_check,
				ADD CONSTRAINT goals_metric_check %2$s,
				DROP CONSTRAINT goals_churn_rate_for_everything,
				ADD CONSTRAINT goals_churn_rate_for_everything
					CHECK (metric NOT IN ('churn_rate', 'mrr', 'nrr', 'grr', 'churned_mrr')
						OR (stage IS NULL AND touchpoint_id IS NULL))$$, s, goals_metric_check);
	END IF;

	-- 0.3.0 -> 0.4.0, daily_interactions: arrays of hours become duration
	-- summaries.  The arrays cannot say how old an open case was, so the
	-- days the table had are recomputed from interactions, as
	-- cx_journey_refresh would (daily_summaries is left as it is).  The
	-- table is altered, not replaced, so that its privileges, policies and
	-- triggers stay.
	IF EXISTS (SELECT FROM pg_attribute
			   WHERE attrelid = format('%I.daily_interactions', s)::regclass
				 AND attname = 'first_response_hours' AND NOT attisdropped) THEN
		EXECUTE format('LOCK TABLE %I.daily_interactions IN ACCESS EXCLUSIVE MODE', s);
		EXECUTE format('SELECT array_agg(DISTINCT day ORDER BY day) FROM %I.daily_interactions', s) INTO days;
		-- Rows whose interactions changed since their last refresh (or
		-- whose day falls otherwise in the journey's time zone, the
		-- session's above) are said.
		EXECUTE format($$
			SELECT count(*)
			FROM %1$I.daily_interactions d
			     FULL JOIN (SELECT y.opened_on AS day, y.touchpoint_id, count(*) AS n
			                FROM %1$I.interactions y
			                WHERE y.opened_on = ANY ($1)
			                GROUP BY 1, 2) AS i USING (day, touchpoint_id)
			WHERE d.interactions IS DISTINCT FROM i.n$$, s)
			INTO differing USING days;
		IF differing > 0 THEN
			RAISE WARNING '% rows of %.daily_interactions do not count the interactions that table holds now for their day and touchpoint', differing, quote_ident(s)
				USING DETAIL = 'They are rebuilt from the interactions table as it is now: interactions changed since the last refresh, or the session time zone differs from the one of the refreshes.',
					HINT = 'Call cx_journey_upgrade in the time zone the refreshes used (SET TimeZone).';
		END IF;
		EXECUTE format('DELETE FROM %I.daily_interactions', s);
		EXECUTE format($$
			ALTER TABLE %1$I.daily_interactions
				DROP CONSTRAINT daily_interactions_one_time_each,
				DROP COLUMN first_response_hours,
				DROP COLUMN resolution_hours,
				ADD COLUMN first_response %2$I.duration_summary NOT NULL,
				ADD COLUMN resolution %2$I.duration_summary NOT NULL,
				ADD CONSTRAINT daily_interactions_one_case_each CHECK (
					%2$I.cases(first_response) = interactions AND %2$I.cases(resolution) = interactions)$$, s, e);
		-- the INSERT of cx_journey_refresh, for the days the table had
		EXECUTE format($$
			INSERT INTO %1$I.daily_interactions (day, touchpoint_id, interactions, first_response, resolution)
			SELECT y.opened_on, y.touchpoint_id, count(*),
			       %2$I.duration_agg(coalesce(y.first_response_at, y.resolved_at, greatest(now(), y.opened_at)) - y.opened_at,
			                         y.first_response_at IS NULL),
			       %2$I.duration_agg(coalesce(y.resolved_at, greatest(now(), y.opened_at)) - y.opened_at,
			                         y.resolved_at IS NULL)
			FROM %1$I.interactions y
			WHERE y.opened_on = ANY ($1)
			GROUP BY 1, 2$$, s, e)
			USING days;
		GET DIAGNOSTICS written = ROW_COUNT;
	END IF;

	-- Scorecards: three groupings, each from the raw rows and from the
	-- daily tables, generated from one template.  Every branch feeds one
	-- stream of rows (responses, then interactions) into one GROUP BY, so
	-- that filters on month, stage or touchpoint_id push down into both
	-- tables.  The raw stream carries customer_id, which nothing reads:
	-- on a journey distributed by cx_journey_distribute, Citus pushes a
	-- UNION ALL down to the shards only when each of its branches selects
	-- the distribution column at the same place; without it, it pulls
	-- every row of both tables to the coordinator, and with it the
	-- workers aggregate (worker_partial_agg).  On one node the planner
	-- drops the unread column.  csat_agg(score, k) over a group with rows
	-- but no CSAT score gives an empty summary (n = 0), never NULL;
	-- rollup() of no summaries gives NULL, hence the coalesce() on the
	-- counts.
	--
	-- Times: every interaction is one case of each of two duration
	-- summaries, first response and resolution.  A case not resolved yet
	-- is open, its age censored at now() (the transaction's start: the
	-- raw views at the reading, daily_interactions at the refresh), or at
	-- its opening for a case opened after now(); a case with no first
	-- response is open too, censored at its resolution if it has one (it
	-- will never get a first response) or else at now().  The raw views
	-- and cx_journey_refresh() use the same expressions, so the two paths
	-- give the same summaries byte for byte when nothing changed since the
	-- refresh and the refresh and the reading share a transaction (the
	-- open cases' ages grow with the clock).  The summaries are NULL for a
	-- group without interactions in both paths: the FILTER keeps the
	-- response rows away from duration_agg (which would make an empty
	-- summary of them, and work for nothing), and the outer CASE says so
	-- for the daily path, whose rollup of no summaries is NULL anyway.
	FOREACH src IN ARRAY ARRAY['raw', 'daily'] LOOP
		IF src = 'raw' THEN
			u := format($$
				SELECT x.customer_id, date_trunc('month', x.responded_on::timestamp)::date AS month, x.touchpoint_id,
				       CASE WHEN x.metric = 'nps' THEN x.score END AS nps_score,
				       CASE WHEN x.metric = 'csat' THEN x.score END AS csat_score,
				       CASE WHEN x.metric = 'ces' THEN x.score END AS ces_score,
				       0 AS interactions,
				       NULL::interval AS first_response_d, false AS first_response_open,
				       NULL::interval AS resolution_d, false AS resolution_open
				FROM %1$I.responses x
				UNION ALL
				SELECT y.customer_id, date_trunc('month', y.opened_on::timestamp)::date, y.touchpoint_id,
				       NULL::smallint, NULL::smallint, NULL::smallint, 1,
				       coalesce(y.first_response_at, y.resolved_at, greatest(now(), y.opened_at)) - y.opened_at,
				       y.first_response_at IS NULL,
				       coalesce(y.resolved_at, greatest(now(), y.opened_at)) - y.opened_at,
				       y.resolved_at IS NULL
				FROM %1$I.interactions y$$, s);
			aggs := format($$
				%1$I.nps_agg(u.nps_score) AS nps_s,
				%1$I.csat_agg(u.csat_score, %2$L::integer) AS csat_s,
				%1$I.ces_agg(u.ces_score, %3$L::integer, %4$L::boolean) AS ces_s,
				%1$I.duration_agg(u.first_response_d, u.first_response_open) FILTER (WHERE u.interactions = 1) AS first_response_s,
				%1$I.duration_agg(u.resolution_d, u.resolution_open) FILTER (WHERE u.interactions = 1) AS resolution_s,
				0::int4 AS stale_days$$,
				e, csat_scale_max, ces_scale_max, ces_lower_is_better);
		ELSE
			u := format($$
				SELECT date_trunc('month', d.day::timestamp)::date AS month, d.touchpoint_id,
				       d.nps AS nps_s, d.csat AS csat_s, d.ces AS ces_s,
				       0 AS interactions,
				       NULL::%2$I.duration_summary AS first_response_s, NULL::%2$I.duration_summary AS resolution_s,
				       NULL::date AS dirty_day
				FROM %1$I.daily_summaries d
				UNION ALL
				SELECT date_trunc('month', di.day::timestamp)::date, di.touchpoint_id,
				       NULL::%2$I.nps_summary, NULL::%2$I.csat_summary, NULL::%2$I.ces_summary,
				       di.interactions, di.first_response, di.resolution, NULL::date
				FROM %1$I.daily_interactions di%3$s$$, s, e,
				CASE WHEN tracking THEN format($$
				UNION ALL
				SELECT date_trunc('month', dd.day::timestamp)::date, dd.touchpoint_id,
				       NULL::%2$I.nps_summary, NULL::%2$I.csat_summary, NULL::%2$I.ces_summary,
				       0, NULL::%2$I.duration_summary, NULL::%2$I.duration_summary, dd.day
				FROM %1$I.dirty_days dd$$, s, e) ELSE '' END);
			aggs := format($$
				%1$I.rollup(u.nps_s) AS nps_s,
				%1$I.rollup(u.csat_s) AS csat_s,
				%1$I.rollup(u.ces_s) AS ces_s,
				%1$I.rollup(u.first_response_s) AS first_response_s,
				%1$I.rollup(u.resolution_s) AS resolution_s,
				%2$s AS stale_days$$, e,
				CASE WHEN tracking THEN 'count(DISTINCT u.dirty_day)::int4' ELSE 'NULL::int4' END);
		END IF;
		FOREACH grp IN ARRAY ARRAY['touchpoint', 'stage', 'overall'] LOOP
			IF grp = 'touchpoint' THEN
				keys_select := 't.stage, t.touchpoint_id, t.name AS touchpoint,';
				keys_group := ', t.stage, t.touchpoint_id, t.name';
				keys_out := 'a.stage, a.touchpoint_id, a.touchpoint,';
			ELSIF grp = 'stage' THEN
				keys_select := 't.stage,';
				keys_group := ', t.stage';
				keys_out := 'a.stage,';
			ELSE
				keys_select := '';
				keys_group := '';
				keys_out := '';
			END IF;
			view_name := grp || '_scorecard' || CASE WHEN src = 'daily' THEN '_from_daily' ELSE '' END;
			view_sql := format($$
				CREATE VIEW %1$I.%2$I WITH (security_invoker = true) AS
				SELECT a.month, %3$s
				       coalesce(%4$I.responses(a.nps_s), 0) AS nps_n,
				       %4$I.nps(a.nps_s) AS nps,
				       %4$I.nps_lower(a.nps_s) AS nps_lower,
				       %4$I.nps_upper(a.nps_s) AS nps_upper,
				       coalesce(%4$I.promoters(a.nps_s), 0) AS promoters,
				       coalesce(%4$I.passives(a.nps_s), 0) AS passives,
				       coalesce(%4$I.detractors(a.nps_s), 0) AS detractors,
				       coalesce(%4$I.responses(a.csat_s), 0) AS csat_n,
				       %4$I.csat(a.csat_s) AS csat,
				       %4$I.csat_lower(a.csat_s) AS csat_lower,
				       %4$I.csat_upper(a.csat_s) AS csat_upper,
				       coalesce(%4$I.satisfied(a.csat_s), 0) AS csat_satisfied,
				       coalesce(%4$I.responses(a.ces_s), 0) AS ces_n,
				       %4$I.ces(a.ces_s) AS ces,
				       %4$I.mean_lower(a.ces_s) AS ces_lower,
				       %4$I.mean_upper(a.ces_s) AS ces_upper,
				       coalesce(%4$I.easy(a.ces_s), 0) AS ces_easy,
				       coalesce(%4$I.difficult(a.ces_s), 0) AS ces_difficult,
				       a.interactions,
				       (extract(epoch FROM %4$I.percentile(a.first_response_s, 0.5)) / 3600)::float8 AS first_response_p50_h,
				       (extract(epoch FROM %4$I.percentile(a.first_response_s, 0.9)) / 3600)::float8 AS first_response_p90_h,
				       (extract(epoch FROM %4$I.percentile(a.resolution_s, 0.5)) / 3600)::float8 AS resolution_p50_h,
				       (extract(epoch FROM %4$I.percentile(a.resolution_s, 0.9)) / 3600)::float8 AS resolution_p90_h,
				       coalesce(%4$I.open_cases(a.resolution_s), 0) AS resolution_open,
				       (extract(epoch FROM %4$I.km_percentile(a.resolution_s, 0.5)) / 3600)::float8 AS resolution_km_median_h,
				       CASE WHEN %4$I.responses(a.nps_s) > 0 THEN a.nps_s END AS nps_summary,
				       CASE WHEN %4$I.responses(a.csat_s) > 0 THEN a.csat_s END AS csat_summary,
				       CASE WHEN %4$I.responses(a.ces_s) > 0 THEN a.ces_s END AS ces_summary,
				       CASE WHEN a.interactions > 0 THEN a.first_response_s END AS first_response,
				       CASE WHEN a.interactions > 0 THEN a.resolution_s END AS resolution,
				       a.stale_days
				FROM (SELECT u.month, %5$s %6$s,
				             coalesce(sum(u.interactions), 0)::int8 AS interactions
				      FROM (%7$s) AS u
				      JOIN %8$I.touchpoints t ON t.touchpoint_id = u.touchpoint_id
				      GROUP BY u.month %9$s) AS a$$,
				s, view_name, keys_out, e, keys_select, aggs, u, s, keys_group);
			EXECUTE view_sql;
			EXECUTE format('COMMENT ON VIEW %I.%I IS %L', s, view_name,
				format('scorecard per month%s, from %s: responses, NPS, CSAT %% and mean CES with 95%% intervals and the counts that make them (promoters, passives, detractors, satisfied, easy, difficult: sum them to re-aggregate, never average the rates), interactions, median and 90th-percentile first-response and resolution times in hours (nearest rank, within 1%%), open cases and the Kaplan-Meier median resolution time counting them, the three survey summaries and the two duration summaries (rollup() them for any group of rows); months and days of the journey''s time zone (journey_settings, cx_journey_set_time_zone); %s',
					CASE grp WHEN 'touchpoint' THEN ' and touchpoint' WHEN 'stage' THEN ' and journey stage' ELSE '' END,
					CASE src WHEN 'raw' THEN 'the raw responses and interactions (row-level security on them applies)'
						ELSE 'daily_summaries and daily_interactions (refresh them with cx_journey_refresh)' END,
					CASE src WHEN 'raw' THEN 'open cases are censored at their age at the reading (now())'
						ELSE 'open cases are censored at their age at the last refresh of their day: refresh the days that still have open cases, and equal to the raw view (open cases included) when refreshed and read in one transaction; stale_days says how many days of the row''s month changed since their last refresh (daily_freshness lists them)' END));
			FOR col IN SELECT * FROM (VALUES
				('month', 'first day of the month'),
				('stage', 'the journey stage'),
				('touchpoint_id', 'the touchpoint'),
				('touchpoint', 'the touchpoint''s name'),
				('nps_n', 'NPS responses (scores given)'),
				('nps', 'Net Promoter Score, -100..100'),
				('nps_lower', 'NPS, lower bound of the 95% adjusted-Wald interval'),
				('nps_upper', 'NPS, upper bound of the 95% adjusted-Wald interval'),
				('csat_n', 'CSAT responses (scores given)'),
				('csat', 'CSAT %: share of satisfied responses (the top two points of the scale; the top one on scales up to 3), 0..100'),
				('csat_lower', 'CSAT %, lower bound of the 95% Wilson interval'),
				('csat_upper', 'CSAT %, upper bound of the 95% Wilson interval'),
				('ces_n', 'CES responses (scores given)'),
				('ces', 'mean CES score'),
				('ces_lower', 'mean CES, lower bound of the 95% normal interval'),
				('ces_upper', 'mean CES, upper bound of the 95% normal interval'),
				('promoters', 'NPS responses of 9 or 10 (promoters); nps = 100 * (promoters - detractors) / nps_n: sum the three counts over rows to re-aggregate, never average nps'),
				('passives', 'NPS responses of 7 or 8 (passives); promoters + passives + detractors = nps_n'),
				('detractors', 'NPS responses of 0 to 6 (detractors)'),
				('csat_satisfied', 'CSAT responses counted as satisfied (the top two points of the scale; the top one on scales up to 3); csat = 100 * csat_satisfied / csat_n, and csat_n - csat_satisfied are not satisfied'),
				('ces_easy', 'CES responses on the easy side of the midpoint of the scale (5-7 of 1..7; 1-2 of a lower-is-easier 1..5): easy() of the summary'),
				('ces_difficult', 'CES responses on the difficult side of the midpoint of the scale (1-3 of 1..7; 4-5 of a lower-is-easier 1..5): difficult() of the summary; the mean ces re-aggregates from ces_summary (rollup), not from these counts'),
				('nps_summary', 'the NPS responses as an nps_summary (NULL without NPS responses): rollup() it over rows for an exact NPS, interval or nps_test of any group of months, touchpoints or stages'),
				('csat_summary', 'the CSAT responses as a csat_summary (NULL without CSAT responses): rollup() it over rows, read it with csat(), mean(), csat_test()'),
				('ces_summary', 'the CES responses as a ces_summary (NULL without CES responses): rollup() it over rows, read it with ces(), easy_share(), net_effort(), mean_test()'),
				('interactions', 'service interactions opened in the month'),
				('first_response_p50_h', 'median hours from opening to first response, of the interactions that had one: percentile(first_response, 0.5), the nearest-rank median within 1%'),
				('first_response_p90_h', '90th percentile of the hours from opening to first response, of the interactions that had one: nearest rank, within 1%'),
				('resolution_p50_h', 'median hours from opening to resolution, of the interactions resolved: percentile(resolution, 0.5), the nearest-rank median within 1%'),
				('resolution_p90_h', '90th percentile of the hours from opening to resolution, of the interactions resolved: nearest rank, within 1%'),
				('resolution_open', 'interactions opened in the month and not resolved (open cases): at the reading for the raw view, at the last refresh of their day for the _from_daily view'),
				('resolution_km_median_h', 'Kaplan-Meier median hours from opening to resolution, counting the open cases as censored at their age: km_percentile(resolution, 0.5); NULL while the share resolved never reaches a half'),
				('first_response', 'the first-response times of the interactions, a duration_summary (1% relative error; NULL without interactions): read it with percentile(), share_within(), survival(), km_percentile(); a case without a first response is open, censored at its resolution or else at its age'),
				('resolution', 'the resolution times of the interactions, a duration_summary (1% relative error; NULL without interactions): read it with percentile(), share_within(), survival(), km_percentile(); a case not resolved is open, censored at its age')) AS c(name, comment)
				WHERE (c.name <> 'stage' OR grp <> 'overall') AND (c.name NOT IN ('touchpoint_id', 'touchpoint') OR grp = 'touchpoint')
			LOOP
				EXECUTE format('COMMENT ON COLUMN %I.%I.%I IS %L', s, view_name, col.name, col.comment);
			END LOOP;
			EXECUTE format('COMMENT ON COLUMN %I.%I.stale_days IS %L', s, view_name,
				CASE WHEN src = 'raw' THEN 'always 0: the raw view reads the rows as they are (the column of the _from_daily view, here too so that both views have the same columns and compare row for row)'
					WHEN tracking THEN 'days of the month whose responses or interactions (of the row''s touchpoints) changed since their last refresh, by the statements dirty_days recorded: 0 when the row is fresh (open cases still age: see the view''s comment); a row whose daily rows do not exist yet shows with its counts 0 and stale_days > 0'
					ELSE 'NULL: dirty-day tracking is not available on a distributed journey (cx_journey_distribute drops its triggers); refresh by dates' END);
		END LOOP;
	END LOOP;

	-- Month-over-month changes per touchpoint, with their tests: a
	-- companion view of each touchpoint scorecard, not columns of it, so
	-- that a filter on month or touchpoint keeps pushing down into the
	-- scorecards (a window in them would stop it).  One row per month,
	-- touchpoint and metric with responses in the month or the one
	-- before; the previous month is the calendar month before (lag() over
	-- the touchpoint's rows, kept only when it is that month).  The family
	-- of a q-value is the month: every test of every touchpoint and metric
	-- in it (README, "Many tests at once").  p_adjust() gets the family's
	-- p-values in the window's order, and each row takes its own place in
	-- the result: a WHERE on the view does not change the q-values, which
	-- are of the whole family.
	FOREACH src IN ARRAY ARRAY['raw', 'daily'] LOOP
		view_name := 'touchpoint_changes' || CASE WHEN src = 'daily' THEN '_from_daily' ELSE '' END;
		EXECUTE format($$
			CREATE VIEW %1$I.%2$I WITH (security_invoker = true) AS
			SELECT c.month, c.stage, c.touchpoint_id, c.touchpoint, c.metric,
			       c.previous_n, c.current_n, c.previous, c.current, c.current - c.previous AS change,
			       c.p_value,
			       (%4$I.p_adjust(array_agg(c.p_value) OVER w, 'benjamini_hochberg'))[row_number() OVER w] AS q_value
			FROM (SELECT l.month, l.stage, l.touchpoint_id, l.touchpoint, m.ord, m.metric,
			             coalesce(m.previous_n, 0) AS previous_n, coalesce(m.current_n, 0) AS current_n,
			             m.previous, m.current, m.p_value
			      FROM (SELECT sc.month, sc.stage, sc.touchpoint_id, sc.touchpoint,
			                   sc.nps_summary, sc.csat_summary, sc.ces_summary,
			                   lag(sc.month) OVER tp = (sc.month - interval '1 month')::date AS adjacent,
			                   lag(sc.nps_summary) OVER tp AS nps_before,
			                   lag(sc.csat_summary) OVER tp AS csat_before,
			                   lag(sc.ces_summary) OVER tp AS ces_before
			            FROM %1$I.%3$I sc
			            WINDOW tp AS (PARTITION BY sc.touchpoint_id ORDER BY sc.month)) AS l
			           CROSS JOIN LATERAL (SELECT CASE WHEN l.adjacent THEN l.nps_before END AS nps_a,
			                                      CASE WHEN l.adjacent THEN l.csat_before END AS csat_a,
			                                      CASE WHEN l.adjacent THEN l.ces_before END AS ces_a) AS b
			           CROSS JOIN LATERAL (VALUES
			               (1, 'nps', %4$I.responses(b.nps_a), %4$I.responses(l.nps_summary),
			                %4$I.nps(b.nps_a), %4$I.nps(l.nps_summary), (%4$I.nps_test(b.nps_a, l.nps_summary)).p_value),
			               (2, 'csat', %4$I.responses(b.csat_a), %4$I.responses(l.csat_summary),
			                %4$I.csat(b.csat_a), %4$I.csat(l.csat_summary), (%4$I.csat_test(b.csat_a, l.csat_summary)).p_value),
			               (3, 'ces', %4$I.responses(b.ces_a), %4$I.responses(l.ces_summary),
			                %4$I.ces(b.ces_a), %4$I.ces(l.ces_summary), (%4$I.mean_test(b.ces_a, l.ces_summary)).p_value))
			               AS m(ord, metric, previous_n, current_n, previous, current, p_value)
			      WHERE m.previous_n > 0 OR m.current_n > 0) AS c
			WINDOW w AS (PARTITION BY c.month ORDER BY c.touchpoint_id, c.ord
			             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)$$,
			s, view_name, 'touchpoint_scorecard' || CASE WHEN src = 'daily' THEN '_from_daily' ELSE '' END, e);
		EXECUTE format('COMMENT ON VIEW %I.%I IS %L', s, view_name,
			format('month-over-month change of NPS, CSAT %% and mean CES per touchpoint, from %s: one row per month, touchpoint and metric with responses in the month or the month before, the two values, the change, the two-sided p-value of its test (nps_test, csat_test, mean_test) and its Benjamini-Hochberg q-value (p_adjust) in the family of all the tests of the month, every touchpoint and metric; flag changes by q_value < 0.05 to keep the expected share of false discoveries among the flagged under 5%%',
				CASE src WHEN 'raw' THEN 'touchpoint_scorecard' ELSE 'touchpoint_scorecard_from_daily' END));
		FOR col IN SELECT * FROM (VALUES
			('month', 'first day of the month'),
			('stage', 'the touchpoint''s journey stage'),
			('touchpoint_id', 'the touchpoint'),
			('touchpoint', 'the touchpoint''s name'),
			('metric', 'nps, csat or ces'),
			('previous_n', 'responses of the metric in the month before (0 when none)'),
			('current_n', 'responses of the metric in the month (0 when none)'),
			('previous', 'the metric in the month before: NPS -100..100, CSAT % or mean CES; NULL without responses'),
			('current', 'the metric in the month; NULL without responses'),
			('change', 'current - previous'),
			('p_value', 'two-sided p-value of the change: nps_test, csat_test or mean_test of the two months'' summaries as independent samples; NULL when a month has no responses or the test is undefined (no variance)'),
			('q_value', 'the p-value adjusted by Benjamini-Hochberg (false discovery rate) over its family: every p-value of the same month in this view, all touchpoints and metrics; NULL where p_value is')) AS c(name, comment)
		LOOP
			EXECUTE format('COMMENT ON COLUMN %I.%I.%I IS %L', s, view_name, col.name, col.comment);
		END LOOP;
	END LOOP;

	-- Relationship NPS: one vote per customer and month, their latest NPS
	-- score in the month at any touchpoint (the latest response_id breaks a
	-- tie), against the transactional NPS of the scorecards, which counts
	-- every response.  From the raw responses only: the daily summaries
	-- do not know the customers.
	EXECUTE format($$
		CREATE VIEW %1$I.relationship_nps WITH (security_invoker = true) AS
		SELECT a.month, %2$I.responses(a.s) AS responses,
		       %2$I.promoters(a.s) AS promoters, %2$I.passives(a.s) AS passives, %2$I.detractors(a.s) AS detractors,
		       %2$I.nps(a.s) AS nps, %2$I.nps_lower(a.s) AS nps_lower, %2$I.nps_upper(a.s) AS nps_upper,
		       a.s AS nps_summary
		FROM (SELECT v.month, %2$I.nps_agg(v.score) AS s
		      FROM (SELECT DISTINCT ON (x.customer_id, date_trunc('month', x.responded_on::timestamp))
		                   x.customer_id, date_trunc('month', x.responded_on::timestamp)::date AS month, x.score
		            FROM %1$I.responses x
		            WHERE x.metric = 'nps' AND x.score IS NOT NULL
		            ORDER BY x.customer_id, date_trunc('month', x.responded_on::timestamp), x.responded_at DESC, x.response_id DESC) AS v
		      GROUP BY v.month) AS a$$, s, e);
	EXECUTE format('COMMENT ON VIEW %I.relationship_nps IS %L', s,
		'relationship NPS per month: one vote per customer, their latest NPS score in the month at any touchpoint (ties: the latest response_id), so a customer who answered often counts once, unlike the transactional NPS of the scorecards, which counts every response; months of the journey''s time zone; row-level security on responses applies');
	FOR col IN SELECT * FROM (VALUES
		('month', 'first day of the month'),
		('responses', 'customers who gave an NPS score in the month (one vote each)'),
		('promoters', 'customers whose latest score in the month was 9 or 10'),
		('passives', 'customers whose latest score in the month was 7 or 8'),
		('detractors', 'customers whose latest score in the month was 0 to 6'),
		('nps', 'relationship NPS, -100..100: 100 * (promoters - detractors) / responses'),
		('nps_lower', 'relationship NPS, lower bound of the 95% adjusted-Wald interval'),
		('nps_upper', 'relationship NPS, upper bound of the 95% adjusted-Wald interval'),
		('nps_summary', 'the month''s votes as an nps_summary; a rollup() of months counts a customer once per month, not once per quarter: for a quarter''s relationship NPS take the latest vote in the quarter')) AS c(name, comment)
	LOOP
		EXECUTE format('COMMENT ON COLUMN %I.relationship_nps.%I IS %L', s, col.name, col.comment);
	END LOOP;

	-- The dirty days, per day and touchpoint, as a BI tool or a monitor
	-- reads them: empty when every _from_daily view is fresh.
	EXECUTE format($$
		CREATE VIEW %1$I.daily_freshness WITH (security_invoker = true) AS
		SELECT d.day, d.touchpoint_id, t.name AS touchpoint, t.stage,
		       count(*) AS statements, min(d.changed_at) AS first_changed_at, max(d.changed_at) AS last_changed_at
		FROM %1$I.dirty_days d LEFT JOIN %1$I.touchpoints t ON t.touchpoint_id = d.touchpoint_id
		GROUP BY d.day, d.touchpoint_id, t.name, t.stage$$, s);
	EXECUTE format('COMMENT ON VIEW %I.daily_freshness IS %L', s,
		CASE WHEN tracking THEN 'the days whose daily_summaries or daily_interactions rows are stale: per local day and touchpoint, the statements that changed responses or interactions since the last refresh of the day (from dirty_days); empty when every *_from_daily view is fresh (but for the ages of open cases, which grow with the clock); cx_journey_refresh(schema) without days refreshes exactly these days'
			ELSE 'empty on a distributed journey: dirty-day tracking is not available there (cx_journey_distribute drops its triggers); refresh by dates' END);
	FOR col IN SELECT * FROM (VALUES
		('day', 'the local day (journey_settings.time_zone) of the rows changed'),
		('touchpoint_id', 'the touchpoint of the rows changed'),
		('touchpoint', 'its name'),
		('stage', 'its journey stage'),
		('statements', 'statements that changed rows of this day and touchpoint since the last refresh of the day (an update counts for the day and touchpoint before and after)'),
		('first_changed_at', 'start of the transaction of the first of those statements'),
		('last_changed_at', 'start of the transaction of the last of those statements')) AS c(name, comment)
	LOOP
		EXECUTE format('COMMENT ON COLUMN %I.daily_freshness.%I IS %L', s, col.name, col.comment);
	END LOOP;

	-- Revenue: one revenue_agg over the customers' MRR timelines (mrr_agg
	-- of their subscriptions) gives every month at once.  The grid is of
	-- dates, monthly from the month of the earliest subscription start
	-- (of the finite ones: a start at -infinity is paying at the first
	-- boundary; mrr_agg refuses dates before year 1) to the current
	-- month, whose row ends on the first of the next: the end is
	-- the only thing today, in the journey's time zone, decides.  No
	-- subscriptions, or none with a finite start before next month: no
	-- rows (revenue_agg of no timelines is NULL, and so no periods).  The
	-- summary is of the same grid in both views, with cohorts in one.  The
	-- grid is a join, not a LATERAL reference: Citus plans the grid's
	-- aggregate on its own, and then the customers' timelines and
	-- revenue_agg on the shards (worker_partial_agg), which it cannot for
	-- an aggregate without GROUP BY in a LATERAL subquery.
	FOREACH view_name IN ARRAY ARRAY['revenue_scorecard', 'revenue_cohorts'] LOOP
		view_sql := format($$
			CREATE VIEW %1$I.%2$I WITH (security_invoker = true) AS
			SELECT %3$s
			FROM (SELECT %4$I.revenue_agg(c.mrr, o.origin, interval '1 month', o.until%5$s) AS s
			      FROM (SELECT sb.customer_id, %4$I.mrr_agg(sb.active, sb.mrr) AS mrr
			            FROM %1$I.subscriptions sb GROUP BY sb.customer_id) AS c
			           CROSS JOIN (SELECT date_trunc('month', min(lower(sb.active)) FILTER (WHERE isfinite(lower(sb.active)))::timestamp)::date AS origin,
			                              (date_trunc('month', %7$s::timestamp) + interval '1 month')::date AS until
			                       FROM %1$I.subscriptions sb) AS o
			      WHERE o.origin < o.until) AS r
			     CROSS JOIN LATERAL %4$I.%6$I(r.s) AS p$$,
			s, view_name,
			CASE view_name WHEN 'revenue_scorecard' THEN
				'p.period_start AS month, p.mrr_at_start, p.new_mrr, p.expansion_mrr, p.reactivation_mrr,
			       p.contraction_mrr, p.churned_mrr, p.mrr_at_end, p.net_new_mrr,
			       p.customers_at_start, p.new_customers, p.expansion_customers, p.reactivation_customers,
			       p.contraction_customers, p.churned_customers, p.customers_at_end,
			       p.nrr, p.grr, p.quick_ratio, p.arpa'
			ELSE
				'p.cohort, p.period_offset, p.cohort_size, p.cohort_mrr, p.customers, p.mrr,
			       p.net_mrr_retention, p.customer_retention'
			END,
			e,
			CASE view_name WHEN 'revenue_cohorts' THEN ', 12' ELSE '' END,
			CASE view_name WHEN 'revenue_scorecard' THEN 'revenue_periods' ELSE 'revenue_cohort_retention' END,
			today);
		EXECUTE view_sql;
	END LOOP;
	EXECUTE format('COMMENT ON VIEW %I.revenue_scorecard IS %L', s,
		'revenue per month from subscriptions and their mrr, in one pass (revenue_periods of revenue_agg over the customers'' mrr_agg timelines): MRR at the start of the month, new, expansion, reactivation, contraction and churned MRR, MRR at the end, net new MRR (start + new + expansion + reactivation - contraction - churned = end, exactly), paying customers per movement, NRR, GRR, quick ratio, ARPA; a customer''s MRR at a month boundary is the smaller of their MRR on the first of the month and on the day before; one row per month from the month of the earliest subscription start to the current month; the grid is of dates, and only its end, the current month, comes from today in the journey''s time zone (journey_settings); row-level security on subscriptions applies');
	EXECUTE format('COMMENT ON VIEW %I.revenue_cohorts IS %L', s,
		'revenue cohorts from subscriptions (revenue_cohort_retention of the monthly summary of revenue_scorecard, max_offset 12): per cohort (the customers whose MRR first became positive in a month) and offset 0..12 months, the cohort''s size and MRR at the end of its first month, and at the end of month cohort + offset its paying customers, MRR, net MRR retention and customer retention; months as in revenue_scorecard (a grid of dates, ending with the current month of the journey''s time zone); row-level security on subscriptions applies');
	FOR col IN SELECT * FROM (VALUES
		('revenue_scorecard', 'month', 'first day of the month'),
		('revenue_scorecard', 'mrr_at_start', 'MRR at the start of the month: the sum over customers of their MRR carried across the first of the month (the smaller of their MRR that day and the day before)'),
		('revenue_scorecard', 'new_mrr', 'MRR at the end of the month of the customers who were not paying at its start and had never paid before'),
		('revenue_scorecard', 'expansion_mrr', 'MRR gained from customers paying at both ends of the month who pay more at the end'),
		('revenue_scorecard', 'reactivation_mrr', 'MRR at the end of the month of the customers who were not paying at its start but had paid before'),
		('revenue_scorecard', 'contraction_mrr', 'MRR lost by customers paying at both ends of the month who pay less at the end'),
		('revenue_scorecard', 'churned_mrr', 'MRR at the start of the month of the customers paying then and not at its end'),
		('revenue_scorecard', 'mrr_at_end', 'MRR at the end of the month (the start of the next): mrr_at_start + new + expansion + reactivation - contraction - churned, exactly'),
		('revenue_scorecard', 'net_new_mrr', 'mrr_at_end - mrr_at_start'),
		('revenue_scorecard', 'customers_at_start', 'customers paying (MRR above 0) at the start of the month'),
		('revenue_scorecard', 'new_customers', 'customers counted in new_mrr'),
		('revenue_scorecard', 'expansion_customers', 'customers counted in expansion_mrr'),
		('revenue_scorecard', 'reactivation_customers', 'customers counted in reactivation_mrr'),
		('revenue_scorecard', 'contraction_customers', 'customers counted in contraction_mrr'),
		('revenue_scorecard', 'churned_customers', 'customers counted in churned_mrr'),
		('revenue_scorecard', 'customers_at_end', 'customers paying at the end of the month'),
		('revenue_scorecard', 'nrr', 'net revenue retention, a ratio (1.02 is 102%): (mrr_at_start + expansion - contraction - churned) / mrr_at_start; NULL when mrr_at_start is 0'),
		('revenue_scorecard', 'grr', 'gross revenue retention, a ratio: (mrr_at_start - contraction - churned) / mrr_at_start; NULL when mrr_at_start is 0'),
		('revenue_scorecard', 'quick_ratio', '(new + expansion + reactivation) / (contraction + churned); NULL when nothing was lost'),
		('revenue_scorecard', 'arpa', 'average revenue per account: mrr_at_end / customers_at_end (4 decimals); NULL without paying customers'),
		('revenue_cohorts', 'cohort', 'first day of the month in which the cohort''s customers first paid (their MRR first became positive)'),
		('revenue_cohorts', 'period_offset', 'months after the cohort''s month: 0 is its end, k the end of the month cohort + k'),
		('revenue_cohorts', 'cohort_size', 'customers who first paid in the cohort''s month, those no longer paying at its end included'),
		('revenue_cohorts', 'cohort_mrr', 'the cohort''s MRR at the end of its month (offset 0): the month''s new MRR'),
		('revenue_cohorts', 'customers', 'the cohort''s customers paying at the end of month cohort + period_offset'),
		('revenue_cohorts', 'mrr', 'the cohort''s MRR at the end of month cohort + period_offset'),
		('revenue_cohorts', 'net_mrr_retention', 'mrr / cohort_mrr, a ratio; NULL when cohort_mrr is 0'),
		('revenue_cohorts', 'customer_retention', 'customers / cohort_size, a ratio; NULL for an empty cohort')) AS c(view_name, name, comment)
	LOOP
		EXECUTE format('COMMENT ON COLUMN %I.%I.%I IS %L', s, col.view_name, col.name, col.comment);
	END LOOP;

	-- Goal progress.  Each metric has its own branch; the branches of the
	-- other metrics are skipped by a one-time filter on g.metric.  Each
	-- branch aggregates the raw rows of the goal g in a subquery r, in one
	-- of two forms that the same text makes (the arguments %7$s to
	-- %11$s):
	--
	-- - on one node, r is correlated with g: it reads the goal's columns,
	--   and runs for each goal of its metric only;
	-- - on a journey that cx_journey_distribute distributed, Citus cannot
	--   plan a subquery correlated with g (a LATERAL one), so r joins the
	--   goals itself, g again (hiding the outer g), for every goal of the
	--   branch's metrics, grouped by goal_id, and the outer g is joined to
	--   it by LEFT JOIN on goal_id.  Citus then runs r on the workers, a
	--   join of a distributed table with reference tables, aggregating
	--   there (worker_partial_agg), and the rest over the reference tables.
	--   A goal without rows gets NULL from the LEFT JOIN, as an aggregate of
	--   no rows is, but for nps_agg (an empty summary) and the counts (0):
	--   hence the coalesce() of the NPS responses and of the counts.  The
	--   means of hours and the revenue tests (avg() and stddev_samp() of
	--   numeric, whose state is internal) are computed on the coordinator
	--   from one row per interaction and one per customer.
	--
	-- One form for both would do, but on one node the uncorrelated one is
	-- estimated at 2.5 times the cost (the periods of the goals are join
	-- clauses then, not constants), which crosses jit_optimize_above_cost
	-- on a few hundred thousand rows, and JIT compiling then costs more
	-- than the query (measured: 6.1 s against 2.9 s on 300,000 responses
	-- and interactions; 2.4 s with jit = off).  The conditions on g.metric
	-- inside r cost nothing in the correlated form (one-time filters).
	EXECUTE format($$
		CREATE VIEW %1$I.goal_progress WITH (security_invoker = true) AS
		SELECT g.goal_id, g.name, g.metric,
		       CASE WHEN g.touchpoint_id IS NOT NULL THEN 'touchpoint ' || tp.name
		            WHEN g.stage IS NOT NULL THEN 'stage ' || g.stage
		            ELSE 'everything' END AS scope,
		       v.baseline, v.current, v.current - v.baseline AS change,
		       tv.target_value,
		       CASE WHEN hb.higher_is_better THEN v.current >= tv.target_value
		            ELSE v.current <= tv.target_value END AS met,
		       v.p_value,
		       (%2$I.p_adjust(array_agg(v.p_value) OVER w, 'benjamini_hochberg'))[row_number() OVER w] AS q_value,
		       v.baseline_n, v.current_n, g.due_date,
		       CASE WHEN v.current IS NULL OR tv.target_value IS NULL THEN NULL
		            WHEN hb.higher_is_better AND v.current >= tv.target_value THEN true
		            WHEN NOT hb.higher_is_better AND v.current <= tv.target_value THEN true
		            WHEN %12$s >= g.due_date THEN false
		            WHEN hb.higher_is_better THEN v.current >= ex.expected
		            ELSE v.current <= ex.expected END AS on_track
		FROM %1$I.goals g
		LEFT JOIN %1$I.touchpoints tp ON tp.touchpoint_id = g.touchpoint_id
		CROSS JOIN LATERAL (SELECT CASE WHEN g.metric IN ('nps', 'csat', 'first_response_sla', 'resolution_sla',
		                                                  'mrr', 'nrr', 'grr') THEN true
		                                WHEN g.metric = 'ces' THEN %5$L::boolean
		                                ELSE false END AS higher_is_better) AS hb
		LEFT JOIN LATERAL (
			SELECT %2$I.nps(r.a) AS baseline, %2$I.nps(r.b) AS current,
			       (%2$I.nps_test(r.a, r.b)).p_value AS p_value,
			       coalesce(%2$I.responses(r.a), 0) AS baseline_n, coalesce(%2$I.responses(r.b), 0) AS current_n
			%7$s%2$I.nps_agg(x.score) FILTER (WHERE x.responded_on >= lower(g.baseline_period)
			                                             AND x.responded_on < upper(g.baseline_period)) AS a,
			             %2$I.nps_agg(x.score) FILTER (WHERE x.responded_on >= lower(g.target_period)
			                                             AND x.responded_on < upper(g.target_period)) AS b
			      FROM %8$s%1$I.responses x JOIN %1$I.touchpoints t ON t.touchpoint_id = x.touchpoint_id
			      WHERE g.metric = 'nps' AND x.metric = 'nps'
			        AND (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR x.touchpoint_id = g.touchpoint_id)
			        AND ((x.responded_on >= lower(g.baseline_period) AND x.responded_on < upper(g.baseline_period))
			          OR (x.responded_on >= lower(g.target_period) AND x.responded_on < upper(g.target_period)))%9$s
			WHERE g.metric = 'nps'
			UNION ALL
			SELECT %2$I.csat(r.a), %2$I.csat(r.b), (%2$I.csat_test(r.a, r.b)).p_value,
			       coalesce(%2$I.responses(r.a), 0), coalesce(%2$I.responses(r.b), 0)
			%7$s%2$I.csat_agg(x.score, %3$L::integer) FILTER (WHERE x.responded_on >= lower(g.baseline_period)
			                                                   AND x.responded_on < upper(g.baseline_period)) AS a,
			             %2$I.csat_agg(x.score, %3$L::integer) FILTER (WHERE x.responded_on >= lower(g.target_period)
			                                                   AND x.responded_on < upper(g.target_period)) AS b
			      FROM %8$s%1$I.responses x JOIN %1$I.touchpoints t ON t.touchpoint_id = x.touchpoint_id
			      WHERE g.metric = 'csat' AND x.metric = 'csat'
			        AND (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR x.touchpoint_id = g.touchpoint_id)
			        AND ((x.responded_on >= lower(g.baseline_period) AND x.responded_on < upper(g.baseline_period))
			          OR (x.responded_on >= lower(g.target_period) AND x.responded_on < upper(g.target_period)))%9$s
			WHERE g.metric = 'csat'
			UNION ALL
			SELECT %2$I.ces(r.a), %2$I.ces(r.b), (%2$I.mean_test(r.a, r.b)).p_value,
			       coalesce(%2$I.responses(r.a), 0), coalesce(%2$I.responses(r.b), 0)
			%7$s%2$I.ces_agg(x.score, %4$L::integer, %6$L::boolean) FILTER (WHERE x.responded_on >= lower(g.baseline_period)
			                                                           AND x.responded_on < upper(g.baseline_period)) AS a,
			             %2$I.ces_agg(x.score, %4$L::integer, %6$L::boolean) FILTER (WHERE x.responded_on >= lower(g.target_period)
			                                                           AND x.responded_on < upper(g.target_period)) AS b
			      FROM %8$s%1$I.responses x JOIN %1$I.touchpoints t ON t.touchpoint_id = x.touchpoint_id
			      WHERE g.metric = 'ces' AND x.metric = 'ces'
			        AND (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR x.touchpoint_id = g.touchpoint_id)
			        AND ((x.responded_on >= lower(g.baseline_period) AND x.responded_on < upper(g.baseline_period))
			          OR (x.responded_on >= lower(g.target_period) AND x.responded_on < upper(g.target_period)))%9$s
			WHERE g.metric = 'ces'
			UNION ALL
			SELECT ca.churn_rate, cb.churn_rate,
			       CASE WHEN ca.customers_at_start > 0 AND cb.customers_at_start > 0 THEN
			           (%2$I.proportion_test(ca.churned, ca.customers_at_start, cb.churned, cb.customers_at_start)).p_value END,
			       coalesce(ca.customers_at_start, 0), coalesce(cb.customers_at_start, 0)
			%7$s%2$I.churn_agg(c.activity, lower(g.baseline_period),
			                            (upper(g.baseline_period) - lower(g.baseline_period)) * interval '1 day', 1) AS a,
			             %2$I.churn_agg(c.activity, lower(g.target_period),
			                            (upper(g.target_period) - lower(g.target_period)) * interval '1 day', 1) AS b
			      FROM %8$s(SELECT sb.customer_id, range_agg(sb.active) AS activity
			            FROM %1$I.subscriptions sb GROUP BY sb.customer_id) AS c
			      WHERE g.metric = 'churn_rate'%9$s
			     LEFT JOIN LATERAL %2$I.churn_periods(r.a) AS ca ON true
			     LEFT JOIN LATERAL %2$I.churn_periods(r.b) AS cb ON true
			WHERE g.metric = 'churn_rate'
			UNION ALL
			SELECT r.mean_a, r.mean_b,
			       CASE WHEN r.n_a >= 2 AND r.n_b >= 2 THEN
			           (%2$I.mean_test(r.mean_a, r.sd_a, r.n_a, r.mean_b, r.sd_b, r.n_b)).p_value END,
			       coalesce(r.n_a, 0), coalesce(r.n_b, 0)
			%7$s(avg(h.hours) FILTER (WHERE y.opened_on >= lower(g.baseline_period) AND y.opened_on < upper(g.baseline_period)))::float8 AS mean_a,
			             (stddev_samp(h.hours) FILTER (WHERE y.opened_on >= lower(g.baseline_period) AND y.opened_on < upper(g.baseline_period)))::float8 AS sd_a,
			             count(h.hours) FILTER (WHERE y.opened_on >= lower(g.baseline_period) AND y.opened_on < upper(g.baseline_period)) AS n_a,
			             (avg(h.hours) FILTER (WHERE y.opened_on >= lower(g.target_period) AND y.opened_on < upper(g.target_period)))::float8 AS mean_b,
			             (stddev_samp(h.hours) FILTER (WHERE y.opened_on >= lower(g.target_period) AND y.opened_on < upper(g.target_period)))::float8 AS sd_b,
			             count(h.hours) FILTER (WHERE y.opened_on >= lower(g.target_period) AND y.opened_on < upper(g.target_period)) AS n_b
			      FROM %8$s%1$I.interactions y JOIN %1$I.touchpoints t ON t.touchpoint_id = y.touchpoint_id
			           -- numeric, so that the mean does not depend on the
			           -- order the rows are read in (float sums do)
			           CROSS JOIN LATERAL (SELECT extract(epoch FROM CASE WHEN g.metric = 'first_response_time'
			                                                         THEN y.first_response_at ELSE y.resolved_at END
			                                                - y.opened_at) / 3600 AS hours) AS h
			      WHERE g.metric IN ('first_response_time', 'resolution_time')
			        AND (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR y.touchpoint_id = g.touchpoint_id)
			        AND ((y.opened_on >= lower(g.baseline_period) AND y.opened_on < upper(g.baseline_period))
			          OR (y.opened_on >= lower(g.target_period) AND y.opened_on < upper(g.target_period)))%9$s
			WHERE g.metric IN ('first_response_time', 'resolution_time')
			UNION ALL
			-- Percentiles, the Kaplan-Meier median and SLA shares, from
			-- duration summaries of the raw interactions, open cases counted
			-- as censored at now() exactly as in the scorecards; p-values:
			-- the log-rank test, or for SLA shares the two-proportion test of
			-- the cases whose outcome at the limit is known (completed, or
			-- open for longer than the limit), counted exactly.
			SELECT m.baseline, m.current,
			       CASE WHEN g.metric IN ('first_response_sla', 'resolution_sla') THEN
			                CASE WHEN r.known_a > 0 AND r.known_b > 0 THEN
			                    (%2$I.proportion_test(r.within_a, r.known_a, r.within_b, r.known_b)).p_value END
			            ELSE (%2$I.duration_test(r.a, r.b)).logrank_p_value END,
			       m.baseline_n, m.current_n
			%7$s%2$I.duration_agg(h.d, h.open) FILTER (WHERE y.opened_on >= lower(g.baseline_period) AND y.opened_on < upper(g.baseline_period)) AS a,
			             %2$I.duration_agg(h.d, h.open) FILTER (WHERE y.opened_on >= lower(g.target_period) AND y.opened_on < upper(g.target_period)) AS b,
			             count(*) FILTER (WHERE y.opened_on >= lower(g.baseline_period) AND y.opened_on < upper(g.baseline_period)
			                                AND (NOT h.open OR h.d > g.sla)) AS known_a,
			             count(*) FILTER (WHERE y.opened_on >= lower(g.baseline_period) AND y.opened_on < upper(g.baseline_period)
			                                AND NOT h.open AND h.d <= g.sla) AS within_a,
			             count(*) FILTER (WHERE y.opened_on >= lower(g.target_period) AND y.opened_on < upper(g.target_period)
			                                AND (NOT h.open OR h.d > g.sla)) AS known_b,
			             count(*) FILTER (WHERE y.opened_on >= lower(g.target_period) AND y.opened_on < upper(g.target_period)
			                                AND NOT h.open AND h.d <= g.sla) AS within_b
			      FROM %8$s%1$I.interactions y JOIN %1$I.touchpoints t ON t.touchpoint_id = y.touchpoint_id
			           CROSS JOIN LATERAL (SELECT CASE WHEN g.metric IN ('first_response_p50', 'first_response_p90', 'first_response_sla')
			                                          THEN coalesce(y.first_response_at, y.resolved_at, greatest(now(), y.opened_at))
			                                          ELSE coalesce(y.resolved_at, greatest(now(), y.opened_at)) END
			                                      - y.opened_at AS d,
			                                      CASE WHEN g.metric IN ('first_response_p50', 'first_response_p90', 'first_response_sla')
			                                          THEN y.first_response_at IS NULL
			                                          ELSE y.resolved_at IS NULL END AS open) AS h
			      WHERE g.metric IN ('first_response_p50', 'first_response_p90', 'resolution_p50', 'resolution_p90',
			                           'resolution_km_median', 'first_response_sla', 'resolution_sla')
			        AND (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR y.touchpoint_id = g.touchpoint_id)
			        AND ((y.opened_on >= lower(g.baseline_period) AND y.opened_on < upper(g.baseline_period))
			          OR (y.opened_on >= lower(g.target_period) AND y.opened_on < upper(g.target_period)))%9$s
			     CROSS JOIN LATERAL (SELECT CASE WHEN g.metric IN ('first_response_p50', 'resolution_p50')
			                                    THEN (extract(epoch FROM %2$I.percentile(r.a, 0.5)) / 3600)::float8
			                                WHEN g.metric IN ('first_response_p90', 'resolution_p90')
			                                    THEN (extract(epoch FROM %2$I.percentile(r.a, 0.9)) / 3600)::float8
			                                WHEN g.metric = 'resolution_km_median'
			                                    THEN (extract(epoch FROM %2$I.km_percentile(r.a, 0.5)) / 3600)::float8
			                                ELSE 100 * %2$I.share_within(r.a, g.sla) END AS baseline,
			                                CASE WHEN g.metric IN ('first_response_p50', 'resolution_p50')
			                                    THEN (extract(epoch FROM %2$I.percentile(r.b, 0.5)) / 3600)::float8
			                                WHEN g.metric IN ('first_response_p90', 'resolution_p90')
			                                    THEN (extract(epoch FROM %2$I.percentile(r.b, 0.9)) / 3600)::float8
			                                WHEN g.metric = 'resolution_km_median'
			                                    THEN (extract(epoch FROM %2$I.km_percentile(r.b, 0.5)) / 3600)::float8
			                                ELSE 100 * %2$I.share_within(r.b, g.sla) END AS current,
			                                CASE WHEN g.metric IN ('first_response_sla', 'resolution_sla') THEN coalesce(r.known_a, 0)
			                                WHEN g.metric = 'resolution_km_median' THEN coalesce(%2$I.cases(r.a), 0)
			                                ELSE coalesce(%2$I.completed(r.a), 0) END AS baseline_n,
			                                CASE WHEN g.metric IN ('first_response_sla', 'resolution_sla') THEN coalesce(r.known_b, 0)
			                                WHEN g.metric = 'resolution_km_median' THEN coalesce(%2$I.cases(r.b), 0)
			                                ELSE coalesce(%2$I.completed(r.b), 0) END AS current_n) AS m
			WHERE g.metric IN ('first_response_p50', 'first_response_p90', 'resolution_p50', 'resolution_p90',
			                   'resolution_km_median', 'first_response_sla', 'resolution_sla')
			UNION ALL
			-- Revenue, for everything.  Per customer and period [lo, hi): a =
			-- the MRR carried across lo, b = across hi (mrr_at: the boundary
			-- rule of revenue_agg), from one pass over subscriptions; the
			-- sums are numeric, exact and independent of the order of the
			-- rows.  mrr: sum of b, n = customers paying at hi.  nrr, grr:
			-- 100 * sum(y) / sum(x) over the customers paying at lo (x = a; y
			-- = b, or least(a, b) for grr), n = those customers, and for the
			-- test the standard deviation of the ratio estimator's
			-- linearisation, sd^2 = sum((y - R x)^2) / ((n - 1) xbar^2) (so
			-- sd^2 / n is its variance), written with the sums alone:
			-- n^2 [(sum x)^2 sum y^2 - 2 sum x sum y sum xy + (sum y)^2 sum x^2]
			-- / ((n - 1) (sum x)^4).  churned_mrr: sum of a over the
			-- customers paying at lo and not at hi; its test compares the
			-- mean churned amount per customer paying at lo (a if b = 0, else
			-- 0).  No customer paying at lo: nrr, grr, churned_mrr are NULL.
			SELECT max(q.value) FILTER (WHERE q.k = 0), max(q.value) FILTER (WHERE q.k = 1),
			       CASE WHEN g.metric <> 'mrr' AND min(q.n) FILTER (WHERE q.k = 0) >= 2
			                 AND min(q.n) FILTER (WHERE q.k = 1) >= 2 THEN
			           (%2$I.mean_test(max(q.test_mean) FILTER (WHERE q.k = 0), max(q.test_sd) FILTER (WHERE q.k = 0),
			                           min(q.n) FILTER (WHERE q.k = 0),
			                           max(q.test_mean) FILTER (WHERE q.k = 1), max(q.test_sd) FILTER (WHERE q.k = 1),
			                           min(q.n) FILTER (WHERE q.k = 1))).p_value END,
			       coalesce(min(q.shown_n) FILTER (WHERE q.k = 0), 0), coalesce(min(q.shown_n) FILTER (WHERE q.k = 1), 0)
			FROM (SELECT st.k,
			             CASE WHEN g.metric = 'mrr' THEN st.mrr_end::float8
			                  WHEN st.n = 0 THEN NULL
			                  WHEN g.metric = 'churned_mrr' THEN st.churned::float8
			                  ELSE (100 * st.sy / st.sx)::float8 END AS value,
			             CASE WHEN g.metric = 'churned_mrr' THEN st.churned_mean::float8
			                  ELSE (100 * st.sy / st.sx)::float8 END AS test_mean,
			             CASE WHEN g.metric = 'churned_mrr' THEN st.churned_sd::float8
			                  WHEN st.n >= 2 THEN 100 * sqrt((st.n * st.n
			                      * (st.sx * st.sx * st.syy - 2 * st.sx * st.sy * st.sxy + st.sy * st.sy * st.sxx)
			                      / ((st.n - 1) * st.sx * st.sx * st.sx * st.sx))::float8) END AS test_sd,
			             st.n,
			             CASE WHEN g.metric = 'mrr' THEN st.paying_end ELSE st.n END AS shown_n
			      FROM (SELECT %10$spr.k, sum(ab.b) AS mrr_end, count(*) FILTER (WHERE ab.b > 0) AS paying_end,
			                   count(*) FILTER (WHERE ab.a > 0) AS n,
			                   sum(ab.a) FILTER (WHERE ab.a > 0) AS sx, sum(y.y) FILTER (WHERE ab.a > 0) AS sy,
			                   sum(ab.a * ab.a) FILTER (WHERE ab.a > 0) AS sxx, sum(y.y * y.y) FILTER (WHERE ab.a > 0) AS syy,
			                   sum(ab.a * y.y) FILTER (WHERE ab.a > 0) AS sxy,
			                   coalesce(sum(ab.a) FILTER (WHERE ab.a > 0 AND ab.b = 0), 0) AS churned,
			                   avg(CASE WHEN ab.b = 0 THEN ab.a ELSE 0 END) FILTER (WHERE ab.a > 0) AS churned_mean,
			                   stddev_samp(CASE WHEN ab.b = 0 THEN ab.a ELSE 0 END) FILTER (WHERE ab.a > 0) AS churned_sd
			            FROM %8$s(SELECT sb.customer_id, %2$I.mrr_agg(sb.active, sb.mrr) AS mrr
			                  FROM %1$I.subscriptions sb GROUP BY sb.customer_id) AS c
			                 CROSS JOIN (VALUES (0), (1)) AS pr(k)
			                 CROSS JOIN LATERAL (SELECT CASE pr.k WHEN 0 THEN g.baseline_period ELSE g.target_period END AS period) AS pp
			                 CROSS JOIN LATERAL (SELECT %2$I.mrr_at(c.mrr, lower(pp.period)) AS a,
			                                            %2$I.mrr_at(c.mrr, upper(pp.period)) AS b) AS ab
			                 CROSS JOIN LATERAL (SELECT CASE WHEN g.metric = 'grr' THEN least(ab.a, ab.b) ELSE ab.b END AS y) AS y
			            WHERE g.metric IN ('mrr', 'nrr', 'grr', 'churned_mrr')
			            GROUP BY %10$spr.k) AS st%11$s) AS q
			-- HAVING, not WHERE: without GROUP BY the aggregates give a row
			-- even for no input.  The planner copies the condition to WHERE
			-- too, so the other goals skip the scan.
			HAVING g.metric IN ('mrr', 'nrr', 'grr', 'churned_mrr')
		) AS v ON true
		CROSS JOIN LATERAL (SELECT CASE g.target_kind
		                               WHEN 'value' THEN g.target::float8
		                               WHEN 'change' THEN v.baseline + g.target::float8
		                               ELSE v.baseline * (1 + g.target::float8 / 100) END AS target_value) AS tv
		CROSS JOIN LATERAL (SELECT v.baseline + (tv.target_value - v.baseline)
		                               * least(greatest((%12$s - lower(g.target_period))::float8
		                                                / (g.due_date - lower(g.target_period)), 0), 1) AS expected) AS ex
		-- the family of q_value: every goal in the view (README, "Many
		-- tests at once")
		WINDOW w AS (ORDER BY g.goal_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
		$$, s, e, csat_scale_max, ces_scale_max, ces_higher_is_better, ces_lower_is_better,
		CASE WHEN distributed THEN 'FROM (SELECT g.goal_id) AS one LEFT JOIN (SELECT g.goal_id, ' ELSE 'FROM (SELECT ' END,
		CASE WHEN distributed THEN format('%I.goals g CROSS JOIN ', s) ELSE '' END,
		CASE WHEN distributed THEN ' GROUP BY g.goal_id) AS r ON r.goal_id = one.goal_id' ELSE ') AS r' END,
		CASE WHEN distributed THEN 'g.goal_id, ' ELSE '' END,
		CASE WHEN distributed THEN ' WHERE st.goal_id = g.goal_id' ELSE '' END,
		today);

	FOREACH g IN ARRAY coalesce(grants, '{}') LOOP
		EXECUTE g;
	END LOOP;

	-- Comments of the tables and the view whose meaning 0.4.0 changed.
	EXECUTE format('COMMENT ON TABLE %I.journey_settings IS %L', s,
		'the journey''s settings, one row: time_zone, the zone of its days and months (the local-date columns responded_on and opened_on, the daily tables, every view, today in goal_progress and the revenue views); change it with cx_journey_set_time_zone, which rebuilds what depends on it');
	EXECUTE format('COMMENT ON COLUMN %I.journey_settings.time_zone IS %L', s,
		'a time zone name of pg_timezone_names; cx_journey_set_time_zone changes it (an UPDATE alone would leave the local dates in the old zone until the next cx_journey_upgrade)');
	-- made here, not in cx_journey_create, so that an upgraded journey
	-- gets the text of this version
	EXECUTE format('COMMENT ON TABLE %I.responses IS %L', s,
		'survey responses: one score of one metric (nps, csat, ces) at one touchpoint; a NULL score is a question not answered; weight is the response''s survey weight (NULL: none), read by nps_weighted_agg, csat_weighted_agg and ces_weighted_agg (the scorecard views count each response once)');
	EXECUTE format('COMMENT ON TABLE %I.goals IS %L', s,
		'SMART goals: a metric, a scope (everything, a stage or a touchpoint), a baseline period, a target period, a target (a value, a change in points, or a change in percent of the baseline), a due date, and for the *_sla metrics the limit sla; see goal_progress');
	EXECUTE format('COMMENT ON COLUMN %I.goals.sla IS %L', s,
		'the time limit of an SLA goal (first_response_sla, resolution_sla: the share of cases done within it); NULL for every other metric');
	EXECUTE format('COMMENT ON TABLE %I.subscriptions IS %L', s,
		'customer subscriptions: the days each was active, [start, end) with no end while still active, and its monthly recurring amount mrr; churn counts every subscription, the revenue views and goals their amounts');
	EXECUTE format('COMMENT ON COLUMN %I.subscriptions.mrr IS %L', s,
		'the monthly recurring revenue of the subscription in the journey''s one currency, exact to 4 decimals, at least 0: a discount is entered as the net amount, 0 for a free plan or a trial (rows of a 0.3.0 journey got 0 from cx_journey_upgrade: set the amounts with UPDATE)');
	EXECUTE format('COMMENT ON TABLE %I.daily_interactions IS %L', s,
		'per day and touchpoint, the interactions opened that day and their first-response and resolution times as duration summaries (1% relative error; a case without a first response or resolution is open, censored at its age at the refresh), filled by cx_journey_refresh; they roll up exactly; refresh the days that still have open cases');
	EXECUTE format('COMMENT ON VIEW %I.goal_progress IS %L', s,
		'progress of each goal: baseline = the metric over baseline_period, current = over target_period (so far), change = current - baseline, target_value = the value to reach (target itself, baseline + target, or baseline * (1 + target / 100)), met = current at or beyond target_value in the direction that is better for the metric (higher for NPS, CSAT, SLA shares, MRR, NRR, GRR and CES on a higher-is-easier scale; lower for churn rate, churned MRR, times and lower-is-easier CES), p_value = two-sided p-value of the change (nps_test, csat_test, mean_test on the CES summaries, proportion_test on churned / customers at start, mean_test on the mean, standard deviation and count of hours for first_response_time and resolution_time, the log-rank test of duration_test for the *_p50, *_p90 and resolution_km_median goals, proportion_test of the cases done within sla among those whose outcome is known for *_sla goals, for nrr and grr the z-test of the two ratios with the ratio estimator''s linearisation standard error, for churned_mrr mean_test of the churned amount per customer paying at the start; none for mrr, a total, not an estimate; the two periods of a revenue goal share customers, and the tests treat them as independent samples, which is conservative when they are positively correlated), q_value = p_value adjusted by Benjamini-Hochberg (p_adjust, the false discovery rate) over the family of every goal in the view that has a p-value, on_track = met, or, before due_date, current at least as good as baseline + (target_value - baseline) * the elapsed share of the time from the start of target_period to due_date; times are in hours (*_time: mean of completed cases; *_p50, *_p90: nearest-rank percentiles of completed cases within 1%; resolution_km_median: the Kaplan-Meier median, open cases censored at their age now), SLA shares in percent 0..100 of the cases whose outcome at sla is known; baseline_n and current_n count responses, customers at start, completed cases (times and percentiles), all cases (KM median), known cases (SLA), customers paying at the end (mrr) or at the start (nrr, grr, churned_mrr); churn_rate is the share of the customers at the start of a period who churned in it (0..1); revenue goals are for everything and read subscriptions: per customer a = mrr_at(timeline, start of the period), b = mrr_at(timeline, its end), mrr = the sum of b (MRR at the end of the period), nrr = 100 * sum of b / sum of a and grr = 100 * sum of least(a, b) / sum of a over the customers paying at the start (percent), churned_mrr = the sum of a of those paying at the start and not at the end; a period not over yet counts the subscriptions as booked to its end');
	EXECUTE format('COMMENT ON COLUMN %I.goal_progress.q_value IS %L', s,
		'p_value adjusted by Benjamini-Hochberg (the false discovery rate) over the family of every goal in the view with a p-value, whatever a WHERE on the view keeps; NULL where p_value is; Holm''s adjustment of the same family: p_adjust(array_agg(p_value ORDER BY goal_id), ''holm'')');
	RETURN written;
END
$function$;
COMMENT ON FUNCTION cx_journey_upgrade(pg_catalog.text, pg_catalog.bool) IS
	'brings a journey schema made by an older cx_journey_create to this version in place, keeping every row stored: 0.3.0 to 0.4.0 adds goals.sla, subscriptions.mrr (0 on the rows stored: set the amounts with UPDATE) and the new goal metrics, turns daily_interactions into duration summaries recomputed from interactions for the days it had, and makes the scorecard views, the revenue views and goal_progress again (their grants kept); returns the number of daily_interactions rows rebuilt; on a current journey it only makes the views again; only on tables owned by the caller or a role the caller is a member of, unless trust_owner is true';

-- Distributing a journey over a Citus cluster: a function of its own, not
-- part of cx_journey_create, so that the single-node schema stays as it is
-- (response_id, interaction_id and subscription_id unique alone) and a
-- journey can be distributed once it holds data.  Citus needs the
-- distribution column in every unique key of a distributed table, refuses
-- to distribute a table that making another one a reference table has
-- already turned into a Citus local table (through its foreign key), and
-- then refuses an identity column on it: so every foreign key between the
-- journey's tables is dropped first and made again, with its name and
-- definition, once every table has its place.
CREATE FUNCTION cx_journey_distribute(schema_name pg_catalog.text, shard_count pg_catalog.int4 DEFAULT NULL,
	trust_owner pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.void
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it runs DDL and moves rows; not STRICT:
	-- a NULL schema name is an error (a NULL shard_count is Citus's default)
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	s text := schema_name;
	e text;
	nsp oid;
	tables text[] := ARRAY['journey_stages', 'touchpoints', 'metric_scales', 'goals',
		'daily_summaries', 'daily_interactions', 'responses', 'interactions', 'subscriptions',
		'journey_settings', 'dirty_days'];
	reference_tables text[] := ARRAY['journey_stages', 'touchpoints', 'metric_scales', 'goals',
		'daily_summaries', 'daily_interactions', 'journey_settings', 'dirty_days'];
	-- distributed by customer_id, with the key column each primary key
	-- gets after customer_id
	distributed_tables text[] := ARRAY['responses', 'interactions', 'subscriptions'];
	id_columns text[] := ARRAY['response_id', 'interaction_id', 'subscription_id'];
	t text;
	i integer;
	in_citus text;
	fk record;
	fks text[] := '{}';
	mode text;
BEGIN
	IF schema_name IS NULL OR trust_owner IS NULL THEN
		RAISE EXCEPTION 'cx_journey_distribute arguments must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF shard_count IS NOT NULL AND shard_count < 1 THEN
		RAISE EXCEPTION 'shard count % is not valid', shard_count
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = 'shard_count is a positive number of shards, or NULL for citus.shard_count.';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
		RAISE EXCEPTION 'cx_journey_distribute needs the citus extension'
			USING ERRCODE = 'object_not_in_prerequisite_state',
				DETAIL = 'The citus extension is not installed in this database.',
				HINT = 'CREATE EXTENSION citus on the coordinator (with citus in shared_preload_libraries of every node), add the workers, then call cx_journey_distribute again.';
	END IF;
	-- The error of cx_journey_refresh, and the tables of cx_journey_upgrade.
	SELECT oid INTO nsp FROM pg_namespace WHERE nspname = s;
	IF nsp IS NULL OR EXISTS (SELECT FROM unnest(tables) AS r(t)
							  WHERE r.t NOT IN ('journey_settings', 'dirty_days')
								AND to_regclass(format('%I.%I', s, r.t)) IS NULL) THEN
		RAISE EXCEPTION 'schema "%" holds no journey', s
			USING ERRCODE = 'invalid_parameter_value',
				HINT = 'Create one with cx_journey_create().';
	END IF;
	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';
	IF NOT trust_owner THEN
		EXECUTE format('SELECT %I.cx_journey_check_owner($1, $2, $3)', e)
			USING s, tables, 'distribute';
	END IF;
	-- A journey of 0.3.0 is upgraded first: the upgrade rebuilds
	-- daily_interactions.
	IF NOT EXISTS (SELECT FROM pg_attribute
				   WHERE attrelid = format('%I.subscriptions', s)::regclass AND attname = 'mrr' AND NOT attisdropped)
		OR NOT EXISTS (SELECT FROM pg_attribute
					   WHERE attrelid = format('%I.daily_interactions', s)::regclass AND attname = 'resolution' AND NOT attisdropped)
		OR to_regclass(format('%I.%I', s, 'dirty_days')) IS NULL THEN
		RAISE EXCEPTION 'journey "%" was made by an older cx_journey_create', s
			USING ERRCODE = 'object_not_in_prerequisite_state',
				HINT = format('Upgrade it first: SELECT cx_journey_upgrade(%L).', s);
	END IF;
	-- pg_dist_partition is read by its text name: it exists only with citus.
	EXECUTE format($$SELECT string_agg(quote_ident(c.relname), ', ' ORDER BY c.relname)
	                 FROM pg_class c
	                 WHERE c.relnamespace = $1 AND c.relname = ANY ($2)
	                   AND EXISTS (SELECT FROM pg_dist_partition p WHERE p.logicalrelid = c.oid)$$)
		INTO in_citus USING nsp, tables;
	IF in_citus IS NOT NULL THEN
		RAISE EXCEPTION 'journey "%" is already distributed', s
			USING ERRCODE = 'object_not_in_prerequisite_state',
				DETAIL = format('Tables %s are Citus tables already.', in_citus),
				HINT = 'Call cx_journey_distribute once, on a journey made by cx_journey_create.';
	END IF;

	-- Citus runs the DDL of one transaction over the connections that
	-- copied the rows: one per worker.
	mode := current_setting('citus.multi_shard_modify_mode');
	PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);

	-- Dirty-day tracking is not available on a distributed journey: Citus
	-- runs no trigger with transition tables on a distributed table (and
	-- triggers there only with citus.enable_unsafe_triggers).  The days
	-- dirty now are refreshed (which empties dirty_days), then the
	-- triggers go; dirty_days stays, a reference table, empty; the
	-- _from_daily views say stale_days NULL; refresh by days.
	IF EXISTS (SELECT FROM pg_trigger WHERE tgrelid = format('%I.responses', s)::regclass
			   AND tgname = 'cx_dirty_days_insert') THEN
		EXECUTE format('SELECT %I.cx_journey_refresh_days($1, NULL, NULL, true)', e) USING s;
	END IF;
	FOREACH t IN ARRAY ARRAY['responses', 'interactions'] LOOP
		EXECUTE format($$DROP TRIGGER IF EXISTS cx_dirty_days_insert ON %1$I.%2$I;
		                 DROP TRIGGER IF EXISTS cx_dirty_days_update ON %1$I.%2$I;
		                 DROP TRIGGER IF EXISTS cx_dirty_days_delete ON %1$I.%2$I;
		                 DROP TRIGGER IF EXISTS cx_dirty_days_truncate ON %1$I.%2$I$$, s, t);
	END LOOP;

	-- The foreign keys between the journey's tables, dropped and kept.
	FOR fk IN
		SELECT c.conname, r.relname, pg_get_constraintdef(c.oid) AS def
		FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
		WHERE c.contype = 'f' AND r.relnamespace = nsp AND r.relname = ANY (tables)
		  AND c.confrelid IN (SELECT oid FROM pg_class WHERE relnamespace = nsp AND relname = ANY (tables))
		ORDER BY r.relname, c.conname
	LOOP
		EXECUTE format('ALTER TABLE %I.%I DROP CONSTRAINT %I', s, fk.relname, fk.conname);
		fks := fks || format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', s, fk.relname, fk.conname, fk.def);
	END LOOP;

	-- Citus enforces a unique key only with the distribution column in it:
	-- the ids are unique per customer now (on one node, alone).  The
	-- bigint identity columns stay: Citus takes them on a table it
	-- distributes (not on one it converted to a local Citus table).
	FOR i IN 1 .. array_length(distributed_tables, 1) LOOP
		t := distributed_tables[i];
		EXECUTE format('ALTER TABLE %1$I.%2$I DROP CONSTRAINT %3$I, ADD CONSTRAINT %3$I PRIMARY KEY (customer_id, %4$I)',
			s, t, t || '_pkey', id_columns[i]);
		IF i = 1 THEN
			EXECUTE format('SELECT create_distributed_table($1, %L, shard_count => $2)', 'customer_id')
				USING format('%I.%I', s, t)::regclass, shard_count;
		ELSE
			EXECUTE format('SELECT create_distributed_table($1, %L, colocate_with => $2)', 'customer_id')
				USING format('%I.%I', s, t)::regclass, format('%I.%I', s, distributed_tables[1]);
		END IF;
	END LOOP;
	FOREACH t IN ARRAY reference_tables LOOP
		EXECUTE 'SELECT create_reference_table($1)' USING format('%I.%I', s, t)::regclass;
	END LOOP;
	FOREACH t IN ARRAY fks LOOP
		EXECUTE t;
	END LOOP;
	-- goal_progress in its Citus form (the other views are the same on
	-- one node and distributed); their grants are kept.
	EXECUTE format('SELECT %I.cx_journey_upgrade($1, true)', e) USING s;

	PERFORM set_config('citus.multi_shard_modify_mode', mode, true);
END
$function$;
COMMENT ON FUNCTION cx_journey_distribute(pg_catalog.text, pg_catalog.int4, pg_catalog.bool) IS
	'converts a journey schema made by cx_journey_create, with its rows, into a Citus one (run on the coordinator, with the citus extension): responses, interactions and subscriptions distributed by customer_id and co-located (shard_count shards, or citus.shard_count), their primary keys becoming (customer_id, id), so ids are unique per customer only; journey_stages, touchpoints, metric_scales, goals, daily_summaries, daily_interactions, journey_settings and dirty_days reference tables; every constraint kept; the dirty-day triggers dropped (not available distributed: refresh by days; stale_days is NULL); only on tables owned by the caller or a role the caller is a member of, unless trust_owner is true';

/* journey_calendar.sql: a journey's time zone and its dirty days:
 * cx_journey_set_time_zone(), the refresh of the days changed since their
 * last refresh, and the trigger function that records them.  The tables,
 * columns, triggers and views are made by cx_journey_create and
 * cx_journey_upgrade (journey.sql).  README, "Daily summaries". */

-- The time zone name as pg_timezone_names spells it (matched without
-- regard to case), or 22023.  Abbreviations (PST) and POSIX strings
-- (UTC+3) are refused: their offsets are fixed, so a day's rows would move
-- across daylight saving time, and a name says what the journey means.
CREATE FUNCTION cx_journey_check_time_zone(time_zone pg_catalog.text)
	RETURNS pg_catalog.text
	LANGUAGE plpgsql
	-- STABLE: it reads pg_timezone_names; not STRICT: NULL is an error
	STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	name text;
BEGIN
	IF time_zone IS NULL THEN
		RAISE EXCEPTION 'time zone must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT min(z.name) INTO name FROM pg_timezone_names z WHERE lower(z.name) = lower(time_zone);
	IF name IS NULL THEN
		RAISE EXCEPTION 'time zone "%" is not a time zone name', time_zone
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = 'A journey''s time zone is one of the names of pg_timezone_names, such as UTC, Europe/Paris or America/Los_Angeles; abbreviations and fixed offsets are not accepted.',
				HINT = 'SELECT name FROM pg_timezone_names lists them.';
	END IF;
	RETURN name;
END
$function$;
COMMENT ON FUNCTION cx_journey_check_time_zone(pg_catalog.text) IS
	'internal: the time zone name as pg_timezone_names spells it (matched regardless of case), or invalid_parameter_value (22023); cx_journey_create, cx_journey_upgrade and cx_journey_set_time_zone call it';

-- The trigger function of the statement triggers cx_journey_upgrade puts
-- on responses and interactions: one insert per statement of its distinct
-- (local day, touchpoint) pairs, from the transition tables, so a COPY of
-- a million rows costs one aggregate of them.  No key on dirty_days, so no
-- writer waits for another there; the refresh deletes the marks it saw.
-- TRUNCATE has no transition table: every (day, touchpoint) of the daily
-- table becomes dirty.  Arguments: the local-date column, the daily table.
CREATE FUNCTION cx_journey_mark_dirty()
	RETURNS trigger
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it writes dirty_days
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
BEGIN
	IF TG_OP = 'INSERT' THEN
		EXECUTE format('INSERT INTO %1$I.dirty_days (day, touchpoint_id) SELECT DISTINCT n.%2$I, n.touchpoint_id FROM cx_new n',
			TG_TABLE_SCHEMA, TG_ARGV[0]);
	ELSIF TG_OP = 'DELETE' THEN
		EXECUTE format('INSERT INTO %1$I.dirty_days (day, touchpoint_id) SELECT DISTINCT o.%2$I, o.touchpoint_id FROM cx_old o',
			TG_TABLE_SCHEMA, TG_ARGV[0]);
	ELSIF TG_OP = 'UPDATE' THEN
		EXECUTE format($$INSERT INTO %1$I.dirty_days (day, touchpoint_id)
		                 SELECT n.%2$I, n.touchpoint_id FROM cx_new n UNION SELECT o.%2$I, o.touchpoint_id FROM cx_old o$$,
			TG_TABLE_SCHEMA, TG_ARGV[0]);
	ELSE
		EXECUTE format('INSERT INTO %1$I.dirty_days (day, touchpoint_id) SELECT day, touchpoint_id FROM %1$I.%2$I',
			TG_TABLE_SCHEMA, TG_ARGV[1]);
	END IF;
	RETURN NULL;
END
$function$;
COMMENT ON FUNCTION cx_journey_mark_dirty() IS
	'internal: the statement trigger function of a journey''s responses and interactions (triggers cx_dirty_days_insert, _update, _delete, _truncate): records in dirty_days the distinct local days and touchpoints of the rows a statement inserted, updated (before and after) or deleted, and for TRUNCATE every day and touchpoint of the daily table';

-- The refresh, by days or of the dirty days.  One refresh at a time per
-- journey (the lock on the daily tables); writers are not blocked.  The
-- dirty marks are deleted first, by one statement, and only the marks its
-- snapshot sees; the days are then recomputed by later statements, whose
-- snapshots are newer.  A mark and the rows it stands for commit together,
-- so a mark deleted here has its rows in the recomputation, and the mark
-- of a writer that commits after the DELETE stays: the day stays dirty
-- (at worst a day refreshed with those rows already is refreshed again).
-- The days are found through the index on (month, day): the conditions
-- name the month too.
CREATE FUNCTION cx_journey_refresh_days(schema_name pg_catalog.text, from_day pg_catalog.date, to_day pg_catalog.date,
	trust_owner pg_catalog.bool)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it writes tables; not STRICT: the callers
	-- check their arguments (NULL days: the dirty days)
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	s text := schema_name;
	e text;
	csat_k integer;
	ces_k integer;
	ces_lower boolean;
	days date[];
	months date[];
	cond text;
	n1 bigint;
	n2 bigint;
BEGIN
	-- The snapshot of a REPEATABLE READ or SERIALIZABLE transaction is
	-- taken before the lock below: it would not see the rows a concurrent
	-- refresh committed meanwhile, and fail on them (40001 or 23505), nor
	-- the rows of the writers whose marks it deletes.
	IF current_setting('transaction_isolation') <> 'read committed' THEN
		RAISE EXCEPTION 'cx_journey_refresh must run at isolation level READ COMMITTED'
			USING ERRCODE = 'invalid_transaction_state',
				DETAIL = format('The transaction is at %s.  Its snapshot was taken before the lock that keeps refreshes of a journey apart, so it could miss rows another refresh has written.',
								upper(current_setting('transaction_isolation'))),
				HINT = 'Call it in a transaction of its own, or in one begun with ISOLATION LEVEL READ COMMITTED.';
	END IF;
	IF to_regclass(format('%I.%I', s, 'daily_summaries')) IS NULL
		OR to_regclass(format('%I.%I', s, 'metric_scales')) IS NULL THEN
		RAISE EXCEPTION 'schema "%" holds no journey', s
			USING ERRCODE = 'invalid_parameter_value',
				HINT = 'Create one with cx_journey_create().';
	END IF;
	IF to_regclass(format('%I.%I', s, 'dirty_days')) IS NULL THEN
		RAISE EXCEPTION 'journey "%" was made by an older cx_journey_create', s
			USING ERRCODE = 'object_not_in_prerequisite_state',
				HINT = format('Upgrade it first: SELECT cx_journey_upgrade(%L).', s);
	END IF;
	-- A refresh runs the triggers, defaults, constraints and functions of
	-- the tables it reads and writes with the caller's rights: code that
	-- their owner wrote.  Unless the caller trusts that owner, the tables
	-- must be owned by the caller or by a role the caller is a member of,
	-- through pg_auth_members: a superuser is no exception.
	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';
	IF NOT trust_owner THEN
		EXECUTE format('SELECT %I.cx_journey_check_owner($1, $2, $3)', e)
			USING s, ARRAY['metric_scales', 'responses', 'interactions',
			'daily_summaries', 'daily_interactions', 'dirty_days'], 'refresh';
	END IF;
	-- Without days: the dirty days, which only the triggers record.
	IF from_day IS NULL AND NOT EXISTS (SELECT FROM pg_trigger
										WHERE tgrelid = format('%I.responses', s)::regclass
										  AND tgname = 'cx_dirty_days_insert')
			AND NOT EXISTS (SELECT FROM pg_trigger
							WHERE tgrelid = format('%I.interactions', s)::regclass
							  AND tgname = 'cx_dirty_days_insert') THEN
		RAISE EXCEPTION 'journey "%" does not track its dirty days', s
			USING ERRCODE = 'feature_not_supported',
				DETAIL = 'Its responses and interactions have no cx_dirty_days triggers: a distributed journey has none (Citus runs no trigger with transition tables on a distributed table).',
				HINT = 'Refresh by days: cx_journey_refresh(schema_name, from_day, to_day).';
	END IF;

	EXECUTE format($$SELECT max(scale_max) FILTER (WHERE metric = 'csat'),
	                        max(scale_max) FILTER (WHERE metric = 'ces'),
	                        bool_or(lower_is_better) FILTER (WHERE metric = 'ces')
	                 FROM %I.metric_scales$$, s)
		INTO csat_k, ces_k, ces_lower;

	EXECUTE format('LOCK TABLE %1$I.daily_summaries, %1$I.daily_interactions IN SHARE ROW EXCLUSIVE MODE', s);
	IF from_day IS NULL THEN
		EXECUTE format($$WITH d AS (DELETE FROM %I.dirty_days RETURNING day)
		                 SELECT array_agg(DISTINCT day ORDER BY day) FROM d$$, s) INTO days;
		IF days IS NULL THEN
			RETURN 0;
		END IF;
		SELECT array_agg(DISTINCT date_trunc('month', d::timestamp)::date) INTO months FROM unnest(days) AS d;
		cond := '%1$s.%2$I = ANY ($3) AND date_trunc(''month'', %1$s.%2$I::timestamp)::date = ANY ($4)';
	ELSE
		EXECUTE format('DELETE FROM %I.dirty_days WHERE day BETWEEN $1 AND $2', s) USING from_day, to_day;
		cond := '%1$s.%2$I BETWEEN $1 AND $2 AND date_trunc(''month'', %1$s.%2$I::timestamp)::date BETWEEN date_trunc(''month'', $1::timestamp)::date AND $2';
	END IF;
	EXECUTE format('DELETE FROM %I.daily_summaries d WHERE %s', s, format(cond, 'd', 'day'))
		USING from_day, to_day, days, months;
	EXECUTE format('DELETE FROM %I.daily_interactions d WHERE %s', s, format(cond, 'd', 'day'))
		USING from_day, to_day, days, months;
	-- Days are those of the journey's time zone, the stored local dates.
	-- The open cases of a day are censored at now(), the start of this
	-- transaction, with the same expressions as the raw scorecards (see
	-- cx_journey_upgrade): a day that still has open cases must be
	-- refreshed again for their ages to grow (README, "Daily summaries").
	EXECUTE format($$
		INSERT INTO %1$I.daily_summaries (day, touchpoint_id, nps, csat, ces)
		SELECT x.responded_on, x.touchpoint_id,
		       %2$I.nps_agg(CASE WHEN x.metric = 'nps' THEN x.score END),
		       %2$I.csat_agg(CASE WHEN x.metric = 'csat' THEN x.score END, $5),
		       %2$I.ces_agg(CASE WHEN x.metric = 'ces' THEN x.score END, $6, $7)
		FROM %1$I.responses x
		WHERE %3$s
		GROUP BY 1, 2$$, s, e, format(cond, 'x', 'responded_on'))
		USING from_day, to_day, days, months, csat_k, ces_k, ces_lower;
	GET DIAGNOSTICS n1 = ROW_COUNT;
	EXECUTE format($$
		INSERT INTO %1$I.daily_interactions (day, touchpoint_id, interactions, first_response, resolution)
		SELECT y.opened_on, y.touchpoint_id, count(*),
		       %2$I.duration_agg(coalesce(y.first_response_at, y.resolved_at, greatest(now(), y.opened_at)) - y.opened_at,
		                         y.first_response_at IS NULL),
		       %2$I.duration_agg(coalesce(y.resolved_at, greatest(now(), y.opened_at)) - y.opened_at,
		                         y.resolved_at IS NULL)
		FROM %1$I.interactions y
		WHERE %3$s
		GROUP BY 1, 2$$, s, e, format(cond, 'y', 'opened_on'))
		USING from_day, to_day, days, months;
	GET DIAGNOSTICS n2 = ROW_COUNT;
	RETURN n1 + n2;
END
$function$;
COMMENT ON FUNCTION cx_journey_refresh_days(pg_catalog.text, pg_catalog.date, pg_catalog.date, pg_catalog.bool) IS
	'internal: the work of cx_journey_refresh, for the days from_day to to_day, or with NULL days for the days dirty_days lists; deletes the dirty_days marks of the days it refreshes';

CREATE FUNCTION cx_journey_refresh(schema_name pg_catalog.text, trust_owner pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it writes tables; not STRICT: a NULL
	-- argument is an error
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	e text;
	written bigint;
BEGIN
	IF schema_name IS NULL OR trust_owner IS NULL THEN
		RAISE EXCEPTION 'cx_journey_refresh arguments must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';
	EXECUTE format('SELECT %I.cx_journey_refresh_days($1, NULL, NULL, $2)', e)
		INTO written USING schema_name, trust_owner;
	RETURN written;
END
$function$;
COMMENT ON FUNCTION cx_journey_refresh(pg_catalog.text, pg_catalog.bool) IS
	'recomputes the daily_summaries and daily_interactions rows of a journey schema for exactly the days dirty_days lists (the days whose responses or interactions changed since their last refresh; daily_freshness shows them) and deletes the marks it saw: a row written meanwhile by a transaction that commits later keeps its day dirty; returns the number of rows written (0 when nothing is dirty); the refresh to schedule with pg_cron; runs at isolation level READ COMMITTED only, and only on tables owned by the caller or a role the caller is a member of, unless trust_owner is true';

-- Changing the zone moves rows between days: the local-date columns are
-- made again (cx_journey_upgrade, which also makes the views again, their
-- grants kept), and the daily tables are rebuilt for every day with data,
-- all in the caller's transaction.  ALTER TABLE holds responses and
-- interactions in ACCESS EXCLUSIVE mode until it ends.
CREATE FUNCTION cx_journey_set_time_zone(schema_name pg_catalog.text, time_zone pg_catalog.text,
	trust_owner pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it runs DDL and writes tables; not
	-- STRICT: a NULL argument is an error
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	s text := schema_name;
	e text;
	tz text;
	old_tz text;
	lo date;
	hi date;
	written bigint := 0;
BEGIN
	IF schema_name IS NULL OR time_zone IS NULL OR trust_owner IS NULL THEN
		RAISE EXCEPTION 'cx_journey_set_time_zone arguments must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';
	EXECUTE format('SELECT %I.cx_journey_check_time_zone($1)', e) INTO tz USING time_zone;
	IF to_regclass(format('%I.%I', s, 'daily_summaries')) IS NULL
		OR to_regclass(format('%I.%I', s, 'responses')) IS NULL THEN
		RAISE EXCEPTION 'schema "%" holds no journey', s
			USING ERRCODE = 'invalid_parameter_value',
				HINT = 'Create one with cx_journey_create().';
	END IF;
	IF to_regclass(format('%I.%I', s, 'journey_settings')) IS NULL THEN
		RAISE EXCEPTION 'journey "%" was made by an older cx_journey_create', s
			USING ERRCODE = 'object_not_in_prerequisite_state',
				HINT = format('Upgrade it first: SELECT cx_journey_upgrade(%L).', s);
	END IF;
	IF current_setting('transaction_isolation') <> 'read committed' THEN
		RAISE EXCEPTION 'cx_journey_set_time_zone must run at isolation level READ COMMITTED'
			USING ERRCODE = 'invalid_transaction_state',
				DETAIL = format('The transaction is at %s; the daily tables are rebuilt as cx_journey_refresh does.',
								upper(current_setting('transaction_isolation'))),
				HINT = 'Call it in a transaction of its own, or in one begun with ISOLATION LEVEL READ COMMITTED.';
	END IF;
	IF NOT trust_owner THEN
		EXECUTE format('SELECT %I.cx_journey_check_owner($1, $2, $3)', e)
			USING s, ARRAY['journey_settings', 'responses', 'interactions', 'daily_summaries',
			'daily_interactions', 'dirty_days'], 'upgrade';
	END IF;
	EXECUTE format('SELECT time_zone FROM %I.journey_settings FOR UPDATE', s) INTO old_tz;
	IF old_tz = tz THEN
		RETURN 0;
	END IF;
	EXECUTE format('UPDATE %I.journey_settings SET time_zone = $1', s) USING tz;
	-- the local dates and the views, for the new zone
	EXECUTE format('SELECT %I.cx_journey_upgrade($1, $2)', e) USING s, trust_owner;
	-- every day with data, or with daily rows of the old days
	EXECUTE format($$SELECT min(d), max(d) FROM (
	                   SELECT min(responded_on) AS d FROM %1$I.responses UNION ALL SELECT max(responded_on) FROM %1$I.responses
	                   UNION ALL SELECT min(opened_on) FROM %1$I.interactions UNION ALL SELECT max(opened_on) FROM %1$I.interactions
	                   UNION ALL SELECT min(day) FROM %1$I.daily_summaries UNION ALL SELECT max(day) FROM %1$I.daily_summaries
	                   UNION ALL SELECT min(day) FROM %1$I.daily_interactions UNION ALL SELECT max(day) FROM %1$I.daily_interactions) AS b$$, s)
		INTO lo, hi;
	-- the marks name days of the old zone: all of them are rebuilt
	EXECUTE format('DELETE FROM %I.dirty_days', s);
	IF lo IS NOT NULL THEN
		EXECUTE format('SELECT %I.cx_journey_refresh_days($1, $2, $3, $4)', e)
			INTO written USING s, lo, hi, trust_owner;
	END IF;
	RETURN written;
END
$function$;
COMMENT ON FUNCTION cx_journey_set_time_zone(pg_catalog.text, pg_catalog.text, pg_catalog.bool) IS
	'changes the time zone of a journey schema (a name of pg_timezone_names) in one transaction: stores it in journey_settings, makes the local-date columns responded_on and opened_on again for it (rewriting responses and interactions, which stay locked until the transaction ends), makes the views again (their grants kept) and rebuilds daily_summaries and daily_interactions for every day from the first to the last with data (dirty_days emptied); returns the number of daily rows written (0, and nothing done, when the zone is already the journey''s); READ COMMITTED only, and only on tables owned by the caller or a role the caller is a member of, unless trust_owner is true';
