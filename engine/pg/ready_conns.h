/*
 * ready_conns.h — connections made ahead, all at once, and handed out by
 * (database, role).
 *
 * A check opens five sessions on its scratch databases; a backend's start
 * is most of a connection's cost (12-18 ms on the development machine), and
 * one after the other they were a third of a check of a tiny drill.
 * ready_conns_open connects them side by side (server_connect_all); the
 * sessions then take them (session_open takes over a connection it is
 * given).  A connection nobody takes is closed with the set.  Opening is a
 * head start, never a requirement: when it fails, the set stays empty and
 * every session connects itself.  The database and role strings are
 * borrowed: they must outlive the set.
 */
#ifndef PGDRILL_READY_CONNS_H
#define PGDRILL_READY_CONNS_H

#include <libpq-fe.h>
#include <stddef.h>

#include "pg/server.h"

#define READY_CONNS_MAX 5

typedef struct ready_conn {
	const char *db;           /* borrowed */
	const char *role;         /* borrowed */
	PGconn *conn;             /* NULL once taken */
} ready_conn;

typedef struct ready_conns {
	ready_conn c[READY_CONNS_MAX];
} ready_conns;

/* Connect to the n (<= READY_CONNS_MAX) pairs dbs[i] as roles[i] at once
 * into an empty set; on failure the set stays empty. */
void ready_conns_open(ready_conns *rc, const server *s, const char *const *dbs,
					  const char *const *roles, size_t n);

/* A ready connection to `db` as `role`, now the caller's; NULL when there
 * is none left. */
PGconn *ready_conns_take(ready_conns *rc, const char *db, const char *role);

/* Close what nobody took.  Accepts an empty set. */
void ready_conns_close(ready_conns *rc);

#endif
