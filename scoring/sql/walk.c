/*
 * walk.c — the whole-tree walk of an allowed statement, for what must never
 * run inside a graded answer even though the statement's kind is allowed:
 *   - data-modifying statements in WITH (INSERT/UPDATE/DELETE/MERGE);
 *   - locking clauses (FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE);
 *   - calls of denied functions (deny.c), wherever they are: select list,
 *     WHERE, subqueries, CTEs, LATERAL, FROM functions, function arguments,
 *     index expressions and predicates, materialized view queries.
 * It visits every JSON object and array of the statement, so no node kind
 * can hide a call.  Recursion depth is bounded by cJSON's nesting limit.
 * Called by analyze.c for each statement that passed the allow-policy.
 */
#include <string.h>

#include "deny.h"
#include "internal.h"
#include "lex.h"

typedef struct walker {
	const sql_tree *t;
	const sql_tree_stmt *st;
	error *err;
} walker;

static bool
is_dml(const char *type)
{
	return type && (strcmp(type, "InsertStmt") == 0 ||
					strcmp(type, "UpdateStmt") == 0 ||
					strcmp(type, "DeleteStmt") == 0 ||
					strcmp(type, "MergeStmt") == 0);
}

static const char *
dml_name(const char *type)
{
	if (strcmp(type, "InsertStmt") == 0)
		return "INSERT";
	if (strcmp(type, "UpdateStmt") == 0)
		return "UPDATE";
	if (strcmp(type, "DeleteStmt") == 0)
		return "DELETE";
	return "MERGE";
}

/* Byte offset of the first FOR UPDATE/SHARE/NO KEY/KEY SHARE in the
 * statement, as the parse tree does not locate locking clauses. */
static size_t
locking_offset(const walker *w)
{
	const char *src = w->t->src;
	size_t end = w->st->offset + w->st->length;
	sql_token prev = {SQL_TOKEN_END, 0, 0};
	size_t pos = w->st->offset;

	for (;;) {
		sql_token tok = sql_lex_next(src, end, pos);

		if (tok.kind == SQL_TOKEN_END)
			return w->st->offset;
		if (sql_token_is_word(src, &prev, "for") &&
			(sql_token_is_word(src, &tok, "update") ||
			 sql_token_is_word(src, &tok, "share") ||
			 sql_token_is_word(src, &tok, "no") ||
			 sql_token_is_word(src, &tok, "key")))
			return prev.start;
		prev = tok;
		pos = tok.end;
	}
}

/* 1-based position of a tree location, or of the statement when unknown. */
static int
position_of(const walker *w, int location)
{
	return location >= 0 ? location + 1 : (int) w->st->offset + 1;
}

static bool walk(walker *w, const cJSON *node);

static bool
walk_wrapped(walker *w, const char *type, const cJSON *body)
{
	if (strcmp(type, "FuncCall") == 0) {
		const char *name = sql_func_name(body);
		const char *reason = name ? sql_deny_reason(name,
				cJSON_GetArraySize(sql_field(body, "args"))) : NULL;

		if (reason) {
			sql_reject_at(w->err, w->t->src, w->t->len,
						  position_of(w, sql_field_int(body, "location", -1)),
						  "function %s() is not allowed in an answer: %s", name, reason);
			return false;
		}
	} else if (strcmp(type, "CommonTableExpr") == 0) {
		const char *inner = sql_node_type(sql_field(body, "ctequery"));

		if (is_dml(inner)) {
			sql_reject_at(w->err, w->t->src, w->t->len,
						  position_of(w, sql_field_int(body, "location", -1)),
						  "data-modifying statement in WITH is not allowed: %s would change the data",
						  dml_name(inner));
			error_hint(w->err, "An answer may only read; remove the %s.", dml_name(inner));
			return false;
		}
	} else if (is_dml(type)) {
		/* DML can only nest in WITH, handled above; be safe anyway */
		sql_reject_at(w->err, w->t->src, w->t->len,
					  position_of(w, sql_node_location(body)),
					  "data-modifying statement is not allowed: %s", dml_name(type));
		return false;
	}
	return walk(w, body);
}

static bool
walk(walker *w, const cJSON *node)
{
	const char *type;
	const cJSON *child;

	if (cJSON_IsArray(node)) {
		cJSON_ArrayForEach(child, node)
			if (!walk(w, child))
				return false;
		return true;
	}
	if (!cJSON_IsObject(node))
		return true;
	type = sql_node_type(node);
	if (type)
		return walk_wrapped(w, type, node->child);
	/* a body: SelectStmt bodies carry the locking clause */
	if (sql_field_nonempty(node, "lockingClause")) {
		sql_reject_at(w->err, w->t->src, w->t->len, (int) locking_offset(w) + 1,
					  "locking clause (FOR UPDATE/SHARE) is not allowed in an answer");
		error_hint(w->err, "Row locks would block other sessions; remove the FOR ... clause.");
		return false;
	}
	for (child = node->child; child; child = child->next)
		if ((cJSON_IsObject(child) || cJSON_IsArray(child)) && !walk(w, child))
			return false;
	return true;
}

bool
sql_walk_check(const sql_tree *t, const sql_tree_stmt *st, error *err)
{
	walker w = {t, st, err};

	return walk(&w, st->node);
}

bool
sql_walk_check_node(const sql_tree *t, const sql_tree_stmt *st, const cJSON *node,
					error *err)
{
	walker w = {t, st, err};

	return walk(&w, node);
}
