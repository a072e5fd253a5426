/*
 * learner_env.c — the learner-journey db tests' shared set-up (see
 * learner_env.h).  Test code only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "learner_env.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "os/clock.h"
#include "os/fileio.h"
#include "harness.h"
#include "os/paths.h"
#include "strbuf.h"

char *
learner_tiny_drills(void)
{
	return xasprintf("%s/tests/db/catalogue/drills", getenv("PGDRILL_SOURCE_DIR"));
}

char *
learner_tiny_fixtures(void)
{
	return xasprintf("%s/tests/db/catalogue/fixtures", getenv("PGDRILL_SOURCE_DIR"));
}

static void
remove_tree(const char *dir)
{
	const char *rm[] = {"rm", "-rf", dir, NULL};
	proc_result res = PROC_RESULT_INIT;
	error err;

	if (!proc_run_ok(rm, NULL, &res, &err))
		print_message("removing %s: %s\n", dir, err.message);
	proc_result_free(&res);
}

void
learner_env_init(learner_env *le, const char *name, const char *drills_dir,
				 const char *fixtures_dir)
{
	char *home = harness_home();
	error err;

	memset(le, 0, sizeof *le);
	le->dir = xasprintf("%s/%s.%ld", home, name, (long) getpid());
	free(home);
	remove_tree(le->dir);
	le->state_home = paths_join(le->dir, "state");
	if (!paths_mkdir_p(le->state_home, 0755, &err))
		fail_msg("%s", err.message);
	le->env_store[0] = xasprintf("XDG_STATE_HOME=%s", le->state_home);
	if (drills_dir)
		le->env_store[1] = xasprintf("PGDRILL_DRILLS=%s", drills_dir);
	else {
		char *d = learner_tiny_drills();

		le->env_store[1] = xasprintf("PGDRILL_DRILLS=%s", d);
		free(d);
	}
	if (fixtures_dir)
		le->env_store[2] = xasprintf("PGDRILL_FIXTURES=%s", fixtures_dir);
	else {
		char *f = learner_tiny_fixtures();

		le->env_store[2] = xasprintf("PGDRILL_FIXTURES=%s", f);
		free(f);
	}
	/* each fixture's default scale: drills are written for it (the tiny
	 * fixture's is 0.05) */
	le->env_store[3] = xstrdup("PGDRILL_SCALE");
	for (int i = 0; i < 4; i++)
		le->env[i] = le->env_store[i];
	le->env[4] = "PGDRILL_DB";
	le->env[5] = NULL;
}

void
learner_env_free(learner_env *le)
{
	if (le->dir)
		remove_tree(le->dir);
	free(le->dir);
	free(le->state_home);
	for (int i = 0; i < 6; i++)
		free(le->env_store[i]);
	memset(le, 0, sizeof *le);
}

void
learner_run(const learner_env *le, const char *const *args, proc_result *res)
{
	harness_run_pgdrill(args, le->env, NULL, LEARNER_TIMEOUT, res);
}

cJSON *
learner_json(const learner_env *le, const char *const *args, int *code)
{
	const char *argv[40];
	proc_result res = PROC_RESULT_INIT;
	cJSON *json;
	int n = 0;

	for (; args[n] && n < 36; n++)
		argv[n] = args[n];
	argv[n++] = "--format";
	argv[n++] = "json";
	argv[n] = NULL;
	learner_run(le, argv, &res);
	*code = res.exit_code;
	json = harness_json_of(&res, args[0]);
	proc_result_free(&res);
	return json;
}

cJSON *
learner_state(const learner_env *le)
{
	char *path = xasprintf("%s/pgdrill/state.json", le->state_home);
	size_t len;
	error err;
	char *text = fileio_exists(path) ? fileio_read(path, 1 << 24, &len, &err) : NULL;
	cJSON *json = text ? cJSON_Parse(text) : NULL;

	if (text && json == NULL)
		fail_msg("%s is not JSON: %s", path, text);
	free(text);
	free(path);
	return json;
}

char *
learner_drill_file(const char *drills_dir, const char *id, const char *name)
{
	return xasprintf("%s/%s/%s", drills_dir, id, name);
}

void
write_text(const char *path, const char *text)
{
	char *dir = xstrndup(path, (size_t) (strrchr(path, '/') - path));
	error err;

	if (!paths_mkdir_p(dir, 0755, &err) ||
		!fileio_write_atomic(path, text, strlen(text), 0644, &err))
		fail_msg("writing %s: %s", path, err.message);
	free(dir);
}

