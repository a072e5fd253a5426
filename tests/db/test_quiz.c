/*
 * test_quiz.c — plan-reading drills through the binary on a real
 * PostgreSQL: `start` shows the real plan and the questions and writes the
 * answer file and the plan it showed; `check` grades answers exactly
 * against that plan (exit 0 all right, 1 some wrong, 3 unparsable), JSON
 * per question with id, correct, expected, given and explanation, and the
 * explanations in text; a plan the stored answers do not fit is refused.  Uses the plan-good drill of tests/drills-broken/.
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
#include "os/fileio.h"
#include "os/paths.h"
#include "strbuf.h"

#define TIMEOUT 600

static char *env_strings[2];
static const char *env[4];

static int
setup(void **state)
{
	const char *src = getenv("PGDRILL_SOURCE_DIR");

	env_strings[0] = xasprintf("PGDRILL_DRILLS=%s/tests/drills-broken/drills", src);
	env_strings[1] = xasprintf("PGDRILL_FIXTURES=%s/tests/drills-broken/fixtures", src);
	env[0] = env_strings[0];
	env[1] = env_strings[1];
	env[2] = "PGDRILL_SCALE=0.2";
	env[3] = NULL;
	return harness_group_setup(state);
}

static int
teardown(void **state)
{
	(void) state;
	free(env_strings[0]);
	free(env_strings[1]);
	return 0;
}

static cJSON *
run_json(const char *const *args, const char *input, int *code)
{
	return harness_run_json(args, env, input, TIMEOUT, code);
}

/* start: the plan with numbered nodes, the questions, a fresh answer file. */
static void
test_start_shows_plan_and_questions(void **state)
{
	const char *args[] = {"start", "plan-good", "--format", "json", NULL};
	const char *text_args[] = {"start", "plan-good", NULL};
	proc_result res = PROC_RESULT_INIT;
	int code;
	cJSON *root;
	char *answers;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	root = run_json(args, NULL, &code);
	assert_int_equal(code, 0);
	answers = xstrdup(jstr(root, "answer_file"));
	assert_non_null(strstr(answers, "plan-good.answers"));
	assert_non_null(strstr(jstr(root, "plan"), "#2 Seq Scan on t"));
	assert_non_null(strstr(jstr(root, "questions"), "[factor] By what factor"));
	cJSON_Delete(root);
	/* a fresh answer file after deleting it: one "id: " line per question */
	unlink(answers);
	harness_run_pgdrill(text_args, env, NULL, TIMEOUT, &res);
	assert_int_equal(res.exit_code, 0);
	assert_non_null(strstr(strbuf_str(&res.out), "Its plan (EXPLAIN (ANALYZE, BUFFERS)"));
	assert_non_null(strstr(strbuf_str(&res.out), "b) k and k2 are correlated"));
	proc_result_free(&res);
	{
		FILE *f = fopen(answers, "r");
		char buf[4096];
		size_t n;

		assert_non_null(f);
		n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
		assert_non_null(strstr(buf, "\nwork: \n"));
		assert_non_null(strstr(buf, "\nwhy: \n"));
	}
	free(answers);
}

typedef struct answer_case {
	const char *answers;
	int code;
	int correct;
} answer_case;

static void
test_check_grades_exactly(void **state)
{
	/* one learner, as the journey goes: fails first (nothing revealed,
	 * something left to retry), then the pass that reveals */
	static const answer_case cases[] = {
		{"work: 1\nworst: #2\nfactor: 10\nwhy: a\n", 1, 1},
		{"# nothing answered\n", 1, 0},
		{"work: #2\nworst: Seq Scan on t\nfactor: 100\nwhy: b\n", 0, 4},
	};
	const char *args[] = {"check", "plan-good", "--answer", "-", "--format", "json", NULL};

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int code;
		cJSON *root = run_json(args, cases[i].answers, &code);
		const cJSON *a;

		if (code != cases[i].code)
			fail_msg("case %zu: exit %d: %s", i, code, cJSON_Print(root));
		assert_int_equal(cJSON_GetObjectItemCaseSensitive(root, "correct")->valueint, cases[i].correct);
		assert_string_equal(jstr(root, "status"), cases[i].code == 0 ? "pass" : "fail");
		/* the right answers and why only once passed: a failed answer
		 * leaves something to retry */
		assert_true(cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(root, "revealed")));
		assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "revealed")),
						 cases[i].code == 0);
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(root, "answers")) {
			assert_true(jstr(a, "id")[0] != '\0');
			assert_true(cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(a, "correct")));
			assert_non_null(cJSON_GetObjectItemCaseSensitive(a, "given"));
			if (cases[i].code == 0) {
				assert_true(jstr(a, "expected")[0] != '\0');
				assert_true(jstr(a, "explanation")[0] != '\0');
			} else {
				assert_null(cJSON_GetObjectItemCaseSensitive(a, "expected"));
				assert_null(cJSON_GetObjectItemCaseSensitive(a, "explanation"));
			}
		}
		if (cases[i].code == 0) {
			a = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "answers"), 2);
			/* computed on the real plan: 1,000 rows read, 10 estimated */
			assert_string_equal(jstr(a, "expected"), "100 (at #2 Seq Scan on t)");
		}
		cJSON_Delete(root);
	}
	/* --reveal shows them on a failed answer too */
	{
		const char *reveal[] = {"check", "plan-good", "--answer", "-", "--reveal", "--format",
								"json", NULL};
		int code;
		cJSON *root = run_json(reveal, cases[0].answers, &code);
		const cJSON *a = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "answers"), 2);

		assert_int_equal(code, 1);
		assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "revealed")));
		assert_string_equal(jstr(a, "expected"), "100 (at #2 Seq Scan on t)");
		assert_true(jstr(a, "explanation")[0] != '\0');
		cJSON_Delete(root);
	}
}

