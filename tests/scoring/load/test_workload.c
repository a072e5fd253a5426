/*
 * test_workload.c — unit tests for scoring/load/script.c and answer.c:
 * endpoint scripts (parameters, names, the meta-command allow-list, every
 * statement through the analysis), parameter substitution and samples,
 * rendering with replacements, statement groups (the N queries of an N+1
 * request, replaced together, compared as one UNION ALL), and the answer file (setup, replacements,
 * pool directives, directives inside strings, hostile lines), checked
 * against the endpoints.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "load/workload.h"
#include "sql/sql.h"
#include "strbuf.h"

static const char orders_script[] =
	"-- the order history page\n"
	"\\set customer random(1, 5000)\n"
	"\\set since  random( 0 , 30 )\n"
	"-- pgdrill: name order_history\n"
	"SELECT id, total FROM orders\n"
	" WHERE customer_id = :customer AND placed > now() - :since * interval '1 day'\n"
	" ORDER BY id;\n"
	"SELECT count(*)::int FROM orders WHERE customer_id = :customer;\n";

static void
parse_script(const char *text, load_script *s)
{
	error err = {0};

	if (!load_script_parse(text, strlen(text), 0, s, &err))
		fail_msg("script: %s (%s)", err.message, err.detail);
}

static void
test_script_parse(void **state)
{
	load_script s;
	const load_stmt *st;

	(void) state;
	parse_script(orders_script, &s);
	assert_int_equal(s.n_vars, 2);
	assert_string_equal(s.vars[0].name, "customer");
	assert_true(s.vars[0].lo == 1 && s.vars[0].hi == 5000);
	assert_string_equal(s.vars[1].name, "since");
	assert_true(s.vars[1].lo == 0 && s.vars[1].hi == 30);
	assert_int_equal(s.n_stmts, 2);
	st = load_script_find(&s, "order_history");
	assert_ptr_equal(st, &s.stmts[0]);
	assert_true(strncmp(st->text, "SELECT id, total", 16) == 0);
	assert_string_equal(st->text + strlen(st->text) - 11, "ORDER BY id");  /* no ";" */
	assert_null(s.stmts[1].name);
	assert_null(load_script_find(&s, "nope"));
	load_script_free(&s);
	load_script_free(NULL);
}

static void
test_script_refusals(void **state)
{
	static const struct {
		const char *text;
		const char *says;
		unsigned writes;
	} c[] = {
		{"\\shell rm -rf /\nSELECT 1;\n", "only \"\\set", 0},
		{"\\setshell x echo 1\nSELECT 1;\n", "only \"\\set", 0},
		{"\\sleep 2 s\nSELECT 1;\n", "only \"\\set", 0},
		{"\\sleep 10 minutes\nSELECT 1;\n", "only \"\\set", 0},
		{"\\sleep :x ms\nSELECT 1;\n", "only \"\\set", 0},
		{"\\sleep -1 ms\nSELECT 1;\n", "only \"\\set", 0},
		{"\\sleep 10 ms junk\nSELECT 1;\n", "only \"\\set", 0},
		{"\\sleep 600 ms\n\\sleep 600 ms\nSELECT 1;\n", "more than 1 s", 0},
		{"UPDATE t SET x = 1;\n", "not one write", SQL_ALLOW_INSERT},
		{"INSERT INTO t VALUES (1);\n", "not one write", SQL_ALLOW_UPDATE},
		{"UPDATE t SET x = pg_sleep(1);\n", "not one write", SQL_ALLOW_UPDATE},
		{"WITH d AS (DELETE FROM t) UPDATE t SET x = 1;\n", "not one SELECT", SQL_ALLOW_UPDATE},
		{"DELETE FROM t;\n", "not one SELECT", SQL_ALLOW_UPDATE | SQL_ALLOW_INSERT},
		{"\\set x random(5, 1)\nSELECT :x;\n", "only \"\\set", 0},
		{"\\set x 1 + 2\nSELECT :x;\n", "only \"\\set", 0},
		{"\\set 1x random(1, 2)\nSELECT 1;\n", "only \"\\set", 0},
		{"\\set x random(1, 2) junk\nSELECT 1;\n", "only \"\\set", 0},
		{"-- pgdrill: name\nSELECT 1;\n", "directive", 0},
		{"-- pgdrill: name a b\nSELECT 1;\n", "directive", 0},
		{"-- pgdrill: title x\nSELECT 1;\n", "directive", 0},
		{"SELECT 1;\n-- pgdrill: name late\n", "no statement after it", 0},
		{"-- pgdrill: name a\nSELECT 1;\n-- pgdrill: name a\nSELECT 2;\n", "twice", 0},
		{"-- pgdrill: name a\n-- pgdrill: name b\nSELECT 1;\n", "twice", 0},
		{"-- nothing here\n", "at least one statement", 0},
		{"UPDATE t SET x = 1;\n", "not one SELECT", 0},
		{"SELECT 1;\nDELETE FROM t;\n", "statement 2", 0},
		{"SELECT pg_sleep(10);\n", "not one SELECT", 0},
		{"SELECT * FROM t WHERE x = :undefined;\n", "not one SELECT", 0},
	};

	(void) state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		load_script s;
		error err = {0};
		char *all;

		if (load_script_parse(c[i].text, strlen(c[i].text), c[i].writes, &s, &err))
			fail_msg("case %zu accepted: %s", i, c[i].text);
		assert_int_equal(err.kind, ERROR_USAGE);
		all = xasprintf("%s %s", err.message, err.detail);
		if (strstr(all, c[i].says) == NULL)
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, all, c[i].says);
		free(all);
		assert_int_equal(s.n_stmts, 0);  /* freed */
	}
}

