/*
 * parse_text.c — EXPLAIN text format (what psql prints by default) into the
 * same plan model as the JSON reader, so the picture, the insights and
 * `--against` work alike on both.
 *
 * The text format is a tree drawn with indentation: a node's header line,
 * its "Key: value" properties two columns deeper, its children as "->  "
 * lines at that same depth, InitPlans / SubPlans / CTEs introduced by a
 * label line ("InitPlan 1 (returns $0)", "SubPlan 2", "CTE x"), per-worker
 * blocks ("Worker 0:  ...") and, after the tree, statement lines at the
 * root's column (Planning Time, JIT, Triggers, Settings, Execution Time).
 * This file decides which node each line belongs to (a stack of the open
 * nodes and their columns), numbers nodes in pre-order exactly as the JSON
 * "Plans" arrays list them, and reads the statement lines; text_node.c reads
 * a node's own lines.  psql's decorations are accepted: the "QUERY PLAN"
 * header and its rule, the "(N rows)" footer, one leading space, trailing
 * padding, '+' continuation marks.  Malformed input gets an error with its
 * line, column and what was expected.  Pure: no I/O.  Called by
 * plan_parse() when the input does not start with JSON.
 */
#include "plan/plan_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"

/* Deeper trees are refused: the consumers of a plan (insights, picture,
 * diff) recurse per level, and the JSON reader stops at ~500 levels too. */
#define TEXT_MAX_DEPTH 500

typedef struct frame {
	plan_node *n;
	int col;                  /* column of the node's name */
	int kids;                 /* unlabelled children so far */
	const char *label;        /* pending InitPlan/SubPlan/CTE label or NULL */
	size_t label_len;
	int label_col;
	strbuf expr;              /* becomes n->expressions when popped */
} frame;

typedef struct text_state {
	plan *p;
	plan_node **all;          /* every node, pre-order */
	size_t n_all, cap_all;
	frame *stack;
	size_t depth, cap;
	int root_col;             /* -1 before the root */
	int skip_col;             /* skip lines deeper than this, -1 = none */
	int trailer_col;          /* statement lines started at this column */
	bool in_jit;              /* inside the statement's "JIT:" block */
	const char *buf;          /* the working copy, offsets = input offsets */
	const char *orig;         /* the input as given (for error excerpts) */
	size_t len;
	error *err;
} text_state;

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void
pop(text_state *st)
{
	frame *f = &st->stack[--st->depth];

	f->n->expressions = strbuf_steal(&f->expr);
	f->n->last_id = (int) st->n_all;
}

/* A positioned error at `at` (a pointer into st->buf). */
static bool
fail(text_state *st, const char *where, const char *expected)
{
	size_t off = (size_t) (where - st->buf), ls = off, le = off;
	const char *t = st->orig;
	int line = 1, col;

	for (size_t i = 0; i < off; i++)
		line += t[i] == '\n';
	while (ls > 0 && t[ls - 1] != '\n')
		ls--;
	col = (int) (off - ls) + 1;
	while (le < st->len && t[le] != '\n' && t[le] != '\r')
		le++;
	error_set(st->err, ERROR_REJECTED,
			  "malformed EXPLAIN text at line %d, column %d: expected %s", line, col, expected);
	error_detail(st->err, "near: %.*s", (int) (le - ls > 120 ? 120 : le - ls), t + ls);
	error_hint(st->err, "Give the output of EXPLAIN (ANALYZE, BUFFERS) as psql prints it, "
			   "or with FORMAT JSON.");
	if (st->err)
		st->err->position = off + 1 > 2147483647u ? 0 : (int) off + 1;
	return false;
}

/* Which "Parent Relationship" JSON would give the next unlabelled child. */
static const char *
child_relationship(const frame *parent)
{
	const char *t = parent->n->node_type;

	if (strcmp(t, "Append") == 0 || strcmp(t, "Merge Append") == 0 ||
		strcmp(t, "BitmapAnd") == 0 || strcmp(t, "BitmapOr") == 0 ||
		strcmp(t, "Custom Scan") == 0)
		return "Member";
	if (strcmp(t, "Subquery Scan") == 0)
		return "Subquery";
	return parent->kids == 0 ? "Outer" : "Inner";
}

/* A node header at column `col` (text at s), child of the stack's top (or
 * the root when the stack is empty). */
