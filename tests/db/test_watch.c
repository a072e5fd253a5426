/*
 * test_watch.c — `pgdrill watch` on a real PostgreSQL: the test starts the
 * binary in the background (--format json: one JSON object per grade),
 * reads the first grade of the answer file, then saves the file the ways
 * editors do — a temporary file renamed over it (vim, IDEs), and a write in
 * place — and reads each re-grade; a save that leaves the bytes unchanged
 * is not re-graded; SIGINT ends the watch with exit status 0, no scratch
 * database left behind, and every grade recorded in the learner state.
 * Uses the tiny test catalogue (tests/db/catalogue).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "os/clock.h"
#include "harness.h"
#include "learner_env.h"
#include "strbuf.h"

typedef struct watcher {
	pid_t pid;
	int out;          /* read end of its standard output */
	strbuf buf;       /* bytes read but not yet consumed as lines */
} watcher;

static void
start_watch(const learner_env *le, const char *answer, watcher *w)
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
		execl(getenv("PGDRILL_BIN"), "pgdrill", "watch", "t-sargable", "--answer", answer,
			  "--runs", "2", "--debounce", "100", "--format", "json", (char *) NULL);
		_exit(127);
	}
	close(fds[1]);
	w->out = fds[0];
	strbuf_init(&w->buf);
	free(errlog);
}

/* The next line of the watcher's output as JSON, waiting at most timeout_s;
 * NULL on timeout (or end of output). */
static cJSON *
next_grade(watcher *w, double timeout_s)
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

static void
expect_grade(watcher *w, int round, const char *status)
{
	cJSON *g = next_grade(w, 300);

	if (g == NULL)
		fail_msg("no grade for round %d within 300 s", round);
	assert_int_equal((int) jnum(g, "round"), round);
	if (strcmp(jstr(g, "status"), status) != 0)
		fail_msg("round %d: %s (%s), expected %s", round, jstr(g, "status"),
				 jstr(g, "message"), status);
	cJSON_Delete(g);
}

/* Save the way vim does: write a temporary file, rename it over the answer. */
static void
save_by_rename(const char *path, const char *text)
{
	char *tmp = xasprintf("%s.swp~", path);
	FILE *f = fopen(tmp, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(rename(tmp, path), 0);
	free(tmp);
}

static void
save_in_place(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void
test_watch_regrades_on_save(void **state)
{
	learner_env le;
	watcher w;
	char *answer, *drills = learner_tiny_drills();
	char *slow = learner_drill_file(drills, "t-sargable", "slow.sql");
	int status = 0;
	cJSON *st;
	const char *good = "SELECT id, v FROM items WHERE v = 7 ORDER BY id;\n";
	const char *bad = "SELECT id, v\nFROM items WHERE v = = 7;\n";

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	learner_env_init(&le, "watch", NULL, NULL);
	answer = xasprintf("%s/work/t-sargable.sql", le.dir);
	copy_text(slow, answer);
	start_watch(&le, answer, &w);
	expect_grade(&w, 1, "fail");                 /* the slow query, unchanged */
	save_by_rename(answer, good);
	expect_grade(&w, 2, "pass");
	save_in_place(answer, good);                 /* same bytes: no re-grade */
	save_in_place(answer, bad);                  /* ...but this one is */
	expect_grade(&w, 3, "rejected");
	/* two quick saves inside the debounce window: one grade, of the last */
	save_in_place(answer, bad);
	save_by_rename(answer, good);
	expect_grade(&w, 4, "pass");
	{
		cJSON *extra = next_grade(&w, 1.5);

		if (extra)
			fail_msg("an extra grade: round %d", (int) jnum(extra, "round"));
	}
	/* Ctrl-C: a clean exit */
	assert_int_equal(kill(w.pid, SIGINT), 0);
	assert_int_equal(waitpid(w.pid, &status, 0), w.pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	close(w.out);
	strbuf_free(&w.buf);
	assert_no_scratch_left((long) w.pid);
	st = learner_state(&le);
	assert_non_null(st);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(st, "attempts")), 4);
	cJSON_Delete(st);
	free(answer);
	free(slow);
	free(drills);
	learner_env_free(&le);
}

static void
test_watch_usage_errors(void **state)
{
	learner_env le;
	proc_result res = PROC_RESULT_INIT;
	const char *missing[] = {"watch", "t-sargable", "--answer", "/nonexistent/x.sql", NULL};
	const char *stdin_answer[] = {"watch", "t-sargable", "--answer", "-", NULL};
	const char *no_drill[] = {"watch", NULL};

	(void) state;
	learner_env_init(&le, "watch-usage", NULL, NULL);
	learner_run(&le, missing, &res);
	assert_int_equal(res.exit_code, 2);
	assert_non_null(strstr(strbuf_str(&res.err), "no answer to watch"));
	learner_run(&le, stdin_answer, &res);
	assert_int_equal(res.exit_code, 2);
	learner_run(&le, no_drill, &res);
	assert_int_equal(res.exit_code, 2);
	proc_result_free(&res);
	learner_env_free(&le);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_watch_regrades_on_save),
		cmocka_unit_test(test_watch_usage_errors),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests_name("watch", tests, harness_group_setup, NULL);
}
