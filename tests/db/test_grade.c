/*
 * test_grade.c — `pgdrill grade` for CI through the binary on a real
 * PostgreSQL: folders of answers (nested) and manifests, the exit code of
 * each case (all pass 0, a failure 1, a rejection 3 — outranking the
 * failure —, an unreachable server 4, nothing to grade 2), the JSON checked
 * against the format of docs/ci.md field by field, the JUnit XML validated
 * with xmllint against tests/junit.xsd, GitHub annotations pointing at the
 * rejected line, --out, and --shard splitting the answers into disjoint
 * shares that cover them all.  The HTML pages of grade and of `check
 * --html` in headless Chromium (tests/browser_check.py).
 *
 * It grades the real catalogue (drills/) when it has at least two graded
 * drills, else the tiny test catalogue (tests/db/catalogue).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/fileio.h"
#include "harness.h"
#include "learner_env.h"
#include "os/paths.h"
#include "strbuf.h"

typedef struct catalogue {
	char *drills, *fixtures;
	char *ids[2];         /* two graded drills */
} catalogue;

/* Fail with the whole output when a piece is missing: a grade's output is
 * the only evidence of what went wrong. */
#define assert_contains(out, needle) \
	do { \
		if (strstr((out), (needle)) == NULL) \
			fail_msg("\"%s\" not found in:\n%s", (needle), (out)); \
	} while (0)

static catalogue cat;

static bool
real_catalogue_usable(void)
{
	char *concepts = xasprintf("%s/drills/concepts.json", getenv("PGDRILL_SOURCE_DIR"));
	char *fixtures = xasprintf("%s/fixtures", getenv("PGDRILL_SOURCE_DIR"));
	bool yes = fileio_exists(concepts) && fileio_exists(fixtures);

	free(concepts);
	free(fixtures);
	return yes;
}

/* Pick two graded drills from `list`; false when there are fewer. */
static bool
pick_drills(const learner_env *le)
{
	const char *args[] = {"list", NULL};
	int code, n = 0;
	cJSON *o = learner_json(le, args, &code);
	const cJSON *d;

	if (code != 0) {
		cJSON_Delete(o);
		return false;
	}
	cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(o, "drills"))
		if (strcmp(jstr(d, "kind"), "plan-reading") != 0 && n < 2)
			cat.ids[n++] = xstrdup(jstr(d, "id"));
	cJSON_Delete(o);
	if (n < 2) {
		for (int i = 0; i < n; i++)
			free(cat.ids[i]);
		memset(cat.ids, 0, sizeof cat.ids);
	}
	return n == 2;
}

static int
group_setup(void **state)
{
	learner_env le;

	if (harness_group_setup(state) != 0)
		return -1;
	if (real_catalogue_usable()) {
		cat.drills = xasprintf("%s/drills", getenv("PGDRILL_SOURCE_DIR"));
		cat.fixtures = xasprintf("%s/fixtures", getenv("PGDRILL_SOURCE_DIR"));
		learner_env_init(&le, "grade-probe", cat.drills, cat.fixtures);
		if (pick_drills(&le)) {
			learner_env_free(&le);
			return 0;
		}
		learner_env_free(&le);
		free(cat.drills);
		free(cat.fixtures);
	}
	cat.drills = learner_tiny_drills();
	cat.fixtures = learner_tiny_fixtures();
	cat.ids[0] = xstrdup("t-sargable");
	cat.ids[1] = xstrdup("t-joins");
	return 0;
}

static int
group_teardown(void **state)
{
	(void) state;
	free(cat.drills);
	free(cat.fixtures);
	free(cat.ids[0]);
	free(cat.ids[1]);
	return 0;
}

/* Put drill `i`'s `file` (reference.sql / slow.sql) at <root>/<sub>/<id>.sql. */
static char *
place(const learner_env *le, const char *root, const char *sub, int i, const char *file)
{
	char *from = learner_drill_file(cat.drills, cat.ids[i], file);
	char *to = xasprintf("%s/%s/%s/%s.sql", le->dir, root, sub, cat.ids[i]);

	copy_text(from, to);
	free(from);
	return to;
}

