/*
 * test_lint.c — unit tests for sql_lint (scoring/sql/lint*.c): every rule
 * fires on its pattern, at the right spot, and stays quiet on the
 * look-alike that is fine; findings are sorted and carry line, column,
 * message and advice; unparsable input is an error; the catalogue is
 * complete and every rule is documented in docs/lint-rules.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sql/lint.h"
#include "strbuf.h"

typedef struct lint_case {
	const char *rule;
	const char *sql;
	bool fires;
	int position;          /* when it fires; 0 = not checked */
} lint_case;

static const lint_case cases[] = {
	/* non-sargable-function */
	{"non-sargable-function", "select id from users where lower(email) = 'a@b.c'", true, 28},
	{"non-sargable-function", "select 1 from t join u on lower(t.a) = u.a", true, 27},
	{"non-sargable-function", "select 1 from t where date_trunc('day', t.created) = '2024-01-01'", true, 23},
	{"non-sargable-function", "select 1 from t where 5 < coalesce(a, 0)", true, 27},
	{"non-sargable-function", "select 1 from t where extract(year from d) = 2024", true, 23},
	{"non-sargable-function", "select id from users where email = lower('A@B.C')", false, 0},
	{"non-sargable-function", "select 1 from t where created > now() - interval '1 day'", false, 0},
	{"non-sargable-function", "select lower(email) from users where id = 1", false, 0},
	{"non-sargable-function", "select 1 from t where a in (select lower(b) from u)", false, 0},
	/* non-sargable-cast */
	{"non-sargable-cast", "select 1 from t where t.id::text = '42'", true, 23},
	{"non-sargable-cast", "select 1 from t where cast(created as date) = '2024-01-01'", true, 28},
	{"non-sargable-cast", "select 1 from t where created >= '2024-01-01'::date", false, 0},
	{"non-sargable-cast", "select id::text from t where id = 42", false, 0},
	/* leading-wildcard-like */
	{"leading-wildcard-like", "select 1 from t where name like '%son'", true, 33},
	{"leading-wildcard-like", "select 1 from t where name ilike '_ohn%'", true, 34},
	{"leading-wildcard-like", "select 1 from t where name like '%' || $1", true, 33},
	{"leading-wildcard-like", "select 1 from t where name ~~ '%x'", true, 31},
	{"leading-wildcard-like", "select 1 from t where name like 'john%'", false, 0},
	{"leading-wildcard-like", "select 1 from t where name like $1", false, 0},
	{"leading-wildcard-like", "select 1 from t where name not like '%x'", false, 0},
	{"leading-wildcard-like", "select '%' as pct from t where name = '%x'", false, 0},
	/* not-in-subquery */
	{"not-in-subquery", "select 1 from t where a not in (select b from u)", true, 25},
	{"not-in-subquery", "select 1 from t where not (a in (select b from u))", true, 30},
	{"not-in-subquery", "select 1 from t where a not in (1, 2, 3)", false, 0},
	{"not-in-subquery", "select 1 from t where a in (select b from u)", false, 0},
	{"not-in-subquery", "select 1 from t where not exists (select 1 from u where u.b = t.a)", false, 0},
	/* offset-pagination */
	{"offset-pagination", "select a from t order by a limit 10 offset 1000", true, 37},
	{"offset-pagination", "select a from t order by a offset $1 limit 10", true, 28},
	{"offset-pagination", "select a from t order by a limit 10", false, 0},
	{"offset-pagination", "select * from (select a from t offset 0) s", false, 0},
	/* select-star */
	{"select-star", "select * from t", true, 8},
	{"select-star", "select t.*, u.b from t join u using (id)", true, 8},
	{"select-star", "select count(*) from t", false, 0},
	{"select-star", "select a from t where exists (select * from u where u.a = t.a)", false, 0},
	/* correlated-subquery-in-select */
	{"correlated-subquery-in-select",
	 "select o.id, (select count(*) from items i where i.order_id = o.id) from orders o", true, 14},
	{"correlated-subquery-in-select",
	 "select c.name, coalesce((select max(o.total) from orders o where o.cust = c.id), 0) from customers c",
	 true, 25},
	{"correlated-subquery-in-select",
	 "select o.id, (select max(price) from items) from orders o", false, 0},
	{"correlated-subquery-in-select",
	 "select o.id from orders o where o.total > (select avg(p.total) from orders p where p.cust = o.cust)",
	 false, 0},
	/* or-across-columns */
	{"or-across-columns", "select 1 from t where a = 1 or b = 2", true, 29},
	{"or-across-columns", "select 1 from t join u on t.a = u.a or t.b = u.b", true, 37},
	{"or-across-columns", "select 1 from t where a = 1 or a = 2", false, 0},
	{"or-across-columns", "select 1 from t where (a = 1 and b = 2) or (a = 3 and b = 4)", false, 0},
	{"or-across-columns", "select 1 from t where a = $1 or $1 is null", false, 0},
	{"or-across-columns", "select case when a = 1 or b = 2 then 1 end from t", false, 0},
	/* cartesian-product */
	{"cartesian-product", "select 1 from orders o, customers c where o.total > 10", true, 25},
	{"cartesian-product", "select 1 from a, b, c where a.id = b.id", true, 21},
	{"cartesian-product", "select 1 from orders o, customers c where o.cust = c.id", false, 0},
	{"cartesian-product", "select 1 from a, b, c where a.id = b.id and b.x = c.x", false, 0},
	{"cartesian-product", "select 1 from orders o join customers c on o.cust = c.id", false, 0},
	{"cartesian-product", "select 1 from t, generate_series(1, 3) g", false, 0},
	{"cartesian-product", "select 1 from t, lateral (select * from u where u.a = t.a) s", false, 0},
	{"cartesian-product", "select 1 from a, b where x = y", false, 0},
	{"cartesian-product",
	 "select 1 from a, b where exists (select 1 from c where c.a = a.id and c.b = b.id)", false, 0},
	/* limit-without-unique-order */
	{"limit-without-unique-order", "select a from t where b = 42 limit 20", true, 30},
	{"limit-without-unique-order", "select a from t offset 10", true, 17},
	{"limit-without-unique-order", "select a from t order by created_at desc limit 10", true, 42},
	{"limit-without-unique-order", "select a from t order by a fetch first 5 rows only", true, 28},
	{"limit-without-unique-order", "select distinct on (c) c, d from t order by c", true, 8},
	{"limit-without-unique-order", "select o.id from o join i on i.oid = o.id order by o.id limit 5", true, 57},
	{"limit-without-unique-order", "select distinct on (c) c, d from t order by c, id", false, 0},
	{"limit-without-unique-order", "select a from t order by created_at, id limit 10", false, 0},
	{"limit-without-unique-order", "select a from t x order by x.created_at, x.id limit 10", false, 0},
	{"limit-without-unique-order", "select c, count(*) from t group by c order by c limit 3", false, 0},
	{"limit-without-unique-order", "select count(*) from t limit 1", false, 0},
	{"limit-without-unique-order", "select 1 where exists (select 1 from t limit 1)", false, 0},
	{"limit-without-unique-order", "select a from t limit all", false, 0},
	{"limit-without-unique-order", "select 1 limit 1", false, 0},
	/* order-by-random */
	{"order-by-random", "select a from t order by random() limit 1", true, 26},
	{"order-by-random", "select a, random from t order by random", false, 0},
	{"order-by-random", "select a from t order by random_score(a)", false, 0},
	/* distinct-over-join */
	{"distinct-over-join", "select distinct c.id from customers c join orders o on o.cust = c.id", true, 8},
	{"distinct-over-join", "select distinct c.id from customers c, orders o where o.cust = c.id", true, 8},
	{"distinct-over-join", "select distinct city from customers", false, 0},
	{"distinct-over-join", "select c.id from customers c join orders o on o.cust = c.id group by c.id", false, 0},
	/* count-for-existence */
	{"count-for-existence", "select 1 from t where (select count(*) from u where u.a = t.a) > 0", true, 23},
	{"count-for-existence", "select case when (select count(*) from u) >= 1 then 'y' end", true, 18},
	{"count-for-existence", "select 1 from t where 0 < (select count(1) from u)", true, 27},
	{"count-for-existence", "select 1 from t where (select count(*) from u where u.a = t.a) = 0", true, 23},
	{"count-for-existence", "select 1 from t where (select count(*) from u) > 5", false, 0},
	{"count-for-existence", "select 1 from t where (select count(*) from u) = 1", false, 0},
	{"count-for-existence", "select 1 from t where (select max(a) from u) > 0", false, 0},
	{"count-for-existence", "select a from t group by a having count(*) > 1", false, 0},
	/* union-without-all */
	{"union-without-all", "select a from t union select a from u", true, 17},
	{"union-without-all", "select a from t union all select a from u union select 1", true, 43},
	{"union-without-all", "select a from t union all select a from u", false, 0},
	{"union-without-all", "select \"union\" from t", false, 0},
	{"union-without-all", "select a from t intersect select a from u", false, 0},
	/* long-in-list: built below */
	{"long-in-list", "select 1 from t where a in (1, 2, 3)", false, 0},
};

