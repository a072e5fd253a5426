/*
 * test_state.c — unit tests for engine/learner/state.c: the learner state's
 * mutators (attempts, best scores, hints, skip/master sets, placement,
 * practice, the history cap), the JSON round trip, and the file contract:
 * a missing file is an empty state, a corrupt one is an error and is moved
 * aside byte for byte (table-driven over kinds of corruption), a newer
 * version is refused and left alone, state_update saves only what an edit
 * accepts.  Files live in a mkdtemp directory under /tmp.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "os/fileio.h"
#include "os/paths.h"
#include "learner/state.h"
#include "strbuf.h"

typedef struct tmp {
	char dir[64];
	char *path;
} tmp;

static int
setup(void **st)
{
	tmp *t = xcalloc(1, sizeof *t);

	snprintf(t->dir, sizeof t->dir, "/tmp/pgdrill-state-XXXXXX");
	if (mkdtemp(t->dir) == NULL)
		return -1;
	t->path = paths_join(t->dir, "sub/state.json");
	*st = t;
	return 0;
}

static int
teardown(void **st)
{
	tmp *t = *st;
	char *cmd = xasprintf("rm -rf '%s'", t->dir);

	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", t->dir);
	free(cmd);
	free(t->path);
	free(t);
	return 0;
}

static void
write_file(const char *path, const char *text)
{
	error err;
	char *dir = xstrndup(path, (size_t) (strrchr(path, '/') - path));

	assert_true(paths_mkdir_p(dir, 0700, &err));
	assert_true(fileio_write_atomic(path, text, strlen(text), 0600, &err));
	free(dir);
}

/* The name of the single "state.json.corrupt-*" file next to path, or NULL. */
static char *
corrupt_copy(const char *path)
{
	char *dir = xstrndup(path, (size_t) (strrchr(path, '/') - path));
	DIR *d = opendir(dir);
	struct dirent *de;
	char *found = NULL;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "state.json.corrupt-", 19) == 0) {
			assert_null(found);
			found = paths_join(dir, de->d_name);
		}
	closedir(d);
	free(dir);
	return found;
}

static void
test_missing_file_is_empty(void **st)
{
	tmp *t = *st;
	error err = {0};
	state *s = state_load(t->path, &err);

	assert_non_null(s);
	assert_int_equal(s->n_drills, 0);
	assert_int_equal(s->n_attempts, 0);
	assert_false(s->practice.open);
	state_free(s);
}

static void
test_attempts_and_best_score(void **st)
{
	state *s = state_new();
	const state_drill *e;

	(void) st;
	state_record_attempt(s, "d1", "fail", 40, 100);
	state_record_attempt(s, "d1", "rejected", -1, 110);
	state_record_attempt(s, "d1", "pass", 85, 120);
	state_record_attempt(s, "d1", "fail", 60, 130);
	e = state_find_drill(s, "d1");
	assert_non_null(e);
	assert_int_equal(e->attempts, 4);
	assert_true(e->passed);      /* a later failure does not undo a pass */
	assert_true(e->best_score == 85);
	assert_int_equal(e->last_at, 130);
	assert_int_equal(s->n_attempts, 4);
	assert_string_equal(s->attempts[1].status, "rejected");
	assert_true(s->attempts[1].score < 0);
	assert_false(state_drill_passed(s, "d2"));
	assert_null(state_find_drill(s, "d2"));
	state_free(s);
}

static void
test_hints_recorded_with_attempts(void **st)
{
	state *s = state_new();

	(void) st;
	assert_int_equal(state_reveal_hint(s, "d1", 2), 1);
	state_record_attempt(s, "d1", "fail", 10, 1);
	assert_int_equal(state_reveal_hint(s, "d1", 2), 2);
	assert_int_equal(state_reveal_hint(s, "d1", 2), 2);  /* no third hint */
	state_record_attempt(s, "d1", "pass", 90, 2);
	assert_int_equal(s->attempts[0].hints_used, 1);
	assert_int_equal(s->attempts[1].hints_used, 2);
	assert_int_equal(state_reveal_hint(s, "d9", 0), 0);  /* a drill without hints */
	state_free(s);
}

