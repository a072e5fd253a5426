/*
 * render.c — the terminal picture of a plan (see render.h).
 *
 * A line per node:
 *   share of self time + bar │ share of buffers + bar │ tree + node + rows
 * Bars are ten cells drawn with Unicode eighth blocks, so 3 % and 7 % look
 * different.  Lines are built from segments (text + optional colour) so the
 * width limit counts only visible columns and never cuts an escape code.
 */
#include "plan/render.h"

#include <stdlib.h>
#include <string.h>

#include "plan/insight_internal.h"
#include "escape.h"
#include "strbuf.h"
#include "numfmt.h"

#define BAR_CELLS 10

#define C_RESET "\033[0m"
#define C_HOT "\033[1;31m"
#define C_TIME "\033[33m"
#define C_BUF "\033[36m"
#define C_DIM "\033[2m"
#define C_WARN "\033[35m"

typedef struct segment {
	const char *color;  /* NULL = default */
	char *text;
} segment;

typedef struct line {
	segment *segs;
	size_t n;
} line;

/* Add a segment; takes `text` (malloc'd).  Names and expressions come
 * from the plan the user gave: shown through the terminal escaper. */
static void
seg(line *l, const char *color, char *text)
{
	strbuf sb = STRBUF_INIT;

	escape_terminal_append(&sb, text, strlen(text), false);
	free(text);
	l->segs = xrealloc(l->segs, (l->n + 1) * sizeof *l->segs);
	l->segs[l->n].color = color;
	l->segs[l->n].text = sb.data ? strbuf_steal(&sb) : xstrdup("");
	l->n++;
}

/* Visible columns of UTF-8 text: one per code point (box drawing and
 * block characters are one column wide). */
static int
columns(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char) *s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Byte length of the first `cols` columns of s. */
static size_t
prefix_bytes(const char *s, int cols)
{
	size_t i = 0;

	while (s[i] && cols > 0) {
		i++;
		while (((unsigned char) s[i] & 0xC0) == 0x80)
			i++;
		cols--;
	}
	return i;
}

static void
emit(strbuf *sb, line *l, bool color, int width)
{
	int total = 0, used = 0, limit;

	for (size_t i = 0; i < l->n; i++)
		total += columns(l->segs[i].text);
	/* too wide: keep width - 1 columns and end with "…" */
	limit = width > 0 && total > width ? width - 1 : total;
	for (size_t i = 0; i < l->n && used < limit; i++) {
		const char *t = l->segs[i].text;
		int cols = columns(t);
		size_t bytes = cols <= limit - used ? strlen(t) : prefix_bytes(t, limit - used);

		if (bytes == 0)
			continue;
		if (color && l->segs[i].color)
			strbuf_append(sb, l->segs[i].color);
		strbuf_append_len(sb, t, bytes);
		if (color && l->segs[i].color)
			strbuf_append(sb, C_RESET);
		used += cols <= limit - used ? cols : limit - used;
	}
	if (limit < total)
		strbuf_append(sb, "…");
	/* trim trailing blanks */
	while (sb->len > 0 && sb->data[sb->len - 1] == ' ')
		sb->data[--sb->len] = '\0';
	strbuf_append_char(sb, '\n');
	for (size_t i = 0; i < l->n; i++)
		free(l->segs[i].text);
	free(l->segs);
	l->segs = NULL;
	l->n = 0;
}

/* A bar of BAR_CELLS cells for share 0..1, padded with spaces. */
static char *
bar(double share)
{
	static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	strbuf sb = STRBUF_INIT;
	int units, full, cells = 0;

	if (share < 0)
		share = 0;
	if (share > 1)
		share = 1;
	units = (int) (share * BAR_CELLS * 8 + 0.5);
	full = units / 8;
	for (int i = 0; i < full; i++, cells++)
		strbuf_append(&sb, "█");
	if (units % 8) {
		strbuf_append(&sb, eighths[units % 8]);
		cells++;
	}
	for (; cells < BAR_CELLS; cells++)
		strbuf_append_char(&sb, ' ');
	return strbuf_steal(&sb);
}

