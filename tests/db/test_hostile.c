/*
 * test_hostile.c — strangers' SQL against the sandbox: the hostile corpus
 * (the .sql files of tests/hostile/) through the pgdrill binary, and the walls behind the
 * SQL analysis tested directly as the learner roles.
 *
 * Every corpus file starts with a comment line
 *   -- attack: <what it attacks> | expect: rejected|failed [| drill: <id>]
 * and is checked with `pgdrill check <drill> --answer FILE --format json`
 * against the probe drills of tests/hostile/catalogue (2 s deadline, small
 * result caps), asserting: the exit code (3 rejected, 1 failed) and JSON
 * status; a clear message; a bounded time (the deadline plus a margin);
 * nothing left on the server (residue.h); the fixture's templates unchanged
 * (checksum before and after).  Inputs too large to keep as files (a 2 MiB
 * answer) are generated here.
 *
 * The role walls are tested without the analysis in front: connected as
 * pgdrill_learner (and pgdrill_indexer) to a scratch clone, each forbidden
 * statement must fail with a privilege or read-only error, and the roles'
 * attributes, memberships and database privileges are checked.
 *
 * Escape sequences in answers are echoed visibly escaped, and refusals
 * (syntax, allow-list) happen before any server work in check, watch and
 * grade: tested with PGDRILL_DB naming a server that does not exist.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "os/clock.h"
#include "pg/db.h"
#include "catalog/drill.h"
#include "os/fileio.h"
#include "harness.h"
#include "learner_env.h"
#include "residue.h"
#include "pg/roles.h"
#include "sandbox/pool.h"
#include "sandbox/scratch.h"
#include "pg/server.h"
#include "strbuf.h"

#define PROBE_TIMEOUT_S 2.0   /* the probe drills' timeout_s */
#define TIME_MARGIN_S 25.0    /* start-up, cancel grace, sanitizers */
#define MIN_CORPUS 40

/* Check `answer_path` for `drill`; assert the outcome, message, time,
 * residue and fixture.  `label` names the case in failures. */
static void
check_case(const char *label, const char *drill_id, const char *answer_path, int want_code,
		   const char *checksum_before)
{
	const char *args[] = {"check", drill_id, "--answer", answer_path, "--runs", "1",
		"--format", "json", NULL};
	proc_result res = PROC_RESULT_INIT;
	double t0 = clock_now_s(), elapsed;
	cJSON *json;
	const char *msg, *status;
	char *after;

	harness_run_pgdrill(args, residue_env(), NULL, 120, &res);
	elapsed = clock_now_s() - t0;
	json = cJSON_Parse(strbuf_str(&res.out));
	if (json == NULL)
		fail_msg("%s: no JSON (exit %d)\nstdout: %s\nstderr: %s", label, res.exit_code,
				 strbuf_str(&res.out), strbuf_str(&res.err));
	msg = jstr(json, "message");
	status = jstr(json, "status");
	if (res.exit_code != want_code)
		fail_msg("%s: exit %d, expected %d (%s): %s", label, res.exit_code, want_code,
				 status, msg);
	if (want_code == 3)
		assert_string_equal(status, "rejected");
	else {
		assert_string_equal(status, "fail");
		if (strstr(msg, "Your answer failed to run: ") != msg)
			fail_msg("%s: the message does not say the answer failed to run: %s", label, msg);
	}
	/* a clear message: a sentence, not an internal error or a crash */
	if (strlen(msg) < 15 || strstr(msg, "internal") || strstr(msg, "(null)"))
		fail_msg("%s: unclear message: \"%s\"", label, msg);
	if (elapsed > PROBE_TIMEOUT_S + TIME_MARGIN_S)
		fail_msg("%s: took %.1f s (bound %.0f s)", label, elapsed,
				 PROBE_TIMEOUT_S + TIME_MARGIN_S);
	print_message("  %-34s exit %d %5.2f s  %.90s\n", label, res.exit_code, elapsed, msg);
	cJSON_Delete(json);
	proc_result_free(&res);
	residue_assert_clean(label);
	after = residue_fixture_checksum();
	if (strcmp(after, checksum_before) != 0)
		fail_msg("%s: the fixture changed:\nbefore %s\nafter  %s", label, checksum_before,
				 after);
	free(after);
}

static char *
reference_path(const char *drill_id)
{
	return xasprintf("%s/tests/hostile/catalogue/drills/%s/reference.sql",
					 residue_source_dir(), drill_id);
}

