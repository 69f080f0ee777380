#!/usr/bin/env bash
# demo.sh: the demo (demo/data.sql, then demo/report.sql) runs, its report
# has every section, its numbers agree with hand-written SQL over the raw
# rows that does not use cx_metrics, and the same seed gives the same
# report, byte for byte.  Prints TAP.
#
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
set -euo pipefail

root=${CX_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
db=cx_demo_test
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
qa() { q -At; }    # reads the SQL from stdin
cleanup() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db"

n=0
failures=0
# check NAME GOT WANT
check() {
	n=$((n + 1))
	if [[ $2 == "$3" ]]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "#   got:  '$2'"
		echo "#   want: '$3'"
		failures=$((failures + 1))
	fi
}
# The lines of section N of the report (between its heading and the next).
section() { awk -v s="── $1. " 'index($0, s) == 1 { f = 1; next } /^── [0-9]\. / { f = 0 } f' <<<"$report"; }
# Field F (1-based, split on │) of the row of section N whose first field is KEY, trimmed.
field() {
	section "$1" | awk -F '│' -v key="$2" -v f="$3" '
		{ k = $1; gsub(/^ +| +$/, "", k) }
		k == key { v = $f; gsub(/^ +| +$/, "", v); print v; exit }'
}

loaded=$(q -f "$root/demo/data.sql")
check "data.sql reports what it loaded" "$(grep -c '^Loaded .* customers, .* survey responses .* 2 goals, 2025-04-01 .. 2026-09-30' <<<"$loaded")" 1
report=$(q -f "$root/demo/report.sql")

for s in "1. Scorecard by journey stage, September 2026" "2. Scorecard by touchpoint, September 2026" \
	"3. NPS by month" "4. Every touchpoint by month" "5. Churn and retention by month" \
	"6. Cohort retention" "7. Support team: time to resolve a case" "8. Goals"; do
	check "the report has section \"$s\"" "$(grep -c "^── $s" <<<"$report")" 1
done
check "the touchpoint scorecard lists all 21 touchpoints" \
	"$(section 2 | awk -F '│' 'NF == 10 && $2 !~ /touchpoint/ { c++ } END { print c }')" 21
check "the NPS trend has 18 months" "$(section 3 | grep -cE '^ 20[0-9]{2}-[0-9]{2} │')" 18
check "the churn table has 18 months" "$(section 5 | grep -cE '^ 20[0-9]{2}-[0-9]{2} │')" 18
check "the cohort matrix has 18 cohorts" "$(section 6 | grep -cE '^ 20[0-9]{2}-[0-9]{2} │')" 18

# Every daily summary against count(*) FILTER over the raw rows.
mismatches=$(qa <<'SQL'
SET timezone = 'UTC';
SELECT count(*)
FROM cx.daily_summaries d
FULL JOIN (SELECT r.responded_at::date AS day, r.touchpoint_id,
				  count(r.score) FILTER (WHERE metric = 'nps') AS nps_n,
				  count(*) FILTER (WHERE metric = 'nps' AND r.score >= 9) AS promoters,
				  count(*) FILTER (WHERE metric = 'nps' AND r.score <= 6) AS detractors,
				  count(r.score) FILTER (WHERE metric = 'csat') AS csat_n,
				  count(*) FILTER (WHERE metric = 'csat' AND r.score >= 4) AS satisfied,
				  count(r.score) FILTER (WHERE metric = 'ces') AS ces_n,
				  sum(r.score) FILTER (WHERE metric = 'ces') AS ces_sum
		   FROM cx.responses r GROUP BY 1, 2) h
	ON h.day = d.day AND h.touchpoint_id = d.touchpoint_id
WHERE h.nps_n IS DISTINCT FROM responses(d.nps)
   OR h.promoters IS DISTINCT FROM promoters(d.nps)
   OR h.detractors IS DISTINCT FROM detractors(d.nps)
   OR h.csat_n IS DISTINCT FROM responses(d.csat)
   OR h.satisfied IS DISTINCT FROM satisfied(d.csat)
   OR h.ces_n IS DISTINCT FROM responses(d.ces)
   OR (h.ces_n > 0 AND abs(h.ces_sum::float8 / h.ces_n - mean(d.ces)) > 1e-9);
SQL
)
check "daily summaries match the raw responses" "$mismatches" 0

# Section 1: a stage's NPS for the last month, by hand.
want=$(qa <<'SQL'
SET timezone = 'UTC';
SELECT count(score) || ' ' || round((100.0::float8 * (count(*) FILTER (WHERE score >= 9)
		   - count(*) FILTER (WHERE score <= 6)) / count(score))::numeric, 1)
FROM cx.responses r JOIN cx.touchpoints t USING (touchpoint_id)
WHERE t.stage = 'purchase' AND metric = 'nps'
  AND responded_at >= '2026-09-01' AND responded_at < '2026-10-01';
SQL
)
check "section 1: NPS n and NPS of the purchase stage" \
	"$(field 1 purchase 2) $(field 1 purchase 3)" "$want"

# Section 2: a touchpoint's CSAT for the last month, by hand.
want=$(qa <<'SQL'
SET timezone = 'UTC';
SELECT count(score) || ' ' || round((100.0::float8 * count(*) FILTER (WHERE score >= 4) / count(score))::numeric, 1)
FROM cx.responses r JOIN cx.touchpoints t USING (touchpoint_id)
WHERE t.name = 'help center' AND metric = 'csat'
  AND responded_at >= '2026-09-01' AND responded_at < '2026-10-01';
SQL
)
check "section 2: CSAT n and CSAT of the help center" \
	"$(section 2 | awk -F '│' '$2 ~ /help center/ { gsub(/ /, "", $6); gsub(/ /, "", $7); print $6 " " $7 }')" "$want"

# Section 3: every month's NPS, by hand.
want=$(qa <<'SQL'
SET timezone = 'UTC';
SELECT string_agg(m || ' ' || n || ' ' || v, ',' ORDER BY m)
FROM (SELECT to_char(responded_at, 'YYYY-MM') AS m, count(score) AS n,
			 round((100.0::float8 * (count(*) FILTER (WHERE score >= 9)
				 - count(*) FILTER (WHERE score <= 6)) / count(score))::numeric, 1) AS v
	  FROM cx.responses WHERE metric = 'nps' GROUP BY 1) AS x;
SQL
)
check "section 3: monthly NPS" \
	"$(section 3 | awk -F '│' '/^ 20[0-9][0-9]-/ { gsub(/ /, ""); printf "%s%s %s %s", sep, $1, $2, $3; sep = "," }')" "$want"

# Section 3's verdict line: the last change, by hand.
want=$(qa <<'SQL'
SET timezone = 'UTC';
WITH m AS (SELECT to_char(responded_at, 'YYYY-MM') AS m,
				  100.0::float8 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score) AS v
		   FROM cx.responses WHERE metric = 'nps' AND responded_at >= '2026-08-01' GROUP BY 1)
SELECT to_char(round((max(v) FILTER (WHERE m = '2026-09') - max(v) FILTER (WHERE m = '2026-08'))::numeric, 1), 'SG0.0')
FROM m;
SQL
)
check "section 3: the last change" \
	"$(section 3 | sed -n 's/^   Last change, Sep 2026 against Aug 2026: \([-+0-9.]*\) points.*/\1/p')" "$want"

