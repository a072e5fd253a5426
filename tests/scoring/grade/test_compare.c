/*
 * test_compare.c — unit tests for scoring/grade/rowhash.c and compare.c:
 * canonical float text, value and row hashing (NULL vs '' vs 'NULL', column
 * boundaries), and compare_digests over a table of small results covering
 * multisets with duplicates, NULLs, float tolerance, column count and type
 * mismatches, ordered comparison with ties and without keys, then many
 * synthetic rows through the digest (enough for the digest to grow many
 * times past its initial capacity), and compare_describe's English.
 * Not a benchmark: the large case checks correctness, not time; a million
 * rows, timed, are bench/bench_compare.c's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "grade/compare.h"

#define INT4 23
#define INT8 20
#define TEXT 25
#define FLOAT4 700
#define FLOAT8 701
#define NUMERIC 1700

#define MAXCOLS 8
#define MAXROWS 8

/* ---- canonical floats ---------------------------------------------- */

static const struct {
	const char *in;
	const char *out;   /* NULL: not a number */
} canon_cases[] = {
	{"0", "0"},
	{"-0", "0"},
	{"0.000", "0"},
	{"-0.0e5", "0"},
	{"1.5", "1.5e0"},
	{"-1.5", "-1.5e0"},
	{"+7", "7e0"},
	{"100", "1e2"},
	{"1.50", "1.5e0"},
	{"0.00123", "1.23e-3"},
	{".5", "5e-1"},
	{"5.", "5e0"},
	{"1E3", "1e3"},
	{"1e+100", "1e100"},
	{"1e400", "1e400"},
	{"2.5e-400", "2.5e-400"},
	{"1.2345678901234567e-05", "1.23456789012e-5"},
	{"0.30000000000000004", "3e-1"},
	{"0.1", "1e-1"},
	{"123456789012.5", "1.23456789013e11"},
	{"-123456789012.5", "-1.23456789013e11"},
	{"123456789012.4999", "1.23456789012e11"},
	{"9.999999999995", "1e1"},
	{"-9.999999999995", "-1e1"},
	{"9.999999999994", "9.99999999999e0"},
	{"3.3333333333333333", "3.33333333333e0"},
	{"3.33333333333333333333", "3.33333333333e0"},
	{"NaN", "NaN"},
	{"nan", "NaN"},
	{"-NaN", "NaN"},
	{"Infinity", "Infinity"},
	{"-Infinity", "-Infinity"},
	{"inf", "Infinity"},
	{"", NULL},
	{"-", NULL},
	{"abc", NULL},
	{"1.2.3", NULL},
	{"e5", NULL},
	{"1e", NULL},
	{"1e+", NULL},
	{"--1", NULL},
	{"1 ", NULL},
	{".", NULL},
	{"Infinityx", NULL},
};

static void
test_canonical_float(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof canon_cases / sizeof canon_cases[0]; i++) {
		char out[COMPARE_CANON_MAX];
		bool ok = compare_canonical_float(canon_cases[i].in, strlen(canon_cases[i].in),
										  out, sizeof out);

		if (canon_cases[i].out == NULL) {
			if (ok)
				fail_msg("'%s' should not parse, gave '%s'", canon_cases[i].in, out);
		} else {
			if (!ok)
				fail_msg("'%s' should parse", canon_cases[i].in);
			if (strcmp(out, canon_cases[i].out) != 0)
				fail_msg("'%s' -> '%s', expected '%s'", canon_cases[i].in, out,
						 canon_cases[i].out);
		}
	}
}

