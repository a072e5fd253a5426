/*
 * lint.h — anti-patterns worth teaching, found on libpg_query's parse tree.
 *
 * sql_lint parses a script (with the same input checks as sql_analyze, but
 * no allow-policy: any statement is linted) and runs every rule over every
 * query in it, subqueries and CTEs included.  Each finding has a rule id, a
 * severity, a position (1-based byte, with line and column), a one-line
 * message about this spot and the rule's advice.  Rules never fire on the
 * look-alike that is fine (a function applied to a constant, a LIKE with a
 * literal prefix): docs/lint-rules.md lists them with both sides.
 *
 * Pure: no I/O.  Called by `pgdrill lint` and by check (advice next to the
 * grade).
 */
#ifndef PGDRILL_SQL_LINT_H
#define PGDRILL_SQL_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "error.h"
#include "sql.h"

typedef enum lint_severity {
	LINT_INFO = 0,     /* a habit worth knowing about */
	LINT_WARNING       /* likely to make the query slow or wrong */
} lint_severity;

typedef struct lint_finding {
	const char *id;           /* static rule id: "leading-wildcard-like" */
	lint_severity severity;
	int position;             /* 1-based byte offset into the script */
	int line;                 /* 1-based */
	int column;               /* 1-based, in characters */
	char *message;            /* owned: what is wrong here, one line */
	const char *advice;       /* static: what to do instead, one line */
} lint_finding;

typedef struct lint_findings {
	lint_finding *items;      /* owned array, sorted by position */
	size_t n;
} lint_findings;

/* A rule of the catalogue (for --help, docs and tests). */
typedef struct lint_rule_info {
	const char *id;
	lint_severity severity;
	const char *summary;      /* one line: what the rule looks for */
	const char *advice;
} lint_rule_info;

/*
 * Lint src[0..len).  On success returns true and sets *out to a new list
 * (possibly with n == 0; free with lint_findings_free).  Returns false with
 * err set and *out = NULL when the input cannot be analysed: ERROR_REJECTED
 * for a syntax error, empty input, bad encoding, too large or too deep
 * (positioned, with a caret excerpt as detail, like sql_analyze).
 */
bool sql_lint(const char *src, size_t len, lint_findings **out, error *err);

/*
 * sql_lint with the catalog's unique keys: limit-without-unique-order then
 * judges an ORDER BY by the real keys (and the joins, WHERE equalities,
 * GROUP BY and DISTINCT that carry them) instead of the convention that a
 * lone table's `id` is its key.  cat NULL is sql_lint.
 */
bool sql_lint_keys(const char *src, size_t len, const sql_key_catalog *cat,
				   lint_findings **out, error *err);

/*
 * sql_analyze and sql_lint_keys (cat may be NULL) of one text in one parse
 * (check: an answer is graded and advised on).  Returns the script as sql_analyze does, with
 * *lint its findings (free with lint_findings_free); NULL with err and
 * *lint = NULL when the script is refused.
 */
sql_script *sql_analyze_lint(const char *src, size_t len, unsigned allow,
							 const sql_key_catalog *cat, lint_findings **lint, error *err);

/* The findings as a JSON array of {id, severity, line, column, position,
 * message, advice} (caller cJSON_Deletes).  NULL f gives []. */
cJSON *lint_findings_to_json(const lint_findings *f);

/* Free a list and everything it owns.  Accepts NULL. */
void lint_findings_free(lint_findings *findings);

/* "info" / "warning". */
const char *lint_severity_name(lint_severity severity);

/* The rule catalogue: a static array of *n rules. */
const lint_rule_info *lint_rules(size_t *n);

#endif
