/*
 * suggest.h — "did you mean": the closest name to a misspelled one.
 *
 * One helper for every place that refuses a name it does not know (a
 * command, a drill id, a concept, a db action): the CLI and the catalogue
 * pass the word and the names that exist, and add the answer to the error's
 * hint.  Pure: no I/O, no allocation.
 */
#ifndef PGDRILL_SUGGEST_H
#define PGDRILL_SUGGEST_H

#include <stddef.h>

/*
 * The optimal-string-alignment distance between a and b (insertions,
 * deletions, substitutions and swaps of two neighbours each cost 1), capped
 * at `cap` + 1: the loop stops counting once every path costs more.  Words
 * longer than 64 bytes are compared on their first 64.
 */
int suggest_distance(const char *a, const char *b, int cap);

/*
 * The candidate closest to `word`, or NULL when none is close enough to be
 * what was meant.  Close enough: at most 1 edit for words up to 4
 * characters, 2 up to 8, 3 beyond; or `word` is a prefix of exactly one
 * candidate (at least 3 characters typed).  Ties go to the first candidate
 * in the array.  The result points into `candidates`.
 */
const char *suggest_closest(const char *word, const char *const *candidates, size_t n);

#endif
