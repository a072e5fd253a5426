/*
 * residue.h — what the sandbox db tests (test_hostile.c, test_faults.c) share:
 * the residue check, the fixture checksum, and the test catalogue.
 *
 * The residue check asserts that nothing a check creates outlives it on the
 * server: no scratch or build databases, no roles beyond pgdrill's three, no
 * backends of the learner roles (so no session-level state: advisory locks,
 * prepared statements, temp tables, cursors WITH HOLD, LISTEN registrations
 * all die with their backend), no advisory locks at all, no prepared
 * transactions, no per-database role settings of dropped databases, an empty
 * notification queue.  The fixture checksum hashes every table and the list
 * of relations of the probe fixture's template databases, so a test can
 * assert that a hostile answer changed nothing.
 *
 * The sandbox tests use their own test home (/tmp/pgdrill-sandbox-<uid>-<hash>,
 * unless PGDRILL_TEST_HOME is set) so that other db suites running on the
 * same machine cannot create scratch databases in the cluster they inspect.
 * Helpers fail the current test (cmocka) instead of returning errors.
 */
#ifndef PGDRILL_TESTS_RESIDUE_H
#define PGDRILL_TESTS_RESIDUE_H

#include <stdbool.h>

/* Group setup: choose the sandbox tests' home, then harness_group_setup. */
int residue_group_setup(void **state);
/* The same for test_faults, in a home of its own ("faults"): it kills and
 * removes its cluster, so it runs beside test_hostile (and every db test)
 * without touching theirs. */
int residue_faults_group_setup(void **state);

/* Environment for the pgdrill binary: the test catalogue under
 * tests/hostile/catalogue and a small scale (NULL-terminated, static). */
const char *const *residue_env(void);

/* Fail the test (naming `context`) when anything is left behind.  Backends
 * exit asynchronously after their client: waits up to 10 s for them. */
void residue_assert_clean(const char *context);

/* A digest of the probe fixture's templates: relation list and every
 * table's rows (malloc'd). */
char *residue_fixture_checksum(void);

/* The source tree (env PGDRILL_SOURCE_DIR, set by meson test). */
const char *residue_source_dir(void);

#endif
