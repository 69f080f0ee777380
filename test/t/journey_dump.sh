#!/usr/bin/env bash
# journey_dump.sh: a journey schema survives pg_dump and restore into a
# second database exactly: every row of every table (compared both ways
# with EXCEPT and by an md5 of the ordered rows), the views' output, the
# identity sequences, and the setup of the restored journey (constraints,
# security_invoker views, not extension members).
#
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
# Prints TAP: one line per check.
set -euo pipefail

src=cx_journey_dump_src
dst=cx_journey_dump_dst
tmp=$(mktemp -d)
# shellcheck source=test/tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tap.sh"
q() { local db=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" \
	-c "CREATE DATABASE $src" -c "CREATE DATABASE $dst" >/dev/null 2>&1

# A journey keyed by uuid, with awkward values: NULL scores, fractional
# weights, microseconds, comments with tabs, newlines, quotes and
# non-ASCII text; a user's own touchpoint; goals; refreshed daily tables.
q "$src" >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION cx_metrics;
SELECT cx_journey_create('crm', 'uuid', csat_scale_max => 7, ces_scale_max => 5, ces_lower_is_better => true);
INSERT INTO crm.touchpoints (name, stage, category, channel, description)
VALUES ('mobile app', 'after_purchase', 'product', 'app', 'the "app", v2');
INSERT INTO crm.responses (customer_id, touchpoint_id, metric, score, responded_at, weight, comment)
SELECT md5(i::text)::uuid, 1 + i % 22, m, CASE WHEN i % 11 = 0 THEN NULL ELSE i % (CASE m WHEN 'nps' THEN 11 WHEN 'csat' THEN 7 ELSE 5 END) + CASE m WHEN 'nps' THEN 0 ELSE 1 END END,
       timestamptz '2026-01-01 00:00:00.123456+00' + i * interval '1 hour 7.000001 seconds',
       CASE WHEN i % 3 = 0 THEN 0.1 + 0.2 * i END,
       CASE i % 5 WHEN 0 THEN NULL WHEN 1 THEN E'tab\there, newline\nthere' WHEN 2 THEN 'it''s "quoted" \ backslash'
                  WHEN 3 THEN 'très bien, 很好 👍' ELSE '' END
FROM generate_series(1, 5000) AS i, LATERAL (SELECT (ARRAY['nps', 'csat', 'ces'])[1 + i % 3] AS m) AS k;
INSERT INTO crm.interactions (customer_id, touchpoint_id, opened_at, first_response_at, resolved_at)
SELECT md5(i::text)::uuid, 15 + i % 7, o, CASE WHEN i % 4 <> 0 THEN o + i * interval '37 seconds' END,
       CASE WHEN i % 5 <> 0 THEN o + i * interval '101 seconds' END
FROM generate_series(1, 2000) AS i, LATERAL (SELECT timestamptz '2026-01-01 08:00+00' + i * interval '3 hours' AS o) AS t;
INSERT INTO crm.subscriptions (customer_id, plan, active)
SELECT md5(i::text)::uuid, (ARRAY['basic', 'pro', NULL])[1 + i % 3],
       daterange(date '2025-06-01' + i % 200, CASE WHEN i % 4 = 0 THEN date '2026-03-01' + i % 90 END)
FROM generate_series(1, 800) AS i;
INSERT INTO crm.goals (name, metric, stage, touchpoint_id, baseline_period, target_period, target_kind, target, due_date, description)
VALUES ('nps +1', 'nps', NULL, NULL, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', 1, '2026-06-30', 'the classic'),
       ('resolution -20%', 'resolution_time', 'after_purchase', NULL, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'percent_change', -20, '2026-06-30', NULL),
       ('churn', 'churn_rate', NULL, NULL, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'value', 0.1234567890123456789, '2026-06-30', NULL);
SET TimeZone = 'UTC';
SELECT cx_journey_refresh('crm', '2026-01-01', '2026-12-31');
SQL

pg_dump -d "$src" -Fc -f "$tmp/journey.dump"
pg_restore -d "$dst" "$tmp/journey.dump"

tables=$(q "$src" -At -c "SELECT string_agg(relname, ' ' ORDER BY relname) FROM pg_class
                          WHERE relnamespace = 'crm'::regnamespace AND relkind = 'r'")
check "the journey has its 11 tables" 11 "$(wc -w <<<"$tables" | tr -d ' ')"
for t in $tables; do
	rows=$(q "$src" -At -c "SELECT count(*) FROM crm.$t")
	# md5 of the rows' text, in a total order (the text itself): the same
	# rows, byte for byte
	h="SELECT md5(coalesce(string_agg(x::text, E'\n' ORDER BY x::text COLLATE \"C\"), '')) FROM crm.$t AS x"
	check "crm.$t: $rows rows, same md5 after restore" "$(q "$src" -At -c "$h")" "$(q "$dst" -At -c "$h")"
done
# EXCEPT both ways, on the typed rows (not their text): compared in one
# database through a copy of the source rows.
for t in responses interactions subscriptions goals daily_summaries daily_interactions; do
	q "$src" -c "COPY crm.$t TO STDOUT (FORMAT binary)" >"$tmp/$t.bin"
	q "$dst" >/dev/null <<SQL
CREATE TEMP TABLE src (LIKE crm.$t INCLUDING GENERATED);
\\copy src FROM '$tmp/$t.bin' (FORMAT binary)
SQL
	diff=$(q "$dst" -At <<SQL
CREATE TEMP TABLE src (LIKE crm.$t INCLUDING GENERATED);
\\copy src FROM '$tmp/$t.bin' (FORMAT binary)
SELECT count(*) FROM ((TABLE src EXCEPT ALL TABLE crm.$t) UNION ALL (TABLE crm.$t EXCEPT ALL TABLE src)) AS d;
SQL
)
	check "crm.$t: EXCEPT ALL both ways is empty" 0 "$diff"
done

for v in touchpoint_scorecard stage_scorecard overall_scorecard touchpoint_scorecard_from_daily goal_progress; do
	h="SET TimeZone = 'UTC'; SELECT md5(string_agg(x::text, E'\n' ORDER BY x::text COLLATE \"C\")) FROM crm.$v AS x"
	check "crm.$v: same output after restore" "$(q "$src" -At -c "$h")" "$(q "$dst" -At -c "$h")"
done
check "the daily views still equal the raw views after restore" 0 \
	"$(q "$dst" -At -c "SET TimeZone = 'UTC'" -c "SELECT count(*) FROM ((TABLE crm.overall_scorecard EXCEPT TABLE crm.overall_scorecard_from_daily)
	                  UNION ALL (TABLE crm.overall_scorecard_from_daily EXCEPT TABLE crm.overall_scorecard)) AS d")"

# The restored journey works as the original: identities continue,
# constraints hold, views are security_invoker, nothing became an
# extension member.
check "identity continues after the last response_id" \
	"$(q "$src" -At -c "SELECT max(response_id) + 1 FROM crm.responses")" \
	"$(q "$dst" -At -c "INSERT INTO crm.responses (customer_id, touchpoint_id, metric, score, responded_at)
	                    VALUES (gen_random_uuid(), 1, 'nps', 9, now()) RETURNING response_id")"
out=$(q "$dst" -c "INSERT INTO crm.responses (customer_id, touchpoint_id, metric, score, responded_at)
                   VALUES (gen_random_uuid(), 1, 'csat', 8, now())" 2>&1) && rc=0 || rc=$?
if [ "$rc" -ne 0 ] && grep -q responses_score_in_scale <<<"$out"; then
	ok "the restored scale constraint rejects CSAT 8 on a 1..7 scale"
else
	not_ok "the restored scale constraint rejects CSAT 8 on a 1..7 scale"
	printf '# %s\n' "$out"
fi
q="SELECT string_agg(relname || ':' || array_to_string(reloptions, ','), ' ' ORDER BY relname)
   FROM pg_class WHERE relnamespace = 'crm'::regnamespace AND relkind = 'v'"
check "the restored views are security_invoker" "$(q "$src" -At -c "$q")" "$(q "$dst" -At -c "$q")"
check "no journey object is an extension member after restore" 0 \
	"$(q "$dst" -At -c "SELECT count(*) FROM pg_depend d JOIN pg_class c ON d.classid = 'pg_class'::regclass AND c.oid = d.objid
	                    WHERE d.deptype = 'e' AND c.relnamespace = 'crm'::regnamespace")"
# (parentheses aside: a restored row IN (...) list reads back flatter)
q="SELECT string_agg(conrelid::regclass || '.' || conname || ' ' || regexp_replace(pg_get_constraintdef(oid), '[()]', '', 'g'),
                     E'\n' ORDER BY conrelid::regclass::text, conname)
   FROM pg_constraint WHERE connamespace = 'crm'::regnamespace"
check "the restored constraints are the same" "$(q "$src" -At -c "$q")" "$(q "$dst" -At -c "$q")"

# (last: its insert takes an identity value)
check "the restored journey keeps its time zone, local dates and dirty-day triggers: an insert marks its day" \
	"$(q "$src" -At -c "SELECT time_zone FROM crm.journey_settings")|2026-05-04|2026-05-04|9" \
	"$(q "$dst" -At -c "SELECT time_zone FROM crm.journey_settings")|$(q "$dst" -At -c "BEGIN" \
		-c "INSERT INTO crm.responses (customer_id, touchpoint_id, metric, score, responded_at)
		    VALUES (gen_random_uuid(), 9, 'nps', 9, timestamp '2026-05-04 12:00' AT TIME ZONE (SELECT time_zone FROM crm.journey_settings))
		    RETURNING responded_on" \
		-c "SELECT day || '|' || touchpoint_id FROM crm.dirty_days WHERE day = '2026-05-04'" -c "ROLLBACK" | tr '\n' '|' | sed 's/|$//')"
echo "1..$n"
