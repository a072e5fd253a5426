/*
 * lint_expr.c — lint rules over expressions: the ones that look at one node
 * wherever it is (leading-wildcard LIKE, NOT IN (subquery), COUNT(*) to test
 * existence, very long IN lists) and the ones that only matter in a
 * condition, where an index could serve it (function or cast applied to a
 * column, OR across different columns).  Each rule also knows its
 * look-alike that is fine, and stays quiet on it (docs/lint-rules.md).
 * Called by lint.c (lint_expression) and lint_select.c (lint_condition).
 */
#include <stdio.h>
#include <string.h>

#include "lint_internal.h"

#define NAME_MAX_LEN 128

/* The operator name of an A_Expr ("=", "~~"), NULL if qualified oddly. */
static const char *
operator_name(const cJSON *aexpr)
{
	const cJSON *names = sql_field(aexpr, "name");
	const cJSON *last = NULL, *item;

	cJSON_ArrayForEach(item, names)
		last = item;
	return sql_field_str(sql_node_as(last, "String"), "sval");
}

static bool
is_kind(const cJSON *aexpr, const char *kind)
{
	const char *k = sql_field_str(aexpr, "kind");

	return k && strcmp(k, kind) == 0;
}

void
lint_each_column(const cJSON *node, bool into_subqueries, lint_column_fn fn,
				 void *arg)
{
	const cJSON *child;
	const char *type;

	if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
		return;
	type = sql_node_type(node);
	if (type && strcmp(type, "ColumnRef") == 0) {
		fn(node->child, arg);
		return;
	}
	if (type && !into_subqueries && strcmp(type, "SubLink") == 0) {
		/* the tested expression belongs to this level, the query does not */
		lint_each_column(sql_field(node->child, "testexpr"), false, fn, arg);
		return;
	}
	for (child = node->child; child; child = child->next)
		lint_each_column(child, into_subqueries, fn, arg);
}

/* The first ColumnRef under a node (this query level only), or NULL. */
static void
first_column_fn(const cJSON *columnref, void *arg)
{
	const cJSON **first = arg;

	if (*first == NULL)
		*first = columnref;
}

static const cJSON *
first_column(const cJSON *node)
{
	const cJSON *first = NULL;

	lint_each_column(node, false, first_column_fn, &first);
	return first;
}

/* --- leading-wildcard-like ------------------------------------------- */

/* The string of an A_Const, or of the leftmost constant of a || chain. */
static const cJSON *
pattern_const(const cJSON *node)
{
	const cJSON *body;

	for (int guard = 0; guard < 64; guard++) {
		if ((body = sql_node_as(node, "A_Const")) != NULL)
			return body;
		if ((body = sql_node_as(node, "TypeCast")) != NULL) {
			node = sql_field(body, "arg");
			continue;
		}
		if ((body = sql_node_as(node, "A_Expr")) != NULL) {
			const char *op = operator_name(body);

			if (op && strcmp(op, "||") == 0) {
				node = sql_field(body, "lexpr");
				continue;
			}
		}
		return NULL;
	}
	return NULL;
}

static void
rule_leading_wildcard(linter *l, const cJSON *aexpr)
{
	const char *op = operator_name(aexpr);
	const cJSON *c;
	const char *pattern;

	if (!(is_kind(aexpr, "AEXPR_LIKE") || is_kind(aexpr, "AEXPR_ILIKE") ||
		  (is_kind(aexpr, "AEXPR_OP") && op &&
		   (strcmp(op, "~~") == 0 || strcmp(op, "~~*") == 0))))
		return;
	if (op && op[0] == '!')
		return;  /* NOT LIKE cannot use an index in any case */
	c = pattern_const(sql_field(aexpr, "rexpr"));
	pattern = sql_field_str(sql_field(c, "sval"), "sval");
	if (pattern && (pattern[0] == '%' || pattern[0] == '_'))
		lint_report(l, "leading-wildcard-like", sql_field_int(c, "location", -1),
					"pattern '%.40s' starts with a wildcard: no index can narrow the search",
					pattern);
}

/* --- not-in-subquery -------------------------------------------------- */

static void
rule_not_in_subquery(linter *l, const cJSON *boolexpr)
{
	const char *op = sql_field_str(boolexpr, "boolop");
	const cJSON *args = sql_field(boolexpr, "args");
	const cJSON *sub;
	const char *kind;

	if (!op || strcmp(op, "NOT_EXPR") != 0 || cJSON_GetArraySize(args) != 1)
		return;
	sub = sql_node_as(args->child, "SubLink");
	kind = sql_field_str(sub, "subLinkType");
	if (kind && strcmp(kind, "ANY_SUBLINK") == 0)
		lint_report(l, "not-in-subquery",
					sql_field_int(sub, "location", sql_field_int(boolexpr, "location", -1)),
					"NOT IN (subquery) is never true when the subquery returns a NULL, and cannot become an anti-join");
}

