--
-- weighted_basic: the weighted summaries nps_weighted_summary,
-- csat_weighted_summary and ces_weighted_summary on hand-worked cases: what
-- the aggregates store, the readers, NULLs, empty input, the one-step
-- aggregates, rollup, equality, JSON, binary round trips, moving frames.
-- The statistics against formulas over the raw rows are in weighted_stats,
-- against R in test/t/weighted_r.sh.
--

\pset null NULL

CREATE TABLE wb (id int, score int, w float8);
-- promoters 10 (w 2) and 9 (w 1.5), a passive 7 (w 1), a detractor 3 (w
-- 0.5); a NULL score and a NULL weight, both left out
INSERT INTO wb VALUES (1, 10, 2), (2, 9, 1.5), (3, 7, 1), (4, 3, 0.5), (5, NULL, 1), (6, 5, NULL);

--------------------------------------------------------------------------
-- NPS, worked by hand
--------------------------------------------------------------------------

-- Stored per score: count / sum of weights / sum of squared weights.
-- Score 3: 1/0.5/0.25; 7: 1/1/1; 9: 1/1.5/2.25; 10: 1/2/4.
SELECT nps_weighted_agg(score, w) FROM wb;

-- W = 5; NPS = 100 * (3.5 - 0.5) / 5 = 60.  n_eff = 5^2 / (4 + 2.25 + 1 +
-- 0.25) = 25 / 7.5 = 3.333...; design effect 4 / 3.333... = 1.2.
-- y = 100, 100, 0, -100; sum w^2 (y - 60)^2 = 4 * 1600 + 2.25 * 1600 + 1 *
-- 3600 + 0.25 * 25600 = 20000; SE^2 = 4/3 * 20000 / 25 = 1066.67, SE =
-- 32.6599 (printed rounded to 10 digits).
SELECT nps(s), round(nps_stderr(s)::numeric, 10) AS se,
	   round(nps_stderr(s)::numeric, 10) = round(sqrt(4.0 / 3 * 20000 / 25), 10) AS se_by_hand,
	   responses(s), weight_total(s), round(effective_responses(s)::numeric, 12) AS n_eff,
	   round(design_effect(s)::numeric, 12) AS deff,
	   promoters(s), passives(s), detractors(s),
	   promoter_share(s), passive_share(s), detractor_share(s)
FROM (SELECT nps_weighted_agg(score, w) AS s FROM wb) q;

-- The one-step aggregate gives the same number.
SELECT nps_weighted(score, w) FROM wb;

-- Wald interval 60 -+ 1.959964 * 32.6599: -4.0122 .. 124.01, clipped to 100.
SELECT round(nps_lower(s)::numeric, 4) AS lower, nps_upper(s) AS upper,
	   round(nps_lower(s, 0.5)::numeric, 4) AS lower_50,
	   round((60 - 0.6744897501960817 * sqrt(4.0 / 3 * 20000 / 25))::numeric, 4) AS lower_50_by_hand
FROM (SELECT nps_weighted_agg(score, w) AS s FROM wb) q;

-- Score types: every one stores the same summary.
SELECT nps_weighted_agg(score::smallint, w) = nps_weighted_agg(score, w) AS int2,
	   nps_weighted_agg(score::bigint, w) = nps_weighted_agg(score, w) AS int8,
	   nps_weighted_agg(score::numeric, w) = nps_weighted_agg(score, w) AS num,
	   nps_weighted_agg(score::float8, w) = nps_weighted_agg(score, w) AS float8,
	   nps_weighted_agg(score::real, w) = nps_weighted_agg(score, w) AS real,
	   nps_weighted_agg(score, w::numeric) = nps_weighted_agg(score, w) AS numeric_weight,
	   nps_weighted(score::numeric, w) AS nps_num
FROM wb;

-- Integer weights resolve to the float8 weight (an integer weight is no
-- scale_max here: the weighted aggregates have names of their own).
SELECT nps_weighted_agg(score, 2) AS twice FROM wb WHERE score IS NOT NULL;

--------------------------------------------------------------------------
-- Empty input and NULLs
--------------------------------------------------------------------------

SELECT nps_weighted_agg(score, w) AS empty_summary, nps_weighted(score, w) AS nps_of_nothing
FROM wb WHERE false;
SELECT nps(s), nps_stderr(s), nps_lower(s), responses(s), weight_total(s),
	   effective_responses(s), design_effect(s), promoters(s), promoter_share(s)
FROM (SELECT nps_weighted_agg(score, w) AS s FROM wb WHERE id >= 5) q;
-- one response: an estimate, no standard error
SELECT nps(s), nps_stderr(s), nps_lower(s), effective_responses(s)
FROM (SELECT nps_weighted_agg(score, w) AS s FROM wb WHERE id = 4) q;

--------------------------------------------------------------------------
-- Equal weights: the unweighted estimate; SE larger by sqrt(n / (n - 1))
--------------------------------------------------------------------------

-- Scores 10, 9, 7, 3, 5 (n = 5): p = d = 0.4, unweighted SE = 100 *
-- sqrt(0.8 / 5) = 40; weighted 40 * sqrt(5 / 4) = 44.72136.

