/*
 * cli.h — what every subcommand shares: the parsed common options, output
 * format, and the command table entry points.
 *
 * The CLI is the only layer that prints or exits.  Each command lives in its
 * own engine/cli/cli_<command>.c, parses its own arguments with getopt_long
 * (common options through cli_common_option), does its work through the
 * engine modules (which return errors as values) and returns an exit code.
 */
#ifndef PGDRILL_CLI_H
#define PGDRILL_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "error.h"

typedef enum output_format {
	FORMAT_TEXT = 0,
	FORMAT_JSON,
	FORMAT_JUNIT,
	FORMAT_GITHUB,
	FORMAT_HTML
} output_format;

/* The parsed command line shared by all commands (the one mutable global
 * pgdrill allows itself is this struct, owned by main and passed down). */
typedef struct cli_options {
	const char *db_conninfo;   /* --db or PGDRILL_DB; NULL = private cluster */
	const char *drills_dir;    /* --drills or PGDRILL_DRILLS; default built in */
	const char *fixtures_dir;  /* --fixtures or PGDRILL_FIXTURES */
	output_format format;      /* --format */
	double scale;              /* --scale, 0 = the fixture's default */
	bool color;                /* stdout is a TTY and NO_COLOR is unset */
	bool progress;             /* stderr is a TTY: show progress lines */
	bool quiet;                /* -q: no progress */
	bool json_lines;           /* JSON errors on one line (watch's JSON Lines) */
} cli_options;

/*
 * Long options every command accepts.  Commands copy CLI_COMMON_LONG_OPTIONS
 * into their own table and pass unknown option codes to cli_common_option.
 */
enum {
	OPT_DB = 1000,
	OPT_FORMAT,
	OPT_DRILLS,
	OPT_FIXTURES,
	OPT_SCALE,
	OPT_HELP,
	OPT_FIRST_COMMAND_OPTION = 1100
};
#define CLI_COMMON_LONG_OPTIONS \
	{"db", required_argument, NULL, OPT_DB}, \
	{"format", required_argument, NULL, OPT_FORMAT}, \
	{"drills", required_argument, NULL, OPT_DRILLS}, \
	{"fixtures", required_argument, NULL, OPT_FIXTURES}, \
	{"scale", required_argument, NULL, OPT_SCALE}, \
	{"quiet", no_argument, NULL, 'q'}, \
	{"help", no_argument, NULL, 'h'}

#define CLI_COMMON_HELP \
	"Common options:\n" \
	"  --db CONNINFO      use this PostgreSQL server (default: PGDRILL_DB, else\n" \
	"                     pgdrill's private cluster)\n" \
	"  --format FORMAT    text (default) or json\n" \
	"  --drills DIR       drill catalogue (default: PGDRILL_DRILLS or built in)\n" \
	"  --fixtures DIR     fixtures (default: PGDRILL_FIXTURES or built in)\n" \
	"  --scale N          fixture scale (default: the fixture's own)\n" \
	"  -q, --quiet        no progress output\n" \
	"  -h, --help         this help\n" \
	"\nExit status: 0 success/pass, 1 graded and failed, 2 usage error,\n" \
	"3 submission rejected, 4 environment failure.\n"

/*
 * Handle one common option code `c` with argument `arg`.  Returns true if it
 * was a common option (handled, or an error set for a bad value); false if
 * `c` is not a common option.  On a bad value sets err (ERROR_USAGE) and
 * returns true; callers check err->kind.
 */
bool cli_common_option(cli_options *opts, int c, const char *arg, error *err);

/* Parse a format name allowed for a command (mask of 1 << output_format). */
bool cli_parse_format(const char *name, unsigned allowed, output_format *out,
					  error *err);

/* Print an error (primary, detail, hint) on stderr, or as JSON on stdout when
 * the format is json (one compact line when opts->json_lines, so a JSON Lines
 * stream stays one object per line).  Returns the exit code for its kind. */
int cli_report_error(const cli_options *opts, const char *command,
					 const error *err);

