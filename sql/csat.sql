/* csat.sql: csat_summary, the counts of CSAT scores on a 1..k scale, with
 * its aggregates, accessors, Wilson intervals and tests (the C support
 * functions are the NPS ones where they can be). */

--------------------------------------------------------------------------
-- csat_summary: the counts of CSAT scores on a 1..k scale
--------------------------------------------------------------------------

CREATE TYPE csat_summary;

CREATE FUNCTION csat_summary_in(pg_catalog.cstring) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_summary_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary_in(pg_catalog.cstring) IS
	'text input of csat_summary: "v1:1..k:" followed by the counts of scores 1 to k, k from 2 to 10';

CREATE FUNCTION csat_summary_out(csat_summary) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'cx_summary_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary_out(csat_summary) IS
	'text output of csat_summary (canonical, exact, versioned)';

CREATE FUNCTION csat_summary_recv(pg_catalog.internal) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_summary_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary_recv(pg_catalog.internal) IS
	'binary input of csat_summary, checked as strictly as the text input';

CREATE FUNCTION csat_summary_send(csat_summary) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'cx_summary_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary_send(csat_summary) IS
	'binary output of csat_summary: a format version byte, the scale, then the counts';

CREATE TYPE csat_summary (
	INPUT = csat_summary_in,
	OUTPUT = csat_summary_out,
	RECEIVE = csat_summary_recv,
	SEND = csat_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE csat_summary IS
	'CSAT summary: the count of responses for each score of a 1..k satisfaction scale, k from 2 to 10; read with csat(), csat_lower(), mean(), ...';

-- equality and hashing ----------------------------------------------------

CREATE FUNCTION csat_summary_eq(csat_summary, csat_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary_eq(csat_summary, csat_summary) IS
	'true when two CSAT summaries have the same scale and counts';

CREATE FUNCTION csat_summary_ne(csat_summary, csat_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary_ne(csat_summary, csat_summary) IS
	'true when two CSAT summaries differ in scale or in any count';

CREATE FUNCTION csat_summary_hash(csat_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary_hash(csat_summary) IS
	'hash of a CSAT summary, for hash joins, GROUP BY and DISTINCT';

CREATE OPERATOR = (
	LEFTARG = csat_summary,
	RIGHTARG = csat_summary,
	FUNCTION = csat_summary_eq,
	COMMUTATOR = =,
	NEGATOR = <>,
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR =(csat_summary, csat_summary) IS 'same scale and counts';

CREATE OPERATOR <> (
	LEFTARG = csat_summary,
	RIGHTARG = csat_summary,
	FUNCTION = csat_summary_ne,
	COMMUTATOR = <>,
	NEGATOR = =,
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR <>(csat_summary, csat_summary) IS 'different scale or counts';

CREATE OPERATOR CLASS csat_summary_hash_ops
	DEFAULT FOR TYPE csat_summary USING hash AS
	OPERATOR 1 = (csat_summary, csat_summary),
	FUNCTION 1 csat_summary_hash(csat_summary);
COMMENT ON OPERATOR CLASS csat_summary_hash_ops USING hash IS
	'hash operator class of csat_summary';
COMMENT ON OPERATOR FAMILY csat_summary_hash_ops USING hash IS
	'hash operator family of csat_summary';

-- JSON --------------------------------------------------------------------

CREATE FUNCTION csat_summary_json(csat_summary) RETURNS pg_catalog.json
	AS 'MODULE_PATHNAME', 'cx_summary_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary_json(csat_summary) IS
	'a CSAT summary as json: scale, n, counts, csat, satisfied, mean';

CREATE FUNCTION csat_summary_jsonb(csat_summary) RETURNS pg_catalog.jsonb
	AS 'MODULE_PATHNAME', 'cx_summary_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary_jsonb(csat_summary) IS
	'a CSAT summary as jsonb: scale, n, counts, csat, satisfied, mean';

CREATE CAST (csat_summary AS pg_catalog.json) WITH FUNCTION csat_summary_json(csat_summary);
COMMENT ON CAST (csat_summary AS pg_catalog.json) IS
	'a CSAT summary as json (also used by to_json and row_to_json)';

CREATE CAST (csat_summary AS pg_catalog.jsonb) WITH FUNCTION csat_summary_jsonb(csat_summary);
COMMENT ON CAST (csat_summary AS pg_catalog.jsonb) IS
	'a CSAT summary as jsonb';

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

-- aggregate support -------------------------------------------------------

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.int2) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_trans_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.int2) IS
	'transition function of csat_agg(smallint) and csat(smallint) on the default scale: adds a score';

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_trans_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.int4) IS
	'transition function of csat_agg(integer) and csat(integer) on the default scale: adds a score';

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.numeric) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_trans_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.numeric) IS
	'transition function of csat_agg(numeric) and csat(numeric) on the default scale: adds a score';

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.int8) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_trans_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.int8) IS
	'transition function of csat_agg(bigint) and csat(bigint) on the default scale: adds a score';

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

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.int2) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_inv_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.int2) IS
	'inverse transition of csat_agg(smallint) and csat(smallint) in a moving window: removes a score';

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_inv_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.int4) IS
	'inverse transition of csat_agg(integer) and csat(integer) in a moving window: removes a score';

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.numeric) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_inv_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.numeric) IS
	'inverse transition of csat_agg(numeric) and csat(numeric) in a moving window: removes a score';

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.int8) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_inv_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.int8) IS
	'inverse transition of csat_agg(bigint) and csat(bigint) in a moving window: removes a score';

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

