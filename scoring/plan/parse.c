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

/*
 * The node keys pgdrill reads, in strcmp order (bsearch needs it; a unit
 * test checks it through plan_node_keys_sorted()).  The flag marks keys
 * whose string values are names, not expressions: kept out of
 * plan_node.expressions so "InitPlan 1 (returns $0)" is not a use of $0.
 * Each node's members are indexed once (index_keys), so reading ~60 fields
 * costs one pass over the object instead of ~60 linear lookups.
 */
#define NODE_KEYS(X) \
	X(ACTUAL_LOOPS, "Actual Loops", false) \
	X(ACTUAL_ROWS, "Actual Rows", false) \
	X(ACTUAL_STARTUP_TIME, "Actual Startup Time", false) \
	X(ACTUAL_TOTAL_TIME, "Actual Total Time", false) \
	X(ALIAS, "Alias", true) \
	X(CTE_NAME, "CTE Name", true) \
	X(CACHE_EVICTIONS, "Cache Evictions", false) \
	X(CACHE_HITS, "Cache Hits", false) \
	X(CACHE_MISSES, "Cache Misses", false) \
	X(COMMAND, "Command", true) \
	X(DISK_USAGE, "Disk Usage", false) \
	X(EXACT_HEAP_BLOCKS, "Exact Heap Blocks", false) \
	X(FILTER, "Filter", false) \
	X(FUNCTION_NAME, "Function Name", true) \
	X(HASH_BATCHES, "Hash Batches", false) \
	X(HASH_BUCKETS, "Hash Buckets", false) \
	X(HASH_COND, "Hash Cond", false) \
	X(HASHAGG_BATCHES, "HashAgg Batches", false) \
	X(HEAP_FETCHES, "Heap Fetches", false) \
	X(INDEX_COND, "Index Cond", false) \
	X(INDEX_NAME, "Index Name", true) \
	X(JOIN_FILTER, "Join Filter", false) \
	X(JOIN_TYPE, "Join Type", true) \
	X(LOCAL_DIRTIED_BLOCKS, "Local Dirtied Blocks", false) \
	X(LOCAL_HIT_BLOCKS, "Local Hit Blocks", false) \
	X(LOCAL_READ_BLOCKS, "Local Read Blocks", false) \
	X(LOCAL_WRITTEN_BLOCKS, "Local Written Blocks", false) \
	X(LOSSY_HEAP_BLOCKS, "Lossy Heap Blocks", false) \
	X(MERGE_COND, "Merge Cond", false) \
	X(NODE_TYPE, "Node Type", true) \
	X(OPERATION, "Operation", true) \
	X(ORIGINAL_HASH_BATCHES, "Original Hash Batches", false) \
	X(PARALLEL_AWARE, "Parallel Aware", false) \
	X(PARENT_RELATIONSHIP, "Parent Relationship", true) \
	X(PARTIAL_MODE, "Partial Mode", true) \
	X(PEAK_MEMORY_USAGE, "Peak Memory Usage", false) \
	X(PLAN_ROWS, "Plan Rows", false) \
	X(PLANS, "Plans", false) \
	X(PRESORTED_KEY, "Presorted Key", false) \
	X(RECHECK_COND, "Recheck Cond", false) \
	X(RELATION_NAME, "Relation Name", true) \
	X(ROWS_REMOVED_BY_FILTER, "Rows Removed by Filter", false) \
	X(ROWS_REMOVED_BY_INDEX_RECHECK, "Rows Removed by Index Recheck", false) \
	X(ROWS_REMOVED_BY_JOIN_FILTER, "Rows Removed by Join Filter", false) \
	X(RUN_CONDITION, "Run Condition", false) \
	X(SCAN_DIRECTION, "Scan Direction", true) \
	X(SCHEMA, "Schema", true) \
	X(SHARED_DIRTIED_BLOCKS, "Shared Dirtied Blocks", false) \
	X(SHARED_HIT_BLOCKS, "Shared Hit Blocks", false) \
	X(SHARED_READ_BLOCKS, "Shared Read Blocks", false) \
	X(SHARED_WRITTEN_BLOCKS, "Shared Written Blocks", false) \
	X(SORT_KEY, "Sort Key", false) \
	X(SORT_METHOD, "Sort Method", true) \
	X(SORT_SPACE_TYPE, "Sort Space Type", true) \
	X(SORT_SPACE_USED, "Sort Space Used", false) \
	X(STARTUP_COST, "Startup Cost", false) \
	X(STRATEGY, "Strategy", true) \
	X(SUBPLAN_NAME, "Subplan Name", true) \
	X(SUBPLANS_REMOVED, "Subplans Removed", false) \
	X(TEMP_READ_BLOCKS, "Temp Read Blocks", false) \
	X(TEMP_WRITTEN_BLOCKS, "Temp Written Blocks", false) \
	X(TOTAL_COST, "Total Cost", false) \
	X(WORKERS_LAUNCHED, "Workers Launched", false) \
	X(WORKERS_PLANNED, "Workers Planned", false)

