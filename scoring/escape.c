/*
 * escape.c — see escape.h.  UTF-8 is decoded only far enough to keep
 * well-formed sequences whole and to spot C1 controls and bidirectional
 * overrides; a byte that does not start a well-formed sequence is shown as
 * "\xNN" and decoding resumes at the next byte.
 */
#include "escape.h"

#include <stdlib.h>
#include <string.h>

size_t
utf8_sequence(const unsigned char *s, size_t avail, unsigned *cp)
{
	size_t n;
	unsigned c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0)
		n = 2, c &= 0x1F, min = 0x80;
	else if ((c & 0xF0) == 0xE0)
		n = 3, c &= 0x0F, min = 0x800;
	else if ((c & 0xF8) == 0xF0)
		n = 4, c &= 0x07, min = 0x10000;
	else
		return 0;
	if (avail < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;               /* overlong, out of range, surrogate */
	*cp = c;
	return n;
}

static bool
shown_escaped(unsigned cp, bool keep_newlines)
{
	if (cp == '\t' || (cp == '\n' && keep_newlines))
		return false;
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
		(cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void
escape_terminal_append(strbuf *sb, const char *s, size_t len, bool keep_newlines)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t i = 0, start = 0;

	while (i < len) {
		unsigned cp;
		size_t n = utf8_sequence(p + i, len - i, &cp);

		if (n > 0 && !shown_escaped(cp, keep_newlines)) {
			i += n;
			continue;
		}
		strbuf_append_len(sb, s + start, i - start);
		if (n == 0) {
			strbuf_printf(sb, "\\x%02x", p[i]);
			n = 1;
		} else if (cp < 0x80)
			strbuf_printf(sb, "\\x%02x", cp);
		else
			strbuf_printf(sb, "\\u%04x", cp);
		i += n;
		start = i;
	}
	strbuf_append_len(sb, s + start, len - start);
}

char *
escape_terminal(const char *s)
{
	strbuf sb = STRBUF_INIT;

	if (s == NULL)
		return NULL;
	escape_terminal_append(&sb, s, strlen(s), true);
	if (sb.data == NULL)
		strbuf_append(&sb, "");
	return strbuf_steal(&sb);
}

bool
escape_terminal_needed(const char *s)
{
	char *e = escape_terminal(s);
	bool needed = e && strcmp(e, s) != 0;

	free(e);
	return needed;
}

void
escape_html_append(strbuf *sb, const char *s)
{
	strbuf plain = STRBUF_INIT;

	escape_terminal_append(&plain, s, strlen(s), true);
	for (size_t i = 0; i < plain.len; i++) {
		switch (plain.data[i]) {
		case '&': strbuf_append(sb, "&amp;"); break;
		case '<': strbuf_append(sb, "&lt;"); break;
		case '>': strbuf_append(sb, "&gt;"); break;
		case '"': strbuf_append(sb, "&quot;"); break;
		case '\'': strbuf_append(sb, "&#39;"); break;
		default: strbuf_append_char(sb, plain.data[i]);
		}
	}
	strbuf_free(&plain);
}

char *
escape_html(const char *s)
{
	strbuf sb = STRBUF_INIT;

	if (s == NULL)
		return NULL;
	escape_html_append(&sb, s);
	if (sb.data == NULL)
		strbuf_append(&sb, "");
	return strbuf_steal(&sb);
}
