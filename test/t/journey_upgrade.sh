#!/usr/bin/env bash
# journey_upgrade.sh: every upgrade chain.  For each released version
# (0.1.0, 0.2.0, 0.3.0: their frozen install scripts), installs cx_metrics
# VERSION that, stores summaries in a table and a materialized view, runs
# ALTER EXTENSION cx_metrics UPDATE (0.1.0 -> 0.2.0 -> 0.3.0 -> current),
# and checks that the data survives and reads the same, and that the
# extension's objects (every member, by pg_describe_object over pg_depend
# deptype 'e', with its comment, and every function's properties, its
# argument list with names, modes and defaults included) are exactly those
# of a fresh install of the current version.  Then, in the upgraded
# database, that the deprecated names answer exactly as the new ones:
# cohort_retention as churn_cohort_retention, the churn_periods methods
# 'default' as 'at_start' and 'stripe' as 'at_start_plus_new', and that
# churn_periods' default method is 'at_start'.
#
# From 0.3.0 also the journey (README, "Upgrading a journey"): a journey made
# on 0.3.0, with data, daily summaries refreshed and a grant on a view, is
# converted by cx_journey_upgrade() after the update; every row stored
# stays (its subscriptions get mrr = 0), and its tables (columns,
# constraints, indexes, comments) and all twelve views equal those of a fresh
# journey loaded with the same data, before and after the amounts are set
# with UPDATE.  So does a journey of the 0.4.0 development versions without
# subscriptions.mrr (goals.sla there, the goal constraints without the
# revenue metrics).
#
# CX_UPGRADE_FROM="0.3.0" runs only the chains from the versions named.
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
# Prints TAP: one line per check.
set -euo pipefail

current=$(sed -n "s/^default_version = '\(.*\)'$/\1/p" cx_metrics.control)
from=${1:-}
if [ -z "$from" ]; then
	# One run per released version, each numbered on its own: join them.
	status=0
	out=
	for v in ${CX_UPGRADE_FROM:-0.1.0 0.2.0 0.3.0}; do
		out+=$("$0" "$v")$'\n' || status=1
	done
	awk '/^(not )?ok [0-9]+/ { n++; sub(/ok [0-9]+/, "ok " n) } /^1\.\.[0-9]+$/ { next } { print } END { print "1.." n }' <<<"$out"
	exit "$status"
fi

old=cx_upgrade_old
new=cx_upgrade_new
# shellcheck source=test/tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tap.sh"
q() { local db=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $old" -c "DROP DATABASE IF EXISTS $new" \
		-c "DROP ROLE IF EXISTS cx_upgrade_reader" >/dev/null 2>&1 || true
}
trap cleanup EXIT
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $old" -c "DROP DATABASE IF EXISTS $new" \
	-c "CREATE DATABASE $old" -c "CREATE DATABASE $new" >/dev/null 2>&1

q "$old" -v from="$from" >/dev/null <<'SQL'
SELECT 'CREATE EXTENSION cx_metrics VERSION ' || quote_literal(:'from') \gexec
CREATE TABLE survey (id int, day date, score int);
INSERT INTO survey SELECT i, DATE '2026-01-01' + i % 40, CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7) % 11 END
FROM generate_series(1, 5000) AS i;
CREATE TABLE stored (id int, s nps_summary, c churn_summary);
INSERT INTO stored
SELECT 1, nps_agg(score), NULL::churn_summary FROM survey
UNION ALL SELECT 2, 'v1:0..10:1,2,3,4,5,6,7,8,9,10,11', NULL
UNION ALL SELECT 3, NULL, churn_agg(daterange(DATE '2025-01-01' + i, DATE '2025-03-01' + 3 * i), DATE '2025-01-01', interval '1 month', 12)
          FROM generate_series(1, 300) AS i;
CREATE MATERIALIZED VIEW daily AS SELECT day, nps_agg(score) AS s FROM survey GROUP BY day;
SQL

