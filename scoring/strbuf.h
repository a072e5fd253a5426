/*
 * strbuf.h — a growable, always NUL-terminated byte string.
 *
 * Used wherever pgdrill builds text of unknown length: SQL, messages, output.
 * A strbuf owns its bytes; strbuf_free releases them; strbuf_steal hands them
 * to the caller (who frees with free()).  Allocation failure aborts: pgdrill
 * cannot do anything useful without memory, and every caller checking would
 * hide the real logic (the same choice as PostgreSQL's frontend pg_malloc).
 * Saying so is the shell's business: it installs a handler
 * (xalloc_on_failure); scoring/ itself prints nothing.
 */
#ifndef PGDRILL_STRBUF_H
#define PGDRILL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
	char *data;  /* always NUL-terminated once initialised */
	size_t len;
	size_t cap;
} strbuf;

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_init(strbuf *sb);
void strbuf_free(strbuf *sb);           /* accepts NULL; leaves sb empty */
void strbuf_reset(strbuf *sb);          /* length 0, keeps memory */
void strbuf_append(strbuf *sb, const char *s);
void strbuf_append_len(strbuf *sb, const char *s, size_t n);
void strbuf_append_char(strbuf *sb, char c);
void strbuf_printf(strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Never NULL: an untouched strbuf yields "". */
const char *strbuf_str(const strbuf *sb);
/* Hand the bytes to the caller (free() them); sb becomes empty. */
char *strbuf_steal(strbuf *sb);

/* Allocation helpers that abort on out-of-memory (see above). */
/* Called when an allocation fails, before abort(); NULL for none (the
 * default).  The CLI installs one that says "out of memory". */
void xalloc_on_failure(void (*handler)(void));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);   /* s may be NULL when n is 0 */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
