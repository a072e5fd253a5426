/*
 * test_fixture_build.c — building a fixture with "after_vacuum" scripts
 * (engine/sandbox/template.c): the scripts run after the template's VACUUM
 * (FREEZE, ANALYZE), so what they change stays as they left it — pages no
 * longer all-visible, dead row versions — in the template, in its clones
 * and in a one-off rebuild (author verify's rebuild check), while the same
 * fixture without them is all-visible.  The evidence is what a learner
 * sees: the Heap Fetches of an Index Only Scan, run as the learner role.
 *
 * The fixtures are written here to a temporary folder (table t, 20,000
 * rows; the after_vacuum script updates every tenth row, spread over every
 * page) and their templates dropped at the end.
 *
 * Also the groups of scripts that run side by side ("scripts": [..., ["a.sql",
 * "b.sql"], ...]): each script of a group in a session of its own, with the
 * build's settings and role, the two really at the same time (each waits
 * for the other to show up in pg_stat_activity), the next script back in
 * the build's own session; the tables then vacuumed side by side, every page
 * all-visible and every table analyzed; a failing group script named with
 * its line, nothing left behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/fixture.h"
#include "harness.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "pg/db.h"
#include "pg/roles.h"
#include "pg/server.h"
#include "sandbox/scratch.h"
#include "sandbox/template.h"
#include "strbuf.h"

#define SEED_SQL \
	"CREATE TABLE t (id integer NOT NULL, v integer NOT NULL);\n" \
	"INSERT INTO t SELECT i, i % 7 + current_setting('pgdrill.seed')::int " \
	"FROM generate_series(1, 20000) AS i;\n" \
	"ALTER TABLE t ADD PRIMARY KEY (id);\n"
#define TOUCH_SQL "UPDATE t SET v = v + 1 WHERE id % 10 = 0;\n"

static void
write_file(const char *dir, const char *name, const char *text)
{
	char *p = paths_join(dir, name);
	error err;

	if (!fileio_write_atomic(p, text, strlen(text), 0644, &err))
		fail_msg("%s: %s", p, err.message);
	free(p);
}

static void
make_fixture(const char *root, const char *name, bool after_vacuum)
{
	char *dir = paths_join(root, name);
	char *json = xasprintf("{\"name\": \"%s\", \"title\": \"after_vacuum test\", "
						   "\"scripts\": [\"seed.sql\"], %s\"tables\": [\"t\"]}", name,
						   after_vacuum ? "\"after_vacuum\": [\"touch.sql\"], " : "");
	error err;

	if (!paths_mkdir_p(dir, 0755, &err))
		fail_msg("%s", err.message);
	write_file(dir, "fixture.json", json);
	write_file(dir, "seed.sql", SEED_SQL);
	write_file(dir, "touch.sql", TOUCH_SQL);
	free(json);
	free(dir);
}

/* Heap Fetches of an index-only count(*) over t, as the learner role on
 * database db; -1 when the plan has no Index Only Scan. */
static long
heap_fetches(server *s, const char *db)
{
	error err = {0};
	PGconn *conn = server_connect(s, db, ROLE_LEARNER, &err);
	PGresult *res;
	long fetches = -1;
	bool ios = false;

	if (conn == NULL)
		fail_msg("connect to %s: %s", db, err.message);
	if (!db_exec(conn, "SET enable_seqscan = off; SET enable_bitmapscan = off; "
				 "SET max_parallel_workers_per_gather = 0", ERROR_ENV, &err))
		fail_msg("%s", err.message);
	res = PQexec(conn, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
				 "SELECT count(*) FROM t WHERE id > 0");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fail_msg("EXPLAIN: %s", PQerrorMessage(conn));
	for (int i = 0; i < PQntuples(res); i++) {
		const char *line = PQgetvalue(res, i, 0);
		const char *hf = strstr(line, "Heap Fetches: ");

		if (strstr(line, "Index Only Scan"))
			ios = true;
		if (hf)
			fetches = atol(hf + strlen("Heap Fetches: "));
	}
	PQclear(res);
	PQfinish(conn);
	return ios ? fetches : -1;
}

