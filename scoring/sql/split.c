/*
 * split.c — sql_split and sql_classify_statement (script.h): the tolerant,
 * statement-by-statement view of a script.  The split uses libpg_query's
 * scanner-based splitter, which works on input that does not parse;
 * classification reuses parse.c and classify.c.  Called by the corpus test
 * and by tools that report on every statement.
 */
#include <pg_query.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "script.h"
#include "strbuf.h"

sql_span *
sql_split(const char *src, size_t len, size_t *n, error *err)
{
	PgQuerySplitResult r;
	sql_span *spans = NULL;
	char *text;
	size_t count = 0;

	*n = 0;
	if (len > SQL_MAX_INPUT_BYTES) {
		error_set(err, ERROR_REJECTED,
				  "input too large: %zu bytes (the limit is %d bytes)", len,
				  SQL_MAX_INPUT_BYTES);
		return NULL;
	}
	if (memchr(src, '\0', len) != NULL) {
		size_t at = (size_t) ((const char *) memchr(src, '\0', len) - src);

		sql_reject_at(err, NULL, 0, (int) at + 1,
					  "input contains a NUL byte at byte %zu", at + 1);
		return NULL;
	}
	text = xstrndup(src, len);
	r = pg_query_split_with_scanner(text);
	if (r.error) {
		/* the scanner only fails on what it cannot tokenise at all */
		int position = r.error->cursorpos > 0
			? sql_char_to_byte_position(text, len, r.error->cursorpos) : 0;

		sql_reject_at(err, text, len, position, "%s", r.error->message);
		pg_query_free_split_result(r);
		free(text);
		return NULL;
	}
	if (r.n_stmts > 0)
		spans = xcalloc((size_t) r.n_stmts, sizeof *spans);
	for (int i = 0; i < r.n_stmts; i++) {
		size_t start = (size_t) r.stmts[i]->stmt_location;
		size_t end = start + (size_t) r.stmts[i]->stmt_len;

		if (start > len)
			start = len;
		if (end > len || r.stmts[i]->stmt_len == 0)
			end = len;
		sql_trim_span(text, &start, &end);
		if (end > start) {
			spans[count].offset = (int) start;
			spans[count].length = (int) (end - start);
			count++;
		}
	}
	pg_query_free_split_result(r);
	free(text);
	if (count == 0) {
		free(spans);
		spans = NULL;
	}
	*n = count;
	return spans;
}

bool
sql_classify_statement(const char *src, size_t len, sql_kind *kind,
					   const char **name, error *err)
{
	sql_tree t;

	if (!sql_tree_parse(&t, src, len, err))
		return false;
	*kind = sql_classify(t.stmts[0].node, name);
	sql_tree_free(&t);
	return true;
}
