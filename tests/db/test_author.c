/*
 * test_author.c — `pgdrill author new` and `pgdrill author verify` through
 * the binary, on the deliberately broken catalogue in tests/drills-broken/
 * (its own fixture author_tiny, so these tests do not depend on the real
 * catalogue) and a real PostgreSQL.
 *
 * Asserts the acceptance of the authoring issue: each broken drill fails
 * verify with the right message, one line per problem with the drill id
 * first; the sound rewrite and plan-reading drills pass at the fixture's
 * default scale although PGDRILL_SCALE says otherwise; the exit codes (0,
 * 1, 2, 4); a scaffold from `author new` loads, fails verify and says what
 * to fill; `new` refuses an existing drill, an unknown fixture and an
 * invalid id; verify leaves no database behind.
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
#include <unistd.h>

#include "harness.h"
#include "os/fileio.h"
#include "plan/plan.h"
#include "scoring/plan/fixtures.h"
#include "strbuf.h"
#include "grading/verify.h"

#define TIMEOUT 900

static char *env_drills, *env_fixtures;

/* The broken catalogue, and a PGDRILL_SCALE that verify must ignore. */
static const char *const *
broken_env(void)
{
	static const char *env[4];

	free(env_drills);
	free(env_fixtures);
	env_drills = xasprintf("PGDRILL_DRILLS=%s/tests/drills-broken/drills",
						   getenv("PGDRILL_SOURCE_DIR"));
	env_fixtures = xasprintf("PGDRILL_FIXTURES=%s/tests/drills-broken/fixtures",
							 getenv("PGDRILL_SOURCE_DIR"));
	env[0] = env_drills;
	env[1] = env_fixtures;
	env[2] = "PGDRILL_SCALE=0.05";
	env[3] = NULL;
	return env;
}

static cJSON *
run_json(const char *const *args, const char *const *env, int *code)
{
	return harness_run_json(args, env, NULL, TIMEOUT, code);
}

static const cJSON *
drill_entry(const cJSON *root, const char *id)
{
	const cJSON *d;

	cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(root, "drills")) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(d, "drill");

		if (cJSON_IsString(v) && strcmp(v->valuestring, id) == 0)
			return d;
	}
	fail_msg("no report for drill %s", id);
	return NULL;
}

static bool
has_problem(const cJSON *entry, const char *needle)
{
	const cJSON *p;

	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(entry, "problems"))
		if (cJSON_IsString(p) && strstr(p->valuestring, needle))
			return true;
	return false;
}

/* No scratch (of a seed or the edge case), rebuild or build database of the
 * author_tiny fixture may survive
 * (other worktrees' tests may share the test home's cluster: their
 * databases are not ours to judge). */
static void
assert_no_residue(void)
{
	PGconn *conn = harness_connect("postgres");
	PGresult *res = PQexec(conn, "SELECT string_agg(datname, ', ') FROM pg_database "
						   "WHERE (datname LIKE 'pgdrill\\_s\\_%' AND "
						   "shobj_description(oid, 'pg_database') ~ 'template=(pgdrill_[te]_author_tiny_|rebuild of author_tiny)') "
						   "OR datname LIKE 'pgdrill\\_b\\_author\\_tiny\\_%' "
						   "OR datname LIKE 'pgdrill\\_b\\_e\\_author\\_tiny\\_%'");

	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	if (!PQgetisnull(res, 0, 0))
		fail_msg("databases left behind: %s", PQgetvalue(res, 0, 0));
	PQclear(res);
	PQfinish(conn);
}

typedef struct broken_case {
	const char *drill;
	const char *message;     /* a substring of one of its problems */
} broken_case;

static double
number(const cJSON *o, const char *field)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);

	if (!cJSON_IsNumber(v))
		fail_msg("no number \"%s\"", field);
	return v->valuedouble;
}

/* The mutation step of drill survivor: its k < 1000 filters nothing, so the
 * reference's <=, 999 and 1001 survive (slow.sql's 999 and 1001 are the
 * same question: not run); the dropped conjunct is declared equivalent. */
