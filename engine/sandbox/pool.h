/*
 * pool.h — clones made ahead: a small pool per template, handed out by a
 * rename.
 *
 * CREATE DATABASE ... TEMPLATE is the price of every scratch database (a
 * file copy and two checkpoints); ALTER DATABASE ... RENAME is a catalog
 * update.  So pgdrill keeps, per template, a few clones made ahead
 * (pool_size: 2 by default, PGDRILL_POOL=0..8), named
 * "pgdrill_p_<hash of the template's name>_<pid>_<n>".  A clone is ready
 * when its comment reads "pgdrill pool: template=<template>": that comment
 * is set, in one transaction with ALLOW_CONNECTIONS false and REVOKE ALL,
 * after the copy, so a ready clone is complete, and from then on nobody
 * can connect to it (not even a superuser: connections are refused).
 * Before that, pool_fill connects to the copy once as the superuser and
 * runs nothing: the backend's start writes the database's relation-cache
 * init file (pg_internal.init), which a copy does not inherit and every
 * later first connection would otherwise build (20-45 ms each; a check
 * opens five on its clones).  No transaction is run, no row is written.
 * Handing one out (pool_take) renames it, opens it to the learner roles and
 * labels it, again in one transaction: two processes can never get the same
 * clone (the loser's rename finds no database and tries the next), and a
 * clone is handed out once — a used database is dropped by its user, never
 * returned.  The template's name carries its fixture's content hash, so a
 * clone of a stale template can never be handed out for a current one.
 *
 * Refilling happens after the command (pool_after_command, called by the
 * CLI when it closes the server): a detached process (its own session, no
 * terminal, stdio on /dev/null) drops the databases the command set aside
 * (handed over to it first: pool_drop_later) and makes the missing clones,
 * then stays a while as the keeper when there is none (sandbox/keeper.h:
 * it hands out personal copies to `start` on the connection it keeps).  If it dies, what it left unfinished (a clone without the
 * ready comment) is reaped by pool_reap with the clones of templates that no
 * longer exist (a fixture edited or removed).  `db gc` reaps too and `db
 * status` counts the pool.
 *
 * Only on pgdrill's private cluster: on a server named with --db the pool
 * is off (clones made ahead would sit in someone else's server between
 * commands), and every scratch database is a CREATE DATABASE as before.
 */
#ifndef PGDRILL_POOL_H
#define PGDRILL_POOL_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "error.h"
#include "pg/server.h"

#define POOL_SIZE_DEFAULT 2
#define POOL_SIZE_MAX 8

/* How many clones to keep per template on `s`: 0 on an external server,
 * else PGDRILL_POOL when it is an integer 0..POOL_SIZE_MAX, else
 * POOL_SIZE_DEFAULT. */
int pool_size(const server *s);

/*
 * Hand out a ready clone of `template_db` as database `name` (which must not
 * exist), open to the learner roles, commented `label`; records the template
 * for refilling after the command (s->later).  Returns 1 when a clone was
 * taken, 0 when none was ready (nothing changed), -1 with err on server
 * failure.  Callers fall back to CREATE DATABASE on 0 (and may on -1).
 */
int pool_take(server *s, const char *template_db, const char *name, const char *label,
			  error *err);

/* Make clones of `template_db` through `s->admin` until `want` exist (ready
 * or being made), each warmed by one connection (above).  Returns how many
 * it made, or -1 with err (e.g. the template is gone: SQLSTATE 3D000). */
int pool_fill(server *s, const char *template_db, int want, error *err);

/* Drop pool clones whose template no longer exists, and unfinished ones of
 * processes that are gone.  Returns how many were dropped, -1 with err when
 * they cannot be listed.  A no-op on an external server. */
int pool_reap(server *s, error *err);

/* How many pool clones exist and what they weigh. */
bool pool_inventory(PGconn *admin, long *n, long long *bytes, error *err);

/* Remember database `name` (renamed out of the way, or a scratch database
 * nobody uses any more) to be dropped after the command; when
 * POOL_DROP_BATCH are waiting, a detached process drops them now.
 *
 * Either way the databases are first handed over to the detached process:
 * renamed "pgdrill_s_<its pid>_<n>" and commented POOL_DROPPING_LABEL (host
 * and its pid), before the command goes on or exits.  So no scratch
 * database is ever named after a process that has ended — unless the
 * dropper itself died, and then scratch_reap drops it like any other. */
#define POOL_DROPPING_LABEL "pgdrill scratch: host=%s pid=%ld dropping"
#define POOL_DROP_BATCH 8
void pool_drop_later(server *s, const char *name);

/*
 * After a command, before server_close: when the command drew from a pool
 * or set databases aside, fork a detached process that drops those
 * databases and refills those pools, and return at once (the command's
 * answer is not delayed).  Nothing to do: returns at once.  Never fails
 * (refilling is an optimisation; a failed one costs the next command a
 * CREATE DATABASE).
 */
void pool_after_command(server *s);

/* The refill itself, in the calling process (pool_after_command's child
 * runs it with `yield`; tests call it without, to wait for a full pool):
 * drops s->later.drop, fills each of s->later.refill to pool_size one clone
 * at a time — with `yield`, only while no other client is active on the
 * server (a command that starts meanwhile never shares the machine with
 * more than one copy in flight; the next command refills) and, when
 * `interrupted` is given, only until it returns true for `arg` (the keeper:
 * a request waits) — then clears the lists. */
void pool_run_later(server *s, bool yield, bool (*interrupted)(void *arg), void *arg);

#endif
