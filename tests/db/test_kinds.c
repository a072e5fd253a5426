/*
 * test_kinds.c — every drill kind through every command that handles a
 * drill, on a real PostgreSQL: show, start, check (a wrong then a right
 * answer), the learner state those checks record (and `next` moving past
 * every passed drill), watch with one save, CI's grade, and author verify.
 * Table-driven over the kinds: tests/db/kinds/drills holds one drill per
 * kind (rewrite, index, cache, plan-reading, load) on the tiny fixture of
 * tests/db/catalogue.  A new kind adds one drill there and one row below.
 *
 * Written when plan-reading drills broke `watch` (exit 2), `grade` (exit 4)
 * and were never recorded as passed: the commands branched on the kind and
 * some forgot one (engine/grading/kinds/ is the interface that replaced
 * those branches).
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

#include "harness.h"
#include "learner_env.h"
#include "os/fileio.h"
#include "strbuf.h"

typedef struct kind_case {
	const char *drill;        /* in tests/db/kinds/drills */
	const char *kind;
	const char *ext;          /* the answer file extension `grade` walks for */
	const char *right;        /* a passing answer; NULL: its reference.sql */
	const char *wrong;        /* a failing answer; NULL: its slow.sql */
} kind_case;

static const kind_case cases[] = {
	{"k-rewrite", "rewrite", ".sql", NULL, NULL},
	{"k-index", "index", ".sql", NULL, NULL},
	{"k-cache", "cache", ".sql", NULL, NULL},
	{"k-reading", "plan-reading", ".answers", "work: #2\nwhy: a\n", "work: #1\nwhy: b\n"},
	/* one second of pgbench per variant and round; the wrong answer is the
	 * drill as shipped (slow.sql is one request, not an answer file) */
	{"k-load", "load", ".sql", NULL, "-- no change\n"},
};

#define N_CASES (sizeof cases / sizeof cases[0])

static char *
kinds_drills(void)
{
	return xasprintf("%s/tests/db/kinds/drills", getenv("PGDRILL_SOURCE_DIR"));
}

static void
env_init(learner_env *le, const char *name)
{
	char *drills = kinds_drills(), *fixtures = learner_tiny_fixtures();

	learner_env_init(le, name, drills, fixtures);
	free(drills);
	free(fixtures);
}

/* The text of a drill file (malloc'd). */
static char *
drill_text(const char *id, const char *name)
{
	char *drills = kinds_drills();
	char *path = learner_drill_file(drills, id, name);
	error err = {0};
	size_t len;
	char *text = fileio_read(path, 1024 * 1024, &len, &err);

	if (text == NULL)
		fail_msg("%s: %s", path, err.message);
	free(path);
	free(drills);
	return text;
}

static char *
answer(const kind_case *c, bool right)
{
	if (right)
		return c->right ? xstrdup(c->right) : drill_text(c->drill, "reference.sql");
	return c->wrong ? xstrdup(c->wrong) : drill_text(c->drill, "slow.sql");
}

static void
test_show(void **state)
{
	learner_env le;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	env_init(&le, "kinds-show");
	for (size_t i = 0; i < N_CASES; i++) {
		const char *args[] = {"show", cases[i].drill, NULL};
		int code;
		cJSON *o = learner_json(&le, args, &code);
		const cJSON *plan = cJSON_GetObjectItemCaseSensitive(o, "plan");

		if (code != 0)
			fail_msg("show %s: exit %d", cases[i].drill, code);
		assert_string_equal(jstr(o, "kind"), cases[i].kind);
		assert_true(strlen(jstr(plan, "summary")) > 0);
		/* a plan-reading drill also shows its questions */
		assert_int_equal(cJSON_HasObjectItem(o, "questions"),
						 strcmp(cases[i].kind, "plan-reading") == 0);
		cJSON_Delete(o);
	}
	learner_env_free(&le);
}

/* The personal scratch copies `start` made (pgdrill_my_<id>, '-' as '_'):
 * tests leave nothing behind. */
static void
drop_personal_copies(void)
{
	PGconn *conn = harness_connect("postgres");

	for (size_t i = 0; i < N_CASES; i++) {
		char *sql = xasprintf("DROP DATABASE IF EXISTS pgdrill_my_%s", cases[i].drill);
		PGresult *res;

		for (char *p = sql; *p; p++)
			if (*p == '-')
				*p = '_';
		res = PQexec(conn, sql);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			fail_msg("%s: %s", sql, PQerrorMessage(conn));
		PQclear(res);
		free(sql);
	}
	PQfinish(conn);
}

/* start, then check a wrong and a right answer in the workspace file; the
 * state records both for every kind, and `next` has nothing left. */
