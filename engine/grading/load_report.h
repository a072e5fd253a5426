/*
 * load_report.h — a load check's verdict as text (terminal bars) and as
 * JSON (docs/json.md, "Load drills").  Like quiz.c's report, it sits beside
 * the kind that produces the result and is reached through the result's
 * detail operations (check.h's check_detail_ops); report/ prints it.
 */
#ifndef PGDRILL_LOAD_REPORT_H
#define PGDRILL_LOAD_REPORT_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "catalog/drill.h"
#include "grading/load_check.h"

/* The whole report: verdict line, message, the three variants side by side
 * (p50/p95/p99/max, throughput, late and failed, pool), p95 per round,
 * per-endpoint bars and the latency histogram.  malloc'd. */
char *load_report_text(const drill *d, const load_check_result *r, bool color);

/* The JSON object of a load check (version 1, the check result's common
 * fields plus "load"). */
cJSON *load_report_json(const drill *d, const load_check_result *r, const char *answer_file);

#endif
