#!/usr/bin/env bash
# duration_property.sh: the relative-error guarantee of duration_summary,
# against exact SQL on seeded random data.
#
# Seven distributions of durations in seconds (fixed seed): log-normal,
# exponential, Pareto, bimodal (minutes and days), heavily tied (whole
# minutes, many of them 0), tiny (around 1 ms) and huge (around 10 years);
# a tenth of the cases open.  Each in sizes n = 1, 2, 10, 1000 and 100000,
# the log-normal also in n = 1000000; each summarized with alpha = 0.001,
# 0.01 and 0.05 (n = 1000000: 0.01 only).  Checked, against plain SQL that
# shares no code with the extension:
#   - percentile(s, q), q in 0, 0.01, 0.1, 0.25, 0.5, 0.9, 0.99, 0.999, 1:
#     |percentile - x_(k)| <= alpha * x_(k) + 1 us, x_(k) the exact order
#     statistic of the completed cases, percentile_disc(q);
#     percentiles(s, qs) is percentile(s, q) element by element;
#   - share_within(s, L), L the 10th, 50th and 90th exact percentiles and
#     1 hour: between the exact shares at L / (1 + alpha) and L / (1 - alpha)
#     (share at L' = completed cases <= L' over completed cases plus open
#     cases older than L');
#   - cases, completed, open exact; mean within 1 us of the exact mean of the
#     durations rounded to the microsecond; shortest and longest within 1 us
#     of the exact min and max;
#   - rollup of the summaries of random parts, in random order, equals the
#     single pass (=, byte for byte);
#   - a forced parallel plan (Partial Aggregate) gives the serial summaries.
#
# Prints TAP and exits nonzero on any failure, showing the first offending
# rows.  Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides
# one).  CX_DURATION_BIG=N changes the size of the largest case (1000000).
set -euo pipefail

db=cx_duration_property
big=${CX_DURATION_BIG:-1000000}

q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

cleanup() {
	q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
}
trap cleanup EXIT
q -d postgres >/dev/null <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
CREATE DATABASE $db;
SQL

start=$SECONDS
out=$(q -d "$db" -At -F '|' -v big="$big" 2>&1 <<'SQL'
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;	-- random() in one process, in one order
SET work_mem = '256MB';
CREATE EXTENSION cx_metrics;
SELECT setseed(0.1729) \g /dev/null

CREATE TABLE dists (dist text PRIMARY KEY);
INSERT INTO dists VALUES ('lognormal'), ('exponential'), ('pareto'), ('bimodal'), ('tied_minutes'),
	('tiny_ms'), ('huge_10y');
CREATE TABLE sizes (n int);
INSERT INTO sizes VALUES (1), (2), (10), (1000), (100000);

-- u uniform in [0, 1), z standard normal (Box-Muller), a tenth open, part
-- one of 7 random parts (a hash of the row); abs() keeps -0 out; least and
-- greatest keep the tails inside [2^-20 s, 2^44 s].
CREATE TABLE data AS
SELECT dist, n, i, (hashint8(n::bigint * 10000000 + i) & 65535) % 7 AS part, open,
	   CASE dist
		   WHEN 'lognormal' THEN 1800 * exp(1.2 * z)
		   WHEN 'exponential' THEN abs(3600 * ln(1 - u))
		   WHEN 'pareto' THEN least(2 ^ 44, 60 / power(1 - u, 1 / 1.2::float8))
		   WHEN 'bimodal' THEN CASE WHEN u < 0.6 THEN 300 * exp(0.3 * z) ELSE 86400 * exp(0.5 * z) END
		   WHEN 'tied_minutes' THEN abs(60 * floor(-20 * ln(1 - u)))
		   WHEN 'tiny_ms' THEN greatest(2 ^ -20, 0.001 * exp(0.7 * z))
		   WHEN 'huge_10y' THEN least(2 ^ 44, 315576000 * exp(0.3 * z))
	   END AS x
FROM (SELECT dist, n, i, random() AS u, sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z,
			 random() < 0.1 AS open
	  FROM dists, sizes, generate_series(1, n) i
	  UNION ALL
	  SELECT 'lognormal', :big, i, random(), sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()),
			 random() < 0.1
	  FROM generate_series(1, :big) i) d;
