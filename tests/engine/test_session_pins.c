/*
 * test_session_pins.c — unit tests for the pinned settings of
 * engine/sandbox/session.c (no server): every pin is documented in
 * docs/sandbox.md's table with its value, and the psql environment `start`
 * prints carries every pin (PGTZ and PGDATESTYLE too, because libpq sends
 * them after PGOPTIONS), with a space inside a value escaped for PGOPTIONS
 * and nothing that would break the shell quoting.  What the pins do on a
 * real server is tested by tests/db/test_verdicts.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/fileio.h"
#include "sandbox/session.h"
#include "strbuf.h"

static void
test_pins_documented(void **state)
{
	const char *dir = getenv("PGDRILL_SOURCE_DIR");
	char *path, *doc;
	size_t len;
	error err;
	int n = 0;

	(void) state;
	if (dir == NULL)
		skip();
	path = xasprintf("%s/docs/sandbox.md", dir);
	doc = fileio_read(path, 1 << 20, &len, &err);
	if (doc == NULL)
		fail_msg("%s: %s", path, err.message);
	for (const session_pin *p = session_pins; p->name; p++, n++) {
		char *name = xasprintf("`%s`", p->name), *value = xasprintf("`%s`", p->value);

		if (strstr(doc, name) == NULL || strstr(doc, value) == NULL)
			fail_msg("%s = %s is not in docs/sandbox.md's table", p->name, p->value);
		free(name);
		free(value);
	}
	assert_true(n >= 20);
	free(doc);
	free(path);
}

static void
test_psql_env(void **state)
{
	char *env = session_psql_env();

	(void) state;
	assert_true(strncmp(env, "PGTZ=UTC PGDATESTYLE=ISO,MDY PGOPTIONS='-c TimeZone=UTC ", 56) ==
				0);
	assert_true(env[strlen(env) - 1] == ' ' && env[strlen(env) - 2] == '\'');
	for (const session_pin *p = session_pins; p->name; p++) {
		char *want;

		if (strcmp(p->name, "client_encoding") == 0) {
			assert_null(strstr(env, "client_encoding"));   /* the terminal's */
			continue;
		}
		want = xasprintf("-c %s=", p->name);
		if (strstr(env, want) == NULL)
			fail_msg("%s missing from %s", p->name, env);
		free(want);
	}
	assert_non_null(strstr(env, "-c default_transaction_isolation=read\\ committed"));
	assert_non_null(strstr(env, "-c DateStyle=ISO,MDY"));
	/* one pair of single quotes: the shell quoting holds */
	{
		int quotes = 0;

		for (const char *c = env; *c; c++)
			quotes += *c == '\'';
		assert_int_equal(quotes, 2);
	}
	free(env);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pins_documented),
		cmocka_unit_test(test_psql_env),
	};
	return cmocka_run_group_tests_name("session_pins", tests, NULL, NULL);
}
