/*
 * pool.c — clones made ahead and handed out by a rename (see pool.h for
 * the naming, the ready comment and the refill after a command).
 */
#include "sandbox/pool.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fnv.h"
#include "sandbox/keeper.h"
#include "pg/db.h"
#include "pg/roles.h"
#include "os/env.h"
#include "os/tmpdir.h"
#include "strbuf.h"

#define READY_LABEL "pgdrill pool: template="

static int pool_counter;   /* like scratch.c's: unique names within a process */

int
pool_size(const server *s)
{
	if (!s->private_cluster)
		return 0;
	return env_int("PGDRILL_POOL", 0, POOL_SIZE_MAX, POOL_SIZE_DEFAULT);
}

/* "pgdrill_p_<12 hex digits of the template name's hash>" */
static char *
pool_prefix(const char *template_db)
{
	char hex[17];

	fnv_hex(fnv_str(FNV_INIT, template_db), hex);
	hex[12] = '\0';
	return xasprintf("pgdrill_p_%s", hex);
}

/* The LIKE pattern of a template's pool (underscores escaped). */
static char *
pool_pattern(const char *template_db)
{
	char *prefix = pool_prefix(template_db);
	strbuf sb = STRBUF_INIT;

	for (const char *p = prefix; *p; p++) {
		if (*p == '_')
			strbuf_append_char(&sb, '\\');
		strbuf_append_char(&sb, *p);
	}
	strbuf_append(&sb, "\\_%");
	free(prefix);
	return strbuf_steal(&sb);
}

static void
list_add_once(char ***list, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*list)[i], name) == 0)
			return;
	*list = xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = xstrdup(name);
}

int
pool_take(server *s, const char *template_db, const char *name, const char *label,
		  error *err)
{
	char *pattern, *ready;
	const char *params[3];
	PGresult *res;
	int taken = 0;

	if (pool_size(s) == 0)
		return 0;
	list_add_once(&s->later.refill, &s->later.n_refill, template_db);
	pattern = pool_pattern(template_db);
	ready = xasprintf(READY_LABEL "%s", template_db);
	params[0] = pattern;
	params[1] = ready;
	params[2] = template_db;
	/* (a clone of a template that is gone is never handed out: pool_reap's) */
	res = db_query(s->admin, "SELECT datname FROM pg_database WHERE datname LIKE $1 "
				   "AND shobj_description(oid, 'pg_database') = $2 "
				   "AND EXISTS (SELECT 1 FROM pg_database WHERE datname = $3) ORDER BY oid",
				   3, params, ERROR_ENV, err);
	free(pattern);
	free(ready);
	if (res == NULL)
		return -1;
	for (int i = 0; i < PQntuples(res) && taken == 0; i++) {
		const char *cand = PQgetvalue(res, i, 0);

		/* one transaction: renamed, opened and labelled, or untouched */
		if (db_execf(s->admin, err,
					 "ALTER DATABASE %s RENAME TO %s; "
					 "ALTER DATABASE %s ALLOW_CONNECTIONS true; "
					 "GRANT CONNECT ON DATABASE %s TO %s, %s; "
					 "COMMENT ON DATABASE %s IS '%s'",
					 cand, name, name, name, ROLE_LEARNER, ROLE_INDEXER, name, label))
			taken = 1;
		else if (strcmp(err->sqlstate, "3D000") == 0 || strcmp(err->sqlstate, "55006") == 0)
			error_clear(err);   /* another process took it first: the next one */
		else
			taken = -1;
	}
	PQclear(res);
	return taken;
}

/* One connection to the fresh copy `name`, closed at once: its backend's
 * start writes the relation-cache init file (pool.h).  A copy that cannot
 * be warmed is still a good clone: the failure is ignored. */
static void
warm(server *s, const char *name)
{
	error ignored = {0};
	PGconn *conn = server_connect(s, name, NULL, &ignored);

	db_close(conn);
}

