/*
 * test_fixture.c — unit tests for engine/catalog/fixture.c: loading a
 * fixture folder, above all its optional "after_vacuum" scripts (accepted,
 * read in order, part of the content hash; bad values refused with an
 * error that names the field and the script), the groups of scripts that
 * run side by side (an array inside "scripts"; bad groups refused), and the
 * shipped warehouse fixture, which uses after_vacuum.  Fixture folders are written to a temporary
 * directory per test; no server is involved (building is tests/db/
 * test_fixture_build.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/fixture.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "strbuf.h"

typedef struct dirs {
	char root[64];
} dirs;

static int
setup(void **state)
{
	dirs *d = xcalloc(1, sizeof *d);

	snprintf(d->root, sizeof d->root, "/tmp/pgdrill-fixture-XXXXXX");
	if (mkdtemp(d->root) == NULL)
		return -1;
	*state = d;
	return 0;
}

static int
teardown(void **state)
{
	dirs *d = *state;
	error err;

	fileio_remove_tree(d->root, &err);
	free(d);
	return 0;
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char *p = paths_join(dir, name);
	error err;

	if (!fileio_write_atomic(p, text, strlen(text), 0644, &err))
		fail_msg("%s: %s", p, err.message);
	free(p);
}

/* fixtures_dir/name with fixture.json (`scripts` and `after_vacuum` are the
 * JSON text of the fields, after_vacuum NULL to leave it out), schema.sql,
 * touch.sql, more.sql. */
static void
make_fixture_with(const char *fixtures_dir, const char *name, const char *scripts,
				  const char *after_vacuum)
{
	char *dir = paths_join(fixtures_dir, name);
	char *json;
	error err;

	if (!paths_mkdir_p(dir, 0755, &err))
		fail_msg("%s", err.message);
	json = xasprintf("{\"name\": \"%s\", \"title\": \"t\", \"description\": \"d\", "
					 "\"default_scale\": 1, \"scripts\": %s, %s%s%s"
					 "\"tables\": [\"t\"]}", name, scripts,
					 after_vacuum ? "\"after_vacuum\": " : "",
					 after_vacuum ? after_vacuum : "", after_vacuum ? ", " : "");
	write_file(dir, "fixture.json", json);
	write_file(dir, "schema.sql", "CREATE TABLE t (id int);\n");
	write_file(dir, "touch.sql", "UPDATE t SET id = id + 1;\n");
	write_file(dir, "more.sql", "DELETE FROM t WHERE id < 0;\n");
	free(json);
	free(dir);
}

static void
make_fixture(const char *fixtures_dir, const char *name, const char *after_vacuum)
{
	make_fixture_with(fixtures_dir, name, "[\"schema.sql\"]", after_vacuum);
}

static void
test_after_vacuum_absent(void **state)
{
	dirs *d = *state;
	error err = {0};
	fixture *f;

	make_fixture(d->root, "plain", NULL);
	f = fixture_load(d->root, "plain", &err);
	if (f == NULL)
		fail_msg("%s", err.message);
	assert_int_equal(f->n_scripts, 1);
	assert_int_equal(f->n_after_vacuum, 0);
	assert_null(f->after_vacuum_names);
	fixture_free(f);
}

static void
test_after_vacuum_loaded_in_order(void **state)
{
	dirs *d = *state;
	error err = {0};
	fixture *f;

	make_fixture(d->root, "av", "[\"touch.sql\", \"more.sql\"]");
	f = fixture_load(d->root, "av", &err);
	if (f == NULL)
		fail_msg("%s", err.message);
	assert_int_equal(f->n_scripts, 1);
	assert_int_equal(f->n_after_vacuum, 2);
	assert_string_equal(f->after_vacuum_names[0], "touch.sql");
	assert_string_equal(f->after_vacuum_names[1], "more.sql");
	assert_string_equal(f->after_vacuum_texts[0], "UPDATE t SET id = id + 1;\n");
	assert_string_equal(f->after_vacuum_texts[1], "DELETE FROM t WHERE id < 0;\n");
	fixture_free(f);
}

/* The content hash names the templates: an edit of an after_vacuum script
 * must rebuild them, like an edit of any other script. */
static void
test_after_vacuum_in_content_hash(void **state)
{
	dirs *d = *state;
	error err = {0};
	fixture *f;
	uint64_t before, after;
	char *dir;

	make_fixture(d->root, "hashed", "[\"touch.sql\"]");
	f = fixture_load(d->root, "hashed", &err);
	if (f == NULL)
		fail_msg("%s", err.message);
	before = f->content_hash;
	fixture_free(f);
	dir = paths_join(d->root, "hashed");
	write_file(dir, "touch.sql", "UPDATE t SET id = id + 2;\n");
	f = fixture_load(d->root, "hashed", &err);
	if (f == NULL)
		fail_msg("%s", err.message);
	after = f->content_hash;
	fixture_free(f);
	assert_true(before != after);
	/* a script that is not listed is not part of the fixture */
	write_file(dir, "more.sql", "SELECT 1;\n");
	f = fixture_load(d->root, "hashed", &err);
	if (f == NULL)
		fail_msg("%s", err.message);
	assert_true(f->content_hash == after);
	fixture_free(f);
	free(dir);
}

