/*
 * grade.c — exact grading of plan-reading answers on the real plan, and
 * the checks `author verify` runs on a drill's questions (see quiz.h).
 *
 * Expected answers that depend on the plan are computed here from the plan
 * the learner read, never stored: a fixture change cannot make them stale.
 * Pure: data in, data out.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quiz/quiz.h"
#include "strbuf.h"

/* The hottest node must beat the runner-up by this factor to be asked
 * about: nearer than that, timing noise between runs could swap them. */
#define QUIZ_CLEAR_CUT 1.25
/* A misestimate question needs a real misestimate. */
#define QUIZ_MIN_MISESTIMATE 2.0

static double
node_misestimate(const plan_node *n)
{
	double actual = n->actual_rows, est = n->plan_rows;

	if (!n->has_actual || n->never_executed)
		return 0;
	if (actual < 1)
		actual = 1;
	if (est < 1)
		est = 1;
	return actual > est ? actual / est : est / actual;
}

static bool
node_spilled(const plan_node *n)
{
	return (n->sort_space_type && strcmp(n->sort_space_type, "Disk") == 0) ||
		n->disk_usage_kb > 0 || n->hash_batches > 1 || n->hashagg_batches > 1 ||
		n->exclusive_buffers.temp_written > 0;
}

static double
node_heat(const plan_node *n, bool by_buffers)
{
	return by_buffers ? (double) plan_buffers_work(&n->exclusive_buffers)
		: n->exclusive_time_ms;
}

/* The node with the largest exclusive time (or buffers); *runner_up gets
 * the second largest figure. */
static const plan_node *
hottest(const plan *p, bool by_buffers, double *best, double *runner_up)
{
	const plan_node *top = NULL;

	*best = *runner_up = 0;
	for (size_t i = 0; i < p->n_nodes; i++) {
		double h = node_heat(p->nodes[i], by_buffers);

		if (top == NULL || h > *best) {
			if (top)
				*runner_up = *best;
			*best = h;
			top = p->nodes[i];
		} else if (h > *runner_up)
			*runner_up = h;
	}
	return top;
}

/* Labels compare without case and with runs of blanks as one space. */
static char *
normalized(const char *s)
{
	strbuf sb = STRBUF_INIT;
	bool space = false;

	for (; *s; s++) {
		if (isspace((unsigned char) *s)) {
			space = sb.len > 0;
			continue;
		}
		if (space)
			strbuf_append_char(&sb, ' ');
		space = false;
		strbuf_append_char(&sb, (char) tolower((unsigned char) *s));
	}
	return strbuf_steal(&sb);
}

static bool
label_is(const plan_node *n, const char *label)
{
	char *a = plan_node_label(n), *na = normalized(a), *nb = normalized(label);
	bool same = strcmp(na, nb) == 0;

	free(a);
	free(na);
	free(nb);
	return same;
}

const plan_node *
quiz_find_node(const quiz_node_spec *spec, const plan *p, error *err)
{
	const plan_node *found = NULL;
	double best, second;

	if (p == NULL || p->n_nodes == 0) {
		error_set(err, ERROR_USAGE, "the plan is empty");
		return NULL;
	}
	switch (spec->rule) {
	case QUIZ_NODE_NONE:
		break;
	case QUIZ_NODE_LABEL:
		for (size_t i = 0; i < p->n_nodes; i++)
			if (label_is(p->nodes[i], spec->label)) {
				if (found) {
					error_set(err, ERROR_USAGE, "more than one node is \"%s\"", spec->label);
					return NULL;
				}
				found = p->nodes[i];
			}
		if (found == NULL)
			error_set(err, ERROR_USAGE, "no node is \"%s\"", spec->label);
		return found;
	case QUIZ_NODE_HOTTEST:
		return plan_hottest(p);
	case QUIZ_NODE_HOTTEST_BUFFERS:
		if (!p->has_buffers) {
			error_set(err, ERROR_USAGE, "the plan has no buffer counts");
			return NULL;
		}
		return hottest(p, true, &best, &second);
	case QUIZ_NODE_WORST_MISESTIMATE:
		best = 0;
		for (size_t i = 0; i < p->n_nodes; i++)
			if (node_misestimate(p->nodes[i]) > best) {
				best = node_misestimate(p->nodes[i]);
				found = p->nodes[i];
			}
		if (found == NULL)
			error_set(err, ERROR_USAGE, "the plan has no actual row counts");
		return found;
	case QUIZ_NODE_SPILL:
		for (size_t i = 0; i < p->n_nodes; i++)
			if (node_spilled(p->nodes[i]))
				return p->nodes[i];
		error_set(err, ERROR_USAGE, "no node spills to disk");
		return NULL;
	}
	error_set(err, ERROR_USAGE, "no node is designated");
	return NULL;
}

