/*
 * order_total.c — is a query block's ORDER BY total on its rows?  A LIMIT,
 * OFFSET or DISTINCT ON after an ORDER BY that may tie returns rows that
 * depend on the plan.  The answer comes from functional dependencies, as a
 * database theory textbook draws them:
 *
 *   - every output row of a block is one combination of rows of its FROM
 *     items, so the ORDER BY is total when the keys determine a unique key
 *     of every item (of every group key, in a grouped block);
 *   - a unique key (the caller's: the catalog's primary keys and unique
 *     indexes on NOT NULL columns, or the convention that a table's `id` is
 *     its key) determines every column of its item;
 *   - `a = b` in WHERE or an inner join's ON makes a and b determine each
 *     other, `a = constant` (or an outer reference) fixes a, and a LEFT
 *     JOIN's `l.a = r.b` lets the left side determine the right;
 *   - a subquery in FROM, a CTE or a view/materialized view created earlier
 *     in the script has the unique keys its own block proves (its GROUP BY,
 *     DISTINCT, LIMIT 1, or the keys of its items that it selects).
 *
 * What it cannot see (a function in FROM, a relation without known keys,
 * GROUPING SETS, UNION ALL) is not provably total.  It says which keys
 * would make the order total.  One blind spot, on the lenient side: a
 * set-returning function in the select list (unnest(tags)) repeats its
 * row, and is not looked for; the plan variants of author verify remain.  Pure; called by lint_order.c, which the
 * engine runs with the catalog's keys for author verify and check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "strbuf.h"

/* Views of views of CTEs...: deeper than this is "no known key". */
#define ORDER_MAX_DEPTH 8

typedef struct key_set {
	char **cols;              /* owned; n == 0: at most one row */
	size_t n;
} key_set;

typedef struct key_list {
	key_set *sets;
	size_t n;
} key_list;

typedef struct item {
	const char *name;         /* how the block qualifies its columns */
	key_list keys;            /* owned */
} item;

typedef struct dep {
	char *from;               /* NULL: `to` is fixed (a constant) */
	char *to;
} dep;

typedef struct target {
	const char *name;         /* output name, NULL when it has none */
	char *term;               /* owned */
} target;

typedef struct block {
	const sql_order_scope *sc;
	int depth;
	const cJSON *select;
	item *items;
	size_t nitems;
	dep *deps;
	size_t ndeps;
	target *targets;
	size_t ntargets;
	char **groups;            /* group terms (owned) */
	size_t ngroups;
	bool group_unknown;       /* GROUPING SETS, ROLLUP...: not analysed */
} block;

/* The set being closed under the dependencies. */
typedef struct closure {
	const block *b;
	char **terms;             /* borrowed */
	size_t n;
	bool *covered;            /* per item: a unique key of it is determined */
} closure;

static void output_keys(const sql_order_scope *sc, int depth, const cJSON *select,
						key_list *out);

static void
key_list_free(key_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		for (size_t c = 0; c < l->sets[i].n; c++)
			free(l->sets[i].cols[c]);
		free(l->sets[i].cols);
	}
	free(l->sets);
	l->sets = NULL;
	l->n = 0;
}

static key_set *
key_list_add(key_list *l)
{
	l->sets = xrealloc(l->sets, (l->n + 1) * sizeof *l->sets);
	memset(&l->sets[l->n], 0, sizeof l->sets[0]);
	return &l->sets[l->n++];
}

static void
key_set_add(key_set *k, const char *col)
{
	k->cols = xrealloc(k->cols, (k->n + 1) * sizeof(char *));
	k->cols[k->n++] = xstrdup(col);
}

/* --- terms ------------------------------------------------------------ */

