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

void
insight_add(insight_list *l, const char *rule, insight_severity sev,
			const plan_node *node, double value, double threshold,
			char *title, char *numbers, char *advice)
{
	insight *i;

	l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
	i = &l->items[l->n++];
	i->rule = rule;
	i->severity = sev;
	i->node = node;
	i->value = value;
	i->threshold = threshold;
	i->title = title;
	i->numbers = numbers;
	i->advice = advice;
}

const char *
insight_count(double v, char buf[32])
{
	char digits[32];
	int len, out = 0;

	if (!isfinite(v) || v < 0)
		v = 0;
	if (v > 9e17)
		v = 9e17;
	len = snprintf(digits, sizeof digits, "%.0f", v);
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[out++] = ',';
		buf[out++] = digits[i];
	}
	buf[out] = '\0';
	return buf;
}

double
insight_time_share(const plan *p, double ms)
{
	double total = p->root ? p->root->total_time_ms : 0;

	if (total <= 0)
		total = p->execution_ms;
	return total > 0 ? ms / total : 0;
}

double
insight_rows_read(const plan_node *n)
{
	return plan_node_rows_total(n) + n->rows_removed_by_filter * n->actual_loops;
}

bool
insight_rel_is(const plan_node *n, const char *rel)
{
	return n->parent_relationship && strcmp(n->parent_relationship, rel) == 0;
}

bool
insight_type_is(const plan_node *n, const char *type)
{
	return strcmp(n->node_type, type) == 0;
}

/* Joins that stop reading one input when the other is empty (a Nested
 * Loop reads all its outer rows even when the inner side finds nothing). */
static bool
stops_on_empty_input(const plan_node *n)
{
	return strcmp(n->node_type, "Hash Join") == 0 || strcmp(n->node_type, "Merge Join") == 0;
}

static bool stopped_early(const plan *p, const plan_node *n, int guard, int *budget);

/* Did every CTE Scan reading CTE `cte` stop early? */
static bool
cte_readers_stopped(const plan *p, const plan_node *cte, int guard, int *budget)
{
	const char *name = cte->subplan_name + 4;
	bool any = false;

	for (size_t i = 0; i < p->n_nodes; i++) {
		const plan_node *s = p->nodes[i];

		if (strcmp(s->node_type, "CTE Scan") != 0 || s->cte_name == NULL ||
			strcmp(s->cte_name, name) != 0)
			continue;
		if (!stopped_early(p, s, guard + 1, budget))
			return false;
		any = true;
	}
	return any;
}

/*
 * Was node n cut short by a consumer, so that fewer rows than estimated is
 * not a misestimate?  Below a LIMIT; on one side of a join whose other
 * side returned nothing (PostgreSQL stops reading); inside a CTE whose
 * readers all stopped early.  CTEs read inside CTEs make this recursive:
 * `guard` bounds the depth and `budget` the total work (a hostile plan
 * with many readers per CTE must not take exponential time); running out
 * answers "no".
 */
static bool
stopped_early(const plan *p, const plan_node *n, int guard, int *budget)
{
	if (guard > 16 || --*budget < 0)
		return false;
	for (const plan_node *c = n; c->parent; c = c->parent) {
		const plan_node *par = c->parent;

		if (c->parent_relationship && strcmp(c->parent_relationship, "InitPlan") == 0) {
			if (c->subplan_name && strncmp(c->subplan_name, "CTE ", 4) == 0)
				return cte_readers_stopped(p, c, guard, budget);
			return false;
		}
		if (strcmp(par->node_type, "Limit") == 0)
			return true;
		if (stops_on_empty_input(par)) {
			for (size_t i = 0; i < par->n_children; i++) {
				const plan_node *other = par->children[i];

				if (other != c && other->has_actual && !insight_rel_is(other, "InitPlan") &&
					!insight_rel_is(other, "SubPlan") && plan_node_rows_total(other) == 0)
					return true;
			}
		}
	}
	return false;
}

bool
insight_stopped_early(const plan *p, const plan_node *n)
{
	int budget = 256;

	return stopped_early(p, n, 0, &budget);
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
