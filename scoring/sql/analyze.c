/*
 * analyze.c — sql_analyze, the gate every submission passes: parse, classify
 * every statement, apply the drill's allow-policy, walk each statement's
 * tree for what may never run, and hand the engine a script of statements.
 *
 * Policy (docs/sql-analysis.md): the last statement is the graded SELECT;
 * every earlier statement is a preparatory kind the drill allows (CREATE
 * INDEX, CREATE STATISTICS, ANALYZE for index drills; CREATE MATERIALIZED
 * VIEW for cache drills).  The first violation, in script order, is
 * reported, positioned at its statement (or at the construct, for what the
 * walk finds).  Called by the engine (check, grade, author verify).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "lint.h"
#include "strbuf.h"

typedef struct kind_flag {
	sql_kind kind;
	unsigned flag;
} kind_flag;

static const kind_flag kind_flags[] = {
	{SQL_KIND_SELECT, SQL_ALLOW_SELECT},
	{SQL_KIND_CREATE_INDEX, SQL_ALLOW_CREATE_INDEX},
	{SQL_KIND_CREATE_STATISTICS, SQL_ALLOW_CREATE_STATISTICS},
	{SQL_KIND_ANALYZE, SQL_ALLOW_ANALYZE},
	{SQL_KIND_CREATE_MATVIEW, SQL_ALLOW_CREATE_MATVIEW},
	{SQL_KIND_CREATE_TABLE, SQL_ALLOW_CREATE_TABLE},
};

static unsigned
flag_of(sql_kind kind)
{
	for (size_t i = 0; i < sizeof kind_flags / sizeof kind_flags[0]; i++)
		if (kind_flags[i].kind == kind)
			return kind_flags[i].flag;
	return 0;
}

/* "CREATE INDEX, ANALYZE" — the preparatory kinds `allow` admits. */
static void
describe_allowed(strbuf *sb, unsigned allow)
{
	static const struct {
		unsigned flag;
		const char *name;
	} names[] = {
		{SQL_ALLOW_CREATE_INDEX, "CREATE INDEX"},
		{SQL_ALLOW_CREATE_STATISTICS, "CREATE STATISTICS"},
		{SQL_ALLOW_ANALYZE, "ANALYZE"},
		{SQL_ALLOW_CREATE_MATVIEW, "CREATE MATERIALIZED VIEW"},
		{SQL_ALLOW_CREATE_TABLE, "CREATE TABLE"},
	};
	bool first = true;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (allow & names[i].flag) {
			strbuf_printf(sb, "%s%s", first ? "" : ", ", names[i].name);
			first = false;
		}
	}
}

