/*
 * test_load_kind.c — the load drill kind through the pgdrill binary, on the
 * catalogue of tests/db/load (the tiny fixture; one round of one second per
 * variant, so the whole test is a few pgbench seconds).  Covered: list and
 * show describe the workload; start writes the answer template, which as an
 * answer is the drill as shipped; check with the reference runs the three
 * variants and reports percentiles, rounds, histogram and endpoints in JSON
 * and bars in text; a pooled reference runs through PgBouncer
 * (connections per request), with pgbench's connection time reported and
 * waits sampled; rejections exit 3 (a backslash line, a pool
 * on a drill without pools, an unknown statement name, DML as a
 * replacement) without running anything; a replacement with other rows
 * fails (exit 1) before any load, also for a group of statements replaced
 * by one (and a right one, reading a materialized view, runs); endpoints
 * that write (l-counter): the reference's own table written as the
 * learner, a design leaving another state failed by the state check,
 * writes elsewhere or of other kinds refused; author verify runs the
 * reference; and
 * nothing is left behind (scratch databases of finished processes,
 * pgbench/PgBouncer directories of dead processes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "learner_env.h"
#include "os/fileio.h"
#include "os/tmpdir.h"
#include "strbuf.h"

static char *
load_drills(void)
{
	return xasprintf("%s/tests/db/load/drills", getenv("PGDRILL_SOURCE_DIR"));
}

static void
env_init(learner_env *le, const char *name)
{
	char *drills = load_drills();

	learner_env_init(le, name, drills, NULL);
	free(drills);
}

/* Directories of pgbench or PgBouncer whose owner is dead. */
static int
orphan_tmpdirs(void)
{
	char *host = tmpdir_host();
	DIR *d = opendir("/tmp");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)) != NULL) {
		char what[16], h[256];
		long pid;

		if (sscanf(e->d_name, "pgdrill-%15[a-z]-%255[^-]-%ld-", what, h, &pid) == 3 &&
			(strcmp(what, "pgbench") == 0 || strcmp(what, "bouncer") == 0) &&
			strcmp(h, host) == 0 && kill((pid_t) pid, 0) != 0 && errno == ESRCH)
			n++;
	}
	if (d)
		closedir(d);
	free(host);
	return n;
}

static void
assert_no_residue(void)
{
	PGconn *conn = harness_connect("postgres");
	PGresult *res = PQexec(conn, "SELECT datname FROM pg_database "
						   "WHERE datname LIKE 'pgdrill\\_s\\_%'");

	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	for (int i = 0; i < PQntuples(res); i++) {
		long pid = 0;

		if (sscanf(PQgetvalue(res, i, 0), "pgdrill_s_%ld_", &pid) == 1 &&
			kill((pid_t) pid, 0) != 0 && errno == ESRCH)
			fail_msg("scratch database left behind: %s", PQgetvalue(res, i, 0));
	}
	PQclear(res);
	PQfinish(conn);
	assert_int_equal(orphan_tmpdirs(), 0);
}

static cJSON *
check_json(const learner_env *le, const char *drill, const char *answer_text, int *code)
{
	char *path = xasprintf("%s/answer-%s.sql", le->dir, drill);
	const char *args[] = {"check", drill, "--answer", path, NULL};
	cJSON *o;

	write_text(path, answer_text);
	o = learner_json(le, args, code);
	free(path);
	return o;
}

static const cJSON *
obj(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (v == NULL)
		fail_msg("no \"%s\" in the JSON", key);
	return v;
}

static void
test_show_and_start(void **state)
{
	learner_env le;
	const char *show[] = {"show", "l-index", "--no-plan", NULL};
	const char *start[] = {"start", "l-pool", NULL};
	proc_result res = PROC_RESULT_INIT;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	env_init(&le, "load-show");
	learner_run(&le, show, &res);
	assert_int_equal(res.exit_code, 0);
	assert_non_null(strstr(strbuf_str(&res.out), "Workload: 2 clients, 40 requests/s"));
	assert_non_null(strstr(strbuf_str(&res.out), "-- pgdrill: name lookup"));
	proc_result_free(&res);
	{
		int code;
		cJSON *o = learner_json(&le, start, &code);
		char *text;
		size_t len;
		error err;

		assert_int_equal(code, 0);
		text = fileio_read(jstr(o, "answer_file"), 1 << 20, &len, &err);
		assert_non_null(text);
		assert_non_null(strstr(text, "-- -- pgdrill: replace item"));
		assert_non_null(strstr(text, "-- -- pgdrill: pool pool_mode=transaction"));
		free(text);
		cJSON_Delete(o);
	}
	learner_env_free(&le);
}

