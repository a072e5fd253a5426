/*
 * meta.h — reading pgdrill's JSON metadata files (drill.json, fixture.json,
 * concepts.json) with errors that name the file and the field.
 *
 * A thin layer over cJSON for the catalogue loaders: parse a file's text,
 * fetch typed fields (required or optional) and string arrays.  Every error
 * is ERROR_USAGE (the catalogue is input) and says "<file>: field \"x\" ...".
 *
 * The located readers (meta_loc, meta_*_at) are the same readers for other
 * JSON files and nested fields: the learner state file (learner/state.c)
 * reads through them with ERROR_ENV (a corrupt state file) and locations
 * such as "drills.d" or "attempts[0]", so every typed JSON field in pgdrill
 * is checked, and its error worded, in one place.
 */
#ifndef PGDRILL_META_H
#define PGDRILL_META_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Where a field lives, for errors: "<path>: <name> must be ...".  `where`
 * NULL names a top-level field as `field "x"`; otherwise the field is named
 * `<where>.x` (e.g. "drills.d.attempts"). */
typedef struct meta_loc {
	error_kind kind;		/* ERROR_USAGE for the catalogue, ERROR_ENV for state */
	const char *path;		/* the file */
	const char *where;		/* NULL, or the location of the enclosing object */
} meta_loc;

/* Set err to "<path>: <name> must be <what>" and return false.  `field` NULL
 * names the location itself (`where`, e.g. "attempts[0]"). */
bool meta_invalid(const meta_loc *at, const char *field, const char *what,
				  error *err);

/* A number field from `min` to `max` (max INFINITY: no upper bound).  A
 * missing field is an error when `required`, otherwise leaves *out as it is;
 * with `nullable`, JSON null is accepted and also leaves *out as it is. */
bool meta_number_at(const meta_loc *at, const cJSON *obj, const char *field,
					bool required, bool nullable, double min, double max,
					double *out, error *err);

/* An array of strings, as meta_strings; with `nullable`, JSON null reads as
 * no items. */
bool meta_strings_at(const meta_loc *at, const cJSON *obj, const char *field,
					 bool required, bool nullable, char ***out, size_t *n,
					 error *err);

/* Read and parse a JSON file; the root must be an object.  Caller
 * cJSON_Deletes the result.  NULL with err on a missing file or bad JSON
 * (with the line of the syntax error). */
cJSON *meta_read(const char *path, error *err);

/* A string field: required (NULL + err when missing/not a string) or
 * optional (returns `dflt`, which may be NULL).  Returns a malloc'd copy. */
char *meta_string(const cJSON *obj, const char *path, const char *field,
				  bool required, const char *dflt, error *err);

/* A number field with bounds; optional fields take `dflt`.  The catalogue
 * form of meta_number_at (ERROR_USAGE, a top-level field). */
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