static void
test_substitute_and_samples(void **state)
{
	load_var vars[2] = {{"id", 1, 100}, {"id2", -5, 5}};
	long long v[2] = {42, -3};
	long long s[2];
	char *out;

	(void) state;
	out = load_substitute("SELECT :id, :id2, :id::text, ':id', :idx, x::int FROM t "
						  "WHERE a = :id", vars, 2, v);
	assert_string_equal(out, "SELECT 42, -3, 42::text, ':id', :idx, x::int FROM t "
						"WHERE a = 42");
	free(out);
	load_sample_values(vars, 2, 0, s);
	assert_true(s[0] == 1 && s[1] == -5);
	load_sample_values(vars, 2, 1, s);
	assert_true(s[0] == 100 && s[1] == 5);
	load_sample_values(vars, 2, 2, s);
	assert_true(s[0] == 50 && s[1] == 0);
	for (int k = 3; k < 50; k++) {
		long long t[2];

		load_sample_values(vars, 2, k, s);
		load_sample_values(vars, 2, k, t);
		assert_true(s[0] == t[0] && s[1] == t[1]);  /* deterministic */
		assert_true(s[0] >= 1 && s[0] <= 100 && s[1] >= -5 && s[1] <= 5);
	}
}

static const char answer_text[] =
	"-- my fix\n"
	"CREATE INDEX ON orders (customer_id, placed);\n"
	"\n"
	"-- pgdrill: replace order_history\n"
	"SELECT id, total FROM orders\n"
	" WHERE customer_id = :customer AND placed > now() - :since * interval '1 day'\n"
	"   AND note <> '\n-- pgdrill: pool pool_mode=session\n'\n"
	" ORDER BY id;  -- trailing comment\n"
	"-- pgdrill: pool pool_mode=transaction pool_size=8\n";

static void
test_answer_parse(void **state)
{
	load_answer a;
	error err = {0};

	(void) state;
	if (!load_answer_parse(answer_text, strlen(answer_text), &a, &err))
		fail_msg("answer: %s", err.message);
	assert_string_equal(a.setup, "-- my fix\nCREATE INDEX ON orders (customer_id, placed);\n\n");
	assert_int_equal(a.n_repl, 1);
	assert_string_equal(a.repl[0].name, "order_history");
	assert_int_equal(a.repl[0].line, 4);
	/* the directive inside the string literal is text, not a directive */
	assert_non_null(strstr(a.repl[0].text, "pool_mode=session"));
	assert_string_equal(a.repl[0].text + strlen(a.repl[0].text) - 11, "ORDER BY id");
	assert_int_equal(a.pool.mode, LOAD_POOL_TRANSACTION);
	assert_int_equal(a.pool.size, 8);
	load_answer_free(&a);
	load_answer_free(NULL);

	/* setup only; an empty file */
	assert_true(load_answer_parse("CREATE INDEX ON t (x);", 22, &a, &err));
	assert_string_equal(a.setup, "CREATE INDEX ON t (x);");
	assert_int_equal(a.n_repl, 0);
	assert_int_equal(a.pool.mode, LOAD_POOL_NONE);
	load_answer_free(&a);
	assert_true(load_answer_parse("", 0, &a, &err));
	assert_string_equal(a.setup, "");
	load_answer_free(&a);
}

