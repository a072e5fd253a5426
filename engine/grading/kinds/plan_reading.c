/*
 * plan_reading.c — the "plan-reading" drill kind: the learner reads the
 * real plan of the slow query and answers questions about it
 * (questions.json, docs/plan-reading.md) in a text file; the answers are
 * graded against the plan the learner was shown (saved by show/start in
 * the workspace) or, without one (CI's grade), against a plan run afresh.
 * The quiz itself is scoring/quiz (pure) and grading/quiz.c (its files).
 * Registered in kinds.c.
 */
#include "grading/kinds/kind.h"

#include <stdlib.h>
#include <string.h>

#include "os/fileio.h"
#include "os/paths.h"
#include "grading/quiz.h"
#include "sql/sql.h"
#include "strbuf.h"

static void
free_quiz(void *q)
{
	quiz_free(q);
}

static bool
load(drill *d, error *err)
{
	quiz *q = quiz_load(d, err);

	if (q == NULL)
		return false;
	d->kind_data = q;
	d->kind_data_free = free_quiz;
	if (d->allow == 0)
		d->allow = SQL_ALLOW_SELECT;    /* no SQL answers; slow.sql is a SELECT */
	return true;
}

struct kind_grader {
	const drill *d;
	const check_options *o;
	plan *plan;               /* the plan the answers are about (owned) */
};

/* The stored answers hold on plan p (quiz_plan_fits), read at `scale`: a
 * plan of another shape is refused, never graded (a right reading would
 * fail, a wrong one pass); the hint says what to do. */
static bool
plan_fits(const drill *d, const fixture *f, const plan *p, double scale, error *err)
{
	if (quiz_plan_fits(d->kind_data, p, err))
		return true;
	if (scale != f->default_scale)
		error_hint(err, "This drill's questions are about slow.sql's plan on fixture %s at "
				   "scale %g, and this plan is at scale %g: run it without --scale.", f->name,
				   f->default_scale, scale);
	else
		error_hint(err, "The questions no longer fit the drill's plan: pgdrill author verify "
				   "%s says why.", d->id);
	return false;
}

/* The plan to grade against: the learner's saved one, else the slow
 * query's plan run now (saved for the learner, who is then shown it by
 * the next show/start). */
static kind_grader *
prepare(kind_env *env, const drill *d, const fixture *f, const check_options *o, error *err)
{
	kind_grader *g = xcalloc(1, sizeof *g);
	slow_plan sp = {0};
	server *s;

	g->d = d;
	g->o = o;
	if (o->learner) {
		g->plan = quiz_saved_plan(d, f, err);
		if (g->plan == NULL && err->kind != ERROR_NONE)
			goto fail;
	}
	if (g->plan == NULL) {
		if (!kind_env_server(env, &s, err) ||
			!slow_plan_on_clone(s, d, f, fixture_scale(f, o->scale),
								o->prog, SLOW_PLAN_TIMING, &sp, err) ||
			(o->learner && !quiz_save_plan(d, f, sp.json, err)))
			goto fail;
		g->plan = sp.plan;    /* taken */
		sp.plan = NULL;
	}
	if (!plan_fits(d, f, g->plan, fixture_scale(f, o->scale), err))
		goto fail;
	slow_plan_release(&sp);
	return g;
fail:
	slow_plan_release(&sp);
	plan_free(g->plan);
	free(g);
	return NULL;
}

static cJSON *
detail_json(const drill *d, const void *detail, const char *answer_file)
{
	return quiz_report_json(d, detail, answer_file);
}

static char *
detail_text(const drill *d, const void *detail, bool color, const char *program)
{
	return quiz_report_text(d, detail, color, program);
}

static void
detail_free(void *detail)
{
	quiz_result_free(detail);
}

static const check_detail_ops quiz_detail = {detail_json, detail_text, detail_free};

static void
grade(kind_grader *g, const char *answer, size_t len, check_result *r)
{
	const quiz *q = g->d->kind_data;
	quiz_answers *a;
	quiz_result *res;
	error err = {0};

	a = quiz_answers_parse(q, answer, len, &err);
	res = a ? quiz_grade(q, g->plan, a, &err) : NULL;
	quiz_answers_free(a);
	if (res == NULL) {
		check_result_ungraded(r, err.kind == ERROR_REJECTED ? CHECK_REJECTED : CHECK_ERROR,
							  &err, 100);
		return;
	}
	/* a failed answer keeps the right ones hidden, so there is something
	 * left to retry; a pass (or --reveal) shows them with the reasons */
	res->reveal = g->o->reveal || res->n_correct == res->n;
	memset(r, 0, sizeof *r);
	r->status = quiz_exit_code(res) == 0 ? CHECK_PASS : CHECK_FAIL;
	r->pass_score = 100;
	r->score.score = res->n ? 100.0 * (double) res->n_correct / (double) res->n : 0;
	r->message = xasprintf("%zu of %zu answers right.", res->n_correct, res->n);
	r->revealed = res->reveal && res->n_correct < res->n;
	r->detail_ops = &quiz_detail;
	r->detail = res;
}

static void
finish(kind_grader *g)
{
	if (g == NULL)
		return;
	plan_free(g->plan);
	free(g);
}

