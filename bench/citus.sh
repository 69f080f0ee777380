#!/usr/bin/env bash
#
# bench/citus.sh: what partial aggregation on Citus workers costs, as ratios
# measured in one run, on a coordinator and 2 workers on this machine
# (test/citus.sh).  A benchmark, not a test: it prints the ratios and exits
# 0 unless it cannot run.  Citus is not packaged in Debian: without citus.so
# for this PostgreSQL it says so and exits 2.
#
# Usage, from the repository root:
#   bench/citus.sh [--rows N] [--reps K]
#
#   --rows N   survey responses, and customers (one row each), in the tables
#              (default 1000000, or $CX_BENCH_ROWS)
#   --reps K   timed runs per query, after one warm-up run; medians are
#              reported (default 5)
#
# It sources test/pg.sh, builds the extension, installs it in a temporary
# tree (cx_cluster_start, whose own server is not used) and starts the
# Citus nodes from it with shared_buffers = 1GB, jit = off and serial plans
# (max_parallel_workers_per_gather = 0) on every node; 8 shards.
#
# What it measures (bench/citus_setup.sql makes the data, bench/citus.sql has
# the queries, bench/lib.sql times them), for nps_agg(score), csat_agg(csat),
# churn_agg(activity, ...) (one row per customer, a datemultirange, 60
# monthly periods) and revenue_agg(timeline, ...) (one mrr_timeline per
# customer, the same grid), and count(col) of the same column as a baseline:
#   1. distributed: the query over the table distributed by customer_id
#      (worker_partial_agg on every shard, coord_combine_agg on the
#      coordinator: checked in its EXPLAIN) against the same query over a
#      plain table on the coordinator alone, by wall time;
#   2. worker side: on that plain table, what each worker runs for its shard,
#      worker_partial_agg('nps_agg(smallint)'::regprocedure, score) (for
#      churn_agg and revenue_agg with ROW(activity, origin, bucket, periods),
#      as Citus writes it), against the plain aggregate and count(col): the
#      per-row work under worker_partial_agg.
# The distributed and local results are checked equal.  At the default size
# a run takes about 3 minutes on a 2-core machine, most of it loading.
#
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"

posint() {
	[[ $2 =~ ^[1-9][0-9]*$ ]] || { echo "bench/citus.sh: $1 needs a positive integer, got '$2'" >&2; exit 2; }
}

rows=${CX_BENCH_ROWS:-1000000}
posint CX_BENCH_ROWS "$rows"
reps=5

usage() {
	sed -n '/^# Usage/,/^# It sources/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

while (($#)); do
	case $1 in
		--rows) posint "$1" "${2-}"; rows=$2; shift 2 ;;
		--reps) posint "$1" "${2-}"; reps=$2; shift 2 ;;
		-h|--help) usage ;;
		*) echo "bench/citus.sh: unknown option '$1'" >&2; usage ;;
	esac
done
((rows > 2147483647)) && { echo "bench/citus.sh: --rows must fit in an integer" >&2; exit 2; }

note() { printf '[bench/citus.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# shellcheck source=test/pg.sh
source "$ROOT/test/pg.sh"
# shellcheck source=test/citus.sh
source "$ROOT/test/citus.sh"
cx_require_pg
# cx_citus_available looks in CX_BINDIR's tree, which does not exist yet:
# look where the server's own libraries are.
CX_CITUS_PKGLIBDIR=${CX_CITUS_PKGLIBDIR:-$("$PG_CONFIG" --pkglibdir)}
if ! cx_citus_available; then
	echo "bench/citus.sh: $CX_CITUS_WHY" >&2
	exit 2
fi
note "building cx_metrics"
cx_build
note "installing it in a temporary tree"
cx_cluster_start
note "starting a coordinator and 2 workers"
CX_CITUS_SETTINGS=$(cat <<-'EOF_SETTINGS'
shared_buffers = 1GB
work_mem = 256MB
maintenance_work_mem = 512MB
max_parallel_workers_per_gather = 0
jit = off
autovacuum = off
max_wal_size = 8GB
checkpoint_timeout = 1h
EOF_SETTINGS
)
export CX_CITUS_SETTINGS
cx_citus_start 2
cx_citus_psql 0 -c 'CREATE EXTENSION cx_metrics'

start=$SECONDS
note "loading data: $rows responses and $rows customers (bench/citus_setup.sql)"
cx_citus_psql 0 -v rows="$rows" -f "$BENCH/citus_setup.sql"
note "data ready after $((SECONDS - start)) s; measuring (bench/citus.sql)"
# The timing tables and functions stay on the coordinator (no DDL
# propagation: Citus would warn that lib.sql's views are local).
PGOPTIONS="-c citus.enable_ddl_propagation=off" \
	cx_citus_psql 0 -v rows="$rows" -v reps="$reps" -f "$BENCH/lib.sql" -f "$BENCH/citus.sql"
note "done in $((SECONDS - start)) s"
