/*
 * deny.c — lookup in the function deny-list (see deny.h).  Exact names are
 * kept sorted in deny_list.c and found by binary search; a few families are
 * denied by prefix (lo_*, dblink*, pg_advisory*), so that their future
 * members are denied too.
 */
#include <stdlib.h>
#include <string.h>

#include "deny.h"
#include "deny_list.h"

static int
compare(const void *key, const void *entry)
{
	return strcmp((const char *) key, ((const sql_denied *) entry)->name);
}

const char *
sql_deny_reason(const char *name, int nargs)
{
	const sql_denied *hit;

	for (size_t i = 0; i < sql_denied_prefixes_n; i++) {
		const char *p = sql_denied_prefixes[i].name;

		if (strncmp(name, p, strlen(p)) == 0)
			return sql_deny_groups[sql_denied_prefixes[i].group];
	}
	hit = bsearch(name, sql_denied_names, sql_denied_names_n,
				  sizeof sql_denied_names[0], compare);
	if (hit == NULL || (hit->nargs >= 0 && hit->nargs != nargs))
		return NULL;
	return sql_deny_groups[hit->group];
}
