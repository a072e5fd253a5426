/*
 * insight.h — what is wrong with a plan, in plain words: rules that read a
 * parsed plan (plan.h) and say which node, how bad, the numbers behind it
 * and what to do.  The rules and their thresholds are documented in
 * docs/plans.md; each has a stable id that JSON output and tests use.
 *
 * Pure: no I/O.  Called by `pgdrill explain`, and by check/show for the
 * feedback on an answer.
 */
#ifndef PGDRILL_PLAN_INSIGHT_H
#define PGDRILL_PLAN_INSIGHT_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/plan.h"

typedef enum insight_severity {
	INSIGHT_INFO = 0,   /* worth knowing, not a problem by itself */
	INSIGHT_LOW,
	INSIGHT_MEDIUM,
	INSIGHT_HIGH
} insight_severity;

typedef struct insight {
	const char *rule;          /* stable id, e.g. "seq_scan_filter" (static) */
	insight_severity severity;
	const plan_node *node;     /* the node it is about; NULL = whole plan.
								* Borrowed from the plan: valid while it is. */
	char *title;               /* one line: what is wrong (owned) */
	char *numbers;             /* the figures behind it (owned) */
	char *advice;              /* what to try (owned) */
	double value;              /* the figure compared with the threshold */
	double threshold;          /* the band it crossed */
} insight;

typedef struct insight_list {
	insight *items;            /* most severe first, then by node id */
	size_t n;
} insight_list;

/* A rule of the catalogue: id and one-line description. */
typedef struct insight_rule_info {
	const char *id;
	const char *description;
} insight_rule_info;

/*
 * Run every rule over `p`.  Returns a new list (possibly empty; never NULL)
 * that borrows nodes from `p`: free it with insight_list_free before or
 * after plan_free, but do not use its nodes after plan_free.  A NULL plan
 * gives an empty list.
 */
insight_list *plan_insights(const plan *p);

/* Free a list and its strings.  Accepts NULL. */
void insight_list_free(insight_list *l);

/* "info", "low", "medium", "high". */
const char *insight_severity_name(insight_severity s);

/* Does the list hold an insight of this rule id? */
bool insight_list_has(const insight_list *l, const char *rule);

/*
 * The insights as terminal text, a block per insight:
 *   "[high] #3 Seq Scan on orders: removes 99% of the rows it reads\n"
 *   "       396,000 of 400,000 rows removed by the filter ...\n"
 *   "       Try: an index on ...\n"
 * With `color`, the severity is coloured (ANSI).  "No problems found.\n"
 * for an empty list.  malloc'd; caller frees.
 */
char *insight_list_text(const insight_list *l, bool color);

/* The rule catalogue (static; *n set to its length). */
const insight_rule_info *insight_rules(size_t *n);

#endif