static void
test_answer_refusals(void **state)
{
	static const struct {
		const char *text;
		const char *says;
		int position;     /* 1-based byte, 0 = not checked */
	} c[] = {
		{"SELECT 1;\n\\shell rm -rf /\n", "backslash", 11},
		{"-- pgdrill: replace a\nSELECT 1\n  \\gset\n", "backslash", 0},
		{"-- pgdrill: frobnicate\n", "unknown directive", 1},
		{"-- pgdrill:\n", "unknown directive", 1},
		{"-- pgdrill: replace\nSELECT 1;\n", "names one statement", 0},
		{"-- pgdrill: replace a b\nSELECT 1;\n", "names one statement", 0},
		{"-- pgdrill: replace a\n", "without a statement", 0},
		{"-- pgdrill: replace a\nSELECT 1; SELECT 2;\n", "more than one", 0},
		{"-- pgdrill: replace a\nSELECT 1;\n-- pgdrill: replace a\nSELECT 2;\n", "twice", 0},
		{"-- pgdrill: pool\n", "pool_mode=MODE", 0},
		{"-- pgdrill: pool pool_size=4\n", "pool_mode=MODE", 0},
		{"-- pgdrill: pool pool_mode transaction\n", "KEY=VALUE", 0},
		{"-- pgdrill: pool pool_mode=transaction logfile=/etc/passwd\n", "not allowed", 0},
		{"-- pgdrill: pool pool_mode=transaction pool_size=1000\n", "not allowed", 0},
		{"-- pgdrill: pool pool_mode=any\n", "not allowed", 0},
		{"-- pgdrill: pool pool_mode=session\n-- pgdrill: pool pool_mode=session\n",
		 "second pool", 0},
		{"-- pgdrill: pool pool_mode=session\nSELECT 1;\n", "belongs to no section", 0},
	};

	(void) state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		load_answer a;
		error err = {0};

		if (load_answer_parse(c[i].text, strlen(c[i].text), &a, &err))
			fail_msg("case %zu accepted: %s", i, c[i].text);
		assert_int_equal(err.kind, ERROR_REJECTED);
		if (strstr(err.message, c[i].says) == NULL)
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, err.message, c[i].says);
		assert_true(err.position > 0);
		if (c[i].position)
			assert_int_equal(err.position, c[i].position);
		assert_null(a.repl);
	}
}

static void
test_answer_check(void **state)
{
	static const struct {
		const char *answer;
		bool pool_allowed;
		const char *says;   /* NULL = accepted */
	} c[] = {
		{answer_text, true, NULL},
		{answer_text, false, "does not take pool settings"},
		{"-- pgdrill: replace nobody\nSELECT 1;\n", false, "no endpoint statement"},
		{"-- pgdrill: replace order_history\nDELETE FROM orders WHERE id = :customer;\n",
		 false, "replacement of order_history"},
		{"-- pgdrill: replace order_history\nSELECT * INTO x FROM orders;\n", false,
		 "replacement of order_history"},
		{"-- pgdrill: replace order_history\nWITH d AS (DELETE FROM orders RETURNING *) "
		 "SELECT * FROM d;\n", false, "replacement of order_history"},
		{"DROP TABLE orders;\n", false, "DROP"},
		{"CREATE INDEX ON orders (id);\nSELECT pg_sleep(1);\n", false, "SELECT"},
		{"CREATE MATERIALIZED VIEW mv AS SELECT 1;\n", false, "MATERIALIZED"},
		{"-- only a comment\n", false, NULL},
	};
	load_script s;

	(void) state;
	parse_script(orders_script, &s);
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		load_answer a;
		error err = {0};
		bool ok;

		if (!load_answer_parse(c[i].answer, strlen(c[i].answer), &a, &err))
			fail_msg("case %zu does not parse: %s", i, err.message);
		load_rules rules = {SQL_ALLOW_CREATE_INDEX | SQL_ALLOW_ANALYZE, 0, NULL, 0,
			c[i].pool_allowed};

		ok = load_answer_check(&a, &s, 1, &rules, &err);
		if (c[i].says == NULL && !ok)
			fail_msg("case %zu refused: %s", i, err.message);
		if (c[i].says != NULL) {
			if (ok)
				fail_msg("case %zu accepted", i);
			assert_int_equal(err.kind, ERROR_REJECTED);
			if (strstr(err.message, c[i].says) == NULL)
				fail_msg("case %zu: \"%s\" does not say \"%s\"", i, err.message, c[i].says);
		}
		load_answer_free(&a);
	}
	load_script_free(&s);
}

