/*
 * fuzz.c
 *		Mutation fuzzer for the text and binary input functions of the
 *		cx_metrics summary types.
 *
 * For each summary type (nps_summary, csat_summary, ces_summary,
 * churn_summary, churn_tstz_summary, duration_summary, mrr_timeline,
 * revenue_summary, revenue_tstz_summary, nps_weighted_summary,
 * csat_weighted_summary, ces_weighted_summary) it reads the valid values that
 * test/fuzz/seeds.sql made with the extension's own aggregates, in text and
 * in binary form, mutates them N times each way, and hands every mutant to
 * the server as a parameter of that type: a text parameter goes through the
 * type's input function, a binary one through its receive function.  The
 * survey summaries are also built from other types, and those forms are
 * fuzzed the same way in text: their JSON form through the cast from jsonb,
 * their counts through nps_summary(counts bigint[]) and its kin (the
 * "via" fields of fuzz_types[]).  Input
 * functions face data from anywhere (dumps, COPY, drivers, Citus shipping
 * summaries between nodes), so each mutant must satisfy the oracle:
 *
 *	- the server survives it: the connection stays up;
 *	- if it is rejected, the error is raised while the parameter is bound
 *	  and carries an SQLSTATE the input function raises on purpose (the
 *	  lists in fuzz_types[], read off the code); anything else, an internal
 *	  error (XX000) included, is a failure;
 *	- if it is accepted, the value x round-trips: (x::text)::T = x, its text
 *	  output is stable, recv(send(x)) = x; and its readers show the type's
 *	  invariants (counts that add up, non-negative, at most the customers);
 *	- a text input holding a number above 2^63 - 1 anywhere is rejected:
 *	  no count, version or grid field may wrap around.  (duration_summary:
 *	  its sums are 128-bit, so there the bound of sum= and sumsq= is
 *	  2^128 - 1, and its float8 fields alpha=, min= and max= are not
 *	  counted.)
 *
 * The mutations: bit flips, inserted, deleted and duplicated bytes,
 * truncation, splicing of two seeds, separators swapped, items of a list
 * dropped or repeated, number tokens replaced by boundary values (0, -1,
 * 2^31 - 1, 2^63, 2^64 + 1, huge digit strings, ...) or by themselves plus
 * a multiple of 2^64, a new format version; for binary input also int32 and
 * int64 fields, found from the seed's layout, overwritten with boundary
 * values (INT64_MIN and its neighbours, ...) or nudged by a few units.
 * duration_summary has float8 fields too (min, max in binary; alpha, min,
 * max in text): they also become boundary doubles (NaN, infinities, -0,
 * the ends of the accepted range and their neighbours, ...).  One to four
 * mutations per input.
 *
 * Everything is deterministic: the inputs depend only on SEED, N and the
 * seeds the server made, so a failure is reproduced by running again with
 * the SEED and N it printed.  The PRNG is splitmix64, one stream per type
 * and form.
 *
 * Usage: fuzz SEED N.  The connection comes from the PG* environment
 * variables; the database must have cx_metrics and test/fuzz/seeds.sql's
 * schema.  Prints TAP, a handful of lines per type; on a failure, the first
 * offending inputs (binary ones in hex) with the server's answer.  Exits
 * with status 1 if a test failed, 2 if the server crashed or could not be
 * reached.  Uses only libpq calls that every supported server has.
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libpq-fe.h"

#include "cx_splitmix.h"

/* Longest mutant: stacked duplications must not grow without bound. */
#define MAX_INPUT		65536

/* Failing inputs shown per test. */
#define MAX_EXAMPLES	5

/* Mutations applied to one input: 1 to this many. */
#define MAX_MUTATIONS	4

/* ---------------------------------------------------------------------
 * The types under test
 * ---------------------------------------------------------------------
 */

/*
 * The readers' view of the survey types' invariants: the counts of
 * distribution(s) are non-negative and sum to responses(s).
 */
#define SURVEY_INVARIANTS \
	"(SELECT coalesce(sum(c), 0) = responses($1) AND coalesce(bool_and(c >= 0), true)" \
	" FROM unnest(distribution($1)) AS c)"

/*
 * The weighted survey types': the counts add up to responses(s), none is
 * negative, a score has weight exactly when it has responses, and Kish's
 * n_eff is between 1 and the responses (float rounding allowed).
 */
#define WEIGHTED_INVARIANTS \
	"(SELECT coalesce(sum(c), 0) = responses($1) AND coalesce(bool_and(c >= 0 AND (c = 0) = (w = 0)), true)" \
	" FROM unnest(distribution($1), weight_distribution($1)) AS u(c, w))" \
	" AND (responses($1) = 0) = (effective_responses($1) IS NULL)" \
	" AND coalesce(effective_responses($1) BETWEEN 1 - 1e-9 AND responses($1) * (1 + 1e-9), true)"

/*
 * The churn types': for every period of churn_periods(s), customers at the
 * end = at the start - churned + (new - new_lost) + (reactivated -
 * reactivated_lost); every count non-negative and at most customers(s); the
 * lost at most those they are lost from; periods contiguous, one row per
 * period; customers new once at most; and each cohort of churn_cohort_retention(s)
 * with 0 to cohort_size retained, its first cell new - new_lost.
 */
#define CHURN_INVARIANTS \
	"(SELECT coalesce(bool_and(" \
	"    customers_at_end = customers_at_start - churned + (new_customers - new_lost)" \
	"                       + (reactivated - reactivated_lost)" \
	"    AND least(customers_at_start, new_customers, reactivated, churned," \
	"              customers_at_end, new_lost, reactivated_lost) >= 0" \
	"    AND greatest(customers_at_start, new_customers, reactivated, churned," \
	"                 customers_at_end, new_lost, reactivated_lost) <= customers($1)" \
	"    AND churned <= customers_at_start AND new_lost <= new_customers" \
	"    AND reactivated_lost <= reactivated AND period_start < period_end" \
	"    AND customers_at_start = coalesce(prev_end, customers_at_start)" \
	"    AND period_start = coalesce(prev_bound, period_start)), false)" \
	"    AND count(*) = ($1::jsonb ->> 'periods')::int" \
	"    AND coalesce(sum(new_customers), 0) <= customers($1)" \
	"  FROM (SELECT *, lag(customers_at_end) OVER w AS prev_end," \
	"               lag(period_end) OVER w AS prev_bound" \
	"        FROM churn_periods($1) WINDOW w AS (ORDER BY period_start)) AS p)" \
	" AND CASE WHEN $1::jsonb -> 'max_offset' = 'null' THEN true ELSE" \
	"  (SELECT coalesce(bool_and(r.retained BETWEEN 0 AND r.cohort_size" \
	"                            AND (r.period_offset > 0" \
	"                                 OR r.retained = p.new_customers - p.new_lost)), true)" \
	"   FROM churn_cohort_retention($1) AS r JOIN churn_periods($1) AS p ON p.period_start = r.cohort)" \
	" END"

/*
 * duration_summary's: cases = completed + open, none negative; alpha
 * allowed; the mean, shortest and longest NULL exactly when nothing is
 * completed, shortest <= longest; percentiles clamped to [shortest,
 * longest] and non-decreasing in q, percentiles() element by element;
 * shares and survival in [0, 1], shares non-decreasing in the limit; the
 * JSON form agrees with the accessors.
 */
#define DURATION_INVARIANTS \
	"(cases($1) = completed($1) + open_cases($1) AND completed($1) >= 0 AND open_cases($1) >= 0" \
	" AND relative_error($1) BETWEEN 0.001 AND 0.05" \
	" AND (completed($1) = 0) = (mean($1) IS NULL)" \
	" AND (completed($1) = 0) = (shortest($1) IS NULL)" \
	" AND (completed($1) = 0) = (longest($1) IS NULL)" \
	" AND coalesce(shortest($1) <= longest($1), true)" \
	" AND coalesce(percentile($1, 0) BETWEEN shortest($1) AND longest($1), true)" \
	" AND coalesce(percentile($1, 1) BETWEEN shortest($1) AND longest($1), true)" \
	" AND coalesce(percentile($1, 0.5) BETWEEN percentile($1, 0) AND percentile($1, 1), true)" \
	" AND percentiles($1, '{0, 0.5, 1}') IS NOT DISTINCT FROM" \
	"     ARRAY[percentile($1, 0), percentile($1, 0.5), percentile($1, 1)]" \
	" AND coalesce(share_within($1, '1 hour') BETWEEN 0 AND 1, true)" \
	" AND coalesce(survival($1, '1 hour') BETWEEN 0 AND 1, true)" \
	" AND ($1::jsonb ->> 'cases')::bigint = cases($1)" \
	" AND ($1::jsonb ->> 'completed')::bigint = completed($1)" \
	" AND ($1::jsonb ->> 'open')::bigint = open_cases($1))"

