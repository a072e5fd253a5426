/*
 * verify.h — `pgdrill author verify`: proving one drill sound before a
 * learner sees it.
 *
 * verify_drill() runs every check it can and records each problem as one
 * line (without the drill id, which the CLI prints first).  The checks, in
 * order:
 *   static  metadata (drill_load), the fixture exists, concepts exist in
 *           drills/concepts.json, hints present (1 needed, 3 recommended: a
 *           note), no scaffold placeholder left (`author new`), slow.sql and
 *           every reference parse and obey the drill's own rules
 *           (sql_analyze with its allow flags), plan-reading drills have a
 *           valid questions.json;
 *   db      (only when the static checks pass and a server is given) the
 *           grading engine itself (check_prepare + check_answer with each
 *           reference as the answer): identical, non-empty rows on both
 *           seeds; each reference does at least VERIFY_MIN_WORK_RATIO times
 *           less work (buffers, index/matview pages amortised as in the
 *           score) and is faster by median time, at the fixture's default
 *           scale unless the options say otherwise; plan-reading drills:
 *           every computed answer holds on the real plan;
 *   mutants (graded drills, unless skipped) every mutant of slow.sql and of
 *           each reference run on every dataset the check compares on; a
 *           survivor not declared equivalent is a problem (grading/mutants.h,
 *           called from kinds/sql_answer.c);
 *   plans   (graded drills without other problems) slow.sql and every
 *           reference return the same rows under other plan-shaping
 *           settings (grading/determinism.h);
 *   rebuild the slow query's plan shape (node types, relations, indexes,
 *           join order) is the same on a second build of the fixture's
 *           main-seed template (template_build_oneoff), dropped afterwards.
 * It never prints.  Called by engine/cli/cli_author.c.
 */
#ifndef PGDRILL_VERIFY_H
#define PGDRILL_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "grading/verify_report.h"
#include "os/progress.h"
#include "pg/server.h"

verify_rebuilds *verify_rebuilds_new(void);
/* Drop every rebuilt database (errors ignored: reaping catches up) and
 * free.  Accepts NULL. */
void verify_rebuilds_free(verify_rebuilds *rb, server *s);

/*
 * Verify drill `id` of the catalogue in drills_dir / fixtures_dir.  `s` may
 * be NULL: only the static checks run (a note says so).  Fills *r (release
 * with verify_report_release) and returns true when the drill could be
 * judged — sound or not (r->n_problems says which); false with err only
 * when the environment failed (ERROR_ENV: server lost, cannot create a
 * database).
 */
bool verify_drill(server *s, const char *drills_dir, const char *fixtures_dir,
				  const char *id, const verify_options *o, verify_report *r, error *err);


/*
 * The shape of a plan as text, one line per node in pre-order: depth, node
 * type, join type, relation, index — what must not change between template
 * rebuilds (costs, rows and times may).  malloc'd.
 */
struct plan;
char *verify_plan_shape(const struct plan *p);

#endif
