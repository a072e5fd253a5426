/*
 * test_load.c — db tests of the load tools (engine/pg/pgbench.c,
 * engine/pg/pgbouncer.c, engine/os/tmpdir.c) on the private cluster.
 *
 * Short on purpose (CI runs on two cores): about 1 s of pgbench per run.
 * Covered: pgbench runs two weighted endpoint scripts open-loop as the
 * learner role on a scratch clone and its logs parse into both endpoints;
 * a script that errors is reported as an aborted run; bad options are
 * refused before anything runs; a private PgBouncer starts on its 0700
 * socket directory (no TCP port), answers a query as the learner through
 * its socket, carries a pgbench run with a connection per transaction, and
 * stops leaving nothing; hostile pool settings cannot be written; a
 * PgBouncer whose pgdrill was SIGKILLed dies with it and its directory is
 * reaped by the next run; the reaper spares live owners and kills only a
 * process named pgbouncer.  No directory of ours is left in /tmp.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "os/clock.h"
#include "os/fileio.h"
#include "os/tmpdir.h"
#include "pg/db.h"
#include "pg/pgbench.h"
#include "pg/pgbouncer.h"
#include "pg/roles.h"
#include "pg/server.h"
#include "sandbox/scratch.h"
#include "strbuf.h"

static const char read_script[] =
	"\\set id random(1, 1000)\nSELECT n FROM item WHERE id = :id;\n";
static const char write_script[] =
	"\\set id random(1, 1000)\nSELECT count(*) FROM item WHERE n = :id;\n";

typedef struct fixture {
	server s;
	char *db;
} fixture;

/* How many /tmp entries of this process start with pgdrill-<what>-. */
static int
our_tmpdirs(const char *what)
{
	char *host = tmpdir_host();
	char *prefix = xasprintf("pgdrill-%s-%s-%ld-", what, host, (long) getpid());
	DIR *d = opendir("/tmp");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)) != NULL)
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			n++;
	if (d)
		closedir(d);
	free(prefix);
	free(host);
	return n;
}

static int
setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	error err = {0};
	char *why = NULL;

	*state = f;
	if (harness_group_setup(NULL) != 0)
		return -1;
	if (!harness_postgres_available(&why) && !harness_under_ci()) {
		free(why);
		return 0;                /* each test skips (HARNESS_REQUIRE_POSTGRES) */
	}
	free(why);
	if (!server_open(&f->s, NULL, NULL, &err)) {
		print_message("server_open: %s\n", err.message);
		return -1;
	}
	f->db = scratch_create(&f->s, "template1", &err);
	if (f->db == NULL) {
		print_message("scratch_create: %s\n", err.message);
		return -1;
	}
	{
		PGconn *owner = server_connect(&f->s, f->db, NULL, &err);

		if (owner == NULL ||
			!db_exec(owner, "CREATE TABLE item(id int PRIMARY KEY, n int NOT NULL);"
					 "INSERT INTO item SELECT g, g % 7 FROM generate_series(1, 1000) g;"
					 "GRANT SELECT ON item TO " ROLE_LEARNER, ERROR_ENV, &err)) {
			print_message("fixture: %s\n", err.message);
			PQfinish(owner);
			return -1;
		}
		PQfinish(owner);
	}
	return 0;
}

static int
teardown(void **state)
{
	fixture *f = *state;
	error err;

	if (f->db)
		scratch_drop(&f->s, f->db, &err);
	free(f->db);
	server_close(&f->s);
	free(f);
	return 0;
}

static char *
learner_conninfo(fixture *f)
{
	error err = {0};
	char *ci = server_conninfo(&f->s, f->db, ROLE_LEARNER, &err);

	if (ci == NULL)
		fail_msg("conninfo: %s", err.message);
	return ci;
}

