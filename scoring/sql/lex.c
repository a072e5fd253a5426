/*
 * lex.c — the forgiving SQL tokenizer (see lex.h).  Follows the lexical rules
 * of PostgreSQL's scan.l closely enough for token boundaries: nested block
 * comments, '' doubling in strings, backslash escapes in E'' strings, ""
 * doubling in identifiers, $tag$ dollar quotes, and operator runs that stop
 * where a comment starts.  Called by input.c and lint rules.
 */
#include "lex.h"

#include <string.h>
#include <strings.h>

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		c == '\v';
}

static bool
is_ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
		c >= 0x80;
}

static bool
is_ident_char(unsigned char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

static bool
is_op_char(char c)
{
	return c != '\0' && strchr("+-*/<>=~!@#%^&|`?", c) != NULL;
}

/* Skip whitespace and comments from pos; returns the first other byte. */
static size_t
skip_blank(const char *s, size_t len, size_t pos)
{
	while (pos < len) {
		if (is_space(s[pos])) {
			pos++;
		} else if (s[pos] == '-' && pos + 1 < len && s[pos + 1] == '-') {
			while (pos < len && s[pos] != '\n')
				pos++;
		} else if (s[pos] == '/' && pos + 1 < len && s[pos + 1] == '*') {
			int depth = 1;

			pos += 2;
			while (pos < len && depth > 0) {
				if (s[pos] == '*' && pos + 1 < len && s[pos + 1] == '/') {
					depth--;
					pos += 2;
				} else if (s[pos] == '/' && pos + 1 < len && s[pos + 1] == '*') {
					depth++;
					pos += 2;
				} else {
					pos++;
				}
			}
		} else {
			break;
		}
	}
	return pos;
}

/* From the opening quote at pos, past the closing one ('' or "" doubling). */
static size_t
skip_quoted(const char *s, size_t len, size_t pos, char q, bool backslash)
{
	pos++;
	while (pos < len) {
		if (backslash && s[pos] == '\\') {
			pos += 2;
		} else if (s[pos] == q) {
			if (pos + 1 < len && s[pos + 1] == q)
				pos += 2;
			else
				return pos + 1;
		} else {
			pos++;
		}
	}
	return len;
}

/* At a '$': the length of a dollar-quote delimiter ($tag$ or $$), 0 if none. */
static size_t
dollar_tag_len(const char *s, size_t len, size_t pos)
{
	size_t i = pos + 1;

	if (i < len && s[i] == '$')
		return 2;
	if (i >= len || !is_ident_start((unsigned char) s[i]))
		return 0;
	while (i < len && is_ident_char((unsigned char) s[i]) && s[i] != '$')
		i++;
	return i < len && s[i] == '$' ? i - pos + 1 : 0;
}

sql_token
sql_lex_next(const char *s, size_t len, size_t pos)
{
	sql_token t = {SQL_TOKEN_END, len, len};
	unsigned char c;
	size_t i;

	pos = skip_blank(s, len, pos);
	if (pos >= len)
		return t;
	t.start = pos;
	c = (unsigned char) s[pos];
	i = pos;

	if ((c == 'e' || c == 'E') && pos + 1 < len && s[pos + 1] == '\'') {
		t.kind = SQL_TOKEN_STRING;
		t.end = skip_quoted(s, len, pos + 1, '\'', true);
	} else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' ||
				c == 'N') && pos + 1 < len && s[pos + 1] == '\'') {
		t.kind = SQL_TOKEN_STRING;
		t.end = skip_quoted(s, len, pos + 1, '\'', false);
	} else if ((c == 'u' || c == 'U') && pos + 2 < len && s[pos + 1] == '&' &&
			   (s[pos + 2] == '\'' || s[pos + 2] == '"')) {
		t.kind = s[pos + 2] == '\'' ? SQL_TOKEN_STRING : SQL_TOKEN_QUOTED;
		t.end = skip_quoted(s, len, pos + 2, s[pos + 2], false);
	} else if (is_ident_start(c)) {
		while (i < len && is_ident_char((unsigned char) s[i]))
			i++;
		t.kind = SQL_TOKEN_WORD;
		t.end = i;
	} else if (c == '\'') {
		t.kind = SQL_TOKEN_STRING;
		t.end = skip_quoted(s, len, pos, '\'', false);
	} else if (c == '"') {
		t.kind = SQL_TOKEN_QUOTED;
		t.end = skip_quoted(s, len, pos, '"', false);
	} else if (c == '$') {
		size_t tag = dollar_tag_len(s, len, pos);

		if (tag > 0) {
			/* find the same delimiter again */
			i = pos + tag;
			t.end = len;
			while (i + tag <= len) {
				if (s[i] == '$' && memcmp(s + i, s + pos, tag) == 0) {
					t.end = i + tag;
					break;
				}
				i++;
			}
			t.kind = SQL_TOKEN_STRING;
		} else {
			i++;
			while (i < len && s[i] >= '0' && s[i] <= '9')
				i++;
			t.kind = SQL_TOKEN_PARAM;
			t.end = i;
		}
	} else if ((c >= '0' && c <= '9') ||
			   (c == '.' && pos + 1 < len && s[pos + 1] >= '0' && s[pos + 1] <= '9')) {
		while (i < len && (is_ident_char((unsigned char) s[i]) || s[i] == '.' ||
						   ((s[i] == '+' || s[i] == '-') &&
							(s[i - 1] == 'e' || s[i - 1] == 'E')))) {
			/* ".." is a range in some contexts: stop before a second dot */
			if (s[i] == '.' && i + 1 < len && s[i + 1] == '.')
				break;
			i++;
		}
		t.kind = SQL_TOKEN_NUMBER;
		t.end = i;
	} else if (c == ':' && pos + 1 < len && s[pos + 1] == ':') {
		t.kind = SQL_TOKEN_OP;
		t.end = pos + 2;
	} else if (is_op_char((char) c)) {
		i++;
		while (i < len && is_op_char(s[i]) &&
			   !(s[i] == '-' && i + 1 < len && s[i + 1] == '-') &&
			   !(s[i] == '/' && i + 1 < len && s[i + 1] == '*'))
			i++;
		t.kind = SQL_TOKEN_OP;
		t.end = i;
	} else {
		t.kind = SQL_TOKEN_PUNCT;
		t.end = pos + 1;
	}
	return t;
}

bool
sql_token_is_word(const char *src, const sql_token *t, const char *kw)
{
	size_t n = strlen(kw);

	return t->kind == SQL_TOKEN_WORD && t->end - t->start == n &&
		strncasecmp(src + t->start, kw, n) == 0;
}
