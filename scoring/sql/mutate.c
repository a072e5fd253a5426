/*
 * mutate.c — sql_mutate: parse the script, walk every SELECT (and every
 * materialized view's query) for candidate edits, apply each to the text,
 * keep those that parse again and differ from the source and from each
 * other, then order them and give them ids (see mutate.h).  Also the text
 * helpers the operators share (mutate_internal.h): spans of tokens,
 * parentheses, clauses, column references and type names.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fnv.h"
#include "mutate_internal.h"
#include "strbuf.h"

static const char *const op_names[MUT_N_OPS] = {
	"relop", "boundary", "between", "join-type", "not-in", "in-exists", "distinct",
	"count", "min-max", "drop-conjunct", "order-key", "order-direction", "order-nulls",
	"group-key", "union", "drop-function", "drop-cast", "timestamp-zone", "division",
};

const char *const *
sql_mutation_operators(size_t *n)
{
	*n = MUT_N_OPS;
	return op_names;
}

/* --- candidates ------------------------------------------------------- */

static mut_candidate *
candidate_vnew(mut_gen *g, int op, size_t pos, const char *fmt, va_list ap)
{
	strbuf sb = STRBUF_INIT;
	mut_candidate *c;

	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 32;
		g->c = xrealloc(g->c, g->cap * sizeof *g->c);
	}
	c = &g->c[g->n];
	memset(c, 0, sizeof *c);
	c->op = op;
	c->pos = pos;
	c->seq = g->n++;
	strbuf_init(&sb);
	strbuf_vprintf(&sb, fmt, ap);
	c->what = strbuf_steal(&sb);
	return c;
}

mut_candidate *
mut_begin(mut_gen *g, int op, size_t pos, const char *fmt, ...)
{
	va_list ap;
	mut_candidate *c;

	va_start(ap, fmt);
	c = candidate_vnew(g, op, pos, fmt, ap);
	va_end(ap);
	return c;
}

void
mut_edit_add(mut_candidate *c, size_t start, size_t end, const char *text)
{
	if (c->ne == MUT_MAX_EDITS)
		return;
	c->e[c->ne].start = start;
	c->e[c->ne].end = end;
	c->e[c->ne].text = xstrdup(text);
	c->ne++;
}

void
mut_add(mut_gen *g, int op, size_t pos, size_t start, size_t end, const char *text,
		const char *fmt, ...)
{
	va_list ap;
	mut_candidate *c;

	va_start(ap, fmt);
	c = candidate_vnew(g, op, pos, fmt, ap);
	va_end(ap);
	mut_edit_add(c, start, end, text);
}

static void
candidate_release(mut_candidate *c)
{
	free(c->what);
	for (int i = 0; i < c->ne; i++)
		free(c->e[i].text);
}

