/*
 * deny_list.c — the function deny-list, as data.  Derived from PostgreSQL
 * 15's pg_proc (docs/sql-analysis.md says how, and why each group is here).
 * Keep sql_denied_names sorted by strcmp (a unit test checks).
 */
#include "deny_list.h"

enum {
	G_SETTINGS,
	G_SLEEP,
	G_LOCKS,
	G_SIGNAL,
	G_FILES,
	G_LARGE_OBJECTS,
	G_REMOTE,
	G_ADMIN,
	G_DYNAMIC_SQL,
	G_SEQUENCES,
	G_NOTIFY,
};

const char *const sql_deny_groups[] = {
	[G_SETTINGS] = "it changes server settings",
	[G_SLEEP] = "it sleeps, which only wastes the grader's time",
	[G_LOCKS] = "it takes advisory locks, which can block other sessions",
	[G_SIGNAL] = "it signals or stops other server processes",
	[G_FILES] = "it reads or lists files on the server",
	[G_LARGE_OBJECTS] = "it reads or writes large objects or server files",
	[G_REMOTE] = "it connects to another server",
	[G_ADMIN] = "it is a server administration function",
	[G_DYNAMIC_SQL] = "it runs SQL given as text, which escapes the analysis",
	[G_SEQUENCES] = "it changes a sequence, which a rollback does not undo",
	[G_NOTIFY] = "it sends notifications to other sessions",
};
const size_t sql_deny_groups_n = sizeof sql_deny_groups / sizeof sql_deny_groups[0];

const sql_denied sql_denied_prefixes[] = {
	{"dblink", G_REMOTE},
	{"lo_", G_LARGE_OBJECTS},
	{"pg_advisory", G_LOCKS},
	{"pg_try_advisory", G_LOCKS},
};
const size_t sql_denied_prefixes_n =
	sizeof sql_denied_prefixes / sizeof sql_denied_prefixes[0];

const sql_denied sql_denied_names[] = {
	{"cursor_to_xml", G_DYNAMIC_SQL},
	{"nextval", G_SEQUENCES},
	{"pg_cancel_backend", G_SIGNAL},
	{"pg_ls_dir", G_FILES},
	{"pg_notify", G_NOTIFY},
	{"pg_read_binary_file", G_FILES},
	{"pg_read_file", G_FILES},
	{"pg_reload_conf", G_ADMIN},
	{"pg_sleep", G_SLEEP},
	{"pg_sleep_for", G_SLEEP},
	{"pg_sleep_until", G_SLEEP},
	{"pg_terminate_backend", G_SIGNAL},
	{"query_to_xml", G_DYNAMIC_SQL},
	{"set_config", G_SETTINGS},
	{"setval", G_SEQUENCES},
};
const size_t sql_denied_names_n = sizeof sql_denied_names / sizeof sql_denied_names[0];
