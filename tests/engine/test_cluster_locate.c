/*
 * test_cluster_locate.c — unit tests (no server) for the side-effect-free
 * parts of engine/pg/cluster.c: where cluster_locate puts things for a given
 * environment, the environment errors it reports (bad PGDRILL_PG_BINDIR,
 * unknown server account, socket path too long, unusable characters), and
 * cluster_conninfo's quoting, checked by libpq's own parser.  A table of
 * environments drives most of it; the binaries tests need PostgreSQL's
 * programs and skip without them (the db suite is where their absence fails).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pg/cluster.h"
#include "strbuf.h"

/* Set (value non-NULL) or unset an environment variable, returning the old
 * value (malloc'd or NULL) for restore_env. */
static char *
swap_env(const char *name, const char *value)
{
	const char *old = getenv(name);
	char *saved = old ? xstrdup(old) : NULL;

	if (value)
		setenv(name, value, 1);
	else
		unsetenv(name);
	return saved;
}

static void
restore_env(const char *name, char *saved)
{
	if (saved)
		setenv(name, saved, 1);
	else
		unsetenv(name);
	free(saved);
}

static bool
have_postgres(void)
{
	cluster c;
	error err;

	if (!cluster_locate(&c, &err))
		return false;
	cluster_release(&c);
	return true;
}

static void
test_locations(void **state)
{
	static const struct {
		const char *xdg;          /* XDG_CACHE_HOME, NULL = unset */
		const char *home;         /* HOME */
		const char *root_dir;     /* expected, NULL = cluster_locate fails */
		const char *message;      /* part of the error when it fails */
	} cases[] = {
		{"/tmp/xdg", "/home/u", "/tmp/xdg/pgdrill/cluster", NULL},
		{"/tmp/xdg/", "/home/u", "/tmp/xdg/pgdrill/cluster", NULL},
		/* relative XDG values are ignored (XDG spec) */
		{"relative", "/home/u", NULL, NULL},
		{"/tmp/with space", "/home/u", "/tmp/with space/pgdrill/cluster", NULL},
		{"/tmp/a,b", "/home/u", NULL, "cannot hold"},
		{"/tmp/it's", "/home/u", NULL, "cannot hold"},
		{"/tmp/0123456789012345678901234567890123456789012345678901234567890123456789",
		 "/home/u", NULL, "too long for a Unix socket"},
	};

	(void) state;
	if (!have_postgres()) {
		skip();
		return;
	}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *old_xdg = swap_env("XDG_CACHE_HOME", cases[i].xdg);
		char *old_home = swap_env("HOME", cases[i].home);
		const char *expect = cases[i].root_dir;
		char *computed = NULL;
		cluster c;
		error err;
		bool ok;

		if (cases[i].root_dir == NULL && cases[i].message == NULL) {
			/* the relative value is ignored: root's default or ~/.cache */
			computed = geteuid() == 0 ? xstrdup("/var/cache/pgdrill/cluster")
				: xasprintf("%s/.cache/pgdrill/cluster", cases[i].home);
			expect = computed;
		}
		ok = cluster_locate(&c, &err);
		if (expect) {
			if (!ok)
				fail_msg("case %zu: %s", i, err.message);
			assert_string_equal(c.root_dir, expect);
			{
				char *data = xasprintf("%s/data", expect);
				char *run = xasprintf("%s/run", expect);
				char *log = xasprintf("%s/server.log", expect);

				assert_string_equal(c.data_dir, data);
				assert_string_equal(c.socket_dir, run);
				assert_string_equal(c.log_file, log);
				free(data);
				free(run);
				free(log);
			}
			assert_int_equal(c.as_root, geteuid() == 0);
			assert_true(c.port > 0);
			cluster_release(&c);
		} else {
			assert_false(ok);
			assert_int_equal(err.kind, ERROR_ENV);
			if (!strstr(err.message, cases[i].message))
				fail_msg("case %zu: \"%s\" not in \"%s\"", i, cases[i].message,
						 err.message);
			assert_true(err.hint[0] != '\0');
		}
		free(computed);
		restore_env("XDG_CACHE_HOME", old_xdg);
		restore_env("HOME", old_home);
	}
}

