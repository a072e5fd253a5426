/*
 * roles.h — the database roles pgdrill grades with.
 *
 *   pgdrill_owner    NOLOGIN; owns every fixture table (fixture scripts run
 *                    under SET ROLE pgdrill_owner).  Not a superuser.
 *   pgdrill_learner  LOGIN; SELECT on fixture tables, nothing else.  Rewrite
 *                    drills run submitted SQL as this role.
 *   pgdrill_indexer  LOGIN, member of pgdrill_owner; may create indexes,
 *                    statistics and materialized views on fixture tables.
 *                    Index and cache drills run submitted SQL as this role,
 *                    always inside a transaction that is rolled back.
 * The login roles get temp_file_limit (superuser-only, so a submission cannot
 * lift it) when the admin connection is a superuser.  See docs/sandbox.md.
 */
#ifndef PGDRILL_ROLES_H
#define PGDRILL_ROLES_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "error.h"

#define ROLE_OWNER "pgdrill_owner"
#define ROLE_LEARNER "pgdrill_learner"
#define ROLE_INDEXER "pgdrill_indexer"

/* Limits applied to the login roles (documented in docs/sandbox.md). */
#define ROLES_TEMP_FILE_LIMIT "1GB"
#define ROLES_WORK_MEM "4MB"
#define ROLES_MAINTENANCE_WORK_MEM "64MB"   /* CREATE INDEX in index drills */

/*
 * Create the three roles if missing and (re)apply their attributes and
 * limits; safe to call concurrently (serialised by an advisory lock).  When
 * one read-only query finds them exactly in place (no password given), it
 * writes nothing: every command calls this.
 * `password` (may be NULL) is set on the login roles for servers that do not
 * trust local connections.  ERROR_ENV on failure, with a hint about the
 * privileges the admin role needs (CREATEROLE).
 */
bool roles_ensure(PGconn *admin, const char *password, error *err);

/* A hash of everything roles_ensure's read-only query checks (for a
 * `superuser` admin or not): what a server whose roles were found in place
 * remembers them by (server.c), so that a new pgdrill whose roles differ
 * checks again. */
uint64_t roles_fingerprint(bool superuser);

/*
 * Give the login roles their own temp_file_limit (kb, > 0) in database `db`
 * only: a per-role-and-database setting, which DROP DATABASE removes with
 * the database (a drill's own limit, for its scratch clones).
 * temp_file_limit is superuser-only, so without a superuser `admin` this
 * does nothing and returns true (the roles' ROLES_TEMP_FILE_LIMIT stays).
 * ERROR_ENV on failure.
 */
bool roles_limit_temp_files(PGconn *admin, const char *db, int kb, error *err);

#endif
