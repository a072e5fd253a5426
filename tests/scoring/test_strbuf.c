/*
 * test_strbuf.c — unit tests for scoring/strbuf.c and scoring/hash.c: growth
 * across many appends, printf formatting, stealing ownership, stable hashes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fnv.h"
#include "strbuf.h"

static void
test_growth(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void) state;
	assert_string_equal(strbuf_str(&sb), "");
	for (int i = 0; i < 10000; i++)
		strbuf_append_char(&sb, (char) ('a' + i % 26));
	assert_int_equal(sb.len, 10000);
	assert_int_equal(strlen(strbuf_str(&sb)), 10000);
	assert_int_equal(sb.data[26], 'a');
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	strbuf_printf(&sb, "%d-%s-%.1f", 42, "x", 1.5);
	assert_string_equal(strbuf_str(&sb), "42-x-1.5");
	char *s = strbuf_steal(&sb);
	assert_string_equal(s, "42-x-1.5");
	assert_null(sb.data);
	free(s);
	strbuf_free(&sb);
	strbuf_free(NULL);
}

static void
test_hash(void **state)
{
	char hex[17];

	(void) state;
	/* FNV-1a 64 reference values */
	assert_true(fnv_str(FNV_INIT, "") == UINT64_C(0xcbf29ce484222325));
	assert_true(fnv_str(FNV_INIT, "a") == UINT64_C(0xaf63dc4c8601ec8c));
	assert_true(fnv_str(FNV_INIT, "ab") != fnv_str(FNV_INIT, "ba"));
	fnv_hex(UINT64_C(0xaf63dc4c8601ec8c), hex);
	assert_string_equal(hex, "af63dc4c8601ec8c");
	assert_true(fnv_u64(FNV_INIT, 1) != fnv_u64(FNV_INIT, 2));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_hash),
	};
	return cmocka_run_group_tests_name("strbuf", tests, NULL, NULL);
}
