/*
 * session.c — a script's connection and transaction (see session.h).
 */
#include "sandbox/session.h"

#include <stdlib.h>
#include <string.h>

#include "os/clock.h"
#include "pg/db.h"
#include "pg/roles.h"

const char *
session_role_for(unsigned allow)
{
	return (allow & ~SQL_ALLOW_SELECT) ? ROLE_INDEXER : ROLE_LEARNER;
}

bool
session_open(server *s, const char *db, const char *role, const drill *d,
			 const run_limits *lim, session *ss, error *err)
{
	double t0;

	ss->prep_ms = 0;
	ss->conn = server_connect(s, db, role, err);
	if (ss->conn == NULL)
		return false;
	for (size_t i = 0; i < d->n_settings; i++) {
		char *lit = db_quote_literal(ss->conn, d->settings[i].value);
		bool ok = lit && db_execf(ss->conn, err, "SET %s = %s", d->settings[i].name, lit);

		free(lit);
		if (!ok) {
			error_prefix(err, "drill %s: cannot pin setting %s: ", d->id, d->settings[i].name);
			return false;
		}
	}
	/* The drill's memory bound (the role's default otherwise); the answer
	 * cannot raise it: SET and set_config are rejected by the analysis. */
	if (d->limits.work_mem_kb > 0 &&
		!db_execf(ss->conn, err, "SET work_mem = '%dkB'", d->limits.work_mem_kb))
		return false;
	/* A server-side backstop behind the client-side deadline. */
	if (!db_execf(ss->conn, err, "SET statement_timeout = '%ldms'",
				  (long) (lim->timeout_s * 1000 + 10000)) ||
		!db_execf(ss->conn, err, "BEGIN%s",
				  strcmp(role, ROLE_LEARNER) == 0 ? " READ ONLY" : ""))
		return false;
	t0 = clock_now_s();
	for (size_t i = 0; i + 1 < ss->script->n; i++)
		if (!run_command(ss->conn, ss->script->stmts[i].text, lim, ss->kind, err)) {
			error_prefix(err, "%s, statement %zu: ", ss->label, i + 1);
			return false;
		}
	ss->prep_ms = (clock_now_s() - t0) * 1e3;
	return true;
}

void
session_close(session *ss)
{
	/* A query still in flight (the server did not take the cancel: run.c
	 * gave up) would make PQexec wait for it: just disconnect. */
	if (ss->conn && !db_is_lost(ss->conn) &&
		PQtransactionStatus(ss->conn) != PQTRANS_ACTIVE) {
		PGresult *r = PQexec(ss->conn, "ROLLBACK");

		PQclear(r);
	}
	db_close(ss->conn);
	ss->conn = NULL;
}

bool
session_prep_pages(session *ss, double *pages, error *err)
{
	char *v = db_query_value(ss->conn,
		"SELECT coalesce(sum(pg_relation_size(c.oid)), 0) / 8192 FROM pg_class c "
		"WHERE c.relkind IN ('i', 'm') AND c.relnamespace = 'public'::regnamespace "
		"AND c.xmin::text = (pg_current_xact_id()::text::numeric % 4294967296)::text",
		0, NULL, err);

	if (v == NULL)
		return false;
	*pages = atof(v);
	free(v);
	return true;
}
