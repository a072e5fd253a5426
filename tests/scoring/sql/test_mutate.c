/*
 * test_mutate.c — unit tests for the mutation generator (scoring/sql/
 * mutate*.c): every operator fires on a real statement and yields the
 * expected SQL, and stays quiet where its mutant could only mean the same;
 * ids are stable and numbered per operator in text order; every mutant
 * parses, none equals the source or another; the cap; date arithmetic
 * across month, year and leap-day edges; errors on bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/mutate.h"
#include "sql/sql.h"

#define ALL_PREP (SQL_ALLOW_CREATE_INDEX | SQL_ALLOW_CREATE_MATVIEW)

typedef struct fires_case {
	const char *op;
	const char *sql;
	const char *mutant;      /* one mutant of that operator must be exactly this */
} fires_case;

static const fires_case fires[] = {
	{"relop", "SELECT a FROM t WHERE a < 5", "SELECT a FROM t WHERE a <= 5"},
	{"relop", "SELECT a FROM t WHERE a >= 5", "SELECT a FROM t WHERE a > 5"},
	{"relop", "SELECT a FROM t WHERE a = 5", "SELECT a FROM t WHERE a <> 5"},
	{"relop", "SELECT a FROM t WHERE a != 5", "SELECT a FROM t WHERE a = 5"},
	{"boundary", "SELECT a FROM t WHERE a > 41", "SELECT a FROM t WHERE a > 42"},
	{"boundary", "SELECT a FROM t WHERE a > 0", "SELECT a FROM t WHERE a > (-1)"},
	{"boundary", "SELECT a FROM t WHERE d < '2024-03-01'",
	 "SELECT a FROM t WHERE d < '2024-02-29'"},
	{"boundary", "SELECT a FROM t WHERE d < '2024-03-16'",
	 "SELECT a FROM t WHERE d < '2024-03-15 23:59:59.999999'"},
	{"boundary", "SELECT a FROM t WHERE d <= '2024-12-31 23:59:59'",
	 "SELECT a FROM t WHERE d <= '2025-01-01 00:00:00'"},
	{"boundary", "SELECT a FROM t WHERE d < date '2024-01-01'",
	 "SELECT a FROM t WHERE d < date '2023-12-31'"},
	{"boundary", "SELECT a FROM t WHERE d < '2024-02-28'::date",
	 "SELECT a FROM t WHERE d < '2024-02-29'::date"},
	{"between", "SELECT a FROM t WHERE d BETWEEN 1 AND 9 AND b = 2",
	 "SELECT a FROM t WHERE d >= 1 AND d < 9 AND b = 2"},
	{"join-type", "SELECT a FROM t JOIN u ON u.id = t.uid",
	 "SELECT a FROM t LEFT JOIN u ON u.id = t.uid"},
	{"join-type", "SELECT a FROM t LEFT OUTER JOIN u ON u.id = t.uid",
	 "SELECT a FROM t JOIN u ON u.id = t.uid"},
	{"join-type", "SELECT a FROM t LEFT JOIN u ON u.id = t.uid",
	 "SELECT a FROM t RIGHT JOIN u ON u.id = t.uid"},
	{"join-type", "SELECT a FROM t RIGHT JOIN u USING (id)",
	 "SELECT a FROM t LEFT JOIN u USING (id)"},
	{"not-in", "SELECT a FROM t WHERE a NOT IN (SELECT b FROM u)",
	 "SELECT a FROM t WHERE NOT EXISTS (SELECT FROM (SELECT b FROM u) AS "
	 "pgdrill_m(pgdrill_v) WHERE pgdrill_v = a)"},
	{"not-in", "SELECT a FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.b = t.a AND u.c > 0)",
	 "SELECT a FROM t WHERE NOT t.a IN (SELECT u.b FROM u WHERE TRUE AND u.c > 0)"},
	{"in-exists", "SELECT a, a IN (SELECT b FROM u) FROM t",
	 "SELECT a, EXISTS (SELECT FROM (SELECT b FROM u) AS pgdrill_m(pgdrill_v) WHERE "
	 "pgdrill_v = a) FROM t"},
	{"distinct", "SELECT DISTINCT a FROM t", "SELECT a FROM t"},
	{"distinct", "SELECT a, b FROM t JOIN u ON u.id = t.uid",
	 "SELECT DISTINCT a, b FROM t JOIN u ON u.id = t.uid"},
	{"count", "SELECT c.id, count(*) FROM c LEFT JOIN o ON o.cid = c.id GROUP BY c.id",
	 "SELECT c.id, count(o.cid) FROM c LEFT JOIN o ON o.cid = c.id GROUP BY c.id"},
	{"count", "SELECT count(b) FROM t", "SELECT count(*) FROM t"},
	{"count", "SELECT count(b) FROM t", "SELECT count(DISTINCT b) FROM t"},
	{"count", "SELECT count(DISTINCT b) FROM t", "SELECT count(b) FROM t"},
	{"min-max", "SELECT min(b) FROM t", "SELECT max(b) FROM t"},
	{"drop-conjunct", "SELECT a FROM t WHERE a > 1 AND b < 2 ORDER BY a",
	 "SELECT a FROM t WHERE a > 1  ORDER BY a"},
	{"drop-conjunct", "SELECT a FROM t WHERE (a > 1 OR c) AND b < 2",
	 "SELECT a FROM t WHERE b < 2"},
	{"drop-conjunct", "SELECT a FROM t WHERE a > 1", "SELECT a FROM t WHERE TRUE"},
	{"drop-conjunct", "SELECT a FROM t JOIN u ON u.id = t.uid AND u.x = 1",
	 "SELECT a FROM t JOIN u ON u.id = t.uid "},
	{"drop-conjunct", "SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1 AND a > 0",
	 "SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1 "},
	{"order-key", "SELECT a, b FROM t ORDER BY a, b LIMIT 5", "SELECT a, b FROM t ORDER BY a LIMIT 5"},
	{"order-key", "SELECT a, b FROM t ORDER BY a, b LIMIT 5", "SELECT a, b FROM t ORDER BY b LIMIT 5"},
	{"order-direction", "SELECT a FROM t ORDER BY a DESC", "SELECT a FROM t ORDER BY a ASC"},
	{"order-direction", "SELECT a FROM t ORDER BY a", "SELECT a FROM t ORDER BY a DESC"},
	{"order-direction", "SELECT a FROM t ORDER BY a NULLS FIRST",
	 "SELECT a FROM t ORDER BY a DESC NULLS FIRST"},
	{"order-nulls", "SELECT a FROM t ORDER BY a DESC NULLS LAST",
	 "SELECT a FROM t ORDER BY a DESC NULLS FIRST"},
	{"group-key", "SELECT count(*) FROM t GROUP BY a, b", "SELECT count(*) FROM t GROUP BY a"},
	{"group-key", "SELECT count(*) FROM t GROUP BY a", "SELECT count(*) FROM t "},
	{"union", "SELECT a FROM t UNION SELECT b FROM u", "SELECT a FROM t UNION ALL SELECT b FROM u"},
	{"union", "SELECT a FROM t UNION ALL SELECT b FROM u", "SELECT a FROM t UNION SELECT b FROM u"},
	{"drop-function", "SELECT a FROM t WHERE lower(e) = 'x'", "SELECT a FROM t WHERE (e) = 'x'"},
	{"drop-function", "SELECT upper(e) FROM t", "SELECT (e) FROM t"},
	{"drop-function", "SELECT coalesce(a, b, 0) FROM t", "SELECT (a) FROM t"},
	{"drop-cast", "SELECT a FROM t WHERE id::int = 5", "SELECT a FROM t WHERE id = 5"},
	{"drop-cast", "SELECT a FROM t WHERE ts::timestamp with time zone > now()",
	 "SELECT a FROM t WHERE ts > now()"},
	{"drop-cast", "SELECT CAST(a AS numeric(10, 2)) FROM t", "SELECT (a ) FROM t"},
	{"timestamp-zone", "SELECT a FROM t WHERE ts < timestamptz '2024-03-15 00:00+02'",
	 "SELECT a FROM t WHERE ts < timestamp '2024-03-15 00:00+02'"},
	{"timestamp-zone", "SELECT a FROM t WHERE ts < '2024-03-15 12:00 UTC'::timestamp",
	 "SELECT a FROM t WHERE ts < '2024-03-15 12:00 UTC'::timestamptz"},
	{"division", "SELECT a / b FROM t", "SELECT a / b::numeric FROM t"},
	{"division", "SELECT sum(a) / 3 FROM t", "SELECT sum(a) / 3::numeric FROM t"},
	/* a materialized view's query is mutated; the SELECT after it too */
	{"relop", "CREATE MATERIALIZED VIEW mv AS SELECT a FROM t WHERE a > 1;\nSELECT a FROM mv",
	 "CREATE MATERIALIZED VIEW mv AS SELECT a FROM t WHERE a >= 1;\nSELECT a FROM mv"},
};

