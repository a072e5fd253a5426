/*
 * pgbench.h — running a workload with pgbench and reading its
 * per-transaction log (implementation in engine/pg/pgbench.c).
 *
 * A load drill's endpoints are pgbench scripts.  pgbench_run writes them to
 * a private temporary directory (os/tmpdir.h), runs the pgbench of the
 * PostgreSQL bindir pgdrill uses —
 *
 *   pgbench -n -f 0.sql@w0 -f 1.sql@w1 ... -c C -j J -T S [--rate R
 *           [--latency-limit L]] [-C] -l --log-prefix=<dir>/log <conninfo>
 *
 * — as a child that dies with pgdrill (proc.h, die_with_us; a caught
 * SIGINT/SIGTERM kills it at once), calling the caller's sampler while it
 * runs, reads every
 * log file (-j writes one per thread), parses them (scoring/load) and
 * removes the directory.  It connects with the conninfo it is given (the
 * caller makes it the learner role on a scratch clone, or a private
 * PgBouncer in front of one); the application_name is "pgdrill_load" so
 * waits can be sampled from pg_stat_activity.  It does not validate the
 * scripts (the caller has passed every statement through scoring/sql) and
 * does not decide anything from the figures.
 */
#ifndef PGDRILL_PGBENCH_H
#define PGDRILL_PGBENCH_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "load/load.h"

/* application_name of pgbench's sessions. */
#define PGBENCH_APPLICATION_NAME "pgdrill_load"

typedef struct pgbench_script {
	const char *text;      /* the script (pgbench syntax) */
	int weight;            /* relative frequency, >= 1 */
} pgbench_script;

typedef struct pgbench_options {
	const char *bindir;    /* directory holding pgbench */
	const char *conninfo;  /* libpq conninfo: where and as whom */
	const char *password;  /* PGPASSWORD for the run, NULL for none */
	const pgbench_script *scripts;  /* endpoints, numbered from 0 */
	size_t n_scripts;      /* 1 .. PGBENCH_MAX_SCRIPTS */
	int clients;           /* -c, >= 1 */
	int threads;           /* -j, 1 .. clients */
	int duration_s;        /* -T, >= 1 */
	double rate;           /* --rate (transactions/s, all clients); 0 = none */
	double latency_limit_ms;  /* --latency-limit (needs rate); 0 = none */
	bool connect_each;     /* -C: a new connection per transaction */
	/* Called every sample_every_s seconds (0: 0.1 s) while pgbench runs,
	 * e.g. to sample pg_stat_activity; NULL for none. */
	void (*sample)(void *arg);
	void *sample_arg;
	double sample_every_s;
} pgbench_options;

#define PGBENCH_MAX_SCRIPTS 32

typedef struct pgbench_result {
	load_log log;          /* every transaction of the run */
	bool aborted;          /* pgbench exited 2: a client stopped on an error */
	char *errors;          /* its last lines of output when aborted, else NULL */
	double connection_ms;  /* pgbench's average (-C) or initial connection
							  time, 0 when it printed none */
} pgbench_result;

#define PGBENCH_RESULT_INIT { LOAD_LOG_INIT, false, NULL, 0 }

/*
 * Run the workload and fill `res` (initialise with PGBENCH_RESULT_INIT or
 * zero it; free with pgbench_result_free on every path).  Returns true when
 * pgbench ran to its end and its logs parsed — including a run in which
 * clients aborted on errors (res->aborted, res->errors), which the caller
 * must not pass.  False with err: ERROR_USAGE for options out of range,
 * ERROR_ENV when pgbench is missing, rejects its options (exit 1), is
 * interrupted, overruns its duration by 30 s, or writes a log that does not
 * parse.  Leaves no file behind.
 */
bool pgbench_run(const pgbench_options *o, pgbench_result *res, error *err);

void pgbench_result_free(pgbench_result *res);

/* Remove pgbench directories of dead pgdrill processes (tmpdir_reap);
 * returns how many. */
int pgbench_reap(void);

#endif