static void
assert_survivors(const cJSON *e)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "mutation"), *x;
	bool relop = false, declared = false;
	const char *caret;

	assert_non_null(m);
	assert_int_equal((int) number(m, "equivalent"), 1);
	/* reference.sql: relop-1, boundary-5, boundary-6; slow.sql: relop-1,
	 * drop-conjunct-2 (its 999 and 1001 are the reference's) */
	assert_int_equal((int) number(m, "survived"), 5);
	assert_int_equal((int) number(m, "killed") + 6, (int) number(m, "total"));
	assert_true(number(m, "score") < 100);
	assert_true(number(m, "timeout_s") >= MUTANTS_MIN_TIMEOUT_S);
	cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(m, "mutants")) {
		const char *id = cJSON_GetObjectItemCaseSensitive(x, "id")->valuestring;
		const char *fate = cJSON_GetObjectItemCaseSensitive(x, "fate")->valuestring;

		if (strcmp(id, "reference.sql:relop-1") == 0) {
			relop = true;
			assert_string_equal(fate, "survived");
			assert_string_equal(cJSON_GetObjectItemCaseSensitive(x, "edit")->valuestring,
								"< becomes <=");
			caret = cJSON_GetObjectItemCaseSensitive(x, "caret")->valuestring;
			/* psql's caret, under the "<" of "k < 1000" */
			assert_true(strncmp(caret, "LINE 1: ", 8) == 0);
			assert_int_equal(strchr(caret, '^') - strchr(caret, '\n') - 1,
							 strstr(caret, "< 1000") - caret);
		}
		if (strcmp(id, "reference.sql:drop-conjunct-2") == 0) {
			declared = true;
			assert_string_equal(fate, "equivalent");
		}
	}
	assert_true(relop && declared);
}

/* The static order check's problem carries psql's caret at the LIMIT, and
 * judges by the catalog: no convention is named. */
static void
assert_order_caret(const cJSON *e)
{
	const cJSON *problems = cJSON_GetObjectItemCaseSensitive(e, "problems");
	const cJSON *carets = cJSON_GetObjectItemCaseSensitive(e, "problem_carets");
	bool found = false;

	assert_int_equal(cJSON_GetArraySize(problems), cJSON_GetArraySize(carets));
	for (int i = 0; i < cJSON_GetArraySize(problems); i++) {
		const char *p = cJSON_GetArrayItem(problems, i)->valuestring;
		const cJSON *c = cJSON_GetArrayItem(carets, i);

		if (strncmp(p, "slow.sql line 5: LIMIT after", 28) != 0)
			continue;
		found = true;
		assert_null(strstr(p, "no catalogue"));
		assert_true(cJSON_IsString(c));
		assert_string_equal(c->valuestring, "LINE 5: LIMIT 20;\n        ^");
	}
	assert_true(found);
}

/* A drill's verify entry names exactly one problem (all of them shown if
 * not). */
static void
assert_one_problem(const cJSON *e)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(e, "problems");

	if (cJSON_GetArraySize(p) != 1) {
		char *text = cJSON_Print(e);

		fail_msg("expected exactly one problem:\n%s", text);
	}
}

static void
test_broken_drills_fail(void **state)
{
	static const broken_case cases[] = {
		{"other-rows", "reference.sql returns other rows than slow.sql on seed 1"},
		{"not-faster", "reference.sql is not 5x less work than slow.sql"},
		{"unknown-concept", "drill.json: unknown concept \"no-such-concept\""},
		{"bad-json", "drill.json: invalid JSON"},
		{"no-slow", "slow.sql is missing"},
		{"delete-ref", "reference.sql line 1: DELETE is not allowed"},
		{"empty-rows", "slow.sql returns no rows on seed 1"},
		{"same-rows", "slow.sql returns the same rows on seed 1 and seed 2"},
		{"no-hints", "hints.md: no hints"},
		{"plan-wrong", "questions.json: question \"disk\": no node spills to disk"},
		{"plan-wrong", "questions.json: question \"index\": no node is \"Index Scan using t_pkey on t\""},
		{"unstable-plan", "slow.sql's plan changes when fixture author_tiny is rebuilt"},
		{"survivor", "survive: the data cannot tell them from the query"},
		{"survivor", "mutation.equivalent names slow.sql:relop-9, which is no mutant"},
		{"plan-dependent", "slow.sql returns other rows under "},
		{"plan-dependent", "its rows depend on the plan"},
		{"plan-dependent", "slow.sql line 1: LIMIT without ORDER BY"},
		{"tied-limit", "slow.sql line 5: LIMIT after ORDER BY k, which may tie"},
		{"tied-limit", "adding id makes the order total"},
		{"tied-limit", "reference.sql line 5: LIMIT after ORDER BY k, which may tie"},
		{"not-in-null", "slow.sql returns no rows on seed 1 but some on the other (NOT IN"},
		{"rounded-reference", "reference.sql returns other rows than slow.sql on seed 1"},
		{"rounded-reference", "the values agree to 9 significant digits, the comparison needs 12: is something rounded?"},
		{"edge-broken", "reference.sql returns other rows than slow.sql on the edge case"},
		/* static problems that do not hold the database checks back */
		{"many-problems", "drill.json: unknown concept \"no-such-concept\""},
		{"many-problems", "prompt.md quotes a query that is not slow.sql"},
		{"many-problems", "reference.sql is not 5x less work than slow.sql"},
	};
	const char *args[] = {"author", "verify", "--all", "--format", "json", NULL};
	int code;
	cJSON *root;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	root = run_json(args, broken_env(), &code);
	if (code != 1)
		fail_msg("author verify --all exited %d, expected 1: %s", code, jstr(root, "message"));
	assert_false(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "sound")));
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const cJSON *e = drill_entry(root, cases[i].drill);

		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "sound")))
			fail_msg("%s passed verify", cases[i].drill);
		if (!has_problem(e, cases[i].message)) {
			char *text = cJSON_Print(e);

			fail_msg("%s: no problem says \"%s\":\n%s", cases[i].drill, cases[i].message, text);
		}
	}
	/* each broken drill fails for its own reason only */
	assert_one_problem(drill_entry(root, "unknown-concept"));
	assert_one_problem(drill_entry(root, "same-rows"));
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(drill_entry(root, "good"), "sound")));
	assert_survivors(drill_entry(root, "survivor"));
	assert_order_caret(drill_entry(root, "tied-limit"));
	/* edge rows of the drill and of the fixture, right on both: sound */
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(drill_entry(root, "edge-good"),
															   "sound")));
	assert_one_problem(drill_entry(root, "edge-broken"));
	cJSON_Delete(root);
	assert_no_residue();
}

