/*
 * digest_cache.h — the slow query's rows, digested once per key and kept in
 * the cache directory, so that a check runs only the answer's SQL for rows.
 *
 * What is cached: the result_digest (column types and names, ORDER BY key
 * columns, one 64-bit hash per row and per key) of the drill's slow query on
 * each dataset an answer is compared on (seed 1, seed 2, the edge dataset).
 * Nothing else: the slow query and the reference are still measured in
 * every check, interleaved with the answer (timing is never cached), and the
 * reference's rows are not part of a check (author verify compares them).
 *
 * The key is everything the rows can depend on, written out as text (never
 * only a hash of it): the cache format and pgdrill's version, the server
 * (its conninfo and major version), the template of every dataset (whose
 * name carries the fixture's seed, scale and content hash, which covers the
 * build recipe), the slow query's text, the drill's pinned settings, its
 * limits, and the ORDER BY key columns.  The file is named by the key's
 * hash and holds the whole key text, compared byte for byte on load, so a
 * hash collision is a miss too.  A file that does not read back completely
 * is a miss; a file is written atomically (fileio_write_atomic).  Nothing is
 * ever invalidated: a change of any part makes a new key.  Called by
 * check.c.
 */
#ifndef PGDRILL_DIGEST_CACHE_H
#define PGDRILL_DIGEST_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/drill.h"
#include "error.h"
#include "grade/compare.h"

/* Bump when the digest's hashing or this file's format changes. */
#define DIGEST_CACHE_FORMAT 1
#define DIGEST_CACHE_DATASETS 3

/* The parts of a key (all text owned by the caller; a NULL template:
 * no such dataset). */
typedef struct digest_cache_key {
	const char *version;          /* pgdrill's (PGDRILL_VERSION) */
	const char *server;           /* the server's conninfo */
	int server_version;           /* PQserverVersion */
	const char *templates[DIGEST_CACHE_DATASETS];
	const drill *d;               /* slow_sql, settings, limits */
	const int *key_cols;          /* the slow query's ORDER BY columns */
	int nkeys;
} digest_cache_key;

/* The key's text (malloc'd): every part, unambiguously delimited. */
char *digest_cache_key_text(const digest_cache_key *k);

/*
 * Load the digests stored under `key_text` from directory `dir`: true when
 * found and complete (out[i] set for each dataset stored, NULL for the
 * absent ones; caller frees), false on a miss (out untouched).
 */
bool digest_cache_load(const char *dir, const char *key_text,
					   result_digest *out[DIGEST_CACHE_DATASETS]);

/* Store them (best effort: a cache that cannot be written is no error;
 * false with err says why, for tests). */
bool digest_cache_store(const char *dir, const char *key_text,
						result_digest *const in[DIGEST_CACHE_DATASETS], error *err);

/* The cache directory: <cache dir>/digests (malloc'd), or NULL with err. */
char *digest_cache_dir(error *err);

#endif
