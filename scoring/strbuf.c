/*
 * strbuf.c — growable strings and aborting allocators (see strbuf.h).
 */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*failure_handler)(void);

void
xalloc_on_failure(void (*handler)(void))
{
	failure_handler = handler;
}

static void
out_of_memory(void)
{
	if (failure_handler)
		failure_handler();
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		out_of_memory();
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	if (n > 0)                  /* s may be NULL for an empty string */
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_steal(&sb);
}

void
strbuf_init(strbuf *sb)
{
	sb->data = NULL;
	sb->len = 0;
	sb->cap = 0;
}

void
strbuf_free(strbuf *sb)
{
	if (sb == NULL)
		return;
	free(sb->data);
	strbuf_init(sb);
}

void
strbuf_reset(strbuf *sb)
{
	sb->len = 0;
	if (sb->data)
		sb->data[0] = '\0';
}

static void
strbuf_reserve(strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	sb->data = xrealloc(sb->data, cap);
	sb->cap = cap;
}

void
strbuf_append_len(strbuf *sb, const char *s, size_t n)
{
	strbuf_reserve(sb, n);
	if (n > 0)   /* memcpy(dst, NULL, 0) is undefined: (NULL, 0) appends nothing */
		memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void
strbuf_append(strbuf *sb, const char *s)
{
	strbuf_append_len(sb, s, strlen(s));
}

void
strbuf_append_char(strbuf *sb, char c)
{
	strbuf_append_len(sb, &c, 1);
}

void
strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	strbuf_reserve(sb, (size_t) n);
	vsnprintf(sb->data + sb->len, (size_t) n + 1, fmt, ap);
	sb->len += (size_t) n;
}

void
strbuf_printf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

const char *
strbuf_str(const strbuf *sb)
{
	return sb->data ? sb->data : "";
}

char *
strbuf_steal(strbuf *sb)
{
	char *p = sb->data ? sb->data : xstrdup("");

	strbuf_init(sb);
	return p;
}
