/*
 * diff.h — what one plan does differently from another: the answer against
 * the reference (or against the slow query), as structured differences
 * plus a few lines of text for the learner.
 *
 * Compared: how each relation is read (access path), join methods and
 * order, spills to disk, work (buffers, rows read), the hottest node and
 * execution time.  Pure: no I/O.  Called by check/show after grading, and
 * usable by any tool with two parsed plans.
 */
#ifndef PGDRILL_PLAN_DIFF_H
#define PGDRILL_PLAN_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/plan.h"

typedef enum plan_diff_kind {
	PLAN_DIFF_ACCESS_PATH = 0, /* a relation is read another way (or not at all) */
	PLAN_DIFF_JOIN_METHOD,     /* different join operators */
	PLAN_DIFF_JOIN_ORDER,      /* same relations, joined in another order */
	PLAN_DIFF_SPILL,           /* one spills to disk, the other does not */
	PLAN_DIFF_BUFFERS,         /* total buffers differ by 20% or more */
	PLAN_DIFF_ROWS,            /* rows read by scans differ 2x or more */
	PLAN_DIFF_HOTTEST,         /* the hottest node is a different operation */
	PLAN_DIFF_TIME             /* execution time differs 1.5x or more */
} plan_diff_kind;

typedef struct plan_difference {
	plan_diff_kind kind;
	char *subject;       /* the relation for ACCESS_PATH, else NULL (owned) */
	char *left;          /* what the first plan does, e.g. "Seq Scan" (owned) */
	char *right;         /* what the second plan does (owned) */
	double left_value;   /* the figure compared (buffers, rows, ms, temp
						  * blocks), 0 when the kind has none */
	double right_value;
	char *text;          /* one line naming both plans (owned) */
} plan_difference;

typedef struct plan_diff {
	plan_difference *items;  /* in the order of plan_diff_kind */
	size_t n;
} plan_diff;

/*
 * Compare plan `a` (named `a_name`, e.g. "your answer") with plan `b`
 * ("the reference").  Returns a new diff (free with plan_diff_free), empty
 * when nothing that matters differs; never NULL.  NULL plans compare as
 * empty.  Names default to "the first plan" / "the second plan" when NULL.
 */
plan_diff *plan_diff_compute(const plan *a, const plan *b,
							 const char *a_name, const char *b_name);

/*
 * plan_diff_compute(answer, reference, "your answer", "the reference") for
 * the feedback on an answer.  With `hide_reference_indexes` (an index
 * drill, whose answer is an index), an index the reference reads and the
 * answer does not is not named ("Index Scan using an index of its own"), so
 * the feedback teaches from the plans instead of handing the reference's
 * index over.
 */
plan_diff *plan_diff_against_reference(const plan *answer, const plan *reference,
									   bool hide_reference_indexes);

/* Free a diff.  Accepts NULL. */
void plan_diff_free(plan_diff *d);

/*
 * The differences as text, one line each, at most `max_lines` (0 = all;
 * a last line says how many more).  "The plans read the same relations the
 * same way and do about the same work.\n" when there are none.  malloc'd.
 */
char *plan_diff_text(const plan_diff *d, size_t max_lines);

/* "access_path", "join_method", ... (stable ids for JSON). */
const char *plan_diff_kind_name(plan_diff_kind k);

#endif
