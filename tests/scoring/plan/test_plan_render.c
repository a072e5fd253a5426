/*
 * test_plan_render.c — the terminal picture (scoring/plan/render.c) and
 * the JSON values (plan_json.c): layout per kind of plan (timing, buffers
 * only, estimates only), the hottest marker, bars, colour on and off,
 * width limits counted in columns (UTF-8) and never cutting an escape.
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
#include "plan/feedback.h"
#include "plan/insight.h"
#include "plan/plan_json.h"
#include "plan/render.h"
#include "strbuf.h"

static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (*s == '\n')
			n++;
	return n;
}

/* Line `k` (0-based) of s, malloc'd, without its newline. */
static char *
line_at(const char *s, size_t k)
{
	const char *e;

	while (k-- > 0 && (s = strchr(s, '\n')) != NULL)
		s++;
	if (s == NULL)
		return xstrdup("");
	e = strchr(s, '\n');
	return xstrndup(s, e ? (size_t) (e - s) : strlen(s));
}

static int
columns(const char *s)
{
	int n = 0;

	for (; *s; s++) {
		if (*s == '\033') {       /* skip an escape sequence */
			while (*s && *s != 'm')
				s++;
			continue;
		}
		if (((unsigned char) *s & 0xC0) != 0x80)
			n++;
	}
	return n;
}

static void
test_layout(void **state)
{
	plan *p = fixture_plan("pg15_cte_multi.json");
	char *pic = plan_render(p, false, 0);
	char *l;

	(void) state;
	/* header, one line per node, footer */
	assert_int_equal(count_lines(pic), p->n_nodes + 2);
	l = line_at(pic, 0);
	assert_string_equal(l, "   self time            │   self buffers         │ node");
	free(l);
	l = line_at(pic, 1);
	assert_string_equal(l, " 2.52ms   1% ▏          │      0   0%            │ Merge Join  "
						"rows 10,000 (est 659,121)");
	free(l);
	/* the hottest node: 57% = 5.7 cells of bar, marked */
	l = line_at(pic, 2);
	assert_string_equal(l, " 96.9ms  57% █████▊     │    512   4% ▍          │ ├─ [CTE big] "
						"HashAggregate  ◀ hottest  rows 20,000 (est 19,886)");
	free(l);
	l = line_at(pic, 9);
	assert_memory_equal(l + strlen(l) - strlen("   └─ CTE Scan on big b  rows 20,000 (est 19,886)"),
						"   └─ CTE Scan on big b  rows 20,000 (est 19,886)",
						strlen("   └─ CTE Scan on big b  rows 20,000 (est 19,886)"));
	free(l);
	l = line_at(pic, 10);
	assert_string_equal(l, "planning 0.390 ms · execution 171.005 ms · 13,312 buffers");
	free(l);
	assert_null(strstr(pic, "\033"));
	/* exactly one hottest marker */
	assert_null(strstr(strstr(pic, "◀ hottest") + 1, "◀ hottest"));
	free(pic);
	plan_free(p);
}

/* Raw: what EXPLAIN reports and nothing pgdrill derives (plan-reading
 * drills ask for the derived figures). */
static void
test_raw(void **state)
{
	plan *p = fixture_plan("pg15_cte_multi.json");
	char *pic = plan_render_flags(p, true, 0, PLAN_RENDER_RAW);
	char *plain = plan_render_flags(p, false, 0, PLAN_RENDER_RAW);
	char *l;

	(void) state;
	assert_null(strstr(pic, "hottest"));
	assert_null(strstr(pic, "self "));
	assert_null(strstr(pic, "█"));
	assert_null(strstr(pic, "\033[1;31m"));   /* nothing in the hottest's colour */
	assert_int_equal(count_lines(plain), p->n_nodes + 2);
	l = line_at(plain, 0);
	assert_string_equal(l, "node");
	free(l);
	l = line_at(plain, 2);
	assert_string_equal(l, "├─ [CTE big] HashAggregate  rows 20,000 (est 19,886)");
	free(l);
	l = line_at(plain, 10);
	assert_string_equal(l, "planning 0.390 ms · execution 171.005 ms · 13,312 buffers");
	free(l);
	free(plain);
	free(pic);
	/* flags 0 is plan_render */
	pic = plan_render_flags(p, false, 0, 0);
	plain = plan_render(p, false, 0);
	assert_string_equal(pic, plain);
	free(plain);
	free(pic);
	plan_free(p);
}

