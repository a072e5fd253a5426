/*
 * cli_common.c — option handling and error reporting shared by all commands.
 *
 * Errors go to stderr in psql's tiers (primary, DETAIL:, HINT:); with
 * --format json they go to stdout as {"status":"error",...} so a tool reading
 * JSON always gets JSON.  See docs/cli.md for the contract.
 */
#include "cli/cli.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "catalog/drill.h"
#include "catalog/drill_scale.h"
#include "error_json.h"
#include "escape.h"
#include "grading/kinds/kinds.h"
#include "catalog/fixture.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "strbuf.h"
#include "suggest.h"

static const char *const format_names[] = {"text", "json", "junit", "github", "html"};

bool
cli_parse_format(const char *name, unsigned allowed, output_format *out,
				 error *err)
{
	for (unsigned i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
		if (strcmp(name, format_names[i]) == 0 && (allowed & (1u << i))) {
			*out = (output_format) i;
			return true;
		}
	}
	return error_set(err, ERROR_USAGE, "invalid value \"%s\" for --format", name);
}

bool
cli_common_option(cli_options *opts, int c, const char *arg, error *err)
{
	char *end;

	switch (c) {
	case OPT_DB:
		opts->db_conninfo = arg;
		return true;
	case OPT_FORMAT:
		cli_parse_format(arg, (1u << FORMAT_TEXT) | (1u << FORMAT_JSON),
						 &opts->format, err);
		return true;
	case OPT_DRILLS:
		opts->drills_dir = arg;
		return true;
	case OPT_FIXTURES:
		opts->fixtures_dir = arg;
		return true;
	case OPT_SCALE:
		errno = 0;
		opts->scale = strtod(arg, &end);
		if (errno || end == arg || *end != '\0' || !isfinite(opts->scale) ||
			opts->scale <= 0 || opts->scale > 100) {
			error_set(err, ERROR_USAGE,
					  "invalid value \"%s\" for --scale: expected a number above 0 and at most 100",
					  arg);
		}
		return true;
	case 'q':
		opts->quiet = true;
		opts->progress = false;
		return true;
	default:
		return false;
	}
}

int
cli_report_error(const cli_options *opts, const char *command, const error *err)
{
	int code = error_exit_code(err->kind);

	if (opts && opts->format == FORMAT_JSON) {
		cJSON *o = cJSON_CreateObject();
		char *text;

		cJSON_AddNumberToObject(o, "version", 1);
		cJSON_AddStringToObject(o, "command", command);
		cJSON_AddStringToObject(o, "status",
								err->kind == ERROR_REJECTED ? "rejected" : "error");
		cJSON_AddNumberToObject(o, "exit_code", code);
		error_json_add(o, err);
		text = opts->json_lines ? cJSON_PrintUnformatted(o) : cJSON_Print(o);
		if (text)
			puts(text);
		free(text);
		cJSON_Delete(o);
		return code;
	}
	/* Messages quote what the user gave (file names, SQL, plan lines):
	 * shown through the one terminal escaper. */
	{
		char *message = escape_terminal(err->message);
		char *detail = escape_terminal(err->detail);
		char *hint = escape_terminal(err->hint);

		fprintf(stderr, "pgdrill %s: %s\n", command, message);
		if (detail[0])
			fprintf(stderr, "%s%s\n", strchr(detail, '\n') ? "" : "DETAIL:  ", detail);
		if (hint[0])
			fprintf(stderr, "HINT:  %s\n", hint);
		free(message);
		free(detail);
		free(hint);
	}
	return code;
}

int
cli_parse_common_only(cli_options *opts, int argc, char **argv, const char *command,
					  const char *help)
{
	static const struct option longopts[] = {CLI_COMMON_LONG_OPTIONS, {NULL, 0, NULL, 0}};
	error err = {0};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			printf("%s%s", help, CLI_COMMON_HELP);
			return 0;
		}
		if (!cli_common_option(opts, ch, optarg, &err))
			return cli_option_error(command, argv, longopts);
		if (err.kind)
			return cli_usage_error(command, "%s", err.message);
	}
	return -1;
}

int
cli_parse_theme_only(cli_options *opts, int argc, char **argv, const char *command,
					 const char *help, const char **theme)
{
	enum { OPT_THEME = OPT_FIRST_COMMAND_OPTION };
	static const struct option longopts[] = {
		CLI_COMMON_LONG_OPTIONS,
		{"theme", required_argument, NULL, OPT_THEME},
		{NULL, 0, NULL, 0}
	};
	error err = {0};
	int ch;

	*theme = NULL;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			printf("%s%s%s", help, CLI_THEME_HELP, CLI_COMMON_HELP);
			return 0;
		}
		if (ch == OPT_THEME) {
			*theme = optarg;
			continue;
		}
		if (!cli_common_option(opts, ch, optarg, &err))
			return cli_option_error(command, argv, longopts);
		if (err.kind)
			return cli_usage_error(command, "%s", err.message);
	}
	return -1;
}

bool
cli_parse_int(const char *command, const char *flag, const char *arg, int min, int max,
			  int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end != '\0' || v < min || v > max) {
		cli_usage_error(command, "invalid value \"%s\" for %s: expected %d to %d", arg, flag,
						min, max);
		return false;
	}
	*out = (int) v;
	return true;
}

/* The long option `longopts` gives code `val` with a required argument. */
static const struct option *
option_with_argument(const struct option *longopts, int val)
{
	for (const struct option *o = longopts; o->name; o++)
		if (o->val == val && o->has_arg == required_argument)
			return o;
	return NULL;
}