typedef struct quiet_case {
	const char *op;
	const char *sql;
} quiet_case;

/* Where a mutant could only mean the same (or is no query edit at all). */
static const quiet_case quiet[] = {
	{"relop", "SELECT a FROM t WHERE a LIKE 'x%'"},
	{"relop", "SELECT a + 1 FROM t"},
	{"boundary", "SELECT a FROM t ORDER BY 1 LIMIT 10 OFFSET 5"},
	{"boundary", "SELECT count(*) FROM t GROUP BY 1"},
	{"boundary", "SELECT 1, 'x' FROM t"},
	{"boundary", "SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.uid)"},
	{"boundary", "SELECT a::numeric(10, 2) FROM t"},
	{"boundary", "SELECT a FROM t WHERE s = 'not a date'"},
	{"boundary", "SELECT a FROM t WHERE s = '2024-13-01'"},
	{"boundary", "SELECT a FROM t WHERE s = '2023-02-29'"},
	{"boundary", "SELECT a FROM t WHERE a = 1.5"},
	{"between", "SELECT a FROM t WHERE a NOT BETWEEN 1 AND 2"},
	{"join-type", "SELECT a FROM t CROSS JOIN u"},
	{"join-type", "SELECT a FROM t, u WHERE t.id = u.tid"},
	{"join-type", "SELECT a FROM t FULL JOIN u ON u.id = t.uid"},
	{"in-exists", "SELECT a FROM t WHERE a IN (SELECT b FROM u)"},
	{"in-exists", "SELECT a FROM t WHERE a > 0 AND (a IN (SELECT b FROM u) OR c)"},
	{"in-exists", "SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.b = t.a)"},
	{"in-exists", "SELECT a FROM t WHERE a IN (1, 2, 3)"},
	{"not-in", "SELECT a FROM t WHERE a NOT IN (1, 2)"},
	{"not-in", "SELECT a FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.b > 0)"},
	{"distinct", "SELECT a FROM t UNION SELECT b FROM u"},
	{"distinct", "SELECT count(*), max(a) FROM t"},
	{"distinct", "SELECT a, count(*) FROM t GROUP BY a"},
	{"distinct", "SELECT id, total FROM orders WHERE total > 5"},
	{"distinct", "SELECT count(*) FROM t WHERE b IN (SELECT DISTINCT c FROM u)"},
	{"distinct", "SELECT DISTINCT ON (a) a, b FROM t ORDER BY a, b"},
	{"count", "SELECT count(*) FROM t JOIN u ON u.id = t.uid"},
	{"count", "SELECT sum(a), avg(b) FROM t"},
	{"min-max", "SELECT pg_catalog.min_scale(a) FROM t"},
	{"drop-conjunct", "SELECT a FROM t JOIN u ON u.id = t.uid"},
	{"drop-conjunct", "SELECT a FROM t, u WHERE t.id = u.tid"},
	{"drop-conjunct", "SELECT a FROM t"},
	{"order-key", "SELECT a FROM (SELECT a FROM t ORDER BY a, b) s"},
	{"order-key", "SELECT a FROM t ORDER BY a"},
	{"order-direction", "SELECT a FROM t WHERE b IN (SELECT c FROM u ORDER BY c)"},
	{"order-direction", "SELECT a FROM t ORDER BY a USING <"},
	{"order-nulls", "SELECT a FROM t ORDER BY a DESC"},
	{"group-key", "SELECT a, count(*) FROM t GROUP BY a"},
	{"group-key", "SELECT a, b, count(*) FROM t GROUP BY 1, 2"},
	{"union", "SELECT a FROM t INTERSECT SELECT b FROM u"},
	{"drop-function", "SELECT lower('ABC'), length(a) FROM t"},
	{"drop-cast", "SELECT a FROM t WHERE d > '2024-01-01'::date"},
	{"timestamp-zone", "SELECT a FROM t WHERE ts < timestamptz '2024-03-15 00:00'"},
	{"timestamp-zone", "SELECT a FROM t WHERE ts < '2024-03-15'::date"},
	{"division", "SELECT a / 2.0, a * b, a::numeric / b FROM t"},
	/* index statements never change rows: not mutated */
	{"boundary", "CREATE INDEX ON t (a) WHERE a > 5;\nSELECT b FROM t WHERE b = 'x'"},
};

