/*
 * classify.c — the kind and command name of a top-level statement.
 *
 * Names follow PostgreSQL's command tags ("CREATE TABLE", "ROLLBACK TO") so
 * that a learner recognises them.  Only SELECT and the preparatory kinds a
 * drill may allow get their own sql_kind; everything else is SQL_KIND_OTHER
 * with its name, and so are the look-alikes of allowed kinds that must not
 * run in a graded answer: SELECT INTO (creates a table), CREATE INDEX
 * CONCURRENTLY (cannot run in a transaction block), VACUUM (likewise), CREATE
 * TABLE AS.  Called by analyze.c.
 */
#include <string.h>

#include "internal.h"

typedef struct stmt_name {
	const char *node;
	const char *name;
} stmt_name;

/* Every statement node of PostgreSQL 15's grammar (pg_query.proto). */
static const stmt_name stmt_names[] = {
	{"InsertStmt", "INSERT"},
	{"DeleteStmt", "DELETE"},
	{"UpdateStmt", "UPDATE"},
	{"MergeStmt", "MERGE"},
	{"ReturnStmt", "RETURN"},
	{"PLAssignStmt", "PL/pgSQL assignment"},
	{"AlterTableStmt", "ALTER TABLE"},
	{"AlterDomainStmt", "ALTER DOMAIN"},
	{"GrantStmt", "GRANT"},
	{"GrantRoleStmt", "GRANT ROLE"},
	{"AlterDefaultPrivilegesStmt", "ALTER DEFAULT PRIVILEGES"},
	{"ClosePortalStmt", "CLOSE"},
	{"ClusterStmt", "CLUSTER"},
	{"CopyStmt", "COPY"},
	{"DefineStmt", "CREATE (aggregate, operator, type...)"},
	{"DropStmt", "DROP"},
	{"TruncateStmt", "TRUNCATE"},
	{"CommentStmt", "COMMENT"},
	{"FetchStmt", "FETCH"},
	{"CreateFunctionStmt", "CREATE FUNCTION"},
	{"AlterFunctionStmt", "ALTER FUNCTION"},
	{"DoStmt", "DO"},
	{"RenameStmt", "ALTER ... RENAME"},
	{"RuleStmt", "CREATE RULE"},
	{"NotifyStmt", "NOTIFY"},
	{"ListenStmt", "LISTEN"},
	{"UnlistenStmt", "UNLISTEN"},
	{"ViewStmt", "CREATE VIEW"},
	{"LoadStmt", "LOAD"},
	{"CreateDomainStmt", "CREATE DOMAIN"},
	{"CreatedbStmt", "CREATE DATABASE"},
	{"DropdbStmt", "DROP DATABASE"},
	{"ExplainStmt", "EXPLAIN"},
	{"CreateSeqStmt", "CREATE SEQUENCE"},
	{"AlterSeqStmt", "ALTER SEQUENCE"},
	{"VariableShowStmt", "SHOW"},
	{"DiscardStmt", "DISCARD"},
	{"CreateTrigStmt", "CREATE TRIGGER"},
	{"CreatePLangStmt", "CREATE LANGUAGE"},
	{"CreateRoleStmt", "CREATE ROLE"},
	{"AlterRoleStmt", "ALTER ROLE"},
	{"DropRoleStmt", "DROP ROLE"},
	{"LockStmt", "LOCK"},
	{"ConstraintsSetStmt", "SET CONSTRAINTS"},
	{"ReindexStmt", "REINDEX"},
	{"CheckPointStmt", "CHECKPOINT"},
	{"CreateSchemaStmt", "CREATE SCHEMA"},
	{"AlterDatabaseStmt", "ALTER DATABASE"},
	{"AlterDatabaseRefreshCollStmt", "ALTER DATABASE"},
	{"AlterDatabaseSetStmt", "ALTER DATABASE"},
	{"AlterRoleSetStmt", "ALTER ROLE"},
	{"CreateConversionStmt", "CREATE CONVERSION"},
	{"CreateCastStmt", "CREATE CAST"},
	{"CreateOpClassStmt", "CREATE OPERATOR CLASS"},
	{"CreateOpFamilyStmt", "CREATE OPERATOR FAMILY"},
	{"AlterOpFamilyStmt", "ALTER OPERATOR FAMILY"},
	{"PrepareStmt", "PREPARE"},
	{"ExecuteStmt", "EXECUTE"},
	{"DeallocateStmt", "DEALLOCATE"},
	{"DeclareCursorStmt", "DECLARE CURSOR"},
	{"CreateTableSpaceStmt", "CREATE TABLESPACE"},
	{"DropTableSpaceStmt", "DROP TABLESPACE"},
	{"AlterObjectDependsStmt", "ALTER ... DEPENDS ON EXTENSION"},
	{"AlterObjectSchemaStmt", "ALTER ... SET SCHEMA"},
	{"AlterOwnerStmt", "ALTER ... OWNER TO"},
	{"AlterOperatorStmt", "ALTER OPERATOR"},
	{"AlterTypeStmt", "ALTER TYPE"},
	{"DropOwnedStmt", "DROP OWNED"},
	{"ReassignOwnedStmt", "REASSIGN OWNED"},
	{"CompositeTypeStmt", "CREATE TYPE"},
	{"CreateEnumStmt", "CREATE TYPE"},
	{"CreateRangeStmt", "CREATE TYPE"},
	{"AlterEnumStmt", "ALTER TYPE"},
	{"AlterTSDictionaryStmt", "ALTER TEXT SEARCH DICTIONARY"},
	{"AlterTSConfigurationStmt", "ALTER TEXT SEARCH CONFIGURATION"},
	{"CreateFdwStmt", "CREATE FOREIGN DATA WRAPPER"},
	{"AlterFdwStmt", "ALTER FOREIGN DATA WRAPPER"},
	{"CreateForeignServerStmt", "CREATE SERVER"},
	{"AlterForeignServerStmt", "ALTER SERVER"},
	{"CreateUserMappingStmt", "CREATE USER MAPPING"},
	{"AlterUserMappingStmt", "ALTER USER MAPPING"},
	{"DropUserMappingStmt", "DROP USER MAPPING"},
	{"AlterTableSpaceOptionsStmt", "ALTER TABLESPACE"},
	{"AlterTableMoveAllStmt", "ALTER ... SET TABLESPACE"},
	{"SecLabelStmt", "SECURITY LABEL"},
	{"CreateForeignTableStmt", "CREATE FOREIGN TABLE"},
	{"ImportForeignSchemaStmt", "IMPORT FOREIGN SCHEMA"},
	{"CreateExtensionStmt", "CREATE EXTENSION"},
	{"AlterExtensionStmt", "ALTER EXTENSION"},
	{"AlterExtensionContentsStmt", "ALTER EXTENSION"},
	{"CreateEventTrigStmt", "CREATE EVENT TRIGGER"},
	{"AlterEventTrigStmt", "ALTER EVENT TRIGGER"},
	{"RefreshMatViewStmt", "REFRESH MATERIALIZED VIEW"},
	{"ReplicaIdentityStmt", "ALTER TABLE ... REPLICA IDENTITY"},
	{"AlterSystemStmt", "ALTER SYSTEM"},
	{"CreatePolicyStmt", "CREATE POLICY"},
	{"AlterPolicyStmt", "ALTER POLICY"},
	{"CreateTransformStmt", "CREATE TRANSFORM"},
	{"CreateAmStmt", "CREATE ACCESS METHOD"},
	{"CreatePublicationStmt", "CREATE PUBLICATION"},
	{"AlterPublicationStmt", "ALTER PUBLICATION"},
	{"CreateSubscriptionStmt", "CREATE SUBSCRIPTION"},
	{"AlterSubscriptionStmt", "ALTER SUBSCRIPTION"},
	{"DropSubscriptionStmt", "DROP SUBSCRIPTION"},
	{"AlterCollationStmt", "ALTER COLLATION"},
	{"CallStmt", "CALL"},
	{"AlterStatsStmt", "ALTER STATISTICS"},
};

