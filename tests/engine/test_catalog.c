/*
 * test_catalog.c — unit tests for catalog_load_concepts
 * (engine/catalog/catalog.c): the concept graph and the themes of
 * drills/concepts.json, table-driven over small files written to a
 * temporary directory.  Every rule of the loader has a row that would pass
 * if the rule were dropped: unknown prerequisites, cycles, and for themes
 * an unknown concept, a duplicate, an empty list, a bad id, an unknown
 * field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "strbuf.h"

#define CONCEPTS \
	"\"concepts\": [" \
	"{\"id\": \"a\", \"title\": \"A\"}," \
	"{\"id\": \"b\", \"title\": \"B\", \"requires\": [\"a\"]}," \
	"{\"id\": \"c\", \"title\": \"C\", \"requires\": [\"b\"]}]"

static const struct {
	const char *json;
	const char *error;       /* NULL: loads; else a part of the message */
	size_t n_themes;
} cases[] = {
	{"{" CONCEPTS "}", NULL, 0},
	{"{\"themes\": [{\"id\": \"t\", \"title\": \"T\", \"summary\": \"s\", \"concepts\": [\"c\", \"a\"]},"
	 "{\"id\": \"u\", \"title\": \"U\", \"concepts\": [\"a\"]}], " CONCEPTS "}", NULL, 2},
	{"{\"themes\": [{\"id\": \"t\", \"title\": \"T\", \"concepts\": [\"zz\"]}], " CONCEPTS "}",
	 "theme \"t\" names unknown concept \"zz\"", 0},
	{"{\"themes\": [{\"id\": \"t\", \"title\": \"T\", \"concepts\": []}], " CONCEPTS "}",
	 "theme \"t\" names no concept", 0},
	{"{\"themes\": [{\"id\": \"t\", \"title\": \"T\", \"concepts\": [\"a\", \"a\"]}], " CONCEPTS "}",
	 "names concept \"a\" twice", 0},
	{"{\"themes\": [{\"id\": \"t\", \"title\": \"T\", \"concepts\": [\"a\"]},"
	 "{\"id\": \"t\", \"title\": \"T2\", \"concepts\": [\"b\"]}], " CONCEPTS "}",
	 "theme \"t\" is defined twice", 0},
	{"{\"themes\": [{\"id\": \"Bad Id\", \"title\": \"T\", \"concepts\": [\"a\"]}], " CONCEPTS "}",
	 "invalid theme id \"Bad Id\"", 0},
	{"{\"themes\": [{\"id\": \"t\", \"title\": \"T\", \"concept\": [\"a\"]}], " CONCEPTS "}",
	 "unknown field \"concept\"", 0},
	{"{\"themes\": [{\"id\": \"t\", \"concepts\": [\"a\"]}], " CONCEPTS "}",
	 "field \"title\" is required", 0},
	{"{\"themes\": {\"id\": \"t\"}, " CONCEPTS "}", "\"themes\" must be an array", 0},
	{"{\"themes\": [\"t\"], " CONCEPTS "}", "every theme must be an object", 0},
	{"{\"concepts\": [{\"id\": \"a\", \"title\": \"A\", \"requires\": [\"q\"]}]}",
	 "concept \"a\" requires unknown concept \"q\"", 0},
	{"{\"concepts\": [{\"id\": \"a\", \"title\": \"A\", \"requires\": [\"b\"]},"
	 "{\"id\": \"b\", \"title\": \"B\", \"requires\": [\"a\"]}]}", "form a cycle", 0},
};

static void
test_load_concepts(void **st)
{
	char dir[] = "/tmp/pgdrill-test-catalog.XXXXXX";

	(void) st;
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = xasprintf("%s/concepts.json", dir);
		FILE *f = fopen(path, "w");
		catalog *c = xcalloc(1, sizeof *c);
		error err = {0};
		bool ok;

		assert_non_null(f);
		fputs(cases[i].json, f);
		fclose(f);
		ok = catalog_load_concepts(c, dir, &err);
		if (cases[i].error == NULL) {
			if (!ok)
				fail_msg("case %zu: %s", i, err.message);
			assert_int_equal(c->n_themes, cases[i].n_themes);
		} else {
			if (ok)
				fail_msg("case %zu loads; want \"%s\"", i, cases[i].error);
			if (strstr(err.message, cases[i].error) == NULL)
				fail_msg("case %zu: \"%s\", want \"%s\"", i, err.message, cases[i].error);
			assert_int_equal(err.kind, ERROR_USAGE);
		}
		if (i == 1) {
			const theme *t = catalog_theme(c, "t");

			assert_non_null(t);
			assert_string_equal(t->title, "T");
			assert_string_equal(t->summary, "s");
			assert_int_equal(t->n_concepts, 2);
			assert_true(catalog_theme_has(t, "c"));
			assert_false(catalog_theme_has(t, "b"));
			assert_string_equal(catalog_theme(c, "u")->summary, "");
			assert_null(catalog_theme(c, "v"));
		}
		catalog_free(c);
		unlink(path);
		free(path);
	}
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_concepts),
	};

	return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
