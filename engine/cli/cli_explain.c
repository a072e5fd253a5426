/*
 * cli_explain.c — `pgdrill explain FILE|-`: read an EXPLAIN output offline
 * (FORMAT JSON or the text format, raw or as psql prints it) and show
 * where time and I/O go and what is wrong, as a terminal picture plus
 * findings, or as JSON for tools (--format json, docs/plans.md); with
 * --against FILE2, also what FILE2's plan does differently.
 *
 * The work is in scoring/plan/ (parse, insights, render, JSON); this file
 * reads the input, decides colour and width, prints, and maps errors to
 * exit codes: 0 shown, 2 usage or unreadable file, 3 malformed plan.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "os/fileio.h"
#include "report/report_html.h"
#include "plan/diff.h"
#include "plan/insight.h"
#include "plan/plan.h"
#include "plan/plan_json.h"
#include "plan/render.h"
#include "strbuf.h"

/* Plans are small; a bigger input is a mistake (or an attack on memory). */
#define EXPLAIN_MAX_INPUT (64u * 1024 * 1024)

enum {
	OPT_WIDTH = OPT_FIRST_COMMAND_OPTION,
	OPT_AGAINST,
	OPT_HTML
};

static const struct option long_options[] = {
	CLI_COMMON_LONG_OPTIONS,
	{"width", required_argument, NULL, OPT_WIDTH},
	{"against", required_argument, NULL, OPT_AGAINST},
	{"html", required_argument, NULL, OPT_HTML},
	{NULL, 0, NULL, 0}
};

static void
help(void)
{
	printf("Usage: pgdrill explain [OPTIONS] FILE|-\n\n"
		   "Show where a query's time and I/O go and what is wrong with its plan.\n"
		   "FILE holds the output of EXPLAIN (ANALYZE, BUFFERS), in the text format\n"
		   "or with FORMAT JSON, raw or as psql prints it (header, borders, '+' marks\n"
		   "and row count are fine); '-' reads standard input.  Plain EXPLAIN\n"
		   "(estimates only) works too.\n\n"
		   "Options:\n"
		   "  --width N          cut picture lines to N columns (default: the\n"
		   "                     terminal's width, no limit when not a terminal)\n"
		   "  --against FILE2    also say what FILE2's plan does differently (access\n"
		   "                     paths, joins, spills, buffers, rows); '-' not allowed\n"
		   "  --html FILE        also write the plan and insights as one self-contained\n"
		   "                     HTML page (no network)\n\n"
		   "%s"
		   "Exit status 3 means the input is not a readable EXPLAIN plan.\n",
		   CLI_COMMON_HELP);
}

/* Read all of `f` into sb; false with err set on a read error or when the
 * input is larger than EXPLAIN_MAX_INPUT. */
static bool
read_all(FILE *f, const char *name, strbuf *sb, error *err)
{
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (sb->len + n > EXPLAIN_MAX_INPUT)
			return error_set(err, ERROR_USAGE, "%s is larger than %u MB: not a plan",
							 name, EXPLAIN_MAX_INPUT / (1024 * 1024));
		strbuf_append_len(sb, buf, n);
	}
	if (ferror(f))
		return error_set(err, ERROR_USAGE, "cannot read %s: %s", name, strerror(errno));
	return true;
}

static bool
read_input(const char *path, strbuf *sb, error *err)
{
	FILE *f;
	bool ok;

	if (strcmp(path, "-") == 0)
		return read_all(stdin, "standard input", sb, err);
	f = fopen(path, "rb");
	if (f == NULL)
		return error_set(err, ERROR_USAGE, "cannot open \"%s\": %s", path, strerror(errno));
	ok = read_all(f, path, sb, err);
	fclose(f);
	return ok;
}

void
cli_explain_print(const cli_options *opts, const plan *p, const insight_list *l, int width)
{
	char *picture = plan_render(p, opts->color, width >= 0 ? width : cli_terminal_width());
	char *findings = insight_list_text(l, opts->color);

	fputs(picture, stdout);
	printf("\n%s", findings);
	free(picture);
	free(findings);
}

