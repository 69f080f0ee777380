--
-- weighted_stats: the weighted estimates, Kish's n_eff, the linearisation
-- standard errors, the Wald intervals and the two-sample tests, against
-- the published formulas written out in SQL over the raw rows (numeric
-- arithmetic, row by row: nothing of the summary is used):
--
--   ybar = sum w y / sum w;  n_eff = (sum w)^2 / sum w^2;
--   SE^2 = n / (n - 1) * sum w^2 (y - ybar)^2 / (sum w)^2
--
-- (R's survey::svymean for svydesign(ids = ~1, weights = ~w); the R check
-- itself is test/t/weighted_r.sh).  y: NPS +100 / 0 / -100; CSAT 100 for
-- satisfied, else 0; CES net effort +100 easy / -100 difficult; the mean:
-- the score.
--

SELECT setseed(0.5);
-- 2000 rows in 4 groups; weights with at most 6 decimals, from 0.05 to 20
CREATE TABLE ws AS
	SELECT i, i % 4 AS g, floor(random() * 11)::int AS score,
		   round((0.05 + random() * random() * 20)::numeric, 6)::float8 AS w
	FROM generate_series(1, 2000) i;

-- the reference, from the rows: one function per reading
CREATE FUNCTION ws_ref(grp int, kind text, OUT est float8, OUT se float8, OUT n_eff float8)
LANGUAGE sql AS $$
	WITH r AS (
		SELECT w::numeric AS w,
			   (CASE kind
				  WHEN 'nps' THEN CASE WHEN score >= 9 THEN 100 WHEN score <= 6 THEN -100 ELSE 0 END
				  WHEN 'csat' THEN CASE WHEN score % 5 + 1 >= 4 THEN 100 ELSE 0 END
				  WHEN 'csat7' THEN CASE WHEN score % 7 + 1 >= 6 THEN 100 ELSE 0 END
				  WHEN 'mean7' THEN score % 7 + 1
				  WHEN 'net7' THEN CASE WHEN score % 7 + 1 >= 5 THEN 100 WHEN score % 7 + 1 <= 3 THEN -100 ELSE 0 END
				  WHEN 'net5low' THEN CASE WHEN score % 5 + 1 <= 2 THEN 100 WHEN score % 5 + 1 >= 4 THEN -100 ELSE 0 END
				END)::numeric AS y
		FROM ws WHERE g = grp OR grp IS NULL),
	m AS (SELECT count(*) AS n, sum(w) AS sw, sum(w * w) AS sw2, sum(w * y) / sum(w) AS ybar FROM r)
	SELECT m.ybar::float8,
		   sqrt(m.n::numeric / (m.n - 1) * sum(r.w * r.w * (r.y - m.ybar) ^ 2) / m.sw ^ 2)::float8,
		   (m.sw ^ 2 / m.sw2)::float8
	FROM r, m GROUP BY m.n, m.sw, m.sw2, m.ybar
$$;

-- every estimate within 1e-9 relative of the reference (float8 against numeric)
CREATE FUNCTION ws_close(a float8, b float8) RETURNS boolean
LANGUAGE sql AS $$ SELECT abs(a - b) <= 1e-9 * greatest(1, abs(b)) $$;

--------------------------------------------------------------------------
-- Estimates, n_eff and standard errors per group and overall
--------------------------------------------------------------------------

