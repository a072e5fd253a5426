/*
 * drill.c — loading and validating a drill folder (see drill.h).
 */
#include "catalog/drill.h"

#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "os/fileio.h"
#include "catalog/catalog.h"
#include "catalog/meta.h"
#include "os/paths.h"
#include "sql/sql.h"
#include "strbuf.h"
#include "suggest.h"

#define DRILL_FILE_MAX (1024 * 1024)

/* Session settings a drill may pin: planner and executor knobs only. */
static const char *const allowed_settings[] = {
	"work_mem", "hash_mem_multiplier", "jit", "jit_above_cost",
	"max_parallel_workers_per_gather", "random_page_cost", "seq_page_cost",
	"effective_cache_size", "enable_seqscan", "enable_indexscan",
	"enable_bitmapscan", "enable_indexonlyscan", "enable_hashjoin",
	"enable_mergejoin", "enable_nestloop", "enable_hashagg", "enable_sort",
	"enable_material", "enable_memoize", "join_collapse_limit",
	"from_collapse_limit", "default_statistics_target", "plan_cache_mode",
	"cpu_tuple_cost", "cpu_index_tuple_cost", "cpu_operator_cost", NULL
};

bool
drill_setting_allowed(const char *name)
{
	for (const char *const *s = allowed_settings; *s; s++)
		if (strcmp(*s, name) == 0)
			return true;
	return false;
}

bool
drill_valid_id(const char *s)
{
	if (s[0] == '\0' || strlen(s) > 40 || s[0] == '-')
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

static char *
read_in(const drill *d, const char *name, bool required, error *err)
{
	char *p = paths_join(d->dir, name);
	size_t len;
	char *text = NULL;

	if (!fileio_exists(p)) {
		if (required)
			error_set(err, ERROR_USAGE, "drill %s: %s is missing", d->id, name);
		else
			text = xstrdup("");
	} else
		text = fileio_read(p, DRILL_FILE_MAX, &len, err);
	free(p);
	return text;
}

/* An optional file: *text is NULL when it does not exist. */
static bool
read_optional(const drill *d, const char *name, char **text, error *err)
{
	char *p = paths_join(d->dir, name);

	bool ok = true;

	*text = NULL;
	if (fileio_exists(p)) {
		*text = read_in(d, name, true, err);
		ok = *text != NULL;
	}
	free(p);
	return ok;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

static bool
load_references(drill *d, error *err)
{
	DIR *dir = opendir(d->dir);
	struct dirent *de;
	size_t cap = 0;

	if (dir == NULL)
		return error_set(err, ERROR_USAGE, "drill %s: cannot read its folder", d->id);
	while ((de = readdir(dir)) != NULL) {
		size_t n = strlen(de->d_name);

		if (strncmp(de->d_name, "reference", 9) != 0 || n < 13 ||
			strcmp(de->d_name + n - 4, ".sql") != 0)
			continue;
		if (d->n_references == cap) {
			cap = cap ? cap * 2 : 4;
			d->reference_files = xrealloc(d->reference_files, cap * sizeof(char *));
		}
		d->reference_files[d->n_references++] = xstrdup(de->d_name);
	}
	closedir(dir);
	if (d->n_references > 1)
		qsort(d->reference_files, d->n_references, sizeof(char *), cmp_str);
	d->references = xcalloc(d->n_references + 1, sizeof(char *));
	for (size_t i = 0; i < d->n_references; i++) {
		d->references[i] = read_in(d, d->reference_files[i], true, err);
		if (d->references[i] == NULL)
			return false;
	}
	return true;
}

static void
split_hints(drill *d, const char *text)
{
	strbuf cur = STRBUF_INIT;
	const char *p = text;
	size_t cap = 0;

	for (;;) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t) (eol - p) : strlen(p);
		bool sep = (n == 3 && strncmp(p, "---", 3) == 0) ||
			(n == 4 && strncmp(p, "---\r", 4) == 0);

		if (sep || (eol == NULL)) {
			if (!sep)
				strbuf_append_len(&cur, p, n);
			/* trim blank lines around a hint */
			char *s = cur.data ? cur.data : "";
			while (*s == '\n' || *s == ' ' || *s == '\r')
				s++;
			size_t len = strlen(s);
			while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' ' || s[len - 1] == '\r'))
				len--;
			if (len > 0) {
				if (d->n_hints == cap) {
					cap = cap ? cap * 2 : 4;
					d->hints = xrealloc(d->hints, cap * sizeof(char *));
				}
				d->hints[d->n_hints++] = xstrndup(s, len);
			}
			strbuf_reset(&cur);
		} else {
			strbuf_append_len(&cur, p, n);
			strbuf_append_char(&cur, '\n');
		}
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	strbuf_free(&cur);
}

