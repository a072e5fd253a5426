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

#include "grading/check.h"
#include "report/check_report.h"
#include "cli/cli.h"
#include "catalog/drill.h"
#include "os/fileio.h"
#include "catalog/fixture.h"
#include "grading/quiz.h"
#include "pg/server.h"
#include "os/signals.h"
#include "sandbox/slow_plan.h"
#include "strbuf.h"
#include "learner/workspace.h"

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

/*
 * A plan-reading drill: grade the answer file against the plan the learner
 * was shown (saved by show/start; run afresh when there is none).  Exit 0
 * all right, 1 some wrong, 3 unparsable answer file (engine/grading/quiz.h).
 */
static int
check_plan_reading(cli_options *opts, const drill *d, const fixture *f,
				   const char *answer_path)
{
	error err = {0};
	quiz *q = quiz_load(d, &err);
	char *path = NULL, *text = NULL;
	slow_plan sp = {0};
	quiz_answers *a = NULL;
	quiz_result *res = NULL;
	plan *p = NULL;
	server s;
	progress prog;
	size_t len = 0;
	int code;

	memset(&s, 0, sizeof s);
	if (q == NULL)
		goto error;
	path = answer_path ? xstrdup(answer_path) : quiz_answer_path(d->id, &err);
	if (path == NULL)
		goto error;
	if (strcmp(path, "-") != 0 && !fileio_exists(path)) {
		error_set(&err, ERROR_USAGE, "no answers to check for drill %s", d->id);
		error_detail(&err, "%s does not exist.", path);
		error_hint(&err, "Run 'pgdrill start %s' first, or pass --answer FILE.", d->id);
		goto error;
	}
	text = fileio_read(path, CHECK_ANSWER_MAX, &len, &err);
	if (text == NULL) {
		err.kind = ERROR_REJECTED;
		goto error;
	}
	a = quiz_answers_parse(q, text, len, &err);
	if (a == NULL) {
		error_prefix(&err, "%s: ", path);
		goto error;
	}
	p = quiz_saved_plan(d, f, &err);
	if (p == NULL && err.kind != ERROR_NONE)
		goto error;
	if (p == NULL) {
		prog = cli_progress(opts);
		if (!server_open(&s, opts->db_conninfo, &prog, &err) ||
			!slow_plan_on_clone(&s, d, f, opts->scale > 0 ? opts->scale : f->default_scale,
								&prog, SLOW_PLAN_TIMING, &sp, &err) ||
			!quiz_save_plan(d, f, sp.json, &err)) {
			cli_progress_done(opts);
			goto error;
		}
		cli_progress_done(opts);
		p = sp.plan;          /* taken: released below as p */
		sp.plan = NULL;
	}
	res = quiz_grade(q, p, a, &err);
	if (res == NULL)
		goto error;
	if (opts->format == FORMAT_JSON)
		cli_print_json(quiz_report_json(d, res, path));
	else {
		char *out = quiz_report_text(d, res, opts->color);

		fputs(out, stdout);
		free(out);
	}
	code = quiz_exit_code(res);
	goto done;
error:
	code = cli_report_error(opts, "check", &err);
done:
	quiz_result_free(res);
	plan_free(p);
	quiz_answers_free(a);
	quiz_free(q);
	server_close(&s);
	slow_plan_release(&sp);
	free(text);
	free(path);
	return code;
}

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
	if (d->kind == DRILL_PLAN_READING) {
		code = check_plan_reading(opts, d, f, answer_path);
		drill_free(d);
		fixture_free(f);
		return code;
	}
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
	/* Refuse bad SQL before any server work: no cluster start, template,
	 * clone or slow-query run for a syntax error. */
	if (!check_reject_early(d, answer, len, &r)) {
		if (!server_open(&s, opts->db_conninfo, &prog, &err)) {
			cli_progress_done(opts);
			goto error;
		}
		check_run(&s, d, f, answer, len, &co, &r);
	}
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