static void
test_sound_drills_pass(void **state)
{
	const char *args[] = {"author", "verify", "good", "plan-good", "--format", "json", NULL};
	int code;
	cJSON *root;
	const cJSON *good, *ref;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	root = run_json(args, broken_env(), &code);
	if (code != 0)
		fail_msg("verify of sound drills exited %d: %s", code, cJSON_Print(root));
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "sound")));
	good = drill_entry(root, "good");
	/* the fixture's default scale, not PGDRILL_SCALE=0.05 */
	assert_true(cJSON_GetObjectItemCaseSensitive(good, "scale")->valuedouble == 1);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(good, "rebuild_checked")));
	assert_int_equal(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(good, "slow_rows"), 0)->valueint, 101);
	ref = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(good, "references"), 0);
	assert_non_null(ref);
	assert_true(cJSON_GetObjectItemCaseSensitive(ref, "work_ratio")->valuedouble >= 5);
	assert_true(cJSON_GetObjectItemCaseSensitive(ref, "time_ratio")->valuedouble > 1);
	/* every mutant of the good drill is killed */
	assert_true(number(cJSON_GetObjectItemCaseSensitive(good, "mutation"), "score") == 100);
	assert_true(number(cJSON_GetObjectItemCaseSensitive(good, "mutation"), "total") >= 10);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(drill_entry(root, "plan-good"),
															   "sound")));
	/* the catalogue's totals: only good has mutants (plan-reading has none) */
	{
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(root, "mutation");
		const cJSON *gm = cJSON_GetObjectItemCaseSensitive(good, "mutation");

		assert_non_null(m);
		assert_true(number(m, "score") == 100);
		assert_true(number(m, "drills") == 1);
		assert_true(number(m, "total") == number(gm, "total"));
		assert_true(number(m, "killed") + number(m, "equivalent") == number(m, "total"));
	}
	cJSON_Delete(root);
	assert_no_residue();
}

/* verify names every rule a drill breaks in one run (--no-db: no server):
 * a drill that loads gets every static check (many-problems: an unknown
 * concept, no hints, a prompt quoting another query, an edge row's id that
 * a larger scale's seed holds); a drill that does
 * not load gets its first problem and then every file the loader did not
 * reach (half-written: no prompt.md, no slow.sql, no hints.md). */
