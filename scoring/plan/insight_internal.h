/*
 * insight_internal.h — inside scoring/plan's insights: insight.c (the list,
 * text, catalogue) calls the rule groups insight_scan.c, insight_join.c and
 * insight_plan.c; they use the helpers of insight_common.c.  One way only:
 * no rule group calls insight.c.  Not for the engine: it uses insight.h.
 */
#ifndef PGDRILL_PLAN_INSIGHT_INTERNAL_H
#define PGDRILL_PLAN_INSIGHT_INTERNAL_H

#include "plan/insight.h"

/* Append an insight; takes ownership of title, numbers and advice. */
void insight_add(insight_list *l, const char *rule, insight_severity sev,
				 const plan_node *node, double value, double threshold,
				 char *title, char *numbers, char *advice);

/* Share of the plan's time (or buffers without timing) a figure is. */
double insight_time_share(const plan *p, double ms);

/* Rows a node read: what it returned plus what its filter removed, over
 * all loops. */
double insight_rows_read(const plan_node *n);

/* Is the node's relationship to its parent `rel` ("Inner", "SubPlan")? */
bool insight_rel_is(const plan_node *n, const char *rel);

bool insight_type_is(const plan_node *n, const char *type);

/* Was node n cut short by its consumer (below a LIMIT, beside an empty
 * join input, inside a CTE whose readers all stopped), so that fewer rows
 * than estimated says nothing about the estimate? */
bool insight_stopped_early(const plan *p, const plan_node *n);

/* The columns a deparsed condition of EXPLAIN names ("(customer_id =
 * 10533)" -> "customer_id"; "((o.a = 1) AND (o.b > '2024-01-01'::date))"
 * -> "a, b"): each once, in order, without qualifiers, literals, casts,
 * functions or keywords.  malloc'd; NULL when it names none (or cond is
 * NULL).  A reading for the learner's eyes, not a parser: an expression
 * index's key shows as the columns inside it. */
char *insight_condition_columns(const char *cond);

/* The rule groups, each appending what fires. */
void insight_rules_scan(const plan *p, insight_list *l);
void insight_rules_join(const plan *p, insight_list *l);
void insight_rules_plan(const plan *p, insight_list *l);

#endif
