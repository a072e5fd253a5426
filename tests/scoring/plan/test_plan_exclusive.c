/*
 * test_plan_exclusive.c — exclusive time and buffers (scoring/plan/
 * exclusive.c) against hand-computed expectations: loops, parallel workers
 * (with and without the leader), CTEs read by several scans, InitPlans used
 * by the owner or by a node below it ($n and PostgreSQL 16's "(InitPlan
 * n)"), SubPlans, clamping, per-loop rounding both ways, and real
 * PostgreSQL 15 captures of each.
 * The arithmetic behind each expectation is in the comment beside it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixtures.h"
#include "strbuf.h"

#define EPS 1e-6

static double
sum_exclusive(const plan *p)
{
	double s = 0;

	for (size_t i = 0; i < p->n_nodes; i++)
		s += p->nodes[i]->exclusive_time_ms;
	return s;
}

static void
test_loops(void **state)
{
	/* Nested Loop 6.0 ms; outer 0.5 ms × 1; inner 0.5 ms × 10 loops = 5.0.
	 * Exclusive: NL 6.0 - 0.5 - 5.0 = 0.5, inner 5.0. */
	plan *p = fixture_parse_sq(
		"[{'Plan':{'Node Type':'Nested Loop','Join Type':'Inner',"
		"'Actual Total Time':6.0,'Actual Rows':10,'Actual Loops':1,"
		"'Shared Hit Blocks':40,'Plans':["
		"{'Node Type':'Seq Scan','Parent Relationship':'Outer','Relation Name':'a',"
		" 'Actual Total Time':0.5,'Actual Rows':10,'Actual Loops':1,'Shared Hit Blocks':10},"
		"{'Node Type':'Index Scan','Parent Relationship':'Inner','Relation Name':'b',"
		" 'Index Name':'b_pkey','Actual Total Time':0.5,'Actual Rows':1,"
		" 'Actual Loops':10,'Shared Hit Blocks':30}]}}]");

	(void) state;
	assert_true(p->analyzed && p->has_timing && p->has_buffers);
	assert_float_equal(fixture_node(p, 3)->total_time_ms, 5.0, EPS);
	assert_float_equal(fixture_node(p, 1)->exclusive_time_ms, 0.5, EPS);
	assert_float_equal(fixture_node(p, 3)->exclusive_time_ms, 5.0, EPS);
	assert_int_equal(fixture_node(p, 1)->exclusive_buffers.shared_hit, 0);
	assert_int_equal(fixture_node(p, 3)->exclusive_buffers.shared_hit, 30);
	assert_float_equal(plan_node_rows_total(fixture_node(p, 3)), 10, EPS);
	assert_ptr_equal(plan_hottest(p), fixture_node(p, 3));
	assert_float_equal(sum_exclusive(p), 6.0, EPS);
	plan_free(p);
}

static void
test_parallel(void **state)
{
	/* Gather (2 workers launched, leader participates: 3 processes) 35 ms.
	 * Partial Aggregate 30 ms per loop × 3 loops / 3 processes = 30 ms wall.
	 * Parallel Seq Scan 20 ms × 3 / 3 = 20.  Exclusive: Gather 5, Agg 10,
	 * Scan 20.  Buffers are summed over processes: no division. */
	plan *p = fixture_parse_sq(
		"[{'Plan':{'Node Type':'Gather','Workers Planned':2,'Workers Launched':2,"
		"'Actual Total Time':35,'Actual Rows':3,'Actual Loops':1,'Shared Hit Blocks':300,"
		"'Plans':[{'Node Type':'Aggregate','Strategy':'Plain','Partial Mode':'Partial',"
		"'Parent Relationship':'Outer','Actual Total Time':30,'Actual Rows':1,'Actual Loops':3,"
		"'Shared Hit Blocks':300,'Plans':[{'Node Type':'Seq Scan','Parallel Aware':true,"
		"'Parent Relationship':'Outer','Relation Name':'t','Actual Total Time':20,"
		"'Actual Rows':1000,'Actual Loops':3,'Shared Hit Blocks':300}]}]}}]");

	(void) state;
	assert_true(p->has_parallel);
	assert_false(fixture_node(p, 1)->under_gather);
	assert_true(fixture_node(p, 3)->under_gather);
	assert_float_equal(fixture_node(p, 2)->processes, 3, EPS);
	assert_float_equal(fixture_node(p, 1)->exclusive_time_ms, 5, EPS);
	assert_float_equal(fixture_node(p, 2)->exclusive_time_ms, 10, EPS);
	assert_float_equal(fixture_node(p, 3)->exclusive_time_ms, 20, EPS);
	assert_int_equal(fixture_node(p, 3)->exclusive_buffers.shared_hit, 300);
	assert_int_equal(fixture_node(p, 1)->exclusive_buffers.shared_hit, 0);
	plan_free(p);
}

