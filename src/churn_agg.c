/*
 * churn_agg.c
 *		churn_agg(): ranges and multiranges of activity read as spans, the
 *		per-call-site cache, and the transition and combine functions (see
 *		churn.h).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/inval.h"
#include "utils/memutils.h"
#include "utils/multirangetypes.h"
#include "utils/rangetypes.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "churn.h"
#include "cx_varlena.h"

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
 * The aggregate
 * ---------------------------------------------------------------------
 */

/*
 * Calls without an expression.  Citus' worker_partial_agg() calls the
 * transition function through an FmgrInfo it sets up anew on every row, so
 * fn_extra is empty on every row and the argument types come from pg_proc
 * (cx_fn_argtype).  A ChurnCall then depends on the function alone: such
 * calls share one per function OID, for the life of the backend, in a
 * context of their own that is emptied when pg_proc changes.  Its index is
 * over the first grid the function meets; other grids use binary search.
 * Every form of churn_agg() and revenue_agg() has an OID of its own: 24 in
 * all, fewer than the slots.
 */
#define CHURN_SHARED_SLOTS 32

static MemoryContext shared_mcxt = NULL;
static int	shared_count = 0;
static bool shared_stale = false;
static Oid	shared_oid[CHURN_SHARED_SLOTS];
static ChurnCall *shared_call[CHURN_SHARED_SLOTS];

/* pg_proc changed: drop the shared calls before the next lookup. */
static void
churn_shared_invalidate(Datum arg, int cacheid, uint32 hashvalue)
{
	(void) arg;
	(void) cacheid;
	(void) hashvalue;
	shared_stale = true;
}

static inline bool
churn_call_shared(FunctionCallInfo fcinfo)
{
	return fcinfo->flinfo->fn_expr == NULL;
}

/*
 * The call site's ChurnCall, if an earlier row made it: in fn_extra, or,
 * for a call without an expression, among the shared ones.  NULL if none.
 */
ChurnCall *
churn_call_find(FunctionCallInfo fcinfo)
{
	ChurnCall  *cc = (ChurnCall *) fcinfo->flinfo->fn_extra;

	if (likely(cc != NULL) || !churn_call_shared(fcinfo))
		return cc;
	if (shared_stale)
	{
		/* no shared call is in use here: each is used within one call */
		MemoryContextReset(shared_mcxt);
		shared_count = 0;
		shared_stale = false;
	}
	for (int i = 0; i < shared_count; i++)
		if (shared_oid[i] == fcinfo->flinfo->fn_oid)
			return fcinfo->flinfo->fn_extra = shared_call[i];
	return NULL;
}

/*
 * A new call site over a grid of kind: the shape of its grid arguments,
 * from the call's argument types, in the call site's memory (or the shared
 * calls' memory).  The caller fills in what is its own, then calls
 * churn_call_keep().
 */
ChurnCall *
churn_call_new(FunctionCallInfo fcinfo, ChurnKind kind, const char *fname, const char *noun)
{
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	ChurnCall  *cc;

	if (churn_call_shared(fcinfo))
	{
		if (shared_mcxt == NULL)
		{
			shared_mcxt = AllocSetContextCreate(TopMemoryContext, "cx_metrics shared grid calls",
												ALLOCSET_SMALL_SIZES);
			CacheRegisterSyscacheCallback(PROCOID, churn_shared_invalidate, (Datum) 0);
		}
		mcxt = shared_mcxt;
	}
	cc = MemoryContextAllocZero(mcxt, sizeof(ChurnCall));
	cc->fname = fname;
	cc->noun = noun;
	cc->kind = kind;
	cc->mcxt = mcxt;
	cc->until = cx_fn_argtype(fcinfo->flinfo, 4) != INT4OID;
	cc->has_offset = PG_NARGS() > 5;
	return cc;
}

/* Keeps a finished ChurnCall for the next rows of its call site. */
ChurnCall *
churn_call_keep(FunctionCallInfo fcinfo, ChurnCall *cc)
{
	fcinfo->flinfo->fn_extra = cc;
	if (churn_call_shared(fcinfo) && shared_count < CHURN_SHARED_SLOTS)
	{
		shared_oid[shared_count] = fcinfo->flinfo->fn_oid;
		shared_call[shared_count] = cc;
		shared_count++;
	}
	return cc;
}