/* An expression's tree without its locations: equal trees, equal text. */
static void
tree_text(strbuf *sb, const cJSON *node)
{
	const cJSON *x;

	if (cJSON_IsObject(node)) {
		strbuf_append_char(sb, '{');
		cJSON_ArrayForEach(x, node) {
			if (x->string && strcmp(x->string, "location") == 0)
				continue;
			strbuf_printf(sb, "%s:", x->string ? x->string : "");
			tree_text(sb, x);
			strbuf_append_char(sb, ',');
		}
		strbuf_append_char(sb, '}');
	} else if (cJSON_IsArray(node)) {
		strbuf_append_char(sb, '[');
		cJSON_ArrayForEach(x, node) {
			tree_text(sb, x);
			strbuf_append_char(sb, ',');
		}
		strbuf_append_char(sb, ']');
	} else if (cJSON_IsString(node))
		strbuf_printf(sb, "\"%s\"", node->valuestring);
	else if (cJSON_IsNumber(node))
		strbuf_printf(sb, "%.17g", node->valuedouble);
	else
		strbuf_append(sb, cJSON_IsTrue(node) ? "t" : cJSON_IsFalse(node) ? "f" : "n");
}

static const item *
item_named(const block *b, const char *name)
{
	for (size_t i = 0; i < b->nitems; i++)
		if (b->items[i].name && strcmp(b->items[i].name, name) == 0)
			return &b->items[i];
	return NULL;
}

static const char *
last_field(const cJSON *ref)
{
	const cJSON *fields = sql_field(ref, "fields");
	int n = cJSON_GetArraySize(fields);

	return n > 0 ? sql_field_str(sql_node_as(cJSON_GetArrayItem(fields, n - 1), "String"),
								 "sval") : NULL;
}

/*
 * The term of an expression in block b: "item.col" for a column of one of
 * its items, "?.col" for an unqualified column among several items, the
 * tree's text for any other expression; NULL for a constant or a column of
 * an enclosing query (fixed while the block runs).
 */
static char *
term_of(const block *b, const cJSON *expr)
{
	const cJSON *ref = sql_node_as(expr, "ColumnRef");
	const cJSON *cast = sql_node_as(expr, "TypeCast");
	strbuf sb = STRBUF_INIT;

	if (cast && (sql_node_as(sql_field(cast, "arg"), "A_Const") ||
				 sql_node_as(sql_field(cast, "arg"), "ParamRef")))
		return NULL;
	if (sql_node_as(expr, "A_Const") || sql_node_as(expr, "ParamRef"))
		return NULL;
	if (ref) {
		const char *col = last_field(ref), *q = sql_column_qualifier(ref);

		if (col == NULL)
			return NULL;      /* t.*: not a key */
		if (q)
			return item_named(b, q) ? xasprintf("%s.%s", q, col) : NULL;
		if (b->nitems == 1 && b->items[0].name)
			return xasprintf("%s.%s", b->items[0].name, col);
		return xasprintf("?.%s", col);
	}
	strbuf_init(&sb);
	tree_text(&sb, expr);
	return strbuf_steal(&sb);
}

/* The item a column term belongs to (index), or -1. */
static int
term_item(const block *b, const char *term)
{
	const char *dot = strchr(term, '.');

	if (term[0] == '{' || term[0] == '?' || dot == NULL)
		return -1;
	for (size_t i = 0; i < b->nitems; i++)
		if (b->items[i].name && strlen(b->items[i].name) == (size_t) (dot - term) &&
			strncmp(b->items[i].name, term, (size_t) (dot - term)) == 0)
			return (int) i;
	return -1;
}

/* --- dependencies ------------------------------------------------------ */

static void
add_dep(block *b, const char *from, const char *to)
{
	b->deps = xrealloc(b->deps, (b->ndeps + 1) * sizeof *b->deps);
	b->deps[b->ndeps].from = from ? xstrdup(from) : NULL;
	b->deps[b->ndeps++].to = xstrdup(to);
}

typedef enum join_mode { JOIN_BOTH, JOIN_LEFT_TO_RIGHT } join_mode;

static bool
in_range(int i, size_t lo, size_t hi)
{
	return i >= 0 && (size_t) i >= lo && (size_t) i < hi;
}

/*
 * The equalities of a condition's top-level AND.  JOIN_BOTH: WHERE and
 * inner joins.  JOIN_LEFT_TO_RIGHT: the ON of an outer join whose
 * preserved side is the items [l0, l1) and nullable side [r0, r1): only
 * preserved → nullable holds on the null-extended rows.
 */
