/*
 * sql_limits.h — the input limits of SQL analysis (docs/sql-analysis.md says
 * why each is what it is).  Public so that callers reading a file can stop
 * at the limit instead of reading a stranger's 10 GB first.
 */
#ifndef PGDRILL_SQL_SQL_LIMITS_H
#define PGDRILL_SQL_SQL_LIMITS_H

/* A script larger than this is rejected (1 MiB). */
#define SQL_MAX_INPUT_BYTES (1024 * 1024)

/* A statement with more tokens than this (commas and closing brackets not
 * counted) is rejected: a bound on how deeply it can nest. */
#define SQL_MAX_STATEMENT_TOKENS 50000

#endif
