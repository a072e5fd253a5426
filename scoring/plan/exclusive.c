/*
 * exclusive.c — where time and I/O really go: inclusive figures of EXPLAIN
 * ANALYZE turned into each node's own (exclusive) share.
 *
 * EXPLAIN prints, per node, the time per loop and buffers that include
 * everything the node caused below it.  A node's own share is its figure
 * minus what its consumers' figures already contain, and that depends on
 * how PostgreSQL runs the pieces (docs/plans.md has the rules and worked
 * examples):
 *   - time: "Actual Total Time" is per loop; total = time × loops.
 *   - parallel: below a Gather the per-loop time is averaged over the
 *     processes and loops counts every process, so wall time = time × loops
 *     / processes (workers launched + the leader when it took part).
 *   - regular children (Outer, Inner, Member, Subquery) and SubPlans run
 *     inside the node: subtract them from it.
 *   - an InitPlan runs when its $n parameter is first evaluated, inside
 *     whichever node evaluates it: subtract it from the highest node of the
 *     owner's subtree whose expressions mention $n (the owner by default).
 *   - a CTE ("InitPlan" named "CTE x") runs lazily inside the CTE Scans that
 *     read it: its figures are taken out of those scans (the largest first,
 *     each scan giving at most what it has), never out of the owner too —
 *     the double subtraction PEV2 #360/#696 and pgAdmin #4763 got wrong.
 *   - rounding: per-loop times have 3 decimals, so with many loops a
 *     parent can print less than its children or more; totals are
 *     reconciled within that rounding before subtracting.
 * Every result is clamped at 0.
 * Called once by plan_parse(); plan_hottest/plan_total_buffers read results.
 */
#include "plan/plan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_internal.h"
#include "strbuf.h"

/* EXPLAIN prints times to 3 decimals: a per-loop figure is off by up to
 * half of 0.001 ms. */
#define ROUNDING_MS 0.0005

/* Time plus the ten buffer counters, handled alike. */
#define NQ 11

typedef struct quantities {
	double q[NQ];
} quantities;

static void
to_quantities(const plan_node *n, quantities *out)
{
	const plan_buffers *b = &n->buffers;

	out->q[0] = n->total_time_ms;
	out->q[1] = (double) b->shared_hit;
	out->q[2] = (double) b->shared_read;
	out->q[3] = (double) b->shared_dirtied;
	out->q[4] = (double) b->shared_written;
	out->q[5] = (double) b->local_hit;
	out->q[6] = (double) b->local_read;
	out->q[7] = (double) b->local_dirtied;
	out->q[8] = (double) b->local_written;
	out->q[9] = (double) b->temp_read;
	out->q[10] = (double) b->temp_written;
}

static int64_t
clamp_blocks(double d)
{
	return d > 0 ? (int64_t) (d + 0.5) : 0;
}

static void
from_quantities(plan_node *n, const quantities *e)
{
	plan_buffers *b = &n->exclusive_buffers;

	n->exclusive_time_ms = e->q[0] > 0 ? e->q[0] : 0;
	b->shared_hit = clamp_blocks(e->q[1]);
	b->shared_read = clamp_blocks(e->q[2]);
	b->shared_dirtied = clamp_blocks(e->q[3]);
	b->shared_written = clamp_blocks(e->q[4]);
	b->local_hit = clamp_blocks(e->q[5]);
	b->local_read = clamp_blocks(e->q[6]);
	b->local_dirtied = clamp_blocks(e->q[7]);
	b->local_written = clamp_blocks(e->q[8]);
	b->temp_read = clamp_blocks(e->q[9]);
	b->temp_written = clamp_blocks(e->q[10]);
}

static bool
is_rel(const plan_node *n, const char *rel)
{
	return n->parent_relationship && strcmp(n->parent_relationship, rel) == 0;
}

static bool
is_cte_plan(const plan_node *n)
{
	return is_rel(n, "InitPlan") && n->subplan_name &&
		strncmp(n->subplan_name, "CTE ", 4) == 0;
}

static bool
is_gather(const plan_node *n)
{
	return strcmp(n->node_type, "Gather") == 0 ||
		strcmp(n->node_type, "Gather Merge") == 0;
}

/* Mark the parallel part below a Gather: processes share the loops. */
static void
mark_parallel(plan_node *n, double processes)
{
	for (size_t i = 0; i < n->n_children; i++) {
		plan_node *c = n->children[i];

		/* InitPlans of parallel nodes run in the leader only. */
		if (is_rel(c, "InitPlan"))
			continue;
		c->under_gather = true;
		c->processes = processes;
		mark_parallel(c, processes);
	}
}

static double
gather_processes(const plan_node *g)
{
	double w = g->workers_launched >= 0 ? g->workers_launched :
		(g->workers_planned > 0 ? g->workers_planned : 0);
	double p = w + 1;

	/* Without leader participation the child ran in the workers only: its
	 * loop count says how many processes ran it. */
	for (size_t i = 0; i < g->n_children; i++) {
		const plan_node *c = g->children[i];

		if (is_rel(c, "InitPlan") || is_rel(c, "SubPlan"))
			continue;
		if (c->has_actual && c->actual_loops >= 1 && c->actual_loops < p)
			p = c->actual_loops;
		break;
	}
	return p >= 1 ? p : 1;
}

