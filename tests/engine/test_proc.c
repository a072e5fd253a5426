/*
 * test_proc.c — unit tests for engine/pg/proc.c: exit statuses and captured
 * streams (a table of small programs), standard input fed from memory in
 * both small and pipe-overflowing sizes, environment changes, the output
 * cap, deadlines (killing the child's process group with new_group, only
 * the child without it, returning when a daemon holds the pipes), descriptors not leaking into children, running as another
 * account (when root), proc_access_as, the error values for programs
 * that cannot be started, long-lived children (proc_spawn / proc_stop, a
 * log file, SIGKILL after the grace period) and die_with_us (the child is
 * killed when its parent dies, even of SIGKILL, and when SIGTERM is caught).  The programs are ordinary POSIX tools; `sh -c`
 * appears only as a test program, proc itself never uses a shell.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "os/clock.h"
#include "os/signals.h"
#include "pg/proc.h"
#include "strbuf.h"

static void
test_exit_and_streams(void **state)
{
	static const struct {
		const char *argv[5];
		const char *input;
		int exit_code;
		int term_signal;
		const char *out;
		const char *err;
	} cases[] = {
		{{"true"}, NULL, 0, 0, "", ""},
		{{"false"}, NULL, 1, 0, "", ""},
		{{"sh", "-c", "echo out; echo err >&2; exit 3"}, NULL, 3, 0, "out\n", "err\n"},
		{{"cat"}, "hello\nworld", 0, 0, "hello\nworld", ""},
		{{"cat"}, "", 0, 0, "", ""},
		{{"cat"}, NULL, 0, 0, "", ""},  /* stdin is /dev/null: no hang */
		{{"sh", "-c", "kill -TERM $$"}, NULL, -1, SIGTERM, "", ""},
		{{"printf", "%s|%s", "a b", "'c'"}, NULL, 0, 0, "a b|'c'", ""},  /* no shell */
	};

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		proc_options opts = {0};
		proc_result res = PROC_RESULT_INIT;
		error err;

		opts.input = cases[i].input;
		opts.input_len = cases[i].input ? strlen(cases[i].input) : 0;
		opts.timeout_s = 30;
		assert_true(proc_run(cases[i].argv, &opts, &res, &err));
		assert_int_equal(res.exit_code, cases[i].exit_code);
		assert_int_equal(res.term_signal, cases[i].term_signal);
		assert_false(res.timed_out);
		assert_string_equal(strbuf_str(&res.out), cases[i].out);
		assert_string_equal(strbuf_str(&res.err), cases[i].err);
		proc_result_free(&res);
	}
}

static void
test_run_ok_errors(void **state)
{
	const char *failing[] = {"sh", "-c", "echo one >&2; echo two >&2; exit 7", NULL};
	const char *killed[] = {"sh", "-c", "kill -KILL $$", NULL};
	const char *quiet[] = {"sh", "-c", "echo only-stdout; exit 2", NULL};
	proc_result res = PROC_RESULT_INIT;
	error err;

	(void) state;
	assert_false(proc_run_ok(failing, NULL, &res, &err));
	assert_int_equal(err.kind, ERROR_ENV);
	assert_string_equal(err.message, "sh failed with exit status 7");
	assert_string_equal(err.detail, "one\ntwo");
	assert_false(proc_run_ok(killed, NULL, &res, &err));
	assert_non_null(strstr(err.message, "killed by signal 9"));
	/* with nothing on stderr the detail shows stdout */
	assert_false(proc_run_ok(quiet, NULL, &res, &err));
	assert_string_equal(err.detail, "only-stdout");
	proc_result_free(&res);
}

