/*
 * test_corpus.c — the SQL module against PostgreSQL's own regression SQL
 * ($PGDRILL_CORPUS/sql-regress, 217 files, ~41k statements).  Every file is
 * linted whole; every statement (split with the scanner, so files with
 * deliberate syntax errors still count) is classified or cleanly reported,
 * analysed with every preparatory kind allowed, and linted.  A clean report
 * is ERROR_REJECTED with a message and a position inside the input.  Prints
 * counts per kind, per error, per lint rule.  A second test mutates every
 * statement (all its mutants: about a second) and proves each mutant parses again, is a single statement of
 * the same kind, and has its edit inside the statement.  Leaks and memory errors show
 * under ASan or valgrind, which is how CI runs the unit suite.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sql/lint.h"
#include "sql/mutate.h"
#include "sql/script.h"
#include "sql/sql.h"
#include "strbuf.h"

#define ALL_PREP (SQL_ALLOW_CREATE_INDEX | SQL_ALLOW_CREATE_STATISTICS | \
				  SQL_ALLOW_ANALYZE | SQL_ALLOW_CREATE_MATVIEW)
#define MAX_COUNTERS 256

typedef struct counter {
	char name[96];
	size_t n;
} counter;

typedef struct counters {
	counter c[MAX_COUNTERS];
	size_t n;
} counters;

static void
count(counters *cs, const char *name)
{
	for (size_t i = 0; i < cs->n; i++) {
		if (strcmp(cs->c[i].name, name) == 0) {
			cs->c[i].n++;
			return;
		}
	}
	if (cs->n == MAX_COUNTERS)
		name = "(more)";
	else
		cs->n++;
	snprintf(cs->c[cs->n - 1].name, sizeof cs->c[0].name, "%s", name);
	cs->c[cs->n - 1].n++;
}

static int
by_count(const void *a, const void *b)
{
	const counter *x = a, *y = b;

	return x->n == y->n ? strcmp(x->name, y->name) : (x->n < y->n ? 1 : -1);
}

static void
print_counters(const char *title, counters *cs)
{
	qsort(cs->c, cs->n, sizeof cs->c[0], by_count);
	printf("%s:\n", title);
	for (size_t i = 0; i < cs->n; i++)
		printf("  %7zu  %s\n", cs->c[i].n, cs->c[i].name);
}

/* A class for an error message, so the counts stay readable. */
static const char *
error_class(const char *message)
{
	static const char *const classes[] = {
		"syntax error", "nested too deeply", "too complex", "not valid UTF-8",
		"NUL byte", "memory exhausted", "unterminated", "empty input",
		"too large", "locking clause", "data-modifying", "() is not allowed",
		"is not allowed in this drill", "is not allowed", "only one SELECT",
		"must end with",
	};

	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
		if (strstr(message, classes[i]))
			return classes[i];
	return message;
}

/* A clean report: rejected, a message, a position within the input. */
static void
assert_clean_report(const error *err, size_t len, const char *file, int offset)
{
	if (err->kind != ERROR_REJECTED || err->message[0] == '\0' ||
		err->position < 0 || (size_t) err->position > len + 1)
		print_error("%s at byte %d: kind %d \"%s\" position %d\n", file, offset,
					err->kind, err->message, err->position);
	assert_int_equal(err->kind, ERROR_REJECTED);
	assert_true(err->message[0] != '\0');
	assert_true(err->position >= 0 && (size_t) err->position <= len + 1);
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;

	assert_non_null(fp);
	strbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		strbuf_append_len(&sb, buf, n);
	fclose(fp);
	*len = sb.len;
	return strbuf_steal(&sb);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The sorted .sql files of the corpus directory (NULL and a skip when the
 * corpus is not configured). */
static char **
corpus_files(char *dir, size_t dirsize, size_t *nfiles)
{
	const char *corpus = getenv("PGDRILL_CORPUS");
	DIR *d;
	struct dirent *e;
	char **names = NULL;

	*nfiles = 0;
	if (corpus == NULL)
		return NULL;
	snprintf(dir, dirsize, "%s/sql-regress", corpus);
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);

		if (l > 4 && strcmp(e->d_name + l - 4, ".sql") == 0) {
			names = realloc(names, (*nfiles + 1) * sizeof *names);
			names[(*nfiles)++] = strdup(e->d_name);
		}
	}
	closedir(d);
	qsort(names, *nfiles, sizeof *names, compare_names);
	return names;
}

