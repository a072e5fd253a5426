/*
 * rounding.h — telling an answer that rounds from one that is wrong.
 *
 * compare.c compares floats and numerics to COMPARE_FLOAT_DIGITS (12)
 * significant digits.  An answer whose rows differ from the slow query's
 * only because it rounded (round(x, 6), a cast to float4 or to a narrower
 * numeric) is wrong, but "returns different rows" is the wrong cause to
 * give for it.  A rounding ladder keeps, for every row of a result, its
 * hash with floats rounded to 1, 2, ... COMPARE_FLOAT_DIGITS - 1 digits;
 * two ladders then say to how many digits the two results agree.
 *
 * Pure (no libpq): the engine feeds rows it streams (engine/sandbox/run.c)
 * and check.c words the message.  Memory: 8 bytes x 11 per row.
 */
#ifndef PGDRILL_ROUNDING_H
#define PGDRILL_ROUNDING_H

#include <stddef.h>
#include <stdint.h>

#include "compare.h"

typedef struct rounding_ladder rounding_ladder;

/* A ladder for rows with these column types (copied).  Free with
 * rounding_ladder_free. */
rounding_ladder *rounding_ladder_new(int ncols, const uint32_t *col_types);
void rounding_ladder_free(rounding_ladder *l);

/* Add one row: values[i] the text of column i (NULL = SQL NULL), lens[i]
 * its length (lens may be NULL: strlen). */
void rounding_ladder_add(rounding_ladder *l, const char *const *values, const int *lens);

/* The largest number of significant digits d < COMPARE_FLOAT_DIGITS at
 * which the two results are the same multiset of rows once every float,
 * float4 and numeric value is rounded to d digits; 0 when there is none
 * (a lower bound of the digits the values agree to: two values within half
 * a unit of each other can still straddle a rounding boundary, 44.6 and 45
 * at 2 digits, and with many rows one of them usually does at the last
 * digit or two).  Only a difference the answer made by rounding counts:
 * some numeric column of `actual` must carry fewer significant digits than
 * `expected`'s, and d must be within 2 of them; a wrong sum that agrees
 * with the right one to its first few digits gives 0.
 * (the results differ in a non-numeric value, in row or column count or
 * types, or have no numeric column).  Either may be NULL (0). */
int rounding_agreement(const rounding_ladder *expected, const rounding_ladder *actual);

#endif
