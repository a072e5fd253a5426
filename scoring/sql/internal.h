/*
 * internal.h — what the files of scoring/sql/ share with each other and with
 * nobody else: the parsed script (libpg_query's JSON tree read with cJSON),
 * input checks, positions, and the helpers that read tree nodes.
 *
 * A node in libpg_query's JSON is either "wrapped" — {"SelectStmt": {...}},
 * used wherever the C field is a generic Node * — or "bare" — just {...},
 * where the C field has a concrete type (SelectStmt.larg, IndexStmt.relation).
 * Locations in the tree are 0-based byte offsets into the parsed text; every
 * position this module reports is 1-based into the caller's whole script.
 */
#ifndef PGDRILL_SQL_INTERNAL_H
#define PGDRILL_SQL_INTERNAL_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "sql_limits.h"
#include "sql.h"

/* One top-level statement of a parsed script. */
typedef struct sql_tree_stmt {
	const cJSON *node;     /* the wrapped node {"SelectStmt": {...}} */
	size_t offset;         /* trimmed span in the script: first token.. */
	size_t length;         /* ..last token, without the ';' */
} sql_tree_stmt;

/* A script parsed by libpg_query, its tree read by cJSON. */
typedef struct sql_tree {
	char *src;             /* NUL-terminated copy of the input */
	size_t len;
	cJSON *root;           /* lives in `arena` (json_arena.h): never cJSON_Delete it */
	struct json_arena *arena;
	sql_tree_stmt *stmts;
	size_t n;
} sql_tree;

/*
 * Check the raw input before the parser sees it: not over
 * SQL_MAX_INPUT_BYTES, no NUL byte, valid UTF-8, no statement longer than
 * SQL_MAX_STATEMENT_TOKENS tokens (a bound on nesting that keeps
 * libpg_query's recursive tree output inside the stack).  Sets err
 * (ERROR_REJECTED, with position when there is one) and returns false.
 */
bool sql_input_check(const char *src, size_t len, error *err);

/*
 * Parse a whole script: input checks, libpg_query, cJSON, statement spans.
 * Empty input (only whitespace, comments or semicolons) is an error.  On
 * failure returns false with err set (ERROR_REJECTED for anything about the
 * SQL) and t left empty; either way sql_tree_free(t) is safe afterwards.
 */
bool sql_tree_parse(sql_tree *t, const char *src, size_t len, error *err);
void sql_tree_free(sql_tree *t);

/*
 * Set err to ERROR_REJECTED with a printf-style message, the 1-based byte
 * `position` (0 = none) and the caret excerpt of src as detail.  Returns false.
 */
bool sql_reject_at(error *err, const char *src, size_t len, int position,
				   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* 1-based character position (as libpg_query reports) to 1-based byte. */
int sql_char_to_byte_position(const char *src, size_t len, int charpos);

/* Trim [*start, *end) to its first and last token (comments, spaces go). */
void sql_trim_span(const char *src, size_t *start, size_t *end);

/* --- reading nodes -------------------------------------------------- */

/* The type name of a wrapped node ("SelectStmt"), NULL if not wrapped. */
const char *sql_node_type(const cJSON *node);
/* The body of a wrapped node, NULL if not wrapped. */
const cJSON *sql_node_body(const cJSON *node);
/* The body if `node` is a wrapped node of that type, else NULL. */
const cJSON *sql_node_as(const cJSON *node, const char *type);
/* A field of a body (NULL if absent). */
const cJSON *sql_field(const cJSON *body, const char *name);
/* A string / bool / int field, with defaults when absent. */
const char *sql_field_str(const cJSON *body, const char *name);
bool sql_field_bool(const cJSON *body, const char *name);
int sql_field_int(const cJSON *body, const char *name, int dflt);
/* True when the field is a non-empty array. */
bool sql_field_nonempty(const cJSON *body, const char *name);
/* The "location" of a body, or the first location found below it; -1 if
 * none. */
int sql_node_location(const cJSON *body);

/* The last component of a FuncCall's name ("pg_catalog.lower" → "lower"). */
const char *sql_func_name(const cJSON *funccall);
/* A RangeVar's relname, malloc'd; NULL when absent. */
char *sql_relation_name(const cJSON *rangevar);
/* A ColumnRef's dotted name ("t.a", "t.*") into buf (truncated to size). */
void sql_column_name(const cJSON *columnref, char *buf, size_t size);
/* A ColumnRef's relation ("t" in t.a and s.t.a), NULL when unqualified. */
const char *sql_column_qualifier(const cJSON *columnref);

/* --- ORDER BY keys (order_unique.c) ---------------------------------- */

/* The ORDER BY keys of one query block (a SelectStmt body) into *keys
 * (sql_order_keys_free); returns how many. */
int sql_order_keys_of(const cJSON *select, sql_order_key **keys);
/* The one table in a query block's FROM (a plain relation), or NULL. */
const char *sql_single_relation(const cJSON *select);

/* --- is an ORDER BY total? (order_total.c) --------------------------- */

/* A query the script names: a CTE, or a view or materialized view it
 * creates (its FROM items then have that query's unique keys). */
typedef struct sql_named_query {
	const char *name;
	const cJSON *select;      /* SelectStmt body */
} sql_named_query;

/* What a query block is judged against. */
typedef struct sql_order_scope {
	const sql_unique_key *keys;   /* the catalog's unique NOT NULL keys */
	size_t nkeys;
	bool catalog;             /* false: no catalog, a table's `id` is its key */
	sql_named_query *named;   /* owned array (sql_order_scope_release) */
	size_t nnamed;
} sql_order_scope;

/*
 * True when the ORDER BY of `select` (a SelectStmt body) is total on its
 * rows, under sc (see order_total.c for the reasoning).  False when it has
 * no ORDER BY or may tie; *missing is then the columns that would make it
 * total ("o.id", "id, sku"; malloc'd), or NULL when no known key would.
 */
bool sql_order_total_in(const cJSON *select, const sql_order_scope *sc, char **missing);

/* Add the CTEs, views and materialized views of a parsed script to sc. */
void sql_order_scope_collect(sql_order_scope *sc, const sql_tree *t);
void sql_order_scope_release(sql_order_scope *sc);

/* A block of one row of plain aggregates and no GROUP BY. */
bool sql_one_row_of_aggregates(const cJSON *select);

/* --- classification (classify.c) ------------------------------------ */

/* Kind and static name ("SELECT", "DELETE", "CREATE INDEX CONCURRENTLY") of
 * a top-level wrapped statement node. */
sql_kind sql_classify(const cJSON *stmt, const char **name);

/* --- the walk (walk.c) ----------------------------------------------- */

/*
 * Walk one top-level statement's whole tree for what may never run inside a
 * graded answer: data-modifying statements in WITH, SELECT INTO, locking
 * clauses, denied functions.  Returns false with err set (positioned) at the
 * first finding.
 */
bool sql_walk_check(const sql_tree *t, const sql_tree_stmt *st, error *err);

/* The same walk from `node`, a part of statement `st` (sql_analyze_write
 * walks the fields of a top-level INSERT or UPDATE, whose own node the walk
 * refuses). */
bool sql_walk_check_node(const sql_tree *t, const sql_tree_stmt *st, const cJSON *node,
						 error *err);

/* The lint findings of a parsed script (lint.c; sql_lint and
 * sql_analyze_lint share it), judged with the catalog's keys when cat is
 * not NULL.  New list, possibly empty. */
struct lint_findings;
struct lint_findings *sql_lint_tree(const sql_tree *t, const sql_key_catalog *cat);

#endif
