-- duration_survival: Kaplan-Meier survival, Greenwood standard errors, KM
-- percentiles with their confidence intervals (conf.type 'log', 'log-log',
-- 'plain'), the log-rank test and Welch's test of duration_summary, against
-- values computed independently: by hand where the case is small, and with R
-- 4.2.2, survival 3.5.3, for the rest.  The rules R follows, as pseudo-code,
-- are in /work/reports/r_rules.md (quantile.survfit, survfit_confint,
-- survdiff, t.test).
--
-- Tolerances.  A summary puts an event at its bucket's representative value,
-- within alpha = 1% of the true time, so a time (a KM percentile or a bound
-- of its interval) is checked to 1% of R's time plus 1 microsecond (interval
-- resolution): near_time().  Survival values and standard errors are exact
-- (1e-9) when every distinct time of the data is in a bucket of its own: the
-- first query checks that no two distinct times are within a ratio of
-- gamma = 1.01 / 0.99 = 1.0202..., so the bucket order is the time order.
-- survival(s, t) is read between event times (never within 1% of one).
-- Intervals of duration_test are checked to 1 microsecond: near_us().
-- R's NA is NULL here: near_time(NULL, NULL) and near_value(NULL, NULL) hold.

CREATE FUNCTION near_time(got interval, want_seconds float8) RETURNS boolean
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT CASE WHEN want_seconds IS NULL THEN got IS NULL
				 ELSE coalesce(abs(extract(epoch FROM got)::float8 - want_seconds)
							   <= 0.01 * want_seconds + 1e-6, false) END $$;
CREATE FUNCTION near_value(got float8, want float8, tol float8 DEFAULT 1e-9) RETURNS boolean
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT CASE WHEN want IS NULL THEN got IS NULL
				 ELSE coalesce(abs(got - want) <= tol * greatest(1, abs(want)), false) END $$;

CREATE FUNCTION near_us(got interval, want_seconds float8) RETURNS boolean
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT coalesce(abs(extract(epoch FROM got)::float8 - want_seconds) <= 1e-6, false) $$;

