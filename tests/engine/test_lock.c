/*
 * test_lock.c — unit tests for engine/os/lock.c: which lock modes conflict, the
 * timeout (try-once and bounded waits), that a released lock or a dead
 * holder frees the file, and the errors for an unusable path.  Holders in
 * other processes are forked children, since flock is per process-level open
 * file and that is the contention pgdrill has.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "os/clock.h"
#include "os/lock.h"
#include "os/paths.h"
#include "strbuf.h"

typedef struct fixture {
	char dir[64];
	char *path;
} fixture;

static int
setup(void **state)
{
	fixture *f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/pgdrill-lock-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->path = paths_join(f->dir, "test.lock");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fixture *f = *state;

	unlink(f->path);
	rmdir(f->dir);
	free(f->path);
	free(f);
	return 0;
}

/* Whether a fresh process could take the lock (mode) within timeout_s. */
static bool
child_can_lock(const char *path, bool exclusive, double timeout_s)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		lock lk;
		error err;

		_exit(lock_acquire(path, exclusive, timeout_s, &lk, &err) ? 0 : 1);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status) == 0;
}

static void
test_conflicts(void **state)
{
	static const struct {
		bool held_exclusive;
		bool want_exclusive;
		bool granted;
	} cases[] = {
		{false, false, true},   /* readers share */
		{false, true, false},   /* a writer waits for readers */
		{true, false, false},   /* readers wait for a writer */
		{true, true, false},
	};
	fixture *f = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		lock lk = LOCK_INIT;
		error err;

		assert_true(lock_acquire(f->path, cases[i].held_exclusive, 0, &lk, &err));
		assert_true(lk.fd >= 0);
		assert_string_equal(lk.path, f->path);
		assert_int_equal(child_can_lock(f->path, cases[i].want_exclusive, 0),
						 cases[i].granted);
		lock_release(&lk);
		assert_int_equal(lk.fd, -1);
		assert_null(lk.path);
		/* released: anyone may take it now */
		assert_true(child_can_lock(f->path, cases[i].want_exclusive, 0));
	}
}

static void
test_timeout(void **state)
{
	fixture *f = *state;
	lock held = LOCK_INIT, second = LOCK_INIT;
	error err;
	double t0, waited;

	assert_true(lock_acquire(f->path, true, 0, &held, &err));
	/* Same process, second descriptor: conflicts too (documented). */
	t0 = clock_now_s();
	assert_false(lock_acquire(f->path, true, 0.3, &second, &err));
	waited = clock_now_s() - t0;
	assert_true(waited >= 0.3);
	assert_true(waited < 3.0);
	assert_int_equal(err.kind, ERROR_ENV);
	assert_non_null(strstr(err.message, "timed out"));
	assert_non_null(strstr(err.message, f->path));
	assert_int_equal(second.fd, -1);
	lock_release(&held);
}

static void
test_waiter_gets_released_lock(void **state)
{
	fixture *f = *state;
	lock held = LOCK_INIT;
	error err;
	pid_t pid;
	int status;

	assert_true(lock_acquire(f->path, true, 0, &held, &err));
	pid = fork();
	if (pid == 0) {
		lock lk;

		/* A forked child shares the parent's open lock: drop our copy. */
		close(held.fd);
		/* Waits (up to 10 s) for the parent's release below. */
		_exit(lock_acquire(f->path, true, 10, &lk, &err) ? 0 : 1);
	}
	usleep(200 * 1000);
	lock_release(&held);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_dead_holder_frees_lock(void **state)
{
	fixture *f = *state;
	lock lk = LOCK_INIT;
	error err;
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		lock mine;

		if (!lock_acquire(f->path, true, 0, &mine, &err))
			_exit(1);
		_exit(0);  /* dies holding it, never releasing */
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(lock_acquire(f->path, true, 0, &lk, &err));
	lock_release(&lk);
}

static void
test_bad_path(void **state)
{
	fixture *f = *state;
	char *path = xasprintf("%s/missing-dir/x.lock", f->dir);
	lock lk = LOCK_INIT;
	error err;

	assert_false(lock_acquire(path, false, 1, &lk, &err));
	assert_int_equal(err.kind, ERROR_ENV);
	assert_non_null(strstr(err.message, "cannot open lock file"));
	assert_non_null(strstr(err.message, path));
	assert_int_equal(lk.fd, -1);
	free(path);
	lock_release(&lk);
	lock_release(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_conflicts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_waiter_gets_released_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dead_holder_frees_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_path, setup, teardown),
	};
	return cmocka_run_group_tests_name("lock", tests, NULL, NULL);
}
