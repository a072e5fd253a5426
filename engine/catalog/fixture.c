/*
 * fixture.c — loading and hashing a fixture folder (see fixture.h).
 */
#include "catalog/fixture.h"

#include <stdlib.h>
#include <string.h>

#include "os/fileio.h"
#include "fnv.h"
#include "catalog/meta.h"
#include "os/paths.h"
#include "strbuf.h"

#define FIXTURE_SCRIPT_MAX (64 * 1024 * 1024)

static bool
valid_name(const char *s)
{
	if (s[0] == '\0' || strlen(s) > 24)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

/* Whether names[i] (names is f->script_names or f->after_vacuum_names) is
 * already in the scripts before it: all of "scripts" then "after_vacuum". */
static bool
listed_before(const fixture *f, char *const *names, size_t i)
{
	bool in_scripts = names == f->script_names;

	for (size_t j = 0; j < (in_scripts ? i : f->n_scripts); j++)
		if (strcmp(f->script_names[j], names[i]) == 0)
			return true;
	for (size_t j = 0; !in_scripts && j < i; j++)
		if (strcmp(names[j], names[i]) == 0)
			return true;
	return false;
}

/*
 * Read the n scripts `names` (the fixture.json field `field`) from the
 * fixture folder into *texts (malloc'd, n entries, freed by fixture_free
 * even on failure) and fold each name and text into the hash *h.  A name
 * must be a plain file of the folder, and may appear once in the fixture
 * (in `scripts` or `after_vacuum`): a script run twice is a mistake.
 */
static bool
read_scripts(fixture *f, const char *json_path, const char *field, char **names, size_t n,
			 char ***texts, uint64_t *h, error *err)
{
	*texts = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		size_t len;
		char *p;

		if (names[i][0] == '\0' || strchr(names[i], '/') || names[i][0] == '.') {
			error_set(err, ERROR_USAGE, "%s: \"%s\": script \"%s\" must be a file in the "
					  "fixture folder", json_path, field, names[i]);
			return false;
		}
		if (listed_before(f, names, i)) {
			error_set(err, ERROR_USAGE, "%s: \"%s\": script \"%s\" is listed twice",
					  json_path, field, names[i]);
			error_detail(err, "Each script runs once: in \"scripts\" (before the VACUUM) "
						 "or in \"after_vacuum\" (after it).");
			return false;
		}
		p = paths_join(f->dir, names[i]);
		(*texts)[i] = fileio_read(p, FIXTURE_SCRIPT_MAX, &len, err);
		free(p);
		if ((*texts)[i] == NULL) {
			error_prefix(err, "fixture %s, \"%s\": ", f->name, field);
			return false;
		}
		*h = fnv_str(*h, names[i]);
		*h = fnv_bytes(*h, (*texts)[i], len);
	}
	return true;
}

/*
 * The "scripts" field: an array whose items are file names, or arrays of two
 * or more file names (a group: scripts that run side by side, each in a
 * session of its own, docs/fixture-format.md).  Flattened into
 * f->script_names in order, with f->script_group numbering the groups.
 */
static bool
read_script_list(fixture *f, const cJSON *root, const char *json_path, error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "scripts");
	const cJSON *item;
	size_t cap = 0;
	int group = 0;

	if (v == NULL)
		return error_set(err, ERROR_USAGE, "%s: field \"scripts\" is required", json_path);
	if (!cJSON_IsArray(v))
		goto invalid;
	cJSON_ArrayForEach(item, v)
		cap += cJSON_IsArray(item) ? (size_t) cJSON_GetArraySize(item) : 1;
	f->script_names = xcalloc(cap + 1, sizeof(char *));
	f->script_group = xcalloc(cap + 1, sizeof(int));
	cJSON_ArrayForEach(item, v) {
		const cJSON *name;
		int size = cJSON_IsArray(item) ? cJSON_GetArraySize(item) : 1;

		if (cJSON_IsString(item) && item->valuestring != NULL) {
			f->script_names[f->n_scripts++] = xstrdup(item->valuestring);
			continue;
		}
		if (!cJSON_IsArray(item))
			goto invalid;
		if (size < 2 || size > FIXTURE_GROUP_MAX) {
			error_set(err, ERROR_USAGE, "%s: \"scripts\": a group of scripts that run "
					  "side by side names 2 to %d scripts, not %d", json_path,
					  FIXTURE_GROUP_MAX, size);
			error_hint(err, "Write a script that runs on its own as a plain string.");
			return false;
		}
		group++;
		cJSON_ArrayForEach(name, item) {
			if (!cJSON_IsString(name) || name->valuestring == NULL)
				goto invalid;
			f->script_group[f->n_scripts] = group;
			f->script_names[f->n_scripts++] = xstrdup(name->valuestring);
		}
	}
	return true;
