/*
 * load.h — latency under load: pgbench's per-transaction logs turned into
 * percentiles, and the load score (the contract; implementation in
 * scoring/load/log.c, summary.c, score.c and pool.c).  Pure: the engine runs
 * pgbench (engine/pg/pgbench.c) and hands the log text here.
 *
 * A load drill runs its endpoint scripts open-loop (pgbench --rate) for the
 * drill as shipped (the baseline), its reference and the learner's answer.
 * Each run leaves one log line per transaction (PostgreSQL 15 format):
 *
 *   client_id transaction_no time script_no time_epoch time_us [schedule_lag] [retries]
 *
 * `time` is the latency in microseconds measured from the transaction's
 * *scheduled* start, so it includes queueing (no coordinated omission), or
 * the word "skipped" (late: --latency-limit dropped it before it started) or
 * "failed" / "serialization" / "deadlock" (it ended in an error).  script_no
 * is the endpoint (the index of the -f script).  schedule_lag is present with
 * --rate, retries with --max-tries other than 1.
 *
 * load_log_parse reads those lines, load_summarise reduces them to
 * p50/p95/p99, max, throughput, failed and late counts and a small
 * histogram, per endpoint and overall, and load_score_compute places the
 * answer's p95 between the baseline's and the reference's on a log scale,
 * with errors, late transactions and throughput as guards.  pool.c validates
 * the pool settings an answer asks PgBouncer for.  Formulas and reasons are
 * in docs/load.md.
 */
#ifndef PGDRILL_LOAD_H
#define PGDRILL_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* ---- the per-transaction log (log.c) ------------------------------------ */

typedef enum load_txn_status {
	LOAD_TXN_OK = 0,
	LOAD_TXN_LATE,      /* "skipped": dropped by --latency-limit */
	LOAD_TXN_FAILED     /* "failed", "serialization", "deadlock" */
} load_txn_status;

typedef struct load_txn {
	int client;
	int script;            /* endpoint: index of the -f script, from 0 */
	load_txn_status status;
	int retries;           /* 0 when the column is absent */
	double latency_ms;     /* from the scheduled start; 0 unless OK */
	double lag_ms;         /* schedule lag; 0 when the column is absent */
	int64_t end_us;        /* completion time stamp (epoch microseconds) */
} load_txn;

typedef struct load_log {
	load_txn *txns;
	size_t n, cap;
	int max_script;        /* highest script_no seen, -1 for none */
} load_log;

#define LOAD_LOG_INIT { NULL, 0, 0, -1 }

/* Which optional columns the run writes: a line of 7 fields is ambiguous
 * (lag or retries), so the caller says what it asked pgbench for. */
typedef struct load_log_columns {
	bool lag;              /* pgbench ran with --rate */
	bool retries;          /* pgbench ran with --max-tries other than 1 */
} load_log_columns;

/*
 * Append the transactions of `text` (`len` bytes, one or more complete log
 * files concatenated: pgbench -j writes one file per thread) to `log`,
 * which starts as LOAD_LOG_INIT.  Every line must have exactly the six
 * fixed columns plus those `cols` names.  Blank lines are skipped; a final
 * line without a newline is read.  Returns false with err (ERROR_ENV: the log
 * is pgbench's, not the learner's; position = 1-based line number, message
 * naming the line and what is wrong) on a malformed line, leaving the
 * transactions of the lines before it in `log`.  Free with load_log_free.
 */
bool load_log_parse(load_log *log, const char *text, size_t len,
					load_log_columns cols, error *err);

/* Free the transactions; the log is LOAD_LOG_INIT again.  Accepts NULL. */
void load_log_free(load_log *log);

/* ---- percentiles, histogram, throughput (summary.c) --------------------- */

/* Histogram buckets on a 1-2-5 scale in milliseconds: [0, 0.5), [0.5, 1),
 * [1, 2), [2, 5), ... [500, 1000), [1000, inf). */
#define LOAD_HIST_BUCKETS 12

/* The lower bound of bucket `i` in ms (0 for the first). */
double load_hist_lower_ms(int i);

typedef struct load_stats {
	size_t completed;      /* transactions that ended well */
	size_t late;           /* skipped by --latency-limit */
	size_t failed;         /* ended in an error */
	size_t retried;        /* completed or failed after at least one retry */
	double p50_ms, p95_ms, p99_ms, max_ms, mean_ms;  /* of completed ones */
	double lag_p95_ms;     /* schedule lag (queueing before the start) */
	double tps;            /* completed per second of the run */
	size_t hist[LOAD_HIST_BUCKETS];  /* completed transactions per bucket */
} load_stats;

