/*
 * test_drill_scale.c — a drill's "scale_limit" (engine/catalog/drill.c
 * loads it, engine/catalog/drill_scale.c enforces it): loading refuses
 * every malformed declaration with a message naming the field; drill_scale
 * resolves the scale (asked, else the fixture's default) and refuses one
 * above the limit, naming the drill, the limit, the scale and the reason;
 * and the commands honour it: start, check and show refuse --scale 10 (and
 * PGDRILL_SCALE=10) before touching a server, while the default scale and
 * a smaller one get past the gate; author verify reports a drill asked
 * beyond its limit as not run (JSON beyond_scale_limit), and a limit below
 * the fixture's default scale as a problem.  The drill is a copy of
 * shop-keyset-pagination in a temporary catalogue; no server is involved
 * (the commands are pointed at one that does not exist).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/drill.h"
#include "catalog/drill_scale.h"
#include "catalog/fixture.h"
#include "os/fileio.h"
#include "os/paths.h"
#include "pg/proc.h"
#include "run_pgdrill.h"
#include "strbuf.h"

#define SOURCE_DRILL "shop-keyset-pagination"
#define PROBE "scale-probe"
#define NO_SERVER "host=/nonexistent port=1"
#define WHY "the page key is order 200000's at scale 1"
#define TEN "0123456789"
#define LONG_WHY TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN \
	TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN "x"   /* 301 characters */

typedef struct dirs {
	char root[64];
	char *drills;     /* root/drills: concepts.json and PROBE */
	char *probe;      /* root/drills/PROBE */
} dirs;

static void
copy_file(const char *from_dir, const char *to_dir, const char *name)
{
	char *from = paths_join(from_dir, name), *to = paths_join(to_dir, name);
	size_t len;
	error err;
	char *text = fileio_read(from, 1 << 20, &len, &err);

	if (text == NULL || !fileio_write_atomic(to, text, len, 0644, &err))
		fail_msg("%s -> %s: %s", from, to, err.message);
	free(text);
	free(from);
	free(to);
}

/* PROBE's drill.json with `extra` (JSON members after "settings", or "")
 * in place of the source drill's scale_limit. */
static void
write_probe_json(const dirs *d, const char *extra)
{
	char *p = paths_join(d->probe, "drill.json");
	char *json = xasprintf("{\"id\": \"" PROBE "\", \"title\": \"Scale probe\", \"kind\": "
						   "\"rewrite\", \"fixture\": \"shop\", \"concepts\": [\"pagination\"], "
						   "\"difficulty\": 2, \"minutes\": 15, \"settings\": {\"jit\": \"off\"}"
						   "%s%s}\n", extra[0] ? ", " : "", extra);
	error err;

	if (!fileio_write_atomic(p, json, strlen(json), 0644, &err))
		fail_msg("%s: %s", p, err.message);
	free(json);
	free(p);
}

static int
setup(void **state)
{
	static const char *const files[] = {"prompt.md", "slow.sql", "reference.sql", "edge.sql",
		"hints.md", NULL};
	dirs *d = xcalloc(1, sizeof *d);
	char *src_drills = paths_join(getenv("PGDRILL_SOURCE_DIR"), "drills");
	char *src = paths_join(src_drills, SOURCE_DRILL);
	error err;

	snprintf(d->root, sizeof d->root, "/tmp/pgdrill-drill-scale-XXXXXX");
	if (mkdtemp(d->root) == NULL)
		return -1;
	d->drills = paths_join(d->root, "drills");
	d->probe = paths_join(d->drills, PROBE);
	if (!paths_mkdir_p(d->probe, 0755, &err))
		fail_msg("%s", err.message);
	copy_file(src_drills, d->drills, "concepts.json");
	for (const char *const *f = files; *f; f++)
		copy_file(src, d->probe, *f);
	write_probe_json(d, "\"scale_limit\": {\"max\": 1, \"why\": \"" WHY "\"}");
	free(src);
	free(src_drills);
	*state = d;
	return 0;
}

static int
teardown(void **state)
{
	dirs *d = *state;
	error err;

	fileio_remove_tree(d->root, &err);
	free(d->drills);
	free(d->probe);
	free(d);
	return 0;
}

