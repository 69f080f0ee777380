#!/usr/bin/env bash
# meta.sh: META.json (PGXN) is valid JSON, follows meta-spec 1.0.0 in the
# fields PGXN requires, and agrees with the control file and CHANGELOG.md.
# The JSON is parsed by the server (jsonb), so nothing else is needed.
#
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
# Prints TAP: one line per check.
set -euo pipefail

n=0
check() { # check DESCRIPTION WANT GOT
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "# want: $2"
		echo "# got:  $3"
	fi
}
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
echo "1..$n"
