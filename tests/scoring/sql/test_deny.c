/*
 * test_deny.c — unit tests for the function deny-list (scoring/sql/deny.c,
 * deny_list.c): the names stay sorted (binary search depends on it), every
 * function PostgreSQL 15 revokes from PUBLIC is denied, the named
 * families are denied, harmless volatile functions are not, and a
 * form-specific entry (ts_rewrite) is denied in that form only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sql/deny.h"
#include "sql/deny_list.h"

static void
test_sorted_and_grouped(void **state)
{
	(void) state;
	assert_true(sql_denied_names_n > 50);
	for (size_t i = 1; i < sql_denied_names_n; i++) {
		if (strcmp(sql_denied_names[i - 1].name, sql_denied_names[i].name) >= 0)
			print_error("not sorted: %s, %s\n", sql_denied_names[i - 1].name,
						sql_denied_names[i].name);
		assert_true(strcmp(sql_denied_names[i - 1].name, sql_denied_names[i].name) < 0);
	}
	for (size_t i = 0; i < sql_denied_names_n; i++) {
		assert_true(sql_denied_names[i].group >= 0);
		assert_true((size_t) sql_denied_names[i].group < sql_deny_groups_n);
	}
	for (size_t i = 0; i < sql_denied_prefixes_n; i++)
		assert_true((size_t) sql_denied_prefixes[i].group < sql_deny_groups_n);
}

/* SELECT proname FROM pg_proc WHERE proacl IS NOT NULL (PostgreSQL 15.x):
 * what the server itself keeps from ordinary roles. */
static const char *const revoked_from_public[] = {
	"lo_export", "lo_import", "pg_backup_start", "pg_backup_stop", "pg_config",
	"pg_create_restore_point", "pg_current_logfile",
	"pg_get_backend_memory_contexts", "pg_get_shmem_allocations",
	"pg_hba_file_rules", "pg_ident_file_mappings",
	"pg_log_backend_memory_contexts", "pg_ls_archive_statusdir", "pg_ls_dir",
	"pg_ls_logdir", "pg_ls_logicalmapdir", "pg_ls_logicalsnapdir",
	"pg_ls_replslotdir", "pg_ls_tmpdir", "pg_ls_waldir", "pg_promote",
	"pg_read_binary_file", "pg_read_file", "pg_reload_conf",
	"pg_replication_origin_advance", "pg_replication_origin_create",
	"pg_replication_origin_drop", "pg_replication_origin_oid",
	"pg_replication_origin_progress", "pg_replication_origin_session_is_setup",
	"pg_replication_origin_session_progress", "pg_replication_origin_session_reset",
	"pg_replication_origin_session_setup", "pg_replication_origin_xact_reset",
	"pg_replication_origin_xact_setup", "pg_rotate_logfile",
	"pg_show_all_file_settings", "pg_show_replication_origin_status",
	"pg_stat_file", "pg_stat_have_stats", "pg_stat_reset",
	"pg_stat_reset_replication_slot", "pg_stat_reset_shared",
	"pg_stat_reset_single_function_counters", "pg_stat_reset_single_table_counters",
	"pg_stat_reset_slru", "pg_stat_reset_subscription_stats", "pg_switch_wal",
	"pg_wal_replay_pause", "pg_wal_replay_resume",
};

/* Named in the issue, plus families by prefix. */
static const char *const named[] = {
	"set_config", "pg_sleep", "pg_sleep_for", "pg_sleep_until",
	"pg_advisory_lock", "pg_advisory_xact_lock_shared", "pg_try_advisory_lock",
	"pg_advisory_unlock_all", "pg_notify", "pg_terminate_backend",
	"pg_cancel_backend", "pg_read_file", "pg_ls_dir", "lo_unlink", "lo_from_bytea",
	"loread", "lowrite", "dblink", "dblink_exec", "dblink_connect",
	"pg_reload_conf", "nextval", "setval", "query_to_xml", "cursor_to_xml",
	"ts_stat", "pg_logical_slot_get_changes", "pg_create_logical_replication_slot",
	"binary_upgrade_set_next_pg_type_oid", "pg_file_write", "brin_summarize_range",
	"gin_clean_pending_list",
};

/* Volatile, or look-alike names, but harmless: allowed. */
static const char *const allowed[] = {
	"random", "clock_timestamp", "now", "timeofday", "gen_random_uuid",
	"currval", "lastval", "lower", "count", "pg_relation_size",
	"pg_total_relation_size", "pg_database_size", "txid_current",
	"current_setting", "pg_backend_pid", "lo", "load", "pg_sleepy", "sleep",
	"pg_stat_get_xact_numscans", "to_tsvector", "xpath", "table_to_xml",
	"array_agg", "generate_series", "pg_typeof", "",
};

static void
test_denied(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof revoked_from_public / sizeof revoked_from_public[0]; i++) {
		if (sql_deny_reason(revoked_from_public[i], 1) == NULL)
			print_error("%s is not denied\n", revoked_from_public[i]);
		assert_non_null(sql_deny_reason(revoked_from_public[i], 1));
	}
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (sql_deny_reason(named[i], 1) == NULL)
			print_error("%s is not denied\n", named[i]);
		assert_non_null(sql_deny_reason(named[i], 1));
	}
	assert_string_equal(sql_deny_reason("pg_sleep", 1),
						"it sleeps, which only wastes the grader's time");
}

static void
test_allowed(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
		if (sql_deny_reason(allowed[i], 1) != NULL)
			print_error("%s is denied\n", allowed[i]);
		assert_null(sql_deny_reason(allowed[i], 1));
	}
}

static void
test_form_specific(void **state)
{
	(void) state;
	/* ts_rewrite(query, 'SELECT ...') runs the query; the 3-argument form
	 * only rewrites a tsquery */
	assert_non_null(sql_deny_reason("ts_rewrite", 2));
	assert_null(sql_deny_reason("ts_rewrite", 3));
	/* unquoted names are folded by the parser: a quoted upper-case name is
	 * another function, which cannot exist in a drill database */
	assert_null(sql_deny_reason("PG_SLEEP", 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sorted_and_grouped),
		cmocka_unit_test(test_denied),
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_form_specific),
	};
	return cmocka_run_group_tests_name("sql_deny", tests, NULL, NULL);
}
