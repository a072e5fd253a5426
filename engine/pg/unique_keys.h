/*
 * unique_keys.h — what a database's catalog knows about uniqueness, read
 * for the ORDER BY checks (scoring's sql_key_catalog): every primary key and
 * unique index (constraint or not) without predicate or expression whose
 * key columns are all NOT NULL, so no two rows share its values.  A unique
 * index on a nullable column admits many NULLs, and a partial one says
 * nothing about the rows outside its predicate: neither is a key.  Only
 * tables visible on the connection's search_path count (the fixtures' own
 * schema, public), as a query names them unqualified.
 *
 * Called by author verify (engine/grading/order_check.c) on a clone of a
 * fixture, and by check, whose advice judges an answer's LIMIT by them.
 */
#ifndef PGDRILL_UNIQUE_KEYS_H
#define PGDRILL_UNIQUE_KEYS_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "sql/sql.h"

typedef struct pg_unique_keys {
	sql_unique_key *keys;     /* owned: relation and columns point into names */
	size_t n;
	char **names;             /* owned strings (relations, columns) */
	size_t nnames;
	const char ***columns;    /* owned column arrays, one per key */
} pg_unique_keys;

/* Read the unique keys of the database `conn` is connected to into *out
 * (zeroed first; pg_unique_keys_release it, also on failure).  False with
 * err (ERROR_ENV) when the query fails. */
bool pg_unique_keys_read(PGconn *conn, pg_unique_keys *out, error *err);

/* The keys as the pure checks take them (borrowing from k). */
sql_key_catalog pg_unique_keys_catalog(const pg_unique_keys *k);

/* Free what k holds and zero it.  Accepts NULL. */
void pg_unique_keys_release(pg_unique_keys *k);

#endif
