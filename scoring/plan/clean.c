/*
 * clean.c — accept EXPLAIN JSON the way people paste it.
 *
 * `psql -c 'EXPLAIN (FORMAT JSON) ...'` prints the JSON as a one-column
 * table: a "QUERY PLAN" header and a line of dashes, every line but the last
 * ending in a '+' continuation mark, and a "(1 row)" footer.  This file
 * blanks those out (replacing them with spaces, never moving a byte) so the
 * result is JSON and cJSON's error offsets still point into what the user
 * gave us.  It does not parse JSON; parse.c does.  A JSON line never ends in
 * '+' (strings cannot span lines and numbers cannot end in '+'), so
 * stripping a final '+' cannot damage real JSON.
 */
#include "plan/plan_internal.h"

#include <ctype.h>
#include <string.h>

#include "strbuf.h"

/* Is [s, e) a psql row-count footer: "(1 row)" / "(12 rows)"? */
bool
plan_is_psql_footer(const char *s, const char *e)
{
	while (s < e && isspace((unsigned char) *s))
		s++;
	while (e > s && isspace((unsigned char) e[-1]))
		e--;
	if (e - s < 6 || *s != '(' || e[-1] != ')')
		return false;
	s++;
	if (!isdigit((unsigned char) *s))
		return false;
	while (s < e && isdigit((unsigned char) *s))
		s++;
	return (size_t) (e - s) >= 5 &&
		(strncmp(s, " row)", 5) == 0 || strncmp(s, " rows)", 6) == 0);
}

/* Is [s, e) only dashes, '+' and spaces (psql's header rule)? */
bool
plan_is_psql_rule(const char *s, const char *e)
{
	bool dash = false;

	for (; s < e; s++) {
		if (*s == '-')
			dash = true;
		else if (*s != '+' && !isspace((unsigned char) *s))
			return false;
	}
	return dash;
}

static void
blank(char *s, char *e)
{
	for (; s < e; s++)
		if (*s != '\n')
			*s = ' ';
}

char *
plan_clean_input(const char *text, size_t len, bool *cleaned)
{
	char *out = xmalloc(len + 1);
	char *p, *end = out + len;
	bool started = false;

	memcpy(out, text, len);
	out[len] = '\0';
	*cleaned = false;

	/* A UTF-8 byte-order mark is not JSON. */
	if (len >= 3 && memcmp(out, "\xEF\xBB\xBF", 3) == 0) {
		blank(out, out + 3);
		*cleaned = true;
	}
	p = out;
	while (p < end && isspace((unsigned char) *p))
		p++;
	if (p < end && (*p == '[' || *p == '{'))
		return out;             /* raw JSON: nothing to do */

	for (p = out; p < end;) {
		char *eol = memchr(p, '\n', (size_t) (end - p));
		char *le = eol ? eol : end;
		char *q = p, *t = le;

		while (q < le && isspace((unsigned char) *q))
			q++;
		if (!started) {
			/* Everything before the first line starting with [ or { is
			 * header: "QUERY PLAN", the dashes, a "Time:" line... */
			if (q < le && (*q == '[' || *q == '{'))
				started = true;
			else {
				blank(p, le);
				*cleaned = true;
			}
		}
		if (started) {
			if (plan_is_psql_footer(p, le) || plan_is_psql_rule(p, le)) {
				blank(p, end);  /* the footer ends the table */
				*cleaned = true;
				break;
			}
			while (t > p && isspace((unsigned char) t[-1]))
				t--;
			if (t > p && t[-1] == '+') {
				t[-1] = ' ';
				*cleaned = true;
			}
		}
		p = eol ? eol + 1 : end;
	}
	if (!started) {
		/* Nothing looked like JSON: give it back untouched, so the error
		 * points at what the user wrote, not at blanks. */
		memcpy(out, text, len);
		*cleaned = false;
	}
	return out;
}

int
plan_json_depth(const char *text, size_t len)
{
	int depth = 0, max = 0;
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"')
			in_string = true;
		else if (c == '[' || c == '{') {
			if (++depth > max)
				max = depth;
		} else if (c == ']' || c == '}')
			depth--;
	}
	return max;
}
