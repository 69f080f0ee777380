/*
 * churn.c
 *		churn_summary and churn_tstz_summary: customer churn per period of a
 *		grid, counted in one pass over one row per customer.
 *
 * The counting is in the pure-C core (cx_churn.c); this file is the glue:
 * the grid (its boundaries t_k = origin + k * bucket, computed once per
 * summary with PostgreSQL's date and timestamptz calendar rules), ranges and
 * multiranges read as spans, the varlena summary with its text and binary
 * forms, the aggregate support functions and the set-returning readers.
 *
 * The two SQL types share every C function here: churn_summary has a date
 * grid (daterange and datemultirange activity), churn_tstz_summary a
 * timestamptz grid.  They are two types because the readers return the
 * period bounds in the grid's own type.  A summary's header says which kind
 * it is.
 *
 * A timestamptz grid does its month and day arithmetic in a time zone, like
 * timestamptz + interval: the session's TimeZone when the aggregate builds
 * the summary.  The zone's name is part of the summary, so that the text and
 * binary forms give back the very same boundaries in any session.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/multirangetypes.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "cx_churn.h"
#include "cx_varlena.h"

/* Format version of the stored, text and binary forms. */
#define CHURN_VERSION 1

/* The grids' calendar range: boundaries from 0001-01-01 to 9999-12-31. */
#define CHURN_MIN_YEAR 1
#define CHURN_MAX_YEAR 9999

/* The longest time zone name a summary keeps (TZ_STRLEN_MAX). */
#define CHURN_MAX_ZONE 255

/* Longest piece of a malformed input quoted in an error message. */
#define CHURN_QUOTE_MAX 60

typedef enum ChurnKind
{
	CHURN_DATE = 1,				/* churn_summary: boundaries are dates (days) */
	CHURN_TSTZ = 2				/* churn_tstz_summary: microseconds */
} ChurnKind;

/*
 * The summary.  data holds the core's counters (cx_churn_bind(): the
 * customer count, the P + 1 boundaries, then the counters), followed by the
 * time zone name of a timestamptz grid, zone_len bytes, not terminated.
 * The bucket is kept as given, so that rows and summaries can be compared
 * with it; the boundaries decide everything else.
 */
typedef struct ChurnState
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;		/* CHURN_VERSION */
	uint8		kind;			/* ChurnKind */
	uint8		reserved;		/* zero */
	uint8		zone_len;		/* bytes of zone name after the counters */
	int32		periods;		/* P */
	int32		max_offset;		/* N: cohort offsets 0..N; -1: no cohorts */
	int32		months;			/* the bucket: months, */
	int32		days;			/* days */
	int64		usecs;			/* and microseconds */
	int64		data[FLEXIBLE_ARRAY_MEMBER];
} ChurnState;

#define CHURN_HDRSZ		offsetof(ChurnState, data)

#define DatumGetChurnStateP(x)		((ChurnState *) PG_DETOAST_DATUM(x))
#define PG_GETARG_CHURN_P(n)		DatumGetChurnStateP(PG_GETARG_DATUM(n))

/*
 * A SQL-callable function whose body is one expression of fcinfo: the thin
 * entry points (input of each type, equality, casts, accessors) that only
 * say which shared code serves them.
 */
#define CHURN_ENTRY(name, expr) \
	PG_FUNCTION_INFO_V1(name); \
	Datum \
	name(PG_FUNCTION_ARGS) \
	{ \
		return (expr); \
	}

/*
 * A grid as the aggregate's arguments or an input form give it, before the
 * boundaries are computed.
 */
typedef struct ChurnGrid
{
	ChurnKind	kind;
	int64		origin;			/* days since 2000-01-01, or a timestamptz */
	int32		months;
	int32		days;
	int64		usecs;
	int32		periods;
	int32		max_offset;
	pg_tz	   *tz;				/* timestamptz grids: the calendar's zone */
	const char *zone;			/* and its name */
} ChurnGrid;

static const char *
churn_type_name(ChurnKind kind)
{
	return kind == CHURN_DATE ? "churn_summary" : "churn_tstz_summary";
}

/* The core's view of a summary's counters. */
static inline void
churn_view(const ChurnState *s, CxChurn *c)
{
	cx_churn_bind(c, (int64_t *) s->data, s->periods, s->max_offset);
}

static inline char *
churn_zone(const ChurnState *s)
{
	return (char *) (s->data + cx_churn_slots(s->periods, s->max_offset));
}

/* ---------------------------------------------------------------------
 * The calendar: dates and timestamps as the text form writes them, and
 * the boundaries of a grid.
 * ---------------------------------------------------------------------
 */

static int64
churn_min_value(ChurnKind kind)
{
	int64		days = date2j(CHURN_MIN_YEAR, 1, 1) - POSTGRES_EPOCH_JDATE;

	return kind == CHURN_DATE ? days : days * USECS_PER_DAY;
}

static int64
churn_max_value(ChurnKind kind)
{
	int64		days = date2j(CHURN_MAX_YEAR, 12, 31) - POSTGRES_EPOCH_JDATE;

	return kind == CHURN_DATE ? days : (days + 1) * USECS_PER_DAY - 1;
}

/* Appends a boundary: "2024-01-31", or "2024-01-01T05:00:00[.5]Z" in UTC. */
static void
append_instant(StringInfo buf, ChurnKind kind, int64 v)
{
	int			year,
				month,
				day;
	int64		usecs = 0;

	if (kind == CHURN_TSTZ)
	{
		int64		d = v / USECS_PER_DAY;

		usecs = v - d * USECS_PER_DAY;
		if (usecs < 0)
		{
			usecs += USECS_PER_DAY;
			d--;
		}
		v = d;
	}
	j2date((int) (v + POSTGRES_EPOCH_JDATE), &year, &month, &day);
	appendStringInfo(buf, "%04d-%02d-%02d", year, month, day);
	if (kind == CHURN_TSTZ)
	{
		int64		secs = usecs / USECS_PER_SEC;
		int			frac = (int) (usecs % USECS_PER_SEC);

		appendStringInfo(buf, "T%02d:%02d:%02d", (int) (secs / 3600),
						 (int) (secs / 60 % 60), (int) (secs % 60));
		if (frac != 0)
		{
			char		digits[8];
			int			len = 6;

			snprintf(digits, sizeof(digits), "%06d", frac);
			while (digits[len - 1] == '0')
				len--;
			appendStringInfo(buf, ".%.*s", len, digits);
		}
		appendStringInfoChar(buf, 'Z');
	}
}

/* Appends a bucket as an ISO 8601 duration: "P1M", "P7D", "PT3600S", ... */
static void
append_bucket(StringInfo buf, int32 months, int32 days, int64 usecs)
{
	appendStringInfoChar(buf, 'P');
	if (months != 0)
		appendStringInfo(buf, "%dM", months);
	if (days != 0)
		appendStringInfo(buf, "%dD", days);
	if (usecs != 0)
	{
		appendStringInfo(buf, "T" INT64_FORMAT, usecs / USECS_PER_SEC);
		if (usecs % USECS_PER_SEC != 0)
		{
			char		digits[8];
			int			len = 6;

			snprintf(digits, sizeof(digits), "%06d", (int) (usecs % USECS_PER_SEC));
			while (digits[len - 1] == '0')
				len--;
			appendStringInfo(buf, ".%.*s", len, digits);
		}
		appendStringInfoChar(buf, 'S');
	}
}

