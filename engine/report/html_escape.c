/*
 * html_escape.c — HTML escaping for the report (see html_escape.h): the
 * report's name for the one escaper of scoring/escape.h, so the page and
 * the terminal treat untrusted text alike.
 */
#include "report/html_escape.h"

#include "escape.h"

void
html_escape_append(strbuf *sb, const char *s)
{
	if (s == NULL)
		return;
	escape_html_append(sb, s);
}
