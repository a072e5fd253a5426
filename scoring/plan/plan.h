/*
 * plan.h — the plan model read from EXPLAIN (FORMAT JSON) output (the
 * contract the engine relies on; the implementation lives in the .c files
 * of scoring/plan/ and may add to this header but not change what is here).
 *
 * plan_parse() reads the JSON PostgreSQL prints for EXPLAIN (FORMAT JSON),
 * with or without ANALYZE / BUFFERS / VERBOSE / SETTINGS / TIMING OFF, and
 * builds a tree of nodes with inclusive and exclusive figures.  Unknown keys
 * are ignored.  Input that is not JSON is read as EXPLAIN's text format
 * into the same model (parse_text.c; docs/plans.md "EXPLAIN text format").  Pure: no I/O.  cJSON is called only from this module.
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
	double exclusive_time_ms; /* inclusive minus children's, see exclusive.c */
	plan_buffers buffers;     /* inclusive, as printed */
	plan_buffers exclusive_buffers;
	plan_node **children;     /* owned array */
	size_t n_children;
	plan_node *parent;        /* not owned */

	/* Added by the implementation (see docs/plans.md). */
	int id;                   /* 1-based pre-order number, root = 1 */
	int last_id;              /* id of the last node of its subtree: the
							   * subtree is nodes[id - 1 .. last_id - 1] */
	int depth;                /* root = 0 */
	char *schema;             /* "Schema" (VERBOSE) or NULL */
	char *cte_name;           /* "CTE Name" of a CTE Scan or NULL */
	char *function_name;      /* "Function Name" of a Function Scan or NULL */
	char *strategy;           /* Aggregate/SetOp "Strategy" or NULL */
	char *partial_mode;       /* Aggregate "Partial Mode" or NULL */
	char *scan_direction;     /* "Forward"/"Backward" or NULL */
	char *filter;             /* "Filter" or NULL */
	char *join_filter;        /* "Join Filter" or NULL */
	char *index_cond;         /* "Index Cond" or NULL */
	char *recheck_cond;       /* "Recheck Cond" or NULL */
	char *hash_cond;          /* "Hash Cond" or NULL */
	char *merge_cond;         /* "Merge Cond" or NULL */
	char *sort_key;           /* "Sort Key" items joined by ", " or NULL */
	char *presorted_key;      /* "Presorted Key" joined, or NULL */
	char *run_condition;      /* "Run Condition" of a WindowAgg (PG 15+) or NULL */
	char *sort_method;        /* "quicksort", "external merge"... or NULL */
	char *sort_space_type;    /* "Memory" / "Disk" or NULL */
	char *expressions;        /* every other expression text of the node,
							   * '\n'-separated (used to find which node
							   * reads an InitPlan's $n); never NULL */
	bool parallel_aware;
	bool under_gather;        /* runs in parallel workers (below a Gather) */
	bool never_executed;      /* ANALYZE shows loops = 0 */
	bool has_actual;          /* actual rows/loops present */
	double startup_time_ms;   /* "Actual Startup Time", per loop */
	double loop_time_ms;      /* "Actual Total Time", per loop */
	double processes;         /* processes sharing the loops (1, or workers
							   * launched + leader under a Gather) */
	double exclusive_cost;    /* total cost minus the children's, >= 0 */
	double rows_removed_by_filter;       /* per loop, as printed */
	double rows_removed_by_join_filter;  /* per loop, as printed */
	double rows_removed_by_recheck;      /* "Rows Removed by Index Recheck" */
	double heap_fetches;      /* Index Only Scan "Heap Fetches", as printed */
	double exact_heap_blocks, lossy_heap_blocks;  /* Bitmap Heap Scan */
	double subplans_removed;  /* Append / MergeAppend "Subplans Removed":
							   * partitions pruned at executor start-up */
	double sort_space_kb;     /* "Sort Space Used" */
	double hash_buckets, hash_batches, original_hash_batches;
	double peak_memory_kb;    /* Hash "Peak Memory Usage" / HashAgg */
	double disk_usage_kb;     /* HashAgg / Sort "Disk Usage" */
	double hashagg_batches;   /* "HashAgg Batches" (PG 13+) */
	int workers_planned, workers_launched;  /* Gather / Gather Merge; -1 */
	double cache_hits, cache_misses, cache_evictions;  /* Memoize */
};

typedef struct plan {
	plan_node *root;          /* owned */
	bool analyzed;            /* EXPLAIN ANALYZE (actual figures present) */
	bool has_buffers;         /* BUFFERS present */
	bool has_timing;          /* per-node timing present (not TIMING OFF) */
	double planning_ms;       /* -1 when absent */
	double execution_ms;      /* -1 when absent */
	double jit_ms;            /* total JIT time, 0 when absent */

	/* Added by the implementation. */
	plan_node **nodes;        /* every node in pre-order (not owned
							   * separately: nodes[0] == root) */
	size_t n_nodes;
	bool has_parallel;        /* a Gather / Gather Merge with workers */
	int jit_functions;        /* JIT "Functions", 0 when absent */
	double trigger_ms;        /* sum of "Triggers" times, 0 when none */
	char *settings;           /* "Settings" as "name=value, ..." or NULL */
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

/* Rows a node produced over all loops (actual rows per loop × loops); 0
 * without ANALYZE. */
double plan_node_rows_total(const plan_node *n);

/* Estimated rows over all loops (plan rows × loops, or plan rows without
 * ANALYZE). */
double plan_node_plan_rows_total(const plan_node *n);

/* Blocks touched by a set of buffer counters: shared hit + read, local hit +
 * read, temp read + written (the same measure as plan_total_buffers). */
int64_t plan_buffers_work(const plan_buffers *b);

/* The node's one-line label as EXPLAIN prints it: "Seq Scan on users u",
 * "Index Scan using users_pkey on users", "CTE Scan on x",
 * "Hash Join" (+ " Left" etc. as "Hash Left Join"). malloc'd, caller frees. */
char *plan_node_label(const plan_node *n);

#endif
