#!/usr/bin/env bash
# demo.sh: the demo (demo/data.sql, then demo/report.sql) runs, its report
# has every section, its numbers agree with hand-written SQL over the raw
# rows that does not use cx_metrics, and the same seed gives the same
# report, byte for byte; and the report reads right to a person (issue 10's
# findings, one block of checks each, marked "finding N").  Prints TAP.
#
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
# CX_DEMO_REPORT=FILE checks the report in FILE (e.g. an older report's
# output) instead of running demo/report.sql; the data are still loaded.
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
# The same, from the second row whose first field is KEY (a second table).
field2() {
	section "$1" | awk -F '│' -v key="$2" -v f="$3" '
		{ k = $1; gsub(/^ +| +$/, "", k) }
		k == key && ++seen == 2 { v = $f; gsub(/^ +| +$/, "", v); print v; exit }'
}
# perl reading the report as UTF-8 (display width: every character of the
# report is one column wide)
uperl() { perl -CSDA -Mutf8 "$@"; }

loaded=$(q -f "$root/demo/data.sql")
check "data.sql reports what it loaded" \
	"$(tr '\n' ' ' <<<"$loaded" | grep -c '^Loaded .* customers, .* survey responses .* 2 goals, 2025-04-01 .. 2026-09-30')" 1
check "finding 7: what data.sql prints fits 100 columns" \
	"$(perl -CSD -ne 'chomp; $m = length if length > $m; END { print $m <= 100 ? "ok" : "$m columns" }' <<<"$loaded")" ok
if [[ -n ${CX_DEMO_REPORT:-} ]]; then
	report=$(<"$CX_DEMO_REPORT")
else
	report=$(q -f "$root/demo/report.sql")
fi

for s in "1. Scorecard by journey stage, September 2026" "2. Scorecard by touchpoint, September 2026" \
	"3. NPS by month" "4. Every touchpoint by month" "5. Churn and retention by month" \
	"6. Cohort retention" "7. Revenue: MRR movements by month" \
	"8. Support team: time to resolve a case" "9. Goals"; do
	check "the report has section \"$s\"" "$(grep -c "^── $s" <<<"$report")" 1
done
# (its touchpoints are indented under a row naming their stage)
check "the touchpoint scorecard lists all 21 touchpoints" \
	"$(section 2 | awk -F '│' 'NF > 1 && $1 ~ /^   [a-z]/ { k = $1; gsub(/^ +| +$/, "", k); seen[k] = 1 } END { for (k in seen) c++; print c }')" 21
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
	"$(section 2 | awk -F '│' 'NF == 7 && $1 ~ /help center/ { gsub(/ /, "", $2); gsub(/ /, "", $3); print $2 " " $3 }')" "$want"

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
	"$(section 4 | awk -F '│' 'NF > 5 && $1 ~ /support team/ { for (i = 4; i <= 6; i++) gsub(/ /, "", $i); print $4 " " $5 " " $6 }')" "$want"

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

