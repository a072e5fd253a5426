/*
 * pgbouncer.c — starting, stopping and reaping a private PgBouncer (see
 * pgbouncer.h).  The configuration is written from validated values only:
 * names pgdrill made (safe characters checked again here), the pool mode's
 * fixed spelling and an integer size.
 */
#include "pg/pgbouncer.h"

#include <errno.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "os/clock.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "os/tmpdir.h"
#include "pg/proc.h"
#include "strbuf.h"

#define PGBOUNCER_START_TIMEOUT_S 10.0
#define PGBOUNCER_STOP_GRACE_S 5.0
#define PGBOUNCER_DEFAULT_POOL_SIZE 20

/* Names pgdrill made: socket paths, database and role names. */
static bool
safe_name(const char *s)
{
	if (s == NULL || s[0] == '\0' || strlen(s) > 200)
		return false;
	for (const char *p = s; *p; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '/' || *p == '-';

		if (!ok)
			return false;
	}
	return true;
}

/* A password that can sit in single quotes: printable, no quote or
 * backslash. */
static bool
safe_password(const char *s)
{
	for (const char *p = s; *p; p++)
		if (*p < '!' || *p > '~' || *p == '\'' || *p == '\\')
			return false;
	return strlen(s) <= 200;
}

static bool
check_options(const pgbouncer_options *o, error *err)
{
	if (!safe_name(o->server_host) || !safe_name(o->dbname) || !safe_name(o->user))
		return error_set(err, ERROR_USAGE,
						 "cannot configure PgBouncer: a server, database or role name "
						 "has characters outside [A-Za-z0-9._/-]");
	if (o->password && !safe_password(o->password))
		return error_set(err, ERROR_USAGE,
						 "cannot configure PgBouncer: the password has spaces, quotes "
						 "or backslashes");
	if (o->pool.mode == LOAD_POOL_NONE)
		return error_set(err, ERROR_USAGE, "cannot configure PgBouncer without a pool mode");
	if (o->pool.size != 0 &&
		(o->pool.size < LOAD_POOL_SIZE_MIN || o->pool.size > LOAD_POOL_SIZE_MAX))
		return error_set(err, ERROR_USAGE, "pool size %d is out of bounds", o->pool.size);
	if (o->max_clients < 1 || o->max_clients > 1000 || o->server_port < 1 ||
		o->server_port > 65535)
		return error_set(err, ERROR_USAGE, "cannot configure PgBouncer: client count "
						 "or server port out of range");
	return true;
}

static char *
config_text(const pgbouncer_options *o, const char *dir)
{
	strbuf sb = STRBUF_INIT;

	strbuf_printf(&sb, "; written by pgdrill for one load run; removed afterwards\n"
				  "[databases]\n%s = host=%s port=%d dbname=%s user=%s",
				  o->dbname, o->server_host, o->server_port, o->dbname, o->user);
	if (o->password)
		strbuf_printf(&sb, " password='%s'", o->password);
	strbuf_printf(&sb, "\n\n[pgbouncer]\n"
				  "listen_addr =\n"
				  "listen_port = %d\n"
				  "unix_socket_dir = %s\n"
				  "unix_socket_mode = 0600\n"
				  "auth_type = trust\n"
				  "auth_file = %s/userlist.txt\n"
				  "pidfile = %s/pgbouncer.pid\n"
				  "logfile = %s/pgbouncer.log\n"
				  "admin_users =\n"
				  "stats_users =\n"
				  "pool_mode = %s\n"
				  "default_pool_size = %d\n"
				  "max_client_conn = %d\n"
				  "ignore_startup_parameters = extra_float_digits\n",
				  PGBOUNCER_PORT, dir, dir, dir, dir, load_pool_mode_name(o->pool.mode),
				  o->pool.size ? o->pool.size : PGBOUNCER_DEFAULT_POOL_SIZE,
				  o->max_clients);
	return strbuf_steal(&sb);
}

/* Write <dir>/<name> readable by `owner` (NULL = us). */
static bool
write_owned(const char *dir, const char *name, const char *text, const char *owner,
			error *err)
{
	char *path = paths_join(dir, name);
	bool ok = fileio_write_atomic(path, text, strlen(text), 0600, err);

	if (ok && owner) {
		struct passwd *pw = getpwnam(owner);

		if (pw == NULL || chown(path, pw->pw_uid, pw->pw_gid) != 0)
			ok = error_set(err, ERROR_ENV, "cannot give %s to \"%s\"", path, owner);
	}
	free(path);
	return ok;
}

