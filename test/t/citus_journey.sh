#!/usr/bin/env bash
# citus_journey.sh: a journey distributed by cx_journey_distribute on a Citus
# cluster (a coordinator and 2 workers, test/citus.sh) answers as the same
# journey on one node.  Two journeys in one database on the coordinator:
# loc (cx_journey_create only) and dist (cx_journey_create, then
# cx_journey_distribute), loaded with the same rows, some before
# distributing and some after, by INSERT and by COPY.  Checks:
#
# - where every table went (reference, distributed by customer_id and
#   co-located), the new primary keys, the identity columns kept, every
#   CHECK and foreign key still there, and every row kept;
# - every kind of bad row fails with the same SQLSTATE on both, but a NULL
#   customer_id (Citus refuses it with 22004 before any constraint: 23502 on
#   one node) and a response_id used again by another customer (unique per
#   customer only once distributed);
# - every view of dist equals the view of loc, row for row (EXCEPT ALL both
#   ways and the counts), read in one transaction; EXPLAIN of the raw
#   scorecards, the revenue views and goal_progress shows the workers
#   aggregating (worker_partial_agg), and the raw scorecards pull no rows to
#   the coordinator (no distributed subplan);
# - cx_journey_refresh on both writes the same rows, then the *_from_daily
#   views are equal too; its time on each is printed (a TAP comment);
# - cx_journey_upgrade on dist changes nothing of that;
# - dist has no dirty-day triggers (stale_days NULL, the dateless refresh
#   refused with 0A000): the views are compared without stale_days;
# - the errors of cx_journey_distribute: already distributed, not a
#   journey, not the owner, a database without the citus extension, NULL.
#
# Skipped (1..0 # SKIP) where citus.so is not installed (test/citus.sh).
set -euo pipefail

# shellcheck source=test/tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tap.sh"
# shellcheck source=test/citus.sh
source "$(dirname "${BASH_SOURCE[0]}")/../citus.sh"
cx_citus_available || cx_citus_skip_all
cx_citus_start 2

# Citus warns of every view it creates on the coordinator only.
export PGOPTIONS='-c client_min_messages=error'
c0() { cx_citus_psql 0 -At -F '|' "$@"; }
get() { sed -n "s/^$1|//p" <<<"$out"; }

c0 -c 'CREATE EXTENSION cx_metrics' >/dev/null

# The rows: responses, interactions and subscriptions numbered lo..hi, over
# 400 customers, 21 touchpoints and six months; interactions with and
# without first responses and resolutions (open cases); subscriptions
# ended and running, free and paying.
load='
INSERT INTO :"s".responses (customer_id, touchpoint_id, metric, score, responded_at, weight, comment)
SELECT 1 + (i * 7919) % 400, 1 + (i * 31) % 21,
       (ARRAY[$$nps$$, $$csat$$, $$ces$$])[1 + i % 3],
       CASE WHEN i % 17 = 0 THEN NULL
            WHEN i % 3 = 0 THEN (i * 13) % 11
            WHEN i % 3 = 1 THEN 1 + (i * 11) % 5
            ELSE 1 + (i * 5) % 7 END,
       timestamptz $$2025-07-01 00:00+00$$ + (i * 2693 % 86400) * interval $$3 minutes$$,
       CASE WHEN i % 5 = 0 THEN 1.5 END, CASE WHEN i % 9 = 0 THEN $$comment $$ || i END
FROM generate_series(:lo, :hi) AS i;
INSERT INTO :"s".interactions (customer_id, touchpoint_id, opened_at, first_response_at, resolved_at)
SELECT 1 + (i * 104729) % 400, 1 + (i * 37) % 21, o,
       CASE WHEN i % 11 <> 0 THEN o + (i % 97) * interval $$7 minutes$$ END,
       CASE WHEN i % 7 <> 0 THEN o + (i % 89) * interval $$3 hours$$ END
FROM generate_series(:lo, :hi) AS i
     CROSS JOIN LATERAL (SELECT timestamptz $$2025-07-01 00:00+00$$ + (i * 4271 % 250000) * interval $$1 minute$$ AS o) AS x;
