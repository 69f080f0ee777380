/*
 * cx_metrics demo: a generated sample CRM survey database.
 *
 *   psql -f demo/data.sql        (demo/run does this in a throwaway cluster)
 *
 * Everything lives in schema "crm", which is dropped and rebuilt, so the
 * script can be run again.  The data are deterministic (setseed): about
 * 350,000 NPS responses from 60,000 customers at 8 touchpoints of the
 * customer journey, 2025-08-01 .. 2026-10-31 (15 months).
 *
 * What is hidden in the data (the report should find it):
 *   website           slow steady improvement
 *   checkout          a bad month (a payment bug) in 2026-07, then recovery
 *   store             busy, more critical customers in the Nov/Dec season
 *   onboarding email  redesigned: better from 2026-06
 *   billing           new invoice format: worse from 2026-09
 *   support           steady improvement, too slow to be significant from
 *                     one month to the next but clear over a quarter
 *   installation      small (~75 responses a month): wide intervals
 * Volume is seasonal (peak in December), lower at weekends for the office
 * touchpoints and higher at weekends for the store, and about 4% of the
 * surveys were sent but not answered (score NULL: ignored by NPS).
 *
 * Last come the daily summaries: one nps_agg() per day and touchpoint.
 * The report reads only those and rolls them up with rollup(), the
 * two-step pattern: aggregate raw rows once, then combine summaries.
 */

\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET timezone = 'UTC';

CREATE EXTENSION IF NOT EXISTS cx_metrics;

DROP SCHEMA IF EXISTS crm CASCADE;
CREATE SCHEMA crm;
SET search_path = crm, public;

-- the seed can be changed with psql -v seed=0.5
\if :{?seed}
\else
\set seed 0.6
\endif
SELECT setseed(:seed) AS seed_set \gset

--------------------------------------------------------------------------
-- the customer journey
--------------------------------------------------------------------------

CREATE TABLE touchpoint (
	touchpoint_id int PRIMARY KEY,
	code          text NOT NULL UNIQUE,
	name          text NOT NULL,
	stage         text NOT NULL CHECK (stage IN ('before', 'during', 'after')),
	channel       text NOT NULL
);

INSERT INTO touchpoint VALUES
	(1, 'website',      'Website',          'before', 'web'),
	(2, 'sales_team',   'Sales team',       'before', 'phone'),
	(3, 'checkout',     'Online checkout',  'during', 'web'),
	(4, 'store',        'Store',            'during', 'in person'),
	(5, 'onboarding',   'Onboarding email', 'after',  'email'),
	(6, 'installation', 'Installation',     'after',  'in person'),
	(7, 'billing',      'Billing',          'after',  'email'),
	(8, 'support',      'Support',          'after',  'phone');

CREATE TABLE customer (
	customer_id bigint PRIMARY KEY,
	segment     text NOT NULL,
	region      text NOT NULL,
	since       date NOT NULL
);

INSERT INTO customer
SELECT i,
	   (ARRAY['consumer', 'consumer', 'consumer', 'small business', 'enterprise'])[1 + floor(random() * 5)::int],
	   (ARRAY['north', 'south', 'east', 'west'])[1 + floor(random() * 4)::int],
	   date '2019-01-01' + floor(random() * 2400)::int
FROM generate_series(1, 60000) AS i;

-- keys and indexes are added after the load: faster than per-row checks
CREATE TABLE survey_response (
	response_id   bigint GENERATED ALWAYS AS IDENTITY,
	customer_id   bigint NOT NULL,
	touchpoint_id int NOT NULL,
	responded_at  timestamptz NOT NULL,
	score         smallint CHECK (score BETWEEN 0 AND 10)   -- NULL: not answered
);

--------------------------------------------------------------------------
-- the generating model (temporary): per touchpoint and month the share of
-- promoters p and detractors d; per touchpoint a daily base volume and a
-- weekend factor
--------------------------------------------------------------------------

CREATE TEMP TABLE gen_touchpoint (touchpoint_id int, per_day float8, weekend float8, unanswered float8);
INSERT INTO gen_touchpoint VALUES
	(1, 280, 0.80, 0.04),
	(2,  25, 0.35, 0.03),
	(3, 150, 0.85, 0.04),
	(4,  90, 1.60, 0.03),
	(5,  60, 0.80, 0.08),
	(6, 2.6, 0.20, 0.02),
	(7,  40, 0.35, 0.05),
	(8, 110, 0.35, 0.03);

