/*
 * caret.c — positions and psql-style caret excerpts.
 *
 * psql shows where an error is like this:
 *     LINE 2: where lower(email) = 'x'
 *                   ^
 * sql_caret builds the same excerpt for a 1-based byte position: the line
 * holding the position, with tabs shown as one space (as libpq does; a carriage return inside
 * the line is escaped like any control character) and a
 * long line cut to a window of about 60 characters around the caret, marked
 * with "...".  Control characters in the line are shown escaped
 * (escape.h: "\x1b"), and the caret moves right by what they add.
 * Columns count UTF-8 characters (a wide East Asian character
 * gets one column, like most terminals would not — good enough for SQL).
 * Also here: conversions between libpg_query's character positions and our
 * byte positions, and the error helper that attaches a caret (line and
 * column: textpos.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "internal.h"
#include "strbuf.h"
#include "textpos.h"

#define CARET_WINDOW 60     /* characters of a long line shown */
#define CARET_RIGHT_CUT 10  /* at least this many shown after the caret */

static bool
is_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

int
sql_char_to_byte_position(const char *src, size_t len, int charpos)
{
	size_t i = 0;
	int chars = 1;

	if (charpos <= 0)
		return 0;
	while (i < len && chars < charpos) {
		i++;
		while (i < len && is_continuation((unsigned char) src[i]))
			i++;
		chars++;
	}
	return (int) i + 1;
}

char *
sql_caret(const char *src, size_t len, int position)
{
	strbuf sb = STRBUF_INIT;
	size_t at, bol, eol;
	int line = 1, column = 1;
	int width = 0;        /* characters on the line */
	int from, to;         /* the window shown, in characters */
	int prefix;
	int ch;
	int extra = 0;        /* columns escapes add before the caret */

	strbuf_init(&sb);
	if (position <= 0 || src == NULL)
		return strbuf_steal(&sb);
	at = (size_t) position - 1;
	if (at > len)
		at = len;
	/* "at end of input" after a trailing newline: show the end of the last
	 * line with text, not an empty line */
	if (at == len)
		while (at > 0 && (src[at - 1] == '\n' || src[at - 1] == '\r' ||
						  src[at - 1] == ' ' || src[at - 1] == '\t'))
			at--;
	/* a position on a newline shows at the end of that line */
	bol = at;
	while (bol > 0 && src[bol - 1] != '\n')
		bol--;
	eol = at;
	while (eol < len && src[eol] != '\n')
		eol++;
	/* a \r before the newline is not shown */
	if (eol > bol && src[eol - 1] == '\r')
		eol--;
	text_line_column(src, len, (long) at + 1, &line, &column);
	for (size_t i = bol; i < eol; i++)
		if (!is_continuation((unsigned char) src[i]))
			width++;

	from = 0;
	to = width;
	if (width > CARET_WINDOW) {
		if (column - 1 + CARET_RIGHT_CUT > CARET_WINDOW)
			from = column - 1 + CARET_RIGHT_CUT - CARET_WINDOW;
		to = from + CARET_WINDOW;
		if (to > width)
			to = width;
	}

	strbuf_printf(&sb, "LINE %d: ", line);
	prefix = (int) sb.len;
	if (from > 0) {
		strbuf_append(&sb, "...");
		prefix += 3;
	}
	ch = 0;
	for (size_t i = bol; i < eol; ch++) {
		size_t n = 1, before = sb.len;

		while (i + n < eol && is_continuation((unsigned char) src[i + n]))
			n++;
		if (ch >= from && ch < to) {
			if (src[i] == '\t')
				strbuf_append_char(&sb, ' ');
			else
				escape_terminal_append(&sb, src + i, n, false);
			/* an escaped control ("\x1b") is wider than one column */
			if (ch < column - 1 && (sb.len - before != n ||
									memcmp(sb.data + before, src + i, n) != 0))
				extra += (int) (sb.len - before) - 1;
		}
		i += n;
	}
	if (to < width)
		strbuf_append(&sb, "...");
	strbuf_append_char(&sb, '\n');
	for (int i = 0; i < prefix + (column - 1 - from) + extra; i++)
		strbuf_append_char(&sb, ' ');
	strbuf_append_char(&sb, '^');
	return strbuf_steal(&sb);
}

bool
sql_reject_at(error *err, const char *src, size_t len, int position,
			  const char *fmt, ...)
{
	char message[ERROR_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	error_set(err, ERROR_REJECTED, "%s", message);
	if (err == NULL)
		return false;
	err->position = position;
	if (src != NULL && position > 0) {
		char *caret = sql_caret(src, len, position);

		error_detail(err, "%s", caret);
		free(caret);
	}
	return false;
}
