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
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define TIMEOUT 3000

/* Failed on its rows (an answer failed only on speed would pass once
 * optimized). */
static bool
failed_on_rows(const cJSON *res)
{
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(res, "status");
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(res, "correctness");
	const cJSON *same = c ? cJSON_GetObjectItemCaseSensitive(c, "same_rows") : NULL;

	return cJSON_IsString(st) && strcmp(st->valuestring, "fail") == 0 && cJSON_IsFalse(same);
}

static void
test_every_wrong_answer_fails_on_rows(void **state)
{
	static const char *const runs[] = {"--runs", "1", NULL};

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	/* one per plausible mistake, several per rewrite/index/cache drill */
	harness_answer_set_fails("wrong-answers", 60, runs, TIMEOUT, failed_on_rows,
							 "failed on their rows");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_wrong_answer_fails_on_rows),
	};
	return cmocka_run_group_tests_name("wrong_answers", tests, harness_group_setup, NULL);
}
