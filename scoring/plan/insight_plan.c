/*
 * insight_plan.c — rules about the statement as a whole: the hottest node,
 * row misestimates (reported where they start), parallel workers that did
 * not start, JIT time, planning time.  Thresholds: docs/plans.md.
 * Called by plan_insights() (insight.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan/insight_internal.h"
#include "strbuf.h"
#include "numfmt.h"

#define SHARE_LOW 0.1           /* PEV2's bands for exclusive time */
#define SHARE_MEDIUM 0.4
#define SHARE_HIGH 0.9
#define MISESTIMATE_LOW 10.0    /* PEV2's bands for misestimates */
#define MISESTIMATE_MEDIUM 100.0
#define MISESTIMATE_HIGH 1000.0
#define JIT_SHARE 0.1
#define JIT_SHARE_HIGH 0.5
#define JIT_MIN_MS 1.0
#define PLANNING_MIN_MS 10.0
#define PLANNING_HIGH_MS 100.0

/* What to look at when a node of this type is the hottest. */
static const char *
hottest_advice(const plan_node *n)
{
	static const struct {
		const char *type, *advice;
	} table[] = {
		{"Seq Scan", "read fewer rows: an index that matches the WHERE clause, or a narrower query"},
		{"Sort", "an index that returns rows already in order, or sort fewer rows"},
		{"Incremental Sort", "an index that covers the whole sort key"},
		{"Hash", "hash the smaller input, fewer rows or columns"},
		{"Hash Join", "join fewer rows: filter earlier, or an index for a nested loop if few rows match"},
		{"Merge Join", "join fewer rows: filter earlier"},
		{"Nested Loop", "fewer outer rows, or a hash join when both sides are large"},
		{"Aggregate", "aggregate fewer rows: filter before grouping, or pre-aggregate"},
		{"Index Scan", "check how many rows the index returns and whether its filter removes most"},
		{"Bitmap Heap Scan", "a more selective index, or fewer heap pages (CLUSTER, covering index)"},
		{"CTE Scan", "see the CTE it reads: inline it (no MATERIALIZED) or filter inside it"},
		{"Index Only Scan", "fewer index entries: a more selective condition or a partial index"},
		{"Bitmap Index Scan", "a more selective index condition"},
		{"Memoize", "check the cache hit ratio; a hash join may read the inner side once"},
		{"Materialize", "the inner side is rescanned: fewer outer rows or a hash join"},
	};

	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(n->node_type, table[i].type) == 0)
			return table[i].advice;
	return "this node is where the time goes: see the other findings for why";
}

static void
hottest_node(const plan *p, insight_list *l)
{
	const plan_node *h = plan_hottest(p);
	double share;
	int64_t total = plan_total_buffers(p);
	insight_severity sev;
	char a[32], b[32];

	if (h == NULL || !p->analyzed)
		return;
	if (p->has_timing && p->root->total_time_ms > 0)
		share = insight_time_share(p, h->exclusive_time_ms);
	else if (p->has_buffers && total > 0)
		share = (double) plan_buffers_work(&h->exclusive_buffers) / (double) total;
	else
		return;
	sev = share > SHARE_HIGH ? INSIGHT_HIGH : share > SHARE_MEDIUM ? INSIGHT_MEDIUM :
		share > SHARE_LOW ? INSIGHT_LOW : INSIGHT_INFO;
	insight_add(l, "hottest_node", sev, h, share,
				share > SHARE_HIGH ? SHARE_HIGH : share > SHARE_MEDIUM ? SHARE_MEDIUM : SHARE_LOW,
				xasprintf("the hottest node: %.1f%% of the %s", 100 * share,
						  p->has_timing ? "execution time" : "buffers"),
				p->has_timing ?
				xasprintf("%.3f ms of %.3f ms on its own; %s of %s buffers",
						  h->exclusive_time_ms, p->root->total_time_ms,
						  numfmt_count((double) plan_buffers_work(&h->exclusive_buffers), a),
						  numfmt_count((double) total, b)) :
				xasprintf("%s of %s buffers on its own",
						  numfmt_count((double) plan_buffers_work(&h->exclusive_buffers), a),
						  numfmt_count((double) total, b)),
				xstrdup(hottest_advice(h)));
}

/* How far off the estimate is: > 1, signed by direction (+ under, - over). */
static double
misestimate(const plan_node *n)
{
	double a = n->actual_rows > 1 ? n->actual_rows : 1;
	double e = n->plan_rows > 1 ? n->plan_rows : 1;

	if (!n->has_actual || n->never_executed)
		return 1;
	return a >= e ? a / e : -(e / a);
}