static void
test_parallel_without_leader(void **state)
{
	/* parallel_leader_participation = off: the child ran in the 2 workers
	 * only (loops 2), so 2 processes share: 20 × 2 / 2 = 20, Gather 25 - 20. */
	plan *p = fixture_parse_sq(
		"{'Plan':{'Node Type':'Gather','Workers Planned':2,'Workers Launched':2,"
		"'Actual Total Time':25,'Actual Rows':2,'Actual Loops':1,"
		"'Plans':[{'Node Type':'Seq Scan','Parallel Aware':true,"
		"'Parent Relationship':'Outer','Relation Name':'t','Actual Total Time':20,"
		"'Actual Rows':10,'Actual Loops':2}]}}");

	(void) state;
	assert_float_equal(fixture_node(p, 2)->processes, 2, EPS);
	assert_float_equal(fixture_node(p, 2)->total_time_ms, 20, EPS);
	assert_float_equal(fixture_node(p, 1)->exclusive_time_ms, 5, EPS);
	plan_free(p);
}

/* Hash Join (owner) 10 ms with a CTE 'c' (4 ms, 8 blocks) read by two CTE
 * Scans: A (outer) 5 ms and B (under the Hash) 2 ms; the Hash 2.5 ms.
 * The CTE ran inside the scans: A, the larger, gets all 4 ms (5 - 4 = 1),
 * B keeps its 2.  Owner: 10 - A 5 - Hash 2.5 = 2.5 (the CTE is NOT taken
 * out of it again).  Hash: 2.5 - 2 = 0.5.  Sum: 2.5+4+1+0.5+2 = 10. */
static const char cte_plan[] =
	"[{'Plan':{'Node Type':'Hash Join','Join Type':'Inner','Actual Total Time':10,"
	"'Actual Rows':1,'Actual Loops':1,'Shared Hit Blocks':8,'Plans':["
	"{'Node Type':'Seq Scan','Parent Relationship':'InitPlan','Subplan Name':'CTE c',"
	" 'Relation Name':'t','Actual Total Time':4,'Actual Rows':5,'Actual Loops':1,"
	" 'Shared Hit Blocks':8},"
	"{'Node Type':'CTE Scan','Parent Relationship':'Outer','CTE Name':'c','Alias':'a',"
	" 'Actual Total Time':5,'Actual Rows':5,'Actual Loops':1,'Shared Hit Blocks':6},"
	"{'Node Type':'Hash','Parent Relationship':'Inner','Actual Total Time':2.5,"
	" 'Actual Rows':5,'Actual Loops':1,'Shared Hit Blocks':2,'Plans':["
	" {'Node Type':'CTE Scan','Parent Relationship':'Outer','CTE Name':'c','Alias':'b',"
	"  'Actual Total Time':2,'Actual Rows':5,'Actual Loops':1,'Shared Hit Blocks':2}]}]}}]";

static void
test_cte_two_scans(void **state)
{
	plan *p = fixture_parse_sq(cte_plan);

	(void) state;
	assert_float_equal(fixture_node(p, 1)->exclusive_time_ms, 2.5, EPS);
	assert_float_equal(fixture_node(p, 2)->exclusive_time_ms, 4, EPS);
	assert_float_equal(fixture_node(p, 3)->exclusive_time_ms, 1, EPS);
	assert_float_equal(fixture_node(p, 4)->exclusive_time_ms, 0.5, EPS);
	assert_float_equal(fixture_node(p, 5)->exclusive_time_ms, 2, EPS);
	assert_float_equal(sum_exclusive(p), 10, EPS);
	/* Buffers: the CTE's 8 come out of A (6) then B (2): both 0. */
	assert_int_equal(fixture_node(p, 2)->exclusive_buffers.shared_hit, 8);
	assert_int_equal(fixture_node(p, 3)->exclusive_buffers.shared_hit, 0);
	assert_int_equal(fixture_node(p, 5)->exclusive_buffers.shared_hit, 0);
	assert_int_equal(fixture_node(p, 1)->exclusive_buffers.shared_hit, 0);
	assert_ptr_equal(plan_hottest(p), fixture_node(p, 2));
	plan_free(p);
}