INSERT INTO :"s".subscriptions (customer_id, plan, active, mrr)
SELECT 1 + i % 400, (ARRAY[$$free$$, $$basic$$, $$pro$$])[1 + i % 3],
       daterange(date $$2025-06-01$$ + (i * 37) % 200,
                 CASE WHEN i % 4 = 0 THEN date $$2025-06-01$$ + (i * 37) % 200 + 30 + i % 90 END),
       CASE WHEN i % 3 = 0 THEN 0 ELSE round((i % 50) * 9.99 + 0.0001 * (i % 7), 4) END
FROM generate_series(:lo / 2, :hi / 2) AS i;
'
# Goals of every family of metrics, over every scope; some have no rows
# (csat at touchpoint 3, and those over 2020).
goals="
INSERT INTO :\"s\".goals (name, metric, stage, touchpoint_id, baseline_period, target_period, target_kind, target, due_date, sla)
SELECT name, metric, stage, touchpoint_id, daterange('2025-07-01', '2025-09-01'), daterange('2025-09-01', '2025-12-01'), kind, target, date '2025-12-31', sla
FROM (VALUES ('nps all', 'nps', NULL, NULL, 'change', 5, NULL::interval),
             ('nps stage', 'nps', 'purchase', NULL, 'value', 10, NULL),
             ('nps touchpoint 3', 'nps', NULL, 3, 'value', 10, NULL),
             ('csat empty', 'csat', NULL, 3, 'percent_change', 10, NULL),
             ('csat all', 'csat', NULL, NULL, 'value', 80, NULL),
             ('ces stage', 'ces', 'after_purchase', NULL, 'value', 4, NULL),
             ('churn', 'churn_rate', NULL, NULL, 'value', 0.1, NULL),
             ('first response', 'first_response_time', NULL, NULL, 'change', -1, NULL),
             ('resolution', 'resolution_time', 'after_purchase', NULL, 'change', -1, NULL),
             ('first response p90', 'first_response_p90', NULL, NULL, 'value', 5, NULL),
             ('resolution p50', 'resolution_p50', NULL, 7, 'value', 5, NULL),
             ('km median', 'resolution_km_median', NULL, 5, 'value', 50, NULL),
             ('resolution sla', 'resolution_sla', NULL, NULL, 'value', 80, '48 hours'),
             ('first response sla', 'first_response_sla', 'purchase', NULL, 'value', 80, '4 hours'),
             ('mrr', 'mrr', NULL, NULL, 'percent_change', 10, NULL),
             ('nrr', 'nrr', NULL, NULL, 'value', 100, NULL),
             ('grr', 'grr', NULL, NULL, 'value', 90, NULL),
             ('churned mrr', 'churned_mrr', NULL, NULL, 'value', 100, NULL))
     AS g(name, metric, stage, touchpoint_id, kind, target, sla)
UNION ALL
-- and of every family, over periods without rows
SELECT name || ' in 2020', metric, stage, touchpoint_id, daterange('2020-01-01', '2020-02-01'), daterange('2020-02-01', '2020-03-01'), kind, target, date '2020-12-31', sla
FROM (VALUES ('nps', 'nps', 'purchase', NULL::int, 'value', 10, NULL::interval),
             ('ces', 'ces', NULL, NULL, 'value', 4, NULL),
             ('churn', 'churn_rate', NULL, NULL, 'value', 0.1, NULL),
             ('first response', 'first_response_time', NULL, 4, 'change', -1, NULL),
             ('resolution p90', 'resolution_p90', 'purchase', NULL, 'value', 5, NULL),
             ('km median', 'resolution_km_median', NULL, NULL, 'value', 50, NULL),
             ('first response sla', 'first_response_sla', NULL, NULL, 'value', 80, '4 hours'),
             ('nrr', 'nrr', NULL, NULL, 'value', 100, NULL),
             ('churned mrr', 'churned_mrr', NULL, NULL, 'value', 100, NULL))
     AS g(name, metric, stage, touchpoint_id, kind, target, sla);
"
out=$(c0 2>&1 <<SQL
SELECT cx_journey_create('loc'), cx_journey_create('dist');
\set lo 1
\set hi 2000
\set s loc
$load
$goals
\set s dist
$load
$goals
SELECT 'distribute|' || cx_journey_distribute('dist', shard_count => 8);
\set lo 2001
\set hi 3500
\set s loc
$load
\set s dist
$load
SQL
) || { echo "$out"; exit 1; }
check "cx_journey_distribute returns" "" "$(get distribute)"

