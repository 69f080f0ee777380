-- journey_security: the views run with the reader's rights (security_invoker),
-- so row-level security on the tables applies through them; and DROP
-- EXTENSION never takes customer data with it.

SET TimeZone = 'UTC';
SET client_min_messages = warning;
SELECT cx_journey_create('js');
RESET client_min_messages;

-- every view is security_invoker
SELECT c.relname, c.reloptions
FROM pg_class c WHERE c.relnamespace = 'js'::regnamespace AND c.relkind = 'v' ORDER BY 1;

-- Website (9): NPS 10 10 0 -> 33.33, n 3; support team (18): NPS 0 0 -> -100, n 2.
INSERT INTO js.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES
	(1, 9, 'nps', 10, '2026-03-01'), (2, 9, 'nps', 10, '2026-03-02'), (3, 9, 'nps', 0, '2026-03-03'),
	(4, 18, 'nps', 0, '2026-03-04'), (5, 18, 'nps', 0, '2026-03-05');

-- An analyst may read the website's responses only.
CREATE ROLE regress_journey_analyst;
GRANT USAGE ON SCHEMA js TO regress_journey_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA js TO regress_journey_analyst;
ALTER TABLE js.responses ENABLE ROW LEVEL SECURITY;
CREATE POLICY website_only ON js.responses FOR SELECT TO regress_journey_analyst USING (touchpoint_id = 9);
-- the owner is not subject to the policy: everything
SELECT month, nps_n, round(nps::numeric, 2) AS nps FROM js.overall_scorecard;
-- the analyst: the policy hides support's rows from every scorecard
SET ROLE regress_journey_analyst;
SELECT month, nps_n, round(nps::numeric, 2) AS nps FROM js.overall_scorecard;
SELECT touchpoint, nps_n, round(nps::numeric, 2) AS nps FROM js.touchpoint_scorecard ORDER BY touchpoint_id;
SELECT stage, nps_n FROM js.stage_scorecard ORDER BY stage;
RESET ROLE;

-- A role allowed to read the views but not the tables reads nothing: the
-- views do not lend their owner's rights.
CREATE ROLE regress_journey_viewer;
GRANT USAGE ON SCHEMA js TO regress_journey_viewer;
GRANT SELECT ON js.overall_scorecard TO regress_journey_viewer;
SET ROLE regress_journey_viewer;
SELECT cx_test.try_exec('SELECT * FROM js.overall_scorecard');
RESET ROLE;

-- cx_journey_refresh runs the tables' triggers and functions with the
-- caller's rights, so it refuses tables owned by a role the caller is not a
-- member of, superusers included, unless told to trust the owner.  A
-- trigger the owner planted shows whose rights it ran with.
CREATE ROLE regress_journey_owner;
CREATE ROLE regress_journey_member IN ROLE regress_journey_owner;
DO $$ BEGIN
	EXECUTE format('GRANT CREATE ON DATABASE %I TO regress_journey_owner', current_database());
END $$;
SET ROLE regress_journey_owner;
SET client_min_messages = warning;
SELECT cx_journey_create('jo');
RESET client_min_messages;
CREATE TABLE jo.refreshed_by (who name);
CREATE FUNCTION jo.note_refresher() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO jo.refreshed_by VALUES (current_user);
	RETURN NULL;
END $$;
CREATE TRIGGER note_refresher AFTER INSERT ON jo.daily_summaries
	FOR EACH STATEMENT EXECUTE FUNCTION jo.note_refresher();
INSERT INTO jo.responses (customer_id, touchpoint_id, metric, score, responded_at)
VALUES (1, 9, 'nps', 10, '2026-03-01');
RESET ROLE;
\set SHOW_CONTEXT never
-- the superuser running the tests owns none of it: refused, nothing run
SELECT cx_journey_refresh('jo', '2026-03-01', '2026-03-31');
SELECT count(*) AS trigger_runs FROM jo.refreshed_by;
\set SHOW_CONTEXT errors
-- the owner itself, and a member of the owner's role, may refresh
SET ROLE regress_journey_owner;
SELECT cx_journey_refresh('jo', '2026-03-01', '2026-03-31') AS rows_written;
RESET ROLE;
SET ROLE regress_journey_member;
SELECT cx_journey_refresh('jo', '2026-03-01', '2026-03-31') AS rows_written;
RESET ROLE;
-- the superuser, once it says it trusts the owner: the trigger runs as it
SELECT cx_journey_refresh('jo', '2026-03-01', '2026-03-31', trust_owner => true) AS rows_written;
SELECT who = current_user AS ran_as_caller, count(*) FROM jo.refreshed_by GROUP BY 1 ORDER BY 1;
SET client_min_messages = warning;
DROP SCHEMA jo CASCADE;
RESET client_min_messages;
DO $$ BEGIN
	EXECUTE format('REVOKE CREATE ON DATABASE %I FROM regress_journey_owner', current_database());
END $$;
DROP ROLE regress_journey_member;
DROP ROLE regress_journey_owner;

-- DROP EXTENSION without CASCADE fails with a dependency error, and
-- leaves everything in place.
SELECT cx_test.try_exec('DROP EXTENSION cx_metrics');
SELECT count(*) AS responses FROM js.responses;
SELECT extname FROM pg_extension WHERE extname = 'cx_metrics';
-- Even with CASCADE, only what is derived from the extension goes (the
-- views, and the summary columns of daily_summaries); the customer data
-- stays.
BEGIN;
SET LOCAL client_min_messages = warning;
DROP EXTENSION cx_metrics CASCADE;
SELECT c.relname, c.relkind FROM pg_class c
WHERE c.relnamespace = 'js'::regnamespace AND c.relkind IN ('r', 'v') ORDER BY 2, 1;
SELECT string_agg(attname, ', ' ORDER BY attnum) AS daily_summaries_columns
FROM pg_attribute WHERE attrelid = 'js.daily_summaries'::regclass AND attnum > 0 AND NOT attisdropped;
SELECT count(*) AS responses FROM js.responses;
ROLLBACK;
SELECT count(*) AS views_back FROM pg_class WHERE relnamespace = 'js'::regnamespace AND relkind = 'v';

SET client_min_messages = warning;
DROP SCHEMA js CASCADE;
DROP ROLE regress_journey_analyst;
DROP ROLE regress_journey_viewer;
