/*
 * test_report.c — unit tests for the CI renderers (engine/report/report_junit.c,
 * engine/report/report_github.c) on hand-made runs, no server: the exit-code
 * precedence (4 > 3 > 1 > 0) table-driven over mixes of statuses, XML and
 * workflow-command escaping tables, which answers get an annotation and on
 * which line and column, and the JUnit counts and elements.  Schema
 * validation of real output is tests/db/test_grade.c's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "strbuf.h"

/* A run from a string of statuses: p(ass) f(ail) r(ejected) e(rror). */
static grade_item *
make_items(const char *statuses, size_t *n)
{
	grade_item *items = xcalloc(strlen(statuses) + 1, sizeof(grade_item));

	*n = strlen(statuses);
	for (size_t i = 0; i < *n; i++) {
		grade_item *it = &items[i];

		it->file = xasprintf("answers/s%zu/d%zu.sql", i, i);
		it->drill_id = xasprintf("d%zu", i);
		it->line = 1;
		switch (statuses[i]) {
		case 'p':
			it->r.status = CHECK_PASS;
			it->r.message = xstrdup("Pass: score 100.0");
			break;
		case 'f':
			it->r.status = CHECK_FAIL;
			it->r.message = xstrdup("Fail: score 10.0, not faster");
			break;
		case 'r':
			it->r.status = CHECK_REJECTED;
			error_set(&it->r.err, ERROR_REJECTED, "syntax error at or near \"FROM\"");
			error_detail(&it->r.err, "LINE 3: FROM FROM x\n             ^");
			it->r.err.position = 20;
			it->r.message = xstrdup(it->r.err.message);
			it->line = 3;
			it->column = 6;
			break;
		default:
			it->r.status = CHECK_ERROR;
			error_set(&it->r.err, ERROR_ENV, "cannot connect to PostgreSQL");
			it->r.message = xstrdup(it->r.err.message);
		}
	}
	return items;
}

static void
free_items(grade_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].file);
		free(items[i].drill_id);
		check_result_release(&items[i].r);
	}
	free(items);
}

static const struct {
	const char *statuses;
	int code;
} exit_cases[] = {
	{"", 0}, {"p", 0}, {"ppp", 0}, {"pf", 1}, {"fp", 1}, {"pr", 3},
	{"fr", 3}, {"rf", 3}, {"fre", 4}, {"ep", 4}, {"rrrf", 3},
};

static void
test_exit_code_precedence(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof exit_cases / sizeof exit_cases[0]; i++) {
		size_t n;
		grade_item *items = make_items(exit_cases[i].statuses, &n);
		grade_run run = {items, n, 1.0, "2026-11-27T07:00:00Z", 0, 0};

		if (report_exit_code(&run) != exit_cases[i].code)
			fail_msg("\"%s\": exit %d, want %d", exit_cases[i].statuses,
					 report_exit_code(&run), exit_cases[i].code);
		free_items(items, n);
	}
}

static const struct {
	const char *in, *xml, *data, *property;
} escape_cases[] = {
	{"plain", "plain", "plain", "plain"},
	{"a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&apos;", "a<b>&\"c'", "a<b>&\"c'"},
	{"100%", "100%", "100%25", "100%25"},
	{"l1\nl2\r", "l1\nl2\r", "l1%0Al2%0D", "l1%0Al2%0D"},
	{"a:b,c", "a:b,c", "a:b,c", "a%3Ab%2Cc"},
	{"bell\x07" "x", "bell\xef\xbf\xbdx", "bell\x07x", "bell\x07x"},
	{"", "", "", ""},
};

static void
test_escaping(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof escape_cases / sizeof escape_cases[0]; i++) {
		char *x = report_xml_escape(escape_cases[i].in);
		char *d = report_github_escape(escape_cases[i].in, 0);
		char *p = report_github_escape(escape_cases[i].in, 1);

		assert_string_equal(x, escape_cases[i].xml);
		assert_string_equal(d, escape_cases[i].data);
		assert_string_equal(p, escape_cases[i].property);
		free(x);
		free(d);
		free(p);
	}
}

static void
test_github_annotations(void **state)
{
	size_t n;
	grade_item *items = make_items("pfre", &n);
	grade_run run = {items, n, 2.5, "2026-11-27T07:00:00Z", 0, 0};
	char *out = report_github(&run);
	int lines = 0;

	(void) state;
	for (const char *p = out; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 4);                 /* 3 annotations + the notice */
	assert_null(strstr(out, "file=answers/s0/d0.sql"));   /* a pass is not annotated */
	assert_non_null(strstr(out, "::error file=answers/s1/d1.sql,line=1,title=pgdrill d1%3A fail::"
						   "Fail: score 10.0, not faster\n"));
	assert_non_null(strstr(out, "::error file=answers/s2/d2.sql,line=3,col=6,title=pgdrill d2%3A "
						   "rejected::syntax error at or near \"FROM\"%0ALINE 3: FROM FROM x%0A"));
	assert_non_null(strstr(out, "::error file=answers/s3/d3.sql,line=1,title=pgdrill d3%3A error::"));
	assert_non_null(strstr(out, "::notice title=pgdrill grade::4 answers: 1 passed, 1 failed, "
						   "1 rejected, 1 error\n"));
	free(out);
	free_items(items, n);
}

static void
test_junit_elements(void **state)
{
	size_t n;
	grade_item *items = make_items("pfre", &n);
	grade_run run = {items, n, 2.5, "2026-11-27T07:00:00Z", 2, 3};
	char *out = report_junit(&run);

	(void) state;
	assert_non_null(strstr(out, "<testsuites name=\"pgdrill\" tests=\"4\" failures=\"1\" errors=\"2\""));
	assert_non_null(strstr(out, "<testsuite name=\"pgdrill grade (shard 2/3)\" tests=\"4\""));
	assert_non_null(strstr(out, "timestamp=\"2026-11-27T07:00:00Z\""));
	assert_non_null(strstr(out, "<testcase classname=\"d1\" name=\"answers/s1/d1.sql\""));
	assert_non_null(strstr(out, "<failure type=\"fail\" message=\"Fail: score 10.0, not faster\">"));
	assert_non_null(strstr(out, "<error type=\"rejected\" message=\"syntax error at or near "
						   "&quot;FROM&quot;\">"));
	assert_non_null(strstr(out, "at line 3, column 6</error>"));
	assert_non_null(strstr(out, "<error type=\"error\""));
	/* one testcase per answer, every one closed */
	{
		int open = 0, close = 0;

		for (const char *p = out; (p = strstr(p, "<testcase ")); p++)
			open++;
		for (const char *p = out; (p = strstr(p, "</testcase>")); p++)
			close++;
		assert_int_equal(open, 4);
		assert_int_equal(close, 4);
	}
	free(out);
	free_items(items, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exit_code_precedence),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_github_annotations),
		cmocka_unit_test(test_junit_elements),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