/* The control: the probe drills' references pass, leaving nothing. */
static void
test_references_pass(void **state)
{
	static const char *const drills[] = {"probe-rewrite", "probe-index", "probe-slow"};

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	for (size_t i = 0; i < sizeof drills / sizeof drills[0]; i++) {
		char *ref = reference_path(drills[i]);
		const char *args[] = {"check", drills[i], "--answer", ref, "--runs", "1", NULL};
		proc_result res = PROC_RESULT_INIT;

		harness_run_pgdrill(args, residue_env(), NULL, 300, &res);
		if (res.exit_code != 0)
			fail_msg("%s: reference exited %d\n%s%s", drills[i], res.exit_code,
					 strbuf_str(&res.out), strbuf_str(&res.err));
		proc_result_free(&res);
		free(ref);
		residue_assert_clean(drills[i]);
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Parse a corpus file's first line; false when it is malformed. */
static bool
parse_header(const char *text, int *code, char **drill_id, char **attack)
{
	const char *eol = strchr(text, '\n');
	char *line = eol ? xstrndup(text, (size_t) (eol - text)) : xstrdup(text);
	char *e = strstr(line, "| expect: "), *d = strstr(line, "| drill: ");
	bool ok = strncmp(line, "-- attack: ", 11) == 0 && e != NULL;

	if (ok) {
		const char *v = e + 10;

		if (strncmp(v, "rejected", 8) == 0)
			*code = 3;
		else if (strncmp(v, "failed", 6) == 0)
			*code = 1;
		else
			ok = false;
		*drill_id = xstrdup(d ? d + 9 : "probe-rewrite");
		*e = '\0';
		*attack = xstrdup(line + 11);
	}
	free(line);
	return ok;
}

static void
test_hostile_corpus(void **state)
{
	char *dir_path = xasprintf("%s/tests/hostile", residue_source_dir());
	DIR *dir = opendir(dir_path);
	struct dirent *de;
	char **files = NULL;
	size_t n = 0, cap = 0;
	char *before;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 5 || strcmp(de->d_name + len - 4, ".sql") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			files = xrealloc(files, cap * sizeof(char *));
		}
		files[n++] = xstrdup(de->d_name);
	}
	closedir(dir);
	if (n < MIN_CORPUS)
		fail_msg("the hostile corpus has %zu cases; at least %d expected", n, MIN_CORPUS);
	qsort(files, n, sizeof(char *), cmp_str);
	before = residue_fixture_checksum();
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir_path, files[i]);
		size_t len;
		error err;
		char *text = fileio_read(path, 16 * 1024 * 1024, &len, &err);
		char *drill_id = NULL, *attack = NULL;
		int code = 0;

		assert_non_null(text);
		if (!parse_header(text, &code, &drill_id, &attack))
			fail_msg("%s: the first line must be "
					 "\"-- attack: ... | expect: rejected|failed [| drill: ID]\"", files[i]);
		check_case(files[i], drill_id, path, code, before);
		free(text);
		free(drill_id);
		free(attack);
		free(path);
		free(files[i]);
	}
	print_message("  %zu hostile cases\n", n);
	free(files);
	free(before);
	free(dir_path);
}

/* Inputs generated here rather than kept as files. */
static void
test_generated_inputs(void **state)
{
	char *dir = xasprintf("%s/gen.%ld", getenv("PGDRILL_TEST_HOME"), (long) getpid());
	char *huge = xasprintf("%s/huge.sql", dir);
	char *lines = xasprintf("%s/lines.sql", dir);
	strbuf sb = STRBUF_INIT;
	char *before;
	error err;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	assert_int_equal(mkdir(dir, 0755) == 0 || errno == EEXIST, true);
	/* 2 MiB: over the 1 MiB input limit, refused before parsing */
	strbuf_append(&sb, "SELECT grp, count(*) AS n FROM items /*");
	while (sb.len < 2 * 1024 * 1024)
		strbuf_append(&sb, " padding padding padding padding padding padding padding");
	strbuf_append(&sb, " */ GROUP BY grp ORDER BY grp;\n");
	assert_true(fileio_write_atomic(huge, sb.data, sb.len, 0644, &err));
	strbuf_reset(&sb);
	/* 100,000 statements of one line each: far over any sane script */
	for (int i = 0; i < 100000; i++)
		strbuf_append(&sb, "SELECT 1;\n");
	assert_true(fileio_write_atomic(lines, sb.data, sb.len, 0644, &err));
	strbuf_free(&sb);
	before = residue_fixture_checksum();
	check_case("generated: 2 MiB input", "probe-rewrite", huge, 3, before);
	check_case("generated: 100000 statements", "probe-rewrite", lines, 3, before);
	unlink(huge);
	unlink(lines);
	rmdir(dir);
	free(before);
	free(huge);
	free(lines);
	free(dir);
}

/* Run `sql` on `conn`; the SQLSTATE of its error, or "" when it succeeded
 * (malloc'd). */
static char *
sqlstate_of(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	ExecStatusType st = PQresultStatus(res);
	char *state;

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		state = xstrdup("");
	else {
		const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);

		state = xstrdup(s ? s : "?");
	}
	PQclear(res);
	return state;
}

static char *
query_value(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	char *v;

	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1)
		fail_msg("%s: %s", sql, PQerrorMessage(conn));
	v = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

/*
 * The walls behind the analysis, as the learner role in a scratch clone:
 * every statement the analysis rejects must also fail here, by privilege
 * (42501) or, in the READ ONLY transaction, by read-only (25006) — or, for
 * statements PostgreSQL itself refuses in any role, by any error.
 */