SELECT coalesce(g::text, 'all') AS grp,
	   ws_close(nps(s), (ws_ref(g, 'nps')).est) AS nps,
	   ws_close(nps_stderr(s), (ws_ref(g, 'nps')).se) AS nps_se,
	   ws_close(effective_responses(s), (ws_ref(g, 'nps')).n_eff) AS n_eff,
	   ws_close(design_effect(s), responses(s) / (ws_ref(g, 'nps')).n_eff) AS deff,
	   ws_close(promoter_share(s) - detractor_share(s), nps(s) / 100) AS shares,
	   ws_close(csat(c), (ws_ref(g, 'csat')).est) AS csat,
	   ws_close(csat_stderr(c), (ws_ref(g, 'csat')).se) AS csat_se,
	   ws_close(csat(c7), (ws_ref(g, 'csat7')).est) AS csat7,
	   ws_close(csat_stderr(c7, 6), (ws_ref(g, 'csat7')).se) AS csat7_se,
	   ws_close(mean(e), (ws_ref(g, 'mean7')).est) AS mean,
	   ws_close(mean_stderr(e), (ws_ref(g, 'mean7')).se) AS mean_se,
	   ws_close(net_effort(e), (ws_ref(g, 'net7')).est) AS net,
	   ws_close(net_effort_stderr(e), (ws_ref(g, 'net7')).se) AS net_se,
	   ws_close(net_effort(l), (ws_ref(g, 'net5low')).est) AS net_low,
	   ws_close(net_effort_stderr(l), (ws_ref(g, 'net5low')).se) AS net_low_se
FROM (SELECT g, nps_weighted_agg(score, w) AS s,
			 csat_weighted_agg(score % 5 + 1, w) AS c,
			 csat_weighted_agg(score % 7 + 1, w, 7) AS c7,
			 ces_weighted_agg(score % 7 + 1, w) AS e,
			 ces_weighted_agg(score % 5 + 1, w, 5, true) AS l
	  FROM ws GROUP BY ROLLUP (g)) q
ORDER BY g NULLS LAST;

-- The numbers of the whole sample, rounded: for the record.
SELECT round(nps(s)::numeric, 6) AS nps, round(nps_stderr(s)::numeric, 6) AS se,
	   round(effective_responses(s)::numeric, 4) AS n_eff, responses(s),
	   round(weight_total(s)::numeric, 6) AS weight_total,
	   round(weight_total(s)::numeric, 6) = (SELECT sum(w::numeric) FROM ws) AS weight_total_exact
FROM (SELECT nps_weighted_agg(score, w) AS s FROM ws) q;

--------------------------------------------------------------------------
-- Intervals: estimate -+ z * SE, z the normal quantile, clipped
--------------------------------------------------------------------------

-- levels and their critical values, from published normal tables
-- (cx_test.levels, test/sql/setup.sql)
SELECT l.confidence,
	   ws_close(nps_lower(s, l.confidence), greatest(-100, nps(s) - l.z * nps_stderr(s))) AS nps_lower,
	   ws_close(nps_upper(s, l.confidence), least(100, nps(s) + l.z * nps_stderr(s))) AS nps_upper,
	   ws_close(csat_lower(c, l.confidence), greatest(0, csat(c) - l.z * csat_stderr(c))) AS csat_lower,
	   ws_close(csat_upper(c, l.confidence, 5), least(100, csat(c, 5) + l.z * csat_stderr(c, 5))) AS csat_upper_5,
	   ws_close(mean_lower(e, l.confidence), greatest(1, mean(e) - l.z * mean_stderr(e))) AS mean_lower,
	   ws_close(mean_upper(e, l.confidence), least(7, mean(e) + l.z * mean_stderr(e))) AS mean_upper,
	   ws_close(net_effort_lower(e, l.confidence), greatest(-100, net_effort(e) - l.z * net_effort_stderr(e))) AS net_lower
FROM (SELECT nps_weighted_agg(score, w) AS s, csat_weighted_agg(score % 5 + 1, w) AS c,
			 ces_weighted_agg(score % 7 + 1, w) AS e FROM ws WHERE g = 1) q,
	 cx_test.levels l
ORDER BY l.confidence;

-- The default level is 0.95; a level outside (0, 1) is refused, even for an
-- empty summary.
SELECT nps_lower(s) = nps_lower(s, 0.95) AS default_95 FROM (SELECT nps_weighted_agg(score, w) AS s FROM ws) q;
SELECT nps_lower(nps_weighted_agg(score, w), 1.0) FROM ws WHERE false;

--------------------------------------------------------------------------
-- Two-sample tests: delta = b - a, SE = sqrt(se_a^2 + se_b^2), z = delta /
-- SE, p = 2 (1 - Phi(|z|)), interval delta -+ z_conf SE
--------------------------------------------------------------------------

