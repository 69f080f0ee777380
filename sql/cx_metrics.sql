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
