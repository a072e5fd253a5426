/*
 * report_github.c — a grade run as GitHub Actions workflow commands (see
 * report.h and docs/ci.md), which the runner turns into annotations on the
 * pull request's files.
 *
 *   ::error file=answers/a.sql,line=3,col=8,title=pgdrill a: rejected::message
 *   ::notice title=pgdrill grade::12 answers: 10 passed, 1 failed, ...
 *
 * Only answers that did not pass are annotated (a failure is an error
 * annotation too: the runner has no "failure" level).  The line is the
 * rejection's position when there is one, else 1.  Values are escaped as the
 * runner expects: %, CR and LF in the message; also ':' and ',' in
 * properties.
 */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "report/verdict.h"
#include "strbuf.h"

char *
report_github_escape(const char *s, int property)
{
	strbuf sb = STRBUF_INIT;

	strbuf_append(&sb, "");
	for (const char *p = s; *p; p++)
		switch (*p) {
		case '%':
			strbuf_append(&sb, "%25");
			break;
		case '\r':
			strbuf_append(&sb, "%0D");
			break;
		case '\n':
			strbuf_append(&sb, "%0A");
			break;
		case ':':
			strbuf_append(&sb, property ? "%3A" : ":");
			break;
		case ',':
			strbuf_append(&sb, property ? "%2C" : ",");
			break;
		default:
			strbuf_append_char(&sb, *p);
		}
	return strbuf_steal(&sb);
}

static void
append_escaped(strbuf *sb, const char *s, int property)
{
	char *e = report_github_escape(s, property);

	strbuf_append(sb, e);
	free(e);
}

char *
report_github(const grade_run *run)
{
	grade_counts c = report_counts(run);
	strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < run->n; i++) {
		const grade_item *it = &run->items[i];
		const error *e = &it->r.err;
		strbuf msg = STRBUF_INIT;
		char *title, *verdict;

		if (it->r.status == CHECK_PASS)
			continue;
		verdict = check_report_message(&it->r);
		strbuf_append(&msg, verdict);
		if (e->message[0] && strcmp(e->message, verdict) != 0)
			strbuf_printf(&msg, "\n%s", e->message);
		free(verdict);
		if (e->detail[0])
			strbuf_printf(&msg, "\n%s", e->detail);
		if (e->hint[0])
			strbuf_printf(&msg, "\nHINT: %s", e->hint);
		strbuf_append(&sb, "::error file=");
		append_escaped(&sb, it->file, 1);
		strbuf_printf(&sb, ",line=%d", it->line > 0 ? it->line : 1);
		if (it->column > 0)
			strbuf_printf(&sb, ",col=%d", it->column);
		title = xasprintf("pgdrill %s: %s", it->drill_id, check_status_name(it->r.status));
		strbuf_append(&sb, ",title=");
		append_escaped(&sb, title, 1);
		strbuf_append(&sb, "::");
		append_escaped(&sb, strbuf_str(&msg), 0);
		strbuf_append_char(&sb, '\n');
		free(title);
		strbuf_free(&msg);
	}
	strbuf_printf(&sb, "::notice title=pgdrill grade::%zu answer%s: %zu passed, %zu failed, "
				  "%zu rejected, %zu error%s\n", run->n, run->n == 1 ? "" : "s", c.pass,
				  c.fail, c.rejected, c.error, c.error == 1 ? "" : "s");
	return strbuf_steal(&sb);
}