int
pool_fill(server *s, const char *template_db, int want, error *err)
{
	PGconn *admin = s->admin;
	char *pattern = pool_pattern(template_db);
	const char *params[1] = {pattern};
	char *v = db_query_value(admin, "SELECT count(*) FROM pg_database WHERE datname LIKE $1",
							 1, params, err);
	int have, made = 0;

	free(pattern);
	if (v == NULL)
		return -1;
	have = atoi(v);
	free(v);
	while (have + made < want) {
		char *prefix = pool_prefix(template_db);
		char *name = xasprintf("%s_%ld_%d", prefix, (long) getpid(), ++pool_counter);
		bool ok, made_ok = true;

		free(prefix);
		ok = db_execf(admin, err, "CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY", name,
					  template_db);
		/* closed to everyone but the superuser before it is warmed, to
		 * everyone once it is ready */
		if (ok && !db_execf(admin, err, "REVOKE ALL ON DATABASE %s FROM PUBLIC", name))
			made_ok = false;
		else if (ok) {
			warm(s, name);
			made_ok = db_execf(admin, err, "ALTER DATABASE %s ALLOW_CONNECTIONS false; "
							   "COMMENT ON DATABASE %s IS '" READY_LABEL "%s'",
							   name, name, template_db);
		}
		if (ok && !made_ok) {
			error ignored;

			db_execf(admin, &ignored, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
			ok = false;
		}
		free(name);
		if (!ok)
			return -1;
		made++;
	}
	return made;
}

int
pool_reap(server *s, error *err)
{
	PGresult *res;
	int dropped = 0;

	if (!s->private_cluster)
		return 0;
	res = db_query(s->admin,
				   "SELECT p.datname, "
				   "  shobj_description(p.oid, 'pg_database') LIKE '" READY_LABEL "%', "
				   "  EXISTS (SELECT 1 FROM pg_database t WHERE '" READY_LABEL "' || t.datname "
				   "          = shobj_description(p.oid, 'pg_database')) "
				   "FROM pg_database p WHERE p.datname LIKE 'pgdrill\\_p\\_%'",
				   0, NULL, ERROR_ENV, err);
	if (res == NULL)
		return -1;
	for (int i = 0; i < PQntuples(res); i++) {
		const char *name = PQgetvalue(res, i, 0);
		bool ready = PQgetvalue(res, i, 1)[0] == 't';
		bool template_exists = PQgetvalue(res, i, 2)[0] == 't';
		char hex[13];
		long pid;
		int n;
		error ignored;

		if (ready && template_exists)
			continue;
		if (!ready) {
			/* unfinished: reaped only when its maker is gone (private
			 * cluster: every client is on this host) */
			if (sscanf(name, "pgdrill_p_%12[0-9a-f]_%ld_%d", hex, &pid, &n) != 3)
				continue;
			if (pid == (long) getpid() || kill((pid_t) pid, 0) == 0 || errno != ESRCH)
				continue;
		}
		if (db_execf(s->admin, &ignored, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name))
			dropped++;
	}
	PQclear(res);
	return dropped;
}

bool
pool_inventory(PGconn *admin, long *n, long long *bytes, error *err)
{
	PGresult *res = db_query(admin, "SELECT count(*), coalesce(sum(pg_database_size(oid)), 0) "
							 "FROM pg_database WHERE datname LIKE 'pgdrill\\_p\\_%'",
							 0, NULL, ERROR_ENV, err);

	if (res == NULL)
		return false;
	*n = atol(PQgetvalue(res, 0, 0));
	*bytes = atoll(PQgetvalue(res, 0, 1));
	PQclear(res);
	return true;
}

static void run_detached(server *s, server_later work);

void
pool_drop_later(server *s, const char *name)
{
	list_add_once(&s->later.drop, &s->later.n_drop, name);
	if (s->later.n_drop >= POOL_DROP_BATCH) {
		server_later batch = {0};

		batch.drop = s->later.drop;
		batch.n_drop = s->later.n_drop;
		run_detached(s, batch);
		for (size_t i = 0; i < batch.n_drop; i++)
			free(batch.drop[i]);
		free(batch.drop);
		s->later.drop = NULL;
		s->later.n_drop = 0;
	}
}

/* Whether another client is at work on the server (a pgdrill command, a
 * learner's psql): the refill then stops, so that it never competes with
 * a measurement or a cleanup for more than the one copy in flight (a
 * FILE_COPY clone checkpoints twice); the next command refills. */
static bool
server_busy(PGconn *admin)
{
	error ignored;
	char *v = db_query_value(admin, "SELECT count(*) FROM pg_stat_activity "
							 "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() "
							 "AND state <> 'idle'", 0, NULL, &ignored);
	bool busy = v == NULL || strcmp(v, "0") != 0;

	free(v);
	return busy;
}

void
pool_run_later(server *s, bool yield, bool (*interrupted)(void *arg), void *arg)
{
	int want = pool_size(s);

	for (size_t i = 0; i < s->later.n_drop; i++) {
		error ignored;

		db_execf(s->admin, &ignored, "DROP DATABASE IF EXISTS %s WITH (FORCE)",
				 s->later.drop[i]);
		free(s->later.drop[i]);
	}
	for (size_t i = 0; i < s->later.n_refill; i++) {
		error ignored;

		/* one clone at a time, each only while nobody else works */
		for (int k = 0; k < want; k++) {
			if ((yield && server_busy(s->admin)) || (interrupted && interrupted(arg)))
				break;
			if (pool_fill(s, s->later.refill[i], k + 1, &ignored) < 0)
				break;
		}
		free(s->later.refill[i]);
	}
	free(s->later.drop);
	free(s->later.refill);
	memset(&s->later, 0, sizeof s->later);
}

void
pool_after_command(server *s)
{
	if (s->later.n_drop == 0 && s->later.n_refill == 0)
		return;
	run_detached(s, s->later);
}

/* Drop `name` now (the fallback when no detached process can take it). */
static void
drop_now(server *s, const char *name)
{
	error ignored;

	db_execf(s->admin, &ignored, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
}

/*
 * Hand database `name` over to detached process `pid`: rename it to
 * `new_name` (a scratch name of that pid) and say in its comment that it
 * is being dropped, in one transaction.  A backend of the command's own
 * sessions may still be on its way out for a few milliseconds after
 * PQfinish (the rename then fails with 55006, "being accessed by other
 * users"): tried again for up to a second, then dropped now.  Returns
 * whether it was handed over.
 */
static bool
hand_over(server *s, const char *name, const char *new_name, long pid, const char *host)
{
	/* one round trip: the rename, then the comment built on the server
	 * from the old one, which stays readable after "was: " (which
	 * template).  The names are pgdrill's own and the host is reduced to
	 * [A-Za-z0-9._] (tmpdir_host): nothing here needs quoting. */
	for (int attempt = 0; attempt < 20; attempt++) {
		error err;

		if (db_execf(s->admin, &err,
					 "DO $pgdrill$BEGIN "
					 "ALTER DATABASE %s RENAME TO %s; "
					 "EXECUTE format('COMMENT ON DATABASE %s IS %%L', "
					 "'" POOL_DROPPING_LABEL "; was: ' || coalesce(shobj_description("
					 "(SELECT oid FROM pg_database WHERE datname = '%s'), 'pg_database'), '')); "
					 "END$pgdrill$", name, new_name, new_name, host, pid, new_name))
			return true;
		if (strcmp(err.sqlstate, "55006") != 0)
			break;
		usleep(50 * 1000);
	}
	drop_now(s, name);
	return false;
}

/* The name a detached process `pid` gives the i-th database it drops. */
static char *
dropping_name(long pid, size_t i)
{
	return xasprintf("pgdrill_s_%ld_%zu", pid, i + 1);
}

/*
 * Run `work` (drops, refills) in a detached process; the caller keeps (and
 * frees) its lists.
 *
 * The databases to drop are handed over first, so that no database is ever
 * named after a process that has exited (scratch.h; test_check): the first
 * child tells the command the detached process's pid through a pipe, the
 * command renames each database under that pid (hand_over), then closes a
 * second pipe, and only then does the detached process start — dropping
 * the new names.  Whatever it never dropped (it was killed) is reaped by
 * the next run like any dead process's database.  When no process can be
 * made, the databases are dropped now.
 */
static void
run_detached(server *s, server_later work)
{
	int tell[2] = {-1, -1}, go[2] = {-1, -1};
	pid_t pid;
	long detached = 0;

	fflush(NULL);       /* nothing buffered is written twice */
	if (pipe2(tell, O_CLOEXEC) != 0 || pipe2(go, O_CLOEXEC) != 0)
		pid = -1;
	else
		pid = fork();
	if (pid < 0) {
		for (int i = 0; i < 2; i++) {
			if (tell[i] >= 0)
				close(tell[i]);
			if (go[i] >= 0)
				close(go[i]);
		}
		/* the drops cannot wait; the next command pays for its clones */
		for (size_t i = 0; i < work.n_drop; i++)
			drop_now(s, work.drop[i]);
		return;
	}
	if (pid == 0) {
		/* the first child: a new session, then a grandchild that init
		 * adopts (nobody has to wait for it), and this one exits */
		int fd;
		server bg;
		error ignored;
		char c;
		pid_t grandchild;
		long me;

		setsid();
		grandchild = fork();
		if (grandchild != 0) {
			me = (long) grandchild;     /* -1: the command drops them itself */
			if (write(tell[1], &me, sizeof me) != (ssize_t) sizeof me)
				_exit(1);
			_exit(0);
		}
		close(tell[0]);
		close(tell[1]);
		close(go[1]);
		signal(SIGINT, SIG_IGN);    /* a ^C at the terminal is not for it */
		signal(SIGTERM, SIG_DFL);   /* its databases are named by its pid: reaped */
		signal(SIGHUP, SIG_IGN);
		/* wait for the hand-over: the command closes its end when done
		 * (or dies: end of file all the same) */
		while (read(go[0], &c, 1) > 0)
			;
		close(go[0]);
		me = (long) getpid();
		for (size_t i = 0; i < work.n_drop; i++)
			work.drop[i] = dropping_name(me, i);    /* (the child's copies: no free) */
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		/* nothing else inherited: it may live on as the keeper, and must not
		 * hold a pipe someone reads to its end (a test's, a CI log's) */
		close_range(3, ~0U, 0);
		/* the parent's connections are its own: never touched here (only
		 * _exit, no PQfinish of a shared socket) */
		memset(&bg, 0, sizeof bg);
		bg.private_cluster = s->private_cluster;
		bg.cl = s->cl;              /* (the child's copy: no release) */
		bg.conninfo = s->conninfo;
		bg.later = work;
		bg.admin = server_connect(&bg, NULL, NULL, &ignored);
		if (bg.admin != NULL) {
			pool_run_later(&bg, true, NULL, NULL);
			keeper_serve(&bg);
			db_close(bg.admin);
		}
		_exit(0);
	}
	close(tell[1]);
	close(go[0]);
	waitpid(pid, NULL, 0);   /* the first child exits at once */
	if (read(tell[0], &detached, sizeof detached) != (ssize_t) sizeof detached)
		detached = -1;
	close(tell[0]);
	if (work.n_drop > 0) {
		char *host = tmpdir_host();

		for (size_t i = 0; i < work.n_drop; i++) {
			char *to;

			if (detached <= 0) {
				drop_now(s, work.drop[i]);
				continue;
			}
			to = dropping_name(detached, i);
			hand_over(s, work.drop[i], to, detached, host);
			free(to);
		}
		free(host);
	}
	close(go[1]);       /* the detached process may start */
}