static void
test_large_input_and_output(void **state)
{
	const char *argv[] = {"cat", NULL};
	size_t n = 4 << 20;  /* far beyond a pipe's 64 KiB: needs real pumping */
	char *big = xmalloc(n);
	proc_options opts = {0};
	proc_result res = PROC_RESULT_INIT;
	error err;

	(void) state;
	for (size_t i = 0; i < n; i++)
		big[i] = (char) ('a' + i % 26);
	opts.input = big;
	opts.input_len = n;
	opts.timeout_s = 60;
	assert_true(proc_run(argv, &opts, &res, &err));
	assert_int_equal(res.exit_code, 0);
	assert_int_equal(res.out.len, n);
	assert_memory_equal(res.out.data, big, n);
	proc_result_free(&res);
	free(big);
}

static void
test_output_cap(void **state)
{
	const char *argv[] = {"head", "-c", "1000000", "/dev/zero", NULL};
	proc_options opts = {0};
	proc_result res = PROC_RESULT_INIT;
	error err;

	(void) state;
	opts.max_output = 1000;
	opts.timeout_s = 30;
	/* The child is drained to its end (no SIGPIPE, no hang) but only the
	 * cap is kept. */
	assert_true(proc_run(argv, &opts, &res, &err));
	assert_int_equal(res.exit_code, 0);
	assert_int_equal(res.out.len, 1000);
	proc_result_free(&res);
}

static void
test_env_and_cwd(void **state)
{
	const char *argv[] = {"sh", "-c", "echo \"$PGDRILL_T1:${PGDRILL_T2-unset}:$(pwd)\"", NULL};
	const char *env[] = {"PGDRILL_T1=one", "PGDRILL_T2", NULL};
	proc_options opts = {0};
	proc_result res = PROC_RESULT_INIT;
	error err;

	(void) state;
	setenv("PGDRILL_T1", "zero", 1);
	setenv("PGDRILL_T2", "two", 1);
	opts.env = env;
	opts.cwd = "/";
	assert_true(proc_run(argv, &opts, &res, &err));
	assert_string_equal(strbuf_str(&res.out), "one:unset:/\n");
	/* our own environment is untouched */
	assert_string_equal(getenv("PGDRILL_T1"), "zero");
	assert_string_equal(getenv("PGDRILL_T2"), "two");
	proc_result_free(&res);
}

static void
test_cannot_start(void **state)
{
	static const struct {
		const char *program;
		const char *cwd;
		const char *message_part;
	} cases[] = {
		{"pgdrill-no-such-program", NULL, "cannot execute it: No such file"},
		{"/nonexistent/prog", NULL, "cannot execute it"},
		{"true", "/nonexistent-dir", "cannot enter its working directory"},
	};

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *argv[] = {cases[i].program, NULL};
		proc_options opts = {0};
		proc_result res = PROC_RESULT_INIT;
		error err;

		opts.cwd = cases[i].cwd;
		assert_false(proc_run(argv, &opts, &res, &err));
		assert_int_equal(err.kind, ERROR_ENV);
		assert_non_null(strstr(err.message, cases[i].program));
		assert_non_null(strstr(err.message, cases[i].message_part));
		proc_result_free(&res);
	}
}

/* Whether `pid` is gone (or a zombie nobody reaped yet). */
static bool
pid_dead(long pid)
{
	char path[64], buf[256];
	FILE *f;
	const char *close_paren;
	bool dead = true;

	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	if (f == NULL)
		return true;
	if (fgets(buf, sizeof buf, f) && (close_paren = strrchr(buf, ')')) != NULL)
		dead = close_paren[2] == 'Z';
	fclose(f);
	return dead;
}

static void
test_timeout_kills_group(void **state)
{
	/* The background sleep is in the child's process group: killed too. */
	const char *argv[] = {"sh", "-c", "sleep 30 & echo $!; wait", NULL};
	proc_options opts = {.new_group = true};
	proc_result res = PROC_RESULT_INIT;
	error err;
	double t0 = clock_now_s(), took;
	long bg;

	(void) state;
	opts.timeout_s = 0.5;
	assert_false(proc_run(argv, &opts, &res, &err));
	took = clock_now_s() - t0;
	assert_true(res.timed_out);
	assert_int_equal(res.term_signal, SIGKILL);
	assert_int_equal(err.kind, ERROR_ENV);
	assert_non_null(strstr(err.message, "did not finish within 0.5 seconds"));
	assert_true(took >= 0.5 && took < 5);
	bg = atol(strbuf_str(&res.out));
	assert_true(bg > 1);
	for (int i = 0; i < 50 && !pid_dead(bg); i++)
		usleep(20000);
	assert_true(pid_dead(bg));
	proc_result_free(&res);
}

