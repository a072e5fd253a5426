/*
 * progress.c — formatting progress messages for the CLI's reporter (see
 * progress.h).  No output happens here: the callback decides.
 */
#include "os/progress.h"

#include <stdarg.h>
#include <stdio.h>

static void progress_emit(const progress *p, int done, int total, const char *fmt,
						  va_list ap) __attribute__((format(printf, 4, 0)));

static void
progress_emit(const progress *p, int done, int total, const char *fmt, va_list ap)
{
	char buf[512];

	if (p == NULL || p->report == NULL)
		return;
	vsnprintf(buf, sizeof buf, fmt, ap);
	p->report(p->ctx, buf, done, total);
}

void
progress_step(const progress *p, int done, int total, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	progress_emit(p, done, total, fmt, ap);
	va_end(ap);
}

void
progress_say(const progress *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	progress_emit(p, 0, 0, fmt, ap);
	va_end(ap);
}
