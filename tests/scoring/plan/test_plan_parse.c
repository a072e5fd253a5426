/*
 * test_plan_parse.c — reading EXPLAIN JSON (scoring/plan/parse.c, clean.c,
 * summary.c): the shapes people give (top-level array, single object, psql
 * paste with header / '+' marks / footer, unaligned psql, BOM), the options
 * (no ANALYZE, TIMING OFF, VERBOSE + SETTINGS, JIT, triggers), unknown keys,
 * every malformed-input error with its message and position, node labels
 * and the summary text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "plan/plan_internal.h"
#include "strbuf.h"

static const char one_node[] =
	"{\"Plan\": {\"Node Type\": \"Seq Scan\", \"Relation Name\": \"t\", "
	"\"Alias\": \"t\", \"Total Cost\": 10, \"Plan Rows\": 5, "
	"\"Actual Total Time\": 1.5, \"Actual Rows\": 5, \"Actual Loops\": 1}, "
	"\"Planning Time\": 0.25, \"Execution Time\": 1.75}";

static void
test_shapes(void **state)
{
	/* The same node in every shape people paste. */
	char *array = xasprintf("[\n  %s\n]\n", one_node);
	char *bom = xasprintf("\xEF\xBB\xBF%s", one_node);
	char *psql = xasprintf(
		"                 QUERY PLAN                  \n"
		"---------------------------------------------\n"
		" [                                          +\n"
		"   %s  +\n"
		" ]\n"
		"(1 row)\n\n", one_node);
	char *unaligned = xasprintf("QUERY PLAN\n[\n%s\n]\n(1 row)\n", one_node);
	char *json_column = xasprintf("[{\"QUERY PLAN\": [%s]}]", one_node);
	const char *inputs[] = {one_node, array, bom, psql, unaligned, json_column};

	(void) state;
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		error err = {0};
		plan *p = plan_parse(inputs[i], strlen(inputs[i]), &err);

		if (p == NULL)
			fail_msg("input %zu: %s (%s)", i, err.message, err.detail);
		assert_int_equal(p->n_nodes, 1);
		assert_string_equal(p->root->node_type, "Seq Scan");
		assert_string_equal(p->root->relation, "t");
		assert_float_equal(p->planning_ms, 0.25, 1e-9);
		assert_float_equal(p->execution_ms, 1.75, 1e-9);
		assert_float_equal(p->root->exclusive_time_ms, 1.5, 1e-9);
		plan_free(p);
	}
	free(array);
	free(bom);
	free(psql);
	free(unaligned);
	free(json_column);
}

static void
test_psql_capture(void **state)
{
	/* A real `psql -c 'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ...'` paste
	 * reads like the raw capture of the same query. */
	plan *pasted = fixture_plan("pg15_psql_paste.txt");
	plan *raw = fixture_plan("pg15_nested_loop.json");

	(void) state;
	assert_int_equal(pasted->n_nodes, raw->n_nodes);
	for (size_t i = 0; i < raw->n_nodes; i++)
		assert_string_equal(pasted->nodes[i]->node_type, raw->nodes[i]->node_type);
	assert_true(pasted->analyzed && pasted->has_buffers && pasted->has_timing);
	plan_free(pasted);
	plan_free(raw);
}

static void
test_options(void **state)
{
	plan *p;

	(void) state;
	p = fixture_plan("pg15_no_analyze.json");
	assert_false(p->analyzed);
	assert_false(p->has_timing);
	assert_false(p->has_buffers);
	assert_float_equal(p->execution_ms, -1, 1e-9);
	assert_non_null(p->settings);
	assert_non_null(strstr(p->settings, "work_mem=8MB"));
	assert_string_equal(p->nodes[2]->schema, "public");
	assert_false(p->root->has_actual);
	plan_free(p);

	p = fixture_plan("pg15_timing_off.json");
	assert_true(p->analyzed);
	assert_false(p->has_timing);
	assert_true(p->has_buffers);
	assert_float_equal(p->root->actual_rows, 5, 1e-9);
	plan_free(p);

	/* JIT, triggers and keys from other versions or tools are fine. */
	p = fixture_parse_sq(
		"[{'Plan':{'Node Type':'Result','Actual Total Time':1,'Actual Rows':1,"
		"'Actual Loops':1,'Future Key':{'x':[1,2]},'Async Capable':false},"
		"'JIT':{'Functions':7,'Options':{'Inlining':false},'Timing':{'Generation':1.5,"
		"'Total':12.25}},'Triggers':[{'Trigger Name':'t','Time':2.5,'Calls':1},"
		"{'Trigger Name':'u','Time':0.5,'Calls':1}],'Execution Time':20}]");
	assert_int_equal(p->jit_functions, 7);
	assert_float_equal(p->jit_ms, 12.25, 1e-9);
	assert_float_equal(p->trigger_ms, 3.0, 1e-9);
	plan_free(p);
}

