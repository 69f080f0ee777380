/*
 * revenue_io.c
 *		The text, binary and JSON forms of revenue_summary and
 *		revenue_tstz_summary, new summaries, and the amounts and text-form
 *		pieces that the timeline's forms (mrr_io.c) share (see revenue.h).
 */
#include "postgres.h"

#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/numeric.h"

#include "revenue.h"

/* ---------------------------------------------------------------------
 * Shared: amounts, new values, errors
 * ---------------------------------------------------------------------
 */


/* Turns a non-OK status from the core into an ERROR. */
pg_noreturn void
revenue_report(CxRevStatus status, const char *type_name)
{
	if (status == CX_REV_OVERFLOW)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s value out of range", type_name),
				 errdetail("In this %s, %s.", type_name, cx_rev_status_text(status)),
				 errhint("Use one summary per currency, in a unit whose amounts stay below 922,337,203,685,477 in total.")));
	elog(ERROR, "%s: %s", type_name, cx_rev_status_text(status));
	pg_unreachable();
}

/* Appends an amount of units (>= 0) with exactly scale decimals: "10.50". */
void
revenue_append_amount(StringInfo buf, int64 units, int scale)
{
	appendStringInfo(buf, INT64_FORMAT, units / CX_REV_UNITS);
	if (scale > 0)
	{
		char		digits[8];

		snprintf(digits, sizeof(digits), "%04d", (int) (units % CX_REV_UNITS));
		appendStringInfo(buf, ".%.*s", scale, digits);
	}
}

/* An amount as numeric, with scale decimals (units are multiples of its unit). */
Datum
revenue_amount_datum(int64 units, int scale)
{
	return NumericGetDatum(int64_div_fast_to_numeric(units / revenue_unit(scale), scale));
}

/* A new, empty summary of a valid grid. */
RevenueState *
revenue_new(const ChurnGrid *g, int scale)
{
	size_t		slots = cx_rev_slots(g->periods, g->max_offset);
	size_t		zone_len = g->kind == CHURN_TSTZ ? strlen(g->zone) : 0;
	Size		size = REVENUE_HDRSZ + slots * sizeof(int64) + zone_len;
	RevenueState *s;
	CxRevenue	r;

	if (slots == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid revenue grid"),
				 errdetail("A revenue cohort matrix may have at most %d cells, periods * (max_offset + 1).",
						   CX_REV_MAX_CELLS)));
	Assert(zone_len <= CHURN_MAX_ZONE);
	s = palloc0(size);
	SET_VARSIZE(s, size);
	s->version = REVENUE_VERSION;
	s->kind = g->kind;
	s->scale = scale;
	s->zone_len = (uint8) zone_len;
	s->periods = g->periods;
	s->max_offset = g->max_offset;
	s->months = g->months;
	s->days = g->days;
	s->usecs = g->usecs;
	revenue_view(s, &r);
	churn_fill_bounds(g, (int64 *) r.bounds, "revenue");
	if (zone_len > 0)
		memcpy(revenue_zone(s), g->zone, zone_len);
	return s;
}

/* An amount of the text forms: digits, and exactly scale decimals. */
int64
revenue_parse_amount(ChurnParser *ps, int scale, const char *what)
{
	int64		whole,
				frac = 0;
	int64		units;
	const char *exact = scale == 0 ? psprintf("%s must be a whole number: the value's scale is 0.", what)
		: psprintf("%s must have exactly %d decimal%s, the value's scale.", what, scale, scale == 1 ? "" : "s");

	if (!churn_parse_digits(ps, 0, &whole, what))
		churn_parse_fail(ps, psprintf("%s must be an amount of 0 or more such as 10.50, at character %d.",
									  what, (int) (ps->p - ps->input) + 1));
	if (scale > 0)
	{
		if (*ps->p != '.')
			churn_parse_fail(ps, exact);
		ps->p++;
		if (!churn_parse_digits(ps, scale, &frac, what) || isdigit((unsigned char) *ps->p))
			churn_parse_fail(ps, exact);
	}
	else if (*ps->p == '.')
		churn_parse_fail(ps, exact);
	if (pg_mul_s64_overflow(whole, CX_REV_UNITS, &units) ||
		pg_add_s64_overflow(units, frac * revenue_unit(scale), &units))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s is out of range", what),
				 errdetail("Amounts are exact to 0.0001 and at most 922337203685477.5807.")));
	return units;
}

