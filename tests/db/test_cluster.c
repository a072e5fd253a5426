/*
 * test_cluster.c — db tests of the private cluster (engine/pg/cluster.c) through
 * the real binary, `pgdrill db status|start|stop`, and the cluster API.
 *
 * Each test that creates a cluster takes a fresh home (harness_fresh_home:
 * an empty cache, its own server, stopped and removed in the teardown).  The
 * first home's name has a space, so the conninfo's quoting is exercised by
 * libpq and psql.  Covered: first start creates a working cluster (0700
 * socket directory, the settings, psql accepts the conninfo), status JSON,
 * stop/start cycles, a removed data directory (stopped or running), an
 * interrupted initdb and a half-removed data directory, a
 * SIGKILLed postmaster, concurrent first starts, start failures with the
 * server log in the message, and the environment errors (bad
 * PGDRILL_PG_BINDIR, unknown server account, unreachable or too long
 * directories), a normal user's cluster (run as nobody when the tests run
 * as root), --db, and usage errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pg/cluster.h"
#include "pg/db.h"
#include "sandbox/template.h"
#include "os/fileio.h"
#include "harness.h"
#include "os/paths.h"
#include "strbuf.h"

#define RUN_TIMEOUT_S 180

static int
fresh_setup(void **state)
{
	*state = harness_fresh_home("cluster test");
	return 0;
}

static int
fresh_teardown(void **state)
{
	harness_drop_home(*state);
	*state = NULL;
	return 0;
}

/* Run pgdrill, expecting exit `code`; the result is the caller's. */
static void
run_expect(const char *const *args, const char *const *env, int code,
		   proc_result *res)
{
	harness_run_pgdrill(args, env, NULL, RUN_TIMEOUT_S, res);
	if (res->exit_code != code) {
		print_message("stdout: %s\nstderr: %s\n", strbuf_str(&res->out),
					  strbuf_str(&res->err));
		fail_msg("pgdrill %s %s: exit %d, expected %d", args[0],
				 args[1] ? args[1] : "", res->exit_code, code);
	}
}

/* `pgdrill db status --format json`, parsed (cJSON_Delete it). */
static cJSON *
status_json(void)
{
	const char *args[] = {"db", "status", "--format", "json", NULL};
	proc_result res = PROC_RESULT_INIT;
	cJSON *o;

	run_expect(args, NULL, 0, &res);
	o = cJSON_Parse(strbuf_str(&res.out));
	if (o == NULL)
		fail_msg("status is not JSON: %s", strbuf_str(&res.out));
	proc_result_free(&res);
	return o;
}

static const char *
json_string(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(v))
		fail_msg("status JSON: \"%s\" is not a string", key);
	return v->valuestring;
}

static bool
json_running(const cJSON *o)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "running");

	assert_true(cJSON_IsBool(v));
	return cJSON_IsTrue(v);
}

static void
start_ok(void)
{
	const char *args[] = {"db", "start", NULL};
	proc_result res = PROC_RESULT_INIT;

	run_expect(args, NULL, 0, &res);
	assert_non_null(strstr(strbuf_str(&res.out), "is running"));
	proc_result_free(&res);
}

static void
locate(cluster *c)
{
	error err;

	if (!cluster_locate(c, &err))
		fail_msg("cluster_locate: %s", err.message);
}

static cluster_state
state_of(const cluster *c)
{
	cluster_state s;
	error err;

	assert_true(cluster_get_state(c, &s, &err));
	return s;
}

/* One-value query on the running cluster. */
static char *
query(const char *conninfo, const char *sql)
{
	error err;
	PGconn *conn = db_connect(conninfo, &err);
	char *v;

	if (conn == NULL)
		fail_msg("connect %s: %s %s", conninfo, err.message, err.detail);
	v = db_query_value(conn, sql, 0, NULL, &err);
	db_close(conn);
	if (v == NULL)
		fail_msg("%s: %s", sql, err.message);
	return v;
}