static int
print_json(const char *path, const plan *p, const insight_list *l, const plan_diff *d)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *pj = plan_to_json(p), *ij = insight_list_to_json(l);
	cJSON *dj = d ? plan_diff_to_json(d) : NULL;
	char *text = NULL;

	if (o == NULL || pj == NULL || ij == NULL || (d && dj == NULL)) {
		cJSON_Delete(o);
		cJSON_Delete(pj);
		cJSON_Delete(ij);
		cJSON_Delete(dj);
		fputs("pgdrill explain: out of memory\n", stderr);
		return 4;
	}
	cJSON_AddNumberToObject(o, "version", 1);
	cJSON_AddStringToObject(o, "command", "explain");
	cJSON_AddStringToObject(o, "status", "ok");
	cJSON_AddStringToObject(o, "source", strcmp(path, "-") == 0 ? "stdin" : path);
	cJSON_AddItemToObject(o, "plan", pj);
	cJSON_AddItemToObject(o, "insights", ij);
	if (dj)
		cJSON_AddItemToObject(o, "diff", dj);
	text = cJSON_Print(o);
	cJSON_Delete(o);
	if (text == NULL) {
		fputs("pgdrill explain: out of memory\n", stderr);
		return 4;
	}
	puts(text);
	free(text);
	return 0;
}

int
cli_explain(cli_options *opts, int argc, char **argv)
{
	error err = {0};
	strbuf input = STRBUF_INIT, other_input = STRBUF_INIT;
	plan *p = NULL, *other = NULL;
	insight_list *l = NULL;
	plan_diff *d = NULL;
	int width = -1, c, code = 0;
	const char *path, *against = NULL, *html_path = NULL;

	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", long_options, NULL)) != -1) {
		if (c == 'h') {
			help();
			return 0;
		}
		if (c == OPT_WIDTH) {
			if (!cli_parse_int("explain", "--width", optarg, 20, 10000, &width))
				return 2;
			continue;
		}
		if (c == OPT_HTML) {
			html_path = optarg;
			continue;
		}
		if (c == OPT_AGAINST) {
			if (strcmp(optarg, "-") == 0)
				return cli_usage_error("explain", "--against needs a file, not standard input");
			against = optarg;
			continue;
		}
		if (c == '?')
			return cli_option_error("explain", argv, long_options);
		if (cli_common_option(opts, c, optarg, &err)) {
			if (err.kind != ERROR_NONE)
				return cli_report_error(opts, "explain", &err);
			continue;
		}
		return cli_option_error("explain", argv, long_options);
	}
	if (optind != argc - 1)
		return cli_usage_error("explain", "expected one FILE (or - for standard input)");
	path = argv[optind];
	if (!read_input(path, &input, &err)) {
		code = cli_report_error(opts, "explain", &err);
		goto done;
	}
	p = plan_parse(input.data ? input.data : "", input.len, &err);
	if (p == NULL) {
		error_prefix(&err, "%s: ", strcmp(path, "-") == 0 ? "standard input" : path);
		code = cli_report_error(opts, "explain", &err);
		goto done;
	}
	if (against) {
		if (!read_input(against, &other_input, &err)) {
			code = cli_report_error(opts, "explain", &err);
			goto done;
		}
		other = plan_parse(other_input.data ? other_input.data : "", other_input.len, &err);
		if (other == NULL) {
			error_prefix(&err, "%s: ", against);
			code = cli_report_error(opts, "explain", &err);
			goto done;
		}
		d = plan_diff_compute(p, other, "this plan", against);
	}
	l = plan_insights(p);
	if (html_path) {
		char *page = report_html_explain(strcmp(path, "-") == 0 ? "standard input" : path, p, l);
		bool ok = fileio_write_atomic(html_path, page, strlen(page), 0644, &err);

		free(page);
		if (!ok) {
			code = cli_report_error(opts, "explain", &err);
			goto done;
		}
	}
	if (opts->format == FORMAT_JSON)
		code = print_json(path, p, l, d);
	else {
		cli_explain_print(opts, p, l, width);
		if (d) {
			char *diff = plan_diff_text(d, 0);

			printf("\nAgainst %s:\n%s", against, diff);
			free(diff);
		}
	}
done:
	plan_diff_free(d);
	insight_list_free(l);
	plan_free(p);
	plan_free(other);
	strbuf_free(&input);
	strbuf_free(&other_input);
	return code;
}
