/*
 * main.c — pgdrill's entry point: global set-up and the command table.
 *
 * It reads the environment defaults (PGDRILL_DB, PGDRILL_DRILLS, NO_COLOR...),
 * finds the subcommand and hands it the rest of the command line.  Everything
 * a command does is in engine/cli/cli_<command>.c; this file only dispatches.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "os/signals.h"
#include "strbuf.h"
#include "suggest.h"

typedef struct command {
	const char *name;
	cli_command_fn fn;
	const char *summary;
	const char *operands;  /* for completion: cli_complete's operand spec */
} command;

static const command commands[] = {
	{"list", cli_list, "list the drills in the catalogue", NULL},
	{"show", cli_show, "show a drill: prompt, tables, slow query and its plan", "@drill"},
	{"start", cli_start, "provision a drill: scratch copy and answer file", "@drill"},
	{"check", cli_check, "grade your answer to a drill", "@drill"},
	{"hint", cli_hint, "reveal the next hint of a drill", "@drill"},
	{"watch", cli_watch, "re-grade a drill's answer whenever you save it", "@drill"},
	{"track", cli_track, "your progress, concept by concept", NULL},
	{"next", cli_next, "the next drill to do", NULL},
	{"skip", cli_skip, "skip a concept you already know", "@concept"},
	{"unskip", cli_unskip, "take a skipped concept back", "@concept"},
	{"placement", cli_placement, "one demanding drill per concept: pass it to test out", NULL},
	{"practice", cli_practice, "a timeboxed session of drills that fit", NULL},
	{"grade", cli_grade, "grade a folder of answers for CI (JSON, JUnit, GitHub)", "@file"},
	{"db", cli_db, "status, start, stop or gc pgdrill's private PostgreSQL cluster",
		"status start stop gc"},
	{"author", cli_author, "instructors: scaffold a drill (new), prove drills sound (verify)",
		"new verify"},
	{"lint", cli_lint, "point out query anti-patterns in a SQL file (offline)", "@file"},
	{"analyze", cli_analyze, "EXPLAIN ANALYZE one SELECT of your own database, read-only",
		"@file"},
	{"explain", cli_explain, "show where a plan's time and I/O go (EXPLAIN JSON file)", "@file"},
	{NULL, NULL, NULL, NULL}
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

static const command *
find_command(const char *name)
{
	for (const command *c = commands; c->name; c++)
		if (strcmp(name, c->name) == 0)
			return c;
	return NULL;
}

/* The command names, NULL-terminated (a static array: the table is fixed). */
static const char *const *
command_names(void)
{
	static const char *names[sizeof commands / sizeof commands[0]];

	if (names[0] == NULL)
		for (size_t i = 0; commands[i].name; i++)
			names[i] = commands[i].name;
	return names;
}

/* An unknown command (or, `extra`, a second operand to `help`): one line,
 * the closest command when one is near, the pointer to --help. */
static int
unknown_command(const char *name, bool extra)
{
	const char *near;

	if (extra) {
		fprintf(stderr, "pgdrill help: unexpected argument \"%s\"\n"
				"Try \"%s help COMMAND\".\n", name, cli_program());
		return 2;
	}
	near = suggest_closest(name, command_names(), sizeof commands / sizeof commands[0] - 1);
	if (near)
		fprintf(stderr, "pgdrill: unknown command \"%s\" (did you mean \"%s\"?)\n", name,
				near);
	else
		fprintf(stderr, "pgdrill: unknown command \"%s\"\n", name);
	fprintf(stderr, "Try \"%s --help\" for the list of commands.\n", cli_program());
	return 2;
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
	/* getopt prints nothing: each command reports a bad option in one line
	 * (cli_option_error), naming it and what was meant. */
	opterr = 0;
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
		(strcmp(argv[1], "help") == 0 && argc == 2)) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("pgdrill %s\n", PGDRILL_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "help") == 0) {
		/* `pgdrill help CMD` is `pgdrill CMD --help` */
		const command *c = find_command(argv[2]);
		char *help_argv[] = {argv[2], (char *) "--help", NULL};

		if (c == NULL || argc > 3)
			return unknown_command(argc > 3 ? argv[3] : argv[2], argc > 3);
		return c->fn(&opts, 2, help_argv);
	}
	if (strcmp(argv[1], "__complete") == 0) {
		/* hidden: the words shell completion offers (cli_complete.c) */
		const command *c = argc > 3 ? find_command(argv[3]) : NULL;

		if (argc > 5 && strcmp(argv[4], "--drills") == 0)
			opts.drills_dir = argv[5];

		return cli_complete(&opts, argc > 2 ? argv[2] : "", command_names(),
							c ? c->operands : NULL);
	}
	signals_install();
	{
		const command *c = find_command(argv[1]);

		if (c) {
			int code = c->fn(&opts, argc - 1, argv + 1);

			/* interrupted: the command cleaned up; now die of the signal */
			signals_reraise();
			return code;
		}
	}
	return unknown_command(argv[1], false);
}
