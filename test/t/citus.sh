#!/usr/bin/env bash
# citus.sh: every cx_metrics aggregate, in every form, on a Citus cluster
# (a coordinator and 2 workers, test/citus.sh): partial on the workers, and
# exactly the result of the same query over a local copy of the data.
#
# The data (deterministic, no random()) is made once on the coordinator in
# plain local tables l_survey, l_subs, l_cust and l_parts, and copied into
# tables d_* of the same shape distributed by customer_id (l_parts, of
# stored summaries, by part):
#   survey  5,000 responses of 900 customers: NPS scores (int4, int2 and
#           numeric columns), CSAT on 1..5 and 1..7, CES on 1..7 and 1..5,
#           durations (interval and float8 seconds) with open flags; about
#           one in 13 scores NULL, touchpoints of 7 kinds and NULL;
#   subs    about 4,000 subscriptions of 1,500 customers (daterange and
#           tstzrange, monthly amounts), several per customer;
#   cust    one row per customer: segment (5 and NULL), one range, the
#           range_agg() of their subscriptions (date and tstz multiranges),
#           their mrr_agg() timelines (date and tstz), some NULL and empty;
#   parts   60 parts of the customers with every summary type stored.
# Every shard has rows (checked).
#
# Each query is a template over tables X_name; for each, three checks:
#   1. partial on the workers: EXPLAIN (VERBOSE, COSTS OFF) over the d_
#      tables has a task Query with worker_partial_agg( and the
#      coordinator's coord_combine_agg( (so no raw rows are pulled);
#   2. the result over d_ equals the result over l_ as text (every row's
#      text form, in order), and the local result is not empty;
#   3. where the result is a summary (column s, grouped by column g), every
#      group's d_ summary = its l_ summary with the type's = operator.
# The timestamptz grids run in America/Los_Angeles (monthly across DST
# changes), with SET LOCAL TimeZone propagated to the workers
# (citus.propagate_set_commands = 'local'); one check shows that without
# that propagation the workers' zone would be used; a few run again with
# the zone from ALTER ROLE ... SET TimeZone, which Citus propagates.  Bad
# input gives the same SQLSTATE distributed as locally.  Two self-tests
# show the checker failing where it should.  About 15 s (2 cores).
#
# Skipped (1..0 # SKIP) when citus.so is not installed.  Prints TAP.
set -euo pipefail

# shellcheck source=test/tap.sh
source test/tap.sh
# shellcheck source=test/citus.sh
source test/citus.sh
cx_citus_available || cx_citus_skip_all
cx_citus_start 2
cx_citus_psql 0 -c 'CREATE EXTENSION cx_metrics'

q() { cx_citus_psql 0 "$@"; }

# --- data --------------------------------------------------------------------

q >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE TABLE l_survey AS
SELECT g AS id, (g * 7919 % 900)::bigint AS customer_id,
	   CASE WHEN g % 17 = 0 THEN NULL ELSE 't' || (g * 31 % 7) END AS touchpoint,
	   CASE WHEN g % 13 = 0 THEN NULL ELSE (g * 37 + g / 11) % 11 END AS score,
	   CASE WHEN g % 13 = 0 THEN NULL ELSE ((g * 41 + g / 7) % 11)::smallint END AS score2,
	   CASE WHEN g % 13 = 0 THEN NULL ELSE ((g * 43 + g / 5) % 11)::numeric END AS scoren,
	   CASE WHEN g % 11 = 0 THEN NULL ELSE 1 + (g * 53 + g / 3) % 5 END AS csat,
	   CASE WHEN g % 11 = 0 THEN NULL ELSE 1 + (g * 59 + g / 3) % 7 END AS csat7,
	   CASE WHEN g % 9 = 0 THEN NULL ELSE 1 + (g * 61 + g / 13) % 7 END AS ces,
	   CASE WHEN g % 9 = 0 THEN NULL ELSE 1 + (g * 67 + g / 13) % 5 END AS ces5,
	   CASE WHEN g % 19 = 0 THEN NULL
			ELSE make_interval(secs => 30 + (g * 7907 % 200000) * (1 + g % 3)) END AS dur,
	   CASE WHEN g % 19 = 0 THEN NULL ELSE 0.5 + (g * 7907 % 200000) * 0.37 END AS dur_s,
	   g % 6 = 0 AS open
FROM generate_series(1, 5000) g;

-- 1 to 5 subscriptions a customer: consecutive, with gaps, some overlapping
CREATE TABLE l_subs AS
SELECT c::bigint AS customer_id, k,
	   daterange(s, s + len) AS during,
	   tstzrange(s::timestamptz + make_interval(hours => (c * k) % 24),
				 (s + len)::timestamptz + make_interval(hours => (c + k) % 24)) AS tdur,
	   (5 + (c * 13 + k * 7) % 95)::numeric + ((c + k) % 4) * 0.25 AS amount
