/*
 * cli_skip.c — `pgdrill skip CONCEPT...` and `pgdrill unskip CONCEPT...`:
 * the learner's right to leave out what they already know.  A skipped
 * concept is covered for the track (its dependants unlock) and no drill
 * teaching it is offered by next, placement or practice (engine/learner/track.h).
 *
 * Concept ids are checked against drills/concepts.json (an unknown one is a
 * usage error, exit 2, naming the known ones); the change is saved in the
 * learner state under its lock (engine/learner/state.h).
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "os/paths.h"
#include "learner/state.h"
#include "strbuf.h"

typedef struct skip_edit {
	bool skip;
	char **ids;
	size_t n;
	bool *changed;
} skip_edit;

static bool
apply(state *st, void *ctx, error *err)
{
	skip_edit *e = ctx;

	(void) err;
	for (size_t i = 0; i < e->n; i++)
		e->changed[i] = e->skip ? state_skip(st, e->ids[i]) : state_unskip(st, e->ids[i]);
	return true;
}

static int
skip_command(cli_options *opts, int argc, char **argv, bool skip)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{NULL, 0, NULL, 0}
	};
	const char *name = skip ? "skip" : "unskip";
	catalog *c = NULL;
	skip_edit e = {skip, NULL, 0, NULL};
	char *ddir = NULL, *path = NULL;
	error err = {0};
	int ch, code = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			printf("Usage: pgdrill %s CONCEPT... [OPTIONS]\n\n%s\n\n%s", name,
				   skip ? "Leave concepts you already know out of your track: 'next',\n"
				   "'placement' and 'practice' offer no drill that teaches them, and the\n"
				   "concepts that require them are unlocked.  'pgdrill unskip' undoes it."
				   : "Take skipped concepts back into your track.", CLI_COMMON_HELP);
			return 0;
		}
		if (!cli_common_option(opts, ch, optarg, &err))
			return cli_usage_error(name, "unknown option");
		if (err.kind)
			return cli_usage_error(name, "%s", err.message);
	}
	if (optind >= argc)
		return cli_usage_error(name, "which concept? (%s track lists them)", cli_program());
	c = xcalloc(1, sizeof *c);   /* the concept graph only */
	if ((ddir = paths_drills_dir(opts->drills_dir, &err)) == NULL ||
		!catalog_load_concepts(c, ddir, &err))
		goto error;
	for (int i = optind; i < argc; i++)
		if (catalog_concept(c, argv[i]) == NULL) {
			strbuf known = STRBUF_INIT;

			for (size_t k = 0; k < c->n_concepts; k++)
				strbuf_printf(&known, "%s%s", k ? ", " : "", c->concepts[k].id);
			error_set(&err, ERROR_USAGE, "unknown concept \"%s\"", argv[i]);
			error_detail(&err, "The concepts are: %s.", strbuf_str(&known));
			strbuf_free(&known);
			goto error;
		}
	e.ids = argv + optind;
	e.n = (size_t) (argc - optind);
	e.changed = xcalloc(e.n, sizeof(bool));
	if ((path = state_default_path(&err)) == NULL ||
		!state_update(path, apply, &e, &err))
		goto error;
	if (opts->format == FORMAT_JSON) {
		cJSON *o = cJSON_CreateObject();
		cJSON *arr;

		cJSON_AddNumberToObject(o, "version", 1);
		cJSON_AddStringToObject(o, "command", name);
		arr = cJSON_AddArrayToObject(o, "concepts");
		for (size_t i = 0; i < e.n; i++) {
			cJSON *k = cJSON_CreateObject();

			cJSON_AddStringToObject(k, "id", e.ids[i]);
			cJSON_AddBoolToObject(k, "changed", e.changed[i]);
			cJSON_AddItemToArray(arr, k);
		}
		cli_print_json(o);
	} else
		for (size_t i = 0; i < e.n; i++)
			printf("%s: %s\n", e.ids[i],
				   e.changed[i] ? (skip ? "skipped" : "back on your track")
				   : (skip ? "was already skipped" : "was not skipped"));
	goto done;
error:
	code = cli_report_error(opts, name, &err);
done:
	free(e.changed);
	free(path);
	free(ddir);
	catalog_free(c);
	return code;
}

int
cli_skip(cli_options *opts, int argc, char **argv)
{
	return skip_command(opts, argc, argv, true);
}

int
cli_unskip(cli_options *opts, int argc, char **argv)
{
	return skip_command(opts, argc, argv, false);
}
