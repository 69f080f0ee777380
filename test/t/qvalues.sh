#!/usr/bin/env bash
# qvalues.sh: the journey's p- and q-values against R.  A journey with six
# months of responses at six touchpoints, some of which move, is read
# through touchpoint_changes and goal_progress; R (Rscript, base stats
# only) then
#   - adjusts each month's p-values of touchpoint_changes with
#     p.adjust(method = "BH") and compares them with q_value, to the bit;
#   - recomputes every NPS p-value from the two months' counts (the
#     two-sample z-test of DESIGN.md s. 4) and every CSAT p-value with
#     prop.test(correct = FALSE), to 1e-9;
#   - adjusts goal_progress's p-values with p.adjust "BH" (q_value, to the
#     bit) and "holm" (p_adjust(..., 'holm') over the same family).
# Skips cleanly without Rscript.
#
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
# Prints TAP: one line per check.
set -euo pipefail

# shellcheck source=test/tap.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tap.sh"
command -v Rscript >/dev/null 2>&1 || skip_all "Rscript is not installed (apt-get install r-base-core)"

db=cx_qvalues
tmp=$(mktemp -d)
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1

# 18,000 responses, January to June 2026, touchpoints 8, 9, 12, 15, 18, 19.
# The website's (9) NPS rises by 2 points of score from April; the support
# team's (18) CSAT falls from May; the rest only wobble.
q >/dev/null <<'SQL'
SET client_min_messages = warning;
SET TimeZone = 'UTC';
CREATE EXTENSION cx_metrics;
SELECT cx_journey_create('j');
INSERT INTO j.responses (customer_id, touchpoint_id, metric, score, responded_at)
SELECT i % 500 + 1, tp, m.metric,
       CASE m.metric
           WHEN 'nps' THEN least(10, (i * 7919 + i / 17) % 11 + CASE WHEN tp = 9 AND mon >= 4 THEN 2 ELSE 0 END)
           WHEN 'csat' THEN greatest(1, 1 + (i * 104729 + i / 13) % 5 - CASE WHEN tp = 18 AND mon >= 5 THEN 1 ELSE 0 END)
           ELSE 1 + (i * 7907 + i / 19) % 7 END,
       make_timestamptz(2026, mon, 1 + i % 28, i % 24, 0, 0, 'UTC')
FROM generate_series(1, 18000) AS i
     CROSS JOIN LATERAL (SELECT (ARRAY[8, 9, 12, 15, 18, 19])[i % 6 + 1] AS tp,
                                1 + (i / 6) % 6 AS mon,
                                (ARRAY['nps', 'csat', 'ces'])[(i / 36) % 3 + 1] AS metric) AS m;
INSERT INTO j.goals (name, metric, touchpoint_id, baseline_period, target_period, target_kind, target, due_date)
SELECT 'g ' || t || ' ' || m, m, t, '[2026-01-01,2026-04-01)', '[2026-04-01,2026-07-01)', 'change', 1, '2099-12-31'
FROM unnest(ARRAY[8, 9, 12, 15, 18, 19]) AS t, unnest(ARRAY['nps', 'csat', 'ces']) AS m;
SQL

# Every test of touchpoint_changes, with the counts of its two months.
q -A -F, -P footer=off -c "
SELECT c.month, c.touchpoint_id, c.metric, c.p_value, c.q_value,
       a.nps_n AS n_a, a.promoters AS p_a, a.detractors AS d_a, b.nps_n AS n_b, b.promoters AS p_b, b.detractors AS d_b,
       a.csat_n AS cn_a, a.csat_satisfied AS cs_a, b.csat_n AS cn_b, b.csat_satisfied AS cs_b
FROM j.touchpoint_changes c
     JOIN j.touchpoint_scorecard b USING (month, touchpoint_id)
     JOIN j.touchpoint_scorecard a ON a.touchpoint_id = c.touchpoint_id AND a.month = (c.month - interval '1 month')::date