static void
test_canonical_float_edges(void **state)
{
	char out[COMPARE_CANON_MAX];
	char big[4000];

	(void) state;
	/* text is not NUL-terminated: only len bytes count */
	assert_true(compare_canonical_float("1.55", 3, out, sizeof out));
	assert_string_equal(out, "1.5e0");
	/* a buffer too small is refused, not overrun */
	assert_false(compare_canonical_float("1", 1, out, 8));
	/* a numeric with thousands of digits */
	memset(big, '9', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_true(compare_canonical_float(big, strlen(big), out, sizeof out));
	assert_string_equal(out, "1e3999");
	/* a huge exponent is clamped, not overflowed */
	assert_true(compare_canonical_float("1e99999999999999999999", 22, out, sizeof out));
	assert_true(compare_canonical_float("1e-99999999999999999999", 23, out, sizeof out));
	assert_true(compare_type_is_float(FLOAT4));
	assert_true(compare_type_is_float(FLOAT8));
	assert_true(compare_type_is_float(NUMERIC));
	assert_false(compare_type_is_float(TEXT));
	assert_false(compare_type_is_float(INT4));
}

/*
 * Properties over generated text (a fixed xorshift sequence, so a failure
 * reproduces): never writes past COMPARE_CANON_MAX, canonical text is a
 * fixed point (canonicalising it again gives itself), and -x canonicalises
 * to the negation of x.
 */
static void
test_canonical_float_generated(void **state)
{
	static const char alphabet[] = "0123456789012345678900000.eE+-nNaIfity";
	uint64_t x = UINT64_C(0x9e3779b97f4a7c15);
	size_t parsed = 0;

	(void) state;
	for (int iter = 0; iter < 200000; iter++) {
		char in[48], out[COMPARE_CANON_MAX + 8], again[COMPARE_CANON_MAX];
		size_t len;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		len = (size_t) (x % 40);
		for (size_t i = 0; i < len; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			in[i] = alphabet[x % (sizeof alphabet - 1)];
		}
		in[len] = '\0';
		memset(out, 'Z', sizeof out);
		if (!compare_canonical_float(in, len, out, COMPARE_CANON_MAX)) {
			for (size_t i = COMPARE_CANON_MAX; i < sizeof out; i++)
				assert_int_equal(out[i], 'Z');
			continue;
		}
		parsed++;
		for (size_t i = COMPARE_CANON_MAX; i < sizeof out; i++)
			assert_int_equal(out[i], 'Z');
		assert_true(compare_canonical_float(out, strlen(out), again, sizeof again));
		if (strcmp(out, again) != 0)
			fail_msg("'%s' -> '%s' -> '%s': not a fixed point", in, out, again);
		if (in[0] >= '0' && in[0] <= '9') {
			char neg[50], nout[COMPARE_CANON_MAX];

			snprintf(neg, sizeof neg, "-%s", in);
			assert_true(compare_canonical_float(neg, strlen(neg), nout, sizeof nout));
			if (strcmp(out, "0") == 0 || strcmp(out, "NaN") == 0)
				assert_string_equal(nout, out);
			else if (nout[0] != '-' || strcmp(nout + 1, out) != 0)
				fail_msg("'%s' -> '%s' but '%s' -> '%s'", in, out, neg, nout);
		}
	}
	/* the generator must actually reach the parser's success paths */
	assert_true(parsed > 1000);
}

/* ---- row hashes -------------------------------------------------------- */

static void
test_row_hash_distinctions(void **state)
{
	uint32_t t1[] = {TEXT}, t2[] = {TEXT, TEXT}, f1[] = {FLOAT8};
	const char *null1[] = {NULL}, *empty1[] = {""}, *word1[] = {"NULL"};
	const char *abc1[] = {"ab", "c"}, *abc2[] = {"a", "bc"};
	const char *nn[] = {NULL, NULL}, *ne[] = {NULL, ""}, *en[] = {"", NULL};
	int lens_ab[] = {2, 1};
	uint64_t hn = compare_row_hash(1, t1, null1, NULL);
	uint64_t he = compare_row_hash(1, t1, empty1, NULL);
	uint64_t hw = compare_row_hash(1, t1, word1, NULL);

	(void) state;
	assert_true(hn != he);
	assert_true(hn != hw);
	assert_true(he != hw);
	/* column boundaries are part of the hash */
	assert_true(compare_row_hash(2, t2, abc1, NULL) != compare_row_hash(2, t2, abc2, NULL));
	assert_true(compare_row_hash(2, t2, nn, NULL) != compare_row_hash(2, t2, ne, NULL));
	assert_true(compare_row_hash(2, t2, ne, NULL) != compare_row_hash(2, t2, en, NULL));
	/* explicit lengths, NULL lens and negative lengths agree */
	{
		int neg[] = {-1, -1};

		assert_true(compare_row_hash(2, t2, abc1, lens_ab) == compare_row_hash(2, t2, abc1, NULL));
		assert_true(compare_row_hash(2, t2, abc1, neg) == compare_row_hash(2, t2, abc1, NULL));
	}
	/* a float column canonicalises, a text column does not */
	{
		const char *a[] = {"0.30000000000000004"}, *b[] = {"0.3"};

		assert_true(compare_row_hash(1, f1, a, NULL) == compare_row_hash(1, f1, b, NULL));
		assert_true(compare_row_hash(1, t1, a, NULL) != compare_row_hash(1, t1, b, NULL));
	}
	/* a float column holding something unparsable falls back to its text */
	{
		const char *a[] = {"garbage"}, *b[] = {"garbage"}, *c[] = {"garbagf"};

		assert_true(compare_row_hash(1, f1, a, NULL) == compare_row_hash(1, f1, b, NULL));
		assert_true(compare_row_hash(1, f1, a, NULL) != compare_row_hash(1, f1, c, NULL));
	}
	/* zero columns is a valid (empty) row */
	assert_true(compare_row_hash(0, t1, NULL, NULL) == compare_row_hash(0, t2, NULL, NULL));
}

static void
test_key_hash(void **state)
{
	uint32_t t[] = {INT4, TEXT};
	const char *r1[] = {"1", "a"}, *r2[] = {"1", "b"}, *r3[] = {"2", "a"};
	int k0[] = {0}, k1[] = {1}, bad[] = {7};

	(void) state;
	assert_true(compare_key_hash(2, t, r1, NULL, k0, 1) == compare_key_hash(2, t, r2, NULL, k0, 1));
	assert_true(compare_key_hash(2, t, r1, NULL, k0, 1) != compare_key_hash(2, t, r3, NULL, k0, 1));
	assert_true(compare_key_hash(2, t, r1, NULL, k1, 1) == compare_key_hash(2, t, r3, NULL, k1, 1));
	/* an out-of-range key column is a fixed marker, not a crash */
	assert_true(compare_key_hash(2, t, r1, NULL, bad, 1) == compare_key_hash(2, t, r2, NULL, bad, 1));
}

/* ---- the comparison table ------------------------------------------- */

/* Rows are written "v1|v2|..."; "~" is SQL NULL. */
typedef struct compare_case {
	const char *name;
	int ncols;
	uint32_t types[MAXCOLS];
	int actual_ncols;                  /* 0: same as ncols */
	uint32_t actual_types[MAXCOLS];    /* used when actual_types[0] != 0 */
	int keys[MAXCOLS];
	int nkeys;
	int actual_nkeys;                  /* -1: same keys as expected */
	bool ordered;
	const char *expected[MAXROWS];
	const char *actual[MAXROWS];
	compare_outcome outcome;
	size_t missing, extra;
	const char *missing_example;       /* row text, NULL: none */
	const char *extra_example;
	size_t order_position;
	int column;
} compare_case;

static const compare_case cases[] = {
	{.name = "same rows, other order, unordered", .ncols = 2, .types = {INT4, TEXT},
	 .actual_nkeys = -1,
	 .expected = {"1|a", "2|b", "3|c"}, .actual = {"3|c", "1|a", "2|b"},
	 .outcome = COMPARE_SAME},
	{.name = "duplicates are a multiset: swapped multiplicities", .ncols = 1,
	 .types = {TEXT}, .actual_nkeys = -1,
	 .expected = {"a", "a", "b"}, .actual = {"a", "b", "b"},
	 .outcome = COMPARE_ROWS, .missing = 1, .extra = 1,
	 .missing_example = "a", .extra_example = "b"},
	{.name = "duplicates: DISTINCT where the slow query has none", .ncols = 1,
	 .types = {TEXT}, .actual_nkeys = -1,
	 .expected = {"a", "a", "b"}, .actual = {"a", "b"},
	 .outcome = COMPARE_ROW_COUNT, .missing = 1, .missing_example = "a"},
	{.name = "duplicates: extra copies", .ncols = 1, .types = {TEXT}, .actual_nkeys = -1,
	 .expected = {"a", "b"}, .actual = {"b", "a", "b", "b"},
	 .outcome = COMPARE_ROW_COUNT, .extra = 2, .extra_example = "b"},
	{.name = "NULL equals NULL", .ncols = 2, .types = {INT4, TEXT}, .actual_nkeys = -1,
	 .expected = {"1|~", "~|~"}, .actual = {"~|~", "1|~"},
	 .outcome = COMPARE_SAME},
	{.name = "NULL is not the empty string", .ncols = 1, .types = {TEXT}, .actual_nkeys = -1,
	 .expected = {"~"}, .actual = {""},
	 .outcome = COMPARE_ROWS, .missing = 1, .extra = 1,
	 .missing_example = "~", .extra_example = ""},
	{.name = "NULL is not the text NULL", .ncols = 1, .types = {TEXT}, .actual_nkeys = -1,
	 .expected = {"~"}, .actual = {"NULL"},
	 .outcome = COMPARE_ROWS, .missing = 1, .extra = 1,
	 .missing_example = "~", .extra_example = "NULL"},
	{.name = "column boundaries", .ncols = 2, .types = {TEXT, TEXT}, .actual_nkeys = -1,
	 .expected = {"ab|c"}, .actual = {"a|bc"},
	 .outcome = COMPARE_ROWS, .missing = 1, .extra = 1,
	 .missing_example = "ab|c", .extra_example = "a|bc"},
	{.name = "float8 within tolerance (summation order)", .ncols = 1, .types = {FLOAT8},
	 .actual_nkeys = -1,
	 .expected = {"0.30000000000000004", "1e+100"}, .actual = {"0.3", "1.0000000000000001e+100"},
	 .outcome = COMPARE_SAME},
	{.name = "float8 outside tolerance", .ncols = 1, .types = {FLOAT8}, .actual_nkeys = -1,
	 .expected = {"0.3"}, .actual = {"0.3000001"},
	 .outcome = COMPARE_ROWS, .missing = 1, .extra = 1,
	 .missing_example = "0.3", .extra_example = "0.3000001"},
	{.name = "float8 differing at the 12th digit", .ncols = 1, .types = {FLOAT8},
	 .actual_nkeys = -1,
	 .expected = {"1.00000000001"}, .actual = {"1.00000000002"},
	 .outcome = COMPARE_ROWS, .missing = 1, .extra = 1,
	 .missing_example = "1.00000000001", .extra_example = "1.00000000002"},
	{.name = "float8 -0, NaN, Infinity", .ncols = 1, .types = {FLOAT8}, .actual_nkeys = -1,
	 .expected = {"-0", "NaN", "Infinity", "-Infinity"},
	 .actual = {"-Infinity", "0", "NaN", "Infinity"},
	 .outcome = COMPARE_SAME},
	{.name = "Infinity is not -Infinity", .ncols = 1, .types = {FLOAT8}, .actual_nkeys = -1,
	 .expected = {"Infinity"}, .actual = {"-Infinity"},
	 .outcome = COMPARE_ROWS, .missing = 1, .extra = 1,
	 .missing_example = "Infinity", .extra_example = "-Infinity"},
	{.name = "float4 within tolerance", .ncols = 1, .types = {FLOAT4}, .actual_nkeys = -1,
	 .expected = {"0.1"}, .actual = {"0.10000000000000000001"},
	 .outcome = COMPARE_SAME},
	{.name = "numeric scale and trailing digits", .ncols = 2, .types = {NUMERIC, NUMERIC},
	 .actual_nkeys = -1,
	 .expected = {"1.50|3.3333333333333333"}, .actual = {"1.5|3.33333333333333333333"},
	 .outcome = COMPARE_SAME},
	{.name = "text is compared exactly", .ncols = 1, .types = {TEXT}, .actual_nkeys = -1,
	 .expected = {"1.50"}, .actual = {"1.5"},
	 .outcome = COMPARE_ROWS, .missing = 1, .extra = 1,
	 .missing_example = "1.50", .extra_example = "1.5"},
	{.name = "column count", .ncols = 2, .types = {INT4, TEXT}, .actual_ncols = 1,
	 .actual_types = {INT4}, .actual_nkeys = -1,
	 .expected = {"1|a"}, .actual = {"1"},
	 .outcome = COMPARE_COLUMN_COUNT},
	{.name = "column type (int vs bigint)", .ncols = 3, .types = {TEXT, INT4, TEXT},
	 .actual_types = {TEXT, INT8, TEXT}, .actual_nkeys = -1,
	 .expected = {"a|1|b"}, .actual = {"a|1|b"},
	 .outcome = COMPARE_COLUMN_TYPE, .column = 1},
	{.name = "both empty", .ncols = 1, .types = {TEXT}, .actual_nkeys = -1,
	 .outcome = COMPARE_SAME},
	{.name = "answer empty", .ncols = 1, .types = {TEXT}, .actual_nkeys = -1,
	 .expected = {"x"},
	 .outcome = COMPARE_ROW_COUNT, .missing = 1, .missing_example = "x"},
	{.name = "unordered ignores order even with keys", .ncols = 2, .types = {INT4, TEXT},
	 .keys = {0}, .nkeys = 1, .actual_nkeys = -1,
	 .expected = {"1|a", "2|b"}, .actual = {"2|b", "1|a"},
	 .outcome = COMPARE_SAME},
	{.name = "ordered: wrong order", .ncols = 2, .types = {INT4, TEXT},
	 .keys = {0}, .nkeys = 1, .actual_nkeys = -1, .ordered = true,
	 .expected = {"1|a", "2|b", "3|c"}, .actual = {"1|a", "3|c", "2|b"},
	 .outcome = COMPARE_ORDER, .order_position = 1,
	 .missing_example = "2|b", .extra_example = "3|c"},
	{.name = "ordered: ties in any order", .ncols = 2, .types = {INT4, TEXT},
	 .keys = {0}, .nkeys = 1, .actual_nkeys = -1, .ordered = true,
	 .expected = {"1|a", "1|b", "2|c", "3|d", "3|e", "3|f"},
	 .actual = {"1|b", "1|a", "2|c", "3|f", "3|d", "3|e"},
	 .outcome = COMPARE_SAME},
	{.name = "ordered: wrong rows are reported as rows, not order", .ncols = 2,
	 .types = {INT4, TEXT}, .keys = {0}, .nkeys = 1, .actual_nkeys = -1, .ordered = true,
	 .expected = {"1|a", "1|b"}, .actual = {"1|a", "1|c"},
	 .outcome = COMPARE_ROWS, .missing = 1, .extra = 1,
	 .missing_example = "1|b", .extra_example = "1|c"},
	{.name = "ordered: two keys, ties on both", .ncols = 3, .types = {TEXT, INT4, TEXT},
	 .keys = {1, 0}, .nkeys = 2, .actual_nkeys = -1, .ordered = true,
	 .expected = {"x|1|p", "x|1|q", "y|1|r", "x|2|s"},
	 .actual = {"x|1|q", "x|1|p", "y|1|r", "x|2|s"},
	 .outcome = COMPARE_SAME},
	{.name = "ordered: second key out of order", .ncols = 3, .types = {TEXT, INT4, TEXT},
	 .keys = {1, 0}, .nkeys = 2, .actual_nkeys = -1, .ordered = true,
	 .expected = {"x|1|p", "y|1|r", "x|2|s"},
	 .actual = {"y|1|r", "x|1|p", "x|2|s"},
	 .outcome = COMPARE_ORDER, .order_position = 0,
	 .missing_example = "x|1|p", .extra_example = "y|1|r"},
	{.name = "ordered: NULL keys tie with each other", .ncols = 2, .types = {INT4, TEXT},
	 .keys = {0}, .nkeys = 1, .actual_nkeys = -1, .ordered = true,
	 .expected = {"1|a", "~|b", "~|c"}, .actual = {"1|a", "~|c", "~|b"},
	 .outcome = COMPARE_SAME},
	{.name = "ordered: float keys tie within tolerance", .ncols = 2, .types = {FLOAT8, TEXT},
	 .keys = {0}, .nkeys = 1, .actual_nkeys = -1, .ordered = true,
	 .expected = {"0.1|a", "0.30000000000000004|b", "0.3|c"},
	 .actual = {"0.1|a", "0.3|c", "0.3|b"},
	 .outcome = COMPARE_SAME},
	{.name = "ordered: equal keys not adjacent keep their rows", .ncols = 2,
	 .types = {INT4, TEXT}, .keys = {0}, .nkeys = 1, .actual_nkeys = -1, .ordered = true,
	 .expected = {"1|a", "2|x", "1|b"}, .actual = {"1|b", "2|x", "1|a"},
	 .outcome = COMPARE_ORDER, .order_position = 0,
	 .missing_example = "1|a", .extra_example = "1|b"},
	{.name = "ordered without keys: the whole sequence", .ncols = 2, .types = {INT4, TEXT},
	 .actual_nkeys = -1, .ordered = true,
	 .expected = {"1|a", "1|b"}, .actual = {"1|b", "1|a"},
	 .outcome = COMPARE_ORDER, .order_position = 0,
	 .missing_example = "1|a", .extra_example = "1|b"},
	{.name = "ordered, answer digest without keys: the whole sequence", .ncols = 2,
	 .types = {INT4, TEXT}, .keys = {0}, .nkeys = 1, .actual_nkeys = 0, .ordered = true,
	 .expected = {"1|a", "1|b", "2|c"}, .actual = {"1|a", "1|b", "2|c"},
	 .outcome = COMPARE_SAME},
	{.name = "ordered, answer digest without keys: ties still in any order", .ncols = 2,
	 .types = {INT4, TEXT}, .keys = {0}, .nkeys = 1, .actual_nkeys = 0, .ordered = true,
	 .expected = {"1|a", "1|b", "2|c"}, .actual = {"1|b", "1|a", "2|c"},
	 .outcome = COMPARE_SAME},
	{.name = "ordered, answer digest without keys: wrong order", .ncols = 2,
	 .types = {INT4, TEXT}, .keys = {0}, .nkeys = 1, .actual_nkeys = 0, .ordered = true,
	 .expected = {"1|a", "1|b", "2|c"}, .actual = {"1|b", "2|c", "1|a"},
	 .outcome = COMPARE_ORDER, .order_position = 1,
	 .missing_example = "1|b", .extra_example = "2|c"},
	{.name = "ordered: a tie run with one row out of it", .ncols = 2,
	 .types = {INT4, TEXT}, .keys = {0}, .nkeys = 1, .actual_nkeys = -1, .ordered = true,
	 .expected = {"1|a", "2|b", "2|c", "2|d", "3|e"},
	 .actual = {"1|a", "2|c", "2|b", "3|e", "2|d"},
	 .outcome = COMPARE_ORDER, .order_position = 3,
	 .missing_example = "2|d", .extra_example = "3|e"},
};

/* Split "v1|v2" into values (NULL for "~"); returns a malloc'd copy that
 * the values point into. */
static char *
split_row(const char *row, int ncols, const char **values)
{
	char *copy = strdup(row);
	char *p = copy;

	for (int i = 0; i < ncols; i++) {
		char *bar = strchr(p, '|');

		if (bar != NULL)
			*bar = '\0';
		values[i] = strcmp(p, "~") == 0 ? NULL : p;
		p = bar ? bar + 1 : p + strlen(p);
	}
	return copy;
}

static result_digest *
digest_of(int ncols, const uint32_t *types, const int *keys, int nkeys,
		  const char *const *rows)
{
	result_digest *d = result_digest_new(ncols, types, keys, nkeys);

	for (int r = 0; r < MAXROWS && rows[r] != NULL; r++) {
		const char *values[MAXCOLS];
		char *copy = split_row(rows[r], ncols, values);

		result_digest_add(d, values, NULL);
		free(copy);
	}
	return d;
}

static uint64_t
hash_of(int ncols, const uint32_t *types, const char *row)
{
	const char *values[MAXCOLS];
	char *copy = split_row(row, ncols, values);
	uint64_t h = compare_row_hash(ncols, types, values, NULL);

	free(copy);
	return h;
}

static void
test_compare_table(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const compare_case *c = &cases[i];
		int ancols = c->actual_ncols ? c->actual_ncols : c->ncols;
		const uint32_t *atypes = c->actual_types[0] ? c->actual_types : c->types;
		int ankeys = c->actual_nkeys < 0 ? c->nkeys : c->actual_nkeys;
		result_digest *e = digest_of(c->ncols, c->types, c->keys, c->nkeys, c->expected);
		result_digest *a = digest_of(ancols, atypes, c->keys, ankeys, c->actual);
		compare_verdict v = compare_digests(e, a, c->ordered);

		if (v.outcome != c->outcome)
			fail_msg("%s: outcome %d, expected %d", c->name, (int) v.outcome, (int) c->outcome);
		assert_int_equal(v.expected_rows, e->nrows);
		assert_int_equal(v.actual_rows, a->nrows);
		assert_int_equal(v.expected_cols, c->ncols);
		assert_int_equal(v.actual_cols, ancols);
		if (c->outcome == COMPARE_ROWS || c->outcome == COMPARE_ROW_COUNT) {
			if (v.missing_count != c->missing || v.extra_count != c->extra)
				fail_msg("%s: missing %zu extra %zu, expected %zu and %zu", c->name,
						 v.missing_count, v.extra_count, c->missing, c->extra);
		}
		if (c->outcome == COMPARE_ORDER && v.order_position != c->order_position)
			fail_msg("%s: order position %zu, expected %zu", c->name, v.order_position,
					 c->order_position);
		if (c->outcome == COMPARE_COLUMN_TYPE) {
			assert_int_equal(v.column, c->column);
			assert_int_equal(v.expected_type, c->types[c->column]);
			assert_int_equal(v.actual_type, c->actual_types[c->column]);
		}
		if (v.has_missing != (c->missing_example != NULL))
			fail_msg("%s: has_missing %d", c->name, v.has_missing);
		if (v.has_extra != (c->extra_example != NULL))
			fail_msg("%s: has_extra %d", c->name, v.has_extra);
		if (c->missing_example && v.missing_hash != hash_of(c->ncols, c->types, c->missing_example))
			fail_msg("%s: wrong missing example", c->name);
		if (c->extra_example && v.extra_hash != hash_of(ancols, atypes, c->extra_example))
			fail_msg("%s: wrong extra example", c->name);
		/* content mismatches are symmetric, and so is SAME unless the
		 * answer's digest lacks the keys (then, as expected side, it would
		 * demand the full sequence) */
		if (c->outcome == COMPARE_ROWS || c->outcome == COMPARE_ROW_COUNT ||
			(c->outcome == COMPARE_SAME && (!c->ordered || ankeys == c->nkeys))) {
			compare_verdict r = compare_digests(a, e, c->ordered);

			if (r.outcome != c->outcome || r.missing_count != c->extra ||
				r.extra_count != c->missing)
				fail_msg("%s: not symmetric", c->name);
		}
		result_digest_free(e);
		result_digest_free(a);
	}
}

