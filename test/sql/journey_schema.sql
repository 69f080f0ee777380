-- journey_schema: cx_journey_create() and the tables it makes: arguments,
-- ownership, the default catalog, every constraint (each bad row rejected
-- with its SQLSTATE and message), customer id types, comments, indexes.

-- cx_test.try_exec() (test/sql/setup.sql) runs a statement; it returns 'ok'
-- or the SQLSTATE and message of its error.
-- Errors raised by the functions print without the PL/pgSQL context.
\set SHOW_CONTEXT never

-- Bad arguments: each error says what is allowed.
SELECT cx_journey_create(NULL);
SELECT cx_journey_create('');
SELECT cx_journey_create('jx', 'json');
SELECT cx_journey_create('jx', 'int4[]');
SELECT cx_journey_create('jx', csat_scale_max => 1);
SELECT cx_journey_create('jx', csat_scale_max => 11);
SELECT cx_journey_create('jx', ces_scale_max => 0);
SELECT cx_journey_create('jx', ces_lower_is_better => NULL);
-- their SQLSTATEs: 22004 for a NULL, 22023 for a value outside what is allowed
SELECT cx_test.try_exec(call) AS result, call
FROM (VALUES ($$SELECT cx_journey_create(NULL)$$), ($$SELECT cx_journey_create('')$$),
             ($$SELECT cx_journey_create('jx', 'json')$$), ($$SELECT cx_journey_create('jx', csat_scale_max => 11)$$),
             ($$SELECT cx_journey_create('jx', ces_scale_max => 1)$$),
             ($$SELECT cx_journey_create('jx', ces_lower_is_better => NULL)$$)) AS v(call);
-- nothing was left behind by the failed calls
SELECT count(*) AS jx_schemas FROM pg_namespace WHERE nspname = 'jx';

-- A non-superuser with CREATE on the database sets a journey up: the
-- schema and the tables are its own.
CREATE ROLE regress_journey_owner;
DO $$ BEGIN
	EXECUTE format('GRANT CREATE ON DATABASE %I TO regress_journey_owner', current_database());
END $$;
SET ROLE regress_journey_owner;
SELECT cx_journey_create('jt');
RESET ROLE;

SELECT c.relname, c.relkind, pg_get_userbyid(c.relowner) AS owner
FROM pg_class c
WHERE c.relnamespace = 'jt'::regnamespace AND c.relkind IN ('r', 'v')
ORDER BY c.relkind, c.relname;
SELECT pg_get_userbyid(nspowner) AS schema_owner FROM pg_namespace WHERE nspname = 'jt';

-- A second call on the same schema is refused.
SELECT cx_journey_create('jt');

-- None of the journey's objects is an extension member ...
SELECT count(*) AS members_in_jt
FROM pg_depend d JOIN pg_class c ON d.classid = 'pg_class'::regclass AND c.oid = d.objid
WHERE d.deptype = 'e' AND c.relnamespace = 'jt'::regnamespace;
-- ... but the views and the daily summary table depend on the extension's
-- objects (so that DROP EXTENSION without CASCADE fails: journey_security)
SELECT DISTINCT c.relname
FROM pg_depend d
JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_depend m ON m.classid = d.refclassid AND m.objid = d.refobjid AND m.deptype = 'e'
WHERE c.relnamespace = 'jt'::regnamespace
ORDER BY 1;
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a
WHERE a.attrelid = 'jt.daily_summaries'::regclass AND a.attnum > 0
ORDER BY a.attnum;
SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
FROM pg_attribute a
WHERE a.attrelid = 'jt.daily_interactions'::regclass AND a.attnum > 0
ORDER BY a.attnum;

-- Every table and view, and the two functions, have a comment.
SELECT c.relname AS undocumented
FROM pg_class c
WHERE c.relnamespace = 'jt'::regnamespace AND c.relkind IN ('r', 'v')
  AND obj_description(c.oid, 'pg_class') IS NULL;
