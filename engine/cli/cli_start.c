/*
 * cli_start.c — `pgdrill start DRILL`: provision a drill and say where to
 * work.
 *
 * In text mode the drill's heading and prompt come first, before anything
 * is provisioned, so that the learner reads the task while a first drill
 * builds.  Then it makes sure the server runs and the fixture's seed-1
 * template exists (building it, with progress, on first use: it is all the
 * scratch copy and every kind's start need; the second seed's template, used
 * only by check, is built by the first check — docs/learner.md), gives the
 * learner a personal scratch copy to experiment in with psql (handed out by
 * the cluster's keeper when one runs: sandbox/keeper.h), and lets the
 * drill's kind write the answer file unless it exists (kind.h's start: the
 * slow query to start from, or plan-reading's plan and questions).  JSON
 * output is one object at the end and carries the conninfo.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "catalog/drill.h"
#include "catalog/fixture.h"
#include "grading/kinds/kinds.h"
#include "pg/roles.h"
#include "sandbox/scratch.h"
#include "pg/server.h"
#include "strbuf.h"
#include "sandbox/keeper.h"
#include "sandbox/template.h"
#include "pg/cluster_locate.h"
#include "pg/db.h"
#include "sandbox/session.h"
#include "learner/workspace.h"

static const char *const start_help =
	"Usage: pgdrill start DRILL [--reset] [OPTIONS]\n\n"
	"Provision DRILL: build its fixture's template if needed (the second\n"
	"seed's is built by your first check), create your personal scratch copy\n"
	"(kept between runs) and the answer file.\n\n"
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

/* What start made, for the report. */
typedef struct started {
	double scale;
	int built;                /* templates built now */
	char *db;                 /* the personal scratch database */
	bool created_db;
	bool by_keeper;           /* the keeper made the copy (sandbox/keeper.h) */
	char *conninfo;
	strbuf psql;              /* the psql command line */
	kind_description kd;      /* the answer file, and what the kind shows */
} started;

/* Parse start's arguments: -1 to go on (optind indexes the drill), or the
 * exit code to return at once. */
static int
parse_args(cli_options *opts, int argc, char **argv, bool *reset)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"reset", no_argument, NULL, OPT_RESET},
		{NULL, 0, NULL, 0}
	};
	error err = {0};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			printf("%s%s", start_help, CLI_COMMON_HELP);
			return 0;
		}
		if (ch == OPT_RESET) {
			*reset = true;
			continue;
		}
		if (!cli_common_option(opts, ch, optarg, &err))
			return cli_option_error("start", argv, longopts);
		if (err.kind)
			return cli_usage_error("start", "%s", err.message);
	}
	if (optind != argc - 1)
		return optind >= argc
			? cli_usage_error("start", "which drill? (%s list)", cli_program())
			: cli_usage_error("start", "too many arguments");
	return -1;
}

/* The private cluster's keeper hands out the personal copy on the
 * connection it keeps (sandbox/keeper.h): no connection of our own, no
 * refill after the command.  1 when it did, 0 when there is no keeper or
 * it could not (its template missing, say: the usual path then does it
 * all), -1 with err. */
static int
provision_by_keeper(const kind_env *env, const drill *d, const fixture *f, bool reset,
					started *st, error *err)
{
	error ignored = {0};
	cluster cl;
	char *tpl, *admin;
	int served;

	if (env->conninfo != NULL || !cluster_locate(&cl, &ignored))
		return 0;
	tpl = template_name(f, TEMPLATE_SEED_MAIN, st->scale);
	served = keeper_personal(&cl, d->id, tpl, reset, &st->db, &st->created_db, err);
	free(tpl);
	if (served == 1) {
		admin = cluster_conninfo(&cl, "postgres", NULL);
		st->conninfo = db_conninfo_with(admin, st->db, ROLE_INDEXER, err);
		free(admin);
		served = st->conninfo != NULL ? 1 : -1;
	}
	cluster_release(&cl);
	return served;
}

/* Seed 1's template, the personal scratch copy and its conninfo. */
static bool
provision(kind_env *env, const drill *d, const fixture *f, bool reset, started *st,
		  error *err)
{
	const int seeds[1] = {TEMPLATE_SEED_MAIN};
	server *s;
	char *tpl;

	switch (provision_by_keeper(env, d, f, reset, st, err)) {
		case 1:
			st->by_keeper = true;
			goto psql;
		case -1:
			return false;
		default:
			break;
	}
	if (!kind_env_server(env, &s, err) ||
		!template_ensure(s, f, seeds, 1, st->scale, env->prog, &st->built, err))
		return false;
	tpl = template_name(f, TEMPLATE_SEED_MAIN, st->scale);
	st->db = scratch_personal(s, d->id, tpl, reset, &st->created_db, err);
	if (st->db == NULL && template_missing_error(err) &&
		template_ensure(s, f, seeds, 1, st->scale, env->prog, NULL, err))
		st->db = scratch_personal(s, d->id, tpl, reset, &st->created_db, err);
	free(tpl);
	if (st->db == NULL ||
		(st->conninfo = server_conninfo(s, st->db, ROLE_INDEXER, err)) == NULL)
		return false;
psql:
	{
		/* the learner's psql sees the settings grading pins */
		char *pins = session_psql_env();

		strbuf_append(&st->psql, pins);
		free(pins);
	}
	strbuf_append(&st->psql, "psql ");
	shell_quote(&st->psql, st->conninfo);
	return true;
}

