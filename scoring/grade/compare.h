/*
 * compare.h — deciding whether an answer returns the same rows as the slow
 * query (the contract; implementation in scoring/grade/compare.c and
 * rowhash.c).
 *
 * The engine streams each result row by row (libpq single-row mode) and feeds
 * every row to a result_digest, which keeps only 64-bit hashes of canonical
 * row values (and of the ORDER BY key columns), so a million-row result costs
 * ~16 MB of client memory, not the rows themselves.  compare_digests() then
 * decides, purely: column count and types must match (names need not);
 * unordered comparison is a multiset comparison; ordered comparison (the slow
 * query's top level has ORDER BY) requires the sequence of ORDER BY keys to
 * match and rows to match as multisets within each run of equal keys (ties
 * may come in any order).  Values are canonicalised before hashing: NULL is
 * distinct from every string; float4/float8/numeric values are rounded to
 * COMPARE_FLOAT_DIGITS significant digits so that summation order does not
 * matter (documented in docs/scoring.md).
 *
 * On a mismatch the verdict names the first difference and gives the hash of
 * one missing and one extra row; the engine re-reads those rows' text for the
 * message (it owns the connection), via compare_row_hash().
 */
#ifndef PGDRILL_COMPARE_H
#define PGDRILL_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COMPARE_FLOAT_DIGITS 12

typedef struct result_digest {
	int ncols;
	uint32_t *col_types;      /* type OIDs, owned */
	char **col_type_names;    /* optional names for messages (may be NULL) */
	int *key_cols;            /* ORDER BY key columns (0-based), owned; nkeys */
	int nkeys;
	uint64_t *row_hashes;     /* one per row, arrival order, owned */
	uint64_t *key_hashes;     /* one per row when nkeys > 0, owned */
	size_t nrows, cap;
} result_digest;

/* A new digest for a result with these column types; key_cols (may be NULL
 * when nkeys is 0) are the output columns of the ORDER BY keys.  Copies the
 * arrays.  Free with result_digest_free. */
result_digest *result_digest_new(int ncols, const uint32_t *col_types,
								 const int *key_cols, int nkeys);
void result_digest_free(result_digest *d);

/* Add one row: values[i] is the text of column i (NULL pointer = SQL NULL),
 * lens[i] its length in bytes. */
void result_digest_add(result_digest *d, const char *const *values, const int *lens);

/* The canonical hash of one row, as result_digest_add computes it. */
uint64_t compare_row_hash(int ncols, const uint32_t *col_types,
						  const char *const *values, const int *lens);

typedef enum compare_outcome {
	COMPARE_SAME = 0,
	COMPARE_COLUMN_COUNT,     /* different number of columns */
	COMPARE_COLUMN_TYPE,      /* column `column` has a different type */
	COMPARE_ROW_COUNT,        /* different number of rows (also rows differ) */
	COMPARE_ROWS,             /* same count, different rows */
	COMPARE_ORDER             /* same rows, different order of ORDER BY keys */
} compare_outcome;

typedef struct compare_verdict {
	compare_outcome outcome;
	int column;               /* for COMPARE_COLUMN_TYPE, 0-based */
	size_t expected_rows, actual_rows;
	size_t missing_count, extra_count;     /* rows only in expected / actual */
	bool has_missing, has_extra;
	uint64_t missing_hash, extra_hash;     /* an example of each */
	size_t order_position;    /* for COMPARE_ORDER: first differing row (0-based) */
} compare_verdict;

/* Compare `actual` (the answer) with `expected` (the slow query).  `ordered`
 * requests the ordered comparison (expected->nkeys must then be > 0; with no
 * keys the rows' full sequence is compared).  Pure; does not modify inputs
 * except that it may sort internal copies. */
compare_verdict compare_digests(const result_digest *expected,
								const result_digest *actual, bool ordered);

/* One-line English description of a verdict (malloc'd), e.g.
 * "returns 120 rows, expected 118 (2 extra, 0 missing)". */
char *compare_describe(const compare_verdict *v);

#endif