# The journey's data, loaded the same way into an old and a fresh journey
# (psql variable j: the schema).  Times in UTC; cases still open (no first
# response, no resolution), cases resolved without a first response.
journey_data=$(cat <<'SQL'
SET TimeZone = 'UTC';
INSERT INTO :"j".responses (customer_id, touchpoint_id, metric, score, responded_at)
SELECT i % 50, 1 + i % 21, m.metric,
       CASE WHEN i % 17 = 0 THEN NULL WHEN m.metric = 'nps' THEN i % 11
            WHEN m.metric = 'csat' THEN 1 + i % 5 ELSE 1 + i % 7 END,
       timestamptz '2026-01-01 00:00+00' + (i * 37 % (90 * 1440)) * interval '1 minute'
FROM generate_series(1, 3000) AS i,
     LATERAL (SELECT (ARRAY['nps', 'csat', 'ces'])[1 + i % 3] AS metric) AS m;
INSERT INTO :"j".interactions (customer_id, touchpoint_id, opened_at, first_response_at, resolved_at)
SELECT i % 50, (ARRAY[13, 18, 19])[1 + i % 3], o.t,
       CASE WHEN i % 11 <> 0 THEN o.t + (i * 7 % 300) * interval '1 minute' END,
       CASE WHEN i % 9 <> 0 THEN o.t + (60 + i * 13 % 5000) * interval '1 minute' END
FROM generate_series(1, 600) AS i,
     LATERAL (SELECT timestamptz '2026-01-01 00:00+00' + (i * 211 % (90 * 1440)) * interval '1 minute' AS t) AS o;
INSERT INTO :"j".subscriptions (customer_id, plan, active)
SELECT i, 'basic', daterange(date '2025-10-01' + i * 3, CASE WHEN i % 4 = 0 THEN date '2026-01-15' + i END)
FROM generate_series(1, 40) AS i;
INSERT INTO :"j".goals (name, metric, stage, touchpoint_id, baseline_period, target_period, target_kind, target, due_date)
VALUES ('nps +1', 'nps', NULL, NULL, '[2026-01-01,2026-02-01)', '[2026-02-01,2026-04-01)', 'change', 1, '2026-03-31'),
       ('support resolution -20%', 'resolution_time', NULL, 18, '[2026-01-01,2026-02-01)', '[2026-02-01,2026-04-01)', 'percent_change', -20, '2026-03-31'),
       ('first response 2 h', 'first_response_time', 'purchase', NULL, '[2026-01-01,2026-02-01)', '[2026-02-01,2026-04-01)', 'value', 2, '2099-12-31');
SELECT cx_journey_refresh(:'j', '2026-01-01', '2026-03-31');
-- a late response, not refreshed: daily_summaries stays as the refresh left it
INSERT INTO :"j".responses (customer_id, touchpoint_id, metric, score, responded_at)
VALUES (7, 9, 'nps', 0, '2026-02-02 12:00+00');
SQL
)
if [ "$from" = 0.3.0 ]; then
	psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP ROLE IF EXISTS cx_upgrade_reader" -c "CREATE ROLE cx_upgrade_reader" >/dev/null
	q "$old" -v j=j_old >/dev/null <<SQL
SET client_min_messages = warning;
SELECT cx_journey_create('j_old');
$journey_data
GRANT USAGE ON SCHEMA j_old TO cx_upgrade_reader;
GRANT SELECT ON j_old.touchpoint_scorecard, j_old.goal_progress TO cx_upgrade_reader;
SQL
fi
# Every row a 0.3.0 journey stores but daily_interactions, which is
# rebuilt: the same before and after its upgrade (the columns it had: the
# upgrade adds the local dates).
journey_rows="
SELECT md5(string_agg(x, ';' ORDER BY x)) FROM (
	SELECT 'r' || row(r.response_id, r.customer_id, r.touchpoint_id, r.metric, r.score, r.responded_at, r.weight, r.comment)::text AS x
	FROM j_old.responses r
	UNION ALL SELECT 'i' || row(i.interaction_id, i.customer_id, i.touchpoint_id, i.opened_at, i.first_response_at, i.resolved_at)::text
	FROM j_old.interactions i
	UNION ALL SELECT 's' || row(s.subscription_id, s.customer_id, s.plan, s.active)::text FROM j_old.subscriptions s
	UNION ALL SELECT 'd' || d::text FROM j_old.daily_summaries d
	UNION ALL SELECT 'g' || row(g.goal_id, g.name, g.metric, g.stage, g.touchpoint_id, g.baseline_period, g.target_period,
	                          g.target_kind, g.target, g.due_date, g.description)::text FROM j_old.goals g
	UNION ALL SELECT 't' || t::text FROM j_old.touchpoints t UNION ALL SELECT 'm' || m::text FROM j_old.metric_scales m
	UNION ALL SELECT 'j' || j::text FROM j_old.journey_stages j) AS rows"