/* --- count-for-existence ---------------------------------------------- */

/* The integer value of an A_Const (0 when omitted, as libpg_query does). */
static bool
const_int(const cJSON *node, long *value)
{
	const cJSON *c = sql_node_as(node, "A_Const");
	const cJSON *ival;

	if (c == NULL || (ival = sql_field(c, "ival")) == NULL)
		return false;
	*value = sql_field_int(ival, "ival", 0);
	return true;
}

/* A scalar subquery whose only output is count(...), without GROUP BY. */
static const cJSON *
count_subquery(const cJSON *node)
{
	const cJSON *sub = sql_node_as(node, "SubLink");
	const cJSON *select, *targets, *val, *fn;
	const char *kind = sql_field_str(sub, "subLinkType");
	const char *name;

	if (!kind || strcmp(kind, "EXPR_SUBLINK") != 0)
		return NULL;
	select = sql_node_as(sql_field(sub, "subselect"), "SelectStmt");
	targets = sql_field(select, "targetList");
	if (cJSON_GetArraySize(targets) != 1 || sql_field(select, "groupClause"))
		return NULL;
	val = sql_field(sql_node_as(targets->child, "ResTarget"), "val");
	fn = sql_node_as(val, "FuncCall");
	name = sql_func_name(fn);
	return name && strcmp(name, "count") == 0 ? sub : NULL;
}

static void
rule_count_for_existence(linter *l, const cJSON *aexpr)
{
	/* count OP n, n OP count: which comparisons only ask "any rows?" */
	static const struct {
		const char *op;
		long value;
		bool count_on_left;
	} tests[] = {
		{">", 0, true}, {">=", 1, true}, {"<>", 0, true}, {"!=", 0, true},
		{"=", 0, true}, {"<", 1, true},
		{"<", 0, false}, {"<=", 1, false}, {"<>", 0, false}, {"!=", 0, false},
		{"=", 0, false}, {">", 1, false},
	};
	const char *op = operator_name(aexpr);
	const cJSON *sub;
	long value;

	if (!is_kind(aexpr, "AEXPR_OP") || op == NULL)
		return;
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		const cJSON *count_side = sql_field(aexpr, tests[i].count_on_left ? "lexpr" : "rexpr");
		const cJSON *value_side = sql_field(aexpr, tests[i].count_on_left ? "rexpr" : "lexpr");

		if (strcmp(op, tests[i].op) != 0 || !const_int(value_side, &value) ||
			value != tests[i].value || (sub = count_subquery(count_side)) == NULL)
			continue;
		lint_report(l, "count-for-existence", sql_field_int(sub, "location", -1),
					"COUNT(*) %s %ld only asks whether a row exists, but counts them all",
					op, value);
		return;
	}
}

/* --- long-in-list ------------------------------------------------------ */

static void
rule_long_in_list(linter *l, const cJSON *aexpr)
{
	const cJSON *list = sql_node_as(sql_field(aexpr, "rexpr"), "List");
	int n = cJSON_GetArraySize(sql_field(list, "items"));

	if (is_kind(aexpr, "AEXPR_IN") && n > LINT_LONG_IN_LIST)
		lint_report(l, "long-in-list", sql_field_int(aexpr, "location", -1),
					"IN list of %d values: parsed, planned and compared one by one", n);
}

void
lint_expression(linter *l, const char *type, const cJSON *body)
{
	if (strcmp(type, "A_Expr") == 0) {
		rule_leading_wildcard(l, body);
		rule_count_for_existence(l, body);
		rule_long_in_list(l, body);
	} else if (strcmp(type, "BoolExpr") == 0) {
		rule_not_in_subquery(l, body);
	}
}

/* --- conditions: non-sargable, or-across-columns ---------------------- */

static bool
is_comparison(const cJSON *aexpr)
{
	static const char *const ops[] = {"=", "<", ">", "<=", ">=", "<>", "!=",
									  "~~", "~~*"};
	const char *op = operator_name(aexpr);

	if (is_kind(aexpr, "AEXPR_LIKE") || is_kind(aexpr, "AEXPR_ILIKE") ||
		is_kind(aexpr, "AEXPR_IN") || is_kind(aexpr, "AEXPR_BETWEEN") ||
		is_kind(aexpr, "AEXPR_OP_ANY"))
		return true;
	if (!is_kind(aexpr, "AEXPR_OP") || op == NULL)
		return false;
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strcmp(op, ops[i]) == 0)
			return true;
	return false;
}

