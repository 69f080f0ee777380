/*
 * mrr_io.c
 *		mrr_timeline: new values, its two layouts (mrr_canonical()), and its
 *		text, binary and JSON forms (see revenue.h).
 */
#include "postgres.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/json.h"

#include "revenue.h"

#define MRR_TYPE "mrr_timeline"

/* An instant of a timeline: a grid instant, or "-infinity". */
static void
append_step_instant(StringInfo buf, ChurnKind kind, int64 x)
{
	if (x == PG_INT64_MIN)
		appendStringInfoString(buf, "-infinity");
	else
		churn_append_instant(buf, kind, x);
}

/* A timeline of these (valid) steps; with steps NULL, room for n of them, zeroed. */
MrrTimeline *
mrr_new(ChurnKind kind, int scale, const CxMrrStep *steps, int64 n)
{
	Size		size = MRR_HDRSZ + (Size) n * sizeof(CxMrrStep);
	MrrTimeline *t = palloc0(size);

	SET_VARSIZE(t, size);
	t->version = REVENUE_VERSION;
	t->kind = kind;
	t->scale = scale;
	t->nsteps = (int32) n;
	if (n > 0 && steps != NULL)
		memcpy(t->steps, steps, n * sizeof(CxMrrStep));
	return t;
}

/* The steps of a (detoasted) timeline, copied out aligned. */
void
mrr_steps(const MrrTimeline *t, CxMrrStep *out)
{
	if (t->nsteps > 0)
		memcpy(out, t->steps, (Size) t->nsteps * sizeof(CxMrrStep));
}

/*
 * t in the MRR_STEPS layout: t itself, or its events summed into steps.
 * Negative MRR is an error here, at the end of mrr_agg().
 */
MrrTimeline *
mrr_canonical(const MrrTimeline *t)
{
	CxMrrEvent	local[MRR_LOCAL_EVENTS];
	CxMrrEvent *ev = local;
	MrrTimeline *out;
	int64		n,
				where = 0;
	CxRevStatus status;

	if (t->layout == MRR_STEPS)
		return (MrrTimeline *) t;

	/*
	 * Once per customer at the end of mrr_agg(): the events are sorted in a
	 * copy (on the stack for most customers) and the steps written straight
	 * into the result, at most one per event; its size is then set to the
	 * steps made.
	 */
	if (t->nsteps > MRR_LOCAL_EVENTS)
		ev = palloc(t->nsteps * sizeof(CxMrrEvent));
	if (t->nsteps > 0)
		memcpy(ev, t->steps, (Size) t->nsteps * sizeof(CxMrrEvent));
	out = mrr_new((ChurnKind) t->kind, t->scale, NULL, t->nsteps);
	status = cx_mrr_build(ev, t->nsteps, (CxMrrStep *) out->steps, &n, &where);
	if (status == CX_REV_NEGATIVE_MRR)
	{
		StringInfoData at;

		initStringInfo(&at);
		append_step_instant(&at, (ChurnKind) t->kind, where);
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("mrr_agg() MRR of a customer is negative at %s", at.data),
				 errdetail("Negative amounts (discounts, credits) may only reduce a customer's MRR down to zero."),
				 errhint("Aggregate a discount row with the subscription it applies to: GROUP BY the customer.")));
	}
	if (status != CX_REV_OK)
		revenue_report(status, MRR_TYPE);
	out->nsteps = (int32) n;
	SET_VARSIZE(out, MRR_HDRSZ + (Size) n * sizeof(CxMrrStep));
	return out;
}

/* ---------------------------------------------------------------------
 * mrr_timeline
 *
 *	v1;kind=date;scale=2;steps=2024-01-01 50.00,2024-03-01 0.00
 *
 * Each step is "X VALUE", the value from X on, or "X AT/AFTER" where the
 * value exactly at X differs from the value just after it (timestamptz
 * timelines only).  X is a date, a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" or
 * "-infinity".  The value before the first step is 0.
 * ---------------------------------------------------------------------
 */