/* Print a usage error with the command's name and a pointer to --help. */
int cli_usage_error(const char *command, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Report the option getopt_long just refused (opterr is 0: getopt prints
 * nothing itself) in one line plus the pointer to --help: an unknown option
 * (with the closest of `longopts` when one is near: "did you mean --format?")
 * or an option missing its argument.  Call it when getopt_long returned '?'
 * (or an option code the command does not handle); `argv` is the command's.
 * Returns 2.
 */
int cli_option_error(const char *command, char **argv, const struct option *longopts);

/* Parse an integer option value in [min, max] (psql's option_parse_int):
 * on a bad value prints a usage error naming the flag and returns false; the
 * caller then exits 2. */
bool cli_parse_int(const char *command, const char *flag, const char *arg, int min,
				   int max, int *out);

/*
 * Parse the options of a command that takes only the common ones.  Returns
 * -1 to go on (optind then indexes the first operand), or the exit code to
 * return at once: 0 after printing `help` + the common help for --help, 2
 * after a usage error.
 */
int cli_parse_common_only(cli_options *opts, int argc, char **argv, const char *command,
						  const char *help);

/*
 * The same with one command option more, `--theme THEME` (track, next):
 * *theme receives its argument (or stays NULL).
 */
int cli_parse_theme_only(cli_options *opts, int argc, char **argv, const char *command,
						 const char *help, const char **theme);

/* The help line of --theme, shared by the learner commands. */
#define CLI_THEME_HELP \
	"  --theme THEME      only the concepts of this theme (and the prerequisites\n" \
	"                     they need); 'pgdrill track --theme ?' lists the themes\n"

/* Command entry points: argv[0] is the command name. */
typedef int (*cli_command_fn)(cli_options *opts, int argc, char **argv);

int cli_db(cli_options *opts, int argc, char **argv);
int cli_list(cli_options *opts, int argc, char **argv);
int cli_show(cli_options *opts, int argc, char **argv);
int cli_start(cli_options *opts, int argc, char **argv);
int cli_check(cli_options *opts, int argc, char **argv);
int cli_lint(cli_options *opts, int argc, char **argv);
int cli_author(cli_options *opts, int argc, char **argv);
int cli_explain(cli_options *opts, int argc, char **argv);
int cli_track(cli_options *opts, int argc, char **argv);
int cli_next(cli_options *opts, int argc, char **argv);
int cli_skip(cli_options *opts, int argc, char **argv);
int cli_unskip(cli_options *opts, int argc, char **argv);
int cli_placement(cli_options *opts, int argc, char **argv);
int cli_practice(cli_options *opts, int argc, char **argv);
int cli_hint(cli_options *opts, int argc, char **argv);
int cli_watch(cli_options *opts, int argc, char **argv);
int cli_grade(cli_options *opts, int argc, char **argv);
int cli_analyze(cli_options *opts, int argc, char **argv);

/* Hidden `pgdrill __complete commands|operands CMD` (cli_complete.c): one word
 * a line for shell completion.  `commands` is NULL-terminated; `operands` is
 * the command table's spec for CMD ("@drill", "@concept", "@file" or a
 * space-separated word list; NULL = none).  Always returns 0. */
int cli_complete(const cli_options *opts, const char *what, const char *const *commands,
				 const char *operands);

#endif

/* --- shared helpers for commands (cli_common.c) --- */
#include "os/progress.h"

/*
 * The program as the user ran it (argv[0]: "pgdrill" from PATH,
 * "./build/pgdrill" from a checkout), shell-quoted when it needs to be, so
 * that every command we suggest ("When ready: ./build/pgdrill check X") can
 * be pasted as is.  Set once by main before any command runs (it is part of
 * the parsed command line); "pgdrill" until then.  Error prefixes keep the
 * bare name "pgdrill", like psql's.  Files written to disk (the workspace
 * answer header) say "pgdrill": they outlive this invocation.
 */
void cli_program_set(const char *argv0);
const char *cli_program(void);

/* The progress reporter for this command line: a live line on stderr when
 * it is a terminal and --quiet is off, silence otherwise. */
progress cli_progress(const cli_options *opts);
/* Finish the live progress line (if one was drawn). */
void cli_progress_done(const cli_options *opts);

struct drill;
struct fixture;
/* Load a drill and its fixture from the catalogue directories of opts,
 * refusing a --scale above the drill's scale_limit (drill_scale.h).  On
 * failure returns false with err; nothing to free. */
bool cli_load_drill(const cli_options *opts, const char *id, struct drill **d,
					struct fixture **f, error *err);

/* The width of the terminal on stdout (COLUMNS, else the tty's), or 0 when
 * stdout is not a terminal (then nothing is cut: pipes get whole lines). */
int cli_terminal_width(void);

/* Print `text` on stdout in at most `room` characters (UTF-8 aware), ending
 * with an ellipsis when cut; `room` <= 0 prints it whole. */
void cli_print_fitted(const char *text, int room);

/* The answer file of `command` (check, watch) for d: `given` (--answer,
 * may be "-"), else the kind's workspace file, which must exist (a usage
 * error with a hint to run start otherwise).  malloc'd, or NULL with err. */
char *cli_answer_path(const struct drill *d, const char *given, const char *command,
					  error *err);

/* Print a cJSON value (consumed) on stdout, pretty. */
struct cJSON;
void cli_print_json(struct cJSON *value);

/* --- the offline readers, shared with `analyze` --- */
struct lint_findings;
struct plan;
struct insight_list;

/* lint's text: one compiler-style block per finding with its caret and
 * advice, then a count (cli_lint.c).  `path` names the source. */
void cli_lint_print(const char *path, const char *src, size_t len,
					const struct lint_findings *f);

/* explain's text: the plan picture cut to `width` columns (-1: the
 * terminal's), then the insights (cli_explain.c). */
void cli_explain_print(const cli_options *opts, const struct plan *p,
					   const struct insight_list *l, int width);

/* --- shared by the learner commands (cli_track.c) --- */
struct catalog;
struct state;
struct check_result;

/* Load the catalogue (drills and concept graph) and the learner state, and
 * the state file's path (all three owned by the caller: catalog_free,
 * state_free, free).  `st` may be NULL for a command that reads the state
 * under its lock itself (state_update).  False with err; nothing to free
 * then. */
bool cli_load_learner(const cli_options *opts, struct catalog **c, struct state **st,
					  char **state_path, error *err);

/* The theme named `id` in c (NULL id: *out NULL, no theme).  An unknown
 * theme is ERROR_USAGE (exit 2) whose detail lists the themes. */
struct theme;
bool cli_find_theme(const struct catalog *c, const char *id, const struct theme **out,
					error *err);

/* Add the "theme" member of a learner command's JSON to o: {"id", "title",
 * "concepts"} of t, or null (docs/json.md). */
void cli_add_theme_json(struct cJSON *o, const struct theme *t);

/* Record a graded attempt at `d` in the learner state (check, watch): its
 * status and the score its kind records, and that its answers were
 * revealed when the verdict revealed them (r->revealed).  A failure is only a warning on
 * stderr: it never changes a grade's exit code. */
void cli_record_attempt(const struct drill *d, const struct check_result *r);

/* After a PASS recorded with cli_record_attempt: what changed (the progress
 * of each concept the drill teaches) and the command to run next, as
 * {"concepts": [{"id","title","passed","drills","status"}],
 *  "next": {"drill","title","command"} or null} (docs/json.md,
 * "learner_progress").  The caller cJSON_Deletes it; NULL when the
 * catalogue or the state cannot be read (recording already warned). */
struct cJSON *cli_pass_progress(const cli_options *opts, const char *drill_id);

/* Add cli_pass_progress() to a check result as "learner_progress" (null
 * when the state cannot be read). */
void cli_add_pass_progress(const cli_options *opts, struct cJSON *result,
						   const char *drill_id);

/* cli_pass_progress() as text on stdout ("Your progress:", a bar per
 * concept, "done" when it now is, "Next: ...").  Prints nothing if the
 * state cannot be read. */
void cli_after_pass(const cli_options *opts, const char *drill_id);

/* "[###-------]": `done` of `total` as a bar of `width` cells (at least one
 * filled cell once done > 0) into buf (NUL-terminated; truncated to size). */
void cli_progress_bar(char *buf, size_t size, size_t done, size_t total, int width);
