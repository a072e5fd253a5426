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
#include "grading/kinds/kinds.h"
#include "os/paths.h"

static const char *const list_help =
	"Usage: pgdrill list [OPTIONS]\n\n"
	"List the drills in the catalogue: id, kind, fixture, difficulty (1-5),\n"
	"estimated minutes and title.\n\n";

static bool
seen(cJSON *arr, const char *s)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, arr)
		if (strcmp(it->valuestring, s) == 0)
			return true;
	return false;
}

static void
print_json(const catalog *c)
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

int
cli_list(cli_options *opts, int argc, char **argv)
{
	error err = {0};
	catalog *c;
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
	if (opts->format == FORMAT_JSON)
		print_json(c);
	else {
		printf("%-32s %-12s %-8s %-5s %-5s %s\n", "DRILL", "KIND", "FIXTURE", "LEVEL",
			   "MIN", "TITLE");
		for (size_t i = 0; i < c->n_drills; i++) {
			const drill *d = c->drills[i];

			printf("%-32s %-12s %-8s %-5d %-5d %s\n", d->id, d->kind,
				   d->fixture, d->difficulty, d->minutes, d->title);
		}
		printf("\n%zu drills. '%s show DRILL' for one; '%s start DRILL' to begin.\n",
			   c->n_drills, cli_program(), cli_program());
	}
	catalog_free(c);
	return 0;
}