/* The questions as show's JSON "questions" array. */
static cJSON *
questions_json(const quiz *qz)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < qz->n; i++) {
		const quiz_question *q = &qz->questions[i];
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "id", q->id);
		cJSON_AddStringToObject(x, "kind", quiz_kind_name(q->kind));
		cJSON_AddStringToObject(x, "text", q->text);
		if (q->n_choices) {
			cJSON *c = cJSON_AddObjectToObject(x, "choices");

			for (size_t k = 0; k < q->n_choices; k++)
				cJSON_AddStringToObject(c, q->choices[k].key, q->choices[k].text);
		}
		cJSON_AddItemToArray(arr, x);
	}
	return arr;
}

/* `show`: the learner answers about this very plan, so it is saved for
 * check, and shown as the raw picture with the node legend. */
static bool
describe(const drill *d, const fixture *f, const slow_plan *sp, bool color,
		 const char *program, kind_description *out, error *err)
{
	const quiz *qz = d->kind_data;
	char *qs = quiz_questions_text(qz);
	char *path = quiz_answer_path(d->id, NULL);

	if (sp->plan) {
		if (!quiz_save_plan(d, f, sp->json, err)) {
			free(qs);
			free(path);
			return false;
		}
		out->plan_text = quiz_picture(sp->plan, color);
	}
	out->task_text = xasprintf("Questions:\n\n%s\nAnswer in %s (%s start %s writes it), "
							   "then run %s check %s.\n", qs,
							   path ? path : "the answer file", program, d->id,
							   program, d->id);
	out->task_json = questions_json(qz);
	free(qs);
	free(path);
	return true;
}

/* `start`: the real plan (saved for check), the questions and the answer
 * file with one line per question. */
static bool
start(kind_env *env, const drill *d, const fixture *f, double scale, bool color,
	  kind_description *out, error *err)
{
	const quiz *qz = d->kind_data;
	slow_plan shown = {0};
	server *s;
	bool ok = false;

	if (!kind_env_server(env, &s, err) ||
		!slow_plan_on_clone(s, d, f, scale, env->prog, SLOW_PLAN_TIMING, &shown, err) ||
		!plan_fits(d, f, shown.plan, scale, err) ||
		!quiz_save_plan(d, f, shown.json, err))
		goto done;
	out->plan_text = quiz_picture(shown.plan, color);
	out->plan_ms = shown.plan->execution_ms;
	out->task_json_text = quiz_questions_text(qz);
	out->task_text = xasprintf("Questions:\n\n%s", out->task_json_text);
	out->answer_new = "one line per question";
	out->answer_file = quiz_workspace_init(d, qz, &out->answer_created, err);
	ok = out->answer_file != NULL;
done:
	slow_plan_release(&shown);
	return ok;
}

static void
verify_static(verify_report *r, const drill *d)
{
	char *path = paths_join(d->dir, "questions.json");
	size_t len;
	error ignored;
	char *text = fileio_exists(path) ? fileio_read(path, 1024 * 1024, &len, &ignored) : NULL;

	if (text && strstr(text, VERIFY_PLACEHOLDER))
		verify_problem(r, "questions.json: still the scaffold: write questions about the plan, "
					   "each with its answer and explanation");
	free(text);
	free(path);
}

/* Every computed answer on the real plan. */
static bool
verify_db(server *s, verify_report *r, const drill *d, const fixture *f,
		  const verify_options *o, plan **plan_seen, error *err)
{
	const quiz *qz = d->kind_data;
	char **lines = NULL;
	size_t n = 0;
	slow_plan sp;
	plan *p;

	if (!slow_plan_on_clone(s, d, f, r->scale, o->prog, SLOW_PLAN_TIMING, &sp, err)) {
		if (err->kind == ERROR_ENV || err->kind == ERROR_INTERNAL)
			return false;
		verify_problem_from(r, d->dir, d->id, err);
		error_clear(err);
		return true;
	}
	p = sp.plan;              /* taken: handed to the caller */
	sp.plan = NULL;
	slow_plan_release(&sp);
	quiz_check_plan(qz, p, &lines, &n);
	for (size_t i = 0; i < n; i++) {
		verify_problem(r, "questions.json: %s", lines[i]);
		free(lines[i]);
	}
	free(lines);
	*plan_seen = p;
	return true;
}


static void
scaffold(kind_scaffold *sc)
{
	kind_scaffold_add(sc, "questions.json", xstrdup(
		"{\n"
		"  \"questions\": [\n"
		"    {\n"
		"      \"id\": \"bottleneck\",\n"
		"      \"kind\": \"node\",\n"
		"      \"text\": \"" VERIFY_PLACEHOLDER ": Which node spends the most time?\",\n"
		"      \"answer\": {\"computed\": \"hottest\"},\n"
		"      \"explanation\": \"" VERIFY_PLACEHOLDER ": why, in two sentences.\"\n"
		"    }\n"
		"  ]\n"
		"}\n"));
}

static double
recorded_score(const check_result *r)
{
	return r->detail ? r->score.score : -1;
}

const drill_kind_ops kind_plan_reading = {
	.name = "plan-reading",
	.answer_ext = ".answers",
	.scaffold_allow = "[\"select\"]",
	.scaffold_task = " (here: read the plan and answer the questions)",
	.load = load,
	.answer_path = quiz_answer_path,
	.refuse = kind_refuse_nothing,   /* a quiz answer has no SQL */
	.prepare = prepare,
	.grade = grade,
	.finish = finish,
	.describe = describe,
	.start = start,
	.verify_static = verify_static,
	.verify_db = verify_db,
	.scaffold = scaffold,
	.recorded_score = recorded_score,
};
