/*
 * check_report.h — a check_result as JSON (the documented contract, see
 * docs/json.md) and as text for a terminal.  Builds values; printing is the
 * CLI's.
 */
#ifndef PGDRILL_CHECK_REPORT_H
#define PGDRILL_CHECK_REPORT_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "grading/check.h"
#include "catalog/drill.h"

/* JSON object for one result (caller cJSON_Deletes).  `answer_file` may be
 * NULL. */
cJSON *check_report_json(const drill *d, const check_result *r, const char *answer_file);

/* Text for a terminal (malloc'd); `color` adds ANSI colour; `program` is
 * the command as the user ran it, for the commands the text suggests. */
char *check_report_text(const drill *d, const check_result *r, bool color,
						const char *program);

#endif
