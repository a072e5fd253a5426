/*
 * report_html.h — one self-contained HTML page per report: `explain` (a
 * plan), `check` (one verdict) and `grade` (a run; the artifact an
 * instructor opens, docs/ci.md).
 *
 * A page needs nothing beyond itself: inline CSS and a few lines of inline
 * JavaScript (grade's table: sort by score, filter by drill and verdict),
 * and a Content-Security-Policy that forbids every network load.  Plans are
 * drawn as trees, one list item per node (class "node"; the container
 * carries data-nodes, the plan's node count), with bars for each node's
 * self time and self buffers; the slow query's, the reference's and the
 * answer's plans side by side.  Every string that comes from outside (SQL,
 * plan text, file names, drill text, server messages) is escaped with
 * html_escape_append.  Renderers only build text: the CLI writes it.
 */
#ifndef PGDRILL_REPORT_HTML_H
#define PGDRILL_REPORT_HTML_H

#include "catalog/drill.h"
#include "grading/check.h"
#include "plan/insight.h"
#include "plan/plan.h"
#include "report/report.h"

/* `explain`: the plan of `source` (a file name) with its insights.
 * malloc'd. */
char *report_html_explain(const char *source, const plan *p, const insight_list *l);

/* `check`: the verdict on `answer_file` for drill d.  malloc'd. */
char *report_html_check(const drill *d, const check_result *r, const char *answer_file);

/* `grade`: a table of every answer (sortable by score, filterable by drill
 * and verdict), each row linking to the answer's section.  malloc'd. */
char *report_html_grade(const grade_run *run);

#endif