static void
add_equalities(block *b, const cJSON *cond, join_mode mode, size_t l0, size_t l1, size_t r0,
			   size_t r1)
{
	const cJSON *be = sql_node_as(cond, "BoolExpr"), *ae = sql_node_as(cond, "A_Expr"), *x;
	const char *kind, *op;
	char *lt, *rt;

	if (be) {
		if (sql_field_str(be, "boolop") && strcmp(sql_field_str(be, "boolop"), "AND_EXPR") == 0)
			cJSON_ArrayForEach(x, sql_field(be, "args"))
				add_equalities(b, x, mode, l0, l1, r0, r1);
		return;
	}
	kind = ae ? sql_field_str(ae, "kind") : NULL;
	op = ae && cJSON_GetArraySize(sql_field(ae, "name")) == 1 ?
		sql_field_str(sql_node_as(sql_field(ae, "name")->child, "String"), "sval") : NULL;
	if (kind == NULL || strcmp(kind, "AEXPR_OP") != 0 || op == NULL || strcmp(op, "=") != 0)
		return;
	lt = term_of(b, sql_field(ae, "lexpr"));
	rt = term_of(b, sql_field(ae, "rexpr"));
	if (mode == JOIN_BOTH) {
		if (lt && rt) {
			add_dep(b, lt, rt);
			add_dep(b, rt, lt);
		} else if (lt || rt)
			add_dep(b, NULL, lt ? lt : rt);
	} else if (lt && rt) {
		int li = term_item(b, lt), ri = term_item(b, rt);

		if (in_range(li, l0, l1) && in_range(ri, r0, r1))
			add_dep(b, lt, rt);
		else if (in_range(ri, l0, l1) && in_range(li, r0, r1))
			add_dep(b, rt, lt);
	}
	free(lt);
	free(rt);
}

/* --- FROM ---------------------------------------------------------------- */

static const cJSON *
named_query(const sql_order_scope *sc, const char *name)
{
	for (size_t i = sc->nnamed; i > 0; i--)
		if (strcmp(sc->named[i - 1].name, name) == 0)
			return sc->named[i - 1].select;
	return NULL;
}

static item *
add_item(block *b, const char *name)
{
	b->items = xrealloc(b->items, (b->nitems + 1) * sizeof *b->items);
	memset(&b->items[b->nitems], 0, sizeof b->items[0]);
	b->items[b->nitems].name = name;
	return &b->items[b->nitems++];
}

/* The unique keys of a table: the catalog's, or by convention its id. */
static void
table_keys(const sql_order_scope *sc, const char *rel, key_list *out)
{
	if (!sc->catalog) {
		key_set_add(key_list_add(out), "id");
		return;
	}
	for (size_t i = 0; i < sc->nkeys; i++)
		if (sc->keys[i].relation && strcmp(sc->keys[i].relation, rel) == 0) {
			key_set *k = key_list_add(out);

			for (size_t c = 0; c < sc->keys[i].n; c++)
				key_set_add(k, sc->keys[i].columns[c]);
		}
}

static void
add_from(block *b, const cJSON *node)
{
	const cJSON *rv = sql_node_as(node, "RangeVar");
	const cJSON *sub = sql_node_as(node, "RangeSubselect");
	const cJSON *j = sql_node_as(node, "JoinExpr");

	if (rv) {
		const char *rel = sql_field_str(rv, "relname");
		const char *alias = sql_field_str(sql_field(rv, "alias"), "aliasname");
		item *it = add_item(b, alias ? alias : rel);
		const cJSON *q = rel && !sql_field_str(rv, "schemaname") ? named_query(b->sc, rel) : NULL;

		if (q)
			output_keys(b->sc, b->depth + 1, q, &it->keys);
		else if (rel)
			table_keys(b->sc, rel, &it->keys);
	} else if (sub) {
		item *it = add_item(b, sql_field_str(sql_field(sub, "alias"), "aliasname"));
		const cJSON *q = sql_node_as(sql_field(sub, "subquery"), "SelectStmt");

		if (q)
			output_keys(b->sc, b->depth + 1, q, &it->keys);
	} else if (j) {
		const char *type = sql_field_str(j, "jointype");
		const char *alias = sql_field_str(sql_field(j, "alias"), "aliasname");
		size_t s0 = b->nitems, s1, s2;

		add_from(b, sql_field(j, "larg"));
		s1 = b->nitems;
		add_from(b, sql_field(j, "rarg"));
		s2 = b->nitems;
		if (alias)            /* (a JOIN b) AS x hides a and b: unknown */
			for (size_t i = s0; i < s2; i++)
				key_list_free(&b->items[i].keys);
		if (type == NULL || strcmp(type, "JOIN_INNER") == 0)
			add_equalities(b, sql_field(j, "quals"), JOIN_BOTH, 0, 0, 0, 0);
		else if (strcmp(type, "JOIN_LEFT") == 0)
			add_equalities(b, sql_field(j, "quals"), JOIN_LEFT_TO_RIGHT, s0, s1, s1, s2);
		else if (strcmp(type, "JOIN_RIGHT") == 0)
			add_equalities(b, sql_field(j, "quals"), JOIN_LEFT_TO_RIGHT, s1, s2, s0, s1);
	} else {
		/* a function, VALUES, XMLTABLE...: no known key */
		const cJSON *body = sql_node_body(node);

		add_item(b, body ? sql_field_str(sql_field(body, "alias"), "aliasname") : NULL);
	}
}