typedef struct bad_case {
	const char *json;           /* JSON text of the field */
	const char *message;        /* a substring of the error's message */
} bad_case;

/* A fixture with these fields is refused with an ERROR_USAGE that says
 * `message`. */
static void
expect_refused(const char *root, const char *name, const char *scripts,
			   const char *after_vacuum, const char *message)
{
	error err = {0};
	fixture *f;

	make_fixture_with(root, name, scripts, after_vacuum);
	f = fixture_load(root, name, &err);
	if (f != NULL)
		fail_msg("scripts %s, after_vacuum %s was accepted", scripts,
				 after_vacuum ? after_vacuum : "(none)");
	assert_int_equal(err.kind, ERROR_USAGE);
	if (strstr(err.message, message) == NULL)
		fail_msg("scripts %s, after_vacuum %s: error \"%s\" does not say \"%s\"", scripts,
				 after_vacuum ? after_vacuum : "(none)", err.message, message);
}

static void
test_after_vacuum_refused(void **state)
{
	static const bad_case cases[] = {
		{"\"touch.sql\"", "after_vacuum"},
		{"[1]", "after_vacuum"},
		{"[]", "\"after_vacuum\" is empty"},
		{"[\"missing.sql\"]", "missing.sql"},
		{"[\"../schema.sql\"]", "must be a file in the fixture folder"},
		{"[\".hidden.sql\"]", "must be a file in the fixture folder"},
		{"[\"schema.sql\"]", "\"schema.sql\" is listed twice"},
		{"[\"touch.sql\", \"touch.sql\"]", "\"touch.sql\" is listed twice"},
	};
	dirs *d = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[16];

		snprintf(name, sizeof name, "bad%zu", i);
		expect_refused(d->root, name, "[\"schema.sql\"]", cases[i].json, cases[i].message);
	}
}

/* Scripts that run side by side: a group is an array inside "scripts",
 * flattened in order, numbered apart from the scripts of the build's own
 * session (0). */
static void
test_groups_loaded_in_order(void **state)
{
	dirs *d = *state;
	error err = {0};
	fixture *f;

	make_fixture_with(d->root, "grp", "[\"schema.sql\", [\"touch.sql\", \"more.sql\"]]",
					  NULL);
	f = fixture_load(d->root, "grp", &err);
	if (f == NULL)
		fail_msg("%s", err.message);
	assert_int_equal(f->n_scripts, 3);
	assert_string_equal(f->script_names[0], "schema.sql");
	assert_string_equal(f->script_names[1], "touch.sql");
	assert_string_equal(f->script_names[2], "more.sql");
	assert_string_equal(f->script_texts[2], "DELETE FROM t WHERE id < 0;\n");
	assert_int_equal(f->script_group[0], 0);
	assert_int_equal(f->script_group[1], 1);
	assert_int_equal(f->script_group[2], 1);
	fixture_free(f);
}

static void
test_groups_refused(void **state)
{
	static const bad_case cases[] = {
		{"[\"schema.sql\", [\"touch.sql\"]]", "2 to 8 scripts, not 1"},
		{"[\"schema.sql\", []]", "2 to 8 scripts, not 0"},
		{"[\"schema.sql\", [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\"]]",
		 "2 to 8 scripts, not 9"},
		{"[\"schema.sql\", [\"touch.sql\", 1]]", "an array of file names and of arrays"},
		{"[\"schema.sql\", [\"touch.sql\", [\"more.sql\"]]]", "an array of file names and of arrays"},
		{"[\"schema.sql\", {\"a\": 1}]", "an array of file names and of arrays"},
		{"\"schema.sql\"", "an array of file names and of arrays"},
		{"[\"schema.sql\", [\"touch.sql\", \"schema.sql\"]]", "\"schema.sql\" is listed twice"},
		{"[\"schema.sql\", [\"touch.sql\", \"missing.sql\"]]", "missing.sql"},
	};
	dirs *d = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[16];

		snprintf(name, sizeof name, "badgrp%zu", i);
		expect_refused(d->root, name, cases[i].json, NULL, cases[i].message);
	}
}

/* The shipped fixture that uses the field. */
static void
test_warehouse_fixture(void **state)
{
	char *fixtures = paths_join(getenv("PGDRILL_SOURCE_DIR"), "fixtures");
	error err = {0};
	fixture *f = fixture_load(fixtures, "warehouse", &err);

	(void) state;
	if (f == NULL)
		fail_msg("%s", err.message);
	assert_int_equal(f->n_after_vacuum, 1);
	assert_string_equal(f->after_vacuum_names[0], "cycle_count.sql");
	assert_non_null(strstr(f->after_vacuum_texts[0], "UPDATE stock"));
	fixture_free(f);
	free(fixtures);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_after_vacuum_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_after_vacuum_loaded_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_after_vacuum_in_content_hash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_after_vacuum_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_groups_loaded_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_groups_refused, setup, teardown),
		cmocka_unit_test(test_warehouse_fixture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
