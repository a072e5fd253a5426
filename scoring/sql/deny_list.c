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
	{"binary_upgrade_", G_ADMIN},
	{"dblink", G_REMOTE},
	{"lo_", G_LARGE_OBJECTS},
	{"pg_advisory_", G_LOCKS},
	{"pg_try_advisory_", G_LOCKS},
	{"pg_ls_", G_FILES},
	{"pg_logical_slot_", G_ADMIN},
	{"pg_replication_origin_", G_ADMIN},
	{"pg_stat_reset", G_ADMIN},
	{"postgres_fdw_", G_REMOTE},
};
const size_t sql_denied_prefixes_n =
	sizeof sql_denied_prefixes / sizeof sql_denied_prefixes[0];

const sql_denied sql_denied_names[] = {
	{"brin_desummarize_range", G_INDEX_MAINT},
	{"brin_summarize_new_values", G_INDEX_MAINT},
	{"brin_summarize_range", G_INDEX_MAINT},
	{"cursor_to_xml", G_DYNAMIC_SQL},
	{"cursor_to_xmlschema", G_DYNAMIC_SQL},
	{"gin_clean_pending_list", G_INDEX_MAINT},
	{"loread", G_LARGE_OBJECTS},
	{"lowrite", G_LARGE_OBJECTS},
	{"nextval", G_SEQUENCES},
	{"pg_backup_start", G_ADMIN},
	{"pg_backup_stop", G_ADMIN},
	{"pg_cancel_backend", G_SIGNAL},
	{"pg_config", G_INTERNALS},
	{"pg_copy_logical_replication_slot", G_ADMIN},
	{"pg_copy_physical_replication_slot", G_ADMIN},
	{"pg_create_logical_replication_slot", G_ADMIN},
	{"pg_create_physical_replication_slot", G_ADMIN},
	{"pg_create_restore_point", G_ADMIN},
	{"pg_current_logfile", G_FILES},
	{"pg_drop_replication_slot", G_ADMIN},
	{"pg_extension_config_dump", G_ADMIN},
	{"pg_file_rename", G_FILES},
	{"pg_file_sync", G_FILES},
	{"pg_file_unlink", G_FILES},
	{"pg_file_write", G_FILES},
	{"pg_get_backend_memory_contexts", G_INTERNALS},
	{"pg_get_shmem_allocations", G_INTERNALS},
	{"pg_hba_file_rules", G_FILES},
	{"pg_ident_file_mappings", G_FILES},
	{"pg_import_system_collations", G_ADMIN},
	{"pg_log_backend_memory_contexts", G_SIGNAL},
	{"pg_logdir_ls", G_FILES},
	{"pg_logical_emit_message", G_ADMIN},
	{"pg_notify", G_NOTIFY},
	{"pg_promote", G_SIGNAL},
	{"pg_read_binary_file", G_FILES},
	{"pg_read_file", G_FILES},
	{"pg_read_file_old", G_FILES},
	{"pg_reload_conf", G_SIGNAL},
	{"pg_replication_slot_advance", G_ADMIN},
	{"pg_rotate_logfile", G_SIGNAL},
	{"pg_rotate_logfile_old", G_SIGNAL},
	{"pg_show_all_file_settings", G_FILES},
	{"pg_show_replication_origin_status", G_INTERNALS},
	{"pg_sleep", G_SLEEP},
	{"pg_sleep_for", G_SLEEP},
	{"pg_sleep_until", G_SLEEP},
	{"pg_start_backup", G_ADMIN},
	{"pg_stat_file", G_FILES},
	{"pg_stat_statements_reset", G_ADMIN},
	{"pg_stop_backup", G_ADMIN},
	{"pg_stop_making_pinned_objects", G_ADMIN},
	{"pg_switch_wal", G_ADMIN},
	{"pg_terminate_backend", G_SIGNAL},
	{"pg_wal_replay_pause", G_SIGNAL},
	{"pg_wal_replay_resume", G_SIGNAL},
	{"query_to_xml", G_DYNAMIC_SQL},
	{"query_to_xml_and_xmlschema", G_DYNAMIC_SQL},
	{"query_to_xmlschema", G_DYNAMIC_SQL},
	{"set_config", G_SETTINGS},
	{"setval", G_SEQUENCES},
	{"ts_rewrite", G_DYNAMIC_SQL},
	{"ts_stat", G_DYNAMIC_SQL},
};
const size_t sql_denied_names_n = sizeof sql_denied_names / sizeof sql_denied_names[0];