/*
 * Boundary k of a date grid: origin + k * bucket, as date + interval does
 * it (months first, keeping the day of month but not past the month's end;
 * then days).  False if it falls after 9999-12-31.
 */
static bool
date_boundary(const ChurnGrid *g, int64 k, int64 *out)
{
	int			year,
				month,
				day;
	int64		mon,
				julian;

	j2date((int) (g->origin + POSTGRES_EPOCH_JDATE), &year, &month, &day);
	mon = month - 1 + k * g->months;	/* both factors are bounded: no overflow */
	if (year + mon / MONTHS_PER_YEAR > CHURN_MAX_YEAR)
		return false;
	year += (int) (mon / MONTHS_PER_YEAR);
	month = (int) (mon % MONTHS_PER_YEAR) + 1;
	if (day > day_tab[isleap(year)][month - 1])
		day = day_tab[isleap(year)][month - 1];
	julian = date2j(year, month, day) + k * g->days;
	if (julian - POSTGRES_EPOCH_JDATE > churn_max_value(CHURN_DATE))
		return false;
	*out = julian - POSTGRES_EPOCH_JDATE;
	return true;
}

/*
 * Boundary k of a timestamptz grid: origin + k * bucket, as
 * timestamptz + interval does it, in the grid's time zone: months on the
 * local calendar, then days on the local calendar (so a day may last 23 or
 * 25 hours), then the time part.  Like timestamptz + interval, a step whose
 * part of k * bucket is zero is skipped, not taken as "plus nothing on the
 * local calendar": that would move an origin in a repeated (fall-back)
 * hour to the other of its two instants.  So boundary 0 is the origin
 * itself.  False if out of range.
 */
static bool
tstz_boundary(const ChurnGrid *g, int64 k, int64 *out)
{
	TimestampTz ts = g->origin;
	struct pg_tm tt;
	fsec_t		fsec;
	int			tzoff;
	int64		usecs;

	if (pg_mul_s64_overflow(k, g->usecs, &usecs))
		return false;
	if (g->months != 0 && k != 0)
	{
		int64		mon;

		if (timestamp2tm(ts, &tzoff, &tt, &fsec, NULL, g->tz) != 0)
			return false;
		mon = tt.tm_mon - 1 + k * g->months;
		if (tt.tm_year + mon / MONTHS_PER_YEAR > CHURN_MAX_YEAR)
			return false;
		tt.tm_year += (int) (mon / MONTHS_PER_YEAR);
		tt.tm_mon = (int) (mon % MONTHS_PER_YEAR) + 1;
		if (tt.tm_mday > day_tab[isleap(tt.tm_year)][tt.tm_mon - 1])
			tt.tm_mday = day_tab[isleap(tt.tm_year)][tt.tm_mon - 1];
		tzoff = DetermineTimeZoneOffset(&tt, g->tz);
		if (tm2timestamp(&tt, fsec, &tzoff, &ts) != 0)
			return false;
	}
	if (g->days != 0 && k != 0)
	{
		int64		julian;

		if (timestamp2tm(ts, &tzoff, &tt, &fsec, NULL, g->tz) != 0)
			return false;
		julian = date2j(tt.tm_year, tt.tm_mon, tt.tm_mday) + k * g->days;
		if (julian > date2j(CHURN_MAX_YEAR + 1, 1, 1))
			return false;
		j2date((int) julian, &tt.tm_year, &tt.tm_mon, &tt.tm_mday);
		tzoff = DetermineTimeZoneOffset(&tt, g->tz);
		if (tm2timestamp(&tt, fsec, &tzoff, &ts) != 0)
			return false;
	}
	if (pg_add_s64_overflow(ts, usecs, &ts) || ts > churn_max_value(CHURN_TSTZ))
		return false;
	*out = ts;
	return true;
}

static bool
grid_boundary(const ChurnGrid *g, int64 k, int64 *out)
{
	return g->kind == CHURN_DATE ? date_boundary(g, k, out) : tstz_boundary(g, k, out);
}

/*
 * What is wrong with a grid, as an error detail; NULL if nothing.  Every
 * entry point checks grids with it: the aggregates' arguments, and the text
 * and binary input.
 */
static const char *
grid_problem(const ChurnGrid *g)
{
	if (g->origin < churn_min_value(g->kind) || g->origin > churn_max_value(g->kind))
		return psprintf("The origin must be a finite %s from 0001-01-01 to 9999-12-31.",
						g->kind == CHURN_DATE ? "date" : "timestamp");
	if (g->months < 0 || g->days < 0 || g->usecs < 0 ||
		(g->months == 0 && g->days == 0 && g->usecs == 0))
		return "The bucket must be positive: months, days and time each zero or more, not all zero, such as '1 month' or '7 days'.";
	if (g->kind == CHURN_DATE && g->usecs != 0)
		return "A bucket for dates must be whole days or months, without a time part.";
	if (g->periods < 1 || g->periods > CX_CHURN_MAX_PERIODS)
		return psprintf("The number of periods must be from 1 to %d, not %d.",
						CX_CHURN_MAX_PERIODS, g->periods);
	if (g->max_offset < -1 || g->max_offset >= g->periods)
		return psprintf("max_offset must be from 0 to periods - 1 = %d, not %d.",
						g->periods - 1, g->max_offset);
	if ((int64) g->periods * (g->max_offset + 1) > CX_CHURN_MAX_CELLS)
		return psprintf("A cohort matrix of %d periods and offsets 0 to %d has " INT64_FORMAT " cells; the most is %d.",
						g->periods, g->max_offset,
						(int64) g->periods * (g->max_offset + 1), CX_CHURN_MAX_CELLS);
	return NULL;
}

/* Appends a grid the way the text form writes it. */
static void
append_grid(StringInfo buf, const ChurnGrid *g)
{
	appendStringInfoString(buf, "origin=");
	append_instant(buf, g->kind, g->origin);
	appendStringInfoString(buf, ";bucket=");
	append_bucket(buf, g->months, g->days, g->usecs);
	if (g->kind == CHURN_TSTZ)
		appendStringInfo(buf, ";zone=%s", g->zone);
	appendStringInfo(buf, ";periods=%d", g->periods);
	if (g->max_offset >= 0)
		appendStringInfo(buf, ";max_offset=%d", g->max_offset);
}

/* The grid of a summary. */
static ChurnGrid
state_grid(const ChurnState *s)
{
	ChurnGrid	g;

	g.kind = (ChurnKind) s->kind;
	g.origin = s->data[1];		/* the first boundary: see cx_churn_bind() */
	g.months = s->months;
	g.days = s->days;
	g.usecs = s->usecs;
	g.periods = s->periods;
	g.max_offset = s->max_offset;
	g.tz = NULL;
	g.zone = s->kind == CHURN_TSTZ ? pnstrdup(churn_zone(s), s->zone_len) : NULL;
	return g;
}

static char *
state_grid_text(const ChurnState *s)
{
	StringInfoData buf;
	ChurnGrid	g = state_grid(s);

	initStringInfo(&buf);
	append_grid(&buf, &g);
	return buf.data;
}

/*
 * A new, empty summary of a valid grid: the boundaries computed, the
 * counters zero.
 */