static ChurnCall *
churn_call(FunctionCallInfo fcinfo)
{
	ChurnCall  *cc = churn_call_find(fcinfo);
	Oid			activity,
				elem;
	TypeCacheEntry *rngtyp;
	bool		multirange = false;

	if (likely(cc != NULL))
		return cc;
	activity = cx_fn_argtype(fcinfo->flinfo, 1);
	if (!OidIsValid(activity))
		elog(ERROR, "could not determine the activity type of churn_agg()");
	switch (get_typtype(activity))
	{
		case TYPTYPE_MULTIRANGE:
			multirange = true;
			rngtyp = lookup_type_cache(activity, TYPECACHE_MULTIRANGE_INFO)->rngtype;
			break;
		case TYPTYPE_RANGE:
			rngtyp = lookup_type_cache(activity, TYPECACHE_RANGE_INFO);
			break;
		default:
			elog(ERROR, "churn_agg() activity must be a range or a multirange, not type %u", activity);
	}
	if (rngtyp == NULL || rngtyp->rngelemtype == NULL)
		elog(ERROR, "type %u is not a range or multirange type", activity);
	elem = rngtyp->rngelemtype->type_id;
	if (elem != DATEOID && elem != TIMESTAMPTZOID)
		elog(ERROR, "churn_agg() activity must be of dates or timestamptz, not of type %u", elem);
	cc = churn_call_new(fcinfo, elem == DATEOID ? CHURN_DATE : CHURN_TSTZ, "churn_agg()", "churn");
	cc->multirange = multirange;
	cc->rngtyp = rngtyp;
	return churn_call_keep(fcinfo, cc);
}

pg_noreturn void
churn_report_null_grid(const ChurnCall *cc)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s grid arguments must not be null", cc->fname),
			 errdetail("The origin, the bucket, the number of periods or the end%s are NULL in a row.",
					   cc->has_offset ? ", and max_offset," : ""),
			 errhint("Pass the same grid on every row of a group.")));
	pg_unreachable();
}

pg_noreturn void
churn_report_negative_offset(const ChurnCall *cc, int32 max_offset)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s max_offset %d is negative", cc->fname, max_offset),
			 errdetail("max_offset is the last cohort offset to count: 0 counts each cohort at the end of its first period.")));
	pg_unreachable();
}

/*
 * The grid of the first row: checked, its number of periods worked out
 * from the end if that is what the row gives.
 */
ChurnGrid
churn_args_grid(const ChurnCall *cc, const ChurnArgs *a)
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
				 errmsg("time zone \"%s\" cannot be used for a %s grid", g.zone ? g.zone : "", cc->noun),
				 errdetail("A %s grid records its time zone by name: 1 to %d characters, without \";\".", cc->noun, CHURN_MAX_ZONE),
				 errhint("SET TIME ZONE to a named zone such as 'UTC' or 'Europe/Paris'.")));
	g.periods = 1;
	g.max_offset = -1;
	if ((problem = churn_grid_problem(&g)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s grid", cc->noun),
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
					 errmsg("%s grid end must be after its origin", cc->noun)));
		/* the fewest periods whose last boundary reaches the end */
		while (t < a->periods_or_until)
		{
			if (++k > CX_CHURN_MAX_PERIODS)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("invalid %s grid", cc->noun),
						 errdetail("From the origin to the end there are more than %d periods.",
								   CX_CHURN_MAX_PERIODS)));
			if (!churn_grid_boundary(&g, k, &t))
				ereport(ERROR,
						(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
						 errmsg("%s period boundary out of range", cc->noun),
						 errdetail("Boundary " INT64_FORMAT " of the grid falls after 9999-12-31.", k)));
		}
		g.periods = (int32) k;
	}
	if (a->max_offset >= 0)
		g.max_offset = Min(a->max_offset, g.periods - 1);
	if ((problem = churn_grid_problem(&g)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s grid", cc->noun),
				 errdetail("%s", problem)));
	return g;
}

/* The first row's summary. */
static pg_noinline ChurnState *
churn_first(const ChurnCall *cc, const ChurnArgs *a)
{
	ChurnGrid	g = churn_args_grid(cc, a);

	return churn_new(&g);
}

