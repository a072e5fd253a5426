/*
 * cli_track.c — `pgdrill track`: the learner's progress, concept by concept
 * in teaching order (done, open, locked by what, skipped, mastered), and the
 * helpers every learner command shares: loading the catalogue with the
 * learner state, and recording a graded attempt.
 *
 * The choices are engine/learner/track.c's; the state file is engine/learner/state.c's.
 * This file only loads, prints and maps errors to exit codes (docs/learner.md).
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/catalog.h"
#include "grading/check.h"
#include "grading/kinds/kinds.h"
#include "cli/cli.h"
#include "os/paths.h"
#include "learner/state.h"
#include "learner/track.h"
#include "strbuf.h"

bool
cli_load_learner(const cli_options *opts, catalog **c, state **st, char **state_path,
				 error *err)
{
	char *ddir = paths_drills_dir(opts->drills_dir, err);

	*c = NULL;
	if (st)
		*st = NULL;
	*state_path = NULL;
	if (ddir == NULL)
		return false;
	*c = catalog_load(ddir, kind_load_drill, err);
	free(ddir);
	if (*c == NULL)
		return false;
	*state_path = state_default_path(err);
	if (*state_path == NULL)
		goto fail;
	if (st == NULL)
		return true;
	*st = state_load(*state_path, err);
	if (*st == NULL)
		goto fail;
	return true;
fail:
	catalog_free(*c);
	*c = NULL;
	free(*state_path);
	*state_path = NULL;
	return false;
}

bool
cli_find_theme(const catalog *c, const char *id, const theme **out, error *err)
{
	strbuf list = STRBUF_INIT;

	*out = NULL;
	if (id == NULL)
		return true;
	if ((*out = catalog_theme(c, id)) != NULL)
		return true;
	for (size_t i = 0; i < c->n_themes; i++)
		strbuf_printf(&list, "%s%s", i ? ", " : "", c->themes[i].id);
	error_set(err, ERROR_USAGE, "unknown theme \"%s\"", id);
	if (c->n_themes)
		error_detail(err, "The themes are: %s.", strbuf_str(&list));
	else
		error_detail(err, "This catalogue defines no themes (drills/concepts.json \"themes\").");
	error_hint(err, "docs/learner.md, \"Tracks by theme\".");
	strbuf_free(&list);
	return false;
}

/* The "theme" member of a learner command's JSON: {id, title, concepts}
 * or null. */
void
cli_add_theme_json(cJSON *o, const theme *t)
{
	cJSON *x, *arr;

	if (t == NULL) {
		cJSON_AddNullToObject(o, "theme");
		return;
	}
	x = cJSON_AddObjectToObject(o, "theme");
	cJSON_AddStringToObject(x, "id", t->id);
	cJSON_AddStringToObject(x, "title", t->title);
	arr = cJSON_AddArrayToObject(x, "concepts");
	for (size_t i = 0; i < t->n_concepts; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(t->concepts[i]));
}

typedef struct attempt_edit {
	const drill *d;
	const check_result *r;
} attempt_edit;

static bool
record_edit(state *st, void *ctx, error *err)
{
	const attempt_edit *a = ctx;

	(void) err;
	state_record_attempt(st, a->d->id, check_status_name(a->r->status),
						 kind_of(a->d)->recorded_score(a->r), (long long) time(NULL));
	if (a->r->revealed)
		state_mark_revealed(st, a->d->id);
	return true;
}

void
cli_record_attempt(const drill *d, const check_result *r)
{
	attempt_edit a = {d, r};
	error err = {0};
	char *path = state_default_path(&err);

	if (path == NULL || !state_update(path, record_edit, &a, &err)) {
		fprintf(stderr, "pgdrill: warning: this attempt was not recorded in your progress: %s\n",
				err.message);
		if (err.detail[0])
			fprintf(stderr, "DETAIL:  %s\n", err.detail);
		if (err.hint[0])
			fprintf(stderr, "HINT:  %s\n", err.hint);
	}
	free(path);
}

void
cli_progress_bar(char *buf, size_t size, size_t done, size_t total, int width)
{
	int filled = total ? (int) ((done * (size_t) width + total / 2) / total) : 0;
	size_t n = 0;

	if (done > 0 && filled == 0)
		filled = 1;   /* a pass always shows */
	if (size < (size_t) width + 3)
		width = (int) size - 3;
	buf[n++] = '[';
	for (int i = 0; i < width; i++)
		buf[n++] = i < filled ? '#' : '-';
	buf[n++] = ']';
	buf[n] = '\0';
}

