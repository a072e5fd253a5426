/*
 * test_faults.c — pgdrill under faults: signals, SIGKILL, a dying server, a
 * killed backend, a removed data directory, concurrent checks.
 *
 * Each test runs the pgdrill binary in the background (fork/exec, output to
 * files) on the probe drills of tests/hostile/catalogue, waits until the
 * answer's query is running on the server (pg_stat_activity), injects the
 * fault, and asserts what the sandbox promises (docs/sandbox.md):
 *   - SIGINT / SIGTERM: pgdrill stops at once, drops its scratch databases
 *     itself and dies of the signal;
 *   - SIGKILL: the scratch databases stay, and the next check reaps them;
 *   - the server killed mid-check: exit 4 with a clear message, and the next
 *     check brings the private cluster back;
 *   - the answer's backend terminated: a clear error, and the next check works;
 *   - the answer's backend hung (SIGSTOP): pgdrill gives up after the cancel
 *     and terminate grace periods with exit 4, and the next check reaps;
 *   - the data directory removed (cluster stopped, or running): the next check
 *     recreates it;
 *   - three checks at once: each gets its own correct result.
 * After each, the residue check (residue.h) must pass.  The scratch-database
 * registry of engine/os/signals.c is also tested directly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "os/clock.h"
#include "pg/cluster.h"
#include "os/fileio.h"
#include "harness.h"
#include "residue.h"
#include "os/signals.h"
#include "strbuf.h"

/* The answer that runs until its deadline (30 s on probe-slow). */
#define LONG_QUERY_MARK "items a, items b"

typedef struct child {
	pid_t pid;
	char *out_path;
	char *err_path;
	int status;
	double started;
} child;

static char *
hostile_file(const char *name)
{
	return xasprintf("%s/tests/hostile/%s", residue_source_dir(), name);
}

static char *
reference_path(const char *drill)
{
	return xasprintf("%s/tests/hostile/catalogue/drills/%s/reference.sql",
					 residue_source_dir(), drill);
}

/* Start `pgdrill check DRILL --answer FILE --runs 1 --format json` in the
 * background, output to files of the test home. */