static double
measure_of(quiz_measure m, const plan_node *n)
{
	double loops = n->actual_loops > 0 ? n->actual_loops : 1;

	switch (m) {
	case QUIZ_VALUE:
		return 0;
	case QUIZ_MISESTIMATE_FACTOR:
		return node_misestimate(n);
	case QUIZ_ACTUAL_ROWS:
		return plan_node_rows_total(n);
	case QUIZ_ESTIMATED_ROWS:
		return n->plan_rows;
	case QUIZ_LOOPS:
		return n->actual_loops;
	case QUIZ_ROWS_REMOVED:
		return n->rows_removed_by_filter * loops;
	case QUIZ_BUFFERS:
		return (double) plan_buffers_work(&n->exclusive_buffers);
	case QUIZ_HEAP_FETCHES:
		return n->heap_fetches * loops;
	}
	return 0;
}

static char *
node_text(const plan_node *n)
{
	char *label = plan_node_label(n);
	char *s = xasprintf("#%d %s", n->id, label);

	free(label);
	return s;
}

static char *
number_text(double v)
{
	if (fabs(v - round(v)) < 1e-9 && fabs(v) < 1e15)
		return xasprintf("%.0f", v);
	if (fabs(v) >= 10)
		return xasprintf("%.1f", v);
	return xasprintf("%.2f", v);
}

/* The expected answer: text, and for node / number questions the node
 * and the number. */
static bool
expected_of(const quiz_question *q, const plan *p, char **text, const plan_node **node,
			double *value, error *err)
{
	*node = NULL;
	*value = 0;
	if (q->kind == QUIZ_CHOICE) {
		for (size_t c = 0; c < q->n_choices; c++)
			if (strcmp(q->choices[c].key, q->answer_key) == 0)
				*text = xasprintf("%s) %s", q->answer_key, q->choices[c].text);
		return true;
	}
	if (q->kind == QUIZ_NUMBER && q->measure == QUIZ_VALUE) {
		*value = q->value;
		*text = number_text(q->value);
		return true;
	}
	*node = quiz_find_node(&q->node, p, err);
	if (*node == NULL) {
		error_prefix(err, "question \"%s\": ", q->id);
		return false;
	}
	if (q->kind == QUIZ_NODE) {
		*text = node_text(*node);
		return true;
	}
	{
		char *nt = node_text(*node), *vt;

		*value = measure_of(q->measure, *node);
		vt = number_text(*value);
		*text = xasprintf("%s (at %s)", vt, nt);
		free(nt);
		free(vt);
	}
	return true;
}

/* A number as a learner writes it: "1,200", "120x", "~3.5", "12 ×". */
static bool
parse_number(const char *s, double *v)
{
	strbuf sb = STRBUF_INIT;
	char *end;
	bool ok;

	for (; *s; s++) {
		if (*s == ',' || *s == '~' || *s == ' ')
			continue;
		strbuf_append_char(&sb, *s);
	}
	*v = strtod(strbuf_str(&sb), &end);
	ok = end != strbuf_str(&sb) &&
		(*end == '\0' || strcmp(end, "x") == 0 || strcmp(end, "X") == 0 ||
		 strcmp(end, "\xc3\x97") == 0);
	strbuf_free(&sb);
	return ok && isfinite(*v);
}

static bool
node_answer_is(const char *given, const plan_node *want, const plan *p)
{
	const char *s = given;
	char *end;
	long id;

	if (*s == '#')
		s++;
	id = strtol(s, &end, 10);
	if (end != s && (*end == '\0' || isspace((unsigned char) *end)))
		return id >= 1 && (size_t) id <= p->n_nodes && p->nodes[id - 1] == want;
	return label_is(want, given);
}

static bool
answer_correct(const quiz_question *q, const char *given, const plan *p,
			   const plan_node *node, double value)
{
	if (given == NULL)
		return false;
	switch (q->kind) {
	case QUIZ_CHOICE: {
		char *g = normalized(given);
		size_t n = strlen(g);
		bool ok;

		/* "b", "b)", "(b)" */
		if (n > 0 && g[n - 1] == ')')
			g[--n] = '\0';
		ok = strcmp(g[0] == '(' ? g + 1 : g, q->answer_key) == 0;
		free(g);
		return ok;
	}
	case QUIZ_NODE:
		return node_answer_is(given, node, p);
	case QUIZ_NUMBER: {
		double v;

		if (!parse_number(given, &v))
			return false;
		return fabs(v - value) <= q->tolerance * fabs(value) + 1e-9;
	}
	}
	return false;
}

/* Does the plan have the node (for a label: at least one)? */
static bool
plan_has(const quiz_node_spec *spec, const plan *p)
{
	error err = {0};

	if (spec->rule == QUIZ_NODE_LABEL) {
		for (size_t i = 0; p && i < p->n_nodes; i++)
			if (label_is(p->nodes[i], spec->label))
				return true;
		return false;
	}
	return quiz_find_node(spec, p, &err) != NULL;
}

