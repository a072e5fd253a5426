/*
 * keeper.c — the process that hands out personal copies on a connection
 * it keeps (see keeper.h for why, its life and its protocol).
 */
#include "sandbox/keeper.h"

#include <errno.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "os/clock.h"
#include "os/env.h"
#include "os/lock.h"
#include "pg/db.h"
#include "sandbox/pool.h"
#include "sandbox/scratch.h"
#include "sandbox/template.h"
#include "strbuf.h"

#define LINE_MAX_BYTES 512
#define ACCEPT_WAIT_S 5.0      /* for "accepted": a refill step in progress */
#define ANSWER_WAIT_S 300.0    /* for the answer, once committed ("go") */
#define REQUEST_WAIT_S 2.0     /* for the request line, and for "go" */

static volatile sig_atomic_t keeper_stopping;   /* SIGTERM: leave, tidily */

int
keeper_idle_s(void)
{
	return env_int("PGDRILL_KEEPER_IDLE", 0, 86400, KEEPER_IDLE_S);
}

char *
keeper_binary_id(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return NULL;
	return xasprintf("%lu:%lu:%ld.%09ld", (unsigned long) st.st_dev, (unsigned long) st.st_ino,
					 (long) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
}

/* "<dir>/keeper-<protocol><suffix>" where dir holds the cluster's root
 * directory (keeper.h: the invoking user's, not the server account's). */
static char *
keeper_path(const cluster *cl, const char *suffix)
{
	char *root = xstrdup(cl->root_dir);
	char *path = xasprintf("%s/keeper-" KEEPER_PROTOCOL "%s", dirname(root), suffix);

	free(root);
	return path;
}

/* The socket's address, false when the path does not fit. */
static bool
socket_address(const cluster *cl, struct sockaddr_un *sa)
{
	char *path = keeper_path(cl, ".sock");
	bool fits = strlen(path) < sizeof sa->sun_path;

	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	if (fits)
		memcpy(sa->sun_path, path, strlen(path) + 1);
	free(path);
	return fits;
}

/* Read one line (without its newline) from fd into buf within wait_s
 * seconds: false on end of file, error, timeout or a line too long. */
static bool
read_line(int fd, char *buf, size_t size, double wait_s)
{
	double deadline = clock_now_s() + wait_s;
	size_t len = 0;

	for (;;) {
		struct pollfd p = {fd, POLLIN, 0};
		int ms = (int) ((deadline - clock_now_s()) * 1000);
		ssize_t n;
		char *nl;

		if (ms <= 0)
			return false;
		if (poll(&p, 1, ms) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (!(p.revents & (POLLIN | POLLHUP)))
			continue;
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		len += (size_t) n;
		buf[len] = '\0';
		if ((nl = strchr(buf, '\n')) != NULL) {
			*nl = '\0';
			return true;
		}
		if (len == size - 1)
			return false;
	}
}

/* Whether s is a non-empty word of the characters in `allowed` (and
 * lower-case letters and digits). */
static bool
is_word(const char *s, const char *allowed)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr(allowed, *s)))
			return false;
	return true;
}

/* A connection to cl's keeper: the descriptor, or -1 when none answers. */
static int
keeper_connect(const cluster *cl)
{
	struct sockaddr_un sa;
	int fd;

	if (!socket_address(cl, &sa))
		return -1;
	/* non-blocking: a keeper whose backlog is full is as good as none */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *) &sa, sizeof sa) != 0) {
		close(fd);          /* no keeper, a stale socket, a full backlog */
		fd = -1;
	}
	return fd;
}

long
keeper_pid(const cluster *cl)
{
	struct ucred peer;
	socklen_t len = sizeof peer;
	int fd = keeper_connect(cl);
	long pid = 0;

	if (fd >= 0 && getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &len) == 0)
		pid = (long) peer.pid;
	if (fd >= 0)
		close(fd);
	return pid;
}

