/*
 * quiz.c — reading a plan-reading drill's questions.json and the learner's
 * answer file, and writing the texts shown around them (see quiz.h).
 *
 * Grading and the checks against a real plan are in grade.c.  Pure: the
 * caller reads the files.
 */
#include "quiz/quiz.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#define QUIZ_MAX_QUESTIONS 50

static const char *const kind_names[] = {"choice", "node", "number"};

static const struct { const char *name; quiz_node_rule rule; } node_rules[] = {
	{"hottest", QUIZ_NODE_HOTTEST},
	{"hottest_buffers", QUIZ_NODE_HOTTEST_BUFFERS},
	{"worst_misestimate", QUIZ_NODE_WORST_MISESTIMATE},
	{"spill", QUIZ_NODE_SPILL},
};

static const struct { const char *name; quiz_measure m; } measures[] = {
	{"misestimate_factor", QUIZ_MISESTIMATE_FACTOR},
	{"actual_rows", QUIZ_ACTUAL_ROWS},
	{"estimated_rows", QUIZ_ESTIMATED_ROWS},
	{"loops", QUIZ_LOOPS},
	{"rows_removed_by_filter", QUIZ_ROWS_REMOVED},
	{"buffers", QUIZ_BUFFERS},
	{"heap_fetches", QUIZ_HEAP_FETCHES},
};

const char *
quiz_kind_name(quiz_kind k)
{
	return kind_names[k];
}

static bool
valid_id(const char *s)
{
	if (s[0] == '\0' || strlen(s) > 40)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	return true;
}

/* A required (or optional) non-empty string member, copied. */
static bool
get_string(const cJSON *o, const char *field, bool required, const char *where,
		   char **out, error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);

	*out = NULL;
	if (v == NULL) {
		if (required)
			return error_set(err, ERROR_USAGE, "questions.json: %s: \"%s\" is missing",
							 where, field);
		return true;
	}
	if (!cJSON_IsString(v) || v->valuestring[0] == '\0')
		return error_set(err, ERROR_USAGE, "questions.json: %s: \"%s\" must be a non-empty string",
						 where, field);
	*out = xstrdup(v->valuestring);
	return true;
}

/* A node spec: {"computed": "hottest"} or {"label": "Seq Scan on orders"}. */
static bool
parse_node_spec(const cJSON *o, const char *where, quiz_node_spec *spec, error *err)
{
	const cJSON *computed = cJSON_GetObjectItemCaseSensitive(o, "computed");
	const cJSON *label = cJSON_GetObjectItemCaseSensitive(o, "label");

	if (!cJSON_IsObject(o))
		return error_set(err, ERROR_USAGE, "questions.json: %s: a node must be an object "
						 "{\"computed\": RULE} or {\"label\": \"Seq Scan on t\"}", where);
	if ((computed != NULL) == (label != NULL))
		return error_set(err, ERROR_USAGE, "questions.json: %s: a node has either "
						 "\"computed\" or \"label\"", where);
	if (label) {
		if (!cJSON_IsString(label) || label->valuestring[0] == '\0')
			return error_set(err, ERROR_USAGE, "questions.json: %s: \"label\" must be a "
							 "non-empty string", where);
		spec->rule = QUIZ_NODE_LABEL;
		spec->label = xstrdup(label->valuestring);
		return true;
	}
	if (cJSON_IsString(computed))
		for (size_t i = 0; i < sizeof node_rules / sizeof node_rules[0]; i++)
			if (strcmp(computed->valuestring, node_rules[i].name) == 0) {
				spec->rule = node_rules[i].rule;
				return true;
			}
	return error_set(err, ERROR_USAGE, "questions.json: %s: \"computed\" must be hottest, "
					 "hottest_buffers, worst_misestimate or spill", where);
}