static int
by_start(const void *a, const void *b)
{
	const mut_edit *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* The source with a candidate's edits applied; NULL when they overlap or
 * fall outside the source. */
static char *
apply(const mut_gen *g, mut_candidate *c)
{
	strbuf sb = STRBUF_INIT;
	size_t at = 0;

	qsort(c->e, (size_t) c->ne, sizeof c->e[0], by_start);
	for (int i = 0; i < c->ne; i++)
		if (c->e[i].start < at || c->e[i].end < c->e[i].start || c->e[i].end > g->len)
			return NULL;
		else
			at = c->e[i].end;
	strbuf_init(&sb);
	at = 0;
	for (int i = 0; i < c->ne; i++) {
		strbuf_append_len(&sb, g->src + at, c->e[i].start - at);
		strbuf_append(&sb, c->e[i].text);
		at = c->e[i].end;
	}
	strbuf_append_len(&sb, g->src + at, g->len - at);
	return strbuf_steal(&sb);
}

static int
by_position(const void *a, const void *b)
{
	const mut_candidate *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	if (x->op != y->op)
		return x->op < y->op ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* --- the walk --------------------------------------------------------- */

static void walk(mut_gen *g, const cJSON *node, unsigned flags);

/* Flags for the fields of a wrapped node of `type`. */
static unsigned
child_flags(const char *type, const cJSON *body, const char *key, unsigned flags)
{
	unsigned keep = flags & (MUT_IN_FILTER);

	if (strcmp(type, "SelectStmt") == 0) {
		const char *op = sql_field_str(body, "op");
		bool setop = op && strcmp(op, "SETOP_NONE") != 0;

		if (strcmp(key, "whereClause") == 0 || strcmp(key, "havingClause") == 0)
			return MUT_IN_FILTER;
		if (strcmp(key, "groupClause") == 0 || strcmp(key, "limitCount") == 0 ||
			strcmp(key, "limitOffset") == 0)
			return MUT_NO_CONST;
		if (strcmp(key, "targetList") == 0 && (flags & MUT_UNDER_EXISTS))
			return MUT_UNDER_EXISTS;
		if (setop && (strcmp(key, "larg") == 0 || strcmp(key, "rarg") == 0))
			return (flags & (MUT_TOP | MUT_IN_SUBLINK)) |
				(sql_field_bool(body, "all") ? 0 : MUT_SET_ARM);
		return 0;
	}
	if (strcmp(type, "JoinExpr") == 0)
		return strcmp(key, "quals") == 0 ? MUT_IN_FILTER : 0;
	if (strcmp(type, "BoolExpr") == 0) {
		const char *op = sql_field_str(body, "boolop");

		return op && strcmp(op, "NOT_EXPR") != 0 ? keep : MUT_NEGATED;
	}
	if (strcmp(type, "SortBy") == 0)
		return strcmp(key, "node") == 0 ? MUT_NO_CONST : 0;
	if (strcmp(type, "TypeCast") == 0) {
		const cJSON *names = sql_field(sql_field(body, "typeName"), "names"), *n, *last = NULL;

		cJSON_ArrayForEach(n, names)
			last = n;
		if (strcmp(key, "typeName") == 0)
			return MUT_NO_CONST;   /* numeric(10,2): typmods are no boundaries */
		return strcmp(key, "arg") == 0 && last &&
			strcmp(sql_field_str(sql_node_as(last, "String"), "sval") ?
				   sql_field_str(sql_node_as(last, "String"), "sval") : "", "date") == 0
			? MUT_DATE_ONLY : 0;
	}
	if (strcmp(type, "SubLink") == 0) {
		const char *link = sql_field_str(body, "subLinkType");

		if (strcmp(key, "subselect") != 0)
			return 0;
		return MUT_IN_SUBLINK |
			(link && strcmp(link, "EXISTS_SUBLINK") == 0 ? MUT_UNDER_EXISTS : 0);
	}
	/* a constant output column, or one in EXISTS's select list: moving it
	 * changes every row, or none */
	if (strcmp(type, "ResTarget") == 0)
		return strcmp(key, "val") == 0 ? MUT_NO_CONST : 0;
	if (strcmp(type, "CreateTableAsStmt") == 0 || strcmp(type, "RawStmt") == 0)
		return strcmp(key, "query") == 0 ? MUT_TOP : 0;
	return 0;
}

static void
walk_children(mut_gen *g, const cJSON *body, const char *type, unsigned flags)
{
	const cJSON *f;

	for (f = body->child; f; f = f->next) {
		unsigned cf = type ? child_flags(type, body, f->string ? f->string : "", flags) : flags;

		if (cJSON_IsArray(f)) {
			const cJSON *item;

			cJSON_ArrayForEach(item, f)
				walk(g, item, cf);
		} else if (type && strcmp(type, "SelectStmt") == 0 && f->string &&
				   (strcmp(f->string, "larg") == 0 || strcmp(f->string, "rarg") == 0)) {
			/* set-operation arms are bare SelectStmt bodies */
			mut_query(g, f, cf);
			walk_children(g, f, "SelectStmt", cf);
		} else if (cJSON_IsObject(f)) {
			walk(g, f, cf);
		}
	}
}

static void
walk(mut_gen *g, const cJSON *node, unsigned flags)
{
	const char *type = sql_node_type(node);
	const cJSON *body = sql_node_body(node);

	if (type == NULL) {
		/* a bare node (a typed field such as JoinExpr.larg's RangeVar) */
		if (cJSON_IsObject(node))
			walk_children(g, node, NULL, flags & MUT_NO_CONST);
		return;
	}
	if (strcmp(type, "ResTarget") == 0 && (flags & MUT_UNDER_EXISTS))
		return;                 /* EXISTS ignores its select list */
	if (strcmp(type, "SelectStmt") == 0)
		mut_query(g, body, flags);
	else
		mut_expression(g, type, body, flags);
	walk_children(g, body, type, flags);
}

/* The statements worth mutating: SELECT and CREATE MATERIALIZED VIEW. */
static bool
mutable_statement(const cJSON *stmt)
{
	const cJSON *ctas = sql_node_as(stmt, "CreateTableAsStmt");

	if (sql_node_as(stmt, "SelectStmt"))
		return true;
	return ctas && sql_field_str(ctas, "objtype") &&
		strcmp(sql_field_str(ctas, "objtype"), "OBJECT_MATVIEW") == 0;
}

/* Does `sql` parse into as many statements as the source? */
static bool
parses(const char *sql, size_t nstmts)
{
	sql_tree t;
	error ignored;
	bool ok = sql_tree_parse(&t, sql, strlen(sql), &ignored) && t.n == nstmts;

	sql_tree_free(&t);
	return ok;
}

/* Turn the sorted candidates into checked, distinct mutants. */
static void
collect(mut_gen *g, size_t nstmts, size_t max, sql_mutants *out)
{
	uint64_t *seen = xcalloc(g->n + 1, sizeof *seen);
	size_t nseen = 0, ordinal[MUT_N_OPS] = {0};
	uint64_t self = fnv_bytes(FNV_INIT, g->src, g->len);

	for (size_t i = 0; i < g->n && (max == 0 || out->n < max); i++) {
		char *sql = apply(g, &g->c[i]);
		uint64_t h;
		bool dup = false;
		sql_mutant *m;

		if (sql == NULL)
			continue;
		h = fnv_bytes(FNV_INIT, sql, strlen(sql));
		for (size_t k = 0; k < nseen && !dup; k++)
			dup = seen[k] == h;
		if (dup || h == self || strcmp(sql, g->src) == 0 || !parses(sql, nstmts)) {
			free(sql);
			continue;
		}
		seen[nseen++] = h;
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		m = &out->items[out->n++];
		m->op = op_names[g->c[i].op];
		m->id = xasprintf("%s-%zu", m->op, ++ordinal[g->c[i].op]);
		m->what = xstrdup(g->c[i].what);
		m->position = (int) g->c[i].pos + 1;
		m->sql = sql;
	}
	free(seen);
}

bool
sql_mutate(const char *src, size_t len, size_t max, sql_mutants **out, error *err)
{
	sql_tree t;
	mut_gen g = {0};

	*out = NULL;
	if (!sql_tree_parse(&t, src, len, err))
		return false;
	g.src = t.src;
	g.len = t.len;
	for (size_t i = 0; i < t.n; i++) {
		if (!mutable_statement(t.stmts[i].node))
			continue;
		g.stmt_start = t.stmts[i].offset;
		g.stmt_end = t.stmts[i].offset + t.stmts[i].length;
		walk(&g, t.stmts[i].node, MUT_TOP);
	}
	if (g.n > 0)                /* qsort(NULL, 0, ...) is undefined */
		qsort(g.c, g.n, sizeof *g.c, by_position);
	*out = xcalloc(1, sizeof **out);
	collect(&g, t.n, max, *out);
	for (size_t i = 0; i < g.n; i++)
		candidate_release(&g.c[i]);
	free(g.c);
	sql_tree_free(&t);
	return true;
}

void
sql_mutants_free(sql_mutants *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->items[i].id);
		free(m->items[i].what);
		free(m->items[i].sql);
	}
	free(m->items);
	free(m);
}

