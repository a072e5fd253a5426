/*
 * proc.h — running a program: fork/exec with an argv (never a shell),
 * optionally as another OS account, with its standard output and error
 * captured, its standard input fed from memory, and a deadline.
 *
 * The private cluster runs initdb, pg_ctl and pg_config through here (as the
 * server account when pgdrill runs as root), load drills run pgbench and
 * PgBouncer (proc_spawn: the one long-lived child, stopped with proc_stop),
 * and the db test harness runs the pgdrill binary itself.  It is not a
 * general job-control layer: proc_run waits for its child before returning.  By default the child stays in
 * our process group, so a ^C at the terminal reaches it as it reaches us
 * (initdb then cleans up after itself and pgdrill sees it die); with
 * `new_group` it gets a process group of its own, and a timeout kills
 * everything it started in that group (pg_ctl's postmaster puts itself in a
 * new session and is never touched).
 * Descriptors other than 0, 1 and 2 are closed in the child, so a lock or a
 * connection of ours is never inherited by a long-lived server.
 */
#ifndef PGDRILL_PROC_H
#define PGDRILL_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "error.h"
#include "strbuf.h"

/* How to run the program.  A zeroed struct means: inherit the environment
 * and the working directory, stdin from /dev/null, as ourselves, no limit. */
typedef struct proc_options {
	/* NULL-terminated list of "NAME=value" (set) or "NAME" (unset) applied
	 * to a copy of our environment; NULL = no changes. */
	const char *const *env;
	const char *input;      /* bytes for standard input; NULL = /dev/null */
	size_t input_len;
	const char *cwd;        /* working directory of the child; NULL = ours */
	const char *user;       /* run as this account (we must be root); NULL = us */
	double timeout_s;       /* kill the child (SIGKILL) after this; <= 0 = never */
	bool new_group;         /* own process group: a timeout kills the group */
	size_t max_output;      /* cap per stream, extra bytes dropped; 0 = 64 MiB */
	/* The child never outlives pgdrill: it gets SIGKILL when we die, even
	 * of SIGKILL (PR_SET_PDEATHSIG, set after the account switch), and
	 * proc_run kills it when SIGINT/SIGTERM is caught (signals.h), so the
	 * command unwinds at once.  pgbench and PgBouncer run this way. */
	bool die_with_us;
} proc_options;

/* What happened.  Initialise with proc_result_init (or PROC_RESULT_INIT),
 * free with proc_result_free. */
typedef struct proc_result {
	int exit_code;     /* exit status when it exited normally, else -1 */
	int term_signal;   /* the signal that killed it, else 0 */
	bool timed_out;    /* we killed it at the deadline */
	bool interrupted;  /* we killed it: SIGINT/SIGTERM caught (die_with_us) */
	strbuf out;        /* captured standard output */
	strbuf err;        /* captured standard error */
} proc_result;

#define PROC_RESULT_INIT { -1, 0, false, false, STRBUF_INIT, STRBUF_INIT }

void proc_result_init(proc_result *res);
/* Free the captured output; accepts NULL.  The struct can be reused. */
void proc_result_free(proc_result *res);

/*
 * Run argv[0] (looked up in PATH when it has no '/') with arguments argv
 * (NULL-terminated) and wait for it.  `opts` may be NULL.  `res` receives the
 * status and output (it is reset first; the caller frees it on every path).
 * Returns true when the program ran to its end, whatever its exit status.
 * Returns false with err (ERROR_ENV) when it could not be started (missing
 * program, bad cwd, unknown account, not root for `user`: the message names
 * the program and the reason) or when it timed out (res->timed_out set,
 * output so far kept) or was interrupted (res->interrupted, die_with_us).
 */
bool proc_run(const char *const *argv, const proc_options *opts,
			  proc_result *res, error *err);

/*
 * Start argv like proc_run (opts->input, timeout_s and max_output are
 * ignored) and return without waiting: a long-lived child such as
 * PgBouncer.  Its standard output and error are appended to `log_path`
 * (created 0600; NULL = /dev/null); stdin is /dev/null.  Returns the pid
 * once the program has been exec'd, or -1 with err (ERROR_ENV) when it
 * could not start.  The caller ends it with proc_stop.
 */
pid_t proc_spawn(const char *const *argv, const proc_options *opts,
				 const char *log_path, error *err);

/*
 * End a child started by proc_spawn: SIGTERM, then SIGKILL when it is still
 * there after `grace_s` seconds (res->timed_out), and reap it; res gets its
 * exit status or signal.  Returns false when `pid` is not our child.
 */
bool proc_stop(pid_t pid, double grace_s, proc_result *res);

/*
 * proc_run, and also fail (ERROR_ENV) unless the program exited with status
 * 0: the message names the program and how it ended, the detail holds the
 * last lines of its standard error (or output when stderr is empty).
 */
bool proc_run_ok(const char *const *argv, const proc_options *opts,
				 proc_result *res, error *err);

/*
 * Whether OS account `user` can reach `path` with access(2) `mode` (R_OK,
 * W_OK, X_OK bits): checked in a child that switches to the account, walking
 * every parent directory (each needs search permission).  Must run as root.
 * Returns true with *blocked = NULL when reachable; true with *blocked set
 * (malloc'd: the first directory the account cannot enter, or `path` itself
 * when only the final mode is missing) when not; false with err when the
 * check itself could not be made.
 */
bool proc_access_as(const char *user, const char *path, int mode,
					char **blocked, error *err);

/* The last `max_lines` lines of `text` (all of it when shorter), malloc'd,
 * without a trailing newline.  Used for log and stderr tails in details. */
char *proc_tail_lines(const char *text, int max_lines);

#endif