static void
test_concept_sets(void **st)
{
	state *s = state_new();

	(void) st;
	assert_true(state_skip(s, "joins"));
	assert_false(state_skip(s, "joins"));
	assert_true(state_skip(s, "indexes"));
	assert_string_equal(s->skipped[0], "indexes");  /* kept sorted */
	assert_true(state_concept_skipped(s, "joins"));
	assert_true(state_unskip(s, "joins"));
	assert_false(state_unskip(s, "joins"));
	assert_false(state_concept_skipped(s, "joins"));
	assert_true(state_master(s, "sargable"));
	assert_true(state_concept_mastered(s, "sargable"));
	assert_true(state_unmaster(s, "sargable"));
	assert_false(state_concept_mastered(s, "sargable"));
	state_free(s);
}

static void
test_placement_pass_masters(void **st)
{
	state *s = state_new();

	(void) st;
	state_offer_placement(s, "joins", "d-hard");
	state_offer_placement(s, "indexes", "d-other");
	state_offer_placement(s, "joins", "d-harder");   /* replaces */
	assert_string_equal(state_placement_drill(s, "joins"), "d-harder");
	assert_null(state_placement_drill(s, "nothing"));
	state_record_attempt(s, "d-harder", "fail", 20, 1);
	assert_false(state_concept_mastered(s, "joins"));
	state_record_attempt(s, "d-hard", "pass", 90, 2);   /* no longer the offer */
	assert_false(state_concept_mastered(s, "joins"));
	state_record_attempt(s, "d-harder", "pass", 90, 3);
	assert_true(state_concept_mastered(s, "joins"));
	assert_false(state_concept_mastered(s, "indexes"));
	state_free(s);
}

static void
test_history_is_capped(void **st)
{
	state *s = state_new();

	(void) st;
	for (int i = 0; i < STATE_MAX_ATTEMPTS + 5; i++)
		state_record_attempt(s, "d1", "fail", 1, i);
	assert_int_equal(s->n_attempts, STATE_MAX_ATTEMPTS);
	assert_int_equal(s->attempts[0].at, 5);
	assert_int_equal(state_find_drill(s, "d1")->attempts, STATE_MAX_ATTEMPTS + 5);
	state_free(s);
}

static void
test_round_trip(void **st)
{
	tmp *t = *st;
	state *s = state_new(), *back;
	const char *practice[] = {"d2", "d3"};
	char *a, *b;
	error err = {0};

	state_record_attempt(s, "d1", "pass", 92.5, 1700000000);
	state_record_attempt(s, "d2", "error", -1, 1700000100);
	state_reveal_hint(s, "d3", 3);
	state_skip(s, "joins");
	state_master(s, "sargable");
	state_offer_placement(s, "indexes", "d4");
	state_practice_open(s, 1700000200, 30, practice, 2);
	assert_true(state_save(s, t->path, &err));
	back = state_load(t->path, &err);
	assert_non_null(back);
	a = state_serialize(s);
	b = state_serialize(back);
	assert_string_equal(a, b);
	assert_true(back->practice.open);
	assert_int_equal(back->practice.minutes, 30);
	assert_string_equal(back->practice.drills[1], "d3");
	assert_true(state_find_drill(back, "d2")->best_score < 0);
	state_practice_close(back);
	free(b);
	b = state_serialize(back);
	assert_non_null(strstr(b, "\"practice\":\tnull"));
	free(a);
	free(b);
	state_free(s);
	state_free(back);
}

/* Kinds of corruption: each must fail, name the problem, and keep the bytes. */
static const struct {
	const char *text;
	const char *message;   /* a fragment of the error */
} corrupt_cases[] = {
	{"{\"version\": 1, \"drills\": {", "invalid JSON near line 1"},
	{"{\"version\": 1,\n\"drills\": {}\n,,}", "invalid JSON near line 3"},
	{"", "invalid JSON"},
	{"[1, 2]", "top level must be an object"},
	{"{\"drills\": {}}", "\"version\" must be a number"},
	{"{\"version\": 1, \"drills\": []}", "\"drills\" must be an object"},
	{"{\"version\": 1, \"drills\": {\"d\": {\"attempts\": \"3\"}}}", "drills.d.attempts must be"},
	{"{\"version\": 1, \"drills\": {\"d\": {\"passed\": 1}}}", "\"passed\" is true or false"},
	{"{\"version\": 1, \"drills\": {\"d\": {\"best_score\": -4}}}", "drills.d.best_score must be a number of at least 0 or null"},
	{"{\"version\": 1, \"attempts\": [{\"drill\": \"d\"}]}", "attempts[0] must be"},
	{"{\"version\": 1, \"attempts\": {}}", "\"attempts\" must be an array"},
	{"{\"version\": 1, \"concepts\": {\"skipped\": [1]}}", "concepts.skipped must be"},
	{"{\"version\": 1, \"placement\": {\"c\": 2}}", "\"placement\" must be"},
	{"{\"version\": 1, \"practice\": {\"drills\": \"d\"}}", "practice.drills must be"},
	{"{\"version\": 1} trailing", "invalid JSON"},
};