/* "v1;": the version every text form starts with. */
void
revenue_parse_version(ChurnParser *ps)
{
	int64		v;

	while (isspace((unsigned char) *ps->p))
		ps->p++;
	if (*ps->p++ != 'v' || !churn_parse_digits(ps, 0, &v, "version") || *ps->p != ';')
		churn_parse_fail(ps, "It must start with a format version such as \"v1;\".");
	if (v != REVENUE_VERSION)
		churn_parse_fail(ps, psprintf("Only format version %d is supported.", REVENUE_VERSION));
}

int
revenue_parse_scale(ChurnParser *ps)
{
	int64		v;

	churn_parse_literal(ps, ";scale=");
	v = churn_parse_number(ps, "the scale");
	if (v > CX_REV_DECIMALS)
		churn_parse_fail(ps, psprintf("The scale is the number of decimals of the amounts, 0 to %d.", CX_REV_DECIMALS));
	return (int) v;
}

void
revenue_parse_end(ChurnParser *ps)
{
	while (isspace((unsigned char) *ps->p))
		ps->p++;
	if (*ps->p != '\0')
		churn_parse_fail(ps, psprintf("Unexpected \"%.20s\" at character %d: the value must end after its last item.",
									  ps->p, (int) (ps->p - ps->input) + 1));
}


/* ---------------------------------------------------------------------
 * revenue_summary and revenue_tstz_summary
 *
 *	v1;origin=2024-01-01;bucket=P1M;periods=2;scale=2;customers=3;
 *	mrr_bound=90.00;mrr=..;paying=..;new=..;expansion=..;reactivation=..;
 *	contraction=..;churned=..;new_customers=..;expansion_customers=..;
 *	reactivation_customers=..;contraction_customers=..;churned_customers=..;
 *	first_paid=..
 *
 * (one line).  The grid is churn's text form of it (zone and max_offset
 * included).  mrr and paying have P + 1 values (at each boundary), the
 * others P.  With cohort counters, ";cohort_mrr=ROW/ROW/...;
 * cohort_customers=ROW/..." end the value, one row per cohort of
 * min(N + 1, P - cohort) values.  Amounts have exactly scale decimals.
 * ---------------------------------------------------------------------
 */

static const char *const movement_names[5] = {
	"new", "expansion", "reactivation", "contraction", "churned"
};

/* A summary read out: levels, and room for one cohort row. */
typedef struct RevenueReadout
{
	CxRevenue	r;
	int64	   *mrr;			/* P + 1 */
	int64	   *paying;
	int64	   *row_mrr;		/* max_offset + 1 (at least 1) */
	int64	   *row_paying;
} RevenueReadout;

static void
revenue_readout(const RevenueState *s, RevenueReadout *o)
{
	revenue_view(s, &o->r);
	o->mrr = palloc((s->periods + 1) * sizeof(int64));
	o->paying = palloc((s->periods + 1) * sizeof(int64));
	o->row_mrr = palloc((s->max_offset + 2) * sizeof(int64));
	o->row_paying = palloc((s->max_offset + 2) * sizeof(int64));
	cx_rev_levels(&o->r, (int64_t *) o->mrr, (int64_t *) o->paying);
}

/* The cohort rows' total length. */
static int64
cohort_cells(int32 periods, int32 max_offset)
{
	int64		cells = 0;

	for (int32 k = 0; k < periods && max_offset >= 0; k++)
		cells += Min(max_offset + 1, periods - k);
	return cells;
}

/* What the text and binary inputs read, before it is checked. */
typedef struct RevenueInput
{
	int			scale;
	int64		customers;
	int64		mrr_bound;
	int64	   *mrr;			/* P + 1 */
	int64	   *paying;			/* P + 1 */
	int64	   *amount[5];		/* P */
	int64	   *count[5];		/* P */
	int64	   *first_paid;		/* P */
	int64	   *cohort_mrr;		/* cells */
	int64	   *cohort_paying;	/* cells */
} RevenueInput;

static RevenueInput
input_alloc(int32 periods, int32 max_offset)
{
	RevenueInput in;
	Size		cells = Max(cohort_cells(periods, max_offset), 1);

	memset(&in, 0, sizeof(in));
	in.mrr = palloc((periods + 1) * sizeof(int64));
	in.paying = palloc((periods + 1) * sizeof(int64));
	for (int i = 0; i < 5; i++)
	{
		in.amount[i] = palloc(periods * sizeof(int64));
		in.count[i] = palloc(periods * sizeof(int64));
	}
	in.first_paid = palloc(periods * sizeof(int64));
	in.cohort_mrr = palloc(cells * sizeof(int64));
	in.cohort_paying = palloc(cells * sizeof(int64));
	return in;
}

