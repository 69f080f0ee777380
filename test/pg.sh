# shellcheck shell=bash
# test/pg.sh: shared helpers for scripts that build cx_metrics and run it in a
# throwaway PostgreSQL cluster (test/run, bench/run, demo/run).  Source it:
#
#   set -euo pipefail
#   source "$(dirname "${BASH_SOURCE[0]}")/../test/pg.sh"
#   cx_require_pg; cx_build; cx_cluster_start
#   cx_psql -c 'CREATE EXTENSION cx_metrics'
#
# Functions (each returns nonzero on failure, so `set -e` callers stop there):
#   cx_require_pg     pg_config, server headers, pg_regress, server binaries,
#                     make and gcc must exist.  Missing packages (of
#                     postgresql-N, postgresql-server-dev-N, build-essential)
#                     are installed with `apt-get install --no-upgrade` when
#                     running as root, so nothing already installed is
#                     upgraded; otherwise the exact command to run as root is
#                     printed and the script exits 1.  Exports PG_CONFIG.
#   cx_build          `make CX_WERROR=1` in the repo root; quiet unless it fails.
#   cx_cluster_start  installs the extension into a private temporary tree and
#                     starts a cluster from it, as an unprivileged OS user,
#                     listening on a private unix socket only.  Exports PGHOST,
#                     PGPORT, PGUSER=postgres, PGDATABASE=postgres, CX_TMP (the
#                     temporary directory) and CX_BINDIR (its bin directory,
#                     with psql, pg_dump, ...).  At exit the server is stopped
#                     and CX_TMP removed (kept when CX_KEEP=1).
#   cx_psql ARGS...   psql -X -q -v ON_ERROR_STOP=1 against that cluster.
#   cx_on_exit CMD    run CMD (a string, eval'd) when the script exits.
#
# Traps: this file owns the EXIT, INT, TERM and HUP traps once cx_on_exit or
# cx_cluster_start is called; from then on add cleanup with cx_on_exit, not
# with trap.  An EXIT trap the caller set before is kept: it runs last.
# Cleanup steps run in reverse order of registration and may read (or change)
# CX_EXIT_STATUS, the status the script exits with.  Do not call `exit` from
# a cleanup step.  Call cx_cluster_start from the main shell, not
# from a subshell or $(...), or its exports and trap are lost.
#
# Environment read:
#   PG_CONFIG       pg_config to use (default: pg_config on PATH)
#   CX_PG_MAJOR     major version to install when no pg_config exists (15)
#   CX_PG_SETTINGS  extra postgresql.conf lines, e.g. $'shared_buffers = 1GB\njit = off'
#   CX_KEEP=1       keep CX_TMP (data directory, logs, test output) at exit

# Refuse to be executed: the functions would vanish with the process.
if ! (return 0 2>/dev/null); then
	echo "test/pg.sh is a library: source it from a bash script" >&2
	exit 1
fi

# The repo root, whatever the caller's working directory.
CX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
export CX_ROOT
CX_EXTENSION=cx_metrics

# ---------------------------------------------------------------------------
# Exit handling

CX__EXIT_CMDS=()
CX__TRAPS_SET=0

# Register CMD to run at exit.  The first call installs the traps.
cx_on_exit() {
	local cmd=$1 old
	if [[ $CX__TRAPS_SET == 0 ]]; then
		CX__TRAPS_SET=1
		# Keep an EXIT trap the caller set before: `trap -p EXIT` prints
		# "trap -- 'CMD' EXIT"; let the shell unquote it.
		old=$(trap -p EXIT)
		if [[ -n $old ]]; then
			eval "set -- $old"
			CX__EXIT_CMDS+=("$3")
		fi
		trap cx__run_exit_cmds EXIT
		# A signal becomes an ordinary exit, which runs the EXIT trap.
		trap 'exit 129' HUP
		trap 'exit 130' INT
		trap 'exit 143' TERM
	fi
	CX__EXIT_CMDS+=("$cmd")
}

