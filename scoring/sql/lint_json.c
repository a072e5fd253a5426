/*
 * lint_json.c — lint findings as JSON (the `findings` list of `pgdrill lint
 * --format json` and the `lint` list of a check result; docs/lint-rules.md).
 * One shape, built here, so the two outputs cannot drift apart.  Pure: it
 * builds a cJSON value and prints nothing.
 */
#include "lint.h"

cJSON *
lint_findings_to_json(const lint_findings *f)
{
	cJSON *list = cJSON_CreateArray();

	for (size_t i = 0; f && i < f->n; i++) {
		const lint_finding *x = &f->items[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "id", x->id);
		cJSON_AddStringToObject(o, "severity", lint_severity_name(x->severity));
		cJSON_AddNumberToObject(o, "line", x->line);
		cJSON_AddNumberToObject(o, "column", x->column);
		cJSON_AddNumberToObject(o, "position", x->position);
		cJSON_AddStringToObject(o, "message", x->message);
		cJSON_AddStringToObject(o, "advice", x->advice);
		cJSON_AddItemToArray(list, o);
	}
	return list;
}