static bool
load_allow(drill *d, const cJSON *root, const char *path, error *err)
{
	static const struct { const char *name; unsigned flag; } names[] = {
		{"select", SQL_ALLOW_SELECT},
		{"create_index", SQL_ALLOW_CREATE_INDEX},
		{"create_statistics", SQL_ALLOW_CREATE_STATISTICS},
		{"analyze", SQL_ALLOW_ANALYZE},
		{"create_matview", SQL_ALLOW_CREATE_MATVIEW},
		{"create_table", SQL_ALLOW_CREATE_TABLE},
		{"insert", SQL_ALLOW_INSERT},
		{"update", SQL_ALLOW_UPDATE},
	};
	char **v;
	size_t n;

	d->allow = 0;             /* absent: the kind's default (its load op) */
	if (!meta_strings(root, path, "allow", false, &v, &n, err))
		return false;
	if (v == NULL)
		return true;
	d->allow = SQL_ALLOW_SELECT;
	for (size_t i = 0; i < n; i++) {
		bool found = false;

		for (size_t j = 0; j < sizeof names / sizeof names[0]; j++)
			if (strcmp(v[i], names[j].name) == 0) {
				d->allow |= names[j].flag;
				found = true;
			}
		if (!found) {
			error_set(err, ERROR_USAGE, "%s: unknown statement kind \"%s\" in \"allow\"",
					  path, v[i]);
			meta_strings_free(v, n);
			return false;
		}
	}
	meta_strings_free(v, n);
	/* writes run only in a load drill's endpoints, never in an answer of
	 * the kinds that grade one SELECT */
	if ((d->allow & (SQL_ALLOW_INSERT | SQL_ALLOW_UPDATE | SQL_ALLOW_CREATE_TABLE)) &&
		strcmp(d->kind, "load") != 0)
		return error_set(err, ERROR_USAGE, "%s: \"insert\", \"update\" and \"create_table\" "
						 "in \"allow\" are for load drills (docs/load.md)", path);
	return true;
}

/* A PostgreSQL memory value ("64MB", "4096kB", "1GB", or a bare number of
 * kB) in kB; false when it is not one. */
static bool
memory_kb(const char *v, double *kb)
{
	static const struct { const char *unit; double kb; } units[] = {
		{"", 1}, {"kB", 1}, {"MB", 1024}, {"GB", 1024.0 * 1024}, {"TB", 1024.0 * 1024 * 1024},
	};
	char *end;
	double n = strtod(v, &end);

	if (end == v || !isfinite(n) || n < 0)
		return false;
	while (*end == ' ')
		end++;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(end, units[i].unit) == 0) {
			*kb = n * units[i].kb;
			return true;
		}
	return false;
}

/* Memory settings a drill pins stay within the sandbox's bounds: a drill
 * (perhaps a stranger's, in CI) must not be able to lift them. */
static bool
check_memory_setting(const char *path, const char *name, const char *value, error *err)
{
	double kb;

	if (strcmp(name, "work_mem") == 0) {
		if (!memory_kb(value, &kb) || kb < 64 || kb > DRILL_MAX_WORK_MEM_MB * 1024.0)
			return error_set(err, ERROR_USAGE, "%s: setting \"work_mem\" must be a memory "
							 "size from 64kB to %dMB, not \"%s\"", path,
							 DRILL_MAX_WORK_MEM_MB, value);
	} else if (strcmp(name, "hash_mem_multiplier") == 0) {
		char *end;
		double m = strtod(value, &end);

		if (end == value || *end != '\0' || !(m >= 1 && m <= DRILL_MAX_HASH_MEM_MULTIPLIER))
			return error_set(err, ERROR_USAGE, "%s: setting \"hash_mem_multiplier\" must be "
							 "a number from 1 to %g, not \"%s\"", path,
							 DRILL_MAX_HASH_MEM_MULTIPLIER, value);
	}
	return true;
}

