/*
 * test_plan_diff.c — plan diff (scoring/plan/diff.c): each kind of
 * difference found on real PostgreSQL 15 pairs (a slow plan and its
 * reference) and on small hand-written plans, nothing reported for a plan
 * against itself, the text (line limit, "more"), JSON, and NULL handling.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "plan/diff.h"
#include "plan/plan_json.h"
#include "strbuf.h"

static const plan_difference *
find_kind(const plan_diff *d, plan_diff_kind k, const char *subject)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].kind == k &&
			(subject == NULL || (d->items[i].subject && strcmp(d->items[i].subject, subject) == 0)))
			return &d->items[i];
	return NULL;
}

/* find_kind that fails the test when the difference is missing. */
static const plan_difference *
need_kind(const plan_diff *d, plan_diff_kind k, const char *subject)
	__attribute__((returns_nonnull));

static const plan_difference *
need_kind(const plan_diff *d, plan_diff_kind k, const char *subject)
{
	const plan_difference *x = find_kind(d, k, subject);

	if (x == NULL) {
		fail_msg("no %s difference%s%s", plan_diff_kind_name(k), subject ? " for " : "",
				 subject ? subject : "");
		abort();
	}
	return x;
}

static void
test_slow_against_reference(void **state)
{
	/* the same query: a nested loop over full scans vs index lookups */
	plan *slow = fixture_plan("pg15_repeated_seq_scan.json");
	plan *ref = fixture_plan("pg15_repeated_seq_scan_fixed.json");
	plan_diff *d = plan_diff_compute(slow, ref, "your answer", "the reference");
	const plan_difference *x;
	char *text;

	(void) state;
	x = need_kind(d, PLAN_DIFF_ACCESS_PATH, "customers");
	assert_string_equal(x->left, "Seq Scan");
	assert_string_equal(x->right, "Index Scan using customers_pkey");
	x = need_kind(d, PLAN_DIFF_ACCESS_PATH, "orders");
	assert_string_equal(x->right, "Bitmap Heap Scan using orders_customer_idx");
	assert_string_equal(x->text, "orders: your answer uses Seq Scan, the reference uses "
						"Bitmap Heap Scan using orders_customer_idx");
	x = need_kind(d, PLAN_DIFF_BUFFERS, NULL);
	assert_float_equal(x->left_value, 51327, 0.5);
	assert_float_equal(x->right_value, 187, 0.5);
	assert_non_null(strstr(x->text, "51,327 buffers, the reference 187 (274.5x more)"));
	x = need_kind(d, PLAN_DIFF_ROWS, NULL);
	assert_float_equal(x->left_value, 3220000, 0.5);
	assert_non_null(find_kind(d, PLAN_DIFF_HOTTEST, NULL));
	assert_non_null(find_kind(d, PLAN_DIFF_TIME, NULL));
	/* both are nested loops over the same relations in the same order */
	assert_null(find_kind(d, PLAN_DIFF_JOIN_METHOD, NULL));
	assert_null(find_kind(d, PLAN_DIFF_JOIN_ORDER, NULL));
	assert_null(find_kind(d, PLAN_DIFF_SPILL, NULL));
	/* in the order of the kinds */
	for (size_t i = 1; i < d->n; i++)
		assert_true(d->items[i - 1].kind <= d->items[i].kind);

	text = plan_diff_text(d, 2);
	assert_memory_equal(text, "customers: your answer uses Seq Scan", 36);
	assert_non_null(strstr(text, "\n(4 more differences)\n"));
	free(text);
	plan_diff_free(d);
	plan_free(slow);
	plan_free(ref);
}

static void
test_spill_and_joins(void **state)
{
	plan *a = fixture_plan("pg15_sort_spill.json");
	plan *b = fixture_plan("pg15_sort_limit.json");
	plan_diff *d = plan_diff_compute(a, b, "yours", "the reference");
	const plan_difference *x = need_kind(d, PLAN_DIFF_SPILL, NULL);

	(void) state;
	assert_non_null(strstr(x->left, "Sort ("));
	assert_string_equal(x->right, "no spill");
	assert_non_null(strstr(x->text, "yours spills to disk: Sort ("));
	assert_non_null(strstr(x->text, "the reference does not spill"));
	plan_diff_free(d);
	plan_free(a);
	plan_free(b);

	a = fixture_plan("pg15_nested_loop_many.json");
	b = fixture_plan("pg15_timing_off.json");
	d = plan_diff_compute(a, b, NULL, NULL);
	x = need_kind(d, PLAN_DIFF_JOIN_METHOD, NULL);
	assert_string_equal(x->left, "1 Nested Loop");
	assert_string_equal(x->right, "1 Hash Join");
	assert_non_null(strstr(x->text, "the first plan uses 1 Nested Loop, the second plan uses"));
	/* timing off on one side: no hottest/time comparison */
	assert_null(find_kind(d, PLAN_DIFF_HOTTEST, NULL));
	plan_diff_free(d);
	plan_free(a);
	plan_free(b);
}

