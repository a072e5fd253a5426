/*
 * proc.c — running a program with captured output and a deadline (see
 * proc.h).
 *
 * The parent does every allocation and account lookup before fork(), so the
 * child only calls async-signal-safe functions plus initgroups (we are
 * single-threaded, so that is safe too).  A close-on-exec "status" pipe
 * carries errno back when the child fails before exec, which turns "no such
 * program" into an error value instead of a mysterious exit 127.
 */
#include "pg/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "os/clock.h"
#include "os/signals.h"

extern char **environ;

#define PROC_DEFAULT_MAX_OUTPUT ((size_t) 64 << 20)

/* Which step failed in the child before exec (sent with errno). */
enum child_stage { STAGE_SETUP = 1, STAGE_CWD, STAGE_USER, STAGE_EXEC };

typedef struct child_failure {
	int stage;
	int errnum;
} child_failure;

/* An account resolved in the parent. */
typedef struct account {
	bool switch_user;
	uid_t uid;
	gid_t gid;
	char *name;
} account;

void
proc_result_init(proc_result *res)
{
	res->exit_code = -1;
	res->term_signal = 0;
	res->timed_out = false;
	res->interrupted = false;
	strbuf_init(&res->out);
	strbuf_init(&res->err);
}

void
proc_result_free(proc_result *res)
{
	if (res == NULL)
		return;
	strbuf_free(&res->out);
	strbuf_free(&res->err);
}

/* Resolve `user` in the parent.  Not root and asked for another account is
 * an error; asked for ourselves is fine (nothing to switch). */
static bool
resolve_account(const char *user, account *acct, error *err)
{
	struct passwd *pw;

	memset(acct, 0, sizeof *acct);
	if (user == NULL)
		return true;
	errno = 0;
	pw = getpwnam(user);
	if (pw == NULL)
		return error_set(err, ERROR_ENV, "there is no OS account \"%s\"", user);
	if (pw->pw_uid == geteuid())
		return true;
	if (geteuid() != 0)
		return error_set(err, ERROR_ENV,
						 "cannot run a program as \"%s\": only root can switch accounts",
						 user);
	acct->switch_user = true;
	acct->uid = pw->pw_uid;
	acct->gid = pw->pw_gid;
	acct->name = xstrdup(pw->pw_name);
	return true;
}

/* Our environment with `changes` applied, as a malloc'd NULL-terminated
 * vector of borrowed strings (free only the vector). */
static char **
build_env(const char *const *changes)
{
	size_t n = 0, nchanges = 0, k = 0;
	char **env;

	while (environ[n])
		n++;
	while (changes && changes[nchanges])
		nchanges++;
	env = xcalloc(n + nchanges + 1, sizeof *env);
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(environ[i], '=');
		size_t klen = eq ? (size_t) (eq - environ[i]) : strlen(environ[i]);
		bool replaced = false;

		for (size_t j = 0; j < nchanges; j++) {
			const char *ceq = strchr(changes[j], '=');
			size_t clen = ceq ? (size_t) (ceq - changes[j]) : strlen(changes[j]);

			if (clen == klen && strncmp(changes[j], environ[i], klen) == 0)
				replaced = true;
		}
		if (!replaced)
			env[k++] = environ[i];
	}
	for (size_t j = 0; j < nchanges; j++) {
		if (strchr(changes[j], '='))
			env[k++] = (char *) changes[j];
	}
	env[k] = NULL;
	return env;
}

static void
mark_cloexec_from_3(void)
{
	long max;

	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
	max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (int fd = 3; fd < max; fd++)
		(void) fcntl(fd, F_SETFD, FD_CLOEXEC);
}

static _Noreturn void
child_fail(int status_fd, int stage)
{
	child_failure f = {stage, errno};
	ssize_t n = write(status_fd, &f, sizeof f);

	(void) n;
	_exit(127);
}

/* In the child: wire up descriptors, switch account, exec.  Never returns. */
static _Noreturn void
child_exec(const char *const *argv, char **envp, const proc_options *opts,
		   const account *acct, int in_fd, int out_fd, int err_fd, int status_fd,
		   pid_t parent)
{
	sigset_t none;

	if (opts->new_group)
		(void) setpgid(0, 0);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (in_fd < 0)
		in_fd = open("/dev/null", O_RDONLY);
	if (in_fd < 0 || dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0)
		child_fail(status_fd, STAGE_SETUP);
	mark_cloexec_from_3();
	if (acct->switch_user) {
		if (setgid(acct->gid) != 0 || initgroups(acct->name, acct->gid) != 0 ||
			setuid(acct->uid) != 0)
			child_fail(status_fd, STAGE_USER);
	}
	/* After the account switch, which clears the parent-death signal. */
	if (opts->die_with_us &&
		(prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent))
		_exit(127);             /* we died already: do not start */
	if (opts->cwd && chdir(opts->cwd) != 0)
		child_fail(status_fd, STAGE_CWD);
	execvpe(argv[0], (char *const *) argv, envp);
	child_fail(status_fd, STAGE_EXEC);
}