if [ "$from" = 0.3.0 ]; then journey_rows_before=$(q "$old" -At -c "$journey_rows"); fi
check "$from installed" "$from" "$(q "$old" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics'")"
data="SELECT md5(string_agg(concat_ws('|', id, s, c, nps(s), nps_lower(s)), ';' ORDER BY id)) FROM stored"
view="SELECT md5(string_agg(concat_ws('|', day, s, nps(s)), ';' ORDER BY day)) FROM daily"
before_data=$(q "$old" -At -c "$data")
before_view=$(q "$old" -At -c "$view")

q "$old" -c "ALTER EXTENSION cx_metrics UPDATE"
check "ALTER EXTENSION UPDATE from $from reaches $current" "$current" \
	"$(q "$old" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'cx_metrics'")"
check "stored summaries read the same after the update from $from" "$before_data" "$(q "$old" -At -c "$data")"
check "the materialized view reads the same after the update" "$before_view" "$(q "$old" -At -c "$view")"
q "$old" -c "REFRESH MATERIALIZED VIEW daily"
check "the materialized view refreshes to the same rows" "$before_view" "$(q "$old" -At -c "$view")"
check "rollup of the old summaries equals a new aggregate" t \
	"$(q "$old" -At -c "SELECT (SELECT rollup(s) FROM daily) = (SELECT nps_agg(score) FROM survey)")"

q "$new" -c "CREATE EXTENSION cx_metrics" >/dev/null
members="
SELECT pg_describe_object(d.classid, d.objid, d.objsubid) || ' -- ' ||
       coalesce((SELECT c.description FROM pg_description c
                 WHERE c.classoid = d.classid AND c.objoid = d.objid AND c.objsubid = 0), '(no comment)')
FROM pg_depend d
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cx_metrics')
"
upgraded=$(q "$old" -At -c "$members" | LC_ALL=C sort)
fresh=$(q "$new" -At -c "$members" | LC_ALL=C sort)
check "the upgraded extension has as many members as a fresh install ($(wc -l <<<"$fresh" | tr -d ' '))" \
	"$(wc -l <<<"$fresh" | tr -d ' ')" "$(wc -l <<<"$upgraded" | tr -d ' ')"
if [ "$upgraded" = "$fresh" ]; then
	ok "the upgraded extension's members and their comments equal a fresh $current install's"
else
	not_ok "the upgraded extension's members and their comments equal a fresh $current install's"
	diff <(echo "$fresh") <(echo "$upgraded") | sed 's/^/# /' | head -n 40 || true
fi
# Function properties too: volatility, strictness, parallel safety, SET
# options, C symbol or source, library, estimated rows and cost, the
# argument list as it is declared (names, IN and OUT, defaults), the result,
# and the argument defaults as stored.
props="
SELECT p.oid::regprocedure::text || ' ' || p.provolatile::text || p.proisstrict::text || p.proparallel::text || ' ' ||
       coalesce(array_to_string(p.proconfig, ','), '') || ' ' || md5(p.prosrc) || ' ' ||
       coalesce(p.probin, '') || ' ' || p.prorows || ' ' || p.procost || ' ' ||
       '(' || pg_get_function_arguments(p.oid) || ') -> ' || pg_get_function_result(p.oid) || ' ' ||
       coalesce(pg_get_expr(p.proargdefaults, 0), '')
FROM pg_depend d JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cx_metrics')
"
fresh=$(q "$new" -At -c "$props" | LC_ALL=C sort)
upgraded=$(q "$old" -At -c "$props" | LC_ALL=C sort)
if [ "$upgraded" = "$fresh" ]; then
	ok "the upgraded functions' properties equal a fresh install's ($(wc -l <<<"$fresh" | tr -d ' ') functions)"
else
	not_ok "the upgraded functions' properties equal a fresh install's ($(wc -l <<<"$fresh" | tr -d ' ') functions)"
	diff <(echo "$fresh") <(echo "$upgraded") | sed 's/^/# /' | head -n 40 || true
fi