static ChurnState *
churn_new(const ChurnGrid *g)
{
	size_t		slots = cx_churn_slots(g->periods, g->max_offset);
	size_t		zone_len = g->kind == CHURN_TSTZ ? strlen(g->zone) : 0;
	Size		size = CHURN_HDRSZ + slots * sizeof(int64) + zone_len;
	ChurnState *s;
	CxChurn		c;

	Assert(slots > 0 && zone_len <= CHURN_MAX_ZONE);
	s = palloc0(size);
	SET_VARSIZE(s, size);
	s->version = CHURN_VERSION;
	s->kind = g->kind;
	s->zone_len = (uint8) zone_len;
	s->periods = g->periods;
	s->max_offset = g->max_offset;
	s->months = g->months;
	s->days = g->days;
	s->usecs = g->usecs;
	churn_view(s, &c);
	for (int32 k = 0; k <= g->periods; k++)
	{
		if (!grid_boundary(g, k, &c.bounds[k]))
		{
			StringInfoData buf;

			initStringInfo(&buf);
			append_grid(&buf, g);
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("churn period boundary out of range"),
					 errdetail("Boundary %d of the grid %s falls after 9999-12-31.", k, buf.data),
					 errhint("Use fewer periods or an earlier origin.")));
		}
	}
	if (cx_churn_check_bounds(c.bounds, g->periods) != CX_CHURN_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn period boundaries are not increasing"),
				 errdetail("%s", cx_churn_status_text(CX_CHURN_BAD_BOUNDS))));
	if (zone_len > 0)
		memcpy(churn_zone(s), g->zone, zone_len);
	return s;
}

/* True when two summaries have the same grid: they can be combined. */
static bool
same_grid(const ChurnState *a, const ChurnState *b)
{
	return a->kind == b->kind && a->periods == b->periods &&
		a->max_offset == b->max_offset && a->months == b->months &&
		a->days == b->days && a->usecs == b->usecs &&
		memcmp(a->data + 1, b->data + 1, ((Size) a->periods + 1) * sizeof(int64)) == 0;
}

/* Turns a non-OK status from the core into an ERROR. */
pg_noreturn static void
churn_report(CxChurnStatus status, ChurnKind kind)
{
	if (status == CX_CHURN_OVERFLOW)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s value out of range", churn_type_name(kind)),
				 errdetail("In this %s, %s.", churn_type_name(kind), cx_churn_status_text(status))));
	elog(ERROR, "%s: %s", churn_type_name(kind), cx_churn_status_text(status));
	pg_unreachable();
}

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

typedef struct ChurnParser
{
	const char *input;			/* the whole value, for messages */
	const char *p;				/* where we are */
	ChurnKind	kind;
} ChurnParser;

pg_noreturn static void
parse_fail(const ChurnParser *ps, const char *detail)
{
	int			len = strlen(ps->input);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%.*s%s\"", churn_type_name(ps->kind),
					len > CHURN_QUOTE_MAX ? CHURN_QUOTE_MAX : len, ps->input,
					len > CHURN_QUOTE_MAX ? "..." : ""),
			 errdetail("%s", detail),
			 errhint("The text form is \"v%d;origin=...;bucket=...;%speriods=...;customers=...;active=...;churned=...;new=...;reactivated=...;new_lost=...;reactivated_lost=...\", as churn_agg() writes it.",
					 CHURN_VERSION, ps->kind == CHURN_TSTZ ? "zone=...;" : "")));
	pg_unreachable();
}

/* Consumes the literal text lit, or fails saying what was expected. */
static void
parse_literal(ChurnParser *ps, const char *lit)
{
	size_t		n = strlen(lit);

	if (strncmp(ps->p, lit, n) != 0)
		parse_fail(ps, psprintf("Expected \"%s\" at character %d.", lit,
								(int) (ps->p - ps->input) + 1));
	ps->p += n;
}

/*
 * Reads exactly width digits (width > 0) or, with width 0, one or more: an
 * unsigned decimal number.  Returns false if there is none; a number past
 * INT64_MAX is an error of its own.
 */
static bool
parse_digits(ChurnParser *ps, int width, int64 *out, const char *what)
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
					 errdetail("In a %s value.", churn_type_name(ps->kind))));
		v = v * 10 + digit;
		n++;
	}
	if (n == 0 || (width > 0 && n != width))
		return false;
	ps->p += n;
	*out = (int64) v;
	return true;
}