static void
spawn_check(child *c, const char *drill, const char *answer)
{
	static int serial;
	const char *bin = getenv("PGDRILL_BIN");
	const char *const *env = residue_env();

	assert_non_null(bin);
	serial++;
	c->out_path = xasprintf("%s/faults.%ld.%d.out", getenv("PGDRILL_TEST_HOME"),
							(long) getpid(), serial);
	c->err_path = xasprintf("%s/faults.%ld.%d.err", getenv("PGDRILL_TEST_HOME"),
							(long) getpid(), serial);
	c->started = clock_now_s();
	c->pid = fork();
	assert_true(c->pid >= 0);
	if (c->pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int out = open(c->out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int err = open(c->err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (in < 0 || out < 0 || err < 0)
			_exit(126);
		dup2(in, 0);
		dup2(out, 1);
		dup2(err, 2);
		for (size_t i = 0; env[i]; i++)
			putenv((char *) env[i]);
		execl(bin, bin, "check", drill, "--answer", answer, "--runs", "1",
			  "--format", "json", (char *) NULL);
		_exit(127);
	}
}

/* Whether the child ends within timeout_s (c->status set when it does);
 * a child still running is left running. */
static bool
child_ended_within(child *c, double timeout_s)
{
	double deadline = clock_now_s() + timeout_s;

	for (;;) {
		if (waitpid(c->pid, &c->status, WNOHANG) == c->pid)
			return true;
		if (clock_now_s() > deadline)
			return false;
		usleep(20 * 1000);
	}
}

/* Wait for the child; false (child killed) after timeout_s. */
static bool
wait_child_for(child *c, double timeout_s)
{
	if (child_ended_within(c, timeout_s))
		return true;
	kill(c->pid, SIGKILL);
	waitpid(c->pid, &c->status, 0);
	return false;
}

/* Wait for the child (failing the test after timeout_s). */
static void
wait_child(child *c, double timeout_s)
{
	if (!wait_child_for(c, timeout_s))
		fail_msg("pgdrill (pid %ld) did not end within %.0f s", (long) c->pid, timeout_s);
}

/* The text of one of the child's output files (malloc'd; "" if none). */
static char *
child_output(const char *path)
{
	size_t len;
	error err;
	char *text = fileio_read(path, 16 * 1024 * 1024, &len, &err);

	return text ? text : xstrdup("");
}

/* The "message" of the child's JSON output (malloc'd; "" when none). */
static char *
child_message(const child *c)
{
	char *out = child_output(c->out_path);
	cJSON *json = cJSON_Parse(out);
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(json, "message");
	char *msg = xstrdup(cJSON_IsString(m) ? m->valuestring : "");

	cJSON_Delete(json);
	free(out);
	return msg;
}

static void
child_free(child *c)
{
	unlink(c->out_path);
	unlink(c->err_path);
	free(c->out_path);
	free(c->err_path);
}

static int
count_of(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	int n;

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(conn));
	n = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return n;
}

/* Wait until the long answer runs as the learner role (30 s at most). */
static void
wait_answer_running(child *c)
{
	PGconn *conn = harness_connect("postgres");
	double deadline = clock_now_s() + 30;

	while (count_of(conn, "SELECT count(*) FROM pg_stat_activity WHERE usename = "
					"'pgdrill_learner' AND state = 'active' AND query LIKE '%"
					LONG_QUERY_MARK "%'") == 0) {
		int status;

		if (waitpid(c->pid, &status, WNOHANG) == c->pid) {
			char *out = child_output(c->out_path), *err = child_output(c->err_path);

			print_message("stdout: %s\nstderr: %s\n", out, err);
			fail_msg("pgdrill ended before its answer ran");
		}
		if (clock_now_s() > deadline)
			fail_msg("the answer never started running");
		usleep(50 * 1000);
	}
	PQfinish(conn);
}

static int
scratch_dbs_of(pid_t pid)
{
	PGconn *conn = harness_connect("postgres");
	char *sql = xasprintf("SELECT count(*) FROM pg_database WHERE datname LIKE "
						  "'pgdrill\\_s\\_%ld\\_%%'", (long) pid);
	int n = count_of(conn, sql);

	free(sql);
	PQfinish(conn);
	return n;
}

/* No scratch database of process `pid` is left; if some are, say which,
 * with their comments and whether PostgreSQL marked them invalid (an
 * interrupted DROP DATABASE). */
static void
assert_no_scratch_of(pid_t pid, const char *context)
{
	PGconn *conn = harness_connect("postgres");
	char *sql = xasprintf("SELECT datname || ' [' || coalesce(shobj_description(oid, "
						  "'pg_database'), 'no comment') || ', datconnlimit ' || "
						  "datconnlimit || ']' FROM pg_database WHERE datname LIKE "
						  "'pgdrill\\_s\\_%ld\\_%%'", (long) pid);
	PGresult *res = PQexec(conn, sql);
	strbuf left = STRBUF_INIT;

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(conn));
	for (int i = 0; i < PQntuples(res); i++)
		strbuf_printf(&left, "\n  %s", PQgetvalue(res, i, 0));
	PQclear(res);
	PQfinish(conn);
	free(sql);
	if (left.len)
		fail_msg("%s: scratch databases of process %ld are left:%s", context, (long) pid,
				 strbuf_str(&left));
	strbuf_free(&left);
}

/* Run a check of `drill`'s reference in the foreground; assert exit 0. */
static void
reference_passes(const char *drill, const char *context)
{
	char *ref = reference_path(drill);
	const char *args[] = {"check", drill, "--answer", ref, "--runs", "1", NULL};
	proc_result res = PROC_RESULT_INIT;

	harness_run_pgdrill(args, residue_env(), NULL, 300, &res);
	if (res.exit_code != 0)
		fail_msg("%s: the next check exited %d\n%s%s", context, res.exit_code,
				 strbuf_str(&res.out), strbuf_str(&res.err));
	proc_result_free(&res);
	free(ref);
}

