/*
 * test_analyze.c — `pgdrill analyze FILE --db CONNINFO` against a database
 * of the test cluster standing in for a learner's own: the plan, insights
 * and lint are shown (text and JSON); a DELETE is refused before connecting
 * (exit 3); a SELECT that would write through a volatile function fails in
 * the read-only transaction (exit 1) and changes nothing; a slow SELECT is
 * cancelled at --timeout (exit 1, well before it would end); no --db is a
 * usage error.  The database is made here and dropped at the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "os/clock.h"
#include "pg/db.h"
#include "pg/unique_keys.h"
#include "strbuf.h"

static char dbname[64];
static char *conninfo;
static char sql_path[] = "/tmp/pgdrill-test-analyze-XXXXXX";

static void
exec_ok(PGconn *conn, const char *sql)
{
	error err;

	if (!db_exec(conn, sql, ERROR_ENV, &err))
		fail_msg("%s: %s", sql, err.message);
}

static int
setup(void **state)
{
	PGconn *admin, *conn;
	char sql[160];
	int fd;

	if (harness_group_setup(state) != 0)
		return -1;
	{
		char *why = NULL;
		bool available = harness_postgres_available(&why);

		free(why);
		if (!available)
			return 0;   /* the tests skip (or fail under CI) on their own */
	}
	snprintf(dbname, sizeof dbname, "pgdrill_analyze_test_%ld", (long) getpid());
	admin = harness_connect("postgres");
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", dbname);
	exec_ok(admin, sql);
	PQfinish(admin);
	conn = harness_connect(dbname);
	exec_ok(conn, "CREATE TABLE items (id int PRIMARY KEY, kind text, price numeric)");
	exec_ok(conn, "INSERT INTO items SELECT g, 'k' || (g % 50), g % 997 "
			"FROM generate_series(1, 20000) g");
	exec_ok(conn, "ANALYZE items");
	/* the unique keys the lint may use, and look-alikes that are not keys */
	exec_ok(conn, "CREATE TABLE codes (code text PRIMARY KEY, name text NOT NULL, "
			"email text UNIQUE, a int NOT NULL, b int NOT NULL, c int NOT NULL, "
			"UNIQUE (a, b) INCLUDE (c))");
	exec_ok(conn, "CREATE UNIQUE INDEX codes_name_lower ON codes (lower(name))");
	exec_ok(conn, "CREATE UNIQUE INDEX codes_c_partial ON codes (c) WHERE c > 0");
	exec_ok(conn, "INSERT INTO codes VALUES ('x', 'X', NULL, 1, 1, 1), ('y', 'Y', NULL, 1, 2, 2)");
	exec_ok(conn, "CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql VOLATILE AS "
			"'INSERT INTO items VALUES (-1, ''x'', 0) RETURNING 1'");
	PQfinish(conn);
	conninfo = harness_cluster_conninfo(dbname);
	fd = mkstemp(sql_path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **state)
{
	char sql[160];

	(void) state;
	unlink(sql_path);
	if (conninfo) {
		PGconn *admin = harness_connect("postgres");

		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname);
		exec_ok(admin, sql);
		PQfinish(admin);
	}
	free(conninfo);
	return 0;
}

/* Run analyze on `sql` with extra args; returns the exit code, output in res. */
static int
analyze(const char *sql, const char *extra, proc_result *res)
{
	const char *args[10] = {"analyze", sql_path, "--db", conninfo};
	FILE *f = fopen(sql_path, "w");
	int n = 4;

	assert_non_null(f);
	fputs(sql, f);
	fclose(f);
	if (extra) {
		args[n++] = "--format";
		args[n++] = extra;
	}
	args[n] = NULL;
	harness_run_pgdrill(args, NULL, NULL, 120, res);
	return res->exit_code;
}

static int
count_items(void)
{
	PGconn *conn = harness_connect(dbname);
	error err;
	char *v = db_query_value(conn, "SELECT count(*) FROM items", 0, NULL, &err);
	int n = v ? atoi(v) : -1;

	free(v);
	PQfinish(conn);
	return n;
}

/* pg_unique_keys_read: the primary key and the NOT NULL unique (a, b),
 * without its INCLUDE column; not the nullable email, the expression or
 * the partial index. */
static void
test_unique_keys(void **state)
{
	PGconn *conn;
	pg_unique_keys k;
	error err = {0};
	bool pk = false, ab = false;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	conn = harness_connect(dbname);
	assert_true(pg_unique_keys_read(conn, &k, &err));
	for (size_t i = 0; i < k.n; i++) {
		const sql_unique_key *u = &k.keys[i];

		if (strcmp(u->relation, "items") == 0) {
			assert_int_equal(u->n, 1);
			assert_string_equal(u->columns[0], "id");
			continue;
		}
		assert_string_equal(u->relation, "codes");
		if (u->n == 1 && strcmp(u->columns[0], "code") == 0)
			pk = true;
		else if (u->n == 2 && strcmp(u->columns[0], "a") == 0 &&
				 strcmp(u->columns[1], "b") == 0)
			ab = true;
		else
			fail_msg("not a key: %s (%zu columns, first %s)", u->relation, u->n,
					 u->columns[0]);
	}
	assert_int_equal(k.n, 3);
	assert_true(pk && ab);
	pg_unique_keys_release(&k);
	PQfinish(conn);
}

