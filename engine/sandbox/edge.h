/*
 * edge.h — the edge dataset: seed 1 plus the rows that tell a near miss
 * from a right answer.
 *
 * Two random seeds rarely hold the boundary rows that separate a correct
 * rewrite from a plausible wrong one: an order at exactly midnight, a NULL
 * in a nullable column, two events at the same instant with ids out of time
 * order, a value past 2^31.  A fixture and a drill may each carry an
 * `edge.sql` with such rows (docs/drill-format.md, docs/fixture-format.md).
 * The edge dataset is a clone of the seed-1 template with the fixture's
 * edge.sql and then the drill's run on it as pgdrill_owner, frozen with
 * VACUUM (FREEZE) (the statistics stay seed 1's: a handful of rows do not
 * move them, and plans there are not measured anyway).
 *
 * It is built once, like the seeds, into a template named after the
 * fixture, the scale and a hash of (fixture content, fixture edge.sql,
 * drill edge.sql): a changed edge.sql means a new template (the stale one
 * of the same drill, or of the fixture for drills without their own, is
 * dropped), an unchanged one is never rebuilt.  The same advisory lock and
 * build-then-rename recipe as template.c make it atomic and built once
 * when several processes ask.
 *
 * It does not grade: check.c compares rows on it (never time or buffers,
 * which are measured on the pristine seeds only).  Called by
 * engine/grading/check.c.
 */
#ifndef PGDRILL_EDGE_H
#define PGDRILL_EDGE_H

#include <stdbool.h>

#include "catalog/drill.h"
#include "catalog/fixture.h"
#include "error.h"
#include "os/progress.h"
#include "pg/server.h"

/* True when the fixture or the drill carries edge rows (otherwise there is
 * no edge dataset and rows are compared on the two seeds only). */
bool edge_present(const fixture *f, const drill *d);

/* The edge template's name for (f, d, scale) — malloc'd.  Drills without
 * their own edge.sql share their fixture's. */
char *edge_template_name(const fixture *f, const drill *d, double scale);

/*
 * Make sure the edge template exists (building the seed-1 template first
 * if needed) and clone it into a new scratch database, whose name is
 * returned (malloc'd; drop it with scratch_drop).  `built` (may be NULL) is
 * set when the edge template had to be built now.  NULL with err:
 * ERROR_USAGE when an edge.sql fails (the message names the file and line),
 * ERROR_ENV on server failure; nothing is left behind on failure.
 */
char *edge_clone(server *s, const fixture *f, const drill *d, double scale,
				 const progress *prog, bool *built, error *err);

#endif
