/*
 * diff.c — compare two parsed plans (see diff.h).
 *
 * Each aspect is reduced to a short description per plan (for a relation:
 * "Index Scan using orders_customer_idx"; for joins: "2 Hash Join") and
 * the descriptions are compared; figures are compared as ratios with the
 * thresholds in diff.h.  No judgement of which plan is better beyond the
 * figures: check decides the grade.
 */
#include "plan/diff.h"

#include <stdlib.h>
#include <string.h>

#include "plan/insight_internal.h"
#include "escape.h"
#include "strbuf.h"
#include "numfmt.h"

#define BUFFERS_RATIO 1.2
#define ROWS_RATIO 2.0
#define TIME_RATIO 1.5

typedef struct strlist {
	char **items;
	size_t n;
} strlist;

static void
strlist_add(strlist *l, char *s)
{
	l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
	l->items[l->n++] = s;
}

static void
strlist_free(strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The items sorted and grouped: "2 Hash Join + 1 Nested Loop". */
static char *
strlist_describe(strlist *l, bool counts)
{
	strbuf sb = STRBUF_INIT;

	if (l->n > 1)
		qsort(l->items, l->n, sizeof *l->items, cmp_str);
	for (size_t i = 0; i < l->n;) {
		size_t j = i;

		while (j < l->n && strcmp(l->items[j], l->items[i]) == 0)
			j++;
		if (sb.len)
			strbuf_append(&sb, " + ");
		if (counts || j - i > 1)
			strbuf_printf(&sb, "%zu %s", j - i, l->items[i]);
		else
			strbuf_append(&sb, l->items[i]);
		i = j;
	}
	if (sb.len == 0)
		strbuf_append(&sb, "none");
	return strbuf_steal(&sb);
}

static void
add(plan_diff *d, plan_diff_kind kind, const char *subject, char *left, char *right,
	double lv, double rv, char *text)
{
	plan_difference *x;

	d->items = xrealloc(d->items, (d->n + 1) * sizeof *d->items);
	x = &d->items[d->n++];
	x->kind = kind;
	x->subject = subject ? xstrdup(subject) : NULL;
	x->left = left;
	x->right = right;
	x->left_value = lv;
	x->right_value = rv;
	x->text = text;
}

static bool
is_scan(const plan_node *n)
{
	return n->relation != NULL && strcmp(n->node_type, "Bitmap Index Scan") != 0;
}

/* Does plan p read through the index `name`? */
static bool
plan_uses_index(const plan *p, const char *name)
{
	for (size_t i = 0; p && i < p->n_nodes; i++)
		if (p->nodes[i]->index_name && strcmp(p->nodes[i]->index_name, name) == 0)
			return true;
	return false;
}

/* An index name as shown: "its own index" for one of the second plan's
 * that the first does not use when `hide` (the reference's own indexes
 * are what an index drill asks the learner to design). */
static const char *
shown_index(const char *name, const plan *hide)
{
	return hide && !plan_uses_index(hide, name) ? "an index of its own" : name;
}

/* How a scan node reads its relation; index names the plan `hide` does
 * not use are not named (shown_index). */
static char *
access_method(const plan_node *n, const plan *hide)
{
	strbuf sb = STRBUF_INIT;
	const char *type = n->node_type;

	strbuf_append(&sb, type);
	if (n->index_name)
		strbuf_printf(&sb, " using %s", shown_index(n->index_name, hide));
	else if (strcmp(type, "Bitmap Heap Scan") == 0) {
		/* the indexes are in the Bitmap Index Scans below (BitmapAnd/Or) */
		bool first = true;
		const plan_node *stack[64];
		size_t sp = 0;

		for (size_t i = 0; i < n->n_children && sp < 64; i++)
			stack[sp++] = n->children[i];
		while (sp > 0) {
			const plan_node *c = stack[--sp];

			if (c->index_name) {
				strbuf_printf(&sb, "%s%s", first ? " using " : ", ",
							  shown_index(c->index_name, hide));
				first = false;
			}
			for (size_t i = 0; i < c->n_children && sp < 64; i++)
				stack[sp++] = c->children[i];
		}
	}
	return strbuf_steal(&sb);
}

/* The relations of a plan in tree order, without repeats. */
static void
relations(const plan *p, strlist *out)
{
	for (size_t i = 0; p && i < p->n_nodes; i++) {
		const plan_node *n = p->nodes[i];
		bool seen = false;

		if (!is_scan(n))
			continue;
		for (size_t k = 0; k < out->n; k++)
			if (strcmp(out->items[k], n->relation) == 0)
				seen = true;
		if (!seen)
			strlist_add(out, xstrdup(n->relation));
	}
}

static char *
describe_access(const plan *p, const char *rel, const plan *hide)
{
	strlist methods = {0};
	char *s;

	for (size_t i = 0; p && i < p->n_nodes; i++) {
		const plan_node *n = p->nodes[i];

		if (is_scan(n) && strcmp(n->relation, rel) == 0)
			strlist_add(&methods, access_method(n, hide));
	}
	if (methods.n == 0)
		s = xstrdup("does not read it");
	else
		s = strlist_describe(&methods, false);
	strlist_free(&methods);
	return s;
}

static void
diff_access(plan_diff *d, const plan *a, const plan *b, const char *an, const char *bn,
			bool hide_b_indexes)
{
	strlist rels = {0}, rb = {0};

	relations(a, &rels);
	relations(b, &rb);
	for (size_t i = 0; i < rb.n; i++) {
		bool seen = false;

		for (size_t k = 0; k < rels.n; k++)
			if (strcmp(rels.items[k], rb.items[i]) == 0)
				seen = true;
		if (!seen)
			strlist_add(&rels, xstrdup(rb.items[i]));
	}
	for (size_t i = 0; i < rels.n; i++) {
		char *l = describe_access(a, rels.items[i], NULL);
		char *r = describe_access(b, rels.items[i], hide_b_indexes ? a : NULL);

		if (strcmp(l, r) == 0) {
			free(l);
			free(r);
			continue;
		}
		add(d, PLAN_DIFF_ACCESS_PATH, rels.items[i], l, r, 0, 0,
			xasprintf("%s: %s %s%s, %s %s%s", rels.items[i], an,
					  strcmp(l, "does not read it") == 0 ? "" : "uses ", l, bn,
					  strcmp(r, "does not read it") == 0 ? "" : "uses ", r));
	}
	strlist_free(&rels);
	strlist_free(&rb);
}

static bool
is_join(const plan_node *n)
{
	return strcmp(n->node_type, "Nested Loop") == 0 ||
		strcmp(n->node_type, "Hash Join") == 0 || strcmp(n->node_type, "Merge Join") == 0;
}

static char *
describe_joins(const plan *p)
{
	strlist joins = {0};
	char *s;

	for (size_t i = 0; p && i < p->n_nodes; i++)
		if (is_join(p->nodes[i]))
			strlist_add(&joins, xstrdup(p->nodes[i]->node_type));
	s = strlist_describe(&joins, true);
	strlist_free(&joins);
	return s;
}

/* "orders -> customers -> items": scans in tree order (aliases kept
 * apart, so a self-join reads "orders o1 -> orders o2"). */
static char *
join_order(const plan *p, size_t *count)
{
	strbuf sb = STRBUF_INIT;

	*count = 0;
	for (size_t i = 0; p && i < p->n_nodes; i++) {
		const plan_node *n = p->nodes[i];

		if (!is_scan(n))
			continue;
		if (sb.len)
			strbuf_append(&sb, " -> ");
		strbuf_append(&sb, n->relation);
		if (n->alias && strcmp(n->alias, n->relation) != 0)
			strbuf_printf(&sb, " %s", n->alias);
		(*count)++;
	}
	return strbuf_steal(&sb);
}

/* The same multiset of relations? */
static bool
same_relations(const plan *a, const plan *b)
{
	strlist la = {0}, lb = {0};
	bool same;

	for (size_t i = 0; a && i < a->n_nodes; i++)
		if (is_scan(a->nodes[i]))
			strlist_add(&la, xstrdup(a->nodes[i]->relation));
	for (size_t i = 0; b && i < b->n_nodes; i++)
		if (is_scan(b->nodes[i]))
			strlist_add(&lb, xstrdup(b->nodes[i]->relation));
	same = la.n == lb.n;
	if (same && la.n > 1) {
		qsort(la.items, la.n, sizeof *la.items, cmp_str);
		qsort(lb.items, lb.n, sizeof *lb.items, cmp_str);
		for (size_t i = 0; i < la.n && same; i++)
			same = strcmp(la.items[i], lb.items[i]) == 0;
	}
	strlist_free(&la);
	strlist_free(&lb);
	return same;
}

static void
diff_joins(plan_diff *d, const plan *a, const plan *b, const char *an, const char *bn)
{
	char *l = describe_joins(a), *r = describe_joins(b);
	size_t ca, cb;

	if (strcmp(l, r) != 0)
		add(d, PLAN_DIFF_JOIN_METHOD, NULL, l, r, 0, 0,
			xasprintf("joins: %s uses %s, %s uses %s", an, l, bn, r));
	else {
		free(l);
		free(r);
	}
	l = join_order(a, &ca);
	r = join_order(b, &cb);
	if (ca >= 2 && ca == cb && strcmp(l, r) != 0 && same_relations(a, b))
		add(d, PLAN_DIFF_JOIN_ORDER, NULL, l, r, 0, 0,
			xasprintf("join order: %s reads %s, %s reads %s", an, l, bn, r));
	else {
		free(l);
		free(r);
	}
}

/* What spills in a plan ("Sort (external merge, 13,120 kB)"), or NULL. */
static char *
describe_spill(const plan *p, double *temp_blocks)
{
	strlist what = {0};
	char *s;
	char a[32];

	*temp_blocks = 0;
	for (size_t i = 0; p && i < p->n_nodes; i++) {
		const plan_node *n = p->nodes[i];

		*temp_blocks += (double) n->exclusive_buffers.temp_written;
		if (n->sort_space_type && strcmp(n->sort_space_type, "Disk") == 0)
			strlist_add(&what, xasprintf("Sort (%s kB on disk)", numfmt_count(n->sort_space_kb, a)));
		else if (strcmp(n->node_type, "Hash") == 0 && n->hash_batches > 1)
			strlist_add(&what, xasprintf("Hash (%.0f batches)", n->hash_batches));
		else if (strcmp(n->node_type, "Aggregate") == 0 && n->disk_usage_kb > 0)
			strlist_add(&what, xasprintf("HashAggregate (%s kB on disk)",
										 numfmt_count(n->disk_usage_kb, a)));
	}
	if (what.n == 0 && *temp_blocks > 0)
		strlist_add(&what, xasprintf("temporary files (%s blocks)", numfmt_count(*temp_blocks, a)));
	s = what.n ? strlist_describe(&what, false) : NULL;
	strlist_free(&what);
	return s;
}

static void
diff_spill(plan_diff *d, const plan *a, const plan *b, const char *an, const char *bn)
{
	double ta, tb;
	char *l = describe_spill(a, &ta), *r = describe_spill(b, &tb);

	if ((l == NULL) != (r == NULL)) {
		add(d, PLAN_DIFF_SPILL, NULL, l ? l : xstrdup("no spill"), r ? r : xstrdup("no spill"),
			ta, tb,
			xasprintf("spills: %s %s%s, %s %s%s", an, l ? "spills to disk: " : "does not spill",
					  l ? l : "", bn, r ? "spills to disk: " : "does not spill", r ? r : ""));
		return;
	}
	free(l);
	free(r);
}

static double
ratio(double x, double y)
{
	if (x <= 0 && y <= 0)
		return 1;
	if (x <= 0 || y <= 0)
		return 1e9;
	return x > y ? x / y : y / x;
}

static double
rows_read(const plan *p)
{
	double rows = 0;

	for (size_t i = 0; p && i < p->n_nodes; i++)
		if (is_scan(p->nodes[i]))
			rows += insight_rows_read(p->nodes[i]) +
				p->nodes[i]->rows_removed_by_recheck * p->nodes[i]->actual_loops;
	return rows;
}

/* plan_node_label(n), its index unnamed as shown_index() decides. */
static char *
label_shown(const plan_node *n, const plan *hide)
{
	char *label = plan_node_label(n);
	const char *shown, *at;
	char *out;

	if (n->index_name == NULL || (shown = shown_index(n->index_name, hide)) == n->index_name ||
		(at = strstr(label, n->index_name)) == NULL)
		return label;
	out = xasprintf("%.*s%s%s", (int) (at - label), label, shown, at + strlen(n->index_name));
	free(label);
	return out;
}

static void
diff_figures(plan_diff *d, const plan *a, const plan *b, const char *an, const char *bn,
			 bool hide_b_indexes)
{
	char x[32], y[32];

	if (a && b && a->has_buffers && b->has_buffers) {
		double ba = (double) plan_total_buffers(a), bb = (double) plan_total_buffers(b);
		double r = ratio(ba, bb);

		if (r >= BUFFERS_RATIO)
			add(d, PLAN_DIFF_BUFFERS, NULL, xasprintf("%.0f buffers", ba),
				xasprintf("%.0f buffers", bb), ba, bb,
				xasprintf("work: %s touches %s buffers, %s %s (%.1fx %s)", an,
						  numfmt_count(ba, x), bn, numfmt_count(bb, y),
						  r >= 1e9 ? 0 : r, ba > bb ? "more" : "fewer"));
	}
	if (a && b && a->analyzed && b->analyzed) {
		double ra = rows_read(a), rb = rows_read(b), r = ratio(ra, rb);

		if (r >= ROWS_RATIO)
			add(d, PLAN_DIFF_ROWS, NULL, xasprintf("%.0f rows read", ra),
				xasprintf("%.0f rows read", rb), ra, rb,
				xasprintf("rows read from tables: %s %s, %s %s", an, numfmt_count(ra, x),
						  bn, numfmt_count(rb, y)));
	}
	if (a && b && a->has_timing && b->has_timing) {
		const plan_node *ha = plan_hottest(a), *hb = plan_hottest(b);
		char *la = plan_node_label(ha), *lb = label_shown(hb, hide_b_indexes ? a : NULL);

		if (strcmp(la, lb) != 0)
			add(d, PLAN_DIFF_HOTTEST, NULL, la, lb,
				insight_time_share(a, ha->exclusive_time_ms),
				insight_time_share(b, hb->exclusive_time_ms),
				xasprintf("hottest node: %s %s (%.0f%% of its time), %s %s (%.0f%%)", an, la,
						  100 * insight_time_share(a, ha->exclusive_time_ms), bn, lb,
						  100 * insight_time_share(b, hb->exclusive_time_ms)));
		else {
			free(la);
			free(lb);
		}
	}
	if (a && b && a->execution_ms > 0 && b->execution_ms > 0 &&
		ratio(a->execution_ms, b->execution_ms) >= TIME_RATIO)
		add(d, PLAN_DIFF_TIME, NULL, xasprintf("%.3f ms", a->execution_ms),
			xasprintf("%.3f ms", b->execution_ms), a->execution_ms, b->execution_ms,
			xasprintf("time (one run, with timing overhead): %s %.1f ms, %s %.1f ms", an,
					  a->execution_ms, bn, b->execution_ms));
}

static plan_diff *
diff_compute(const plan *a, const plan *b, const char *a_name, const char *b_name,
			 bool hide_b_indexes)
{
	plan_diff *d = xcalloc(1, sizeof *d);
	const char *an = a_name ? a_name : "the first plan";
	const char *bn = b_name ? b_name : "the second plan";

	diff_access(d, a, b, an, bn, hide_b_indexes);
	diff_joins(d, a, b, an, bn);
	diff_spill(d, a, b, an, bn);
	diff_figures(d, a, b, an, bn, hide_b_indexes);
	return d;
}

plan_diff *
plan_diff_compute(const plan *a, const plan *b, const char *a_name, const char *b_name)
{
	return diff_compute(a, b, a_name, b_name, false);
}

plan_diff *
plan_diff_against_reference(const plan *answer, const plan *reference,
							bool hide_reference_indexes)
{
	return diff_compute(answer, reference, "your answer", "the reference",
						hide_reference_indexes);
}

void
plan_diff_free(plan_diff *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].subject);
		free(d->items[i].left);
		free(d->items[i].right);
		free(d->items[i].text);
	}
	free(d->items);
	free(d);
}

char *
plan_diff_text(const plan_diff *d, size_t max_lines)
{
	strbuf sb = STRBUF_INIT;
	size_t shown;

	if (d == NULL || d->n == 0)
		return xstrdup("The plans read the same relations the same way and do about "
					   "the same work.\n");
	shown = max_lines && max_lines < d->n ? max_lines : d->n;
	for (size_t i = 0; i < shown; i++) {
		/* the text quotes relation and index names: escaped (escape.h) */
		escape_terminal_append(&sb, d->items[i].text, strlen(d->items[i].text), false);
		strbuf_append_char(&sb, '\n');
	}
	if (shown < d->n)
		strbuf_printf(&sb, "(%zu more difference%s)\n", d->n - shown,
					  d->n - shown == 1 ? "" : "s");
	return strbuf_steal(&sb);
}

const char *
plan_diff_kind_name(plan_diff_kind k)
{
	static const char *const names[] = {
		"access_path", "join_method", "join_order", "spill", "buffers", "rows",
		"hottest", "time"
	};

	return (unsigned) k < sizeof names / sizeof names[0] ? names[k] : "unknown";
}
