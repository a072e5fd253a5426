/*
 * fixture.h — loading a fixture folder (fixture.json + its SQL scripts).
 *
 * A fixture is the schema and deterministic seed of a scratch database; see
 * docs/fixture-format.md.  Loading reads every script into memory and
 * computes the content hash that names the fixture's templates, so a changed
 * file means a new template, never a stale one.
 */
#ifndef PGDRILL_FIXTURE_H
#define PGDRILL_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct fixture {
	char *name;            /* folder name = "name" field */
	char *dir;
	char *title;
	char *description;
	double default_scale;
	char **script_names;   /* in execution order */
	char **script_texts;
	int *script_group;     /* per script: 0 runs in the build's own session;
							  scripts that share a number > 0 are one group,
							  listed together in "scripts" (an array inside
							  the array), and run side by side, each in a
							  session of its own */
	size_t n_scripts;
	char **after_vacuum_names; /* run after the VACUUM (FREEZE, ANALYZE), in
								  order; NULL when the field is absent */
	char **after_vacuum_texts;
	size_t n_after_vacuum;
	char **tables;         /* tables a learner sees */
	size_t n_tables;
	uint64_t content_hash; /* over fixture.json and every script (scripts,
							  then after_vacuum), in order */
	char *edge_sql;        /* edge.sql text (rows added to the edge dataset,
							  engine/sandbox/edge.h; not in content_hash:
							  the seeds do not change with it), NULL if none */
} fixture;

/* Load fixtures_dir/name.  NULL with err (ERROR_USAGE: unknown fixture or
 * invalid files, naming the file and field). */
fixture *fixture_load(const char *fixtures_dir, const char *name, error *err);

/* Free.  Accepts NULL. */
void fixture_free(fixture *f);

/* The scale to build f at: `asked` (--scale, PGDRILL_SCALE, a load spec's
 * scale; 0 when none is given), else f's default_scale.  A drill's own
 * limit on top of this is drill_scale (catalog/drill_scale.h). */
double fixture_scale(const fixture *f, double asked);

/* At most this many scripts in one side-by-side group (one session each). */
#define FIXTURE_GROUP_MAX 8

/* Version of the template recipe (how pgdrill builds a template).  Part of
 * every template's hash: changing the recipe rebuilds all templates. */
#define FIXTURE_RECIPE_VERSION 4  /* 3: vacuumed one build at a time, all-visible;
									4: tables vacuumed and analyzed side by side */

#endif
