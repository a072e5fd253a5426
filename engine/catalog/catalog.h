/*
 * catalog.h — the drill catalogue: every drill folder under the drills
 * directory, and the concept graph (drills/concepts.json).
 *
 * `list`, `next` and `author verify --all` walk the catalogue; single-drill
 * commands use drill_load directly.  Drills are sorted by id.
 */
#ifndef PGDRILL_CATALOG_H
#define PGDRILL_CATALOG_H

#include <stddef.h>

#include "catalog/drill.h"
#include "error.h"

typedef struct concept {
	char *id;
	char *title;
	char *summary;
	char **requires;
	size_t n_requires;
} concept;

/* A theme (concepts.json "themes"): a track a learner can choose, such as
 * "internals" or "indexing".  Its concepts are known concepts, in the
 * order the file lists them; themes may share concepts.  The prerequisites
 * a theme's concepts need are not listed: the track adds them
 * (learner/track.h). */
typedef struct theme {
	char *id;
	char *title;
	char *summary;
	char **concepts;
	size_t n_concepts;
} theme;

typedef struct catalog {
	drill **drills;
	size_t n_drills;
	concept *concepts;
	size_t n_concepts;
	theme *themes;
	size_t n_themes;
} catalog;

/* The ids of the drill folders (those with a drill.json), sorted.  Caller
 * frees with meta_strings_free. */
bool catalog_drill_ids(const char *drills_dir, char ***ids, size_t *n, error *err);

/* Load every drill (with `load`: kind_load_drill for the kinds' checks)
 * and the concept graph.  Fails on the first invalid drill (naming it).
 * Free with catalog_free. */
catalog *catalog_load(const char *drills_dir, drill_loader load, error *err);
void catalog_free(catalog *c);

/* Load drills_dir/concepts.json into c->concepts and c->themes; checks
 * that ids are unique, prerequisites exist and form no cycle, and every
 * theme names at least one concept, each of them known. */
bool catalog_load_concepts(catalog *c, const char *drills_dir, error *err);

const concept *catalog_concept(const catalog *c, const char *id);
const drill *catalog_drill(const catalog *c, const char *id);
const theme *catalog_theme(const catalog *c, const char *id);

/* Whether theme t lists concept_id. */
bool catalog_theme_has(const theme *t, const char *concept_id);

#endif