static void
test_timeout_same_group(void **state)
{
	/* Without new_group only the child is killed (and reaped): the caller's
	 * own process group is never signalled, or this test would die. */
	const char *argv[] = {"sleep", "30", NULL};
	proc_options opts = {0};
	proc_result res = PROC_RESULT_INIT;
	error err;

	(void) state;
	opts.timeout_s = 0.2;
	assert_false(proc_run(argv, &opts, &res, &err));
	assert_true(res.timed_out);
	assert_int_equal(res.term_signal, SIGKILL);
	proc_result_free(&res);
}

static void
test_process_group(void **state)
{
	/* The shell prints its own pid and process group. */
	const char *argv[] = {"sh", "-c", "echo $$ $(cut -d' ' -f5 /proc/$$/stat)", NULL};
	proc_options opts = {0};
	proc_result res = PROC_RESULT_INIT;
	error err;
	long pid, pgid;

	(void) state;
	assert_true(proc_run(argv, &opts, &res, &err));
	assert_int_equal(sscanf(strbuf_str(&res.out), "%ld %ld", &pid, &pgid), 2);
	assert_int_equal(pgid, (long) getpgrp());
	opts.new_group = true;
	assert_true(proc_run(argv, &opts, &res, &err));
	assert_int_equal(sscanf(strbuf_str(&res.out), "%ld %ld", &pid, &pgid), 2);
	assert_int_equal(pgid, pid);
	proc_result_free(&res);
}

static void
test_daemon_holding_pipes(void **state)
{
	/* Like pg_ctl start: the child exits, something it started keeps
	 * stdout open.  proc_run must return when the child exits. */
	const char *argv[] = {"sh", "-c", "sleep 3 & echo started", NULL};
	proc_options opts = {0};
	proc_result res = PROC_RESULT_INIT;
	error err;
	double t0 = clock_now_s();

	(void) state;
	opts.timeout_s = 20;
	assert_true(proc_run(argv, &opts, &res, &err));
	assert_true(clock_now_s() - t0 < 2.5);
	assert_int_equal(res.exit_code, 0);
	assert_string_equal(strbuf_str(&res.out), "started\n");
	proc_result_free(&res);
}

static void
test_no_fd_leak(void **state)
{
	/* Only 0, 1, 2 and the directory ls itself opens. */
	const char *argv[] = {"ls", "/proc/self/fd", NULL};
	proc_result res = PROC_RESULT_INIT;
	error err;
	int fd = open("/dev/null", O_RDONLY);  /* not close-on-exec on purpose */
	int lines = 0;

	(void) state;
	assert_true(fd > 2);
	assert_true(proc_run(argv, NULL, &res, &err));
	for (const char *p = strbuf_str(&res.out); *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 4);
	close(fd);
	proc_result_free(&res);
}

static void
test_other_account(void **state)
{
	const char *argv[] = {"id", "-un", NULL};
	proc_options opts = {0};
	proc_result res = PROC_RESULT_INIT;
	struct passwd *me = getpwuid(geteuid());
	error err;

	(void) state;
	assert_non_null(me);
	/* running "as" ourselves needs no privilege */
	opts.user = me->pw_name;
	assert_true(proc_run(argv, &opts, &res, &err));
	assert_int_equal(res.exit_code, 0);
	opts.user = "pgdrill-no-such-account";
	assert_false(proc_run(argv, &opts, &res, &err));
	assert_non_null(strstr(err.message, "no OS account"));
	if (getpwnam("nobody") == NULL)
		goto done;
	opts.user = "nobody";
	if (geteuid() == 0) {
		assert_true(proc_run(argv, &opts, &res, &err));
		assert_string_equal(strbuf_str(&res.out), "nobody\n");
	} else {
		assert_false(proc_run(argv, &opts, &res, &err));
		assert_non_null(strstr(err.message, "only root"));
	}
done:
	proc_result_free(&res);
}