static pgbench_options
two_endpoints(const char *bindir, const char *conninfo, const pgbench_script *scripts)
{
	pgbench_options o = {0};

	o.bindir = bindir;
	o.conninfo = conninfo;
	o.scripts = scripts;
	o.n_scripts = 2;
	o.clients = 2;
	o.threads = 2;
	o.duration_s = 1;
	o.rate = 200;
	return o;
}

static void
test_pgbench_run(void **state)
{
	fixture *f = *state;
	pgbench_script scripts[] = {{read_script, 3}, {write_script, 1}};
	char *ci;
	pgbench_options o;
	pgbench_result res = PGBENCH_RESULT_INIT;
	load_summary sum;
	error err = {0};

	HARNESS_REQUIRE_POSTGRES();
	ci = learner_conninfo(f);
	o = two_endpoints(f->s.cl.bindir, ci, scripts);
	if (!pgbench_run(&o, &res, &err))
		fail_msg("pgbench_run: %s (%s)", err.message, err.detail);
	assert_false(res.aborted);
	/* 200/s for 1 s: about 200 transactions; a loaded machine may lag */
	assert_true(res.log.n >= 50 && res.log.n <= 260);
	assert_int_equal(res.log.max_script, 1);
	assert_true(load_summarise(&res.log, 2, o.duration_s, &sum, &err));
	assert_true(sum.endpoint[0].completed > sum.endpoint[1].completed);  /* 3:1 */
	assert_true(sum.endpoint[1].completed > 0);
	assert_int_equal(sum.overall.failed, 0);
	assert_true(sum.overall.p50_ms > 0 && sum.overall.p50_ms <= sum.overall.p95_ms);
	load_summary_free(&sum);
	pgbench_result_free(&res);
	assert_int_equal(our_tmpdirs("pgbench"), 0);

	/* an endpoint that errors: the run ends, marked aborted, with the error */
	scripts[1].text = "SELECT 1 / 0;\n";
	if (!pgbench_run(&o, &res, &err))
		fail_msg("pgbench_run: %s (%s)", err.message, err.detail);
	assert_true(res.aborted);
	assert_non_null(res.errors);
	assert_non_null(strstr(res.errors, "division by zero"));
	pgbench_result_free(&res);

	/* refused before running */
	o.latency_limit_ms = 5;
	o.rate = 0;
	assert_false(pgbench_run(&o, &res, &err));
	assert_int_equal(err.kind, ERROR_USAGE);
	o = two_endpoints(f->s.cl.bindir, ci, scripts);
	o.threads = 3;
	assert_false(pgbench_run(&o, &res, &err));
	assert_int_equal(err.kind, ERROR_USAGE);
	/* a script pgbench cannot parse: exit 1, an environment error */
	o = two_endpoints(f->s.cl.bindir, ci, scripts);
	scripts[1].text = "\\nosuchcommand\n";
	assert_false(pgbench_run(&o, &res, &err));
	assert_int_equal(err.kind, ERROR_ENV);
	assert_int_equal(our_tmpdirs("pgbench"), 0);
	free(ci);
}

static pgbouncer_options
bouncer_options(fixture *f)
{
	pgbouncer_options o = {0};

	o.run_as = f->s.cl.as_root ? f->s.cl.server_user : NULL;
	o.server_host = f->s.cl.socket_dir;
	o.server_port = f->s.cl.port;
	o.dbname = f->db;
	o.user = ROLE_LEARNER;
	o.pool.mode = LOAD_POOL_TRANSACTION;
	o.pool.size = 2;
	o.max_clients = 20;
	return o;
}

