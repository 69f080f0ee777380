# shellcheck shell=bash
# test/citus.sh: a throwaway Citus cluster (a coordinator and workers on
# 127.0.0.1) for the shell suites test/t/citus*.sh, which source it after
# test/tap.sh.  It runs the server binaries of the cluster test/run started
# (CX_BINDIR, whose tree holds the cx_metrics just built), so every node
# loads that build.
#
#   cx_citus_available    0 if citus.so is installed for this PostgreSQL;
#                         else 1, with the reason in CX_CITUS_WHY
#   cx_citus_skip_all     skip_all (test/tap.sh) with the reason: the suite
#                         counts as skipped (test/run), never as passed
#   cx_citus_start N      start a coordinator and N workers, each with
#                         CREATE EXTENSION citus in database postgres, the
#                         workers added to the coordinator; exports
#                         CX_CITUS_PORTS (coordinator first).  Stopped (and
#                         removed) when the suite exits (through cx_on_exit
#                         when test/pg.sh is sourced, else an EXIT trap).
#   cx_citus_psql I ARGS  psql -X -q -v ON_ERROR_STOP=1 on node I (0: the
#                         coordinator), as postgres, in database postgres
#
# Environment read: CX_BINDIR, CX_TMP (test/run sets them);
# CX_CITUS_PKGLIBDIR, the directory to look for citus.so in (default: the
# pkglibdir of CX_BINDIR's tree; point it elsewhere to test the skip);
# CX_CITUS_SETTINGS, more postgresql.conf lines for every node (e.g.
# $'shared_buffers = 1GB\njit = off', for bench/citus.sh).
# Nodes listen on 127.0.0.1 only, with trust authentication for local
# connections, and are stopped by their data directory.

cx_citus_available() {
	local pkglibdir=${CX_CITUS_PKGLIBDIR:-}
	if [[ -z $pkglibdir ]]; then
		pkglibdir=$("$CX_BINDIR/pg_config" --pkglibdir) || {
			CX_CITUS_WHY="pg_config --pkglibdir failed"
			return 1
		}
	fi
	if [[ ! -f $pkglibdir/citus.so ]]; then
		CX_CITUS_WHY="citus.so is not installed in $pkglibdir (Citus is not packaged in Debian: build it from its source to run this suite)"
		return 1
	fi
}

cx_citus_skip_all() {
	skip_all "${CX_CITUS_WHY:-Citus is not available}"
}

CX_CITUS_DIRS=()
CX_CITUS_PORTS=()
CX_CITUS_RUN_AS=()

# Stop every node started, by its data directory.
cx__citus_stop() {
	local dir
	for dir in "${CX_CITUS_DIRS[@]}"; do
		[[ -f $dir/data/postmaster.pid ]] || continue
		(cd "$dir" && "${CX_CITUS_RUN_AS[@]}" "$CX_BINDIR/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop) \
			>/dev/null 2>&1 || true
	done
	[[ ${CX_KEEP:-0} == 1 ]] || rm -rf "$CX_TMP/citus"
}

# A free TCP port on 127.0.0.1, not one our other nodes took.
cx__citus_port() {
	local p used
	while :; do
		p=$((20000 + RANDOM % 30000))
		used=0
		for q in "${CX_CITUS_PORTS[@]}"; do [[ $q != "$p" ]] || used=1; done
		((used == 0)) || continue
		(: <"/dev/tcp/127.0.0.1/$p") 2>/dev/null || break
	done
	echo "$p"
}

cx_citus_start() {
	local workers=$1 i dir port user
	# Under test/pg.sh (bench/citus.sh), whose traps run its cleanup list,
	# join that list; a suite run by test/run owns its EXIT trap.
	if declare -F cx_on_exit >/dev/null; then
		cx_on_exit cx__citus_stop
	else
		trap cx__citus_stop EXIT
	fi
	mkdir -p "$CX_TMP/citus"
	chmod 755 "$CX_TMP/citus"
	if [[ $EUID -eq 0 ]]; then
		user=nobody
		id -u postgres >/dev/null 2>&1 && user=postgres
		CX_CITUS_RUN_AS=(runuser -u "$user" --)
	fi
	for ((i = 0; i <= workers; i++)); do
		dir=$CX_TMP/citus/node$i
		port=$(cx__citus_port)
		mkdir -p "$dir"
		CX_CITUS_DIRS+=("$dir")
		CX_CITUS_PORTS+=("$port")
		[[ -z $user ]] || chown "$user:" "$dir"
		(cd "$dir" && "${CX_CITUS_RUN_AS[@]}" "$CX_BINDIR/initdb" -D "$dir/data" -A trust -U postgres \
			--no-sync -E UTF8 --locale=C) >"$dir/initdb.log" 2>&1 || {
			cat "$dir/initdb.log"
			return 1
		}
		cat >>"$dir/data/postgresql.conf" <<EOF
# added by test/citus.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
port = $port
shared_preload_libraries = 'citus'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
max_prepared_transactions = 100
citus.shard_count = 8
${CX_CITUS_SETTINGS:-}
EOF
		(cd "$dir" && "${CX_CITUS_RUN_AS[@]}" "$CX_BINDIR/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" \
			-w -t 60 start) >/dev/null 2>&1 || {
			tail -n 30 "$dir/data/server.log"
			return 1
		}
		cx_citus_psql "$i" -c 'CREATE EXTENSION citus' >/dev/null
	done
	cx_citus_psql 0 -c "SELECT citus_set_coordinator_host('127.0.0.1', ${CX_CITUS_PORTS[0]})" >/dev/null
	for ((i = 1; i <= workers; i++)); do
		cx_citus_psql 0 -c "SELECT citus_add_node('127.0.0.1', ${CX_CITUS_PORTS[$i]})" >/dev/null
	done
	export CX_CITUS_PORTS
}

cx_citus_psql() {
	local i=$1
	shift
	PGHOST=127.0.0.1 PGPORT=${CX_CITUS_PORTS[$i]} PGUSER=postgres PGDATABASE=postgres \
		"$CX_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}