cJSON *
cli_pass_progress(const cli_options *opts, const char *drill_id)
{
	catalog *c;
	state *st;
	char *path;
	track_concept *tc;
	size_t n;
	const drill *d, *next;
	const concept *why = NULL;
	error err = {0};
	cJSON *o, *arr;

	if (!cli_load_learner(opts, &c, &st, &path, &err))
		return NULL;   /* the grade stands; the warning was given when recording */
	d = catalog_drill(c, drill_id);
	n = track_concepts(c, st, NULL, &tc);
	o = cJSON_CreateObject();
	arr = cJSON_AddArrayToObject(o, "concepts");
	for (size_t i = 0; d && i < n; i++)
		for (size_t k = 0; k < d->n_concepts; k++)
			if (strcmp(d->concepts[k], tc[i].concept->id) == 0) {
				cJSON *x = cJSON_CreateObject();

				cJSON_AddStringToObject(x, "id", tc[i].concept->id);
				cJSON_AddStringToObject(x, "title", tc[i].concept->title);
				cJSON_AddNumberToObject(x, "passed", (double) tc[i].n_passed);
				cJSON_AddNumberToObject(x, "drills", (double) tc[i].n_drills);
				cJSON_AddStringToObject(x, "status", track_status_name(tc[i].status));
				cJSON_AddItemToArray(arr, x);
			}
	next = track_next(c, st, NULL, &why);
	if (next) {
		cJSON *x = cJSON_AddObjectToObject(o, "next");
		char *cmd = xasprintf("%s start %s", cli_program(), next->id);

		cJSON_AddStringToObject(x, "drill", next->id);
		cJSON_AddStringToObject(x, "title", next->title);
		cJSON_AddStringToObject(x, "command", cmd);
		free(cmd);
	} else
		cJSON_AddNullToObject(o, "next");
	free(tc);
	free(path);
	state_free(st);
	catalog_free(c);
	return o;
}

void
cli_add_pass_progress(const cli_options *opts, cJSON *result, const char *drill_id)
{
	cJSON *o = cli_pass_progress(opts, drill_id);

	if (o)
		cJSON_AddItemToObject(result, "learner_progress", o);
	else
		cJSON_AddNullToObject(result, "learner_progress");
}

void
cli_after_pass(const cli_options *opts, const char *drill_id)
{
	cJSON *o = cli_pass_progress(opts, drill_id), *x, *next;

	if (o == NULL)
		return;
	printf("\nYour progress:\n");
	cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(o, "concepts")) {
		size_t passed = (size_t) cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(x, "passed"));
		size_t drills = (size_t) cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(x, "drills"));
		const char *status = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "status"));
		char bar[32];

		cli_progress_bar(bar, sizeof bar, passed, drills, 10);
		printf("  %-28s %s %zu/%zu %s\n",
			   cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, "id")), bar, passed,
			   drills, strcmp(status, track_status_name(TRACK_DONE)) == 0 ? "done" : "");
	}
	next = cJSON_GetObjectItemCaseSensitive(o, "next");
	if (cJSON_IsObject(next))
		printf("Next: %s   (%s)\n",
			   cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(next, "command")),
			   cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(next, "title")));
	else
		printf("Every concept is done, mastered or skipped: see '%s track'.\n", cli_program());
	cJSON_Delete(o);
}

static const char *const track_help =
	"Usage: pgdrill track [--theme THEME] [OPTIONS]\n\n"
	"Your progress by concept, in teaching order (prerequisites first): drills\n"
	"passed, and whether the concept is done, open, locked (by which\n"
	"prerequisite), skipped or mastered.  See 'pgdrill next' for what to do.\n"
	"The themes are listed at the end.\n\n";

