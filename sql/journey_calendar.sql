/* journey_calendar.sql: a journey's time zone and its dirty days:
 * cx_journey_set_time_zone(), the refresh of the days changed since their
 * last refresh, and the trigger function that records them.  The tables,
 * columns, triggers and views are made by cx_journey_create and
 * cx_journey_upgrade (journey.sql).  README, "Daily summaries". */

-- The time zone name as pg_timezone_names spells it (matched without
-- regard to case), or 22023.  Abbreviations (PST) and POSIX strings
-- (UTC+3) are refused: their offsets are fixed, so a day's rows would move
-- across daylight saving time, and a name says what the journey means.
CREATE FUNCTION cx_journey_check_time_zone(time_zone pg_catalog.text)
	RETURNS pg_catalog.text
	LANGUAGE plpgsql
	-- STABLE: it reads pg_timezone_names; not STRICT: NULL is an error
	STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	name text;
BEGIN
	IF time_zone IS NULL THEN
		RAISE EXCEPTION 'time zone must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT min(z.name) INTO name FROM pg_timezone_names z WHERE lower(z.name) = lower(time_zone);
	IF name IS NULL THEN
		RAISE EXCEPTION 'time zone "%" is not a time zone name', time_zone
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = 'A journey''s time zone is one of the names of pg_timezone_names, such as UTC, Europe/Paris or America/Los_Angeles; abbreviations and fixed offsets are not accepted.',
				HINT = 'SELECT name FROM pg_timezone_names lists them.';
	END IF;
	RETURN name;
END
$function$;
COMMENT ON FUNCTION cx_journey_check_time_zone(pg_catalog.text) IS
	'internal: the time zone name as pg_timezone_names spells it (matched regardless of case), or invalid_parameter_value (22023); cx_journey_create, cx_journey_upgrade and cx_journey_set_time_zone call it';

-- The trigger function of the statement triggers cx_journey_upgrade puts
-- on responses and interactions: one insert per statement of its distinct
-- (local day, touchpoint) pairs, from the transition tables, so a COPY of
-- a million rows costs one aggregate of them.  No key on dirty_days, so no
-- writer waits for another there; the refresh deletes the marks it saw.
-- TRUNCATE has no transition table: every (day, touchpoint) of the daily
-- table becomes dirty.  Arguments: the local-date column, the daily table.
CREATE FUNCTION cx_journey_mark_dirty()
	RETURNS trigger
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it writes dirty_days
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
BEGIN
	IF TG_OP = 'INSERT' THEN
		EXECUTE format('INSERT INTO %1$I.dirty_days (day, touchpoint_id) SELECT DISTINCT n.%2$I, n.touchpoint_id FROM cx_new n',
			TG_TABLE_SCHEMA, TG_ARGV[0]);
	ELSIF TG_OP = 'DELETE' THEN
		EXECUTE format('INSERT INTO %1$I.dirty_days (day, touchpoint_id) SELECT DISTINCT o.%2$I, o.touchpoint_id FROM cx_old o',
			TG_TABLE_SCHEMA, TG_ARGV[0]);
	ELSIF TG_OP = 'UPDATE' THEN
		EXECUTE format($$INSERT INTO %1$I.dirty_days (day, touchpoint_id)
		                 SELECT n.%2$I, n.touchpoint_id FROM cx_new n UNION SELECT o.%2$I, o.touchpoint_id FROM cx_old o$$,
			TG_TABLE_SCHEMA, TG_ARGV[0]);
	ELSE
		EXECUTE format('INSERT INTO %1$I.dirty_days (day, touchpoint_id) SELECT day, touchpoint_id FROM %1$I.%2$I',
			TG_TABLE_SCHEMA, TG_ARGV[1]);
	END IF;
	RETURN NULL;
END
$function$;
COMMENT ON FUNCTION cx_journey_mark_dirty() IS
	'internal: the statement trigger function of a journey''s responses and interactions (triggers cx_dirty_days_insert, _update, _delete, _truncate): records in dirty_days the distinct local days and touchpoints of the rows a statement inserted, updated (before and after) or deleted, and for TRUNCATE every day and touchpoint of the daily table';

