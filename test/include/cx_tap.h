/*
 * cx_tap.h
 *		The TAP harness of the C unit tests (test/unit/test_*.c): header
 *		only, no dependencies.
 *
 * A program is a list of check groups.  tap_run(fn, description) runs one
 * and prints one line, "ok N - description" or "not ok N - description"
 * followed by "# ..." diagnostics of its failed checks (the first
 * TAP_MAX_DIAG of them); tap_done() prints the plan "1..N" last and returns
 * the exit status, 1 if any group failed.  `make unitcheck` joins the
 * programs' outputs into one TAP stream.
 *
 * Checks: CHECK(cond), CHECK_I64(got, expected), CHECK_DBL_EQ (exact; NaN
 * never passes), CHECK_NEAR (absolute tolerance), CHECK_REL (relative),
 * CHECK_NAN.  A test's own checks call tap_fail(line, expr), which counts
 * the failure and says whether to add diagnostics, then tap_diag(fmt, ...).
 */
#ifndef CX_TAP_H
#define CX_TAP_H

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Diagnostic lines kept per group: enough to see what broke. */
#define TAP_MAX_DIAG 24

static int	tap_group_failures;	/* failed checks in the current group */
static int	tap_group_diag;		/* diagnostics kept for the current group */
static char tap_diag_buf[16384];
static size_t tap_diag_len;
static int	tap_groups_run;
static int	tap_groups_failed;

/* Appends to the current group's diagnostics; each line starts with "# ". */
__attribute__((format(printf, 1, 2)))
static void
tap_diag(const char *fmt,...)
{
	va_list		ap;
	int			len;

	if (tap_diag_len >= sizeof(tap_diag_buf) - 1)
		return;
	va_start(ap, fmt);
	len = vsnprintf(tap_diag_buf + tap_diag_len, sizeof(tap_diag_buf) - tap_diag_len, fmt, ap);
	va_end(ap);
	if (len > 0)
	{
		tap_diag_len += (size_t) len;
		if (tap_diag_len > sizeof(tap_diag_buf) - 1)
			tap_diag_len = sizeof(tap_diag_buf) - 1;
	}
}

/* Records a failed check; returns true if its diagnostics should be kept. */
static bool
tap_fail_at(const char *file, int line, const char *expr)
{
	tap_group_failures++;
	if (tap_group_diag >= TAP_MAX_DIAG)
	{
		if (tap_group_diag == TAP_MAX_DIAG)
			tap_diag("# (further failures in this group not shown)\n");
		tap_group_diag++;
		return false;
	}
	tap_group_diag++;
	tap_diag("# %s:%d: %s\n", file, line, expr);
	return true;
}

/* The file named is the test's own, where the macro is used. */
#define tap_fail(line, expr) tap_fail_at(__FILE__, (line), (expr))

/* Runs one group of checks and prints its verdict, then its diagnostics. */
static void
tap_run(void (*fn) (void), const char *description)
{
	tap_group_failures = 0;
	tap_group_diag = 0;
	tap_diag_len = 0;
	tap_diag_buf[0] = '\0';
	fn();
	tap_groups_run++;
	if (tap_group_failures == 0)
		printf("ok %d - %s\n", tap_groups_run, description);
	else
	{
		tap_groups_failed++;
		printf("not ok %d - %s\n", tap_groups_run, description);
		fputs(tap_diag_buf, stdout);
	}
	fflush(stdout);
}

/* Prints the plan; returns the program's exit status. */
static int
tap_done(void)
{
	printf("1..%d\n", tap_groups_run);
	if (tap_groups_failed)
		printf("# %d of %d test groups failed\n", tap_groups_failed, tap_groups_run);
	return tap_groups_failed ? 1 : 0;
}

#define CHECK(cond) \
	do { \
		if (!(cond) && tap_fail(__LINE__, #cond)) \
			tap_diag("# got false, expected true\n"); \
	} while (0)

#define CHECK_I64(got, exp) \
	do { \
		int64_t		g_ = (got), e_ = (exp); \
		if (g_ != e_ && tap_fail(__LINE__, #got)) \
			tap_diag("# got %" PRId64 ", expected %" PRId64 "\n", g_, e_); \
	} while (0)

/* exact equality of doubles (NaN never passes) */
#define CHECK_DBL_EQ(got, exp) \
	do { \
		double		g_ = (got), e_ = (exp); \
		if (!(g_ == e_) && tap_fail(__LINE__, #got)) \
			tap_diag("# got %.17g, expected %.17g\n", g_, e_); \
	} while (0)

/* |got - exp| <= tol (NaN never passes) */
#define CHECK_NEAR(got, exp, tol) \
	do { \
		double		g_ = (got), e_ = (exp); \
		if (!(fabs(g_ - e_) <= (tol)) && tap_fail(__LINE__, #got)) \
			tap_diag("# got %.17g, expected %.17g (abs. tolerance %g)\n", \
					 g_, e_, (double) (tol)); \
	} while (0)

/* |got - exp| <= rel * |exp| (NaN never passes) */
#define CHECK_REL(got, exp, rel) \
	do { \
		double		g_ = (got), e_ = (exp); \
		if (!(fabs(g_ - e_) <= (rel) * fabs(e_)) && tap_fail(__LINE__, #got)) \
			tap_diag("# got %.17g, expected %.17g (rel. tolerance %g)\n", \
					 g_, e_, (double) (rel)); \
	} while (0)

#define CHECK_NAN(got) \
	do { \
		double		g_ = (got); \
		if (!isnan(g_) && tap_fail(__LINE__, #got)) \
			tap_diag("# got %.17g, expected NaN\n", g_); \
	} while (0)

#endif							/* CX_TAP_H */
