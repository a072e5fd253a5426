/*
 * sql.h — analysis of submitted SQL with libpg_query (the contract the engine
 * relies on; the implementation lives in the .c files of scoring/sql/).
 *
 * sql_analyze() splits a script into statements, parses each with the
 * PostgreSQL 15 grammar, classifies it, and checks the script against what a
 * drill allows: by default exactly one SELECT; index drills may put CREATE
 * INDEX / CREATE STATISTICS / ANALYZE before it; cache drills CREATE
 * MATERIALIZED VIEW.  Anything else — DML (also inside WITH), SELECT INTO,
 * locking clauses, transaction control, SET, utility statements, denied
 * functions — is rejected with ERROR_REJECTED, a message, a caret excerpt in
 * the detail (psql style) and the 1-based byte position.
 *
 * Pure: no I/O.  libpg_query is called only from this module and its errors
 * are converted to `error` here.
 */
#ifndef PGDRILL_SQL_H
#define PGDRILL_SQL_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Statement kinds a drill may allow (bit flags for sql_analyze's `allow`). */
#define SQL_ALLOW_SELECT            (1u << 0)
#define SQL_ALLOW_CREATE_INDEX      (1u << 1)
#define SQL_ALLOW_CREATE_STATISTICS (1u << 2)
#define SQL_ALLOW_ANALYZE           (1u << 3)
#define SQL_ALLOW_CREATE_MATVIEW    (1u << 4)
#define SQL_ALLOW_CREATE_TABLE      (1u << 5)   /* load drills' setup */
#define SQL_ALLOW_INSERT            (1u << 6)   /* load drills' endpoints only: */
#define SQL_ALLOW_UPDATE            (1u << 7)   /* see sql_analyze_write */

typedef enum sql_kind {
	SQL_KIND_SELECT = 0,
	SQL_KIND_CREATE_INDEX,
	SQL_KIND_CREATE_STATISTICS,
	SQL_KIND_ANALYZE,
	SQL_KIND_CREATE_MATVIEW,
	SQL_KIND_CREATE_TABLE,
	SQL_KIND_INSERT,          /* only from sql_analyze_write */
	SQL_KIND_UPDATE,          /* likewise */
	SQL_KIND_OTHER
} sql_kind;

typedef struct sql_statement {
	sql_kind kind;
	const char *kind_name;    /* static: "SELECT", "DELETE", "CREATE TABLE"... */
	char *text;               /* the statement's own text, owned by the script */
	int offset;               /* 0-based byte offset of the text in the script */
	int length;               /* bytes */
	bool top_level_order_by;  /* SELECT whose outermost query has ORDER BY */
	char *target;             /* the table written (INSERT, UPDATE) or
								 created (CREATE TABLE), unqualified and as
								 PostgreSQL folds it; NULL for other kinds */
} sql_statement;

typedef struct sql_script {
	sql_statement *stmts;     /* owned array of n statements */
	size_t n;
} sql_script;

/*
 * Parse `src` (len bytes, need not be NUL-terminated) and check it against
 * `allow` (SQL_ALLOW_* flags; SQL_ALLOW_SELECT is implied).  Rules: the last
 * statement is the one SELECT; every earlier one must be an allowed
 * preparatory kind.  Returns a new script (free with sql_script_free) or NULL
 * with err set: ERROR_REJECTED for anything about the SQL itself (syntax
 * error, disallowed statement, empty input, bad encoding, too large, too
 * deep), with err->position and a caret excerpt in err->detail.
 */
sql_script *sql_analyze(const char *src, size_t len, unsigned allow, error *err);

/*
 * One statement that writes, for a load drill's endpoint (docs/load.md,
 * "Endpoints that write"): exactly one INSERT or UPDATE whose kind `allow`
 * admits (SQL_ALLOW_INSERT / SQL_ALLOW_UPDATE; INSERT ... ON CONFLICT DO
 * UPDATE needs both), on a table of schema public or unqualified; no
 * MERGE, DELETE, or DML in a WITH, no locking clause, no denied function
 * anywhere in its tree (the walk of sql_analyze).  The statement's target
 * is in stmts[0].target; whether the drill lets it be written is the
 * caller's to decide.  ERROR_REJECTED, positioned, as sql_analyze.
 */
sql_script *sql_analyze_write(const char *src, size_t len, unsigned allow, error *err);

/* Free a script and everything it owns.  Accepts NULL. */
void sql_script_free(sql_script *script);

/* The script's final SELECT (the graded query); NULL if it has none. */
const sql_statement *sql_script_query(const sql_script *script);

/*
 * The output columns (0-based) that the top-level ORDER BY of the last
 * SELECT in src sorts on, in key order, into *cols (malloc'd; caller frees).
 * Returns the number of keys; 0 when there is no top-level ORDER BY (*cols
 * NULL); -1 when some key is not an output column or cannot be placed (an
 * expression not selected, a key behind `*`, unparsable input; *cols NULL).
 */
int sql_order_key_columns(const char *src, size_t len, int **cols);

/* One key of a top-level ORDER BY, as far as the query alone tells. */
typedef struct sql_order_key {
	char *relation;       /* the table the key's column is of (alias resolved
							 through FROM; the only table when unqualified);
							 NULL when unknown */
	char *column;         /* the column name; NULL for an expression key */
	int position;         /* 1-based byte position of the key in src */
} sql_order_key;

/* A set of columns unique in a table (a primary key or unique index). */
typedef struct sql_unique_key {
	const char *relation;
	const char *const *columns;
	size_t n;
} sql_unique_key;

/*
 * What a database's catalog knows about uniqueness, for the ORDER BY
 * checks (lint's limit-without-unique-order, author verify): every unique
 * key (primary key, unique index or constraint without predicate or
 * expression) whose columns are all NOT NULL, so that no two rows share it.
 * The engine reads it from a scratch database (pg/unique_keys.h).
 */
typedef struct sql_key_catalog {
	const sql_unique_key *keys;
	size_t n;
} sql_key_catalog;

/*
 * The keys of the top-level ORDER BY of the last SELECT in src, into *keys
 * (free with sql_order_keys_free).  Returns how many (0: no ORDER BY), or
 * -1 when src does not parse (*keys NULL).
 */
int sql_order_keys(const char *src, size_t len, sql_order_key **keys);
void sql_order_keys_free(sql_order_key *keys, int n);

/* A literal id a script inserts (sql_inserted_ids). */
typedef struct sql_inserted_id {
	char table[64];     /* the table inserted into (truncated) */
	long long id;
	int position;       /* 1-based byte position of the constant, 0 if unknown */
} sql_inserted_id;

/*
 * The integer literals a script inserts into a column named id: VALUES
 * rows of INSERT INTO t (id, ...), and the id column of a VALUES list in
 * the FROM of an INSERT ... SELECT (FROM (VALUES ...) AS v(..., id, ...)).
 * The first `max` go to out; returns how many there are (possibly more
 * than max), or -1 with err (ERROR_REJECTED) when src does not parse.
 */
int sql_inserted_ids(const char *src, size_t len, sql_inserted_id *out, int max, error *err);

/*
 * True when two SELECTs are the same query modulo formatting, comments and
 * constants (libpg_query fingerprints).  False if either fails to parse.
 */
bool sql_same_query(const char *a, const char *b);

/*
 * psql-style excerpt for a 1-based byte position in src:
 *   "LINE 2: where lower(email) = 'x'\n               ^"
 * Returns a malloc'd string (caller frees); "" when position is 0.
 */
char *sql_caret(const char *src, size_t len, int position);

#endif
