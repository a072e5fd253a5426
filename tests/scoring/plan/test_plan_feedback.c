/*
 * test_plan_feedback.c — the feedback block check shows on an answer
 * (scoring/plan/feedback.c): hottest node, insights and diff against the
 * reference, as text (with and without colour, diff lines limited) and as
 * JSON; a missing reference or answer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "plan/feedback.h"

static void
test_text(void **state)
{
	plan *answer = fixture_plan("pg15_repeated_seq_scan.json");
	plan *ref = fixture_plan("pg15_repeated_seq_scan_fixed.json");
	char *t = plan_feedback_text(answer, ref, false, 3);
	char *c;

	(void) state;
	assert_memory_equal(t, "Hottest node: #3 Seq Scan on orders o (51% of the time, 51,200 buffers)\n\n"
						"What your plan shows:\n[high] #2 Seq Scan on customers c: reads the whole table",
						strlen("Hottest node: #3 Seq Scan on orders o (51% of the time, 51,200 buffers)\n\n"
							   "What your plan shows:\n[high] #2 Seq Scan on customers c: reads the whole table"));
	assert_non_null(strstr(t, "[high] #3 Seq Scan on orders o: scans the whole table 8 times\n"));
	/* said once, in the first line */
	assert_null(strstr(t, "the hottest node:"));
	assert_non_null(strstr(t, "\nWhat the reference does differently:\n"
						   "  customers: your answer uses Seq Scan, the reference uses Index Scan using customers_pkey\n"));
	assert_non_null(strstr(t, "  (3 more differences)\n"));
	assert_null(strstr(t, "\033"));
	c = plan_feedback_text(answer, ref, true, 0);
	assert_non_null(strstr(c, "Hottest node: \033[1;31m#3 Seq Scan on orders o\033[0m"));
	assert_null(strstr(c, "more differences"));
	free(c);
	free(t);

	/* no reference: no diff section; a plan without findings */
	t = plan_feedback_text(ref, NULL, false, 0);
	assert_non_null(strstr(t, "Hottest node: #3 Bitmap Heap Scan on orders o"));
	assert_null(strstr(t, "What the reference"));
	free(t);
	t = plan_feedback_text(ref, ref, false, 0);
	assert_null(strstr(t, "What the reference"));
	free(t);
	t = plan_feedback_text(NULL, ref, false, 0);
	assert_string_equal(t, "");
	free(t);
	plan_free(answer);
	plan_free(ref);
}

/* A drill whose answers may not create indexes gets no index advice: the
 * same findings, told to rewrite so that an existing index applies. */
static void
test_no_index_advice(void **state)
{
	static const char *const files[] = {"pg15_seq_scan_filter.json", "pg15_index_filter.json",
		"pg15_repeated_seq_scan.json", "pg15_sort_limit.json"};

	(void) state;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		plan *p = fixture_plan(files[i]);
		char *with = plan_feedback_text_for(p, NULL, false, 0, true);
		char *without = plan_feedback_text_for(p, NULL, false, 0, false);

		if (!strstr(with, "Try: an index"))
			fail_msg("%s: the rule's advice changed: %s", files[i], with);
		if (strstr(without, "Try: an index") ||
			!strstr(without, "Try: rewrite the query so that an existing index applies"))
			fail_msg("%s: %s", files[i], without);
		free(with);
		free(without);
		plan_free(p);
	}
}

/* An index drill's wrong column order against the reference's right one
 * (real plans: tests/plans/composite): the feedback says which column the
 * index was searched on and that it was not sought, and never names the
 * reference's index, in text or JSON; the generic diff (explain --against)
 * still names it. */
static void
test_index_drill_hides_reference_index(void **state)
{
	plan *answer = fixture_plan("composite/shop_wrong_order.json");
	plan *ref = fixture_plan("composite/shop_right_order.json");
	char *text = plan_feedback_text_for(answer, ref, false, 0, true);
	char *plain = plan_feedback_text(answer, ref, false, 0);
	cJSON *j = plan_feedback_json_for(answer, ref, true);
	char *json = cJSON_PrintUnformatted(j);

	(void) state;
	if (strstr(text, "orders_customer_id_created_at_idx") ||
		!strstr(text, "the reference uses Index Scan using an index of its own") ||
		!strstr(text, "the index is searched on customer_id but not sought") ||
		!strstr(text, "Try: an index whose first column is customer_id"))
		fail_msg("index drill feedback:\n%s", text);
	if (strstr(json, "orders_customer_id_created_at_idx") ||
		!strstr(json, "index_cond_not_leading"))
		fail_msg("index drill feedback JSON:\n%s", json);
	if (!strstr(plain, "the reference uses Index Scan using "
				"orders_customer_id_created_at_idx"))
		fail_msg("generic diff:\n%s", plain);
	free(json);
	cJSON_Delete(j);
	free(plain);
	free(text);
	plan_free(answer);
	plan_free(ref);
}

static void
test_json(void **state)
{
	plan *answer = fixture_plan("pg15_repeated_seq_scan.json");
	plan *ref = fixture_plan("pg15_repeated_seq_scan_fixed.json");
	cJSON *j = plan_feedback_json(answer, ref);
	cJSON *h = cJSON_GetObjectItem(j, "hottest_node");

	(void) state;
	assert_int_equal((int) cJSON_GetObjectItem(h, "id")->valuedouble, 3);
	assert_string_equal(cJSON_GetObjectItem(h, "label")->valuestring, "Seq Scan on orders o");
	assert_string_equal(cJSON_GetObjectItem(h, "relation")->valuestring, "orders");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(h, "index")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "insights")), 3);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "diff")), 6);
	cJSON_Delete(j);

	j = plan_feedback_json(answer, NULL);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "diff")), 0);
	cJSON_Delete(j);
	j = plan_feedback_json(NULL, NULL);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "hottest_node")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "insights")), 0);
	cJSON_Delete(j);
	plan_free(answer);
	plan_free(ref);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_no_index_advice),
		cmocka_unit_test(test_index_drill_hides_reference_index),
		cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests_name("plan_feedback", tests, NULL, NULL);
}
