/*
 * summary.c — plain-text views of a parsed plan: node labels as EXPLAIN
 * prints them and plan_summary(), an EXPLAIN-like listing with the
 * exclusive figures appended.
 *
 * Used by the engine for logs and `show`, and by insight.c, diff.c and
 * render.c for node names.  No colour, no bars: render.c draws the picture.
 */
#include "plan/plan.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static bool
eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* "Aggregate" + Strategy "Hashed" -> "HashAggregate", as EXPLAIN's text. */
static const char *
type_name(const plan_node *n)
{
	if (eq(n->node_type, "Aggregate")) {
		if (eq(n->strategy, "Hashed"))
			return "HashAggregate";
		if (eq(n->strategy, "Sorted"))
			return "GroupAggregate";
		if (eq(n->strategy, "Mixed"))
			return "MixedAggregate";
	}
	if (eq(n->node_type, "SetOp") && eq(n->strategy, "Hashed"))
		return "HashSetOp";
	return n->node_type;
}

char *
plan_node_label(const plan_node *n)
{
	strbuf sb = STRBUF_INIT;
	const char *obj = n->relation ? n->relation :
		(n->cte_name ? n->cte_name : n->function_name);

	if (n->partial_mode && !eq(n->partial_mode, "Simple"))
		strbuf_printf(&sb, "%s ", n->partial_mode);
	if (n->parallel_aware)
		strbuf_append(&sb, "Parallel ");
	strbuf_append(&sb, type_name(n));
	if (n->join_type && !eq(n->join_type, "Inner")) {
		if (eq(n->node_type, "Nested Loop"))
			strbuf_printf(&sb, " %s Join", n->join_type);
		else if (strlen(n->node_type) > 5 &&
				 strcmp(n->node_type + strlen(n->node_type) - 5, " Join") == 0) {
			/* "Hash Join" + "Left" -> "Hash Left Join" */
			strbuf_reset(&sb);
			if (n->parallel_aware)
				strbuf_append(&sb, "Parallel ");
			strbuf_printf(&sb, "%.*s %s Join",
						  (int) (strlen(n->node_type) - 5), n->node_type,
						  n->join_type);
		}
	}
	if (eq(n->scan_direction, "Backward"))
		strbuf_append(&sb, " Backward");
	if (n->index_name) {
		if (obj)
			strbuf_printf(&sb, " using %s", n->index_name);
		else
			strbuf_printf(&sb, " on %s", n->index_name);
	}
	if (obj) {
		strbuf_printf(&sb, " on %s", obj);
		if (n->alias && strcmp(n->alias, obj) != 0)
			strbuf_printf(&sb, " %s", n->alias);
	}
	return strbuf_steal(&sb);
}

/* One node and its subtree, laid out like EXPLAIN's text format: a child's
 * arrow two columns right of its parent's text, InitPlan/SubPlan/CTE names
 * on a line of their own. `col` is where the parent's text starts. */
static void
summarize(const plan *p, const plan_node *n, int col, strbuf *sb)
{
	char *label = plan_node_label(n);
	int text_col = 0;

	if (n->depth > 0) {
		int arrow = col + 2;

		if (n->subplan_name) {
			strbuf_printf(sb, "%*s%s\n", arrow, "", n->subplan_name);
			arrow += 2;
		}
		strbuf_printf(sb, "%*s->  ", arrow, "");
		text_col = arrow + 4;
	}
	strbuf_printf(sb, "%s  (cost=%.2f..%.2f rows=%.0f)", label,
				  n->startup_cost, n->total_cost, n->plan_rows);
	if (n->never_executed)
		strbuf_append(sb, " (never executed)");
	else if (n->has_actual && p->has_timing)
		strbuf_printf(sb, " (actual time=%.3f..%.3f rows=%.0f loops=%.0f)",
					  n->startup_time_ms, n->loop_time_ms, n->actual_rows,
					  n->actual_loops);
	else if (n->has_actual)
		strbuf_printf(sb, " (actual rows=%.0f loops=%.0f)", n->actual_rows,
					  n->actual_loops);
	if (p->has_timing || p->has_buffers) {
		strbuf_append(sb, " [self");
		if (p->has_timing)
			strbuf_printf(sb, " %.3f ms", n->exclusive_time_ms);
		if (p->has_buffers)
			strbuf_printf(sb, "%s%lld buffers", p->has_timing ? ", " : " ",
						  (long long) plan_buffers_work(&n->exclusive_buffers));
		strbuf_append(sb, "]");
	}
	strbuf_append_char(sb, '\n');
	free(label);
	for (size_t i = 0; i < n->n_children; i++)
		summarize(p, n->children[i], text_col, sb);
}

char *
plan_summary(const plan *p)
{
	strbuf sb = STRBUF_INIT;

	if (p == NULL || p->root == NULL)
		return xstrdup("");
	summarize(p, p->root, 0, &sb);
	if (p->planning_ms >= 0)
		strbuf_printf(&sb, "Planning Time: %.3f ms\n", p->planning_ms);
	if (p->jit_ms > 0)
		strbuf_printf(&sb, "JIT: %d functions, %.3f ms\n", p->jit_functions,
					  p->jit_ms);
	if (p->execution_ms >= 0)
		strbuf_printf(&sb, "Execution Time: %.3f ms\n", p->execution_ms);
	return strbuf_steal(&sb);
}