static char *
run_grade(const learner_env *le, const char *const *extra, int *code)
{
	const char *argv[24];
	proc_result res = PROC_RESULT_INIT;
	char *out;
	int n = 0;

	argv[n++] = "grade";
	for (; *extra && n < 20; extra++)
		argv[n++] = *extra;
	/* the default number of runs: with 2, the median is the mean of the
	 * two, and one stall of a loaded machine under the sanitizers made the
	 * reference itself fail as an answer (4.76 ms against its own 0.62 ms,
	 * score 67.3 of 70 needed) */
	argv[n++] = "--runs";
	argv[n++] = "5";
	argv[n] = NULL;
	learner_run(le, argv, &res);
	*code = res.exit_code;
	if (*code < 0)
		fail_msg("grade died: %s", strbuf_str(&res.err));
	out = xstrdup(strbuf_str(&res.out));
	proc_result_free(&res);
	return out;
}

static const char *const statuses[] = {"pass", "fail", "rejected", "error"};
static const int status_codes[] = {0, 1, 3, 4};

/* The grade JSON of docs/ci.md, checked field by field.  Returns the
 * results array (owned by root). */
static const cJSON *
validate_json(const cJSON *root, int exit_code)
{
	const cJSON *sum = cJSON_GetObjectItemCaseSensitive(root, "summary");
	const cJSON *results = cJSON_GetObjectItemCaseSensitive(root, "results");
	const cJSON *shard = cJSON_GetObjectItemCaseSensitive(root, "shard");
	const cJSON *r;
	double counted[4] = {0, 0, 0, 0};

	assert_true(cJSON_IsObject(root));
	assert_int_equal((int) jnum(root, "version"), 1);
	assert_string_equal(jstr(root, "command"), "grade");
	assert_int_equal((int) jnum(root, "exit_code"), exit_code);
	assert_true(cJSON_IsNull(shard) || (cJSON_IsObject(shard) && jnum(shard, "index") >= 1 &&
										jnum(shard, "count") >= jnum(shard, "index")));
	assert_int_equal((int) strlen(jstr(root, "timestamp")), 20);   /* 2026-11-27T07:00:00Z */
	assert_true(jnum(root, "seconds") >= 0);
	assert_true(cJSON_IsObject(sum) && cJSON_IsArray(results));
	assert_int_equal((int) jnum(sum, "total"), cJSON_GetArraySize(results));
	cJSON_ArrayForEach(r, results) {
		const cJSON *score = cJSON_GetObjectItemCaseSensitive(r, "score");
		const cJSON *err = cJSON_GetObjectItemCaseSensitive(r, "error");
		int k = -1;

		assert_int_equal((int) jnum(r, "version"), 1);
		assert_true(strlen(jstr(r, "drill")) > 0);
		for (int i = 0; i < 4; i++)
			if (strcmp(jstr(r, "status"), statuses[i]) == 0)
				k = i;
		if (k < 0)
			fail_msg("bad status \"%s\"", jstr(r, "status"));
		counted[k]++;
		assert_int_equal((int) jnum(r, "exit_code"), status_codes[k]);
		assert_true(cJSON_IsNumber(score) || cJSON_IsNull(score));
		if (k == 0)
			assert_true(cJSON_IsNumber(score) && score->valuedouble >= jnum(r, "pass_score"));
		assert_true(jnum(r, "pass_score") > 0 || k >= 2);
		assert_true(strlen(jstr(r, "message")) > 0);
		assert_true(strlen(jstr(r, "answer_file")) > 0);
		assert_true(jnum(r, "line") >= 1);
		assert_true(jnum(r, "seconds") >= 0);
		if (k >= 2)
			assert_true(cJSON_IsObject(err) && strlen(jstr(err, "message")) > 0);
	}
	assert_int_equal((int) jnum(sum, "pass"), (int) counted[0]);
	assert_int_equal((int) jnum(sum, "fail"), (int) counted[1]);
	assert_int_equal((int) jnum(sum, "rejected"), (int) counted[2]);
	assert_int_equal((int) jnum(sum, "error"), (int) counted[3]);
	return results;
}

