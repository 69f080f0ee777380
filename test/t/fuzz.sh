#!/usr/bin/env bash
# fuzz.sh: mutation fuzzing of the text and binary input functions of every
# summary type (nps_summary, csat_summary, ces_summary, churn_summary,
# churn_tstz_summary, duration_summary, mrr_timeline, revenue_summary,
# revenue_tstz_summary, nps_weighted_summary, csat_weighted_summary,
# ces_weighted_summary), and of what builds the survey summaries from
# other types: the casts from jsonb (s::jsonb::nps_summary) and the
# constructors from counts (nps_summary(counts bigint[]), ...).
#
# Input functions read data from anywhere (dumps, COPY, drivers, other
# nodes), so they must reject what is wrong with a documented SQLSTATE,
# never crash, never raise an internal error, and never accept a value that
# does not read back as itself or breaks the type's invariants; in
# particular no number may wrap around.  test/fuzz/fuzz.c (a libpq program,
# compiled here into CX_TMP) checks all of that on CX_FUZZ_N mutants of the
# seeds in text and as many in binary, per type; test/fuzz/seeds.sql makes
# the seeds with the extension's aggregates.  See fuzz.c for the mutations
# and the oracle.
#
# Prints TAP (four lines per type, two per jsonb form, three per counts
# form, and one for the server) and exits nonzero
# on any failure, showing the first offending inputs.  Needs a running
# server in PGHOST/PGPORT/PGUSER (test/run provides one).
#
# Environment:
#   CX_FUZZ_SEED  the PRNG seed (default 1; "random" for a new one, printed)
#   CX_FUZZ_N     inputs per type and form (default 10000)
#   PG_CONFIG     pg_config whose libpq to build with (default: on PATH)
#
# A failure is reproduced with the seed and count it printed:
#   CX_FUZZ_SEED=1 CX_FUZZ_N=10000 test/run shell fuzz
set -euo pipefail

db=cx_fuzz
seed=${CX_FUZZ_SEED:-1}
n=${CX_FUZZ_N:-10000}
# test/run puts a relocated copy of the server's bin directory first on
# PATH; its pg_config would name include and lib directories under CX_TMP,
# where libpq's are not.  Look pg_config up without it.
pgc=$(PATH=${PATH#"${CX_BINDIR:-}:"} command -v "${PG_CONFIG:-pg_config}") || {
	echo "fuzz.sh: no ${PG_CONFIG:-pg_config}" >&2
	exit 2
}
root=${CX_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)}

if [[ $seed == random ]]; then
	seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
fi
if ! [[ $seed =~ ^[0-9]+$ && $n =~ ^[0-9]+$ ]]; then
	echo "fuzz.sh: CX_FUZZ_SEED and CX_FUZZ_N must be whole numbers (or CX_FUZZ_SEED=random)" >&2
	exit 2
fi

q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

work=${CX_TMP:-}
if [[ -z $work ]]; then
	work=$(mktemp -d /tmp/cx_fuzz.XXXXXX)
fi
cleanup() {
	q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	[[ -n ${CX_TMP:-} ]] || rm -rf "$work"
}
trap cleanup EXIT

cc -std=c11 -O2 -Wall -Wextra -Werror -I"$root/test/include" -I"$("$pgc" --includedir)" \
	-o "$work/fuzz" "$root/test/fuzz/fuzz.c" \
	-L"$("$pgc" --libdir)" -Wl,-rpath,"$("$pgc" --libdir)" -lpq

# SQL_ASCII: the server then checks no encoding, so every byte a mutation
# makes reaches the input function.
q -d postgres >/dev/null <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
CREATE DATABASE $db ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
SQL
q -d "$db" -c 'CREATE EXTENSION cx_metrics' -f "$root/test/fuzz/seeds.sql" >/dev/null

PGDATABASE=$db "$work/fuzz" "$seed" "$n"