static void
test_corrupt_files_are_kept_aside(void **st)
{
	tmp *t = *st;

	for (size_t i = 0; i < sizeof corrupt_cases / sizeof corrupt_cases[0]; i++) {
		error err = {0};
		state *s;
		char *copy, *bytes;
		size_t len;

		write_file(t->path, corrupt_cases[i].text);
		s = state_load(t->path, &err);
		if (s != NULL)
			fail_msg("case %zu (%s) loaded", i, corrupt_cases[i].text);
		assert_int_equal(err.kind, ERROR_ENV);
		if (strstr(err.message, corrupt_cases[i].message) == NULL)
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, err.message,
					 corrupt_cases[i].message);
		assert_non_null(strstr(err.message, "corrupt"));
		assert_false(fileio_exists(t->path));
		copy = corrupt_copy(t->path);
		assert_non_null(copy);
		assert_non_null(strstr(err.detail, copy));
		bytes = fileio_read(copy, 1 << 20, &len, &err);
		assert_non_null(bytes);
		assert_string_equal(bytes, corrupt_cases[i].text);
		unlink(copy);
		free(copy);
		free(bytes);
		/* the next load starts empty */
		s = state_load(t->path, &err);
		assert_non_null(s);
		state_free(s);
	}
}

static void
test_newer_version_left_alone(void **st)
{
	tmp *t = *st;
	error err = {0};
	char *copy;

	write_file(t->path, "{\"version\": 2, \"whatever\": true}");
	assert_null(state_load(t->path, &err));
	assert_non_null(strstr(err.message, "newer pgdrill"));
	assert_true(fileio_exists(t->path));
	copy = corrupt_copy(t->path);
	assert_null(copy);
}

static void
test_unknown_keys_tolerated(void **st)
{
	tmp *t = *st;
	error err = {0};
	state *s;

	write_file(t->path, "{\"version\": 1, \"future\": [1], \"drills\": "
			   "{\"d\": {\"attempts\": 2, \"passed\": true, \"colour\": \"red\"}}}");
	s = state_load(t->path, &err);
	assert_non_null(s);
	assert_true(state_drill_passed(s, "d"));
	assert_true(state_find_drill(s, "d")->best_score < 0);
	state_free(s);
}

static bool
edit_skip(state *s, void *ctx, error *err)
{
	(void) err;
	return state_skip(s, ctx);
}

static bool
edit_refuse(state *s, void *ctx, error *err)
{
	(void) ctx;
	state_skip(s, "never-saved");
	return error_set(err, ERROR_USAGE, "refused");
}

static void
test_update(void **st)
{
	tmp *t = *st;
	error err = {0};
	state *s;

	assert_true(state_update(t->path, edit_skip, "joins", &err));
	assert_true(state_update(t->path, edit_skip, "joins", &err));  /* no change: fine */
	assert_false(state_update(t->path, edit_refuse, NULL, &err));
	assert_string_equal(err.message, "refused");
	s = state_load(t->path, &err);
	assert_non_null(s);
	assert_true(state_concept_skipped(s, "joins"));
	assert_false(state_concept_skipped(s, "never-saved"));
	state_free(s);
	/* an unwritable place is an environment error */
	assert_false(state_update("/proc/pgdrill-no/state.json", edit_skip, "x", &err));
	assert_int_equal(err.kind, ERROR_ENV);
}

static void
test_update_on_corrupt_file_fails(void **st)
{
	tmp *t = *st;
	error err = {0};
	char *copy;

	write_file(t->path, "{not json");
	assert_false(state_update(t->path, edit_skip, "joins", &err));
	assert_non_null(strstr(err.message, "corrupt"));
	copy = corrupt_copy(t->path);
	assert_non_null(copy);
	free(copy);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_missing_file_is_empty, setup, teardown),
		cmocka_unit_test(test_attempts_and_best_score),
		cmocka_unit_test(test_hints_recorded_with_attempts),
		cmocka_unit_test(test_concept_sets),
		cmocka_unit_test(test_placement_pass_masters),
		cmocka_unit_test(test_history_is_capped),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_files_are_kept_aside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_version_left_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_keys_tolerated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_on_corrupt_file_fails, setup, teardown),
	};

	return cmocka_run_group_tests_name("state", tests, NULL, NULL);
}
