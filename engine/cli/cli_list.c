/*
 * cli_list.c — `pgdrill list`: the drills in the catalogue, one a line, or as
 * JSON with counts by kind, concept and fixture (docs/json.md).
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "learner/state.h"
#include "grading/kinds/kinds.h"
#include "os/paths.h"

static const char *const list_help =
	"Usage: pgdrill list [OPTIONS]\n\n"
	"List the drills in the catalogue: whether you passed (done) or tried\n"
	"(tried) each one, id, kind, fixture, difficulty (1-5), estimated minutes\n"
	"and title.  On a terminal, titles are cut to its width.\n\n";

static bool
seen(cJSON *arr, const char *s)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, arr)
		if (strcmp(it->valuestring, s) == 0)
			return true;
	return false;
}

/* "done", "tried" or "" for a drill in the learner's state (st may be NULL). */
static const char *
mark_of(const state *st, const char *id)
{
	const state_drill *e = st ? state_find_drill(st, id) : NULL;

	return e == NULL ? "" : e->passed ? "done" : e->attempts > 0 ? "tried" : "";
}

static void
print_json(const catalog *c, const state *st)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(root, "drills");
	cJSON *fixtures = cJSON_CreateArray(), *concepts = cJSON_CreateArray();
	cJSON *counts, *by_kind;

	cJSON_AddNumberToObject(root, "version", 1);
	for (size_t i = 0; i < c->n_drills; i++) {
		const drill *d = c->drills[i];
		cJSON *o = cJSON_CreateObject();
		cJSON *cs = cJSON_CreateArray();

		cJSON_AddStringToObject(o, "id", d->id);
		cJSON_AddStringToObject(o, "title", d->title);
		cJSON_AddStringToObject(o, "kind", d->kind);
		cJSON_AddStringToObject(o, "fixture", d->fixture);
		for (size_t k = 0; k < d->n_concepts; k++) {
			cJSON_AddItemToArray(cs, cJSON_CreateString(d->concepts[k]));
			if (!seen(concepts, d->concepts[k]))
				cJSON_AddItemToArray(concepts, cJSON_CreateString(d->concepts[k]));
		}
		cJSON_AddItemToObject(o, "concepts", cs);
		cJSON_AddNumberToObject(o, "difficulty", d->difficulty);
		cJSON_AddNumberToObject(o, "minutes", d->minutes);
		if (d->scale_limit.max > 0) {
			cJSON *l = cJSON_AddObjectToObject(o, "scale_limit");

			cJSON_AddNumberToObject(l, "max", d->scale_limit.max);
			cJSON_AddStringToObject(l, "why", d->scale_limit.why);
		}
		{
			const state_drill *e = st ? state_find_drill(st, d->id) : NULL;

			cJSON_AddBoolToObject(o, "passed", e && e->passed);
			cJSON_AddNumberToObject(o, "attempts", e ? e->attempts : 0);
		}
		cJSON_AddItemToArray(arr, o);
		if (!seen(fixtures, d->fixture))
			cJSON_AddItemToArray(fixtures, cJSON_CreateString(d->fixture));
	}
	counts = cJSON_AddObjectToObject(root, "counts");
	cJSON_AddNumberToObject(counts, "drills", (double) c->n_drills);
	cJSON_AddNumberToObject(counts, "concepts", cJSON_GetArraySize(concepts));
	cJSON_AddNumberToObject(counts, "fixtures", cJSON_GetArraySize(fixtures));
	by_kind = cJSON_AddObjectToObject(counts, "by_kind");
	for (size_t k = 0; k < kinds_count(); k++) {
		size_t n = 0;

		for (size_t i = 0; i < c->n_drills; i++)
			n += strcmp(c->drills[i]->kind, kinds_at(k)->name) == 0;
		cJSON_AddNumberToObject(by_kind, kinds_at(k)->name, (double) n);
	}
	cJSON_AddItemToObject(root, "fixtures", fixtures);
	cJSON_AddItemToObject(root, "concepts", concepts);
	cli_print_json(root);
}

/* The learner's state for the marks; NULL (after a warning) when it cannot
 * be read: the catalogue is still worth listing. */
static state *
load_marks(void)
{
	error err = {0};
	char *path = state_default_path(&err);
	state *st = path ? state_load(path, &err) : NULL;

	if (st == NULL)
		fprintf(stderr, "pgdrill list: warning: your progress cannot be read, so no drill "
				"is marked: %s\n", err.message);
	free(path);
	return st;
}

static void
print_text(const catalog *c, const state *st)
{
	int w_mark = 0, w_id = 5, w_fix = 7, w_kind = 4, room;
	int term = cli_terminal_width();

	for (size_t i = 0; i < c->n_drills; i++) {
		const drill *d = c->drills[i];

		if (mark_of(st, d->id)[0])
			w_mark = 6;   /* "tried " */
		if ((int) strlen(d->id) > w_id)
			w_id = (int) strlen(d->id);
		if ((int) strlen(d->fixture) > w_fix)
			w_fix = (int) strlen(d->fixture);
		if ((int) strlen(d->kind) > w_kind)
			w_kind = (int) strlen(d->kind);
	}
	/* the title gets what is left of the terminal; below 12 characters it
	 * is not worth cutting, and the terminal wraps it */
	room = term - (w_mark + w_id + 1 + w_kind + 1 + w_fix + 1 + 4 + 4);
	if (room < 12)
		room = 0;
	printf("%-*s%-*s %-*s %-*s %-3s %-3s %s\n", w_mark, "", w_id, "DRILL", w_kind, "KIND",
		   w_fix, "FIXTURE", "LVL", "MIN", "TITLE");
	for (size_t i = 0; i < c->n_drills; i++) {
		const drill *d = c->drills[i];

		printf("%-*s%-*s %-*s %-*s %-3d %-3d ", w_mark, mark_of(st, d->id), w_id, d->id,
			   w_kind, d->kind, w_fix, d->fixture, d->difficulty, d->minutes);
		cli_print_fitted(d->title, room);
		putchar('\n');
	}
	printf("\n%zu drills. '%s show DRILL' for one; '%s start DRILL' to begin; "
		   "'%s next' picks one.\n", c->n_drills, cli_program(), cli_program(), cli_program());
}

int
cli_list(cli_options *opts, int argc, char **argv)
{
	error err = {0};
	catalog *c;
	state *st;
	char *dir;
	int code;

	if ((code = cli_parse_common_only(opts, argc, argv, "list", list_help)) >= 0)
		return code;
	if (optind < argc)
		return cli_usage_error("list", "unexpected argument \"%s\"", argv[optind]);
	dir = paths_drills_dir(opts->drills_dir, &err);
	if (dir == NULL)
		return cli_report_error(opts, "list", &err);
	c = catalog_load(dir, kind_load_drill, &err);
	free(dir);
	if (c == NULL)
		return cli_report_error(opts, "list", &err);
	st = load_marks();
	if (opts->format == FORMAT_JSON)
		print_json(c, st);
	else
		print_text(c, st);
	state_free(st);
	catalog_free(c);
	return 0;
}
