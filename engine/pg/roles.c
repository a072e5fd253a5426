/*
 * roles.c — creating pgdrill's roles idempotently (see roles.h).
 */
#include "pg/roles.h"

#include <stdlib.h>
#include <string.h>

#include "pg/db.h"
#include "fnv.h"
#include "strbuf.h"

/* Advisory lock key for role set-up: any constant unlikely to clash. */
#define ROLES_LOCK_KEY "7464317"

/* CREATE ROLE `name` unless it exists (its attributes are then set by an
 * ALTER ROLE, as for an existing role). */
static void
append_ensure_role(strbuf *sb, const char *name, const char *attrs)
{
	strbuf_printf(sb, "DO $pgdrill$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles "
				  "WHERE rolname = '%s') THEN CREATE ROLE %s; END IF; END$pgdrill$; "
				  "ALTER ROLE %s %s; ", name, name, name, attrs);
}

/* A login role grades strangers' SQL: it must belong to no role but the one
 * its design gives it (the indexer: pgdrill_owner).  Revoke any other
 * membership someone granted on this server since. */
static void
append_revoke_memberships(strbuf *sb)
{
	strbuf_printf(sb, "DO $pgdrill$DECLARE r record; BEGIN FOR r IN "
				  "SELECT quote_ident(g.rolname) AS g, quote_ident(u.rolname) AS u "
				  "FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
				  "JOIN pg_roles u ON u.oid = m.member "
				  "WHERE u.rolname = '%s' OR (u.rolname = '%s' AND g.rolname <> '%s') "
				  "LOOP EXECUTE 'REVOKE ' || r.g || ' FROM ' || r.u; END LOOP; END$pgdrill$; ",
				  ROLE_LEARNER, ROLE_INDEXER, ROLE_OWNER);
}

/* Session defaults of the login roles.  work_mem is set explicitly (to
 * PostgreSQL's own default, which drills are written against) so that an
 * external server's large postgresql.conf value does not leak into grading;
 * a drill may pin another value within DRILL_MAX_WORK_MEM_MB.  The answer
 * cannot change these: SET and set_config are rejected. */
static void
append_role_defaults(strbuf *sb, const char *role, bool superuser)
{
	strbuf_printf(sb, "ALTER ROLE %s SET work_mem = '%s'; "
				  "ALTER ROLE %s SET hash_mem_multiplier = 2; "
				  "ALTER ROLE %s SET maintenance_work_mem = '%s'; "
				  "ALTER ROLE %s SET search_path = public; ",
				  role, ROLES_WORK_MEM, role, role, ROLES_MAINTENANCE_WORK_MEM, role);
	if (superuser)
		strbuf_printf(sb, "ALTER ROLE %s SET temp_file_limit = '%s'; ", role,
					  ROLES_TEMP_FILE_LIMIT);
}

/*
 * On pgdrill's own cluster (recognised by its configuration file being
 * loaded, which only a superuser can see), nobody but the superuser may
 * connect to the maintenance databases: a learner role reaches only the
 * scratch databases it is granted.  An external server's databases are left
 * as their administrator set them (docs/sandbox.md).
 */
static void
append_close_maintenance_dbs(strbuf *sb)
{
	strbuf_append(sb, "DO $pgdrill$BEGIN IF EXISTS (SELECT 1 FROM pg_file_settings "
				  "WHERE sourcefile LIKE '%/pgdrill.conf') THEN "
				  "REVOKE CONNECT, TEMPORARY ON DATABASE postgres, template1 FROM PUBLIC; "
				  "END IF; END$pgdrill$; ");
}

/*
 * Whether the roles are already exactly as roles_ensure would leave them:
 * one read-only query, no lock, no catalog write, no WAL flush.  The script
 * below writes every catalog row it covers (ALTER ROLE ..., a synchronous
 * commit) and took a quarter of a second of every command on the loaded
 * machine, almost always to change nothing.  Anything that differs (a role
 * missing or altered, a membership granted since, a role setting changed,
 * the maintenance databases reopened on pgdrill's cluster) answers false,
 * and the script runs as before.  A password cannot be compared: the
 * caller runs the script then.
 */