/* The optional "limits" object: result caps and memory bounds, each within
 * its maximum (docs/sandbox.md). */
static bool
load_limits(drill *d, const cJSON *root, const char *path, error *err)
{
	static const char *const known[] = {"max_rows", "max_result_mb", "work_mem_mb",
		"temp_file_limit_mb", NULL};
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(root, "limits");
	char *lpath;
	double rows, result_mb, work_mem_mb, temp_mb;
	bool ok;

	d->limits.max_rows = DRILL_MAX_ROWS;
	d->limits.max_bytes = (size_t) DRILL_MAX_RESULT_MB * 1024 * 1024;
	if (l == NULL)
		return true;
	if (!cJSON_IsObject(l))
		return error_set(err, ERROR_USAGE, "%s: \"limits\" must be an object", path);
	lpath = xasprintf("%s: limits", path);
	ok = meta_known_keys(l, lpath, known, err) &&
		meta_number(l, lpath, "max_rows", false, (double) DRILL_MAX_ROWS, 1,
					(double) DRILL_MAX_ROWS, &rows, err) &&
		meta_number(l, lpath, "max_result_mb", false, DRILL_MAX_RESULT_MB, 1,
					DRILL_MAX_RESULT_MB, &result_mb, err) &&
		meta_number(l, lpath, "work_mem_mb", false, 0, 1, DRILL_MAX_WORK_MEM_MB,
					&work_mem_mb, err) &&
		meta_number(l, lpath, "temp_file_limit_mb", false, 0, 1, DRILL_MAX_TEMP_FILE_MB,
					&temp_mb, err);
	free(lpath);
	if (!ok)
		return false;
	d->limits.max_rows = (size_t) rows;
	d->limits.max_bytes = (size_t) (result_mb * 1024 * 1024);
	d->limits.work_mem_kb = (int) (work_mem_mb * 1024);
	d->limits.temp_file_limit_kb = (int) (temp_mb * 1024);
	for (size_t i = 0; i < d->n_settings; i++)
		if (d->limits.work_mem_kb && strcmp(d->settings[i].name, "work_mem") == 0)
			return error_set(err, ERROR_USAGE, "%s: work_mem is both pinned in \"settings\" "
							 "and bounded in \"limits\": keep one", path);
	return true;
}

/* The optional "scale_limit" object: {"max": N, "why": "one line"}
 * (docs/drill-format.md). */
static bool
load_scale_limit(drill *d, const cJSON *root, const char *path, error *err)
{
	static const char *const known[] = {"max", "why", NULL};
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(root, "scale_limit");
	char *lpath;
	bool ok;

	if (l == NULL)
		return true;
	if (!cJSON_IsObject(l))
		return error_set(err, ERROR_USAGE, "%s: \"scale_limit\" must be an object "
						 "{\"max\": N, \"why\": \"...\"}", path);
	lpath = xasprintf("%s: scale_limit", path);
	ok = meta_known_keys(l, lpath, known, err) &&
		meta_number(l, lpath, "max", true, 0, 0.001, 100, &d->scale_limit.max, err) &&
		(d->scale_limit.why = meta_string(l, lpath, "why", true, NULL, err)) != NULL;
	free(lpath);
	/* one line that fits in the refusal's message (ERROR_MESSAGE_MAX) */
	if (ok && (d->scale_limit.why[0] == '\0' || strchr(d->scale_limit.why, '\n') ||
			   strlen(d->scale_limit.why) > DRILL_SCALE_WHY_MAX))
		ok = error_set(err, ERROR_USAGE, "%s: scale_limit.why must be one line of at most %d "
					   "characters saying what of the drill holds only up to that scale",
					   path, DRILL_SCALE_WHY_MAX);
	return ok;
}

/* The optional "mutation" object: declared equivalent mutants (id: reason),
 * whether a timeout kills, and a pending reason (docs/drill-format.md). */