static void
test_learner_role_walls(void **state)
{
	static const struct {
		const char *sql;
		const char *sqlstate;     /* expected; NULL = any error */
	} walls[] = {
		{"SET ROLE pgdrill_owner", "42501"},
		{"SET SESSION AUTHORIZATION pgdrill_owner", "42501"},
		{"SELECT set_config('role', 'pgdrill_owner', false)", "42501"},
		{"SET temp_file_limit = '100GB'", "42501"},
		{"SELECT set_config('temp_file_limit', '-1', false)", "42501"},
		{"CREATE TEMP TABLE t (x int)", "42501"},
		{"CREATE TABLE t (x int)", "42501"},
		{"CREATE SCHEMA s", "42501"},
		{"CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'",
		 "42501"},
		{"CREATE INDEX ON items (grp)", "42501"},
		{"CREATE MATERIALIZED VIEW mv AS SELECT 1", "42501"},
		{"DELETE FROM items", "42501"},
		{"UPDATE items SET grp = 0", "42501"},
		{"INSERT INTO tags VALUES (1, 'x')", "42501"},
		{"TRUNCATE items", "42501"},
		{"DROP TABLE items", "42501"},
		{"ALTER TABLE items ADD COLUMN x int", "42501"},
		{"ALTER ROLE pgdrill_learner SUPERUSER", "42501"},
		{"ALTER ROLE pgdrill_learner SET temp_file_limit = -1", "42501"},
		{"GRANT pgdrill_owner TO pgdrill_learner", "42501"},
		{"ALTER SYSTEM SET fsync = on", "42501"},
		{"SELECT pg_read_file('/etc/passwd')", "42501"},
		{"SELECT pg_ls_dir('.')", "42501"},
		{"COPY items TO PROGRAM 'true'", "42501"},
		{"COPY tags FROM '/etc/hostname'", "42501"},
		{"SELECT lo_import('/etc/hostname')", "42501"},
		{"CREATE EXTENSION dblink", NULL},
		{"SELECT pg_reload_conf()", "42501"},
		/* backend_type is hidden from other roles; usename is not */
		{"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
		 "WHERE usename <> current_user", "42501"},
		{"CREATE DATABASE stolen", "42501"},
		{"CREATE ROLE stolen", "42501"},
	};
	server s;
	error err = {0};
	char *tpl, *db = NULL;
	PGconn *admin, *learner, *indexer;
	char *v;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	memset(&s, 0, sizeof s);
	if (!server_open(&s, NULL, NULL, &err))
		fail_msg("server_open: %s", err.message);
	admin = s.admin;
	tpl = query_value(admin, "SELECT min(datname) FROM pg_database "
					  "WHERE datname LIKE 'pgdrill\\_t\\_probe\\_1\\_%'");
	db = scratch_create(&s, tpl, &err);
	assert_non_null(db);
	learner = server_connect(&s, db, ROLE_LEARNER, &err);
	assert_non_null(learner);

	/* the role: no attributes, no memberships, not the owner */
	v = query_value(admin, "SELECT rolsuper::text || rolcreaterole::text || rolcreatedb::text "
					"|| rolreplication::text || rolbypassrls::text FROM pg_roles "
					"WHERE rolname = 'pgdrill_learner'");
	assert_string_equal(v, "falsefalsefalsefalsefalse");
	free(v);
	v = query_value(admin, "SELECT count(*) FROM pg_auth_members "
					"WHERE member = 'pgdrill_learner'::regrole");
	assert_string_equal(v, "0");
	free(v);
	v = query_value(learner, "SELECT (d.datdba = r.oid)::text FROM pg_database d, pg_roles r "
					"WHERE d.datname = current_database() AND r.rolname = current_user");
	assert_string_equal(v, "false");
	free(v);
	/* databases: this clone only, and no TEMP anywhere */
	v = query_value(admin, "SELECT string_agg(datname, ',') FROM pg_database "
					"WHERE has_database_privilege('pgdrill_learner', oid, 'CONNECT') "
					"AND datname <> current_database() AND NOT datname LIKE 'pgdrill\\_s\\_%' "
					"AND datallowconn");
	if (strcmp(v, "") != 0)
		fail_msg("pgdrill_learner may connect to: %s", v);
	free(v);
	v = query_value(admin, "SELECT count(*) FROM pg_database "
					"WHERE has_database_privilege('pgdrill_learner', oid, 'TEMPORARY')");
	assert_string_equal(v, "0");
	free(v);
	/* limits the role cannot lift */
	v = query_value(learner, "SELECT current_setting('work_mem') || ' ' || "
					"current_setting('temp_file_limit')");
	assert_string_equal(v, ROLES_WORK_MEM " " ROLES_TEMP_FILE_LIMIT);
	free(v);

	for (size_t i = 0; i < sizeof walls / sizeof walls[0]; i++) {
		char *st = sqlstate_of(learner, walls[i].sql);

		if (st[0] == '\0')
			fail_msg("as pgdrill_learner, \"%s\" succeeded", walls[i].sql);
		if (walls[i].sqlstate && strcmp(st, walls[i].sqlstate) != 0)
			fail_msg("as pgdrill_learner, \"%s\" failed with %s, expected %s",
					 walls[i].sql, st, walls[i].sqlstate);
		free(st);
	}
	/* READ ONLY cannot be lifted from inside the transaction */
	{
		static const char *const in_tx[] = {
			"SELECT set_config('transaction_read_only', 'off', true)",
			"SET TRANSACTION READ WRITE",
			"SET LOCAL transaction_read_only = off",
		};

		for (size_t i = 0; i < sizeof in_tx / sizeof in_tx[0]; i++) {
			char *st;

			PQclear(PQexec(learner, "BEGIN READ ONLY"));
			PQclear(PQexec(learner, "SELECT count(*) FROM items"));
			st = sqlstate_of(learner, in_tx[i]);
			if (st[0] == '\0')
				fail_msg("in a READ ONLY transaction, \"%s\" succeeded", in_tx[i]);
			free(st);
			PQclear(PQexec(learner, "ROLLBACK"));
		}
	}
	/* the advisory lock the analysis denies would die with the session */
	PQclear(PQexec(learner, "SELECT pg_advisory_lock(4242)"));
	db_close(learner);

	/* the indexer: may build indexes (in its rolled-back transaction), may
	 * not become anyone beyond pgdrill_owner, has no TEMP */
	indexer = server_connect(&s, db, ROLE_INDEXER, &err);
	assert_non_null(indexer);
	PQclear(PQexec(indexer, "BEGIN"));
	v = sqlstate_of(indexer, "CREATE INDEX ON tags (tag)");
	assert_string_equal(v, "");
	free(v);
	PQclear(PQexec(indexer, "ROLLBACK"));
	{
		static const char *const denied[] = {
			"SET ROLE pgdrill_learner", "SET ROLE postgres",
			"SET SESSION AUTHORIZATION postgres", "CREATE TEMP TABLE t (x int)",
			"ALTER ROLE pgdrill_indexer SUPERUSER", "SELECT pg_read_file('/etc/passwd')",
			"COPY tags TO PROGRAM 'true'", "CREATE DATABASE stolen",
		};

		for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
			char *st = sqlstate_of(indexer, denied[i]);

			if (st[0] == '\0')
				fail_msg("as pgdrill_indexer, \"%s\" succeeded", denied[i]);
			free(st);
		}
	}
	db_close(indexer);
	assert_true(scratch_drop(&s, db, &err));
	free(db);
	free(tpl);
	server_close(&s);
	residue_assert_clean("role walls");
}