static bool
parse_choice(const cJSON *o, quiz_question *q, const char *where, error *err)
{
	const cJSON *choices = cJSON_GetObjectItemCaseSensitive(o, "choices");
	const cJSON *c;
	bool found = false;

	if (!cJSON_IsObject(choices) || cJSON_GetArraySize(choices) < 2)
		return error_set(err, ERROR_USAGE, "questions.json: %s: \"choices\" must be an "
						 "object with at least two keys", where);
	q->choices = xcalloc((size_t) cJSON_GetArraySize(choices), sizeof(quiz_choice));
	cJSON_ArrayForEach(c, choices) {
		if (!cJSON_IsString(c) || !valid_id(c->string))
			return error_set(err, ERROR_USAGE, "questions.json: %s: choice \"%s\" must be a "
							 "string under a key of a-z, 0-9", where, c->string);
		q->choices[q->n_choices].key = xstrdup(c->string);
		q->choices[q->n_choices].text = xstrdup(c->valuestring);
		q->n_choices++;
	}
	if (!get_string(o, "answer", true, where, &q->answer_key, err))
		return false;
	for (size_t i = 0; i < q->n_choices; i++)
		found |= strcmp(q->choices[i].key, q->answer_key) == 0;
	if (!found)
		return error_set(err, ERROR_USAGE, "questions.json: %s: \"answer\" \"%s\" is not one "
						 "of the choices", where, q->answer_key);
	return true;
}

static bool
parse_number(const cJSON *o, quiz_question *q, const char *where, error *err)
{
	const cJSON *answer = cJSON_GetObjectItemCaseSensitive(o, "answer");
	const cJSON *tol = cJSON_GetObjectItemCaseSensitive(o, "tolerance");

	q->tolerance = 0.1;
	if (tol) {
		if (!cJSON_IsNumber(tol) || tol->valuedouble < 0 || tol->valuedouble > 1)
			return error_set(err, ERROR_USAGE, "questions.json: %s: \"tolerance\" must be a "
							 "number from 0 to 1 (relative)", where);
		q->tolerance = tol->valuedouble;
	}
	if (cJSON_IsNumber(answer)) {
		q->measure = QUIZ_VALUE;
		q->value = answer->valuedouble;
		return true;
	}
	if (cJSON_IsObject(answer)) {
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(answer, "computed");
		const cJSON *node = cJSON_GetObjectItemCaseSensitive(answer, "node");

		if (cJSON_IsString(m))
			for (size_t i = 0; i < sizeof measures / sizeof measures[0]; i++)
				if (strcmp(m->valuestring, measures[i].name) == 0)
					q->measure = measures[i].m;
		if (q->measure == QUIZ_VALUE)
			return error_set(err, ERROR_USAGE, "questions.json: %s: \"answer\".\"computed\" "
							 "must be misestimate_factor, actual_rows, estimated_rows, loops, "
							 "rows_removed_by_filter, buffers or heap_fetches", where);
		if (node == NULL)
			return error_set(err, ERROR_USAGE, "questions.json: %s: \"answer\".\"node\" is "
							 "missing (which node to measure)", where);
		return parse_node_spec(node, where, &q->node, err);
	}
	return error_set(err, ERROR_USAGE, "questions.json: %s: \"answer\" must be a number or "
					 "{\"computed\": MEASURE, \"node\": NODE}", where);
}