static void
test_every_problem_reported(void **state)
{
	const char *args[] = {"author", "verify", "many-problems", "half-written", "--no-db",
		"--format", "json", NULL};
	static const broken_case cases[] = {
		{"many-problems", "drill.json: unknown concept \"no-such-concept\""},
		{"many-problems", "hints.md: no hints"},
		{"many-problems", "prompt.md quotes a query that is not slow.sql (their libpg_query "
		 "fingerprints differ)"},
		{"many-problems", "edge.sql, line 3: inserts id 1500000000 into t, which a seed holds "
		 "at a larger --scale"},
		{"half-written", "prompt.md is missing"},
		{"half-written", "slow.sql is missing"},
		{"half-written", "hints.md is missing"},
	};
	cJSON *root;
	int code;

	(void) state;
	root = run_json(args, broken_env(), &code);
	assert_int_equal(code, 1);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (!has_problem(drill_entry(root, cases[i].drill), cases[i].message)) {
			char *text = cJSON_Print(drill_entry(root, cases[i].drill));

			fail_msg("%s: no problem says \"%s\":\n%s", cases[i].drill, cases[i].message, text);
		}
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
		drill_entry(root, "many-problems"), "problems")), 4);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
		drill_entry(root, "half-written"), "problems")), 3);
	cJSON_Delete(root);
}

/* Text output: one line per problem, the drill id first; a summary line. */
static void
test_text_output(void **state)
{
	const char *args[] = {"author", "verify", "unknown-concept", "no-slow", "--no-db", NULL};
	proc_result res = PROC_RESULT_INIT;

	(void) state;
	harness_run_pgdrill(args, broken_env(), NULL, TIMEOUT, &res);
	assert_int_equal(res.exit_code, 1);
	/* the summary's time varies: compare up to it */
	{
		const char *want =
			"unknown-concept: drill.json: unknown concept \"no-such-concept\" (not in concepts.json)\n"
			"unknown-concept: note: database checks skipped (--no-db)\n"
			"no-slow: slow.sql is missing\n"
			"0 of 2 drills sound (";

		if (strncmp(strbuf_str(&res.out), want, strlen(want)) != 0)
			fail_msg("text output:\n%s", strbuf_str(&res.out));
	}
	proc_result_free(&res);
}

/* Text output of the static order check: the problem, then psql's caret at
 * the LIMIT, indented like a survivor's. */
static void
test_order_caret_text(void **state)
{
	const char *args[] = {"author", "verify", "tied-limit", "--no-mutants", "--no-rebuild", NULL};
	const char *want = "tied-limit: slow.sql line 5: LIMIT after ORDER BY k, which may tie: rows "
		"tied at the cut come back in plan order; adding id makes the order total: its rows "
		"depend on the plan, so a correct answer can fail [limit-without-unique-order]\n"
		"    LINE 5: LIMIT 20;\n"
		"            ^\n";
	proc_result res = PROC_RESULT_INIT;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	harness_run_pgdrill(args, broken_env(), NULL, TIMEOUT, &res);
	assert_int_equal(res.exit_code, 1);
	if (strstr(strbuf_str(&res.out), want) == NULL)
		fail_msg("no caret under the problem:\n%s", strbuf_str(&res.out));
	proc_result_free(&res);
	assert_no_residue();
}

typedef struct usage_case {
	const char *args[8];
	int code;
	const char *stderr_has;
} usage_case;

static void
test_usage_and_environment(void **state)
{
	static const usage_case cases[] = {
		{{"author", NULL}, 2, "new or verify?"},
		{{"author", "publish", NULL}, 2, "unknown subcommand"},
		{{"author", "verify", NULL}, 2, "which drills?"},
		{{"author", "verify", "--all", "good", NULL}, 2, "not both"},
		{{"author", "verify", "good", "--runs", "0", NULL}, 2, "--runs"},
		{{"author", "verify", "good", "--db", "host=/nonexistent-pgdrill port=1", NULL}, 4, ""},
		{{"author", "--help", NULL}, 0, ""},
	};

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		proc_result res = PROC_RESULT_INIT;

		harness_run_pgdrill(cases[i].args, broken_env(), NULL, TIMEOUT, &res);
		if (res.exit_code != cases[i].code || !strstr(strbuf_str(&res.err), cases[i].stderr_has))
			fail_msg("case %zu: exit %d, stderr: %s", i, res.exit_code, strbuf_str(&res.err));
		proc_result_free(&res);
	}
}

