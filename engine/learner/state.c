/*
 * state.c — the learner state file: model, JSON form, atomic load/save
 * under a lock (see state.h and docs/state.md).
 *
 * Parsing is strict about types (a score that is a string is a corrupt
 * file, not a zero) but tolerant of keys it does not know, so a later
 * pgdrill of the same version may add fields.  A file of a newer version is
 * refused without being moved aside: it is not corrupt, only newer.
 */
#include "learner/state.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/meta.h"
#include "os/fileio.h"
#include "os/lock.h"
#include "os/paths.h"
#include "strbuf.h"
#include "textpos.h"

#define STATE_FILE_MAX (16 * 1024 * 1024)

state *
state_new(void)
{
	return xcalloc(1, sizeof(state));
}

void
state_free(state *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < st->n_drills; i++)
		free(st->drills[i].id);
	free(st->drills);
	for (size_t i = 0; i < st->n_attempts; i++) {
		free(st->attempts[i].drill);
		free(st->attempts[i].status);
	}
	free(st->attempts);
	meta_strings_free(st->mastered, st->n_mastered);
	meta_strings_free(st->skipped, st->n_skipped);
	for (size_t i = 0; i < st->n_placement; i++) {
		free(st->placement[i].concept);
		free(st->placement[i].drill);
	}
	free(st->placement);
	meta_strings_free(st->practice.drills, st->practice.n_drills);
	free(st);
}

char *
state_default_path(error *err)
{
	char *dir = paths_state_dir(err);
	char *path;

	if (dir == NULL)
		return NULL;
	path = paths_join(dir, "state.json");
	free(dir);
	return path;
}

/* --- sets of strings, kept sorted --- */

static bool
set_has(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

static bool
set_add(char ***v, size_t *n, const char *s)
{
	if (set_has(*v, *n, s))
		return false;
	*v = xrealloc(*v, (*n + 1) * sizeof(char *));
	(*v)[(*n)++] = xstrdup(s);
	qsort(*v, *n, sizeof(char *), cmp_str);
	return true;
}

static bool
set_remove(char **v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(v[i], s) == 0) {
			free(v[i]);
			memmove(&v[i], &v[i + 1], (*n - i - 1) * sizeof(char *));
			(*n)--;
			return true;
		}
	return false;
}

/* --- accessors and mutators --- */

const state_drill *
state_find_drill(const state *st, const char *drill)
{
	for (size_t i = 0; i < st->n_drills; i++)
		if (strcmp(st->drills[i].id, drill) == 0)
			return &st->drills[i];
	return NULL;
}

static state_drill *
drill_entry(state *st, const char *drill)
{
	state_drill *e = (state_drill *) state_find_drill(st, drill);

	if (e)
		return e;
	st->drills = xrealloc(st->drills, (st->n_drills + 1) * sizeof(state_drill));
	e = &st->drills[st->n_drills++];
	memset(e, 0, sizeof *e);
	e->id = xstrdup(drill);
	e->best_score = -1;
	return e;
}

bool
state_drill_passed(const state *st, const char *drill)
{
	const state_drill *e = state_find_drill(st, drill);

	return e && e->passed;
}

bool
state_concept_mastered(const state *st, const char *concept)
{
	return set_has(st->mastered, st->n_mastered, concept);
}

bool
state_concept_skipped(const state *st, const char *concept)
{
	return set_has(st->skipped, st->n_skipped, concept);
}

static void
append_attempt(state *st, const char *drill, const char *status, double score,
			   int hints, long long at)
{
	state_attempt *a;

	if (st->n_attempts >= STATE_MAX_ATTEMPTS) {
		free(st->attempts[0].drill);
		free(st->attempts[0].status);
		memmove(&st->attempts[0], &st->attempts[1],
				(st->n_attempts - 1) * sizeof(state_attempt));
		st->n_attempts--;
	}
	st->attempts = xrealloc(st->attempts, (st->n_attempts + 1) * sizeof(state_attempt));
	a = &st->attempts[st->n_attempts++];
	a->drill = xstrdup(drill);
	a->status = xstrdup(status);
	a->score = score;
	a->hints_used = hints;
	a->at = at;
}

