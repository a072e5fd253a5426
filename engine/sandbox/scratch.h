/*
 * scratch.h — scratch databases: clones of a template, per check or per
 * learner.
 *
 * A check clones the templates it needs into "pgdrill_s_<pid>_<n>" databases
 * and drops them when it is done.  A database of a process that died (SIGKILL,
 * power loss) is reaped by the next pgdrill run on the same host: its comment
 * records the host and pid.  A learner's personal copy ("pgdrill_my_<drill>",
 * from `pgdrill start`) stays until `start --reset` or `db stop --purge`.
 * Clones use STRATEGY FILE_COPY (a file copy plus a checkpoint, cheap with
 * fsync off) rather than WAL_LOG, which would write the whole template to WAL.
 * Only the learner roles may connect, and nobody may create temp tables.
 */
#ifndef PGDRILL_SCRATCH_H
#define PGDRILL_SCRATCH_H

#include <stdbool.h>

#include "error.h"
#include "pg/server.h"

/* Clone `template_db` into a new scratch database; returns its name
 * (malloc'd) or NULL with err. */
char *scratch_create(server *s, const char *template_db, error *err);

/* Drop a scratch database, terminating any session still in it. */
bool scratch_drop(server *s, const char *name, error *err);

/*
 * Done with a scratch database: drop it now (scratch_drop), or — when the
 * command will run pool_after_command (s->later.defer_drops) — leave the
 * drop to that detached process: DROP DATABASE costs a checkpoint, seconds
 * on a loaded machine, and the learner is waiting for the verdict; the
 * database is renamed under that process's pid first (pool_drop_later), so
 * it never outlives the process it is named after.  Nobody
 * can use it meanwhile (it is not a pool clone, and its sessions are
 * closed); a process that dies first leaves it to scratch_reap.  After
 * SIGINT or SIGTERM it is dropped at once (the command cleans up before it
 * dies of the signal: os/signals.h).  A long
 * command (watch, grade) hands its deferred drops to a detached process
 * every POOL_DROP_BATCH databases, so they never pile up.
 */
bool scratch_release(server *s, const char *name, error *err);

/* Drop scratch databases left by dead pgdrill processes on this host (by
 * the host and pid in the comment; on the private cluster, a clone without
 * a comment by the pid in its name).
 * Best effort: one that cannot be dropped now is left for the next run.
 * Returns how many were dropped, or -1 with err when they cannot be listed. */
int scratch_reap(server *s, error *err);

/* The personal copy of drill `drill_id`: name (malloc'd). */
char *scratch_personal_name(const char *drill_id);

/*
 * Make sure the personal copy of `drill_id` exists as a clone of
 * `template_db` (recreated when `reset`, or when it was cloned from another
 * template, i.e. the fixture changed).  *created tells whether it was made now.
 */
char *scratch_personal(server *s, const char *drill_id, const char *template_db,
					   bool reset, bool *created, error *err);

#endif
