/*
 * insight_join.c — rules about the operators that combine and order rows:
 * sorts and hashes that spill to disk, other temp-file writers, nested
 * loops that repeat a costly inner side, a Sort under a LIMIT, a hash built
 * on the larger input, SubPlans run per row, a Memoize that misses.
 * Thresholds: docs/plans.md.  Called by plan_insights() (insight.c).
 */
#include <stdlib.h>
#include <string.h>

#include "plan/insight_internal.h"
#include "strbuf.h"
#include "numfmt.h"

#define SPILL_HIGH_KB 102400.0        /* 100 MB on disk */
#define HASH_BATCHES_HIGH 16.0
#define LOOPS_LOW 1000.0              /* inner loops of a Nested Loop */
#define LOOPS_MEDIUM 10000.0
#define LOOPS_HIGH 100000.0
#define LOOP_TIME_SHARE 0.1           /* the loop must cost this much */
#define SORT_LIMIT_MIN_ROWS 1000.0
#define SORT_LIMIT_RATIO 10.0
#define HASH_LARGER_MIN_ROWS 10000.0
#define HASH_LARGER_RATIO 2.0
#define SUBPLAN_LOOPS 100.0
#define SUBPLAN_LOOPS_HIGH 10000.0
#define MEMOIZE_MIN_MISSES 1000.0
#define MEMOIZE_HIT_RATIO 0.5

static const plan_node *
child_with(const plan_node *n, const char *rel)
{
	for (size_t i = 0; i < n->n_children; i++)
		if (insight_rel_is(n->children[i], rel))
			return n->children[i];
	return NULL;
}

static void
sort_spill(const plan_node *n, insight_list *l)
{
	bool disk = (n->sort_space_type && strcmp(n->sort_space_type, "Disk") == 0) ||
		(n->sort_method && strncmp(n->sort_method, "external", 8) == 0);
	char a[32], b[32], c[32];

	if (!disk || (!insight_type_is(n, "Sort") && !insight_type_is(n, "Incremental Sort")))
		return;
	insight_add(l, "sort_spill",
				n->sort_space_kb >= SPILL_HIGH_KB ? INSIGHT_HIGH : INSIGHT_MEDIUM, n,
				n->sort_space_kb, 0,
				xasprintf("sorts on disk (%s)", n->sort_method ? n->sort_method : "external"),
				xasprintf("%s kB written; %s temp blocks written; %s rows sorted",
						  numfmt_count(n->sort_space_kb, a),
						  numfmt_count((double) n->exclusive_buffers.temp_written, b),
						  numfmt_count(plan_node_rows_total(n), c)),
				xasprintf("an index on the sort key (%s) to avoid the sort, or more "
						  "work_mem for this query", n->sort_key ? n->sort_key : "?"));
}

static void
hash_spill(const plan_node *n, insight_list *l)
{
	char a[32], b[32];

	if (!insight_type_is(n, "Hash") || n->hash_batches <= 1)
		return;
	insight_add(l, "hash_spill",
				n->hash_batches >= HASH_BATCHES_HIGH ? INSIGHT_HIGH : INSIGHT_MEDIUM, n,
				n->hash_batches, 1,
				xasprintf("the hash table did not fit in memory: %.0f batches on disk",
						  n->hash_batches),
				xasprintf("%.0f batches (planned %.0f), %s kB peak memory, %s rows hashed",
						  n->hash_batches, n->original_hash_batches,
						  numfmt_count(n->peak_memory_kb, a),
						  numfmt_count(plan_node_rows_total(n), b)),
				xstrdup(n->original_hash_batches < n->hash_batches ?
						"the batches grew while hashing, so the row estimate was "
						"low: fix the estimate (ANALYZE), hash fewer rows, or raise work_mem" :
						"hash the smaller input or fewer columns, or raise work_mem "
						"(or hash_mem_multiplier)"));
}

static void
hashagg_spill(const plan_node *n, insight_list *l)
{
	char a[32];

	if (!insight_type_is(n, "Aggregate") || n->strategy == NULL ||
		(strcmp(n->strategy, "Hashed") != 0 && strcmp(n->strategy, "Mixed") != 0) ||
		(n->hashagg_batches <= 1 && n->disk_usage_kb <= 0))
		return;
	insight_add(l, "hashagg_spill",
				n->disk_usage_kb >= SPILL_HIGH_KB ? INSIGHT_HIGH : INSIGHT_MEDIUM, n,
				n->disk_usage_kb, 0,
				xstrdup("the hash aggregate did not fit in memory and spilled to disk"),
				xasprintf("%.0f batches, %s kB on disk", n->hashagg_batches,
						  numfmt_count(n->disk_usage_kb, a)),
				xstrdup("group fewer rows (filter first), or raise work_mem / "
						"hash_mem_multiplier"));
}