static void
test_cte_unread(void **state)
{
	/* A CTE no scan reads (a data-modifying WITH) is charged to its owner:
	 * Result 3 ms - CTE 1 ms = 2. */
	plan *p = fixture_parse_sq(
		"[{'Plan':{'Node Type':'Result','Actual Total Time':3,'Actual Rows':1,"
		"'Actual Loops':1,'Plans':[{'Node Type':'Seq Scan','Parent Relationship':"
		"'InitPlan','Subplan Name':'CTE gone','Relation Name':'t',"
		"'Actual Total Time':1,'Actual Rows':1,'Actual Loops':1}]}}]");

	(void) state;
	assert_float_equal(fixture_node(p, 1)->exclusive_time_ms, 2, EPS);
	plan_free(p);
}

/* InitPlan 1 (3 ms) attached to the Nested Loop (10 ms), its $0 read by the
 * Seq Scan below (6 ms, which contains the 3 ms): Seq Scan 6 - 3 = 3;
 * Nested Loop 10 - 6 - 1 (inner) = 3; sum 3 + 3 + 3 + 1 = 10. */
#define INITPLAN_BELOW \
	"[{'Plan':{'Node Type':'Nested Loop','Join Type':'Inner','Actual Total Time':10," \
	"'Actual Rows':1,'Actual Loops':1,'Plans':[" \
	"{'Node Type':'Aggregate','Parent Relationship':'InitPlan'," \
	" 'Subplan Name':'InitPlan 1 (returns $0)','Actual Total Time':3,'Actual Rows':1," \
	" 'Actual Loops':1}," \
	"{'Node Type':'Seq Scan','Parent Relationship':'Outer','Relation Name':'t'," \
	" 'Filter':'(x > %s)','Actual Total Time':6,'Actual Rows':1,'Actual Loops':1}," \
	"{'Node Type':'Seq Scan','Parent Relationship':'Inner','Relation Name':'u'," \
	" 'Filter':'(y > %s)','Actual Total Time':1,'Actual Rows':1,'Actual Loops':1}]}}]"

static void
test_initplan_used_below(void **state)
{
	/* Same numbers for PostgreSQL <= 15 ($0) and 16+ ((InitPlan 1).col1);
	 * the inner scan mentions $10 / a different InitPlan: not a use. */
	static const char *const uses[][2] = {
		{"$0", "$10"},
		{"(InitPlan 1).col1", "(InitPlan 2).col1"},
	};
	char *json;
	plan *p;

	(void) state;
	for (size_t i = 0; i < 2; i++) {
		json = xasprintf(INITPLAN_BELOW, uses[i][0], uses[i][1]);
		if (i == 1) {
			/* 16+ names the InitPlan without "returns" */
			char *at = strstr(json, " (returns $0)");

			memmove(at, at + 13, strlen(at + 13) + 1);
		}
		p = fixture_parse_sq(json);
		assert_float_equal(fixture_node(p, 3)->exclusive_time_ms, 3, EPS);
		assert_float_equal(fixture_node(p, 1)->exclusive_time_ms, 3, EPS);
		assert_float_equal(fixture_node(p, 4)->exclusive_time_ms, 1, EPS);
		assert_float_equal(sum_exclusive(p), 10, EPS);
		plan_free(p);
		free(json);
	}
}

static void
test_initplan_used_by_owner_and_subplan(void **state)
{
	/* Result with One-Time Filter $0: InitPlan (2 ms) comes out of the
	 * Result (9 - 2 - 4 = 3).  The Seq Scan (4 ms) runs SubPlan 2 (0.1 ms ×
	 * 10 loops = 1 ms) per row: 4 - 1 = 3. */
	plan *p = fixture_parse_sq(
		"[{'Plan':{'Node Type':'Result','One-Time Filter':'$0','Actual Total Time':9,"
		"'Actual Rows':1,'Actual Loops':1,'Plans':["
		"{'Node Type':'Result','Parent Relationship':'InitPlan',"
		" 'Subplan Name':'InitPlan 1 (returns $0)','Actual Total Time':2,"
		" 'Actual Rows':1,'Actual Loops':1},"
		"{'Node Type':'Seq Scan','Parent Relationship':'Outer','Relation Name':'t',"
		" 'Filter':'(SubPlan 2)','Actual Total Time':4,'Actual Rows':10,'Actual Loops':1,"
		" 'Plans':[{'Node Type':'Index Scan','Parent Relationship':'SubPlan',"
		"  'Subplan Name':'SubPlan 2','Relation Name':'u','Index Name':'u_pkey',"
		"  'Actual Total Time':0.1,'Actual Rows':1,'Actual Loops':10}]}]}}]");

	(void) state;
	assert_float_equal(fixture_node(p, 1)->exclusive_time_ms, 3, EPS);
	assert_float_equal(fixture_node(p, 2)->exclusive_time_ms, 2, EPS);
	assert_float_equal(fixture_node(p, 3)->exclusive_time_ms, 3, EPS);
	assert_float_equal(fixture_node(p, 4)->exclusive_time_ms, 1, EPS);
	assert_float_equal(sum_exclusive(p), 9, EPS);
	plan_free(p);
}

