#!/usr/bin/env bash
#
# bench/churn.sh: how fast churn_agg() is, as ratios to count(*) and to the
# hand-written SQL, measured in one run.  A benchmark, not a test: it prints
# PASS/MISS against the targets and exits 0 unless it cannot run (or
# --strict is given and a target is missed).
#
# Usage, from the repository root:
#   bench/churn.sh [--customers N] [--months M] [--reps K] [--hand-reps J]
#                  [--existing [--keep] [--reuse]] [--strict]
#
#   --customers N  rows of cx_bench.churn_customers, one per customer
#                  (default 1000000)
#   --months M     periods of the monthly grid (default 60)
#   --reps K       timed runs per query, after one warm-up run; medians are
#                  reported (default 5)
#   --hand-reps J  timed runs of the hand-written SQL (default 2: it takes
#                  tens of seconds)
#   --existing     use the server that PGHOST, PGPORT, PGUSER and PGDATABASE
#                  point to, where cx_metrics must be installed, instead of a
#                  throwaway cluster
#   --keep         keep the data (cx_bench.churn_customers) afterwards; with
#                  --existing
#   --reuse        reuse the data that --keep left, if it has the same shape
#   --strict       exit 1 if a target is missed
#
# Without --existing it sources test/pg.sh, builds the extension and starts a
# throwaway cluster with the settings bench/run uses (shared_buffers = 2GB,
# work_mem = 512MB, jit = off).
#
# What it measures (bench/churn.sql has the queries; bench/lib.sql, shared
# with bench/run, times them):
#   1. count(*), count(activity), churn_periods(churn_agg(...)) and
#      churn_cohort_retention(churn_agg(..., max_offset)) over the table, serial;
#   2. the hand-written SQL for the same report, serial;
#   3. the size of one summary, and HashAggregate memory per group.
# Targets: churn_periods(churn_agg) at most 2 x count(*), at least 20 x
# faster than the hand-written SQL.  A full run takes about 2 minutes on a
# 2-core machine.
#
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"

customers=1000000
months=60
reps=5
hand_reps=2
existing=false
keep=false
reuse=false
strict=false

usage() {
	sed -n '/^# Usage/,/^# Without --existing/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

posint() {
	[[ $2 =~ ^[1-9][0-9]*$ ]] || { echo "bench/churn.sh: $1 needs a positive integer, got '$2'" >&2; exit 2; }
}

while (($#)); do
	case $1 in
		--customers) posint "$1" "${2-}"; customers=$2; shift 2 ;;
		--months) posint "$1" "${2-}"; months=$2; shift 2 ;;
		--reps) posint "$1" "${2-}"; reps=$2; shift 2 ;;
		--hand-reps) posint "$1" "${2-}"; hand_reps=$2; shift 2 ;;
		--existing) existing=true; shift ;;
		--keep) keep=true; shift ;;
		--reuse) reuse=true; shift ;;
		--strict) strict=true; shift ;;
		-h|--help) usage ;;
		*) echo "bench/churn.sh: unknown option '$1'" >&2; usage ;;
	esac
done
((customers > 2147483647)) && { echo "bench/churn.sh: --customers must fit in an integer" >&2; exit 2; }
((months > 1200)) && { echo "bench/churn.sh: --months is at most 1200 here" >&2; exit 2; }

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"
bench_server bench/churn.sh

# On an existing server, drop the data unless asked to keep it (the rest of
# schema cx_bench, bench/run's, is left alone).
if $existing && ! $keep; then
	trap "bench_psql -c 'DROP TABLE IF EXISTS cx_bench.churn_customers, cx_bench.churn_meta, cx_bench.churn_summary' >/dev/null 2>&1 || true" EXIT
fi

vars=(-v customers="$customers" -v months="$months" -v reps="$reps" -v hand_reps="$hand_reps"
	  -v reuse="$reuse")

start=$SECONDS
note "loading data: $customers customers (bench/churn_setup.sql)"
bench_psql "${vars[@]}" -f "$BENCH/churn_setup.sql"
note "data ready after $((SECONDS - start)) s; measuring (bench/churn.sql)"
bench_psql "${vars[@]}" -f "$BENCH/lib.sql" -f "$BENCH/churn.sql"
note "done in $((SECONDS - start)) s"

if $strict; then
	misses=$(bench_psql -Atc "SELECT count(*) FROM cx_bench.churn_summary WHERE result <> 'PASS'")
	if ((misses > 0)); then
		note "$misses target(s) missed"
		exit 1
	fi
fi
exit 0