static void
test_registry(void **state)
{
	char name[80];

	(void) state;
	signals_reset();
	assert_int_equal(signals_caught(), 0);
	assert_true(signals_register_db("pgdrill_s_1_1"));
	assert_true(signals_register_db("pgdrill_s_1_2"));
	assert_int_equal(signals_registered(), 2);
	signals_unregister_db("pgdrill_s_1_1");
	signals_unregister_db("no_such_db");
	assert_int_equal(signals_registered(), 1);
	memset(name, 'x', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	assert_false(signals_register_db(name));       /* too long to be ours */
	for (int i = 0; i < SIGNALS_MAX_DBS - 1; i++) {
		snprintf(name, sizeof name, "pgdrill_s_2_%d", i);
		assert_true(signals_register_db(name));
	}
	assert_false(signals_register_db("pgdrill_s_3_1"));  /* full */
	/* no connection: nothing dropped, but the registry is emptied */
	assert_int_equal(signals_drop_registered(NULL), 0);
	assert_int_equal(signals_registered(), 0);
	signals_reraise();                              /* no signal: returns */
	signals_reset();
}

/* SIGINT and SIGTERM: stop at once, clean up, die of the signal. */
static void
test_signals_clean_up(void **state)
{
	static const int sigs[] = {SIGINT, SIGTERM};
	char *answer = hostile_file("cartesian.sql");

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	reference_passes("probe-slow", "warm-up");
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		child c;
		double t0;

		spawn_check(&c, "probe-slow", answer);
		wait_answer_running(&c);
		assert_true(scratch_dbs_of(c.pid) >= 2);
		t0 = clock_now_s();
		kill(c.pid, sigs[i]);
		wait_child(&c, 20);
		if (!WIFSIGNALED(c.status) || WTERMSIG(c.status) != sigs[i])
			fail_msg("signal %d: pgdrill ended with status 0x%x, not killed by the signal",
					 sigs[i], c.status);
		if (clock_now_s() - t0 > 5)
			fail_msg("signal %d: pgdrill took %.1f s to clean up", sigs[i], clock_now_s() - t0);
		print_message("  signal %d: ended in %.2f s\n", sigs[i], clock_now_s() - t0);
		/* dropped by pgdrill itself, not by a later reap */
		assert_int_equal(scratch_dbs_of(c.pid), 0);
		residue_assert_clean(sigs[i] == SIGINT ? "SIGINT" : "SIGTERM");
		child_free(&c);
	}
	free(answer);
}

/* SIGKILL cannot be caught: the next run reaps what it left. */
static void
test_sigkill_reaped_next_run(void **state)
{
	char *answer = hostile_file("cartesian.sql");
	child c;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	spawn_check(&c, "probe-slow", answer);
	wait_answer_running(&c);
	kill(c.pid, SIGKILL);
	wait_child(&c, 10);
	assert_true(WIFSIGNALED(c.status) && WTERMSIG(c.status) == SIGKILL);
	assert_true(scratch_dbs_of(c.pid) >= 2);       /* left behind, as expected */
	reference_passes("probe-rewrite", "after SIGKILL");
	assert_int_equal(scratch_dbs_of(c.pid), 0);    /* reaped */
	residue_assert_clean("after SIGKILL and a reaping run");
	child_free(&c);
	free(answer);
}

/* A pid that is certainly dead: a child that has exited and been waited for. */
static pid_t
dead_pid(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		_exit(0);
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return pid;
}

/* A clone whose comment never made it (the server died between CREATE
 * DATABASE and COMMENT) is reaped on the private cluster by the pid in its
 * name — when that process is dead, and only then. */
