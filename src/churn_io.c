/*
 * churn_io.c
 *		The text, binary and JSON forms of churn_summary and
 *		churn_tstz_summary (see churn.h).
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/json.h"
#include "utils/timestamp.h"

#include "churn.h"

/* Longest piece of a malformed input quoted in an error message. */
#define CHURN_QUOTE_MAX 60

/* ---------------------------------------------------------------------
 * Text form
 *
 *	v1;origin=2024-01-31;bucket=P1M;periods=3;customers=7;active=0,3,4,2;
 *	churned=..;new=..;reactivated=..;new_lost=..;reactivated_lost=..
 *
 * (one line).  A timestamptz grid writes its origin in UTC
 * ("2024-01-01T05:00:00Z") and adds ";zone=NAME" after the bucket.  With
 * cohort counters, ";max_offset=N" follows the periods and
 * ";retained=ROW/ROW/..." ends the value, one row per cohort of
 * min(N + 1, P - cohort) counts.  active has P + 1 counts (customers
 * present at each boundary), the other lists P.
 * ---------------------------------------------------------------------
 */

/* The hint of every churn text input error. */
static char *
churn_text_hint(ChurnKind kind)
{
	return psprintf("The text form is \"v%d;origin=...;bucket=...;%speriods=...;customers=...;active=...;churned=...;new=...;reactivated=...;new_lost=...;reactivated_lost=...\", as churn_agg() writes it.",
					CHURN_VERSION, kind == CHURN_TSTZ ? "zone=...;" : "");
}

pg_noreturn void
churn_parse_fail(const ChurnParser *ps, const char *detail)
{
	int			len = strlen(ps->input);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%.*s%s\"", ps->type_name,
					len > CHURN_QUOTE_MAX ? CHURN_QUOTE_MAX : len, ps->input,
					len > CHURN_QUOTE_MAX ? "..." : ""),
			 errdetail("%s", detail),
			 errhint("%s", ps->hint)));
	pg_unreachable();
}

/* Consumes the literal text lit, or fails saying what was expected. */
void
churn_parse_literal(ChurnParser *ps, const char *lit)
{
	size_t		n = strlen(lit);

	if (strncmp(ps->p, lit, n) != 0)
		churn_parse_fail(ps, psprintf("Expected \"%s\" at character %d.", lit,
								(int) (ps->p - ps->input) + 1));
	ps->p += n;
}

/*
 * Reads exactly width digits (width > 0) or, with width 0, one or more: an
 * unsigned decimal number.  Returns false if there is none; a number past
 * INT64_MAX is an error of its own.
 */
bool
churn_parse_digits(ChurnParser *ps, int width, int64 *out, const char *what)
{
	uint64		v = 0;
	int			n = 0;

	while (isdigit((unsigned char) ps->p[n]) && (width == 0 || n < width))
	{
		int			digit = ps->p[n] - '0';

		/* checked before the step, which could otherwise wrap past 2^64 */
		if (v > ((uint64) PG_INT64_MAX - digit) / 10)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s is out of range for type bigint", what),
					 errdetail("In a %s value.", ps->type_name)));
		v = v * 10 + digit;
		n++;
	}
	if (n == 0 || (width > 0 && n != width))
		return false;
	ps->p += n;
	*out = (int64) v;
	return true;
}

int64
churn_parse_number(ChurnParser *ps, const char *what)
{
	int64		v;

	if (!churn_parse_digits(ps, 0, &v, what))
		churn_parse_fail(ps, psprintf("Expected %s, a non-negative whole number, at character %d.",
								what, (int) (ps->p - ps->input) + 1));
	return v;
}

/* An optional ".ffffff" after whole seconds, as microseconds (0 if none). */
static int64
parse_fraction(ChurnParser *ps, const char *complaint)
{
	const char *start;
	int64		v;

	if (*ps->p != '.')
		return 0;
	start = ++ps->p;
	if (!churn_parse_digits(ps, 0, &v, "fraction") || ps->p - start > 6)
		churn_parse_fail(ps, complaint);
	for (int digits = (int) (ps->p - start); digits < 6; digits++)
		v *= 10;
	return v;
}