FROM (SELECT c, k, date '2021-01-01' + (c * 7 % 700) + (k - 1) * (60 + (c + k) % 200) AS s,
			 20 + (c * k * 11) % 300 AS len
	  FROM generate_series(1, 1500) c, LATERAL generate_series(1, 1 + c % 5) k) x;

CREATE TABLE l_cust AS
SELECT c::bigint AS customer_id,
	   CASE WHEN c % 23 = 0 THEN NULL ELSE c % 5 END AS seg,
	   CASE WHEN c % 29 = 0 THEN NULL WHEN c % 31 = 0 THEN 'empty'::daterange
			ELSE (SELECT during FROM l_subs s WHERE s.customer_id = c AND k = 1) END AS rng,
	   CASE WHEN c % 29 = 0 THEN NULL WHEN c % 31 = 0 THEN 'empty'::tstzrange
			ELSE (SELECT tdur FROM l_subs s WHERE s.customer_id = c AND k = 1) END AS trng,
	   CASE WHEN c % 37 = 0 THEN NULL
			ELSE (SELECT range_agg(during) FROM l_subs s WHERE s.customer_id = c) END AS act,
	   CASE WHEN c % 37 = 0 THEN NULL
			ELSE (SELECT range_agg(tdur) FROM l_subs s WHERE s.customer_id = c) END AS tact,
	   CASE WHEN c % 41 = 0 THEN NULL
			ELSE (SELECT mrr_agg(during, amount) FROM l_subs s WHERE s.customer_id = c) END AS tl,
	   CASE WHEN c % 41 = 0 THEN NULL
			ELSE (SELECT mrr_agg(tdur, amount) FROM l_subs s WHERE s.customer_id = c) END AS ttl
FROM generate_series(1, 1500) c;

-- stored summaries of 60 parts of the customers (the tstz ones in Los Angeles)
SET TimeZone = 'America/Los_Angeles';
CREATE TABLE l_parts AS
SELECT p.part, n.ns, n.cs, n.es, n.ds, c.s, c.ts, c.rs, c.rts
FROM (SELECT customer_id % 60 AS part, nps_agg(score) ns, csat_agg(csat) cs, ces_agg(ces) es,
			 duration_agg(dur, open) ds
	  FROM l_survey GROUP BY 1) n
JOIN (SELECT customer_id % 60 AS part,
			 churn_agg(act, date '2021-01-01', '1 month', 36, 12) s,
			 churn_agg(tact, timestamptz '2021-01-01 00:00', '1 month', 36, 12) ts,
			 revenue_agg(tl, date '2021-01-01', '1 month', 36, 12) rs,
			 revenue_agg(ttl, timestamptz '2021-01-01 00:00', '1 month', 36, 12) rts
	  FROM l_cust GROUP BY 1) c USING (part)
RIGHT JOIN generate_series(0, 59) p(part) USING (part);
RESET TimeZone;

CREATE TABLE d_survey (LIKE l_survey);
CREATE TABLE d_subs (LIKE l_subs);
CREATE TABLE d_cust (LIKE l_cust);
CREATE TABLE d_parts (LIKE l_parts);
SELECT create_distributed_table('d_survey', 'customer_id');
SELECT create_distributed_table('d_subs', 'customer_id', colocate_with => 'd_survey');
SELECT create_distributed_table('d_cust', 'customer_id', colocate_with => 'd_survey');
SELECT create_distributed_table('d_parts', 'part');
INSERT INTO d_survey SELECT * FROM l_survey;
INSERT INTO d_subs SELECT * FROM l_subs;
INSERT INTO d_cust SELECT * FROM l_cust;
INSERT INTO d_parts SELECT * FROM l_parts;

-- bad input: one NPS score 11, CSAT 6, two churn grids in one group (the
-- origin from the row), a NULL origin
CREATE TABLE l_bad AS
SELECT g::bigint AS customer_id, g % 3 AS seg,
	   CASE WHEN g = 777 THEN 11 ELSE g % 11 END AS score,
	   CASE WHEN g = 777 THEN 6 ELSE 1 + g % 5 END AS csat,
	   daterange(date '2022-01-01' + g % 300, date '2022-03-01' + g % 300) AS during,
	   CASE WHEN g = 777 THEN date '2021-02-01' ELSE date '2021-01-01' END AS origin,
	   CASE WHEN g = 555 THEN NULL ELSE date '2021-01-01' END AS origin_null
FROM generate_series(1, 2000) g;
CREATE TABLE d_bad (LIKE l_bad);
SELECT create_distributed_table('d_bad', 'customer_id', colocate_with => 'd_survey');
INSERT INTO d_bad SELECT * FROM l_bad;

