/*
 * deny_list.h — the deny-list as data (deny_list.c): groups with their
 * reason, exact names sorted by strcmp, and name prefixes.  Read only by
 * deny.c; a unit test checks the names stay sorted.
 */
#ifndef PGDRILL_SQL_DENY_LIST_H
#define PGDRILL_SQL_DENY_LIST_H

#include <stddef.h>

typedef struct sql_denied {
	const char *name;
	int group;           /* index into sql_deny_groups */
	int nargs;           /* denied only with this many arguments; -1: any */
} sql_denied;

extern const char *const sql_deny_groups[];
extern const size_t sql_deny_groups_n;
extern const sql_denied sql_denied_names[];
extern const size_t sql_denied_names_n;
extern const sql_denied sql_denied_prefixes[];
extern const size_t sql_denied_prefixes_n;

#endif