static const sql_mutant *
find_mutant(const sql_mutants *m, const char *op, const char *sql)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->items[i].op, op) == 0 && (sql == NULL || strcmp(m->items[i].sql, sql) == 0))
			return &m->items[i];
	return NULL;
}

static void
dump(const sql_mutants *m)
{
	for (size_t i = 0; i < m->n; i++)
		print_message("  %s: %s\n", m->items[i].id, m->items[i].sql);
}

static void
test_every_operator_fires(void **state)
{
	size_t nops;
	const char *const *ops = sql_mutation_operators(&nops);

	(void) state;
	for (size_t i = 0; i < sizeof fires / sizeof fires[0]; i++) {
		sql_mutants *m = NULL;
		error err = {0};
		const sql_mutant *found;

		assert_true(sql_mutate(fires[i].sql, strlen(fires[i].sql), 0, &m, &err));
		found = find_mutant(m, fires[i].op, fires[i].mutant);
		if (found == NULL) {
			dump(m);
			fail_msg("%s did not give \"%s\" for \"%s\"", fires[i].op, fires[i].mutant,
					 fires[i].sql);
		}
		assert_true(found->position >= 1 && (size_t) found->position <= strlen(fires[i].sql));
		assert_non_null(found->what);
		assert_true(strncmp(found->id, found->op, strlen(found->op)) == 0);
		sql_mutants_free(m);
	}
	/* and every operator is covered by the table */
	for (size_t k = 0; k < nops; k++) {
		bool covered = false;

		for (size_t i = 0; i < sizeof fires / sizeof fires[0]; i++)
			covered = covered || strcmp(fires[i].op, ops[k]) == 0;
		if (!covered)
			fail_msg("operator %s has no firing case", ops[k]);
	}
}