/* "2024-01-31", or "2024-01-31T05:00:00[.fff]Z" for a timestamptz grid; what names it. */
int64
churn_parse_instant(ChurnParser *ps, ChurnKind kind, const char *what)
{
	int64		year,
				month,
				day,
				hour = 0,
				minute = 0,
				second = 0,
				usecs = 0;
	int64		days;

	if (!churn_parse_digits(ps, 4, &year, "year") || *ps->p++ != '-' ||
		!churn_parse_digits(ps, 2, &month, "month") || *ps->p++ != '-' ||
		!churn_parse_digits(ps, 2, &day, "day"))
		churn_parse_fail(ps, psprintf("The %s must be a date written YYYY-MM-DD.", what));
	if (year < CHURN_MIN_YEAR || month < 1 || month > 12 ||
		day < 1 || day > day_tab[isleap(year)][month - 1])
		churn_parse_fail(ps, psprintf("The %s is not a valid date from 0001-01-01 to 9999-12-31.", what));
	days = date2j((int) year, (int) month, (int) day) - POSTGRES_EPOCH_JDATE;
	if (kind == CHURN_DATE)
		return days;

	if (*ps->p++ != 'T' ||
		!churn_parse_digits(ps, 2, &hour, "hour") || *ps->p++ != ':' ||
		!churn_parse_digits(ps, 2, &minute, "minute") || *ps->p++ != ':' ||
		!churn_parse_digits(ps, 2, &second, "second"))
		churn_parse_fail(ps, psprintf("The %s must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS[.ffffff]Z.", what));
	usecs = parse_fraction(ps, psprintf("The %s's fraction of a second must have 1 to 6 digits.", what));
	if (*ps->p++ != 'Z')
		churn_parse_fail(ps, psprintf("The %s must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS[.ffffff]Z.", what));
	if (hour > 23 || minute > 59 || second > 59)
		churn_parse_fail(ps, psprintf("The %s is not a valid time of day.", what));
	return days * USECS_PER_DAY + ((hour * 60 + minute) * 60 + second) * USECS_PER_SEC + usecs;
}

/* An ISO 8601 duration of the form churn_append_bucket() writes. */
static void
parse_bucket(ChurnParser *ps, ChurnGrid *g)
{
	const char *bad = "The bucket must be an ISO 8601 duration such as P1M, P7D, P1M15D or PT3600S.";
	bool		any = false;
	int64		v;

	g->months = g->days = 0;
	g->usecs = 0;
	churn_parse_literal(ps, "P");
	/* months, then days, each optional: the letter after the number says which */
	while (churn_parse_digits(ps, 0, &v, "bucket part"))
	{
		char		unit = *ps->p++;

		if (v > PG_INT32_MAX || (unit == 'M' && (any || g->days != 0)) ||
			(unit == 'D' && g->days != 0) || (unit != 'M' && unit != 'D'))
			churn_parse_fail(ps, bad);
		if (unit == 'M')
			g->months = (int32) v;
		else
			g->days = (int32) v;
		any = true;
	}
	if (*ps->p == 'T')
	{
		int64		frac = 0;

		ps->p++;
		if (!churn_parse_digits(ps, 0, &v, "seconds") || v > PG_INT64_MAX / USECS_PER_SEC - 1)
			churn_parse_fail(ps, "The bucket's time part must be seconds, such as PT3600S.");
		frac = parse_fraction(ps, "The bucket's fraction of a second must have 1 to 6 digits.");
		if (*ps->p++ != 'S')
			churn_parse_fail(ps, "The bucket's time part must be seconds, such as PT3600S.");
		g->usecs = v * USECS_PER_SEC + frac;
		any = true;
	}
	if (!any)
		churn_parse_fail(ps, bad);
}

