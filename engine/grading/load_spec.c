/*
 * load_spec.c — reading a load drill's "load" object and endpoint scripts
 * (see load_spec.h).
 */
#include "grading/load_spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/meta.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "sql/sql.h"
#include "strbuf.h"

#define LOAD_MAX_SCRIPT_BYTES (64 * 1024)

void
load_spec_free(load_spec *spec)
{
	if (spec == NULL)
		return;
	for (size_t i = 0; i < spec->n_endpoints; i++) {
		free(spec->endpoints[i].name);
		free(spec->endpoints[i].file);
		load_script_free(&spec->endpoints[i].script);
	}
	meta_strings_free(spec->writable, spec->n_writable);
	meta_strings_free(spec->state_check, spec->n_state_check);
	memset(spec, 0, sizeof *spec);
}

const load_endpoint *
load_spec_endpoint_of(const load_spec *spec, const char *name)
{
	for (size_t i = 0; i < spec->n_endpoints; i++)
		if (load_script_find(&spec->endpoints[i].script, name))
			return &spec->endpoints[i];
	return NULL;
}

/* A relative path inside the drill folder: no "..", not absolute. */
static bool
inside_folder(const char *file)
{
	return file[0] != '/' && strstr(file, "..") == NULL && file[0] != '\0';
}

load_rules
load_spec_rules(const load_spec *spec, unsigned allow)
{
	return (load_rules) {
		.setup_allow = allow & ~(SQL_ALLOW_SELECT | SQL_ALLOW_INSERT | SQL_ALLOW_UPDATE),
		.write_allow = spec->write_allow,
		.writable = spec->writable,
		.n_writable = spec->n_writable,
		.pool_allowed = spec->pool_allowed,
	};
}

static bool
read_endpoint(const cJSON *o, const char *path, const char *dir, unsigned write_allow,
			  load_endpoint *e, error *err)
{
	static const char *const known[] = {"name", "script", "weight", "transaction", NULL};
	double weight;
	char *file, *text;
	size_t len;
	bool ok;

	if (!cJSON_IsObject(o))
		return error_set(err, ERROR_USAGE, "%s: each of \"load\".\"endpoints\" is an object",
						 path);
	if (!meta_known_keys(o, path, known, err) ||
		(e->name = meta_string(o, path, "name", true, NULL, err)) == NULL ||
		(e->file = meta_string(o, path, "script", true, NULL, err)) == NULL ||
		!meta_number(o, path, "weight", false, 1, 1, 1000, &weight, err))
		return false;
	e->weight = (int) weight;
	if (!inside_folder(e->file))
		return error_set(err, ERROR_USAGE, "%s: endpoint %s: \"script\" must be a path "
						 "inside the drill folder", path, e->name);
	file = paths_join(dir, e->file);
	text = fileio_read(file, LOAD_MAX_SCRIPT_BYTES, &len, err);
	ok = text != NULL && load_script_parse(text, len, write_allow, &e->script, err);
	if (ok)
		e->script.transaction = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o,
																				"transaction"));
	if (!ok)
		error_prefix(err, "%s: ", file);
	free(text);
	free(file);
	return ok;
}

static bool
read_pool(const cJSON *load, const char *path, load_spec *spec, error *err)
{
	const cJSON *pool = cJSON_GetObjectItemCaseSensitive(load, "pool");
	const cJSON *item;

	if (pool == NULL)
		return true;
	if (!cJSON_IsObject(pool))
		return error_set(err, ERROR_USAGE, "%s: \"load\".\"pool\" is an object", path);
	cJSON_ArrayForEach(item, pool) {
		char buf[32];
		const char *value = cJSON_IsString(item) ? item->valuestring : NULL;

		if (cJSON_IsNumber(item)) {
			snprintf(buf, sizeof buf, "%d", item->valueint);
			value = buf;
		}
		if (value == NULL || !load_pool_set(&spec->pool, item->string, value, err)) {
			if (value == NULL)
				error_set(err, ERROR_USAGE, "pool setting \"%s\" is a string or number",
						  item->string);
			err->kind = ERROR_USAGE;
			error_prefix(err, "%s: \"load\".\"pool\": ", path);
			return false;
		}
	}
	return true;
}

static bool
read_numbers(const cJSON *load, const char *path, load_spec *spec, error *err)
{
	double clients, threads, duration, rounds;

	if (!meta_number(load, path, "clients", true, 0, 1, 64, &clients, err) ||
		!meta_number(load, path, "threads", false, 1, 1, 64, &threads, err) ||
		!meta_number(load, path, "rate", true, 0, 1, 5000, &spec->rate, err) ||
		!meta_number(load, path, "duration_s", false, 2, 1, 30, &duration, err) ||
		!meta_number(load, path, "rounds", false, 3, 1, LOAD_MAX_ROUNDS, &rounds, err) ||
		!meta_number(load, path, "latency_limit_ms", false, 0, 0, 60000,
					 &spec->latency_limit_ms, err) ||
		!meta_number(load, path, "scale", false, 0, 0, 100, &spec->scale, err) ||
		!meta_number(load, path, "target_cut", false, 0.27, 0.05, 0.99, &spec->target_cut,
					 err))
		return false;
	spec->clients = (int) clients;
	spec->threads = (int) threads > spec->clients ? spec->clients : (int) threads;
	spec->duration_s = (int) duration;
	spec->rounds = (int) rounds;
	return true;
}

