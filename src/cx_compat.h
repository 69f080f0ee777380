/*
 * cx_compat.h
 *		Every PG_VERSION_NUM guard of cx_metrics lives here.
 *
 * cx_metrics aims at PostgreSQL 13 to 18; README.md says which versions were
 * actually built and tested.
 */
#ifndef CX_COMPAT_H
#define CX_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 130000
#error "cx_metrics requires PostgreSQL 13 or later"
#endif

/* int64_to_numeric() arrived in 14; before it, go through int8_numeric. */
#if PG_VERSION_NUM < 140000
#include "utils/fmgrprotos.h"
#define int64_to_numeric(v) DatumGetNumeric(DirectFunctionCall1(int8_numeric, Int64GetDatum(v)))
#endif

/* numeric infinities arrived in 14. */
#if PG_VERSION_NUM < 140000
#define numeric_is_inf(n) false
#endif

/* PG_MODULE_MAGIC_EXT (name and version in pg_get_loaded_modules) arrived in 18. */
#if PG_VERSION_NUM >= 180000
#define CX_MODULE_MAGIC PG_MODULE_MAGIC_EXT(.name = "cx_metrics", .version = CX_METRICS_VERSION)
#else
#define CX_MODULE_MAGIC PG_MODULE_MAGIC
#endif

#endif							/* CX_COMPAT_H */