-- not STRICT: the first call creates the state on the scale it is given
CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.int2, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_trans_int2'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.int2, pg_catalog.int4) IS
	'transition function of csat_agg(smallint, scale_max) and csat(smallint, scale_max): creates the state on the first call, then adds a score';

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.int4, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_trans_int4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.int4, pg_catalog.int4) IS
	'transition function of csat_agg(integer, scale_max) and csat(integer, scale_max): creates the state on the first call, then adds a score';

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.numeric, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_trans_numeric'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.numeric, pg_catalog.int4) IS
	'transition function of csat_agg(numeric, scale_max) and csat(numeric, scale_max): creates the state on the first call, then adds a score';

CREATE FUNCTION csat_agg_trans(csat_summary, pg_catalog.int8, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_trans_int8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_trans(csat_summary, pg_catalog.int8, pg_catalog.int4) IS
	'transition function of csat_agg(bigint, scale_max) and csat(bigint, scale_max): creates the state on the first call, then adds a score';

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

-- not STRICT, like the transition function it inverts
CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.int2, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_inv_int2'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.int2, pg_catalog.int4) IS
	'inverse transition of csat_agg(smallint, scale_max) and csat(smallint, scale_max) in a moving window: removes a score';

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.int4, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_inv_int4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.int4, pg_catalog.int4) IS
	'inverse transition of csat_agg(integer, scale_max) and csat(integer, scale_max) in a moving window: removes a score';

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.numeric, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_inv_numeric'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.numeric, pg_catalog.int4) IS
	'inverse transition of csat_agg(numeric, scale_max) and csat(numeric, scale_max) in a moving window: removes a score';

CREATE FUNCTION csat_agg_inv(csat_summary, pg_catalog.int8, pg_catalog.int4) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'csat_inv_int8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION csat_agg_inv(csat_summary, pg_catalog.int8, pg_catalog.int4) IS
	'inverse transition of csat_agg(bigint, scale_max) and csat(bigint, scale_max) in a moving window: removes a score';

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

CREATE FUNCTION csat_summary_combine(csat_summary, csat_summary) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_summary_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary_combine(csat_summary, csat_summary) IS
	'merges two CSAT summaries of one scale: transition function of rollup() and combine function of every CSAT aggregate';

CREATE FUNCTION csat_summary_uncombine(csat_summary, csat_summary) RETURNS csat_summary
	AS 'MODULE_PATHNAME', 'cx_summary_uncombine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_summary_uncombine(csat_summary, csat_summary) IS
	'removes the second CSAT summary from the first: inverse transition of rollup() in a moving window';

-- accessors ---------------------------------------------------------------

