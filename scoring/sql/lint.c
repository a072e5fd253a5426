/*
 * lint.c — sql_lint: parse a script, walk every statement's tree, run the
 * rules (lint_select.c for query blocks, lint_expr.c for expressions), and
 * return the findings sorted by position.  Also the rule catalogue — ids,
 * severities and advice live here, once — and the one rule that needs the
 * tokens rather than the tree (UNION without ALL: the tree does not locate
 * set operations, the keyword does).  Called by `pgdrill lint` and check.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "lint_internal.h"
#include "strbuf.h"

static const lint_rule_info rules[] = {
	{"non-sargable-function", LINT_WARNING,
	 "a function applied to a column in WHERE or JOIN ... ON",
	 "Compare the bare column (move the function to the other side), or index the expression."},
	{"non-sargable-cast", LINT_WARNING,
	 "a cast applied to a column in WHERE or JOIN ... ON",
	 "Cast the other side to the column's type instead, so an index on the column can be used."},
	{"leading-wildcard-like", LINT_WARNING,
	 "LIKE / ILIKE with a pattern that starts with % or _",
	 "A B-tree index cannot serve a leading wildcard: anchor the pattern, or use a trigram (pg_trgm) index."},
	{"not-in-subquery", LINT_WARNING,
	 "NOT IN (subquery)",
	 "Use NOT EXISTS: NOT IN returns no rows when the subquery yields a NULL, and plans worse."},
	{"offset-pagination", LINT_WARNING,
	 "OFFSET to page through results",
	 "Paginate by key instead: WHERE key > last_seen ORDER BY key LIMIT n."},
	{"select-star", LINT_INFO,
	 "SELECT * (or t.*) in a query's output",
	 "Name the columns you need: fewer bytes, and index-only scans become possible."},
	{"correlated-subquery-in-select", LINT_WARNING,
	 "a subquery in the select list that refers to the outer query",
	 "It runs once per row: rewrite it as a JOIN (with GROUP BY) or a LATERAL join."},
	{"or-across-columns", LINT_INFO,
	 "OR between conditions on different columns",
	 "One index cannot serve both sides: consider a UNION ALL of two queries, or an index per column."},
	{"cartesian-product", LINT_WARNING,
	 "tables in FROM with no join condition between them",
	 "Add the join condition, or write CROSS JOIN if the product is intended."},
	{"order-by-random", LINT_WARNING,
	 "ORDER BY random()",
	 "Pick random keys (or use TABLESAMPLE) instead of sorting the whole table."},
	{"distinct-over-join", LINT_INFO,
	 "DISTINCT over a join",
	 "DISTINCT often hides a join fan-out: use EXISTS for the filtering table instead of joining it."},
	{"count-for-existence", LINT_WARNING,
	 "COUNT(*) compared with 0 or 1 to test whether rows exist",
	 "Use EXISTS (SELECT 1 ...): it stops at the first row instead of counting them all."},
	{"union-without-all", LINT_INFO,
	 "UNION (which removes duplicates) where UNION ALL may do",
	 "If the branches cannot overlap, or duplicates are fine, UNION ALL skips the sort or hash."},
	{"long-in-list", LINT_INFO,
	 "an IN list of more than 100 values",
	 "Pass the values as an array (= ANY($1)) or join a VALUES list / temporary table."},
};

#define N_RULES (sizeof rules / sizeof rules[0])

const lint_rule_info *
lint_rules(size_t *n)
{
	*n = N_RULES;
	return rules;
}

const char *
lint_severity_name(lint_severity severity)
{
	return severity == LINT_WARNING ? "warning" : "info";
}

static const lint_rule_info *
rule_by_id(const char *id)
{
	for (size_t i = 0; i < N_RULES; i++)
		if (strcmp(rules[i].id, id) == 0)
			return &rules[i];
	return NULL;
}

void
lint_report(linter *l, const char *id, int location, const char *fmt, ...)
{
	const lint_rule_info *rule = rule_by_id(id);
	lint_finding *f;
	int position = location >= 0 ? location + 1 : (int) l->st->offset + 1;
	va_list ap;
	strbuf msg = STRBUF_INIT;

	if (rule == NULL)
		return;  /* a typo in a rule: tests catch it (every rule fires) */
	/* one finding per rule and spot */
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].position == position && strcmp(l->items[i].id, id) == 0)
			return;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	f = &l->items[l->n++];
	f->id = rule->id;
	f->severity = rule->severity;
	f->advice = rule->advice;
	f->position = position;
	sql_line_column(l->t->src, l->t->len, position, &f->line, &f->column);
	strbuf_init(&msg);
	va_start(ap, fmt);
	strbuf_vprintf(&msg, fmt, ap);
	va_end(ap);
	f->message = strbuf_steal(&msg);
}

