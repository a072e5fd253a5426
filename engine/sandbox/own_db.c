/*
 * own_db.c — EXPLAIN ANALYZE on the learner's own database, read-only and
 * rolled back (see own_db.h).
 */
#include "sandbox/own_db.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "pg/db.h"
#include "sandbox/run.h"

char *
own_db_explain(const char *conninfo, const char *select_sql, double timeout_s, error *err)
{
	/* the client gives the server's own timeout a second before cancelling */
	run_limits lim = {timeout_s + 1, RUN_DEFAULT_MAX_ROWS, RUN_DEFAULT_MAX_BYTES, NULL};
	PGconn *conn = db_connect(conninfo, err);
	char *json = NULL;

	if (conn == NULL)
		return NULL;
	if (db_execf(conn, err, "SET statement_timeout = '%ldms'", (long) (timeout_s * 1000)) &&
		db_execf(conn, err, "SET default_transaction_read_only = on") &&
		db_execf(conn, err, "BEGIN TRANSACTION READ ONLY")) {
		json = run_explain(conn, select_sql, true, &lim, ERROR_FAILED, err);
		if (json == NULL && strstr(err->message, "statement timeout")) {
			error_set(err, ERROR_FAILED, "the query exceeded the time limit of %g s and "
					  "was cancelled", timeout_s);
			error_hint(err, "Raise it with --timeout SECONDS, or analyze a narrower query.");
		}
	}
	if (!db_is_lost(conn) && PQtransactionStatus(conn) != PQTRANS_ACTIVE) {
		PGresult *r = PQexec(conn, "ROLLBACK");

		PQclear(r);
	}
	db_close(conn);
	return json;
}

bool
own_db_unique_keys(const char *conninfo, pg_unique_keys *out, error *err)
{
	PGconn *conn = db_connect(conninfo, err);
	bool ok;

	memset(out, 0, sizeof *out);
	if (conn == NULL)
		return false;
	ok = pg_unique_keys_read(conn, out, err);
	db_close(conn);
	return ok;
}