static void
test_uncommented_clone_reaped(void **state)
{
	PGconn *conn;
	pid_t dead = dead_pid(), alive = getpid();
	char *sql;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	conn = harness_connect("postgres");
	sql = xasprintf("CREATE DATABASE pgdrill_s_%ld_1 TEMPLATE template0", (long) dead);
	PQclear(PQexec(conn, sql));
	free(sql);
	sql = xasprintf("CREATE DATABASE pgdrill_s_%ld_1 TEMPLATE template0", (long) alive);
	PQclear(PQexec(conn, sql));
	free(sql);
	assert_int_equal(scratch_dbs_of(dead), 1);
	assert_int_equal(scratch_dbs_of(alive), 1);
	reference_passes("probe-rewrite", "with uncommented clones");
	assert_no_scratch_of(dead, "a dead process's clone without a comment");
	assert_int_equal(scratch_dbs_of(alive), 1);     /* a live process's: kept */
	sql = xasprintf("DROP DATABASE pgdrill_s_%ld_1", (long) alive);
	PQclear(PQexec(conn, sql));
	free(sql);
	PQfinish(conn);
	residue_assert_clean("after reaping an uncommented clone");
}

/* The answer's backend dies (terminated from outside): a clear error, and
 * the next check works. */
static void
test_backend_terminated(void **state)
{
	char *answer = hostile_file("cartesian.sql");
	PGconn *conn;
	child c;
	char *msg;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	spawn_check(&c, "probe-slow", answer);
	wait_answer_running(&c);
	conn = harness_connect("postgres");
	assert_int_equal(count_of(conn, "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) "
							  "FROM pg_stat_activity WHERE usename = 'pgdrill_learner' "
							  "AND query LIKE '%" LONG_QUERY_MARK "%') t"), 1);
	PQfinish(conn);
	wait_child(&c, 20);
	msg = child_message(&c);
	print_message("  backend terminated: exit %d: %s\n", WEXITSTATUS(c.status), msg);
	assert_true(WIFEXITED(c.status));
	assert_int_equal(WEXITSTATUS(c.status), 4);
	if (strstr(msg, "connection") == NULL)
		fail_msg("the message does not say the connection was lost: %s", msg);
	free(msg);
	residue_assert_clean("backend terminated");
	reference_passes("probe-rewrite", "after a terminated backend");
	child_free(&c);
	free(answer);
}

/* The answer's backend hangs (SIGSTOP): neither the cancel nor
 * pg_terminate_backend takes effect, so pgdrill gives up after the grace
 * periods with an environment error instead of waiting forever. */
static void
test_backend_hangs(void **state)
{
	char *answer = hostile_file("cartesian.sql");
	PGconn *conn;
	PGresult *res;
	pid_t backend;
	child c;
	char *msg;
	double t0;
	bool ended;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	spawn_check(&c, "probe-rewrite", answer);   /* the 2 s deadline */
	wait_answer_running(&c);
	conn = harness_connect("postgres");
	res = PQexec(conn, "SELECT pid FROM pg_stat_activity WHERE usename = 'pgdrill_learner' "
				 "AND query LIKE '%" LONG_QUERY_MARK "%'");
	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	assert_int_equal(PQntuples(res), 1);
	backend = (pid_t) atol(PQgetvalue(res, 0, 0));
	PQclear(res);
	PQfinish(conn);
	t0 = clock_now_s();
	assert_int_equal(kill(backend, SIGSTOP), 0);
	/* pgdrill gives up on the query 2 + 3 + 3 s after it started; its
	 * cleanup then waits too (DROP DATABASE waits for every backend to absorb
	 * a barrier, a stopped one never does), so wake the backend after 12 s:
	 * it takes the pending termination and the cleanup completes */
	ended = child_ended_within(&c, 12);
	kill(backend, SIGCONT);
	if (!ended)
		wait_child(&c, 60);
	msg = child_message(&c);
	print_message("  backend hung: exit %d after %.1f s: %s\n", WEXITSTATUS(c.status),
				  clock_now_s() - t0, msg);
	assert_true(WIFEXITED(c.status));
	assert_int_equal(WEXITSTATUS(c.status), 4);
	if (strstr(msg, "did not answer") == NULL)
		fail_msg("the message does not say the server did not answer: %s", msg);
	free(msg);
	reference_passes("probe-rewrite", "after a hung backend");
	assert_int_equal(scratch_dbs_of(c.pid), 0);
	residue_assert_clean("after a hung backend");
	child_free(&c);
	free(answer);
}