/* Temp files written by anything else: Materialize, CTE and window
 * tuplestores, a Hash Join's outer batches. */
static void
temp_spill(const plan_node *n, insight_list *l)
{
	int64_t written = n->exclusive_buffers.temp_written;
	char a[32], b[32];

	if (written <= 0 || insight_type_is(n, "Sort") ||
		insight_type_is(n, "Incremental Sort") || insight_type_is(n, "Hash") ||
		insight_type_is(n, "Aggregate"))
		return;
	/* A Hash Join writes its outer batches when its Hash spilled: that is
	 * hash_spill's finding. */
	if (insight_type_is(n, "Hash Join")) {
		const plan_node *h = child_with(n, "Inner");

		if (h && h->hash_batches > 1)
			return;
	}
	insight_add(l, "temp_spill", INSIGHT_MEDIUM, n, (double) written, 0,
				xstrdup("writes temporary files"),
				xasprintf("%s temp blocks written (%s kB)", numfmt_count((double) written, a),
						  numfmt_count((double) written * 8, b)),
				xstrdup("more work_mem for this query, or fewer rows into this node"));
}

static void
nested_loop_loops(const plan *p, const plan_node *n, insight_list *l)
{
	const plan_node *inner = child_with(n, "Inner");
	double share;
	insight_severity sev;
	char a[32], b[32];

	if (!insight_type_is(n, "Nested Loop") || inner == NULL || !inner->has_actual ||
		inner->actual_loops < LOOPS_LOW)
		return;
	/* The loop's cost: the inner side plus the join's own per-row work. */
	share = insight_time_share(p, inner->total_time_ms + n->exclusive_time_ms);
	if (p->has_timing && share < LOOP_TIME_SHARE)
		return;
	sev = inner->actual_loops >= LOOPS_HIGH ? INSIGHT_HIGH :
		inner->actual_loops >= LOOPS_MEDIUM ? INSIGHT_MEDIUM : INSIGHT_LOW;
	insight_add(l, "nested_loop_loops", sev, n, inner->actual_loops, LOOPS_LOW,
				xasprintf("runs its inner side %s times", numfmt_count(inner->actual_loops, a)),
				xasprintf("inner %s: %s loops, %.1f%% of the time, %s rows in all",
						  inner->node_type, numfmt_count(inner->actual_loops, a),
						  100 * share, numfmt_count(plan_node_rows_total(inner), b)),
				xstrdup("when the outer side is large, a hash or merge join reads "
						"each side once; check the outer row estimate"));
}

static const plan_node *
sort_below_limit(const plan_node *n)
{
	while (n) {
		const plan_node *next = NULL;

		if (insight_type_is(n, "Sort") || insight_type_is(n, "Incremental Sort"))
			return n;
		if (!insight_type_is(n, "Limit") && !insight_type_is(n, "Gather Merge") &&
			!insight_type_is(n, "Result"))
			return NULL;
		for (size_t i = 0; i < n->n_children; i++)
			if (insight_rel_is(n->children[i], "Outer")) {
				next = n->children[i];
				break;
			}
		n = next;
	}
	return NULL;
}

static void
sort_limit_index(const plan_node *n, insight_list *l)
{
	const plan_node *sort, *input;
	double in_rows, out_rows;
	char a[32], b[32];

	if (!insight_type_is(n, "Limit") || !n->has_actual)
		return;
	sort = sort_below_limit(n);
	if (sort == NULL || sort->n_children == 0)
		return;
	input = sort->children[0];
	in_rows = plan_node_rows_total(input);
	out_rows = plan_node_rows_total(n);
	if (in_rows < SORT_LIMIT_MIN_ROWS || in_rows < SORT_LIMIT_RATIO * (out_rows > 1 ? out_rows : 1))
		return;
	insight_add(l, "sort_limit_index", INSIGHT_MEDIUM, sort, in_rows / (out_rows > 1 ? out_rows : 1),
				SORT_LIMIT_RATIO,
				xasprintf("sorts %s rows to return the first %s", numfmt_count(in_rows, a),
						  numfmt_count(out_rows, b)),
				xasprintf("Sort Key: %s; method %s", sort->sort_key ? sort->sort_key : "?",
						  sort->sort_method ? sort->sort_method : "?"),
				xasprintf("an index on (%s) lets PostgreSQL read rows already in order "
						  "and stop after the LIMIT", sort->sort_key ? sort->sort_key : "the sort key"));
}

/* Rows of one hash table (or of what one build is probed with): a
 * parallel-aware node shares its work among the processes, so its rows
 * add up; any other node repeats its whole work per loop (below a Gather
 * each process builds its own copy of the table), so one loop counts. */
