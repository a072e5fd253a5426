/*
 * test_cli.c — the command-line conventions every command shares, end to
 * end on the built binary ($PGDRILL_BIN), no server needed: "did you mean"
 * for commands, options, drills and concepts; -V/--version; `help CMD`; a
 * bad option reported in exactly one line plus the pointer to --help (getopt
 * printed it twice before); the hidden `__complete` words; and the bash
 * completion script (tools/pgdrill.bash-completion) driven through bash
 * with COMP_WORDS as bash would set them; and `start`'s prompt printed
 * before anything is provisioned (seen with a server that cannot be reached).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pg/proc.h"
#include "run_pgdrill.h"
#include "strbuf.h"

/* Run pgdrill with args (NULL-terminated, without the program). */
static void
run(const char *const *args, proc_result *res)
{
	run_pgdrill(args, NULL, res);
}

/* The number of lines of s. */
static int
lines(const strbuf *s)
{
	int n = 0;

	for (size_t i = 0; i < s->len; i++)
		n += s->data[i] == '\n';
	return n;
}

static void
expect(const char *const *args, int code, const char *in_stderr, int stderr_lines)
{
	proc_result res = PROC_RESULT_INIT;

	run(args, &res);
	if (res.exit_code != code || strstr(strbuf_str(&res.err), in_stderr) == NULL ||
		(stderr_lines >= 0 && lines(&res.err) != stderr_lines))
		fail_msg("pgdrill %s %s: exit %d, stderr:\n%s", args[0], args[1] ? args[1] : "",
				 res.exit_code, strbuf_str(&res.err));
	proc_result_free(&res);
}

static void
test_did_you_mean(void **state)
{
	(void) state;
	expect((const char *[]) {"chek", NULL}, 2, "did you mean \"check\"?", 2);
	expect((const char *[]) {"frobnicate", NULL}, 2, "unknown command \"frobnicate\"\n", 2);
	expect((const char *[]) {"list", "--fromat", "json", NULL}, 2,
		   "unknown option \"--fromat\" (did you mean --format?)", 2);
	expect((const char *[]) {"show", "shop-order-on-a-day", NULL}, 2,
		   "Did you mean \"shop-orders-on-a-day\"?", -1);
	expect((const char *[]) {"skip", "btree-basic", NULL}, 2,
		   "Did you mean \"btree-basics\"?", -1);
}

/* `start` prints the drill's prompt before it provisions anything, so that
 * a first drill's learner reads while the template builds: a server that
 * cannot be reached still leaves the prompt on stdout (then the error on
 * stderr, exit 4); JSON output stays one object, the error's. */
static void
test_start_prompt_comes_first(void **state)
{
	const char *text[] = {"start", "shop-orders-on-a-day", "--db", "host=/nonexistent port=1",
						  NULL};
	const char *json[] = {"start", "shop-orders-on-a-day", "--db", "host=/nonexistent port=1",
						  "--format", "json", NULL};
	proc_result res = PROC_RESULT_INIT;

	(void) state;
	run(text, &res);
	assert_int_equal(res.exit_code, 4);
	if (strncmp(strbuf_str(&res.out), "shop-orders-on-a-day — Orders placed on one day", 49)
		!= 0 || strstr(strbuf_str(&res.out), "**Your task:**") == NULL ||
		strstr(strbuf_str(&res.out), "Your scratch copy") != NULL)
		fail_msg("stdout:\n%s", strbuf_str(&res.out));
	assert_non_null(strstr(strbuf_str(&res.err), "cannot connect to PostgreSQL"));
	proc_result_free(&res);
	run(json, &res);
	assert_int_equal(res.exit_code, 4);
	if (strstr(strbuf_str(&res.out), "\"status\":\t\"error\"") == NULL ||
		strstr(strbuf_str(&res.out), "Orders placed") != NULL)
		fail_msg("stdout:\n%s", strbuf_str(&res.out));
	proc_result_free(&res);
}

static void
test_one_line_per_bad_option(void **state)
{
	/* every command, with the subcommand a command needs first */
	static const char *const commands[][2] = {
		{"list", NULL}, {"show", NULL}, {"check", NULL}, {"track", NULL}, {"next", NULL},
		{"grade", NULL}, {"db", NULL}, {"lint", NULL}, {"explain", NULL}, {"hint", NULL},
		{"skip", NULL}, {"unskip", NULL}, {"practice", NULL}, {"placement", NULL},
		{"author", "verify"}, {"author", "new"}, {"start", NULL}, {"watch", NULL},
	};
	static const char *const bad[][2] = {
		{"--bogus", "unknown option \"--bogus\"\nTry \""},
		{"-Z", "unknown option \"-Z\""},
		{"--db", "option --db needs a value"},
	};

	(void) state;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
			const char *args[4] = {commands[i][0], commands[i][1], NULL, NULL};

			args[commands[i][1] ? 2 : 1] = bad[k][0];
			expect(args, 2, bad[k][1], 2);
		}
}

