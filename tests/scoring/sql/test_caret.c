/*
 * test_caret.c — unit tests for scoring/sql/caret.c: psql-style excerpts
 * (line number, caret column, multi-byte characters, tabs, long lines cut
 * to a window, positions past the end, position 0).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sql/sql.h"

typedef struct caret_case {
	const char *src;
	int position;
	const char *expect;
} caret_case;

static const caret_case cases[] = {
	{"select 1", 0, ""},
	{"select 1", 1, "LINE 1: select 1\n        ^"},
	{"select 1", 8, "LINE 1: select 1\n               ^"},
	/* past the end: caret just after the last character */
	{"select 1", 9, "LINE 1: select 1\n                ^"},
	{"select 1", 99, "LINE 1: select 1\n                ^"},
	{"select a\nfrom t\nwhere x FROM", 25,
	 "LINE 3: where x FROM\n                ^"},
	/* the position of a newline is the end of its line */
	{"select a\nfrom t", 9, "LINE 1: select a\n                ^"},
	/* at the end of input after trailing blank lines: end of the last text */
	{"select 1 from\n\n", 16, "LINE 1: select 1 from\n                     ^"},
	/* multi-byte characters take one column each: 'é' is 2 bytes */
	{"select 'é', x", 14, "LINE 1: select 'é', x\n                    ^"},
	/* tabs show as one space */
	{"select\t1", 8, "LINE 1: select 1\n               ^"},
	/* CRLF: the \r is not shown */
	{"select 1\r\nfrom", 11, "LINE 2: from\n        ^"},
	/* long line, caret early: cut at the right */
	{"select aaaaaaaaaa, bbbbbbbbbb, cccccccccc, dddddddddd, eeeeeeeeee, ffffffffff, gggggggggg",
	 8, "LINE 1: select aaaaaaaaaa, bbbbbbbbbb, cccccccccc, dddddddddd, eeeee...\n"
		"               ^"},
	/* long line, caret late: cut at the left */
	{"select aaaaaaaaaa, bbbbbbbbbb, cccccccccc, dddddddddd, eeeeeeeeee, ffffffffff, gggggggggg",
	 81, "LINE 1: ... cccccccccc, dddddddddd, eeeeeeeeee, ffffffffff, gggggggggg\n"
		 "                                                             ^"},
};

static void
test_caret_table(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = sql_caret(cases[i].src, strlen(cases[i].src), cases[i].position);

		if (strcmp(got, cases[i].expect) != 0)
			print_error("case %zu: got\n%s\nexpected\n%s\n", i, got, cases[i].expect);
		assert_string_equal(got, cases[i].expect);
		free(got);
	}
}

static void
test_caret_null_and_empty(void **state)
{
	char *got;

	(void) state;
	got = sql_caret(NULL, 0, 3);
	assert_string_equal(got, "");
	free(got);
	got = sql_caret("", 0, 1);
	assert_string_equal(got, "LINE 1: \n        ^");
	free(got);
	got = sql_caret("x", 1, -5);
	assert_string_equal(got, "");
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caret_table),
		cmocka_unit_test(test_caret_null_and_empty),
	};
	return cmocka_run_group_tests_name("sql_caret", tests, NULL, NULL);
}