WHERE c.p_value IS NOT NULL
ORDER BY 1, 2, 3" >"$tmp/changes.csv"
q -A -F, -P footer=off -c "
SELECT goal_id, p_value, q_value,
       (p_adjust(array_agg(p_value) OVER (ORDER BY goal_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), 'holm'))[row_number() OVER (ORDER BY goal_id)] AS holm
FROM j.goal_progress ORDER BY goal_id" >"$tmp/goals.csv"

# R prints one line per check: "name|want|got".
Rscript --vanilla - "$tmp" >"$tmp/r.out" 2>"$tmp/r.err" <<'R' || { cat "$tmp/r.err" | sed 's/^/# /'; }
tmp <- commandArgs(trailingOnly = TRUE)[1]
ch <- read.csv(file.path(tmp, "changes.csv"), stringsAsFactors = FALSE)
say <- function(name, want, got) cat(name, "|", want, "|", got, "\n", sep = "")
say("tests read: 5 months x 6 touchpoints x 3 metrics", 90, nrow(ch))
# q-values: p.adjust per month, to the bit
q <- ave(ch$p_value, ch$month, FUN = function(p) p.adjust(p, method = "BH"))
say("months", 5, length(unique(ch$month)))
say("q_value = p.adjust(BH) per month, bit for bit", 0, sum(q != ch$q_value))
# the family is the month: adjusting all months at once would differ
qall <- p.adjust(ch$p_value, method = "BH")
say("a family of all months would give other q-values", "yes", if (any(qall != ch$q_value)) "yes" else "no")
# NPS p-values from the counts
nps <- ch[ch$metric == "nps", ]
se <- function(n, p, d) 100 * sqrt(((p + d) / n - ((p - d) / n)^2) / n)
delta <- 100 * (nps$p_b - nps$d_b) / nps$n_b - 100 * (nps$p_a - nps$d_a) / nps$n_a
z <- delta / sqrt(se(nps$n_a, nps$p_a, nps$d_a)^2 + se(nps$n_b, nps$p_b, nps$d_b)^2)
pr <- 2 * pnorm(-abs(z))
say("NPS p-values recomputed from the counts (relative error < 1e-9)", 0, sum(abs(pr - nps$p_value) > 1e-9 * pr))
say("NPS tests", 30, nrow(nps))
# CSAT p-values: the pooled two-proportion test is prop.test without continuity correction
cs <- ch[ch$metric == "csat", ]
pc <- mapply(function(sa, na, sb, nb) prop.test(c(sb, sa), c(nb, na), correct = FALSE)$p.value,
             cs$cs_a, cs$cn_a, cs$cs_b, cs$cn_b)
say("CSAT p-values = prop.test(correct = FALSE) (relative error < 1e-9)", 0, sum(abs(pc - cs$p_value) > 1e-9 * pc))
# something real is found: the website's NPS in April, the support team's CSAT in May
hit <- ch[ch$q_value < 0.05, c("month", "touchpoint_id", "metric")]
say("q < 0.05 flags the website's NPS in April and the support team's CSAT in May",
    "2026-04-01 9 nps;2026-05-01 18 csat", paste(apply(hit, 1, function(r) paste(trimws(r), collapse = " ")), collapse = ";"))
g <- read.csv(file.path(tmp, "goals.csv"), stringsAsFactors = FALSE)
say("goals with a p-value", 18, sum(!is.na(g$p_value)))
say("goal_progress.q_value = p.adjust(BH) over every goal, bit for bit", 0, sum(p.adjust(g$p_value, "BH") != g$q_value))
say("p_adjust(holm) over the goals = p.adjust(holm), bit for bit", 0, sum(p.adjust(g$p_value, "holm") != g$holm))
R
if [ ! -s "$tmp/r.out" ]; then
	not_ok "R ran"
else
	while IFS='|' read -r name want got; do
		check "$name" "$want" "$got"
	done <"$tmp/r.out"
fi
echo "1..$n"
