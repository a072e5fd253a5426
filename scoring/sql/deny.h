/*
 * deny.h — the functions an answer may not call, wherever they appear.
 *
 * The list (deny_list.c) is data derived from PostgreSQL 15's pg_proc: every
 * function with a side effect outside the rolled-back transaction, a
 * privilege, file or network access, a way to block or signal other
 * sessions, or a way to run SQL given as text.  docs/sql-analysis.md lists
 * the groups with the reason for each.  Internal to scoring/sql/; the lint
 * and walk modules call it.
 */
#ifndef PGDRILL_SQL_DENY_H
#define PGDRILL_SQL_DENY_H

/*
 * The reason a function is denied, as a static string, or NULL when it is
 * allowed.  `name` is the unqualified name as the parse tree holds it
 * (unquoted names already folded to lower case); the schema is ignored, so
 * pg_catalog.pg_sleep is denied like pg_sleep.  `nargs` is the number of
 * arguments of the call: a few functions are denied in one form only
 * (ts_rewrite runs a query only when given two arguments).
 */
const char *sql_deny_reason(const char *name, int nargs);

#endif
