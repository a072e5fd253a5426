/*
 * harness.c — the db tests' shared set-up: test homes under /tmp, running
 * the pgdrill binary, reaching the private cluster (see harness.h).
 *
 * Test code only: it uses cmocka's fail_msg and prints through
 * print_message, which engine code never does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pg/cluster.h"
#include "pg/db.h"
#include "fnv.h"
#include "os/paths.h"
#include "strbuf.h"

char *
harness_home_for(const char *kind, const char *bin)
{
	char hex[17];

	if (bin == NULL || bin[0] == '\0')
		return xasprintf("/tmp/pgdrill-%s-%ld", kind, (long) geteuid());
	/* One home per build: worktrees testing at the same time as the same
	 * user must not see each other's scratch databases.  8 hex digits keep
	 * the socket path short. */
	fnv_hex(fnv_str(FNV_INIT, bin), hex);
	hex[8] = '\0';
	return xasprintf("/tmp/pgdrill-%s-%ld-%s", kind, (long) geteuid(), hex);
}

char *
harness_home(void)
{
	const char *v = getenv("PGDRILL_TEST_HOME");

	if (v && v[0] == '/')
		return xstrdup(v);
	return harness_home_for("test", getenv("PGDRILL_BIN"));
}

/* mkdir `dir` 0755 (as is, whatever the umask) and make sure it is ours:
 * a directory in /tmp someone else made, or a symlink, is refused. */
static bool
make_own_dir(const char *dir, char **why)
{
	struct stat st;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		*why = xasprintf("cannot create %s: %s", dir, strerror(errno));
		return false;
	}
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid()) {
		*why = xasprintf("%s is not a directory owned by uid %ld", dir,
						 (long) geteuid());
		return false;
	}
	if (chmod(dir, 0755) != 0) {
		*why = xasprintf("cannot chmod %s: %s", dir, strerror(errno));
		return false;
	}
	return true;
}

static bool
use_home(const char *home, char **why)
{
	char *cache = paths_join(home, "cache");
	char *state = paths_join(home, "state");
	bool ok = make_own_dir(home, why) && make_own_dir(cache, why) &&
		make_own_dir(state, why);

	if (ok) {
		setenv("XDG_CACHE_HOME", cache, 1);
		setenv("XDG_STATE_HOME", state, 1);
		unsetenv("PGDRILL_DB");
	}
	free(cache);
	free(state);
	return ok;
}

void
harness_use_home(const char *home)
{
	char *why = NULL;

	if (!use_home(home, &why)) {
		print_message("%s\n", why);
		free(why);
		fail_msg("cannot use the test home %s", home);
	}
}

int
harness_group_setup(void **state)
{
	char *home = harness_home();
	char *why = NULL;
	bool ok = use_home(home, &why);

	(void) state;
	if (!ok) {
		fprintf(stderr, "db test harness: %s\n", why);
		free(why);
	}
	free(home);
	return ok ? 0 : -1;
}

bool
harness_under_ci(void)
{
	const char *ci = getenv("CI");

	return ci && strcmp(ci, "true") == 0;
}

bool
harness_postgres_available(char **why)
{
	cluster c;
	error err;

	*why = NULL;
	if (!cluster_locate(&c, &err)) {
		*why = err.hint[0] ? xasprintf("%s (%s)", err.message, err.hint)
			: xstrdup(err.message);
		return false;
	}
	cluster_release(&c);
	return true;
}

void
harness_run_pgdrill(const char *const *args, const char *const *env,
					const char *input, double timeout_s, proc_result *res)
{
	const char *bin = getenv("PGDRILL_BIN");
	proc_options opts = {0};
	const char **argv;
	size_t n = 0;
	error err;
	bool ok;

	if (bin == NULL || bin[0] == '\0')
		fail_msg("PGDRILL_BIN is not set (meson test sets it)");
	while (args[n])
		n++;
	argv = xcalloc(n + 2, sizeof *argv);
	argv[0] = bin;
	for (size_t i = 0; i < n; i++)
		argv[i + 1] = args[i];
	opts.env = env;
	opts.input = input;
	opts.input_len = input ? strlen(input) : 0;
	opts.timeout_s = timeout_s;
	opts.new_group = true;  /* a hung pgdrill dies with its initdb/pg_ctl */
	ok = proc_run(argv, &opts, res, &err);
	free(argv);
	if (!ok) {
		print_message("stdout: %s\nstderr: %s\n", strbuf_str(&res->out),
					  strbuf_str(&res->err));
		fail_msg("running pgdrill: %s", err.message);
	}
}