/*
 * The revenue summaries' (S is the summary, an SQL expression): for every
 * period of revenue_periods(S), start + new + expansion + reactivation -
 * contraction - churned = end and net new = end - start, exactly; customers
 * at the end = at the start - churned + new + reactivation; no amount or
 * count negative; those paying at the start plus the new and reactivated at
 * most customers(S), the churned, expanding and contracting at most those
 * paying at the start; a movement has customers exactly when it has an
 * amount (each customer in it moves by at least one unit), and so has the
 * MRR at either end; periods contiguous in money, customers and bounds;
 * NRR NULL exactly when nothing is paid at the start, ARPA exactly when
 * nobody pays at the end.  With cohorts (max_offset in the text form):
 * every cell 0 to cohort_size customers, MRR exactly when customers, the
 * cohort's MRR its period's new MRR, offset 0 the period's new customers
 * and MRR, and the cohorts' sizes at most customers(S).
 */
#define REVENUE_INVARIANTS_OF(S) \
	"(SELECT coalesce(bool_and(" \
	"    mrr_at_start + new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr" \
	"      = mrr_at_end" \
	"    AND net_new_mrr = mrr_at_end - mrr_at_start" \
	"    AND customers_at_end = customers_at_start - churned_customers + new_customers" \
	"                           + reactivation_customers" \
	"    AND least(mrr_at_start, new_mrr, expansion_mrr, reactivation_mrr, contraction_mrr," \
	"              churned_mrr, mrr_at_end) >= 0" \
	"    AND least(customers_at_start, new_customers, expansion_customers, reactivation_customers," \
	"              contraction_customers, churned_customers, customers_at_end) >= 0" \
	"    AND customers_at_start + new_customers + reactivation_customers <= customers(" S ")" \
	"    AND churned_customers + expansion_customers + contraction_customers <= customers_at_start" \
	"    AND (new_customers = 0) = (new_mrr = 0)" \
	"    AND (expansion_customers = 0) = (expansion_mrr = 0)" \
	"    AND (reactivation_customers = 0) = (reactivation_mrr = 0)" \
	"    AND (contraction_customers = 0) = (contraction_mrr = 0)" \
	"    AND (churned_customers = 0) = (churned_mrr = 0)" \
	"    AND (customers_at_start = 0) = (mrr_at_start = 0)" \
	"    AND (customers_at_end = 0) = (mrr_at_end = 0)" \
	"    AND period_start < period_end" \
	"    AND mrr_at_start = coalesce(prev_end, mrr_at_start)" \
	"    AND customers_at_start = coalesce(prev_customers, customers_at_start)" \
	"    AND period_start = coalesce(prev_bound, period_start)" \
	"    AND (nrr IS NULL) = (mrr_at_start = 0) AND (arpa IS NULL) = (customers_at_end = 0)), false)" \
	"  FROM (SELECT *, lag(mrr_at_end) OVER w AS prev_end, lag(customers_at_end) OVER w AS prev_customers," \
	"               lag(period_end) OVER w AS prev_bound" \
	"        FROM revenue_periods(" S ") WINDOW w AS (ORDER BY period_start)) AS p)" \
	" AND CASE WHEN (" S ")::text NOT LIKE '%;max_offset=%' THEN true ELSE" \
	"  (SELECT coalesce(bool_and(r.customers BETWEEN 0 AND r.cohort_size AND r.mrr >= 0" \
	"                            AND (r.customers = 0) = (r.mrr = 0) AND r.cohort_mrr = p.new_mrr" \
	"                            AND (r.period_offset > 0" \
	"                                 OR (r.customers = p.new_customers AND r.mrr = p.new_mrr))), true)" \
	"   FROM revenue_cohort_retention(" S ") AS r JOIN revenue_periods(" S ") AS p" \
	"        ON p.period_start = r.cohort)" \
	"  AND (SELECT coalesce(sum(cohort_size), 0) FROM (SELECT DISTINCT cohort, cohort_size" \
	"       FROM revenue_cohort_retention(" S ")) AS z) <= customers(" S ")" \
	" END"

/*
 * mrr_timeline's: the summary of the one timeline, on a monthly grid of
 * its kind over the seeds' years, with every cohort offset, keeps the
 * revenue invariants and counts at most one customer.
 */
#define TIMELINE_SUMMARY_DATE \
	"(SELECT revenue_agg($1, date '2022-12-01', interval '1 month', 30, 29))"
#define TIMELINE_SUMMARY_TSTZ \
	"(SELECT revenue_agg($1, timestamptz '2022-12-01 00:00+00', interval '1 month', 30, 29))"
#define TIMELINE_INVARIANTS \
	"CASE WHEN $1::text LIKE 'v1;kind=date;%'" \
	" THEN " REVENUE_INVARIANTS_OF(TIMELINE_SUMMARY_DATE) \
	"      AND customers(" TIMELINE_SUMMARY_DATE ") <= 1" \
	" ELSE " REVENUE_INVARIANTS_OF(TIMELINE_SUMMARY_TSTZ) \
	"      AND customers(" TIMELINE_SUMMARY_TSTZ ") <= 1 END"

/* The binary layouts of seed_layout(). */
typedef enum Layout
{
	LAYOUT_SURVEY,				/* version, lo, npoints [, direction], counts */
	LAYOUT_CHURN,				/* the churn header, the zone, counts */
	LAYOUT_DURATION,			/* duration_summary's header, then buckets */
	LAYOUT_GENERIC,				/* a version byte, then fields aligned to the end */
	LAYOUT_WEIGHTED				/* the survey header, then int64 fields (count, sums' words) */
} Layout;

typedef struct FuzzType
{
	const char *name;			/* the SQL type */
	Layout		layout;			/* binary layout */
	bool		direction;		/* survey binary form has a direction byte */
	/* SQLSTATEs the input and receive functions raise, NULL-terminated */
	const char *text_states[5];
	const char *binary_states[5];
	const char *invariants;		/* SQL boolean expression of $1 */

	/*
	 * A form the type is also built from, other than its own input: the SQL
	 * type of the parameter ("jsonb", "bigint[]"), the expression of $1
	 * that builds the value (a cast, a constructor), and the expression of
	 * a stored summary s that gives the seeds.  Such a form has text
	 * mutants only (the parameter's binary form is PostgreSQL's own), and
	 * its rejections are those of the parameter type's input (with the
	 * context "parameter $1") and of the expression, run alone first.
	 */
	const char *via_type;
	const char *via_expr;
	const char *via_seed;
	bool		via_big;		/* the big-number test applies to the form */
} FuzzType;

/* The via fields of a type's own input form. */
#define NOT_VIA NULL, NULL, NULL, false

/*
 * The SQLSTATEs, from the code: cx_summary_parse() and cx_summary_receive()
 * in src/cx_summary.c raise 22P02 or 22P03 for malformed input and 22003
 * for counts past bigint; churn_parse() and churn_receive() in src/churn.c
 * raise 22P02 or 22P03, 22003 for a number past bigint (text only), and,
 * from churn_new(), 22008 for a grid boundary after 9999-12-31 and 22023
 * for boundaries that do not increase.  The server itself answers 22P03 for
 * a binary parameter the receive function does not read to its end.  The
 * revenue types' lists come from their spec (written before their code):
 * 22P02 / 22P03 for malformed input, 22003 for money past int64 units of
 * 0.0001 and an MRR below 0, and, for the summaries, the churn grid's
 * 22008 and 22023 (the timelines' dates: 22008).
 */