CREATE FUNCTION csat(csat_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_value'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat(csat_summary) IS
	'CSAT %, 0..100: 100 * satisfied / responses, satisfied being the top two points (the top point on scales of 3 or fewer); NULL when empty';

CREATE FUNCTION csat(s csat_summary, satisfied_min pg_catalog.int4) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_value'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat(csat_summary, pg_catalog.int4) IS
	'CSAT % with scores >= satisfied_min counted as satisfied; NULL when empty';

CREATE FUNCTION satisfied(csat_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'csat_satisfied'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION satisfied(csat_summary) IS
	'number of satisfied responses (the top two points; the top point on scales of 3 or fewer)';

CREATE FUNCTION satisfied(s csat_summary, satisfied_min pg_catalog.int4) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'csat_satisfied'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION satisfied(csat_summary, pg_catalog.int4) IS
	'number of responses >= satisfied_min';

CREATE FUNCTION csat_stderr(csat_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_stderr(csat_summary) IS
	'standard error of CSAT % in points: 100 * sqrt(p * (1 - p) / n); NULL when empty';

CREATE FUNCTION csat_stderr(s csat_summary, satisfied_min pg_catalog.int4) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_stderr(csat_summary, pg_catalog.int4) IS
	'standard error of CSAT % with scores >= satisfied_min satisfied; NULL when empty';

CREATE FUNCTION csat_lower(s csat_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_lower(csat_summary, pg_catalog.float8) IS
	'lower bound of the Wilson score interval for CSAT %; NULL when empty';

CREATE FUNCTION csat_lower(s csat_summary, confidence pg_catalog.float8, satisfied_min pg_catalog.int4) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_lower(csat_summary, pg_catalog.float8, pg_catalog.int4) IS
	'lower bound of the Wilson score interval for CSAT % with scores >= satisfied_min satisfied; NULL when empty';

CREATE FUNCTION csat_upper(s csat_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_upper(csat_summary, pg_catalog.float8) IS
	'upper bound of the Wilson score interval for CSAT %; NULL when empty';

CREATE FUNCTION csat_upper(s csat_summary, confidence pg_catalog.float8, satisfied_min pg_catalog.int4) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'csat_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_upper(csat_summary, pg_catalog.float8, pg_catalog.int4) IS
	'upper bound of the Wilson score interval for CSAT % with scores >= satisfied_min satisfied; NULL when empty';

CREATE FUNCTION csat_test(a csat_summary, b csat_summary,
		confidence pg_catalog.float8 DEFAULT 0.95,
		OUT delta pg_catalog.float8, OUT stderr pg_catalog.float8,
		OUT z pg_catalog.float8, OUT p_value pg_catalog.float8,
		OUT lower pg_catalog.float8, OUT upper pg_catalog.float8) RETURNS record
	AS 'MODULE_PATHNAME', 'csat_test'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_test(csat_summary, csat_summary, pg_catalog.float8) IS
	'two-proportion z-test of CSAT(b) against CSAT(a) in points: delta = b - a, unpooled standard error and interval, z and two-sided p-value from the pooled test';

CREATE FUNCTION csat_test(a csat_summary, b csat_summary,
		confidence pg_catalog.float8, satisfied_min pg_catalog.int4,
		OUT delta pg_catalog.float8, OUT stderr pg_catalog.float8,
		OUT z pg_catalog.float8, OUT p_value pg_catalog.float8,
		OUT lower pg_catalog.float8, OUT upper pg_catalog.float8) RETURNS record
	AS 'MODULE_PATHNAME', 'csat_test'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION csat_test(csat_summary, csat_summary, pg_catalog.float8, pg_catalog.int4) IS
	'csat_test with scores >= satisfied_min counted as satisfied in both samples';

CREATE FUNCTION responses(csat_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'cx_summary_responses'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(csat_summary) IS
	'number of responses (NULL scores are not counted)';

CREATE FUNCTION distribution(csat_summary) RETURNS pg_catalog.int8[]
	AS 'MODULE_PATHNAME', 'cx_summary_distribution'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION distribution(csat_summary) IS
	'counts per score as bigint[] subscripted by the score: distribution(s)[5] is the number of 5s';

CREATE FUNCTION scale_max(csat_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_scale_max'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION scale_max(csat_summary) IS
	'the highest score of the scale (the lowest is 1)';

CREATE FUNCTION mean(csat_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_summary_mean'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean(csat_summary) IS
	'mean score; NULL when empty';

CREATE FUNCTION mean_stderr(csat_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_summary_mean_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_stderr(csat_summary) IS
	'standard error of the mean score: sample standard deviation / sqrt(n); NULL below 2 responses';

CREATE FUNCTION mean_lower(s csat_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_summary_mean_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_lower(csat_summary, pg_catalog.float8) IS
	'lower bound of the normal-approximation interval for the mean score, clipped to the scale; NULL below 2 responses';

CREATE FUNCTION mean_upper(s csat_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_summary_mean_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_upper(csat_summary, pg_catalog.float8) IS
	'upper bound of the normal-approximation interval for the mean score, clipped to the scale; NULL below 2 responses';

CREATE FUNCTION mean_test(a csat_summary, b csat_summary,
		confidence pg_catalog.float8 DEFAULT 0.95,
		OUT delta pg_catalog.float8, OUT stderr pg_catalog.float8,
		OUT z pg_catalog.float8, OUT p_value pg_catalog.float8,
		OUT lower pg_catalog.float8, OUT upper pg_catalog.float8) RETURNS record
	AS 'MODULE_PATHNAME', 'cx_summary_mean_test'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_test(csat_summary, csat_summary, pg_catalog.float8) IS
	'two-sample z-test of mean(b) against mean(a), on one scale: delta = b - a, its standard error, z, two-sided p-value, and interval';

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

-- aggregates --------------------------------------------------------------
-- As for NPS: STYPE is the summary itself, a COMBINEFUNC, PARALLEL SAFE and
-- moving-aggregate support.  The forms with a scale argument have no
-- INITCOND: the scale is known only when the first row arrives, so over no
-- rows at all they return NULL, as sum() does.

CREATE AGGREGATE csat_agg(pg_catalog.int2) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	INITCOND = 'v1:1..5:0,0,0,0,0',
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	MINITCOND = 'v1:1..5:0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.int2) IS
	'CSAT summary of scores 1..5 (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE csat_agg(pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	INITCOND = 'v1:1..5:0,0,0,0,0',
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	MINITCOND = 'v1:1..5:0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.int4) IS
	'CSAT summary of scores 1..5 (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE csat_agg(pg_catalog.numeric) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	INITCOND = 'v1:1..5:0,0,0,0,0',
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	MINITCOND = 'v1:1..5:0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.numeric) IS
	'CSAT summary of whole-number scores 1..5 (NULL scores are ignored; an empty input gives an empty summary)';

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

CREATE AGGREGATE csat_agg(pg_catalog.int2, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.int2, pg_catalog.int4) IS
	'CSAT summary of scores 1..scale_max (NULL scores are ignored; no rows at all give NULL)';

CREATE AGGREGATE csat_agg(pg_catalog.int4, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.int4, pg_catalog.int4) IS
	'CSAT summary of scores 1..scale_max (NULL scores are ignored; no rows at all give NULL)';

CREATE AGGREGATE csat_agg(pg_catalog.numeric, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.numeric, pg_catalog.int4) IS
	'CSAT summary of whole-number scores 1..scale_max (NULL scores are ignored; no rows at all give NULL)';

CREATE AGGREGATE csat_agg(pg_catalog.int8, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat_agg(pg_catalog.int8, pg_catalog.int4) IS
	'CSAT summary of scores 1..scale_max (NULL scores are ignored; no rows at all give NULL)';

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

CREATE AGGREGATE csat(pg_catalog.int2) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	INITCOND = 'v1:1..5:0,0,0,0,0',
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	MINITCOND = 'v1:1..5:0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.int2) IS
	'CSAT %, 0..100, of scores 1..5 (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE csat(pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	INITCOND = 'v1:1..5:0,0,0,0,0',
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	MINITCOND = 'v1:1..5:0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.int4) IS
	'CSAT %, 0..100, of scores 1..5 (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE csat(pg_catalog.numeric) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	INITCOND = 'v1:1..5:0,0,0,0,0',
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	MINITCOND = 'v1:1..5:0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.numeric) IS
	'CSAT %, 0..100, of whole-number scores 1..5 (NULL scores are ignored; NULL for no responses)';

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

CREATE AGGREGATE csat(pg_catalog.int2, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.int2, pg_catalog.int4) IS
	'CSAT %, 0..100, of scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE csat(pg_catalog.int4, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.int4, pg_catalog.int4) IS
	'CSAT %, 0..100, of scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE csat(pg_catalog.numeric, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.numeric, pg_catalog.int4) IS
	'CSAT %, 0..100, of whole-number scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE csat(pg_catalog.int8, pg_catalog.int4) (
	SFUNC = csat_agg_trans, STYPE = csat_summary, FINALFUNC = csat,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_agg_trans, MINVFUNC = csat_agg_inv, MSTYPE = csat_summary, MFINALFUNC = csat,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE csat(pg_catalog.int8, pg_catalog.int4) IS
	'CSAT %, 0..100, of scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

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

CREATE AGGREGATE rollup(csat_summary) (
	SFUNC = csat_summary_combine, STYPE = csat_summary,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_summary_combine, MINVFUNC = csat_summary_uncombine, MSTYPE = csat_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(csat_summary) IS
	'merges CSAT summaries of one scale exactly, e.g. daily summaries into months (NULL summaries are ignored; mixing scales is an error)';
