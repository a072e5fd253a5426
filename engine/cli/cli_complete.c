/*
 * cli_complete.c — `pgdrill __complete`: the words shell completion offers,
 * read from the live catalogue (tools/pgdrill.bash-completion calls it).
 *
 * Hidden (not in --help): its output is for the completion script, one word
 * a line.  `__complete commands` lists the commands; `__complete operands
 * SPEC` lists what a command's operand can be, where SPEC is the command
 * table's operand spec (main.c): "@drill" the drill ids, "@concept" the
 * concept ids, "@file" the marker "@file" (the script completes file names),
 * anything else a space-separated list of words printed as is.  `__complete
 * themes` lists the theme ids (the argument of --theme).  A catalogue
 * that cannot be read completes nothing and exits 0: completion must never
 * print an error into the learner's command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "catalog/meta.h"
#include "cli/cli.h"
#include "os/paths.h"
#include "strbuf.h"

static void
print_drills(const cli_options *opts)
{
	error err = {0};
	char *dir = paths_drills_dir(opts->drills_dir, &err);
	char **ids = NULL;
	size_t n = 0;

	if (dir && catalog_drill_ids(dir, &ids, &n, &err))
		for (size_t i = 0; i < n; i++)
			puts(ids[i]);
	meta_strings_free(ids, n);
	free(dir);
}

/* The concept ids, or with `themes` the theme ids, of concepts.json. */
static void
print_concepts(const cli_options *opts, bool themes)
{
	error err = {0};
	char *dir = paths_drills_dir(opts->drills_dir, &err);
	catalog *c = xcalloc(1, sizeof *c);   /* the concept graph only */

	if (dir && catalog_load_concepts(c, dir, &err)) {
		for (size_t i = 0; !themes && i < c->n_concepts; i++)
			puts(c->concepts[i].id);
		for (size_t i = 0; themes && i < c->n_themes; i++)
			puts(c->themes[i].id);
	}
	catalog_free(c);
	free(dir);
}

int
cli_complete(const cli_options *opts, const char *what, const char *const *commands,
			 const char *operands)
{
	if (strcmp(what, "commands") == 0) {
		for (size_t i = 0; commands[i]; i++)
			puts(commands[i]);
	} else if (strcmp(what, "themes") == 0)
		print_concepts(opts, true);
	else if (strcmp(what, "operands") == 0 && operands) {
		if (strcmp(operands, "@drill") == 0)
			print_drills(opts);
		else if (strcmp(operands, "@concept") == 0)
			print_concepts(opts, false);
		else if (strcmp(operands, "@file") == 0)
			puts("@file");
		else
			for (const char *p = operands; *p;) {
				size_t len = strcspn(p, " ");

				printf("%.*s\n", (int) len, p);
				p += len + (p[len] == ' ');
			}
	}
	return 0;
}