# COPY after distributing, without ids: both journeys number the rows.
c0 -c "COPY (SELECT 1 + i % 400, 1 + i % 21, 'csat', 1 + i % 5, timestamptz '2025-10-01 00:00+00' + i * interval '1 hour'
             FROM generate_series(1, 500) AS i) TO STDOUT" >"$CX_TMP/responses.tsv"
for s in loc dist; do
	c0 -c "\\copy $s.responses (customer_id, touchpoint_id, metric, score, responded_at) FROM '$CX_TMP/responses.tsv'" >/dev/null
done

# Inserts without ids go on numbering in both.
next_id() { c0 -c "INSERT INTO $1.$2 $3 RETURNING $4"; }
r='(customer_id, touchpoint_id, metric, score, responded_at) VALUES (42, 2, $$nps$$, 9, $$2025-11-11 11:00+00$$)'
sub='(customer_id, active, mrr) VALUES (42, $$[2025-08-01,)$$, 12.5)'
next_loc=$(next_id loc responses "$r" response_id)
check "an insert without response_id gets the same next id in both ($next_loc)" "$next_loc" "$(next_id dist responses "$r" response_id)"
check "an insert without subscription_id gets the same next id in both" \
	"$(next_id loc subscriptions "$sub" subscription_id)" "$(next_id dist subscriptions "$sub" subscription_id)"
check "that id follows the ones stored" \
	"$(($(c0 -c "SELECT max(response_id) FROM dist.responses WHERE response_id < $next_loc") + 1))" "$next_loc"

# A bad row by COPY: the message is the same, the SQLSTATE not (above).
printf '1\t1\tnps\t1\t2025-10-01 00:00+00\t0\n' >"$CX_TMP/bad.tsv"
copy_bad() {
	c0 -v VERBOSITY=verbose -c "\\copy $1.responses (customer_id, touchpoint_id, metric, score, responded_at, weight) FROM '$CX_TMP/bad.tsv'" 2>&1 |
		sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\): \(new row for relation "responses\)[_0-9]*\(".*\)/\1 \2\3/p'
}
check "a bad row by COPY: the same message, 23514 in loc, XX000 in dist" \
	'23514 new row for relation "responses" violates check constraint "responses_weight_positive"|XX000 new row for relation "responses" violates check constraint "responses_weight_positive"' \
	"$(copy_bad loc)|$(copy_bad dist)"

# Where the tables went.
out=$(c0 <<'SQL'
SELECT 'placement|' || string_agg(format('%s:%s:%s', c.relname, t.citus_table_type, t.distribution_column), ' ' ORDER BY c.relname)
FROM citus_tables t JOIN pg_class c ON c.oid = t.table_name
WHERE c.relnamespace = 'dist'::regnamespace;
SELECT 'colocated|' || count(DISTINCT t.colocation_id) || ' ' || min(t.shard_count)
FROM citus_tables t WHERE t.table_name IN ('dist.responses'::regclass, 'dist.interactions'::regclass, 'dist.subscriptions'::regclass);
SELECT 'loc in citus|' || count(*) FROM pg_dist_partition WHERE logicalrelid::regclass::text LIKE 'loc.%';
SELECT 'keys ' || n.nspname || '|' || string_agg(c.relname || ' ' || pg_get_constraintdef(k.oid), ', ' ORDER BY c.relname)
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE k.contype = 'p' AND n.nspname IN ('loc', 'dist') AND c.relname IN ('responses', 'interactions', 'subscriptions')
GROUP BY n.nspname;
SELECT 'identity ' || n.nspname || '|' || string_agg(c.relname || '.' || a.attname || ':' || format_type(a.atttypid, NULL) || ':' || a.attidentity::text, ' ' ORDER BY c.relname)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE a.attidentity <> '' AND n.nspname IN ('loc', 'dist') AND c.relkind = 'r' AND c.relname !~ '_[0-9]+$'
GROUP BY n.nspname;
-- every CHECK, foreign key, unique and NOT NULL of loc is in dist, and no other
SELECT 'constraints ' || n.nspname || '|' || count(*) || ' ' || md5(string_agg(c.relname || ' ' || k.conname || ' ' || replace(pg_get_constraintdef(k.oid), n.nspname || '.', 'J.'), ';' ORDER BY c.relname, k.conname))
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE k.contype IN ('c', 'f', 'u') AND n.nspname IN ('loc', 'dist') AND c.relname !~ '_[0-9]+$'
GROUP BY n.nspname;
SELECT 'not null ' || n.nspname || '|' || string_agg(c.relname || '.' || a.attname, ' ' ORDER BY c.relname, a.attname)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE a.attnotnull AND a.attnum > 0 AND n.nspname IN ('loc', 'dist') AND c.relkind = 'r' AND c.relname !~ '_[0-9]+$'
GROUP BY n.nspname;
SQL
)
check "dist: eight reference tables, responses, interactions, subscriptions distributed by customer_id" \
	"daily_interactions:reference:<none> daily_summaries:reference:<none> dirty_days:reference:<none> goals:reference:<none> interactions:distributed:customer_id journey_settings:reference:<none> journey_stages:reference:<none> metric_scales:reference:<none> responses:distributed:customer_id subscriptions:distributed:customer_id touchpoints:reference:<none>" \
	"$(get placement)"