static const FuzzType fuzz_types[] = {
	{"nps_summary", LAYOUT_SURVEY, false,
	{"22P02", "22003", NULL}, {"22P03", "22003", NULL}, SURVEY_INVARIANTS, NOT_VIA},
	{"csat_summary", LAYOUT_SURVEY, false,
	{"22P02", "22003", NULL}, {"22P03", "22003", NULL}, SURVEY_INVARIANTS, NOT_VIA},
	{"ces_summary", LAYOUT_SURVEY, true,
	{"22P02", "22003", NULL}, {"22P03", "22003", NULL}, SURVEY_INVARIANTS, NOT_VIA},

	/*
	 * The summaries built from their JSON form and from counts
	 * (src/cx_summary_make.c: 22P02 for what is malformed, 22003 past
	 * bigint).  jsonb's own input adds 22003 (a number past numeric) and
	 * 54001 (nesting past the stack); bigint[]'s adds 22003 (an element past
	 * bigint), 54000 (more than 6 dimensions, an array too large) and 2202E
	 * (bad subscripts).  The big-number test does not apply to the JSON
	 * form: 5.000000000000000000000 is the number 5, and is accepted; for the
	 * counts it applies to the elements, not to the subscripts of a
	 * "[lo:hi]=" decoration, which PostgreSQL 15's array_in reads with
	 * strtol and truncates to int ([-9223372036854775808:10] is [0:10] to
	 * it: its wrap, before our code sees the array).
	 */
	{"nps_summary", LAYOUT_SURVEY, false,
	{"22P02", "22003", "54001", NULL}, {NULL}, SURVEY_INVARIANTS,
	"jsonb", "$1::nps_summary", "s::jsonb", false},
	{"csat_summary", LAYOUT_SURVEY, false,
	{"22P02", "22003", "54001", NULL}, {NULL}, SURVEY_INVARIANTS,
	"jsonb", "$1::csat_summary", "s::jsonb", false},
	{"ces_summary", LAYOUT_SURVEY, true,
	{"22P02", "22003", "54001", NULL}, {NULL}, SURVEY_INVARIANTS,
	"jsonb", "$1::ces_summary", "s::jsonb", false},
	{"nps_summary", LAYOUT_SURVEY, false,
	{"22P02", "22003", "54000", "2202E", NULL}, {NULL}, SURVEY_INVARIANTS,
	"bigint[]", "nps_summary($1)", "distribution(s)", true},
	{"csat_summary", LAYOUT_SURVEY, false,
	{"22P02", "22003", "54000", "2202E", NULL}, {NULL}, SURVEY_INVARIANTS,
	"bigint[]", "csat_summary($1)", "distribution(s)", true},
	{"ces_summary", LAYOUT_SURVEY, true,
	{"22P02", "22003", "54000", "2202E", NULL}, {NULL}, SURVEY_INVARIANTS,
	"bigint[]", "ces_summary($1, lower_is_better => true)", "distribution(s)", true},
	{"churn_summary", LAYOUT_CHURN, false,
	{"22P02", "22003", "22008", "22023", NULL}, {"22P03", "22008", "22023", NULL}, CHURN_INVARIANTS, NOT_VIA},
	{"churn_tstz_summary", LAYOUT_CHURN, false,
	{"22P02", "22003", "22008", "22023", NULL}, {"22P03", "22008", "22023", NULL}, CHURN_INVARIANTS, NOT_VIA},
	{"duration_summary", LAYOUT_DURATION, false,
	{"22P02", "22003", NULL}, {"22P03", "22003", NULL}, DURATION_INVARIANTS, NOT_VIA},
	/* appended: the streams of the types above stay as they were */
	{"mrr_timeline", LAYOUT_GENERIC, false,
	{"22P02", "22003", "22008", NULL}, {"22P03", "22003", "22008", NULL}, TIMELINE_INVARIANTS, NOT_VIA},
	{"revenue_summary", LAYOUT_GENERIC, false,
	{"22P02", "22003", "22008", "22023", NULL}, {"22P03", "22003", "22008", "22023", NULL},
	REVENUE_INVARIANTS_OF("$1"), NOT_VIA},
	{"revenue_tstz_summary", LAYOUT_GENERIC, false,
	{"22P02", "22003", "22008", "22023", NULL}, {"22P03", "22003", "22008", "22023", NULL},
	REVENUE_INVARIANTS_OF("$1"), NOT_VIA},

	/*
	 * The weighted summaries (src/weighted.c: cx_wsummary_parse() and
	 * cx_wsummary_receive() raise 22P02 or 22P03 for malformed input and
	 * 22003 for numbers out of range and sums no weights can make).
	 */
	{"nps_weighted_summary", LAYOUT_WEIGHTED, false,
	{"22P02", "22003", NULL}, {"22P03", "22003", NULL}, WEIGHTED_INVARIANTS, NOT_VIA},
	{"csat_weighted_summary", LAYOUT_WEIGHTED, false,
	{"22P02", "22003", NULL}, {"22P03", "22003", NULL}, WEIGHTED_INVARIANTS, NOT_VIA},
	{"ces_weighted_summary", LAYOUT_WEIGHTED, true,
	{"22P02", "22003", NULL}, {"22P03", "22003", NULL}, WEIGHTED_INVARIANTS, NOT_VIA},
};

#define NUM_TYPES	(sizeof(fuzz_types) / sizeof(fuzz_types[0]))

/* ---------------------------------------------------------------------
 * Byte buffers and the PRNG
 * ---------------------------------------------------------------------
 */

/* Bytes with a NUL after them, so that a text input is also a C string. */
typedef struct Buf
{
	unsigned char *data;
	size_t		len;
	size_t		cap;
} Buf;

static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n ? n : 1);

	if (p == NULL)
	{
		fprintf(stderr, "fuzz: out of memory\n");
		exit(2);
	}
	return p;
}

static void
buf_reserve(Buf *b, size_t n)
{
	if (n + 1 > b->cap)
	{
		size_t		cap = b->cap ? b->cap : 64;
		unsigned char *data;

		while (cap < n + 1)
			cap *= 2;
		data = xmalloc(cap);
		if (b->len > 0)
			memcpy(data, b->data, b->len);
		free(b->data);
		b->data = data;
		b->cap = cap;
	}
}

static void
buf_set(Buf *b, const void *data, size_t n)
{
	buf_reserve(b, n);
	if (n > 0)
		memcpy(b->data, data, n);
	b->len = n;
	b->data[n] = '\0';
}

