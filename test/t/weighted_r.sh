#!/usr/bin/env bash
# weighted_r.sh: the weighted summaries against R's survey package.
#
# Seeded random data sets (sizes 2 to 20000; weights uniform, log-normal,
# spanning 1e-6 to 1e6, a few huge outliers, all equal, integer), every
# weight with at most 6 decimals so that the extension's fixed-point weights
# are exactly R's.  For each set R computes, with
# svydesign(ids = ~1, weights = ~w) and svymean (the linearisation
# estimator), the weighted NPS (y = +100 / 0 / -100), CSAT % (y = 100 for
# 4-5 on 1..5), the mean score on 1..7 and CES net effort on 1..7 (y = +100
# for 5-7, -100 for 1-3), each with its standard error, and Kish's
# n_eff = (sum w)^2 / sum w^2.  The extension's nps(), nps_stderr(),
# csat(), csat_stderr(), mean(), mean_stderr(), net_effort(),
# net_effort_stderr(), effective_responses() and design_effect() must agree
# within 1e-9 relative (|x - r| <= 1e-9 * max(1, |r|)).  The R values are
# computed from the raw rows, not from the summary.
#
# Skips cleanly (1..0 # SKIP) where Rscript or the survey package is absent.
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
set -euo pipefail
# shellcheck source=test/tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tap.sh"

command -v Rscript >/dev/null 2>&1 || skip_all "Rscript is not installed (Debian: r-base-core)"
Rscript -e 'suppressMessages(library(survey))' >/dev/null 2>&1 ||
	skip_all "R's survey package is not installed (Debian: r-cran-survey)"

db=cx_weighted_r
tmp=$(mktemp -d)
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
	q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
q -d postgres >/dev/null <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
CREATE DATABASE $db;
SQL
# the server writes nothing: the rows travel through psql's \copy
chmod 755 "$tmp"

q -d "$db" >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION cx_metrics;
SELECT setseed(0.3141);
CREATE TABLE sets (set_id int PRIMARY KEY, n int, kind text);
INSERT INTO sets VALUES
	(1, 2, 'uniform'), (2, 3, 'uniform'), (3, 10, 'lognormal'), (4, 50, 'span'),
	(5, 200, 'uniform'), (6, 1000, 'lognormal'), (7, 1000, 'outliers'), (8, 5000, 'span'),
	(9, 20000, 'lognormal'), (10, 300, 'equal'), (11, 3000, 'integer'), (12, 777, 'outliers');
CREATE TABLE r (set_id int, score int, w float8);
INSERT INTO r
	SELECT set_id, floor(random() * 11)::int,
		   round((CASE kind
				WHEN 'uniform' THEN 0.2 + random() * 4
				WHEN 'lognormal' THEN exp(sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))
				WHEN 'span' THEN 10 ^ (random() * 12 - 6)
				WHEN 'outliers' THEN CASE WHEN random() < 0.01 THEN 5000 + random() * 1000 ELSE 0.5 + random() END
				WHEN 'equal' THEN 2.5
				WHEN 'integer' THEN floor(1 + random() * 9)
			END)::numeric, 6)::float8
	FROM sets, generate_series(1, n);
UPDATE r SET w = 0.000001 WHERE w < 0.000001;
SQL
q -d "$db" -c "\\copy (SELECT set_id, score, w FROM r ORDER BY set_id, score, w) TO '$tmp/rows.csv' WITH (FORMAT csv, HEADER)"

