/*
 * test_check_report.c — engine/report/check_report.c's text: a pass gets no
 * noise (no fault list, no red hottest node, no "what the reference does
 * differently"), a fail gets the feedback, advice follows the drill's
 * `allow`, and untrusted text (the message, the error detail, the title)
 * is shown through the terminal escaper.  Plans are the PostgreSQL 15
 * captures of tests/plans.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "grading/check.h"
#include "report/check_report.h"
#include "sql/sql.h"
#include "strbuf.h"

static plan *
load(const char *name)
{
	const char *src = getenv("PGDRILL_SOURCE_DIR");
	char *path = xasprintf("%s/tests/plans/%s", src ? src : ".", name);
	FILE *f = fopen(path, "rb");
	strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n;
	error err = {0};
	plan *p;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_append_len(&sb, buf, n);
	fclose(f);
	p = plan_parse(sb.data, sb.len, &err);
	if (p == NULL)
		fail_msg("%s: %s", path, err.message);
	strbuf_free(&sb);
	free(path);
	return p;
}

static char *
report(check_status status, unsigned allow, const char *message)
{
	drill d = {0};
	check_result r = {0};
	char *text;

	d.id = (char *) "probe";
	d.title = (char *) "Title \x1b]0;owned\x07";
	d.allow = allow;
	r.status = status;
	r.message = xstrdup(message);
	r.measured = true;
	r.runs = 3;
	r.scale = 1;
	r.answer.plan = load("pg15_seq_scan_filter.json");
	r.reference.plan = load("pg15_index_filter.json");
	text = check_report_text(&d, &r, true, "pgdrill");
	check_result_release(&r);
	return text;
}

static void
test_pass_is_quiet(void **state)
{
	char *t = report(CHECK_PASS, SQL_ALLOW_SELECT, "Pass: score 100.0");

	(void) state;
	assert_non_null(strstr(t, "Pass: score 100.0"));
	assert_null(strstr(t, "What the reference does differently"));
	assert_null(strstr(t, "Hottest node"));
	assert_null(strstr(t, "What your plan shows"));
	assert_null(strstr(t, "\033[1;31m#"));
	free(t);
}

static void
test_fail_explains_within_allow(void **state)
{
	char *t = report(CHECK_FAIL, SQL_ALLOW_SELECT, "Fail: score 10.0");
	char *i = report(CHECK_FAIL, SQL_ALLOW_SELECT | SQL_ALLOW_CREATE_INDEX, "Fail: score 10.0");

	(void) state;
	assert_non_null(strstr(t, "Hottest node"));
	assert_non_null(strstr(t, "What the reference does differently"));
	assert_null(strstr(t, "Try: an index"));
	assert_non_null(strstr(t, "Try: rewrite the query so that an existing index applies"));
	assert_non_null(strstr(i, "Try: an index on the column(s) of the filter"));
	free(t);
	free(i);
}

static void
test_untrusted_text_escaped(void **state)
{
	char *t = report(CHECK_FAIL, SQL_ALLOW_SELECT, "rows differ: \x1b[2K\r PASS");

	(void) state;
	assert_non_null(strstr(t, "Title \\x1b]0;owned\\x07"));
	assert_non_null(strstr(t, "rows differ: \\x1b[2K\\x0d PASS"));
	assert_null(strstr(t, "\x1b]"));
	assert_null(strstr(t, "\x1b[2K"));
	assert_null(strchr(t, '\r'));
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pass_is_quiet),
		cmocka_unit_test(test_fail_explains_within_allow),
		cmocka_unit_test(test_untrusted_text_escaped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
