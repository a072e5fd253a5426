/*
 * progress.h — how engine modules tell the user what a long step is doing.
 *
 * Engine modules never print; they call progress_say() on a `progress` the
 * CLI gave them.  The CLI's reporter writes to stderr only when stderr is a
 * terminal and --quiet is off (engine/cli/cli_common.c: cli_progress()).  A NULL
 * progress, or one without a callback, swallows messages: tests pass NULL.
 */
#ifndef PGDRILL_PROGRESS_H
#define PGDRILL_PROGRESS_H

typedef struct progress {
	void (*report)(void *ctx, const char *message, int done, int total);
	void *ctx;
} progress;

/* Report a step; `done`/`total` give a fraction when total > 0. */
void progress_step(const progress *p, int done, int total, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Report a message without a fraction. */
void progress_say(const progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
