/*
 * workspace.h — the learner's answer files.
 *
 * `pgdrill start DRILL` writes <state>/workspace/DRILL.sql (state =
 * $XDG_STATE_HOME/pgdrill) holding the drill's slow query under a comment
 * header, unless the file exists (a learner's work is never overwritten);
 * `pgdrill check DRILL` reads it when no --answer is given.
 */
#ifndef PGDRILL_WORKSPACE_H
#define PGDRILL_WORKSPACE_H

#include <stdbool.h>

#include "catalog/drill.h"
#include "error.h"

/* The answer file's path (malloc'd) or NULL with err. */
char *workspace_answer_path(const char *drill_id, error *err);

/* Create the answer file if missing; *created says whether it was.  Returns
 * the path (malloc'd) or NULL with err. */
char *workspace_init(const drill *d, bool *created, error *err);

/* The same with the new file's whole text given (load drills start from
 * their own answer template).  An existing file is kept as it is. */
char *workspace_init_text(const drill *d, const char *text, bool *created, error *err);

#endif
