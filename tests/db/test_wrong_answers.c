/*
 * test_wrong_answers.c — no plausible wrong answer passes the shipped
 * catalogue.
 *
 * tests/wrong-answers/<drill>/<name>.sql are rewrites a learner writes while
 * optimizing that return other rows than the slow query on some legal
 * database state: BETWEEN ... 23:59:59, <= the next midnight, a missing
 * tie-breaker, ORDER BY id for time, a filter that removes no row on the
 * seeds, JOIN for LEFT JOIN, a cast to integer, lower() dropped...  (the
 * first line of each says what is wrong).  The drills' edge rows
 * (drills/<id>/edge.sql) hold those states.  This test grades all of them
 * in one `pgdrill grade` run over a manifest, against the real catalogue
 * at its default scale, and asserts that every one fails on its rows: status
 * "fail" with correctness.same_rows false (a wrong answer that merely fails
 * on speed would pass once optimized).  A new drill or a new wrong answer
 * is a new file; nothing here changes.
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
#include "strbuf.h"

#define TIMEOUT 3000

static void
test_every_wrong_answer_fails_on_rows(void **state)
{
	char *root = xasprintf("%s/tests/wrong-answers", getenv("PGDRILL_SOURCE_DIR"));
	char *path = xasprintf("%s/wrong-answers.%ld.json", harness_home(), (long) getpid());
	cJSON *manifest = harness_answer_manifest(root), *out, *results, *res;
	char *text = cJSON_Print(manifest);
	const char *args[] = {"grade", path, "--format", "json", "--runs", "1", "-q", NULL};
	proc_result pr = PROC_RESULT_INIT;
	FILE *fp;
	int tried, passed = 0;
	strbuf why = STRBUF_INIT;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	tried = cJSON_GetArraySize(manifest);
	/* one per plausible mistake, several per rewrite/index/cache drill */
	assert_true(tried >= 60);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	harness_run_pgdrill(args, NULL, NULL, TIMEOUT, &pr);
	unlink(path);
	out = cJSON_Parse(strbuf_str(&pr.out));
	if (out == NULL)
		fail_msg("grade printed no JSON (exit %d): %s", pr.exit_code, strbuf_str(&pr.err));
	assert_int_equal(pr.exit_code, 1);
	results = cJSON_GetObjectItemCaseSensitive(out, "results");
	assert_int_equal(cJSON_GetArraySize(results), tried);
	cJSON_ArrayForEach(res, results) {
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(res, "status");
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(res, "correctness");
		const cJSON *same = c ? cJSON_GetObjectItemCaseSensitive(c, "same_rows") : NULL;

		if (!cJSON_IsString(st) || strcmp(st->valuestring, "fail") != 0 || !cJSON_IsFalse(same)) {
			passed++;
			strbuf_printf(&why, "\n  %s: %s — %s",
						  cJSON_GetObjectItemCaseSensitive(res, "answer_file")->valuestring,
						  cJSON_IsString(st) ? st->valuestring : "?",
						  cJSON_GetObjectItemCaseSensitive(res, "message")->valuestring);
		}
	}
	print_message("%d plausible wrong answers tried, %d not failed on their rows\n", tried,
				  passed);
	if (passed > 0)
		fail_msg("%d of %d wrong answers were not failed on their rows:%s", passed, tried,
				 strbuf_str(&why));
	strbuf_free(&why);
	cJSON_Delete(out);
	proc_result_free(&pr);
	cJSON_Delete(manifest);
	free(text);
	free(path);
	free(root);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_wrong_answer_fails_on_rows),
	};
	return cmocka_run_group_tests_name("wrong_answers", tests, harness_group_setup, NULL);
}
