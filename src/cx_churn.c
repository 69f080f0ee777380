/*
 * cx_churn.c
 *		Churn counters over a grid of periods, in pure C (see cx_churn.h).
 */
#include "cx_churn.h"

#include <math.h>
#include <string.h>

#define unlikely_(x) __builtin_expect((x) != 0, 0)

CxChurnStatus
cx_churn_check_grid(int32_t periods, int32_t max_offset)
{
	if (periods < 1 || periods > CX_CHURN_MAX_PERIODS)
		return CX_CHURN_BAD_GRID;
	if (max_offset < -1 || max_offset >= periods)
		return CX_CHURN_BAD_GRID;
	if ((int64_t) periods * (max_offset + 1) > CX_CHURN_MAX_CELLS)
		return CX_CHURN_BAD_GRID;
	return CX_CHURN_OK;
}

size_t
cx_churn_slots(int32_t periods, int32_t max_offset)
{
	size_t		p = (size_t) periods;
	size_t		slots;

	if (cx_churn_check_grid(periods, max_offset) != CX_CHURN_OK)
		return 0;
	/* customers, bounds, active_diff, five per-period arrays */
	slots = 1 + (p + 1) + (p + 2) + 5 * p;
	if (max_offset >= 0)
		slots += p * (size_t) (max_offset + 2);
	return slots;
}

CxChurnStatus
cx_churn_check_bounds(const int64_t *bounds, int32_t periods)
{
	for (int32_t j = 0; j < periods; j++)
		if (bounds[j] >= bounds[j + 1])
			return CX_CHURN_BAD_BOUNDS;
	return CX_CHURN_OK;
}

/* ---------------------------------------------------------------------
 * Counting one customer
 * ---------------------------------------------------------------------
 */

/* The slot width of an index: the largest power of two within every gap. */
static int32_t
index_shift(const int64_t *bounds, int32_t periods)
{
	int64_t		gap = INT64_MAX;
	int32_t		shift = 0;

	for (int32_t j = 0; j < periods; j++)
		if (bounds[j + 1] - bounds[j] < gap)
			gap = bounds[j + 1] - bounds[j];
	while (shift < 62 && (INT64_C(2) << shift) <= gap)
		shift++;
	return shift;
}

int32_t
cx_churn_index_slots(const int64_t *bounds, int32_t periods)
{
	int32_t		shift = index_shift(bounds, periods);
	/* from bounds[0] - 1 to bounds[P], in slots of 2^shift */
	uint64_t	slots = ((uint64_t) (bounds[periods] - bounds[0] + 1) >> shift) + 1;

	if (slots > 8 * ((uint64_t) periods + 1) + 64)
		return 0;
	return (int32_t) slots;
}

void
cx_churn_index_build(CxChurnIndex *ix, const int64_t *bounds, int32_t periods,
					 int32_t *first, int64_t *first_bound)
{
	int32_t		j = 0;

	ix->base = bounds[0] - 1;
	ix->shift = index_shift(bounds, periods);
	ix->nslots = cx_churn_index_slots(bounds, periods);
	ix->first = first;
	ix->first_bound = first_bound;
	for (int32_t s = 0; s < ix->nslots; s++)
	{
		int64_t		start = ix->base + ((int64_t) s << ix->shift);

		while (j <= periods && bounds[j] < start)
			j++;
		/* every slot starts at or before bounds[P]: j <= P */
		first[s] = j;
		first_bound[s] = bounds[j];
	}
}

/* The grid lookups of cx_churn.h, on a summary's boundaries and index. */
static inline int32_t
locate_above(const CxChurn *c, int64_t x)
{
	return cx_churn_locate_above(c->bounds, c->periods, c->index, x);
}

static inline int32_t
locate_at_or_above(const CxChurn *c, int64_t x)
{
	return cx_churn_locate_at_or_above(c->bounds, c->periods, c->index, x);
}

/* Whether the spans are non-empty, sorted, disjoint and not adjacent. */
static bool
spans_valid(const CxSpan *s, int n)
{
	for (int i = 0; i < n; i++)
	{
		if (s[i].lo_inf && i > 0)
			return false;
		if (s[i].hi_inf && i < n - 1)
			return false;
		if (!s[i].lo_inf && !s[i].hi_inf &&
			!(s[i].lo < s[i].hi || (s[i].lo == s[i].hi && s[i].lo_inc && s[i].hi_inc)))
			return false;
		/* the gap to the next span must hold at least one point */
		if (i + 1 < n &&
			!(s[i].hi < s[i + 1].lo ||
			  (s[i].hi == s[i + 1].lo && !s[i].hi_inc && !s[i + 1].lo_inc)))
			return false;
	}
	return true;
}

