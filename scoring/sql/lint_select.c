/*
 * lint_select.c — lint rules over one query block (a SelectStmt body):
 * SELECT *, OFFSET pagination, ORDER BY random(), DISTINCT over a join,
 * tables without a join condition, correlated subqueries in the select
 * list; and it hands WHERE and JOIN ... ON conditions to lint_condition.
 * Without the catalogue, a column's table is known only when the column is
 * qualified: rules that need it (cartesian-product, correlated subqueries)
 * stay quiet when in doubt.  Called by lint.c for every query block.
 */
#include <stdio.h>
#include <string.h>

#include "lint_internal.h"

#define MAX_ITEMS 32  /* FROM items tracked per query block */

/* --- FROM items ------------------------------------------------------- */

typedef struct from_item {
	const char *name;      /* alias, else relation name; NULL: unnamed */
	int location;
	int component;         /* union-find parent, for cartesian-product */
	bool linked_to_all;    /* lateral or a function: assume it is linked */
} from_item;

typedef struct from_items {
	from_item items[MAX_ITEMS];
	int n;
	bool overflow;
	bool has_join;         /* a JoinExpr appears */
} from_items;

static void
add_item(from_items *f, const char *name, int location, bool linked)
{
	if (f->n == MAX_ITEMS) {
		f->overflow = true;
		return;
	}
	f->items[f->n].name = name;
	f->items[f->n].location = location;
	f->items[f->n].component = f->n;
	f->items[f->n].linked_to_all = linked;
	f->n++;
}

static int
find(from_items *f, int i)
{
	while (f->items[i].component != i)
		i = f->items[i].component = f->items[f->items[i].component].component;
	return i;
}

static void
unite(from_items *f, int a, int b)
{
	a = find(f, a);
	b = find(f, b);
	if (a != b)
		f->items[b].component = a;
}

/* Collect the items of one FROM entry; returns the index of its first
 * item.  A JoinExpr's sides count as linked to each other: its condition
 * (or CROSS JOIN, which says it means it) is explicit. */
static int
collect_from(from_items *f, const cJSON *node)
{
	const char *type = sql_node_type(node);
	const cJSON *body = sql_node_body(node);
	const cJSON *alias = sql_field(body, "alias");
	const char *name = sql_field_str(alias, "aliasname");
	int first = f->n;

	if (type == NULL)
		return first;
	if (strcmp(type, "RangeVar") == 0) {
		add_item(f, name ? name : sql_field_str(body, "relname"),
				 sql_field_int(body, "location", -1), false);
	} else if (strcmp(type, "RangeSubselect") == 0) {
		add_item(f, name, sql_node_location(body), sql_field_bool(body, "lateral"));
	} else if (strcmp(type, "JoinExpr") == 0) {
		int left, right;

		f->has_join = true;
		left = collect_from(f, sql_field(body, "larg"));
		right = collect_from(f, sql_field(body, "rarg"));
		if (left < f->n && right < f->n)
			unite(f, left, right);
		for (int i = left; i < f->n; i++)
			unite(f, left, i);
	} else {
		/* functions, XMLTABLE, TABLESAMPLE...: do not judge */
		add_item(f, name, sql_node_location(body), true);
	}
	return first;
}

static int
item_index(const from_items *f, const char *name)
{
	if (name == NULL)
		return -1;
	for (int i = 0; i < f->n; i++)
		if (f->items[i].name && strcmp(f->items[i].name, name) == 0)
			return i;
	return -1;
}

/* --- cartesian-product ------------------------------------------------ */

typedef struct link_scan {
	from_items *f;
	int first;             /* first item referenced, -1 none */
	int columns;           /* columns seen */
	bool unqualified;      /* a column we cannot attribute */
} link_scan;

static void
link_column(const cJSON *columnref, void *arg)
{
	link_scan *s = arg;
	int i = item_index(s->f, sql_column_qualifier(columnref));

	s->columns++;
	if (sql_column_qualifier(columnref) == NULL) {
		s->unqualified = true;
		return;
	}
	if (i < 0)
		return;  /* an outer query's table */
	if (s->first < 0)
		s->first = i;
	else
		unite(s->f, s->first, i);
}

/* Link the items each AND-ed conjunct of the condition refers to. */
static bool
link_conjuncts(from_items *f, const cJSON *cond)
{
	const cJSON *b = sql_node_as(cond, "BoolExpr");
	const char *op = sql_field_str(b, "boolop");
	link_scan s = {f, -1, 0, false};

	if (op && strcmp(op, "AND_EXPR") == 0) {
		const cJSON *arg;

		cJSON_ArrayForEach(arg, sql_field(b, "args"))
			if (!link_conjuncts(f, arg))
				return false;
		return true;
	}
	/* columns inside subqueries count: a correlated EXISTS links too */
	lint_each_column(cond, true, link_column, &s);
	/* with an unqualified column among several, this conjunct may be the
	 * join condition: we cannot tell, so the rule gives up */
	return !(s.unqualified && s.columns >= 2);
}

static void
rule_cartesian(linter *l, const cJSON *select, from_items *f)
{
	int n_entries = cJSON_GetArraySize(sql_field(select, "fromClause"));

	if (n_entries < 2 || f->overflow)
		return;
	for (int i = 0; i < f->n; i++)
		if (f->items[i].linked_to_all || f->items[i].name == NULL)
			for (int j = 0; j < f->n; j++)
				unite(f, i, j);
	if (!link_conjuncts(f, sql_field(select, "whereClause")))
		return;
	for (int i = 1; i < f->n; i++) {
		if (find(f, i) != find(f, 0)) {
			lint_report(l, "cartesian-product", f->items[i].location,
						"no join condition links %s to the other tables in FROM: every row pairs with every row",
						f->items[i].name);
			return;
		}
	}
}

