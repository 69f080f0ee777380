/* ces.sql: ces_summary, the counts of CES scores on a 1..k effort scale
 * and its direction, with its aggregates, accessors, net effort and mean
 * intervals (the C support functions are the NPS ones where they can be). */

--------------------------------------------------------------------------
-- ces_summary: the counts of CES scores on a 1..k scale, and which end is easy
--------------------------------------------------------------------------

CREATE TYPE ces_summary;

CREATE FUNCTION ces_summary_in(pg_catalog.cstring) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_summary_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary_in(pg_catalog.cstring) IS
	'text input of ces_summary: "v1:1..k:" (higher is easier) or "v1:1..k:lower_is_better:" followed by the counts of scores 1 to k';

CREATE FUNCTION ces_summary_out(ces_summary) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'cx_summary_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary_out(ces_summary) IS
	'text output of ces_summary (canonical, exact, versioned)';

CREATE FUNCTION ces_summary_recv(pg_catalog.internal) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_summary_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary_recv(pg_catalog.internal) IS
	'binary input of ces_summary, checked as strictly as the text input';

CREATE FUNCTION ces_summary_send(ces_summary) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'cx_summary_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary_send(ces_summary) IS
	'binary output of ces_summary: a format version byte, the scale, then the counts';

CREATE TYPE ces_summary (
	INPUT = ces_summary_in,
	OUTPUT = ces_summary_out,
	RECEIVE = ces_summary_recv,
	SEND = ces_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE ces_summary IS
	'CES summary: the count of responses for each score of a 1..k effort scale, k from 2 to 10, and which end is easy; read with ces(), net_effort(), mean_lower(), ...';

-- equality and hashing ----------------------------------------------------

CREATE FUNCTION ces_summary_eq(ces_summary, ces_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary_eq(ces_summary, ces_summary) IS
	'true when two CES summaries have the same scale and counts';

CREATE FUNCTION ces_summary_ne(ces_summary, ces_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary_ne(ces_summary, ces_summary) IS
	'true when two CES summaries differ in scale or in any count';

CREATE FUNCTION ces_summary_hash(ces_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary_hash(ces_summary) IS
	'hash of a CES summary, for hash joins, GROUP BY and DISTINCT';

CREATE OPERATOR = (
	LEFTARG = ces_summary,
	RIGHTARG = ces_summary,
	FUNCTION = ces_summary_eq,
	COMMUTATOR = =,
	NEGATOR = <>,
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR =(ces_summary, ces_summary) IS 'same scale and counts';

CREATE OPERATOR <> (
	LEFTARG = ces_summary,
	RIGHTARG = ces_summary,
	FUNCTION = ces_summary_ne,
	COMMUTATOR = <>,
	NEGATOR = =,
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR <>(ces_summary, ces_summary) IS 'different scale or counts';

CREATE OPERATOR CLASS ces_summary_hash_ops
	DEFAULT FOR TYPE ces_summary USING hash AS
	OPERATOR 1 = (ces_summary, ces_summary),
	FUNCTION 1 ces_summary_hash(ces_summary);
COMMENT ON OPERATOR CLASS ces_summary_hash_ops USING hash IS
	'hash operator class of ces_summary';
COMMENT ON OPERATOR FAMILY ces_summary_hash_ops USING hash IS
	'hash operator family of ces_summary';

-- JSON --------------------------------------------------------------------

CREATE FUNCTION ces_summary_json(ces_summary) RETURNS pg_catalog.json
	AS 'MODULE_PATHNAME', 'cx_summary_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary_json(ces_summary) IS
	'a CES summary as json: scale, n, counts, lower_is_better, ces, easy, difficult, net_effort';

CREATE FUNCTION ces_summary_jsonb(ces_summary) RETURNS pg_catalog.jsonb
	AS 'MODULE_PATHNAME', 'cx_summary_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary_jsonb(ces_summary) IS
	'a CES summary as jsonb: scale, n, counts, lower_is_better, ces, easy, difficult, net_effort';

CREATE CAST (ces_summary AS pg_catalog.json) WITH FUNCTION ces_summary_json(ces_summary);
COMMENT ON CAST (ces_summary AS pg_catalog.json) IS
	'a CES summary as json (also used by to_json and row_to_json)';

CREATE CAST (ces_summary AS pg_catalog.jsonb) WITH FUNCTION ces_summary_jsonb(ces_summary);
COMMENT ON CAST (ces_summary AS pg_catalog.jsonb) IS
	'a CES summary as jsonb';

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

-- aggregate support -------------------------------------------------------

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.int2) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_trans_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.int2) IS
	'transition function of ces_agg(smallint) and ces(smallint) on the default scale: adds a score';

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.int4) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_trans_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.int4) IS
	'transition function of ces_agg(integer) and ces(integer) on the default scale: adds a score';

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.numeric) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_trans_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.numeric) IS
	'transition function of ces_agg(numeric) and ces(numeric) on the default scale: adds a score';

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.int8) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_trans_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.int8) IS
	'transition function of ces_agg(bigint) and ces(bigint) on the default scale: adds a score';

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

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.int2) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_inv_int2'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.int2) IS
	'inverse transition of ces_agg(smallint) and ces(smallint) in a moving window: removes a score';

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.int4) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_inv_int4'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.int4) IS
	'inverse transition of ces_agg(integer) and ces(integer) in a moving window: removes a score';

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.numeric) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_inv_numeric'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.numeric) IS
	'inverse transition of ces_agg(numeric) and ces(numeric) in a moving window: removes a score';

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.int8) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_inv_int8'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.int8) IS
	'inverse transition of ces_agg(bigint) and ces(bigint) in a moving window: removes a score';

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

