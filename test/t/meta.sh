#!/usr/bin/env bash
# meta.sh: META.json (PGXN) is valid JSON, follows meta-spec 1.0.0 in the
# fields PGXN requires, and agrees with the control file and CHANGELOG.md.
# The JSON is parsed by the server (jsonb), so nothing else is needed.
# Also: every C function an SQL script names (AS 'MODULE_PATHNAME',
# 'SYMBOL', in every sql/*.sql file, released scripts included) has a
# literal PG_FUNCTION_INFO_V1(SYMBOL); line in src/, and every such line is
# used by the current install script's parts (Makefile SQL_PARTS).  And
# .gitignore ignores the built install script of the current version.
#
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
# Prints TAP: one line per check.
set -euo pipefail

# shellcheck source=test/tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tap.sh"
control=$(sed -n "s/^default_version = '\(.*\)'$/\1/p" cx_metrics.control)
q() { # q SQL: evaluates SQL (from stdin: -c would not interpolate) with :'meta' bound to the file's text
	psql -X -q -At -v ON_ERROR_STOP=1 -d postgres -v meta="$(cat META.json)" <<<"$1" 2>&1
}

check "META.json parses as JSON" t "$(q "SELECT (:'meta')::jsonb IS NOT NULL")"
missing=$(q "SELECT coalesce(string_agg(k, ', ' ORDER BY k), '') FROM unnest(ARRAY['name', 'abstract', 'version',
	'maintainer', 'license', 'provides', 'meta-spec']) k WHERE NOT (:'meta')::jsonb ? k")
check "META.json has every field meta-spec 1.0.0 requires" "" "$missing"
check "meta-spec version is 1.0.0" 1.0.0 "$(q "SELECT (:'meta')::jsonb #>> '{meta-spec,version}'")"
check "the distribution's version is the control file's ($control)" "$control" \
	"$(q "SELECT (:'meta')::jsonb ->> 'version'")"
check "it provides the extension cx_metrics at that version" "$control" \
	"$(q "SELECT (:'meta')::jsonb #>> '{provides,cx_metrics,version}'")"
file=$(q "SELECT (:'meta')::jsonb #>> '{provides,cx_metrics,file}'")
check "the provided file exists ($file)" yes "$([ -f "$file" ] && echo yes || echo no)"
check "the licence is the PostgreSQL License, as LICENSE says" "postgresql PostgreSQL License" \
	"$(q "SELECT (:'meta')::jsonb ->> 'license'") $(head -n 1 LICENSE)"
check "CHANGELOG.md has a section for $control" 1 "$(grep -c "^## $control\b" CHANGELOG.md || true)"

# The C symbols that SQL files name, one per line.
sql_symbols() { # sql_symbols FILE...
	sed -n "s/.*'MODULE_PATHNAME', *'\([A-Za-z0-9_]*\)'.*/\1/p" "$@" | sort -u
}
# The symbols of the literal PG_FUNCTION_INFO_V1(SYMBOL); lines under a
# directory (a macro's PG_FUNCTION_INFO_V1(NAME##_in) names no symbol).
c_symbols() { # c_symbols DIR
	{ grep -rhoE '^PG_FUNCTION_INFO_V1\([A-Za-z0-9_]+\);' "$1" || true; } |
		sed 's/^PG_FUNCTION_INFO_V1(\(.*\));$/\1/' | sort -u
}
# Symbols in the first list and not in the second, comma-separated.
minus() { # minus LIST1 LIST2
	comm -23 <(printf '%s\n' "$1" | sed '/^$/d') <(printf '%s\n' "$2" | sed '/^$/d') | paste -sd, - | sed 's/,/, /g'
}
parts=$(make -s --no-print-directory --eval='cx-meta-sql-parts: ; @echo $(SQL_PARTS)' cx-meta-sql-parts)
named=$(sql_symbols sql/*.sql)
current=$(sql_symbols $parts)
defined=$(c_symbols src)
check "every C symbol in sql/*.sql ($(wc -l <<<"$named") symbols) has a literal PG_FUNCTION_INFO_V1 in src/" \
	"" "$(minus "$named" "$defined")"
check "every PG_FUNCTION_INFO_V1 in src/ ($(wc -l <<<"$defined")) is used by the install script parts ($parts)" \
	"" "$(minus "$defined" "$current")"

# The two checks above can fail: on a copy of src/ with one entry point's
# line removed and one unused entry point added, they name exactly those.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
cp -R src "$probe/src"
victim=$(head -n 1 <<<"$named")
grep -rlF "PG_FUNCTION_INFO_V1($victim);" "$probe/src" | xargs sed -i "/^PG_FUNCTION_INFO_V1($victim);\$/d"
echo 'PG_FUNCTION_INFO_V1(cx_meta_probe_unused);' >>"$probe/src/cx_varlena.c"
probed=$(c_symbols "$probe/src")
check "the check finds a missing PG_FUNCTION_INFO_V1 ($victim removed from a copy of src/)" \
	"$victim" "$(minus "$named" "$probed")"
check "the check finds an unused PG_FUNCTION_INFO_V1 (one added to a copy of src/)" \
	"cx_meta_probe_unused" "$(minus "$probed" "$current")"
# The install script of the current version is built, not committed: git
# ignores exactly it (released ones are committed and must not be ignored).
check ".gitignore ignores the built install script of $control" "/sql/cx_metrics--$control.sql" \
	"$(grep -x '/sql/cx_metrics--[0-9.]*\.sql' .gitignore || true)"

echo "1..$n"