/* The result whose answer file's path contains `part`. */
static const cJSON *
result_for(const cJSON *results, const char *part)
{
	const cJSON *r;

	cJSON_ArrayForEach(r, results)
		if (strstr(jstr(r, "answer_file"), part))
			return r;
	fail_msg("no result for *%s*", part);
	return NULL;
}

/* Validate JUnit text against tests/junit.xsd with xmllint. */
static void
validate_junit(const learner_env *le, const char *xml)
{
	char *path = xasprintf("%s/report.xml", le->dir);
	char *xsd = xasprintf("%s/tests/junit.xsd", getenv("PGDRILL_SOURCE_DIR"));
	const char *argv[] = {"xmllint", "--noout", "--schema", xsd, path, NULL};
	proc_result res = PROC_RESULT_INIT;
	error err;

	write_text(path, xml);
	if (!proc_run(argv, NULL, &res, &err))
		fail_msg("cannot run xmllint (apt-get install libxml2-utils): %s", err.message);
	if (res.exit_code != 0)
		fail_msg("JUnit output does not validate:\n%s\n%s", strbuf_str(&res.err), xml);
	proc_result_free(&res);
	free(xsd);
	free(path);
}

/* The grade page in headless Chromium (tests/browser_check.py): no console
 * message, each plan drawn with its node count, one table row per answer;
 * the screenshot is left in the build directory (the artifact an
 * instructor opens).  Skipped without chromium, except under CI. */
static void
browser_check(const char *page, const char *name, int rows, const int *nodes, size_t n_nodes)
{
	char *script = xasprintf("%s/tests/browser_check.py", getenv("PGDRILL_SOURCE_DIR"));
	const char *bin = getenv("PGDRILL_BIN");   /* <build>/pgdrill */
	char *shot = xasprintf("%.*s/tests/html-report-%s.png",
						   (int) (strrchr(bin, '/') - bin), bin, name);
	char n[16], counts[8][16];
	const char *argv[32] = {"python3", script, page, "--screenshot", shot};
	size_t argc = 5;
	proc_options po = {.timeout_s = 300};
	proc_result res = PROC_RESULT_INIT;
	error err;

	if (rows >= 0) {
		snprintf(n, sizeof n, "%d", rows);
		argv[argc++] = "--rows";
		argv[argc++] = n;
	}
	for (size_t i = 0; i < n_nodes && i < 8; i++) {
		snprintf(counts[i], sizeof counts[i], "%d", nodes[i]);
		argv[argc++] = "--nodes";
		argv[argc++] = counts[i];
	}
	argv[argc] = NULL;
	if (!proc_run(argv, &po, &res, &err))
		fail_msg("%s", err.message);
	if (res.exit_code != 0 && !(res.exit_code == 77 && !harness_under_ci()))
		fail_msg("the %s page fails in the browser:\n%s%s", name, strbuf_str(&res.out),
				 strbuf_str(&res.err));
	proc_result_free(&res);
	free(shot);
	free(script);
}

static void
check_html_in_browser(const char *page, int rows)
{
	browser_check(page, "grade", rows, NULL, 0);
}

/* `check --html` in headless Chromium: a failed answer's page draws the
 * slow query's, the reference's and the answer's plans, each with as many
 * nodes as the plan has (metrics.*.plan_nodes of the same run's JSON), no
 * console message; screenshot html-report-check.png in the build
 * directory.  Skipped without chromium, except under CI. */
