/*
 * db.h — the libpq boundary: connecting, running statements, and turning
 * libpq's messages into `error` values.
 *
 * Everything in engine/ that talks to PostgreSQL goes through here, so that a
 * libpq message is copied out of its connection exactly once (it belongs to
 * the PGconn and dies with it) and server errors keep their SQLSTATE, detail,
 * hint and position.  Connections get application_name "pgdrill" and a
 * connect timeout; notices are swallowed (the CLI decides what to show).
 */
#ifndef PGDRILL_DB_H
#define PGDRILL_DB_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "error.h"
#include "strbuf.h"

/* Connect with `conninfo` (a libpq string or URI).  The client variables
 * that would set server parameters (PGTZ, PGDATESTYLE, PGGEQO, PGOPTIONS,
 * PGCLIENTENCODING) are first removed from the process's environment:
 * pgdrill's connections ignore them (docs/sandbox.md).  Returns the connection or
 * NULL with err (ERROR_ENV, libpq's message, a hint for the usual causes). */
PGconn *db_connect(const char *conninfo, error *err);

/* Like db_connect, replacing/adding the dbname and user of `conninfo`
 * (NULL keeps the original) and setting a password when non-NULL. */
PGconn *db_connect_as(const char *conninfo, const char *dbname, const char *user,
					  const char *password, error *err);

/* The conninfo db_connect_as connects with (malloc'd), or NULL with err. */
char *db_conninfo_as(const char *conninfo, const char *dbname, const char *user,
					 const char *password, error *err);

/* Connect with each of the n conninfos at once, into out[i]: the server
 * starts their backends side by side (a backend's start is most of a
 * connection's cost, and a check needs five).  The same settings and
 * environment rules as db_connect; the whole wait is bounded by 10 s.
 * False with err (the first connection that failed, worded as db_connect
 * words it) and every out[i] NULL. */
bool db_connect_all(char *const *conninfos, size_t n, PGconn **out, error *err);

/* PQfinish, accepting NULL. */
void db_close(PGconn *conn);

/*
 * Run one or more statements that return no rows we need.  On failure
 * returns false with err: kind `kind_on_error`, message = the server's
 * primary message, detail/hint copied, SQLSTATE in err->sqlstate.  A lost
 * connection is always ERROR_ENV.
 */
bool db_exec(PGconn *conn, const char *sql, error_kind kind_on_error, error *err);

/* printf-style db_exec (kind ERROR_ENV). */
bool db_execf(PGconn *conn, error *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Run a query; returns the PGresult (caller PQclears) or NULL with err.
 * `params` may be NULL when nparams is 0. */
PGresult *db_query(PGconn *conn, const char *sql, int nparams,
				   const char *const *params, error_kind kind_on_error, error *err);

/* The first column of the first row as a malloc'd string ("" for NULL), or
 * NULL with err (also when the query returned no row). */
char *db_query_value(PGconn *conn, const char *sql, int nparams,
					 const char *const *params, error *err);

/* Whether the one-parameter query `sql` ($1 = param) returns a row: the
 * "does this role / database exist" question.  False with err (ERROR_ENV)
 * when the query fails; *exists is then untouched. */
bool db_query_exists(PGconn *conn, const char *sql, const char *param, bool *exists,
					 error *err);

/* Copy the error of a failed result (or of the connection when res is NULL)
 * into err with the given kind.  Returns false. */
bool db_error_from(PGconn *conn, const PGresult *res, error_kind kind, error *err);

/* True when the connection is broken (server gone, backend crashed). */
bool db_is_lost(PGconn *conn);

/* Quote an identifier / literal for this connection (malloc'd; NULL on
 * encoding errors). */
char *db_quote_ident(PGconn *conn, const char *ident);
char *db_quote_literal(PGconn *conn, const char *literal);

/* Build a conninfo string from an existing one with dbname/user replaced
 * (NULL keeps).  Returns malloc'd text or NULL with err when conninfo is
 * invalid (ERROR_USAGE). */
char *db_conninfo_with(const char *conninfo, const char *dbname, const char *user,
					   error *err);

/* Append " key=value" to a conninfo being built (no space before the
 * first), the value quoted with libpq's rules (backslash and quote
 * escaped) only when it needs it -- empty, or holding a space or a quote --
 * so the result also reads well in a psql command we print. */
void db_conninfo_append(strbuf *sb, const char *key, const char *value);

#endif