/* A time zone name, up to the next ';'. */
static void
parse_zone(ChurnParser *ps, ChurnGrid *g)
{
	const char *end = strchr(ps->p, ';');
	char	   *name;

	if (end == NULL || end == ps->p || end - ps->p > CHURN_MAX_ZONE)
		churn_parse_fail(ps, psprintf("The zone must be a time zone name of 1 to %d characters.", CHURN_MAX_ZONE));
	name = pnstrdup(ps->p, end - ps->p);
	g->tz = pg_tzset(name);
	if (g->tz == NULL)
		churn_parse_fail(ps, psprintf("\"%s\" is not a known time zone.", name));
	g->zone = name;
	ps->p = end;
}

/* ";key=" then n counts separated by commas. */
void
churn_parse_list(ChurnParser *ps, const char *key, int64 *out, int32 n)
{
	churn_parse_literal(ps, psprintf(";%s=", key));
	for (int32 i = 0; i < n; i++)
	{
		if (i > 0 && *ps->p++ != ',')
			churn_parse_fail(ps, psprintf("\"%s\" must have %d counts, separated by commas.", key, n));
		out[i] = churn_parse_number(ps, psprintf("count %d of \"%s\"", i + 1, key));
	}
}

/*
 * ";origin=...;bucket=...[;zone=...];periods=...[;max_offset=...]": a grid
 * as churn_append_grid() writes it, checked.  g->kind says which.
 */
void
churn_parse_grid(ChurnParser *ps, ChurnGrid *g)
{
	const char *problem;
	int64		v;

	g->max_offset = -1;
	churn_parse_literal(ps, ";origin=");
	g->origin = churn_parse_instant(ps, g->kind, "origin");
	churn_parse_literal(ps, ";bucket=");
	parse_bucket(ps, g);
	if (g->kind == CHURN_TSTZ)
	{
		churn_parse_literal(ps, ";zone=");
		parse_zone(ps, g);
	}
	churn_parse_literal(ps, ";periods=");
	v = churn_parse_number(ps, "the number of periods");
	g->periods = (int32) Min(v, PG_INT32_MAX);
	if (strncmp(ps->p, ";max_offset=", 12) == 0)
	{
		ps->p += 12;
		v = churn_parse_number(ps, "max_offset");
		g->max_offset = (int32) Min(v, PG_INT32_MAX);
	}
	if ((problem = churn_grid_problem(g)) != NULL)
		churn_parse_fail(ps, problem);
}

/* The counts after the grid, shared by text and binary input. */
typedef struct ChurnCounts
{
	int64		customers;
	int64	   *active;			/* P + 1 */
	int64	   *lists[5];		/* churned, new, reactivated, new_lost, reactivated_lost */
	int64	   *retained;		/* the cohort rows, concatenated */
} ChurnCounts;

static const char *const churn_list_names[5] = {
	"churned", "new", "reactivated", "new_lost", "reactivated_lost"
};

/* The cohort rows' total length. */
static int64
retained_cells(int32 periods, int32 max_offset)
{
	int64		cells = 0;

	for (int32 k = 0; k < periods && max_offset >= 0; k++)
		cells += Min(max_offset + 1, periods - k);
	return cells;
}

/*
 * A summary of grid g holding counts: checked with cx_churn_validate(); a
 * problem is reported with sqlstate (22P02 for text, 22P03 for binary).
 */
static ChurnState *
churn_from_counts(const ChurnGrid *g, const ChurnCounts *counts, int sqlstate)
{
	ChurnState *s = churn_new(g);
	CxChurn		c;
	CxChurnStatus status;
	int64_t    *lists[5];

	churn_view(s, &c);
	lists[0] = c.churned;
	lists[1] = c.new_;
	lists[2] = c.reactivated;
	lists[3] = c.new_lost;
	lists[4] = c.reactivated_lost;
	*c.customers = counts->customers;
	for (int i = 0; i < 5; i++)
		memcpy(lists[i], counts->lists[i], g->periods * sizeof(int64));
	status = cx_churn_load(&c, (const int64_t *) counts->active, (const int64_t *) counts->retained);
	if (status == CX_CHURN_OK)
		status = cx_churn_validate(&c);
	if (status != CX_CHURN_OK)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid %s value", churn_type_name(g->kind)),
				 errdetail("The counts are not those of any set of customers: %s.",
						   cx_churn_status_text(status))));
	return s;
}

