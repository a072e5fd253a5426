/*
 * plan_json.c — cJSON values for plans, insights and diffs (see
 * plan_json.h).  Field names are snake_case and stable: tools read them.
 */
#include "plan/plan_json.h"

#include <stdio.h>
#include <stdlib.h>

#include "strbuf.h"

static cJSON *
checked(cJSON *v)
{
	if (v == NULL) {
		fputs("pgdrill: out of memory\n", stderr);
		abort();
	}
	return v;
}

static void
add_string(cJSON *o, const char *key, const char *value)
{
	if (value)
		checked(cJSON_AddStringToObject(o, key, value));
	else
		checked(cJSON_AddNullToObject(o, key));
}

static void
add_number(cJSON *o, const char *key, double value)
{
	checked(cJSON_AddNumberToObject(o, key, value));
}

static void
add_item(cJSON *o, const char *key, cJSON *item)
{
	if (!cJSON_AddItemToObject(o, key, item))
		checked(NULL);
}

static cJSON *
buffers_json(const plan_buffers *b)
{
	cJSON *o = checked(cJSON_CreateObject());

	add_number(o, "shared_hit", (double) b->shared_hit);
	add_number(o, "shared_read", (double) b->shared_read);
	add_number(o, "shared_dirtied", (double) b->shared_dirtied);
	add_number(o, "shared_written", (double) b->shared_written);
	add_number(o, "local_hit", (double) b->local_hit);
	add_number(o, "local_read", (double) b->local_read);
	add_number(o, "temp_read", (double) b->temp_read);
	add_number(o, "temp_written", (double) b->temp_written);
	return o;
}

static cJSON *
node_json(const plan_node *n)
{
	cJSON *o = checked(cJSON_CreateObject());
	char *label = plan_node_label(n);

	add_number(o, "id", n->id);
	if (n->parent)
		add_number(o, "parent", n->parent->id);
	else
		checked(cJSON_AddNullToObject(o, "parent"));
	add_number(o, "depth", n->depth);
	add_string(o, "node_type", n->node_type);
	add_string(o, "label", label);
	free(label);
	add_string(o, "relation", n->relation);
	add_string(o, "alias", n->alias);
	add_string(o, "index_name", n->index_name);
	add_string(o, "join_type", n->join_type);
	add_string(o, "parent_relationship", n->parent_relationship);
	add_string(o, "subplan_name", n->subplan_name);
	add_number(o, "startup_cost", n->startup_cost);
	add_number(o, "total_cost", n->total_cost);
	add_number(o, "plan_rows", n->plan_rows);
	if (n->has_actual) {
		add_number(o, "actual_rows", n->actual_rows);
		add_number(o, "actual_loops", n->actual_loops);
		add_number(o, "total_time_ms", n->total_time_ms);
		add_number(o, "exclusive_time_ms", n->exclusive_time_ms);
		checked(cJSON_AddBoolToObject(o, "never_executed", n->never_executed));
	}
	add_item(o, "buffers", buffers_json(&n->buffers));
	add_item(o, "exclusive_buffers", buffers_json(&n->exclusive_buffers));
	return o;
}

cJSON *
plan_to_json(const plan *p)
{
	cJSON *o = checked(cJSON_CreateObject());
	cJSON *nodes = checked(cJSON_CreateArray());
	const plan_node *hot = plan_hottest(p);

	checked(cJSON_AddBoolToObject(o, "analyzed", p && p->analyzed));
	checked(cJSON_AddBoolToObject(o, "has_timing", p && p->has_timing));
	checked(cJSON_AddBoolToObject(o, "has_buffers", p && p->has_buffers));
	if (p && p->planning_ms >= 0)
		add_number(o, "planning_ms", p->planning_ms);
	if (p && p->execution_ms >= 0)
		add_number(o, "execution_ms", p->execution_ms);
	add_number(o, "jit_ms", p ? p->jit_ms : 0);
	add_number(o, "total_buffers", (double) plan_total_buffers(p));
	if (hot)
		add_number(o, "hottest_node", hot->id);
	else
		checked(cJSON_AddNullToObject(o, "hottest_node"));
	for (size_t i = 0; p && i < p->n_nodes; i++)
		cJSON_AddItemToArray(nodes, node_json(p->nodes[i]));
	add_item(o, "nodes", nodes);
	return o;
}

cJSON *
insight_list_to_json(const insight_list *l)
{
	cJSON *a = checked(cJSON_CreateArray());

	for (size_t i = 0; l && i < l->n; i++) {
		const insight *in = &l->items[i];
		cJSON *o = checked(cJSON_CreateObject());

		add_string(o, "rule", in->rule);
		add_string(o, "severity", insight_severity_name(in->severity));
		if (in->node) {
			add_number(o, "node", in->node->id);
			add_string(o, "node_type", in->node->node_type);
			if (in->node->relation)
				add_string(o, "relation", in->node->relation);
		} else
			checked(cJSON_AddNullToObject(o, "node"));
		add_string(o, "title", in->title);
		add_string(o, "numbers", in->numbers);
		add_string(o, "advice", in->advice);
		add_number(o, "value", in->value);
		add_number(o, "threshold", in->threshold);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

cJSON *
plan_diff_to_json(const plan_diff *d)
{
	cJSON *a = checked(cJSON_CreateArray());

	for (size_t i = 0; d && i < d->n; i++) {
		const plan_difference *x = &d->items[i];
		cJSON *o = checked(cJSON_CreateObject());

		add_string(o, "kind", plan_diff_kind_name(x->kind));
		add_string(o, "subject", x->subject);
		add_string(o, "left", x->left);
		add_string(o, "right", x->right);
		add_number(o, "left_value", x->left_value);
		add_number(o, "right_value", x->right_value);
		add_string(o, "text", x->text);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}
