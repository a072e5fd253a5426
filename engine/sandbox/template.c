/*
 * template.c — building fixture templates, in parallel, atomically (see
 * template.h for the recipe and its reasons).
 *
 * Each missing template gets a `build`: its own connection to a fresh
 * "pgdrill_b_..." database and a list of steps (settings, each script, the
 * vacuum, the grants).  Steps are sent with PQsendQuery and the builds are
 * advanced together from one poll loop, so two seeds take about the time of
 * one on a two-core machine.
 */
#include "sandbox/template.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pg/db.h"
#include "fnv.h"
#include "pg/roles.h"
#include "sandbox/scratch.h"
#include "sandbox/session.h"
#include "strbuf.h"
#include "textpos.h"

/* Advisory-lock namespace for template builds (first key of the pair). */
#define TEMPLATE_LOCK_NS 7464318

typedef struct build {
	int seed;
	char *name;          /* final template name */
	char *bld;           /* temporary build database */
	PGconn *conn;
	char **steps;        /* SQL per step, owned */
	const char **labels; /* what each step is, for progress and errors */
	size_t n_steps;
	size_t limit;        /* run steps up to this one (exclusive) */
	size_t vacuum_at;    /* the first step after the scripts (see run phases) */
	size_t settle_at;    /* the first step after the VACUUM: the after_vacuum
							scripts, then the grants (see build_tail) */
	size_t step;         /* the step in flight */
	bool busy;           /* a step has been sent and not finished */
	bool done;
	const char **step_file; /* the fixture script a step runs (its name, then
							   its text in step_text), NULL if none */
	const char **step_text;
} build;

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
build_free(build *b)
{
	db_close(b->conn);
	for (size_t i = 0; i < b->n_steps; i++)
		free(b->steps[i]);
	free(b->steps);
	free(b->labels);
	free(b->step_file);
	free(b->step_text);
	free(b->name);
	free(b->bld);
}

/* Append a step; `file` and `text` name the fixture script it runs (the
 * fixture owns them), NULL for pgdrill's own steps. */
static void
add_step(build *b, char *sql, const char *label, const char *file, const char *text)
{
	b->steps = xrealloc(b->steps, (b->n_steps + 1) * sizeof(char *));
	b->labels = xrealloc(b->labels, (b->n_steps + 1) * sizeof(char *));
	b->step_file = xrealloc(b->step_file, (b->n_steps + 1) * sizeof(char *));
	b->step_text = xrealloc(b->step_text, (b->n_steps + 1) * sizeof(char *));
	b->steps[b->n_steps] = sql;
	b->labels[b->n_steps] = label;
	b->step_file[b->n_steps] = file;
	b->step_text[b->n_steps] = text;
	b->n_steps++;
}

static void
add_script_step(build *b, const char *name, const char *text)
{
	add_step(b, xstrdup(text), name, name, text);
}

