/*
 * cluster_locate.c — where pgdrill's private cluster lives and who runs it,
 * from the environment (see cluster_locate.h): the PostgreSQL binaries, the server
 * account and superuser, the directories, and the conninfo to reach it.
 *
 * Nothing here changes anything on disk or starts anything (the one program
 * it runs is `pg_config --bindir`); creating and starting the cluster is
 * engine/pg/cluster.c.  Paths PostgreSQL could not use (a socket path over the
 * Unix limit, characters its configuration cannot quote) are refused here,
 * so `pgdrill db status` reports them before anything is created.
 */
#include "pg/cluster_locate.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "os/fileio.h"
#include "os/paths.h"
#include "pg/db.h"
#include "pg/proc.h"
#include "strbuf.h"

#define CLUSTER_PORT 5432
/* sun_path is 108 bytes with the NUL: PostgreSQL's UNIXSOCK_PATH_BUFLEN. */
#define SOCKET_PATH_MAX 107
#define PG_PACKAGE_HINT \
	"Install the Debian package postgresql-15 (apt-get install postgresql-15), " \
	"or set PGDRILL_PG_BINDIR to the directory holding initdb, pg_ctl and postgres."

void
cluster_release(cluster *c)
{
	if (c == NULL)
		return;
	free(c->root_dir);
	free(c->data_dir);
	free(c->socket_dir);
	free(c->log_file);
	free(c->bindir);
	free(c->server_user);
	free(c->superuser);
	memset(c, 0, sizeof *c);
}

/* `pg_config --bindir`, or NULL when pg_config is missing or fails. */
static char *
pg_config_bindir(void)
{
	const char *argv[] = {"pg_config", "--bindir", NULL};
	proc_options opts = {.timeout_s = 30};
	proc_result res = PROC_RESULT_INIT;
	error ignored;
	char *dir = NULL;

	if (proc_run_ok(argv, &opts, &res, &ignored)) {
		size_t n = res.out.len;

		while (n > 0 && (res.out.data[n - 1] == '\n' || res.out.data[n - 1] == ' '))
			n--;
		if (n > 0)
			dir = xstrndup(res.out.data, n);
	}
	proc_result_free(&res);
	return dir;
}

static bool
has_server_programs(const char *dir, const char **missing)
{
	static const char *const programs[] = {"initdb", "pg_ctl", "postgres"};

	for (size_t i = 0; i < sizeof programs / sizeof programs[0]; i++) {
		char *path = paths_join(dir, programs[i]);
		bool ok = access(path, X_OK) == 0;

		free(path);
		if (!ok) {
			*missing = programs[i];
			return false;
		}
	}
	return true;
}

/* The bindir an existing cluster was created with (<root>/bindir, written
 * by cluster.c) when it still holds the programs, else NULL.  A data
 * directory needs binaries of its own major version, and reading a file is
 * much cheaper than running pg_config on every command. */
static char *
recorded_bindir(const cluster *c)
{
	char *version = paths_join(c->data_dir, "PG_VERSION");
	char *path = paths_join(c->root_dir, CLUSTER_BINDIR_FILE);
	const char *missing;
	char *dir = NULL;
	size_t len;
	error ignored;

	if (fileio_exists(version))
		dir = fileio_read(path, 4096, &len, &ignored);
	if (dir) {
		dir[strcspn(dir, "\n")] = '\0';
		if (dir[0] != '/' || !has_server_programs(dir, &missing)) {
			free(dir);
			dir = NULL;
		}
	}
	free(version);
	free(path);
	return dir;
}

/*
 * Fill c->bindir.  PGDRILL_PG_BINDIR is taken as given (and must hold the
 * programs).  Otherwise the directory the existing cluster was created with,
 * else the first of `pg_config --bindir`, the directory
 * pgdrill was built with, and Debian's PostgreSQL 15 directory that holds
 * initdb, pg_ctl and postgres: pg_config may come from libpq-dev alone, or
 * from another major version's -dev package, without a server next to it.
 */
static bool
locate_bindir(cluster *c, error *err)
{
	const char *env = getenv("PGDRILL_PG_BINDIR");
	const char *missing = NULL;
	strbuf tried = STRBUF_INIT;
	char *candidates[3];

	if (env && env[0]) {
		if (has_server_programs(env, &missing)) {
			c->bindir = xstrdup(env);
			return true;
		}
		error_set(err, ERROR_ENV, "PostgreSQL's %s was not found in \"%s\"", missing, env);
		error_detail(err, "The directory came from PGDRILL_PG_BINDIR; it must hold "
					 "initdb, pg_ctl and postgres.");
		error_hint(err, PG_PACKAGE_HINT);
		return false;
	}
	if ((c->bindir = recorded_bindir(c)) != NULL)
		return true;
	candidates[0] = pg_config_bindir();
	candidates[1] = xstrdup(PGDRILL_PG_BINDIR);
	candidates[2] = xstrdup("/usr/lib/postgresql/15/bin");
	for (size_t i = 0; i < 3; i++) {
		if (c->bindir == NULL && candidates[i] && candidates[i][0]) {
			if (has_server_programs(candidates[i], &missing))
				c->bindir = xstrdup(candidates[i]);
			else
				strbuf_printf(&tried, "%s%s (no %s)", tried.len ? ", " : "",
							  candidates[i], missing);
		}
		free(candidates[i]);
	}
	if (c->bindir == NULL) {
		error_set(err, ERROR_ENV, "cannot find the PostgreSQL server programs "
				  "(initdb, pg_ctl, postgres)");
		error_detail(err, "Looked in: %s.", tried.len ? tried.data
					 : "nowhere (no pg_config on PATH, PGDRILL_PG_BINDIR unset)");
		error_hint(err, PG_PACKAGE_HINT);
	}
	strbuf_free(&tried);
	return c->bindir != NULL;
}

