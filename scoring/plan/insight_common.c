/*
 * insight_common.c — what every insight rule group shares (insight_scan.c,
 * insight_join.c, insight_plan.c): recording an insight, a figure's share of
 * the plan's time, node tests, and "was this node cut short by a consumer".
 *
 * Split from insight.c so that dependencies run one way: insight.c (the
 * catalogue and plan_insights) calls the rule groups, and the rule groups
 * call only this file; no rule group calls back into insight.c.
 * Declarations: plan/insight_internal.h.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan/insight_internal.h"
#include "strbuf.h"

void
insight_add(insight_list *l, const char *rule, insight_severity sev,
			const plan_node *node, double value, double threshold,
			char *title, char *numbers, char *advice)
{
	insight *i;

	l->items = xrealloc(l->items, (l->n + 1) * sizeof *l->items);
	i = &l->items[l->n++];
	i->rule = rule;
	i->severity = sev;
	i->node = node;
	i->value = value;
	i->threshold = threshold;
	i->title = title;
	i->numbers = numbers;
	i->advice = advice;
}

double
insight_time_share(const plan *p, double ms)
{
	double total = p->root ? p->root->total_time_ms : 0;

	if (total <= 0)
		total = p->execution_ms;
	return total > 0 ? ms / total : 0;
}

double
insight_rows_read(const plan_node *n)
{
	return plan_node_rows_total(n) + n->rows_removed_by_filter * n->actual_loops;
}

bool
insight_rel_is(const plan_node *n, const char *rel)
{
	return n->parent_relationship && strcmp(n->parent_relationship, rel) == 0;
}

bool
insight_type_is(const plan_node *n, const char *type)
{
	return strcmp(n->node_type, type) == 0;
}

/* Joins that stop reading one input when the other is empty (a Nested
 * Loop reads all its outer rows even when the inner side finds nothing). */
static bool
stops_on_empty_input(const plan_node *n)
{
	return strcmp(n->node_type, "Hash Join") == 0 || strcmp(n->node_type, "Merge Join") == 0;
}

static bool stopped_early(const plan *p, const plan_node *n, int guard, int *budget);

/* Did every CTE Scan reading CTE `cte` stop early? */
static bool
cte_readers_stopped(const plan *p, const plan_node *cte, int guard, int *budget)
{
	const char *name = cte->subplan_name + 4;
	bool any = false;

	for (size_t i = 0; i < p->n_nodes; i++) {
		const plan_node *s = p->nodes[i];

		if (strcmp(s->node_type, "CTE Scan") != 0 || s->cte_name == NULL ||
			strcmp(s->cte_name, name) != 0)
			continue;
		if (!stopped_early(p, s, guard + 1, budget))
			return false;
		any = true;
	}
	return any;
}

/*
 * Was node n cut short by a consumer, so that fewer rows than estimated is
 * not a misestimate?  Below a LIMIT; on one side of a join whose other
 * side returned nothing (PostgreSQL stops reading); inside a CTE whose
 * readers all stopped early.  CTEs read inside CTEs make this recursive:
 * `guard` bounds the depth and `budget` the total work (a hostile plan
 * with many readers per CTE must not take exponential time); running out
 * answers "no".
 */
static bool
stopped_early(const plan *p, const plan_node *n, int guard, int *budget)
{
	if (guard > 16 || --*budget < 0)
		return false;
	for (const plan_node *c = n; c->parent; c = c->parent) {
		const plan_node *par = c->parent;

		if (c->parent_relationship && strcmp(c->parent_relationship, "InitPlan") == 0) {
			if (c->subplan_name && strncmp(c->subplan_name, "CTE ", 4) == 0)
				return cte_readers_stopped(p, c, guard, budget);
			return false;
		}
		if (strcmp(par->node_type, "Limit") == 0)
			return true;
		if (stops_on_empty_input(par)) {
			for (size_t i = 0; i < par->n_children; i++) {
				const plan_node *other = par->children[i];

				if (other != c && other->has_actual && !insight_rel_is(other, "InitPlan") &&
					!insight_rel_is(other, "SubPlan") && plan_node_rows_total(other) == 0)
					return true;
			}
		}
	}
	return false;
}

bool
insight_stopped_early(const plan *p, const plan_node *n)
{
	int budget = 256;

	return stopped_early(p, n, 0, &budget);
}

/* Words of EXPLAIN's deparsed conditions that are not columns. */
static bool
is_condition_keyword(const char *w, size_t n)
{
	static const char *const words[] = {
		"AND", "OR", "NOT", "IS", "NULL", "TRUE", "FALSE", "ANY", "ALL", "ARRAY",
		"IN", "LIKE", "ILIKE", "BETWEEN", "SIMILAR", "ESCAPE", "CASE", "WHEN", "THEN",
		"ELSE", "END", "DISTINCT", "FROM", "COLLATE", "SOME", "with", "without",
		"time", "zone", "precision", "varying",
	};

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && strncmp(words[i], w, n) == 0)
			return true;
	return false;
}

char *
insight_condition_columns(const char *cond)
{
	strbuf sb = STRBUF_INIT;
	const char *s = cond;
	bool after_cast = false;

	if (cond == NULL)
		return NULL;
	while (*s) {
		const char *w;
		size_t n;
		char *name;

		if (*s == '\'') {                /* a literal: skip it ('' escapes) */
			for (s++; *s; s++)
				if (*s == '\'' && s[1] == '\'')
					s++;
				else if (*s == '\'')
					break;
			if (*s)
				s++;
			after_cast = false;
			continue;
		}
		if (s[0] == ':' && s[1] == ':') {  /* a cast: the type name follows */
			s += 2;
			after_cast = true;
			continue;
		}
		if (*s == '"') {                 /* a quoted name */
			w = ++s;
			while (*s && *s != '"')
				s++;
			n = (size_t) (s - w);
			if (*s)
				s++;
		} else if (isalpha((unsigned char) *s) || *s == '_') {
			w = s;
			while (isalnum((unsigned char) *s) || *s == '_' || *s == '$')
				s++;
			n = (size_t) (s - w);
		} else {
			if (isdigit((unsigned char) *s) || *s == '$') {  /* a number or a parameter */
				while (isalnum((unsigned char) *s) || *s == '.' || *s == '$')
					s++;
			} else {
				if (*s != ' ')
					after_cast = false;
				s++;
			}
			continue;
		}
		/* a qualifier ("o.customer_id"), a function, a type, a keyword: no column */
		if (*s == '.' || *s == '(' || after_cast || is_condition_keyword(w, n))
			continue;
		name = xstrndup(w, n);
		{
			/* once each, in the order of the condition */
			const char *seen = sb.data ? strstr(sb.data, name) : NULL;
			bool dup = false;

			while (seen && !dup) {
				dup = (seen == sb.data || seen[-1] == ' ') &&
					(seen[n] == ',' || seen[n] == '\0');
				seen = strstr(seen + 1, name);
			}
			if (!dup)
				strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", name);
		}
		free(name);
	}
	if (sb.len == 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_steal(&sb);
}