/* Inserts n bytes at offset at (at most b->len). */
static void
buf_insert(Buf *b, size_t at, const void *data, size_t n)
{
	buf_reserve(b, b->len + n);
	memmove(b->data + at + n, b->data + at, b->len - at);
	memcpy(b->data + at, data, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Removes n bytes at offset at (at + n at most b->len). */
static void
buf_erase(Buf *b, size_t at, size_t n)
{
	memmove(b->data + at, b->data + at + n, b->len - at - n);
	b->len -= n;
	b->data[b->len] = '\0';
}

static void
buf_replace(Buf *b, size_t at, size_t n, const void *data, size_t m)
{
	buf_erase(b, at, n);
	buf_insert(b, at, data, m);
}

/* splitmix64: the same stream on every machine. */
static uint64_t rng_state;

static uint64_t
rng_next(void)
{
	return cx_splitmix64(&rng_state);
}

/* A number in 0..n-1 (0 if n is 0); the modulo bias does not matter here. */
static size_t
rng_below(size_t n)
{
	return n == 0 ? 0 : (size_t) (rng_next() % n);
}

/* ---------------------------------------------------------------------
 * Seeds
 * ---------------------------------------------------------------------
 */

/* One valid value of a type, with where its binary fields are. */
typedef struct Seed
{
	Buf			bytes;
	/* binary form only: offsets of header bytes, int32 and int64 fields */
	size_t		byte_fields[4];
	int			nbyte_fields;
	size_t	   *int32_fields;
	int			nint32_fields;
	size_t		float8_fields[2];
	int			nfloat8_fields;
	size_t	   *int64_fields;
	int			nint64_fields;
} Seed;

typedef struct SeedSet
{
	Seed	   *seeds;
	int			n;
} SeedSet;

/*
 * The field offsets of a binary seed, from the layouts described above
 * cx_summary_receive() and churn_receive().
 */
static void
seed_layout(Seed *s, const FuzzType *t)
{
	const unsigned char *d = s->bytes.data;
	size_t		len = s->bytes.len,
				first,
				n;

	s->nbyte_fields = 0;
	s->nint32_fields = 0;
	s->nfloat8_fields = 0;
	if (t->layout == LAYOUT_GENERIC)
	{
		/*
		 * Only the version byte in front is fixed by the spec of the revenue
		 * types; the rest is the code's.  Arrays of int64 amounts and counts
		 * (and int32 dates) most likely end the value, so the fields are
		 * taken aligned to its end: every int32 and int64 that ends on a
		 * multiple of its width from there.  (pick_field() also writes
		 * anywhere, one time in four.)
		 */
		s->byte_fields[s->nbyte_fields++] = 0;
		s->int32_fields = xmalloc((len / 4 + 1) * sizeof(size_t));
		s->int64_fields = xmalloc((len / 8 + 1) * sizeof(size_t));
		s->nint64_fields = 0;
		for (size_t at = len % 4; at + 4 <= len; at += 4)
			s->int32_fields[s->nint32_fields++] = at;
		for (size_t at = len % 8; at + 8 <= len; at += 8)
			s->int64_fields[s->nint64_fields++] = at;
		return;
	}
	if (t->layout == LAYOUT_DURATION)
	{
		/*
		 * version, 3 reserved, alpha 4, sum_hi 8, sum_lo 8, sumsq_hi 8,
		 * sumsq_lo 8, min 8, max 8, zero_completed 8, zero_open 8, nbuckets
		 * 4: 76 bytes; then per bucket index 4, completed 8, open 8.
		 */
		size_t		nb = len > 76 ? (len - 76) / 20 : 0;

		for (int i = 0; i < 4; i++)
			s->byte_fields[s->nbyte_fields++] = i;
		s->int32_fields = xmalloc((nb + 2) * sizeof(size_t));
		s->int32_fields[s->nint32_fields++] = 4;
		s->int32_fields[s->nint32_fields++] = 72;
		s->int64_fields = xmalloc((2 * nb + 8) * sizeof(size_t));
		s->nint64_fields = 0;
		for (size_t at = 8; at <= 64; at += 8)
			s->int64_fields[s->nint64_fields++] = at;
		s->float8_fields[s->nfloat8_fields++] = 40;
		s->float8_fields[s->nfloat8_fields++] = 48;
		for (size_t i = 0; i < nb; i++)
		{
			s->int32_fields[s->nint32_fields++] = 76 + 20 * i;
			s->int64_fields[s->nint64_fields++] = 80 + 20 * i;
			s->int64_fields[s->nint64_fields++] = 88 + 20 * i;
		}
		return;
	}
	s->int32_fields = xmalloc(4 * sizeof(size_t));
	if (t->layout == LAYOUT_CHURN)
	{
		/* version, kind, origin 8, months 4, days 4, usecs 8, periods 4, max_offset 4, zone_len */
		static const size_t int32s[] = {10, 14, 26, 30};

		s->byte_fields[s->nbyte_fields++] = 0;
		s->byte_fields[s->nbyte_fields++] = 1;
		s->byte_fields[s->nbyte_fields++] = 34;
		for (int i = 0; i < 4; i++)
			s->int32_fields[s->nint32_fields++] = int32s[i];
		first = len >= 35 ? (size_t) 35 + d[34] : len;
	}
	else
	{
		/* version, lo, npoints, the direction of CES, then int64 counts */
		s->byte_fields[s->nbyte_fields++] = 0;
		s->byte_fields[s->nbyte_fields++] = 1;
		s->byte_fields[s->nbyte_fields++] = 2;
		if (t->direction)
			s->byte_fields[s->nbyte_fields++] = 3;
		first = t->direction ? 4 : 3;
	}
	n = len > first ? (len - first) / 8 : 0;
	s->int64_fields = xmalloc((n + 2) * sizeof(size_t));
	s->nint64_fields = 0;
	if (t->layout == LAYOUT_CHURN)
	{
		s->int64_fields[s->nint64_fields++] = 2;	/* origin */
		s->int64_fields[s->nint64_fields++] = 18;	/* usecs */
	}
	for (size_t i = 0; i < n; i++)
		s->int64_fields[s->nint64_fields++] = first + 8 * i;
}

/* ---------------------------------------------------------------------
 * Mutations
 * ---------------------------------------------------------------------
 */

/* Replacements for a number token of a text input. */
static const char *const boundary_numbers[] = {
	"0", "1", "-1", "2", "", "00", "+1", "1e3", "0x1f", "1.5", "100000",
	"100001", "4194304", "2147483647", "2147483648", "4294967295",
	"4294967296", "9223372036854775806", "9223372036854775807",
	"-9223372036854775808",
	/* past bigint: each must be rejected */
	"9223372036854775808", "9223372036854775809", "18446744073709551615",
	"18446744073709551616", "18446744073709551617", "18446744073709551626",
	"36893488147419103232", "36893488147419103233", "99999999999999999999",
	"000000000000000000009223372036854775808",
	"340282366920938463463374607431768211457",
	NULL						/* a digit string hundreds of digits long */
};

#define NUM_BOUNDARY_NUMBERS (sizeof(boundary_numbers) / sizeof(boundary_numbers[0]))

static const int64_t boundary_int64[] = {
	0, 1, -1, 2, -2, 100000, 100001, 4194304, INT32_MAX, (int64_t) INT32_MAX + 1,
	INT32_MIN, (int64_t) INT32_MIN - 1, UINT32_MAX, INT64_MAX, INT64_MAX - 1,
	INT64_MAX / 2 + 1, INT64_MIN, INT64_MIN + 1, INT64_MIN + 2,
	/* microseconds: one past 9999-12-31, and the day before 0001-01-01 */
	INT64_C(252455616000000000), INT64_C(-63113904000000000) - 1,
	/* days of date grids: 9999-12-31 and 0001-01-01 */
	2921939, -730119, 2921940, -730120,
};

static const int32_t boundary_int32[] = {
	0, 1, -1, -2, 2, 12, 100000, 100001, 99999, 4194304, 65535, 65536,
	INT32_MAX, INT32_MAX - 1, INT32_MIN, INT32_MIN + 1,
};

static const unsigned char boundary_bytes[] = {0, 1, 2, 3, 4, 5, 9, 10, 11, 0x7f, 0x80, 0xfe, 0xff};

/*
 * float8 values, as their bits, for duration_summary's min and max: 0, -0,
 * NaNs, infinities, 2^-20 and 2^44 (the ends of the accepted durations) and
 * their outer neighbours, 1, 3600, -1, the smallest normal and denormal,
 * the largest double, 1e-7.
 */
static const uint64_t boundary_float8[] = {
	UINT64_C(0x0000000000000000), UINT64_C(0x8000000000000000), UINT64_C(0x7ff8000000000000),
	UINT64_C(0xfff8000000000000), UINT64_C(0x7ff0000000000001), UINT64_C(0x7ff0000000000000),
	UINT64_C(0xfff0000000000000), UINT64_C(0x3eb0000000000000), UINT64_C(0x3eafffffffffffff),
	UINT64_C(0x42b0000000000000), UINT64_C(0x42b0000000000001), UINT64_C(0x3ff0000000000000),
	UINT64_C(0x40ac200000000000), UINT64_C(0xbff0000000000000), UINT64_C(0x0010000000000000),
	UINT64_C(0x0000000000000001), UINT64_C(0x7fefffffffffffff), UINT64_C(0x3e7ad7f29abcaf48),
};

/* ... and as text, for its alpha=, min= and max= fields. */
static const char *const boundary_float8_text[] = {
	"0", "-0", "NaN", "nan", "Infinity", "-Infinity", "inf", "1e-07", "1e-7",
	"9.5367431640625e-07", "9.536743164062499e-07", "17592186044416", "17592186044416.004",
	"1e308", "1e309", "4.9e-324", "5e-324", "-1", "3600", "3600.0", "0.01", "0.001", "0.05",
	"0.0009", "0.050001", "0.0100005", "0.012345", "1e-2", "0.010", " 0.01", "0x10", "1.5e+03",
	"", ".", "1e", "-", "0.01.0",
};

static const char *const duration_float8_keys[] = {"alpha=", "min=", "max="};

/* Bytes inserted into text: the grammar's, and a few strangers. */
static const char text_alphabet[] = "0123456789,;:=/.-+ vPMDTSZ\t\n";

/* Separators of the text forms, swapped for one another. */
static const char separators[] = ",;:=/.-";

static char *huge_number;		/* 400 digits */

/*
 * The first maximal run of ASCII digits in b at or after offset from:
 * [*start, *end); false if there is none.
 */
static bool
next_digit_run(const Buf *b, size_t from, size_t *start, size_t *end)
{
	size_t		i = from;

	while (i < b->len && !(b->data[i] >= '0' && b->data[i] <= '9'))
		i++;
	if (i >= b->len)
		return false;
	*start = i;
	while (i < b->len && b->data[i] >= '0' && b->data[i] <= '9')
		i++;
	*end = i;
	return true;
}

/* Picks a random digit run of b: false if there is none. */
static bool
pick_digit_run(const Buf *b, size_t *start, size_t *end)
{
	size_t		n = 0,
				k;

	for (size_t at = 0; next_digit_run(b, at, start, end); at = *end)
		n++;
	if (n == 0)
		return false;
	k = rng_below(n);
	for (size_t at = 0; next_digit_run(b, at, start, end); at = *end)
	{
		if (k-- == 0)
			break;
	}
	return true;
}

/* The first occurrence of the C string s in b, or NULL. */
static unsigned char *
find_bytes(const Buf *b, const char *s)
{
	size_t		n = strlen(s);

	for (size_t i = 0; n > 0 && i + n <= b->len; i++)
	{
		if (memcmp(b->data + i, s, n) == 0)
			return b->data + i;
	}
	return NULL;
}

/* Is the digit string [s, s + len), without leading zeros, above max? */
static bool
digits_above(const unsigned char *s, size_t len, const char *max)
{
	return len > strlen(max) || (len == strlen(max) && memcmp(s, max, len) > 0);
}

/*
 * The key of the duration_summary text field that offset at is in: "sum"
 * for "sum=12", "buckets" for "buckets=7:1/0"; "" before any '=' (the
 * version).
 */
static void
duration_field_key(const Buf *b, size_t at, char *key, size_t keylen)
{
	size_t		eq = at,
				from;

	while (eq > 0 && b->data[eq - 1] != '=' && b->data[eq - 1] != ';')
		eq--;
	key[0] = '\0';
	if (eq == 0 || b->data[eq - 1] != '=')
		return;
	from = eq - 1;
	while (from > 0 && b->data[from - 1] != ';')
		from--;
	if (eq - 1 - from < keylen)
	{
		memcpy(key, b->data + from, eq - 1 - from);
		key[eq - 1 - from] = '\0';
	}
}

/*
 * True if a digit run of b is a number its field cannot hold: above
 * INT64_MAX, or for duration_summary's 128-bit sums above 2^128 - 1 (its
 * float8 fields are left out); *start and *end then say where the first
 * one is.
 */
static bool
number_past_limit(const FuzzType *t, const Buf *b, size_t *start, size_t *end)
{
	static const char max64[] = "9223372036854775807";
	static const char max128[] = "340282366920938463463374607431768211455";

	for (size_t at = 0; next_digit_run(b, at, start, end); at = *end)
	{
		const char *max = max64;
		size_t		s = *start;

		if (t->layout == LAYOUT_DURATION)
		{
			char		key[16];

			duration_field_key(b, *start, key, sizeof(key));
			if (strcmp(key, "alpha") == 0 || strcmp(key, "min") == 0 || strcmp(key, "max") == 0)
				continue;
			if (strcmp(key, "sum") == 0 || strcmp(key, "sumsq") == 0)
				max = max128;
		}
		if (t->layout == LAYOUT_WEIGHTED)
		{
			/*
			 * "count/sum_w/sum_w2": the field is told by the slashes since
			 * the last ',' or ':'; the integer part of the sums may be up to
			 * (2^128 - 1) / 10^6 and / 10^12, and their fractions are
			 * checked by the number of places, not here.
			 */
			int			slashes = 0;
			size_t		at2 = *start;

			if (*start > 0 && b->data[*start - 1] == '.')
				continue;
			while (at2 > 0 && b->data[at2 - 1] != ',' && b->data[at2 - 1] != ':')
				if (b->data[--at2] == '/')
					slashes++;
			if (slashes == 1)
				max = "340282366920938463463374607431768";
			else if (slashes >= 2)
				max = "340282366920938463463374607";
		}
		while (s + 1 < *end && b->data[s] == '0')
			s++;
		if (digits_above(b->data + s, *end - s, max))
			return true;
	}
	return false;
}

/*
 * out = a + b, decimal digit strings without sign (out has room for
 * max(len) + 2 bytes).
 */
static void
decimal_add(const char *a, size_t alen, const char *b, char *out)
{
	size_t		blen = strlen(b),
				n = (alen > blen ? alen : blen) + 1;
	int			carry = 0;

	out[n] = '\0';
	for (size_t i = 0; i < n; i++)
	{
		int			d = carry;

		if (i < alen)
			d += a[alen - 1 - i] - '0';
		if (i < blen)
			d += b[blen - 1 - i] - '0';
		out[n - 1 - i] = (char) ('0' + d % 10);
		carry = d / 10;
	}
	if (out[0] == '0')
		memmove(out, out + 1, n);
}

/* The value of a digit run of at most 18 digits, plus delta, as text. */
static bool
nudge_number(const Buf *b, size_t start, size_t end, int delta, char *out, size_t outlen)
{
	int64_t		v = 0;

	if (end - start > 18)
		return false;
	for (size_t i = start; i < end; i++)
		v = v * 10 + (b->data[i] - '0');
	snprintf(out, outlen, "%" PRId64, v + delta);
	return true;
}

/* A span of 1..maxlen bytes of b (b not empty). */
static void
pick_span(const Buf *b, size_t maxlen, size_t *at, size_t *n)
{
	*at = rng_below(b->len);
	*n = 1 + rng_below(maxlen);
	if (*n > b->len - *at)
		*n = b->len - *at;
}

/* Mutations both forms share: the byte-level ones. */
static bool
mutate_bytes(Buf *b, const SeedSet *seeds, int kind, bool text)
{
	size_t		at,
				n;
	unsigned char c[8];

	switch (kind)
	{
		case 0:					/* flip a bit; text stays free of NUL */
			if (b->len == 0)
				return false;
			at = rng_below(b->len);
			b->data[at] ^= (unsigned char) (1 << rng_below(8));
			if (text && b->data[at] == 0)
				b->data[at] = 0x80;
			return true;
		case 1:					/* insert bytes */
			n = 1 + rng_below(text ? 4 : 8);
			for (size_t i = 0; i < n; i++)
			{
				if (text && rng_below(8) != 0)
					c[i] = (unsigned char) text_alphabet[rng_below(sizeof(text_alphabet) - 1)];
				else
					c[i] = (unsigned char) (text ? 1 + rng_below(255) : rng_below(256));
			}
			buf_insert(b, rng_below(b->len + 1), c, n);
			return true;
		case 2:					/* delete bytes */
			if (b->len == 0)
				return false;
			pick_span(b, 16, &at, &n);
			buf_erase(b, at, n);
			return true;
		case 3:					/* duplicate a span in place */
			{
				unsigned char *copy;

				if (b->len == 0 || b->len > MAX_INPUT / 2)
					return false;
				pick_span(b, 32, &at, &n);
				copy = xmalloc(n);
				memcpy(copy, b->data + at, n);
				buf_insert(b, at + n, copy, n);
				free(copy);
				return true;
			}
		case 4:					/* truncate */
			if (b->len == 0)
				return false;
			b->len = rng_below(b->len);
			b->data[b->len] = '\0';
			return true;
		case 5:					/* splice: our head, another seed's tail */
			{
				const Buf  *o = &seeds->seeds[rng_below(seeds->n)].bytes;
				size_t		from = rng_below(o->len + 1);

				if (b->len + o->len > MAX_INPUT)
					return false;
				b->len = rng_below(b->len + 1);
				buf_insert(b, b->len, o->data + from, o->len - from);
				return true;
			}
	}
	return false;
}

#define NUM_BYTE_MUTATIONS 6

/* Mutations of text input: the byte-level ones, then the token-level ones. */
static bool
mutate_text(Buf *b, const SeedSet *seeds, const FuzzType *t)
{
	/* duration_summary has one more kind: its float8 fields */
	int			kind = (int) rng_below(NUM_BYTE_MUTATIONS + 7 + (t->layout == LAYOUT_DURATION ? 1 : 0));
	size_t		start,
				end;
	char		num[512];

	if (kind < NUM_BYTE_MUTATIONS)
		return mutate_bytes(b, seeds, kind, true);
	switch (kind - NUM_BYTE_MUTATIONS)
	{
		case 0:					/* a number token becomes a boundary value */
		case 1:
			{
				size_t		k = rng_below(NUM_BOUNDARY_NUMBERS);
				const char *v = boundary_numbers[k] ? boundary_numbers[k] : huge_number;

				if (!pick_digit_run(b, &start, &end))
					return false;
				buf_replace(b, start, end - start, v, strlen(v));
				return true;
			}
		case 2:					/* a number token plus k * 2^64: wraps to itself */
			{
				static const char *const multiples[] = {
					"18446744073709551616", "36893488147419103232",
					"55340232221128654848", "1000000000000000000000000000000000000000"
				};

				if (!pick_digit_run(b, &start, &end) || end - start > 100)
					return false;
				decimal_add((const char *) b->data + start, end - start,
							multiples[rng_below(4)], num);
				buf_replace(b, start, end - start, num, strlen(num));
				return true;
			}
		case 3:					/* a number token, one or two off */
			{
				int			delta = (int) rng_below(5) - 2;

				if (!pick_digit_run(b, &start, &end) ||
					!nudge_number(b, start, end, delta == 0 ? 1 : delta, num, sizeof(num)))
					return false;
				buf_replace(b, start, end - start, num, strlen(num));
				return true;
			}
		case 4:					/* another format version */
			{
				static const char *const versions[] = {
					"0", "2", "01", "255", "257", "4294967297", "18446744073709551617", ""
				};
				const char *v = versions[rng_below(8)];
				unsigned char *p = memchr(b->data, 'v', b->len);

				if (p == NULL)
					return false;
				start = end = (size_t) (p - b->data) + 1;
				while (end < b->len && b->data[end] >= '0' && b->data[end] <= '9')
					end++;
				buf_replace(b, start, end - start, v, strlen(v));
				return true;
			}
		case 5:					/* one separator for another */
			{
				size_t		at = rng_below(b->len + 1);

				for (size_t i = 0; i < b->len; i++)
				{
					size_t		j = (at + i) % b->len;

					if (strchr(separators, b->data[j]) != NULL)
					{
						b->data[j] = (unsigned char) separators[rng_below(sizeof(separators) - 1)];
						return true;
					}
				}
				return false;
			}
		case 6:					/* drop or repeat one item between separators */
			{
				size_t		at,
							n;
				unsigned char *copy;

				if (b->len == 0)
					return false;
				at = rng_below(b->len);
				while (at > 0 && strchr(separators, b->data[at - 1]) == NULL)
					at--;
				n = 0;
				while (at + n < b->len && strchr(separators, b->data[at + n]) == NULL)
					n++;
				if (at + n < b->len)
					n++;		/* and the separator after it */
				if (rng_below(2) == 0 || b->len > MAX_INPUT / 2)
				{
					buf_erase(b, at, n);
					return true;
				}
				copy = xmalloc(n);
				memcpy(copy, b->data + at, n);
				buf_insert(b, at, copy, n);
				free(copy);
				return true;
			}
		case 7:					/* a float8 field becomes a boundary value */
			{
				const char *key = duration_float8_keys[rng_below(3)];
				const char *v = boundary_float8_text[rng_below(sizeof(boundary_float8_text) / sizeof(boundary_float8_text[0]))];
				unsigned char *p = find_bytes(b, key);

				if (p == NULL)
					return false;
				start = end = (size_t) (p - b->data) + strlen(key);
				while (end < b->len && b->data[end] != ';')
					end++;
				buf_replace(b, start, end - start, v, strlen(v));
				return true;
			}
	}
	return false;
}

static void
put_be(unsigned char *p, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--)
	{
		p[i] = (unsigned char) (v & 0xff);
		v >>= 8;
	}
}

static uint64_t
get_be(const unsigned char *p, int bytes)
{
	uint64_t	v = 0;

	for (int i = 0; i < bytes; i++)
		v = (v << 8) | p[i];
	return v;
}

/*
 * Picks where an int32 or int64 (width bytes) is written: mostly a field of
 * the seed's layout, sometimes anywhere.
 */
static bool
pick_field(const Buf *b, const Seed *seed, int width, size_t *at)
{
	int			nfields = width == 4 ? seed->nint32_fields : seed->nint64_fields;
	const size_t *fields = width == 4 ? seed->int32_fields : seed->int64_fields;

	if (nfields > 0 && rng_below(4) != 0)
		*at = fields[rng_below(nfields)];
	else
		*at = rng_below(b->len + 1);
	return *at + width <= b->len;
}

/* Mutations of binary input: the byte-level ones, then the field-level ones. */
static bool
mutate_binary(Buf *b, const SeedSet *seeds, const Seed *seed)
{
	/* a seed with float8 fields has one more kind */
	int			kind = (int) rng_below(NUM_BYTE_MUTATIONS + 5 + (seed->nfloat8_fields > 0 ? 1 : 0));
	size_t		at;

	if (kind < NUM_BYTE_MUTATIONS)
		return mutate_bytes(b, seeds, kind, false);
	switch (kind - NUM_BYTE_MUTATIONS)
	{
		case 0:					/* an int64 field becomes a boundary value */
			{
				size_t		k = rng_below(sizeof(boundary_int64) / sizeof(boundary_int64[0]) + 1);
				int64_t		v;

				if (!pick_field(b, seed, 8, &at))
					return false;
				/* one more choice: just above INT64_MIN, by up to 2^20 */
				if (k < sizeof(boundary_int64) / sizeof(boundary_int64[0]))
					v = boundary_int64[k];
				else
					v = INT64_MIN + (int64_t) rng_below(1 << 20);
				put_be(b->data + at, (uint64_t) v, 8);
				return true;
			}
		case 1:					/* an int32 field becomes a boundary value */
			if (!pick_field(b, seed, 4, &at))
				return false;
			put_be(b->data + at, (uint32_t) boundary_int32[rng_below(sizeof(boundary_int32) / sizeof(boundary_int32[0]))], 4);
			return true;
		case 2:					/* a field nudged by -3..+3 */
			{
				int			width = rng_below(3) == 0 ? 4 : 8;
				int64_t		delta = (int64_t) rng_below(7) - 3;

				if (!pick_field(b, seed, width, &at))
					return false;
				put_be(b->data + at, get_be(b->data + at, width) + (uint64_t) (delta ? delta : 1), width);
				return true;
			}
		case 3:					/* a header byte becomes a boundary value */
			at = seed->byte_fields[rng_below(seed->nbyte_fields)];
			if (at >= b->len)
				return false;
			b->data[at] = boundary_bytes[rng_below(sizeof(boundary_bytes))];
			return true;
		case 4:					/* any byte becomes a boundary value */
			if (b->len == 0)
				return false;
			b->data[rng_below(b->len)] = boundary_bytes[rng_below(sizeof(boundary_bytes))];
			return true;
		case 5:					/* a float8 field becomes a boundary value */
			at = seed->float8_fields[rng_below(seed->nfloat8_fields)];
			if (at + 8 > b->len)
				return false;
			put_be(b->data + at, boundary_float8[rng_below(sizeof(boundary_float8) / sizeof(boundary_float8[0]))], 8);
			return true;
	}
	return false;
}

/* A mutant of a random seed: 1 to MAX_MUTATIONS mutations, fewer more likely. */
static void
make_input(Buf *out, const SeedSet *seeds, const FuzzType *t, bool binary)
{
	const Seed *seed = &seeds->seeds[rng_below(seeds->n)];
	int			n = 1;

	while (n < MAX_MUTATIONS && rng_below(2) == 0)
		n++;
	buf_set(out, seed->bytes.data, seed->bytes.len);
	for (int i = 0; i < n; i++)
	{
		/* a mutation that does not apply is replaced by another */
		for (int tries = 0; tries < 10; tries++)
		{
			if (binary ? mutate_binary(out, seeds, seed) : mutate_text(out, seeds, t))
				break;
		}
	}
}

/* ---------------------------------------------------------------------
 * Results
 * ---------------------------------------------------------------------
 */

typedef struct StateCount
{
	char		state[6];
	long		count;
} StateCount;

/* The outcomes of one test: rejections by SQLSTATE, and failures shown. */
typedef struct Tally
{
	long		inputs;
	long		accepted;
	long		rejected;
	long		failed;
	StateCount	states[16];
	int			nstates;
	char	   *examples[MAX_EXAMPLES];
} Tally;

static void
tally_state(Tally *t, const char *state)
{
	t->rejected++;
	for (int i = 0; i < t->nstates; i++)
	{
		if (strcmp(t->states[i].state, state) == 0)
		{
			t->states[i].count++;
			return;
		}
	}
	if (t->nstates < 16)
	{
		snprintf(t->states[t->nstates].state, sizeof(t->states[t->nstates].state), "%s", state);
		t->states[t->nstates++].count = 1;
	}
}

/* Appends text to a malloc'd string (NULL: a new one). */
static char *
str_append(char *s, const char *fmt,...)
{
	va_list		ap;
	size_t		old = s ? strlen(s) : 0;
	int			n;
	char	   *r;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	r = xmalloc(old + n + 1);
	if (s)
		memcpy(r, s, old);
	va_start(ap, fmt);
	vsnprintf(r + old, n + 1, fmt, ap);
	va_end(ap);
	free(s);
	return r;
}

/* An input for a message: text quoted with \xNN escapes, binary in hex. */
static char *
describe_input(const unsigned char *data, size_t len, bool binary)
{
	size_t		show = len > 300 ? 300 : len;
	char	   *s = str_append(NULL, binary ? "\\x" : "'");

	for (size_t i = 0; i < show; i++)
	{
		unsigned char c = data[i];

		if (binary)
			s = str_append(s, "%02x", c);
		else if (c == '\'' || c == '\\' || c < 0x20 || c >= 0x7f)
			s = str_append(s, "\\x%02x", c);
		else
			s = str_append(s, "%c", c);
	}
	if (!binary)
		s = str_append(s, "'");
	if (show < len)
		s = str_append(s, "... (%zu bytes)", len);
	return s;
}

/* Records a failure: counted, and kept to show if among the first few. */
static void
tally_failure(Tally *t, const Buf *in, bool binary, const char *why)
{
	if (t->failed < MAX_EXAMPLES)
	{
		char	   *input = describe_input(in->data, in->len, binary);

		t->examples[t->failed] = str_append(NULL, "%s\n#     %s", input, why);
		free(input);
	}
	t->failed++;
}

static int	tests_run = 0;
static int	tests_failed = 0;

/* Prints one TAP line, after the failures it is about. */
static void
report(const Tally *t, bool ok, const char *fmt,...)
{
	va_list		ap;

	for (long i = 0; i < t->failed && i < MAX_EXAMPLES; i++)
		printf("#   %s\n", t->examples[i]);
	if (t->failed > MAX_EXAMPLES)
		printf("#   ... and %ld more\n", t->failed - MAX_EXAMPLES);
	tests_run++;
	if (!ok)
		tests_failed++;
	printf("%s %d - ", ok ? "ok" : "not ok", tests_run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* "22P02 6900, 22003 412": the rejections by SQLSTATE. */
static char *
states_text(const Tally *t)
{
	char	   *s = str_append(NULL, "%s", "");

	for (int i = 0; i < t->nstates; i++)
		s = str_append(s, "%s%s %ld", i ? ", " : "", t->states[i].state, t->states[i].count);
	return s;
}

/* ---------------------------------------------------------------------
 * The server
 * ---------------------------------------------------------------------
 */

static PGconn *conn;

/* The statements of one type: the check of one input and the equality. */
typedef struct Statements
{
	char		check[64];
	char		equal[64];
	char		build[64];		/* a via form: the expression alone */
	char		label[64];		/* "nps_summary", "nps_summary from jsonb" */
} Statements;

/* Gives up: the server is gone or answers nonsense. */
static void
bail_out(const char *fmt,...)
{
	va_list		ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(2);
}

static void
prepare(const char *name, const char *sql, int nparams, const Oid *types)
{
	PGresult   *res = PQprepare(conn, name, sql, nparams, types);

	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		bail_out("could not prepare %s: %s", name, PQerrorMessage(conn));
	PQclear(res);
}

static PGresult *
exec_ok(const char *sql, int nparams, const char *const *values, int result_format)
{
	PGresult   *res = PQexecParams(conn, sql, nparams, NULL, values, NULL, NULL, result_format);

	if (PQresultStatus(res) != PGRES_TUPLES_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
		bail_out("%s: %s", sql, PQerrorMessage(conn));
	return res;
}

/*
 * Prepares the two statements of a type T.  check: the input as a parameter
 * of type T (bound in text or binary as the call says, so that T's input or
 * receive function reads it), and what the oracle needs of the value: its
 * text and binary forms, (x::text)::T = x, the stability of the text form,
 * the invariants.  equal: whether two parameters of type T are the same
 * value, for recv(send(x)) = x.
 */
static Oid
type_oid(const char *name)
{
	PGresult   *res = exec_ok("SELECT $1::regtype::oid", 1, &name, 0);
	Oid			oid = (Oid) strtoul(PQgetvalue(res, 0, 0), NULL, 10);

	PQclear(res);
	return oid;
}

/*
 * For a form built from another type (t->via_type), the check reads the
 * value v = via_expr of the parameter, and the invariants are those of v;
 * build runs via_expr alone, so that its rejections are told apart from
 * errors of an accepted value.
 */
static void
prepare_type(const FuzzType *t, Statements *st, int ti)
{
	Oid			types[2];
	char	   *sql;

	types[0] = types[1] = type_oid(t->name);
	snprintf(st->check, sizeof(st->check), "check_%d", ti);
	snprintf(st->equal, sizeof(st->equal), "equal_%d", ti);
	snprintf(st->build, sizeof(st->build), "build_%d", ti);
	if (t->via_type == NULL)
	{
		snprintf(st->label, sizeof(st->label), "%s", t->name);
		sql = str_append(NULL, "SELECT $1::text, $1, ($1::text)::%s = $1,"
						 " (($1::text)::%s)::text = $1::text, %s",
						 t->name, t->name, t->invariants);
	}
	else
	{
		char	   *inv = str_append(NULL, "%s", "");

		snprintf(st->label, sizeof(st->label), "%s from %s", t->name, t->via_type);
		/* the invariants of v: every $1 in them becomes q.v */
		for (const char *c = t->invariants; *c; c++)
		{
			if (c[0] == '$' && c[1] == '1')
			{
				inv = str_append(inv, "%s", "q.v");
				c++;
			}
			else
				inv = str_append(inv, "%c", *c);
		}
		sql = str_append(NULL, "SELECT q.v::text, q.v, (q.v::text)::%s = q.v,"
						 " ((q.v::text)::%s)::text = q.v::text, %s FROM (SELECT %s AS v) AS q",
						 t->name, t->name, inv, t->via_expr);
		free(inv);
		{
			Oid			via = type_oid(t->via_type);
			char	   *build = str_append(NULL, "SELECT (%s)::text", t->via_expr);

			prepare(st->build, build, 1, &via);
			free(build);
			prepare(st->check, sql, 1, &via);
		}
	}
	if (t->via_type == NULL)
		prepare(st->check, sql, 1, types);
	free(sql);
	prepare(st->equal, "SELECT $1 = $2, $1::text = $2::text", 2, types);
}

/* Column col of row 0 of a binary-format result: a true boolean? */
static bool
result_true(const PGresult *res, int col)
{
	return !PQgetisnull(res, 0, col) && PQgetlength(res, 0, col) == 1 &&
		PQgetvalue(res, 0, col)[0] == 1;
}

static bool
documented_state(const char *const *states, const char *state)
{
	for (; *states != NULL; states++)
	{
		if (state != NULL && strcmp(*states, state) == 0)
			return true;
	}
	return false;
}

/*
 * An error for a message: "SQLSTATE: message / detail (context)", at most
 * 500 bytes of it, with the bytes of the input it may quote escaped.
 */
static char *
describe_error(const PGresult *res)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	const char *context = PQresultErrorField(res, PG_DIAG_CONTEXT);
	char	   *raw = str_append(NULL, "%s: %s%s%s%s%s%s", state ? state : "(no SQLSTATE)",
								 msg ? msg : PQresultErrorMessage(res),
								 detail ? " / " : "", detail ? detail : "",
								 context ? " (" : "", context ? context : "", context ? ")" : "");
	char	   *s = str_append(NULL, "%s", "");
	size_t		len = strlen(raw);

	for (size_t i = 0; i < len && i < 500; i++)
	{
		unsigned char c = (unsigned char) raw[i];

		s = (c < 0x20 || c >= 0x7f) ? str_append(s, "\\x%02x", c) : str_append(s, "%c", c);
	}
	if (len > 500)
		s = str_append(s, "... (%zu bytes)", len);
	free(raw);
	return s;
}

typedef enum Outcome
{
	OUTCOME_ACCEPTED,
	OUTCOME_REJECTED,
	OUTCOME_FAILED
} Outcome;

/* Stops everything when the server has gone away. */
static void
check_connection(Tally *tally, const Buf *in, bool binary, const char *what)
{
	if (PQstatus(conn) == CONNECTION_OK)
		return;
	tally_failure(tally, in, binary, "the server closed the connection: it crashed?");
	report(tally, false, "%s: the server survives every input", what);
	bail_out("the server went away; its log says why");
}

/*
 * Runs the oracle on one input of type t, in text or binary form, and counts
 * the outcome in tally.  *state gets the SQLSTATE of a rejection; *accepted_as
 * (if not NULL) the text form of an accepted value, malloc'd.
 */
static Outcome
check_input(const FuzzType *t, const Statements *st, const Buf *in, bool binary,
			Tally *tally, char *state, char **accepted_as)
{
	const char *values[2];
	int			lengths[2];
	int			formats[2];
	PGresult   *res;
	PGresult   *eq;
	const char *failure = NULL;
	char	   *why = NULL;
	Outcome		outcome = OUTCOME_FAILED;

	values[0] = (const char *) in->data;
	lengths[0] = (int) in->len;
	formats[0] = binary ? 1 : 0;
	tally->inputs++;
	state[0] = '\0';
	if (accepted_as)
		*accepted_as = NULL;
	if (t->via_type != NULL)
	{
		/* a rejection is an error of the parameter's input or of the expression */
		res = PQexecPrepared(conn, st->build, 1, values, lengths, formats, 0);
		check_connection(tally, in, binary, st->label);
		if (PQresultStatus(res) == PGRES_FATAL_ERROR)
		{
			const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);

			if (documented_state(t->text_states, s))
			{
				snprintf(state, 6, "%s", s);
				tally_state(tally, s);
				PQclear(res);
				return OUTCOME_REJECTED;
			}
			why = describe_error(res);
			{
				char	   *msg = str_append(NULL, "rejected with an SQLSTATE the input functions do not raise: %s", why);

				tally_failure(tally, in, binary, msg);
				free(msg);
			}
			free(why);
			PQclear(res);
			return OUTCOME_FAILED;
		}
		PQclear(res);
	}
	res = PQexecPrepared(conn, st->check, 1, values, lengths, formats, 1);
	check_connection(tally, in, binary, st->label);

	if (PQresultStatus(res) == PGRES_FATAL_ERROR)
	{
		const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		const char *context = PQresultErrorField(res, PG_DIAG_CONTEXT);

		/*
		 * The server reports errors of parameter binding, where the input
		 * and receive functions run, with the context "... parameter $1";
		 * an error without it came from the checks of an accepted value.
		 */
		if (context == NULL || strstr(context, "parameter $1") == NULL)
			failure = "accepted, then an error from its text form or its readers";
		else if (!documented_state(binary ? t->binary_states : t->text_states, s))
			failure = "rejected with an SQLSTATE the input function does not raise";
		else
		{
			snprintf(state, 6, "%s", s);
			tally_state(tally, s);
			outcome = OUTCOME_REJECTED;
		}
		if (failure)
			why = describe_error(res);
	}
	else if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1 ||
			 PQnfields(res) != 5 || PQgetisnull(res, 0, 0) || PQgetisnull(res, 0, 1))
		failure = "accepted, and the check returned no row";
	else if (!result_true(res, 2))
		failure = "accepted, and (x::text)::T = x is not true";
	else if (!result_true(res, 3))
		failure = "accepted, and ((x::text)::T)::text = x::text is not true: the text form is not stable";
	else if (!result_true(res, 4))
		failure = "accepted, and its readers break the type's invariants";
	else if (binary && (size_t) PQgetlength(res, 0, 1) == in->len &&
			 memcmp(PQgetvalue(res, 0, 1), in->data, in->len) == 0)
		outcome = OUTCOME_ACCEPTED; /* send() gives back the input: recv(send(x)) = x */
	else
	{
		/*
		 * recv(send(x)) against x, read again from the input (a via form:
		 * from its text form, the parameter being of another type)
		 */
		values[1] = values[0];
		lengths[1] = lengths[0];
		formats[1] = formats[0];
		if (t->via_type != NULL)
		{
			values[1] = PQgetvalue(res, 0, 0);
			lengths[1] = PQgetlength(res, 0, 0);
			formats[1] = 0;
		}
		values[0] = PQgetvalue(res, 0, 1);
		lengths[0] = PQgetlength(res, 0, 1);
		formats[0] = 1;
		eq = PQexecPrepared(conn, st->equal, 2, values, lengths, formats, 1);
		check_connection(tally, in, binary, st->label);
		if (PQresultStatus(eq) != PGRES_TUPLES_OK)
		{
			failure = "accepted, and its binary form (send) is not read back (recv)";
			why = describe_error(eq);
		}
		else if (PQntuples(eq) != 1 || !result_true(eq, 0) || !result_true(eq, 1))
			failure = "accepted, and recv(send(x)) = x is not true";
		else
			outcome = OUTCOME_ACCEPTED;
		PQclear(eq);
	}

	if (outcome == OUTCOME_ACCEPTED)
	{
		tally->accepted++;
		if (accepted_as)
		{
			Buf			out = {NULL, 0, 0};

			buf_set(&out, PQgetvalue(res, 0, 0), PQgetlength(res, 0, 0));
			*accepted_as = (char *) out.data;
		}
	}
	else if (failure)
	{
		char	   *msg = str_append(NULL, "%s%s%s", failure, why ? ": " : "", why ? why : "");

		tally_failure(tally, in, binary, msg);
		free(msg);
	}
	free(why);
	PQclear(res);
	return outcome;
}

/*
 * number_past_limit for the form under test: for a form built from counts,
 * only after the "=" of a subscript decoration (see fuzz_types[]).
 */
static bool
past_limit_of_form(const FuzzType *t, const Buf *in, size_t *start, size_t *end)
{
	const unsigned char *eq;
	Buf			tail;
	size_t		skip;

	if (t->via_type == NULL)
		return number_past_limit(t, in, start, end);
	if (!t->via_big)
		return false;
	eq = in->len ? memchr(in->data, '=', in->len) : NULL;
	skip = eq ? (size_t) (eq + 1 - in->data) : 0;
	tail.data = in->data + skip;
	tail.len = in->len - skip;
	tail.cap = tail.len;
	if (!number_past_limit(t, &tail, start, end))
		return false;
	*start += skip;
	*end += skip;
	return true;
}

/* The seeds of a type, in text or binary form. */
static SeedSet
load_seeds(const FuzzType *t, bool binary)
{
	char	   *sql = str_append(NULL, "SELECT %s FROM fuzz_seeds.%s WHERE s IS NOT NULL%s ORDER BY id",
									 t->via_seed ? t->via_seed : "s", t->name,
									 t->via_type && binary ? " AND false" : "");
	PGresult   *res = exec_ok(sql, 0, NULL, binary ? 1 : 0);
	SeedSet		set;

	set.n = PQntuples(res);
	set.seeds = xmalloc(set.n * sizeof(Seed));
	for (int i = 0; i < set.n; i++)
	{
		Seed	   *s = &set.seeds[i];

		s->bytes.data = NULL;
		s->bytes.len = s->bytes.cap = 0;
		buf_set(&s->bytes, PQgetvalue(res, i, 0), PQgetlength(res, i, 0));
		seed_layout(s, t);
	}
	PQclear(res);
	free(sql);
	return set;
}

/* Starts the PRNG stream of one type and form. */
static void
rng_start(uint64_t seed, int type, bool binary)
{
	rng_state = seed ^ (UINT64_C(0xD1B54A32D192ED03) * (uint64_t) (2 * type + (binary ? 1 : 0) + 1));
	(void) rng_next();
}

static double
seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double) (now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) / 1e9;
}