# Section 7, revenue.  rtable COLUMN: the month rows of the table of
# section 7 that has a column named COLUMN, fields trimmed and joined with
# "|", after a first line with the column names.
rtable() {
	section 7 | uperl -ne '
		BEGIN { $key = shift @ARGV }
		if (!/│/) { $on = 0 if /^\s*$/; next }
		my @f = map { s/^\s+|\s+$//gr } split /│/;
		if (!$on && grep { $_ eq $key } @f) { $on = 1; print join("|", @f), "\n"; next }
		print join("|", @f), "\n" if $on && $f[0] =~ /^20\d\d-\d\d$/' "$1"
}
movements=$(rtable contraction)
rates=$(rtable 'adds up')
check "section 7: the movements table and the NRR table have 18 months each" \
	"$(($(wc -l <<<"$movements") - 1)) $(($(wc -l <<<"$rates") - 1))" "18 18"
check "section 7: the movements table's columns" "$(head -n 1 <<<"$movements")" \
	"month|at start|new|expansion|reactivation|contraction|churned|at end"
# Amounts as whole cents (the report prints them with two decimals), so
# that every sum below is exact.
cents='sub cents { my ($v) = @_; $v =~ /^(-?)(\d+)\.(\d\d)$/ or die "not an amount: $v"; ($1 ? -1 : 1) * ($2 * 100 + $3) }'
check "section 7: at start + new + expansion + reactivation - contraction - churned = at end, on all 18 rows" \
	"$(uperl -ne "$cents"'
		chomp; next if $. == 1; my ($m, @v) = split /\|/; @v = map { cents($_) } @v;
		$ok++ if $v[0] + $v[1] + $v[2] + $v[3] - $v[4] - $v[5] == $v[6];
		END { print $ok + 0 }' <<<"$movements")" 18
check "section 7: each month's end is the next month's start" \
	"$(uperl -ne 'chomp; next if $. == 1; my @f = split /\|/; $ok++ if defined $end && $f[1] eq $end; $end = $f[7];
		END { print $ok + 0 }' <<<"$movements")" 17
check "section 7: \"adds up\" says yes on all 18 rows" "$(cut -d '|' -f 2 <<<"$rates" | grep -c '^yes$')" 18
# NRR and GRR printed (percent, two decimals) against the formulas over the
# printed columns, rounded half up in whole numbers.
check "section 7: NRR = (start + expansion - contraction - churned) / start and GRR = (start - contraction - churned) / start, from the printed columns, on all 18 rows" \
	"$( (echo "$movements"; echo "--"; echo "$rates") | uperl -ne "$cents"'
		chomp; if ($_ eq "--") { $second = 1; next }
		my @f = split /\|/; next if $f[0] eq "month";
		if (!$second) { $mv{$f[0]} = [map { cents($_) } @f[1 .. 7]]; next }
		my ($s, $n, $x, $r, $c, $ch) = @{$mv{$f[0]}};
		my $pct = sub { my $num = shift; my $q = int((20000 * $num + $s) / (2 * $s)); sprintf "%d.%02d", int($q / 100), $q % 100 };
		$nrr++ if $f[2] eq $pct->($s + $x - $c - $ch);
		$grr++ if $f[3] eq $pct->($s - $c - $ch);
		END { print $nrr + 0, " ", $grr + 0 }')" "18 18"
# The bars: each part is its movement in whole cells of the unit the legend
# gives, rounded half up.
unit=$(section 7 | sed -n 's/.*Bars: one cell = \([0-9,]*\) of MRR.*/\1/p' | tr -d ,)
check "section 7: the legend gives the bars' unit" "$([[ $unit =~ ^[0-9]+$ ]] && echo yes)" yes
check "section 7: every bar's parts are its movements in cells of $unit (contraction ▓ churned █ ┊ new █ expansion ▓ reactivation ▒)" \
	"$( (echo "$movements"; echo "--"; echo "$rates") | uperl -ne "$cents"'
		BEGIN { $u = 100 * shift @ARGV }
		chomp; if ($_ eq "--") { $second = 1; next }
		my @f = split /\|/; next if $f[0] eq "month";
		if (!$second) { $mv{$f[0]} = [map { cents($_) } @f[1 .. 7]]; next }
		my ($s, $n, $x, $r, $c, $ch) = @{$mv{$f[0]}};
		my $cells = sub { int((2 * shift() + $u) / (2 * $u)) };
		my $want = ("▓" x $cells->($c)) . ("█" x $cells->($ch)) . "┊" . ("█" x $cells->($n))
				   . ("▓" x $cells->($x)) . ("▒" x $cells->($r));
		$ok++ if $f[4] eq $want;
		END { print $ok + 0 }' "$unit")" 18
# The trend lines: one character a month, from the printed NRR and GRR, on
# the scale the line above them gives.
check "section 7: the NRR and GRR trend lines are drawn from the printed percentages" \
	"$( (echo "$rates"; section 7 | grep -E '^(   Trend, |     NRR |     GRR )') | uperl -ne '
		chomp; my @f = split /\|/;
		if (@f > 3 && $f[0] =~ /^20/) { push @n, $f[2]; push @g, $f[3]; next }
		if (/▁ ([0-9.]+)% … █ ([0-9.]+)%/) { ($lo, $hi) = ($1, $2); next }
		if (/^     (NRR|GRR) (\S+)$/) { $line{$1} = $2 }
		END {
			my $sp = sub { join "", map { my $i = int(8 * ($_ - $lo) / ($hi - $lo)); $i = 7 if $i > 7; $i = 0 if $i < 0;
										  substr("▁▂▃▄▅▆▇█", $i, 1) } @_ };
			print $line{NRR} eq $sp->(@n) && $line{GRR} eq $sp->(@g) && @n == 18 ? "drawn" : "off" }')" drawn
# The two quarters' NRR and GRR, as ratios of sums of the printed months.
check "section 7: the quarters' NRR and GRR, from the printed columns" \
	"$(section 7 | sed -n 's/^   NRR Jul–Sep 2026: \([0-9.]*\)% a month (GRR \([0-9.]*\)%), against \([0-9.]*\)% (GRR \([0-9.]*\)%) in Apr–Jun 2026\.$/\1 \2 \3 \4/p')" \
	"$(uperl -ne "$cents"'
		chomp; next if $. == 1; my @f = split /\|/; my ($s, $n, $x, $r, $c, $ch) = map { cents($_) } @f[1 .. 6];
		my $q = $f[0] ge "2026-07" ? "b" : $f[0] ge "2026-04" ? "a" : next;
		$S{$q} += $s; $N{$q} += $s + $x - $c - $ch; $G{$q} += $s - $c - $ch;
		END { my $pct = sub { my ($num, $s) = @_; my $v = int((20000 * $num + $s) / (2 * $s)); sprintf "%d.%02d", int($v / 100), $v % 100 };
			  print join " ", $pct->($N{b}, $S{b}), $pct->($G{b}, $S{b}), $pct->($N{a}, $S{a}), $pct->($G{a}, $S{a}) }' <<<"$movements")"

# The revenue section by hand, from the raw rows, without cx_metrics: a
# customer's MRR at the first of a month is the least of what their
# subscriptions running on that day and on the day before charge; per month,
# with a their MRR at its start and b at its end: a > 0 = b churned, 0 < a <
# b expansion, 0 < b < a contraction, a = 0 < b new if they never paid
# before the month, else reactivation.  A cohort: the customers who first
# paid in the month; their MRR at the end of the month and 6 after it.
hand=$(qa <<'SQL'
CREATE FUNCTION pg_temp.f(x numeric) RETURNS text LANGUAGE sql RETURN to_char(coalesce(x, 0), 'FM999999999990.00');
CREATE TEMP TABLE m AS
WITH b AS (
	SELECT k, (date '2025-04-01' + make_interval(months => k))::date AS t FROM generate_series(0, 18) AS k
), c AS (
	SELECT customer_id, min(lower(active)) FILTER (WHERE mrr > 0) AS first_paid FROM cx.subscriptions GROUP BY 1
)
SELECT c.customer_id, c.first_paid, b.k, b.t,
	   least(coalesce(sum(s.mrr) FILTER (WHERE s.active @> b.t), 0),
			 coalesce(sum(s.mrr) FILTER (WHERE s.active @> b.t - 1), 0)) AS m
FROM c CROSS JOIN b JOIN cx.subscriptions AS s USING (customer_id)
GROUP BY c.customer_id, c.first_paid, b.k, b.t;
CREATE TEMP TABLE p AS
SELECT x.customer_id, x.first_paid, x.k, x.t, x.m AS a, y.m AS b
FROM m AS x JOIN m AS y ON y.customer_id = x.customer_id AND y.k = x.k + 1;
SELECT concat_ws('|', 'M', to_char(t, 'YYYY-MM'), pg_temp.f(sum(a)),
				 pg_temp.f(sum(b) FILTER (WHERE a = 0 AND b > 0 AND first_paid >= t)),
				 pg_temp.f(sum(b - a) FILTER (WHERE a > 0 AND b > a)),
				 pg_temp.f(sum(b) FILTER (WHERE a = 0 AND b > 0 AND first_paid < t)),
				 pg_temp.f(sum(a - b) FILTER (WHERE b > 0 AND b < a)),
				 pg_temp.f(sum(a) FILTER (WHERE a > 0 AND b = 0)),
				 pg_temp.f(sum(b)))
FROM p GROUP BY t ORDER BY t;
SELECT 'P|' || count(*) FROM m WHERE t = '2026-10-01' AND m > 0;
WITH co AS (
	SELECT DISTINCT customer_id, date_trunc('month', first_paid)::date AS cohort FROM m
	WHERE first_paid >= '2025-10-01' AND first_paid < '2026-04-01'
), o AS (
	SELECT co.cohort, j, sum(m.m) AS mrr, count(*) FILTER (WHERE m.m > 0) AS paying
	FROM co JOIN m USING (customer_id), generate_series(0, 6) AS j
	WHERE m.t = (co.cohort + make_interval(months => j + 1))::date
	GROUP BY 1, 2
)
SELECT concat_ws('|', 'C', to_char(o.cohort, 'YYYY-MM'), (SELECT count(*) FROM co WHERE co.cohort = o.cohort),
				 pg_temp.f(min(o.mrr) FILTER (WHERE o.j = 0)),
				 string_agg(round(100 * (o.mrr::float8 / z.mrr::float8))::text, ' ' ORDER BY o.j),
				 round(100 * (min(o.paying) FILTER (WHERE o.j = 6))::float8
					   / (SELECT count(*) FROM co WHERE co.cohort = o.cohort)::float8) || '%')
FROM o JOIN o AS z ON z.cohort = o.cohort AND z.j = 0
GROUP BY o.cohort ORDER BY o.cohort;
SQL
)
check "section 7: every month's MRR at start, movements and MRR at end, by hand" \
	"$(tail -n +2 <<<"$movements")" "$(sed -n 's/^M|//p' <<<"$hand")"
check "section 7: the customers paying at the end, by hand; the subscribed ones are section 5's" \
	"$(section 7 | sed -n 's/^   Sep 2026 ends with \([0-9,]*\) paying customers: .*/\1/p' | tr -d ,) $(section 7 | sed -n 's/^   \([0-9,]*\) of the \([0-9,]*\) customers subscribed then (section 5) pay nothing.*/\1 \2/p' | tr -d ,)" \
	"$(sed -n 's/^P|//p' <<<"$hand") $(($(field 5 2026-09 7) - $(sed -n 's/^P|//p' <<<"$hand"))) $(field 5 2026-09 7)"
check "section 7: the cohorts' sizes, MRR at 0, net MRR retention at 0..6 and paying at 6, by hand" \
	"$(rtable 'MRR at 0' | tail -n +2 | sed 's/  */ /g')" "$(sed -n 's/^C|//p' <<<"$hand")"

# Section 8: each quarter's histogram adds up to 100%.
check "section 8: both histograms add up to 100%" \
	"$(section 8 | awk -F '│' 'NF == 5 && $2 ~ /[0-9]/ { a += $2; b += $4 } END { printf "%.0f %.0f", a, b }')" "100 100"
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

# Section 9: the goals' baselines and current values, by hand: NPS of the
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
# (the goals' numbers are in section 9's first table, their progress in the second)
got="$(field 9 '+1 NPS point this quarter' 4) $(field 9 '+1 NPS point this quarter' 5)"
got="$got $(field 9 'resolution time -20% this quarter' 4 | tr -d ' ') $(field 9 'resolution time -20% this quarter' 5 | tr -d ' ')"
check "section 9: goal baselines and current values" "$got" "$want"
check "section 9: the NPS goal is met, the resolution goal is not" \
	"$(field2 9 '+1 NPS point this quarter' 4) / $(field2 9 'resolution time -20% this quarter' 4)" "met / not met"

# ---------------------------------------------------------------------------
# The report read by a person (issue 10): each block would fail on the report
# before it was fixed (checked with CX_DEMO_REPORT on that report's output).

# finding 1: every churn row adds up, with the customers who joined or came
# back and left again in the same month shown.
check "finding 1: at end = at start + new + reactivated - churned - left again, on all 18 rows" \
	"$(section 5 | uperl -ne '
		my @f = map { s/^\s+|\s+$//gr } split /│/;
		if (!%c && /at start/) { my $i = 0; $c{$_} = $i++ for @f; next }
		next unless %c && $f[0] =~ /^20\d\d-\d\d$/;
		my $lost = exists $c{"left again"} ? $f[$c{"left again"}] : 0;
		$ok++ if $f[$c{"at end"}] == $f[$c{"at start"}] + $f[$c{new}] + $f[$c{reactivated}] - $f[$c{churned}] - $lost;
		END { print $ok + 0 }')" 18
check "finding 1: the left-again column is explained under the table" \
	"$(section 5 | grep -c '^   left again: new or reactivated in the month and gone by its end')" 1

# finding 2: a bar is as long as the number printed beside it, in eighths of
# its unit (rounded, never cut short).
# bars COL_VALUE COL_BAR UNIT: the rows of stdin whose bar is wrong, as "value:eighths"
bars() {
	uperl -ne '
		BEGIN { ($v, $b, $u) = @ARGV; @ARGV = () }
		my @f = split /│/; next unless @f > $b && $f[$v] =~ /^\s*-?[0-9.]+\s*$/;
		(my $x = $f[$v]) =~ s/\s//g; (my $bar = $f[$b]) =~ s/\s+$//; $bar =~ s/^ //;
		my $e = 8 * ($bar =~ tr/█//);
		$e += 1 + index("▏▎▍▌▋▊▉", $1) if $bar =~ /([▏▎▍▌▋▊▉])$/;
		print "$x:$e " if $e != int(8 * $x / $u + 0.5); $n++;
		END { print "rows=$n" }' "$@"
}
check "finding 2: NPS bars (█ = ½ point) match the NPS shown" "$(section 3 | bars 2 6 0.5)" "rows=18"
check "finding 2: churn bars match the churn % shown, in the unit of the header" \
	"$(unit=$(section 5 | uperl -ne 'print /█ = ¼ %/ ? 0.25 : 0.5 if /█ = /'); section 5 | bars "$(section 5 | uperl -ne 'if (/at start/) { my @f = map { s/^\s+|\s+$//gr } split /│/; for (0..$#f) { print $_ if $f[$_] eq "churn %" } exit }')" "$(section 5 | uperl -ne 'if (/at start/) { my @f = split /│/; for (0..$#f) { print $_ if $f[$_] =~ /█ =/ } exit }')" "$unit")" "rows=18"
check "finding 2: histogram bars (█ = 1%) match the shares shown, before and after" \
	"$(section 8 | bars 1 2 1) / $(section 8 | bars 3 4 1)" "rows=9 / rows=9"

# finding 3: a cohort cell is shaded from the whole percentage it shows.
check "finding 3: cohort shading agrees with the number shown, in every cell" \
	"$(section 6 | uperl -ne '
		next unless /^ 20\d\d-\d\d │/; my $cells = (split /│/)[2];
		while ($cells =~ /(\d+)([░▒▓█])/g) { $n++;
			my $want = $1 >= 90 ? "█" : $1 >= 80 ? "▓" : $1 >= 70 ? "▒" : "░"; $bad++ if $2 ne $want }
		END { print $bad + 0, " of ", $n + 0 }')" "0 of 156"   # 6 cohorts of 13 cells, then 12, 11, ..., 1

# finding 4: stages spelled as in the data in every section; a metric with
# no responses has a blank n everywhere, never 0.
stages=$(qa <<<'SELECT string_agg(stage, $$ $$ ORDER BY position) FROM cx.journey_stages')
for s in 1 2 4; do
	check "finding 4: section $s names the stages as the data does" \
		"$(section "$s" | awk -F '│' 'NF > 2 { k = $1; gsub(/^ +| +$/, "", k) } k ~ /(^|_)(before|after|purchase)/ && !seen[k]++ { printf "%s%s", sep, k; sep = " " }')" "$stages"
done
check "finding 4: no n column of sections 1 and 2 shows 0" \
	"$( (section 1; section 2) | uperl -ne '
		next unless /│/ && !/──/; my @f = map { s/^\s+|\s+$//gr } split /│/;
		if ($f[0] =~ /^(stage|touchpoint)$/) { @h = @f; next }   # a header row
		for (0..$#h) { $z++ if $h[$_] =~ /\bn$/ && $f[$_] eq "0" }
		END { print $z + 0 }')" 0

# finding 5: every NPS interval shows both ends, and an end beyond the axis
# says so.
want=$(qa <<SQL
SELECT string_agg(touchpoint || ':' || (nps_lower < -40)::int || (nps_upper > 60)::int, ' ' ORDER BY touchpoint)
FROM cx.touchpoint_scorecard WHERE month = '2026-09-01' AND nps_n > 0;
SQL
)
check "finding 5: each NPS plot has ● with a left end and a right end, ◂ ▸ when beyond the axis" \
	"$(section 2 | uperl -ne '
		my @f = split /│/; next unless @f >= 5 && $f[4] =~ /●/;
		(my $t = $f[0]) =~ s/^\s+|\s+$//g; (my $p = $f[4]) =~ s/^\s+|\s+$//g;
		my $ok = $p =~ /^[·┊]*[├◂]─*●─*[┤▸][·┊]*$/ ? "" : "!";
		push @r, "$t:" . ($p =~ /^◂/ ? 1 : 0) . ($p =~ /▸$/ ? 1 : 0) . $ok;
		END { print join " ", sort @r }')" "$want"

# finding 6: one minus sign, the ASCII one PostgreSQL prints.
check "finding 6: no U+2212 minus sign anywhere" "$(grep -c '−' <<<"$report" || true)" 0
check "finding 6: the NPS axis is labelled with the same minus as the numbers" \
	"$(section 2 | grep -c '│ -40     0         +60 *$')" 1

# finding 7: every line fits 100 columns.
check "finding 7: the widest line is at most 100 columns" \
	"$(uperl -ne 'chomp; $m = length if length > $m; END { print $m <= 100 ? "ok" : "$m columns" }' <<<"$report")" ok

# finding 8: ▲ means better and ▼ worse, in each metric's own direction.
check "finding 8: the legend says ▲ better, ▼ worse" "$(grep -c '▲ better, ▼ worse' <<<"$report")" 2
check "finding 8: the falling resolution time is ▲ (better), the rising NPS too" \
	"$(field2 9 'resolution time -20% this quarter' 5) / $(field2 9 '+1 NPS point this quarter' 5)" "<0.001 ▲ / <0.001 ▲"
check "finding 8: falling churn is told as better" \
	"$(section 5 | grep -c '^   (p < 0.001) ▲ better\.$')" 1

# finding 9: every story hidden in demo/data.sql is told in words, found by
# the data (nothing else is), with numbers that agree with the raw rows.
check "finding 9: the stories told" \
	"$(section 4 | sed -n 's/^   • \(.*\)$/\1/p' | tr '\n' ';')" \
	"store or office: worse in Nov–Dec 2025 only;point of sale: worse in Nov–Dec 2025 only;phone system: worse in Dec 2025 only;billing: worse since Feb 2026;website: better since Mar 2026;help center: better since Apr 2026;support team: better since Jul 2026;"
want=$(qa <<'SQL'
SET timezone = 'UTC';
SELECT 'NPS ' || round((100.0::float8 * (count(*) FILTER (WHERE score >= 9 AND responded_at < '2026-02-01')
						 - count(*) FILTER (WHERE score <= 6 AND responded_at < '2026-02-01'))
				 / count(score) FILTER (WHERE responded_at < '2026-02-01'))::numeric, 1)
	   || ' → ' || round((100.0::float8 * (count(*) FILTER (WHERE score >= 9 AND responded_at >= '2026-02-01')
						 - count(*) FILTER (WHERE score <= 6 AND responded_at >= '2026-02-01'))
				 / count(score) FILTER (WHERE responded_at >= '2026-02-01'))::numeric, 1) || ' ▼'
FROM cx.responses r JOIN cx.touchpoints t USING (touchpoint_id)
WHERE t.name = 'billing' AND metric = 'nps';
SQL
)
check "finding 9: billing's NPS before and since Feb 2026, by hand" \
	"$(section 4 | grep -A1 '• billing:' | sed -n 's/^       \(NPS [^,]*\),.*/\1/p')" "$want"
# The biggest month-over-month moves with q < 0.05 (touchpoint_changes):
# the support team's NPS in July 2026 against June, by hand from the raw
# rows, and every move listed has q below 0.05.
want=$(qa <<'SQL'
SET timezone = 'UTC';
SELECT format('Jul 2026, support team NPS: %s → %s (+%s; n %s → %s; q',
              round(a::numeric, 1), round(b::numeric, 1), round((b - a)::numeric, 1), na, nb)
FROM (SELECT 100.0::float8 * (count(*) FILTER (WHERE score >= 9 AND m = 6) - count(*) FILTER (WHERE score <= 6 AND m = 6))
             / count(score) FILTER (WHERE m = 6) AS a,
             100.0::float8 * (count(*) FILTER (WHERE score >= 9 AND m = 7) - count(*) FILTER (WHERE score <= 6 AND m = 7))
             / count(score) FILTER (WHERE m = 7) AS b,
             count(score) FILTER (WHERE m = 6) AS na, count(score) FILTER (WHERE m = 7) AS nb
      FROM cx.responses r JOIN cx.touchpoints t USING (touchpoint_id),
           LATERAL (SELECT extract(month FROM responded_at)::int AS m) AS mm
      WHERE t.name = 'support team' AND metric = 'nps'
        AND responded_at >= '2026-06-01' AND responded_at < '2026-08-01') AS x;
SQL
)
check "the biggest moves: the support team's NPS in Jul 2026 against Jun, by hand" \
	"$(section 4 | sed -n 's/^   ◦ \(Jul 2026, support team NPS: .*; q\) .*/\1/p')" "$want"
check "the biggest moves: 5 of NPS or CSAT and 2 of CES, each with q < 0.05" "5 2 7" \
	"$(section 4 | grep -c '^   ◦ .*\(NPS\|CSAT\):') $(section 4 | grep -c '^   ◦ .*CES:') $(section 4 | grep '^   ◦ ' | sed -n 's/.*q \(< 0\.001\|0\.0[0-4][0-9]*\)) [▲▼]$/x/p' | wc -l)"
want=$(qa <<'SQL'
SET timezone = 'UTC';
SELECT 'CES ' || round(avg(score) FILTER (WHERE responded_at >= '2025-12-01' AND responded_at < '2026-01-01'), 2)
	   || ' (' || round(avg(score) FILTER (WHERE NOT (responded_at >= '2025-12-01' AND responded_at < '2026-01-01')), 2)
	   || ' other months) ▼'
FROM cx.responses r JOIN cx.touchpoints t USING (touchpoint_id)
WHERE t.name = 'phone system' AND metric = 'ces';
SQL
)
check "finding 9: the phone system's CES in Dec 2025 and in the other months, by hand" \
	"$(section 4 | grep -A1 '• phone system:' | sed -n 's/^.*, \(CES .*\)$/\1/p')" "$want"

# finding 10: the resolution-time goal says how many cases it leaves out.
want=$(qa <<'SQL'
SELECT string_agg(to_char(open, 'FM990.0'), ' ' ORDER BY q DESC)
FROM (SELECT opened_at >= '2026-07-01' AS q, 100.0 * count(*) FILTER (WHERE resolved_at IS NULL) / count(*) AS open
	  FROM cx.interactions i JOIN cx.touchpoints t USING (touchpoint_id)
	  WHERE t.name = 'support team' AND opened_at >= '2026-04-01' AND opened_at < '2026-10-01'
	  GROUP BY 1) AS x;
SQL
)
check "finding 10: open support cases, this quarter and the last, said under the goals" \
	"$(section 9 | tr '\n' ' ' | sed -n 's/.*counts resolved cases only: \([0-9.]*\)% of the *support team cases opened in Jul–Sep 2026 are not resolved yet, against \([0-9.]*\)% in Apr–Jun 2026.*/\1 \2/p')" "$want"

# The resolution goal told with the open cases counted: the report's
# Kaplan-Meier medians (of duration summaries, within 1%) against the
# exact Kaplan-Meier median of the raw rows, written out here (open cases
# censored at their age on the report's day, 2026-10-01; ties: events before censorings; the median:
# the first time the survival falls to one half or below).
want=$(qa <<'SQL'
WITH c AS (
	SELECT opened_at >= '2026-07-01' AS q,
	       extract(epoch FROM coalesce(resolved_at, timestamptz '2026-10-01') - opened_at) / 3600 AS h,
	       resolved_at IS NOT NULL AS ev
	FROM cx.interactions i JOIN cx.touchpoints t USING (touchpoint_id)
	WHERE t.name = 'support team' AND opened_at >= '2026-04-01' AND opened_at < '2026-10-01'
), by_time AS (
	SELECT q, h, count(*) FILTER (WHERE ev) AS d, count(*) AS m FROM c GROUP BY q, h
), at_risk AS (
	SELECT q, h, d, sum(m) OVER (PARTITION BY q ORDER BY h DESC) AS n FROM by_time
), km AS (
	SELECT q, h, exp(sum(ln(greatest(1 - d::float8 / n, 1e-300))) OVER (PARTITION BY q ORDER BY h)) AS s
	FROM at_risk WHERE d > 0
)
SELECT string_agg(m::text, ' ' ORDER BY q) FROM (SELECT q, min(h) FILTER (WHERE s <= 0.5) AS m FROM km GROUP BY q) AS x;
SQL
)
got=$(section 9 | tr '\n' ' ' | sed -n 's/.*the median time *to resolve went from \([0-9.]*\) h to \([0-9.]*\) h, log-rank p [<0-9. ]*\..*/\1 \2/p')
check "section 9: the Kaplan-Meier medians of the resolution goal, open cases counted, within 1% of the exact ones (report: $got; exact: $want)" \
	"$(awk -v g="$got" -v w="$want" 'BEGIN { split(g, a, " "); split(w, b, " ");
		ok = (a[1] != "" && a[2] != "" && b[1] > 0 && b[2] > 0);
		for (i = 1; i <= 2 && ok; i++) if ((a[i] - b[i]) / b[i] > 0.0125 || (b[i] - a[i]) / b[i] > 0.0125) ok = 0;
		print ok ? "within" : "off" }')" within

# finding 11: the segment table says when its customers are counted.
check "finding 11: the segment table's customers are labelled with their date" \
	"$(section 5 | grep -c '^    segment  *│ customers on 2026-07-01 │')" 1

# The same seed gives the same report.
q -f "$root/demo/data.sql" >/dev/null
again=$(q -f "$root/demo/report.sql")
check "a second run gives the same report, byte for byte" "$(cmp -s <(printf '%s' "$report") <(printf '%s' "$again") && echo same)" same

echo "1..$n"
((failures == 0))
