/*
 * test_check.c — the foundation's grading loop on a real PostgreSQL:
 * `pgdrill start` and `pgdrill check` through the binary, as a learner and CI
 * would run them, on the real catalogue (drills/, fixtures/) at its default
 * scale.
 *
 * Asserts the acceptance of the foundation issue: a drill's reference
 * passes (exit 0; one drill per kind, `author verify --all` grades every
 * reference); its slow query fails (exit 1) and says it is not faster; a
 * syntax error and a DELETE are rejected (exit 3) with a position; an answer
 * that hard-codes seed 1's rows fails because of seed 2; a second check
 * reuses the templates and an edited fixture file rebuilds them (`start`
 * builds seed 1's only, the first check seed 2's); no scratch
 * database survives the process named in it, and those a check hands over
 * to its detached dropper are gone soon after.
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
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/fixture.h"
#include "harness.h"
#include "strbuf.h"

/* Drills are written for their fixture's default scale (a deep OFFSET only
 * exists there), so these tests use it; the templates are built once per test
 * home and reused by every later run. */
#define TIMEOUT 900

static const char *const env_scale[] = {"PGDRILL_SCALE", NULL};

/* Run pgdrill with --format json; returns the parsed JSON (caller deletes)
 * and the exit code. */
static cJSON *
run_json(const char *const *args, const char *const *env, const char *input, int *code)
{
	return harness_run_json(args, env ? env : env_scale, input, TIMEOUT, code);
}

static char *
drill_file(const char *id, const char *name)
{
	return xasprintf("%s/drills/%s/%s", getenv("PGDRILL_SOURCE_DIR"), id, name);
}

/* Whether kind `k` is among the first `n` of `kinds`. */
static bool
kind_seen(char **kinds, size_t n, const char *k)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kinds[i], k) == 0)
			return true;
	return false;
}

/* The ids of the catalogue's graded drills (not plan-reading, and not load:
 * their answers are not one SQL query and a check runs seconds of pgbench;
 * test_load_kind.c covers that kind on its own catalogue, bench/load.sh the
 * shipped load drills) and, when
 * `kinds` is not NULL, their kinds in the same order (free both with
 * free_ids); with `one_per_kind`, only the first drill of each kind. */
static char **
graded_drills_of(size_t *n, char ***kinds, bool one_per_kind)
{
	char **tmp_kinds = NULL;
	const char *args[] = {"list", NULL};
	int code;
	cJSON *root = run_json(args, NULL, NULL, &code);
	const cJSON *d;
	char **ids = xcalloc(256, sizeof(char *));

	assert_int_equal(code, 0);
	if (kinds == NULL && one_per_kind)
		kinds = &tmp_kinds;
	if (kinds)
		*kinds = xcalloc(256, sizeof(char *));
	*n = 0;
	cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(root, "drills")) {
		if (strcmp(jstr(d, "kind"), "plan-reading") == 0 ||
			strcmp(jstr(d, "kind"), "load") == 0 || *n >= 255)
			continue;
		if (one_per_kind && kinds && kind_seen(*kinds, *n, jstr(d, "kind")))
			continue;
		if (kinds)
			(*kinds)[*n] = xstrdup(jstr(d, "kind"));
		ids[(*n)++] = xstrdup(jstr(d, "id"));
	}
	cJSON_Delete(root);
	if (tmp_kinds) {
		for (size_t i = 0; i < *n; i++)
			free(tmp_kinds[i]);
		free(tmp_kinds);
	}
	assert_true(*n >= 3);
	return ids;
}

static char **
graded_drills(size_t *n)
{
	return graded_drills_of(n, NULL, false);
}

/* What the reference's preparatory statements cost is reported: pages and
 * time for the kinds that build something (index, cache), nothing for a
 * rewrite (whose session opens just the same: a connection and the drill's
 * SETs are not preparatory statements and cost nothing). */