# The EXIT trap: run the registered steps, newest first, then exit with
# CX_EXIT_STATUS (the original status unless a step changed it).
cx__run_exit_cmds() {
	CX_EXIT_STATUS=$?
	set +e
	trap - EXIT HUP INT TERM
	local i
	for ((i = ${#CX__EXIT_CMDS[@]} - 1; i >= 0; i--)); do
		eval "${CX__EXIT_CMDS[i]}"
	done
	exit "$CX_EXIT_STATUS"
}

# ---------------------------------------------------------------------------
# Prerequisites

# Print the Debian packages that are missing, one per line.  $1 is the
# pg_config command, $2 the major version to name when pg_config is missing.
cx__missing_packages() {
	local pgc=$1 major=$2 bindir b
	if ! "$pgc" --version >/dev/null 2>&1 ||
		[[ ! -f $("$pgc" --includedir-server)/postgres.h ]] ||
		[[ ! -f $("$pgc" --pgxs) ]] ||
		[[ ! -x $(dirname "$("$pgc" --pgxs)")/../test/regress/pg_regress ]]; then
		echo "postgresql-server-dev-$major"
	fi
	bindir=$("$pgc" --bindir 2>/dev/null) || bindir=/usr/lib/postgresql/$major/bin
	for b in postgres initdb pg_ctl psql; do
		if [[ ! -x $bindir/$b ]]; then
			echo "postgresql-$major"
			break
		fi
	done
	if ! command -v make >/dev/null || ! command -v gcc >/dev/null; then
		echo build-essential
	fi
}

# The packages to name to apt-get so that installing $@ upgrades nothing,
# one per line.  --no-upgrade covers only the packages named: a dependency
# may still be upgraded (postgresql-server-dev-15 of a newer point release
# pulls a newer libpq-dev, which needs a newer libpq5).  So: simulate; pin
# every installed package it would upgrade to its installed version
# (NAME=VERSION); if the new packages then no longer fit, pin those to that
# same version where the archive has it (libpq-dev and the server headers
# of the installed point release); repeat.  Fails, saying why, when no such
# set exists (the installed version is no longer in the archive).
cx__apt_plan() {
	local -a args=("$@") pins news
	local -A olds=()
	local sim i p v added
	for ((i = 0; i < 6; i++)); do
		if sim=$(apt-get -s -q install -y --no-upgrade "${args[@]}" 2>&1 </dev/null); then
			# "Inst libpq5 [15.18-0+deb12u1] (15.20-0+deb12u1 ...)": an upgrade
			mapfile -t pins < <(sed -n 's/^Inst \([^ ]*\) \[\([^]]*\)\].*/\1=\2/p' <<<"$sim")
			if ((${#pins[@]} == 0)); then
				printf '%s\n' "${args[@]}"
				return 0
			fi
			mapfile -t news < <(sed -n 's/^Inst \([^ []*\) (.*/\1/p' <<<"$sim")
			args+=("${pins[@]}")
			for p in "${pins[@]}"; do olds[${p#*=}]=1; done
			continue
		fi
		added=0
		for p in "${news[@]}"; do
			[[ " ${args[*]} " != *" $p="* ]] || continue
			for v in "${!olds[@]}"; do
				apt-cache madison "$p" 2>/dev/null |
					awk -F' *[|] *' -v v="$v" '$2 == v { f = 1 } END { exit !f }' || continue
				# p=v in place of p
				mapfile -t args < <(printf '%s\n' "${args[@]}" | grep -vxF -- "$p")
				args+=("$p=$v")
				added=1
				break
			done
		done
		((added)) || break
	done
	echo "cx_require_pg: apt-get cannot install $* without upgrading installed packages." >&2
	printf '%s\n' "$sim" | grep -E '^( |E:)' >&2
	echo "To install them with whatever upgrades they need, run as root: apt-get install -y $*" >&2
	return 1
}

cx_require_pg() {
	local pgc=${PG_CONFIG:-pg_config} major=${CX_PG_MAJOR:-15} version
	local -a missing plan
	# Follow the major version of whatever pg_config exists
	# ("PostgreSQL 15.20 (Debian 15.20-0+deb12u1)" -> 15).
	if version=$("$pgc" --version 2>/dev/null); then
		[[ $version =~ ^PostgreSQL\ ([0-9]+) ]] && major=${BASH_REMATCH[1]}
	fi
	mapfile -t missing < <(cx__missing_packages "$pgc" "$major")
	if ((${#missing[@]} > 0)); then
		if ! command -v apt-get >/dev/null; then
			echo "cx_require_pg: missing ${missing[*]} and no apt-get to install them" >&2
			return 1
		fi
		if [[ $EUID -ne 0 ]]; then
			# apt-get -s works without root: the command printed is the
			# one that upgrades nothing, with its version pins.
			mapfile -t plan < <(cx__apt_plan "${missing[@]}") && ((${#plan[@]} > 0)) ||
				plan=("${missing[@]}")
			echo "cx_metrics needs ${missing[*]}; install them as root with:" >&2
			echo "  apt-get install -y --no-upgrade ${plan[*]}" >&2
			exit 1
		fi
		echo "cx_require_pg: installing ${missing[*]}" >&2
		if [[ ${CX__APT_UPDATED:-0} != 1 ]]; then
			apt-get -q update </dev/null || return 1
			CX__APT_UPDATED=1
		fi
		mapfile -t plan < <(cx__apt_plan "${missing[@]}")
		((${#plan[@]} > 0)) || return 1
		DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-upgrade "${plan[@]}" </dev/null ||
			return 1
		mapfile -t missing < <(cx__missing_packages "$pgc" "$major")
		if ((${#missing[@]} > 0)); then
			echo "cx_require_pg: still missing after apt-get install: ${missing[*]}" >&2
			return 1
		fi
	fi
	# The Makefile reads PG_CONFIG from the environment (PG_CONFIG ?= pg_config).
	PG_CONFIG=$pgc
	export PG_CONFIG
}

# ---------------------------------------------------------------------------
# Build

cx_build() {
	local out
	# from clean: objects left by a plain "make" were compiled without -Werror
	if ! out=$(make -C "$CX_ROOT" --no-print-directory clean 2>&1 &&
		make -C "$CX_ROOT" --no-print-directory CX_WERROR=1 2>&1); then
		printf '%s\n' "$out" >&2
		echo "cx_build: make CX_WERROR=1 failed" >&2
		return 1
	fi
}

# ---------------------------------------------------------------------------
# Throwaway cluster

# Run a command as the server's OS user, from a directory that user can read
# (the caller's cwd may be, say, /root/checkout).
cx__as_server() {
	(cd "$CX__CLUSTER_TMP" && "${CX__RUN_AS[@]}" "$@")
}

# Mirror directory SRC into DST: every entry of SRC that DST lacks becomes a
# symlink, directories present in both are merged the same way, and entries
# named after our extension are left out, so that only the files just built
# are visible (not an older copy installed system-wide).
cx__link_tree() {
	local src=$1 dst=$2 entry name
	local -a links=()
	mkdir -p "$dst" || return 1
	for entry in "$src"/*; do
		[[ -e $entry || -L $entry ]] || continue # empty directory
		name=${entry##*/}
		case $name in
		"$CX_EXTENSION" | "$CX_EXTENSION".* | "$CX_EXTENSION"--*) continue ;;
		esac
		if [[ -d $entry && -d $dst/$name && ! -L $dst/$name ]]; then
			cx__link_tree "$entry" "$dst/$name" || return 1
		elif [[ ! -e $dst/$name && ! -L $dst/$name ]]; then
			links+=("$entry")
		fi
	done
	if ((${#links[@]} > 0)); then
		ln -s "${links[@]}" "$dst/" || return 1
	fi
}

cx_cluster_start() {
	if [[ -n ${CX__CLUSTER_TMP:-} ]]; then
		echo "cx_cluster_start: a cluster is already running in $CX__CLUSTER_TMP" >&2
		return 1
	fi
	local old_umask rc=0
	old_umask=$(umask)
	# Everything under CX_TMP must be readable by the server's OS user.
	umask 022
	cx__cluster_start || rc=$?
	umask "$old_umask"
	return "$rc"
}

# The body of cx_cluster_start.  It runs inside `||`, where set -e is off:
# every step checks its own status.
cx__cluster_start() {
	local pgc=${PG_CONFIG:-pg_config} bindir sharedir pkglibdir port user got out

	CX_TMP=$(mktemp -d /tmp/cx_metrics.XXXXXX) || return 1
	CX__CLUSTER_TMP=$CX_TMP
	CX__CLUSTER_BINDIR=
	CX__RUN_AS=()
	# Registered first thing, so a failure half-way is cleaned up too.
	cx_on_exit cx__cluster_stop
	# The server reports paths with symlinks resolved: compare like with like.
	CX_TMP=$(cd "$CX_TMP" && pwd -P) && chmod 755 "$CX_TMP" || return 1
	CX__CLUSTER_TMP=$CX_TMP
	export CX_TMP

	bindir=$("$pgc" --bindir) && sharedir=$("$pgc" --sharedir) &&
		pkglibdir=$("$pgc" --pkglibdir) || return 1

	# 1. Our extension, and nothing else, into $CX_TMP/install/usr/...
	if ! out=$(make -C "$CX_ROOT" --no-print-directory install DESTDIR="$CX_TMP/install" 2>&1); then
		printf '%s\n' "$out" >&2
		echo "cx_cluster_start: make install DESTDIR=$CX_TMP/install failed" >&2
		return 1
	fi

	# 2. Make the server installation relocatable to that tree.  PostgreSQL
	# finds its share and pkglib directories relative to the real path of
	# the running executable (src/port/path.c, make_relative_path), so the
	# binaries are copied, not symlinked; the rest of the share and pkglib
	# directories is symlinked entry by entry.
	CX_BINDIR=$CX_TMP/install$bindir
	CX__CLUSTER_BINDIR=$CX_BINDIR
	export CX_BINDIR
	mkdir -p "$CX_BINDIR" && cp -RP "$bindir/." "$CX_BINDIR/" || return 1
	cx__link_tree "$sharedir" "$CX_TMP/install$sharedir" || return 1
	cx__link_tree "$pkglibdir" "$CX_TMP/install$pkglibdir" || return 1

	# 3. initdb and start as an unprivileged user: postgres refuses root.
	mkdir "$CX_TMP/data" "$CX_TMP/sock" && touch "$CX_TMP/server.log" || return 1
	if [[ $EUID -eq 0 ]]; then
		user=nobody
		id -u postgres >/dev/null 2>&1 && user=postgres
		chown "$user:" "$CX_TMP/data" "$CX_TMP/sock" "$CX_TMP/server.log" || return 1
		CX__RUN_AS=(runuser -u "$user" --)
	fi
	if ! out=$(cx__as_server "$CX_BINDIR/initdb" -D "$CX_TMP/data" -A trust -U postgres \
		--no-sync -E UTF8 --locale=C 2>&1); then
		printf '%s\n' "$out" >&2
		echo "cx_cluster_start: initdb failed" >&2
		return 1
	fi
	# Any port will do: the socket directory is private.
	port=$((5433 + RANDOM % 20000))
	{
		echo "# added by test/pg.sh"
		echo "listen_addresses = ''"
		echo "unix_socket_directories = '$CX_TMP/sock'"
		echo "port = $port"
		echo "fsync = off"
		echo "synchronous_commit = off"
		echo "full_page_writes = off"
		# The caller's settings come last, so they win.
		[[ -z ${CX_PG_SETTINGS:-} ]] || printf '%s\n' "$CX_PG_SETTINGS"
	} >>"$CX_TMP/data/postgresql.conf" || return 1
	# Exported before the start, so the server inherits them too: loopback
	# connections (postgres_fdw, dblink) then reach this cluster as postgres,
	# whatever OS user the server runs as.
	export PGHOST=$CX_TMP/sock PGPORT=$port PGUSER=postgres PGDATABASE=postgres
	# These would override the settings above.
	unset PGHOSTADDR PGSERVICE
	if ! out=$(cx__as_server "$CX_BINDIR/pg_ctl" -D "$CX_TMP/data" -l "$CX_TMP/server.log" \
		-w -t 60 start 2>&1); then
		printf '%s\n' "$out" >&2
		tail -n 30 "$CX_TMP/server.log" >&2
		echo "cx_cluster_start: the server did not start" >&2
		return 1
	fi

	# 4. Check that the server reads the temporary tree, not the system one.
	got=$(cx_psql -At -c "SELECT string_agg(setting, ' ' ORDER BY name)
		FROM pg_catalog.pg_config WHERE name IN ('PKGLIBDIR', 'SHAREDIR')") || return 1
	if [[ $got != "$CX_TMP/install$pkglibdir $CX_TMP/install$sharedir" ]]; then
		echo "cx_cluster_start: the server uses $got, not the temporary install under $CX_TMP/install" >&2
		return 1
	fi
}

# Stop the server (fast shutdown, then signals) and remove CX_TMP.
cx__cluster_stop() {
	local dir=${CX__CLUSTER_TMP:-} pid i
	[[ -n $dir && -d $dir ]] || return 0
	if [[ -f $dir/data/postmaster.pid ]]; then
		pid=$(head -n 1 "$dir/data/postmaster.pid")
		if ! cx__as_server "$CX__CLUSTER_BINDIR/pg_ctl" \
			-D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
			# Immediate shutdown, then the hard way.
			kill -QUIT "$pid" 2>/dev/null
			for ((i = 0; i < 50; i++)); do
				kill -0 "$pid" 2>/dev/null || break
				sleep 0.1
			done
			kill -KILL "$pid" 2>/dev/null
		fi
	fi
	if [[ ${CX_KEEP:-0} == 1 ]]; then
		echo "CX_KEEP=1: kept $dir (server stopped; data in $dir/data, log in $dir/server.log)" >&2
	else
		rm -rf "$dir"
	fi
	CX__CLUSTER_TMP=
}

cx_psql() {
	"${CX_BINDIR:?cx_psql: call cx_cluster_start first}/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}