static void
test_accounts(void **state)
{
	char *old_user;
	cluster c;
	error err;

	(void) state;
	if (!have_postgres()) {
		skip();
		return;
	}
	assert_true(cluster_locate(&c, &err));
	if (geteuid() == 0) {
		const char *configured = getenv("PGDRILL_SERVER_USER");

		assert_string_equal(c.server_user, configured && configured[0]
							? configured : "postgres");
	} else {
		assert_string_equal(c.server_user, getpwuid(geteuid())->pw_name);
	}
	assert_string_equal(c.superuser, c.server_user);
	cluster_release(&c);
	cluster_release(NULL);

	old_user = swap_env("PGDRILL_SERVER_USER", "pgdrill-no-such-account");
	if (geteuid() == 0) {
		assert_false(cluster_locate(&c, &err));
		assert_int_equal(err.kind, ERROR_ENV);
		assert_non_null(strstr(err.message, "pgdrill-no-such-account"));
		assert_non_null(strstr(err.hint, "PGDRILL_SERVER_USER"));
	} else {
		/* only root switches accounts: the variable is ignored */
		assert_true(cluster_locate(&c, &err));
		cluster_release(&c);
	}
	restore_env("PGDRILL_SERVER_USER", old_user);
}

static void
test_bad_bindir(void **state)
{
	static const char *const dirs[] = {"/nonexistent/bin", "/tmp", "/usr/bin"};

	(void) state;
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		char *old = swap_env("PGDRILL_PG_BINDIR", dirs[i]);
		cluster c;
		error err;

		/* /usr/bin has no initdb or postgres on Debian either */
		assert_false(cluster_locate(&c, &err));
		assert_int_equal(err.kind, ERROR_ENV);
		assert_non_null(strstr(err.message, dirs[i]));
		assert_non_null(strstr(err.detail, "PGDRILL_PG_BINDIR"));
		assert_non_null(strstr(err.hint, "postgresql-15"));
		restore_env("PGDRILL_PG_BINDIR", old);
	}
}

static void
test_conninfo_quoting(void **state)
{
	static const struct {
		const char *socket_dir;
		const char *user;
		const char *dbname;
	} cases[] = {
		{"/tmp/plain/run", NULL, NULL},
		{"/tmp/with space/run", "postgres", "postgres"},
		{"/tmp/quote'and\\backslash/run", "o'brien", "db name"},
		{"/tmp/run", "", "x"},
	};

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cluster c = {0};
		char *ci, *errmsg = NULL;
		PQconninfoOption *opts;
		const char *want_user = cases[i].user ? cases[i].user : "super";
		const char *want_db = cases[i].dbname ? cases[i].dbname : "postgres";
		int seen = 0;

		c.socket_dir = (char *) cases[i].socket_dir;
		c.superuser = (char *) "super";
		c.port = 5432;
		ci = cluster_conninfo(&c, cases[i].dbname, cases[i].user);
		opts = PQconninfoParse(ci, &errmsg);
		if (opts == NULL)
			fail_msg("libpq rejects \"%s\": %s", ci, errmsg ? errmsg : "");
		for (PQconninfoOption *o = opts; o->keyword; o++) {
			const char *v = o->val ? o->val : "";

			if (strcmp(o->keyword, "host") == 0)
				seen += strcmp(v, cases[i].socket_dir) == 0;
			else if (strcmp(o->keyword, "port") == 0)
				seen += strcmp(v, "5432") == 0;
			else if (strcmp(o->keyword, "user") == 0)
				seen += strcmp(v, want_user) == 0;
			else if (strcmp(o->keyword, "dbname") == 0)
				seen += strcmp(v, want_db) == 0;
		}
		if (seen != 4)
			fail_msg("case %zu: \"%s\" does not round-trip", i, ci);
		PQconninfoFree(opts);
		free(ci);
	}
}

static void
test_state_names(void **state)
{
	(void) state;
	assert_string_equal(cluster_state_name(CLUSTER_ABSENT), "absent");
	assert_string_equal(cluster_state_name(CLUSTER_STOPPED), "stopped");
	assert_string_equal(cluster_state_name(CLUSTER_RUNNING), "running");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locations),
		cmocka_unit_test(test_accounts),
		cmocka_unit_test(test_bad_bindir),
		cmocka_unit_test(test_conninfo_quoting),
		cmocka_unit_test(test_state_names),
	};
	return cmocka_run_group_tests_name("cluster_locate", tests, NULL, NULL);
}