static void
test_reference_runs(void **state)
{
	learner_env le;
	int code;
	cJSON *o;
	const cJSON *load, *v;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	env_init(&le, "load-reference");
	o = check_json(&le, "l-index", "CREATE INDEX items_id_mod_idx ON items ((id % 1000));\n",
				   &code);
	if (code != 0 && code != 1)
		fail_msg("exit %d: %s", code, jstr(o, "message"));
	assert_string_equal(jstr(o, "kind"), "load");
	load = obj(o, "load");
	assert_int_equal((int) jnum(load, "rounds"), 1);
	for (int i = 0; i < 3; i++) {
		static const char *const names[] = {"baseline", "reference", "answer"};

		v = obj(load, names[i]);
		assert_true(jnum(v, "completed") > 5);
		assert_true(jnum(v, "p95_ms") > 0);
		assert_true(jnum(v, "p50_ms") <= jnum(v, "p99_ms"));
		assert_int_equal(cJSON_GetArraySize(obj(v, "round_p95_ms")), 1);
		assert_int_equal(cJSON_GetArraySize(obj(v, "histogram")), 12);
		assert_non_null(obj(obj(v, "endpoints"), "lookup"));
		assert_string_equal(jstr(v, "pool_mode"), "none");
	}
	cJSON_Delete(o);
	assert_no_residue();
	/* the pooled reference: through PgBouncer, a connection per request */
	o = check_json(&le, "l-pool", "-- pgdrill: pool pool_mode=transaction pool_size=2\n",
				   &code);
	if (code != 0 && code != 1)
		fail_msg("exit %d: %s", code, jstr(o, "message"));
	load = obj(o, "load");
	assert_string_equal(jstr(obj(load, "answer"), "pool_mode"), "transaction");
	assert_int_equal((int) jnum(obj(load, "answer"), "pool_size"), 2);
	assert_string_equal(jstr(obj(load, "baseline"), "pool_mode"), "none");
	/* pgbench's connection time with -C, and the waits sampled meanwhile */
	assert_true(jnum(obj(load, "baseline"), "connection_ms") > 0);
	assert_true(cJSON_IsArray(obj(obj(load, "baseline"), "waits")));
	assert_non_null(strstr(jstr(o, "message"), "Connection set-up took"));
	assert_true(jnum(obj(load, "answer"), "completed") > 5);
	assert_int_equal((int) jnum(obj(load, "answer"), "failed"), 0);
	cJSON_Delete(o);
	assert_no_residue();
	/* a group of statements replaced by one that reads a materialized view
	 * the setup created: the same rows as the group together, and
	 * pgbench's sessions (the learner role) can read the view */
	o = check_json(&le, "l-group", "CREATE MATERIALIZED VIEW items_copy AS SELECT id, v "
				   "FROM items;\n-- pgdrill: replace rows\n"
				   "SELECT id, v FROM items_copy WHERE id IN (:p * 3 + 1, :p * 3 + 2, "
				   ":p * 3 + 3);\n", &code);
	if (code != 0 && code != 1)
		fail_msg("exit %d: %s", code, jstr(o, "message"));
	load = obj(o, "load");
	if (load == NULL)
		fail_msg("l-group not measured: %s", jstr(o, "message"));
	assert_true(jnum(obj(load, "answer"), "completed") > 5);
	assert_int_equal((int) jnum(obj(load, "answer"), "failed"), 0);
	assert_null(cJSON_GetObjectItemCaseSensitive(obj(load, "answer"), "errors"));
	cJSON_Delete(o);
	assert_no_residue();
	learner_env_free(&le);
}

static void
test_refusals(void **state)
{
	static const struct {
		const char *drill, *answer;
		int code;
		const char *says;
	} c[] = {
		{"l-index", "SELECT 1;\n\\shell touch /tmp/pgdrill-owned\n", 3, "backslash"},
		{"l-index", "-- pgdrill: pool pool_mode=transaction\n", 3, "pool settings"},
		{"l-pool", "-- pgdrill: pool pool_mode=transaction pool_size=999\n", 3, "pool_size"},
		{"l-pool", "-- pgdrill: pool pool_mode=transaction logfile=/tmp/x\n", 3, "not allowed"},
		{"l-index", "-- pgdrill: replace nope\nSELECT 1;\n", 3, "no endpoint statement"},
		{"l-index", "-- pgdrill: replace lookup\nDELETE FROM items;\n", 3, "lookup"},
		{"l-index", "DROP TABLE items;\n", 3, "DROP"},
		/* other rows: refused by the row comparison, before any load */
		{"l-index", "-- pgdrill: replace lookup\n"
		 "SELECT id, v FROM items WHERE id % 1000 = :p + 1 ORDER BY id;\n", 1,
		 "different rows"},
		/* a group's replacement with one row too many (id :p * 3) */
		{"l-group", "-- pgdrill: replace rows\n"
		 "SELECT id, v FROM items WHERE id BETWEEN :p * 3 AND :p * 3 + 3;\n", 1,
		 "different rows"},
		/* one row too few (a group's rows are all its statements') */
		{"l-group", "-- pgdrill: replace rows\n"
		 "SELECT id, v FROM items WHERE id BETWEEN :p * 3 + 1 AND :p * 3 + 2;\n", 1,
		 "different rows"},
	};
	learner_env le;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	env_init(&le, "load-refusals");
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		int code;
		cJSON *o = check_json(&le, c[i].drill, c[i].answer, &code);

		if (code != c[i].code || strstr(jstr(o, "message"), c[i].says) == NULL)
			fail_msg("case %zu: exit %d, message \"%s\"; want %d and \"%s\"", i, code,
					 jstr(o, "message"), c[i].code, c[i].says);
		assert_null(cJSON_GetObjectItemCaseSensitive(o, "load"));  /* nothing ran */
		cJSON_Delete(o);
	}
	assert_int_equal(access("/tmp/pgdrill-owned", F_OK), -1);
	assert_no_residue();
	learner_env_free(&le);
}

