/*
 * cx_compat.h
 *		Every PG_VERSION_NUM guard of cx_metrics lives here.
 *
 * cx_metrics aims at PostgreSQL 14 to 18 (14 brought multiranges, which
 * churn_agg reads); README.md says which versions were actually built and
 * tested.
 */
#ifndef CX_COMPAT_H
#define CX_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 140000
#error "cx_metrics requires PostgreSQL 14 or later"
#endif

/*
 * PostgreSQL 16 moved the varlena macros (SET_VARSIZE, VARSIZE, VARDATA...)
 * out of postgres.h into varatt.h; every glue file gets them from here.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/* PG_MODULE_MAGIC_EXT (name and version in pg_get_loaded_modules) arrived in 18. */
#if PG_VERSION_NUM >= 180000
#define CX_MODULE_MAGIC PG_MODULE_MAGIC_EXT(.name = "cx_metrics", .version = CX_METRICS_VERSION)
#else
#define CX_MODULE_MAGIC PG_MODULE_MAGIC
#endif

/*
 * PostgreSQL 18 replaced pg_attribute_noreturn(), written after a
 * declarator, by pg_noreturn, written before the declaration (C11's
 * _Noreturn where the compiler has it).  GCC and clang accept the older
 * attribute in that position too, so one spelling serves every version:
 * "pg_noreturn static void f(...)".
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

#endif							/* CX_COMPAT_H */