static void
test_quiet(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++) {
		sql_mutants *m = NULL;
		error err = {0};

		assert_true(sql_mutate(quiet[i].sql, strlen(quiet[i].sql), 0, &m, &err));
		if (find_mutant(m, quiet[i].op, NULL)) {
			dump(m);
			fail_msg("%s fired on \"%s\"", quiet[i].op, quiet[i].sql);
		}
		sql_mutants_free(m);
	}
}

/* Every mutant of every case parses as what the drill allows, differs from
 * the source and from the others; ids are op-N in text order. */
static void
test_mutants_are_valid_and_distinct(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof fires / sizeof fires[0]; i++) {
		sql_mutants *m = NULL;
		error err = {0};

		assert_true(sql_mutate(fires[i].sql, strlen(fires[i].sql), 0, &m, &err));
		for (size_t k = 0; k < m->n; k++) {
			sql_script *sc = sql_analyze(m->items[k].sql, strlen(m->items[k].sql),
										 ALL_PREP, &err);

			if (sc == NULL)
				fail_msg("%s of \"%s\" does not parse: %s", m->items[k].id, fires[i].sql,
						 err.message);
			sql_script_free(sc);
			assert_string_not_equal(m->items[k].sql, fires[i].sql);
			for (size_t j = 0; j < k; j++) {
				assert_string_not_equal(m->items[k].sql, m->items[j].sql);
				assert_string_not_equal(m->items[k].id, m->items[j].id);
				assert_true(m->items[j].position <= m->items[k].position);
			}
		}
		sql_mutants_free(m);
	}
}

