/*
 * paths.h — where pgdrill keeps things on disk, and making directories.
 *
 * Cache (the private cluster): $XDG_CACHE_HOME/pgdrill, else ~/.cache/pgdrill.
 * State (progress, workspace answers): $XDG_STATE_HOME/pgdrill, else
 * ~/.local/state/pgdrill.  Catalogue: --drills/--fixtures, PGDRILL_DRILLS /
 * PGDRILL_FIXTURES, else the source tree's drills/ and fixtures/ when present
 * (a build run in place), else the installed data directory.
 * Every function returns a malloc'd string (caller frees) or NULL with err.
 */
#ifndef PGDRILL_PATHS_H
#define PGDRILL_PATHS_H

#include <stdbool.h>
#include <sys/types.h>

#include "error.h"

char *paths_cache_dir(error *err);
char *paths_state_dir(error *err);

/* The catalogue directories: `override` wins when non-NULL. */
char *paths_drills_dir(const char *override, error *err);
char *paths_fixtures_dir(const char *override, error *err);

/* mkdir -p with `mode` for the directories it creates (existing ones are
 * left alone).  ERROR_ENV on failure, naming the path and errno text. */
bool paths_mkdir_p(const char *path, mode_t mode, error *err);

/* path + "/" + name, malloc'd. */
char *paths_join(const char *dir, const char *name);

#endif
