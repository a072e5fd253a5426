/*
 * cli_show.c — `pgdrill show DRILL`: the prompt, the tables (columns, row
 * counts, existing indexes), the slow query and a summary of its real plan
 * (EXPLAIN ANALYZE on a scratch clone of the main seed, with the drill's
 * settings), then what the drill's kind adds (kind.h's describe: the plan as
 * its kind shows it, plan-reading's questions).  --hints adds the hints;
 * --no-plan needs no server.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "catalog/drill.h"
#include "catalog/fixture.h"
#include "plan/plan.h"
#include "grading/kinds/kinds.h"
#include "pg/server.h"
#include "sandbox/pool.h"
#include "sandbox/slow_plan.h"
#include "strbuf.h"

static const char *const show_help =
	"Usage: pgdrill show DRILL [--hints] [--no-plan] [OPTIONS]\n\n"
	"Show a drill: prompt, tables, the slow query and a summary of its plan.\n\n"
	"  --hints            also show the hints\n"
	"  --no-plan          do not contact the server (no tables, no plan)\n\n";

enum { OPT_HINTS = OPT_FIRST_COMMAND_OPTION, OPT_NO_PLAN };

typedef struct show_data {
	slow_plan sp;         /* the tables and the slow query's plan */
	kind_description kd;  /* what the kind shows (kd.plan_text: the plan) */
} show_data;

static void
print_text(const drill *d, const fixture *f, const show_data *sd, bool hints)
{
	printf("%s — %s\n", d->id, d->title);
	printf("kind %s · fixture %s · difficulty %d · about %d min · concepts:", d->kind,
		   d->fixture, d->difficulty, d->minutes);
	for (size_t i = 0; i < d->n_concepts; i++)
		printf(" %s", d->concepts[i]);
	printf("\n\n%s\n", d->prompt);
	printf("\nTables (fixture %s):\n", f->name);
	if (sd->sp.tables) {
		for (int i = 0; i < PQntuples(sd->sp.tables); i++) {
			printf("  %s  (~%s rows, %s)\n    %s\n", PQgetvalue(sd->sp.tables, i, 0),
				   PQgetvalue(sd->sp.tables, i, 1), PQgetvalue(sd->sp.tables, i, 2),
				   PQgetvalue(sd->sp.tables, i, 3));
			if (!PQgetisnull(sd->sp.tables, i, 5)) {
				char *parts = xstrdup(PQgetisnull(sd->sp.tables, i, 6) ? ""
									  : PQgetvalue(sd->sp.tables, i, 6));

				printf("    PARTITION BY %s\n", PQgetvalue(sd->sp.tables, i, 5));
				for (char *line = strtok(parts, "\n"); line; line = strtok(NULL, "\n"))
					printf("      %s\n", line);
				free(parts);
			}
			if (!PQgetisnull(sd->sp.tables, i, 4)) {
				char *idx = xstrdup(PQgetvalue(sd->sp.tables, i, 4));

				for (char *line = strtok(idx, "\n"); line; line = strtok(NULL, "\n"))
					printf("    %s\n", line);
				free(idx);
			}
		}
	} else
		for (size_t i = 0; i < f->n_tables; i++)
			printf("  %s\n", f->tables[i]);
	printf("\nThe slow query:\n\n%s\n", d->slow_sql);
	if (sd->kd.plan_text)
		printf("\nIts plan (EXPLAIN (ANALYZE, BUFFERS) on the fixture, execution %.1f ms):\n\n%s\n",
			   sd->sp.plan->execution_ms, sd->kd.plan_text);
	if (sd->kd.task_text)
		printf("\n%s", sd->kd.task_text);
	if (hints)
		for (size_t i = 0; i < d->n_hints; i++)
			printf("\nHint %zu:\n%s\n", i + 1, d->hints[i]);
}

