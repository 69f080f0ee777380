-- journey_bi: what a BI tool reads from the journey views.  Months roll up
-- into quarters exactly from the counts each scorecard row carries (sums of
-- counts, then the metric's formula) and from rollup() of its summaries,
-- against the quarter computed from the raw rows with plain SQL; averaging
-- the monthly rates does not.  Then relationship_nps and touchpoint_changes
-- on worked examples.  (The q-values against R's p.adjust: test/t/qvalues.sh.)

SET TimeZone = 'UTC';
SET client_min_messages = warning;
SELECT cx_journey_create('jb');
RESET client_min_messages;

-- 6,000 responses over the first half of 2026 at three touchpoints
-- (8 store, 9 website, 18 support team), the three metrics, 97 customers,
-- every 29th score not given; the scores spread unevenly over the scale.
INSERT INTO jb.responses (customer_id, touchpoint_id, metric, score, responded_at)
SELECT i % 97 + 1, (ARRAY[8, 9, 18])[i % 3 + 1], m.metric,
       CASE WHEN i % 29 = 0 THEN NULL
            WHEN m.metric = 'nps' THEN (i * 7 + i / 11) % 11
            WHEN m.metric = 'csat' THEN 1 + (i * 3 + i / 7) % 5
            ELSE 1 + (i * 5 + i / 13) % 7 END,
       timestamptz '2026-01-01' + (i::bigint * 4327 % (181 * 86400)) * interval '1 second'
FROM generate_series(1, 6000) AS i
     CROSS JOIN LATERAL (SELECT (ARRAY['nps', 'csat', 'ces'])[(i / 3) % 3 + 1] AS metric) AS m;
SELECT cx_journey_refresh('jb', '2026-01-01', '2026-06-30');

-- The quarter of each scorecard's grouping from its monthly rows, against
-- the quarter from the raw rows, for all six scorecards.  From the counts:
-- promoters 9-10, passives 7-8, detractors 0-6; CSAT satisfied 4-5 of
-- 1..5; CES easy 5-7, difficult 1-3 of 1..7; NPS = 100 (P - D) / N and
-- CSAT = 100 S / N in float8, the extension's own arithmetic, so equal to
-- the bit.  From the summaries: rollup() of the months equals the summary
-- of the quarter's raw rows (same counts), and so do its metrics.
CREATE FUNCTION pg_temp.quarters_differ(view_name text, keys text, raw_keys text)
RETURNS TABLE (quarters bigint, from_counts bigint, from_rollup bigint)
LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format($q$
		WITH m AS (
			SELECT date_trunc('quarter', v.month)::date AS quarter %2$s,
			       sum(v.nps_n) AS n, sum(v.promoters) AS p, sum(v.passives) AS pa, sum(v.detractors) AS d,
			       100 * (sum(v.promoters) - sum(v.detractors))::float8 / nullif(sum(v.nps_n), 0) AS nps,
			       sum(v.csat_n) AS cn, sum(v.csat_satisfied) AS cs,
			       100 * sum(v.csat_satisfied)::float8 / nullif(sum(v.csat_n), 0) AS csat,
			       sum(v.ces_n) AS en, sum(v.ces_easy) AS ee, sum(v.ces_difficult) AS ed,
			       rollup(v.nps_summary) AS nps_s, rollup(v.csat_summary) AS csat_s, rollup(v.ces_summary) AS ces_s
			FROM jb.%1$I v GROUP BY 1 %2$s
		), r AS (
			SELECT date_trunc('quarter', x.responded_at)::date AS quarter %3$s,
			       count(*) FILTER (WHERE x.metric = 'nps' AND x.score IS NOT NULL) AS n,
			       count(*) FILTER (WHERE x.metric = 'nps' AND x.score >= 9) AS p,
			       count(*) FILTER (WHERE x.metric = 'nps' AND x.score IN (7, 8)) AS pa,
			       count(*) FILTER (WHERE x.metric = 'nps' AND x.score <= 6) AS d,
			       count(*) FILTER (WHERE x.metric = 'csat' AND x.score IS NOT NULL) AS cn,
			       count(*) FILTER (WHERE x.metric = 'csat' AND x.score >= 4) AS cs,
			       count(*) FILTER (WHERE x.metric = 'ces' AND x.score IS NOT NULL) AS en,
			       count(*) FILTER (WHERE x.metric = 'ces' AND x.score >= 5) AS ee,
			       count(*) FILTER (WHERE x.metric = 'ces' AND x.score <= 3) AS ed,
			       avg(x.score) FILTER (WHERE x.metric = 'ces') AS ces_mean,
			       nps_agg(x.score) FILTER (WHERE x.metric = 'nps') AS nps_s,
			       csat_agg(x.score, 5) FILTER (WHERE x.metric = 'csat') AS csat_s,
			       ces_agg(x.score, 7, false) FILTER (WHERE x.metric = 'ces') AS ces_s
			FROM jb.responses x JOIN jb.touchpoints t USING (touchpoint_id)
			GROUP BY 1 %3$s
		)
		SELECT count(*),
		       count(*) FILTER (WHERE (m.n, m.p, m.pa, m.d, m.nps, m.cn, m.cs, m.csat, m.en, m.ee, m.ed)
		                              IS DISTINCT FROM
		                              (r.n, r.p, r.pa, r.d, 100 * (r.p - r.d)::float8 / r.n,
		                               r.cn, r.cs, 100 * r.cs::float8 / r.cn, r.en, r.ee, r.ed)),
		       count(*) FILTER (WHERE NOT (m.nps_s = r.nps_s AND m.csat_s = r.csat_s AND m.ces_s = r.ces_s
		                                   AND nps(m.nps_s) = 100 * (r.p - r.d)::float8 / r.n
		                                   AND csat(m.csat_s) = 100 * r.cs::float8 / r.cn
		                                   AND abs(ces(m.ces_s) - r.ces_mean::float8) < 1e-12)
		                          OR m.quarter IS NULL OR r.quarter IS NULL)
		FROM m FULL JOIN r USING (quarter %2$s)$q$, view_name, keys, raw_keys);
END
$$;
SELECT v.view_name, q.*
FROM (VALUES ('touchpoint_scorecard', ', touchpoint_id', ', x.touchpoint_id'),
             ('touchpoint_scorecard_from_daily', ', touchpoint_id', ', x.touchpoint_id'),
             ('stage_scorecard', ', stage', ', t.stage'),
             ('stage_scorecard_from_daily', ', stage', ', t.stage'),
             ('overall_scorecard', '', ''),
             ('overall_scorecard_from_daily', '', '')) AS v(view_name, keys, raw_keys)
     CROSS JOIN LATERAL pg_temp.quarters_differ(v.view_name, v.keys, v.raw_keys) AS q;

-- Averaging the months' rates is not the quarter's rate: the overall NPS of
-- the first quarter, exact (from the counts, = 100 (P - D) / N over the
-- raw rows, checked above) and the mean of its three monthly NPS, which
-- weighs a month by its share of the months instead of its responses.
-- Worked out by hand from the monthly counts shown:
--   Jan: (P - D) / N, Feb: ..., Mar: ...: see the rows; exact = 100 * (sum P - sum D) / sum N.
SELECT month, nps_n, promoters, passives, detractors, round(nps::numeric, 4) AS nps
FROM jb.overall_scorecard WHERE month < '2026-04-01' ORDER BY month;
SELECT round((100 * (sum(promoters) - sum(detractors))::float8 / sum(nps_n))::numeric, 4) AS exact_quarter_nps,
       round(avg(nps)::numeric, 4) AS average_of_months,
       100 * (sum(promoters) - sum(detractors))::float8 / sum(nps_n) <> avg(nps) AS they_differ
FROM jb.overall_scorecard WHERE month < '2026-04-01';

-- Every count column adds up: P + passives + D = nps_n, and the easy and
-- difficult CES counts never exceed ces_n; a month without CES responses
-- has a NULL ces_summary and counts 0 (never NULL).
SELECT count(*) AS rows,
       count(*) FILTER (WHERE promoters + passives + detractors <> nps_n) AS nps_counts_off,
       count(*) FILTER (WHERE csat_satisfied > csat_n OR ces_easy + ces_difficult > ces_n) AS counts_off,
       count(*) FILTER (WHERE responses(nps_summary) IS DISTINCT FROM nullif(nps_n, 0)
                           OR responses(csat_summary) IS DISTINCT FROM nullif(csat_n, 0)
                           OR responses(ces_summary) IS DISTINCT FROM nullif(ces_n, 0)) AS summaries_off
FROM jb.touchpoint_scorecard;
INSERT INTO jb.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES
	(1, 11, 'nps', 10, '2026-07-05');
SELECT touchpoint, nps_n, promoters, passives, detractors, csat_n, csat_satisfied, ces_n, ces_easy, ces_difficult,
       nps_summary, csat_summary IS NULL AS no_csat_summary, ces_summary IS NULL AS no_ces_summary
FROM jb.touchpoint_scorecard WHERE month = '2026-07-01';

-- Relationship NPS, by hand.  July 2026 in a journey of its own:
--   customer 1: 0 (Jul 2), 10 (Jul 3), then 9 (Jul 20): votes 9, a promoter
--   customer 2: 3 (Jul 10, at the store) and 10 (Jul 10 at the same time,
--               a later response_id): votes 10, a promoter
--   customer 3: 6, a detractor; a later NPS question left blank does not
--               replace it; a CSAT answer does not count
--   customer 4: 8, a passive; then 0 on Aug 1: that is August's vote
-- July: 4 customers, P = 2, passives 1, D = 1: NPS = 100 (2 - 1) / 4 = 25.
-- August: 1 customer, a detractor: -100.
-- The transactional NPS of July counts the 7 scores: P = 3 (10, 9, 10),
-- passives 1 (8), D = 3 (0, 3, 6): 100 (3 - 3) / 7 = 0.
SET client_min_messages = warning;
SELECT cx_journey_create('jn');
RESET client_min_messages;
INSERT INTO jn.responses (response_id, customer_id, touchpoint_id, metric, score, responded_at) VALUES
	(1, 1, 9, 'nps', 0, '2026-07-02'), (2, 1, 18, 'nps', 10, '2026-07-03'), (3, 1, 9, 'nps', 9, '2026-07-20'),
	(4, 2, 8, 'nps', 3, '2026-07-10 12:00'), (5, 2, 9, 'nps', 10, '2026-07-10 12:00'),
	(6, 3, 9, 'nps', 6, '2026-07-11'), (7, 3, 9, 'nps', NULL, '2026-07-12'), (8, 3, 9, 'csat', 5, '2026-07-13'),
	(9, 4, 9, 'nps', 8, '2026-07-31 23:59'), (10, 4, 9, 'nps', 0, '2026-08-01');
SELECT month, responses, promoters, passives, detractors, nps, nps_summary FROM jn.relationship_nps ORDER BY month;
SELECT month, nps_n, promoters, passives, detractors, nps FROM jn.overall_scorecard ORDER BY month;
-- its interval is nps_lower / nps_upper of its summary, the scorecards' own
SELECT bool_and(nps_lower = nps_lower(nps_summary) AND nps_upper = nps_upper(nps_summary)) AS interval_of_summary
FROM jn.relationship_nps;

-- touchpoint_changes by hand, in the same journey: website (9) NPS in
-- July: 0, 9, 10, 6, 8 (P = 2, passives 1, D = 2, n = 5, NPS 0), in
-- August: 0 (n = 1, NPS -100): change -100.  Its test: July's variance
-- (p + d) - (p - d)^2 = 0.8, SE 100 sqrt(0.8 / 5) = 40; August's 0; z =
-- -100 / 40 = -2.5, p = 2 Phi(-2.5) = 0.0124193 (R: 2 * pnorm(-2.5)), the
-- only test of August, so q = p.  The store (8) and the support team (18)
-- had NPS in July only: rows for July with no month before (no test), none
-- for August.  The website's CSAT was asked in July only: its August row
-- has current_n = 0 and no test.
SELECT month, touchpoint_id, metric, previous_n, current_n, previous, current, change,
       p_value = (nps_test(nps_summary('{1,0,0,0,0,0,1,0,1,1,1}'::int8[]), nps_summary('{1,0,0,0,0,0,0,0,0,0,0}'::int8[]))).p_value
           AS p_is_nps_test,
       round(p_value::numeric, 7) AS p_value, p_value IS NULL AS no_p, q_value = p_value AS q_is_p
FROM jn.touchpoint_changes
ORDER BY month, touchpoint_id, metric;
-- one family per month: q_value = p_adjust of the month's p-values, in any
-- order, and a WHERE on the view leaves them as they are
SELECT count(*) AS tested,
       count(*) FILTER (WHERE c.q_value IS DISTINCT FROM f.q[f.ids_pos]) AS q_off
FROM jb.touchpoint_changes c
     JOIN LATERAL (SELECT p_adjust(array_agg(o.p_value ORDER BY o.metric DESC, o.touchpoint_id DESC), 'benjamini_hochberg') AS q,
                          array_position(array_agg(o.touchpoint_id || o.metric ORDER BY o.metric DESC, o.touchpoint_id DESC),
                                         c.touchpoint_id || c.metric) AS ids_pos
                   FROM jb.touchpoint_changes o WHERE o.month = c.month) AS f ON true
WHERE c.p_value IS NOT NULL;
SELECT (SELECT array_agg(q_value ORDER BY month, metric) FROM jb.touchpoint_changes WHERE touchpoint_id = 9)
     = (SELECT array_agg(q_value ORDER BY month, metric) FROM (SELECT * FROM jb.touchpoint_changes OFFSET 0) AS t
        WHERE t.touchpoint_id = 9) AS same_under_where,
       (SELECT array_agg(q_value ORDER BY touchpoint_id, metric) FROM jb.touchpoint_changes WHERE month = '2026-03-01')
     = (SELECT array_agg(q_value ORDER BY touchpoint_id, metric) FROM (SELECT * FROM jb.touchpoint_changes OFFSET 0) AS t
        WHERE t.month = '2026-03-01') AS same_under_month_filter;
-- raw and daily agree once refreshed
SELECT cx_journey_refresh('jb', '2026-07-01', '2026-07-31');
SELECT count(*) AS differing FROM (
	(TABLE jb.touchpoint_changes EXCEPT TABLE jb.touchpoint_changes_from_daily)
	UNION ALL (TABLE jb.touchpoint_changes_from_daily EXCEPT TABLE jb.touchpoint_changes)) AS x;

-- goal_progress: q_value is p_adjust over every goal's p-value
INSERT INTO jb.goals (name, metric, touchpoint_id, baseline_period, target_period, target_kind, target, due_date)
SELECT 'nps ' || t || ' ' || m, m, t, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', 1, '2099-12-31'
FROM unnest(ARRAY[8, 9, 18]) AS t, unnest(ARRAY['nps', 'csat', 'ces']) AS m;
SELECT count(*) AS goals, count(p_value) AS with_p,
       (SELECT array_agg(q_value ORDER BY goal_id) FROM jb.goal_progress)
       = (SELECT p_adjust(array_agg(p_value ORDER BY goal_id), 'benjamini_hochberg') FROM jb.goal_progress) AS q_is_p_adjust,
       (SELECT q_value FROM jb.goal_progress WHERE goal_id = 2)
       = (SELECT q_value FROM jb.goal_progress ORDER BY goal_id OFFSET 1 LIMIT 1) AS same_under_where
FROM jb.goal_progress;

-- Every new column has its comment.
SELECT c.relname, a.attname
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relnamespace = 'jb'::regnamespace AND c.relkind = 'v' AND a.attnum > 0
  AND col_description(c.oid, a.attnum) IS NULL AND c.relname <> 'goal_progress'
ORDER BY 1, 2;
