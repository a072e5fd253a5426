/*
 * error_json.c — an error value as JSON members (see error_json.h).
 */
#include "error_json.h"

void
error_json_add(cJSON *o, const error *err)
{
	cJSON_AddStringToObject(o, "message", err->message);
	if (err->detail[0])
		cJSON_AddStringToObject(o, "detail", err->detail);
	if (err->hint[0])
		cJSON_AddStringToObject(o, "hint", err->hint);
	if (err->position > 0)
		cJSON_AddNumberToObject(o, "position", err->position);
	if (err->sqlstate[0])
		cJSON_AddStringToObject(o, "sqlstate", err->sqlstate);
}