static void
test_render(void **state)
{
	load_script s;
	load_answer a;
	error err = {0};
	char *plain, *replaced;

	(void) state;
	parse_script(orders_script, &s);
	plain = load_script_render(&s, NULL);
	assert_true(strncmp(plain, "\\set customer random(1, 5000)\n"
						"\\set since random(0, 30)\nSELECT id, total FROM orders\n", 82) == 0);
	assert_non_null(strstr(plain, " ORDER BY id;\nSELECT count(*)::int FROM orders "
						   "WHERE customer_id = :customer;\n"));
	/* the rendering reads back as the same script */
	{
		load_script again;

		parse_script(plain, &again);
		assert_int_equal(again.n_vars, 2);
		assert_int_equal(again.n_stmts, 2);
		assert_string_equal(again.stmts[1].text, s.stmts[1].text);
		load_script_free(&again);
	}
	assert_true(load_answer_parse("-- pgdrill: replace order_history\n"
								  "SELECT 1 AS id, 2 AS total\n;", 62, &a, &err));
	replaced = load_script_render(&s, &a);
	assert_non_null(strstr(replaced, "random(0, 30)\nSELECT 1 AS id, 2 AS total;\n"
						   "SELECT count(*)::int"));
	assert_null(strstr(replaced, "ORDER BY id"));
	free(plain);
	free(replaced);
	load_answer_free(&a);
	load_script_free(&s);
}

static const char n_plus_one_script[] =
	"\\set page random(0, 99)\n"
	"-- pgdrill: name order_list\n"
	"SELECT id FROM orders WHERE id > :page * 3 ORDER BY id LIMIT 3;\n"
	"-- pgdrill: group order_lines\n"
	"SELECT order_id, qty FROM items WHERE order_id = :page * 3 + 1 ORDER BY id;\n"
	"SELECT order_id, qty FROM items WHERE order_id = :page * 3 + 2 ORDER BY id;\n"
	"SELECT order_id, qty FROM items WHERE order_id = :page * 3 + 3 ORDER BY id;\n"
	"-- pgdrill: name footer\n"
	"SELECT 1 AS footer;\n";

static void
test_groups(void **state)
{
	load_script s;
	load_answer a;
	const load_stmt *g;
	error err = {0};
	char *rows, *plain, *replaced;
	static const char answer[] = "-- pgdrill: replace order_lines\n"
		"SELECT order_id, qty FROM items WHERE order_id BETWEEN :page * 3 + 1 AND "
		":page * 3 + 3\n";

	(void) state;
	parse_script(n_plus_one_script, &s);
	assert_int_equal(s.n_stmts, 5);
	assert_int_equal(load_script_find(&s, "order_list")->group, 1);
	g = load_script_find(&s, "order_lines");
	assert_ptr_equal(g, &s.stmts[1]);
	assert_int_equal(g->group, 3);          /* up to the next directive */
	assert_null(s.stmts[2].name);
	assert_int_equal(s.stmts[2].group, 0);
	assert_int_equal(load_script_find(&s, "footer")->group, 1);
	/* the rows the group returns together: a UNION ALL of its statements */
	rows = load_stmt_rows_sql(&s, g);
	assert_string_equal(rows,
		"(SELECT order_id, qty FROM items WHERE order_id = :page * 3 + 1 ORDER BY id)\n"
		"UNION ALL\n"
		"(SELECT order_id, qty FROM items WHERE order_id = :page * 3 + 2 ORDER BY id)\n"
		"UNION ALL\n"
		"(SELECT order_id, qty FROM items WHERE order_id = :page * 3 + 3 ORDER BY id)");
	assert_true(load_statement_check(rows, s.vars, s.n_vars, &err));
	free(rows);
	rows = load_stmt_rows_sql(&s, load_script_find(&s, "footer"));
	assert_string_equal(rows, "SELECT 1 AS footer");
	free(rows);
	/* as shipped every statement runs; replaced, one statement stands for
	 * the group and the statements around it stay */
	plain = load_script_render(&s, NULL);
	assert_non_null(strstr(plain, ":page * 3 + 3 ORDER BY id;\nSELECT 1 AS footer;\n"));
	assert_true(load_answer_parse(answer, strlen(answer), &a, &err));
	{
		load_script scripts[1] = {s};

		load_rules rules = {0};

		assert_true(load_answer_check(&a, scripts, 1, &rules, &err));
	}
	replaced = load_script_render(&s, &a);
	assert_non_null(strstr(replaced, "LIMIT 3;\nSELECT order_id, qty FROM items WHERE order_id "
						   "BETWEEN :page * 3 + 1 AND :page * 3 + 3;\nSELECT 1 AS footer;\n"));
	assert_null(strstr(replaced, "= :page"));
	free(plain);
	free(replaced);
	load_answer_free(&a);
	load_script_free(&s);
	/* a group directive is checked like a name */
	{
		static const char *const bad[] = {
			"-- pgdrill: group\nSELECT 1;\n",
			"SELECT 1;\n-- pgdrill: group late\n",
			"-- pgdrill: group a\nSELECT 1;\n-- pgdrill: name a\nSELECT 2;\n",
		};

		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			assert_false(load_script_parse(bad[i], strlen(bad[i]), 0, &s, &err));
			assert_int_equal(err.kind, ERROR_USAGE);
		}
	}
}