/* TransactionStmt.kind → command tag */
static const stmt_name transaction_names[] = {
	{"TRANS_STMT_BEGIN", "BEGIN"},
	{"TRANS_STMT_START", "START TRANSACTION"},
	{"TRANS_STMT_COMMIT", "COMMIT"},
	{"TRANS_STMT_ROLLBACK", "ROLLBACK"},
	{"TRANS_STMT_SAVEPOINT", "SAVEPOINT"},
	{"TRANS_STMT_RELEASE", "RELEASE"},
	{"TRANS_STMT_ROLLBACK_TO", "ROLLBACK TO"},
	{"TRANS_STMT_PREPARE", "PREPARE TRANSACTION"},
	{"TRANS_STMT_COMMIT_PREPARED", "COMMIT PREPARED"},
	{"TRANS_STMT_ROLLBACK_PREPARED", "ROLLBACK PREPARED"},
};

/* DropStmt.removeType → command tag, for the common ones */
static const stmt_name drop_names[] = {
	{"OBJECT_TABLE", "DROP TABLE"},
	{"OBJECT_INDEX", "DROP INDEX"},
	{"OBJECT_VIEW", "DROP VIEW"},
	{"OBJECT_MATVIEW", "DROP MATERIALIZED VIEW"},
	{"OBJECT_SEQUENCE", "DROP SEQUENCE"},
	{"OBJECT_FUNCTION", "DROP FUNCTION"},
	{"OBJECT_PROCEDURE", "DROP PROCEDURE"},
	{"OBJECT_SCHEMA", "DROP SCHEMA"},
	{"OBJECT_TYPE", "DROP TYPE"},
	{"OBJECT_DOMAIN", "DROP DOMAIN"},
	{"OBJECT_STATISTIC_EXT", "DROP STATISTICS"},
	{"OBJECT_TRIGGER", "DROP TRIGGER"},
	{"OBJECT_EXTENSION", "DROP EXTENSION"},
	{"OBJECT_FOREIGN_TABLE", "DROP FOREIGN TABLE"},
};

