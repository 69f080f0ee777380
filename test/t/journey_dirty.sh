#!/usr/bin/env bash
# journey_dirty.sh: dirty-day tracking against concurrent writers, in two
# sessions.
#
# - A row written during a refresh stays dirty: a writer's transaction
#   inserts a row on a day already dirty and waits; a refresh without days
#   runs meanwhile (it cannot see the row) and deletes the mark it saw; the
#   writer commits: the day is still listed in daily_freshness, its month's
#   stale_days is 1, and the next refresh makes raw and daily agree.
# - A refresh blocks no writer: while a refresh's transaction is open, an
#   insert with lock_timeout = 1 s commits; once the refresh commits, that
#   insert's day is dirty.
#
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
# Prints TAP: one line per check.
set -euo pipefail

db=cx_journey_dirty
# shellcheck source=test/tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tap.sh"
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
cleanup() {
	wait || true
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
}
trap cleanup EXIT
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
q >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION cx_metrics;
SELECT cx_journey_create('crm', time_zone => 'UTC');
INSERT INTO crm.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES
	(1, 9, 'nps', 10, '2026-03-02 10:00+00'), (2, 9, 'nps', 0, '2026-03-03 10:00+00');
SELECT cx_journey_refresh('crm');
-- a late response on 03-02, committed: that day is dirty
INSERT INTO crm.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES
	(3, 9, 'nps', 9, '2026-03-02 11:00+00');
SQL
check "a committed late response makes its day dirty" "2026-03-02|9|1" \
	"$(q -At -c 'SELECT day, touchpoint_id, statements FROM crm.daily_freshness')"

# until_waiting APP: until the session named APP sleeps in pg_sleep (its
# statements before it are done), at most 20 s.
until_waiting() {
	local i
	for ((i = 0; i < 200; i++)); do
		[ "$(q -At -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$1' AND wait_event = 'PgSleep'")" = 1 ] && return 0
		sleep 0.1
	done
	return 1
}

# 1. The writer inserts on 03-02 again and holds its transaction open.
PGAPPNAME=cx_writer q -c "BEGIN" \
	-c "INSERT INTO crm.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES (4, 9, 'nps', 0, '2026-03-02 12:00+00')" \
	-c "SELECT pg_sleep(3)" -c "COMMIT" >/dev/null &
writer=$!
if until_waiting cx_writer; then ok "the writer's insert is done, its transaction open"; else not_ok "the writer did not get to its sleep"; fi
# The refresh sees the committed mark only, and the two committed rows of
# 03-02: it writes that day's one row.
check "a refresh during the writer's transaction writes the dirty day (one row)" 1 \
	"$(q -At -c "SELECT cx_journey_refresh('crm')")"
check "... and sees none of the writer's rows" 2 \
	"$(q -At -c "SELECT responses(nps) FROM crm.daily_summaries WHERE day = '2026-03-02'")"
wait "$writer"
check "after the writer commits, its day is still dirty (its own mark)" "2026-03-02|9|1" \
	"$(q -At -c 'SELECT day, touchpoint_id, statements FROM crm.daily_freshness')"
check "the March row of touchpoint_scorecard_from_daily says 1 stale day, and counts 3 responses of the raw 4" "1|3|4" \
	"$(q -At -c "SELECT d.stale_days || '|' || d.nps_n || '|' || r.nps_n
	             FROM crm.touchpoint_scorecard_from_daily d JOIN crm.touchpoint_scorecard r USING (month, touchpoint_id)
	             WHERE month = '2026-03-01' AND touchpoint_id = 9")"
check "the next refresh writes that day again" 1 "$(q -At -c "SELECT cx_journey_refresh('crm')")"
raw_daily="SELECT count(*) FROM ((TABLE crm.touchpoint_scorecard EXCEPT ALL TABLE crm.touchpoint_scorecard_from_daily)
	UNION ALL (TABLE crm.touchpoint_scorecard_from_daily EXCEPT ALL TABLE crm.touchpoint_scorecard)) AS d"
check "then raw and daily agree, row for row, and nothing is dirty" "0|0" \
	"$(q -At -c "$raw_daily")|$(q -At -c 'SELECT count(*) FROM crm.daily_freshness')"

# 2. A refresh's transaction open: a writer is not blocked by it.
q -c "INSERT INTO crm.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES (5, 9, 'nps', 9, '2026-03-03 12:00+00')" >/dev/null
PGAPPNAME=cx_refresh q -c "BEGIN" -c "SELECT cx_journey_refresh('crm')" -c "SELECT pg_sleep(3)" -c "COMMIT" >/dev/null &
refresher=$!
until_waiting cx_refresh || true
rc=0
out=$(q -c "SET lock_timeout = '1s'" \
	-c "INSERT INTO crm.responses (customer_id, touchpoint_id, metric, score, responded_at) VALUES (6, 9, 'nps', 10, '2026-03-04 12:00+00')" 2>&1) || rc=$?
check "an insert during an open refresh commits at once (lock_timeout 1 s)" "0" "$rc${out:+ $out}"
check "... while the refresh still holds its locks" 1 \
	"$(q -At -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cx_refresh' AND wait_event = 'PgSleep'")"
wait "$refresher"
check "after the refresh commits, the insert's day is dirty, the refreshed one is not" "2026-03-04" \
	"$(q -At -c 'SELECT string_agg(day::text, $$,$$ ORDER BY day) FROM crm.daily_freshness')"
q -c "SELECT cx_journey_refresh('crm')" >/dev/null
check "a last refresh: raw and daily agree" 0 "$(q -At -c "$raw_daily")"

echo "1..$n"