/*
 * A stretch of boundaries first..last at which the customer is present:
 * coverage +1 over it, a churn in the period after it if it ends inside the
 * grid, and the cohort row's share of it.
 */
static inline void
flush_presence(CxChurn *c, int32_t first, int32_t last, int32_t cohort)
{
	c->active_diff[first]++;
	c->active_diff[last + 1]--;
	if (last < c->periods)
		c->churned[last]++;
	if (c->retained_diff != NULL && cohort >= 0 && cohort < c->periods)
	{
		/* boundaries cohort+1 .. cohort+1+N, clipped to the grid */
		int32_t		lo = first > cohort + 1 ? first : cohort + 1;
		int32_t		hi = cohort + 1 + c->max_offset;
		int64_t    *row = c->retained_diff + (size_t) cohort * (c->max_offset + 2);

		if (hi > c->periods)
			hi = c->periods;
		if (hi > last)
			hi = last;
		if (lo <= hi)
		{
			row[lo - cohort - 1]++;
			row[hi - cohort]--;
		}
	}
}

/* What the spans starting in one period make of their customer there. */
typedef enum
{
	START_NONE,					/* outside the grid, or a lapse and return */
	START_NEW,					/* first activity */
	START_REACTIVATED			/* back after a gap that crossed t_k */
} StartKind;

static inline void
flush_start(CxChurn *c, StartKind kind, int32_t k, bool present_at_end)
{
	if (kind == START_NEW)
	{
		c->new_[k]++;
		if (!present_at_end)
			c->new_lost[k]++;
	}
	else if (kind == START_REACTIVATED)
	{
		c->reactivated[k]++;
		if (!present_at_end)
			c->reactivated_lost[k]++;
	}
}

CxChurnStatus
cx_churn_add(CxChurn *c, const CxSpan *spans, int nspans)
{
	const int32_t P = c->periods;
	int32_t		cohort = -1;
	bool		open = false;	/* a stretch of presence is open */
	int32_t		open_first = 0,
				open_last = 0;
	int32_t		start_k = -2;	/* the period the current group of spans starts in */
	StartKind	start_kind = START_NONE;
	bool		start_covers_end = false;

	if (nspans <= 0)
		return CX_CHURN_OK;
	if (unlikely_(!spans_valid(spans, nspans)))
		return CX_CHURN_BAD_SPANS;
	/* every counter is bounded by the customer count: checking it suffices */
	if (*c->customers == INT64_MAX)
		return CX_CHURN_OVERFLOW;
	(*c->customers)++;

	for (int i = 0; i < nspans; i++)
	{
		const CxSpan *s = &spans[i];
		/* present at boundaries a..b: inside the span, after its lower end */
		int32_t		a = s->lo_inf ? 0 : locate_above(c, s->lo);
		int32_t		b;
		int32_t		k = a - 1;	/* the period the span starts in: -1..P */

		if (s->hi_inf)
			b = P;
		else if (s->hi_inc)
			b = locate_above(c, s->hi) - 1;
		else
			b = locate_at_or_above(c, s->hi) - 1;

		if (i == 0)
			cohort = k;

		/*
		 * Spans starting in one period are one group: the customer is new or
		 * reactivated there once, and lost if no span of the group reaches
		 * t_{k+1} (a span starting earlier would have made it present at
		 * t_k, one starting later cannot reach back).
		 */
		if (k != start_k)
		{
			flush_start(c, start_kind, start_k, start_covers_end);
			start_k = k;
			start_covers_end = false;
			if (k < 0 || k >= P)
				start_kind = START_NONE;
			else if (i == 0)
				start_kind = START_NEW;
			else if (open && open_first <= k && k <= open_last)
				start_kind = START_NONE;	/* lapsed and back within period k */
			else
				start_kind = START_REACTIVATED;
		}

		if (a <= b)
		{
			start_covers_end = true;	/* a == k + 1 */
			if (open && a == open_last + 1)
				open_last = b;	/* the gap held no boundary: no churn */
			else
			{
				if (open)
					flush_presence(c, open_first, open_last, cohort);
				open = true;
				open_first = a;
				open_last = b;
			}
		}
	}
	flush_start(c, start_kind, start_k, start_covers_end);
	if (open)
		flush_presence(c, open_first, open_last, cohort);
	return CX_CHURN_OK;
}

