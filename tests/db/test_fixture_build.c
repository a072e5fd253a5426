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

/* A failing after_vacuum script is the fixture author's error: it names
 * the script and line, and leaves no build database behind. */
static void
test_after_vacuum_error_names_script(void **state)
{
	static const int seeds[] = {TEMPLATE_SEED_MAIN};
	char root[64], *dir;
	server s;
	error err = {0};
	fixture *f;
	char *left;

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
	memset(&s, 0, sizeof s);
	if (!server_open(&s, NULL, NULL, &err))
		fail_msg("server_open: %s", err.message);
	assert_false(template_ensure(&s, f, seeds, 1, 1, NULL, NULL, &err));
	assert_int_equal(err.kind, ERROR_USAGE);
	if (strstr(err.message, "touch.sql line 2") == NULL)
		fail_msg("the error does not name touch.sql line 2: %s", err.message);
	left = db_query_value(s.admin, "SELECT count(*) FROM pg_database "
						  "WHERE datname LIKE 'pgdrill\\_%\\_afv\\_broken\\_%'", 0, NULL, &err);
	assert_non_null(left);
	assert_string_equal(left, "0");
	free(left);
	fixture_free(f);
	server_close(&s);
	fileio_remove_tree(root, &err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_after_vacuum_leaves_heap_fetches),
		cmocka_unit_test(test_after_vacuum_error_names_script),
	};

	return cmocka_run_group_tests(tests, harness_group_setup, NULL);
}
