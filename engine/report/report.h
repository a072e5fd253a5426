/*
 * report.h — a batch of graded answers (what `pgdrill grade` produced) and
 * its CI renderings: JUnit XML (report_junit.c) and GitHub workflow-command
 * annotations (report_github.c).  JSON is check_report_json per answer,
 * assembled by cli_grade.c.  See docs/ci.md for the formats.
 *
 * The renderers build text and never print or touch files; cli_grade.c
 * writes it to standard output or --out.
 */
#ifndef PGDRILL_REPORT_H
#define PGDRILL_REPORT_H

#include <stddef.h>

#include "grading/check.h"
#include "catalog/drill.h"

/* One answer file and its grade. */
typedef struct grade_item {
	char *file;           /* the answer's path as given (relative paths stay so) */
	char *drill_id;       /* from the file name or the manifest */
	const drill *d;       /* NULL when no such drill could be loaded */
	check_result r;       /* the grade (for a NULL d: REJECTED or ERROR, see ci.md) */
	int line;             /* 1-based line of r.err.position in the file, else 1 */
	int column;           /* its column, 0 when there is no position */
	double seconds;       /* wall time spent grading this answer */
} grade_item;

/* The run as a whole. */
typedef struct grade_run {
	const grade_item *items;
	size_t n;
	double seconds;       /* the whole run */
	const char *timestamp;/* ISO 8601 UTC, e.g. 2026-11-27T07:00:00Z */
	int shard_index;      /* 1-based; 0 when not sharded */
	int shard_count;
} grade_run;

/* Counts by status.  Returns run->n. */
typedef struct grade_counts {
	size_t pass, fail, rejected, error;
} grade_counts;
grade_counts report_counts(const grade_run *run);

/*
 * The exit code of the run: 4 when any answer hit an environment error,
 * else 3 when any was rejected, else 1 when any failed, else 0.  An empty
 * run is 0.  (Rejected outranks failed: an answer that could not be graded
 * at all is the more urgent thing to fix.)
 */
int report_exit_code(const grade_run *run);

/* One <testsuites> holding one <testsuite> for the run, one <testcase> per
 * answer (classname = drill id, name = file): <failure> for fail, <error>
 * for rejected and error.  malloc'd, UTF-8, ends in "\n". */
char *report_junit(const grade_run *run);

/* GitHub workflow commands: one `::error file=..,line=..,title=..::message`
 * per answer that did not pass, then a `::notice` summary line.  malloc'd. */
char *report_github(const grade_run *run);

/* Escape for GitHub workflow commands: data (`%`, CR, LF) or, with
 * `property`, also `:` and `,`.  malloc'd. */
char *report_github_escape(const char *s, int property);

/* Escape for XML text and attribute values; characters XML 1.0 cannot hold
 * (controls other than tab, LF, CR) become U+FFFD.  malloc'd. */
char *report_xml_escape(const char *s);

#endif