enum node_key {
#define X(id, name, is_name) K_##id,
	NODE_KEYS(X)
#undef X
	K_COUNT
};

static const char *const key_names[K_COUNT] = {
#define X(id, name, is_name) name,
	NODE_KEYS(X)
#undef X
};

static const bool key_is_name[K_COUNT] = {
#define X(id, name, is_name) is_name,
	NODE_KEYS(X)
#undef X
};

bool
plan_node_keys_sorted(void)
{
	for (size_t i = 1; i < K_COUNT; i++)
		if (strcmp(key_names[i - 1], key_names[i]) >= 0)
			return false;
	return true;
}

/* A node object's members by known key (the first of duplicates, as
 * cJSON_GetObjectItem would give) and its expression text. */
typedef struct node_keys {
	const cJSON *v[K_COUNT];
} node_keys;

static int
cmp_key(const void *key, const void *elem)
{
	return strcmp((const char *) key, *(const char *const *) elem);
}

/* Index the members of `o`; every string (or array of strings) member that
 * is not a name goes into `expr`, '\n'-separated. */
static void
index_keys(const cJSON *o, node_keys *k, strbuf *expr)
{
	const cJSON *m, *item;

	memset(k, 0, sizeof *k);
	cJSON_ArrayForEach(m, o) {
		const char *const *hit;
		size_t i;

		if (m->string == NULL)
			continue;
		hit = bsearch(m->string, key_names, K_COUNT, sizeof key_names[0], cmp_key);
		if (hit) {
			i = (size_t) (hit - key_names);
			if (k->v[i] == NULL)
				k->v[i] = m;
			if (key_is_name[i])
				continue;
		}
		if (cJSON_IsString(m) && m->valuestring) {
			strbuf_append(expr, m->valuestring);
			strbuf_append_char(expr, '\n');
		} else if (cJSON_IsArray(m)) {
			cJSON_ArrayForEach(item, m) {
				if (cJSON_IsString(item) && item->valuestring) {
					strbuf_append(expr, item->valuestring);
					strbuf_append_char(expr, '\n');
				}
			}
		}
	}
}

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
get_string(const node_keys *k, enum node_key key)
{
	const cJSON *v = k->v[key];

	return cJSON_IsString(v) && v->valuestring ? xstrdup(v->valuestring) : NULL;
}

