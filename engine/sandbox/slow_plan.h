/*
 * slow_plan.h — the real plan of a drill's slow query: EXPLAIN (ANALYZE,
 * BUFFERS, FORMAT JSON) run as the learner role with the drill's settings,
 * in a transaction that is rolled back, either on a database the caller
 * names or on a scratch clone of the fixture's main-seed template (built
 * when missing, dropped afterwards).
 *
 * One function for everyone who shows or inspects that plan: `show` (with
 * the fixture's tables listed on the same session), `start` and `check` for
 * plan-reading drills, and `author verify` (the plan's shape on a rebuilt
 * fixture).  `check` measures the slow query itself (check.c): it needs
 * many interleaved runs, not one plan.
 */
#ifndef PGDRILL_SLOW_PLAN_H
#define PGDRILL_SLOW_PLAN_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "catalog/drill.h"
#include "error.h"
#include "catalog/fixture.h"
#include "plan/plan.h"
#include "os/progress.h"
#include "pg/server.h"

/* What to fetch besides the plan. */
enum {
	SLOW_PLAN_TIMING = 1u << 0,   /* per-node timing (EXPLAIN's TIMING on) */
	SLOW_PLAN_TABLES = 1u << 1,   /* list the fixture's tables first */
};

/* The result; every member owned (slow_plan_release). */
typedef struct slow_plan {
	char *json;           /* EXPLAIN's JSON text */
	plan *plan;           /* that text, parsed */
	PGresult *tables;     /* SLOW_PLAN_TABLES: one row per table of the public
	                       * schema — name, estimated rows, total size,
	                       * "column type, ..." and its index definitions
	                       * (NULL when none), then for a partitioned table
	                       * its partition key ("RANGE (recorded_at)") and
	                       * "partition bound" lines (both NULL otherwise);
	                       * partitions are not rows of their own; by name */
} slow_plan;

/* EXPLAIN the slow query on database `db`.  ERROR_USAGE (prefixed with the
 * drill) when slow.sql does not analyse or fails there, ERROR_ENV on server
 * failure, ERROR_INTERNAL when EXPLAIN's JSON does not read as a plan.  On
 * failure *out is released. */
bool slow_plan_explain(server *s, const drill *d, const char *db, unsigned flags,
					   slow_plan *out, error *err);

/* The same on a scratch clone of `f`'s main seed at `scale`, reaping dead
 * scratch databases first and dropping the clone after. */
bool slow_plan_on_clone(server *s, const drill *d, const fixture *f, double scale,
						const progress *prog, unsigned flags, slow_plan *out, error *err);

/* Free what `sp` holds and zero it.  Safe on a zeroed or released one. */
void slow_plan_release(slow_plan *sp);

#endif