static bool
has_finding(const lint_findings *f, const char *rule, int *position)
{
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->items[i].id, rule) == 0) {
			*position = f->items[i].position;
			return true;
		}
	}
	return false;
}

static void
check_case(const char *rule, const char *sql, bool fires, int position)
{
	lint_findings *f = NULL;
	error err = {0};
	int got = 0;

	if (!sql_lint(sql, strlen(sql), &f, &err))
		print_error("%s: %s\n", sql, err.message);
	assert_non_null(f);
	if (has_finding(f, rule, &got) != fires || (fires && position && got != position))
		print_error("rule %s on \"%s\": fired %d at %d\n", rule, sql, !fires, got);
	assert_int_equal(has_finding(f, rule, &got), fires);
	if (fires && position)
		assert_int_equal(got, position);
	lint_findings_free(f);
}

static void
test_rules_table(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_case(cases[i].rule, cases[i].sql, cases[i].fires, cases[i].position);
}

static void
test_long_in_list(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void) state;
	strbuf_init(&sb);
	strbuf_append(&sb, "select 1 from t where a in (0");
	for (int i = 1; i <= 100; i++)
		strbuf_printf(&sb, ", %d", i);
	strbuf_append(&sb, ")");
	check_case("long-in-list", strbuf_str(&sb), true, 25);     /* 101 values */
	strbuf_reset(&sb);
	strbuf_append(&sb, "select 1 from t where a in (1");
	for (int i = 2; i <= 100; i++)
		strbuf_printf(&sb, ", %d", i);
	strbuf_append(&sb, ")");
	check_case("long-in-list", strbuf_str(&sb), false, 0);     /* 100 values */
	strbuf_free(&sb);
}

