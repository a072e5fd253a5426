/*
 * meta.c — typed access to JSON metadata with precise errors (see meta.h).
 */
#include "catalog/meta.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "os/fileio.h"
#include "strbuf.h"
#include "textpos.h"

#define META_MAX_BYTES (1024 * 1024)

cJSON *
meta_read(const char *path, error *err)
{
	size_t len;
	char *text = fileio_read(path, META_MAX_BYTES, &len, err);
	const char *end = NULL;
	cJSON *root;

	if (text == NULL)
		return NULL;
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (root == NULL) {
		const char *stop = end ? end : cJSON_GetErrorPtr();
		long at = stop && stop >= text && stop <= text + len ? stop - text + 1 : 0;

		error_set(err, ERROR_USAGE, "%s: invalid JSON near line %d", path,
				  text_line(text, len, at));
		free(text);
		return NULL;
	}
	free(text);
	if (!cJSON_IsObject(root)) {
		error_set(err, ERROR_USAGE, "%s: the top level must be a JSON object", path);
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* The name of `field` at `at` for messages (see meta_loc); malloc'd. */
static char *
field_name(const meta_loc *at, const char *field)
{
	if (field == NULL)
		return xstrdup(at->where ? at->where : "the top level");
	if (at->where == NULL)
		return xasprintf("field \"%s\"", field);
	return xasprintf("%s.%s", at->where, field);
}

static bool
field_error(const meta_loc *at, const char *field, const char *what, error *err)
{
	char *name = field_name(at, field);

	error_set(err, at->kind, "%s: %s %s", at->path, name, what);
	free(name);
	return false;
}

bool
meta_invalid(const meta_loc *at, const char *field, const char *what, error *err)
{
	char *must = xasprintf("must be %s", what);

	field_error(at, field, must, err);
	free(must);
	return false;
}

char *
meta_string(const cJSON *obj, const char *path, const char *field, bool required,
			const char *dflt, error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
	meta_loc at = {ERROR_USAGE, path, NULL};

	if (v == NULL) {
		if (required) {
			field_error(&at, field, "is required", err);
			return NULL;
		}
		return dflt ? xstrdup(dflt) : NULL;
	}
	if (!cJSON_IsString(v) || v->valuestring == NULL) {
		meta_invalid(&at, field, "a string", err);
		return NULL;
	}
	return xstrdup(v->valuestring);
}

bool
meta_number_at(const meta_loc *at, const cJSON *obj, const char *field,
			   bool required, bool nullable, double min, double max, double *out,
			   error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
	char *what;

	if (v == NULL)
		return required ? field_error(at, field, "is required", err) : true;
	if (nullable && cJSON_IsNull(v))
		return true;
	if (cJSON_IsNumber(v) && isfinite(v->valuedouble) && v->valuedouble >= min &&
		v->valuedouble <= max) {
		*out = v->valuedouble;
		return true;
	}
	if (isinf(max))
		what = xasprintf("a number of at least %g%s", min, nullable ? " or null" : "");
	else
		what = xasprintf("a number from %g to %g%s", min, max, nullable ? " or null" : "");
	meta_invalid(at, field, what, err);
	free(what);
	return false;
}

bool
meta_number(const cJSON *obj, const char *path, const char *field, bool required,
			double dflt, double min, double max, double *out, error *err)
{
	meta_loc at = {ERROR_USAGE, path, NULL};
	double v = dflt;

	if (!meta_number_at(&at, obj, field, required, false, min, max, &v, err))
		return false;
	*out = v;
	return true;
}

void
meta_strings_free(char **v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

bool
meta_strings_at(const meta_loc *at, const cJSON *obj, const char *field,
				bool required, bool nullable, char ***out, size_t *n, error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
	const cJSON *item;
	size_t i = 0;

	*out = NULL;
	*n = 0;
	if (v == NULL)
		return required ? field_error(at, field, "is required", err) : true;
	if (nullable && cJSON_IsNull(v))
		return true;
	if (!cJSON_IsArray(v))
		return meta_invalid(at, field, "an array of strings", err);
	*out = xcalloc((size_t) cJSON_GetArraySize(v) + 1, sizeof(char *));
	cJSON_ArrayForEach(item, v) {
		if (!cJSON_IsString(item) || item->valuestring == NULL) {
			meta_strings_free(*out, i);
			*out = NULL;
			return meta_invalid(at, field, "an array of strings", err);
		}
		(*out)[i++] = xstrdup(item->valuestring);
	}
	*n = i;
	return true;
}

bool
meta_strings(const cJSON *obj, const char *path, const char *field, bool required,
			 char ***out, size_t *n, error *err)
{
	meta_loc at = {ERROR_USAGE, path, NULL};

	return meta_strings_at(&at, obj, field, required, false, out, n, err);
}

bool
meta_known_keys(const cJSON *obj, const char *path, const char *const *known,
				error *err)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, obj) {
		bool ok = false;

		for (const char *const *k = known; *k; k++)
			if (item->string && strcmp(item->string, *k) == 0)
				ok = true;
		if (!ok)
			return error_set(err, ERROR_USAGE, "%s: unknown field \"%s\"", path,
							 item->string ? item->string : "?");
	}
	return true;
}
