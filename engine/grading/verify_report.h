/*
 * verify_report.h — what `author verify` finds about one drill, as data:
 * problems (one line each), notes, measurements; and the options of a
 * verification.  Split from verify.h so that the drill kinds
 * (engine/grading/kinds/), which run their own verification steps, can add
 * problems without depending on verify.c, which calls them.
 */
#ifndef PGDRILL_VERIFY_REPORT_H
#define PGDRILL_VERIFY_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "grading/mutants.h"
#include "os/progress.h"

/* A reference must do at least this many times less work than slow.sql. */
#define VERIFY_MIN_WORK_RATIO 5.0
/* Hints a drill should have (fewer is a note, none a problem). */
#define VERIFY_RECOMMENDED_HINTS 3
/* What `author new` writes where the author must write: verify refuses a
 * drill that still contains it. */
#define VERIFY_PLACEHOLDER "TODO(author)"

/*
 * The second builds of fixtures made by the rebuild check, kept for the
 * other drills of the same fixture and scale in one run (a build costs as
 * much as the template's).  Owned by the caller: verify_rebuilds_free drops
 * the databases.  A process that dies leaves them to scratch reaping.
 */
typedef struct verify_rebuilds verify_rebuilds;


typedef struct verify_options {
	double scale;             /* 0 = the fixture's default scale */
	int runs;                 /* measured rounds per query (check's runs) */
	bool rebuild;             /* run the template-rebuild check */
	bool mutants;             /* run the mutation step (grading/mutants.h) */
	verify_rebuilds *rebuilds;/* reuse second builds across drills; NULL =
								 build and drop one per drill */
	const progress *prog;
} verify_options;

/* The measurements of one reference against slow.sql (main seed). */
typedef struct verify_measure {
	char *file;               /* "reference.sql" (owned) */
	double slow_buffers, buffers;   /* work, amortised preparation included */
	double slow_ms, ms;       /* median execution time (+ amortised prep) */
} verify_measure;

typedef struct verify_report {
	char *drill;              /* the id asked for (owned) */
	char **problems;          /* one line each, drill id not included (owned) */
	char **problem_carets;    /* per problem: psql's caret excerpt of the
								 spot, or NULL (owned) */
	size_t n_problems;
	char **notes;             /* advice that does not make a drill unsound */
	size_t n_notes;
	verify_measure *measures; /* one per reference measured (owned) */
	size_t n_measures;
	bool graded;              /* a graded drill (not plan-reading) was run */
	size_t slow_rows[2];      /* rows of slow.sql on the two seeds */
	bool db_checked;          /* the database checks ran */
	bool rebuild_checked;     /* the rebuild check ran */
	mutation_report mutation; /* the mutation step (ran = false when skipped) */
	double scale;             /* the scale measured at (0 if none) */
	double scale_limit;       /* the drill's scale_limit.max (0: none) */
	bool beyond_scale_limit;  /* the scale asked is above it: the database
								 checks did not run (a note says why) */
	double seconds;           /* wall time spent on this drill */
} verify_report;

/* Add a problem (printf-style; newlines become spaces: one line each). */
void verify_problem(verify_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Add a problem with psql's caret excerpt of its spot (`caret` malloc'd,
 * taken; printed under the line). */
void verify_problem_caret(verify_report *r, char *caret, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Add a problem from an error about a drill file, without the drill's folder
 * path `dir` or the "drill ID: " prefix (the CLI prints the id first). */
void verify_problem_from(verify_report *r, const char *dir, const char *id, const error *err);

/* Add a note (advice that does not make a drill unsound); `line` malloc'd,
 * taken. */
void verify_note(verify_report *r, char *line);

/* Free what r holds and zero it.  Accepts NULL. */
void verify_report_release(verify_report *r);

#endif
