/*
 * cluster_locate.h — where pgdrill's private cluster lives and who runs it:
 * the `cluster` value (paths, binaries, accounts) and how to reach it.
 *
 * Locating changes nothing on disk and starts nothing; cluster.h (which
 * includes this header) creates, starts and stops the cluster from a located
 * value.  Split so that the dependency runs one way: cluster.c uses
 * cluster_locate.c, and cluster_locate.c knows nothing of cluster.c.
 * Callers: pg/cluster.c, pg/server.c, cli/cli_db.c, the tests.
 */
#ifndef PGDRILL_CLUSTER_LOCATE_H
#define PGDRILL_CLUSTER_LOCATE_H

#include <stdbool.h>

#include "error.h"

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

/* Fill `c` with the paths and accounts from the environment; no side
 * effects.  Free with cluster_release.  ERROR_ENV when no PostgreSQL binaries
 * or no server account can be found (the hint says how to fix it). */
bool cluster_locate(cluster *c, error *err);

/* Free the strings of `c` (not c itself).  Accepts NULL. */
void cluster_release(cluster *c);

/* libpq conninfo for `dbname` as `user` (NULL = the superuser), with values
 * quoted as libpq requires.  malloc'd. */
char *cluster_conninfo(const cluster *c, const char *dbname, const char *user);

#endif
