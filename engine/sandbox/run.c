/*
 * run.c — statements under a deadline, streamed results (see run.h).
 */
#include "sandbox/run.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "os/clock.h"
#include "pg/db.h"
#include "os/signals.h"
#include "strbuf.h"

/* Wait until a result is ready or `deadline` passes; false on timeout, and
 * (when `interruptible`) as soon as SIGINT or SIGTERM was caught. */
static bool
wait_ready(PGconn *conn, double deadline, bool interruptible, bool *lost)
{
	*lost = false;
	while (PQisBusy(conn)) {
		struct pollfd pfd = {PQsocket(conn), POLLIN, 0};
		double left = deadline - clock_now_s();

		if (left <= 0 || (interruptible && signals_caught()))
			return false;
		if (poll(&pfd, 1, (int) (left * 1000) + 1) < 0)
			continue;
		if (!PQconsumeInput(conn)) {
			*lost = true;
			return true;
		}
	}
	return true;
}

/* How a query we stopped ended. */
typedef enum stop_outcome {
	STOP_CANCELLED,    /* the backend stopped it; the session is usable */
	STOP_TERMINATED,   /* it ignored the cancel; we terminated the backend */
	STOP_LOST,         /* the connection died without our doing: the server */
	STOP_UNRESPONSIVE  /* neither cancel nor terminate got an answer */
} stop_outcome;

/* Send a cancel request for `conn`'s query, giving up at `deadline`.
 * PQcancel (libpq 15 has no non-blocking cancel) connects to the postmaster
 * and waits until it closes the connection: a stopped or wedged postmaster
 * never does.  So a child process sends it (PQcancel is safe even in a
 * signal handler: it touches nothing but the PGcancel) and is killed if it
 * is not done in time.  False when the request was not delivered. */