SELECT nps(w) = nps(u) AS same_nps,
	   abs(nps_stderr(w) - nps_stderr(u) * sqrt(5.0 / 4)) < 1e-12 AS se_times_sqrt_n_over_n_1,
	   round(nps_stderr(u)::numeric, 6) AS unweighted_se, round(nps_stderr(w)::numeric, 6) AS weighted_se,
	   effective_responses(w) = responses(u) AS n_eff_is_n, design_effect(w) AS deff
FROM (SELECT nps_weighted_agg(score, 3.5) AS w, nps_agg(score) AS u FROM wb WHERE score IS NOT NULL) q;

--------------------------------------------------------------------------
-- CSAT and CES, worked by hand
--------------------------------------------------------------------------

CREATE TABLE wc (score int, w float8);
-- 1..5: 5 (w 3), 4 (w 1), 2 (w 2), 1 (w 0.25)
INSERT INTO wc VALUES (5, 3), (4, 1), (2, 2), (1, 0.25);

-- W = 6.25; satisfied (4-5) 4: CSAT = 64; with satisfied_min 5: 48.
-- mean = (15 + 4 + 4 + 0.25) / 6.25 = 23.25 / 6.25 = 3.72.
SELECT s, csat(s), csat(s, 5), satisfied(s), satisfied(s, 5),
	   mean(s), scale_max(s), responses(s), weight_total(s)
FROM (SELECT csat_weighted_agg(score, w) AS s FROM wc) q;
-- The scale argument: 1..7; CSAT (6-7) = 0 here.  csat_weighted() of both forms.
SELECT csat_weighted_agg(score, w, 7), csat(csat_weighted_agg(score, w, 7)),
	   csat_weighted(score, w), csat_weighted(score, w, 7)
FROM wc;
-- CSAT SE: y = 100, 100, 0, 0 around 64: sum w^2 (y - 64)^2 = 9 * 1296 +
-- 1 * 1296 + 4 * 4096 + 0.0625 * 4096 = 12960 + 16640 = 29600;
-- SE = sqrt(4/3 * 29600 / 6.25^2) = 31.7826...
SELECT round(csat_stderr(s)::numeric, 10) = round(sqrt(4.0 / 3 * 29600 / 39.0625), 10) AS csat_se_by_hand,
	   round(csat_lower(s)::numeric, 10) = round(greatest(0, 64 - 1.959963984540054 * sqrt(4.0 / 3 * 29600 / 39.0625)), 10) AS lower_by_hand,
	   csat_upper(s) = 100 AS upper_clipped
FROM (SELECT csat_weighted_agg(score, w) AS s FROM wc) q;

-- CES 2.0 on 1..7 (default): 7 (w 1), 6 (w 1), 4 (w 2), 2 (w 4).  Easy 5-7:
-- 2, difficult 1-3: 4, W = 8: net effort 100 * (2 - 4) / 8 = -25; mean
-- (7 + 6 + 8 + 8) / 8 = 3.625.
SELECT s, ces(s), net_effort(s), easy(s), difficult(s),
	   easy_share(s), difficult_share(s), lower_is_better(s), mean(s)
FROM (SELECT ces_weighted_agg(score, w) AS s
	  FROM (VALUES (7, 1.0), (6, 1), (4, 2), (2, 4)) v(score, w)) q;
-- CES 1.0 on 1..5, lower is better: 1 (w 1), 2 (w 1), 3 (w 2), 5 (w 4):
-- easy 1-2: 2, difficult 4-5: 4: net effort -25; mean (1 + 2 + 6 + 20) / 8
-- = 3.625.
SELECT s, ces(s), net_effort(s), easy(s), difficult(s), lower_is_better(s), scale_max(s), one_step
FROM (SELECT ces_weighted_agg(score, w, 5, true) AS s, ces_weighted(score, w, 5, true) AS one_step
	  FROM (VALUES (1, 1.0), (2, 1), (3, 2), (5, 4)) v(score, w)) q;

--------------------------------------------------------------------------
-- rollup, equality, GROUP BY, JSON, binary
--------------------------------------------------------------------------

-- rollup of per-row summaries equals the single pass, exactly.
SELECT rollup(s) = (SELECT nps_weighted_agg(score, w) FROM wb) AS rollup_equal,
	   rollup(s)::text
FROM (SELECT nps_weighted_agg(score, w) AS s FROM wb GROUP BY id) q;
-- GROUP BY a summary (hashing): two passes over the same groups make two groups of two
SELECT count(*) AS same_summary FROM (SELECT nps_weighted_agg(score, w) AS s FROM wb GROUP BY id % 2
	  UNION ALL SELECT nps_weighted_agg(score, w ORDER BY id DESC) FROM wb GROUP BY id % 2) q GROUP BY s;
-- mixing scales is refused
SELECT rollup(s) FROM (SELECT csat_weighted_agg(5, 1.0, 5) UNION ALL SELECT csat_weighted_agg(5, 1.0, 7)) v(s);

