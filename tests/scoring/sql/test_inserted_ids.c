/*
 * test_inserted_ids.c — unit tests for scoring/sql/inserted_ids.c: the
 * literal ids an edge script inserts, in the three forms edge scripts use
 * (VALUES rows of INSERT INTO t (id, ...), a constant in the id position of
 * an INSERT ... SELECT's list, and a VALUES list named in the FROM of an
 * INSERT ... SELECT), with the id column anywhere, casts, zero,
 * negatives and ids past 2^31; nothing from statements or columns that are
 * not an insert's id; a script that does not parse is an error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sql/sql.h"

typedef struct ids_case {
	const char *sql;
	int n;
	const char *table;        /* of every id found */
	long long ids[4];
} ids_case;

static const ids_case cases[] = {
	{"INSERT INTO tenants (id, name) VALUES (5001, 'a'), (2000000002, 'b');", 2, "tenants",
	 {5001, 2000000002}},
	{"insert into users (name, id) values ('x', 3000000001)", 1, "users", {3000000001LL}},
	{"INSERT INTO t (id, a) VALUES (5::bigint, 1), (0, 2), (-7, 3)", 3, "t", {5, 0, -7}},
	{"INSERT INTO events (id, user_id)\n"
	 "SELECT v.id, u.id FROM (VALUES (0, 3000000001, 82), (1, 17, 82)) AS v(ord, id, user_id)\n"
	 "JOIN users u ON u.id = v.user_id ORDER BY v.ord", 2, "events", {3000000001LL, 17}},
	{"INSERT INTO orders (id, customer_id, created_at)\n"
	 "SELECT 3000000003, 103, created_at FROM orders WHERE id = 200000;\n"
	 "INSERT INTO orders (customer_id, id) SELECT 104, 4101::bigint FROM orders LIMIT 1", 2,
	 "orders", {3000000003LL, 4101}},
	{"INSERT INTO orders (id, total) SELECT id + 1, 0 FROM orders WHERE id = 7", 0, NULL, {0}},
	{"UPDATE products SET sku = 'x' WHERE id = 1234; INSERT INTO t (a) VALUES (1);", 0, NULL, {0}},
	{"INSERT INTO t (id) SELECT g FROM generate_series(1, 3) g", 0, NULL, {0}},
	{"INSERT INTO t (a, b) SELECT v.a, 1 FROM (VALUES (5, 6)) AS v(a, id)", 0, NULL, {0}},
	{"SELECT 1", 0, NULL, {0}},
};

static void
test_ids(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sql_inserted_id out[4];
		error err = {0};
		int n = sql_inserted_ids(cases[i].sql, strlen(cases[i].sql), out, 4, &err);

		if (n != cases[i].n)
			fail_msg("case %zu: %d ids, not %d (%s)", i, n, cases[i].n, err.message);
		for (int k = 0; k < n; k++) {
			assert_string_equal(out[k].table, cases[i].table);
			if (out[k].id != cases[i].ids[k])
				fail_msg("case %zu id %d: %lld, not %lld", i, k, out[k].id, cases[i].ids[k]);
		}
	}
}

static void
test_positions_and_limits(void **state)
{
	const char *sql = "-- edge\nINSERT INTO p (id, sku) VALUES\n  (5001, 'a'),\n  (5002, 'b');";
	sql_inserted_id out[1];
	error err = {0};

	(void) state;
	/* more than fit: the count of all, the first in out, at its byte */
	assert_int_equal(sql_inserted_ids(sql, strlen(sql), out, 1, &err), 2);
	assert_int_equal(out[0].id, 5001);
	assert_int_equal(out[0].position, (int) (strstr(sql, "5001") - sql) + 1);
	/* not SQL: an error with its position */
	assert_int_equal(sql_inserted_ids("INSERT INTO t (id) VALUES (", 27, out, 1, &err), -1);
	assert_int_equal(err.kind, ERROR_REJECTED);
	assert_true(err.position > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_positions_and_limits),
	};
	return cmocka_run_group_tests_name("sql_inserted_ids", tests, NULL, NULL);
}
