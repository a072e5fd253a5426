/*
 * mutate_internal.h — what the files of the mutation generator share: the
 * generator (source text, the statement being mutated, the candidates
 * collected so far), the operator numbers, and the text helpers that find
 * the span of a token, a parenthesis, a clause.  mutate.c walks the tree
 * and turns candidates into checked mutants; mutate_expr.c holds the
 * expression operators, mutate_query.c the query-block ones, mutate_time.c
 * date arithmetic on literals.  Internal to scoring/sql/.
 */
#ifndef PGDRILL_SQL_MUTATE_INTERNAL_H
#define PGDRILL_SQL_MUTATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "internal.h"
#include "lex.h"
#include "mutate.h"

/* Operators, in listing order (mutate.c names them). */
enum {
	MUT_RELOP = 0, MUT_BOUNDARY, MUT_BETWEEN, MUT_JOIN_TYPE, MUT_NOT_IN, MUT_IN_EXISTS,
	MUT_DISTINCT, MUT_COUNT, MUT_MIN_MAX, MUT_DROP_CONJUNCT, MUT_ORDER_KEY,
	MUT_ORDER_DIRECTION, MUT_ORDER_NULLS, MUT_GROUP_KEY, MUT_UNION, MUT_DROP_FUNCTION,
	MUT_DROP_CAST, MUT_TIMESTAMP_ZONE, MUT_DIVISION, MUT_N_OPS
};

/* Where a node sits, as the walk passes it down. */
#define MUT_IN_FILTER   (1u << 0)  /* under WHERE/ON/HAVING through AND/OR only */
#define MUT_TOP         (1u << 1)  /* the statement's own query (or a set-op arm of it) */
#define MUT_SET_ARM     (1u << 2)  /* an arm of UNION / INTERSECT / EXCEPT without ALL */
#define MUT_IN_SUBLINK  (1u << 3)  /* the query of EXISTS / IN / ANY / ALL */
#define MUT_NO_CONST    (1u << 4)  /* an ordinal or a LIMIT: no boundary mutant */
#define MUT_DATE_ONLY   (1u << 5)  /* a literal cast to date: days only */
#define MUT_NEGATED     (1u << 6)  /* directly under NOT */
#define MUT_UNDER_EXISTS (1u << 7)  /* the query of EXISTS: its select list is moot */

#define MUT_MAX_EDITS 4

typedef struct mut_edit {
	size_t start, end;        /* replace src[start, end) ... */
	char *text;               /* ... with this (owned) */
} mut_edit;

typedef struct mut_candidate {
	int op;
	char *what;               /* owned */
	size_t pos;               /* 0-based byte of the edit, for the caret */
	mut_edit e[MUT_MAX_EDITS];/* non-overlapping, any order */
	int ne;
	size_t seq;               /* generation order, the last sort key */
} mut_candidate;

typedef struct mut_gen {
	const char *src;
	size_t len;
	size_t stmt_start, stmt_end;  /* the statement being mutated */
	mut_candidate *c;
	size_t n, cap;
} mut_gen;

/* Record a candidate with one edit (src[start,end) becomes `text`), at
 * `pos`, described by a printf-style `what`. */
void mut_add(mut_gen *g, int op, size_t pos, size_t start, size_t end, const char *text,
			 const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Start a candidate with no edit yet (add them with mut_edit_add); its
 * `what` is printf-style. */
mut_candidate *mut_begin(mut_gen *g, int op, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void mut_edit_add(mut_candidate *c, size_t start, size_t end, const char *text);

/* --- text helpers (mutate.c) ----------------------------------------- */

/* The token starting at or after `pos` within the statement. */
sql_token mut_token(const mut_gen *g, size_t pos);
/* True when the token at `pos` is the word kw. */
bool mut_word_at(const mut_gen *g, size_t pos, const char *kw);
/* The smallest location in a node's subtree (its first token, mostly);
 * -1 when it has none. */
int mut_min_location(const cJSON *node);
/* The offset just past the ')' matching the '(' at `open`; 0 if none. */
size_t mut_paren_end(const mut_gen *g, size_t open);
/* The end of an expression starting at `from` inside a clause: the offset
 * of the first token at parenthesis depth 0 that ends a clause (a clause
 * keyword, ',' when `comma_ends`, an unmatched ')', ';' or the statement's
 * end), with the blanks before it left out. */
size_t mut_clause_end(const mut_gen *g, size_t from, bool comma_ends);
/* The offset of the last word kw in [lo, before) at the depth of `lo` or
 * outside the parentheses `lo` is in; (size_t) -1 when none. */
size_t mut_word_before(const mut_gen *g, size_t lo, size_t before, const char *kw);
/* The token that ends at or before `pos` (scanning the statement from its
 * start); kind SQL_TOKEN_END when none. */
sql_token mut_prev_token(const mut_gen *g, size_t pos);
/* `pos` moved back over the '(' tokens right before it. */
size_t mut_open_start(const mut_gen *g, size_t pos);
/* True when src[start,end) has balanced parentheses. */
bool mut_balanced(const mut_gen *g, size_t start, size_t end);
/* The end of a column reference (a.b."c") starting at `pos`. */
size_t mut_colref_end(const mut_gen *g, size_t pos);
/* The end of a type name (timestamp with time zone, numeric(10,2)[]) at pos. */
size_t mut_typename_end(const mut_gen *g, size_t pos);

/* --- operators -------------------------------------------------------- */

/* Operators on one expression node (its type and body), given the walk's
 * flags. */
void mut_expression(mut_gen *g, const char *type, const cJSON *body, unsigned flags);
/* Operators on one query block (a SelectStmt body). */
void mut_query(mut_gen *g, const cJSON *select, unsigned flags);
/* Operators on a JoinExpr: its type, its ON conjuncts. */
void mut_join(mut_gen *g, const cJSON *join);

/* --- literals (mutate_time.c) ------------------------------------------ */

/*
 * If the string literal's content `s` (n bytes) is a date or timestamp
 * ("2024-03-15", "2024-03-15 23:59:59.5", with a zone suffix kept as is),
 * write into out[k] (malloc'd, caller frees) the same instant moved by
 * -1 day, +1 day and — when `fine` — -1 s, +1 s, -1 µs, +1 µs, with a
 * label each; returns how many (0 when s is not a date).
 */
int mut_time_shifts(const char *s, size_t n, bool fine, char *out[6], const char *label[6]);
/* True when a timestamp literal names its zone (Z, +02, -05:30, a name). */
bool mut_time_has_zone(const char *s, size_t n);

#endif