/* A count or list from the admin connection (the test fails on error). */
static char *admin_value(PGconn *admin, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static char *
admin_value(PGconn *admin, const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;
	char *v;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	v = query_value(admin, strbuf_str(&sb));
	strbuf_free(&sb);
	return v;
}

#define POOL_OF(tpl_literal) \
	"shobj_description(oid, 'pg_database') = 'pgdrill pool: template=' || " tpl_literal

/*
 * The clone pool (sandbox/pool.h): clones made ahead are closed to everyone
 * and were never connected to; a scratch database taken from it is one of
 * them (a rename keeps the oid), open to the learner roles; a used clone
 * is dropped, never handed out again, so the next hand-out has none of the
 * previous user's leftovers; a clone of a template that is gone is never
 * handed out and is reaped, as is a half-made clone of a dead process;
 * PGDRILL_POOL=0 turns the pool off.
 */
static void
test_pool_clones(void **state)
{
	server s;
	error err = {0};
	char *tpl, *db, *db2, *v, *pool_oids, *sql;
	PGconn *admin, *conn;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	memset(&s, 0, sizeof s);
	if (!server_open(&s, NULL, NULL, &err))
		fail_msg("server_open: %s", err.message);
	admin = s.admin;
	assert_int_equal(pool_size(&s), POOL_SIZE_DEFAULT);
	tpl = query_value(admin, "SELECT min(datname) FROM pg_database "
					  "WHERE datname LIKE 'pgdrill\\_t\\_probe\\_1\\_%'");
	assert_true(pool_fill(&s, tpl, POOL_SIZE_DEFAULT, &err) >= 0);
	/* (an earlier check's refill may still be adding one: at least two) */
	v = admin_value(admin, "SELECT (count(*) >= 2)::text FROM pg_database WHERE "
					POOL_OF("'%s'"), tpl);
	assert_string_equal(v, "true");
	free(v);

	/* made ahead: closed to connections and to the learner roles, no row
	 * written in them, and warmed: the one connection pool_fill makes has
	 * left the relation-cache init file that a copy does not inherit */
	v = admin_value(admin, "SELECT count(*) FROM pg_database d "
					"LEFT JOIN pg_stat_database st ON st.datid = d.oid "
					"WHERE " POOL_OF("'%s'") " AND (d.datallowconn "
					"OR has_database_privilege('pgdrill_learner', d.oid, 'CONNECT') "
					"OR has_database_privilege('pgdrill_indexer', d.oid, 'CONNECT') "
					"OR coalesce(st.tup_inserted + st.tup_updated + st.tup_deleted, 0) > 0 "
					"OR (pg_stat_file('base/' || d.oid || '/pg_internal.init', true)).size IS NULL)",
					tpl);
	assert_string_equal(v, "0");
	free(v);
	/* (any ready clone: one being made -- copied, closed to PUBLIC,
	 * warmed by the superuser -- is closed to connections with its ready
	 * comment) */
	v = query_value(admin, "SELECT count(*) FROM pg_database WHERE datname LIKE 'pgdrill\\_p\\_%' "
					"AND shobj_description(oid, 'pg_database') LIKE 'pgdrill pool: template=%' "
					"AND datallowconn");
	assert_string_equal(v, "0");
	free(v);

	/* handed out: one of them, opened to the learner */
	pool_oids = admin_value(admin, "SELECT ','||string_agg(oid::text, ',')||',' FROM pg_database "
							"WHERE " POOL_OF("'%s'"), tpl);
	db = scratch_create(&s, tpl, &err);
	assert_non_null(db);
	sql = xasprintf("SELECT ','||oid::text||',' FROM pg_database WHERE datname = '%s'", db);
	v = query_value(admin, sql);
	free(sql);
	if (strstr(pool_oids, v) == NULL)
		fail_msg("scratch database %s (oid %s) is not from the pool %s", db, v, pool_oids);
	free(v);
	assert_int_equal(s.later.n_refill, 1);
	assert_string_equal(s.later.refill[0], tpl);
	conn = server_connect(&s, db, ROLE_LEARNER, &err);
	assert_non_null(conn);
	db_close(conn);
	/* a use that leaves something behind (as the owner could) */
	conn = server_connect(&s, db, NULL, &err);
	assert_non_null(conn);
	assert_true(db_exec(conn, "CREATE TABLE pool_leftover (x int)", ERROR_ENV, &err));
	db_close(conn);
	sql = xasprintf("SELECT oid::text FROM pg_database WHERE datname = '%s'", db);
	v = query_value(admin, sql);
	free(sql);
	assert_true(scratch_drop(&s, db, &err));
	/* the used clone is gone (dropped, not returned) */
	sql = xasprintf("SELECT count(*) FROM pg_database WHERE oid = %s", v);
	free(v);
	v = query_value(admin, sql);
	free(sql);
	assert_string_equal(v, "0");
	free(v);
	/* the next hand-out is another clone, without the leftover */
	db2 = scratch_create(&s, tpl, &err);
	assert_non_null(db2);
	conn = server_connect(&s, db2, ROLE_LEARNER, &err);
	assert_non_null(conn);
	v = query_value(conn, "SELECT count(*) FROM pg_class WHERE relname = 'pool_leftover'");
	assert_string_equal(v, "0");
	free(v);
	db_close(conn);
	assert_true(scratch_drop(&s, db2, &err));
	free(db2);
	free(db);

	/* refilled after the command (here in this process, synchronously) */
	pool_run_later(&s, false, NULL, NULL);
	assert_int_equal(s.later.n_refill, 0);
	v = admin_value(admin, "SELECT (count(*) >= 2)::text FROM pg_database WHERE "
					POOL_OF("'%s'"), tpl);
	assert_string_equal(v, "true");
	free(v);

	/* a template that is gone: its clone is not handed out, and is reaped */
	sql = xasprintf("CREATE DATABASE pgdrill_t_pooltest_gone TEMPLATE %s STRATEGY FILE_COPY", tpl);
	assert_true(db_exec(admin, sql, ERROR_ENV, &err));
	free(sql);
	assert_int_equal(pool_fill(&s, "pgdrill_t_pooltest_gone", 1, &err), 1);
	assert_true(db_exec(admin, "DROP DATABASE pgdrill_t_pooltest_gone", ERROR_ENV, &err));
	assert_int_equal(pool_take(&s, "pgdrill_t_pooltest_gone", "pgdrill_pooltest_taken",
							   "x", &err), 0);
	/* a half-made clone (no ready comment) of a process that is gone, and
	 * one of a live process (this one's parent), which is left alone */
	sql = xasprintf("CREATE DATABASE pgdrill_p_000000000000_%d_1 TEMPLATE %s "
					"STRATEGY FILE_COPY", 999999999, tpl);
	assert_true(db_exec(admin, sql, ERROR_ENV, &err));
	free(sql);
	sql = xasprintf("CREATE DATABASE pgdrill_p_000000000000_%ld_1 TEMPLATE %s "
					"STRATEGY FILE_COPY", (long) getppid(), tpl);
	assert_true(db_exec(admin, sql, ERROR_ENV, &err));
	free(sql);
	assert_true(scratch_reap(&s, &err) >= 2);
	v = query_value(admin, "SELECT coalesce(string_agg(datname, ','), '') FROM pg_database "
					"WHERE datname LIKE 'pgdrill\\_p\\_000000000000\\_%' OR "
					"shobj_description(oid, 'pg_database') LIKE '%pooltest%'");
	sql = xasprintf("pgdrill_p_000000000000_%ld_1", (long) getppid());
	assert_string_equal(v, sql);
	free(v);
	v = xasprintf("DROP DATABASE %s", sql);
	assert_true(db_exec(admin, v, ERROR_ENV, &err));
	free(v);
	free(sql);
	{
		long n = -1;
		long long bytes = -1;

		assert_true(pool_inventory(admin, &n, &bytes, &err));
		assert_true(n >= 2 && bytes > 0);
	}

	/* the pool off: a scratch database is a fresh copy */
	setenv("PGDRILL_POOL", "0", 1);
	assert_int_equal(pool_size(&s), 0);
	free(pool_oids);
	pool_oids = admin_value(admin, "SELECT ','||string_agg(oid::text, ',')||',' FROM pg_database "
							"WHERE " POOL_OF("'%s'"), tpl);
	db = scratch_create(&s, tpl, &err);
	unsetenv("PGDRILL_POOL");
	assert_non_null(db);
	sql = xasprintf("SELECT ','||oid::text||',' FROM pg_database WHERE datname = '%s'", db);
	v = query_value(admin, sql);
	free(sql);
	assert_null(strstr(pool_oids, v));
	free(v);
	assert_true(scratch_drop(&s, db, &err));
	free(db);
	free(pool_oids);
	free(tpl);
	server_close(&s);
	residue_assert_clean("pool");
}

/* The "limits" object of drill.json and the bounds on memory settings
 * (no server needed: drill_load on generated folders). */
static void
test_drill_limits(void **state)
{
	static const struct {
		const char *extra;        /* fields added to a valid drill.json */
		const char *error;        /* expected in the message; NULL = loads */
		size_t max_rows;
		int work_mem_kb, temp_kb;
	} cases[] = {
		{"", NULL, DRILL_MAX_ROWS, 0, 0},
		{", \"limits\": {\"max_rows\": 1000, \"max_result_mb\": 2, \"work_mem_mb\": 8, "
		 "\"temp_file_limit_mb\": 64}", NULL, 1000, 8192, 65536},
		{", \"limits\": {}", NULL, DRILL_MAX_ROWS, 0, 0},
		{", \"limits\": {\"max_rows\": 6000000}", "max_rows", 0, 0, 0},
		{", \"limits\": {\"max_rows\": 0}", "max_rows", 0, 0, 0},
		{", \"limits\": {\"max_result_mb\": 4096}", "max_result_mb", 0, 0, 0},
		{", \"limits\": {\"work_mem_mb\": 2048}", "work_mem_mb", 0, 0, 0},
		{", \"limits\": {\"temp_file_limit_mb\": -1}", "temp_file_limit_mb", 0, 0, 0},
		{", \"limits\": {\"temp_file_limit_mb\": \"1GB\"}", "temp_file_limit_mb", 0, 0, 0},
		{", \"limits\": {\"statement_timeout\": 0}", "statement_timeout", 0, 0, 0},
		{", \"limits\": [1]", "\"limits\" must be an object", 0, 0, 0},
		{", \"settings\": {\"work_mem\": \"64MB\"}", NULL, DRILL_MAX_ROWS, 0, 0},
		{", \"settings\": {\"work_mem\": \"4096\"}", NULL, DRILL_MAX_ROWS, 0, 0},
		{", \"settings\": {\"work_mem\": \"2GB\"}", "work_mem", 0, 0, 0},
		{", \"settings\": {\"work_mem\": \"lots\"}", "work_mem", 0, 0, 0},
		{", \"settings\": {\"hash_mem_multiplier\": \"1000\"}", "hash_mem_multiplier", 0, 0, 0},
		{", \"settings\": {\"temp_file_limit\": \"-1\"}", "may not be pinned", 0, 0, 0},
		{", \"settings\": {\"work_mem\": \"8MB\"}, \"limits\": {\"work_mem_mb\": 8}",
		 "both", 0, 0, 0},
	};
	char *root = xasprintf("%s/limits.%ld", getenv("PGDRILL_TEST_HOME"), (long) getpid());
	char *dir = xasprintf("%s/probe-limits", root);
	static const char *const files[] = {"prompt.md", "slow.sql", "reference.sql"};
	error err;

	(void) state;
	assert_true(mkdir(root, 0755) == 0 || errno == EEXIST);
	assert_true(mkdir(dir, 0755) == 0 || errno == EEXIST);
	for (size_t i = 0; i < 3; i++) {
		char *p = xasprintf("%s/%s", dir, files[i]);

		assert_true(fileio_write_atomic(p, "SELECT 1;\n", 10, 0644, &err));
		free(p);
	}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *json = xasprintf("{\"id\": \"probe-limits\", \"title\": \"t\", \"kind\": "
							   "\"rewrite\", \"fixture\": \"probe\", \"concepts\": [\"x\"], "
							   "\"difficulty\": 1, \"minutes\": 1%s}", cases[i].extra);
		char *p = xasprintf("%s/drill.json", dir);
		drill *d;

		memset(&err, 0, sizeof err);
		assert_true(fileio_write_atomic(p, json, strlen(json), 0644, &err));
		d = drill_load(root, "probe-limits", &err);
		if (cases[i].error == NULL) {
			if (d == NULL)
				fail_msg("case %zu: %s", i, err.message);
			assert_int_equal(d->limits.max_rows, cases[i].max_rows);
			assert_int_equal(d->limits.work_mem_kb, cases[i].work_mem_kb);
			assert_int_equal(d->limits.temp_file_limit_kb, cases[i].temp_kb);
			assert_true(d->limits.max_bytes >= 1024 * 1024);
		} else {
			if (d != NULL)
				fail_msg("case %zu loaded; expected an error about %s", i, cases[i].error);
			assert_int_equal(err.kind, ERROR_USAGE);
			if (strstr(err.message, cases[i].error) == NULL)
				fail_msg("case %zu: \"%s\" does not mention %s", i, err.message,
						 cases[i].error);
		}
		drill_free(d);
		unlink(p);
		free(p);
		free(json);
	}
	for (size_t i = 0; i < 3; i++) {
		char *p = xasprintf("%s/%s", dir, files[i]);

		unlink(p);
		free(p);
	}
	rmdir(dir);
	rmdir(root);
	free(dir);
	free(root);
}

