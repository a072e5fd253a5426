/*
 * html_escape.c — HTML escaping for the report (see html_escape.h).
 */
#include "report/html_escape.h"

void
html_escape_append(strbuf *sb, const char *s)
{
	if (s == NULL)
		return;
	for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
		switch (*p) {
		case '&':
			strbuf_append(sb, "&amp;");
			break;
		case '<':
			strbuf_append(sb, "&lt;");
			break;
		case '>':
			strbuf_append(sb, "&gt;");
			break;
		case '"':
			strbuf_append(sb, "&quot;");
			break;
		case '\'':
			strbuf_append(sb, "&#39;");
			break;
		default:
			if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
				strbuf_append(sb, "\xEF\xBF\xBD");
			else
				strbuf_append_char(sb, (char) *p);
		}
	}
}
