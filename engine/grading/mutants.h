/*
 * mutants.h — author verify's mutation step: can the drill's data tell its
 * query from the plausible wrong rewrites a learner might write?
 *
 * mutants_verify() generates the mutants of slow.sql and of every reference
 * (scoring/sql/mutate.h), runs each on every dataset the check compares an
 * answer on (check_context_datasets), and compares its rows with the slow
 * query's exactly as an answer's are compared.  A mutant that returns other
 * rows, or fails, on some dataset is killed; one that returns the slow
 * query's rows everywhere survives — unless drill.json declares it
 * equivalent (mutation.equivalent, with a reason).  A mutant that runs past
 * the short mutant deadline survives too, unless the drill says timeouts
 * kill (mutation.timeout_kills).  Survivors are problems of the drill, or
 * notes while mutation.pending says its edge data is being written.
 *
 * Mutants of a reference's index statements are not made (an index never
 * changes rows), so an index reference's mutants are its SELECT's, run
 * without the index; a materialized view's are run with their view.
 * Identical mutant queries run once, and a boundary mutant of slow.sql is
 * not run when a reference moves the same literal the same way (the same
 * question to the data, asked of the fast query).  The datasets are tried
 * last first: edge data, when a drill has it, comes last and is built to
 * kill.  Two workers (threads, each with its
 * own connections) share the mutants, one per core.  Called by verify.c.
 */
#ifndef PGDRILL_MUTANTS_H
#define PGDRILL_MUTANTS_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/drill.h"
#include "error.h"
#include "grading/check.h"
#include "pg/server.h"

/* Workers running mutants at once (the machine's cores). */
#define MUTANTS_WORKERS 2
/* A mutant's deadline: this many times the slow query's slowest run on the
 * datasets, at least MUTANTS_MIN_TIMEOUT_S, at most the drill's timeout. */
#define MUTANTS_TIMEOUT_FACTOR 3.0
#define MUTANTS_MIN_TIMEOUT_S 5.0

typedef enum mutant_fate {
	MUTANT_KILLED = 0,
	MUTANT_SURVIVED,
	MUTANT_EQUIVALENT,        /* survived, and declared equivalent */
	MUTANT_TIMED_OUT          /* ran past the deadline (killed only when the
								 drill says timeouts kill) */
} mutant_fate;

typedef struct mutant_result {
	char *id;                 /* "slow.sql:relop-2" (owned) */
	const char *op;           /* static operator name */
	char *what;               /* "< becomes <=" (owned) */
	char *caret;              /* psql-style excerpt of the file at the edit (owned) */
	mutant_fate fate;
	char *how;                /* killed: where and how; equivalent: the reason (owned) */
} mutant_result;

typedef struct mutation_report {
	bool ran;
	size_t total;             /* distinct mutants run */
	size_t killed;            /* including timeouts when they kill */
	size_t equivalent;        /* survivors declared equivalent */
	size_t survived;          /* survivors not declared (timeouts included) */
	mutant_result *items;     /* every mutant, in file and generation order */
	size_t n;
	double timeout_s;         /* the mutant deadline used */
	double seconds;           /* wall time of the step */
} mutation_report;

/*
 * Run the mutation step for drill d in a prepared check context (its
 * datasets and the slow query's rows).  Fills *r (release with
 * mutation_report_release) and adds lines to problems / notes through the
 * callbacks' owner: survivors, stale declarations.  Returns false with err
 * only when the environment failed (ERROR_ENV).
 */
typedef void (*mutants_line_fn)(void *owner, bool problem, char *line);
bool mutants_verify(server *s, check_context *ctx, const drill *d, const progress *prog,
					mutants_line_fn line, void *owner, mutation_report *r, error *err);

void mutation_report_release(mutation_report *r);

/* The score in percent: (killed + equivalent) / total; 100 with no mutants. */
double mutation_score(const mutation_report *r);

#endif
