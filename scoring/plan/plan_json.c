/*
 * plan_json.c — cJSON values for plans, insights and diffs (see
 * plan_json.h).  Field names are snake_case and stable: tools read them.
 *
 * cJSON reports a failed allocation by returning NULL or false.  Every
 * value is built through a `json_build` that remembers such a failure
 * (the following calls on a NULL object are harmless no-ops in cJSON); the
 * public functions then free what they built and return NULL.  Nothing here
 * prints or aborts: the caller decides (the CLI says "out of memory").
 */
#include "plan/plan_json.h"

#include <stdbool.h>
#include <stdlib.h>

#include "strbuf.h"

typedef struct json_build {
	bool oom;                 /* some cJSON allocation failed */
} json_build;

static cJSON *
checked(json_build *b, cJSON *v)
{
	if (v == NULL)
		b->oom = true;
	return v;
}

static void
add_string(json_build *b, cJSON *o, const char *key, const char *value)
{
	if (value)
		checked(b, cJSON_AddStringToObject(o, key, value));
	else
		checked(b, cJSON_AddNullToObject(o, key));
}

static void
add_number(json_build *b, cJSON *o, const char *key, double value)
{
	checked(b, cJSON_AddNumberToObject(o, key, value));
}

/* Add `item` under `key` (to an array when key is NULL); an item that
 * cannot be added is freed. */
static void
add_item(json_build *b, cJSON *o, const char *key, cJSON *item)
{
	bool ok = item != NULL && o != NULL &&
		(key ? cJSON_AddItemToObject(o, key, item) : cJSON_AddItemToArray(o, item));

	if (!ok) {
		cJSON_Delete(item);
		b->oom = true;
	}
}

/* The value built, or NULL (freed) when an allocation failed. */
static cJSON *
finish(json_build *b, cJSON *v)
{
	if (b->oom) {
		cJSON_Delete(v);
		return NULL;
	}
	return v;
}

static cJSON *
buffers_json(json_build *jb, const plan_buffers *b)
{
	cJSON *o = checked(jb, cJSON_CreateObject());

	add_number(jb, o, "shared_hit", (double) b->shared_hit);
	add_number(jb, o, "shared_read", (double) b->shared_read);
	add_number(jb, o, "shared_dirtied", (double) b->shared_dirtied);
	add_number(jb, o, "shared_written", (double) b->shared_written);
	add_number(jb, o, "local_hit", (double) b->local_hit);
	add_number(jb, o, "local_read", (double) b->local_read);
	add_number(jb, o, "temp_read", (double) b->temp_read);
	add_number(jb, o, "temp_written", (double) b->temp_written);
	return o;
}

static cJSON *
node_json(json_build *b, const plan_node *n)
{
	cJSON *o = checked(b, cJSON_CreateObject());
	char *label = plan_node_label(n);

	add_number(b, o, "id", n->id);
	if (n->parent)
		add_number(b, o, "parent", n->parent->id);
	else
		checked(b, cJSON_AddNullToObject(o, "parent"));
	add_number(b, o, "depth", n->depth);
	add_string(b, o, "node_type", n->node_type);
	add_string(b, o, "label", label);
	free(label);
	add_string(b, o, "relation", n->relation);
	add_string(b, o, "alias", n->alias);
	add_string(b, o, "index_name", n->index_name);
	add_string(b, o, "join_type", n->join_type);
	add_string(b, o, "parent_relationship", n->parent_relationship);
	add_string(b, o, "subplan_name", n->subplan_name);
	add_number(b, o, "startup_cost", n->startup_cost);
	add_number(b, o, "total_cost", n->total_cost);
	add_number(b, o, "plan_rows", n->plan_rows);
	if (n->has_actual) {
		add_number(b, o, "actual_rows", n->actual_rows);
		add_number(b, o, "actual_loops", n->actual_loops);
		add_number(b, o, "total_time_ms", n->total_time_ms);
		add_number(b, o, "exclusive_time_ms", n->exclusive_time_ms);
		checked(b, cJSON_AddBoolToObject(o, "never_executed", n->never_executed));
	}
	add_item(b, o, "buffers", buffers_json(b, &n->buffers));
	add_item(b, o, "exclusive_buffers", buffers_json(b, &n->exclusive_buffers));
	return o;
}

cJSON *
plan_to_json(const plan *p)
{
	json_build build = {false}, *b = &build;
	cJSON *o = checked(b, cJSON_CreateObject());
	cJSON *nodes = checked(b, cJSON_CreateArray());
	const plan_node *hot = plan_hottest(p);

	checked(b, cJSON_AddBoolToObject(o, "analyzed", p && p->analyzed));
	checked(b, cJSON_AddBoolToObject(o, "has_timing", p && p->has_timing));
	checked(b, cJSON_AddBoolToObject(o, "has_buffers", p && p->has_buffers));
	if (p && p->planning_ms >= 0)
		add_number(b, o, "planning_ms", p->planning_ms);
	if (p && p->execution_ms >= 0)
		add_number(b, o, "execution_ms", p->execution_ms);
	add_number(b, o, "jit_ms", p ? p->jit_ms : 0);
	add_number(b, o, "total_buffers", (double) plan_total_buffers(p));
	if (hot)
		add_number(b, o, "hottest_node", hot->id);
	else
		checked(b, cJSON_AddNullToObject(o, "hottest_node"));
	for (size_t i = 0; p && i < p->n_nodes; i++)
		add_item(b, nodes, NULL, node_json(b, p->nodes[i]));
	add_item(b, o, "nodes", nodes);
	return finish(b, o);
}

cJSON *
insight_list_to_json(const insight_list *l)
{
	json_build build = {false}, *b = &build;
	cJSON *a = checked(b, cJSON_CreateArray());

	for (size_t i = 0; l && i < l->n; i++) {
		const insight *in = &l->items[i];
		cJSON *o = checked(b, cJSON_CreateObject());

		add_string(b, o, "rule", in->rule);
		add_string(b, o, "severity", insight_severity_name(in->severity));
		if (in->node) {
			add_number(b, o, "node", in->node->id);
			add_string(b, o, "node_type", in->node->node_type);
			if (in->node->relation)
				add_string(b, o, "relation", in->node->relation);
		} else
			checked(b, cJSON_AddNullToObject(o, "node"));
		add_string(b, o, "title", in->title);
		add_string(b, o, "numbers", in->numbers);
		add_string(b, o, "advice", in->advice);
		add_number(b, o, "value", in->value);
		add_number(b, o, "threshold", in->threshold);
		add_item(b, a, NULL, o);
	}
	return finish(b, a);
}

cJSON *
plan_diff_to_json(const plan_diff *d)
{
	json_build build = {false}, *b = &build;
	cJSON *a = checked(b, cJSON_CreateArray());

	for (size_t i = 0; d && i < d->n; i++) {
		const plan_difference *x = &d->items[i];
		cJSON *o = checked(b, cJSON_CreateObject());

		add_string(b, o, "kind", plan_diff_kind_name(x->kind));
		add_string(b, o, "subject", x->subject);
		add_string(b, o, "left", x->left);
		add_string(b, o, "right", x->right);
		add_number(b, o, "left_value", x->left_value);
		add_number(b, o, "right_value", x->right_value);
		add_string(b, o, "text", x->text);
		add_item(b, a, NULL, o);
	}
	return finish(b, a);
}