static long
fetches_on_clone(server *s, const fixture *f)
{
	error err = {0};
	char *db = template_clone(s, f, TEMPLATE_SEED_MAIN, 1, NULL, &err);
	long n;

	if (db == NULL)
		fail_msg("clone of %s: %s", f->name, err.message);
	n = heap_fetches(s, db);
	if (!scratch_drop(s, db, &err))
		fail_msg("%s", err.message);
	free(db);
	return n;
}

static void
drop_templates(server *s, const fixture *f)
{
	static const int seeds[] = {TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK};
	error err = {0};

	for (size_t i = 0; i < 2; i++) {
		char *name = template_name(f, seeds[i], 1);

		if (!template_drop(s->admin, name, &err))
			fail_msg("%s", err.message);
		free(name);
	}
}

static void
test_after_vacuum_leaves_heap_fetches(void **state)
{
	static const int seeds[] = {TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK};
	char root[64];
	server s;
	error err = {0};
	fixture *touched, *plain;
	long with, without, rebuilt;
	char *oneoff;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	snprintf(root, sizeof root, "/tmp/pgdrill-afv-XXXXXX");
	if (mkdtemp(root) == NULL)
		fail_msg("mkdtemp");
	make_fixture(root, "afv_touched", true);
	make_fixture(root, "afv_plain", false);
	touched = fixture_load(root, "afv_touched", &err);
	if (touched == NULL)
		fail_msg("%s", err.message);
	plain = fixture_load(root, "afv_plain", &err);
	if (plain == NULL)
		fail_msg("%s", err.message);
	memset(&s, 0, sizeof s);
	if (!server_open(&s, NULL, NULL, &err))
		fail_msg("server_open: %s", err.message);

	/* both seeds build (they are built together, then vacuumed one by one) */
	if (!template_ensure(&s, touched, seeds, 2, 1, NULL, NULL, &err) ||
		!template_ensure(&s, plain, seeds, 2, 1, NULL, NULL, &err))
		fail_msg("template_ensure: %s", err.message);
	with = fetches_on_clone(&s, touched);
	without = fetches_on_clone(&s, plain);
	/* the control: VACUUM (FREEZE) made every page all-visible */
	assert_int_equal(without, 0);
	/* every tenth row updated, over every page: every live row's page lost
	 * its bit (at least the 20,000 live rows are fetched) */
	if (with < 20000)
		fail_msg("after_vacuum left %ld heap fetches, expected at least 20000", with);

	/* the one-off rebuild (author verify) runs them too */
	oneoff = xasprintf("pgdrill_afv_rebuild_%ld", (long) getpid());
	if (!template_build_oneoff(&s, touched, TEMPLATE_SEED_MAIN, 1, oneoff,
							   "after_vacuum test rebuild", NULL, &err))
		fail_msg("template_build_oneoff: %s", err.message);
	rebuilt = heap_fetches(&s, oneoff);
	assert_int_equal(rebuilt, with);
	if (!template_drop_oneoff(&s, oneoff, &err))
		fail_msg("%s", err.message);
	free(oneoff);

	drop_templates(&s, touched);
	drop_templates(&s, plain);
	fixture_free(touched);
	fixture_free(plain);
	server_close(&s);
	fileio_remove_tree(root, &err);
}

/* Building f (seed 1) fails with the fixture author's error, naming
 * `where` (a script and line), and leaves no database LIKE `left_like`. */
static void
assert_build_fails(const fixture *f, const char *where, const char *left_like)
{
	static const int seeds[] = {TEMPLATE_SEED_MAIN};
	const char *params[] = {left_like};
	server s;
	error err = {0};
	char *left;

	memset(&s, 0, sizeof s);
	if (!server_open(&s, NULL, NULL, &err))
		fail_msg("server_open: %s", err.message);
	assert_false(template_ensure(&s, f, seeds, 1, 1, NULL, NULL, &err));
	assert_int_equal(err.kind, ERROR_USAGE);
	if (strstr(err.message, where) == NULL)
		fail_msg("the error does not name %s: %s", where, err.message);
	left = db_query_value(s.admin, "SELECT count(*) FROM pg_database WHERE datname LIKE $1",
						  1, params, &err);
	assert_non_null(left);
	assert_string_equal(left, "0");
	free(left);
	server_close(&s);
}