/* Three checks at once, each with its own expected result. */
static void
test_concurrent_checks(void **state)
{
	char *ref_rw = reference_path("probe-rewrite");
	char *ref_ix = reference_path("probe-index");
	char *slow = xasprintf("%s/tests/hostile/catalogue/drills/probe-rewrite/slow.sql",
						   residue_source_dir());
	char *bad = hostile_file("cte_delete.sql");
	struct { const char *drill; const char *answer; int code; } runs[] = {
		{"probe-rewrite", ref_rw, 0}, {"probe-rewrite", slow, 1},
		{"probe-index", ref_ix, 0}, {"probe-rewrite", bad, 3},
	};
	child c[4];

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < 4; i++)
			spawn_check(&c[i], runs[i].drill, runs[i].answer);
		for (size_t i = 0; i < 4; i++) {
			wait_child(&c[i], 300);
			if (!WIFEXITED(c[i].status) || WEXITSTATUS(c[i].status) != runs[i].code) {
				char *msg = child_message(&c[i]);

				fail_msg("concurrent check %zu (%s): status 0x%x, expected exit %d: %s", i,
						 runs[i].drill, c[i].status, runs[i].code, msg);
			}
			child_free(&c[i]);
		}
		residue_assert_clean("concurrent checks");
	}
	free(ref_rw);
	free(ref_ix);
	free(slow);
	free(bad);
}

/* The private cluster's postmaster (first line of postmaster.pid). */
static pid_t
postmaster_pid(void)
{
	cluster cl;
	error err;
	char *pidfile, *text;
	size_t len;
	long pm;

	assert_true(cluster_locate(&cl, &err));
	pidfile = xasprintf("%s/postmaster.pid", cl.data_dir);
	text = fileio_read(pidfile, 4096, &len, &err);
	assert_non_null(text);
	pm = atol(text);
	assert_true(pm > 1);
	free(text);
	free(pidfile);
	cluster_release(&cl);
	return (pid_t) pm;
}

/* Kill the postmaster and every backend (a crash of the whole server). */
static void
kill_server(void)
{
	long pm = (long) postmaster_pid();
	DIR *proc;
	struct dirent *de;

	/* stop the postmaster first (no restart of children), find its children
	 * while they are still its own (killed, it would leave them to init),
	 * then kill them and it */
	kill((pid_t) pm, SIGSTOP);
	proc = opendir("/proc");
	while (proc && (de = readdir(proc)) != NULL) {
		char path[300], buf[512];
		long pid = atol(de->d_name), ppid = 0;
		FILE *f;

		if (pid <= 0)
			continue;
		snprintf(path, sizeof path, "/proc/%ld/stat", pid);
		f = fopen(path, "r");
		if (f == NULL)
			continue;
		if (fgets(buf, sizeof buf, f)) {
			char *rp = strrchr(buf, ')');

			if (rp)
				sscanf(rp + 2, "%*c %ld", &ppid);
		}
		fclose(f);
		if (ppid == pm)
			kill((pid_t) pid, SIGKILL);
	}
	if (proc)
		closedir(proc);
	kill((pid_t) pm, SIGKILL);
}

/* The postmaster stops answering (SIGSTOP) while an answer runs past its
 * deadline.  PQcancel would wait for it forever (it waits for the
 * postmaster to close the cancel connection); pgdrill gives the cancel
 * request its grace period, then terminates the backend through the admin
 * connection (a signal from one backend to another: no postmaster needed)
 * and reports the time limit — in bounded time, cleaning up after itself. */
static void
test_postmaster_stopped(void **state)
{
	char *answer = hostile_file("cartesian.sql");
	pid_t pm;
	child c;
	double t0, took;
	bool ended;
	char *msg;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	spawn_check(&c, "probe-rewrite", answer);   /* the 2 s deadline */
	wait_answer_running(&c);
	pm = postmaster_pid();
	t0 = clock_now_s();
	assert_int_equal(kill(pm, SIGSTOP), 0);
	ended = child_ended_within(&c, 25);
	took = clock_now_s() - t0;
	kill(pm, SIGCONT);
	if (!ended) {
		wait_child(&c, 60);
		fail_msg("pgdrill was still waiting for the stopped postmaster after 25 s");
	}
	msg = child_message(&c);
	print_message("  postmaster stopped: exit %d after %.1f s: %s\n", WEXITSTATUS(c.status),
				  took, msg);
	assert_true(WIFEXITED(c.status));
	assert_int_equal(WEXITSTATUS(c.status), 1);
	if (strstr(msg, "exceeded the time limit of 2 s") == NULL)
		fail_msg("the message does not give the time limit: %s", msg);
	free(msg);
	reference_passes("probe-rewrite", "after a stopped postmaster");
	assert_int_equal(scratch_dbs_of(c.pid), 0);
	residue_assert_clean("after a stopped postmaster");
	child_free(&c);
	free(answer);
}

