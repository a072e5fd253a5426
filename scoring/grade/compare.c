/*
 * compare.c — result digests and the comparison verdict (see compare.h and
 * docs/result-comparison.md).
 *
 * A result_digest is what the engine keeps of a streamed result: the column
 * types, and per row a 64-bit canonical row hash (rowhash.c) plus, for an
 * ordered comparison, a hash of the ORDER BY key columns.  compare_digests()
 * decides, in this order: column count, column types (names are never
 * compared), the rows as multisets (sorted hash arrays merged; a missing and
 * an extra example are chosen as the first such row in arrival order, so the
 * message names a row the learner recognises), then for an ordered
 * comparison, within every run of rows with equal ORDER BY keys in the
 * expected result, the rows as multisets (ties in any order).  compare_describe() renders the
 * verdict as one English line.
 *
 * It does not talk to the server, hold row text or print: the engine streams
 * rows in and turns example hashes back into text.  Pure.
 */
#include "compare.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

#define DIGEST_INITIAL_CAP 1024

result_digest *
result_digest_new(int ncols, const uint32_t *col_types, const int *key_cols, int nkeys)
{
	result_digest *d = xcalloc(1, sizeof *d);

	d->ncols = ncols < 0 ? 0 : ncols;
	d->col_types = xcalloc((size_t) d->ncols + 1, sizeof *d->col_types);
	if (d->ncols > 0 && col_types != NULL)
		memcpy(d->col_types, col_types, (size_t) d->ncols * sizeof *d->col_types);
	d->nkeys = (nkeys < 0 || key_cols == NULL) ? 0 : nkeys;
	d->key_cols = xcalloc((size_t) d->nkeys + 1, sizeof *d->key_cols);
	if (d->nkeys > 0)
		memcpy(d->key_cols, key_cols, (size_t) d->nkeys * sizeof *d->key_cols);
	return d;
}

void
result_digest_free(result_digest *d)
{
	if (d == NULL)
		return;
	if (d->col_type_names != NULL) {
		for (int i = 0; i < d->ncols; i++)
			free(d->col_type_names[i]);
		free(d->col_type_names);
	}
	free(d->col_types);
	free(d->key_cols);
	free(d->row_hashes);
	free(d->key_hashes);
	free(d);
}

void
result_digest_set_type_names(result_digest *d, const char *const *names)
{
	if (d->col_type_names != NULL) {
		for (int i = 0; i < d->ncols; i++)
			free(d->col_type_names[i]);
		free(d->col_type_names);
		d->col_type_names = NULL;
	}
	if (names == NULL)
		return;
	d->col_type_names = xcalloc((size_t) d->ncols + 1, sizeof *d->col_type_names);
	for (int i = 0; i < d->ncols; i++)
		d->col_type_names[i] = names[i] ? xstrdup(names[i]) : NULL;
}

void
result_digest_add(result_digest *d, const char *const *values, const int *lens)
{
	if (d->nrows == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : DIGEST_INITIAL_CAP;

		d->row_hashes = xrealloc(d->row_hashes, cap * sizeof *d->row_hashes);
		if (d->nkeys > 0)
			d->key_hashes = xrealloc(d->key_hashes, cap * sizeof *d->key_hashes);
		d->cap = cap;
	}
	d->row_hashes[d->nrows] = compare_row_hash(d->ncols, d->col_types, values, lens);
	if (d->nkeys > 0)
		d->key_hashes[d->nrows] = compare_key_hash(d->ncols, d->col_types, values, lens,
												   d->key_cols, d->nkeys);
	d->nrows++;
}

bool
result_digest_find(const result_digest *d, uint64_t row_hash, size_t *position)
{
	for (size_t i = 0; i < d->nrows; i++) {
		if (d->row_hashes[i] == row_hash) {
			*position = i;
			return true;
		}
	}
	return false;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;

	return (x > y) - (x < y);
}

/* A sorted copy of n hashes (never NULL). */
static uint64_t *
sorted_copy(const uint64_t *h, size_t n)
{
	uint64_t *s = xmalloc((n ? n : 1) * sizeof *s);

	if (n > 0) {
		memcpy(s, h, n * sizeof *s);
		qsort(s, n, sizeof *s, cmp_u64);
	}
	return s;
}

/* Occurrences of v in the sorted array s[0..n). */
static size_t
count_in_sorted(const uint64_t *s, size_t n, uint64_t v)
{
	size_t lo = 0, hi = n, first;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid] <= v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - first;
}

/*
 * The first row of `rows` (arrival order) that occurs more often in `mine`
 * (sorted rows) than in `other` (sorted): an example of a row only in
 * `rows`.  Returns false if there is none.
 */