static void
assert_prep_reported(const char *id, const char *kind, const cJSON *r)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(r, "metrics");
	bool builds = strcmp(kind, "index") == 0 || strcmp(kind, "cache") == 0;

	for (int i = 0; i < 2; i++) {
		const char *who = i == 0 ? "answer" : "reference";
		const cJSON *q = cJSON_GetObjectItemCaseSensitive(m, who);
		double pages = jnum(q, "prep_pages"), ms = jnum(q, "prep_ms");

		if (builds && !(pages > 0 && ms > 0))
			fail_msg("%s (%s): %s prep_pages %g, prep_ms %g: expected both > 0", id, kind,
					 who, pages, ms);
		if (!builds && (pages != 0 || ms != 0))
			fail_msg("%s (%s): %s prep_pages %g, prep_ms %g: expected 0", id, kind, who,
					 pages, ms);
	}
}

static void
free_ids(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

/* No scratch database of a finished pgdrill process may survive it.  Only
 * databases of dead processes count: other pgdrill processes (a developer's,
 * a parallel run's) may legitimately hold theirs right now. */
static void
assert_no_residue(void)
{
	PGconn *conn = harness_connect("postgres");
	PGresult *res = PQexec(conn, "SELECT datname FROM pg_database "
						   "WHERE datname LIKE 'pgdrill\\_s\\_%'");
	strbuf left = STRBUF_INIT;

	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	for (int i = 0; i < PQntuples(res); i++) {
		long pid = 0;

		if (sscanf(PQgetvalue(res, i, 0), "pgdrill_s_%ld_", &pid) == 1 && pid > 0 &&
			kill((pid_t) pid, 0) != 0 && errno == ESRCH)
			strbuf_printf(&left, " %s", PQgetvalue(res, i, 0));
	}
	PQclear(res);
	PQfinish(conn);
	if (left.len) {
		char *msg = strbuf_steal(&left);

		print_error("databases left behind by finished processes:%s\n", msg);
		free(msg);
		fail();
	}
	strbuf_free(&left);
}

/* A check hands its scratch databases over to a detached dropper
 * (sandbox/pool.h): renamed under the dropper's pid and commented
 * "... dropping; was: ...".  Those must be gone soon after: every one
 * present now has vanished within `seconds` (other processes may hand over
 * new ones meanwhile: only these names are waited for). */
static void
assert_handed_over_dropped(int seconds)
{
	PGconn *conn = harness_connect("postgres");
	PGresult *res = PQexec(conn, "SELECT coalesce(array_agg(datname)::text, '{}') "
						   "FROM pg_database WHERE datname LIKE 'pgdrill\\_s\\_%' AND "
						   "shobj_description(oid, 'pg_database') LIKE '% dropping; was: %'");
	char *names;
	bool gone = false;

	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	names = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	for (int tries = 0; tries < seconds * 4 && !gone; tries++) {
		const char *params[1] = {names};

		res = PQexecParams(conn, "SELECT count(*) FROM pg_database "
						   "WHERE datname = ANY ($1::text[])", 1, NULL, params, NULL, NULL, 0);
		assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
		gone = strcmp(PQgetvalue(res, 0, 0), "0") == 0;
		PQclear(res);
		if (!gone)
			usleep(250 * 1000);
	}
	if (!gone)
		fail_msg("handed-over scratch databases still there after %d s: %s", seconds, names);
	free(names);
	PQfinish(conn);
}

/* A reference passes through the binary, one drill per kind: that every
 * drill's references pass, faster and with 5x less work, is what `author
 * verify --all` proves in the same CI run (tools/test.sh), through the same
 * grading code (check_answer); grading them all here too was a third of
 * this test's time (docs/ci.md). */
static void
test_references_pass(void **state)
{
	size_t n;
	char **ids, **kinds;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	ids = graded_drills_of(&n, &kinds, true);
	for (size_t i = 0; i < n; i++) {
		char *ref = drill_file(ids[i], "reference.sql");
		const char *args[] = {"check", ids[i], "--answer", ref, "--runs", "3", NULL};
		int code;
		cJSON *r = run_json(args, NULL, NULL, &code);

		if (code != 0)
			fail_msg("%s: its reference exited %d: %s", ids[i], code, jstr(r, "message"));
		assert_string_equal(jstr(r, "drill"), ids[i]);
		assert_string_equal(jstr(r, "status"), "pass");
		assert_true(jnum(r, "score") >= 70);
		assert_non_null(cJSON_GetObjectItemCaseSensitive(r, "metrics"));
		assert_prep_reported(ids[i], kinds[i], r);
		cJSON_Delete(r);
		free(ref);
		assert_no_residue();
	}
	assert_handed_over_dropped(120);
	free_ids(ids, n);
	free_ids(kinds, n);
}

/* The slow query fails as "not faster", through check.  One drill per
 * kind: every further drill runs the same code of check again, and that its
 * slow query is slower than its reference is a measurement `author verify
 * --all` makes for every drill in the same CI run ("each reference is
 * faster", "5x less work").  The slow checks were the costliest part of
 * this test (the answer is the slow query, run 5 times; docs/ci.md). */
static void
test_slow_query_fails(void **state)
{
	size_t n;
	char **ids;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	ids = graded_drills_of(&n, NULL, true);
	for (size_t i = 0; i < n; i++) {
		char *slow = drill_file(ids[i], "slow.sql");
		const char *args[] = {"check", ids[i], "--answer", slow, "--runs", "3", NULL};
		int code;
		cJSON *r = run_json(args, NULL, NULL, &code);

		if (code != 1)
			fail_msg("%s: its slow query exited %d: %s", ids[i], code, jstr(r, "message"));
		assert_string_equal(jstr(r, "status"), "fail");
		assert_non_null(strstr(jstr(r, "message"), "not faster"));
		assert_true(jnum(r, "score") < 70);
		cJSON_Delete(r);
		free(slow);
	}
	free_ids(ids, n);
	assert_no_residue();
}

static void
test_rejections(void **state)
{
	static const struct {
		const char *sql;
		const char *needle;   /* in the message or detail */
		int position;         /* expected 1-based position, 0 = any */
	} cases[] = {
		{"SELECT id\n  FROM orders WHERE AND x", "syntax error", 31},
		{"DELETE FROM orders", "DELETE", 1},
		{"WITH d AS (DELETE FROM orders RETURNING id) SELECT id FROM d", "DELETE", 0},
		{"", "empty", 0},
		{"SELECT 1; SELECT 2", "", 0},
	};
	size_t n;
	char **ids;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	ids = graded_drills(&n);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *args[] = {"check", ids[0], "--answer", "-", NULL};
		int code;
		cJSON *r = run_json(args, NULL, cases[i].sql, &code);
		const cJSON *e = cJSON_GetObjectItemCaseSensitive(r, "error");

		if (code != 3)
			fail_msg("case %zu (%s): exit %d, expected 3: %s", i, cases[i].sql, code,
					 jstr(r, "message"));
		assert_string_equal(jstr(r, "status"), "rejected");
		assert_non_null(e);
		if (cases[i].needle[0] && strstr(jstr(r, "message"), cases[i].needle) == NULL)
			fail_msg("case %zu: message \"%s\" lacks \"%s\"", i, jstr(r, "message"),
					 cases[i].needle);
		if (cases[i].position)
			assert_int_equal((int) jnum(e, "position"), cases[i].position);
		cJSON_Delete(r);
	}
	free_ids(ids, n);
	assert_no_residue();
}