void
state_record_attempt(state *st, const char *drill, const char *status,
					 double score, long long at)
{
	state_drill *e = drill_entry(st, drill);
	bool pass = strcmp(status, "pass") == 0;

	e->attempts++;
	e->last_at = at;
	if (pass)
		e->passed = true;
	if (score >= 0 && score > e->best_score)
		e->best_score = score;
	append_attempt(st, drill, status, score, e->hints_used, at);
	if (pass)
		for (size_t i = 0; i < st->n_placement; i++)
			if (strcmp(st->placement[i].drill, drill) == 0)
				set_add(&st->mastered, &st->n_mastered, st->placement[i].concept);
}

void
state_mark_revealed(state *st, const char *drill)
{
	drill_entry(st, drill)->revealed = true;
}

int
state_reveal_hint(state *st, const char *drill, int n_hints)
{
	state_drill *e = drill_entry(st, drill);

	if (e->hints_used < n_hints)
		e->hints_used++;
	return e->hints_used;
}

bool
state_skip(state *st, const char *concept)
{
	return set_add(&st->skipped, &st->n_skipped, concept);
}

bool
state_unskip(state *st, const char *concept)
{
	return set_remove(st->skipped, &st->n_skipped, concept);
}

bool
state_master(state *st, const char *concept)
{
	return set_add(&st->mastered, &st->n_mastered, concept);
}

bool
state_unmaster(state *st, const char *concept)
{
	return set_remove(st->mastered, &st->n_mastered, concept);
}

void
state_offer_placement(state *st, const char *concept, const char *drill)
{
	for (size_t i = 0; i < st->n_placement; i++)
		if (strcmp(st->placement[i].concept, concept) == 0) {
			free(st->placement[i].drill);
			st->placement[i].drill = xstrdup(drill);
			return;
		}
	st->placement = xrealloc(st->placement, (st->n_placement + 1) * sizeof(state_placement));
	st->placement[st->n_placement].concept = xstrdup(concept);
	st->placement[st->n_placement].drill = xstrdup(drill);
	st->n_placement++;
}

const char *
state_placement_drill(const state *st, const char *concept)
{
	for (size_t i = 0; i < st->n_placement; i++)
		if (strcmp(st->placement[i].concept, concept) == 0)
			return st->placement[i].drill;
	return NULL;
}

void
state_practice_open(state *st, long long started_at, int minutes,
					const char *const *drills, size_t n)
{
	state_practice_close(st);
	st->practice.open = true;
	st->practice.started_at = started_at;
	st->practice.minutes = minutes;
	st->practice.drills = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		st->practice.drills[i] = xstrdup(drills[i]);
	st->practice.n_drills = n;
}

void
state_practice_close(state *st)
{
	meta_strings_free(st->practice.drills, st->practice.n_drills);
	memset(&st->practice, 0, sizeof st->practice);
}

/* --- JSON --- */

