# cx_metrics: PGXS build.  See README.md ("Layout", "Testing").

EXTENSION = cx_metrics
PG_CONFIG ?= pg_config
EXTVERSION = $(shell grep default_version $(EXTENSION).control | sed -e "s/default_version[[:space:]]*=[[:space:]]*'\([^']*\)'/\1/")
MODULE_big = cx_metrics

OBJS = \
	src/cx_core.o \
	src/cx_varlena.o \
	src/cx_summary.o \
	src/cx_summary_io.o \
	src/cx_summary_make.o \
	src/nps.o \
	src/csat.o \
	src/ces.o \
	src/cx_weighted.o \
	src/weighted.o \
	src/nps_weighted.o \
	src/csat_weighted.o \
	src/ces_weighted.o \
	src/cx_stats.o \
	src/cx_churn.o \
	src/churn_grid.o \
	src/churn_io.o \
	src/churn_agg.o \
	src/churn.o \
	src/cx_duration.o \
	src/cx_duration_stats.o \
	src/duration_io.o \
	src/duration_agg.o \
	src/duration.o \
	src/cx_revenue.o \
	src/mrr_io.o \
	src/revenue_io.o \
	src/revenue_agg.o \
	src/revenue.o

# No HEADERS: the headers in src/ are internal, not an API to build against.

# The install script of the current version is built from the parts below,
# in order: they are what we edit.  Released scripts are frozen and
# committed, install and upgrade scripts alike (ALTER EXTENSION UPDATE
# starts from them); the upgrade script to the current version is written
# by hand, and test/t/journey_upgrade.sh proves every chain of them equal
# to a fresh install.
SQL_PARTS = \
	sql/common.sql \
	sql/nps.sql \
	sql/csat.sql \
	sql/ces.sql \
	sql/weighted.sql \
	sql/churn.sql \
	sql/duration.sql \
	sql/revenue.sql \
	sql/journey.sql \
	sql/journey_calendar.sql

DATA = \
	sql/$(EXTENSION)--0.1.0.sql \
	sql/$(EXTENSION)--0.2.0.sql \
	sql/$(EXTENSION)--0.3.0.sql \
	sql/$(EXTENSION)--0.1.0--0.2.0.sql \
	sql/$(EXTENSION)--0.2.0--0.3.0.sql \
	sql/$(EXTENSION)--0.3.0--0.4.0.sql
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql

# Every test/sql/*.sql file is a regression test, picked up by itself.
# setup (the helpers the others share) runs first, also before the tests
# named by a REGRESS=... on the command line.
TESTS = $(sort $(wildcard test/sql/*.sql))
REGRESS = $(patsubst test/sql/%.sql,%,$(TESTS))
override REGRESS := setup $(filter-out setup,$(REGRESS))
# pg_regress looks for ./sql/NAME.sql before test/sql/NAME.sql (make
# installcheck in the package tree): a test named like an SQL part would
# run the part instead.
ifneq ($(filter $(basename $(notdir $(SQL_PARTS))),$(REGRESS)),)
$(error regression tests named like SQL parts: $(filter $(basename $(notdir $(SQL_PARTS))),$(REGRESS)); rename them)
endif
REGRESS_OPTS = --inputdir=test --load-extension=$(EXTENSION)

PG_CPPFLAGS = -DCX_METRICS_VERSION='"$(EXTVERSION)"'
# The test build (test/run) sets CX_WERROR=1: no warning in our code gets
# through.  The server headers are read as system headers, since they are
# not -Wextra clean themselves.
ifeq ($(CX_WERROR),1)
PG_CPPFLAGS += -Wall -Wextra -Werror -isystem $(shell $(PG_CONFIG) --includedir-server)
endif
SHLIB_LINK = -lm

EXTRA_CLEAN = $(UNIT_TESTS) test/results test/regression.diffs test/regression.out

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

sql/$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS)
	cat $^ > $@

# The pure-C cores alone, with sanitizers: no server needed.  Unit test
# program test/unit/test_X tests src/cx_X.c; both use test/include/cx_tap.h.
UNIT_CFLAGS = -std=c11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
	-fno-sanitize-recover=all

test/unit/test_%: test/unit/test_%.c src/cx_%.c src/cx_%.h $(wildcard test/include/*.h)
	$(CC) $(UNIT_CFLAGS) -Isrc -Itest/include -o $@ test/unit/test_$*.c src/cx_$*.c -lm

# The duration core is two files; its tests also test the t distribution and
# Welch's test of cx_core.c.
test/unit/test_duration: test/unit/test_duration.c src/cx_duration.c src/cx_duration_stats.c src/cx_duration.h src/cx_core.c src/cx_core.h $(wildcard test/include/*.h)
	$(CC) $(UNIT_CFLAGS) -Isrc -Itest/include -o $@ test/unit/test_duration.c src/cx_duration.c src/cx_duration_stats.c src/cx_core.c -lm

# The revenue core finds its boundaries with churn's lookups and index.
test/unit/test_revenue: test/unit/test_revenue.c src/cx_revenue.c src/cx_revenue.h src/cx_churn.c src/cx_churn.h $(wildcard test/include/*.h)
	$(CC) $(UNIT_CFLAGS) -Isrc -Itest/include -o $@ test/unit/test_revenue.c src/cx_revenue.c src/cx_churn.c -lm

# The weighted core keeps its counts in a CxDist of cx_core.c.
test/unit/test_weighted: test/unit/test_weighted.c src/cx_weighted.c src/cx_weighted.h src/cx_core.c src/cx_core.h $(wildcard test/include/*.h)
	$(CC) $(UNIT_CFLAGS) -Isrc -Itest/include -o $@ test/unit/test_weighted.c src/cx_weighted.c src/cx_core.c -lm

# Every unit test program prints TAP.  Their outputs are joined into one TAP
# stream, numbered through, with one plan at the end (test/run counts it);
# the status is nonzero if a program fails or dies.
UNIT_TESTS = test/unit/test_core test/unit/test_churn test/unit/test_duration test/unit/test_revenue test/unit/test_weighted

.PHONY: unitcheck
unitcheck: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do echo "# $$t"; $$t; echo "# exit status $$?"; done | \
		awk '/^(not )?ok [0-9]+/ { n++; sub(/ok [0-9]+/, "ok " n) } \
			/^1\.\.[0-9]+$$/ { next } \
			/^# exit status [1-9]/ { bad = 1 } \
			{ print } \
			END { print "1.." n; exit bad }'

# The source tarball of the committed tree (HEAD, not the working tree):
# cx_metrics-$(EXTVERSION).tar.gz, unpacking to cx_metrics-$(EXTVERSION)/.
.PHONY: dist
dist:
	git archive --format=tar.gz --prefix=$(EXTENSION)-$(EXTVERSION)/ -o $(EXTENSION)-$(EXTVERSION).tar.gz HEAD