static bool
is_star(const cJSON *val)
{
	const cJSON *ref = sql_node_as(val, "ColumnRef"), *f;

	if (ref)
		cJSON_ArrayForEach(f, sql_field(ref, "fields"))
			if (sql_node_as(f, "A_Star"))
				return true;
	return false;
}

static void
add_target(block *b, const char *name, char *term)
{
	b->targets = xrealloc(b->targets, (b->ntargets + 1) * sizeof *b->targets);
	b->targets[b->ntargets].name = name;
	b->targets[b->ntargets++].term = term;
}

/* `*` or `x.*`: the key columns of the items it covers, as outputs. */
static void
add_star_targets(block *b, const cJSON *ref)
{
	const char *q = sql_column_qualifier(ref);

	for (size_t i = 0; i < b->nitems; i++) {
		const item *it = &b->items[i];

		if (it->name == NULL || (q && strcmp(q, it->name) != 0))
			continue;
		for (size_t k = 0; k < it->keys.n; k++)
			for (size_t c = 0; c < it->keys.sets[k].n; c++)
				add_target(b, it->keys.sets[k].cols[c],
						   xasprintf("%s.%s", it->name, it->keys.sets[k].cols[c]));
	}
}

/* The term of output number k (ORDER BY 2, GROUP BY 2), NULL if none. */
static char *
ordinal_term(const block *b, const cJSON *k)
{
	long pos = sql_field(k, "ival") ? sql_field_int(sql_field(k, "ival"), "ival", 0) : 0;

	return pos >= 1 && (size_t) pos <= b->ntargets && b->targets[pos - 1].term ?
		xstrdup(b->targets[pos - 1].term) : NULL;
}

static void
block_init(block *b, const sql_order_scope *sc, int depth, const cJSON *select)
{
	const cJSON *x;

	memset(b, 0, sizeof *b);
	b->sc = sc;
	b->depth = depth;
	b->select = select;
	cJSON_ArrayForEach(x, sql_field(select, "fromClause"))
		add_from(b, x);
	add_equalities(b, sql_field(select, "whereClause"), JOIN_BOTH, 0, 0, 0, 0);
	cJSON_ArrayForEach(x, sql_field(select, "targetList")) {
		const cJSON *rt = sql_node_as(x, "ResTarget");
		const cJSON *val = rt ? sql_field(rt, "val") : NULL;
		const char *name = rt ? sql_field_str(rt, "name") : NULL;

		if (val == NULL)
			continue;
		if (is_star(val)) {
			add_star_targets(b, sql_node_as(val, "ColumnRef"));
			continue;
		}
		if (name == NULL && sql_node_as(val, "ColumnRef"))
			name = last_field(sql_node_as(val, "ColumnRef"));
		add_target(b, name, term_of(b, val));
	}
	cJSON_ArrayForEach(x, sql_field(select, "groupClause")) {
		char *t;

		if (sql_node_as(x, "GroupingSet")) {
			b->group_unknown = true;
			continue;
		}
		/* GROUP BY 1 is the first output; a name is first an input
		 * column (unlike ORDER BY), so it stays one */
		t = sql_node_as(x, "A_Const") ? ordinal_term(b, sql_node_as(x, "A_Const")) : term_of(b, x);
		if (t == NULL)
			continue;         /* GROUP BY a constant: one group */
		b->groups = xrealloc(b->groups, (b->ngroups + 1) * sizeof(char *));
		b->groups[b->ngroups++] = t;
	}
}