static double
per_build(const plan_node *n, double per_loop)
{
	return n->parallel_aware ? per_loop * (n->actual_loops > 0 ? n->actual_loops : 1) : per_loop;
}

static void
hash_larger_input(const plan *p, const plan_node *n, insight_list *l)
{
	const plan_node *outer = child_with(n, "Outer"), *inner = child_with(n, "Inner");
	double o, i, est_o, est_i;
	char a[32], b[32], c[32], d[32];

	if (!insight_type_is(n, "Hash Join") || outer == NULL || inner == NULL ||
		!inner->has_actual || !outer->has_actual)
		return;
	o = per_build(outer, outer->actual_rows);
	i = per_build(inner, inner->actual_rows);
	if (i < HASH_LARGER_MIN_ROWS || i <= HASH_LARGER_RATIO * (o > 1 ? o : 1))
		return;
	/* an outer side cut short (the join's consumer stopped) is not small */
	if (o < outer->plan_rows && insight_stopped_early(p, outer))
		return;
	/* Estimates are per process for parallel-aware nodes, like rows. */
	est_o = outer->plan_rows * (outer->parallel_aware ? outer->processes : 1);
	est_i = inner->plan_rows * (inner->parallel_aware ? inner->processes : 1);
	/* The planner knew the hashed side was the larger and chose it anyway
	 * (a Left/Semi/Anti join keeps its preserved side probing, or the costs
	 * said so): no estimate to fix, nothing true to say. */
	if (est_i > HASH_LARGER_RATIO * (est_o > 1 ? est_o : 1))
		return;
	insight_add(l, "hash_larger_input",
				i > 10 * HASH_LARGER_RATIO * (o > 1 ? o : 1) ? INSIGHT_MEDIUM : INSIGHT_LOW,
				n, i / (o > 1 ? o : 1), HASH_LARGER_RATIO,
				xstrdup("built its hash table on the larger input"),
				xasprintf("hashed %s rows, probed with %s; the planner estimated %s hashed "
						  "and %s probing", numfmt_count(i, a), numfmt_count(o, b),
						  numfmt_count(est_i, c), numfmt_count(est_o, d)),
				xstrdup("the planner expected the hashed side to be the smaller one: fix "
						"the estimates (ANALYZE, extended statistics on correlated columns)"));
}

static void
subplan_per_row(const plan *p, const plan_node *n, insight_list *l)
{
	char a[32];

	if (!insight_rel_is(n, "SubPlan") || !n->has_actual || n->actual_loops < SUBPLAN_LOOPS)
		return;
	insight_add(l, "subplan_per_row",
				n->actual_loops >= SUBPLAN_LOOPS_HIGH ? INSIGHT_HIGH : INSIGHT_MEDIUM, n,
				n->actual_loops, SUBPLAN_LOOPS,
				xasprintf("%s runs once per row: %s times",
						  n->subplan_name ? n->subplan_name : "a subquery",
						  numfmt_count(n->actual_loops, a)),
				xasprintf("%.3f ms per run, %.1f%% of the time in all", n->loop_time_ms,
						  100 * insight_time_share(p, n->total_time_ms)),
				xstrdup("rewrite the correlated subquery as a JOIN (or a LATERAL "
						"join / one GROUP BY) so it runs once"));
}

static void
memoize_misses(const plan_node *n, insight_list *l)
{
	double lookups = n->cache_hits + n->cache_misses;
	double ratio = lookups > 0 ? n->cache_hits / lookups : 1;
	char a[32], b[32];

	if (!insight_type_is(n, "Memoize") || n->cache_misses < MEMOIZE_MIN_MISSES ||
		ratio >= MEMOIZE_HIT_RATIO)
		return;
	insight_add(l, "memoize_misses", INSIGHT_LOW, n, ratio, MEMOIZE_HIT_RATIO,
				xasprintf("its cache hits only %.0f%% of lookups", 100 * ratio),
				xasprintf("%s hits, %s misses, %.0f evictions", numfmt_count(n->cache_hits, a),
						  numfmt_count(n->cache_misses, b), n->cache_evictions),
				xstrdup("the planner expected repeated keys: check the distinct-value "
						"estimate of the join key (ANALYZE), or a hash join"));
}

void
insight_rules_join(const plan *p, insight_list *l)
{
	for (size_t i = 0; i < p->n_nodes; i++) {
		const plan_node *n = p->nodes[i];

		sort_spill(n, l);
		hash_spill(n, l);
		hashagg_spill(n, l);
		temp_spill(n, l);
		nested_loop_loops(p, n, l);
		sort_limit_index(n, l);
		hash_larger_input(p, n, l);
		subplan_per_row(p, n, l);
		memoize_misses(n, l);
	}
}
