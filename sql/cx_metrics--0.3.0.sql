/* cx_metrics: the install script, part 1: NPS and churn (released in 0.1.0).
 * The Makefile joins the parts listed in SQL_PARTS into
 * sql/cx_metrics--<version>.sql.  Every object carries a COMMENT.
 *
 * Conventions (see ../shared/CONVENTIONS.md): built-in objects are qualified
 * with pg_catalog, no CREATE OR REPLACE, no SECURITY DEFINER.  Functions are
 * IMMUTABLE STRICT PARALLEL SAFE; the C code behind the aggregate support
 * functions updates the state in place only inside an aggregate.
 */

\echo Use "CREATE EXTENSION cx_metrics" to load this file. \quit

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

--------------------------------------------------------------------------
-- Churn: churn_summary (date grids) and churn_tstz_summary (timestamptz
-- grids).  Per-period counters of customers present at each period
-- boundary, churned, new, reactivated, and (optionally) cohort retention,
-- counted in one pass over one row per customer (src/churn.c,
-- src/cx_churn.c; definitions in README, "Churn and retention").  Two
-- types, because the readers return period bounds in the grid's own type.
--------------------------------------------------------------------------

-- churn_summary ------------------------------------------------------------

CREATE TYPE churn_summary;

CREATE FUNCTION churn_summary_in(pg_catalog.cstring) RETURNS churn_summary
	AS 'MODULE_PATHNAME', 'churn_summary_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_summary_in(pg_catalog.cstring) IS
	'text input of churn_summary: "v1;origin=...;bucket=...;periods=...;customers=...;active=...;..."; every count is checked';

CREATE FUNCTION churn_summary_out(churn_summary) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'churn_summary_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_summary_out(churn_summary) IS
	'text output of churn_summary (canonical, exact, versioned): the grid, then the counters';

CREATE FUNCTION churn_summary_recv(pg_catalog.internal) RETURNS churn_summary
	AS 'MODULE_PATHNAME', 'churn_summary_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_summary_recv(pg_catalog.internal) IS
	'binary input of churn_summary, checked as strictly as the text input';

CREATE FUNCTION churn_summary_send(churn_summary) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'churn_summary_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_summary_send(churn_summary) IS
	'binary output of churn_summary: a format version byte, the grid, then the counters';

CREATE TYPE churn_summary (
	INPUT = churn_summary_in,
	OUTPUT = churn_summary_out,
	RECEIVE = churn_summary_recv,
	SEND = churn_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE churn_summary IS
	'churn summary over a date grid: customers present at each period boundary, churned, new and reactivated customers per period, optionally cohort retention; read with churn_periods(), cohort_retention()';

CREATE FUNCTION churn_summary_json(churn_summary) RETURNS pg_catalog.json
	AS 'MODULE_PATHNAME', 'churn_summary_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_summary_json(churn_summary) IS
	'a churn_summary as json: the grid, its boundaries and every counter';

CREATE FUNCTION churn_summary_jsonb(churn_summary) RETURNS pg_catalog.jsonb
	AS 'MODULE_PATHNAME', 'churn_summary_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_summary_jsonb(churn_summary) IS
	'a churn_summary as jsonb: the grid, its boundaries and every counter';

CREATE CAST (churn_summary AS pg_catalog.json) WITH FUNCTION churn_summary_json(churn_summary);
COMMENT ON CAST (churn_summary AS pg_catalog.json) IS
	'a churn_summary as json (also used by to_json and row_to_json)';

CREATE CAST (churn_summary AS pg_catalog.jsonb) WITH FUNCTION churn_summary_jsonb(churn_summary);
COMMENT ON CAST (churn_summary AS pg_catalog.jsonb) IS
	'a churn_summary as jsonb';

CREATE FUNCTION churn_summary_eq(churn_summary, churn_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_summary_eq(churn_summary, churn_summary) IS
	'true when two churn_summary values have the same grid and the same counts';

CREATE FUNCTION churn_summary_ne(churn_summary, churn_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_summary_ne(churn_summary, churn_summary) IS
	'true when two churn_summary values differ in grid or counts';

CREATE FUNCTION churn_summary_hash(churn_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_summary_hash(churn_summary) IS
	'hash of a churn_summary, for hash joins, GROUP BY and DISTINCT';

CREATE OPERATOR = (
	LEFTARG = churn_summary,
	RIGHTARG = churn_summary,
	FUNCTION = churn_summary_eq,
	COMMUTATOR = =,
	NEGATOR = <>,
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR =(churn_summary, churn_summary) IS 'same grid and counts';

CREATE OPERATOR <> (
	LEFTARG = churn_summary,
	RIGHTARG = churn_summary,
	FUNCTION = churn_summary_ne,
	COMMUTATOR = <>,
	NEGATOR = =,
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR <>(churn_summary, churn_summary) IS 'different grid or counts';

CREATE OPERATOR CLASS churn_summary_hash_ops
	DEFAULT FOR TYPE churn_summary USING hash AS
	OPERATOR 1 = (churn_summary, churn_summary),
	FUNCTION 1 churn_summary_hash(churn_summary);
COMMENT ON OPERATOR CLASS churn_summary_hash_ops USING hash IS
	'hash operator class of churn_summary';
COMMENT ON OPERATOR FAMILY churn_summary_hash_ops USING hash IS
	'hash operator family of churn_summary';

CREATE FUNCTION churn_summary_combine(churn_summary, churn_summary) RETURNS churn_summary
	AS 'MODULE_PATHNAME', 'churn_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_summary_combine(churn_summary, churn_summary) IS
	'merges two churn_summary values of the same grid: transition function of rollup() and combine function of churn_agg()';

-- churn_agg() over a date grid: 8 overloads, for a range or a multirange,
-- a number of periods or an end, with or without cohort counters.  Not
-- STRICT: the first row creates the summary from its grid arguments (even
-- if its activity is NULL), and a NULL activity counts nothing.

CREATE FUNCTION churn_agg_trans(churn_summary, pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4) RETURNS churn_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_summary, pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4) IS
	'transition function of churn_agg(activity, origin, bucket, periods) over a range: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_summary, pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) RETURNS churn_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_summary, pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) IS
	'transition function of churn_agg(activity, origin, bucket, periods, max_offset) over a range: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_summary, pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.date) RETURNS churn_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_summary, pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.date) IS
	'transition function of churn_agg(activity, origin, bucket, until) over a range: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_summary, pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.date, pg_catalog.int4) RETURNS churn_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_summary, pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.date, pg_catalog.int4) IS
	'transition function of churn_agg(activity, origin, bucket, until, max_offset) over a range: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_summary, pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4) RETURNS churn_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_summary, pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4) IS
	'transition function of churn_agg(activity, origin, bucket, periods) over a multirange: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_summary, pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) RETURNS churn_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_summary, pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) IS
	'transition function of churn_agg(activity, origin, bucket, periods, max_offset) over a multirange: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_summary, pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.date) RETURNS churn_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_summary, pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.date) IS
	'transition function of churn_agg(activity, origin, bucket, until) over a multirange: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_summary, pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.date, pg_catalog.int4) RETURNS churn_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_summary, pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.date, pg_catalog.int4) IS
	'transition function of churn_agg(activity, origin, bucket, until, max_offset) over a multirange: adds one customer';

CREATE AGGREGATE churn_agg(pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4) (
	SFUNC = churn_agg_trans, STYPE = churn_summary,
	COMBINEFUNC = churn_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4) IS
	'churn per period of one range of activity per customer, over the grid origin + k * bucket given the number of periods; NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) (
	SFUNC = churn_agg_trans, STYPE = churn_summary,
	COMBINEFUNC = churn_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) IS
	'churn per period of one range of activity per customer, over the grid origin + k * bucket given the number of periods; cohort retention for offsets 0..max_offset; NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.date) (
	SFUNC = churn_agg_trans, STYPE = churn_summary,
	COMBINEFUNC = churn_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.date) IS
	'churn per period of one range of activity per customer, over the grid origin + k * bucket given an end (the fewest periods that reach it); NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.date, pg_catalog.int4) (
	SFUNC = churn_agg_trans, STYPE = churn_summary,
	COMBINEFUNC = churn_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.daterange, pg_catalog.date, pg_catalog.interval, pg_catalog.date, pg_catalog.int4) IS
	'churn per period of one range of activity per customer, over the grid origin + k * bucket given an end (the fewest periods that reach it); cohort retention for offsets 0..max_offset; NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4) (
	SFUNC = churn_agg_trans, STYPE = churn_summary,
	COMBINEFUNC = churn_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4) IS
	'churn per period of one multirange of activity per customer, over the grid origin + k * bucket given the number of periods; NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) (
	SFUNC = churn_agg_trans, STYPE = churn_summary,
	COMBINEFUNC = churn_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) IS
	'churn per period of one multirange of activity per customer, over the grid origin + k * bucket given the number of periods; cohort retention for offsets 0..max_offset; NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.date) (
	SFUNC = churn_agg_trans, STYPE = churn_summary,
	COMBINEFUNC = churn_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.date) IS
	'churn per period of one multirange of activity per customer, over the grid origin + k * bucket given an end (the fewest periods that reach it); NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.date, pg_catalog.int4) (
	SFUNC = churn_agg_trans, STYPE = churn_summary,
	COMBINEFUNC = churn_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.datemultirange, pg_catalog.date, pg_catalog.interval, pg_catalog.date, pg_catalog.int4) IS
	'churn per period of one multirange of activity per customer, over the grid origin + k * bucket given an end (the fewest periods that reach it); cohort retention for offsets 0..max_offset; NULL for no rows';

