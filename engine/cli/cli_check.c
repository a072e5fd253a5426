/*
 * cli_check.c — `pgdrill check DRILL [--answer FILE]`: grade an answer.
 *
 * Reads the answer (the workspace file from `pgdrill start`, a FILE, or '-'
 * for standard input), grades it through the drill's kind (prepare, grade,
 * finish: engine/grading/kinds/kind.h), prints the verdict as text or JSON
 * (report/check_report.h), then records the attempt in the learner state
 * (docs/state.md).  Every kind takes this one path.
 * Exit codes: 0 pass, 1 fail, 2 usage, 3 rejected, 4 environment.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grading/check.h"
#include "grading/kinds/kinds.h"
#include "report/check_report.h"
#include "cli/cli.h"
#include "catalog/drill.h"
#include "os/fileio.h"
#include "report/report_html.h"
#include "catalog/fixture.h"
#include "os/signals.h"
#include "strbuf.h"

/* Submissions larger than this are refused before parsing (docs/sandbox.md). */
#define CHECK_ANSWER_MAX (1024 * 1024)

static const char *const check_help =
	"Usage: pgdrill check DRILL [--answer FILE|-] [OPTIONS]\n\n"
	"Grade an answer to DRILL: its rows must equal the slow query's on two\n"
	"differently seeded databases; then slow query, reference and answer are\n"
	"measured (EXPLAIN ANALYZE, interleaved) and scored.  A plan-reading\n"
	"drill's answers are graded against the plan you were shown.\n\n"
	"  --answer FILE      the answer ('-' for standard input; default: the\n"
	"                     workspace file written by 'pgdrill start')\n"
	"  --runs N           measured runs of each query (default 5, 1-50)\n"
	"  --html FILE        also write the verdict, the three plans and the\n"
	"                     insights as one self-contained HTML page\n"
	"  --reveal           plan-reading: show the right answers and why even\n"
	"                     when yours are wrong (recorded in your progress as\n"
	"                     revealed; without it they are shown once you pass)\n\n";

enum { OPT_ANSWER = OPT_FIRST_COMMAND_OPTION, OPT_RUNS, OPT_REVEAL, OPT_HTML };

/* Parse check's arguments: -1 to go on (optind indexes the drill), or the
 * exit code to return at once. */
static int
parse_args(cli_options *opts, int argc, char **argv, const char **answer_path,
		   const char **html_path, check_options *co)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"answer", required_argument, NULL, OPT_ANSWER},
		{"runs", required_argument, NULL, OPT_RUNS},
		{"reveal", no_argument, NULL, OPT_REVEAL},
		{"html", required_argument, NULL, OPT_HTML},
		{NULL, 0, NULL, 0}
	};
	error err = {0};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			printf("%s%s", check_help, CLI_COMMON_HELP);
			return 0;
		case OPT_ANSWER:
			*answer_path = optarg;
			break;
		case OPT_RUNS:
			if (!cli_parse_int("check", "--runs", optarg, 1, CHECK_MAX_RUNS, &co->runs))
				return 2;
			break;
		case OPT_REVEAL:
			co->reveal = true;
			break;
		case OPT_HTML:
			*html_path = optarg;
			break;
		default:
			if (!cli_common_option(opts, ch, optarg, &err))
				return cli_option_error("check", argv, longopts);
			if (err.kind)
				return cli_usage_error("check", "%s", err.message);
		}
	}
	if (optind != argc - 1)
		return optind >= argc
			? cli_usage_error("check", "which drill? (%s list)", cli_program())
			: cli_usage_error("check", "too many arguments");
	return -1;
}

/* Grade `answer` through d's kind into *r.  False with err when the server
 * could not be opened (reported as a command error, not as a verdict). */
static bool
grade_one(kind_env *env, const drill *d, const fixture *f, const check_options *co,
		  const char *answer, size_t len, check_result *r, error *err)
{
	const drill_kind_ops *k = kind_of(d);
	kind_grader *g;

	/* Refuse what cannot be graded before any server work: no cluster
	 * start, template, clone or slow-query run for a syntax error. */
	if (k->refuse(d, answer, len, r))
		return true;
	g = k->prepare(env, d, f, co, err);
	if (g == NULL) {
		if (env->s_err.kind != ERROR_NONE)
			return false;
		check_result_ungraded(r, CHECK_ERROR, err, d->pass_score);
		return true;
	}
	k->grade(g, answer, len, r);
	k->finish(g);
	return true;
}

/* The verdict, then after a pass the learner's progress (recorded by now):
 * a "learner_progress" member in JSON, lines after the verdict in text. */
static void
print_verdict(const cli_options *opts, const drill *d, const check_result *r,
			  const char *answer_path)
{
	if (opts->format == FORMAT_JSON) {
		cJSON *o = check_report_json(d, r, answer_path);

		if (r->status == CHECK_PASS)
			cli_add_pass_progress(opts, o, d->id);
		cli_print_json(o);
	} else {
		char *text = check_report_text(d, r, opts->color, cli_program());

		fputs(text, r->status == CHECK_ERROR ? stderr : stdout);
		free(text);
		if (r->status == CHECK_PASS)
			cli_after_pass(opts, d->id);
	}
}

int
cli_check(cli_options *opts, int argc, char **argv)
{
	const char *given = NULL, *html = NULL;
	char *path = NULL, *answer = NULL;
	check_options co = {.runs = CHECK_DEFAULT_RUNS, .learner = true};
	error err = {0};
	drill *d = NULL;
	fixture *f = NULL;
	check_result r;
	progress prog;
	kind_env env;
	size_t len = 0;
	int code;

	if ((code = parse_args(opts, argc, argv, &given, &html, &co)) >= 0)
		return code;
	prog = cli_progress(opts);    /* after -q and --db */
	env = kind_env_init(opts->db_conninfo, &prog);
	if (!cli_load_drill(opts, argv[optind], &d, &f, &err) ||
		(path = cli_answer_path(d, given, "check", &err)) == NULL)
		goto error;
	answer = fileio_read(path, CHECK_ANSWER_MAX, &len, &err);
	if (answer == NULL) {
		err.kind = ERROR_REJECTED;
		goto error;
	}
	co.scale = opts->scale;
	co.prog = &prog;
	if (!grade_one(&env, d, f, &co, answer, len, &r, &err)) {
		cli_progress_done(opts);
		goto error;
	}
	cli_progress_done(opts);
	/* An environment error is not the learner's attempt; everything else is
	 * recorded (a state failure only warns: the grade's exit code stands),
	 * before the verdict is printed so that a pass shows the new progress. */
	if (r.status != CHECK_ERROR)
		cli_record_attempt(d, &r);
	print_verdict(opts, d, &r, path);
	code = check_exit_code(&r);
	if (html) {
		char *page = report_html_check(d, &r, path);

		if (!fileio_write_atomic(html, page, strlen(page), 0644, &err)) {
			free(page);
			check_result_release(&r);
			goto error;
		}
		free(page);
	}
	check_result_release(&r);
	goto done;
error:
	code = cli_report_error(opts, "check", &err);
done:
	signals_drop_registered(env.s.admin);   /* normally none: check dropped its own */
	kind_env_close(&env);
	free(answer);
	free(path);
	drill_free(d);
	fixture_free(f);
	return code;
}
