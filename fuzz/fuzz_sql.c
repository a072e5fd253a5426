/*
 * fuzz_sql.c — libFuzzer harness for the SQL analysis entry points: every
 * input goes through sql_analyze (all allow flags, and none), sql_lint,
 * sql_fingerprint and sql_caret, and everything they return is freed, so
 * AddressSanitizer also catches leaks.  It checks invariants too: a
 * rejection always has a message, and a position is inside the input (or
 * just past it).  Build and run: docs/fuzzing.md ("## SQL").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/fingerprint.h"
#include "sql/lint.h"
#include "sql/json_arena.h"
#include "sql/sql.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_error(const error *err, size_t size)
{
	if (err->message[0] == '\0' || err->position < 0 ||
		(size_t) err->position > size + 1) {
		fprintf(stderr, "bad error: \"%s\" at %d (size %zu)\n", err->message,
				err->position, size);
		abort();
	}
}

/* Differential check of the arena JSON reader (sql/json_arena.h) against
 * cJSON: whatever the arena accepts, cJSON accepts and prints the same way;
 * whatever cJSON refuses, the arena refuses (it may refuse more: it is
 * stricter about numbers, trailing text and control characters). */
static void
check_json_arena(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	json_arena *a = NULL;
	cJSON *mine, *theirs;

	if (text == NULL)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	mine = json_arena_parse(text, &a);
	theirs = cJSON_Parse(text);
	if (mine && !theirs)
		abort();
	if (mine) {
		char *pm = cJSON_PrintUnformatted(mine), *pt = cJSON_PrintUnformatted(theirs);

		if (pm && pt && strcmp(pm, pt) != 0)
			abort();
		free(pm);
		free(pt);
	}
	json_arena_free(a);
	cJSON_Delete(theirs);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *) data;
	static const unsigned allows[] = {
		0,
		SQL_ALLOW_CREATE_INDEX | SQL_ALLOW_CREATE_STATISTICS |
			SQL_ALLOW_ANALYZE | SQL_ALLOW_CREATE_MATVIEW,
	};
	lint_findings *findings = NULL;
	uint64_t fp;
	error err;

	check_json_arena(data, size);
	for (size_t i = 0; i < sizeof allows / sizeof allows[0]; i++) {
		sql_script *script;

		error_clear(&err);
		script = sql_analyze(src, size, allows[i], &err);
		if (script == NULL) {
			check_error(&err, size);
		} else {
			const sql_statement *q = sql_script_query(script);

			if (q == NULL || q->offset < 0 || (size_t) (q->offset + q->length) > size)
				abort();
		}
		sql_script_free(script);
	}

	error_clear(&err);
	if (sql_lint(src, size, &findings, &err)) {
		for (size_t i = 0; i < findings->n; i++)
			if (findings->items[i].position < 1 ||
				(size_t) findings->items[i].position > size + 1)
				abort();
	} else {
		check_error(&err, size);
	}
	lint_findings_free(findings);

	error_clear(&err);
	if (!sql_fingerprint(src, size, &fp, &err))
		check_error(&err, size);

	free(sql_caret(src, size, (int) (size / 2) + 1));
	return 0;
}
