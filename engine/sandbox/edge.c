/*
 * edge.c — building and cloning the edge dataset's template (see edge.h
 * for what it is and why).
 *
 * The build clones the seed-1 template into "pgdrill_b_e_...", runs the
 * edge scripts as pgdrill_owner, freezes, renames to the final name and
 * marks it a template: the same build-then-rename recipe as template.c, so
 * an edge template that exists is complete.  Its comment names the fixture,
 * the drill that owns it ("-" when it is the fixture's, shared by drills
 * without their own edge.sql) and the scale: a rebuild after an edit drops
 * the stale template with the same comment.
 */
#include "sandbox/edge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fnv.h"
#include "pg/db.h"
#include "pg/roles.h"
#include "sandbox/scratch.h"
#include "sandbox/template.h"
#include "strbuf.h"
#include "textpos.h"

/* Version of the edge recipe: part of the name, so a change of how edge
 * templates are built rebuilds them. */
#define EDGE_RECIPE_VERSION 1

bool
edge_present(const fixture *f, const drill *d)
{
	return f->edge_sql != NULL || d->edge_sql != NULL;
}

static uint64_t
edge_hash(const fixture *f, const drill *d)
{
	uint64_t h = fnv_u64(FNV_INIT, f->content_hash);

	h = fnv_u64(h, EDGE_RECIPE_VERSION);
	h = fnv_str(h, f->edge_sql ? f->edge_sql : "");
	h = fnv_str(h, "\n-- drill --\n");
	return fnv_str(h, d->edge_sql ? d->edge_sql : "");
}

static char *
edge_name_with(const char *prefix, const fixture *f, const drill *d, double scale)
{
	char sc[32], hex[17];

	snprintf(sc, sizeof sc, "%g", scale);
	for (char *p = sc; *p; p++)
		if (*p == '.')
			*p = 'p';
	fnv_hex(edge_hash(f, d), hex);
	return xasprintf("%s%s_%s_%s", prefix, f->name, sc, hex);
}

char *
edge_template_name(const fixture *f, const drill *d, double scale)
{
	return edge_name_with("pgdrill_e_", f, d, scale);
}

/* The comment that says whose edge template a database is. */
static char *
edge_comment(const fixture *f, const drill *d, double scale)
{
	return xasprintf("pgdrill edge template: fixture=%s drill=%s scale=%g", f->name,
					 d->edge_sql ? d->id : "-", scale);
}

/* Run one edge script on the build connection; its errors are the
 * author's (ERROR_USAGE), named by file and line. */
static bool
run_edge_script(PGconn *conn, const char *text, const char *owner_kind, const char *owner,
				error *err)
{
	if (text == NULL)
		return true;
	if (db_exec(conn, text, ERROR_USAGE, err))
		return true;
	if (err->kind == ERROR_USAGE) {
		if (err->position > 0)
			error_prefix(err, "%s %s: edge.sql line %d: ", owner_kind, owner,
						 text_line(text, strlen(text), err->position));
		else
			error_prefix(err, "%s %s: edge.sql: ", owner_kind, owner);
		err->position = 0;
	}
	return false;
}

/* Drop the edge templates this one replaces (same comment, other name). */
static bool
drop_stale(server *s, const char *name, const char *comment, error *err)
{
	const char *params[] = {comment, name};
	PGresult *res = db_query(s->admin, "SELECT datname FROM pg_database WHERE "
							 "shobj_description(oid, 'pg_database') = $1 AND datname <> $2",
							 2, params, ERROR_ENV, err);
	bool ok = res != NULL;

	for (int i = 0; ok && i < PQntuples(res); i++) {
		const char *stale = PQgetvalue(res, i, 0);

		ok = db_execf(s->admin, err, "ALTER DATABASE %s WITH IS_TEMPLATE false", stale) &&
			db_execf(s->admin, err, "DROP DATABASE IF EXISTS %s WITH (FORCE)", stale);
	}
	PQclear(res);
	return ok;
}