/* Endpoints that write (l-counter: one hot row of items, updated in each
 * request's transaction): the reference's design (a table of its own, an
 * INSERT per request) runs as the learner with the writes it needs; a
 * design that leaves another state fails on the state check before any
 * load; every way out of the write allow-list is refused (exit 3). */
static void
test_writes(void **state)
{
	static const struct {
		const char *answer;
		int code;
		const char *says;
	} c[] = {
		/* another state after the same requests */
		{"-- pgdrill: replace bump\nUPDATE items SET v = v + 2 WHERE id = 1;\n", 1,
		 "state check counter reads different rows"},
		{"CREATE TABLE bumps (p integer NOT NULL);\n-- pgdrill: replace bump\n"
		 "INSERT INTO bumps (p) VALUES (:p);\n", 1, "state check counter"},
		/* writing elsewhere, or another kind of write */
		{"-- pgdrill: replace bump\nUPDATE other_table SET v = 0;\n", 3,
		 "neither a table this drill's endpoints write"},
		{"-- pgdrill: replace bump\nUPDATE pg_catalog.pg_authid SET rolsuper = true;\n", 3,
		 "schema pg_catalog"},
		{"-- pgdrill: replace bump\nDELETE FROM items;\n", 3, "DELETE is not a write"},
		{"-- pgdrill: replace bump\nUPDATE items SET v = v + 1 WHERE id = "
		 "(SELECT pg_terminate_backend(pg_backend_pid())::int);\n", 3, "pg_terminate_backend"},
		{"-- pgdrill: replace counter\nWITH u AS (UPDATE items SET v = 0 RETURNING v) "
		 "SELECT v FROM u;\n", 3, "data-modifying"},
		{"-- pgdrill: replace counter\nUPDATE items SET v = 0;\n", 3, "replacement of counter"},
		/* the setup is DDL, never a write */
		{"UPDATE items SET v = 0;\n", 3, "UPDATE is not allowed in an answer"},
		{"CREATE TABLE t (a int) INHERITS (items);\n", 3, "INHERITS"},
		{"CREATE TEMP TABLE t (a int);\n", 3, "TEMPORARY"},
	};
	learner_env le;
	int code;
	cJSON *o;
	const cJSON *load;
	char *ref;
	size_t len;
	error err;
	char *path = xasprintf("%s/tests/db/load/drills/l-counter/reference.sql",
						   getenv("PGDRILL_SOURCE_DIR"));

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	env_init(&le, "load-writes");
	ref = fileio_read(path, 1 << 20, &len, &err);
	assert_non_null(ref);
	o = check_json(&le, "l-counter", ref, &code);
	if (code != 0 && code != 1)
		fail_msg("exit %d: %s", code, jstr(o, "message"));
	assert_true(cJSON_IsTrue(obj(obj(o, "correctness"), "same_rows")));
	load = obj(o, "load");
	/* the answer's INSERTs into its own table went through, as the learner */
	assert_true(jnum(obj(load, "answer"), "completed") > 5);
	assert_int_equal((int) jnum(obj(load, "answer"), "failed"), 0);
	assert_int_equal((int) jnum(obj(load, "baseline"), "failed"), 0);
	cJSON_Delete(o);
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		o = check_json(&le, "l-counter", c[i].answer, &code);
		if (code != c[i].code || strstr(jstr(o, "message"), c[i].says) == NULL)
			fail_msg("case %zu: exit %d, message \"%s\"; want %d and \"%s\"", i, code,
					 jstr(o, "message"), c[i].code, c[i].says);
		assert_null(cJSON_GetObjectItemCaseSensitive(o, "load"));  /* nothing ran */
		if (code == 1)
			assert_true(cJSON_IsFalse(obj(obj(o, "correctness"), "same_rows")));
		cJSON_Delete(o);
	}
	/* a drill that allows no write takes none */
	o = check_json(&le, "l-index", "-- pgdrill: replace lookup\nUPDATE items SET v = 0;\n",
				   &code);
	assert_int_equal(code, 3);
	cJSON_Delete(o);
	assert_no_residue();
	free(ref);
	free(path);
	learner_env_free(&le);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_show_and_start),
		cmocka_unit_test(test_reference_runs),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_writes),
	};

	return cmocka_run_group_tests_name("load_kind", tests, harness_group_setup, NULL);
}
