/*
 * template.h — fixtures become template databases.
 *
 * A template is built once per (fixture, seed, scale, content hash) and named
 * after all four, so a changed fixture file means a new template (the stale
 * one is dropped) and an unchanged one is never rebuilt.  Building: create a
 * database from template0 (UTF8, C collation: sort order must not depend on
 * the server's locale), run the fixture's scripts as pgdrill_owner with
 * pgdrill.seed / pgdrill.scale set, VACUUM (FREEZE, ANALYZE) with a full-table
 * statistics sample (so statistics, hence plans, are identical on every
 * rebuild), run the fixture's after_vacuum scripts if it has any (rows
 * changed since that VACUUM, on purpose: dead rows, pages not all-visible),
 * grant SELECT to the learner role, then rename it to its final
 * name and mark it IS_TEMPLATE with ALLOW_CONNECTIONS false (nobody can be
 * connected to it when it is cloned).  The rename makes a build atomic: a
 * template that exists is complete.  A server-side advisory lock per template
 * makes concurrent pgdrill processes build it once; the others wait.
 * Several templates (the two seeds) are built in parallel, reporting
 * progress; within one build, the fixture's groups of scripts run side by
 * side (a session each) and the tables are vacuumed and analyzed side by
 * side, every session committing synchronously (template.c says why).
 */
#ifndef PGDRILL_TEMPLATE_H
#define PGDRILL_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "catalog/fixture.h"
#include "os/progress.h"
#include "pg/server.h"

/* The seed measured and shown to the learner, and the second seed used only
 * for correctness (so hard-coded answers fail). */
#define TEMPLATE_SEED_MAIN 1
#define TEMPLATE_SEED_CHECK 2

/* The template database name for (fixture, seed, scale) — malloc'd. */
char *template_name(const fixture *f, int seed, double scale);

/*
 * Make sure the templates for `nseeds` seeds exist, building the missing ones
 * in parallel.  `built` (may be NULL) receives how many were built now.
 * ERROR_ENV on server failure; ERROR_USAGE when a fixture script fails (the
 * message names the script and line).
 */
bool template_ensure(server *s, const fixture *f, const int *seeds, size_t nseeds,
					 double scale, const progress *prog, int *built, error *err);

/*
 * Build the fixture's recipe for `seed` at `scale` once more, into a new
 * ordinary database `name` (not a template, connectable by the learner
 * roles, labelled with `comment`), so that a caller can compare it with the
 * real template — `author verify` checks that a drill's slow query gets the
 * same plan on a rebuild.  The caller chooses the name (author verify uses a
 * scratch name, so that the copy of a process that died is reaped like any
 * scratch database) and drops it with template_drop_oneoff.  A database of
 * that name is replaced.  ERROR_USAGE when a fixture script fails, ERROR_ENV
 * on server failure; nothing is left behind on failure.
 */
bool template_build_oneoff(server *s, const fixture *f, int seed, double scale,
						   const char *name, const char *comment, const progress *prog,
						   error *err);

/* Drop a database made by template_build_oneoff (terminating sessions in
 * it).  A missing database is not an error. */
bool template_drop_oneoff(server *s, const char *name, error *err);

/* Drop template database `name` (it is unmarked as a template first, as
 * PostgreSQL requires; sessions in it are terminated).  A missing database
 * is not an error.  ERROR_ENV on server failure. */
bool template_drop(PGconn *admin, const char *name, error *err);

/* Whether database `name` exists (*exists), through the admin connection.
 * False with err (ERROR_ENV) on server failure. */
bool template_exists(PGconn *admin, const char *name, bool *exists, error *err);

/* Take (lock) or release the server-side advisory lock that makes one
 * process build template `name` while the others wait (session-level:
 * released with the admin connection at the latest). */
bool template_lock(PGconn *admin, const char *name, bool lock, error *err);

/* True when err says a template database does not exist (SQLSTATE 3D000):
 * another process rebuilt the fixture after a change and dropped the stale
 * template between our template_ensure and our clone. */
bool template_missing_error(const error *err);

/*
 * Clone the template of (f, seed, scale) into a new scratch database
 * (scratch_create); when the template does not exist (template_missing_error:
 * never built, or dropped by another process rebuilding a changed fixture),
 * ensure it and clone once more.  Returns the scratch
 * database's name (malloc'd) or NULL with err.
 */
char *template_clone(server *s, const fixture *f, int seed, double scale,
					 const progress *prog, error *err);

#endif