static ChurnCounts
counts_alloc(int32 periods, int32 max_offset)
{
	ChurnCounts counts;

	counts.customers = 0;
	counts.active = palloc((periods + 1) * sizeof(int64));
	for (int i = 0; i < 5; i++)
		counts.lists[i] = palloc(periods * sizeof(int64));
	counts.retained = palloc(Max(retained_cells(periods, max_offset), 1) * sizeof(int64));
	return counts;
}

static ChurnState *
churn_parse(const char *input, ChurnKind kind)
{
	ChurnParser ps = {.input = input, .p = input, .type_name = churn_type_name(kind),
	.hint = churn_text_hint(kind)};
	ChurnGrid	g = {.kind = kind, .max_offset = -1};
	ChurnCounts counts;
	int64		v;

	while (isspace((unsigned char) *ps.p))
		ps.p++;
	if (*ps.p++ != 'v' || !churn_parse_digits(&ps, 0, &v, "version") || *ps.p != ';')
		churn_parse_fail(&ps, "It must start with a format version such as \"v1;\".");
	if (v != CHURN_VERSION)
		churn_parse_fail(&ps, psprintf("Only format version %d is supported.", CHURN_VERSION));
	churn_parse_grid(&ps, &g);

	counts = counts_alloc(g.periods, g.max_offset);
	churn_parse_literal(&ps, ";customers=");
	counts.customers = churn_parse_number(&ps, "the number of customers");
	churn_parse_list(&ps, "active", counts.active, g.periods + 1);
	for (int i = 0; i < 5; i++)
		churn_parse_list(&ps, churn_list_names[i], counts.lists[i], g.periods);
	if (g.max_offset >= 0)
	{
		int64	   *cell = counts.retained;

		churn_parse_literal(&ps, ";retained=");
		for (int32 k = 0; k < g.periods; k++)
		{
			int32		len = Min(g.max_offset + 1, g.periods - k);

			if (k > 0 && *ps.p++ != '/')
				churn_parse_fail(&ps, psprintf("\"retained\" must have %d rows separated by \"/\", one per cohort.", g.periods));
			for (int32 j = 0; j < len; j++)
			{
				if (j > 0 && *ps.p++ != ',')
					churn_parse_fail(&ps, psprintf("Row %d of \"retained\" must have %d counts, separated by commas.", k + 1, len));
				*cell++ = churn_parse_number(&ps, psprintf("count %d of row %d of \"retained\"", j + 1, k + 1));
			}
		}
	}
	while (isspace((unsigned char) *ps.p))
		ps.p++;
	if (*ps.p != '\0')
		churn_parse_fail(&ps, psprintf("Unexpected \"%.20s\" at character %d: the value must end after its last count.",
								 ps.p, (int) (ps.p - ps.input) + 1));
	return churn_from_counts(&g, &counts, ERRCODE_INVALID_TEXT_REPRESENTATION);
}

static void
append_counts(StringInfo buf, const char *key, const int64 *v, int32 n, char sep)
{
	appendStringInfoChar(buf, sep);
	if (key != NULL)
		appendStringInfo(buf, "%s=", key);
	for (int32 i = 0; i < n; i++)
		appendStringInfo(buf, i ? "," INT64_FORMAT : INT64_FORMAT, v[i]);
}

/*
 * A summary read out for writing: the active counts (prefix sums of the
 * difference array), the five per-period lists in text-form order, and room
 * for one cohort row.
 */
typedef struct ChurnReadout
{
	CxChurn		c;
	int64	   *active;			/* P + 1 */
	const int64 *lists[5];		/* churn_list_names order */
	int64	   *row;			/* max_offset + 1 (at least 1) */
} ChurnReadout;

static void
churn_readout(const ChurnState *s, ChurnReadout *r)
{
	churn_view(s, &r->c);
	r->active = palloc((s->periods + 1) * sizeof(int64));
	r->row = palloc((s->max_offset + 2) * sizeof(int64));
	r->lists[0] = r->c.churned;
	r->lists[1] = r->c.new_;
	r->lists[2] = r->c.reactivated;
	r->lists[3] = r->c.new_lost;
	r->lists[4] = r->c.reactivated_lost;
	cx_churn_active(&r->c, (int64_t *) r->active);
}

