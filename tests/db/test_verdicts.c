/*
 * test_verdicts.c — verdicts that do not depend on where pgdrill runs, and
 * messages that name the right cause, through the binary on the real
 * catalogue (drills/, fixtures/) at its default scale.
 *
 * Pinned session (docs/sandbox.md, "Pinned settings"): a few answers to
 * shop-orders-on-a-day — the reference, an answer bounding the day with
 * timestamptz literals (274 rows instead of 275 when the session's
 * TimeZone is America/New_York), a wrong one and the slow query — get the
 * same status, pass/fail and row verdict with and without a hostile client
 * environment (PGTZ, PGDATESTYLE, PGOPTIONS with extra_float_digits=-3 and
 * search_path=nowhere); an empty PGTZ does not break the connection; the
 * psql line of `start` pins the same.  Without the pins the timestamptz
 * answer fails under PGTZ and every check errors under PGOPTIONS.
 *
 * Composite index order: a wrong-order answer to shop-customer-order-history
 * is told from its plan which column the index was searched on and that it
 * was not sought, without the reference's index.
 *
 * Causes: a rounded answer to shop-daily-revenue-totals is told its values
 * agree to fewer digits than compared; a wrong filter is told its rows
 * differ, not that it hard-codes values.
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

#include "harness.h"
#include "learner_env.h"
#include "strbuf.h"

static const char *const hostile[] = {
	"PGTZ=America/New_York",
	"PGDATESTYLE=German",
	"PGOPTIONS=-c extra_float_digits=-3 -c search_path=nowhere",
	NULL,
};

static const char *const empty_tz[] = {"PGTZ=", "PGDATESTYLE=", NULL};
static const char *const new_york[] = {"PGTZ=America/New_York", NULL};

/* The learner environment's changes followed by `extra` (may be NULL). */
static void
env_with(const learner_env *le, const char *const *extra, const char **out, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; le->env[i]; i++)
		if (n + 1 < cap)
			out[n++] = le->env[i];
	for (size_t i = 0; extra && extra[i]; i++)
		if (n + 1 < cap)
			out[n++] = extra[i];
	out[n] = NULL;
}

/* `pgdrill check DRILL --answer FILE --runs 3 --format json` under the
 * learner environment plus `extra`; returns the JSON (caller deletes). */
static cJSON *
check_json(const learner_env *le, const char *const *extra, const char *drill,
		   const char *answer, int *code)
{
	const char *args[] = {"check", drill, "--answer", answer, "--runs", "3", "--format",
		"json", NULL};
	const char *env[24];
	proc_result res = PROC_RESULT_INIT;
	cJSON *json;

	env_with(le, extra, env, sizeof env / sizeof env[0]);
	harness_run_pgdrill(args, env, NULL, LEARNER_TIMEOUT, &res);
	*code = res.exit_code;
	json = cJSON_Parse(strbuf_str(&res.out));
	if (json == NULL)
		fail_msg("check %s %s printed no JSON (exit %d)\nstderr: %s", drill, answer,
				 res.exit_code, strbuf_str(&res.err));
	proc_result_free(&res);
	return json;
}

static char *
answer_file(const learner_env *le, const char *name, const char *sql)
{
	char *path = xasprintf("%s/%s.sql", le->dir, name);

	write_text(path, sql);
	return path;
}

static int
correctness_seed(const cJSON *r)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(r, "correctness");

	return c ? (int) jnum(c, "seed") : 0;
}

