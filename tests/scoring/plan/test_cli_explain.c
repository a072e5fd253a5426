/*
 * test_cli_explain.c — `pgdrill explain` end to end (engine/cli/cli_explain.c)
 * through the built binary (PGDRILL_BIN): the picture and findings for a
 * file and for standard input (psql paste), --format json, --width,
 * --against (the diff), and
 * the exit codes: 0 shown, 2 usage / unreadable file, 3 malformed plan.
 * Output is not a terminal here, so it must carry no colour codes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <cjson/cJSON.h>

#include "fixtures.h"
#include "strbuf.h"

typedef struct run_result {
	int code;
	char *out;
	char *err;
} run_result;

/* Run `pgdrill ARGS` through the shell; stdout and stderr captured. */
static run_result
run(const char *args)
{
	const char *bin = getenv("PGDRILL_BIN");
	char out_path[] = "/tmp/pgdrill-explain-out-XXXXXX";
	char err_path[] = "/tmp/pgdrill-explain-err-XXXXXX";
	int fo = mkstemp(out_path), fe = mkstemp(err_path);
	char *cmd;
	int status;
	size_t len;
	run_result r;

	if (bin == NULL)
		fail_msg("PGDRILL_BIN is not set (meson test sets it)");
	if (fo < 0 || fe < 0)
		fail_msg("mkstemp failed");
	close(fo);
	close(fe);
	cmd = xasprintf("cd \"%s/tests/plans\" && \"%s\" %s >%s 2>%s",
					getenv("PGDRILL_SOURCE_DIR") ? getenv("PGDRILL_SOURCE_DIR") : ".",
					bin, args, out_path, err_path);
	status = system(cmd);
	free(cmd);
	r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	r.out = fixture_read(out_path, &len);
	r.err = fixture_read(err_path, &len);
	unlink(out_path);
	unlink(err_path);
	return r;
}

static void
run_free(run_result *r)
{
	free(r->out);
	free(r->err);
}

static void
test_text(void **state)
{
	run_result r = run("explain pg15_subplan.json");

	(void) state;
	assert_int_equal(r.code, 0);
	assert_non_null(strstr(r.out, "self time"));
	assert_non_null(strstr(r.out, "Bitmap Heap Scan on orders o  ◀ hottest"));
	assert_non_null(strstr(r.out, "[medium] #2 Aggregate: SubPlan 1 runs once per row"));
	assert_null(strstr(r.out, "\033"));
	assert_string_equal(r.err, "");
	run_free(&r);

	r = run("explain --width 50 - < pg15_psql_paste.txt");
	assert_int_equal(r.code, 0);
	assert_non_null(strstr(r.out, "…\n"));
	assert_non_null(strstr(r.out, "[high] #3 Index Scan"));
	run_free(&r);

	r = run("explain --against pg15_repeated_seq_scan_fixed.json pg15_repeated_seq_scan.json");
	assert_int_equal(r.code, 0);
	assert_non_null(strstr(r.out, "\nAgainst pg15_repeated_seq_scan_fixed.json:\n"
						   "customers: this plan uses Seq Scan, pg15_repeated_seq_scan_fixed.json "
						   "uses Index Scan using customers_pkey\n"));
	run_free(&r);

	r = run("explain --help");
	assert_int_equal(r.code, 0);
	assert_non_null(strstr(r.out, "Usage: pgdrill explain"));
	run_free(&r);
}

static void
test_json(void **state)
{
	run_result r = run("explain --format json pg15_sort_spill.json");
	cJSON *j = cJSON_Parse(r.out);

	(void) state;
	assert_int_equal(r.code, 0);
	assert_non_null(j);
	assert_string_equal(cJSON_GetObjectItem(j, "status")->valuestring, "ok");
	assert_string_equal(cJSON_GetObjectItem(j, "command")->valuestring, "explain");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "plan"), "nodes")), 3);
	assert_non_null(strstr(r.out, "\"rule\":\t\"sort_spill\""));
	assert_null(cJSON_GetObjectItem(j, "diff"));
	cJSON_Delete(j);
	run_free(&r);

	r = run("explain --format json --against pg15_sort_limit.json pg15_sort_spill.json");
	j = cJSON_Parse(r.out);
	assert_int_equal(r.code, 0);
	assert_non_null(j);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "diff"), 0),
											"kind")->valuestring, "spill");
	cJSON_Delete(j);
	run_free(&r);
}

typedef struct error_case {
	const char *args;
	int code;
	const char *stderr_has;
} error_case;

static const error_case errors[] = {
	{"explain", 2, "expected one FILE"},
	{"explain a b", 2, "expected one FILE"},
	{"explain --width 5 x", 2, "invalid value \"5\" for --width"},
	{"explain --format xml x", 2, "invalid value \"xml\" for --format"},
	{"explain --bogus x", 2, "unknown option"},
	{"explain /nonexistent/plan.json", 2, "cannot open \"/nonexistent/plan.json\""},
	{"explain --against - pg15_jit.json", 2, "--against needs a file"},
	{"explain --against /nonexistent pg15_jit.json", 2, "cannot open \"/nonexistent\""},
	{"explain --against setup.sql pg15_jit.json", 3, "setup.sql: malformed EXPLAIN text at line 4, column 1: expected a plan node"},
	{"explain setup.sql", 3, "setup.sql: malformed EXPLAIN text at line 4, column 1"},
	{"explain - < /dev/null", 3, "standard input: empty input"},
	{"explain - < malformed_node_type.txt", 3, "has no \"Node Type\""},
};

static void
test_errors(void **state)
{
	(void) state;
	for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
		run_result r = run(errors[i].args);

		if (r.code != errors[i].code || strstr(r.err, errors[i].stderr_has) == NULL)
			fail_msg("%s: exit %d, stderr \"%s\"; expected %d and \"%s\"", errors[i].args,
					 r.code, r.err, errors[i].code, errors[i].stderr_has);
		assert_string_equal(r.out, "");
		run_free(&r);
	}
	/* with --format json the error is JSON on stdout */
	{
		run_result r = run("explain --format json setup.sql");
		cJSON *j = cJSON_Parse(r.out);

		assert_int_equal(r.code, 3);
		assert_non_null(j);
		assert_string_equal(cJSON_GetObjectItem(j, "status")->valuestring, "rejected");
		cJSON_Delete(j);
		run_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests_name("cli_explain", tests, NULL, NULL);
}