static bool
first_surplus_row(const uint64_t *rows, size_t n, const uint64_t *mine,
				  const uint64_t *other, size_t nother, uint64_t *example)
{
	for (size_t i = 0; i < n; i++) {
		if (count_in_sorted(mine, n, rows[i]) > count_in_sorted(other, nother, rows[i])) {
			*example = rows[i];
			return true;
		}
	}
	return false;
}

/* Multiset comparison of both digests' rows; fills the row fields of v.
 * Returns true when the multisets are equal. */
static bool
compare_multisets(const result_digest *expected, const result_digest *actual,
				  compare_verdict *v)
{
	uint64_t *se = sorted_copy(expected->row_hashes, expected->nrows);
	uint64_t *sa = sorted_copy(actual->row_hashes, actual->nrows);
	size_t i = 0, j = 0, ne = expected->nrows, na = actual->nrows;

	while (i < ne || j < na) {
		if (j == na || (i < ne && se[i] < sa[j])) {
			v->missing_count++;
			i++;
		} else if (i == ne || sa[j] < se[i]) {
			v->extra_count++;
			j++;
		} else {
			i++;
			j++;
		}
	}
	if (v->missing_count > 0)
		v->has_missing = first_surplus_row(expected->row_hashes, ne, se, sa, na,
										   &v->missing_hash);
	if (v->extra_count > 0)
		v->has_extra = first_surplus_row(actual->row_hashes, na, sa, se, ne,
										 &v->extra_hash);
	free(se);
	free(sa);
	return v->missing_count == 0 && v->extra_count == 0;
}

/* Whether rows [s, e) of both digests are equal as multisets. */
static bool
run_rows_equal(const uint64_t *a, const uint64_t *b, size_t s, size_t e,
			   uint64_t *scratch_a, uint64_t *scratch_b)
{
	size_t n = e - s;

	if (n == 1)
		return a[s] == b[s];
	memcpy(scratch_a, a + s, n * sizeof *a);
	memcpy(scratch_b, b + s, n * sizeof *b);
	qsort(scratch_a, n, sizeof *a, cmp_u64);
	qsort(scratch_b, n, sizeof *b, cmp_u64);
	return memcmp(scratch_a, scratch_b, n * sizeof *a) == 0;
}

/*
 * The first position in [s, e) whose row in `actual` is not one of the
 * expected run's rows still unaccounted for; `sorted_expected` holds the
 * expected run's rows sorted (as run_rows_equal leaves them).  A run whose
 * multisets differ always has one.  Ties before it are not blamed: the
 * answer may order them as it likes.
 */