/* ---------------------------------------------------------------------
 * Merging and reading
 * ---------------------------------------------------------------------
 */

/* The counters after the boundaries: everything merge adds up. */
static size_t
counter_slots(const CxChurn *c)
{
	return cx_churn_slots(c->periods, c->max_offset) - 1 - ((size_t) c->periods + 1);
}

CxChurnStatus
cx_churn_merge(CxChurn *dst, const CxChurn *src)
{
	int64_t		total;
	size_t		n = counter_slots(dst);

	if (dst->periods != src->periods || dst->max_offset != src->max_offset)
		return CX_CHURN_BAD_GRID;
	if (__builtin_add_overflow(*dst->customers, *src->customers, &total))
		return CX_CHURN_OVERFLOW;
	*dst->customers = total;

	/*
	 * Every active count and every difference is bounded by the customer
	 * count in absolute value, so no sum below can overflow.
	 */
	for (size_t i = 0; i < n; i++)
		dst->active_diff[i] += src->active_diff[i];
	return CX_CHURN_OK;
}

void
cx_churn_active(const CxChurn *c, int64_t *out)
{
	int64_t		run = 0;

	for (int32_t j = 0; j <= c->periods; j++)
	{
		run += c->active_diff[j];
		out[j] = run;
	}
}

CxChurnPeriod
cx_churn_period(const CxChurn *c, const int64_t *active, int32_t k)
{
	CxChurnPeriod p;

	p.at_start = active[k];
	p.at_end = active[k + 1];
	p.churned = c->churned[k];
	p.new_ = c->new_[k];
	p.reactivated = c->reactivated[k];
	p.new_lost = c->new_lost[k];
	p.reactivated_lost = c->reactivated_lost[k];
	return p;
}

int32_t
cx_churn_row_len(const CxChurn *c, int32_t k)
{
	int32_t		left = c->periods - k;

	if (c->retained_diff == NULL)
		return 0;
	return c->max_offset + 1 < left ? c->max_offset + 1 : left;
}

void
cx_churn_retained(const CxChurn *c, int32_t k, int64_t *out)
{
	const int64_t *row = c->retained_diff + (size_t) k * (c->max_offset + 2);
	int32_t		len = cx_churn_row_len(c, k);
	int64_t		run = 0;

	for (int32_t j = 0; j < len; j++)
	{
		run += row[j];
		out[j] = run;
	}
}

CxChurnStatus
cx_churn_load(CxChurn *c, const int64_t *active, const int64_t *retained)
{
	int64_t		prev = 0;
	size_t		cells = 0;

	/*
	 * Counts from outside may be anything: refuse negative ones first, so
	 * that every difference below is of two values in 0..INT64_MAX and
	 * cannot overflow.
	 */
	for (int32_t j = 0; j <= c->periods; j++)
		if (active[j] < 0)
			return CX_CHURN_NEGATIVE;
	for (int32_t k = 0; k < c->periods && c->retained_diff != NULL; k++)
		cells += (size_t) cx_churn_row_len(c, k);
	for (size_t i = 0; i < cells; i++)
		if (retained[i] < 0)
			return CX_CHURN_NEGATIVE;

	for (int32_t j = 0; j <= c->periods; j++)
	{
		c->active_diff[j] = active[j] - prev;
		prev = active[j];
	}
	c->active_diff[c->periods + 1] = -prev;

	for (int32_t k = 0; k < c->periods && c->retained_diff != NULL; k++)
	{
		int64_t    *row = c->retained_diff + (size_t) k * (c->max_offset + 2);
		int32_t		len = cx_churn_row_len(c, k);

		prev = 0;
		for (int32_t j = 0; j < len; j++)
		{
			row[j] = retained[j] - prev;
			prev = retained[j];
		}
		row[len] = -prev;
		retained += len;
	}
	return CX_CHURN_OK;
}

/* ---------------------------------------------------------------------
 * Validation
 * ---------------------------------------------------------------------
 */

