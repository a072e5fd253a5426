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

fixture *
fixture_load(const char *fixtures_dir, const char *name, error *err)
{
	static const char *const known[] = {"name", "title", "description", "default_scale",
		"scripts", "tables", NULL};
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
	if (!meta_strings(root, json_path, "scripts", true, &f->script_names,
					  &f->n_scripts, err) ||
		!meta_strings(root, json_path, "tables", false, &f->tables, &f->n_tables, err))
		goto fail;
	if (f->n_scripts == 0) {
		error_set(err, ERROR_USAGE, "%s: \"scripts\" must name at least one script",
				  json_path);
		goto fail;
	}
	f->script_texts = xcalloc(f->n_scripts, sizeof(char *));
	for (size_t i = 0; i < f->n_scripts; i++) {
		char *p;

		if (strchr(f->script_names[i], '/') || f->script_names[i][0] == '.') {
			error_set(err, ERROR_USAGE, "%s: script \"%s\" must be a file in the fixture folder",
					  json_path, f->script_names[i]);
			goto fail;
		}
		p = paths_join(f->dir, f->script_names[i]);
		f->script_texts[i] = fileio_read(p, FIXTURE_SCRIPT_MAX, &len, err);
		free(p);
		if (f->script_texts[i] == NULL) {
			error_prefix(err, "fixture %s: ", name);
			goto fail;
		}
		h = fnv_str(h, f->script_names[i]);
		h = fnv_bytes(h, f->script_texts[i], len);
	}
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
	if (f->script_texts)
		for (size_t i = 0; i < f->n_scripts; i++)
			free(f->script_texts[i]);
	free(f->script_texts);
	meta_strings_free(f->script_names, f->n_scripts);
	meta_strings_free(f->tables, f->n_tables);
	free(f);
}