/* A timeline read from outside: checked, or an error of sqlstate. */
static MrrTimeline *
mrr_checked(ChurnKind kind, int scale, const CxMrrStep *steps, int64 n, int sqlstate)
{
	CxRevStatus st = cx_mrr_validate(steps, n, kind == CHURN_TSTZ, revenue_unit(scale));

	if (st != CX_REV_OK)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid %s value", MRR_TYPE),
				 errdetail("The steps are not those of any customer: %s.", cx_rev_status_text(st))));
	for (int64 i = 0; i < n; i++)
		if (steps[i].x != PG_INT64_MIN &&
			(steps[i].x < churn_min_value(kind) || steps[i].x > churn_max_value(kind)))
			ereport(ERROR,
					(errcode(sqlstate),
					 errmsg("invalid %s value", MRR_TYPE),
					 errdetail("Step instants must be -infinity or from 0001-01-01 to 9999-12-31.")));
	return mrr_new(kind, scale, steps, n);
}

PG_FUNCTION_INFO_V1(mrr_timeline_in);
Datum
mrr_timeline_in(PG_FUNCTION_ARGS)
{
	const char *input = PG_GETARG_CSTRING(0);
	ChurnParser ps = {.input = input, .p = input, .type_name = MRR_TYPE,
	.hint = "The text form is \"v1;kind=date;scale=2;steps=2024-01-01 50.00,2024-03-01 0.00\", as mrr_agg() writes it."};
	ChurnKind	kind;
	int			scale;
	int64		n = 0,
				cap = 8;
	CxMrrStep  *steps = palloc(cap * sizeof(CxMrrStep));

	revenue_parse_version(&ps);
	churn_parse_literal(&ps, ";kind=");
	if (strncmp(ps.p, "date;", 5) == 0)
	{
		kind = CHURN_DATE;
		ps.p += 4;
	}
	else if (strncmp(ps.p, "timestamptz;", 12) == 0)
	{
		kind = CHURN_TSTZ;
		ps.p += 11;
	}
	else
		churn_parse_fail(&ps, "The kind must be \"date\" or \"timestamptz\".");
	scale = revenue_parse_scale(&ps);
	churn_parse_literal(&ps, ";steps=");
	while (*ps.p != '\0' && !isspace((unsigned char) *ps.p))
	{
		CxMrrStep  *s;

		if (n > 0)
			churn_parse_literal(&ps, ",");
		if (n == cap)
		{
			if (cap >= CX_REV_MAX_STEPS)
				churn_parse_fail(&ps, psprintf("A timeline has at most %d steps.", CX_REV_MAX_STEPS));
			cap *= 2;
			steps = repalloc(steps, cap * sizeof(CxMrrStep));
		}
		s = &steps[n++];
		if (strncmp(ps.p, "-infinity", 9) == 0)
		{
			s->x = PG_INT64_MIN;
			ps.p += 9;
		}
		else
			s->x = churn_parse_instant(&ps, kind, "step instant");
		churn_parse_literal(&ps, " ");
		s->at = revenue_parse_amount(&ps, scale, "A step's value");
		s->after = s->at;
		if (*ps.p == '/')
		{
			ps.p++;
			s->after = revenue_parse_amount(&ps, scale, "A step's value after its instant");
			if (s->after == s->at)
				churn_parse_fail(&ps, "A step writes AT/AFTER only when the two differ.");
		}
	}
	revenue_parse_end(&ps);
	PG_RETURN_POINTER(mrr_checked(kind, scale, steps, n, ERRCODE_INVALID_TEXT_REPRESENTATION));
}

PG_FUNCTION_INFO_V1(mrr_timeline_out);
Datum
mrr_timeline_out(PG_FUNCTION_ARGS)
{
	MrrTimeline *t = PG_GETARG_MRR_P(0);
	CxMrrStep  *steps = palloc(Max(t->nsteps, 1) * sizeof(CxMrrStep));
	StringInfoData buf;

	mrr_steps(t, steps);
	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d;kind=%s;scale=%d;steps=", REVENUE_VERSION,
					 t->kind == CHURN_DATE ? "date" : "timestamptz", t->scale);
	for (int32 i = 0; i < t->nsteps; i++)
	{
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		append_step_instant(&buf, (ChurnKind) t->kind, steps[i].x);
		appendStringInfoChar(&buf, ' ');
		revenue_append_amount(&buf, steps[i].at, t->scale);
		if (steps[i].after != steps[i].at)
		{
			appendStringInfoChar(&buf, '/');
			revenue_append_amount(&buf, steps[i].after, t->scale);
		}
	}
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Binary: version byte, kind byte, scale byte, nsteps int4, then per step
 * x, at and after as int8; nothing after them.
 */
