/*
 * error_json.h — an error value as JSON members: the one place that decides
 * how `message`, `detail`, `hint`, `position` and `sqlstate` appear in
 * pgdrill's JSON (docs/json.md, "Errors").  A command's error object, the
 * `error` member of a check result and of a load check result are all
 * written through it, so they cannot drift apart (the load report once
 * dropped the SQLSTATE).  Builds values; never prints.
 */
#ifndef PGDRILL_ERROR_JSON_H
#define PGDRILL_ERROR_JSON_H

#include <cjson/cJSON.h>

#include "error.h"

/* Add the error's members to `o`: "message" always; "detail", "hint",
 * "position" and "sqlstate" only when set. */
void error_json_add(cJSON *o, const error *err);

#endif
