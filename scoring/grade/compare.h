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
	/* Added with the implementation (members appended, none changed): */
	int expected_cols, actual_cols;        /* column counts, always set */
	uint32_t expected_type, actual_type;   /* for COMPARE_COLUMN_TYPE: the OIDs */
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

/* ---- Declarations added with the implementation ---------------------- */

/* Also (the rules are in docs/result-comparison.md, which is where the float
 * tolerance is documented):
 * - result_digest_add and compare_row_hash accept lens == NULL (then each
 *   non-NULL value is NUL-terminated and strlen gives its length), and a
 *   negative lens[i] for a non-NULL value means the same.
 * - result_digest_new treats a negative count or a NULL array as empty
 *   (nkeys > 0 with key_cols == NULL gives no keys).
 * - Ordered comparison uses only the EXPECTED digest's key_cols (the output
 *   positions of the slow query's ORDER BY keys): each run of equal keys
 *   there must hold the same rows in the answer, in any order.  The
 *   answer's digest may be created with or without keys.  With no expected
 *   keys the full row sequence is compared (ties must then match too).
 * - Examples: missing_hash is the first row (in the slow query's arrival
 *   order) that the answer lacks, extra_hash the first surplus row in the
 *   answer's order.  For COMPARE_ORDER, has_missing/has_extra are set and
 *   missing_hash / extra_hash are the expected and the actual row at
 *   order_position (missing_count and extra_count stay 0). */

/* compare_canonical_float rounded to `ndigits` significant digits instead
 * (clamped to 1..COMPARE_FLOAT_DIGITS), and compare_row_hash with floats so
 * rounded: what the engine uses to tell an answer that rounds (its values
 * agree with the slow query's at fewer digits, rounding.h) from one that is
 * wrong. */
bool compare_canonical_float_at(const char *text, size_t len, int ndigits, char *out,
								size_t outsize);
uint64_t compare_row_hash_at(int ncols, const uint32_t *col_types,
							 const char *const *values, const int *lens, int ndigits);

/* Size of the buffer compare_canonical_float needs (sign, 12 digits, point,
 * exponent, NUL). */
#define COMPARE_CANON_MAX 48

/* Copy the type names (names[i] may be NULL; names may be NULL) into
 * d->col_type_names, owned by the digest and freed by result_digest_free.
 * For the engine's own messages; the comparison itself uses only the OIDs. */
void result_digest_set_type_names(result_digest *d, const char *const *names);

/* The canonical hash of the key columns of one row (what result_digest_add
 * stores in key_hashes): the key columns' canonical values in key order.
 * Key columns outside 0..ncols-1 contribute a fixed marker.  lens may be
 * NULL (strlen is used), as in compare_row_hash. */
uint64_t compare_key_hash(int ncols, const uint32_t *col_types,
						  const char *const *values, const int *lens,
						  const int *key_cols, int nkeys);

/* Whether a column of this type OID is compared numerically (float4,
 * float8, numeric) rather than by its text. */
bool compare_type_is_float(uint32_t type_oid);

/* Canonical text of a float4/float8/numeric value's text `text` (len bytes,
 * not necessarily NUL-terminated): rounded half away from zero to
 * COMPARE_FLOAT_DIGITS significant digits, written "[-]d.ddde<exp>" with no
 * trailing zeros ("0" for any zero incl. -0, "NaN", "Infinity",
 * "-Infinity").  Writes at most outsize bytes (>= COMPARE_CANON_MAX) into
 * out.  Returns false (out unspecified) when the text is not a number; the
 * value is then compared by its raw text. */
bool compare_canonical_float(const char *text, size_t len, char *out, size_t outsize);

/* The 0-based arrival position of the first row of `d` whose hash is
 * row_hash, in *position; false if there is none.  Lets the engine say
 * "row 1,234 of the answer" and stop re-reading early. */
bool result_digest_find(const result_digest *d, uint64_t row_hash, size_t *position);

/* English name of a common type OID ("integer", "text", ...), or NULL. */
const char *compare_type_name(uint32_t type_oid);

#endif