/* "1.2k" style for narrow columns. */
static char *
short_count(double v)
{
	if (v >= 1e9)
		return xasprintf("%.1fG", v / 1e9);
	if (v >= 1e6)
		return xasprintf("%.1fM", v / 1e6);
	if (v >= 1e4)
		return xasprintf("%.0fk", v / 1e3);
	if (v >= 1e3)
		return xasprintf("%.1fk", v / 1e3);
	return xasprintf("%.0f", v);
}

static char *
short_ms(double ms)
{
	if (ms >= 10000)
		return xasprintf("%.0fs", ms / 1000);
	if (ms >= 1000)
		return xasprintf("%.1fs", ms / 1000);
	if (ms >= 100)
		return xasprintf("%.0fms", ms);
	if (ms >= 10)
		return xasprintf("%.1fms", ms);
	return xasprintf("%.2fms", ms);
}

/* The tree prefix: "│  " for each open ancestor level, then "├─ "/"└─ ". */
static char *
tree_prefix(const plan_node *n)
{
	const plan_node *chain[1024];
	size_t depth = 0;
	strbuf sb = STRBUF_INIT;

	for (const plan_node *a = n; a->parent && depth < 1024; a = a->parent)
		chain[depth++] = a;
	/* chain[depth-1] is the root's child on the path, chain[0] is n */
	for (size_t i = depth; i-- > 0;) {
		const plan_node *c = chain[i];
		const plan_node *par = c->parent;
		bool last = par->children[par->n_children - 1] == c;

		if (i == 0)
			strbuf_append(&sb, last ? "└─ " : "├─ ");
		else
			strbuf_append(&sb, last ? "   " : "│  ");
	}
	return strbuf_steal(&sb);
}

typedef struct columns_shown {
	bool time, buffers, cost;
	double total_ms, total_cost;
	double total_buffers;
	const plan_node *hottest;
} columns_shown;

static void
render_node(strbuf *sb, const plan_node *n, const columns_shown *cs, bool color, int width)
{
	line l = {0};
	bool hot = n == cs->hottest && (cs->time || cs->buffers);
	const char *dim = n->never_executed ? C_DIM : NULL;
	char *label = plan_node_label(n);
	char a[32], b[32];

	if (cs->time) {
		double share = cs->total_ms > 0 ? n->exclusive_time_ms / cs->total_ms : 0;

		char *ms = short_ms(n->exclusive_time_ms);

		seg(&l, dim, xasprintf("%7s %3.0f%% ", ms, 100 * share));
		free(ms);
		seg(&l, hot ? C_HOT : C_TIME, bar(share));
		seg(&l, NULL, xstrdup(" │ "));
	}
	if (cs->buffers) {
		double bufs = (double) plan_buffers_work(&n->exclusive_buffers);
		double share = cs->total_buffers > 0 ? bufs / cs->total_buffers : 0;
		char *cnt = short_count(bufs);

		seg(&l, dim, xasprintf("%6s %3.0f%% ", cnt, 100 * share));
		free(cnt);
		seg(&l, C_BUF, bar(share));
		seg(&l, NULL, xstrdup(" │ "));
	}
	if (cs->cost) {
		double share = cs->total_cost > 0 ? n->exclusive_cost / cs->total_cost : 0;
		char *cnt = short_count(n->exclusive_cost);

		seg(&l, dim, xasprintf("%6s %3.0f%% ", cnt, 100 * share));
		free(cnt);
		seg(&l, C_TIME, bar(share));
		seg(&l, NULL, xstrdup(" │ "));
	}
	seg(&l, NULL, tree_prefix(n));
	if (n->subplan_name)
		seg(&l, C_DIM, xasprintf("[%s] ", n->subplan_name));
	seg(&l, hot ? C_HOT : dim, label);
	/* the marker before the figures, so a narrow terminal keeps it */
	if (hot)
		seg(&l, C_HOT, xstrdup("  ◀ hottest"));
	if (n->never_executed)
		seg(&l, C_DIM, xstrdup("  (never executed)"));
	else if (n->has_actual) {
		double act = n->actual_rows, est = n->plan_rows;
		double off = (act > 1 ? act : 1) / (est > 1 ? est : 1);
		bool warn = off >= 10 || off <= 0.1;

		seg(&l, warn ? C_WARN : C_DIM, xasprintf("  rows %s (est %s)", numfmt_count(act, a),
												  numfmt_count(est, b)));
		if (n->actual_loops > 1)
			seg(&l, C_DIM, xasprintf(" ×%s loops", numfmt_count(n->actual_loops, a)));
	} else
		seg(&l, C_DIM, xasprintf("  est rows %s", numfmt_count(n->plan_rows, a)));
	emit(sb, &l, color, width);
}