/* --- correlated-subquery-in-select ----------------------------------- */

typedef struct correlation {
	const from_items *outer;
	from_items inner;
	bool correlated;
} correlation;

static void
correlated_column(const cJSON *columnref, void *arg)
{
	correlation *c = arg;
	const char *q = sql_column_qualifier(columnref);

	if (q && item_index(c->outer, q) >= 0 && item_index(&c->inner, q) < 0)
		c->correlated = true;
}

static void
check_subquery(linter *l, const from_items *outer, const cJSON *sublink)
{
	const cJSON *select = sql_node_as(sql_field(sublink, "subselect"), "SelectStmt");
	const cJSON *item;
	correlation c;

	memset(&c, 0, sizeof c);
	c.outer = outer;
	cJSON_ArrayForEach(item, sql_field(select, "fromClause"))
		collect_from(&c.inner, item);
	lint_each_column(select, true, correlated_column, &c);
	if (c.correlated)
		lint_report(l, "correlated-subquery-in-select", sql_field_int(sublink, "location", -1),
					"this subquery refers to the outer query, so it runs once for every output row");
}

/* Scalar/array subqueries in a select-list expression (not nested ones). */
static void
find_sublinks(linter *l, const from_items *outer, const cJSON *node)
{
	const cJSON *child;
	const cJSON *sub;

	if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
		return;
	if ((sub = sql_node_as(node, "SubLink")) != NULL) {
		const char *kind = sql_field_str(sub, "subLinkType");

		if (kind && (strcmp(kind, "EXPR_SUBLINK") == 0 ||
					 strcmp(kind, "ARRAY_SUBLINK") == 0))
			check_subquery(l, outer, sub);
		return;
	}
	for (child = node->child; child; child = child->next)
		find_sublinks(l, outer, child);
}

/* --- the simple ones -------------------------------------------------- */

static void
rule_select_star(linter *l, const cJSON *select)
{
	const cJSON *target;

	cJSON_ArrayForEach(target, sql_field(select, "targetList")) {
		const cJSON *col = sql_node_as(sql_field(sql_node_as(target, "ResTarget"), "val"),
									   "ColumnRef");
		const cJSON *fields = sql_field(col, "fields");
		const cJSON *last = fields ? cJSON_GetArrayItem(fields, cJSON_GetArraySize(fields) - 1) : NULL;

		if (last && sql_node_as(last, "A_Star")) {
			char name[128];

			sql_column_name(col, name, sizeof name);
			lint_report(l, "select-star", sql_field_int(col, "location", -1),
						"%s returns every column, including ones the query does not need", name);
		}
	}
}

static void
rule_offset(linter *l, const cJSON *select)
{
	const cJSON *offset = sql_field(select, "limitOffset");
	const cJSON *c = sql_node_as(offset, "A_Const");
	int location;

	if (offset == NULL)
		return;
	/* OFFSET 0 (an old optimisation fence) skips nothing */
	if (c && sql_field(c, "ival") && sql_field_int(sql_field(c, "ival"), "ival", 0) == 0)
		return;
	location = sql_node_location(sql_node_body(offset));
	lint_report(l, "offset-pagination", lint_keyword_before(l, location, "offset"),
				"OFFSET reads and throws away every skipped row, so deep pages get slower and slower");
}

static void
rule_order_by_random(linter *l, const cJSON *select)
{
	const cJSON *sort;

	cJSON_ArrayForEach(sort, sql_field(select, "sortClause")) {
		const cJSON *fn = sql_node_as(sql_field(sql_node_as(sort, "SortBy"), "node"),
									  "FuncCall");
		const char *name = sql_func_name(fn);

		if (name && strcmp(name, "random") == 0 && sql_field(fn, "args") == NULL)
			lint_report(l, "order-by-random", sql_field_int(fn, "location", -1),
						"ORDER BY random() reads and sorts every row to return a few");
	}
}

static void
rule_distinct_over_join(linter *l, const cJSON *select, const from_items *f)
{
	const cJSON *targets = sql_field(select, "targetList");
	int location;

	if (!sql_field_nonempty(select, "distinctClause") || !(f->has_join || f->n > 1))
		return;
	location = targets ? sql_node_location(targets->child) : -1;
	lint_report(l, "distinct-over-join", lint_keyword_before(l, location, "distinct"),
				"DISTINCT over a join: are the duplicates made by the join itself?");
}

/* Conditions of every JoinExpr in a FROM entry. */
static void
lint_join_conditions(linter *l, const cJSON *node)
{
	const cJSON *join = sql_node_as(node, "JoinExpr");

	if (join == NULL)
		return;
	lint_condition(l, sql_field(join, "quals"));
	lint_join_conditions(l, sql_field(join, "larg"));
	lint_join_conditions(l, sql_field(join, "rarg"));
}

void
lint_select(linter *l, const cJSON *select, bool in_exists)
{
	from_items f;
	const cJSON *item;

	memset(&f, 0, sizeof f);
	cJSON_ArrayForEach(item, sql_field(select, "fromClause")) {
		collect_from(&f, item);
		lint_join_conditions(l, item);
	}
	lint_condition(l, sql_field(select, "whereClause"));
	if (!in_exists)
		rule_select_star(l, select);
	rule_offset(l, select);
	lint_limit_order(l, select, in_exists);
	rule_order_by_random(l, select);
	rule_distinct_over_join(l, select, &f);
	cJSON_ArrayForEach(item, sql_field(select, "targetList"))
		find_sublinks(l, &f, item);
	rule_cartesian(l, select, &f);
}
