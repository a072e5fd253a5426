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
sql_lint_tree(const sql_tree *t, const sql_key_catalog *cat)
{
	linter l = {0};
	lint_findings *result;

	l.t = t;
	l.scope.catalog = cat != NULL;
	l.scope.keys = cat ? cat->keys : NULL;
	l.scope.nkeys = cat ? cat->n : 0;
	sql_order_scope_collect(&l.scope, t);
	for (size_t i = 0; i < t->n; i++) {
		l.st = &t->stmts[i];
		visit(&l, t->stmts[i].node, false);
		lint_unions(&l);
	}
	sql_order_scope_release(&l.scope);
	if (l.n > 1)
		qsort(l.items, l.n, sizeof *l.items, compare_findings);
	result = xcalloc(1, sizeof *result);
	result->items = l.items;
	result->n = l.n;
	return result;
}

bool
sql_lint_keys(const char *src, size_t len, const sql_key_catalog *cat, lint_findings **out,
			  error *err)
{
	sql_tree t;

	*out = NULL;
	if (!sql_tree_parse(&t, src, len, err))
		return false;
	*out = sql_lint_tree(&t, cat);
	sql_tree_free(&t);
	return true;
}

bool
sql_lint(const char *src, size_t len, lint_findings **out, error *err)
{
	return sql_lint_keys(src, len, NULL, out, err);
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
