/*
 * cluster.c — pgdrill's private PostgreSQL cluster (see cluster.h for the
 * contract, docs/cluster.md for the user's view).
 *
 * Layout under the root directory (owned by the server account):
 *   data/          the data directory; it only ever appears complete: initdb
 *                  runs into data.new/, pgdrill.conf is written, then rename
 *   run/           the Unix socket directory, mode 0700
 *   server.log     the server's stderr (pg_ctl -l)
 *   bindir         the PostgreSQL binaries initdb came from (cluster_locate
 *                  prefers them while data/ exists)
 *   cluster.lock   flock: creation, start and stop are serialised on it
 * Where things are and which accounts run them is decided by cluster_locate
 * (engine/pg/cluster_locate.c); this file creates, starts and stops.  The
 * programs (initdb, pg_ctl) run through engine/pg/proc.c, as the server account
 * when pgdrill is root.  This file does not print: it reports
 * long steps through `progress` and failures as error values.
 */
#include "pg/cluster.h"

#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pg/db.h"
#include "os/fileio.h"
#include "os/lock.h"
#include "os/paths.h"
#include "pg/proc.h"
#include "strbuf.h"

#define LOCK_TIMEOUT_S 600
#define INITDB_TIMEOUT_S 600
#define PG_CTL_TIMEOUT_S 120
#define LOG_ROTATE_BYTES (16L << 20)
#define LOG_TAIL_LINES 20
#define START_ATTEMPTS 20

const char *
cluster_state_name(cluster_state state)
{
	switch (state) {
	case CLUSTER_RUNNING:
		return "running";
	case CLUSTER_STOPPED:
		return "stopped";
	default:
		return "absent";
	}
}

static bool
data_dir_complete(const cluster *c)
{
	char *version = paths_join(c->data_dir, "PG_VERSION");
	bool ok = fileio_exists(version);

	free(version);
	return ok;
}

bool
cluster_initialised(const cluster *c)
{
	return data_dir_complete(c);
}

static bool
server_answers(const cluster *c)
{
	char *ci = cluster_conninfo(c, "postgres", NULL);
	PGPing ping = PQping(ci);

	free(ci);
	return ping == PQPING_OK;
}

bool
cluster_get_state(const cluster *c, cluster_state *state, error *err)
{
	(void) err;
	if (!data_dir_complete(c))
		*state = CLUSTER_ABSENT;
	else if (server_answers(c))
		*state = CLUSTER_RUNNING;
	else
		*state = CLUSTER_STOPPED;
	return true;
}

static bool
server_account_ids(const cluster *c, uid_t *uid, gid_t *gid, error *err)
{
	struct passwd *pw = getpwnam(c->server_user);

	if (pw == NULL)
		return error_set(err, ERROR_ENV, "there is no OS account \"%s\"", c->server_user);
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return true;
}

/* Give `path` to the server account (as root) with `mode`. */
static bool
own_path(const cluster *c, const char *path, mode_t mode, error *err)
{
	uid_t uid = 0;
	gid_t gid = 0;

	if (c->as_root) {
		if (!server_account_ids(c, &uid, &gid, err))
			return false;
		if (chown(path, uid, gid) != 0)
			return error_set(err, ERROR_ENV, "cannot give \"%s\" to %s: %s", path,
							 c->server_user, strerror(errno));
	}
	if (chmod(path, mode) != 0)
		return error_set(err, ERROR_ENV, "cannot set the mode of \"%s\": %s", path,
						 strerror(errno));
	return true;
}

/* Create the root directory, owned by the server account, and (as root)
 * check that the server account can reach it. */
static bool
prepare_root(const cluster *c, error *err)
{
	char *parent = xstrdup(c->root_dir);
	char *slash = strrchr(parent, '/');
	mode_t old_mask = umask(022);
	bool ok;
	char *blocked = NULL;

	if (slash && slash != parent)
		*slash = '\0';
	/* As root, the directories we create above the cluster must be
	 * traversable by the server account; otherwise keep them private. */
	ok = paths_mkdir_p(parent, c->as_root ? 0755 : 0700, err) &&
		(mkdir(c->root_dir, 0700) == 0 || errno == EEXIST ||
		 error_set(err, ERROR_ENV, "cannot create directory \"%s\": %s",
				   c->root_dir, strerror(errno)));
	umask(old_mask);
	free(parent);
	if (!ok || !own_path(c, c->root_dir, 0700, err))
		return false;
	if (!c->as_root)
		return true;
	if (!proc_access_as(c->server_user, c->root_dir, R_OK | W_OK | X_OK, &blocked, err))
		return false;
	if (blocked) {
		error_set(err, ERROR_ENV,
				  "the server account \"%s\" cannot reach the cluster directory \"%s\"",
				  c->server_user, c->root_dir);
		error_detail(err, "\"%s\" is not traversable by %s (PostgreSQL refuses to "
					 "run as root, so the server runs as that account).",
					 blocked, c->server_user);
		error_hint(err, "Unset XDG_CACHE_HOME (pgdrill then uses %s), or point it at "
				   "a directory under /tmp or /var/cache.", CLUSTER_ROOT_AS_ROOT);
		free(blocked);
		return false;
	}
	return true;
}