/* One side of a comparison: a function or cast wrapped around a column? */
static void
check_side(linter *l, const cJSON *side)
{
	const cJSON *body;
	const cJSON *col;
	char name[NAME_MAX_LEN];

	if ((body = sql_node_as(side, "FuncCall")) != NULL) {
		if ((col = first_column(sql_field(body, "args"))) == NULL)
			return;  /* a function of constants: computed once, fine */
		sql_column_name(col, name, sizeof name);
		lint_report(l, "non-sargable-function", sql_field_int(body, "location", -1),
					"%s() applied to column %s in a condition: a plain index on %s cannot be used",
					sql_func_name(body), name, name);
	} else if ((body = sql_node_as(side, "CoalesceExpr")) != NULL ||
			   (body = sql_node_as(side, "MinMaxExpr")) != NULL) {
		const char *fn = sql_node_as(side, "CoalesceExpr") ? "coalesce"
			: sql_field_str(body, "op") && strcmp(sql_field_str(body, "op"), "IS_LEAST") == 0
			? "least" : "greatest";

		if ((col = first_column(sql_field(body, "args"))) == NULL)
			return;
		sql_column_name(col, name, sizeof name);
		lint_report(l, "non-sargable-function", sql_field_int(body, "location", -1),
					"%s() applied to column %s in a condition: a plain index on %s cannot be used",
					fn, name, name);
	} else if ((body = sql_node_as(side, "TypeCast")) != NULL) {
		if ((col = first_column(sql_field(body, "arg"))) == NULL)
			return;  /* a cast constant: fine */
		sql_column_name(col, name, sizeof name);
		lint_report(l, "non-sargable-cast", sql_field_int(col, "location", -1),
					"column %s is cast in a condition: a plain index on %s cannot be used",
					name, name);
	}
}

/* Column names referenced by one OR arm, as a sorted "a,b" string. */
typedef struct column_set {
	char names[8][NAME_MAX_LEN];
	int n;
	bool overflow;
} column_set;

static void
add_column(const cJSON *columnref, void *arg)
{
	column_set *set = arg;
	char name[NAME_MAX_LEN];

	sql_column_name(columnref, name, sizeof name);
	for (int i = 0; i < set->n; i++)
		if (strcmp(set->names[i], name) == 0)
			return;
	if (set->n == 8) {
		set->overflow = true;
		return;
	}
	strcpy(set->names[set->n++], name);
}

static bool
same_set(const column_set *a, const column_set *b)
{
	if (a->n != b->n)
		return false;
	for (int i = 0; i < a->n; i++) {
		bool found = false;

		for (int j = 0; j < b->n && !found; j++)
			found = strcmp(a->names[i], b->names[j]) == 0;
		if (!found)
			return false;
	}
	return true;
}

static void
rule_or_across_columns(linter *l, const cJSON *boolexpr)
{
	const cJSON *arm;
	column_set first = {0}, other;
	bool have_first = false;

	cJSON_ArrayForEach(arm, sql_field(boolexpr, "args")) {
		memset(&other, 0, sizeof other);
		lint_each_column(arm, false, add_column, &other);
		if (other.n == 0 || other.overflow)
			return;  /* an arm on no column (a parameter switch): not this */
		if (!have_first) {
			first = other;
			have_first = true;
		} else if (!same_set(&first, &other)) {
			lint_report(l, "or-across-columns", sql_field_int(boolexpr, "location", -1),
						"OR between conditions on %s and on %s: one index cannot serve both",
						first.names[0], other.names[0]);
			return;
		}
	}
}

void
lint_condition(linter *l, const cJSON *condition)
{
	const char *type = sql_node_type(condition);
	const cJSON *body = sql_node_body(condition);
	const cJSON *child;

	if (type == NULL)
		return;
	if (strcmp(type, "SubLink") == 0)
		return;  /* its query is linted as a query block of its own */
	if (strcmp(type, "BoolExpr") == 0) {
		const char *op = sql_field_str(body, "boolop");

		if (op && strcmp(op, "OR_EXPR") == 0)
			rule_or_across_columns(l, body);
		cJSON_ArrayForEach(child, sql_field(body, "args"))
			lint_condition(l, child);
		return;
	}
	if (strcmp(type, "A_Expr") == 0 && is_comparison(body)) {
		check_side(l, sql_field(body, "lexpr"));
		if (!is_kind(body, "AEXPR_IN"))
			check_side(l, sql_field(body, "rexpr"));
	} else if (strcmp(type, "NullTest") == 0) {
		check_side(l, sql_field(body, "arg"));
	}
}