static bool
parse_question(const cJSON *o, size_t index, quiz *qz, error *err)
{
	static const char *const known[] = {"id", "kind", "text", "explanation", "choices",
		"answer", "tolerance", "requires", NULL};
	quiz_question *q = &qz->questions[qz->n];
	char where[96];
	char *kind = NULL;
	const cJSON *item;
	bool ok = false;

	snprintf(where, sizeof where, "question %zu", index + 1);
	if (!cJSON_IsObject(o))
		return error_set(err, ERROR_USAGE, "questions.json: %s must be an object", where);
	qz->n++;
	if (!get_string(o, "id", true, where, &q->id, err))
		return false;
	if (!valid_id(q->id))
		return error_set(err, ERROR_USAGE, "questions.json: %s: id \"%s\" must be 1 to 40 "
						 "characters a-z, 0-9, - and _", where, q->id);
	snprintf(where, sizeof where, "question \"%s\"", q->id);
	for (size_t i = 0; i + 1 < qz->n; i++)
		if (strcmp(qz->questions[i].id, q->id) == 0)
			return error_set(err, ERROR_USAGE, "questions.json: %s is defined twice", where);
	cJSON_ArrayForEach(item, o) {
		bool known_key = false;

		for (const char *const *k = known; *k; k++)
			known_key |= strcmp(*k, item->string) == 0;
		if (!known_key)
			return error_set(err, ERROR_USAGE, "questions.json: %s: unknown field \"%s\"",
							 where, item->string);
	}
	if (!get_string(o, "text", true, where, &q->text, err) ||
		!get_string(o, "explanation", true, where, &q->explanation, err) ||
		!get_string(o, "kind", true, where, &kind, err))
		goto done;
	if (strcmp(kind, "choice") == 0) {
		q->kind = QUIZ_CHOICE;
		ok = parse_choice(o, q, where, err);
	} else if (strcmp(kind, "node") == 0) {
		const cJSON *answer = cJSON_GetObjectItemCaseSensitive(o, "answer");

		q->kind = QUIZ_NODE;
		if (answer == NULL)
			error_set(err, ERROR_USAGE, "questions.json: %s: \"answer\" is missing", where);
		else
			ok = parse_node_spec(answer, where, &q->node, err);
	} else if (strcmp(kind, "number") == 0) {
		q->kind = QUIZ_NUMBER;
		ok = parse_number(o, q, where, err);
	} else
		error_set(err, ERROR_USAGE, "questions.json: %s: \"kind\" must be choice, node or "
				  "number, not \"%s\"", where, kind);
	if (ok && cJSON_GetObjectItemCaseSensitive(o, "requires")) {
		const cJSON *req = cJSON_GetObjectItemCaseSensitive(o, "requires");
		const cJSON *node;

		if (!cJSON_IsArray(req) || cJSON_GetArraySize(req) == 0)
			ok = error_set(err, ERROR_USAGE, "questions.json: %s: \"requires\" must be a "
						   "non-empty array of nodes", where);
		else {
			q->requires = xcalloc((size_t) cJSON_GetArraySize(req), sizeof(quiz_node_spec));
			cJSON_ArrayForEach(node, req) {
				if (!(ok = parse_node_spec(node, where, &q->requires[q->n_requires], err)))
					break;
				q->n_requires++;
			}
		}
	}
	if (ok && q->kind != QUIZ_CHOICE && cJSON_GetObjectItemCaseSensitive(o, "choices"))
		ok = error_set(err, ERROR_USAGE, "questions.json: %s: \"choices\" is only for kind "
					   "choice", where);
done:
	free(kind);
	return ok;
}

quiz *
quiz_parse(const char *json, size_t len, error *err)
{
	cJSON *root = cJSON_ParseWithLength(json, len);
	const cJSON *arr, *item;
	quiz *qz = xcalloc(1, sizeof *qz);
	size_t i = 0;

	if (root == NULL) {
		const char *at = cJSON_GetErrorPtr();
		int line = 1;

		for (const char *p = json; at && p < at && p < json + len; p++)
			line += *p == '\n';
		error_set(err, ERROR_USAGE, "questions.json: not valid JSON (near line %d)", line);
		goto fail;
	}
	arr = cJSON_GetObjectItemCaseSensitive(root, "questions");
	if (!cJSON_IsObject(root) || !cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0 ||
		cJSON_GetArraySize(arr) > QUIZ_MAX_QUESTIONS) {
		error_set(err, ERROR_USAGE, "questions.json: \"questions\" must be an array of 1 to %d "
				  "questions", QUIZ_MAX_QUESTIONS);
		goto fail;
	}
	cJSON_ArrayForEach(item, root) {
		if (strcmp(item->string, "questions") != 0) {
			error_set(err, ERROR_USAGE, "questions.json: unknown field \"%s\"", item->string);
			goto fail;
		}
	}
	qz->questions = xcalloc((size_t) cJSON_GetArraySize(arr), sizeof(quiz_question));
	cJSON_ArrayForEach(item, arr) {
		if (!parse_question(item, i++, qz, err))
			goto fail;
	}
	cJSON_Delete(root);
	return qz;
fail:
	cJSON_Delete(root);
	quiz_free(qz);
	return NULL;
}

