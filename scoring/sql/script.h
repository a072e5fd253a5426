/*
 * script.h — statement-level tools for callers that must go on past a bad
 * statement: split a script whatever its syntax, and classify one statement
 * without any allow-policy.  sql_analyze (sql.h) stops at the first problem,
 * which is right for grading; authoring tools, lint reports and the corpus
 * test want every statement accounted for.
 */
#ifndef PGDRILL_SQL_SCRIPT_H
#define PGDRILL_SQL_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "sql.h"

typedef struct sql_span {
	int offset;   /* 0-based byte offset of the statement's first token */
	int length;   /* bytes, up to its last token (no ';') */
} sql_span;

/*
 * Split src[0..len) into statements with PostgreSQL's scanner, which does
 * not need the statements to parse (strings, comments, dollar quotes are
 * respected).  Empty statements are skipped.  Returns a malloc'd array of
 * *n spans (free() it; NULL with *n == 0 when there are none), or NULL with
 * err set (ERROR_REJECTED) when the input is over SQL_MAX_INPUT_BYTES or
 * contains a NUL byte.  Encoding is not checked here: each statement is,
 * when it is analysed.
 */
sql_span *sql_split(const char *src, size_t len, size_t *n, error *err);

/*
 * Parse src[0..len) (one statement; with several, the first one counts) and
 * classify it: *kind and *name as sql_analyze would set them, with no
 * policy applied.  Returns false with err set (ERROR_REJECTED, positioned)
 * when it cannot be parsed or refused by the input checks.
 */
bool sql_classify_statement(const char *src, size_t len, sql_kind *kind,
							const char **name, error *err);

#endif