static const char *
lookup(const stmt_name *table, size_t n, const char *key)
{
	if (key == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(table[i].node, key) == 0)
			return table[i].name;
	return NULL;
}

#define LOOKUP(table, key) lookup(table, sizeof table / sizeof table[0], key)

sql_kind
sql_classify(const cJSON *stmt, const char **name)
{
	const char *type = sql_node_type(stmt);
	const cJSON *body = sql_node_body(stmt);
	const char *n;

	if (type == NULL) {
		*name = "unknown statement";
		return SQL_KIND_OTHER;
	}
	if (strcmp(type, "SelectStmt") == 0) {
		if (sql_field(body, "intoClause")) {
			*name = "SELECT INTO";
			return SQL_KIND_OTHER;
		}
		*name = "SELECT";
		return SQL_KIND_SELECT;
	}
	if (strcmp(type, "IndexStmt") == 0) {
		if (sql_field_bool(body, "concurrent")) {
			*name = "CREATE INDEX CONCURRENTLY";
			return SQL_KIND_OTHER;
		}
		*name = "CREATE INDEX";
		return SQL_KIND_CREATE_INDEX;
	}
	if (strcmp(type, "CreateStmt") == 0) {
		const char *persistence = sql_field_str(sql_field(body, "relation"), "relpersistence");

		/* a plain (or unlogged) table of its own: no temporary table (a
		 * session's, invisible to the workload), no inheritance or
		 * partition of a drill table, no tablespace, no typed table */
		if (persistence && strcmp(persistence, "t") == 0)
			*name = "CREATE TEMPORARY TABLE";
		else if (sql_field_nonempty(body, "inhRelations") || sql_field(body, "partbound"))
			*name = "CREATE TABLE ... INHERITS / PARTITION OF";
		else if (sql_field(body, "tablespacename") || sql_field(body, "accessMethod") ||
				 sql_field(body, "ofTypename"))
			*name = "CREATE TABLE with a tablespace, access method or type";
		else {
			*name = "CREATE TABLE";
			return SQL_KIND_CREATE_TABLE;
		}
		return SQL_KIND_OTHER;
	}
	if (strcmp(type, "CreateStatsStmt") == 0) {
		*name = "CREATE STATISTICS";
		return SQL_KIND_CREATE_STATISTICS;
	}
	if (strcmp(type, "VacuumStmt") == 0) {
		if (sql_field_bool(body, "is_vacuumcmd")) {
			*name = "VACUUM";
			return SQL_KIND_OTHER;
		}
		*name = "ANALYZE";
		return SQL_KIND_ANALYZE;
	}
	if (strcmp(type, "CreateTableAsStmt") == 0) {
		const char *objtype = sql_field_str(body, "objtype");

		if (objtype && strcmp(objtype, "OBJECT_MATVIEW") == 0) {
			*name = "CREATE MATERIALIZED VIEW";
			return SQL_KIND_CREATE_MATVIEW;
		}
		*name = "CREATE TABLE AS";
		return SQL_KIND_OTHER;
	}
	if (strcmp(type, "TransactionStmt") == 0) {
		n = LOOKUP(transaction_names, sql_field_str(body, "kind"));
		*name = n ? n : "transaction control";
		return SQL_KIND_OTHER;
	}
	if (strcmp(type, "VariableSetStmt") == 0) {
		const char *kind = sql_field_str(body, "kind");

		*name = kind && strncmp(kind, "VAR_RESET", 9) == 0 ? "RESET" : "SET";
		return SQL_KIND_OTHER;
	}
	if (strcmp(type, "DropStmt") == 0) {
		n = LOOKUP(drop_names, sql_field_str(body, "removeType"));
		*name = n ? n : "DROP";
		return SQL_KIND_OTHER;
	}
	n = LOOKUP(stmt_names, type);
	*name = n ? n : "utility statement";
	return SQL_KIND_OTHER;
}
