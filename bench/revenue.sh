#!/usr/bin/env bash
#
# bench/revenue.sh: how fast revenue_agg() is, as ratios to count(*) and to
# the mrr-playbook SQL (dbt-labs' way: a month spine joined to every
# subscription, lag() per customer), measured in one run; and how its cost
# depends on the number of periods.  A benchmark, not a test: it prints
# PASS/MISS against the targets and exits 0 unless it cannot run (or
# --strict is given and a target is missed or cannot be measured).
#
# Usage, from the repository root:
#   bench/revenue.sh [--customers N] [--playbook-customers M] [--reps K]
#                    [--hand-reps J] [--existing [--keep] [--reuse]] [--strict]
#
#   --customers N           customers in cx_bench.revenue_subs, 1 to 3
#                           subscriptions each (default 1000000, or
#                           $CX_BENCH_CUSTOMERS; e.g. CX_BENCH_CUSTOMERS=50000
#                           for a quick run)
#   --playbook-customers M  customers the mrr-playbook SQL is measured on,
#                           against cx_metrics on the same customers (default
#                           100000, or $CX_BENCH_PLAYBOOK_CUSTOMERS, and never
#                           more than N: at 1 M customers one run of it takes
#                           about 5 minutes on a 2-core machine)
#   --reps K                timed runs per query, after one warm-up run;
#                           medians are reported (default 5)
#   --hand-reps J           timed runs of the mrr-playbook SQL (default 2)
#   --existing              use the server that PGHOST, PGPORT, PGUSER and
#                           PGDATABASE point to, where cx_metrics must be
#                           installed, instead of a throwaway cluster
#   --keep                  keep the data (cx_bench.revenue_subs and the rest)
#                           afterwards; with --existing
#   --reuse                 reuse the data that --keep left, if it has the
#                           same shape
#   --strict                exit 1 if a target is missed or n/a
#
# Without --existing it sources test/pg.sh, builds the extension and starts a
# throwaway cluster with the settings bench/run uses (shared_buffers = 2GB,
# work_mem = 512MB, jit = off).
#
# What it measures (bench/revenue_setup.sql makes the data, bench/revenue.sql
# has the queries, bench/lib.sql times them):
#   1. count(*) over the subscriptions, count(*) over them grouped by
#      customer, mrr_agg() per customer alone, revenue_agg() over the
#      timelines (the summary), revenue_periods() on top, and
#      revenue_cohort_retention() of a summary with the cohort matrix, serial;
#   2. the mrr-playbook SQL for the same report, serial, against count(*) and
#      revenue_periods(revenue_agg(...)) over the same customers (the first M);
#      the two are checked to agree on every period and column;
#   3. revenue_agg() over 12, 60 and 240 monthly periods and over 1827 daily
#      ones, over the same timelines (stored), serial;
#   4. the size of a summary and of a timeline, and HashAggregate memory per
#      group.
# Without the revenue functions in cx_metrics (mrr_agg, revenue_agg,
# revenue_periods, revenue_cohort_retention) their rows are skipped, the
# plain-SQL ones still run, and the targets are n/a.
# Targets: the mrr-playbook SQL at least 50 x slower than
# revenue_periods(revenue_agg(mrr_agg)); the cost independent of the number
# of periods: the two steps over the daily grid at most 1.25 x over the
# monthly one (the four grids over stored timelines are for information).  Without the revenue functions a run takes about 3 minutes on a
# 2-core machine, 2 of them the mrr-playbook SQL at M = 100000 (about 28 s a
# run, and it runs 4 times: a check, a warm-up, 2 timed runs); the
# cx_metrics rows add a few minutes.
#
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"

posint() {
	[[ $2 =~ ^[1-9][0-9]*$ ]] || { echo "bench/revenue.sh: $1 needs a positive integer, got '$2'" >&2; exit 2; }
}

customers=${CX_BENCH_CUSTOMERS:-1000000}
posint CX_BENCH_CUSTOMERS "$customers"
playbook_customers=${CX_BENCH_PLAYBOOK_CUSTOMERS:-100000}
posint CX_BENCH_PLAYBOOK_CUSTOMERS "$playbook_customers"
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

while (($#)); do
	case $1 in
		--customers) posint "$1" "${2-}"; customers=$2; shift 2 ;;
		--playbook-customers) posint "$1" "${2-}"; playbook_customers=$2; shift 2 ;;
		--reps) posint "$1" "${2-}"; reps=$2; shift 2 ;;
		--hand-reps) posint "$1" "${2-}"; hand_reps=$2; shift 2 ;;
		--existing) existing=true; shift ;;
		--keep) keep=true; shift ;;
		--reuse) reuse=true; shift ;;
		--strict) strict=true; shift ;;
		-h|--help) usage ;;
		*) echo "bench/revenue.sh: unknown option '$1'" >&2; usage ;;
	esac
done
((customers > 2147483647)) && { echo "bench/revenue.sh: --customers must fit in an integer" >&2; exit 2; }
((playbook_customers > customers)) && playbook_customers=$customers

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"
bench_server bench/revenue.sh

# On an existing server, drop the data unless asked to keep it (the rest of
# schema cx_bench, bench/run's, is left alone).
if $existing && ! $keep; then
	trap "bench_psql -c 'DROP TABLE IF EXISTS cx_bench.revenue_meta, cx_bench.revenue_subs, cx_bench.revenue_subs_pb, cx_bench.revenue_timelines, cx_bench.revenue_targets' >/dev/null 2>&1 || true" EXIT
fi

vars=(-v customers="$customers" -v playbook_customers="$playbook_customers" -v reps="$reps"
	  -v hand_reps="$hand_reps" -v reuse="$reuse")

start=$SECONDS
note "loading data: $customers customers (bench/revenue_setup.sql)"
bench_psql "${vars[@]}" -f "$BENCH/revenue_setup.sql"
note "data ready after $((SECONDS - start)) s; measuring (bench/revenue.sql)"
bench_psql "${vars[@]}" -f "$BENCH/lib.sql" -f "$BENCH/revenue.sql"
note "done in $((SECONDS - start)) s"

if $strict; then
	misses=$(bench_psql -Atc "SELECT count(*) FROM cx_bench.revenue_targets WHERE result <> 'PASS'")
	if ((misses > 0)); then
		note "$misses target(s) missed or not measured"
		exit 1
	fi
fi
exit 0