SELECT p.oid::regprocedure, obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc p WHERE p.proname IN ('cx_journey_create', 'cx_journey_refresh', 'cx_journey_upgrade', 'cx_journey_distribute') ORDER BY 1;
-- every column of the scorecards (revenue_cohorts too) but the grouping
-- keys has a comment (BI tools show them), and so have goals.sla and
-- subscriptions.mrr
SELECT c.relname, a.attname AS uncommented
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relnamespace = 'jt'::regnamespace AND (c.relname LIKE '%scorecard%' OR c.relname = 'revenue_cohorts') AND a.attnum > 0
  AND a.attname NOT IN ('stage', 'touchpoint_id', 'touchpoint') AND col_description(c.oid, a.attnum) IS NULL
ORDER BY 1, 2;
SELECT col_description('jt.goals'::regclass, (SELECT attnum FROM pg_attribute WHERE attrelid = 'jt.goals'::regclass AND attname = 'sla')) IS NOT NULL AS sla_commented,
       col_description('jt.subscriptions'::regclass, (SELECT attnum FROM pg_attribute WHERE attrelid = 'jt.subscriptions'::regclass AND attname = 'mrr')) IS NOT NULL AS mrr_commented;

-- The stages and the default catalog.
SELECT * FROM jt.journey_stages ORDER BY position;
SELECT t.touchpoint_id, t.name, t.stage, t.category, t.channel, t.active
FROM jt.touchpoints t ORDER BY t.touchpoint_id;
SELECT stage, count(*), bool_and(name = lower(name)) AS lower_case, bool_and(description <> '') AS described
FROM jt.touchpoints GROUP BY stage ORDER BY min(touchpoint_id);
-- a user's own touchpoint, and switching one off
INSERT INTO jt.touchpoints (name, stage, category, channel) VALUES ('mobile app', 'after_purchase', 'product', 'app')
	RETURNING touchpoint_id, name, description, active;
UPDATE jt.touchpoints SET active = false WHERE name = 'thank-you cards';
SELECT count(*) FILTER (WHERE active) AS active, count(*) AS all FROM jt.touchpoints;

-- The scales, fixed for the journey.
SELECT * FROM jt.metric_scales ORDER BY metric;
SELECT cx_test.try_exec($$UPDATE jt.metric_scales SET scale_max = 7 WHERE metric = 'csat'$$);
SELECT cx_test.try_exec($$INSERT INTO jt.metric_scales VALUES ('nps', 0, 5, false)$$);

-- The indexes (period and touchpoint filters, CRM joins).
SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'jt' ORDER BY tablename, indexname;

-- Responses: every constraint.
SET TimeZone = 'UTC';
SELECT cx_test.try_exec(format($$INSERT INTO jt.responses (customer_id, touchpoint_id, metric, score, responded_at, weight)
                            VALUES (1, 9, %L, %s, '2026-01-05', %s)$$, metric, score, weight)) AS result,
       metric, score, weight
FROM (VALUES ('nps', '0', 'NULL'), ('nps', '10', 'NULL'), ('nps', '11', 'NULL'), ('nps', '-1', 'NULL'),
             ('csat', '1', 'NULL'), ('csat', '5', '2.5'), ('csat', '0', 'NULL'), ('csat', '6', 'NULL'),
             ('ces', '1', 'NULL'), ('ces', '7', 'NULL'), ('ces', '8', 'NULL'), ('ces', '0', 'NULL'),
             ('nps', 'NULL', 'NULL'), ('csat', 'NULL', 'NULL'),
             ('stars', '3', 'NULL'), (NULL, '3', 'NULL'),
             ('nps', '9', '0'), ('nps', '9', '-1'), ('nps', '9', $$'NaN'$$), ('nps', '9', $$'Infinity'$$))
     AS v(metric, score, weight);
