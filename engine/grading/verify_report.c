/*
 * verify_report.c — adding problems and notes to a verify report, and
 * releasing it (see verify_report.h).  Used by verify.c and by the drill
 * kinds' own verification steps (engine/grading/kinds/).
 */
#include "grading/verify_report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static void
add_line(char ***lines, size_t *n, char *line)
{
	*lines = xrealloc(*lines, (*n + 1) * sizeof(char *));
	(*lines)[(*n)++] = line;
}

static void
add_problem(verify_report *r, char *caret, const char *fmt, va_list ap)
{
	strbuf sb = STRBUF_INIT;

	strbuf_vprintf(&sb, fmt, ap);
	/* one line per problem */
	for (char *p = sb.data; p && *p; p++)
		if (*p == '\n')
			*p = ' ';
	r->problem_carets = xrealloc(r->problem_carets, (r->n_problems + 1) * sizeof(char *));
	r->problem_carets[r->n_problems] = caret;
	add_line(&r->problems, &r->n_problems, strbuf_steal(&sb));
}

void
verify_problem(verify_report *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_problem(r, NULL, fmt, ap);
	va_end(ap);
}

void
verify_problem_caret(verify_report *r, char *caret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_problem(r, caret, fmt, ap);
	va_end(ap);
}

void
verify_note(verify_report *r, char *line)
{
	add_line(&r->notes, &r->n_notes, line);
}

void
verify_problem_from(verify_report *r, const char *dir, const char *id, const error *err)
{
	strbuf sb = STRBUF_INIT;
	char *prefix = xasprintf("drill %s: ", id);
	char *dirslash = xasprintf("%s/", dir);
	const char *m = err->message;

	if (strncmp(m, prefix, strlen(prefix)) == 0)
		m += strlen(prefix);
	for (const char *p = m; *p;) {
		if (strncmp(p, dirslash, strlen(dirslash)) == 0) {
			p += strlen(dirslash);
			continue;
		}
		strbuf_append_char(&sb, *p++);
	}
	if (err->detail[0] && strchr(err->detail, '\n') == NULL)
		strbuf_printf(&sb, " (%s)", err->detail);
	verify_problem(r, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
	free(prefix);
	free(dirslash);
}

void
verify_report_release(verify_report *r)
{
	if (r == NULL)
		return;
	free(r->drill);
	for (size_t i = 0; i < r->n_problems; i++) {
		free(r->problems[i]);
		free(r->problem_carets[i]);
	}
	free(r->problems);
	free(r->problem_carets);
	for (size_t i = 0; i < r->n_notes; i++)
		free(r->notes[i]);
	free(r->notes);
	for (size_t i = 0; i < r->n_measures; i++)
		free(r->measures[i].file);
	free(r->measures);
	mutation_report_release(&r->mutation);
	memset(r, 0, sizeof *r);
}
