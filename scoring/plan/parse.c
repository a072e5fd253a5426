/*
 * parse.c — EXPLAIN (FORMAT JSON) text to the plan model of plan.h.
 *
 * plan_parse() cleans pasted psql output (clean.c), hands the JSON to cJSON,
 * walks the "Plan" tree into plan_node structs (keeping the fields pgdrill
 * reasons about, ignoring keys it does not know, so output of any PostgreSQL
 * version since 9.x reads), then has exclusive.c compute exclusive time and
 * buffers.  This is the only file of pgdrill that calls cJSON for plans; it
 * never judges a plan (insight.c does) and never prints (render.c builds
 * text).  Called by the engine (check, show) and by `pgdrill explain`.
 */
#include "plan/plan.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_internal.h"
#include "strbuf.h"

/* Keys whose string values are names, not expressions: kept out of
 * plan_node.expressions so "InitPlan 1 (returns $0)" is not a use of $0. */
static const char *const name_keys[] = {
	"Node Type", "Parent Relationship", "Subplan Name", "Relation Name",
	"Schema", "Alias", "Index Name", "CTE Name", "Function Name", "Join Type",
	"Strategy", "Partial Mode", "Scan Direction", "Sort Method",
	"Sort Space Type", "Operation", "Command", NULL
};

typedef struct node_list {
	plan_node **items;
	size_t n, cap;
} node_list;

static void
list_push(node_list *l, plan_node *n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	l->items[l->n++] = n;
}

/* A string member, copied, or NULL when absent or not a string. */
static char *
get_string(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) && v->valuestring ? xstrdup(v->valuestring) : NULL;
}

