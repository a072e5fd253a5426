/*
 * error.c — filling and reading `error` values (see error.h).
 *
 * Messages are truncated to their buffers rather than failing: an error about
 * an error would be lost.  Nothing here allocates.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
error_clear(error *err)
{
	if (err == NULL)
		return;
	err->kind = ERROR_NONE;
	err->position = 0;
	err->sqlstate[0] = '\0';
	err->message[0] = '\0';
	err->detail[0] = '\0';
	err->hint[0] = '\0';
}

bool
error_set(error *err, error_kind kind, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return false;
	error_clear(err);
	err->kind = kind;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	return false;
}

void
error_detail(error *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof err->detail, fmt, ap);
	va_end(ap);
}

void
error_hint(error *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof err->hint, fmt, ap);
	va_end(ap);
}

void
error_prefix(error *err, const char *fmt, ...)
{
	char prefix[ERROR_MESSAGE_MAX];
	char old[ERROR_MESSAGE_MAX];
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	memcpy(old, err->message, sizeof old);
	/* Truncation is intended: the buffer is the limit (see error.h). */
	size_t plen = strlen(prefix);
	size_t olen = strlen(old);
	if (plen > sizeof err->message - 1)
		plen = sizeof err->message - 1;
	if (olen > sizeof err->message - 1 - plen)
		olen = sizeof err->message - 1 - plen;
	memcpy(err->message, prefix, plen);
	memcpy(err->message + plen, old, olen);
	err->message[plen + olen] = '\0';
}

int
error_exit_code(error_kind kind)
{
	switch (kind) {
	case ERROR_NONE:
		return 0;
	case ERROR_FAILED:
		return 1;
	case ERROR_USAGE:
		return 2;
	case ERROR_REJECTED:
		return 3;
	case ERROR_ENV:
	case ERROR_INTERNAL:
		return 4;
	}
	return 4;
}
