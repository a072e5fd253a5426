/*
 * test_textpos.c — unit tests for scoring/textpos.c: lines count '\n',
 * columns count UTF-8 characters, positions out of range are clamped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "textpos.h"

typedef struct pos_case {
	const char *text;
	long position;
	int line, column;
} pos_case;

static const pos_case cases[] = {
	{"select 1", 1, 1, 1},
	{"select 1", 8, 1, 8},
	{"select 1", 9, 1, 9},           /* just after the last byte */
	{"select 1", 99, 1, 9},          /* clamped to the end */
	{"select 1", 0, 1, 1},           /* no position */
	{"select 1", -5, 1, 1},
	{"a\nbc\n\nd", 3, 2, 1},         /* first byte of line 2 */
	{"a\nbc\n\nd", 4, 2, 2},
	{"a\nbc\n\nd", 6, 3, 1},         /* an empty line */
	{"a\nbc\n\nd", 7, 4, 1},
	{"a\r\nb", 4, 2, 1},             /* \r is an ordinary byte */
	{"'\xc3\xa9t\xc3\xa9' x", 7, 1, 5},   /* 'été': 2 two-byte characters */
	{"\xe2\x82\xac\xe2\x82\xac!", 7, 1, 3},  /* two 3-byte euro signs, then '!' */
};

static void
test_line_column_table(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const pos_case *c = &cases[i];
		int line = -1, column = -1;

		text_line_column(c->text, strlen(c->text), c->position, &line, &column);
		if (line != c->line || column != c->column)
			fail_msg("case %zu (position %ld): got line %d column %d, expected %d:%d", i,
					 c->position, line, column, c->line, c->column);
		assert_int_equal(text_line(c->text, strlen(c->text), c->position), c->line);
	}
}

/* len bounds the scan: a NUL-free text is never read past len. */
static void
test_len_bounds_the_scan(void **state)
{
	int line, column;

	(void) state;
	text_line_column("ab\ncd", 2, 5, &line, &column);
	assert_int_equal(line, 1);
	assert_int_equal(column, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_column_table),
		cmocka_unit_test(test_len_bounds_the_scan),
	};

	return cmocka_run_group_tests_name("textpos", tests, NULL, NULL);
}