static size_t
first_foreign_row(const uint64_t *actual, size_t s, size_t e,
				  const uint64_t *sorted_expected)
{
	size_t n = e - s, pos = e;
	bool *used = xcalloc(n, sizeof *used);

	for (size_t i = s; i < e && pos == e; i++) {
		size_t lo = 0, hi = n;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (sorted_expected[mid] < actual[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		while (lo < n && sorted_expected[lo] == actual[i] && used[lo])
			lo++;
		if (lo < n && sorted_expected[lo] == actual[i])
			used[lo] = true;
		else
			pos = i;
	}
	free(used);
	return pos < e ? pos : s;
}

/*
 * Ordered comparison of two digests with equal multisets of rows.  Returns
 * the first differing position, or nrows when the order is right.  With key
 * columns on the expected side: every run of rows with equal expected keys
 * must hold the same rows (as a multiset) in the answer.  That alone is
 * enough: the answer's rows in a run are then the expected rows of that
 * run, so they carry its key, so the keys come in the expected sequence;
 * and it needs only the expected digest's keys.  Without expected keys the
 * full row sequence must match.
 */
static size_t
first_order_difference(const result_digest *expected, const result_digest *actual)
{
	size_t n = expected->nrows;
	const uint64_t *ke = expected->key_hashes;
	uint64_t *scratch_a, *scratch_b;
	size_t pos = n;

	if (expected->nkeys == 0) {
		for (size_t i = 0; i < n; i++)
			if (expected->row_hashes[i] != actual->row_hashes[i])
				return i;
		return n;
	}
	scratch_a = xmalloc((n ? n : 1) * sizeof *scratch_a);
	scratch_b = xmalloc((n ? n : 1) * sizeof *scratch_b);
	for (size_t s = 0; s < n;) {
		size_t e = s + 1;

		while (e < n && ke[e] == ke[s])
			e++;
		if (!run_rows_equal(expected->row_hashes, actual->row_hashes, s, e,
							scratch_a, scratch_b)) {
			/* run_rows_equal sorted scratch_a unless the run is one row */
			pos = e - s == 1 ? s : first_foreign_row(actual->row_hashes, s, e, scratch_a);
			break;
		}
		s = e;
	}
	free(scratch_a);
	free(scratch_b);
	return pos;
}

compare_verdict
compare_digests(const result_digest *expected, const result_digest *actual, bool ordered)
{
	compare_verdict v;

	memset(&v, 0, sizeof v);
	v.expected_rows = expected->nrows;
	v.actual_rows = actual->nrows;
	v.expected_cols = expected->ncols;
	v.actual_cols = actual->ncols;

	if (expected->ncols != actual->ncols) {
		v.outcome = COMPARE_COLUMN_COUNT;
		return v;
	}
	for (int c = 0; c < expected->ncols; c++) {
		if (expected->col_types[c] != actual->col_types[c]) {
			v.outcome = COMPARE_COLUMN_TYPE;
			v.column = c;
			v.expected_type = expected->col_types[c];
			v.actual_type = actual->col_types[c];
			return v;
		}
	}
	if (!compare_multisets(expected, actual, &v)) {
		v.outcome = expected->nrows != actual->nrows ? COMPARE_ROW_COUNT : COMPARE_ROWS;
		return v;
	}
	if (ordered) {
		size_t pos = first_order_difference(expected, actual);

		if (pos < expected->nrows) {
			v.outcome = COMPARE_ORDER;
			v.order_position = pos;
			/* For an order mismatch the examples are the rows at that
			 * position: expected there, and what the answer put there. */
			v.has_missing = v.has_extra = true;
			v.missing_hash = expected->row_hashes[pos];
			v.extra_hash = actual->row_hashes[pos];
			return v;
		}
	}
	v.outcome = COMPARE_SAME;
	return v;
}

/* Common type names (pg_type.dat); the rest are shown by OID. */
static const struct {
	uint32_t oid;
	const char *name;
} type_names[] = {
	{16, "boolean"}, {17, "bytea"}, {18, "\"char\""}, {19, "name"},
	{20, "bigint"}, {21, "smallint"}, {23, "integer"}, {25, "text"},
	{26, "oid"}, {114, "json"}, {700, "real"}, {701, "double precision"},
	{1042, "character"}, {1043, "character varying"}, {1082, "date"},
	{1083, "time without time zone"}, {1114, "timestamp without time zone"},
	{1184, "timestamp with time zone"}, {1186, "interval"},
	{1266, "time with time zone"}, {1700, "numeric"}, {2950, "uuid"},
	{3802, "jsonb"}, {1007, "integer[]"}, {1009, "text[]"},
	{1016, "bigint[]"}, {2249, "record"}, {705, "unknown"},
};

const char *
compare_type_name(uint32_t type_oid)
{
	for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if (type_names[i].oid == type_oid)
			return type_names[i].name;
	return NULL;
}

static void
append_type(strbuf *sb, uint32_t oid)
{
	const char *name = compare_type_name(oid);

	if (name != NULL)
		strbuf_append(sb, name);
	else
		strbuf_printf(sb, "type OID %u", (unsigned) oid);
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

char *
compare_describe(const compare_verdict *v)
{
	strbuf sb = STRBUF_INIT;

	switch (v->outcome) {
	case COMPARE_SAME:
		strbuf_printf(&sb, "returns the same %zu %s", v->expected_rows,
					  plural(v->expected_rows, "row", "rows"));
		break;
	case COMPARE_COLUMN_COUNT:
		strbuf_printf(&sb, "returns %d %s, expected %d", v->actual_cols,
					  plural((size_t) v->actual_cols, "column", "columns"), v->expected_cols);
		break;
	case COMPARE_COLUMN_TYPE:
		strbuf_printf(&sb, "column %d is ", v->column + 1);
		append_type(&sb, v->actual_type);
		strbuf_append(&sb, ", expected ");
		append_type(&sb, v->expected_type);
		break;
	case COMPARE_ROW_COUNT:
		strbuf_printf(&sb, "returns %zu %s, expected %zu (%zu extra, %zu missing)",
					  v->actual_rows, plural(v->actual_rows, "row", "rows"),
					  v->expected_rows, v->extra_count, v->missing_count);
		break;
	case COMPARE_ROWS:
		strbuf_printf(&sb, "returns the right number of rows (%zu) but %zu %s (%zu extra, %zu missing)",
					  v->actual_rows, v->extra_count,
					  plural(v->extra_count, "differs", "differ"),
					  v->extra_count, v->missing_count);
		break;
	case COMPARE_ORDER:
		strbuf_printf(&sb, "returns the right rows in the wrong order: row %zu differs from the expected order",
					  v->order_position + 1);
		break;
	default:
		strbuf_printf(&sb, "unknown comparison outcome %d", (int) v->outcome);
		break;
	}
	return strbuf_steal(&sb);
}