/* A summary of grid g holding in: checked, or an error of sqlstate. */
static RevenueState *
revenue_from_input(const ChurnGrid *g, const RevenueInput *in, int sqlstate)
{
	RevenueState *s = revenue_new(g, in->scale);
	CxRevenue	r;
	CxRevStatus st;

	revenue_view(s, &r);
	*r.customers = in->customers;
	*r.mrr_bound = in->mrr_bound;
	for (int i = 0; i < 5; i++)
	{
		memcpy(r.amount[i], in->amount[i], g->periods * sizeof(int64));
		memcpy(r.count[i], in->count[i], g->periods * sizeof(int64));
	}
	memcpy(r.first_paid, in->first_paid, g->periods * sizeof(int64));
	st = cx_rev_load(&r, (const int64_t *) in->mrr, (const int64_t *) in->paying,
					 (const int64_t *) in->cohort_mrr, (const int64_t *) in->cohort_paying);
	if (st == CX_REV_OK)
		st = cx_rev_validate(&r, revenue_unit(in->scale));
	if (st != CX_REV_OK)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid %s value", revenue_type_name(g->kind)),
				 errdetail("The amounts and counts are not those of any set of customers: %s.",
						   cx_rev_status_text(st))));
	return s;
}

/* ";key=" then n amounts separated by commas. */
static void
parse_amounts(ChurnParser *ps, const char *key, int64 *out, int32 n, int scale)
{
	churn_parse_literal(ps, psprintf(";%s=", key));
	for (int32 i = 0; i < n; i++)
	{
		if (i > 0 && *ps->p++ != ',')
			churn_parse_fail(ps, psprintf("\"%s\" must have %d amounts, separated by commas.", key, n));
		out[i] = revenue_parse_amount(ps, scale, psprintf("Amount %d of \"%s\"", i + 1, key));
	}
}

/* ";key=ROW/ROW/..." of cohort rows, amounts or counts. */
static void
parse_rows(ChurnParser *ps, const char *key, int64 *cell, const ChurnGrid *g, int scale, bool amounts)
{
	churn_parse_literal(ps, psprintf(";%s=", key));
	for (int32 k = 0; k < g->periods; k++)
	{
		int32		len = Min(g->max_offset + 1, g->periods - k);

		if (k > 0 && *ps->p++ != '/')
			churn_parse_fail(ps, psprintf("\"%s\" must have %d rows separated by \"/\", one per cohort.", key, g->periods));
		for (int32 j = 0; j < len; j++)
		{
			const char *what = psprintf("value %d of row %d of \"%s\"", j + 1, k + 1, key);

			if (j > 0 && *ps->p++ != ',')
				churn_parse_fail(ps, psprintf("Row %d of \"%s\" must have %d values, separated by commas.", k + 1, key, len));
			*cell++ = amounts ? revenue_parse_amount(ps, scale, what) : churn_parse_number(ps, what);
		}
	}
}

static RevenueState *
revenue_parse(const char *input, ChurnKind kind)
{
	ChurnParser ps = {.input = input, .p = input, .type_name = revenue_type_name(kind),
	.hint = psprintf("The text form is \"v%d;origin=...;bucket=...;%speriods=...;scale=...;customers=...;mrr_bound=...;mrr=...;paying=...;new=...;...\", as revenue_agg() writes it.",
					 REVENUE_VERSION, kind == CHURN_TSTZ ? "zone=...;" : "")};
	ChurnGrid	g = {.kind = kind};
	RevenueInput in;
	char		key[32];

	revenue_parse_version(&ps);
	churn_parse_grid(&ps, &g);
	if (cx_rev_check_grid(g.periods, g.max_offset) != CX_REV_OK)
		churn_parse_fail(&ps, psprintf("A revenue cohort matrix may have at most %d cells.", CX_REV_MAX_CELLS));
	in = input_alloc(g.periods, g.max_offset);
	in.scale = revenue_parse_scale(&ps);
	churn_parse_literal(&ps, ";customers=");
	in.customers = churn_parse_number(&ps, "the number of customers");
	churn_parse_literal(&ps, ";mrr_bound=");
	in.mrr_bound = revenue_parse_amount(&ps, in.scale, "mrr_bound");
	parse_amounts(&ps, "mrr", in.mrr, g.periods + 1, in.scale);
	churn_parse_list(&ps, "paying", in.paying, g.periods + 1);
	for (int i = 0; i < 5; i++)
		parse_amounts(&ps, movement_names[i], in.amount[i], g.periods, in.scale);
	for (int i = 0; i < 5; i++)
	{
		snprintf(key, sizeof(key), "%s_customers", movement_names[i]);
		churn_parse_list(&ps, key, in.count[i], g.periods);
	}
	churn_parse_list(&ps, "first_paid", in.first_paid, g.periods);
	if (g.max_offset >= 0)
	{
		parse_rows(&ps, "cohort_mrr", in.cohort_mrr, &g, in.scale, true);
		parse_rows(&ps, "cohort_customers", in.cohort_paying, &g, in.scale, false);
	}
	revenue_parse_end(&ps);
	return revenue_from_input(&g, &in, ERRCODE_INVALID_TEXT_REPRESENTATION);
}