/* A writing endpoint: a hot counter in a transaction with the
 * application's time inside it. */
static const char counter_script[] =
	"\\set page random(1, 100)\n"
	"-- pgdrill: name count_view\n"
	"UPDATE site_stats SET views = views + 1 WHERE id = 1;\n"
	"\\sleep 5 ms\n"
	"-- pgdrill: name page\n"
	"SELECT id, path FROM pages WHERE id = :page;\n"
	"\\sleep 1500 us\n"
	"-- pgdrill: name total_views\n"
	"SELECT views FROM site_stats WHERE id = 1;\n";

static void
test_writing_script(void **state)
{
	load_script s;
	error err = {0};
	char *r;

	(void) state;
	assert_true(load_script_parse(counter_script, strlen(counter_script), SQL_ALLOW_UPDATE,
								  &s, &err));
	assert_int_equal(s.n_stmts, 3);
	assert_true(s.stmts[0].writes);
	assert_string_equal(s.stmts[0].target, "site_stats");
	assert_false(s.stmts[1].writes);
	assert_null(s.stmts[1].target);
	assert_int_equal(s.stmts[1].sleep_before_us, 5000);
	assert_int_equal(s.stmts[2].sleep_before_us, 1500);
	assert_int_equal(s.sleep_end_us, 0);
	s.transaction = true;
	r = load_script_render(&s, NULL);
	assert_string_equal(r, "\\set page random(1, 100)\nBEGIN;\n"
						"UPDATE site_stats SET views = views + 1 WHERE id = 1;\n"
						"\\sleep 5000 us\nSELECT id, path FROM pages WHERE id = :page;\n"
						"\\sleep 1500 us\nSELECT views FROM site_stats WHERE id = 1;\n"
						"COMMIT;\n");
	free(r);
	load_script_free(&s);
	/* the same script where the drill allows no write: refused */
	assert_false(load_script_parse(counter_script, strlen(counter_script), 0, &s, &err));
	assert_non_null(strstr(err.message, "not one SELECT"));
}

/* Replacing a write: the allowed kinds, on the drill's writable tables or
 * the setup's own; every way out refused. */