static void
test_ids_stable(void **state)
{
	const char *sql = "SELECT a FROM t WHERE a > 1 AND b < 2 AND c = 3 ORDER BY a";
	sql_mutants *m1 = NULL, *m2 = NULL;
	error err = {0};

	(void) state;
	assert_true(sql_mutate(sql, strlen(sql), 0, &m1, &err));
	assert_true(sql_mutate(sql, strlen(sql), 0, &m2, &err));
	assert_int_equal(m1->n, m2->n);
	for (size_t i = 0; i < m1->n; i++) {
		assert_string_equal(m1->items[i].id, m2->items[i].id);
		assert_string_equal(m1->items[i].sql, m2->items[i].sql);
	}
	/* numbered per operator, in text order */
	assert_string_equal(find_mutant(m1, "relop", "SELECT a FROM t WHERE a >= 1 AND b < 2 AND c = 3 "
									"ORDER BY a")->id, "relop-1");
	assert_string_equal(find_mutant(m1, "relop", "SELECT a FROM t WHERE a > 1 AND b < 2 AND c <> 3 "
									"ORDER BY a")->id, "relop-3");
	assert_string_equal(m1->items[0].id, "distinct-1");
	assert_string_equal(m1->items[1].id, "drop-conjunct-1");
	assert_int_equal(m1->items[1].position, 23);
	sql_mutants_free(m1);
	sql_mutants_free(m2);
}

static void
test_cap_and_errors(void **state)
{
	const char *sql = "SELECT a FROM t WHERE a > 1 AND b < 2";
	sql_mutants *m = NULL;
	error err = {0};

	(void) state;
	assert_true(sql_mutate(sql, strlen(sql), 3, &m, &err));
	assert_int_equal(m->n, 3);
	sql_mutants_free(m);

	assert_false(sql_mutate("SELEC a", 7, 0, &m, &err));
	assert_null(m);
	assert_int_equal(err.kind, ERROR_REJECTED);
	assert_true(err.position > 0);
	error_clear(&err);
	assert_false(sql_mutate("", 0, 0, &m, &err));
	assert_int_equal(err.kind, ERROR_REJECTED);

	/* nothing to mutate is an empty list, not an error */
	assert_true(sql_mutate("SELECT", 6, 0, &m, &err));
	assert_int_equal(m->n, 0);
	sql_mutants_free(m);
	sql_mutants_free(NULL);

	/* a literal cast to date moves by days only */
	sql = "SELECT a FROM t WHERE d < '2024-03-16'::date";
	assert_true(sql_mutate(sql, strlen(sql), 0, &m, &err));
	for (size_t i = 0; i < m->n; i++)
		assert_null(strstr(m->items[i].sql, ":59"));
	assert_non_null(find_mutant(m, "boundary", "SELECT a FROM t WHERE d < '2024-03-15'::date"));
	sql_mutants_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_operator_fires),
		cmocka_unit_test(test_quiet),
		cmocka_unit_test(test_mutants_are_valid_and_distinct),
		cmocka_unit_test(test_ids_stable),
		cmocka_unit_test(test_cap_and_errors),
	};
	return cmocka_run_group_tests_name("sql_mutate", tests, NULL, NULL);
}
