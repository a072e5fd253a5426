/*
 * cluster.h — pgdrill's private PostgreSQL cluster (the contract; the
 * implementation is engine/pg/cluster.c with helpers in engine/pg/proc.c and
 * engine/os/lock.c).  Where it lives and who runs it (the `cluster` value,
 * cluster_locate, cluster_conninfo) is pg/cluster_locate.h, which this header
 * includes: cluster.c builds on cluster_locate.c, never the reverse.
 *
 * The cluster lives under the cache directory (paths_cache_dir()/cluster, or
 * /var/cache/pgdrill/cluster when run as root without XDG_CACHE_HOME, since the
 * server account cannot enter root's 0700 home).  It is created on first use
 * with initdb from PGDRILL_PG_BINDIR or `pg_config --bindir`, listens only on
 * a Unix socket in a 0700 directory (listen_addresses=''), is tuned for
 * scratch data (fsync=off, synchronous_commit=off, full_page_writes=off,
 * autovacuum=off so statistics only change when pgdrill analyzes), and stays
 * running between commands.  Run as root, initdb and the server run as an
 * unprivileged account (PGDRILL_SERVER_USER, default "postgres"); the
 * bootstrap superuser is then that account's name.  Creation and start-up
 * happen under an exclusive lock (flock on <root>/cluster.lock), so two
 * pgdrill processes starting together do not corrupt anything: the second
 * waits and then finds the cluster running.
 */
#ifndef PGDRILL_CLUSTER_H
#define PGDRILL_CLUSTER_H

#include <stdbool.h>
#include <sys/types.h>

#include "error.h"
#include "os/progress.h"
#include "pg/cluster_locate.h"

typedef enum cluster_state {
	CLUSTER_ABSENT = 0, /* no data directory (or an incomplete one) */
	CLUSTER_STOPPED,    /* initialised, not running */
	CLUSTER_RUNNING     /* accepting connections */
} cluster_state;

/* "absent", "stopped" or "running" (static text). */
const char *cluster_state_name(cluster_state state);

/* Current state, by looking at the data directory and pinging the socket. */
bool cluster_get_state(const cluster *c, cluster_state *state, error *err);

/* Whether the data directory is complete (its PG_VERSION exists): a file
 * test, no connection.  server_open connects at once when it is, and asks
 * cluster_ensure_running only when that connection fails. */
bool cluster_initialised(const cluster *c);

/*
 * Make the cluster exist and run: initdb if absent (or if the data directory
 * was removed), start if stopped, wait until it accepts connections (a
 * server that dies while starting is reported with the tail of its log).
 * Idempotent and safe to call concurrently from several processes.
 * ERROR_ENV on failure.
 */
bool cluster_ensure_running(cluster *c, const progress *prog, error *err);

/* Stop the server (fast shutdown).  Stopping a stopped cluster is fine. */
bool cluster_stop(cluster *c, error *err);

/* The server's version string (e.g. "15.18"), malloc'd, or NULL with err. */
char *cluster_server_version(const cluster *c, error *err);

#endif
