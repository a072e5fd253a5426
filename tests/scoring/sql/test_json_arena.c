/*
 * test_json_arena.c — unit tests for scoring/sql/json_arena.c: the arena
 * reader must build exactly the tree cJSON_Parse builds (compared by
 * printing both), accept and refuse the same inputs, decode every escape,
 * and refuse nesting past CJSON_NESTING_LIMIT as cJSON does.  Real inputs:
 * libpg_query's trees for regression SQL and the corpus's EXPLAIN plans.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/json_arena.h"
#include "strbuf.h"

/* Both readers agree: same acceptance, same printed tree. */
static void
assert_same_as_cjson(const char *text)
{
	json_arena *a = NULL;
	cJSON *mine = json_arena_parse(text, &a);
	cJSON *theirs = cJSON_Parse(text);

	if ((mine == NULL) != (theirs == NULL))
		fail_msg("acceptance differs (arena %s, cJSON %s) for: %.200s",
				 mine ? "accepts" : "refuses", theirs ? "accepts" : "refuses", text);
	if (mine) {
		char *pm = cJSON_PrintUnformatted(mine);
		char *pt = cJSON_PrintUnformatted(theirs);

		if (strcmp(pm, pt) != 0)
			fail_msg("trees differ for %.200s:\n arena: %.300s\n cJSON: %.300s", text, pm, pt);
		free(pm);
		free(pt);
	} else
		assert_null(a);
	json_arena_free(a);
	cJSON_Delete(theirs);
}

static void
test_table(void **state)
{
	static const char *const cases[] = {
		"{}", "[]", "0", "-0", "1.5e3", "-12.25E-2", "true", "false", "null", "\"x\"",
		"{\"a\":1,\"b\":[1,2,{\"c\":null}],\"d\":\"e\"}",
		"  {  \"a\"  :  [ true , false ]  }  ",
		"\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
		"\"\\u00e9\\u20ac\\ud83d\\ude00\"",
		"{\"a\":2147483648,\"b\":-2147483649,\"c\":1e400}",
		/* refused by both */
		"", "{", "[1,]", "{\"a\"}", "{\"a\":}", ".5", "tru", "nul", "\"abc",
		"\"\\x\"", "\"\\u12\"", "[1 2]", "\"\\ud83d\"", "+1",
	};

	/* cJSON is lenient about numbers (strtod reads "01" and "1.") and
	 * trailing text (cJSON_Parse stops after the first value) and raw
	 * control characters in strings; RFC 8259
	 * and libpg_query are not, and neither is the arena reader */
	static const char *const stricter[] = {"01", "-01", "[00]", "1.", "[1.e5]", "{} x", "\"a\nb\""};
	json_arena *a;

	(void) state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_same_as_cjson(cases[i]);
	for (size_t i = 0; i < sizeof stricter / sizeof stricter[0]; i++) {
		assert_null(json_arena_parse(stricter[i], &a));
		assert_null(a);
	}
}

static void
test_values_and_links(void **state)
{
	json_arena *a;
	cJSON *root = json_arena_parse("{\"k\":[10,20,30],\"s\":\"\\u00e9\"}", &a);
	const cJSON *arr, *item;
	int sum = 0;

	(void) state;
	assert_non_null(root);
	arr = cJSON_GetObjectItemCaseSensitive(root, "k");
	assert_int_equal(cJSON_GetArraySize(arr), 3);
	cJSON_ArrayForEach(item, arr)
		sum += item->valueint;
	assert_int_equal(sum, 60);
	/* cJSON's convention: the first child's prev is the last child */
	assert_int_equal(arr->child->prev->valueint, 30);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(root, "s")->valuestring, "\xc3\xa9");
	json_arena_free(a);
	json_arena_free(NULL);
}

static void
test_nesting_limit(void **state)
{
	strbuf ok = STRBUF_INIT, deep = STRBUF_INIT;
	json_arena *a;

	(void) state;
	for (int i = 0; i < CJSON_NESTING_LIMIT; i++)
		strbuf_append_char(&ok, '[');
	for (int i = 0; i < CJSON_NESTING_LIMIT; i++)
		strbuf_append_char(&ok, ']');
	strbuf_append(&deep, "[");
	strbuf_append(&deep, strbuf_str(&ok));
	strbuf_append(&deep, "]");
	assert_non_null(json_arena_parse(strbuf_str(&ok), &a));
	json_arena_free(a);
	assert_null(json_arena_parse(strbuf_str(&deep), &a));
	assert_null(a);
	assert_same_as_cjson(strbuf_str(&ok));
	assert_same_as_cjson(strbuf_str(&deep));
	strbuf_free(&ok);
	strbuf_free(&deep);
}

/* libpg_query trees of real SQL, and real EXPLAIN plans. */
static void
test_real_inputs(void **state)
{
	const char *corpus = getenv("PGDRILL_CORPUS");
	char path[4096];
	int trees = 0, plans = 0;
	DIR *dir;
	struct dirent *de;

	(void) state;
	if (corpus == NULL)
		skip();
	snprintf(path, sizeof path, "%s/sql-regress", corpus);
	dir = opendir(path);
	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL && trees < 3000) {
		char file[8192], line[8192];
		FILE *fp;

		if (strstr(de->d_name, ".sql") == NULL)
			continue;
		snprintf(file, sizeof file, "%s/%s", path, de->d_name);
		fp = fopen(file, "r");
		assert_non_null(fp);
		while (fgets(line, sizeof line, fp)) {
			PgQueryParseResult r;

			if (strncmp(line, "SELECT", 6) != 0 && strncmp(line, "CREATE", 6) != 0)
				continue;
			r = pg_query_parse(line);
			if (!r.error) {
				assert_same_as_cjson(r.parse_tree);
				trees++;
			}
			pg_query_free_parse_result(r);
		}
		fclose(fp);
	}
	closedir(dir);
	snprintf(path, sizeof path, "%s/plans", corpus);
	dir = opendir(path);
	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL) {
		char file[8192];
		FILE *fp;
		strbuf sb = STRBUF_INIT;
		char buf[65536];
		size_t n;

		if (strstr(de->d_name, ".json") == NULL)
			continue;
		snprintf(file, sizeof file, "%s/%s", path, de->d_name);
		fp = fopen(file, "r");
		assert_non_null(fp);
		while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
			strbuf_append_len(&sb, buf, n);
		fclose(fp);
		assert_same_as_cjson(strbuf_str(&sb));
		strbuf_free(&sb);
		plans++;
	}
	closedir(dir);
	print_message("compared %d parse trees and %d plans with cJSON\n", trees, plans);
	assert_true(trees > 1000);
	assert_true(plans >= 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_values_and_links),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_real_inputs),
	};
	return cmocka_run_group_tests_name("sql_json_arena", tests, NULL, NULL);
}
