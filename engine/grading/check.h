/*
 * check.h — grading one SQL answer to one drill: the machinery of the SQL
 * kinds (rewrite, index, cache: engine/grading/kinds/), which `check`,
 * `watch`, `grade` and `author verify` reach through the kind interface.
 * Also the verdict every kind returns (check_result: status, score,
 * message, and a kind's own detail).
 *
 * check_prepare() + check_answer() take a drill, its fixture and the
 * answer's text, and return a check_result value; they never print.  The
 * steps, in order:
 *   1. analyse the answer's SQL against what the drill allows (reject: exit 3);
 *   2. make sure the fixture's templates exist for both seeds;
 *   3. clone a scratch database per seed;
 *   4. correctness: run the slow query and the answer on both seeds (main
 *      seed first, so a mismatch on the second seed alone means the answer
 *      depends on the data, e.g. hard-coded rows) and then on the edge
 *      dataset when the drill or its fixture has one (engine/sandbox/edge.h:
 *      seed 1 plus boundary rows), as the learner role, each in a
 *      transaction that is always rolled back, and compare their rows;
 *   5. measurement on the main seed (never on the edge dataset): a warm-up, then `runs` rounds of slow,
 *      reference and answer interleaved, each EXPLAIN (ANALYZE, BUFFERS,
 *      TIMING OFF), then one run with per-node timing for feedback;
 *   6. the score and the verdict (its words are report/verdict.c's);
 *   7. drop the scratch databases (also on every error path).
 */
#ifndef PGDRILL_CHECK_H
#define PGDRILL_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/drill.h"
#include "error.h"
#include "catalog/fixture.h"
#include "grade/compare.h"
#include "grade/score.h"
#include "plan/plan.h"
#include "sql/lint.h"
#include "os/progress.h"
#include "pg/server.h"
#include "sandbox/run.h"

#define CHECK_DEFAULT_RUNS 5
#define CHECK_MAX_RUNS 50

typedef struct check_options {
	int runs;                 /* measured rounds, 1..CHECK_MAX_RUNS */
	double scale;             /* 0 = the fixture's default */
	bool share_baseline;      /* measure slow and reference once (see below) */
	bool learner;             /* a learner's own attempt (check, watch): a kind
								 may use the learner's workspace (plan-reading:
								 the plan shown); false for CI's grade and verify */
	bool reveal;              /* plan-reading: show the right answers and why
								 even when the answer fails (check --reveal) */
	const progress *prog;
} check_options;

/* Preparatory statements (CREATE INDEX, CREATE MATERIALIZED VIEW) are paid
 * for: the pages they create, divided by this many executions, are added to
 * the query's work, and their time likewise (docs/scoring.md). */
#define CHECK_AMORTIZE_EXECUTIONS 100.0

typedef struct measured {
	double times[CHECK_MAX_RUNS]; /* execution time of each measured run, ms */
	size_t n;
	stats_summary time;
	double buffers;           /* total buffers (hit + read + temp), median */
	double cost;              /* planner total cost */
	double rows;              /* rows returned */
	double planning_ms;
	double prep_pages;        /* pages created by preparatory statements */
	double prep_ms;           /* their execution time */
	plan *plan;               /* the run with per-node timing (owned) */
	char *plan_json;          /* its EXPLAIN JSON (owned) */
} measured;

typedef enum check_status {
	CHECK_PASS = 0,
	CHECK_FAIL,
	CHECK_REJECTED,
	CHECK_ERROR
} check_status;

/*
 * A kind's own part of a verdict (plan-reading: the graded questions), with
 * the renderers that replace the SQL report for it (report/check_report.c
 * calls them).  Both render from `detail`; json returns a new object with
 * the common members (version, drill, status, score, message) too.
 */
struct cJSON;
typedef struct check_detail_ops {
	struct cJSON *(*json)(const drill *d, const void *detail, const char *answer_file);
	/* `program`: the command as the user ran it, for suggested commands */
	char *(*text)(const drill *d, const void *detail, bool color, const char *program);
	void (*free)(void *detail);
} check_detail_ops;

typedef struct check_result {
	check_status status;
	char *message;            /* a rejection's or error's message, or a kind's
								 own verdict; NULL for a graded SQL answer,
								 whose words report/verdict.h writes */
	error err;                /* what went wrong, for REJECTED / ERROR and
								 for an answer that failed to run */
	bool ordered;             /* rows compared in ORDER BY order */
	int mismatch_seed;        /* the seed whose rows differed, 0 if none
								 (TEMPLATE_SEED_MAIN for the edge dataset,
								 which is built on it) */
	bool mismatch_edge;       /* the rows differed on the edge dataset */
	compare_verdict verdict;
	int agree_digits;         /* rows differ only by rounding: the significant
								 digits they agree to (< COMPARE_FLOAT_DIGITS),
								 else 0 */
	bool rows_of_seed1;       /* on seed 2 the answer returned the slow query's
								 seed-1 rows exactly (hard-coded) */
	char *missing_row;        /* an example, or NULL */
	char *extra_row;
	bool same_as_slow;        /* the answer is the slow query unchanged */
	bool measured;            /* the metrics below are filled */
	measured slow, reference, answer;
	score_result score;
	double pass_score;
	int runs;
	double scale;
	int templates_built;      /* templates this check had to build (0 = reused) */
	bool shared_baseline;     /* slow and reference were measured once for a batch,
								 not interleaved with this answer */
	lint_findings *lint;      /* advice on the answer's SQL (owned; may be NULL) */
	bool revealed;            /* the verdict shows answers the learner had not
								 earned yet (check --reveal on a failed
								 plan-reading answer): recorded in the state */
	const check_detail_ops *detail_ops; /* a kind's own verdict, or NULL */
	void *detail;             /* owned: detail_ops->free */
} check_result;

