/*
 * quiz.c — plan-reading drills, the I/O side (see quiz.h): questions.json,
 * the real plan on a scratch clone, the workspace files, the report.
 *
 * Grading is scoring/quiz/ (pure); this file only reads, runs and formats.
 */
#include "grading/quiz.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/fileio.h"
#include "fnv.h"
#include "os/paths.h"
#include "plan/render.h"
#include "pg/roles.h"
#include "sandbox/run.h"
#include "sandbox/scratch.h"
#include "sandbox/session.h"
#include "sql/sql.h"
#include "strbuf.h"
#include "sandbox/template.h"
#include "learner/workspace.h"

#define QUIZ_FILE_MAX (1024 * 1024)
#define QUIZ_PLAN_MAX (64 * 1024 * 1024)

quiz *
quiz_load(const drill *d, error *err)
{
	char *path = paths_join(d->dir, "questions.json");
	char *text;
	size_t len;
	quiz *q = NULL;

	if (!fileio_exists(path)) {
		error_set(err, ERROR_USAGE, "questions.json is missing: a plan-reading drill needs "
				  "its questions (docs/plan-reading.md)");
		free(path);
		return NULL;
	}
	text = fileio_read(path, QUIZ_FILE_MAX, &len, err);
	if (text != NULL) {
		q = quiz_parse(text, len, err);
		if (q == NULL)
			err->kind = ERROR_USAGE;
	}
	free(text);
	free(path);
	return q;
}

/* <state>/workspace/DRILL<suffix>, next to the SQL answer files. */
static char *
workspace_sibling(const char *drill_id, const char *suffix, error *err)
{
	char *sql = workspace_answer_path(drill_id, err);
	char *path;

	if (sql == NULL)
		return NULL;
	sql[strlen(sql) - strlen(".sql")] = '\0';
	path = xasprintf("%s%s", sql, suffix);
	free(sql);
	return path;
}

char *
quiz_answer_path(const char *drill_id, error *err)
{
	return workspace_sibling(drill_id, ".answers", err);
}

static bool
write_in_workspace(const char *path, const char *text, error *err)
{
	char *dir = xstrndup(path, (size_t) (strrchr(path, '/') - path));
	bool ok = paths_mkdir_p(dir, 0700, err) &&
		fileio_write_atomic(path, text, strlen(text), 0600, err);

	free(dir);
	return ok;
}

char *
quiz_workspace_init(const drill *d, const quiz *q, bool *created, error *err)
{
	char *path = quiz_answer_path(d->id, err);
	char *text;
	bool ok;

	*created = false;
	if (path == NULL || fileio_exists(path))
		return path;
	text = quiz_answers_template(q, d->id);
	ok = write_in_workspace(path, text, err);
	free(text);
	if (!ok) {
		free(path);
		return NULL;
	}
	*created = true;
	return path;
}

/* What the saved plan depends on: the slow query and the fixture. */
static char *
plan_key(const drill *d, const fixture *f)
{
	char hex[17];

	fnv_hex(fnv_u64(fnv_str(FNV_INIT, d->slow_sql), f->content_hash), hex);
	return xasprintf("%s\n", hex);
}

bool
quiz_save_plan(const drill *d, const fixture *f, const char *json, error *err)
{
	char *path = workspace_sibling(d->id, ".plan.json", err);
	char *kpath = workspace_sibling(d->id, ".plan.key", err);
	char *key = plan_key(d, f);
	bool ok = path && kpath && write_in_workspace(path, json, err) &&
		write_in_workspace(kpath, key, err);

	free(key);
	free(kpath);
	free(path);
	return ok;
}

plan *
quiz_saved_plan(const drill *d, const fixture *f, error *err)
{
	char *path = workspace_sibling(d->id, ".plan.json", err);
	char *kpath = workspace_sibling(d->id, ".plan.key", err);
	char *key = plan_key(d, f), *saved = NULL, *json = NULL;
	size_t len;
	plan *p = NULL;
	error ignored;

	if (path == NULL || kpath == NULL)
		goto done;
	if (fileio_exists(kpath))
		saved = fileio_read(kpath, 1024, &len, &ignored);
	if (!fileio_exists(path) || saved == NULL || strcmp(saved, key) != 0) {
		error_clear(err);       /* none, or of another version: run afresh */
		goto done;
	}
	json = fileio_read(path, QUIZ_PLAN_MAX, &len, err);
	if (json) {
		p = plan_parse(json, len, err);
		if (p == NULL) {
			err->kind = ERROR_USAGE;
			error_prefix(err, "%s: ", path);
			error_hint(err, "Delete it: show or start of this drill saves a fresh plan.");
		}
	}
done:
	free(json);
	free(saved);
	free(key);
	free(kpath);
	free(path);
	return p;
}