cat >"$tmp/check.R" <<'R'
suppressMessages(library(survey))
rows <- read.csv(file.path(Sys.getenv("TMPDIR_W"), "rows.csv"))
out <- NULL
for (s in sort(unique(rows$set_id))) {
	d <- rows[rows$set_id == s, ]
	d$y_nps <- ifelse(d$score >= 9, 100, ifelse(d$score <= 6, -100, 0))
	d$c5 <- d$score %% 5 + 1
	d$y_csat <- ifelse(d$c5 >= 4, 100, 0)
	d$m7 <- d$score %% 7 + 1
	d$y_net <- ifelse(d$m7 >= 5, 100, ifelse(d$m7 <= 3, -100, 0))
	des <- svydesign(ids = ~1, weights = ~w, data = d)
	est <- function(f) { m <- svymean(f, des); c(coef(m)[[1]], SE(m)[[1]]) }
	a <- est(~y_nps); b <- est(~y_csat); m <- est(~m7); e <- est(~y_net)
	neff <- sum(d$w)^2 / sum(d$w^2)
	out <- rbind(out, data.frame(set_id = s, n = nrow(d), nps = a[1], nps_se = a[2],
		csat = b[1], csat_se = b[2], mean = m[1], mean_se = m[2], net = e[1], net_se = e[2],
		n_eff = neff, deff = nrow(d) / neff))
}
write.csv(out, file.path(Sys.getenv("TMPDIR_W"), "r.csv"), row.names = FALSE)
R
# write.csv writes 15 significant digits: ample for a tolerance of 1e-9
TMPDIR_W=$tmp Rscript -e "source('$tmp/check.R')" >"$tmp/r.log" 2>&1 || {
	not_ok "R ran"
	sed 's/^/# /' "$tmp/r.log"
	echo "1..$n"
	exit 1
}
q -d "$db" >/dev/null <<SQL
CREATE TABLE rref (set_id int, n int, nps float8, nps_se float8, csat float8, csat_se float8,
	mean float8, mean_se float8, net float8, net_se float8, n_eff float8, deff float8);
\\copy rref FROM '$tmp/r.csv' WITH (FORMAT csv, HEADER, NULL 'NA')
SQL

# one line per set and quantity: set|quantity|extension|R|agrees
res=$(q -d "$db" -At -F '|' <<'SQL'
CREATE FUNCTION agrees(x float8, r float8) RETURNS boolean
LANGUAGE sql AS $$ SELECT (x IS NULL AND r IS NULL) OR abs(x - r) <= 1e-9 * greatest(1, abs(r)) $$;
WITH ext AS (
	SELECT set_id, count(*) AS n, nps_weighted_agg(score, w) AS s, csat_weighted_agg(score % 5 + 1, w) AS c,
		   ces_weighted_agg(score % 7 + 1, w) AS e
	FROM r GROUP BY set_id),
vals AS (
	SELECT set_id, v.*
	FROM ext JOIN rref USING (set_id),
	LATERAL (VALUES
		('rows', ext.n::float8, rref.n::float8),
		('nps', nps(s), rref.nps), ('nps_stderr', nps_stderr(s), rref.nps_se),
		('csat', csat(c), rref.csat), ('csat_stderr', csat_stderr(c), rref.csat_se),
		('mean', mean(e), rref.mean), ('mean_stderr', mean_stderr(e), rref.mean_se),
		('net_effort', net_effort(e), rref.net), ('net_effort_stderr', net_effort_stderr(e), rref.net_se),
		('effective_responses', effective_responses(s), rref.n_eff),
		('design_effect', design_effect(s), rref.deff)) v(quantity, x, r))
SELECT set_id, quantity, x, r, agrees(x, r) FROM vals ORDER BY set_id, quantity;
SQL
)

sets=$(cut -d'|' -f1 <<<"$res" | sort -un | wc -l)
if [[ $sets -ne 12 ]]; then
	not_ok "R computed every data set (got $sets of 12)"
else
	ok "R computed every data set (12)"
fi
for quantity in nps nps_stderr csat csat_stderr mean mean_stderr net_effort net_effort_stderr effective_responses design_effect rows; do
	bad=$(awk -F'|' -v q="$quantity" '$2 == q && $5 != "t"' <<<"$res")
	total=$(awk -F'|' -v q="$quantity" '$2 == q' <<<"$res" | wc -l)
	if [[ -z $bad && $total -eq 12 ]]; then
		ok "$quantity agrees with R survey::svymean within 1e-9 relative on $total data sets"
	else
		not_ok "$quantity agrees with R survey::svymean within 1e-9 relative ($total data sets)"
		sed 's/^/# set|quantity|extension|R|agrees: /' <<<"$bad" | head -12
	fi
done
# the numbers of the largest set, for the log
awk -F'|' '$1 == 9 { print "# set 9 (20000 rows): " $2 " = " $3 " (R: " $4 ")" }' <<<"$res"
echo "1..$n"
