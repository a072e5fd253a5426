/*
 * test_order_total.c — unit tests for scoring/sql/order_total.c through
 * sql_lint_keys: is an ORDER BY before LIMIT / OFFSET / DISTINCT ON total,
 * given the catalog's unique keys (a shop-like schema below) or, without a
 * catalog, the convention that a table's `id` is its key?  Each case says
 * whether limit-without-unique-order fires and what its message names as
 * the keys that would make the order total.
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

static const char *const id[] = {"id"};
static const char *const item_key[] = {"order_id", "product_id"};
static const char *const sku[] = {"sku"};

/* What the catalog would say of the shop fixture: `logs` has no key, and
 * customers.email's unique index is on a nullable column (not a key). */
static const sql_unique_key shop_keys[] = {
	{"orders", id, 1},
	{"customers", id, 1},
	{"order_items", item_key, 2},
	{"products", id, 1},
	{"products", sku, 1},
	{"events", id, 1},
	{"users", id, 1},
	{"tenants", id, 1},
};

typedef struct order_case {
	bool catalog;          /* use shop_keys (else the id convention) */
	const char *sql;
	bool fires;
	const char *message;   /* a substring of the finding's message, or NULL */
} order_case;

static const order_case cases[] = {
	{true, "select id from orders order by created_at limit 10", true, "adding id makes the order total"},
	{true, "select id from orders order by created_at, id limit 10", false, NULL},
	{true, "select id from orders o order by o.created_at desc, o.id desc offset 5", false, NULL},
	/* a constant filter does not make created_at unique */
	{true, "select id from orders where customer_id = 5 order by created_at limit 3", true, "adding id"},
	/* a composite key: one column fixed by the filter, one by the ORDER BY */
	{true, "select product_id from order_items where order_id = 7 order by product_id limit 3", false, NULL},
	{true, "select product_id from order_items order by product_id limit 3", true, "adding order_id"},
	/* any unique key will do */
	{true, "select sku from products order by sku limit 3", false, NULL},
	/* many-to-one joins keep the row's key; one-to-many repeat it */
	{true, "select o.id from orders o join customers c on c.id = o.customer_id order by o.created_at, o.id limit 5", false, NULL},
	{true, "select o.id from orders o, customers c where c.id = o.customer_id order by o.id limit 5", false, NULL},
	{true, "select o.id from orders o join order_items i on i.order_id = o.id order by o.id limit 5", true, "adding i.product_id"},
	{true, "select c.id from customers c left join orders o on o.customer_id = c.id order by c.id limit 5", true, "adding o.id"},
	{true, "select o.id from orders o left join customers c on c.id = o.customer_id order by o.id limit 5", false, NULL},
	/* groups are unique on their keys; a key determines the others */
	{true, "select customer_id, sum(total) as s from orders group by customer_id order by s desc limit 20", true, "adding customer_id"},
	{true, "select customer_id, sum(total) as s from orders group by customer_id order by s desc, customer_id limit 20", false, NULL},
	{true, "select customer_id, sum(total) as s from orders group by customer_id order by s desc, 1 limit 20", false, NULL},
	{true, "select e.user_id, u.email, count(*) as errors from events e join users u on u.id = e.user_id "
	 "group by e.user_id, u.email order by errors desc, e.user_id limit 10", false, NULL},
	{true, "select e.user_id, u.email, count(*) as errors from events e join users u on u.id = e.user_id "
	 "group by e.user_id, u.email order by errors desc limit 10", true, "adding e.user_id, u.email"},
	/* DISTINCT ON picks one row per group: the order must be total on the input */
	{true, "select distinct on (customer_id) customer_id, id from orders order by customer_id, created_at desc", true, "DISTINCT ON after ORDER BY customer_id, created_at"},
	{true, "select distinct on (customer_id) customer_id, id from orders order by customer_id, created_at desc, id desc", false, NULL},
	/* a plain DISTINCT's rows are unique on all outputs */
	{true, "select distinct status, customer_id from orders order by status, customer_id limit 5", false, NULL},
	{true, "select distinct status, customer_id from orders order by status limit 5", true, NULL},
	/* CTEs, subqueries in FROM and materialized views carry their keys */
	{true, "with t as (select customer_id, sum(total) as spent from orders group by customer_id) "
	 "select * from t order by spent desc, customer_id limit 20", false, NULL},
	{true, "with t as (select customer_id, sum(total) as spent from orders group by customer_id) "
	 "select * from t order by spent desc limit 20", true, "adding customer_id"},
	{true, "create materialized view mv as select customer_id, count(*) as n from orders group by customer_id; "
	 "select customer_id, n from mv order by n desc, customer_id limit 10", false, NULL},
	{true, "create materialized view mv as select customer_id, count(*) as n from orders group by customer_id; "
	 "select customer_id, n from mv order by n desc limit 10", true, "adding customer_id"},
	{true, "select s.id from (select id, total from orders where total > 5) s order by s.total, s.id limit 3", false, NULL},
	{true, "select s.c from (select customer_id as c, max(total) as m from orders group by 1) s order by s.m, s.c limit 3", false, NULL},
	{true, "select s.c from (select customer_id as c, max(total) as m from orders group by 1) s order by s.m limit 3", true, "adding c makes"},
	/* a LATERAL subquery: the outer reference is fixed while it runs */
	{true, "select t.id, p.id from tenants t cross join lateral (select e.id, e.occurred_at from events e "
	 "where e.tenant_id = t.id order by e.occurred_at desc, e.id desc limit 3) p where t.id in (1, 2) "
	 "order by t.id, p.occurred_at desc, p.id desc", false, NULL},
	{true, "select t.id from tenants t cross join lateral (select e.id from events e "
	 "where e.tenant_id = t.id order by e.occurred_at desc limit 3) p", true, "adding id"},
	/* no key known: a table without one, a function */
	{true, "select a from logs order by a limit 3", true, "no known unique key makes it total"},
	{true, "select g from generate_series(1, 10) g order by g limit 3", true, "no known unique key"},
	/* UNION's rows are distinct; UNION ALL's are not */
	{true, "select id from orders union select id from customers order by id limit 3", false, NULL},
	{true, "select id from orders union all select id from customers order by id limit 3", true, NULL},
	/* one row of aggregates, LIMIT ALL, EXISTS: nothing to tie */
	{true, "select count(*) from orders limit 1", false, NULL},
	{true, "select id from orders order by created_at limit all", false, NULL},
	{true, "select 1 from customers c where exists (select 1 from orders o where o.customer_id = c.id order by o.total limit 1)", false, NULL},
	{true, "select id from orders limit 3", true, "LIMIT without ORDER BY"},
	/* without a catalog: a table's id by convention, said so */
	{false, "select o.id from orders o join customers c on c.id = o.customer_id order by o.id limit 5", false, NULL},
	{false, "select id from logs order by created_at limit 5", true, "adding id makes the order total (if id is unique: no catalogue)"},
	{false, "select a from logs order by a limit 3", true, "adding id makes the order total (if id is unique: no catalogue)"},
	{false, "select a, count(*) as n from logs group by a order by n limit 3", true, "adding a makes the order total"},
};

