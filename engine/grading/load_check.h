/*
 * load_check.h — grading one answer to a load drill (implementation in
 * engine/grading/load_check.c).  It never prints.  The steps:
 *   1. read the answer file and the reference (scoring/load/workload.h) and
 *      check both against the drill's endpoints and allow-list (reject:
 *      exit 3; a broken reference is the drill's fault: exit 2);
 *   2. make sure the fixture's templates exist for both seeds at the
 *      drill's scale; clone one database per variant on the main seed
 *      (baseline = as shipped, reference, answer) and one on the check seed;
 *   3. apply the reference's and the answer's setup statements (committed:
 *      pgbench's sessions must see the index) as the role the allow-list
 *      implies, under the drill's deadline;
 *   4. correctness: every replaced statement and its original return the
 *      same rows for LOAD_CHECK_SAMPLES parameter samples on both seeds;
 *      when endpoints write, after LOAD_STATE_REQUESTS requests of every
 *      endpoint's writes (the drill's, then the answer's, each in a
 *      rolled-back transaction) the drill's state check statements read
 *      the same rows, on both seeds;
 *   5. `rounds` rounds of baseline, reference and answer, each a pgbench run
 *      of the drill's workload (rotating the order every round), through a
 *      private PgBouncer when the variant has a pool;
 *   6. the score (scoring/load) of each round from that round's three p95,
 *      with the error, late and throughput guards over every round; the
 *      median round's is the verdict, with a message;
 *   7. drop every clone, stop every PgBouncer (also on error paths).
 */
#ifndef PGDRILL_LOAD_CHECK_H
#define PGDRILL_LOAD_CHECK_H

#include <stdbool.h>

#include "catalog/drill.h"
#include "catalog/fixture.h"
#include "error.h"
#include "grade/compare.h"
#include "grading/check.h"
#include "grading/load_spec.h"
#include "load/load.h"
#include "os/progress.h"
#include "pg/server.h"

/* Parameter samples per replaced statement and seed. */
#define LOAD_CHECK_SAMPLES 5

/* Writing endpoints (docs/load.md): requests per endpoint before the state
 * check reads, and the parameter samples of each state check statement. */
#define LOAD_STATE_REQUESTS 24
#define LOAD_STATE_SAMPLES 3

enum { LOAD_BASELINE = 0, LOAD_REFERENCE, LOAD_ANSWER, LOAD_VARIANTS };

/* Waits sampled from pg_stat_activity while a variant ran: active
 * sessions of its clone, by wait_event_type / wait_event ("CPU" /
 * "running" for an active session waiting on nothing). */
#define LOAD_MAX_WAITS 16

typedef struct load_wait {
	char type[32];
	char event[64];
	size_t count;             /* session-samples */
} load_wait;

/* What one variant did over all rounds. */
typedef struct load_variant {
	load_summary summary;     /* every round's transactions together */
	double round_p95_ms[LOAD_MAX_ROUNDS];
	load_measure measure;     /* what the score uses */
	int dominant;             /* endpoint dominating the p95 tail, -1 none */
	load_pool pool;           /* PgBouncer used (mode NONE: direct) */
	char *errors;             /* pgbench's errors when a client aborted */
	load_wait waits[LOAD_MAX_WAITS];   /* most frequent first */
	size_t n_waits;
	size_t wait_samples;      /* session-samples in total */
	size_t lock_samples;      /* of them, wait_event_type Lock */
	double connection_ms;     /* pgbench's connection time per connection
								 (mean over rounds; per request with -C) */
} load_variant;

typedef struct load_check_result {
	check_status status;
	char *message;
	error err;                /* REJECTED / ERROR, or the failing run */
	bool measured;            /* variants and score are filled */
	int mismatch_seed;        /* the seed a replacement or the state check
								 read other rows on; 0 none */
	compare_verdict verdict;  /* how they differed (mismatch_seed > 0) */
	bool ordered;             /* compared in order */
	load_variant v[LOAD_VARIANTS];
	load_score_result score;  /* of the median round (docs/load.md) */
	int score_round;          /* that round, from 0 */
	double pass_score;
	int rounds;
	double wall_s;            /* the whole check */
	char *endpoint_names[LOAD_MAX_ENDPOINTS];  /* borrowed from the spec */
	size_t n_endpoints;
} load_check_result;

typedef struct load_check_options {
	int rounds;               /* 0 = the drill's */
	const progress *prog;
} load_check_options;

/*
 * Grade `answer` (len bytes, the answer-file format) for load drill `d`
 * with spec `spec` and fixture `f`.  Everything, including rejection and
 * environment errors, is in *r (release with load_check_result_release).
 */
void load_check_run(server *s, const drill *d, const fixture *f, const load_spec *spec,
					const char *answer, size_t len, const load_check_options *o,
					load_check_result *r);

void load_check_result_release(load_check_result *r);

#endif
