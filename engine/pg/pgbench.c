/*
 * pgbench.c — a workload run with pgbench, its logs parsed (see pgbench.h).
 */
#include "pg/pgbench.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "os/clock.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "os/signals.h"
#include "os/tmpdir.h"
#include "pg/proc.h"
#include "strbuf.h"

/* Extra time pgbench may take beyond -T (connecting, finishing clients). */
#define PGBENCH_GRACE_S 30.0
/* A log file larger than this is not a short drill's (1 GiB). */
#define PGBENCH_MAX_LOG ((size_t) 1 << 30)
/* Bounds that keep a drill's run short and the machine usable. */
#define PGBENCH_MAX_CLIENTS 200
#define PGBENCH_MAX_DURATION_S 600

void
pgbench_result_free(pgbench_result *res)
{
	if (res == NULL)
		return;
	load_log_free(&res->log);
	free(res->errors);
	res->errors = NULL;
	res->aborted = false;
	res->connection_ms = 0;
}

int
pgbench_reap(void)
{
	return tmpdir_reap("pgbench", NULL);
}

static bool
check_options(const pgbench_options *o, error *err)
{
	if (o->n_scripts < 1 || o->n_scripts > PGBENCH_MAX_SCRIPTS)
		return error_set(err, ERROR_USAGE, "a workload needs 1 to %d scripts, not %zu",
						 PGBENCH_MAX_SCRIPTS, o->n_scripts);
	for (size_t i = 0; i < o->n_scripts; i++)
		if (o->scripts[i].weight < 1 || o->scripts[i].weight > 1000)
			return error_set(err, ERROR_USAGE, "script %zu: weight %d is not in 1..1000",
							 i, o->scripts[i].weight);
	if (o->clients < 1 || o->clients > PGBENCH_MAX_CLIENTS)
		return error_set(err, ERROR_USAGE, "clients %d is not in 1..%d", o->clients,
						 PGBENCH_MAX_CLIENTS);
	if (o->threads < 1 || o->threads > o->clients)
		return error_set(err, ERROR_USAGE, "threads %d is not in 1..%d (the clients)",
						 o->threads, o->clients);
	if (o->duration_s < 1 || o->duration_s > PGBENCH_MAX_DURATION_S)
		return error_set(err, ERROR_USAGE, "duration %d s is not in 1..%d", o->duration_s,
						 PGBENCH_MAX_DURATION_S);
	if (o->rate < 0 || (o->latency_limit_ms > 0 && !(o->rate > 0)))
		return error_set(err, ERROR_USAGE, "a latency limit needs a rate");
	return true;
}

/* Write the scripts to <dir>/<i>.sql and append "-f <path>@<weight>". */
static bool
write_scripts(const pgbench_options *o, const char *dir, char **argv, int *argc,
			  error *err)
{
	for (size_t i = 0; i < o->n_scripts; i++) {
		char *path = xasprintf("%s/%zu.sql", dir, i);
		bool ok = fileio_write_atomic(path, o->scripts[i].text,
									  strlen(o->scripts[i].text), 0600, err);

		if (ok) {
			argv[(*argc)++] = xstrdup("-f");
			argv[(*argc)++] = xasprintf("%s@%d", path, o->scripts[i].weight);
		}
		free(path);
		if (!ok)
			return false;
	}
	return true;
}

/* The pgbench command line (every element malloc'd; NULL-terminated). */
static char **
build_argv(const pgbench_options *o, const char *dir, error *err)
{
	char **argv = xcalloc(2 * o->n_scripts + 20, sizeof *argv);
	int n = 0;

	argv[n++] = paths_join(o->bindir, "pgbench");
	argv[n++] = xstrdup("-n");
	if (!write_scripts(o, dir, argv, &n, err)) {
		for (int i = 0; i < n; i++)
			free(argv[i]);
		free(argv);
		return NULL;
	}
	argv[n++] = xasprintf("--client=%d", o->clients);
	argv[n++] = xasprintf("--jobs=%d", o->threads);
	argv[n++] = xasprintf("--time=%d", o->duration_s);
	if (o->rate > 0)
		argv[n++] = xasprintf("--rate=%.3f", o->rate);
	if (o->latency_limit_ms > 0)
		argv[n++] = xasprintf("--latency-limit=%.3f", o->latency_limit_ms);
	if (o->connect_each)
		argv[n++] = xstrdup("--connect");
	argv[n++] = xstrdup("--log");
	argv[n++] = xasprintf("--log-prefix=%s/log", dir);
	argv[n++] = xstrdup(o->conninfo);
	argv[n] = NULL;
	return argv;
}