static void
block_free(block *b)
{
	for (size_t i = 0; i < b->nitems; i++)
		key_list_free(&b->items[i].keys);
	free(b->items);
	for (size_t i = 0; i < b->ndeps; i++) {
		free(b->deps[i].from);
		free(b->deps[i].to);
	}
	free(b->deps);
	for (size_t i = 0; i < b->ntargets; i++)
		free(b->targets[i].term);
	free(b->targets);
	for (size_t i = 0; i < b->ngroups; i++)
		free(b->groups[i]);
	free(b->groups);
}

/* --- the closure --------------------------------------------------------- */

static bool
closure_has(const closure *c, const char *term)
{
	int it;

	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->terms[i], term) == 0)
			return true;
	it = term_item(c->b, term);
	return it >= 0 && c->covered[it];
}

/* A column of item i is determined: qualified, or unqualified (a valid
 * query's unqualified column belongs to one item only: if item i has it,
 * it is item i's). */
static bool
closure_has_column(const closure *c, size_t i, const char *col)
{
	char *q = xasprintf("%s.%s", c->b->items[i].name ? c->b->items[i].name : "", col);
	char *u = xasprintf("?.%s", col);
	bool has = c->covered[i] || closure_has(c, q) || closure_has(c, u);

	free(q);
	free(u);
	return has;
}

static void
closure_add(closure *c, char *term)
{
	c->terms = xrealloc(c->terms, (c->n + 1) * sizeof(char *));
	c->terms[c->n++] = term;
}

/* The closure of `terms` (borrowed) under b's dependencies and keys. */
static void
closure_of(closure *c, const block *b, char *const *terms, size_t n)
{
	bool changed = true;

	memset(c, 0, sizeof *c);
	c->b = b;
	c->covered = xcalloc(b->nitems + 1, sizeof(bool));
	for (size_t i = 0; i < n; i++)
		if (terms[i])
			closure_add(c, terms[i]);
	while (changed) {
		changed = false;
		for (size_t i = 0; i < b->ndeps; i++)
			if ((b->deps[i].from == NULL || closure_has(c, b->deps[i].from)) &&
				!closure_has(c, b->deps[i].to)) {
				closure_add(c, b->deps[i].to);
				changed = true;
			}
		for (size_t i = 0; i < b->nitems; i++)
			for (size_t k = 0; k < b->items[i].keys.n && !c->covered[i]; k++) {
				const key_set *ks = &b->items[i].keys.sets[k];
				bool all = true;

				for (size_t col = 0; col < ks->n && all; col++)
					all = closure_has_column(c, i, ks->cols[col]);
				if (all)
					c->covered[i] = changed = true;
			}
	}
}

static void
closure_free(closure *c)
{
	free(c->terms);
	free(c->covered);
}

/* A block that returns one row of plain aggregates (count, sum, min, max,
 * avg) and no GROUP BY. */
bool
sql_one_row_of_aggregates(const cJSON *select)
{
	const cJSON *t;

	if (sql_field_nonempty(select, "groupClause") || !sql_field_nonempty(select, "targetList"))
		return false;
	cJSON_ArrayForEach(t, sql_field(select, "targetList")) {
		const cJSON *f = sql_node_as(sql_field(sql_node_as(t, "ResTarget"), "val"), "FuncCall");

		if (f == NULL || !(sql_field_bool(f, "agg_star") || sql_field(f, "args")) ||
			sql_field(f, "over"))
			return false;
		if (!sql_func_name(f) || (strcmp(sql_func_name(f), "count") != 0 &&
								  strcmp(sql_func_name(f), "sum") != 0 &&
								  strcmp(sql_func_name(f), "min") != 0 &&
								  strcmp(sql_func_name(f), "max") != 0 &&
								  strcmp(sql_func_name(f), "avg") != 0))
			return false;
	}
	return true;
}