ANALYZE data;

-- The summaries under test, one pass per alpha.  (Grouping by (dist, n)
-- reads data in its physical order, already grouped; a sort on several
-- keys of 1.7M rows, or a cross join with the alphas, takes ten times as
-- long on this machine.)
CREATE TABLE summ AS
SELECT dist, n, 0.001::float8 AS alpha, duration_agg(x, open, 0.001) AS s FROM data WHERE n < :big GROUP BY dist, n
UNION ALL
SELECT dist, n, 0.01, duration_agg(x, open, 0.01) FROM data GROUP BY dist, n
UNION ALL
SELECT dist, n, 0.05, duration_agg(x, open, 0.05) FROM data WHERE n < :big GROUP BY dist, n;

-- exact: counts, min, max, sum of the microseconds, order statistics
CREATE TABLE exact AS
SELECT dist, n, count(*) AS cases, count(*) FILTER (WHERE NOT open) AS completed,
	   min(x) FILTER (WHERE NOT open) AS mn, max(x) FILTER (WHERE NOT open) AS mx,
	   sum(round(x * 1000000)::numeric) FILTER (WHERE NOT open) AS sum_us,
	   percentile_disc('{0, 0.01, 0.1, 0.25, 0.5, 0.9, 0.99, 0.999, 1}'::float8[])
		   WITHIN GROUP (ORDER BY x) FILTER (WHERE NOT open) AS p,
	   -- the durations sorted: width_bucket(t, xs) is how many are <= t
	   coalesce(array_agg(x ORDER BY x) FILTER (WHERE NOT open), '{}') AS xc,
	   coalesce(array_agg(x ORDER BY x) FILTER (WHERE open), '{}') AS xo
FROM data GROUP BY dist, n;

SELECT 'note', format('%s rows; %s summaries; exact p50 of n = 1000 per distribution: %s', (SELECT count(*) FROM data),
	   (SELECT count(*) FROM summ),
	   (SELECT string_agg(dist || ' ' || round(p[5]::numeric, 6), ', ' ORDER BY dist) FROM exact WHERE n = 1000));

-- 1. percentiles
CREATE TABLE pcheck AS
SELECT s.dist, s.n, s.alpha, u.q, e.p[u.j] AS exact, extract(epoch FROM percentile(s.s, u.q))::float8 AS got
FROM summ s JOIN exact e USING (dist, n),
	 unnest('{0, 0.01, 0.1, 0.25, 0.5, 0.9, 0.99, 0.999, 1}'::float8[]) WITH ORDINALITY u(q, j);
ALTER TABLE pcheck ADD ok boolean;
UPDATE pcheck SET ok = CASE WHEN exact IS NULL THEN got IS NULL
							ELSE got IS NOT NULL AND abs(got - exact) <= alpha * exact + 1e-6 END;
SELECT 'R', 'percentile', dist, count(*), count(*) FILTER (WHERE NOT ok),
	   format('worst |error| / (alpha x) %s', round(max(abs(got - exact) / nullif(alpha * exact, 0))::numeric, 4))
FROM pcheck GROUP BY dist ORDER BY dist;
SELECT 'E', 'percentile', dist, format('n %s alpha %s q %s: exact %s, got %s', n, alpha, q, exact, got)
FROM pcheck WHERE NOT ok ORDER BY dist, n, alpha, q LIMIT 20;

-- percentiles() element by element
SELECT 'R', 'percentiles', 'all', count(*),
	   count(*) FILTER (WHERE percentiles(s, '{0, 0.01, 0.1, 0.25, 0.5, 0.9, 0.99, 0.999, 1}'::float8[]) IS DISTINCT FROM
			ARRAY[percentile(s, 0), percentile(s, 0.01), percentile(s, 0.1), percentile(s, 0.25), percentile(s, 0.5),
				  percentile(s, 0.9), percentile(s, 0.99), percentile(s, 0.999), percentile(s, 1)]), ''
