#!/usr/bin/env bash
# trusted.sh: cx_metrics is a trusted extension, so a database owner who is
# not a superuser can create it; the install script must then be safe
# against objects that owner planted beforehand (PostgreSQL's "Security
# Considerations for Extensions"; CVE-2022-2625).
#
# A non-superuser owns a database, plants decoys in the schema the extension
# goes to (functions and operators named like the ones the script uses, each
# logging any call), creates the extension, uses it, and checks that no decoy
# ran.  A planted object with the name of one of ours makes CREATE EXTENSION
# fail rather than adopt it.  Also: the extension can be relocated.
#
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
set -euo pipefail

fail() { echo "FAIL: $*"; exit 1; }
su_psql() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
owner_psql() { psql -X -q -v ON_ERROR_STOP=1 -U cx_owner "$@"; }

cleanup() {
	su_psql >/dev/null 2>&1 <<'SQL' || true
SET client_min_messages = warning;
DROP DATABASE IF EXISTS cx_trusted;
DROP DATABASE IF EXISTS cx_trusted2;
DROP ROLE IF EXISTS cx_owner;
SQL
}
trap cleanup EXIT
cleanup

su_psql <<'SQL'
CREATE ROLE cx_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE cx_trusted OWNER cx_owner;
CREATE DATABASE cx_trusted2 OWNER cx_owner;
SQL

# 1. decoys, then CREATE EXTENSION as the non-superuser owner
owner_psql -d cx_trusted >/dev/null <<'SQL'
CREATE TABLE decoy_calls (what text);
CREATE FUNCTION public.log_call(what text) RETURNS void LANGUAGE sql
	AS $$ INSERT INTO public.decoy_calls VALUES (what) $$;
-- names the install script uses, with looser argument types
CREATE FUNCTION public.nps_agg_trans(anyelement, integer) RETURNS anyelement LANGUAGE plpgsql
	AS $$ BEGIN PERFORM public.log_call('nps_agg_trans'); RETURN $1; END $$;
CREATE FUNCTION public.nps(anyelement) RETURNS float8 LANGUAGE plpgsql
	AS $$ BEGIN PERFORM public.log_call('nps'); RETURN 42; END $$;
CREATE FUNCTION public.responses(anyelement) RETURNS bigint LANGUAGE plpgsql
	AS $$ BEGIN PERFORM public.log_call('responses'); RETURN 42; END $$;
CREATE FUNCTION public.int4(text) RETURNS integer LANGUAGE plpgsql
	AS $$ BEGIN PERFORM public.log_call('int4'); RETURN 42; END $$;
CREATE FUNCTION public.decoy_eq(anyelement, anyelement) RETURNS boolean LANGUAGE plpgsql
	AS $$ BEGIN PERFORM public.log_call('='); RETURN true; END $$;
CREATE OPERATOR public.= (LEFTARG = anyelement, RIGHTARG = anyelement, FUNCTION = public.decoy_eq);

CREATE EXTENSION cx_metrics;

-- use it the way the README does
CREATE TABLE survey (score smallint);
INSERT INTO survey VALUES (10), (9), (7), (3), (NULL);
SELECT nps(score) AS nps, responses(nps_agg(score)) AS n,
	   nps_agg(score) = nps_agg(score) AS eq,
	   nps(rollup(s)) AS rolled
FROM survey, (SELECT nps_agg(score) AS s FROM survey) t
GROUP BY s;
SQL


calls=$(owner_psql -d cx_trusted -At -c "SELECT count(*) FROM decoy_calls")
[ "$calls" = 0 ] || fail "decoys were called: $(owner_psql -d cx_trusted -At -c 'SELECT string_agg(what, \",\") FROM decoy_calls')"

# the result must be the real one: (2 promoters - 1 detractor) / 4 = 25
got=$(owner_psql -d cx_trusted -At -c "SELECT nps(score) FROM survey")
[ "$got" = 25 ] || fail "nps(score) under decoys gave $got, expected 25"

# objects of a trusted extension belong to the bootstrap superuser, not to the owner
owner=$(su_psql -d cx_trusted -At -c "SELECT pg_get_userbyid(typowner) FROM pg_type WHERE typname = 'nps_summary'")
[ "$owner" != cx_owner ] || fail "nps_summary is owned by the non-superuser who created the extension"

# 2. a planted object with one of our names: CREATE EXTENSION must fail, not adopt it
if out=$(owner_psql -d cx_trusted2 2>&1 <<'SQL'
CREATE TABLE public.nps_summary (planted int);  -- its row type is named nps_summary
CREATE EXTENSION cx_metrics;
SQL
); then
	fail "CREATE EXTENSION succeeded over a planted type named nps_summary"
fi
echo "$out" | grep -q 'type "nps_summary" already exists' || fail "unexpected error: $out"

# 3. relocatable: install into a schema of one's choice, then move it
owner_psql -d cx_trusted2 <<'SQL'
DROP TABLE public.nps_summary;
CREATE SCHEMA cx;
CREATE EXTENSION cx_metrics SCHEMA cx;
CREATE SCHEMA metrics;
SQL
# its objects belong to the bootstrap superuser, so moving it takes one
su_psql -d cx_trusted2 -c "ALTER EXTENSION cx_metrics SET SCHEMA metrics" 
got=$(owner_psql -d cx_trusted2 -At -c "SELECT abs(metrics.nps(x) - 100.0 / 3) < 1e-12 FROM (VALUES (10), (10), (0)) v(x)")
[ "$got" = t ] || fail "after SET SCHEMA, nps is not 100/3"

echo "ok: trusted install by a non-superuser, decoys never called, planted name refused, relocatable"