static void
test_check_html_in_browser(void **state)
{
	learner_env le;
	char *answer, *page;
	cJSON *o;
	const cJSON *m;
	int code, nodes[3];

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	learner_env_init(&le, "check-html", cat.drills, cat.fixtures);
	answer = place(&le, "answers", "one", 0, "slow.sql");
	page = xasprintf("%s/check.html", le.dir);
	{
		const char *a[] = {"check", cat.ids[0], "--answer", answer, "--runs", "2",
			"--html", page, NULL};

		o = learner_json(&le, a, &code);
	}
	assert_int_equal(code, 1);          /* the slow query: a fail, fully measured */
	m = cJSON_GetObjectItemCaseSensitive(o, "metrics");
	nodes[0] = (int) jnum(cJSON_GetObjectItemCaseSensitive(m, "slow"), "plan_nodes");
	nodes[1] = (int) jnum(cJSON_GetObjectItemCaseSensitive(m, "reference"), "plan_nodes");
	nodes[2] = (int) jnum(cJSON_GetObjectItemCaseSensitive(m, "answer"), "plan_nodes");
	for (int i = 0; i < 3; i++)
		assert_true(nodes[i] >= 1);
	browser_check(page, "check", -1, nodes, 3);
	cJSON_Delete(o);
	free(page);
	free(answer);
	learner_env_free(&le);
}

static void
test_all_pass(void **state)
{
	learner_env le;
	char *dir, *out, *p0, *p1;
	int code;
	cJSON *root;
	const cJSON *results;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	learner_env_init(&le, "grade-pass", cat.drills, cat.fixtures);
	p0 = place(&le, "answers", "unit1", 0, "reference.sql");
	p1 = place(&le, "answers", "unit2/deeper", 1, "reference.sql");
	dir = xasprintf("%s/answers", le.dir);
	{
		const char *a[] = {dir, "--format", "json", NULL};

		out = run_grade(&le, a, &code);
	}
	if (code != 0)
		fail_msg("grade exited %d, expected 0:\n%s", code, out);
	root = cJSON_Parse(out);
	assert_non_null(root);
	results = validate_json(root, 0);
	assert_int_equal(cJSON_GetArraySize(results), 2);
	assert_string_equal(jstr(result_for(results, "/unit2/deeper/"), "status"), "pass");
	/* sorted by path: unit1 before unit2 */
	assert_string_equal(jstr(cJSON_GetArrayItem(results, 0), "drill"), cat.ids[0]);
	cJSON_Delete(root);
	free(out);
	{
		const char *a[] = {dir, "--format", "junit", NULL};

		out = run_grade(&le, a, &code);
	}
	if (code != 0)
		fail_msg("grade exited %d, expected 0:\n%s", code, out);
	validate_junit(&le, out);
	assert_contains(out, "failures=\"0\" errors=\"0\"");
	free(out);
	{
		const char *a[] = {dir, "--format", "github", NULL};

		out = run_grade(&le, a, &code);
	}
	if (code != 0)
		fail_msg("grade exited %d, expected 0:\n%s", code, out);
	assert_null(strstr(out, "::error"));
	assert_contains(out, "::notice title=pgdrill grade::2 answers: 2 passed");
	free(out);
	free(p0);
	free(p1);
	free(dir);
	learner_env_free(&le);
}