static void
test_regress_corpus(void **state)
{
	char dir[4096];
	char **names;
	size_t nfiles = 0, statements = 0, classified = 0, reported = 0;
	size_t accepted = 0, files_linted = 0, findings = 0;
	counters *kinds = calloc(1, sizeof *kinds);
	counters *errors = calloc(1, sizeof *errors);
	counters *rejections = calloc(1, sizeof *rejections);
	counters *rules = calloc(1, sizeof *rules);

	(void) state;
	names = corpus_files(dir, sizeof dir, &nfiles);
	if (names == NULL) {
		free(kinds), free(errors), free(rejections), free(rules);
		skip();
	}

	for (size_t fi = 0; fi < nfiles; fi++) {
		char path[8192];
		size_t len, n = 0;
		char *src;
		sql_span *spans;
		lint_findings *lf = NULL;
		error err = {0};

		snprintf(path, sizeof path, "%s/%s", dir, names[fi]);
		src = read_file(path, &len);

		/* the whole file, as `pgdrill lint FILE` sees it */
		if (sql_lint(src, len, &lf, &err))
			files_linted++;
		else
			assert_clean_report(&err, len, names[fi], 0);
		lint_findings_free(lf);

		spans = sql_split(src, len, &n, &err);
		if (spans == NULL && n == 0 && err.kind != ERROR_NONE)
			assert_clean_report(&err, len, names[fi], 0);
		for (size_t i = 0; i < n; i++) {
			const char *text = src + spans[i].offset;
			size_t tlen = (size_t) spans[i].length;
			sql_kind kind;
			const char *name;
			sql_script *script;

			statements++;
			error_clear(&err);
			if (sql_classify_statement(text, tlen, &kind, &name, &err)) {
				classified++;
				count(kinds, name);
			} else {
				reported++;
				assert_clean_report(&err, tlen, names[fi], spans[i].offset);
				count(errors, error_class(err.message));
				continue;
			}
			error_clear(&err);
			script = sql_analyze(text, tlen, ALL_PREP, &err);
			if (script) {
				accepted++;
				assert_non_null(sql_script_query(script));
			} else {
				assert_clean_report(&err, tlen, names[fi], spans[i].offset);
				count(rejections, error_class(err.message));
			}
			sql_script_free(script);

			lf = NULL;
			error_clear(&err);
			assert_true(sql_lint(text, tlen, &lf, &err));
			for (size_t k = 0; k < lf->n; k++) {
				assert_true(lf->items[k].position >= 1 &&
							(size_t) lf->items[k].position <= tlen);
				count(rules, lf->items[k].id);
			}
			findings += lf->n;
			lint_findings_free(lf);
		}
		free(spans);
		free(src);
		free(names[fi]);
	}
	free(names);

	printf("sql-regress: %zu files (%zu linted whole, the rest reported), "
		   "%zu statements: %zu classified, %zu cleanly reported; "
		   "%zu accepted as answers; %zu lint findings\n",
		   nfiles, files_linted, statements, classified, reported, accepted, findings);
	print_counters("statements per kind", kinds);
	print_counters("statements reported (not analysable)", errors);
	print_counters("classified statements rejected as answers, by reason", rejections);
	print_counters("lint findings per rule", rules);

	assert_int_equal(nfiles, 217);
	assert_true(statements > 40000);
	assert_int_equal(classified + reported, statements);
	/* the regression SQL is mostly valid SQL: nearly all of it classifies */
	assert_true(classified > statements * 9 / 10);
	free(kinds);
	free(errors);
	free(rejections);
	free(rules);
}

/* Mutants per statement in the corpus test (0 = all): all of them take
 * about a second (48k mutants, each parsed again), so there is no cap. */
#define CORPUS_MUTANTS 0

static void
test_mutate_corpus(void **state)
{
	char dir[4096];
	size_t nfiles = 0, statements = 0, mutated = 0, mutants = 0;
	char **names = corpus_files(dir, sizeof dir, &nfiles);
	counters *ops = calloc(1, sizeof *ops);

	(void) state;
	if (names == NULL) {
		free(ops);
		skip();
	}
	for (size_t fi = 0; fi < nfiles; fi++) {
		char path[8192];
		size_t len, n = 0;
		char *src;
		sql_span *spans;
		error err = {0};

		snprintf(path, sizeof path, "%s/%s", dir, names[fi]);
		src = read_file(path, &len);
		spans = sql_split(src, len, &n, &err);
		for (size_t i = 0; i < n; i++) {
			const char *text = src + spans[i].offset;
			size_t tlen = (size_t) spans[i].length;
			sql_kind kind, mkind;
			const char *name, *mname;
			sql_mutants *m = NULL;

			statements++;
			error_clear(&err);
			if (!sql_classify_statement(text, tlen, &kind, &name, &err))
				continue;
			if (!sql_mutate(text, tlen, CORPUS_MUTANTS, &m, &err)) {
				/* only what the parser refuses (nesting, size) may fail */
				assert_clean_report(&err, tlen, names[fi], spans[i].offset);
				continue;
			}
			mutated++;
			for (size_t k = 0; k < m->n; k++) {
				const sql_mutant *mu = &m->items[k];

				error_clear(&err);
				if (!sql_classify_statement(mu->sql, strlen(mu->sql), &mkind, &mname, &err))
					print_error("%s at byte %d: %s does not parse: %s\n%s\n", names[fi],
								spans[i].offset, mu->id, err.message, mu->sql);
				assert_int_equal(err.kind, ERROR_NONE);
				assert_int_equal(mkind, kind);
				assert_true(mu->position >= 1 && (size_t) mu->position <= tlen);
				count(ops, mu->op);
			}
			mutants += m->n;
			sql_mutants_free(m);
		}
		free(spans);
		free(src);
		free(names[fi]);
	}
	free(names);
	printf("sql-regress: %zu statements, %zu parsed and mutated, %zu mutants, all parse\n",
		   statements, mutated, mutants);
	print_counters("mutants per operator", ops);
	assert_true(statements > 40000);
	assert_true(mutants > 10000);
	free(ops);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regress_corpus),
		cmocka_unit_test(test_mutate_corpus),
	};
	return cmocka_run_group_tests_name("sql_corpus", tests, NULL, NULL);
}
