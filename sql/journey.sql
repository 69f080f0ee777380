/* journey.sql: the touchpoint schema, cx_journey_create() and
 * cx_journey_refresh(). */

/*
 * The journey tables are not members of the extension.  cx_journey_create()
 * creates them, in a schema the caller names and owned by the caller, with
 * the customer id in the CRM's own key type (a member table could not take
 * the type as a parameter).  pg_dump then dumps them as ordinary user data;
 * ALTER EXTENSION UPDATE never rewrites them; and DROP EXTENSION without
 * CASCADE fails, because the views and the daily summary tables depend on
 * the extension's types and functions.  See README, "Touchpoints and
 * journey".
 *
 * Both functions below run dynamic SQL built with format() (%I for every
 * identifier, %L for every literal) under SET search_path = pg_catalog,
 * pg_temp: built-in functions and operators in the generated view text
 * resolve to pg_catalog when the views are created (pg_temp is never
 * searched for functions or operators), and views store what they resolved
 * by OID, so later search_path settings cannot change them.  Our own
 * functions are qualified with the extension's schema, looked up at run
 * time in pg_extension: the extension is relocatable, so @extschema@ cannot
 * be used.  Neither is SECURITY DEFINER: everything is created, read and
 * written with the caller's rights.
 */

CREATE FUNCTION cx_journey_create(schema_name pg_catalog.text,
	customer_id_type pg_catalog.regtype DEFAULT 'pg_catalog.int8',
	csat_scale_max pg_catalog.int4 DEFAULT 5,
	ces_scale_max pg_catalog.int4 DEFAULT 7,
	ces_lower_is_better pg_catalog.bool DEFAULT false)
	RETURNS pg_catalog.void
	LANGUAGE plpgsql
	-- VOLATILE, PARALLEL UNSAFE and not STRICT: it runs DDL, and a NULL
	-- argument is an error, not a silent NULL result
	VOLATILE PARALLEL UNSAFE
	SET search_path = pg_catalog, pg_temp
AS $function$
DECLARE
	s text := schema_name;				-- the journey schema
	e text;								-- the extension's schema
	idtype text;
	basetype oid;
	ces_higher_is_better boolean;
	kind text;
	src text;
	grp text;
	keys_select text;
	keys_group text;
	keys_out text;
	u text;
	aggs text;
	view_name text;
	view_sql text;
	col record;