static bool
load_mutation(drill *d, const cJSON *root, const char *path, error *err)
{
	static const char *const known[] = {"equivalent", "timeout_kills", "pending", NULL};
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(root, "mutation"), *eq, *item;
	const cJSON *tk;
	char *mpath;
	bool ok;

	if (m == NULL)
		return true;
	if (!cJSON_IsObject(m))
		return error_set(err, ERROR_USAGE, "%s: \"mutation\" must be an object", path);
	mpath = xasprintf("%s: mutation", path);
	ok = meta_known_keys(m, mpath, known, err);
	if (ok)
		d->mutation.pending = meta_string(m, mpath, "pending", false, NULL, err);
	free(mpath);
	if (!ok || (err->kind != ERROR_NONE))
		return false;
	tk = cJSON_GetObjectItemCaseSensitive(m, "timeout_kills");
	if (tk && !cJSON_IsBool(tk))
		return error_set(err, ERROR_USAGE, "%s: mutation.timeout_kills must be true or false",
						 path);
	d->mutation.timeout_kills = cJSON_IsTrue(tk);
	eq = cJSON_GetObjectItemCaseSensitive(m, "equivalent");
	if (eq == NULL)
		return true;
	if (!cJSON_IsObject(eq))
		return error_set(err, ERROR_USAGE, "%s: mutation.equivalent must be an object of "
						 "mutant id: reason", path);
	d->mutation.equivalent = xcalloc((size_t) cJSON_GetArraySize(eq) + 1,
									 sizeof *d->mutation.equivalent);
	cJSON_ArrayForEach(item, eq) {
		drill_equivalent *e;

		if (!cJSON_IsString(item) || item->valuestring[0] == '\0' ||
			strchr(item->valuestring, '\n'))
			return error_set(err, ERROR_USAGE, "%s: mutation.equivalent \"%s\" needs its reason: "
							 "one line saying why no data can tell it from the query", path,
							 item->string);
		e = &d->mutation.equivalent[d->mutation.n_equivalent++];
		e->id = xstrdup(item->string);
		e->reason = xstrdup(item->valuestring);
	}
	return true;
}

static bool
load_settings(drill *d, const cJSON *root, const char *path, error *err)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "settings");
	const cJSON *item;

	if (s == NULL)
		return true;
	if (!cJSON_IsObject(s))
		return error_set(err, ERROR_USAGE, "%s: \"settings\" must be an object", path);
	d->settings = xcalloc((size_t) cJSON_GetArraySize(s) + 1, sizeof(drill_setting));
	cJSON_ArrayForEach(item, s) {
		if (!cJSON_IsString(item))
			return error_set(err, ERROR_USAGE, "%s: setting \"%s\" must be a string",
							 path, item->string);
		if (!drill_setting_allowed(item->string))
			return error_set(err, ERROR_USAGE,
							 "%s: setting \"%s\" may not be pinned by a drill", path,
							 item->string);
		if (!check_memory_setting(path, item->string, item->valuestring, err))
			return false;
		d->settings[d->n_settings].name = xstrdup(item->string);
		d->settings[d->n_settings].value = xstrdup(item->valuestring);
		d->n_settings++;
	}
	return true;
}

/* The hint for an unknown drill: the closest id when one is near. */
static void
hint_closest_drill(error *err, const char *drills_dir, const char *id)
{
	error ignored = {0};
	char **ids = NULL;
	size_t n = 0;
	const char *near = NULL;

	if (catalog_drill_ids(drills_dir, &ids, &n, &ignored))
		near = suggest_closest(id, (const char *const *) ids, n);
	if (near)
		error_hint(err, "Did you mean \"%s\"?  The list command shows the drills.", near);
	else
		error_hint(err, "The list command shows the drills.");
	meta_strings_free(ids, n);
}

