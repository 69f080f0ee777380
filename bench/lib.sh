# bench/lib.sh: the server for the shell benchmarks (bench/churn.sh,
# bench/scorecard.sh).  Source it after parsing the options, then call
#
#   bench_server NAME
#
# With existing=true it uses the server that PGHOST, PGPORT, PGUSER and
# PGDATABASE point to and creates cx_metrics there if it is missing;
# otherwise it builds the extension and starts a throwaway cluster (test/pg.sh)
# tuned for loading and reading big tables, which is stopped and removed at
# exit, and sets keep=false.  Either way it defines bench_psql, and note()
# prints progress prefixed with NAME.
# Needs ROOT (the repository root) and existing, keep set by the caller.

bench_server() {
	local name=$1 settings
	# shellcheck disable=SC2317  # called by the benchmarks after this returns
	note() { printf '[%s %s] %s\n' "$BENCH_NAME" "$(date +%H:%M:%S)" "$*" >&2; }
	BENCH_NAME=$name

	if $existing; then
		bench_psql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
		note "using the existing server: host=${PGHOST-} port=${PGPORT-} user=${PGUSER-} db=${PGDATABASE-}"
		bench_psql -c 'SELECT 1' >/dev/null
		if ! bench_psql -Atc "SELECT 1 FROM pg_extension WHERE extname = 'cx_metrics'" | grep -q 1; then
			bench_psql -c 'CREATE EXTENSION cx_metrics'
		fi
		return
	fi
	if [[ ! -f $ROOT/test/pg.sh ]]; then
		echo "$name: test/pg.sh is missing; run with --existing against a server that has cx_metrics" >&2
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
}