static void
test_clamp_and_never_executed(void **state)
{
	/* EXPLAIN rounds to 3 decimals: a child can print more than its parent.
	 * Results clamp at 0, never negative.  A never-executed node has 0. */
	plan *p = fixture_parse_sq(
		"[{'Plan':{'Node Type':'Limit','Actual Total Time':1.000,'Actual Rows':1,"
		"'Actual Loops':1,'Shared Hit Blocks':3,'Temp Read Blocks':1,'Plans':["
		"{'Node Type':'Sort','Parent Relationship':'Outer','Actual Total Time':1.002,"
		" 'Actual Rows':1,'Actual Loops':1,'Shared Hit Blocks':5,'Temp Read Blocks':1},"
		"{'Node Type':'Seq Scan','Parent Relationship':'Outer','Relation Name':'t',"
		" 'Actual Total Time':0,'Actual Rows':0,'Actual Loops':0}]}}]");

	(void) state;
	assert_float_equal(fixture_node(p, 1)->exclusive_time_ms, 0, EPS);
	assert_int_equal(fixture_node(p, 1)->exclusive_buffers.shared_hit, 0);
	assert_int_equal(fixture_node(p, 1)->exclusive_buffers.temp_read, 0);
	assert_true(fixture_node(p, 3)->never_executed);
	assert_float_equal(fixture_node(p, 3)->total_time_ms, 0, EPS);
	assert_int_equal(plan_total_buffers(p), 4);
	plan_free(p);
}

static void
test_rounding(void **state)
{
	/* 0.002 ms × 499 loops = 0.998 ms under a parent of 0.951 ms: within
	 * the child's rounding (0.0005 × 499 = 0.2495), so the child is lowered
	 * to 0.951 and the parent keeps 0. */
	plan *p = fixture_parse_sq(
		"{'Plan':{'Node Type':'Index Scan','Relation Name':'o','Index Name':'o_pkey',"
		"'Actual Total Time':0.951,'Actual Rows':499,'Actual Loops':1,'Plans':["
		"{'Node Type':'Index Scan','Parent Relationship':'SubPlan','Subplan Name':'SubPlan 1',"
		"'Relation Name':'c','Index Name':'c_pkey','Actual Total Time':0.002,"
		"'Actual Rows':1,'Actual Loops':499}]}}");

	(void) state;
	assert_float_equal(fixture_node(p, 2)->total_time_ms, 0.951, EPS);
	assert_float_equal(fixture_node(p, 1)->exclusive_time_ms, 0, EPS);
	assert_float_equal(sum_exclusive(p), 0.951, EPS);
	plan_free(p);

	/* an excess beyond the rounding (one loop: ±0.0005) is left alone: the
	 * parent clamps at 0 */
	p = fixture_parse_sq(
		"{'Plan':{'Node Type':'Limit','Actual Total Time':1.0,'Actual Rows':1,"
		"'Actual Loops':1,'Plans':[{'Node Type':'Seq Scan','Parent Relationship':'Outer',"
		"'Relation Name':'t','Actual Total Time':1.2,'Actual Rows':1,'Actual Loops':1}]}}");
	assert_float_equal(fixture_node(p, 2)->total_time_ms, 1.2, EPS);
	assert_float_equal(fixture_node(p, 1)->exclusive_time_ms, 0, EPS);
	plan_free(p);

	/* the other way: a Memoize hit 400 times prints 0.000 ms per loop; it
	 * is raised to its child's 40 loops × 0.002 */
	p = fixture_parse_sq(
		"{'Plan':{'Node Type':'Memoize','Actual Total Time':0.000,'Actual Rows':1,"
		"'Actual Loops':400,'Plans':[{'Node Type':'Index Scan','Parent Relationship':'Outer',"
		"'Relation Name':'t','Index Name':'i','Actual Total Time':0.002,'Actual Rows':1,"
		"'Actual Loops':40}]}}");
	assert_float_equal(fixture_node(p, 1)->total_time_ms, 0.08, EPS);
	assert_float_equal(fixture_node(p, 1)->exclusive_time_ms, 0, EPS);
	plan_free(p);
}