static void
test_kinds_of_plan(void **state)
{
	plan *p = fixture_plan("pg15_no_analyze.json");
	char *pic = plan_render(p, false, 0);

	(void) state;
	assert_non_null(strstr(pic, "self cost (estimate)"));
	assert_null(strstr(pic, "self time"));
	assert_null(strstr(pic, "◀ hottest"));  /* no measured hottest */
	assert_non_null(strstr(pic, "est rows 400,000"));
	assert_non_null(strstr(pic, "estimates only (EXPLAIN without ANALYZE)"));
	free(pic);
	plan_free(p);

	p = fixture_plan("pg15_timing_off.json");
	pic = plan_render(p, false, 0);
	assert_non_null(strstr(pic, "self buffers"));
	assert_null(strstr(pic, "self time"));
	assert_non_null(strstr(pic, "Index Only Scan using orders_customer_idx on orders o  ◀ hottest"));
	free(pic);
	plan_free(p);

	p = fixture_plan("pg15_subplan.json");
	pic = plan_render(p, false, 0);
	assert_non_null(strstr(pic, "[SubPlan 1] Aggregate  rows 1 (est 1) ×599 loops"));
	free(pic);
	plan_free(p);

	/* never executed nodes say so */
	p = fixture_parse_sq("{'Plan':{'Node Type':'Limit'," "'Actual Rows':0,'Actual Loops':1,"
						 "'Actual Total Time':1,'Plans':[{'Node Type':'Seq Scan',"
						 "'Parent Relationship':'Outer','Relation Name':'t','Actual Rows':0,"
						 "'Actual Loops':0,'Actual Total Time':0}]}}");
	pic = plan_render(p, true, 0);
	assert_non_null(strstr(pic, "(never executed)"));
	free(pic);
	plan_free(p);

	pic = plan_render(NULL, true, 80);
	assert_string_equal(pic, "");
	free(pic);
}

static void
test_color_and_width(void **state)
{
	plan *p = fixture_plan("pg15_cte_multi.json");
	char *pic = plan_render(p, true, 0);
	char *narrow;

	(void) state;
	assert_non_null(strstr(pic, "\033[1;31mHashAggregate\033[0m"));
	assert_non_null(strstr(pic, "\033[1;31m  ◀ hottest\033[0m"));
	free(pic);

	for (int width = 20; width <= 120; width += 7) {
		size_t lines;

		narrow = plan_render(p, true, width);
		lines = count_lines(narrow);
		assert_int_equal(lines, p->n_nodes + 2);
		for (size_t k = 0; k < lines; k++) {
			char *l = line_at(narrow, k);
			const char *esc;

			if (columns(l) > width)
				fail_msg("width %d: line %zu has %d columns: %s", width, k, columns(l), l);
			/* every escape sequence is complete */
			for (esc = strchr(l, '\033'); esc; esc = strchr(esc + 1, '\033'))
				assert_non_null(strchr(esc, 'm'));
			free(l);
		}
		free(narrow);
	}
	narrow = plan_render(p, false, 40);
	assert_non_null(strstr(narrow, "…\n"));
	free(narrow);
	plan_free(p);
}

/* cJSON allocations fail from the `fail_after`-th on (hooks below). */
static long fail_after = -1;

static void *
failing_malloc(size_t n)
{
	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	return malloc(n);
}

/*
 * Out of memory, the JSON builders return NULL (nothing printed, nothing
 * aborted, nothing leaked under ASan): fail the 1st, 2nd, ... allocation
 * until each builder gets through, and require NULL every time before.
 */