/* A failing after_vacuum script is the fixture author's error: it names
 * the script and line, and leaves no build database behind. */
static void
test_after_vacuum_error_names_script(void **state)
{
	char root[64], *dir;
	error err = {0};
	fixture *f;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	snprintf(root, sizeof root, "/tmp/pgdrill-afv-XXXXXX");
	if (mkdtemp(root) == NULL)
		fail_msg("mkdtemp");
	make_fixture(root, "afv_broken", true);
	dir = paths_join(root, "afv_broken");
	write_file(dir, "touch.sql", "UPDATE t SET v = v + 1;\nUPDATE t SET nope = 1;\n");
	free(dir);
	f = fixture_load(root, "afv_broken", &err);
	if (f == NULL)
		fail_msg("%s", err.message);
	assert_build_fails(f, "touch.sql line 2", "pgdrill\\_%\\_afv\\_broken\\_%");
	fixture_free(f);
	fileio_remove_tree(root, &err);
}

/* Records which session ran a script, as whom, with which seed. */
#define WHO_SQL(script) \
	"INSERT INTO who VALUES ('" script "', pg_backend_pid(), current_user, " \
	"current_setting('pgdrill.seed'));\n"
/* Waits (up to 10 s) until a session of this database is named `other`. */
#define WAIT_FOR_SQL(me, other) \
	"SET application_name = '" me "';\n" \
	"DO $$ BEGIN\n" \
	"  FOR i IN 1..200 LOOP\n" \
	"    PERFORM pg_stat_clear_snapshot();\n" \
	"    EXIT WHEN EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database()\n" \
	"                      AND application_name = '" other "');\n" \
	"    IF i = 200 THEN RAISE EXCEPTION '" other " never ran beside " me "'; END IF;\n" \
	"    PERFORM pg_sleep(0.05);\n" \
	"  END LOOP;\n" \
	"END $$;\n"

static fixture *
make_group_fixture(const char *root, const char *name, const char *a_sql, const char *b_sql)
{
	char *dir = paths_join(root, name);
	char *json = xasprintf("{\"name\": \"%s\", \"title\": \"group test\", "
						   "\"scripts\": [\"schema.sql\", [\"a.sql\", \"b.sql\"], \"last.sql\"], "
						   "\"tables\": [\"a\", \"b\"]}", name);
	error err = {0};
	fixture *f;

	if (!paths_mkdir_p(dir, 0755, &err))
		fail_msg("%s", err.message);
	write_file(dir, "fixture.json", json);
	write_file(dir, "schema.sql",
			   "CREATE TABLE who (script text, pid integer, role text, seed text);\n"
			   "CREATE TABLE a (id integer NOT NULL);\n"
			   "CREATE TABLE b (id integer NOT NULL);\n" WHO_SQL("schema"));
	write_file(dir, "a.sql", a_sql);
	write_file(dir, "b.sql", b_sql);
	write_file(dir, "last.sql", WHO_SQL("last"));
	f = fixture_load(root, name, &err);
	if (f == NULL)
		fail_msg("%s", err.message);
	free(json);
	free(dir);
	return f;
}

