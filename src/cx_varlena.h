/*
 * cx_varlena.h
 *		Helpers for every varlena summary type of cx_metrics, whatever it
 *		counts: the transition state argument, byte equality and hashing
 *		(cx_varlena.c), and JSON numbers.
 *
 * The score-scale summaries (cx_summary.h) and the churn summaries
 * (churn.h) both build on this module and on nothing of each other.
 */
#ifndef CX_VARLENA_H
#define CX_VARLENA_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nodes/execnodes.h"

#include "cx_compat.h"

/*
 * The transition state (argument 0), ready to be changed: any summary
 * varlena.  Inside an aggregate or window aggregate the state belongs to the
 * executor and is updated in place: no per-row copy (DESIGN.md s. 3).
 * Called as a plain function, it must not scribble on its argument, so it
 * works on a copy.
 */
static inline void *
cx_state_arg(FunctionCallInfo fcinfo)
{
	struct varlena *v = (struct varlena *) PG_GETARG_POINTER(0);

	if (likely(fcinfo->context &&
			   (IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState))))
	{
		/* the executor's own copy; detoasting is an inline test per row */
		if (unlikely(VARATT_IS_EXTENDED(v)))
			v = pg_detoast_datum(v);
		return v;
	}
	return pg_detoast_datum_copy(v);
}

/*
 * The critical value of a confidence argument, checked: 0.95 -> 1.96; any
 * level outside (0, 1) is an ERROR (22023).  (In cx_stats.c.)
 */
extern double cx_confidence_z(double confidence);

/* Appends ', "key": value' with PostgreSQL's shortest exact float format. */
extern void cx_json_number(StringInfo buf, const char *key, double value, bool isnull);

/*
 * The type of argument argnum of a call, from its expression or else from
 * the function's declaration (cx_varlena.c).
 */
extern Oid	cx_fn_argtype(FmgrInfo *flinfo, int argnum);

#endif							/* CX_VARLENA_H */