drill *
drill_load(const char *drills_dir, const char *id, error *err)
{
	static const char *const known[] = {"id", "title", "kind", "fixture", "concepts",
		"difficulty", "minutes", "pass_score", "settings", "allow", "timeout_s", "limits",
		"load", "mutation", "scale_limit", NULL};
	drill *d = xcalloc(1, sizeof *d);
	char *path = NULL, *hints = NULL;
	cJSON *root = NULL;
	double num;

	if (!drill_valid_id(id)) {
		error_set(err, ERROR_USAGE, "invalid drill id \"%s\"", id);
		error_detail(err, "Drill ids are 1 to 40 characters: a-z, 0-9 and -.");
		goto fail;
	}
	d->id = xstrdup(id);
	d->dir = paths_join(drills_dir, id);
	path = paths_join(d->dir, "drill.json");
	if (!fileio_exists(path)) {
		error_set(err, ERROR_USAGE, "unknown drill \"%s\"", id);
		hint_closest_drill(err, drills_dir, id);
		goto fail;
	}
	root = meta_read(path, err);
	if (root == NULL || !meta_known_keys(root, path, known, err))
		goto fail;
	{
		char *fid = meta_string(root, path, "id", true, NULL, err);

		if (fid == NULL)
			goto fail;
		if (strcmp(fid, id) != 0) {
			error_set(err, ERROR_USAGE, "%s: \"id\" is \"%s\" but the folder is \"%s\"",
					  path, fid, id);
			free(fid);
			goto fail;
		}
		free(fid);
	}
	if ((d->title = meta_string(root, path, "title", true, NULL, err)) == NULL ||
		(d->fixture = meta_string(root, path, "fixture", true, NULL, err)) == NULL ||
		(d->kind = meta_string(root, path, "kind", true, NULL, err)) == NULL)
		goto fail;
	if (!meta_strings(root, path, "concepts", true, &d->concepts, &d->n_concepts, err))
		goto fail;
	if (d->n_concepts == 0) {
		error_set(err, ERROR_USAGE, "%s: \"concepts\" must name at least one concept", path);
		goto fail;
	}
	if (!meta_number(root, path, "difficulty", true, 0, 1, 5, &num, err))
		goto fail;
	d->difficulty = (int) num;
	if (!meta_number(root, path, "minutes", true, 0, 1, 240, &num, err))
		goto fail;
	d->minutes = (int) num;
	if (!meta_number(root, path, "pass_score", false, 70, 1, 100, &d->pass_score, err) ||
		!meta_number(root, path, "timeout_s", false, 60, 1, 600, &d->timeout_s, err) ||
		!load_allow(d, root, path, err) || !load_settings(d, root, path, err) ||
		!load_limits(d, root, path, err) || !load_mutation(d, root, path, err) ||
		!load_scale_limit(d, root, path, err))
		goto fail;
	if ((d->prompt = read_in(d, "prompt.md", true, err)) == NULL ||
		(d->slow_sql = read_in(d, "slow.sql", true, err)) == NULL ||
		(hints = read_in(d, "hints.md", false, err)) == NULL ||
		!load_references(d, err))
		goto fail;
	if (!read_optional(d, "edge.sql", &d->edge_sql, err))
		goto fail;
	split_hints(d, hints);
	free(hints);
	free(path);
	cJSON_Delete(root);
	return d;
fail:
	free(hints);
	free(path);
	cJSON_Delete(root);
	drill_free(d);
	return NULL;
}

void
drill_free(drill *d)
{
	if (d == NULL)
		return;
	free(d->id);
	free(d->dir);
	free(d->title);
	free(d->kind);
	free(d->fixture);
	if (d->kind_data_free)
		d->kind_data_free(d->kind_data);
	meta_strings_free(d->concepts, d->n_concepts);
	for (size_t i = 0; i < d->n_settings; i++) {
		free(d->settings[i].name);
		free(d->settings[i].value);
	}
	free(d->settings);
	free(d->prompt);
	free(d->slow_sql);
	free(d->edge_sql);
	meta_strings_free(d->references, d->n_references);
	meta_strings_free(d->reference_files, d->n_references);
	meta_strings_free(d->hints, d->n_hints);
	for (size_t i = 0; i < d->mutation.n_equivalent; i++) {
		free(d->mutation.equivalent[i].id);
		free(d->mutation.equivalent[i].reason);
	}
	free(d->mutation.equivalent);
	free(d->mutation.pending);
	free(d->scale_limit.why);
	free(d);
}
