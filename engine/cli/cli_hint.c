/*
 * cli_hint.c — `pgdrill hint DRILL`: reveal the drill's hints one at a
 * time.  Each call reveals the next hint (hints.md, split on "---") and
 * records how many are revealed in the learner state, so every later attempt
 * carries "hints_used" (docs/state.md).  `--all` re-prints those already
 * revealed without revealing more.  Offline: no server is needed.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "catalog/drill.h"
#include "grading/kinds/kinds.h"
#include "os/paths.h"
#include "learner/state.h"

static const char *const hint_help =
	"Usage: pgdrill hint DRILL [--all] [OPTIONS]\n\n"
	"Reveal the next hint for DRILL (one per call).  Hints you reveal are\n"
	"recorded with your attempts.\n\n"
	"  --all              show the hints revealed so far, revealing nothing new\n\n";

enum { OPT_ALL = OPT_FIRST_COMMAND_OPTION };

typedef struct hint_edit {
	const drill *d;
	bool reveal;
	int before, after;
} hint_edit;

static bool
reveal(state *st, void *ctx, error *err)
{
	hint_edit *h = ctx;
	const state_drill *e = state_find_drill(st, h->d->id);

	(void) err;
	h->before = e ? e->hints_used : 0;
	if (h->before > (int) h->d->n_hints)
		h->before = (int) h->d->n_hints;
	if (!h->reveal || h->d->n_hints == 0) {
		h->after = h->before;
		return false;   /* nothing to save */
	}
	h->after = state_reveal_hint(st, h->d->id, (int) h->d->n_hints);
	return h->after != h->before;
}

int
cli_hint(cli_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"all", no_argument, NULL, OPT_ALL},
		{NULL, 0, NULL, 0}
	};
	hint_edit h = {NULL, true, 0, 0};
	char *ddir = NULL, *path = NULL;
	drill *d = NULL;
	error err = {0};
	int ch, code = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			printf("%s%s", hint_help, CLI_COMMON_HELP);
			return 0;
		}
		if (ch == OPT_ALL) {
			h.reveal = false;
			continue;
		}
		if (!cli_common_option(opts, ch, optarg, &err))
			return cli_usage_error("hint", "unknown option");
		if (err.kind)
			return cli_usage_error("hint", "%s", err.message);
	}
	if (optind != argc - 1)
		return optind >= argc
			? cli_usage_error("hint", "which drill? (%s list)", cli_program())
			: cli_usage_error("hint", "too many arguments");
	if ((ddir = paths_drills_dir(opts->drills_dir, &err)) == NULL ||
		(d = kind_load_drill(ddir, argv[optind], &err)) == NULL ||
		(path = state_default_path(&err)) == NULL)
		goto error;
	h.d = d;
	if (!state_update(path, reveal, &h, &err))
		goto error;
	if (opts->format == FORMAT_JSON) {
		cJSON *o = cJSON_CreateObject();
		cJSON *arr;

		cJSON_AddNumberToObject(o, "version", 1);
		cJSON_AddStringToObject(o, "command", "hint");
		cJSON_AddStringToObject(o, "drill", d->id);
		cJSON_AddNumberToObject(o, "hints_total", (double) d->n_hints);
		cJSON_AddNumberToObject(o, "hints_used", h.after);
		cJSON_AddBoolToObject(o, "revealed_new", h.after > h.before);
		arr = cJSON_AddArrayToObject(o, "hints");
		for (int i = 0; i < h.after; i++)
			cJSON_AddItemToArray(arr, cJSON_CreateString(d->hints[i]));
		cli_print_json(o);
	} else if (d->n_hints == 0)
		printf("Drill %s has no hints.\n", d->id);
	else if (!h.reveal) {
		if (h.after == 0)
			printf("No hint revealed yet for %s (%s hint %s).\n", d->id, cli_program(), d->id);
		for (int i = 0; i < h.after; i++)
			printf("Hint %d of %zu:\n%s\n\n", i + 1, d->n_hints, d->hints[i]);
	} else {
		printf("Hint %d of %zu:\n%s\n", h.after, d->n_hints, d->hints[h.after - 1]);
		if (h.after == h.before)
			printf("\n(That was the last hint.)\n");
	}
	goto done;
error:
	code = cli_report_error(opts, "hint", &err);
done:
	drill_free(d);
	free(path);
	free(ddir);
	return code;
}
