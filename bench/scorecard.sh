#!/usr/bin/env bash
#
# bench/scorecard.sh: how much faster the journey scorecards are from daily
# summaries than from raw rows, and what keeping the daily summaries costs,
# as ratios measured in one run.  A benchmark, not a test: it prints the
# ratios and exits 0 unless it cannot run.
#
# Usage, from the repository root:
#   bench/scorecard.sh [--responses N] [--interactions M] [--reps K]
#                      [--refresh-reps J] [--existing [--keep] [--reuse]]
#
#   --responses N     survey responses in the journey (default 10000000)
#   --interactions M  service interactions (default 1000000)
#   --reps K          timed runs per scorecard query, after one warm-up run;
#                     medians are reported (default 3)
#   --refresh-reps J  timed runs of each cx_journey_refresh() (default 2)
#   --existing        use the server that PGHOST, PGPORT, PGUSER and PGDATABASE
#                     point to, where cx_metrics must be installed, instead of
#                     a throwaway cluster
#   --keep            keep the data (schema cx_bench_journey) afterwards; with
#                     --existing
#   --reuse           reuse the data that --keep left, if it has the same shape
#
# Without --existing it sources test/pg.sh, builds the extension and starts a
# throwaway cluster with the settings bench/run uses (shared_buffers = 2GB,
# work_mem = 512MB, jit = off).
#
# What it measures (bench/scorecard_setup.sql makes the data in a journey
# schema made by cx_journey_create, bench/scorecard.sql has the queries,
# bench/lib.sql times them):
#   1. touchpoint_scorecard, stage_scorecard and overall_scorecard (from the
#      raw rows) against their *_from_daily versions (from the daily
#      summaries), for the whole year and for one month, serial;
#   2. cx_journey_refresh() of the year, of one month and of one day.
# A full run takes 5 to 6 minutes on a 2-core machine, under 2 of them loading.
#
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"

responses=10000000
interactions=1000000
reps=3
refresh_reps=2
existing=false
keep=false
reuse=false

usage() {
	sed -n '/^# Usage/,/^# Without --existing/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

posint() {
	[[ $2 =~ ^[1-9][0-9]*$ ]] || { echo "bench/scorecard.sh: $1 needs a positive integer, got '$2'" >&2; exit 2; }
}

while (($#)); do
	case $1 in
		--responses) posint "$1" "${2-}"; responses=$2; shift 2 ;;
		--interactions) posint "$1" "${2-}"; interactions=$2; shift 2 ;;
		--reps) posint "$1" "${2-}"; reps=$2; shift 2 ;;
		--refresh-reps) posint "$1" "${2-}"; refresh_reps=$2; shift 2 ;;
		--existing) existing=true; shift ;;
		--keep) keep=true; shift ;;
		--reuse) reuse=true; shift ;;
		-h|--help) usage ;;
		*) echo "bench/scorecard.sh: unknown option '$1'" >&2; usage ;;
	esac
done

note() { printf '[scorecard bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if $existing; then
	bench_psql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
	note "using the existing server: host=${PGHOST-} port=${PGPORT-} user=${PGUSER-} db=${PGDATABASE-}"
	bench_psql -c 'SELECT 1' >/dev/null
	if ! bench_psql -Atc "SELECT 1 FROM pg_extension WHERE extname = 'cx_metrics'" | grep -q 1; then
		bench_psql -c 'CREATE EXTENSION cx_metrics'
	fi
else
	if [[ ! -f $ROOT/test/pg.sh ]]; then
		echo "bench/scorecard.sh: test/pg.sh is missing; run with --existing against a server that has cx_metrics" >&2
		exit 2
	fi
	# shellcheck source=/dev/null
	source "$ROOT/test/pg.sh"
	cx_require_pg
	note "building cx_metrics"
	cx_build
	note "starting a throwaway cluster"
	settings=$(cat <<-'EOF_SETTINGS'
	shared_buffers = 2GB
	work_mem = 512MB
	maintenance_work_mem = 1GB
	max_parallel_workers_per_gather = 0
	jit = off
	autovacuum = off
	fsync = off
	synchronous_commit = off
	full_page_writes = off
	max_wal_size = 8GB
	checkpoint_timeout = 1h
	EOF_SETTINGS
	)
	CX_PG_SETTINGS=$settings cx_cluster_start
	bench_psql() { cx_psql "$@"; }
	bench_psql -c 'CREATE EXTENSION IF NOT EXISTS cx_metrics'
	keep=false
fi

# On an existing server, drop the data unless asked to keep it (the rest of
# schema cx_bench, bench/run's, is left alone).
if $existing && ! $keep; then
	trap "bench_psql -c 'DROP SCHEMA IF EXISTS cx_bench_journey CASCADE' -c 'DROP TABLE IF EXISTS cx_bench.scorecard_meta' >/dev/null 2>&1 || true" EXIT
fi

vars=(-v responses="$responses" -v interactions="$interactions" -v reps="$reps"
	  -v refresh_reps="$refresh_reps" -v reuse="$reuse")

start=$SECONDS
note "loading data: $responses responses, $interactions interactions (bench/scorecard_setup.sql)"
bench_psql "${vars[@]}" -f "$BENCH/scorecard_setup.sql"
note "data ready after $((SECONDS - start)) s; measuring (bench/scorecard.sql)"
bench_psql "${vars[@]}" -f "$BENCH/lib.sql" -f "$BENCH/scorecard.sql"
note "done in $((SECONDS - start)) s"
exit 0