/* Text input of churn_summary (date grids). */
PG_FUNCTION_INFO_V1(churn_summary_in);
Datum
churn_summary_in(PG_FUNCTION_ARGS)
{
	return PointerGetDatum(churn_parse(PG_GETARG_CSTRING(0), CHURN_DATE));
}

/* Text input of churn_tstz_summary (timestamptz grids). */
PG_FUNCTION_INFO_V1(churn_tstz_summary_in);
Datum
churn_tstz_summary_in(PG_FUNCTION_ARGS)
{
	return PointerGetDatum(churn_parse(PG_GETARG_CSTRING(0), CHURN_TSTZ));
}

/* Text output, canonical and exact: also the wire format Citus ships. */
PG_FUNCTION_INFO_V1(churn_summary_out);
Datum
churn_summary_out(PG_FUNCTION_ARGS)
{
	ChurnState *s = PG_GETARG_CHURN_P(0);
	ChurnGrid	g = churn_state_grid(s);
	ChurnReadout r;
	StringInfoData buf;

	churn_readout(s, &r);
	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d;", CHURN_VERSION);
	churn_append_grid(&buf, &g);
	appendStringInfo(&buf, ";customers=" INT64_FORMAT, *r.c.customers);
	append_counts(&buf, "active", r.active, s->periods + 1, ';');
	for (int i = 0; i < 5; i++)
		append_counts(&buf, churn_list_names[i], r.lists[i], s->periods, ';');
	for (int32 k = 0; k < s->periods && s->max_offset >= 0; k++)
	{
		cx_churn_retained(&r.c, k, (int64_t *) r.row);
		append_counts(&buf, k == 0 ? "retained" : NULL, r.row, cx_churn_row_len(&r.c, k), k == 0 ? ';' : '/');
	}
	PG_RETURN_CSTRING(buf.data);
}

/* ---------------------------------------------------------------------
 * Binary form: version byte, kind byte, origin int8, bucket (months int4,
 * days int4, microseconds int8), periods int4, max_offset int4, zone
 * length byte and zone name (0 for date grids), customers int8, then as
 * int8: active (P + 1), churned, new, reactivated, new_lost,
 * reactivated_lost (P each) and the cohort rows; nothing after them.
 * ---------------------------------------------------------------------
 */

pg_noreturn void
churn_binary_fail(const char *type_name, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary data for type %s", type_name),
			 errdetail("%s", detail)));
	pg_unreachable();
}

/*
 * The binary form's header, for every summary over a grid: the version
 * byte (which must be version), the kind byte (kind), origin int8, bucket
 * (months int4, days int4, microseconds int8), periods int4, max_offset
 * int4, zone length byte and zone name (0 for date grids): a grid checked
 * with churn_grid_problem().
 */
ChurnGrid
churn_recv_grid(StringInfo buf, ChurnKind kind, int version, const char *type_name)
{
	ChurnGrid	g = {.kind = kind};
	const char *problem;
	int			got_version,
				got_kind,
				zone_len;

	/* 1 + 1 + 8 + 4 + 4 + 8 + 4 + 4 + 1 bytes up to the zone name */
	if (buf->len - buf->cursor < 35)
		churn_binary_fail(type_name, "The header is truncated.");
	got_version = pq_getmsgbyte(buf);
	if (got_version != version)
		churn_binary_fail(type_name, psprintf("Format version %d is not supported; only %d is.", got_version, version));
	got_kind = pq_getmsgbyte(buf);
	if (got_kind != (int) kind)
		churn_binary_fail(type_name, psprintf("The grid kind is %d; %s has kind %d.", got_kind, type_name, kind));
	g.origin = pq_getmsgint64(buf);
	g.months = pq_getmsgint(buf, 4);
	g.days = pq_getmsgint(buf, 4);
	g.usecs = pq_getmsgint64(buf);
	g.periods = pq_getmsgint(buf, 4);
	g.max_offset = pq_getmsgint(buf, 4);
	zone_len = pq_getmsgbyte(buf);
	if ((problem = churn_grid_problem(&g)) != NULL)
		churn_binary_fail(type_name, problem);
	if ((kind == CHURN_DATE) != (zone_len == 0))
		churn_binary_fail(type_name, kind == CHURN_DATE ? "A date grid has no time zone: its length must be 0."
						  : "A timestamptz grid must name its time zone.");
	if (zone_len > buf->len - buf->cursor)
		churn_binary_fail(type_name, "The time zone name is truncated.");
	if (zone_len > 0)
	{
		char	   *name = pnstrdup(pq_getmsgbytes(buf, zone_len), zone_len);

		if (strlen(name) != (size_t) zone_len || strchr(name, ';') != NULL ||
			(g.tz = pg_tzset(name)) == NULL)
			churn_binary_fail(type_name, "The time zone name is not a known time zone.");
		g.zone = name;
	}
	return g;
}

