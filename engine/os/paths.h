/*
 * paths.h — where pgdrill keeps things on disk, and making directories.
 *
 * Cache (the private cluster): $XDG_CACHE_HOME/pgdrill, else ~/.cache/pgdrill.
 * State (progress, workspace answers): $XDG_STATE_HOME/pgdrill, else
 * ~/.local/state/pgdrill.  Catalogue: --drills/--fixtures, PGDRILL_DRILLS /
 * PGDRILL_FIXTURES, else the data directory (paths_data_dir).
 *
 * The data directory is decided by where the running binary is, never by
 * what happens to exist on disk: a binary inside the build directory it was
 * built in (build/pgdrill, the test programs) reads the source tree; any
 * other binary is installed and reads <root>/share/pgdrill when it sits in
 * <root>/bin (so `meson install --destdir D` and a moved installation work),
 * else the configured datadir.  An installed pgdrill never reads the build
 * machine's source tree.  docs/cli.md ("Where the catalogue comes from").
 * Every function returns a malloc'd string (caller frees) or NULL with err.
 */
#ifndef PGDRILL_PATHS_H
#define PGDRILL_PATHS_H

#include <stdbool.h>
#include <sys/types.h>

#include "error.h"

char *paths_cache_dir(error *err);
char *paths_state_dir(error *err);

/* The directory holding drills/ and fixtures/ (malloc'd; never fails:
 * whether it exists is the caller's question). */
char *paths_data_dir(void);

/* The catalogue directories: `override` wins when non-NULL.  ERROR_USAGE
 * when an override is not a directory, ERROR_ENV when the default is
 * missing. */
char *paths_drills_dir(const char *override, error *err);
char *paths_fixtures_dir(const char *override, error *err);

/* mkdir -p with `mode` for the directories it creates (existing ones are
 * left alone).  ERROR_ENV on failure, naming the path and errno text. */
bool paths_mkdir_p(const char *path, mode_t mode, error *err);

/* path + "/" + name, malloc'd. */
char *paths_join(const char *dir, const char *name);

#endif
