/*
 * cli_next.c — `pgdrill next`: the drill to do next (prerequisites first;
 * passed drills and mastered or skipped concepts left out; the rules are in
 * engine/learner/track.h).  It only chooses and says why; `pgdrill start` provisions.
 * Exit 0 also when nothing is left (the JSON then has "drill": null).
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "learner/state.h"
#include "learner/track.h"

static const char *const next_help =
	"Usage: pgdrill next [--theme THEME] [OPTIONS]\n\n"
	"The next drill on your track: the easiest drill not yet passed of the\n"
	"first concept (prerequisites first) that is neither mastered nor skipped.\n"
	"Skip concepts you know with 'pgdrill skip CONCEPT', or test out of them\n"
	"with 'pgdrill placement'.\n\n";

int
cli_next(cli_options *opts, int argc, char **argv)
{
	catalog *c;
	state *st;
	char *path;
	const drill *d;
	const concept *why = NULL;
	const char *theme_id;
	const theme *t;
	error err = {0};
	int code;

	if ((code = cli_parse_theme_only(opts, argc, argv, "next", next_help, &theme_id)) >= 0)
		return code;
	if (optind != argc)
		return cli_usage_error("next", "too many arguments");
	if (!cli_load_learner(opts, &c, &st, &path, &err))
		return cli_report_error(opts, "next", &err);
	if (!cli_find_theme(c, theme_id, &t, &err)) {
		code = cli_report_error(opts, "next", &err);
		goto done;
	}
	d = track_next(c, st, t, &why);
	if (opts->format == FORMAT_JSON) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "version", 1);
		cJSON_AddStringToObject(o, "command", "next");
		cli_add_theme_json(o, t);
		if (d) {
			const state_drill *e = state_find_drill(st, d->id);

			cJSON_AddStringToObject(o, "drill", d->id);
			cJSON_AddStringToObject(o, "title", d->title);
			if (why)
				cJSON_AddStringToObject(o, "concept", why->id);
			cJSON_AddNumberToObject(o, "difficulty", d->difficulty);
			cJSON_AddNumberToObject(o, "minutes", d->minutes);
			cJSON_AddNumberToObject(o, "attempts", e ? e->attempts : 0);
		} else
			cJSON_AddNullToObject(o, "drill");
		cli_print_json(o);
	} else if (d) {
		printf("Next: %s — %s\n", d->id, d->title);
		printf("  concept %s, difficulty %d/5, about %d minutes\n",
			   why ? why->id : d->concepts[0], d->difficulty, d->minutes);
		printf("Start it with: %s start %s\n", cli_program(), d->id);
	} else if (t)
		printf("Nothing left in theme %s: every concept of it is done, mastered or skipped "
			   "(%s track --theme %s).\n", t->id, cli_program(), t->id);
	else
		printf("Nothing left: every concept is done, mastered or skipped "
			   "(%s track; %s unskip CONCEPT).\n", cli_program(), cli_program());
done:
	free(path);
	state_free(st);
	catalog_free(c);
	return code < 0 ? 0 : code;
}