/* analyze lints with the database's keys: ORDER BY code is total there
 * (the convention, id, would not say so), ORDER BY name is not. */
static void
test_lint_uses_catalog(void **state)
{
	proc_result res = PROC_RESULT_INIT;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	assert_int_equal(analyze("SELECT code FROM codes ORDER BY name, code LIMIT 1", NULL, &res), 0);
	if (strstr(strbuf_str(&res.out), "limit-without-unique-order"))
		fail_msg("a unique key of the catalog was not used:\n%s", strbuf_str(&res.out));
	proc_result_free(&res);
	assert_int_equal(analyze("SELECT code FROM codes ORDER BY a LIMIT 1", NULL, &res), 0);
	/* either key needs one column more: code, or b for (a, b) */
	if (!strstr(strbuf_str(&res.out), "LIMIT after ORDER BY a, which may tie: rows tied at "
				"the cut come back in plan order; adding code makes the order total [limit") &&
		!strstr(strbuf_str(&res.out), "LIMIT after ORDER BY a, which may tie: rows tied at "
				"the cut come back in plan order; adding b makes the order total [limit"))
		fail_msg("no catalog-aware finding:\n%s", strbuf_str(&res.out));
	proc_result_free(&res);
}

static void
test_shows_plan_insights_and_lint(void **state)
{
	proc_result res = PROC_RESULT_INIT;
	cJSON *o;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	assert_int_equal(analyze("SELECT * FROM items WHERE price::text = '5' ORDER BY id", NULL,
							 &res), 0);
	if (!strstr(strbuf_str(&res.out), "Seq Scan on items") ||
		!strstr(strbuf_str(&res.out), "execution") ||
		!strstr(strbuf_str(&res.out), "[non-sargable-cast]"))
		fail_msg("no plan picture:\n%s", strbuf_str(&res.out));
	proc_result_free(&res);
	assert_int_equal(analyze("SELECT * FROM items WHERE price::text = '5' ORDER BY id",
							 "json", &res), 0);
	o = cJSON_Parse(strbuf_str(&res.out));
	assert_non_null(o);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(o, "command")->valuestring, "analyze");
	assert_true(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(o, "plan")));
	assert_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(o, "insights")));
	assert_non_null(cJSON_GetObjectItemCaseSensitive(o, "lint"));
	/* the cast on the column is what lint is for */
	assert_non_null(strstr(strbuf_str(&res.out), "\"non-sargable-cast\""));
	cJSON_Delete(o);
	proc_result_free(&res);
}

static void
test_refuses_and_never_writes(void **state)
{
	proc_result res = PROC_RESULT_INIT;
	double t0;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	assert_int_equal(count_items(), 20000);
	assert_int_equal(analyze("DELETE FROM items", NULL, &res), 3);
	assert_non_null(strstr(strbuf_str(&res.err), "DELETE is not allowed"));
	proc_result_free(&res);
	assert_int_equal(analyze("WITH d AS (DELETE FROM items RETURNING 1) SELECT * FROM d", NULL,
							 &res), 3);
	proc_result_free(&res);
	assert_int_equal(analyze("SELECT sneaky()", NULL, &res), 1);
	assert_non_null(strstr(strbuf_str(&res.err), "read-only transaction"));
	proc_result_free(&res);
	assert_int_equal(count_items(), 20000);
	/* a query of minutes, cancelled at 1 s */
	t0 = clock_now_s();
	{
		const char *args[] = {"analyze", sql_path, "--db", conninfo, "--timeout", "1", NULL};
		FILE *f = fopen(sql_path, "w");

		fputs("SELECT count(*) FROM items a, items b, items c", f);
		fclose(f);
		harness_run_pgdrill(args, NULL, NULL, 120, &res);
	}
	assert_int_equal(res.exit_code, 1);
	assert_non_null(strstr(strbuf_str(&res.err), "exceeded the time limit of 1 s"));
	assert_true(clock_now_s() - t0 < 30);
	proc_result_free(&res);
	{
		const char *args[] = {"analyze", sql_path, NULL};
		const char *env[] = {"PGDRILL_DB", NULL};

		harness_run_pgdrill(args, env, NULL, 60, &res);
		assert_int_equal(res.exit_code, 2);
		proc_result_free(&res);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shows_plan_insights_and_lint),
		cmocka_unit_test(test_unique_keys),
		cmocka_unit_test(test_lint_uses_catalog),
		cmocka_unit_test(test_refuses_and_never_writes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