static void
test_check_text_and_rejection(void **state)
{
	const char *args[] = {"check", "plan-good", "--answer", "-", NULL};
	proc_result res = PROC_RESULT_INIT;
	/* the suggested commands name the program as it was run (its path) */
	char *nudge, *give_up;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	nudge = xasprintf("%s hint plan-good", getenv("PGDRILL_BIN"));
	give_up = xasprintf("%s check plan-good --reveal", getenv("PGDRILL_BIN"));
	/* failed: which answers are wrong, a nudge, and nothing of the answers */
	harness_run_pgdrill(args, env, "work: #1\n", TIMEOUT, &res);
	assert_int_equal(res.exit_code, 1);
	if (!strstr(strbuf_str(&res.out), "[work] wrong — #1\n") ||
		strstr(strbuf_str(&res.out), "the answer:") || strstr(strbuf_str(&res.out), "Why:") ||
		strstr(strbuf_str(&res.out), "Seq Scan on t") ||
		strstr(strbuf_str(&res.out), "the aggregate above it only counts") ||
		!strstr(strbuf_str(&res.out), nudge) ||
		!strstr(strbuf_str(&res.out), give_up))
		fail_msg("a failed check shows:\n%s", strbuf_str(&res.out));
	proc_result_free(&res);
	free(nudge);
	free(give_up);
	/* --reveal: the answers and why, and the state says so */
	{
		const char *reveal[] = {"check", "plan-good", "--answer", "-", "--reveal", NULL};
		char *state_path = xasprintf("%s/pgdrill/state.json", getenv("XDG_STATE_HOME"));
		size_t len;
		error err;
		char *text;
		cJSON *st;

		harness_run_pgdrill(reveal, env, "work: #1\n", TIMEOUT, &res);
		assert_int_equal(res.exit_code, 1);
		assert_non_null(strstr(strbuf_str(&res.out),
							   "[work] wrong — #1; the answer: #2 Seq Scan on t"));
		assert_non_null(strstr(strbuf_str(&res.out), "Why:"));
		assert_non_null(strstr(strbuf_str(&res.out), "the aggregate above it only counts"));
		proc_result_free(&res);
		text = fileio_read(state_path, 1 << 20, &len, &err);
		assert_non_null(text);
		st = cJSON_Parse(text);
		assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(st, "drills"),
											 "plan-good"), "revealed")));
		cJSON_Delete(st);
		free(text);
		free(state_path);
	}
	/* passed: the answers and why are shown */
	harness_run_pgdrill(args, env, "work: #2\nworst: Seq Scan on t\nfactor: 100\nwhy: b\n",
						TIMEOUT, &res);
	assert_int_equal(res.exit_code, 0);
	assert_non_null(strstr(strbuf_str(&res.out), "Why:"));
	assert_non_null(strstr(strbuf_str(&res.out), "the aggregate above it only counts"));
	proc_result_free(&res);
	harness_run_pgdrill(args, env, "work #2\n", TIMEOUT, &res);
	assert_int_equal(res.exit_code, 3);
	/* a rejected answer file is a verdict like a rejected SQL answer's
	 * (REJECTED on standard output), not a command error */
	assert_non_null(strstr(strbuf_str(&res.out), "REJECTED"));
	assert_non_null(strstr(strbuf_str(&res.out), "line 1: expected \"QUESTION: ANSWER\""));
	proc_result_free(&res);
	harness_run_pgdrill(args, env, "weather: fine\n", TIMEOUT, &res);
	assert_int_equal(res.exit_code, 3);
	assert_non_null(strstr(strbuf_str(&res.out), "no question \"weather\""));
	proc_result_free(&res);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A plan the stored answers do not fit (the drill's questions require a
 * node the real plan lacks, as at another --scale) is refused by start and
 * by check with what to do: an error, never a verdict. */