/* A string or an array of strings (Sort Key, Group Key) joined by ", ". */
static char *
get_text(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	const cJSON *item;
	strbuf sb = STRBUF_INIT;

	if (cJSON_IsString(v) && v->valuestring)
		return xstrdup(v->valuestring);
	if (!cJSON_IsArray(v))
		return NULL;
	cJSON_ArrayForEach(item, v) {
		if (!cJSON_IsString(item) || !item->valuestring)
			continue;
		if (sb.len)
			strbuf_append(&sb, ", ");
		strbuf_append(&sb, item->valuestring);
	}
	if (sb.len == 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_steal(&sb);
}

/* A finite number member; `dflt` when absent, not a number or not finite. */
static double
get_number(const cJSON *o, const char *key, double dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return dflt;
	return v->valuedouble;
}

/* A non-negative count: negative or absurd input becomes 0. */
static double
get_count(const cJSON *o, const char *key)
{
	double d = get_number(o, key, 0);

	return d > 0 ? d : 0;
}

static int
get_int(const cJSON *o, const char *key, int dflt)
{
	double d = get_number(o, key, dflt);

	if (d < -1)
		return -1;
	if (d > 1e6)
		return 1000000;
	return (int) d;
}

static int64_t
get_blocks(const cJSON *o, const char *key)
{
	double d = get_count(o, key);

	return d > 9e15 ? (int64_t) 9e15 : (int64_t) d;
}

static bool
is_name_key(const char *key)
{
	for (const char *const *k = name_keys; *k; k++)
		if (strcmp(*k, key) == 0)
			return true;
	return false;
}

/* Every expression-like string of the node, '\n'-separated. */
static char *
collect_expressions(const cJSON *o)
{
	strbuf sb = STRBUF_INIT;
	const cJSON *m, *item;

	cJSON_ArrayForEach(m, o) {
		if (!m->string || is_name_key(m->string))
			continue;
		if (cJSON_IsString(m) && m->valuestring) {
			strbuf_append(&sb, m->valuestring);
			strbuf_append_char(&sb, '\n');
		} else if (cJSON_IsArray(m)) {
			cJSON_ArrayForEach(item, m) {
				if (cJSON_IsString(item) && item->valuestring) {
					strbuf_append(&sb, item->valuestring);
					strbuf_append_char(&sb, '\n');
				}
			}
		}
	}
	return strbuf_steal(&sb);
}

static void
read_buffers(const cJSON *o, plan_buffers *b)
{
	b->shared_hit = get_blocks(o, "Shared Hit Blocks");
	b->shared_read = get_blocks(o, "Shared Read Blocks");
	b->shared_dirtied = get_blocks(o, "Shared Dirtied Blocks");
	b->shared_written = get_blocks(o, "Shared Written Blocks");
	b->local_hit = get_blocks(o, "Local Hit Blocks");
	b->local_read = get_blocks(o, "Local Read Blocks");
	b->local_dirtied = get_blocks(o, "Local Dirtied Blocks");
	b->local_written = get_blocks(o, "Local Written Blocks");
	b->temp_read = get_blocks(o, "Temp Read Blocks");
	b->temp_written = get_blocks(o, "Temp Written Blocks");
}

static void
node_free(plan_node *n)
{
	free(n->node_type);
	free(n->relation);
	free(n->alias);
	free(n->index_name);
	free(n->join_type);
	free(n->parent_relationship);
	free(n->subplan_name);
	free(n->schema);
	free(n->cte_name);
	free(n->function_name);
	free(n->strategy);
	free(n->partial_mode);
	free(n->scan_direction);
	free(n->filter);
	free(n->join_filter);
	free(n->index_cond);
	free(n->recheck_cond);
	free(n->hash_cond);
	free(n->merge_cond);
	free(n->sort_key);
	free(n->presorted_key);
	free(n->sort_method);
	free(n->sort_space_type);
	free(n->expressions);
	free(n->children);
	free(n);
}

typedef struct build_state {
	plan *p;
	node_list all;
	error *err;
} build_state;

/*
 * Build the node for JSON object `o` (and its subtree), appending every node
 * to st->all in pre-order.  Returns NULL with st->err set on malformed
 * input; nodes built so far are in st->all, which the caller frees.
 */
static plan_node *
build_node(build_state *st, const cJSON *o, plan_node *parent, int depth)
{
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(o, "Node Type");
	const cJSON *kids, *k;
	plan_node *n;
	size_t nk;

	if (!cJSON_IsObject(o)) {
		error_set(st->err, ERROR_REJECTED,
				  "malformed EXPLAIN JSON: a plan node is not an object");
		return NULL;
	}
	if (!cJSON_IsString(type) || !type->valuestring || !type->valuestring[0]) {
		error_set(st->err, ERROR_REJECTED,
				  "malformed EXPLAIN JSON: plan node %zu has no \"Node Type\"",
				  st->all.n + 1);
		return NULL;
	}
	n = xcalloc(1, sizeof *n);
	list_push(&st->all, n);
	n->id = (int) st->all.n;
	n->depth = depth;
	n->parent = parent;
	n->node_type = xstrdup(type->valuestring);
	n->relation = get_string(o, "Relation Name");
	n->alias = get_string(o, "Alias");
	n->index_name = get_string(o, "Index Name");
	n->join_type = get_string(o, "Join Type");
	n->parent_relationship = get_string(o, "Parent Relationship");
	n->subplan_name = get_string(o, "Subplan Name");
	n->schema = get_string(o, "Schema");
	n->cte_name = get_string(o, "CTE Name");
	n->function_name = get_string(o, "Function Name");
	n->strategy = get_string(o, "Strategy");
	n->partial_mode = get_string(o, "Partial Mode");
	n->scan_direction = get_string(o, "Scan Direction");
	n->filter = get_text(o, "Filter");
	n->join_filter = get_text(o, "Join Filter");
	n->index_cond = get_text(o, "Index Cond");
	n->recheck_cond = get_text(o, "Recheck Cond");
	n->hash_cond = get_text(o, "Hash Cond");
	n->merge_cond = get_text(o, "Merge Cond");
	n->sort_key = get_text(o, "Sort Key");
	n->presorted_key = get_text(o, "Presorted Key");
	n->sort_method = get_string(o, "Sort Method");
	n->sort_space_type = get_string(o, "Sort Space Type");
	n->expressions = collect_expressions(o);

	n->startup_cost = get_count(o, "Startup Cost");
	n->total_cost = get_count(o, "Total Cost");
	n->plan_rows = get_count(o, "Plan Rows");
	n->parallel_aware = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "Parallel Aware"));
	n->has_actual = cJSON_GetObjectItemCaseSensitive(o, "Actual Loops") != NULL ||
		cJSON_GetObjectItemCaseSensitive(o, "Actual Rows") != NULL;
	n->actual_rows = get_count(o, "Actual Rows");
	n->actual_loops = get_count(o, "Actual Loops");
	n->never_executed = n->has_actual && n->actual_loops == 0;
	n->startup_time_ms = get_count(o, "Actual Startup Time");
	n->loop_time_ms = get_count(o, "Actual Total Time");
	n->processes = 1;
	n->rows_removed_by_filter = get_count(o, "Rows Removed by Filter");
	n->rows_removed_by_join_filter = get_count(o, "Rows Removed by Join Filter");
	n->rows_removed_by_recheck = get_count(o, "Rows Removed by Index Recheck");
	n->heap_fetches = get_count(o, "Heap Fetches");
	n->exact_heap_blocks = get_count(o, "Exact Heap Blocks");
	n->lossy_heap_blocks = get_count(o, "Lossy Heap Blocks");
	n->sort_space_kb = get_count(o, "Sort Space Used");
	n->hash_buckets = get_count(o, "Hash Buckets");
	n->hash_batches = get_count(o, "Hash Batches");
	n->original_hash_batches = get_count(o, "Original Hash Batches");
	n->peak_memory_kb = get_count(o, "Peak Memory Usage");
	n->disk_usage_kb = get_count(o, "Disk Usage");
	n->hashagg_batches = get_count(o, "HashAgg Batches");
	n->workers_planned = get_int(o, "Workers Planned", -1);
	n->workers_launched = get_int(o, "Workers Launched", -1);
	n->cache_hits = get_count(o, "Cache Hits");
	n->cache_misses = get_count(o, "Cache Misses");
	n->cache_evictions = get_count(o, "Cache Evictions");
	read_buffers(o, &n->buffers);

	if (cJSON_GetObjectItemCaseSensitive(o, "Actual Total Time"))
		st->p->has_timing = true;
	if (n->has_actual)
		st->p->analyzed = true;
	if (cJSON_GetObjectItemCaseSensitive(o, "Shared Hit Blocks"))
		st->p->has_buffers = true;

	kids = cJSON_GetObjectItemCaseSensitive(o, "Plans");
	if (kids == NULL)
		return n;
	if (!cJSON_IsArray(kids)) {
		error_set(st->err, ERROR_REJECTED,
				  "malformed EXPLAIN JSON: \"Plans\" of node %d (%s) is not an array",
				  n->id, n->node_type);
		return NULL;
	}
	nk = (size_t) cJSON_GetArraySize(kids);
	n->children = xcalloc(nk, sizeof *n->children);
	cJSON_ArrayForEach(k, kids) {
		plan_node *c = build_node(st, k, n, depth + 1);

		if (c == NULL)
			return NULL;
		n->children[n->n_children++] = c;
	}
	return n;
}