/* A string or an array of strings (Sort Key, Group Key) joined by ", ". */
static char *
get_text(const node_keys *k, enum node_key key)
{
	const cJSON *v = k->v[key];
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

/* A finite number; `dflt` when absent, not a number or not finite. */
static double
number_of(const cJSON *v, double dflt)
{
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return dflt;
	return v->valuedouble;
}

static double
get_number(const node_keys *k, enum node_key key, double dflt)
{
	return number_of(k->v[key], dflt);
}

/* A non-negative count: negative or absurd input becomes 0. */
static double
get_count(const node_keys *k, enum node_key key)
{
	double d = get_number(k, key, 0);

	return d > 0 ? d : 0;
}

static int
int_of(double d)
{
	if (d < -1)
		return -1;
	if (d > 1e6)
		return 1000000;
	return (int) d;
}

static int64_t
get_blocks(const node_keys *k, enum node_key key)
{
	double d = get_count(k, key);

	return d > 9e15 ? (int64_t) 9e15 : (int64_t) d;
}

static void
read_buffers(const node_keys *k, plan_buffers *b)
{
	b->shared_hit = get_blocks(k, K_SHARED_HIT_BLOCKS);
	b->shared_read = get_blocks(k, K_SHARED_READ_BLOCKS);
	b->shared_dirtied = get_blocks(k, K_SHARED_DIRTIED_BLOCKS);
	b->shared_written = get_blocks(k, K_SHARED_WRITTEN_BLOCKS);
	b->local_hit = get_blocks(k, K_LOCAL_HIT_BLOCKS);
	b->local_read = get_blocks(k, K_LOCAL_READ_BLOCKS);
	b->local_dirtied = get_blocks(k, K_LOCAL_DIRTIED_BLOCKS);
	b->local_written = get_blocks(k, K_LOCAL_WRITTEN_BLOCKS);
	b->temp_read = get_blocks(k, K_TEMP_READ_BLOCKS);
	b->temp_written = get_blocks(k, K_TEMP_WRITTEN_BLOCKS);
}

void
plan_node_free(plan_node *n)
{
	if (n == NULL)
		return;
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
	free(n->run_condition);
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
	node_keys k;
	strbuf expr = STRBUF_INIT;
	const cJSON *type, *kids, *c;
	plan_node *n;
	size_t nk;

	if (!cJSON_IsObject(o)) {
		error_set(st->err, ERROR_REJECTED,
				  "malformed EXPLAIN JSON: a plan node is not an object");
		return NULL;
	}
	index_keys(o, &k, &expr);
	type = k.v[K_NODE_TYPE];
	if (!cJSON_IsString(type) || !type->valuestring || !type->valuestring[0]) {
		strbuf_free(&expr);
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
	n->relation = get_string(&k, K_RELATION_NAME);
	n->alias = get_string(&k, K_ALIAS);
	n->index_name = get_string(&k, K_INDEX_NAME);
	n->join_type = get_string(&k, K_JOIN_TYPE);
	n->parent_relationship = get_string(&k, K_PARENT_RELATIONSHIP);
	n->subplan_name = get_string(&k, K_SUBPLAN_NAME);
	n->schema = get_string(&k, K_SCHEMA);
	n->cte_name = get_string(&k, K_CTE_NAME);
	n->function_name = get_string(&k, K_FUNCTION_NAME);
	n->strategy = get_string(&k, K_STRATEGY);
	n->partial_mode = get_string(&k, K_PARTIAL_MODE);
	n->scan_direction = get_string(&k, K_SCAN_DIRECTION);
	n->filter = get_text(&k, K_FILTER);
	n->join_filter = get_text(&k, K_JOIN_FILTER);
	n->index_cond = get_text(&k, K_INDEX_COND);
	n->recheck_cond = get_text(&k, K_RECHECK_COND);
	n->hash_cond = get_text(&k, K_HASH_COND);
	n->merge_cond = get_text(&k, K_MERGE_COND);
	n->sort_key = get_text(&k, K_SORT_KEY);
	n->presorted_key = get_text(&k, K_PRESORTED_KEY);
	n->run_condition = get_text(&k, K_RUN_CONDITION);
	n->sort_method = get_string(&k, K_SORT_METHOD);
	n->sort_space_type = get_string(&k, K_SORT_SPACE_TYPE);
	n->expressions = strbuf_steal(&expr);

	n->startup_cost = get_count(&k, K_STARTUP_COST);
	n->total_cost = get_count(&k, K_TOTAL_COST);
	n->plan_rows = get_count(&k, K_PLAN_ROWS);
	n->parallel_aware = cJSON_IsTrue(k.v[K_PARALLEL_AWARE]);
	n->has_actual = k.v[K_ACTUAL_LOOPS] != NULL || k.v[K_ACTUAL_ROWS] != NULL;
	n->actual_rows = get_count(&k, K_ACTUAL_ROWS);
	n->actual_loops = get_count(&k, K_ACTUAL_LOOPS);
	n->never_executed = n->has_actual && n->actual_loops == 0;
	n->startup_time_ms = get_count(&k, K_ACTUAL_STARTUP_TIME);
	n->loop_time_ms = get_count(&k, K_ACTUAL_TOTAL_TIME);
	n->processes = 1;
	n->rows_removed_by_filter = get_count(&k, K_ROWS_REMOVED_BY_FILTER);
	n->rows_removed_by_join_filter = get_count(&k, K_ROWS_REMOVED_BY_JOIN_FILTER);
	n->rows_removed_by_recheck = get_count(&k, K_ROWS_REMOVED_BY_INDEX_RECHECK);
	n->heap_fetches = get_count(&k, K_HEAP_FETCHES);
	n->exact_heap_blocks = get_count(&k, K_EXACT_HEAP_BLOCKS);
	n->lossy_heap_blocks = get_count(&k, K_LOSSY_HEAP_BLOCKS);
	n->subplans_removed = get_count(&k, K_SUBPLANS_REMOVED);
	n->sort_space_kb = get_count(&k, K_SORT_SPACE_USED);
	n->hash_buckets = get_count(&k, K_HASH_BUCKETS);
	n->hash_batches = get_count(&k, K_HASH_BATCHES);
	n->original_hash_batches = get_count(&k, K_ORIGINAL_HASH_BATCHES);
	n->peak_memory_kb = get_count(&k, K_PEAK_MEMORY_USAGE);
	n->disk_usage_kb = get_count(&k, K_DISK_USAGE);
	n->hashagg_batches = get_count(&k, K_HASHAGG_BATCHES);
	n->workers_planned = int_of(get_number(&k, K_WORKERS_PLANNED, -1));
	n->workers_launched = int_of(get_number(&k, K_WORKERS_LAUNCHED, -1));
	n->cache_hits = get_count(&k, K_CACHE_HITS);
	n->cache_misses = get_count(&k, K_CACHE_MISSES);
	n->cache_evictions = get_count(&k, K_CACHE_EVICTIONS);
	read_buffers(&k, &n->buffers);

	if (k.v[K_ACTUAL_TOTAL_TIME])
		st->p->has_timing = true;
	if (n->has_actual)
		st->p->analyzed = true;
	if (k.v[K_SHARED_HIT_BLOCKS])
		st->p->has_buffers = true;

	n->last_id = n->id;
	kids = k.v[K_PLANS];
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
	cJSON_ArrayForEach(c, kids) {
		plan_node *child = build_node(st, c, n, depth + 1);

		if (child == NULL)
			return NULL;
		n->children[n->n_children++] = child;
	}
	n->last_id = (int) st->all.n;
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

	p->planning_ms = number_of(cJSON_GetObjectItemCaseSensitive(top, "Planning Time"), -1);
	p->execution_ms = number_of(cJSON_GetObjectItemCaseSensitive(top, "Execution Time"), -1);
	/* PostgreSQL 9.x called it "Total Runtime". */
	if (p->execution_ms < 0)
		p->execution_ms = number_of(cJSON_GetObjectItemCaseSensitive(top, "Total Runtime"), -1);
	if (p->planning_ms < 0)
		p->planning_ms = -1;
	if (p->execution_ms < 0)
		p->execution_ms = -1;
	if (cJSON_IsObject(jit)) {
		const cJSON *timing = cJSON_GetObjectItemCaseSensitive(jit, "Timing");
		double total;

		p->jit_functions = int_of(number_of(cJSON_GetObjectItemCaseSensitive(jit, "Functions"), 0));
		if (p->jit_functions < 0)
			p->jit_functions = 0;
		if (cJSON_IsObject(timing)) {
			total = number_of(cJSON_GetObjectItemCaseSensitive(timing, "Total"), 0);
			p->jit_ms = total > 0 ? total : 0;
		}
	}
	if (cJSON_IsArray(trig)) {
		cJSON_ArrayForEach(t, trig) {
			double ms = number_of(cJSON_GetObjectItemCaseSensitive(t, "Time"), 0);

			p->trigger_ms += ms > 0 ? ms : 0;
		}
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
		error_set(err, ERROR_REJECTED, "empty input: expected EXPLAIN output (text or FORMAT JSON)");
		return NULL;
	}
	if (plan_input_is_text(json, len))
		return plan_parse_text(json, len, err);
	text = plan_clean_input(json, len, &cleaned);
	root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (root == NULL && plan_json_depth(text, len) > CJSON_NESTING_LIMIT) {
		error_set(err, ERROR_REJECTED,
				  "EXPLAIN JSON nested deeper than %d levels", CJSON_NESTING_LIMIT);
		error_detail(err, "The JSON reader refuses deeper input; a real plan "
					 "this deep would have about %d levels of nodes.",
					 CJSON_NESTING_LIMIT / 2);
		goto done;
	}
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
			plan_node_free(st.all.items[i]);
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
		plan_node_free(p->nodes[i]);
	free(p->nodes);
	free(p->settings);
	free(p);
}
