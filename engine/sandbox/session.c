/*
 * session.c — a script's connection and transaction (see session.h), and
 * the settings pinned in it.
 *
 * Pinned settings: a drill is written in one world (UTC, ISO dates, the
 * public schema, standard strings...) and must be graded in that world on
 * every server, whatever its postgresql.conf, ALTER DATABASE/ROLE settings
 * or the client's PGTZ / PGDATESTYLE / PGOPTIONS say.  The server's and
 * the startup packet's values are overridden here with SET (a session value
 * beats every other source); the client's libpq variables are dropped from
 * pgdrill's environment before it connects (db.c), because an invalid one
 * (an empty PGTZ) would fail the connection before a SET could run.
 */
#include "sandbox/session.h"

#include <stdlib.h>
#include <string.h>

#include "os/clock.h"
#include "pg/db.h"
#include "pg/roles.h"
#include "strbuf.h"

/* Keep in step with docs/sandbox.md ("Pinned settings"), which gives the
 * reason for each.  Values contain no quote and no backslash (they are
 * written into SET literals and a shell-quoted PGOPTIONS as they are). */
const session_pin session_pins[] = {
	{"TimeZone", "UTC"},
	{"DateStyle", "ISO, MDY"},
	{"IntervalStyle", "postgres"},
	{"extra_float_digits", "1"},
	{"search_path", "public"},
	{"client_encoding", "UTF8"},
	{"lc_monetary", "C"},
	{"lc_numeric", "C"},
	{"lc_time", "C"},
	{"bytea_output", "hex"},
	{"xmloption", "content"},
	{"xmlbinary", "base64"},
	{"standard_conforming_strings", "on"},
	{"transform_null_equals", "off"},
	{"array_nulls", "on"},
	{"timezone_abbreviations", "Default"},
	{"default_text_search_config", "pg_catalog.english"},
	{"gin_fuzzy_search_limit", "0"},
	{"quote_all_identifiers", "off"},
	{"synchronize_seqscans", "off"},
	{"default_transaction_isolation", "read committed"},
	{"default_transaction_read_only", "off"},
	{"idle_in_transaction_session_timeout", "0"},
	{NULL, NULL},
};

static void
append_pins(strbuf *sb)
{
	for (const session_pin *p = session_pins; p->name; p++)
		strbuf_printf(sb, "SET %s = '%s'; ", p->name, p->value);
}

bool
session_pin_settings(PGconn *conn, error *err)
{
	strbuf sb = STRBUF_INIT;
	bool ok;

	append_pins(&sb);
	ok = db_exec(conn, strbuf_str(&sb), ERROR_ENV, err);
	strbuf_free(&sb);
	if (!ok)
		error_prefix(err, "pinning the session's settings: ");
	return ok;
}

char *
session_psql_env(void)
{
	strbuf sb = STRBUF_INIT;

	/* libpq sends PGTZ and PGDATESTYLE after PGOPTIONS: set them too */
	strbuf_append(&sb, "PGTZ=UTC PGDATESTYLE=ISO,MDY PGOPTIONS='");
	for (const session_pin *p = session_pins; p->name; p++) {
		if (strcmp(p->name, "client_encoding") == 0)
			continue;    /* psql's is the terminal's business */
		strbuf_printf(&sb, "%s-c %s=", p == session_pins ? "" : " ", p->name);
		/* in PGOPTIONS a backslash keeps a space inside a value */
		for (const char *c = p->value; *c; c++) {
			if (*c == ' ' && c > p->value && c[-1] == ',')
				continue;    /* "ISO, MDY" is also "ISO,MDY" */
			if (*c == ' ')
				strbuf_append_char(&sb, '\\');
			strbuf_append_char(&sb, *c);
		}
	}
	strbuf_append(&sb, "' ");
	return strbuf_steal(&sb);
}

const char *
session_role_for(unsigned allow)
{
	return (allow & ~SQL_ALLOW_SELECT) ? ROLE_INDEXER : ROLE_LEARNER;
}

bool
session_open(server *s, const char *db, const char *role, const drill *d,
			 const run_limits *lim, session *ss, error *err)
{
	strbuf sql = STRBUF_INIT;
	double t0;
	bool ok;

	ss->prep_ms = 0;
	if (ss->conn == NULL)
		ss->conn = server_connect(s, db, role, err);
	if (ss->conn == NULL)
		return false;
	/* The pinned settings, the drill's settings, its memory bound (the role's default
	 * otherwise; the answer cannot raise it: SET and set_config are
	 * rejected by the analysis), a server-side backstop behind the
	 * client-side deadline, and the transaction: one round trip.  A
	 * setting that fails is named by checking them one by one. */
	append_pins(&sql);
	for (size_t i = 0; i < d->n_settings; i++) {
		char *lit = db_quote_literal(ss->conn, d->settings[i].value);

		if (lit == NULL) {
			strbuf_free(&sql);
			return error_set(err, ERROR_USAGE, "drill %s: cannot pin setting %s: "
							 "its value cannot be quoted", d->id, d->settings[i].name);
		}
		strbuf_printf(&sql, "SET %s = %s; ", d->settings[i].name, lit);
		free(lit);
	}
	if (d->limits.work_mem_kb > 0)
		strbuf_printf(&sql, "SET work_mem = '%dkB'; ", d->limits.work_mem_kb);
	strbuf_printf(&sql, "SET statement_timeout = '%ldms'; BEGIN%s",
				  (long) (lim->timeout_s * 1000 + 10000),
				  strcmp(role, ROLE_LEARNER) == 0 && !ss->writes ? " READ ONLY" : "");
	ok = db_exec(ss->conn, strbuf_str(&sql), ERROR_ENV, err);
	strbuf_free(&sql);
	if (!ok) {
		PGresult *r = PQexec(ss->conn, "ROLLBACK");

		PQclear(r);
		if (!session_pin_settings(ss->conn, err))
			return false;
		for (size_t i = 0; i < d->n_settings; i++) {
			char *lit = db_quote_literal(ss->conn, d->settings[i].value);
			bool set = lit && db_execf(ss->conn, err, "SET %s = %s", d->settings[i].name, lit);

			free(lit);
			if (!set) {
				error_prefix(err, "drill %s: cannot pin setting %s: ", d->id,
							 d->settings[i].name);
				return false;
			}
		}
		return false;
	}
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