static void
test_access_as(void **state)
{
	char dir[] = "/tmp/pgdrill-proc-XXXXXX";
	char *inner, *blocked = NULL;
	error err;

	(void) state;
	if (geteuid() != 0 || getpwnam("nobody") == NULL) {
		skip();
		return;
	}
	assert_non_null(mkdtemp(dir));  /* mode 0700: closed to nobody */
	inner = xasprintf("%s/inner", dir);
	assert_int_equal(mkdir(inner, 0777), 0);
	assert_true(proc_access_as("nobody", "/tmp", R_OK | X_OK, &blocked, &err));
	assert_null(blocked);
	assert_true(proc_access_as("nobody", inner, X_OK, &blocked, &err));
	assert_non_null(blocked);
	assert_string_equal(blocked, dir);
	free(blocked);
	assert_int_equal(chmod(dir, 0755), 0);
	assert_int_equal(chmod(inner, 0755), 0);
	/* traversable now, but not writable: the path itself is reported */
	assert_true(proc_access_as("nobody", inner, W_OK, &blocked, &err));
	assert_non_null(blocked);
	assert_string_equal(blocked, inner);
	free(blocked);
	assert_true(proc_access_as("nobody", inner, R_OK | X_OK, &blocked, &err));
	assert_null(blocked);
	assert_false(proc_access_as("pgdrill-no-such-account", inner, X_OK, &blocked, &err));
	rmdir(inner);
	rmdir(dir);
	free(inner);
}

/* A pid that is gone (killed and reaped by init) within `wait_s`. */
static bool
gone_within(pid_t pid, double wait_s)
{
	double deadline = clock_now_s() + wait_s;

	while (clock_now_s() < deadline) {
		if (kill(pid, 0) != 0 && errno == ESRCH)
			return true;
		usleep(20000);
	}
	return false;
}

static void
test_spawn_and_stop(void **state)
{
	const char *sleeper[] = {"sleep", "30", NULL};
	const char *stubborn[] = {"sh", "-c", "trap '' TERM; echo up; sleep 30", NULL};
	const char *missing[] = {"pgdrill-no-such-program", NULL};
	char dir[] = "/tmp/pgdrill-test-proc-XXXXXX";
	proc_result res = PROC_RESULT_INIT;
	char *log;
	error err;
	pid_t pid;

	(void) state;
	assert_non_null(mkdtemp(dir));
	log = xasprintf("%s/child.log", dir);
	pid = proc_spawn(sleeper, NULL, NULL, &err);
	assert_true(pid > 0);
	assert_int_equal(kill(pid, 0), 0);  /* running, not waited for */
	assert_true(proc_stop(pid, 5, &res));
	assert_int_equal(res.term_signal, SIGTERM);
	assert_false(res.timed_out);
	/* a child that ignores SIGTERM is killed after the grace period; its
	 * output went to the log file */
	pid = proc_spawn(stubborn, NULL, log, &err);
	assert_true(pid > 0);
	usleep(200000);
	assert_true(proc_stop(pid, 0.3, &res));
	assert_true(res.timed_out);
	assert_int_equal(res.term_signal, SIGKILL);
	{
		FILE *f = fopen(log, "r");
		char line[16] = "";

		assert_non_null(f);
		assert_non_null(fgets(line, sizeof line, f));
		assert_string_equal(line, "up\n");
		fclose(f);
	}
	assert_false(proc_stop(pid, 1, &res));  /* no longer our child */
	/* cannot start: an error value, no child left */
	assert_int_equal(proc_spawn(missing, NULL, NULL, &err), -1);
	assert_int_equal(err.kind, ERROR_ENV);
	assert_non_null(strstr(err.message, "pgdrill-no-such-program"));
	proc_result_free(&res);
	unlink(log);
	free(log);
	rmdir(dir);
}

