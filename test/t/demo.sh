#!/usr/bin/env bash
# demo.sh: the demo's SQL runs (demo/data.sql, demo/report.sql), and the
# daily summaries it reports from agree with its raw responses, checked by
# hand-written SQL that does not use cx_metrics.
#
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
set -euo pipefail

root=${CX_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
fail() { echo "FAIL: $*"; exit 1; }
q() { psql -X -q -v ON_ERROR_STOP=1 -d cx_demo_test "$@"; }
cleanup() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS cx_demo_test" >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE cx_demo_test"

q -f "$root/demo/data.sql" >/dev/null
report=$(q -f "$root/demo/report.sql")
for heading in "1. All touchpoints, by month" "2. By touchpoint, last six months" "3. Last quarter"; do
	grep -qF "$heading" <<<"$report" || fail "the report lacks the section \"$heading\""
done

# Every (day, touchpoint) summary against count(*) FILTER over the raw rows.
mismatches=$(q -At <<'SQL'
SELECT count(*)
FROM crm.nps_daily d
FULL JOIN (SELECT (r.responded_at AT TIME ZONE 'UTC')::date AS day, r.touchpoint_id,
				  count(r.score) AS n,
				  count(*) FILTER (WHERE r.score >= 9) AS promoters,
				  count(*) FILTER (WHERE r.score <= 6) AS detractors
		   FROM crm.survey_response r GROUP BY 1, 2) h
	ON h.day = d.day AND h.touchpoint_id = d.touchpoint_id
WHERE h.n IS DISTINCT FROM responses(d.s)
   OR h.promoters IS DISTINCT FROM promoters(d.s)
   OR h.detractors IS DISTINCT FROM detractors(d.s);
SQL
)
[ "$mismatches" = 0 ] || fail "$mismatches daily summaries disagree with the raw responses"
echo "ok: demo data and report run; daily summaries match the raw rows"
