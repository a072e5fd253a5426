/*
 * catalog.c — listing and loading the drill catalogue and concept graph
 * (see catalog.h).
 */
#include "catalog/catalog.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "os/fileio.h"
#include "catalog/meta.h"
#include "os/paths.h"
#include "strbuf.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

bool
catalog_drill_ids(const char *drills_dir, char ***ids, size_t *n, error *err)
{
	DIR *dir = opendir(drills_dir);
	struct dirent *de;
	size_t cap = 0;

	*ids = NULL;
	*n = 0;
	if (dir == NULL)
		return error_set(err, ERROR_ENV, "cannot read the drills directory \"%s\"",
						 drills_dir);
	while ((de = readdir(dir)) != NULL) {
		char *sub, *meta;
		bool is_drill;

		if (de->d_name[0] == '.')
			continue;
		sub = paths_join(drills_dir, de->d_name);
		meta = paths_join(sub, "drill.json");
		is_drill = fileio_exists(meta);
		free(meta);
		free(sub);
		if (!is_drill)
			continue;
		if (*n + 1 >= cap) {
			cap = cap ? cap * 2 : 32;
			*ids = xrealloc(*ids, cap * sizeof(char *));
		}
		(*ids)[(*n)++] = xstrdup(de->d_name);
	}
	closedir(dir);
	if (*n)
		qsort(*ids, *n, sizeof(char *), cmp_str);
	return true;
}

static bool
concept_cycle(const catalog *c, size_t i, int *mark)
{
	/* mark: 0 unvisited, 1 on the stack, 2 done */
	if (mark[i] == 1)
		return true;
	if (mark[i] == 2)
		return false;
	mark[i] = 1;
	for (size_t r = 0; r < c->concepts[i].n_requires; r++)
		for (size_t j = 0; j < c->n_concepts; j++)
			if (strcmp(c->concepts[j].id, c->concepts[i].requires[r]) == 0 &&
				concept_cycle(c, j, mark))
				return true;
	mark[i] = 2;
	return false;
}

/* The optional "themes" array of concepts.json, after the concepts. */
static bool
load_themes(catalog *c, const cJSON *root, const char *path, error *err)
{
	static const char *const known[] = {"id", "title", "summary", "concepts", NULL};
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "themes"), *item;

	if (arr == NULL)
		return true;
	if (!cJSON_IsArray(arr))
		return error_set(err, ERROR_USAGE, "%s: \"themes\" must be an array", path);
	c->themes = xcalloc((size_t) cJSON_GetArraySize(arr) + 1, sizeof(theme));
	cJSON_ArrayForEach(item, arr) {
		theme *t = &c->themes[c->n_themes];

		if (!cJSON_IsObject(item))
			return error_set(err, ERROR_USAGE, "%s: every theme must be an object", path);
		c->n_themes++;
		if (!meta_known_keys(item, path, known, err) ||
			(t->id = meta_string(item, path, "id", true, NULL, err)) == NULL ||
			(t->title = meta_string(item, path, "title", true, NULL, err)) == NULL ||
			(t->summary = meta_string(item, path, "summary", false, "", err)) == NULL ||
			!meta_strings(item, path, "concepts", true, &t->concepts, &t->n_concepts, err))
			return false;
		if (!drill_valid_id(t->id))
			return error_set(err, ERROR_USAGE, "%s: invalid theme id \"%s\" (1 to 40 "
							 "characters: a-z, 0-9 and -)", path, t->id);
		for (size_t j = 0; j + 1 < c->n_themes; j++)
			if (strcmp(c->themes[j].id, t->id) == 0)
				return error_set(err, ERROR_USAGE, "%s: theme \"%s\" is defined twice", path,
								 t->id);
		if (t->n_concepts == 0)
			return error_set(err, ERROR_USAGE, "%s: theme \"%s\" names no concept", path,
							 t->id);
		for (size_t k = 0; k < t->n_concepts; k++) {
			if (catalog_concept(c, t->concepts[k]) == NULL)
				return error_set(err, ERROR_USAGE, "%s: theme \"%s\" names unknown concept "
								 "\"%s\"", path, t->id, t->concepts[k]);
			for (size_t j = 0; j < k; j++)
				if (strcmp(t->concepts[j], t->concepts[k]) == 0)
					return error_set(err, ERROR_USAGE, "%s: theme \"%s\" names concept "
									 "\"%s\" twice", path, t->id, t->concepts[k]);
		}
	}
	return true;
}

