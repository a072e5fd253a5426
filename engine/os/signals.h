/*
 * signals.h — SIGINT and SIGTERM during a command: stop promptly, clean up,
 * then die of the signal.
 *
 * The CLI installs the handlers once (signals_install).  The handler is
 * async-signal-safe: it only records the signal in a sig_atomic_t.  When
 * there is nothing to clean up (no scratch database registered: listing,
 * building a template) or on a second signal (a user who presses ^C twice is
 * never stuck), it restores the default action and re-raises: the process
 * ends at once, as it would without a handler.  Code that waits for the server
 * (engine/sandbox/run.c) polls signals_caught() and stops the query in flight, so
 * the command unwinds through its ordinary cleanup: sessions are rolled back
 * and closed, scratch databases dropped.  Scratch databases are also kept in
 * a registry (scratch_create registers, scratch_drop unregisters) that
 * signals_drop_registered empties as a last resort before exit.  SIGKILL
 * cannot be caught: scratch_reap collects what such a process leaves.
 *
 * One policy for every command.  A command that runs until interrupted
 * (watch) asks, with signals_unwind_on_first, for the first signal to be
 * recorded even when nothing is registered: it stops at its next poll, and
 * a grade in flight is cancelled by run.c exactly as in check.  When such a
 * command has handled the signal itself (watch exits 0 on Ctrl-C), it calls
 * signals_consume so that main does not re-raise it.  A second signal always
 * ends the process at once.
 *
 * This module holds the process's only mutable global state besides the
 * parsed command line: a signal is process-wide by nature.  It does not
 * print or exit; the CLI does (signals_reraise).
 */
#ifndef PGDRILL_SIGNALS_H
#define PGDRILL_SIGNALS_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

/* How many scratch databases the registry holds (a check uses 3). */
#define SIGNALS_MAX_DBS 16

/* Install the SIGINT and SIGTERM handlers (without SA_RESTART, so a poll()
 * in progress returns EINTR).  Idempotent. */
void signals_install(void);

/* The signal caught (SIGINT or SIGTERM), or 0.  Async-signal-safe. */
int signals_caught(void);

/* From now on, record the first signal even with nothing registered (the
 * command polls signals_caught and stops by itself).  Idempotent. */
void signals_unwind_on_first(void);

/* The command handled the caught signal (it ends normally): forget it, so
 * signals_reraise does nothing. */
void signals_consume(void);

/* Remember / forget a scratch database by name (copied).  Registering more
 * than SIGNALS_MAX_DBS returns false (the database is then only reaped by
 * scratch_reap); forgetting an unknown name is a no-op. */
bool signals_register_db(const char *name);
void signals_unregister_db(const char *name);

/* How many databases are registered now. */
size_t signals_registered(void);

/* Drop (WITH FORCE) every registered database through `admin` and forget
 * them; failures are ignored (scratch_reap is the next line of defence).
 * Returns how many were dropped.  Accepts a NULL or lost connection. */
int signals_drop_registered(PGconn *admin);

/* When a signal was caught: restore its default action and raise it, so the
 * process ends as killed by that signal (exit status 128+n in a shell).
 * Returns only when no signal was caught. */
void signals_reraise(void);

/* Forget the caught signal and the registry (tests only). */
void signals_reset(void);

#endif
