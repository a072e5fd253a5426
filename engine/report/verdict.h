/*
 * verdict.h — the verdict on a check result in a sentence or two of
 * English: the one place pgdrill words a grade (grading/check.c computes
 * it and writes no prose).  Called by every renderer of results
 * (check_report.c, report_junit.c, report_github.c, cli_grade.c's summary).
 */
#ifndef PGDRILL_VERDICT_H
#define PGDRILL_VERDICT_H

#include "grading/check.h"

/* The message of r (malloc'd): its own message when it has one (a
 * rejection, an error, a kind's own verdict), else how its rows differ, its
 * score with buffers and times, or why it failed to run. */
char *check_report_message(const check_result *r);

#endif
