/*
 * cli_lint.c — `pgdrill lint FILE|-`: lint a SQL file offline, no server.
 *
 * Reads the file (or stdin for "-"), runs sql_lint and prints the findings:
 * as text, one block per finding in the compiler style
 *     FILE:LINE:COLUMN: warning: MESSAGE [rule-id]
 * followed by psql's caret excerpt and the advice as a HINT; or with
 * --format json, one document with a `findings` list (docs/lint-rules.md).
 * Exit status: 0 no findings, 1 findings, 2 usage error (or unreadable
 * file), 3 the SQL cannot be analysed (syntax error, encoding, limits).
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "escape.h"
#include "sql/lint.h"
#include "sql/sql.h"
#include "sql/sql_limits.h"
#include "strbuf.h"

static const char lint_help[] =
	"pgdrill lint — point out query anti-patterns in a SQL file (offline)\n\n"
	"Usage: pgdrill lint [OPTIONS] FILE\n"
	"       pgdrill lint [OPTIONS] -        (read standard input)\n\n"
	"Every statement of the file is parsed with PostgreSQL's grammar and\n"
	"checked against the lint rules (docs/lint-rules.md).  No server is used.\n\n"
	"Options:\n"
	"  --format FORMAT    text (default) or json\n"
	"  -h, --help         this help\n"
	"\nExit status: 0 no findings, 1 findings, 2 usage error or unreadable file,\n"
	"3 the SQL cannot be analysed (syntax error, bad encoding, over a limit).\n";

/* Read all of `path` ("-" = stdin), at most limit + 1 bytes. */
static bool
read_input(const char *path, strbuf *out, error *err)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char buf[65536];
	size_t n;
	bool ok = true;

	if (fp == NULL)
		return error_set(err, ERROR_USAGE, "cannot open \"%s\": %s", path,
						 strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		strbuf_append_len(out, buf, n);
		if (out->len > SQL_MAX_INPUT_BYTES)
			break;  /* sql_lint reports "too large"; no need to read more */
	}
	if (ferror(fp))
		ok = error_set(err, ERROR_USAGE, "cannot read \"%s\": %s", path,
					   strerror(errno));
	if (fp != stdin)
		fclose(fp);
	return ok;
}

void
cli_lint_print(const char *path, const char *src, size_t len, const lint_findings *f)
{
	size_t warnings = 0;
	char *shown = escape_terminal(path);   /* a file name is untrusted too */

	for (size_t i = 0; i < f->n; i++) {
		const lint_finding *x = &f->items[i];
		char *caret = sql_caret(src, len, x->position);
		char *message = escape_terminal(x->message), *advice = escape_terminal(x->advice);

		printf("%s:%d:%d: %s: %s [%s]\n%s\nHINT:  %s\n\n", shown, x->line,
			   x->column, lint_severity_name(x->severity), message, x->id,
			   caret, advice);
		free(caret);
		free(message);
		free(advice);
		warnings += x->severity == LINT_WARNING;
	}
	if (f->n == 0)
		printf("%s: no findings\n", shown);
	else
		printf("%s: %zu finding%s (%zu warning%s, %zu info)\n", shown, f->n,
			   f->n == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
			   f->n - warnings);
	free(shown);
}

static void
print_json(const char *path, const lint_findings *f)
{
	cJSON *root = cJSON_CreateObject();
	char *text;

	cJSON_AddNumberToObject(root, "version", 1);
	cJSON_AddStringToObject(root, "command", "lint");
	cJSON_AddStringToObject(root, "file", path);
	cJSON_AddStringToObject(root, "status", f->n ? "findings" : "clean");
	cJSON_AddNumberToObject(root, "exit_code", f->n ? 1 : 0);
	cJSON_AddItemToObject(root, "findings", lint_findings_to_json(f));
	text = cJSON_Print(root);
	if (text)
		puts(text);
	free(text);
	cJSON_Delete(root);
}

int
cli_lint(cli_options *opts, int argc, char **argv)
{
	static const struct option long_options[] = {
		CLI_COMMON_LONG_OPTIONS,
		{NULL, 0, NULL, 0}
	};
	strbuf src = STRBUF_INIT;
	lint_findings *findings = NULL;
	error err = {0};
	const char *path;
	int c, code;

	optind = 1;
	while ((c = getopt_long(argc, argv, "hq", long_options, NULL)) != -1) {
		if (c == 'h') {
			fputs(lint_help, stdout);
			return 0;
		}
		if (c == '?')
			return cli_option_error("lint", argv, long_options);
		if (!cli_common_option(opts, c, optarg, &err))
			return cli_option_error("lint", argv, long_options);
		if (err.kind != ERROR_NONE)
			return cli_report_error(opts, "lint", &err);
	}
	if (optind != argc - 1)
		return cli_usage_error("lint", "expected one FILE (or - for standard input)");
	path = argv[optind];

	strbuf_init(&src);
	if (!read_input(path, &src, &err)) {
		strbuf_free(&src);
		return cli_report_error(opts, "lint", &err);
	}
	if (!sql_lint(src.data, src.len, &findings, &err)) {
		error_prefix(&err, "%s: ", strcmp(path, "-") == 0 ? "<stdin>" : path);
		strbuf_free(&src);
		return cli_report_error(opts, "lint", &err);
	}
	if (opts->format == FORMAT_JSON)
		print_json(path, findings);
	else
		cli_lint_print(strcmp(path, "-") == 0 ? "<stdin>" : path, src.data, src.len,
					   findings);
	code = findings->n ? 1 : 0;
	lint_findings_free(findings);
	strbuf_free(&src);
	return code;
}
