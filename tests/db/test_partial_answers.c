/*
 * test_partial_answers.c — an answer that fixes only part of a drill does
 * not pass.
 *
 * tests/partial-answers/<drill>/<name>.sql return the drill's rows but fix
 * one of several problems (the capstone shop-load-capstone-api: only the
 * pool, only one of the two rewrites).  This test grades them in one
 * `pgdrill grade` run against the real catalogue and asserts that each is
 * graded — correctness.same_rows true, a score — and fails: status "fail"
 * with a score under the drill's pass mark.  Load checks are wall-clock
 * measurements, so this is a catalogue test (plain build only, like
 * wrong_answers); bench/load.sh measures the spread of verdicts.
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

#define TIMEOUT 1200

static void
test_every_partial_answer_fails_on_its_score(void **state)
{
	char *root = xasprintf("%s/tests/partial-answers", getenv("PGDRILL_SOURCE_DIR"));
	char *path = xasprintf("%s/partial-answers.%ld.json", harness_home(), (long) getpid());
	cJSON *manifest = harness_answer_manifest(root), *out, *results, *res;
	char *text = cJSON_Print(manifest);
	const char *args[] = {"grade", path, "--format", "json", "-q", NULL};
	proc_result pr = PROC_RESULT_INIT;
	FILE *fp;
	int tried, wrong = 0;
	strbuf why = STRBUF_INIT;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	tried = cJSON_GetArraySize(manifest);
	assert_true(tried >= 3);   /* the capstone's three single fixes */
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
		const cJSON *score = cJSON_GetObjectItemCaseSensitive(res, "score");
		const cJSON *pass = cJSON_GetObjectItemCaseSensitive(res, "pass_score");

		if (!cJSON_IsString(st) || strcmp(st->valuestring, "fail") != 0 ||
			!cJSON_IsTrue(same) || !cJSON_IsNumber(score) ||
			score->valuedouble >= pass->valuedouble) {
			wrong++;
			strbuf_printf(&why, "\n  %s: %s — %s",
						  cJSON_GetObjectItemCaseSensitive(res, "answer_file")->valuestring,
						  cJSON_IsString(st) ? st->valuestring : "?",
						  cJSON_GetObjectItemCaseSensitive(res, "message")->valuestring);
		}
	}
	print_message("%d partial answers tried, %d not failed on their score\n", tried, wrong);
	if (wrong > 0)
		fail_msg("%d of %d partial answers were not graded and failed:%s", wrong, tried,
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
		cmocka_unit_test(test_every_partial_answer_fails_on_its_score),
	};
	return cmocka_run_group_tests_name("partial_answers", tests, harness_group_setup, NULL);
}