static void
test_die_with_us(void **state)
{
	int fds[2];
	pid_t middle, grandchild = 0;
	int status;

	(void) state;
	/* A middle process spawns `sleep` with die_with_us, reports its pid and
	 * is SIGKILLed: the sleep must go too. */
	assert_int_equal(pipe(fds), 0);
	middle = fork();
	assert_true(middle >= 0);
	if (middle == 0) {
		const char *sleeper[] = {"sleep", "30", NULL};
		proc_options opts = {0};
		error err;
		pid_t pid;

		opts.die_with_us = true;
		pid = proc_spawn(sleeper, &opts, NULL, &err);
		if (write(fds[1], &pid, sizeof pid) != (ssize_t) sizeof pid)
			_exit(1);
		pause();
		_exit(0);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &grandchild, sizeof grandchild), (ssize_t) sizeof grandchild);
	close(fds[0]);
	assert_true(grandchild > 0);
	assert_int_equal(kill(grandchild, 0), 0);
	kill(middle, SIGKILL);
	waitpid(middle, &status, 0);
	assert_true(gone_within(grandchild, 5));
}

static void
test_interrupted_run(void **state)
{
	/* the child sends SIGTERM to us: with a scratch database registered the
	 * handler only records it, and proc_run kills the child and returns */
	const char *argv[] = {"sh", "-c", "kill -TERM $PPID; exec sleep 30", NULL};
	proc_options opts = {0};
	proc_result res = PROC_RESULT_INIT;
	double start = clock_now_s();
	error err;

	(void) state;
	signals_install();
	assert_true(signals_register_db("pgdrill_s_test_proc"));
	opts.die_with_us = true;
	opts.timeout_s = 30;
	assert_false(proc_run(argv, &opts, &res, &err));
	assert_true(res.interrupted);
	assert_int_equal(res.term_signal, SIGKILL);
	assert_non_null(strstr(err.message, "interrupted"));
	assert_true(clock_now_s() - start < 10);
	signals_reset();
	proc_result_free(&res);
}

static void
test_tail_lines(void **state)
{
	static const struct {
		const char *text;
		int lines;
		const char *tail;
	} cases[] = {
		{"a\nb\nc\n", 2, "b\nc"},
		{"a\nb\nc", 2, "b\nc"},
		{"a\nb\nc\n", 3, "a\nb\nc"},
		{"a\nb\nc\n", 10, "a\nb\nc"},
		{"abc", 1, "abc"},
		{"", 5, ""},
		{"x\n\n\n", 1, "x"},
	};

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *t = proc_tail_lines(cases[i].text, cases[i].lines);

		assert_string_equal(t, cases[i].tail);
		free(t);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exit_and_streams),
		cmocka_unit_test(test_run_ok_errors),
		cmocka_unit_test(test_large_input_and_output),
		cmocka_unit_test(test_output_cap),
		cmocka_unit_test(test_env_and_cwd),
		cmocka_unit_test(test_cannot_start),
		cmocka_unit_test(test_timeout_kills_group),
		cmocka_unit_test(test_timeout_same_group),
		cmocka_unit_test(test_process_group),
		cmocka_unit_test(test_daemon_holding_pipes),
		cmocka_unit_test(test_no_fd_leak),
		cmocka_unit_test(test_other_account),
		cmocka_unit_test(test_access_as),
		cmocka_unit_test(test_spawn_and_stop),
		cmocka_unit_test(test_die_with_us),
		cmocka_unit_test(test_interrupted_run),
		cmocka_unit_test(test_tail_lines),
	};
	return cmocka_run_group_tests_name("proc", tests, NULL, NULL);
}
