/*
 * cx_varlena.c
 *		What every summary type shares, whatever it counts: equality and
 *		hashing of the stored bytes, and JSON numbers.  The library's magic
 *		block lives here too, in the one file every type needs.
 *
 * The SQL names of the equality and hash functions (cx_summary_eq, ...)
 * are older than this module: released install scripts name them, so they
 * keep them.
 */
#include "postgres.h"

#include <math.h>

#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "catalog/pg_proc.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "cx_varlena.h"

CX_MODULE_MAGIC;

/* ---------------------------------------------------------------------
 * Equality and hashing, for every summary type (nps_summary, churn_summary,
 * ...): each stored form is canonical (unused counters and reserved fields
 * are zero), so two summaries are equal exactly when their bytes are.
 * ---------------------------------------------------------------------
 */

static bool
cx_varlena_equal(const struct varlena *a, const struct varlena *b)
{
	return VARSIZE(a) == VARSIZE(b) &&
		memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0;
}

/* Support for the = operator. */
PG_FUNCTION_INFO_V1(cx_summary_eq);
Datum
cx_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(cx_varlena_equal(PG_GETARG_VARLENA_P(0), PG_GETARG_VARLENA_P(1)));
}

/* Support for the <> operator. */
PG_FUNCTION_INFO_V1(cx_summary_ne);
Datum
cx_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!cx_varlena_equal(PG_GETARG_VARLENA_P(0), PG_GETARG_VARLENA_P(1)));
}

/* Hash opclass support, so summaries work in GROUP BY, DISTINCT and hash joins. */
PG_FUNCTION_INFO_V1(cx_summary_hash);
Datum
cx_summary_hash(PG_FUNCTION_ARGS)
{
	struct varlena *s = PG_GETARG_VARLENA_P(0);

	return hash_any((const unsigned char *) VARDATA(s), VARSIZE(s) - VARHDRSZ);
}

/* ---------------------------------------------------------------------
 * JSON
 * ---------------------------------------------------------------------
 */

void
cx_json_number(StringInfo buf, const char *key, double value, bool isnull)
{
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN];

	appendStringInfo(buf, ", \"%s\": ", key);
	if (isnull || !isfinite(value))
		appendStringInfoString(buf, "null");
	else
	{
		double_to_shortest_decimal_buf(value, num);
		appendStringInfoString(buf, num);
	}
}

/* ---------------------------------------------------------------------
 * Argument types
 * ---------------------------------------------------------------------
 */

/*
 * The type of argument argnum of a call: the call expression's, as
 * get_fn_expr_argtype() gives it, or, when there is no expression (Citus'
 * worker_partial_agg() calls transition functions that way), the function's
 * declared argument type.  Call it once per call site and keep the answer.
 */
Oid
cx_fn_argtype(FmgrInfo *flinfo, int argnum)
{
	Oid			type = get_fn_expr_argtype(flinfo, argnum);
	HeapTuple	tup;
	Form_pg_proc proc;

	if (OidIsValid(type))
		return type;
	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(flinfo->fn_oid));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for function %u", flinfo->fn_oid);
	proc = (Form_pg_proc) GETSTRUCT(tup);
	if (argnum >= 0 && argnum < proc->pronargs)
		type = proc->proargtypes.values[argnum];
	ReleaseSysCache(tup);
	return type;
}
