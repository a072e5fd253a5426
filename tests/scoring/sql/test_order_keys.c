/*
 * test_order_keys.c — unit tests for scoring/sql/order_keys.c: ORDER BY keys
 * mapped to output columns (ordinals, aliases, names, expressions, set
 * operations), and the cases that must answer "unknown" (-1) so comparison
 * stays strict: keys not selected, keys behind `*`, unparsable input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sql/sql.h"

typedef struct key_case {
	const char *sql;
	int n;                 /* expected result */
	int cols[4];
} key_case;

static const key_case cases[] = {
	{"SELECT a, b FROM t", 0, {0}},
	{"SELECT a, b FROM t ORDER BY b", 1, {1}},
	{"SELECT a, b FROM t ORDER BY 2, 1", 2, {1, 0}},
	{"SELECT a, b AS x FROM t ORDER BY x DESC, a", 2, {1, 0}},
	{"SELECT t.a, t.b FROM t ORDER BY b", 1, {1}},
	{"SELECT t.a, t.b FROM t ORDER BY t.b", 1, {1}},
	{"SELECT a, lower(c) FROM t ORDER BY lower(c)", 1, {1}},
	{"SELECT a, lower(c) FROM t ORDER BY lower(  c  ) NULLS LAST", 1, {1}},
	{"SELECT a, b + 1 FROM t ORDER BY b + 1", 1, {1}},
	{"SELECT id, count(*) FROM t GROUP BY id ORDER BY count(*) DESC, id", 2, {1, 0}},
	{"SELECT a, b FROM t UNION SELECT c, d FROM u ORDER BY 2", 1, {1}},
	{"SELECT a AS k, b FROM t UNION ALL SELECT c, d FROM u ORDER BY k", 1, {0}},
	{"WITH w AS (SELECT 1 AS z) SELECT z FROM w ORDER BY z", 1, {0}},
	/* an ORDER BY inside a subquery does not count */
	{"SELECT * FROM (SELECT a FROM t ORDER BY a) s", 0, {0}},
	/* unknown: not an output column, behind a star, out of range */
	{"SELECT a, b FROM t ORDER BY c", -1, {0}},
	{"SELECT a FROM t ORDER BY lower(a)", -1, {0}},
	{"SELECT * FROM t ORDER BY a", -1, {0}},
	{"SELECT *, a FROM t ORDER BY 2", -1, {0}},
	{"SELECT a, * FROM t ORDER BY 1", 1, {0}},
	{"SELECT a FROM t ORDER BY 3", -1, {0}},
	{"SELEC a FROM t ORDER BY 1", -1, {0}},
	{"SELECT a, b FROM t ORDER BY b, c", -1, {0}},
};

static void
test_cases(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int *cols = NULL;
		int n = sql_order_key_columns(cases[i].sql, strlen(cases[i].sql), &cols);

		if (n != cases[i].n)
			fail_msg("case %zu (%s): %d keys, expected %d", i, cases[i].sql, n, cases[i].n);
		for (int k = 0; k < n; k++)
			if (cols[k] != cases[i].cols[k])
				fail_msg("case %zu (%s): key %d is column %d, expected %d", i,
						 cases[i].sql, k, cols[k], cases[i].cols[k]);
		if (n <= 0)
			assert_null(cols);
		free(cols);
	}
}

/* sql_order_keys: columns with their tables (aliases resolved); whether
 * they are total is test_order_total.c's. */
static void
test_total_order(void **state)
{
	const char *sql = "SELECT o.id FROM orders o JOIN items i ON i.oid = o.id\n"
		"ORDER BY o.created_at, i.line, lower(o.note), sku LIMIT 5";
	sql_order_key *keys = NULL;
	int n;

	(void) state;
	n = sql_order_keys(sql, strlen(sql), &keys);
	assert_int_equal(n, 4);
	assert_string_equal(keys[0].relation, "orders");
	assert_string_equal(keys[0].column, "created_at");
	assert_int_equal(keys[0].position, 65);
	assert_string_equal(keys[1].relation, "items");
	assert_string_equal(keys[1].column, "line");
	assert_null(keys[2].column);           /* an expression */
	assert_null(keys[2].relation);
	assert_string_equal(keys[3].column, "sku");
	assert_null(keys[3].relation);         /* unqualified in a join */
	sql_order_keys_free(keys, n);

	/* one table: unqualified keys are its columns */
	sql = "SELECT * FROM orders ORDER BY id DESC";
	n = sql_order_keys(sql, strlen(sql), &keys);
	assert_int_equal(n, 1);
	assert_string_equal(keys[0].relation, "orders");
	assert_string_equal(keys[0].column, "id");
	sql_order_keys_free(keys, n);

	assert_int_equal(sql_order_keys("SELECT 1", 8, &keys), 0);
	sql_order_keys_free(keys, 0);
	assert_int_equal(sql_order_keys("SELEC", 5, &keys), -1);
	assert_null(keys);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_total_order),
	};
	return cmocka_run_group_tests_name("sql_order_keys", tests, NULL, NULL);
}
