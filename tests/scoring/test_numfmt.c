/*
 * test_numfmt.c — unit tests for scoring/numfmt.c: thousands separators,
 * rounding, and the values that have no count (negative, NaN, infinite).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "numfmt.h"

static void
test_counts(void **state)
{
	static const struct {
		double v;
		const char *text;
	} cases[] = {
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {12345, "12,345"},
		{396000, "396,000"}, {1234567, "1,234,567"}, {999.6, "1,000"},
		{-5, "0"}, {NAN, "0"}, {INFINITY, "0"}, {1e30, "900,000,000,000,000,000"},
	};
	char buf[32];

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(numfmt_count(cases[i].v, buf), cases[i].text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
	};

	return cmocka_run_group_tests_name("numfmt", tests, NULL, NULL);
}
