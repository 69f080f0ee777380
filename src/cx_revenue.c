/*
 * cx_revenue.c
 *		MRR timelines and MRR movements over a grid of periods, in pure C
 *		(see cx_revenue.h).
 */
#include "cx_revenue.h"

#include <stdlib.h>
#include <string.h>

#define unlikely_(x) __builtin_expect((x) != 0, 0)

/* ---------------------------------------------------------------------
 * Timelines
 * ---------------------------------------------------------------------
 */

static int
event_cmp(const void *a, const void *b)
{
	int64_t		x = ((const CxMrrEvent *) a)->x;
	int64_t		y = ((const CxMrrEvent *) b)->x;

	return (x > y) - (x < y);
}

CxRevStatus
cx_mrr_build(CxMrrEvent *ev, int64_t n, CxMrrStep *out, int64_t *nout, int64_t *where)
{
	int64_t		f = 0;			/* the value after the last step */
	int64_t		m = 0;

	/* most customers have a few rows: an insertion sort, without calls */
	if (n <= 16)
	{
		for (int64_t i = 1; i < n; i++)
		{
			CxMrrEvent	e = ev[i];
			int64_t		j = i;

			for (; j > 0 && ev[j - 1].x > e.x; j--)
				ev[j] = ev[j - 1];
			ev[j] = e;
		}
	}
	else
		qsort(ev, (size_t) n, sizeof(CxMrrEvent), event_cmp);
	for (int64_t i = 0; i < n && ev[i].x != INT64_MAX;)
	{
		int64_t		x = ev[i].x;

		/*
		 * The changes at one instant are summed in 128 bits (at most 2^25
		 * events of at most 2^63 each: no overflow), so that whether a value
		 * fits does not depend on the order the rows came in.
		 */
		__int128	d_at = 0,
					d_after = 0,
					at,
					after;

		for (; i < n && ev[i].x == x; i++)
		{
			d_at += ev[i].d_at;
			d_after += ev[i].d_after;
		}
		at = f + d_at;
		after = at + d_after;
		if (at < 0 || after < 0)
		{
			*where = x;
			return CX_REV_NEGATIVE_MRR;
		}
		if (at > INT64_MAX || after > INT64_MAX)
			return CX_REV_OVERFLOW;
		if (at == f && after == f)
			continue;			/* changes cancel out: no step */
		out[m].x = x;
		out[m].at = (int64_t) at;
		out[m].after = (int64_t) after;
		m++;
		f = (int64_t) after;
	}
	*nout = m;
	return CX_REV_OK;
}

CxRevStatus
cx_mrr_validate(const CxMrrStep *s, int64_t n, bool point_values, int64_t unit)
{
	int64_t		left = 0;

	if (n < 0 || n > CX_REV_MAX_STEPS || unit <= 0)
		return CX_REV_BAD_STEPS;
	for (int64_t i = 0; i < n; i++)
	{
		if ((i > 0 && s[i].x <= s[i - 1].x) || s[i].x == INT64_MAX)
			return CX_REV_BAD_STEPS;
		if (s[i].at < 0 || s[i].after < 0)
			return CX_REV_NEGATIVE_MRR;
		if ((!point_values && s[i].at != s[i].after) ||
			(s[i].at == left && s[i].after == left) ||
			s[i].at % unit != 0 || s[i].after % unit != 0)
			return CX_REV_BAD_STEPS;
		left = s[i].after;
	}
	return CX_REV_OK;
}

