/*
 * paths.c — XDG directories and the catalogue location (see paths.h for the
 * rules).  The build defines PGDRILL_BUILD_DIR, PGDRILL_SOURCE_DIR,
 * PGDRILL_BINDIR, PGDRILL_REL_DATADIR and PGDRILL_DATADIR (engine/meson.build).
 */
#include "os/paths.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"

static char *
home_dir(error *err)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home && home[0] == '/')
		return xstrdup(home);
	pw = getpwuid(getuid());
	if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
		return xstrdup(pw->pw_dir);
	error_set(err, ERROR_ENV, "cannot find the home directory");
	error_hint(err, "Set HOME, or XDG_CACHE_HOME and XDG_STATE_HOME.");
	return NULL;
}

static char *
xdg_dir(const char *env, const char *fallback, error *err)
{
	const char *v = getenv(env);
	char *home, *out;

	/* XDG says: relative values are invalid and must be ignored. */
	if (v && v[0] == '/')
		return paths_join(v, "pgdrill");
	home = home_dir(err);
	if (home == NULL)
		return NULL;
	out = xasprintf("%s/%s/pgdrill", home, fallback);
	free(home);
	return out;
}

char *
paths_cache_dir(error *err)
{
	return xdg_dir("XDG_CACHE_HOME", ".cache", err);
}

char *
paths_state_dir(error *err)
{
	return xdg_dir("XDG_STATE_HOME", ".local/state", err);
}

/* The directory of the running executable (malloc'd), or NULL when
 * /proc/self/exe cannot be read. */
static char *
exe_dir(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(buf[0] ? buf : "/");
}

/* Is `path` `dir` itself or below it? */
static bool
path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/*
 * Where an installed binary keeps its data: the datadir beside its own
 * bindir when the binary sits in `<root>/<bindir>` (a DESTDIR staging or a
 * moved installation keeps working), else the configured absolute one.
 */
static char *
installed_data_dir(const char *exe)
{
	const char *bindir = PGDRILL_BINDIR;
	size_t el = exe ? strlen(exe) : 0, bl = strlen(bindir);

	if (exe && bindir[0] != '/' && el > bl && exe[el - bl - 1] == '/' &&
		strcmp(exe + el - bl, bindir) == 0)
		return xasprintf("%.*s%s", (int) (el - bl), exe, PGDRILL_REL_DATADIR);
	return xstrdup(PGDRILL_DATADIR);
}

char *
paths_data_dir(void)
{
	char *exe = exe_dir();
	char *dir;

	if (exe && path_under(exe, PGDRILL_BUILD_DIR))
		dir = xstrdup(PGDRILL_SOURCE_DIR);
	else
		dir = installed_data_dir(exe);
	free(exe);
	return dir;
}

static char *
catalogue_dir(const char *override, const char *env, const char *name, error *err)
{
	const char *v = override ? override : getenv(env);
	struct stat st;
	char *base, *dir;

	if (v && v[0]) {
		if (stat(v, &st) != 0 || !S_ISDIR(st.st_mode)) {
			error_set(err, ERROR_USAGE, "%s directory \"%s\" does not exist", name, v);
			return NULL;
		}
		return xstrdup(v);
	}
	base = paths_data_dir();
	dir = paths_join(base, name);
	free(base);
	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return dir;
	error_set(err, ERROR_ENV, "cannot find the %s directory", name);
	error_detail(err, "Looked in %s.", dir);
	error_hint(err, "Pass --%s DIR or set %s.", name, env);
	free(dir);
	return NULL;
}

char *
paths_drills_dir(const char *override, error *err)
{
	return catalogue_dir(override, "PGDRILL_DRILLS", "drills", err);
}

char *
paths_fixtures_dir(const char *override, error *err)
{
	return catalogue_dir(override, "PGDRILL_FIXTURES", "fixtures", err);
}

bool
paths_mkdir_p(const char *path, mode_t mode, error *err)
{
	char *p = xstrdup(path);
	bool ok = true;

	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char saved = *s;

			*s = '\0';
			if (mkdir(p, mode) != 0 && errno != EEXIST) {
				ok = error_set(err, ERROR_ENV, "cannot create directory \"%s\": %s",
							   p, strerror(errno));
				break;
			}
			*s = saved;
			if (saved == '\0')
				break;
		}
	}
	free(p);
	return ok;
}

char *
paths_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}