int
cli_option_error(const char *command, char **argv, const struct option *longopts)
{
	const char *arg = optind > 0 ? argv[optind - 1] : NULL;
	const struct option *needs = optopt ? option_with_argument(longopts, optopt) : NULL;
	const char *names[64];
	const char *near;
	size_t n = 0;
	char *word;

	if (needs)
		return cli_usage_error(command, "option --%s needs a value", needs->name);
	if (optopt > 0 && optopt < 256)
		return cli_usage_error(command, "unknown option \"-%c\"", optopt);
	if (arg == NULL || strncmp(arg, "--", 2) != 0)
		return cli_usage_error(command, "unknown option");
	word = xstrndup(arg + 2, strcspn(arg + 2, "="));
	for (const struct option *o = longopts; o->name && n < 64; o++)
		names[n++] = o->name;
	near = suggest_closest(word, names, n);
	free(word);
	if (near) {
		fprintf(stderr, "pgdrill %s: unknown option \"%.*s\" (did you mean --%s?)\n"
				"Try \"%s %s --help\" for more information.\n", command,
				(int) strcspn(arg, "="), arg, near, cli_program(), command);
		return 2;
	}
	return cli_usage_error(command, "unknown option \"%.*s\"", (int) strcspn(arg, "="), arg);
}

/* The invoked program name (cli.h); quoted by cli_program_set. */
static char program_name[512] = "pgdrill";

void
cli_program_set(const char *argv0)
{
	bool plain = argv0 && argv0[0] != '\0';
	size_t n = 0;

	for (const char *p = argv0; plain && *p; p++)
		plain = strchr("/._-+", *p) || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9');
	if (argv0 == NULL || argv0[0] == '\0' || strlen(argv0) > 240)
		return;
	if (plain) {
		snprintf(program_name, sizeof program_name, "%s", argv0);
		return;
	}
	/* 'it'\''s': close the quote, an escaped quote, reopen. */
	program_name[n++] = '\'';
	for (const char *p = argv0; *p; p++) {
		if (*p == '\'') {
			memcpy(program_name + n, "'\\''", 4);
			n += 4;
		} else
			program_name[n++] = *p;
	}
	program_name[n++] = '\'';
	program_name[n] = '\0';
}

const char *
cli_program(void)
{
	return program_name;
}

int
cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pgdrill %s: ", command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry \"%s %s --help\" for more information.\n", cli_program(), command);
	return 2;
}

static bool progress_line_drawn;

static void
report_progress(void *ctx, const char *message, int done, int total)
{
	(void) ctx;
	if (total > 0)
		fprintf(stderr, "\r\033[K%s [%d%%]", message, done * 100 / total);
	else
		fprintf(stderr, "\r\033[K%s", message);
	fflush(stderr);
	progress_line_drawn = true;
}

progress
cli_progress(const cli_options *opts)
{
	progress p = {NULL, NULL};

	if (opts->progress && !opts->quiet)
		p.report = report_progress;
	return p;
}

void
cli_progress_done(const cli_options *opts)
{
	(void) opts;
	if (progress_line_drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		progress_line_drawn = false;
	}
}

bool
cli_load_drill(const cli_options *opts, const char *id, drill **d, fixture **f,
			   error *err)
{
	char *ddir = paths_drills_dir(opts->drills_dir, err);
	char *fdir = NULL;
	double scale;

	*d = NULL;
	*f = NULL;
	if (ddir == NULL)
		return false;
	*d = kind_load_drill(ddir, id, err);
	free(ddir);
	if (*d == NULL)
		return false;
	fdir = paths_fixtures_dir(opts->fixtures_dir, err);
	if (fdir == NULL)
		goto fail;
	*f = fixture_load(fdir, (*d)->fixture, err);
	free(fdir);
	if (*f == NULL) {
		error_prefix(err, "drill %s: ", id);
		goto fail;
	}
	/* every command that loads a drill this way builds or grades it: none
	 * may do so above the drill's scale_limit */
	if (!drill_scale(*d, *f, opts->scale, &scale, err))
		goto fail;
	return true;
fail:
	fixture_free(*f);
	*f = NULL;
	drill_free(*d);
	*d = NULL;
	return false;
}

void
cli_print_json(cJSON *value)
{
	char *text = cJSON_Print(value);

	if (text)
		puts(text);
	free(text);
	cJSON_Delete(value);
}

int
cli_terminal_width(void)
{
	struct winsize ws;
	const char *columns = getenv("COLUMNS");

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (columns && atoi(columns) > 0)
		return atoi(columns);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

void
cli_print_fitted(const char *text, int room)
{
	int cols = 0;
	const char *p = text;

	if (room <= 0) {
		fputs(text, stdout);
		return;
	}
	/* count characters, not bytes: a UTF-8 continuation byte is no column */
	for (const char *q = text; *q; q++)
		cols += ((unsigned char) *q & 0xC0) != 0x80;
	if (cols <= room) {
		fputs(text, stdout);
		return;
	}
	for (cols = 0; *p; p++) {
		if (((unsigned char) *p & 0xC0) != 0x80 && ++cols > room - 1)
			break;
	}
	fwrite(text, 1, (size_t) (p - text), stdout);
	fputs("\u2026", stdout);
}

char *
cli_answer_path(const drill *d, const char *given, const char *command, error *err)
{
	char *path;

	if (given)
		return xstrdup(given);
	path = kind_of(d)->answer_path(d->id, err);
	if (path == NULL)
		return NULL;
	if (!fileio_exists(path)) {
		error_set(err, ERROR_USAGE, "no answer to %s for drill %s", command, d->id);
		error_detail(err, "%s does not exist.", path);
		error_hint(err, "Run '%s start %s' first, or pass --answer FILE.", cli_program(), d->id);
		free(path);
		return NULL;
	}
	return path;
}