PG_FUNCTION_INFO_V1(revenue_summary_in);
Datum
revenue_summary_in(PG_FUNCTION_ARGS)
{
	return PointerGetDatum(revenue_parse(PG_GETARG_CSTRING(0), CHURN_DATE));
}

PG_FUNCTION_INFO_V1(revenue_tstz_summary_in);
Datum
revenue_tstz_summary_in(PG_FUNCTION_ARGS)
{
	return PointerGetDatum(revenue_parse(PG_GETARG_CSTRING(0), CHURN_TSTZ));
}

static void
append_list(StringInfo buf, const char *key, const int64 *v, int32 n, char sep, int scale)
{
	appendStringInfoChar(buf, sep);
	if (key != NULL)
		appendStringInfo(buf, "%s=", key);
	for (int32 i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoChar(buf, ',');
		if (scale >= 0)
			revenue_append_amount(buf, v[i], scale);
		else
			appendStringInfo(buf, INT64_FORMAT, v[i]);
	}
}

/* Text output, canonical and exact: also the wire format Citus ships. */
PG_FUNCTION_INFO_V1(revenue_summary_out);
Datum
revenue_summary_out(PG_FUNCTION_ARGS)
{
	RevenueState *s = PG_GETARG_REVENUE_P(0);
	GridView	v = revenue_grid_view(s);
	ChurnGrid	g = churn_view_grid(&v);
	RevenueReadout o;
	StringInfoData buf;
	char		key[32];

	revenue_readout(s, &o);
	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d;", REVENUE_VERSION);
	churn_append_grid(&buf, &g);
	appendStringInfo(&buf, ";scale=%d;customers=" INT64_FORMAT ";mrr_bound=", s->scale, *o.r.customers);
	revenue_append_amount(&buf, *o.r.mrr_bound, s->scale);
	append_list(&buf, "mrr", o.mrr, s->periods + 1, ';', s->scale);
	append_list(&buf, "paying", o.paying, s->periods + 1, ';', -1);
	for (int i = 0; i < 5; i++)
		append_list(&buf, movement_names[i], o.r.amount[i], s->periods, ';', s->scale);
	for (int i = 0; i < 5; i++)
	{
		snprintf(key, sizeof(key), "%s_customers", movement_names[i]);
		append_list(&buf, key, o.r.count[i], s->periods, ';', -1);
	}
	append_list(&buf, "first_paid", o.r.first_paid, s->periods, ';', -1);
	for (int pass = 0; pass < 2 && s->max_offset >= 0; pass++)
		for (int32 k = 0; k < s->periods; k++)
		{
			cx_rev_cohort(&o.r, k, (int64_t *) o.row_mrr, (int64_t *) o.row_paying);
			append_list(&buf, k > 0 ? NULL : pass == 0 ? "cohort_mrr" : "cohort_customers",
						pass == 0 ? o.row_mrr : o.row_paying, cx_rev_row_len(&o.r, k),
						k == 0 ? ';' : '/', pass == 0 ? s->scale : -1);
		}
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Binary form: version byte, kind byte, origin int8, bucket (months int4,
 * days int4, microseconds int8), periods int4, max_offset int4, zone
 * length byte and zone name (0 for date grids), scale byte, then as int8:
 * customers, mrr_bound, mrr (P + 1), paying (P + 1), the five movement
 * amounts and the five counts (P each, in text-form order), first_paid
 * (P), and the cohort rows of MRR then of customers; nothing after them.
 * Amounts are in units of 0.0001.
 */
static RevenueState *
revenue_receive(StringInfo buf, ChurnKind kind)
{
	const char *type_name = revenue_type_name(kind);
	ChurnGrid	g = churn_recv_grid(buf, kind, REVENUE_VERSION, type_name);
	RevenueInput in;
	int			scale;
	int64		cells,
				expected;

	if (cx_rev_check_grid(g.periods, g.max_offset) != CX_REV_OK)
		churn_binary_fail(type_name, psprintf("A revenue cohort matrix may have at most %d cells.", CX_REV_MAX_CELLS));
	if (buf->len - buf->cursor < 1)
		churn_binary_fail(type_name, "The scale is missing.");
	scale = pq_getmsgbyte(buf);
	if (scale > CX_REV_DECIMALS)
		churn_binary_fail(type_name, psprintf("The scale is %d; it must be 0 to %d.", scale, CX_REV_DECIMALS));

	cells = cohort_cells(g.periods, g.max_offset);
	expected = (2 + 2 * ((int64) g.periods + 1) + 11 * (int64) g.periods + 2 * cells) * (int64) sizeof(int64);
	if (buf->len - buf->cursor != expected)
		churn_binary_fail(type_name, psprintf("Expected " INT64_FORMAT " bytes of values and nothing after them, found %d.",
										expected, buf->len - buf->cursor));
	in = input_alloc(g.periods, g.max_offset);
	in.scale = scale;
	in.customers = pq_getmsgint64(buf);
	in.mrr_bound = pq_getmsgint64(buf);
	for (int32 j = 0; j <= g.periods; j++)
		in.mrr[j] = pq_getmsgint64(buf);
	for (int32 j = 0; j <= g.periods; j++)
		in.paying[j] = pq_getmsgint64(buf);
	for (int i = 0; i < 5; i++)
		for (int32 k = 0; k < g.periods; k++)
			in.amount[i][k] = pq_getmsgint64(buf);
	for (int i = 0; i < 5; i++)
		for (int32 k = 0; k < g.periods; k++)
			in.count[i][k] = pq_getmsgint64(buf);
	for (int32 k = 0; k < g.periods; k++)
		in.first_paid[k] = pq_getmsgint64(buf);
	for (int64 i = 0; i < cells; i++)
		in.cohort_mrr[i] = pq_getmsgint64(buf);
	for (int64 i = 0; i < cells; i++)
		in.cohort_paying[i] = pq_getmsgint64(buf);
	return revenue_from_input(&g, &in, ERRCODE_INVALID_BINARY_REPRESENTATION);
}

PG_FUNCTION_INFO_V1(revenue_summary_recv);
Datum
revenue_summary_recv(PG_FUNCTION_ARGS)
{
	return PointerGetDatum(revenue_receive((StringInfo) PG_GETARG_POINTER(0), CHURN_DATE));
}

PG_FUNCTION_INFO_V1(revenue_tstz_summary_recv);
Datum
revenue_tstz_summary_recv(PG_FUNCTION_ARGS)
{
	return PointerGetDatum(revenue_receive((StringInfo) PG_GETARG_POINTER(0), CHURN_TSTZ));
}

PG_FUNCTION_INFO_V1(revenue_summary_send);
Datum
revenue_summary_send(PG_FUNCTION_ARGS)
{
	RevenueState *s = PG_GETARG_REVENUE_P(0);
	GridView	v = revenue_grid_view(s);
	RevenueReadout o;
	StringInfoData buf;

	revenue_readout(s, &o);
	pq_begintypsend(&buf);
	churn_send_grid(&buf, s->version, &v);
	pq_sendbyte(&buf, s->scale);
	pq_sendint64(&buf, *o.r.customers);
	pq_sendint64(&buf, *o.r.mrr_bound);
	for (int32 j = 0; j <= s->periods; j++)
		pq_sendint64(&buf, o.mrr[j]);
	for (int32 j = 0; j <= s->periods; j++)
		pq_sendint64(&buf, o.paying[j]);
	for (int i = 0; i < 5; i++)
		for (int32 k = 0; k < s->periods; k++)
			pq_sendint64(&buf, o.r.amount[i][k]);
	for (int i = 0; i < 5; i++)
		for (int32 k = 0; k < s->periods; k++)
			pq_sendint64(&buf, o.r.count[i][k]);
	for (int32 k = 0; k < s->periods; k++)
		pq_sendint64(&buf, o.r.first_paid[k]);
	for (int pass = 0; pass < 2 && s->max_offset >= 0; pass++)
		for (int32 k = 0; k < s->periods; k++)
		{
			cx_rev_cohort(&o.r, k, (int64_t *) o.row_mrr, (int64_t *) o.row_paying);
			for (int32 j = 0; j < cx_rev_row_len(&o.r, k); j++)
				pq_sendint64(&buf, pass == 0 ? o.row_mrr[j] : o.row_paying[j]);
		}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* JSON: the text form's fields, with the boundaries spelled out. */
static void
append_json_list(StringInfo buf, const char *key, const int64 *v, int32 n, int scale)
{
	appendStringInfo(buf, ", \"%s\": [", key);
	for (int32 i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoString(buf, ", ");
		if (scale >= 0)
			revenue_append_amount(buf, v[i], scale);
		else
			appendStringInfo(buf, INT64_FORMAT, v[i]);
	}
	appendStringInfoChar(buf, ']');
}

static char *
revenue_json_text(const RevenueState *s)
{
	StringInfoData buf;
	StringInfoData item;
	RevenueReadout o;
	char		key[32];

	revenue_readout(s, &o);
	initStringInfo(&buf);
	initStringInfo(&item);
	churn_append_instant(&item, (ChurnKind) s->kind, o.r.bounds[0]);
	appendStringInfo(&buf, "{\"origin\": \"%s\", \"bucket\": \"", item.data);
	churn_append_bucket(&buf, s->months, s->days, s->usecs);
	appendStringInfoChar(&buf, '"');
	if (s->kind == CHURN_TSTZ)
	{
		appendStringInfoString(&buf, ", \"time_zone\": ");
		escape_json(&buf, pnstrdup(revenue_zone(s), s->zone_len));
	}
	appendStringInfo(&buf, ", \"periods\": %d", s->periods);
	if (s->max_offset >= 0)
		appendStringInfo(&buf, ", \"max_offset\": %d", s->max_offset);
	else
		appendStringInfoString(&buf, ", \"max_offset\": null");
	appendStringInfo(&buf, ", \"scale\": %d, \"customers\": " INT64_FORMAT ", \"bounds\": [",
					 s->scale, *o.r.customers);
	for (int32 j = 0; j <= s->periods; j++)
	{
		resetStringInfo(&item);
		churn_append_instant(&item, (ChurnKind) s->kind, o.r.bounds[j]);
		appendStringInfo(&buf, j ? ", \"%s\"" : "\"%s\"", item.data);
	}
	appendStringInfoChar(&buf, ']');
	append_json_list(&buf, "mrr", o.mrr, s->periods + 1, s->scale);
	append_json_list(&buf, "paying", o.paying, s->periods + 1, -1);
	for (int i = 0; i < 5; i++)
		append_json_list(&buf, movement_names[i], o.r.amount[i], s->periods, s->scale);
	for (int i = 0; i < 5; i++)
	{
		snprintf(key, sizeof(key), "%s_customers", movement_names[i]);
		append_json_list(&buf, key, o.r.count[i], s->periods, -1);
	}
	append_json_list(&buf, "first_paid", o.r.first_paid, s->periods, -1);
	for (int pass = 0; pass < 2 && s->max_offset >= 0; pass++)
	{
		appendStringInfo(&buf, ", \"%s\": [", pass == 0 ? "cohort_mrr" : "cohort_customers");
		for (int32 k = 0; k < s->periods; k++)
		{
			cx_rev_cohort(&o.r, k, (int64_t *) o.row_mrr, (int64_t *) o.row_paying);
			resetStringInfo(&item);
			append_json_list(&item, "x", pass == 0 ? o.row_mrr : o.row_paying,
							 cx_rev_row_len(&o.r, k), pass == 0 ? s->scale : -1);
			/* item is ', "x": [...]': keep the list */
			appendStringInfo(&buf, "%s%s", k ? ", " : "", strchr(item.data, '['));
		}
		appendStringInfoChar(&buf, ']');
	}
	appendStringInfoChar(&buf, '}');
	return buf.data;
}

PG_FUNCTION_INFO_V1(revenue_summary_json);
Datum
revenue_summary_json(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(json_in, CStringGetDatum(revenue_json_text(PG_GETARG_REVENUE_P(0))));
}

PG_FUNCTION_INFO_V1(revenue_summary_jsonb);
Datum
revenue_summary_jsonb(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(revenue_json_text(PG_GETARG_REVENUE_P(0))));
}