/* Parse every <dir>/log.* file into res->log. */
static bool
read_logs(const char *dir, bool with_rate, pgbench_result *res, error *err)
{
	load_log_columns cols = {with_rate, false};
	DIR *d = opendir(dir);
	struct dirent *e;
	bool ok = true;

	if (d == NULL)
		return error_set(err, ERROR_ENV, "cannot read pgbench's logs in %s", dir);
	while (ok && (e = readdir(d)) != NULL) {
		char *path, *text;
		size_t len;

		if (strncmp(e->d_name, "log.", 4) != 0)
			continue;
		path = paths_join(dir, e->d_name);
		text = fileio_read(path, PGBENCH_MAX_LOG, &len, err);
		if (text == NULL) {
			err->kind = ERROR_ENV;
			ok = false;
		} else
			ok = load_log_parse(&res->log, text, len, cols, err);
		free(text);
		free(path);
	}
	closedir(d);
	return ok;
}

/* The lines of pgbench's output that report errors (stderr and stdout share
 * one file), at most 5, else its last 10 lines; malloc'd. */
static char *
error_lines(const char *out)
{
	strbuf sb = STRBUF_INIT;
	int n = 0;

	for (const char *line = out; *line && n < 5; ) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t) (nl - line) : strlen(line);
		char *text = xstrndup(line, len);

		if (strstr(text, "error") || strstr(text, "ERROR") || strstr(text, "FATAL")) {
			strbuf_printf(&sb, "%s%s", n ? "\n" : "", text);
			n++;
		}
		free(text);
		line += len + (nl ? 1 : 0);
	}
	if (n == 0) {
		strbuf_free(&sb);
		return proc_tail_lines(out, 10);
	}
	return strbuf_steal(&sb);
}

/* pgbench's "initial/average connection time = X ms" line, or 0. */
static double
connection_ms(const char *out)
{
	const char *p = strstr(out, "connection time = ");

	return p ? strtod(p + strlen("connection time = "), NULL) : 0;
}

/* Wait for pgbench, sampling on the way; kill it on a caught signal or
 * past the deadline.  Returns its wait status, or -1 with err. */
static int
wait_sampling(const pgbench_options *o, pid_t pid, error *err)
{
	double deadline = clock_now_s() + o->duration_s + PGBENCH_GRACE_S;
	double next = clock_now_s() + (o->sample_every_s > 0 ? o->sample_every_s : 0.1);
	int status;

	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return status;
		if (r < 0 && errno != EINTR)
			return error_set(err, ERROR_ENV, "lost pgbench: %s", strerror(errno)), -1;
		if (signals_caught() || clock_now_s() > deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			if (signals_caught())
				error_set(err, ERROR_ENV, "pgbench was stopped: pgdrill was interrupted");
			else
				error_set(err, ERROR_ENV, "pgbench did not finish within %d seconds and "
						  "was killed", o->duration_s + (int) PGBENCH_GRACE_S);
			return -1;
		}
		if (o->sample && clock_now_s() >= next) {
			o->sample(o->sample_arg);
			next += o->sample_every_s > 0 ? o->sample_every_s : 0.1;
		}
		poll(NULL, 0, 20);
	}
}

/* Run pgbench (output into <dir>/pgbench.out); classify how it ended. */
static bool
run_pgbench(const pgbench_options *o, char **argv, const char *dir, pgbench_result *res,
			error *err)
{
	char *pw = o->password ? xasprintf("PGPASSWORD=%s", o->password) : NULL;
	const char *env[] = {"PGAPPNAME=" PGBENCH_APPLICATION_NAME, pw ? pw : "PGPASSWORD",
						 "PGSERVICE", "PGOPTIONS", NULL};
	char *out_path = paths_join(dir, "pgbench.out");
	proc_options popts = {0};
	char *out = NULL;
	size_t len;
	error ignored;
	bool ok = false;
	int status;
	pid_t pid;

	popts.env = env;
	popts.die_with_us = true;
	pid = proc_spawn((const char *const *) argv, &popts, out_path, err);
	if (pid > 0 && (status = wait_sampling(o, pid, err)) >= 0) {
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		char *tail;

		out = fileio_read(out_path, 1 << 20, &len, &ignored);
		tail = error_lines(out ? out : "");
		res->connection_ms = connection_ms(out ? out : "");
		ok = true;
		if (code == 2) {
			res->aborted = true;
			res->errors = tail;
			tail = NULL;
		} else if (code != 0) {
			ok = error_set(err, ERROR_ENV, "pgbench failed with %s %d",
						   code < 0 ? "signal" : "exit status",
						   code < 0 ? WTERMSIG(status) : code);
			error_detail(err, "%s", tail);
		}
		free(tail);
	}
	free(out);
	free(out_path);
	free(pw);
	return ok;
}

bool
pgbench_run(const pgbench_options *o, pgbench_result *res, error *err)
{
	char *dir = NULL;
	char **argv = NULL;
	bool ok = false;
	error ignored;

	pgbench_result_free(res);
	res->log = (load_log) LOAD_LOG_INIT;
	if (!check_options(o, err))
		return false;
	dir = tmpdir_create("pgbench", NULL, err);
	if (dir == NULL)
		return false;
	argv = build_argv(o, dir, err);
	if (argv != NULL && run_pgbench(o, argv, dir, res, err))
		ok = read_logs(dir, o->rate > 0, res, err);
	if (!ok)
		pgbench_result_free(res);
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
	fileio_remove_tree(dir, &ignored);
	free(dir);
	return ok;
}
