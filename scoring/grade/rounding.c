/*
 * rounding.c — rounding ladders: to how many digits two results agree (see
 * rounding.h).  Row hashes come from compare_row_hash_at, so "equal at d
 * digits" means exactly what the comparison means at 12.  Pure.
 */
#include "rounding.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#define LADDER_STEPS (COMPARE_FLOAT_DIGITS - 1)   /* digits 1 .. 11 */

struct rounding_ladder {
	int ncols;
	uint32_t *types;
	bool has_float;
	int *max_digits;                  /* per column: the most significant digits
									   * a value had (floats only) */
	uint64_t *hashes[LADDER_STEPS];   /* hashes[d - 1][row] */
	size_t nrows, cap;
};

rounding_ladder *
rounding_ladder_new(int ncols, const uint32_t *col_types)
{
	rounding_ladder *l = xcalloc(1, sizeof *l);

	l->ncols = ncols > 0 && col_types ? ncols : 0;
	l->types = xcalloc((size_t) l->ncols + 1, sizeof *l->types);
	l->max_digits = xcalloc((size_t) l->ncols + 1, sizeof *l->max_digits);
	for (int i = 0; i < l->ncols; i++) {
		l->types[i] = col_types[i];
		l->has_float |= compare_type_is_float(col_types[i]);
	}
	return l;
}

void
rounding_ladder_free(rounding_ladder *l)
{
	if (l == NULL)
		return;
	for (int d = 0; d < LADDER_STEPS; d++)
		free(l->hashes[d]);
	free(l->types);
	free(l->max_digits);
	free(l);
}

/* Significant digits of a number's text, as the comparison sees them (at
 * most COMPARE_FLOAT_DIGITS); 0 for a non-number. */
static int
significant_digits(const char *text, size_t len)
{
	char canon[COMPARE_CANON_MAX];
	int n = 0;

	if (!compare_canonical_float(text, len, canon, sizeof canon))
		return 0;
	for (const char *p = canon; *p && *p != 'e'; p++)
		n += *p >= '0' && *p <= '9';
	return n;
}

void
rounding_ladder_add(rounding_ladder *l, const char *const *values, const int *lens)
{
	for (int i = 0; i < l->ncols; i++)
		if (values[i] && compare_type_is_float(l->types[i])) {
			size_t n = lens && lens[i] >= 0 ? (size_t) lens[i] : strlen(values[i]);
			int d = significant_digits(values[i], n);

			if (d > l->max_digits[i])
				l->max_digits[i] = d;
		}
	if (l->nrows == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		for (int d = 0; d < LADDER_STEPS; d++)
			l->hashes[d] = xrealloc(l->hashes[d], l->cap * sizeof(uint64_t));
	}
	for (int d = 0; d < LADDER_STEPS; d++)
		l->hashes[d][l->nrows] = compare_row_hash_at(l->ncols, l->types, values, lens, d + 1);
	l->nrows++;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;

	return (x > y) - (x < y);
}

/* Whether the rows of a and b hashed at d digits are the same multiset. */
static bool
same_at(const rounding_ladder *a, const rounding_ladder *b, int d)
{
	size_t n = a->nrows;
	uint64_t *x = xmalloc((n + 1) * sizeof *x), *y = xmalloc((n + 1) * sizeof *y);
	bool same;

	if (n > 0) {
		memcpy(x, a->hashes[d - 1], n * sizeof *x);
		memcpy(y, b->hashes[d - 1], n * sizeof *y);
	}
	qsort(x, n, sizeof *x, cmp_u64);
	qsort(y, n, sizeof *y, cmp_u64);
	same = n == 0 || memcmp(x, y, n * sizeof *x) == 0;
	free(x);
	free(y);
	return same;
}

/* Whether agreeing at d digits is the answer's rounding rather than a
 * near miss: some numeric column of the answer carries fewer digits than
 * the slow query's (round(x, 6): 3.141593 against 3.14159265358979), and
 * the values agree to within 2 digits of what it carries (d is a lower
 * bound, see rounding.h).  A wrong sum agrees to a few leading digits but
 * carries as many digits as the right one. */
static bool
rounded_to(const rounding_ladder *expected, const rounding_ladder *actual, int d)
{
	for (int i = 0; i < actual->ncols; i++)
		if (compare_type_is_float(actual->types[i]) &&
			actual->max_digits[i] < expected->max_digits[i] &&
			d >= actual->max_digits[i] - 2)
			return true;
	return false;
}

int
rounding_agreement(const rounding_ladder *expected, const rounding_ladder *actual)
{
	if (expected == NULL || actual == NULL || !expected->has_float ||
		expected->ncols != actual->ncols || expected->nrows != actual->nrows ||
		expected->nrows == 0 ||
		memcmp(expected->types, actual->types, (size_t) expected->ncols * sizeof(uint32_t)))
		return 0;
	for (int d = LADDER_STEPS; d >= 1; d--)
		if (same_at(expected, actual, d))
			return rounded_to(expected, actual, d) ? d : 0;
	return 0;
}