/* Plan-level figures: times, JIT, triggers, settings. */
static void
read_top(plan *p, const cJSON *top)
{
	const cJSON *jit = cJSON_GetObjectItemCaseSensitive(top, "JIT");
	const cJSON *trig = cJSON_GetObjectItemCaseSensitive(top, "Triggers");
	const cJSON *settings = cJSON_GetObjectItemCaseSensitive(top, "Settings");
	const cJSON *t;

	p->planning_ms = get_number(top, "Planning Time", -1);
	p->execution_ms = get_number(top, "Execution Time", -1);
	/* PostgreSQL 9.x called them "Planning Time" / "Total Runtime". */
	if (p->execution_ms < 0)
		p->execution_ms = get_number(top, "Total Runtime", -1);
	if (cJSON_IsObject(jit)) {
		const cJSON *timing = cJSON_GetObjectItemCaseSensitive(jit, "Timing");

		p->jit_functions = get_int(jit, "Functions", 0);
		if (cJSON_IsObject(timing))
			p->jit_ms = get_count(timing, "Total");
	}
	if (cJSON_IsArray(trig)) {
		cJSON_ArrayForEach(t, trig)
			p->trigger_ms += get_count(t, "Time");
	}
	if (cJSON_IsObject(settings)) {
		strbuf sb = STRBUF_INIT;

		cJSON_ArrayForEach(t, settings) {
			if (!t->string || !cJSON_IsString(t) || !t->valuestring)
				continue;
			strbuf_printf(&sb, "%s%s=%s", sb.len ? ", " : "", t->string,
						  t->valuestring);
		}
		p->settings = sb.len ? strbuf_steal(&sb) : NULL;
		strbuf_free(&sb);
	}
}

