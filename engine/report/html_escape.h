/*
 * html_escape.h — text made safe for an HTML page (the report of
 * report_html.c).
 *
 * Every untrusted string (SQL, plan text, file names, drill text, server
 * messages) goes through here before it reaches a page: & < > " ' become
 * entities, and control characters other than tab and newline are shown
 * visibly ("\x1b"), so neither markup nor a terminal escape sequence
 * survives.  It is scoring/escape.h's escape_html_append(): one escaper.
 */
#ifndef PGDRILL_HTML_ESCAPE_H
#define PGDRILL_HTML_ESCAPE_H

#include "strbuf.h"

/* Append `s` escaped to `sb` (NULL appends nothing). */
void html_escape_append(strbuf *sb, const char *s);

#endif