static void
test_failure_then_rejection(void **state)
{
	learner_env le;
	char *dir, *out, *bad, *pass, *slow;
	int code;
	cJSON *root;
	const cJSON *results, *r;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	learner_env_init(&le, "grade-fail", cat.drills, cat.fixtures);
	pass = place(&le, "answers", "ana", 0, "reference.sql");
	slow = place(&le, "answers", "bob", 0, "slow.sql");
	dir = xasprintf("%s/answers", le.dir);
	/* a failure: exit 1 */
	{
		const char *a[] = {dir, "--format", "json", NULL};

		out = run_grade(&le, a, &code);
	}
	if (code != 1)
		fail_msg("grade exited %d, expected 1:\n%s", code, out);
	root = cJSON_Parse(out);
	results = validate_json(root, 1);
	r = result_for(results, "/bob/");
	assert_string_equal(jstr(r, "status"), "fail");
	assert_true(strlen(jstr(r, "message")) > 0);
	cJSON_Delete(root);
	free(out);
	{
		const char *a[] = {dir, "--format", "junit", NULL};

		out = run_grade(&le, a, &code);
	}
	if (code != 1)
		fail_msg("grade exited %d, expected 1:\n%s", code, out);
	validate_junit(&le, out);
	assert_contains(out, "failures=\"1\" errors=\"0\"");
	assert_contains(out, "<failure type=\"fail\"");
	free(out);

	/* a rejection (a syntax error on line 3) as well: exit 3, rejected
	 * outranks failed; and a file naming no drill is rejected on its own */
	bad = xasprintf("%s/answers/cid/%s.sql", le.dir, cat.ids[0]);
	write_text(bad, "-- my answer\nSELECT *\nFROM FROM nowhere;\n");
	{
		char *unknown = xasprintf("%s/answers/dan/no-such-drill.sql", le.dir);

		write_text(unknown, "SELECT 1;\n");
		free(unknown);
	}
	{
		const char *a[] = {dir, "--format", "json", NULL};

		out = run_grade(&le, a, &code);
	}
	if (code != 3)
		fail_msg("grade exited %d, expected 3:\n%s", code, out);
	root = cJSON_Parse(out);
	results = validate_json(root, 3);
	assert_int_equal(cJSON_GetArraySize(results), 4);
	{
		const cJSON *rej = cJSON_GetArrayItem(results, 2);   /* answers/cid/... */
		const cJSON *unk = cJSON_GetArrayItem(results, 3);   /* answers/dan/... */

		assert_string_equal(jstr(rej, "status"), "rejected");
		assert_int_equal((int) jnum(rej, "line"), 3);
		assert_string_equal(jstr(unk, "status"), "rejected");
		assert_string_equal(jstr(unk, "drill"), "no-such-drill");
		assert_string_equal(jstr(cJSON_GetArrayItem(results, 0), "status"), "pass");
		assert_string_equal(jstr(cJSON_GetArrayItem(results, 1), "status"), "fail");
	}
	cJSON_Delete(root);
	free(out);
	{
		const char *a[] = {dir, "--format", "junit", NULL};

		out = run_grade(&le, a, &code);
	}
	if (code != 3)
		fail_msg("grade exited %d, expected 3:\n%s", code, out);
	validate_junit(&le, out);
	assert_contains(out, "tests=\"4\" failures=\"1\" errors=\"2\"");
	assert_contains(out, "<error type=\"rejected\"");
	free(out);
	{
		const char *a[] = {dir, "--format", "github", NULL};
		char *want = xasprintf("::error file=%s,line=3,col=", bad);

		out = run_grade(&le, a, &code);
		if (code != 3)
			fail_msg("grade exited %d, expected 3:\n%s", code, out);
		if (strstr(out, want) == NULL)
			fail_msg("no annotation \"%s\" in:\n%s", want, out);
		free(want);
		want = xasprintf("::error file=%s,line=1,title=pgdrill %s%%3A fail::", slow, cat.ids[0]);
		if (strstr(out, want) == NULL)
			fail_msg("no annotation \"%s\" in:\n%s", want, out);
		free(want);
		assert_contains(out, "::notice title=pgdrill grade::4 answers: 1 passed, "
							   "1 failed, 2 rejected, 0 errors");
	}
	free(out);
	/* --out: the report in the file, a text summary on stdout */
	{
		char *file = xasprintf("%s/out/report.xml", le.dir);
		char *outdir = xasprintf("%s/out", le.dir);
		error err;
		size_t len;
		char *xml;
		const char *a[] = {dir, "--format", "junit", "--out", file, NULL};

		assert_true(paths_mkdir_p(outdir, 0755, &err));
		out = run_grade(&le, a, &code);
		if (code != 3)
			fail_msg("grade exited %d, expected 3:\n%s", code, out);
		assert_contains(out, "4 answers: 1 passed, 1 failed, 2 rejected");
		xml = fileio_read(file, 1 << 20, &len, &err);
		assert_non_null(xml);
		validate_junit(&le, xml);
		free(xml);
		free(out);
		free(file);
		free(outdir);
	}
	{
		const char *a[] = {"grade", dir, "--runs", "2", NULL};
		proc_result res = PROC_RESULT_INIT;
		long pid;

		learner_run_pid(&le, a, &res, &pid);
		assert_int_equal(res.exit_code, 3);
		assert_non_null(strstr(strbuf_str(&res.out), "2 rejected"));
		proc_result_free(&res);
		assert_no_scratch_left(pid);
	}
	free(bad);
	free(pass);
	free(slow);
	free(dir);
	learner_env_free(&le);
}