static bool
send_cancel(PGconn *conn, double deadline)
{
	PGcancel *cancel = PQgetCancel(conn);
	pid_t pid;
	int status = 0;
	bool done = false;

	if (cancel == NULL)
		return false;
	pid = fork();
	if (pid == 0) {
		char errbuf[256];

		_exit(PQcancel(cancel, errbuf, sizeof errbuf) ? 0 : 1);
	}
	PQfreeCancel(cancel);
	if (pid < 0)
		return false;
	while (!done) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		struct timespec pause = {0, 2 * 1000 * 1000};

		if (r == pid)
			done = true;
		else if (r < 0 || clock_now_s() >= deadline)
			break;
		else
			nanosleep(&pause, NULL);
	}
	if (!done) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return false;
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* pg_terminate_backend(pid) through the admin connection, giving up at
 * `deadline` (the admin's backend can hang like any other).  False when it
 * was not confirmed. */
static bool
terminate_backend(PGconn *admin, int pid, double deadline)
{
	char *sql = xasprintf("SELECT pg_terminate_backend(%d)", pid);
	bool sent = PQsendQuery(admin, sql) == 1, ok = true;

	free(sql);
	if (!sent)
		return false;
	for (;;) {
		bool lost;
		PGresult *r;

		if (!wait_ready(admin, deadline, false, &lost) || lost)
			return false;
		r = PQgetResult(admin);
		if (r == NULL)
			return ok;
		if (PQresultStatus(r) != PGRES_TUPLES_OK)
			ok = false;
		PQclear(r);
	}
}

/* Cancel the query in flight; if the backend does not stop within the grace
 * period, terminate it through the admin connection.  Every step is bounded
 * in time: a server that answers nothing costs at most a few grace periods,
 * never a hang.  Drains results. */
static stop_outcome
cancel_and_drain(PGconn *conn, const run_limits *lim)
{
	double deadline = clock_now_s() + RUN_CANCEL_GRACE_S;
	bool terminated = false;

	send_cancel(conn, deadline);
	for (;;) {
		bool lost;
		PGresult *res;

		if (!wait_ready(conn, deadline, false, &lost)) {
			if (terminated || lim->admin == NULL)
				return STOP_UNRESPONSIVE; /* the caller drops the connection */
			terminated = true;
			deadline = clock_now_s() + RUN_CANCEL_GRACE_S;
			if (!terminate_backend(lim->admin, PQbackendPID(conn), deadline))
				return STOP_UNRESPONSIVE;
			continue;
		}
		if (lost)
			return terminated ? STOP_TERMINATED : STOP_LOST;
		res = PQgetResult(conn);
		if (res == NULL)
			return terminated ? STOP_TERMINATED : STOP_CANCELLED;
		PQclear(res);
	}
}

/* The deadline passed (or a signal came): stop the query and say so.  A
 * server that does not take the cancel, or goes away meanwhile, is an
 * environment failure, not the answer's.  Returns false. */
static bool
stop_query(PGconn *conn, const run_limits *lim, error *err)
{
	stop_outcome how = cancel_and_drain(conn, lim);

	if (signals_caught())
		return error_set(err, ERROR_ENV, "interrupted by %s: the query was cancelled",
						 signals_caught() == SIGINT ? "SIGINT" : "SIGTERM");
	if (how == STOP_LOST || how == STOP_UNRESPONSIVE) {
		error_set(err, ERROR_ENV, "the query exceeded the time limit of %g s and the "
				  "server %s", lim->timeout_s, how == STOP_LOST ? "closed the connection"
				  : "did not answer the cancel request or pg_terminate_backend");
		error_hint(err, "The server may have crashed or been stopped; run the check "
				   "again (pgdrill restarts its private cluster when needed).");
		return false;
	}
	return error_set(err, ERROR_FAILED,
					 "the query exceeded the time limit of %g s and was cancelled",
					 lim->timeout_s);
}

typedef struct sink {
	result_digest *digest;    /* digest rows, or */
	bool ladder_mode;         /* feed a rounding ladder (`ladder`), or */
	rounding_ladder *ladder;
	uint64_t find_hash;       /* find the row with this hash */
	char *found;
	const int *key_cols;
	int nkeys;
	size_t rows, bytes;
} sink;

static void
sink_row(sink *k, const PGresult *res, const run_limits *lim, error *err, bool *stop)
{
	int n = PQnfields(res);
	const char **vals = xcalloc((size_t) n + 1, sizeof(char *));
	int *lens = xcalloc((size_t) n + 1, sizeof(int));

	if (k->digest == NULL && k->ladder == NULL && k->find_hash == 0) {
		uint32_t *types = xcalloc((size_t) n + 1, sizeof(uint32_t));

		for (int i = 0; i < n; i++)
			types[i] = (uint32_t) PQftype(res, i);
		if (k->ladder_mode)
			k->ladder = rounding_ladder_new(n, types);
		else
			k->digest = result_digest_new(n, types, k->key_cols, k->nkeys);
		free(types);
	}
	for (int i = 0; i < n; i++) {
		vals[i] = PQgetisnull(res, 0, i) ? NULL : PQgetvalue(res, 0, i);
		lens[i] = PQgetlength(res, 0, i);
		k->bytes += (size_t) lens[i];
	}
	k->rows++;
	if (k->find_hash != 0) {
		uint32_t *types = xcalloc((size_t) n + 1, sizeof(uint32_t));

		for (int i = 0; i < n; i++)
			types[i] = (uint32_t) PQftype(res, i);
		if (k->found == NULL && compare_row_hash(n, types, vals, lens) == k->find_hash) {
			strbuf sb = STRBUF_INIT;

			strbuf_append_char(&sb, '(');
			for (int i = 0; i < n; i++) {
				if (i)
					strbuf_append(&sb, ", ");
				strbuf_append(&sb, vals[i] ? vals[i] : "NULL");
				if (sb.len > 300) {
					strbuf_append(&sb, "...");
					break;
				}
			}
			strbuf_append_char(&sb, ')');
			k->found = strbuf_steal(&sb);
		}
		free(types);
	} else if (k->ladder)
		rounding_ladder_add(k->ladder, vals, lens);
	else
		result_digest_add(k->digest, vals, lens);
	free(vals);
	free(lens);
	if (k->rows > lim->max_rows) {
		error_set(err, ERROR_FAILED, "the query returned more than %zu rows (the limit)",
				  lim->max_rows);
		*stop = true;
	} else if (k->bytes > lim->max_bytes) {
		error_set(err, ERROR_FAILED, "the query returned more than %zu bytes (the limit)",
				  lim->max_bytes);
		*stop = true;
	}
}

/*
 * Send `sql`, then consume results into `k` (when non-NULL) until done or
 * the deadline.  Returns false with err on any failure.
 */
static bool
run_stream(PGconn *conn, const char *sql, const run_limits *lim, error_kind kind,
		   sink *k, error *err)
{
	double deadline = clock_now_s() + lim->timeout_s;
	bool ok = true, stopped = false;
	PGresult *res;

	if (!PQsendQueryParams(conn, sql, 0, NULL, NULL, NULL, NULL, 0))
		return db_error_from(conn, NULL, kind, err);
	if (k)
		PQsetSingleRowMode(conn);
	for (;;) {
		bool lost;

		if (!wait_ready(conn, deadline, true, &lost))
			return stop_query(conn, lim, err);
		if (lost)
			return db_error_from(conn, NULL, ERROR_ENV, err);
		res = PQgetResult(conn);
		if (res == NULL)
			break;
		switch (PQresultStatus(res)) {
		case PGRES_SINGLE_TUPLE:
			if (ok && !stopped && k)
				sink_row(k, res, lim, err, &stopped);
			if (stopped) {
				/* a cap was hit: err says which; stop the rest */
				PQclear(res);
				cancel_and_drain(conn, lim);
				return false;
			}
			break;
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			break;
		default:
			if (ok)
				db_error_from(conn, res, kind, err);
			ok = false;
		}
		PQclear(res);
	}
	return ok;
}

bool
run_command(PGconn *conn, const char *sql, const run_limits *lim, error_kind kind,
			error *err)
{
	return run_stream(conn, sql, lim, kind, NULL, err);
}

bool
run_digest(PGconn *conn, const char *sql, const run_limits *lim, const int *key_cols,
		   int nkeys, error_kind kind, result_digest **out, error *err)
{
	sink k = {0};

	k.key_cols = key_cols;
	k.nkeys = nkeys;
	if (!run_stream(conn, sql, lim, kind, &k, err)) {
		result_digest_free(k.digest);
		return false;
	}
	if (k.digest == NULL) {
		/* no rows: learn the column types from a described statement */
		PGresult *d;
		uint32_t *types;
		int n;

		d = PQprepare(conn, "", sql, 0, NULL);
		if (d == NULL || PQresultStatus(d) != PGRES_COMMAND_OK) {
			db_error_from(conn, d, kind, err);
			PQclear(d);
			return false;
		}
		PQclear(d);
		d = PQdescribePrepared(conn, "");
		if (d == NULL || PQresultStatus(d) != PGRES_COMMAND_OK) {
			db_error_from(conn, d, kind, err);
			PQclear(d);
			return false;
		}
		n = PQnfields(d);
		types = xcalloc((size_t) n + 1, sizeof(uint32_t));
		for (int i = 0; i < n; i++)
			types[i] = (uint32_t) PQftype(d, i);
		k.digest = result_digest_new(n, types, key_cols, nkeys);
		free(types);
		PQclear(d);
	}
	*out = k.digest;
	return true;
}

rounding_ladder *
run_rounding_ladder(PGconn *conn, const char *sql, const run_limits *lim)
{
	sink k = {0};
	error ignored;

	k.ladder_mode = true;
	if (!run_stream(conn, sql, lim, ERROR_FAILED, &k, &ignored)) {
		rounding_ladder_free(k.ladder);
		return NULL;
	}
	return k.ladder;
}

char *
run_find_row(PGconn *conn, const char *sql, const run_limits *lim, uint64_t hash)
{
	sink k = {0};
	error ignored;

	k.find_hash = hash ? hash : 1;
	if (!run_stream(conn, sql, lim, ERROR_FAILED, &k, &ignored)) {
		free(k.found);
		return NULL;
	}
	return k.found;
}

char *
run_explain(PGconn *conn, const char *sql, bool timing, const run_limits *lim,
			error_kind kind, error *err)
{
	char *q = xasprintf("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON%s) %s",
						timing ? "" : ", TIMING OFF", sql);
	double deadline = clock_now_s() + lim->timeout_s;
	strbuf out = STRBUF_INIT;
	bool ok = true;
	PGresult *res;

	if (!PQsendQueryParams(conn, q, 0, NULL, NULL, NULL, NULL, 0)) {
		free(q);
		db_error_from(conn, NULL, kind, err);
		return NULL;
	}
	free(q);
	for (;;) {
		bool lost;

		if (!wait_ready(conn, deadline, true, &lost)) {
			stop_query(conn, lim, err);
			strbuf_free(&out);
			return NULL;
		}
		if (lost) {
			db_error_from(conn, NULL, ERROR_ENV, err);
			strbuf_free(&out);
			return NULL;
		}
		res = PQgetResult(conn);
		if (res == NULL)
			break;
		if (PQresultStatus(res) == PGRES_TUPLES_OK) {
			for (int i = 0; i < PQntuples(res); i++)
				strbuf_append(&out, PQgetvalue(res, i, 0));
		} else if (ok) {
			db_error_from(conn, res, kind, err);
			ok = false;
		}
		PQclear(res);
	}
	if (!ok) {
		strbuf_free(&out);
		return NULL;
	}
	return strbuf_steal(&out);
}