/* Append what is readable on *fd to sb (up to cap); close it at EOF. */
static void
drain_fd(int *fd, strbuf *sb, size_t cap)
{
	char buf[8192];
	ssize_t n = read(*fd, buf, sizeof buf);

	if (n > 0) {
		if (sb->len < cap)
			strbuf_append_len(sb, buf, (size_t) n < cap - sb->len ? (size_t) n
							  : cap - sb->len);
		return;
	}
	if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
		close(*fd);
		*fd = -1;
	}
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Pump stdin/stdout/stderr until the child is gone and its pipes are drained,
 * or the deadline passes.  Returns the wait status; sets res->timed_out. */
static int
pump(pid_t pid, const proc_options *opts, int in_fd, int out_fd, int err_fd,
	 proc_result *res)
{
	size_t cap = opts->max_output ? opts->max_output : PROC_DEFAULT_MAX_OUTPUT;
	double deadline = opts->timeout_s > 0 ? clock_now_s() + opts->timeout_s : 0;
	size_t written = 0;
	bool reaped = false;
	int status = 0;

	if (in_fd >= 0 && opts->input_len == 0)
		close_fd(&in_fd);
	while (out_fd >= 0 || err_fd >= 0 || in_fd >= 0 || !reaped) {
		struct pollfd p[3];
		int np = 0, slice, rc;

		if (!reaped && waitpid(pid, &status, WNOHANG) == pid) {
			reaped = true;
			close_fd(&in_fd);
		}
		/* Once the child is gone, a daemon it started may still hold the
		 * pipes: take what is there now, never wait for that EOF. */
		slice = reaped ? 0 : 100;
		if (opts->die_with_us && !reaped && signals_caught()) {
			res->interrupted = true;
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			reaped = true;
			break;
		}
		if (deadline > 0 && !reaped && clock_now_s() >= deadline) {
			res->timed_out = true;
			if (opts->new_group)
				kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			reaped = true;
			break;
		}
		if (out_fd >= 0)
			p[np++] = (struct pollfd) {out_fd, POLLIN, 0};
		if (err_fd >= 0)
			p[np++] = (struct pollfd) {err_fd, POLLIN, 0};
		if (in_fd >= 0)
			p[np++] = (struct pollfd) {in_fd, POLLOUT, 0};
		if (np == 0) {
			/* It closed its output but runs on: wait, watching the deadline. */
			poll(NULL, 0, 20);
			continue;
		}
		rc = poll(p, (nfds_t) np, slice);
		if (rc < 0 && errno != EINTR)
			break;
		if (rc <= 0) {
			if (reaped)
				break;  /* nothing more readable after the child ended */
			continue;
		}
		for (int i = 0; i < np; i++) {
			if (p[i].revents == 0)
				continue;
			if (p[i].fd == out_fd)
				drain_fd(&out_fd, &res->out, cap);
			else if (p[i].fd == err_fd)
				drain_fd(&err_fd, &res->err, cap);
			else if (p[i].fd == in_fd) {
				ssize_t n = write(in_fd, opts->input + written,
								  opts->input_len - written);

				if (n > 0)
					written += (size_t) n;
				if ((n < 0 && errno != EINTR && errno != EAGAIN) ||
					written == opts->input_len)
					close_fd(&in_fd);
			}
		}
	}
	close_fd(&in_fd);
	close_fd(&out_fd);
	close_fd(&err_fd);
	if (!reaped)
		waitpid(pid, &status, 0);
	return status;
}

static const char *
stage_text(int stage)
{
	switch (stage) {
	case STAGE_CWD:
		return "cannot enter its working directory";
	case STAGE_USER:
		return "cannot switch to the OS account";
	case STAGE_EXEC:
		return "cannot execute it";
	default:
		return "cannot set up its input and output";
	}
}

/*
 * Fork and exec argv in a child wired to in_fd (-1 = /dev/null), out_fd and
 * err_fd, and wait until it has exec'd (or failed to: the status pipe then
 * carries the stage and errno, reported in err).  The caller closes its
 * copies of the child's ends.  Returns the pid, or -1 with err.
 */