/* Every rule of the catalogue has a firing and a quiet case above. */
static void
test_every_rule_tested(void **state)
{
	size_t n;
	const lint_rule_info *rules = lint_rules(&n);

	(void) state;
	assert_true(n >= 13);
	for (size_t r = 0; r < n; r++) {
		bool fire = false, quiet = false;

		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			if (strcmp(cases[i].rule, rules[r].id) == 0) {
				fire |= cases[i].fires;
				quiet |= !cases[i].fires;
			}
		}
		if (strcmp(rules[r].id, "long-in-list") == 0)
			fire = true;  /* test_long_in_list */
		if (!fire || !quiet)
			print_error("rule %s lacks a %s case\n", rules[r].id, fire ? "quiet" : "firing");
		assert_true(fire && quiet);
		assert_non_null(rules[r].summary);
		assert_non_null(rules[r].advice);
	}
}

/* Findings: sorted, with line, column, message, advice and severity. */
static void
test_finding_fields(void **state)
{
	const char *sql = "select *\nfrom t\nwhere lower(é) = 'x' and b like '%y';\n"
		"select 1 from t order by id offset 5";
	lint_findings *f = NULL;
	error err = {0};

	(void) state;
	assert_true(sql_lint(sql, strlen(sql), &f, &err));
	assert_int_equal(f->n, 4);
	assert_string_equal(f->items[0].id, "select-star");
	assert_int_equal(f->items[0].line, 1);
	assert_int_equal(f->items[0].column, 8);
	assert_int_equal(f->items[0].severity, LINT_INFO);
	assert_string_equal(f->items[1].id, "non-sargable-function");
	assert_int_equal(f->items[1].line, 3);
	assert_int_equal(f->items[1].column, 7);
	assert_int_equal(f->items[1].severity, LINT_WARNING);
	assert_non_null(strstr(f->items[1].message, "lower() applied to column é"));
	assert_string_equal(f->items[2].id, "leading-wildcard-like");
	assert_int_equal(f->items[2].line, 3);
	/* 'é' is one column but two bytes */
	assert_int_equal(f->items[2].column, 33);
	assert_int_equal(f->items[2].position, 50);
	assert_string_equal(f->items[3].id, "offset-pagination");
	assert_int_equal(f->items[3].line, 4);
	assert_int_equal(f->items[3].column, 29);
	for (size_t i = 0; i < f->n; i++) {
		assert_true(strlen(f->items[i].message) > 10);
		assert_true(strlen(f->items[i].advice) > 10);
	}
	assert_string_equal(lint_severity_name(LINT_INFO), "info");
	assert_string_equal(lint_severity_name(LINT_WARNING), "warning");
	lint_findings_free(f);
	lint_findings_free(NULL);
}