static cJSON *
strings_json(char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static void
add_score(cJSON *o, const char *key, double score)
{
	if (score >= 0)
		cJSON_AddNumberToObject(o, key, score);
	else
		cJSON_AddNullToObject(o, key);
}

char *
state_serialize(const state *st)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *drills = cJSON_CreateObject();
	cJSON *attempts = cJSON_CreateArray();
	cJSON *concepts = cJSON_CreateObject();
	cJSON *placement = cJSON_CreateObject();
	strbuf sb = STRBUF_INIT;
	char *text;

	cJSON_AddNumberToObject(root, "version", STATE_VERSION);
	for (size_t i = 0; i < st->n_drills; i++) {
		const state_drill *e = &st->drills[i];
		cJSON *o = cJSON_AddObjectToObject(drills, e->id);

		cJSON_AddNumberToObject(o, "attempts", e->attempts);
		cJSON_AddBoolToObject(o, "passed", e->passed);
		add_score(o, "best_score", e->best_score);
		cJSON_AddNumberToObject(o, "hints_used", e->hints_used);
		cJSON_AddNumberToObject(o, "last_attempt", (double) e->last_at);
		if (e->revealed)
			cJSON_AddBoolToObject(o, "revealed", true);
	}
	cJSON_AddItemToObject(root, "drills", drills);
	for (size_t i = 0; i < st->n_attempts; i++) {
		const state_attempt *a = &st->attempts[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "drill", a->drill);
		cJSON_AddStringToObject(o, "status", a->status);
		add_score(o, "score", a->score);
		cJSON_AddNumberToObject(o, "hints_used", a->hints_used);
		cJSON_AddNumberToObject(o, "at", (double) a->at);
		cJSON_AddItemToArray(attempts, o);
	}
	cJSON_AddItemToObject(root, "attempts", attempts);
	cJSON_AddItemToObject(concepts, "mastered", strings_json(st->mastered, st->n_mastered));
	cJSON_AddItemToObject(concepts, "skipped", strings_json(st->skipped, st->n_skipped));
	cJSON_AddItemToObject(root, "concepts", concepts);
	for (size_t i = 0; i < st->n_placement; i++)
		cJSON_AddStringToObject(placement, st->placement[i].concept, st->placement[i].drill);
	cJSON_AddItemToObject(root, "placement", placement);
	if (st->practice.open) {
		cJSON *p = cJSON_AddObjectToObject(root, "practice");

		cJSON_AddNumberToObject(p, "started_at", (double) st->practice.started_at);
		cJSON_AddNumberToObject(p, "minutes", st->practice.minutes);
		cJSON_AddItemToObject(p, "drills", strings_json(st->practice.drills,
														 st->practice.n_drills));
	} else
		cJSON_AddNullToObject(root, "practice");
	text = cJSON_Print(root);
	cJSON_Delete(root);
	strbuf_append(&sb, text ? text : "{}");
	strbuf_append_char(&sb, '\n');
	free(text);
	return strbuf_steal(&sb);
}

/* Every parse failure is "<path>: <where> must be ..." (ERROR_ENV: a
 * corrupt state file), worded by catalog/meta's located readers.  Counts and
 * times are numbers of at least 0; a missing field keeps its default. */
static bool
bad(error *err, const char *path, const char *where, const char *what)
{
	meta_loc at = {ERROR_ENV, path, where};

	return meta_invalid(&at, NULL, what, err);
}

static bool
get_count(const meta_loc *at, const cJSON *o, const char *key, bool nullable,
		  double *out, error *err)
{
	return meta_number_at(at, o, key, false, nullable, 0, INFINITY, out, err);
}

/* Adds the strings of o[key] (absent or null: none) to the set *v. */
static bool
get_strings(const meta_loc *at, const cJSON *o, const char *key, char ***v,
			size_t *n, error *err)
{
	char **items;
	size_t n_items;

	if (!meta_strings_at(at, o, key, false, true, &items, &n_items, err))
		return false;
	for (size_t i = 0; i < n_items; i++)
		set_add(v, n, items[i]);
	meta_strings_free(items, n_items);
	return true;
}

static bool
parse_drills(state *st, const cJSON *drills, const char *path, error *err)
{
	const cJSON *item;

	if (drills == NULL)
		return true;
	if (!cJSON_IsObject(drills))
		return bad(err, path, "\"drills\"", "an object");
	cJSON_ArrayForEach(item, drills) {
		state_drill *e;
		const cJSON *passed;
		double attempts = 0, hints = 0, last = 0;
		char where[256];
		meta_loc at = {ERROR_ENV, path, where};

		snprintf(where, sizeof where, "drills.%s", item->string);
		if (!cJSON_IsObject(item))
			return bad(err, path, where, "an object");
		e = drill_entry(st, item->string);
		passed = cJSON_GetObjectItemCaseSensitive(item, "passed");
		if (passed && !cJSON_IsBool(passed))
			return bad(err, path, where, "an object whose \"passed\" is true or false");
		e->passed = cJSON_IsTrue(passed);
		e->revealed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "revealed"));
		if (!get_count(&at, item, "attempts", false, &attempts, err) ||
			!get_count(&at, item, "best_score", true, &e->best_score, err) ||
			!get_count(&at, item, "hints_used", false, &hints, err) ||
			!get_count(&at, item, "last_attempt", false, &last, err))
			return false;
		e->attempts = (int) attempts;
		e->hints_used = (int) hints;
		e->last_at = (long long) last;
	}
	return true;
}