static int64
parse_number(ChurnParser *ps, const char *what)
{
	int64		v;

	if (!parse_digits(ps, 0, &v, what))
		parse_fail(ps, psprintf("Expected %s, a non-negative whole number, at character %d.",
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
	if (!parse_digits(ps, 0, &v, "fraction") || ps->p - start > 6)
		parse_fail(ps, complaint);
	for (int digits = (int) (ps->p - start); digits < 6; digits++)
		v *= 10;
	return v;
}

/* "2024-01-31", or "2024-01-31T05:00:00[.fff]Z" for a timestamptz grid. */
static int64
parse_origin(ChurnParser *ps)
{
	int64		year,
				month,
				day,
				hour = 0,
				minute = 0,
				second = 0,
				usecs = 0;
	int64		days;

	if (!parse_digits(ps, 4, &year, "year") || *ps->p++ != '-' ||
		!parse_digits(ps, 2, &month, "month") || *ps->p++ != '-' ||
		!parse_digits(ps, 2, &day, "day"))
		parse_fail(ps, "The origin must be a date written YYYY-MM-DD.");
	if (year < CHURN_MIN_YEAR || month < 1 || month > 12 ||
		day < 1 || day > day_tab[isleap(year)][month - 1])
		parse_fail(ps, "The origin is not a valid date from 0001-01-01 to 9999-12-31.");
	days = date2j((int) year, (int) month, (int) day) - POSTGRES_EPOCH_JDATE;
	if (ps->kind == CHURN_DATE)
		return days;

	if (*ps->p++ != 'T' ||
		!parse_digits(ps, 2, &hour, "hour") || *ps->p++ != ':' ||
		!parse_digits(ps, 2, &minute, "minute") || *ps->p++ != ':' ||
		!parse_digits(ps, 2, &second, "second"))
		parse_fail(ps, "The origin must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS[.ffffff]Z.");
	usecs = parse_fraction(ps, "The origin's fraction of a second must have 1 to 6 digits.");
	if (*ps->p++ != 'Z')
		parse_fail(ps, "The origin must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS[.ffffff]Z.");
	if (hour > 23 || minute > 59 || second > 59)
		parse_fail(ps, "The origin is not a valid time of day.");
	return days * USECS_PER_DAY + ((hour * 60 + minute) * 60 + second) * USECS_PER_SEC + usecs;
}

/* An ISO 8601 duration of the form append_bucket() writes. */
static void
parse_bucket(ChurnParser *ps, ChurnGrid *g)
{
	const char *bad = "The bucket must be an ISO 8601 duration such as P1M, P7D, P1M15D or PT3600S.";
	bool		any = false;
	int64		v;

	g->months = g->days = 0;
	g->usecs = 0;
	parse_literal(ps, "P");
	/* months, then days, each optional: the letter after the number says which */
	while (parse_digits(ps, 0, &v, "bucket part"))
	{
		char		unit = *ps->p++;

		if (v > PG_INT32_MAX || (unit == 'M' && (any || g->days != 0)) ||
			(unit == 'D' && g->days != 0) || (unit != 'M' && unit != 'D'))
			parse_fail(ps, bad);
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
		if (!parse_digits(ps, 0, &v, "seconds") || v > PG_INT64_MAX / USECS_PER_SEC - 1)
			parse_fail(ps, "The bucket's time part must be seconds, such as PT3600S.");
		frac = parse_fraction(ps, "The bucket's fraction of a second must have 1 to 6 digits.");
		if (*ps->p++ != 'S')
			parse_fail(ps, "The bucket's time part must be seconds, such as PT3600S.");
		g->usecs = v * USECS_PER_SEC + frac;
		any = true;
	}
	if (!any)
		parse_fail(ps, bad);
}

/* A time zone name, up to the next ';'. */
static void
parse_zone(ChurnParser *ps, ChurnGrid *g)
{
	const char *end = strchr(ps->p, ';');
	char	   *name;

	if (end == NULL || end == ps->p || end - ps->p > CHURN_MAX_ZONE)
		parse_fail(ps, psprintf("The zone must be a time zone name of 1 to %d characters.", CHURN_MAX_ZONE));
	name = pnstrdup(ps->p, end - ps->p);
	g->tz = pg_tzset(name);
	if (g->tz == NULL)
		parse_fail(ps, psprintf("\"%s\" is not a known time zone.", name));
	g->zone = name;
	ps->p = end;
}

/* ";key=" then n counts separated by commas. */
static void
parse_list(ChurnParser *ps, const char *key, int64 *out, int32 n)
{
	parse_literal(ps, psprintf(";%s=", key));
	for (int32 i = 0; i < n; i++)
	{
		if (i > 0 && *ps->p++ != ',')
			parse_fail(ps, psprintf("\"%s\" must have %d counts, separated by commas.", key, n));
		out[i] = parse_number(ps, psprintf("count %d of \"%s\"", i + 1, key));
	}
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
	ChurnParser ps = {.input = input, .p = input, .kind = kind};
	ChurnGrid	g = {.kind = kind, .max_offset = -1};
	ChurnCounts counts;
	const char *problem;
	int64		v;

	while (isspace((unsigned char) *ps.p))
		ps.p++;
	if (*ps.p++ != 'v' || !parse_digits(&ps, 0, &v, "version") || *ps.p != ';')
		parse_fail(&ps, "It must start with a format version such as \"v1;\".");
	if (v != CHURN_VERSION)
		parse_fail(&ps, psprintf("Only format version %d is supported.", CHURN_VERSION));
	parse_literal(&ps, ";origin=");
	g.origin = parse_origin(&ps);
	parse_literal(&ps, ";bucket=");
	parse_bucket(&ps, &g);
	if (kind == CHURN_TSTZ)
	{
		parse_literal(&ps, ";zone=");
		parse_zone(&ps, &g);
	}
	parse_literal(&ps, ";periods=");
	v = parse_number(&ps, "the number of periods");
	g.periods = (int32) Min(v, PG_INT32_MAX);
	if (strncmp(ps.p, ";max_offset=", 12) == 0)
	{
		ps.p += 12;
		v = parse_number(&ps, "max_offset");
		g.max_offset = (int32) Min(v, PG_INT32_MAX);
	}
	if ((problem = grid_problem(&g)) != NULL)
		parse_fail(&ps, problem);

	counts = counts_alloc(g.periods, g.max_offset);
	parse_literal(&ps, ";customers=");
	counts.customers = parse_number(&ps, "the number of customers");
	parse_list(&ps, "active", counts.active, g.periods + 1);
	for (int i = 0; i < 5; i++)
		parse_list(&ps, churn_list_names[i], counts.lists[i], g.periods);
	if (g.max_offset >= 0)
	{
		int64	   *cell = counts.retained;

		parse_literal(&ps, ";retained=");
		for (int32 k = 0; k < g.periods; k++)
		{
			int32		len = Min(g.max_offset + 1, g.periods - k);

			if (k > 0 && *ps.p++ != '/')
				parse_fail(&ps, psprintf("\"retained\" must have %d rows separated by \"/\", one per cohort.", g.periods));
			for (int32 j = 0; j < len; j++)
			{
				if (j > 0 && *ps.p++ != ',')
					parse_fail(&ps, psprintf("Row %d of \"retained\" must have %d counts, separated by commas.", k + 1, len));
				*cell++ = parse_number(&ps, psprintf("count %d of row %d of \"retained\"", j + 1, k + 1));
			}
		}
	}
	while (isspace((unsigned char) *ps.p))
		ps.p++;
	if (*ps.p != '\0')
		parse_fail(&ps, psprintf("Unexpected \"%.20s\" at character %d: the value must end after its last count.",
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

/* Text input of churn_summary (date grids) and churn_tstz_summary. */
CHURN_ENTRY(churn_summary_in, PointerGetDatum(churn_parse(PG_GETARG_CSTRING(0), CHURN_DATE)))
CHURN_ENTRY(churn_tstz_summary_in, PointerGetDatum(churn_parse(PG_GETARG_CSTRING(0), CHURN_TSTZ)))

/* Text output, canonical and exact: also the wire format Citus ships. */
PG_FUNCTION_INFO_V1(churn_summary_out);
Datum
churn_summary_out(PG_FUNCTION_ARGS)
{
	ChurnState *s = PG_GETARG_CHURN_P(0);
	ChurnGrid	g = state_grid(s);
	ChurnReadout r;
	StringInfoData buf;

	churn_readout(s, &r);
	initStringInfo(&buf);
	appendStringInfo(&buf, "v%d;", CHURN_VERSION);
	append_grid(&buf, &g);
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

pg_noreturn static void
binary_fail(ChurnKind kind, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary data for type %s", churn_type_name(kind)),
			 errdetail("%s", detail)));
	pg_unreachable();
}

static ChurnState *
churn_receive(StringInfo buf, ChurnKind kind)
{
	ChurnGrid	g = {.kind = kind};
	ChurnCounts counts;
	const char *problem;
	int			version,
				got_kind,
				zone_len;
	int64		cells,
				expected;

	/* 1 + 1 + 8 + 4 + 4 + 8 + 4 + 4 + 1 bytes up to the zone name */
	if (buf->len - buf->cursor < 35)
		binary_fail(kind, "The header is truncated.");
	version = pq_getmsgbyte(buf);
	if (version != CHURN_VERSION)
		binary_fail(kind, psprintf("Format version %d is not supported; only %d is.", version, CHURN_VERSION));
	got_kind = pq_getmsgbyte(buf);
	if (got_kind != (int) kind)
		binary_fail(kind, psprintf("The grid kind is %d; %s has kind %d.", got_kind, churn_type_name(kind), kind));
	g.origin = pq_getmsgint64(buf);
	g.months = pq_getmsgint(buf, 4);
	g.days = pq_getmsgint(buf, 4);
	g.usecs = pq_getmsgint64(buf);
	g.periods = pq_getmsgint(buf, 4);
	g.max_offset = pq_getmsgint(buf, 4);
	zone_len = pq_getmsgbyte(buf);
	if ((problem = grid_problem(&g)) != NULL)
		binary_fail(kind, problem);
	if ((kind == CHURN_DATE) != (zone_len == 0))
		binary_fail(kind, kind == CHURN_DATE ? "A date grid has no time zone: its length must be 0."
					: "A timestamptz grid must name its time zone.");
	if (zone_len > buf->len - buf->cursor)
		binary_fail(kind, "The time zone name is truncated.");
	if (zone_len > 0)
	{
		char	   *name = pnstrdup(pq_getmsgbytes(buf, zone_len), zone_len);

		if (strlen(name) != (size_t) zone_len || strchr(name, ';') != NULL ||
			(g.tz = pg_tzset(name)) == NULL)
			binary_fail(kind, "The time zone name is not a known time zone.");
		g.zone = name;
	}

	cells = retained_cells(g.periods, g.max_offset);
	expected = (1 + (g.periods + 1) + 5 * (int64) g.periods + cells) * (int64) sizeof(int64);
	if (buf->len - buf->cursor != expected)
		binary_fail(kind, psprintf("Expected " INT64_FORMAT " bytes of counts and nothing after them, found %d.",
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

/* Binary input of each type, checked as strictly as text input. */
CHURN_ENTRY(churn_summary_recv, PointerGetDatum(churn_receive((StringInfo) PG_GETARG_POINTER(0), CHURN_DATE)))
CHURN_ENTRY(churn_tstz_summary_recv, PointerGetDatum(churn_receive((StringInfo) PG_GETARG_POINTER(0), CHURN_TSTZ)))

/* Binary output: the version byte first, so the format can evolve. */
PG_FUNCTION_INFO_V1(churn_summary_send);
Datum
churn_summary_send(PG_FUNCTION_ARGS)
{
	ChurnState *s = PG_GETARG_CHURN_P(0);
	ChurnReadout r;
	StringInfoData buf;

	churn_readout(s, &r);
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, s->version);
	pq_sendbyte(&buf, s->kind);
	pq_sendint64(&buf, r.c.bounds[0]);
	pq_sendint32(&buf, s->months);
	pq_sendint32(&buf, s->days);
	pq_sendint64(&buf, s->usecs);
	pq_sendint32(&buf, s->periods);
	pq_sendint32(&buf, s->max_offset);
	pq_sendbyte(&buf, s->zone_len);
	pq_sendbytes(&buf, churn_zone(s), s->zone_len);
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
 * The aggregate
 * ---------------------------------------------------------------------
 */

/*
 * What one churn_agg() call site passes, worked out on its first row and
 * kept in fn_extra: the activity's type, and the shape of the grid
 * arguments (a number of periods or an end; a max_offset or not).
 */
typedef struct ChurnCall
{
	ChurnKind	kind;
	bool		multirange;
	bool		until;			/* argument 4 is an end, not a count */
	bool		has_offset;		/* argument 5 is max_offset */
	TypeCacheEntry *rngtyp;		/* the range type (of the multirange) */
	MemoryContext mcxt;			/* where this lives: the call site's */

	/*
	 * An index over the boundaries of the first grid this call site meets
	 * (usually its only one), for O(1) lookups; summaries of other grids do
	 * binary searches.  The grid is known by what determines its
	 * boundaries: origin, bucket, periods and, for timestamptz, the zone.
	 */
	bool		index_tried;
	bool		has_index;
	int64		key_origin;
	int32		key_months;
	int32		key_days;
	int64		key_usecs;
	int32		key_periods;
	pg_tz	   *key_tz;
	CxChurnIndex index;
} ChurnCall;

static ChurnCall *
churn_call(FunctionCallInfo fcinfo)
{
	ChurnCall  *cc = (ChurnCall *) fcinfo->flinfo->fn_extra;
	Oid			activity,
				elem;

	if (likely(cc != NULL))
		return cc;
	cc = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ChurnCall));
	cc->mcxt = fcinfo->flinfo->fn_mcxt;
	activity = get_fn_expr_argtype(fcinfo->flinfo, 1);
	if (!OidIsValid(activity))
		elog(ERROR, "could not determine the activity type of churn_agg()");
	switch (get_typtype(activity))
	{
		case TYPTYPE_MULTIRANGE:
			cc->multirange = true;
			cc->rngtyp = lookup_type_cache(activity, TYPECACHE_MULTIRANGE_INFO)->rngtype;
			break;
		case TYPTYPE_RANGE:
			cc->rngtyp = lookup_type_cache(activity, TYPECACHE_RANGE_INFO);
			break;
		default:
			elog(ERROR, "churn_agg() activity must be a range or a multirange, not type %u", activity);
	}
	if (cc->rngtyp == NULL || cc->rngtyp->rngelemtype == NULL)
		elog(ERROR, "type %u is not a range or multirange type", activity);
	elem = cc->rngtyp->rngelemtype->type_id;
	if (elem == DATEOID)
		cc->kind = CHURN_DATE;
	else if (elem == TIMESTAMPTZOID)
		cc->kind = CHURN_TSTZ;
	else
		elog(ERROR, "churn_agg() activity must be of dates or timestamptz, not of type %u", elem);
	cc->until = get_fn_expr_argtype(fcinfo->flinfo, 4) != INT4OID;
	cc->has_offset = PG_NARGS() > 5;
	fcinfo->flinfo->fn_extra = cc;
	return cc;
}

/* The grid a row asks for; its number of periods is still unknown with an end. */
typedef struct ChurnArgs
{
	int64		origin;
	Interval   *bucket;
	int64		periods_or_until;
	int32		max_offset;		/* -1: none */
} ChurnArgs;

static int64
grid_value(const ChurnCall *cc, Datum d)
{
	return cc->kind == CHURN_DATE ? (int64) DatumGetDateADT(d) : (int64) DatumGetTimestampTz(d);
}

pg_noreturn static void
report_null_grid(const ChurnCall *cc)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("churn_agg() grid arguments must not be null"),
			 errdetail("The origin, the bucket, the number of periods or the end%s are NULL in a row.",
					   cc->has_offset ? ", and max_offset," : ""),
			 errhint("Pass the same grid on every row of a group.")));
	pg_unreachable();
}

pg_noreturn static void
report_negative_offset(int32 max_offset)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("churn_agg() max_offset %d is negative", max_offset),
			 errdetail("max_offset is the last cohort offset to count: 0 counts each cohort at the end of its first period.")));
	pg_unreachable();
}