/* Reports a row whose grid is not its summary's. */
pg_noreturn void
churn_report_grid_mismatch(const ChurnCall *cc, const GridView *v, const ChurnArgs *a)
{
	StringInfoData row;
	ChurnGrid	g = churn_view_grid(v);

	g.origin = a->origin;
	g.months = a->bucket->month;
	g.days = a->bucket->day;
	g.usecs = a->bucket->time;
	g.periods = (int32) Min(Max(a->periods_or_until, 0), PG_INT32_MAX);
	g.max_offset = a->max_offset;
	initStringInfo(&row);
	churn_append_grid(&row, &g);
	if (cc->until)
	{
		/* the row gives an end, not a number of periods */
		char	   *p = strstr(row.data, ";periods=");

		row.len = p - row.data;
		*p = '\0';
		appendStringInfoString(&row, ";until=");
		churn_append_instant(&row, cc->kind, a->periods_or_until);
		if (a->max_offset >= 0)
			appendStringInfo(&row, ";max_offset=%d", a->max_offset);
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s grid differs between rows", cc->noun),
			 errdetail("The first row's grid is %s; this row's is %s.", churn_view_grid_text(v), row.data),
			 errhint("Pass the same origin, bucket, number of periods (or end) and max_offset on every row of a group.")));
	pg_unreachable();
}

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
int
churn_read_spans(ChurnKind kind, bool multirange, Datum activity, CxSpan *local, CxSpan **spans)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(activity);
	const char *base;
	const char *ptr;
	const uint8 *flags;
	uint32		count;
	Size		align = kind == CHURN_DATE ? sizeof(DateADT) : sizeof(TimestampTz);

	/*
	 * Out of line or compressed: detoast.  A short header is read in place
	 * (VARATT_IS_SHORT is also true of a TOAST pointer: test that first).
	 */
	if (VARATT_IS_EXTERNAL(v) || VARATT_IS_COMPRESSED(v))
		v = pg_detoast_datum(v);
	base = VARDATA_ANY(v) - VARHDRSZ;
	*spans = local;
	if (!multirange)
	{
		/* RangeType header, the bounds, and the flags in the last byte */
		uint8		f = (uint8) base[VARHDRSZ + VARSIZE_ANY_EXHDR(v) - 1];

		if (f & RANGE_EMPTY)
			return 0;
		ptr = base + sizeof(RangeType);
		read_span(local, f, &ptr, kind);
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
		read_span(&(*spans)[i], flags[i], &ptr, kind);
	return (int) count;
}

/* The index of the summary's grid, if this call site has one; else NULL. */
const CxChurnIndex *
churn_index(ChurnCall *cc, const GridView *v)
{
	if (likely(cc->has_index) &&
		v->bounds[0] == cc->key_origin && v->periods == cc->key_periods &&
		v->months == cc->key_months && v->days == cc->key_days &&
		v->usecs == cc->key_usecs &&
		(cc->kind == CHURN_DATE || cc->key_tz == session_timezone))
		return &cc->index;
	if (!cc->index_tried)
	{
		int32		slots = cx_churn_index_slots((const int64_t *) v->bounds, v->periods);

		cc->index_tried = true;
		if (slots > 0)
		{
			int32	   *first = MemoryContextAlloc(cc->mcxt, slots * sizeof(int32));
			int64	   *first_bound = MemoryContextAlloc(cc->mcxt, slots * sizeof(int64));

			cx_churn_index_build(&cc->index, (const int64_t *) v->bounds, v->periods,
								 (int32_t *) first, (int64_t *) first_bound);
			cc->key_origin = v->bounds[0];
			cc->key_months = v->months;
			cc->key_days = v->days;
			cc->key_usecs = v->usecs;
			cc->key_periods = v->periods;
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
	GridView	v;

	if (PG_ARGISNULL(0))
		s = churn_first(cc, &a);
	else
	{
		s = (ChurnState *) cx_state_arg(fcinfo);
		v = churn_grid_view(s);
		churn_check_row(cc, &v, &a);
	}
	if (!PG_ARGISNULL(1))
	{
		CxSpan		local[CHURN_LOCAL_SPANS];
		CxSpan	   *spans;
		int			n = churn_read_spans(cc->kind, cc->multirange, PG_GETARG_DATUM(1), local, &spans);
		CxChurn		c;
		CxChurnStatus status;

		v = churn_grid_view(s);
		churn_view(s, &c);
		c.index = churn_index(cc, &v);
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
	GridView	vs = churn_grid_view(s),
				vo = churn_grid_view(other);

	if (!churn_views_same_grid(&vs, &vo))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine churn summaries of different grids"),
				 errdetail("One has grid %s, the other %s.", churn_view_grid_text(&vs), churn_view_grid_text(&vo)),
				 errhint("Roll up summaries of one grid at a time.")));
	churn_view(s, &dst);
	churn_view(other, &src);
	status = cx_churn_merge(&dst, &src);
	if (status != CX_CHURN_OK)
		churn_report(status, (ChurnKind) s->kind);
	PG_RETURN_POINTER(s);
}