static void
test_author_new(void **state)
{
	char *home = harness_home();
	char *dir = xasprintf("%s/author-new.%ld", home, (long) getpid());
	char *cmd = xasprintf("rm -rf '%s' && mkdir -p '%s/drills' && cp '%s/tests/drills-broken/drills/concepts.json' '%s/drills/'",
						  dir, dir, getenv("PGDRILL_SOURCE_DIR"), dir);
	char *drills = xasprintf("PGDRILL_DRILLS=%s/drills", dir);
	const char *const *benv = broken_env();
	const char *env[] = {drills, benv[1], NULL};
	const char *new_args[] = {"author", "new", "fresh", "--fixture", "author_tiny", "--format", "json", NULL};
	const char *show_args[] = {"show", "fresh", "--no-plan", NULL};
	const char *verify_args[] = {"author", "verify", "fresh", "--no-db", "--format", "json", NULL};
	const char *quiz_args[] = {"author", "new", "fresh-quiz", "--fixture", "author_tiny", "--kind",
		"plan-reading", "--format", "json", NULL};
	proc_result res = PROC_RESULT_INIT;
	cJSON *root;
	int code;

	(void) state;
	assert_int_equal(system(cmd), 0);
	root = run_json(new_args, env, &code);
	assert_int_equal(code, 0);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "created")), 5);
	assert_true(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "to_fill")) >= 5);
	cJSON_Delete(root);

	/* it pins the three settings docs/drill-format.md says to pin */
	{
		char *path = xasprintf("%s/drills/fresh/drill.json", dir);
		error ferr = {0};
		size_t len;
		char *text = fileio_read(path, 1 << 20, &len, &ferr);
		cJSON *dj = text ? cJSON_Parse(text) : NULL;
		const cJSON *set = cJSON_GetObjectItemCaseSensitive(dj, "settings");
		static const char *const pinned[][2] = {{"max_parallel_workers_per_gather", "0"},
			{"jit", "off"}, {"work_mem", "4MB"}};

		for (size_t i = 0; i < 3; i++)
			if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(set, pinned[i][0])) ||
				strcmp(cJSON_GetObjectItemCaseSensitive(set, pinned[i][0])->valuestring,
					   pinned[i][1]) != 0)
				fail_msg("the scaffold does not pin %s = %s", pinned[i][0], pinned[i][1]);
		cJSON_Delete(dj);
		free(text);
		free(path);
	}

	/* it loads */
	harness_run_pgdrill(show_args, env, NULL, TIMEOUT, &res);
	if (res.exit_code != 0)
		fail_msg("show of the scaffold: %s", strbuf_str(&res.err));
	proc_result_free(&res);

	/* and verify says what to fill, file by file */
	root = run_json(verify_args, env, &code);
	assert_int_equal(code, 1);
	{
		const cJSON *e = drill_entry(root, "fresh");
		static const char *const fill[] = {"drill.json: still the scaffold's title",
			"prompt.md: still the scaffold", "slow.sql: still the scaffold",
			"reference.sql: still the scaffold", "drill.json: \"concepts\" is still the scaffold's",
			"hints.md: hint 1 is still the scaffold's"};

		for (size_t i = 0; i < sizeof fill / sizeof fill[0]; i++)
			if (!has_problem(e, fill[i]))
				fail_msg("verify of the scaffold does not say \"%s\"", fill[i]);
	}
	cJSON_Delete(root);

	/* a plan-reading scaffold has questions.json instead of reference.sql */
	root = run_json(quiz_args, env, &code);
	assert_int_equal(code, 0);
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "created"), 3)->valuestring,
						"questions.json");
	cJSON_Delete(root);

	/* a load scaffold is a complete load drill: drill.json's "load"
	 * object, an endpoint script, a reference in the answer format; it
	 * loads (show prints its workload) and verify names what to fill */
	{
		const char *load_args[] = {"author", "new", "fresh-load", "--fixture", "author_tiny",
			"--kind", "load", "--format", "json", NULL};
		const char *load_show[] = {"show", "fresh-load", "--no-plan", NULL};
		const char *load_verify[] = {"author", "verify", "fresh-load", "--no-db", "--format",
			"json", NULL};
		static const char *const files[] = {"drill.json", "prompt.md", "slow.sql",
			"reference.sql", "endpoints/request.sql", "hints.md"};
		static const char *const fill[] = {"drill.json: still the scaffold's title",
			"prompt.md: still the scaffold", "reference.sql: still the scaffold",
			"endpoints/request.sql: still the scaffold",
			"drill.json: \"concepts\" is still the scaffold's"};
		const cJSON *created, *e;

		root = run_json(load_args, env, &code);
		assert_int_equal(code, 0);
		created = cJSON_GetObjectItemCaseSensitive(root, "created");
		assert_int_equal(cJSON_GetArraySize(created), 6);
		for (size_t i = 0; i < 6; i++)
			assert_string_equal(cJSON_GetArrayItem(created, (int) i)->valuestring, files[i]);
		cJSON_Delete(root);
		harness_run_pgdrill(load_show, env, NULL, TIMEOUT, &res);
		if (res.exit_code != 0 || !strstr(strbuf_str(&res.out), "Workload: 4 clients, 30 "
										  "requests/s") ||
			!strstr(strbuf_str(&res.out), "-- pgdrill: name request"))
			fail_msg("show of the load scaffold (exit %d): %s%s", res.exit_code,
					 strbuf_str(&res.out), strbuf_str(&res.err));
		proc_result_free(&res);
		root = run_json(load_verify, env, &code);
		assert_int_equal(code, 1);
		e = drill_entry(root, "fresh-load");
		for (size_t i = 0; i < sizeof fill / sizeof fill[0]; i++)
			if (!has_problem(e, fill[i]))
				fail_msg("verify of the load scaffold does not say \"%s\"", fill[i]);
		cJSON_Delete(root);
		/* a reference of comments only is the drill as shipped */
		{
			char *ref = xasprintf("%s/drills/fresh-load/reference.sql", dir);
			static const char comments[] = "-- nothing to change\n";
			error werr = {0};

			assert_true(fileio_write_atomic(ref, comments, strlen(comments), 0644, &werr));
			free(ref);
		}
		root = run_json(load_verify, env, &code);
		assert_int_equal(code, 1);
		if (!has_problem(drill_entry(root, "fresh-load"), "reference.sql: changes nothing"))
			fail_msg("verify does not refuse a load reference that changes nothing");
		cJSON_Delete(root);
	}

	/* refusals: exists, unknown fixture, invalid id, unknown kind */
	{
		static const char *const refused[][8] = {
			{"author", "new", "fresh", "--fixture", "author_tiny", NULL},
			{"author", "new", "other", "--fixture", "nope", NULL},
			{"author", "new", "Bad_Id", "--fixture", "author_tiny", NULL},
			{"author", "new", "other", "--fixture", "author_tiny", "--kind", "essay", NULL},
			{"author", "new", "other", NULL},
		};
		static const char *const says[] = {"exists already", "unknown fixture", "invalid drill id",
			"--kind must be", "--fixture F is required"};

		for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
			harness_run_pgdrill(refused[i], env, NULL, TIMEOUT, &res);
			if (res.exit_code != 2 || !strstr(strbuf_str(&res.err), says[i]))
				fail_msg("refusal %zu: exit %d, stderr: %s", i, res.exit_code, strbuf_str(&res.err));
			proc_result_free(&res);
		}
	}
	free(cmd);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(drills);
	free(dir);
	free(home);
}

