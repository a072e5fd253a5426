/*
 * parse.c — the one place scoring/sql/ calls libpg_query's parser and cJSON
 * on its output, turning their errors into ours.
 *
 * The whole script is parsed in one call: libpg_query's tree carries each
 * statement's location and length, so one parse gives both the split and the
 * trees (a separate split would parse everything twice).  Positions in its
 * syntax errors count characters; we convert them to byte positions.  cJSON
 * refuses JSON nested deeper than CJSON_NESTING_LIMIT (1000): such a script
 * is reported as too deeply nested, at the statement that is, found by
 * splitting and retrying statement by statement (only on that error path).
 * Called by analyze.c, lint.c and fingerprint.c.
 */
#include <pg_query.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "json_arena.h"
#include "strbuf.h"

/* Convert a libpg_query error into ours (ERROR_REJECTED, positioned). */
static bool
reject_parse_error(error *err, const char *src, size_t len,
				   const PgQueryError *pe, size_t base)
{
	int position = 0;

	if (pe->cursorpos > 0)
		position = (int) base + sql_char_to_byte_position(src + base, len - base,
														  pe->cursorpos);
	sql_reject_at(err, src, len, position, "%s", pe->message);
	if (strncmp(pe->message, "memory exhausted", 16) == 0)
		error_hint(err, "The statement is nested too deeply for the parser.");
	return false;
}

/* After the tree was refused as too deep: find the statement that is. */
static bool
reject_too_deep(error *err, const char *src, size_t len)
{
	PgQuerySplitResult split = pg_query_split_with_parser(src);
	int position = 0;

	for (int i = 0; !split.error && i < split.n_stmts && position == 0; i++) {
		size_t start = (size_t) split.stmts[i]->stmt_location;
		size_t end = start + (size_t) split.stmts[i]->stmt_len;
		char *text = xstrndup(src + start, end - start);
		PgQueryParseResult r = pg_query_parse(text);

		if (!r.error) {
			json_arena *arena;

			if (json_arena_parse(r.parse_tree, &arena) == NULL) {
				sql_trim_span(src, &start, &end);
				position = (int) start + 1;
			}
			json_arena_free(arena);
		}
		pg_query_free_parse_result(r);
		free(text);
	}
	pg_query_free_split_result(split);
	sql_reject_at(err, src, len, position,
				  "statement nested too deeply to analyse (more than %d levels in its parse tree)",
				  CJSON_NESTING_LIMIT);
	error_hint(err, "Flatten the expression: fewer nested parentheses, subqueries or chained operators.");
	return false;
}

bool
sql_tree_parse(sql_tree *t, const char *src, size_t len, error *err)
{
	PgQueryParseResult r;
	const cJSON *stmts, *item;
	size_t i = 0;

	memset(t, 0, sizeof *t);
	if (!sql_input_check(src, len, err))
		return false;
	t->src = xstrndup(src, len);
	t->len = len;

	r = pg_query_parse(t->src);
	if (r.error) {
		reject_parse_error(err, t->src, len, r.error, 0);
		pg_query_free_parse_result(r);
		sql_tree_free(t);
		return false;
	}
	t->root = json_arena_parse(r.parse_tree, &t->arena);
	pg_query_free_parse_result(r);
	if (t->root == NULL) {
		reject_too_deep(err, t->src, len);
		sql_tree_free(t);
		return false;
	}

	stmts = cJSON_GetObjectItemCaseSensitive(t->root, "stmts");
	t->n = (size_t) cJSON_GetArraySize(stmts);
	if (t->n == 0) {
		error_set(err, ERROR_REJECTED,
				  "empty input: no SQL statement (only whitespace, comments or semicolons)");
		sql_tree_free(t);
		return false;
	}
	t->stmts = xcalloc(t->n, sizeof *t->stmts);
	cJSON_ArrayForEach(item, stmts) {
		sql_tree_stmt *st = &t->stmts[i++];
		size_t start = (size_t) sql_field_int(item, "stmt_location", 0);
		int slen = sql_field_int(item, "stmt_len", 0);
		size_t end = slen > 0 ? start + (size_t) slen : len;

		if (start > len)
			start = len;
		if (end > len)
			end = len;
		sql_trim_span(t->src, &start, &end);
		st->node = cJSON_GetObjectItemCaseSensitive(item, "stmt");
		st->offset = start;
		st->length = end - start;
	}
	return true;
}

void
sql_tree_free(sql_tree *t)
{
	if (t == NULL)
		return;
	json_arena_free(t->arena);
	free(t->stmts);
	free(t->src);
	memset(t, 0, sizeof *t);
}