static void
test_pinned_session(void **state)
{
	learner_env le;
	char *drills, *fixtures, *answers[4];
	const char *names[4] = {"reference", "timestamptz bounds", "no upper bound", "slow"};

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	drills = xasprintf("%s/drills", getenv("PGDRILL_SOURCE_DIR"));
	fixtures = xasprintf("%s/fixtures", getenv("PGDRILL_SOURCE_DIR"));
	learner_env_init(&le, "verdicts-pinned", drills, fixtures);
	answers[0] = learner_drill_file(drills, "shop-orders-on-a-day", "reference.sql");
	answers[1] = answer_file(&le, "tz",
		"SELECT id, customer_id, status, total FROM orders\n"
		"WHERE created_at >= TIMESTAMPTZ '2024-03-15 00:00:00+00'\n"
		"  AND created_at <  TIMESTAMPTZ '2024-03-16 00:00:00+00'\n"
		"ORDER BY id;\n");
	answers[2] = answer_file(&le, "open",
		"SELECT id, customer_id, status, total FROM orders\n"
		"WHERE created_at >= TIMESTAMP '2024-03-15 00:00:00'\n"
		"ORDER BY id;\n");
	answers[3] = learner_drill_file(drills, "shop-orders-on-a-day", "slow.sql");
	for (int i = 0; i < 4; i++) {
		int code_plain, code_hostile;
		cJSON *plain = check_json(&le, NULL, "shop-orders-on-a-day", answers[i], &code_plain);
		cJSON *host = check_json(&le, hostile, "shop-orders-on-a-day", answers[i],
								 &code_hostile);

		if (code_plain != code_hostile ||
			strcmp(jstr(plain, "status"), jstr(host, "status")) != 0)
			fail_msg("%s: exit %d (%s) without the environment, %d (%s) with it: %s",
					 names[i], code_plain, jstr(plain, "status"), code_hostile,
					 jstr(host, "status"), jstr(host, "message"));
		assert_int_equal(correctness_seed(plain), correctness_seed(host));
		assert_int_equal(jnum(plain, "score") >= 70, jnum(host, "score") >= 70);
		if (i < 2)
			assert_string_equal(jstr(host, "status"), "pass");
		else
			assert_string_equal(jstr(host, "status"), "fail");
		cJSON_Delete(plain);
		cJSON_Delete(host);
	}
	{
		/* PGTZ alone: unpinned, the timestamptz answer returned 274 rows
		 * instead of 275 and failed */
		int code;
		cJSON *r = check_json(&le, new_york, "shop-orders-on-a-day", answers[1], &code);

		if (code != 0)
			fail_msg("timestamptz answer with PGTZ=America/New_York: exit %d: %s", code,
					 jstr(r, "message"));
		cJSON_Delete(r);
	}
	{
		/* an empty PGTZ used to fail every connection */
		int code;
		cJSON *r = check_json(&le, empty_tz, "shop-orders-on-a-day", answers[0], &code);

		if (code != 0)
			fail_msg("with an empty PGTZ: exit %d: %s", code, jstr(r, "message"));
		cJSON_Delete(r);
	}
	{
		const char *args[] = {"start", "shop-orders-on-a-day", NULL};
		int code;
		cJSON *r = learner_json(&le, args, &code);
		const char *psql = jstr(r, "psql");

		assert_int_equal(code, 0);
		assert_non_null(strstr(psql, "PGTZ=UTC PGDATESTYLE=ISO,MDY PGOPTIONS='"));
		assert_non_null(strstr(psql, "-c search_path=public"));
		assert_non_null(strstr(psql, "-c extra_float_digits=1"));
		assert_non_null(strstr(psql, "' psql "));
		cJSON_Delete(r);
	}
	for (int i = 0; i < 4; i++)
		free(answers[i]);
	learner_env_free(&le);
	free(drills);
	free(fixtures);
}

static void
test_mismatch_causes(void **state)
{
	learner_env le;
	char *drills, *fixtures, *rounded, *filtered;
	int code;
	cJSON *r;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	drills = xasprintf("%s/drills", getenv("PGDRILL_SOURCE_DIR"));
	fixtures = xasprintf("%s/fixtures", getenv("PGDRILL_SOURCE_DIR"));
	learner_env_init(&le, "verdicts-causes", drills, fixtures);
	rounded = answer_file(&le, "rounded",
		"SELECT created_at::date AS day, round(sum(total), 0) AS revenue, count(*) AS orders\n"
		"FROM orders\n"
		"WHERE created_at >= TIMESTAMP '2024-12-01' AND created_at < TIMESTAMP '2025-01-01'\n"
		"  AND status <> 'cancelled'\n"
		"GROUP BY 1 ORDER BY 1;\n");
	filtered = answer_file(&le, "filtered",
		"SELECT created_at::date AS day, sum(total) AS revenue, count(*) AS orders\n"
		"FROM orders\n"
		"WHERE created_at >= TIMESTAMP '2024-12-01' AND created_at < TIMESTAMP '2025-01-01'\n"
		"  AND status <> 'cancelled' AND customer_id % 1000 <> 7\n"
		"GROUP BY 1 ORDER BY 1;\n");

	r = check_json(&le, NULL, "shop-daily-revenue-totals", rounded, &code);
	assert_int_equal(code, 1);
	if (strstr(jstr(r, "message"), "significant digits or more, the comparison needs 12") ==
		NULL || strstr(jstr(r, "message"), "rounded") == NULL)
		fail_msg("rounded answer: %s", jstr(r, "message"));
	assert_null(strstr(jstr(r, "message"), "hard-coded"));
	cJSON_Delete(r);

	r = check_json(&le, NULL, "shop-daily-revenue-totals", filtered, &code);
	assert_int_equal(code, 1);
	if (strstr(jstr(r, "message"), "different rows") == NULL ||
		strstr(jstr(r, "message"), "significant digits") != NULL ||
		strstr(jstr(r, "message"), "hard-coded") != NULL)
		fail_msg("filtered answer: %s", jstr(r, "message"));
	cJSON_Delete(r);

	free(rounded);
	free(filtered);
	learner_env_free(&le);
	free(drills);
	free(fixtures);
}