static void
render_tree(strbuf *sb, const plan_node *n, const columns_shown *cs, bool color, int width)
{
	render_node(sb, n, cs, color, width);
	for (size_t i = 0; i < n->n_children; i++)
		render_tree(sb, n->children[i], cs, color, width);
}

char *
plan_render(const plan *p, bool color, int width)
{
	return plan_render_flags(p, color, width, 0);
}

char *
plan_render_flags(const plan *p, bool color, int width, unsigned flags)
{
	strbuf sb = STRBUF_INIT;
	columns_shown cs = {0};
	line l = {0};
	char a[32];

	if (p == NULL || p->root == NULL)
		return xstrdup("");
	cs.time = p->has_timing && p->root->total_time_ms > 0;
	cs.buffers = p->has_buffers;
	cs.cost = !cs.time && !cs.buffers;
	if (flags & PLAN_RENDER_RAW)
		cs.time = cs.buffers = cs.cost = false;
	cs.total_ms = p->root->total_time_ms;
	cs.total_buffers = (double) plan_total_buffers(p);
	cs.total_cost = 0;
	for (size_t i = 0; i < p->n_nodes; i++)
		cs.total_cost += p->nodes[i]->exclusive_cost;
	cs.hottest = (flags & PLAN_RENDER_RAW) ? NULL : plan_hottest(p);

	/* header */
	if (cs.time)
		seg(&l, C_DIM, xasprintf("%-23s │ ", "   self time"));
	if (cs.buffers)
		seg(&l, C_DIM, xasprintf("%-22s │ ", "  self buffers"));
	if (cs.cost)
		seg(&l, C_DIM, xasprintf("%-22s │ ", "  self cost (estimate)"));
	seg(&l, C_DIM, xstrdup("node"));
	emit(&sb, &l, color, width);

	render_tree(&sb, p->root, &cs, color, width);

	/* footer: the statement's totals */
	if (p->planning_ms >= 0)
		seg(&l, NULL, xasprintf("planning %.3f ms", p->planning_ms));
	if (p->execution_ms >= 0)
		seg(&l, NULL, xasprintf("%sexecution %.3f ms", l.n ? " · " : "", p->execution_ms));
	if (p->jit_ms > 0)
		seg(&l, NULL, xasprintf("%sJIT %.3f ms", l.n ? " · " : "", p->jit_ms));
	if (p->has_buffers)
		seg(&l, NULL, xasprintf("%s%s buffers", l.n ? " · " : "",
								numfmt_count(cs.total_buffers, a)));
	if (!p->analyzed)
		seg(&l, C_DIM, xasprintf("%sestimates only (EXPLAIN without ANALYZE)", l.n ? " · " : ""));
	if (l.n)
		emit(&sb, &l, color, width);
	return strbuf_steal(&sb);
}