/* Every malformed declaration is refused at load, naming what is wrong;
 * the well-formed ones load with their values. */
static void
test_load(void **state)
{
	static const struct {
		const char *extra;
		const char *error;   /* NULL: loads */
		double max;
	} cases[] = {
		{"", NULL, 0},
		{"\"scale_limit\": {\"max\": 1, \"why\": \"w\"}", NULL, 1},
		{"\"scale_limit\": {\"max\": 2.5, \"why\": \"w\"}", NULL, 2.5},
		{"\"scale_limit\": 1", "\"scale_limit\" must be an object", 0},
		{"\"scale_limit\": {\"why\": \"w\"}", "\"max\" is required", 0},
		{"\"scale_limit\": {\"max\": 0, \"why\": \"w\"}", "max", 0},
		{"\"scale_limit\": {\"max\": 101, \"why\": \"w\"}", "max", 0},
		{"\"scale_limit\": {\"max\": \"1\", \"why\": \"w\"}", "max", 0},
		{"\"scale_limit\": {\"max\": 1}", "\"why\" is required", 0},
		{"\"scale_limit\": {\"max\": 1, \"why\": \"\"}", "scale_limit.why must be one line", 0},
		{"\"scale_limit\": {\"max\": 1, \"why\": \"a\\nb\"}", "scale_limit.why must be one line", 0},
		{"\"scale_limit\": {\"max\": 1, \"why\": \"w\", \"min\": 1}", "unknown field \"min\"", 0},
		{"\"scale_limit\": {\"max\": 1, \"why\": \"" LONG_WHY "\"}", "at most 300 characters", 0},
	};
	dirs *d = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		error err = {0};
		drill *dr;

		write_probe_json(d, cases[i].extra);
		dr = drill_load(d->drills, PROBE, &err);
		if (cases[i].error == NULL) {
			if (dr == NULL)
				fail_msg("case %zu: %s", i, err.message);
			assert_true(dr->scale_limit.max == cases[i].max);
			assert_true((dr->scale_limit.why != NULL) == (cases[i].max > 0));
		} else if (dr != NULL || strstr(err.message, cases[i].error) == NULL ||
				   strstr(err.message, "drill.json") == NULL)
			fail_msg("case %zu: expected an error with \"%s\", got %s", i, cases[i].error,
					 dr ? "a drill" : err.message);
		drill_free(dr);
	}
}

/* The scale asked, else the fixture's default; refused only above max. */
static void
test_drill_scale(void **state)
{
	static const struct {
		double max, asked, scale;
		bool ok;
	} cases[] = {
		{0, 0, 1, true}, {0, 10, 10, true}, {1, 0, 1, true}, {1, 1, 1, true},
		{1, 0.02, 0.02, true}, {1, 1.5, 1.5, false}, {1, 10, 10, false}, {10, 10, 10, true},
	};
	drill d = {.id = PROBE, .scale_limit = {.why = WHY}};
	fixture f = {.name = "shop", .default_scale = 1};

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		error err = {0};
		double scale = -1;

		d.scale_limit.max = cases[i].max;
		assert_int_equal(drill_scale(&d, &f, cases[i].asked, &scale, &err), cases[i].ok);
		assert_true(scale == cases[i].scale);
		if (cases[i].ok)
			assert_int_equal(err.kind, ERROR_NONE);
		else {
			char *want = xasprintf("drill " PROBE " holds only up to --scale %g, not %g: " WHY,
								   cases[i].max, cases[i].asked);

			assert_int_equal(err.kind, ERROR_USAGE);
			assert_string_equal(err.message, want);
			assert_non_null(strstr(err.hint, "--scale 1 or below"));
			free(want);
		}
	}
}

/* Run pgdrill on the temporary catalogue, with `extra_env` ("NAME=value")
 * added, or PGDRILL_SCALE unset when it is NULL. */
static void
run(const dirs *d, const char *const *args, const char *extra_env, proc_result *res)
{
	char *drills_env = xasprintf("PGDRILL_DRILLS=%s", d->drills);
	const char *env[] = {drills_env, extra_env ? extra_env : "PGDRILL_SCALE", NULL};

	run_pgdrill(args, env, res);
	free(drills_env);
}