void
quiz_free(quiz *qz)
{
	if (qz == NULL)
		return;
	for (size_t i = 0; i < qz->n; i++) {
		quiz_question *q = &qz->questions[i];

		free(q->id);
		free(q->text);
		free(q->explanation);
		for (size_t c = 0; c < q->n_choices; c++) {
			free(q->choices[c].key);
			free(q->choices[c].text);
		}
		free(q->choices);
		free(q->answer_key);
		free(q->node.label);
		for (size_t r = 0; r < q->n_requires; r++)
			free(q->requires[r].label);
		free(q->requires);
	}
	free(qz->questions);
	free(qz);
}

static char *
trimmed(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char) *s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char) s[n - 1]))
		n--;
	return xstrndup(s, n);
}

quiz_answers *
quiz_answers_parse(const quiz *q, const char *text, size_t len, error *err)
{
	quiz_answers *a = xcalloc(1, sizeof *a);
	const char *p = text, *end = text + len;
	int line = 0;

	a->n = q->n;
	a->given = xcalloc(q->n + 1, sizeof(char *));
	if (memchr(text, '\0', len) != NULL) {
		error_set(err, ERROR_REJECTED, "the answer file is not text");
		goto fail;
	}
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t) (end - p));
		size_t n = eol ? (size_t) (eol - p) : (size_t) (end - p);
		char *l = trimmed(p, n), *colon, *id, *value;
		size_t k;

		line++;
		p = eol ? eol + 1 : end;
		if (l[0] == '\0' || l[0] == '#') {
			free(l);
			continue;
		}
		colon = strchr(l, ':');
		if (colon == NULL) {
			error_set(err, ERROR_REJECTED, "line %d: expected \"QUESTION: ANSWER\", found "
					  "\"%.60s\"", line, l);
			err->position = line;
			free(l);
			goto fail;
		}
		id = trimmed(l, (size_t) (colon - l));
		value = trimmed(colon + 1, strlen(colon + 1));
		for (k = 0; k < q->n; k++)
			if (strcmp(q->questions[k].id, id) == 0)
				break;
		if (k == q->n || a->given[k] != NULL) {
			error_set(err, ERROR_REJECTED, k == q->n ? "line %d: no question \"%s\" in this "
					  "drill" : "line %d: question \"%s\" is answered twice", line, id);
			err->position = line;
			free(id);
			free(value);
			free(l);
			goto fail;
		}
		if (value[0] != '\0')
			a->given[k] = value;
		else
			free(value);
		free(id);
		free(l);
	}
	return a;
fail:
	quiz_answers_free(a);
	return NULL;
}

void
quiz_answers_free(quiz_answers *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->n; i++)
		free(a->given[i]);
	free(a->given);
	free(a);
}

/* How to answer a question, in a few words. */
static const char *
answer_form(const quiz_question *q)
{
	switch (q->kind) {
	case QUIZ_CHOICE:
		return "one letter";
	case QUIZ_NODE:
		return "a node's #number (or its label)";
	case QUIZ_NUMBER:
		return "a number";
	}
	return "";
}

char *
quiz_questions_text(const quiz *qz)
{
	strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < qz->n; i++) {
		const quiz_question *q = &qz->questions[i];

		strbuf_printf(&sb, "%zu. [%s] %s  (answer: %s)\n", i + 1, q->id, q->text,
					  answer_form(q));
		for (size_t c = 0; c < q->n_choices; c++)
			strbuf_printf(&sb, "     %s) %s\n", q->choices[c].key, q->choices[c].text);
	}
	return strbuf_steal(&sb);
}

char *
quiz_answers_template(const quiz *qz, const char *drill_id)
{
	strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "# Answers to the plan-reading drill %s.\n"
				  "# One line per question: \"QUESTION: ANSWER\".  Lines starting with #\n"
				  "# are ignored.  Check with: pgdrill check %s\n", drill_id, drill_id);
	for (size_t i = 0; i < qz->n; i++) {
		const quiz_question *q = &qz->questions[i];

		strbuf_printf(&sb, "\n# %zu. %s  (%s)\n", i + 1, q->text, answer_form(q));
		for (size_t c = 0; c < q->n_choices; c++)
			strbuf_printf(&sb, "#    %s) %s\n", q->choices[c].key, q->choices[c].text);
		strbuf_printf(&sb, "%s: \n", q->id);
	}
	return strbuf_steal(&sb);
}

