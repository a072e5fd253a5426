/*
 * cli_analyze.c — `pgdrill analyze FILE --db CONNINFO`: the drills' eyes on
 * real work.  One SELECT from the learner's own database is run with
 * EXPLAIN (ANALYZE, BUFFERS) read-only and rolled back
 * (engine/sandbox/own_db.c), then shown as `explain` shows a plan (picture
 * and insights, cli_explain_print) and linted as `lint` does
 * (cli_lint_print), with the database's unique keys (pg/unique_keys.h);
 * --format json gives one document with both.
 *
 * Anything but one SELECT is refused before connecting (sql_analyze, the
 * analysis every answer goes through): exit 3.  Exit status: 0 shown,
 * 1 the query failed or exceeded the time limit, 2 usage, 3 refused,
 * 4 the server cannot be reached.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "os/fileio.h"
#include "plan/insight.h"
#include "plan/plan.h"
#include "plan/plan_json.h"
#include "sandbox/own_db.h"
#include "sql/lint.h"
#include "sql/sql.h"
#include "sql/sql_limits.h"

#define ANALYZE_DEFAULT_TIMEOUT_S 30

enum { OPT_TIMEOUT = OPT_FIRST_COMMAND_OPTION, OPT_WIDTH };

static const struct option longopts[] = {
	CLI_COMMON_LONG_OPTIONS,
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"width", required_argument, NULL, OPT_WIDTH},
	{NULL, 0, NULL, 0}
};

static const char analyze_help[] =
	"Usage: pgdrill analyze FILE|- --db CONNINFO [OPTIONS]\n\n"
	"Run one SELECT from your own database with EXPLAIN (ANALYZE, BUFFERS) and\n"
	"show where its time and I/O go, what is wrong with the plan, and lint the\n"
	"SQL: the same eyes as the drills, on real work.  The query runs in a READ\n"
	"ONLY transaction that is rolled back, with a statement timeout, as the\n"
	"role of CONNINFO; anything but one SELECT is refused before connecting.\n"
	"--db (or PGDRILL_DB) is required: pgdrill's private cluster holds no data\n"
	"of yours.\n\n"
	"  --timeout SECONDS  cancel the query after this long (default 30, 1-3600)\n"
	"  --width N          cut picture lines to N columns (default: the terminal's)\n\n";

static void
print_json(const char *path, const plan *p, const insight_list *l, const lint_findings *f)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddStringToObject(o, "command", "analyze");
	cJSON_AddStringToObject(o, "status", "ok");
	cJSON_AddStringToObject(o, "source", strcmp(path, "-") == 0 ? "stdin" : path);
	cJSON_AddItemToObject(o, "plan", plan_to_json(p));
	cJSON_AddItemToObject(o, "insights", insight_list_to_json(l));
	cJSON_AddItemToObject(o, "lint", lint_findings_to_json(f));
	cli_print_json(o);
}

/* Options; -1 to go on, else the exit code. */
static int
parse(cli_options *opts, int argc, char **argv, int *timeout_s, int *width)
{
	error err = {0};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			printf("%s%s", analyze_help, CLI_COMMON_HELP);
			return 0;
		}
		if (ch == OPT_TIMEOUT) {
			if (!cli_parse_int("analyze", "--timeout", optarg, 1, 3600, timeout_s))
				return 2;
		} else if (ch == OPT_WIDTH) {
			if (!cli_parse_int("analyze", "--width", optarg, 0, 10000, width))
				return 2;
		} else if (!cli_common_option(opts, ch, optarg, &err))
			return cli_option_error("analyze", argv, longopts);
		else if (err.kind)
			return cli_usage_error("analyze", "%s", err.message);
	}
	if (optind != argc - 1)
		return cli_usage_error("analyze", "expected one FILE (or - for standard input)");
	if (opts->db_conninfo == NULL)
		return cli_usage_error("analyze", "which database? give --db CONNINFO (or set "
							   "PGDRILL_DB)");
	return -1;
}

int
cli_analyze(cli_options *opts, int argc, char **argv)
{
	int timeout_s = ANALYZE_DEFAULT_TIMEOUT_S, width = -1, code;
	error err = {0};
	char *src = NULL, *json = NULL;
	size_t len = 0;
	sql_script *script = NULL;
	lint_findings *findings = NULL;
	pg_unique_keys keys = {0};
	plan *p = NULL;
	insight_list *l = NULL;
	const char *path;

	if ((code = parse(opts, argc, argv, &timeout_s, &width)) >= 0)
		return code;
	path = argv[optind];
	src = fileio_read(path, SQL_MAX_INPUT_BYTES, &len, &err);
	if (src == NULL)
		goto error;
	/* one SELECT, nothing else: refused before any connection */
	script = sql_analyze(src, len, 0, &err);
	if (script == NULL) {
		error_prefix(&err, "%s: ", strcmp(path, "-") == 0 ? "standard input" : path);
		goto error;
	}
	json = own_db_explain(opts->db_conninfo, sql_script_query(script)->text, timeout_s, &err);
	if (json == NULL || (p = plan_parse(json, strlen(json), &err)) == NULL)
		goto error;
	/* the lint judges a LIMIT by the database's real unique keys (advice:
	 * without them, the linter's convention) */
	{
		error ignored = {0};
		bool has = own_db_unique_keys(opts->db_conninfo, &keys, &ignored);
		sql_key_catalog cat = pg_unique_keys_catalog(&keys);

		if (!sql_lint_keys(src, len, has ? &cat : NULL, &findings, &err))
			goto error;
	}
	l = plan_insights(p);
	if (opts->format == FORMAT_JSON)
		print_json(path, p, l, findings);
	else {
		cli_explain_print(opts, p, l, width);
		printf("\n");
		cli_lint_print(strcmp(path, "-") == 0 ? "<stdin>" : path, src, len, findings);
	}
	code = 0;
	goto done;
error:
	code = cli_report_error(opts, "analyze", &err);
done:
	insight_list_free(l);
	plan_free(p);
	free(json);
	lint_findings_free(findings);
	pg_unique_keys_release(&keys);
	sql_script_free(script);
	free(src);
	return code;
}
