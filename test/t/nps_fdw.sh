#!/usr/bin/env bash
# nps_fdw.sh: summaries across postgres_fdw shards (test/t/nps_fdw.sql,
# expected output test/t/nps_fdw.out).  A shell suite, not a regression
# test: it creates databases of fixed names (cx_shard1, cx_shard2) and
# foreign servers, which needs a superuser, so `make installcheck` against
# an ordinary server leaves it out.
#
# Needs a running server in PGHOST/PGPORT/PGUSER, as a superuser (test/run
# provides one).  Runs the SQL as pg_regress would (psql -a -q, errors
# shown, not fatal) in a database of its own and diffs the output.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
db=cx_fdw_coordinator
cleanup() {
	psql -X -q -d postgres >/dev/null 2>&1 <<SQL || true
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
DROP DATABASE IF EXISTS cx_shard1;
DROP DATABASE IF EXISTS cx_shard2;
SQL
}
trap cleanup EXIT
cleanup
psql -X -q -d postgres -c "CREATE DATABASE $db"
psql -X -q -d "$db" -c "CREATE EXTENSION cx_metrics"
got=$(PGDATABASE=$db psql -X -a -q <"$here/nps_fdw.sql" 2>&1)
if ! diff -u "$here/nps_fdw.out" - <<<"$got"; then
	echo "nps_fdw.sh: output differs from test/t/nps_fdw.out (above)"
	exit 1
fi
