/*
 * pgbouncer.h — a private PgBouncer in front of one scratch database
 * (implementation in engine/pg/pgbouncer.c).
 *
 * Pooling drills measure the learner's pool settings: pgbouncer_start
 * writes a configuration of pgdrill's own into a private 0700 directory
 * (os/tmpdir.h; owned by the server account when pgdrill runs as root,
 * since PgBouncer refuses to run as root), with no TCP listener
 * (listen_addr empty), a Unix socket in that directory, auth_type = trust
 * (only processes that can enter the directory can connect) and a
 * generated userlist naming the one role.  The only learner-chosen values
 * are a validated pool mode and pool size (scoring/load pool.c); no text of
 * an answer reaches the file.  PgBouncer is pgdrill's child and dies with
 * it (proc.h, die_with_us); pgbouncer_stop ends it and removes the
 * directory; pgbouncer_reap removes what a SIGKILLed pgdrill left.
 */
#ifndef PGDRILL_PGBOUNCER_H
#define PGDRILL_PGBOUNCER_H

#include <stdbool.h>
#include <sys/types.h>

#include "error.h"
#include "load/load.h"

/* The port number in the socket's name (.s.PGSQL.<port>); the directory is
 * private, so one fixed number never collides. */
#define PGBOUNCER_PORT 6432

typedef struct pgbouncer_options {
	const char *program;     /* NULL: PGDRILL_PGBOUNCER, else "pgbouncer" in
							  * PATH, else /usr/sbin/pgbouncer */
	const char *run_as;      /* OS account to run as (we are root); NULL = us */
	const char *server_host; /* the server: socket directory or host name */
	int server_port;
	const char *dbname;      /* the scratch database; also the pooled name */
	const char *user;        /* the role clients and server connections use */
	const char *password;    /* for server connections; NULL = none */
	load_pool pool;          /* validated mode (not NONE) and size */
	int max_clients;         /* max_client_conn, >= 1 */
} pgbouncer_options;

typedef struct pgbouncer {
	pid_t pid;               /* 0 when not running */
	char *dir;               /* the private directory (socket, config, log) */
	char *conninfo;          /* libpq conninfo for clients, malloc'd */
} pgbouncer;

/*
 * Start PgBouncer and wait until it accepts connections (up to 10 s).
 * `b` is filled on success; on failure nothing is left running or on disk.
 * ERROR_USAGE for options that could not be written safely (a name with
 * characters outside [A-Za-z0-9._/-], pool mode NONE, a size out of
 * bounds), ERROR_ENV when PgBouncer is missing or does not come up (the
 * detail holds the tail of its log).
 */
bool pgbouncer_start(pgbouncer *b, const pgbouncer_options *o, error *err);

/* Stop it (SIGTERM, SIGKILL after 5 s), remove its directory, free `b`'s
 * strings.  Accepts a zeroed or already stopped `b`.  Returns false with
 * err when the directory cannot be removed. */
bool pgbouncer_stop(pgbouncer *b, error *err);

/* Remove the directories of PgBouncers of dead pgdrill processes on this
 * host, killing such a PgBouncer first if it still runs (its pid file, and
 * only a process named pgbouncer).  Returns how many were removed. */
int pgbouncer_reap(void);

#endif