CREATE AGGREGATE rollup(churn_summary) (
	SFUNC = churn_summary_combine, STYPE = churn_summary,
	COMBINEFUNC = churn_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(churn_summary) IS
	'merges churn_summary values of one grid exactly, e.g. per-segment summaries into a total (NULL summaries are ignored; NULL for no rows)';

-- readers -----------------------------------------------------------------

CREATE FUNCTION churn_periods(s churn_summary, method pg_catalog.text DEFAULT 'default',
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
	'one row per period: bounds, customers at start, new, reactivated, churned, at end, new and reactivated lost again, churn and retention rates; method ''default'' (churned / at start) or ''stripe'' ((churned + new_lost) / (at start + new)); rates NULL when the denominator is 0';

CREATE FUNCTION cohort_retention(s churn_summary,
		OUT cohort pg_catalog.date, OUT period_offset pg_catalog.int4,
		OUT cohort_size pg_catalog.int8, OUT retained pg_catalog.int8,
		OUT retention_rate pg_catalog.float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'churn_cohorts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 600;
COMMENT ON FUNCTION cohort_retention(churn_summary) IS
	'cohort retention matrix: per cohort (the period of first activity) and offset 0..max_offset, the cohort size and how many are still present at the end of period cohort + offset; needs churn_agg(..., max_offset)';

CREATE FUNCTION customers(churn_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'churn_customers'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customers(churn_summary) IS
	'number of customers counted: rows whose activity was not NULL or empty';

-- churn_tstz_summary ------------------------------------------------------------

CREATE TYPE churn_tstz_summary;

CREATE FUNCTION churn_tstz_summary_in(pg_catalog.cstring) RETURNS churn_tstz_summary
	AS 'MODULE_PATHNAME', 'churn_tstz_summary_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_tstz_summary_in(pg_catalog.cstring) IS
	'text input of churn_tstz_summary: "v1;origin=...;bucket=...;zone=...;periods=...;customers=...;active=...;..."; every count is checked';

CREATE FUNCTION churn_tstz_summary_out(churn_tstz_summary) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'churn_summary_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_tstz_summary_out(churn_tstz_summary) IS
	'text output of churn_tstz_summary (canonical, exact, versioned): the grid, then the counters';

CREATE FUNCTION churn_tstz_summary_recv(pg_catalog.internal) RETURNS churn_tstz_summary
	AS 'MODULE_PATHNAME', 'churn_tstz_summary_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_tstz_summary_recv(pg_catalog.internal) IS
	'binary input of churn_tstz_summary, checked as strictly as the text input';

CREATE FUNCTION churn_tstz_summary_send(churn_tstz_summary) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'churn_summary_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_tstz_summary_send(churn_tstz_summary) IS
	'binary output of churn_tstz_summary: a format version byte, the grid, then the counters';

CREATE TYPE churn_tstz_summary (
	INPUT = churn_tstz_summary_in,
	OUTPUT = churn_tstz_summary_out,
	RECEIVE = churn_tstz_summary_recv,
	SEND = churn_tstz_summary_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE churn_tstz_summary IS
	'churn summary over a timestamptz grid: customers present at each period boundary, churned, new and reactivated customers per period, optionally cohort retention; read with churn_periods(), cohort_retention()';

CREATE FUNCTION churn_tstz_summary_json(churn_tstz_summary) RETURNS pg_catalog.json
	AS 'MODULE_PATHNAME', 'churn_summary_json'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_tstz_summary_json(churn_tstz_summary) IS
	'a churn_tstz_summary as json: the grid, its boundaries and every counter';

CREATE FUNCTION churn_tstz_summary_jsonb(churn_tstz_summary) RETURNS pg_catalog.jsonb
	AS 'MODULE_PATHNAME', 'churn_summary_jsonb'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_tstz_summary_jsonb(churn_tstz_summary) IS
	'a churn_tstz_summary as jsonb: the grid, its boundaries and every counter';

CREATE CAST (churn_tstz_summary AS pg_catalog.json) WITH FUNCTION churn_tstz_summary_json(churn_tstz_summary);
COMMENT ON CAST (churn_tstz_summary AS pg_catalog.json) IS
	'a churn_tstz_summary as json (also used by to_json and row_to_json)';

CREATE CAST (churn_tstz_summary AS pg_catalog.jsonb) WITH FUNCTION churn_tstz_summary_jsonb(churn_tstz_summary);
COMMENT ON CAST (churn_tstz_summary AS pg_catalog.jsonb) IS
	'a churn_tstz_summary as jsonb';

CREATE FUNCTION churn_tstz_summary_eq(churn_tstz_summary, churn_tstz_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_eq'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_tstz_summary_eq(churn_tstz_summary, churn_tstz_summary) IS
	'true when two churn_tstz_summary values have the same grid and the same counts';

CREATE FUNCTION churn_tstz_summary_ne(churn_tstz_summary, churn_tstz_summary) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'cx_summary_ne'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_tstz_summary_ne(churn_tstz_summary, churn_tstz_summary) IS
	'true when two churn_tstz_summary values differ in grid or counts';

CREATE FUNCTION churn_tstz_summary_hash(churn_tstz_summary) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'cx_summary_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_tstz_summary_hash(churn_tstz_summary) IS
	'hash of a churn_tstz_summary, for hash joins, GROUP BY and DISTINCT';

CREATE OPERATOR = (
	LEFTARG = churn_tstz_summary,
	RIGHTARG = churn_tstz_summary,
	FUNCTION = churn_tstz_summary_eq,
	COMMUTATOR = =,
	NEGATOR = <>,
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel,
	HASHES
);
COMMENT ON OPERATOR =(churn_tstz_summary, churn_tstz_summary) IS 'same grid and counts';

CREATE OPERATOR <> (
	LEFTARG = churn_tstz_summary,
	RIGHTARG = churn_tstz_summary,
	FUNCTION = churn_tstz_summary_ne,
	COMMUTATOR = <>,
	NEGATOR = =,
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR <>(churn_tstz_summary, churn_tstz_summary) IS 'different grid or counts';

CREATE OPERATOR CLASS churn_tstz_summary_hash_ops
	DEFAULT FOR TYPE churn_tstz_summary USING hash AS
	OPERATOR 1 = (churn_tstz_summary, churn_tstz_summary),
	FUNCTION 1 churn_tstz_summary_hash(churn_tstz_summary);
COMMENT ON OPERATOR CLASS churn_tstz_summary_hash_ops USING hash IS
	'hash operator class of churn_tstz_summary';
COMMENT ON OPERATOR FAMILY churn_tstz_summary_hash_ops USING hash IS
	'hash operator family of churn_tstz_summary';

CREATE FUNCTION churn_tstz_summary_combine(churn_tstz_summary, churn_tstz_summary) RETURNS churn_tstz_summary
	AS 'MODULE_PATHNAME', 'churn_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_tstz_summary_combine(churn_tstz_summary, churn_tstz_summary) IS
	'merges two churn_tstz_summary values of the same grid: transition function of rollup() and combine function of churn_agg()';

-- churn_agg() over a timestamptz grid: 8 overloads, for a range or a multirange,
-- a number of periods or an end, with or without cohort counters.  Not
-- STRICT: the first row creates the summary from its grid arguments (even
-- if its activity is NULL), and a NULL activity counts nothing.
-- STABLE: month and day arithmetic follows the session TimeZone, like timestamptz + interval

CREATE FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4) RETURNS churn_tstz_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4) IS
	'transition function of churn_agg(activity, origin, bucket, periods) over a range: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) RETURNS churn_tstz_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) IS
	'transition function of churn_agg(activity, origin, bucket, periods, max_offset) over a range: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz) RETURNS churn_tstz_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz) IS
	'transition function of churn_agg(activity, origin, bucket, until) over a range: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.int4) RETURNS churn_tstz_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.int4) IS
	'transition function of churn_agg(activity, origin, bucket, until, max_offset) over a range: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4) RETURNS churn_tstz_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4) IS
	'transition function of churn_agg(activity, origin, bucket, periods) over a multirange: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) RETURNS churn_tstz_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) IS
	'transition function of churn_agg(activity, origin, bucket, periods, max_offset) over a multirange: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz) RETURNS churn_tstz_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz) IS
	'transition function of churn_agg(activity, origin, bucket, until) over a multirange: adds one customer';

CREATE FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.int4) RETURNS churn_tstz_summary
	AS 'MODULE_PATHNAME', 'churn_trans'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION churn_agg_trans(churn_tstz_summary, pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.int4) IS
	'transition function of churn_agg(activity, origin, bucket, until, max_offset) over a multirange: adds one customer';

CREATE AGGREGATE churn_agg(pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4) (
	SFUNC = churn_agg_trans, STYPE = churn_tstz_summary,
	COMBINEFUNC = churn_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4) IS
	'churn per period of one range of activity per customer, over the grid origin + k * bucket given the number of periods; NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) (
	SFUNC = churn_agg_trans, STYPE = churn_tstz_summary,
	COMBINEFUNC = churn_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) IS
	'churn per period of one range of activity per customer, over the grid origin + k * bucket given the number of periods; cohort retention for offsets 0..max_offset; NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz) (
	SFUNC = churn_agg_trans, STYPE = churn_tstz_summary,
	COMBINEFUNC = churn_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz) IS
	'churn per period of one range of activity per customer, over the grid origin + k * bucket given an end (the fewest periods that reach it); NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.int4) (
	SFUNC = churn_agg_trans, STYPE = churn_tstz_summary,
	COMBINEFUNC = churn_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.tstzrange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.int4) IS
	'churn per period of one range of activity per customer, over the grid origin + k * bucket given an end (the fewest periods that reach it); cohort retention for offsets 0..max_offset; NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4) (
	SFUNC = churn_agg_trans, STYPE = churn_tstz_summary,
	COMBINEFUNC = churn_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4) IS
	'churn per period of one multirange of activity per customer, over the grid origin + k * bucket given the number of periods; NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) (
	SFUNC = churn_agg_trans, STYPE = churn_tstz_summary,
	COMBINEFUNC = churn_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.int4, pg_catalog.int4) IS
	'churn per period of one multirange of activity per customer, over the grid origin + k * bucket given the number of periods; cohort retention for offsets 0..max_offset; NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz) (
	SFUNC = churn_agg_trans, STYPE = churn_tstz_summary,
	COMBINEFUNC = churn_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz) IS
	'churn per period of one multirange of activity per customer, over the grid origin + k * bucket given an end (the fewest periods that reach it); NULL for no rows';