/* ---- many rows ----------------------------------------------------------- */

/* Many doublings past DIGEST_INITIAL_CAP (1024); coprime with 7919 below.
 * The same behaviour at a million rows is bench/bench_compare.c's. */
#define BIG 40000

/* Row i: (i, 'name-' || i % 1000, i * 0.1 as float8, NULL every 7th). */
static void
add_big_row(result_digest *d, size_t i, const char *override_name)
{
	char id[32], name[32], val[48];
	const char *values[4];

	snprintf(id, sizeof id, "%zu", i);
	snprintf(name, sizeof name, "name-%zu", i % 1000);
	snprintf(val, sizeof val, "%.17g", (double) i * 0.1);
	values[0] = id;
	values[1] = override_name ? override_name : name;
	values[2] = val;
	values[3] = i % 7 == 0 ? NULL : name;
	result_digest_add(d, values, NULL);
}

static void
test_many_rows(void **state)
{
	uint32_t types[] = {INT8, TEXT, FLOAT8, TEXT};
	int keys[] = {0};
	result_digest *e = result_digest_new(4, types, keys, 1);
	result_digest *a = result_digest_new(4, types, keys, 1);
	result_digest *b = result_digest_new(4, types, keys, 1);
	compare_verdict v;
	size_t pos;

	(void) state;
	for (size_t i = 0; i < BIG; i++) {
		/* 7919 is prime and does not divide BIG: a permutation */
		size_t j = (i * 7919) % BIG;

		add_big_row(e, i, NULL);
		add_big_row(a, j, NULL);
		/* b: in order, the middle two rows swapped, the last row changed */
		if (i == BIG / 2)
			add_big_row(b, BIG / 2 + 1, NULL);
		else if (i == BIG / 2 + 1)
			add_big_row(b, BIG / 2, NULL);
		else
			add_big_row(b, i, i == BIG - 1 ? "changed" : NULL);
	}
	assert_int_equal(e->nrows, BIG);
	v = compare_digests(e, a, false);
	assert_int_equal(v.outcome, COMPARE_SAME);
	v = compare_digests(e, a, true);
	assert_int_equal(v.outcome, COMPARE_ORDER);
	assert_int_equal(v.order_position, 1);

	v = compare_digests(e, b, false);
	assert_int_equal(v.outcome, COMPARE_ROWS);
	assert_int_equal(v.missing_count, 1);
	assert_int_equal(v.extra_count, 1);
	assert_true(result_digest_find(e, v.missing_hash, &pos));
	assert_int_equal(pos, BIG - 1);
	assert_true(result_digest_find(b, v.extra_hash, &pos));
	assert_int_equal(pos, BIG - 1);
	assert_false(result_digest_find(e, v.extra_hash, &pos));

	/* restore the changed row: the swap is now the only difference */
	b->row_hashes[BIG - 1] = e->row_hashes[BIG - 1];
	v = compare_digests(e, b, true);
	assert_int_equal(v.outcome, COMPARE_ORDER);
	assert_int_equal(v.order_position, BIG / 2);
	v = compare_digests(e, b, false);
	assert_int_equal(v.outcome, COMPARE_SAME);

	result_digest_free(e);
	result_digest_free(a);
	result_digest_free(b);
}