static cJSON *
track_json(const catalog *c, const state *st, const theme *t, const track_concept *tc,
		   size_t n)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *arr;
	const concept *why = NULL;
	const drill *next = track_next(c, st, t, &why);
	size_t passed = 0;

	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddStringToObject(o, "command", "track");
	cli_add_theme_json(o, t);
	arr = cJSON_AddArrayToObject(o, "themes");
	for (size_t i = 0; i < c->n_themes; i++) {
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "id", c->themes[i].id);
		cJSON_AddStringToObject(x, "title", c->themes[i].title);
		cJSON_AddItemToArray(arr, x);
	}
	arr = cJSON_AddArrayToObject(o, "concepts");
	for (size_t i = 0; i < n; i++) {
		cJSON *k = cJSON_CreateObject();

		cJSON_AddStringToObject(k, "id", tc[i].concept->id);
		cJSON_AddStringToObject(k, "title", tc[i].concept->title);
		cJSON_AddStringToObject(k, "status", track_status_name(tc[i].status));
		cJSON_AddNumberToObject(k, "drills", (double) tc[i].n_drills);
		cJSON_AddNumberToObject(k, "passed", (double) tc[i].n_passed);
		if (tc[i].blocked_by)
			cJSON_AddStringToObject(k, "blocked_by", tc[i].blocked_by);
		if (t)
			cJSON_AddBoolToObject(k, "prerequisite", tc[i].prerequisite);
		cJSON_AddItemToArray(arr, k);
	}
	for (size_t i = 0; i < c->n_drills; i++)
		if (state_drill_passed(st, c->drills[i]->id))
			passed++;
	cJSON_AddNumberToObject(o, "drills_total", (double) c->n_drills);
	cJSON_AddNumberToObject(o, "drills_passed", (double) passed);
	if (next)
		cJSON_AddStringToObject(o, "next", next->id);
	else
		cJSON_AddNullToObject(o, "next");
	return o;
}

static void
track_text(const catalog *c, const state *st, const theme *t, const track_concept *tc,
		   size_t n, bool color)
{
	const concept *why = NULL;
	const drill *next = track_next(c, st, t, &why);

	int width = 7;

	for (size_t i = 0; i < n; i++)
		if ((int) strlen(tc[i].concept->id) > width)
			width = (int) strlen(tc[i].concept->id);
	printf("%-*s  %-9s %-12s %s\n", width, "CONCEPT", "STATUS", "PROGRESS", "PASSED");
	for (size_t i = 0; i < n; i++) {
		const char *status = track_status_name(tc[i].status);
		const char *on = "", *off = "";

		if (color) {
			off = "\033[0m";
			on = tc[i].status == TRACK_DONE || tc[i].status == TRACK_MASTERED ? "\033[32m"
				: tc[i].status == TRACK_LOCKED || tc[i].status == TRACK_SKIPPED ? "\033[2m" : "";
		}
		char bar[32];

		cli_progress_bar(bar, sizeof bar, tc[i].n_passed, tc[i].n_drills, 10);
		printf("%s%-*s  %-9s %-12s %zu/%zu%s", on, width, tc[i].concept->id, status, bar,
			   tc[i].n_passed, tc[i].n_drills, off);
		if (tc[i].blocked_by)
			printf("  (needs %s)", tc[i].blocked_by);
		if (tc[i].prerequisite)
			printf("  (prerequisite)");
		printf("\n");
	}
	if (t)
		printf("\nTheme %s: %s (prerequisites it needs are marked).\n", t->id, t->title);
	else if (c->n_themes) {
		printf("\nThemes (--theme):");
		for (size_t i = 0; i < c->n_themes; i++)
			printf(" %s", c->themes[i].id);
		printf("\n");
	}
	if (next)
		printf("\nNext: %s — %s (%s start %s)\n", next->id, next->title, cli_program(), next->id);
	else
		printf("\nNothing left to do: every concept is done, mastered or skipped.\n");
}

int
cli_track(cli_options *opts, int argc, char **argv)
{
	catalog *c;
	state *st;
	char *path;
	track_concept *tc;
	size_t n;
	error err = {0};
	const char *theme_id;
	const theme *t;
	int code;

	if ((code = cli_parse_theme_only(opts, argc, argv, "track", track_help, &theme_id)) >= 0)
		return code;
	if (optind != argc)
		return cli_usage_error("track", "too many arguments");
	if (!cli_load_learner(opts, &c, &st, &path, &err))
		return cli_report_error(opts, "track", &err);
	if (!cli_find_theme(c, theme_id, &t, &err)) {
		free(path);
		state_free(st);
		catalog_free(c);
		return cli_report_error(opts, "track", &err);
	}
	n = track_concepts(c, st, t, &tc);
	if (opts->format == FORMAT_JSON)
		cli_print_json(track_json(c, st, t, tc, n));
	else
		track_text(c, st, t, tc, n, opts->color);
	free(tc);
	free(path);
	state_free(st);
	catalog_free(c);
	return 0;
}
