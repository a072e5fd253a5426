/*
 * determinism.h — does a drill's own SQL return the same rows whatever the
 * plan?  A check of `author verify`.
 *
 * A slow.sql or reference whose rows depend on the plan (a LIMIT without a
 * unique ORDER BY, DISTINCT ON with ties, a window over ties...) makes the
 * grader unfair: a correct answer with another plan gets other rows and
 * fails.  Seeing it from the SQL alone needs the catalog's unique keys;
 * seeing it from the rows is direct: run the query again under other
 * plan-shaping settings and compare.  determinism_check runs slow.sql and
 * every reference on a clone of the seed-1 template, once with the drill's
 * settings and then once per variant (enable_seqscan, enable_indexscan,
 * enable_bitmapscan, enable_hashjoin, enable_mergejoin, enable_nestloop,
 * enable_hashagg, enable_sort off one at a time; then a parallel plan made
 * cheap), and compares each variant's rows with the first run's exactly as
 * an answer's rows are compared (ties of the ORDER BY keys may come in any
 * order).  A variant that cannot finish within DETERMINISM_TIMEOUT_FACTOR
 * times the first run's time (at least DETERMINISM_TIMEOUT_MIN_S, at most
 * DETERMINISM_TIMEOUT_S or the drill's timeout) is skipped: a plan forced
 * that far off proves nothing about rows, and verify must stay quick.
 *
 * It never prints.  Called by engine/grading/verify.c.
 */
#ifndef PGDRILL_DETERMINISM_H
#define PGDRILL_DETERMINISM_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/drill.h"
#include "catalog/fixture.h"
#include "error.h"
#include "grading/verify_report.h"
#include "os/progress.h"
#include "pg/server.h"

/* Deadline of one variant run: this many times the first run's wall time,
 * within [DETERMINISM_TIMEOUT_MIN_S, DETERMINISM_TIMEOUT_S] seconds (and
 * never past the drill's own timeout). */
#define DETERMINISM_TIMEOUT_FACTOR 4.0
#define DETERMINISM_TIMEOUT_MIN_S 2.0
#define DETERMINISM_TIMEOUT_S 10.0

/*
 * Run the check for drill d on fixture f at `scale`: first the static half
 * on the same clone (grading/order_check.h: a LIMIT, OFFSET or DISTINCT ON
 * after an ORDER BY that the catalog's keys do not make total), then the
 * variants.  Each script whose rows change under a variant adds one
 * problem to r, naming the file, the setting and the difference.  True when the check ran (problems or not); false with err on
 * environment failure (ERROR_ENV) or when the drill's own SQL fails under
 * its own settings (ERROR_USAGE; the grading checks report that better).
 */
bool determinism_check(server *s, const drill *d, const fixture *f, double scale,
					   const progress *prog, verify_report *r, error *err);

#endif
