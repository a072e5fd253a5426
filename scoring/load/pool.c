/*
 * pool.c — the pool settings an answer may ask PgBouncer for, validated
 * (see load.h).  An allow-list, not a filter: two keys, three modes, an
 * integer in bounds.  The engine writes PgBouncer's configuration itself
 * (engine/pg/pgbouncer.c) from the validated struct, so no byte of the
 * answer reaches that file.  Pure.
 */
#include "load/load.h"

#include <string.h>

static const struct {
	const char *name;
	load_pool_mode mode;
} pool_modes[] = {
	{"session", LOAD_POOL_SESSION},
	{"transaction", LOAD_POOL_TRANSACTION},
	{"statement", LOAD_POOL_STATEMENT},
};

const char *
load_pool_mode_name(load_pool_mode mode)
{
	for (size_t i = 0; i < sizeof pool_modes / sizeof pool_modes[0]; i++)
		if (pool_modes[i].mode == mode)
			return pool_modes[i].name;
	return "none";
}

/* A decimal integer of at most 4 digits, nothing else. */
static bool
small_int(const char *s, int *out)
{
	size_t len = strlen(s);
	int v = 0;

	if (len == 0 || len > 4)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool
load_pool_set(load_pool *pool, const char *key, const char *value, error *err)
{
	if (strcmp(key, "pool_mode") == 0) {
		for (size_t i = 0; i < sizeof pool_modes / sizeof pool_modes[0]; i++) {
			if (strcmp(value, pool_modes[i].name) == 0) {
				pool->mode = pool_modes[i].mode;
				return true;
			}
		}
		error_set(err, ERROR_REJECTED, "pool_mode \"%.64s\" is not allowed", value);
		error_hint(err, "Use session, transaction or statement.");
		return false;
	}
	if (strcmp(key, "pool_size") == 0) {
		int v;

		if (small_int(value, &v) && v >= LOAD_POOL_SIZE_MIN && v <= LOAD_POOL_SIZE_MAX) {
			pool->size = v;
			return true;
		}
		error_set(err, ERROR_REJECTED, "pool_size \"%.64s\" is not allowed", value);
		error_hint(err, "Use a whole number from %d to %d.", LOAD_POOL_SIZE_MIN,
				   LOAD_POOL_SIZE_MAX);
		return false;
	}
	error_set(err, ERROR_REJECTED, "pool setting \"%.64s\" is not allowed", key);
	error_hint(err, "An answer may set pool_mode and pool_size, nothing else.");
	return false;
}