/* The header churn_recv_grid() reads. */
void
churn_send_grid(StringInfo buf, int version, const GridView *v)
{
	pq_sendbyte(buf, version);
	pq_sendbyte(buf, v->kind);
	pq_sendint64(buf, v->bounds[0]);
	pq_sendint32(buf, v->months);
	pq_sendint32(buf, v->days);
	pq_sendint64(buf, v->usecs);
	pq_sendint32(buf, v->periods);
	pq_sendint32(buf, v->max_offset);
	pq_sendbyte(buf, v->zone_len);
	pq_sendbytes(buf, v->zone, v->zone_len);
}

static ChurnState *
churn_receive(StringInfo buf, ChurnKind kind)
{
	ChurnGrid	g = churn_recv_grid(buf, kind, CHURN_VERSION, churn_type_name(kind));
	ChurnCounts counts;
	int64		cells,
				expected;

	cells = retained_cells(g.periods, g.max_offset);
	expected = (1 + (g.periods + 1) + 5 * (int64) g.periods + cells) * (int64) sizeof(int64);
	if (buf->len - buf->cursor != expected)
		churn_binary_fail(churn_type_name(kind),
						  psprintf("Expected " INT64_FORMAT " bytes of counts and nothing after them, found %d.",
								   expected, buf->len - buf->cursor));
	counts = counts_alloc(g.periods, g.max_offset);
	counts.customers = pq_getmsgint64(buf);
	for (int32 j = 0; j <= g.periods; j++)
		counts.active[j] = pq_getmsgint64(buf);
	for (int i = 0; i < 5; i++)
		for (int32 k = 0; k < g.periods; k++)
			counts.lists[i][k] = pq_getmsgint64(buf);
	for (int64 i = 0; i < cells; i++)
		counts.retained[i] = pq_getmsgint64(buf);
	return churn_from_counts(&g, &counts, ERRCODE_INVALID_BINARY_REPRESENTATION);
}

/* Binary input of churn_summary, checked as strictly as text input. */
PG_FUNCTION_INFO_V1(churn_summary_recv);
Datum
churn_summary_recv(PG_FUNCTION_ARGS)
{
	return PointerGetDatum(churn_receive((StringInfo) PG_GETARG_POINTER(0), CHURN_DATE));
}

/* Binary input of churn_tstz_summary, checked as strictly as text input. */
PG_FUNCTION_INFO_V1(churn_tstz_summary_recv);
Datum
churn_tstz_summary_recv(PG_FUNCTION_ARGS)
{
	return PointerGetDatum(churn_receive((StringInfo) PG_GETARG_POINTER(0), CHURN_TSTZ));
}