/* ---- digests: ownership and odd inputs ----------------------------------- */

static void
test_digest_ownership(void **state)
{
	uint32_t types[] = {INT4, TEXT};
	int keys[] = {1};
	const char *names_e[] = {"integer", "text"}, *names_a[] = {NULL, "character varying"};
	const char *row[] = {"1", "a"};
	result_digest *e = result_digest_new(2, types, keys, 1);
	result_digest *a = result_digest_new(2, types, keys, 1);
	result_digest *odd = result_digest_new(-3, NULL, NULL, 5);

	(void) state;
	/* the arrays are copied */
	types[0] = TEXT;
	keys[0] = 0;
	assert_int_equal(e->col_types[0], INT4);
	assert_int_equal(e->key_cols[0], 1);
	/* names are for messages only: different names, same verdict */
	result_digest_set_type_names(e, names_e);
	result_digest_set_type_names(a, names_a);
	result_digest_set_type_names(a, names_a);  /* replacing frees the old ones */
	assert_string_equal(e->col_type_names[1], "text");
	assert_null(a->col_type_names[0]);
	result_digest_add(e, row, NULL);
	result_digest_add(a, row, NULL);
	assert_int_equal(compare_digests(e, a, true).outcome, COMPARE_SAME);
	result_digest_set_type_names(e, NULL);
	assert_null(e->col_type_names);
	/* negative counts and NULL arrays give an empty digest */
	assert_int_equal(odd->ncols, 0);
	assert_int_equal(odd->nkeys, 0);
	result_digest_add(odd, NULL, NULL);
	assert_int_equal(odd->nrows, 1);
	result_digest_free(odd);
	result_digest_free(e);
	result_digest_free(a);
	result_digest_free(NULL);
}