static void
test_version_and_help(void **state)
{
	proc_result a = PROC_RESULT_INIT, b = PROC_RESULT_INIT;

	(void) state;
	run((const char *[]) {"-V", NULL}, &a);
	run((const char *[]) {"--version", NULL}, &b);
	assert_int_equal(a.exit_code, 0);
	assert_true(strncmp(strbuf_str(&a.out), "pgdrill ", 8) == 0);
	assert_string_equal(strbuf_str(&a.out), strbuf_str(&b.out));
	run((const char *[]) {"help", "check", NULL}, &a);
	run((const char *[]) {"check", "--help", NULL}, &b);
	assert_int_equal(a.exit_code, 0);
	assert_non_null(strstr(strbuf_str(&a.out), "Usage: pgdrill check"));
	assert_string_equal(strbuf_str(&a.out), strbuf_str(&b.out));
	proc_result_free(&a);
	proc_result_free(&b);
	expect((const char *[]) {"help", "chek", NULL}, 2, "did you mean \"check\"?", 2);
	expect((const char *[]) {"help", "check", "extra", NULL}, 2, "unexpected argument", -1);
}

static void
test_complete_words(void **state)
{
	proc_result res = PROC_RESULT_INIT;

	(void) state;
	run((const char *[]) {"__complete", "commands", NULL}, &res);
	assert_int_equal(res.exit_code, 0);
	assert_non_null(strstr(strbuf_str(&res.out), "check\n"));
	assert_null(strstr(strbuf_str(&res.out), "__complete"));
	run((const char *[]) {"__complete", "operands", "check", NULL}, &res);
	assert_non_null(strstr(strbuf_str(&res.out), "shop-orders-on-a-day\n"));
	run((const char *[]) {"__complete", "operands", "skip", NULL}, &res);
	assert_non_null(strstr(strbuf_str(&res.out), "btree-basics\n"));
	assert_null(strstr(strbuf_str(&res.out), "shop-"));
	run((const char *[]) {"__complete", "operands", "db", NULL}, &res);
	assert_string_equal(strbuf_str(&res.out), "status\nstart\nstop\ngc\n");
	run((const char *[]) {"__complete", "themes", NULL}, &res);
	assert_non_null(strstr(strbuf_str(&res.out), "internals\n"));
	assert_null(strstr(strbuf_str(&res.out), "btree-basics"));
	run((const char *[]) {"__complete", "operands", "lint", NULL}, &res);
	assert_string_equal(strbuf_str(&res.out), "@file\n");
	/* an unreadable catalogue completes nothing, silently */
	run((const char *[]) {"__complete", "operands", "check", "--drills", "/nonexistent",
						  NULL}, &res);
	assert_int_equal(res.exit_code, 0);
	assert_string_equal(strbuf_str(&res.out), "");
	assert_string_equal(strbuf_str(&res.err), "");
	proc_result_free(&res);
}

/* What the completion script offers for `line` (words; the last is the one
 * being completed), one word a line. */
static void
complete(const char *line, strbuf *out)
{
	char *script = xasprintf("%s/tools/pgdrill.bash-completion", getenv("PGDRILL_SOURCE_DIR"));
	char *code = xasprintf("source '%s'; COMP_WORDS=('%s' %s); "
						   "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _pgdrill; "
						   "printf '%%s\\n' \"${COMPREPLY[@]}\"", script,
						   getenv("PGDRILL_BIN"), line);
	const char *argv[] = {"bash", "-c", code, NULL};
	proc_result res = PROC_RESULT_INIT;
	error err;

	if (!proc_run_ok(argv, NULL, &res, &err))
		fail_msg("%s\n%s", err.message, err.detail);
	strbuf_reset(out);
	strbuf_append(out, strbuf_str(&res.out));
	proc_result_free(&res);
	free(code);
	free(script);
}

static void
test_bash_completion(void **state)
{
	strbuf out = STRBUF_INIT;

	(void) state;
	complete("ch", &out);
	assert_string_equal(strbuf_str(&out), "check\n");
	complete("check shop-orders-on", &out);
	assert_string_equal(strbuf_str(&out), "shop-orders-on-a-day\n");
	complete("skip btree-", &out);
	assert_string_equal(strbuf_str(&out), "btree-basics\n");
	complete("db s", &out);
	assert_string_equal(strbuf_str(&out), "status\nstart\nstop\n");
	complete("list --for", &out);
	assert_string_equal(strbuf_str(&out), "--format\n");
	complete("check x --format j", &out);
	assert_string_equal(strbuf_str(&out), "json\njunit\n");
	complete("help tr", &out);
	assert_string_equal(strbuf_str(&out), "track\n");
	complete("author verify shop-read-sort-sp", &out);
	assert_string_equal(strbuf_str(&out), "shop-read-sort-spill\n");
	complete("next --theme inter", &out);
	assert_string_equal(strbuf_str(&out), "internals\n");
	complete("track --th", &out);
	assert_string_equal(strbuf_str(&out), "--theme\n");
	strbuf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_did_you_mean),
		cmocka_unit_test(test_start_prompt_comes_first),
		cmocka_unit_test(test_one_line_per_bad_option),
		cmocka_unit_test(test_version_and_help),
		cmocka_unit_test(test_complete_words),
		cmocka_unit_test(test_bash_completion),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