check "dist: the three distributed tables are co-located, in 8 shards" "1 8" "$(get colocated)"
check "loc: no Citus table" 0 "$(get 'loc in citus')"
check "dist: primary keys (customer_id, id)" \
	"interactions PRIMARY KEY (customer_id, interaction_id), responses PRIMARY KEY (customer_id, response_id), subscriptions PRIMARY KEY (customer_id, subscription_id)" \
	"$(get 'keys dist')"
check "loc: primary keys unchanged (the id alone)" \
	"interactions PRIMARY KEY (interaction_id), responses PRIMARY KEY (response_id), subscriptions PRIMARY KEY (subscription_id)" \
	"$(get 'keys loc')"
check "dist keeps every identity column" "$(get 'identity loc')" "$(get 'identity dist')"
check "dist has every CHECK, foreign key and unique constraint of loc" "$(get 'constraints loc')" "$(get 'constraints dist')"
check "dist has every NOT NULL of loc" "$(get 'not null loc')" "$(get 'not null dist')"

# pg_temp.diff(a, b, rel): the rows of rel in one journey and not in the
# other, both ways; pg_temp.state(sql): the SQLSTATE of sql, 'ok' if it
# succeeds (and then rolled back all the same).
functions='
CREATE FUNCTION pg_temp.diff(a text, b text, v text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
BEGIN
	-- stale_days left out: NULL on dist, which tracks no dirty days
	RETURN QUERY EXECUTE format($q$(SELECT (to_jsonb(x) - $k$stale_days$k$)::text FROM %1$I.%3$I x EXCEPT ALL SELECT (to_jsonb(y) - $k$stale_days$k$)::text FROM %2$I.%3$I y)
	                             UNION ALL (SELECT (to_jsonb(y) - $k$stale_days$k$)::text FROM %2$I.%3$I y EXCEPT ALL SELECT (to_jsonb(x) - $k$stale_days$k$)::text FROM %1$I.%3$I x)$q$, a, b, v);
END
$f$;
CREATE FUNCTION pg_temp.count(s text, v text) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE n bigint;
BEGIN
	EXECUTE format($q$SELECT count(*) FROM %I.%I$q$, s, v) INTO n;
	RETURN n;
END
$f$;
CREATE FUNCTION pg_temp.state(q text) RETURNS text LANGUAGE plpgsql AS $f$
BEGIN
	EXECUTE q;
	RAISE EXCEPTION USING ERRCODE = $q$CX000$q$;
EXCEPTION WHEN OTHERS THEN
	RETURN CASE SQLSTATE WHEN $q$CX000$q$ THEN $q$ok$q$ ELSE SQLSTATE END;
END
$f$;
'

# Every row kept, and the same rows in both.
out=$(c0 <<SQL
$functions
SELECT 'table ' || t || '|' || pg_temp.count('loc', t) || ' ' || pg_temp.count('dist', t) || ' '
       || (SELECT count(*) FROM pg_temp.diff('loc', 'dist', t))
FROM unnest(ARRAY['journey_stages', 'touchpoints', 'metric_scales', 'goals', 'responses', 'interactions',
                  'subscriptions', 'daily_summaries', 'daily_interactions']) AS t;
SQL
)
for t in journey_stages touchpoints metric_scales goals responses interactions subscriptions; do
	got=$(get "table $t")
	check "$t: the same rows in loc and dist (${got%% *})" "${got%% *} ${got%% *} 0" "$got"
done

# Bad rows: SQLSTATE in loc and in dist, each statement in a transaction
# of its own (\gexec).
out=$(c0 <<SQL
$functions
SELECT format('SELECT %L || pg_temp.state(%L) || %L || pg_temp.state(%L)', 'bad ' || k || '|', format(q, 'loc'), ' ', format(q, 'dist'))
FROM (VALUES
  ('score out of scale', \$\$INSERT INTO %I.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES (1, 1, 'csat', 6, now())\$\$),
  ('nps score 11', \$\$INSERT INTO %I.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES (1, 1, 'nps', 11, now())\$\$),
  ('unknown metric', \$\$INSERT INTO %I.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES (1, 1, 'xyz', 1, now())\$\$),
  ('unknown touchpoint', \$\$INSERT INTO %I.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES (1, 99, 'nps', 1, now())\$\$),
  ('weight 0', \$\$INSERT INTO %I.responses (customer_id, touchpoint_id, metric, score, responded_at, weight) VALUES (1, 1, 'nps', 1, now(), 0)\$\$),
  ('weight -1 by INSERT ... SELECT', \$\$INSERT INTO %I.responses (customer_id, touchpoint_id, metric, score, responded_at, weight) SELECT 1, 1, 'nps', 1, now(), -1\$\$),
  ('NULL responded_at', \$\$INSERT INTO %I.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES (1, 1, 'nps', 1, NULL)\$\$),
  ('duplicate response', \$\$INSERT INTO %1\$I.responses SELECT * FROM %1\$I.responses WHERE response_id = 7\$\$),
  ('score out of scale by UPDATE', \$\$UPDATE %I.responses SET score = 12 WHERE metric = 'nps' AND customer_id = 7\$\$),
  ('touchpoint deleted under responses', \$\$DELETE FROM %I.touchpoints WHERE touchpoint_id = 1\$\$),
  ('first response before opening', \$\$INSERT INTO %I.interactions (customer_id, touchpoint_id, opened_at, first_response_at) VALUES (1, 1, now(), now() - interval '1 hour')\$\$),
  ('interaction at an unknown touchpoint', \$\$INSERT INTO %I.interactions (customer_id, touchpoint_id, opened_at) VALUES (1, 99, now())\$\$),
  ('mrr with 5 decimals', \$\$INSERT INTO %I.subscriptions (customer_id, active, mrr) VALUES (1, '[2025-01-01,)', 1.00001)\$\$),
  ('negative mrr', \$\$INSERT INTO %I.subscriptions (customer_id, active, mrr) VALUES (1, '[2025-01-01,)', -1)\$\$),
  ('subscription without start', \$\$INSERT INTO %I.subscriptions (customer_id, active, mrr) VALUES (1, '(,2025-01-01)', 1)\$\$),
  ('duplicate subscription', \$\$INSERT INTO %1\$I.subscriptions SELECT * FROM %1\$I.subscriptions WHERE subscription_id = 5\$\$),
  ('touchpoint at an unknown stage', \$\$INSERT INTO %I.touchpoints (name, stage, category, channel) VALUES ('kiosk', 'nowhere', 'product', 'web')\$\$),
  ('touchpoint name taken', \$\$INSERT INTO %I.touchpoints (name, stage, category, channel) VALUES ('website', 'purchase', 'product', 'web')\$\$),
  ('stage renamed, ON UPDATE CASCADE', \$\$UPDATE %I.journey_stages SET stage = 'buying' WHERE stage = 'purchase'\$\$),
  ('goal of an unknown metric', \$\$INSERT INTO %I.goals (name, metric, baseline_period, target_period, target_kind, target, due_date) VALUES ('x', 'happiness', '[2025-01-01,2025-02-01)', '[2025-02-01,2025-03-01)', 'value', 1, '2025-03-01')\$\$),
  ('goal at an unknown touchpoint', \$\$INSERT INTO %I.goals (name, metric, touchpoint_id, baseline_period, target_period, target_kind, target, due_date) VALUES ('x', 'nps', 99, '[2025-01-01,2025-02-01)', '[2025-02-01,2025-03-01)', 'value', 1, '2025-03-01')\$\$),
  ('metric scale changed', \$\$UPDATE %I.metric_scales SET scale_max = 9 WHERE metric = 'csat'\$\$),
  ('daily row at an unknown touchpoint', \$\$INSERT INTO %I.daily_summaries SELECT '2025-01-01', 99, nps_agg(1::smallint), csat_agg(1::smallint, 5), ces_agg(1::smallint, 7, false)\$\$)
) AS b(k, q) \\gexec
SELECT 'null customer|' || pg_temp.state(format(q, 'loc')) || ' ' || pg_temp.state(format(q, 'dist'))
FROM (VALUES (\$\$INSERT INTO %I.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES (NULL, 1, 'nps', 1, now())\$\$)) AS b(q);
SELECT 'null customer copy|' || pg_temp.state(format(q, 'loc')) || ' ' || pg_temp.state(format(q, 'dist'))
FROM (VALUES (\$\$INSERT INTO %I.interactions (customer_id, touchpoint_id, opened_at) SELECT NULL, 1, now()\$\$)) AS b(q);
SELECT 'id again|' || pg_temp.state(format(q, 'loc')) || ' ' || pg_temp.state(format(q, 'dist'))
FROM (VALUES (\$\$INSERT INTO %1\$I.responses (response_id, customer_id, touchpoint_id, metric, score, responded_at) SELECT response_id, customer_id + 1, touchpoint_id, metric, score, responded_at FROM %1\$I.responses WHERE response_id = 7\$\$)) AS b(q);
SQL
)
while IFS='|' read -r what states; do
	[[ $what == bad* ]] || continue
	read -r s1 s2 <<<"$states"; set -- "$s1" "$s2"
	if [[ ${what#bad } == 'weight -1 by INSERT ... SELECT' ]]; then
		# Citus inserts the rows of INSERT ... SELECT from the coordinator
		# by COPY, and its COPY reports the worker's error as XX000
		# (ReportCopyError), with the message kept.
		check "${what#bad }: 23514 in loc, XX000 from Citus's COPY in dist" "23514 XX000" "$1 $2"
	elif [[ $1 == "$2" && $1 != ok ]] || [[ ${what#bad } == 'stage renamed, ON UPDATE CASCADE' && $1 == ok && $2 == ok ]]; then
		ok "${what#bad }: the same outcome in loc and dist ($1)"
	else
		not_ok "${what#bad }: loc $1, dist $2"
	fi
done <<<"$out"
check "a NULL customer_id: 23502 in loc, 22004 from Citus in dist (before any constraint)" "23502 22004" "$(get 'null customer')"
check "a NULL customer_id by INSERT ... SELECT: 23502 in loc, 22004 in dist" "23502 22004" "$(get 'null customer copy')"
check "a response_id again for another customer: refused in loc, taken in dist (unique per customer)" "23505 ok" "$(get 'id again')"

views=(touchpoint_scorecard stage_scorecard overall_scorecard
	touchpoint_scorecard_from_daily stage_scorecard_from_daily overall_scorecard_from_daily
	revenue_scorecard revenue_cohorts goal_progress)
views_sql="ARRAY['${views[0]}'$(printf ", '%s'" "${views[@]:1}")]"

# The refresh, timed on each (\timing's figure, in ms), in the session
# time zone; then every view, in one transaction so that the raw views'
# open cases are censored at (nearly) the same now(): on dist, the workers
# evaluate now() at the start of their own transactions.
out=$(cx_citus_psql 0 -At -F '|' <<SQL 2>&1
\\timing on
SELECT 'refresh loc|' || cx_journey_refresh('loc', '2025-06-01', '2026-01-31');
SELECT 'refresh dist|' || cx_journey_refresh('dist', '2025-06-01', '2026-01-31');
SQL
)
times=$(grep -o 'Time: [0-9.]* ms' <<<"$out" | grep -o '[0-9.]*' | tr '\n' ' ')
read -r t_loc t_dist <<<"$times"
check "cx_journey_refresh writes as many rows in dist as in loc ($(get 'refresh loc'))" "$(get 'refresh loc')" "$(get 'refresh dist')"
echo "# cx_journey_refresh over $(c0 -c 'SELECT count(*) FROM loc.responses') responses and $(c0 -c 'SELECT count(*) FROM loc.interactions') interactions: loc ${t_loc:-?} ms, dist ${t_dist:-?} ms (dist / loc = $(awk -v a="${t_loc:-0}" -v b="${t_dist:-0}" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "?" }'))"

compare_views() {
	c0 <<SQL
$functions
BEGIN;
SELECT 'view ' || v || '|' || pg_temp.count('loc', v) || ' ' || pg_temp.count('dist', v) || ' '
       || (SELECT count(*) FROM pg_temp.diff('loc', 'dist', v))
FROM unnest($views_sql) AS v;
COMMIT;
SQL
}
out=$(compare_views)
for v in "${views[@]}"; do
	got=$(get "view $v")
	if [[ ${got%% *} -gt 0 && $got == "${got%% *} ${got%% *} 0" ]]; then
		ok "$v: dist equals loc (${got%% *} rows)"
	else
		not_ok "$v: rows in loc, in dist, differing: $got"
	fi
done
out=$(c0 <<'SQL'
SELECT 'daily|' || count(*) FROM (SELECT * FROM loc.daily_summaries EXCEPT ALL SELECT * FROM dist.daily_summaries) AS x;
SQL
)
check "daily_summaries: the same rows in loc and dist" 0 "$(get daily)"
# Dirty-day tracking: not on a distributed journey (no triggers, stale_days
# NULL, the dateless refresh refused with 0A000), on loc as on one node.
check "dirty days: dist has no triggers and says stale_days NULL; loc has its 8 triggers and a number" "0|true|8|true" \
	"$(c0 -c "SELECT (SELECT count(*) FROM pg_trigger WHERE tgrelid IN ('dist.responses'::regclass, 'dist.interactions'::regclass) AND tgname LIKE 'cx_dirty_days_%')
	           || '|' || (SELECT bool_and(stale_days IS NULL) FROM dist.touchpoint_scorecard_from_daily)
	           || '|' || (SELECT count(*) FROM pg_trigger WHERE tgrelid IN ('loc.responses'::regclass, 'loc.interactions'::regclass) AND tgname LIKE 'cx_dirty_days_%')
	           || '|' || (SELECT bool_and(stale_days IS NOT NULL) FROM loc.touchpoint_scorecard_from_daily)")"
check "dirty days: cx_journey_refresh('dist') without days is refused (0A000)" 0A000 \
	"$(c0 -c "SET client_min_messages = notice" -c "DO \$\$ BEGIN PERFORM cx_journey_refresh('dist'); RAISE NOTICE 'ok'; EXCEPTION WHEN OTHERS THEN RAISE NOTICE '%', SQLSTATE; END \$\$" 2>&1 |
		sed -n 's/^NOTICE: *//p')"

# goal_progress: its Citus form in dist, its correlated one in loc.
check "goal_progress: the form grouped by goal in dist only" "false true" \
	"$(c0 -c "SELECT string_agg((pg_get_viewdef(format('%I.goal_progress', s)::regclass) ~ 'one\.goal_id')::text, ' ' ORDER BY s DESC) FROM unnest(ARRAY['loc', 'dist']) AS s")"

# Pushdown.
for v in touchpoint_scorecard stage_scorecard overall_scorecard revenue_scorecard revenue_cohorts goal_progress; do
	plan=$(c0 -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM dist.$v")
	if grep -q 'worker_partial_agg(' <<<"$plan"; then
		ok "$v: the workers aggregate (worker_partial_agg)"
	else
		not_ok "$v: no worker_partial_agg in the plan"
		sed 's/^/# /' <<<"$plan" | cut -c 1-200 | head -n 30
	fi
	# Every query sent to a shard of responses, interactions or
	# subscriptions aggregates there (worker_partial_agg), but in goal_progress those of the
	# means of hours (first_response_time, resolution_time) and of the
	# revenue goals: avg() and stddev_samp() of numeric have an internal
	# state, which Citus does not split, so their rows (one per interaction,
	# one per customer) come to the coordinator.
	# (The revenue grid's origin is a min() per shard.)
	raw=$(grep -E 'Query: .*\b(responses|interactions|subscriptions)_[0-9]+\b' <<<"$plan" |
		grep -v -e 'worker_partial_agg(' -e '^ *Query: SELECT min(lower(active)) FILTER (WHERE isfinite(lower(active))) AS origin FROM' || true)
	if [[ $v == goal_progress ]]; then
		check "$v: only the means of hours and the revenue goals read rows from the workers" "1 1 2" \
			"$(grep -c "'first_response_time'" <<<"$raw") $(grep -c 'mrr_agg(' <<<"$raw") $(grep -c . <<<"$raw")"
	else
		check "$v: no query reads raw rows from the workers" 0 "$(grep -c . <<<"$raw" || true)"
	fi

done

# cx_journey_upgrade on a distributed journey: the views made again, the
# tables where they were.
out=$(c0 <<'SQL'
SELECT 'upgrade|' || cx_journey_upgrade('dist');
SELECT 'placement|' || string_agg(format('%s:%s', c.relname, t.citus_table_type), ' ' ORDER BY c.relname)
FROM citus_tables t JOIN pg_class c ON c.oid = t.table_name
WHERE c.relnamespace = 'dist'::regnamespace;
SQL
)
check "cx_journey_upgrade on dist: nothing to rebuild" 0 "$(get upgrade)"
check "cx_journey_upgrade on dist: the tables stay where they were" \
	"daily_interactions:reference daily_summaries:reference dirty_days:reference goals:reference interactions:distributed journey_settings:reference journey_stages:reference metric_scales:reference responses:distributed subscriptions:distributed touchpoints:reference" \
	"$(get placement)"
out=$(compare_views)
differ=$(sed -n 's/^view \([^|]*\)|\([0-9]*\) \2 0$/\1/p' <<<"$out" | wc -l)
check "after cx_journey_upgrade every view of dist still equals loc" "${#views[@]}" "$differ"
plan=$(c0 -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM dist.touchpoint_scorecard")
if grep -q 'worker_partial_agg(' <<<"$plan"; then ok "after cx_journey_upgrade the workers still aggregate"; else not_ok "after cx_journey_upgrade the workers still aggregate"; fi

# Errors.
state_of() { # SQL: "SQLSTATE message"
	c0 -v VERBOSITY=verbose -c "$1" 2>&1 | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\): /\1 /p' | head -n 1
}
check "cx_journey_distribute again: 55000" \
	'55000 journey "dist" is already distributed' "$(state_of "SELECT cx_journey_distribute('dist')")"
check "cx_journey_distribute of a schema without a journey: the error of cx_journey_refresh" \
	"$(state_of "SELECT cx_journey_refresh('public', '2025-01-01', '2025-01-01')")" \
	"$(state_of "SELECT cx_journey_distribute('public')")"
check "that error is 22023" '22023 schema "public" holds no journey' "$(state_of "SELECT cx_journey_distribute('public')")"
check "cx_journey_distribute(NULL): 22004" \
	'22004 cx_journey_distribute arguments must not be NULL' "$(state_of "SELECT cx_journey_distribute(NULL)")"
c0 >/dev/null <<'SQL'
CREATE ROLE cx_citus_other;
SELECT cx_journey_create('other');
GRANT USAGE ON SCHEMA other TO cx_citus_other;
SQL
check "cx_journey_distribute by a role that does not own the tables: the check of cx_journey_refresh" \
	"$(state_of "SET ROLE cx_citus_other; SELECT cx_journey_refresh('other', '2025-01-01', '2025-01-01')")" \
	"$(state_of "SET ROLE cx_citus_other; SELECT cx_journey_distribute('other')")"
check "that error is 42501" '42501 table other.daily_interactions is owned by role postgres, not by you or a role you are a member of' \
	"$(state_of "SET ROLE cx_citus_other; SELECT cx_journey_distribute('other')")"
check "after those errors, journey other is no Citus table" 0 \
	"$(c0 -c "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::regclass::text LIKE 'other.%'")"
c0 -c 'CREATE DATABASE cx_nocitus' >/dev/null
nocitus() { PGOPTIONS=$PGOPTIONS PGHOST=127.0.0.1 PGPORT=${CX_CITUS_PORTS[0]} PGUSER=postgres PGDATABASE=cx_nocitus \
	"$CX_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
nocitus -c 'CREATE EXTENSION cx_metrics' -c "SELECT cx_journey_create('j')" >/dev/null
out=$(nocitus -v VERBOSITY=verbose -c "SELECT cx_journey_distribute('j')" 2>&1 || true)
check "a database without the citus extension: 55000" "55000 cx_journey_distribute needs the citus extension" \
	"$(sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\): /\1 /p' <<<"$out")"
check "its hint says what to do" 1 "$(grep -c '^HINT:  CREATE EXTENSION citus' <<<"$out")"
check "there the primary key stays the id alone" "PRIMARY KEY (response_id)" \
	"$(nocitus -At -c "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'j.responses'::regclass AND contype = 'p'")"

echo "1..$n"