static void
fail_with(const char *what, const error *err)
{
	print_message("%s: %s\n%s%s%s\n", what, err->message, err->detail,
				  err->hint[0] ? "\nHINT: " : "", err->hint);
	fail_msg("%s: %s", what, err->message);
}

char *
harness_cluster_conninfo(const char *dbname)
{
	cluster c;
	error err;
	char *ci;

	if (!cluster_locate(&c, &err))
		fail_with("locating the private cluster", &err);
	if (!cluster_ensure_running(&c, NULL, &err)) {
		cluster_release(&c);
		fail_with("starting the private cluster", &err);
	}
	ci = cluster_conninfo(&c, dbname, NULL);
	cluster_release(&c);
	return ci;
}

PGconn *
harness_connect(const char *dbname)
{
	char *ci = harness_cluster_conninfo(dbname);
	error err;
	PGconn *conn = db_connect(ci, &err);

	free(ci);
	if (conn == NULL)
		fail_with("connecting to the private cluster", &err);
	return conn;
}

char *
harness_fresh_home(const char *name)
{
	char *shared = harness_home();
	char *home = xasprintf("%s/%s.%ld", shared, name, (long) getpid());
	const char *rm[] = {"rm", "-rf", home, NULL};
	proc_result res = PROC_RESULT_INIT;
	error err;

	harness_use_home(shared);
	free(shared);
	/* A leftover of a crashed run with the same pid: start empty. */
	if (!proc_run_ok(rm, NULL, &res, &err))
		fail_with("cleaning the fresh test home", &err);
	proc_result_free(&res);
	harness_use_home(home);
	return home;
}

void
harness_drop_home(char *home)
{
	const char *rm[] = {"rm", "-rf", home, NULL};
	proc_result res = PROC_RESULT_INIT;
	char *shared;
	cluster c;
	error err;

	if (home == NULL)
		return;
	harness_use_home(home);
	if (cluster_locate(&c, &err)) {
		if (!cluster_stop(&c, &err))
			print_message("stopping the cluster of %s: %s\n", home, err.message);
		cluster_release(&c);
	}
	if (!proc_run_ok(rm, NULL, &res, &err))
		print_message("removing %s: %s\n", home, err.message);
	proc_result_free(&res);
	free(home);
	shared = harness_home();
	harness_use_home(shared);
	free(shared);
}

cJSON *
harness_json_of(const proc_result *res, const char *what)
{
	cJSON *json = cJSON_Parse(strbuf_str(&res->out));

	if (json == NULL)
		fail_msg("pgdrill %s printed no JSON (exit %d)\nstdout: %s\nstderr: %s", what,
				 res->exit_code, strbuf_str(&res->out), strbuf_str(&res->err));
	return json;
}

cJSON *
harness_run_json(const char *const *args, const char *const *env, const char *input,
				 double timeout_s, int *code)
{
	const char *argv[64];
	proc_result res = PROC_RESULT_INIT;
	bool has_format = false;
	cJSON *json;
	int n = 0;

	for (; args[n] && n < 60; n++) {
		argv[n] = args[n];
		has_format |= strcmp(args[n], "--format") == 0;
	}
	if (!has_format) {
		argv[n++] = "--format";
		argv[n++] = "json";
	}
	argv[n] = NULL;
	harness_run_pgdrill(argv, env, input, timeout_s, &res);
	*code = res.exit_code;
	json = harness_json_of(&res, args[0] ? args[0] : "");
	proc_result_free(&res);
	return json;
}

const char *
jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