/* One detail line: "label: text", skipped when text is NULL. */
static void
detail(strbuf *sb, int indent, const char *label, const char *text)
{
	if (text && text[0])
		strbuf_printf(sb, "%*s%s: %s\n", indent, "", label, text);
}

char *
quiz_node_legend(const plan *p)
{
	strbuf sb = STRBUF_INIT;

	for (size_t i = 0; p && i < p->n_nodes; i++) {
		const plan_node *n = p->nodes[i];
		char *label = plan_node_label(n);
		int in = n->depth * 2 + 4;
		const plan_buffers *b = &n->buffers;

		strbuf_printf(&sb, "%*s#%d %s\n", n->depth * 2, "", n->id, label);
		free(label);
		if (n->has_actual)
			strbuf_printf(&sb, "%*srows %.0f per loop (estimated %.0f), loops %.0f%s\n", in, "",
						  n->actual_rows, n->plan_rows, n->actual_loops,
						  n->never_executed ? " (never executed)" : "");
		else
			strbuf_printf(&sb, "%*srows estimated %.0f\n", in, "", n->plan_rows);
		if (p->has_buffers && plan_buffers_work(b) > 0) {
			strbuf_printf(&sb, "%*sbuffers: shared hit %lld read %lld", in, "",
						  (long long) b->shared_hit, (long long) b->shared_read);
			if (b->temp_read || b->temp_written)
				strbuf_printf(&sb, ", temp read %lld written %lld", (long long) b->temp_read,
							  (long long) b->temp_written);
			strbuf_append(&sb, " (this node and below)\n");
		}
		detail(&sb, in, "Index Cond", n->index_cond);
		detail(&sb, in, "Recheck Cond", n->recheck_cond);
		detail(&sb, in, "Hash Cond", n->hash_cond);
		detail(&sb, in, "Merge Cond", n->merge_cond);
		detail(&sb, in, "Join Filter", n->join_filter);
		detail(&sb, in, "Filter", n->filter);
		if (n->rows_removed_by_filter > 0)
			strbuf_printf(&sb, "%*sRows Removed by Filter: %.0f per loop\n", in, "",
						  n->rows_removed_by_filter);
		if (n->rows_removed_by_join_filter > 0)
			strbuf_printf(&sb, "%*sRows Removed by Join Filter: %.0f per loop\n", in, "",
						  n->rows_removed_by_join_filter);
		if (n->rows_removed_by_recheck > 0)
			strbuf_printf(&sb, "%*sRows Removed by Index Recheck: %.0f per loop\n", in, "",
						  n->rows_removed_by_recheck);
		if (n->exact_heap_blocks > 0 || n->lossy_heap_blocks > 0) {
			strbuf_printf(&sb, "%*sHeap Blocks:", in, "");
			if (n->exact_heap_blocks > 0)
				strbuf_printf(&sb, " exact=%.0f", n->exact_heap_blocks);
			if (n->lossy_heap_blocks > 0)
				strbuf_printf(&sb, " lossy=%.0f", n->lossy_heap_blocks);
			strbuf_append(&sb, "\n");
		}
		if (n->subplans_removed > 0)
			strbuf_printf(&sb, "%*sSubplans Removed: %.0f\n", in, "", n->subplans_removed);
		detail(&sb, in, "Sort Key", n->sort_key);
		detail(&sb, in, "Presorted Key", n->presorted_key);
		if (n->sort_method)
			strbuf_printf(&sb, "%*sSort Method: %s  %s: %.0fkB\n", in, "", n->sort_method,
						  n->sort_space_type ? n->sort_space_type : "Space", n->sort_space_kb);
		if (n->hash_batches > 0)
			strbuf_printf(&sb, "%*sBuckets: %.0f  Batches: %.0f  Memory Usage: %.0fkB\n", in, "",
						  n->hash_buckets, n->hash_batches, n->peak_memory_kb);
		if (n->heap_fetches > 0)
			strbuf_printf(&sb, "%*sHeap Fetches: %.0f\n", in, "", n->heap_fetches);
		detail(&sb, in, "Run Condition", n->run_condition);
	}
	return strbuf_steal(&sb);
}
