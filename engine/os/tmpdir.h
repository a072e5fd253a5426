/*
 * tmpdir.h — private temporary directories that outlive nobody.
 *
 * Load drills need a place for pgbench's scripts and logs and for a private
 * PgBouncer's configuration, pid file and socket.  tmpdir_create makes
 * $TMPDIR/pgdrill-<what>-<host>-<pid>-XXXXXX (default /tmp), mode 0700,
 * owned by an OS account when asked (PgBouncer runs as the server account
 * when pgdrill runs as root).  The owner removes it with fileio_remove_tree
 * when done; a directory whose owning process died (SIGKILL) is removed by
 * tmpdir_reap on the next run on the same host, the same rule as
 * scratch_reap applies to clones.  It knows nothing of what is inside:
 * the caller's `before_remove` hook stops what still runs (a PgBouncer).
 */
#ifndef PGDRILL_TMPDIR_H
#define PGDRILL_TMPDIR_H

#include <stdbool.h>

#include "error.h"

/* This host's name with every byte outside [A-Za-z0-9._] replaced by '_'
 * (safe in a file name and in an SQL literal), malloc'd. */
char *tmpdir_host(void);

/*
 * Create the directory for `what` (a short word, [a-z]+: "pgbench",
 * "bouncer") and return its path (malloc'd), or NULL with err (ERROR_ENV).
 * With `owner` (an OS account; we must be root) the directory is chown'ed
 * to it, still 0700.
 */
char *tmpdir_create(const char *what, const char *owner, error *err);

/*
 * Remove the `what` directories of dead pgdrill processes on this host
 * (the pid in the name no longer exists), calling `before_remove(dir)`
 * first when not NULL.  Directories of live processes, of other hosts and
 * of this process are left alone.  Best effort; returns how many were
 * removed.
 */
int tmpdir_reap(const char *what, void (*before_remove)(const char *dir));

#endif