static bool
parse_attempts(state *st, const cJSON *attempts, const char *path, error *err)
{
	const cJSON *item;
	int i = 0;

	if (attempts == NULL)
		return true;
	if (!cJSON_IsArray(attempts))
		return bad(err, path, "\"attempts\"", "an array");
	cJSON_ArrayForEach(item, attempts) {
		const cJSON *drill = cJSON_GetObjectItemCaseSensitive(item, "drill");
		const cJSON *status = cJSON_GetObjectItemCaseSensitive(item, "status");
		double score = -1, hints = 0, when = 0;
		char where[64];
		meta_loc at = {ERROR_ENV, path, where};

		snprintf(where, sizeof where, "attempts[%d]", i++);
		if (!cJSON_IsObject(item) || !cJSON_IsString(drill) || !cJSON_IsString(status))
			return bad(err, path, where, "an object with string \"drill\" and \"status\"");
		if (!get_count(&at, item, "score", true, &score, err) ||
			!get_count(&at, item, "hints_used", false, &hints, err) ||
			!get_count(&at, item, "at", false, &when, err))
			return false;
		append_attempt(st, drill->valuestring, status->valuestring, score, (int) hints,
					   (long long) when);
	}
	return true;
}

static bool
parse_rest(state *st, const cJSON *root, const char *path, error *err)
{
	const cJSON *concepts = cJSON_GetObjectItemCaseSensitive(root, "concepts");
	const cJSON *placement = cJSON_GetObjectItemCaseSensitive(root, "placement");
	const cJSON *practice = cJSON_GetObjectItemCaseSensitive(root, "practice");
	const cJSON *item;
	meta_loc in_concepts = {ERROR_ENV, path, "concepts"};
	meta_loc in_practice = {ERROR_ENV, path, "practice"};

	if (concepts) {
		if (!cJSON_IsObject(concepts))
			return bad(err, path, "\"concepts\"", "an object");
		if (!get_strings(&in_concepts, concepts, "mastered", &st->mastered,
						 &st->n_mastered, err) ||
			!get_strings(&in_concepts, concepts, "skipped", &st->skipped,
						 &st->n_skipped, err))
			return false;
	}
	if (placement) {
		if (!cJSON_IsObject(placement))
			return bad(err, path, "\"placement\"", "an object of concept: drill");
		cJSON_ArrayForEach(item, placement) {
			if (!cJSON_IsString(item))
				return bad(err, path, "\"placement\"", "an object of concept: drill");
			state_offer_placement(st, item->string, item->valuestring);
		}
	}
	if (practice && !cJSON_IsNull(practice)) {
		double started = 0, minutes = 0;

		if (!cJSON_IsObject(practice))
			return bad(err, path, "\"practice\"", "an object or null");
		if (!get_count(&in_practice, practice, "started_at", false, &started, err) ||
			!get_count(&in_practice, practice, "minutes", false, &minutes, err) ||
			!meta_strings_at(&in_practice, practice, "drills", false, false,
							 &st->practice.drills, &st->practice.n_drills, err))
			return false;
		st->practice.open = true;
		st->practice.started_at = (long long) started;
		st->practice.minutes = (int) minutes;
	}
	return true;
}

static bool
parse_state(const char *text, const char *path, state **out, bool *newer, error *err)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &end, true);
	const cJSON *version;
	state *st = NULL;

	*out = NULL;
	if (root == NULL) {
		const char *at = cJSON_GetErrorPtr();

		if (at == NULL || at < text || at > text + strlen(text))
			at = end ? end : text;
		return error_set(err, ERROR_ENV, "%s: invalid JSON near line %d", path,
						 text_line(text, strlen(text), at - text + 1));
	}
	if (!cJSON_IsObject(root)) {
		bad(err, path, "the top level", "an object");
		goto fail;
	}
	version = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsNumber(version) || version->valuedouble < 1) {
		bad(err, path, "\"version\"", "a number (1)");
		goto fail;
	}
	if (version->valuedouble > STATE_VERSION) {
		*newer = true;
		error_set(err, ERROR_ENV, "%s was written by a newer pgdrill (state version %g)",
				  path, version->valuedouble);
		error_hint(err, "Upgrade pgdrill; this one understands state version %d.",
				   STATE_VERSION);
		goto fail;
	}
	st = state_new();
	if (!parse_drills(st, cJSON_GetObjectItemCaseSensitive(root, "drills"), path, err) ||
		!parse_attempts(st, cJSON_GetObjectItemCaseSensitive(root, "attempts"), path, err) ||
		!parse_rest(st, root, path, err))
		goto fail;
	cJSON_Delete(root);
	*out = st;
	return true;