/* One run, several formats (--out FORMAT=FILE, repeated): the same grades
 * in each; a text --out takes the summary off stdout; a prefix that is no
 * format is a file name; the HTML page holds in a real browser.  Asserts
 * nothing that timing on a loaded machine could change (a reference answer
 * may lose on time): the rejected answer fixes the exit code. */
static void
test_several_outputs_one_run(void **state)
{
	learner_env le;
	char *dir, *out, *pass, *slow, *bad;
	int code;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	learner_env_init(&le, "grade-outs", cat.drills, cat.fixtures);
	pass = place(&le, "answers", "ana", 0, "reference.sql");
	slow = place(&le, "answers", "bob", 0, "slow.sql");
	bad = xasprintf("%s/answers/cid/%s.sql", le.dir, cat.ids[0]);
	write_text(bad, "-- my answer\nSELECT *\nFROM FROM nowhere;\n");
	dir = xasprintf("%s/answers", le.dir);
	/* several formats from one run: the same grades in each; a text --out
	 * takes the summary off stdout; a prefix that is no format is a file name */
	{
		char *junit = xasprintf("%s/multi/grade.xml", le.dir);
		char *json = xasprintf("%s/multi/grade.json", le.dir);
		char *text = xasprintf("%s/multi/grade.txt", le.dir);
		char *plain = xasprintf("%s/multi/run=1.xml", le.dir);
		char *o1 = xasprintf("junit=%s", junit), *o2 = xasprintf("json=%s", json);
		char *o3 = xasprintf("text=%s", text);
		char *page = xasprintf("%s/multi/grade.html", le.dir);
		char *o4 = xasprintf("html=%s", page);
		char *multi = xasprintf("%s/multi", le.dir);
		const char *a[] = {dir, "--out", o1, "--out", o2, "--out", o3, "--format", "junit",
						   "--out", plain, "--out", o4, NULL};
		error err;
		size_t len;
		char *body;
		cJSON *multi_root;

		assert_true(paths_mkdir_p(multi, 0755, &err));
		out = run_grade(&le, a, &code);
		/* 3 whatever the timing: a rejected answer outranks a failed one */
		if (code != 3)
			fail_msg("grade exited %d, expected 3:\n%s", code, out);
		assert_string_equal(out, "");
		body = fileio_read(junit, 1 << 20, &len, &err);
		assert_non_null(body);
		validate_junit(&le, body);
		free(body);
		body = fileio_read(plain, 1 << 20, &len, &err);   /* --format's */
		assert_non_null(body);
		assert_contains(body, "<testsuites");
		free(body);
		body = fileio_read(json, 1 << 20, &len, &err);
		assert_non_null(body);
		multi_root = cJSON_Parse(body);
		assert_non_null(multi_root);
		assert_int_equal(cJSON_GetArraySize(validate_json(multi_root, 3)), 3);
		assert_int_equal((int) jnum(cJSON_GetObjectItemCaseSensitive(multi_root, "summary"),
									"rejected"), 1);
		cJSON_Delete(multi_root);
		free(body);
		body = fileio_read(text, 1 << 20, &len, &err);
		assert_non_null(body);
		assert_contains(body, "3 answers: ");
		assert_contains(body, " 1 rejected");
		free(body);
		check_html_in_browser(page, 3);
		free(out);
		{
			const char *no_file[] = {dir, "--out", "json=", NULL};

			out = run_grade(&le, no_file, &code);
			assert_int_equal(code, 2);
			free(out);
		}
		free(junit);
		free(json);
		free(text);
		free(plain);
		free(o1);
		free(o2);
		free(o3);
		free(o4);
		free(page);
		free(multi);
	}
	free(bad);
	free(pass);
	free(slow);
	free(dir);
	learner_env_free(&le);
}