/* The grid arguments of a row; the error paths are out of line. */
static inline ChurnArgs
churn_args(FunctionCallInfo fcinfo, const ChurnCall *cc)
{
	ChurnArgs	a;

	if (unlikely(PG_ARGISNULL(2) | PG_ARGISNULL(3) | PG_ARGISNULL(4) |
				 (cc->has_offset && PG_ARGISNULL(5))))
		report_null_grid(cc);
	a.origin = grid_value(cc, PG_GETARG_DATUM(2));
	a.bucket = PG_GETARG_INTERVAL_P(3);
	a.periods_or_until = cc->until ? grid_value(cc, PG_GETARG_DATUM(4)) : PG_GETARG_INT32(4);
	a.max_offset = cc->has_offset ? PG_GETARG_INT32(5) : -1;
	if (unlikely(cc->has_offset && a.max_offset < 0))
		report_negative_offset(a.max_offset);
	return a;
}

/*
 * The grid of the first row: checked, its number of periods worked out
 * from the end if that is what the row gives.
 */
static pg_noinline ChurnState *
churn_first(const ChurnCall *cc, const ChurnArgs *a)
{
	ChurnGrid	g;
	const char *problem;

	g.kind = cc->kind;
	g.origin = a->origin;
	g.months = a->bucket->month;
	g.days = a->bucket->day;
	g.usecs = a->bucket->time;
	g.tz = session_timezone;
	g.zone = cc->kind == CHURN_TSTZ ? pg_get_timezone_name(session_timezone) : NULL;
	if (cc->kind == CHURN_TSTZ &&
		(g.zone == NULL || strlen(g.zone) == 0 || strlen(g.zone) > CHURN_MAX_ZONE ||
		 strchr(g.zone, ';') != NULL))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" cannot be used for a churn grid", g.zone ? g.zone : ""),
				 errdetail("A churn grid records its time zone by name: 1 to %d characters, without \";\".", CHURN_MAX_ZONE),
				 errhint("SET TIME ZONE to a named zone such as 'UTC' or 'Europe/Paris'.")));
	g.periods = 1;
	g.max_offset = -1;
	if ((problem = grid_problem(&g)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid churn grid"),
				 errdetail("%s", problem)));

	if (!cc->until)
		g.periods = (int32) a->periods_or_until;
	else
	{
		int64		t = g.origin;
		int64		k = 0;

		if (a->periods_or_until <= g.origin)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("churn grid end must be after its origin")));
		/* the fewest periods whose last boundary reaches the end */
		while (t < a->periods_or_until)
		{
			if (++k > CX_CHURN_MAX_PERIODS)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("invalid churn grid"),
						 errdetail("From the origin to the end there are more than %d periods.",
								   CX_CHURN_MAX_PERIODS)));
			if (!grid_boundary(&g, k, &t))
				ereport(ERROR,
						(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
						 errmsg("churn period boundary out of range"),
						 errdetail("Boundary " INT64_FORMAT " of the grid falls after 9999-12-31.", k)));
		}
		g.periods = (int32) k;
	}
	if (a->max_offset >= 0)
		g.max_offset = Min(a->max_offset, g.periods - 1);
	if ((problem = grid_problem(&g)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid churn grid"),
				 errdetail("%s", problem)));
	return churn_new(&g);
}

