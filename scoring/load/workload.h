/*
 * workload.h — a load drill's endpoint scripts and the learner's answer
 * file, read and checked (the contract; implementation in
 * scoring/load/script.c and answer.c).  Pure.  The formats are documented
 * in docs/load.md.
 *
 * An endpoint script is a pgbench script restricted to what pgdrill can
 * check: `\set NAME random(LO, HI)` lines (the request's parameters),
 * `\sleep N [us|ms|s]` lines (the application's own time inside a request,
 * at most one second; no other meta-command — `\shell` would run a
 * program), SQL statements that each pass the statement analysis (one
 * SELECT, or one INSERT / UPDATE of the kinds the drill allows, after the
 * parameters are replaced by sample values), and `-- pgdrill: name NAME`
 * comment lines naming the statement that follows, which the answer may
 * replace, or `-- pgdrill: group NAME` naming every statement from there to
 * the next directive (or the end): the N queries of an N+1 request, which
 * one answer statement replaces together.
 *
 * The answer file is SQL with directive comments, so a learner edits one
 * file:
 *
 *   CREATE INDEX ON orders (customer_id);    -- setup (before any directive)
 *   -- pgdrill: replace order_history
 *   SELECT ... WHERE customer_id = :customer_id;
 *   -- pgdrill: pool pool_mode=transaction pool_size=8
 *
 * A directive is a line starting with "-- pgdrill:" outside any statement
 * (a string literal or a statement's own comments cannot hold one).
 */
#ifndef PGDRILL_LOAD_WORKLOAD_H
#define PGDRILL_LOAD_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "load/load.h"

#define LOAD_NAME_MAX 63

/* A request parameter: \set NAME random(LO, HI). */
typedef struct load_var {
	char name[LOAD_NAME_MAX + 1];
	long long lo, hi;
} load_var;

#define LOAD_MAX_SLEEP_US 1000000L

/* One SQL statement of an endpoint (text without the final ';'). */
typedef struct load_stmt {
	char *name;            /* from "-- pgdrill: name" or "group", NULL when
							  unnamed or a later statement of a group */
	char *text;
	size_t group;          /* statements the name covers: 1 for "name", the
							  group's size for "group" (>= 1), 0 unnamed */
	bool writes;           /* an INSERT or UPDATE (sql_analyze_write) */
	char *target;          /* the table it writes; NULL for a SELECT */
	long sleep_before_us;  /* \sleep lines just before it */
} load_stmt;

typedef struct load_script {
	load_var *vars;
	size_t n_vars;
	load_stmt *stmts;
	size_t n_stmts;
	long sleep_end_us;     /* \sleep lines after the last statement */
	bool transaction;      /* render as BEGIN; ...; COMMIT (set by the drill's
							  spec, not by the script's text) */
} load_script;

/*
 * Read an endpoint script.  `write_allow` (SQL_ALLOW_INSERT /
 * SQL_ALLOW_UPDATE, 0 for none) are the kinds of write its statements may
 * be.  ERROR_USAGE (the drill is broken; position = line) for another
 * meta-command, a malformed \set or \sleep, a bad or duplicate name, a
 * name with no statement after it, no statement at all, or a statement
 * that does not pass sql_analyze as one SELECT (or sql_analyze_write with
 * `write_allow`) once every parameter is replaced by its lower bound (the
 * analysis's message is kept in the detail).  Free with load_script_free.
 */
bool load_script_parse(const char *text, size_t len, unsigned write_allow,
					   load_script *out, error *err);

void load_script_free(load_script *s);

/* Whether `text` passes sql_analyze as one SELECT once every parameter of
 * `vars` is replaced by its lower bound.  ERROR_REJECTED (the analysis's
 * message, positioned in the substituted text) when not. */
bool load_statement_check(const char *text, const load_var *vars, size_t n_vars,
						  error *err);

/* Whether `text` passes sql_analyze_write with `write_allow` once every
 * parameter is replaced by its lower bound; *target (malloc'd, may be NULL
 * when not wanted) receives the table it writes.  ERROR_REJECTED like
 * load_statement_check. */
