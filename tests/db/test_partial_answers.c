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
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define TIMEOUT 1200

/* Graded (the same rows, a score) and failed under the pass mark. */
static bool
failed_on_score(const cJSON *res)
{
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(res, "status");
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(res, "correctness");
	const cJSON *same = c ? cJSON_GetObjectItemCaseSensitive(c, "same_rows") : NULL;
	const cJSON *score = cJSON_GetObjectItemCaseSensitive(res, "score");
	const cJSON *pass = cJSON_GetObjectItemCaseSensitive(res, "pass_score");

	return cJSON_IsString(st) && strcmp(st->valuestring, "fail") == 0 && cJSON_IsTrue(same) &&
		cJSON_IsNumber(score) && cJSON_IsNumber(pass) && score->valuedouble < pass->valuedouble;
}

static void
test_every_partial_answer_fails_on_its_score(void **state)
{
	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	/* at least the capstone's three single fixes */
	harness_answer_set_fails("partial-answers", 3, NULL, TIMEOUT, failed_on_score,
							 "graded and failed on their score");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_partial_answer_fails_on_its_score),
	};
	return cmocka_run_group_tests_name("partial_answers", tests, harness_group_setup, NULL);
}
