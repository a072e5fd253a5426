/*
 * cli_check.c — `pgdrill check DRILL [--answer FILE]`: grade an answer.
 *
 * Reads the answer (the workspace file from `pgdrill start`, a FILE, or '-'
 * for standard input), grades it with check_run and prints the verdict as
 * text or JSON, then records the attempt in the learner state (docs/state.md).
 * Exit codes: 0 pass, 1 fail, 2 usage, 3 rejected, 4 environment.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "check_report.h"
#include "cli.h"
#include "drill.h"
#include "fileio.h"
#include "fixture.h"
#include "server.h"
#include "signals.h"
#include "workspace.h"

/* Submissions larger than this are refused before parsing (docs/sandbox.md). */
#define CHECK_ANSWER_MAX (1024 * 1024)

static const char *const check_help =
	"Usage: pgdrill check DRILL [--answer FILE|-] [OPTIONS]\n\n"
	"Grade an answer to DRILL: its rows must equal the slow query's on two\n"
	"differently seeded databases; then slow query, reference and answer are\n"
	"measured (EXPLAIN ANALYZE, interleaved) and scored.\n\n"
	"  --answer FILE      the answer ('-' for standard input; default: the\n"
	"                     workspace file written by 'pgdrill start')\n"
	"  --runs N           measured runs of each query (default 5, 1-50)\n\n";

enum { OPT_ANSWER = OPT_FIRST_COMMAND_OPTION, OPT_RUNS };

int
cli_check(cli_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"answer", required_argument, NULL, OPT_ANSWER},
		{"runs", required_argument, NULL, OPT_RUNS},
		{NULL, 0, NULL, 0}
	};
	const char *answer_path = NULL;
	char *workspace = NULL, *answer = NULL;
	check_options co = {CHECK_DEFAULT_RUNS, 0, false, NULL};
	error err = {0};
	drill *d = NULL;
	fixture *f = NULL;
	server s;
	check_result r;
	progress prog;
	size_t len = 0;
	int ch, code;

	memset(&s, 0, sizeof s);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			printf("%s%s", check_help, CLI_COMMON_HELP);
			return 0;
		case OPT_ANSWER:
			answer_path = optarg;
			break;
		case OPT_RUNS:
			if (!cli_parse_int("check", "--runs", optarg, 1, CHECK_MAX_RUNS, &co.runs))
				return 2;
			break;
		default:
			if (!cli_common_option(opts, ch, optarg, &err))
				return cli_usage_error("check", "unknown option");
			if (err.kind)
				return cli_usage_error("check", "%s", err.message);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("check", optind >= argc ? "which drill? (pgdrill list)"
							   : "too many arguments");
	if (!cli_load_drill(opts, argv[optind], &d, &f, &err))
		return cli_report_error(opts, "check", &err);
	if (answer_path == NULL) {
		workspace = workspace_answer_path(d->id, &err);
		if (workspace == NULL)
			goto error;
		if (!fileio_exists(workspace)) {
			error_set(&err, ERROR_USAGE, "no answer to check for drill %s", d->id);
			error_detail(&err, "%s does not exist.", workspace);
			error_hint(&err, "Run 'pgdrill start %s' first, or pass --answer FILE.", d->id);
			goto error;
		}
		answer_path = workspace;
	}
	answer = fileio_read(answer_path, CHECK_ANSWER_MAX, &len, &err);
	if (answer == NULL) {
		err.kind = ERROR_REJECTED;
		goto error;
	}
	co.scale = opts->scale;
	prog = cli_progress(opts);
	co.prog = &prog;
	if (!server_open(&s, opts->db_conninfo, &prog, &err)) {
		cli_progress_done(opts);
		goto error;
	}
	check_run(&s, d, f, answer, len, &co, &r);
	cli_progress_done(opts);
	if (opts->format == FORMAT_JSON)
		cli_print_json(check_report_json(d, &r, answer_path));
	else {
		char *text = check_report_text(d, &r, opts->color);

		fputs(text, r.status == CHECK_ERROR ? stderr : stdout);
		free(text);
	}
	code = check_exit_code(&r);
	/* An environment error is not the learner's attempt; everything else is
	 * recorded (a state failure only warns: the grade's exit code stands). */
	if (r.status != CHECK_ERROR)
		cli_record_attempt(d->id, &r);
	check_result_release(&r);
	signals_drop_registered(s.admin);   /* normally none: check dropped its own */
	server_close(&s);
	free(answer);
	free(workspace);
	drill_free(d);
	fixture_free(f);
	return code;
error:
	code = cli_report_error(opts, "check", &err);
	signals_drop_registered(s.admin);
	server_close(&s);
	free(answer);
	free(workspace);
	drill_free(d);
	fixture_free(f);
	return code;
}
