/*
 * bench/weighted.sql: the weighted aggregates' measurements and report.
 * Needs bench/lib.sql first, in the same session, and cx_bench.wsurvey
 * (bench/weighted.sh makes it).  psql variables: reps, rows.
 */
\set ON_ERROR_STOP 1
\pset footer off
SELECT set_config(name, value, false)
FROM (VALUES ('client_min_messages', 'warning'), ('jit', 'off'), ('work_mem', '512MB'),
			 ('max_parallel_workers_per_gather', '0')) AS s(name, value) \g /dev/null

\echo
\echo '== cx_metrics weighted benchmark: the weighted aggregates against count(score) and the hand-written SQL =='

-- The hand-written weighted NPS: the estimate, the linearisation SE
-- (sqrt(n / (n - 1) * (S2yy - 2 ybar S2y + ybar^2 S2)) / S) and n_eff, from
-- the sums of one pass.
INSERT INTO cx_bench.query VALUES
	('weighted', 1, 'count', 'count(score)', 'SELECT count(score) FROM cx_bench.wsurvey'),
	('weighted', 2, 'count_w', 'count(w)', 'SELECT count(w) FROM cx_bench.wsurvey'),
	('weighted', 3, 'nps_agg', 'nps_agg(score) (unweighted)', 'SELECT nps_agg(score) FROM cx_bench.wsurvey'),
	('weighted', 4, 'nps_w', 'nps_weighted_agg(score, w)', 'SELECT nps_weighted_agg(score, w) FROM cx_bench.wsurvey'),
	('weighted', 5, 'csat_w', 'csat_weighted_agg(csat, w)', 'SELECT csat_weighted_agg(csat, w) FROM cx_bench.wsurvey'),
	('weighted', 6, 'ces_w', 'ces_weighted_agg(ces, w, 7, false)', 'SELECT ces_weighted_agg(ces, w, 7, false) FROM cx_bench.wsurvey'),
	('weighted', 7, 'nps_w1', 'nps_weighted(score, w)', 'SELECT nps_weighted(score, w) FROM cx_bench.wsurvey'),
	('weighted', 8, 'nps_w_se', 'nps_stderr(nps_weighted_agg(score, w))', 'SELECT nps_stderr(nps_weighted_agg(score, w)) FROM cx_bench.wsurvey'),
	('weighted', 9, 'hand', 'hand-written: NPS, SE and n_eff from sum(w), sum(w*y), sum(w*w), sum(w*w*y), sum(w*w*y*y)',
	 $q$SELECT swy / sw AS nps,
			   sqrt(n / (n - 1) * (s2yy - 2 * (swy / sw) * s2y + (swy / sw) ^ 2 * s2)) / sw AS se,
			   sw * sw / s2 AS n_eff
		FROM (SELECT count(*)::float8 AS n, sum(w) AS sw, sum(w * y) AS swy, sum(w * w) AS s2,
					 sum(w * w * y) AS s2y, sum(w * w * y * y) AS s2yy
			  FROM (SELECT w, CASE WHEN score >= 9 THEN 100::float8 WHEN score <= 6 THEN -100::float8 ELSE 0::float8 END AS y
					FROM cx_bench.wsurvey WHERE score IS NOT NULL AND w IS NOT NULL) r) s$q$),
	('weighted', 10, 'hand_nps', 'hand-written: the NPS alone, sum(w) FILTER (...)',
	 $q$SELECT 100 * (sum(w) FILTER (WHERE score >= 9) - sum(w) FILTER (WHERE score <= 6)) / sum(w)
		FROM cx_bench.wsurvey WHERE score IS NOT NULL$q$);

SELECT cx_bench.run_section('weighted', :reps) \g /dev/null
SELECT m.label AS query, m.runs AS runs, cx_bench.ms(m.med) AS "median ms",
	   cx_bench.ms(m.lo) || '..' || cx_bench.ms(m.hi) AS "min..max",
	   cx_bench.x('weighted', m.key, 'count') AS "x count(score)",
	   cx_bench.x('weighted', m.key, 'hand') AS "x hand-written"
FROM cx_bench.medians m WHERE m.section = 'weighted' ORDER BY m.ord;
SELECT cx_bench.clock_note('weighted') AS cx_line \gset
\echo :cx_line

-- the two ways agree (the check of the hand-written SQL itself)
SELECT abs(nps(s) - h.nps) < 1e-9 AND abs(nps_stderr(s) - h.se) < 1e-9 AND abs(effective_responses(s) - h.n_eff) < 1e-6 * h.n_eff AS cx_agree
FROM (SELECT nps_weighted_agg(score, w) AS s FROM cx_bench.wsurvey) a,
	 LATERAL (SELECT swy / sw AS nps, sqrt(n / (n - 1) * (s2yy - 2 * (swy / sw) * s2y + (swy / sw) ^ 2 * s2)) / sw AS se,
					 sw * sw / s2 AS n_eff
			  FROM (SELECT count(*)::float8 AS n, sum(w) AS sw, sum(w * y) AS swy, sum(w * w) AS s2,
						   sum(w * w * y) AS s2y, sum(w * w * y * y) AS s2yy
					FROM (SELECT w, CASE WHEN score >= 9 THEN 100::float8 WHEN score <= 6 THEN -100::float8 ELSE 0::float8 END AS y
						  FROM cx_bench.wsurvey WHERE score IS NOT NULL) r) z) h \gset
\echo '   nps_weighted_agg and the hand-written SQL agree on NPS, SE and n_eff:' :cx_agree

DROP TABLE IF EXISTS cx_bench.weighted_targets;
CREATE TABLE cx_bench.weighted_targets AS
SELECT ord, what, target, to_char(v, 'FM990.00') AS measured, CASE WHEN v <= lim THEN 'PASS' ELSE 'MISS' END AS result
FROM (VALUES
	(1, 'nps_weighted_agg / count(score)', '<= 1.5', cx_bench.ratio('weighted', 'nps_w', 'count'), 1.5),
	(2, 'csat_weighted_agg / count(score)', '<= 1.5', cx_bench.ratio('weighted', 'csat_w', 'count'), 1.5),
	(3, 'ces_weighted_agg / count(score)', '<= 1.5', cx_bench.ratio('weighted', 'ces_w', 'count'), 1.5),
	(4, 'nps_weighted_agg / hand-written weighted SQL', '< 1', cx_bench.ratio('weighted', 'nps_w', 'hand'), 0.999),
	(5, 'nps_agg (unweighted) / count(score)', '<= 1.2', cx_bench.ratio('weighted', 'nps_agg', 'count'), 1.2)
) AS t(ord, what, target, v, lim);
\echo
SELECT :'rows' AS cx_rows \gset
\echo '== summary: targets (ratios of medians, measured in this run,' :cx_rows 'rows) =='
SELECT what, target, measured, result FROM cx_bench.weighted_targets ORDER BY ord;