static bool
one_row(const cJSON *select)
{
	const cJSON *limit = sql_node_as(sql_field(select, "limitCount"), "A_Const");

	if (limit && sql_field(limit, "ival") &&
		sql_field_int(sql_field(limit, "ival"), "ival", 0) <= 1 &&
		!sql_field(select, "limitOffset"))
		return true;
	return sql_one_row_of_aggregates(select);
}

/* Do `terms` determine b's rows?  Through the groups in a grouped block,
 * through every item's key otherwise; DISTINCT rows are also unique on all
 * their outputs. */
static bool
unique_on(const block *b, char *const *terms, size_t n, closure *c)
{
	const cJSON *dc = sql_field(b->select, "distinctClause");
	bool plain_distinct = dc && dc->child && sql_node_type(dc->child) == NULL;
	bool total = true;

	closure_of(c, b, terms, n);
	if (sql_field_nonempty(b->select, "groupClause")) {
		total = !b->group_unknown;
		for (size_t i = 0; i < b->ngroups && total; i++)
			total = closure_has(c, b->groups[i]);
	} else
		for (size_t i = 0; i < b->nitems && total; i++)
			total = c->covered[i];
	if (!total && plain_distinct && b->ntargets > 0) {
		total = true;
		for (size_t i = 0; i < b->ntargets && total; i++)
			total = b->targets[i].term == NULL || closure_has(c, b->targets[i].term);
	}
	return total;
}

/* The output names of a set operation (its leftmost branch). */
static void
setop_names(const cJSON *select, key_set *k, bool *ok)
{
	const cJSON *x;

	while (sql_field_str(select, "op") && strcmp(sql_field_str(select, "op"), "SETOP_NONE") != 0)
		select = sql_field(select, "larg");
	*ok = true;
	cJSON_ArrayForEach(x, sql_field(select, "targetList")) {
		const cJSON *rt = sql_node_as(x, "ResTarget");
		const char *name = rt ? sql_field_str(rt, "name") : NULL;

		if (name == NULL && rt && sql_node_as(sql_field(rt, "val"), "ColumnRef"))
			name = last_field(sql_node_as(sql_field(rt, "val"), "ColumnRef"));
		if (name == NULL || is_star(sql_field(rt, "val")))
			*ok = false;
		else
			key_set_add(k, name);
	}
}

static bool
is_setop(const cJSON *select)
{
	const char *op = sql_field_str(select, "op");

	return op && strcmp(op, "SETOP_NONE") != 0;
}

/* The unique keys of a block's output, by output column name. */
static void
output_keys(const sql_order_scope *sc, int depth, const cJSON *select, key_list *out)
{
	block b;
	closure c;
	char **terms;
	bool *keep;

	if (depth > ORDER_MAX_DEPTH)
		return;
	if (is_setop(select)) {
		key_set k = {0};
		bool ok;

		if (!sql_field_bool(select, "all")) {
			setop_names(select, &k, &ok);
			if (ok) {
				*key_list_add(out) = k;
				return;
			}
		}
		for (size_t i = 0; i < k.n; i++)
			free(k.cols[i]);
		free(k.cols);
		return;
	}
	if (one_row(select)) {
		key_list_add(out);
		return;
	}
	block_init(&b, sc, depth, select);
	terms = xcalloc(b.ntargets + 1, sizeof(char *));
	keep = xcalloc(b.ntargets + 1, sizeof(bool));
	for (size_t i = 0; i < b.ntargets; i++) {
		terms[i] = b.targets[i].name ? b.targets[i].term : NULL;
		keep[i] = terms[i] != NULL;
	}
	if (unique_on(&b, terms, b.ntargets, &c)) {
		key_set *k;

		/* drop the outputs the rest determine, for a small key */
		for (size_t i = 0; i < b.ntargets; i++) {
			closure d;

			if (!keep[i])
				continue;
			terms[i] = NULL;
			if (unique_on(&b, terms, b.ntargets, &d))
				keep[i] = false;
			else
				terms[i] = b.targets[i].term;
			closure_free(&d);
		}
		k = key_list_add(out);
		for (size_t i = 0; i < b.ntargets; i++)
			if (keep[i])
				key_set_add(k, b.targets[i].name);
	}
	closure_free(&c);
	free(terms);
	free(keep);
	block_free(&b);
}