static void
print_json(const drill *d, const started *st)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddStringToObject(o, "drill", d->id);
	cJSON_AddStringToObject(o, "title", d->title);
	cJSON_AddStringToObject(o, "kind", d->kind);
	cJSON_AddStringToObject(o, "status", "ready");
	cJSON_AddStringToObject(o, "answer_file", st->kd.answer_file);
	cJSON_AddBoolToObject(o, "answer_file_created", st->kd.answer_created);
	cJSON_AddStringToObject(o, "database", st->db);
	cJSON_AddBoolToObject(o, "database_created", st->created_db);
	cJSON_AddStringToObject(o, "conninfo", st->conninfo);
	cJSON_AddStringToObject(o, "psql", strbuf_str(&st->psql));
	cJSON_AddNumberToObject(o, "templates_built", st->built);
	cJSON_AddBoolToObject(o, "by_keeper", st->by_keeper);
	cJSON_AddNumberToObject(o, "scale", st->scale);
	cJSON_AddStringToObject(o, "prompt", d->prompt);
	if (st->kd.plan_text) {
		cJSON_AddStringToObject(o, "plan", st->kd.plan_text);
		cJSON_AddStringToObject(o, "questions", st->kd.task_json_text ? st->kd.task_json_text
								: "");
	}
	cli_print_json(o);
}

/* The drill's heading and prompt: printed (and flushed) before anything is
 * provisioned, so that a learner whose first drill builds a template reads
 * the task while it builds (docs/learner.md). */
static void
print_prompt(const drill *d)
{
	printf("%s — %s  (%s, difficulty %d, about %d min)\n\n%s\n", d->id, d->title, d->kind,
		   d->difficulty, d->minutes, d->prompt);
	fflush(stdout);
}

/* The rest of the text report, once the drill is provisioned. */
static void
print_text(const drill *d, const fixture *f, const started *st)
{
	if (st->kd.plan_text)
		printf("\nThe slow query:\n\n%s\nIts plan (EXPLAIN (ANALYZE, BUFFERS) on the "
			   "fixture, execution %.1f ms):\n\n%s\n%s", d->slow_sql, st->kd.plan_ms,
			   st->kd.plan_text, st->kd.task_text ? st->kd.task_text : "");
	if (st->kd.answer_created)
		printf("\nYour answer file:   %s  (new: %s)\n", st->kd.answer_file, st->kd.answer_new);
	else
		printf("\nYour answer file:   %s  (kept: your work)\n", st->kd.answer_file);
	printf("Your scratch copy:  %s%s\n", strbuf_str(&st->psql),
		   st->created_db ? "" : "  (kept; --reset makes a fresh one)");
	printf("When ready:         %s check %s\n", cli_program(), d->id);
	if (st->built)
		printf("\n(Built the template of fixture %s at scale %g; your first check "
			   "builds its second seed.)\n", f->name, st->scale);
}

int
cli_start(cli_options *opts, int argc, char **argv)
{
	bool reset = false;
	error err = {0};
	drill *d = NULL;
	fixture *f = NULL;
	progress prog;
	kind_env env;
	started st;
	int code;

	memset(&st, 0, sizeof st);
	strbuf_init(&st.psql);
	if ((code = parse_args(opts, argc, argv, &reset)) >= 0)
		return code;
	code = 0;
	if (!cli_load_drill(opts, argv[optind], &d, &f, &err))
		return cli_report_error(opts, "start", &err);
	st.scale = fixture_scale(f, opts->scale);
	prog = cli_progress(opts);
	env = kind_env_init(opts->db_conninfo, &prog);
	if (opts->format != FORMAT_JSON)
		print_prompt(d);
	if (!provision(&env, d, f, reset, &st, &err) ||
		!kind_of(d)->start(&env, d, f, st.scale, opts->color, &st.kd, &err)) {
		cli_progress_done(opts);
		code = cli_report_error(opts, "start", &err);
		goto done;
	}
	cli_progress_done(opts);
	if (opts->format == FORMAT_JSON)
		print_json(d, &st);
	else
		print_text(d, f, &st);
done:
	strbuf_free(&st.psql);
	free(st.db);
	free(st.conninfo);
	kind_description_release(&st.kd);
	kind_env_close(&env);
	drill_free(d);
	fixture_free(f);
	return code;
}
