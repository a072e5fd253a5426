/*
 * roles.c — creating pgdrill's roles idempotently (see roles.h).
 */
#include "pg/roles.h"

#include <stdlib.h>
#include <string.h>

#include "pg/db.h"
#include "strbuf.h"

/* Advisory lock key for role set-up: any constant unlikely to clash. */
#define ROLES_LOCK_KEY "7464317"

static bool
ensure_role(PGconn *admin, const char *name, const char *attrs, error *err)
{
	bool exists;

	if (!db_query_exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = $1", name, &exists,
						 err))
		return false;
	if (!exists && !db_execf(admin, err, "CREATE ROLE %s %s", name, attrs))
		return false;
	return db_execf(admin, err, "ALTER ROLE %s %s", name, attrs);
}

/* A login role grades strangers' SQL: it must belong to no role but the one
 * its design gives it (the indexer: pgdrill_owner).  Revoke any other
 * membership someone granted on this server since. */
static bool
revoke_memberships(PGconn *admin, const char *member, const char *keep, error *err)
{
	const char *params[] = {member, keep ? keep : ""};
	PGresult *res = db_query(admin,
							 "SELECT quote_ident(r.rolname) FROM pg_auth_members m "
							 "JOIN pg_roles r ON r.oid = m.roleid "
							 "JOIN pg_roles u ON u.oid = m.member "
							 "WHERE u.rolname = $1 AND r.rolname <> $2",
							 2, params, ERROR_ENV, err);
	bool ok = res != NULL;

	for (int i = 0; ok && i < PQntuples(res); i++)
		ok = db_execf(admin, err, "REVOKE %s FROM %s", PQgetvalue(res, i, 0), member);
	PQclear(res);
	return ok;
}

/* Session defaults of the login roles.  work_mem is set explicitly (to
 * PostgreSQL's own default, which drills are written against) so that an
 * external server's large postgresql.conf value does not leak into grading;
 * a drill may pin another value within DRILL_MAX_WORK_MEM_MB.  The answer
 * cannot change these: SET and set_config are rejected. */
static bool
set_role_defaults(PGconn *admin, const char *role, bool superuser, error *err)
{
	if (!db_execf(admin, err, "ALTER ROLE %s SET work_mem = '%s'", role, ROLES_WORK_MEM) ||
		!db_execf(admin, err, "ALTER ROLE %s SET hash_mem_multiplier = 2", role) ||
		!db_execf(admin, err, "ALTER ROLE %s SET maintenance_work_mem = '%s'", role,
				  ROLES_MAINTENANCE_WORK_MEM) ||
		!db_execf(admin, err, "ALTER ROLE %s SET search_path = public", role))
		return false;
	return !superuser ||
		db_execf(admin, err, "ALTER ROLE %s SET temp_file_limit = '%s'", role,
				 ROLES_TEMP_FILE_LIMIT);
}

/*
 * On pgdrill's own cluster (recognised by its configuration file being
 * loaded, which only a superuser can see), nobody but the superuser may
 * connect to the maintenance databases: a learner role reaches only the
 * scratch databases it is granted.  An external server's databases are left
 * as their administrator set them (docs/sandbox.md).
 */
static bool
close_maintenance_dbs(PGconn *admin, error *err)
{
	char *own = db_query_value(admin,
							   "SELECT count(*) FROM pg_file_settings "
							   "WHERE sourcefile LIKE '%/pgdrill.conf'", 0, NULL, err);
	bool ok = own != NULL;

	if (ok && strcmp(own, "0") != 0)
		ok = db_exec(admin, "REVOKE CONNECT, TEMPORARY ON DATABASE postgres, template1 "
					 "FROM PUBLIC", ERROR_ENV, err);
	free(own);
	return ok;
}

bool
roles_ensure(PGconn *admin, const char *password, error *err)
{
	char *super = db_query_value(admin,
								 "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
								 0, NULL, err);
	strbuf login = STRBUF_INIT;
	bool ok = false;

	if (super == NULL)
		return false;
	strbuf_append(&login, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
				  "NOBYPASSRLS CONNECTION LIMIT 20");
	if (password) {
		char *lit = db_quote_literal(admin, password);

		strbuf_printf(&login, " PASSWORD %s", lit ? lit : "NULL");
		free(lit);
	}
	if (!db_exec(admin, "BEGIN", ERROR_ENV, err) ||
		!db_exec(admin, "SELECT pg_advisory_xact_lock(" ROLES_LOCK_KEY ")", ERROR_ENV, err))
		goto done;
	if (!ensure_role(admin, ROLE_OWNER,
					 "NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS",
					 err) ||
		!ensure_role(admin, ROLE_LEARNER, strbuf_str(&login), err) ||
		!ensure_role(admin, ROLE_INDEXER, strbuf_str(&login), err) ||
		!db_execf(admin, err, "GRANT %s TO %s", ROLE_OWNER, ROLE_INDEXER))
		goto done;
	if (!revoke_memberships(admin, ROLE_LEARNER, NULL, err) ||
		!revoke_memberships(admin, ROLE_INDEXER, ROLE_OWNER, err) ||
		!set_role_defaults(admin, ROLE_LEARNER, strcmp(super, "t") == 0, err) ||
		!set_role_defaults(admin, ROLE_INDEXER, strcmp(super, "t") == 0, err) ||
		(strcmp(super, "t") == 0 && !close_maintenance_dbs(admin, err)))
		goto done;
	if (!db_exec(admin, "COMMIT", ERROR_ENV, err))
		goto done;
	ok = true;
done:
	if (!ok) {
		PGresult *r = PQexec(admin, "ROLLBACK");

		PQclear(r);
		error_prefix(err, "cannot set up pgdrill's roles: ");
		if (!err->hint[0])
			error_hint(err, "The connecting role needs CREATEROLE and CREATEDB (or "
					   "superuser); see docs/cluster.md.");
	}
	strbuf_free(&login);
	free(super);
	return ok;
}

bool
roles_limit_temp_files(PGconn *admin, const char *db, int kb, error *err)
{
	const char *su = PQparameterStatus(admin, "is_superuser");

	if (kb <= 0 || su == NULL || strcmp(su, "on") != 0)
		return true;
	return db_execf(admin, err, "ALTER ROLE %s IN DATABASE %s SET temp_file_limit = '%dkB'",
					ROLE_LEARNER, db, kb) &&
		db_execf(admin, err, "ALTER ROLE %s IN DATABASE %s SET temp_file_limit = '%dkB'",
				 ROLE_INDEXER, db, kb);
}
