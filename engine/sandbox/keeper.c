/*
 * keeper.c — the process that hands out personal copies on a connection
 * it keeps (see keeper.h for why, its life and its protocol).
 */
#include "sandbox/keeper.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "os/clock.h"
#include "os/lock.h"
#include "pg/db.h"
#include "sandbox/pool.h"
#include "sandbox/scratch.h"
#include "sandbox/template.h"
#include "strbuf.h"

#define LINE_MAX_BYTES 512
#define ANSWER_WAIT_S 20.0     /* a refill step in progress is at most this */
#define REQUEST_WAIT_S 2.0

int
keeper_idle_s(void)
{
	const char *v = getenv("PGDRILL_KEEPER_IDLE");
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return KEEPER_IDLE_S;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < 0 || n > 86400)
		return KEEPER_IDLE_S;
	return (int) n;
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

/* The socket's address, false when the path does not fit. */
static bool
socket_address(const cluster *cl, struct sockaddr_un *sa)
{
	int n;

	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	n = snprintf(sa->sun_path, sizeof sa->sun_path, "%s/pgdrill-keeper-" KEEPER_PROTOCOL,
				 cl->socket_dir);
	return n > 0 && (size_t) n < sizeof sa->sun_path;
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
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *) &sa, sizeof sa) != 0) {
		close(fd);          /* no keeper (or a stale socket) */
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

bool
keeper_personal(const cluster *cl, const char *drill_id, const char *template_db,
				bool reset, char **db, bool *created)
{
	char line[LINE_MAX_BYTES], name[128];
	char *req, *binary;
	int fd, c;
	bool ok = false;

	*db = NULL;
	*created = false;
	if (keeper_idle_s() == 0 || (binary = keeper_binary_id("/proc/self/exe")) == NULL)
		return false;       /* the usual path */
	if ((fd = keeper_connect(cl)) < 0) {
		free(binary);
		return false;
	}
	req = xasprintf("personal %s %s %d %s\n", drill_id, template_db, reset ? 1 : 0, binary);
	free(binary);
	if (send(fd, req, strlen(req), MSG_NOSIGNAL) == (ssize_t) strlen(req) &&
		read_line(fd, line, sizeof line, ANSWER_WAIT_S) &&
		sscanf(line, "ok %127s %d", name, &c) == 2 && is_word(name, "_")) {
		*db = xstrdup(name);
		*created = c == 1;
		ok = true;
	}
	free(req);
	close(fd);
	return ok;
}

/* Whether the caller closed its end (it waits for an answer with nothing
 * more to send: anything readable is its end of file). */
static bool
caller_gone(int fd)
{
	struct pollfd p = {fd, POLLIN, 0};

	return poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR));
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
	if (caller_gone(fd))
		return SERVED_NOTHING;  /* it gave up waiting and took the usual path */
	if (sscanf(line, "personal %127s %127s %d %127s", drill_id, tpl, &reset, caller) == 4 &&
		strcmp(caller, binary) != 0) {
		answer = "stale\n";
		what = SERVED_STALE;
	} else if (sscanf(line, "personal %127s %127s %d %127s", drill_id, tpl, &reset, caller) == 4
			   && is_word(drill_id, "-") && is_word(tpl, "_") && (reset == 0 || reset == 1)) {
		error err = {0};
		bool created;
		char *db = scratch_personal(s, drill_id, tpl, reset == 1, &created, &err);

		what = SERVED_REQUEST;
		if (db != NULL) {
			ok_answer = xasprintf("ok %s %d\n", db, created ? 1 : 0);
			answer = ok_answer;
		} else if (template_missing_error(&err))
			answer = "missing\n";
		free(db);
	}
	if (send(fd, answer, strlen(answer), MSG_NOSIGNAL) < 0) {
		/* the caller gave up: it takes the usual path, which finds the
		 * copy made (or makes it) */
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
	double deadline;
	int fd;

	if (!s->private_cluster || s->admin == NULL || idle == 0 || pool_size(s) == 0 ||
		!socket_address(&s->cl, &sa) || (binary = keeper_binary_id("/proc/self/exe")) == NULL)
		return;
	lock_path = xasprintf("%s/pgdrill-keeper.lock", s->cl.socket_dir);
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
	if (fd < 0 || bind(fd, (struct sockaddr *) &sa, sizeof sa) != 0 ||
		chmod(sa.sun_path, 0600) != 0 || listen(fd, 16) != 0) {
		if (fd >= 0)
			close(fd);
		unlink(sa.sun_path);
		lock_release(&lk);
		free(binary);
		return;
	}
	deadline = clock_now_s() + idle;
	for (;;) {
		struct pollfd p[2] = {{fd, POLLIN, 0}, {PQsocket(s->admin), POLLIN, 0}};
		double left = deadline - clock_now_s();
		served what;
		int c;

		if (left <= 0)
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
