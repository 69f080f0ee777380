/* weighted.sql: the weighted survey summaries nps_weighted_summary,
 * csat_weighted_summary and ces_weighted_summary: per score point the
 * number of responses, the sum of their weights and the sum of their
 * squared weights, in fixed point (weights to 6 decimal places, at most
 * 1e9) so that every rollup, parallel plan and row order gives the same
 * bits; their aggregates, readers, intervals and tests (DESIGN.md s. 9). */

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