/* Build "SELECT * FROM (VALUES (...), ...) v ORDER BY ..." holding the slow
 * query's rows on seed 1, every value cast to its column's type. */
static char *
hard_coded_answer(const char *id, bool *ordered)
{
	char *db = xasprintf("pgdrill_my_%s", id);
	char *slow_path = drill_file(id, "slow.sql");
	FILE *fp = fopen(slow_path, "r");
	char buf[65536];
	size_t len;
	PGconn *conn;
	PGresult *res;
	strbuf sb = STRBUF_INIT;

	for (char *p = db; *p; p++)
		if (*p == '-')
			*p = '_';
	assert_non_null(fp);
	len = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[len] = '\0';
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ';' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	*ordered = strstr(buf, "ORDER BY") != NULL;
	conn = harness_connect(db);
	res = PQexec(conn, buf);
	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	assert_true(PQntuples(res) > 0);
	strbuf_append(&sb, "SELECT * FROM (VALUES ");
	for (int i = 0; i < PQntuples(res); i++) {
		strbuf_append(&sb, i ? ", (" : "(");
		for (int c = 0; c < PQnfields(res); c++) {
			char *q = xasprintf("SELECT format_type(%u, NULL)", PQftype(res, c));
			PGresult *t = PQexec(conn, q);
			char *lit = PQgetisnull(res, i, c) ? NULL
				: PQescapeLiteral(conn, PQgetvalue(res, i, c), (size_t) PQgetlength(res, i, c));

			strbuf_printf(&sb, "%s%s::%s", c ? ", " : "", lit ? lit : "NULL",
						  PQgetvalue(t, 0, 0));
			PQfreemem(lit);
			PQclear(t);
			free(q);
		}
		strbuf_append(&sb, ")");
	}
	strbuf_append(&sb, ") v");
	/* a Values Scan returns its rows in list order: seed 1's order is kept */
	PQclear(res);
	PQfinish(conn);
	free(db);
	free(slow_path);
	return strbuf_steal(&sb);
}

