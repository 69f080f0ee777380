#!/usr/bin/env bash
#
# bench/duration.sh: how fast and how accurate duration_agg() is, against
# count(col), tdigest, the exact sorts (percentile_cont, percentile_disc) and
# the journey's daily arrays, as ratios measured in one run; and how big a
# duration_summary is.  A benchmark, not a test: it prints PASS/MISS against
# the targets and exits 0 unless it cannot run (or --strict is given and a
# target is missed).
#
# Usage, from the repository root:
#   bench/duration.sh [--rows N] [--reps K] [--sort-reps J] [--no-tdigest]
#                     [--existing [--keep] [--reuse]] [--strict]
#
#   --rows N       log-normal durations in cx_bench.durations (default 10000000)
#   --reps K       timed runs per query, after one warm-up run; medians are
#                  reported (default 5)
#   --sort-reps J  timed runs of the queries that sort every row
#                  (percentile_cont, percentile_disc, the arrays; default 3)
#   --no-tdigest   skip the tdigest rows even where tdigest can be had
#   --existing     use the server that PGHOST, PGPORT, PGUSER and PGDATABASE
#                  point to, where cx_metrics must be installed, instead of a
#                  throwaway cluster; tdigest is used if that server has it
#   --keep         keep the data (cx_bench.durations and its daily tables)
#                  afterwards; with --existing
#   --reuse        reuse the data that --keep left, if it has the same shape
#   --strict       exit 1 if a target is missed
#
# Without --existing it sources test/pg.sh, builds the extension and starts a
# throwaway cluster with the settings bench/run uses (shared_buffers = 2GB,
# work_mem = 512MB, jit = off).  tdigest comes from Debian's package
# postgresql-N-tdigest (N the server's major version): when it is not
# installed, the script installs it with apt-get when run as root and the
# package is available without upgrading anything; otherwise it skips the
# tdigest rows and says why.
#
# What it measures (bench/duration_setup.sql makes the data, bench/duration.sql
# has the queries, bench/lib.sql times them):
#   1. count(secs), count(d), duration_agg(d) over the interval column,
#      duration_agg(secs) over float8 seconds, percentile(duration_agg(secs), q)
#      for q = 0.5, 0.9, 0.99, tdigest(secs, 100) and
#      tdigest_percentile(secs, 100, q), serial;
#   2. percentile_cont(0.5) and percentile_disc(0.5) WITHIN GROUP (ORDER BY
#      secs), and the arrays way (array_agg per day, unnest, percentile_disc),
#      serial;
#   3. each approach's relative error at p50, p90 and p99 against the exact
#      percentile_disc, and its size (pg_column_size);
#   4. the roll-up of 365 daily summaries against one pass over the rows;
#   5. the size of a summary at alpha 1% for 500 and for 10^6 log-normal
#      cases spanning 1 s to 30 days.
# Targets: duration_agg at most 1.3 x count(col); at least 3 x faster than
# tdigest; at most 1% relative error on every quantile; fewer bytes than
# tdigest; at most 1 kB (1024 bytes) for 500 cases and 4 kB (4096 bytes) for
# 10^6.  A full run takes about 6 minutes on a 2-core machine, 1 of them
# loading.
#
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"

rows=10000000
reps=5
sort_reps=3
tdigest=true
existing=false
keep=false
reuse=false
strict=false

usage() {
	sed -n '/^# Usage/,/^# Without --existing/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

posint() {
	[[ $2 =~ ^[1-9][0-9]*$ ]] || { echo "bench/duration.sh: $1 needs a positive integer, got '$2'" >&2; exit 2; }
}

while (($#)); do
	case $1 in
		--rows) posint "$1" "${2-}"; rows=$2; shift 2 ;;
		--reps) posint "$1" "${2-}"; reps=$2; shift 2 ;;
		--sort-reps) posint "$1" "${2-}"; sort_reps=$2; shift 2 ;;
		--no-tdigest) tdigest=false; shift ;;
		--existing) existing=true; shift ;;
		--keep) keep=true; shift ;;
		--reuse) reuse=true; shift ;;
		--strict) strict=true; shift ;;
		-h|--help) usage ;;
		*) echo "bench/duration.sh: unknown option '$1'" >&2; usage ;;
	esac
done
((rows > 2147483647)) && { echo "bench/duration.sh: --rows must fit in an integer" >&2; exit 2; }
((rows < 365)) && { echo "bench/duration.sh: --rows must be at least 365 (a row a day)" >&2; exit 2; }

