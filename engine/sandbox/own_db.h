/*
 * own_db.h — EXPLAIN ANALYZE of one SELECT on the learner's own database
 * (`pgdrill analyze`), where nothing may change.
 *
 * The database is not a pgdrill clone: it may be someone's development
 * database.  So the query runs in a READ ONLY transaction that is always
 * rolled back (a volatile function that writes, nextval(), a data-modifying
 * CTE all fail with "read-only transaction"), with a server-side
 * statement_timeout and a client-side deadline that cancels it, as the
 * connection's own role.  Callers have already checked with sql_analyze
 * that the text is one SELECT (defence in depth: the transaction does not
 * rely on it, and the analysis does not rely on the transaction).  Called
 * by cli_analyze.c.
 */
#ifndef PGDRILL_OWN_DB_H
#define PGDRILL_OWN_DB_H

#include <stdbool.h>

#include "error.h"
#include "pg/unique_keys.h"

/*
 * Connect with `conninfo`, run EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of
 * `select_sql` inside BEGIN READ ONLY ... ROLLBACK with statement_timeout
 * = timeout_s, disconnect.  Returns the plan's JSON text (malloc'd), or NULL
 * with err: ERROR_ENV when the server cannot be reached, ERROR_FAILED when
 * the query fails on the server or exceeds the time limit (the message says
 * which).
 */
char *own_db_explain(const char *conninfo, const char *select_sql, double timeout_s,
					 error *err);

/*
 * The unique keys of the database (pg/unique_keys.h), for the lint's
 * limit-without-unique-order: connect, read the catalog, disconnect.
 * False with err (ERROR_ENV) when it cannot; *out is then empty.
 */
bool own_db_unique_keys(const char *conninfo, pg_unique_keys *out, error *err);

#endif