static void
expect(const dirs *d, const char *const *args, const char *env, int code, const char *in_stderr)
{
	proc_result res = PROC_RESULT_INIT;

	run(d, args, env, &res);
	if (res.exit_code != code || strstr(strbuf_str(&res.err), in_stderr) == NULL)
		fail_msg("pgdrill %s %s (%s): exit %d (expected %d), stdout:\n%s\nstderr:\n%s",
				 args[0], args[1], env ? env : "", res.exit_code, code,
				 strbuf_str(&res.out), strbuf_str(&res.err));
	if (code == 2 && res.out.len != 0)   /* refused before the prompt */
		fail_msg("pgdrill %s: stdout:\n%s", args[0], strbuf_str(&res.out));
	proc_result_free(&res);
}

/* start, check and show refuse above the limit before any server work
 * (exit 2, not 4 for the server that does not exist); at the default
 * scale and below they get past the gate and fail on the server. */
static void
test_commands_refuse(void **state)
{
	const char *refusal = "drill " PROBE " holds only up to --scale 1, not 10: " WHY;
	dirs *d = *state;

	expect(d, (const char *[]) {"start", PROBE, "--scale", "10", "--db", NO_SERVER, NULL},
		   NULL, 2, refusal);
	expect(d, (const char *[]) {"start", PROBE, "--db", NO_SERVER, NULL}, "PGDRILL_SCALE=10",
		   2, refusal);
	expect(d, (const char *[]) {"check", PROBE, "--scale", "10", "--db", NO_SERVER, NULL},
		   NULL, 2, refusal);
	expect(d, (const char *[]) {"show", PROBE, "--scale", "10", "--db", NO_SERVER, NULL},
		   NULL, 2, refusal);
	expect(d, (const char *[]) {"start", PROBE, "--db", NO_SERVER, NULL}, NULL, 4,
		   "cannot connect to PostgreSQL");
	expect(d, (const char *[]) {"start", PROBE, "--scale", "0.5", "--db", NO_SERVER, NULL},
		   NULL, 4, "cannot connect to PostgreSQL");
}

/* verify: beyond the limit the drill is reported as not run (exit 0: not
 * unsound), within it the limit is only shown; a limit below the
 * fixture's default scale is a problem (exit 1). */
static void
test_verify(void **state)
{
	dirs *d = *state;
	proc_result res = PROC_RESULT_INIT;
	const char *out;

	run(d, (const char *[]) {"author", "verify", PROBE, "--no-db", "--scale", "10",
							 "--format", "json", NULL}, NULL, &res);
	out = strbuf_str(&res.out);
	if (res.exit_code != 0 || strstr(out, "\"beyond_scale_limit\":\ttrue") == NULL ||
		strstr(out, "\"scale_limit\":\t1") == NULL ||
		strstr(out, "database checks skipped: drill " PROBE " holds only up to --scale 1") == NULL ||
		strstr(out, "\"beyond_scale_limit\":\t1") == NULL)
		fail_msg("exit %d, stdout:\n%s", res.exit_code, out);
	proc_result_free(&res);

	run(d, (const char *[]) {"author", "verify", PROBE, "--no-db", NULL}, NULL, &res);
	out = strbuf_str(&res.out);
	if (res.exit_code != 0 || strstr(out, PROBE ": passes the static checks\n") == NULL ||
		strstr(out, "scale_limit") != NULL)
		fail_msg("exit %d, stdout:\n%s", res.exit_code, out);
	proc_result_free(&res);

	write_probe_json(d, "\"scale_limit\": {\"max\": 0.5, \"why\": \"" WHY "\"}");
	run(d, (const char *[]) {"author", "verify", PROBE, "--no-db", NULL}, NULL, &res);
	out = strbuf_str(&res.out);
	if (res.exit_code != 1 ||
		strstr(out, "scale_limit.max 0.5 is below fixture shop's default scale 1") == NULL)
		fail_msg("exit %d, stdout:\n%s", res.exit_code, out);
	proc_result_free(&res);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load, setup, teardown),
		cmocka_unit_test(test_drill_scale),
		cmocka_unit_test_setup_teardown(test_commands_refuse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