static void
test_hard_coded_rows_fail_on_seed_2(void **state)
{
	size_t n;
	char **ids;
	bool ordered;
	char *sql;
	int code;
	cJSON *r;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	ids = graded_drills(&n);
	{
		const char *args[] = {"start", ids[0], NULL};

		r = run_json(args, NULL, NULL, &code);
		assert_int_equal(code, 0);
		assert_string_equal(jstr(r, "status"), "ready");
		cJSON_Delete(r);
	}
	sql = hard_coded_answer(ids[0], &ordered);
	{
		const char *args[] = {"check", ids[0], "--answer", "-", NULL};
		const cJSON *c;

		r = run_json(args, NULL, sql, &code);
		if (code != 1)
			fail_msg("hard-coded answer exited %d: %s", code, jstr(r, "message"));
		c = cJSON_GetObjectItemCaseSensitive(r, "correctness");
		assert_non_null(c);
		assert_int_equal((int) jnum(c, "seed"), 2);
		assert_non_null(strstr(jstr(r, "message"), "seed 2"));
		cJSON_Delete(r);
	}
	free(sql);
	free_ids(ids, n);
	assert_no_residue();
}

static int
copy_file(const char *from, const char *to)
{
	char *cmd = xasprintf("cp -r '%s' '%s'", from, to);
	int rc = system(cmd);

	free(cmd);
	return rc;
}

/* The names of fixture `fixture_name`'s seed-2 templates at scale 1, sorted and
 * space-separated (caller frees). */
static char *
seed2_templates(const char *fixture_name)
{
	PGconn *conn = harness_connect("postgres");
	char *q = xasprintf("SELECT coalesce(string_agg(datname, ' ' ORDER BY datname), '') "
						"FROM pg_database WHERE datname LIKE 'pgdrill\\_t\\_%s\\_2\\_%%'",
						fixture_name);
	PGresult *res = PQexec(conn, q);
	char *names;

	free(q);
	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	names = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	PQfinish(conn);
	return names;
}

/* Templates are reused, and rebuilt when a fixture file changes.  In a
 * home (and cluster) of its own, on the test catalogue's tiny fixture:
 * building an edited fixture drops the templates of the original (stale by
 * its content hash), which the db tests running beside this one use. */
