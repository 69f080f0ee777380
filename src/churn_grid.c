/*
 * churn_grid.c
 *		The calendar of churn grids: boundaries t_k = origin + k * bucket
 *		with PostgreSQL's date and timestamptz rules, grid checks, and new
 *		summaries of a grid (see churn.h).
 */
#include "postgres.h"

#include "common/int.h"
#include "datatype/timestamp.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "churn.h"

/* ---------------------------------------------------------------------
 * The calendar: dates and timestamps as the text form writes them, and
 * the boundaries of a grid.
 * ---------------------------------------------------------------------
 */

/* The first and last instants of the grids' calendar, in a kind's units. */
int64
churn_min_value(ChurnKind kind)
{
	int64		days = date2j(CHURN_MIN_YEAR, 1, 1) - POSTGRES_EPOCH_JDATE;

	return kind == CHURN_DATE ? days : days * USECS_PER_DAY;
}

int64
churn_max_value(ChurnKind kind)
{
	int64		days = date2j(CHURN_MAX_YEAR, 12, 31) - POSTGRES_EPOCH_JDATE;

	return kind == CHURN_DATE ? days : (days + 1) * USECS_PER_DAY - 1;
}

/* Appends a boundary: "2024-01-31", or "2024-01-01T05:00:00[.5]Z" in UTC. */
void
churn_append_instant(StringInfo buf, ChurnKind kind, int64 v)
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
void
churn_append_bucket(StringInfo buf, int32 months, int32 days, int64 usecs)
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

bool
churn_grid_boundary(const ChurnGrid *g, int64 k, int64 *out)
{
	return g->kind == CHURN_DATE ? date_boundary(g, k, out) : tstz_boundary(g, k, out);
}

/*
 * What is wrong with a grid, as an error detail; NULL if nothing.  Every
 * entry point checks grids with it: the aggregates' arguments, and the text
 * and binary input.
 */
const char *
churn_grid_problem(const ChurnGrid *g)
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
void
churn_append_grid(StringInfo buf, const ChurnGrid *g)
{
	appendStringInfoString(buf, "origin=");
	churn_append_instant(buf, g->kind, g->origin);
	appendStringInfoString(buf, ";bucket=");
	churn_append_bucket(buf, g->months, g->days, g->usecs);
	if (g->kind == CHURN_TSTZ)
		appendStringInfo(buf, ";zone=%s", g->zone);
	appendStringInfo(buf, ";periods=%d", g->periods);
	if (g->max_offset >= 0)
		appendStringInfo(buf, ";max_offset=%d", g->max_offset);
}

/* The grid of a summary. */
ChurnGrid
churn_view_grid(const GridView *v)
{
	ChurnGrid	g;

	g.kind = v->kind;
	g.origin = v->bounds[0];
	g.months = v->months;
	g.days = v->days;
	g.usecs = v->usecs;
	g.periods = v->periods;
	g.max_offset = v->max_offset;
	g.tz = NULL;
	g.zone = v->kind == CHURN_TSTZ ? pnstrdup(v->zone, v->zone_len) : NULL;
	return g;
}

char *
churn_view_grid_text(const GridView *v)
{
	StringInfoData buf;
	ChurnGrid	g = churn_view_grid(v);

	initStringInfo(&buf);
	churn_append_grid(&buf, &g);
	return buf.data;
}

/*
 * The boundaries of a valid grid into bounds[0..periods]; an ERROR if one
 * falls outside the calendar.  noun names the summary for messages.
 */
void
churn_fill_bounds(const ChurnGrid *g, int64 *bounds, const char *noun)
{
	for (int32 k = 0; k <= g->periods; k++)
	{
		if (!churn_grid_boundary(g, k, &bounds[k]))
		{
			StringInfoData buf;

			initStringInfo(&buf);
			churn_append_grid(&buf, g);
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("%s period boundary out of range", noun),
					 errdetail("Boundary %d of the grid %s falls after 9999-12-31.", k, buf.data),
					 errhint("Use fewer periods or an earlier origin.")));
		}
	}
	if (cx_churn_check_bounds((const int64_t *) bounds, g->periods) != CX_CHURN_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s period boundaries are not increasing", noun),
				 errdetail("%s", cx_churn_status_text(CX_CHURN_BAD_BOUNDS))));
}

/*
 * A new, empty summary of a valid grid: the boundaries computed, the
 * counters zero.
 */
ChurnState *
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
	churn_fill_bounds(g, (int64 *) c.bounds, "churn");
	if (zone_len > 0)
		memcpy(churn_zone(s), g->zone, zone_len);
	return s;
}

/* True when two summaries have the same grid: they can be combined. */
bool
churn_views_same_grid(const GridView *a, const GridView *b)
{
	return a->kind == b->kind && a->periods == b->periods &&
		a->max_offset == b->max_offset && a->months == b->months &&
		a->days == b->days && a->usecs == b->usecs &&
		memcmp(a->bounds, b->bounds, ((Size) a->periods + 1) * sizeof(int64)) == 0;
}