void
copy_text(const char *from, const char *to)
{
	size_t len;
	error err;
	char *text = fileio_read(from, 1 << 20, &len, &err);

	if (text == NULL)
		fail_msg("reading %s: %s", from, err.message);
	write_text(to, text);
	free(text);
}

void
learner_run_pid(const learner_env *le, const char *const *args, proc_result *res, long *pid)
{
	const char *argv[48];
	proc_options o = {0};
	error err;
	int n = 0;
	const char *out, *eol;

	argv[n++] = "sh";
	argv[n++] = "-c";
	argv[n++] = "echo $$; exec \"$0\" \"$@\"";
	argv[n++] = getenv("PGDRILL_BIN");
	for (; *args && n < 46; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	o.env = le->env;
	o.timeout_s = LEARNER_TIMEOUT;
	if (!proc_run(argv, &o, res, &err))
		fail_msg("running pgdrill: %s", err.message);
	out = strbuf_str(&res->out);
	eol = strchr(out, '\n');
	if (eol == NULL)
		fail_msg("no pid line in: %s", out);
	*pid = strtol(out, NULL, 10);
	{
		char *rest = xstrdup(eol + 1);

		strbuf_reset(&res->out);
		strbuf_append(&res->out, rest);
		free(rest);
	}
}

void
assert_no_scratch_left(long pid)
{
	PGconn *conn = harness_connect("postgres");
	char *sql = xasprintf("SELECT string_agg(datname, ', ') FROM pg_database "
						  "WHERE datname LIKE 'pgdrill\\_s\\_%ld\\_%%'", pid);
	PGresult *res = PQexec(conn, sql);

	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	if (!PQgetisnull(res, 0, 0))
		fail_msg("databases left behind: %s", PQgetvalue(res, 0, 0));
	PQclear(res);
	PQfinish(conn);
	free(sql);
}

void
learner_watch_start(const learner_env *le, const char *drill, const char *answer,
					learner_watcher *w)
{
	int fds[2];
	char *errlog = xasprintf("%s/watch.stderr", le->dir);

	assert_int_equal(pipe(fds), 0);
	w->pid = fork();
	assert_true(w->pid >= 0);
	if (w->pid == 0) {
		int fd = open(errlog, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(fds[1], STDOUT_FILENO);
		if (fd >= 0)
			dup2(fd, STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		for (const char *const *e = le->env; *e; e++) {
			const char *eq = strchr(*e, '=');

			if (eq) {
				char *name = xstrndup(*e, (size_t) (eq - *e));

				setenv(name, eq + 1, 1);
				free(name);
			} else
				unsetenv(*e);
		}
		execl(getenv("PGDRILL_BIN"), "pgdrill", "watch", drill, "--answer", answer,
			  "--runs", "2", "--debounce", "100", "--format", "json", (char *) NULL);
		_exit(127);
	}
	close(fds[1]);
	w->out = fds[0];
	strbuf_init(&w->buf);
	free(errlog);
}

cJSON *
learner_watch_next(learner_watcher *w, double timeout_s)
{
	double t0 = clock_now_s();

	for (;;) {
		const char *data = strbuf_str(&w->buf);
		const char *eol = strchr(data, '\n');
		struct pollfd p = {w->out, POLLIN, 0};
		double left;
		char chunk[4096];
		ssize_t n;

		if (eol) {
			char *line = xstrndup(data, (size_t) (eol - data));
			char *rest = xstrdup(eol + 1);
			cJSON *json = cJSON_Parse(line);

			if (json == NULL)
				fail_msg("watch printed a line that is not JSON: %s", line);
			strbuf_reset(&w->buf);
			strbuf_append(&w->buf, rest);
			free(rest);
			free(line);
			return json;
		}
		left = timeout_s - (clock_now_s() - t0);
		if (left <= 0)
			return NULL;
		if (poll(&p, 1, (int) (left * 1000) + 1) <= 0)
			continue;
		n = read(w->out, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return NULL;
		strbuf_append_len(&w->buf, chunk, (size_t) n);
	}
}

int
learner_watch_stop(learner_watcher *w)
{
	int status = 0;

	assert_int_equal(kill(w->pid, SIGINT), 0);
	assert_int_equal(waitpid(w->pid, &status, 0), w->pid);
	close(w->out);
	strbuf_free(&w->buf);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}