static void
test_node_fields(void **state)
{
	plan *p = fixture_parse_sq(
		"[{'Plan':{'Node Type':'Sort','Sort Key':['a','b DESC'],"
		"'Sort Method':'external merge','Sort Space Used':2048,'Sort Space Type':'Disk',"
		"'Actual Total Time':1,'Actual Rows':1,'Actual Loops':1,'Plans':[{"
		"'Node Type':'Bitmap Heap Scan','Parent Relationship':'Outer',"
		"'Relation Name':'t','Recheck Cond':'(a > 1)','Rows Removed by Index Recheck':40,"
		"'Rows Removed by Filter':3,'Filter':'(b < 2)','Exact Heap Blocks':5,"
		"'Lossy Heap Blocks':7,'Actual Total Time':1,'Actual Rows':1,'Actual Loops':2,"
		"'Plan Rows':4,'Workers Planned':'bad','Actual Startup Time':-3}]}}]");
	const plan_node *s = fixture_node(p, 1), *b = fixture_node(p, 2);

	(void) state;
	assert_string_equal(s->sort_key, "a, b DESC");
	assert_string_equal(s->sort_method, "external merge");
	assert_string_equal(s->sort_space_type, "Disk");
	assert_float_equal(s->sort_space_kb, 2048, 1e-9);
	assert_string_equal(b->recheck_cond, "(a > 1)");
	assert_string_equal(b->filter, "(b < 2)");
	assert_float_equal(b->rows_removed_by_recheck, 40, 1e-9);
	assert_float_equal(b->rows_removed_by_filter, 3, 1e-9);
	assert_float_equal(b->lossy_heap_blocks, 7, 1e-9);
	assert_float_equal(plan_node_rows_total(b), 2, 1e-9);
	assert_float_equal(plan_node_plan_rows_total(b), 8, 1e-9);
	/* wrong types and negative numbers read as absent / 0 */
	assert_int_equal(b->workers_planned, -1);
	assert_float_equal(b->startup_time_ms, 0, 1e-9);
	assert_ptr_equal(b->parent, s);
	assert_int_equal(b->depth, 1);
	assert_int_equal(s->last_id, 2);
	assert_int_equal(b->last_id, 2);
	assert_non_null(strstr(b->expressions, "(a > 1)"));
	plan_free(p);
}

static void
test_key_index(void **state)
{
	/* the key table is sorted (bsearch); the first of duplicate keys wins,
	 * like cJSON_GetObjectItem; names stay out of the expression text */
	plan *p = fixture_parse_sq(
		"{'Plan':{'Node Type':'Seq Scan','Node Type':'Sort','Relation Name':'$7',"
		"'Subplan Name':'InitPlan 1 (returns $0)','Filter':'(a = $1)',"
		"'Output':['x','$2'],'One-Time Filter':'$3'}}");

	(void) state;
	assert_true(plan_node_keys_sorted());
	assert_string_equal(p->root->node_type, "Seq Scan");
	assert_string_equal(p->root->expressions, "(a = $1)\nx\n$2\n$3\n");
	plan_free(p);
}

typedef struct bad_case {
	const char *input;
	const char *message;   /* expected substring of err.message */
	int position;          /* expected err.position, -1 = don't care */
} bad_case;