/*
 * Grading several answers to one drill (CI's `grade`) prepares the drill
 * once: templates, scratch databases, the slow query's rows on both seeds,
 * and — when `o->share_baseline` — the slow query's measurement, reused for
 * every answer (buffers are deterministic, so the verdict stays right; its
 * time is the median of its own runs).  That measurement is made when the
 * first answer with the right rows needs it, not before: a batch whose
 * answers to a drill all fail on their rows (CI on wrong rewrites,
 * tests/wrong-answers) never pays the slow query's rounds.  The reference is always measured
 * interleaved with the answer: the time guard compares those two, and load
 * that changes between separate measurements would bias it.  Without
 * share_baseline (a single `check`), slow, reference and answer are all
 * measured interleaved in one round-robin.
 */
typedef struct check_context check_context;

/* Prepare `d` for grading.  Returns NULL with err on environment failure
 * (ERROR_ENV) or a broken drill (ERROR_USAGE).  The context keeps pointers to
 * s, d, f and o: they must outlive it. */
check_context *check_prepare(server *s, const drill *d, const fixture *f,
							 const check_options *o, error *err);

/* Grade one answer (len bytes) in a prepared context.  The verdict,
 * including rejection and environment errors, is in *r (release with
 * check_result_release). */
void check_answer(check_context *ctx, const char *answer, size_t len, check_result *r);

/* Drop the context's scratch databases and free it.  Accepts NULL. */
void check_context_free(check_context *ctx);

/* Templates the preparation had to build. */
int check_context_templates_built(const check_context *ctx);

/* Whether the slow query's rows came from the digest cache
 * (grading/digest_cache.h) instead of being run on every dataset. */
bool check_context_rows_cached(const check_context *ctx);

/* Rows the slow query returned on seed TEMPLATE_SEED_MAIN (seed_index 0),
 * TEMPLATE_SEED_CHECK (1) or the edge dataset (2; 0 when there is none), as
 * digested by check_prepare (author verify
 * refuses a drill whose result is empty: identical empty results prove
 * nothing). */
size_t check_context_slow_rows(const check_context *ctx, int seed_index);

/* Whether the drill or its fixture has an edge dataset (rows are then
 * compared on it too). */
bool check_context_has_edge(const check_context *ctx);

/* Whether the slow query's rows differ between the two seeds under the
 * comparison an answer gets (author verify refuses a drill whose rows do
 * not: an answer that hard-codes them, or a constant in place of a
 * computed column, would pass the row check). */
bool check_context_seeds_differ(const check_context *ctx);

/*
 * The datasets an answer's rows are compared on, in comparison order
 * (the main seed, the check seed, then the edge dataset when the drill has
 * edge rows).  Author verify's mutation step
 * runs every mutant on each of them: a loop over these functions sees any
 * dataset added later.
 */
size_t check_context_datasets(const check_context *ctx);
/* The scratch database of dataset i (owned by the context). */
const char *check_context_dataset_db(const check_context *ctx, size_t i);
/* Its name for messages: "seed 1", "seed 2" (static or owned by the context). */
const char *check_context_dataset_label(const check_context *ctx, size_t i);
/* Whether the slow query's shared measurement has been made (share_baseline:
 * by the first answer with the right rows, check.h). */
bool check_context_baseline_measured(const check_context *ctx);
/* The limits queries run under in this context (deadline, result caps). */
const run_limits *check_context_limits(const check_context *ctx);
/* Compare rows digested from some query on dataset i (run_digest with no
 * keys, as an answer's are) with the slow query's rows there, exactly as
 * check_answer compares an answer's. */
compare_verdict check_context_compare(const check_context *ctx, size_t i,
									  const result_digest *actual);

/*
 * Step 1 alone, before any server work: analyse the answer's SQL against
 * the drill's `allow`.  Returns true when it is refused (a syntax error or
 * a statement the drill does not allow), with the verdict in *r exactly as
 * check_answer() would give it (CHECK_REJECTED; release with
 * check_result_release); false, *r untouched, when it may be graded.
 * The SQL kinds' `refuse` (kinds/kind.h): check, watch and grade run it before the
 * server is opened, so a refusal costs no template, clone or seed run.
 */
bool check_reject_early(const drill *d, const char *answer, size_t len, check_result *r);

/* A verdict for an answer that was not graded: `status` with a copy of err
 * and its message. */
void check_result_ungraded(check_result *r, check_status status, const error *err,
						   double pass_score);

/* Free what r holds (its detail too) and zero it.  Accepts NULL. */
void check_result_release(check_result *r);

/* "pass", "fail", "rejected", "error". */
const char *check_status_name(check_status st);

/* The CLI exit code for a result: 0 pass, 1 fail, 3 rejected, 4 error (or 2
 * for a usage error recorded in r->err). */
int check_exit_code(const check_result *r);

#endif