static void
test_plan_that_does_not_fit(void **state)
{
	const char *src = getenv("PGDRILL_SOURCE_DIR");
	char *home = harness_home();
	char *dir = xasprintf("%s/quiz-unfit.%ld/drills", home, (long) getpid());
	char *drill_dir = xasprintf("%s/plan-good", dir);
	const char *files[] = {"drill.json", "hints.md", "prompt.md", "slow.sql", "questions.json"};
	char *drills_env = xasprintf("PGDRILL_DRILLS=%s", dir);
	const char *unfit_env[] = {drills_env, env[1], env[2], NULL};
	const char *start_args[] = {"start", "plan-good", "--format", "json", NULL};
	const char *check_args[] = {"check", "plan-good", "--answer", "-", "--format", "json", NULL};
	cJSON *root;
	error err = {0};
	int code;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	if (!paths_mkdir_p(drill_dir, 0755, &err))
		fail_msg("%s", err.message);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *from = xasprintf("%s/tests/drills-broken/drills/plan-good/%s", src, files[i]);
		char *to = xasprintf("%s/%s", drill_dir, files[i]);
		size_t len;
		char *text = fileio_read(from, 1 << 20, &len, &err);
		char *edited;

		assert_non_null(text);
		/* "why"'s stored answer b holds only on a plan with an index scan */
		if (strcmp(files[i], "questions.json") == 0) {
			const char *at = strstr(text, "\"answer\": \"b\",");

			assert_non_null(at);
			edited = xasprintf("%.*s\"requires\": [{\"label\": \"Index Scan using t_pkey on "
							   "t\"}], %s", (int) (at - text), text, at);
		} else
			edited = xstrdup(text);
		write_file(to, edited);
		free(edited);
		free(text);
		free(from);
		free(to);
	}
	{
		char *from = xasprintf("%s/tests/drills-broken/drills/concepts.json", src);
		char *to = xasprintf("%s/concepts.json", dir);
		size_t len;
		char *text = fileio_read(from, 1 << 20, &len, &err);

		assert_non_null(text);
		write_file(to, text);
		free(text);
		free(from);
		free(to);
	}
	root = harness_run_json(start_args, unfit_env, NULL, TIMEOUT, &code);
	assert_int_equal(code, 2);
	assert_non_null(strstr(jstr(root, "message"), "question \"why\" is answered for a plan "
						   "with a node \"Index Scan using t_pkey on t\", which this plan of "
						   "slow.sql does not have"));
	cJSON_Delete(root);
	root = harness_run_json(check_args, unfit_env, "work: #2\nworst: #2\nfactor: 100\nwhy: b\n",
							TIMEOUT, &code);
	assert_int_equal(code, 2);
	assert_string_equal(jstr(root, "status"), "error");
	assert_non_null(strstr(jstr(root, "message"), "question \"why\" is answered for a plan"));
	cJSON_Delete(root);
	{
		char *top = xasprintf("%s/quiz-unfit.%ld", home, (long) getpid());
		const char *rm[] = {"rm", "-rf", top, NULL};
		proc_result res = PROC_RESULT_INIT;

		assert_true(proc_run_ok(rm, NULL, &res, &err));
		proc_result_free(&res);
		free(top);
	}
	free(drills_env);
	free(drill_dir);
	free(dir);
	free(home);
}

/* check grades the saved plan of this version of the drill; a corrupt one
 * is a usage error that says what to do; a stale one is replaced. */
static void
test_saved_plan(void **state)
{
	const char *start_args[] = {"start", "plan-good", "--format", "json", NULL};
	const char *args[] = {"check", "plan-good", "--answer", "-", "--format", "json", NULL};
	const char *right = "work: #2\nworst: #2\nfactor: 100\nwhy: b\n";
	proc_result res = PROC_RESULT_INIT;
	char *base, *plan_path, *key_path;
	cJSON *root;
	int code;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	root = run_json(start_args, NULL, &code);
	assert_int_equal(code, 0);
	base = xstrdup(jstr(root, "answer_file"));
	cJSON_Delete(root);
	base[strlen(base) - strlen(".answers")] = '\0';
	plan_path = xasprintf("%s.plan.json", base);
	key_path = xasprintf("%s.plan.key", base);
	write_file(plan_path, "[{\"Plan\": ");
	harness_run_pgdrill(args, env, right, TIMEOUT, &res);
	assert_int_equal(res.exit_code, 2);
	assert_non_null(strstr(strbuf_str(&res.out), "Delete it: show or start of this drill saves a fresh plan"));
	proc_result_free(&res);
	/* another version's plan (the key differs) is not graded: run afresh */
	write_file(key_path, "0000000000000000\n");
	root = run_json(args, right, &code);
	assert_int_equal(code, 0);
	cJSON_Delete(root);
	free(plan_path);
	free(key_path);
	free(base);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_shows_plan_and_questions),
		cmocka_unit_test(test_check_grades_exactly),
		cmocka_unit_test(test_check_text_and_rejection),
		cmocka_unit_test(test_saved_plan),
		cmocka_unit_test(test_plan_that_does_not_fit),
	};
	return cmocka_run_group_tests_name("plan_reading", tests, setup, teardown);
}