static const bad_case bad_cases[] = {
	{"", "empty input", 0},
	{"hello", "malformed EXPLAIN text at line 1, column 1: expected a plan node", 1},
	{"Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n  Filter (x > 1)\n", "malformed EXPLAIN text at line 2, column 3: expected \"Key: value\"", 51},
	{"Seq Scan on t  (cost=0.00..x rows=1 width=4)\n", "at line 1, column 16: expected \"cost=STARTUP..TOTAL", 16},
	{"Sort  (cost=1.00..2.00 rows=1 width=4) (actual time=1..2 rows=1)\n", "column 40: expected \"actual time=A..B rows=N loops=N)\"", 40},
	{"Sort  (cost=1.00..2.00 rows=1 width=4)\n  ->  \n", "line 2, column 5: expected a node name after", 44},
	{"-- a comment, no plan\n", "no plan node found", 0},
	{"Limit  (cost=1.00..2.00 rows=1 width=4)\n  ->  Sort  [cost]\n", "line 2, column 7: expected a plan node", 47},
	{"[{\"Plan\": {\"Node Type\": \"Seq Scan\",}]", "malformed EXPLAIN JSON at line 1, column 37", 37},
	{"[\n {\"Plan\": {\"Node Type\": \"Seq\n", "malformed EXPLAIN JSON at line 2", -1},
	{"{\"foo\": 1}", "no \"Plan\" object", 0},
	{"[1, 2, 3]", "no \"Plan\" object", 0},
	{"\"Plan\"", "malformed EXPLAIN text at line 1, column 2", 2},  /* CSV quote skipped */
	{"{\"Plan\": {\"Relation Name\": \"t\"}}", "plan node 1 has no \"Node Type\"", 0},
	{"{\"Plan\": {\"Node Type\": \"\"}}", "has no \"Node Type\"", 0},
	{"{\"Plan\": {\"Node Type\": \"Sort\", \"Plans\": {}}}", "\"Plans\" of node 1 (Sort) is not an array", 0},
	{"{\"Plan\": {\"Node Type\": \"Sort\", \"Plans\": [1]}}", "a plan node is not an object", 0},
	{"{\"Plan\": {\"Node Type\": \"Sort\", \"Plans\": [{\"Node Type\": 3}]}}", "plan node 2 has no", 0},
	{" QUERY PLAN\n-----------\n(0 rows)\n", "malformed EXPLAIN JSON", -1},
};

static void
test_malformed(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const bad_case *c = &bad_cases[i];
		error err = {0};
		plan *p = plan_parse(c->input, strlen(c->input), &err);

		if (p != NULL)
			fail_msg("case %zu parsed: %s", i, c->input);
		assert_int_equal(err.kind, ERROR_REJECTED);
		if (strstr(err.message, c->message) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.message, c->message);
		if (c->position >= 0)
			assert_int_equal(err.position, c->position);
	}
	assert_null(plan_parse(NULL, 0, NULL));
}

static void
test_too_deep(void **state)
{
	/* 600 nested nodes = 1200 JSON levels: over cJSON's limit of 1000. */
	strbuf sb = STRBUF_INIT;
	error err = {0};
	plan *p;

	(void) state;
	strbuf_append(&sb, "[{\"Plan\":");
	for (int i = 0; i < 600; i++)
		strbuf_append(&sb, "{\"Node Type\":\"Limit\",\"Plans\":[");
	strbuf_append(&sb, "{\"Node Type\":\"Result\"}");
	for (int i = 0; i < 600; i++)
		strbuf_append(&sb, "]}");
	strbuf_append(&sb, "}]");
	p = plan_parse(sb.data, sb.len, &err);
	assert_null(p);
	assert_non_null(strstr(err.message, "nested deeper than 1000 levels"));
	strbuf_free(&sb);

	/* 300 levels of nodes is fine */
	strbuf_append(&sb, "[{\"Plan\":");
	for (int i = 0; i < 300; i++)
		strbuf_append(&sb, "{\"Node Type\":\"Limit\",\"Plans\":[");
	strbuf_append(&sb, "{\"Node Type\":\"Result\"}");
	for (int i = 0; i < 300; i++)
		strbuf_append(&sb, "]}");
	strbuf_append(&sb, "}]");
	p = plan_parse(sb.data, sb.len, &err);
	assert_non_null(p);
	assert_int_equal(p->n_nodes, 301);
	assert_int_equal(p->nodes[300]->depth, 300);
	assert_int_equal(p->root->last_id, 301);
	assert_int_equal(p->nodes[300]->last_id, 301);
	plan_free(p);
	strbuf_free(&sb);
	plan_free(NULL);
}