fail:
	state_free(st);
	cJSON_Delete(root);
	return false;
}

bool
state_parse(const char *text, const char *path, state **out, error *err)
{
	bool newer = false;

	return parse_state(text, path, out, &newer, err);
}

state *
state_load(const char *path, error *err)
{
	size_t len;
	char *text;
	state *st;
	error perr = {0};
	bool newer = false;

	if (!fileio_exists(path))
		return state_new();
	text = fileio_read(path, STATE_FILE_MAX, &len, err);
	if (text == NULL) {
		err->kind = ERROR_ENV;
		return NULL;
	}
	if (strlen(text) != len)
		error_set(&perr, ERROR_ENV, "%s: contains a NUL byte", path);
	else if (parse_state(text, path, &st, &newer, &perr)) {
		free(text);
		return st;
	}
	free(text);
	*err = perr;
	if (newer)   /* not corrupt, only newer: leave it alone */
		return NULL;
	{
		char *aside = xasprintf("%s.corrupt-%lld", path, (long long) time(NULL));

		/* never overwrite an earlier copy (two corruptions in one second) */
		for (int i = 1; fileio_exists(aside); i++) {
			free(aside);
			aside = xasprintf("%s.corrupt-%lld.%d", path, (long long) time(NULL), i);
		}

		error_set(err, ERROR_ENV, "the learner state file is corrupt: %s", perr.message);
		if (rename(path, aside) == 0) {
			error_detail(err, "It was moved aside to %s, so nothing is lost; a new "
						 "state starts empty.", aside);
			error_hint(err, "Repair that copy and move it back to %s to restore your "
					   "progress (docs/state.md describes the format).", path);
		} else {
			error_detail(err, "It could not be moved aside (%s) and was left as it is.",
						 strerror(errno));
			error_hint(err, "Repair or remove %s (docs/state.md describes the format).",
					   path);
		}
		free(aside);
	}
	return NULL;
}

bool
state_save(const state *st, const char *path, error *err)
{
	const char *slash = strrchr(path, '/');
	char *text;
	bool ok;

	if (slash && slash != path) {
		char *dir = xstrndup(path, (size_t) (slash - path));

		ok = paths_mkdir_p(dir, 0700, err);
		free(dir);
		if (!ok)
			return false;
	}
	text = state_serialize(st);
	ok = fileio_write_atomic(path, text, strlen(text), 0600, err);
	free(text);
	if (!ok)
		error_prefix(err, "cannot save the learner state: ");
	return ok;
}

bool
state_update(const char *path, state_edit_fn edit, void *ctx, error *err)
{
	const char *slash = strrchr(path, '/');
	char *lock_path = xasprintf("%s.lock", path);
	lock lk = LOCK_INIT;
	state *st = NULL;
	bool ok = false;

	if (slash && slash != path) {
		char *dir = xstrndup(path, (size_t) (slash - path));

		ok = paths_mkdir_p(dir, 0700, err);
		free(dir);
		if (!ok)
			goto done;
		ok = false;
	}
	if (!lock_acquire(lock_path, true, 30, &lk, err))
		goto done;
	st = state_load(path, err);
	if (st == NULL)
		goto done;
	error_clear(err);
	if (!edit(st, ctx, err)) {
		ok = err->kind == ERROR_NONE;
		goto done;
	}
	ok = state_save(st, path, err);
done:
	state_free(st);
	lock_release(&lk);
	free(lock_path);
	return ok;
}