BEGIN
	-- Arguments.
	IF schema_name IS NULL OR customer_id_type IS NULL OR csat_scale_max IS NULL
		OR ces_scale_max IS NULL OR ces_lower_is_better IS NULL THEN
		RAISE EXCEPTION 'cx_journey_create arguments must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF schema_name = '' THEN
		RAISE EXCEPTION 'schema name must not be empty'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- A domain is judged by its base type.
	SELECT CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
		INTO basetype FROM pg_type t WHERE t.oid = customer_id_type;
	IF basetype NOT IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype,
						'text'::regtype, 'varchar'::regtype, 'uuid'::regtype) THEN
		RAISE EXCEPTION 'customer id type % is not supported', customer_id_type
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = 'The customer id must be a smallint, integer, bigint, numeric, text, varchar or uuid, or a domain over one of them.',
				HINT = 'Pass the type of the primary key of your CRM''s customer table.';
	END IF;
	IF csat_scale_max NOT BETWEEN 2 AND 10 THEN
		RAISE EXCEPTION 'CSAT scale 1..% is not supported', csat_scale_max
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = 'csat_scale_max must be from 2 to 10.';
	END IF;
	IF ces_scale_max NOT BETWEEN 2 AND 10 THEN
		RAISE EXCEPTION 'CES scale 1..% is not supported', ces_scale_max
			USING ERRCODE = 'invalid_parameter_value',
				DETAIL = 'ces_scale_max must be from 2 to 10.';
	END IF;
	-- format_type() quotes and qualifies the name as SQL needs it (%I
	-- would quote "character varying" as one identifier); it goes into
	-- the DDL below with %s.  The other %s arguments below are SQL
	-- fragments built here, themselves from %I and %L.
	idtype := format_type(customer_id_type, NULL);
	ces_higher_is_better := NOT ces_lower_is_better;

	SELECT n.nspname INTO e
	FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
	WHERE x.extname = 'cx_metrics';
	IF e IS NULL THEN
		RAISE EXCEPTION 'extension "cx_metrics" is not installed in this database'
			USING ERRCODE = 'undefined_object';
	END IF;

	IF to_regclass(format('%I.%I', s, 'touchpoints')) IS NOT NULL THEN
		RAISE EXCEPTION 'schema "%" already holds a journey', s
			USING ERRCODE = 'duplicate_table',
				HINT = 'Pick another schema name, or drop that schema''s journey tables first.';
	END IF;

	EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', s);

	-- Reference tables.
	EXECUTE format($$
		CREATE TABLE %1$I.journey_stages (
			stage       text PRIMARY KEY,
			position    smallint NOT NULL UNIQUE,
			description text
		)$$, s);
	EXECUTE format($$
		INSERT INTO %1$I.journey_stages (stage, position, description) VALUES
			('before_purchase', 1, 'the customer discovers and considers the company'),
			('purchase', 2, 'the customer buys'),
			('after_purchase', 3, 'the customer uses, pays, asks for help and stays or leaves')$$, s);

	EXECUTE format($$
		CREATE TABLE %1$I.touchpoints (
			touchpoint_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			name          text NOT NULL
				CONSTRAINT touchpoints_name_unique UNIQUE
				CONSTRAINT touchpoints_name_not_blank CHECK (btrim(name) <> ''),
			stage         text NOT NULL
				CONSTRAINT touchpoints_stage_fkey REFERENCES %1$I.journey_stages ON UPDATE CASCADE,
			category      text NOT NULL
				CONSTRAINT touchpoints_category_check
				CHECK (category IN ('product', 'interaction', 'message', 'environment')),
			channel       text NOT NULL,
			description   text NOT NULL DEFAULT '',
			active        boolean NOT NULL DEFAULT true
		)$$, s);
	EXECUTE format('CREATE INDEX ON %I.touchpoints (stage)', s);
	-- The default catalog.  Users add their own rows, and switch these off
	-- with active = false rather than deleting them once data refers to them.
	EXECUTE format($$
		INSERT INTO %1$I.touchpoints (name, stage, category, channel, description) VALUES
			('social media', 'before_purchase', 'message', 'social', 'posts, ads and conversations on social networks'),
			('ratings and reviews', 'before_purchase', 'message', 'review sites', 'what customers write about the company on review sites and stores'),
			('referrals', 'before_purchase', 'interaction', 'people', 'customers recommended by a customer or partner, through a referral program'),
			('word of mouth', 'before_purchase', 'interaction', 'people', 'what people tell each other about the company'),
			('community engagement', 'before_purchase', 'interaction', 'events', 'events, forums, sponsorships and local presence'),
			('advertising', 'before_purchase', 'message', 'media', 'paid ads in any medium'),
			('marketing and pr', 'before_purchase', 'message', 'media', 'campaigns, press coverage and public relations'),
			('store or office', 'purchase', 'environment', 'in person', 'the physical store, branch or office'),
			('website', 'purchase', 'environment', 'web', 'the company''s website and online shop'),
			('catalog', 'purchase', 'product', 'print', 'the product catalog, printed or online'),
			('promotions', 'purchase', 'message', 'marketing', 'discounts, offers and coupons'),
			('sales team', 'purchase', 'interaction', 'in person', 'sales staff and account managers'),
			('phone system', 'purchase', 'interaction', 'phone', 'the phone line, its menus and its waiting times'),
			('point of sale', 'purchase', 'environment', 'in person', 'checkout, payment terminal and receipt'),
			('billing', 'after_purchase', 'message', 'mail', 'invoices, statements and payment collection'),
			('transactional email', 'after_purchase', 'message', 'email', 'order confirmations, shipping notices and receipts'),
			('marketing email', 'after_purchase', 'message', 'email', 'newsletters and offers sent to customers'),
			('support team', 'after_purchase', 'interaction', 'support desk', 'customer service and technical support staff'),
			('help center', 'after_purchase', 'environment', 'web', 'the online help center, FAQ and knowledge base'),
			('follow-up', 'after_purchase', 'interaction', 'phone', 'calls and messages checking in after a purchase or a case'),
			('thank-you cards', 'after_purchase', 'message', 'mail', 'cards and small gifts thanking customers')$$, s);

	-- The scales are fixed for the journey: every summary of one metric then
	-- has the same scale, so every rollup across days and touchpoints is
	-- valid.  The CHECK pins the rows to the setup arguments.
	EXECUTE format($$
		CREATE TABLE %1$I.metric_scales (
			metric          text PRIMARY KEY,
			scale_min       smallint NOT NULL,
			scale_max       smallint NOT NULL,
			lower_is_better boolean NOT NULL,
			CONSTRAINT metric_scales_fixed CHECK (
				(metric, scale_min, scale_max, lower_is_better) IN (
					('nps', 0, 10, false), ('csat', 1, %2$L::smallint, false), ('ces', 1, %3$L::smallint, %4$L::boolean)))
		)$$, s, csat_scale_max, ces_scale_max, ces_lower_is_better);
	EXECUTE format($$
		INSERT INTO %1$I.metric_scales VALUES
			('nps', 0, 10, false), ('csat', 1, %2$L::smallint, false), ('ces', 1, %3$L::smallint, %4$L::boolean)$$,
		s, csat_scale_max, ces_scale_max, ces_lower_is_better);

	-- Raw data.
	EXECUTE format($$
		CREATE TABLE %1$I.responses (
			response_id   bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			customer_id   %2$s NOT NULL,
			touchpoint_id integer NOT NULL
				CONSTRAINT responses_touchpoint_id_fkey REFERENCES %1$I.touchpoints,
			metric        text NOT NULL
				CONSTRAINT responses_metric_check CHECK (metric IN ('nps', 'csat', 'ces')),
			score         smallint,
			responded_at  timestamptz NOT NULL,
			weight        float8
				CONSTRAINT responses_weight_positive CHECK (weight > 0 AND weight < 'infinity'),
			comment       text,
			CONSTRAINT responses_score_in_scale CHECK (score IS NULL OR CASE metric
				WHEN 'nps' THEN score BETWEEN 0 AND 10
				WHEN 'csat' THEN score BETWEEN 1 AND %3$L::smallint
				WHEN 'ces' THEN score BETWEEN 1 AND %4$L::smallint END)
		)$$, s, idtype, csat_scale_max, ces_scale_max);
	EXECUTE format('CREATE INDEX ON %I.responses (responded_at)', s);
	EXECUTE format('CREATE INDEX ON %I.responses (touchpoint_id, responded_at)', s);
	EXECUTE format('CREATE INDEX ON %I.responses (customer_id)', s);

	EXECUTE format($$
		CREATE TABLE %1$I.interactions (
			interaction_id    bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			customer_id       %2$s NOT NULL,
			touchpoint_id     integer NOT NULL
				CONSTRAINT interactions_touchpoint_id_fkey REFERENCES %1$I.touchpoints,
			opened_at         timestamptz NOT NULL,
			first_response_at timestamptz
				CONSTRAINT interactions_first_response_after_opening CHECK (first_response_at >= opened_at),
			resolved_at       timestamptz
				CONSTRAINT interactions_resolution_after_opening CHECK (resolved_at >= opened_at)
		)$$, s, idtype);
	EXECUTE format('CREATE INDEX ON %I.interactions (opened_at)', s);
	EXECUTE format('CREATE INDEX ON %I.interactions (touchpoint_id, opened_at)', s);
	EXECUTE format('CREATE INDEX ON %I.interactions (customer_id)', s);

	EXECUTE format($$
		CREATE TABLE %1$I.subscriptions (
			subscription_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			customer_id     %2$s NOT NULL,
			plan            text,
			active          daterange NOT NULL
				CONSTRAINT subscriptions_active_has_start CHECK (NOT isempty(active) AND NOT lower_inf(active))
		)$$, s, idtype);
	EXECUTE format('CREATE INDEX ON %I.subscriptions (customer_id)', s);

	EXECUTE format($$
		CREATE TABLE %1$I.goals (
			goal_id         integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
			name            text NOT NULL CONSTRAINT goals_name_unique UNIQUE,
			metric          text NOT NULL
				CONSTRAINT goals_metric_check CHECK (metric IN ('nps', 'csat', 'ces', 'churn_rate',
					'first_response_time', 'resolution_time')),
			stage           text CONSTRAINT goals_stage_fkey REFERENCES %1$I.journey_stages ON UPDATE CASCADE,
			touchpoint_id   integer CONSTRAINT goals_touchpoint_id_fkey REFERENCES %1$I.touchpoints,
			baseline_period daterange NOT NULL
				CONSTRAINT goals_baseline_period_bounded
				CHECK (NOT isempty(baseline_period) AND NOT lower_inf(baseline_period) AND NOT upper_inf(baseline_period)),
			target_period   daterange NOT NULL
				CONSTRAINT goals_target_period_bounded
				CHECK (NOT isempty(target_period) AND NOT lower_inf(target_period) AND NOT upper_inf(target_period)),
			target_kind     text NOT NULL
				CONSTRAINT goals_target_kind_check CHECK (target_kind IN ('value', 'change', 'percent_change')),
			target          numeric NOT NULL CONSTRAINT goals_target_is_number CHECK (target <> 'NaN'),
			due_date        date NOT NULL,
			description     text,
			CONSTRAINT goals_one_scope CHECK (stage IS NULL OR touchpoint_id IS NULL),
			CONSTRAINT goals_churn_rate_for_everything
				CHECK (metric <> 'churn_rate' OR (stage IS NULL AND touchpoint_id IS NULL)),
			CONSTRAINT goals_due_after_target_start CHECK (due_date > lower(target_period))
		)$$, s);

	-- Daily summaries: the fast path for large data.
	EXECUTE format($$
		CREATE TABLE %1$I.daily_summaries (
			day           date NOT NULL,
			touchpoint_id integer NOT NULL
				CONSTRAINT daily_summaries_touchpoint_id_fkey REFERENCES %1$I.touchpoints,
			nps           %2$I.nps_summary NOT NULL,
			csat          %2$I.csat_summary NOT NULL,
			ces           %2$I.ces_summary NOT NULL,
			PRIMARY KEY (day, touchpoint_id)
		)$$, s, e);
	EXECUTE format('CREATE INDEX ON %I.daily_summaries (touchpoint_id, day)', s);
	-- Percentiles do not roll up from daily percentiles, so the daily table
	-- keeps every interaction's times (NULL: no response or resolution
	-- yet), in hours, one array element per interaction: narrow, and the
	-- monthly percentiles from it are exact.
	EXECUTE format($$
		CREATE TABLE %1$I.daily_interactions (
			day                  date NOT NULL,
			touchpoint_id        integer NOT NULL
				CONSTRAINT daily_interactions_touchpoint_id_fkey REFERENCES %1$I.touchpoints,
			interactions         integer NOT NULL,
			first_response_hours float8[] NOT NULL,
			resolution_hours     float8[] NOT NULL,
			PRIMARY KEY (day, touchpoint_id),
			CONSTRAINT daily_interactions_one_time_each CHECK (
				cardinality(first_response_hours) = interactions AND cardinality(resolution_hours) = interactions)
		)$$, s);
	EXECUTE format('CREATE INDEX ON %I.daily_interactions (touchpoint_id, day)', s);

	-- Scorecards: three groupings, each from the raw rows and from the
	-- daily tables, generated from one template.  Every branch feeds one
	-- stream of rows (responses, then interactions) into one GROUP BY, so
	-- that filters on month, stage or touchpoint_id push down into both
	-- tables.  csat_agg(score, k) over a group with rows but no CSAT score
	-- gives an empty summary (n = 0), never NULL; rollup() of no summaries
	-- gives NULL, hence the coalesce() on the counts.
	FOREACH src IN ARRAY ARRAY['raw', 'daily'] LOOP
		IF src = 'raw' THEN
			u := format($$
				SELECT date_trunc('month', x.responded_at)::date AS month, x.touchpoint_id,
				       CASE WHEN x.metric = 'nps' THEN x.score END AS nps_score,
				       CASE WHEN x.metric = 'csat' THEN x.score END AS csat_score,
				       CASE WHEN x.metric = 'ces' THEN x.score END AS ces_score,
				       false AS interaction, NULL::float8 AS first_response_h, NULL::float8 AS resolution_h
				FROM %1$I.responses x
				UNION ALL
				SELECT date_trunc('month', y.opened_at)::date, y.touchpoint_id,
				       NULL::smallint, NULL::smallint, NULL::smallint, true,
				       (extract(epoch FROM y.first_response_at - y.opened_at) / 3600)::float8,
				       (extract(epoch FROM y.resolved_at - y.opened_at) / 3600)::float8
				FROM %1$I.interactions y$$, s);
			aggs := format($$
				%1$I.nps_agg(u.nps_score) AS nps_s,
				%1$I.csat_agg(u.csat_score, %2$L::integer) AS csat_s,
				%1$I.ces_agg(u.ces_score, %3$L::integer, %4$L::boolean) AS ces_s$$,
				e, csat_scale_max, ces_scale_max, ces_lower_is_better);
		ELSE
			u := format($$
				SELECT date_trunc('month', d.day::timestamp)::date AS month, d.touchpoint_id,
				       d.nps AS nps_s, d.csat AS csat_s, d.ces AS ces_s,
				       false AS interaction, NULL::float8 AS first_response_h, NULL::float8 AS resolution_h
				FROM %1$I.daily_summaries d
				UNION ALL
				SELECT date_trunc('month', di.day::timestamp)::date, di.touchpoint_id,
				       NULL::%2$I.nps_summary, NULL::%2$I.csat_summary, NULL::%2$I.ces_summary, true,
				       h.first_response_h, h.resolution_h
				FROM %1$I.daily_interactions di
				     CROSS JOIN LATERAL unnest(di.first_response_hours, di.resolution_hours)
				         AS h(first_response_h, resolution_h)$$, s, e);
			aggs := format($$
				%1$I.rollup(u.nps_s) AS nps_s,
				%1$I.rollup(u.csat_s) AS csat_s,
				%1$I.rollup(u.ces_s) AS ces_s$$, e);
		END IF;
		FOREACH grp IN ARRAY ARRAY['touchpoint', 'stage', 'overall'] LOOP
			IF grp = 'touchpoint' THEN
				keys_select := 't.stage, t.touchpoint_id, t.name AS touchpoint,';
				keys_group := ', t.stage, t.touchpoint_id, t.name';
				keys_out := 'a.stage, a.touchpoint_id, a.touchpoint,';
			ELSIF grp = 'stage' THEN
				keys_select := 't.stage,';
				keys_group := ', t.stage';
				keys_out := 'a.stage,';
			ELSE
				keys_select := '';
				keys_group := '';
				keys_out := '';
			END IF;
			view_name := grp || '_scorecard' || CASE WHEN src = 'daily' THEN '_from_daily' ELSE '' END;
			view_sql := format($$
				CREATE VIEW %1$I.%2$I WITH (security_invoker = true) AS
				SELECT a.month, %3$s
				       coalesce(%4$I.responses(a.nps_s), 0) AS nps_n,
				       %4$I.nps(a.nps_s) AS nps,
				       %4$I.nps_lower(a.nps_s) AS nps_lower,
				       %4$I.nps_upper(a.nps_s) AS nps_upper,
				       coalesce(%4$I.responses(a.csat_s), 0) AS csat_n,
				       %4$I.csat(a.csat_s) AS csat,
				       %4$I.csat_lower(a.csat_s) AS csat_lower,
				       %4$I.csat_upper(a.csat_s) AS csat_upper,
				       coalesce(%4$I.responses(a.ces_s), 0) AS ces_n,
				       %4$I.ces(a.ces_s) AS ces,
				       %4$I.mean_lower(a.ces_s) AS ces_lower,
				       %4$I.mean_upper(a.ces_s) AS ces_upper,
				       a.interactions,
				       a.first_response_h[1] AS first_response_p50_h,
				       a.first_response_h[2] AS first_response_p90_h,
				       a.resolution_h[1] AS resolution_p50_h,
				       a.resolution_h[2] AS resolution_p90_h
				FROM (SELECT u.month, %5$s %6$s,
				             count(*) FILTER (WHERE u.interaction) AS interactions,
				             percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY u.first_response_h) AS first_response_h,
				             percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY u.resolution_h) AS resolution_h
				      FROM (%7$s) AS u
				      JOIN %8$I.touchpoints t ON t.touchpoint_id = u.touchpoint_id
				      GROUP BY u.month %9$s) AS a$$,
				s, view_name, keys_out, e, keys_select, aggs, u, s, keys_group);
			EXECUTE view_sql;
			EXECUTE format('COMMENT ON VIEW %I.%I IS %L', s, view_name,
				format('scorecard per month%s, from %s: responses, NPS, CSAT %% and mean CES with 95%% intervals, interactions and median and 90th-percentile first-response and resolution times in hours; months and days in the session time zone',
					CASE grp WHEN 'touchpoint' THEN ' and touchpoint' WHEN 'stage' THEN ' and journey stage' ELSE '' END,
					CASE src WHEN 'raw' THEN 'the raw responses and interactions (row-level security on them applies)'
						ELSE 'daily_summaries and daily_interactions (refresh them with cx_journey_refresh)' END));
			FOR col IN SELECT * FROM (VALUES
				('month', 'first day of the month'),
				('nps_n', 'NPS responses (scores given)'),
				('nps', 'Net Promoter Score, -100..100'),
				('nps_lower', 'NPS, lower bound of the 95% adjusted-Wald interval'),
				('nps_upper', 'NPS, upper bound of the 95% adjusted-Wald interval'),
				('csat_n', 'CSAT responses (scores given)'),
				('csat', 'CSAT %: share of satisfied responses (the top two points of the scale; the top one on scales up to 3), 0..100'),
				('csat_lower', 'CSAT %, lower bound of the 95% Wilson interval'),
				('csat_upper', 'CSAT %, upper bound of the 95% Wilson interval'),
				('ces_n', 'CES responses (scores given)'),
				('ces', 'mean CES score'),
				('ces_lower', 'mean CES, lower bound of the 95% normal interval'),
				('ces_upper', 'mean CES, upper bound of the 95% normal interval'),
				('interactions', 'service interactions opened in the month'),
				('first_response_p50_h', 'median hours from opening to first response, of the interactions that had one'),
				('first_response_p90_h', '90th percentile of the hours from opening to first response'),
				('resolution_p50_h', 'median hours from opening to resolution, of the interactions resolved'),
				('resolution_p90_h', '90th percentile of the hours from opening to resolution')) AS c(name, comment)
			LOOP
				EXECUTE format('COMMENT ON COLUMN %I.%I.%I IS %L', s, view_name, col.name, col.comment);
			END LOOP;
		END LOOP;
	END LOOP;

	-- Goal progress.  Each metric has its own branch; the branches of the
	-- other metrics are skipped by a one-time filter on g.metric.
	EXECUTE format($$
		CREATE VIEW %1$I.goal_progress WITH (security_invoker = true) AS
		SELECT g.goal_id, g.name, g.metric,
		       CASE WHEN g.touchpoint_id IS NOT NULL THEN 'touchpoint ' || tp.name
		            WHEN g.stage IS NOT NULL THEN 'stage ' || g.stage
		            ELSE 'everything' END AS scope,
		       v.baseline, v.current, v.current - v.baseline AS change,
		       tv.target_value,
		       CASE WHEN hb.higher_is_better THEN v.current >= tv.target_value
		            ELSE v.current <= tv.target_value END AS met,
		       v.p_value, v.baseline_n, v.current_n, g.due_date,
		       CASE WHEN v.current IS NULL OR tv.target_value IS NULL THEN NULL
		            WHEN hb.higher_is_better AND v.current >= tv.target_value THEN true
		            WHEN NOT hb.higher_is_better AND v.current <= tv.target_value THEN true
		            WHEN current_date >= g.due_date THEN false
		            WHEN hb.higher_is_better THEN v.current >= ex.expected
		            ELSE v.current <= ex.expected END AS on_track
		FROM %1$I.goals g
		LEFT JOIN %1$I.touchpoints tp ON tp.touchpoint_id = g.touchpoint_id
		CROSS JOIN LATERAL (SELECT CASE WHEN g.metric IN ('nps', 'csat') THEN true
		                                WHEN g.metric = 'ces' THEN %5$L::boolean
		                                ELSE false END AS higher_is_better) AS hb
		LEFT JOIN LATERAL (
			SELECT %2$I.nps(r.a) AS baseline, %2$I.nps(r.b) AS current,
			       (%2$I.nps_test(r.a, r.b)).p_value AS p_value,
			       %2$I.responses(r.a) AS baseline_n, %2$I.responses(r.b) AS current_n
			FROM (SELECT %2$I.nps_agg(x.score) FILTER (WHERE x.responded_at >= lower(g.baseline_period)
			                                             AND x.responded_at < upper(g.baseline_period)) AS a,
			             %2$I.nps_agg(x.score) FILTER (WHERE x.responded_at >= lower(g.target_period)
			                                             AND x.responded_at < upper(g.target_period)) AS b
			      FROM %1$I.responses x JOIN %1$I.touchpoints t ON t.touchpoint_id = x.touchpoint_id
			      WHERE x.metric = 'nps'
			        AND (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR x.touchpoint_id = g.touchpoint_id)
			        AND ((x.responded_at >= lower(g.baseline_period) AND x.responded_at < upper(g.baseline_period))
			          OR (x.responded_at >= lower(g.target_period) AND x.responded_at < upper(g.target_period)))) AS r
			WHERE g.metric = 'nps'
			UNION ALL
			SELECT %2$I.csat(r.a), %2$I.csat(r.b), (%2$I.csat_test(r.a, r.b)).p_value,
			       coalesce(%2$I.responses(r.a), 0), coalesce(%2$I.responses(r.b), 0)
			FROM (SELECT %2$I.csat_agg(x.score, %3$L::integer) FILTER (WHERE x.responded_at >= lower(g.baseline_period)
			                                                   AND x.responded_at < upper(g.baseline_period)) AS a,
			             %2$I.csat_agg(x.score, %3$L::integer) FILTER (WHERE x.responded_at >= lower(g.target_period)
			                                                   AND x.responded_at < upper(g.target_period)) AS b
			      FROM %1$I.responses x JOIN %1$I.touchpoints t ON t.touchpoint_id = x.touchpoint_id
			      WHERE x.metric = 'csat'
			        AND (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR x.touchpoint_id = g.touchpoint_id)
			        AND ((x.responded_at >= lower(g.baseline_period) AND x.responded_at < upper(g.baseline_period))
			          OR (x.responded_at >= lower(g.target_period) AND x.responded_at < upper(g.target_period)))) AS r
			WHERE g.metric = 'csat'
			UNION ALL
			SELECT %2$I.ces(r.a), %2$I.ces(r.b), (%2$I.mean_test(r.a, r.b)).p_value,
			       coalesce(%2$I.responses(r.a), 0), coalesce(%2$I.responses(r.b), 0)
			FROM (SELECT %2$I.ces_agg(x.score, %4$L::integer, %6$L::boolean) FILTER (WHERE x.responded_at >= lower(g.baseline_period)
			                                                           AND x.responded_at < upper(g.baseline_period)) AS a,
			             %2$I.ces_agg(x.score, %4$L::integer, %6$L::boolean) FILTER (WHERE x.responded_at >= lower(g.target_period)
			                                                           AND x.responded_at < upper(g.target_period)) AS b
			      FROM %1$I.responses x JOIN %1$I.touchpoints t ON t.touchpoint_id = x.touchpoint_id
			      WHERE x.metric = 'ces'
			        AND (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR x.touchpoint_id = g.touchpoint_id)
			        AND ((x.responded_at >= lower(g.baseline_period) AND x.responded_at < upper(g.baseline_period))
			          OR (x.responded_at >= lower(g.target_period) AND x.responded_at < upper(g.target_period)))) AS r
			WHERE g.metric = 'ces'
			UNION ALL
			SELECT ca.churn_rate, cb.churn_rate,
			       CASE WHEN ca.customers_at_start > 0 AND cb.customers_at_start > 0 THEN
			           (%2$I.proportion_test(ca.churned, ca.customers_at_start, cb.churned, cb.customers_at_start)).p_value END,
			       coalesce(ca.customers_at_start, 0), coalesce(cb.customers_at_start, 0)
			FROM (SELECT %2$I.churn_agg(c.activity, lower(g.baseline_period),
			                            (upper(g.baseline_period) - lower(g.baseline_period)) * interval '1 day', 1) AS a,
			             %2$I.churn_agg(c.activity, lower(g.target_period),
			                            (upper(g.target_period) - lower(g.target_period)) * interval '1 day', 1) AS b
			      FROM (SELECT sb.customer_id, range_agg(sb.active) AS activity
			            FROM %1$I.subscriptions sb GROUP BY sb.customer_id) AS c) AS r
			     LEFT JOIN LATERAL %2$I.churn_periods(r.a) AS ca ON true
			     LEFT JOIN LATERAL %2$I.churn_periods(r.b) AS cb ON true
			WHERE g.metric = 'churn_rate'
			UNION ALL
			SELECT r.mean_a, r.mean_b,
			       CASE WHEN r.n_a >= 2 AND r.n_b >= 2 THEN
			           (%2$I.mean_test(r.mean_a, r.sd_a, r.n_a, r.mean_b, r.sd_b, r.n_b)).p_value END,
			       r.n_a, r.n_b
			FROM (SELECT (avg(h.hours) FILTER (WHERE y.opened_at >= lower(g.baseline_period) AND y.opened_at < upper(g.baseline_period)))::float8 AS mean_a,
			             (stddev_samp(h.hours) FILTER (WHERE y.opened_at >= lower(g.baseline_period) AND y.opened_at < upper(g.baseline_period)))::float8 AS sd_a,
			             count(h.hours) FILTER (WHERE y.opened_at >= lower(g.baseline_period) AND y.opened_at < upper(g.baseline_period)) AS n_a,
			             (avg(h.hours) FILTER (WHERE y.opened_at >= lower(g.target_period) AND y.opened_at < upper(g.target_period)))::float8 AS mean_b,
			             (stddev_samp(h.hours) FILTER (WHERE y.opened_at >= lower(g.target_period) AND y.opened_at < upper(g.target_period)))::float8 AS sd_b,
			             count(h.hours) FILTER (WHERE y.opened_at >= lower(g.target_period) AND y.opened_at < upper(g.target_period)) AS n_b
			      FROM %1$I.interactions y JOIN %1$I.touchpoints t ON t.touchpoint_id = y.touchpoint_id
			           -- numeric, so that the mean does not depend on the
			           -- order the rows are read in (float sums do)
			           CROSS JOIN LATERAL (SELECT extract(epoch FROM CASE WHEN g.metric = 'first_response_time'
			                                                         THEN y.first_response_at ELSE y.resolved_at END
			                                                - y.opened_at) / 3600 AS hours) AS h
			      WHERE (g.stage IS NULL OR t.stage = g.stage)
			        AND (g.touchpoint_id IS NULL OR y.touchpoint_id = g.touchpoint_id)
			        AND ((y.opened_at >= lower(g.baseline_period) AND y.opened_at < upper(g.baseline_period))
			          OR (y.opened_at >= lower(g.target_period) AND y.opened_at < upper(g.target_period)))) AS r
			WHERE g.metric IN ('first_response_time', 'resolution_time')
		) AS v ON true
		CROSS JOIN LATERAL (SELECT CASE g.target_kind
		                               WHEN 'value' THEN g.target::float8
		                               WHEN 'change' THEN v.baseline + g.target::float8
		                               ELSE v.baseline * (1 + g.target::float8 / 100) END AS target_value) AS tv
		CROSS JOIN LATERAL (SELECT v.baseline + (tv.target_value - v.baseline)
		                               * least(greatest((current_date - lower(g.target_period))::float8
		                                                / (g.due_date - lower(g.target_period)), 0), 1) AS expected) AS ex
		$$, s, e, csat_scale_max, ces_scale_max, ces_higher_is_better, ces_lower_is_better);
	-- Comments.
	EXECUTE format('COMMENT ON TABLE %I.journey_stages IS %L', s,
		'the stages of the customer journey, in order: before_purchase, purchase, after_purchase');
	EXECUTE format('COMMENT ON TABLE %I.touchpoints IS %L', s,
		'every place a customer meets the company: a stage, a category (product, interaction, message, environment), a channel; the default catalog is installed by cx_journey_create; add your own rows, switch rows off with active = false');
	EXECUTE format('COMMENT ON TABLE %I.metric_scales IS %L', s,
		format('the scale of each survey metric in this journey, fixed by cx_journey_create: NPS 0..10, CSAT 1..%s, CES 1..%s (%s); the responses_score_in_scale constraint enforces them',
			csat_scale_max, ces_scale_max, CASE WHEN ces_lower_is_better THEN 'lower is easier' ELSE 'higher is easier' END));
	EXECUTE format('COMMENT ON TABLE %I.responses IS %L', s,
		'survey responses: one score of one metric (nps, csat, ces) at one touchpoint; a NULL score is a question not answered; weight is kept for your own weighted analyses (the views count each response once)');
	EXECUTE format('COMMENT ON TABLE %I.interactions IS %L', s,
		'service interactions (cases, tickets, calls): opened, first response and resolution times, which give response and resolution times');
	EXECUTE format('COMMENT ON TABLE %I.subscriptions IS %L', s,
		'customer subscriptions: the days each was active, [start, end) with no end while still active; churn is computed from them');
	EXECUTE format('COMMENT ON TABLE %I.goals IS %L', s,
		'SMART goals: a metric, a scope (everything, a stage or a touchpoint), a baseline period, a target period, a target (a value, a change in points, or a change in percent of the baseline) and a due date; see goal_progress');
	EXECUTE format('COMMENT ON TABLE %I.daily_summaries IS %L', s,
		'NPS, CSAT and CES summaries per day and touchpoint, filled by cx_journey_refresh; the *_from_daily scorecards roll them up');
	EXECUTE format('COMMENT ON TABLE %I.daily_interactions IS %L', s,
		'per day and touchpoint, the first-response and resolution hours of every interaction opened that day (NULL: none yet), filled by cx_journey_refresh; percentiles need every time, since they do not roll up from daily percentiles');
	EXECUTE format('COMMENT ON VIEW %I.goal_progress IS %L', s,
		'progress of each goal: baseline = the metric over baseline_period, current = over target_period (so far), change = current - baseline, target_value = the value to reach (target itself, baseline + target, or baseline * (1 + target / 100)), met = current at or beyond target_value in the direction that is better for the metric (higher for NPS, CSAT and CES on a higher-is-easier scale; lower for churn rate, times and lower-is-easier CES), p_value = two-sided p-value of the change (nps_test, csat_test, mean_test on the CES summaries, proportion_test on churned / customers at start, mean_test on the mean, standard deviation and count of hours for times: time goals are measured on the mean, not the median), on_track = met, or, before due_date, current at least as good as baseline + (target_value - baseline) * the elapsed share of the time from the start of target_period to due_date; churn_rate is the share of the customers at the start of a period who churned in it (0..1)');
END
$function$;
COMMENT ON FUNCTION cx_journey_create(pg_catalog.text, pg_catalog.regtype, pg_catalog.int4, pg_catalog.int4, pg_catalog.bool) IS
	'creates a touchpoint schema in the named schema (created if missing), owned by the caller: stages, the default touchpoint catalog, metric scales, responses, interactions, subscriptions, goals, daily summaries, the scorecard views and goal_progress; the customer id has the given type';

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
