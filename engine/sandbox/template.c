/*
 * template.c — building fixture templates, in parallel, atomically (see
 * template.h for the recipe and its reasons).
 *
 * Each missing template gets a `build` (sandbox/build_steps.h runs it):
 * its own connection to a fresh "pgdrill_b_..." database and a list of
 * steps (settings, each script, the vacuum, the grants); the builds of the
 * two seeds advance together, so two seeds take about the time of one on a
 * two-core machine, and a group of the fixture's scripts runs side by
 * side.  The VACUUM is such a group too, one step per table, so that one
 * seed alone (a learner's first `start`) uses every core.
 */
#include "sandbox/template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pg/db.h"
#include "fnv.h"
#include "pg/roles.h"
#include "sandbox/build_steps.h"
#include "sandbox/scratch.h"
#include "sandbox/session.h"
#include "strbuf.h"

/* Advisory-lock namespace for template builds (first key of the pair). */
#define TEMPLATE_LOCK_NS 7464318

/*
 * Every session of a build commits synchronously, though the private cluster
 * runs with synchronous_commit off.  VACUUM may set a row's hint bits, and so
 * mark its page all-visible, only once the WAL holds the commit record of
 * the row's transaction up to the LSN that clog keeps for a group of 32
 * transactions, the latest asynchronous commit among them.  The side-by-side
 * VACUUMs commit their ANALYZEs next to the build's transactions, so that
 * LSN kept moving past what the WAL writer had flushed: measured, no page of
 * a table vacuumed beside another's ANALYZE was marked all-visible.
 */
#define BUILD_COMMIT "SET synchronous_commit = on"

/* The session settings of the VACUUM (FREEZE, ANALYZE): a full-table
 * statistics sample (template.h). */
#define VACUUM_SETTINGS BUILD_COMMIT "; SET default_statistics_target = 10000; " \
	"SET maintenance_work_mem = '256MB'"

static void
scale_text(double scale, char *buf, size_t len)
{
	snprintf(buf, len, "%g", scale);
	for (char *p = buf; *p; p++)
		if (*p == '.')
			*p = 'p';
}

static char *
name_with(const char *prefix, const fixture *f, int seed, double scale)
{
	char sc[32], hex[17];

	scale_text(scale, sc, sizeof sc);
	fnv_hex(f->content_hash, hex);
	hex[12] = '\0';
	return xasprintf("%s%s_%d_%s_%s", prefix, f->name, seed, sc, hex);
}

char *
template_name(const fixture *f, int seed, double scale)
{
	return name_with("pgdrill_t_", f, seed, scale);
}

#define DATABASE_EXISTS_SQL "SELECT 1 FROM pg_database WHERE datname = $1"

bool
template_exists(PGconn *admin, const char *name, bool *exists, error *err)
{
	return db_query_exists(admin, DATABASE_EXISTS_SQL, name, exists, err);
}

bool
template_lock(PGconn *admin, const char *name, bool lock, error *err)
{
	return db_execf(admin, err, "SELECT pg_advisory_%s(%d, hashtext('%s'))",
					lock ? "lock" : "unlock", TEMPLATE_LOCK_NS, name);
}

static void
add_script_step(build *b, const char *name, const char *text, int group)
{
	build_add_step(b, xstrdup(text), name, name, text, group);
}