/* Reports a row whose grid is not its summary's. */
pg_noreturn static void
report_grid_mismatch(const ChurnCall *cc, const ChurnState *s, const ChurnArgs *a)
{
	StringInfoData row;
	ChurnGrid	g = state_grid(s);

	g.origin = a->origin;
	g.months = a->bucket->month;
	g.days = a->bucket->day;
	g.usecs = a->bucket->time;
	g.periods = (int32) Min(Max(a->periods_or_until, 0), PG_INT32_MAX);
	g.max_offset = a->max_offset;
	initStringInfo(&row);
	append_grid(&row, &g);
	if (cc->until)
	{
		/* the row gives an end, not a number of periods */
		char	   *p = strstr(row.data, ";periods=");

		row.len = p - row.data;
		*p = '\0';
		appendStringInfoString(&row, ";until=");
		append_instant(&row, cc->kind, a->periods_or_until);
		if (a->max_offset >= 0)
			appendStringInfo(&row, ";max_offset=%d", a->max_offset);
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("churn grid differs between rows"),
			 errdetail("The first row's grid is %s; this row's is %s.", state_grid_text(s), row.data),
			 errhint("Pass the same origin, bucket, number of periods (or end) and max_offset on every row of a group.")));
	pg_unreachable();
}

/* Every row must ask for the grid of the group's summary. */
static inline void
churn_check_row(const ChurnCall *cc, const ChurnState *s, const ChurnArgs *a)
{
	const int64 *bounds = s->data + 1;
	bool		same;

	same = (a->origin == bounds[0]) &
		(a->bucket->month == s->months) & (a->bucket->day == s->days) &
		(a->bucket->time == s->usecs) &
		(a->max_offset < 0 ? s->max_offset < 0 :
		 Min(a->max_offset, s->periods - 1) == s->max_offset);
	if (cc->until)
		same &= (bounds[s->periods - 1] < a->periods_or_until) &
			(a->periods_or_until <= bounds[s->periods]);
	else
		same &= a->periods_or_until == s->periods;
	if (unlikely(!same))
		report_grid_mismatch(cc, s, a);
}

/* Spans of activity up to this many are read without palloc. */
#define CHURN_LOCAL_SPANS 16

/*
 * One range's bounds, read at *ptr (advanced past them): its flags byte says
 * which bounds are stored.  The element is a date (4 bytes) or a
 * timestamptz (8), fixed-length and by value, so each stored bound takes
 * exactly its width, already aligned: this is range_deserialize() and
 * multirange_get_bounds() for these two element types, without the type
 * cache and with unaligned reads, so the datum can be read in place.
 */
static inline void
read_span(CxSpan *s, uint8 flags, const char **ptr, ChurnKind kind)
{
	s->lo_inc = (flags & RANGE_LB_INC) != 0;
	s->hi_inc = (flags & RANGE_UB_INC) != 0;
	s->lo_inf = (flags & RANGE_LB_INF) != 0;
	s->hi_inf = (flags & RANGE_UB_INF) != 0;
	s->lo = s->hi = 0;
	for (int side = 0; side < 2; side++)
	{
		int64	   *v = side == 0 ? &s->lo : &s->hi;

		if (side == 0 ? !RANGE_HAS_LBOUND(flags) : !RANGE_HAS_UBOUND(flags))
			continue;
		if (kind == CHURN_DATE)
		{
			DateADT		d;

			memcpy(&d, *ptr, sizeof(d));
			*v = d;
			*ptr += sizeof(d);
		}
		else
		{
			memcpy(v, *ptr, sizeof(TimestampTz));
			*ptr += sizeof(TimestampTz);
		}
	}
}

/*
 * The activity as spans, in local (CHURN_LOCAL_SPANS of them) or palloc'd
 * memory; returns how many.  An empty range gives none.
 *
 * This is the per-row path: a range or multirange stored with a short
 * header (most of them) is read where it lies, with no copy.  The layouts
 * are PostgreSQL's on-disk formats (rangetypes.c, multirangetypes.c:
 * header, items, flags, then each range's bounds padded to the element's
 * alignment), which do not change between releases; offsets below count
 * from where the value would start with a 4-byte header.
 */
static int
churn_spans(const ChurnCall *cc, Datum activity, CxSpan *local, CxSpan **spans)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(activity);
	const char *base;
	const char *ptr;
	const uint8 *flags;
	uint32		count;
	Size		align = cc->kind == CHURN_DATE ? sizeof(DateADT) : sizeof(TimestampTz);

	/*
	 * Out of line or compressed: detoast.  A short header is read in place
	 * (VARATT_IS_SHORT is also true of a TOAST pointer: test that first).
	 */
	if (VARATT_IS_EXTERNAL(v) || VARATT_IS_COMPRESSED(v))
		v = pg_detoast_datum(v);
	base = VARDATA_ANY(v) - VARHDRSZ;
	*spans = local;
	if (!cc->multirange)
	{
		/* RangeType header, the bounds, and the flags in the last byte */
		uint8		f = (uint8) base[VARHDRSZ + VARSIZE_ANY_EXHDR(v) - 1];

		if (f & RANGE_EMPTY)
			return 0;
		ptr = base + sizeof(RangeType);
		read_span(local, f, &ptr, cc->kind);
		return 1;
	}
	memcpy(&count, base + offsetof(MultirangeType, rangeCount), sizeof(count));
	if (count == 0)
		return 0;
	if (count > CHURN_LOCAL_SPANS)
		*spans = palloc(count * sizeof(CxSpan));
	/* MultirangeType header, count - 1 items, count flags, then the bounds */
	flags = (const uint8 *) base + sizeof(MultirangeType) + (count - 1) * sizeof(uint32);
	ptr = base + TYPEALIGN(align, sizeof(MultirangeType) + (count - 1) * sizeof(uint32) + count);
	for (uint32 i = 0; i < count; i++)
		read_span(&(*spans)[i], flags[i], &ptr, cc->kind);
	return (int) count;
}