bool load_write_check(const char *text, const load_var *vars, size_t n_vars,
					  unsigned write_allow, char **target, error *err);

/* The statement named `name` (a group's first), or NULL. */
const load_stmt *load_script_find(const load_script *s, const char *name);

/*
 * The SQL whose rows a replacement of named statement `st` (from `s`) must
 * return, malloc'd: the statement's text, or for a group of several the
 * parenthesised statements joined by UNION ALL — the rows the group's
 * statements return together, compared as a multiset (docs/load.md).
 */
char *load_stmt_rows_sql(const load_script *s, const load_stmt *st);

/*
 * `sql` with every pgbench variable reference `:NAME` of `vars` replaced by
 * values[i] (outside string literals; `::` casts untouched), malloc'd.  A
 * reference to an unknown variable is left as it is (the analysis then
 * refuses it).
 */
char *load_substitute(const char *sql, const load_var *vars, size_t n_vars,
					  const long long *values);

/*
 * Sample k (>= 1) of parameter values for the row comparison: sample 0 is
 * every lower bound, 1 every upper bound, 2 the midpoints, and the rest
 * spread deterministically over the ranges.  values has n_vars entries.
 */
void load_sample_values(const load_var *vars, size_t n_vars, int k, long long *values);

/* The script as pgbench runs it: the \set lines, BEGIN when the script is
 * a transaction, then each statement (or its replacement from `answer`,
 * NULL for none; one replacement stands for a whole group) followed by
 * ";\n", with its \sleep lines before it, the trailing \sleep and COMMIT.
 * malloc'd. */
struct load_answer;
char *load_script_render(const load_script *s, const struct load_answer *answer);

/* ---- the answer file (answer.c) ------------------------------------------ */

typedef struct load_replacement {
	char *name;
	char *text;            /* the replacement statement, as written */
	int line;              /* 1-based line of its directive */
} load_replacement;

typedef struct load_answer {
	char *setup;           /* statements before the first directive ("" none) */
	load_replacement *repl;
	size_t n_repl;
	load_pool pool;        /* mode LOAD_POOL_NONE unless a pool directive */
} load_answer;

/*
 * Split an answer file into its parts.  ERROR_REJECTED (position = byte of
 * the line) for an unknown directive, a replace without a name or a
 * statement, a name given twice, a pool setting outside the allow-list
 * (load_pool_set), two pool directives, or a backslash line anywhere (a
 * pgbench meta-command has no place in an answer).  Free with
 * load_answer_free.
 */
bool load_answer_parse(const char *text, size_t len, load_answer *out, error *err);

void load_answer_free(load_answer *a);

/* What a drill lets an answer do (from drill.json's "allow" and "load"). */
typedef struct load_rules {
	unsigned setup_allow;          /* SQL_ALLOW_* kinds of setup statement
									  (CREATE INDEX, CREATE TABLE ...) */
	unsigned write_allow;          /* SQL_ALLOW_INSERT / SQL_ALLOW_UPDATE */
	char *const *writable;         /* the drill's tables endpoints may write */
	size_t n_writable;
	bool pool_allowed;
} load_rules;

/*
 * Check a parsed answer against the drill's endpoints: every replaced name
 * exists in one of `scripts`; the replacement of a SELECT passes
 * sql_analyze as one SELECT, the replacement of a write passes
 * sql_analyze_write with `write_allow` and writes one of `writable` or a
 * table the setup creates (parameters replaced by samples); the setup
 * passes sql_analyze with `setup_allow`.  A pool directive needs
 * `pool_allowed`.  ERROR_REJECTED with the analysis's message and position.
 */
bool load_answer_check(const load_answer *a, const load_script *scripts, size_t n_scripts,
					   const load_rules *rules, error *err);

/* The tables the answer's setup creates (CREATE TABLE), malloc'd array of
 * malloc'd names in *names; returns the count (0 and *names NULL for none
 * or a setup that does not parse). */
size_t load_setup_tables(const char *setup, unsigned setup_allow, char ***names);

#endif