static void
test_start_check_and_state(void **state)
{
	learner_env le;
	cJSON *st, *o;
	int code;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	env_init(&le, "kinds-check");
	for (size_t i = 0; i < N_CASES; i++) {
		const char *start[] = {"start", cases[i].drill, NULL};
		const char *check[] = {"check", cases[i].drill, "--runs", "2", NULL};
		char *path, *text;

		o = learner_json(&le, start, &code);
		if (code != 0)
			fail_msg("start %s: exit %d", cases[i].drill, code);
		assert_string_equal(jstr(o, "kind"), cases[i].kind);
		assert_true(fileio_exists(jstr(o, "answer_file")));
		path = xstrdup(jstr(o, "answer_file"));
		cJSON_Delete(o);
		for (int right = 0; right <= 1; right++) {
			text = answer(&cases[i], right);
			write_text(path, text);
			free(text);
			o = learner_json(&le, check, &code);
			if (code != (right ? 0 : 1))
				fail_msg("check %s (%s answer): exit %d, %s", cases[i].drill,
						 right ? "right" : "wrong", code, jstr(o, "message"));
			assert_string_equal(jstr(o, "status"), right ? "pass" : "fail");
			cJSON_Delete(o);
		}
		free(path);
	}
	st = learner_state(&le);
	assert_non_null(st);
	for (size_t i = 0; i < N_CASES; i++) {
		const cJSON *d = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(st, "drills"), cases[i].drill);

		if (d == NULL)
			fail_msg("%s: no attempt recorded", cases[i].drill);
		assert_int_equal((int) jnum(d, "attempts"), 2);
		assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "passed")));
		assert_true(jnum(d, "best_score") > 0);
	}
	cJSON_Delete(st);
	drop_personal_copies();
	{
		const char *next[] = {"next", NULL};

		o = learner_json(&le, next, &code);
		assert_int_equal(code, 0);
		assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, "drill")));
		cJSON_Delete(o);
	}
	learner_env_free(&le);
}

static void
expect_grade(learner_watcher *w, const char *drill, int round, const char *status)
{
	cJSON *g = learner_watch_next(w, 300);

	if (g == NULL)
		fail_msg("watch %s: no grade for round %d within 300 s", drill, round);
	assert_int_equal((int) jnum(g, "round"), round);
	if (strcmp(jstr(g, "status"), status) != 0)
		fail_msg("watch %s round %d: %s (%s), expected %s", drill, round, jstr(g, "status"),
				 jstr(g, "message"), status);
	cJSON_Delete(g);
}

/* watch: the first grade, one save, its grade, Ctrl-C; both recorded. */
static void
test_watch_one_save(void **state)
{
	learner_env le;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	env_init(&le, "kinds-watch");
	for (size_t i = 0; i < N_CASES; i++) {
		char *path = xasprintf("%s/work/%s%s", le.dir, cases[i].drill, cases[i].ext);
		char *text = answer(&cases[i], false);
		learner_watcher w;
		cJSON *st;
		const cJSON *d;

		write_text(path, text);
		free(text);
		learner_watch_start(&le, cases[i].drill, path, &w);
		expect_grade(&w, cases[i].drill, 1, "fail");
		text = answer(&cases[i], true);
		write_text(path, text);
		free(text);
		expect_grade(&w, cases[i].drill, 2, "pass");
		assert_int_equal(learner_watch_stop(&w), 0);
		assert_no_scratch_left((long) w.pid);
		st = learner_state(&le);
		d = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(st, "drills"),
											 cases[i].drill);
		if (d == NULL)
			fail_msg("watch %s: no attempt recorded", cases[i].drill);
		assert_int_equal((int) jnum(d, "attempts"), 2);
		cJSON_Delete(st);
		free(path);
	}
	learner_env_free(&le);
}

/* grade: a folder with one right answer per kind passes; a wrong one of
 * each fails; nothing is recorded (CI is not a learner). */
static void
test_grade(void **state)
{
	learner_env le;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	env_init(&le, "kinds-grade");
	for (int right = 1; right >= 0; right--) {
		char *dir = xasprintf("%s/answers-%d", le.dir, right);
		const char *args[] = {"grade", dir, "--runs", "2", NULL};
		const cJSON *results, *it;
		cJSON *o;
		int code;

		for (size_t i = 0; i < N_CASES; i++) {
			char *path = xasprintf("%s/%s%s", dir, cases[i].drill, cases[i].ext);
			char *text = answer(&cases[i], right);

			write_text(path, text);
			free(text);
			free(path);
		}
		o = learner_json(&le, args, &code);
		assert_int_equal(code, right ? 0 : 1);
		results = cJSON_GetObjectItemCaseSensitive(o, "results");
		assert_int_equal(cJSON_GetArraySize(results), (int) N_CASES);
		cJSON_ArrayForEach(it, results)
			if (strcmp(jstr(it, "status"), right ? "pass" : "fail") != 0)
				fail_msg("grade %s: %s (%s)", jstr(it, "drill"), jstr(it, "status"),
						 jstr(it, "message"));
		cJSON_Delete(o);
		free(dir);
	}
	assert_null(learner_state(&le));
	learner_env_free(&le);
}

static void
test_author_verify(void **state)
{
	learner_env le;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	env_init(&le, "kinds-verify");
	for (size_t i = 0; i < N_CASES; i++) {
		const char *args[] = {"author", "verify", cases[i].drill, "--no-rebuild", NULL};
		int code;
		cJSON *o = learner_json(&le, args, &code);
		const cJSON *r = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(o, "drills"), 0);

		if (code != 0) {
			char *text = cJSON_Print(o);

			fail_msg("author verify %s: exit %d\n%s", cases[i].drill, code, text);
		}
		assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "sound")));
		assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "db_checked")));
		cJSON_Delete(o);
	}
	learner_env_free(&le);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_show),
		cmocka_unit_test(test_start_check_and_state),
		cmocka_unit_test(test_watch_one_save),
		cmocka_unit_test(test_grade),
		cmocka_unit_test(test_author_verify),
	};

	return cmocka_run_group_tests(tests, harness_group_setup, NULL);
}