static bool
open_node(text_state *st, const char *s, int col, int arrow_col)
{
	plan_node *n = xcalloc(1, sizeof *n);
	frame *f, *parent = st->depth ? &st->stack[st->depth - 1] : NULL;
	const char *at, *why;
	bool timing = false;

	if (st->n_all == st->cap_all) {
		st->cap_all = st->cap_all ? st->cap_all * 2 : 32;
		st->all = xrealloc(st->all, st->cap_all * sizeof *st->all);
	}
	st->all[st->n_all++] = n;
	n->id = (int) st->n_all;
	n->last_id = n->id;
	n->depth = (int) st->depth;
	n->processes = 1;
	n->workers_planned = n->workers_launched = -1;
	why = plan_text_node_header(n, s, &at, &timing);
	if (n->node_type == NULL)
		n->node_type = xstrdup("");
	if (why)
		return fail(st, at, why);
	if (timing)
		st->p->has_timing = true;
	if (n->has_actual)
		st->p->analyzed = true;
	if (parent) {
		n->parent = parent->n;
		parent->n->children = xrealloc(parent->n->children,
									   (parent->n->n_children + 1) * sizeof *n);
		parent->n->children[parent->n->n_children++] = n;
		if (parent->label && parent->label_col < arrow_col) {
			n->subplan_name = xstrndup(parent->label, parent->label_len);
			n->parent_relationship = xstrdup(starts(parent->label, "SubPlan") ? "SubPlan" : "InitPlan");
			/* PostgreSQL 8.x printed one bare "SubPlan" over them all */
			if (strchr(parent->label, ' '))
				parent->label = NULL;
		} else {
			n->parent_relationship = xstrdup(child_relationship(parent));
			parent->kids++;
			parent->label = NULL;
		}
	}
	if (st->depth >= TEXT_MAX_DEPTH)
		return fail(st, s, "a plan at most 500 nodes deep");
	if (st->depth == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 16;
		st->stack = xrealloc(st->stack, st->cap * sizeof *st->stack);
	}
	f = &st->stack[st->depth++];
	memset(f, 0, sizeof *f);
	f->n = n;
	f->col = col;
	return true;
}