# Installs Debian's tdigest package for the server of pg_config when it is
# missing, before the throwaway cluster starts (the cluster sees the system's
# extensions as they are when it starts).  Sets tdigest_why when tdigest
# cannot be had.  Never upgrades an installed package.
tdigest_why=
tdigest_install() {
	local pgc=${PG_CONFIG:-pg_config} major=${CX_PG_MAJOR:-15} version sharedir pkg sim
	if version=$("$pgc" --version 2>/dev/null); then
		[[ $version =~ ^PostgreSQL\ ([0-9]+) ]] && major=${BASH_REMATCH[1]}
		sharedir=$("$pgc" --sharedir)
		[[ -f $sharedir/extension/tdigest.control ]] && return 0
	fi
	pkg=postgresql-$major-tdigest
	if ! command -v apt-get >/dev/null; then
		tdigest_why="tdigest is not installed and there is no apt-get to install $pkg"
		return 0
	fi
	if [[ $EUID -ne 0 ]]; then
		tdigest_why="tdigest is not installed; as root, run: apt-get install -y --no-upgrade $pkg"
		return 0
	fi
	if ! apt-cache show "$pkg" >/dev/null 2>&1; then
		note "updating the package lists to look for $pkg"
		apt-get -q update </dev/null >/dev/null 2>&1 || true
	fi
	if ! apt-cache show "$pkg" >/dev/null 2>&1; then
		tdigest_why="tdigest is not installed and apt has no package $pkg"
		return 0
	fi
	# "Inst libpq5 [15.18-0+deb12u1] (15.20-0+deb12u1 ...)" is an upgrade.
	if ! sim=$(apt-get -s -q install -y --no-upgrade "$pkg" 2>&1 </dev/null); then
		tdigest_why="apt-get cannot install $pkg: $(grep -m1 '^E:' <<<"$sim" || echo 'see apt-get -s install')"
		return 0
	fi
	if grep -q '^Inst [^ ]* \[' <<<"$sim"; then
		tdigest_why="installing $pkg would upgrade installed packages ($(sed -n 's/^Inst \([^ ]*\) \[.*/\1/p' <<<"$sim" | paste -sd ' '))"
		return 0
	fi
	note "installing $pkg (apt-get install --no-upgrade)"
	if ! DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-upgrade "$pkg" </dev/null >/dev/null; then
		tdigest_why="apt-get install $pkg failed"
	fi
}

note() { printf '[%s %s] %s\n' "bench/duration.sh" "$(date +%H:%M:%S)" "$*" >&2; }
if ! $tdigest; then
	tdigest_why="--no-tdigest was given"
elif ! $existing; then
	if [[ ! -f $ROOT/test/pg.sh ]]; then
		echo "bench/duration.sh: test/pg.sh is missing; run with --existing against a server that has cx_metrics" >&2
		exit 2
	fi
	# The server first (cx_require_pg installs what is missing of it, pinning
	# versions), then tdigest for that server's major version.
	# shellcheck source=/dev/null
	source "$ROOT/test/pg.sh"
	cx_require_pg
	tdigest_install
fi

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"
bench_server bench/duration.sh

# tdigest in the database, where the server has it.
have_tdigest=false
if [[ -z $tdigest_why ]]; then
	if [[ $(bench_psql -Atc "SELECT count(*) FROM pg_available_extensions WHERE name = 'tdigest'") == 1 ]]; then
		if bench_psql -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION IF NOT EXISTS tdigest' >/dev/null; then
			have_tdigest=true
		else
			tdigest_why="CREATE EXTENSION tdigest failed"
		fi
	else
		tdigest_why="the server has no tdigest extension (pg_available_extensions)"
	fi
fi
if $have_tdigest; then
	note "tdigest $(bench_psql -Atc "SELECT extversion FROM pg_extension WHERE extname = 'tdigest'")"
else
	note "skipping the tdigest rows: $tdigest_why"
fi

# On an existing server, drop the data unless asked to keep it (the rest of
# schema cx_bench, bench/run's, is left alone).
if $existing && ! $keep; then
	trap "bench_psql -c 'DROP TABLE IF EXISTS cx_bench.duration_meta, cx_bench.durations, cx_bench.duration_daily, cx_bench.duration_arrays, cx_bench.duration_tdigest_daily, cx_bench.duration_exact, cx_bench.duration_approach, cx_bench.duration_size, cx_bench.duration_targets' >/dev/null 2>&1 || true" EXIT
fi

vars=(-v rows="$rows" -v reps="$reps" -v sort_reps="$sort_reps" -v reuse="$reuse"
	  -v have_tdigest="$have_tdigest" -v tdigest_why="${tdigest_why:-none}")

start=$SECONDS
note "loading data: $rows durations (bench/duration_setup.sql)"
bench_psql "${vars[@]}" -f "$BENCH/duration_setup.sql"
note "data ready after $((SECONDS - start)) s; measuring (bench/duration.sql)"
bench_psql "${vars[@]}" -f "$BENCH/lib.sql" -f "$BENCH/duration.sql"
note "done in $((SECONDS - start)) s"

if $strict; then
	misses=$(bench_psql -Atc "SELECT count(*) FROM cx_bench.duration_targets WHERE result = 'MISS'")
	if ((misses > 0)); then
		note "$misses target(s) missed"
		exit 1
	fi
fi
exit 0