static void
test_first_start(void **state)
{
	const char *stop[] = {"db", "stop", NULL};
	proc_result res = PROC_RESULT_INIT;
	cJSON *o;
	cluster c;
	struct stat st;
	char *v, *version_file;
	const char *conninfo;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	locate(&c);
	assert_int_equal(state_of(&c), CLUSTER_ABSENT);
	o = status_json();
	assert_false(json_running(o));
	assert_string_equal(json_string(o, "state"), "absent");
	cJSON_Delete(o);

	start_ok();
	assert_int_equal(state_of(&c), CLUSTER_RUNNING);
	version_file = paths_join(c.data_dir, "PG_VERSION");
	assert_true(fileio_exists(version_file));
	free(version_file);
	{
		/* the binaries are recorded and preferred from now on */
		char *record = paths_join(c.root_dir, CLUSTER_BINDIR_FILE);
		char *expect = xasprintf("%s\n", c.bindir);
		size_t len;
		error err;
		char *text = fileio_read(record, 4096, &len, &err);
		cluster again;

		assert_non_null(text);
		assert_string_equal(text, expect);
		locate(&again);
		assert_string_equal(again.bindir, c.bindir);
		cluster_release(&again);
		free(text);
		free(expect);
		free(record);
	}
	assert_int_equal(stat(c.socket_dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_string_equal(getpwuid(st.st_uid)->pw_name, c.server_user);

	o = status_json();
	assert_int_equal(cJSON_GetObjectItem(o, "version")->valueint, 1);
	assert_string_equal(json_string(o, "kind"), "private");
	assert_true(json_running(o));
	assert_string_equal(json_string(o, "data_directory"), c.data_dir);
	assert_string_equal(json_string(o, "socket_directory"), c.socket_dir);
	assert_string_equal(json_string(o, "log_file"), c.log_file);
	assert_string_equal(json_string(o, "server_user"), c.server_user);
	assert_true(strncmp(json_string(o, "server_version"), "1", 1) == 0);
	conninfo = json_string(o, "conninfo");
	/* The space in the home makes libpq quoting necessary. */
	assert_non_null(strstr(conninfo, "host='"));
	v = query(conninfo, "SELECT current_user || ' ' || current_setting('fsync') || ' ' "
			  "|| current_setting('listen_addresses') || '|' || "
			  "current_setting('autovacuum') || ' ' || "
			  "current_setting('unix_socket_permissions') || ' ' || "
			  "current_setting('wal_level')");
	{
		char *expect = xasprintf("%s off |off 0700 minimal", c.superuser);

		assert_string_equal(v, expect);
		free(expect);
	}
	free(v);
	{
		/* psql accepts the same conninfo */
		char *psql = paths_join(c.bindir, "psql");
		const char *argv[] = {psql, conninfo, "-Atc", "SELECT 6 * 7", NULL};

		if (access(psql, X_OK) == 0) {
			error err;

			assert_true(proc_run_ok(argv, NULL, &res, &err));
			assert_string_equal(strbuf_str(&res.out), "42\n");
		}
		free(psql);
	}
	cJSON_Delete(o);

	/* stop, stopped status, stop again, start again */
	run_expect(stop, NULL, 0, &res);
	assert_non_null(strstr(strbuf_str(&res.out), "stopped"));
	o = status_json();
	assert_false(json_running(o));
	assert_string_equal(json_string(o, "state"), "stopped");
	cJSON_Delete(o);
	run_expect(stop, NULL, 0, &res);
	assert_non_null(strstr(strbuf_str(&res.out), "already was"));
	start_ok();
	o = status_json();
	assert_true(json_running(o));
	cJSON_Delete(o);
	proc_result_free(&res);
	cluster_release(&c);
}

static void
test_removed_data_dir(void **state)
{
	const char *rm_args[] = {"rm", "-rf", NULL, NULL};
	proc_result res = PROC_RESULT_INIT;
	error err;
	cluster c;
	char *v;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	locate(&c);
	start_ok();
	assert_true(cluster_stop(&c, &err));
	assert_int_equal(state_of(&c), CLUSTER_STOPPED);
	rm_args[2] = c.data_dir;
	/* removed while stopped */
	assert_true(proc_run_ok(rm_args, NULL, &res, &err));
	assert_int_equal(state_of(&c), CLUSTER_ABSENT);
	start_ok();
	assert_int_equal(state_of(&c), CLUSTER_RUNNING);
	/* removed while running: the orphaned server is stopped, then a new
	 * cluster replaces it */
	assert_true(proc_run_ok(rm_args, NULL, &res, &err));
	assert_int_equal(state_of(&c), CLUSTER_ABSENT);
	start_ok();
	{
		char *ci = cluster_conninfo(&c, "postgres", NULL);

		v = query(ci, "SELECT count(*) FROM pg_database WHERE datname = 'postgres'");
		assert_string_equal(v, "1");
		free(v);
		free(ci);
	}
	/* an interrupted initdb (data.new half-written) and a half-removed data
	 * directory (no PG_VERSION) both count as absent and are redone */
	assert_true(cluster_stop(&c, &err));
	{
		char *tmp = xasprintf("%s.new", c.data_dir);
		char *junk = xasprintf("%s/base", tmp);
		char *version = paths_join(c.data_dir, "PG_VERSION");

		assert_true(paths_mkdir_p(junk, 0700, &err));
		assert_int_equal(unlink(version), 0);
		assert_int_equal(state_of(&c), CLUSTER_ABSENT);
		start_ok();
		assert_int_equal(state_of(&c), CLUSTER_RUNNING);
		assert_false(fileio_exists(tmp));
		free(tmp);
		free(junk);
		free(version);
	}
	proc_result_free(&res);
	cluster_release(&c);
}

static void
test_killed_postmaster(void **state)
{
	char *pidfile;
	char *text;
	size_t len;
	error err;
	cluster c;
	long pid;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	locate(&c);
	start_ok();
	pidfile = paths_join(c.data_dir, "postmaster.pid");
	text = fileio_read(pidfile, 1 << 16, &len, &err);
	assert_non_null(text);
	pid = atol(text);
	assert_true(pid > 1);
	assert_int_equal(kill((pid_t) pid, SIGKILL), 0);
	/* the stale postmaster.pid stays behind */
	assert_true(fileio_exists(pidfile));
	start_ok();
	assert_int_equal(state_of(&c), CLUSTER_RUNNING);
	free(text);
	free(pidfile);
	cluster_release(&c);
}

static void
test_concurrent_starts(void **state)
{
	enum { N = 4 };
	const char *bin = getenv("PGDRILL_BIN");
	pid_t pids[N];
	cluster c;
	char *log, *ready, *tmp;
	size_t len;
	int count = 0;
	error err;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	assert_non_null(bin);
	locate(&c);
	assert_int_equal(state_of(&c), CLUSTER_ABSENT);
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			int null = open("/dev/null", O_WRONLY);

			dup2(null, 1);
			execl(bin, bin, "db", "start", "--quiet", (char *) NULL);
			_exit(127);
		}
	}
	for (int i = 0; i < N; i++) {
		int status;

		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(state_of(&c), CLUSTER_RUNNING);
	/* one initdb and one server: the log saw exactly one start-up */
	log = fileio_read(c.log_file, 1 << 24, &len, &err);
	assert_non_null(log);
	for (const char *p = log; (ready = strstr(p, "ready to accept connections")); p = ready + 1)
		count++;
	assert_int_equal(count, 1);
	tmp = xasprintf("%s.new", c.data_dir);
	assert_false(fileio_exists(tmp));
	free(tmp);
	free(log);
	cluster_release(&c);
}

static void
test_start_failure_shows_log(void **state)
{
	const char *args[] = {"db", "start", NULL};
	proc_result res = PROC_RESULT_INIT;
	char *conf;
	cluster c;
	error err;
	int fd;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	locate(&c);
	start_ok();
	assert_true(cluster_stop(&c, &err));
	conf = paths_join(c.data_dir, "pgdrill.conf");
	fd = open(conf, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	assert_true(write(fd, "pgdrill_bogus = on\n", 19) == 19);
	close(fd);
	run_expect(args, NULL, 4, &res);
	assert_non_null(strstr(strbuf_str(&res.err), "did not start"));
	/* the server's own complaint, from the log */
	assert_non_null(strstr(strbuf_str(&res.err), "pgdrill_bogus"));
	assert_non_null(strstr(strbuf_str(&res.err), c.log_file));
	proc_result_free(&res);
	free(conf);
	cluster_release(&c);
}

static void
test_environment_errors(void **state)
{
	static const char *const bad_bindir[] = {"PGDRILL_PG_BINDIR=/nonexistent/bin", NULL};
	static const char *const no_account[] = {"PGDRILL_SERVER_USER=pgdrill-no-such-account", NULL};
	static const char *const long_path[] = {
		"XDG_CACHE_HOME=/tmp/pgdrill-a-directory-name-long-enough-that-the-socket-"
		"path-overflows-what-a-unix-socket-can-hold", NULL};
	static const struct {
		const char *const *env;
		bool root_only;
		const char *message;
	} cases[] = {
		{bad_bindir, false, "initdb was not found in \"/nonexistent/bin\""},
		{bad_bindir, false, "postgresql-15"},
		{no_account, true, "\"pgdrill-no-such-account\" does not exist"},
		{long_path, false, "too long for a Unix socket"},
	};
	const char *actions[] = {"start", "status"};

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (cases[i].root_only && geteuid() != 0)
			continue;
		for (size_t a = 0; a < 2; a++) {
			const char *args[] = {"db", actions[a], NULL};
			proc_result res = PROC_RESULT_INIT;

			/* `db status` only looks: missing binaries are something it
			 * reports (exit 0, on stdout), not a failure of the command */
			bool reported = a == 1 && cases[i].env == bad_bindir;
			const strbuf *where = reported ? &res.out : &res.err;

			run_expect(args, cases[i].env, reported ? 0 : 4, &res);
			if (!strstr(strbuf_str(where), cases[i].message))
				fail_msg("expected \"%s\" in: %s", cases[i].message, strbuf_str(where));
			if (!reported)
				assert_string_equal(strbuf_str(&res.out), "");
			proc_result_free(&res);
		}
	}
	{
		/* JSON callers get JSON errors */
		const char *args[] = {"db", "start", "--format", "json", NULL};
		proc_result res = PROC_RESULT_INIT;
		cJSON *o;

		run_expect(args, bad_bindir, 4, &res);
		o = cJSON_Parse(strbuf_str(&res.out));
		assert_non_null(o);
		assert_string_equal(cJSON_GetObjectItem(o, "status")->valuestring, "error");
		cJSON_Delete(o);
		proc_result_free(&res);
	}
}

static void
test_harness_availability(void **state)
{
	char *why = NULL;
	const char *saved = getenv("PGDRILL_PG_BINDIR");
	char *copy = saved ? xstrdup(saved) : NULL;

	(void) state;
	setenv("PGDRILL_PG_BINDIR", "/nonexistent/bin", 1);
	assert_false(harness_postgres_available(&why));
	assert_non_null(why);
	assert_non_null(strstr(why, "/nonexistent/bin"));
	free(why);
	if (copy)
		setenv("PGDRILL_PG_BINDIR", copy, 1);
	else
		unsetenv("PGDRILL_PG_BINDIR");
	free(copy);
}

static void
test_unreachable_home(void **state)
{
	char *home = *state;
	char *closed = paths_join(home, "closed");
	char *env_cache = xasprintf("XDG_CACHE_HOME=%s/cache", closed);
	const char *env[] = {env_cache, NULL};
	const char *args[] = {"db", "start", NULL};
	proc_result res = PROC_RESULT_INIT;

	HARNESS_REQUIRE_POSTGRES();
	if (geteuid() != 0) {
		free(closed);
		free(env_cache);
		skip();
	}
	assert_int_equal(mkdir(closed, 0700), 0);
	run_expect(args, env, 4, &res);
	assert_non_null(strstr(strbuf_str(&res.err), "is not traversable by"));
	assert_non_null(strstr(strbuf_str(&res.err), closed));
	proc_result_free(&res);
	free(closed);
	free(env_cache);
}

/* As root, run pgdrill as the unprivileged `nobody`: the path a normal user
 * takes (server and superuser are that user, no account switch). */
static void
test_as_normal_user(void **state)
{
	char *home = *state;
	const char *bin = getenv("PGDRILL_BIN");
	char *cache = paths_join(home, "nobody-cache");
	char *env_cache = xasprintf("XDG_CACHE_HOME=%s", cache);
	const char *env[] = {env_cache, "HOME=/tmp", NULL};
	const char *start[] = {bin, "db", "start", "--format", "json", NULL};
	const char *stop[] = {bin, "db", "stop", NULL};
	proc_options opts = {0};
	proc_result res = PROC_RESULT_INIT;
	struct passwd *pw = getpwnam("nobody");
	char *blocked = NULL;
	cJSON *o;
	error err;

	HARNESS_REQUIRE_POSTGRES();
	assert_non_null(bin);
	if (geteuid() != 0 || pw == NULL ||
		!proc_access_as("nobody", bin, X_OK, &blocked, &err) || blocked) {
		/* not root (the other tests take this path), or the binary sits
		 * where nobody cannot run it (a clone under /root) */
		free(blocked);
		free(cache);
		free(env_cache);
		skip();
	}
	assert_int_equal(mkdir(cache, 0700), 0);
	assert_int_equal(chown(cache, pw->pw_uid, pw->pw_gid), 0);
	opts.env = env;
	opts.user = "nobody";
	opts.timeout_s = RUN_TIMEOUT_S;
	assert_true(proc_run(start, &opts, &res, &err));
	if (res.exit_code != 0)
		fail_msg("db start as nobody: %s", strbuf_str(&res.err));
	o = cJSON_Parse(strbuf_str(&res.out));
	assert_non_null(o);
	assert_true(json_running(o));
	assert_false(cJSON_IsTrue(cJSON_GetObjectItem(o, "as_root")));
	assert_string_equal(json_string(o, "server_user"), "nobody");
	assert_string_equal(json_string(o, "superuser"), "nobody");
	{
		char *v = query(json_string(o, "conninfo"), "SELECT current_user");

		assert_string_equal(v, "nobody");
		free(v);
	}
	cJSON_Delete(o);
	assert_true(proc_run(stop, &opts, &res, &err));
	assert_int_equal(res.exit_code, 0);
	proc_result_free(&res);
	free(cache);
	free(env_cache);
}

static void
test_external_and_usage(void **state)
{
	static const struct {
		const char *args[6];
		int code;
		const char *out;   /* expected in stdout, or NULL */
		const char *err;   /* expected in stderr, or NULL */
	} cases[] = {
		{{"db", NULL}, 2, NULL, "missing action"},
		{{"db", "restart", NULL}, 2, NULL, "unknown action \"restart\""},
		{{"db", "status", "extra", NULL}, 2, NULL, "too many arguments"},
		{{"db", "status", "--format", "xml", NULL}, 2, NULL, "--format"},
		{{"db", "--help", NULL}, 0, "Exit status", NULL},
		{{"db", "start", "--db", "@CONNINFO@", NULL}, 2, NULL, "only manages pgdrill's private cluster"},
		{{"db", "stop", "--db", "@CONNINFO@", NULL}, 2, NULL, "only manages"},
		{{"db", "status", "--db", "@CONNINFO@", "--format=json", NULL}, 0, "\"external\"", NULL},
		{{"db", "status", "--db", "host=/nonexistent-dir port=1", NULL}, 4, NULL, "cannot connect"},
	};
	char *conninfo;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	conninfo = harness_cluster_conninfo("postgres");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *args[6];
		proc_result res = PROC_RESULT_INIT;

		for (size_t k = 0; k < 6; k++)
			args[k] = cases[i].args[k] && strcmp(cases[i].args[k], "@CONNINFO@") == 0
				? conninfo : cases[i].args[k];
		run_expect(args, NULL, cases[i].code, &res);
		if (cases[i].out && !strstr(strbuf_str(&res.out), cases[i].out))
			fail_msg("case %zu: expected \"%s\" in stdout: %s", i, cases[i].out,
					 strbuf_str(&res.out));
		if (cases[i].err && !strstr(strbuf_str(&res.err), cases[i].err))
			fail_msg("case %zu: expected \"%s\" in stderr: %s", i, cases[i].err,
					 strbuf_str(&res.err));
		proc_result_free(&res);
	}
	{
		/* PGDRILL_DB counts like --db */
		char *env_db = xasprintf("PGDRILL_DB=%s", conninfo);
		const char *env[] = {env_db, NULL};
		const char *args[] = {"db", "status", "--format", "json", NULL};
		proc_result res = PROC_RESULT_INIT;
		cJSON *o;

		run_expect(args, env, 0, &res);
		o = cJSON_Parse(strbuf_str(&res.out));
		assert_non_null(o);
		assert_string_equal(json_string(o, "kind"), "external");
		assert_string_equal(json_string(o, "conninfo"), conninfo);
		assert_true(json_running(o));
		assert_true(strlen(json_string(o, "server_version")) > 0);
		cJSON_Delete(o);
		proc_result_free(&res);
		free(env_db);
	}
	free(conninfo);
}