static void
test_join_order_and_missing_relation(void **state)
{
	plan *a = fixture_parse_sq(
		"{'Plan':{'Node Type':'Hash Join','Join Type':'Inner','Plans':["
		"{'Node Type':'Seq Scan','Parent Relationship':'Outer','Relation Name':'a'},"
		"{'Node Type':'Hash','Parent Relationship':'Inner','Plans':["
		"{'Node Type':'Seq Scan','Parent Relationship':'Outer','Relation Name':'b'}]}]}}");
	plan *b = fixture_parse_sq(
		"{'Plan':{'Node Type':'Hash Join','Join Type':'Inner','Plans':["
		"{'Node Type':'Seq Scan','Parent Relationship':'Outer','Relation Name':'b'},"
		"{'Node Type':'Hash','Parent Relationship':'Inner','Plans':["
		"{'Node Type':'Seq Scan','Parent Relationship':'Outer','Relation Name':'a'}]}]}}");
	plan *c = fixture_parse_sq(
		"{'Plan':{'Node Type':'Seq Scan','Relation Name':'a'}}");
	plan_diff *d = plan_diff_compute(a, b, "A", "B");
	const plan_difference *x = need_kind(d, PLAN_DIFF_JOIN_ORDER, NULL);

	(void) state;
	assert_int_equal(d->n, 1);
	assert_string_equal(x->text, "join order: A reads a -> b, B reads b -> a");
	plan_diff_free(d);

	d = plan_diff_compute(a, c, "A", "C");
	x = need_kind(d, PLAN_DIFF_ACCESS_PATH, "b");
	assert_string_equal(x->right, "does not read it");
	assert_string_equal(x->text, "b: A uses Seq Scan, C does not read it");
	assert_null(find_kind(d, PLAN_DIFF_JOIN_ORDER, NULL));
	assert_non_null(find_kind(d, PLAN_DIFF_JOIN_METHOD, NULL));
	plan_diff_free(d);
	plan_free(a);
	plan_free(b);
	plan_free(c);
}

static void
test_same_plan(void **state)
{
	static const char *const files[] = {
		"pg15_cte_multi.json", "pg15_parallel.json", "pg15_no_analyze.json",
		"pg15_lossy_bitmap.json",
	};

	(void) state;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		plan *p = fixture_plan(files[i]);
		plan_diff *d = plan_diff_compute(p, p, "a", "b");
		char *text = plan_diff_text(d, 0);

		assert_int_equal(d->n, 0);
		assert_memory_equal(text, "The plans read the same relations", 33);
		free(text);
		plan_diff_free(d);
		plan_free(p);
	}
	/* the raw capture and its psql paste are the same plan, a re-run apart */
	{
		plan *a = fixture_plan("pg15_nested_loop.json");
		plan *b = fixture_plan("pg15_psql_paste.txt");
		plan_diff *d = plan_diff_compute(a, b, "a", "b");

		assert_int_equal(d->n, 0);
		plan_diff_free(d);
		plan_free(a);
		plan_free(b);
	}
}

static void
test_json_and_null(void **state)
{
	plan *a = fixture_plan("pg15_repeated_seq_scan.json");
	plan *b = fixture_plan("pg15_repeated_seq_scan_fixed.json");
	plan_diff *d = plan_diff_compute(a, b, "x", "y");
	cJSON *j = plan_diff_to_json(d);
	char *text = cJSON_PrintUnformatted(j);

	(void) state;
	assert_int_equal(cJSON_GetArraySize(j), (int) d->n);
	assert_non_null(strstr(text, "{\"kind\":\"access_path\",\"subject\":\"customers\","
						   "\"left\":\"Seq Scan\",\"right\":\"Index Scan using customers_pkey\""));
	assert_non_null(strstr(text, "\"kind\":\"buffers\",\"subject\":null"));
	free(text);
	cJSON_Delete(j);
	plan_diff_free(d);

	d = plan_diff_compute(NULL, NULL, NULL, NULL);
	assert_int_equal(d->n, 0);
	plan_diff_free(d);
	d = plan_diff_compute(a, NULL, "x", "nothing");
	assert_non_null(find_kind(d, PLAN_DIFF_ACCESS_PATH, "orders"));
	plan_diff_free(d);
	plan_diff_free(NULL);
	text = plan_diff_text(NULL, 0);
	assert_memory_equal(text, "The plans", 9);
	free(text);
	assert_string_equal(plan_diff_kind_name(PLAN_DIFF_JOIN_ORDER), "join_order");
	assert_string_equal(plan_diff_kind_name((plan_diff_kind) 99), "unknown");
	plan_free(a);
	plan_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slow_against_reference),
		cmocka_unit_test(test_spill_and_joins),
		cmocka_unit_test(test_join_order_and_missing_relation),
		cmocka_unit_test(test_same_plan),
		cmocka_unit_test(test_json_and_null),
	};
	return cmocka_run_group_tests_name("plan_diff", tests, NULL, NULL);
}