/* --- text helpers ----------------------------------------------------- */

sql_token
mut_token(const mut_gen *g, size_t pos)
{
	sql_token t = sql_lex_next(g->src, g->stmt_end, pos);

	return t;
}

bool
mut_word_at(const mut_gen *g, size_t pos, const char *kw)
{
	sql_token t = mut_token(g, pos);

	return t.start == pos && sql_token_is_word(g->src, &t, kw);
}

int
mut_min_location(const cJSON *node)
{
	const cJSON *child;
	int best = -1;

	if (node == NULL)
		return -1;
	for (child = node->child; child; child = child->next) {
		int loc = -1;

		if (child->string && strcmp(child->string, "location") == 0 && cJSON_IsNumber(child))
			loc = child->valueint;
		else if (cJSON_IsObject(child) || cJSON_IsArray(child))
			loc = mut_min_location(child);
		if (loc >= 0 && (best < 0 || loc < best))
			best = loc;
	}
	return best;
}

static bool
punct_is(const mut_gen *g, const sql_token *t, char c)
{
	return t->kind == SQL_TOKEN_PUNCT && g->src[t->start] == c;
}

size_t
mut_paren_end(const mut_gen *g, size_t open)
{
	int depth = 0;

	for (sql_token t = mut_token(g, open); t.kind != SQL_TOKEN_END; t = mut_token(g, t.end)) {
		if (punct_is(g, &t, '(') || punct_is(g, &t, '['))
			depth++;
		else if (punct_is(g, &t, ')') || punct_is(g, &t, ']'))
			if (--depth == 0)
				return t.end;
	}
	return 0;
}