bool
catalog_load_concepts(catalog *c, const char *drills_dir, error *err)
{
	char *path = paths_join(drills_dir, "concepts.json");
	cJSON *root = meta_read(path, err);
	const cJSON *arr, *item;
	bool ok = false;
	int *mark = NULL;

	if (root == NULL)
		goto done;
	arr = cJSON_GetObjectItemCaseSensitive(root, "concepts");
	if (!cJSON_IsArray(arr)) {
		error_set(err, ERROR_USAGE, "%s: \"concepts\" must be an array", path);
		goto done;
	}
	c->concepts = xcalloc((size_t) cJSON_GetArraySize(arr) + 1, sizeof(concept));
	cJSON_ArrayForEach(item, arr) {
		concept *k = &c->concepts[c->n_concepts];

		if (!cJSON_IsObject(item)) {
			error_set(err, ERROR_USAGE, "%s: every concept must be an object", path);
			goto done;
		}
		c->n_concepts++;
		if ((k->id = meta_string(item, path, "id", true, NULL, err)) == NULL ||
			(k->title = meta_string(item, path, "title", true, NULL, err)) == NULL ||
			(k->summary = meta_string(item, path, "summary", false, "", err)) == NULL ||
			!meta_strings(item, path, "requires", false, &k->requires, &k->n_requires, err))
			goto done;
		for (size_t j = 0; j + 1 < c->n_concepts; j++)
			if (strcmp(c->concepts[j].id, k->id) == 0) {
				error_set(err, ERROR_USAGE, "%s: concept \"%s\" is defined twice", path, k->id);
				goto done;
			}
	}
	for (size_t i = 0; i < c->n_concepts; i++)
		for (size_t r = 0; r < c->concepts[i].n_requires; r++)
			if (catalog_concept(c, c->concepts[i].requires[r]) == NULL) {
				error_set(err, ERROR_USAGE, "%s: concept \"%s\" requires unknown concept \"%s\"",
						  path, c->concepts[i].id, c->concepts[i].requires[r]);
				goto done;
			}
	mark = xcalloc(c->n_concepts + 1, sizeof(int));
	for (size_t i = 0; i < c->n_concepts; i++)
		if (concept_cycle(c, i, mark)) {
			error_set(err, ERROR_USAGE, "%s: the prerequisites of \"%s\" form a cycle",
					  path, c->concepts[i].id);
			goto done;
		}
	if (!load_themes(c, root, path, err))
		goto done;
	ok = true;
done:
	free(mark);
	cJSON_Delete(root);
	free(path);
	return ok;
}

catalog *
catalog_load(const char *drills_dir, drill_loader load, error *err)
{
	catalog *c = xcalloc(1, sizeof *c);
	char **ids = NULL;
	size_t n = 0;

	if (!catalog_load_concepts(c, drills_dir, err) ||
		!catalog_drill_ids(drills_dir, &ids, &n, err))
		goto fail;
	c->drills = xcalloc(n + 1, sizeof(drill *));
	for (size_t i = 0; i < n; i++) {
		drill *d = load(drills_dir, ids[i], err);

		if (d == NULL)
			goto fail;
		c->drills[c->n_drills++] = d;
	}
	meta_strings_free(ids, n);
	return c;
fail:
	meta_strings_free(ids, n);
	catalog_free(c);
	return NULL;
}

void
catalog_free(catalog *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n_drills; i++)
		drill_free(c->drills[i]);
	free(c->drills);
	for (size_t i = 0; i < c->n_concepts; i++) {
		free(c->concepts[i].id);
		free(c->concepts[i].title);
		free(c->concepts[i].summary);
		meta_strings_free(c->concepts[i].requires, c->concepts[i].n_requires);
	}
	free(c->concepts);
	for (size_t i = 0; i < c->n_themes; i++) {
		free(c->themes[i].id);
		free(c->themes[i].title);
		free(c->themes[i].summary);
		meta_strings_free(c->themes[i].concepts, c->themes[i].n_concepts);
	}
	free(c->themes);
	free(c);
}

const concept *
catalog_concept(const catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n_concepts; i++)
		if (strcmp(c->concepts[i].id, id) == 0)
			return &c->concepts[i];
	return NULL;
}

const drill *
catalog_drill(const catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n_drills; i++)
		if (strcmp(c->drills[i]->id, id) == 0)
			return c->drills[i];
	return NULL;
}

const theme *
catalog_theme(const catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n_themes; i++)
		if (strcmp(c->themes[i].id, id) == 0)
			return &c->themes[i];
	return NULL;
}

bool
catalog_theme_has(const theme *t, const char *concept_id)
{
	for (size_t i = 0; i < t->n_concepts; i++)
		if (strcmp(t->concepts[i], concept_id) == 0)
			return true;
	return false;
}