PG_FUNCTION_INFO_V1(mrr_timeline_recv);
Datum
mrr_timeline_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version,
				kind,
				scale;
	int64		n;
	CxMrrStep  *steps;

	if (buf->len - buf->cursor < 7)
		churn_binary_fail(MRR_TYPE, "The header is truncated.");
	version = pq_getmsgbyte(buf);
	kind = pq_getmsgbyte(buf);
	scale = pq_getmsgbyte(buf);
	n = (int32) pq_getmsgint(buf, 4);
	if (version != REVENUE_VERSION)
		churn_binary_fail(MRR_TYPE, psprintf("Format version %d is not supported; only %d is.", version, REVENUE_VERSION));
	if (kind != CHURN_DATE && kind != CHURN_TSTZ)
		churn_binary_fail(MRR_TYPE, psprintf("The kind is %d; it must be %d (date) or %d (timestamptz).", kind, CHURN_DATE, CHURN_TSTZ));
	if (scale > CX_REV_DECIMALS)
		churn_binary_fail(MRR_TYPE, psprintf("The scale is %d; it must be 0 to %d.", scale, CX_REV_DECIMALS));
	if (n < 0 || n > CX_REV_MAX_STEPS || buf->len - buf->cursor != n * (int64) sizeof(CxMrrStep))
		churn_binary_fail(MRR_TYPE, "The number of steps does not match the bytes that follow.");
	steps = palloc(Max(n, 1) * sizeof(CxMrrStep));
	for (int64 i = 0; i < n; i++)
	{
		steps[i].x = pq_getmsgint64(buf);
		steps[i].at = pq_getmsgint64(buf);
		steps[i].after = pq_getmsgint64(buf);
	}
	PG_RETURN_POINTER(mrr_checked((ChurnKind) kind, scale, steps, n, ERRCODE_INVALID_BINARY_REPRESENTATION));
}

PG_FUNCTION_INFO_V1(mrr_timeline_send);
Datum
mrr_timeline_send(PG_FUNCTION_ARGS)
{
	MrrTimeline *t = PG_GETARG_MRR_P(0);
	CxMrrStep  *steps = palloc(Max(t->nsteps, 1) * sizeof(CxMrrStep));
	StringInfoData buf;

	mrr_steps(t, steps);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, t->version);
	pq_sendbyte(&buf, t->kind);
	pq_sendbyte(&buf, t->scale);
	pq_sendint32(&buf, t->nsteps);
	for (int32 i = 0; i < t->nsteps; i++)
	{
		pq_sendint64(&buf, steps[i].x);
		pq_sendint64(&buf, steps[i].at);
		pq_sendint64(&buf, steps[i].after);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static char *
mrr_json_text(const MrrTimeline *t)
{
	CxMrrStep  *steps = palloc(Max(t->nsteps, 1) * sizeof(CxMrrStep));
	StringInfoData buf;
	StringInfoData item;

	mrr_steps(t, steps);
	initStringInfo(&buf);
	initStringInfo(&item);
	appendStringInfo(&buf, "{\"kind\": \"%s\", \"scale\": %d, \"steps\": [",
					 t->kind == CHURN_DATE ? "date" : "timestamptz", t->scale);
	for (int32 i = 0; i < t->nsteps; i++)
	{
		resetStringInfo(&item);
		append_step_instant(&item, (ChurnKind) t->kind, steps[i].x);
		appendStringInfo(&buf, "%s{\"from\": \"%s\", \"at\": ", i ? ", " : "", item.data);
		revenue_append_amount(&buf, steps[i].at, t->scale);
		appendStringInfoString(&buf, ", \"after\": ");
		revenue_append_amount(&buf, steps[i].after, t->scale);
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoString(&buf, "]}");
	return buf.data;
}

PG_FUNCTION_INFO_V1(mrr_timeline_json);
Datum
mrr_timeline_json(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(json_in, CStringGetDatum(mrr_json_text(PG_GETARG_MRR_P(0))));
}

PG_FUNCTION_INFO_V1(mrr_timeline_jsonb);
Datum
mrr_timeline_jsonb(PG_FUNCTION_ARGS)
{
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(mrr_json_text(PG_GETARG_MRR_P(0))));
}

