/*
 * error.h — errors as values.
 *
 * Every fallible function in pgdrill takes an `error *` and, on failure, fills
 * it and returns false (or NULL, or a negative count: its contract says which).
 * An error carries a kind (which maps to the CLI's exit code), a one-line
 * primary message, an optional detail and hint (psql's three tiers), and an
 * optional 1-based byte position into the input the error is about, and,
 * for an error a PostgreSQL server reported, its SQLSTATE (so callers test
 * the code, never the prose: engine/pg/db.c fills it).  The
 * struct owns fixed-size buffers, so it needs no freeing and can be copied;
 * foreign messages (libpq, libpg_query, cJSON) are copied into it at the
 * boundary.  Only the CLI (engine/cli/main.c and engine/cli_*.c) prints errors.
 */
#ifndef PGDRILL_ERROR_H
#define PGDRILL_ERROR_H

#include <stdbool.h>

/* The kinds of failure, one per exit code of the CLI (see docs/cli.md). */
typedef enum error_kind {
	ERROR_NONE = 0,
	ERROR_FAILED = 1,    /* graded and failed (not really an error) */
	ERROR_USAGE = 2,     /* bad command line, unknown drill, bad input file */
	ERROR_REJECTED = 3,  /* the submission is invalid or disallowed SQL */
	ERROR_ENV = 4,       /* the environment failed: server, cluster, files */
	ERROR_INTERNAL = 5   /* a bug or resource exhaustion; exits 4 too */
} error_kind;

#define ERROR_MESSAGE_MAX 512
#define ERROR_DETAIL_MAX 2048
#define ERROR_HINT_MAX 512

typedef struct error {
	error_kind kind;
	int position;                    /* 1-based byte offset, 0 = none */
	char sqlstate[6];                /* the server's SQLSTATE ("3D000"), "" = none */
	char message[ERROR_MESSAGE_MAX];
	char detail[ERROR_DETAIL_MAX];
	char hint[ERROR_HINT_MAX];
} error;

/* Reset to "no error".  Accepts NULL. */
void error_clear(error *err);

/*
 * Set kind and primary message (printf-style); clears detail, hint and
 * position.  Accepts err == NULL (the error is then dropped).  Returns false
 * so that `return error_set(...)` reads naturally in bool functions.
 */
bool error_set(error *err, error_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Set (replace) the detail / hint of an error already set.  Accept NULL. */
void error_detail(error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void error_hint(error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prefix the primary message with context ("fixture shop: " + message). */
void error_prefix(error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The CLI exit code for an error kind (0..4). */
int error_exit_code(error_kind kind);

#endif