int64_t
cx_mrr_at(const CxMrrStep *s, int64_t n, int64_t t)
{
	int64_t		lo = 0,
				hi = n;

	/* the last step with x <= t: s[lo - 1] after the search */
	while (lo < hi)
	{
		int64_t		mid = lo + (hi - lo) / 2;

		if (s[mid].x <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	if (s[lo - 1].x == t)
	{
		int64_t		left = lo >= 2 ? s[lo - 2].after : 0;

		return left < s[lo - 1].at ? left : s[lo - 1].at;
	}
	return s[lo - 1].after;
}

int64_t
cx_mrr_max(const CxMrrStep *s, int64_t n)
{
	int64_t		top = 0;

	for (int64_t i = 0; i < n; i++)
	{
		if (s[i].at > top)
			top = s[i].at;
		if (s[i].after > top)
			top = s[i].after;
	}
	return top;
}

/* ---------------------------------------------------------------------
 * The grid's counters
 * ---------------------------------------------------------------------
 */

CxRevStatus
cx_rev_check_grid(int32_t periods, int32_t max_offset)
{
	/* churn's grids, with half its cohort cells: two counters a cell */
	if (cx_churn_check_grid(periods, max_offset) != CX_CHURN_OK ||
		(int64_t) periods * (max_offset + 1) > CX_REV_MAX_CELLS)
		return CX_REV_BAD_GRID;
	return CX_REV_OK;
}

size_t
cx_rev_slots(int32_t periods, int32_t max_offset)
{
	size_t		p = (size_t) periods;
	size_t		slots;

	if (cx_rev_check_grid(periods, max_offset) != CX_REV_OK)
		return 0;
	/* customers, mrr_bound, bounds, two level diffs, 11 per-period arrays */
	slots = 2 + (p + 1) + 2 * (p + 2) + 11 * p;
	if (max_offset >= 0)
		slots += 2 * p * (size_t) (max_offset + 2);
	return slots;
}

void
cx_rev_bind(CxRevenue *r, int64_t *data, int32_t periods, int32_t max_offset)
{
	size_t		p = (size_t) periods;
	int64_t    *next;

	r->periods = periods;
	r->max_offset = max_offset;
	r->customers = data;
	r->mrr_bound = data + 1;
	r->bounds = data + 2;
	r->mrr_diff = r->bounds + p + 1;
	r->paying_diff = r->mrr_diff + p + 2;
	next = r->paying_diff + p + 2;
	for (int i = 0; i < 5; i++, next += p)
		r->amount[i] = next;
	for (int i = 0; i < 5; i++, next += p)
		r->count[i] = next;
	r->first_paid = next;
	next += p;
	if (max_offset >= 0)
	{
		r->cohort_mrr_diff = next;
		r->cohort_paying_diff = next + p * (size_t) (max_offset + 2);
	}
	else
		r->cohort_mrr_diff = r->cohort_paying_diff = NULL;
	r->index = NULL;
}

/* ---------------------------------------------------------------------
 * Counting one customer
 * ---------------------------------------------------------------------
 */

/* One customer's walk over the boundaries. */
typedef struct RevWalk
{
	CxRevenue  *r;
	int64_t		first_x;		/* the first instant of positive MRR */
	int32_t		cohort;			/* its period, or -1 outside the grid */
	int64_t		cur;			/* m at boundaries cur_j.. */
	int32_t		cur_j;
} RevWalk;

/* m = v at boundaries j1..j2 (v > 0): the levels and the cohort row. */
static inline void
rev_stretch(RevWalk *w, int32_t j1, int32_t j2, int64_t v)
{
	CxRevenue  *r = w->r;

	r->mrr_diff[j1] += v;
	r->mrr_diff[j2 + 1] -= v;
	r->paying_diff[j1]++;
	r->paying_diff[j2 + 1]--;
	if (r->cohort_mrr_diff != NULL && w->cohort >= 0)
	{
		/* boundaries cohort+1 .. cohort+1+N, clipped to the grid */
		int32_t		c = w->cohort;
		int32_t		lo = j1 > c + 1 ? j1 : c + 1;
		int32_t		hi = c + 1 + r->max_offset;
		size_t		row = (size_t) c * (r->max_offset + 2);

		if (hi > r->periods)
			hi = r->periods;
		if (hi > j2)
			hi = j2;
		if (lo <= hi)
		{
			r->cohort_mrr_diff[row + lo - c - 1] += v;
			r->cohort_mrr_diff[row + hi - c] -= v;
			r->cohort_paying_diff[row + lo - c - 1]++;
			r->cohort_paying_diff[row + hi - c]--;
		}
	}
}

/* m(t_k) = a, m(t_{k+1}) = b, a != b: the movement of period k. */
static inline void
rev_move(RevWalk *w, int32_t k, int64_t a, int64_t b)
{
	CxRevenue  *r = w->r;
	CxRevMovement mv;
	int64_t		amount;

	if (a > 0 && b == 0)
	{
		mv = CX_REV_CHURNED;
		amount = a;
	}
	else if (a > 0 && b > a)
	{
		mv = CX_REV_EXPANSION;
		amount = b - a;
	}
	else if (a > 0)
	{
		mv = CX_REV_CONTRACTION;
		amount = a - b;
	}
	else
	{
		mv = w->first_x < r->bounds[k] ? CX_REV_REACTIVATION : CX_REV_NEW;
		amount = b;
	}
	r->amount[mv][k] += amount;
	r->count[mv][k]++;
}

/* m(t_j) = m, and so on until the next change. */
static inline void
rev_level(RevWalk *w, int32_t j, int64_t m)
{
	if (m == w->cur)
		return;
	if (j > 0)
		rev_move(w, j - 1, w->cur, m);
	if (w->cur > 0 && j > w->cur_j)
		rev_stretch(w, w->cur_j, j - 1, w->cur);
	w->cur = m;
	w->cur_j = j;
}

static inline int32_t
rev_locate(const CxRevenue *r, int64_t x)
{
	return cx_churn_locate_at_or_above(r->bounds, r->periods, r->index, x);
}

CxRevStatus
cx_rev_add(CxRevenue *r, const CxMrrStep *s, int64_t n)
{
	const int32_t P = r->periods;
	RevWalk		w = {.r = r, .cohort = -1, .cur = 0, .cur_j = 0};
	int64_t		bound;
	int64_t		i;
	int32_t		j;

	/* every amount is bounded by mrr_bound: checking it suffices */
	if (*r->customers == INT64_MAX ||
		__builtin_add_overflow(*r->mrr_bound, cx_mrr_max(s, n), &bound))
		return CX_REV_OVERFLOW;
	(*r->customers)++;
	*r->mrr_bound = bound;

	for (i = 0; i < n && s[i].at == 0 && s[i].after == 0; i++)
		;
	if (i == n)
		return CX_REV_OK;		/* never paid: counted, nothing else */
	w.first_x = s[i].x;
	if (w.first_x >= r->bounds[0] && w.first_x < r->bounds[P])
	{
		w.cohort = cx_churn_locate_above(r->bounds, P, r->index, w.first_x) - 1;
		r->first_paid[w.cohort]++;
	}

	/*
	 * Steps are taken in groups by the boundary t_j they come up to (x in
	 * (t_{j-1}, t_j]): the group's last step gives m(t_j), and its value
	 * after holds from t_{j+1} until the next group.
	 */
	i = 0;
	j = n > 0 ? rev_locate(r, s[0].x) : P + 1;
	while (j <= P)
	{
		int64_t		last = i;
		int32_t		jn;
		int64_t		left,
					m;

		for (;;)
		{
			if (last + 1 >= n)
			{
				jn = P + 1;
				break;
			}
			jn = rev_locate(r, s[last + 1].x);
			if (jn != j)
				break;
			last++;
		}
		left = last > 0 ? s[last - 1].after : 0;
		if (s[last].x == r->bounds[j])
			m = left < s[last].at ? left : s[last].at;
		else
			m = s[last].after;
		rev_level(&w, j, m);
		if (jn > j + 1 && j + 1 <= P)
			rev_level(&w, j + 1, s[last].after);
		i = last + 1;
		j = jn;
	}
	if (w.cur > 0)
		rev_stretch(&w, w.cur_j, P, w.cur);
	return CX_REV_OK;
}

/* ---------------------------------------------------------------------
 * Merging and reading
 * ---------------------------------------------------------------------
 */

CxRevStatus
cx_rev_merge(CxRevenue *dst, const CxRevenue *src)
{
	int64_t		customers,
				bound;
	size_t		n = cx_rev_slots(dst->periods, dst->max_offset) - 2 - ((size_t) dst->periods + 1);

	if (dst->periods != src->periods || dst->max_offset != src->max_offset)
		return CX_REV_BAD_GRID;
	if (__builtin_add_overflow(*dst->customers, *src->customers, &customers) ||
		__builtin_add_overflow(*dst->mrr_bound, *src->mrr_bound, &bound))
		return CX_REV_OVERFLOW;
	*dst->customers = customers;
	*dst->mrr_bound = bound;

	/*
	 * Every amount, count and difference is bounded in absolute value by
	 * the merged mrr_bound or customer count: no sum below can overflow.
	 */
	for (size_t i = 0; i < n; i++)
		dst->mrr_diff[i] += src->mrr_diff[i];
	return CX_REV_OK;
}

void
cx_rev_levels(const CxRevenue *r, int64_t *mrr, int64_t *paying)
{
	int64_t		m = 0,
				p = 0;

	for (int32_t j = 0; j <= r->periods; j++)
	{
		m += r->mrr_diff[j];
		p += r->paying_diff[j];
		mrr[j] = m;
		paying[j] = p;
	}
}

CxRevPeriod
cx_rev_period(const CxRevenue *r, const int64_t *mrr, const int64_t *paying, int32_t k)
{
	CxRevPeriod p;

	p.mrr_start = mrr[k];
	p.mrr_end = mrr[k + 1];
	p.paying_start = paying[k];
	p.paying_end = paying[k + 1];
	for (int i = 0; i < 5; i++)
	{
		p.amount[i] = r->amount[i][k];
		p.count[i] = r->count[i][k];
	}
	return p;
}

int32_t
cx_rev_row_len(const CxRevenue *r, int32_t k)
{
	int32_t		left = r->periods - k;

	if (r->cohort_mrr_diff == NULL)
		return 0;
	return r->max_offset + 1 < left ? r->max_offset + 1 : left;
}

void
cx_rev_cohort(const CxRevenue *r, int32_t k, int64_t *mrr, int64_t *paying)
{
	size_t		row = (size_t) k * (r->max_offset + 2);
	int32_t		len = cx_rev_row_len(r, k);
	int64_t		m = 0,
				p = 0;

	for (int32_t j = 0; j < len; j++)
	{
		m += r->cohort_mrr_diff[row + j];
		p += r->cohort_paying_diff[row + j];
		mrr[j] = m;
		paying[j] = p;
	}
}

/* Differences of v[0..n-1] into d[0..n] (d[n] balances); v all >= 0. */
static void
differences(int64_t *d, const int64_t *v, int32_t n)
{
	int64_t		prev = 0;

	for (int32_t j = 0; j < n; j++)
	{
		d[j] = v[j] - prev;
		prev = v[j];
	}
	d[n] = -prev;
}

CxRevStatus
cx_rev_load(CxRevenue *r, const int64_t *mrr, const int64_t *paying,
			const int64_t *cohort_mrr, const int64_t *cohort_paying)
{
	size_t		cells = 0;

	/*
	 * Values from outside may be anything: refuse negative ones first, so
	 * that every difference is of two values in 0..INT64_MAX.
	 */
	for (int32_t j = 0; j <= r->periods; j++)
		if (mrr[j] < 0 || paying[j] < 0)
			return CX_REV_NEGATIVE;
	for (int32_t k = 0; k < r->periods; k++)
		cells += (size_t) cx_rev_row_len(r, k);
	for (size_t i = 0; i < cells; i++)
		if (cohort_mrr[i] < 0 || cohort_paying[i] < 0)
			return CX_REV_NEGATIVE;

	differences(r->mrr_diff, mrr, r->periods + 1);
	differences(r->paying_diff, paying, r->periods + 1);
	for (int32_t k = 0; k < r->periods && r->cohort_mrr_diff != NULL; k++)
	{
		size_t		row = (size_t) k * (r->max_offset + 2);
		int32_t		len = cx_rev_row_len(r, k);

		differences(r->cohort_mrr_diff + row, cohort_mrr, len);
		differences(r->cohort_paying_diff + row, cohort_paying, len);
		cohort_mrr += len;
		cohort_paying += len;
	}
	return CX_REV_OK;
}

/* ---------------------------------------------------------------------
 * Validation
 * ---------------------------------------------------------------------
 */

/*
 * An amount held by count customers, each with at least one unit: in
 * 0..bound, a multiple of unit, and zero exactly when count is.
 */
static CxRevStatus
check_amount(const CxRevenue *r, int64_t amount, int64_t count, int64_t unit)
{
	if (amount < 0 || count < 0)
		return CX_REV_NEGATIVE;
	if (count > *r->customers)
		return CX_REV_TOO_MANY;
	if (amount > *r->mrr_bound || amount % unit != 0 ||
		(__int128) amount < (__int128) count * unit || (count == 0 && amount != 0))
		return CX_REV_INCONSISTENT;
	return CX_REV_OK;
}

/* A run over a differenced array: the next level, or an overflow. */
static inline bool
run_add(int64_t *run, int64_t d)
{
	return !__builtin_add_overflow(*run, d, run);
}

static CxRevStatus
validate_period(const CxRevenue *r, int32_t k, int64_t m0, int64_t m1,
				int64_t p0, int64_t p1, int64_t unit)
{
	CxRevStatus st;
	__int128	flow = m0;

	for (int i = 0; i < 5; i++)
		if ((st = check_amount(r, r->amount[i][k], r->count[i][k], unit)) != CX_REV_OK)
			return st;
	/* expanding, contracting and churned customers were paying at t_k */
	if ((__int128) r->count[CX_REV_EXPANSION][k] + r->count[CX_REV_CONTRACTION][k] +
		r->count[CX_REV_CHURNED][k] > p0)
		return CX_REV_INCONSISTENT;
	if ((__int128) r->amount[CX_REV_CONTRACTION][k] + r->amount[CX_REV_CHURNED][k] > m0)
		return CX_REV_INCONSISTENT;
	if ((__int128) p0 - r->count[CX_REV_CHURNED][k] + r->count[CX_REV_NEW][k] +
		r->count[CX_REV_REACTIVATION][k] != p1)
		return CX_REV_INCONSISTENT;
	flow += (__int128) r->amount[CX_REV_NEW][k] + r->amount[CX_REV_EXPANSION][k] +
		r->amount[CX_REV_REACTIVATION][k] - r->amount[CX_REV_CONTRACTION][k] -
		r->amount[CX_REV_CHURNED][k];
	if (flow != m1)
		return CX_REV_INCONSISTENT;
	if (r->count[CX_REV_NEW][k] > r->first_paid[k])
		return CX_REV_INCONSISTENT;
	return CX_REV_OK;
}

/* Cohort row k: levels in range, offset 0 = the period's new, zeros after. */
static CxRevStatus
validate_row(const CxRevenue *r, int32_t k, int64_t unit)
{
	size_t		row = (size_t) k * (r->max_offset + 2);
	int32_t		len = cx_rev_row_len(r, k);
	int64_t		m = 0,
				p = 0;
	CxRevStatus st;

	for (int32_t j = 0; j < r->max_offset + 2; j++)
	{
		if (!run_add(&m, r->cohort_mrr_diff[row + j]) ||
			!run_add(&p, r->cohort_paying_diff[row + j]))
			return CX_REV_OVERFLOW;
		if (j >= len)
		{
			if (m != 0 || p != 0)
				return CX_REV_INCONSISTENT;
			continue;
		}
		if ((st = check_amount(r, m, p, unit)) != CX_REV_OK)
			return st;
		if (p > r->first_paid[k])
			return CX_REV_TOO_MANY;
		if (j == 0 && (m != r->amount[CX_REV_NEW][k] || p != r->count[CX_REV_NEW][k]))
			return CX_REV_INCONSISTENT;
	}
	return CX_REV_OK;
}

CxRevStatus
cx_rev_validate(const CxRevenue *r, int64_t unit)
{
	CxRevStatus st;
	int64_t		m = 0,
				p = 0,
				m0 = 0,
				p0 = 0,
				first_total = 0;

	if ((st = cx_rev_check_grid(r->periods, r->max_offset)) != CX_REV_OK)
		return st;
	if (cx_churn_check_bounds(r->bounds, r->periods) != CX_CHURN_OK)
		return CX_REV_BAD_BOUNDS;
	if (*r->customers < 0 || *r->mrr_bound < 0)
		return CX_REV_NEGATIVE;
	if (*r->mrr_bound % unit != 0)
		return CX_REV_INCONSISTENT;

	/* a customer first pays once at most */
	for (int32_t k = 0; k < r->periods; k++)
	{
		if (r->first_paid[k] < 0)
			return CX_REV_NEGATIVE;
		if (__builtin_add_overflow(first_total, r->first_paid[k], &first_total) ||
			first_total > *r->customers)
			return CX_REV_TOO_MANY;
	}

	for (int32_t j = 0; j <= r->periods + 1; j++)
	{
		if (!run_add(&m, r->mrr_diff[j]) || !run_add(&p, r->paying_diff[j]))
			return CX_REV_OVERFLOW;
		if (j == r->periods + 1)
			return m == 0 && p == 0 ? CX_REV_OK : CX_REV_INCONSISTENT;
		if ((st = check_amount(r, m, p, unit)) != CX_REV_OK)
			return st;
		/*
		 * Those paying at t_j first paid before t_j: they are none of the
		 * customers first paying in period j or later.
		 */
		if ((__int128) p + first_total > *r->customers)
			return CX_REV_TOO_MANY;
		if (j < r->periods)
			first_total -= r->first_paid[j];
		if (j > 0)
		{
			int32_t		k = j - 1;

			if ((st = validate_period(r, k, m0, m, p0, p, unit)) != CX_REV_OK)
				return st;
			if (r->cohort_mrr_diff != NULL && (st = validate_row(r, k, unit)) != CX_REV_OK)
				return st;
		}
		m0 = m;
		p0 = p;
	}
	return CX_REV_OK;				/* not reached */
}

const char *
cx_rev_status_text(CxRevStatus status)
{
	switch (status)
	{
		case CX_REV_OK:
			return "no error";
		case CX_REV_OVERFLOW:
			return "a sum would pass 9223372036854775807 units of 0.0001, the largest bigint";
		case CX_REV_NEGATIVE_MRR:
			return "a customer's MRR is negative";
		case CX_REV_BAD_GRID:
			return "the number of periods or the cohort offset is out of range";
		case CX_REV_BAD_BOUNDS:
			return "the period boundaries are not strictly increasing";
		case CX_REV_BAD_STEPS:
			return "the steps are not strictly increasing changes of MRR in units of the timeline's scale";
		case CX_REV_NEGATIVE:
			return "a count or amount is negative";
		case CX_REV_TOO_MANY:
			return "a count exceeds the number of customers";
		case CX_REV_INCONSISTENT:
			return "the amounts do not add up: MRR at the end of a period must equal MRR at its start plus new, expansion and reactivation minus contraction and churned, with each customer counted once";
	}
	return "unknown error";
}