/* Build the edge template `name` (the caller holds its lock). */
static bool
edge_build(server *s, const fixture *f, const drill *d, double scale, const char *name,
		   const progress *prog, error *err)
{
	char *seed_tpl = template_name(f, TEMPLATE_SEED_MAIN, scale);
	char *bld = edge_name_with("pgdrill_b_e_", f, d, scale);
	char *comment = edge_comment(f, d, scale);
	PGconn *conn = NULL;
	bool ok;

	progress_say(prog, "building the edge dataset of %s%s%s", f->name,
				 d->edge_sql ? " for drill " : "", d->edge_sql ? d->id : "");
	ok = db_execf(s->admin, err, "DROP DATABASE IF EXISTS %s WITH (FORCE)", bld) &&
		db_execf(s->admin, err, "CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY", bld,
				 seed_tpl) &&
		db_execf(s->admin, err, "REVOKE ALL ON DATABASE %s FROM PUBLIC", bld) &&
		db_execf(s->admin, err, "COMMENT ON DATABASE %s IS 'pgdrill template build'", bld);
	if (ok)
		ok = (conn = server_connect(s, bld, NULL, err)) != NULL &&
			db_execf(conn, err, "SET ROLE " ROLE_OWNER) &&
			run_edge_script(conn, f->edge_sql, "fixture", f->name, err) &&
			run_edge_script(conn, d->edge_sql, "drill", d->id, err) &&
			db_execf(conn, err, "RESET ROLE") &&
			db_execf(conn, err, "VACUUM (FREEZE)");
	db_close(conn);
	if (ok)
		ok = db_execf(s->admin, err, "ALTER DATABASE %s RENAME TO %s", bld, name) &&
			db_execf(s->admin, err, "ALTER DATABASE %s WITH ALLOW_CONNECTIONS false "
					 "IS_TEMPLATE true", name) &&
			db_execf(s->admin, err, "COMMENT ON DATABASE %s IS '%s'", name, comment) &&
			drop_stale(s, name, comment, err);
	if (!ok) {
		error ignored;

		db_execf(s->admin, &ignored, "DROP DATABASE IF EXISTS %s WITH (FORCE)", bld);
	}
	free(seed_tpl);
	free(bld);
	free(comment);
	return ok;
}

/* Make sure the edge template exists; *built says whether it was built now. */
static bool
edge_ensure(server *s, const fixture *f, const drill *d, double scale, const progress *prog,
			bool *built, error *err)
{
	const int seed = TEMPLATE_SEED_MAIN;
	char *name = edge_template_name(f, d, scale);
	bool exists = false, locked = false, ok = false;

	*built = false;
	if (!template_ensure(s, f, &seed, 1, scale, prog, NULL, err) ||
		!template_exists(s->admin, name, &exists, err))
		goto done;
	if (exists) {
		ok = true;
		goto done;
	}
	if (!template_lock(s->admin, name, true, err))
		goto done;
	locked = true;
	if (!template_exists(s->admin, name, &exists, err))
		goto done;
	if (!exists) {
		if (!edge_build(s, f, d, scale, name, prog, err))
			goto done;
		*built = true;
	}
	ok = true;
done:
	if (locked) {
		error ignored;

		template_lock(s->admin, name, false, &ignored);
	}
	free(name);
	return ok;
}

char *
edge_clone(server *s, const fixture *f, const drill *d, double scale, const progress *prog,
		   bool *built, error *err)
{
	char *name = edge_template_name(f, d, scale);
	char *db = NULL;
	bool b = false;

	/* as template_clone: a template dropped between ensure and clone (another
	 * process rebuilt it after an edit) is ensured once more */
	for (int attempt = 0; attempt < 2 && db == NULL; attempt++) {
		if (attempt > 0 && !template_missing_error(err))
			break;
		if (!edge_ensure(s, f, d, scale, prog, &b, err))
			break;
		db = scratch_create(s, name, err);
	}
	if (built)
		*built = b;
	free(name);
	return db;
}