/* Why a statement of this kind is rejected, as a hint. */
static void
hint_for(error *err, const char *name, unsigned allow)
{
	strbuf sb = STRBUF_INIT;

	strbuf_init(&sb);
	if (strcmp(name, "SELECT INTO") == 0)
		strbuf_append(&sb, "SELECT INTO creates a table; write a plain SELECT.");
	else if (strcmp(name, "CREATE INDEX CONCURRENTLY") == 0)
		strbuf_append(&sb, "Answers run inside a transaction, where CONCURRENTLY cannot; drop the keyword.");
	else if (strcmp(name, "VACUUM") == 0)
		strbuf_append(&sb, "VACUUM cannot run inside a transaction; ANALYZE may be allowed instead.");
	else {
		strbuf_append(&sb, "An answer is one SELECT");
		if (allow & ~SQL_ALLOW_SELECT) {
			strbuf_append(&sb, ", after any of: ");
			describe_allowed(&sb, allow);
		}
		strbuf_append(&sb, ".");
	}
	error_hint(err, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

/* The allow-policy for statement i of n (see the file comment). */
static bool
check_policy(const sql_tree *t, size_t i, sql_kind kind, const char *name,
			 unsigned allow, error *err)
{
	const sql_tree_stmt *st = &t->stmts[i];
	int position = (int) st->offset + 1;
	bool last = i + 1 == t->n;

	if (kind == SQL_KIND_SELECT && last)
		return true;
	if (kind == SQL_KIND_SELECT) {
		sql_reject_at(err, t->src, t->len, position,
					  "only one SELECT is allowed, and it must be the last statement");
		hint_for(err, name, allow);
		return false;
	}
	if (kind == SQL_KIND_OTHER || !(allow & flag_of(kind))) {
		sql_reject_at(err, t->src, t->len, position,
					  kind == SQL_KIND_OTHER ? "%s is not allowed in an answer"
					  : "%s is not allowed in this drill", name);
		hint_for(err, name, allow);
		return false;
	}
	if (last) {
		sql_reject_at(err, t->src, t->len, position,
					  "the answer must end with the SELECT to be graded, not %s", name);
		error_hint(err, "Put the query last; %s statements prepare for it.", name);
		return false;
	}
	return true;
}

/* The policy and the walk over a parsed script, then its statements. */
static sql_script *
analyze_tree(const sql_tree *t, unsigned allow, error *err)
{
	sql_script *script;

	allow |= SQL_ALLOW_SELECT;
	for (size_t i = 0; i < t->n; i++) {
		const char *name;
		sql_kind kind = sql_classify(t->stmts[i].node, &name);

		if (!check_policy(t, i, kind, name, allow, err) ||
			!sql_walk_check(t, &t->stmts[i], err))
			return NULL;
	}
	script = xcalloc(1, sizeof *script);
	script->n = t->n;
	script->stmts = xcalloc(t->n, sizeof *script->stmts);
	for (size_t i = 0; i < t->n; i++) {
		sql_statement *s = &script->stmts[i];
		const sql_tree_stmt *st = &t->stmts[i];

		s->kind = sql_classify(st->node, &s->kind_name);
		s->text = xstrndup(t->src + st->offset, st->length);
		s->offset = (int) st->offset;
		s->length = (int) st->length;
		s->top_level_order_by = s->kind == SQL_KIND_SELECT &&
			sql_field_nonempty(sql_node_body(st->node), "sortClause");
		if (s->kind == SQL_KIND_CREATE_TABLE)
			s->target = sql_relation_name(sql_field(sql_node_body(st->node), "relation"));
	}
	return script;
}

/* The write policy of sql_analyze_write for a parsed one-statement tree:
 * the kind and its flags, the target's schema, then the walk of the body
 * (a top-level DML node is what the walk refuses everywhere else). */
static bool
check_write(const sql_tree *t, unsigned allow, sql_kind *kind, char **target, error *err)
{
	const sql_tree_stmt *st = &t->stmts[0];
	const char *type = sql_node_type(st->node);
	const cJSON *body = sql_node_body(st->node);
	const cJSON *rel = sql_field(body, "relation");
	const char *schema = sql_field_str(rel, "schemaname");
	const cJSON *conflict = sql_field(body, "onConflictClause");
	const char *action = sql_field_str(conflict, "action");
	int position = (int) st->offset + 1;
	bool ins = type && strcmp(type, "InsertStmt") == 0;
	bool upd = type && strcmp(type, "UpdateStmt") == 0;
	const char *name;

	if (!ins && !upd) {
		sql_classify(st->node, &name);
		if (type && strcmp(type, "DeleteStmt") == 0)
			name = "DELETE";
		sql_reject_at(err, t->src, t->len, position, "%s is not a write pgdrill runs "
					  "in an endpoint: INSERT or UPDATE", name);
		return false;
	}
	if ((ins && !(allow & SQL_ALLOW_INSERT)) || (upd && !(allow & SQL_ALLOW_UPDATE)) ||
		(ins && action && strcmp(action, "ONCONFLICT_UPDATE") == 0 &&
		 !(allow & SQL_ALLOW_UPDATE))) {
		sql_reject_at(err, t->src, t->len, position, "%s is not allowed in this drill",
					  upd || !(allow & SQL_ALLOW_INSERT) ? (upd ? "UPDATE" : "INSERT")
					  : "INSERT ... ON CONFLICT DO UPDATE");
		error_hint(err, "The drill's \"allow\" lists the kinds of write its endpoints may "
				   "use.");
		return false;
	}
	if (schema && strcmp(schema, "public") != 0) {
		sql_reject_at(err, t->src, t->len, sql_field_int(rel, "location", -1) + 1,
					  "a write to schema %s is not allowed", schema);
		return false;
	}
	for (const cJSON *f = body ? body->child : NULL; f; f = f->next) {
		if (!sql_walk_check_node(t, st, f, err))
			return false;
	}
	*kind = ins ? SQL_KIND_INSERT : SQL_KIND_UPDATE;
	*target = sql_relation_name(rel);
	return true;
}

sql_script *
sql_analyze_write(const char *src, size_t len, unsigned allow, error *err)
{
	sql_tree t;
	sql_script *script = NULL;
	sql_kind kind;
	char *target = NULL;

	if (sql_tree_parse(&t, src, len, err)) {
		if (t.n != 1)
			sql_reject_at(err, t.src, t.len, (int) t.stmts[t.n > 1].offset + 1,
						  "one statement expected, found %zu", t.n);
		else if (check_write(&t, allow, &kind, &target, err)) {
			script = xcalloc(1, sizeof *script);
			script->n = 1;
			script->stmts = xcalloc(1, sizeof *script->stmts);
			script->stmts[0].kind = kind;
			script->stmts[0].kind_name = kind == SQL_KIND_INSERT ? "INSERT" : "UPDATE";
			script->stmts[0].text = xstrndup(t.src + t.stmts[0].offset, t.stmts[0].length);
			script->stmts[0].offset = (int) t.stmts[0].offset;
			script->stmts[0].length = (int) t.stmts[0].length;
			script->stmts[0].target = target;
		}
	}
	sql_tree_free(&t);
	return script;
}

sql_script *
sql_analyze(const char *src, size_t len, unsigned allow, error *err)
{
	sql_tree t;
	sql_script *script = NULL;

	if (sql_tree_parse(&t, src, len, err))
		script = analyze_tree(&t, allow, err);
	sql_tree_free(&t);
	return script;
}

sql_script *
sql_analyze_lint(const char *src, size_t len, unsigned allow, const sql_key_catalog *cat,
				 lint_findings **lint, error *err)
{
	sql_tree t;
	sql_script *script = NULL;

	*lint = NULL;
	if (sql_tree_parse(&t, src, len, err) && (script = analyze_tree(&t, allow, err)) != NULL)
		*lint = sql_lint_tree(&t, cat);
	sql_tree_free(&t);
	return script;
}

void
sql_script_free(sql_script *script)
{
	if (script == NULL)
		return;
	for (size_t i = 0; i < script->n; i++) {
		free(script->stmts[i].text);
		free(script->stmts[i].target);
	}
	free(script->stmts);
	free(script);
}

const sql_statement *
sql_script_query(const sql_script *script)
{
	if (script == NULL || script->n == 0)
		return NULL;
	if (script->stmts[script->n - 1].kind != SQL_KIND_SELECT)
		return NULL;
	return &script->stmts[script->n - 1];
}
