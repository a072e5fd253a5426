/*
 * bench_plan.c — how long reading and explaining a plan takes, against a
 * baseline measured in the same run: cJSON_Parse + cJSON_Delete of the
 * same text (the floor any JSON plan reader pays).  For every corpus plan
 * (PGDRILL_CORPUS/plans) it times plan_parse + plan_free, then insights,
 * the picture and a diff against itself, and prints microseconds per call
 * and the ratio to the baseline.  Run: meson test -C build --benchmark plan
 * (or build/bench/bench_plan).  Not a test: it never fails on figures.
 */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plan/diff.h"
#include "plan/insight.h"
#include "plan/plan.h"
#include "plan/render.h"
#include "strbuf.h"

#define ROUNDS 2000

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_append_len(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return strbuf_steal(&sb);
}

static void
bench_file(const char *path, const char *name)
{
	size_t len;
	char *text = slurp(path, &len);
	double t0, base, parse, explain;
	error err;
	plan *p;

	if (text == NULL)
		return;
	t0 = now_us();
	for (int i = 0; i < ROUNDS; i++)
		cJSON_Delete(cJSON_ParseWithLength(text, len));
	base = (now_us() - t0) / ROUNDS;

	t0 = now_us();
	for (int i = 0; i < ROUNDS; i++)
		plan_free(plan_parse(text, len, &err));
	parse = (now_us() - t0) / ROUNDS;

	p = plan_parse(text, len, &err);
	if (p == NULL) {
		printf("%-28s unreadable: %s\n", name, err.message);
		free(text);
		return;
	}
	t0 = now_us();
	for (int i = 0; i < ROUNDS; i++) {
		insight_list *l = plan_insights(p);
		plan_diff *d = plan_diff_compute(p, p, "a", "b");

		free(insight_list_text(l, false));
		free(plan_render(p, true, 100));
		plan_diff_free(d);
		insight_list_free(l);
	}
	explain = (now_us() - t0) / ROUNDS;
	printf("%-28s %6zu B %4zu nodes  cJSON %8.1f us  plan_parse %8.1f us (%.2fx)  "
		   "insights+picture+diff %8.1f us (%.2fx)\n", name, len, p->n_nodes, base, parse,
		   parse / base, explain, explain / base);
	plan_free(p);
	free(text);
}

int
main(void)
{
	const char *corpus = getenv("PGDRILL_CORPUS");
	char *dir_path;
	DIR *dir;
	struct dirent *e;

	if (corpus == NULL) {
		fprintf(stderr, "bench_plan: set PGDRILL_CORPUS (meson sets it)\n");
		return 1;
	}
	dir_path = xasprintf("%s/plans", corpus);
	dir = opendir(dir_path);
	if (dir == NULL) {
		fprintf(stderr, "bench_plan: cannot open %s\n", dir_path);
		free(dir_path);
		return 1;
	}
	printf("bench_plan: %d rounds per figure; baseline = cJSON_Parse + cJSON_Delete\n", ROUNDS);
	while ((e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name);
		char *path;

		if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		path = xasprintf("%s/%s", dir_path, e->d_name);
		bench_file(path, e->d_name);
		free(path);
	}
	closedir(dir);
	free(dir_path);
	return 0;
}
