/*
 * db.c — the libpq boundary (see db.h).
 */
#include "pg/db.h"

#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "os/clock.h"

#include "strbuf.h"

static void
ignore_notice(void *arg, const char *message)
{
	(void) arg;
	(void) message;
}

void
db_conninfo_append(strbuf *sb, const char *key, const char *value)
{
	bool quote = value[0] == '\0' || strpbrk(value, " \t\n\r\f\v'\\") != NULL;

	if (sb->len)
		strbuf_append_char(sb, ' ');
	if (!quote) {
		strbuf_printf(sb, "%s=%s", key, value);
		return;
	}
	strbuf_printf(sb, "%s='", key);
	for (const char *p = value; *p; p++) {
		if (*p == '\'' || *p == '\\')
			strbuf_append_char(sb, '\\');
		strbuf_append_char(sb, *p);
	}
	strbuf_append_char(sb, '\'');
}

char *
db_conninfo_with(const char *conninfo, const char *dbname, const char *user,
				 error *err)
{
	char *errmsg = NULL;
	PQconninfoOption *opts = PQconninfoParse(conninfo, &errmsg);
	strbuf sb = STRBUF_INIT;

	if (opts == NULL) {
		error_set(err, ERROR_USAGE, "invalid connection string");
		if (errmsg) {
			error_detail(err, "%s", errmsg);
			PQfreemem(errmsg);
		}
		return NULL;
	}
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		const char *v = o->val;

		if (dbname && strcmp(o->keyword, "dbname") == 0)
			v = dbname;
		else if (user && strcmp(o->keyword, "user") == 0)
			v = user;
		if (v && v[0])
			db_conninfo_append(&sb, o->keyword, v);
	}
	PQconninfoFree(opts);
	return strbuf_steal(&sb);
}

/*
 * libpq turns these client variables into server settings in the startup
 * packet (PGTZ, PGDATESTYLE, PGGEQO, PGOPTIONS) or the client encoding.
 * pgdrill pins what they set (sandbox/session.c), but an invalid value — an
 * empty PGTZ, a typo in PGOPTIONS — fails the connection before a SET can
 * run, and a valid one would reach connections that are not pinned (the
 * admin's).  So pgdrill's own connections ignore them: they are removed from
 * its environment before each connection (pgdrill connects from one thread,
 * and the programs it starts — initdb, postgres — have no use for them).
 * Options written into --db / PGDRILL_DB's conninfo are kept: they are a
 * choice made for pgdrill.
 */
static void
drop_client_settings_from_environment(void)
{
	static const char *const vars[] = {"PGTZ", "PGDATESTYLE", "PGGEQO", "PGOPTIONS",
		"PGCLIENTENCODING", NULL};

	for (int i = 0; vars[i]; i++)
		if (getenv(vars[i]))
			unsetenv(vars[i]);
}

#define CONNECT_TIMEOUT_S 10

/* The error of a connection that failed (its message as the detail); frees
 * it.  NULL, for the caller to return. */
static PGconn *
connect_failed(PGconn *conn, error *err)
{
	char *msg;
	size_t n;

	if (conn == NULL) {
		error_set(err, ERROR_INTERNAL, "out of memory connecting to PostgreSQL");
		return NULL;
	}
	msg = xstrdup(PQerrorMessage(conn));
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	error_set(err, ERROR_ENV, "cannot connect to PostgreSQL");
	error_detail(err, "%s", msg);
	error_hint(err, "Check the --db / PGDRILL_DB connection string, or the private "
			   "cluster with the db status command.");
	free(msg);
	PQfinish(conn);
	return NULL;
}

PGconn *
db_connect(const char *conninfo, error *err)
{
	const char *keys[] = {"dbname", "application_name", "connect_timeout", NULL};
	const char *vals[] = {conninfo, "pgdrill", "10", NULL};
	PGconn *conn;

	drop_client_settings_from_environment();
	conn = PQconnectdbParams(keys, vals, 1);
	if (conn == NULL || PQstatus(conn) != CONNECTION_OK)
		return connect_failed(conn, err);
	PQsetNoticeProcessor(conn, ignore_notice, NULL);
	return conn;
}

bool
db_connect_all(char *const *conninfos, size_t n, PGconn **out, error *err)
{
	const char *keys[] = {"dbname", "application_name", NULL};
	PostgresPollingStatusType *st = xcalloc(n + 1, sizeof *st);
	struct pollfd *fds = xcalloc(n + 1, sizeof *fds);
	double deadline = clock_now_s() + CONNECT_TIMEOUT_S;
	size_t pending = n, failed = n;
	bool timed_out = false;

	drop_client_settings_from_environment();
	for (size_t i = 0; i < n; i++)
		out[i] = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *vals[] = {conninfos[i], "pgdrill", NULL};

		out[i] = PQconnectStartParams(keys, vals, 1);
		st[i] = PGRES_POLLING_WRITING;     /* as libpq says to begin */
		if (out[i] == NULL || PQstatus(out[i]) == CONNECTION_BAD) {
			failed = i;
			break;
		}
	}
	/* each connection advances when its socket is ready for what it waits
	 * for: the servers' backends start side by side */
	while (failed == n && pending > 0) {
		size_t k = 0;
		int left_ms = (int) ((deadline - clock_now_s()) * 1000);

		for (size_t i = 0; i < n; i++)
			if (st[i] != PGRES_POLLING_OK) {
				fds[k].fd = PQsocket(out[i]);
				fds[k].events = st[i] == PGRES_POLLING_READING ? POLLIN : POLLOUT;
				fds[k].revents = 0;
				k++;
			}
		if (left_ms <= 0 || poll(fds, k, left_ms) <= 0) {
			for (size_t i = 0; i < n && failed == n; i++)
				if (st[i] != PGRES_POLLING_OK)
					failed = i;
			timed_out = true;
			break;
		}
		k = 0;
		for (size_t i = 0; i < n && failed == n; i++) {
			if (st[i] == PGRES_POLLING_OK)
				continue;
			if (fds[k++].revents == 0)
				continue;
			st[i] = PQconnectPoll(out[i]);
			if (st[i] == PGRES_POLLING_FAILED)
				failed = i;
			else if (st[i] == PGRES_POLLING_OK) {
				PQsetNoticeProcessor(out[i], ignore_notice, NULL);
				pending--;
			}
		}
	}
	if (failed < n) {
		if (timed_out) {
			PQfinish(out[failed]);
			error_set(err, ERROR_ENV, "cannot connect to PostgreSQL");
			error_detail(err, "no answer within %d s", CONNECT_TIMEOUT_S);
		} else
			connect_failed(out[failed], err);
		out[failed] = NULL;
		for (size_t i = 0; i < n; i++) {
			PQfinish(out[i]);
			out[i] = NULL;
		}
	}
	free(st);
	free(fds);
	return failed == n;
}

