/*
 * quiz.h — plan-reading drills, the pure part: the questions (a drill's
 * questions.json), the learner's answer file, and exact grading against the
 * real plan.  See docs/plan-reading.md for both file formats.
 *
 * A question's expected answer is either a constant written by the author
 * (a choice key, a number) or a rule computed from the plan the learner
 * read: the hottest node, the node with the worst row misestimate, the node
 * that spilled to disk, a node named by its EXPLAIN label, and figures of
 * such a node (misestimate factor, rows, loops, buffers).  Computed answers
 * stay right when the fixture changes; `author verify` checks that each one
 * can be computed on the real plan and is clear-cut (quiz_check_plan).
 *
 * Pure: no I/O.  Called by engine/grading/quiz.c (files, EXPLAIN), engine/grading/verify.c
 * and the CLI through them.  cJSON is used only to read questions.json.
 */
#ifndef PGDRILL_QUIZ_H
#define PGDRILL_QUIZ_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "plan/plan.h"

typedef enum quiz_kind {
	QUIZ_CHOICE = 0,     /* pick one key of "choices" */
	QUIZ_NODE,           /* name a plan node: its #number or its label */
	QUIZ_NUMBER          /* a number, within a relative tolerance */
} quiz_kind;

/* How a node is found in the plan. */
typedef enum quiz_node_rule {
	QUIZ_NODE_NONE = 0,
	QUIZ_NODE_LABEL,            /* the one node whose label is `label` */
	QUIZ_NODE_HOTTEST,          /* largest exclusive time (plan_hottest) */
	QUIZ_NODE_HOTTEST_BUFFERS,  /* largest exclusive buffers */
	QUIZ_NODE_WORST_MISESTIMATE,/* largest actual/estimated rows factor */
	QUIZ_NODE_SPILL             /* first node that wrote to disk */
} quiz_node_rule;

typedef struct quiz_node_spec {
	quiz_node_rule rule;
	char *label;                /* for QUIZ_NODE_LABEL (owned) */
} quiz_node_spec;

/* What a number question asks. */
typedef enum quiz_measure {
	QUIZ_VALUE = 0,             /* the constant `value` */
	QUIZ_MISESTIMATE_FACTOR,    /* max(actual, est) / min(actual, est), per loop */
	QUIZ_ACTUAL_ROWS,           /* rows over all loops */
	QUIZ_ESTIMATED_ROWS,        /* estimated rows per loop */
	QUIZ_LOOPS,
	QUIZ_ROWS_REMOVED,          /* rows removed by filter, over all loops */
	QUIZ_BUFFERS,               /* exclusive buffers of the node */
	QUIZ_HEAP_FETCHES           /* an Index Only Scan's heap fetches, over all loops */
} quiz_measure;

typedef struct quiz_choice {
	char *key;                  /* "a", "b"... (owned) */
	char *text;                 /* (owned) */
} quiz_choice;

typedef struct quiz_question {
	char *id;                   /* [a-z0-9-], unique (owned) */
	quiz_kind kind;
	char *text;                 /* the question (owned) */
	char *explanation;          /* shown after grading (owned) */
	quiz_choice *choices;       /* QUIZ_CHOICE (owned) */
	size_t n_choices;
	char *answer_key;           /* QUIZ_CHOICE: the right key (owned) */
	quiz_node_spec node;        /* QUIZ_NODE: the answer; QUIZ_NUMBER: the
								 * node measured (rule NONE for a constant) */
	quiz_measure measure;       /* QUIZ_NUMBER */
	double value;               /* QUIZ_NUMBER with QUIZ_VALUE */
	double tolerance;           /* QUIZ_NUMBER: relative, default 0.1 */
	quiz_node_spec *requires;   /* nodes the real plan must have for a
								 * constant answer to be right (owned) */
	size_t n_requires;
} quiz_question;

typedef struct quiz {
	quiz_question *questions;   /* owned */
	size_t n;
} quiz;

/* Parse questions.json text (len bytes).  NULL with err (ERROR_USAGE, the
 * message naming the question and field) when invalid.  Free with quiz_free. */
quiz *quiz_parse(const char *json, size_t len, error *err);
void quiz_free(quiz *q);

/* "choice", "node", "number". */
const char *quiz_kind_name(quiz_kind k);

/* The learner's answers, one per question (NULL = not answered). */
typedef struct quiz_answers {
	char **given;               /* n entries, owned */
	size_t n;
} quiz_answers;

/*
 * Parse an answer file (docs/plan-reading.md: "id: answer" lines, '#'
 * comments, blank lines ignored).  ERROR_REJECTED, with the 1-based line in
 * err->position and the message naming it, for a line without ':', an
 * unknown question id or one answered twice.  Free with quiz_answers_free.
 */
quiz_answers *quiz_answers_parse(const quiz *q, const char *text, size_t len, error *err);
void quiz_answers_free(quiz_answers *a);

/* A fresh answer file for `q`: each question as a comment, then "id: ".
 * malloc'd. */
char *quiz_answers_template(const quiz *q, const char *drill_id);

/* The questions as text for a terminal (numbered, with choices).  malloc'd. */
char *quiz_questions_text(const quiz *q);

/* The plan's nodes as a numbered legend for answering node questions:
 * "#1 Hash Join" indented like the tree, then what EXPLAIN ANALYZE prints
 * about the node (rows per loop and estimate, loops, buffers, conditions,
 * filters and rows removed, sort method and space, hash batches, heap
 * fetches).  malloc'd. */
char *quiz_node_legend(const plan *p);

/* One graded question. */
typedef struct quiz_mark {
	const quiz_question *question;  /* not owned */
	bool correct;
	char *expected;             /* the right answer as text (owned) */
	char *given;                /* what the learner wrote, or NULL (owned) */
} quiz_mark;

typedef struct quiz_result {
	quiz_mark *marks;           /* one per question, in order (owned) */
	size_t n;
	size_t n_correct;
	bool reveal;                /* reports may show the expected answers and
	                             * explanations (passed, or asked for) */
} quiz_result;

/*
 * Whether the stored answers of `q` hold on plan `p`: every node a
 * question "requires" is there.  A plan of another shape (the fixture at
 * another --scale, say) would grade a right reading as wrong and a wrong
 * one as right: false with err (ERROR_USAGE) naming the question and the
 * node.
 */
bool quiz_plan_fits(const quiz *q, const plan *p, error *err);

/*
 * Grade answers `a` to `q` on plan `p` (the plan the learner read).  NULL
 * with err (ERROR_USAGE) when the plan does not fit the stored answers
 * (quiz_plan_fits) or an expected answer cannot be computed on this plan.
 * Free with quiz_result_free.
 */
quiz_result *quiz_grade(const quiz *q, const plan *p, const quiz_answers *a, error *err);
void quiz_result_free(quiz_result *r);

/*
 * For `author verify`: check every computed answer of `q` against the real
 * plan `p`: the node exists (a label names exactly one node), the spill
 * exists, the worst misestimate is at least 2x off, the hottest node is
 * clear-cut (its share at least 1.25x the runner-up's, so noise between
 * runs cannot change it); every node a question "requires" exists (a
 * label then names at least one node).  Appends one malloc'd line per problem to
 * *problems (a realloc'd array of *n lines; the caller frees both).
 */
void quiz_check_plan(const quiz *q, const plan *p, char ***problems, size_t *n);

/* The node a spec designates on `p`, or NULL (why in err, ERROR_USAGE). */
const plan_node *quiz_find_node(const quiz_node_spec *spec, const plan *p, error *err);

#endif