-- The checks, as rows "ok|description" or "not ok|description|detail".
CREATE FUNCTION cx_check(name text, tmpl text, eq boolean DEFAULT true) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
	dq text := replace(tmpl, 'X_', 'd_');
	lq text := replace(tmpl, 'X_', 'l_');
	plan text;
	dt text;
	lt text;
	nl bigint;
	nn bigint;
	bad bigint;
BEGIN
	BEGIN
		SELECT string_agg(l, E'\n') INTO plan
		FROM (SELECT regexp_replace(t, '^\s+', '') AS l FROM
			  (SELECT * FROM cx_explain(dq)) e(t)) x;
		IF plan ~ '(^|\n)Query: [^\n]*worker_partial_agg\(' AND plan ~ 'coord_combine_agg\(' THEN
			RETURN NEXT 'ok|' || name || ': partial on the workers';
		ELSE
			RETURN NEXT 'not ok|' || name || ': partial on the workers|' || replace(plan, E'\n', ' / ');
		END IF;
	EXCEPTION WHEN OTHERS THEN
		RETURN NEXT 'not ok|' || name || ': partial on the workers|' || SQLSTATE || ' ' || SQLERRM;
	END;
	BEGIN
		DROP TABLE IF EXISTS pg_temp.r_d, pg_temp.r_l;
		EXECUTE 'CREATE TEMP TABLE r_d AS ' || dq;
		EXECUTE 'CREATE TEMP TABLE r_l AS ' || lq;
		SELECT string_agg(r::text, E'\n' ORDER BY r::text), count(*) INTO dt FROM pg_temp.r_d r;
		SELECT string_agg(r::text, E'\n' ORDER BY r::text), count(*) INTO lt, nl FROM pg_temp.r_l r;
		IF eq THEN	-- not only NULL summaries
			EXECUTE 'SELECT count(s) FROM pg_temp.r_l' INTO nn;
			IF nn = 0 THEN
				nl := 0;
			END IF;
		END IF;
		IF dt IS NOT DISTINCT FROM lt AND nl > 0 THEN
			RETURN NEXT 'ok|' || name || ': same text as local (' || nl || ' rows)';
		ELSE
			RETURN NEXT 'not ok|' || name || ': same text as local|' || nl || ' local rows; d: '
				|| coalesce(left(dt, 400), 'NULL') || ' l: ' || coalesce(left(lt, 400), 'NULL');
		END IF;
		IF eq THEN
			SELECT count(*) INTO bad
			FROM pg_temp.r_d d FULL JOIN pg_temp.r_l l ON coalesce(d.g::text, '(null)') = coalesce(l.g::text, '(null)')
			WHERE d IS NULL OR l IS NULL OR (d.s = l.s) IS NOT TRUE;
			IF bad = 0 THEN
				RETURN NEXT 'ok|' || name || ': = local';
			ELSE
				RETURN NEXT 'not ok|' || name || ': = local|' || bad || ' groups differ';
			END IF;
		END IF;
	EXCEPTION WHEN OTHERS THEN
		RETURN NEXT 'not ok|' || name || ': same as local|' || SQLSTATE || ' ' || SQLERRM;
	END;
END
$$;

