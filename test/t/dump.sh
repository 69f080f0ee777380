#!/usr/bin/env bash
# dump.sh: summaries survive pg_dump and restore exactly, in the plain and
# the custom format, and so do materialized views built with the aggregates.
#
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
set -euo pipefail

fail() { echo "FAIL: $*"; exit 1; }
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
tmp=$(mktemp -d)
cleanup() {
	q -d postgres >/dev/null 2>&1 <<'SQL' || true
SET client_min_messages = warning;
DROP DATABASE IF EXISTS cx_dump_src;
DROP DATABASE IF EXISTS cx_dump_plain;
DROP DATABASE IF EXISTS cx_dump_custom;
SQL
	rm -rf "$tmp"
}
trap cleanup EXIT
cleanup
mkdir -p "$tmp"

q -d postgres -c "CREATE DATABASE cx_dump_src" -c "CREATE DATABASE cx_dump_plain" -c "CREATE DATABASE cx_dump_custom"
q -d cx_dump_src >/dev/null <<'SQL'
CREATE EXTENSION cx_metrics;
CREATE TABLE survey (id int, day date, score int);
INSERT INTO survey SELECT i, DATE '2026-01-01' + i % 40, CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7) % 11 END
FROM generate_series(1, 5000) i;
CREATE TABLE stored (id int, s nps_summary);
INSERT INTO stored VALUES (1, 'v1:0..10:0,0,0,0,0,0,0,0,0,0,0'), (2, NULL),
	(3, 'v1:0..10:9223372036854775807,0,0,0,0,0,0,0,0,0,0'),
	(4, 'v1:0..10:1,2,3,4,5,6,7,8,9,10,11');
CREATE MATERIALIZED VIEW daily AS SELECT day, nps_agg(score) AS s FROM survey GROUP BY day;
SQL

pg_dump -d cx_dump_src -f "$tmp/plain.sql"
pg_dump -d cx_dump_src -Fc -f "$tmp/custom.dump"
q -d cx_dump_plain -f "$tmp/plain.sql" >/dev/null
pg_restore -d cx_dump_custom "$tmp/custom.dump"

for db in cx_dump_plain cx_dump_custom; do
	for query in "SELECT id, s FROM stored ORDER BY id" \
		"SELECT day, s FROM daily ORDER BY day" \
		"SELECT day, nps(s), nps_lower(s) FROM daily ORDER BY day"; do
		want=$(q -d cx_dump_src -At -c "$query")
		got=$(q -d "$db" -At -c "$query")
		[ "$want" = "$got" ] || fail "$db differs from the source for: $query"
	done
	# the restored view still aggregates the restored rows correctly
	q -d "$db" -c "REFRESH MATERIALIZED VIEW daily"
	[ "$(q -d cx_dump_src -At -c 'SELECT md5(string_agg(s::text, $$;$$ ORDER BY day)) FROM daily')" = \
	  "$(q -d "$db" -At -c 'SELECT md5(string_agg(s::text, $$;$$ ORDER BY day)) FROM daily')" ] ||
		fail "$db: refreshed view differs"
done
echo "ok: plain and custom dumps restore every summary exactly"