/* Run a PostgreSQL program from bindir as the server account. */
static bool
run_pg(const cluster *c, const char *const *args, double timeout_s,
	   proc_result *res, error *err)
{
	const char *argv[16];
	size_t n = 0;
	char *program = paths_join(c->bindir, args[0]);
	proc_options opts = {0};
	bool ok;

	argv[n++] = program;
	for (size_t i = 1; args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	opts.cwd = c->root_dir;
	opts.user = c->as_root ? c->server_user : NULL;
	opts.timeout_s = timeout_s;
	ok = proc_run_ok(argv, &opts, res, err);
	free(program);
	return ok;
}

static bool
write_config(const cluster *c, const char *data_dir, error *err)
{
	char *conf = paths_join(data_dir, "pgdrill.conf");
	char *main_conf = paths_join(data_dir, "postgresql.conf");
	static const char include_line[] =
		"\n# pgdrill's settings (see docs/cluster.md)\ninclude = 'pgdrill.conf'\n";
	strbuf sb = STRBUF_INIT;
	bool ok = false;
	int fd;

	strbuf_printf(&sb,
		"# Written by pgdrill: a private scratch cluster (docs/cluster.md).\n"
		"# Reachable only through a 0700 Unix socket directory, so trust\n"
		"# authentication admits only its owner (and root).\n"
		"listen_addresses = ''\n"
		"unix_socket_directories = '%s'\n"
		"unix_socket_permissions = 0700\n"
		"port = %d\n"
		"# Scratch data: durability buys nothing here.\n"
		"fsync = off\n"
		"synchronous_commit = off\n"
		"full_page_writes = off\n"
		"wal_level = minimal\n"
		"max_wal_senders = 0\n"
		"max_wal_size = 4GB\n"
		"checkpoint_timeout = 30min\n"
		"# Statistics change only when pgdrill analyzes.\n"
		"autovacuum = off\n"
		"max_connections = 100\n"
		"shared_buffers = 256MB\n"
		"log_destination = 'stderr'\n"
		"logging_collector = off\n"
		"log_min_messages = warning\n",
		c->socket_dir, c->port);
	if (!fileio_write_atomic(conf, sb.data, sb.len, 0600, err) ||
		!own_path(c, conf, 0600, err))
		goto done;
	fd = open(main_conf, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0 || write(fd, include_line, sizeof include_line - 1) !=
		(ssize_t) (sizeof include_line - 1)) {
		error_set(err, ERROR_ENV, "cannot append to \"%s\": %s", main_conf,
				  strerror(errno));
		if (fd >= 0)
			close(fd);
		goto done;
	}
	close(fd);
	ok = true;
done:
	strbuf_free(&sb);
	free(conf);
	free(main_conf);
	return ok;
}

/* Whether process `pid` is a postmaster started on `data_dir`: its command
 * line is "<bindir>/postgres -D <data_dir>" (pg_ctl starts it so, and a
 * postmaster keeps its command line).  Guards against a reused pid. */
static bool
is_postmaster_of(pid_t pid, const char *data_dir)
{
	char path[64], buf[4096];
	FILE *f;
	size_t n;
	bool program_ok = false, dir_ok = false;

	snprintf(path, sizeof path, "/proc/%ld/cmdline", (long) pid);
	f = fopen(path, "r");
	if (f == NULL)
		return false;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (size_t off = 0; off < n; off += strlen(buf + off) + 1) {
		const char *arg = buf + off;
		const char *base = strrchr(arg, '/');

		if (off == 0)
			program_ok = strcmp(base ? base + 1 : arg, "postgres") == 0;
		else if (strcmp(arg, data_dir) == 0)
			dir_ok = true;
	}
	return program_ok && dir_ok;
}

/* The pid in the socket lock file when it is a live postmaster of our data
 * directory, else 0. */
static pid_t
orphan_postmaster(const cluster *c)
{
	char *path = xasprintf("%s/.s.PGSQL.%d.lock", c->socket_dir, c->port);
	FILE *f = fopen(path, "r");
	long pid = 0;

	free(path);
	if (f == NULL)
		return 0;
	if (fscanf(f, "%ld", &pid) != 1 || pid <= 1 || kill((pid_t) pid, 0) != 0 ||
		!is_postmaster_of((pid_t) pid, c->data_dir))
		pid = 0;
	fclose(f);
	return (pid_t) pid;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

/* A server still running on a data directory that was removed under it
 * holds the socket: stop it (immediate shutdown, its data is gone). */
static void
stop_orphan(const cluster *c, const progress *prog)
{
	pid_t pid = orphan_postmaster(c);

	if (pid == 0)
		return;
	progress_say(prog, "Stopping a server whose data directory was removed (pid %ld)",
				 (long) pid);
	kill(pid, SIGQUIT);
	for (int i = 0; i < 100 && kill(pid, 0) == 0; i++)
		sleep_ms(100);
	if (kill(pid, 0) == 0)
		kill(pid, SIGKILL);
}

static bool
create_cluster(const cluster *c, const progress *prog, error *err)
{
	char *tmp = xasprintf("%s.new", c->data_dir);
	const char *initdb[] = {"initdb", "-D", tmp, "--no-sync", "-U", c->superuser,
							"-A", "trust", "--encoding=UTF8", "--locale=C",
							"--no-instructions", NULL};
	proc_result res = PROC_RESULT_INIT;
	bool ok = false;

	stop_orphan(c, prog);
	/* Leftovers of an interrupted initdb or of a half-removed cluster. */
	if (!fileio_remove_tree(tmp, err) || !fileio_remove_tree(c->data_dir, err))
		goto done;
	progress_say(prog, "Creating pgdrill's private PostgreSQL cluster in %s",
				 c->root_dir);
	if (c->as_root)
		progress_say(prog, "The server runs as the OS account %s (PostgreSQL "
					 "refuses to run as root)", c->server_user);
	if (!run_pg(c, initdb, INITDB_TIMEOUT_S, &res, err)) {
		error_prefix(err, "cannot create the private cluster: ");
		goto done;
	}
	if (!write_config(c, tmp, err))
		goto done;
	{
		char *record = paths_join(c->root_dir, CLUSTER_BINDIR_FILE);
		char *text = xasprintf("%s\n", c->bindir);
		bool written = fileio_write_atomic(record, text, strlen(text), 0644, err);

		free(record);
		free(text);
		if (!written)
			goto done;
	}
	if (rename(tmp, c->data_dir) != 0) {
		error_set(err, ERROR_ENV, "cannot rename \"%s\" to \"%s\": %s", tmp,
				  c->data_dir, strerror(errno));
		goto done;
	}
	ok = true;
done:
	proc_result_free(&res);
	free(tmp);
	return ok;
}

/* The socket directory: present, 0700, the server account's. */
static bool
prepare_socket_dir(const cluster *c, error *err)
{
	if (mkdir(c->socket_dir, 0700) != 0 && errno != EEXIST)
		return error_set(err, ERROR_ENV, "cannot create directory \"%s\": %s",
						 c->socket_dir, strerror(errno));
	return own_path(c, c->socket_dir, 0700, err);
}

/* Keep the log bounded: move a big one aside before starting. */
static void
rotate_log(const cluster *c)
{
	struct stat st;

	if (stat(c->log_file, &st) == 0 && st.st_size > LOG_ROTATE_BYTES) {
		char *old = xasprintf("%s.old", c->log_file);

		(void) rename(c->log_file, old);
		free(old);
	}
}

static off_t
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : 0;
}

/* What the server wrote to its log since `from`: the last lines. */
static char *
log_tail_since(const cluster *c, off_t from)
{
	FILE *f = fopen(c->log_file, "r");
	strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	char *tail;

	if (f == NULL)
		return xstrdup("");
	if (fseeko(f, from, SEEK_SET) == 0) {
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			strbuf_append_len(&sb, buf, n);
	}
	fclose(f);
	tail = proc_tail_lines(strbuf_str(&sb), LOG_TAIL_LINES);
	strbuf_free(&sb);
	return tail;
}

static bool
start_server(const cluster *c, const progress *prog, error *err)
{
	const char *pg_ctl[] = {"pg_ctl", "-D", c->data_dir, "-l", c->log_file,
							"-w", "-t", "60", "-s", "start", NULL};
	proc_result res = PROC_RESULT_INIT;
	bool ok = false;
	off_t log_start;

	if (!prepare_socket_dir(c, err))
		return false;
	rotate_log(c);
	progress_say(prog, "Starting pgdrill's PostgreSQL server%s%s",
				 c->as_root ? " as " : "", c->as_root ? c->server_user : "");
	for (int attempt = 1;; attempt++) {
		char *tail;

		log_start = file_size(c->log_file);
		if (run_pg(c, pg_ctl, PG_CTL_TIMEOUT_S, &res, err)) {
			ok = true;
			break;
		}
		tail = log_tail_since(c, log_start);
		/* A killed postmaster's pid and its children's hold on shared
		 * memory linger for a moment after it dies (until it is reaped and
		 * they notice): give them time rather than fail. */
		if (attempt < START_ATTEMPTS &&
			(strstr(tail, "pre-existing shared memory block") ||
			 strstr(tail, "lock file \"postmaster.pid\" already exists"))) {
			free(tail);
			sleep_ms(500);
			continue;
		}
		error_set(err, ERROR_ENV, "the private PostgreSQL server did not start");
		error_detail(err, "%s%s%s", strbuf_str(&res.err),
					 res.err.len && tail[0] ? "\nServer log:\n" : "", tail);
		error_hint(err, "The whole log is %s.", c->log_file);
		free(tail);
		break;
	}
	proc_result_free(&res);
	if (!ok)
		return false;
	for (int i = 0; i < 100; i++) {
		if (server_answers(c))
			return true;
		sleep_ms(100);
	}
	error_set(err, ERROR_ENV, "the private PostgreSQL server started but does not answer");
	error_detail(err, "No answer on %s within 10 seconds.", c->socket_dir);
	error_hint(err, "See the log, %s.", c->log_file);
	return false;
}

/* The data directory must belong to the account that will run it. */
static bool
check_data_owner(const cluster *c, error *err)
{
	struct stat st;
	uid_t uid = geteuid();
	gid_t gid;

	if (stat(c->data_dir, &st) != 0)
		return true;
	if (c->as_root && !server_account_ids(c, &uid, &gid, err))
		return false;
	if (st.st_uid != uid) {
		error_set(err, ERROR_ENV, "the cluster's data directory \"%s\" belongs to "
				  "another account (uid %ld), not %s", c->data_dir,
				  (long) st.st_uid, c->server_user);
		error_hint(err, "Use the account that created it (PGDRILL_SERVER_USER), "
				   "or remove %s to start afresh.", c->root_dir);
		return false;
	}
	return true;
}

bool
cluster_ensure_running(cluster *c, const progress *prog, error *err)
{
	cluster_state state;
	lock lk = LOCK_INIT;
	char *lock_path;
	bool ok = false;

	if (!cluster_get_state(c, &state, err))
		return false;
	if (state == CLUSTER_RUNNING)
		return true;
	if (!prepare_root(c, err))
		return false;
	lock_path = paths_join(c->root_dir, "cluster.lock");
	if (!lock_acquire(lock_path, true, LOCK_TIMEOUT_S, &lk, err))
		goto done;
	/* Another pgdrill may have done the work while we waited. */
	if (!cluster_get_state(c, &state, err))
		goto done;
	if (state == CLUSTER_ABSENT && !create_cluster(c, prog, err))
		goto done;
	if (state != CLUSTER_RUNNING &&
		(!check_data_owner(c, err) || !start_server(c, prog, err)))
		goto done;
	ok = true;
done:
	lock_release(&lk);
	free(lock_path);
	return ok;
}

bool
cluster_stop(cluster *c, error *err)
{
	const char *pg_ctl[] = {"pg_ctl", "-D", c->data_dir, "-m", "fast", "-w",
							"-t", "60", "-s", "stop", NULL};
	proc_result res = PROC_RESULT_INIT;
	cluster_state state;
	lock lk = LOCK_INIT;
	char *lock_path;
	error stop_err;
	bool ok = false;

	if (!data_dir_complete(c)) {
		/* Nothing to stop, unless a server outlived its data directory. */
		stop_orphan(c, NULL);
		return true;
	}
	lock_path = paths_join(c->root_dir, "cluster.lock");
	if (!lock_acquire(lock_path, true, LOCK_TIMEOUT_S, &lk, err))
		goto done;
	if (run_pg(c, pg_ctl, PG_CTL_TIMEOUT_S, &res, &stop_err)) {
		ok = true;
		goto done;
	}
	/* pg_ctl fails when there was no server: that is success for us. */
	if (!cluster_get_state(c, &state, err))
		goto done;
	if (state == CLUSTER_RUNNING) {
		*err = stop_err;
		error_prefix(err, "cannot stop the private server: ");
		goto done;
	}
	ok = true;
done:
	proc_result_free(&res);
	lock_release(&lk);
	free(lock_path);
	return ok;
}

char *
cluster_server_version(const cluster *c, error *err)
{
	char *ci = cluster_conninfo(c, "postgres", NULL);
	PGconn *conn = db_connect(ci, err);
	char *version = NULL;

	free(ci);
	if (conn == NULL)
		return NULL;
	version = db_query_value(conn, "SHOW server_version", 0, NULL, err);
	db_close(conn);
	if (version) {
		/* "15.18 (Debian 15.18-0+deb12u1)" -> "15.18" */
		char *space = strchr(version, ' ');

		if (space)
			*space = '\0';
	}
	return version;
}