static const char *
program_of(const pgbouncer_options *o)
{
	const char *env = getenv("PGDRILL_PGBOUNCER");

	if (o->program)
		return o->program;
	if (env && env[0])
		return env;
	return access("/usr/sbin/pgbouncer", X_OK) == 0 ? "/usr/sbin/pgbouncer" : "pgbouncer";
}

/* The tail of PgBouncer's log, for an error's detail. */
static void
detail_from_log(const char *dir, error *err)
{
	char *path = paths_join(dir, "pgbouncer.log");
	error ignored;
	size_t len;
	char *text = fileio_read(path, 1 << 20, &len, &ignored);

	if (text) {
		char *tail = proc_tail_lines(text, 10);

		error_detail(err, "%s", tail);
		free(tail);
	}
	free(text);
	free(path);
}

/* Wait until PgBouncer answers on its socket, or dies, or the timeout. */
static bool
wait_ready(pgbouncer *b, error *err)
{
	double deadline = clock_now_s() + PGBOUNCER_START_TIMEOUT_S;
	int status;

	for (;;) {
		if (PQping(b->conninfo) == PQPING_OK)
			return true;
		if (waitpid(b->pid, &status, WNOHANG) == b->pid) {
			b->pid = 0;
			return error_set(err, ERROR_ENV, "PgBouncer exited while starting");
		}
		if (clock_now_s() > deadline)
			return error_set(err, ERROR_ENV, "PgBouncer did not accept connections "
							 "within %.0f seconds", PGBOUNCER_START_TIMEOUT_S);
		usleep(20000);
	}
}

bool
pgbouncer_start(pgbouncer *b, const pgbouncer_options *o, error *err)
{
	const char *argv[3] = {program_of(o), NULL, NULL};
	proc_options popts = {0};
	char *config = NULL, *ini = NULL;
	error ignored;

	memset(b, 0, sizeof *b);
	if (!check_options(o, err))
		return false;
	b->dir = tmpdir_create("bouncer", o->run_as, err);
	if (b->dir == NULL)
		return false;
	config = config_text(o, b->dir);
	ini = paths_join(b->dir, "pgbouncer.ini");
	{
		char *userlist = xasprintf("\"%s\" \"\"\n", o->user);
		bool ok = write_owned(b->dir, "userlist.txt", userlist, o->run_as, err) &&
			write_owned(b->dir, "pgbouncer.ini", config, o->run_as, err);

		free(userlist);
		if (!ok)
			goto fail;
	}
	b->conninfo = xasprintf("host=%s port=%d dbname=%s user=%s", b->dir, PGBOUNCER_PORT,
							o->dbname, o->user);
	argv[1] = ini;
	popts.user = o->run_as;
	popts.die_with_us = true;
	b->pid = proc_spawn(argv, &popts, NULL, err);
	if (b->pid < 0) {
		b->pid = 0;
		goto fail;
	}
	if (!wait_ready(b, err)) {
		detail_from_log(b->dir, err);
		goto fail;
	}
	free(config);
	free(ini);
	return true;
fail:
	free(config);
	free(ini);
	pgbouncer_stop(b, &ignored);
	return false;
}

bool
pgbouncer_stop(pgbouncer *b, error *err)
{
	bool ok = true;

	if (b->pid > 0) {
		proc_result res = PROC_RESULT_INIT;

		proc_stop(b->pid, PGBOUNCER_STOP_GRACE_S, &res);
		proc_result_free(&res);
		b->pid = 0;
	}
	if (b->dir)
		ok = fileio_remove_tree(b->dir, err);
	free(b->dir);
	free(b->conninfo);
	b->dir = NULL;
	b->conninfo = NULL;
	return ok;
}

/* Before a dead owner's directory goes: a PgBouncer still running from it
 * (its pid file names a live process called pgbouncer) is killed. */
static void
kill_orphan(const char *dir)
{
	char *pidfile = paths_join(dir, "pgbouncer.pid");
	error ignored;
	size_t len;
	char *text = fileio_read(pidfile, 64, &len, &ignored);
	long pid = text ? strtol(text, NULL, 10) : 0;

	if (pid > 1) {
		char *comm_path = xasprintf("/proc/%ld/comm", pid);
		char *comm = fileio_read(comm_path, 64, &len, &ignored);

		if (comm && strncmp(comm, "pgbouncer", 9) == 0)
			kill((pid_t) pid, SIGKILL);
		free(comm);
		free(comm_path);
	}
	free(text);
	free(pidfile);
}

int
pgbouncer_reap(void)
{
	return tmpdir_reap("bouncer", kill_orphan);
}
