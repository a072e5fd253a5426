/*
 * test_cli_lint.c — `pgdrill lint` end to end (engine/cli/cli_lint.c): runs the
 * built binary ($PGDRILL_BIN) on files and on stdin, and checks the exit
 * codes (0 clean, 1 findings, 2 usage, 3 unparsable), the text output and
 * the JSON document (a `findings` list with id, severity, line, column,
 * position, message, advice).  Lives with the SQL tests because lint is
 * their user-facing end; needs no server.
 */
#include <cjson/cJSON.h>
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

#include "strbuf.h"

static char sql_path[] = "/tmp/pgdrill-test-lint-XXXXXX";

/* Run `pgdrill lint ARGS` (ARGS may say FILE for the temp file) with
 * `input` written to the file and piped to stdin; returns the exit code
 * and the stdout in *out. */
static int
run_lint(const char *input, const char *args, strbuf *out)
{
	const char *bin = getenv("PGDRILL_BIN");
	strbuf cmd = STRBUF_INIT;
	FILE *fp, *p;
	char buf[4096];
	size_t n;
	int status;

	fp = fopen(sql_path, "wb");
	assert_non_null(fp);
	fwrite(input, 1, strlen(input), fp);
	fclose(fp);
	strbuf_init(&cmd);
	strbuf_printf(&cmd, "'%s' lint ", bin);
	for (const char *a = args; *a; a++) {
		if (strncmp(a, "FILE", 4) == 0) {
			strbuf_append(&cmd, sql_path);
			a += 3;
		} else {
			strbuf_append_char(&cmd, *a);
		}
	}
	strbuf_printf(&cmd, " < '%s' 2>/dev/null", sql_path);
	p = popen(strbuf_str(&cmd), "r");
	assert_non_null(p);
	strbuf_reset(out);
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		strbuf_append_len(out, buf, n);
	status = pclose(p);
	strbuf_free(&cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int
setup(void **state)
{
	int fd = mkstemp(sql_path);

	(void) state;
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **state)
{
	(void) state;
	unlink(sql_path);
	return 0;
}

typedef struct cli_case {
	const char *input;
	const char *args;
	int code;
	const char *stdout_has;
} cli_case;

static const cli_case cases[] = {
	{"select id from t where id = 1", "FILE", 0, "no findings"},
	{"select id from t where id = 1", "-", 0, "<stdin>: no findings"},
	{"select *\nfrom t where lower(a) = 'x'", "FILE", 1,
	 ":2:14: warning: lower() applied to column a"},
	{"select * from t", "-", 1, "HINT:  Name the columns"},
	{"select * from t", "-", 1, "LINE 1: select * from t\n               ^"},
	{"select * from t", "--format json FILE", 1, "\"findings\""},
	{"select from where", "FILE", 3, ""},
	{"select from where", "--format json -", 3, "\"status\":\t\"rejected\""},
	{"", "-", 3, ""},
	{"select 1", "", 2, ""},
	{"select 1", "FILE FILE", 2, ""},
	{"select 1", "--format xml FILE", 2, ""},
	{"select 1", "--bogus FILE", 2, ""},
	{"select 1", "/nonexistent/file.sql", 2, ""},
	{"select 1", "--help", 0, "Exit status"},
};

static void
test_cli_cases(void **state)
{
	strbuf out = STRBUF_INIT;

	(void) state;
	if (getenv("PGDRILL_BIN") == NULL)
		skip();
	strbuf_init(&out);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int code = run_lint(cases[i].input, cases[i].args, &out);

		if (code != cases[i].code || !strstr(strbuf_str(&out), cases[i].stdout_has))
			print_error("case %zu (%s): exit %d, stdout:\n%s\n", i, cases[i].args,
						code, strbuf_str(&out));
		assert_int_equal(code, cases[i].code);
		assert_non_null(strstr(strbuf_str(&out), cases[i].stdout_has));
	}
	strbuf_free(&out);
}

static void
test_cli_json_document(void **state)
{
	strbuf out = STRBUF_INIT;
	cJSON *root, *f;
	static const char *const fields[] = {"id", "severity", "line", "column",
										 "position", "message", "advice"};

	(void) state;
	if (getenv("PGDRILL_BIN") == NULL)
		skip();
	strbuf_init(&out);
	assert_int_equal(run_lint("select a\nfrom t order by random()", "--format json FILE", &out), 1);
	root = cJSON_Parse(strbuf_str(&out));
	assert_non_null(root);
	assert_string_equal(cJSON_GetObjectItem(root, "status")->valuestring, "findings");
	assert_int_equal(cJSON_GetObjectItem(root, "version")->valueint, 1);
	f = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "findings"), 0);
	assert_non_null(f);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		assert_non_null(cJSON_GetObjectItem(f, fields[i]));
	assert_string_equal(cJSON_GetObjectItem(f, "id")->valuestring, "order-by-random");
	assert_string_equal(cJSON_GetObjectItem(f, "severity")->valuestring, "warning");
	assert_int_equal(cJSON_GetObjectItem(f, "line")->valueint, 2);
	assert_int_equal(cJSON_GetObjectItem(f, "column")->valueint, 17);
	assert_int_equal(cJSON_GetObjectItem(f, "position")->valueint, 26);
	cJSON_Delete(root);

	assert_int_equal(run_lint("select 1", "--format json -", &out), 0);
	root = cJSON_Parse(strbuf_str(&out));
	assert_non_null(root);
	assert_string_equal(cJSON_GetObjectItem(root, "status")->valuestring, "clean");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "findings")), 0);
	cJSON_Delete(root);
	strbuf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_cases),
		cmocka_unit_test(test_cli_json_document),
	};
	return cmocka_run_group_tests_name("sql_cli_lint", tests, setup, teardown);
}
