/*
 * test_rounding.c — unit tests for scoring/grade/rounding.c (rounding
 * ladders: to how many significant digits two results agree) and the
 * digit-parameterised canonical float and row hash of rowhash.c it uses.
 * Table-driven: each case is two small results as text, as libpq returns
 * them, and the agreement expected.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "grade/rounding.h"

#define INT4 23
#define TEXT 25
#define FLOAT8 701
#define NUMERIC 1700

static void
test_canonical_at(void **state)
{
	static const struct {
		const char *in;
		int digits;
		const char *out;
	} c[] = {
		{"123456.78", 4, "1.235e5"},
		{"123456.78", 12, "1.2345678e5"},
		{"123456.78", 0, "1e5"},          /* clamped to 1 digit */
		{"123456.78", 99, "1.2345678e5"}, /* clamped to 12 */
		{"3.14159265358979", 7, "3.141593e0"},
		{"-0.000999951", 3, "-1e-3"},     /* rounding carries into a new digit */
		{"NaN", 3, "NaN"},
	};

	(void) state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		char out[COMPARE_CANON_MAX];

		assert_true(compare_canonical_float_at(c[i].in, strlen(c[i].in), c[i].digits, out,
											   sizeof out));
		assert_string_equal(out, c[i].out);
	}
	{
		char out[COMPARE_CANON_MAX], full[COMPARE_CANON_MAX];

		/* at 12 digits it is the comparison's own canonical form */
		assert_true(compare_canonical_float("2.718281828459045", 17, full, sizeof full));
		assert_true(compare_canonical_float_at("2.718281828459045", 17, 12, out, sizeof out));
		assert_string_equal(out, full);
		assert_false(compare_canonical_float_at("abc", 3, 5, out, sizeof out));
	}
}

#define MAXROWS 4
#define MAXCOLS 3

typedef struct table {
	int ncols;
	uint32_t types[MAXCOLS];
	size_t nrows;
	const char *cells[MAXROWS][MAXCOLS];
} table;

static rounding_ladder *
ladder_of(const table *t)
{
	rounding_ladder *l = rounding_ladder_new(t->ncols, t->types);

	for (size_t r = 0; r < t->nrows; r++)
		rounding_ladder_add(l, t->cells[r], NULL);
	return l;
}

static void
test_agreement_table(void **state)
{
	static const struct {
		const char *name;
		table expected, actual;
		int digits;
	} c[] = {
		{"round(x, 6): agrees to 7 digits",
		 {2, {INT4, NUMERIC}, 2, {{"1", "3.14159265358979"}, {"2", "2.71828182845905"}}},
		 {2, {INT4, NUMERIC}, 2, {{"1", "3.141593"}, {"2", "2.718282"}}}, 7},
		{"rows in another order: a multiset",
		 {2, {INT4, FLOAT8}, 2, {{"1", "0.333333333333333"}, {"2", "0.666666666666667"}}},
		 {2, {INT4, FLOAT8}, 2, {{"2", "0.66667"}, {"1", "0.33333"}}}, 5},
		{"a different key is not rounding",
		 {2, {TEXT, NUMERIC}, 1, {{"a", "1.5"}}},
		 {2, {TEXT, NUMERIC}, 1, {{"b", "1.5"}}}, 0},
		{"a different count next to a rounded value is not rounding",
		 {2, {INT4, NUMERIC}, 1, {{"285", "108362.49"}}},
		 {2, {INT4, NUMERIC}, 1, {{"284", "108362"}}}, 0},
		{"a wrong sum is not rounding",
		 {1, {NUMERIC}, 1, {{"92137.22"}}},
		 {1, {NUMERIC}, 1, {{"91692.99"}}}, 0},
		{"a near miss with as many digits is not rounding",
		 {1, {NUMERIC}, 1, {{"3.14159265358979"}}},
		 {1, {NUMERIC}, 1, {{"3.14159265358900"}}}, 0},
		{"round(sum, 0): a lower bound of the digits",
		 {2, {INT4, NUMERIC}, 1, {{"285", "108362.49"}}},
		 {2, {INT4, NUMERIC}, 1, {{"285", "108362"}}}, 6},
		{"a cast to real changes the column type: not rounding",
		 {1, {FLOAT8}, 1, {{"0.1234567890123"}}},
		 {1, {700}, 1, {{"0.12345679"}}}, 0},
		{"NULL is not zero",
		 {1, {NUMERIC}, 1, {{NULL}}},
		 {1, {NUMERIC}, 1, {{"0"}}}, 0},
		{"no numeric column",
		 {1, {TEXT}, 1, {{"x"}}},
		 {1, {TEXT}, 1, {{"y"}}}, 0},
		{"other row counts",
		 {1, {NUMERIC}, 2, {{"1.5"}, {"2.5"}}},
		 {1, {NUMERIC}, 1, {{"1.5"}}}, 0},
		{"other column types",
		 {1, {NUMERIC}, 1, {{"1.5"}}},
		 {1, {FLOAT8}, 1, {{"1.5"}}}, 0},
		{"no rows",
		 {1, {NUMERIC}, 0, {{NULL}}},
		 {1, {NUMERIC}, 0, {{NULL}}}, 0},
	};

	(void) state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		rounding_ladder *e = ladder_of(&c[i].expected), *a = ladder_of(&c[i].actual);
		int d = rounding_agreement(e, a);

		if (d != c[i].digits)
			fail_msg("%s: %d digits, expected %d", c[i].name, d, c[i].digits);
		rounding_ladder_free(e);
		rounding_ladder_free(a);
	}
	assert_int_equal(rounding_agreement(NULL, NULL), 0);
	rounding_ladder_free(NULL);
}

/* Many rows: the ladder grows, and the agreement is still found. */
static void
test_many_rows(void **state)
{
	uint32_t types[2] = {INT4, FLOAT8};
	rounding_ladder *e = rounding_ladder_new(2, types), *a = rounding_ladder_new(2, types);

	(void) state;
	for (int i = 0; i < 1000; i++) {
		char id[16], full[32], rounded[32];
		const char *re[2] = {id, full}, *ra[2] = {id, rounded};

		snprintf(id, sizeof id, "%d", i);
		snprintf(full, sizeof full, "%.15g", 1000.0 + i / 7.0);
		snprintf(rounded, sizeof rounded, "%.3f", 1000.0 + i / 7.0);
		rounding_ladder_add(e, re, NULL);
		rounding_ladder_add(a, ra, NULL);
	}
	/* 7 significant digits in the values; straddles at the last ones */
	assert_in_range(rounding_agreement(e, a), 4, 7);
	rounding_ladder_free(e);
	rounding_ladder_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical_at),
		cmocka_unit_test(test_agreement_table),
		cmocka_unit_test(test_many_rows),
	};
	return cmocka_run_group_tests_name("grade_rounding", tests, NULL, NULL);
}