/* The per-period checks of period k, with a = active[k], e = active[k+1]. */
static CxChurnStatus
validate_period(const CxChurn *c, int32_t k, int64_t a, int64_t e)
{
	int64_t		n = *c->customers;
	int64_t		churned = c->churned[k],
				new_ = c->new_[k],
				react = c->reactivated[k],
				new_lost = c->new_lost[k],
				react_lost = c->reactivated_lost[k];
	int64_t		sum;

	if (churned < 0 || new_ < 0 || react < 0 || new_lost < 0 || react_lost < 0)
		return CX_CHURN_NEGATIVE;
	/* present at t_k, new in k and reactivated in k are distinct customers */
	if (__builtin_add_overflow(a, new_, &sum) ||
		__builtin_add_overflow(sum, react, &sum) || sum > n)
		return CX_CHURN_TOO_MANY;
	if (churned > a || new_lost > new_ || react_lost > react)
		return CX_CHURN_INCONSISTENT;
	/* each term is in 0..n and their sum is at most n: no overflow */
	if (e != a - churned + (new_ - new_lost) + (react - react_lost))
		return CX_CHURN_INCONSISTENT;
	return CX_CHURN_OK;
}

/* Cohort row k: counts in 0..new[k], offset 0 = new - new_lost, zeros after. */
static CxChurnStatus
validate_row(const CxChurn *c, int32_t k)
{
	const int64_t *row = c->retained_diff + (size_t) k * (c->max_offset + 2);
	int32_t		len = cx_churn_row_len(c, k);
	int64_t		run = 0;

	for (int32_t j = 0; j < c->max_offset + 2; j++)
	{
		if (__builtin_add_overflow(run, row[j], &run))
			return CX_CHURN_OVERFLOW;
		if (j >= len)
		{
			if (run != 0)
				return CX_CHURN_INCONSISTENT;
			continue;
		}
		if (run < 0)
			return CX_CHURN_NEGATIVE;
		if (run > c->new_[k])
			return CX_CHURN_TOO_MANY;
		if (j == 0 && run != c->new_[k] - c->new_lost[k])
			return CX_CHURN_INCONSISTENT;
	}
	return CX_CHURN_OK;
}

CxChurnStatus
cx_churn_validate(const CxChurn *c)
{
	CxChurnStatus st;
	int64_t		n = *c->customers;
	int64_t		active = 0,
				prev = 0,
				new_total = 0;

	if ((st = cx_churn_check_grid(c->periods, c->max_offset)) != CX_CHURN_OK)
		return st;
	if ((st = cx_churn_check_bounds(c->bounds, c->periods)) != CX_CHURN_OK)
		return st;
	if (n < 0)
		return CX_CHURN_NEGATIVE;

	for (int32_t j = 0; j <= c->periods + 1; j++)
	{
		if (__builtin_add_overflow(active, c->active_diff[j], &active))
			return CX_CHURN_OVERFLOW;
		if (j == c->periods + 1)
			return active == 0 ? CX_CHURN_OK : CX_CHURN_INCONSISTENT;
		if (active < 0)
			return CX_CHURN_NEGATIVE;
		if (active > n)
			return CX_CHURN_TOO_MANY;
		if (j > 0)
		{
			int32_t		k = j - 1;

			if ((st = validate_period(c, k, prev, active)) != CX_CHURN_OK)
				return st;
			/* a customer is new once at most */
			if (__builtin_add_overflow(new_total, c->new_[k], &new_total) || new_total > n)
				return CX_CHURN_TOO_MANY;
			if (c->retained_diff != NULL && (st = validate_row(c, k)) != CX_CHURN_OK)
				return st;
		}
		prev = active;
	}
	return CX_CHURN_OK;				/* not reached */
}

double
cx_churn_ratio(int64_t num, int64_t den)
{
	if (den == 0)
		return NAN;
	return (double) num / (double) den;
}

const char *
cx_churn_status_text(CxChurnStatus status)
{
	switch (status)
	{
		case CX_CHURN_OK:
			return "no error";
		case CX_CHURN_OVERFLOW:
			return "a count would pass 9223372036854775807, the largest bigint";
		case CX_CHURN_BAD_GRID:
			return "the number of periods or the cohort offset is out of range";
		case CX_CHURN_BAD_BOUNDS:
			return "the period boundaries are not strictly increasing";
		case CX_CHURN_BAD_SPANS:
			return "the activity spans are empty, unsorted, overlapping or adjacent";
		case CX_CHURN_NEGATIVE:
			return "a count is negative";
		case CX_CHURN_TOO_MANY:
			return "a count exceeds the number of customers";
		case CX_CHURN_INCONSISTENT:
			return "the counts do not add up: customers at the end of a period must equal those at its start, minus churned, plus new and reactivated customers not lost";
	}
	return "unknown error";
}
