/*
 * report_junit.c — a grade run as JUnit XML, the shape Jenkins, GitLab and
 * GitHub test reporters read (tests/junit.xsd is the schema our tests check
 * it against), plus the run's counts and exit code (see report.h).
 *
 * One <testsuites> root with one <testsuite name="pgdrill grade">; each
 * answer is a <testcase classname="DRILL" name="FILE" file="FILE" time="s">.
 * A failed answer carries <failure type="fail">, a rejected one
 * <error type="rejected">, an environment failure <error type="error">; the
 * message attribute is the one-line verdict and the element text adds the
 * detail and hint.  Every testcase has <system-out> with the verdict, so a
 * pass shows its score in the reporter too.
 */
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/verdict.h"
#include "strbuf.h"

grade_counts
report_counts(const grade_run *run)
{
	grade_counts c = {0, 0, 0, 0};

	for (size_t i = 0; i < run->n; i++)
		switch (run->items[i].r.status) {
		case CHECK_PASS:
			c.pass++;
			break;
		case CHECK_FAIL:
			c.fail++;
			break;
		case CHECK_REJECTED:
			c.rejected++;
			break;
		case CHECK_ERROR:
			c.error++;
			break;
		}
	return c;
}

int
report_exit_code(const grade_run *run)
{
	grade_counts c = report_counts(run);

	if (c.error)
		return 4;
	if (c.rejected)
		return 3;
	if (c.fail)
		return 1;
	return 0;
}

char *
report_xml_escape(const char *s)
{
	strbuf sb = STRBUF_INIT;

	strbuf_append(&sb, "");
	for (const unsigned char *p = (const unsigned char *) s; *p; p++)
		switch (*p) {
		case '&':
			strbuf_append(&sb, "&amp;");
			break;
		case '<':
			strbuf_append(&sb, "&lt;");
			break;
		case '>':
			strbuf_append(&sb, "&gt;");
			break;
		case '"':
			strbuf_append(&sb, "&quot;");
			break;
		case '\'':
			strbuf_append(&sb, "&apos;");
			break;
		default:
			if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				strbuf_append(&sb, "\xef\xbf\xbd");
			else
				strbuf_append_char(&sb, (char) *p);
		}
	return strbuf_steal(&sb);
}

static void
append_escaped(strbuf *sb, const char *s)
{
	char *e = report_xml_escape(s ? s : "");

	strbuf_append(sb, e);
	free(e);
}

/* The element text of a failure or error: message, detail, hint. */
static void
append_details(strbuf *sb, const grade_item *it)
{
	const error *e = &it->r.err;
	char *verdict = check_report_message(&it->r);

	append_escaped(sb, verdict);
	if (e->message[0] && strcmp(e->message, verdict) != 0) {
		strbuf_append(sb, "\n");
		append_escaped(sb, e->message);
	}
	free(verdict);
	if (e->detail[0]) {
		strbuf_append(sb, "\nDETAIL: ");
		append_escaped(sb, e->detail);
	}
	if (e->hint[0]) {
		strbuf_append(sb, "\nHINT: ");
		append_escaped(sb, e->hint);
	}
	if (e->position > 0)
		strbuf_printf(sb, "\nat line %d, column %d", it->line, it->column);
}

char *
report_junit(const grade_run *run)
{
	grade_counts c = report_counts(run);
	strbuf sb = STRBUF_INIT;
	char name[64];

	if (run->shard_count > 0)
		snprintf(name, sizeof name, "pgdrill grade (shard %d/%d)", run->shard_index,
				 run->shard_count);
	else
		snprintf(name, sizeof name, "pgdrill grade");
	strbuf_append(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	strbuf_printf(&sb, "<testsuites name=\"pgdrill\" tests=\"%zu\" failures=\"%zu\" "
				  "errors=\"%zu\" time=\"%.3f\">\n", run->n, c.fail, c.rejected + c.error,
				  run->seconds);
	strbuf_printf(&sb, "  <testsuite name=\"%s\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
				  "skipped=\"0\" time=\"%.3f\" timestamp=\"%s\">\n", name, run->n, c.fail,
				  c.rejected + c.error, run->seconds, run->timestamp);
	for (size_t i = 0; i < run->n; i++) {
		const grade_item *it = &run->items[i];
		char *verdict = check_report_message(&it->r);

		strbuf_append(&sb, "    <testcase classname=\"");
		append_escaped(&sb, it->drill_id);
		strbuf_append(&sb, "\" name=\"");
		append_escaped(&sb, it->file);
		strbuf_append(&sb, "\" file=\"");
		append_escaped(&sb, it->file);
		strbuf_printf(&sb, "\" time=\"%.3f\">\n", it->seconds);
		if (it->r.status != CHECK_PASS) {
			const char *elem = it->r.status == CHECK_FAIL ? "failure" : "error";

			strbuf_printf(&sb, "      <%s type=\"%s\" message=\"", elem,
						  check_status_name(it->r.status));
			append_escaped(&sb, verdict);
			strbuf_append(&sb, "\">");
			append_details(&sb, it);
			strbuf_printf(&sb, "</%s>\n", elem);
		}
		strbuf_append(&sb, "      <system-out>");
		append_escaped(&sb, verdict);
		strbuf_append(&sb, "</system-out>\n    </testcase>\n");
		free(verdict);
	}
	strbuf_append(&sb, "  </testsuite>\n</testsuites>\n");
	return strbuf_steal(&sb);
}