/* Output that a terminal would obey: ESC, BEL, CR, C1 CSI. */
static const char *
raw_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *) s; *p; p++)
		if (*p == 0x1b || *p == 0x07 || *p == '\r' || (p[0] == 0xc2 && p[1] == 0x9b))
			return (const char *) p;
	return NULL;
}

/* Run pgdrill; its stdout + stderr must hold no raw control sequence and
 * show at least one escaped ("\x1b", "\x07" or "\x0d"). */
static void
assert_echo_escaped(const char *label, const char *const *args, const char *const *env,
					int want_code)
{
	proc_result res = PROC_RESULT_INIT;
	strbuf all = STRBUF_INIT;
	const char *raw;

	harness_run_pgdrill(args, env, NULL, 120, &res);
	strbuf_printf(&all, "%s%s", strbuf_str(&res.out), strbuf_str(&res.err));
	if (res.exit_code != want_code)
		fail_msg("%s: exit %d, expected %d: %s", label, res.exit_code, want_code, all.data);
	if ((raw = raw_control(all.data)) != NULL)
		fail_msg("%s: a raw control character (0x%02x) reached the terminal:\n%s", label,
				 (unsigned char) *raw, all.data);
	if (!strstr(all.data, "\\x1b") && !strstr(all.data, "\\x07") && !strstr(all.data, "\\x0d"))
		fail_msg("%s: the escape sequence is not shown escaped:\n%s", label, all.data);
	proc_result_free(&res);
	strbuf_free(&all);
}