# Section 4: the support team's NPS in the last two quarters and the change, by hand.
want=$(qa <<'SQL'
SET timezone = 'UTC';
WITH q AS (SELECT responded_at >= '2026-07-01' AS cur,
				  100.0::float8 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score) AS v
		   FROM cx.responses r JOIN cx.touchpoints t USING (touchpoint_id)
		   WHERE t.name = 'support team' AND metric = 'nps'
			 AND responded_at >= '2026-04-01' AND responded_at < '2026-10-01'
		   GROUP BY 1)
SELECT round(max(v) FILTER (WHERE NOT cur)::numeric, 1) || ' ' || round(max(v) FILTER (WHERE cur)::numeric, 1) || ' '
	   || to_char(round((max(v) FILTER (WHERE cur) - max(v) FILTER (WHERE NOT cur))::numeric, 1), 'FMSG990.0')
FROM q;
SQL
)
check "section 4: the support team's NPS, quarter on quarter" \
	"$(section 4 | awk -F '│' '$2 ~ /support team/ { for (i = 5; i <= 7; i++) gsub(/ /, "", $i); print $5 " " $6 " " $7 }')" "$want"

# Section 5: customers at the start and churned in two months, by hand: a
# customer is present at a boundary t when one merged stretch of
# subscriptions covers the day before t and t.
want=$(qa <<'SQL'
WITH a AS (SELECT customer_id, range_agg(active) AS act FROM cx.subscriptions GROUP BY 1)
SELECT string_agg(to_char(t, 'YYYY-MM') || ' ' || at_start || ' ' || churned, ',' ORDER BY t)
FROM (SELECT t,
			 count(*) FILTER (WHERE act @> daterange(t - 1, t, '[]')) AS at_start,
			 count(*) FILTER (WHERE act @> daterange(t - 1, t, '[]')
							  AND NOT act @> daterange((t + interval '1 month')::date - 1, (t + interval '1 month')::date, '[]')) AS churned
	  FROM a, (VALUES (date '2025-11-01'), (date '2026-09-01')) AS v(t)
	  GROUP BY t) AS x;
SQL
)
got=$(for m in 2025-11 2026-09; do printf '%s%s %s %s' "${sep-}" "$m" "$(field 5 "$m" 2)" "$(field 5 "$m" 5)"; sep=,; done)
check "section 5: customers at start and churned" "$got" "$want"