-- The data: grp, x (in the group's unit), open (a censored case).
--  mp:      Freireich's 6-MP group, weeks (Gehan 1965), + = still in remission
--           6,6,6,6+,7,9+,10,10+,11+,13,16,17+,19+,20+,22,23,25+,32+,32+,34+,35+
--  placebo: the placebo group, weeks, no censoring
--           1,1,2,2,3,4,4,5,5,8,8,8,8,11,11,12,12,15,17,22,23
--  hand:    10 cases, hours: 1,2,2,2,3,3+,4+,5,6,7+ (a tie of an event and a
--           censoring at 3, and S = 0.5 exactly on [3, 5))
--  never:   hours 1,2+,3+,4+,5+: S never reaches 0.5
--  allopen: hours 1+,2+,3+
--  allcomp: hours 2,4,4,5,7,8,9,12, all completed
--  half:    hours 1,2,3+,4+: S ends flat at exactly 0.5
--  nonmono: hours 1,1,2,4,4,5,6+,7,8: the 'log' upper curve rises after t = 5
--  zero:    hours 0,0+,1,2+: an event and a censoring in the zero bucket
CREATE TABLE surv_cases (grp text, x float8, open boolean);
INSERT INTO surv_cases
SELECT 'mp', x, o FROM unnest(
	ARRAY[6,6,6,6,7,9,10,10,11,13,16,17,19,20,22,23,25,32,32,34,35]::float8[],
	ARRAY[0,0,0,1,0,1,0,1,1,0,0,1,1,1,0,0,1,1,1,1,1]::int[]::boolean[]) u(x, o)
UNION ALL
SELECT 'placebo', x, false FROM unnest(
	ARRAY[1,1,2,2,3,4,4,5,5,8,8,8,8,11,11,12,12,15,17,22,23]::float8[]) u(x)
UNION ALL
SELECT 'hand', x, o FROM unnest(ARRAY[1,2,2,2,3,3,4,5,6,7]::float8[],
	ARRAY[0,0,0,0,0,1,1,0,0,1]::int[]::boolean[]) u(x, o)
UNION ALL
SELECT 'never', x, x > 1 FROM generate_series(1, 5) x
UNION ALL
SELECT 'allopen', x, true FROM generate_series(1, 3) x
UNION ALL
SELECT 'allcomp', x, false FROM unnest(ARRAY[2,4,4,5,7,8,9,12]::float8[]) u(x)
UNION ALL
SELECT 'half', x, x > 2 FROM generate_series(1, 4) x
UNION ALL
SELECT 'nonmono', x, x = 6 FROM unnest(ARRAY[1,1,2,4,4,5,6,7,8]::float8[]) u(x)
UNION ALL
SELECT 'zero', x, o FROM unnest(ARRAY[0,0,1,2]::float8[],
	ARRAY[0,1,0,1]::int[]::boolean[]) u(x, o);

-- Each group's unit, and the summaries.  hand_us is the hand case in units
-- of 10 microseconds, given as float8 seconds: there the 1 microsecond of
-- interval resolution matters as much as the 1% of the buckets (and the
-- times between events, 5, 15, ... us, are still exact intervals).
CREATE TABLE surv_units (grp text, unit interval);
INSERT INTO surv_units VALUES ('mp', '1 week'), ('placebo', '1 week'), ('hand', '1 hour'),
	('never', '1 hour'), ('allopen', '1 hour'), ('allcomp', '1 hour'), ('half', '1 hour'),
	('nonmono', '1 hour'), ('zero', '1 hour'), ('hand_us', '10 microseconds');
CREATE TABLE surv_sums AS
SELECT grp, duration_agg(unit * x, open) AS s
FROM surv_cases JOIN surv_units USING (grp)
GROUP BY grp
UNION ALL
SELECT 'hand_us', duration_agg(x * 1e-5, open)
FROM surv_cases WHERE grp = 'hand';

-- The premise of the 1e-9 tolerance: distinct times at least a ratio gamma
-- apart (the zero bucket aside), and the counts as loaded.
SELECT bool_and(x / prev >= 1.01 / 0.99) AS distinct_buckets
FROM (SELECT x, lag(x) OVER (PARTITION BY unit ORDER BY x) AS prev
	  FROM (SELECT DISTINCT unit, x FROM surv_cases JOIN surv_units USING (grp)) d) t
WHERE prev > 0;
SELECT grp, cases(s), completed(s), open_cases(s) FROM surv_sums ORDER BY grp;

--------------------------------------------------------------------------
-- survival(s, t) and survival_stderr(s, t)
--------------------------------------------------------------------------

-- hand, worked by hand.  KM: S = prod (n - d)/n over event times <= t;
-- Greenwood: SE = S * sqrt(sum d / (n (n - d))).
--   t  n  d  c   S                        sum d/(n(n-d))
--   1 10  1  0   9/10                     1/90
--   2  9  3  0   9/10 * 6/9 = 3/5         1/90 + 3/54 = 6/90 = 1/15
--   3  6  1  1   3/5 * 5/6 = 1/2          1/15 + 1/30 = 1/10   (the censoring at 3 is still at risk)
--   4  4  0  1   1/2
--   5  3  1  0   1/2 * 2/3 = 1/3          1/10 + 1/6 = 4/15
--   6  2  1  0   1/3 * 1/2 = 1/6          4/15 + 1/2 = 23/30
--   7  1  0  1   1/6
-- So SE(1.5) = 0.9 sqrt(1/90) = 0.0948683 (= sqrt(.9 * .1 / 10), binomial before any
-- censoring), SE(2.5) = .6 sqrt(1/15) = 0.1549193, SE(3.5) = .5 sqrt(.1) = 0.1581139,
-- SE(5.5) = (1/3) sqrt(4/15) = 0.1721326, SE(6.5) = (1/6) sqrt(23/30) = 0.1459325.
-- R agrees: summary(survfit(Surv(c(1,2,2,2,3,3,4,5,6,7), c(1,1,1,1,1,0,0,1,1,0)) ~ 1),
--   times = c(.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 8), extend = TRUE)
-- 6-MP and placebo from R: summary(survfit(Surv(weeks, status) ~ 1), times = ..., extend = TRUE):
-- surv, std.err (summary's std.err is the SE of S; fit$std.err is that of log S).
-- allcomp: no censoring, so S(t) is the empirical share of durations > t and
-- Greenwood is the binomial sqrt(S (1 - S) / n); computed from the data below.
-- S = 0 (placebo at 30, allcomp at 13): Greenwood's sum is infinite and R's
-- summary SE is NaN (0 * Inf): undefined, so NULL.
CREATE TABLE surv_expect (grp text, t float8, surv float8, se float8);
INSERT INTO surv_expect VALUES
	('mp', 1, 1, 0),
	('mp', 6.5, 0.857142857142857, 0.0763603548321213),
	('mp', 8, 0.806722689075630, 0.0869352851800572),
	('mp', 10.5, 0.752941176470588, 0.0963496529943205),
	('mp', 13.5, 0.690196078431372, 0.1068147077750098),
	('mp', 16.5, 0.627450980392157, 0.1140538652567525),
	('mp', 22.5, 0.537815126050420, 0.1282337516930340),
	('mp', 23.5, 0.448179271708683, 0.1345914567557604),
	('mp', 40, 0.448179271708683, 0.1345914567557604),
	('placebo', 0.5, 1, 0),
	('placebo', 1.5, 0.9047619047619048, 0.0640564484890047),
	('placebo', 4.5, 0.6666666666666666, 0.1028688999747279),
	('placebo', 8.5, 0.3809523809523809, 0.1059711695741308),
	('placebo', 12.5, 0.1904761904761905, 0.0856890867468988),
	('placebo', 22.5, 0.0476190476190476, 0.0464714320451682),
	('placebo', 30, 0, NULL),
	('hand', 0.5, 1, 0),
	('hand', 1.5, 0.9, 0.9 * sqrt(1 / 90.0)),
	('hand', 2.5, 0.6, 0.6 * sqrt(1 / 15.0)),
	('hand', 3.5, 0.5, 0.5 * sqrt(0.1)),
	('hand', 4.5, 0.5, 0.5 * sqrt(0.1)),
	('hand', 5.5, 1 / 3.0, sqrt(4 / 15.0) / 3),
	('hand', 6.5, 1 / 6.0, sqrt(23 / 30.0) / 6),
	('hand', 8, 1 / 6.0, sqrt(23 / 30.0) / 6),
	-- never: S = 4/5 after t = 1, SE = .8 sqrt(1/(5*4)) = 0.1788854
	('never', 0.5, 1, 0),
	('never', 1.5, 0.8, 0.8 * sqrt(1 / 20.0)),
	('never', 9, 0.8, 0.8 * sqrt(1 / 20.0)),
	('allopen', 0.5, 1, 0),
	('allopen', 5, 1, 0),
	-- half: S(1.5) = 3/4, SE = sqrt(.75 * .25 / 4); S(2.5) = 3/4 * 2/3 = 1/2,
	-- SE = .5 sqrt(1/12 + 1/6) = .25
	('half', 1.5, 0.75, sqrt(0.75 * 0.25 / 4)),
	('half', 2.5, 0.5, 0.25),
	-- zero: at t = 0 the event of the zero bucket counts (4 at risk): S = 3/4;
	-- at 1: 2 at risk (the open case of age 0 left), S = 3/8,
	-- SE = 3/8 sqrt(1/12 + 1/2) = 0.2864110
	('zero', 0, 0.75, sqrt(0.75 * 0.25 / 4)),
	('zero', 0.5, 0.75, sqrt(0.75 * 0.25 / 4)),
	('zero', 1.5, 0.375, 0.375 * sqrt(1 / 12.0 + 0.5));
INSERT INTO surv_expect
SELECT 'allcomp', t, e.s, sqrt(e.s * (1 - e.s) / 8)
FROM unnest(ARRAY[1, 3, 4.5, 6, 8.5, 10]::float8[]) t,
	 LATERAL (SELECT count(*) FILTER (WHERE x > t) / 8.0 AS s
			  FROM surv_cases WHERE grp = 'allcomp') e;
INSERT INTO surv_expect VALUES ('allcomp', 13, 0, NULL);
INSERT INTO surv_expect SELECT 'hand_us', t, surv, se FROM surv_expect WHERE grp = 'hand';

SELECT grp, count(*) AS points,
	   bool_and(near_value(survival(s, unit * t), surv)) AS survival_ok,
	   bool_and(near_value(survival_stderr(s, unit * t), se)) AS stderr_ok
FROM surv_expect JOIN surv_sums USING (grp) JOIN surv_units USING (grp)
GROUP BY grp ORDER BY grp;

--------------------------------------------------------------------------
-- km_percentile and its confidence intervals
--------------------------------------------------------------------------

-- R: f <- survfit(Surv(x, status) ~ 1, conf.type = CT, conf.int = CONF);
--    quantile(f, q)  -> quantile, lower, upper   (NA -> NULL)
-- for CT in 'log', 'log-log', 'plain'.  Columns: est, then lower / upper of
-- each transform, in the group's unit.
-- Hand-worked (the rule of quantile.survfit: the first time with
-- S <= 1 - q; where S = 1 - q exactly, within sqrt(.Machine$double.eps),
-- the midpoint of that time and the time S next drops; if it never drops,
-- the midpoint with the last observed time):
--   hand   q .25: S <= .75 first at 2 (S = .6) -> 2
--          q .4:  S = .6 = 1 - .4 from 2 to 3 -> (2 + 3)/2 = 2.5
--          q .5:  S = .5 exactly from 3 to 5 -> (3 + 5)/2 = 4
--          q .6:  S <= .4 first at 5 (1/3) -> 5;  q .75: S <= .25 at 6 (1/6) -> 6
--          q .9:  S never <= .1 -> NULL
--          log lower of the median: lower curve S exp(-z SE/S), z = 1.959964:
--          at 1: .9 exp(-1.959964 * .105409) = .7320, at 2: .6 exp(-1.959964 * .258199)
--          = .3617 <= .5 -> 2; log upper: min(1, S exp(z SE/S)) = 1, .9952, .9293,
--          .9171, .9272: never <= .5 -> NULL (R: .7320, .3617; 1, .9952, .9293, .9171, .9272)
--   never  q .1: S = .8 <= .9 at 1 -> 1; q .5: never -> NULL
--   allopen: S = 1: NULL for every q and bound
--   allcomp q .5: S = 4/8 exactly from 5 to 7 -> 6, the empirical median
--          (x(4) + x(5))/2; q .25: S = 5/8 at 4 -> 4; q .75: S = 2/8 exactly
--          from 8 to 9 -> 8.5; q 1: S = 0 at 12, the last time -> (12 + 12)/2 = 12;
--          q 1, plain lower: the curve is 0 (floored) at 8 and at 9, NaN at 12
--          (S = 0); findq() drops repeated values and skips its end rule when the
--          last value is NA: NULL
--   half   q .5: S = .5 from 2 to the end, last observed time 4 -> (2 + 4)/2 = 3
--          (quantile.survfit; note print(fit) says 2: it uses survmean's rule)
--   zero   q .25: S = .75 exactly from 0 to 1 -> .5; q .5: S = .375 at 1 -> 1
--   nonmono q .1, log upper: the upper curve is 1, 1, .9227 (t 4), .8397 (5),
--          .8397 (6), .8815 (7), NA (8, S = 0).  The first time it is <= .9 is 5,
--          but R answers 7: findq() approx()es over the values of 1 - upper,
--          which sorts them, and takes the smallest 1 - upper >= q (.1185, at 7).
CREATE TABLE km_expect (grp text, conf float8, q float8, est float8,
	log_lo float8, log_hi float8, loglog_lo float8, loglog_hi float8,
	plain_lo float8, plain_hi float8);
INSERT INTO km_expect VALUES
	('mp', 0.95, 0.25, 13, 6, NULL, 6, 22, 6, 23),
	('mp', 0.95, 0.5, 23, 16, NULL, 13, NULL, 13, NULL),
	('mp', 0.95, 0.75, NULL, 23, NULL, 23, NULL, 23, NULL),
	('mp', 0.90, 0.25, 13, 6, 23, 6, 22, 6, 22),
	('mp', 0.90, 0.5, 23, 16, NULL, 13, NULL, 16, NULL),
	('mp', 0.90, 0.75, NULL, NULL, NULL, 23, NULL, 23, NULL),
	('placebo', 0.95, 0.25, 4, 2, 8, 1, 5, 2, 8),
	('placebo', 0.95, 0.5, 8, 4, 12, 4, 11, 4, 11),
	('placebo', 0.95, 0.75, 12, 8, NULL, 8, 22, 8, 17),
	('hand', 0.95, 0.25, 2, 1, NULL, 1, 5, 1, 5),
	('hand', 0.95, 0.4, 2.5, 2, NULL, 1, 6, 2, 6),
	('hand', 0.95, 0.5, 4, 2, NULL, 1, NULL, 2, 6),
	('hand', 0.95, 0.6, 5, 2, NULL, 2, NULL, 2, NULL),
	('hand', 0.95, 0.75, 6, 5, NULL, 3, NULL, 3, NULL),
	('hand', 0.95, 0.9, NULL, 6, NULL, 5, NULL, 5, NULL),
	('never', 0.95, 0.1, 1, 1, NULL, 1, NULL, 1, NULL),
	('never', 0.95, 0.5, NULL, NULL, NULL, 1, NULL, 1, NULL),
	('allopen', 0.95, 0.5, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	('allcomp', 0.95, 0.25, 4, 2, NULL, 2, 7, 2, 7),
	('allcomp', 0.95, 0.5, 6, 4, NULL, 2, 9, 4, 9),
	('allcomp', 0.95, 0.75, 8.5, 7, NULL, 4, NULL, 5, NULL),
	('allcomp', 0.95, 1, 12, NULL, NULL, NULL, NULL, NULL, NULL),
	('half', 0.95, 0.5, 3, 1, NULL, 1, NULL, 1, NULL),
	('nonmono', 0.95, 0.1, 1, 1, 7, 1, 2, 1, 4),
	('nonmono', 0.95, 0.5, 4, 2, NULL, 1, 7, 2, 7),
	('zero', 0.95, 0.25, 0.5, 0, NULL, 0, NULL, 0, NULL),
	('zero', 0.95, 0.5, 1, 0, NULL, 0, NULL, 0, NULL);
INSERT INTO km_expect
SELECT 'hand_us', conf, q, est, log_lo, log_hi, loglog_lo, loglog_hi, plain_lo, plain_hi
FROM km_expect WHERE grp = 'hand';

-- one row per case: every column true
SELECT grp, conf, q,
	   near_time(km_percentile(s, q), est * u) AS est,
	   near_time(km_percentile_lower(s, q, conf, 'log'), log_lo * u) AS log_lo,
	   near_time(km_percentile_upper(s, q, conf, 'log'), log_hi * u) AS log_hi,
	   near_time(km_percentile_lower(s, q, conf, 'log-log'), loglog_lo * u) AS loglog_lo,
	   near_time(km_percentile_upper(s, q, conf, 'log-log'), loglog_hi * u) AS loglog_hi,
	   near_time(km_percentile_lower(s, q, conf, 'plain'), plain_lo * u) AS plain_lo,
	   near_time(km_percentile_upper(s, q, conf, 'plain'), plain_hi * u) AS plain_hi
FROM km_expect JOIN surv_sums USING (grp) JOIN surv_units USING (grp),
	 LATERAL (SELECT extract(epoch FROM unit)::float8 AS u) uu
ORDER BY grp, conf, q;

-- the defaults are confidence 0.95 and transform 'log'; the JSON's
-- km_median_seconds is km_percentile(s, 0.5)
SELECT bool_and(km_percentile_lower(s, q) IS NOT DISTINCT FROM km_percentile_lower(s, q, 0.95, 'log')
				AND km_percentile_upper(s, q) IS NOT DISTINCT FROM km_percentile_upper(s, q, 0.95, 'log'))
		   AS defaults_ok,
	   bool_and(coalesce(abs((s::jsonb ->> 'km_median_seconds')::float8
							 - extract(epoch FROM km_percentile(s, 0.5))::float8) <= 1e-6,
						 (s::jsonb ->> 'km_median_seconds') IS NULL
						 AND km_percentile(s, 0.5) IS NULL)) AS json_median_ok
FROM surv_sums, (VALUES (0.25), (0.5), (0.75)) v(q);

--------------------------------------------------------------------------
-- duration_test: Welch on the completed cases, log-rank on all
--------------------------------------------------------------------------

-- R: d <- survdiff(Surv(c(mp, pl), c(mps, rep(1, 21))) ~ rep(1:2, each = 21))
--    d$chisq = 16.79294098921654, pchisq(d$chisq, 1, lower.tail = FALSE) = 4.1688091093345308e-05
--    (O = 9 / 21, E = 19.250500948031128 / 10.749499051968868, V = 6.2569605736754994)
--    t.test(pl, mp[mps == 1])   -- duration_test(a, b) is t.test(b, a)
--    t = -1.28377085885915831, df = 14.44658474452334929, p = 0.21943131868805546,
--    95% CI -9.18240843187819422 .. 2.29351954298930449, stderr 2.68306794836066009 (weeks);
--    90% CI (conf.level = .9) -8.1598583046778685 .. 1.2709694157889790
--    delta = 182/21 - 109/9 = 78/9 - 109/9 = -31/9 weeks = -2083200 s exactly
--    (means of 6, 6, 6, 7, 10, 13, 16, 22, 23 and of the placebo weeks)
-- Intervals are to the microsecond: checked to 1 us (near_us); the rest to 1e-9.
SELECT near_us(delta, -2083200) AS delta_ok,
	   near_us(stderr, 2.68306794836066009 * 604800) AS stderr_ok,
	   near_value(df, 14.44658474452334929) AS df_ok,
	   near_value(t, -1.28377085885915831) AS t_ok,
	   near_value(p_value, 0.21943131868805546) AS p_ok,
	   near_us(lower, -9.18240843187819422 * 604800) AS lower_ok,
	   near_us(upper, 2.29351954298930449 * 604800) AS upper_ok,
	   near_value(logrank_chisq, 16.79294098921654) AS chisq_ok,
	   near_value(logrank_p_value, 4.1688091093345308e-05, 1e-13) AS logrank_p_ok
FROM duration_test((SELECT s FROM surv_sums WHERE grp = 'mp'),
				   (SELECT s FROM surv_sums WHERE grp = 'placebo'));

-- the 90% interval; and the other way round: t changes sign, chisq does not
SELECT near_us(r90.lower, -8.1598583046778685 * 604800) AS lower90_ok,
	   near_us(r90.upper, 1.2709694157889790 * 604800) AS upper90_ok,
	   near_value(rev.t, 1.28377085885915831) AS reversed_t_ok,
	   near_us(rev.delta, 2083200) AS reversed_delta_ok,
	   near_value(rev.logrank_chisq, 16.79294098921654) AS reversed_chisq_ok
FROM duration_test((SELECT s FROM surv_sums WHERE grp = 'mp'),
				   (SELECT s FROM surv_sums WHERE grp = 'placebo'), 0.90) r90,
	 duration_test((SELECT s FROM surv_sums WHERE grp = 'placebo'),
				   (SELECT s FROM surv_sums WHERE grp = 'mp')) rev;

-- hand (a) against allcomp (b), hours.  Completed: a = 1,2,2,2,3,5,6 (mean 3),
-- b = 2,4,4,5,7,8,9,12 (mean 51/8 = 6.375): delta = 3.375 h = 12150 s.
-- R: t.test(c(2,4,4,5,7,8,9,12), c(1,2,2,2,3,5,6)): t = 2.518806182203388477,
--    df = 11.254772124227978125, p = 0.028107693632194793,
--    CI 0.433979520241027206 .. 6.316020479758972961, stderr 1.339920484492234554
--    survdiff(Surv(c(h, ac), c(hs, rep(1, 8))) ~ rep(1:2, c(10, 8))):
--    chisq 1.37278705391292943, p 0.24133360591885067
-- Welch by hand: var(a) = (4 + 1 + 1 + 1 + 0 + 4 + 9)/6 = 20/6, var(b) =
-- (19.140625 + 5.640625 * 2 + 1.890625 + .390625 + 2.640625 + 6.890625 +
-- 31.640625)/7 = 73.875/7 = 10.553571; se^2 = 20/42 + 10.553571/8 = .476190 +
-- 1.319196 = 1.795387, se = 1.339920; t = 3.375/1.339920 = 2.518806.
SELECT near_us(delta, 12150) AS delta_ok,
	   near_us(stderr, 1.339920484492234554 * 3600) AS stderr_ok,
	   near_value(df, 11.254772124227978125) AS df_ok,
	   near_value(t, 2.518806182203388477) AS t_ok,
	   near_value(p_value, 0.028107693632194793) AS p_ok,
	   near_us(lower, 0.433979520241027206 * 3600) AS lower_ok,
	   near_us(upper, 6.316020479758972961 * 3600) AS upper_ok,
	   near_value(logrank_chisq, 1.37278705391292943) AS chisq_ok,
	   near_value(logrank_p_value, 0.24133360591885067) AS logrank_p_ok
FROM duration_test((SELECT s FROM surv_sums WHERE grp = 'hand'),
				   (SELECT s FROM surv_sums WHERE grp = 'allcomp'));

--------------------------------------------------------------------------
-- A rollup of two halves is the single pass, and reads the same
--------------------------------------------------------------------------

CREATE TABLE surv_halves AS
SELECT grp, half, duration_agg(unit * x, open) AS s
FROM (SELECT grp, x, open, row_number() OVER (PARTITION BY grp ORDER BY x, open) % 2 AS half
	  FROM surv_cases) c JOIN surv_units USING (grp)
GROUP BY grp, half;
SELECT count(*) AS groups,
	   bool_and(r.s = w.s) AS rollup_equal,
	   bool_and(survival(r.s, unit * 5.5) = survival(w.s, unit * 5.5)
				AND km_percentile(r.s, 0.5) IS NOT DISTINCT FROM km_percentile(w.s, 0.5)
				AND km_percentile_lower(r.s, 0.5, 0.95, 'log-log')
					IS NOT DISTINCT FROM km_percentile_lower(w.s, 0.5, 0.95, 'log-log'))
		   AS readers_equal
FROM (SELECT grp, rollup(s) AS s FROM surv_halves GROUP BY grp) r
	 JOIN surv_sums w USING (grp) JOIN surv_units USING (grp);
SELECT r.logrank_chisq = w.logrank_chisq AND r.t = w.t AS test_equal
FROM duration_test((SELECT rollup(s) FROM surv_halves WHERE grp = 'mp'),
				   (SELECT rollup(s) FROM surv_halves WHERE grp = 'placebo')) r,
	 duration_test((SELECT s FROM surv_sums WHERE grp = 'mp'),
				   (SELECT s FROM surv_sums WHERE grp = 'placebo')) w;

DROP TABLE surv_cases, surv_units, surv_sums, surv_expect, km_expect, surv_halves;
DROP FUNCTION near_time(interval, float8), near_value(float8, float8, float8),
	near_us(interval, float8);
