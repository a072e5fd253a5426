/*
 * insight.c — the insight list: running the rule groups, ordering, the
 * catalogue, terminal text, and the helpers the rules share.
 *
 * The rules themselves live in insight_scan.c (how relations are read),
 * insight_join.c (joins, sorts, hashes, loops) and insight_plan.c (the
 * whole statement: hottest node, misestimates, parallelism, JIT, planning).
 * This file decides nothing about plans.
 */
#include "plan/insight.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/insight_internal.h"
#include "escape.h"
#include "strbuf.h"

static const insight_rule_info catalogue[] = {
	{"hottest_node", "the node with the largest share of exclusive time (or buffers)"},
	{"seq_scan_filter", "a Seq Scan on a large table whose filter removes most rows"},
	{"row_misestimate", "the planner's row estimate is off by 10x or more (where it starts)"},
	{"sort_spill", "a Sort that spilled to disk"},
	{"hash_spill", "a Hash that needed more than one batch (spilled to disk)"},
	{"hashagg_spill", "a HashAggregate that spilled to disk"},
	{"temp_spill", "another node that wrote temporary files"},
	{"nested_loop_loops", "a Nested Loop whose inner side runs many times and costs much"},
	{"repeated_seq_scan", "a Seq Scan executed again and again (inner side of a loop)"},
	{"index_only_heap_fetches", "an Index Only Scan that still visits the heap"},
	{"lossy_bitmap", "a Bitmap Heap Scan whose bitmap became lossy"},
	{"index_filter", "an index scan followed by a filter that removes most rows"},
	{"index_cond_not_leading", "an index searched on a column it cannot seek (not its first): many pages per row"},
	{"workers_not_launched", "parallel workers planned but not launched"},
	{"jit_time", "JIT compilation takes a large share of execution time"},
	{"cte_materialized", "a materialized CTE read once, or filtered after materializing"},
	{"sort_limit_index", "a Sort under a LIMIT that an index could serve"},
	{"hash_larger_input", "a Hash Join that built its hash table on the larger input"},
	{"subplan_per_row", "a SubPlan executed once per row"},
	{"planning_time", "planning takes longer than execution"},
	{"memoize_misses", "a Memoize cache that mostly misses"},
};

const insight_rule_info *
insight_rules(size_t *n)
{
	*n = sizeof catalogue / sizeof catalogue[0];
	return catalogue;
}

const char *
insight_severity_name(insight_severity s)
{
	switch (s) {
	case INSIGHT_HIGH:
		return "high";
	case INSIGHT_MEDIUM:
		return "medium";
	case INSIGHT_LOW:
		return "low";
	default:
		return "info";
	}
}

static int
by_severity(const void *a, const void *b)
{
	const insight *x = a, *y = b;
	int xid = x->node ? x->node->id : 0, yid = y->node ? y->node->id : 0;

	if (x->severity != y->severity)
		return (int) y->severity - (int) x->severity;
	if (xid != yid)
		return xid - yid;
	return strcmp(x->rule, y->rule);
}

insight_list *
plan_insights(const plan *p)
{
	insight_list *l = xcalloc(1, sizeof *l);

	if (p == NULL || p->root == NULL)
		return l;
	insight_rules_plan(p, l);
	insight_rules_scan(p, l);
	insight_rules_join(p, l);
	if (l->n > 1)
		qsort(l->items, l->n, sizeof *l->items, by_severity);
	return l;
}

void
insight_list_free(insight_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].title);
		free(l->items[i].numbers);
		free(l->items[i].advice);
	}
	free(l->items);
	free(l);
}

bool
insight_list_has(const insight_list *l, const char *rule)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (strcmp(l->items[i].rule, rule) == 0)
			return true;
	return false;
}

static const char *
severity_color(insight_severity s)
{
	switch (s) {
	case INSIGHT_HIGH:
		return "\033[1;31m";
	case INSIGHT_MEDIUM:
		return "\033[33m";
	case INSIGHT_LOW:
		return "\033[36m";
	default:
		return "\033[2m";
	}
}

char *
insight_list_text(const insight_list *l, bool color)
{
	strbuf sb = STRBUF_INIT;

	if (l == NULL || l->n == 0)
		return xstrdup("No problems found.\n");
	for (size_t i = 0; i < l->n; i++) {
		const insight *in = &l->items[i];
		char tag[16];
		int pad;

		pad = snprintf(tag, sizeof tag, "[%s]", insight_severity_name(in->severity));
		if (color)
			strbuf_printf(&sb, "%s%s\033[0m ", severity_color(in->severity), tag);
		else
			strbuf_printf(&sb, "%s ", tag);
		/* labels, titles and advice quote the plan: escaped for a terminal */
		if (in->node) {
			char *label = plan_node_label(in->node);

			strbuf_printf(&sb, "#%d ", in->node->id);
			escape_terminal_append(&sb, label, strlen(label), false);
			strbuf_append(&sb, ": ");
			free(label);
		}
		escape_terminal_append(&sb, in->title, strlen(in->title), false);
		strbuf_append_char(&sb, '\n');
		if (in->numbers && in->numbers[0]) {
			strbuf_printf(&sb, "%*s", pad + 1, "");
			escape_terminal_append(&sb, in->numbers, strlen(in->numbers), false);
			strbuf_append_char(&sb, '\n');
		}
		if (in->advice && in->advice[0]) {
			strbuf_printf(&sb, "%*sTry: ", pad + 1, "");
			escape_terminal_append(&sb, in->advice, strlen(in->advice), false);
			strbuf_append_char(&sb, '\n');
		}
	}
	return strbuf_steal(&sb);
}