int
keeper_personal(const cluster *cl, const char *drill_id, const char *template_db,
				bool reset, char **db, bool *created, error *err)
{
	char line[LINE_MAX_BYTES], name[128];
	char *req, *binary;
	int fd, c, served = 0;

	*db = NULL;
	*created = false;
	if (keeper_idle_s() == 0 || (binary = keeper_binary_id("/proc/self/exe")) == NULL)
		return 0;           /* the usual path */
	if ((fd = keeper_connect(cl)) < 0) {
		free(binary);
		return 0;
	}
	req = xasprintf("personal %s %s %d %s\n", drill_id, template_db, reset ? 1 : 0, binary);
	free(binary);
	/* until "go" is sent the keeper does nothing: giving up is safe */
	if (send(fd, req, strlen(req), MSG_NOSIGNAL) != (ssize_t) strlen(req) ||
		!read_line(fd, line, sizeof line, ACCEPT_WAIT_S) || strcmp(line, "accepted") != 0 ||
		send(fd, "go\n", 3, MSG_NOSIGNAL) != 3)
		goto done;
	/* committed: the keeper works for us, so its answer, or an error */
	if (!read_line(fd, line, sizeof line, ANSWER_WAIT_S)) {
		error_set(err, ERROR_ENV, "the cluster's keeper (%s) did not answer in %.0f s",
				  "sandbox/keeper.h", ANSWER_WAIT_S);
		error_hint(err, "Run the command again; PGDRILL_KEEPER_IDLE=0 does without it.");
		served = -1;
	} else if (sscanf(line, "ok %127s %d", name, &c) == 2 && is_word(name, "_")) {
		*db = xstrdup(name);
		*created = c == 1;
		served = 1;
	}
done:
	free(req);
	close(fd);
	return served;
}

static void
on_sigterm(int sig)
{
	(void) sig;
	keeper_stopping = 1;
}

/* What serve_one did. */
typedef enum served { SERVED_NOTHING, SERVED_REQUEST, SERVED_STALE } served;

/* Answer one request on connection fd: SERVED_NOTHING for a probe (such as
 * keeper_pid's) or a malformed line, SERVED_STALE when the caller's binary
 * is not the keeper's `binary`. */
static served
serve_one(server *s, int fd, const char *binary)
{
	char line[LINE_MAX_BYTES], drill_id[128], tpl[128], caller[128];
	const char *answer = "error\n";
	char *ok_answer = NULL;
	struct ucred peer;
	socklen_t len = sizeof peer;
	served what = SERVED_NOTHING;
	int reset;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &len) != 0 || peer.uid != geteuid() ||
		!read_line(fd, line, sizeof line, REQUEST_WAIT_S))
		return SERVED_NOTHING;
	if (sscanf(line, "personal %127s %127s %d %127s", drill_id, tpl, &reset, caller) == 4 &&
		strcmp(caller, binary) != 0) {
		answer = "stale\n";
		what = SERVED_STALE;
	} else if (sscanf(line, "personal %127s %127s %d %127s", drill_id, tpl, &reset, caller) == 4
			   && is_word(drill_id, "-") && is_word(tpl, "_") && (reset == 0 || reset == 1)) {
		error err = {0};
		bool created, exists = false;
		char *db;

		/* act only for a caller that is still waiting and says so: one
		 * that gave up (it took the usual path) never sends "go" */
		if (send(fd, "accepted\n", 9, MSG_NOSIGNAL) != 9 ||
			!read_line(fd, line, sizeof line, REQUEST_WAIT_S) || strcmp(line, "go") != 0)
			return SERVED_NOTHING;
		/* no template: nothing is touched (the caller builds it; the
		 * usual path makes sure of the template before the copy too) */
		what = SERVED_REQUEST;
		db = template_exists(s->admin, tpl, &exists, &err) && exists
			? scratch_personal(s, drill_id, tpl, reset == 1, &created, &err) : NULL;
		if (err.kind == ERROR_NONE && !exists)
			answer = "missing\n";
		else if (db != NULL) {
			ok_answer = xasprintf("ok %s %d\n", db, created ? 1 : 0);
			answer = ok_answer;
		} else if (template_missing_error(&err))
			answer = "missing\n";
		free(db);
	}
	if (send(fd, answer, strlen(answer), MSG_NOSIGNAL) < 0) {
		/* the caller is gone (killed): what was made stays, like any
		 * start's; its next start finds the copy */
	}
	free(ok_answer);
	return what;
}