/* Line and column (1-based) of byte offset `off` in text. */
static void
line_col(const char *text, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else
			(*col)++;
	}
}

/* Find the object holding "Plan" in what the user gave. */
static const cJSON *
find_top(const cJSON *root)
{
	const cJSON *item;

	if (cJSON_IsObject(root)) {
		if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "Plan")))
			return root;
		/* psql -c 'EXPLAIN' piped through jq '.[0]' etc. */
		if (cJSON_GetObjectItemCaseSensitive(root, "QUERY PLAN"))
			return find_top(cJSON_GetObjectItemCaseSensitive(root, "QUERY PLAN"));
		return NULL;
	}
	if (cJSON_IsArray(root)) {
		cJSON_ArrayForEach(item, root) {
			const cJSON *t = find_top(item);

			if (t)
				return t;
		}
	}
	return NULL;
}

plan *
plan_parse(const char *json, size_t len, error *err)
{
	bool cleaned;
	char *text;
	const char *end = NULL;
	cJSON *root = NULL;
	const cJSON *top;
	build_state st = {0};
	plan *p = NULL;

	if (json == NULL || len == 0) {
		error_set(err, ERROR_REJECTED, "empty input: expected EXPLAIN (FORMAT JSON) output");
		return NULL;
	}
	text = plan_clean_input(json, len, &cleaned);
	if (plan_json_depth(text, len) > CJSON_NESTING_LIMIT) {
		error_set(err, ERROR_REJECTED,
				  "EXPLAIN JSON nested deeper than %d levels", CJSON_NESTING_LIMIT);
		error_detail(err, "The JSON reader refuses deeper input; a real plan "
					 "this deep would have about %d levels of nodes.",
					 CJSON_NESTING_LIMIT / 2);
		goto done;
	}
	root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (root == NULL) {
		size_t off = end && end >= text && end <= text + len ? (size_t) (end - text) : 0;
		int line, col;
		size_t ls = off, le = off;

		line_col(text, off, &line, &col);
		error_set(err, ERROR_REJECTED,
				  "malformed EXPLAIN JSON at line %d, column %d", line, col);
		while (ls > 0 && text[ls - 1] != '\n' && off - ls < 60)
			ls--;
		while (le < len && text[le] != '\n' && le - off < 60)
			le++;
		error_detail(err, "near: %.*s", (int) (le - ls), text + ls);
		if (!cleaned && off < len && text[0] != '[' && text[0] != '{')
			error_hint(err, "Give the output of EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON).");
		if (err)
			err->position = (int) (off + 1 > (size_t) 2147483647 ? 0 : off + 1);
		goto done;
	}
	top = find_top(root);
	if (top == NULL) {
		error_set(err, ERROR_REJECTED,
				  "not EXPLAIN (FORMAT JSON) output: no \"Plan\" object found");
		error_hint(err, "Run EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) and give its output.");
		goto done;
	}
	p = xcalloc(1, sizeof *p);
	st.p = p;
	st.err = err;
	read_top(p, top);
	p->root = build_node(&st, cJSON_GetObjectItemCaseSensitive(top, "Plan"), NULL, 0);
	if (p->root == NULL) {
		for (size_t i = 0; i < st.all.n; i++)
			node_free(st.all.items[i]);
		free(st.all.items);
		free(p->settings);
		free(p);
		p = NULL;
		goto done;
	}
	p->nodes = st.all.items;
	p->n_nodes = st.all.n;
	plan_compute_exclusive(p);
done:
	cJSON_Delete(root);
	free(text);
	return p;
}

void
plan_free(plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n_nodes; i++)
		node_free(p->nodes[i]);
	free(p->nodes);
	free(p->settings);
	free(p);
}