/*
 * The escape-sequence cases of the corpus (escape_*.sql, escape_plan*.txt)
 * as a terminal sees them: `check` and `lint` in text format, `explain` on
 * the pasted plans.  Then early refusal: with PGDRILL_DB pointing at a
 * server that does not exist, `check` still refuses each syntax error and
 * disallowed statement (exit 3): the refusal touched no server, so no
 * template, clone or slow-query run.
 */
static void
test_escape_echoes(void **state)
{
	static const char *const sql[] = {
		"escape_osc_title.sql", "escape_csi_hide.sql", "escape_bel.sql",
		"escape_cr_overprint.sql", "escape_disallowed.sql",
	};
	static const char *const plans[] = {"escape_plan.txt", "escape_plan_bad.txt"};
	const char *const *base = residue_env();
	const char *nowhere[] = {base[0], base[1], base[2],
		"PGDRILL_DB=host=/nonexistent/pgdrill-no-server port=1 connect_timeout=2", NULL};
	char *before;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	before = residue_fixture_checksum();
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		char *path = xasprintf("%s/tests/hostile/%s", residue_source_dir(), sql[i]);
		const char *check[] = {"check", "probe-rewrite", "--answer", path, "--runs", "1", NULL};
		const char *lint[] = {"lint", path, NULL};
		char *label = xasprintf("%s (unreachable server)", sql[i]);
		double t0;

		assert_echo_escaped(sql[i], check, base, 3);
		if (strcmp(sql[i], "escape_disallowed.sql") != 0)
			assert_echo_escaped(sql[i], lint, base, 3);
		t0 = clock_now_s();
		assert_echo_escaped(label, check, nowhere, 3);
		print_message("  %-34s refused in %.2f s without a server\n", sql[i], clock_now_s() - t0);
		residue_assert_clean(sql[i]);
		free(label);
		free(path);
	}
	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		char *path = xasprintf("%s/tests/hostile/%s", residue_source_dir(), plans[i]);
		const char *explain[] = {"explain", path, NULL};

		assert_echo_escaped(plans[i], explain, base, i == 0 ? 0 : 3);
		free(path);
	}
	{
		char *after = residue_fixture_checksum();

		assert_string_equal(before, after);
		free(after);
	}
	free(before);
}