/*
 * An index drill's feedback teaches column order from the plan: the
 * composite index the wrong way round on shop-customer-order-history
 * fails, and its feedback says the index was searched on customer_id but
 * not sought (the B-tree is ordered by created_at), advises an index
 * starting with customer_id, and never prints the reference's index
 * (its name or its definition).
 */
static void
test_composite_order_feedback(void **state)
{
	learner_env le;
	char *drills, *fixtures, *answer;
	proc_result res = PROC_RESULT_INIT;
	const char *out;

	(void) state;
	HARNESS_REQUIRE_POSTGRES();
	drills = xasprintf("%s/drills", getenv("PGDRILL_SOURCE_DIR"));
	fixtures = xasprintf("%s/fixtures", getenv("PGDRILL_SOURCE_DIR"));
	learner_env_init(&le, "verdicts-composite", drills, fixtures);
	answer = xasprintf("%s/wrong-order.sql", le.dir);
	write_text(answer,
			   "CREATE INDEX orders_created_at_customer_id_idx ON orders (created_at, customer_id);\n\n"
			   "SELECT id, created_at, status, total\nFROM orders\nWHERE customer_id = 10533\n"
			   "ORDER BY created_at DESC, id DESC\nLIMIT 20;\n");
	{
		const char *args[] = {"check", "shop-customer-order-history", "--answer", answer,
			"--runs", "2", "-q", NULL};

		learner_run(&le, args, &res);
	}
	out = strbuf_str(&res.out);
	if (res.exit_code != 1)
		fail_msg("exit %d, expected 1 (fail):\n%s%s", res.exit_code, out, strbuf_str(&res.err));
	if (!strstr(out, "the index is searched on customer_id but not sought") ||
		!strstr(out, "Try: an index whose first column is customer_id") ||
		!strstr(out, "an index of its own"))
		fail_msg("the feedback does not explain the column order:\n%s", out);
	if (strstr(out, "orders_customer_id_created_at_idx") ||
		strstr(out, "(customer_id, created_at)"))
		fail_msg("the feedback gives the reference's index away:\n%s", out);
	proc_result_free(&res);
	/* the JSON neither (feedback.diff, metrics.reference.hottest_node) */
	{
		const char *args[] = {"check", "shop-customer-order-history", "--answer", answer,
			"--runs", "2", "--format", "json", NULL};
		char *json;

		learner_run(&le, args, &res);
		json = xstrdup(strbuf_str(&res.out));
		assert_int_equal(res.exit_code, 1);
		if (strstr(json, "orders_customer_id_created_at_idx") ||
			!strstr(json, "\"index_cond_not_leading\""))
			fail_msg("the JSON feedback:\n%s", json);
		free(json);
		proc_result_free(&res);
	}
	free(answer);
	free(drills);
	free(fixtures);
	learner_env_free(&le);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pinned_session),
		cmocka_unit_test(test_mismatch_causes),
		cmocka_unit_test(test_composite_order_feedback),
	};
	return cmocka_run_group_tests_name("db_verdicts", tests, harness_group_setup, NULL);
}