CREATE AGGREGATE churn_agg(pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.int4) (
	SFUNC = churn_agg_trans, STYPE = churn_tstz_summary,
	COMBINEFUNC = churn_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE churn_agg(pg_catalog.tstzmultirange, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.timestamptz, pg_catalog.int4) IS
	'churn per period of one multirange of activity per customer, over the grid origin + k * bucket given an end (the fewest periods that reach it); cohort retention for offsets 0..max_offset; NULL for no rows';

CREATE AGGREGATE rollup(churn_tstz_summary) (
	SFUNC = churn_tstz_summary_combine, STYPE = churn_tstz_summary,
	COMBINEFUNC = churn_tstz_summary_combine,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(churn_tstz_summary) IS
	'merges churn_tstz_summary values of one grid exactly, e.g. per-segment summaries into a total (NULL summaries are ignored; NULL for no rows)';

-- readers -----------------------------------------------------------------

CREATE FUNCTION churn_periods(s churn_tstz_summary, method pg_catalog.text DEFAULT 'default',
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
	'one row per period: bounds, customers at start, new, reactivated, churned, at end, new and reactivated lost again, churn and retention rates; method ''default'' (churned / at start) or ''stripe'' ((churned + new_lost) / (at start + new)); rates NULL when the denominator is 0';

CREATE FUNCTION cohort_retention(s churn_tstz_summary,
		OUT cohort pg_catalog.timestamptz, OUT period_offset pg_catalog.int4,
		OUT cohort_size pg_catalog.int8, OUT retained pg_catalog.int8,
		OUT retention_rate pg_catalog.float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'churn_cohorts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 600;
COMMENT ON FUNCTION cohort_retention(churn_tstz_summary) IS
	'cohort retention matrix: per cohort (the period of first activity) and offset 0..max_offset, the cohort size and how many are still present at the end of period cohort + offset; needs churn_agg(..., max_offset)';

CREATE FUNCTION customers(churn_tstz_summary) RETURNS pg_catalog.int8
	AS 'MODULE_PATHNAME', 'churn_customers'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customers(churn_tstz_summary) IS
	'number of customers counted: rows whose activity was not NULL or empty';

-- scalar helpers, for users who have only two counts ----------------------

CREATE FUNCTION churn_rate(customers_at_start pg_catalog.int8, customers_lost pg_catalog.int8)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'churn_rate_counts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_rate(pg_catalog.int8, pg_catalog.int8) IS
	'churn rate from two counts: customers_lost / customers_at_start, where customers_lost are customers of the start who left during the period (so at most customers_at_start); NULL when customers_at_start is 0';

CREATE FUNCTION churn_rate_naive(customers_at_start pg_catalog.int8, customers_at_end pg_catalog.int8)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'churn_rate_naive'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION churn_rate_naive(pg_catalog.int8, pg_catalog.int8) IS
	'NAIVE churn rate (customers_at_start - customers_at_end) / customers_at_start; right only when no customer joined during the period: every new customer hides a lost one (500 at start, 50 lost and 50 new gives 0, not 0.10), and it turns negative when more join than leave. Prefer churn_rate(at_start, lost) or churn_periods(); NULL when customers_at_start is 0';
/* cx_metrics: the install script, part 2: CSAT and CES (new in 0.2.0).
 * Both types are the NPS summary's struct on another scale (src/csat.c,
 * src/ces.c; the C support functions are the NPS ones where they can be).
 */

\echo Use "CREATE EXTENSION cx_metrics" to load this file. \quit

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

CREATE AGGREGATE rollup(csat_summary) (
	SFUNC = csat_summary_combine, STYPE = csat_summary,
	COMBINEFUNC = csat_summary_combine,
	MSFUNC = csat_summary_combine, MINVFUNC = csat_summary_uncombine, MSTYPE = csat_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(csat_summary) IS
	'merges CSAT summaries of one scale exactly, e.g. daily summaries into months (NULL summaries are ignored; mixing scales is an error)';

--------------------------------------------------------------------------
-- ces_summary: 
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

CREATE AGGREGATE rollup(ces_summary) (
	SFUNC = ces_summary_combine, STYPE = ces_summary,
	COMBINEFUNC = ces_summary_combine,
	MSFUNC = ces_summary_combine, MINVFUNC = ces_summary_uncombine, MSTYPE = ces_summary,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(ces_summary) IS
	'merges CES summaries of one scale exactly, e.g. daily summaries into months (NULL summaries are ignored; mixing scales is an error)';

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
/* cx_metrics: the install script, part 3: the touchpoint schema (new in 0.2.0). */

\echo Use "CREATE EXTENSION cx_metrics" to load this file. \quit

/*
 * The journey tables are not members of the extension.  cx_journey_create()
 * creates them, in a schema the caller names and owned by the caller, with
 * the customer id in the CRM's own key type (a member table could not take
 * the type as a parameter).  pg_dump then dumps them as ordinary user data;
 * ALTER EXTENSION UPDATE never rewrites them; and DROP EXTENSION without
 * CASCADE fails, because the views and the daily summary tables depend on
 * the extension's types and functions.  See README, "Touchpoints and
 * journey".
 *
 * Both functions below run dynamic SQL built with format() (%I for every
 * identifier, %L for every literal) under SET search_path = pg_catalog,
 * pg_temp: built-in functions and operators in the generated view text
 * resolve to pg_catalog when the views are created (pg_temp is never
 * searched for functions or operators), and views store what they resolved
 * by OID, so later search_path settings cannot change them.  Our own
 * functions are qualified with the extension's schema, looked up at run
 * time in pg_extension: the extension is relocatable, so @extschema@ cannot
 * be used.  Neither is SECURITY DEFINER: everything is created, read and
 * written with the caller's rights.
 */

CREATE FUNCTION cx_journey_create(schema_name pg_catalog.text,
	customer_id_type pg_catalog.regtype DEFAULT 'pg_catalog.int8',
	csat_scale_max pg_catalog.int4 DEFAULT 5,
	ces_scale_max pg_catalog.int4 DEFAULT 7,
	ces_lower_is_better pg_catalog.bool DEFAULT false)
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
	ces_higher_is_better boolean;
	kind text;
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
BEGIN
	-- Arguments.
	IF schema_name IS NULL OR customer_id_type IS NULL OR csat_scale_max IS NULL
		OR ces_scale_max IS NULL OR ces_lower_is_better IS NULL THEN
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
	ces_higher_is_better := NOT ces_lower_is_better;

	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';
	IF e IS NULL THEN
		RAISE EXCEPTION 'extension "cx_metrics" is not installed in this database'
			USING ERRCODE = 'undefined_object';
	END IF;

	IF to_regclass(format('%I.%I', s, 'touchpoints')) IS NOT NULL THEN
		RAISE EXCEPTION 'schema "%" already holds a journey', s
			USING ERRCODE = 'duplicate_table',
				HINT = 'Pick another schema name, or drop that schema''s journey tables first.';
	END IF;

	EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', s);

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
				CONSTRAINT subscriptions_active_has_start CHECK (NOT isempty(active) AND NOT lower_inf(active))
		)$$, s, idtype);
	EXECUTE format('CREATE INDEX ON %I.subscriptions (customer_id)', s);

	EXECUTE format($$
		CREATE TABLE %1$I.goals (
			goal_id         integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			name            text NOT NULL CONSTRAINT goals_name_unique UNIQUE,
			metric          text NOT NULL
				CONSTRAINT goals_metric_check CHECK (metric IN ('nps', 'csat', 'ces', 'churn_rate',
					'first_response_time', 'resolution_time')),
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
			CONSTRAINT goals_churn_rate_for_everything
				CHECK (metric <> 'churn_rate' OR (stage IS NULL AND touchpoint_id IS NULL)),
			CONSTRAINT goals_due_after_target_start CHECK (due_date > lower(target_period))
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
	-- Percentiles do not roll up from daily percentiles, so the daily table
	-- keeps every interaction's times (NULL: no response or resolution
	-- yet), in hours, one array element per interaction: narrow, and the
	-- monthly percentiles from it are exact.
	EXECUTE format($$
		CREATE TABLE %1$I.daily_interactions (
			day                  date NOT NULL,
			touchpoint_id        integer NOT NULL
				CONSTRAINT daily_interactions_touchpoint_id_fkey REFERENCES %1$I.touchpoints,
			interactions         integer NOT NULL,
			first_response_hours float8[] NOT NULL,
			resolution_hours     float8[] NOT NULL,
			PRIMARY KEY (day, touchpoint_id),
			CONSTRAINT daily_interactions_one_time_each CHECK (
				cardinality(first_response_hours) = interactions AND cardinality(resolution_hours) = interactions)
		)$$, s);
	EXECUTE format('CREATE INDEX ON %I.daily_interactions (touchpoint_id, day)', s);

	-- Scorecards: three groupings, each from the raw rows and from the
	-- daily tables, generated from one template.  Every branch feeds one
	-- stream of rows (responses, then interactions) into one GROUP BY, so
	-- that filters on month, stage or touchpoint_id push down into both
	-- tables.  csat_agg(score, k) over a group with rows but no CSAT score
	-- gives an empty summary (n = 0), never NULL; rollup() of no summaries
	-- gives NULL, hence the coalesce() on the counts.
	FOREACH src IN ARRAY ARRAY['raw', 'daily'] LOOP
		IF src = 'raw' THEN
			u := format($$
				SELECT date_trunc('month', x.responded_at)::date AS month, x.touchpoint_id,
				       CASE WHEN x.metric = 'nps' THEN x.score END AS nps_score,
				       CASE WHEN x.metric = 'csat' THEN x.score END AS csat_score,
				       CASE WHEN x.metric = 'ces' THEN x.score END AS ces_score,
				       false AS interaction, NULL::float8 AS first_response_h, NULL::float8 AS resolution_h
				FROM %1$I.responses x
				UNION ALL
				SELECT date_trunc('month', y.opened_at)::date, y.touchpoint_id,
				       NULL::smallint, NULL::smallint, NULL::smallint, true,
				       (extract(epoch FROM y.first_response_at - y.opened_at) / 3600)::float8,
				       (extract(epoch FROM y.resolved_at - y.opened_at) / 3600)::float8
				FROM %1$I.interactions y$$, s);
			aggs := format($$
				%1$I.nps_agg(u.nps_score) AS nps_s,
				%1$I.csat_agg(u.csat_score, %2$L::integer) AS csat_s,
				%1$I.ces_agg(u.ces_score, %3$L::integer, %4$L::boolean) AS ces_s$$,
				e, csat_scale_max, ces_scale_max, ces_lower_is_better);
		ELSE
			u := format($$
				SELECT date_trunc('month', d.day::timestamp)::date AS month, d.touchpoint_id,
				       d.nps AS nps_s, d.csat AS csat_s, d.ces AS ces_s,
				       false AS interaction, NULL::float8 AS first_response_h, NULL::float8 AS resolution_h
				FROM %1$I.daily_summaries d
				UNION ALL
				SELECT date_trunc('month', di.day::timestamp)::date, di.touchpoint_id,
				       NULL::%2$I.nps_summary, NULL::%2$I.csat_summary, NULL::%2$I.ces_summary, true,
				       h.first_response_h, h.resolution_h
				FROM %1$I.daily_interactions di
				     CROSS JOIN LATERAL unnest(di.first_response_hours, di.resolution_hours)
				         AS h(first_response_h, resolution_h)$$, s, e);
			aggs := format($$
				%1$I.rollup(u.nps_s) AS nps_s,
				%1$I.rollup(u.csat_s) AS csat_s,
				%1$I.rollup(u.ces_s) AS ces_s$$, e);
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
				       coalesce(%4$I.responses(a.csat_s), 0) AS csat_n,
				       %4$I.csat(a.csat_s) AS csat,
				       %4$I.csat_lower(a.csat_s) AS csat_lower,
				       %4$I.csat_upper(a.csat_s) AS csat_upper,
				       coalesce(%4$I.responses(a.ces_s), 0) AS ces_n,
				       %4$I.ces(a.ces_s) AS ces,
				       %4$I.mean_lower(a.ces_s) AS ces_lower,
				       %4$I.mean_upper(a.ces_s) AS ces_upper,
				       a.interactions,
				       a.first_response_h[1] AS first_response_p50_h,
				       a.first_response_h[2] AS first_response_p90_h,
				       a.resolution_h[1] AS resolution_p50_h,
				       a.resolution_h[2] AS resolution_p90_h
				FROM (SELECT u.month, %5$s %6$s,
				             count(*) FILTER (WHERE u.interaction) AS interactions,
				             percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY u.first_response_h) AS first_response_h,
				             percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY u.resolution_h) AS resolution_h
				      FROM (%7$s) AS u
				      JOIN %8$I.touchpoints t ON t.touchpoint_id = u.touchpoint_id
				      GROUP BY u.month %9$s) AS a$$,
				s, view_name, keys_out, e, keys_select, aggs, u, s, keys_group);
			EXECUTE view_sql;
			EXECUTE format('COMMENT ON VIEW %I.%I IS %L', s, view_name,
				format('scorecard per month%s, from %s: responses, NPS, CSAT %% and mean CES with 95%% intervals, interactions and median and 90th-percentile first-response and resolution times in hours; months and days in the session time zone',
					CASE grp WHEN 'touchpoint' THEN ' and touchpoint' WHEN 'stage' THEN ' and journey stage' ELSE '' END,
					CASE src WHEN 'raw' THEN 'the raw responses and interactions (row-level security on them applies)'
						ELSE 'daily_summaries and daily_interactions (refresh them with cx_journey_refresh)' END));
			FOR col IN SELECT * FROM (VALUES
				('month', 'first day of the month'),
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
				('interactions', 'service interactions opened in the month'),
				('first_response_p50_h', 'median hours from opening to first response, of the interactions that had one'),
				('first_response_p90_h', '90th percentile of the hours from opening to first response'),
				('resolution_p50_h', 'median hours from opening to resolution, of the interactions resolved'),
				('resolution_p90_h', '90th percentile of the hours from opening to resolution')) AS c(name, comment)
			LOOP
				EXECUTE format('COMMENT ON COLUMN %I.%I.%I IS %L', s, view_name, col.name, col.comment);
			END LOOP;
		END LOOP;
	END LOOP;

	-- Goal progress.  Each metric has its own branch; the branches of the
	-- other metrics are skipped by a one-time filter on g.metric.
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
		       v.p_value, v.baseline_n, v.current_n, g.due_date,
		       CASE WHEN v.current IS NULL OR tv.target_value IS NULL THEN NULL
		            WHEN hb.higher_is_better AND v.current >= tv.target_value THEN true
		            WHEN NOT hb.higher_is_better AND v.current <= tv.target_value THEN true
		            WHEN current_date >= g.due_date THEN false
		            WHEN hb.higher_is_better THEN v.current >= ex.expected
		            ELSE v.current <= ex.expected END AS on_track
		FROM %1$I.goals g
		LEFT JOIN %1$I.touchpoints tp ON tp.touchpoint_id = g.touchpoint_id
		CROSS JOIN LATERAL (SELECT CASE WHEN g.metric IN ('nps', 'csat') THEN true
		                                WHEN g.metric = 'ces' THEN %5$L::boolean
		                                ELSE false END AS higher_is_better) AS hb
		LEFT JOIN LATERAL (
			SELECT %2$I.nps(r.a) AS baseline, %2$I.nps(r.b) AS current,
			       (%2$I.nps_test(r.a, r.b)).p_value AS p_value,
			       %2$I.responses(r.a) AS baseline_n, %2$I.responses(r.b) AS current_n
			FROM (SELECT %2$I.nps_agg(x.score) FILTER (WHERE x.responded_at >= lower(g.baseline_period)
			                                             AND x.responded_at < upper(g.baseline_period)) AS a,
			             %2$I.nps_agg(x.score) FILTER (WHERE x.responded_at >= lower(g.target_period)
			                                             AND x.responded_at < upper(g.target_period)) AS b
			      FROM %1$I.responses x JOIN %1$I.touchpoints t ON t.touchpoint_id = x.touchpoint_id
			      WHERE x.metric = 'nps'
			        AND (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR x.touchpoint_id = g.touchpoint_id)
			        AND ((x.responded_at >= lower(g.baseline_period) AND x.responded_at < upper(g.baseline_period))
			          OR (x.responded_at >= lower(g.target_period) AND x.responded_at < upper(g.target_period)))) AS r
			WHERE g.metric = 'nps'
			UNION ALL
			SELECT %2$I.csat(r.a), %2$I.csat(r.b), (%2$I.csat_test(r.a, r.b)).p_value,
			       coalesce(%2$I.responses(r.a), 0), coalesce(%2$I.responses(r.b), 0)
			FROM (SELECT %2$I.csat_agg(x.score, %3$L::integer) FILTER (WHERE x.responded_at >= lower(g.baseline_period)
			                                                   AND x.responded_at < upper(g.baseline_period)) AS a,
			             %2$I.csat_agg(x.score, %3$L::integer) FILTER (WHERE x.responded_at >= lower(g.target_period)
			                                                   AND x.responded_at < upper(g.target_period)) AS b
			      FROM %1$I.responses x JOIN %1$I.touchpoints t ON t.touchpoint_id = x.touchpoint_id
			      WHERE x.metric = 'csat'
			        AND (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR x.touchpoint_id = g.touchpoint_id)
			        AND ((x.responded_at >= lower(g.baseline_period) AND x.responded_at < upper(g.baseline_period))
			          OR (x.responded_at >= lower(g.target_period) AND x.responded_at < upper(g.target_period)))) AS r
			WHERE g.metric = 'csat'
			UNION ALL
			SELECT %2$I.ces(r.a), %2$I.ces(r.b), (%2$I.mean_test(r.a, r.b)).p_value,
			       coalesce(%2$I.responses(r.a), 0), coalesce(%2$I.responses(r.b), 0)
			FROM (SELECT %2$I.ces_agg(x.score, %4$L::integer, %6$L::boolean) FILTER (WHERE x.responded_at >= lower(g.baseline_period)
			                                                           AND x.responded_at < upper(g.baseline_period)) AS a,
			             %2$I.ces_agg(x.score, %4$L::integer, %6$L::boolean) FILTER (WHERE x.responded_at >= lower(g.target_period)
			                                                           AND x.responded_at < upper(g.target_period)) AS b
			      FROM %1$I.responses x JOIN %1$I.touchpoints t ON t.touchpoint_id = x.touchpoint_id
			      WHERE x.metric = 'ces'
			        AND (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR x.touchpoint_id = g.touchpoint_id)
			        AND ((x.responded_at >= lower(g.baseline_period) AND x.responded_at < upper(g.baseline_period))
			          OR (x.responded_at >= lower(g.target_period) AND x.responded_at < upper(g.target_period)))) AS r
			WHERE g.metric = 'ces'
			UNION ALL
			SELECT ca.churn_rate, cb.churn_rate,
			       CASE WHEN ca.customers_at_start > 0 AND cb.customers_at_start > 0 THEN
			           (%2$I.proportion_test(ca.churned, ca.customers_at_start, cb.churned, cb.customers_at_start)).p_value END,
			       coalesce(ca.customers_at_start, 0), coalesce(cb.customers_at_start, 0)
			FROM (SELECT %2$I.churn_agg(c.activity, lower(g.baseline_period),
			                            (upper(g.baseline_period) - lower(g.baseline_period)) * interval '1 day', 1) AS a,
			             %2$I.churn_agg(c.activity, lower(g.target_period),
			                            (upper(g.target_period) - lower(g.target_period)) * interval '1 day', 1) AS b
			      FROM (SELECT sb.customer_id, range_agg(sb.active) AS activity
			            FROM %1$I.subscriptions sb GROUP BY sb.customer_id) AS c) AS r
			     LEFT JOIN LATERAL %2$I.churn_periods(r.a) AS ca ON true
			     LEFT JOIN LATERAL %2$I.churn_periods(r.b) AS cb ON true
			WHERE g.metric = 'churn_rate'
			UNION ALL
			SELECT r.mean_a, r.mean_b,
			       CASE WHEN r.n_a >= 2 AND r.n_b >= 2 THEN
			           (%2$I.mean_test(r.mean_a, r.sd_a, r.n_a, r.mean_b, r.sd_b, r.n_b)).p_value END,
			       r.n_a, r.n_b
			FROM (SELECT (avg(h.hours) FILTER (WHERE y.opened_at >= lower(g.baseline_period) AND y.opened_at < upper(g.baseline_period)))::float8 AS mean_a,
			             (stddev_samp(h.hours) FILTER (WHERE y.opened_at >= lower(g.baseline_period) AND y.opened_at < upper(g.baseline_period)))::float8 AS sd_a,
			             count(h.hours) FILTER (WHERE y.opened_at >= lower(g.baseline_period) AND y.opened_at < upper(g.baseline_period)) AS n_a,
			             (avg(h.hours) FILTER (WHERE y.opened_at >= lower(g.target_period) AND y.opened_at < upper(g.target_period)))::float8 AS mean_b,
			             (stddev_samp(h.hours) FILTER (WHERE y.opened_at >= lower(g.target_period) AND y.opened_at < upper(g.target_period)))::float8 AS sd_b,
			             count(h.hours) FILTER (WHERE y.opened_at >= lower(g.target_period) AND y.opened_at < upper(g.target_period)) AS n_b
			      FROM %1$I.interactions y JOIN %1$I.touchpoints t ON t.touchpoint_id = y.touchpoint_id
			           -- numeric, so that the mean does not depend on the
			           -- order the rows are read in (float sums do)
			           CROSS JOIN LATERAL (SELECT extract(epoch FROM CASE WHEN g.metric = 'first_response_time'
			                                                         THEN y.first_response_at ELSE y.resolved_at END
			                                                - y.opened_at) / 3600 AS hours) AS h
			      WHERE (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR y.touchpoint_id = g.touchpoint_id)
			        AND ((y.opened_at >= lower(g.baseline_period) AND y.opened_at < upper(g.baseline_period))
			          OR (y.opened_at >= lower(g.target_period) AND y.opened_at < upper(g.target_period)))) AS r
			WHERE g.metric IN ('first_response_time', 'resolution_time')
		) AS v ON true
		CROSS JOIN LATERAL (SELECT CASE g.target_kind
		                               WHEN 'value' THEN g.target::float8
		                               WHEN 'change' THEN v.baseline + g.target::float8
		                               ELSE v.baseline * (1 + g.target::float8 / 100) END AS target_value) AS tv
		CROSS JOIN LATERAL (SELECT v.baseline + (tv.target_value - v.baseline)
		                               * least(greatest((current_date - lower(g.target_period))::float8
		                                                / (g.due_date - lower(g.target_period)), 0), 1) AS expected) AS ex
		$$, s, e, csat_scale_max, ces_scale_max, ces_higher_is_better, ces_lower_is_better);
	-- Comments.
	EXECUTE format('COMMENT ON TABLE %I.journey_stages IS %L', s,
		'the stages of the customer journey, in order: before_purchase, purchase, after_purchase');
	EXECUTE format('COMMENT ON TABLE %I.touchpoints IS %L', s,
		'every place a customer meets the company: a stage, a category (product, interaction, message, environment), a channel; the default catalog is installed by cx_journey_create; add your own rows, switch rows off with active = false');
	EXECUTE format('COMMENT ON TABLE %I.metric_scales IS %L', s,
		format('the scale of each survey metric in this journey, fixed by cx_journey_create: NPS 0..10, CSAT 1..%s, CES 1..%s (%s); the responses_score_in_scale constraint enforces them',
			csat_scale_max, ces_scale_max, CASE WHEN ces_lower_is_better THEN 'lower is easier' ELSE 'higher is easier' END));
	EXECUTE format('COMMENT ON TABLE %I.responses IS %L', s,
		'survey responses: one score of one metric (nps, csat, ces) at one touchpoint; a NULL score is a question not answered; weight is kept for your own weighted analyses (the views count each response once)');
	EXECUTE format('COMMENT ON TABLE %I.interactions IS %L', s,
		'service interactions (cases, tickets, calls): opened, first response and resolution times, which give response and resolution times');
	EXECUTE format('COMMENT ON TABLE %I.subscriptions IS %L', s,
		'customer subscriptions: the days each was active, [start, end) with no end while still active; churn is computed from them');
	EXECUTE format('COMMENT ON TABLE %I.goals IS %L', s,
		'SMART goals: a metric, a scope (everything, a stage or a touchpoint), a baseline period, a target period, a target (a value, a change in points, or a change in percent of the baseline) and a due date; see goal_progress');
	EXECUTE format('COMMENT ON TABLE %I.daily_summaries IS %L', s,
		'NPS, CSAT and CES summaries per day and touchpoint, filled by cx_journey_refresh; the *_from_daily scorecards roll them up');
	EXECUTE format('COMMENT ON TABLE %I.daily_interactions IS %L', s,
		'per day and touchpoint, the first-response and resolution hours of every interaction opened that day (NULL: none yet), filled by cx_journey_refresh; percentiles need every time, since they do not roll up from daily percentiles');
	EXECUTE format('COMMENT ON VIEW %I.goal_progress IS %L', s,
		'progress of each goal: baseline = the metric over baseline_period, current = over target_period (so far), change = current - baseline, target_value = the value to reach (target itself, baseline + target, or baseline * (1 + target / 100)), met = current at or beyond target_value in the direction that is better for the metric (higher for NPS, CSAT and CES on a higher-is-easier scale; lower for churn rate, times and lower-is-easier CES), p_value = two-sided p-value of the change (nps_test, csat_test, mean_test on the CES summaries, proportion_test on churned / customers at start, mean_test on the mean, standard deviation and count of hours for times: time goals are measured on the mean, not the median), on_track = met, or, before due_date, current at least as good as baseline + (target_value - baseline) * the elapsed share of the time from the start of target_period to due_date; churn_rate is the share of the customers at the start of a period who churned in it (0..1)');
END
$function$;
COMMENT ON FUNCTION cx_journey_create(pg_catalog.text, pg_catalog.regtype, pg_catalog.int4, pg_catalog.int4, pg_catalog.bool) IS
	'creates a touchpoint schema in the named schema (created if missing), owned by the caller: stages, the default touchpoint catalog, metric scales, responses, interactions, subscriptions, goals, daily summaries, the scorecard views and goal_progress; the customer id has the given type';

CREATE FUNCTION cx_journey_refresh(schema_name pg_catalog.text, from_day pg_catalog.date, to_day pg_catalog.date,
	trust_owner pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it writes tables; not STRICT: a NULL
	-- argument is an error
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	s text := schema_name;
	e text;
	csat_k integer;
	ces_k integer;
	ces_lower boolean;
	n1 bigint;
	n2 bigint;
	foreign_table text;
	foreign_owner text;
BEGIN
	IF schema_name IS NULL OR from_day IS NULL OR to_day IS NULL OR trust_owner IS NULL THEN
		RAISE EXCEPTION 'cx_journey_refresh arguments must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF from_day > to_day OR NOT isfinite(from_day) OR NOT isfinite(to_day) THEN
		RAISE EXCEPTION 'invalid day range % to %', from_day, to_day
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = 'from_day and to_day are finite dates, from_day on or before to_day; both days are refreshed.';
	END IF;
	-- The snapshot of a REPEATABLE READ or SERIALIZABLE transaction is
	-- taken before the lock below: it would not see the rows a concurrent
	-- refresh committed meanwhile, and fail on them (40001 or 23505).
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
	-- A refresh runs the triggers, defaults, constraints and functions of
	-- the tables it reads and writes with the caller's rights: code that
	-- their owner wrote.  Unless the caller trusts that owner, the tables
	-- must be owned by the caller or by a role the caller is a member of,
	-- through pg_auth_members: a superuser is no exception.
	IF NOT trust_owner THEN
		WITH RECURSIVE mine(r) AS (
			SELECT oid FROM pg_roles WHERE rolname = current_user
			UNION
			SELECT m.roleid FROM pg_auth_members m JOIN mine ON m.member = mine.r)
		SELECT c.relname, pg_get_userbyid(c.relowner) INTO foreign_table, foreign_owner
		FROM pg_class c
		WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = s)
		  AND c.relname IN ('metric_scales', 'responses', 'interactions', 'daily_summaries', 'daily_interactions')
		  AND c.relowner NOT IN (SELECT r FROM mine)
		ORDER BY c.relname
		LIMIT 1;
		IF foreign_table IS NOT NULL THEN
			RAISE EXCEPTION 'table %.% is owned by role %, not by you or a role you are a member of',
					quote_ident(s), quote_ident(foreign_table), quote_ident(foreign_owner)
				USING ERRCODE = 'insufficient_privilege',
					DETAIL = 'A refresh runs the triggers, defaults and functions of the journey''s tables with your rights.',
					HINT = format('Refresh as %I (or a member of it), or pass trust_owner => true if you trust that role''s code.', foreign_owner);
		END IF;
	END IF;
	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';

	EXECUTE format($$SELECT max(scale_max) FILTER (WHERE metric = 'csat'),
	                        max(scale_max) FILTER (WHERE metric = 'ces'),
	                        bool_or(lower_is_better) FILTER (WHERE metric = 'ces')
	                 FROM %I.metric_scales$$, s)
		INTO csat_k, ces_k, ces_lower;

	-- One refresh at a time per journey; readers are not blocked.
	EXECUTE format('LOCK TABLE %1$I.daily_summaries, %1$I.daily_interactions IN SHARE ROW EXCLUSIVE MODE', s);
	EXECUTE format('DELETE FROM %I.daily_summaries WHERE day BETWEEN $1 AND $2', s) USING from_day, to_day;
	EXECUTE format('DELETE FROM %I.daily_interactions WHERE day BETWEEN $1 AND $2', s) USING from_day, to_day;
	-- Days are those of the session time zone, like the scorecards' months.
	EXECUTE format($$
		INSERT INTO %1$I.daily_summaries (day, touchpoint_id, nps, csat, ces)
		SELECT x.responded_at::date, x.touchpoint_id,
		       %2$I.nps_agg(CASE WHEN x.metric = 'nps' THEN x.score END),
		       %2$I.csat_agg(CASE WHEN x.metric = 'csat' THEN x.score END, $3),
		       %2$I.ces_agg(CASE WHEN x.metric = 'ces' THEN x.score END, $4, $5)
		FROM %1$I.responses x
		WHERE x.responded_at >= $1::timestamptz AND x.responded_at < ($2 + 1)::timestamptz
		GROUP BY 1, 2$$, s, e)
		USING from_day, to_day, csat_k, ces_k, ces_lower;
	GET DIAGNOSTICS n1 = ROW_COUNT;
	EXECUTE format($$
		INSERT INTO %1$I.daily_interactions (day, touchpoint_id, interactions, first_response_hours, resolution_hours)
		SELECT y.opened_at::date, y.touchpoint_id, count(*),
		       array_agg((extract(epoch FROM y.first_response_at - y.opened_at) / 3600)::float8),
		       array_agg((extract(epoch FROM y.resolved_at - y.opened_at) / 3600)::float8)
		FROM %1$I.interactions y
		WHERE y.opened_at >= $1::timestamptz AND y.opened_at < ($2 + 1)::timestamptz
		GROUP BY 1, 2$$, s)
		USING from_day, to_day;
	GET DIAGNOSTICS n2 = ROW_COUNT;
	RETURN n1 + n2;
END
$function$;
COMMENT ON FUNCTION cx_journey_refresh(pg_catalog.text, pg_catalog.date, pg_catalog.date, pg_catalog.bool) IS
	'recomputes the daily_summaries and daily_interactions rows of a journey schema for the days from_day to to_day (both included, days of the session time zone) from its responses and interactions; returns the number of rows written; runs at isolation level READ COMMITTED only, and only on tables owned by the caller or a role the caller is a member of, unless trust_owner is true';