SELECT cx_test.try_exec($$INSERT INTO jt.responses (customer_id, touchpoint_id, metric, score, responded_at)
                     VALUES (1, 999, 'nps', 9, '2026-01-05')$$) AS unknown_touchpoint;
SELECT cx_test.try_exec($$INSERT INTO jt.responses (customer_id, touchpoint_id, metric, score, responded_at)
                     VALUES (NULL, 9, 'nps', 9, '2026-01-05')$$) AS no_customer;
SELECT cx_test.try_exec($$INSERT INTO jt.responses (customer_id, touchpoint_id, metric, score, responded_at)
                     VALUES (1, 9, 'nps', 9, NULL)$$) AS no_time;
-- the full error, as a client sees it
INSERT INTO jt.responses (response_id, customer_id, touchpoint_id, metric, score, responded_at)
VALUES (100, 1, 9, 'nps', 11, '2026-01-05');
INSERT INTO jt.responses (customer_id, touchpoint_id, metric, score, responded_at)
VALUES (1, 999, 'nps', 9, '2026-01-05');
SELECT metric, score, weight FROM jt.responses ORDER BY response_id;
-- a touchpoint that has responses cannot be deleted (switch it off instead)
SELECT cx_test.try_exec($$DELETE FROM jt.touchpoints WHERE touchpoint_id = 9$$);

-- Interactions.
SELECT cx_test.try_exec(format($$INSERT INTO jt.interactions (customer_id, touchpoint_id, opened_at, first_response_at, resolved_at)
                            VALUES (1, %s, '2026-01-05 10:00', %L, %L)$$, tp, fr, rs)) AS result, tp, fr, rs
FROM (VALUES (18, NULL, NULL), (18, '2026-01-05 10:00', '2026-01-05 10:00'), (18, '2026-01-05 11:00', '2026-01-06 09:00'),
             (18, '2026-01-05 09:59', NULL), (18, NULL, '2026-01-04 10:00'), (18, '2026-01-05 11:00', '2026-01-05 09:00'),
             (999, NULL, NULL)) AS v(tp, fr, rs);
SELECT cx_test.try_exec($$INSERT INTO jt.interactions (customer_id, touchpoint_id, opened_at) VALUES (1, 18, NULL)$$) AS no_opening;

-- Subscriptions.
SELECT cx_test.try_exec(format($$INSERT INTO jt.subscriptions (customer_id, plan, active) VALUES (1, 'basic', %L)$$, r)) AS result, r
FROM (VALUES ('[2026-01-01,2026-02-01)'), ('[2026-01-01,)'), ('empty'), ('(,2026-02-01)'), (NULL)) AS v(r);

-- Goals.
SELECT cx_test.try_exec(format($$INSERT INTO jt.goals (name, metric, stage, touchpoint_id, baseline_period, target_period,
                                                 target_kind, target, due_date)
                            VALUES (%L, %L, %L, %s, %L, %L, %L, %s, %L)$$,
                          name, metric, stage, tp, bp, tgt, kind, target, due)) AS result, name