static void
test_cases(void **state)
{
	sql_key_catalog cat = {shop_keys, sizeof shop_keys / sizeof shop_keys[0]};

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const order_case *c = &cases[i];
		lint_findings *f = NULL;
		error err = {0};
		const char *message = NULL;

		if (!sql_lint_keys(c->sql, strlen(c->sql), c->catalog ? &cat : NULL, &f, &err))
			fail_msg("%s: %s", c->sql, err.message);
		for (size_t k = 0; k < f->n; k++)
			if (strcmp(f->items[k].id, "limit-without-unique-order") == 0)
				message = f->items[k].message;
		if ((message != NULL) != c->fires)
			fail_msg("\"%s\": %s", c->sql, message ? message : "quiet");
		if (c->message && !strstr(message, c->message))
			fail_msg("\"%s\": message \"%s\" lacks \"%s\"", c->sql, message, c->message);
		/* the convention is owned up to only where it was used */
		if (message && strstr(message, "no catalogue") &&
			(c->catalog || !c->message || !strstr(c->message, "no catalogue")))
			fail_msg("\"%s\": \"%s\" speaks of the convention", c->sql, message);
		lint_findings_free(f);
	}
}

/* The finding sits at the LIMIT of the block that cuts, in a script of
 * several statements. */
static void
test_position(void **state)
{
	static const char sql[] = "create index on orders (created_at);\n"
		"select id from orders\norder by created_at\nlimit 20;";
	sql_key_catalog cat = {shop_keys, sizeof shop_keys / sizeof shop_keys[0]};
	lint_findings *f = NULL;
	error err = {0};

	(void) state;
	assert_true(sql_lint_keys(sql, strlen(sql), &cat, &f, &err));
	assert_int_equal(f->n, 1);
	assert_int_equal(f->items[0].position, (int) (strstr(sql, "limit") - sql) + 1);
	assert_int_equal(f->items[0].line, 4);
	lint_findings_free(f);
	/* a parse error is an error, with or without a catalog */
	assert_false(sql_lint_keys("select from where", 17, &cat, &f, &err));
	assert_null(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_position),
	};

	return cmocka_run_group_tests_name("sql_order_total", tests, NULL, NULL);
}
