/* revenue.sql: mrr_timeline, revenue_summary and revenue_tstz_summary:
 * MRR movements (new, expansion, reactivation, contraction, churned), net
 * and gross revenue retention and revenue cohorts, with mrr_agg(),
 * revenue_agg() and the readers. */

--------------------------------------------------------------------------
-- Revenue churn, in two steps as churn_agg() reads one multirange per
-- customer: mrr_agg(during, amount) turns one customer's subscription rows
-- into an mrr_timeline, their MRR as a step function of time; then
-- revenue_agg(timeline, origin, bucket, periods) counts one timeline per
-- customer over churn's grids (src/revenue_agg.c over the pure core
-- src/cx_revenue.c; definitions in DESIGN.md s. 4.1).  Money is exact:
-- numeric in, numeric out, in units of 0.0001.
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