CREATE FUNCTION cx_explain(q text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q;
END
$$;

-- The SQLSTATE of q ('00000' when it succeeds).
CREATE FUNCTION cx_sqlstate(q text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN '00000';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END
$$;

CREATE FUNCTION cx_check_error(name text, tmpl text, want text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
	ds text := cx_sqlstate(replace(tmpl, 'X_', 'd_'));
	ls text := cx_sqlstate(replace(tmpl, 'X_', 'l_'));
BEGIN
	IF ls = want AND ds = ls THEN
		RETURN NEXT 'ok|' || name || ': SQLSTATE ' || want || ' distributed as locally';
	ELSE
		RETURN NEXT 'not ok|' || name || ': SQLSTATE ' || want || ' distributed as locally|local '
			|| ls || ', distributed ' || ds;
	END IF;
END
$$;
SQL

# Runs the SQL on stdin (cx_check rows) and prints them as TAP.
tap() {
	local status desc detail
	while IFS='|' read -r status desc detail; do
		[[ -n $status ]] || continue
		if [[ $status == ok ]]; then
			ok "$desc"
		else
			not_ok "$desc"
			echo "# $detail" | cut -c 1-2000
		fi
	done < <(q -At "$@")
}

# --- the data reaches every shard --------------------------------------------

for t in d_survey d_subs d_cust d_parts; do
	got=$(q -At -c "SELECT count(*) FILTER (WHERE result::int > 0) || '/' || count(*)
		FROM run_command_on_shards('$t', 'SELECT count(*) FROM %s')")
	check "$t: rows on every shard" "8/8" "$got"
done
got=$(q -At -c "SELECT count(DISTINCT nodeport) FROM pg_dist_shard_placement p
	JOIN pg_dist_shard s USING (shardid) WHERE logicalrelid = 'd_survey'::regclass")
check "d_survey: shards on both workers" 2 "$got"

# --- the checker finds a difference -----------------------------------------------

# A query whose d_ and l_ forms differ (the literal 'X_' becomes 'd_' or
# 'l_'): the checker must report both comparisons failed.
got=$(q -At -c "SET client_min_messages = warning" -c "SELECT string_agg(split_part(r, '|', 1), ',')
	FROM cx_check('self-test', \$q\$SELECT 1 AS g, nps_agg(score) AS s FROM X_survey
		WHERE id % 2 = 0 OR 'X_' = 'l_'\$q\$) r")
check "cx_check reports a distributed result that differs from the local one" "ok,not ok,not ok" "$got"
# Grouped by the distribution column, the aggregate runs whole on each
# shard (no partial states): the checker must say so.
got=$(q -At -c "SET client_min_messages = warning" -c "SELECT string_agg(split_part(r, '|', 1), ',')
	FROM cx_check('self-test', \$q\$SELECT customer_id AS g, nps_agg(score) AS s FROM X_survey
		GROUP BY customer_id\$q\$) r")
check "cx_check reports a query not aggregated partially on the workers" "not ok,ok,ok" "$got"

# --- survey aggregates --------------------------------------------------------

{
	echo "SET client_min_messages = warning;"
	# name|template|eq: the queries of one family, grouped and ungrouped
	while IFS='|' read -r name tmpl eq; do
		[[ -n $name ]] || continue
		printf "SELECT cx_check(%s, %s, %s);\n" "\$n\$$name\$n\$" "\$q\$$tmpl\$q\$" "${eq:-true}"
	done <<'EOF'
nps_agg(int4) by touchpoint|SELECT touchpoint AS g, nps_agg(score) AS s FROM X_survey GROUP BY touchpoint
nps_agg(int4)|SELECT 1 AS g, nps_agg(score) AS s FROM X_survey
nps_agg(int2) by touchpoint|SELECT touchpoint AS g, nps_agg(score2) AS s FROM X_survey GROUP BY touchpoint
nps_agg(numeric) by touchpoint|SELECT touchpoint AS g, nps_agg(scoren) AS s FROM X_survey GROUP BY touchpoint
nps(int4) by touchpoint|SELECT touchpoint AS g, nps(score) AS s FROM X_survey GROUP BY touchpoint
nps(int4)|SELECT 1 AS g, nps(score) AS s FROM X_survey
nps(int2) by touchpoint|SELECT touchpoint AS g, nps(score2) AS s FROM X_survey GROUP BY touchpoint
nps(numeric) by touchpoint|SELECT touchpoint AS g, nps(scoren) AS s FROM X_survey GROUP BY touchpoint
nps_agg accessors|SELECT touchpoint AS g, nps(s) AS s, nps_lower(s), nps_upper(s), responses(s), distribution(s) FROM (SELECT touchpoint, nps_agg(score) s FROM X_survey GROUP BY touchpoint) x
csat_agg(int4) by touchpoint|SELECT touchpoint AS g, csat_agg(csat) AS s FROM X_survey GROUP BY touchpoint
csat_agg(int4)|SELECT 1 AS g, csat_agg(csat) AS s FROM X_survey
csat_agg(int2) by touchpoint|SELECT touchpoint AS g, csat_agg(csat::int2) AS s FROM X_survey GROUP BY touchpoint
csat_agg(numeric) by touchpoint|SELECT touchpoint AS g, csat_agg(csat::numeric) AS s FROM X_survey GROUP BY touchpoint
csat_agg(int4, 7) by touchpoint|SELECT touchpoint AS g, csat_agg(csat7, 7) AS s FROM X_survey GROUP BY touchpoint
csat_agg(int2, 7) by touchpoint|SELECT touchpoint AS g, csat_agg(csat7::int2, 7) AS s FROM X_survey GROUP BY touchpoint
csat_agg(numeric, 7) by touchpoint|SELECT touchpoint AS g, csat_agg(csat7::numeric, 7) AS s FROM X_survey GROUP BY touchpoint
csat(int4) by touchpoint|SELECT touchpoint AS g, csat(csat) AS s FROM X_survey GROUP BY touchpoint
csat(int2) by touchpoint|SELECT touchpoint AS g, csat(csat::int2) AS s FROM X_survey GROUP BY touchpoint
csat(numeric) by touchpoint|SELECT touchpoint AS g, csat(csat::numeric) AS s FROM X_survey GROUP BY touchpoint
csat(int4, 7) by touchpoint|SELECT touchpoint AS g, csat(csat7, 7) AS s FROM X_survey GROUP BY touchpoint
csat(int2, 7)|SELECT 1 AS g, csat(csat7::int2, 7) AS s FROM X_survey
csat(numeric, 7) by touchpoint|SELECT touchpoint AS g, csat(csat7::numeric, 7) AS s FROM X_survey GROUP BY touchpoint
ces_agg(int4) by touchpoint|SELECT touchpoint AS g, ces_agg(ces) AS s FROM X_survey GROUP BY touchpoint
ces_agg(int4)|SELECT 1 AS g, ces_agg(ces) AS s FROM X_survey
ces_agg(int2) by touchpoint|SELECT touchpoint AS g, ces_agg(ces::int2) AS s FROM X_survey GROUP BY touchpoint
ces_agg(numeric) by touchpoint|SELECT touchpoint AS g, ces_agg(ces::numeric) AS s FROM X_survey GROUP BY touchpoint
ces_agg(int4, 5, true) by touchpoint|SELECT touchpoint AS g, ces_agg(ces5, 5, true) AS s FROM X_survey GROUP BY touchpoint
ces_agg(int2, 5, true) by touchpoint|SELECT touchpoint AS g, ces_agg(ces5::int2, 5, true) AS s FROM X_survey GROUP BY touchpoint
ces_agg(numeric, 7, false) by touchpoint|SELECT touchpoint AS g, ces_agg(ces::numeric, 7, false) AS s FROM X_survey GROUP BY touchpoint
ces(int4) by touchpoint|SELECT touchpoint AS g, ces(ces) AS s FROM X_survey GROUP BY touchpoint
ces(int2) by touchpoint|SELECT touchpoint AS g, ces(ces::int2) AS s FROM X_survey GROUP BY touchpoint
ces(numeric) by touchpoint|SELECT touchpoint AS g, ces(ces::numeric) AS s FROM X_survey GROUP BY touchpoint
ces(int4, 5, true) by touchpoint|SELECT touchpoint AS g, ces(ces5, 5, true) AS s FROM X_survey GROUP BY touchpoint
ces(int2, 5, true)|SELECT 1 AS g, ces(ces5::int2, 5, true) AS s FROM X_survey
ces(numeric, 7, false) by touchpoint|SELECT touchpoint AS g, ces(ces::numeric, 7, false) AS s FROM X_survey GROUP BY touchpoint
nps_agg(float8) by touchpoint|SELECT touchpoint AS g, nps_agg(score::float8) AS s FROM X_survey GROUP BY touchpoint
nps_agg(real)|SELECT 1 AS g, nps_agg(score::real) AS s FROM X_survey
nps_agg(bigint) by touchpoint|SELECT touchpoint AS g, nps_agg(score::bigint) AS s FROM X_survey GROUP BY touchpoint
nps(float8) by touchpoint|SELECT touchpoint AS g, nps(score::float8) AS s FROM X_survey GROUP BY touchpoint
nps(real) by touchpoint|SELECT touchpoint AS g, nps(score::real) AS s FROM X_survey GROUP BY touchpoint
nps(bigint)|SELECT 1 AS g, nps(score::bigint) AS s FROM X_survey
csat_agg(float8) by touchpoint|SELECT touchpoint AS g, csat_agg(csat::float8) AS s FROM X_survey GROUP BY touchpoint
csat_agg(real, 7) by touchpoint|SELECT touchpoint AS g, csat_agg(csat7::real, 7) AS s FROM X_survey GROUP BY touchpoint
csat_agg(bigint, 7) by touchpoint|SELECT touchpoint AS g, csat_agg(csat7::bigint, 7) AS s FROM X_survey GROUP BY touchpoint
csat(float8, 7) by touchpoint|SELECT touchpoint AS g, csat(csat7::float8, 7) AS s FROM X_survey GROUP BY touchpoint
csat(bigint)|SELECT 1 AS g, csat(csat::bigint) AS s FROM X_survey
ces_agg(float8) by touchpoint|SELECT touchpoint AS g, ces_agg(ces::float8) AS s FROM X_survey GROUP BY touchpoint
ces_agg(real, 5, true) by touchpoint|SELECT touchpoint AS g, ces_agg(ces5::real, 5, true) AS s FROM X_survey GROUP BY touchpoint
ces_agg(bigint, 5, true) by touchpoint|SELECT touchpoint AS g, ces_agg(ces5::bigint, 5, true) AS s FROM X_survey GROUP BY touchpoint
ces(float8, 7, false) by touchpoint|SELECT touchpoint AS g, ces(ces::float8, 7, false) AS s FROM X_survey GROUP BY touchpoint
ces(bigint)|SELECT 1 AS g, ces(ces::bigint) AS s FROM X_survey
duration_agg(interval) by touchpoint|SELECT touchpoint AS g, duration_agg(dur) AS s FROM X_survey GROUP BY touchpoint
duration_agg(interval)|SELECT 1 AS g, duration_agg(dur) AS s FROM X_survey
duration_agg(interval, bool) by touchpoint|SELECT touchpoint AS g, duration_agg(dur, open) AS s FROM X_survey GROUP BY touchpoint
duration_agg(interval, bool, 0.002) by touchpoint|SELECT touchpoint AS g, duration_agg(dur, open, 0.002) AS s FROM X_survey GROUP BY touchpoint
duration_agg(float8) by touchpoint|SELECT touchpoint AS g, duration_agg(dur_s) AS s FROM X_survey GROUP BY touchpoint
duration_agg(float8, bool) by touchpoint|SELECT touchpoint AS g, duration_agg(dur_s, open) AS s FROM X_survey GROUP BY touchpoint
duration_agg(float8, bool, 0.02)|SELECT 1 AS g, duration_agg(dur_s, open, 0.02) AS s FROM X_survey
duration_agg accessors|SELECT touchpoint AS g, mean(s) AS s, percentile(s, 0.9), km_percentile(s, 0.5), survival(s, '1 day'), cases(s), open_cases(s) FROM (SELECT touchpoint, duration_agg(dur, open) s FROM X_survey GROUP BY touchpoint) x
EOF
} >"$CX_TMP/citus_survey.sql"
tap -f "$CX_TMP/citus_survey.sql"

# --- churn and revenue ----------------------------------------------------------

# The forms of churn_agg and revenue_agg, "label|arguments after the
# activity": periods or an end (until), with or without max_offset.  ORIGIN
# and END stand for the grid's origin and an end, of the grid's type.
grid_forms=(
	"periods|ORIGIN, '1 month', 36"
	"periods, max_offset|ORIGIN, '1 month', 36, 12"
	"until|ORIGIN, '1 month', END"
	"until, max_offset|ORIGIN, '1 month', END, 6"
)
# The readers of a summary of each kind, over a distributed rollup()
churn_readers=(
	"churn_periods(x.s)"
	"churn_periods(x.s, 'at_start_plus_new')"
	"churn_cohort_retention(x.s)"
	"cohort_retention(x.s)"
)
revenue_readers=(
	"revenue_periods(x.s)"
	"revenue_cohort_retention(x.s)"
)

# $1: date or tstz
churn_revenue_sql() {
	local kind=$1 origin until rng act tl dur sumcol rsumcol f form name tmpl eq
	if [[ $kind == date ]]; then
		origin="date '2021-01-01'" until="date '2023-09-28'" rng=rng act=act tl=tl dur=during sumcol=s rsumcol=rs
	else
		origin="timestamptz '2021-01-01 00:00'" until="timestamptz '2023-09-28 12:00'" rng=trng act=tact tl=ttl dur=tdur sumcol=ts rsumcol=rts
	fi
	while IFS='|' read -r name tmpl eq; do
		[[ -n $name ]] || continue
		printf "SELECT cx_check(%s, %s, %s);\n" "\$n\$$name\$n\$" "\$q\$$tmpl\$q\$" "${eq:-true}"
	done < <(
		for f in "${grid_forms[@]}"; do
			form=${f#*|}
			form=${form//ORIGIN/$origin}
			form=${form//END/$until}
			f="$kind grid, ${f%%|*}"
			echo "churn_agg(${kind}range, $f) by segment|SELECT seg AS g, churn_agg($rng, $form) AS s FROM X_cust GROUP BY seg"
			echo "churn_agg(${kind}multirange, $f) by segment|SELECT seg AS g, churn_agg($act, $form) AS s FROM X_cust GROUP BY seg"
			echo "churn_agg(${kind}multirange, $f)|SELECT 1 AS g, churn_agg($act, $form) AS s FROM X_cust"
			echo "churn_agg(range_agg($dur) per customer, $f)|SELECT 1 AS g, churn_agg(a, $form) AS s FROM (SELECT customer_id, range_agg($dur) a FROM X_subs GROUP BY customer_id) x"
			echo "revenue_agg(${kind} timeline, $f) by segment|SELECT seg AS g, revenue_agg($tl, $form) AS s FROM X_cust GROUP BY seg"
			echo "revenue_agg(mrr_agg($dur) per customer, $f)|SELECT 1 AS g, revenue_agg(t, $form) AS s FROM (SELECT customer_id, mrr_agg($dur, amount) t FROM X_subs GROUP BY customer_id) x"
		done
		echo "mrr_agg(${kind}range) by k|SELECT k AS g, mrr_agg($dur, amount) AS s FROM X_subs GROUP BY k"
		echo "rollup(${sumcol}) of churn summaries by part % 4|SELECT part % 4 AS g, rollup($sumcol) AS s FROM X_parts GROUP BY 1"
		echo "rollup(${rsumcol}) of revenue summaries|SELECT 1 AS g, rollup($rsumcol) AS s FROM X_parts"
		for f in "${churn_readers[@]}"; do
			echo "$f of a ${kind} rollup()|SELECT p.* FROM (SELECT rollup($sumcol) s FROM X_parts) x, $f p|false"
			echo "$f by segment|SELECT x.g, p.* FROM (SELECT seg AS g, churn_agg($act, ${origin}, '1 month', 36, 12) s FROM X_cust GROUP BY seg) x, $f p|false"
		done
		echo "customers(churn ${kind} rollup)|SELECT 1 AS g, customers(rollup($sumcol)) AS s FROM X_parts"
		for f in "${revenue_readers[@]}"; do
			echo "$f of a ${kind} rollup()|SELECT p.* FROM (SELECT rollup($rsumcol) s FROM X_parts) x, $f p|false"
			echo "$f by segment|SELECT x.g, p.* FROM (SELECT seg AS g, revenue_agg($tl, ${origin}, '1 month', 36, 12) s FROM X_cust GROUP BY seg) x, $f p|false"
		done
		echo "customers(revenue ${kind} rollup)|SELECT 1 AS g, customers(rollup($rsumcol)) AS s FROM X_parts"
	)
}

{
	echo "SET client_min_messages = warning;"
	churn_revenue_sql date
	echo "SELECT cx_check('rollup(nps_summary) by part % 4', \$q\$SELECT part % 4 AS g, rollup(ns) AS s FROM X_parts GROUP BY 1\$q\$);"
	echo "SELECT cx_check('rollup(csat_summary) by part % 4', \$q\$SELECT part % 4 AS g, rollup(cs) AS s FROM X_parts GROUP BY 1\$q\$);"
	echo "SELECT cx_check('rollup(ces_summary) by part % 4', \$q\$SELECT part % 4 AS g, rollup(es) AS s FROM X_parts GROUP BY 1\$q\$);"
	echo "SELECT cx_check('rollup(duration_summary) by part % 4', \$q\$SELECT part % 4 AS g, rollup(ds) AS s FROM X_parts GROUP BY 1\$q\$);"
	# timestamptz grids in Los Angeles, monthly across the DST changes,
	# the zone set in the transaction and propagated to the workers
	echo "BEGIN;"
	echo "SET LOCAL citus.propagate_set_commands = 'local';"
	echo "SET LOCAL TimeZone = 'America/Los_Angeles';"
	churn_revenue_sql tstz
	echo "COMMIT;"
} >"$CX_TMP/citus_churn.sql"
tap -f "$CX_TMP/citus_churn.sql"

# The zone does reach the workers: the summary names it; and without the
# propagation, the workers' own zone (UTC) would be used.
zq="SELECT churn_agg(tact, timestamptz '2021-01-01 00:00', '1 month', 36)::text FROM d_cust"
got=$(q -At <<SQL
BEGIN;
SET LOCAL citus.propagate_set_commands = 'local';
SET LOCAL TimeZone = 'America/Los_Angeles';
SELECT ($zq) ~ ';zone=America/Los_Angeles;';
COMMIT;
SQL
)
check "tstz grid in Los Angeles: the distributed summary has the session's zone" t "$got"
got=$(q -At <<SQL
SET TimeZone = 'America/Los_Angeles';
SELECT ($zq) ~ ';zone=America/Los_Angeles;';
SQL
)
check "without SET propagation the workers' zone is used (why the suite propagates it)" f "$got"

# The other way to give the workers the zone: a role setting, which Citus
# propagates to the workers (citus.enable_alter_role_set_propagation); new
# sessions then use it on every node.
q -c "ALTER ROLE postgres SET TimeZone = 'America/Los_Angeles'"
got=$(q -At -c "SELECT current_setting('TimeZone') || ',' || string_agg(result, ',' ORDER BY nodeport)
	FROM run_command_on_workers(\$\$SELECT current_setting('TimeZone')\$\$)")
check "ALTER ROLE SET TimeZone reaches the workers" \
	"America/Los_Angeles,America/Los_Angeles,America/Los_Angeles" "$got"
tap -c "SET client_min_messages = warning" \
	-c "SELECT cx_check('churn_agg(tstzmultirange) by segment, zone from ALTER ROLE', \$q\$SELECT seg AS g, churn_agg(tact, timestamptz '2021-01-01 00:00', '1 month', 36, 12) AS s FROM X_cust GROUP BY seg\$q\$)" \
	-c "SELECT cx_check('revenue_agg(tstz timeline) by segment, zone from ALTER ROLE', \$q\$SELECT seg AS g, revenue_agg(ttl, timestamptz '2021-01-01 00:00', '1 month', timestamptz '2023-09-28 12:00', 6) AS s FROM X_cust GROUP BY seg\$q\$)"
check "zone from ALTER ROLE: the distributed summary has America/Los_Angeles" t \
	"$(q -At -c "SELECT ($zq) ~ ';zone=America/Los_Angeles;'")"
q -c "ALTER ROLE postgres RESET TimeZone"

# --- the call setup under worker_partial_agg --------------------------------------

# worker_partial_agg() sets up the transition function anew on every row,
# so churn_agg and revenue_agg keep their call setup per function OID for
# the backend's life (churn_agg.c).  In one session: several forms, two
# grids through one function in one query (the second without the index),
# the same after pg_proc changes (the kept setup is dropped), and each as
# the plain aggregate gives it.
wpa_churn="'churn_agg(datemultirange,date,interval,integer)'::regprocedure"
wpa_churn_until="'churn_agg(daterange,date,interval,date,integer)'::regprocedure"
wpa_rev="'revenue_agg(mrr_timeline,timestamptz,interval,integer)'::regprocedure"
wpa_sql="SELECT worker_partial_agg($wpa_churn, ROW(act, date '2021-01-01', '1 month'::interval, 36))::text
		= churn_agg(act, date '2021-01-01', '1 month', 36)::text
	AND worker_partial_agg($wpa_churn, ROW(act, date '2020-06-01', '1 week'::interval, 150))::text
		= churn_agg(act, date '2020-06-01', '1 week', 150)::text
	AND worker_partial_agg($wpa_churn_until, ROW(rng, date '2021-01-01', '1 month'::interval, date '2023-09-28', 6))::text
		= churn_agg(rng, date '2021-01-01', '1 month', date '2023-09-28', 6)::text
	AND worker_partial_agg($wpa_rev, ROW(ttl, timestamptz '2021-01-01', '1 month'::interval, 36))::text
		= revenue_agg(ttl, timestamptz '2021-01-01', '1 month', 36)::text
	FROM l_cust"
got=$(q -At -c "SET TimeZone = 'America/Los_Angeles'" -c "$wpa_sql" \
	-c "CREATE FUNCTION cx_touch_pg_proc() RETURNS int LANGUAGE sql AS 'SELECT 1'" -c "$wpa_sql" \
	-c "DROP FUNCTION cx_touch_pg_proc()" -c "$wpa_sql")
check "worker_partial_agg of churn_agg and revenue_agg forms, two grids in a query, across pg_proc changes: as the plain aggregate" \
	"t t t" "$(echo $got)"

# --- bad input: the same SQLSTATE distributed as locally -------------------------

{
	echo "SET client_min_messages = warning;"
	while IFS='|' read -r name tmpl want; do
		[[ -n $name ]] || continue
		printf "SELECT cx_check_error(%s, %s, '%s');\n" "\$n\$$name\$n\$" "\$q\$$tmpl\$q\$" "$want"
	done <<'EOF'
nps score 11|SELECT seg, nps_agg(score) FROM X_bad GROUP BY seg|22003
nps(score) with score 11|SELECT nps(score) FROM X_bad|22003
nps_agg(float8) of a fractional score|SELECT seg, nps_agg(score + 0.5::float8) FROM X_bad GROUP BY seg|22003
csat score 6 on a 1..5 scale|SELECT csat_agg(csat) FROM X_bad|22003
csat score 6 on a 1..5 scale, given|SELECT seg, csat(csat, 5) FROM X_bad GROUP BY seg|22003
churn_agg two grids in one group|SELECT seg, churn_agg(during, origin, '1 month', 12) FROM X_bad GROUP BY seg|22023
churn_agg two grids ungrouped|SELECT churn_agg(during, origin, '1 month', 12) FROM X_bad|22023
churn_agg NULL origin|SELECT churn_agg(during, origin_null, '1 month', 12) FROM X_bad|22004
churn_agg bad periods|SELECT churn_agg(during, origin, '1 month', 0) FROM X_bad|22023
revenue_agg two grids|SELECT revenue_agg(m, o, '1 month', 12) FROM (SELECT customer_id, min(origin) o, mrr_agg(during, 10) m FROM X_bad GROUP BY 1) x|22023
revenue_agg date timeline on a tstz grid|SELECT revenue_agg(tl, timestamptz '2021-01-01', '1 month', 12) FROM X_cust|22023
mrr_agg empty range|SELECT mrr_agg(during * 'empty'::daterange, 10) FROM X_bad|22023
duration_agg negative duration|SELECT duration_agg(dur_s - 1e6) FROM X_survey|22003
rollup of churn summaries of different grids|SELECT rollup(s) FROM (SELECT churn_agg(during, origin, '1 month', 12) s FROM X_bad GROUP BY customer_id) x|22023
EOF
} >"$CX_TMP/citus_bad.sql"
tap -f "$CX_TMP/citus_bad.sql"

echo "1..$n"