static void
test_write_answers(void **state)
{
	static const struct {
		const char *answer;
		const char *says;   /* NULL = accepted */
	} c[] = {
		{"CREATE TABLE view_log (page int NOT NULL);\n"
		 "-- pgdrill: replace count_view\nINSERT INTO view_log (page) VALUES (:page);\n"
		 "-- pgdrill: replace total_views\n"
		 "SELECT views + (SELECT count(*) FROM view_log) FROM site_stats WHERE id = 1;\n",
		 NULL},
		{"-- pgdrill: replace count_view\n"
		 "UPDATE site_stats SET views = views + 1 WHERE id = 1 + 0;\n", NULL},
		{"CREATE TABLE shards (s int PRIMARY KEY, n bigint NOT NULL);\n"
		 "-- pgdrill: replace count_view\nINSERT INTO shards VALUES (:page % 8, 1) "
		 "ON CONFLICT (s) DO UPDATE SET n = shards.n + 1;\n", NULL},
		/* a table neither writable nor created */
		{"-- pgdrill: replace count_view\nUPDATE pages SET path = 'x' WHERE id = :page;\n",
		 "writes table pages"},
		{"-- pgdrill: replace count_view\nINSERT INTO orders VALUES (1);\n",
		 "writes table orders"},
		{"-- pgdrill: replace count_view\nUPDATE pg_catalog.pg_class SET relname = 'x';\n",
		 "schema pg_catalog"},
		/* kinds outside the allow-list */
		{"-- pgdrill: replace count_view\nDELETE FROM site_stats;\n", "DELETE is not a write"},
		{"CREATE TABLE t2 (a int);\n-- pgdrill: replace count_view\n"
		 "MERGE INTO t2 USING pages p ON t2.a = p.id WHEN NOT MATCHED THEN INSERT VALUES (1);\n",
		 "MERGE is not a write"},
		{"-- pgdrill: replace count_view\nWITH x AS (DELETE FROM pages RETURNING 1) "
		 "UPDATE site_stats SET views = views + 1;\n", "data-modifying statement in WITH"},
		{"-- pgdrill: replace count_view\nSELECT 1;\n", "SELECT is not a write"},
		/* a read replaced by a write, a write hidden in a read */
		{"-- pgdrill: replace page\nUPDATE site_stats SET views = 0;\n", "replacement of page"},
		{"-- pgdrill: replace total_views\nWITH u AS (UPDATE site_stats SET views = 0 "
		 "RETURNING views) SELECT views FROM u;\n", "replacement of total_views"},
		/* setup: writes and other DDL are not setup */
		{"UPDATE site_stats SET views = 0;\n", "UPDATE is not allowed in an answer"},
		{"INSERT INTO site_stats VALUES (2, 0);\n", "INSERT is not allowed in an answer"},
		{"CREATE TEMP TABLE t (a int);\n", "TEMPORARY"},
		{"CREATE TABLE t AS SELECT * FROM pages;\n", "CREATE TABLE AS"},
		{"CREATE TABLE t (a int) INHERITS (site_stats);\n", "INHERITS"},
		{"CREATE TRIGGER t AFTER UPDATE ON site_stats FOR EACH ROW EXECUTE FUNCTION f();\n",
		 "CREATE TRIGGER"},
	};
	static char *const writable[] = {"site_stats"};
	load_rules rules = {SQL_ALLOW_CREATE_INDEX | SQL_ALLOW_CREATE_TABLE,
		SQL_ALLOW_UPDATE | SQL_ALLOW_INSERT, writable, 1, false};
	load_script s;
	error err = {0};

	(void) state;
	assert_true(load_script_parse(counter_script, strlen(counter_script), SQL_ALLOW_UPDATE,
								  &s, &err));
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		load_answer a;
		bool ok;

		if (!load_answer_parse(c[i].answer, strlen(c[i].answer), &a, &err))
			fail_msg("case %zu does not parse: %s", i, err.message);
		ok = load_answer_check(&a, &s, 1, &rules, &err);
		if (c[i].says == NULL && !ok)
			fail_msg("case %zu refused: %s", i, err.message);
		if (c[i].says != NULL) {
			if (ok)
				fail_msg("case %zu accepted", i);
			assert_int_equal(err.kind, ERROR_REJECTED);
			if (strstr(err.message, c[i].says) == NULL)
				fail_msg("case %zu: \"%s\" does not say \"%s\"", i, err.message, c[i].says);
		}
		load_answer_free(&a);
	}
	/* without insert in the allow-list the log table answer is refused */
	{
		load_answer a;
		load_rules upd = rules;

		upd.write_allow = SQL_ALLOW_UPDATE;
		assert_true(load_answer_parse(c[0].answer, strlen(c[0].answer), &a, &err));
		assert_false(load_answer_check(&a, &s, 1, &upd, &err));
		assert_non_null(strstr(err.message, "INSERT is not allowed in this drill"));
		load_answer_free(&a);
	}
	/* the setup's tables */
	{
		char **names;
		size_t n = load_setup_tables("CREATE TABLE A (x int); CREATE INDEX ON a (x);\n"
									 "CREATE TABLE b (y int);", rules.setup_allow, &names);

		assert_int_equal(n, 2);
		assert_string_equal(names[0], "a");
		assert_string_equal(names[1], "b");
		free(names[0]);
		free(names[1]);
		free(names);
		assert_int_equal(load_setup_tables("-- nothing", rules.setup_allow, &names), 0);
		assert_null(names);
	}
	load_script_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_script_parse),
		cmocka_unit_test(test_script_refusals),
		cmocka_unit_test(test_substitute_and_samples),
		cmocka_unit_test(test_answer_parse),
		cmocka_unit_test(test_answer_refusals),
		cmocka_unit_test(test_answer_check),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_writing_script),
		cmocka_unit_test(test_write_answers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
