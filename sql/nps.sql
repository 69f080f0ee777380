/* nps.sql: nps_summary, the counts of NPS scores 0..10, with its
 * aggregates, accessors, intervals and test. */

--------------------------------------------------------------------------
-- nps_summary: the distribution of NPS scores 0..10
--------------------------------------------------------------------------

CREATE TYPE nps_summary;

CREATE FUNCTION nps_summary_in(pg_catalog.cstring) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'nps_summary_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_in(pg_catalog.cstring) IS
	'text input of nps_summary: "v1:0..10:" followed by the counts of scores 0 to 10';

CREATE FUNCTION nps_summary_out(nps_summary) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'cx_summary_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_out(nps_summary) IS
	'text output of nps_summary (canonical, exact, versioned)';

CREATE FUNCTION nps_summary_recv(pg_catalog.internal) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'nps_summary_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_recv(pg_catalog.internal) IS
	'binary input of nps_summary';

CREATE FUNCTION nps_summary_send(nps_summary) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'cx_summary_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_send(nps_summary) IS
	'binary output of nps_summary: a format version byte, the scale, then the counts';

CREATE TYPE nps_summary (
	INPUT = nps_summary_in,
	OUTPUT = nps_summary_out,
	RECEIVE = nps_summary_recv,
	SEND = nps_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE nps_summary IS
	'NPS summary: the count of responses for each score 0..10; combine with rollup(), read with nps(), nps_lower(), ...';

-- equality and hashing ----------------------------------------------------

CREATE FUNCTION nps_summary_eq(nps_summary, nps_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_eq(nps_summary, nps_summary) IS
	'true when two NPS summaries hold the same counts';

CREATE FUNCTION nps_summary_ne(nps_summary, nps_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_ne(nps_summary, nps_summary) IS
	'true when two NPS summaries differ in any count';

CREATE FUNCTION nps_summary_hash(nps_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_hash(nps_summary) IS
	'hash of an NPS summary, for hash joins, GROUP BY and DISTINCT';

CREATE OPERATOR = (
	LEFTARG = nps_summary,
	RIGHTARG = nps_summary,
	FUNCTION = nps_summary_eq,
	COMMUTATOR = =,
	NEGATOR = <>,
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR =(nps_summary, nps_summary) IS 'equal counts';

CREATE OPERATOR <> (
	LEFTARG = nps_summary,
	RIGHTARG = nps_summary,
	FUNCTION = nps_summary_ne,
	COMMUTATOR = <>,
	NEGATOR = =,
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR <>(nps_summary, nps_summary) IS 'different counts';

CREATE OPERATOR CLASS nps_summary_hash_ops
	DEFAULT FOR TYPE nps_summary USING hash AS
	OPERATOR 1 = (nps_summary, nps_summary),
	FUNCTION 1 nps_summary_hash(nps_summary);
COMMENT ON OPERATOR CLASS nps_summary_hash_ops USING hash IS
	'hash operator class of nps_summary';
COMMENT ON OPERATOR FAMILY nps_summary_hash_ops USING hash IS
	'hash operator family of nps_summary';

-- JSON --------------------------------------------------------------------

CREATE FUNCTION nps_summary_json(nps_summary) RETURNS pg_catalog.json
	AS 'MODULE_PATHNAME', 'cx_summary_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_json(nps_summary) IS
	'an NPS summary as json: scale, n, counts, nps, promoters, passives, detractors';

CREATE FUNCTION nps_summary_jsonb(nps_summary) RETURNS pg_catalog.jsonb
	AS 'MODULE_PATHNAME', 'cx_summary_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_jsonb(nps_summary) IS
	'an NPS summary as jsonb: scale, n, counts, nps, promoters, passives, detractors';

CREATE CAST (nps_summary AS pg_catalog.json) WITH FUNCTION nps_summary_json(nps_summary);
COMMENT ON CAST (nps_summary AS pg_catalog.json) IS
	'an NPS summary as json (also used by to_json and row_to_json)';

CREATE CAST (nps_summary AS pg_catalog.jsonb) WITH FUNCTION nps_summary_jsonb(nps_summary);
COMMENT ON CAST (nps_summary AS pg_catalog.jsonb) IS
	'an NPS summary as jsonb';

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

-- aggregate support -------------------------------------------------------

CREATE FUNCTION nps_agg_trans(nps_summary, pg_catalog.int2) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_trans_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_trans(nps_summary, pg_catalog.int2) IS
	'transition function of nps_agg(smallint) and nps(smallint): adds a score';

CREATE FUNCTION nps_agg_trans(nps_summary, pg_catalog.int4) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_trans_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_trans(nps_summary, pg_catalog.int4) IS
	'transition function of nps_agg(integer) and nps(integer): adds a score';

CREATE FUNCTION nps_agg_trans(nps_summary, pg_catalog.numeric) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_trans_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_trans(nps_summary, pg_catalog.numeric) IS
	'transition function of nps_agg(numeric) and nps(numeric): adds a whole-number score';

CREATE FUNCTION nps_agg_trans(nps_summary, pg_catalog.int8) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_trans_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_trans(nps_summary, pg_catalog.int8) IS
	'transition function of nps_agg(bigint) and nps(bigint): adds a score';

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

CREATE FUNCTION nps_agg_inv(nps_summary, pg_catalog.int2) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_inv_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_inv(nps_summary, pg_catalog.int2) IS
	'inverse transition of nps_agg(smallint) and nps(smallint) in a moving window: removes a score';

CREATE FUNCTION nps_agg_inv(nps_summary, pg_catalog.int4) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_inv_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_inv(nps_summary, pg_catalog.int4) IS
	'inverse transition of nps_agg(integer) and nps(integer) in a moving window: removes a score';

CREATE FUNCTION nps_agg_inv(nps_summary, pg_catalog.numeric) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_inv_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_inv(nps_summary, pg_catalog.numeric) IS
	'inverse transition of nps_agg(numeric) and nps(numeric) in a moving window: removes a score';

CREATE FUNCTION nps_agg_inv(nps_summary, pg_catalog.int8) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_inv_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_agg_inv(nps_summary, pg_catalog.int8) IS
	'inverse transition of nps_agg(bigint) and nps(bigint) in a moving window: removes a score';

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

CREATE FUNCTION nps_summary_combine(nps_summary, nps_summary) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_summary_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_combine(nps_summary, nps_summary) IS
	'merges two NPS summaries: transition function of rollup() and combine function of every NPS aggregate';

CREATE FUNCTION nps_summary_uncombine(nps_summary, nps_summary) RETURNS nps_summary
	AS 'MODULE_PATHNAME', 'cx_summary_uncombine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_summary_uncombine(nps_summary, nps_summary) IS
	'removes the second NPS summary from the first: inverse transition of rollup() in a moving window';

-- accessors ---------------------------------------------------------------

CREATE FUNCTION nps(nps_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_value'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps(nps_summary) IS
	'Net Promoter Score, -100..100: 100 * (promoters - detractors) / responses; NULL when empty';

CREATE FUNCTION nps(s nps_summary, promoter_min pg_catalog.int4, detractor_max pg_catalog.int4)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_value_cutoffs'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps(nps_summary, pg_catalog.int4, pg_catalog.int4) IS
	'NPS with custom cutoffs: promoters score >= promoter_min, detractors <= detractor_max; NULL when empty';

CREATE FUNCTION responses(nps_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'cx_summary_responses'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(nps_summary) IS
	'number of responses (NULL scores are not counted)';

CREATE FUNCTION promoters(nps_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'nps_promoters'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION promoters(nps_summary) IS 'number of promoters (scores 9-10)';

CREATE FUNCTION passives(nps_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'nps_passives'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION passives(nps_summary) IS 'number of passives (scores 7-8)';

CREATE FUNCTION detractors(nps_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'nps_detractors'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION detractors(nps_summary) IS 'number of detractors (scores 0-6)';

CREATE FUNCTION promoter_share(nps_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_promoter_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION promoter_share(nps_summary) IS
	'share of promoters, 0..1; NULL when empty';

CREATE FUNCTION passive_share(nps_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_passive_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION passive_share(nps_summary) IS
	'share of passives, 0..1; NULL when empty';

CREATE FUNCTION detractor_share(nps_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_detractor_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION detractor_share(nps_summary) IS
	'share of detractors, 0..1; NULL when empty';

CREATE FUNCTION distribution(nps_summary) RETURNS pg_catalog.int8[]
	AS 'MODULE_PATHNAME', 'cx_summary_distribution'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION distribution(nps_summary) IS
	'counts per score as bigint[] subscripted by the score: distribution(s)[9] is the number of 9s';

CREATE FUNCTION nps_stderr(nps_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_stderr(nps_summary) IS
	'standard error of NPS in points: 100 * sqrt(((p + d) - (p - d)^2) / n); NULL when empty';

CREATE FUNCTION nps_lower(s nps_summary, confidence pg_catalog.float8 DEFAULT 0.95,
						  method pg_catalog.text DEFAULT 'adjusted_wald')
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_lower(nps_summary, pg_catalog.float8, pg_catalog.text) IS
	'lower bound of the NPS confidence interval; method ''adjusted_wald'' (default) or ''wald''; NULL when empty';

CREATE FUNCTION nps_upper(s nps_summary, confidence pg_catalog.float8 DEFAULT 0.95,
						  method pg_catalog.text DEFAULT 'adjusted_wald')
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'nps_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_upper(nps_summary, pg_catalog.float8, pg_catalog.text) IS
	'upper bound of the NPS confidence interval; method ''adjusted_wald'' (default) or ''wald''; NULL when empty';

CREATE FUNCTION nps_test(a nps_summary, b nps_summary,
						 confidence pg_catalog.float8 DEFAULT 0.95,
						 OUT delta pg_catalog.float8, OUT stderr pg_catalog.float8,
						 OUT z pg_catalog.float8, OUT p_value pg_catalog.float8,
						 OUT lower pg_catalog.float8, OUT upper pg_catalog.float8)
	RETURNS record
	AS 'MODULE_PATHNAME', 'nps_test'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_test(nps_summary, nps_summary, pg_catalog.float8) IS
	'two-sample z-test of NPS(b) against NPS(a): delta = b - a, its standard error, z, two-sided p-value, and interval';

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

-- aggregates --------------------------------------------------------------
-- Every aggregate: STYPE is nps_summary itself (not internal, so Citus can
-- push partial aggregation to workers), a COMBINEFUNC, PARALLEL SAFE, and
-- moving-aggregate support so a window frame costs O(1) per row.

CREATE AGGREGATE nps_agg(pg_catalog.int2) (
	SFUNC = nps_agg_trans, STYPE = nps_summary,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_agg_trans, MINVFUNC = nps_agg_inv, MSTYPE = nps_summary,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_agg(pg_catalog.int2) IS
	'NPS summary of scores 0..10 (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE nps_agg(pg_catalog.int4) (
	SFUNC = nps_agg_trans, STYPE = nps_summary,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_agg_trans, MINVFUNC = nps_agg_inv, MSTYPE = nps_summary,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_agg(pg_catalog.int4) IS
	'NPS summary of scores 0..10 (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE nps_agg(pg_catalog.numeric) (
	SFUNC = nps_agg_trans, STYPE = nps_summary,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_agg_trans, MINVFUNC = nps_agg_inv, MSTYPE = nps_summary,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_agg(pg_catalog.numeric) IS
	'NPS summary of whole-number scores 0..10 (NULL scores are ignored; an empty input gives an empty summary)';

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

CREATE AGGREGATE nps(pg_catalog.int2) (
	SFUNC = nps_agg_trans, STYPE = nps_summary, FINALFUNC = nps,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_agg_trans, MINVFUNC = nps_agg_inv, MSTYPE = nps_summary, MFINALFUNC = nps,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(pg_catalog.int2) IS
	'Net Promoter Score of scores 0..10, as float8 in -100..100 (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE nps(pg_catalog.int4) (
	SFUNC = nps_agg_trans, STYPE = nps_summary, FINALFUNC = nps,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_agg_trans, MINVFUNC = nps_agg_inv, MSTYPE = nps_summary, MFINALFUNC = nps,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(pg_catalog.int4) IS
	'Net Promoter Score of scores 0..10, as float8 in -100..100 (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE nps(pg_catalog.numeric) (
	SFUNC = nps_agg_trans, STYPE = nps_summary, FINALFUNC = nps,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_agg_trans, MINVFUNC = nps_agg_inv, MSTYPE = nps_summary, MFINALFUNC = nps,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps(pg_catalog.numeric) IS
	'Net Promoter Score of whole-number scores 0..10, as float8 in -100..100 (NULL scores are ignored; NULL for no responses)';

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

CREATE AGGREGATE rollup(nps_summary) (
	SFUNC = nps_summary_combine, STYPE = nps_summary,
	INITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	COMBINEFUNC = nps_summary_combine,
	MSFUNC = nps_summary_combine, MINVFUNC = nps_summary_uncombine, MSTYPE = nps_summary,
	MINITCOND = 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(nps_summary) IS
	'merges NPS summaries exactly, e.g. daily summaries into months (NULL summaries are ignored)';