/* ---- describe -------------------------------------------------------------- */

static void
test_describe(void **state)
{
	static const struct {
		compare_verdict v;
		const char *text;
	} d[] = {
		{{.outcome = COMPARE_SAME, .expected_rows = 118, .actual_rows = 118},
		 "returns the same 118 rows"},
		{{.outcome = COMPARE_SAME, .expected_rows = 1, .actual_rows = 1},
		 "returns the same 1 row"},
		{{.outcome = COMPARE_COLUMN_COUNT, .expected_cols = 4, .actual_cols = 3},
		 "returns 3 columns, expected 4"},
		{{.outcome = COMPARE_COLUMN_COUNT, .expected_cols = 2, .actual_cols = 1},
		 "returns 1 column, expected 2"},
		{{.outcome = COMPARE_COLUMN_TYPE, .column = 1, .expected_type = 23, .actual_type = 20},
		 "column 2 is bigint, expected integer"},
		{{.outcome = COMPARE_COLUMN_TYPE, .column = 0, .expected_type = 25, .actual_type = 99999},
		 "column 1 is type OID 99999, expected text"},
		{{.outcome = COMPARE_ROW_COUNT, .expected_rows = 118, .actual_rows = 120,
		  .extra_count = 2},
		 "returns 120 rows, expected 118 (2 extra, 0 missing)"},
		{{.outcome = COMPARE_ROW_COUNT, .expected_rows = 3, .actual_rows = 1,
		  .extra_count = 1, .missing_count = 3},
		 "returns 1 row, expected 3 (1 extra, 3 missing)"},
		{{.outcome = COMPARE_ROWS, .expected_rows = 10, .actual_rows = 10,
		  .extra_count = 3, .missing_count = 3},
		 "returns the right number of rows (10) but 3 differ (3 extra, 3 missing)"},
		{{.outcome = COMPARE_ROWS, .expected_rows = 10, .actual_rows = 10,
		  .extra_count = 1, .missing_count = 1},
		 "returns the right number of rows (10) but 1 differs (1 extra, 1 missing)"},
		{{.outcome = COMPARE_ORDER, .expected_rows = 10, .actual_rows = 10,
		  .order_position = 4},
		 "returns the right rows in the wrong order: row 5 differs from the expected order"},
		{{.outcome = (compare_outcome) 42}, "unknown comparison outcome 42"},
	};

	(void) state;
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
		char *text = compare_describe(&d[i].v);

		assert_string_equal(text, d[i].text);
		free(text);
	}
	assert_string_equal(compare_type_name(1700), "numeric");
	assert_null(compare_type_name(4242));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical_float),
		cmocka_unit_test(test_canonical_float_edges),
		cmocka_unit_test(test_canonical_float_generated),
		cmocka_unit_test(test_row_hash_distinctions),
		cmocka_unit_test(test_key_hash),
		cmocka_unit_test(test_compare_table),
		cmocka_unit_test(test_many_rows),
		cmocka_unit_test(test_digest_ownership),
		cmocka_unit_test(test_describe),
	};
	return cmocka_run_group_tests_name("grade_compare", tests, NULL, NULL);
}