/* The four tests of one type. */
static void
fuzz_type(int ti, uint64_t seed, long n)
{
	const FuzzType *t = &fuzz_types[ti];
	Statements	st;
	SeedSet		text_seeds = load_seeds(t, false);
	SeedSet		binary_seeds = load_seeds(t, true);
	Tally		seeds = {0},
				text = {0},
				binary = {0},
				big = {0};
	Buf			in = {NULL, 0, 0};
	char		state[6];
	char	   *states;
	char	   *as;

	prepare_type(t, &st, ti);

	/* 1. The seeds themselves pass the oracle. */
	for (int i = 0; i < text_seeds.n; i++)
	{
		if (check_input(t, &st, &text_seeds.seeds[i].bytes, false, &seeds, state, NULL) == OUTCOME_REJECTED)
			tally_failure(&seeds, &text_seeds.seeds[i].bytes, false, "a seed is rejected");
	}
	for (int i = 0; i < binary_seeds.n; i++)
	{
		if (check_input(t, &st, &binary_seeds.seeds[i].bytes, true, &seeds, state, NULL) == OUTCOME_REJECTED)
			tally_failure(&seeds, &binary_seeds.seeds[i].bytes, true, "a seed is rejected");
	}
	if (t->via_type == NULL)
		report(&seeds, seeds.failed == 0 && text_seeds.n > 0 && text_seeds.n == binary_seeds.n,
			   "%s: %d seeds made by the aggregates, accepted and round-trip in text and binary",
			   st.label, text_seeds.n);
	else
		report(&seeds, seeds.failed == 0 && text_seeds.n > 0,
			   "%s: %d seeds (%s of the aggregates' summaries), accepted and round-trip",
			   st.label, text_seeds.n, t->via_seed);

	/* 2. Text mutants, and 4. those holding a number past bigint. */
	rng_start(seed, ti, false);
	for (long i = 0; i < n; i++)
	{
		bool		past;
		size_t		start,
					end;
		Outcome		outcome;

		make_input(&in, &text_seeds, t, false);
		past = past_limit_of_form(t, &in, &start, &end);
		outcome = check_input(t, &st, &in, false, &text, state, &as);
		if (past)
		{
			big.inputs++;
			if (outcome == OUTCOME_REJECTED)
				tally_state(&big, state);
			else if (outcome == OUTCOME_ACCEPTED)
			{
				Buf			out = {NULL, 0, 0};
				char	   *quoted;
				char	   *why;

				buf_set(&out, as, strlen(as));
				quoted = describe_input(out.data, out.len, false);
				why = str_append(NULL, "holds %.*s%s, and is accepted as %s",
								 (int) (end - start > 60 ? 60 : end - start), in.data + start,
								 end - start > 60 ? "..." : "", quoted);
				free(quoted);
				free(out.data);

				big.accepted++;
				tally_failure(&big, &in, false, why);
				free(why);
			}
		}
		free(as);
	}
	states = states_text(&text);
	report(&text, text.failed == 0,
		   "%s: %ld text mutations: %ld failed, %ld rejected (%s), %ld accepted and round-trip",
		   st.label, n, text.failed, text.rejected, states, text.accepted);
	free(states);

	if (t->via_type != NULL && !t->via_big)
	{
		free(in.data);
		return;
	}

	/* 3. Binary mutants (none for a via form: its binary input is not ours). */
	if (t->via_type == NULL)
	{
		rng_start(seed, ti, true);
		for (long i = 0; i < n; i++)
		{
			make_input(&in, &binary_seeds, t, true);
			check_input(t, &st, &in, true, &binary, state, NULL);
		}
		states = states_text(&binary);
		report(&binary, binary.failed == 0,
			   "%s: %ld binary mutations: %ld failed, %ld rejected (%s), %ld accepted and round-trip",
			   st.label, n, binary.failed, binary.rejected, states, binary.accepted);
		free(states);
	}

	states = states_text(&big);
	report(&big, big.failed == 0 && big.inputs > 0,
		   "%s: %ld of the text mutations hold a number above %s: %ld accepted, %ld rejected (%s)",
		   st.label, big.inputs,
		   t->layout == LAYOUT_DURATION ? "what its field holds (2^63 - 1; 2^128 - 1 for the sums)" :
		   t->layout == LAYOUT_WEIGHTED ? "what its field holds (2^63 - 1; (2^128 - 1) / 10^6 or 10^12 for the sums)" :
		   "2^63 - 1", big.failed, big.rejected, states);
	free(states);
	free(in.data);
}

