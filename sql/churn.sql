/* churn.sql: churn_summary and churn_tstz_summary, customer churn per
 * period and cohort retention, with churn_agg(), the readers, the scalar
 * helpers and the deprecated names kept until 0.5.0. */

--------------------------------------------------------------------------
-- Churn: churn_summary (date grids) and churn_tstz_summary (timestamptz
-- grids).  Per-period counters of customers present at each period
-- boundary, churned, new, reactivated, and (optionally) cohort retention,
-- counted in one pass over one row per customer (src/churn_agg.c over the
-- pure core src/cx_churn.c; definitions in DESIGN.md s. 4).  Two
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
	'churn summary over a date grid: customers present at each period boundary, churned, new and reactivated customers per period, optionally cohort retention; read with churn_periods(), churn_cohort_retention()';

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

CREATE FUNCTION churn_periods(s churn_summary, method pg_catalog.text DEFAULT 'at_start',
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

CREATE FUNCTION churn_cohort_retention(s churn_summary,
		OUT cohort pg_catalog.date, OUT period_offset pg_catalog.int4,
		OUT cohort_size pg_catalog.int8, OUT retained pg_catalog.int8,
		OUT retention_rate pg_catalog.float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'churn_cohorts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 600;
COMMENT ON FUNCTION churn_cohort_retention(churn_summary) IS
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
	'churn summary over a timestamptz grid: customers present at each period boundary, churned, new and reactivated customers per period, optionally cohort retention; read with churn_periods(), churn_cohort_retention()';

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

CREATE FUNCTION churn_periods(s churn_tstz_summary, method pg_catalog.text DEFAULT 'at_start',
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

CREATE FUNCTION churn_cohort_retention(s churn_tstz_summary,
		OUT cohort pg_catalog.timestamptz, OUT period_offset pg_catalog.int4,
		OUT cohort_size pg_catalog.int8, OUT retained pg_catalog.int8,
		OUT retention_rate pg_catalog.float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'churn_cohorts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 600;
COMMENT ON FUNCTION churn_cohort_retention(churn_tstz_summary) IS
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

-- deprecated names, kept until 0.5.0 -----------------------------------------
-- cohort_retention() was the one churn reader without the churn_ prefix:
-- the same C function under its 0.3.0 name, so queries written for 0.3.0
-- keep working for one release.

CREATE FUNCTION cohort_retention(s churn_summary,
		OUT cohort pg_catalog.date, OUT period_offset pg_catalog.int4,
		OUT cohort_size pg_catalog.int8, OUT retained pg_catalog.int8,
		OUT retention_rate pg_catalog.float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'churn_cohorts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 600;
COMMENT ON FUNCTION cohort_retention(churn_summary) IS
	'deprecated alias of churn_cohort_retention; removed in 0.5.0';

CREATE FUNCTION cohort_retention(s churn_tstz_summary,
		OUT cohort pg_catalog.timestamptz, OUT period_offset pg_catalog.int4,
		OUT cohort_size pg_catalog.int8, OUT retained pg_catalog.int8,
		OUT retention_rate pg_catalog.float8)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'churn_cohorts'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 600;
COMMENT ON FUNCTION cohort_retention(churn_tstz_summary) IS
	'deprecated alias of churn_cohort_retention; removed in 0.5.0';
