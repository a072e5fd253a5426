/*
 * learner_env.h — what the learner-journey db tests (test_journey.c,
 * test_grade.c, test_watch.c) share on top of harness.h: a private learner
 * state directory per test, the tiny test catalogue (tests/db/catalogue, a
 * concept graph that does not change when drills/ grows), running pgdrill
 * with both and reading its JSON, and small file helpers.
 *
 * Test code only: failures end the current test through cmocka.
 */
#ifndef PGDRILL_TESTS_LEARNER_ENV_H
#define PGDRILL_TESTS_LEARNER_ENV_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <sys/types.h>

#include "pg/proc.h"
#include "strbuf.h"

#define LEARNER_TIMEOUT 600

typedef struct learner_env {
	char *dir;            /* a fresh directory for this test (removed at the end) */
	char *state_home;     /* <dir>/state: XDG_STATE_HOME of the runs */
	const char *env[8];   /* NULL-terminated environment changes for pgdrill */
	char *env_store[6];
} learner_env;

/* A fresh learner (empty state) using catalogue `drills_dir` / `fixtures_dir`
 * (NULL: the tiny test catalogue) at each fixture's default scale. */
void learner_env_init(learner_env *le, const char *name, const char *drills_dir,
					  const char *fixtures_dir);
void learner_env_free(learner_env *le);

/* The tiny catalogue's folders (malloc'd). */
char *learner_tiny_drills(void);
char *learner_tiny_fixtures(void);

/* Run pgdrill (args NULL-terminated, without the program); fills *res. */
void learner_run(const learner_env *le, const char *const *args, proc_result *res);

/* Run with `--format json` appended; returns the parsed output (caller
 * deletes; the test fails when there is none) and the exit code. */
cJSON *learner_json(const learner_env *le, const char *const *args, int *code);

/* The learner's state.json parsed (caller deletes), or NULL when missing. */
cJSON *learner_state(const learner_env *le);

/* A drill file of a catalogue: <drills_dir>/<id>/<name>, malloc'd. */
char *learner_drill_file(const char *drills_dir, const char *id, const char *name);

/* JSON field helpers jstr / jnum: harness.h. */

/* Write `text` to `path` (creating parent folders) / copy a file. */
void write_text(const char *path, const char *text);
void copy_text(const char *from, const char *to);

/* Run pgdrill like learner_run and also return its process id (it is run
 * through `sh -c 'echo $$; exec ...'`, the first line of output is removed). */
void learner_run_pid(const learner_env *le, const char *const *args, proc_result *res,
					 long *pid);

/* No scratch database of process `pid` may be left behind.  (Only ours:
 * other worktrees' tests share the test cluster and may be mid-check.) */
void assert_no_scratch_left(long pid);

/* `pgdrill watch DRILL --answer ANSWER --runs 2 --debounce 100 --format
 * json` in the background, with le's environment (its stderr goes to
 * <le->dir>/watch.stderr). */
typedef struct learner_watcher {
	pid_t pid;
	int out;          /* read end of its standard output */
	strbuf buf;       /* bytes read but not yet consumed as lines */
} learner_watcher;

void learner_watch_start(const learner_env *le, const char *drill, const char *answer,
						 learner_watcher *w);

/* The next line of the watcher's output as JSON (caller deletes), waiting
 * at most timeout_s; NULL on timeout (or end of output). */
cJSON *learner_watch_next(learner_watcher *w, double timeout_s);

/* Ctrl-C the watcher, wait for it and return its exit status (the test
 * fails when it did not exit). */
int learner_watch_stop(learner_watcher *w);

#endif