static void
test_templates_reused_and_rebuilt(void **state)
{
	const char *source = getenv("PGDRILL_SOURCE_DIR");
	char *home = harness_fresh_home("templates");
	char *fixtures = xasprintf("%s/fixtures-copy", home);
	char *src = xasprintf("%s/tests/db/catalogue/fixtures/.", source);
	char *seed = NULL;
	char *fx_opt = xasprintf("--fixtures=%s", fixtures);
	char *dr_opt = xasprintf("--drills=%s/tests/db/catalogue/drills", source);
	const char *const ids[] = {"t-sargable"};
	const char *fixture_name = "tiny";
	int code;
	cJSON *r;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	mkdir(fixtures, 0755);
	assert_int_equal(copy_file(src, fixtures), 0);
	{
		char *ref = xasprintf("%s/tests/db/catalogue/drills/%s/reference.sql", source, ids[0]);
		const char *args[] = {"check", ids[0], dr_opt, fx_opt, "--answer", ref, "--runs", "1",
			NULL};
		/* first: whatever state the templates are in, they exist afterwards */
		r = run_json(args, NULL, NULL, &code);
		assert_int_equal(code, 0);
		cJSON_Delete(r);
		/* second: nothing to build */
		r = run_json(args, NULL, NULL, &code);
		assert_int_equal(code, 0);
		assert_int_equal((int) jnum(r, "templates_built"), 0);
		cJSON_Delete(r);
		/* an edited fixture file means new templates (both seeds) */
		{
			FILE *fp;

			seed = xasprintf("%s/%s/seed.sql", fixtures, fixture_name);
			fp = fopen(seed, "a");
			assert_non_null(fp);
			fprintf(fp, "\n-- edited by test_check.c\n");
			fclose(fp);
		}
		/* start builds only what the prompt needs: seed 1's template */
		{
			const char *start[] = {"start", ids[0], dr_opt, fx_opt, NULL};
			char *seed2_before = seed2_templates(fixture_name);
			char *seed2_after;

			r = run_json(start, NULL, NULL, &code);
			assert_int_equal(code, 0);
			assert_int_equal((int) jnum(r, "templates_built"), 1);
			cJSON_Delete(r);
			seed2_after = seed2_templates(fixture_name);
			assert_string_equal(seed2_after, seed2_before);
			free(seed2_after);
			free(seed2_before);
		}
		/* the first check builds seed 2's and passes */
		r = run_json(args, NULL, NULL, &code);
		assert_int_equal(code, 0);
		{
			/* and the drill's edge template, built on seed 1's, when it has one */
			char *edge = xasprintf("%s/tests/db/catalogue/drills/%s/edge.sql", source, ids[0]);

			assert_int_equal((int) jnum(r, "templates_built"), 1 + (access(edge, F_OK) == 0));
			free(edge);
		}
		cJSON_Delete(r);
		free(ref);
	}
	{
		/* the stale templates of the edited fixture were dropped: one per seed */
		PGconn *conn = harness_connect("postgres");
		char *q = xasprintf("SELECT count(*) FROM pg_database WHERE datname LIKE "
							"'pgdrill\\_t\\_%s\\_%%'", fixture_name);
		PGresult *res = PQexec(conn, q);

		free(q);

		assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
		assert_string_equal(PQgetvalue(res, 0, 0), "2");
		PQclear(res);
		PQfinish(conn);
	}
	free(seed);
	free(fx_opt);
	free(dr_opt);
	free(src);
	free(fixtures);
	assert_no_residue();
	harness_drop_home(home);
}

/* Every page of every template table is all-visible: otherwise a template and
 * its twin (or a rebuild) plan index-only scans differently (template.c). */