static void
plan_steps(build *b, server *s, const fixture *f, double scale)
{
	b->s = s;
	b->lane_cap = LANES_MAX;    /* a group's scripts all at once */
	b->lane_settings = xasprintf(BUILD_COMMIT "; SET pgdrill.seed = '%d'; "
								 "SET pgdrill.scale = '%g'; SET ROLE " ROLE_OWNER,
								 b->seed, scale);
	build_add_step(b, xstrdup(b->lane_settings), "settings", NULL, NULL, 0);
	for (size_t i = 0; i < f->n_scripts; i++)
		add_script_step(b, f->script_names[i], f->script_texts[i], f->script_group[i]);
	b->vacuum_at = b->n_steps;
	build_add_step(b, xstrdup("RESET ROLE; " VACUUM_SETTINGS), "settings", NULL, NULL, 0);
	build_add_step(b, NULL, "VACUUM ANALYZE", NULL, NULL, 0);
	b->settle_at = b->n_steps;
	/* what the fixture leaves on purpose after the freeze: dead rows, pages
	 * no longer all-visible (docs/fixture-format.md, "after_vacuum") */
	if (f->n_after_vacuum > 0) {
		build_add_step(b, xstrdup("SET ROLE " ROLE_OWNER), "settings", NULL, NULL, 0);
		for (size_t i = 0; i < f->n_after_vacuum; i++)
			add_script_step(b, f->after_vacuum_names[i], f->after_vacuum_texts[i], 0);
		build_add_step(b, xstrdup("RESET ROLE"), "settings", NULL, NULL, 0);
	}
	build_add_step(b, xstrdup("GRANT USAGE ON SCHEMA public TO " ROLE_LEARNER ", " ROLE_INDEXER "; "
						"GRANT SELECT ON ALL TABLES IN SCHEMA public TO " ROLE_LEARNER "; "
						"GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO " ROLE_LEARNER "; "
						"REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
			 "grants", NULL, NULL, 0);
	b->limit = b->n_steps;
}

/* Create the build database and connect to it. */
static bool
build_start(server *s, build *b, error *err)
{
	if (!db_execf(s->admin, err, "DROP DATABASE IF EXISTS %s WITH (FORCE)", b->bld) ||
		!db_execf(s->admin, err,
				  "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' "
				  "LC_COLLATE 'C' LC_CTYPE 'C'", b->bld) ||
		!db_execf(s->admin, err, "REVOKE ALL ON DATABASE %s FROM PUBLIC", b->bld) ||
		!db_execf(s->admin, err, "COMMENT ON DATABASE %s IS 'pgdrill template build'", b->bld))
		return false;
	b->conn = server_connect(s, b->bld, NULL, err);
	/* the fixture's scripts run in the world drills are written in: a
	 * timestamptz literal or a date parsed there must not move with the
	 * server's TimeZone or DateStyle */
	if (b->conn == NULL || !session_pin_settings(b->conn, err))
		return false;
	if (!db_execf(b->conn, err, "GRANT USAGE, CREATE ON SCHEMA public TO %s", ROLE_OWNER))
		return false;
	return true;
}

/* Sessions for the side-by-side VACUUM: one per core, 2 to 4. */
static size_t
vacuum_lanes(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 2 ? 2 : n > 4 ? 4 : (size_t) n;
}

/*
 * VACUUM (FREEZE, ANALYZE) the build's tables side by side: one session per
 * table, the largest first, vacuum_lanes() at a time, and the system
 * catalogs together in one more (what one database-wide VACUUM did, in about
 * the time of the largest table).  A partitioned table is one step (its
 * VACUUM processes its partitions).  Builds vacuum one at a time
 * (template_ensure), so nothing else writes meanwhile.
 */
static bool
vacuum_tables(build *b, const fixture *f, const progress *prog, error *err)
{
	static const char *const rels =
		"SELECT rel FROM ("
		" SELECT format('%I.%I', n.nspname, c.relname) AS rel,"
		"  coalesce((SELECT sum(pg_relation_size(t.relid)) FROM pg_partition_tree(c.oid) t),"
		"           pg_relation_size(c.oid)) AS size"
		" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
		" WHERE c.relkind IN ('r', 'm', 'p') AND NOT c.relispartition"
		"  AND c.relpersistence <> 't'"
		"  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
		" UNION ALL"
		" SELECT string_agg(format('%I.%I', n.nspname, c.relname), ', '"
		"                   ORDER BY n.nspname, c.relname), -1"
		" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
		" WHERE c.relkind IN ('r', 'm') AND n.nspname IN ('pg_catalog', 'information_schema')"
		") r ORDER BY size DESC, rel";
	PGresult *res;
	build v;
	bool ok;

	res = db_query(b->conn, rels, 0, NULL, ERROR_ENV, err);
	if (res == NULL)
		return false;
	memset(&v, 0, sizeof v);
	v.seed = b->seed;
	v.bld = xstrdup(b->bld);
	v.s = b->s;
	v.lane_settings = xstrdup(VACUUM_SETTINGS);
	v.lane_cap = vacuum_lanes();
	for (int i = 0; i < PQntuples(res); i++)
		build_add_step(&v, xasprintf("VACUUM (FREEZE, ANALYZE) %s", PQgetvalue(res, i, 0)),
				 "VACUUM ANALYZE", NULL, NULL, 1);
	PQclear(res);
	v.limit = v.n_steps;
	ok = build_run(f, &v, 1, prog, err);
	build_free(&v);
	return ok;
}

/*
 * Make every page of every table all-visible (and frozen).  VACUUM (FREEZE)
 * during the build does not always manage it: measured here, a VACUUM that
 * ran while the other seed's build was inserting left a third to all of a
 * table's pages not all-visible (and dead rows in place, which ANALYZE then
 * counted), so one template had index-only scans where another had bitmap
 * heap scans with 500 times the buffers.  Builds now vacuum one at a time
 * after all scripts have run (template_ensure); should a table still lag,
 * something outside pgdrill held the horizon back, and a second VACUUM
 * ANALYZE of the lagging tables completes the job.  A template that
 * still lags after a few tries would give other plans than its twin: that
 * is an error, not a silent difference.
 */
static bool
settle_visibility(build *b, const fixture *f, error *err)
{
	static const char *const lagging =
		"SELECT c.oid::regclass::text FROM pg_class c "
		"WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'm') "
		"AND c.relpages > 0 AND c.relallvisible < c.relpages ORDER BY 1";

	for (int attempt = 0; attempt < 6; attempt++) {
		PGresult *res = db_query(b->conn, lagging, 0, NULL, ERROR_ENV, err);
		int n;

		if (res == NULL)
			return false;
		n = PQntuples(res);
		if (n == 0) {
			PQclear(res);
			return true;
		}
		if (attempt == 5) {
			error_set(err, ERROR_ENV, "fixture %s (seed %d): VACUUM cannot make table %s "
					  "all-visible", f->name, b->seed, PQgetvalue(res, 0, 0));
			error_hint(err, "A long-running transaction elsewhere on the server holds "
					   "back VACUUM (see pg_stat_activity); end it and run again.");
			PQclear(res);
			return false;
		}
		if (attempt > 0)
			usleep(200000 * (unsigned) attempt);
		for (int i = 0; i < n; i++)
			if (!db_execf(b->conn, err, "VACUUM (FREEZE, ANALYZE) %s", PQgetvalue(res, i, 0))) {
				PQclear(res);
				return false;
			}
		PQclear(res);
	}
	return true;
}

bool
template_drop(PGconn *admin, const char *name, error *err)
{
	char *ident = db_quote_ident(admin, name);
	bool ok;

	if (ident == NULL)
		return error_set(err, ERROR_ENV, "cannot quote the database name \"%s\"", name);
	ok = db_execf(admin, err, "ALTER DATABASE %s WITH IS_TEMPLATE false", ident) &&
		db_execf(admin, err, "DROP DATABASE IF EXISTS %s WITH (FORCE)", ident);
	free(ident);
	return ok;
}

/*
 * Run the rest of one build: to the end of the VACUUM, then settle the
 * visibility (every page all-visible), then the fixture's after_vacuum
 * scripts and the grants.  The settling must come before after_vacuum: the
 * dead rows and the pages no longer all-visible that those scripts leave
 * are the fixture's point, and settle_visibility would vacuum them away.
 */
static bool
build_tail(const fixture *f, build *b, const progress *prog, error *err)
{
	b->limit = b->settle_at - 1;        /* to the VACUUM, which vacuum_tables runs */
	if (!build_run(f, b, 1, prog, err) || !vacuum_tables(b, f, prog, err))
		return false;
	b->step = b->settle_at;
	if (!settle_visibility(b, f, err))
		return false;
	b->limit = b->n_steps;
	return build_run(f, b, 1, prog, err);
}

/* Rename the finished build, mark it a template, drop stale versions. */
static bool
build_finish(server *s, const fixture *f, build *b, double scale, error *err)
{
	char sc[32];
	char *like;
	PGresult *res;
	bool ok = true;

	db_close(b->conn);
	b->conn = NULL;
	if (!db_execf(s->admin, err, "ALTER DATABASE %s RENAME TO %s", b->bld, b->name) ||
		!db_execf(s->admin, err, "ALTER DATABASE %s WITH ALLOW_CONNECTIONS false "
				  "IS_TEMPLATE true", b->name) ||
		!db_execf(s->admin, err, "COMMENT ON DATABASE %s IS 'pgdrill template: "
				  "fixture=%s seed=%d scale=%g recipe=%d'", b->name, f->name, b->seed, scale,
				  FIXTURE_RECIPE_VERSION))
		return false;
	scale_text(scale, sc, sizeof sc);
	like = xasprintf("pgdrill\\_t\\_%s\\_%d\\_%s\\_%%", f->name, b->seed, sc);
	{
		const char *params[] = {like, b->name};

		res = db_query(s->admin, "SELECT datname FROM pg_database WHERE datname LIKE $1 "
					   "AND datname <> $2", 2, params, ERROR_ENV, err);
	}
	free(like);
	if (res == NULL)
		return false;
	for (int i = 0; ok && i < PQntuples(res); i++)
		ok = template_drop(s->admin, PQgetvalue(res, i, 0), err);
	PQclear(res);
	return ok;
}

bool
template_ensure(server *s, const fixture *f, const int *seeds, size_t nseeds,
				double scale, const progress *prog, int *built, error *err)
{
	build builds[8];
	size_t nb = 0, nlocked = 0;
	char **locked = xcalloc(nseeds + 1, sizeof(char *));
	bool ok = false;

	if (built)
		*built = 0;
	memset(builds, 0, sizeof builds);
	if (nseeds > 8)
		nseeds = 8;
	/* Lock in seed order (callers pass seeds sorted) so processes cannot
	 * deadlock; then build whatever is still missing. */
	for (size_t i = 0; i < nseeds; i++) {
		char *name = template_name(f, seeds[i], scale);
		bool exists;

		if (!template_exists(s->admin, name, &exists, err)) {
			free(name);
			goto done;
		}
		if (exists) {
			free(name);
			continue;
		}
		progress_say(prog, "waiting for the template lock of %s", name);
		if (!template_lock(s->admin, name, true, err)) {
			free(name);
			goto done;
		}
		locked[nlocked++] = name;
		if (!template_exists(s->admin, name, &exists, err))
			goto done;
		if (exists)
			continue;           /* another process built it while we waited */
		builds[nb].seed = seeds[i];
		builds[nb].name = xstrdup(name);
		builds[nb].bld = name_with("pgdrill_b_", f, seeds[i], scale);
		plan_steps(&builds[nb], s, f, scale);
		nb++;
	}
	for (size_t i = 0; i < nb; i++)
		if (!build_start(s, &builds[i], err))
			goto done;
	/* Two phases: the scripts of all builds in parallel; then, one build at
	 * a time, VACUUM ANALYZE, after_vacuum and the grants.  A VACUUM that runs while
	 * another build is still writing cannot always mark pages all-visible
	 * or remove dead rows, and ANALYZE then counts them: statistics and
	 * plans would differ between a template and its twin. */
	for (size_t i = 0; i < nb; i++)
		builds[i].limit = builds[i].vacuum_at;
	if (nb > 0 && !build_run(f, builds, nb, prog, err))
		goto done;
	for (size_t i = 0; i < nb; i++)
		if (!build_tail(f, &builds[i], prog, err))
			goto done;
	for (size_t i = 0; i < nb; i++)
		if (!build_finish(s, f, &builds[i], scale, err))
			goto done;
	if (built)
		*built = (int) nb;
	ok = true;
done:
	for (size_t i = 0; i < nb; i++) {
		bool failed = !ok;

		build_free(&builds[i]);
		if (failed) {
			error ignored;
			char *bld = name_with("pgdrill_b_", f, builds[i].seed, scale);

			db_execf(s->admin, &ignored, "DROP DATABASE IF EXISTS %s WITH (FORCE)", bld);
			free(bld);
		}
	}
	for (size_t i = 0; i < nlocked; i++) {
		error ignored;

		template_lock(s->admin, locked[i], false, &ignored);
		free(locked[i]);
	}
	free(locked);
	return ok;
}

bool
template_build_oneoff(server *s, const fixture *f, int seed, double scale,
					  const char *name, const char *comment, const progress *prog,
					  error *err)
{
	build b;
	bool ok;

	memset(&b, 0, sizeof b);
	b.seed = seed;
	b.name = xstrdup(name);
	b.bld = xstrdup(name);      /* built in place: no rename, never a template */
	plan_steps(&b, s, f, scale);
	/* settled like a real template, so that plans compare like for like */
	b.limit = b.vacuum_at;
	ok = build_start(s, &b, err) && build_run(f, &b, 1, prog, err) &&
		build_tail(f, &b, prog, err);
	build_free(&b);
	if (ok)
		ok = db_execf(s->admin, err, "GRANT CONNECT ON DATABASE %s TO %s, %s", name,
					  ROLE_LEARNER, ROLE_INDEXER) &&
			db_execf(s->admin, err, "COMMENT ON DATABASE %s IS '%s'", name, comment);
	if (!ok) {
		error ignored;

		template_drop_oneoff(s, name, &ignored);
	}
	return ok;
}

bool
template_drop_oneoff(server *s, const char *name, error *err)
{
	return db_execf(s->admin, err, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
}

bool
template_missing_error(const error *err)
{
	return err->kind == ERROR_ENV && strcmp(err->sqlstate, "3D000") == 0;
}

char *
template_clone(server *s, const fixture *f, int seed, double scale, const progress *prog,
			   error *err)
{
	char *name = template_name(f, seed, scale);
	char *db = NULL;

	/* Clone first: a caller that ensured the templates already (check
	 * prepares both seeds at once) pays for no second ensure; a missing
	 * template (never built, or just replaced by another process) is built
	 * and cloned once more. */
	for (int attempt = 0; attempt < 2 && db == NULL; attempt++) {
		if (attempt > 0) {
			if (!template_missing_error(err))
				break;
			error_clear(err);
			if (!template_ensure(s, f, &seed, 1, scale, prog, NULL, err))
				break;
		}
		db = scratch_create(s, name, err);
	}
	free(name);
	return db;
}
