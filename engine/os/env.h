/*
 * env.h — numeric settings read from the environment (PGDRILL_POOL,
 * PGDRILL_KEEPER_IDLE): one rule for all of them, so that a typo never
 * turns a feature off or into something unbounded — a value that is not
 * a whole number within its range is ignored and the default holds.
 */
#ifndef PGDRILL_ENV_H
#define PGDRILL_ENV_H

/* The integer in environment variable `name` when it is one from lo to hi
 * (decimal, nothing after it); else `dflt` (also when unset or empty). */
int env_int(const char *name, int lo, int hi, int dflt);

#endif