/* The index of the summary's grid, if this call site has one; else NULL. */
static inline const CxChurnIndex *
churn_index(ChurnCall *cc, const ChurnState *s)
{
	if (likely(cc->has_index) &&
		s->data[1] == cc->key_origin && s->periods == cc->key_periods &&
		s->months == cc->key_months && s->days == cc->key_days &&
		s->usecs == cc->key_usecs &&
		(cc->kind == CHURN_DATE || cc->key_tz == session_timezone))
		return &cc->index;
	if (!cc->index_tried)
	{
		const int64 *bounds = s->data + 1;
		int32		slots = cx_churn_index_slots((const int64_t *) bounds, s->periods);

		cc->index_tried = true;
		if (slots > 0)
		{
			int32	   *first = MemoryContextAlloc(cc->mcxt, slots * sizeof(int32));
			int64	   *first_bound = MemoryContextAlloc(cc->mcxt, slots * sizeof(int64));

			cx_churn_index_build(&cc->index, (const int64_t *) bounds, s->periods,
								 (int32_t *) first, (int64_t *) first_bound);
			cc->key_origin = bounds[0];
			cc->key_months = s->months;
			cc->key_days = s->days;
			cc->key_usecs = s->usecs;
			cc->key_periods = s->periods;
			cc->key_tz = session_timezone;
			cc->has_index = true;
			return &cc->index;
		}
	}
	return NULL;
}

/*
 * Transition function of every churn_agg(): adds one customer's activity.
 * Not strict: the first row creates the summary from its grid arguments
 * (even when its activity is NULL), and a NULL activity adds nothing.
 */
PG_FUNCTION_INFO_V1(churn_trans);
Datum
churn_trans(PG_FUNCTION_ARGS)
{
	ChurnCall  *cc = churn_call(fcinfo);
	ChurnArgs	a = churn_args(fcinfo, cc);
	ChurnState *s;

	if (PG_ARGISNULL(0))
		s = churn_first(cc, &a);
	else
	{
		s = (ChurnState *) cx_state_arg(fcinfo);
		churn_check_row(cc, s, &a);
	}
	if (!PG_ARGISNULL(1))
	{
		CxSpan		local[CHURN_LOCAL_SPANS];
		CxSpan	   *spans;
		int			n = churn_spans(cc, PG_GETARG_DATUM(1), local, &spans);
		CxChurn		c;
		CxChurnStatus status;

		churn_view(s, &c);
		c.index = churn_index(cc, s);
		status = cx_churn_add(&c, spans, n);
		if (unlikely(status != CX_CHURN_OK))
			churn_report(status, cc->kind);
	}
	PG_RETURN_POINTER(s);
}

/*
 * Merges the second summary into the first: the transition function of
 * rollup() and the combine function of every churn_agg().
 */
PG_FUNCTION_INFO_V1(churn_combine);
Datum
churn_combine(PG_FUNCTION_ARGS)
{
	ChurnState *s = (ChurnState *) cx_state_arg(fcinfo);
	ChurnState *other = PG_GETARG_CHURN_P(1);
	CxChurn		dst,
				src;
	CxChurnStatus status;

	if (!same_grid(s, other))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine churn summaries of different grids"),
				 errdetail("One has grid %s, the other %s.", state_grid_text(s), state_grid_text(other)),
				 errhint("Roll up summaries of one grid at a time.")));
	churn_view(s, &dst);
	churn_view(other, &src);
	status = cx_churn_merge(&dst, &src);
	if (status != CX_CHURN_OK)
		churn_report(status, (ChurnKind) s->kind);
	PG_RETURN_POINTER(s);
}

/* ---------------------------------------------------------------------
 * Readers
 * ---------------------------------------------------------------------
 */

/* The number of customers counted: rows whose activity was not empty. */
CHURN_ENTRY(churn_customers, Int64GetDatum(PG_GETARG_CHURN_P(0)->data[0]))

static Datum
bound_datum(const ChurnState *s, int64 v)
{
	return s->kind == CHURN_DATE ? DateADTGetDatum((DateADT) v) : TimestampTzGetDatum(v);
}

static Datum
ratio_datum(int64 num, int64 den, bool *isnull)
{
	double		r = cx_churn_ratio(num, den);

	*isnull = isnan(r);
	return Float8GetDatum(r);
}

/* How churn_periods() computes the rates. */
typedef enum ChurnMethod
{
	CHURN_METHOD_AT_START,		/* churned / customers at start */
	CHURN_METHOD_AT_START_PLUS_NEW	/* (churned + new lost) / (at start + new) */
} ChurnMethod;

static ChurnMethod
churn_method(text *t)
{
	static const struct
	{
		const char *name;
		ChurnMethod method;
	}			methods[] = {
		{"at_start", CHURN_METHOD_AT_START},
		{"at_start_plus_new", CHURN_METHOD_AT_START_PLUS_NEW},
		/* the 0.3.0 names, kept as aliases until 0.5.0 */
		{"default", CHURN_METHOD_AT_START},
		{"stripe", CHURN_METHOD_AT_START_PLUS_NEW},
	};
	char	   *m = text_to_cstring(t);

	for (size_t i = 0; i < lengthof(methods); i++)
		if (strcmp(m, methods[i].name) == 0)
			return methods[i].method;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown churn method \"%s\"", m),
			 errdetail("The methods are \"at_start\" (churned / customers at start) and \"at_start_plus_new\" ((churned + new customers lost) / (customers at start + new customers)); \"default\" and \"stripe\" are their deprecated 0.3.0 names.")));
	pg_unreachable();
}

/* What a reader keeps between the rows it returns: first the summary. */
typedef struct ChurnSrf
{
	MemoryContext mcxt;			/* the multi-call context, where all of it lives */
	ChurnState *s;				/* a copy of the summary */
	CxChurn		c;
} ChurnSrf;

/*
 * The first call of a set-returning reader: its context of size bytes,
 * which starts with a ChurnSrf.  Whatever else the reader keeps, it
 * allocates in ctx->mcxt.
 */
static void *
churn_srf_start(FunctionCallInfo fcinfo, Size size)
{
	FuncCallContext *fctx = SRF_FIRSTCALL_INIT();
	MemoryContext old = MemoryContextSwitchTo(fctx->multi_call_memory_ctx);
	ChurnSrf   *ctx;
	TupleDesc	tupdesc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	fctx->tuple_desc = BlessTupleDesc(tupdesc);
	ctx = palloc0(size);
	ctx->mcxt = fctx->multi_call_memory_ctx;
	ctx->s = (ChurnState *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));
	churn_view(ctx->s, &ctx->c);
	fctx->user_fctx = ctx;
	MemoryContextSwitchTo(old);
	return ctx;
}