/* Every statement name unique across endpoints. */
static bool
names_unique(const load_spec *spec, const char *path, error *err)
{
	for (size_t i = 0; i < spec->n_endpoints; i++) {
		const load_script *s = &spec->endpoints[i].script;

		for (size_t k = 0; k < s->n_stmts; k++)
			for (size_t j = i + 1; s->stmts[k].name && j < spec->n_endpoints; j++)
				if (load_script_find(&spec->endpoints[j].script, s->stmts[k].name))
					return error_set(err, ERROR_USAGE, "%s: the statement name \"%s\" is "
									 "used by two endpoints", path, s->stmts[k].name);
	}
	return true;
}

static bool
listed(char *const *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return true;
	return false;
}

/* Writes: every written table listed in "writable", and a state check of
 * named SELECTs when anything writes (docs/load.md). */
static bool
check_writes(load_spec *spec, const char *path, error *err)
{
	for (size_t i = 0; i < spec->n_endpoints; i++) {
		const load_script *s = &spec->endpoints[i].script;

		for (size_t k = 0; k < s->n_stmts; k++) {
			if (!s->stmts[k].writes)
				continue;
			spec->writes = true;
			if (!listed(spec->writable, spec->n_writable, s->stmts[k].target))
				return error_set(err, ERROR_USAGE, "%s: endpoint %s writes table %s, which "
								 "is not in \"load\".\"writable\"", path,
								 spec->endpoints[i].name, s->stmts[k].target);
		}
	}
	if (spec->writes && spec->n_state_check == 0)
		return error_set(err, ERROR_USAGE, "%s: endpoints that write need "
						 "\"load\".\"state_check\": the named SELECTs that read what they "
						 "wrote (docs/load.md)", path);
	if (!spec->writes && (spec->n_writable > 0 || spec->n_state_check > 0))
		return error_set(err, ERROR_USAGE, "%s: \"writable\" and \"state_check\" are for "
						 "endpoints that write (allow \"update\" or \"insert\")", path);
	for (size_t i = 0; i < spec->n_state_check; i++) {
		const load_endpoint *e = load_spec_endpoint_of(spec, spec->state_check[i]);

		if (e == NULL || load_script_find(&e->script, spec->state_check[i])->writes)
			return error_set(err, ERROR_USAGE, "%s: \"state_check\" names \"%s\", which is "
							 "not a named SELECT of an endpoint", path, spec->state_check[i]);
	}
	return true;
}

bool
load_spec_read(const char *drill_dir, unsigned write_allow, load_spec *out, error *err)
{
	static const char *const known[] = {"endpoints", "clients", "threads", "rate",
		"duration_s", "rounds", "latency_limit_ms", "scale", "connect_per_request",
		"pool", "pool_allowed", "target_cut", "writable", "state_check", NULL};
	char *path = paths_join(drill_dir, "drill.json");
	cJSON *root = meta_read(path, err);
	const cJSON *load, *eps, *e;
	bool ok = false;

	memset(out, 0, sizeof *out);
	if (root == NULL)
		goto done;
	load = cJSON_GetObjectItemCaseSensitive(root, "load");
	eps = load ? cJSON_GetObjectItemCaseSensitive(load, "endpoints") : NULL;
	if (!cJSON_IsObject(load) || !cJSON_IsArray(eps) || cJSON_GetArraySize(eps) < 1 ||
		cJSON_GetArraySize(eps) > LOAD_MAX_ENDPOINTS) {
		error_set(err, ERROR_USAGE, "%s: a load drill needs a \"load\" object with 1 to %d "
				  "\"endpoints\"", path, LOAD_MAX_ENDPOINTS);
		goto done;
	}
	out->write_allow = write_allow & (SQL_ALLOW_INSERT | SQL_ALLOW_UPDATE);
	if (!meta_known_keys(load, path, known, err) || !read_numbers(load, path, out, err) ||
		!read_pool(load, path, out, err) ||
		!meta_strings(load, path, "writable", false, &out->writable, &out->n_writable, err) ||
		!meta_strings(load, path, "state_check", false, &out->state_check,
					  &out->n_state_check, err))
		goto done;
	out->connect_each = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(load,
																	   "connect_per_request"));
	out->pool_allowed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(load, "pool_allowed"));
	cJSON_ArrayForEach(e, eps) {
		if (!read_endpoint(e, path, drill_dir, out->write_allow,
						   &out->endpoints[out->n_endpoints++], err))
			goto done;
	}
	ok = names_unique(out, path, err) && check_writes(out, path, err);
done:
	if (!ok)
		load_spec_free(out);
	cJSON_Delete(root);
	free(path);
	return ok;
}