/*
 * Early refusal in `watch` and `grade` too, with PGDRILL_DB pointing at a
 * server that does not exist (so any server work would end the command
 * with exit 4): `watch` answers each refused save (a syntax error, then a
 * disallowed statement) with a rejected verdict and keeps watching, and
 * only the first save it may grade makes it open the server (exit 4 here);
 * `grade` on a manifest of the escape-sequence answers rejects every one
 * (exit 3).  The times are printed, not asserted (a loaded machine).
 */
static void
test_early_refusal_watch_grade(void **state)
{
	static const char *const sql[] = {
		"escape_osc_title.sql", "escape_csi_hide.sql", "escape_bel.sql",
		"escape_cr_overprint.sql", "escape_disallowed.sql",
	};
	const char *nowhere = "PGDRILL_DB=host=/nonexistent/pgdrill-no-server port=1 "
		"connect_timeout=2";
	char *drills = xasprintf("%s/tests/hostile/catalogue/drills", residue_source_dir());
	char *fixtures = xasprintf("%s/tests/hostile/catalogue/fixtures", residue_source_dir());
	char *before, *answer, *manifest, *after;
	learner_env le;
	learner_watcher w;
	strbuf man = STRBUF_INIT;
	cJSON *g, *out, *results;
	int status = 0, code;
	double t0;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	before = residue_fixture_checksum();
	learner_env_init(&le, "early-refusal", drills, fixtures);
	le.env[4] = nowhere;

	/* watch: two refused saves, graded without a server */
	answer = xasprintf("%s/work/probe-rewrite.sql", le.dir);
	{
		char *src = xasprintf("%s/tests/hostile/%s", residue_source_dir(), sql[0]);

		copy_text(src, answer);
		free(src);
	}
	t0 = clock_now_s();
	learner_watch_start(&le, "probe-rewrite", answer, &w);
	for (int round = 1; round <= 2; round++) {
		g = learner_watch_next(&w, 120);
		if (g == NULL)
			fail_msg("watch: no verdict for round %d (a refusal must not need the server)",
					 round);
		assert_int_equal((int) jnum(g, "round"), round);
		if (strcmp(jstr(g, "status"), "rejected") != 0)
			fail_msg("watch round %d: %s (%s), expected rejected", round, jstr(g, "status"),
					 jstr(g, "message"));
		print_message("  watch round %d refused in %.2f s without a server\n", round,
					  clock_now_s() - t0);
		cJSON_Delete(g);
		if (round == 1) {
			char *src = xasprintf("%s/tests/hostile/escape_disallowed.sql",
								  residue_source_dir());

			t0 = clock_now_s();
			copy_text(src, answer);
			free(src);
		}
	}
	/* a gradable save: now, and only now, the server is needed */
	write_text(answer, "SELECT grp FROM items;\n");
	while ((g = learner_watch_next(&w, 120)) != NULL) {
		if (strcmp(jstr(g, "status"), "rejected") == 0 || jnum(g, "round") >= 0)
			fail_msg("watch graded a save without its server: %s", jstr(g, "status"));
		cJSON_Delete(g);    /* the error report */
	}
	close(w.out);
	strbuf_free(&w.buf);
	assert_int_equal(waitpid(w.pid, &status, 0), w.pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 4);

	/* grade: a manifest of refused answers, none needs the server */
	strbuf_append(&man, "[");
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
		strbuf_printf(&man, "%s{\"drill\": \"probe-rewrite\", \"file\": \"%s/tests/hostile/%s\"}",
					  i ? ", " : "", residue_source_dir(), sql[i]);
	strbuf_append(&man, "]\n");
	manifest = xasprintf("%s/manifest.json", le.dir);
	write_text(manifest, man.data);
	{
		const char *args[] = {"grade", manifest, "--runs", "1", "--format", "json", NULL};

		t0 = clock_now_s();
		out = harness_run_json(args, le.env, NULL, 120, &code);
	}
	print_message("  grade of %zu refused answers in %.2f s without a server\n",
				  sizeof sql / sizeof sql[0], clock_now_s() - t0);
	assert_int_equal(code, 3);
	results = cJSON_GetObjectItemCaseSensitive(out, "results");
	assert_int_equal(cJSON_GetArraySize(results), (int) (sizeof sql / sizeof sql[0]));
	for (int i = 0; i < cJSON_GetArraySize(results); i++) {
		const cJSON *r = cJSON_GetArrayItem(results, i);

		if (strcmp(jstr(r, "status"), "rejected") != 0)
			fail_msg("grade: %s is %s (%s), expected rejected", jstr(r, "answer_file"),
					 jstr(r, "status"), jstr(r, "message"));
	}
	cJSON_Delete(out);
	residue_assert_clean("early refusal in watch and grade");
	after = residue_fixture_checksum();
	assert_string_equal(before, after);
	free(after);
	free(before);
	free(manifest);
	strbuf_free(&man);
	free(answer);
	learner_env_free(&le);
	free(drills);
	free(fixtures);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_drill_limits),
		cmocka_unit_test(test_references_pass),
		cmocka_unit_test(test_learner_role_walls),
		cmocka_unit_test(test_pool_clones),
		cmocka_unit_test(test_hostile_corpus),
		cmocka_unit_test(test_generated_inputs),
		cmocka_unit_test(test_escape_echoes),
		cmocka_unit_test(test_early_refusal_watch_grade),
	};

	return cmocka_run_group_tests_name("hostile", tests, residue_group_setup, NULL);
}
