/*
 * keeper.h — a process that stays a while after a command, holding one
 * connection to the private cluster, and hands out personal copies to
 * `start` without a new connection.
 *
 * Why: a warm `start` is a rename of a pooled clone (pool.h), a millisecond
 * of catalog work, but a new backend costs about 13 ms here and loading
 * libpq's libraries as much again — a fresh connection alone is most of a
 * warm start.  So the detached process that refills the pool after a
 * command (pool.c's run_detached) becomes the keeper when there is none:
 * it keeps its admin connection and listens on a Unix socket beside the
 * cluster's directory, "<cache>/pgdrill/keeper-<protocol>.sock" (in the
 * invoking user's directory, not the server account's: as root, nothing
 * the server account writes is followed; the socket is born 0600, so only
 * its owner connects, and the peer's uid is checked too).  `start` asks it
 * first; the keeper runs scratch_personal on its connection, answers, then
 * drops what that set aside and refills the pool, as the detached process
 * would have, stopping between clones when another request waits.
 *
 * One keeper per cluster: it holds an exclusive lock (os/lock.h) on
 * "<cache>/pgdrill/keeper-<protocol>.lock" while it lives, so a stale
 * socket left by a killed keeper is simply replaced.  It leaves when the
 * server goes (its connection ends: `db stop`, a crash), after
 * KEEPER_IDLE_S seconds without a request (PGDRILL_KEEPER_IDLE overrides,
 * 0 = no keeper), or on SIGTERM; it removes its socket on the way out.  It
 * holds no lock on the server, no transaction and no database but
 * `postgres`: it is no check's session (tests' residue checks pass beside
 * it).
 *
 * The protocol, one line at a time, versioned in the file names:
 *   caller  "personal <drill id> <template db> <0|1 reset> <binary>\n"
 *   keeper  "accepted\n", or at once "stale\n" / "error\n"
 *   caller  "go\n" (it now waits for the answer, however long)
 *   keeper  "ok <database> <0|1 created>\n", "missing\n" (no such
 *           template: the caller builds it) or "error\n".
 * Nothing is done before "go": a caller that gave up waiting for
 * "accepted" (the keeper was busy) takes the usual path and never sends
 * it, so two processes never make the same copy.  <binary> names the
 * caller's executable (keeper_binary_id: device, inode, modification
 * time); a keeper started from another binary (pgdrill was rebuilt or
 * upgraded while it waited) answers "stale" and leaves, so a copy is never
 * made by code older than the caller's; the caller's usual path then leaves
 * a new keeper behind.  Anything but "ok" sends the caller down the usual
 * path (server_open, template_ensure, scratch_personal), which reports real
 * errors itself: the keeper only ever saves time, never decides an outcome.
 */
#ifndef PGDRILL_KEEPER_H
#define PGDRILL_KEEPER_H

#include <stdbool.h>

#include "pg/cluster.h"
#include "pg/server.h"

#define KEEPER_IDLE_S 600
#define KEEPER_PROTOCOL "1"

/* How long a keeper waits for a request before it leaves, in seconds:
 * PGDRILL_KEEPER_IDLE when it is an integer 0..86400, else KEEPER_IDLE_S.
 * 0 means no keeper. */
int keeper_idle_s(void);

/*
 * Ask the private cluster `cl`'s keeper for drill `drill_id`'s personal
 * copy of `template_db` (recreated when `reset`), as scratch_personal
 * would make it.  1 with *db (malloc'd) and *created when the keeper did
 * it; 0 when there is no keeper or it could not (the caller then takes the
 * usual path); -1 with err (ERROR_ENV) when a keeper that took the request
 * gave no answer in minutes (falling back could then make the copy twice).
 */
int keeper_personal(const cluster *cl, const char *drill_id, const char *template_db,
					bool reset, char **db, bool *created, error *err);

/* "<device>:<inode>:<mtime s>.<mtime ns>" of the executable at `path`
 * (malloc'd), or NULL when it cannot be read.  keeper_personal and the
 * keeper use "/proc/self/exe". */
char *keeper_binary_id(const char *path);

/* The pid of the keeper of `cl` that answers at its socket, or 0. */
long keeper_pid(const cluster *cl);

/*
 * Become the keeper of `s` (a private cluster, its admin connection open)
 * unless another one lives or keeper_idle_s() is 0; returns when the keeper
 * leaves (above).  Called by the detached process only, after its work.
 */
void keeper_serve(server *s);

#endif