# And what the other catalogs say of the members: each aggregate's support
# functions, state types and initial values, each type's I/O functions and
# storage, each operator's function and planner support, each cast's
# function and context, each operator class's type and default flag.
details="
WITH m AS (
	SELECT d.classid, d.objid FROM pg_depend d
	WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cx_metrics'))
SELECT 'aggregate ' || a.aggfnoid::regprocedure || ' ' || concat(a.aggkind, a.aggnumdirectargs) || ' ' ||
       concat_ws(' ', a.aggtransfn::regproc, a.aggfinalfn::regproc, a.aggcombinefn::regproc,
                 a.aggserialfn::regproc, a.aggdeserialfn::regproc, a.aggmtransfn::regproc,
                 a.aggminvtransfn::regproc, a.aggmfinalfn::regproc) || ' ' ||
       concat(a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify) || ' ' ||
       a.aggsortop::regoperator || ' ' || a.aggtranstype::regtype || ' ' || a.aggtransspace || ' ' ||
       a.aggmtranstype::regtype || ' ' || coalesce(a.agginitval, '-') || ' ' || coalesce(a.aggminitval, '-')
FROM m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND a.aggfnoid = m.objid
UNION ALL
SELECT 'type ' || t.oid::regtype || ' ' || concat(t.typlen, t.typbyval, t.typtype, t.typcategory) || ' ' ||
       concat_ws(' ', t.typinput::regproc, t.typoutput::regproc, t.typreceive::regproc,
                 t.typsend::regproc, t.typmodin::regproc, t.typmodout::regproc, t.typanalyze::regproc) || ' ' ||
       concat(t.typalign, t.typstorage) || ' ' || t.typelem::regtype || ' ' || t.typarray::regtype
FROM m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
UNION ALL
SELECT 'operator ' || o.oid::regoperator || ' ' || o.oprcode::regproc || ' ' || o.oprcom::regoperator || ' ' ||
       o.oprnegate::regoperator || ' ' || o.oprrest::regproc || ' ' || o.oprjoin::regproc || ' ' ||
       concat(o.oprcanmerge, o.oprcanhash)
FROM m JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
UNION ALL
SELECT 'cast ' || c.castsource::regtype || ' -> ' || c.casttarget::regtype || ' ' ||
       c.castfunc::regprocedure || ' ' || concat(c.castcontext, c.castmethod)
FROM m JOIN pg_cast c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
UNION ALL
SELECT 'operator class ' || oc.opcname || ' ' || am.amname || ' ' || oc.opcintype::regtype || ' ' || oc.opcdefault
FROM m JOIN pg_opclass oc ON m.classid = 'pg_opclass'::regclass AND oc.oid = m.objid
	 JOIN pg_am am ON am.oid = oc.opcmethod
"
fresh=$(q "$new" -At -c "$details" | LC_ALL=C sort)
upgraded=$(q "$old" -At -c "$details" | LC_ALL=C sort)
if [ "$upgraded" = "$fresh" ]; then
	ok "the upgraded aggregates, types, operators, casts and operator classes equal a fresh install's ($(wc -l <<<"$fresh" | tr -d ' ') objects)"
else
	not_ok "the upgraded aggregates, types, operators, casts and operator classes equal a fresh install's ($(wc -l <<<"$fresh" | tr -d ' ') objects)"
	diff <(echo "$fresh") <(echo "$upgraded") | sed 's/^/# /' | head -n 40 || true
fi

# The new parts work in the upgraded database.
check "a journey can be set up in the database upgraded from $from" 21 \
	"$(q "$old" -At -c "SET client_min_messages = warning" -c "SELECT cx_journey_create('crm')" \
		-c "SELECT count(*) FROM crm.touchpoints" | tail -n 1)"
check "CSAT works in the database upgraded from $from" 75 \
	"$(q "$old" -At -c "SELECT csat(x) FROM (VALUES (5), (4), (4), (2)) AS v(x)")"

# The names renamed in 0.4.0: after the update, the deprecated ones answer
# exactly as the new ones.  Spans as short as 5 days make new customers who
# leave within their first month (new_lost), so the two methods differ and
# a method alias that mapped to the wrong method would show.
q "$old" >/dev/null <<'SQL'
CREATE TABLE churn_input AS
SELECT i, daterange(DATE '2025-01-01' + (i * 7) % 330, DATE '2025-01-01' + (i * 7) % 330 + 5 + (i * 13) % 200) AS span
FROM generate_series(1, 400) AS i;
CREATE TABLE churn_sums AS
SELECT churn_agg(span, DATE '2025-01-01', interval '1 month', 12, 4) AS d,
       churn_agg(tstzrange(lower(span)::timestamptz, upper(span)::timestamptz), TIMESTAMPTZ '2025-01-01 00:00+00', interval '1 month', 12, 4) AS t
FROM churn_input;
SQL
for ty in d t; do
	check "cohort_retention equals churn_cohort_retention ($ty grid, upgraded from $from)" "t|t" \
		"$(q "$old" -At -c "SELECT (SELECT array_agg(r ORDER BY r.cohort, r.period_offset) FROM churn_sums, cohort_retention($ty) r)
			IS NOT DISTINCT FROM (SELECT array_agg(r ORDER BY r.cohort, r.period_offset) FROM churn_sums, churn_cohort_retention($ty) r),
			(SELECT count(*) > 0 AND bool_or(retained < cohort_size) FROM churn_sums, churn_cohort_retention($ty))")"
	periods() { echo "(SELECT array_agg(p ORDER BY p.period_start) FROM churn_sums, churn_periods($ty$1) p)"; }
	check "churn_periods 'default' equals 'at_start', 'stripe' equals 'at_start_plus_new', and no argument means 'at_start' ($ty grid, upgraded from $from)" \
		"t|t|t|f" \
		"$(q "$old" -At -c "SELECT $(periods ", 'default'") = $(periods ", 'at_start'"),
			$(periods ", 'stripe'") = $(periods ", 'at_start_plus_new'"),
			$(periods "") = $(periods ", 'at_start'"),
			$(periods ", 'at_start'") = $(periods ", 'at_start_plus_new'")")"
done
check "churn_periods' method argument defaults to 'at_start' (upgraded from $from)" \
	"method text DEFAULT 'at_start'::text" \
	"$(q "$old" -At -c "SELECT DISTINCT substring(pg_get_function_arguments(oid) FROM 'method text DEFAULT [^,]*') FROM pg_proc WHERE proname = 'churn_periods'")"

if [ "$from" = 0.3.0 ]; then
	# The shape of a journey's tables and views, with the schema's name
	# taken out: columns in order (dropped ones skipped), constraints,
	# indexes, comments of tables, views and columns.
	shape="
SELECT c.relkind::text || ' ' || c.relname || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '-') || ' ' ||
       (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' ' ||
                          coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' ' || coalesce(col_description(c.oid, a.attnum), '-'),
                          ', ' ORDER BY a.attnum)
        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