SELECT jsonb_pretty(nps_weighted_agg(score, w)::jsonb) FROM wb;
SELECT csat_weighted_agg(score, w)::json FROM wc;
SELECT ces_weighted_agg(score, w, 5, true)::jsonb
FROM (VALUES (1, 1.0), (5, 0.000001)) v(score, w);
SELECT nps_weighted_agg(score, w)::jsonb FROM wb WHERE false;

-- send writes the header of the unweighted form, then per score the count
-- and the two sums as two big-endian int64 each (high word first): score 3
-- of the NPS example is 1, 0:500000, 0:250000000000.
SELECT length(nps_weighted_summary_send(s)) AS bytes,
	   substr(encode(nps_weighted_summary_send(s), 'hex'), 1, 6) AS header,
	   substr(encode(nps_weighted_summary_send(s), 'hex'), 7 + 3 * 80, 80) =
		 '0000000000000001' || '0000000000000000' || '000000000007a120'
		 || '0000000000000000' || '0000003a35294400' AS score_3_as_documented
FROM (SELECT nps_weighted_agg(score, w) AS s FROM wb) q;
SELECT length(ces_weighted_summary_send(ces_weighted_agg(1, 1.0, 5, true))) AS ces_bytes,
	   substr(encode(ces_weighted_summary_send(ces_weighted_agg(1, 1.0, 5, true)), 'hex'), 1, 8) AS ces_header;

-- binary COPY round trip of every type
SELECT current_setting('data_directory') || '/weighted_rt.bin' AS rt_file \gset
CREATE TABLE wrt (n nps_weighted_summary, c csat_weighted_summary, e ces_weighted_summary);
INSERT INTO wrt
	SELECT nps_weighted_agg(score, w), csat_weighted_agg(least(score, 5), w * 1234.567891, 5),
		   ces_weighted_agg(least(score, 7), w / 3, 7, true)
	FROM wb GROUP BY id % 3;
INSERT INTO wrt VALUES ('v1:0..10:0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,0/0/0,9223372036854775807/9223372036854.775807/9223372.036854775807',
						'v1:1..2:1/1000000000/1000000000000000000,0/0/0', 'v1:1..2:0/0/0,0/0/0');
COPY wrt TO :'rt_file' WITH (FORMAT binary);
CREATE TABLE wrt2 (LIKE wrt);
COPY wrt2 FROM :'rt_file' WITH (FORMAT binary);
SELECT count(*) AS rows, bool_and(a.n = b.n AND a.c = b.c AND a.e = b.e) AS all_equal
FROM (SELECT row_number() OVER () AS r, * FROM wrt) a JOIN (SELECT row_number() OVER () AS r, * FROM wrt2) b USING (r);

--------------------------------------------------------------------------
-- Moving frames: the inverse transitions subtract exactly
--------------------------------------------------------------------------

CREATE TABLE wm AS
	SELECT i, (i * 7) % 11 AS score, ((i * 13) % 17 + 1) / 4.0 AS w FROM generate_series(1, 40) i;
-- a 5-row frame, by the moving aggregate and recomputed from scratch per row
SELECT count(*) AS rows,
	   bool_and(m = (SELECT nps_weighted_agg(score, w) FROM wm x WHERE x.i BETWEEN q.i - 4 AND q.i)) AS moving_equals_recomputed,
	   bool_and(n IS NOT DISTINCT FROM (SELECT nps_weighted(score, w) FROM wm x WHERE x.i BETWEEN q.i - 4 AND q.i)) AS one_step_too
FROM (SELECT i, nps_weighted_agg(score, w) OVER f AS m, nps_weighted(score, w) OVER f AS n
	  FROM wm WINDOW f AS (ORDER BY i ROWS 4 PRECEDING)) q;
SELECT count(*) AS rows,
	   bool_and(m = (SELECT csat_weighted_agg(score % 5 + 1, w, 5) FROM wm x WHERE x.i BETWEEN q.i - 3 AND q.i)) AS scaled_moving_equal,
	   bool_and(r = (SELECT ces_weighted_agg(score % 7 + 1, w, 7, false) FROM wm x WHERE x.i BETWEEN q.i - 3 AND q.i)) AS rollup_moving_equal
FROM (SELECT i, csat_weighted_agg(score % 5 + 1, w, 5) OVER f AS m,
			 rollup(s) OVER f AS r
	  FROM (SELECT i, score, w, ces_weighted_agg(score % 7 + 1, w, 7, false) OVER (PARTITION BY i) AS s FROM wm) z
	  WINDOW f AS (ORDER BY i ROWS 3 PRECEDING)) q;
-- the plan uses the inverse (a moving aggregate): EXPLAIN shows a WindowAgg either way, so check a
-- frame that starts past the first row gives the same as a fresh aggregate
SELECT nps_weighted_agg(score, w) OVER (ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)::text AS last_frame
FROM wm ORDER BY i DESC LIMIT 1;
SELECT nps_weighted_agg(score, w)::text AS fresh FROM wm WHERE i >= 38;

DROP TABLE wb, wc, wrt, wrt2, wm;
