/*
 * harness.h — what every db test (tests/db/, real PostgreSQL) shares.
 *
 * A db test binary calls harness_group_setup as its cmocka group setup.  That
 * points XDG_CACHE_HOME and XDG_STATE_HOME at a test home under /tmp, never
 * at the build tree or the user's own cache: a CI clone may live under /root,
 * which the server account (postgres, when tests run as root) cannot enter,
 * and a developer's real cluster and progress must stay untouched.
 *
 * The shared home is /tmp/pgdrill-test-<uid>-<hash>, <hash> being 8 hex
 * digits of the FNV-1a hash of PGDRILL_BIN, so that two builds (worktrees)
 * tested at once by the same user never share a cluster; PGDRILL_TEST_HOME
 * overrides it.  It is reused by all db test binaries of a build (db tests
 * run one at a time, see tests/meson.build), so its private cluster and
 * templates are built once per run.  tools/test.sh stops that cluster and
 * removes the home after the suites (tests/db/test_homes prints the homes);
 * after a bare `meson test`, stop it with
 *   XDG_CACHE_HOME=/tmp/pgdrill-test-<uid>-<hash>/cache pgdrill db stop
 * Tests that need an empty cache (cluster creation) take a fresh home below
 * the shared one with harness_fresh_home and drop it, cluster stopped, with
 * harness_drop_home.  PGDRILL_DB is unset: db tests use the private cluster.
 *
 * Helpers fail the current test (cmocka fail_msg) instead of returning
 * errors, so they may only be called from tests, setups and teardowns.
 */
#ifndef PGDRILL_TESTS_HARNESS_H
#define PGDRILL_TESTS_HARNESS_H

#include <cjson/cJSON.h>
#include <libpq-fe.h>
#include <stdbool.h>

#include "pg/proc.h"

/* cmocka group setup: use the shared test home (see above).  Returns 0, or
 * -1 when the home cannot be created (printed). */
int harness_group_setup(void **state);

/* The shared test home path (malloc'd). */
char *harness_home(void);

/* /tmp/pgdrill-<kind>-<uid>-<hash of bin> (malloc'd): the home of one kind
 * of db test ("test": the shared one; "sandbox": residue.h) for the build
 * whose pgdrill is `bin`.  tests/db/test_homes.c prints them for
 * tools/test.sh, which stops and removes them after the suites. */
char *harness_home_for(const char *kind, const char *bin);

/* Point XDG_CACHE_HOME / XDG_STATE_HOME at <home>/cache and <home>/state,
 * creating them (mode 0755, so that the server account can traverse). */
void harness_use_home(const char *home);

/*
 * Whether a private cluster can be used here (PostgreSQL binaries and, as
 * root, the server account exist).  When not, *why (malloc'd) says why.
 */
bool harness_postgres_available(char **why);

/* True when env CI is "true": missing PostgreSQL is then a failure. */
bool harness_under_ci(void);

/*
 * At the start of a test that needs PostgreSQL: when it is missing, print
 * why, then skip the test — or fail it under CI=true, where a db suite that
 * silently skips would hide a broken setup.
 */
#define HARNESS_REQUIRE_POSTGRES() \
	do { \
		char *why_ = NULL; \
		if (!harness_postgres_available(&why_)) { \
			print_message("PostgreSQL is not usable: %s\n", why_); \
			free(why_); \
			if (harness_under_ci()) \
				fail_msg("CI=true: the db suite must run, not skip"); \
			skip(); \
		} \
	} while (0)

/*
 * Run the pgdrill binary under test (env PGDRILL_BIN) with `args` (without
 * the program name, NULL-terminated), environment changes `env` (proc.h
 * syntax, may be NULL), standard input `input` (NULL = /dev/null), killed
 * after timeout_s.  Fills *res (caller frees with proc_result_free).  Fails
 * the test when the binary cannot be run or times out.
 */
void harness_run_pgdrill(const char *const *args, const char *const *env,
						 const char *input, double timeout_s, proc_result *res);

/*
 * harness_run_pgdrill with "--format json" added when args have no
 * --format, and its standard output parsed: the JSON value (caller
 * cJSON_Deletes), the exit code in *code.  Fails the test, showing both
 * streams, when the output is not JSON.
 */
cJSON *harness_run_json(const char *const *args, const char *const *env, const char *input,
						double timeout_s, int *code);

/* Standard output of a finished run as JSON (caller cJSON_Deletes); fails
 * the test, naming `what` and showing both streams, when it is not JSON. */
cJSON *harness_json_of(const proc_result *res, const char *what);

/* A string / number member of a JSON object: "" / -1 when absent or of
 * another type (so a wrong shape fails the assertion that reads it). */
const char *jstr(const cJSON *o, const char *key);
double jnum(const cJSON *o, const char *key);

/* Make the private cluster of the current home run; return the conninfo
 * for `dbname` as its superuser (malloc'd).  Fails the test on error. */
char *harness_cluster_conninfo(const char *dbname);

/* Connect to `dbname` on the private cluster of the current home (started
 * when needed).  Fails the test on error.  PQfinish the result. */
PGconn *harness_connect(const char *dbname);

/* A new empty home <shared home>/<name>.<pid>, made current.  malloc'd. */
char *harness_fresh_home(const char *name);

/* Stop the cluster of `home` (if any), remove the directory, switch back to
 * the shared home, and free `home`.  Accepts NULL. */
void harness_drop_home(char *home);

/* The manifest `pgdrill grade` reads for every <root>/<drill>/<name>.sql
 * (a JSON array of {"drill", "file"}; files beside the drill folders, such
 * as a README, are skipped).  Fails the test when root cannot be opened.
 * Caller cJSON_Deletes it. */
cJSON *harness_answer_manifest(const char *root);

/* A set of answers that must all fail: every <source>/tests/<set>/<drill>/
 * <name>.sql (at least `at_least` of them) graded in one `pgdrill grade
 * --format json -q` run (plus `extra`, NULL-terminated, may be NULL) over a
 * manifest, which must exit 1 with one result per answer; every result
 * must satisfy `ok` (what `what` says), else the test fails listing those
 * that do not.  Used by the wrong_answers and partial_answers catalogue
 * tests. */
void harness_answer_set_fails(const char *set, int at_least, const char *const *extra,
							  int timeout_s, bool (*ok)(const cJSON *result),
							  const char *what);

#endif
