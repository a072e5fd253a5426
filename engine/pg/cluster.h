/*
 * cluster.h — pgdrill's private PostgreSQL cluster (the contract; the
 * implementation is engine/pg/cluster.c with helpers in engine/pg/proc.c and
 * engine/os/lock.c).
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

/* The cluster's root directory when pgdrill runs as root without
 * XDG_CACHE_HOME (root's home is closed to the server account). */
#define CLUSTER_ROOT_AS_ROOT "/var/cache/pgdrill/cluster"

/* <root>/bindir: the PostgreSQL binaries the cluster was created with, used
 * again (before pg_config) while the data directory exists. */
#define CLUSTER_BINDIR_FILE "bindir"

typedef struct cluster {
	char *root_dir;     /* <cache>/cluster — everything below is ours */
	char *data_dir;     /* <root>/data */
	char *socket_dir;   /* <root>/run (mode 0700, owned by server_user) */
	char *log_file;     /* <root>/server.log */
	char *bindir;       /* PostgreSQL server binaries */
	char *server_user;  /* OS account that runs the server */
	char *superuser;    /* database role to connect as (bootstrap superuser) */
	int port;           /* socket file .s.PGSQL.<port> in socket_dir */
	bool as_root;       /* pgdrill runs as root; server runs as server_user */
} cluster;

typedef enum cluster_state {
	CLUSTER_ABSENT = 0, /* no data directory (or an incomplete one) */
	CLUSTER_STOPPED,    /* initialised, not running */
	CLUSTER_RUNNING     /* accepting connections */
} cluster_state;

/* "absent", "stopped" or "running" (static text). */
const char *cluster_state_name(cluster_state state);

/* Fill `c` with the paths and accounts from the environment; no side
 * effects.  Free with cluster_release.  ERROR_ENV when no PostgreSQL binaries
 * or no server account can be found (the hint says how to fix it). */
bool cluster_locate(cluster *c, error *err);

/* cluster_locate for commands that only look (db status): PostgreSQL's
 * binaries are not needed to tell whether the cluster exists or runs, so a
 * missing bindir leaves c->bindir NULL and is described in *no_bindir
 * (kind ERROR_NONE when they were found) instead of failing. */
bool cluster_locate_inspect(cluster *c, error *no_bindir, error *err);

/* Free the strings of `c` (not c itself).  Accepts NULL. */
void cluster_release(cluster *c);

/* Current state, by looking at the data directory and pinging the socket. */
bool cluster_get_state(const cluster *c, cluster_state *state, error *err);

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

/* libpq conninfo for `dbname` as `user` (NULL = the superuser), with values
 * quoted as libpq requires.  malloc'd. */
char *cluster_conninfo(const cluster *c, const char *dbname, const char *user);

#endif
