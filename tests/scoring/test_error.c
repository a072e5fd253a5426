/*
 * test_error.c — unit tests for scoring/error.c: kinds map to the documented
 * exit codes, messages truncate instead of overflowing, prefixing keeps text;
 * scoring/error_json.c: only the members that are set appear in JSON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <stdlib.h>

#include "error.h"
#include "error_json.h"

static void
test_exit_codes(void **state)
{
	(void) state;
	assert_int_equal(error_exit_code(ERROR_NONE), 0);
	assert_int_equal(error_exit_code(ERROR_FAILED), 1);
	assert_int_equal(error_exit_code(ERROR_USAGE), 2);
	assert_int_equal(error_exit_code(ERROR_REJECTED), 3);
	assert_int_equal(error_exit_code(ERROR_ENV), 4);
	assert_int_equal(error_exit_code(ERROR_INTERNAL), 4);
}

static void
test_set_and_prefix(void **state)
{
	error err;

	(void) state;
	assert_false(error_set(&err, ERROR_ENV, "cannot start %s", "cluster"));
	error_detail(&err, "port %d", 5432);
	error_hint(&err, "see %s", "log");
	error_prefix(&err, "db start: ");
	assert_int_equal(err.kind, ERROR_ENV);
	assert_string_equal(err.message, "db start: cannot start cluster");
	assert_string_equal(err.detail, "port 5432");
	assert_string_equal(err.hint, "see log");
	error_set(&err, ERROR_USAGE, "again");
	assert_string_equal(err.detail, "");
	assert_int_equal(err.position, 0);
	error_clear(&err);
	assert_int_equal(err.kind, ERROR_NONE);
	/* NULL is accepted everywhere */
	assert_false(error_set(NULL, ERROR_ENV, "x"));
	error_detail(NULL, "x");
}

static void
test_truncation(void **state)
{
	char big[4 * ERROR_MESSAGE_MAX];
	error err;

	(void) state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	error_set(&err, ERROR_USAGE, "%s", big);
	assert_int_equal(strlen(err.message), ERROR_MESSAGE_MAX - 1);
	error_prefix(&err, "p: ");
	assert_int_equal(strlen(err.message), ERROR_MESSAGE_MAX - 1);
	assert_memory_equal(err.message, "p: xxx", 6);
}

/* A bare message gives one member; a server's error gives all five. */
static void
test_json_members(void **state)
{
	error err;
	cJSON *o = cJSON_CreateObject();
	char *text;

	(void) state;
	error_set(&err, ERROR_USAGE, "bad input");
	error_json_add(o, &err);
	text = cJSON_PrintUnformatted(o);
	assert_string_equal(text, "{\"message\":\"bad input\"}");
	free(text);
	cJSON_Delete(o);

	o = cJSON_CreateObject();
	error_set(&err, ERROR_REJECTED, "syntax error");
	error_detail(&err, "near FROM");
	error_hint(&err, "add a comma");
	err.position = 12;
	memcpy(err.sqlstate, "42601", 6);
	error_json_add(o, &err);
	text = cJSON_PrintUnformatted(o);
	assert_string_equal(text, "{\"message\":\"syntax error\",\"detail\":\"near FROM\","
						"\"hint\":\"add a comma\",\"position\":12,\"sqlstate\":\"42601\"}");
	free(text);
	cJSON_Delete(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exit_codes),
		cmocka_unit_test(test_set_and_prefix),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_json_members),
	};
	return cmocka_run_group_tests_name("error", tests, NULL, NULL);
}