char *
quiz_picture(const plan *p, bool color)
{
	/* only what EXPLAIN shows: the questions ask for what pgdrill would
	 * otherwise derive (self buffers, the hottest node) */
	char *tree = plan_render_flags(p, color, 0, PLAN_RENDER_RAW);
	char *legend = quiz_node_legend(p);
	char *text;

	text = xasprintf("%s\nNodes (answer node questions with the #number):\n%s", tree, legend);
	free(tree);
	free(legend);
	return text;
}

cJSON *
quiz_report_json(const drill *d, const quiz_result *r, const char *answer_file)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *arr;

	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddStringToObject(o, "drill", d->id);
	cJSON_AddStringToObject(o, "kind", d->kind);
	cJSON_AddStringToObject(o, "status", r->n_correct == r->n ? "pass" : "fail");
	cJSON_AddNumberToObject(o, "score", r->n ? 100.0 * (double) r->n_correct / (double) r->n : 0);
	cJSON_AddNumberToObject(o, "correct", (double) r->n_correct);
	cJSON_AddNumberToObject(o, "questions", (double) r->n);
	cJSON_AddBoolToObject(o, "revealed", r->reveal);
	{
		char *msg = xasprintf("%zu of %zu answers right.", r->n_correct, r->n);

		cJSON_AddStringToObject(o, "message", msg);
		free(msg);
	}
	if (answer_file)
		cJSON_AddStringToObject(o, "answer_file", answer_file);
	arr = cJSON_AddArrayToObject(o, "answers");
	for (size_t i = 0; i < r->n; i++) {
		const quiz_mark *m = &r->marks[i];
		cJSON *a = cJSON_CreateObject();

		cJSON_AddStringToObject(a, "id", m->question->id);
		cJSON_AddStringToObject(a, "kind", quiz_kind_name(m->question->kind));
		cJSON_AddBoolToObject(a, "correct", m->correct);
		if (r->reveal)
			cJSON_AddStringToObject(a, "expected", m->expected);
		if (m->given)
			cJSON_AddStringToObject(a, "given", m->given);
		else
			cJSON_AddNullToObject(a, "given");
		if (r->reveal)
			cJSON_AddStringToObject(a, "explanation", m->question->explanation);
		cJSON_AddItemToArray(arr, a);
	}
	return o;
}

char *
quiz_report_text(const drill *d, const quiz_result *r, bool color, const char *program)
{
	strbuf sb = STRBUF_INIT;
	const char *ok = color ? "\033[32mright\033[0m" : "right";
	const char *bad = color ? "\033[31mwrong\033[0m" : "wrong";

	strbuf_printf(&sb, "%s: %zu of %zu answers right.\n\n", d->id, r->n_correct, r->n);
	for (size_t i = 0; i < r->n; i++) {
		const quiz_mark *m = &r->marks[i];

		strbuf_printf(&sb, "%zu. [%s] %s — %s", i + 1, m->question->id,
					  m->correct ? ok : bad, m->given ? m->given : "(no answer)");
		if (!m->correct && r->reveal)
			strbuf_printf(&sb, "; the answer: %s", m->expected);
		strbuf_append_char(&sb, '\n');
	}
	if (!r->reveal) {
		size_t wrong = r->n - r->n_correct;

		strbuf_printf(&sb, "\n%zu answer%s to rethink; the right answers stay hidden so "
					  "that you can try again.\nA nudge: %s hint %s\n"
					  "Give up and see them (recorded as revealed): %s check %s "
					  "--reveal\n", wrong, wrong == 1 ? "" : "s", program, d->id, program,
					  d->id);
		return strbuf_steal(&sb);
	}
	strbuf_append(&sb, "\nWhy:\n");
	for (size_t i = 0; i < r->n; i++)
		strbuf_printf(&sb, "%zu. [%s] %s\n   %s\n", i + 1, r->marks[i].question->id,
					  r->marks[i].expected, r->marks[i].question->explanation);
	return strbuf_steal(&sb);
}

int
quiz_exit_code(const quiz_result *r)
{
	return r->n_correct == r->n ? 0 : 1;
}
