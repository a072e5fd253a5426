/*
 * session.h — one script (slow query, reference or answer) running in one
 * connection, in one transaction that is always rolled back.
 *
 * Opening a session connects as the given role, pins the settings that change
 * rows or their text (TimeZone, DateStyle, search_path...: session_pins,
 * the same on every server and whatever the client's environment), then the
 * drill's own settings (work_mem, jit, parallel workers...), sets a server-side statement_timeout
 * behind the client-side deadline, begins the transaction (READ ONLY for the
 * learner role) and runs the script's preparatory statements (CREATE INDEX,
 * ANALYZE...).  The final SELECT (`query`) can then run any number of times.
 * Used by check (correctness and measurement) and show (the slow plan).
 */
#ifndef PGDRILL_SESSION_H
#define PGDRILL_SESSION_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "catalog/drill.h"
#include "error.h"
#include "sandbox/run.h"
#include "pg/server.h"
#include "sql/sql.h"

typedef struct session {
	PGconn *conn;
	const char *label;        /* "slow query", "reference", "answer" */
	const sql_script *script;
	const char *query;        /* the script's final SELECT */
	error_kind kind;          /* kind of errors from this script's SQL */
	bool writes;              /* a read-write transaction even for the
							   * learner role (a load drill's state check
							   * runs endpoint writes; still rolled back) */
	double prep_ms;           /* wall time of the preparatory statements
	                           * alone (not the connection, not the SETs) */
} session;

/* A server setting pgdrill pins in every session that runs drill SQL:
 * its name and value.  The list and the reason for each entry are in
 * docs/sandbox.md ("Pinned settings"); keep the two in step. */
typedef struct session_pin {
	const char *name;
	const char *value;
} session_pin;

/* The pinned settings, NULL-terminated (name NULL). */
extern const session_pin session_pins[];

/* SET every pinned setting on `conn` (one round trip).  Called by
 * session_open before the drill's settings (a drill may override a pin on
 * purpose) and by the template build before the fixture's scripts.  False
 * with err (ERROR_ENV) when the server refuses one. */
bool session_pin_settings(PGconn *conn, error *err);

/* The environment assignments that give a learner's psql the same pins,
 * shell-quoted and followed by a space: "PGTZ=UTC PGDATESTYLE=ISO,MDY
 * PGOPTIONS='-c IntervalStyle=postgres ...' ", to be put before "psql".
 * PGTZ and PGDATESTYLE are set as well as PGOPTIONS because libpq sends
 * them after the options, so a learner's own PGTZ would otherwise win.
 * malloc'd; the caller frees. */
char *session_psql_env(void);

/* The role a script that may use `allow` (SQL_ALLOW_*) runs as. */
const char *session_role_for(unsigned allow);

/* Pages of the indexes and materialized views created in the session's
 * open transaction (what its preparatory statements built).  False with
 * err (ERROR_ENV). */
bool session_prep_pages(session *ss, double *pages, error *err);

/* Open `ss` (label, script, query and kind already set) on database `db`:
 * connects as `role`, unless ss->conn is already a fresh connection to
 * `db` as `role` (made ahead with others: server_connect_all), which it
 * then takes over.  On failure the session may be half-open:
 * session_close it anyway. */
bool session_open(server *s, const char *db, const char *role, const drill *d,
				  const run_limits *lim, session *ss, error *err);

/* Roll back and disconnect.  Safe on a closed or half-open session. */
void session_close(session *ss);

#endif
