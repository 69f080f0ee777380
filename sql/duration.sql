/* duration.sql: duration_summary, how long cases took (or have been open
 * so far) in log-spaced buckets of a guaranteed relative error, with its
 * aggregates, percentiles, SLA attainment, Kaplan-Meier readers and tests. */

--------------------------------------------------------------------------
-- duration_summary
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
