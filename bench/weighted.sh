#!/usr/bin/env bash
#
# bench/weighted.sh: how fast the weighted survey aggregates are, as ratios
# to count(score) and to the hand-written weighted SQL, measured in one run;
# and that the unweighted nps_agg() keeps its speed.  A benchmark, not a
# test: it prints PASS/MISS against the targets and exits 0 unless it cannot
# run (or --strict is given and a target is missed).
#
# Usage, from the repository root:
#   bench/weighted.sh [--rows N] [--reps K] [--existing] [--strict]
#
#   --rows N     rows of cx_bench.wsurvey (default 10000000; CX_BENCH_ROWS
#                sets the default too, e.g. CX_BENCH_ROWS=1000000 for a
#                quick run)
#   --reps K     timed runs per query, after one warm-up round; medians are
#                reported (default 5)
#   --existing   use the server that PGHOST, PGPORT, PGUSER and PGDATABASE
#                point to, where cx_metrics must be installed, instead of a
#                throwaway cluster (the table is dropped afterwards)
#   --strict     exit 1 if a target is missed
#
# Without --existing it sources test/pg.sh, builds the extension and starts a
# throwaway cluster with the settings bench/run uses (bench/lib.sh).
#
# What it measures (bench/weighted.sql has the queries; bench/lib.sql, shared
# with bench/run, times them), serial plans, CPU time of the backend:
#   count(score); nps_agg(score) and count(w) for reference;
#   nps_weighted_agg(score, w), csat_weighted_agg(csat, w),
#   ces_weighted_agg(ces, w, 7, false), nps_weighted(score, w) and
#   nps_stderr(nps_weighted_agg(score, w));
#   the hand-written weighted NPS with its linearisation SE and n_eff:
#   sum(w), sum(w * y), sum(w * w), sum(w * w * y), sum(w * w * y * y)
#   over y = CASE ... END, in one pass.
# Targets: each weighted aggregate at most 1.5 x count(score), faster than
# the hand-written SQL; nps_agg at most 1.2 x count(score) (DESIGN.md s. 7
# measured 1.09).  A full run takes about 3 minutes on a 2-core machine.
#
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"

rows=${CX_BENCH_ROWS:-10000000}
reps=5
existing=false
keep=false
strict=false

usage() {
	sed -n '/^# Usage/,/^# Without --existing/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

posint() {
	[[ $2 =~ ^[1-9][0-9]*$ ]] || { echo "bench/weighted.sh: $1 needs a positive integer, got '$2'" >&2; exit 2; }
}

while (($#)); do
	case $1 in
		--rows) posint "$1" "${2-}"; rows=$2; shift 2 ;;
		--reps) posint "$1" "${2-}"; reps=$2; shift 2 ;;
		--existing) existing=true; shift ;;
		--strict) strict=true; shift ;;
		-h|--help) usage ;;
		*) echo "bench/weighted.sh: unknown option '$1'" >&2; usage ;;
	esac
done
posint --rows "$rows"
((rows > 2147483647)) && { echo "bench/weighted.sh: --rows must fit in an integer" >&2; exit 2; }

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"
bench_server bench/weighted.sh

if $existing; then
	trap "bench_psql -c 'DROP TABLE IF EXISTS cx_bench.wsurvey, cx_bench.weighted_targets' >/dev/null 2>&1 || true" EXIT
fi

start=$SECONDS
note "loading data: $rows weighted responses"
bench_psql -v rows="$rows" <<'SQL'
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET work_mem = '512MB';
CREATE SCHEMA IF NOT EXISTS cx_bench;
DROP TABLE IF EXISTS cx_bench.wsurvey;
SELECT setseed(0.42);
-- scores 0..10 (CSAT 1..5, CES 1..7 from them), 2% unanswered; weights
-- log-normal-ish with 6 decimals, as a raking step would give them
CREATE UNLOGGED TABLE cx_bench.wsurvey AS
SELECT CASE WHEN i % 50 = 0 THEN NULL ELSE s END AS score,
	   s % 5 + 1 AS csat, s % 7 + 1 AS ces,
	   round((0.2 + random() * random() * 4)::numeric, 6)::float8 AS w
FROM generate_series(1, :rows) i, LATERAL (SELECT floor(random() * 11)::int + 0 * i AS s) r;
VACUUM (FREEZE, ANALYZE) cx_bench.wsurvey;
SQL
note "data ready after $((SECONDS - start)) s; measuring"
bench_psql -v reps="$reps" -v rows="$rows" -f "$BENCH/lib.sql" -f "$BENCH/weighted.sql"
note "done in $((SECONDS - start)) s"

if $strict; then
	misses=$(bench_psql -Atc "SELECT count(*) FROM cx_bench.weighted_targets WHERE result = 'MISS'")
	if ((misses > 0)); then
		note "$misses target(s) missed"
		exit 1
	fi
fi
