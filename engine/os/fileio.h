/*
 * fileio.h — whole-file reads and atomic writes.
 *
 * fileio_read reads a file (or standard input for "-") into memory with a
 * size cap, so a hostile or mistaken input cannot exhaust memory.
 * fileio_write_atomic writes to a temporary file in the same directory,
 * fsyncs it and renames it over the target: a crash leaves the old file or
 * the new one, never a torn one.  fileio_remove_tree is rm -rf (the
 * private cluster's data, load drills' temporary directories).
 */
#ifndef PGDRILL_FILEIO_H
#define PGDRILL_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "error.h"

/*
 * Read `path` ("-" = stdin) into a malloc'd, NUL-terminated buffer (the NUL
 * is not counted in *len; the data may itself contain NULs).  Files larger
 * than `max` bytes fail with ERROR_USAGE naming the limit.  Missing or
 * unreadable files fail with ERROR_USAGE naming the path.
 */
char *fileio_read(const char *path, size_t max, size_t *len, error *err);

/* Write data atomically (see above) with the given mode. ERROR_ENV on failure. */
bool fileio_write_atomic(const char *path, const char *data, size_t len,
						 mode_t mode, error *err);

bool fileio_exists(const char *path);

/* rm -rf `path` (symbolic links are removed, never followed); a missing
 * path is fine.  ERROR_ENV naming the path on failure. */
bool fileio_remove_tree(const char *path, error *err);

#endif