double
jnum(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

cJSON *
harness_answer_manifest(const char *root)
{
	cJSON *manifest = cJSON_CreateArray();
	DIR *top = opendir(root);
	struct dirent *de;

	if (top == NULL)
		fail_msg("cannot open %s", root);
	while ((de = readdir(top)) != NULL) {
		char *dir;
		DIR *sub;
		struct dirent *fe;

		if (de->d_name[0] == '.')
			continue;
		dir = xasprintf("%s/%s", root, de->d_name);
		sub = opendir(dir);
		if (sub == NULL) {
			free(dir);
			continue;           /* README.md */
		}
		while ((fe = readdir(sub)) != NULL) {
			size_t len = strlen(fe->d_name);
			cJSON *item;
			char *file;

			if (len < 5 || strcmp(fe->d_name + len - 4, ".sql") != 0)
				continue;
			file = xasprintf("%s/%s", dir, fe->d_name);
			item = cJSON_CreateObject();
			cJSON_AddStringToObject(item, "drill", de->d_name);
			cJSON_AddStringToObject(item, "file", file);
			cJSON_AddItemToArray(manifest, item);
			free(file);
		}
		closedir(sub);
		free(dir);
	}
	closedir(top);
	return manifest;
}

void
harness_answer_set_fails(const char *set, int at_least, const char *const *extra,
						 int timeout_s, bool (*ok)(const cJSON *result), const char *what)
{
	char *root = xasprintf("%s/tests/%s", getenv("PGDRILL_SOURCE_DIR"), set);
	char *path = xasprintf("%s/%s.%ld.json", harness_home(), set, (long) getpid());
	cJSON *manifest = harness_answer_manifest(root), *out;
	const cJSON *results, *res;
	char *text = cJSON_Print(manifest);
	const char *args[16] = {"grade", path, "--format", "json", "-q"};
	size_t n = 5;
	proc_result pr = PROC_RESULT_INIT;
	FILE *fp;
	int tried = cJSON_GetArraySize(manifest), bad = 0;
	strbuf why = STRBUF_INIT;

	for (size_t i = 0; extra && extra[i] && n < 15; i++)
		args[n++] = extra[i];
	args[n] = NULL;
	if (tried < at_least)
		fail_msg("%s: %d answers, expected at least %d", set, tried, at_least);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	harness_run_pgdrill(args, NULL, NULL, timeout_s, &pr);
	unlink(path);
	out = cJSON_Parse(strbuf_str(&pr.out));
	if (out == NULL)
		fail_msg("grade printed no JSON (exit %d): %s", pr.exit_code, strbuf_str(&pr.err));
	results = cJSON_GetObjectItemCaseSensitive(out, "results");
	if (pr.exit_code != 1) {
		/* which answers made it another exit (an error is exit 4) */
		cJSON_ArrayForEach(res, results) {
			const cJSON *st = cJSON_GetObjectItemCaseSensitive(res, "status");

			if (!cJSON_IsString(st) || strcmp(st->valuestring, "fail") != 0)
				strbuf_printf(&why, "\n  %s: %s — %s",
							  jstr(res, "answer_file"), cJSON_IsString(st) ? st->valuestring : "?",
							  jstr(res, "message"));
		}
		fail_msg("%s: grade exited %d, expected 1:%s", set, pr.exit_code, strbuf_str(&why));
	}
	assert_int_equal(cJSON_GetArraySize(results), tried);
	cJSON_ArrayForEach(res, results) {
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(res, "status");

		if (!ok(res)) {
			bad++;
			strbuf_printf(&why, "\n  %s: %s — %s",
						  cJSON_GetObjectItemCaseSensitive(res, "answer_file")->valuestring,
						  cJSON_IsString(st) ? st->valuestring : "?",
						  cJSON_GetObjectItemCaseSensitive(res, "message")->valuestring);
		}
	}
	print_message("%s: %d answers tried, %d not %s\n", set, tried, bad, what);
	if (bad > 0)
		fail_msg("%s: %d of %d answers were not %s:%s", set, bad, tried, what,
				 strbuf_str(&why));
	strbuf_free(&why);
	cJSON_Delete(out);
	proc_result_free(&pr);
	cJSON_Delete(manifest);
	free(text);
	free(path);
	free(root);
}