-- The refresh, by days or of the dirty days.  One refresh at a time per
-- journey (the lock on the daily tables); writers are not blocked.  The
-- dirty marks are deleted first, by one statement, and only the marks its
-- snapshot sees; the days are then recomputed by later statements, whose
-- snapshots are newer.  A mark and the rows it stands for commit together,
-- so a mark deleted here has its rows in the recomputation, and the mark
-- of a writer that commits after the DELETE stays: the day stays dirty
-- (at worst a day refreshed with those rows already is refreshed again).
-- The days are found through the index on (month, day): the conditions
-- name the month too.
CREATE FUNCTION cx_journey_refresh_days(schema_name pg_catalog.text, from_day pg_catalog.date, to_day pg_catalog.date,
	trust_owner pg_catalog.bool)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it writes tables; not STRICT: the callers
	-- check their arguments (NULL days: the dirty days)
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	s text := schema_name;
	e text;
	csat_k integer;
	ces_k integer;
	ces_lower boolean;
	days date[];
	months date[];
	cond text;
	n1 bigint;
	n2 bigint;
BEGIN
	-- The snapshot of a REPEATABLE READ or SERIALIZABLE transaction is
	-- taken before the lock below: it would not see the rows a concurrent
	-- refresh committed meanwhile, and fail on them (40001 or 23505), nor
	-- the rows of the writers whose marks it deletes.
	IF current_setting('transaction_isolation') <> 'read committed' THEN
		RAISE EXCEPTION 'cx_journey_refresh must run at isolation level READ COMMITTED'
			USING ERRCODE = 'invalid_transaction_state',
				DETAIL = format('The transaction is at %s.  Its snapshot was taken before the lock that keeps refreshes of a journey apart, so it could miss rows another refresh has written.',
								upper(current_setting('transaction_isolation'))),
				HINT = 'Call it in a transaction of its own, or in one begun with ISOLATION LEVEL READ COMMITTED.';
	END IF;
	IF to_regclass(format('%I.%I', s, 'daily_summaries')) IS NULL
		OR to_regclass(format('%I.%I', s, 'metric_scales')) IS NULL THEN
		RAISE EXCEPTION 'schema "%" holds no journey', s
			USING ERRCODE = 'invalid_parameter_value',
				HINT = 'Create one with cx_journey_create().';
	END IF;
	IF to_regclass(format('%I.%I', s, 'dirty_days')) IS NULL THEN
		RAISE EXCEPTION 'journey "%" was made by an older cx_journey_create', s
			USING ERRCODE = 'object_not_in_prerequisite_state',
				HINT = format('Upgrade it first: SELECT cx_journey_upgrade(%L).', s);
	END IF;
	-- A refresh runs the triggers, defaults, constraints and functions of
	-- the tables it reads and writes with the caller's rights: code that
	-- their owner wrote.  Unless the caller trusts that owner, the tables
	-- must be owned by the caller or by a role the caller is a member of,
	-- through pg_auth_members: a superuser is no exception.
	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';
	IF NOT trust_owner THEN
		EXECUTE format('SELECT %I.cx_journey_check_owner($1, $2, $3)', e)
			USING s, ARRAY['metric_scales', 'responses', 'interactions',
			'daily_summaries', 'daily_interactions', 'dirty_days'], 'refresh';
	END IF;
	-- Without days: the dirty days, which only the triggers record.
	IF from_day IS NULL AND NOT EXISTS (SELECT FROM pg_trigger
										WHERE tgrelid = format('%I.responses', s)::regclass
										  AND tgname = 'cx_dirty_days_insert')
			AND NOT EXISTS (SELECT FROM pg_trigger
							WHERE tgrelid = format('%I.interactions', s)::regclass
							  AND tgname = 'cx_dirty_days_insert') THEN
		RAISE EXCEPTION 'journey "%" does not track its dirty days', s
			USING ERRCODE = 'feature_not_supported',
				DETAIL = 'Its responses and interactions have no cx_dirty_days triggers: a distributed journey has none (Citus runs no trigger with transition tables on a distributed table).',
				HINT = 'Refresh by days: cx_journey_refresh(schema_name, from_day, to_day).';
	END IF;

	EXECUTE format($$SELECT max(scale_max) FILTER (WHERE metric = 'csat'),
	                        max(scale_max) FILTER (WHERE metric = 'ces'),
	                        bool_or(lower_is_better) FILTER (WHERE metric = 'ces')
	                 FROM %I.metric_scales$$, s)
		INTO csat_k, ces_k, ces_lower;

	EXECUTE format('LOCK TABLE %1$I.daily_summaries, %1$I.daily_interactions IN SHARE ROW EXCLUSIVE MODE', s);
	IF from_day IS NULL THEN
		EXECUTE format($$WITH d AS (DELETE FROM %I.dirty_days RETURNING day)
		                 SELECT array_agg(DISTINCT day ORDER BY day) FROM d$$, s) INTO days;
		IF days IS NULL THEN
			RETURN 0;
		END IF;
		SELECT array_agg(DISTINCT date_trunc('month', d::timestamp)::date) INTO months FROM unnest(days) AS d;
		cond := '%1$s.%2$I = ANY ($3) AND date_trunc(''month'', %1$s.%2$I::timestamp)::date = ANY ($4)';
	ELSE
		EXECUTE format('DELETE FROM %I.dirty_days WHERE day BETWEEN $1 AND $2', s) USING from_day, to_day;
		cond := '%1$s.%2$I BETWEEN $1 AND $2 AND date_trunc(''month'', %1$s.%2$I::timestamp)::date BETWEEN date_trunc(''month'', $1::timestamp)::date AND $2';
	END IF;
	EXECUTE format('DELETE FROM %I.daily_summaries d WHERE %s', s, format(cond, 'd', 'day'))
		USING from_day, to_day, days, months;
	EXECUTE format('DELETE FROM %I.daily_interactions d WHERE %s', s, format(cond, 'd', 'day'))
		USING from_day, to_day, days, months;
	-- Days are those of the journey's time zone, the stored local dates.
	-- The open cases of a day are censored at now(), the start of this
	-- transaction, with the same expressions as the raw scorecards (see
	-- cx_journey_upgrade): a day that still has open cases must be
	-- refreshed again for their ages to grow (README, "Daily summaries").
	EXECUTE format($$
		INSERT INTO %1$I.daily_summaries (day, touchpoint_id, nps, csat, ces)
		SELECT x.responded_on, x.touchpoint_id,
		       %2$I.nps_agg(CASE WHEN x.metric = 'nps' THEN x.score END),
		       %2$I.csat_agg(CASE WHEN x.metric = 'csat' THEN x.score END, $5),
		       %2$I.ces_agg(CASE WHEN x.metric = 'ces' THEN x.score END, $6, $7)
		FROM %1$I.responses x
		WHERE %3$s
		GROUP BY 1, 2$$, s, e, format(cond, 'x', 'responded_on'))
		USING from_day, to_day, days, months, csat_k, ces_k, ces_lower;
	GET DIAGNOSTICS n1 = ROW_COUNT;
	EXECUTE format($$
		INSERT INTO %1$I.daily_interactions (day, touchpoint_id, interactions, first_response, resolution)
		SELECT y.opened_on, y.touchpoint_id, count(*),
		       %2$I.duration_agg(coalesce(y.first_response_at, y.resolved_at, greatest(now(), y.opened_at)) - y.opened_at,
		                         y.first_response_at IS NULL),
		       %2$I.duration_agg(coalesce(y.resolved_at, greatest(now(), y.opened_at)) - y.opened_at,
		                         y.resolved_at IS NULL)
		FROM %1$I.interactions y
		WHERE %3$s
		GROUP BY 1, 2$$, s, e, format(cond, 'y', 'opened_on'))
		USING from_day, to_day, days, months;
	GET DIAGNOSTICS n2 = ROW_COUNT;
	RETURN n1 + n2;