static void
test_templates_all_visible(void **state)
{
	PGconn *admin;
	PGresult *dbs;
	int checked = 0;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	{
		size_t n;
		char **ids = graded_drills(&n);   /* templates exist after the checks above */

		free_ids(ids, n);
	}
	admin = harness_connect("postgres");
	/* the templates this recipe built (older ones may linger in a reused
	 * test cluster until their fixture is rebuilt) */
	{
		char *q = xasprintf("SELECT datname FROM pg_database WHERE datname LIKE "
							"'pgdrill\\_t\\_%%' AND shobj_description(oid, 'pg_database') "
							"LIKE '%% recipe=%d'", FIXTURE_RECIPE_VERSION);

		dbs = PQexec(admin, q);
		free(q);
	}
	assert_int_equal(PQresultStatus(dbs), PGRES_TUPLES_OK);
	for (int i = 0; i < PQntuples(dbs); i++) {
		/* read through a copy (pg_class is copied as it is): a connection
		 * to the template itself would make the clones other tests are
		 * making from it fail ("being accessed by other users") */
		const char *db = PQgetvalue(dbs, i, 0);
		char *copy = xasprintf("pgdrill_visible_%ld", (long) getpid());
		char *sql = xasprintf("CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY", copy, db);
		PGresult *r = PQexec(admin, sql);
		PGconn *conn;
		strbuf lag = STRBUF_INIT;

		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			fail_msg("%s: %s", sql, PQerrorMessage(admin));
		PQclear(r);
		free(sql);
		conn = harness_connect(copy);
		r = PQexec(conn, "SELECT c.relname, c.relpages, c.relallvisible FROM pg_class c "
				   "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' "
				   "AND c.relallvisible < c.relpages");
		assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
		for (int k = 0; k < PQntuples(r); k++)
			strbuf_printf(&lag, " %s (%s of %s pages)", PQgetvalue(r, k, 0),
						  PQgetvalue(r, k, 2), PQgetvalue(r, k, 1));
		PQclear(r);
		PQfinish(conn);
		sql = xasprintf("DROP DATABASE %s WITH (FORCE)", copy);
		r = PQexec(admin, sql);
		PQclear(r);
		free(sql);
		free(copy);
		if (lag.len) {
			char *msg = strbuf_steal(&lag);

			print_error("%s: tables not all-visible:%s\n", db, msg);
			free(msg);
			PQclear(dbs);
			PQfinish(admin);
			fail();
		}
		checked++;
	}
	PQclear(dbs);
	PQfinish(admin);
	assert_true(checked >= 2);
}

static void
test_usage_errors(void **state)
{
	proc_result res = PROC_RESULT_INIT;
	const char *unknown[] = {"check", "no-such-drill", "--answer", "-", NULL};
	const char *noarg[] = {"check", NULL};
	const char *badruns[] = {"check", "x", "--runs", "0", NULL};

	(void) state;
	harness_run_pgdrill(unknown, env_scale, "SELECT 1", 60, &res);
	assert_int_equal(res.exit_code, 2);
	assert_non_null(strstr(strbuf_str(&res.err), "unknown drill"));
	proc_result_free(&res);
	harness_run_pgdrill(noarg, env_scale, NULL, 60, &res);
	assert_int_equal(res.exit_code, 2);
	proc_result_free(&res);
	harness_run_pgdrill(badruns, env_scale, NULL, 60, &res);
	assert_int_equal(res.exit_code, 2);
	assert_non_null(strstr(strbuf_str(&res.err), "--runs"));
	proc_result_free(&res);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_references_pass),
		cmocka_unit_test(test_slow_query_fails),
		cmocka_unit_test(test_rejections),
		cmocka_unit_test(test_hard_coded_rows_fail_on_seed_2),
		cmocka_unit_test(test_templates_reused_and_rebuilt),
		cmocka_unit_test(test_templates_all_visible),
	};
	if (getenv("PGDRILL_TEST_FILTER"))    /* e.g. test_slow_* (cmocka's pattern) */
		cmocka_set_test_filter(getenv("PGDRILL_TEST_FILTER"));
	return cmocka_run_group_tests_name("check", tests, harness_group_setup, NULL);
}