/* A server error carries its SQLSTATE as a field of the error value (not
 * as prose in the detail): callers such as template_missing_error test the
 * code.  A missing database is 3D000, as template_missing_error expects. */
static void
test_error_carries_sqlstate(void **state)
{
	PGconn *conn = harness_connect("postgres");
	error err = {0};

	(void) state;
	assert_false(db_exec(conn, "SELECT 1/0", ERROR_ENV, &err));
	assert_string_equal(err.sqlstate, "22012");
	assert_null(strstr(err.detail, "SQLSTATE"));
	assert_false(template_missing_error(&err));

	assert_false(db_exec(conn, "ALTER DATABASE pgdrill_no_such_db SET work_mem = '1MB'",
						 ERROR_ENV, &err));
	assert_string_equal(err.sqlstate, "3D000");
	assert_true(template_missing_error(&err));

	/* a new error clears the old code; a success leaves err alone */
	error_set(&err, ERROR_ENV, "not from the server");
	assert_string_equal(err.sqlstate, "");
	assert_true(db_exec(conn, "SELECT 1", ERROR_ENV, &err));
	PQfinish(conn);
}

/* One text value of a query on `conn` (the test fails on error). */
static char *
query_value(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	char *v;

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(conn));
	v = xstrdup(PQgetisnull(res, 0, 0) ? "" : PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

/* Run pgdrill `args` with `env` (may be NULL); it must exit 0. */
static void
run_ok(const char *const *args, const char *const *env)
{
	proc_result res = PROC_RESULT_INIT;

	harness_run_pgdrill(args, env, NULL, 300, &res);
	if (res.exit_code != 0)
		fail_msg("%s %s exited %d: %s", args[0], args[1], res.exit_code,
				 strbuf_str(&res.err));
	proc_result_free(&res);
}

static void
run_db_gc(void)
{
	const char *args[] = {"db", "gc", "-q", NULL};

	run_ok(args, NULL);
}

/* A command that opens the server on the tiny test catalogue (show builds
 * the template it plans on). */
static void
run_show(void)
{
	char *drills = xasprintf("PGDRILL_DRILLS=%s/tests/db/catalogue/drills",
							 getenv("PGDRILL_SOURCE_DIR"));
	char *fixtures = xasprintf("PGDRILL_FIXTURES=%s/tests/db/catalogue/fixtures",
							   getenv("PGDRILL_SOURCE_DIR"));
	const char *env[] = {drills, fixtures, NULL};
	const char *args[] = {"show", "t-sargable", "-q", NULL};

	run_ok(args, env);
	free(drills);
	free(fixtures);
}

/* pgdrill's roles (pg/roles.c) are checked by the first command after the
 * server starts and by every `db gc` (pg/server.c).  When they are in
 * place, the check writes nothing: the roles' rows keep their xmin (the
 * script used to rewrite them, with a synchronous commit, on every
 * command).  What a superuser changed since -- a membership granted, a
 * role setting or attribute altered -- other commands trust the last check
 * about (a catalog query in a fresh backend was a visible part of a warm
 * start), and the next `db gc` puts back. */
static void
test_roles_in_place(void **state)
{
	static const char xmins[] = "SELECT string_agg(rolname || ':' || xmin::text, ',' "
		"ORDER BY rolname) FROM pg_authid WHERE rolname LIKE 'pgdrill%'";
	PGconn *conn;
	char *before, *after, *v;
	PGresult *res;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	conn = harness_connect("postgres");
	run_db_gc();
	before = query_value(conn, xmins);
	run_db_gc();
	after = query_value(conn, xmins);
	assert_string_equal(before, after);

	res = PQexec(conn, "GRANT pg_monitor TO pgdrill_learner; "
				 "ALTER ROLE pgdrill_indexer SET work_mem = '1GB'; "
				 "ALTER ROLE pgdrill_learner CONNECTION LIMIT 100");
	assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	run_show();
	v = query_value(conn, "SELECT count(*) FROM pg_auth_members m JOIN pg_roles u "
					"ON u.oid = m.member WHERE u.rolname = 'pgdrill_learner'");
	assert_string_equal(v, "1");    /* trusted: checked since the server started */
	free(v);
	run_db_gc();
	v = query_value(conn, "SELECT count(*) FROM pg_auth_members m JOIN pg_roles u "
					"ON u.oid = m.member WHERE u.rolname = 'pgdrill_learner'");
	assert_string_equal(v, "0");
	free(v);
	v = query_value(conn, "SELECT s.setconfig::text FROM pg_db_role_setting s "
					"JOIN pg_roles r ON r.oid = s.setrole "
					"WHERE r.rolname = 'pgdrill_indexer' AND s.setdatabase = 0");
	assert_non_null(strstr(v, "work_mem=4MB"));
	assert_null(strstr(v, "work_mem=1GB"));
	free(v);
	v = query_value(conn, "SELECT rolconnlimit::text FROM pg_roles "
					"WHERE rolname = 'pgdrill_learner'");
	assert_string_equal(v, "20");
	free(v);
	free(before);
	free(after);
	PQfinish(conn);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_start, fresh_setup, fresh_teardown),
		cmocka_unit_test_setup_teardown(test_removed_data_dir, fresh_setup, fresh_teardown),
		cmocka_unit_test_setup_teardown(test_killed_postmaster, fresh_setup, fresh_teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_starts, fresh_setup, fresh_teardown),
		cmocka_unit_test_setup_teardown(test_start_failure_shows_log, fresh_setup,
										fresh_teardown),
		cmocka_unit_test_setup_teardown(test_environment_errors, fresh_setup, fresh_teardown),
		cmocka_unit_test(test_harness_availability),
		cmocka_unit_test(test_error_carries_sqlstate),
		cmocka_unit_test(test_roles_in_place),
		cmocka_unit_test_setup_teardown(test_unreachable_home, fresh_setup, fresh_teardown),
		cmocka_unit_test_setup_teardown(test_as_normal_user, fresh_setup, fresh_teardown),
		cmocka_unit_test_setup_teardown(test_external_and_usage, fresh_setup, fresh_teardown),
	};
	if (getenv("PGDRILL_TEST_FILTER"))    /* e.g. test_roles_* (cmocka's pattern) */
		cmocka_set_test_filter(getenv("PGDRILL_TEST_FILTER"));
	return cmocka_run_group_tests_name("cluster", tests, harness_group_setup, NULL);
}