static void
test_json_out_of_memory(void **state)
{
	plan *p = fixture_plan("pg15_subplan.json");
	plan *q = fixture_plan("pg15_seq_scan_filter.json");
	insight_list *l = plan_insights(p);
	plan_diff *d = plan_diff_compute(p, q, "left", "right");
	cJSON_Hooks hooks = {failing_malloc, free};
	int whole[4] = {0, 0, 0, 0};
	cJSON *full[4];

	(void) state;
	assert_true(l->n > 0 && d->n > 0);
	full[0] = plan_to_json(p);
	full[1] = insight_list_to_json(l);
	full[2] = plan_diff_to_json(d);
	full[3] = plan_feedback_json(p, q);
	cJSON_InitHooks(&hooks);
	for (long k = 0; k < 100000 && !(whole[0] && whole[1] && whole[2] && whole[3]); k++) {
		cJSON *j[4];

		fail_after = k;
		j[0] = whole[0] ? NULL : plan_to_json(p);
		fail_after = k;
		j[1] = whole[1] ? NULL : insight_list_to_json(l);
		fail_after = k;
		j[2] = whole[2] ? NULL : plan_diff_to_json(d);
		fail_after = k;
		j[3] = whole[3] ? NULL : plan_feedback_json(p, q);
		fail_after = -1;
		for (int i = 0; i < 4; i++) {
			if (j[i] != NULL) {
				/* a value returned is the whole value, never a part */
				whole[i] = 1;
				assert_true(k > 0);
				assert_true(cJSON_Compare(j[i], full[i], 1));
			}
			cJSON_Delete(j[i]);
		}
	}
	cJSON_InitHooks(NULL);
	assert_true(whole[0] && whole[1] && whole[2] && whole[3]);
	for (int i = 0; i < 4; i++)
		cJSON_Delete(full[i]);
	plan_diff_free(d);
	insight_list_free(l);
	plan_free(q);
	plan_free(p);
}

static void
test_json(void **state)
{
	plan *p = fixture_plan("pg15_subplan.json");
	insight_list *l = plan_insights(p);
	cJSON *j = plan_to_json(p);
	cJSON *ins = insight_list_to_json(l);
	cJSON *nodes = cJSON_GetObjectItem(j, "nodes");
	cJSON *n3 = cJSON_GetArrayItem(nodes, 2);
	char *text;

	(void) state;
	assert_int_equal(cJSON_GetArraySize(nodes), 4);
	assert_int_equal((int) cJSON_GetObjectItem(j, "hottest_node")->valuedouble, 3);
	assert_int_equal((int) cJSON_GetObjectItem(j, "total_buffers")->valuedouble, 13806);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(j, "analyzed")));
	assert_string_equal(cJSON_GetObjectItem(n3, "label")->valuestring, "Bitmap Heap Scan on orders o");
	assert_int_equal((int) cJSON_GetObjectItem(n3, "parent")->valuedouble, 2);
	assert_float_equal(cJSON_GetObjectItem(n3, "exclusive_time_ms")->valuedouble, 14.975, 1e-6);
	assert_int_equal((int) cJSON_GetObjectItem(cJSON_GetObjectItem(n3, "exclusive_buffers"),
											   "shared_hit")->valuedouble, 11980);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(nodes, 0), "parent")));
	assert_int_equal(cJSON_GetArraySize(ins), (int) l->n);
	text = cJSON_PrintUnformatted(ins);
	assert_non_null(strstr(text, "{\"rule\":\"index_filter\",\"severity\":\"medium\",\"node\":1,"));
	free(text);
	cJSON_Delete(j);
	cJSON_Delete(ins);
	insight_list_free(l);
	plan_free(p);

	j = plan_to_json(NULL);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "hottest_node")));
	cJSON_Delete(j);
	j = insight_list_to_json(NULL);
	assert_int_equal(cJSON_GetArraySize(j), 0);
	cJSON_Delete(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_raw),
		cmocka_unit_test(test_kinds_of_plan),
		cmocka_unit_test(test_color_and_width),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_out_of_memory),
	};
	return cmocka_run_group_tests_name("plan_render", tests, NULL, NULL);
}
