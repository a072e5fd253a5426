/*
 * check.h — grading one answer to one drill: the heart of `pgdrill check`
 * (and, later, of `grade` and `author verify`).
 *
 * check_run() takes a drill, its fixture and the answer's text, and returns
 * a check_result value; it never prints.  The steps, in order:
 *   1. analyse the answer's SQL against what the drill allows (reject: exit 3);
 *   2. make sure the fixture's templates exist for both seeds;
 *   3. clone a scratch database per seed;
 *   4. correctness: run the slow query and the answer on both seeds (main
 *      seed first, so a mismatch on the second seed alone means the answer
 *      depends on the data, e.g. hard-coded rows) as the learner role, each
 *      in a transaction that is always rolled back, and compare their rows;
 *   5. measurement on the main seed: a warm-up, then `runs` rounds of slow,
 *      reference and answer interleaved, each EXPLAIN (ANALYZE, BUFFERS,
 *      TIMING OFF), then one run with per-node timing for feedback;
 *   6. the score, the verdict and a message;
 *   7. drop the scratch databases (also on every error path).
 */
#ifndef PGDRILL_CHECK_H
#define PGDRILL_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "drill.h"
#include "error.h"
#include "fixture.h"
#include "grade/compare.h"
#include "grade/score.h"
#include "plan/plan.h"
#include "progress.h"
#include "server.h"

#define CHECK_DEFAULT_RUNS 5
#define CHECK_MAX_RUNS 50

typedef struct check_options {
	int runs;                 /* measured rounds, 1..CHECK_MAX_RUNS */
	double scale;             /* 0 = the fixture's default */
	const progress *prog;
} check_options;

typedef struct measured {
	double times[CHECK_MAX_RUNS]; /* execution time of each measured run, ms */
	size_t n;
	stats_summary time;
	double buffers;           /* total buffers (hit + read + temp), median */
	double cost;              /* planner total cost */
	double rows;              /* rows returned */
	double planning_ms;
	plan *plan;               /* the run with per-node timing (owned) */
} measured;

typedef enum check_status {
	CHECK_PASS = 0,
	CHECK_FAIL,
	CHECK_REJECTED,
	CHECK_ERROR
} check_status;

typedef struct check_result {
	check_status status;
	char *message;            /* the verdict in a sentence or two */
	error err;                /* what went wrong, for REJECTED / ERROR and
								 for an answer that failed to run */
	bool ordered;             /* rows compared in ORDER BY order */
	int mismatch_seed;        /* the seed whose rows differed, 0 if none */
	compare_verdict verdict;
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
} check_result;

/* Grade `answer` (len bytes).  Returns false only when the result could not
 * be produced at all; the verdict, including rejection and environment
 * errors, is in *r.  Release r with check_result_release. */
bool check_run(server *s, const drill *d, const fixture *f, const char *answer,
			   size_t len, const check_options *o, check_result *r);

void check_result_release(check_result *r);

/* "pass", "fail", "rejected", "error". */
const char *check_status_name(check_status st);

/* The CLI exit code for a result: 0 pass, 1 fail, 3 rejected, 4 error (or 2
 * for a usage error recorded in r->err). */
int check_exit_code(const check_result *r);

#endif