/* Binary output: the version byte first, so the format can evolve. */
PG_FUNCTION_INFO_V1(churn_summary_send);
Datum
churn_summary_send(PG_FUNCTION_ARGS)
{
	ChurnState *s = PG_GETARG_CHURN_P(0);
	GridView	v = churn_grid_view(s);
	ChurnReadout r;
	StringInfoData buf;

	churn_readout(s, &r);
	pq_begintypsend(&buf);
	churn_send_grid(&buf, s->version, &v);
	pq_sendint64(&buf, *r.c.customers);
	for (int32 j = 0; j <= s->periods; j++)
		pq_sendint64(&buf, r.active[j]);
	for (int i = 0; i < 5; i++)
		for (int32 k = 0; k < s->periods; k++)
			pq_sendint64(&buf, r.lists[i][k]);
	for (int32 k = 0; k < s->periods && s->max_offset >= 0; k++)
	{
		cx_churn_retained(&r.c, k, (int64_t *) r.row);
		for (int32 j = 0; j < cx_churn_row_len(&r.c, k); j++)
			pq_sendint64(&buf, r.row[j]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------------------------------------------------------------------
 * JSON: the text form's fields, with the boundaries spelled out.
 * ---------------------------------------------------------------------
 */

static void
append_json_counts(StringInfo buf, const char *key, const int64 *v, int32 n)
{
	appendStringInfo(buf, ", \"%s\": [", key);
	for (int32 i = 0; i < n; i++)
		appendStringInfo(buf, i ? ", " INT64_FORMAT : INT64_FORMAT, v[i]);
	appendStringInfoChar(buf, ']');
}

static char *
churn_json_text(const ChurnState *s)
{
	StringInfoData buf;
	StringInfoData item;
	ChurnReadout r;

	churn_readout(s, &r);
	initStringInfo(&buf);
	initStringInfo(&item);

	churn_append_instant(&item, (ChurnKind) s->kind, r.c.bounds[0]);
	appendStringInfo(&buf, "{\"origin\": \"%s\", \"bucket\": \"", item.data);
	churn_append_bucket(&buf, s->months, s->days, s->usecs);
	appendStringInfoChar(&buf, '"');
	if (s->kind == CHURN_TSTZ)
	{
		appendStringInfoString(&buf, ", \"time_zone\": ");
		escape_json(&buf, pnstrdup(churn_zone(s), s->zone_len));
	}
	appendStringInfo(&buf, ", \"periods\": %d", s->periods);
	if (s->max_offset >= 0)
		appendStringInfo(&buf, ", \"max_offset\": %d", s->max_offset);
	else
		appendStringInfoString(&buf, ", \"max_offset\": null");
	appendStringInfo(&buf, ", \"customers\": " INT64_FORMAT ", \"bounds\": [", *r.c.customers);
	for (int32 j = 0; j <= s->periods; j++)
	{
		resetStringInfo(&item);
		churn_append_instant(&item, (ChurnKind) s->kind, r.c.bounds[j]);
		appendStringInfo(&buf, j ? ", \"%s\"" : "\"%s\"", item.data);
	}
	appendStringInfoChar(&buf, ']');
	append_json_counts(&buf, "active", r.active, s->periods + 1);
	for (int i = 0; i < 5; i++)
		append_json_counts(&buf, churn_list_names[i], r.lists[i], s->periods);
	if (s->max_offset >= 0)
	{
		appendStringInfoString(&buf, ", \"retained\": [");
		for (int32 k = 0; k < s->periods; k++)
		{
			cx_churn_retained(&r.c, k, (int64_t *) r.row);
			appendStringInfoString(&buf, k ? ", [" : "[");
			for (int32 j = 0; j < cx_churn_row_len(&r.c, k); j++)
				appendStringInfo(&buf, j ? ", " INT64_FORMAT : INT64_FORMAT, r.row[j]);
			appendStringInfoChar(&buf, ']');
		}
		appendStringInfoChar(&buf, ']');
	}
	appendStringInfoChar(&buf, '}');
	return buf.data;
}

/* The cast to json, of either churn type. */
PG_FUNCTION_INFO_V1(churn_summary_json);
Datum
churn_summary_json(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(json_in, CStringGetDatum(churn_json_text(PG_GETARG_CHURN_P(0))));
}

/* The cast to jsonb, of either churn type. */
PG_FUNCTION_INFO_V1(churn_summary_jsonb);
Datum
churn_summary_jsonb(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(churn_json_text(PG_GETARG_CHURN_P(0))));
}