END
$function$;
COMMENT ON FUNCTION cx_journey_refresh_days(pg_catalog.text, pg_catalog.date, pg_catalog.date, pg_catalog.bool) IS
	'internal: the work of cx_journey_refresh, for the days from_day to to_day, or with NULL days for the days dirty_days lists; deletes the dirty_days marks of the days it refreshes';

CREATE FUNCTION cx_journey_refresh(schema_name pg_catalog.text, trust_owner pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it writes tables; not STRICT: a NULL
	-- argument is an error
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	e text;
	written bigint;
BEGIN
	IF schema_name IS NULL OR trust_owner IS NULL THEN
		RAISE EXCEPTION 'cx_journey_refresh arguments must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';
	EXECUTE format('SELECT %I.cx_journey_refresh_days($1, NULL, NULL, $2)', e)
		INTO written USING schema_name, trust_owner;
	RETURN written;
END
$function$;
COMMENT ON FUNCTION cx_journey_refresh(pg_catalog.text, pg_catalog.bool) IS
	'recomputes the daily_summaries and daily_interactions rows of a journey schema for exactly the days dirty_days lists (the days whose responses or interactions changed since their last refresh; daily_freshness shows them) and deletes the marks it saw: a row written meanwhile by a transaction that commits later keeps its day dirty; returns the number of rows written (0 when nothing is dirty); the refresh to schedule with pg_cron; runs at isolation level READ COMMITTED only, and only on tables owned by the caller or a role the caller is a member of, unless trust_owner is true';

-- Changing the zone moves rows between days: the local-date columns are
-- made again (cx_journey_upgrade, which also makes the views again, their
-- grants kept), and the daily tables are rebuilt for every day with data,
-- all in the caller's transaction.  ALTER TABLE holds responses and
-- interactions in ACCESS EXCLUSIVE mode until it ends.
CREATE FUNCTION cx_journey_set_time_zone(schema_name pg_catalog.text, time_zone pg_catalog.text,
	trust_owner pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it runs DDL and writes tables; not
	-- STRICT: a NULL argument is an error
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	s text := schema_name;
	e text;
	tz text;
	old_tz text;
	lo date;
	hi date;
	written bigint := 0;
BEGIN
	IF schema_name IS NULL OR time_zone IS NULL OR trust_owner IS NULL THEN
		RAISE EXCEPTION 'cx_journey_set_time_zone arguments must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';
	EXECUTE format('SELECT %I.cx_journey_check_time_zone($1)', e) INTO tz USING time_zone;
	IF to_regclass(format('%I.%I', s, 'daily_summaries')) IS NULL
		OR to_regclass(format('%I.%I', s, 'responses')) IS NULL THEN
		RAISE EXCEPTION 'schema "%" holds no journey', s
			USING ERRCODE = 'invalid_parameter_value',
				HINT = 'Create one with cx_journey_create().';
	END IF;
	IF to_regclass(format('%I.%I', s, 'journey_settings')) IS NULL THEN
		RAISE EXCEPTION 'journey "%" was made by an older cx_journey_create', s
			USING ERRCODE = 'object_not_in_prerequisite_state',
				HINT = format('Upgrade it first: SELECT cx_journey_upgrade(%L).', s);
	END IF;
	IF current_setting('transaction_isolation') <> 'read committed' THEN
		RAISE EXCEPTION 'cx_journey_set_time_zone must run at isolation level READ COMMITTED'
			USING ERRCODE = 'invalid_transaction_state',
				DETAIL = format('The transaction is at %s; the daily tables are rebuilt as cx_journey_refresh does.',
								upper(current_setting('transaction_isolation'))),
				HINT = 'Call it in a transaction of its own, or in one begun with ISOLATION LEVEL READ COMMITTED.';
	END IF;
	IF NOT trust_owner THEN
		EXECUTE format('SELECT %I.cx_journey_check_owner($1, $2, $3)', e)
			USING s, ARRAY['journey_settings', 'responses', 'interactions', 'daily_summaries',
			'daily_interactions', 'dirty_days'], 'upgrade';
	END IF;
	EXECUTE format('SELECT time_zone FROM %I.journey_settings FOR UPDATE', s) INTO old_tz;
	IF old_tz = tz THEN
		RETURN 0;
	END IF;
	EXECUTE format('UPDATE %I.journey_settings SET time_zone = $1', s) USING tz;
	-- the local dates and the views, for the new zone
	EXECUTE format('SELECT %I.cx_journey_upgrade($1, $2)', e) USING s, trust_owner;
	-- every day with data, or with daily rows of the old days
	EXECUTE format($$SELECT min(d), max(d) FROM (
	                   SELECT min(responded_on) AS d FROM %1$I.responses UNION ALL SELECT max(responded_on) FROM %1$I.responses
	                   UNION ALL SELECT min(opened_on) FROM %1$I.interactions UNION ALL SELECT max(opened_on) FROM %1$I.interactions
	                   UNION ALL SELECT min(day) FROM %1$I.daily_summaries UNION ALL SELECT max(day) FROM %1$I.daily_summaries
	                   UNION ALL SELECT min(day) FROM %1$I.daily_interactions UNION ALL SELECT max(day) FROM %1$I.daily_interactions) AS b$$, s)
		INTO lo, hi;
	-- the marks name days of the old zone: all of them are rebuilt
	EXECUTE format('DELETE FROM %I.dirty_days', s);
	IF lo IS NOT NULL THEN
		EXECUTE format('SELECT %I.cx_journey_refresh_days($1, $2, $3, $4)', e)
			INTO written USING s, lo, hi, trust_owner;
	END IF;
	RETURN written;
END
$function$;
COMMENT ON FUNCTION cx_journey_set_time_zone(pg_catalog.text, pg_catalog.text, pg_catalog.bool) IS
	'changes the time zone of a journey schema (a name of pg_timezone_names) in one transaction: stores it in journey_settings, makes the local-date columns responded_on and opened_on again for it (rewriting responses and interactions, which stay locked until the transaction ends), makes the views again (their grants kept) and rebuilds daily_summaries and daily_interactions for every day from the first to the last with data (dirty_days emptied); returns the number of daily rows written (0, and nothing done, when the zone is already the journey''s); READ COMMITTED only, and only on tables owned by the caller or a role the caller is a member of, unless trust_owner is true';
