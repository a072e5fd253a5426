/*
 * cli_placement.c — `pgdrill placement`: test out of what you know.  For
 * each concept not yet mastered, skipped or done, one drill teaching it (a
 * plan-reading drill if it has one, else its most demanding drill:
 * engine/learner/track.h) is offered and the offer is recorded in the
 * learner state; passing that drill with `pgdrill check` marks the concept
 * mastered (state_record_attempt), so `next` leaves it out.
 *
 * `--concept C` limits the offers to one concept, `--theme T` to a theme's
 * scope.  Offers are recomputed on
 * every run; an earlier offer for a concept is replaced.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "learner/state.h"
#include "learner/track.h"

static const char *const placement_help =
	"Usage: pgdrill placement [--concept CONCEPT] [--theme THEME] [OPTIONS]\n\n"
	"Offer one drill per concept you have not covered yet: a short plan-reading\n"
	"question set when the concept has one, else its most demanding drill.  Pass\n"
	"it ('pgdrill start DRILL', then 'pgdrill check DRILL') and the concept is\n"
	"marked mastered: 'next' will not offer its drills again.\n\n"
	"  --concept CONCEPT  only this concept\n"
	CLI_THEME_HELP "\n";

enum { OPT_CONCEPT = OPT_FIRST_COMMAND_OPTION, OPT_THEME };

typedef struct offer_edit {
	track_offer *offers;
	size_t n;
} offer_edit;

static bool
record_offers(state *st, void *ctx, error *err)
{
	offer_edit *o = ctx;

	(void) err;
	for (size_t i = 0; i < o->n; i++)
		state_offer_placement(st, o->offers[i].concept->id, o->offers[i].drill->id);
	return o->n > 0;
}

int
cli_placement(cli_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"concept", required_argument, NULL, OPT_CONCEPT},
		{"theme", required_argument, NULL, OPT_THEME},
		{NULL, 0, NULL, 0}
	};
	const char *only = NULL, *theme_id = NULL;
	const theme *t = NULL;
	catalog *c = NULL;
	state *st = NULL;
	char *path = NULL;
	offer_edit o = {NULL, 0};
	error err = {0};
	int ch, code = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			printf("%s%s", placement_help, CLI_COMMON_HELP);
			return 0;
		}
		if (ch == OPT_CONCEPT) {
			only = optarg;
			continue;
		}
		if (ch == OPT_THEME) {
			theme_id = optarg;
			continue;
		}
		if (!cli_common_option(opts, ch, optarg, &err))
			return cli_option_error("placement", argv, longopts);
		if (err.kind)
			return cli_usage_error("placement", "%s", err.message);
	}
	if (optind != argc)
		return cli_usage_error("placement", "too many arguments");
	if (!cli_load_learner(opts, &c, &st, &path, &err))
		return cli_report_error(opts, "placement", &err);
	if (only && catalog_concept(c, only) == NULL) {
		error_set(&err, ERROR_USAGE, "unknown concept \"%s\"", only);
		error_hint(&err, "'%s track' lists the concepts.", cli_program());
		goto error;
	}
	if (!cli_find_theme(c, theme_id, &t, &err))
		goto error;
	o.n = track_placement(c, st, t, &o.offers);
	if (only) {
		size_t k = 0;

		for (size_t i = 0; i < o.n; i++)
			if (strcmp(o.offers[i].concept->id, only) == 0)
				o.offers[k++] = o.offers[i];
		o.n = k;
	}
	if (!state_update(path, record_offers, &o, &err))
		goto error;
	if (opts->format == FORMAT_JSON) {
		cJSON *root = cJSON_CreateObject();
		cJSON *arr;

		cJSON_AddNumberToObject(root, "version", 1);
		cJSON_AddStringToObject(root, "command", "placement");
		cli_add_theme_json(root, t);
		arr = cJSON_AddArrayToObject(root, "offers");
		for (size_t i = 0; i < o.n; i++) {
			cJSON *x = cJSON_CreateObject();

			cJSON_AddStringToObject(x, "concept", o.offers[i].concept->id);
			cJSON_AddStringToObject(x, "drill", o.offers[i].drill->id);
			cJSON_AddStringToObject(x, "title", o.offers[i].drill->title);
			cJSON_AddStringToObject(x, "kind", o.offers[i].drill->kind);
			cJSON_AddNumberToObject(x, "difficulty", o.offers[i].drill->difficulty);
			cJSON_AddNumberToObject(x, "minutes", o.offers[i].drill->minutes);
			cJSON_AddItemToArray(arr, x);
		}
		cli_print_json(root);
	} else if (o.n == 0)
		printf("No placement to offer: every concept%s is done, mastered or skipped.\n",
			   only || t ? " asked for" : "");
	else {
		printf("Pass one of these to test out of its concept:\n\n");
		for (size_t i = 0; i < o.n; i++)
			printf("  %-26s %-36s %-12s difficulty %d/5, ~%d min\n", o.offers[i].concept->id,
				   o.offers[i].drill->id, o.offers[i].drill->kind, o.offers[i].drill->difficulty,
				   o.offers[i].drill->minutes);
		printf("\nStart one with '%s start DRILL', then '%s check DRILL'.\n", cli_program(),
			   cli_program());
	}
	goto done;
error:
	code = cli_report_error(opts, "placement", &err);
done:
	free(o.offers);
	free(path);
	state_free(st);
	catalog_free(c);
	return code;
}