static void
test_clean_and_errors(void **state)
{
	lint_findings *f = NULL;
	error err = {0};

	(void) state;
	assert_true(sql_lint("select a from t where id = 1", 28, &f, &err));
	assert_int_equal(f->n, 0);
	lint_findings_free(f);
	/* any statement kind is linted: the policy is not lint's business */
	assert_true(sql_lint("insert into t select * from u", 29, &f, &err));
	assert_int_equal(f->n, 1);
	lint_findings_free(f);
	assert_false(sql_lint("select from where", 17, &f, &err));
	assert_null(f);
	assert_int_equal(err.kind, ERROR_REJECTED);
	assert_int_equal(err.position, 13);
	assert_false(sql_lint("", 0, &f, &err));
	assert_null(f);
	assert_non_null(strstr(err.message, "empty"));
	assert_false(sql_lint("select \xff", 8, &f, &err));
	assert_non_null(strstr(err.message, "UTF-8"));
}

/* Every rule id appears in docs/lint-rules.md (PGDRILL_SOURCE_DIR). */
static void
test_rules_documented(void **state)
{
	const char *dir = getenv("PGDRILL_SOURCE_DIR");
	char path[4096];
	strbuf doc = STRBUF_INIT;
	char buf[4096];
	size_t n, nrules;
	const lint_rule_info *rules = lint_rules(&nrules);
	FILE *fp;

	(void) state;
	if (dir == NULL)
		skip();
	snprintf(path, sizeof path, "%s/docs/lint-rules.md", dir);
	fp = fopen(path, "r");
	assert_non_null(fp);
	strbuf_init(&doc);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		strbuf_append_len(&doc, buf, n);
	fclose(fp);
	for (size_t r = 0; r < nrules; r++) {
		char heading[128];

		snprintf(heading, sizeof heading, "`%s`", rules[r].id);
		if (!strstr(strbuf_str(&doc), heading))
			print_error("%s not documented\n", rules[r].id);
		assert_non_null(strstr(strbuf_str(&doc), heading));
	}
	strbuf_free(&doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_table),
		cmocka_unit_test(test_long_in_list),
		cmocka_unit_test(test_every_rule_tested),
		cmocka_unit_test(test_finding_fields),
		cmocka_unit_test(test_clean_and_errors),
		cmocka_unit_test(test_rules_documented),
	};
	return cmocka_run_group_tests_name("sql_lint", tests, NULL, NULL);
}
