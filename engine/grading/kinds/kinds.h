/*
 * kinds.h — the registration table of drill kinds (kinds.c) and what the
 * commands use to reach a drill's kind: load a drill with its kind's
 * checks, find its operations (kind.h), list the kinds.
 *
 * Commands call kind_of(d)->op(...) and never ask which kind a drill is.
 */
#ifndef PGDRILL_KINDS_H
#define PGDRILL_KINDS_H

#include <stddef.h>

#include "catalog/drill.h"
#include "error.h"
#include "grading/kinds/kind.h"

/* The kind named `name`, or NULL. */
const drill_kind_ops *kind_find(const char *name);

/* The kind of a drill loaded by kind_load_drill (never NULL for one). */
const drill_kind_ops *kind_of(const drill *d);

/* The registered kinds, in registration order: i < kinds_count(). */
size_t kinds_count(void);
const drill_kind_ops *kinds_at(size_t i);

/* "rewrite, index, cache or plan-reading" (malloc'd), for messages. */
char *kinds_names(void);

/* drill_load, then the kind: an unknown kind is ERROR_USAGE naming
 * drill.json; then the kind's load step (its files, its defaults).  NULL
 * with err.  Every command loads drills this way (a drill_loader). */
drill *kind_load_drill(const char *drills_dir, const char *id, error *err);

/* The length of `file_name` without a kind's answer extension (".sql",
 * ".answers"), or 0 when it has none of them (`grade` walks folders). */
size_t kinds_answer_stem(const char *file_name);

#endif
