/*
 * meta.h — reading pgdrill's JSON metadata files (drill.json, fixture.json,
 * concepts.json) with errors that name the file and the field.
 *
 * A thin layer over cJSON for the catalogue loaders: parse a file's text,
 * fetch typed fields (required or optional) and string arrays.  Every error
 * is ERROR_USAGE (the catalogue is input) and says "<file>: field \"x\" ...".
 */
#ifndef PGDRILL_META_H
#define PGDRILL_META_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Read and parse a JSON file; the root must be an object.  Caller
 * cJSON_Deletes the result.  NULL with err on a missing file or bad JSON
 * (with the line of the syntax error). */
cJSON *meta_read(const char *path, error *err);

/* A string field: required (NULL + err when missing/not a string) or
 * optional (returns `dflt`, which may be NULL).  Returns a malloc'd copy. */
char *meta_string(const cJSON *obj, const char *path, const char *field,
				  bool required, const char *dflt, error *err);

/* A number field with bounds; optional fields take `dflt`. */
bool meta_number(const cJSON *obj, const char *path, const char *field,
				 bool required, double dflt, double min, double max,
				 double *out, error *err);

/* An array of strings (optional: an absent field gives 0 items).  *out is a
 * malloc'd array of malloc'd strings; free with meta_strings_free. */
bool meta_strings(const cJSON *obj, const char *path, const char *field,
				  bool required, char ***out, size_t *n, error *err);
void meta_strings_free(char **v, size_t n);

/* Reject unknown keys, so a typo in a field name is an error, not a silent
 * default.  `known` is NULL-terminated. */
bool meta_known_keys(const cJSON *obj, const char *path, const char *const *known,
					 error *err);

#endif