int
lint_keyword_before(const linter *l, int location, const char *kw)
{
	const char *src = l->t->src;
	size_t end = (size_t) location;
	size_t pos = l->st->offset;
	int found = location;

	if (location < 0 || end > l->t->len)
		return location;
	for (;;) {
		sql_token tok = sql_lex_next(src, end, pos);

		if (tok.kind == SQL_TOKEN_END)
			return found;
		if (sql_token_is_word(src, &tok, kw))
			found = (int) tok.start;
		pos = tok.end;
	}
}

/* --- walking the tree ------------------------------------------------ */

static void visit(linter *l, const cJSON *node, bool in_exists);

static void
visit_select(linter *l, const cJSON *body, bool in_exists)
{
	const cJSON *child;

	lint_select(l, body, in_exists);
	for (child = body->child; child; child = child->next) {
		/* set operation branches are bare SelectStmt bodies */
		if ((strcmp(child->string, "larg") == 0 || strcmp(child->string, "rarg") == 0) &&
			cJSON_IsObject(child) && sql_node_type(child) == NULL)
			visit_select(l, child, false);
		else
			visit(l, child, false);
	}
}

static void
visit(linter *l, const cJSON *node, bool in_exists)
{
	const cJSON *child;
	const char *type;

	if (cJSON_IsArray(node)) {
		cJSON_ArrayForEach(child, node)
			visit(l, child, false);
		return;
	}
	if (!cJSON_IsObject(node))
		return;
	type = sql_node_type(node);
	if (type == NULL) {
		for (child = node->child; child; child = child->next)
			visit(l, child, false);
		return;
	}
	if (strcmp(type, "SelectStmt") == 0) {
		visit_select(l, node->child, in_exists);
		return;
	}
	lint_expression(l, type, node->child);
	if (strcmp(type, "SubLink") == 0) {
		const char *kind = sql_field_str(node->child, "subLinkType");
		bool exists = kind && strcmp(kind, "EXISTS_SUBLINK") == 0;

		for (child = node->child->child; child; child = child->next)
			visit(l, child, exists && strcmp(child->string, "subselect") == 0);
		return;
	}
	for (child = node->child->child; child; child = child->next)
		visit(l, child, false);
}

/* True when some query block of the tree is a UNION without ALL. */
static bool
has_plain_union(const cJSON *node)
{
	const cJSON *child;

	if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
		return false;
	if (cJSON_IsObject(node)) {
		const char *op = sql_field_str(node, "op");

		if (op && strcmp(op, "SETOP_UNION") == 0 && !sql_field_bool(node, "all"))
			return true;
	}
	for (child = node->child; child; child = child->next)
		if (has_plain_union(child))
			return true;
	return false;
}

/* UNION without ALL, located by its keyword (see the file comment). */
static void
lint_unions(linter *l)
{
	const char *src = l->t->src;
	size_t end = l->st->offset + l->st->length;
	size_t pos = l->st->offset;

	if (!has_plain_union(l->st->node))
		return;
	for (;;) {
		sql_token tok = sql_lex_next(src, end, pos);
		sql_token next;

		if (tok.kind == SQL_TOKEN_END)
			return;
		pos = tok.end;
		if (!sql_token_is_word(src, &tok, "union"))
			continue;
		next = sql_lex_next(src, end, pos);
		if (!sql_token_is_word(src, &next, "all"))
			lint_report(l, "union-without-all", (int) tok.start,
						"UNION removes duplicates, with a sort or hash of both branches");
	}
}

static int
compare_findings(const void *a, const void *b)
{
	const lint_finding *x = a, *y = b;

	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	return strcmp(x->id, y->id);
}

lint_findings *
sql_lint_tree(const sql_tree *t)
{
	linter l = {0};
	lint_findings *result;

	l.t = t;
	for (size_t i = 0; i < t->n; i++) {
		l.st = &t->stmts[i];
		visit(&l, t->stmts[i].node, false);
		lint_unions(&l);
	}
	if (l.n > 1)
		qsort(l.items, l.n, sizeof *l.items, compare_findings);
	result = xcalloc(1, sizeof *result);
	result->items = l.items;
	result->n = l.n;
	return result;
}

bool
sql_lint(const char *src, size_t len, lint_findings **out, error *err)
{
	sql_tree t;

	*out = NULL;
	if (!sql_tree_parse(&t, src, len, err))
		return false;
	*out = sql_lint_tree(&t);
	sql_tree_free(&t);
	return true;
}

void
lint_findings_free(lint_findings *findings)
{
	if (findings == NULL)
		return;
	for (size_t i = 0; i < findings->n; i++)
		free(findings->items[i].message);
	free(findings->items);
	free(findings);
}
