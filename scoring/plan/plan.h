/*
 * plan.h — the plan model read from EXPLAIN (FORMAT JSON) output (the
 * contract the engine relies on; the implementation lives in
 * the .c files of scoring/plan/ and may add to this header but not change what is here).
 *
 * plan_parse() reads the JSON PostgreSQL prints for EXPLAIN (FORMAT JSON),
 * with or without ANALYZE / BUFFERS / VERBOSE / SETTINGS / TIMING OFF, and
 * builds a tree of nodes with inclusive and exclusive figures.  Unknown keys
 * are ignored.  Pure: no I/O.  cJSON is called only from this module.
 */
#ifndef PGDRILL_PLAN_H
#define PGDRILL_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct plan_buffers {
	int64_t shared_hit, shared_read, shared_dirtied, shared_written;
	int64_t local_hit, local_read, local_dirtied, local_written;
	int64_t temp_read, temp_written;
} plan_buffers;

typedef struct plan_node plan_node;

struct plan_node {
	char *node_type;          /* "Seq Scan", "Hash Join", ... (owned) */
	char *relation;           /* relation name or NULL */
	char *alias;              /* alias or NULL */
	char *index_name;         /* index name or NULL */
	char *join_type;          /* "Inner", "Left"... or NULL */
	char *parent_relationship;/* "Outer", "Inner", "InitPlan", "SubPlan"... */
	char *subplan_name;       /* "InitPlan 1 (returns $0)", "CTE x"... */
	double startup_cost, total_cost;
	double plan_rows;         /* estimated rows per loop */
	double actual_rows;       /* per loop (as EXPLAIN prints it) */
	double actual_loops;
	double total_time_ms;     /* inclusive, all loops (time × loops) */
	double exclusive_time_ms; /* inclusive minus children's, see plan.c */
	plan_buffers buffers;     /* inclusive, as printed */
	plan_buffers exclusive_buffers;
	plan_node **children;     /* owned array */
	size_t n_children;
	plan_node *parent;        /* not owned */
};

typedef struct plan {
	plan_node *root;          /* owned */
	bool analyzed;            /* EXPLAIN ANALYZE (actual figures present) */
	bool has_buffers;         /* BUFFERS present */
	bool has_timing;          /* per-node timing present (not TIMING OFF) */
	double planning_ms;       /* -1 when absent */
	double execution_ms;      /* -1 when absent */
	double jit_ms;            /* total JIT time, 0 when absent */
} plan;

/*
 * Parse EXPLAIN (FORMAT JSON) output: the top-level array PostgreSQL prints
 * (or a single object with a "Plan" key).  `json` need not be NUL-terminated.
 * Returns a new plan (free with plan_free) or NULL with err set
 * (ERROR_REJECTED for malformed input, saying what and where).
 */
plan *plan_parse(const char *json, size_t len, error *err);

/* Free a plan and all its nodes.  Accepts NULL. */
void plan_free(plan *p);

/* Total work in buffers for the whole statement: shared hit + read, local
 * hit + read, temp read + written (the root's inclusive figures). */
int64_t plan_total_buffers(const plan *p);

/* The node with the largest exclusive time (by buffers when the plan has no
 * timing); NULL for an empty plan. */
const plan_node *plan_hottest(const plan *p);

/*
 * A short human summary of a plan, a line per node, indented like EXPLAIN:
 *   "Sort  (cost=..., rows=...)" plus actual rows/time/buffers when present.
 * Returns malloc'd text (caller frees).
 */
char *plan_summary(const plan *p);

#endif