static void
test_group_scripts_run_side_by_side(void **state)
{
	static const int seeds[] = {TEMPLATE_SEED_MAIN};
	char root[64];
	server s;
	error err = {0};
	fixture *f;
	char *db, *v;
	PGconn *conn;
	PGresult *res;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	snprintf(root, sizeof root, "/tmp/pgdrill-grp-XXXXXX");
	if (mkdtemp(root) == NULL)
		fail_msg("mkdtemp");
	f = make_group_fixture(root, "grp_ok",
						   WAIT_FOR_SQL("grp-a", "grp-b") WHO_SQL("a")
						   "INSERT INTO a SELECT generate_series(1, 20000);\n",
						   WAIT_FOR_SQL("grp-b", "grp-a") WHO_SQL("b")
						   "INSERT INTO b SELECT generate_series(1, 30000);\n");
	memset(&s, 0, sizeof s);
	if (!server_open(&s, NULL, NULL, &err))
		fail_msg("server_open: %s", err.message);
	if (!template_ensure(&s, f, seeds, 1, 1, NULL, NULL, &err))
		fail_msg("template_ensure: %s", err.message);
	db = template_clone(&s, f, TEMPLATE_SEED_MAIN, 1, NULL, &err);
	if (db == NULL)
		fail_msg("clone: %s", err.message);
	conn = server_connect(&s, db, NULL, &err);
	if (conn == NULL)
		fail_msg("%s", err.message);
	res = PQexec(conn, "SELECT script, pid, role, seed FROM who ORDER BY script");
	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	assert_int_equal(PQntuples(res), 4);
	/* rows: a, b, last, schema */
	assert_string_equal(PQgetvalue(res, 0, 0), "a");
	assert_string_equal(PQgetvalue(res, 3, 0), "schema");
	for (int i = 0; i < 4; i++) {
		assert_string_equal(PQgetvalue(res, i, 2), ROLE_OWNER);
		assert_string_equal(PQgetvalue(res, i, 3), "1");
	}
	/* a and b: sessions of their own; last: the build's own, as schema */
	assert_string_not_equal(PQgetvalue(res, 0, 1), PQgetvalue(res, 1, 1));
	assert_string_not_equal(PQgetvalue(res, 0, 1), PQgetvalue(res, 3, 1));
	assert_string_not_equal(PQgetvalue(res, 1, 1), PQgetvalue(res, 3, 1));
	assert_string_equal(PQgetvalue(res, 2, 1), PQgetvalue(res, 3, 1));
	PQclear(res);
	v = db_query_value(conn, "SELECT (SELECT count(*) FROM a) || ' ' || (SELECT count(*) FROM b)",
					   0, NULL, &err);
	assert_non_null(v);
	assert_string_equal(v, "20000 30000");
	free(v);
	/* vacuumed side by side: every page all-visible, every table analyzed */
	v = db_query_value(conn, "SELECT string_agg(relname || ' ' || relpages || '/' || relallvisible "
					   "|| ' ' || reltuples, ', ' ORDER BY relname) FROM pg_class "
					   "WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'",
					   0, NULL, &err);
	assert_non_null(v);
	assert_string_equal(v, "a 89/89 20000, b 133/133 30000, who 1/1 4");
	free(v);
	v = db_query_value(conn, "SELECT string_agg(DISTINCT tablename, ' ') FROM pg_stats "
					   "WHERE schemaname = 'public'", 0, NULL, &err);
	assert_non_null(v);
	assert_string_equal(v, "a b who");
	free(v);
	PQfinish(conn);
	if (!scratch_drop(&s, db, &err))
		fail_msg("%s", err.message);
	free(db);
	{
		char *name = template_name(f, TEMPLATE_SEED_MAIN, 1);

		if (!template_drop(s.admin, name, &err))
			fail_msg("%s", err.message);
		free(name);
	}
	fixture_free(f);
	server_close(&s);
	fileio_remove_tree(root, &err);
}

/* A group script that fails is named with its line, like any other; the
 * other script's session and the build database are gone. */
static void
test_group_error_names_script(void **state)
{
	char root[64];
	error err = {0};
	fixture *f;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	snprintf(root, sizeof root, "/tmp/pgdrill-grp-XXXXXX");
	if (mkdtemp(root) == NULL)
		fail_msg("mkdtemp");
	f = make_group_fixture(root, "grp_broken", "SELECT pg_sleep(1);\n",
						   "INSERT INTO b VALUES (1);\nINSERT INTO nope VALUES (1);\n");
	assert_build_fails(f, "b.sql line 2", "pgdrill\\_%\\_grp\\_broken\\_%");
	fixture_free(f);
	fileio_remove_tree(root, &err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_after_vacuum_leaves_heap_fetches),
		cmocka_unit_test(test_after_vacuum_error_names_script),
		cmocka_unit_test(test_group_scripts_run_side_by_side),
		cmocka_unit_test(test_group_error_names_script),
	};

	return cmocka_run_group_tests(tests, harness_group_setup, NULL);
}
