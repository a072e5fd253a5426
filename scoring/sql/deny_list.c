/*
 * deny_list.c — the function deny-list, as data.  Derived from PostgreSQL
 * 15's pg_proc: every volatile function, and every function whose EXECUTE
 * is revoked from PUBLIC, was reviewed (query and review notes in
 * docs/sql-analysis.md); those with an effect outside the rolled-back
 * transaction, a privilege, file or network access, a way to block or
 * signal other sessions, or a way to run SQL given as text are here, plus
 * the same kinds from common contrib modules (adminpack, dblink,
 * postgres_fdw, pg_stat_statements).  Harmless volatile functions (random,
 * clock_timestamp, gen_random_uuid, currval, size functions...) are not.
 * Keep sql_denied_names sorted by strcmp: a unit test checks.
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
	G_INTERNALS,
	G_INDEX_MAINT,
	G_DYNAMIC_SQL,
	G_SEQUENCES,
	G_NOTIFY,
};

const char *const sql_deny_groups[] = {
	[G_SETTINGS] = "it changes server settings, beyond what the grader's transaction controls",
	[G_SLEEP] = "it sleeps, which only wastes the grader's time",
	[G_LOCKS] = "it takes or releases advisory locks, which can block other sessions",
	[G_SIGNAL] = "it signals, stops or reconfigures other server processes",
	[G_FILES] = "it reads or lists files on the server",
	[G_LARGE_OBJECTS] = "it reads or writes large objects, or files through them",
	[G_REMOTE] = "it connects to another server",
	[G_ADMIN] = "it is a server administration function (WAL, backups, replication, statistics, catalogs)",
	[G_INTERNALS] = "it reveals server internals reserved to administrators",
	[G_INDEX_MAINT] = "it modifies an index outside the answer's own statements",
	[G_DYNAMIC_SQL] = "it runs SQL given as text, which escapes the analysis",
	[G_SEQUENCES] = "it changes a sequence, which a rollback does not undo",
	[G_NOTIFY] = "it sends notifications to other sessions",
};
const size_t sql_deny_groups_n = sizeof sql_deny_groups / sizeof sql_deny_groups[0];

/* Families denied by name prefix, so that all their members are. */
const sql_denied sql_denied_prefixes[] = {
	{"binary_upgrade_", G_ADMIN, -1},
	{"dblink", G_REMOTE, -1},
	{"lo_", G_LARGE_OBJECTS, -1},
	{"pg_advisory_", G_LOCKS, -1},
	{"pg_try_advisory_", G_LOCKS, -1},
	{"pg_ls_", G_FILES, -1},
	{"pg_logical_slot_", G_ADMIN, -1},
	{"pg_replication_origin_", G_ADMIN, -1},
	{"pg_stat_reset", G_ADMIN, -1},
	{"postgres_fdw_", G_REMOTE, -1},
};
const size_t sql_denied_prefixes_n =
	sizeof sql_denied_prefixes / sizeof sql_denied_prefixes[0];

const sql_denied sql_denied_names[] = {
	{"brin_desummarize_range", G_INDEX_MAINT, -1},
	{"brin_summarize_new_values", G_INDEX_MAINT, -1},
	{"brin_summarize_range", G_INDEX_MAINT, -1},
	{"cursor_to_xml", G_DYNAMIC_SQL, -1},
	{"cursor_to_xmlschema", G_DYNAMIC_SQL, -1},
	{"gin_clean_pending_list", G_INDEX_MAINT, -1},
	{"loread", G_LARGE_OBJECTS, -1},
	{"lowrite", G_LARGE_OBJECTS, -1},
	{"nextval", G_SEQUENCES, -1},
	{"pg_backup_start", G_ADMIN, -1},
	{"pg_backup_stop", G_ADMIN, -1},
	{"pg_cancel_backend", G_SIGNAL, -1},
	{"pg_config", G_INTERNALS, -1},
	{"pg_copy_logical_replication_slot", G_ADMIN, -1},
	{"pg_copy_physical_replication_slot", G_ADMIN, -1},
	{"pg_create_logical_replication_slot", G_ADMIN, -1},
	{"pg_create_physical_replication_slot", G_ADMIN, -1},
	{"pg_create_restore_point", G_ADMIN, -1},
	{"pg_current_logfile", G_FILES, -1},
	{"pg_drop_replication_slot", G_ADMIN, -1},
	{"pg_extension_config_dump", G_ADMIN, -1},
	{"pg_file_rename", G_FILES, -1},
	{"pg_file_sync", G_FILES, -1},
	{"pg_file_unlink", G_FILES, -1},
	{"pg_file_write", G_FILES, -1},
	{"pg_get_backend_memory_contexts", G_INTERNALS, -1},
	{"pg_get_shmem_allocations", G_INTERNALS, -1},
	{"pg_hba_file_rules", G_FILES, -1},
	{"pg_ident_file_mappings", G_FILES, -1},
	{"pg_import_system_collations", G_ADMIN, -1},
	{"pg_log_backend_memory_contexts", G_SIGNAL, -1},
	{"pg_logdir_ls", G_FILES, -1},
	{"pg_logical_emit_message", G_ADMIN, -1},
	{"pg_notify", G_NOTIFY, -1},
	{"pg_promote", G_SIGNAL, -1},
	{"pg_read_binary_file", G_FILES, -1},
	{"pg_read_file", G_FILES, -1},
	{"pg_read_file_old", G_FILES, -1},
	{"pg_reload_conf", G_SIGNAL, -1},
	{"pg_replication_slot_advance", G_ADMIN, -1},
	{"pg_rotate_logfile", G_SIGNAL, -1},
	{"pg_rotate_logfile_old", G_SIGNAL, -1},
	{"pg_show_all_file_settings", G_FILES, -1},
	{"pg_show_replication_origin_status", G_INTERNALS, -1},
	{"pg_sleep", G_SLEEP, -1},
	{"pg_sleep_for", G_SLEEP, -1},
	{"pg_sleep_until", G_SLEEP, -1},
	{"pg_start_backup", G_ADMIN, -1},
	{"pg_stat_file", G_FILES, -1},
	{"pg_stat_have_stats", G_INTERNALS, -1},
	{"pg_stat_statements_reset", G_ADMIN, -1},
	{"pg_stop_backup", G_ADMIN, -1},
	{"pg_stop_making_pinned_objects", G_ADMIN, -1},
	{"pg_switch_wal", G_ADMIN, -1},
	{"pg_terminate_backend", G_SIGNAL, -1},
	{"pg_wal_replay_pause", G_SIGNAL, -1},
	{"pg_wal_replay_resume", G_SIGNAL, -1},
	{"query_to_xml", G_DYNAMIC_SQL, -1},
	{"query_to_xml_and_xmlschema", G_DYNAMIC_SQL, -1},
	{"query_to_xmlschema", G_DYNAMIC_SQL, -1},
	{"set_config", G_SETTINGS, -1},
	{"setval", G_SEQUENCES, -1},
	{"ts_rewrite", G_DYNAMIC_SQL, 2},   /* ts_rewrite(tsquery, query text) */
	{"ts_stat", G_DYNAMIC_SQL, -1},
};
const size_t sql_denied_names_n = sizeof sql_denied_names / sizeof sql_denied_names[0];
