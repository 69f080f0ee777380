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

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"
bench_server bench/scorecard.sh

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
