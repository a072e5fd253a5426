/*
 * numfmt.h — numbers for people: counts with thousands separators.
 *
 * "1,234,567 buffers" reads at a glance where "1234567" does not.  One
 * function so that plan insights (scoring/plan) and check verdicts
 * (engine/grading) write counts alike.  Pure: formats into the caller's
 * buffer, never allocates.
 */
#ifndef PGDRILL_NUMFMT_H
#define PGDRILL_NUMFMT_H

/*
 * v rounded to a whole number with a comma every three digits, into buf;
 * returns buf.  Negative, NaN and infinite values give "0"; values above
 * 9e17 are capped there (the text always fits 32 bytes).
 */
const char *numfmt_count(double v, char buf[32]);

#endif