static pid_t
start_child(const char *const *argv, const proc_options *opts, const account *acct,
			char **envp, int in_fd, int out_fd, int err_fd, error *err)
{
	int status_pipe[2];
	child_failure failure;
	ssize_t n;
	pid_t parent = getpid(), pid;
	int status;

	if (pipe2(status_pipe, O_CLOEXEC) != 0) {
		error_set(err, ERROR_ENV, "cannot run %s: pipe: %s", argv[0], strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		error_set(err, ERROR_ENV, "cannot run %s: fork: %s", argv[0], strerror(errno));
		close(status_pipe[0]);
		close(status_pipe[1]);
		return -1;
	}
	if (pid == 0)
		child_exec(argv, envp, opts, acct, in_fd, out_fd, err_fd, status_pipe[1],
				   parent);
	if (opts->new_group)
		(void) setpgid(pid, pid);  /* also in the child: no race with a kill */
	close(status_pipe[1]);
	do
		n = read(status_pipe[0], &failure, sizeof failure);
	while (n < 0 && errno == EINTR);
	close(status_pipe[0]);
	if (n != (ssize_t) sizeof failure)
		return pid;
	waitpid(pid, &status, 0);
	error_set(err, ERROR_ENV, "cannot run %s: %s: %s", argv[0],
			  stage_text(failure.stage), strerror(failure.errnum));
	if (failure.stage == STAGE_CWD)
		error_detail(err, "Working directory: %s", opts->cwd);
	else if (failure.stage == STAGE_USER)
		error_detail(err, "Account: %s", acct->name);
	return -1;
}

bool
proc_run(const char *const *argv, const proc_options *opts, proc_result *res,
		 error *err)
{
	static const proc_options defaults;
	int in_pipe[2] = {-1, -1}, out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
	struct sigaction ignore = {0}, old_pipe;
	account acct;
	char **envp = NULL;
	bool ok = false;
	pid_t pid;
	int status;

	if (opts == NULL)
		opts = &defaults;
	proc_result_free(res);
	proc_result_init(res);
	if (!resolve_account(opts->user, &acct, err)) {
		error_prefix(err, "cannot run %s: ", argv[0]);
		return false;
	}
	if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0 ||
		(opts->input && pipe2(in_pipe, O_CLOEXEC) != 0)) {
		error_set(err, ERROR_ENV, "cannot run %s: pipe: %s", argv[0], strerror(errno));
		goto done;
	}
	envp = build_env(opts->env);
	/* Writing to a child that exited must give EPIPE, not kill pgdrill. */
	ignore.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ignore, &old_pipe);
	pid = start_child(argv, opts, &acct, envp, in_pipe[0], out_pipe[1], err_pipe[1], err);
	close_fd(&in_pipe[0]);
	close_fd(&out_pipe[1]);
	close_fd(&err_pipe[1]);
	if (pid < 0) {
		sigaction(SIGPIPE, &old_pipe, NULL);
		goto done;
	}
	if (in_pipe[1] >= 0)
		fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
	status = pump(pid, opts, in_pipe[1], out_pipe[0], err_pipe[0], res);
	in_pipe[1] = out_pipe[0] = err_pipe[0] = -1;  /* pump closed them */
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (WIFEXITED(status))
		res->exit_code = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		res->term_signal = WTERMSIG(status);
	if (res->timed_out) {
		error_set(err, ERROR_ENV, "%s did not finish within %g seconds and was killed",
				  argv[0], opts->timeout_s);
		goto done;
	}
	if (res->interrupted) {
		error_set(err, ERROR_ENV, "%s was stopped: pgdrill was interrupted", argv[0]);
		goto done;
	}
	ok = true;
done:
	close_fd(&in_pipe[0]);
	close_fd(&in_pipe[1]);
	close_fd(&out_pipe[0]);
	close_fd(&out_pipe[1]);
	close_fd(&err_pipe[0]);
	close_fd(&err_pipe[1]);
	free(envp);
	free(acct.name);
	return ok;
}

