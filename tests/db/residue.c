/*
 * residue.c — the sandbox tests' residue check and fixture checksum (see
 * residue.h).  Test code: fails through cmocka.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "residue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "strbuf.h"

const char *
residue_source_dir(void)
{
	const char *s = getenv("PGDRILL_SOURCE_DIR");

	if (s == NULL || s[0] == '\0')
		fail_msg("PGDRILL_SOURCE_DIR is not set (meson test sets it)");
	return s;
}

/* In the home of `kind` ("sandbox", "faults"), unless PGDRILL_TEST_HOME
 * names one. */
static int
group_setup_in(void **state, const char *kind)
{
	if (getenv("PGDRILL_TEST_HOME") == NULL) {
		/* one home per build, as in harness.c: these tests kill and remove
		 * their cluster, which must never be another build's */
		char *home = harness_home_for(kind, getenv("PGDRILL_BIN"));

		setenv("PGDRILL_TEST_HOME", home, 1);
		free(home);
	}
	return harness_group_setup(state);
}

int
residue_group_setup(void **state)
{
	return group_setup_in(state, "sandbox");
}

int
residue_faults_group_setup(void **state)
{
	return group_setup_in(state, "faults");
}

const char *const *
residue_env(void)
{
	static char *env[4];

	if (env[0] == NULL) {
		env[0] = xasprintf("PGDRILL_DRILLS=%s/tests/hostile/catalogue/drills",
						   residue_source_dir());
		env[1] = xasprintf("PGDRILL_FIXTURES=%s/tests/hostile/catalogue/fixtures",
						   residue_source_dir());
		env[2] = xstrdup("PGDRILL_SCALE=1");
	}
	return (const char *const *) env;
}

/* One text value of a query (the test fails on error). */
static char *
value(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	char *v;

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fail_msg("residue query failed: %s\n%s", sql, PQerrorMessage(conn));
	v = PQgetisnull(res, 0, 0) ? NULL : xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

void
residue_assert_clean(const char *context)
{
	/* wait: how long a residue may take to go, in tenths of a second.
	 * Backends end a moment after their client closes; scratch databases
	 * handed over to a command's detached dropper (sandbox/pool.h) go when
	 * it has dropped them, a drop costing seconds on a loaded machine. */
	static const struct { const char *what; const char *sql; int wait; } checks[] = {
		{"scratch or build databases",
		 "SELECT string_agg(datname, ', ') FROM pg_database "
		 "WHERE datname LIKE 'pgdrill\\_s\\_%' OR datname LIKE 'pgdrill\\_b\\_%'", 1200},
		{"roles beyond pgdrill's three",
		 "SELECT string_agg(rolname, ', ') FROM pg_roles WHERE rolname LIKE 'pgdrill%' "
		 "AND rolname NOT IN ('pgdrill_owner', 'pgdrill_learner', 'pgdrill_indexer')", 0},
		{"backends of the learner roles or in pgdrill databases",
		 "SELECT string_agg(pid || ' ' || coalesce(usename, '?') || '@' || "
		 "coalesce(datname, '?') || ': ' || left(query, 60), '; ') FROM pg_stat_activity "
		 "WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' "
		 "AND (usename IN ('pgdrill_learner', 'pgdrill_indexer') OR datname LIKE 'pgdrill\\_%')",
		 100},
		{"advisory locks",
		 "SELECT string_agg(pid || ':' || objid, ', ') FROM pg_locks "
		 "WHERE locktype = 'advisory'", 100},
		{"prepared transactions",
		 "SELECT string_agg(gid, ', ') FROM pg_prepared_xacts", 0},
		{"role settings of dropped databases",
		 "SELECT string_agg(setdatabase::text, ', ') FROM pg_db_role_setting "
		 "WHERE setdatabase <> 0 AND setdatabase NOT IN (SELECT oid FROM pg_database)", 0},
		{"queued notifications",
		 "SELECT nullif(pg_notification_queue_usage(), 0)::text", 0},
	};
	PGconn *conn = harness_connect("postgres");

	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		char *v = value(conn, checks[i].sql);

		for (int tries = 0; v != NULL && tries < checks[i].wait; tries++) {
			free(v);
			usleep(100 * 1000);
			v = value(conn, checks[i].sql);
		}
		if (v != NULL) {
			char *msg = xasprintf("%s: left behind: %s: %s", context, checks[i].what, v);

			free(v);
			PQfinish(conn);
			fail_msg("%s", msg);
		}
	}
	PQfinish(conn);
}

char *
residue_fixture_checksum(void)
{
	PGconn *conn = harness_connect("postgres");
	PGresult *dbs = PQexec(conn, "SELECT datname FROM pg_database WHERE datname LIKE "
						   "'pgdrill\\_t\\_probe\\_%' ORDER BY datname");
	strbuf sb = STRBUF_INIT;

	if (PQresultStatus(dbs) != PGRES_TUPLES_OK || PQntuples(dbs) < 2)
		fail_msg("the probe fixture's templates are missing (%d found)", PQntuples(dbs));
	for (int i = 0; i < PQntuples(dbs); i++) {
		/* templates refuse connections: open the door for the time of the
		 * checksum (tests run one at a time, so no clone is in flight) */
		char *open_sql = xasprintf("ALTER DATABASE %s ALLOW_CONNECTIONS true",
								   PQgetvalue(dbs, i, 0));
		char *close_sql = xasprintf("ALTER DATABASE %s ALLOW_CONNECTIONS false",
									PQgetvalue(dbs, i, 0));
		PGconn *db;

		PQclear(PQexec(conn, open_sql));
		db = harness_connect(PQgetvalue(dbs, i, 0));
		PGresult *tables;
		char *rels = value(db, "SELECT string_agg(relname || ':' || relkind::text || ':' || "
						   "relpersistence::text, ',' ORDER BY relname) FROM pg_class "
						   "WHERE relnamespace IN ('public'::regnamespace) "
						   "OR relpersistence = 't'");

		strbuf_printf(&sb, "%s[%s]", PQgetvalue(dbs, i, 0), rels ? rels : "");
		free(rels);
		tables = PQexec(db, "SELECT quote_ident(tablename) FROM pg_tables "
						"WHERE schemaname = 'public' ORDER BY 1");
		for (int t = 0; t < PQntuples(tables); t++) {
			char *sql = xasprintf("SELECT count(*) || ':' || coalesce(md5(string_agg("
								  "md5(x::text), '' ORDER BY md5(x::text))), '-') FROM %s x",
								  PQgetvalue(tables, t, 0));
			char *h = value(db, sql);

			strbuf_printf(&sb, " %s=%s", PQgetvalue(tables, t, 0), h ? h : "");
			free(h);
			free(sql);
		}
		PQclear(tables);
		PQfinish(db);
		PQclear(PQexec(conn, close_sql));
		free(open_sql);
		free(close_sql);
		strbuf_append_char(&sb, ';');
	}
	PQclear(dbs);
	PQfinish(conn);
	return strbuf_steal(&sb);
}