/* Does `text` mention parameter `param` ("$3") as a whole token? */
static bool
mentions_param(const char *text, const char *param)
{
	size_t len = strlen(param);

	for (const char *s = strstr(text, param); s; s = strstr(s + 1, param)) {
		if (!isdigit((unsigned char) s[len]))
			return true;
	}
	return false;
}

/* Does node n's expression text use a parameter the InitPlan provides?
 * PostgreSQL ≤ 15 names them "InitPlan 1 (returns $0,$1)"; 16+ writes the
 * use as "(InitPlan 1).col1". */
static bool
uses_initplan(const plan_node *n, const plan_node *ip)
{
	const char *name = ip->subplan_name;
	const char *r;

	if (name == NULL || n->expressions == NULL || !n->expressions[0])
		return false;
	r = strstr(name, "returns ");
	if (r) {
		const char *s = r + 8;

		while (*s == '$') {
			char param[32];
			size_t k = 1;

			param[0] = '$';
			s++;
			while (isdigit((unsigned char) *s) && k < sizeof param - 1)
				param[k++] = *s++;
			param[k] = '\0';
			if (k > 1 && mentions_param(n->expressions, param))
				return true;
			while (*s == ',' || *s == ' ')
				s++;
		}
		return false;
	} else {
		const char *paren = strchr(name, ' ');
		char *needle;
		bool found;

		/* "InitPlan 1" -> "(InitPlan 1)" */
		if (paren && (paren = strchr(paren + 1, ' ')) != NULL)
			needle = xasprintf("(%.*s)", (int) (paren - name), name);
		else
			needle = xasprintf("(%s)", name);
		found = strstr(n->expressions, needle) != NULL;
		free(needle);
		return found;
	}
}

/* Is `n` inside the subtree rooted at `top`?  (Pre-order numbering makes
 * every subtree a contiguous range of ids.) */
static bool
within(const plan_node *n, const plan_node *top)
{
	return n->id >= top->id && n->id <= top->last_id;
}

/* The node that evaluates InitPlan `ip` first: the highest (then first)
 * node of its owner's subtree, outside ip itself, that uses its output. */
static plan_node *
initplan_consumer(const plan *p, plan_node *ip)
{
	plan_node *owner = ip->parent;
	plan_node *best = NULL;

	for (size_t i = (size_t) owner->id - 1; i < p->n_nodes; i++) {
		plan_node *n = p->nodes[i];

		if (!within(n, owner))
			break;              /* pre-order: the subtree is contiguous */
		if (within(n, ip))
			continue;
		if (uses_initplan(n, ip) && (best == NULL || n->depth < best->depth))
			best = n;
	}
	return best ? best : owner;
}

static int
by_time_desc(const void *a, const void *b)
{
	const plan_node *x = *(plan_node *const *) a;
	const plan_node *y = *(plan_node *const *) b;

	if (x->total_time_ms != y->total_time_ms)
		return x->total_time_ms < y->total_time_ms ? 1 : -1;
	return x->id - y->id;
}

/* Charge CTE `cte` to the CTE Scans that read it (the largest first). */
static void
charge_cte(const plan *p, plan_node *cte, quantities *deduct)
{
	plan_node *owner = cte->parent;
	const char *name = cte->subplan_name + 4;
	plan_node **scans = xcalloc(p->n_nodes, sizeof *scans);
	size_t ns = 0;
	quantities left;

	for (size_t i = (size_t) owner->id - 1; i < p->n_nodes; i++) {
		plan_node *n = p->nodes[i];

		if (!within(n, owner))
			break;
		if (!within(n, cte) && n->cte_name && strcmp(n->cte_name, name) == 0)
			scans[ns++] = n;
	}
	to_quantities(cte, &left);
	qsort(scans, ns, sizeof *scans, by_time_desc);
	for (size_t k = 0; k < NQ; k++) {
		for (size_t i = 0; i < ns && left.q[k] > 0; i++) {
			quantities has;
			double room, take;

			to_quantities(scans[i], &has);
			room = has.q[k] - deduct[scans[i]->id - 1].q[k];
			take = room < left.q[k] ? room : left.q[k];
			if (take <= 0)
				continue;
			deduct[scans[i]->id - 1].q[k] += take;
			left.q[k] -= take;
		}
		/* Not read by any scan (or rounding left some): the owner. */
		if (left.q[k] > 0)
			deduct[owner->id - 1].q[k] += left.q[k];
	}
	free(scans);
}