CREATE TEMP TABLE gen_month AS
SELECT touchpoint_id, month, i, p, d
FROM generate_series(0, 14) AS i,
	 LATERAL (SELECT (date '2025-08-01' + make_interval(months => i))::date AS month) AS mm,
	 LATERAL (VALUES
		(1, 0.40 + 0.004 * i, 0.22 - 0.003 * i),
		(2, 0.55, 0.12),
		(3, 0.50, CASE WHEN month = '2026-07-01' THEN 0.25 ELSE 0.15 END),
		(4, CASE WHEN extract(month FROM month) IN (11, 12) THEN 0.52 ELSE 0.58 END,
			CASE WHEN extract(month FROM month) IN (11, 12) THEN 0.16 ELSE 0.11 END),
		(5, CASE WHEN month >= '2026-06-01' THEN 0.42 ELSE 0.33 END,
			CASE WHEN month >= '2026-06-01' THEN 0.19 ELSE 0.26 END),
		(6, 0.66, 0.09),
		(7, CASE WHEN month >= '2026-09-01' THEN 0.25 ELSE 0.30 END,
			CASE WHEN month >= '2026-09-01' THEN 0.44 ELSE 0.34 END),
		(8, 0.36 + 0.012 * i, 0.36 - 0.010 * i)
	 ) AS v(touchpoint_id, p, d);

-- responses per touchpoint and day: base volume x season (peak in December)
-- x slow growth x weekday x noise, rounded at random so that small
-- touchpoints vary too.  (random() is always called on rows in a fixed
-- order, so the data do not depend on the plan.)
CREATE TEMP TABLE gen_day AS
SELECT touchpoint_id, day,
	   floor(per_day
			 * (1 + 0.22 * cos(2 * pi() * (extract(month FROM day) - 12) / 12))
			 * (1 + 0.01 * i)
			 * CASE WHEN extract(isodow FROM day) >= 6 THEN weekend ELSE 1 END
			 * (0.85 + 0.3 * random())
			 + random())::int AS n,
	   unanswered, p, d
FROM (SELECT g.*, day::date AS day, m.i, m.p, m.d
	  FROM gen_touchpoint g
		   CROSS JOIN generate_series(date '2025-08-01', date '2026-10-31', interval '1 day') AS day
		   JOIN gen_month m ON m.touchpoint_id = g.touchpoint_id
						   AND m.month = date_trunc('month', day)::date
	  ORDER BY g.touchpoint_id, day) AS base;

-- one row per response: u picks the category (detractor, passive,
-- promoter), v the score inside it; detractors mostly give 5 or 6
INSERT INTO survey_response (customer_id, touchpoint_id, responded_at, score)
SELECT 1 + floor(60000 * c ^ 1.5)::bigint,
	   touchpoint_id,
	   day + t * interval '1 day',
	   CASE
		   WHEN x < unanswered THEN NULL
		   WHEN u < d THEN
			   CASE WHEN v < 0.05 THEN 0 WHEN v < 0.08 THEN 1 WHEN v < 0.13 THEN 2
					WHEN v < 0.20 THEN 3 WHEN v < 0.32 THEN 4 WHEN v < 0.58 THEN 5
					ELSE 6 END
		   WHEN u < 1 - p THEN CASE WHEN v < 0.45 THEN 7 ELSE 8 END
		   ELSE CASE WHEN v < 0.45 THEN 9 ELSE 10 END
	   END
FROM (SELECT base.*, random() AS u, random() AS v, random() AS x, random() AS t, random() AS c
	  FROM (SELECT gd.*, k
			FROM gen_day gd, generate_series(1, gd.n) AS k
			ORDER BY gd.touchpoint_id, gd.day, k) AS base) AS r
ORDER BY day + t * interval '1 day';

ALTER TABLE survey_response
	ADD PRIMARY KEY (response_id),
	ADD FOREIGN KEY (customer_id) REFERENCES customer,
	ADD FOREIGN KEY (touchpoint_id) REFERENCES touchpoint;
CREATE INDEX ON survey_response (touchpoint_id, responded_at);
CREATE INDEX ON survey_response (customer_id);

--------------------------------------------------------------------------
-- step one of two: a daily NPS summary per touchpoint (11 counts each)
--------------------------------------------------------------------------

CREATE TABLE nps_daily (
	day           date NOT NULL,
	touchpoint_id int NOT NULL REFERENCES touchpoint,
	s             nps_summary NOT NULL,
	PRIMARY KEY (day, touchpoint_id)
);

INSERT INTO nps_daily
SELECT (responded_at AT TIME ZONE 'UTC')::date, touchpoint_id, nps_agg(score)
FROM survey_response
GROUP BY 1, 2;

COMMENT ON TABLE nps_daily IS
	'daily NPS summaries per touchpoint; roll them up with rollup(s) into weeks, months, quarters';

ANALYZE touchpoint, customer, survey_response, nps_daily;

DROP TABLE gen_touchpoint, gen_month, gen_day;

\pset tuples_only on
\pset format unaligned
SELECT format('Loaded %s survey responses (%s of them unanswered) from %s customers at %s touchpoints, %s .. %s, and %s daily summaries.',
			  to_char(count(*), 'FM999,999,999'), to_char(count(*) - count(score), 'FM999,999,999'),
			  to_char(count(DISTINCT customer_id), 'FM999,999,999'),
			  (SELECT count(*) FROM touchpoint),
			  min(responded_at AT TIME ZONE 'UTC')::date, max(responded_at AT TIME ZONE 'UTC')::date,
			  to_char((SELECT count(*) FROM nps_daily), 'FM999,999,999'))
FROM survey_response;
