/*
 * kinds.c — the registration table of drill kinds, and the small shared
 * pieces of the interface (kind.h): the lazily opened server, descriptions
 * and scaffolds.
 *
 * Adding a kind: write engine/grading/kinds/<kind>.c defining one
 * `const drill_kind_ops`, declare it below and add one line to `table`.
 */
#include "grading/kinds/kinds.h"

#include <stdlib.h>
#include <string.h>

#include "os/paths.h"
#include "sandbox/pool.h"
#include "strbuf.h"

extern const drill_kind_ops kind_rewrite, kind_index, kind_cache, kind_plan_reading, kind_load;

static const drill_kind_ops *const table[] = {
	&kind_rewrite,
	&kind_index,
	&kind_cache,
	&kind_plan_reading,
	&kind_load,
};

#define N_KINDS (sizeof table / sizeof table[0])

const drill_kind_ops *
kind_find(const char *name)
{
	for (size_t i = 0; name && i < N_KINDS; i++)
		if (strcmp(table[i]->name, name) == 0)
			return table[i];
	return NULL;
}

const drill_kind_ops *
kind_of(const drill *d)
{
	return kind_find(d->kind);
}

size_t
kinds_count(void)
{
	return N_KINDS;
}

const drill_kind_ops *
kinds_at(size_t i)
{
	return i < N_KINDS ? table[i] : NULL;
}

char *
kinds_names(void)
{
	strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < N_KINDS; i++)
		strbuf_printf(&sb, "%s%s", i == 0 ? "" : i + 1 == N_KINDS ? " or " : ", ",
					  table[i]->name);
	return strbuf_steal(&sb);
}

drill *
kind_load_drill(const char *drills_dir, const char *id, error *err)
{
	drill *d = drill_load(drills_dir, id, err);
	const drill_kind_ops *k;

	if (d == NULL)
		return NULL;
	k = kind_of(d);
	if (k == NULL) {
		char *path = paths_join(d->dir, "drill.json");
		char *names = kinds_names();

		error_set(err, ERROR_USAGE, "%s: \"kind\" must be %s, not \"%s\"", path, names,
				  d->kind);
		free(names);
		free(path);
		drill_free(d);
		return NULL;
	}
	if (!k->load(d, err)) {
		drill_free(d);
		return NULL;
	}
	return d;
}

size_t
kinds_answer_stem(const char *file_name)
{
	size_t n = strlen(file_name);

	for (size_t i = 0; i < N_KINDS; i++) {
		size_t e = strlen(table[i]->answer_ext);

		if (n > e && strcmp(file_name + n - e, table[i]->answer_ext) == 0)
			return n - e;
	}
	return 0;
}

kind_env
kind_env_init(const char *conninfo, const progress *prog)
{
	kind_env env;

	memset(&env, 0, sizeof env);
	env.conninfo = conninfo;
	env.prog = prog;
	/* Scratch databases are dropped after the verdict, by the detached
	 * process of pool_after_command, to which they are handed over (renamed
	 * under its pid) before the command exits: no scratch database outlives
	 * the process it is named after (test_check).  A drop costs 1.6 s on the
	 * loaded machine; the learner does not wait for it.  Callers that must
	 * leave nothing behind the moment they exit (watch) set drop_now. */
	env.drop_now = false;
	return env;
}

bool
kind_env_server(kind_env *env, server **s, error *err)
{
	if (!env->s_open && env->s_err.kind == ERROR_NONE) {
		if (server_open(&env->s, env->conninfo, env->prog, &env->s_err)) {
			env->s_open = true;
			/* kind_env_close runs pool_after_command: scratch databases
			 * are dropped there, after the verdict (scratch.h) */
			env->s.later.defer_drops = !env->drop_now;
		}
		else {
			server_close(&env->s);      /* what a failed open left half made */
			if (env->s_err.kind == ERROR_NONE)
				env->s_err.kind = ERROR_ENV;
		}
	}
	if (!env->s_open) {
		*err = env->s_err;
		return false;
	}
	*s = &env->s;
	return true;
}

void
kind_env_close(kind_env *env)
{
	if (env->s_open) {
		pool_after_command(&env->s);    /* refill what the command drew */
		server_close(&env->s);
	}
	env->s_open = false;
}

void
kind_description_release(kind_description *kd)
{
	free(kd->plan_text);
	free(kd->task_text);
	cJSON_Delete(kd->task_json);
	free(kd->task_json_text);
	free(kd->answer_file);
	memset(kd, 0, sizeof *kd);
}

void
kind_scaffold_add(kind_scaffold *sc, const char *name, char *text)
{
	if (sc->n == sizeof sc->names / sizeof sc->names[0]) {
		free(text);
		return;
	}
	sc->names[sc->n] = xstrdup(name);
	sc->texts[sc->n++] = text;
}

bool
kind_refuse_nothing(const drill *d, const char *answer, size_t len, check_result *r)
{
	(void) d;
	(void) answer;
	(void) len;
	(void) r;
	return false;
}