static void
in_place_sql(strbuf *sql, bool superuser)
{
	strbuf want = STRBUF_INIT;

	strbuf_printf(&want, "{hash_mem_multiplier=2,maintenance_work_mem=%s,search_path=public,",
				  ROLES_MAINTENANCE_WORK_MEM);
	if (superuser)
		strbuf_printf(&want, "temp_file_limit=%s,", ROLES_TEMP_FILE_LIMIT);
	strbuf_printf(&want, "work_mem=%s}", ROLES_WORK_MEM);
	strbuf_printf(sql, "SELECT "
				  "(SELECT count(*) FROM pg_roles WHERE rolname = '%s' AND NOT rolcanlogin "
				  "  AND NOT rolsuper AND NOT rolcreatedb AND NOT rolcreaterole "
				  "  AND NOT rolreplication AND NOT rolbypassrls) = 1 "
				  "AND (SELECT count(*) FROM pg_roles WHERE rolname IN ('%s', '%s') "
				  "  AND rolcanlogin AND NOT rolsuper AND NOT rolcreatedb AND NOT rolcreaterole "
				  "  AND NOT rolreplication AND NOT rolbypassrls AND rolconnlimit = 20) = 2 "
				  "AND (SELECT count(*) FROM pg_auth_members m "
				  "  JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
				  "  WHERE u.rolname IN ('%s', '%s')) = 1 "
				  "AND EXISTS (SELECT 1 FROM pg_auth_members m "
				  "  JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
				  "  WHERE u.rolname = '%s' AND g.rolname = '%s') "
				  "AND (SELECT count(*) FROM pg_db_role_setting s JOIN pg_roles r "
				  "  ON r.oid = s.setrole WHERE s.setdatabase = 0 AND r.rolname IN ('%s', '%s') "
				  "  AND (SELECT array_agg(c ORDER BY c) FROM unnest(s.setconfig) c)::text "
				  "      = '%s') = 2",
				  ROLE_OWNER, ROLE_LEARNER, ROLE_INDEXER, ROLE_LEARNER, ROLE_INDEXER,
				  ROLE_INDEXER, ROLE_OWNER, ROLE_LEARNER, ROLE_INDEXER, strbuf_str(&want));
	if (superuser)
		/* pgdrill's own cluster: the maintenance databases closed to PUBLIC
		 * (append_close_maintenance_dbs) */
		strbuf_append(sql, " AND (NOT EXISTS (SELECT 1 FROM pg_database d, "
					  "  aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a "
					  "  WHERE d.datname IN ('postgres', 'template1') AND a.grantee = 0 "
					  "  AND a.privilege_type IN ('CONNECT', 'TEMPORARY')) "
					  " OR NOT EXISTS (SELECT 1 FROM pg_file_settings "
					  "  WHERE sourcefile LIKE '%/pgdrill.conf'))");
	strbuf_free(&want);
}

static bool
roles_in_place(PGconn *admin, bool superuser)
{
	strbuf sql = STRBUF_INIT;
	error ignored;
	char *v;
	bool ok;

	in_place_sql(&sql, superuser);
	v = db_query_value(admin, strbuf_str(&sql), 0, NULL, &ignored);
	ok = v != NULL && strcmp(v, "t") == 0;
	free(v);
	strbuf_free(&sql);
	return ok;
}

uint64_t
roles_fingerprint(bool superuser)
{
	strbuf sql = STRBUF_INIT;
	uint64_t h;

	in_place_sql(&sql, superuser);
	h = fnv_str(FNV_INIT, strbuf_str(&sql));
	strbuf_free(&sql);
	return h;
}

/* All of it is one script, sent in one round trip (every command opens the
 * server: 25 round trips were a visible part of a warm start), and only when
 * roles_in_place says something differs. */
bool
roles_ensure(PGconn *admin, const char *password, error *err)
{
	const char *su = PQparameterStatus(admin, "is_superuser");
	bool superuser = su != NULL && strcmp(su, "on") == 0;
	strbuf login = STRBUF_INIT, sql = STRBUF_INIT;
	bool ok;

	if (password == NULL && roles_in_place(admin, superuser))
		return true;
	strbuf_append(&login, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
				  "NOBYPASSRLS CONNECTION LIMIT 20");
	if (password) {
		char *lit = db_quote_literal(admin, password);

		strbuf_printf(&login, " PASSWORD %s", lit ? lit : "NULL");
		free(lit);
	}
	strbuf_append(&sql, "BEGIN; SELECT pg_advisory_xact_lock(" ROLES_LOCK_KEY "); ");
	append_ensure_role(&sql, ROLE_OWNER,
					   "NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
	append_ensure_role(&sql, ROLE_LEARNER, strbuf_str(&login));
	append_ensure_role(&sql, ROLE_INDEXER, strbuf_str(&login));
	strbuf_printf(&sql, "GRANT %s TO %s; ", ROLE_OWNER, ROLE_INDEXER);
	append_revoke_memberships(&sql);
	append_role_defaults(&sql, ROLE_LEARNER, superuser);
	append_role_defaults(&sql, ROLE_INDEXER, superuser);
	if (superuser)
		append_close_maintenance_dbs(&sql);
	strbuf_append(&sql, "COMMIT");
	ok = db_exec(admin, strbuf_str(&sql), ERROR_ENV, err);
	if (!ok) {
		PGresult *r = PQexec(admin, "ROLLBACK");

		PQclear(r);
		error_prefix(err, "cannot set up pgdrill's roles: ");
		if (!err->hint[0])
			error_hint(err, "The connecting role needs CREATEROLE and CREATEDB (or "
					   "superuser); see docs/cluster.md.");
	}
	strbuf_free(&login);
	strbuf_free(&sql);
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
