/*
 * signals.c — SIGINT/SIGTERM flagging and the scratch-database registry
 * (see signals.h).
 */
#include "os/signals.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

/* The caught signal; written by the handler, read by everyone. */
static volatile sig_atomic_t caught;

/* Scratch database names; touched only outside the handler, which reads
 * only their count. */
static char registry[SIGNALS_MAX_DBS][64];
static volatile sig_atomic_t n_registered;

/* Set by signals_unwind_on_first: the command stops by itself on a first
 * signal even with nothing registered (watch). */
static volatile sig_atomic_t unwind_always;

static void
on_signal(int signo)
{
	if (caught != 0 || (n_registered == 0 && !unwind_always)) {
		/* A second signal (the user insists), or nothing of ours to clean
		 * up (no scratch database yet, e.g. while a template is built):
		 * die now, as without a handler; the next run reaps. */
		signal(signo, SIG_DFL);
		raise(signo);
		return;
	}
	caught = signo;
}

void
signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;            /* no SA_RESTART: waits return EINTR */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int
signals_caught(void)
{
	return (int) caught;
}

void
signals_unwind_on_first(void)
{
	unwind_always = 1;
}

void
signals_consume(void)
{
	caught = 0;
}

bool
signals_register_db(const char *name)
{
	if (strlen(name) >= sizeof registry[0])
		return false;
	for (size_t i = 0; i < SIGNALS_MAX_DBS; i++)
		if (registry[i][0] == '\0') {
			strcpy(registry[i], name);
			n_registered = (sig_atomic_t) signals_registered();
			return true;
		}
	return false;
}

void
signals_unregister_db(const char *name)
{
	for (size_t i = 0; i < SIGNALS_MAX_DBS; i++)
		if (strcmp(registry[i], name) == 0)
			registry[i][0] = '\0';
	n_registered = (sig_atomic_t) signals_registered();
}

size_t
signals_registered(void)
{
	size_t n = 0;

	for (size_t i = 0; i < SIGNALS_MAX_DBS; i++)
		n += registry[i][0] != '\0';
	return n;
}

int
signals_drop_registered(PGconn *admin)
{
	int dropped = 0;

	for (size_t i = 0; i < SIGNALS_MAX_DBS; i++) {
		char sql[128];
		PGresult *res;

		if (registry[i][0] == '\0')
			continue;
		if (admin != NULL && PQstatus(admin) == CONNECTION_OK) {
			/* names are ours (pgdrill_s_<pid>_<n>): no quoting needed */
			snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %.63s WITH (FORCE)", registry[i]);
			res = PQexec(admin, sql);
			if (PQresultStatus(res) == PGRES_COMMAND_OK)
				dropped++;
			PQclear(res);
		}
		registry[i][0] = '\0';
	}
	n_registered = 0;
	return dropped;
}

void
signals_reraise(void)
{
	int signo = (int) caught;

	if (signo == 0)
		return;
	signal(signo, SIG_DFL);
	raise(signo);
}

void
signals_reset(void)
{
	caught = 0;
	unwind_always = 0;
	memset(registry, 0, sizeof registry);
	n_registered = 0;
}
