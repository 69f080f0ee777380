#!/usr/bin/env bash
# journey_cron.sh: the dirty days refreshed by pg_cron, as README ("Daily
# summaries", scheduling) says.  A cluster of its own with
# shared_preload_libraries = 'pg_cron' (jobs in background workers, no
# connection needed); a journey; cx_journey_refresh('crm') scheduled every
# 2 seconds (pg_cron 1.5 and later) or every minute (older pg_cron, such
# as Debian 12's 1.4); rows inserted, updated and deleted on past days;
# then, within 3 minutes, daily_freshness is empty, the job has run and
# succeeded, and the raw and daily scorecards agree row for row.
#
# Skipped (1..0 # SKIP) where pg_cron.so is not installed for this server.
# Prints TAP: one line per check.
set -euo pipefail

# shellcheck source=test/tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tap.sh"
bindir=${CX_BINDIR:-$(pg_config --bindir)}
pkglibdir=$("$bindir/pg_config" --pkglibdir 2>/dev/null || pg_config --pkglibdir)
sharedir=$("$bindir/pg_config" --sharedir 2>/dev/null || pg_config --sharedir)
if [[ ! -f $pkglibdir/pg_cron.so || ! -f $sharedir/extension/pg_cron.control ]]; then
	skip_all "pg_cron is not installed for this server ($pkglibdir/pg_cron.so; Debian: postgresql-$(pg_config --version | sed 's/[^0-9]*\([0-9]*\).*/\1/')-cron)"
fi

base=${CX_TMP:-$(mktemp -d)}
dir=$(mktemp -d "$base/cron.XXXXXX")
chmod 755 "$dir"
run_as=()
if [[ $EUID -eq 0 ]]; then
	user=nobody
	id -u postgres >/dev/null 2>&1 && user=postgres
	run_as=(runuser -u "$user" --)
	chown "$user:" "$dir"
fi
stop() {
	(cd "$dir" && "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop) >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap stop EXIT
(cd "$dir" && "${run_as[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C) \
	>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
port=$((20000 + RANDOM % 30000))
cat >>"$dir/data/postgresql.conf" <<EOF
# added by test/t/journey_cron.sh
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
shared_preload_libraries = 'pg_cron'
cron.database_name = 'postgres'
cron.use_background_workers = on
max_worker_processes = 16
fsync = off
EOF
(cd "$dir" && "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 start) >/dev/null 2>&1 || {
	tail -n 30 "$dir/data/server.log"
	exit 1
}
q() { PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=postgres "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

q >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION pg_cron;
CREATE EXTENSION cx_metrics;
SELECT cx_journey_create('crm', time_zone => 'Europe/Paris');
INSERT INTO crm.responses (customer_id, touchpoint_id, metric, score, responded_at)
SELECT i, 1 + i % 21, (ARRAY['nps', 'csat', 'ces'])[1 + i % 3], 1 + i % 5,
       timestamptz '2026-01-01 00:00+00' + i * interval '47 minutes'
FROM generate_series(1, 3000) AS i;
INSERT INTO crm.interactions (customer_id, touchpoint_id, opened_at, first_response_at, resolved_at)
SELECT i, 18, o, o + interval '1 hour', o + interval '5 hours'
FROM generate_series(1, 300) AS i, LATERAL (SELECT timestamptz '2026-01-01 00:00+00' + i * interval '7 hours' AS o) AS x;
SELECT cx_journey_refresh('crm');
SQL
check "the journey is fresh after a refresh" 0 "$(q -At -c 'SELECT count(*) FROM crm.daily_freshness')"

# The README's schedule, every 2 seconds where pg_cron takes seconds.
if q -At -c "SELECT cron.schedule('cx_metrics refresh crm', '2 seconds', \$\$SELECT cx_journey_refresh('crm')\$\$)" >/dev/null 2>&1; then
	every="2 seconds"
else
	q -At -c "SELECT cron.schedule('cx_metrics refresh crm', '* * * * *', \$\$SELECT cx_journey_refresh('crm')\$\$)" >/dev/null
	every="minute"
fi
ok "cx_journey_refresh('crm') scheduled with pg_cron, every $every"

# Changes on past days.
q >/dev/null <<'SQL'
INSERT INTO crm.responses (customer_id, touchpoint_id, metric, score, responded_at)
VALUES (9001, 9, 'nps', 0, '2026-01-15 23:30+01'), (9002, 9, 'nps', 10, '2026-02-10 12:00+01');
UPDATE crm.responses SET score = 5 WHERE response_id IN (10, 11, 12);
DELETE FROM crm.responses WHERE response_id BETWEEN 100 AND 110;
UPDATE crm.interactions SET resolved_at = NULL WHERE interaction_id = 7;
SQL
dirty=$(q -At -c 'SELECT count(*) FROM crm.daily_freshness')
check "the changes made days dirty ($dirty day and touchpoint pairs)" 1 "$((dirty > 0 ? 1 : 0))"

waited=0
while (($(q -At -c 'SELECT count(*) FROM crm.daily_freshness') > 0 && waited < 180)); do
	sleep 1
	waited=$((waited + 1))
done
check "pg_cron's refresh empties daily_freshness (after ${waited}s)" 0 "$(q -At -c 'SELECT count(*) FROM crm.daily_freshness')"
check "the job ran and succeeded" t \
	"$(q -At -c "SELECT count(*) > 0 AND bool_and(status = 'succeeded') FROM cron.job_run_details d JOIN cron.job j USING (jobid)
	             WHERE j.jobname = 'cx_metrics refresh crm' AND d.status <> 'running'")"
# The open case (interaction 7, reopened) ages with the clock: compared in
# one transaction after a refresh of its day, the raw and daily views agree
# up to it; so every view is compared with the open case's day refreshed
# in the same transaction.
for v in touchpoint_scorecard stage_scorecard overall_scorecard; do
	check "$v equals ${v}_from_daily, row for row" 0 \
		"$(q -At -c "BEGIN" -c "SELECT cx_journey_refresh('crm', opened_on, opened_on) FROM crm.interactions WHERE interaction_id = 7" \
			-c "SELECT count(*) FROM ((TABLE crm.$v EXCEPT ALL TABLE crm.${v}_from_daily)
			                          UNION ALL (TABLE crm.${v}_from_daily EXCEPT ALL TABLE crm.$v)) AS d" -c "COMMIT" | tail -n 1)"
done
q -c "SELECT cron.unschedule('cx_metrics refresh crm')" >/dev/null
echo "1..$n"