char *
db_conninfo_as(const char *conninfo, const char *dbname, const char *user,
			   const char *password, error *err)
{
	char *ci = db_conninfo_with(conninfo, dbname, user, err);

	if (ci != NULL && password) {
		strbuf sb = STRBUF_INIT;

		strbuf_append(&sb, ci);
		db_conninfo_append(&sb, "password", password);
		free(ci);
		ci = strbuf_steal(&sb);
	}
	return ci;
}

PGconn *
db_connect_as(const char *conninfo, const char *dbname, const char *user,
			  const char *password, error *err)
{
	char *ci = db_conninfo_as(conninfo, dbname, user, password, err);
	PGconn *conn;

	if (ci == NULL)
		return NULL;
	conn = db_connect(ci, err);
	free(ci);
	return conn;
}

void
db_close(PGconn *conn)
{
	if (conn)
		PQfinish(conn);
}

bool
db_is_lost(PGconn *conn)
{
	return conn == NULL || PQstatus(conn) == CONNECTION_BAD;
}

bool
db_error_from(PGconn *conn, const PGresult *res, error_kind kind, error *err)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	const char *hint = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_HINT) : NULL;
	const char *sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *pos = res ? PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION) : NULL;

	if (db_is_lost(conn))
		kind = ERROR_ENV;
	if (primary == NULL) {
		char *msg = xstrdup(conn ? PQerrorMessage(conn) : "no connection");
		size_t n = strlen(msg);

		while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
			msg[--n] = '\0';
		error_set(err, kind, "%s", n ? msg : "unknown libpq error");
		free(msg);
	} else {
		error_set(err, kind, "%s", primary);
		if (detail)
			error_detail(err, "%s", detail);
		if (sqlstate && err)
			snprintf(err->sqlstate, sizeof err->sqlstate, "%s", sqlstate);
		if (hint)
			error_hint(err, "%s", hint);
		if (pos && err)
			err->position = atoi(pos);
	}
	if (db_is_lost(conn))
		error_hint(err, "The server connection was lost: the server may have "
				   "crashed or been stopped.");
	return false;
}

bool
db_exec(PGconn *conn, const char *sql, error_kind kind_on_error, error *err)
{
	PGresult *res = PQexec(conn, sql);
	bool ok = res && (PQresultStatus(res) == PGRES_COMMAND_OK ||
					  PQresultStatus(res) == PGRES_TUPLES_OK);

	if (!ok)
		db_error_from(conn, res, kind_on_error, err);
	PQclear(res);
	return ok;
}

bool
db_execf(PGconn *conn, error *err, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	bool ok;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	ok = db_exec(conn, strbuf_str(&sb), ERROR_ENV, err);
	strbuf_free(&sb);
	return ok;
}

PGresult *
db_query(PGconn *conn, const char *sql, int nparams, const char *const *params,
		 error_kind kind_on_error, error *err)
{
	PGresult *res = nparams > 0
		? PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0)
		: PQexec(conn, sql);

	if (res == NULL || (PQresultStatus(res) != PGRES_TUPLES_OK &&
						PQresultStatus(res) != PGRES_COMMAND_OK)) {
		db_error_from(conn, res, kind_on_error, err);
		PQclear(res);
		return NULL;
	}
	return res;
}

char *
db_query_value(PGconn *conn, const char *sql, int nparams,
			   const char *const *params, error *err)
{
	PGresult *res = db_query(conn, sql, nparams, params, ERROR_ENV, err);
	char *v;

	if (res == NULL)
		return NULL;
	if (PQntuples(res) < 1 || PQnfields(res) < 1) {
		error_set(err, ERROR_INTERNAL, "query returned no value: %.200s", sql);
		PQclear(res);
		return NULL;
	}
	v = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

bool
db_query_exists(PGconn *conn, const char *sql, const char *param, bool *exists, error *err)
{
	const char *params[] = {param};
	PGresult *res = db_query(conn, sql, 1, params, ERROR_ENV, err);

	if (res == NULL)
		return false;
	*exists = PQntuples(res) > 0;
	PQclear(res);
	return true;
}

/* libpq's malloc'd string as ours (libpq's must go back through PQfreemem). */
static char *
from_libpq(char *q)
{
	char *out;

	if (q == NULL)
		return NULL;
	out = xstrdup(q);
	PQfreemem(q);
	return out;
}

char *
db_quote_ident(PGconn *conn, const char *ident)
{
	return from_libpq(PQescapeIdentifier(conn, ident, strlen(ident)));
}

char *
db_quote_literal(PGconn *conn, const char *literal)
{
	return from_libpq(PQescapeLiteral(conn, literal, strlen(literal)));
}
