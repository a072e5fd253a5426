/*
 * test_escape.c — scoring/escape.c: the one escaper for untrusted text,
 * and that the echoes built in scoring/ (caret excerpts, the plan picture,
 * insights, a text plan's error) go through it.  The escape-sequence
 * cases are those of tests/hostile/escape_*.sql.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "escape.h"
#include "plan/insight.h"
#include "plan/plan.h"
#include "plan/render.h"
#include "sql/sql.h"

typedef struct esc_case {
	const char *in, *out;
} esc_case;

static const esc_case terminal_cases[] = {
	{"plain SELECT 1", "plain SELECT 1"},
	{"OSC \x1b]0;pwned\x07 title", "OSC \\x1b]0;pwned\\x07 title"},
	{"CSI \x1b[2K\x1b[1A\x1b[8mhidden", "CSI \\x1b[2K\\x1b[1A\\x1b[8mhidden"},
	{"bell\a", "bell\\x07"},
	{"PASS\rFAIL", "PASS\\x0dFAIL"},
	{"tab\tkept\nnewline kept", "tab\tkept\nnewline kept"},
	{"del\x7f", "del\\x7f"},
	{"C1 CSI \xc2\x9b" "2J", "C1 CSI \\u009b2J"},
	{"bidi \xe2\x80\xae" "evil", "bidi \\u202eevil"},
	{"isolate \xe2\x81\xa6x", "isolate \\u2066x"},
	{"caf\xc3\xa9 \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x90\x98", "caf\xc3\xa9 \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x90\x98"},
	{"bad \xff byte", "bad \\xff byte"},
	{"overlong \xc0\xaf", "overlong \\xc0\\xaf"},
	{"cut \xe2\x9c", "cut \\xe2\\x9c"},
	{"surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80"},
	{"", ""},
};

static void
test_terminal(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof terminal_cases / sizeof terminal_cases[0]; i++) {
		char *e = escape_terminal(terminal_cases[i].in);

		if (strcmp(e, terminal_cases[i].out) != 0)
			fail_msg("case %zu: \"%s\", expected \"%s\"", i, e, terminal_cases[i].out);
		assert_int_equal(escape_terminal_needed(terminal_cases[i].in),
						 strcmp(terminal_cases[i].in, terminal_cases[i].out) != 0);
		free(e);
	}
	assert_null(escape_terminal(NULL));
}

static void
test_newlines_and_nul(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void) state;
	escape_terminal_append(&sb, "a\nb\0c", 5, false);
	assert_string_equal(sb.data, "a\\x0ab\\x00c");
	strbuf_free(&sb);
	escape_terminal_append(&sb, NULL, 0, false);
	assert_int_equal(sb.len, 0);
	strbuf_free(&sb);
}

static void
test_html(void **state)
{
	char *e;

	(void) state;
	e = escape_html("<script>alert('x' & \"y\")</script>\x1b[2J caf\xc3\xa9\n");
	assert_string_equal(e, "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
						"\\x1b[2J caf\xc3\xa9\n");
	free(e);
	assert_null(escape_html(NULL));
}

/* The caret excerpt shows the escape visibly and still points at the
 * character it means. */
static void
test_caret(void **state)
{
	const char *sql = "SELECT \x1b]0;pwned\x07 broken";
	char *c;

	(void) state;
	c = sql_caret(sql, strlen(sql), (int) (strstr(sql, "broken") - sql) + 1);
	assert_string_equal(c, "LINE 1: SELECT \\x1b]0;pwned\\x07 broken\n"
						"                                ^");
	free(c);
}

/* A pasted text plan with escapes in names: picture, insights and the
 * error's "near:" line show them escaped. */
static void
test_plan_echoes(void **state)
{
	const char *text =
		"Seq Scan on \"evil\x1b]0;pwned\x07\"  (cost=0.00..100.00 rows=10 width=4) "
		"(actual time=0.010..50.000 rows=10 loops=1)\n"
		"  Filter: (note = 'x\x1b[2K')\n"
		"  Rows Removed by Filter: 100000\n";
	const char *bad = "Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)\n  \x1b[8mhidden\r\n";
	error err = {0};
	plan *p = plan_parse(text, strlen(text), &err);
	insight_list *l;
	char *pic, *ins;

	(void) state;
	assert_non_null(p);
	pic = plan_render(p, true, 0);
	l = plan_insights(p);
	ins = insight_list_text(l, true);
	assert_non_null(strstr(pic, "evil\\x1b]0;pwned\\x07"));
	assert_null(strstr(pic, "\x1b]"));
	assert_null(strchr(pic, '\a'));
	assert_null(strstr(ins, "\x1b]"));
	assert_null(strstr(ins, "\x1b[2K"));
	free(pic);
	free(ins);
	insight_list_free(l);
	plan_free(p);

	assert_null(plan_parse(bad, strlen(bad), &err));
	{
		char *d = escape_terminal(err.detail);

		assert_non_null(strstr(d, "near:   \\x1b[8mhidden"));
		free(d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terminal),
		cmocka_unit_test(test_newlines_and_nul),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_caret),
		cmocka_unit_test(test_plan_echoes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