int
main(int argc, char **argv)
{
	uint64_t	seed;
	long		n;
	struct timespec start;
	PGresult   *res;
	long		inputs_total = 0;

	if (argc != 3)
	{
		fprintf(stderr, "usage: fuzz SEED N (connection from the PG* environment)\n");
		return 2;
	}
	seed = strtoull(argv[1], NULL, 10);
	n = strtol(argv[2], NULL, 10);
	huge_number = xmalloc(401);
	memset(huge_number, '9', 400);
	huge_number[400] = '\0';

	clock_gettime(CLOCK_MONOTONIC, &start);
	conn = PQconnectdb("");
	if (PQstatus(conn) != CONNECTION_OK)
		bail_out("could not connect: %s", PQerrorMessage(conn));
	/*
	 * One plan per statement: custom plans would fold the parameter into
	 * the plan and run the checks at planning time.
	 */
	PQclear(exec_ok("SET plan_cache_mode = force_generic_plan", 0, NULL, 0));
	PQclear(exec_ok("SET client_min_messages = warning", 0, NULL, 0));
	/* rejections are told apart by the (English) context of their error */
	PQclear(exec_ok("SET lc_messages = 'C'", 0, NULL, 0));
	printf("# seed %" PRIu64 ", %ld inputs per type and form\n", seed, n);
	fflush(stdout);

	for (size_t i = 0; i < NUM_TYPES; i++)
	{
		fuzz_type((int) i, seed, n);
		inputs_total += (fuzz_types[i].via_type ? 1 : 2) * n;
	}
	PQfinish(conn);

	/* A new connection: the server is still up. */
	conn = PQconnectdb("");
	res = PQexec(conn, "SELECT 1");
	{
		Tally		none = {0};

		report(&none, PQresultStatus(res) == PGRES_TUPLES_OK,
			   "the server is up and answers a new connection");
	}
	PQclear(res);
	PQfinish(conn);

	printf("1..%d\n", tests_run);
	printf("# %ld inputs in %.1f s; reproduce with CX_FUZZ_SEED=%" PRIu64 " CX_FUZZ_N=%ld\n",
		   inputs_total, seconds_since(&start), seed, n);
	return tests_failed > 0 ? 1 : 0;
}
