/*
 * test_keeper.c — the keeper (engine/sandbox/keeper.h) on a cluster of its
 * own (a fresh home, the tiny test catalogue): the process that stays after
 * a command with its connection and hands personal copies to `start`.
 *
 * One test walks its life: a first `start` makes the copy itself and leaves
 * a keeper; the next `start` keeps the copy through the keeper (a mark made
 * in it survives) and `start --reset` gets a fresh one from it (the mark is
 * gone, the old copy dropped); requests that are not well-formed, name
 * something that is not an identifier, or a template that does not exist
 * get "error" / "missing" and leave it serving; a caller that gives up
 * after "accepted" gets nothing done; a caller of another
 * binary gets "stale" and the keeper leaves; a killed keeper's stale
 * socket sends `start` down the usual path, whose refill brings a new
 * keeper; a keeper leaves after its idle time; PGDRILL_KEEPER_IDLE=0 never
 * asks it; a scale with no template goes down the usual path and builds it;
 * a keeper leaves when the cluster stops, removing its socket and freeing
 * its lock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "harness.h"
#include "learner_env.h"
#include "os/lock.h"
#include "pg/cluster_locate.h"
#include "pg/db.h"
#include "sandbox/keeper.h"
#include "strbuf.h"

static char *keeper_dir;    /* where the keeper's socket and lock are */

static char *
socket_path(void)
{
	return xasprintf("%s/keeper-1.sock", keeper_dir);
}