FROM summ;

-- 2. share_within: the limits, the exact shares at L / (1 + alpha) and
-- L / (1 - alpha) (widened by 1e-12 against ties at the bound), per alpha
CREATE TABLE lims AS
SELECT DISTINCT dist, n, make_interval(secs => v) AS lim
FROM exact, LATERAL (VALUES (p[3]), (p[5]), (p[6]), (3600::float8)) v(v) WHERE v IS NOT NULL;
-- the exact share at L': completed <= L' / (completed + open > L')
CREATE FUNCTION pg_temp.share_at(d text, nn int, t float8) RETURNS float8 LANGUAGE sql STABLE AS
$$ SELECT width_bucket(t, e.xc)::float8 / nullif(e.completed + (e.cases - e.completed) - width_bucket(t, e.xo), 0)
   FROM exact e WHERE e.dist = d AND e.n = nn $$;
CREATE TABLE scheck AS
SELECT s.dist, s.n, s.alpha, l.lim, share_within(s.s, l.lim) AS got, e.completed AS nc,
	   pg_temp.share_at(s.dist, s.n, extract(epoch FROM l.lim)::float8 / (1 + s.alpha) * (1 - 1e-12)) AS lo,
	   pg_temp.share_at(s.dist, s.n, extract(epoch FROM l.lim)::float8 / (1 - s.alpha) * (1 + 1e-12)) AS hi
FROM summ s JOIN lims l USING (dist, n) JOIN exact e USING (dist, n);
ALTER TABLE scheck ADD ok boolean;
-- no completed case: the share is 0 where an open case is known, else NULL
UPDATE scheck SET ok = CASE WHEN nc = 0 THEN got IS NULL OR got = 0
							ELSE got BETWEEN lo - 1e-12 AND hi + 1e-12 END;
SELECT 'R', 'share_within', dist, count(*), count(*) FILTER (WHERE ok IS NOT TRUE),
	   format('%s limits; mean width of the allowed band %s', count(DISTINCT (n, lim)), round(avg(hi - lo)::numeric, 5))
FROM scheck GROUP BY dist ORDER BY dist;
SELECT 'E', 'share_within', dist, format('n %s alpha %s limit %s: allowed [%s, %s], got %s', n, alpha, lim, lo, hi, got)
FROM scheck WHERE ok IS NOT TRUE ORDER BY dist, n, alpha, lim LIMIT 20;

-- 3. counts, mean, shortest, longest
CREATE TABLE ccheck AS
SELECT s.dist, s.n, s.alpha,
	   cases(s.s) = e.cases AND completed(s.s) = e.completed AND open_cases(s.s) = e.cases - e.completed
	   AND relative_error(s.s) = s.alpha
	   AND CASE WHEN e.completed = 0 THEN mean(s.s) IS NULL AND shortest(s.s) IS NULL AND longest(s.s) IS NULL
				ELSE abs(extract(epoch FROM mean(s.s)) * 1000000 - e.sum_us / e.completed) <= 1
					 AND abs(extract(epoch FROM shortest(s.s))::float8 - e.mn) <= 1e-6
					 AND abs(extract(epoch FROM longest(s.s))::float8 - e.mx) <= 1e-6 END AS ok,
	   format('cases %s/%s completed %s/%s mean %s/%s shortest %s/%s longest %s/%s', cases(s.s), e.cases,
			  completed(s.s), e.completed, mean(s.s), e.sum_us / nullif(e.completed, 0) / 1000000,
			  shortest(s.s), e.mn, longest(s.s), e.mx) AS what
FROM summ s JOIN exact e USING (dist, n);
SELECT 'R', 'counts', 'all', count(*), count(*) FILTER (WHERE ok IS NOT TRUE), '' FROM ccheck;
SELECT 'E', 'counts', 'all', format('%s n %s alpha %s: %s', dist, n, alpha, what)
FROM ccheck WHERE ok IS NOT TRUE ORDER BY dist, n, alpha LIMIT 10;

-- 4. rollup of random parts, in random order
SET enable_sort = off;	-- hash the groups (see summ above)
CREATE TABLE parts AS
SELECT dist, n, 0.001::float8 AS alpha, part, duration_agg(x, open, 0.001) AS s FROM data WHERE n < :big GROUP BY dist, n, part
UNION ALL
SELECT dist, n, 0.01, part, duration_agg(x, open, 0.01) FROM data GROUP BY dist, n, part
UNION ALL
SELECT dist, n, 0.05, part, duration_agg(x, open, 0.05) FROM data WHERE n < :big GROUP BY dist, n, part;
RESET enable_sort;
CREATE TABLE mcheck AS
SELECT m.dist, m.n, m.alpha, m.s = s.s AND duration_summary_send(m.s) = duration_summary_send(s.s) AS ok
FROM (SELECT dist, n, alpha, rollup(s ORDER BY md5(dist || part)) AS s FROM parts GROUP BY dist, n, alpha) m
JOIN summ s USING (dist, n, alpha);
SELECT 'R', 'rollup', 'all', count(*), count(*) FILTER (WHERE ok IS NOT TRUE),
	   format('%s parts', (SELECT count(*) FROM parts)) FROM mcheck;
SELECT 'E', 'rollup', 'all', format('%s n %s alpha %s', dist, n, alpha) FROM mcheck WHERE ok IS NOT TRUE LIMIT 10;

-- 5. parallel = serial
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
CREATE FUNCTION pg_temp.plan_of(query text) RETURNS SETOF text LANGUAGE plpgsql AS
$$ BEGIN RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || query; END $$;
SELECT 'note', 'parallel plan: ' || string_agg(trim(p), ' / ')
FROM pg_temp.plan_of('SELECT dist, n, duration_agg(x, open, 0.01) AS s1, duration_agg(x, open, 0.001) AS s2 FROM data WHERE n >= 100000 GROUP BY dist, n') p;
CREATE TABLE par AS
SELECT dist, n, duration_agg(x, open, 0.01) AS s1, duration_agg(x, open, 0.001) AS s2
FROM data WHERE n >= 100000 GROUP BY dist, n;
SELECT 'R', 'parallel', 'all', count(*) + 1,
	   count(*) FILTER (WHERE p.s1 IS DISTINCT FROM a.s OR (p.n < :big AND p.s2 IS DISTINCT FROM b.s))
	   + CASE WHEN (SELECT count(*) FROM pg_temp.plan_of('SELECT dist, n, duration_agg(x, open, 0.01) AS s1, duration_agg(x, open, 0.001) AS s2 FROM data WHERE n >= 100000 GROUP BY dist, n') p
					WHERE p LIKE '%Partial%Aggregate%') > 0 THEN 0 ELSE 1 END,
	   format('%s groups of n >= 100000, two alphas', count(*))
FROM par p JOIN summ a ON a.dist = p.dist AND a.n = p.n AND a.alpha = 0.01
LEFT JOIN summ b ON b.dist = p.dist AND b.n = p.n AND b.alpha = 0.001;
SQL
) || {
	echo "not ok 1 - the comparison did not run"
	printf '%s\n' "$out" | sed 's/^/# /'
	exit 1
}

n=0
failed=0
while IFS='|' read -r kind what dist checks bad detail; do
	case $kind in
	note) echo "# $what" ;;
	R)
		n=$((n + 1))
		label="$what"
		[[ $dist == all ]] || label="$dist: $what"
		if [[ $bad == 0 && $checks -gt 0 ]]; then
			echo "ok $n - $label: $checks checks${detail:+; $detail}"
		else
			failed=$((failed + 1))
			echo "not ok $n - $label: $bad of $checks checks failed${detail:+; $detail}"
			grep -F "E|$what|$dist|" <<<"$out" | cut -d'|' -f4- | sed 's/^/#   /' || true
		fi
		;;
	esac
done <<<"$out"
echo "1..$n"
echo "# $((SECONDS - start))s in all"
((failed == 0 && n > 0))