WITH a AS (SELECT nps_weighted_agg(score, w) AS s, csat_weighted_agg(score % 5 + 1, w) AS c,
				  ces_weighted_agg(score % 7 + 1, w) AS e FROM ws WHERE g = 0),
	 b AS (SELECT nps_weighted_agg(score, w) AS s, csat_weighted_agg(score % 5 + 1, w) AS c,
				  ces_weighted_agg(score % 7 + 1, w) AS e FROM ws WHERE g = 3),
	 ref AS (SELECT (ws_ref(3, 'nps')).est - (ws_ref(0, 'nps')).est AS d,
					sqrt((ws_ref(3, 'nps')).se ^ 2 + (ws_ref(0, 'nps')).se ^ 2) AS se,
					(ws_ref(3, 'csat')).est - (ws_ref(0, 'csat')).est AS dc,
					sqrt((ws_ref(3, 'csat')).se ^ 2 + (ws_ref(0, 'csat')).se ^ 2) AS sec,
					(ws_ref(3, 'mean7')).est - (ws_ref(0, 'mean7')).est AS dm,
					sqrt((ws_ref(3, 'mean7')).se ^ 2 + (ws_ref(0, 'mean7')).se ^ 2) AS sem)
SELECT ws_close(t.delta, ref.d) AS delta, ws_close(t.stderr, ref.se) AS stderr,
	   ws_close(t.z, ref.d / ref.se) AS z,
	   ws_close(t.p_value, 2 * (1 - cx_test.normal_cdf(abs(ref.d / ref.se)))) AS p_value,
	   ws_close(t.lower, ref.d - 1.959963984540054 * ref.se) AS lower,
	   ws_close(t.upper, ref.d + 1.959963984540054 * ref.se) AS upper,
	   ws_close(tc.delta, ref.dc) AND ws_close(tc.stderr, ref.sec) AS csat_test,
	   ws_close(tc.p_value, 2 * (1 - cx_test.normal_cdf(abs(ref.dc / ref.sec)))) AS csat_p,
	   ws_close(tm.delta, ref.dm) AND ws_close(tm.stderr, ref.sem) AS mean_test
FROM a, b, ref,
	 LATERAL nps_test(a.s, b.s) t, LATERAL csat_test(a.c, b.c) tc, LATERAL mean_test(a.e, b.e) tm;

-- csat_test with one threshold for both; mean_test refuses different scales;
-- an empty sample gives NULLs; samples of one response give only delta.
SELECT round(delta::numeric, 10) = round((csat(b, 5) - csat(a, 5))::numeric, 10) AS delta_at_5
FROM (SELECT csat_weighted_agg(score % 5 + 1, w) FILTER (WHERE g = 0) AS a,
			 csat_weighted_agg(score % 5 + 1, w) FILTER (WHERE g = 1) AS b FROM ws) q,
	 LATERAL csat_test(a, b, 0.95, 5);
SELECT * FROM mean_test((SELECT ces_weighted_agg(1, 1.0, 5, false)), (SELECT ces_weighted_agg(1, 1.0, 7, false)));
SELECT * FROM nps_test((SELECT nps_weighted_agg(score, w) FROM ws WHERE false),
					   (SELECT nps_weighted_agg(score, w) FROM ws));
-- one promoter against one detractor: delta -200, no standard error
SELECT * FROM nps_test((SELECT nps_weighted_agg(10, 1.0)), (SELECT nps_weighted_agg(0, 2.0)));

--------------------------------------------------------------------------
-- Weights that only scale: the estimates, n_eff and SEs do not change
--------------------------------------------------------------------------

SELECT ws_close(nps(a), nps(b)) AS nps, ws_close(nps_stderr(a), nps_stderr(b)) AS se,
	   ws_close(effective_responses(a), effective_responses(b)) AS n_eff,
	   ws_close(weight_total(b), 1000 * weight_total(a)) AS total_scales
FROM (SELECT nps_weighted_agg(score, w) AS a, nps_weighted_agg(score, w * 1000) AS b FROM ws) q;

DROP TABLE ws;
DROP FUNCTION ws_ref(int, text), ws_close(float8, float8);
