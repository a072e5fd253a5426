/*
 * roles.c — creating pgdrill's roles idempotently (see roles.h).
 */
#include "roles.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "strbuf.h"

/* Advisory lock key for role set-up: any constant unlikely to clash. */
#define ROLES_LOCK_KEY "7464317"

static bool
role_exists(PGconn *admin, const char *name, bool *exists, error *err)
{
	const char *params[] = {name};
	char *v = db_query_value(admin,
							 "SELECT count(*) FROM pg_roles WHERE rolname = $1",
							 1, params, err);

	if (v == NULL)
		return false;
	*exists = strcmp(v, "0") != 0;
	free(v);
	return true;
}

static bool
ensure_role(PGconn *admin, const char *name, const char *attrs, error *err)
{
	bool exists;

	if (!role_exists(admin, name, &exists, err))
		return false;
	if (!exists && !db_execf(admin, err, "CREATE ROLE %s %s", name, attrs))
		return false;
	return db_execf(admin, err, "ALTER ROLE %s %s", name, attrs);
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
	if (strcmp(super, "t") == 0 &&
		(!db_execf(admin, err, "ALTER ROLE %s SET temp_file_limit = '%s'", ROLE_LEARNER,
				   ROLES_TEMP_FILE_LIMIT) ||
		 !db_execf(admin, err, "ALTER ROLE %s SET temp_file_limit = '%s'", ROLE_INDEXER,
				   ROLES_TEMP_FILE_LIMIT)))
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