static void
test_hottest_without_timing(void **state)
{
	/* TIMING OFF: by exclusive buffers; no ANALYZE: by exclusive cost. */
	plan *p = fixture_parse_sq(
		"[{'Plan':{'Node Type':'Hash Join','Total Cost':100,'Actual Rows':1,"
		"'Actual Loops':1,'Shared Hit Blocks':50,'Plans':["
		"{'Node Type':'Seq Scan','Parent Relationship':'Outer','Relation Name':'a',"
		" 'Total Cost':70,'Actual Rows':1,'Actual Loops':1,'Shared Hit Blocks':10},"
		"{'Node Type':'Seq Scan','Parent Relationship':'Inner','Relation Name':'b',"
		" 'Total Cost':20,'Actual Rows':1,'Actual Loops':1,'Shared Hit Blocks':40}]}}]");

	(void) state;
	assert_false(p->has_timing);
	assert_ptr_equal(plan_hottest(p), fixture_node(p, 3));
	plan_free(p);
	p = fixture_parse_sq(
		"[{'Plan':{'Node Type':'Hash Join','Total Cost':100,'Plans':["
		"{'Node Type':'Seq Scan','Parent Relationship':'Outer','Relation Name':'a',"
		" 'Total Cost':70},"
		"{'Node Type':'Seq Scan','Parent Relationship':'Inner','Relation Name':'b',"
		" 'Total Cost':20}]}}]");
	assert_false(p->analyzed);
	assert_float_equal(fixture_node(p, 1)->exclusive_cost, 10, EPS);
	assert_ptr_equal(plan_hottest(p), fixture_node(p, 2));
	plan_free(p);
	assert_null(plan_hottest(NULL));
	assert_int_equal(plan_total_buffers(NULL), 0);
}

/* Real PostgreSQL 15 captures (tests/plans/, SQL beside each). */
typedef struct capture_case {
	const char *file;
	int node;          /* node to check */
	double exclusive;  /* its expected exclusive time, hand-computed */
	int hottest;       /* id of the hottest node */
} capture_case;

static const capture_case captures[] = {
	/* Index Scan inner: 0.072 ms × 31 loops */
	{"pg15_nested_loop.json", 3, 0.072 * 31, 3},
	/* CTE Scan a: 156.398 - CTE big 121.468 - InitPlan 2 ($1 in its
	 * Filter) 28.100 */
	{"pg15_cte_multi.json", 7, 156.398 - 121.468 - 28.100, 2},
	/* Gather Merge 59.632 - Sort wall (44.687 × 3 loops / 3 processes) */
	{"pg15_parallel.json", 2, 59.632 - 44.687, 4},
	/* Index Scan with SubPlan per row: 18.044 - 0.029 × 599 */
	{"pg15_subplan.json", 1, 18.044 - 0.029 * 599, 3},
	/* SubPlan 0.002 × 499 = 0.998 lowered to its parent's 0.947 */
	{"pg15_subplan_rounding.json", 2, 0.947, 2},
};

static void
test_captures(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof captures / sizeof captures[0]; i++) {
		const capture_case *c = &captures[i];
		plan *p = fixture_plan(c->file);
		double s = sum_exclusive(p);

		assert_float_equal(fixture_node(p, c->node)->exclusive_time_ms,
						   c->exclusive, 1e-3);
		assert_int_equal(plan_hottest(p)->id, c->hottest);
		/* exclusive times add up to the root's total */
		assert_float_equal(s, p->root->total_time_ms, p->root->total_time_ms * 0.01);
		plan_free(p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loops),
		cmocka_unit_test(test_parallel),
		cmocka_unit_test(test_parallel_without_leader),
		cmocka_unit_test(test_cte_two_scans),
		cmocka_unit_test(test_cte_unread),
		cmocka_unit_test(test_initplan_used_below),
		cmocka_unit_test(test_initplan_used_by_owner_and_subplan),
		cmocka_unit_test(test_clamp_and_never_executed),
		cmocka_unit_test(test_rounding),
		cmocka_unit_test(test_hottest_without_timing),
		cmocka_unit_test(test_captures),
	};
	return cmocka_run_group_tests_name("plan_exclusive", tests, NULL, NULL);
}