FROM (VALUES
	('nps +1', 'nps', NULL, 'NULL', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', '1', '2026-06-30'),
	('resolution -20%', 'resolution_time', 'after_purchase', 'NULL', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'percent_change', '-20', '2026-06-30'),
	('web csat 85', 'csat', NULL, '9', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', '85', '2026-06-30'),
	('nps +1', 'nps', NULL, 'NULL', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', '1', '2026-06-30'),
	('no baseline', 'nps', NULL, 'NULL', NULL, '[2026-04-01,2026-07-01)', 'change', '1', '2026-06-30'),
	('no target period', 'nps', NULL, 'NULL', '[2026-01-01,2026-04-01)', NULL, 'change', '1', '2026-06-30'),
	('open baseline', 'nps', NULL, 'NULL', '[2026-01-01,)', '[2026-04-01,2026-07-01)', 'change', '1', '2026-06-30'),
	('open target', 'nps', NULL, 'NULL', '[2026-01-01,2026-04-01)', '(,2026-07-01)', 'change', '1', '2026-06-30'),
	('empty target', 'nps', NULL, 'NULL', '[2026-01-01,2026-04-01)', 'empty', 'change', '1', '2026-06-30'),
	('two scopes', 'nps', 'purchase', '9', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', '1', '2026-06-30'),
	('churn per stage', 'churn_rate', 'purchase', 'NULL', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', '0.02', '2026-06-30'),
	('bad metric', 'revenue', NULL, 'NULL', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', '1', '2026-06-30'),
	('bad kind', 'nps', NULL, 'NULL', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'double', '1', '2026-06-30'),
	('NaN target', 'nps', NULL, 'NULL', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', $$'NaN'$$, '2026-06-30'),
	('due too early', 'nps', NULL, 'NULL', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', '1', '2026-04-01'),
	('unknown stage', 'nps', 'during_purchase', 'NULL', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', '1', '2026-06-30'),
	('unknown touchpoint', 'nps', NULL, '999', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', '1', '2026-06-30'),
	('no due date', 'nps', NULL, 'NULL', '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', '1', NULL))
	AS v(name, metric, stage, tp, bp, tgt, kind, target, due);
SELECT goal_id, name, metric, stage, touchpoint_id, target_kind, target FROM jt.goals ORDER BY goal_id;

-- Touchpoints.
SELECT cx_test.try_exec(format($$INSERT INTO jt.touchpoints (name, stage, category, channel) VALUES (%L, %L, %L, %L)$$,
                          name, stage, category, channel)) AS result, name
FROM (VALUES ('kiosk', 'purchase', 'environment', 'in person'), ('website', 'purchase', 'environment', 'web'),
             ('chatbot', 'after_purchase', 'robot', 'web'), ('fax', 'during_purchase', 'message', 'fax'),
             ('  ', 'purchase', 'message', 'x'), ('no channel', 'purchase', 'message', NULL)) AS v(name, stage, category, channel);

-- Daily interactions count each interaction once in each summary.
SELECT cx_test.try_exec($$INSERT INTO jt.daily_interactions
                          SELECT '2026-01-05', 18, 2, duration_agg(x), duration_agg(x, x > interval '1 hour')
                          FROM (VALUES (interval '1 hour'), (interval '2 hours')) AS v(x)$$) AS two_cases;
SELECT cx_test.try_exec($$INSERT INTO jt.daily_interactions
                          SELECT '2026-01-05', 18, 3, duration_agg(x), duration_agg(x, x > interval '1 hour')
                          FROM (VALUES (interval '1 hour'), (interval '2 hours')) AS v(x)$$) AS three_cases_claimed;
SELECT cx_test.try_exec($$INSERT INTO jt.daily_interactions
                          SELECT '2026-01-06', 18, 2, duration_agg(x), NULL
                          FROM (VALUES (interval '1 hour'), (interval '2 hours')) AS v(x)$$) AS no_resolution_summary;
DELETE FROM jt.daily_interactions;

-- Other scales: CSAT 1..7, CES 1..5 lower is easier (CES 1.0), uuid ids.
SELECT cx_journey_create('jt_scales', 'uuid', csat_scale_max => 7, ces_scale_max => 5, ces_lower_is_better => true);
SELECT * FROM jt_scales.metric_scales ORDER BY metric;
SELECT cx_test.try_exec(format($$INSERT INTO jt_scales.responses (customer_id, touchpoint_id, metric, score, responded_at)
                            VALUES ('7c3a1f1e-0000-4000-8000-000000000001', 1, %L, %s, now())$$, metric, score)) AS result,
       metric, score
FROM (VALUES ('csat', 7), ('csat', 8), ('ces', 5), ('ces', 6), ('nps', 10)) AS v(metric, score);

-- Customer ids in the CRM's key type: bigint, uuid and text all join to
-- the CRM's customer table without a cast.
CREATE TABLE crm_bigint (id bigint PRIMARY KEY, name text);
CREATE TABLE crm_uuid (id uuid PRIMARY KEY, name text);
CREATE TABLE crm_text (id text PRIMARY KEY, name text);
INSERT INTO crm_bigint VALUES (42, 'Ada');
INSERT INTO crm_uuid VALUES ('7c3a1f1e-0000-4000-8000-000000000001', 'Ada');
INSERT INTO crm_text VALUES ('CUST-0042', 'Ada');
SELECT cx_journey_create('jt_text', 'text');
INSERT INTO jt.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES (42, 9, 'nps', 9, '2026-02-01');
INSERT INTO jt_text.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES ('CUST-0042', 9, 'nps', 9, '2026-02-01');
SELECT 'bigint' AS id_type, c.name, r.metric, r.score FROM jt.responses r JOIN crm_bigint c ON c.id = r.customer_id
UNION ALL
SELECT 'uuid', c.name, r.metric, r.score FROM jt_scales.responses r JOIN crm_uuid c ON c.id = r.customer_id WHERE r.metric = 'nps'
UNION ALL
SELECT 'text', c.name, r.metric, r.score FROM jt_text.responses r JOIN crm_text c ON c.id = r.customer_id;
-- the customer_id columns have exactly the CRM key's type, in every table
SELECT c.relnamespace::regnamespace AS journey, c.relname, format_type(a.atttypid, a.atttypmod) AS customer_id_type
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE a.attname = 'customer_id' AND c.relkind = 'r'
  AND c.relnamespace IN ('jt'::regnamespace, 'jt_scales'::regnamespace, 'jt_text'::regnamespace)
ORDER BY c.relname, c.relnamespace::regnamespace::text;
-- and the join plan compares them directly (no cast on either side): the
-- plan's conditions (cx_test.plan_values, test/sql/setup.sql: hash, merge
-- and index conditions, join filters) hold one on customer_id, and none
-- has a cast
SELECT journey, count(*) FILTER (WHERE v ~ 'customer_id') AS join_conditions,
       bool_and(v NOT LIKE '%::%') AS no_cast
FROM (VALUES ('jt_text', 'crm_text'), ('jt_scales', 'crm_uuid')) AS j(journey, crm),
     LATERAL (SELECT format('SELECT * FROM %I.responses r JOIN %I c ON c.id = r.customer_id', journey, crm)) AS q(q),
     LATERAL (SELECT cx_test.plan_values(q, '% Cond') UNION ALL SELECT cx_test.plan_values(q, 'Join Filter')) AS c(v)
GROUP BY journey ORDER BY journey;

-- cx_journey_distribute needs the citus extension (test/t/citus_journey.sh
-- tests it on a cluster): here it refuses with 55000 and a hint, and the
-- single-node keys stay as they are (response_id alone is unique).
SELECT cx_journey_distribute('jt');
DO $$
BEGIN
	PERFORM cx_journey_distribute('jt');
EXCEPTION WHEN object_not_in_prerequisite_state THEN
	RAISE NOTICE 'cx_journey_distribute without citus: SQLSTATE %', SQLSTATE;
END $$;
SELECT c.conrelid::regclass, pg_get_constraintdef(c.oid)
FROM pg_constraint c
WHERE c.contype = 'p' AND c.conrelid IN ('jt.responses'::regclass, 'jt.interactions'::regclass, 'jt.subscriptions'::regclass)
ORDER BY 1;

-- Clean up: the journeys are ordinary schemas.
SET client_min_messages = warning;
DROP SCHEMA jt, jt_scales, jt_text CASCADE;
DROP TABLE crm_bigint, crm_uuid, crm_text;
DO $$ BEGIN
	EXECUTE format('REVOKE CREATE ON DATABASE %I FROM regress_journey_owner', current_database());
END $$;
DROP ROLE regress_journey_owner;
