/*
 * scratch.c — creating, dropping and reaping scratch databases (see
 * scratch.h).
 */
#include "sandbox/scratch.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pg/db.h"
#include "pg/roles.h"
#include "sandbox/pool.h"
#include "os/signals.h"
#include "os/tmpdir.h"
#include "strbuf.h"

static int scratch_counter;

/* Clone, restrict access, and label.  `label` goes into the comment.  A
 * clone made ahead (pool.h) is taken when one is ready: a rename instead
 * of a copy. */
static bool
clone_db(server *s, const char *name, const char *template_db, const char *label,
		 error *err)
{
	int taken = pool_take(s, template_db, name, label, err);

	if (taken > 0)
		return true;
	if (taken < 0)
		error_clear(err);   /* the pool is an optimisation: a copy says what is wrong */
	if (!db_execf(s->admin, err, "CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY",
				  name, template_db))
		return false;
	if (!db_execf(s->admin, err, "REVOKE ALL ON DATABASE %s FROM PUBLIC", name) ||
		!db_execf(s->admin, err, "GRANT CONNECT ON DATABASE %s TO %s, %s", name,
				  ROLE_LEARNER, ROLE_INDEXER) ||
		!db_execf(s->admin, err, "COMMENT ON DATABASE %s IS '%s'", name, label)) {
		error ignored;

		db_execf(s->admin, &ignored, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
		return false;
	}
	return true;
}

char *
scratch_create(server *s, const char *template_db, error *err)
{
	char *host = tmpdir_host();
	char *name = xasprintf("pgdrill_s_%ld_%d", (long) getpid(), ++scratch_counter);
	char *label = xasprintf("pgdrill scratch: host=%s pid=%ld template=%s", host,
							(long) getpid(), template_db);
	bool ok = clone_db(s, name, template_db, label, err);

	free(host);
	free(label);
	if (!ok) {
		free(name);
		return NULL;
	}
	signals_register_db(name);  /* dropped on SIGINT/SIGTERM (signals.h) */
	return name;
}

bool
scratch_drop(server *s, const char *name, error *err)
{
	if (!db_execf(s->admin, err, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name))
		return false;
	signals_unregister_db(name);
	return true;
}

bool
scratch_release(server *s, const char *name, error *err)
{
	/* interrupted: the command drops its own databases before it dies of
	 * the signal (signals.h), as it always did */
	if (!s->later.defer_drops || pool_size(s) == 0 || signals_caught())
		return scratch_drop(s, name, err);
	pool_drop_later(s, name);
	signals_unregister_db(name);
	return true;
}

int
scratch_reap(server *s, error *err)
{
	char *host = tmpdir_host();
	PGresult *res = db_query(s->admin,
							 "SELECT datname, shobj_description(oid, 'pg_database') "
							 "FROM pg_database WHERE datname LIKE 'pgdrill\\_s\\_%'",
							 0, NULL, ERROR_ENV, err);
	int dropped = 0;

	if (res == NULL) {
		free(host);
		return -1;
	}
	for (int i = 0; i < PQntuples(res); i++) {
		const char *name = PQgetvalue(res, i, 0);
		const char *comment = PQgetvalue(res, i, 1);
		char chost[256];
		long pid;
		int n;

		if (sscanf(comment, "pgdrill scratch: host=%255s pid=%ld", chost, &pid) == 2) {
			if (strcmp(chost, host) != 0)
				continue;
		} else if (!(s->private_cluster && PQgetisnull(res, i, 1) &&
					 sscanf(name, "pgdrill_s_%ld_%d", &pid, &n) == 2))
			continue;
		/* (no comment: the server died between CREATE DATABASE and COMMENT;
		 * on the private cluster every client is on this host, so the pid
		 * in the name is enough) */
		if (pid == (long) getpid())
			continue;
		if (kill((pid_t) pid, 0) == 0 || errno != ESRCH)
			continue;           /* still alive (or not ours to judge) */
		/* best effort: a database that cannot be dropped now (a backend of
		 * the dead process still hangs in it) is retried by the next run,
		 * and must not fail this one */
		for (int attempt = 0; attempt < 3; attempt++) {
			error ignored;

			if (scratch_drop(s, name, &ignored)) {
				dropped++;
				break;
			}
			usleep(300000);     /* e.g. right after crash recovery: try again */
		}
	}
	PQclear(res);
	free(host);
	{
		/* and the pool's leftovers: clones of templates that are gone */
		int pooled = pool_reap(s, err);

		if (pooled < 0)
			return -1;
		dropped += pooled;
	}
	return dropped;
}

/* Get personal copy `name` out of the way: renamed to a scratch name of
 * this process and dropped after the command (pool.h), so that a fresh
 * copy costs the learner two renames; dropped now when nobody refills
 * after the command (no pool) or when it cannot be renamed (the learner's
 * psql is connected to it: the drop terminates that session, as before). */
static bool
set_aside(server *s, const char *name, const char *template_db, error *err)
{
	if (pool_size(s) > 0) {
		char *host = tmpdir_host();
		char *trash = xasprintf("pgdrill_s_%ld_%d", (long) getpid(), ++scratch_counter);
		bool ok = db_execf(s->admin, err,
						   "ALTER DATABASE %s RENAME TO %s; "
						   "COMMENT ON DATABASE %s IS 'pgdrill scratch: host=%s pid=%ld "
						   "template=%s'", name, trash, trash, host, (long) getpid(),
						   template_db);

		if (ok)
			pool_drop_later(s, trash);
		free(trash);
		free(host);
		if (ok)
			return true;
		error_clear(err);
	}
	return scratch_drop(s, name, err);
}

char *
scratch_personal_name(const char *drill_id)
{
	char *name = xasprintf("pgdrill_my_%s", drill_id);

	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	return name;
}

char *
scratch_personal(server *s, const char *drill_id, const char *template_db, bool reset,
				 bool *created, error *err)
{
	char *name = scratch_personal_name(drill_id);
	char *label = xasprintf("pgdrill personal copy: template=%s", template_db);
	const char *params[] = {name};
	PGresult *res;
	bool current = false, exists = false;

	*created = false;
	res = db_query(s->admin, "SELECT shobj_description(oid, 'pg_database') "
				   "FROM pg_database WHERE datname = $1", 1, params, ERROR_ENV, err);
	if (res == NULL)
		goto fail;
	if (PQntuples(res) == 1) {
		exists = true;
		current = strcmp(PQgetvalue(res, 0, 0), label) == 0;
	}
	PQclear(res);
	if (exists && current && !reset) {
		free(label);
		return name;
	}
	if (exists && !set_aside(s, name, template_db, err))
		goto fail;
	if (!clone_db(s, name, template_db, label, err))
		goto fail;
	*created = true;
	free(label);
	return name;
fail:
	free(label);
	free(name);
	return NULL;
}
