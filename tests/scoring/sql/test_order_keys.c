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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
	};
	return cmocka_run_group_tests_name("sql_order_keys", tests, NULL, NULL);
}
