/*
 * escape.h — the one place untrusted text is made safe to show.
 *
 * Submitted SQL, pasted plans, file names and drill text reach a terminal
 * (`lint`, `check`, `explain`, `grade`: messages, "near:" lines, carets,
 * the plan picture, insights) and, later, an HTML report.  A submission
 * graded in an instructor's terminal must not be able to retitle the
 * window (OSC), hide or clear lines (CSI), ring the bell or overprint a
 * line with a carriage return, so every echo goes through
 * escape_terminal(): control characters become visible "\x1b"-style text,
 * printable UTF-8 stays as it is.  escape_html() is the same promise for
 * HTML.  Pure: no I/O.  Callers: engine/cli, engine/report, scoring/plan's
 * picture and insight text.
 */
#ifndef PGDRILL_ESCAPE_H
#define PGDRILL_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/*
 * Append s[0..len) to sb for a terminal: C0 controls (except '\t', and
 * '\n' when keep_newlines), DEL and C1 controls as "\x1b" / "\x7f" /
 * "\u009b", Unicode bidirectional overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069, which reorder what is shown) as "\u202e", bytes that are
 * not UTF-8 as "\xff".  Everything else, including all printable UTF-8,
 * is copied unchanged.  s may be NULL when len is 0.
 */
void escape_terminal_append(strbuf *sb, const char *s, size_t len, bool keep_newlines);

/* escape_terminal_append() of a NUL-terminated string, newlines kept, into
 * a new malloc'd string (caller frees).  NULL gives NULL. */
char *escape_terminal(const char *s);

/* Does s hold anything escape_terminal would change? */
bool escape_terminal_needed(const char *s);

/* Append s to sb for HTML text or a quoted attribute value: & < > " '
 * become entities; control characters are escaped as for a terminal
 * (newlines and tabs kept). */
void escape_html_append(strbuf *sb, const char *s);

/* escape_html_append() into a new malloc'd string (caller frees); NULL
 * gives NULL. */
char *escape_html(const char *s);

/* Length of the well-formed UTF-8 sequence at s[0..avail) (1-4), 0 when
 * malformed (overlong, surrogate, beyond U+10FFFF, cut short); *cp gets
 * its code point.  The one decoder of the escaper and of the SQL input
 * check (sql/input.c). */
size_t utf8_sequence(const unsigned char *s, size_t avail, unsigned *cp);

#endif