/* Connect to the keeper's socket: the descriptor, or -1. */
static int
keeper_connect(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	char *path = socket_path();
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
	free(path);
	if (fd >= 0 && connect(fd, (struct sockaddr *) &sa, sizeof sa) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* The keeper's pid (engine/sandbox/keeper.h), or -1 when none answers. */
static pid_t
keeper_pid_now(void)
{
	cluster cl;
	error err;
	long pid;

	if (!cluster_locate(&cl, &err))
		fail_msg("%s", err.message);
	pid = keeper_pid(&cl);
	cluster_release(&cl);
	return pid > 0 ? (pid_t) pid : -1;
}

/* Wait up to 60 s for a keeper to answer; its pid. */
static pid_t
wait_for_keeper(void)
{
	for (int i = 0; i < 600; i++) {
		pid_t pid = keeper_pid_now();

		if (pid > 0)
			return pid;
		usleep(100 * 1000);
	}
	fail_msg("no keeper answered in %s within 60 s", keeper_dir);
	return -1;
}

/* Read one line from fd (with its newline; "" at end of file). */
static char *
read_answer(int fd)
{
	char buf[512];
	size_t len = 0;

	while (len < sizeof buf - 1 && read(fd, buf + len, 1) == 1)
		if (buf[len++] == '\n')
			break;
	buf[len] = '\0';
	return xstrdup(buf);
}

/* Send `request` as is and, when the keeper says "accepted", "go" unless
 * `give_up` (then close at once); the last answer line (malloc'd). */
static char *
ask_as(const char *request, bool give_up)
{
	int fd = keeper_connect();
	char *answer;

	if (fd < 0)
		fail_msg("the keeper does not answer");
	assert_int_equal(write(fd, request, strlen(request)), (ssize_t) strlen(request));
	answer = read_answer(fd);
	if (strcmp(answer, "accepted\n") == 0 && !give_up) {
		free(answer);
		assert_int_equal(write(fd, "go\n", 3), 3);
		answer = read_answer(fd);
	}
	close(fd);
	return answer;
}

static char *
ask(const char *request)
{
	return ask_as(request, false);
}

/* The lock a keeper holds while it lives is free (and the socket gone). */
static void
assert_no_keeper(void)
{
	char *lock_path = xasprintf("%s/keeper-1.lock", keeper_dir);
	char *path = socket_path();
	lock lk = LOCK_INIT;
	error err;

	if (!lock_acquire(lock_path, true, 0, &lk, &err))
		fail_msg("the keeper's lock is held: %s", err.message);
	lock_release(&lk);
	if (access(path, F_OK) == 0)
		fail_msg("the keeper's socket %s is left", path);
	free(path);
	free(lock_path);
}

/* Wait up to 10 s for process pid to end; fail naming `what` if it does not. */
static void
wait_gone(pid_t pid, const char *what)
{
	for (int i = 0; i < 100 && kill(pid, 0) == 0; i++)
		usleep(100 * 1000);
	if (kill(pid, 0) == 0)
		fail_msg("%s: the keeper (pid %ld) still runs after 10 s", what, (long) pid);
}

/* `start` through the binary: its JSON (the test fails on a non-zero exit
 * or when the keeper did, or did not, hand out the copy against `by_keeper`). */
static cJSON *
start(learner_env *le, const char *const *extra_env, bool reset, const char *scale,
	  bool by_keeper)
{
	const char *args[8] = {"start", "t-sargable"};
	const char *env[16];
	int n = 2, k = 0, code;
	cJSON *o;

	if (reset)
		args[n++] = "--reset";
	if (scale) {
		args[n++] = "--scale";
		args[n++] = scale;
	}
	args[n] = NULL;
	for (; le->env[k]; k++)
		env[k] = le->env[k];
	for (int i = 0; extra_env && extra_env[i]; i++)
		env[k++] = extra_env[i];
	env[k] = NULL;
	o = harness_run_json(args, env, NULL, 300, &code);
	if (code != 0)
		fail_msg("start exited %d: %s", code, jstr(o, "message"));
	if (cJSON_IsTrue(cJSON_GetObjectItem(o, "by_keeper")) != by_keeper)
		fail_msg("start: by_keeper is not %s", by_keeper ? "true" : "false");
	return o;
}

/* The number of tables named keeper_mark in `db` (as the superuser). */
static int
marks(const char *db)
{
	PGconn *conn = harness_connect(db);
	PGresult *res = PQexec(conn, "SELECT count(*) FROM pg_class WHERE relname = 'keeper_mark'");
	int n;

	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	n = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	PQfinish(conn);
	return n;
}

static void
mark(const char *db)
{
	PGconn *conn = harness_connect(db);
	PGresult *res = PQexec(conn, "CREATE TABLE keeper_mark (x int)");

	assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	PQfinish(conn);
}

static void
test_keeper_life(void **state)
{
	char *home;
	learner_env le;
	cJSON *o;
	char *db, *answer;
	pid_t pid;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	home = harness_fresh_home("keeper");
	keeper_dir = xasprintf("%s/cache/pgdrill", home);
	learner_env_init(&le, "keeper-learner", NULL, NULL);

	/* the first start makes the copy itself; its refill leaves a keeper */
	o = start(&le, NULL, false, NULL, false);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(o, "database_created")));
	db = xstrdup(jstr(o, "database"));
	cJSON_Delete(o);
	pid = wait_for_keeper();
	mark(db);
	{
		const char *args[] = {"db", "status", NULL};
		int code;

		o = harness_run_json(args, NULL, NULL, 60, &code);
		assert_int_equal(code, 0);
		assert_int_equal((int) jnum(o, "keeper_pid"), (int) pid);
		cJSON_Delete(o);
	}

	/* kept through the keeper: the same copy, the mark still there */
	o = start(&le, NULL, false, NULL, true);
	assert_false(cJSON_IsTrue(cJSON_GetObjectItem(o, "database_created")));
	assert_string_equal(jstr(o, "database"), db);
	cJSON_Delete(o);
	assert_int_equal(marks(db), 1);

	/* reset through the keeper: a fresh copy, the same name and conninfo */
	o = start(&le, NULL, true, NULL, true);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(o, "database_created")));
	assert_string_equal(jstr(o, "database"), db);
	assert_non_null(strstr(jstr(o, "conninfo"), db));
	cJSON_Delete(o);
	assert_int_equal(marks(db), 0);

	/* what it refuses, and goes on serving; none of it touches the copy
	 * (not even "missing": the template is looked for first) */
	mark(db);
	{
		char *bin = keeper_binary_id(getenv("PGDRILL_BIN"));
		char *refused[][2] = {
			{xstrdup("hello\n"), "error\n"},
			{xasprintf("personal t-sargable pgdrill_t_x';DROP 0 %s\n", bin), "error\n"},
			{xasprintf("personal t-sargable %s 0\n", "pgdrill_t_nosuch_1_1_000000000000"),
			 "error\n"},
			{xasprintf("personal t-sargable pgdrill_t_nosuch_1_1_000000000000 2 %s\n", bin),
			 "error\n"},
			{xasprintf("personal t-sargable pgdrill_t_nosuch_1_1_000000000000 0 %s\n", bin),
			 "missing\n"},
		};

		assert_non_null(bin);
		for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
			answer = ask(refused[i][0]);
			if (strcmp(answer, refused[i][1]) != 0)
				fail_msg("asked %s: answered %s", refused[i][0], answer);
			free(answer);
			free(refused[i][0]);
		}
		assert_int_equal(keeper_pid_now(), pid);
		assert_int_equal(marks(db), 1);
		free(bin);
	}

	/* a caller that gives up after "accepted" (it takes the usual path)
	 * never sends "go": nothing is done for it (the mark survives a reset
	 * it asked for) */
	{
		char *bin = keeper_binary_id(getenv("PGDRILL_BIN"));
		PGconn *conn = harness_connect("postgres");
		PGresult *res = PQexec(conn, "SELECT datname FROM pg_database WHERE datistemplate "
							   "AND datname LIKE 'pgdrill\\_t\\_tiny\\_1\\_%'");
		char *request;

		assert_int_equal(PQntuples(res), 1);
		request = xasprintf("personal t-sargable %s 1 %s\n", PQgetvalue(res, 0, 0), bin);
		PQclear(res);
		PQfinish(conn);
		answer = ask_as(request, true);
		assert_string_equal(answer, "accepted\n");
		free(answer);
		assert_int_equal(keeper_pid_now(), pid);    /* served the next one: done */
		assert_int_equal(marks(db), 1);
		/* the same request carried through is a reset */
		answer = ask(request);
		if (strncmp(answer, "ok ", 3) != 0)
			fail_msg("asked %s: answered %s", request, answer);
		free(answer);
		assert_int_equal(marks(db), 0);
		free(request);
		free(bin);
	}
	/* a caller of another binary (pgdrill rebuilt meanwhile): "stale", and
	 * it leaves, so that no copy is made by older code */
	answer = ask("personal t-sargable pgdrill_t_nosuch_1_1_000000000000 0 1:2:3.000000004\n");
	assert_string_equal(answer, "stale\n");
	free(answer);
	wait_gone(pid, "after it said stale");
	assert_no_keeper();

	/* the usual path again, and its refill's keeper */
	o = start(&le, NULL, true, NULL, false);
	cJSON_Delete(o);
	pid = wait_for_keeper();

	/* killed: its stale socket sends start down the usual path, whose
	 * refill leaves a new keeper (here one that leaves after 2 s idle) */
	assert_int_equal(kill(pid, SIGKILL), 0);
	wait_gone(pid, "SIGKILL");
	o = start(&le, (const char *[]) {"PGDRILL_KEEPER_IDLE=2", NULL}, true, NULL, false);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(o, "database_created")));
	cJSON_Delete(o);
	pid = wait_for_keeper();
	wait_gone(pid, "2 s of idle time");
	assert_no_keeper();

	/* a new one (the usual path's refill again); turned off, it is never
	 * asked (and that command's refill does not become one either) */
	o = start(&le, NULL, true, NULL, false);
	cJSON_Delete(o);
	pid = wait_for_keeper();
	o = start(&le, (const char *[]) {"PGDRILL_KEEPER_IDLE=0", NULL}, true, NULL, false);
	cJSON_Delete(o);

	/* a scale with no template yet: the keeper says so, the usual path
	 * builds it */
	o = start(&le, NULL, true, "0.02", false);
	assert_int_equal((int) jnum(o, "templates_built"), 1);
	cJSON_Delete(o);
	assert_int_equal(keeper_pid_now(), pid);

	/* the cluster stops: the keeper leaves with it */
	{
		const char *args[] = {"db", "stop", NULL};
		int code;

		o = harness_run_json(args, NULL, NULL, 120, &code);
		assert_int_equal(code, 0);
		assert_true(cJSON_IsNull(cJSON_GetObjectItem(o, "keeper_pid")));
		cJSON_Delete(o);
	}
	wait_gone(pid, "db stop");
	assert_no_keeper();

	free(db);
	free(keeper_dir);
	learner_env_free(&le);
	harness_drop_home(home);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keeper_life),
	};

	return cmocka_run_group_tests(tests, harness_group_setup, NULL);
}