typedef struct label_case {
	const char *node;      /* JSON members, ' for " */
	const char *label;
} label_case;

static const label_case labels[] = {
	{"'Node Type':'Seq Scan','Relation Name':'users','Alias':'u'", "Seq Scan on users u"},
	{"'Node Type':'Seq Scan','Relation Name':'users','Alias':'users'", "Seq Scan on users"},
	{"'Node Type':'Seq Scan','Parallel Aware':true,'Relation Name':'t','Alias':'t'", "Parallel Seq Scan on t"},
	{"'Node Type':'Index Scan','Index Name':'i','Relation Name':'t','Scan Direction':'Backward'",
	 "Index Scan Backward using i on t"},
	{"'Node Type':'Index Only Scan','Index Name':'i','Relation Name':'t','Alias':'x'",
	 "Index Only Scan using i on t x"},
	{"'Node Type':'Bitmap Index Scan','Index Name':'i'", "Bitmap Index Scan on i"},
	{"'Node Type':'Hash Join','Join Type':'Left'", "Hash Left Join"},
	{"'Node Type':'Hash Join','Join Type':'Inner'", "Hash Join"},
	{"'Node Type':'Merge Join','Join Type':'Anti'", "Merge Anti Join"},
	{"'Node Type':'Nested Loop','Join Type':'Semi'", "Nested Loop Semi Join"},
	{"'Node Type':'Aggregate','Strategy':'Hashed','Partial Mode':'Partial'", "Partial HashAggregate"},
	{"'Node Type':'Aggregate','Strategy':'Sorted','Partial Mode':'Finalize'", "Finalize GroupAggregate"},
	{"'Node Type':'Aggregate','Strategy':'Plain','Partial Mode':'Simple'", "Aggregate"},
	{"'Node Type':'SetOp','Strategy':'Hashed'", "HashSetOp"},
	{"'Node Type':'CTE Scan','CTE Name':'big','Alias':'a'", "CTE Scan on big a"},
	{"'Node Type':'Function Scan','Function Name':'generate_series','Alias':'g'",
	 "Function Scan on generate_series g"},
};

static void
test_labels(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		char *json = xasprintf("{'Plan':{%s}}", labels[i].node);
		plan *p = fixture_parse_sq(json);
		char *label = plan_node_label(p->root);

		assert_string_equal(label, labels[i].label);
		free(label);
		plan_free(p);
		free(json);
	}
}

static void
test_summary(void **state)
{
	plan *p = fixture_plan("pg15_cte_multi.json");
	char *s = plan_summary(p);

	(void) state;
	/* laid out like EXPLAIN's text, with the exclusive figures */
	assert_memory_equal(s, "Merge Join  (cost=", 18);
	assert_non_null(strstr(s, "\n  CTE big\n    ->  HashAggregate  (cost="));
	assert_non_null(strstr(s, "\n  InitPlan 2 (returns $1)\n"));
	assert_non_null(strstr(s, "  ->  Sort  (cost="));
	assert_non_null(strstr(s, "        ->  CTE Scan on big a  (cost="));
	assert_non_null(strstr(s, "[self 6.830 ms, 0 buffers]"));
	assert_non_null(strstr(s, "Execution Time: 171.005 ms\n"));
	free(s);
	plan_free(p);

	p = fixture_plan("pg15_no_analyze.json");
	s = plan_summary(p);
	assert_null(strstr(s, "actual"));
	assert_null(strstr(s, "[self"));
	free(s);
	plan_free(p);

	s = plan_summary(NULL);
	assert_string_equal(s, "");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_psql_capture),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_node_fields),
		cmocka_unit_test(test_key_index),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_too_deep),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_summary),
	};
	return cmocka_run_group_tests_name("plan_parse", tests, NULL, NULL);
}
