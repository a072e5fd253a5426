/*
 * server.c — resolving the server and opening connections (see server.h).
 */
#include "pg/server.h"

#include <stdlib.h>
#include <string.h>

#include "pg/db.h"
#include "pg/roles.h"
#include "strbuf.h"

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
	return roles_ensure(s->admin, s->learner_password, err);
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

char *
server_conninfo(const server *s, const char *dbname, const char *role, error *err)
{
	return db_conninfo_with(s->conninfo, dbname, role, err);
}
