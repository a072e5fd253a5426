/*
 * bench_sql.c — how fast is SQL analysis compared with parsing alone?
 *
 * Loads every statement of $PGDRILL_CORPUS/sql-regress that parses, then
 * times, in the same run and interleaved round by round:
 *   baseline  bare pg_query_parse of each statement (the parse + JSON that
 *             sql_analyze cannot avoid), on pre-terminated copies;
 *   analyze   sql_analyze of each statement (input checks, parse, cJSON,
 *             classification, policy, whole-tree walk) — on all statements,
 *             and on the SELECTs alone, where the full walk always runs;
 *   lint      sql_lint of each statement.
 * The measures alternate every BLOCK statements, so that load from other
 * processes hits them alike (the machine is shared and noisy).  Prints
 * statements per second, the median of ROUNDS rounds, and the ratio to the
 * baseline (target: analyze ≤ 2× the bare parse time).  Run with
 * `meson test -C build --benchmark` or build/bench/bench_sql directly.
 */
#include <dirent.h>
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sql/lint.h"
#include "sql/script.h"
#include "sql/sql.h"
#include "strbuf.h"

#define ROUNDS 5
#define BLOCK 64
#define ALL_PREP (SQL_ALLOW_CREATE_INDEX | SQL_ALLOW_CREATE_STATISTICS | \
				  SQL_ALLOW_ANALYZE | SQL_ALLOW_CREATE_MATVIEW)

typedef struct stmt {
	char *text;     /* NUL-terminated copy */
	size_t len;
	bool select;
} stmt;

typedef struct stmts {
	stmt *v;
	size_t n, cap;
} stmts;

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static void
load_file(const char *path, stmts *all)
{
	FILE *fp = fopen(path, "rb");
	strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n, count = 0;
	sql_span *spans;
	error err = {0};

	if (fp == NULL)
		return;
	strbuf_init(&sb);
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		strbuf_append_len(&sb, buf, n);
	fclose(fp);
	spans = sql_split(sb.data, sb.len, &count, &err);
	for (size_t i = 0; i < count; i++) {
		sql_kind kind;
		const char *name;
		const char *text = sb.data + spans[i].offset;

		/* keep what both sides can parse */
		if (!sql_classify_statement(text, (size_t) spans[i].length, &kind, &name, &err))
			continue;
		if (all->n == all->cap) {
			all->cap = all->cap ? 2 * all->cap : 1024;
			all->v = xrealloc(all->v, all->cap * sizeof *all->v);
		}
		all->v[all->n].text = xstrndup(text, (size_t) spans[i].length);
		all->v[all->n].len = (size_t) spans[i].length;
		all->v[all->n].select = kind == SQL_KIND_SELECT;
		all->n++;
	}
	free(spans);
	strbuf_free(&sb);
}

static int
compare_double(const void *a, const void *b)
{
	double x = *(const double *) a, y = *(const double *) b;

	return x < y ? -1 : x > y;
}

static double
median(double *v)
{
	qsort(v, ROUNDS, sizeof *v, compare_double);
	return v[ROUNDS / 2];
}

enum { BASE_ALL, ANALYZE_ALL, BASE_SELECT, ANALYZE_SELECT, LINT_ALL, N_MEASURES };

/* Time one measure over statements [from, to). */
static double
run(const stmts *all, int measure, size_t from, size_t to)
{
	bool select_only = measure == BASE_SELECT || measure == ANALYZE_SELECT;
	double start = now_seconds();

	for (size_t i = from; i < to; i++) {
		const stmt *s = &all->v[i];

		if (select_only && !s->select)
			continue;
		if (measure == BASE_ALL || measure == BASE_SELECT) {
			PgQueryParseResult r = pg_query_parse(s->text);

			pg_query_free_parse_result(r);
		} else if (measure == LINT_ALL) {
			lint_findings *f = NULL;
			error err;

			sql_lint(s->text, s->len, &f, &err);
			lint_findings_free(f);
		} else {
			error err;

			sql_script_free(sql_analyze(s->text, s->len, ALL_PREP, &err));
		}
	}
	return now_seconds() - start;
}

int
main(void)
{
	const char *corpus = getenv("PGDRILL_CORPUS");
	static const char *const names[N_MEASURES] = {
		"pg_query_parse, all statements", "sql_analyze, all statements",
		"pg_query_parse, SELECTs", "sql_analyze, SELECTs", "sql_lint, all statements",
	};
	double times[N_MEASURES][ROUNDS];
	double med[N_MEASURES];
	char dir[4096];
	stmts all = {0};
	size_t selects = 0;
	DIR *d;
	struct dirent *e;

	if (corpus == NULL) {
		fprintf(stderr, "bench_sql: set PGDRILL_CORPUS (meson test --benchmark does)\n");
		return 2;
	}
	snprintf(dir, sizeof dir, "%s/sql-regress", corpus);
	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "bench_sql: cannot open %s\n", dir);
		return 2;
	}
	while ((e = readdir(d)) != NULL) {
		char path[8192];
		size_t l = strlen(e->d_name);

		if (l > 4 && strcmp(e->d_name + l - 4, ".sql") == 0) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			load_file(path, &all);
		}
	}
	closedir(d);
	for (size_t i = 0; i < all.n; i++)
		selects += all.v[i].select;

	/* warm-up, then rounds of interleaved blocks */
	run(&all, BASE_ALL, 0, all.n);
	run(&all, ANALYZE_ALL, 0, all.n);
	for (int r = 0; r < ROUNDS; r++) {
		for (int m = 0; m < N_MEASURES; m++)
			times[m][r] = 0;
		for (size_t from = 0; from < all.n; from += BLOCK) {
			size_t to = from + BLOCK < all.n ? from + BLOCK : all.n;

			for (int m = 0; m < N_MEASURES; m++)
				times[m][r] += run(&all, m, from, to);
		}
	}

	printf("bench_sql: %zu statements (%zu SELECTs) from %s, median of %d rounds\n",
		   all.n, selects, dir, ROUNDS);
	for (int m = 0; m < N_MEASURES; m++) {
		size_t n = (m == BASE_SELECT || m == ANALYZE_SELECT) ? selects : all.n;

		med[m] = median(times[m]);
		printf("  %-34s %8.3f s  %10.0f statements/s\n", names[m], med[m],
			   (double) n / med[m]);
	}
	printf("ratio sql_analyze / pg_query_parse: all statements %.2fx, SELECTs %.2fx "
		   "(target <= 2.00x: %s)\n",
		   med[ANALYZE_ALL] / med[BASE_ALL], med[ANALYZE_SELECT] / med[BASE_SELECT],
		   med[ANALYZE_ALL] / med[BASE_ALL] <= 2.0 &&
		   med[ANALYZE_SELECT] / med[BASE_SELECT] <= 2.0 ? "met" : "MISSED");
	printf("ratio sql_lint / pg_query_parse: %.2fx\n", med[LINT_ALL] / med[BASE_ALL]);

	for (size_t i = 0; i < all.n; i++)
		free(all.v[i].text);
	free(all.v);
	return 0;
}
