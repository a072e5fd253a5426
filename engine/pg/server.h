/*
 * server.h — which PostgreSQL server pgdrill works on, and connections to it.
 *
 * Either an existing server named by --db / PGDRILL_DB (any libpq conninfo or
 * URI; the role needs CREATEDB and CREATEROLE, see docs/cluster.md), or
 * pgdrill's private cluster, started on demand.  server_open also makes sure
 * pgdrill's roles exist.  Connections for the learner roles reuse the
 * server's connection parameters with another user (and, for external
 * servers, the password from PGDRILL_LEARNER_PASSWORD).
 */
#ifndef PGDRILL_SERVER_H
#define PGDRILL_SERVER_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "pg/cluster.h"
#include "error.h"
#include "os/progress.h"

/* Work a command leaves for after its answer (sandbox/pool.h runs it in a
 * detached process): templates whose clone pool it drew from, databases
 * it set aside to drop.  Names malloc'd; server_close frees them. */
typedef struct server_later {
	bool defer_drops;        /* scratch_release drops after the command (set by
								the CLI, which calls pool_after_command) */
	char **refill;
	size_t n_refill;
	char **drop;
	size_t n_drop;
} server_later;

typedef struct server {
	bool private_cluster;
	cluster cl;              /* valid when private_cluster */
	char *conninfo;          /* admin conninfo (dbname as given / postgres) */
	char *learner_password;  /* NULL: the server trusts the socket */
	PGconn *admin;           /* admin connection to the maintenance db */
	server_later later;      /* see server_later */
} server;

/* Resolve and open the server: start the private cluster when `db_conninfo`
 * is NULL, connect as admin, ensure roles.  ERROR_ENV on failure.  Release
 * with server_close even on failure. */
bool server_open(server *s, const char *db_conninfo, const progress *prog, error *err);

/* Check pgdrill's roles and put them in place (roles_ensure) now, even when
 * this private cluster's roles were checked since it started (server_open
 * then skips it: server.c).  `db gc` calls it.  ERROR_ENV on failure. */
bool server_check_roles(server *s, error *err);
void server_close(server *s);

/* A new connection to `dbname` as the admin (role NULL) or as `role`
 * (ROLE_LEARNER / ROLE_INDEXER).  Caller db_closes it. */
PGconn *server_connect(const server *s, const char *dbname, const char *role, error *err);

/* server_connect to n (database, role) pairs at once (db_connect_all: the
 * backends start side by side), into out[i].  False with err and every
 * out[i] NULL. */
bool server_connect_all(const server *s, const char *const *dbnames, const char *const *roles,
						size_t n, PGconn **out, error *err);

/* A conninfo a person can give psql for `dbname` as `role` (malloc'd). */
char *server_conninfo(const server *s, const char *dbname, const char *role, error *err);

#endif