typedef struct PeriodsCtx
{
	ChurnSrf	base;
	int64	   *active;
	ChurnMethod method;
} PeriodsCtx;

/*
 * One row per period: its bounds, the counters, and the churn and retention
 * rates under the chosen convention (NULL where the denominator is 0).
 */
PG_FUNCTION_INFO_V1(churn_periods);
Datum
churn_periods(PG_FUNCTION_ARGS)
{
	FuncCallContext *fctx;
	PeriodsCtx *ctx;

	if (SRF_IS_FIRSTCALL())
	{
		ctx = churn_srf_start(fcinfo, sizeof(PeriodsCtx));
		ctx->method = churn_method(PG_GETARG_TEXT_PP(1));
		ctx->active = MemoryContextAlloc(ctx->base.mcxt, (ctx->base.s->periods + 1) * sizeof(int64));
		cx_churn_active(&ctx->base.c, (int64_t *) ctx->active);
	}
	fctx = SRF_PERCALL_SETUP();
	ctx = (PeriodsCtx *) fctx->user_fctx;
	if (fctx->call_cntr < (uint64) ctx->base.s->periods)
	{
		int32		k = (int32) fctx->call_cntr;
		CxChurnPeriod p = cx_churn_period(&ctx->base.c, (const int64_t *) ctx->active, k);
		Datum		values[11];
		bool		nulls[11] = {false};
		int64		lost = p.churned,
					base = p.at_start;

		if (ctx->method == CHURN_METHOD_AT_START_PLUS_NEW)
		{
			lost += p.new_lost;
			base += p.new_;
		}
		values[0] = bound_datum(ctx->base.s, ctx->base.c.bounds[k]);
		values[1] = bound_datum(ctx->base.s, ctx->base.c.bounds[k + 1]);
		values[2] = Int64GetDatum(p.at_start);
		values[3] = Int64GetDatum(p.new_);
		values[4] = Int64GetDatum(p.reactivated);
		values[5] = Int64GetDatum(p.churned);
		values[6] = Int64GetDatum(p.at_end);
		values[7] = Int64GetDatum(p.new_lost);
		values[8] = Int64GetDatum(p.reactivated_lost);
		values[9] = ratio_datum(lost, base, &nulls[9]);
		values[10] = ratio_datum(base - lost, base, &nulls[10]);
		SRF_RETURN_NEXT(fctx, HeapTupleGetDatum(heap_form_tuple(fctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(fctx);
}

typedef struct CohortCtx
{
	ChurnSrf	base;
	int32		cohort;			/* the row being returned */
	int32		offset;
	int64	   *row;			/* its counts */
} CohortCtx;

/*
 * The cohort retention matrix, one row per cohort and offset: customers
 * new in a period, and how many of them are present at the end of each of
 * the periods after it.
 */
PG_FUNCTION_INFO_V1(churn_cohorts);
Datum
churn_cohorts(PG_FUNCTION_ARGS)
{
	FuncCallContext *fctx;
	CohortCtx  *ctx;

	if (SRF_IS_FIRSTCALL())
	{
		ctx = churn_srf_start(fcinfo, sizeof(CohortCtx));
		if (ctx->base.s->max_offset < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("this %s has no cohort counters", churn_type_name((ChurnKind) ctx->base.s->kind)),
					 errdetail("Its grid is %s.", state_grid_text(ctx->base.s)),
					 errhint("Pass max_offset, the last period offset to follow each cohort for, as the fifth argument of churn_agg().")));
		ctx->row = MemoryContextAlloc(ctx->base.mcxt, (ctx->base.s->max_offset + 1) * sizeof(int64));
		cx_churn_retained(&ctx->base.c, 0, (int64_t *) ctx->row);
	}
	fctx = SRF_PERCALL_SETUP();
	ctx = (CohortCtx *) fctx->user_fctx;
	if (ctx->offset >= cx_churn_row_len(&ctx->base.c, ctx->cohort))
	{
		ctx->cohort++;
		ctx->offset = 0;
		if (ctx->cohort < ctx->base.s->periods)
			cx_churn_retained(&ctx->base.c, ctx->cohort, (int64_t *) ctx->row);
	}
	if (ctx->cohort < ctx->base.s->periods)
	{
		int64		size = ctx->base.c.new_[ctx->cohort];
		int64		retained = ctx->row[ctx->offset];
		Datum		values[5];
		bool		nulls[5] = {false};

		values[0] = bound_datum(ctx->base.s, ctx->base.c.bounds[ctx->cohort]);
		values[1] = Int32GetDatum(ctx->offset);
		values[2] = Int64GetDatum(size);
		values[3] = Int64GetDatum(retained);
		values[4] = ratio_datum(retained, size, &nulls[4]);
		ctx->offset++;
		SRF_RETURN_NEXT(fctx, HeapTupleGetDatum(heap_form_tuple(fctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(fctx);
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

	append_instant(&item, (ChurnKind) s->kind, r.c.bounds[0]);
	appendStringInfo(&buf, "{\"origin\": \"%s\", \"bucket\": \"", item.data);
	append_bucket(&buf, s->months, s->days, s->usecs);
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
		append_instant(&item, (ChurnKind) s->kind, r.c.bounds[j]);
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

/* The casts to json and jsonb. */
CHURN_ENTRY(churn_summary_json, DirectFunctionCall1(json_in, CStringGetDatum(churn_json_text(PG_GETARG_CHURN_P(0)))))
CHURN_ENTRY(churn_summary_jsonb, DirectFunctionCall1(jsonb_in, CStringGetDatum(churn_json_text(PG_GETARG_CHURN_P(0)))))

/* ---------------------------------------------------------------------
 * Scalar helpers, for users who have only two counts
 * ---------------------------------------------------------------------
 */

static void
check_count(int64 v, const char *name)
{
	if (v < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s " INT64_FORMAT " is negative", name, v),
				 errdetail("Customer counts are zero or more.")));
}

/* customers_lost / customers_at_start; NULL when nobody was there at the start. */
PG_FUNCTION_INFO_V1(churn_rate_counts);
Datum
churn_rate_counts(PG_FUNCTION_ARGS)
{
	int64		start = PG_GETARG_INT64(0);
	int64		lost = PG_GETARG_INT64(1);

	check_count(start, "customers_at_start");
	check_count(lost, "customers_lost");
	if (lost > start)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customers_lost " INT64_FORMAT " exceeds customers_at_start " INT64_FORMAT, lost, start),
				 errdetail("customers_lost counts the customers of the start who left during the period, so it is at most customers_at_start."),
				 errhint("Customers who joined and left within the period belong to neither count; churn_periods(s, 'at_start_plus_new') counts them.")));
	if (start == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) lost / (double) start);
}

/*
 * (customers_at_start - customers_at_end) / customers_at_start: the naive
 * rate, which nets new customers against lost ones.  NULL for no customers
 * at the start.
 */
PG_FUNCTION_INFO_V1(churn_rate_naive);
Datum
churn_rate_naive(PG_FUNCTION_ARGS)
{
	int64		start = PG_GETARG_INT64(0);
	int64		end = PG_GETARG_INT64(1);

	check_count(start, "customers_at_start");
	check_count(end, "customers_at_end");
	if (start == 0)
		PG_RETURN_NULL();
	/* both are non-negative: the difference cannot overflow */
	PG_RETURN_FLOAT8((double) (start - end) / (double) start);
}