invalid:
	return meta_invalid(&(meta_loc){ERROR_USAGE, json_path, NULL}, "scripts",
						"an array of file names and of arrays of file names "
						"(scripts that run side by side)", err);
}

fixture *
fixture_load(const char *fixtures_dir, const char *name, error *err)
{
	static const char *const known[] = {"name", "title", "description", "default_scale",
		"scripts", "after_vacuum", "tables", NULL};
	fixture *f = xcalloc(1, sizeof *f);
	char *json_path = NULL;
	char *json_text = NULL;
	cJSON *root = NULL;
	size_t len;
	uint64_t h = fnv_u64(FNV_INIT, FIXTURE_RECIPE_VERSION);

	if (!valid_name(name)) {
		error_set(err, ERROR_USAGE, "invalid fixture name \"%s\"", name);
		error_detail(err, "Fixture names are 1 to 24 characters: a-z, 0-9 and _.");
		goto fail;
	}
	f->dir = paths_join(fixtures_dir, name);
	json_path = paths_join(f->dir, "fixture.json");
	if (!fileio_exists(json_path)) {
		error_set(err, ERROR_USAGE, "unknown fixture \"%s\"", name);
		error_detail(err, "%s does not exist.", json_path);
		goto fail;
	}
	json_text = fileio_read(json_path, 1024 * 1024, &len, err);
	if (json_text == NULL)
		goto fail;
	h = fnv_bytes(h, json_text, len);
	root = meta_read(json_path, err);
	if (root == NULL || !meta_known_keys(root, json_path, known, err))
		goto fail;
	f->name = meta_string(root, json_path, "name", true, NULL, err);
	if (f->name == NULL)
		goto fail;
	if (strcmp(f->name, name) != 0) {
		error_set(err, ERROR_USAGE, "%s: \"name\" is \"%s\" but the folder is \"%s\"",
				  json_path, f->name, name);
		goto fail;
	}
	f->title = meta_string(root, json_path, "title", true, NULL, err);
	if (f->title == NULL)
		goto fail;
	f->description = meta_string(root, json_path, "description", false, "", err);
	if (!meta_number(root, json_path, "default_scale", false, 1, 0.001, 100,
					 &f->default_scale, err))
		goto fail;
	if (!read_script_list(f, root, json_path, err) ||
		!meta_strings(root, json_path, "tables", false, &f->tables, &f->n_tables, err))
		goto fail;
	if (f->n_scripts == 0) {
		error_set(err, ERROR_USAGE, "%s: \"scripts\" must name at least one script",
				  json_path);
		goto fail;
	}
	if (!read_scripts(f, json_path, "scripts", f->script_names, f->n_scripts,
					  &f->script_texts, &h, err))
		goto fail;
	/* optional: scripts that run after the template's VACUUM (FREEZE,
	 * ANALYZE), to leave dead rows and pages that are not all-visible */
	if (!meta_strings(root, json_path, "after_vacuum", false, &f->after_vacuum_names,
					  &f->n_after_vacuum, err))
		goto fail;
	if (f->after_vacuum_names != NULL && f->n_after_vacuum == 0) {
		error_set(err, ERROR_USAGE, "%s: \"after_vacuum\" is empty", json_path);
		error_hint(err, "Name at least one script, or leave the field out.");
		goto fail;
	}
	if (!read_scripts(f, json_path, "after_vacuum", f->after_vacuum_names,
					  f->n_after_vacuum, &f->after_vacuum_texts, &h, err))
		goto fail;
	f->content_hash = h;
	{
		char *p = paths_join(f->dir, "edge.sql");
		bool present = fileio_exists(p);

		if (present)
			f->edge_sql = fileio_read(p, FIXTURE_SCRIPT_MAX, &len, err);
		free(p);
		if (present && f->edge_sql == NULL) {
			error_prefix(err, "fixture %s: ", name);
			goto fail;
		}
	}
	cJSON_Delete(root);
	free(json_text);
	free(json_path);
	return f;
fail:
	cJSON_Delete(root);
	free(json_text);
	free(json_path);
	fixture_free(f);
	return NULL;
}

void
fixture_free(fixture *f)
{
	if (f == NULL)
		return;
	free(f->name);
	free(f->dir);
	free(f->title);
	free(f->description);
	free(f->edge_sql);
	meta_strings_free(f->script_texts, f->n_scripts);
	meta_strings_free(f->script_names, f->n_scripts);
	free(f->script_group);
	meta_strings_free(f->after_vacuum_texts, f->n_after_vacuum);
	meta_strings_free(f->after_vacuum_names, f->n_after_vacuum);
	meta_strings_free(f->tables, f->n_tables);
	free(f);
}

double
fixture_scale(const fixture *f, double asked)
{
	return asked > 0 ? asked : f->default_scale;
}