/* What a requirement asks the plan for, for messages (malloc'd): a label,
 * or the one computed requirement, a spill. */
static char *
requirement_text(const quiz_node_spec *spec)
{
	return spec->rule == QUIZ_NODE_LABEL ? xasprintf("a node \"%s\"", spec->label)
		: xstrdup("a node that spills to disk");
}

bool
quiz_plan_fits(const quiz *qz, const plan *p, error *err)
{
	for (size_t i = 0; i < qz->n; i++) {
		const quiz_question *q = &qz->questions[i];

		for (size_t r = 0; r < q->n_requires; r++) {
			char *what;

			if (plan_has(&q->requires[r], p))
				continue;
			what = requirement_text(&q->requires[r]);
			error_set(err, ERROR_USAGE, "question \"%s\" is answered for a plan with %s, which "
					  "this plan of slow.sql does not have: its answer would be wrong here",
					  q->id, what);
			free(what);
			return false;
		}
	}
	return true;
}

quiz_result *
quiz_grade(const quiz *qz, const plan *p, const quiz_answers *a, error *err)
{
	quiz_result *r;

	if (!quiz_plan_fits(qz, p, err))
		return NULL;
	r = xcalloc(1, sizeof *r);
	r->marks = xcalloc(qz->n + 1, sizeof(quiz_mark));
	for (size_t i = 0; i < qz->n; i++) {
		const quiz_question *q = &qz->questions[i];
		quiz_mark *m = &r->marks[r->n];
		const plan_node *node;
		const char *given = a && i < a->n ? a->given[i] : NULL;
		double value;

		if (!expected_of(q, p, &m->expected, &node, &value, err)) {
			quiz_result_free(r);
			return NULL;
		}
		r->n++;
		m->question = q;
		m->given = given ? xstrdup(given) : NULL;
		m->correct = answer_correct(q, given, p, node, value);
		r->n_correct += m->correct;
	}
	return r;
}

void
quiz_result_free(quiz_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->marks[i].expected);
		free(r->marks[i].given);
	}
	free(r->marks);
	free(r);
}

static void
add_problem(char ***problems, size_t *n, char *line)
{
	*problems = xrealloc(*problems, (*n + 1) * sizeof(char *));
	(*problems)[(*n)++] = line;
}

/* Is the designated node robust on this plan (beyond merely existing)? */
static void
check_spec(const quiz_question *q, const quiz_node_spec *spec, const plan *p,
		   char ***problems, size_t *n)
{
	double best, second;
	const plan_node *top;

	if (spec->rule == QUIZ_NODE_HOTTEST || spec->rule == QUIZ_NODE_HOTTEST_BUFFERS) {
		bool by_buffers = spec->rule == QUIZ_NODE_HOTTEST_BUFFERS || !p->has_timing;

		top = hottest(p, by_buffers, &best, &second);
		if (top && second > 0 && best < second * QUIZ_CLEAR_CUT) {
			char *nt = node_text(top);

			add_problem(problems, n, xasprintf(
				"question \"%s\": the %s node is not clear-cut in the real plan (%s has "
				"%.3g, the runner-up %.3g; it needs %.2fx): ask about another node or "
				"change the query", q->id, by_buffers ? "hottest-by-buffers" : "hottest",
				nt, best, second, QUIZ_CLEAR_CUT));
			free(nt);
		}
	} else if (spec->rule == QUIZ_NODE_WORST_MISESTIMATE) {
		error err = {0};

		top = quiz_find_node(spec, p, &err);
		if (top && node_misestimate(top) < QUIZ_MIN_MISESTIMATE)
			add_problem(problems, n, xasprintf(
				"question \"%s\": every estimate in the real plan is within %.0fx of the "
				"actual rows (worst %.2fx): there is no misestimate to find", q->id,
				QUIZ_MIN_MISESTIMATE, node_misestimate(top)));
	}
}

void
quiz_check_plan(const quiz *qz, const plan *p, char ***problems, size_t *n)
{
	for (size_t i = 0; i < qz->n; i++) {
		const quiz_question *q = &qz->questions[i];
		const plan_node *node;
		double value;
		char *text = NULL;
		error err = {0};

		if (!expected_of(q, p, &text, &node, &value, &err)) {
			add_problem(problems, n, xasprintf("%s in the real plan of slow.sql", err.message));
			continue;
		}
		free(text);
		if (q->node.rule != QUIZ_NODE_NONE)
			check_spec(q, &q->node, p, problems, n);
		for (size_t r = 0; r < q->n_requires; r++) {
			char *what;

			if (plan_has(&q->requires[r], p))
				continue;
			what = requirement_text(&q->requires[r]);
			add_problem(problems, n, xasprintf(
				"question \"%s\" requires %s, which the real plan of slow.sql does not have: "
				"its stored answer may be stale", q->id, what));
			free(what);
		}
	}
}