/* The shape the rebuild check compares (no server needed): node types,
 * join types, relations, indexes and their order; not costs or rows. */
static void
test_plan_shape(void **state)
{
	plan *loop = fixture_plan("pg15_nested_loop.json");
	plan *many = fixture_plan("pg15_nested_loop_many.json");
	plan *timing_off = fixture_plan("pg15_timing_off.json");
	char *a = verify_plan_shape(loop), *b = verify_plan_shape(loop);
	char *c = verify_plan_shape(many);

	(void) state;
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_non_null(strstr(a, "Nested Loop Inner"));
	assert_non_null(strstr(a, " on customers"));
	assert_non_null(strstr(a, " on orders"));
	/* the costs of a plan do not enter its shape */
	for (size_t i = 0; i < loop->n_nodes; i++) {
		loop->nodes[i]->total_cost *= 3;
		loop->nodes[i]->plan_rows += 7;
	}
	free(b);
	b = verify_plan_shape(loop);
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(c);
	a = verify_plan_shape(timing_off);
	assert_true(strlen(a) > 0);
	free(a);
	a = verify_plan_shape(NULL);
	assert_string_equal(a, "");
	free(a);
	plan_free(loop);
	plan_free(many);
	plan_free(timing_off);
}

static int
teardown(void **state)
{
	(void) state;
	free(env_drills);
	free(env_fixtures);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_shape),
		cmocka_unit_test(test_usage_and_environment),
		cmocka_unit_test(test_text_output),
		cmocka_unit_test(test_order_caret_text),
		cmocka_unit_test(test_author_new),
		cmocka_unit_test(test_broken_drills_fail),
		cmocka_unit_test(test_every_problem_reported),
		cmocka_unit_test(test_sound_drills_pass),
	};
	return cmocka_run_group_tests_name("author", tests, harness_group_setup, teardown);
}