/* --- the verdict --------------------------------------------------------- */

/* The term of one ORDER BY key: an ordinal or output name is the output's
 * expression. */
static char *
sort_term(const block *b, const cJSON *key)
{
	const cJSON *k = sql_node_as(key, "A_Const");
	const cJSON *ref = sql_node_as(key, "ColumnRef");

	if (k && sql_field(k, "ival"))
		return ordinal_term(b, k);
	if (ref && cJSON_GetArraySize(sql_field(ref, "fields")) == 1 && last_field(ref)) {
		const cJSON *x;

		/* an explicit output name wins over a column (SQL-92 rule) */
		cJSON_ArrayForEach(x, sql_field(b->select, "targetList")) {
			const cJSON *rt = sql_node_as(x, "ResTarget");
			const char *name = rt ? sql_field_str(rt, "name") : NULL;

			if (name && strcmp(name, last_field(ref)) == 0)
				return term_of(b, sql_field(rt, "val"));
		}
	}
	return term_of(b, key);
}

/* A term as the author would write it: "o.id", or "id" in a one-table
 * block. */
static void
append_column(strbuf *sb, const block *b, const char *item_name, const char *col)
{
	strbuf_printf(sb, "%s%s%s%s", sb->len ? ", " : "", b->nitems > 1 && item_name ?
				  item_name : "", b->nitems > 1 && item_name ? "." : "", col);
}

/* What would make the order total: per item not determined, the columns
 * of its smallest key that are not; in a grouped block, the group keys. */
static char *
missing_keys(const block *b, const closure *c)
{
	strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	if (sql_field_nonempty(b->select, "groupClause")) {
		for (size_t i = 0; i < b->ngroups; i++)
			if (!closure_has(c, b->groups[i])) {
				const char *dot = strchr(b->groups[i], '.');

				if (b->groups[i][0] == '{' || dot == NULL)
					return strbuf_free(&sb), NULL;   /* an expression */
				if (b->groups[i][0] == '?')
					append_column(&sb, b, NULL, dot + 1);
				else {
					char *name = xstrndup(b->groups[i], (size_t) (dot - b->groups[i]));

					append_column(&sb, b, name, dot + 1);
					free(name);
				}
			}
		return strbuf_steal(&sb);
	}
	for (size_t i = 0; i < b->nitems; i++) {
		const item *it = &b->items[i];
		size_t best = 0, best_missing = (size_t) -1;

		if (c->covered[i])
			continue;
		if (it->keys.n == 0 || it->name == NULL)
			return strbuf_free(&sb), NULL;       /* no key known */
		for (size_t k = 0; k < it->keys.n; k++) {
			size_t m = 0;

			for (size_t col = 0; col < it->keys.sets[k].n; col++)
				m += !closure_has_column(c, i, it->keys.sets[k].cols[col]);
			if (m < best_missing) {
				best_missing = m;
				best = k;
			}
		}
		for (size_t col = 0; col < it->keys.sets[best].n; col++)
			if (!closure_has_column(c, i, it->keys.sets[best].cols[col]))
				append_column(&sb, b, it->name, it->keys.sets[best].cols[col]);
	}
	return strbuf_steal(&sb);
}