static void
plan_steps(build *b, const fixture *f, double scale)
{
	add_step(b, xasprintf("SET pgdrill.seed = '%d'; SET pgdrill.scale = '%g'; "
						  "SET ROLE " ROLE_OWNER, b->seed, scale), "settings", NULL, NULL);
	for (size_t i = 0; i < f->n_scripts; i++)
		add_script_step(b, f->script_names[i], f->script_texts[i]);
	b->vacuum_at = b->n_steps;
	add_step(b, xstrdup("RESET ROLE; SET default_statistics_target = 10000; "
						"SET maintenance_work_mem = '256MB'"), "settings", NULL, NULL);
	add_step(b, xstrdup("VACUUM (FREEZE, ANALYZE)"), "VACUUM ANALYZE", NULL, NULL);
	b->settle_at = b->n_steps;
	/* what the fixture leaves on purpose after the freeze: dead rows, pages
	 * no longer all-visible (docs/fixture-format.md, "after_vacuum") */
	if (f->n_after_vacuum > 0) {
		add_step(b, xstrdup("SET ROLE " ROLE_OWNER), "settings", NULL, NULL);
		for (size_t i = 0; i < f->n_after_vacuum; i++)
			add_script_step(b, f->after_vacuum_names[i], f->after_vacuum_texts[i]);
		add_step(b, xstrdup("RESET ROLE"), "settings", NULL, NULL);
	}
	add_step(b, xstrdup("GRANT USAGE ON SCHEMA public TO " ROLE_LEARNER ", " ROLE_INDEXER "; "
						"GRANT SELECT ON ALL TABLES IN SCHEMA public TO " ROLE_LEARNER "; "
						"GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO " ROLE_LEARNER "; "
						"REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
			 "grants", NULL, NULL);
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

static bool
build_send(build *b, error *err)
{
	if (!PQsendQuery(b->conn, b->steps[b->step]))
		return db_error_from(b->conn, NULL, ERROR_ENV, err);
	b->busy = true;
	return true;
}

/* Collect finished results of the step in flight; advance when complete. */
static bool
build_collect(build *b, const fixture *f, error *err)
{
	if (!PQconsumeInput(b->conn))
		return db_error_from(b->conn, NULL, ERROR_ENV, err);
	while (!PQisBusy(b->conn)) {
		PGresult *res = PQgetResult(b->conn);

		if (res == NULL) {
			b->busy = false;
			b->step++;
			if (b->step == b->limit)
				b->done = true;
			return true;
		}
		if (PQresultStatus(res) != PGRES_COMMAND_OK &&
			PQresultStatus(res) != PGRES_TUPLES_OK) {
			const char *file = b->step_file[b->step];
			const char *text = b->step_text[b->step];

			db_error_from(b->conn, res, file ? ERROR_USAGE : ERROR_ENV, err);
			if (file && err->position > 0)
				error_prefix(err, "fixture %s, %s line %d (seed %d): ", f->name, file,
							 text_line(text, strlen(text), err->position), b->seed);
			else
				error_prefix(err, "fixture %s, %s (seed %d): ", f->name,
							 b->labels[b->step], b->seed);
			err->position = 0;
			PQclear(res);
			/* drain the rest so the connection can be closed cleanly */
			while ((res = PQgetResult(b->conn)) != NULL)
				PQclear(res);
			return false;
		}
		PQclear(res);
	}
	return true;
}

static void
report(const progress *prog, const fixture *f, build *builds, size_t n, time_t t0)
{
	strbuf sb = STRBUF_INIT;
	size_t total = 0, done = 0;

	strbuf_printf(&sb, "building fixture %s:", f->name);
	for (size_t i = 0; i < n; i++) {
		total += builds[i].n_steps;
		done += builds[i].step;
		strbuf_printf(&sb, " seed %d %s (%zu/%zu)%s", builds[i].seed,
					  builds[i].done ? "done" : builds[i].labels[builds[i].step],
					  builds[i].step, builds[i].n_steps, i + 1 < n ? "," : "");
	}
	strbuf_printf(&sb, " — %lds", (long) (time(NULL) - t0));
	progress_step(prog, (int) done, (int) total, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

static bool
run_builds(const fixture *f, build *builds, size_t n, const progress *prog, error *err)
{
	time_t t0 = time(NULL);

	for (;;) {
		struct pollfd fds[8];
		size_t nfds = 0;
		bool all_done = true;

		for (size_t i = 0; i < n; i++) {
			build *b = &builds[i];

			if (b->done)
				continue;
			all_done = false;
			if (!b->busy && !build_send(b, err))
				return false;
			fds[nfds].fd = PQsocket(b->conn);
			fds[nfds].events = POLLIN;
			nfds++;
		}
		report(prog, f, builds, n, t0);
		if (all_done)
			return true;
		if (poll(fds, nfds, 1000) < 0)
			continue;           /* EINTR: loop and poll again */
		for (size_t i = 0; i < n; i++)
			if (!builds[i].done && builds[i].busy && !build_collect(&builds[i], f, err))
				return false;
	}
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
	b->limit = b->settle_at;
	b->done = false;
	if (!run_builds(f, b, 1, prog, err) || !settle_visibility(b, f, err))
		return false;
	b->limit = b->n_steps;
	b->done = false;
	return run_builds(f, b, 1, prog, err);
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
		plan_steps(&builds[nb], f, scale);
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
	if (nb > 0 && !run_builds(f, builds, nb, prog, err))
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
	plan_steps(&b, f, scale);
	/* settled like a real template, so that plans compare like for like */
	b.limit = b.vacuum_at;
	ok = build_start(s, &b, err) && run_builds(f, &b, 1, prog, err) &&
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
