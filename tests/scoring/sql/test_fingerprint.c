/*
 * test_fingerprint.c — unit tests for scoring/sql/fingerprint.c: the same
 * query modulo formatting, comments and constants is recognised; a real
 * change is not; unparsable or hostile input is never "the same".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sql/fingerprint.h"
#include "sql/sql.h"

typedef struct same_case {
	const char *a;
	const char *b;
	bool same;
} same_case;

static const same_case cases[] = {
	{"select a from t where b = 1", "SELECT a\n  FROM t\n WHERE b = 1", true},
	{"select a from t where b = 1", "select a from t where b = 42", true},
	{"select a from t where b = 'x'", "select a from t where b = 'yy' -- c", true},
	{"select a from t where b = 1", "/* slow */ select a from t where b = 1;", true},
	{"select a from t where b = 1", "select a from t where c = 1", false},
	{"select a from t where b = 1", "select a from t where b = 1 order by a", false},
	{"select a from t join u on t.id = u.id", "select a from t left join u on t.id = u.id", false},
	{"select a from t", "selec a from t", false},
	{"select a from t", "", false},
};

static void
test_same_query(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (sql_same_query(cases[i].a, cases[i].b) != cases[i].same)
			print_error("case %zu: %s | %s\n", i, cases[i].a, cases[i].b);
		assert_int_equal(sql_same_query(cases[i].a, cases[i].b), cases[i].same);
		assert_int_equal(sql_same_query(cases[i].b, cases[i].a), cases[i].same);
	}
	assert_false(sql_same_query(NULL, "select 1"));
	assert_false(sql_same_query("select 1", NULL));
}

static void
test_fingerprint_errors(void **state)
{
	uint64_t fp = 0;
	error err = {0};

	(void) state;
	assert_true(sql_fingerprint("select 1", 8, &fp, &err));
	assert_true(fp != 0);
	assert_false(sql_fingerprint("select 1 from", 13, &fp, &err));
	assert_int_equal(err.kind, ERROR_REJECTED);
	assert_int_equal(err.position, 14);
	assert_false(sql_fingerprint("select \xff", 8, &fp, &err));
	assert_int_equal(err.kind, ERROR_REJECTED);
	assert_non_null(strstr(err.message, "UTF-8"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_query),
		cmocka_unit_test(test_fingerprint_errors),
	};
	return cmocka_run_group_tests_name("sql_fingerprint", tests, NULL, NULL);
}