static void
test_manifest_and_shards(void **state)
{
	learner_env le;
	char *manifest, *out, *p[4];
	int code;
	cJSON *root;
	const cJSON *results;
	strbuf all = STRBUF_INIT, shards = STRBUF_INIT;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	learner_env_init(&le, "grade-manifest", cat.drills, cat.fixtures);
	p[0] = place(&le, "m", "a", 0, "reference.sql");
	p[1] = place(&le, "m", "b", 0, "reference.sql");
	p[2] = place(&le, "m", "c", 1, "reference.sql");
	p[3] = place(&le, "m", "d", 1, "reference.sql");
	manifest = xasprintf("%s/m/manifest.json", le.dir);
	{
		char *text = xasprintf("[{\"drill\": \"%s\", \"file\": \"d/%s.sql\"},\n"
							   " {\"drill\": \"%s\", \"file\": \"a/%s.sql\"},\n"
							   " {\"drill\": \"%s\", \"file\": \"c/%s.sql\"},\n"
							   " {\"drill\": \"%s\", \"file\": \"%s\"}]\n",
							   cat.ids[1], cat.ids[1], cat.ids[0], cat.ids[0],
							   cat.ids[1], cat.ids[1], cat.ids[0], p[1]);

		write_text(manifest, text);
		free(text);
	}
	{
		const char *a[] = {manifest, "--format", "json", NULL};

		out = run_grade(&le, a, &code);
	}
	/* what is asserted here is the manifest and the shards, not the
	 * verdicts: a reference graded as an answer passes, but a loaded
	 * machine may time one of these tiny queries past the guard (exit 1) */
	if (code != 0 && code != 1)
		fail_msg("grade exited %d, expected 0 or 1:\n%s", code, out);
	root = cJSON_Parse(out);
	results = validate_json(root, 0);
	assert_int_equal(cJSON_GetArraySize(results), 4);
	{
		const cJSON *r;

		cJSON_ArrayForEach(r, results)
			strbuf_printf(&all, "%s\n", jstr(r, "answer_file"));
	}
	cJSON_Delete(root);
	free(out);
	/* shards 1/3..3/3 are disjoint and cover the manifest, in path order */
	for (int i = 1; i <= 3; i++) {
		char shard[16];
		const char *a[] = {manifest, "--format", "json", "--shard", shard, NULL};
		const cJSON *r;

		snprintf(shard, sizeof shard, "%d/3", i);
		out = run_grade(&le, a, &code);
		if (code != 0 && code != 1)
			fail_msg("grade exited %d, expected 0 or 1:\n%s", code, out);
		root = cJSON_Parse(out);
		results = validate_json(root, 0);
		assert_int_equal((int) jnum(cJSON_GetObjectItemCaseSensitive(root, "shard"), "index"), i);
		cJSON_ArrayForEach(r, results)
			strbuf_printf(&shards, "%d %s\n", i, jstr(r, "answer_file"));
		cJSON_Delete(root);
		free(out);
	}
	{
		/* round robin over the sorted paths: 1, 2, 3, 1 */
		strbuf want = STRBUF_INIT;
		const char *s = strbuf_str(&all);
		int k = 0;
		strbuf got = STRBUF_INIT;

		while (*s) {
			const char *eol = strchr(s, '\n');

			strbuf_printf(&want, "%d %.*s\n", k % 3 + 1, (int) (eol - s), s);
			s = eol + 1;
			k++;
		}
		/* shards print 1's, then 2's, then 3's: reorder want the same way */
		for (int i = 1; i <= 3; i++) {
			const char *w = strbuf_str(&want);

			while (*w) {
				const char *eol = strchr(w, '\n');

				if (w[0] == '0' + i)
					strbuf_append_len(&got, w, (size_t) (eol - w + 1));
				w = eol + 1;
			}
		}
		assert_string_equal(strbuf_str(&shards), strbuf_str(&got));
		strbuf_free(&want);
		strbuf_free(&got);
	}
	/* a bad shard, an empty folder, a broken manifest: usage errors */
	{
		const char *a[] = {manifest, "--shard", "4/3", NULL};
		char *empty = xasprintf("%s/empty", le.dir);
		const char *b[] = {empty, NULL};
		char *broken = xasprintf("%s/broken.json", le.dir);
		const char *c[] = {broken, NULL};
		error err;

		free(run_grade(&le, a, &code));
		assert_int_equal(code, 2);
		assert_true(paths_mkdir_p(empty, 0755, &err));
		free(run_grade(&le, b, &code));
		assert_int_equal(code, 2);
		write_text(broken, "{\"drill\": \"x\"}");
		free(run_grade(&le, c, &code));
		assert_int_equal(code, 2);
		free(empty);
		free(broken);
	}
	for (int i = 0; i < 4; i++)
		free(p[i]);
	strbuf_free(&all);
	strbuf_free(&shards);
	free(manifest);
	learner_env_free(&le);
}

