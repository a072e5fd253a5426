/*
 * test_watch.c — `pgdrill watch` on a real PostgreSQL: the test starts the
 * binary in the background (--format json: one JSON object per grade),
 * reads the first grade of the answer file, then saves the file the ways
 * editors do — a temporary file renamed over it (vim, IDEs), and a write in
 * place — and reads each re-grade; a save that leaves the bytes unchanged
 * is not re-graded; a pass carries the learner's progress; SIGINT ends the watch with exit status 0, no scratch
 * database left behind, and every grade recorded in the learner state.
 * Uses the tiny test catalogue (tests/db/catalogue).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "os/clock.h"
#include "harness.h"
#include "learner_env.h"
#include "strbuf.h"

static void
expect_grade(learner_watcher *w, int round, const char *status)
{
	cJSON *g = learner_watch_next(w, 300);

	if (g == NULL)
		fail_msg("no grade for round %d within 300 s", round);
	assert_int_equal((int) jnum(g, "round"), round);
	if (strcmp(jstr(g, "status"), status) != 0)
		fail_msg("round %d: %s (%s), expected %s", round, jstr(g, "status"),
				 jstr(g, "message"), status);
	/* a pass carries the learner's progress (as check's), nothing else does */
	if (strcmp(status, "pass") == 0) {
		const cJSON *lp = cJSON_GetObjectItemCaseSensitive(g, "learner_progress");

		if (!cJSON_IsObject(lp) ||
			cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(lp, "concepts")) < 1)
			fail_msg("round %d: a pass without learner_progress", round);
	} else
		assert_null(cJSON_GetObjectItemCaseSensitive(g, "learner_progress"));
	cJSON_Delete(g);
}

/* Save the way vim does: write a temporary file, rename it over the answer. */
static void
save_by_rename(const char *path, const char *text)
{
	char *tmp = xasprintf("%s.swp~", path);
	FILE *f = fopen(tmp, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(rename(tmp, path), 0);
	free(tmp);
}

static void
save_in_place(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void
test_watch_regrades_on_save(void **state)
{
	learner_env le;
	learner_watcher w;
	char *answer, *drills = learner_tiny_drills();
	char *slow = learner_drill_file(drills, "t-sargable", "slow.sql");
	cJSON *st;
	const char *good = "SELECT id, v FROM items WHERE v = 7 ORDER BY id;\n";
	const char *bad = "SELECT id, v\nFROM items WHERE v = = 7;\n";

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	learner_env_init(&le, "watch", NULL, NULL);
	answer = xasprintf("%s/work/t-sargable.sql", le.dir);
	copy_text(slow, answer);
	learner_watch_start(&le, "t-sargable", answer, &w);
	expect_grade(&w, 1, "fail");                 /* the slow query, unchanged */
	save_by_rename(answer, good);
	expect_grade(&w, 2, "pass");
	save_in_place(answer, good);                 /* same bytes: no re-grade */
	save_in_place(answer, bad);                  /* ...but this one is */
	expect_grade(&w, 3, "rejected");
	/* two quick saves inside the debounce window: one grade, of the last */
	save_in_place(answer, bad);
	save_by_rename(answer, good);
	expect_grade(&w, 4, "pass");
	{
		cJSON *extra = learner_watch_next(&w, 1.5);

		if (extra)
			fail_msg("an extra grade: round %d", (int) jnum(extra, "round"));
	}
	/* Ctrl-C: a clean exit */
	assert_int_equal(learner_watch_stop(&w), 0);
	assert_no_scratch_left((long) w.pid);
	st = learner_state(&le);
	assert_non_null(st);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(st, "attempts")), 4);
	cJSON_Delete(st);
	free(answer);
	free(slow);
	free(drills);
	learner_env_free(&le);
}

static void
test_watch_usage_errors(void **state)
{
	learner_env le;
	proc_result res = PROC_RESULT_INIT;
	const char *missing[] = {"watch", "t-sargable", "--answer", "/nonexistent/x.sql", NULL};
	const char *stdin_answer[] = {"watch", "t-sargable", "--answer", "-", NULL};
	const char *no_drill[] = {"watch", NULL};

	(void) state;
	learner_env_init(&le, "watch-usage", NULL, NULL);
	learner_run(&le, missing, &res);
	assert_int_equal(res.exit_code, 2);
	assert_non_null(strstr(strbuf_str(&res.err), "no answer to watch"));
	learner_run(&le, stdin_answer, &res);
	assert_int_equal(res.exit_code, 2);
	learner_run(&le, no_drill, &res);
	assert_int_equal(res.exit_code, 2);
	proc_result_free(&res);
	learner_env_free(&le);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_watch_regrades_on_save),
		cmocka_unit_test(test_watch_usage_errors),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests_name("watch", tests, harness_group_setup, NULL);
}