void
plan_compute_exclusive(plan *p)
{
	quantities *deduct = xcalloc(p->n_nodes, sizeof *deduct);

	/* Parallel sections first: they change what a node's total means. */
	for (size_t i = 0; i < p->n_nodes; i++) {
		plan_node *n = p->nodes[i];

		if (is_gather(n) && !n->under_gather) {
			double procs = gather_processes(n);

			if (n->workers_planned > 0 || n->workers_launched > 0)
				p->has_parallel = true;
			mark_parallel(n, procs);
		}
	}
	for (size_t i = 0; i < p->n_nodes; i++) {
		plan_node *n = p->nodes[i];

		n->total_time_ms = n->loop_time_ms * n->actual_loops / n->processes;
	}
	/* Per-loop times are printed to 3 decimals: a Memoize hit 400,000 times
	 * prints 0.000 ms per loop although its child took 40 ms.  A node's
	 * total is at least what the children that run inside it took, so
	 * raise it to that (bottom-up, children first). */
	for (size_t i = p->n_nodes; i-- > 0;) {
		plan_node *n = p->nodes[i];
		double floor_ms = 0;

		if (n->never_executed)
			continue;
		for (size_t c = 0; c < n->n_children; c++)
			if (!is_rel(n->children[c], "InitPlan"))
				floor_ms += n->children[c]->total_time_ms;
		if (n->total_time_ms < floor_ms && n->actual_loops > 1)
			n->total_time_ms = floor_ms;
	}
	/* The other way round: children with many loops can add up to more
	 * than their parent (0.002 ms × 499 loops = 0.998 ms under a parent
	 * of 0.951 ms; the true per-loop time was anywhere in [0.0015,
	 * 0.0025)).  When the excess is within the children's rounding
	 * (half a unit of the last digit × loops), lower them to fit, each in
	 * proportion to its uncertainty.  Top-down, so a lowered node's own
	 * children are checked against its new total. */
	for (size_t i = 0; i < p->n_nodes; i++) {
		plan_node *n = p->nodes[i];
		double sum = 0, slack = 0, excess;

		for (size_t c = 0; c < n->n_children; c++) {
			const plan_node *ch = n->children[c];

			if (is_rel(ch, "InitPlan"))
				continue;
			sum += ch->total_time_ms;
			slack += ROUNDING_MS * ch->actual_loops / ch->processes;
		}
		excess = sum - n->total_time_ms;
		if (excess <= 0 || n->total_time_ms <= 0 || excess > slack)
			continue;
		for (size_t c = 0; c < n->n_children; c++) {
			plan_node *ch = n->children[c];

			if (is_rel(ch, "InitPlan"))
				continue;
			ch->total_time_ms -= excess * (ROUNDING_MS * ch->actual_loops / ch->processes) / slack;
			if (ch->total_time_ms < 0)
				ch->total_time_ms = 0;
		}
	}
	for (size_t i = 0; i < p->n_nodes; i++) {
		plan_node *n = p->nodes[i];
		double child_cost = 0;

		for (size_t c = 0; c < n->n_children; c++) {
			plan_node *ch = n->children[c];
			quantities q;
			plan_node *target = n;

			if (!is_rel(ch, "InitPlan"))
				child_cost += ch->total_cost;
			if (is_cte_plan(ch)) {
				charge_cte(p, ch, deduct);
				continue;
			}
			if (is_rel(ch, "InitPlan"))
				target = initplan_consumer(p, ch);
			to_quantities(ch, &q);
			for (size_t k = 0; k < NQ; k++)
				deduct[target->id - 1].q[k] += q.q[k];
		}
		n->exclusive_cost = n->total_cost > child_cost ? n->total_cost - child_cost : 0;
	}
	for (size_t i = 0; i < p->n_nodes; i++) {
		plan_node *n = p->nodes[i];
		quantities q;

		to_quantities(n, &q);
		for (size_t k = 0; k < NQ; k++)
			q.q[k] -= deduct[i].q[k];
		from_quantities(n, &q);
	}
	free(deduct);
}

int64_t
plan_buffers_work(const plan_buffers *b)
{
	return b->shared_hit + b->shared_read + b->local_hit + b->local_read +
		b->temp_read + b->temp_written;
}

int64_t
plan_total_buffers(const plan *p)
{
	if (p == NULL || p->root == NULL)
		return 0;
	return plan_buffers_work(&p->root->buffers);
}

const plan_node *
plan_hottest(const plan *p)
{
	const plan_node *best = NULL;

	if (p == NULL || p->n_nodes == 0)
		return NULL;
	for (size_t i = 0; i < p->n_nodes; i++) {
		const plan_node *n = p->nodes[i];

		if (best == NULL)
			best = n;
		else if (p->has_timing) {
			if (n->exclusive_time_ms > best->exclusive_time_ms)
				best = n;
		} else if (p->has_buffers) {
			if (plan_buffers_work(&n->exclusive_buffers) >
				plan_buffers_work(&best->exclusive_buffers))
				best = n;
		} else if (n->exclusive_cost > best->exclusive_cost)
			best = n;
	}
	return best;
}

double
plan_node_rows_total(const plan_node *n)
{
	return n->has_actual ? n->actual_rows * n->actual_loops : 0;
}

double
plan_node_plan_rows_total(const plan_node *n)
{
	return n->has_actual && n->actual_loops > 1 ? n->plan_rows * n->actual_loops :
		n->plan_rows;
}
