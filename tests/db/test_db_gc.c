/*
 * test_db_gc.c — `pgdrill db status` and `pgdrill db gc` on the shared test
 * cluster: status works without the PostgreSQL binaries (it only looks) and
 * reports the disk used and the templates; gc drops the templates of a
 * fixture that is gone and of a fixture whose files (or recipe) changed,
 * and keeps current ones at any scale.
 *
 * The templates gc must judge are made here as empty databases with the
 * names template.c gives (a real build is not needed to test the naming
 * rule).  gc runs against the repository's fixtures/, so templates of the
 * tiny test catalogue in the shared home are dropped too: they are rebuilt
 * on demand by the tests that use them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/fixture.h"
#include "harness.h"
#include "pg/db.h"
#include "sandbox/template.h"
#include "strbuf.h"

#define GONE "pgdrill_t_gone_1_1_0123456789ab"
#define CHANGED "pgdrill_t_shop_1_7_000000000000"

static cJSON *
run_json(const char *const *args, const char *const *env, int *code)
{
	const char *argv[16];
	proc_result res = PROC_RESULT_INIT;
	cJSON *o;
	int n = 0;

	for (; args[n] && n < 13; n++)
		argv[n] = args[n];
	argv[n++] = "--format";
	argv[n++] = "json";
	argv[n] = NULL;
	harness_run_pgdrill(argv, env, NULL, 300, &res);
	*code = res.exit_code;
	o = cJSON_Parse(strbuf_str(&res.out));
	if (o == NULL)
		fail_msg("not JSON (exit %d):\n%s\n%s", res.exit_code, strbuf_str(&res.out),
				 strbuf_str(&res.err));
	proc_result_free(&res);
	return o;
}

static bool
database_exists(PGconn *conn, const char *name)
{
	const char *params[] = {name};
	error err;
	char *v = db_query_value(conn, "SELECT count(*) FROM pg_database WHERE datname = $1",
							 1, params, &err);
	bool exists;

	if (v == NULL)
		fail_msg("%s", err.message);
	exists = strcmp(v, "1") == 0;
	free(v);
	return exists;
}

static void
make_template(PGconn *conn, const char *name)
{
	error err;

	if (!db_execf(conn, &err, "CREATE DATABASE %s TEMPLATE template0", name) ||
		!db_execf(conn, &err, "ALTER DATABASE %s WITH IS_TEMPLATE true "
				  "ALLOW_CONNECTIONS false", name))
		fail_msg("%s", err.message);
}

static void
test_status_without_binaries(void **state)
{
	const char *args[] = {"db", "status", NULL};
	const char *env[] = {"PGDRILL_PG_BINDIR=/nonexistent", NULL};
	PGconn *conn;
	cJSON *o, *t;
	int code;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	conn = harness_connect("postgres");   /* the cluster runs */
	PQfinish(conn);
	o = run_json(args, env, &code);
	assert_int_equal(code, 0);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "running")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, "bindir")));
	assert_non_null(strstr(cJSON_GetObjectItemCaseSensitive(o, "bindir_problem")->valuestring,
						   "/nonexistent"));
	assert_true(cJSON_GetObjectItemCaseSensitive(o, "disk_bytes")->valuedouble > 1e6);
	t = cJSON_GetObjectItemCaseSensitive(o, "templates");
	assert_non_null(t);
	assert_true(cJSON_GetObjectItemCaseSensitive(t, "count")->valuedouble >= 0);
	cJSON_Delete(o);
}

static void
test_gc_drops_only_stale_templates(void **state)
{
	char *fixtures = xasprintf("%s/fixtures", getenv("PGDRILL_SOURCE_DIR"));
	const char *gc[] = {"db", "gc", "--fixtures", fixtures, NULL};
	const char *status[] = {"db", "status", "--fixtures", fixtures, NULL};
	error err = {0};
	fixture *shop = fixture_load(fixtures, "shop", &err);
	char *current;
	PGconn *conn;
	cJSON *o, *dropped;
	int code;
	bool saw_gone = false, saw_changed = false;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	assert_non_null(shop);
	current = template_name(shop, 1, 7);   /* a scale nobody builds */
	conn = harness_connect("postgres");
	make_template(conn, GONE);
	make_template(conn, CHANGED);
	make_template(conn, current);
	o = run_json(status, NULL, &code);
	assert_int_equal(code, 0);
	assert_true(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, "templates"),
												 "stale")->valuedouble >= 2);
	cJSON_Delete(o);
	o = run_json(gc, NULL, &code);
	assert_int_equal(code, 0);
	dropped = cJSON_GetObjectItemCaseSensitive(o, "dropped");
	{
		const cJSON *d;

		cJSON_ArrayForEach(d, dropped) {
			saw_gone |= strcmp(d->valuestring, GONE) == 0;
			saw_changed |= strcmp(d->valuestring, CHANGED) == 0;
			if (strcmp(d->valuestring, current) == 0)
				fail_msg("gc dropped the current template %s", current);
		}
	}
	assert_true(saw_gone);
	assert_true(saw_changed);
	cJSON_Delete(o);
	assert_false(database_exists(conn, GONE));
	assert_false(database_exists(conn, CHANGED));
	assert_true(database_exists(conn, current));
	/* a second run has nothing left to do */
	o = run_json(gc, NULL, &code);
	assert_int_equal(code, 0);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(o, "dropped")), 0);
	cJSON_Delete(o);
	if (!template_drop(conn, current, &err))
		fail_msg("%s", err.message);
	PQfinish(conn);
	free(current);
	fixture_free(shop);
	free(fixtures);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_without_binaries),
		cmocka_unit_test(test_gc_drops_only_stale_templates),
	};

	return cmocka_run_group_tests(tests, harness_group_setup, NULL);
}