static void
test_pgbouncer_lifecycle(void **state)
{
	fixture *f = *state;
	pgbouncer_options o;
	pgbouncer b;
	error err = {0};
	struct stat st;
	PGconn *conn;
	char *v;
	pid_t pid;

	HARNESS_REQUIRE_POSTGRES();
	o = bouncer_options(f);
	if (!pgbouncer_start(&b, &o, &err))
		fail_msg("pgbouncer_start: %s (%s)", err.message, err.detail);
	pid = b.pid;
	assert_true(pid > 0);
	assert_int_equal(stat(b.dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	/* a query as the learner through its socket */
	conn = db_connect(b.conninfo, &err);
	if (conn == NULL)
		fail_msg("connect through PgBouncer: %s", err.message);
	v = db_query_value(conn, "SELECT current_user || ' ' || current_database() || ' ' || "
					   "count(*) FROM item", 0, NULL, &err);
	assert_non_null(v);
	{
		char *want = xasprintf("%s %s 1000", ROLE_LEARNER, f->db);

		assert_string_equal(v, want);
		free(want);
	}
	free(v);
	PQfinish(conn);
	/* no TCP listener: the configuration says so */
	{
		char *ini = xasprintf("%s/pgbouncer.ini", b.dir);
		size_t len;
		char *text = fileio_read(ini, 1 << 16, &len, &err);

		assert_non_null(text);
		assert_non_null(strstr(text, "listen_addr =\n"));
		assert_non_null(strstr(text, "pool_mode = transaction\n"));
		assert_non_null(strstr(text, "default_pool_size = 2\n"));
		free(text);
		free(ini);
	}
	/* pgbench through it, a connection per transaction (-C) */
	{
		pgbench_script scripts[] = {{read_script, 1}, {write_script, 1}};
		pgbench_options po = two_endpoints(f->s.cl.bindir, b.conninfo, scripts);
		pgbench_result res = PGBENCH_RESULT_INIT;

		po.connect_each = true;
		po.rate = 100;
		if (!pgbench_run(&po, &res, &err))
			fail_msg("pgbench through PgBouncer: %s (%s)", err.message, err.detail);
		assert_false(res.aborted);
		assert_true(res.log.n >= 20);
		pgbench_result_free(&res);
	}
	assert_true(pgbouncer_stop(&b, &err));
	assert_null(b.dir);
	assert_int_equal(b.pid, 0);
	assert_int_equal(kill(pid, 0), -1);  /* reaped by proc_stop */
	assert_int_equal(our_tmpdirs("bouncer"), 0);
	assert_true(pgbouncer_stop(&b, &err));  /* twice is fine */
}

static void
test_pgbouncer_refuses(void **state)
{
	fixture *f = *state;
	pgbouncer_options o;
	pgbouncer b;
	error err = {0};

	HARNESS_REQUIRE_POSTGRES();
	o = bouncer_options(f);
	o.pool.mode = LOAD_POOL_NONE;
	assert_false(pgbouncer_start(&b, &o, &err));
	assert_int_equal(err.kind, ERROR_USAGE);
	o = bouncer_options(f);
	o.pool.size = 65;
	assert_false(pgbouncer_start(&b, &o, &err));
	assert_int_equal(err.kind, ERROR_USAGE);
	o = bouncer_options(f);
	o.dbname = "x\nlisten_addr = *";
	assert_false(pgbouncer_start(&b, &o, &err));
	assert_int_equal(err.kind, ERROR_USAGE);
	o = bouncer_options(f);
	o.password = "a' auth_type=any";
	assert_false(pgbouncer_start(&b, &o, &err));
	assert_int_equal(err.kind, ERROR_USAGE);
	/* a program that is not there: an environment error, nothing left */
	o = bouncer_options(f);
	o.program = "/nonexistent/pgbouncer";
	assert_false(pgbouncer_start(&b, &o, &err));
	assert_int_equal(err.kind, ERROR_ENV);
	assert_int_equal(our_tmpdirs("bouncer"), 0);
}

/* A pid that no longer exists: a child that exited and was reaped. */
static pid_t
dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

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
test_pgbouncer_sigkill_then_reap(void **state)
{
	fixture *f = *state;
	pgbouncer_options o;
	int fds[2];
	pid_t owner, bouncer = 0;
	char dir[256] = "";
	struct stat st;

	HARNESS_REQUIRE_POSTGRES();
	o = bouncer_options(f);
	assert_int_equal(pipe(fds), 0);
	owner = fork();
	assert_true(owner >= 0);
	if (owner == 0) {
		pgbouncer b;
		error err;

		close(fds[0]);
		if (!pgbouncer_start(&b, &o, &err))
			_exit(1);
		if (write(fds[1], &b.pid, sizeof b.pid) < 0 ||
			write(fds[1], b.dir, strlen(b.dir) + 1) < 0)
			_exit(1);
		pause();
		_exit(0);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &bouncer, sizeof bouncer), (ssize_t) sizeof bouncer);
	assert_true(read(fds[0], dir, sizeof dir - 1) > 0);
	close(fds[0]);
	assert_int_equal(kill(bouncer, 0), 0);
	kill(owner, SIGKILL);
	waitpid(owner, NULL, 0);
	/* PgBouncer died with its owner; its directory is what is left */
	assert_true(gone_within(bouncer, 10));
	assert_int_equal(stat(dir, &st), 0);
	assert_true(pgbouncer_reap() >= 1);
	assert_int_equal(stat(dir, &st), -1);
}

static void
test_reaper_rules(void **state)
{
	char *host = tmpdir_host();
	char *dead = xasprintf("/tmp/pgdrill-bouncer-%s-%ld-abcdef", host, (long) dead_pid());
	char *alive = xasprintf("/tmp/pgdrill-bouncer-%s-%ld-abcdef", host, (long) getppid());
	char *other = xasprintf("/tmp/pgdrill-bouncer-%s-%ld-abcdef", "elsewhere.example",
							(long) dead_pid());
	char *stale_bench = xasprintf("/tmp/pgdrill-pgbench-%s-%ld-abcdef", host,
								  (long) dead_pid());
	const char *sleeper[] = {"sleep", "30", NULL};
	proc_result res = PROC_RESULT_INIT;
	error err = {0};
	struct stat st;
	pid_t innocent;

	(void) state;
	assert_int_equal(mkdir(dead, 0700), 0);
	assert_int_equal(mkdir(alive, 0700), 0);
	assert_int_equal(mkdir(other, 0700), 0);
	assert_int_equal(mkdir(stale_bench, 0700), 0);
	/* the dead owner's pid file names a live process that is not PgBouncer:
	 * the reaper must not kill it */
	innocent = proc_spawn(sleeper, NULL, NULL, &err);
	assert_true(innocent > 0);
	{
		char *pidfile = xasprintf("%s/pgbouncer.pid", dead);
		char *text = xasprintf("%ld\n", (long) innocent);

		assert_true(fileio_write_atomic(pidfile, text, strlen(text), 0600, &err));
		free(pidfile);
		free(text);
	}
	assert_int_equal(pgbouncer_reap(), 1);
	assert_int_equal(stat(dead, &st), -1);
	assert_int_equal(stat(alive, &st), 0);   /* owner alive */
	assert_int_equal(stat(other, &st), 0);   /* another host's */
	assert_int_equal(stat(stale_bench, &st), 0);  /* another kind */
	assert_int_equal(kill(innocent, 0), 0);
	assert_int_equal(pgbench_reap(), 1);
	assert_int_equal(stat(stale_bench, &st), -1);
	assert_true(proc_stop(innocent, 5, &res));
	proc_result_free(&res);
	rmdir(alive);
	rmdir(other);
	free(dead);
	free(alive);
	free(other);
	free(stale_bench);
	free(host);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pgbench_run),
		cmocka_unit_test(test_pgbouncer_lifecycle),
		cmocka_unit_test(test_pgbouncer_refuses),
		cmocka_unit_test(test_pgbouncer_sigkill_then_reap),
		cmocka_unit_test(test_reaper_rules),
	};
	return cmocka_run_group_tests_name("load", tests, setup, teardown);
}
