/*
 * mutate.h — mutants of a query: the plausible wrong rewrites that a
 * drill's data must be able to tell from the right one.
 *
 * sql_mutate() takes a script (a SELECT, possibly preceded by the
 * preparatory statements an answer may carry) and returns its mutants: the
 * same script with one small edit a learner might make while optimizing —
 * a relational operator moved by one (< becomes <=), a boundary constant
 * moved by one unit, a join type changed, NOT IN for NOT EXISTS, a
 * conjunct, ORDER BY key or GROUP BY key dropped, DISTINCT added or
 * removed, an aggregate swapped, a function or cast removed...
 * (docs/authoring.md lists every operator with what it catches).  Edits are
 * made on the text at the tokens the parse tree locates, so the mutant
 * reads like its source; every mutant is parsed again and dropped if it
 * does not parse.  Mutants whose text equals the source or an earlier
 * mutant are dropped too.  CREATE MATERIALIZED VIEW queries are mutated;
 * CREATE INDEX / CREATE STATISTICS / ANALYZE are not (they never change
 * rows).
 *
 * Order and ids are deterministic: mutants come in the order of their edit
 * in the text (then by operator), and a mutant's id is its operator and its
 * ordinal among that operator's mutants of the script ("relop-2"), so the
 * same script gives the same ids whatever the machine.
 *
 * Pure: no I/O.  Called by `author verify` (engine/grading/mutants.c).
 */
#ifndef PGDRILL_SQL_MUTATE_H
#define PGDRILL_SQL_MUTATE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct sql_mutant {
	const char *op;           /* static operator name: "relop", "drop-conjunct"... */
	char *id;                 /* "relop-2" (owned) */
	char *what;               /* the edit in words: "< becomes <=" (owned) */
	int position;             /* 1-based byte position of the edit in the source */
	char *sql;                /* the whole mutated script (owned, NUL-terminated) */
} sql_mutant;

typedef struct sql_mutants {
	sql_mutant *items;        /* owned array */
	size_t n;
} sql_mutants;

/*
 * The mutants of src[0..len).  `max` caps how many are returned (the first
 * `max` in order; 0 = no cap).  Returns true and a new list in *out (free
 * with sql_mutants_free; n may be 0), or false with err set (ERROR_REJECTED,
 * positioned, as sql_analyze reports) when src does not parse.
 */
bool sql_mutate(const char *src, size_t len, size_t max, sql_mutants **out, error *err);

/* Free a list and everything it owns.  Accepts NULL. */
void sql_mutants_free(sql_mutants *m);

/* The operator names, in the order mutants of one spot are listed (a
 * static array of *n names; docs/authoring.md documents each). */
const char *const *sql_mutation_operators(size_t *n);

#endif