/* Fill the accounts: as root the server account, else ourselves. */
static bool
locate_accounts(cluster *c, error *err)
{
	struct passwd *pw;

	if (c->as_root) {
		const char *user = getenv("PGDRILL_SERVER_USER");

		if (user == NULL || user[0] == '\0')
			user = "postgres";
		pw = getpwnam(user);
		if (pw == NULL) {
			error_set(err, ERROR_ENV,
					  "pgdrill runs as root, and the server account \"%s\" does not exist",
					  user);
			error_detail(err, "PostgreSQL refuses to run as root, so pgdrill runs its "
						 "server as an unprivileged account.");
			error_hint(err, "Install postgresql-15 (it creates the account \"postgres\"), "
					   "create an account, or set PGDRILL_SERVER_USER to an existing "
					   "unprivileged one.");
			return false;
		}
		if (pw->pw_uid == 0) {
			error_set(err, ERROR_ENV, "the server account \"%s\" is root", user);
			error_hint(err, "Set PGDRILL_SERVER_USER to an unprivileged account.");
			return false;
		}
	} else {
		pw = getpwuid(geteuid());
		if (pw == NULL) {
			error_set(err, ERROR_ENV, "cannot find the name of OS user id %ld",
					  (long) geteuid());
			error_hint(err, "The user running pgdrill needs an entry in /etc/passwd.");
			return false;
		}
	}
	c->server_user = xstrdup(pw->pw_name);
	c->superuser = xstrdup(pw->pw_name);
	return true;
}

/* Fill the directories, refusing paths PostgreSQL cannot use. */
static bool
locate_dirs(cluster *c, error *err)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	char socket_file[64];
	size_t socket_len;

	if (c->as_root && !(xdg && xdg[0] == '/')) {
		c->root_dir = xstrdup(CLUSTER_ROOT_AS_ROOT);
	} else {
		char *cache = paths_cache_dir(err);

		if (cache == NULL)
			return false;
		c->root_dir = paths_join(cache, "cluster");
		free(cache);
	}
	c->data_dir = paths_join(c->root_dir, "data");
	c->socket_dir = paths_join(c->root_dir, "run");
	c->log_file = paths_join(c->root_dir, "server.log");
	if (strpbrk(c->root_dir, ",\"'\\\n")) {
		error_set(err, ERROR_ENV,
				  "the cluster directory \"%s\" contains a character PostgreSQL's "
				  "configuration cannot hold (, \" ' \\ or a newline)", c->root_dir);
		error_hint(err, "Set XDG_CACHE_HOME to a plainer directory.");
		return false;
	}
	snprintf(socket_file, sizeof socket_file, "/.s.PGSQL.%d", c->port);
	socket_len = strlen(c->socket_dir) + strlen(socket_file);
	if (socket_len > SOCKET_PATH_MAX) {
		error_set(err, ERROR_ENV, "the cluster's socket path is too long for a Unix socket");
		error_detail(err, "%s%s is %zu bytes; Unix sockets allow at most %d.",
					 c->socket_dir, socket_file, socket_len, SOCKET_PATH_MAX);
		error_hint(err, "Set XDG_CACHE_HOME to a shorter directory, e.g. /var/cache "
				   "or a directory under /tmp.");
		return false;
	}
	return true;
}

bool
cluster_locate(cluster *c, error *err)
{
	memset(c, 0, sizeof *c);
	c->as_root = geteuid() == 0;
	c->port = CLUSTER_PORT;
	if (!locate_accounts(c, err) || !locate_dirs(c, err) || !locate_bindir(c, err)) {
		cluster_release(c);
		return false;
	}
	return true;
}

char *
cluster_conninfo(const cluster *c, const char *dbname, const char *user)
{
	strbuf sb = STRBUF_INIT;
	char port[16];

	snprintf(port, sizeof port, "%d", c->port);
	db_conninfo_append(&sb, "host", c->socket_dir);
	db_conninfo_append(&sb, "port", port);
	db_conninfo_append(&sb, "user", user ? user : c->superuser);
	db_conninfo_append(&sb, "dbname", dbname ? dbname : "postgres");
	return strbuf_steal(&sb);
}
