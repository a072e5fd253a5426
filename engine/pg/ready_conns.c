/*
 * ready_conns.c — connections made ahead, handed out by (database, role)
 * (see ready_conns.h).
 */
#include "pg/ready_conns.h"

#include <string.h>

#include "pg/db.h"

void
ready_conns_open(ready_conns *rc, const server *s, const char *const *dbs,
				 const char *const *roles, size_t n)
{
	PGconn *conns[READY_CONNS_MAX];
	error ignored = {0};

	memset(rc, 0, sizeof *rc);
	if (n > READY_CONNS_MAX || !server_connect_all(s, dbs, roles, n, conns, &ignored))
		return;
	for (size_t i = 0; i < n; i++)
		rc->c[i] = (ready_conn) {dbs[i], roles[i], conns[i]};
}

PGconn *
ready_conns_take(ready_conns *rc, const char *db, const char *role)
{
	for (size_t i = 0; i < READY_CONNS_MAX; i++) {
		ready_conn *e = &rc->c[i];

		if (e->conn && strcmp(e->db, db) == 0 && strcmp(e->role, role) == 0) {
			PGconn *conn = e->conn;

			e->conn = NULL;
			return conn;
		}
	}
	return NULL;
}

void
ready_conns_close(ready_conns *rc)
{
	for (size_t i = 0; i < READY_CONNS_MAX; i++) {
		db_close(rc->c[i].conn);
		rc->c[i].conn = NULL;
	}
}
