/*
 * cli_start.c — `pgdrill start DRILL`: provision a drill and say where to
 * work.
 *
 * Makes sure the server runs and the fixture's templates exist (building
 * them, with progress, on first use), gives the learner a personal scratch
 * copy to experiment in with psql, and writes the answer file (the slow query
 * to start from) unless it exists.  JSON output carries the conninfo.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "catalog/drill.h"
#include "catalog/fixture.h"
#include "grading/quiz.h"
#include "pg/roles.h"
#include "sandbox/scratch.h"
#include "pg/server.h"
#include "sandbox/slow_plan.h"
#include "strbuf.h"
#include "sandbox/template.h"
#include "learner/workspace.h"

static const char *const start_help =
	"Usage: pgdrill start DRILL [--reset] [OPTIONS]\n\n"
	"Provision DRILL: build its fixture's templates if needed, create your\n"
	"personal scratch copy (kept between runs) and the answer file.\n\n"
	"  --reset            recreate the personal scratch copy from the template\n\n";

enum { OPT_RESET = OPT_FIRST_COMMAND_OPTION };

/* Quote a conninfo for a POSIX shell command line. */
static void
shell_quote(strbuf *sb, const char *s)
{
	strbuf_append_char(sb, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '\'')
			strbuf_append(sb, "'\\''");
		else
			strbuf_append_char(sb, *p);
	}
	strbuf_append_char(sb, '\'');
}

int
cli_start(cli_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"reset", no_argument, NULL, OPT_RESET},
		{NULL, 0, NULL, 0}
	};
	const int seeds[2] = {TEMPLATE_SEED_MAIN, TEMPLATE_SEED_CHECK};
	bool reset = false, created_db = false, created_file = false;
	error err = {0};
	drill *d = NULL;
	fixture *f = NULL;
	server s;
	progress prog;
	char *tpl = NULL, *db = NULL, *conninfo = NULL, *answer = NULL;
	char *picture = NULL, *questions = NULL;
	quiz *qz = NULL;
	slow_plan shown = {0};
	strbuf psql = STRBUF_INIT;
	double scale;
	int ch, built = 0, code = 0;

	memset(&s, 0, sizeof s);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			printf("%s%s", start_help, CLI_COMMON_HELP);
			return 0;
		}
		if (ch == OPT_RESET) {
			reset = true;
			continue;
		}
		if (!cli_common_option(opts, ch, optarg, &err))
			return cli_option_error("start", argv, longopts);
		if (err.kind)
			return cli_usage_error("start", "%s", err.message);
	}
	if (optind != argc - 1)
		return cli_usage_error("start", optind >= argc ? "which drill? (pgdrill list)"
							   : "too many arguments");
	if (!cli_load_drill(opts, argv[optind], &d, &f, &err))
		return cli_report_error(opts, "start", &err);
	scale = opts->scale > 0 ? opts->scale : f->default_scale;
	prog = cli_progress(opts);
	if (!server_open(&s, opts->db_conninfo, &prog, &err) ||
		!template_ensure(&s, f, seeds, 2, scale, &prog, &built, &err))
		goto error;
	tpl = template_name(f, TEMPLATE_SEED_MAIN, scale);
	db = scratch_personal(&s, d->id, tpl, reset, &created_db, &err);
	if (db == NULL && template_missing_error(&err) &&
		template_ensure(&s, f, seeds, 1, scale, &prog, NULL, &err))
		db = scratch_personal(&s, d->id, tpl, reset, &created_db, &err);
	if (db == NULL)
		goto error;
	conninfo = server_conninfo(&s, db, ROLE_INDEXER, &err);
	if (conninfo == NULL)
		goto error;
	if (d->kind == DRILL_PLAN_READING) {
		/* the learner reads the real plan and answers in a text file; check
		 * grades against the plan saved here */
		if ((qz = quiz_load(d, &err)) == NULL ||
			!slow_plan_on_clone(&s, d, f, scale, &prog, SLOW_PLAN_TIMING, &shown, &err) ||
			!quiz_save_plan(d, f, shown.json, &err))
			goto error;
		picture = quiz_picture(shown.plan, opts->color);
		questions = quiz_questions_text(qz);
		answer = quiz_workspace_init(d, qz, &created_file, &err);
	} else
		answer = workspace_init(d, &created_file, &err);
	if (answer == NULL)
		goto error;
	cli_progress_done(opts);
	strbuf_append(&psql, "psql ");
	shell_quote(&psql, conninfo);

	if (opts->format == FORMAT_JSON) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "version", 1);
		cJSON_AddStringToObject(o, "drill", d->id);
		cJSON_AddStringToObject(o, "title", d->title);
		cJSON_AddStringToObject(o, "kind", drill_kind_name(d->kind));
		cJSON_AddStringToObject(o, "status", "ready");
		cJSON_AddStringToObject(o, "answer_file", answer);
		cJSON_AddBoolToObject(o, "answer_file_created", created_file);
		cJSON_AddStringToObject(o, "database", db);
		cJSON_AddBoolToObject(o, "database_created", created_db);
		cJSON_AddStringToObject(o, "conninfo", conninfo);
		cJSON_AddStringToObject(o, "psql", strbuf_str(&psql));
		cJSON_AddNumberToObject(o, "templates_built", built);
		cJSON_AddNumberToObject(o, "scale", scale);
		cJSON_AddStringToObject(o, "prompt", d->prompt);
		if (picture) {
			cJSON_AddStringToObject(o, "plan", picture);
			cJSON_AddStringToObject(o, "questions", questions);
		}
		cli_print_json(o);
	} else {
		printf("%s — %s  (%s, difficulty %d, about %d min)\n\n%s\n", d->id, d->title,
			   drill_kind_name(d->kind), d->difficulty, d->minutes, d->prompt);
		if (picture)
			printf("\nThe slow query:\n\n%s\nIts plan (EXPLAIN (ANALYZE, BUFFERS) on the "
				   "fixture, execution %.1f ms):\n\n%s\nQuestions:\n\n%s", d->slow_sql,
				   shown.plan->execution_ms, picture, questions);
		printf("\nYour answer file:   %s%s\n", answer,
			   created_file ? (picture ? "  (new: one line per question)"
							   : "  (new: it starts as the slow query)") : "  (kept: your work)");
		printf("Your scratch copy:  %s%s\n", strbuf_str(&psql),
			   created_db ? "" : "  (kept; --reset makes a fresh one)");
		printf("When ready:         pgdrill check %s\n", d->id);
		if (built)
			printf("\n(Built %d template%s of fixture %s at scale %g.)\n", built,
				   built == 1 ? "" : "s", f->name, scale);
	}
	goto done;
error:
	cli_progress_done(opts);
	code = cli_report_error(opts, "start", &err);
done:
	strbuf_free(&psql);
	free(tpl);
	free(db);
	free(conninfo);
	free(answer);
	free(picture);
	free(questions);
	slow_plan_release(&shown);
	quiz_free(qz);
	server_close(&s);
	drill_free(d);
	fixture_free(f);
	return code;
}
