/*
 * tmpdir.c — private temporary directories named by host and pid, and
 * their reaper (see tmpdir.h).
 */
#include "os/tmpdir.h"

#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os/fileio.h"
#include "strbuf.h"

static const char *
tmp_root(void)
{
	const char *t = getenv("TMPDIR");

	return t && t[0] == '/' ? t : "/tmp";
}

char *
tmpdir_host(void)
{
	char buf[256];

	if (gethostname(buf, sizeof buf) != 0)
		return xstrdup("unknown");
	buf[sizeof buf - 1] = '\0';
	for (char *p = buf; *p; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || *p == '.' || *p == '_';

		if (!ok)
			*p = '_';
	}
	return xstrdup(buf);
}

char *
tmpdir_create(const char *what, const char *owner, error *err)
{
	char *host = tmpdir_host();
	char *path = xasprintf("%s/pgdrill-%s-%s-%ld-XXXXXX", tmp_root(), what, host,
						   (long) getpid());

	free(host);
	if (mkdtemp(path) == NULL) {
		error_set(err, ERROR_ENV, "cannot create a temporary directory in %s: %s",
				  tmp_root(), strerror(errno));
		free(path);
		return NULL;
	}
	if (owner) {
		struct passwd *pw = getpwnam(owner);

		if (pw == NULL || chown(path, pw->pw_uid, pw->pw_gid) != 0) {
			error_set(err, ERROR_ENV, "cannot give \"%s\" to the account \"%s\": %s",
					  path, owner, pw ? strerror(errno) : "no such account");
			rmdir(path);
			free(path);
			return NULL;
		}
	}
	return path;
}

/* The pid in "pgdrill-<what>-<host>-<pid>-XXXXXX" when the host is ours,
 * else 0. */
static long
owner_pid(const char *name, const char *what, const char *host)
{
	size_t wlen = strlen(what), hlen = strlen(host);
	const char *p;
	char *end;
	long pid;

	if (strncmp(name, "pgdrill-", 8) != 0 || strncmp(name + 8, what, wlen) != 0 ||
		name[8 + wlen] != '-')
		return 0;
	p = name + 8 + wlen + 1;
	if (strncmp(p, host, hlen) != 0 || p[hlen] != '-')
		return 0;
	p += hlen + 1;
	if (*p < '1' || *p > '9')
		return 0;
	pid = strtol(p, &end, 10);
	if (*end != '-' || strlen(end + 1) != 6)
		return 0;
	return pid;
}

int
tmpdir_reap(const char *what, void (*before_remove)(const char *dir))
{
	char *host = tmpdir_host();
	DIR *d = opendir(tmp_root());
	struct dirent *e;
	int removed = 0;

	while (d && (e = readdir(d)) != NULL) {
		long pid = owner_pid(e->d_name, what, host);
		char *path;
		error ignored;

		if (pid <= 0 || pid == (long) getpid())
			continue;
		if (kill((pid_t) pid, 0) == 0 || errno != ESRCH)
			continue;           /* alive (or not ours to judge) */
		path = xasprintf("%s/%s", tmp_root(), e->d_name);
		if (before_remove)
			before_remove(path);
		if (fileio_remove_tree(path, &ignored))
			removed++;
		free(path);
	}
	if (d)
		closedir(d);
	free(host);
	return removed;
}
