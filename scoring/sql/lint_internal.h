/*
 * lint_internal.h — what the lint files share: the linter (the findings
 * being collected for one statement) and the rule entry points.  lint.c
 * walks the tree and calls lint_select for every query block and
 * lint_expression for every expression node; lint_select.c and
 * lint_expr.c hold the detectors and report through lint_rules.c (the
 * catalogue, lint_report).  One way only: no rule file calls lint.c.
 * Internal to scoring/sql/.
 */
#ifndef PGDRILL_SQL_LINT_INTERNAL_H
#define PGDRILL_SQL_LINT_INTERNAL_H

#include "internal.h"
#include "lint.h"

/* IN lists longer than this are "very long" (docs/lint-rules.md). */
#define LINT_LONG_IN_LIST 100

typedef struct linter {
	const sql_tree *t;
	const sql_tree_stmt *st;     /* the statement being linted */
	sql_order_scope scope;       /* unique keys and named queries
									(limit-without-unique-order) */
	lint_finding *items;
	size_t n, cap;
} linter;

/* Record a finding of rule `id` at a 0-based tree location (-1: the
 * statement's start), with a printf-style message. */
void lint_report(linter *l, const char *id, int location, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The 0-based offset of the last unquoted word `kw` in the statement before
 * `location`, or `location` itself when there is none. */
int lint_keyword_before(const linter *l, int location, const char *kw);

/* Rules over one query block (a SelectStmt body); in_exists: it is the
 * subquery of EXISTS, where the select list does not matter. */
void lint_select(linter *l, const cJSON *select, bool in_exists);

/* Rules over one expression node (type "A_Expr", "BoolExpr", "SubLink"...)
 * anywhere in a statement. */
void lint_expression(linter *l, const char *type, const cJSON *body);

/* The rule limit-without-unique-order over one query block (lint_order.c):
 * called by lint_select. */
void lint_limit_order(linter *l, const cJSON *select, bool in_exists);

/* Rules over a condition (WHERE, JOIN ... ON): called by lint_select. */
void lint_condition(linter *l, const cJSON *condition);

/* Calls fn for every ColumnRef body under node, not descending into
 * subqueries unless `into_subqueries`. */
typedef void (*lint_column_fn)(const cJSON *columnref, void *arg);
void lint_each_column(const cJSON *node, bool into_subqueries,
					  lint_column_fn fn, void *arg);

#endif