/* pool_run_later's interruption: a request is waiting at the socket. */
static bool
request_waiting(void *arg)
{
	struct pollfd p = {*(int *) arg, POLLIN, 0};

	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

/* Whether the admin connection still stands (the server may have ended it:
 * `db stop`, a crash, pg_terminate_backend). */
static bool
connection_alive(PGconn *conn)
{
	PGnotify *n;

	if (!PQconsumeInput(conn) || PQstatus(conn) != CONNECTION_OK)
		return false;
	while ((n = PQnotifies(conn)) != NULL)
		PQfreemem(n);
	return true;
}

void
keeper_serve(server *s)
{
	int idle = keeper_idle_s();
	struct sockaddr_un sa;
	lock lk = LOCK_INIT;
	error err = {0};
	char *lock_path, *binary = NULL;
	struct sigaction sa_term;
	mode_t old_mask;
	double deadline;
	bool bound;
	int fd;

	if (!s->private_cluster || s->admin == NULL || idle == 0 || pool_size(s) == 0 ||
		!socket_address(&s->cl, &sa) || (binary = keeper_binary_id("/proc/self/exe")) == NULL)
		return;
	lock_path = keeper_path(&s->cl, ".lock");
	if (!lock_acquire(lock_path, true, 0, &lk, &err)) {
		free(lock_path);    /* another keeper lives */
		free(binary);
		return;
	}
	free(lock_path);
	/* pgdrill's catalogue changes survive a crash (server.c's server_open) */
	if (!db_execf(s->admin, &err, "SET synchronous_commit = on; "
				  "SET application_name = 'pgdrill keeper'")) {
		lock_release(&lk);
		free(binary);
		return;
	}
	unlink(sa.sun_path);    /* a killed keeper's: the lock says it is gone */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	old_mask = umask(0177);     /* born 0600: only its owner may connect */
	bound = fd >= 0 && bind(fd, (struct sockaddr *) &sa, sizeof sa) == 0;
	umask(old_mask);
	if (!bound || listen(fd, 16) != 0) {
		if (fd >= 0)
			close(fd);
		unlink(sa.sun_path);
		lock_release(&lk);
		free(binary);
		return;
	}
	memset(&sa_term, 0, sizeof sa_term);
	sa_term.sa_handler = on_sigterm;    /* no SA_RESTART: poll returns */
	sigaction(SIGTERM, &sa_term, NULL);
	deadline = clock_now_s() + idle;
	for (;;) {
		struct pollfd p[2] = {{fd, POLLIN, 0}, {PQsocket(s->admin), POLLIN, 0}};
		double left = deadline - clock_now_s();
		served what;
		int c;

		/* a connection libpq closed (the server went during a refill)
		 * has no socket for poll to watch: look first */
		if (left <= 0 || keeper_stopping || PQstatus(s->admin) != CONNECTION_OK ||
			PQsocket(s->admin) < 0)
			break;
		if (poll(p, 2, left > 60 ? 60000 : (int) (left * 1000) + 1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if ((p[1].revents & (POLLIN | POLLHUP | POLLERR)) && !connection_alive(s->admin))
			break;
		if (!(p[0].revents & POLLIN))
			continue;
		c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0)
			continue;
		what = serve_one(s, c, binary);
		close(c);
		if (what == SERVED_STALE || PQstatus(s->admin) != CONNECTION_OK)
			break;
		if (what == SERVED_NOTHING)
			continue;
		/* what a detached process would have done for this command */
		pool_run_later(s, true, request_waiting, &fd);
		deadline = clock_now_s() + idle;
	}
	close(fd);
	unlink(sa.sun_path);
	lock_release(&lk);
	free(binary);
}
