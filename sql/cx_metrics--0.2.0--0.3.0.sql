/* cx_metrics: upgrade from 0.2.0 to 0.3.0, written by hand. */

\echo Use "ALTER EXTENSION cx_metrics UPDATE" to load this file. \quit

-- cx_journey_refresh gains trust_owner, and refuses what it cannot do
-- right: isolation levels above READ COMMITTED, and tables owned by a role
-- the caller is not a member of (unless trust_owner).  Nothing depends on
-- the function, so it is replaced.
DROP FUNCTION cx_journey_refresh(pg_catalog.text, pg_catalog.date, pg_catalog.date);
CREATE FUNCTION cx_journey_refresh(schema_name pg_catalog.text, from_day pg_catalog.date, to_day pg_catalog.date,
	trust_owner pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.int8
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE: it writes tables; not STRICT: a NULL
	-- argument is an error
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	s text := schema_name;
	e text;
	csat_k integer;
	ces_k integer;
	ces_lower boolean;
	n1 bigint;
	n2 bigint;
	foreign_table text;
	foreign_owner text;
BEGIN
	IF schema_name IS NULL OR from_day IS NULL OR to_day IS NULL OR trust_owner IS NULL THEN
		RAISE EXCEPTION 'cx_journey_refresh arguments must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF from_day > to_day OR NOT isfinite(from_day) OR NOT isfinite(to_day) THEN
		RAISE EXCEPTION 'invalid day range % to %', from_day, to_day
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = 'from_day and to_day are finite dates, from_day on or before to_day; both days are refreshed.';
	END IF;
	-- The snapshot of a REPEATABLE READ or SERIALIZABLE transaction is
	-- taken before the lock below: it would not see the rows a concurrent
	-- refresh committed meanwhile, and fail on them (40001 or 23505).
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
	-- A refresh runs the triggers, defaults, constraints and functions of
	-- the tables it reads and writes with the caller's rights: code that
	-- their owner wrote.  Unless the caller trusts that owner, the tables
	-- must be owned by the caller or by a role the caller is a member of,
	-- through pg_auth_members: a superuser is no exception.
	IF NOT trust_owner THEN
		WITH RECURSIVE mine(r) AS (
			SELECT oid FROM pg_roles WHERE rolname = current_user
			UNION
			SELECT m.roleid FROM pg_auth_members m JOIN mine ON m.member = mine.r)
		SELECT c.relname, pg_get_userbyid(c.relowner) INTO foreign_table, foreign_owner
		FROM pg_class c
		WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = s)
		  AND c.relname IN ('metric_scales', 'responses', 'interactions', 'daily_summaries', 'daily_interactions')
		  AND c.relowner NOT IN (SELECT r FROM mine)
		ORDER BY c.relname
		LIMIT 1;
		IF foreign_table IS NOT NULL THEN
			RAISE EXCEPTION 'table %.% is owned by role %, not by you or a role you are a member of',
					quote_ident(s), quote_ident(foreign_table), quote_ident(foreign_owner)
				USING ERRCODE = 'insufficient_privilege',
					DETAIL = 'A refresh runs the triggers, defaults and functions of the journey''s tables with your rights.',
					HINT = format('Refresh as %I (or a member of it), or pass trust_owner => true if you trust that role''s code.', foreign_owner);
		END IF;
	END IF;
	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';

	EXECUTE format($$SELECT max(scale_max) FILTER (WHERE metric = 'csat'),
	                        max(scale_max) FILTER (WHERE metric = 'ces'),
	                        bool_or(lower_is_better) FILTER (WHERE metric = 'ces')
	                 FROM %I.metric_scales$$, s)
		INTO csat_k, ces_k, ces_lower;

	-- One refresh at a time per journey; readers are not blocked.
	EXECUTE format('LOCK TABLE %1$I.daily_summaries, %1$I.daily_interactions IN SHARE ROW EXCLUSIVE MODE', s);
	EXECUTE format('DELETE FROM %I.daily_summaries WHERE day BETWEEN $1 AND $2', s) USING from_day, to_day;
	EXECUTE format('DELETE FROM %I.daily_interactions WHERE day BETWEEN $1 AND $2', s) USING from_day, to_day;
	-- Days are those of the session time zone, like the scorecards' months.
	EXECUTE format($$
		INSERT INTO %1$I.daily_summaries (day, touchpoint_id, nps, csat, ces)
		SELECT x.responded_at::date, x.touchpoint_id,
		       %2$I.nps_agg(CASE WHEN x.metric = 'nps' THEN x.score END),
		       %2$I.csat_agg(CASE WHEN x.metric = 'csat' THEN x.score END, $3),
		       %2$I.ces_agg(CASE WHEN x.metric = 'ces' THEN x.score END, $4, $5)
		FROM %1$I.responses x
		WHERE x.responded_at >= $1::timestamptz AND x.responded_at < ($2 + 1)::timestamptz
		GROUP BY 1, 2$$, s, e)
		USING from_day, to_day, csat_k, ces_k, ces_lower;
	GET DIAGNOSTICS n1 = ROW_COUNT;
	EXECUTE format($$
		INSERT INTO %1$I.daily_interactions (day, touchpoint_id, interactions, first_response_hours, resolution_hours)
		SELECT y.opened_at::date, y.touchpoint_id, count(*),
		       array_agg((extract(epoch FROM y.first_response_at - y.opened_at) / 3600)::float8),
		       array_agg((extract(epoch FROM y.resolved_at - y.opened_at) / 3600)::float8)
		FROM %1$I.interactions y
		WHERE y.opened_at >= $1::timestamptz AND y.opened_at < ($2 + 1)::timestamptz
		GROUP BY 1, 2$$, s)
		USING from_day, to_day;
	GET DIAGNOSTICS n2 = ROW_COUNT;
	RETURN n1 + n2;
END
$function$;
COMMENT ON FUNCTION cx_journey_refresh(pg_catalog.text, pg_catalog.date, pg_catalog.date, pg_catalog.bool) IS
	'recomputes the daily_summaries and daily_interactions rows of a journey schema for the days from_day to to_day (both included, days of the session time zone) from its responses and interactions; returns the number of rows written; runs at isolation level READ COMMITTED only, and only on tables owned by the caller or a role the caller is a member of, unless trust_owner is true';