static void
row_misestimate(const plan *p, const plan_node *n, insight_list *l)
{
	double m = misestimate(n), f = fabs(m);
	char a[32], b[32];

	if (f < MISESTIMATE_LOW)
		return;
	/* A node its consumer stopped early (a LIMIT, a join whose other side
	 * was empty) returns fewer rows than estimated: not a misestimate. */
	if (m < 0 && insight_stopped_early(p, n))
		return;
	/* Report where the error starts, not every node it flows into. */
	for (size_t i = 0; i < n->n_children; i++) {
		const plan_node *c = n->children[i];
		double cm = misestimate(c);

		if (insight_rel_is(c, "InitPlan") || insight_rel_is(c, "SubPlan"))
			continue;
		if (fabs(cm) >= MISESTIMATE_LOW && (cm > 0) == (m > 0))
			return;
	}
	insight_add(l, "row_misestimate",
				f >= MISESTIMATE_HIGH ? INSIGHT_HIGH :
				f >= MISESTIMATE_MEDIUM ? INSIGHT_MEDIUM : INSIGHT_LOW,
				n, f,
				f >= MISESTIMATE_HIGH ? MISESTIMATE_HIGH :
				f >= MISESTIMATE_MEDIUM ? MISESTIMATE_MEDIUM : MISESTIMATE_LOW,
				xasprintf("the planner %s the rows %.0fx",
						  m > 0 ? "underestimated" : "overestimated", f),
				n->actual_loops == 1
				? xasprintf("estimated %s rows, got %s", numfmt_count(n->plan_rows, a),
							numfmt_count(n->actual_rows, b))
				: xasprintf("estimated %s rows, got %s (per loop, %.0f loops)",
							numfmt_count(n->plan_rows, a), numfmt_count(n->actual_rows, b),
							n->actual_loops),
				xstrdup(m > 0 ?
						"ANALYZE the tables; for correlated columns CREATE STATISTICS "
						"(dependencies, mcv); a wrong estimate picks the wrong join and scan" :
						"ANALYZE the tables; for correlated columns CREATE STATISTICS; "
						"check conditions the planner cannot estimate (functions, casts)"));
}

static void
workers_not_launched(const plan_node *n, insight_list *l)
{
	if ((strcmp(n->node_type, "Gather") != 0 && strcmp(n->node_type, "Gather Merge") != 0) ||
		n->workers_planned <= 0 || n->workers_launched < 0 ||
		n->workers_launched >= n->workers_planned)
		return;
	insight_add(l, "workers_not_launched",
				n->workers_launched == 0 ? INSIGHT_HIGH : INSIGHT_MEDIUM, n,
				n->workers_launched, n->workers_planned,
				xasprintf("%d of %d planned parallel workers started",
						  n->workers_launched, n->workers_planned),
				xasprintf("Workers Planned: %d, Workers Launched: %d", n->workers_planned,
						  n->workers_launched),
				xstrdup("the server ran out of worker processes: raise "
						"max_parallel_workers / max_worker_processes, or run fewer "
						"parallel queries at once"));
}

static void
jit_time(const plan *p, insight_list *l)
{
	double share;

	if (p->jit_ms < JIT_MIN_MS || p->execution_ms <= 0)
		return;
	share = p->jit_ms / p->execution_ms;
	if (share < JIT_SHARE)
		return;
	insight_add(l, "jit_time", share >= JIT_SHARE_HIGH ? INSIGHT_HIGH : INSIGHT_MEDIUM,
				NULL, share, JIT_SHARE,
				xasprintf("JIT compilation takes %.0f%% of the execution time", 100 * share),
				xasprintf("%.3f ms compiling %d functions; execution %.3f ms",
						  p->jit_ms, p->jit_functions, p->execution_ms),
				xstrdup("the cost estimate crossed jit_above_cost but the query is "
						"short: fix the estimate, raise jit_above_cost, or SET jit = off"));
}

static void
planning_time(const plan *p, insight_list *l)
{
	if (p->planning_ms < PLANNING_MIN_MS || p->execution_ms < 0 ||
		p->planning_ms <= p->execution_ms)
		return;
	insight_add(l, "planning_time",
				p->planning_ms >= PLANNING_HIGH_MS ? INSIGHT_MEDIUM : INSIGHT_LOW, NULL,
				p->planning_ms, PLANNING_MIN_MS,
				xasprintf("planning (%.3f ms) takes longer than execution (%.3f ms)",
						  p->planning_ms, p->execution_ms),
				xasprintf("Planning Time: %.3f ms, Execution Time: %.3f ms", p->planning_ms,
						  p->execution_ms),
				xstrdup("a prepared statement plans once; fewer joins or partitions "
						"to consider also plan faster"));
}

void
insight_rules_plan(const plan *p, insight_list *l)
{
	hottest_node(p, l);
	for (size_t i = 0; i < p->n_nodes; i++) {
		row_misestimate(p, p->nodes[i], l);
		workers_not_launched(p->nodes[i], l);
	}
	jit_time(p, l);
	planning_time(p, l);
}
