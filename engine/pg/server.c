/*
 * server.c — resolving the server and opening connections (see server.h).
 */
#include "pg/server.h"

#include <stdlib.h>
#include <string.h>

#include "fnv.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "pg/db.h"
#include "pg/roles.h"
#include "strbuf.h"

/*
 * The private cluster's roles are checked once per server start: the check
 * is a catalog query in a fresh backend (its caches cold), a visible part of
 * a warm `start`.  After roles_ensure succeeds, <cluster>/roles-checked
 * records the server's start (the first three lines of postmaster.pid: pid,
 * data directory, start time) and roles_fingerprint; a command that finds
 * both unchanged skips the check.  A restarted server, or a pgdrill that
 * checks other things, checks again, and so does `db gc` always
 * (server_check_roles): a superuser's manual ALTER ROLE between two
 * commands is put back by the next server start or `db gc` (the learner
 * roles can change no role: docs/cluster.md).
 */
static char *
roles_marker_text(const server *s)
{
	char *pidfile = paths_join(s->cl.data_dir, "postmaster.pid");
	error ignored = {0};
	size_t len;
	char *pid = fileio_read(pidfile, 4096, &len, &ignored);
	char *text = NULL, *p = pid;
	char hex[17];

	free(pidfile);
	for (int line = 0; p && line < 3; line++)
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
	if (p != NULL) {
		fnv_hex(roles_fingerprint(true), hex);
		text = xasprintf("%.*s%s\n", (int) (p - pid), pid, hex);
	}
	free(pid);
	return text;
}

static char *
roles_marker_path(const server *s)
{
	return paths_join(s->cl.root_dir, "roles-checked");
}

static bool
roles_checked(const server *s)
{
	char *path = roles_marker_path(s), *want = roles_marker_text(s), *have;
	error ignored = {0};
	size_t len;
	bool same;

	have = want ? fileio_read(path, 8192, &len, &ignored) : NULL;
	same = have != NULL && strcmp(have, want) == 0;
	free(path);
	free(want);
	free(have);
	return same;
}

static void
roles_mark_checked(const server *s)
{
	char *path = roles_marker_path(s), *text = roles_marker_text(s);
	error ignored = {0};

	if (text)
		fileio_write_atomic(path, text, strlen(text), 0644, &ignored);
	free(path);
	free(text);
}

bool
server_open(server *s, const char *db_conninfo, const progress *prog, error *err)
{
	const char *pw = getenv("PGDRILL_LEARNER_PASSWORD");

	memset(s, 0, sizeof *s);
	if (db_conninfo == NULL) {
		s->private_cluster = true;
		if (!cluster_locate(&s->cl, err))
			return false;
		s->conninfo = cluster_conninfo(&s->cl, "postgres", NULL);
		/* Usually it runs: connect at once (asking it first would cost a
		 * backend of its own, the ping); otherwise start it and connect. */
		if (cluster_initialised(&s->cl)) {
			error ignored;

			s->admin = db_connect(s->conninfo, &ignored);
		}
		if (s->admin == NULL && !cluster_ensure_running(&s->cl, prog, err))
			return false;
	} else {
		s->conninfo = xstrdup(db_conninfo);
		if (pw && pw[0])
			s->learner_password = xstrdup(pw);
	}
	if (s->admin == NULL)
		s->admin = db_connect(s->conninfo, err);
	if (s->admin == NULL)
		return false;
	/* pgdrill's own catalogue changes (scratch clones and their comments,
	 * templates, roles) must survive a crash of the server: the private
	 * cluster runs with synchronous_commit = off, which loses the last
	 * commits with the WAL buffers — a clone whose comment was lost is
	 * never reaped (seen in test_faults).  With fsync = off this costs a
	 * write(), not a disk flush. */
	if (!db_execf(s->admin, err, "SET synchronous_commit = on"))
		return false;
	if (s->private_cluster && s->learner_password == NULL && roles_checked(s))
		return true;
	return server_check_roles(s, err);
}

bool
server_check_roles(server *s, error *err)
{
	if (!roles_ensure(s->admin, s->learner_password, err))
		return false;
	if (s->private_cluster && s->learner_password == NULL)
		roles_mark_checked(s);
	return true;
}

void
server_close(server *s)
{
	if (s == NULL)
		return;
	db_close(s->admin);
	s->admin = NULL;
	if (s->private_cluster)
		cluster_release(&s->cl);
	free(s->conninfo);
	free(s->learner_password);
	for (size_t i = 0; i < s->later.n_refill; i++)
		free(s->later.refill[i]);
	free(s->later.refill);
	for (size_t i = 0; i < s->later.n_drop; i++)
		free(s->later.drop[i]);
	free(s->later.drop);
	memset(s, 0, sizeof *s);
}

PGconn *
server_connect(const server *s, const char *dbname, const char *role, error *err)
{
	return db_connect_as(s->conninfo, dbname, role, role ? s->learner_password : NULL,
						 err);
}

bool
server_connect_all(const server *s, const char *const *dbnames, const char *const *roles,
				   size_t n, PGconn **out, error *err)
{
	char **ci = xcalloc(n + 1, sizeof(char *));
	bool ok = true;

	for (size_t i = 0; i < n && ok; i++) {
		ci[i] = db_conninfo_as(s->conninfo, dbnames[i], roles[i],
							   roles[i] ? s->learner_password : NULL, err);
		ok = ci[i] != NULL;
	}
	if (ok)
		ok = db_connect_all(ci, n, out, err);
	for (size_t i = 0; i < n; i++)
		free(ci[i]);
	free(ci);
	return ok;
}

char *
server_conninfo(const server *s, const char *dbname, const char *role, error *err)
{
	return db_conninfo_with(s->conninfo, dbname, role, err);
}
