/*
 * main.c — pgdrill's entry point: global set-up and the command table.
 *
 * It reads the environment defaults (PGDRILL_DB, PGDRILL_DRILLS, NO_COLOR...),
 * finds the subcommand and hands it the rest of the command line.  Everything
 * a command does is in engine/cli/cli_<command>.c; this file only dispatches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "os/signals.h"
#include "strbuf.h"

typedef struct command {
	const char *name;
	cli_command_fn fn;
	const char *summary;
} command;

static const command commands[] = {
	{"list", cli_list, "list the drills in the catalogue"},
	{"show", cli_show, "show a drill: prompt, tables, slow query and its plan"},
	{"start", cli_start, "provision a drill: scratch copy and answer file"},
	{"check", cli_check, "grade your answer to a drill"},
	{"hint", cli_hint, "reveal the next hint of a drill"},
	{"watch", cli_watch, "re-grade a drill's answer whenever you save it"},
	{"track", cli_track, "your progress, concept by concept"},
	{"next", cli_next, "the next drill to do"},
	{"skip", cli_skip, "skip a concept you already know"},
	{"unskip", cli_unskip, "take a skipped concept back"},
	{"placement", cli_placement, "one demanding drill per concept: pass it to test out"},
	{"practice", cli_practice, "a timeboxed session of drills that fit"},
	{"grade", cli_grade, "grade a folder of answers for CI (JSON, JUnit, GitHub)"},
	{"db", cli_db, "status, start or stop pgdrill's private PostgreSQL cluster"},
	{"author", cli_author, "instructors: scaffold a drill (new), prove drills sound (verify)"},
	{"lint", cli_lint, "point out query anti-patterns in a SQL file (offline)"},
	{"explain", cli_explain, "show where a plan's time and I/O go (EXPLAIN JSON file)"},
	{NULL, NULL, NULL}
};

static void
usage(FILE *out)
{
	fprintf(out,
			"pgdrill — hands-on PostgreSQL query-optimization drills\n\n"
			"Usage: pgdrill COMMAND [OPTIONS] [ARGS]\n\nCommands:\n");
	for (const command *c = commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out, "\nRun '%s COMMAND --help' for a command's options.\n\n%s",
			cli_program(), CLI_COMMON_HELP);
}

/* Before the abort of a failed allocation (strbuf.h): say why. */
static void
say_out_of_memory(void)
{
	fputs("pgdrill: out of memory\n", stderr);
}

int
main(int argc, char **argv)
{
	cli_options opts = {0};
	const char *no_color = getenv("NO_COLOR");

	xalloc_on_failure(say_out_of_memory);
	cli_program_set(argv[0]);
	opts.db_conninfo = getenv("PGDRILL_DB");
	if (opts.db_conninfo && opts.db_conninfo[0] == '\0')
		opts.db_conninfo = NULL;
	opts.drills_dir = getenv("PGDRILL_DRILLS");
	opts.fixtures_dir = getenv("PGDRILL_FIXTURES");
	opts.color = isatty(STDOUT_FILENO) && !(no_color && no_color[0]);
	opts.progress = isatty(STDERR_FILENO);
	if (getenv("PGDRILL_SCALE") && getenv("PGDRILL_SCALE")[0]) {   /* empty = unset */
		error err = {0};

		if (cli_common_option(&opts, OPT_SCALE, getenv("PGDRILL_SCALE"), &err) && err.kind) {
			fprintf(stderr, "pgdrill: PGDRILL_SCALE: %s\n", err.message);
			return 2;
		}
	}

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
		strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("pgdrill %s\n", PGDRILL_VERSION);
		return 0;
	}
	signals_install();
	for (const command *c = commands; c->name; c++) {
		if (strcmp(argv[1], c->name) == 0) {
			int code = c->fn(&opts, argc - 1, argv + 1);

			/* interrupted: the command cleaned up; now die of the signal */
			signals_reraise();
			return code;
		}
	}
	fprintf(stderr, "pgdrill: unknown command \"%s\"\n"
			"Try \"%s --help\" for the list of commands.\n", argv[1], cli_program());
	return 2;
}