bool
sql_order_total_in(const cJSON *select, const sql_order_scope *sc, char **missing)
{
	const cJSON *x;
	block b;
	closure c;
	char **terms;
	size_t n = 0;
	bool total;

	*missing = NULL;
	if (sql_one_row_of_aggregates(select))
		return true;
	if (!sql_field_nonempty(select, "sortClause"))
		return false;
	if (is_setop(select)) {
		key_set k = {0};
		bool ok = false;
		strbuf sb = STRBUF_INIT;

		/* rows of UNION (not ALL), INTERSECT, EXCEPT are distinct: total
		 * when the keys name every output column */
		if (!sql_field_bool(select, "all"))
			setop_names(select, &k, &ok);
		total = ok;
		strbuf_init(&sb);
		for (size_t i = 0; i < k.n && ok; i++) {
			bool found = false;

			cJSON_ArrayForEach(x, sql_field(select, "sortClause")) {
				const cJSON *key = sql_field(sql_node_as(x, "SortBy"), "node");
				const cJSON *ref = sql_node_as(key, "ColumnRef");
				const cJSON *pos = sql_node_as(key, "A_Const");

				found = found || (ref && last_field(ref) && strcmp(last_field(ref), k.cols[i]) == 0)
					|| (pos && sql_field_int(sql_field(pos, "ival"), "ival", 0) == (int) i + 1);
			}
			if (!found) {
				total = false;
				strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", k.cols[i]);
			}
		}
		*missing = ok && !total ? strbuf_steal(&sb) : NULL;
		strbuf_free(&sb);
		for (size_t i = 0; i < k.n; i++)
			free(k.cols[i]);
		free(k.cols);
		return total;
	}
	block_init(&b, sc, 0, select);
	terms = xcalloc((size_t) cJSON_GetArraySize(sql_field(select, "sortClause")) + 1,
					sizeof(char *));
	cJSON_ArrayForEach(x, sql_field(select, "sortClause"))
		terms[n++] = sort_term(&b, sql_field(sql_node_as(x, "SortBy"), "node"));
	{
		/* DISTINCT ON picks one input row per group: the order must be
		 * total on the input rows, not on the distinct output */
		const cJSON *dc = sql_field(select, "distinctClause");
		bool distinct_on = dc && dc->child && sql_node_type(dc->child) != NULL;

		if (distinct_on) {
			closure_of(&c, &b, terms, n);
			total = !sql_field_nonempty(select, "groupClause") || !b.group_unknown;
			if (sql_field_nonempty(select, "groupClause"))
				for (size_t i = 0; i < b.ngroups && total; i++)
					total = closure_has(&c, b.groups[i]);
			else
				for (size_t i = 0; i < b.nitems && total; i++)
					total = c.covered[i];
		} else
			total = unique_on(&b, terms, n, &c);
	}
	if (!total)
		*missing = missing_keys(&b, &c);
	closure_free(&c);
	for (size_t i = 0; i < n; i++)
		free(terms[i]);
	free(terms);
	block_free(&b);
	return total;
}

/* --- named queries ------------------------------------------------------- */

static void
add_named(sql_order_scope *sc, const char *name, const cJSON *select)
{
	if (name == NULL || select == NULL)
		return;
	sc->named = xrealloc(sc->named, (sc->nnamed + 1) * sizeof *sc->named);
	sc->named[sc->nnamed].name = name;
	sc->named[sc->nnamed++].select = select;
}

static void
collect_ctes(sql_order_scope *sc, const cJSON *node)
{
	const cJSON *x;

	if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
		return;
	if (cJSON_IsObject(node) && sql_node_as(node, "CommonTableExpr")) {
		const cJSON *cte = sql_node_as(node, "CommonTableExpr");

		if (!sql_field_bool(cte, "cterecursive"))
			add_named(sc, sql_field_str(cte, "ctename"),
					  sql_node_as(sql_field(cte, "ctequery"), "SelectStmt"));
	}
	for (x = node->child; x; x = x->next)
		collect_ctes(sc, x);
}

void
sql_order_scope_collect(sql_order_scope *sc, const sql_tree *t)
{
	for (size_t i = 0; i < t->n; i++) {
		const cJSON *v = sql_node_as(t->stmts[i].node, "ViewStmt");
		const cJSON *ctas = sql_node_as(t->stmts[i].node, "CreateTableAsStmt");

		if (v)
			add_named(sc, sql_field_str(sql_field(v, "view"), "relname"),
					  sql_node_as(sql_field(v, "query"), "SelectStmt"));
		if (ctas)
			add_named(sc, sql_field_str(sql_field(sql_field(ctas, "into"), "rel"), "relname"),
					  sql_node_as(sql_field(ctas, "query"), "SelectStmt"));
		collect_ctes(sc, t->stmts[i].node);
	}
}

void
sql_order_scope_release(sql_order_scope *sc)
{
	free(sc->named);
	sc->named = NULL;
	sc->nnamed = 0;
}