pid_t
proc_spawn(const char *const *argv, const proc_options *opts, const char *log_path,
		   error *err)
{
	static const proc_options defaults;
	account acct;
	char **envp;
	pid_t pid;
	int log_fd;

	if (opts == NULL)
		opts = &defaults;
	if (!resolve_account(opts->user, &acct, err)) {
		error_prefix(err, "cannot run %s: ", argv[0]);
		return -1;
	}
	log_fd = open(log_path ? log_path : "/dev/null",
				  O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (log_fd < 0) {
		error_set(err, ERROR_ENV, "cannot run %s: cannot open %s: %s", argv[0],
				  log_path ? log_path : "/dev/null", strerror(errno));
		free(acct.name);
		return -1;
	}
	envp = build_env(opts->env);
	pid = start_child(argv, opts, &acct, envp, -1, log_fd, log_fd, err);
	close(log_fd);
	free(envp);
	free(acct.name);
	return pid;
}

bool
proc_stop(pid_t pid, double grace_s, proc_result *res)
{
	double deadline = clock_now_s() + grace_s;
	int status = 0;
	pid_t r;

	proc_result_free(res);
	proc_result_init(res);
	kill(pid, SIGTERM);
	while ((r = waitpid(pid, &status, WNOHANG)) == 0 && clock_now_s() < deadline)
		poll(NULL, 0, 20);
	if (r == 0) {
		res->timed_out = true;
		kill(pid, SIGKILL);
		r = waitpid(pid, &status, 0);
	}
	if (r != pid)
		return false;
	if (WIFEXITED(status))
		res->exit_code = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		res->term_signal = WTERMSIG(status);
	return true;
}

char *
proc_tail_lines(const char *text, int max_lines)
{
	size_t len = strlen(text);
	const char *start;
	int lines = 0;

	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	start = text + len;
	while (start > text) {
		if (start[-1] == '\n' && ++lines >= max_lines)
			break;
		start--;
	}
	return xstrndup(start, (size_t) (text + len - start));
}

bool
proc_run_ok(const char *const *argv, const proc_options *opts, proc_result *res,
			error *err)
{
	const strbuf *shown;
	char *tail;

	if (!proc_run(argv, opts, res, err))
		return false;
	if (res->exit_code == 0)
		return true;
	if (res->term_signal)
		error_set(err, ERROR_ENV, "%s was killed by signal %d (%s)", argv[0],
				  res->term_signal, strsignal(res->term_signal));
	else
		error_set(err, ERROR_ENV, "%s failed with exit status %d", argv[0],
				  res->exit_code);
	shown = res->err.len > 0 ? &res->err : &res->out;
	tail = proc_tail_lines(strbuf_str(shown), 20);
	if (tail[0])
		error_detail(err, "%s", tail);
	free(tail);
	return false;
}

bool
proc_access_as(const char *user, const char *path, int mode, char **blocked,
			   error *err)
{
	int fds[2];
	account acct;
	strbuf answer = STRBUF_INIT;
	char *prefix;
	pid_t pid;
	int status;

	*blocked = NULL;
	if (!resolve_account(user, &acct, err))
		return false;
	if (pipe2(fds, O_CLOEXEC) != 0)
		return error_set(err, ERROR_ENV, "cannot check access: pipe: %s",
						 strerror(errno));
	prefix = xstrdup(path);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		free(prefix);
		free(acct.name);
		return error_set(err, ERROR_ENV, "cannot check access: fork: %s",
						 strerror(errno));
	}
	if (pid == 0) {
		const char *bad = NULL;

		close(fds[0]);
		if (acct.switch_user && (setgid(acct.gid) != 0 ||
								 initgroups(acct.name, acct.gid) != 0 ||
								 setuid(acct.uid) != 0))
			_exit(2);
		/* Every ancestor needs search (x) permission. */
		for (char *s = prefix + 1; *s && bad == NULL; s++) {
			if (*s != '/')
				continue;
			*s = '\0';
			if (access(prefix, X_OK) != 0)
				bad = prefix;
			else
				*s = '/';
		}
		if (bad == NULL && access(path, mode) != 0)
			bad = path;
		if (bad) {
			ssize_t n = write(fds[1], bad, strlen(bad));

			(void) n;
		}
		_exit(0);
	}
	close(fds[1]);
	for (;;) {
		char buf[512];
		ssize_t n = read(fds[0], buf, sizeof buf);

		if (n > 0)
			strbuf_append_len(&answer, buf, (size_t) n);
		else if (n == 0 || errno != EINTR)
			break;
	}
	close(fds[0]);
	waitpid(pid, &status, 0);
	free(prefix);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		error_set(err, ERROR_ENV, "cannot check access as \"%s\": cannot switch to the account",
				  acct.name ? acct.name : user);
		free(acct.name);
		strbuf_free(&answer);
		return false;
	}
	free(acct.name);
	if (answer.len > 0)
		*blocked = strbuf_steal(&answer);
	strbuf_free(&answer);
	return true;
}