FROM pg_class c WHERE c.relnamespace = :'j'::regnamespace AND c.relkind IN ('r', 'v')
UNION ALL
SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
FROM pg_constraint WHERE connamespace = :'j'::regnamespace
UNION ALL
SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = :'j'
"
	shape_of() { q "$old" -At -v j="$1" <<<"$shape" | sed "s/\b$1\b/J/g" | LC_ALL=C sort; }
	# In one transaction, so that the open cases of both journeys are
	# censored at the same now().  pg_temp.diff(a, b, view): the rows of
	# the view in one journey and not the other, both ways.
	out=$(q "$old" -At -v j=j_new 2>&1 <<SQL
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.diff(a text, b text, v text) RETURNS SETOF text LANGUAGE plpgsql AS \$\$
BEGIN
	RETURN QUERY EXECUTE format('(SELECT x::text FROM %1\$I.%3\$I x EXCEPT ALL SELECT y::text FROM %2\$I.%3\$I y)
	                             UNION ALL (SELECT y::text FROM %2\$I.%3\$I y EXCEPT ALL SELECT x::text FROM %1\$I.%3\$I x)', a, b, v);
END
\$\$;
BEGIN;
SELECT 'upgraded ' || cx_journey_upgrade('j_old');
SELECT cx_journey_create('j_new');
$journey_data
SELECT 'differing ' || v || ' ' || (SELECT count(*) FROM pg_temp.diff('j_old', 'j_new', v))
FROM unnest(ARRAY['touchpoint_scorecard', 'stage_scorecard', 'overall_scorecard', 'touchpoint_scorecard_from_daily',
                  'stage_scorecard_from_daily', 'overall_scorecard_from_daily', 'revenue_scorecard', 'revenue_cohorts',
                  'goal_progress', 'touchpoint_changes', 'touchpoint_changes_from_daily', 'relationship_nps']) AS v
ORDER BY v;
SELECT 'rows ' || (SELECT count(*) FROM j_old.touchpoint_scorecard_from_daily) || ' ' ||
       (SELECT sum(interactions) FROM j_old.overall_scorecard_from_daily) || ' ' ||
       (SELECT sum(resolution_open) FROM j_old.overall_scorecard_from_daily) || ' ' ||
       (SELECT count(*) FROM j_old.goal_progress WHERE current IS NOT NULL) || ' ' ||
       (SELECT count(*) FROM j_old.revenue_scorecard) || ' ' || (SELECT count(*) FROM j_old.revenue_cohorts);
GRANT SELECT ON j_old.revenue_scorecard TO cx_upgrade_reader;
SELECT 'again ' || cx_journey_upgrade('j_old');
SELECT 'differing after a second upgrade ' || (SELECT count(*) FROM pg_temp.diff('j_old', 'j_new', 'touchpoint_scorecard_from_daily'));
COMMIT;
SQL
)
	get() { sed -n "s/^$1 //p" <<<"$out"; }
	# what to expect, in plain SQL over the raw rows
	expect=$(q "$old" -At -c "SET TimeZone = 'UTC'" -c "
		SELECT (SELECT count(DISTINCT (opened_at::date, touchpoint_id)) FROM j_old.interactions) || '|' ||
		       (SELECT count(*) FROM (SELECT date_trunc('month', responded_at), touchpoint_id FROM j_old.responses
		                              UNION SELECT date_trunc('month', opened_at), touchpoint_id FROM j_old.interactions) AS m) || ' ' ||
		       (SELECT count(*) FROM j_old.interactions) || ' ' ||
		       (SELECT count(*) FILTER (WHERE resolved_at IS NULL) FROM j_old.interactions) || ' ' ||
		       (SELECT count(*) FROM j_old.goals) || ' ' ||
		       (SELECT count(*) FROM generate_series(date_trunc('month', (SELECT min(lower(active)) FROM j_old.subscriptions)::timestamp),
		                                             date_trunc('month', current_date::timestamp), interval '1 month')) || ' ' ||
		       (SELECT count(*) FROM (SELECT count(*) AS p FROM generate_series(date_trunc('month', (SELECT min(lower(active)) FROM j_old.subscriptions)::timestamp),
		                                                                       date_trunc('month', current_date::timestamp), interval '1 month')) AS m,
		                             generate_series(0, m.p - 1) AS c, generate_series(0, least(12, m.p - 1 - c)) AS j)")
	check "cx_journey_upgrade converts the 0.3.0 journey, rebuilding every (day, touchpoint) row of daily_interactions it had" \
		"${expect%%|*}" "$(get upgraded)"
	for v in goal_progress overall_scorecard overall_scorecard_from_daily stage_scorecard stage_scorecard_from_daily \
		touchpoint_scorecard touchpoint_scorecard_from_daily revenue_scorecard revenue_cohorts \
		touchpoint_changes touchpoint_changes_from_daily relationship_nps; do
		check "upgraded journey: $v equals a fresh journey's with the same data" 0 "$(get "differing $v")"
	done
	check "the views compared are not empty: scorecard rows, interactions, open cases, goals with a value, months and cohort rows of revenue" \
		"${expect#*|}" "$(get rows)"
	check "a second cx_journey_upgrade rebuilds nothing and changes nothing" "0|0" \
		"$(get again)|$(get "differing after a second upgrade")"
	# The 0.3.0 journey had no triggers: the upgrade finds what changed
	# since its last refresh by comparing its daily tables with what a
	# refresh would write, and marks it (the late response of 2026-02-02,
	# website); its time zone is the upgrading session's.
	check "the upgrade marks dirty the day changed after the 0.3.0 journey's last refresh (and only it)" "2026-02-02|9|1" \
		"$(q "$old" -At -c "SELECT day || '|' || touchpoint_id || '|' || statements FROM j_old.daily_freshness")"
	check "the upgraded journey's time zone is the upgrading session's" \
		"$(q "$old" -At -c "SELECT name FROM pg_timezone_names WHERE lower(name) = lower(current_setting('TimeZone'))")" \
		"$(q "$old" -At -c "SELECT time_zone FROM j_old.journey_settings")"
	check "every row the 0.3.0 journey stored is kept (responses, interactions, subscriptions, goals, daily_summaries, ...)" \
		"$journey_rows_before" "$(q "$old" -At -c "$journey_rows")"
	fresh_shape=$(shape_of j_new)
	upgraded_shape=$(shape_of j_old)
	if [ "$upgraded_shape" = "$fresh_shape" ]; then
		ok "the upgraded journey's tables and views equal a fresh journey's: columns, defaults, constraints, indexes, comments ($(wc -l <<<"$fresh_shape" | tr -d ' ') lines)"
	else
		not_ok "the upgraded journey's tables and views equal a fresh journey's: columns, defaults, constraints, indexes, comments"
		diff <(echo "$fresh_shape") <(echo "$upgraded_shape") | sed 's/^/# /' | head -n 40 || true
	fi
	check "the grants on the journey's views survive the upgrade (and on a revenue view, a second one)" "t|t|f|t|f" \
		"$(q "$old" -At -c "SELECT has_table_privilege('cx_upgrade_reader', 'j_old.touchpoint_scorecard', 'SELECT'),
			has_table_privilege('cx_upgrade_reader', 'j_old.goal_progress', 'SELECT'),
			has_table_privilege('cx_upgrade_reader', 'j_old.stage_scorecard', 'SELECT'),
			has_table_privilege('cx_upgrade_reader', 'j_old.revenue_scorecard', 'SELECT'),
			has_table_privilege('cx_upgrade_reader', 'j_old.revenue_cohorts', 'SELECT')")"
	check "the upgraded journey takes the new goals (an SLA share)" "t" \
		"$(q "$old" -At -c "INSERT INTO j_old.goals (name, metric, baseline_period, target_period, target_kind, target, due_date, sla)
			VALUES ('sla', 'resolution_sla', '[2026-01-01,2026-02-01)', '[2026-02-01,2026-04-01)', 'value', 90, '2026-03-31', '1 day')" \
			-c "SELECT current BETWEEN 0 AND 100 FROM j_old.goal_progress WHERE name = 'sla'")"

	# The rows kept got mrr = 0; once the amounts are set with UPDATE, the
	# revenue views and goals of the upgraded journey equal a fresh one's,
	# and the MRR carried into the current month is that of plain SQL over
	# the rows: per customer the smaller of the sums of the amounts active
	# on its first day and on the day before.
	check "the 0.3.0 journey's subscriptions are kept with mrr = 0" "40|40" \
		"$(q "$old" -At -c "SELECT count(*) || '|' || count(*) FILTER (WHERE mrr = 0) FROM j_old.subscriptions")"
	out=$(q "$old" -At 2>&1 <<'SQL'
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.diff(a text, b text, v text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format('(SELECT x::text FROM %1$I.%3$I x EXCEPT ALL SELECT y::text FROM %2$I.%3$I y)
	                             UNION ALL (SELECT y::text FROM %2$I.%3$I y EXCEPT ALL SELECT x::text FROM %1$I.%3$I x)', a, b, v);
END
$$;
UPDATE j_old.subscriptions SET mrr = 10 + subscription_id % 7 * 12.5;
UPDATE j_new.subscriptions SET mrr = 10 + subscription_id % 7 * 12.5;
INSERT INTO j_old.goals (name, metric, baseline_period, target_period, target_kind, target, due_date)
VALUES ('nrr 100', 'nrr', '[2026-01-01,2026-02-01)', '[2026-02-01,2026-03-01)', 'value', 100, '2026-02-28'),
       ('churned -10%', 'churned_mrr', '[2026-01-01,2026-02-01)', '[2026-02-01,2026-03-01)', 'percent_change', -10, '2026-02-28');
INSERT INTO j_new.goals (name, metric, baseline_period, target_period, target_kind, target, due_date)
SELECT name, metric, baseline_period, target_period, target_kind, target, due_date FROM j_old.goals WHERE metric IN ('nrr', 'churned_mrr');
SELECT 'differing ' || v || ' ' || (SELECT count(*) FROM pg_temp.diff('j_old', 'j_new', v))
FROM unnest(ARRAY['revenue_scorecard', 'revenue_cohorts']) AS v ORDER BY v;
SELECT 'differing goals ' || count(*) FROM (
	(SELECT name, baseline, current, p_value, baseline_n, current_n FROM j_old.goal_progress WHERE metric IN ('nrr', 'churned_mrr')
	 EXCEPT ALL SELECT name, baseline, current, p_value, baseline_n, current_n FROM j_new.goal_progress)
	UNION ALL
	(SELECT name, baseline, current, p_value, baseline_n, current_n FROM j_new.goal_progress WHERE metric IN ('nrr', 'churned_mrr')
	 EXCEPT ALL SELECT name, baseline, current, p_value, baseline_n, current_n FROM j_old.goal_progress)) AS d;
SELECT 'revenue goals ' || count(*) FILTER (WHERE baseline > 0 AND current IS NOT NULL AND p_value BETWEEN 0 AND 1)
FROM j_old.goal_progress WHERE metric IN ('nrr', 'churned_mrr');
SELECT 'current month ' || v.mrr || ' ' || p.mrr || ' ' || (v.mrr > 0)
FROM (SELECT mrr_at_start AS mrr FROM j_old.revenue_scorecard WHERE month = date_trunc('month', current_date::timestamp)::date) AS v,
     (SELECT sum(least(m.before, m.on)) AS mrr
      FROM (SELECT customer_id,
                   coalesce(sum(mrr) FILTER (WHERE active @> date_trunc('month', current_date::timestamp)::date - 1), 0) AS before,
                   coalesce(sum(mrr) FILTER (WHERE active @> date_trunc('month', current_date::timestamp)::date), 0) AS on
            FROM j_old.subscriptions GROUP BY customer_id) AS m) AS p;
SQL
)
	get() { sed -n "s/^$1 //p" <<<"$out"; }
	check "with amounts set: revenue_scorecard, revenue_cohorts and the revenue goals equal a fresh journey's" "0|0|0" \
		"$(get "differing revenue_scorecard")|$(get "differing revenue_cohorts")|$(get "differing goals")"
	check "with amounts set: the revenue goals have values and p-values" 2 "$(get "revenue goals")"
	cur=$(get "current month")
	check "with amounts set: the MRR carried into the current month is that of plain SQL over the rows, and above 0" \
		"$(awk '{ print $2 " " $2 " true" }' <<<"$cur")" "$cur"

	# A journey of a 0.4.0 development version: goals.sla but no
	# subscriptions.mrr, the goal constraints without the revenue metrics,
	# and none of the revenue views (made here from a current journey by
	# taking them out).  Upgraded, its tables and views are a fresh
	# journey's, and its rows are kept.
	q "$old" >/dev/null <<SQL
SET client_min_messages = warning;
SELECT cx_journey_create('j_dev');
DROP VIEW j_dev.revenue_scorecard, j_dev.revenue_cohorts, j_dev.goal_progress;
ALTER TABLE j_dev.subscriptions DROP COLUMN mrr;
ALTER TABLE j_dev.goals
	DROP CONSTRAINT goals_metric_check,
	ADD CONSTRAINT goals_metric_check CHECK (metric IN ('nps', 'csat', 'ces', 'churn_rate',
		'first_response_time', 'resolution_time', 'first_response_p50', 'first_response_p90',
		'resolution_p50', 'resolution_p90', 'resolution_km_median', 'first_response_sla',
		'resolution_sla')),
	DROP CONSTRAINT goals_churn_rate_for_everything,
	ADD CONSTRAINT goals_churn_rate_for_everything
		CHECK (metric <> 'churn_rate' OR (stage IS NULL AND touchpoint_id IS NULL));
COMMENT ON TABLE j_dev.subscriptions IS 'customer subscriptions: the days each was active, [start, end) with no end while still active; churn is computed from them';
INSERT INTO j_dev.subscriptions (customer_id, plan, active)
SELECT i, 'basic', daterange(date '2025-10-01' + i * 3, CASE WHEN i % 4 = 0 THEN date '2026-01-15' + i END)
FROM generate_series(1, 40) AS i;
SQL
	dev_rows="SELECT md5(string_agg(row(s.subscription_id, s.customer_id, s.plan, s.active)::text, ';' ORDER BY s.subscription_id)) FROM j_dev.subscriptions s"
	dev_before=$(q "$old" -At -c "$dev_rows")
	check "cx_journey_upgrade converts a 0.4.0 development journey without subscriptions.mrr" 0 \
		"$(q "$old" -At -c "SET client_min_messages = warning" -c "SELECT cx_journey_upgrade('j_dev')")"
	check "the development journey's subscriptions are kept, with mrr = 0" "$dev_before|40" \
		"$(q "$old" -At -c "$dev_rows")|$(q "$old" -At -c "SELECT count(*) FILTER (WHERE mrr = 0) FROM j_dev.subscriptions")"
	dev_shape=$(shape_of j_dev)
	if [ "$dev_shape" = "$fresh_shape" ]; then
		ok "the upgraded development journey's tables and views equal a fresh journey's ($(wc -l <<<"$fresh_shape" | tr -d ' ') lines)"
	else
		not_ok "the upgraded development journey's tables and views equal a fresh journey's"
		diff <(echo "$fresh_shape") <(echo "$dev_shape") | sed 's/^/# /' | head -n 40 || true
	fi
	check "the upgraded development journey takes a revenue goal" "t" \
		"$(q "$old" -At -c "INSERT INTO j_dev.goals (name, metric, baseline_period, target_period, target_kind, target, due_date)
			VALUES ('mrr', 'mrr', '[2026-01-01,2026-02-01)', '[2026-02-01,2026-04-01)', 'value', 1, '2026-03-31')" \
			-c "SELECT current = 0 AND baseline_n = 0 FROM j_dev.goal_progress WHERE name = 'mrr'")"
fi
echo "1..$n"
