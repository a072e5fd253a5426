/*
 * env.c — numeric settings from the environment (see env.h).
 */
#include "os/env.h"

#include <errno.h>
#include <stdlib.h>

int
env_int(const char *name, int lo, int hi, int dflt)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return dflt;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < lo || n > hi)
		return dflt;
	return (int) n;
}
