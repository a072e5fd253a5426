/*
 * run.h — executing SQL under a client-side deadline, streaming results.
 *
 * Every statement of a graded query (slow, reference or answer) goes through
 * here.  Statements are sent with the extended protocol (PQsendQueryParams),
 * which refuses more than one statement per string, so the parser's split is
 * the only split.  A deadline is enforced by the client: at the deadline the
 * query is cancelled; if the backend does not stop within a grace period the
 * admin connection terminates it.  Results are streamed in single-row mode
 * into a result_digest, with caps on rows and bytes, so a huge result never
 * sits in client memory.
 */
#ifndef PGDRILL_RUN_H
#define PGDRILL_RUN_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "grade/compare.h"
#include "grade/rounding.h"

typedef struct run_limits {
	double timeout_s;        /* client-side deadline per statement */
	size_t max_rows;         /* result rows before the run is stopped */
	size_t max_bytes;        /* result bytes before the run is stopped */
	PGconn *admin;           /* for pg_terminate_backend; may be NULL */
} run_limits;

#define RUN_DEFAULT_MAX_ROWS ((size_t) 5000000)
#define RUN_DEFAULT_MAX_BYTES ((size_t) 1 << 30)
#define RUN_CANCEL_GRACE_S 3.0

/* Run a statement whose rows we do not need (CREATE INDEX, SET...).  Errors
 * from the server are `kind` (ERROR_FAILED for the learner's SQL), a missed
 * deadline is ERROR_FAILED with "exceeded the time limit", a lost connection
 * ERROR_ENV. */
bool run_command(PGconn *conn, const char *sql, const run_limits *lim,
				 error_kind kind, error *err);

/* Run a query and digest its rows (ordered by `key_cols` when nkeys > 0).
 * *out receives the digest (caller frees) on success. */
bool run_digest(PGconn *conn, const char *sql, const run_limits *lim,
				const int *key_cols, int nkeys, error_kind kind,
				result_digest **out, error *err);

/* Re-run a query and return the text of the first row whose canonical hash
 * is `hash`, formatted "(v1, v2, NULL)" and cut to ~300 bytes (malloc'd), or
 * NULL when it is not found or the query fails. */
char *run_find_row(PGconn *conn, const char *sql, const run_limits *lim, uint64_t hash);

/* Re-run a query and return its rows as a rounding ladder (rounding.h),
 * within the same limits, or NULL when it fails or returns no row. */
rounding_ladder *run_rounding_ladder(PGconn *conn, const char *sql, const run_limits *lim);

/* Run EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON[, TIMING OFF]) of a query and
 * return the JSON text (malloc'd). */
char *run_explain(PGconn *conn, const char *sql, bool timing, const run_limits *lim,
				  error_kind kind, error *err);

#endif