/* The server dies mid-check: exit 4 with a clear message; the next check
 * restarts the private cluster and reaps the dead check's databases. */
static void
test_server_dies(void **state)
{
	char *answer = hostile_file("cartesian.sql");
	child c;
	char *msg;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	spawn_check(&c, "probe-slow", answer);
	wait_answer_running(&c);
	kill_server();
	wait_child(&c, 60);
	msg = child_message(&c);
	print_message("  server killed: exit %d: %s\n", WEXITSTATUS(c.status), msg);
	assert_true(WIFEXITED(c.status));
	assert_int_equal(WEXITSTATUS(c.status), 4);
	if (strstr(msg, "server") == NULL && strstr(msg, "connection") == NULL)
		fail_msg("the message does not say the server went away: %s", msg);
	free(msg);
	reference_passes("probe-rewrite", "after the server died");
	assert_no_scratch_of(c.pid, "after the server died");
	residue_assert_clean("after the server died");
	child_free(&c);
	free(answer);
}

/* The data directory removed (cluster stopped, then running): recreated by
 * the next run. */
static void
test_data_dir_removed(void **state)
{
	cluster cl;
	error err;
	char *before;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	reference_passes("probe-rewrite", "before removing the data directory");
	before = residue_fixture_checksum();
	assert_true(cluster_locate(&cl, &err));
	assert_true(cluster_stop(&cl, &err));
	{
		const char *rm[] = {"rm", "-rf", cl.data_dir, NULL};
		proc_result res = PROC_RESULT_INIT;

		assert_true(proc_run_ok(rm, NULL, &res, &err));
		proc_result_free(&res);
	}
	assert_false(fileio_exists(cl.data_dir));
	reference_passes("probe-rewrite", "after removing the data directory");
	assert_true(fileio_exists(cl.data_dir));
	{
		/* the same fixture, rebuilt from scratch: the same rows */
		char *after = residue_fixture_checksum();

		assert_string_equal(after, before);
		free(after);
	}
	residue_assert_clean("after recreating the cluster");
	/* and removed under a running server: recreated too.  The server (and
	 * the last command's detached dropper and pool refill) may write a file
	 * while rm walks the tree ("Directory not empty"): rm again, as a user
	 * would, until the directory is gone. */
	for (int attempt = 0; fileio_exists(cl.data_dir); attempt++) {
		const char *rm[] = {"rm", "-rf", cl.data_dir, NULL};
		proc_result res = PROC_RESULT_INIT;

		assert_true(attempt < 20);
		if (!proc_run_ok(rm, NULL, &res, &err))
			usleep(100 * 1000);
		proc_result_free(&res);
	}
	reference_passes("probe-rewrite", "after removing the data directory of a running server");
	assert_true(fileio_exists(cl.data_dir));
	residue_assert_clean("after recreating the cluster under a running server");
	free(before);
	cluster_release(&cl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_signals_clean_up),
		cmocka_unit_test(test_sigkill_reaped_next_run),
		cmocka_unit_test(test_uncommented_clone_reaped),
		cmocka_unit_test(test_backend_terminated),
		cmocka_unit_test(test_backend_hangs),
		cmocka_unit_test(test_postmaster_stopped),
		cmocka_unit_test(test_concurrent_checks),
		cmocka_unit_test(test_server_dies),
		cmocka_unit_test(test_data_dir_removed),
	};

	return cmocka_run_group_tests_name("faults", tests, residue_faults_group_setup, NULL);
}