-- not STRICT: the first call creates the state on the scale it is given
CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.int2, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_trans_int2'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.int2, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_agg(smallint, scale_max, lower_is_better) and ces(smallint, scale_max, lower_is_better): creates the state on the first call, then adds a score';

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_trans_int4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_agg(integer, scale_max, lower_is_better) and ces(integer, scale_max, lower_is_better): creates the state on the first call, then adds a score';

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.numeric, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_trans_numeric'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.numeric, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_agg(numeric, scale_max, lower_is_better) and ces(numeric, scale_max, lower_is_better): creates the state on the first call, then adds a score';

CREATE FUNCTION ces_agg_trans(ces_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_trans_int8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_trans(ces_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) IS
	'transition function of ces_agg(bigint, scale_max, lower_is_better) and ces(bigint, scale_max, lower_is_better): creates the state on the first call, then adds a score';

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

-- not STRICT, like the transition function it inverts
CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.int2, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_inv_int2'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.int2, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_agg(smallint, scale_max, lower_is_better) and ces(smallint, scale_max, lower_is_better) in a moving window: removes a score';

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_inv_int4'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.int4, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_agg(integer, scale_max, lower_is_better) and ces(integer, scale_max, lower_is_better) in a moving window: removes a score';

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.numeric, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_inv_numeric'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.numeric, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_agg(numeric, scale_max, lower_is_better) and ces(numeric, scale_max, lower_is_better) in a moving window: removes a score';

CREATE FUNCTION ces_agg_inv(ces_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'ces_inv_int8'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION ces_agg_inv(ces_summary, pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) IS
	'inverse transition of ces_agg(bigint, scale_max, lower_is_better) and ces(bigint, scale_max, lower_is_better) in a moving window: removes a score';

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

CREATE FUNCTION ces_summary_combine(ces_summary, ces_summary) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_summary_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary_combine(ces_summary, ces_summary) IS
	'merges two CES summaries of one scale: transition function of rollup() and combine function of every CES aggregate';

CREATE FUNCTION ces_summary_uncombine(ces_summary, ces_summary) RETURNS ces_summary
	AS 'MODULE_PATHNAME', 'cx_summary_uncombine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces_summary_uncombine(ces_summary, ces_summary) IS
	'removes the second CES summary from the first: inverse transition of rollup() in a moving window';

-- accessors ---------------------------------------------------------------

CREATE FUNCTION ces(ces_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_summary_mean'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ces(ces_summary) IS
	'Customer Effort Score: the mean score (read it with lower_is_better()); NULL when empty';

CREATE FUNCTION lower_is_better(ces_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'ces_lower_is_better'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lower_is_better(ces_summary) IS
	'true for effort scales where a low score is easy (CES 1.0), false where a high score is easy (CES 2.0)';

CREATE FUNCTION easy(ces_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'ces_easy'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION easy(ces_summary) IS
	'number of easy answers: strictly on the easy side of the midpoint (5-7 on 1..7; 1-2 on a lower-is-better 1..5)';

CREATE FUNCTION difficult(ces_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'ces_difficult'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difficult(ces_summary) IS
	'number of difficult answers: strictly on the hard side of the midpoint (1-3 on 1..7; 4-5 on a lower-is-better 1..5)';

CREATE FUNCTION easy_share(ces_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_easy_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION easy_share(ces_summary) IS
	'share of easy answers, 0..1; NULL when empty';

CREATE FUNCTION difficult_share(ces_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_difficult_share'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION difficult_share(ces_summary) IS
	'share of difficult answers, 0..1; NULL when empty';

CREATE FUNCTION net_effort(ces_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_net_effort'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION net_effort(ces_summary) IS
	'net effort, -100..100: 100 * (easy - difficult) / responses; NULL when empty';

CREATE FUNCTION net_effort_stderr(ces_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_net_effort_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION net_effort_stderr(ces_summary) IS
	'standard error of net effort in points, as for NPS; NULL when empty';

CREATE FUNCTION net_effort_lower(s ces_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_net_effort_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION net_effort_lower(ces_summary, pg_catalog.float8) IS
	'lower bound of the adjusted-Wald interval for net effort, as for NPS; NULL when empty';

CREATE FUNCTION net_effort_upper(s ces_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'ces_net_effort_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION net_effort_upper(ces_summary, pg_catalog.float8) IS
	'upper bound of the adjusted-Wald interval for net effort, as for NPS; NULL when empty';

CREATE FUNCTION responses(ces_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'cx_summary_responses'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(ces_summary) IS
	'number of responses (NULL scores are not counted)';

CREATE FUNCTION distribution(ces_summary) RETURNS pg_catalog.int8[]
	AS 'MODULE_PATHNAME', 'cx_summary_distribution'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION distribution(ces_summary) IS
	'counts per score as bigint[] subscripted by the score: distribution(s)[5] is the number of 5s';

CREATE FUNCTION scale_max(ces_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_scale_max'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION scale_max(ces_summary) IS
	'the highest score of the scale (the lowest is 1)';

CREATE FUNCTION mean(ces_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_summary_mean'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean(ces_summary) IS
	'mean score; NULL when empty';

CREATE FUNCTION mean_stderr(ces_summary) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_summary_mean_stderr'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_stderr(ces_summary) IS
	'standard error of the mean score: sample standard deviation / sqrt(n); NULL below 2 responses';

CREATE FUNCTION mean_lower(s ces_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_summary_mean_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_lower(ces_summary, pg_catalog.float8) IS
	'lower bound of the normal-approximation interval for the mean score, clipped to the scale; NULL below 2 responses';

CREATE FUNCTION mean_upper(s ces_summary, confidence pg_catalog.float8 DEFAULT 0.95) RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'cx_summary_mean_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_upper(ces_summary, pg_catalog.float8) IS
	'upper bound of the normal-approximation interval for the mean score, clipped to the scale; NULL below 2 responses';

CREATE FUNCTION mean_test(a ces_summary, b ces_summary,
		confidence pg_catalog.float8 DEFAULT 0.95,
		OUT delta pg_catalog.float8, OUT stderr pg_catalog.float8,
		OUT z pg_catalog.float8, OUT p_value pg_catalog.float8,
		OUT lower pg_catalog.float8, OUT upper pg_catalog.float8) RETURNS record
	AS 'MODULE_PATHNAME', 'cx_summary_mean_test'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mean_test(ces_summary, ces_summary, pg_catalog.float8) IS
	'two-sample z-test of mean(b) against mean(a), on one scale: delta = b - a, its standard error, z, two-sided p-value, and interval';

-- aggregates --------------------------------------------------------------
-- As for NPS: STYPE is the summary itself, a COMBINEFUNC, PARALLEL SAFE and
-- moving-aggregate support.  The forms with a scale argument have no
-- INITCOND: the scale is known only when the first row arrives, so over no
-- rows at all they return NULL, as sum() does.

CREATE AGGREGATE ces_agg(pg_catalog.int2) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	INITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	MINITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.int2) IS
	'CES summary of scores 1..7 (higher is easier, CES 2.0) (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE ces_agg(pg_catalog.int4) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	INITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	MINITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.int4) IS
	'CES summary of scores 1..7 (higher is easier, CES 2.0) (NULL scores are ignored; an empty input gives an empty summary)';

CREATE AGGREGATE ces_agg(pg_catalog.numeric) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	INITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	MINITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.numeric) IS
	'CES summary of whole-number scores 1..7 (higher is easier, CES 2.0) (NULL scores are ignored; an empty input gives an empty summary)';

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

CREATE AGGREGATE ces_agg(pg_catalog.int2, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.int2, pg_catalog.int4, pg_catalog.bool) IS
	'CES summary of scores 1..scale_max, lower_is_better says which end is easy (NULL scores are ignored; no rows at all give NULL)';

CREATE AGGREGATE ces_agg(pg_catalog.int4, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.int4, pg_catalog.int4, pg_catalog.bool) IS
	'CES summary of scores 1..scale_max, lower_is_better says which end is easy (NULL scores are ignored; no rows at all give NULL)';

CREATE AGGREGATE ces_agg(pg_catalog.numeric, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.numeric, pg_catalog.int4, pg_catalog.bool) IS
	'CES summary of whole-number scores 1..scale_max, lower_is_better says which end is easy (NULL scores are ignored; no rows at all give NULL)';

CREATE AGGREGATE ces_agg(pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces_agg(pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) IS
	'CES summary of scores 1..scale_max, lower_is_better says which end is easy (NULL scores are ignored; no rows at all give NULL)';

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

CREATE AGGREGATE ces(pg_catalog.int2) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	INITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	MINITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.int2) IS
	'CES, the mean score, of scores 1..7 (higher is easier, CES 2.0) (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE ces(pg_catalog.int4) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	INITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	MINITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.int4) IS
	'CES, the mean score, of scores 1..7 (higher is easier, CES 2.0) (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE ces(pg_catalog.numeric) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	INITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	MINITCOND = 'v1:1..7:0,0,0,0,0,0,0',
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.numeric) IS
	'CES, the mean score, of whole-number scores 1..7 (higher is easier, CES 2.0) (NULL scores are ignored; NULL for no responses)';

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

CREATE AGGREGATE ces(pg_catalog.int2, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.int2, pg_catalog.int4, pg_catalog.bool) IS
	'CES, the mean score, of scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE ces(pg_catalog.int4, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.int4, pg_catalog.int4, pg_catalog.bool) IS
	'CES, the mean score, of scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE ces(pg_catalog.numeric, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.numeric, pg_catalog.int4, pg_catalog.bool) IS
	'CES, the mean score, of whole-number scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

CREATE AGGREGATE ces(pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) (
	SFUNC = ces_agg_trans, STYPE = ces_summary, FINALFUNC = ces,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_agg_trans, MINVFUNC = ces_agg_inv, MSTYPE = ces_summary, MFINALFUNC = ces,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE ces(pg_catalog.int8, pg_catalog.int4, pg_catalog.bool) IS
	'CES, the mean score, of scores 1..scale_max (NULL scores are ignored; NULL for no responses)';

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

CREATE AGGREGATE rollup(ces_summary) (
	SFUNC = ces_summary_combine, STYPE = ces_summary,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_summary_combine, MINVFUNC = ces_summary_uncombine, MSTYPE = ces_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(ces_summary) IS
	'merges CES summaries of one scale exactly, e.g. daily summaries into months (NULL summaries are ignored; mixing scales is an error)';