/* "a = 'x', b = 'y'" -> "a=x, b=y" (JSON's form). */
static char *
read_settings(const char *s)
{
	strbuf sb = STRBUF_INIT;

	while (*s) {
		const char *eq = strstr(s, " = '");

		if (eq == NULL)
			break;
		if (sb.len)
			strbuf_append(&sb, ", ");
		strbuf_append_len(&sb, s, (size_t) (eq - s));
		strbuf_append_char(&sb, '=');
		for (s = eq + 4; *s; s++) {
			if (*s == '\'') {
				if (s[1] != '\'')
					break;
				s++;
			}
			strbuf_append_char(&sb, *s);
		}
		if (*s == '\'')
			s++;
		while (*s == ',' || *s == ' ')
			s++;
	}
	if (sb.len == 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_steal(&sb);
}

static double
ms_after(const char *s, const char *key)
{
	const char *v = strstr(s, key);
	double d;

	if (v == NULL)
		return -1;
	d = strtod(v + strlen(key), NULL);
	return d >= 0 && d < 1e15 ? d : -1;
}

/* A statement line after the tree (col = its column). */
static bool
trailer_line(text_state *st, const char *s, int col)
{
	plan *p = st->p;

	if (st->trailer_col >= 0 && col > st->trailer_col) {
		if (starts(s, "Buffers: "))
			p->has_buffers = true;       /* "Planning:" buffers */
		else if (st->in_jit && starts(s, "Functions: "))
			p->jit_functions = atoi(s + 11) > 0 ? atoi(s + 11) : 0;
		else if (st->in_jit && starts(s, "Timing: ") && ms_after(s, "Total ") >= 0)
			p->jit_ms = ms_after(s, "Total ");
		return true;
	}
	if (starts(s, "->"))
		return fail(st, s, "a child \"->\" deeper than the root node");
	st->trailer_col = col;
	st->in_jit = strcmp(s, "JIT:") == 0;
	if (strncasecmp(s, "Planning Time: ", 15) == 0)
		p->planning_ms = ms_after(s, ": ");
	else if (strncasecmp(s, "Execution Time: ", 16) == 0 || strncasecmp(s, "Total runtime: ", 15) == 0)
		p->execution_ms = ms_after(s, ": ");
	else if (starts(s, "Trigger ") && ms_after(s, ": time=") >= 0)
		p->trigger_ms += ms_after(s, ": time=");
	else if (starts(s, "Settings: ") && p->settings == NULL)
		p->settings = read_settings(s + 10);
	return true;
}

/* A line inside the tree that is not a child: property, label or block. */
static bool
node_line(text_state *st, const char *s, int col)
{
	frame *f = &st->stack[st->depth - 1];
	const char *why;
	bool buffers = false;

	if (starts(s, "InitPlan ") || starts(s, "SubPlan ") || starts(s, "CTE ") ||
		strcmp(s, "InitPlan") == 0 || strcmp(s, "SubPlan") == 0) {
		f->label = s;
		f->label_len = strlen(s);
		f->label_col = col;
		return true;
	}
	/* "Worker 0:  actual time=..." with its own lines below, "JIT:" of a
	 * worker: figures of one process, not of the node. */
	if ((starts(s, "Worker ") && strchr(s, ':')) || s[strlen(s) - 1] == ':') {
		st->skip_col = col;
		return true;
	}
	why = plan_text_node_property(f->n, &f->expr, s, &buffers);
	if (why)
		return fail(st, s, why);
	if (buffers)
		st->p->has_buffers = true;
	return true;
}

/* One content line (s: its first non-blank character, col: its column). */
static bool
text_line(text_state *st, const char *s, int col)
{
	bool arrow = starts(s, "->");
	const char *arrow_at;

	if (st->skip_col >= 0) {
		if (col > st->skip_col)
			return true;
		st->skip_col = -1;
	}
	if (st->root_col < 0) {
		/* A subtree copied from a larger plan starts with its "->". */
		if (arrow) {
			for (s += 2, col += 2; *s == ' '; s++)
				col++;
		}
		st->root_col = col;
		return open_node(st, s, col, -1);
	}
	if (st->trailer_col >= 0 || col <= st->root_col)
		return trailer_line(st, s, col);
	while (st->depth > 1 && st->stack[st->depth - 1].col >= col)
		pop(st);
	if (!arrow)
		return node_line(st, s, col);
	arrow_at = s;
	s += 2;
	while (*s == ' ')
		s++;
	if (*s == '\0')
		return fail(st, s, "a node name after \"->\"");
	return open_node(st, s, col + (int) (s - arrow_at), col);
}

/* A psql rule under the header: dashes, '+', '=', spaces, or the box
 * drawing characters of \pset linestyle unicode (U+2500-U+257F). */
static bool
is_rule(const char *s, const char *e)
{
	bool any = false;

	for (const unsigned char *p = (const unsigned char *) s; p < (const unsigned char *) e;) {
		if (*p == '-' || *p == '=' || *p == '+' || *p == '|') {
			any = any || *p == '-' || *p == '=';
			p++;
		} else if (isspace(*p))
			p++;
		else if (e - (const char *) p >= 3 && p[0] == 0xE2 && (p[1] == 0x94 || p[1] == 0x95)) {
			any = true;
			p += 3;
		} else
			return false;
	}
	return any;
}

/* psql's border characters: '|' (ascii, old-ascii) and U+2502 / U+2551. */
static size_t
border_len(const char *s)
{
	if (*s == '|')
		return 1;
	if (strncmp(s, "\xE2\x94\x82", 3) == 0 || strncmp(s, "\xE2\x95\x91", 3) == 0)
		return 3;
	return 0;
}

/*
 * Strip what surrounds a plan line in what people paste, in place: psql's
 * borders (\pset border 2) and '+' continuation marks, the quotes a CSV
 * or GUI export puts around each line, trailing blanks.  [*s, *e) is the
 * line on entry and the content (indentation kept) on return.
 */
static void
clean_line(char **s, char **e)
{
	char *p = *s, *t = *e;
	size_t b;

	while (t > p && isspace((unsigned char) t[-1]))
		t--;
	if ((b = border_len(p)) > 0) {
		p += b;
		if (*p == ' ')
			p++;                  /* psql pads the border with a space */
	}
	if (t - p >= 3 && (border_len(t - 1) == 1 || border_len(t - 3) == 3))
		t -= border_len(t - 1) == 1 ? 1 : 3;
	while (t > p && isspace((unsigned char) t[-1]))
		t--;
	if (t > p && t[-1] == '+') {
		t--;                      /* psql's continuation mark */
		while (t > p && isspace((unsigned char) t[-1]))
			t--;
	}
	if (p < t && (*p == '"' || *p == '\'') && p == *s)
		p++;                      /* "Limit  (cost=...)" from a CSV export */
	if (t > p && (t[-1] == '"' || t[-1] == '\'')) {
		size_t n = 0;

		for (const char *q = p; q < t; q++)
			n += *q == t[-1];
		if (n % 2 == 1)
			t--;                  /* its closing quote, not "*VALUES*"'s */
	}
	*t = '\0';
	*s = p;
	*e = t;
}

/* Lines people paste before the plan: a psql prompt with the statement,
 * a comment, psql's "SET" / "Time:" chatter. */
static bool
is_chatter(const char *s)
{
	return starts(s, "#") || starts(s, "--") || strstr(s, "=# ") || strstr(s, "=> ") ||
		strncasecmp(s, "explain", 7) == 0 || strcmp(s, "SET") == 0 ||
		starts(s, "Time: ") || starts(s, "Temps : ") || strcmp(s, "QUERY PLAN") == 0 ||
		s[strlen(s) - 1] == ';';
}

/* Split the copy into lines (in place), drop decorations, feed text_line. */
static bool
walk_lines(text_state *st, char *buf, size_t len)
{
	char *p = buf, *end = buf + len;
	bool seen = false, header_next = false;

	while (p < end) {
		char *eol = memchr(p, '\n', (size_t) (end - p));
		char *le = eol ? eol : end, *line = p, *s;

		*le = '\0';
		p = eol ? eol + 1 : end;
		clean_line(&line, &le);
		for (s = line; *s == ' ' || *s == '\t'; s++)
			;
		if (*s == '\0')
			continue;
		if (!seen) {
			/* psql's header: any column title followed by a rule */
			const char *nl;
			char *ns = p, *ne;

			while (ns < end && isspace((unsigned char) *ns))
				ns++;             /* a wrapped header leaves a blank line */
			nl = ns < end ? memchr(ns, '\n', (size_t) (end - ns)) : NULL;
			ne = nl ? (char *) nl : end;

			if (header_next && is_rule(s, le)) {
				header_next = false;
				continue;
			}
			if (is_rule(s, le))
				continue;         /* the top border of \pset border 2 */
			while (ns < ne && (*ns == ' ' || border_len(ns)))
				ns += border_len(ns) ? border_len(ns) : 1;
			if (is_rule(ns, ne) && ns < ne) {
				header_next = true;
				continue;
			}
			if (is_chatter(s))
				continue;
		}
		if (plan_is_psql_footer(s, le) || (seen && is_rule(s, le)))
			break;              /* the footer (or bottom border) ends it */
		seen = true;
		if (!text_line(st, s, (int) (s - line)))
			return false;
	}
	return true;
}

bool
plan_input_is_text(const char *text, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (;;) {
		size_t ls, le;

		while (i < len && isspace((unsigned char) text[i]))
			i++;
		if (i >= len)
			return false;       /* empty: the JSON reader says so */
		if (text[i] == '{')
			return false;
		ls = i;
		le = i;
		while (le < len && text[le] != '\n')
			le++;
		/* JSON's array, unless it is a psql prompt "[123]user@db=# ..." */
		if (text[i] == '[' && !memmem(text + ls, le - ls, "=# ", 3) &&
			!memmem(text + ls, le - ls, "=> ", 3))
			return false;
		/* Skip psql's header and rule; then the first line decides. */
		if ((le - ls >= 10 && strncmp(text + ls, "QUERY PLAN", 10) == 0) ||
			plan_is_psql_rule(text + ls, text + le)) {
			i = le;
			continue;
		}
		return !plan_is_psql_footer(text + ls, text + le);
	}
}

plan *
plan_parse_text(const char *text, size_t len, error *err)
{
	text_state st = {0};
	char *buf = xmalloc(len + 1);
	plan *p = xcalloc(1, sizeof *p);
	bool ok;

	memcpy(buf, text, len);
	buf[len] = '\0';
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		memset(buf, ' ', 3);
	p->planning_ms = p->execution_ms = -1;
	st.p = p;
	st.buf = buf;
	st.orig = text;
	st.len = len;
	st.err = err;
	st.root_col = st.skip_col = st.trailer_col = -1;
	ok = walk_lines(&st, buf, len);
	if (ok && st.n_all == 0) {
		ok = false;
		error_set(err, ERROR_REJECTED, "no plan node found in the EXPLAIN text");
		error_hint(err, "Give the output of EXPLAIN (ANALYZE, BUFFERS) as psql prints it, "
				   "or with FORMAT JSON.");
	}
	while (st.depth)
		pop(&st);
	free(st.stack);
	free(buf);
	if (!ok) {
		for (size_t i = 0; i < st.n_all; i++)
			plan_node_free(st.all[i]);
		free(st.all);
		free(p->settings);
		free(p);
		return NULL;
	}
	p->root = st.all[0];
	p->nodes = st.all;
	p->n_nodes = st.n_all;
	plan_compute_exclusive(p);
	return p;
}