static bool
ends_clause(const mut_gen *g, const sql_token *t)
{
	static const char *const words[] = {
		"where", "group", "having", "order", "limit", "offset", "fetch", "for", "window",
		"union", "intersect", "except", "join", "inner", "left", "right", "full", "cross",
		"natural", "on", "using", "returning", "with", "into", "then", "else", "end",
	};

	if (t->kind != SQL_TOKEN_WORD)
		return false;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (sql_token_is_word(g->src, t, words[i]))
			return true;
	return false;
}

size_t
mut_clause_end(const mut_gen *g, size_t from, bool comma_ends)
{
	int depth = 0;
	size_t last = from;

	for (sql_token t = mut_token(g, from); t.kind != SQL_TOKEN_END; t = mut_token(g, t.end)) {
		if (punct_is(g, &t, '(') || punct_is(g, &t, '['))
			depth++;
		else if (punct_is(g, &t, ')') || punct_is(g, &t, ']')) {
			if (--depth < 0)
				return last;
		} else if (depth == 0 && (punct_is(g, &t, ';') || (comma_ends && punct_is(g, &t, ',')) ||
								  (t.start > from && ends_clause(g, &t))))
			return last;
		last = t.end;
	}
	return last;
}

size_t
mut_word_before(const mut_gen *g, size_t lo, size_t before, const char *kw)
{
	size_t found = (size_t) -1;
	int depth = 0;

	for (sql_token t = mut_token(g, lo); t.kind != SQL_TOKEN_END && t.start < before;
		 t = mut_token(g, t.end)) {
		if (punct_is(g, &t, '('))
			depth++;
		else if (punct_is(g, &t, ')'))
			depth -= depth > 0;   /* leaving the parenthesis `lo` was in */
		else if (depth == 0 && sql_token_is_word(g->src, &t, kw))
			found = t.start;
	}
	return found;
}

bool
mut_balanced(const mut_gen *g, size_t start, size_t end)
{
	int depth = 0;

	for (sql_token t = sql_lex_next(g->src, end, start); t.kind != SQL_TOKEN_END;
		 t = sql_lex_next(g->src, end, t.end)) {
		if (punct_is(g, &t, '('))
			depth++;
		else if (punct_is(g, &t, ')') && --depth < 0)
			return false;
	}
	return depth == 0;
}

size_t
mut_colref_end(const mut_gen *g, size_t pos)
{
	sql_token t = mut_token(g, pos);
	size_t end = t.end;

	if (t.kind != SQL_TOKEN_WORD && t.kind != SQL_TOKEN_QUOTED)
		return pos;
	for (;;) {
		sql_token dot = mut_token(g, end), next;

		if (!punct_is(g, &dot, '.') || dot.start != end)
			return end;
		next = mut_token(g, dot.end);
		if (next.kind != SQL_TOKEN_WORD && next.kind != SQL_TOKEN_QUOTED &&
			!(next.kind == SQL_TOKEN_OP && g->src[next.start] == '*'))
			return end;
		end = next.end;
	}
}

size_t
mut_typename_end(const mut_gen *g, size_t pos)
{
	static const char *const more[] = {"precision", "varying", "with", "without", "time",
									   "zone"};
	sql_token t = mut_token(g, pos);
	size_t end;

	if (t.kind != SQL_TOKEN_WORD && t.kind != SQL_TOKEN_QUOTED)
		return pos;
	end = mut_colref_end(g, pos);     /* schema-qualified names too */
	for (;;) {
		sql_token n = mut_token(g, end);
		bool word = false;

		for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
			word = word || sql_token_is_word(g->src, &n, more[i]);
		if (word)
			end = n.end;
		else if (punct_is(g, &n, '(') || punct_is(g, &n, '[')) {
			size_t e = mut_paren_end(g, n.start);

			if (e == 0)
				return end;
			end = e;
		} else
			return end;
	}
}

sql_token
mut_prev_token(const mut_gen *g, size_t pos)
{
	sql_token prev = {SQL_TOKEN_END, pos, pos};

	for (sql_token t = mut_token(g, g->stmt_start); t.kind != SQL_TOKEN_END && t.end <= pos;
		 t = mut_token(g, t.end))
		prev = t;
	return prev;
}

size_t
mut_open_start(const mut_gen *g, size_t pos)
{
	for (;;) {
		sql_token p = mut_prev_token(g, pos);

		if (!punct_is(g, &p, '('))
			return pos;
		pos = p.start;
	}
}
