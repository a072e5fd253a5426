/*
 * textpos.h — where a byte position is in a text: line and column.
 *
 * Error positions in pgdrill are 1-based byte offsets (libpq's and
 * libpg_query's, converted; a JSON parser's stop pointer minus the text).
 * Every message that shows one to a person says "line L, column C" through
 * this one function: lines count '\n', columns count UTF-8 characters (what
 * an editor shows), both 1-based.  Pure; used by scoring/sql (carets, lint
 * findings) and by the engine for fixture scripts, drill SQL, JSON files
 * and graded answers.
 */
#ifndef PGDRILL_TEXTPOS_H
#define PGDRILL_TEXTPOS_H

#include <stddef.h>

/*
 * Line and column of the 1-based byte `position` in src[0..len).  A
 * position of 0 or less gives line 1, column 1; one past the end is
 * clamped to the end (position len + 1 is "just after the last byte").
 */
void text_line_column(const char *src, size_t len, long position, int *line, int *column);

/* The line alone, for messages that name only the line. */
int text_line(const char *src, size_t len, long position);

#endif