typedef struct load_summary {
	double duration_s;     /* the run's duration used for tps */
	load_stats overall;
	size_t n_endpoints;
	load_stats *endpoint;  /* n_endpoints entries, by script number */
} load_summary;

/*
 * Reduce `log` to statistics for `n_endpoints` scripts (numbered 0 ..
 * n_endpoints-1) over a run of `duration_s` seconds (pgbench -T; <= 0: the
 * span of the completion time stamps, at least 1 ms).  Percentiles are
 * nearest-rank over completed transactions; late and failed ones are
 * counted, never timed.  Fills `out` (free with load_summary_free).  Fails
 * with ERROR_ENV when the log names a script outside 0 .. n_endpoints-1.
 */
bool load_summarise(const load_log *log, size_t n_endpoints, double duration_s,
					load_summary *out, error *err);

/* Free out->endpoint; accepts NULL.  The struct is zeroed. */
void load_summary_free(load_summary *s);

/* The endpoint whose transactions make up most of the overall slow tail:
 * the one with the most completed transactions at or above the overall p95
 * (ties: the lower number); -1 when nothing completed.  Feedback names it. */
int load_dominant_endpoint(const load_log *log, const load_summary *s);

/* ---- the score (score.c) ------------------------------------------------ */

/* What one variant (baseline, reference or answer) did, over all rounds. */
typedef struct load_measure {
	double p95_ms;         /* overall p95 (the median over rounds) */
	double tps;            /* completed per second */
	size_t completed, late, failed;
} load_measure;

/* Guards: an answer that loses transactions cannot pass (docs/load.md). */
typedef enum load_guard {
	LOAD_GUARD_NONE = 0,
	LOAD_GUARD_FAILED,     /* it had failed transactions (errors) */
	LOAD_GUARD_LATE,       /* it dropped more late transactions than allowed */
	LOAD_GUARD_THROUGHPUT  /* it completed too few transactions per second */
} load_guard;

#define LOAD_SCORE_DEFAULT_PASS 70.0
#define LOAD_SCORE_MAX 120.0

typedef struct load_score_result {
	double score;          /* 0 .. LOAD_SCORE_MAX, rounded to 0.1 */
	double progress;       /* fraction of the reference's p95 improvement */
	load_guard guard;      /* which guard zeroed the score, if any */
	bool passed;
} load_score_result;

/* Score `answer` against `baseline` and `reference` with pass threshold
 * `pass_score` (<= 0 means LOAD_SCORE_DEFAULT_PASS). */
load_score_result load_score_compute(const load_measure *baseline,
									 const load_measure *reference,
									 const load_measure *answer, double pass_score);

/* An English explanation of `r`, e.g. "p95 41.2 ms -> 6.3 ms: 6.5x faster
 * than the baseline, of a possible 8.1x (reference 5.1 ms): 89% of the way.
 * Score 89.0, passed (pass at 70.0)."  Names the guard when one applied.
 * malloc'd, never NULL. */
char *load_score_describe(const load_measure *baseline, const load_measure *reference,
						  const load_measure *answer, const load_score_result *r,
						  double pass_score);

/* ---- pool settings (pool.c) --------------------------------------------- */

typedef enum load_pool_mode {
	LOAD_POOL_NONE = 0,    /* no PgBouncer: clients connect to the server */
	LOAD_POOL_SESSION,
	LOAD_POOL_TRANSACTION,
	LOAD_POOL_STATEMENT
} load_pool_mode;

/* Bounds of pool sizes an answer may ask for. */
#define LOAD_POOL_SIZE_MIN 1
#define LOAD_POOL_SIZE_MAX 64

typedef struct load_pool {
	load_pool_mode mode;
	int size;              /* default_pool_size; 0 = PgBouncer's default */
} load_pool;

/* "session", "transaction", "statement" or "none" (static text). */
const char *load_pool_mode_name(load_pool_mode mode);

/*
 * Set one pool setting from the answer: `key` "pool_mode" (value session,
 * transaction or statement) or "pool_size" (a decimal integer in
 * LOAD_POOL_SIZE_MIN .. LOAD_POOL_SIZE_MAX).  Anything else — another key,
 * another value, a sign, spaces inside, a path — is ERROR_REJECTED naming
 * the key and what is allowed: no text from the answer ever reaches
 * PgBouncer's configuration except these validated values.
 */
bool load_pool_set(load_pool *pool, const char *key, const char *value, error *err);

#endif