static void
print_json(const drill *d, const fixture *f, show_data *sd, bool hints)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *arr;

	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddStringToObject(o, "drill", d->id);
	cJSON_AddStringToObject(o, "title", d->title);
	cJSON_AddStringToObject(o, "kind", d->kind);
	cJSON_AddStringToObject(o, "fixture", f->name);
	cJSON_AddNumberToObject(o, "difficulty", d->difficulty);
	cJSON_AddNumberToObject(o, "minutes", d->minutes);
	arr = cJSON_AddArrayToObject(o, "concepts");
	for (size_t i = 0; i < d->n_concepts; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(d->concepts[i]));
	cJSON_AddStringToObject(o, "prompt", d->prompt);
	cJSON_AddStringToObject(o, "slow_query", d->slow_sql);
	arr = cJSON_AddArrayToObject(o, "tables");
	if (sd->sp.tables)
		for (int i = 0; i < PQntuples(sd->sp.tables); i++) {
			cJSON *t = cJSON_CreateObject();

			cJSON_AddStringToObject(t, "name", PQgetvalue(sd->sp.tables, i, 0));
			cJSON_AddNumberToObject(t, "rows", atof(PQgetvalue(sd->sp.tables, i, 1)));
			cJSON_AddStringToObject(t, "size", PQgetvalue(sd->sp.tables, i, 2));
			cJSON_AddStringToObject(t, "columns", PQgetvalue(sd->sp.tables, i, 3));
			cJSON_AddStringToObject(t, "indexes", PQgetvalue(sd->sp.tables, i, 4));
			if (!PQgetisnull(sd->sp.tables, i, 5)) {
				char *parts = xstrdup(PQgetisnull(sd->sp.tables, i, 6) ? ""
									  : PQgetvalue(sd->sp.tables, i, 6));
				cJSON *list = cJSON_CreateArray();

				cJSON_AddStringToObject(t, "partition_by", PQgetvalue(sd->sp.tables, i, 5));
				for (char *line = strtok(parts, "\n"); line; line = strtok(NULL, "\n"))
					cJSON_AddItemToArray(list, cJSON_CreateString(line));
				cJSON_AddItemToObject(t, "partitions", list);
				free(parts);
			}
			cJSON_AddItemToArray(arr, t);
		}
	else
		for (size_t i = 0; i < f->n_tables; i++) {
			cJSON *t = cJSON_CreateObject();

			cJSON_AddStringToObject(t, "name", f->tables[i]);
			cJSON_AddItemToArray(arr, t);
		}
	if (sd->sp.plan) {
		cJSON *p = cJSON_AddObjectToObject(o, "plan");

		cJSON_AddStringToObject(p, "summary", sd->kd.plan_text ? sd->kd.plan_text : "");
		cJSON_AddNumberToObject(p, "execution_ms", sd->sp.plan->execution_ms);
		cJSON_AddNumberToObject(p, "buffers", (double) plan_total_buffers(sd->sp.plan));
	}
	if (sd->kd.task_json)
		cJSON_AddItemReferenceToObject(o, "questions", sd->kd.task_json);
	if (hints) {
		arr = cJSON_AddArrayToObject(o, "hints");
		for (size_t i = 0; i < d->n_hints; i++)
			cJSON_AddItemToArray(arr, cJSON_CreateString(d->hints[i]));
	}
	cli_print_json(o);
}

int
cli_show(cli_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"hints", no_argument, NULL, OPT_HINTS},
		{"no-plan", no_argument, NULL, OPT_NO_PLAN},
		{NULL, 0, NULL, 0}
	};
	bool hints = false, no_plan = false;
	error err = {0};
	drill *d = NULL;
	fixture *f = NULL;
	server s;
	show_data sd = {0};
	progress prog;
	int ch, code = 0;

	memset(&s, 0, sizeof s);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			printf("%s%s", show_help, CLI_COMMON_HELP);
			return 0;
		}
		if (ch == OPT_HINTS) {
			hints = true;
			continue;
		}
		if (ch == OPT_NO_PLAN) {
			no_plan = true;
			continue;
		}
		if (!cli_common_option(opts, ch, optarg, &err))
			return cli_option_error("show", argv, longopts);
		if (err.kind)
			return cli_usage_error("show", "%s", err.message);
	}
	if (optind != argc - 1)
		return optind >= argc
			? cli_usage_error("show", "which drill? (%s list)", cli_program())
			: cli_usage_error("show", "too many arguments");
	if (!cli_load_drill(opts, argv[optind], &d, &f, &err))
		return cli_report_error(opts, "show", &err);
	if (!no_plan) {
		prog = cli_progress(opts);
		if (!server_open(&s, opts->db_conninfo, &prog, &err) ||
			!slow_plan_on_clone(&s, d, f, fixture_scale(f, opts->scale),
								&prog, SLOW_PLAN_TIMING | SLOW_PLAN_TABLES, &sd.sp, &err)) {
			cli_progress_done(opts);
			code = cli_report_error(opts, "show", &err);
			goto done;
		}
		cli_progress_done(opts);
	}
	if (!kind_of(d)->describe(d, f, &sd.sp, opts->color && opts->format == FORMAT_TEXT,
							  cli_program(), &sd.kd, &err)) {
		code = cli_report_error(opts, "show", &err);
		goto done;
	}
	if (opts->format == FORMAT_JSON)
		print_json(d, f, &sd, hints);
	else
		print_text(d, f, &sd, hints);
done:
	slow_plan_release(&sd.sp);
	kind_description_release(&sd.kd);
	pool_after_command(&s);    /* refill what it drew (sandbox/pool.h) */
	server_close(&s);
	drill_free(d);
	fixture_free(f);
	return code;
}