# Section 6: cohort sizes, by hand: customers whose first subscription
# starts in the month.
want=$(qa <<'SQL'
SELECT string_agg(m || ' ' || n, ',' ORDER BY m)
FROM (SELECT to_char(f, 'YYYY-MM') AS m, count(*) AS n
	  FROM (SELECT min(lower(active)) AS f FROM cx.subscriptions GROUP BY customer_id) AS x
	  WHERE f >= '2025-04-01' GROUP BY 1) AS y;
SQL
)
check "section 6: cohort sizes" \
	"$(section 6 | awk -F '│' '/^ 20[0-9][0-9]-/ { gsub(/ /, "", $1); gsub(/ /, "", $2); printf "%s%s %s", sep, $1, $2; sep = "," }')" "$want"

# Section 7: each quarter's histogram adds up to 100%.
check "section 7: both histograms add up to 100%" \
	"$(section 7 | awk -F '│' 'NF == 5 && $2 ~ /[0-9]/ { a += $2; b += $4 } END { printf "%.0f %.0f", a, b }')" "100 100"
# Section 5, by segment: three segments, customers at the start of the
# quarter by hand.
want=$(qa <<'SQL'
WITH a AS (SELECT customer_id, range_agg(active) AS act FROM cx.subscriptions GROUP BY 1)
SELECT string_agg(segment || ' ' || n, ',' ORDER BY n DESC)
FROM (SELECT c.segment, count(*) AS n FROM a JOIN crm.customers c USING (customer_id)
	  WHERE act @> daterange(date '2026-06-30', date '2026-07-01', '[]') GROUP BY 1) AS x;
SQL
)
check "section 5: customers per segment at the start of the quarter" \
	"$(section 5 | awk -F '│' '$1 ~ /consumer|business|enterprise/ { gsub(/^ +| +$/, "", $1); gsub(/ /, "", $2); printf "%s%s %s", sep, $1, $2; sep = "," }')" "$want"

# Section 8: the goals' baselines and current values, by hand: NPS of the
# two quarters; mean hours to resolve a support case opened in each.
want=$(qa <<'SQL'
SET timezone = 'UTC';
SELECT (SELECT string_agg(v::text, ' ' ORDER BY q)
		FROM (SELECT responded_at >= '2026-07-01' AS q,
					 round((100.0::float8 * (count(*) FILTER (WHERE score >= 9)
						 - count(*) FILTER (WHERE score <= 6)) / count(score))::numeric, 1) AS v
			  FROM cx.responses
			  WHERE metric = 'nps' AND responded_at >= '2026-04-01' AND responded_at < '2026-10-01'
			  GROUP BY 1) AS x)
	   || ' ' ||
	   (SELECT string_agg(v::text || 'h', ' ' ORDER BY q)
		FROM (SELECT opened_at >= '2026-07-01' AS q,
					 round(avg(extract(epoch FROM resolved_at - opened_at) / 3600)::numeric, 1) AS v
			  FROM cx.interactions i JOIN cx.touchpoints t USING (touchpoint_id)
			  WHERE t.name = 'support team' AND opened_at >= '2026-04-01' AND opened_at < '2026-10-01'
			  GROUP BY 1) AS x);
SQL
)
got="$(field 8 '+1 NPS point this quarter' 3) $(field 8 '+1 NPS point this quarter' 4)"
got="$got $(field 8 'resolution time -20% this quarter' 3 | tr -d ' ') $(field 8 'resolution time -20% this quarter' 4 | tr -d ' ')"
check "section 8: goal baselines and current values" "$got" "$want"
check "section 8: the NPS goal is met, the resolution goal is not" \
	"$(field 8 '+1 NPS point this quarter' 8) / $(field 8 'resolution time -20% this quarter' 8)" "met / not met"

# The same seed gives the same report.
q -f "$root/demo/data.sql" >/dev/null
again=$(q -f "$root/demo/report.sql")
check "a second run gives the same report, byte for byte" "$(cmp -s <(printf '%s' "$report") <(printf '%s' "$again") && echo same)" same

echo "1..$n"
((failures == 0))