static void
test_environment_failure(void **state)
{
	learner_env le;
	char *dir, *out, *p0;
	int code;
	cJSON *root;

	(void) state;
	learner_env_init(&le, "grade-env", cat.drills, cat.fixtures);
	p0 = place(&le, "answers", "x", 0, "reference.sql");
	dir = xasprintf("%s/answers", le.dir);
	{
		const char *a[] = {dir, "--db", "host=/nonexistent-pgdrill-socket-dir port=1 "
			"connect_timeout=2", "--format", "json", NULL};

		out = run_grade(&le, a, &code);
	}
	if (code != 4)
		fail_msg("grade exited %d, expected 4:\n%s", code, out);
	root = cJSON_Parse(out);
	assert_non_null(root);
	validate_json(root, 4);
	cJSON_Delete(root);
	free(out);
	{
		const char *a[] = {dir, "--db", "host=/nonexistent-pgdrill-socket-dir port=1",
			"--format", "junit", NULL};

		out = run_grade(&le, a, &code);
	}
	if (code != 4)
		fail_msg("grade exited %d, expected 4:\n%s", code, out);
	validate_junit(&le, out);
	assert_contains(out, "<error type=\"error\"");
	free(out);
	free(p0);
	free(dir);
	learner_env_free(&le);
}

/* --db: the CI set-up of docs/ci.md, with the test cluster as the
 * "external" server (reached by its conninfo, with no private cluster in
 * this learner's cache). */
static void
test_external_server(void **state)
{
	learner_env le;
	char *dir, *out, *p0, *conninfo;
	int code;
	cJSON *root;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	conninfo = harness_cluster_conninfo("postgres");
	learner_env_init(&le, "grade-external", cat.drills, cat.fixtures);
	p0 = place(&le, "answers", "x", 0, "reference.sql");
	dir = xasprintf("%s/answers", le.dir);
	{
		char *cache = xasprintf("XDG_CACHE_HOME=%s/no-cache", le.dir);
		const char *saved = le.env[5];
		const char *a[] = {dir, "--db", conninfo, "--format", "json", NULL};

		le.env[5] = cache;   /* no private cluster can be found or started here */
		le.env[6] = NULL;
		out = run_grade(&le, a, &code);
		le.env[5] = saved;
		free(cache);
	}
	assert_int_equal(code, 0);
	root = cJSON_Parse(out);
	validate_json(root, 0);
	cJSON_Delete(root);
	free(out);
	free(p0);
	free(dir);
	free(conninfo);
	learner_env_free(&le);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_pass),
		cmocka_unit_test(test_check_html_in_browser),
		cmocka_unit_test(test_failure_then_rejection),
		cmocka_unit_test(test_several_outputs_one_run),
		cmocka_unit_test(test_manifest_and_shards),
		cmocka_unit_test(test_environment_failure),
		cmocka_unit_test(test_external_server),
	};

	return cmocka_run_group_tests_name("grade", tests, group_setup, group_teardown);
}
